"""Printable questionnaires (HTML and Word) for paper or read-aloud use.

Both show the introduction, support services and quick-exit note first, then each question with
its id (so paper answers can be typed into the import sheet), kind, help, routing, tick boxes for
options and space for free text, content notes before the questions they cover, and the support
services again at the end.
"""

from __future__ import annotations

import html
from pathlib import Path

from survey.atomic import atomic_open, atomic_path
from survey.instrument import Instrument, Question
from survey.publish.common import KIND_NAMES, Form, build_form, routing_text

BOX = "\u2610"
CSS = ("body{font-family:Arial,Helvetica,sans-serif;max-width:48em;margin:2em auto;"
       "line-height:1.5;font-size:12pt}.note{border-left:4px solid #1b9e77;padding:.4em .8em;"
       "background:#f3f8f6}.q{margin:1.2em 0;page-break-inside:avoid}.qid{color:#555;"
       "font-size:.85em}.lines{border-bottom:1px solid #999;height:2em}"
       "@media print{.note{background:none}}")


def _notes(form: Form, end: bool) -> list[tuple[str, str]]:
    inst = form.instrument
    if end:
        return [(t, x) for t, x in (("Support services", inst.signposting),
                                    ("Thank you", inst.outro)) if x]
    return [(t, x) for t, x in (("About this survey", inst.intro),
                                ("Support services", inst.signposting),
                                ("Leaving the survey", inst.quick_exit)) if x]


def _meta(form: Form, q: Question) -> list[str]:
    out = [f"[{q.id}] {KIND_NAMES[q.kind]}" + (" (required)" if q.required and q.consent
                                                else " (optional)")]
    if route := routing_text(form, q):
        out.append(route)
    if form.cohort is None and q.cohorts:
        out.append("Asked of: " + ", ".join(q.cohorts))
    return out


def write_html(instrument: Instrument, path: str | Path, *, cohort: str | None = None,
               wave: int | None = None) -> Path:
    """Write the printable HTML questionnaire (atomically; self-contained, no scripts)."""
    form = build_form(instrument, cohort=cohort, wave=wave)
    e = html.escape
    title = form.instrument.name + (f" ({form.cohort})" if form.cohort else "")
    parts = [f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{e(title)}"
             f"</title><style>{CSS}</style></head><body><h1>{e(title)}</h1>"]
    parts += [f"<div class=\"note\"><h2>{e(h)}</h2><p>{e(t)}</p></div>"
              for h, t in _notes(form, end=False)]
    for n, q in enumerate(form.questions, start=1):
        if q.content_note:
            parts.append(f"<div class=\"note\"><p><strong>Content note:</strong> "
                         f"{e(q.content_note)}</p></div>")
        parts.append(f"<div class=\"q\" id=\"{e(q.id)}\"><p><strong>{n}. {e(q.text)}</strong>"
                     f"<br><span class=\"qid\">{e(' · '.join(_meta(form, q)))}</span></p>")
        if q.help:
            parts.append(f"<p><em>{e(q.help)}</em></p>")
        if q.options:
            parts.append("<ul style=\"list-style:none\">" + "".join(
                f"<li>{BOX} {e(o.label)}</li>" for o in q.options) + "</ul>")
        else:
            parts.append("<div class=\"lines\"></div>" * (4 if q.kind == "text" else 1))
        parts.append("</div>")
    parts += [f"<div class=\"note\"><h2>{e(h)}</h2><p>{e(t)}</p></div>"
              for h, t in _notes(form, end=True)]
    parts.append("</body></html>\n")
    with atomic_open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("".join(parts))
    return Path(path)


def write_docx(instrument: Instrument, path: str | Path, *, cohort: str | None = None,
               wave: int | None = None) -> Path:
    """Write the printable Word questionnaire (atomically)."""
    import docx

    form = build_form(instrument, cohort=cohort, wave=wave)
    doc = docx.Document()
    doc.core_properties.title = form.instrument.name
    doc.core_properties.author = "Survivor Voices"
    doc.add_heading(form.instrument.name + (f" ({form.cohort})" if form.cohort else ""), 0)
    for h, t in _notes(form, end=False):
        doc.add_heading(h, 2)
        doc.add_paragraph(t)
    for n, q in enumerate(form.questions, start=1):
        if q.content_note:
            p = doc.add_paragraph()
            p.add_run("Content note: ").bold = True
            p.add_run(q.content_note)
        p = doc.add_paragraph()
        p.add_run(f"{n}. {q.text}").bold = True
        doc.add_paragraph(" · ".join(_meta(form, q))).runs[0].italic = True
        if q.help:
            doc.add_paragraph(q.help).runs[0].italic = True
        for o in q.options:
            doc.add_paragraph(f"{BOX} {o.label}")
        if not q.options:
            for _ in range(4 if q.kind == "text" else 1):
                doc.add_paragraph("_" * 60)
    for h, t in _notes(form, end=True):
        doc.add_heading(h, 2)
        doc.add_paragraph(t)
    path = Path(path)
    with atomic_path(path) as tmp:
        doc.save(str(tmp))
    return path
