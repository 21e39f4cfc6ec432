"""Topic model fitted on a seeded sample, the rest assigned to the nearest topic centroid."""

from __future__ import annotations

import numpy as np
import pytest

from analysis.topics import TopicModel, _nearest_topic


class ThemeEmbedder:
    """Deterministic local embedder: each synthetic theme word points along its own axis, with a
    small per-text wobble, so the expected topic of every text is known."""

    name = "theme-axes-v1"
    transductive = False
    AXES = ("bus", "waiting", "listened", "housing")

    def encode(self, texts):
        out = np.zeros((len(texts), 8), dtype=np.float32)
        for i, t in enumerate(texts):
            for j, word in enumerate(self.AXES):
                if word in t:
                    out[i, j] = 1.0
            h = sum(map(ord, t))
            out[i, 4 + h % 4] = 0.15
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def _corpus(n_per_theme: int):
    texts, truth = [], []
    templates = {"bus": "the bus to the centre took {i} hours",
                 "waiting": "waiting {i} months for counselling",
                 "listened": "my worker listened to me on visit {i}",
                 "housing": "housing officer moved me after {i} weeks"}
    for theme, tpl in templates.items():
        for i in range(n_per_theme):
            texts.append(tpl.format(i=i))
            truth.append(theme)
    order = np.random.default_rng(3).permutation(len(texts))
    texts = [texts[i] for i in order]
    truth = [truth[i] for i in order]
    return texts, [f"a{i:04d}" for i in range(len(texts))], truth


def _purity(result, ids, truth):
    theme = dict(zip(ids, truth, strict=True))
    a = result.assignments.assign(theme=result.assignments["id"].map(theme))
    return a.groupby("topic_id")["theme"].agg(lambda s: s.value_counts().iloc[0] / len(s)).min()


def test_topics_sampled_fit_assigns_every_answer_and_counts_them():
    texts, ids, truth = _corpus(60)  # 240 answers, sample of 90 (below UMAP's threshold: fast)
    result = TopicModel(embedder=ThemeEmbedder(), seed=5, n_topics=4, sample_size=90).fit(
        texts, ids)
    assert len(result.assignments) == len(ids)
    assert result.topics["size"].sum() == len(ids)
    assert len(result.coords) == 90  # the map shows the fitted sample only
    assert "sample of 90" in result.method
    assert any("sample" in w for w in result.warnings)
    assert _purity(result, ids, truth) == 1.0


def test_topics_sampled_fit_is_seeded():
    texts, ids, _ = _corpus(60)
    a = TopicModel(embedder=ThemeEmbedder(), seed=5, n_topics=4, sample_size=90).fit(texts, ids)
    b = TopicModel(embedder=ThemeEmbedder(), seed=5, n_topics=4, sample_size=90).fit(texts, ids)
    assert a.assignments.equals(b.assignments)
    assert a.coords.equals(b.coords)


def test_topics_sample_size_at_or_above_corpus_fits_everything():
    texts, ids, _ = _corpus(20)
    full = TopicModel(embedder=ThemeEmbedder(), seed=5, n_topics=4, sample_size=None).fit(
        texts, ids)
    same = TopicModel(embedder=ThemeEmbedder(), seed=5, n_topics=4, sample_size=len(ids)).fit(
        texts, ids)
    assert full.assignments.equals(same.assignments)
    assert len(same.coords) == len(ids)
    assert "sample" not in same.method


@pytest.mark.parametrize("bad", [0, 1, -5, 2.5, True])
def test_topics_sample_size_rejects_bad_values(bad):
    texts, ids, _ = _corpus(5)
    with pytest.raises(ValueError, match="sample_size"):
        TopicModel(embedder=ThemeEmbedder(), sample_size=bad).fit(texts, ids)


def test_nearest_topic_picks_highest_cosine_in_batches():
    cents = {0: np.array([1.0, 0.0], dtype=np.float32), 3: np.array([0.0, 1.0], dtype=np.float32)}
    emb = np.array([[0.9, 0.1], [0.2, 0.8], [0.0, 1.0], [1.0, 0.0]], dtype=np.float32)
    assert _nearest_topic(emb, cents, batch=3).tolist() == [0, 3, 3, 0]


def test_exact_knn_matches_brute_force_with_each_row_first():
    from analysis.topics import exact_knn

    rng = np.random.default_rng(11)
    x = rng.normal(size=(700, 24)).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    x[5] = x[9]  # a duplicate: distance 0 to another row, yet each row is still its own first
    idx, dist = exact_knn(x, 8, block=128)  # several blocks, the last one short
    full = np.linalg.norm(x[:, None, :] - x[None, :, :], axis=2)
    assert idx.shape == dist.shape == (700, 8)
    assert (idx[:, 0] == np.arange(700)).all() and np.allclose(dist[:, 0], 0.0)
    assert idx[5, 1] == 9 and idx[9, 1] == 5
    for i in (0, 5, 333, 699):
        expected = np.argsort(full[i], kind="stable")[:8]
        assert set(idx[i]) == set(expected)
        np.testing.assert_allclose(dist[i], full[i, idx[i]], atol=1e-3)
        assert (np.diff(dist[i]) >= -1e-6).all()  # nearest first
    again = exact_knn(x, 8, block=256)
    assert (again[0] == idx).all()  # the block size changes nothing
    with pytest.raises(ValueError, match="k must be"):
        exact_knn(x, 0)


def test_umap_gets_exact_neighbours_from_4096_texts(monkeypatch):
    import analysis.topics as topics

    calls = []
    real = topics.exact_knn
    monkeypatch.setattr(topics, "exact_knn", lambda e, k: calls.append(e.shape) or real(e, k))
    monkeypatch.setattr(topics, "_UMAP_EXACT_BELOW", 300)  # the same path on a smaller corpus
    rng = np.random.default_rng(2)
    emb = rng.normal(size=(320, 16)).astype(np.float32)
    emb /= np.linalg.norm(emb, axis=1, keepdims=True)
    reduced, name = TopicModel(embedder=ThemeEmbedder(), seed=5)._reduce(emb)
    assert name == "umap" and reduced.shape == (320, 5) and calls == [(320, 16)]
    again, _ = TopicModel(embedder=ThemeEmbedder(), seed=5)._reduce(emb)
    np.testing.assert_array_equal(reduced, again)  # seeded: the same layout
