"""Person names: gazetteer, cue rules and spaCy NER (synthetic names and sentences)."""

from __future__ import annotations

import pytest

from anon_helpers import covered, spans
from survey.anonymise.recognizers.names import (NameCueRecognizer, NameGazetteerRecognizer,
                                                ProperNounRecognizer)
from survey.anonymise.recognizers.ner import SpacyNerRecognizer


@pytest.mark.parametrize("text,value", [
    ("Mr Okafor was kind", "Mr Okafor"),
    ("Dr. Jane Smith saw me", "Dr. Jane Smith"),
    ("my ex Dave kept calling", "Dave"),
    ("my partner, Kofi, helped", "Kofi"),
    ("she was called Jo", "Jo"),
    ("her name is Siobhán", "Siobhán"),
    ("my maiden name is Quellmore", "Quellmore"),
    ("Ella: thank you for listening", "Ella"),
])
def test_name_cue_detects(text, value):
    dets = NameCueRecognizer().detect(text)
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text", [
    "my ex was controlling", "I called Police", "my partner, who was kind", "Note: see above",
])
def test_name_cue_ignores_non_names(text):
    assert NameCueRecognizer().detect(text) == [], spans(text, NameCueRecognizer().detect(text))


@pytest.mark.parametrize("text,value", [
    ("Then Siobhán rang me back.", "Siobhán"),
    ("I spoke with Kwabena Mensah yesterday.", "Kwabena Mensah"),
    ("It was Aleksandra who came.", "Aleksandra"),
    ("KOFI ANNAN-SMITH signed it", "KOFI"),
    ("check in with rebecca lachapelle soon", "rebecca lachapelle"),
    ("Zsófia Kertészné wrote back", "Zsófia Kertészné"),
])
def test_gazetteer_detects_names_spacy_may_miss(nlp, text, value):
    dets = NameGazetteerRecognizer(nlp=nlp).detect(text)
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,value", [("my ex dave kept texting me", "dave"),
                                        ("my partner, kofi, helped", "kofi")])
def test_gazetteer_lowercase_name_after_relationship(nlp, text, value):
    dets = NameGazetteerRecognizer(nlp=nlp).detect(text)
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text", ["my ex said it was fine", "her boyfriend will be there"])
def test_gazetteer_lowercase_relationship_ignores_verbs(nlp, text):
    assert NameGazetteerRecognizer(nlp=nlp).detect(text) == []


@pytest.mark.parametrize("text", [
    "Will you help me?", "May I say thanks.", "The police were helpful.", "Hope is what I need.",
    "Mum came with me.", "Support was slow.",
])
def test_gazetteer_ignores_common_words(nlp, text):
    dets = NameGazetteerRecognizer(nlp=nlp).detect(text)
    assert dets == [], spans(text, dets)


def test_doc_recognizer_without_pipeline_raises():
    from sklearn.exceptions import NotFittedError

    with pytest.raises(NotFittedError):
        NameGazetteerRecognizer().detect("Siobhán")


def test_ner_maps_spacy_labels(nlp):
    text = "Sarah Jones moved to Manchester."
    dets = SpacyNerRecognizer(nlp=nlp).detect(text)
    labels = {text[d.start:d.end]: d.entity for d in dets}
    assert labels.get("Sarah Jones") == "PERSON"
    assert labels.get("Manchester") == "LOCATION"


@pytest.mark.parametrize("text,value", [("Why is Quorvath so quiet?", "Quorvath")])
def test_proper_noun_detects_rare_capitalised_words(nlp, text, value):
    dets = ProperNounRecognizer(nlp=nlp).detect(text)
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text", ["I called the NHS.", "The Police came.", "London is big.",
                                  "We use Zoom now."])
def test_proper_noun_ignores_common_and_known(nlp, text):
    dets = ProperNounRecognizer(nlp=nlp).detect(text)
    assert all(text[d.start:d.end] not in {"NHS", "Police", "London"} for d in dets)
