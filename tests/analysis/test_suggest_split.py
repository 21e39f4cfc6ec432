"""The fixed train / validation / test split and the evaluation statistics (issue 14)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.suggest.evaluate import score_predictions
from analysis.suggest.metrics import (bootstrap_weights, expected_calibration_error, f1_scores,
                                      indicator, reliability_table)
from analysis.suggest.split import (dedupe_labelled, normalise_text, overlap,
                                    restrict_code_frame, split_labelled_three, split_of)


def _synthetic(n: int = 600) -> pd.DataFrame:
    texts = [f"Synthetic comment number {i} about the service" for i in range(n)]
    # case-folded and spaced copies of some texts, with other codes
    texts += [t.upper() for t in texts[:50]] + ["  " + t + " " for t in texts[50:80]]
    codes = ["a" if i % 3 else "b" for i in range(n)] + ["c"] * 80
    return pd.DataFrame({"id": [f"x{i}" for i in range(len(texts))], "text": texts,
                         "codes": codes})


def test_split_keeps_case_folded_duplicates_together():
    parts = split_labelled_three(_synthetic())
    for a in ("train", "validation"):
        assert overlap(parts[a], parts["test"]) == set()
    assert overlap(parts["train"], parts["validation"]) == set()
    total = sum(len(p) for p in parts.values())
    assert total == 600  # 80 copies collapsed into their originals
    assert 0.5 < len(parts["train"]) / total < 0.7 and len(parts["test"]) > 80


def test_split_is_fixed_by_text_not_row_order():
    frame = _synthetic()
    a = split_labelled_three(frame)["test"]
    b = split_labelled_three(frame.iloc[::-1].reset_index(drop=True))["test"]
    assert set(a["text"].map(normalise_text)) == set(b["text"].map(normalise_text))


def test_overlap_detects_a_leaked_test_text():
    parts = split_labelled_three(_synthetic())
    leaked = pd.concat([parts["train"], parts["test"].iloc[:1].assign(
        text=lambda d: d["text"].str.upper())])
    assert len(overlap(leaked, parts["test"])) == 1


def test_dedupe_unions_the_codes_of_copies():
    out = dedupe_labelled(pd.DataFrame({"id": ["1", "2", "3"], "text": ["Same", "same ", "Other"],
                                        "codes": ["a", "b;a", "c"]}))
    assert out["codes"].tolist() == ["a;b", "c"] and out["id"].tolist() == ["1", "3"]


def test_split_of_rejects_bad_fractions():
    with pytest.raises(ValueError, match="fractions"):
        split_of("x", fractions=(0.5, 0.5, 0.5))


def test_restrict_code_frame_drops_rare_codes_and_uncoded_texts():
    frame = pd.DataFrame({"id": list("123456"), "text": list("uvwxyz"),
                          "codes": ["a", "a", "a;r", "b", "b", "s"]})
    out, kept = restrict_code_frame(frame, min_count=2)
    assert kept == ["a", "b"] and out["codes"].tolist() == ["a", "a", "a", "b", "b"]


@pytest.mark.shared_data
def test_public_feedback_split_has_no_test_text_in_train(shared_dir):
    raw = pd.read_csv(shared_dir / "data/coded/text_data.csv", dtype=str,
                      keep_default_na=False)
    frame = pd.DataFrame({"id": "r" + raw["row_index"], "text": raw["feedback"],
                          "codes": raw["code"]})
    frame, kept = restrict_code_frame(frame, min_count=30)
    parts = split_labelled_three(frame)
    assert len(kept) == 32
    assert overlap(parts["train"], parts["test"]) == set()
    assert overlap(parts["validation"], parts["test"]) == set()
    assert overlap(parts["train"], parts["validation"]) == set()
    committed = pd.read_csv(Path(__file__).resolve().parents[2] / "data" / "splits"
                            / "feedback-32-v1.csv", dtype=str)
    for name, part in parts.items():
        assert set(committed.loc[committed["split"] == name, "id"]) == set(part["id"])
    committed = pd.read_csv(Path(__file__).resolve().parents[2] / "data" / "splits"
                            / "feedback-32-v1.csv", dtype=str)
    for name, part in parts.items():
        assert set(committed.loc[committed["split"] == name, "id"]) == set(part["id"])


# -- statistics ------------------------------------------------------------------------------------
def test_f1_scores_with_unit_weights_match_score_predictions():
    truth = [["a"], ["b"], ["a", "b"], [], ["c"]]
    pred = [["a"], ["a"], ["a"], [], ["b"]]
    codes = ["a", "b", "c"]
    micro, macro = f1_scores(indicator(truth, codes), indicator(pred, codes), np.ones((1, 5)))
    ref = score_predictions(truth, pred, codes)
    assert micro[0] == pytest.approx(ref["micro_f1"], abs=1e-4)
    assert macro[0] == pytest.approx(ref["macro_f1"], abs=1e-4)


def test_bootstrap_weights_are_seeded_resamples():
    w = bootstrap_weights(50, n_boot=20, seed=3)
    assert w.shape == (20, 50) and (w.sum(1) == 50).all()
    assert np.array_equal(w, bootstrap_weights(50, n_boot=20, seed=3))


def test_ece_is_zero_when_confidence_matches_accuracy_and_large_when_not():
    conf = np.array([0.75] * 4 + [0.25] * 4)
    good = np.array([1, 1, 1, 0, 1, 0, 0, 0], dtype=float)
    assert expected_calibration_error(conf, good)[0] == pytest.approx(0.0)
    over = np.full(8, 0.95)
    assert expected_calibration_error(over, np.zeros(8))[0] == pytest.approx(0.95)
    bins = reliability_table(conf, good)
    assert [b["n"] for b in bins] == [4, 4] and bins[1]["accuracy"] == 0.75
