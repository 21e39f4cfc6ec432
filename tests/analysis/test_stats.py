"""analysis.stats against reference implementations, published worked examples and properties."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import chi2_contingency, fisher_exact
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import (confint_proportions_2indep, proportion_confint,
                                          proportions_ztest)

from analysis.stats import (BH, FISHER, HOLM, ZTEST, adjust_p, compare_two_proportions,
                            fisher_exact_p, format_p, newcombe_interval, parse_p,
                            two_proportion_z, wilson_interval)


# -- published worked examples -----------------------------------------------------------------
# Newcombe RG (1998). Two-sided confidence intervals for the single proportion: comparison of
# seven methods. Statistics in Medicine 17:857-872, Table I, method 3 (score, no continuity
# correction).
@pytest.mark.parametrize("count, nobs, low, high", [
    (81, 263, 0.2553, 0.3662),
    (15, 148, 0.0624, 0.1605),
    (0, 20, 0.0000, 0.1611),
    (1, 29, 0.0061, 0.1718),
])
def test_wilson_interval_matches_newcombe_1998_table_1(count, nobs, low, high):
    lo, hi = wilson_interval(count, nobs)
    assert (round(lo, 4), round(hi, 4)) == (low, high)


# Newcombe RG (1998). Interval estimation for the difference between independent proportions:
# comparison of eleven methods. Statistics in Medicine 17:873-890, Table II, method 10 (hybrid
# score interval). Each difference is the first proportion minus the second.
@pytest.mark.parametrize("c1, n1, c2, n2, diff, low, high", [
    (56, 70, 48, 80, 0.2000, 0.0524, 0.3339),
    (9, 10, 3, 10, 0.6000, 0.1705, 0.8090),
    (5, 56, 0, 29, 0.0893, -0.0381, 0.1926),
    (0, 10, 0, 20, 0.0000, -0.1611, 0.2775),
    (0, 10, 0, 10, 0.0000, -0.2775, 0.2775),
    (10, 10, 0, 20, 1.0000, 0.6791, 1.0000),
    (10, 10, 0, 10, 1.0000, 0.6075, 1.0000),
])
def test_newcombe_interval_matches_newcombe_1998_table_2(c1, n1, c2, n2, diff, low, high):
    d, lo, hi = newcombe_interval(c1, n1, c2, n2)
    assert (round(d, 4), round(lo, 4), round(hi, 4)) == (diff, low, high)


def test_fisher_exact_p_matches_tea_tasting_example():
    # Fisher's lady tasting tea, as worked in Agresti A (2002) Categorical Data Analysis,
    # 2nd ed., section 3.5.1, Table 3.8: 3 of 4 cups right; one-sided P = 0.243, two-sided
    # P = 0.486.
    assert round(fisher_exact_p(3, 4, 1, 4), 3) == 0.486


def test_two_proportion_z_matches_aspirin_example():
    # Physicians' Health Study (placebo 189/11034, aspirin 104/11037 heart attacks), as worked
    # in Agresti A (2007) An Introduction to Categorical Data Analysis, 2nd ed., section 2.4:
    # Pearson X^2 = 25.01, which is z^2 for the pooled two-proportion z test.
    z, p = two_proportion_z(189, 11034, 104, 11037)
    assert round(z * z, 2) == 25.01
    assert z > 0 and p < 0.001


# Benjamini Y, Hochberg Y (1995). Controlling the false discovery rate. JRSS B 57:289-300,
# section 4: 15 p-values from a trial; at level 0.05 the FDR procedure rejects 4 hypotheses,
# Bonferroni-type (and Holm's) procedures reject 3.
BH_1995 = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.3240,
           0.4262, 0.5719, 0.6528, 0.7590, 1.0000]


def test_adjust_p_bh_rejects_four_of_benjamini_hochberg_example():
    adj = adjust_p(BH_1995, method=BH)
    assert sum(a < 0.05 for a in adj) == 4


def test_adjust_p_holm_rejects_three_of_benjamini_hochberg_example():
    adj = adjust_p(BH_1995, method=HOLM)
    assert sum(a < 0.05 for a in adj) == 3


def test_adjust_p_holm_by_hand():
    # Holm (1979): sorted p_(i) times (m - i + 1), made monotone: 0.005*4, 0.01*3, 0.03*2, 0.04
    assert adjust_p([0.01, 0.04, 0.03, 0.005], method=HOLM) == pytest.approx(
        [0.03, 0.06, 0.06, 0.02])


def test_adjust_p_bh_by_hand():
    # BH: p_(i) * m / i, made monotone from the top: 0.04*4/4=0.04, 0.03*4/3=0.04,
    # 0.01*4/2=0.02, 0.005*4/1=0.02
    assert adjust_p([0.01, 0.04, 0.03, 0.005], method=BH) == pytest.approx(
        [0.02, 0.04, 0.04, 0.02])


# -- reference implementations -----------------------------------------------------------------
counts = st.integers(min_value=1, max_value=400).flatmap(
    lambda n: st.tuples(st.integers(min_value=0, max_value=n), st.just(n)))


@settings(max_examples=200, deadline=None)
@given(counts)
def test_wilson_interval_matches_statsmodels(cn):
    c, n = cn
    ref = proportion_confint(c, n, method="wilson")
    assert wilson_interval(c, n) == pytest.approx(ref, abs=1e-12)


@settings(max_examples=200, deadline=None)
@given(counts, counts)
def test_newcombe_interval_matches_statsmodels(a, b):
    d, lo, hi = newcombe_interval(*a, *b)
    ref = confint_proportions_2indep(a[0], a[1], b[0], b[1], method="newcomb",
                                     compare="diff")
    assert d == pytest.approx(a[0] / a[1] - b[0] / b[1])
    assert (lo, hi) == pytest.approx(tuple(float(x) for x in ref), abs=1e-9)


@settings(max_examples=100, deadline=None)
@given(counts, counts)
def test_fisher_exact_p_matches_scipy(a, b):
    ref = fisher_exact([[a[0], a[1] - a[0]], [b[0], b[1] - b[0]]])[1]
    assert fisher_exact_p(*a, *b) == pytest.approx(min(1.0, ref))


@settings(max_examples=200, deadline=None)
@given(counts, counts)
def test_two_proportion_z_matches_statsmodels_and_chi2(a, b):
    z, p = two_proportion_z(*a, *b)
    if 0 < a[0] + b[0] < a[1] + b[1]:
        rz, rp = proportions_ztest([a[0], b[0]], [a[1], b[1]])
        assert (z, p) == pytest.approx((rz, rp))
        chi2 = chi2_contingency([[a[0], a[1] - a[0]], [b[0], b[1] - b[0]]],
                                correction=False)[0]
        assert z * z == pytest.approx(chi2)
    else:
        assert (z, p) == (0.0, 1.0)


pvals = st.lists(st.floats(min_value=0, max_value=1, allow_nan=False), min_size=1,
                 max_size=40)


@settings(max_examples=200, deadline=None)
@given(pvals, st.sampled_from([HOLM, BH]))
def test_adjust_p_matches_statsmodels(ps, method):
    ref = multipletests(ps, method={"holm": "holm", "bh": "fdr_bh"}[method])[1]
    assert adjust_p(ps, method=method) == pytest.approx(list(ref))


# -- properties --------------------------------------------------------------------------------
@settings(max_examples=300, deadline=None)
@given(counts)
def test_wilson_interval_contains_estimate(cn):
    lo, hi = wilson_interval(*cn)
    assert 0.0 <= lo <= cn[0] / cn[1] <= hi <= 1.0


@settings(max_examples=300, deadline=None)
@given(counts, counts)
def test_newcombe_interval_contains_estimate(a, b):
    d, lo, hi = newcombe_interval(*a, *b)
    assert -1.0 <= lo <= d <= hi <= 1.0


@settings(max_examples=300, deadline=None)
@given(counts, counts)
def test_swapping_groups_negates_estimate_and_interval(a, b):
    ab, ba = compare_two_proportions(*a, *b), compare_two_proportions(*b, *a)
    assert ba.estimate == pytest.approx(-ab.estimate)
    assert ba.low == pytest.approx(-ab.high)
    assert ba.high == pytest.approx(-ab.low)
    assert (ba.test, ba.p) == (ab.test, pytest.approx(ab.p))


@settings(max_examples=300, deadline=None)
@given(pvals, st.sampled_from([HOLM, BH]))
def test_adjust_p_at_least_raw_and_monotone(ps, method):
    adj = adjust_p(ps, method=method)
    assert all(r <= a + 1e-12 and a <= 1.0 for r, a in zip(ps, adj))
    order = sorted(range(len(ps)), key=lambda i: ps[i])
    assert all(adj[i] <= adj[j] + 1e-12 for i, j in zip(order, order[1:]))


def test_adjust_p_skips_missing_tests():
    assert adjust_p([0.01, None, float("nan"), 0.04]) == [0.02, None, None, 0.04]


def test_adjust_p_rejects_unknown_method():
    with pytest.raises(ValueError, match="holm"):
        adjust_p([0.1], method="bonferroni")


def test_compare_two_proportions_picks_test_by_expected_counts():
    assert compare_two_proportions(3, 10, 1, 10).test == FISHER
    assert compare_two_proportions(56, 70, 48, 80).test == ZTEST


@pytest.mark.parametrize("p, shown", [
    (0.0399, "0.040"), (0.0, "<0.001"), (0.00099, "<0.001"), (0.001, "0.001"),
    (0.0004999, "<0.001"), (1.0, "1.000"), (0.5, "0.500"), (None, None),
])
def test_format_p(p, shown):
    assert format_p(p) == shown


@settings(max_examples=300, deadline=None)
@given(st.floats(min_value=0, max_value=1, allow_nan=False))
def test_format_p_never_prints_zero(p):
    shown = format_p(p)
    assert shown == "<0.001" or (len(shown.split(".")[1]) == 3 and float(shown) > 0)
    assert parse_p(shown) > 0


@pytest.mark.parametrize("bad", [(-1, 10), (11, 10), (0, 0)])
def test_wilson_interval_rejects_bad_counts(bad):
    with pytest.raises(ValueError):
        wilson_interval(*bad)


def test_format_p_rejects_out_of_range():
    with pytest.raises(ValueError):
        format_p(1.5)


def test_parse_p_reads_printed_values():
    assert parse_p("<0.001") == 0.001 and parse_p("0.040") == 0.04 and parse_p(None) is None
    assert math.isclose(parse_p(0.2), 0.2)
