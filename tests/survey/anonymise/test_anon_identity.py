"""Identity and community words are analysis categories, kept by default
(docs/anonymisation-policy.md, survey/anonymise/identity.py).

Every sentence is invented for this test; none comes from an evaluation set or the demo.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from anon_helpers import spans

from survey.anonymise.engine import build_anonymiser
from survey.anonymise.identity import IDENTITY_CATEGORIES, identity_categories
from survey.anonymise.suspicious import suspicious_tokens
from survey.config import IDENTITY_CATEGORIES as CONFIG_CATEGORIES
from survey.config import AnonymiseConfig, load_project
from survey.errors import ConfigError

#: (sentence, identity words that must survive)
KEPT = [
    ("The group for LGBTQ survivors was the only place I felt safe.", ["LGBTQ"]),
    ("As a gay man I did not think anyone would believe me.", ["gay"]),
    ("She is Polish and nobody translated for her.", ["Polish"]),
    ("As a black woman I was not believed.", ["black"]),
    ("I'm a Muslim and the counsellor understood what that meant.", ["Muslim"]),
    ("Being trans, I was scared the refuge would turn me away.", ["trans"]),
    ("I am non-binary and the form only had two boxes.", ["non-binary"]),
    ("He is deaf and there was no interpreter at the first meeting.", ["deaf"]),
    ("Older survivors like me get forgotten by everyone.", ["Older"]),
    ("As a Christian I found the chaplain helpful.", ["Christian"]),
    ("Black and minority ethnic women wait longer for counselling.", ["Black"]),
    ("There should be more support for male and LGBTQ survivors.", ["LGBTQ"]),
    ("I am bisexual and the nurse was completely fine about it.", ["bisexual"]),
    ("Being disabled made getting to the appointments hard.", ["disabled"]),
    ("My Lithuanian neighbour helped me fill in the forms.", ["Lithuanian"]),
    ("The Sikh community centre ran a drop-in session.", ["Sikh"]),
    ("We are Irish Travellers and felt judged at reception.", ["Irish Travellers"]),
    ("i'm a lesbian and i wanted a female counsellor", ["lesbian"]),
    ("As a Jewish woman I wanted someone who understood.", ["Jewish"]),
    ("Services for Deaf people need BSL from the start.", ["Deaf"]),
    ("I'm autistic so the waiting room was too loud for me.", ["autistic"]),
    ("A trans woman like me needs to know the group is safe.", ["trans"]),
    ("Being a Pakistani mum, I worried what people would say.", ["Pakistani"]),
    ("The Hindu temple let us use a room for the support group.", ["Hindu"]),
    ("Elderly people are not asked about this at all.", ["Elderly"]),
    ("As a queer person the leaflets did not speak to me.", ["queer"]),
    ("There was nothing for Somali women in our area.", ["Somali"]),
    ("We need BAME counsellors and more LGBTQ+ groups.", ["BAME", "LGBTQ+"]),
    ("my husband is welsh and came with me", ["welsh"]),
    ("my gran is Irish and there was nobody to talk to", ["Irish"]),
]


@pytest.mark.parametrize("text,words", KEPT)
def test_identity_words_are_kept(anonymiser, text, words):
    dets = anonymiser.detect_batch([text])[0]
    for word in words:
        start = text.index(word)
        assert not any(d.start < start + len(word) and start < d.end for d in dets), \
            spans(text, dets)


def test_identity_words_never_get_the_group_label(anonymiser):
    dets = anonymiser.detect_batch([t for t, _ in KEPT])
    assert not any(d.entity == "NRP" for ds in dets for d in ds)


@pytest.mark.parametrize("text,value", [
    ("my friend Christian came with me to the police station", "Christian"),
    ("Christian rang me back the next day.", "Christian"),
    ("Mr Black was the officer who took my statement.", "Black"),
])
def test_identity_words_used_as_names_are_still_names(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    start = text.index(value)
    assert any(d.start <= start and start + len(value) <= d.end and d.entity == "PERSON"
               for d in dets), spans(text, dets)


def test_creche_is_a_word_not_a_name(anonymiser):
    text = "There are no crèche places at the centre so I could not attend."
    assert anonymiser.detect_batch([text])[0] == []


def test_a_project_may_opt_in_one_category(nlp):
    an = build_anonymiser(AnonymiseConfig(redact_identity=("religion",)))
    an.nlp = nlp
    an.load()
    text = "As a Muslim and a gay man I had nowhere to go."
    dets = an.detect_batch([text])[0]
    assert [(text[d.start:d.end], d.entity) for d in dets] == [("Muslim", "NRP")]


@pytest.mark.parametrize("text,value,category", [
    ("I am bi and proud of it", "bi", "sexual_orientation"),
    ("as a white woman in the area", "white", "ethnicity"),
    ("my neighbour is deaf and lives alone", "deaf", "disability"),
])
def test_opted_in_everyday_identity_words_next_to_a_person(nlp, text, value, category):
    an = build_anonymiser(AnonymiseConfig(redact_identity=(category,)))
    an.nlp = nlp
    an.load()
    dets = an.detect_batch([text])[0]
    assert [(text[d.start:d.end], d.entity) for d in dets] == [(value, "NRP")]


def test_unknown_identity_category_fails_with_the_valid_ones():
    an = build_anonymiser(AnonymiseConfig(redact_identity=("faith",)), recognizers=[])
    with pytest.raises(ValueError) as err:
        an.load()
    assert "faith" in str(err.value) and all(c in str(err.value) for c in IDENTITY_CATEGORIES)


@pytest.mark.parametrize("value,cats", [
    ("LGBTQ survivors", {"sexual_orientation", "gender_identity"}),
    ("Irish Travellers", {"ethnicity"}),
    ("the Black community", {"ethnicity"}),
    ("Muslims", {"religion"}),
    ("older people", {"age_group"}),
    ("Ruby", None),
    ("Polish Stores Ltd", None),
])
def test_identity_categories_of_a_span(value, cats):
    got = identity_categories(value)
    assert (got if got is None else set(got)) == cats


def test_second_gate_does_not_withhold_identity_words():
    text = "Support for LGBTQ, BAME and Sikh survivors is missing."
    assert suspicious_tokens(text) == []


def test_config_categories_match_the_engine():
    assert CONFIG_CATEGORIES == IDENTITY_CATEGORIES


def _project(tmp_path: Path, value: str) -> Path:
    (tmp_path / "answers.csv").write_text("id,q1\n1,fine\n", encoding="utf-8")
    (tmp_path / "project.yaml").write_text(
        "sources:\n  - path: answers.csv\n    cohort: a\n"
        f"anonymise:\n  redact_identity: {value}\n", encoding="utf-8")
    return tmp_path


def test_redact_identity_loads_from_project_yaml(tmp_path):
    cfg = load_project(_project(tmp_path, "[religion, disability]"))
    assert cfg.anonymise.redact_identity == ("religion", "disability")


def test_bad_redact_identity_names_file_and_key(tmp_path):
    with pytest.raises(ConfigError) as err:
        load_project(_project(tmp_path, "[faith]"))
    msg = str(err.value)
    assert "project.yaml" in msg and "anonymise.redact_identity" in msg and "religion" in msg


def test_a_contracted_pronoun_before_a_verb_is_not_a_name(anonymiser):
    text = "Support should take account of caring duties. We’re told it is coming."
    assert anonymiser.detect_batch([text])[0] == []
