"""XLSForm (KoboToolbox, ODK): ``survey``, ``choices`` and ``settings`` sheets.

Question ``name`` is the question id and choice ``name`` the option code, so a KoboToolbox export
with "XML values and headers" carries the ids as column names. Notes (introduction, signposting
at the start and the end, content notes, quick exit) are ``note`` rows; only the consent question
can be ``required``; every other question is shown only after consent (``relevant``) and routing
(``show_if``) becomes ``relevant`` too.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from survey.atomic import atomic_path
from survey.instrument import Instrument, Question
from survey.publish.common import Form, build_form

SURVEY_COLUMNS = ("type", "name", "label", "hint", "required", "relevant")
CHOICE_COLUMNS = ("list_name", "name", "label")
TYPES = {"text": "text", "single": "select_one", "likert": "select_one",
         "multiple": "select_multiple", "number": "decimal", "date": "date"}


def _choice_name(code: str) -> str:
    """XLSForm choice names: letters, digits, ``_``, ``-``, ``.`` (no spaces)."""
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", code.strip()).strip("_")
    return name or "blank"


def _condition(form: Form, q: Question) -> str | None:
    parts = []
    consent = form.consent
    if consent is not None and q is not consent and consent.options:
        parts.append(f"${{{consent.id}}} = '{_choice_name(consent.options[0].code)}'")
    if q.show_if is not None:
        target = next((x for x in form.questions if x.id == q.show_if.question), None)
        if target is not None:
            codes = [_choice_name(o.code) for o in target.options if o.label in q.show_if.any_of]
            if target.kind == "multiple":
                ors = [f"selected(${{{target.id}}}, '{c}')" for c in codes]
            else:
                ors = [f"${{{target.id}}} = '{c}'" for c in codes]
            parts.append(ors[0] if len(ors) == 1 else "(" + " or ".join(ors) + ")")
    return " and ".join(parts) or None


def xlsform_rows(instrument: Instrument, *, cohort: str | None = None,
                 wave: int | None = None) -> dict[str, list[dict[str, Any]]]:
    """The XLSForm as rows per sheet: ``{"survey": [...], "choices": [...], "settings": [...]}``.

    Raises:
        ConfigError: Questions go to several cohorts and none was chosen.
    """
    form = build_form(instrument, cohort=cohort, wave=wave, one_cohort=True)
    inst = form.instrument
    survey: list[dict[str, Any]] = []
    choices: list[dict[str, Any]] = []

    def note(name: str, text: str | None, relevant: str | None = None) -> None:
        if text:
            survey.append({"type": "note", "name": name, "label": text, "relevant": relevant})

    note("intro", inst.intro)
    note("signposting_start", inst.signposting)
    note("quick_exit", inst.quick_exit)
    for q in form.questions:
        relevant = _condition(form, q)
        note(f"content_note_{q.id}", q.content_note, relevant)
        qtype = TYPES[q.kind]
        if q.options:
            qtype = f"{qtype} {q.id}"
            choices.extend({"list_name": q.id, "name": _choice_name(o.code), "label": o.label}
                           for o in q.options)
        survey.append({"type": qtype, "name": q.id, "label": q.text, "hint": q.help,
                       "required": "yes" if q.required and q.consent else None,
                       "relevant": relevant})
    note("signposting_end", inst.signposting)
    note("outro", inst.outro)
    form_id = re.sub(r"[^a-z0-9_]+", "_", inst.name.lower()).strip("_")[:40] or "survey"
    suffix = f"_{form.cohort}" if form.cohort else ""
    settings = [{"form_title": inst.name + (f" ({form.cohort})" if form.cohort else ""),
                 "form_id": f"{form_id}{suffix}_w{form.wave}", "version": str(inst.version)}]
    return {"survey": survey, "choices": choices, "settings": settings}


def write_xlsform(instrument: Instrument, path: str | Path, *, cohort: str | None = None,
                  wave: int | None = None) -> Path:
    """Write the XLSForm workbook (atomically).

    Raises:
        ConfigError: As :func:`xlsform_rows`.
    """
    from openpyxl import Workbook

    sheets = xlsform_rows(instrument, cohort=cohort, wave=wave)
    wb = Workbook()
    wb.remove(wb.active)
    columns = {"survey": SURVEY_COLUMNS, "choices": CHOICE_COLUMNS,
               "settings": ("form_title", "form_id", "version")}
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        ws.append(list(columns[name]))
        for row in rows:
            ws.append([row.get(c) for c in columns[name]])
    path = Path(path)
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return path
