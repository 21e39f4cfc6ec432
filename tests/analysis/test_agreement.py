"""Tests for analysis.agreement against published worked examples.

* Cohen's kappa: the worked example of the Wikipedia article "Cohen's kappa" (50 grant
  proposals; 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no; p_o = 0.7, p_e = 0.5, kappa = 0.4). Its
  interval uses Cohen's (1960) large-sample standard error sqrt(p_o(1-p_o) / (n(1-p_e)^2)).
* Krippendorff's alpha: K. Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011),
  section A (binary data, two observers, ten units: alpha = 0.095) and section C (nominal data,
  four observers, twelve units, missing values: alpha = 0.743).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis.agreement import (MACHINE_CODER, agreement, cohen_kappa, krippendorff_alpha)
from survey.schema import CODING_COLUMNS

KRIPP_A = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
KRIPP_B = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
N = np.nan
KRIPP_NOMINAL = [[1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
                 [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
                 [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
                 [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N]]


def test_cohen_kappa_wikipedia_worked_example():
    a = ["yes"] * 25 + ["no"] * 25
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    k, lo, hi = cohen_kappa(a, b)
    assert k == pytest.approx(0.4)
    se = math.sqrt(0.7 * 0.3 / (50 * 0.5 ** 2))
    assert lo == pytest.approx(0.4 - 1.959964 * se) and hi == pytest.approx(0.4 + 1.959964 * se)
    assert lo == pytest.approx(0.146, abs=1e-3)


def test_cohen_kappa_undefined_when_chance_agreement_is_one():
    assert cohen_kappa([0, 0, 0], [0, 0, 0]) == (None, None, None)
    with pytest.raises(ValueError, match="same length"):
        cohen_kappa([0], [0, 1])


def test_krippendorff_alpha_published_examples():
    assert krippendorff_alpha([KRIPP_A, KRIPP_B]) == pytest.approx(0.095, abs=5e-4)
    assert krippendorff_alpha(KRIPP_NOMINAL) == pytest.approx(0.743, abs=5e-4)
    assert krippendorff_alpha([[1, 1], [1, 1]]) is None


def _codings(rows):
    return pd.DataFrame([{"segment_id": s, "code_id": c, "coder": who, "source": src,
                          "confidence": None, "status": st, "evidence": None, "decided_at": None}
                         for s, c, who, src, st in rows], columns=list(CODING_COLUMNS))


def _two_coders():
    rows = []
    for i, (a, b) in enumerate(zip(KRIPP_A, KRIPP_B, strict=True)):
        rows.append((f"s{i}", "x", "AB", "human", "accepted" if a else "rejected"))
        rows.append((f"s{i}", "x", "CD", "human", "accepted" if b else "rejected"))
    return rows


def test_agreement_per_code_matches_published_binary_example():
    res = agreement(_codings(_two_coders()))
    row = res.per_code.set_index("code_id").loc["x"]
    assert res.kappa_pair == ("AB", "CD")
    assert row["units"] == 10 and row["percent_agreement"] == pytest.approx(0.6)
    assert row["alpha"] == pytest.approx(0.095, abs=5e-4)
    assert row["kappa"] == pytest.approx((0.6 - 0.56) / 0.44, abs=1e-4)
    assert row["prevalence"] == pytest.approx(0.3)
    assert len(res.disagreements) == 4
    assert set(res.disagreements["segment_id"]) == {"s0", "s2", "s5", "s8"}


def test_agreement_missing_segments_and_machine_as_coder():
    rows = _two_coders() + [("s10", "x", "AB", "human", "accepted"),
                            ("s0", "x", "rules.v1", "rules", "suggested"),
                            ("s1", "x", "rules.v1", "rules", "suggested")]
    segs = pd.DataFrame({"segment_id": [f"s{i}" for i in range(11)],
                         "text": [f"Synthetic segment {i}" for i in range(11)]})
    res = agreement(_codings(rows), segments=segs, include_machine=True)
    assert res.coders == ("AB", "CD", MACHINE_CODER)
    row = res.per_code.set_index("code_id").loc["x"]
    # s10 was coded by AB and scored by the machine (which says no): a pairable unit.
    assert row["units"] == 11
    d = res.disagreements.set_index("segment_id")
    assert d.loc["s10", "applied_by"] == "AB" and d.loc["s10", "not_applied_by"] == MACHINE_CODER
    assert d.loc["s10", "text"] == "Synthetic segment 10"
    out = res.to_dict()
    assert "text" not in out["disagreements"][0] and out["per_code"]["x"]["units"] == 11


def test_agreement_unknown_pair_coder_is_an_error():
    with pytest.raises(ValueError, match="made no decisions"):
        agreement(_codings(_two_coders()), pair=("AB", "ZZ"))
