"""Scoring for the anonymiser benchmarks, and a quick run on the public annotated set.

A gold span counts as *fully masked* when the union of detected spans covers every non-space
character of it (label-agnostic: any placeholder hides it). :func:`evaluate` gives overall,
direct and quasi recall, per-label recall, span precision (a detected span overlapping any gold
span is correct), token precision and the share of texts with any redaction. Running this file
prints those figures for the public set (presidio-research synth v2) as JSON lines.

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
    """Span recall (full mask) per label, direct/quasi recall, span and token precision.

    A gold span may carry ``"kind"`` (``DIRECT`` or ``QUASI``, as in the hand-annotated
    real-text set); otherwise its label decides (:data:`DIRECT`). A detected span is correct
    (span precision) when it overlaps any gold span. ``share_any`` is the share of texts with at
    least one detection, ``share_gold`` the share with at least one gold span.
    """
    hit, total = Counter(), Counter()
    kind_hit, kind_total = Counter(), Counter()
    tp_tok = fp_tok = tp_span = n_span = any_det = any_gold = 0
    for rec, dets in zip(records, detections):
        text = rec["full_text"]
        mask = covered_mask(len(text), dets)
        gold = covered_mask(len(text), [(s["start_position"], s["end_position"])
                                        for s in rec["spans"]])
        any_det += bool(dets)
        any_gold += bool(rec["spans"])
        for a, b in dets:
            n_span += 1
            tp_span += any(a < s["end_position"] and s["start_position"] < b
                           for s in rec["spans"])
        for s in rec["spans"]:
            chars = [i for i in range(s["start_position"], s["end_position"])
                     if not text[i].isspace()]
            total[s["entity_type"]] += 1
            kind = s.get("kind") or ("DIRECT" if s["entity_type"] in DIRECT else "QUASI")
            kind_total[kind] += 1
            if all(mask[i] for i in chars):
                hit[s["entity_type"]] += 1
                kind_hit[kind] += 1
        for m in re.finditer(r"\w+", text):
            if any(mask[m.start():m.end()]):
                if any(gold[m.start():m.end()]):
                    tp_tok += 1
                else:
                    fp_tok += 1

    def rec_of(labels: set[str]) -> float:
        n = sum(total[k] for k in labels)
        return round(sum(hit[k] for k in labels) / n, 4) if n else 0.0

    def kind_rec(kind: str) -> float:
        return round(kind_hit[kind] / kind_total[kind], 4) if kind_total[kind] else 0.0

    n = max(1, len(records))
    return {
        "recall_overall": rec_of(set(total)), "n_overall": sum(total.values()),
        "recall_direct": kind_rec("DIRECT"), "n_direct": kind_total["DIRECT"],
        "recall_quasi": kind_rec("QUASI"), "n_quasi": kind_total["QUASI"],
        "span_precision": round(tp_span / n_span, 4) if n_span else 0.0, "n_detected": n_span,
        "share_any": round(any_det / n, 4), "share_gold": round(any_gold / n, 4),
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
