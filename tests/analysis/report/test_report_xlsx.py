"""Tests for the report workbook, read back with openpyxl (SYNTHETIC data)."""

from __future__ import annotations

import re

import openpyxl
import pandas as pd
import pytest

from analysis.report.cells import escape_formula
from analysis.report.xlsx import workbook_frame

_MARK = re.compile(r"^(<\d+|\[c\])$")


@pytest.fixture(scope="module")
def workbook(written):
    return openpyxl.load_workbook(written["xlsx"])


def _values(ws):
    return [c.value for row in ws.iter_rows() for c in row if c.value is not None]


def _table_columns(ws):
    """(table, header, column cells) for every Excel Table of a sheet."""
    for t in ws.tables.values():
        rows = list(ws[t.ref])
        header = [c.value for c in rows[0]]
        for j, h in enumerate(header):
            yield t.name, h, [r[j] for r in rows[1:]]


def test_workbook_read_me_first_and_no_quote_bank(workbook):
    assert workbook.sheetnames[0] == "Read me"
    assert not [s for s in workbook.sheetnames if "bank" in s.lower()]
    described = _values(workbook["Read me"])
    for name in workbook.sheetnames[1:]:
        assert name in described, name


def test_workbook_every_sheet_prints_and_freezes(workbook):
    for ws in workbook:
        assert ws.freeze_panes, ws.title
        assert ws.print_title_rows, ws.title
        assert ws.page_setup.orientation == "landscape", ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0
        # one page across, or several with the first column repeated (see fit_for_print)
        assert ws.page_setup.fitToWidth == 1 or ws.print_title_cols, ws.title
        assert ws.tables, ws.title  # every table is an Excel Table with its own filter


def test_workbook_numeric_columns_hold_numbers(workbook):
    checked = 0
    for ws in workbook:
        for _t, h, cells in _table_columns(ws):
            h = str(h)
            if h.endswith("%") or h.endswith("CI low") or h.endswith("CI high"):
                for c in cells:
                    assert c.value is None or isinstance(c.value, (int, float)) or \
                        _MARK.match(str(c.value)), (ws.title, h, c.value)
                    if isinstance(c.value, float) and not h.lower().startswith("change"):
                        assert c.number_format == "0.0%" and 0 <= c.value <= 1, (ws.title, h)
                        checked += 1
            if h in ("Respondents", "Base", "Total"):
                for c in cells:
                    if isinstance(c.value, int):
                        assert c.number_format == "0"
    assert checked > 10


def test_workbook_no_displayed_apostrophe_and_no_formula(workbook):
    cells = [c for ws in workbook for row in ws.iter_rows() for c in row]
    assert not [c for c in cells if c.data_type == "f"]
    assert not [c.coordinate for c in cells if isinstance(c.value, str) and c.value[:1] == "'"]
    risky = [c for c in cells if isinstance(c.value, str) and c.value.startswith("=HYPERLINK")]
    assert risky and all(c.quotePrefix and c.data_type == "s" for c in risky)


def test_workbook_frame_splits_intervals_and_p_values():
    df = pd.DataFrame({"Row": ["a", "b"], "W1 %": [12.5, "<5"], "Change 95% CI": ["-24.3 to 2.2",
                                                                                None],
                       "W1 95% CI": ["2.0–9.5", None], "p": ["<0.001", "0.034"]})
    out, fmts = workbook_frame(df)
    assert list(out.columns) == ["Row", "W1 %", "Change 95% CI low", "Change 95% CI high",
                                 "W1 95% CI low", "W1 95% CI high", "p"]
    assert out.loc[0, "W1 %"] == 0.125 and out.loc[1, "W1 %"] == "<5"
    assert out.loc[0, "Change 95% CI low"] == -24.3 and fmts["Change 95% CI low"] == "0.0"
    assert out.loc[0, "W1 95% CI high"] == 0.095 and fmts["W1 95% CI high"] == "0.0%"
    assert out.loc[1, "p"] == 0.034 and out.attrs["cell_formats"][(0, "p")] == '"<"0.000'


@pytest.mark.parametrize(("text", "expected"), [
    ("=SUM(A1)", "'=SUM(A1)"), ("+44 123", "'+44 123"), ("-5 points", "'-5 points"),
    ("@home", "'@home"), ("\tx", "'\tx"), ("fine = ok", "fine = ok"), ("", ""),
])
def test_escape_formula_prefixes_only_leading_triggers(text, expected):
    assert escape_formula(text) == expected  # CSV outputs keep the literal apostrophe


def _counts(ws):
    return [c.value for row in ws.iter_rows() for c in row
            if isinstance(c.value, (int, float)) and c.number_format == "0"]


def test_write_workbook_shows_small_counts_below_five(workbook):
    values = _values(workbook["Themes"])
    assert "<5" in values
    assert "[c]" in values  # secondary suppression happened in this fixture
    assert _counts(workbook["Themes"]) and not [v for v in _counts(workbook["Themes"])
                                                if 0 < v < 5]


def test_write_workbook_threshold_follows_config(written_machine):
    wb = openpyxl.load_workbook(written_machine["xlsx"])
    values = _values(wb["Themes"])
    assert "<10" in values and "<5" not in values
    assert not [v for v in _counts(wb["Themes"]) if 0 < v < 10]


def test_draft_workbook_says_draft_on_every_sheet(written_machine, workbook):
    wb = openpyxl.load_workbook(written_machine["xlsx"])
    for ws in wb:
        assert "DRAFT" in (ws.oddHeader.center.text or ""), ws.title
        assert any("DRAFT" in str(v) for v in _values(ws)[:3]), ws.title
    for ws in workbook:  # human-coded: no DRAFT
        assert "DRAFT" not in (ws.oddHeader.center.text or "")


def test_quote_bank_is_a_working_file_beside_the_store(written):
    from analysis.report.writers import QUOTE_BANK_NAME

    bank = written["quote_bank"]
    assert bank.name == QUOTE_BANK_NAME and bank.parent == written["xlsx"].parent
    df = pd.read_csv(bank)
    assert (df["not_for_publication"].str.startswith("NOT FOR PUBLICATION")).all()
    assert {"candidate_rank", "selected", "reason", "answer_id"} <= set(df.columns)
    assert (df["selected"] == "Yes").any() and not (df["selected"] == "Yes").all()


def test_workbook_has_cohort_differences_sheet_with_order_interval_and_adjusted_p(tmp_path):
    from synthetic_data import make_report_data

    from analysis.report.tables import build_tables
    from analysis.report.xlsx import write_workbook

    tables = build_tables(make_report_data(min_base_for_percent=5, min_count=1))
    path = write_workbook(tables, tmp_path / "report.xlsx")
    ws = openpyxl.load_workbook(path)["Cohort differences"]
    (t,) = ws.tables.values()
    rows = [[c.value for c in r] for r in ws[t.ref]]
    header, body = rows[0], rows[1:]
    assert "Survivors minus professionals, points" in header
    assert {"95% CI low, points", "95% CI high, points", "p", "p (Holm-adjusted)"} <= set(header)
    col = {h: i for i, h in enumerate(header)}
    assert len(body) == len(tables.cohort_differences.table)
    for r in body:
        d = r[col["Survivors minus professionals, points"]]
        assert r[col["95% CI low, points"]] <= d <= r[col["95% CI high, points"]]
        p, adj = r[col["p"]], r[col["p (Holm-adjusted)"]]
        assert isinstance(p, float) and isinstance(adj, float) and 0 < p <= adj <= 1
