"""The written policy (docs/anonymisation-policy.md) enforced: direct identifiers removed,
quasi-identifiers removed or generalised, non-identifiers left alone.

Every example is invented for this test (none comes from an evaluation set).
"""

from __future__ import annotations

import pytest

from anon_helpers import covered, spans
from survey.anonymise.engine import build_anonymiser
from survey.anonymise.operators import DescribeOperator, quasi_plan
from survey.config import AnonymiseConfig

DIRECT = [
    ("My ISVA Tamsin was the first to believe me.", "Tamsin"),
    ("Dr Okonkwo-Bell listened properly.", "Okonkwo-Bell"),
    ("The receptionist, Marguerite, was rude to me.", "Marguerite"),
    ("That nurse 'K' sat with me all night.", "K"),
    ("i told my cousin lowri brennock-tse everything", "lowri brennock-tse"),
    ("Ring me on 07700 900461 after six.", "07700 900461"),
    ("email: wynn.abara@example.org", "wynn.abara@example.org"),
    ("add me on snap quolbery", "quolbery"),
    ("crime reference 43/88120/22 went nowhere", "43/88120/22"),
    ("my NHS number is 943 476 5919", "943 476 5919"),
    ("PCSO 90122 took my statement", "90122"),
    ("I live at 14 Marsh Lane now", "14 Marsh Lane"),
    ("postcode LS6 2AB", "LS6 2AB"),
]
QUASI = [
    ("The staff on Quillon Ward were kind.", "Quillon Ward"),
    ("I was moved to Ward 12 overnight.", "Ward 12"),
    ("St Brigid's Hospital lost my notes.", "St Brigid's Hospital"),
    ("We moved from Rutland after it happened.", "Rutland"),
    ("It happened on 14 March 2021.", "14 March 2021"),
    ("I was 15 when it started.", "15"),
]
NOT_IDENTIFIERS = [
    "As a black woman I was not believed.",
    "She is Polish and nobody translated for her.",
    "I'm gay and the officer laughed.",
    "All things considered a good service from start to finish.",
    "Excellent care throughout, felt properly heard.",
    "The Driver was punctual and the Paramedics were calm.",
    "My CPN and my Dad came to the first session.",
    "A First Aider helped until the ambulance came.",
    "Both the Community Nursing Team and my GP went above and beyond.",
    "I rang 111 and then went to A&E.",
    "Waited 3/4 hours in the corridor.",
    "The appointment was on Tuesday at 3pm and lasted 2 hours.",
    "They will not see him until he is 2 years old.",
    "The session was on MS Teams, which was fine.",
    "Living with COPD and ADHD is hard enough.",
    "The physIo showed me the exercIses twIce and was FrIendly.",
    "I hope this helps other people.",
    "XXXX sorted the forms and Dr X rang back.",
    "Nothing else springs to mind right now.",
]


@pytest.mark.parametrize("text,value", DIRECT)
def test_direct_identifiers_are_removed(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,value", QUASI)
def test_quasi_identifiers_are_removed(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text", NOT_IDENTIFIERS)
def test_non_identifiers_are_left_alone(anonymiser, text):
    dets = anonymiser.detect_batch([text])[0]
    assert dets == [], spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("Then Rose rang me back.", "Rose"),
    ("Will rang me back the next day.", "Will"),
    ("my ISVA Hope was amazing", "Hope"),
    ("Faith on reception was kind.", "Faith"),
])
def test_names_that_are_words_count_when_used_as_names(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


def test_all_caps_answer_keeps_names_and_words_apart(anonymiser):
    text = "THE NURSE ON NIGHTS WAS LOVELY BUT PRIYA AT THE FRONT DESK WAS RUDE"
    dets = anonymiser.detect_batch([text])[0]
    assert spans(text, dets) == ["PRIYA"]


def test_quasi_identifiers_may_be_described_instead_of_numbered(nlp):
    an = build_anonymiser(AnonymiseConfig(), operators=quasi_plan("describe"))
    an.nlp = nlp
    an.load()
    out = an.anonymise_batch(["The staff on Quillon Ward were kind and we moved from Rutland."],
                             respondent_ids=["r"])[0].text
    assert out == ("The staff on [a hospital or service in the area] were kind and we moved "
                   "from [a place in the area].")


def test_per_label_operator_choice_from_the_config(nlp):
    class Cfg:
        allow = deny = ()
        threshold = 0.3
        pseudonyms = False
        operators = {"FACILITY": "describe.v1", "LOCATION": "generalise.v1"}

    an = build_anonymiser(Cfg())
    an.nlp = nlp
    an.load()
    assert isinstance(an.plan_["FACILITY"], DescribeOperator)
    out = an.anonymise_batch(["Quillon Ward, then Rutland, with Tamsin."],
                             respondent_ids=["r"])[0].text
    assert out == "[a hospital or service in the area], then [PLACE], with [PERSON 1]."


def test_unknown_quasi_plan_kind_is_refused():
    with pytest.raises(ValueError, match="kind must be one of"):
        quasi_plan("blur")
