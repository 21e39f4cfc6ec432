"""Evaluate the free-text anonymiser on the public annotated set (presidio-research synth v2).

A gold span counts as *fully masked* when the union of detected spans covers every non-space
character of it (label-agnostic: any placeholder hides it). Prints JSON lines: overall recall,
direct-identifier recall, per-label recall, token precision and throughput.

Run: ``.venv/bin/python benchmarks/anonymise_eval.py [--data PATH] [--limit N]``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from survey.anonymise.engine import build_anonymiser  # noqa: E402
from survey.config import AnonymiseConfig  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parent.parent / "../shared/data/pii/synth_dataset_v2.json"
DIRECT = frozenset({"PERSON", "STREET_ADDRESS", "PHONE_NUMBER", "EMAIL_ADDRESS", "CREDIT_CARD",
                    "IBAN_CODE", "US_SSN", "US_DRIVER_LICENSE", "IP_ADDRESS", "DOMAIN_NAME"})


def covered_mask(length: int, spans: list[tuple[int, int]]) -> list[bool]:
    """Boolean per character: inside any span."""
    mask = [False] * length
    for s, e in spans:
        for i in range(max(0, s), min(length, e)):
            mask[i] = True
    return mask


def evaluate(records: list[dict], detections: list[list[tuple[int, int]]]) -> dict:
    """Span recall (full mask) per label, direct/quasi recall and token precision."""
    hit, total = Counter(), Counter()
    tp_tok = fp_tok = 0
    for rec, dets in zip(records, detections):
        text = rec["full_text"]
        mask = covered_mask(len(text), dets)
        gold = covered_mask(len(text), [(s["start_position"], s["end_position"])
                                        for s in rec["spans"]])
        for s in rec["spans"]:
            chars = [i for i in range(s["start_position"], s["end_position"])
                     if not text[i].isspace()]
            total[s["entity_type"]] += 1
            if all(mask[i] for i in chars):
                hit[s["entity_type"]] += 1
        for m in re.finditer(r"\w+", text):
            if any(mask[m.start():m.end()]):
                if any(gold[m.start():m.end()]):
                    tp_tok += 1
                else:
                    fp_tok += 1

    def rec_of(labels: set[str]) -> float:
        n = sum(total[k] for k in labels)
        return round(sum(hit[k] for k in labels) / n, 4) if n else 0.0

    quasi = set(total) - DIRECT
    return {
        "recall_overall": rec_of(set(total)), "n_overall": sum(total.values()),
        "recall_direct": rec_of(set(total) & DIRECT),
        "n_direct": sum(total[k] for k in DIRECT),
        "recall_quasi": rec_of(quasi), "n_quasi": sum(total[k] for k in quasi),
        "token_precision": round(tp_tok / (tp_tok + fp_tok), 4) if tp_tok + fp_tok else 0.0,
        "per_label": {k: {"recall": round(hit[k] / total[k], 4), "n": total[k]}
                      for k in sorted(total)},
    }


def main(argv: list[str] | None = None) -> int:
    """Run the evaluation and print JSON lines."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--threshold", type=float, default=0.3)
    ap.add_argument("--misses", type=Path, default=None,
                    help="write missed gold spans (synthetic data only) to this JSON file")
    args = ap.parse_args(argv)
    records = json.loads(args.data.read_text(encoding="utf-8"))[: args.limit]
    texts = [r["full_text"] for r in records]
    t0 = time.perf_counter()
    anonymiser = build_anonymiser(AnonymiseConfig(threshold=args.threshold)).load()
    t_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    dets = anonymiser.detect_batch(texts, batch_size=64)
    elapsed = time.perf_counter() - t0
    spans = [[(d.start, d.end) for d in ds] for ds in dets]
    result = evaluate(records, spans)
    per_label = result.pop("per_label")
    print(json.dumps({"metric": "summary", **result}))
    for label, vals in per_label.items():
        print(json.dumps({"metric": "per_label", "label": label, **vals}))
    print(json.dumps({"metric": "throughput", "texts": len(texts),
                      "texts_per_s": round(len(texts) / elapsed, 1),
                      "chars_per_s": round(sum(map(len, texts)) / elapsed),
                      "seconds": round(elapsed, 2), "load_seconds": round(t_load, 2)}))
    if args.misses:
        misses = []
        for rec, sp in zip(records, spans):
            mask = covered_mask(len(rec["full_text"]), sp)
            for s in rec["spans"]:
                if not all(mask[i] for i in range(s["start_position"], s["end_position"])
                           if not rec["full_text"][i].isspace()):
                    misses.append({"label": s["entity_type"], "value": s["entity_value"],
                                   "text": rec["full_text"],
                                   "found": [rec["full_text"][a:b] for a, b in sp]})
        args.misses.write_text(json.dumps(misses, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
