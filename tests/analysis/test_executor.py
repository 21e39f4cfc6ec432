"""analysis.executor: addresses, partitions, Parquet transport, and the partitioned embedding
and suggestion paths (run here with the in-process executor and a deterministic embedder)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import executor as ex
from analysis.executor import (DaskExecutor, ExecutorError, InProcessExecutor, embed_into_cache,
                               frame_from_parquet, frame_to_parquet, make_executor, partitions,
                               suggest_on_executor)
from analysis.suggest import suggest_codings
from codebook import Code, Codebook, Theme
from survey.config import load_project
from survey.errors import ConfigError


class AxisEmbedder:
    """Deterministic: one axis per synthetic keyword, plus a small length wobble."""

    name = "axis-test-v1"
    transductive = False
    WORDS = ("bus", "waiting", "listened", "leaflet")

    def __init__(self):
        self.calls = 0

    def encode(self, texts):
        self.calls += 1
        out = np.full((len(texts), 6), 0.05, dtype=np.float32)
        for i, t in enumerate(texts):
            for j, w in enumerate(self.WORDS):
                if w in t.lower():
                    out[i, j] = 1.0
            out[i, 4 + len(t) % 2] += 0.1
        return out / np.linalg.norm(out, axis=1, keepdims=True)


class DictStore:
    """The store's embedding-cache interface, in memory."""

    def __init__(self):
        self.vectors: dict[str, np.ndarray] = {}
        self.puts = 0

    def get_many(self, model, hashes):
        return {h: self.vectors[h] for h in hashes if h in self.vectors}

    def put_many(self, model, items):
        self.puts += 1
        self.vectors.update({h: np.asarray(v, dtype=np.float32) for h, v in items.items()})


CB = Codebook("Synthetic executor codebook", (Theme("t", "T"),), (
    Code("transport", "Getting there", "t", definition="Travel by bus to the centre.",
         keywords=("bus",)),
    Code("waiting", "Waiting", "t", definition="Waiting a long time for counselling.",
         keywords=("waiting",)),
    Code("listened", "Listened to", "t", definition="Staff listened to me.",
         keywords=("listened",)),
))
TEXTS = ["The bus took two hours", "Waiting four months was awful", "My worker listened",
         "A leaflet would have helped", "The bus and the waiting", "Nobody listened at first",
         "I was waiting for the bus", "It was fine"]


@pytest.fixture(scope="module")
def real_nlp():
    from survey.nlp import load_nlp

    return load_nlp()


@pytest.fixture
def worker_models(monkeypatch, real_nlp):
    """Put the deterministic embedder (and the spaCy pipeline) where workers load models."""
    emb = AxisEmbedder()
    monkeypatch.setattr(ex, "_WORKER_MODELS", {("embedder", None, 13, "float32"): emb,
                                               ("nlp", "test-nlp"): real_nlp})
    return emb, real_nlp


@pytest.mark.parametrize("address, kind", [(None, "in-process"), ("", "in-process"),
                                           ("in-process", "in-process"), ("local:2", "dask"),
                                           ("tcp://10.0.0.5:8786", "dask"),
                                           ("scheduler.local:8786", "dask")])
def test_make_executor_kinds(address, kind):
    assert make_executor(address).kind == kind


@pytest.mark.parametrize("address", ["local", "local:", "local:two", "not an address", "tcp://"])
def test_make_executor_rejects_bad_addresses(address):
    with pytest.raises(ExecutorError, match="--cluster"):
        make_executor(address)


def test_dask_executor_local_zero_workers_is_refused():
    with pytest.raises(ExecutorError, match="N >= 1"):
        DaskExecutor(address="local:0").start()


@pytest.mark.parametrize("size, expected", [(3, [3, 3, 2]), (8, [8]), (100, [8]), (1, [1] * 8)])
def test_partitions_cover_rows_in_order(size, expected):
    frame = pd.DataFrame({"x": range(8)})
    parts = partitions(frame, size)
    assert [len(p) for p in parts] == expected
    assert pd.concat(parts, ignore_index=True).equals(frame)


@pytest.mark.parametrize("size", [0, -1, 2.5, True])
def test_partitions_reject_bad_size(size):
    with pytest.raises(ValueError, match="partition size"):
        partitions(pd.DataFrame({"x": [1]}), size)


def test_parquet_round_trip_keeps_values_and_plain_strings():
    frame = pd.DataFrame({"segment_id": ["s_1", "s_2"], "confidence": [0.5, np.nan],
                          "evidence": ["bus", None], "vector": [b"\x00\x01", b"\x02"]})
    back = frame_from_parquet(frame_to_parquet(frame))
    assert back["segment_id"].tolist() == ["s_1", "s_2"]
    assert back["evidence"].tolist() == ["bus", None]
    assert back["vector"].tolist() == [b"\x00\x01", b"\x02"]
    assert np.isnan(back["confidence"].iloc[1])
    assert back["segment_id"].dtype == object


def test_embed_into_cache_embeds_only_missing_texts_once(worker_models):
    emb, _ = worker_models
    store = DictStore()
    n = embed_into_cache(InProcessExecutor(), TEXTS + TEXTS[:2], store=store,
                         model_name=emb.name, model_dir=None, seed=13, partition_size=3)
    assert n == len(TEXTS)
    assert store.puts == 3  # one write per partition, by this process
    assert embed_into_cache(InProcessExecutor(), TEXTS, store=store, model_name=emb.name,
                            model_dir=None, seed=13, partition_size=3) == 0
    direct = AxisEmbedder().encode(TEXTS)
    got = np.stack([store.vectors[ex.text_hash(t)] for t in TEXTS])
    np.testing.assert_allclose(got, direct, rtol=0, atol=0)


@pytest.mark.parametrize("size", [1, 3, 100])
def test_suggest_on_executor_equals_suggest_codings(worker_models, size):
    emb, nlp = worker_models
    segments = pd.DataFrame({"segment_id": [f"s_{i}" for i in range(len(TEXTS))],
                             "text": TEXTS})
    expected = suggest_codings(segments, CB, nlp=nlp, embedder=AxisEmbedder())
    got = suggest_on_executor(InProcessExecutor(), segments, CB, store=DictStore(),
                              model_name=emb.name, model_dir=None, seed=13,
                              spacy_model="test-nlp", partition_size=size)
    assert len(expected) > 0 and set(expected["source"]) == {"rules", "similarity"}
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)


class BatchSensitiveEmbedder(AxisEmbedder):
    """Like a transformer with padding: a text's vector depends on the batch it came in."""

    def encode(self, texts):
        out = super().encode(texts)
        out[:, 5] += 0.05 * len(texts)
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def test_codebook_vectors_are_not_carried_from_an_earlier_run(monkeypatch, real_nlp):
    """A process that ran suggestions before (a workspace, a long-lived cluster worker) gives
    what a fresh one gives: the codebook's vectors are kept for one run only."""
    emb = BatchSensitiveEmbedder()
    monkeypatch.setattr(ex, "_WORKER_MODELS", {("embedder", None, 13, "float32"): emb,
                                               ("nlp", "test-nlp"): real_nlp})
    monkeypatch.setattr(ex, "_OTHER_VECTORS", {})
    monkeypatch.setattr(ex, "_OTHER_RUN", [""])
    segments = pd.DataFrame({"segment_id": [f"s_{i}" for i in range(len(TEXTS))],
                             "text": TEXTS})

    def run(codebook):
        return suggest_on_executor(InProcessExecutor(), segments, codebook, store=DictStore(),
                                   model_name=emb.name, model_dir=None, seed=13,
                                   spacy_model="test-nlp", partition_size=3)

    fresh = run(CB)
    run(Codebook("Synthetic subset", CB.themes, CB.codes[:1]))  # the first definition alone
    assert len(fresh) > 0
    pd.testing.assert_frame_equal(run(CB), fresh)


@pytest.mark.parametrize("size", [1, 4])
def test_repeated_segment_texts_are_suggested_once_with_every_segment_given_rows(
        worker_models, size, monkeypatch):
    emb, nlp = worker_models
    texts = [TEXTS[i % 3] for i in range(11)] + TEXTS  # the first three texts many times
    segments = pd.DataFrame({"segment_id": [f"s_{i}" for i in range(len(texts))],
                             "text": texts})
    expected = suggest_codings(segments, CB, nlp=nlp, embedder=AxisEmbedder())
    seen: list[str] = []
    real = ex.suggest_partition
    monkeypatch.setattr(ex, "suggest_partition",
                        lambda frame, **kw: seen.extend(frame["text"]) or real(frame, **kw))
    got = suggest_on_executor(InProcessExecutor(), segments, CB, store=DictStore(),
                              model_name=emb.name, model_dir=None, seed=13,
                              spacy_model="test-nlp", partition_size=size)
    assert sorted(seen) == sorted(set(texts))  # each distinct text once
    assert len(expected) > len(set(texts)) and expected["segment_id"].nunique() > 11
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)


def _project(tmp_path, executor_yaml: str):
    (tmp_path / "a.csv").write_text("id,q\n1,x\n", encoding="utf-8")
    (tmp_path / "project.yaml").write_text(
        "name: t\nsources:\n  - {path: a.csv, cohort: c}\n" + executor_yaml, encoding="utf-8")
    return tmp_path


def test_config_executor_defaults_to_in_process(tmp_path):
    cfg = load_project(_project(tmp_path, ""))
    assert (cfg.executor.kind, cfg.executor.address) == ("in-process", None)


def test_config_executor_dask_with_address(tmp_path):
    cfg = load_project(_project(tmp_path, "executor: {kind: dask, address: 'local:2', "
                                          "partition_size: 500}\n"))
    assert (cfg.executor.kind, cfg.executor.address, cfg.executor.partition_size) == (
        "dask", "local:2", 500)


@pytest.mark.parametrize("yaml_text, key", [
    ("executor: {kind: spark}\n", "executor.kind"),
    ("executor: {kind: dask}\n", "executor.address"),
    ("executor: {kind: dask, address: 'local:2', partition_size: 0}\n",
     "executor.partition_size"),
    ("executor: {kind: dask, address: 'local:2', threads: 4}\n", "executor.threads"),
    ("executor: {workers: 0}\n", "executor.workers"),
    ("executor: {workers: many}\n", "executor.workers"),
    ("executor: local\n", "executor"),
])
def test_config_executor_bad_values_name_the_key(tmp_path, yaml_text, key):
    with pytest.raises(ConfigError) as info:
        load_project(_project(tmp_path, yaml_text))
    assert key in str(info.value)


def test_cli_run_refuses_a_bad_cluster_address(demo_dir, tmp_path):
    from typer.testing import CliRunner

    from voices.cli import app

    result = CliRunner().invoke(app, ["run", str(demo_dir), "--out", str(tmp_path / "o"),
                                      "--cluster", "local:x"])
    assert result.exit_code == 1
    assert "local:N" in result.output


def test_embed_into_cache_in_process_uses_the_runs_own_embedder(monkeypatch):
    monkeypatch.setattr(ex, "_WORKER_MODELS", {})  # a worker model would be loaded here
    own = AxisEmbedder()
    store = DictStore()
    embed_into_cache(InProcessExecutor(), TEXTS, store=store, model_name=own.name,
                     model_dir=None, seed=13, partition_size=5, local_embedder=own)
    assert own.calls == 2 and ex._WORKER_MODELS == {}
    assert len(store.vectors) == len(TEXTS)


def test_suggest_on_executor_in_process_uses_the_runs_own_models(monkeypatch, real_nlp):
    monkeypatch.setattr(ex, "_WORKER_MODELS", {})
    segments = pd.DataFrame({"segment_id": [f"s_{i}" for i in range(len(TEXTS))],
                             "text": TEXTS})
    expected = suggest_codings(segments, CB, nlp=real_nlp, embedder=AxisEmbedder())
    got = suggest_on_executor(InProcessExecutor(), segments, CB, store=DictStore(),
                              model_name=AxisEmbedder.name, model_dir=None, seed=13,
                              spacy_model="not-loaded", partition_size=3, local_nlp=real_nlp,
                              local_embedder=AxisEmbedder())
    assert ex._WORKER_MODELS == {}
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)
