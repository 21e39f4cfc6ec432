"""Writing one report: every table computed once, then one writer per format.

``write_report(data, out_dir)`` computes every table once
(:func:`analysis.report.tables.build_tables`, disclosure controlled) unless it is given them,
then writes ``report.xlsx``, ``report.html``, ``report.docx``, ``quotes.csv``, ``tables/*.csv``
and ``figures/*.png|svg``, each atomically.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from analysis.report.csv_out import write_csv, write_quotes_csv, write_table_csvs
from analysis.report.data import ReportData
from analysis.report.docx import write_docx
from analysis.report.figures import write_figures
from analysis.report.html import write_html
from analysis.report.structure import build_blocks
from analysis.report.tables import build_tables
from analysis.report.xlsx import write_workbook

QUOTE_BANK_NAME = "quote_bank.NOT-FOR-PUBLICATION.csv"
"""The working file of every candidate quote, beside the store; never part of the report."""


def write_quote_bank(bank: Any, store_dir: Path) -> Path:
    """Write the full candidate quote bank as a working file beside the store.

    It feeds the workspace's quotes page; its name says it is not for publication, and no
    published output (workbook, HTML, Word, ``quotes.csv``) carries it.
    """
    frame = bank.copy()
    frame.insert(0, "not_for_publication", "NOT FOR PUBLICATION: working file")
    return write_csv(frame, Path(store_dir) / QUOTE_BANK_NAME)


def write_report(data: ReportData, out_dir: Path, *, per_code: int = 3, tables: Any = None,
                 narrative: dict | None = None, template: Path | None = None
                 ) -> dict[str, Path]:
    """Write every report file into ``out_dir``.

    Args:
        data: Anonymised report data.
        out_dir: Output folder (created if missing).
        per_code: Most quotes per code.
        tables: Already built tables (built from ``data`` when not given).
        narrative: The writer's text from ``narrative.md`` (:func:`analysis.narrative.load`).
        template: A house ``.docx`` whose styles the Word report uses.

    Returns:
        ``name -> path``: ``xlsx``, ``html``, ``docx``, ``quotes_csv``, ``table:<key>`` and
        ``figure:<name>.<png|svg>``.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    tables = tables if tables is not None else build_tables(data, per_code=per_code)
    if narrative:
        tables = replace(tables, narrative=narrative)
    if not tables.consent and data.instrument is not None:
        tables = replace(tables, consent=tuple(f"closed_{q.id}" for q in data.instrument.questions
                                               if q.consent))
    figures = write_figures(tables, out_dir / "figures",
                            min_base_for_percent=data.disclosure.min_base_for_percent)
    # the chapter's blocks (published tables, the writer's narrative over them) are built once
    # and handed to the HTML and Word writers, so both print the same chapter
    blocks = build_blocks(tables, figures)
    written = {"xlsx": write_workbook(tables, out_dir / "report.xlsx"),
               "html": write_html(tables, out_dir / "report.html", figures=figures,
                                  blocks=blocks),
               "docx": write_docx(tables, out_dir / "report.docx", figures=figures,
                                  template=template, blocks=blocks),
               "quotes_csv": write_quotes_csv(tables.quotes, out_dir / "quotes.csv"),
               "quote_bank": write_quote_bank(tables.quote_bank, out_dir)}
    for key, path in write_table_csvs(tables, out_dir / "tables").items():
        written[f"table:{key}"] = path
    for name, paths in figures.items():
        for ext, path in paths.items():
            written[f"figure:{name}.{ext}"] = path
    return written
