"""Store side of the second gate: flagged answers stay withheld until a person clears them."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis.store import Store
from survey.instrument import Instrument, Question


def _store(tmp_path, texts: dict[str, str]) -> Store:
    store = Store(tmp_path / "p.sqlite").open()
    inst = Instrument(name="t", questions=(Question(id="q1", text="Tell us", kind="text"),))
    responses = pd.DataFrame([{"response_id": "r1", "source": "s", "cohort": "survivor",
                               "wave": 1, "kind": "survey", "submitted": None}])
    answers = pd.DataFrame([{"answer_id": a, "response_id": "r1", "question_id": "q1",
                             "text": t, "lang": "en"} for a, t in texts.items()])
    store.replace_survey_data(inst, responses, answers)
    return store


def test_flagged_until_cleared_and_clearance_recorded(tmp_path):
    store = _store(tmp_path, {"a1": "fine text", "a2": "met Quorvath at the bus stop",
                              "a3": "ref 99812345"})
    store.set_meta("flagged_answers", json.dumps(["a2", "a3"]))
    assert store.read_flagged_answers() == {"a2", "a3"}
    assert store.clear_flagged_answers(["a2"], user="reviewer.one") == 1
    assert store.read_flagged_answers() == {"a3"}
    log = store.read_flag_clearances()
    assert list(log["answer_id"]) == ["a2"] and list(log["cleared_by"]) == ["reviewer.one"]
    assert log["cleared_at"].iloc[0].startswith("20")
    store.close()


def test_clearance_lapses_when_the_answer_text_changes(tmp_path):
    store = _store(tmp_path, {"a2": "met Quorvath at the bus stop"})
    store.set_meta("flagged_answers", json.dumps(["a2"]))
    store.clear_flagged_answers(["a2"], user="rev")
    assert store.read_flagged_answers() == set()
    inst = Instrument(name="t", questions=(Question(id="q1", text="Tell us", kind="text"),))
    store.replace_survey_data(inst, store.read_responses(), pd.DataFrame([{
        "answer_id": "a2", "response_id": "r1", "question_id": "q1",
        "text": "met Quorvath and Zelbrin at the bus stop", "lang": "en"}]))
    assert store.read_flagged_answers() == {"a2"}
    store.close()


@pytest.mark.parametrize("ids,user", [(["a9"], "rev"), (["a1"], "rev"), (["a2"], "  ")])
def test_clear_rejects_unknown_ids_and_blank_user(tmp_path, ids, user):
    store = _store(tmp_path, {"a1": "fine", "a2": "met Quorvath"})
    store.set_meta("flagged_answers", json.dumps(["a2"]))
    with pytest.raises(ValueError) as err:
        store.clear_flagged_answers(ids, user=user)
    assert "Quorvath" not in str(err.value)
    assert store.read_flagged_answers() == {"a2"}
    store.close()
