"""Two questions with the same title: Google Forms and Microsoft Forms export both under one
header ("Any comments?" after two different questions). Both columns are read, each as its own
question, in every wave file of the instrument (synthetic fixtures only)."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl

from survey.config import SourceConfig
from survey.readers import infer_project_instrument, read_source

HEADER = ["Timestamp", "How satisfied were you with the support?", "Any comments?",
          "How easy was it to find support?", "Any comments?"]


def _google(path: Path, month: int) -> Path:
    rows = [HEADER]
    for i in range(6):
        rows.append([f"{13 + i}/{month:02d}/2026 10:00:00", "Satisfied",
                     f"Synthetic comment on support {i} in month {month}.", "Easy",
                     f"Synthetic comment on finding support {i} in month {month}." if i % 2
                     else ""])
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh, lineterminator="\r\n").writerows(rows)
    return path


def test_repeated_header_is_its_own_question_in_every_wave(tmp_path: Path) -> None:
    sources = [SourceConfig(path=_google(tmp_path / "w1.csv", 3), cohort="survivor"),
               SourceConfig(path=_google(tmp_path / "w2.csv", 9), cohort="survivor", wave=2)]
    instrument = infer_project_instrument(sources)
    texts = [q.text for q in instrument.free_text]
    assert texts == ["Any comments?", "Any comments? (2)"]
    second = instrument.free_text[1].id
    for source in sources:
        table = read_source(source, instrument, source_label=source.path.name)
        by_q = table.answers.groupby("question_id")["text"].apply(list)
        assert len(by_q[instrument.free_text[0].id]) == 6
        month = 3 if source.wave == 1 else 9
        assert by_q[second] == [f"Synthetic comment on finding support {i} in month {month}."
                                for i in (1, 3, 5)]
        assert table.unmapped_columns == []
        assert not any("again" in w for w in table.warnings)
        assert any("repeats" in w and "'Any comments? (2)'" in w for w in table.warnings)


def test_repeated_statement_in_msforms_workbook(tmp_path: Path) -> None:
    # Microsoft Forms drops a Likert's question text: two blocks with the same statement
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["ID", "Start time", "Completion time", "Email", "Name",
               "I was treated with respect", "What helped?", "I was treated with respect"])
    for i in range(1, 7):
        ws.append([i, "2026-05-01 09:00", "2026-05-01 09:05", "anonymous", "",
                   "Agree", f"Synthetic answer {i}.", "Disagree" if i < 3 else "Agree"])
    wb.save(tmp_path / "f.xlsx")
    source = SourceConfig(path=tmp_path / "f.xlsx", cohort="survivor")
    instrument = infer_project_instrument([source])
    respect = [q for q in instrument.questions if q.text.startswith("I was treated")]
    assert [q.text for q in respect] == ["I was treated with respect",
                                        "I was treated with respect (2)"]
    table = read_source(source, instrument, source_label="f.xlsx")
    assert list(table.responses[respect[1].id]).count("Disagree") == 2
    assert list(table.responses[respect[0].id]).count("Disagree") == 0
