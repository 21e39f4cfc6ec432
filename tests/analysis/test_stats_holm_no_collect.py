"""Holm's adjustment gives statsmodels' numbers bit for bit without statsmodels' full garbage
collection on every call (``multipletests(method="holm")`` runs ``gc.collect()``; with the
pipeline's models in memory that is about a third of a second, and a report adjusts one family
per table: about 7 s of a demo report stage)."""

from __future__ import annotations

import gc

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from statsmodels.stats.multitest import multipletests

from analysis.stats import HOLM, adjust_p

# ties and values that reach the cap of 1 are where a reimplementation could differ
p_value = st.one_of(st.floats(min_value=0, max_value=1, allow_nan=False),
                    st.sampled_from([0.0, 0.001, 0.01, 0.04, 0.05, 0.3, 0.5, 1.0]))


@settings(max_examples=300, deadline=None)
@given(st.lists(p_value, min_size=1, max_size=60))
def test_holm_equals_statsmodels_exactly(ps):
    ref = multipletests(ps, method="holm")[1]
    expected = [float(min(1.0, max(a, r))) for a, r in zip(ref, ps)]  # adjust_p's contract
    assert adjust_p(ps, method=HOLM) == expected  # ==, not approx: the same floats


def test_holm_runs_no_garbage_collection(monkeypatch: pytest.MonkeyPatch):
    calls: list[int] = []
    monkeypatch.setattr(gc, "collect", lambda *a, **k: calls.append(1) or 0)
    assert adjust_p([0.01, 0.04, 0.03, 0.005, None], method=HOLM) == pytest.approx(
        [0.03, 0.06, 0.06, 0.02, None])
    assert calls == []
