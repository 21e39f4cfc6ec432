"""Tests for analysis.topics on a small synthetic corpus (TF-IDF embedder; MiniLM is slow)."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from analysis.embed import TfidfSvdEmbedder
from analysis.topics import TOPIC_COLUMNS, TopicModel, is_non_answer, map_topics_to_codes
from codebook import Code, Codebook, Theme

# Synthetic answers about services (not real survey text): three clear themes.
THEMES = {
    "transport": ["The bus to the centre takes {x} hours", "No train or bus runs near me {x}",
                  "Travel by bus to appointments is hard {x}"],
    "waiting": ["Waiting list for counselling was {x} months", "I waited {x} months on the waiting list",
                "The waiting time for therapy was {x} months"],
    "listened": ["Staff listened and believed me {x}", "My worker listened without judging {x}",
                 "I felt believed and listened to {x}"],
}
NON_ANSWERS = ["n/a", "None", "nothing", "Don't know", "no", "Not applicable", "  ", "...", "N/A."]


def corpus(per_theme: int = 15) -> tuple[list[str], list[str], list[str]]:
    texts, truth = [], []
    for theme, templates in THEMES.items():
        for i, t in zip(range(per_theme), itertools.cycle(templates), strict=False):
            texts.append(t.format(x=["two", "three", "four", "five", "six"][i % 5]))
            truth.append(theme)
    texts += NON_ANSWERS
    truth += ["non"] * len(NON_ANSWERS)
    ids = [f"a{i:03d}" for i in range(len(texts))]
    return texts, ids, truth


CB = Codebook("Synthetic topics codebook", (Theme("t", "T"),), (
    Code("transport", "Getting there", "t", definition="Travel by bus or train to services.",
         keywords=("bus", "train")),
    Code("waiting", "Waiting", "t", definition="Waiting list and months waiting for therapy.",
         keywords=("waiting list",)),
    Code("listened", "Listened to", "t", definition="Staff listened and believed me.",
         keywords=("listened", "believed")),
))


@pytest.fixture(scope="module")
def fitted():
    texts, ids, truth = corpus()
    return TopicModel(embedder=TfidfSvdEmbedder(n_components=16), seed=7).fit(texts, ids), truth, ids


@pytest.mark.parametrize("text", NON_ANSWERS + ["Nothing.", "n / a"[:0], "dont know!", "?!"])
def test_is_non_answer_true(text):
    assert is_non_answer(text)


@pytest.mark.parametrize("text", ["No bus on Sundays", "Nothing helped until the SARC", "None of them listened"])
def test_is_non_answer_false(text):
    assert not is_non_answer(text)


def test_topic_model_removes_and_counts_non_answers(fitted):
    result, _, ids = fitted
    assert result.n_non_answers == len(NON_ANSWERS)
    assert len(result.assignments) == len(ids) - len(NON_ANSWERS)
    assert set(result.assignments["id"]) == set(ids[: len(ids) - len(NON_ANSWERS)])


def test_topic_model_finds_the_themes(fitted):
    result, truth, ids = fitted
    assert len(result.topics) >= 2
    assert list(result.topics.columns) == list(TOPIC_COLUMNS)
    theme = dict(zip(ids, truth))
    purity = result.assignments.assign(theme=result.assignments["id"].map(theme)).groupby(
        "topic_id")["theme"].agg(lambda s: s.value_counts().iloc[0] / len(s))
    assert purity.min() >= 0.8
    assert result.topics["size"].sum() == len(result.assignments)
    assert all(3 <= len(r) <= 5 for r in result.topics["representative_ids"])


def test_topic_model_deterministic(fitted):
    result, _, _ = fitted
    texts, ids, _ = corpus()
    again = TopicModel(embedder=TfidfSvdEmbedder(n_components=16), seed=7).fit(texts, ids)
    pd.testing.assert_frame_equal(result.assignments, again.assignments)
    pd.testing.assert_frame_equal(result.topics, again.topics)
    pd.testing.assert_frame_equal(result.coords, again.coords)


def test_topic_model_coords_cover_assignments(fitted):
    result, _, _ = fitted
    assert list(result.coords["id"]) == list(result.assignments["id"])
    assert np.isfinite(result.coords[["x", "y"]].to_numpy()).all()


def test_topic_model_too_few_texts_warns():
    result = TopicModel(embedder=TfidfSvdEmbedder()).fit(["bus late", "n/a", "kind staff"],
                                                         ["a", "b", "c"])
    assert result.topics.empty and result.assignments.empty
    assert result.n_non_answers == 1 and result.warnings


@pytest.mark.parametrize(("kwargs", "match"), [({"n_topics": 1}, "n_topics"),
                                               ({"min_topic_size": "big"}, "min_topic_size")])
def test_topic_model_rejects_bad_params(kwargs, match):
    texts, ids, _ = corpus(4)
    with pytest.raises(ValueError, match=match):
        TopicModel(embedder=TfidfSvdEmbedder(), **kwargs).fit(texts, ids)


def test_topic_model_rejects_bare_string_and_duplicate_ids():
    with pytest.raises(TypeError):
        TopicModel(embedder=TfidfSvdEmbedder()).fit("text", ["a"])
    with pytest.raises(ValueError, match="unique"):
        TopicModel(embedder=TfidfSvdEmbedder()).fit(["a b", "c d"], ["x", "x"])


def test_topic_model_n_topics_forces_k():
    texts, ids, _ = corpus()
    result = TopicModel(embedder=TfidfSvdEmbedder(n_components=16), n_topics=3).fit(texts, ids)
    assert len(result.topics) == 3


def test_map_topics_to_codes_matches_theme(fitted):
    result, truth, ids = fitted
    mapped = map_topics_to_codes(result, CB, embedder=TfidfSvdEmbedder(n_components=16))
    theme = dict(zip(ids, truth))
    majority = result.assignments.assign(theme=result.assignments["id"].map(theme)).groupby(
        "topic_id")["theme"].agg(lambda s: s.value_counts().index[0])
    for row in mapped.topics.itertuples():
        assert row.best_code_id == majority[row.topic_id]
        assert isinstance(row.candidate_new_code, bool)
    assert result.topics["best_code_id"].isna().all()  # input untouched


def test_map_topics_to_codes_flags_candidate_new_code(fitted):
    result, _, _ = fitted
    mapped = map_topics_to_codes(result, CB, embedder=TfidfSvdEmbedder(n_components=16),
                                 new_code_threshold=1.01)
    assert mapped.topics["candidate_new_code"].all()


@pytest.mark.slow
def test_topic_model_minilm_deterministic_and_mapped():
    from analysis.embed import MiniLMEmbedder

    texts, ids, truth = corpus()
    emb = MiniLMEmbedder()
    a = TopicModel(embedder=emb, seed=3).fit(texts, ids)
    b = TopicModel(embedder=emb, seed=3).fit(texts, ids)
    pd.testing.assert_frame_equal(a.assignments, b.assignments)
    assert len(a.topics) >= 2
    mapped = map_topics_to_codes(a, CB, embedder=emb)
    assert set(mapped.topics["best_code_id"]) <= {"transport", "waiting", "listened"}


@pytest.mark.slow
def test_topic_model_large_corpus_uses_hdbscan():
    texts, ids, _ = corpus(110)
    result = TopicModel(embedder=TfidfSvdEmbedder(n_components=16), seed=1).fit(texts, ids)
    assert "umap" in result.method
    assert result.topics["size"].max() <= 0.5 * len(result.assignments) or result.fallback_used
    assert (result.assignments["topic_id"] >= 0).all()
