"""The v6 to v6h real-text sets (``data/anon_realtext_v6*/``) are what their READMEs say:
every comment is one its raw pages give by the extraction rule, in that text exactly, every span
is valid, and no two share a page or a comment."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
SETS = {"v6": (REPO / "data" / "anon_realtext_v6", 714, range(5, 104, 7)),
        "v6b": (REPO / "data" / "anon_realtext_v6b", 701, range(8, 107, 7)),
        "v6c": (REPO / "data" / "anon_realtext_v6c", 631, range(11, 103, 7)),
        "v6d": (REPO / "data" / "anon_realtext_v6d", 579, range(14, 106, 7)),
        "v6e": (REPO / "data" / "anon_realtext_v6e", 731, range(6, 105, 7)),
        "v6f": (REPO / "data" / "anon_realtext_v6f", 754, range(2, 101, 7)),
        "v6g": (REPO / "data" / "anon_realtext_v6g", 678, range(3, 102, 7)),
        "v6h": (REPO / "data" / "anon_realtext_v6h", 172, [1, 4, 7, 107])}
KIND = {"PERSON": "DIRECT", "CONTACT": "DIRECT", "ID_NUMBER": "DIRECT", "ADDRESS": "DIRECT",
        "FACILITY": "QUASI", "ORGANISATION": "QUASI", "PLACE": "QUASI", "DATE": "QUASI",
        "AGE": "QUASI", "DEMOGRAPHIC": "QUASI"}


def _extracted(folder: Path) -> dict[str, dict]:
    spec = importlib.util.spec_from_file_location("extract_v6", REPO / "tools" / "extract_v6.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    out = {}
    for page in sorted((folder / "raw").glob("page_*.txt")):
        for rec in mod.records(page):
            out.setdefault(rec["id"], rec)
    return out


def _rows(name: str) -> list[dict]:
    folder = SETS[name][0]
    return [json.loads(line) for line in (folder / f"{name}.jsonl").read_text("utf-8").splitlines()]


@pytest.mark.parametrize("name", sorted(SETS))
def test_every_comment_is_its_page_text_and_every_span_is_valid(name):
    folder, size, _ = SETS[name]
    rows = _rows(name)
    source = _extracted(folder)
    assert len(rows) == size and len({r["id"] for r in rows}) == len(rows)
    assert len({r["text"] for r in rows}) == len(rows)  # no repeats
    for r in rows:
        assert r["split"] == name and source[r["id"]]["text"] == r["text"], r["id"]
        ends = []
        for s in r["spans"]:
            assert r["text"][s["start"]:s["end"]] == s["text"], r["id"]
            assert KIND[s["label"]] == s["kind"], r["id"]
            ends.append((s["start"], s["end"]))
        ends.sort()
        assert all(a[1] <= b[0] for a, b in zip(ends, ends[1:])), r["id"]  # no overlap


@pytest.mark.parametrize("name", sorted(SETS))
def test_pages_follow_the_sampling_rule(name):
    folder, _, pages = SETS[name]
    found = sorted(int(p.stem.split("_")[1]) for p in (folder / "raw").glob("page_*.txt"))
    assert found == list(pages)
    for p in (folder / "raw").glob("page_*.txt"):
        with p.open(encoding="utf-8", newline="") as fh:
            assert len(fh.read()) == 16000, p.name  # an exact 16,000-character page


def test_the_batches_share_no_comment():
    texts = [{r["text"] for r in _rows(name)} for name in sorted(SETS)]
    assert all(not a & b for i, a in enumerate(texts) for b in texts[i + 1:])
