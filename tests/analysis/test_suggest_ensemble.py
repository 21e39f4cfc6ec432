"""Tests for analysis.suggest.ensemble and the evaluation command (synthetic texts; one floor
test on a subsample of the public NHS feedback set in ../shared/data/coded)."""

from __future__ import annotations

import itertools
import json

import numpy as np
import pandas as pd
import pytest
from sklearn.exceptions import NotFittedError
from typer.testing import CliRunner

from analysis.suggest.ensemble import EnsembleSuggester, active_learning_order
from analysis.suggest.evaluate import evaluate_suggestions, split_labelled
from codebook import Code, Codebook, Theme

TRAIN = [f"{a} {b}" for a, b in itertools.product(
    ["The bus was late", "No train runs here", "Bus fares are high", "The bus stop is far"],
    ["today.", "again.", "for me.", "each week."])] + [f"{a} {b}" for a, b in itertools.product(
    ["I waited months", "The waiting list is long", "Waiting for counselling", "Months of waiting"],
    ["today.", "again.", "for me.", "each week."])] + [f"{a} {b}" for a, b in itertools.product(
    ["My worker listened", "Staff listened to me", "I was believed", "She listened kindly"],
    ["today.", "again.", "for me.", "each week."])]
CODES = ["transport"] * 16 + ["waiting"] * 16 + ["listened"] * 16
FLOOR_ACC, FLOOR_BAL = 0.60, 0.53


@pytest.fixture(scope="module")
def fitted():
    return EnsembleSuggester(cv=2).fit(TRAIN, CODES)


def test_ensemble_single_label_training_gives_one_code_per_text(fitted):
    pred = fitted.predict(["The bus never came (synthetic).", "Staff listened to me.",
                           "Waiting list again."])
    assert pred.sum(axis=1).tolist() == [1, 1, 1]
    got = [str(fitted.classes_[np.argmax(r)]) for r in pred]
    assert got == ["transport", "listened", "waiting"]
    assert fitted.min_codes_ == 1 and fitted.max_codes_ == 1
    assert np.all((fitted.thresholds_ > 0) & (fitted.thresholds_ < 1))
    assert np.all(fitted.cv_f1_ > 0.9)


def test_ensemble_rank_and_explain(fitted):
    ranked = fitted.rank(["The bus was late again."])[0]
    assert ranked[0][0] == "transport" and len(ranked) == 3
    assert ranked[0][1] >= ranked[1][1] or ranked[0][1] > 0.5
    ev = fitted.explain(["The bus was late again."])[0]
    assert "bus" in ev["transport"]


def test_ensemble_active_learning_puts_ambiguous_text_first(fitted):
    texts = ["The bus was late today.", "The bus was late while waiting months (synthetic).",
             "Staff listened to me again."]
    order = active_learning_order(fitted, texts)
    assert order[0] == 1 and sorted(order) == [0, 1, 2]
    info = fitted.informativeness(texts)
    assert info.shape == (3,) and info[1] > info[0]


def test_ensemble_multilabel_keeps_several_codes():
    codes = [c if i % 4 else f"{c};extra" for i, c in enumerate(CODES)]
    texts = [t if i % 4 else t + " Extra help (synthetic)." for i, t in enumerate(TRAIN)]
    s = EnsembleSuggester(cv=2).fit(texts, codes)
    assert s.max_codes_ == 2
    pred = s.predict(["The bus was late. Extra help (synthetic)."])[0]
    chosen = {str(s.classes_[j]) for j in np.nonzero(pred)[0]}
    assert chosen == {"transport", "extra"}


def test_ensemble_checks_params_and_fit_state():
    with pytest.raises(NotFittedError):
        EnsembleSuggester().predict_proba(["text"])
    with pytest.raises(ValueError, match="C must be"):
        EnsembleSuggester(C=0).fit(TRAIN, CODES)
    with pytest.raises(ValueError, match="max_codes"):
        EnsembleSuggester(max_codes=-1).fit(TRAIN, CODES)
    with pytest.raises(TypeError, match="single string"):
        EnsembleSuggester().fit("one text", CODES)
    with pytest.raises(ValueError, match="same length"):
        EnsembleSuggester().fit(TRAIN[:3], CODES)


class KeywordEmbedder:
    """A deterministic inductive embedder for synthetic tests."""

    name = "keyword-test"
    transductive = False
    WORDS = ("bus", "train", "wait", "month", "listen", "believ", "leaflet")

    def encode(self, texts):
        v = np.array([[t.lower().count(w) for w in self.WORDS] + [0.1] for t in texts],
                     dtype=np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_ensemble_with_codebook_scores_codes_without_training_texts():
    cb = Codebook("Synthetic", (Theme("t", "T"),), (
        Code("transport", "Getting there", "t", definition="Bus or train travel."),
        Code("waiting", "Waiting", "t", definition="Waiting months."),
        Code("listened", "Listened to", "t", definition="Staff listened."),
        Code("info", "Information", "t", definition="A leaflet about the service.",
             examples=("The leaflet explained it.",)),
    ))
    s = EnsembleSuggester(codebook=cb, embedder=KeywordEmbedder(), cv=2).fit(TRAIN, CODES)
    assert list(s.classes_) == ["transport", "waiting", "listened", "info"]
    assert s.skipped_codes_ == ["info"] and not s.learned_[3]
    assert s.rank(["A leaflet (synthetic)."])[0][0][0] == "info"


def test_split_labelled_is_fixed_by_ids():
    frame = pd.DataFrame({"id": [f"r{i}" for i in range(200)], "text": "x", "codes": "a"})
    tr, te = split_labelled(frame)
    tr2, te2 = split_labelled(frame.iloc[::-1])
    assert set(te["id"]) == set(te2["id"]) and 20 < len(te) < 60
    assert not set(tr["id"]) & set(te["id"])


def test_evaluate_suggestions_command_writes_design_json(tmp_path):
    from voices.cli import app
    from voices.commands.coding import register

    register(app)
    train = pd.DataFrame({"id": range(48), "text": TRAIN, "codes": CODES})
    test = pd.DataFrame({"id": [1, 2, 3], "text": ["The bus again.", "Months of waiting.",
                                                    "She listened."],
                         "codes": ["transport", "waiting", "listened;transport"]})
    train.to_csv(tmp_path / "train.csv", index=False)
    test.to_csv(tmp_path / "test.csv", index=False)
    res = CliRunner().invoke(app, ["evaluate-suggestions", "--train", str(tmp_path / "train.csv"),
                                   "--test", str(tmp_path / "test.csv"), "--json",
                                   str(tmp_path / "out.json"), "--fast"])
    assert res.exit_code == 0, res.output
    assert "micro F1" in res.output
    out = json.loads((tmp_path / "out.json").read_text())
    assert {"micro_f1", "macro_f1", "per_code"} <= set(out)
    assert set(out["per_code"]["waiting"]) == {"precision", "recall", "f1", "kappa", "support"}
    assert out["per_code"]["waiting"]["recall"] == 1.0
    lo, hi = out["micro_f1_ci"]
    assert lo <= out["micro_f1"] <= hi and 0 <= out["ece"] <= 1
    assert {"micro_f1", "micro_f1_ci", "macro_f1", "macro_f1_ci"} <= set(out["difference"])
    assert (tmp_path / out["reliability_plot"]).read_bytes()[:4] == b"\x89PNG"
    assert "difference (ours - baseline)" in res.output
    bad = CliRunner().invoke(app, ["evaluate-suggestions", "--train", str(tmp_path / "nope.csv"),
                                   "--test", str(tmp_path / "test.csv")])
    assert bad.exit_code == 1


@pytest.mark.shared_data
def test_ensemble_floor_on_public_feedback_subsample(shared_dir):
    data = shared_dir / "data/coded/text_data.csv"
    if not data.exists():
        pytest.skip(f"{data}: the public coded data set is not present")
    raw = pd.read_csv(data, dtype=str, keep_default_na=False).iloc[:2000]
    frame = pd.DataFrame({"id": "r" + raw["row_index"], "text": raw["feedback"],
                          "codes": raw["label"]})
    train, test = split_labelled(frame)
    out = evaluate_suggestions(train, test)
    # Themes (9 labels), first 2,000 comments, fixed split: measured accuracy 0.623 and
    # balanced accuracy 0.567 (deterministic); floors sit a few points under.
    assert out["accuracy"] >= FLOOR_ACC and out["balanced_accuracy"] >= FLOOR_BAL


def test_ensemble_suggestions_learn_from_store_decisions():
    from analysis.suggest.ensemble import ensemble_suggestions
    from survey.schema import CODING_COLUMNS

    extra = ["The train was cancelled (synthetic).", "Still waiting months (synthetic).",
             "The bus while waiting months (synthetic)."]
    segs = pd.DataFrame({"segment_id": [f"s{i}" for i in range(len(TRAIN) + 3)],
                         "text": TRAIN + extra})
    rows = [{"segment_id": f"s{i}", "code_id": c, "coder": "AB", "source": "human",
             "confidence": None, "status": "accepted", "evidence": None, "decided_at": None}
            for i, c in enumerate(CODES)]
    codings = pd.DataFrame(rows, columns=list(CODING_COLUMNS))
    cb = Codebook("Synthetic", (Theme("t", "T"),), tuple(
        Code(c, c.title(), "t", definition=f"Synthetic {c}.") for c in
        ("transport", "waiting", "listened")))
    assert ensemble_suggestions(segs, codings.iloc[:0], cb) is None
    run = ensemble_suggestions(segs, codings, cb)
    assert run.trained_on == len(TRAIN) and sorted(run.order) == ["s48", "s49", "s50"]
    got = run.codings.groupby("segment_id")["code_id"].apply(set).to_dict()
    assert "transport" in got["s48"] and "waiting" in got["s49"]
    assert set(run.codings["source"]) == {"classifier"}
    assert set(run.codings["status"]) == {"suggested"}
