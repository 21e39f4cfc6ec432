"""Bad input: every case ends in one InputFileError naming the file (and row and column where
they apply), never quoting a cell (synthetic files made in tmp_path)."""

from __future__ import annotations

import csv
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from survey.config import SourceConfig
from survey.errors import InputFileError
from survey.instrument import read_instrument
from survey.readers import detect, read_source
from survey.readers.common import MAX_CELL_CHARS, MAX_COLUMNS

FIXTURES = Path(__file__).parents[1] / "fixtures" / "readers"
SECRET = "Zqsecretvalue"  # a marker no message template contains


@pytest.fixture(scope="module")
def instrument():
    return read_instrument(FIXTURES / "instrument.yaml")


def _csv(path: Path, rows) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def _read(path: Path, instrument=None, platform: str = "auto"):
    return read_source(SourceConfig(path=path, cohort="c", platform=platform), instrument,
                       source_label=path.name)


def _error(path: Path, instrument=None, platform: str = "auto") -> InputFileError:
    with pytest.raises(InputFileError) as err:
        _read(path, instrument, platform)
    assert str(path) in str(err.value)
    assert SECRET not in str(err.value)
    return err.value


@pytest.mark.parametrize("content", [b"", b"   \n\n", "\ufeff".encode("utf-8")])
def test_bad_input_empty_file(tmp_path, content):
    path = tmp_path / "e.csv"
    path.write_bytes(content)
    assert "empty" in str(_error(path, platform="generic"))


def test_bad_input_header_only(tmp_path, instrument):
    path = _csv(tmp_path / "h.csv", [["UserID", "What helped you most?"], ["", ""]])
    err = _error(path, instrument)
    assert "no responses" in str(err) and err.row == 2


def test_bad_input_ragged_row_named_by_row_and_column(tmp_path, instrument):
    path = _csv(tmp_path / "r.csv", [["UserID", "What helped you most?"], ["1", "Synthetic"],
                                     ["2", "Synthetic", SECRET]])
    err = _error(path, instrument)
    assert (err.row, err.column) == (3, "C") and "more cells than the header" in str(err)


def test_bad_input_short_rows_are_fine(tmp_path, instrument):
    path = _csv(tmp_path / "s.csv", [["UserID", "What helped you most?", "What could be improved?"],
                                     ["1", "Synthetic answer"], ["2"]])
    assert len(_read(path, instrument).responses) == 2


def test_bad_input_duplicate_ids_warn_and_keep(tmp_path, instrument):
    path = _csv(tmp_path / "d.csv", [["UserID", "What helped you most?"], ["7", "Synthetic a"],
                                     ["7", "Synthetic b"]])
    table = _read(path, instrument)
    assert table.responses["response_id"].is_unique and len(table.responses) == 2
    assert any("repeat a respondent id" in w for w in table.warnings)


def test_bad_input_csv_that_is_not_a_survey_export(tmp_path):
    path = _csv(tmp_path / "n.csv", [["date", "amount", "note"], ["2024-01-01", "3", SECRET]])
    with pytest.raises(InputFileError, match="could not tell which platform") as err:
        detect(path)
    assert SECRET not in str(err.value)


@pytest.mark.parametrize("suffix, message", [(".xls", "97-2003"), (".xlsm", "macro-enabled"),
                                             (".xlsb", "binary"), (".ods", "OpenDocument")])
def test_bad_input_refused_workbook_formats(tmp_path, suffix, message):
    path = tmp_path / f"w{suffix}"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    for call in (lambda: detect(path), lambda: _read(path, platform="generic")):
        with pytest.raises(InputFileError, match=message):
            call()


def _ole(path: Path, encrypted: bool) -> Path:
    body = b"\0" * 512 + ("EncryptedPackage".encode("utf-16-le") if encrypted else b"Workbook")
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + body + b"\0" * 512)
    return path


def test_bad_input_password_protected_xlsx(tmp_path):
    err = _error(_ole(tmp_path / "p.xlsx", encrypted=True), platform="generic")
    assert "password-protected" in str(err)


def test_bad_input_legacy_workbook_renamed_xlsx(tmp_path):
    err = _error(_ole(tmp_path / "l.xlsx", encrypted=False), platform="generic")
    assert "legacy Excel" in str(err)


def test_bad_input_corrupt_xlsx(tmp_path):
    path = tmp_path / "c.xlsx"
    path.write_bytes(b"PK\x03\x04" + SECRET.encode() * 10)
    assert "not a readable .xlsx" in str(_error(path, platform="generic"))


def test_bad_input_one_megabyte_cell(tmp_path, instrument):
    big = SECRET + "x" * (1 << 20)
    path = _csv(tmp_path / "b.csv", [["UserID", "What helped you most?"], ["1", "ok"],
                                     ["2", big]])
    err = _error(path, instrument)
    assert (err.row, err.column) == (3, "B") and f"{MAX_CELL_CHARS:,}" in str(err)


def test_bad_input_unclosed_quote(tmp_path, instrument):
    path = tmp_path / "q.csv"
    path.write_text('UserID,What helped you most?\n1,"' + SECRET + " never closed\n2,ok\n",
                    encoding="utf-8")
    with pytest.raises(InputFileError) as err:  # never parses the rest as answers
        _read(path, instrument)
    assert SECRET not in str(err.value)
    assert (err.value.row, err.value.column) == (2, "B")  # the cell whose quote never closes


@pytest.mark.parametrize("body,where", [
    ('UserID,Q1,Q2\n1,ok,fine\n2,fine,"' + SECRET + ' and on\n3,a,b\n', (3, "C")),
    ('UserID,Q1,Q2\r\n1,"' + SECRET + '"x,fine\r\n2,a,b\r\n', (2, "B")),
    ('UserID,Q1,Q2\n1,"a ""quoted"" word\nover two lines",ok\n2,"' + SECRET + '"!,b\n',
     (3, "B")),
])
def test_bad_input_malformed_quote_names_row_and_column(tmp_path, body, where):
    path = tmp_path / "m.csv"
    path.write_text(body, encoding="utf-8", newline="")
    err = _error(path, platform="generic")
    assert (err.row, err.column) == where and SECRET not in str(err)


def test_bad_input_nul_bytes(tmp_path):
    path = tmp_path / "n.csv"
    path.write_bytes(b"UserID,Q\n1,\x00\x01\x02" + SECRET.encode() + b"\n")
    assert "NUL byte" in str(_error(path, platform="generic"))


def test_bad_input_fifty_thousand_columns_fast(tmp_path):
    path = tmp_path / "w.csv"
    path.write_text(",".join(f"Q{i}" for i in range(50_000)) + "\n" +
                    ",".join("1" for _ in range(50_000)) + "\n", encoding="utf-8")
    t0 = time.perf_counter()
    err = _error(path, platform="generic")
    assert time.perf_counter() - t0 < 5
    assert f"{MAX_COLUMNS:,}" in str(err) and err.row == 1


def _with_cached_formula(path: Path) -> Path:
    """An .xlsx whose B2 holds a formula with a cached value (as Excel saves it)."""
    wb = openpyxl.Workbook()
    wb.active.append(["UserID", "How many times did you visit?", "What helped you most?"])
    wb.active.append([1, "=1+1", "=HYPERLINK(\"http://example.invalid\",\"Synthetic\")"])
    wb.save(path)
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<f>1+1</f><v></v>", b"<f>1+1</f><v>2</v>").replace(
                    b"<f>1+1</f>", b"<f>1+1</f><v>2</v>") if b"<v>2</v>" not in data else data
            zout.writestr(item, data)
    tmp.replace(path)
    return path


def test_bad_input_formulas_cached_values_only(tmp_path, instrument):
    path = _with_cached_formula(tmp_path / "f.xlsx")
    table = _read(path, instrument, platform="generic")
    assert list(table.responses["visits"]) == [2.0]
    text = table.responses.astype(str).to_string() + table.answers.to_string()
    assert "HYPERLINK" not in text and "1+1" not in text


def test_bad_input_missing_file(tmp_path):
    with pytest.raises(InputFileError, match="not found"):
        _read(tmp_path / "gone.csv", platform="generic")
