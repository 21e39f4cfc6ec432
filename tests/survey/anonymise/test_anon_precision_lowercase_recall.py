"""Precision rules of issue 13 and the lower-case recall they must keep. Invented strings only."""

from __future__ import annotations

import pytest

from anon_helpers import covered, spans
from survey.anonymise.lexicon import fix_odd_case, is_dictionary_word, is_existing_mask
from survey.anonymise.normalise import normalise
from survey.anonymise.precision import keep
from survey.anonymise.spans import Detection


@pytest.mark.parametrize("word,fixed", [
    ("EverythIng", "Everything"), ("tIme", "time"), ("gEORGE", "George"), ("NothIng", "Nothing"),
    ("McDonald", None), ("DeShawn", None), ("NHS", None), ("plain", None),
])
def test_odd_case_is_read_naturally(word, fixed):
    assert fix_odd_case(word) == fixed


def test_normalise_keeps_length_for_odd_case():
    text = "the physIo and the nurse were FrIendly"
    norm = normalise(text)
    assert norm.changed and len(norm.text) == len(text) and "Friendly" in norm.text


@pytest.mark.parametrize("word,expected", [
    ("excellent", True), ("Nothing", True), ("patient", True), ("Informative", True),
    ("Tamsin", False), ("Quorvath", False), ("Priya", False),
])
def test_dictionary_words_versus_names(word, expected):
    assert is_dictionary_word(word) is expected


@pytest.mark.parametrize("value,masked", [
    ("XXXX", True), ("Dr X", True), ("***", True), ("[redacted name]", True), ("Xander", False),
])
def test_existing_masks(value, masked):
    assert is_existing_mask(value) is masked


@pytest.mark.parametrize("text,start,end,entity,recognizer,kept", [
    ("Felt properly heard this time.", 0, 4, "PERSON", "spacy.ner.v1", False),
    ("Calm ward, Nice Staff.", 11, 21, "PERSON", "names.gazetteer.v1", False),
    ("The Paramedics were calm.", 4, 14, "ORGANIZATION", "spacy.ner.v1", False),
    ("Spoke to XXXX on the phone.", 9, 13, "PERSON", "spacy.ner.v1", False),
    ("Spoke to Tamsin on the phone.", 9, 15, "PERSON", "spacy.ner.v1", True),
    ("Then Rose rang back.", 5, 9, "PERSON", "spacy.ner.v1", True),
    ("my ISVA Hope was great", 8, 12, "PERSON", "names.cue.v1", True),
    ("I work for Harrow Bright Solutions now", 11, 34, "ORGANIZATION", "spacy.ner.v1", True),
    ("We moved from Grays in the spring", 14, 19, "LOCATION", "spacy.ner.v1", True),
])
def test_precision_filter(text, start, end, entity, recognizer, kept):
    assert keep(text, Detection(start, end, entity, 0.8, recognizer, "t")) is kept


@pytest.mark.parametrize("text,value", [
    ("tegwen at the hub rang me every week", "tegwen"),
    ("faith on the phone line talked me down", "faith"),
    ("rose was my key worker for a year", "rose"),
    ("summer and hope ran the walking group", "summer"),
    ("i live at 7 heol y felin cf5 2pq", "7 heol y felin"),
    ("my youngest goes to ysgol bro dinefwr now", "ysgol bro dinefwr"),
    ("my daughter is 11 and she noticed", "11"),
    ("we moved from stirling to the borders", "stirling"),
    ("the pc 2290 who came was kind", "pc 2290"),
])
def test_lower_case_survivor_style_recall(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text", [
    "i hope the next person gets seen sooner",
    "will ring them tomorrow about it",
    "thank u so much u r a star",
    "wud recommend to any1 who needs it",
    "the helpline volunteers were patient",
    "work at the centre is hard for them",
])
def test_lower_case_ordinary_sentences_stay(anonymiser, text):
    dets = anonymiser.detect_batch([text])[0]
    assert dets == [], spans(text, dets)
