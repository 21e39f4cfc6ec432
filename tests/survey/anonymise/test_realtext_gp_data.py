"""The fourth real-text source (NHS website reviews of GP practices): kept as spans only.

The source repository states no licence, so ``data/anon_realtext_gp/gp_spans.jsonl`` must hold
no review text, only offsets, labels, lengths and hashes; ``tools/build_co_set.py`` joins them to
a user's copy. These checks use invented reviews, never the source.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

from anon_helpers import check_spans_only, spans_builder

REPO = Path(__file__).resolve().parents[3]
FOLDER = REPO / "data" / "anon_realtext_gp"


def _records() -> list[dict]:
    return [json.loads(line) for line in (FOLDER / "gp_spans.jsonl").read_text(
        encoding="utf-8").splitlines() if line.strip()]


def test_the_set_holds_no_text_only_offsets_and_hashes():
    recs = _records()
    assert len(recs) == 603 and len({r["id"] for r in recs}) == 603
    check_spans_only(recs, "gp", "gp")


def test_the_span_counts_are_the_readmes():
    got = Counter(s["label"] for r in _records() for s in r["spans"])
    assert got == {"FACILITY": 122, "DATE": 47, "DEMOGRAPHIC": 29, "PERSON": 18, "PLACE": 17,
                   "AGE": 13, "ADDRESS": 1}
    readme = (FOLDER / "README.md").read_text(encoding="utf-8")
    for label, n in got.items():
        assert f"{label} {n}" in readme


def _gp_source(path: Path, rows: list[tuple[str, str]]) -> Path:
    """An invented file in the source's shape: unnamed index, ..., comment, ..."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["", "clinic", "date", "rating", "title", "comment", "comment_wo_stopwords"])
        for i, text in rows:
            w.writerow([i, "Invented Practice", "2021-05-01", "5", "Great\r\n    ", text,
                        text.lower()])
    return path


def test_the_builder_reads_the_gp_columns(tmp_path):
    mod = spans_builder()
    stories = [("3", "Dr Amos was kind and quick."), ("4", "Booked online, seen the same day.")]
    recs = [{"id": f"gp-{i}", "text": t, "split": "gp", "part": "a", "question": "q",
             "spans": [{"start": 3, "end": 7, "label": "PERSON", "kind": "DIRECT"}]
             if i == "3" else []} for i, t in stories]
    spans = tmp_path / "gp_spans.jsonl"
    mod.write_atomic(spans, mod.strip_text(recs))
    assert "Amos" not in spans.read_text(encoding="utf-8")
    src = _gp_source(tmp_path / "gp_reviews.csv", stories)
    assert mod.main([str(src), str(spans)]) == 0  # OUT defaults to gp.jsonl beside the spans
    got = [json.loads(x) for x in (tmp_path / "gp.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [g["text"] for g in got] == [t for _, t in stories]
    assert got[0]["spans"][0]["text"] == "Amos"


def test_a_changed_gp_review_names_row_and_comment_column(tmp_path, capsys):
    mod = spans_builder()
    recs = [{"id": "gp-3", "text": "Seen on time.", "split": "gp", "spans": []}]
    spans = tmp_path / "gp_spans.jsonl"
    mod.write_atomic(spans, mod.strip_text(recs))
    src = _gp_source(tmp_path / "gp_reviews.csv", [("3", "Seen late by Dr Lane.")])
    assert mod.main([str(src), str(spans)]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "row 2, column 'F (comment)'" in err
    assert "Lane" not in err and not (tmp_path / "gp.jsonl").exists()


def test_ids_of_two_sources_in_one_file_are_refused(tmp_path, capsys):
    mod = spans_builder()
    recs = [{"id": "gp-3", "text": "a", "split": "gp", "spans": []},
            {"id": "co-3", "text": "b", "split": "co", "spans": []}]
    spans = tmp_path / "mixed_spans.jsonl"
    mod.write_atomic(spans, mod.strip_text(recs))
    src = _gp_source(tmp_path / "gp_reviews.csv", [("3", "a")])
    assert mod.main([str(src), str(spans)]) == 1
    assert "ids must all start with one of" in capsys.readouterr().err
