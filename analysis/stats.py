"""Intervals and tests for proportions, multiplicity adjustment, and how a p-value is printed.

One module so that every published interval and p-value comes from the same few functions,
each checked against a reference implementation (statsmodels, scipy) and against published
worked examples (``tests/analysis/test_stats.py``).

Conventions written down here:

* Order of subtraction: a difference is always the FIRST group minus the SECOND, as the
  arguments are given (``count1, nobs1, count2, nobs2`` gives ``p1 - p2``), for the estimate
  and for its interval alike. Swapping the groups negates the estimate and swaps the interval's
  ends. statsmodels' :func:`~statsmodels.stats.proportion.confint_proportions_2indep` uses
  the same order (its ``diff = p1 - p2``).
* Proportion: Wilson score interval (Newcombe 1998, method 3), clipped to [0, 1].
* Difference of two independent proportions: Newcombe's hybrid score interval (Newcombe 1998,
  method 10), built from the two Wilson intervals. It always contains its estimate, keeps
  within [-1, 1], and has near-nominal coverage for small samples where the Wald interval
  fails (Newcombe 1998; Fagerland, Lydersen and Laake 2015).
* Test of two proportions (a 2x2 table): Fisher's exact test (two-sided, scipy's
  "as or less likely" p) where any expected count is below 5, else the two-proportion z test
  with the pooled proportion (the same p as Pearson's chi-squared test without continuity
  correction).
* Multiplicity: Holm's step-down adjustment by default (family-wise error rate, valid under
  any dependence between the tests; rows of a theme table share respondents, so the tests
  are dependent); Benjamini-Hochberg (false discovery rate) is available for screening.
* p-values print as ``"<0.001"`` or with 3 decimals; never ``"0"`` or ``"0.0"``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import stats as _sps
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint

ALPHA = 0.05
FISHER = "Fisher's exact"
ZTEST = "two-proportion z"
MIN_EXPECTED = 5.0
HOLM, BH = "holm", "bh"
ADJUST_METHODS = {HOLM: "holm", BH: "fdr_bh"}
ADJUSTED_P = "p (Holm-adjusted)"
"""The published column of Holm-adjusted p-values (cohort differences, wave changes)."""


def _check(count: int, nobs: int, name: str = "count") -> None:
    if nobs <= 0:
        raise ValueError(f"the base must be positive, got {nobs}")
    if not 0 <= count <= nobs:
        raise ValueError(f"{name} must be between 0 and the base ({nobs}), got {count}")


def wilson_interval(count: int, nobs: int, *, alpha: float = ALPHA) -> tuple[float, float]:
    """Wilson score interval for a proportion, as proportions in [0, 1].

    Args:
        count: Successes (0 <= count <= nobs).
        nobs: Trials (> 0).
        alpha: 1 - confidence level.

    Returns:
        ``(low, high)``.

    Raises:
        ValueError: ``nobs`` not positive, or ``count`` outside 0..nobs.
    """
    _check(int(count), int(nobs))
    lo, hi = proportion_confint(int(count), int(nobs), alpha=alpha, method="wilson")
    p = count / nobs
    # statsmodels can land a rounding error outside [0, 1] or beside p at the edges (0 or n)
    return (float(min(max(0.0, lo), p)), float(max(min(1.0, hi), p)))


@dataclass(frozen=True)
class Difference:
    """A difference of two proportions (first minus second) with its interval and test.

    Attributes:
        estimate: ``p1 - p2`` (a proportion, -1..1).
        low: Lower end of the interval for ``p1 - p2``.
        high: Upper end.
        test: :data:`FISHER` or :data:`ZTEST`.
        p: Two-sided p-value.
    """

    estimate: float
    low: float
    high: float
    test: str
    p: float


def newcombe_interval(count1: int, nobs1: int, count2: int, nobs2: int, *,
                      alpha: float = ALPHA) -> tuple[float, float, float]:
    """Newcombe's hybrid score interval (method 10) for ``p1 - p2``.

    Args:
        count1: Successes in the first group.
        nobs1: Base of the first group (> 0).
        count2: Successes in the second group.
        nobs2: Base of the second group (> 0).
        alpha: 1 - confidence level.

    Returns:
        ``(estimate, low, high)``, all for the first group minus the second.

    Raises:
        ValueError: A base not positive or a count outside 0..base.
    """
    _check(int(count1), int(nobs1), "count1")
    _check(int(count2), int(nobs2), "count2")
    p1, p2 = count1 / nobs1, count2 / nobs2
    l1, u1 = wilson_interval(count1, nobs1, alpha=alpha)
    l2, u2 = wilson_interval(count2, nobs2, alpha=alpha)
    d = p1 - p2
    low = d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    high = d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return d, max(-1.0, min(low, d)), min(1.0, max(high, d))


def expected_counts(count1: int, nobs1: int, count2: int, nobs2: int) -> list[float]:
    """Expected cell counts of the 2x2 table (group x chosen/not) under independence."""
    n = nobs1 + nobs2
    yes = count1 + count2
    no = n - yes
    return [nobs1 * yes / n, nobs1 * no / n, nobs2 * yes / n, nobs2 * no / n]


def fisher_exact_p(count1: int, nobs1: int, count2: int, nobs2: int) -> float:
    """Two-sided p of Fisher's exact test on ``[[count1, nobs1-count1], [count2, nobs2-count2]]``
    (scipy: the sum over tables as or less likely than the one observed)."""
    _check(int(count1), int(nobs1), "count1")
    _check(int(count2), int(nobs2), "count2")
    table = [[count1, nobs1 - count1], [count2, nobs2 - count2]]
    return float(min(1.0, _sps.fisher_exact(table, alternative="two-sided")[1]))


def two_proportion_z(count1: int, nobs1: int, count2: int, nobs2: int) -> tuple[float, float]:
    """The pooled two-proportion z test of ``p1 = p2``.

    Returns:
        ``(z, p)``: ``z`` has the sign of ``p1 - p2``; ``p`` is two-sided (1 when both
        proportions are 0 or both 1, so the standard error is 0).
    """
    _check(int(count1), int(nobs1), "count1")
    _check(int(count2), int(nobs2), "count2")
    p1, p2 = count1 / nobs1, count2 / nobs2
    pooled = (count1 + count2) / (nobs1 + nobs2)
    se = math.sqrt(pooled * (1 - pooled) * (1 / nobs1 + 1 / nobs2))
    if se == 0:
        return 0.0, 1.0
    z = (p1 - p2) / se
    return z, float(min(1.0, 2 * _sps.norm.sf(abs(z))))


def compare_two_proportions(count1: int, nobs1: int, count2: int, nobs2: int, *,
                            alpha: float = ALPHA) -> Difference:
    """``p1 - p2`` with Newcombe's interval and the test chosen by the expected counts.

    Fisher's exact test where any expected count is below :data:`MIN_EXPECTED`, else the
    two-proportion z test.

    Raises:
        ValueError: A base not positive or a count outside 0..base.
    """
    d, lo, hi = newcombe_interval(count1, nobs1, count2, nobs2, alpha=alpha)
    if min(expected_counts(count1, nobs1, count2, nobs2)) < MIN_EXPECTED:
        test, p = FISHER, fisher_exact_p(count1, nobs1, count2, nobs2)
    else:
        test, p = ZTEST, two_proportion_z(count1, nobs1, count2, nobs2)[1]
    return Difference(estimate=d, low=lo, high=hi, test=test, p=p)


def adjust_p(pvalues: Sequence[float | None], *, method: str = HOLM) -> list[float | None]:
    """Adjusted p-values for one family of tests (``None`` or NaN entries are not tests).

    Args:
        pvalues: Raw two-sided p-values, in table order.
        method: :data:`HOLM` (family-wise error) or :data:`BH` (false discovery rate).

    Returns:
        Adjusted p-values in the same order (``None`` where the input was not a test); each
        is at least its raw p and at most 1.

    Raises:
        ValueError: An unknown method, or a p outside 0..1.
    """
    if method not in ADJUST_METHODS:
        raise ValueError(f"method must be one of {sorted(ADJUST_METHODS)}, got {method!r}")
    idx = [i for i, p in enumerate(pvalues)
           if p is not None and not (isinstance(p, float) and math.isnan(p))]
    raw = np.array([float(pvalues[i]) for i in idx], dtype=float)
    if ((raw < 0) | (raw > 1)).any():
        raise ValueError("p-values must be between 0 and 1")
    out: list[float | None] = [None] * len(pvalues)
    if not idx:
        return out
    adj = _holm(raw) if method == HOLM else multipletests(raw, alpha=ALPHA,
                                                             method=ADJUST_METHODS[method])[1]
    for i, a, r in zip(idx, adj, raw):
        out[i] = float(min(1.0, max(a, r)))
    return out


def _holm(raw: np.ndarray) -> np.ndarray:
    """Holm's step-down adjustment, the same arithmetic as statsmodels' ``multipletests(method=
    "holm")`` (sorted p times m, m-1, ..., made monotone, capped at 1), so equal bit for bit. Not
    that call itself: it runs a full ``gc.collect()`` each time, which with the pipeline's models
    in memory costs about a third of a second, and a report makes a family per table."""
    order = np.argsort(raw)
    stepped = np.maximum.accumulate(raw[order] * np.arange(len(raw), 0, -1))
    adj = np.empty_like(stepped)
    adj[order] = np.minimum(stepped, 1.0)
    return adj


def format_p(p: float | None) -> str | None:
    """A p-value as published: ``"<0.001"`` or 3 decimals (``0.040``); ``None`` stays ``None``.

    Raises:
        ValueError: ``p`` outside 0..1.
    """
    if p is None or (isinstance(p, float) and math.isnan(p)):
        return None
    p = float(p)
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"a p-value is between 0 and 1, got {p}")
    # below 0.001 three decimals would print 0.000, which reads as "impossible"
    return "<0.001" if p < 0.001 else f"{p:.3f}"


def parse_p(text: object) -> float | None:
    """The number behind a printed p (``"<0.001"`` reads as 0.001); ``None`` if none."""
    if text is None:
        return None
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return None if math.isnan(float(text)) else float(text)
    s = str(text).strip().lstrip("<").strip()
    try:
        return float(s)
    except ValueError:
        return None
