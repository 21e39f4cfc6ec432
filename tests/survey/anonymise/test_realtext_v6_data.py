"""The v6 real-text set (``data/anon_realtext_v6/``) is what its README says: every comment is
one its raw pages give by the extraction rule, in that text exactly, and every span is valid."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
V6 = REPO / "data" / "anon_realtext_v6"
KIND = {"PERSON": "DIRECT", "CONTACT": "DIRECT", "ID_NUMBER": "DIRECT", "ADDRESS": "DIRECT",
        "FACILITY": "QUASI", "ORGANISATION": "QUASI", "PLACE": "QUASI", "DATE": "QUASI",
        "AGE": "QUASI", "DEMOGRAPHIC": "QUASI"}


def _extracted() -> dict[str, dict]:
    spec = importlib.util.spec_from_file_location("extract_v6", REPO / "tools" / "extract_v6.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    out = {}
    for page in sorted((V6 / "raw").glob("page_*.txt")):
        for rec in mod.records(page):
            out.setdefault(rec["id"], rec)
    return out


def test_every_comment_is_its_page_text_and_every_span_is_valid():
    rows = [json.loads(line) for line in (V6 / "v6.jsonl").read_text("utf-8").splitlines()]
    source = _extracted()
    assert len(rows) == 714 and len({r["id"] for r in rows}) == len(rows)
    assert len({r["text"] for r in rows}) == len(rows)  # no repeats
    for r in rows:
        assert r["split"] == "v6" and source[r["id"]]["text"] == r["text"], r["id"]
        ends = []
        for s in r["spans"]:
            assert r["text"][s["start"]:s["end"]] == s["text"], r["id"]
            assert KIND[s["label"]] == s["kind"], r["id"]
            ends.append((s["start"], s["end"]))
        ends.sort()
        assert all(a[1] <= b[0] for a, b in zip(ends, ends[1:])), r["id"]  # no overlap


def test_pages_follow_the_sampling_rule():
    pages = sorted(int(p.stem.split("_")[1]) for p in (V6 / "raw").glob("page_*.txt"))
    assert pages == list(range(5, 104, 7))
    for p in (V6 / "raw").glob("page_*.txt"):
        with p.open(encoding="utf-8", newline="") as fh:
            assert len(fh.read()) == 16000, p.name  # an exact 16,000-character page
