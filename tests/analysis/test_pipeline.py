"""Pipeline helpers that need no models: one-way closed counts taken before k-anonymity."""

import pandas as pd

from analysis.pipeline import count_closed
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
