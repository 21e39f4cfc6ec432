"""Store methods behind the workspace: human-made segments survive a re-run of the segment
stage, accounts keep only hashes, sessions and marks round-trip."""

from pathlib import Path

import pandas as pd
import pytest

from analysis.store import Store, StoreError
from survey.instrument import instrument_from_dict

INST = instrument_from_dict({"questions": [
    {"id": "helped", "text": "What helped?", "kind": "text"}]})
TEXT = "The bus took an hour each way. Staff at [ORG 1] listened to me."


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    responses = pd.DataFrame([{"response_id": "r1", "source": "s.csv", "cohort": "survivor",
                               "wave": 1, "kind": "survey", "submitted": None}])
    answers = pd.DataFrame([{"answer_id": "a1", "response_id": "r1", "question_id": "helped",
                             "text": TEXT, "lang": "en"}])
    with Store(tmp_path / "project.sqlite") as s:
        s.replace_survey_data(INST, responses, answers)
        s.replace_segments(pd.DataFrame([{"segment_id": "s_auto", "answer_id": "a1", "start": 0,
                                          "end": len(TEXT), "text": TEXT}]))
        yield s


def _decision(segment_id: str) -> pd.DataFrame:
    return pd.DataFrame([{"segment_id": segment_id, "code_id": "access_transport", "coder": "AB",
                          "source": "human", "confidence": None, "status": "accepted",
                          "evidence": "workspace", "decided_at": "2026-01-01T00:00:00+00:00"}])


def test_replace_segments_keeps_human_spans_and_their_codings(store: Store) -> None:
    text = store.add_human_segment("h_1", answer_id="a1", start=0, end=30)
    assert text == TEXT[:30]
    store.add_codings(_decision("h_1"))
    # a re-run of the segment stage, which knows nothing of the span (and once with it listed)
    store.replace_segments(pd.DataFrame([{"segment_id": "s_new", "answer_id": "a1", "start": 0,
                                          "end": len(TEXT), "text": TEXT}]))
    store.replace_segments(store.read_segments())
    segs = store.read_segments().set_index("segment_id")
    assert set(segs.index) == {"s_new", "h_1"}
    assert segs.loc["h_1", "text"] == TEXT[:30]
    assert store.read_codings()["segment_id"].tolist() == ["h_1"]


def test_replace_segments_still_drops_old_machine_segments(store: Store) -> None:
    store.replace_segments(pd.DataFrame(columns=["segment_id", "answer_id", "start", "end",
                                                 "text"]))
    assert store.read_segments().empty


@pytest.mark.parametrize("start,end", [(-1, 5), (5, 5), (10, 2), (0, len(TEXT) + 1)])
def test_add_human_segment_rejects_offsets_outside_the_answer(store: Store, start: int,
                                                              end: int) -> None:
    with pytest.raises(StoreError, match="outside"):
        store.add_human_segment("h_x", answer_id="a1", start=start, end=end)


def test_users_keep_only_the_hash_and_removal_ends_sessions(store: Store) -> None:
    store.add_user("AB", role="coder", password_hash="$argon2id$fake")
    store.add_session("t" * 64, username="AB", csrf="c", expires_at="2999-01-01T00:00:00+00:00")
    assert store.get_session("t" * 64)["role"] == "coder"
    assert list(store.read_users().columns) == ["username", "role", "created_at"]
    assert store.remove_user("AB") is True
    assert store.get_session("t" * 64) is None
    assert store.remove_user("AB") is False


def test_add_user_rejects_an_unknown_role(store: Store) -> None:
    with pytest.raises(StoreError, match="lead, coder, writer"):
        store.add_user("AB", role="admin", password_hash="x")


def test_login_failures_count_and_reset(store: Store) -> None:
    assert store.record_login_failure("AB") == 1
    assert store.record_login_failure("AB", locked_until="2999-01-01") == 2
    assert store.login_state("AB") == (2, "2999-01-01")
    store.reset_login_failures("AB")
    assert store.login_state("AB") == (0, None)


def test_redaction_marks_return_the_marked_words(store: Store) -> None:
    store.add_redaction_mark("a1", kind="words", username="AB", start=4, end=7)
    store.add_redaction_mark("a1", kind="never_quote", username="AB")
    marks = store.read_redaction_marks()
    assert marks["words"].tolist() == ["bus", None]
    with pytest.raises(StoreError):
        store.add_redaction_mark("a1", kind="words", username="AB", start=3, end=999)


def test_queue_fingerprint_changes_with_segments_and_the_stored_order(store: Store) -> None:
    first = store.queue_fingerprint("coding_order")
    assert store.queue_fingerprint("coding_order") == first
    store.set_meta("coding_order", '["s_auto"]')
    second = store.queue_fingerprint("coding_order")
    assert second != first
    store.add_human_segment("h_1", answer_id="a1", start=0, end=10)
    assert store.queue_fingerprint("coding_order") != second
