"""A "tick all that apply" question exported in one column (Google Forms joins the ticked labels
with ", ", Microsoft Forms with ";") is inferred as a multiple-choice question, not as one
single-choice option per combination; commas in free text and in single-choice labels do not make
a column multiple; write-ins below ``min_count`` never become options. All data SYNTHETIC."""

from __future__ import annotations

import csv
import random
from collections import Counter
from pathlib import Path

import pytest

from survey.config import SourceConfig
from survey.readers import infer_project_instrument, read_source
from survey.readers.infer import WRITE_IN_OTHER, infer_kind, joined_options

OPTIONS = ["Counselling", "Advocacy (ISVA)", "Helpline", "GP", "Police (synthetic)"]
QUESTION = "Which services did you use? (Tick all that apply)"
WRITE_IN = "the drop-in at the synthetic community centre"


def _ticks(n: int, seed: int) -> list[list[str]]:
    rng = random.Random(seed)
    rows = []
    for _ in range(n):
        rows.append([o for o in OPTIONS if rng.random() < 0.4])
    return rows


def _export(path: Path, platform: str, rows: list[list[str]], write_ins: dict[int, str]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        if platform == "googleforms":
            w.writerow(["Timestamp", QUESTION, "What helped you most?"])
            for i, ticks in enumerate(rows):
                cell = ", ".join(ticks + ([write_ins[i]] if i in write_ins else []))
                w.writerow([f"2025-05-{i % 28 + 1:02d} 10:00:00", cell,
                            f"Synthetic answer {i} about waiting times and support."])
        else:
            w.writerow(["ID", "Start time", "Completion time", "Email", "Name", QUESTION,
                        "What helped you most?"])
            for i, ticks in enumerate(rows):
                cell = "".join(f"{t};" for t in ticks + ([write_ins[i]] if i in write_ins
                                                         else []))
                w.writerow([i + 1, "5/13/25 10:00:00", "5/13/25 10:05:00", "anonymous", "",
                            cell, f"Synthetic answer {i} about waiting times and support."])
    return path


@pytest.mark.parametrize("platform", ["googleforms", "msforms"])
def test_one_column_tick_all_is_inferred_multiple_and_counts_each_option(tmp_path, platform):
    rows = _ticks(40, seed=1)
    write_ins = {3: WRITE_IN, 17: WRITE_IN}  # typed by two people, below min_count
    src = SourceConfig(path=_export(tmp_path / "e.csv", platform, rows, write_ins),
                       cohort="c", platform=platform)
    instrument = infer_project_instrument([src], min_count=5)
    q = next(q for q in instrument.questions if q.text == QUESTION)
    assert q.kind == "multiple"
    labels = [o.label for o in q.options]
    assert [lab for lab in labels if lab != WRITE_IN_OTHER] == OPTIONS  # in form order
    assert WRITE_IN not in labels
    read = read_source(src, instrument, source_label="e.csv")
    got = Counter(lab for ticks in read.responses[q.id] if isinstance(ticks, list)
                  for lab in ticks)
    want = Counter(t for ticks in rows for t in ticks)
    assert {o: got[o] for o in OPTIONS} == dict(want)


def test_a_rarely_ticked_option_before_another_answer_is_kept():
    # "GP" ticked by one person only, but before another answer: the form's own option
    cells = ["Counselling, Helpline"] * 6 + ["Counselling"] * 3 + ["Helpline"] * 3 + [
        "Counselling, GP, Helpline"]
    joined = joined_options(cells)
    assert joined is not None and "GP" in joined.options and "GP" in joined.proven
    assert joined.counts["GP"] == 1


@pytest.mark.parametrize("cells", [
    # single-choice labels holding a comma
    ["Yes, definitely", "Yes, somewhat", "No, not really", "No"] * 5,
    # free text holding commas
    [f"Synthetic answer {i}: the wait was long, but the worker was kind, and it helped"
     for i in range(20)],
    # one answer with a comma among single choices
    ["Woman"] * 6 + ["Man"] * 5 + ["bigender, mostly"],
])
def test_commas_alone_do_not_make_a_column_multiple(cells):
    assert joined_options(cells) is None
    assert infer_kind(cells)[0] != "multiple"
