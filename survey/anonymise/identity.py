"""Identity and community words are analysis categories, not identifiers.

Words for sexual orientation, gender identity, ethnicity, nationality, religion, disability and
age group ("LGBTQ", "gay", "trans", "Muslim", "Polish", "Black", "deaf", "older") describe groups
of thousands of people in any local area; a JSNA needs them to answer its equality questions
(docs/anonymisation-policy.md). So by default no detection made only of such words survives,
whatever recognizer produced it (spaCy's NORP/ORG guesses, the name list's "Christian" or
"Black", the demographic recognizer), and the ``NRP`` (GROUP) label is never written for them.

A project may opt categories in (``anonymise.redact_identity: [religion]``): then those terms
are redacted as ``NRP`` where the demographic recognizer finds them.

Two exceptions keep real names: a term the project or a reviewer denied (explicit decisions
always win), and a word used as a person's name by a cue ("my friend Christian", "Mr Black") or
followed by what people do ("Christian rang me back").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from functools import lru_cache
from itertools import pairwise

from survey.anonymise.spans import Detection

#: The categories a project may opt in to redaction (``anonymise.redact_identity``).
IDENTITY_CATEGORIES = ("sexual_orientation", "gender_identity", "ethnicity", "nationality",
                       "religion", "disability", "age_group")
#: Words that may stand beside identity words in a span without making it a name ("LGBTQ
#: survivors", "the Black community", "older people"), a form's field name before one
#: ("Ethnicity Black Caribbean") and text-speak "n" for "and" ("hindu n gujarati").
_GROUP_NOUNS = frozenset("""
the a an and or & + / , of people person men man women woman girl girls boy boys lad lads
lady ladies community communities survivor survivors victim victims group groups family
families background backgrounds heritage origin descent folk folks friend friends youth
network networks forum forums society societies soc socs staff patient patients client
clients
speaking speaker speakers
ethnicity religion nationality language languages sexuality n
""".split())
#: Cue reasons of the name recognizer that say "this word is a person's name" even when the
#: word is an identity word ("my friend Christian", "Mr Black", "her name is Gay").
_NAME_CUES = frozenset({"cue:title", "cue:relationship", "cue:relationship_lower", "cue:named",
                        "cue:called_lower", "cue:title_lower"})
_TOKEN = re.compile(r"[\w'’+/-]+")


def check_categories(categories: Iterable[str]) -> frozenset[str]:
    """Validate opted-in categories.

    Raises:
        ValueError: An unknown category (the message lists the valid ones).
    """
    cats = frozenset(str(c).lower() for c in categories)
    unknown = sorted(cats - set(IDENTITY_CATEGORIES))
    if unknown:
        raise ValueError(f"redact_identity: unknown categor{'y' if len(unknown) == 1 else 'ies'} "
                         f"{', '.join(unknown)}; valid: {', '.join(IDENTITY_CATEGORIES)}")
    return cats


#: What an identity word may carry after a hyphen without changing what it names.
_SUFFIX = re.compile(r"-(?:speaking|speaker|aware|friendly|inclusive|affirming|led|specific)$")


def _norm_tokens(value: str) -> list[str]:
    """The words of ``value`` as terms are looked up: lower case, without possessives,
    "-speaking" and "-aware", "-friendly", "-led" ("Jehovah's Witness" -> "jehovah witness",
    "LGBT-aware" -> "lgbt")."""
    toks = [_SUFFIX.sub("", t.strip("'’-/").removesuffix("'s").removesuffix("’s"))
            for t in _TOKEN.findall(value.lower().replace("’", "'"))]
    return [t for t in toks if t]


@lru_cache(maxsize=1)
def _terms() -> tuple[dict[str, frozenset[str]], int]:
    from survey.anonymise.lexicon import identity_terms

    terms = {t: cats for t, (cats, _) in identity_terms().items()}
    # each term also as its words are read, so a possessive inside one ("jehovah's witness")
    # matches the text's words
    for t, cats in list(terms.items()):
        terms.setdefault(" ".join(_norm_tokens(t)), cats)
    return terms, max(len(t.split()) for t in terms)


def _lookup(term: str, terms: dict[str, frozenset[str]]) -> frozenset[str] | None:
    if term in terms:
        return terms[term]
    for cut in ("s", "es"):  # "Muslims", "lesbians", "Travellers"
        if term.endswith(cut) and term[:-len(cut)] in terms:
            return terms[term[:-len(cut)]]
    return _misspelt(term, terms)


def _misspelt(term: str, terms: dict[str, frozenset[str]]) -> frozenset[str] | None:
    """An identity term written one letter off ("harre krishna", "lesbain", "budhist"): kept
    like the term it misspells. Conservative: each word of four letters or more may be one edit
    off; a two-word term needs one word exact; a one-word term needs seven letters or more and
    must not be a name or an everyday word ("Christina" stays a name)."""
    words = term.split()
    if not words or any(len(w) < 4 for w in words) or len(words) == 1 and len(term) < 7:
        return None
    from survey.anonymise.lexicon import _edits1  # one deletion, swap, change or insertion

    near = [_edits1(w) for w in words]
    for cand, cats in terms.items():
        cw = cand.split()
        if len(cw) != len(words) or abs(len(cand) - len(term)) > len(words):
            continue
        exact = sum(a == b for a, b in zip(words, cw))
        if (len(words) == 1 or exact >= 1) and \
                all(a == b or b in e for a, b, e in zip(words, cw, near)) and \
                not any(_known_word(a) for a, b in zip(words, cw) if a != b):
            return cats
    return None


def _known_word(word: str) -> bool:
    """A word that is itself something else (an everyday word, a place, a name): "africa" is
    not a misspelt "african", "christina" not a misspelt "christian"."""
    from survey.anonymise.lexicon import is_dictionary_word, known_places, word_frequency
    from survey.anonymise.recognizers.gazetteer import load_names

    return is_dictionary_word(word) or word_frequency().get(word, 0) > 0 or \
        word.title() in known_places() or word.title() in load_names("first") or \
        word.title() in load_names("surname")


@lru_cache(maxsize=4096)
def identity_categories(value: str) -> frozenset[str] | None:
    """The identity categories of a span made only of identity words (and group nouns such as
    "survivors", "community"), or None when it holds any other word or no identity word.

    >>> sorted(identity_categories("LGBTQ survivors"))
    ['gender_identity', 'sexual_orientation']
    >>> identity_categories("Ruby") is None
    True
    """
    terms, longest = _terms()
    toks = _norm_tokens(value)
    found: set[str] = set()
    i = 0
    while i < len(toks):
        for n in range(min(longest, len(toks) - i), 0, -1):
            cats = _lookup(" ".join(toks[i:i + n]), terms)
            if cats is not None:
                found |= cats
                i += n
                break
        else:
            if toks[i] not in _GROUP_NOUNS:
                return None
            i += 1
    return frozenset(found) or None


def is_identity_word(word: str) -> bool:
    """Whether ``word`` alone is an identity word ("LGBTQ", "Polish", "deaf")."""
    return identity_categories(word) is not None


#: A faith's names for God that first-name lists also hold ("Bhagwan sees everything",
#: "Hashem got me through"): before a verb they are still God, unless a cue names a person.
_GOD_WORDS = frozenset("allah bhagwan khuda hashem jehovah yahweh waheguru".split())
#: A faith's name that name lists also hold, before what a teaching does ("Islam does not say
#: stay silent", "Sikhi teaches"): the faith, unless a cue names a person ("Mr Islam").
_FAITH_NAMES = frozenset("islam sikhi".split())
_TEACHES = frozenset("""says does doesn't doesnt teaches forbids allows tells gives requires
asks permits""".split())


def _used_as_name(text: str, det: Detection) -> bool:
    if det.entity != "PERSON":
        return False
    if det.recognizer == "names.cue.v1" and det.reason in _NAME_CUES:
        return True
    if text[det.start:det.end].strip().lower() in _GOD_WORDS:
        return False
    teaches = re.match(r"\s+([a-z']+)", text[det.end:det.end + 20])
    if text[det.start:det.end].strip().lower() in _FAITH_NAMES and teaches and \
            teaches.group(1) in _TEACHES:
        return False
    from survey.anonymise.precision import PERSON_VERBS
    from survey.anonymise.recognizers.gazetteer import load_names

    value = text[det.start:det.end].strip()
    nxt = re.match(r"\s+([a-z]+)", text[det.end:det.end + 20])
    return value[:1].isupper() and value.title() in load_names("first") and \
        nxt is not None and nxt.group(1) in PERSON_VERBS and nxt.group(1) not in ("is", "was")


@lru_cache(maxsize=1)
def _term_tokens() -> frozenset[str]:
    """Every word of every identity term of two words or more ("hare", "krishna")."""
    return frozenset(w for t in _terms()[0] if " " in t for w in t.split())


@lru_cache(maxsize=1)
def _term_content_tokens() -> frozenset[str]:
    """:func:`_term_tokens` less the function words ("and", "of", "over"): no such term is
    made of function words alone, so one of its other words is near whenever it is, and a
    text's every "and" is not read as the start of one."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(w for w in _term_tokens() if w not in STOP_WORDS)


_WORD = re.compile(r"[^\W\d_][\w'’-]*")


@lru_cache(maxsize=4)
def _term_word_spans(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Starts and ends of the words of ``text`` that belong to an identity term of two words or
    more (or do with one or two letters off their end), found once per text, not once per
    detection."""
    tokens = _term_content_tokens()
    hits = [(w.start(), w.end()) for w in _WORD.finditer(text)
            if (low := w.group().lower()) in tokens or low[:-1] in tokens or low[:-2] in tokens]
    return tuple(a for a, _ in hits), tuple(b for _, b in hits)


def _phrase_around(text: str, det: Detection) -> frozenset[str] | None:
    """The categories of an identity term of two words or more that holds ``det`` ("Krishna"
    inside "Hare Krishna", misspelt ones included), or None: a recognizer that found one word of
    such a term does not redact it alone. Only the words next to ``det`` are read."""
    lo, hi = max(0, det.start - 40), det.end + 40
    starts, ends = _term_word_spans(text)
    i = bisect.bisect_left(ends, lo + 1)  # the first term word ending inside the window
    if i == len(starts) or starts[i] >= hi:
        return None  # no word of any identity term nearby (most detections): nothing to read
    longest = _terms()[1]
    words = list(_WORD.finditer(text[lo:hi]))
    for i in range(len(words)):
        for n in range(min(longest, len(words) - i), 1, -1):
            run = words[i:i + n]
            a, b = lo + run[0].start(), lo + run[-1].end()
            if not (a <= det.start and det.end <= b) or \
                    any(text[lo + x.end():lo + y.start()].strip() for x, y in pairwise(run)):
                continue
            cats = identity_categories(text[a:b])
            if cats is not None and sum(w.group().lower() not in _GROUP_NOUNS for w in run) >= 2:
                return cats
    return None


#: Kinds of place or service an identity word may describe ("a catholic school").
_PLACE_KINDS = frozenset({"school", "college", "academy", "church", "mosque", "temple", "shop",
                          "shops", "centre", "center", "club", "café", "cafe", "restaurant",
                          "deli", "nursery", "primary", "secondary", "high", "grammar",
                          "university", "charity", "hall", "churches", "switchboard", "helpline",
                          "network", "forum", "group", "groups", "project", "choir"})


def _identity_and_kind(value: str) -> frozenset[str] | None:
    """The categories of a span made of identity words and generic words of a kind of place
    or service ("catholic school", "polish shop", "muslim college"), or None."""
    from survey.anonymise.lexicon import is_role_or_generic

    words = [w for w in _TOKEN.findall(value.lower()) if w not in _GROUP_NOUNS]
    idents = [w for w in words if w not in _PLACE_KINDS and not is_role_or_generic(w)]
    if not idents or len(idents) == len(words):
        return None
    return identity_categories(" ".join(idents))


#: The categories a statistical NORP span ("Timorese") may belong to: redacted when a project
#: opts in to any of them.
_NORP_CATEGORIES = frozenset({"nationality", "ethnicity", "religion"})
_DEMONYM = re.compile(r"[A-Z][a-z]+(?:ese|ian|ean|ish|i|ic|an)")
_PEOPLE_AFTER = re.compile(r"\s+(?i:workers|people|person|community|communities|families|family|"
                           r"women|woman|men|man|girls|boys|arrivals|refugees|survivors|clients|"
                           r"residents|speakers|migrants|students|heritage|background|origin)\b")
#: A span whose last words are an identity term after a verb or "and": "Butetown are Somali".
_IDENTITY_TAIL = re.compile(r"(?P<head>.+?)\s+(?i:are|is|was|were|and|as)\s+"
                            r"(?P<tail>[^\W\d_][\w'’ -]*)")


def apply_identity_policy(text: str, dets: Iterable[Detection], *,
                          redact: frozenset[str] = frozenset()) -> list[Detection]:
    """Drop detections made only of identity words unless their category is opted in.

    Args:
        text: The text the detections point into.
        dets: Detections of any recognizer.
        redact: Opted-in categories (:data:`IDENTITY_CATEGORIES`); their terms stay, labelled
            ``NRP``.

    Returns:
        The detections kept, in the same order.
    """
    from survey.anonymise.precision import EXPLICIT, NAMEISH

    out = []
    for det in dets:
        if det.recognizer in EXPLICIT or det.entity not in NAMEISH:
            out.append(det)
            continue
        cats = identity_categories(text[det.start:det.end])
        if cats is None:  # "catholic school", "a muslim college": a kind of place, no name
            cats = _identity_and_kind(text[det.start:det.end])
        if cats is None:  # "Krishna" inside "Hare Krishna": the phrase's categories
            cats = _phrase_around(text, det)
        if cats is None and det.recognizer == "spacy.ner.v1" and det.entity == "NRP" and \
                _DEMONYM.fullmatch(text, det.start, det.end) and \
                _PEOPLE_AFTER.match(text, det.end) and not _used_as_name(text, det):
            # a word spaCy reads as a nationality, with a demonym's ending, describing people:
            # an analysis category even when no list holds it ("Timorese workers"); spaCy's
            # NORP alone is no evidence ("the Hunslet depot", "the Grampian region")
            cats = _NORP_CATEGORIES
        if cats is None and not _used_as_name(text, det):
            cut = _IDENTITY_TAIL.fullmatch(text, det.start, det.end)
            if cut and identity_categories(cut.group("tail")) is not None:
                # "[Butetown are Somali]": a statistical span run on over a verb into an
                # identity word; the place stays hidden, the identity word stays
                out.append(Detection(det.start, cut.end("head"), det.entity, det.score,
                                     det.recognizer, (det.reason + " +identity_cut").strip()))
                continue
        if cats is None or _used_as_name(text, det):
            out.append(det)
        elif cats & redact:
            out.append(det if det.entity == "NRP" else Detection(
                det.start, det.end, "NRP", det.score, det.recognizer,
                (det.reason + " +identity_opt_in").strip()))
    return out
