"""Pipeline helpers that need no models: one-way closed counts taken before k-anonymity."""

import pandas as pd

from analysis.ingest import count_closed
from survey.instrument import instrument_from_dict

INST = instrument_from_dict({"questions": [
    {"id": "age_band", "text": "Age", "kind": "single", "options": ["16-24", "25-34"],
     "sensitive": True},
    {"id": "services", "text": "Services", "kind": "multiple", "options": ["A", "B"]},
]})


def test_count_closed_counts_respondents_per_option_and_missing() -> None:
    responses = pd.DataFrame([
        {"response_id": "1", "cohort": "s", "wave": 1, "kind": "survey", "age_band": "16-24",
         "services": ["A", "B", "A"]},
        {"response_id": "2", "cohort": "s", "wave": 1, "kind": "survey", "age_band": None,
         "services": []},
        {"response_id": "3", "cohort": "s", "wave": 1, "kind": "interview", "age_band": "25-34",
         "services": ["A"]},
    ])
    counts = count_closed(responses, INST)
    got = {(r.question_id, r.value): r.n for r in counts.itertuples()}
    assert got == {("age_band", "16-24"): 1, ("age_band", None): 1,
                   ("services", "A"): 1, ("services", "B"): 1, ("services", None): 1}


def test_closed_tables_use_counts_taken_before_k_anonymity() -> None:
    from analysis.report.data import ReportData
    from analysis.summarise import closed_tables
    from survey.config import DisclosureConfig

    responses = pd.DataFrame([
        {"response_id": str(i), "source": "s", "cohort": "s", "wave": 1, "kind": "survey",
         "submitted": None, "age_band": "[withheld]", "services": ["A"]} for i in range(12)])
    counts = pd.DataFrame([
        {"cohort": "s", "wave": 1, "question_id": "age_band", "value": "16-24", "n": 7},
        {"cohort": "s", "wave": 1, "question_id": "age_band", "value": "25-34", "n": 4},
        {"cohort": "s", "wave": 1, "question_id": "age_band", "value": None, "n": 1},
        {"cohort": "s", "wave": 2, "question_id": "age_band", "value": "16-24", "n": 50}])
    empty = pd.DataFrame()
    data = ReportData(project_name="t", instrument=INST, responses=responses, answers=empty,
                      segments=empty, codings=empty, codes=empty,
                      disclosure=DisclosureConfig(), closed_counts=counts)
    table = closed_tables(data)
    age = table[table.question_id == "age_band"].set_index("option")["count"]
    assert age["16-24"] == 7 and age["25-34"] == 4  # wave 2 is not in these responses
    assert table[(table.question_id == "age_band") & (table.row_kind == "option")]["base"].iloc[0] == 11


def test_flag_possible_identifiers_returns_only_ids_of_answers_with_rare_names() -> None:
    from types import SimpleNamespace

    from analysis.ingest import _flag_possible_identifiers

    texts = ["The waiting list was long and nobody called back.",
             "I stayed with Qorvannelle for a while after that."]
    results = [SimpleNamespace(detections=()) for _ in texts]
    assert _flag_possible_identifiers(texts, ["a1", "a2"], results, allow=[]) == ["a2"]
    assert _flag_possible_identifiers(texts, ["a1", "a2"], results,
                                      allow=["Qorvannelle"]) == []
