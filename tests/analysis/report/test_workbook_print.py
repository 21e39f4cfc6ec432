"""The report workbook prints legibly on A4, and carries the writer's key findings and
recommendations (SYNTHETIC data).

Read back with openpyxl (page setup), and, marked ``libreoffice``, printed to PDF by LibreOffice
and read with pypdf: no cell's text is cut, and no page's body text is smaller than 7 points.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from openpyxl.utils import get_column_letter
from synthetic_data import add_topics, make_report_data

from analysis.report.published import PublishedTable
from analysis.report.tables import build_tables
from analysis.report.xlsx import LEGIBLE_WIDTH, write_workbook

# SYNTHETIC: a method note far longer than a page is wide, and a 24-column table like the
# demo's emergent themes.
LONG_NOTE = ("Anonymisation: every free-text answer was anonymised before analysis; names, "
             "places, organisations, contact details and other identifying details were "
             "replaced by placeholders such as [PERSON 1], direct identifier columns were "
             "dropped, and ages and postcodes were put into broad bands. " * 3).strip()
KEY_FINDING = "SYNTHETIC. Most survivors who answered said waiting was the hardest part."
RECOMMENDATIONS = ["SYNTHETIC. Publish one clear page listing every local service.",
                   "SYNTHETIC. Tell everyone on a waiting list what happens next."]


def _wide_topics() -> PublishedTable:
    cols = {"Topic": list(range(6)), "Label": [f"topic label number {i}" for i in range(6)]}
    for k in range(20):
        cols[f"Cohort or code column {k}"] = [k + i for i in range(6)]
    cols["Top words"] = ["waiting, list, counselling, months, phone"] * 6
    cols["Representative answers (anonymised)"] = [
        "The waiting list for counselling felt very long and nobody told me what came next."
    ] * 6
    return PublishedTable("topics", "Emergent themes (topic model)", pd.DataFrame(cols),
                          ("Emergent topics are leads for a person to review.",))


@pytest.fixture(scope="module")
def tables():
    t = build_tables(add_topics(make_report_data()))
    narrative = {"key-findings": [("bullet", KEY_FINDING)],
                 "recommendations": [("title", "Recommendations"),
                                     *(("bullet", r) for r in RECOMMENDATIONS)]}
    return replace(t, method_notes=(*t.method_notes, LONG_NOTE), topics=_wide_topics(),
                   narrative=narrative)


@pytest.fixture(scope="module")
def book(tables, tmp_path_factory) -> Path:
    return write_workbook(tables, tmp_path_factory.mktemp("wb") / "report.xlsx")


def _width(ws) -> float:
    return sum(ws.column_dimensions[get_column_letter(j)].width or 9.0
               for j in range(1, ws.max_column + 1))


def test_every_sheet_is_a4_landscape_fit_to_width_with_titles(book):
    wb = openpyxl.load_workbook(book)
    for ws in wb.worksheets:
        ps = ws.page_setup
        assert str(ps.paperSize) == str(ws.PAPERSIZE_A4) and ps.orientation == "landscape", ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ps.fitToHeight == 0, ws.title  # as many pages tall as it needs
        assert ws.print_title_rows, ws.title
        # never squeezed below the legible scale: wider than that, it spreads over pages
        pages = int(ps.fitToWidth)
        assert _width(ws) <= LEGIBLE_WIDTH * pages, (ws.title, _width(ws), pages)


def test_a_wide_sheet_spreads_over_pages_and_repeats_its_first_column(book):
    ws = openpyxl.load_workbook(book)["Emergent themes"]
    assert int(ws.page_setup.fitToWidth) >= 2
    assert ws.print_title_cols


def test_method_notes_wrap_within_the_page(book):
    ws = openpyxl.load_workbook(book)["Method notes"]
    cell = next(c for row in ws.iter_rows() for c in row if c.value == LONG_NOTE)
    assert cell.alignment.wrap_text
    assert _width(ws) <= LEGIBLE_WIDTH
    assert ws.row_dimensions[cell.row].height and ws.row_dimensions[cell.row].height > 30


def test_long_text_outside_tables_wraps_across_the_table(book):
    """A note or banner in column A never runs past the table's last column (it would be cut
    at the print area's edge)."""
    wb = openpyxl.load_workbook(book)
    for ws in wb.worksheets:
        merged = {r.min_row: r for r in ws.merged_cells.ranges}
        in_table = set()
        for t in ws.tables.values():
            lo, hi = re.findall(r"\d+", t.ref)
            in_table |= set(range(int(lo), int(hi) + 1))
        width_a = ws.column_dimensions["A"].width or 9.0
        for row in ws.iter_rows(min_col=1, max_col=1):
            c = row[0]
            if c.row in in_table or not isinstance(c.value, str) or len(c.value) <= width_a:
                continue
            assert c.alignment.wrap_text, (ws.title, c.coordinate)
            if ws.max_column > 1:
                assert c.row in merged, (ws.title, c.coordinate)


def test_key_findings_and_recommendations_are_the_writers(book):
    ws = openpyxl.load_workbook(book)["Key findings"]
    values = [c.value for row in ws.iter_rows() for c in row if c.value is not None]
    assert KEY_FINDING in values
    assert all(r in values for r in RECOMMENDATIONS)
    assert "Recommendations" in values


def test_generated_key_findings_without_a_narrative(tables, tmp_path):
    path = write_workbook(replace(tables, narrative=None), tmp_path / "r.xlsx")
    ws = openpyxl.load_workbook(path)["Key findings"]
    values = [c.value for row in ws.iter_rows() for c in row if c.value is not None]
    assert KEY_FINDING not in values
    assert any(str(f.text if hasattr(f, "text") else f) in values for f in tables.key_findings)


@pytest.mark.libreoffice
def test_printed_by_libreoffice_nothing_is_cut_and_text_is_legible(book, soffice_path,
                                                                    tmp_path):
    import pypdf

    subprocess.run([soffice_path, f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(book)],
                   capture_output=True, timeout=180, check=True)
    reader = pypdf.PdfReader(tmp_path / "report.pdf")
    text = "".join(re.sub(r"\s+", "", p.extract_text()) for p in reader.pages)
    assert re.sub(r"\s+", "", LONG_NOTE) in text  # the longest method note, whole
    wb = openpyxl.load_workbook(book)
    cut = [(ws.title, c.coordinate) for ws in wb.worksheets for row in ws.iter_rows()
           for c in row if isinstance(c.value, str) and re.sub(r"\s+", "", c.value) not in text]
    assert not cut
    for n, page in enumerate(reader.pages, start=1):
        sizes: list[float] = []

        def visit(t, cm, tm, _font, size, sizes=sizes):
            if t.strip():
                sizes.append(size * abs(tm[0]) * (abs(cm[0]) or 1.0))

        page.extract_text(visitor_text=visit)
        assert min(sizes) >= 7.0, (n, min(sizes))
