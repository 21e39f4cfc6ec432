"""Tests for analysis.summarise and disclosure control (SYNTHETIC data)."""

from __future__ import annotations

import importlib.util
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from analysis.report.data import effective_codings
from analysis.summarise import (
    NO_ANSWER,
    OTHER,
    apply_disclosure,
    closed_tables,
    respondent_counts,
    suppression_mask,
    theme_table,
    wilson_interval,
)

_spec = importlib.util.spec_from_file_location(
    "synthetic_report_data", Path(__file__).parent / "report" / "synthetic_data.py")
synthetic = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(synthetic)


# --- Wilson intervals --------------------------------------------------------------------------

@pytest.mark.parametrize(("count", "base", "low", "high"), [
    # Newcombe (1998), Statistics in Medicine 17:857-872, Table I, method 3 (Wilson score)
    (81, 263, 0.2553, 0.3662),
    (15, 148, 0.0624, 0.1605),
    (0, 20, 0.0, 0.1611),
    (1, 29, 0.0061, 0.1718),
    (5, 10, 0.2366, 0.7634),
])
def test_wilson_interval_known_values(count, base, low, high):
    lo, hi = wilson_interval(count, base)
    assert lo == pytest.approx(low, abs=6e-5)
    assert hi == pytest.approx(high, abs=6e-5)


def test_wilson_interval_zero_base_is_nan_and_bad_count_raises():
    assert all(math.isnan(v) for v in wilson_interval(0, 0))
    with pytest.raises(ValueError):
        wilson_interval(11, 10)


# --- which codings count -----------------------------------------------------------------------

def _coding(seg, code, status, coder="rules", when=None):
    return {"segment_id": seg, "code_id": code, "coder": coder, "source": "rules",
            "confidence": 0.5, "status": status, "evidence": "", "decided_at": when}


def test_effective_codings_person_decision_where_one_exists_else_suggestion():
    c = pd.DataFrame([_coding("s1", "a", "suggested"), _coding("s2", "a", "suggested"),
                      _coding("s1", "b", "suggested"),
                      _coding("s1", "a", "accepted", "AB", "2026-01-01")])
    pairs, machine = effective_codings(c)
    # s1 is reviewed: only the person's "a" counts (the suggested "b" was not accepted);
    # s2 nobody reviewed: its suggestion counts, so the figures are a draft
    assert machine and pairs.to_dict("records") == [{"segment_id": "s1", "code_id": "a"},
                                                    {"segment_id": "s2", "code_id": "a"}]


def test_effective_codings_not_machine_once_every_suggested_segment_is_reviewed():
    c = pd.DataFrame([_coding("s1", "a", "suggested"), _coding("s2", "a", "suggested"),
                      _coding("s1", "a", "accepted", "AB", "2026-01-01"),
                      _coding("s2", "a", "rejected", "AB", "2026-01-01")])
    pairs, machine = effective_codings(c)
    assert not machine and pairs["segment_id"].tolist() == ["s1"]


def test_theme_table_draft_counts_reviewed_and_suggested_with_label():
    from analysis.report.tables import build_tables

    data = synthetic.make_report_data(accepted=False)
    before = theme_table(data)
    # a person confirms the suggestion on two segments: the other suggestions still count
    decided = data.codings.drop_duplicates("segment_id").head(2)
    data.codings = pd.concat([data.codings, decided.assign(
        coder="AB", source="human", status="accepted", decided_at="2026-03-01")],
        ignore_index=True)
    after = theme_table(data)
    assert after["machine_suggested"].all()
    assert after["respondents"].tolist() == before["respondents"].tolist()
    tables = build_tables(data)
    said = f"a person's decision where one exists and the machine's suggestion elsewhere (2 of " \
           f"{len(data.segments)} segments reviewed)"
    assert said in tables.themes.title
    assert said in tables.method_notes[0] and "no person has reviewed" not in tables.method_notes[0]
    from analysis.report.structure import build_blocks

    banner = next(b.text for b in build_blocks(tables) if b.kind == "banner")
    assert said in banner


def test_effective_codings_later_rejection_wins():
    c = pd.DataFrame([_coding("s1", "a", "accepted", "AB", "2026-01-01"),
                      _coding("s1", "a", "rejected", "AB", "2026-02-01"),
                      _coding("s2", "a", "accepted", "AB", "2026-01-01")])
    pairs, _ = effective_codings(c)
    assert pairs["segment_id"].tolist() == ["s2"]


def test_effective_codings_suggestions_counted_once_when_none_accepted():
    c = pd.DataFrame([_coding("s1", "a", "suggested", "rules"),
                      _coding("s1", "a", "suggested", "similarity"),
                      _coding("s2", "a", "suggested"),
                      _coding("s2", "a", "rejected", "AB", "2026-01-01")])
    pairs, machine = effective_codings(c)
    assert machine and pairs.to_dict("records") == [{"segment_id": "s1", "code_id": "a"}]


# --- theme table -------------------------------------------------------------------------------

def test_theme_table_counts_respondents_not_mentions():
    data = synthetic.make_report_data()
    # a second coded segment for a respondent already coded "waiting": still one respondent
    data.segments = pd.concat([data.segments, pd.DataFrame([{
        "segment_id": "s01_q_improve_1", "answer_id": "s01_q_improve", "start": 0, "end": 10,
        "text": "The waiting"}])], ignore_index=True)
    data.codings = pd.concat([data.codings, pd.DataFrame([
        _coding("s01_q_improve_1", "waiting", "accepted", "AB", "2026-03-02")])],
        ignore_index=True)
    t = theme_table(data)
    row = t[(t["code_id"] == "waiting") & (t["cohort"] == "survivor")].iloc[0]
    assert row["respondents"] == 9
    assert row["base"] == 12  # survivors who answered q_improve
    assert row["percent"] == pytest.approx(75.0)


def test_theme_table_theme_row_is_union_of_codes():
    t = theme_table(synthetic.make_report_data())
    theme = t[(t["level"] == "theme") & (t["theme_id"] == "t_support")
              & (t["cohort"] == "survivor")].iloc[0]
    assert theme["respondents"] == 14 and theme["base"] == 14


def test_theme_table_by_wave_and_bad_column():
    t = theme_table(synthetic.make_report_data(), by=("cohort", "wave"))
    assert {"cohort", "wave"} <= set(t.columns)
    with pytest.raises(KeyError):
        theme_table(synthetic.make_report_data(), by=("nope",))


# --- closed questions ---------------------------------------------------------------------------

def test_closed_tables_prefer_not_and_missing_apart():
    t = closed_tables(synthetic.make_report_data())
    q = t[(t["question_id"] == "q_satisfaction")].set_index("option")
    assert list(q.index) == ["Dissatisfied", "Neither", "Satisfied", OTHER, "Prefer not to say",
                             NO_ANSWER]
    assert q.at["Satisfied", "count"] == 6 and q.at["Satisfied", "base"] == 13
    assert q.at["Prefer not to say", "row_kind"] == "prefer_not"
    assert q.at[NO_ANSWER, "count"] == 1 and math.isnan(q.at[NO_ANSWER, "percent"])
    assert q.at[OTHER, "count"] == 1  # a typo that matched no option
    assert set(t.loc[t["question_id"] == "q_satisfaction", "cohort"]) == {"survivor"}


def test_closed_tables_multiple_counts_respondents_per_option():
    t = closed_tables(synthetic.make_report_data())
    q = t[(t["question_id"] == "q_services") & (t["cohort"] == "survivor")].set_index("option")
    assert q.at["Counselling", "count"] == 13 and q.at["Advocacy", "count"] == 6
    assert q.at["Counselling", "base"] == 13 and q.at[NO_ANSWER, "count"] == 1
    lo, hi = wilson_interval(6, 13)
    assert q.at["Advocacy", "ci_low"] == pytest.approx(100 * lo)
    assert q.at["Advocacy", "ci_high"] == pytest.approx(100 * hi)


def test_respondent_counts_by_cohort_and_kind():
    t = respondent_counts(synthetic.make_report_data())
    assert t.loc["survivor", "interview"] == 2 and t.loc["professional", "survey"] == 8


# --- disclosure control --------------------------------------------------------------------------

@pytest.mark.parametrize("min_count", [5, 10])
def test_apply_disclosure_marks_small_counts_with_configured_threshold(min_count):
    t = pd.DataFrame({"a": [3, 40, 0], "b": [30, 50, 20]}, index=["x", "y", "z"])
    pub, notes = apply_disclosure(t, min_count=min_count, min_base_for_percent=10)
    assert pub.at["x", "a"] == f"<{min_count}"
    assert pub.at["z", "a"] == 0  # zero is not sensitive
    assert any(f"<{min_count}" in n for n in notes) and any("[c]" in n for n in notes)
    assert pub.at["x", "a %"] is None


def test_apply_disclosure_no_percent_on_small_base():
    t = pd.DataFrame({"a": [6, 2], "b": [30, 50]}, index=["x", "y"])
    pub, notes = apply_disclosure(t, min_count=1, min_base_for_percent=10, row_totals=False,
                                  column_totals=False, bases=pd.Series({"a": 8, "b": 80}))
    assert pub.at["x", "a %"] is None and pub.at["x", "b %"] == pytest.approx(37.5)
    assert any("base under 10" in n for n in notes)


def test_apply_disclosure_no_percent_when_column_total_hidden():
    # column a's total is suppressed as a complement: its percentages would give it away
    t = pd.DataFrame({"a": [3], "b": [40]}, index=["x"])
    pub, _ = apply_disclosure(t, min_count=5, min_base_for_percent=1)
    assert isinstance(pub.at["Total", "a"], str)
    assert all(v is None for v in pub["a %"])
    with pytest.raises(ValueError, match="column_totals"):
        apply_disclosure(t, min_count=5, min_base_for_percent=1, column_totals=False)


def test_apply_disclosure_nothing_to_suppress_still_notes():
    t = pd.DataFrame({"a": [20, 30]}, index=["x", "y"])
    pub, notes = apply_disclosure(t, min_count=5, min_base_for_percent=10)
    assert pub.at["Total", "a"] == 50 and notes


def test_apply_disclosure_rejects_bad_counts():
    with pytest.raises(ValueError):
        apply_disclosure(pd.DataFrame({"a": [1.5]}), min_count=5, min_base_for_percent=10)
    with pytest.raises(ValueError):
        suppression_mask(np.array([[-1]]), min_count=5)


def _determined(mask: np.ndarray, row_totals: bool, column_totals: bool) -> list[int]:
    """Suppressed cells whose value follows from the published totals (independent check).

    Unknowns are the suppressed cells; each published line gives one linear equation. A cell is
    determined when its unit vector lies in the row space of the equations.
    """
    n_r, n_c = mask.shape
    inner_r = n_r - (1 if column_totals else 0)
    inner_c = n_c - (1 if row_totals else 0)
    unknown = list(zip(*np.nonzero(mask)))
    eqs = []
    if row_totals:
        eqs += [[(1 if j < inner_c else -1) if i2 == i else 0 for i2, j in unknown]
                for i in range(n_r)]
    if column_totals:
        eqs += [[(1 if i < inner_r else -1) if j2 == j else 0 for i, j2 in unknown]
                for j in range(n_c)]
    eqs = [e for e in eqs if any(e)]
    if not unknown or not eqs:
        return []
    a = np.array(eqs, dtype=float)
    rank = np.linalg.matrix_rank(a)
    return [k for k in range(len(unknown))
            if np.linalg.matrix_rank(np.vstack([a, np.eye(len(unknown))[k]])) == rank]


def test_determined_check_catches_lone_suppression():
    mask = np.zeros((3, 3), dtype=bool)
    mask[0, 0] = True
    assert _determined(mask, True, True) == [0]
    mask[0, 1] = mask[1, 0] = True  # (0,1) and (1,0) are still each alone in a line
    assert _determined(mask, True, True) != []
    mask[1, 1] = True  # a 2x2 rectangle: nothing can be worked out
    assert _determined(mask, True, True) == []


@settings(max_examples=150, deadline=None)
@given(arrays(np.int64, st.tuples(st.integers(1, 5), st.integers(1, 5)),
              elements=st.integers(0, 30)),
       st.integers(1, 12), st.booleans(), st.booleans())
def test_suppression_mask_no_suppressed_value_recoverable(counts, min_count, rows, cols):
    primary, secondary = suppression_mask(counts, min_count=min_count, row_totals=rows,
                                          column_totals=cols)
    mask = primary | secondary
    aug = counts
    if rows:
        aug = np.hstack([aug, aug.sum(axis=1, keepdims=True)])
    if cols:
        aug = np.vstack([aug, aug.sum(axis=0, keepdims=True)])
    # every small non-zero count (cells and totals) is suppressed; nothing else is primary
    assert (primary == ((aug > 0) & (aug < min_count))).all()
    # every line whose total is published has 0 or >= 2 suppressed cells
    if rows:
        assert all(n == 0 or n >= 2 for n in mask.sum(axis=1))
    if cols:
        assert all(n == 0 or n >= 2 for n in mask.sum(axis=0))
    # and no suppressed cell is a linear function of the published numbers
    assert _determined(mask, rows, cols) == []


def test_theme_table_skips_retired_and_maps_merged_codes():
    data = synthetic.make_report_data()
    codes = data.codes.copy()
    codes["merged_into"] = None
    codes.loc[codes["code_id"] == "access", ["status", "merged_into"]] = ["merged", "waiting"]
    codes.loc[codes["code_id"] == "info", "status"] = "retired"
    data.codes = codes
    t = theme_table(data)
    assert set(t["code_id"].dropna()) == {"waiting", "kind_staff"}
    row = t[(t["code_id"] == "waiting") & (t["cohort"] == "survivor")].iloc[0]
    assert row["respondents"] == 12  # 9 waiting + 3 travel merged into it


def test_closed_tables_leave_out_interview_participants():
    t = closed_tables(synthetic.make_report_data())
    q = t[(t["question_id"] == "q_satisfaction")].set_index("option")
    assert q[["count"]].sum().iloc[0] == 14  # the 2 interviewed survivors are not counted
