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


# -- corpus sizes, subsets, coded share, reproducibility (SYNTHETIC answers) -------------------
VARIED_THEMES = {
    "transport": ["the {a} bus to the centre takes too long", "no {a} train runs near my home",
                  "travel costs for {a} appointments add up", "I could not drive to the {a} clinic"],
    "waiting": ["the {a} waiting list lasted months", "I waited months for {a} counselling",
                "the delay before {a} therapy felt endless", "months on a {a} waiting list"],
    "listened": ["my {a} worker listened and believed me", "staff listened without judging {a}",
                 "I felt believed by the {a} advocate", "they listened to me at the {a} service"],
    "childcare": ["no {a} childcare during sessions", "I had nobody to mind my {a} children",
                  "a {a} creche would let parents attend", "childcare costs stopped {a} visits"],
    "online": ["an {a} online chat felt safer", "{a} video sessions suited me better",
               "texting the {a} helpline was easier", "online {a} support at night helped"],
}
FILLERS = ["local", "weekly", "new", "first", "evening", "free", "usual", "nearest", "main",
           "small", "busy", "rural"]


def varied_corpus(n: int, seed: int = 0) -> tuple[list[str], list[str], list[str]]:
    rng = np.random.default_rng(seed)
    names = sorted(VARIED_THEMES)
    texts, truth = [], []
    for i in range(n):
        theme = names[i % len(names)]
        template = VARIED_THEMES[theme][int(rng.integers(4))]
        text = template.format(a=FILLERS[int(rng.integers(len(FILLERS)))])
        if i % 23 == 0:
            text = "n/a"
            theme = "non"
        texts.append(text[0].upper() + text[1:] + ".")
        truth.append(theme)
    return texts, [f"v{i:05d}" for i in range(n)], truth


def _usable(result, n: int) -> None:
    if result.status == "too few answers":
        assert result.warnings and "needed" in result.warnings[-1]
        return
    assert result.status in ("ok", "weak")
    assert 2 <= len(result.topics) <= 25
    assert result.topics["size"].sum() == len(result.assignments) == n - result.n_non_answers
    assert result.topics["size"].max() <= 0.5 * len(result.assignments) or result.fallback_used
    assert all(len(w) > 0 for w in result.topics["top_words"])


@pytest.mark.parametrize("n", [20, 83, pytest.param(128, marks=pytest.mark.slow)])
def test_topic_model_sizes_give_usable_topics(n):
    # 128 answers go through UMAP, whose numba compilation costs 15-40 s once per session.
    texts, ids, truth = varied_corpus(n, seed=n)
    result = TopicModel(embedder=TfidfSvdEmbedder(n_components=16), seed=5).fit(texts, ids)
    _usable(result, n)
    assert result.status == "ok"


@pytest.mark.slow
def test_topic_model_thousand_answers_usable():
    texts, ids, truth = varied_corpus(1000, seed=1)
    result = TopicModel(embedder=TfidfSvdEmbedder(n_components=16), seed=5).fit(texts, ids)
    _usable(result, 1000)


def test_topic_model_too_few_answers_is_explicit():
    texts = ["n/a", "Nothing", "The bus was late.", "I waited months.", "don't know"]
    result = TopicModel(embedder=TfidfSvdEmbedder(n_components=4), seed=1).fit(
        texts, [f"i{k}" for k in range(len(texts))])
    assert result.status == "too few answers" and result.topics.empty
    assert "Only 2 answers" in result.warnings[0] and result.n_non_answers == 3


def test_topic_model_reproducible_topics_and_assignments():
    texts, ids, _ = varied_corpus(83, seed=3)
    fits = [TopicModel(embedder=TfidfSvdEmbedder(n_components=16), seed=11).fit(texts, ids)
            for _ in range(2)]
    pd.testing.assert_frame_equal(fits[0].assignments, fits[1].assignments)
    pd.testing.assert_frame_equal(fits[0].topics, fits[1].topics)
    pd.testing.assert_frame_equal(fits[0].coords, fits[1].coords)


def test_map_topics_to_codes_uses_share_already_coded(fitted):
    from analysis.topics import answer_codes

    result, truth, ids = fitted
    emb = TfidfSvdEmbedder(n_components=16)
    kept = dict(zip(ids, truth))
    # every "waiting" answer already coded "listened" (a deliberate mismatch): share wins
    segs = pd.DataFrame({"segment_id": [f"s{i}" for i in result.assignments["id"]],
                         "answer_id": result.assignments["id"]})
    cod = pd.DataFrame({"segment_id": [f"s{i}" for i in result.assignments["id"]
                                       if kept[i] == "waiting"], "code_id": "listened",
                        "status": "accepted", "decided_at": "2026-01-01"})
    coded = answer_codes(cod, segs)
    mapped = map_topics_to_codes(result, CB, embedder=emb, coded=coded,
                                 new_code_threshold=1.01)
    t = mapped.topics
    waiting_topic = result.assignments.assign(truth=[kept[i] for i in result.assignments["id"]])
    wt = waiting_topic[waiting_topic["truth"] == "waiting"]["topic_id"].mode()[0]
    row = t[t["topic_id"] == wt].iloc[0]
    assert row["coded_share_code_id"] == "listened" and row["coded_share"] >= 0.9
    assert row["best_code_id"] == "listened" and not row["candidate_new_code"]
    others = t[t["topic_id"] != wt]
    assert others["candidate_new_code"].all() and (others["coded_share"] == 0).all()


def test_fit_subset_and_fit_by_cohort_and_question():
    from analysis.topics import fit_by, fit_subset

    texts, ids, _ = varied_corpus(120, seed=4)
    answers = pd.DataFrame({"answer_id": ids, "response_id": [f"r{i % 60}" for i in range(120)],
                            "question_id": ["q_help" if i % 2 else "q_better" for i in range(120)],
                            "text": texts})
    responses = pd.DataFrame({"response_id": [f"r{i}" for i in range(60)],
                              "cohort": ["survivor" if i < 40 else "professional"
                                         for i in range(60)]})
    emb = TfidfSvdEmbedder(n_components=16)
    sub = fit_subset(answers, responses, embedder=emb, cohort="survivor", question_id="q_help",
                     seed=2)
    surv = set(responses.loc[responses["cohort"] == "survivor", "response_id"])
    mine = answers[(answers["question_id"] == "q_help") & answers["response_id"].isin(surv)]
    assert set(sub.assignments["id"]) <= set(mine["answer_id"])
    assert sub.warnings[0].startswith("Subset: cohort survivor, question q_help")
    fits = fit_by(answers, responses, embedder=emb, by=("cohort",), seed=2, min_answers=30)
    assert set(fits) == {("survivor",), ("professional",)}
    with pytest.raises(ValueError, match="by must"):
        fit_by(answers, responses, embedder=emb, by=("wave",))
