"""Recall floor on our own SYNTHETIC survey-style test set (data/anon_testset/testset.jsonl).

The set was also used while developing the rules, so it is a regression floor, not a held-out
estimate; the public set in ../shared/data/pii is measured by benchmarks/bench_anonymise.py.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

SET = Path(__file__).resolve().parents[3] / "data" / "anon_testset" / "testset.jsonl"
HELDOUT = SET.with_name("heldout.jsonl")
DIRECT = {"PERSON", "STREET_ADDRESS", "PHONE_NUMBER", "EMAIL_ADDRESS", "UK_POSTCODE",
          "UK_NHS_NUMBER", "UK_NINO", "REFERENCE_NUMBER", "SOCIAL_HANDLE",
          "UK_VEHICLE_REGISTRATION"}


def _score(nlp, path: Path):
    from survey.anonymise.engine import build_anonymiser
    from survey.config import AnonymiseConfig

    an = build_anonymiser(AnonymiseConfig())
    an.nlp = nlp
    an.load()
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    dets = an.detect_batch([r["text"] for r in records])
    hit, total, tp, fp = Counter(), Counter(), 0, 0
    for rec, ds in zip(records, dets):
        text = rec["text"]
        mask = [any(d.start <= i < d.end for d in ds) for i in range(len(text))]
        gold = [any(s <= i < e for s, e, _ in rec["spans"]) for i in range(len(text))]
        for s, e, label in rec["spans"]:
            total[label] += 1
            hit[label] += all(mask[i] for i in range(s, e) if not text[i].isspace())
        for m in re.finditer(r"\w+", text):
            if any(mask[m.start():m.end()]):
                tp += any(gold[m.start():m.end()])
                fp += not any(gold[m.start():m.end()])
    return records, hit, total, tp / (tp + fp)


@pytest.fixture(scope="module")
def scored(nlp):
    return _score(nlp, SET)


def test_testset_is_large_synthetic_and_diverse(scored):
    records, _, total, _ = scored
    assert len(records) >= 300 and all(r["synthetic"] for r in records)
    assert {"PERSON", "STREET_ADDRESS", "PHONE_NUMBER", "UK_POSTCODE", "LOCATION"} <= set(total)
    for rec in records:
        for s, e, _ in rec["spans"]:
            assert 0 <= s < e <= len(rec["text"])


def test_testset_direct_recall_floor(scored):
    _, hit, total, _ = scored
    direct = sum(hit[k] for k in DIRECT) / sum(total[k] for k in DIRECT)
    assert direct >= 0.97, f"direct recall {direct:.3f}"


def test_testset_overall_recall_and_precision_floor(scored):
    _, hit, total, precision = scored
    assert sum(hit.values()) / sum(total.values()) >= 0.95
    assert precision >= 0.8, f"token precision {precision:.3f}"
    assert hit["PERSON"] / total["PERSON"] >= 0.95


def test_heldout_direct_recall_floor(nlp):
    records, hit, total, precision = _score(nlp, HELDOUT)
    assert len(records) >= 100 and all(r["synthetic"] for r in records)
    direct = sum(hit[k] for k in DIRECT) / sum(total[k] for k in DIRECT)
    assert direct >= 0.95, f"held-out direct recall {direct:.3f}"
    assert precision >= 0.8
