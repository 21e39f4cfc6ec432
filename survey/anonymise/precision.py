"""Precision filter: drop name-like detections that hold nothing identifying.

Run by the engine on every text after detection and before the allow list. A detection of a
person, place, organisation, group or "other name" is dropped when:

- it is a mask the data owner already left ("XXXX", "Dr X", "***");
- it is a national chain's brand named as a patient's pharmacy in a prescription's story, not
  where anyone works ("sent it to Boots": :func:`_brand_alone`);
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

import bisect
import re
from collections.abc import Iterable
from typing import NamedTuple
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS as SPACY_STOP_WORDS

from survey.anonymise.decisions import REVIEW_ADD, REVIEW_DENY
from survey.anonymise.lexicon import (
    ABSTRACT_NAME_WORDS,
    ADJECTIVE_NAMES,
    CALENDAR_WORDS,
    CAPITALS_WORD,
    COMMON,
    LETTER_NAME_AFTER,
    NAME_WORDS,
    NATIONAL_CHAINS,
    NATIONAL_NUMBERS,
    OWNER_MASK_LABELS,
    OWNER_MASK_WORDS,
    UK_NATIONS,
    VERY_COMMON,
    VITAMIN_CODE,
    WEEKDAY_WORDS,
    adjective_only,
    clinical_term,
    demographic_terms,
    generic_only_short,
    idiom_spans,
    is_dictionary_word,
    is_existing_mask,
    is_name_word,
    is_role_or_generic,
    is_wordnet_word,
    joined_words,
    known_places,
    medical_abbreviations,
    misspelt_medicine,
    near_dictionary_word,
    near_dictionary_word2,
    typo_of_common_word,
    word_frequency,
    wordnet_pos_words,
    writes_capitals,
)
from survey.anonymise.spans import Detection

#: Recognizer of the project's ``anonymise.deny`` list (see the engine).
CONFIG_DENY = "config.deny.v1"
#: Recognizer of names given for one text (a transcript speaker's own name).
CONFIG_EXTRA_NAMES = "config.extra_names.v1"
#: Spans a person asked for: never filtered here, never cut by the allow list.
EXPLICIT = frozenset({CONFIG_DENY, CONFIG_EXTRA_NAMES, REVIEW_DENY, REVIEW_ADD})
NAMEISH = frozenset({"PERSON", "LOCATION", "ORGANIZATION", "NRP", "OTHER_NAME", "FACILITY"})
#: Reasons of patterns whose own context makes an everyday word, a letter or a vitamin's code an
#: identifier, so no word-class test applies: a hospital's short name ("sent over to the
#: Royal"), a ward code where only a ward can be ("the staff on B2 are"), the letter a person
#: goes by said again ("H loved her ... deal with H"); a person's initials or name in brackets
#: after who they are ("client (MH)") or in a case note's slot ("SO (m, 52)"), which their
#: slots check themselves.
SPECIFIC_REASONS = frozenset({"short_hospital", "vitamin_like_ward", "same_initial_elsewhere",
                              "letter_in_coded_note",
                              "slot:bracketed", "slot:noted_initials"})
#: After a name that is also an abstract noun, what only the person does or is ("grace is a
#: saint", "hope rang"): another mention of a detected name stays a person there. (Its own list:
#: the name slots' lists live above this module, which they import.)
_PERSON_AFTER = re.compile(
    r"\s+(?:(?:literally|really|just|always|never|actually|honestly|still)\s+)?"
    r"(?:(?:is|was|['’]s)\s+(?:an?\s+|such\s+an?\s+|my\s+|the\s+)?(?:absolute\s+|total\s+|"
    r"real\s+)?(?:saint|legend|star|angel|gem|hero|diamond|lifesaver|godsend|superstar|"
    r"amazing|brilliant|lovely|kind|wonderful|the\s+best|my\s+rock)|said|says|rang|phoned|"
    r"texted|told|came|helped|listened|sat|explained|believed|drove|picked|kept\s+me|"
    r"remembered|noticed|fought|stuck\s+by|saved\s+me)\b", re.IGNORECASE)
#: Words between a name and its verb: "jack never once rushed me", "jo always knew".
_ADVERBS = frozenset("never always literally really just actually honestly also still even once "
                     "then".split())
#: The adverbs after a name, then the word past them ("never once rushed").
_ADVERB_RUN = re.compile(r"(?:\s+(?:" + "|".join(sorted(_ADVERBS)) + r"))+\s+([a-z]+)")
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
urgent emergency minor injuries dental
assessment wellbeing leisure sports cancer eye heart general district local care nursing
admissions admission maternity surgical medical acute stroke cardiac respiratory elderly older
mental rehab rehabilitation recovery discharge short long stay outpatient outpatients inpatient
the a this that our my their his her same other new old main big small nearest
burns ambulatory renal urology oncology orthopaedic orthopaedics paediatric paediatrics
dermatology cardiology neurology endoscopy dialysis fracture minor injuries injury pain
adult adults overall whole entire
""".split())
#: Words that alone never make a name: function words, contractions, abbreviations.
STOP_WORDS = frozenset("""
in on at is it its it's to of by as an or if so do be we he me us my i i'm i've im ive etc
doesn't doesnt don't dont didn't didnt isn't wasn't can't cant won't the and but not no yes
ii iii iv vi vii viii n't 's 're 've 'll 'd 'm
""".split())
#: Titles a cue recognizer puts before a name ("Dr XXXX"): what follows decides.
_TITLES = frozenset("mr mrs ms miss mx dr drs prof sir nurse sister doctor lady".split())
#: Police ranks written before a surname ("pc dawson", "DS Khan"): titles, never a person alone.
_POLICE_TITLES = frozenset("pc dc ds di dci sgt pcso insp".split())
_ANY_TITLE = _TITLES | _POLICE_TITLES
#: Service nouns: a name-list word in capitals before one names a programme ("the ALBA team").
_SERVICE_NOUNS = frozenset("team teams programme program course service services group "
                           "groups clinic project scheme pathway".split())
#: A capitalised name-word opening a sentence before one of these is a person ("Jade at
#: the hub rang"); before "of" it is a noun ("Patience of staff").
_PLACE_PREPS = frozenset("at from on in with".split())
#: Adjective endings ("Excellent", "Wonderful", "Lovely"): an evaluation, not part of a name.
_ADJECTIVE_END = re.compile(r"(?:ent|ant|ful|ous|ive|able|ible|al|ic|ed|ing|ly|y|est|er)$")
_PREFIXES = frozenset("pre post non anti semi mid sub multi co ex re inter intra over under "
                      "bi tri self".split())
#: Two-letter country domains that are also English words: "nurses.no" is a missing space.
_WORD_TLDS = frozenset("it no me be to in at is us so my am do go he hi if of on or we an as "
                       "by".split())
_BARE_DOMAIN = re.compile(r"([A-Za-z]+)\.([A-Za-z]{2})")

#: Last words of organisation names ("Brackwater Corporation", "Fennick Agency").
ORG_HEADS = frozenset("""
corporation corp company co ltd limited inc plc llp group partners partnership solutions
software systems services agency consulting consultancy finance financial capital bank
insurance trust foundation charity association society council institute college academy
school university hospital clinic practice surgery lines airlines motors foods media labs
studios network networks holdings industries enterprises ventures technologies
""".split())
#: Words that end a facility's or an organisation's name: a rare word before one may name it.
_NAME_HEADS = FACILITY_HEADS | ORG_HEADS
PERSON_VERBS = frozenset("""
was is has had said says told rang called phoned came comes helped helps listened explained
visited visits saw sees made makes gave gives took takes went goes did does will would could
should can came arrived asked answered sorted organised arranged treated examined looked
checked dealt spoke speaks talked kept put got made went smiled laughed
""".split())
_PLACE_BEFORE = re.compile(r"\b(?:in|from|near|around|outside|to|towards|between|live|lives|"
                           r"lived|moved)\s+(?:the\s+)?$", re.IGNORECASE)
#: An abbreviation of three to five capitals (two-letter ones may be a person's initials).
_ACRONYM = re.compile(r"[A-Z]{3,5}")
#: Two to five capitals: an abbreviation the dictionary may hold ("BMI", "ER").
_WORD_ABBREVIATION = re.compile(r"[A-Z]{2,5}")
#: A determiner or an adjective of degree before a word: "the ER", "a BA", "previous MI".
_DETERMINER_BEFORE = re.compile(r"\b(?i:the|a|an|my|her|his|their|our|your|its|previous|high|"
                                r"low|any)\s+$")
_SPOKE_TO = re.compile(r"\b(?:talk|talking|talked|speak|speaking|spoke|spoken|said|told|asked|"
                       r"explained)\s+(?:to|with)\s+(?:the|a|an|my|our)\s+$", re.IGNORECASE)
_AT_PLACE = re.compile(r"\b(?:at|in|into|from|to|near|outside)\s+(?:the\s+)?$", re.IGNORECASE)
_PLACE_AFTER = re.compile(r"\s+(?:estate|area|village|town|district|road|way)\b")
_WORD = re.compile(r"(?<![\w'’])[^\W\d_][\w'’&-]*")
_SENT_START = re.compile(r"(?:^|[.!?:;\n\r]|[\"“(])[\s\"“'‘(*-]*$")
_VITAMIN = re.compile(VITAMIN_CODE)
#: The word after an eponym that makes it a condition: "Alstrom Syndrome", "Crohn's disease",
#: "Crohn s disease" (an export that strips apostrophes); or a kind of scan: "a Dexa scan".
_CONDITION_AFTER = re.compile(r"(?:['’]s|\s+s)?\s+(?i:syndrome|disease|disorder|palsy)\b|"
                              r"\s+(?i:scans?)\b")
#: Words that open two run together: "Theparamedics", "anyProblems", "myconsultant".
_RUN_ON_FIRST = ("the", "any", "my", "no", "some", "every", "all", "our", "your", "their")


def words_all_generic(value: str) -> bool:
    """Whether a span is only words for a kind of care and place, one of them a kind of care
    ("Urgent Care Centre", "Emergency Care", "dental hospital"; "the Grange" is a name)."""
    words = [w.lower() for w in _words(value)]
    return any(w in GENERIC_MODIFIERS for w in words) and \
        all(w in GENERIC_MODIFIERS or w in FACILITY_HEADS for w in words)


def _two_words(word: str) -> bool:
    """Whether ``word`` is a function word and an everyday word of four letters or more run
    together ("Theparamedics", "anyProblems"); "Theodore", "Allison" stay names."""
    low = word.lower()
    for first in _RUN_ON_FIRST:
        rest = low[len(first):]
        if low.startswith(first) and len(rest) >= 4 and (
                is_dictionary_word(rest) or rest.endswith("s") and is_dictionary_word(rest[:-1])):
            return True
    return False


#: A word glued to a capitalised one after a slipped space: "theHCAs", "yHe", "aNd".
_GLUED_CAPITAL = re.compile(r"([a-z]{1,3})([A-Z][A-Za-z]*)")
#: An abbreviation in capitals run into a lower-case word ("GPservice", "NHSwebsite").
_GLUED_ABBREVIATION = re.compile(r"([A-Z]{2,4})([a-z]{4,})")


def _glued_words(word: str) -> bool:
    """Whether ``word`` is a lower-case stub run into a capitalised word, abbreviation or
    pronoun ("theHCAs", "yHe"), or a capital I run into a function word ("Iwas",
    "Ihad"): a slipped space, where no name starts lower-case ("iPhone" is no one either).
    A word the name lists hold only as a name ("Ione") stays."""
    m = _GLUED_CAPITAL.fullmatch(word)
    if m:
        rest = m.group(2)
        bare = rest[:-1] if rest.endswith("s") and len(rest) > 2 else rest
        return not _listed_name(rest) and (
            is_dictionary_word(rest.lower()) or rest.lower() in SPACY_STOP_WORDS or
            bare.isupper() and 2 <= len(bare) <= 4)
    m = _GLUED_ABBREVIATION.fullmatch(word)
    if m and is_role_or_generic(m.group(1)) and is_dictionary_word(m.group(2)):
        return True  # "NHSwebsite": a service's abbreviation and a word, one space lost
    m = re.fullmatch(r"I([a-z]{2,})", word)
    return m is not None and m.group(1) in SPACY_STOP_WORDS and not _listed_name(word) and \
        word.lower() not in _place_keys()


def _listed_name(word: str) -> bool:
    """Whether ``word`` (title-cased) is in the first-name or surname list as a name only, not
    also an everyday word (the lists mark "She" and "Have" as words)."""
    from survey.anonymise.recognizers.gazetteer import load_names

    return any(load_names(kind).get(word.title()) is False for kind in ("first", "surname"))


def _shouted_count(text: str) -> int:
    """How many words of three letters or more in capitals the dictionary holds ("REMEMBER",
    "NOT"): how much a writer shouts."""
    return sum(1 for w in CAPITALS_WORD.findall(text) if is_dictionary_word(w.lower()))


def _near_very_common(low: str) -> bool:
    """Whether lower-case ``low`` is one edit from a very frequent word
    (:data:`~survey.anonymise.lexicon.VERY_COMMON`): "tret" (treat)."""
    from survey.anonymise.lexicon import _edits1

    freq = word_frequency()
    return any(freq.get(c, 0) >= VERY_COMMON for c in _edits1(low) if c != low)


def _shouted_words(text: str, det: Detection, value: str, shouted: int,
                   capitals: bool) -> bool:
    """Whether capitals ``value`` is everyday words shouted ("ANY PHARMACY", "NO SMARTWATCH",
    "VERY USEFULL", "THEY TRET ME", "VERY PTOFESION"): every word of three letters or more a
    dictionary word, two run together, one letter from a frequent word (four letters: from a
    very frequent one) or, eight letters or more, two from a very frequent one, none a name,
    surname or place; no service noun after
    it ("the BRIGHTER DAYS group" is a name); and the text is mostly capitals or the writer
    shouts elsewhere too (``shouted``, :func:`_shouted_count` of the original text, is at
    least two more than the span's words; ``capitals``: :func:`_mostly_capitals` of the text,
    once per text). Not "HOPE" or
    "GWEN" (names), nor "SARC" (no word)."""
    words = _WORD.findall(value)
    if not words or not value.isupper() or any(len(w) < 3 for w in words):
        return False
    for w in words:
        low = w.lower()
        if _listed_name(w) or low in _place_keys() or low in NAME_WORDS or \
                not (is_dictionary_word(low) or joined_words(low) or near_dictionary_word(low) or
                     near_dictionary_word2(low) or
                     len(low) == 4 and _near_very_common(low) or
                     any(is_dictionary_word(low[:k]) and is_dictionary_word(low[k:])
                         for k in range(4, len(low) - 3))):
            return False  # "SMARTWATCH": two words of four letters or more, as one
    if _next_word(text, det.end) in _SERVICE_NOUNS | _NAME_HEADS:
        return False  # "the BRIGHTER DAYS group": a service's name in capitals
    return capitals or shouted - len(words) >= 2


#: Words no detector may take for a name or place, however written: the "-in-law" of a relation
#: and the emergency department run together.
_NEVER_IDENTIFIERS = frozenset({"in-law", "inlaw", "in-laws", "inlaws", "in law", "in laws",
                                "aande", "a and e", "a&e", "a+e",
                                # a kind of lodging, a benefit: no one's name
                                "b&b", "b & b", "bnb", "uc",
                                # a letter's closing words, capitalised as closings are
                                "kind regards", "kindest regards", "best regards",
                                "warm regards", "warmest regards", "many thanks",
                                "best wishes", "yours sincerely", "yours faithfully"})


def _words(value: str) -> list[str]:
    """Words of a span; single letters ("care l", "P.T") say nothing and are left out."""
    return [w for w in _WORD.findall(value) if len(w.strip("'’-")) > 1]


@lru_cache(maxsize=1)
def _place_keys() -> frozenset[str]:
    """Lower-case names of every shipped place list: UK places, council areas and counties,
    the curated towns and regions, and countries and large cities abroad."""
    from survey.anonymise.recognizers.gazetteer import (
        load_uk_areas,
        load_uk_places,
        load_world_places,
    )

    return frozenset(p.lower() for src in (load_uk_places(), load_uk_areas(), known_places(),
                                           load_world_places()) for p in src)


def _plain_wordnet_word(word: str) -> bool:
    """Whether ``word`` is in WordNet, written at least 100 times in the frequency list, and in
    no name, surname or place list ("Sepsis", "Earache", "Sciatica"): rare, yet a word. WordNet
    also holds names and towns ("Rachel", "Freeman", "Newark"); the lists keep those."""
    from survey.anonymise.recognizers.gazetteer import load_names

    low = word.lower()
    if len(low) < 4 or not low.isalpha() or word_frequency().get(low, 0) < 100 or \
            not is_wordnet_word(low):
        return False
    key = low.title()
    return key not in load_names("first") and key not in load_names("surname") and \
        low not in _place_keys()


def _wordlike(word: str, *, capital_counts: bool = False) -> bool:
    """A dictionary word, or a misspelling one letter away from a frequent word that is not a
    known name ("nothimg"). A capitalised word counts as a misspelling only when its capital
    says nothing (``capital_counts`` False: sentence start); "Canvey" is not "convey".

    Also words: two frequent words run together ("Thankyou"), a hyphenated compound of words
    or a prefix and a word ("Bi-Polar", "Co-Ordinator"), and a long lower-case word two edits
    from a frequent one ("definetley"): no capital claims it is a name."""
    if is_dictionary_word(word) or joined_words(word):
        return True
    parts = [p for p in re.split(r"[-‐]", word) if p]
    if len(parts) > 1 and not any(p.lower() in NAME_WORDS for p in parts) and \
            all(p.lower() in _PREFIXES or is_dictionary_word(p) or is_role_or_generic(p)
                for p in parts):
        return True
    if word[:1].isupper() and capital_counts:
        # a capital for emphasis on a misspelt common word ("Excellant", "Improvments"); not
        # "Canvey" (one letter from "convey", which is not that frequent)
        return len(word) >= 6 and near_dictionary_word(word, VERY_COMMON)
    if word.islower() and near_dictionary_word2(word):
        return True
    return near_dictionary_word(word)


def _hyphen_compound(text: str, det: Detection) -> str:
    """The hyphenated word a one-word detection is part of ("Bi" in "Bi-Polar"), or ""."""
    m = re.match(r"[-‐][^\W\d_][\w'’]*(?:[-‐][^\W\d_][\w'’]*)*", text[det.end:det.end + 40])
    b = re.search(r"(?<![\w'’-])[^\W\d_][\w'’]*[-‐]$", text[max(0, det.start - 30):det.start])
    if not (m or b) or " " in text[det.start:det.end].strip():
        return ""
    return (b.group() if b else "") + text[det.start:det.end] + (m.group() if m else "")


_LETTER_NAME_AFTER = re.compile(LETTER_NAME_AFTER)
#: The first half of a negative whose apostrophe an export stripped ("Didn t", "don t").
_NEGATIVE_HALF = frozenset("don didn doesn isn wasn weren aren can couldn wouldn shouldn won "
                           "hasn haven hadn mustn needn ain".split())


#: The titles whose stripped possessive ("Dr s") an export leaves; a lower-case "s" after one
#: that is capitalised is no initial, whatever follows ("my Dr s Always listen").
_DOCTOR_TITLES = frozenset({"dr", "doctor", "drs", "doctors"})


def _after_titles(value: str) -> list[str]:
    """The words of ``value`` after any titles that open it ("Dr s" -> ["s"]); a title alone
    stays."""
    toks = value.split()
    while len(toks) > 1 and toks[0].lower().rstrip(".") in _TITLES:
        toks = toks[1:]
    return toks


def _stripped_apostrophe(text: str, det: Detection, value: str) -> bool:
    """A possessive "s" or the half of a negative left when an export stripped apostrophes:
    "my son s leg", "among the Dr s most", "Dr s manner", "Didn t feel rushed" (not "nurse s
    was kind", where the letter stands for a name; "my GP s is": after "GP" it is the
    practice's)."""
    if value == "s" and _previous_word(text, det.start) == "gp" and \
            text[det.start - 1:det.start] == " ":
        return True  # "works at my GP s is": the practice's, its apostrophe stripped
    toks = _after_titles(value)
    if toks[:1] == ["s"] and value[:1].isupper() and all(t.islower() for t in toks[1:]) and \
            value.split()[0].rstrip(".").lower() in _DOCTOR_TITLES:
        return True  # "Dr s manner", "my Doctor s advice": a capitalised title's, stripped
    if toks == ["s"] and det.start > 0 and text[det.start - 1] == " " and \
            (len(toks) < len(value.split()) or text[:det.start].rstrip()[-1:].isalpha()):
        return not _LETTER_NAME_AFTER.match(text, det.end)
    return len(toks) == 1 and toks[0].lower() in _NEGATIVE_HALF and \
        re.match(r"\s+[tT]\b", text[det.end:det.end + 3]) is not None


_OWNER_MASK_NEAR = re.compile(rf"\b(?:{OWNER_MASK_LABELS})\b")


def _mask_piece(text: str, det: Detection, value: str) -> bool:
    """Whether ``value`` is the capitalised end or start of one of the owner's mask words
    ("RSON", "ERSON") with a whole mask word within a few characters: the mask split."""
    words = [w for w in _after_titles(value) if len(w) > 1]
    return bool(words) and all(
        w.isupper() and len(w) >= 3 and w not in OWNER_MASK_WORDS and
        any(m.startswith(w) or m.endswith(w) for m in OWNER_MASK_WORDS) for w in words) and \
        _OWNER_MASK_NEAR.search(text, max(0, det.start - 12), det.end + 12) is not None


def _mostly_not_english(text: str) -> bool:
    """Whether a text of eight words or more is in another language (an answer in Italian or
    Croatian): fewer than half its words are English ones, and at least three in ten are in
    no name, surname or place list either (a signature of names and places is no language).
    The word list's and the name slots' lower-case hits there say nothing."""
    from survey.anonymise.recognizers.gazetteer import load_names

    words = [w for w in re.findall(r"[^\W\d_]{2,}", text) if not w.isupper()]
    if len(words) < 8:
        return False
    other = [w for w in words if word_frequency().get(w.lower(), 0) < 1000 and
             not is_dictionary_word(w)]
    if len(other) <= len(words) / 2:
        return False
    foreign = sum(1 for w in other if w.title() not in load_names("first") and
                  w.title() not in load_names("surname") and w.lower() not in _place_keys())
    return foreign >= 0.3 * len(words)


#: Before a word, where a name or a place may stand: a preposition, "and", "the", a
#: possessive, a greeting or thanks, a comma or a bracket.
_NAME_OR_PLACE_BEFORE = re.compile(
    r"(?:(?<![\w'’])(?i:at|in|from|to|the|and|with|on|near|via|of|by|for|n|called|named|thanks|"
    r"thank\s+you|dear|love|hi|hey|cheers|me|my|our|her|his)\s+|[,&(]\s*)$")


def _unslotted_slip(text: str, det: Detection, value: str) -> bool:
    """Whether a capitalised word the model alone found is a slip of the keys: one edit from a
    frequent word or two from a very frequent one (:func:`~survey.anonymise.lexicon.
    near_dictionary_word2`), in no name or place list, with nothing before it where a name or
    place stands (:data:`_NAME_OR_PLACE_BEFORE`) and no capitalised word after it ("every day
    ther is Alway an hrs slot"). "at the Beacon", "Kaz and Tommo", "Gorton police station"
    stay."""
    from survey.anonymise.recognizers.gazetteer import load_names

    return len(value) >= 4 and value.isalpha() and value[0].isupper() and \
        value[1:].islower() and value not in load_names("first") and \
        value not in load_names("surname") and value.lower() not in _place_keys() and \
        not _NAME_OR_PLACE_BEFORE.search(text, max(0, det.start - 14), det.start) and \
        not re.match(r"\s+[A-Z]", text[det.end:det.end + 3]) and \
        (near_dictionary_word(value) or near_dictionary_word2(value))


def _shouted_slip(text: str, det: Detection, value: str) -> bool:
    """Whether one word, in capitals or re-cased from them, that the model alone found in a
    writer's shouting is a slip of the keys: four letters one edit from a very frequent word
    ("TRET"), five or more one from a frequent one, eight or more two from a word written
    5,000 times ("PTOFESION"); in no name or place list, no title or other word where a name
    stands before it. "DR JANE", "MY WORKER KATE", "IN HULL" stay."""
    from survey.anonymise.recognizers.gazetteer import load_names

    low = value.lower()
    if len(low) < 4 or not low.isalpha() or not (value.isupper() or value.istitle()) or \
            value.title() in load_names("first") or value.title() in load_names("surname") or \
            low in _place_keys() or low in NAME_WORDS or \
            _previous_word(text, det.start) in _ANY_TITLE or \
            _NAME_OR_PLACE_BEFORE.search(text, max(0, det.start - 14), det.start):
        return False
    if len(low) == 4:
        return _near_very_common(low)
    return near_dictionary_word(low) or near_dictionary_word2(low, very_common=5000)


def _mistyped_role(value: str) -> bool:
    """Whether ``value`` (five letters or more) is one edit from a role or generic service
    word and in no name or place list ("Docters"); "Carey" (one from "carer") is a name, "Grays"
    (one from "grans") a town."""
    from survey.anonymise.lexicon import GENERIC_WORDS, ROLE_WORDS, _edits1
    from survey.anonymise.recognizers.gazetteer import load_names

    low = value.lower()
    if not (len(low) >= 5 and low.isalpha() and not is_role_or_generic(low) and
            value.title() not in load_names("first") and
            value.title() not in load_names("surname") and low not in _place_keys() and
            word_frequency().get(low, 0) < 50):
        return False
    edits = _edits1(low)  # (letters only: each is a role or generic word as it stands)
    return not edits.isdisjoint(ROLE_WORDS) or not edits.isdisjoint(GENERIC_WORDS)


def _mask_fragment(token: str) -> bool:
    """Whether ``token`` is a piece of the data owner's mask word split by its own slip
    ("Dr PERSON ERSON", "P PERSON RSON"): three capitals or more that end or start one."""
    return len(token) >= 3 and token.isupper() and token.isalpha() and any(
        m.endswith(token) or m.startswith(token) for m in OWNER_MASK_WORDS)


def _mask_after_title(value: str) -> bool:
    """ "Dr XXXX Is", "Mrs * *", "Continence XXXX", "Dr PERSON ERSON": the name slot holds the
    data owner's mask (or a piece of it), and the other words are titles or ordinary words."""
    from survey.anonymise.recognizers.gazetteer import load_names

    toks = [t.strip(".,;:!?()-") for t in value.split()]
    titled = bool(toks) and toks[0].lower() in _TITLES
    # a lone "X" after a name is an initial ("Mark X"); after a title it is a mask ("Dr X")
    masks = [t for t in toks if t and (is_existing_mask(t) and (len(t) > 1 or titled) or
                                       _mask_fragment(t))]
    if not masks or len(masks) == len(toks):
        return False
    return all(not t or t in masks or t.lower() in _TITLES or t.lower() in STOP_WORDS or
               is_role_or_generic(t) or is_dictionary_word(t) and not is_name_word(t) and
               t.title() not in load_names("first") for t in toks)





def _capital_i_artefact(text: str) -> bool:
    """Whether the text has the export artefact of a capital I for every lower-case i ("wIth",
    "tIme"): then a word's leading "I" ("Inproved") says nothing about a name."""
    return any(is_dictionary_word(w.lower()) for w in re.findall(r"\b[a-z]+I[a-zI]*\b", text))


def _mostly_capitals(text: str) -> bool:
    """Whether more than 60% of the letters of ``text`` are capitals."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) > 0.6 * len(letters)


def _shouted_word(text: str, value: str, *, capitals: bool | None = None) -> bool:
    """Whether capitals ``value`` is a word or name written in capitals ("HOPE", "GWEN"), or
    stands in a text written in capitals (``capitals``, when the caller already knows it: a
    count over a whole transcript per detection was quadratic): then it is not an
    abbreviation."""
    from survey.anonymise.recognizers.gazetteer import load_names

    if _mostly_capitals(text) if capitals is None else capitals:
        return True
    key = value.title()
    return is_dictionary_word(value) or key in load_names("first") or \
        key in load_names("surname")


def _everyday_before(text: str, start: int) -> bool:
    """Whether the word before ``start`` is an everyday one (written 1,000 times or more), or
    none stands before it in its sentence: not "heol las", where a street's name goes on."""
    m = re.search(r"([^\W\d_][\w'’]*)[^\w.!?]*$", text[max(0, start - 30):start])
    return m is None or word_frequency().get(m.group(1).lower(), 0) >= 1000


def _sentence_initial(text: str, start: int) -> bool:
    return _SENT_START.search(text[max(0, start - 6):start]) is not None


#: Recognisers whose one-word hits :func:`_unstopped_capital` checks: NER, the name list, a
#: role's cue ("receptionist Waiting time") and the unknown capitalised word ("Latterly").
_UNSTOPPED_CHECKED = frozenset({"spacy.ner.v1", "names.gazetteer.v1", "names.cue.v1",
                                "names.proper_noun.v1"})
#: ... and those whose lower-case hits in another language say nothing (the name slots too),
#: and those whose one word may be a misspelt medicine (a name said again too).
_FOREIGN_CHECKED = _UNSTOPPED_CHECKED | {"names.slot.v1"}
_MEDICINE_CHECKED = _UNSTOPPED_CHECKED | {"engine.propagate.v1"}
#: A sentence mark: a text with none over many words had its stops stripped by an export.
_STOP_MARK = re.compile(r"[.!?;:\n\r]")
#: A lower-case word and one space right before a detection.
_LOWER_BEFORE = re.compile(r"(?<![\w'’])[a-z][a-z'’]*\s$")


#: Recognisers whose one capitalised word, in another language, may be a word of it: NER and
#: the unknown capitalised word.
_FOREIGN_CAPITAL_CHECKED = frozenset({"spacy.ner.v1", "names.proper_noun.v1"})
#: A doctor's or nurse's title in the languages patients here answer in, before a name
#: ("dottoressa Ferrandi", "doktor Novak", "la doctora Ruiz").
_FOREIGN_TITLE = re.compile(r"(?i:\b(?:dott(?:ore|oressa)?|doktor(?:ka|ica)?|doctora?|docteur|"
                            r"doutora?|m[eé]dic[oa]|dra?|sig(?:nora?)?|señora?|sra?|pani?|"
                            r"gospo(?:din|đa|dja)|infermiera?|enfermera?|sestra))\.?\s+$")


#: A national chain's name alone (:data:`NATIONAL_CHAINS`), in any case.
_CHAIN = re.compile(rf"(?i:{NATIONAL_CHAINS})")
#: Chains that are also a person's name (first names in the list, and names in full), or a
#: country or word: named alone, they may still be someone ("John Lewis", "Costa").
_CHAIN_NAMES = frozenset({"john lewis", "david lloyd", "next", "iceland", "the range"})
#: After a chain's name, where its branch is or its counter: "spar in seaham", "Boots on Market
#: Street", "Tesco chemist" (one branch, a place).
_BRANCH_AFTER = re.compile(r"\s+(?i:(?:in|on|at|near|by|opposite)\s+(?:the\s+)?[A-Za-z]|"
                           r"chemist|pharmacy|pharmacist|store|branch|superstore|extra)")
#: A text about a prescription, where a chain is the patient's pharmacy brand ("sent it to
#: Boots", "the chemist, BOOTS") ...
_PHARMACY_TEXT = re.compile(r"(?i:\b(?:prescri|pharmac|chemist|dispens|repeat\s+med))")
#: ... and a text about work, where a chain is someone's employer.
_WORK_TEXT = re.compile(r"(?i:\b(?:work|works|worked|working|job|shifts?|staff|employ\w*|"
                        r"colleagues?|manager|hr|boss|rota)\b)")
#: Where a chain is someone's workplace: the employer slots of the organisation recogniser,
#: and later mentions spread from one (``engine.propagate.v1``).
_WORKPLACE_REASONS = frozenset({"employer", "employer_lower", "chain_employer"})


def _brand_alone(text: str, det: Detection, value: str) -> bool:
    """Whether a hit is a national chain's name alone as a patient's pharmacy, in a text about
    a prescription and not about work, outside a slot of working, after no title and before
    no place or counter: the brand, which thousands of branches share, names no one ("sent my
    prescription to Boots"), while "I work at Boots", "Mr Boots", "the leaflet at spar in
    seaham" and "ring Tesco chemist" (one branch) stay. A chain that is also a first
    name in the list, or a person's name in full, stays (:data:`_CHAIN_NAMES`)."""
    from survey.anonymise.recognizers.gazetteer import load_names

    if det.recognizer == "engine.propagate.v1" or \
            det.reason.split(" ", 1)[0] in _WORKPLACE_REASONS or \
            not _CHAIN.fullmatch(value.strip()):
        return False
    if _BRANCH_AFTER.match(text, det.end) or not _PHARMACY_TEXT.search(text) or \
            _WORK_TEXT.search(text):
        return False  # "at spar in seaham", "Boots on Market Street": one branch, a place;
        # outside a prescription's story, or where someone works, the chain is a place too
    low = re.sub(r"\s+", " ", value.strip().lower())
    title = re.search(r"([A-Za-z]+)\.?\s+$", text[max(0, det.start - 12):det.start])
    return low not in _CHAIN_NAMES and value.strip().title() not in load_names("first") and \
        not (title and title.group(1).lower() in _TITLES)


def _rare_surname(word: str) -> bool:
    """Whether ``word`` is in the surname list and written under 1,000 times as a word."""
    from survey.anonymise.recognizers.gazetteer import load_names

    return word.title() in load_names("surname") and \
        word_frequency().get(word.lower(), 0) < 1000


def _foreign_capital(text: str, det: Detection, value: str) -> bool:
    """Whether a hit is one capitalised word of :data:`_FOREIGN_CAPITAL_CHECKED`, in no name
    list, right after a lower-case word or opening a sentence, or NER's run of a capitalised
    word and lower-case ones: in a text in another language (:func:`_mostly_not_english`) it is
    a word of that language ("con mia madre Grazie", a sentence opening "Значит"), or a clause
    read by an English tagger ("Менять медицинскую политику"), while a name after its title
    ("dottoressa Ferrandi") or in a name list stays."""
    from survey.anonymise.recognizers.gazetteer import load_names

    if det.recognizer not in _FOREIGN_CAPITAL_CHECKED:
        return False
    words = value.split()
    if len(words) > 1:
        return det.recognizer == "spacy.ner.v1" and words[0].isalpha() and \
            words[0].istitle() and words[0] not in load_names("first") and \
            all(w.isalpha() and w.islower() for w in words[1:])
    return value.isalpha() and value.istitle() and value not in load_names("first") and \
        value not in load_names("surname") and \
        (_LOWER_BEFORE.search(text, max(0, det.start - 30), det.start) is not None or
         _sentence_initial(text, det.start)) and \
        not _FOREIGN_TITLE.search(text, max(0, det.start - 16), det.start)


def _asks_language(text: str, det: Detection, value: str) -> bool:
    """Whether a hit says nothing if ``text`` is in another language: a lower-case hit of
    :data:`_FOREIGN_CHECKED` ("molto umana") or a capitalised word :func:`_foreign_capital`
    describes; only such a hit makes :func:`_mostly_not_english` worth reading."""
    return value.islower() and det.recognizer in _FOREIGN_CHECKED or \
        _foreign_capital(text, det, value)


def _unstopped(text: str) -> bool:
    """Whether ``text`` has 12 words or more and no sentence mark: an export stripped its stops."""
    return _STOP_MARK.search(text) is None and len(text.split()) >= 12


def _unstopped_capital(text: str, det: Detection, value: str, unstopped: bool) -> bool:
    """Whether a hit of one or two words by :data:`_UNSTOPPED_CHECKED` is everyday words opening
    a sentence whose stop an export stripped ("we are dismissed Patronising", "was quick
    Efficient Fast and kind": two only when both are adjectives and the first no noun, since
    "Rainbow Project" names a service): in an ``unstopped`` text (:func:`_unstopped`, once per
    text), a lower-case word right before, and each word a frequent WordNet word (written 1,000
    times or more, in its British or American spelling: WordNet's rare entries are often proper
    nouns, "Hebrides"; an adverb in -ly 50 times, "Latterly") that is no place and no name-word
    ("Hope" stays). A word the name lists also hold counts only when very frequent ("Brilliant", not
    "Jackson" or "Sarah")."""
    words = value.split(" ")
    if not (unstopped and 1 <= len(words) <= 2 and
            all(w.isalpha() and w.istitle() and len(w) >= 4 for w in words)) or \
            not _LOWER_BEFORE.search(text, max(0, det.start - 30), det.start) or \
            _next_word(text, det.end) in _NAME_HEADS or \
            _AT_PLACE.search(text, max(0, det.start - 12), det.start):
        return False
    if len(words) == 2 and not (adjective_only(words[0].lower()) and
                                words[1].lower() in wordnet_pos_words("adj")):
        return False  # two nouns are how a service is named ("Rainbow Project"); two
        # adjectives, the first no noun, are praise
    return all(_everyday_capital(w) for w in words)


def _everyday_capital(value: str) -> bool:
    """Whether a capitalised word is a frequent everyday word and no place or name-word
    (:func:`_unstopped_capital`)."""
    from survey.anonymise.recognizers.gazetteer import load_names

    low = value.lower()
    if not is_wordnet_word(low) or low in NAME_WORDS or low in _place_keys():
        return False
    freq = word_frequency().get(low, 0)
    if freq == 0:  # a British spelling the list holds only in its American form
        us = re.sub(r"is(e|ed|es|ing|ation)$", r"iz\1", re.sub(r"llous$", "lous", low))
        freq = word_frequency().get(us, 0) if us != low else 0
    if freq < 1000 and not (low.endswith("ly") and freq >= 50 and
                            value not in load_names("first")):
        return False  # WordNet's rare entries are often proper nouns ("Hebrides", "Tyne");
        # not its adverbs ("Latterly")
    return freq >= 5000 or low in ADJECTIVE_NAMES or \
        value not in load_names("first") and value not in load_names("surname")


def _praised_kind(value: str) -> bool:
    """Whether ``value`` is a word of praise and then only a kind of service or role
    ("Superb surgery", "Marvellous Health Visitor"): a praise word is a WordNet adjective
    and no noun (:func:`adjective_only`), frequent, no place; "new" and "old" may name a
    practice ("the Old Surgery") and stay."""
    words = _WORD.findall(value)
    if len(words) < 2:
        return False
    low = words[0].lower()
    return low not in ("new", "old") and adjective_only(low) and \
        word_frequency().get(low, 0) >= 1000 and low not in _place_keys() and \
        all(is_role_or_generic(w) for w in words[1:])


def _praise_run(value: str) -> bool:
    """Whether ``value`` is capitalised words of praise, half of them or more praise words
    (:func:`_praised_kind`'s kind, no "-ed" form), the rest everyday words in no name list or
    very frequent: "Efficient Fast", "Wonderful Service Kind Friendly Helpful" (a list of what a
    service was like, written in capitals). "New Pathways", "Redeemed Life", "Good Shepherd" (a
    surname) are not."""
    from survey.anonymise.recognizers.gazetteer import load_names

    words = _WORD.findall(value)
    if len(words) < 2:
        return False
    praise = [w for w in words if w.lower() not in ("new", "old") and not w.endswith("ed") and
              adjective_only(w.lower()) and word_frequency().get(w.lower(), 0) >= 1000 and
              w.lower() not in _place_keys()]
    return len(praise) * 2 >= len(words) and all(
        w in praise or (is_dictionary_word(w) or is_role_or_generic(w)) and (
            word_frequency().get(w.lower(), 0) >= VERY_COMMON or
            w.title() not in load_names("first") and w.title() not in load_names("surname"))
        for w in words)


#: Words a capitalised run never holds inside or ends with when it is a name: a conjunction
#: or a pronoun ("Battles Or Trauma", "Everyone You Meet").
_RUN_BREAKERS = frozenset("or but you if because when have has had".split())


def _verdict_run(value: str) -> bool:
    """Whether capitalised everyday words that NER read as a name end in what a name never
    ends in, as people who write in Title Case put it: an adjective that is no noun, an
    adverb in -ly or a past verb ("Practice Helpful", "Efficient Listened Examined", "Centre
    Happily"), or hold a conjunction or a pronoun ("Battles Or Trauma"). Every word is a
    dictionary word (or one slip from a frequent one, "Beeing"), none a name-word or a place,
    none in the first-name list unless very frequent: "Kind Regards, Rose" and "Grace Helpful"
    are not read here."""
    from survey.anonymise.recognizers.gazetteer import load_names

    words = _WORD.findall(value)
    if words[-1:] == ["s"]:
        words = words[:-1]  # "Trauma s": an export stripped the apostrophe
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return False
    lows = [w.lower().strip("'’") for w in words]
    if lows[-1] in _NAME_HEADS:
        return False  # "Riverside Practice": a name ends in its kind
    for w, low in zip(words, lows):
        if low in NAME_WORDS or low in _place_keys():
            return False
        if not (is_dictionary_word(low) or is_role_or_generic(low) or
                len(low) > 3 and typo_of_common_word(low)):
            return False
        if w.title() in load_names("first") and word_frequency().get(low, 0) < VERY_COMMON:
            return False
    last = lows[-1]
    ends = adjective_only(last) or last.endswith("ly") and last in wordnet_pos_words("adv") or \
        last.endswith("ed") and last not in wordnet_pos_words("noun") and \
        last not in wordnet_pos_words("adj") or last in _RUN_BREAKERS
    return ends or any(low in _RUN_BREAKERS for low in lows[1:-1])


#: Before a medical abbreviation, words that make it a thing tested or had ("a test for AF",
#: "a high BG", "referred into SDS"), not a person's initials ("KT and I", "MT (SW)").
_ABBREVIATION_BEFORE = re.compile(r"(?<![\w'’])(?i:the|a|an|any|for|of|into|both|high|low|"
                                  r"raised|new)\s+$")
#: After one, a word that makes it a condition or a measure ("AF test", "BG levels").
_ABBREVIATION_AFTER = re.compile(r"\s+(?i:tests?|testing|checks?|clinic|scans?|levels?|"
                                 r"readings?|results?|medication|meds)\b")


def _clinical_abbreviation(text: str, det: Detection, value: str) -> bool:
    """Whether ``value`` is a medical abbreviation (:func:`~survey.anonymise.lexicon.
    medical_abbreviations`) where a clinical word stands: after "the", "a", "for", "high"...,
    or before "test", "levels"... ("a test for AF", "a high BG"). Elsewhere two capitals may be
    a person's initials ("AF rang me"), so they stay."""
    return value.isalpha() and value.isupper() and 2 <= len(value) <= 5 and \
        value in medical_abbreviations() and (
            _ABBREVIATION_BEFORE.search(text, max(0, det.start - 8), det.start) is not None or
            _ABBREVIATION_AFTER.match(text, det.end) is not None)


def _previous_word(text: str, start: int) -> str:
    """The word right before ``start``, lower case ("" at the start or after a mark)."""
    m = re.search(r"([A-Za-z]+)\s+$", text[max(0, start - 30):start])
    return m.group(1).lower() if m else ""


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


#: What follows the name of software a practice uses ("the dr mo app", "a klinik form",
#: "their patchs system"): an app, a form or an online system, not a person.
_TOOL_AFTER = re.compile(r"\s+(?:triage\s+|online\s+|request\s+)?(?i:app|apps|form|forms|"
                         r"triage|website|portal|platform|software|login|account|system|"
                         r"request|requests|online\s+(?:form|system|service|facility)|"
                         r"facility)\b")
#: After a place's name, a vaccine's: "the oxford jab", "(oxford astrazeneca)".
_VACCINE_AFTER = re.compile(r"[\s/-]+(?i:jab|jabs|vaccine|vaccines|vaccination|zeneca|"
                            r"astra\s*zeneca|astra|az)\b")
#: A title and a lower-case word of what a doctor does ("dr saw", "dr called", "Dr rang"):
#: before "me", "us", "my"... that word is the verb.
_DOCTOR_DID = re.compile(r"(?i:dr|doctor|doc)\.?\s+(?-i:[a-z]+)")
_OBJECT_AFTER = re.compile(r"\s+(?:me|us|him|them|my|our|you|your|it)\b")


def _weekdays_only(value: str) -> bool:
    """Days of the week alone, or joined ("Mon/Weds", "Tues & Thurs", "sats"): no place, name
    or service."""
    parts = [p.lower().rstrip(".") for p in re.split(r"\s*(?:[/&+,-]|\band\b)\s*", value.strip())]
    return all(p in WEEKDAY_WORDS or p.endswith("s") and p[:-1] in WEEKDAY_WORDS for p in parts)


#: After "DC", a word that is no preposition: the rank before a name ("DC hope did my
#: interview"), not "the only female DC in the team".
_RANK_BEFORE_NAME = re.compile(r",?\s+(?!(?:in|at|on|for|from|of|and|with|or|to)\b)[A-Za-z]")


def keep(text: str, det: Detection, *, capital_i: bool | None = None,
         capitals: bool | None = None, unstopped: bool | None = None,
         foreign: bool | None = None, shouted: int | None = None) -> bool:
    """Whether a detection survives the precision filter (see the module docstring).

    ``capital_i``: whether the ORIGINAL text had the capital-I export artefact (the engine
    passes it, as its odd-case normalisation removes the evidence); None: look at ``text``.
    ``capitals``: whether ``text`` is mostly capitals (:func:`_mostly_capitals`), computed
    once per text by :func:`filter_detections`; None: look at ``text``.
    ``unstopped`` (:func:`_unstopped`) and ``foreign`` (:func:`_mostly_not_english`): the same,
    computed once per text by :func:`filter_detections`; None: look at ``text``.
    ``shouted``: how many words in capitals the dictionary holds the ORIGINAL text has
    (:func:`_shouted_count`; normalisation lowers a shouted sentence); None: count ``text``.
    """
    if det.recognizer in EXPLICIT:
        return True
    value = text[det.start:det.end]
    if det.entity == "URL":
        m = _BARE_DOMAIN.fullmatch(value)
        return not (m and m.group(2).lower() in _WORD_TLDS and is_dictionary_word(m.group(1)))
    if det.entity in ("PHONE_NUMBER", "REFERENCE_NUMBER") and \
            re.sub(r"\D", "", value) in NATIONAL_NUMBERS:
        return False  # "Shout (text 85258)": a national helpline's number names no one
    if det.entity not in ("DATE", "TIME") and _weekdays_only(value):
        return False  # "childcare only Mon/Weds", "whoever is on Weds": days of the week
    if det.entity not in NAMEISH:
        return True
    if value == "DC" and det.entity == "LOCATION" and _RANK_BEFORE_NAME.match(text, det.end) and \
            not re.search(r"(?i:washington)\W*$", text[max(0, det.start - 14):det.start]):
        return False  # "DC hope did my interview": a detective constable's rank
    if value.lower().rstrip(".") in _ANY_TITLE and det.entity == "PERSON" and \
            re.match(r"\.?\s+(?!(?i:is|was|has|had|were|and)\b)[A-Za-z][\w'’-]",
                     text[det.end:det.end + 6]):
        return False  # "the officer, pc dawson": the title before a name is no second person
        # (before "is" or "was" it is the subject: "Di is a lovely manager")
    if re.fullmatch(r"[^\W\d_]+[-‐]speaking", value, re.IGNORECASE) or \
            re.match(r"[-‐]speaking\b", text[det.end:det.end + 10], re.IGNORECASE):
        return False  # "Igbo-speaking women": a language, spoken by thousands, not a name
    if re.sub(r"\s+", " ", value.strip()).lower() in UK_NATIONS or \
            value.lower() == "ireland" and re.search(r"(?i:northern)\s+$",
                                                     text[max(0, det.start - 10):det.start]):
        return False  # "three SARCs in Wales", "they dont cover northern ireland": a writer's
        # country names no one
    if _brand_alone(text, det, value):
        return False  # "sent it to Boots", "take it up with BOOTS": a national chain as a brand
    if det.entity in ("LOCATION", "GPE") and _VACCINE_AFTER.match(text, det.end):
        return False  # "the oxford jab", "oxford zeneca": a vaccine, named for where it was made
    if det.entity == "PERSON" and _TOOL_AFTER.match(text, det.end) and \
            not _PERSON_AFTER.match(text, det.end) and not re.fullmatch(r"[A-Z]{1,2}", value):
        return False  # "the dr mo app", "a klinik form": software the practice uses, no one
        # ("client M requests", "J requests no contact": a person's letter asks)
    if det.entity == "PERSON" and _DOCTOR_DID.fullmatch(value) and \
            _OBJECT_AFTER.match(text, det.end) and not _rare_surname(value.split()[-1]):
        return False  # "dr saw me", "Dr rang us back": what the doctor did, not their name
        # (a surname rare as a word stays: "dr potts your care")
    if det.entity == "PERSON" and value.islower() and typo_of_common_word(value) and \
            re.match(r"\s+(?:i|me|we|myself)\b", text[det.end:det.end + 8]):
        return False  # "my wife annd i", "my husband adn i": the "and" of the pair, mistyped
    if det.entity == "PERSON" and _stripped_apostrophe(text, det, value):
        return False  # "my son s leg", "the Dr s", "Didn t feel rushed": an export dropped "'"
    if det.reason.split(" ", 1)[0] in SPECIFIC_REASONS:
        return True  # a pattern whose own context makes a word, letter or code an identifier
    toks = _after_titles(value)  # "Dr I've": a title before a pronoun names no one
    initial = len(toks) < len(value.split()) and len(toks) == 1 and len(toks[0]) == 1 or \
        det.reason == "slot:initial" and value.rstrip(".").isupper() or \
        det.reason == "slot:mask_leftover" and len(value) == 1 or \
        det.reason in ("slot:initials_owner", "slot:action_owner", "slot:initials_post",
                       "slot:dated_subject") and len(value) == 2 and value.isupper()
    # "T and I", "M's", "PERSON t"; "SO to try again", "ED (Education)" (the slot checked)
    if all(w.lower().replace("’", "'").strip("'.") in STOP_WORDS for w in toks) and \
            not initial:
        return False  # "In", "etc", "doesn't" after a cue word; "ms a" is an initial
    if is_existing_mask(value) or _mask_after_title(value):
        return False
    if _asks_language(text, det, value) and \
            (_mostly_not_english(text) if foreign is None else foreign):
        return False  # "molto umana", "je vrlo ljubazno": an English name list reads no other
        # language's lower-case words, nor an English tagger its capitals ("madre Grazie")
    if _mask_piece(text, det, value):
        return False  # "P PERSON RSON": a piece of the owner's mask, split by its own slip
    if len(value) <= 3 and text.startswith(("*", " *"), det.end):
        return False  # "My Consultant M* *": letters left in the data owner's own mask
    if value.endswith("â") and text.startswith("€", det.end):
        return False  # "weâ€™re": a word cut at an apostrophe mis-decoded as "â€™"
    if (det.recognizer in WEAK or det.recognizer == "engine.coordination.v1") and \
            words_all_generic(value):
        return False  # "Sent to Urgent Care Centre", "an appointment at Emergency Care": a kind
    if det.entity in ("FACILITY", "ORGANIZATION", "LOCATION") and _praised_kind(value):
        return False  # "Superb surgery", "Marvellous Health Visitor": praise for a kind
    if det.recognizer == "spacy.ner.v1" and det.entity in ("PERSON", "ORGANIZATION") and \
            _verdict_run(value):
        return False  # "the Practice Helpful friendly staff", "Efficient Listened Examined":
        # what a writer in Title Case said of the visit, not a name
    if det.recognizer == "spacy.ner.v1" and _praise_run(value) and (
            len(_WORD.findall(value)) >= 3 or
            adjective_only(_next_word(text, det.end)) or
            adjective_only(_previous_word(text, det.start))):
        return False  # "Excellent Efficient Fast and kind": what the service was like, in a
        # list of praise ("Bright Futures", two words alone, may name a project)
    if value.lower() in _NEVER_IDENTIFIERS:
        return False  # "my mother in-law", "took her to AandE": a relation, a department
    if _VITAMIN.fullmatch(value):
        return False  # "on B12 injections", "B6 and iron": a vitamin, not a ward or a name
    if not re.search(r"(?<![\w])\d", value) and not (
            det.recognizer == "names.slot.v1" and value.islower() and
            generic_only_short(value)) and det.reason != "slot:initials_post" and all(
            is_role_or_generic(w) or w.lower() in ("and", "&", "of", "the", "first", "aider")
            for w in _WORD.findall(value)):
        return False  # an initial ("nurse G") is not a role word, so it stays; nor are
        # capitals before their post ("ED (Education)": the slot checked them)
    if det.entity == "PERSON" and value.lower().rstrip(".") == "co" and \
            re.search(r"(?<![\w'’])(?i:and|&|n)\s+$", text[max(0, det.start - 6):det.start]):
        return False  # "Dr Okafor and Co": the doctor and colleagues, no second name
    words = _words(value)
    if not words:
        return det.recognizer not in WEAK
    if len(words) == 1 and _glued_words(value):
        return False  # "theHCAs explained", "Honestly Iwas seen": a slipped space
    if _shouted_words(text, det, value, _shouted_count(text) if shouted is None else shouted,
                      _mostly_capitals(text) if capitals is None else capitals):
        return False  # "work at ANY PHARMACY", "I have NO SMARTWATCH": words shouted
    if det.recognizer in _UNSTOPPED_CHECKED and _unstopped_capital(
            text, det, value, _unstopped(text) if unstopped is None else unstopped):
        return False
    if det.recognizer in _UNSTOPPED_CHECKED and len(words) == 1 and value.istitle() and \
            adjective_only(value.lower()) and _everyday_capital(value) and \
            not _AT_PLACE.search(text, max(0, det.start - 12), det.start):
        return False  # "calm waiting room Superb surgery": praise, capitalised (a word
        # that is also a noun may name a practice, "Riverside Practice", and is not read here)
    if det.recognizer in _MEDICINE_CHECKED and value.isalpha() and \
            not value.isupper() and misspelt_medicine(value) and \
            value.lower() not in _place_keys() and _next_word(text, det.end) not in _NAME_HEADS:
        return False  # "prescribed Simvastaten", "surprised that Omeprazoll was left off"
    if re.fullmatch(r"(?i:(?:mon|tues|wednes|thurs|fri|satur|sun)days?)", value):
        return False  # "working Mondays to Fridays": a day of the week names nothing
    if len(words) == 1 and _two_words(words[0]) and not _listed_name(words[0]):
        return False  # "Thestaff at the surgery", "Theparamedics": two words run together,
        # whatever slot they stand in
    if det.recognizer not in WEAK:
        return True
    compound = _hyphen_compound(text, det)
    if compound and (_wordlike(compound) or is_role_or_generic(compound)):
        return False  # "Bi-Polar", "Co-Ordinator": a name-list hit inside a hyphenated word
    if all(clinical_term(w) for w in words) or \
            words[-1].lower() in ("disorder", "disorders", "syndrome", "disease", "deficiency") or \
            _CONDITION_AFTER.match(text, det.end):
        return False  # "Dopamine", "Myeloma", "Personality Disorder", "Alstrom Syndrome"
    if len(words) == 1 and _clinical_abbreviation(text, det, value):
        return False  # "a test for AF", "a high BG": a medical abbreviation, no one's initials
    if len(words) == 1 and _mistyped_role(value):
        return False  # "from the Docters on call": a role, mistyped
    if det.recognizer in ("spacy.ner.v1", "names.proper_noun.v1") and len(words) == 1 and \
            _unslotted_slip(text, det, value):
        return False  # "why not every day ther is Alway an hrs slot": a slip of the keys
    if det.recognizer in ("spacy.ner.v1", "names.proper_noun.v1") and len(words) == 1 and \
            (shouted if shouted is not None else _shouted_count(text)) >= 5 and \
            _shouted_slip(text, det, value):
        return False  # "THE DOCTORS TRET ME", "VERY PTOFESION": a writer who shouts, and a
        # slip of the keys in the shouting (the engine reads such a text re-cased: "Tret")
    if len(words) == 1 and value.isalpha() and _plain_wordnet_word(value) and \
            not _PLACE_SLOT.search(text, max(0, det.start - 12), det.start) and \
            _next_word(text, det.end) not in _NAME_HEADS:
        return False  # "Pneumonia and Sepsis", "Earache": a rare word, where no place stands
    if det.recognizer == "engine.propagate.v1" and det.entity == "PERSON" and \
            value[:1].isupper():
        return True  # another mention of a name kept elsewhere in this text ("Mark ... Mark")
    if det.recognizer == "engine.propagate.v1" and det.entity == "PERSON" and \
            value.islower() and value in ABSTRACT_NAME_WORDS and \
            not _PERSON_AFTER.match(text, det.end):
        return False  # "my isva hope ... hope is what she gave me": the word, said again
    if len(words) == 1 and value.islower() and det.entity == "PERSON" and \
            writes_capitals(text) and _wordlike(value):
        return False  # "the rubbish bin": a writer who uses capitals would capitalise a name
    if det.recognizer == "names.gazetteer.v1" and value.isupper() and len(value) > 3 and \
            _next_word(text, det.end) in _SERVICE_NOUNS:
        return False  # "the ALBA team": a programme or service, not a person
    if det.recognizer == "names.proper_noun.v1" and len(words) == 1 and \
            _sentence_initial(text, det.start) and \
            word_frequency().get(value.lower(), 0) >= 50:
        return False  # a rare English word opening a sentence or a line ("Imbroglio, ...")
    if det.recognizer == "spacy.ner.v1" and det.entity != "PERSON" and \
            _WORD_ABBREVIATION.fullmatch(value) and is_wordnet_word(value.lower()) and \
            not (_mostly_capitals(text) if capitals is None else capitals) and \
            _next_word(text, det.end) not in _NAME_HEADS and \
            not _AT_PLACE.search(text, max(0, det.start - 12), det.start) and \
            (len(value) > 2 or _DETERMINER_BEFORE.search(text, max(0, det.start - 12), det.start)):
        # NER alone on an abbreviation the dictionary holds ("BMI limits", "ex-army/RAF",
        # "on a PEG feed", "phone the ER", "a BA"): no place. Two letters only after a
        # determiner, as two capitals alone may be a person's initials ("KT and ash")
        return False
    if det.recognizer in ("spacy.ner.v1", "names.proper_noun.v1") and len(words) == 1 and \
            value.istitle() and _next_word(text, det.end) not in _NAME_HEADS and \
            not re.match(r"\s+[A-Z]", text[det.end:det.end + 3]) and \
            not _listed_name(value) and value.lower() not in _place_keys() and (
                typo_of_common_word(value.lower()) or
                len(value) >= 6 and value.isalpha() and not _sentence_initial(text, det.start)
                and not _PLACE_SLOT.search(text, max(0, det.start - 12), det.start)
                and not _AND_ON_BEFORE.search(text, max(0, det.start - 6), det.start)
                and near_dictionary_word(value)):
        # a slip of the keys, no name, not the first word of a name in capitals ("Cae Coch"):
        # a short word never written, one key from one of the most frequent ("Thsi is the
        # best"); or a longer word one key from a frequent word, where no place or service
        # stands ("nurse was kind Pharmasy very quick"; not "at Hulme police station", "on
        # Mersea"), the cheap checks first, the edits last
        return False
    if det.recognizer == "names.gazetteer.v1" and len(words) == 1 and \
            typo_of_common_word(value) and _next_word(text, det.end) != "and" and \
            not text.startswith(",", det.end) and _everyday_before(text, det.start):
        return False  # "job abd I", "Provided mor accurate", "and alo booked": a slip of the keys
    if det.recognizer == "spacy.ner.v1" and _ACRONYM.fullmatch(value) and \
            not _shouted_word(text, value, capitals=capitals):
        # NER alone on an abbreviation ("PPE", "MBT"): keep the ones that read as a hospital,
        # infirmary or centre (ending H, I, C) or stand where a place does ("seen at KRW")
        before = text[max(0, det.start - 30):det.start]
        if _SPOKE_TO.search(before):
            return False  # "talking to the HCPP, she said": a person's role, not a place
        return value[-1] in "CHI" or _AT_PLACE.search(before[-12:]) is not None
    if det.entity == "NRP":
        plain = demographic_terms()[0]
        return all(w.lower().strip("'’s") in plain or w.lower() in plain or
                   w.lower() in ("and", "&") for w in words) or \
            not all(_wordlike(w) for w in words)  # a rare proper noun: maybe a name
    if det.entity in ("LOCATION", "ORGANIZATION", "FACILITY") and \
            re.sub(r"\s+", " ", value) in known_places():
        return True
    if det.recognizer == "spacy.ner.v1" and det.entity == "PERSON" and len(words) >= 2 and \
            is_role_or_generic(words[-1]) and all(_wordlike(w) for w in words):
        return False  # "Traveller Liaison Officer": a post's title, not a person
    initial = _sentence_initial(text, det.start)
    i_art = _capital_i_artefact(text) if capital_i is None else capital_i
    if not all(_wordlike(w, capital_counts=not (initial and i == 0 or
                                                i_art and w[:2].istitle() and w[0] == "I")) or
               w.lower() in STOP_WORDS or is_name_word(w) or
               is_role_or_generic(w) for i, w in enumerate(words)):
        return True
    if det.entity == "LOCATION" and words[0][:1].isupper() and not words[0].isupper() and \
            not initial and not re.match(r"\s*\d", text[det.end:det.end + 4]) and (
            _PLACE_BEFORE.search(text[max(0, det.start - 12):det.start]) or
            _PLACE_AFTER.match(text, det.end)):
        return True  # "moved from Grays", "the Broadway estate"
    # capitals that say nothing: the capital-I export artefact ("InsIght Into")
    titled = [w for w in words if w[:1].isupper() and not w.isupper() and
              not (i_art and w[0] == "I" and _wordlike(w))]
    listed = re.search(r"\S\s{2,}\S|[\n\r]", value) is not None  # items of a list, not a name
    article = value[:3].lower() in ("a ", "an ") or value[:2] == "a "  # "a National Lockdown"
    if det.entity in ("ORGANIZATION", "PERSON") and len(titled) >= 2 and not listed and \
            not article and \
            len(titled) == len([w for w in words if w.lower() not in ("and", "&", "of", "the")]):
        # "Harrow Bright Solutions": a run of capitalised words is a name ...
        everyday = all(word_frequency().get(w.lower(), 0) >= VERY_COMMON for w in titled)
        building = titled[-1].lower() in FACILITY_HEADS and \
            not _ADJECTIVE_END.search(titled[0].lower())  # "Park House", not "Lovely Ward"
        if everyday and titled[-1].lower() not in ORG_HEADS and not building and \
                not any(w.lower() in NAME_WORDS for w in titled):  # "Will Hope": see below
            return False  # ... but not "Good Information": only very frequent words
        if not initial and not is_role_or_generic(_next_word(text, det.end)) and \
                not is_role_or_generic(titled[-1]):  # "Nice Staff": ordinary words and a role
            return True  # ... unless it only qualifies a role ("the Heart Failure nurse")
        if titled[-1].lower() in FACILITY_HEADS | ORG_HEADS and \
                any(w in known_places() for w in titled[:-1]):
            return True  # "the Leeds Gender Identity Clinic": a service named by its town
        if initial and (len(titled) >= 3 or titled[-1].lower() in ORG_HEADS):
            return True
    if len(words) == 1 and value[:1].isupper() and not value.isupper() and not initial and \
            _AT_THE.search(text, max(0, det.start - 14), det.start) and \
            word_frequency().get(value.lower(), 0) < VERY_COMMON and \
            not is_role_or_generic(value) and value.lower()[:3] not in CALENDAR_WORDS:
        return True  # "rosie at the Beacon", "the ISVA at the Haven": a place by its name
    if det.entity == "PERSON" and any(is_name_word(w) for w in words):
        if not _sentence_initial(text, det.start) and words[0][:1].isupper():
            return True
        nxt = _next_word(text, det.end)
        if det.recognizer == "engine.propagate.v1" and nxt in _ADVERBS:
            # a name said again ("jack was my worker ... jack never once rushed me"): the verb
            # past the adverbs decides
            rest = _ADVERB_RUN.match(text[det.end:det.end + 60].lower())
            nxt = rest.group(1) if rest else nxt
            if nxt.endswith("ed") and len(nxt) > 4:
                return True
        return nxt in PERSON_VERBS or nxt in _PLACE_PREPS and words[0][:1].isupper() or \
            text[det.end:det.end + 1] == "," or (  # "Rob, the nurse on nights", "Jade at the hub"
                det.recognizer == "engine.propagate.v1" and nxt in ("from", "at") and
                _SERVICE_AFTER.match(text, det.end) is not None)
        # ... and a name said again in its own slot: "it was ruby from the wigan ISVA service"
    if det.entity in ("LOCATION", "ORGANIZATION", "OTHER_NAME") and _named_facility(text, det):
        return True
    return False


#: "from the youth team", "at victim support": a name's service after it (a name said again).
_SERVICE_AFTER = re.compile(r"\s+(?:from|at)\s+(?:the|my|our|\w+'s|\w+s')?\s*"
                            r"(?:[\w'’&-]+\s+){0,3}?(?i:service|team|project|centre|center|hub|"
                            r"group|clinic|unit|charity|sarc|isva|support|church|drop[ -]?in|"
                            r"school|college|ward|surgery|practice|office|refuge)\b")

#: "and", "&", "on" or a comma right before a word: a second place, an island ("on Mersea"),
#: a place after a sign-off's role ("GP, Hulme").
_AND_ON_BEFORE = re.compile(r"(?:(?<![\w'’])(?i:and|&|on)\s+|,\s*)$")
#: "the", "in", "at"... right before a word: where a place or a named service may stand.
_PLACE_SLOT = re.compile(r"\b(?i:the|at|in|into|to|from|near|around|outside|of|via)\s+$")
#: "at the", "to the", "from the"... right before a capitalised word: where a place stands.
_AT_THE = re.compile(r"\b(?i:at|to|from|into|in|with|outside|near)\s+the\s+$")


#: Lengths at which survey tools, spreadsheets and databases cut a free-text answer (a
#: 255-character field, a 4,000-character column, Excel's 32,767-character cell).
FIELD_LIMITS = frozenset({255, 256, 500, 512, 1000, 1024, 2000, 2048, 4000, 4096, 32767})


@lru_cache(maxsize=1)
def _frequent_sorted() -> tuple[str, ...]:
    """Lower-case words of frequency 1,000 or more, sorted (for prefix search)."""
    return tuple(sorted(w for w, n in word_frequency().items() if n >= 1000))


@lru_cache(maxsize=1)
def _places_sorted() -> tuple[str, ...]:
    """:func:`_place_keys`, sorted (for prefix search)."""
    return tuple(sorted(_place_keys()))


def _has_longer(words: tuple[str, ...], prefix: str) -> bool:
    """Whether sorted ``words`` hold a word longer than ``prefix`` that begins with it."""
    i = bisect.bisect_right(words, prefix)
    return i < len(words) and words[i].startswith(prefix)


def cut_last_word(text: str, *, length: int | None = None) -> tuple[int, int] | None:
    """The span of the last word of an answer the export cut at a field limit, when that word
    is a cut-off everyday word ("... before disconn", "... called out our Pr", "... and m"):
    the text is exactly a field limit long (:data:`FIELD_LIMITS`), ends in letters, and its
    last word is rare as a word but begins a frequent one. A word in its own right ("... spoke
    to Jo") is not such, nor a capitalised word inside a sentence that begins a place name
    ("... a large area in Northumbe"). None otherwise. ``length``: the answer's length as
    exported, when ``text`` is a normalised copy (invisible characters taken out)."""
    if (len(text) if length is None else length) not in FIELD_LIMITS:
        return None
    m = re.search(r"(?<![\w'’-])[^\W\d_]+$", text)
    if m is None:
        return None
    word, low = m.group(), m.group().lower()
    place = word[:1].isupper() and len(word) >= 4 and not _sentence_initial(text, m.start()) \
        and _has_longer(_places_sorted(), low)  # a capital inside a sentence: maybe a place
    if place or word_frequency().get(low, 0) >= COMMON or \
            not _has_longer(_frequent_sorted(), low):
        return None
    return m.span()


class FilterContext(NamedTuple):
    """What :func:`filter_detections` reads from a whole text, computed once per text."""

    capital_i: bool
    capitals: bool
    unstopped: bool
    idioms: list[tuple[int, int]]
    cut: tuple[int, int] | None
    shouted: int


def filter_context(text: str, original: str | None = None) -> FilterContext:
    """The per-text facts the filter needs (``original``: the text before normalisation,
    where the capital-I artefact is looked for and whose length is the exported one)."""
    return FilterContext(_capital_i_artefact(original if original is not None else text),
                         _mostly_capitals(text), _unstopped(text), idiom_spans(text),
                         cut_last_word(text, length=None if original is None else len(original)),
                         _shouted_count(original if original is not None else text))


def filter_detections(text: str, dets: Iterable[Detection], *, original: str | None = None,
                      context: FilterContext | None = None) -> list[Detection]:
    """The detections that :func:`keep` keeps, in the same order (``original``: the text
    before normalisation; ``context``: :func:`filter_context` of this text, when a caller
    filters the same text twice). A name-like detection of a word the export cut off
    (:func:`cut_last_word`) is dropped too, unless a cue or a name's slot inside a sentence
    found it (:func:`_named_by_cue`)."""
    capital_i, capitals, unstopped, idioms, cut, shouted = context or \
        filter_context(text, original)
    dets = list(dets)
    # whether the text is in another language: only worth reading when a hit asks
    foreign = any(_asks_language(text, d, text[d.start:d.end]) for d in dets) and \
        _mostly_not_english(text)
    return [d for d in dets if keep(text, d, capital_i=capital_i, capitals=capitals,
                                    unstopped=unstopped, foreign=foreign,
                                    shouted=shouted) and not (
        idioms and d.recognizer not in EXPLICIT and d.entity in NAMEISH and
        any(a <= d.start and d.end <= b for a, b in idioms)) and not (
        cut is not None and d.recognizer not in EXPLICIT and d.entity in NAMEISH and
        (d.start, d.end) == cut and not _named_by_cue(text, d))]


#: Recognizers whose evidence is the words before a name ("my ISVA ...", "me and ...").
_CUE_RECOGNIZERS = frozenset({"names.cue.v1", "names.slot.v1"})


def _named_by_cue(text: str, det: Detection) -> bool:
    """Whether a cue or a name's slot, not a list, found ``det`` inside a sentence ("my ISVA
    Rebec", "me and Jen"): a name cut at the limit is still a name. At a sentence's start a
    slot says little ("... helped instead. Shou"), and one letter cut off ("me and m") names
    no one."""
    return det.recognizer in _CUE_RECOGNIZERS and det.end - det.start >= 2 and \
        not _sentence_initial(text, det.start)
