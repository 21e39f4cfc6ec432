"""Tests for the report workbook, read back with openpyxl (SYNTHETIC data)."""

from __future__ import annotations

import openpyxl
import pytest

from analysis.report.cells import escape_formula
from analysis.report.xlsx import SHEETS


@pytest.fixture(scope="module")
def workbook(written):
    return openpyxl.load_workbook(written["xlsx"])


def _values(ws):
    return [c.value for row in ws.iter_rows() for c in row if c.value is not None]


def test_write_workbook_has_every_sheet(workbook):
    expected = [s for s in SHEETS if s != "Emergent themes"]  # no topics in this fixture
    assert workbook.sheetnames == expected


def test_write_workbook_freezes_and_filters_headers(workbook):
    for name in ("Themes", "Quotes", "Quote bank", "Codebook"):
        ws = workbook[name]
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:")
        assert ws["A1"].font.bold


def test_write_workbook_escapes_formula_text(workbook):
    cells = [c for ws in workbook for row in ws.iter_rows() for c in row]
    assert not [c for c in cells if c.data_type == "f"]
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert not [t for t in texts if t[:1] in ("=", "+", "-", "@")]
    assert any(t.startswith("'=HYPERLINK") for t in texts)


@pytest.mark.parametrize(("text", "expected"), [
    ("=SUM(A1)", "'=SUM(A1)"), ("+44 123", "'+44 123"), ("-5 points", "'-5 points"),
    ("@home", "'@home"), ("\tx", "'\tx"), ("fine = ok", "fine = ok"), ("", ""),
])
def test_escape_formula_prefixes_only_leading_triggers(text, expected):
    assert escape_formula(text) == expected


def test_write_workbook_shows_small_counts_below_five(workbook):
    values = _values(workbook["Themes"])
    assert "<5" in values
    assert "[c]" in values  # secondary suppression happened in this fixture
    assert not [v for v in values if isinstance(v, int) and 0 < v < 5]


def test_write_workbook_threshold_follows_config(written_machine):
    wb = openpyxl.load_workbook(written_machine["xlsx"])
    values = _values(wb["Themes"])
    assert "<10" in values and "<5" not in values
    assert not [v for v in values if isinstance(v, int) and 0 < v < 10]


def test_write_workbook_says_codes_are_machine_suggested(written_machine):
    wb = openpyxl.load_workbook(written_machine["xlsx"])
    for name in ("Summary", "Themes", "Quotes"):
        assert any("not yet reviewed by a person" in str(v) for v in _values(wb[name])), name


def test_write_workbook_quote_bank_lists_every_candidate(workbook):
    ws = workbook["Quote bank"]
    header = [c.value for c in ws[1]]
    assert {"candidate_rank", "selected", "reason"} <= set(header)
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    selected = [r for r in rows if r[header.index("selected")] == "Yes"]
    assert selected and len(rows) > len(selected)
