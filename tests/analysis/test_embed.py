"""Tests for analysis.embed (synthetic texts; MiniLM tests are slow and opt-in)."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from analysis.embed import (CachedEmbedder, EmbeddingModelError, MiniLMEmbedder, TfidfSvdEmbedder,
                            default_model_dir, make_embedder, verify_model_dir)

TEXTS = ["The bus to the centre was late (synthetic).", "Staff listened and were kind.",
         "Waiting lists are long for counselling.", "The bus route changed again.",
         "Counselling helped me a lot."]


class DictCache:
    """The cache protocol the project store implements, in memory."""

    def __init__(self) -> None:
        self.data: dict[tuple[str, str], np.ndarray] = {}
        self.puts = 0

    def get_many(self, model, hashes):
        return {h: self.data[(model, h)] for h in hashes if (model, h) in self.data}

    def put_many(self, model, items):
        self.puts += len(items)
        self.data.update({(model, h): v for h, v in items.items()})


class CountingEmbedder:
    name = "counting"
    transductive = False

    def __init__(self) -> None:
        self.seen: list[str] = []

    def encode(self, texts):
        self.seen.extend(texts)
        return np.array([[len(t), 1.0] for t in texts], dtype=np.float32) / 100


def test_tfidf_svd_embedder_unit_float32_rows():
    vecs = TfidfSvdEmbedder(n_components=8).encode(TEXTS)
    assert vecs.shape == (5, 8) and vecs.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, rtol=1e-5)


def test_tfidf_svd_embedder_deterministic_and_similar_texts_close():
    a = TfidfSvdEmbedder(n_components=4, seed=3).encode(TEXTS)
    b = TfidfSvdEmbedder(n_components=4, seed=3).encode(TEXTS)
    np.testing.assert_array_equal(a, b)
    sims = a @ a.T
    assert sims[0, 3] > sims[0, 1]


@pytest.mark.parametrize("texts", [[], ["..."], ["the and of"]])
def test_tfidf_svd_embedder_degenerate_inputs(texts):
    vecs = TfidfSvdEmbedder(n_components=4).encode(texts)
    assert vecs.shape == (len(texts), 4)


def test_tfidf_svd_embedder_rejects_bare_string():
    with pytest.raises(TypeError):
        TfidfSvdEmbedder().encode("one text")


def test_cached_embedder_reuses_cache_and_dedupes():
    inner, cache = CountingEmbedder(), DictCache()
    emb = CachedEmbedder(inner, cache)
    first = emb.encode(["a", "bb", "a"])
    second = emb.encode(["bb", "ccc"])
    assert inner.seen == ["a", "bb", "ccc"]
    assert cache.puts == 3
    np.testing.assert_allclose(first[1], second[0])
    assert emb.name == "counting"


def test_cached_embedder_skips_cache_for_transductive():
    cache = DictCache()
    CachedEmbedder(TfidfSvdEmbedder(n_components=2), cache).encode(TEXTS)
    assert cache.puts == 0


def test_make_embedder_fast_is_tfidf():
    assert isinstance(make_embedder(fast=True, seed=5), TfidfSvdEmbedder)
    assert isinstance(make_embedder(), MiniLMEmbedder)


def test_verify_model_dir_rejects_altered_weights(tmp_path):
    (tmp_path / "model.safetensors").write_bytes(b"not the real weights")
    with pytest.raises(EmbeddingModelError, match="SHA-256"):
        verify_model_dir(tmp_path)


def test_minilm_embedder_refuses_altered_copy(tmp_path):
    src = default_model_dir()
    for f in src.iterdir():
        if f.is_file() and f.name != "model.safetensors":
            shutil.copy(f, tmp_path / f.name)
    (tmp_path / "model.safetensors").write_bytes(b"x" * 10)
    with pytest.raises(EmbeddingModelError):
        MiniLMEmbedder(model_dir=tmp_path).encode(["hello"])


@pytest.mark.slow
def test_minilm_embedder_offline_similarity_sane():
    vecs = MiniLMEmbedder().encode(["the nurse was kind", "staff were friendly and caring",
                                    "parking was impossible"])
    assert vecs.shape == (3, 384) and vecs.dtype == np.float32
    assert vecs[0] @ vecs[1] > vecs[0] @ vecs[2] + 0.2


# -- CPU precision (issue 15) -------------------------------------------------------------------
def test_precision_auto_follows_the_cpu(monkeypatch):
    import analysis.embed as embed

    monkeypatch.setattr(embed, "cpu_has_native_bfloat16", lambda: True)
    assert embed.resolve_precision("auto") == "bfloat16"
    monkeypatch.setattr(embed, "cpu_has_native_bfloat16", lambda: False)
    assert embed.resolve_precision("auto") == "float32"
    assert embed.resolve_precision("bfloat16") == "bfloat16"
    with pytest.raises(ValueError, match="precision"):
        embed.resolve_precision("int8")


def test_precision_names_the_cache_key():
    from analysis.embed import MINILM_NAME, MiniLMEmbedder

    assert MiniLMEmbedder(precision="float32").name == MINILM_NAME
    assert MiniLMEmbedder(precision="bfloat16").name == MINILM_NAME + "-bfloat16"


@pytest.mark.slow
def test_bfloat16_vectors_agree_with_float32():
    from analysis.embed import MiniLMEmbedder

    texts = ["The helpline listened and I felt believed.",
             "Waiting months for counselling made everything harder.",
             "ok"]
    a = MiniLMEmbedder(precision="float32").encode(texts)
    b = MiniLMEmbedder(precision="bfloat16").encode(texts)
    assert a.dtype == b.dtype == np.float32 and not np.array_equal(a, b)
    cos = (a * b).sum(axis=1)
    assert cos.min() > 0.999  # measured on the demo's answers: 0.99985 at worst


def test_config_embedding_precision(tmp_path, demo_dir):
    from survey.config import load_project
    from survey.errors import ConfigError

    shutil.copytree(demo_dir, tmp_path / "p")
    cfg = tmp_path / "p" / "project.yaml"
    text = cfg.read_text(encoding="utf-8")

    def project(extra: str):
        cfg.write_text(text + "\n" + extra, encoding="utf-8")
        return cfg

    assert load_project(project("")).topics.embedding_precision == "auto"
    assert load_project(project("topics: {embedding_precision: float32}\n")
                        ).topics.embedding_precision == "float32"
    with pytest.raises(ConfigError, match="topics.embedding_precision"):
        load_project(project("topics: {embedding_precision: half}\n"))
