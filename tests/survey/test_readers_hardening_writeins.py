"""Write-ins with an inferred instrument (issue 16, failure 9): an answer given by fewer than
``disclosure.min_count`` respondents never becomes a published category; it is grouped into
"Other" and its text is stored nowhere (not in ``responses``, ``closed_counts``, ``answers``
or the stored instrument). All data SYNTHETIC."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from survey.config import SourceConfig
from survey.instrument import Option, Question
from survey.readers import infer_project_instrument
from survey.readers.infer import WRITE_IN_OTHER, group_rare_options

QUESTION = "How would you describe your gender?"
# fresh synthetic write-ins: a rare identity in the person's own words, and one holding a
# lower-case first name that the name recognizers cannot see by capitalisation
RARE = "bigender, mostly"
PLANTED = "ask my carer wenonah"
VALUES = (["Woman"] * 7 + ["Man"] * 5 + ["Non-binary"] * 5 + [RARE, PLANTED]
          + ["Prefer not to say"] * 2)


def _export(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "gender.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Timestamp", QUESTION, "Anything else you want to tell us?"])
        writer.writerows([f"2025-05-{i + 1:02d}", v, f"Synthetic comment number {i}."]
                         for i, v in enumerate(VALUES))
    return path


def _labels(q: Question) -> list[str]:
    return [o.label for o in q.options]


def test_writeins_grouped_below_min_count_in_inferred_instrument(tmp_path):
    source = SourceConfig(path=_export(tmp_path), cohort="c", platform="googleforms")
    q = next(q for q in infer_project_instrument([source], min_count=5).questions
             if q.text == QUESTION)
    assert q.kind == "single"
    assert set(_labels(q)) == {"Woman", "Man", "Non-binary", WRITE_IN_OTHER}
    ungrouped = next(q for q in infer_project_instrument([source]).questions
                     if q.text == QUESTION)
    assert RARE in _labels(ungrouped)  # min_count 1 keeps the old behaviour


def test_writeins_counts_add_up_across_sources(tmp_path):
    a = _export(tmp_path / "a")
    b = _export(tmp_path / "b")
    sources = [SourceConfig(path=p, cohort="c", platform="googleforms") for p in (a, b)]
    q = next(q for q in infer_project_instrument(sources, min_count=4).questions
             if q.text == QUESTION)
    assert "Prefer not to say" in _labels(q)  # 2 + 2 answers reach 4
    assert RARE not in _labels(q)


@pytest.mark.parametrize("counts, expected_kind, expected", [
    ({"A": 9, "B": 1}, "single", ["A", WRITE_IN_OTHER]),
    ({"A": 9, "Other": 6, "B": 2}, "single", ["A", "Other"]),
    ({"A": 9, "B": 9}, "single", ["A", "B"]),
    ({"A": 1, "B": 2}, "single", [WRITE_IN_OTHER]),
])
def test_writeins_group_rare_options(counts, expected_kind, expected):
    q = Question(id="q", text="Q", kind="single",
                 options=tuple(Option(code=str(i + 1), label=k)
                                  for i, k in enumerate(counts)))
    got = group_rare_options(q, counts, min_count=5)
    assert got.kind == expected_kind and _labels(got) == expected
    assert [o.code for o in got.options] == [str(i + 1) for i in range(len(expected))]


def test_writeins_never_reach_the_store(tmp_path):
    from voices.cli import app

    _export(tmp_path / "exports")
    (tmp_path / "project.yaml").write_text(
        "name: write-ins (synthetic)\nsources:\n  - {path: exports/gender.csv, cohort: "
        "survivor, platform: googleforms}\ndisclosure: {min_count: 5}\ntopics: {enabled: "
        "false}\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["ingest", str(tmp_path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    conn = sqlite3.connect(out / "project.sqlite")
    try:
        qid = next(c for (_, c, *_rest) in conn.execute("PRAGMA table_info(responses)")
                   if c.startswith("how_would_you_describe"))
        counts = {v: n for v, n in conn.execute(
            "SELECT value, n FROM closed_counts WHERE question_id = ?", (qid,))}
        stored = [v for (v,) in conn.execute(f"SELECT {qid} FROM responses")]
        dump = "\n".join(conn.iterdump())  # every table, the instrument in meta included
    finally:
        conn.close()
    written = [f.read_text(encoding="utf-8", errors="replace") for f in out.rglob("*")
               if f.is_file() and f.suffix in (".yaml", ".csv", ".json", ".txt")]
    for text in (dump, *written):
        assert "bigender" not in text and "wenonah" not in text
    assert counts[WRITE_IN_OTHER] == 4  # two write-ins and the two rare "Prefer not to say"
    assert counts["Woman"] == 7 and "Prefer not to say" not in counts
    assert stored.count(WRITE_IN_OTHER) == 4 and stored.count("Non-binary") == 5
    assert "4 written-in answer(s) given by fewer than 5 respondents" in dump  # stage notes
