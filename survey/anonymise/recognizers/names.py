"""Person names beyond spaCy NER: a first-name and surname gazetteer, and cue rules
(titles, relationship words, "called Jo", "her name is ...")."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import ClassVar

from spacy.lang.en.stop_words import STOP_WORDS

from survey.anonymise.alternation import alternation
from survey.anonymise.identity import is_identity_word
from survey.anonymise.lexicon import (
    ABSTRACT_NAME_WORDS,
    COMMON,
    LETTER_NAME_AFTER,
    NAME_WORDS,
    is_dictionary_word,
    is_role_or_generic,
    is_wordnet_word,
    near_dictionary_word,
    word_frequency,
    wordnet_pos_words,
    writes_capitals,
)
from survey.anonymise.recognizers.base import DocRecognizer, Recognizer
from survey.anonymise.recognizers.gazetteer import load_common_words, load_names
from survey.anonymise.spans import Detection

# Capitalised words that are in the name lists but are (almost) never names in this kind of text.
NOT_NAMES = frozenset("""
The A An I Im Ive It Its He She They We You My Our Your His Her Their This That These Those
Got
Mum Mom Dad Mummy Daddy Nan Nana Gran Granny Grandad Grandma Grandpa Auntie Aunty Uncle Sister
Brother Son Daughter Baby Boy Girl Man Woman Lady Sir Madam Miss Mr Mrs Ms Dr Prof Doctor Nurse
God Lord Jesus Christ Christmas Easter Monday Tuesday Wednesday Thursday Friday Saturday Sunday
January February March April May June July August September October November December
Police Court Judge Jury Officer Sergeant Detective Social Worker Counsellor Therapist Councillor
Yes No Not Thank Thanks Please Hello Hi Dear Best Kind Regards Love Hope Will Can Could Would
Should Must Might Just Also So And But Or If When Then There Here What Who Why How Where Which
After Before During Since Until While Because Although Though Even Still Very Really Maybe Some
Many Much More Most Other Another Any All Every Each Both Either Neither One Two Three First Last
Next New Old Young Good Bad Great Little Big Long High Low Early Late Real True Fine Well
Mental Health Support Service Services Centre Center Team Unit Group Home School College
English British Scottish Welsh Irish Black White Asian Mixed Other Male Female Trans Gay Straight
Victim Survivor Survivors Abuse Rape Assault Crisis Help Helpline Advice Care Carer Counselling
""".split())

TITLE = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame|Lady|Lord|Rev|Reverend|Father|Fr|Sister|" \
        r"PC|DC|DS|DI|Sgt|Officer|Detective|Judge|Nurse|Doctor|Auntie|Aunty|Uncle|Nan|Granny)"
_NAME = r"[A-ZÀ-ÖØ-Þ][\w'’-]*"


_FUNCTION_POS = frozenset({"ADP", "DET", "PRON", "AUX", "CCONJ", "SCONJ", "PUNCT", "PART", "NUM",
                           "SYM", "VERB"})


def _is_cap(word: str) -> bool:
    return len(word) > 1 and word[0].isupper() and (word[1:].islower() or word.isupper()
                                                     or "'" in word or "-" in word)


REL_WORDS = frozenset(
    "ex ex-partner ex-boyfriend ex-girlfriend ex-husband ex-wife partner boyfriend girlfriend "
    "husband wife friend mate cousin brother sister son daughter uncle aunt auntie stepdad "
    "stepfather stepmum stepmother dad mum father mother neighbour colleague boss manager "
    "teacher coach abuser attacker perpetrator worker isva idva counsellor therapist officer "
    "advocate".split())
_POSSESSIVES = frozenset({"my", "her", "his", "their", "our", "the"})


#: Lower-case particles inside names ("van", "de", "ten", "bin").
PARTICLES = frozenset("van von de der den ten ter da di du le la bin bint al el dos das del della "
                      "degli ibn".split())


def _initial_then_surname(toks: list, j: int, surname: dict[str, bool]) -> bool:
    """Whether ``toks[j]`` is a lower-case initial followed by a lower-case known surname."""
    return j + 1 < len(toks) and len(toks[j].text) == 1 and toks[j].text.isalpha() and \
        toks[j].text.islower() and toks[j + 1].text.islower() and \
        toks[j + 1].text.title() in surname


def _lower_word(word: str) -> bool:
    """A lower-case token that reads as an ordinary word ("rehab", "are", "drs")."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return word in STOP_WORDS or word_frequency().get(word, 0) >= 2000 or \
        is_dictionary_word(word) or near_dictionary_word(word)


def _prefix(toks: list, i: int) -> bool:
    """Whether token ``i`` is a prefix joined by a hyphen to a word ("pre-arranged")."""
    if i + 1 < len(toks) and toks[i].idx + len(toks[i].text) == toks[i + 1].idx and \
            toks[i + 1].text.isalpha():
        return True  # "gon" + "na": one written word that spaCy split
    return i + 2 < len(toks) and toks[i + 1].text == "-" and \
        toks[i].idx + len(toks[i].text) == toks[i + 1].idx and toks[i + 2].text.islower()


#: English prefixes written as a separate word ("pre pandemic", "non urgent"), never names.
WORD_PREFIXES = frozenset("pre post non anti semi mid sub multi co ex re inter intra over "
                          "under bi tri".split())


#: Words a name does not follow directly: articles, determiners, subject pronouns and auxiliaries
#: ("it hared to", "the ladys", "i have benn"); "thank you carys" and "the counsellor angharad"
#: are not such.
_NOT_BEFORE_NAME = frozenset("the a an this that these those some any no every each it he she "
                             "they we i have has had been be am is are was were".split())


def _lower_name_slot(toks: list, i: int, hand_capitals: bool) -> bool:
    """Whether lower-case token ``i`` may be a name written in lower case ("gwion rang",
    "from ceri"): not a prefix ("pre pandemic"), and not a word one letter from a frequent word
    ("hared", "staf", "mange") where it reads as that word's misspelling: right after an
    article or a subject pronoun ("it hared to", "the ladys"), or anywhere in a text whose
    writer capitalises words by hand inside sentences (``hand_capitals``: then a name would
    have a capital too). In lower-case or phone-capitalised text a lower-case name keeps its
    chance ("thank u carys", "Me and aled went. Thanks")."""
    from survey.anonymise.lexicon import _edits1

    tok = toks[i]
    if tok.text in WORD_PREFIXES:
        return False
    if not hand_capitals and (i == 0 or toks[i - 1].lower_ not in _NOT_BEFORE_NAME):
        return True
    freq = word_frequency()
    return not any(freq.get(c, 0) >= 10000 for c in _edits1(tok.lower_) if c != tok.lower_)


#: Below this frequency a lower-case first name that no dictionary holds is a name.
_LOWER_NAME_MAX = 2000


def _rare_or_only_name(word: str) -> bool:
    """A lower-case first name rare as a word ("kez"), or one no WordNet lemma holds however
    often it is written ("gwen", "derek", "pam"; not "obese", "limbo", "nil")."""
    freq = word_frequency().get(word, 0)
    return freq < COMMON or freq < _LOWER_NAME_MAX and not is_wordnet_word(word)


def _after_relationship(toks: list, i: int) -> bool:
    """Whether token ``i`` follows "my ex", "her partner," and the like."""
    j = i - 1
    if j >= 0 and toks[j].text == ",":
        j -= 1
    return j >= 1 and toks[j].lower_ in REL_WORDS and toks[j - 1].lower_ in _POSSESSIVES


class NameGazetteerRecognizer(DocRecognizer):
    """Capitalised tokens that are known first names, extended over following surnames.

    A name that is also an everyday English word ("Will", "Grace") counts only when spaCy tags it
    a proper noun or a known surname follows. All-capital names ("JOHN") are looked up title-cased.
    Lower-case names count only as a first name followed by a known surname ("andrea smith").
    """

    name = "names.gazetteer.v1"
    entities = ("PERSON",)

    def detect_doc(self, doc: object) -> list[Detection]:
        """Return PERSON detections from the gazetteer."""
        first, surname = load_names("first"), load_names("surname")
        toks = list(doc)  # type: ignore[call-overload]
        hand_capitals = writes_capitals(doc.text, inner_only=True)  # type: ignore[attr-defined]
        out: list[Detection] = []
        i = 0
        while i < len(toks):
            tok = toks[i]
            word = tok.text
            key = word.title() if word.isupper() else word
            common = first.get(key)
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            nxt_sur = nxt is not None and _is_cap(nxt.text) and \
                (nxt.text.title() if nxt.text.isupper() else nxt.text) in surname and \
                nxt.text not in NOT_NAMES and not is_role_or_generic(nxt.text)
            ok = False
            reason = ""
            if word.isupper() and len(word) <= 3:
                pass  # "OT", "DN", "HV": role and service acronyms, not names
            elif common is not None and _is_cap(word) and key not in NOT_NAMES:
                if common and is_dictionary_word(word) and not nxt_sur and \
                        word.lower() not in NAME_WORDS:
                    pass  # "Excellent", "Happy": an everyday word listed as a name somewhere
                elif not common:
                    ok, reason = True, "first_name"
                elif not word.isupper() and (nxt_sur or tok.pos_ == "PROPN"):
                    # in capitals every word looks like a name ("WAS PRIYA"): skip "WAS", "WILL"
                    ok, reason = True, "first_name+propn" if tok.pos_ == "PROPN" else \
                        "first_name+surname"
            elif word.islower() and len(word) > 2 and first.get(word.title()) is not None and \
                    not _lower_word(word) and not _prefix(toks, i) and \
                    _lower_name_slot(toks, i, hand_capitals) and (
                    first[word.title()] is False and _rare_or_only_name(word) or (
                        nxt is not None and nxt.text.islower() and not _lower_word(nxt.text) and
                        surname.get(nxt.text.title()) is False) or _initial_then_surname(
                            toks, i + 1, surname)):
                ok, reason = True, "lower_first_name"
            elif word.islower() and word.title() in first and tok.pos_ in ("PROPN", "NOUN") and \
                    _after_relationship(toks, i):
                ok, reason = True, "lower_first_name+relationship"
            if not ok:
                i += 1
                continue
            j = i + 1
            while j < len(toks) and j - i <= 3:
                t = toks[j].text
                is_initial = len(t.rstrip(".")) == 1 and t[0].isupper()
                key_t = t.title() if (t.isupper() or t.islower()) else t
                if is_initial and not word.islower():
                    j += 1
                    continue
                if word.islower():
                    if t.islower() and len(t) > 1 and not _lower_word(t) and \
                            (surname.get(key_t) is False or first.get(key_t) is False):
                        j += 1
                        continue
                    if _initial_then_surname(toks, j, surname):
                        j += 2
                        continue
                    if j == i + 1 and t.isalpha() and t.islower() and len(t) > 2 and \
                            first.get(word.title()) is False and \
                            t not in load_common_words() and toks[j].pos_ in ("PROPN", "NOUN"):
                        j += 1  # "agnieszka wróblová": an unknown word after an unambiguous name
                        continue
                    break
                if t in PARTICLES and j + 1 < len(toks) and _is_cap(toks[j + 1].text) and \
                        toks[j + 1].text not in NOT_NAMES:
                    j += 1  # "Maartje ten Bosch", "Ana de Souza"
                    continue
                if _is_cap(t) and t not in NOT_NAMES and (
                        key_t in surname or (toks[j].pos_ not in _FUNCTION_POS and (
                            toks[j].ent_type_ not in ("ORG", "GPE", "LOC", "FAC") or
                            toks[j].ent_type_ == tok.ent_type_))):
                    j += 1
                    continue
                break
            while j > i + 1 and len(toks[j - 1].text.rstrip(".")) == 1:
                j -= 1
            span_end = toks[j - 1].idx + len(toks[j - 1].text)
            score = 0.7 if (j > i + 1 or not common) else 0.55
            if word.islower():
                score = 0.5 if j > i + 1 else 0.4
            out.append(Detection(tok.idx, span_end, "PERSON", score, self.name, reason))
            i = j
        return out


#: A teacher's or officer's title in lower case before a first name that is also a word or a
#: month ("miss may at school", "mrs june from the office"), where only a person can follow:
#: where they are, what they did, or the end of the clause ("i miss may" is the verb).
_MISS_NAME = re.compile(r"^(?i:miss|mrs|ms|mr)\.?\s+$")
_PERSON_AFTER_TITLE = re.compile(r"\s+(?:at|from|in|was|is|said|says|told|who|and|rang|came|"
                                 r"noticed|helped|listened)\b|\s*[,;]")
#: Words before "miss" that make it the verb ("i miss may", "really miss june").
_MISS_VERB_BEFORE = re.compile(r"(?i:\b(?:i|we|you|they|he|she|really|still|so|do|don['’]?t|"
                               r"will|would|to|also|gonna|always|never|kinda)\s+)$")


def _titled_word_name(text: str, m: re.Match[str], w: re.Match[str],
                      first: Mapping[str, object]) -> bool:
    """Whether a lower-case first name that is also a word or a month follows a lower-case
    title as a person (see :data:`_MISS_NAME`)."""
    bare = w.group().strip("'’.-")
    return _MISS_NAME.search(m.group("title")) is not None and bare.islower() and \
        bare.title() in first and \
        _PERSON_AFTER_TITLE.match(text, m.start("id") + w.end()) is not None and \
        _MISS_VERB_BEFORE.search(text, max(0, m.start("title") - 12), m.start("title")) is None


class NameCueRecognizer(Recognizer):
    """Names signalled by a title or a cue: "Mr Smith", "my ex Dave", "called Jo", "named Siobhán".

    The name is one to three capitalised words after the cue; after "my name is", "called" and
    "named" a lower-case known first name also counts.
    """

    name = "names.cue.v1"
    entities = ("PERSON",)
    REL = (r"(?:ex|ex-partner|ex-boyfriend|ex-girlfriend|ex-husband|ex-wife|partner|boyfriend|"
           r"girlfriend|husband|wife|friend|mate|cousin|brother|sister|son|daughter|uncle|aunt|"
           r"auntie|stepdad|stepfather|stepmum|stepmother|dad|mum|father|mother|neighbour|"
           r"colleague|boss|manager|teacher|coach|abuser|attacker|perpetrator|worker|isva|idva|"
           r"counsellor|therapist|officer|advocate|support worker|social worker|gp|doctor|nurse|"
           r"key\s?worker|care co-?ordinator|team leader|health visitor|midwife|consultant|"
           r"psychologist|psychiatrist|paramedic|physio|physiotherapist|receptionist|carer|"
           r"care worker|mentor|volunteer|facilitator)")
    PATTERNS: ClassVar[tuple[tuple[str, re.Pattern[str], float], ...]] = (
        ("title", re.compile(rf"(?P<title>\b{TITLE}\.?\s+)(?P<id>{_NAME}(?:\s+{_NAME}){{0,2}})"),
         0.8),
        ("title_lower", re.compile(r"(?P<title>\b(?:(?i:mr|mrs|ms|miss|dr|doctor|pc|dc|ds|di|sgt|"
                                   r"constable|sergeant|inspector|detective|chief|father|"
                                   r"sister|nurse|pastor|rev|reverend|imam|rabbi|coach)\.?\s+)"
                                   r"{1,2})"
                                   r"(?P<id>[a-zà-ÿ][\w'’-]+)"),
         0.6),
        ("speaker", re.compile(r"(?m)^[ \t>]*(?P<id>[A-ZÀ-ÖØ-Þ][\w'’-]+)[ \t]*:(?![/\d])"),
         0.5),
        ("relationship", re.compile(rf"(?i:\b(?:my|her|his|their|our|the)\s+{REL}),?\s+"
                                    rf"(?P<id>{_NAME}(?:\s+{_NAME}){{0,1}})"), 0.7),
        # ("a named worker", "the named nurse": "named" after an article is an adjective)
        ("named", re.compile(rf"(?i:\b(?:(?<!\ba\s)(?<!\bthe\s)(?<!\bour\s)named|name\s+is|"
                             rf"name's|name\s+was|known\s+as|"
                             rf"(?:sur|last|maiden|first|family)\s*name\s*(?:is|was|:|\?))\s+)"
                             rf"(?P<id>{_NAME}(?:\s+{_NAME}){{0,2}})"), 0.7),
        ("called", re.compile(rf"(?i:\b(?:called|known\s+as|"
                              rf"i'm|i\s+am|this\s+is|ask\s+for|speak\s+to|spoke\s+to|"
                              rf"talk\s+to|talked\s+to|told|with|met|from|by|and))\s+"
                              rf"(?P<id>{_NAME}(?:\s+{_NAME}){{0,2}})"), 0.5),
        ("subject_verb", re.compile(rf"(?m)(?:^|(?<=[.!?]\s))(?P<id>{_NAME})(?=\s+(?:lives|lived|"
                                    rf"said|says|told|asked|works|worked|began|is\s+from|"
                                    rf"was\s+born)\b)"), 0.5),
        ("called_lower", re.compile(r"(?i:\b(?:called|named|name\s+is|name's|name\s+was))\s+"
                                    r"(?P<id>[a-zà-ÿ][\w'’-]+)"), 0.5),
        ("title_initial", re.compile(r"(?P<title>\b(?i:nurse|dr|doctor|mr|mrs|ms|miss|mx|sister|"
                                     r"matron|officer|pc|dc)\.?\s+)[\"'“‘]?(?P<id>[A-Z])[\"'”’]?"
                                     r"(?![\w.'’-])"), 0.6),
        # a name after a title with a zero for an "o" ("nurse J0", "Dr R0b"): typed or dodged
        ("title_zero", re.compile(r"(?P<title>\b(?i:nurse|dr|doctor|mr|mrs|ms|miss|mx|sister|"
                                  r"matron|officer|pc|dc)\.?\s+)(?P<id>[A-Z][a-z]*0[a-z0]*)"
                                  r"(?![\w'’-])"), 0.6),
        ("title_initial_lower", re.compile(r"(?P<title>\b(?i:mr|mrs|ms|miss|mx|dr)\.?\s+)"
                                           r"(?P<id>(?![aiu]\b)[a-z]|[aiu](?=\s+(?i:was|is|has|"
                                           r"had|said|told|rang|did|never|who)\b)|"
                                           rf"a(?={LETTER_NAME_AFTER}))"
                                           r"(?![\w'’&-])(?!\.[\w.])"), 0.6),
        # the same after a nurse or doctor, never "i" or "u" ("the nurse i saw"), and "a" or
        # "v" only where no article or adjective stands ("nurse a was lovely", "thanks to
        # doctor a.", not "nurse a grudge", "the doctor a week later", "doctor v friendly")
        ("care_title_initial_lower", re.compile(r"(?P<title>\b(?i:nurse|doctor|matron)\s+)"
                                                r"(?P<id>(?![aiuv]\b)[a-z]|"
                                                rf"[av](?={LETTER_NAME_AFTER}))"
                                                r"(?![\w'’&-])(?!\.[\w.])"), 0.6),
        # a surname after a police officer's collar number: "pc 2291 jones", "PC 4471 Bell"
        ("collar_surname", re.compile(r"(?<![\w'’])(?i:pc|dc|ps|sgt|ds)\s*\d{2,5}\s+"
                                      r"(?P<id>[A-Za-z][a-z'’-]+)(?![\w'’])"), 0.6),
        ("relationship_lower", re.compile(rf"(?i:\b(?:my|her|his|their|our)\s+{REL}),?\s+"
                                          r"(?P<id>[a-zà-ÿ][\w'’]+(?:-[a-zà-ÿ][\w'’]+)*"
                                          r"(?:\s+[a-zà-ÿ][\w'’]+(?:-[a-zà-ÿ][\w'’]+)*)?)"), 0.6),
    )
    def detect(self, text: str) -> list[Detection]:
        """Return PERSON detections signalled by cues."""
        first, surname = load_names("first"), load_names("surname")
        out = []
        for pname, rx, score in self.PATTERNS:
            for m in rx.finditer(text):
                if "title" in rx.groupindex and "." in m.group("title") and \
                        not _ABBREVIATED_TITLE.match(m.group("title")):
                    continue  # "Liaison Officer. Letters to": a full stop ends the sentence
                words = list(re.finditer(r"\S+", m.group("id")))
                kept = 0
                strong = pname in ("title", "relationship", "named")
                for w in words:
                    bare = w.group().strip("'’.-")
                    if bare.lower() in _FINITE_VERBS and pname not in _LETTER_CUES:
                        break  # "and Co Was very impressed": the name ends before its verb
                    if pname == "title" and kept == 0 and _plural_noun(bare, first, surname):
                        break  # "seen by Doctor Tablets were changed": a thing, not a surname
                    if pname == "title" and kept == 0 and _adverb(bare, first, surname):
                        break  # "the same Dr Recently my prescription": the next sentence's
                        # first word, where the export dropped the full stop
                    if not bare or pname not in _LETTER_CUES and (
                            bare in NOT_NAMES or bare.title() in NOT_NAMES) and not (
                            strong and kept == 0 and (bare.lower() in NAME_WORDS or
                                                      is_identity_word(bare))) and not (
                            pname == "title_lower" and kept == 0 and
                            _titled_word_name(text, m, w, first)):
                        break  # "my ISVA Hope", "Mr Black": a name that is also a word
                    kept += 1
                if not kept:
                    continue
                w0 = words[0].group()
                k0 = w0.title() if (w0.isupper() or w0.islower()) else w0
                if pname == "relationship_lower":
                    if not w0.islower() or _lower_word(w0.strip("'’")) or "-" in w0 and all(
                            _lower_word(p) for p in w0.strip("'’").split("-") if p):
                        continue  # "my friend was", "my psychiatrist face-to-face": no name
                    kept = 2 if kept >= 2 and not _lower_word(words[1].group().strip("'’")) \
                        else 1
                    # "my friend came": a name is one or two unusual words
                elif pname == "title_lower" and (
                        w0.lower() in _NOT_AFTER_TITLE or
                        _ARTICLE_BEFORE.search(text, max(0, m.start() - 10), m.start()) and
                        w0.lower() in wordnet_pos_words("verb") and
                        word_frequency().get(w0.lower(), 0) >= 5000):
                    continue  # "lovely dr despite the queue": a preposition; "get a dr ring
                    # you": after "a" or "the" the title is a noun and the word its verb
                elif pname == "title_lower" and k0 not in first and \
                        re.match(r"(?i:doctor)\b", m.group("title")):
                    continue  # "the doctor everytime", "doctor annd": the word, not a title,
                    # unless a known first name follows ("doctor raj")
                elif pname == "title_lower" and _titled_word_name(text, m, words[0], first):
                    kept = 1
                elif pname == "title_lower" and _lower_word(w0.lower()) and \
                        not _IRISH_PREFIX.fullmatch(w0) and \
                        w0.lower() not in NAME_WORDS and not (
                            k0 in first and w0.lower() not in STOP_WORDS and
                            word_frequency().get(w0.lower(), 0) < 60000 and re.match(
                                r"(?i:father|sister|nurse|pastor|rev|reverend|imam|rabbi|"
                                r"coach)\b", m.group("title"))) and not (
                            # "mrs lamb", "mr wood": a surname that is also a word, after a
                            # title only a surname follows ("miss" is also a verb)
                            k0 in surname and w0.lower() not in STOP_WORDS and
                            re.match(r"(?i:mrs|mr|ms|dr|pc|dc|ds|di|sgt|sergeant|inspector|"
                                     r"detective|constable)\b", m.group("title"))):
                    continue  # "miss them", "Dr on the late shift"; "pc bell": a surname
                elif pname in ("called", "speaker") and (
                        w0.lower() in STOP_WORDS or is_dictionary_word(w0) and
                        w0.lower() not in NAME_WORDS):
                    continue  # "and Is able", "Excellent: listening"
                elif pname == "title_initial":
                    pass
                elif pname in _LETTER_CUES and w0 == "l" and \
                        len(_L_FOR_I.findall(text)) >= 2:
                    continue  # "nurse l think when l call": this writer types "l" for "I"
                elif pname in _LETTER_CUES and w0 == "s" and _stripped_plural(text, m):
                    continue  # "all the Dr s at the surgery", "the dr s are", "both doctor s
                    # and staff": a stripped apostrophe made the plural, no initial ("the
                    # nurse s was kind" is one nurse)
                elif pname == "collar_surname" and not (
                        (k0 in surname or w0.istitle() and not is_dictionary_word(w0)) and
                        w0.lower() not in STOP_WORDS and
                        not is_role_or_generic(w0.lower()) and
                        word_frequency().get(w0.lower(), 0) < 100000):
                    continue  # "PC 4471 said", "pc 3318 came": a surname, not a frequent word
                    # (one in no list counts when capitalised and no word: "PC 1984 Hollins")
                elif pname == "called_lower":
                    low0 = w0.lower()
                    if first.get(k0) is not False and not (
                            k0 in first and low0 not in STOP_WORDS and
                            not is_dictionary_word(low0) and not near_dictionary_word(low0)):
                        continue  # "called out", "name is on": a word; "called tyler": a name

                    kept = 1
                elif pname in ("called", "speaker") and k0 not in first \
                        and k0 not in surname:
                    continue  # weak cue: the first word must be a known name
                elif pname == "title_lower" and re.fullmatch(
                        r"(?i:mr|mrs|ms|miss|dr|pc|dc|ds|di|sgt|constable|sergeant|inspector|"
                        r"detective|officer|chief|father|sister|nurse|pastor|rev|reverend|imam|"
                        r"rabbi|coach)\.?", w0):
                    continue  # "detective ds jb": a second title, the name comes after it
                elif pname == "title_lower" and k0 not in first and k0 not in surname and (
                        re.match(r"(?i:father|sister|nurse|pastor|rev|reverend|imam|rabbi|"
                                 r"coach)\b", m.group("title")) or
                        not w0.replace("'", "").replace("’", "").isalpha() or
                        w0.lower() in STOP_WORDS or is_dictionary_word(w0) and
                        not _IRISH_PREFIX.fullmatch(w0)):
                    continue  # "mr o'neill", "miss o'brien", "constable mcalister": surnames
                elif pname == "subject_verb" and (
                        k0 not in first and k0 not in surname and
                        k0.lower() in load_common_words() or
                        re.split(r"['’]", w0)[0].lower() in STOP_WORDS):
                    continue  # "Someone said", "We’re told": an everyday word, not a name
                start = m.start("title") if "title" in rx.groupindex and \
                    pname != "title_initial" else m.start("id")
                end = m.start("id") + words[kept - 1].end()
                while end > start and text[end - 1] in "'’.-":
                    end -= 1
                if end > start:
                    out.append(Detection(start, end, "PERSON", score, self.name, f"cue:{pname}"))
        return out


def _plural_noun(word: str, first: object, surname: object) -> bool:
    """Whether capitalised ``word`` is the plural of a frequent English noun and in no name
    list ("Appointments", "Tablets"): after a title, a thing said of it, not a surname."""
    low = word.lower()
    return len(low) > 4 and low.endswith("s") and not low.endswith("ss") and \
        word.title() not in first and word.title() not in surname and \
        low[:-1] in wordnet_pos_words("noun") and word_frequency().get(low[:-1], 0) >= 1000


def _stripped_plural(text: str, m: re.Match[str]) -> bool:
    """Whether "s" after a care title is a plural whose apostrophe an export stripped: "all
    the Dr s", "the dr s are", "both doctor s and staff" (after "the" or "of" only "Dr s" is
    one: "the nurse s was kind" is one nurse's initial)."""
    title = m.group("title").strip(" .").lower()
    if title not in ("dr", "doctor", "nurse", "matron"):
        return False
    if _PLURAL_AFTER.match(text, m.end()):
        return True
    before = _PLURAL_BEFORE.search(text, max(0, m.start() - 12), m.start())
    return before is not None and (title == "dr" or
                                   before.group().split()[0].lower() not in ("the", "of"))


def _adverb(word: str, first: object, surname: object) -> bool:
    """Whether capitalised ``word`` is an English adverb in "-ly" and in no name list
    ("Recently", "Unfortunately"; not "Kelly")."""
    low = word.lower()
    return len(low) > 4 and low.endswith("ly") and word.title() not in first and \
        word.title() not in surname and low in wordnet_pos_words("adv")


#: Verbs that follow a title where punctuation was stripped ("I was seen by the Dr Was
#: determined"); never a name.
_FINITE_VERBS = frozenset("was is were are has had have did does been am".split())

#: A lower-case "l" standing where the pronoun "I" does, before a verb of the writer's
#: ("l do", "l am", "l phone"): counted over a text, a writer who types "l" for "I".
_L_FOR_I = re.compile(r"(?<![\w'’])l\s+(?:am|was|have|had|do|did|dont|don't|feel|felt|think|"
                      r"thought|phone|phoned|call|called|will|would|can|could|need|needed|want|"
                      r"wanted|went|got|get|find|found|know|knew|hope|wish|like|liked|love|"
                      r"really|also|just|never|always|then)\b")

#: Before or after "Dr s", words that make it a plural whose apostrophe an export stripped
#: ("all Dr s at", "the dr s are", "Dr s and nurses"), not a doctor's initial ("dr s said").
_PLURAL_BEFORE = re.compile(r"\b(?i:all|many|most|some|other|these|those|both|several|few|"
                            r"two|three|different|various|any|of|the)\s+$")
_PLURAL_AFTER = re.compile(r"\s+(?i:are|were|have|do|don|aren|weren|there|here|"
                           r"and\s+(?:the\s+|all\s+(?:the\s+)?)?(?:nurses|receptionists|"
                           r"staff|admin|reception|everyone|pharmacists|midwives))\b")
#: The cues whose name is one letter: the word lists of names and not-names do not apply.
_LETTER_CUES = frozenset({"title_initial_lower", "care_title_initial_lower"})

#: Titles written short, whose full stop is an abbreviation's ("Dr. Patel", "Fr. Doyle"); after
#: a whole word ("Officer.") a full stop ends the sentence.
_ABBREVIATED_TITLE = re.compile(r"(?i:mr|mrs|ms|mx|dr|prof|rev|fr|pc|dc|ds|di|sgt|st|cllr|det|"
                                r"insp|supt|con)\.")

#: An Irish surname with its apostrophe, which the dictionary splits into words ("o'brien").
_IRISH_PREFIX = re.compile(r"(?i:o['’][a-z]{3,})")
#: Prepositions and conjunctions that the surname lists also hold, read after a title written
#: in lower case ("dr unless", "nurse between"): a closed class of English words, no name.
_NOT_AFTER_TITLE = frozenset("""
despite between although though unless until till whilst while whereas during without within
towards toward against among amongst across along beyond upon via since because whether
regarding concerning throughout
soon now today tomorrow yesterday again later asap quickly promptly urgently straightaway
""".split())
#: An article or determiner right before a title: "a dr", "the nurse", "any doctor" use the
#: title as a noun, so a lower-case word after it is what they did, not a surname.
_ARTICLE_BEFORE = re.compile(r"(?<![\w'’])(?i:a|an|the|any|another|every)\s+$")

#: spaCy entity types the NER recognizer already reports; a proper noun spaCy calls a DATE or
#: a CARDINAL ("The lady was Quennell") is still unexplained.
_NAMED_ENTS = frozenset({"PERSON", "GPE", "LOC", "FAC", "ORG", "NORP"})


class ProperNounRecognizer(DocRecognizer):
    """Rare capitalised proper nouns that nothing else explains ("Quorvath", "Brevik").

    A token counts when spaCy tags it PROPN, it is title-cased, at least three letters, not an
    everyday English word, not an entity spaCy already labelled, and not a service word. The label
    is ``OTHER_NAME``: it may be a person, place or business, and any of them can identify.
    """

    name = "names.proper_noun.v1"
    entities = ("OTHER_NAME",)

    def detect_doc(self, doc: object) -> list[Detection]:
        """Return OTHER_NAME detections for unexplained rare proper nouns."""
        from survey.anonymise.recognizers.gazetteer import load_common_words

        common = load_common_words()
        out = []
        for tok in doc:  # type: ignore[attr-defined]
            word = tok.text
            if tok.pos_ not in ("PROPN", "NOUN") or tok.ent_type_ in _NAMED_ENTS or \
                    len(word) < 3 or \
                    not word[0].isupper() or not word[1:].islower() or not word.isalpha():
                continue
            if word.lower() in common or word in NOT_NAMES or re.search(r"(\w)\1\1", word):
                continue  # "Hmmm", "Sooo": drawn-out words, not names
            if tok.pos_ == "NOUN" and (len(word) < 5 or is_dictionary_word(word) or
                                       is_dictionary_word(word.rstrip("s")) or
                                       near_dictionary_word(word) or is_role_or_generic(word)):
                continue  # a capitalised noun spaCy did not take for a name: unusual words only
            out.append(Detection(tok.idx, tok.idx + len(word), "OTHER_NAME", 0.4, self.name,
                                 "rare_propn"))
        return out


class NameWordRecognizer(Recognizer):
    """Names that are also everyday words (Hope, Faith, Will, Rose), used as a name: capitalised
    and followed by what people do ("Will rang", "Rose said") or where staff are ("Faith on
    reception", "Grace from the ward")."""

    name = "names.name_word.v1"
    entities = ("PERSON",)
    _rx: ClassVar[re.Pattern[str] | None] = None
    VERBS = ("rang|phoned|called|said|told|helped|listened|explained|visited|came|arrived|asked|"
             "sorted|gave|took|sat|stayed|held|hugged|smiled|laughed|shouted|was|is|has|had")
    PLACES = ("(?:on|at|from|in)\\s+(?:reception|the\\s+desk|the\\s+front\\s+desk|nights|days|"
              "the\\s+ward|the\\s+phone|the\\s+helpline|duty|the\\s+team|the\\s+unit|triage)")

    def detect(self, text: str) -> list[Detection]:
        """Return capitalised name-words used as names."""
        if NameWordRecognizer._rx is None:
            words = alternation(sorted((w.title() for w in NAME_WORDS), key=len, reverse=True),
                                fold=False)
            NameWordRecognizer._rx = re.compile(
                rf"(?<![\w'’-])(?P<id>{words})(?=,?\s+(?:{self.VERBS}|{self.PLACES})\b)")
        out = []
        for m in NameWordRecognizer._rx.finditer(text):
            after = text[m.end():m.end() + 30].lower()
            if re.match(r",?\s+(?:is|was|has|had)\s+(?:a|an|the|no|not|all|lost|gone|"
                        r"important|key|there|everything|nothing)\b", after):
                continue  # "Hope is a good thing", "Will is important"
            out.append(Detection(m.start(), m.end(), "PERSON", 0.5, self.name, "name_word"))
        return out


class LowerNameContextRecognizer(Recognizer):
    """Lower-case first names in lower-case answers, placed where people are named: at the start
    of a clause and followed by where they work or what they did ("gwion at the centre rang",
    "faith on the helpline talked me through it", "rose was my support worker", "summer and
    rose ran the group"). The word must be a known first name and not an everyday word (names
    that are also words, such as hope or rose, need the role or place that follows)."""

    name = "names.lower_context.v1"
    entities = ("PERSON",)
    _START = r"(?:^|(?<=[.!?]\s)|(?<=[.!?]\s\s)|(?<=,\s)|(?<=\band\s)|(?<=\bbut\s)|(?<=\bthen\s))"
    #: "at the end", "in the first place": times and phrases, not where someone works
    PLACE = re.compile(_START + r"(?P<id>[a-z][a-zà-ÿ'’]{2,})"
                       r"(?=\s+(?:at|on|from|in)\s+(?:the|my|our)\s+"
                       r"(?!(?:end|start|time|moment|beginning|minute|weekend|same|very|first|"
                       r"last|best|worst|least|most|back|bottom|top|way|day|night|morning|"
                       r"evening|past|future|world|dark|light)\b)[a-z&]+)")
    ROLE = re.compile(_START + r"(?P<id>[a-z][a-zà-ÿ'’]{2,})"
                      r"(?=\s+(?:was|is|has\s+been)\s+(?:my|our|the|a|an)\s+(?P<role1>[a-z]+)"
                      r"(?:\s+(?P<role>[a-z]+))?)")
    PAIR = re.compile(_START + r"(?P<a>[a-z][a-zà-ÿ'’]{2,})\s+and\s+(?P<b>[a-z][a-zà-ÿ'’]{2,})"
                      r"(?=\s+(?:ran|run|runs|helped|were|came|rang|did|both|took|sat|"
                      r"listened)\b)")

    #: What an abstract noun can do as well as a person ("faith and hope both helped"), unlike
    #: running a group or ringing.
    _THING_DID = re.compile(r"\s+(?:both\s+|all\s+)?(?:helped|were|are|did|kept)\b")

    def detect(self, text: str) -> list[Detection]:
        """Return lower-case names placed by a role, a workplace or a shared action."""
        from survey.anonymise.lexicon import is_role_or_generic

        first = load_names("first")

        def name_like(word: str, *, strong: bool) -> bool:
            if word in STOP_WORDS:
                return False
            if word.title() not in first and word not in NAME_WORDS:
                # an unknown word in a name's place ("gwion at the centre rang")
                return strong and word.isalpha() and not _lower_word(word) and \
                    word_frequency().get(word, 0) == 0
            return strong and word in NAME_WORDS or not _lower_word(word)

        out = []
        for m in self.PLACE.finditer(text):
            if name_like(m.group("id"), strong=True):
                out.append(Detection(m.start("id"), m.end("id"), "PERSON", 0.5, self.name,
                                     "lower_name+place"))
        for m in self.ROLE.finditer(text):
            roles = (m.group("role1"), m.group("role") or "")
            # "was my support worker" or "was my isva and": the role is either word
            if any(is_role_or_generic(r) for r in roles) and \
                    name_like(m.group("id"), strong=True):
                out.append(Detection(m.start("id"), m.end("id"), "PERSON", 0.5, self.name,
                                     "lower_name+role"))
        for m in self.PAIR.finditer(text):
            a, b = m.group("a"), m.group("b")
            if a in ABSTRACT_NAME_WORDS and b in ABSTRACT_NAME_WORDS and \
                    self._THING_DID.match(text, m.end()):
                continue  # "faith and hope both helped": two abstract nouns, not two people
            if name_like(a, strong=True) and name_like(b, strong=True) and \
                    (not _lower_word(a) or not _lower_word(b) or
                     a in NAME_WORDS and b in NAME_WORDS):
                for g in ("a", "b"):
                    out.append(Detection(m.start(g), m.end(g), "PERSON", 0.5, self.name,
                                         "lower_name_pair"))
        return out
