"""A generic import sheet for platforms without an import format.

Sheet ``Questions`` lists every question (id, text, kind, options, help, routing, required,
content note) for whoever builds the form by hand; ``Options`` lists codes and labels; sheet
``Responses`` is the export template: one header row of ``response_id``, ``submitted`` and one
column per question id. Fill it (one row per response; a multiple-choice answer lists its option
labels separated by ``; ``) and it ingests with the generic reader (``platform: generic``,
``sheet: Responses``, ``column_map`` from :func:`survey.publish.ingest_column_map`).
"""

from __future__ import annotations

from pathlib import Path

from survey.atomic import atomic_path
from survey.instrument import Instrument
from survey.publish.common import KIND_NAMES, build_form, routing_text

QUESTION_COLUMNS = ("order", "id", "text", "kind", "answer_type", "options", "help", "required",
                    "show_if", "content_note", "cohorts")
MULTI_SEPARATOR = "; "
RESPONSE_SHEET = "Responses"


def write_sheet(instrument: Instrument, path: str | Path, *, cohort: str | None = None,
                wave: int | None = None) -> Path:
    """Write the import sheet workbook (atomically).

    Raises:
        ConfigError: Questions go to several cohorts and none was chosen.
    """
    from openpyxl import Workbook

    form = build_form(instrument, cohort=cohort, wave=wave, one_cohort=True)
    inst = form.instrument
    wb = Workbook()
    ws = wb.active
    ws.title = "Questions"
    ws.append(list(QUESTION_COLUMNS))
    for i, q in enumerate(form.questions, start=1):
        ws.append([i, q.id, q.text, q.kind, KIND_NAMES[q.kind],
                   MULTI_SEPARATOR.join(q.labels) or None, q.help,
                   "yes" if q.required and q.consent else "no", routing_text(form, q),
                   q.content_note, ", ".join(q.cohorts) or "all"])
    opts = wb.create_sheet("Options")
    opts.append(["question_id", "code", "label"])
    for q in form.questions:
        for o in q.options:
            opts.append([q.id, o.code, o.label])
    notes = wb.create_sheet("Notes")
    notes.append(["where", "text"])
    for where, text in (("start: introduction", inst.intro),
                        ("start: support services", inst.signposting),
                        ("start: quick exit", inst.quick_exit),
                        ("end: support services", inst.signposting),
                        ("end: thank you", inst.outro)):
        if text:
            notes.append([where, text])
    resp = wb.create_sheet(RESPONSE_SHEET)
    resp.append(["response_id", "submitted", *(q.id for q in form.questions)])
    path = Path(path)
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return path
