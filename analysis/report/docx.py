"""A Word report (python-docx): headings, tables and PNG charts in the same order as the HTML."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.shared import Inches, Pt

from analysis.report.cells import text
from analysis.report.data import MACHINE_NOTE, ReportSection
from analysis.report.tables import PublishedTable, ReportTables
from survey.atomic import atomic_path


def _table(doc: Document, t: PublishedTable) -> None:
    doc.add_heading(text(t.title), level=3)
    df = t.table
    table = doc.add_table(rows=1, cols=len(df.columns))
    table.style = "Table Grid"
    for cell, col in zip(table.rows[0].cells, df.columns):
        cell.text = text(col)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in df.itertuples(index=False):
        cells = table.add_row().cells
        for cell, v in zip(cells, row):
            cell.text = text(v)
    for note in t.notes:
        p = doc.add_paragraph(text(note))
        for run in p.runs:
            run.italic = True
            run.font.size = Pt(8)


def _section(doc: Document, section: ReportSection) -> None:
    doc.add_heading(text(section.title), level=1)
    if section.intro:
        doc.add_paragraph(text(section.intro))
    for caption, df in section.tables:
        _table(doc, PublishedTable(section.key, caption, df))
    for note in section.notes:
        p = doc.add_paragraph(text(note))
        for run in p.runs:
            run.italic = True
            run.font.size = Pt(8)


def _figure(doc: Document, figures: dict[str, dict[str, Path]], name: str) -> None:
    paths = figures.get(name)
    if paths and "png" in paths:
        doc.add_picture(str(paths["png"]), width=Inches(6.0))


def _machine(doc: Document, machine: bool) -> None:
    if machine:
        p = doc.add_paragraph()
        run = p.add_run(f"Note: this section uses {MACHINE_NOTE}.")
        run.bold = True


def write_docx(tables: ReportTables, path: str | Path, *,
               figures: dict[str, dict[str, Path]] | None = None) -> Path:
    """Write the Word report atomically and return its path."""
    figures = figures or {}
    doc = Document()
    doc.core_properties.author = ""
    doc.core_properties.title = text(tables.project_name)
    doc.add_heading(text(tables.project_name), level=0)
    _machine(doc, tables.machine_suggested)
    doc.add_heading("Who we heard from", level=1)
    _table(doc, tables.respondents)
    doc.add_heading("Themes", level=1)
    _machine(doc, tables.machine_suggested)
    _table(doc, tables.themes)
    _figure(doc, figures, "themes_by_cohort")
    doc.add_heading("What people said: quotes by theme", level=1)
    _machine(doc, tables.machine_suggested)
    if tables.quotes.empty:
        doc.add_paragraph("No quotes could be selected.")
    for theme, tq in tables.quotes.groupby("theme", sort=False):
        doc.add_heading(text(theme), level=2)
        for code, cq in tq.groupby("code_label", sort=False):
            doc.add_heading(text(code), level=3)
            for r in cq.sort_values("rank").itertuples(index=False):
                doc.add_paragraph(f"“{text(r.text)}”", style="Quote")
                doc.add_paragraph(f"— {text(r.cohort)}")
    doc.add_heading("Closed questions", level=1)
    for t in tables.closed:
        _table(doc, t)
        _figure(doc, figures, t.key)
    doc.add_heading("Emergent themes", level=1)
    if tables.topics is None:
        doc.add_paragraph("No topic model was run.")
    else:
        _table(doc, tables.topics)
        _figure(doc, figures, "topic_map")
        for t, fig in ((tables.topic_cohorts, "topic_sizes_by_cohort"),
                       (tables.topic_codes, "topic_code_heatmap")):
            if t is not None:
                _table(doc, t)
                _figure(doc, figures, fig)
    for section in tables.extra_sections:
        _section(doc, section)
    doc.add_heading("Method and disclosure notes", level=1)
    for note in tables.method_notes:
        doc.add_paragraph(text(note), style="List Bullet")
    with atomic_path(path) as tmp:
        doc.save(str(tmp))
    return Path(path)
