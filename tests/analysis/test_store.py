"""The SQLite project store: migrations, canonical tables, history-keeping codings, cache."""

import sqlite3
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.store import Store, StoreError, migrations
from survey.instrument import instrument_from_dict

INST = instrument_from_dict({"questions": [
    {"id": "services", "text": "Services used", "kind": "multiple", "options": ["A", "B"]},
    {"id": "satisfaction", "text": "Satisfied?", "kind": "likert", "options": ["No", "Yes"]},
    {"id": "helped", "text": "What helped?", "kind": "text"},
]})


def _data() -> tuple[pd.DataFrame, pd.DataFrame]:
    responses = pd.DataFrame([
        {"response_id": "r1", "source": "s.csv", "cohort": "survivor", "wave": 1,
         "kind": "survey", "submitted": "2025-03", "services": ["A", "B"], "satisfaction": "Yes"},
        {"response_id": "r2", "source": "s.csv", "cohort": "survivor", "wave": 1,
         "kind": "survey", "submitted": None, "services": [], "satisfaction": None},
    ])
    answers = pd.DataFrame([
        {"answer_id": "a1", "response_id": "r1", "question_id": "helped",
         "text": "The [ORG 1] helped.", "lang": "en"},
    ])
    return responses, answers


def _coding(status: str, source: str = "human", coder: str = "AB") -> pd.DataFrame:
    return pd.DataFrame([{"segment_id": "s1", "code_id": "c1", "coder": coder, "source": source,
                          "confidence": None, "status": status, "evidence": None,
                          "decided_at": "2026-01-01"}])


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "project.sqlite") as s:
        s.replace_survey_data(INST, *_data())
        s.replace_segments(pd.DataFrame([{"segment_id": "s1", "answer_id": "a1", "start": 0,
                                          "end": 19, "text": "The [ORG 1] helped."}]))
        yield s


def test_store_migrates_to_latest_version(store: Store) -> None:
    assert store.schema_version == migrations()[-1][0]
    names = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"responses", "answers", "segments", "codings"} <= names


def test_store_round_trips_closed_answers(store: Store) -> None:
    df = store.read_responses()
    assert df.loc[0, "services"] == ["A", "B"]
    assert df.loc[1, "services"] == []
    assert df.loc[0, "satisfaction"] == "Yes"
    assert store.read_answers().loc[0, "text"] == "The [ORG 1] helped."


def test_store_rerun_keeps_human_decisions(store: Store) -> None:
    store.add_codings(_coding("accepted"))
    store.replace_suggestions(_coding("suggested", source="rules", coder="rules.v1"))
    store.replace_suggestions(_coding("suggested", source="rules", coder="rules.v1"))
    current = store.read_codings()
    assert sorted(current["status"]) == ["accepted", "suggested"]
    store.add_codings(_coding("rejected"))
    current = store.read_codings()
    assert set(current[current.coder == "AB"]["status"]) == {"rejected"}
    history = store.read_codings(current_only=False)
    assert list(history[history.coder == "AB"]["status"]) == ["accepted", "rejected"]


def test_store_reingest_keeps_segments_of_surviving_answers(store: Store) -> None:
    store.replace_survey_data(INST, *_data())
    assert len(store.read_segments()) == 1
    responses, answers = _data()
    store.replace_survey_data(INST, responses, answers.iloc[0:0])
    assert len(store.read_segments()) == 0


def test_store_embedding_cache_round_trip(store: Store) -> None:
    v = np.arange(4, dtype=np.float32)
    store.put_many("m", {"h1": v})
    got = store.get_many("m", ["h1", "h2"])
    assert list(got) == ["h1"] and np.array_equal(got["h1"], v)
    assert store.get_many("other", ["h1"]) == {}


def test_store_refuses_newer_schema(tmp_path: Path) -> None:
    path = tmp_path / "project.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        Store(path).open()


def test_store_refuses_non_sqlite_file(tmp_path: Path) -> None:
    path = tmp_path / "project.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="not a SQLite database"):
        Store(path).open()


def test_store_rejects_bad_question_column(tmp_path: Path) -> None:
    responses, answers = _data()
    responses = responses.rename(columns={"satisfaction": "x; DROP TABLE answers"})
    with Store(tmp_path / "p.sqlite") as s, pytest.raises(StoreError, match="not a valid"):
        s.replace_survey_data(INST, responses, answers)


def test_store_migrates_version_1_forward_keeping_data(tmp_path: Path) -> None:
    path = tmp_path / "project.sqlite"
    conn = sqlite3.connect(path)
    version, sql = migrations()[0]
    conn.executescript(sql)
    conn.execute("INSERT INTO meta(key, value) VALUES ('project_name', 'old')")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()
    with Store(path) as s:
        assert s.schema_version == migrations()[-1][0] > version
        assert s.get_meta("project_name") == "old"
        s.replace_closed_counts(pd.DataFrame([
            {"cohort": "survivor", "wave": 1, "question_id": "q", "value": "Yes", "n": 3},
            {"cohort": "survivor", "wave": 1, "question_id": "q", "value": None, "n": 1}]))
        counts = s.read_closed_counts()
    assert counts["value"].tolist() == ["Yes", None]
    assert counts["n"].tolist() == [3, 1]
