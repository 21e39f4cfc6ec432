"""The evaluation script's scoring: full-mask span recall and token precision."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("anonymise_eval",
                                                  REPO / "benchmarks" / "anonymise_eval.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


RECORD = {"full_text": "Call Jo Bloggs on 01234 567890 now",  # synthetic
          "spans": [{"entity_type": "PERSON", "start_position": 5, "end_position": 14},
                    {"entity_type": "PHONE_NUMBER", "start_position": 18, "end_position": 30}]}


def test_benchmark_full_mask_needs_every_character(bench):
    partial = bench.evaluate([RECORD], [[(5, 7), (18, 30)]])
    assert partial["per_label"]["PERSON"]["recall"] == 0.0
    assert partial["per_label"]["PHONE_NUMBER"]["recall"] == 1.0
    full = bench.evaluate([RECORD], [[(5, 7), (8, 14), (18, 30)]])  # gap is only a space
    assert full["recall_direct"] == 1.0


def test_benchmark_token_precision_counts_extra_tokens(bench):
    res = bench.evaluate([RECORD], [[(0, 4), (5, 14)]])
    assert res["token_precision"] == pytest.approx(2 / 3, abs=1e-3)


def test_bench_anonymise_figures_use_the_given_direct_labels():
    spec = importlib.util.spec_from_file_location("bench_anonymise",
                                                  REPO / "benchmarks" / "bench_anonymise.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    figs = module.figures([RECORD], [[(18, 30)]], 0.5, frozenset({"PHONE_NUMBER"}))
    assert figs["recall_direct"] == 1.0 and figs["n_direct"] == 1
    assert figs["per_label_recall"] == {"PERSON": 0.0, "PHONE_NUMBER": 1.0}
    assert figs["chars_per_s"] == round(len(RECORD["full_text"]) / 0.5)
    records = module.load_ours(3)
    assert len(records) == 3 and all(r["full_text"] and "spans" in r for r in records)


def test_bench_keeps_identity_gold_out_of_recall_and_reports_it(tmp_path):
    import json

    spec = importlib.util.spec_from_file_location("bench_anonymise",
                                                  REPO / "benchmarks" / "bench_anonymise.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text = "as a gay man i told Quorra"  # synthetic
    rec = {"id": "x", "split": "dev", "text": text, "synthetic": True,
           "spans": [{"start": 5, "end": 8, "label": "DEMOGRAPHIC", "kind": "QUASI"},
                     {"start": 20, "end": 26, "label": "PERSON", "kind": "DIRECT"}]}
    path = tmp_path / "set.jsonl"
    path.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    records = module.load_annotated(path, "dev")
    assert [s["entity_type"] for s in records[0]["spans"]] == ["PERSON"]
    assert records[0]["keep"] == [(5, 8)]
    assert module.identity_kept(records, [[(20, 26)]]) == {"identity_kept": 1.0, "n_identity": 1}
    assert module.identity_kept(records, [[(5, 8)]])["identity_kept"] == 0.0


def test_dev_only_never_loads_a_test_split(monkeypatch):
    # tuning runs use --dev-only: no held-out split may be read, not even to score it (a test
    # split already read once and mined for rules since, READ_TESTS, is development now)
    spec = importlib.util.spec_from_file_location("bench_anonymise_dev_only",
                                                  REPO / "benchmarks" / "bench_anonymise.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    splits: list[str] = []
    read = {name.rsplit("_", 1)[0] for name in module.READ_TESTS}
    monkeypatch.setattr(module, "load_annotated",
                        lambda path, split, limit=None: splits.append(
                            "read" if split == "test" and Path(path).stem in read else split)
                        or [])
    monkeypatch.setattr(module, "load_pii", lambda limit: [])
    monkeypatch.setattr(module, "bench", lambda *a, **k: {})
    monkeypatch.setattr(module, "systems", lambda peer: [])
    module.main(["--dev-only", "--no-peer"])
    assert splits and "test" not in splits
    held_out = {b for b, role in module.REALTEXT_LATER.items() if role is None}
    assert not held_out & set(splits)  # a held-out real-text batch is never read either
    assert "dev" in splits and splits.count("read") == len(module.READ_TESTS)
