"""The suggestion benchmark's lever and ceiling helpers (``bench_suggest_levers.py``, run by
``bench_suggest.py --levers``): decoding, kNN scores, SetFit pairs and the agreement of codes
on repeated comments. Synthetic strings only."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_suggest_levers",
                                                  REPO / "benchmarks" / "bench_suggest_levers.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_top1_plus_adds_the_second_code_only_above_the_threshold(bench):
    proba = np.array([[0.7, 0.2, 0.1], [0.5, 0.1, 0.45], [0.1, 0.3, 0.6]])
    codes = ["a", "b", "c"]
    assert bench._top1_plus(proba, codes, 0.4) == [["a"], ["a", "c"], ["c"]]
    assert bench._top1_plus(proba, codes, 0.25) == [["a"], ["a", "c"], ["c", "b"]]
    assert bench._top1(proba, codes) == [["a"], ["a"], ["c"]]


def test_knn_scores_weight_the_nearest_texts_codes(bench):
    E_tr = np.array([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0], [0.1, 0.9]])
    E_tr /= np.linalg.norm(E_tr, axis=1, keepdims=True)
    Y_tr = np.array([[1, 0], [1, 0], [0, 1], [0, 1]], dtype=float)
    q = np.array([[1.0, 0.05], [0.05, 1.0]])
    q /= np.linalg.norm(q, axis=1, keepdims=True)
    K = bench._knn_scores(E_tr, Y_tr, q, k=2)
    assert np.allclose(K.sum(axis=1), 1.0)
    assert np.argmax(K[0]) == 0 and np.argmax(K[1]) == 1
    assert K[0, 0] == pytest.approx(1.0)  # both nearest texts carry code 0
    # with every text as a neighbour, the far codes get some weight too
    assert 0 < bench._knn_scores(E_tr, Y_tr, q, k=3)[0, 1] < 0.5


def test_contrastive_pairs_are_seeded_and_labelled_by_shared_codes(bench):
    codes = [["a"], ["a"], ["b"], ["b", "c"], ["c"], ["a"]]
    pairs = bench.contrastive_pairs(codes, 40, seed=3)
    assert len(pairs) == 40
    assert sum(y == 1.0 for _, _, y in pairs) == 20
    for i, j, y in pairs:
        assert i != j or y == 0.0
        assert (y == 1.0) == bool(set(codes[i]) & set(codes[j]))
    assert pairs == bench.contrastive_pairs(codes, 40, seed=3)
    assert pairs != bench.contrastive_pairs(codes, 40, seed=4)
    with pytest.raises(ValueError):
        bench.contrastive_pairs([["a"], ["b"]], 4)


def test_repeat_agreement_counts_each_repeated_text_once(bench):
    texts = ["Fine thanks", "fine  THANKS", "fine thanks", "Parking was hard", "parking was hard",
             "A one-off remark"]
    codes = ["x", "x", "y", "p", "p", "z"]
    out = bench.repeat_agreement(texts, codes)
    assert out["texts_with_copies"] == 2 and out["copies"] == 5
    assert out["texts_with_disagreement"] == 1
    # text 1: 1 of 3 pairs agree; text 2: 1 of 1
    assert out["mean_pair_agreement"] == pytest.approx((1 / 3 + 1) / 2, abs=1e-4)
    assert out["mean_majority_code_accuracy"] == pytest.approx((2 / 3 + 1) / 2, abs=1e-4)
    assert bench.repeat_agreement(["only once"], ["x"])["mean_pair_agreement"] is None
