"""The cohort differences table: order of subtraction, intervals, printed and adjusted p
(SYNTHETIC counts)."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.report.csv_out import write_csv
from analysis.report.findings import (ADJUSTED, CI_HIGH, CI_LOW, PREVALENCE_COLUMNS,
                                      cohort_differences, difference_column)
from analysis.report.published import PublishedTable
from analysis.stats import compare_two_proportions

P_TEXT = re.compile(r"^(<0\.001|[01]\.\d{3})$")
DATA = SimpleNamespace(cohort_names={"survivor": "Survivor", "professional": "Professional"},
                       responses=pd.DataFrame({"cohort": ["survivor", "professional"]}))
# (theme, survivor count, survivor base, professional count, professional base): the first
# two are the demo's "Access to services" and "Fragmented services" figures that were
# published with reversed intervals.
ROWS = [("Access to services", 105, 129, 134, 188), ("Fragmented services", 30, 129, 55, 188),
        ("Feeling believed", 12, 129, 60, 188), ("Waiting times", 40, 129, 58, 188),
        ("Rare theme", 2, 129, 9, 188)]


def _prevalence(rows) -> PublishedTable:
    recs = []
    for theme, a, na, b, nb in rows:
        for cohort, n, base in (("Survivor", a, na), ("Professional", b, nb)):
            recs.append({"Level": "theme", "Theme": theme, "Code": "(all codes in theme)",
                         "Cohort": cohort, "Respondents": n, "Base": base,
                         "%": round(100 * n / base, 1), "95% CI low": None, "95% CI high": None,
                         "Status": "human", "Reviewed (n)": None, "code_id": None,
                         "theme_id": theme.lower().replace(" ", "_"),
                         "cohort_id": cohort.lower()})
    return PublishedTable("theme_prevalence", "t",
                          pd.DataFrame(recs, columns=PREVALENCE_COLUMNS).astype(object))


def assert_published_differences_ok(path: Path) -> int:
    """Every row of a published cohort_differences.csv: the interval contains the estimate, the
    header states the order, p and adjusted p are printed as "<0.001" or 3 decimals and the
    adjusted p is never below the raw p. Returns the number of rows checked."""
    df = pd.read_csv(path, dtype={"p": str, ADJUSTED: str})
    diff = difference_column(df.columns)
    assert re.fullmatch(r".+ minus .+, points", diff)
    for r in df.to_dict("records"):
        assert r[CI_LOW] <= r[diff] <= r[CI_HIGH], r
        assert P_TEXT.match(r["p"]) and P_TEXT.match(r[ADJUSTED]), r
        assert float(r[ADJUSTED].lstrip("<")) >= float(r["p"].lstrip("<")), r
    return len(df)


def test_cohort_differences_interval_is_for_the_stated_order():
    t = cohort_differences(DATA, _prevalence(ROWS)).table
    diff = difference_column(t.columns)
    assert diff == "Survivors minus professionals, points"
    access = t[t["Theme"] == "Access to services"].iloc[0]
    assert access[diff] == 10.1
    assert access[CI_LOW] < 10.1 < access[CI_HIGH] and access[CI_LOW] > 0
    frag = t[t["Theme"] == "Fragmented services"].iloc[0]
    assert frag[CI_LOW] <= frag[diff] <= frag[CI_HIGH]


def test_cohort_differences_published_csv_every_interval_contains_its_estimate(tmp_path):
    t = cohort_differences(DATA, _prevalence(ROWS)).table
    path = write_csv(t, tmp_path / "cohort_differences.csv")
    assert assert_published_differences_ok(path) == len(ROWS)


def test_cohort_differences_p_printed_and_holm_adjusted():
    t = cohort_differences(DATA, _prevalence(ROWS)).table
    assert all(P_TEXT.match(p) for p in t["p"]) and all(P_TEXT.match(p) for p in t[ADJUSTED])
    assert "<0.001" in set(t["p"])  # "Feeling believed" differs a great deal
    raw = [compare_two_proportions(a, na, b, nb).p for _t, a, na, b, nb in ROWS]
    # Holm by hand for these five tests
    order = sorted(range(len(raw)), key=raw.__getitem__)
    adj, running = [0.0] * len(raw), 0.0
    for k, i in enumerate(order):
        running = max(running, min(1.0, (len(raw) - k) * raw[i]))
        adj[i] = running
    assert [float(p.lstrip("<")) for p in t[ADJUSTED]] == pytest.approx(
        [max(0.001, round(a, 3)) if a < 0.001 else round(a, 3) for a in adj])


def test_key_findings_call_significant_only_after_adjustment():
    # a raw p just under 0.05 that Holm's adjustment over the table lifts above it
    rows = [("Borderline theme", 62, 129, 68, 188)] + [
        (f"Flat theme {i}", 30, 129, 44, 188) for i in range(6)]
    prev = _prevalence(rows)
    diffs = cohort_differences(DATA, prev)
    row = diffs.table.iloc[0]
    assert float(row["p"]) < 0.05 <= float(row[ADJUSTED])
    tables = SimpleNamespace(cohort_differences=diffs)
    from analysis.report.findings import _differences

    found = _differences(tables)
    assert [f.key for f in found] == ["difference.none"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), min_size=1, max_size=8))
def test_cohort_differences_every_interval_contains_estimate(counts):
    rows = [(f"Theme {i}", a, 60, b, 80) for i, (a, b) in enumerate(counts)]
    rows = [(t, a, na, min(b, nb), nb) for t, a, na, b, nb in rows]
    t = cohort_differences(DATA, _prevalence(rows)).table
    diff = difference_column(t.columns)
    assert (t[CI_LOW] <= t[diff]).all() and (t[diff] <= t[CI_HIGH]).all()
