"""The fifth and sixth real-text sources (Friends and Family Test answers): kept as spans only.

The source repository states no licence, so ``data/anon_realtext_fft/fft_spans.jsonl`` must hold
no answer text, only offsets, labels, lengths and hashes; ``tools/build_co_set.py`` joins them to
a user's copy. Each row of the source holds two answers (why that rating, what could be better),
keyed by the row's time; the sixth has no id column, so each answer is keyed by its text's
hash. These checks use invented answers, never the sources.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from anon_helpers import check_spans_only, spans_builder

REPO = Path(__file__).resolve().parents[3]
FOLDER = REPO / "data" / "anon_realtext_fft"
HEADER = ["time", "rating", "free_text", "do_better", "surgery", "free_text_len",
          "do_better_len", "rating_score"]


def _records() -> list[dict]:
    return [json.loads(line) for line in (FOLDER / "fft_spans.jsonl").read_text(
        encoding="utf-8").splitlines() if line.strip()]


def test_the_set_holds_no_text_only_offsets_and_hashes():
    recs = _records()
    assert len(recs) == 717 and len({r["id"] for r in recs}) == 717
    check_spans_only(recs, "fft", "fft")
    for r in recs:
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(-\d)?-[fd]", r["row_index"])
        assert r["row_index"] > "2023-07-26T17:29:05"  # rows up to then are left out


def test_the_span_counts_are_the_readmes():
    got = Counter(s["label"] for r in _records() for s in r["spans"])
    assert got == {"PERSON": 30, "FACILITY": 5, "PLACE": 3, "AGE": 2, "DEMOGRAPHIC": 1}
    readme = (FOLDER / "README.md").read_text(encoding="utf-8")
    for label, n in got.items():
        assert f"{label} {n}" in readme


def _fft_source(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    """An invented file in the source's shape: time, rating, free_text, do_better, ..."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        for time, why, better in rows:
            w.writerow([time, "Extremely likely", why, better, "Invented Surgery",
                        len(why.split()), len(better.split()), "5.0"])
    return path


ROWS = [("2023-09-01 10:00:00", "dr amos was kind", "nothing"),
        ("2023-09-01 10:00:00", "quick and friendly", ""),
        ("2023-09-02 11:30:00", "", "more phone lines please")]


def _recs():
    return [{"id": "fft-2023-09-01T10:00:00-f", "text": "dr amos was kind", "split": "fft",
             "part": "a", "question": "q",
             "spans": [{"start": 3, "end": 7, "label": "PERSON", "kind": "DIRECT"}]},
            {"id": "fft-2023-09-01T10:00:00-d", "text": "nothing", "split": "fft", "spans": []},
            {"id": "fft-2023-09-01T10:00:00-2-f", "text": "quick and friendly", "split": "fft",
             "spans": []},
            {"id": "fft-2023-09-02T11:30:00-d", "text": "more phone lines please",
             "split": "fft", "spans": []}]


def test_the_builder_reads_both_answers_of_a_row_and_a_second_row_at_one_time(tmp_path):
    mod = spans_builder()
    spans = tmp_path / "fft_spans.jsonl"
    mod.write_atomic(spans, mod.strip_text(_recs()))
    assert "amos" not in spans.read_text(encoding="utf-8")
    src = _fft_source(tmp_path / "data.csv", ROWS)
    assert mod.main([str(src), str(spans)]) == 0  # OUT defaults to fft.jsonl beside the spans
    got = [json.loads(x) for x in (tmp_path / "fft.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [g["text"] for g in got] == [r["text"] for r in _recs()]
    assert got[0]["spans"][0]["text"] == "amos"


def test_a_changed_answer_names_its_row_and_its_own_column(tmp_path, capsys):
    mod = spans_builder()
    spans = tmp_path / "fft_spans.jsonl"
    mod.write_atomic(spans, mod.strip_text(_recs()))
    rows = [ROWS[0], ROWS[1], ("2023-09-02 11:30:00", "", "ask for dr lane")]
    src = _fft_source(tmp_path / "data.csv", rows)
    assert mod.main([str(src), str(spans)]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "row 4, column 'D (do_better)'" in err
    assert "lane" not in err and not (tmp_path / "fft.jsonl").exists()


def test_a_file_without_the_time_column_is_one_line(tmp_path, capsys):
    mod = spans_builder()
    spans = tmp_path / "fft_spans.jsonl"
    mod.write_atomic(spans, mod.strip_text(_recs()[:1]))
    src = tmp_path / "data.csv"
    src.write_text("when,free_text,do_better\n2023,a,b\n", encoding="utf-8")
    assert mod.main([str(src), str(spans)]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "row 1" in err and "'time'" in err


FR_HEADER = ["free_text", "sentiment_free_text", "sentiment_score_free_text", "free_text_len",
             "rating_score", "feedback_labels", "emotion_free_text", "label", "abs_sentiment"]


def _fr_source(path: Path, texts: list[str]) -> Path:
    """An invented file in the processed answers' shape: no id column, the text first."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(FR_HEADER)
        for text in texts:
            w.writerow([text, "positive", "0.9", len(text.split()), "5", "Staff", "joy", "1",
                        "0.9"])
    return path


def test_a_source_without_ids_is_keyed_by_the_texts_hash(tmp_path, capsys):
    mod = spans_builder()
    texts = ["PERSON was kind and dr amos too", "quick appointment"]
    recs = [{"id": f"fr-{mod.digest(t)[:16]}", "text": t, "split": "fr", "spans": []}
            for t in texts]
    spans = tmp_path / "fr_spans.jsonl"
    mod.write_atomic(spans, mod.strip_text(recs))
    src = _fr_source(tmp_path / "real.csv", ["no comment"] + texts)
    assert mod.main([str(src), str(spans)]) == 0
    got = [json.loads(x) for x in (tmp_path / "fr.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [g["text"] for g in got] == texts
    changed = _fr_source(tmp_path / "real2.csv", ["PERSON was kind and dr lane too",
                                                  "quick appointment"])
    (tmp_path / "fr.jsonl").unlink()
    assert mod.main([str(changed), str(spans)]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "column 'A (free_text)'" in err
    assert "lane" not in err and not (tmp_path / "fr.jsonl").exists()


def test_the_sixth_sources_set_holds_no_text_and_the_readmes_counts():
    folder = REPO / "data" / "anon_realtext_fr"
    recs = [json.loads(line) for line in (folder / "fr_spans.jsonl").read_text(
        encoding="utf-8").splitlines() if line.strip()]
    assert len(recs) == 412 and len({r["id"] for r in recs}) == 412
    check_spans_only(recs, "fr", "fr")
    assert all(r["sha256"][:16] == r["row_index"] for r in recs)
    got = Counter(s["label"] for r in recs for s in r["spans"])
    assert got == {"FACILITY": 39, "PERSON": 11, "DATE": 9, "PLACE": 9, "DEMOGRAPHIC": 7,
                   "ORGANISATION": 3, "AGE": 2}
    readme = (folder / "README.md").read_text(encoding="utf-8")
    for label, n in got.items():
        assert f"{label} {n}" in readme


#: The sixth source's later batches, in the order they were made: answers, span counts.
FR_BATCHES = {
    "fr2": (435, {"FACILITY": 23, "DEMOGRAPHIC": 7, "PERSON": 4, "PLACE": 4, "DATE": 3,
                  "AGE": 3, "ORGANISATION": 3, "CONTACT": 2, "ADDRESS": 1}),
    "fr3": (450, {"FACILITY": 29, "PLACE": 8, "PERSON": 7, "DEMOGRAPHIC": 7, "AGE": 4,
                  "DATE": 3, "ORGANISATION": 2, "ADDRESS": 1}),
    "fr4": (459, {"FACILITY": 24, "PLACE": 7, "DATE": 6, "DEMOGRAPHIC": 5, "PERSON": 4,
                  "AGE": 3}),
    "fr5": (436, {"FACILITY": 19, "PERSON": 11, "PLACE": 6, "DEMOGRAPHIC": 6, "DATE": 5,
                  "AGE": 1}),
    "fr6": (380, {"FACILITY": 25, "DEMOGRAPHIC": 9, "PLACE": 7, "AGE": 5, "DATE": 4, "PERSON": 4,
                  "ADDRESS": 3}),
    "fr7": (374, {"FACILITY": 41, "DATE": 6, "DEMOGRAPHIC": 5, "AGE": 4, "PLACE": 3,
                  "ADDRESS": 2, "PERSON": 2}),
    "fr8": (437, {"FACILITY": 32, "DATE": 10, "PERSON": 7, "PLACE": 6, "ORGANISATION": 3,
                  "DEMOGRAPHIC": 3, "AGE": 1}),
    "fr9": (379, {"FACILITY": 29, "PERSON": 7, "PLACE": 3, "AGE": 3, "DATE": 3,
                  "DEMOGRAPHIC": 2, "ORGANISATION": 2}),
    "fr10": (419, {"FACILITY": 23, "PERSON": 16, "DEMOGRAPHIC": 6, "PLACE": 3, "AGE": 2,
                   "ORGANISATION": 2, "DATE": 1}),
    "fr11": (406, {"FACILITY": 36, "PLACE": 11, "DEMOGRAPHIC": 8, "DATE": 7, "ORGANISATION": 2,
                   "PERSON": 2}),
    "fr12": (384, {"FACILITY": 30, "DEMOGRAPHIC": 7, "PERSON": 6, "DATE": 6, "ORGANISATION": 5,
                   "AGE": 3, "PLACE": 2}),
    "fr13": (448, {"FACILITY": 20, "DEMOGRAPHIC": 7, "PERSON": 4, "PLACE": 4, "AGE": 3,
                   "DATE": 3, "ORGANISATION": 2, "CONTACT": 1}),
    "fr14": (222, {"FACILITY": 10, "DEMOGRAPHIC": 4, "PERSON": 3, "DATE": 1, "ORGANISATION": 1,
                   "AGE": 1}),
}


@pytest.mark.parametrize("batch", list(FR_BATCHES))
def test_the_sixth_sources_later_batches_hold_no_text_and_the_readmes_counts(batch):
    folder = REPO / "data" / "anon_realtext_fr"
    size, labels = FR_BATCHES[batch]
    recs = [json.loads(line) for line in (folder / f"{batch}_spans.jsonl").read_text(
        encoding="utf-8").splitlines() if line.strip()]
    names = ["fr", *FR_BATCHES]
    earlier = {json.loads(line)["id"] for name in names[:names.index(batch)]
               for line in (folder / f"{name}_spans.jsonl").read_text(
                   encoding="utf-8").splitlines() if line.strip()}
    assert len(recs) == size and len({r["id"] for r in recs}) == size
    assert not earlier & {r["id"] for r in recs}  # no answer in two batches
    check_spans_only(recs, "fr", batch)
    assert all(r["sha256"][:16] == r["row_index"] for r in recs)
    got = Counter(s["label"] for r in recs for s in r["spans"])
    assert got == labels
    readme = (folder / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index(f"## {batch}"):]
    for label, n in got.items():
        assert f"{label} {n}" in section


def test_the_seventh_sources_first_batch_holds_no_text_and_the_readmes_counts():
    """nd1: reviews of GP practices from a seventh source, no answer shared with any earlier
    batch of any source (by hash), its README's counts those of the spans."""
    folder = REPO / "data" / "anon_realtext_nd"
    recs = [json.loads(line) for line in (folder / "nd1_spans.jsonl").read_text(
        encoding="utf-8").splitlines() if line.strip()]
    assert len(recs) == 256 and len({r["id"] for r in recs}) == 256
    check_spans_only(recs, "nd", "nd1")
    assert all(r["sha256"][:16] == r["row_index"] for r in recs)
    earlier = {json.loads(line)["sha256"]
               for path in (REPO / "data").glob("anon_realtext_*/*_spans.jsonl")
               if path.parent != folder
               for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}
    assert not earlier & {r["sha256"] for r in recs}
    got = Counter(s["label"] for r in recs for s in r["spans"])
    assert got == {"PERSON": 21, "DATE": 5, "FACILITY": 4, "PLACE": 3, "DEMOGRAPHIC": 1}
    readme = (folder / "README.md").read_text(encoding="utf-8")
    for label, n in got.items():
        assert f"{label} {n}" in readme


@pytest.mark.parametrize("batch,size,counts", [
    ("nd2", 262, {"PERSON": 25, "FACILITY": 10, "AGE": 2, "PLACE": 2, "DEMOGRAPHIC": 1}),
    ("nd3", 223, {"PERSON": 16, "FACILITY": 9, "AGE": 1, "ORGANISATION": 1, "DEMOGRAPHIC": 2}),
    ("nd4", 259, {"PERSON": 28, "FACILITY": 5, "DATE": 3}),
    ("nd5", 248, {"PERSON": 36, "FACILITY": 10, "DATE": 1, "AGE": 1, "DEMOGRAPHIC": 1}),
    ("nd6", 247, {"PERSON": 46, "FACILITY": 13, "DEMOGRAPHIC": 4}),
    ("nd7", 240, {"PERSON": 35, "FACILITY": 14, "DATE": 5, "DEMOGRAPHIC": 2, "PLACE": 1,
                  "AGE": 1, "ORGANISATION": 1}),
])
def test_the_seventh_sources_later_batches_hold_no_text_and_the_readmes_counts(batch, size,
                                                                                counts):
    """nd2 to nd7: later batches of the seventh source, no answer shared with any earlier
    batch of any source, nd1 included (by hash), each README section's counts those of its
    spans."""
    folder = REPO / "data" / "anon_realtext_nd"
    own = folder / f"{batch}_spans.jsonl"
    recs = [json.loads(line) for line in own.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    assert len(recs) == size and len({r["id"] for r in recs}) == size
    check_spans_only(recs, "nd", batch)
    assert all(r["sha256"][:16] == r["row_index"] for r in recs)
    earlier = {json.loads(line)["sha256"]
               for path in (REPO / "data").glob("anon_realtext_*/*_spans.jsonl") if path != own
               for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}
    assert not earlier & {r["sha256"] for r in recs}
    got = Counter(s["label"] for r in recs for s in r["spans"])
    assert got == counts
    readme = (folder / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index(f"## {batch}"):]
    end = section.find("\n## ", 1)  # this batch's section only
    section = section if end < 0 else section[:end]
    for label, n in got.items():
        assert f"{label} {n}" in section
