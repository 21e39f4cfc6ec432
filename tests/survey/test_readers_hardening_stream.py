"""Big workbooks are streamed row by row (issue 16, item 1): above ``limits.stream_above_mb``
the sheet is read with openpyxl's read-only mode instead of python-calamine, and both paths
build the same grid. Workbooks are SYNTHETIC, made here."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from survey.config import ArchiveLimits, SourceConfig
from survey.errors import InputFileError
from survey.readers import read_source
from survey.readers.common import load_xlsx

STREAM = ArchiveLimits(stream_above_mb=0)  # every workbook is "big"
CALAMINE = ArchiveLimits(stream_above_mb=10_000)


def _book(path: Path, *, stray: bool = True) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Responses"
    ws.append(["UserID", "Started", "How many visits?", "Any comments?", "Consented"])
    ws.append([101, dt.datetime(2024, 3, 4, 10, 15), 3, "  The room was quiet  ", True])
    ws.append([102, dt.date(2024, 5, 6), 2.5, None, False])
    ws.append([])  # a blank row inside the data
    ws.append([104, dt.datetime(2024, 7, 8, 16, 0), 0, "Synthetic: sooner please", None])
    if stray:
        ws.cell(row=6, column=7, value="stray note far right")
    other = wb.create_sheet("Notes")
    other.append(["Synthetic notes sheet"])
    wb.save(path)
    return path


def test_stream_and_calamine_build_the_same_grid(tmp_path):
    path = _book(tmp_path / "b.xlsx")
    fast = load_xlsx(path, limits=CALAMINE)
    streamed = load_xlsx(path, limits=STREAM)
    assert streamed.rows == fast.rows
    assert streamed.row_numbers == fast.row_numbers and streamed.widths == fast.widths
    assert streamed.rows[1][3] == "The room was quiet" and streamed.rows[1][0] == 101.0


def test_stream_reads_past_a_wrong_dimension(tmp_path):
    path = _book(tmp_path / "d.xlsx")
    fixed = tmp_path / "wrong_dimension.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data, n = re.subn(rb'<dimension ref="[^"]*"', b'<dimension ref="A1"', data)
                assert n == 1
            dst.writestr(info, data)
    grid = load_xlsx(fixed, limits=STREAM)
    assert len(grid.rows) == 6 and grid.rows[5][6] == "stray note far right"


def test_stream_sheet_by_name_and_unknown_sheet(tmp_path):
    path = _book(tmp_path / "s.xlsx")
    assert load_xlsx(path, sheet="Notes", limits=STREAM).rows == [["Synthetic notes sheet"]]
    with pytest.raises(InputFileError, match="no sheet named 'Missing'; sheets: Responses"):
        load_xlsx(path, sheet="Missing", limits=STREAM)


def test_stream_header_rows_only(tmp_path):
    grid = load_xlsx(_book(tmp_path / "h.xlsx"), max_rows=2, limits=STREAM)
    assert len(grid.rows) == 2


def test_stream_same_tables_through_read_source(tmp_path):
    path = _book(tmp_path / "r.xlsx", stray=False)
    tables = [read_source(SourceConfig(path=path, cohort="c", platform="smartsurvey",
                                       limits=limits), None, source_label="r.xlsx")
              for limits in (CALAMINE, STREAM)]
    assert tables[0].responses.equals(tables[1].responses)
    assert tables[0].answers.equals(tables[1].answers)


def test_stream_corrupt_sheet_named(tmp_path):
    path = _book(tmp_path / "c.xlsx")
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(broken, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]  # cut off mid-element
            dst.writestr(info, data)
    with pytest.raises(InputFileError, match="could not be read|not a readable"):
        load_xlsx(broken, limits=STREAM)
