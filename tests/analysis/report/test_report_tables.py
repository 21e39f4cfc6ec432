"""Tests for the published tables behind every format (SYNTHETIC data)."""

from __future__ import annotations

import pytest

from analysis.report.published import ANSWERED, ASKED
from analysis.report.tables import build_tables


@pytest.fixture(scope="module")
def tables():
    from synthetic_data import make_report_data
    return build_tables(make_report_data())


def _closed(tables, qid):
    return next(t for t in tables.closed if t.key == f"closed_{qid}").table.set_index("Answer")


def test_closed_single_choice_rows_and_base(tables):
    t = _closed(tables, "q_satisfaction")
    assert list(t.index)[-3:] == [ANSWERED, "No answer", ASKED]
    assert t.at[ANSWERED, "Survivor"] == 13
    # "Total asked" is the 14 surveyed survivors, a count the respondents table hides
    assert t.at[ASKED, "Survivor"] == "[c]"
    assert t.at["Satisfied", "Survivor"] == 6
    assert t.at["Satisfied", "Survivor %"] == pytest.approx(46.2)
    assert t.at["Satisfied", "Survivor 95% CI"] == "23.2–70.9"
    assert t.at["Dissatisfied", "Survivor"] == "<5"


def test_closed_multiple_small_base_hides_total_and_its_percent(tables):
    t = _closed(tables, "q_services")
    assert t.at[ANSWERED, "Professional"] == "<5"  # 3 professionals answered
    assert t.at[ANSWERED, "Total"] == "[c]"
    assert all(v is None for v in t["Total %"])
    assert t.at["No answer", "Professional"] == "[c]"
    assert t.at["Counselling", "Survivor %"] == pytest.approx(100.0)


def test_themes_small_counts_suppressed_and_bases_shown(tables):
    t = tables.themes.table
    row = t[(t["Level"] == "code") & (t["Code"] == "Waiting times")].iloc[0]
    assert row["Professional"] == "<5" and row["Survivor"] == "[c]"
    # hidden too: with it, a code at most its theme and the theme at most its codes narrow the
    # survivors' "<5" of "Travel and cost" to 3 or 4 (analysis.report.theme_plan)
    assert row["All respondents"] == "[c]" and row["Survivor base"] == 12
    assert row["All respondents base"] == 20 and row["All respondents %"] is None
    assert row["Professional %"] is None  # base of 8 is under 10


def _base_beside_every_percentage(columns):
    cols = [str(c) for c in columns]
    for i, c in enumerate(cols):
        if c.endswith(" %"):
            assert cols[i + 1] == f"{c[:-2]} base", (c, cols)


def test_theme_tables_have_a_base_beside_every_percentage(tables):
    _base_beside_every_percentage(tables.themes.table.columns)
    _base_beside_every_percentage(tables.theme_finder.columns)
    t = tables.themes.table
    shown = t[[not any(isinstance(v, str) for v in r) for r in
               zip(t["All respondents base"], t["Professional base"], t["Survivor base"])]]
    assert len(shown) >= 3
    assert (shown["All respondents base"] == shown["Professional base"]
            + shown["Survivor base"]).all()
    for col in ("Professional", "Survivor", "All respondents"):  # none beside a hidden base
        hidden = t[f"{col} base"].map(lambda v: isinstance(v, str))
        assert t.loc[hidden, f"{col} %"].isna().all()


def test_report_theme_sections_show_the_base_beside_each_percentage(tables):
    from analysis.report.structure import build_blocks

    blocks = [b for b in build_blocks(tables) if b.kind == "table"
              and b.text.endswith("respondents by cohort")]
    assert blocks
    for b in blocks:
        cols = list(b.table.columns)
        for i, c in enumerate(cols):
            if c.endswith(" % (95% CI)"):
                assert cols[i - 1] == c.replace(" % (95% CI)", " base"), cols
