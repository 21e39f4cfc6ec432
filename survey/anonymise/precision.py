"""Precision filter: drop name-like detections that hold nothing identifying.

Run by the engine on every text after detection and before the allow list. A detection of a
person, place, organisation, group or "other name" is dropped when:

- it is a mask the data owner already left ("XXXX", "Dr X", "***");
- every word is a role, relation or generic service word ("Driver", "Ward", "CPN",
  "Paramedics", "First Aider", "Community Nursing Team");
- it came from statistical or gazetteer evidence only (spaCy NER, the name gazetteer, the rare
  proper noun rule, a place cue, or spread from one of those) and every word is an everyday
  dictionary word ("Excellent", "All Good", "Nothing", "Felt"), unless
  - a person's name that is also a word (Hope, Will, Rose: :data:`~survey.anonymise.lexicon.
    NAME_WORDS`) is used like a name: inside a sentence, or followed by a verb ("Rose rang");
  - a place or organisation is a named facility: a capitalised word before a facility word
    ("Cherry Ward", "Oak House", "Hope Centre") that is not a generic type ("Day Centre").

Cue, pattern and checksum evidence (titles, "my friend ...", e-mail, postcode) is never filtered
except for masks and role words, so "Dr Hope" and "my cousin rose" stay redacted.

An explicit decision is never filtered at all (:data:`EXPLICIT`): a term on the project's
``anonymise.deny`` list, a reviewer's deny or add decision, or a speaker's own name is redacted
even when it is an everyday word, a role word or looks like a mask. A person said so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from survey.anonymise.decisions import REVIEW_ADD, REVIEW_DENY
from survey.anonymise.lexicon import (NAME_WORDS, demographic_terms, is_dictionary_word,
                                      is_existing_mask, is_role_or_generic, known_places,
                                      near_dictionary_word)
from survey.anonymise.spans import Detection

#: Recognizer of the project's ``anonymise.deny`` list (see the engine).
CONFIG_DENY = "config.deny.v1"
#: Recognizer of names given for one text (a transcript speaker's own name).
CONFIG_EXTRA_NAMES = "config.extra_names.v1"
#: Spans a person asked for: never filtered here, never cut by the allow list.
EXPLICIT = frozenset({CONFIG_DENY, CONFIG_EXTRA_NAMES, REVIEW_DENY, REVIEW_ADD})
NAMEISH = frozenset({"PERSON", "LOCATION", "ORGANIZATION", "NRP", "OTHER_NAME", "FACILITY"})
#: Recognizers whose evidence is statistical or a bare list lookup.
WEAK = frozenset({"spacy.ner.v1", "names.gazetteer.v1", "names.proper_noun.v1", "places.cue.v1",
                  "engine.propagate.v1"})
#: Words that end a named facility ("Cherry Ward"): the word before them must be specific.
FACILITY_HEADS = frozenset("ward wards house lodge centre center unit hospital hospice surgery "
                           "court hall home manor grange suite wing building school academy "
                           "college nursery practice".split())
#: Modifiers that make a facility generic ("Day Centre", "Health Centre", "Leg Clinic").
GENERIC_MODIFIERS = frozenset("""
day health medical walk-in walk community children's childrens family resource treatment
assessment wellbeing leisure sports cancer eye heart general district local care nursing
admissions admission maternity surgical medical acute stroke cardiac respiratory elderly older
mental rehab rehabilitation recovery discharge short long stay outpatient outpatients inpatient
the a this that our my their his her same other new old main big small nearest
""".split())
#: Last words of organisation names ("Brackwater Corporation", "Fennick Agency").
ORG_HEADS = frozenset("""
corporation corp company co ltd limited inc plc llp group partners partnership solutions
software systems services agency consulting consultancy finance financial capital bank
insurance trust foundation charity association society council institute college academy
school university hospital clinic practice surgery lines airlines motors foods media labs
studios network networks holdings industries enterprises ventures technologies
""".split())
PERSON_VERBS = frozenset("""
was is has had said says told rang called phoned came comes helped helps listened explained
visited visits saw sees made makes gave gives took takes went goes did does will would could
should can came arrived asked answered sorted organised arranged treated examined looked
checked dealt spoke speaks talked kept put got made went smiled laughed
""".split())
_PLACE_BEFORE = re.compile(r"\b(?:in|from|near|around|outside|to|towards|between|live|lives|"
                           r"lived|moved)\s+(?:the\s+)?$", re.IGNORECASE)
_PLACE_AFTER = re.compile(r"\s+(?:estate|area|village|town|district|road|way)\b")
_WORD = re.compile(r"(?<![\w'’])[^\W\d_][\w'’&-]*")
_SENT_START = re.compile(r"(?:^|[.!?:;\n\r]|[\"“(])[\s\"“'‘(*-]*$")


def _words(value: str) -> list[str]:
    """Words of a span; single letters ("care l", "P.T") say nothing and are left out."""
    return [w for w in _WORD.findall(value) if len(w.strip("'’-")) > 1]


def _wordlike(word: str, *, capital_counts: bool = False) -> bool:
    """A dictionary word, or a misspelling one letter away from a frequent word that is not a
    known name ("nothimg"). A capitalised word counts as a misspelling only when its capital
    says nothing (``capital_counts`` False: sentence start); "Canvey" is not "convey"."""
    if is_dictionary_word(word):
        return True
    if word[:1].isupper():
        return False
    return near_dictionary_word(word)


def _sentence_initial(text: str, start: int) -> bool:
    return _SENT_START.search(text[max(0, start - 6):start]) is not None


def _next_word(text: str, end: int) -> str:
    m = re.match(r"[\s,]*([^\W\d_][\w'’]*)", text[end:end + 30])
    return m.group(1).lower() if m else ""


def _named_facility(text: str, det: Detection) -> bool:
    """ "Cherry Ward", "Oak House": a capitalised specific word before a facility head."""
    words = _words(text[det.start:det.end])
    after = re.match(r"\s+([A-Za-z]+)", text[det.end:det.end + 20])
    if after:
        words = words + [after.group(1)]
    for i in range(1, len(words)):
        if words[i].lower() in FACILITY_HEADS:
            mod = words[i - 1]
            if mod[:1].isupper() and mod.lower() not in GENERIC_MODIFIERS and \
                    not is_role_or_generic(mod):
                return True
    return False


def keep(text: str, det: Detection) -> bool:
    """Whether a detection survives the precision filter (see the module docstring)."""
    if det.recognizer in EXPLICIT or det.entity not in NAMEISH:
        return True
    value = text[det.start:det.end]
    if is_existing_mask(value):
        return False
    if not re.search(r"(?<![\w])\d", value) and all(
            is_role_or_generic(w) or w.lower() in ("and", "&", "of", "the", "first", "aider")
            for w in _WORD.findall(value)):
        return False  # an initial ("nurse G") is not a role word, so it stays
    words = _words(value)
    if not words:
        return det.recognizer not in WEAK
    if det.recognizer not in WEAK:
        return True
    if det.entity == "NRP":
        plain = demographic_terms()[0]
        return all(w.lower().strip("'’s") in plain or w.lower() in plain or
                   w.lower() in ("and", "&") for w in words) or \
            not all(_wordlike(w) for w in words)  # a rare proper noun: maybe a name
    if det.entity in ("LOCATION", "ORGANIZATION", "FACILITY") and \
            re.sub(r"\s+", " ", value) in known_places():
        return True
    initial = _sentence_initial(text, det.start)
    if not all(_wordlike(w, capital_counts=not initial or i > 0) or
               w.lower() in ("and", "&", "of", "the") for i, w in enumerate(words)):
        return True
    if det.entity == "LOCATION" and words[0][:1].isupper() and not initial and (
            _PLACE_BEFORE.search(text[max(0, det.start - 12):det.start]) or
            _PLACE_AFTER.match(text, det.end)):
        return True  # "moved from Grays", "the Broadway estate"
    titled = [w for w in words if w[:1].isupper() and not w.isupper()]
    if det.entity in ("ORGANIZATION", "PERSON") and len(titled) >= 2 and \
            len(titled) == len([w for w in words if w.lower() not in ("and", "&", "of", "the")]):
        # "Harrow Bright Solutions": a run of capitalised words is a name ...
        if not initial and not is_role_or_generic(_next_word(text, det.end)) and \
                not is_role_or_generic(titled[-1]):  # "Nice Staff": ordinary words and a role
            return True  # ... unless it only qualifies a role ("the Heart Failure nurse")
        if initial and (len(titled) >= 3 or titled[-1].lower() in ORG_HEADS):
            return True
    if det.entity == "PERSON" and any(w.lower() in NAME_WORDS for w in words):
        if not _sentence_initial(text, det.start) and words[0][:1].isupper():
            return True
        return _next_word(text, det.end) in PERSON_VERBS or \
            text[det.end:det.end + 1] == ","  # "Rob, the nurse on nights"
    if det.entity in ("LOCATION", "ORGANIZATION", "OTHER_NAME") and _named_facility(text, det):
        return True
    return False


def filter_detections(text: str, dets: Iterable[Detection]) -> list[Detection]:
    """The detections that :func:`keep` keeps, in the same order."""
    return [d for d in dets if keep(text, d)]
