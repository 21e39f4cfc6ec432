"""Registry snapshot and contract tests over every registered recognizer and operator."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from survey.anonymise.engine import build_anonymiser
from survey.anonymise.recognizers.base import DocRecognizer, Recognizer
from survey.anonymise.registry import (DEFAULT_RECOGNIZERS, OPERATORS, RECOGNIZERS, make_operator,
                                       make_recognizer)
from survey.config import AnonymiseConfig

SNAPSHOT_RECOGNIZERS = [
    "address.cue.v1", "address.street.v1", "contact.email.v1", "contact.email_spelt.v1",
    "contact.handle.v1", "contact.ip.v1", "contact.phone.v1", "contact.phone_spelt.v1",
    "contact.url.v1", "finance.card.v1", "finance.iban.v1",
    "id.reference.v1", "names.cue.v1", "names.digits.v1", "names.gazetteer.v1",
    "names.lower_context.v1",
    "names.name_word.v1",
    "names.proper_noun.v1", "names.slot.v1",
    "names.split.v1", "names.styled_letters.v1",
    "orgs.cue.v1", "person.age.v1", "person.demographic.v1",
    "places.cue.v1", "places.facility.v1", "places.gazetteer.v1", "places.uk.v1", "spacy.ner.v1",
    "time.date.v1",
    "time.time.v1", "uk.bank_account.v1",
    "uk.driving_licence.v1", "uk.nhs_number.v1", "uk.nino.v1", "uk.passport.v1",
    "uk.police_number.v1", "uk.postcode.v1", "uk.vehicle_registration.v1",
]
SNAPSHOT_OPERATORS = ["describe.v1", "drop.v1", "generalise.v1", "placeholder.v1",
                      "pseudonym.v1", "redact.v1"]

PIECES = st.sampled_from(["Dave ", "Road", "LS6 2AB", " 14", "Mr ", "@", ".", ":", "-", "/",
                          ",", "\n", "'", "£", "0", "1", "9", " ", "a", "Z", "é", "I was ",
                          "called ", "in ", "at ", "07911 123456", "12/03/2023"])
TEXT = st.lists(PIECES, max_size=30).map("".join)


def test_registry_snapshot():
    assert sorted(RECOGNIZERS) == SNAPSHOT_RECOGNIZERS
    assert sorted(OPERATORS) == SNAPSHOT_OPERATORS


@pytest.mark.parametrize("name", sorted(RECOGNIZERS))
def test_registry_names_are_versioned_and_match(name):
    rec = make_recognizer(name)
    assert isinstance(rec, Recognizer) and rec.name == name and name.endswith(".v1")
    assert rec.entities and all(e == e.upper() for e in rec.entities)


def test_registry_unknown_names_list_known():
    with pytest.raises(KeyError, match="uk.postcode.v1"):
        make_recognizer("uk.postcode.v9")
    with pytest.raises(KeyError, match="placeholder.v1"):
        make_operator("mask.v1")


@pytest.mark.parametrize("name,params,error", [
    ("placeholder.v1", {"template": "[{label}]"}, ValueError),
    ("placeholder.v1", {"colour": "red"}, TypeError),
    ("generalise.v1", {"age_bands": ((3, 1),)}, ValueError),
    ("redact.v1", {"text": 5}, ValueError),
])
def test_registry_operators_reject_bad_params(name, params, error):
    with pytest.raises(error):
        make_operator(name, **params)


@pytest.mark.parametrize("name", sorted(RECOGNIZERS))
def test_recognizers_return_in_bounds_spans_on_random_text(name, nlp):
    rec = make_recognizer(name)
    if isinstance(rec, DocRecognizer):
        rec.nlp = nlp

    @settings(max_examples=25, deadline=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(TEXT)
    def check(text):
        for det in rec.detect(text):
            assert 0 <= det.start < det.end <= len(text)
            assert det.entity in rec.entities
            assert 0 <= det.score <= 1
            assert text[det.start:det.end] not in det.reason or len(text[det.start:det.end]) < 2

    check()


def test_build_anonymiser_uses_config():
    an = build_anonymiser(AnonymiseConfig(allow=("SARC",), deny=("Grays",), threshold=0.4))
    assert an.threshold == 0.4 and an.allow == ("SARC",) and an.deny == ("Grays",)
    assert [r.name for r in an.recognizers] == list(DEFAULT_RECOGNIZERS)
    # clock times are not identifiers (policy): registered, but off by default
    assert set(RECOGNIZERS) - set(DEFAULT_RECOGNIZERS) == {"time.time.v1"}


@pytest.mark.parametrize("name", sorted(n for n, c in RECOGNIZERS.items()
                                        if not issubclass(c, DocRecognizer)))
def test_recognizers_stay_fast_on_pathological_text(name):
    import time

    rec = make_recognizer(name)
    for text in ("Aa " * 4000, "1 " * 5000, "a." * 5000, "Aa, " * 3000, "1-" * 5000,
                 "Mr Aa " * 2000, "x" * 20000, "Via Aa de " * 1500, "Aa\n" * 3000):
        t0 = time.perf_counter()
        rec.detect(text)
        assert time.perf_counter() - t0 < 2.0


def test_pseudonym_operator_consistent_per_respondent_and_wraps() -> None:
    from survey.anonymise.operators import PlaceholderState
    from survey.anonymise.registry import make_operator
    from survey.anonymise.spans import Detection

    op = make_operator("pseudonym.v1", names=("Alex", "Sam"))
    state = PlaceholderState()
    det = Detection(0, 4, "PERSON", 0.9, "test")
    got = [op.apply(v, det, state) for v in ("Zofia", "Kwame", "Zofia", "Siobhán")]
    assert got == ["Alex", "Sam", "Alex", "Alex 2"]


@pytest.mark.parametrize("names", [(), ("Alex", "Alex"), ("Alex", " ")])
def test_pseudonym_operator_rejects_bad_names(names: tuple) -> None:
    from survey.anonymise.registry import make_operator

    with pytest.raises(ValueError):
        make_operator("pseudonym.v1", names=names)


def test_build_anonymiser_pseudonyms_from_config() -> None:
    from survey.anonymise import build_anonymiser
    from survey.config import AnonymiseConfig

    anonymiser = build_anonymiser(AnonymiseConfig(pseudonyms=True))
    res = anonymiser.anonymise_batch(["I spoke to Oluwaseun Adeyemi about it."],
                                     respondent_ids=["r1"])[0]
    assert "Oluwaseun" not in res.text and "Alex" in res.text
