"""The ingest summary of one source names the questions whose answers matched no option (by
id and count, never the answer), so a newcomer knows where to look (synthetic only)."""

from __future__ import annotations

import pandas as pd

from survey.readers.summary import summarise_source
from survey.schema import RESPONSE_COLUMNS, SourceTable, empty_answers


def test_unknown_labels_are_counted_per_question_without_their_text() -> None:
    responses = pd.DataFrame([{"response_id": f"r{i}", "source": "p.csv", "cohort": "professional",
                               "wave": 1, "kind": "survey", "submitted": "2026-04",
                               "role": "Voluntary sector" if i < 4 else "ISVA"}
                              for i in range(6)], columns=[*RESPONSE_COLUMNS, "role"])
    table = SourceTable(source="p.csv", responses=responses, answers=empty_answers(),
                        unknown_labels={("role", "Voluntary sector"): 4,
                                        ("barriers", "Synthetic written-in answer"): 2,
                                        ("barriers", "Another synthetic one"): 1})
    text = summarise_source(table, platform="qualtrics.v1")
    assert ("7 closed answer(s) matched no option (kept as given): role 4, barriers 3"
            in text)
    assert "Voluntary sector" not in text and "Synthetic written-in" not in text
