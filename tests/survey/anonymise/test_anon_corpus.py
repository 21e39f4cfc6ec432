"""A local place of care named in full in one answer is hidden where another answer names it
bare (``survey/anonymise/corpus.py``, run by ``anonymise_in_chunks`` between detection and
replacement). Every answer here is invented.
"""

from __future__ import annotations

import pytest
from anon_helpers import spans

from survey.anonymise import corpus
from survey.anonymise.engine import build_anonymiser
from survey.anonymise.parallel import anonymise_in_chunks
from survey.config import AnonymiseConfig

ANSWERS = [
    "I attended Pond End Surgery today for my booster, well run.",
    "well done pond end, in and out in ten minutes",
    "Pond End is not my surgery but they were kind.",
    "went to wexcombe medical centre for bloods, all fine",
    "the receptionist at wexcombe was rude on the phone",
    "The day centre was lovely and the local surgery was quick.",
    "the rose centre helped me a lot",
    "a rose in the garden and a day out",
    "I moved down the lane at the end of the year.",
]


def _run(anonymiser, answers, chunk_size=256):
    return anonymise_in_chunks(anonymiser, answers, [f"r{i}" for i in range(len(answers))],
                               chunk_size=chunk_size)


def test_a_name_written_in_full_is_hidden_where_others_write_it_bare(anonymiser):
    out = _run(anonymiser, ANSWERS)
    assert "pond end" not in out[1].text.lower() and "[FACILITY" in out[1].text, out[1].text
    assert "Pond End" not in out[2].text, out[2].text
    assert "wexcombe" not in out[4].text, out[4].text
    bare = [d for d in out[1].detections if d.recognizer == corpus.RECOGNIZER]
    assert bare and bare[0].reason == corpus.REASON


def test_a_kind_of_place_or_an_everyday_name_teaches_nothing(anonymiser):
    out = _run(anonymiser, ANSWERS)
    assert out[7].text == ANSWERS[7]  # "rose" and "day" from "the rose centre", "day centre"
    assert out[8].text == ANSWERS[8]  # "lane" and "end" alone are words
    assert not any(d.recognizer == corpus.RECOGNIZER for r in out for d in r.detections
                   if r.text in (ANSWERS[5], ANSWERS[6]))


def test_without_the_full_name_nothing_is_added(anonymiser):
    out = _run(anonymiser, ANSWERS[1:3] + ANSWERS[4:5])
    assert not any(d.recognizer == corpus.RECOGNIZER for r in out for d in r.detections)


def test_chunks_do_not_change_what_is_learnt(anonymiser):
    one = [r.text for r in _run(anonymiser, ANSWERS, chunk_size=1)]
    anonymiser.reset()
    whole = [r.text for r in _run(build_anonymiser(AnonymiseConfig(allow=("SARC", "SERICC"),
                                                                   deny=("Grays", "Tilbury")),
                                                   spacy_model=anonymiser.spacy_model)
                                  .load(), ANSWERS)]
    assert one == whole


@pytest.mark.parametrize("words,specific", [
    (["holm", "lane"], True), (["tanners", "way"], True), (["wexcombe"], True),
    (["rose"], False), (["day"], False), (["local"], False), (["riverside"], False),
    (["the", "new"], False), (["community"], False), (["a", "b"], False),
])
def test_which_names_are_specific(words, specific):
    assert corpus._specific(words) is specific


def test_nothing_detected_is_removed(anonymiser):
    texts = [ANSWERS[0], "pond end and Dr Patel were great, call 07700 900123"]
    dets = anonymiser.detect_batch(texts)
    names = corpus.names_in_full(texts, dets)
    assert names == {"pond end"}
    more = corpus.bare_mentions(texts, dets, names)
    assert set(dets[1]) <= set(more[1]) and len(more[1]) == len(dets[1]) + 1, spans(texts[1],
                                                                                     more[1])
