"""The Care Opinion set (``data/anon_realtext_co/``) keeps no story: only offsets, labels, kinds,
lengths and hashes, as its README says (the stories are CC BY-NC-SA 4.0). Its builder joins them
to a copy of the source, and refuses a copy that differs, writing nothing.

The stories in the builder's tests are invented; no Care Opinion text is in this repository."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from anon_helpers import spans_builder

REPO = Path(__file__).resolve().parents[3]
FOLDER = REPO / "data" / "anon_realtext_co"
KIND = {"PERSON": "DIRECT", "CONTACT": "DIRECT", "ID_NUMBER": "DIRECT", "ADDRESS": "DIRECT",
        "FACILITY": "QUASI", "ORGANISATION": "QUASI", "PLACE": "QUASI", "DATE": "QUASI",
        "AGE": "QUASI", "DEMOGRAPHIC": "QUASI"}


#: Each batch: its split, its stories and its span counts (as its README gives them).
BATCHES = {"co": (403, {"PERSON": 251, "FACILITY": 207, "ORGANISATION": 75, "PLACE": 47,
                        "DEMOGRAPHIC": 20, "AGE": 18, "DATE": 5}),
           "co2": (453, {"PERSON": 302, "FACILITY": 227, "ORGANISATION": 113, "AGE": 39,
                         "PLACE": 27, "DEMOGRAPHIC": 9, "DATE": 8}),
           "co3": (431, {"PERSON": 308, "FACILITY": 225, "ORGANISATION": 89, "PLACE": 36,
                         "AGE": 32, "DATE": 11, "DEMOGRAPHIC": 7, "CONTACT": 1}),
           "co4": (417, {"PERSON": 248, "FACILITY": 222, "ORGANISATION": 90, "PLACE": 40,
                         "AGE": 36, "DEMOGRAPHIC": 20, "DATE": 4, "CONTACT": 1}),
           "co5": (175, {"PERSON": 160, "FACILITY": 94, "ORGANISATION": 41, "DEMOGRAPHIC": 19,
                         "PLACE": 14, "AGE": 8, "CONTACT": 1, "ADDRESS": 1, "DATE": 1})}


def _records(split: str = "co") -> list[dict]:
    return [json.loads(line) for line in (FOLDER / f"{split}_spans.jsonl").read_text(
        encoding="utf-8").splitlines() if line.strip()]


def test_no_story_is_in_two_batches():
    ids = [r["row_index"] for split in BATCHES for r in _records(split)]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("split", sorted(BATCHES))
def test_the_set_holds_no_text_only_offsets_and_hashes(split):
    recs = _records(split)
    assert len(recs) == BATCHES[split][0]
    assert len({r["id"] for r in recs}) == len(recs)
    for r in recs:
        assert set(r) == {"id", "row_index", "split", "part", "question", "chars", "sha256",
                          "spans"}, r["id"]
        assert r["split"] == split and r["id"] == f"co-{r['row_index']}"
        assert re.fullmatch(r"[0-9a-f]{64}", r["sha256"])
        last = 0
        for s in r["spans"]:
            assert set(s) == {"start", "end", "label", "kind"}, r["id"]  # no span text
            assert last <= s["start"] < s["end"] <= r["chars"], r["id"]
            assert KIND[s["label"]] == s["kind"], r["id"]
            last = s["end"]


@pytest.mark.parametrize("split", sorted(BATCHES))
def test_the_span_counts_are_the_readmes(split):
    from collections import Counter

    counts = Counter(s["label"] for r in _records(split) for s in r["spans"])
    assert counts == BATCHES[split][1]
    readme = (FOLDER / "README.md").read_text(encoding="utf-8")
    section = readme.split(f"<!-- {split} -->")[1].split("<!-- end -->")[0]
    for label, n in counts.items():
        assert f"{label} {n}" in section


def _source(path: Path, rows: list[tuple[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["code", "label", "subcategory", "feedback", "criticality", "organization",
                    "question", "row_index"])
        for idx, text in rows:
            w.writerow(["cc", "Care", "Care", text, "3", "Care Opinion", "Care Opinion - Q1", idx])
    return path


_STORIES = [("7", "The midwife Anna at the Birch unit was kind.\r\nThank you."),
            ("9", "Parking was hard but the staff were lovely.")]


def _spans_file(tmp_path: Path, mod) -> Path:
    recs = [{"id": f"co-{i}", "text": t, "split": "co", "part": "x",
             "question": "Care Opinion - Q1",
             "spans": [{"start": 12, "end": 16, "label": "PERSON", "kind": "DIRECT",
                        "text": "Anna"}] if i == "7" else []} for i, t in _STORIES]
    path = tmp_path / "spans.jsonl"
    mod.write_atomic(path, mod.strip_text(recs))
    assert "Anna" not in path.read_text(encoding="utf-8")
    return path


def test_the_builder_joins_spans_to_the_source(tmp_path):
    mod = spans_builder()
    spans = _spans_file(tmp_path, mod)
    src = _source(tmp_path / "co.csv", _STORIES + [("8", "Another story.")])
    out = tmp_path / "co.jsonl"
    assert mod.main([str(src), str(spans), str(out)]) == 0
    got = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [g["text"] for g in got] == [t for _, t in _STORIES]  # the CRLF inside kept
    assert got[0]["spans"][0]["text"] == "Anna"


def test_a_different_source_stops_the_build_naming_row_and_column(tmp_path, capsys):
    mod = spans_builder()
    spans = _spans_file(tmp_path, mod)
    src = _source(tmp_path / "co.csv", [("7", "The midwife Anne at the Birch unit was kind."),
                                         _STORIES[1]])
    out = tmp_path / "co.jsonl"
    assert mod.main([str(src), str(spans), str(out)]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "row 2, column 'D (feedback)'" in err
    assert "Anne" not in err and "midwife" not in err  # no story in the message
    assert not out.exists() and not list(tmp_path.glob(".co.jsonl.*"))


def test_a_missing_row_stops_the_build(tmp_path, capsys):
    mod = spans_builder()
    spans = _spans_file(tmp_path, mod)
    src = _source(tmp_path / "co.csv", _STORIES[:1])
    assert mod.main([str(src), str(spans), str(tmp_path / "co.jsonl")]) == 1
    assert "no row has row_index 9" in capsys.readouterr().err


@pytest.mark.parametrize("header", [["id", "text"], []])
def test_a_source_without_the_columns_is_refused(tmp_path, capsys, header):
    mod = spans_builder()
    src = tmp_path / "co.csv"
    src.write_text(",".join(header) + "\n" if header else "", encoding="utf-8")
    assert mod.main([str(src), str(_spans_file(tmp_path, mod)), str(tmp_path / "o.jsonl")]) == 1
    assert "row 1" in capsys.readouterr().err


@pytest.mark.parametrize("bad", [
    "{not json",
    '{"id": "co-7", "row_index": "7"}',  # no chars, sha256 or spans
    '["co-7"]',
    '{"id": "co-7", "row_index": "7", "split": "co", "chars": 10, "sha256": "x", '
    '"spans": [{"start": "a", "end": 3, "label": "PERSON", "kind": "DIRECT"}]}',
])
def test_a_malformed_spans_line_is_one_line_naming_file_and_line(tmp_path, capsys, bad):
    mod = spans_builder()
    spans = _spans_file(tmp_path, mod)
    lines = spans.read_text(encoding="utf-8").splitlines()
    spans.write_text("\n".join([lines[0], bad] + lines[1:]) + "\n", encoding="utf-8")
    src = _source(tmp_path / "co.csv", _STORIES)
    out = tmp_path / "co.jsonl"
    assert mod.main([str(src), str(spans), str(out)]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "spans.jsonl, row 2" in err, err
    assert not out.exists()


def test_spans_outside_the_story_are_refused(tmp_path, capsys):
    mod = spans_builder()
    spans = _spans_file(tmp_path, mod)
    recs = [json.loads(x) for x in spans.read_text(encoding="utf-8").splitlines()]
    recs[0]["spans"][0]["end"] = recs[0]["chars"] + 5
    spans.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    src = _source(tmp_path / "co.csv", _STORIES)
    assert mod.main([str(src), str(spans), str(tmp_path / "co.jsonl")]) == 1
    err = capsys.readouterr().err.strip()
    assert "spans.jsonl, row 1" in err and "outside" in err


def test_a_source_not_in_utf8_is_one_line(tmp_path, capsys):
    mod = spans_builder()
    spans = _spans_file(tmp_path, mod)
    src = tmp_path / "co.csv"
    src.write_bytes(b"row_index,feedback\n7,caf\xe9 staff\n")
    assert mod.main([str(src), str(spans), str(tmp_path / "co.jsonl")]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "co.csv" in err and "UTF-8" in err
