"""Evidence that spreads from one detection to nearby words (run by the engine after detection).

- :func:`propagate_mentions`: every other mention of a detected name, place or organisation in
  the same text is masked too, including the parts of a multi-word name ("Kofi Mensah ... Kofi").
- :func:`expand_coordinated_names`: a word listed with a detected name ("Dave, Hleb and Sam")
  is a name too, and so is one added later in its sentence ("..., hunter too").
- :func:`expand_coordinated_services`: a bare word listed with a detected hospital or service
  after a place preposition ("happy with city and QMC"), or moved from or to one ("from the
  city to the QMC"), names one too.
- :func:`expand_coordinated_places`: a place listed with, or moved to from, a detected place.
- :func:`expand_service_before_place`: a service named by an ordinary word just before a
  detected place or street ("at the haven in kirkcaldy", "the lantern on fore street").
- :func:`expand_service_named_for_place`: a service whose lower-case name holds a detected place
  ("praise safe steps cornwall", "i manage luton safe haven").
- :func:`expand_facility_after_name`: a place of care named for a detected place, service or
  name ("melton rehabilitation hospital", "Park House clinic").
- :func:`expand_person_before_service`: a name opening a clause before "at" or "from" a
  detected service ("fern at oakwood house was the only one who asked").
- :func:`expand_service_after_person`: the service a detected person (or a word for staff, what
  was received there, or where a team refers people) is at or from ("jo from safe steps",
  "counselling at harbour light", "we refer men to new leaf").
- :func:`expand_age_after_person`: an age and a school year set off after a detected person, as
  referrals write them ("Callum Hughes, 12, Year 7 at ...", "Pupil: S.K., Y10.", "Mrs Ada
  Pike, 84, resident at ...").
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterable

from survey.anonymise.alternation import alternation
from survey.anonymise.lexicon import is_existing_mask, unseen_word
from survey.anonymise.recognizers.gazetteer import load_names
from survey.anonymise.recognizers.name_slots import NOT_OWNER, THING_BEFORE, VERB_LIKE_NAMES
from survey.anonymise.recognizers.names import NOT_NAMES
from survey.anonymise.spans import Detection

PROPAGATE = ("PERSON", "LOCATION", "ORGANIZATION", "OTHER_NAME", "FACILITY")
_WORD = r"[A-Za-zÀ-ÖØ-öø-ÿĀ-ſ][\w'’-]*"
_AFTER = re.compile(rf"(?:\s*,\s*(?:then\s+)?|\s+(?:and|&|or|n)\s+(?:then\s+)?|"
                    rf"\s*,\s*(?:and|&|or)\s+(?:then\s+)?)"
                    rf"(?:(?i:big|little|lil|wee|young|old)\s+)?(?P<w>{_WORD})")
_BEFORE = re.compile(rf"(?P<w>{_WORD})(?:\s*,\s*|\s+(?:and|&|or|n)\s+)$")
#: A person added later in the sentence of a detected name: "summer at the sarc explained
#: everything, hunter too", "jo came and priya as well".
_ECHO = re.compile(rf"(?:,\s*|\s+(?:and|&|n)\s+)(?P<w>{_WORD})\s+(?i:too|as\s+well|also)\b"
                   rf"(?=\s*(?:[.!?,;)]|$|\s+(?:and|but|x+)\b))")


#: "will" or "may" as a modal, "hope" or "trust" as a verb, after a person of that name was
#: found ("Thanks Will, noted. Will ring her tomorrow", "Thanks Hope. Hope you had a good
#: break"): a lower-case word follows, so that mention is no name.
_MODAL_USE = re.compile(r"\s+(?!(?:is|was|has|had|said|says|rang|and|from|at|on|in|to|for|"
                        r"who|too|as|or|x)\b)[a-z]+\b")


def terms_regex(terms: Iterable[str], *, plural: bool = False) -> re.Pattern[str] | None:
    """One case-insensitive, word-bounded regex for a set of terms (longest first)."""
    terms = sorted({t.strip() for t in terms if t and t.strip()}, key=len, reverse=True)
    if not terms:
        return None
    suffix = r"(?:s|'s|’s)?" if plural else ""
    return re.compile(rf"(?<!\w){alternation(terms)}{suffix}(?!\w)", re.IGNORECASE)


def _overlaps(dets: list[Detection], start: int, end: int) -> bool:
    return any(d.start < end and start < d.end for d in dets)


def _overlap_test(dets: list[Detection]) -> Callable[[int, int], bool]:
    """``_overlaps`` for a fixed list, in log time per query (a long document has thousands):
    sorted by start, a span overlaps iff the furthest end among detections starting before its
    end lies past its start."""
    ordered = sorted(dets, key=lambda d: d.start)
    starts = [d.start for d in ordered]
    reach = list(itertools.accumulate((d.end for d in ordered), max))

    def test(start: int, end: int) -> bool:
        k = bisect.bisect_left(starts, end)
        return k > 0 and reach[k - 1] > start
    return test


def propagate_mentions(text: str, dets: list[Detection]) -> list[Detection]:
    """Add a detection for every other mention of a detected name, place or organisation.

    Args:
        text: The text.
        dets: Detections so far.

    Returns:
        ``dets`` plus the new detections (recognizer ``engine.propagate.v1``).
    """
    entity: dict[str, str] = {}
    for d in dets:
        if d.entity not in PROPAGATE:
            continue
        value = text[d.start:d.end]
        if len(value) > 2:
            entity.setdefault(value.casefold(), d.entity)
        if d.entity == "PERSON":
            for part in value.split():
                part = part.strip(".,'’")
                if len(part) > 2 and part[0].isupper() and part not in NOT_NAMES:
                    entity.setdefault(part.casefold(), "PERSON")
    # a capital letter standing for a person ("H loved her ... deal with H", "client J ...
    # J agreed"): its other mentions as a word of its own, in capitals only
    letters = {text[d.start:d.end].rstrip(".") for d in dets
               if d.entity == "PERSON" and d.reason in ("slot:initial", "slot:client_letter")}
    letters = {c for c in letters if len(c) == 1 and c.isupper() and c not in "AI"}
    # ... and two capitals a slot found standing for a person ("Present: ED (Education) ... ED
    # to check"), the same way
    letters |= {c for c in (text[d.start:d.end] for d in dets
                            if d.entity == "PERSON" and d.reason.startswith("slot:"))
                if len(c) == 2 and c.isupper() and c.isalpha()}
    rx = terms_regex(entity)
    if rx is None and not letters:
        return dets
    taken = _overlap_test(dets)
    mentions = rx.finditer(text) if rx is not None else ()
    extra = [Detection(m.start(), m.end(), entity.get(m.group().casefold(), "PERSON"), 0.9,
                       "engine.propagate.v1", "same_text_elsewhere")
             for m in mentions if not taken(m.start(), m.end()) and
             not (m.group().casefold() in VERB_LIKE_NAMES and _MODAL_USE.match(text, m.end()))]
    if letters:
        starts = {d.start for d in extra}
        for m in re.finditer(rf"(?<![\w'’.&/-])(?:{'|'.join(sorted(letters))})(?![\w&/-])"
                             rf"(?!\.\w)", text):
            if not taken(m.start(), m.end()) and m.start() not in starts:
                extra.append(Detection(m.start(), m.end(), "PERSON", 0.9, "engine.propagate.v1",
                                       "same_initial_elsewhere"))
    extra += _coded_note_letters(text, dets + extra)
    return dets + extra


#: A capital letter standing alone in a note that already goes by letters for people ("K and
#: children A (7) and B (4) seen", "Plan for K, P and baby S", "AT for M; SO with nan"). "A"
#: only before a bracket, an owner's "'s", "to be" or another letter ("A and E" is the
#: emergency department either way).
_CODED_LETTER = re.compile(r"(?<![\w'’.&/-])(?<!&\s)(?:[B-HJ-Z]|A(?=\s*\(|['’]s\b|\s+to\s+be\b|"
                           r"\s+and\s+[B-DF-HJ-Z]\b))(?![\w&/-])(?!\s*&)(?!\.\s*[a-z])(?!\.\w)")
#: Words before a letter that make it a label, not a person, beyond the plan's, grade's and
#: room's words the name slots know (:data:`THING_BEFORE`: "plan B", "hep C", "Block C"):
#: "route B", "tier 2 step C", "page D", "strep A".
_LETTER_LABELS = frozenset("""
vit options cat annexe tier step phase route bus line gate platform junction key size cup blood
string letter letters tab column row sheet page point item list team model series channel radio
band rating pool cohort sample arm strep vitamins a an
""".split())
#: Words after a letter that make it a label ("C diff", "B positive", "A road", "chest X ray",
#: the Crown in a case's name: "R v Dunmore");
#: a mask the data owner left after it ("P PERSON") makes it part of that mask.
_LETTER_LABEL_AFTER = frozenset("""
diff section level levels grade grades list team wing block ward floor road class rated shirt
cup sharp flat major minor positive negative drive side suite star stars score size cell cells
vitamin plus minus ray rays v vs
""".split())
#: Two capitals owning a task for, or with, a person a letter stands for ("HA with S for CICA",
#: "TY for F and G joint visit", "AT for M; SO with nan"), or another task in a note with
#: owners ("MA to check ...; TB to update family"): a short word or an abbreviation's
#: letters too, in that slot.
_CODED_OWNER = re.compile(r"(?:^|(?<=[:.;,]\s)|(?<=\n))(?P<id>[A-Z]{2})(?=\s+(?:for|with)\s+"
                          r"(?P<who>[A-Z])\b|\s+to\s+(?:update|check|liaise|visit|contact|"
                          r"send|book|arrange|chase|complete|refer|share|speak|see|meet|ring|"
                          r"call|inform|confirm|request|review|support|attend|write)\b)",
                          re.MULTILINE)
#: "A and" before an "E": the emergency department ("A and E", "A & E").
_A_AND = re.compile(r"\bA\s*(?:and|&)\s*$")
#: How far from a letter already found another letter is read as a person (a long document
#: may name one person by a letter and say "plan B" pages later).
_CODED_REACH = 600


def _coded_note_letters(text: str, dets: list[Detection]) -> list[Detection]:
    """Other letters and owners' initials in a note that names people by letters (a slot or
    its other mentions found one): the letters that stand alone, not a label's letter, within
    :data:`_CODED_REACH` characters of a letter found (see :data:`_CODED_LETTER`,
    :data:`_CODED_OWNER`)."""
    found = sorted(d.start for d in dets if d.entity == "PERSON" and d.end - d.start == 1 and
                   text[d.start].isupper() and text[d.start] != "I")
    if not found or text.isupper():
        return []
    taken = _overlap_test(dets)
    owners = {text[d.start:d.end] for d in dets if d.entity == "PERSON" and d.end - d.start == 2
              and d.reason.startswith("slot:")}

    def near(pos: int) -> bool:
        k = bisect.bisect_left(found, pos)
        return any(0 <= j < len(found) and abs(found[j] - pos) <= _CODED_REACH
                   for j in (k - 1, k))

    def label(m: re.Match[str]) -> bool:
        start = max(0, m.start() - 30)
        before = re.search(r"([\w-]+)[\s:]*$", text[start:m.start()])
        after = re.match(r"\s*([a-z]+)", text[m.end():m.end() + 20])
        mask = re.match(r"\s+([A-Z]{2,})\b", text[m.end():m.end() + 20])
        # (a plan's or a room's word; not a figure before it: "2026-08-21 F and G seen")
        thing = THING_BEFORE.search(text, start, m.start())
        return before is not None and before.group(1).lower() in _LETTER_LABELS or \
            thing is not None and not thing.group().strip().isdigit() or \
            after is not None and after.group(1) in _LETTER_LABEL_AFTER or \
            mask is not None and is_existing_mask(mask.group(1)) or \
            m.group() == "E" and _A_AND.search(text, start, m.start()) is not None

    letters = {text[p] for p in found}
    out = []
    for m in _CODED_LETTER.finditer(text):
        if not taken(m.start(), m.end()) and near(m.start()) and not label(m):
            out.append(Detection(m.start(), m.end(), "PERSON", 0.6, "engine.propagate.v1",
                                 "letter_in_coded_note"))
            letters.add(m.group())
    for m in _CODED_OWNER.finditer(text):
        word = m.group("id")
        if taken(m.start("id"), m.end("id")) or word.lower() in NOT_OWNER or not near(m.start()):
            continue
        if m.group("who") is not None and m.group("who") not in letters or \
                m.group("who") is None and not owners:
            continue
        out.append(Detection(m.start("id"), m.end("id"), "PERSON", 0.6, "engine.propagate.v1",
                             "letter_in_coded_note"))
    return out


#: Words listed after or before a name in a sign-off that are no one's name: the greeting
#: ("Cheers, Tom") and the first word of a job title ("Sian Pritchard, Senior ISVA", "Nadia,
#: Triage", "Dr Anwen Lloyd, Clinical Psychologist").
_SIGNATURE_WORDS = frozenset("""cheers thanks regards best kind many love warm senior clinical
duty triage lead deputy principal acting interim specialist trainee assistant chief head
associate consultant sorry apologies""".split())


def _name_nickname(word: str) -> bool:
    """A nickname made from a first name with "-o" ("tommo", "dicko", "jonno"), which a word
    count may hold near an everyday word ("tommy", "disco"): no dictionary word, five letters
    or more, and the letters before "o" (less a doubled last consonant) a first name."""
    from survey.anonymise.lexicon import is_dictionary_word

    low = word.lower()
    if len(low) < 5 or not low.isalpha() or not low.endswith("o") or is_dictionary_word(low):
        return False
    stem = low[:-1]
    stems = {stem, stem + "e"} | ({stem[:-1]} if stem[-1] == stem[-2] else set())
    return any(len(s) >= 3 and load_names("first").get(s.title()) is not None for s in stems)


def _name_like(word: str, lower: bool) -> bool:
    bare = word.strip("'’-")
    if len(bare) < 2 or bare in NOT_NAMES or bare.title() in NOT_NAMES or \
            bare.lower() in _SIGNATURE_WORDS:
        return False
    from survey.anonymise.lexicon import ABBREVIATION_WORDS

    if bare.lower() in ABBREVIATION_WORDS:
        return False  # "linford and theres": text-speak, not a name
    from survey.anonymise.recognizers.name_slots import is_relation

    if is_relation(bare):
        return False  # "pc harris and pc begum": the second title, not a name
    if lower:
        from spacy.lang.en.stop_words import STOP_WORDS

        from survey.anonymise.lexicon import VERY_COMMON, is_name_word, word_frequency

        if bare[:1].isupper() and bare[1:].islower():
            # "Pearl and sandeep": a capitalised first name heading a lower-case name's list
            low = bare.lower()
            return low not in STOP_WORDS and load_names("first").get(bare) is not None and \
                (is_name_word(low) or word_frequency().get(low, 0) < VERY_COMMON)
        return bare.islower() and bare not in STOP_WORDS and (
            load_names("first").get(bare.title()) is not None and
            (is_name_word(bare) or word_frequency().get(bare, 0) < VERY_COMMON) or  # "gary, nice"
            unseen_word(bare) or _name_nickname(bare))  # "jonno and becks": a nickname in
        # no list, or one made from a name ("wilko and tommo")
    if bare.islower():  # "Sam and ruby": a lower-case first name listed with a name
        from spacy.lang.en.stop_words import STOP_WORDS

        from survey.anonymise.lexicon import (
            VERY_COMMON,
            is_dictionary_word,
            is_name_word,
            is_role_or_generic,
            word_frequency,
        )

        if is_dictionary_word(bare) and not is_name_word(bare):
            return False  # an everyday word, not a name
        if unseen_word(bare) or _name_nickname(bare):
            return True  # "Sam and jonno": a nickname in no list, listed with a name
        return bare not in STOP_WORDS and not is_role_or_generic(bare) and \
            load_names("first").get(bare.title()) is not None and \
            word_frequency().get(bare, 0) < VERY_COMMON
    if bare[0].isupper() and bare[1:].islower():
        from spacy.lang.en.stop_words import STOP_WORDS

        if bare.lower() in STOP_WORDS and load_names("first").get(bare) is None:
            return False  # "However, Laura, the nurse": a sentence's first word, no name
    return bare[0].isupper()


def _modal_name_first(text: str, m: re.Match[str]) -> bool:
    """A name that is also a modal verb heading a clause before "and <name>" ("will and daisy
    came"): a modal is never followed by "and"."""
    return m.group("w").lower() in ("will", "may") and \
        re.search(r"(?:^|[.!?\n]\s*)$", text[:m.start("w")]) is not None


#: A surname after a one-word name: "mc cann", "o'connor", "mcleary" (lower-case or capitalised).
_SURNAME_AFTER = re.compile(r"[ \t]+(?P<s>(?i:ma?c)[ \t]+[A-Za-z][a-z]{2,}|(?i:o)['’][A-Za-z][a-z]{2,}|"
                            r"(?i:ma?c)[a-z]{3,}|[a-z]{4,})(?![\w'’-])")


_TITLES = frozenset("mr mrs ms miss mx dr pc dc ds sgt nurse".split())


def expand_surname(text: str, dets: list[Detection]) -> list[Detection]:
    """Extend a one-word lower-case PERSON over the surname written after it ("siobhan mc
    cann", "dawn mcleary", "rachel o'connor"): an Irish or Scottish prefix, or a word no list,
    dictionary or word count holds.

    Args:
        text: The text.
        dets: Detections so far.

    Returns:
        ``dets`` with such names extended (reason ``+surname``).
    """
    out = []
    for d in dets:
        words = text[d.start:d.end].split()
        one_name = len(words) == 1 or len(words) == 2 and \
            words[0].lower().rstrip(".") in _TITLES  # "pc dawn mcleary"
        m = _SURNAME_AFTER.match(text, d.end) if d.entity == "PERSON" and one_name and \
            words[-1].isalpha() and words[-1].islower() else None
        if m and (not m.group("s").isalpha() or m.group("s").lower().startswith(("mc", "mac"))
                  or unseen_word(m.group("s"))) and \
                not _overlaps(dets, m.start("s"), m.end("s")):
            d = Detection(d.start, m.end("s"), d.entity, d.score, d.recognizer,
                          d.reason + " +surname")
        out.append(d)
    return out


def expand_coordinated_names(text: str, dets: list[Detection], *,
                             max_rounds: int = 8) -> list[Detection]:
    """Add single words coordinated with a detected PERSON ("Sam, Hleb and Jo").

    A capitalised word counts unless it is a known non-name ("Police", "Mum"); in lower-case
    text a lower-case word counts when it is a known first name.

    Args:
        text: The text.
        dets: Detections so far.
        max_rounds: How many times to spread along a list.

    Returns:
        ``dets`` plus the new detections (recognizer ``engine.coordination.v1``).
    """
    out = list(dets)
    # not from a capital letter standing for a person: "6oz and A is" lists no name
    frontier = [d for d in dets if d.entity == "PERSON" and
                len(text[d.start:d.end].strip(".")) > 1]
    for _ in range(max_rounds):
        new = []
        for d in frontier:
            lower = text[d.start:d.end].islower()
            m = _AFTER.match(text, d.end)
            if m and _name_like(m.group("w"), lower) and \
                    not _overlaps(out + new, m.start("w"), m.end("w")):
                new.append(Detection(m.start("w"), m.end("w"), "PERSON", 0.5,
                                     "engine.coordination.v1", "listed_with_name"))
            sentence = re.search(r"[.!?\n]", text[d.end:d.end + 160])
            stop = d.end + (sentence.start() if sentence else min(160, len(text) - d.end))
            e = _ECHO.search(text, d.end, stop)
            if e and _name_like(e.group("w"), lower) and \
                    not _overlaps(out + new, e.start("w"), e.end("w")):
                new.append(Detection(e.start("w"), e.end("w"), "PERSON", 0.5,
                                     "engine.coordination.v1", "named_too"))
            b = _BEFORE.search(text, max(0, d.start - 60), d.start)
            if b and (_name_like(b.group("w"), lower) or _modal_name_first(text, b)) and \
                    not _overlaps(out + new, b.start("w"), b.end("w")):
                new.append(Detection(b.start("w"), b.end("w"), "PERSON", 0.5,
                                     "engine.coordination.v1", "listed_with_name"))
        if not new:
            break
        out.extend(new)
        frontier = new
    return out


#: A preposition of place or dealing before a list of services ("with city and QMC").
_SERVICE_PREP = re.compile(r"(?i:\b(?:at|in|into|to|from|with|between|by|and)\s+)$")
_SERVICE_LIST = ("FACILITY", "ORGANIZATION")


def _service_like(word: str) -> bool:
    """A word that may name a hospital or service in a list with one: not a function word,
    role, generic service, clinical, calendar or name-list word (the name rules decide those)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    from survey.anonymise.lexicon import (
        ABBREVIATION_WORDS,
        CALENDAR_WORDS,
        clinical_term,
        is_role_or_generic,
    )

    bare = word.strip("'’-")
    low = bare.lower()
    return len(bare) >= 3 and bare.isalpha() and low not in STOP_WORDS and \
        low not in ABBREVIATION_WORDS and not is_role_or_generic(low) and \
        not (low.endswith("s") and is_role_or_generic(low[:-1])) and not clinical_term(low) \
        and low[:3] not in CALENDAR_WORDS and bare not in NOT_NAMES and \
        bare.title() not in NOT_NAMES


_FROM_BEFORE = re.compile(rf"(?i:\bfrom\s+)(?P<a>(?i:the)\s+)?(?P<w>{_WORD})\s+(?i:to|into)\s+"
                          rf"(?P<b>(?i:the)\s+)?$")
_TO_AFTER = re.compile(rf"\s+(?i:to|into)\s+(?P<b>(?i:the)\s+)?(?P<w>{_WORD})"
                       r"(?=\s*(?:[.,;:!?)]|$|\s(?i:and|for|where|but|because|by|on|in|at|"
                       r"after|when|which|then)\b))")
_THE_END = re.compile(r"(?i:\bthe\s+)$")
_FROM_END = re.compile(r"(?i:\bfrom\s+)(?P<a>(?i:the)\s+)?$")


def _from_to(text: str, d: Detection) -> list[tuple[int, int]]:
    """The other end of a move between two places of care: "from the city to the QMC",
    "from QMC to kingsmill" (an article on both ends or on neither, as a pair of names has)."""
    out = []
    m = _FROM_BEFORE.search(text, max(0, d.start - 60), d.start)
    if m and bool(m.group("a")) == bool(m.group("b")):
        out.append((m.start("w"), m.end("w")))
    f = _FROM_END.search(text, max(0, d.start - 12), d.start)
    t = _TO_AFTER.match(text, d.end)
    if f and t and bool(f.group("a")) == bool(t.group("b")):
        out.append((t.start("w"), t.end("w")))
    return out


def expand_coordinated_services(text: str, dets: list[Detection]) -> list[Detection]:
    """Add a bare word listed with a detected facility or organisation after a preposition,
    or the other end of a move from one to another.

    "I'm very happy with city and QMC", "between QMC and kingsmill": the list stands where a
    place of care does, so its other bare member (no article or possessive before it) names
    one too, whatever its case; "moved from the city to the QMC" likewise (an article on both
    ends or on neither). Only one word, and only beside a detection of those labels.

    Returns:
        ``dets`` plus the new detections (recognizer ``engine.coordination.v1``).
    """
    out = list(dets)
    for d in dets:
        if d.entity not in _SERVICE_LIST:
            continue
        for w0, w1 in _from_to(text, d):
            if _service_like(text[w0:w1]) and not _overlaps(out, w0, w1):
                out.append(Detection(w0, w1, d.entity, 0.5, "engine.coordination.v1",
                                     "moved_with_service"))
        art = _THE_END.search(text, max(0, d.start - 5), d.start)  # "willowbrook and the QMC"
        s0 = art.start() if art else d.start
        b = _BEFORE.search(text, max(0, s0 - 40), s0)
        if b and _SERVICE_PREP.search(text, max(0, b.start("w") - 12), b.start("w")) and \
                _service_like(b.group("w")) and not _overlaps(out, b.start("w"), b.end("w")):
            out.append(Detection(b.start("w"), b.end("w"), d.entity, 0.5,
                                 "engine.coordination.v1", "listed_with_service"))
        m = _AFTER.match(text, d.end)
        if m and _SERVICE_PREP.search(text, max(0, d.start - 12), d.start) and \
                _service_like(m.group("w")) and not _overlaps(out, m.start("w"), m.end("w")) \
                and re.match(r"\s*(?:[.,;:!?)]|$|\s(?i:and|for|were|was|are|is|have|has|"
                             r"had|but|because|both)\b)", text[m.end("w"):]):
            out.append(Detection(m.start("w"), m.end("w"), d.entity, 0.5,
                                 "engine.coordination.v1", "listed_with_service"))
    return out


_PLACE_NEXT = re.compile(r"(?:\s*,\s*|\s+(?:and|&|or|n|to)\s+|\s*/\s*)(?P<w>[A-Za-z][a-z'’-]{3,}"
                         r"(?:\s+[A-Za-z][a-z'’-]{3,})?)")


def _place_word(word: str, *, moved: bool = False) -> bool:
    """A word (or two) that may name a place beside a detected one: a UK place or area in
    any case, or a lower-case word no dictionary, misspelling, name or service list holds
    ("from abergele to towyn")."""
    from survey.anonymise.lexicon import (
        clinical_term,
        is_dictionary_word,
        is_role_or_generic,
        near_dictionary_word,
        word_frequency,
    )
    from survey.anonymise.recognizers.uk_gazetteer import _key, gazetteer_level

    if gazetteer_level(_key(word)) is not None:
        return True
    if " " in word or not word.isalpha() or len(word) < 4:
        return False
    low = word.lower()
    # "from abergele to towyn": the other end of a move may be one letter from a word
    return not (word_frequency().get(low, 0) or is_dictionary_word(low) or
                not moved and near_dictionary_word(low) or is_role_or_generic(low) or
                clinical_term(low) or
                load_names("first").get(word.title()) is not None)


def _everyday_word(value: str) -> bool:
    """Whether every word of ``value`` is an everyday dictionary word ("send", "sort out")."""
    from survey.anonymise.lexicon import is_dictionary_word

    return all(is_dictionary_word(w) for w in value.split())


def expand_coordinated_places(text: str, dets: list[Detection]) -> list[Detection]:
    """Add a place listed with, or moved to from, a detected place: "hastings and bexhill",
    "from abergele to towyn", "north tyneside and blyth".

    The word after the place (and, or, a comma, "to") counts when the gazetteer holds it in
    any slot, or it is an unknown lower-case word; a two-word name is tried first.

    Returns:
        ``dets`` plus the new detections (recognizer ``engine.coordination.v1``).
    """
    out = list(dets)
    frontier = [d for d in dets if d.entity == "LOCATION"]
    for _ in range(4):
        new = []
        for d in frontier:
            m = _PLACE_NEXT.match(text, d.end)
            if not m:
                continue
            words = m.group("w").split()
            for n in (2, 1)[2 - len(words):]:
                value = " ".join(words[:n])
                s0 = m.start("w")
                s1 = s0 + len(value) if n == 1 else m.end("w")
                to = m.group().strip().startswith("to")
                moved = to and re.search(
                    r"(?i:\bfrom)\s+$", text[max(0, d.start - 6):d.start]) is not None
                if to and value.islower() and _everyday_word(value) and not re.search(
                        r"(?i:\bfrom)\s", text[max(0, d.start - 40):d.start]):
                    continue  # "back to peterlee to send them": a verb, not a second place
                    # ("from reading to slough to reading again" is a move, a place)
                if _place_word(value, moved=moved) and not _overlaps(out + new, s0, s1):
                    new.append(Detection(s0, s1, "LOCATION", 0.5, "engine.coordination.v1",
                                         "listed_with_place"))
                    break
        if not new:
            break
        out.extend(new)
        frontier = new
    return out


#: "at the haven in kirkcaldy", "from the bridge project in hartlepool", "at spar in seaham", "went
#: through new leaf in scunthorpe": a service named by one to three ordinary words, just before a
#: detected place ("the" may be left out after "at" or "through").
_SERVICE_BEFORE_PLACE = re.compile(
    r"(?i:\b(?P<prep0>at|to|from|into|with|through|attend(?:ed|ing|s)?|visit(?:ed|ing|s)?|joined|"
    r"use[ds]?)\s+(?P<the>the\s+)?)(?P<svc>[A-Za-z][\w'’-]+(?:\s+[A-Za-z][\w'’-]+){0,2}?)"
    r"\s+(?P<prep>in|on)\s+$")
#: Prepositions after which a service may be named without "the" ("at spar", "through new leaf";
#: "to live in", "with him in" are not services).
_BARE_SERVICE_PREP = frozenset({"at", "through"})
#: The kind of place that may end a service's name ("the sanctuary refuge", "the cedars care home").
_SERVICE_TYPE = frozenset("""
project centre center service house hub unit room rooms place trust network group refuge care
home club cafe café church chapel hall hotel inn station lodge
""".split())
#: Words after "at the" that name a kind of place, not one place ("at the hospital in leeds").
_NOT_SERVICE = frozenset("""
hospital hospitals station police council court courts office offices shop shops school schools
college uni university surgery practice clinic centre center library pub pubs church mosque
temple park town city village area estate street road flat flats house home hostel refuge
prison jail cells cell unit ward wards gp gym foodbank bus train queue waiting room rooms
building hall car carpark middle end north south east west same local other one first last
only new old main big small nearest sarc hub service services project group team nhs a&e
moment time minute weekend weekends start beginning top bottom back front side
short reception
women's womens women men's mens children's childrens youth family call day health community
medical job drop-in trial hearing meeting appointment interview funeral wedding party match
session sessions assessment course class crown magistrates magistrates' county
right wrong best worst next different various many several both national whole
year years age ages birth primary secondary
management gurdwara mandir synagogue chapel peer outreach pastoral recovery support
work night nights times place places thing things lot rest way paper papers news press
mine hers theirs ours yours christmas easter summer winter spring autumn holiday holidays
sexual mental branch shed sheds plus switchboard helpline
boxing bowls rugby football footy cricket golf tennis snooker darts swimming climbing running
cycling walking fitness sport sports netball hockey karate judo rowing sailing fishing dance
veterans veterans' veteran cadets cadet scouts sea army food breakfast lunch bank charity
barracks depot depots yard garage warehouse factory plant mill docks airport base camp store
kitchen salon studio workshop
""".split())


def _names_a_service(words: list[str], bare: bool) -> bool:
    """Whether the words before a place name one service: not only kinds of place, roles,
    clinical words, identity words or function words ("the old hospital", "the same shop", "the
    LGBT switchboard"), and, without "the",
    no verb ("through living in")."""
    from spacy.lang.en.stop_words import STOP_WORDS

    from survey.anonymise.identity import is_identity_word
    from survey.anonymise.lexicon import clinical_term, is_role_or_generic

    lows = [w.lower() for w in words]
    if any(w in STOP_WORDS for w in lows) or bare and re.search(r"(?:ing|ed)$", lows[0]):
        return False
    head = lows[:-1] if len(lows) > 1 and lows[-1] in _SERVICE_TYPE else lows
    # an identity word names no one service: "the LGBT switchboard in hull", "the quaker
    # meeting house" are kinds (the place goes, the identity word stays); "trinity methodist" is one
    return not all(w in _NOT_SERVICE or is_role_or_generic(w) or clinical_term(w) or
                   is_identity_word(w) for w in head)


def expand_service_before_place(text: str, dets: list[Detection]) -> list[Detection]:
    """Add a service named by ordinary words just before a detected place or street: "the
    sessions at the haven in kirkcaldy", "waited at the bridge project in hartlepool", "the drop
    in at the nook on mill street", "at spar in seaham", "at the proud place centre in sheffield"
    (the kind of place, "at the hospital in leeds", "at the same shop in leeds", stays words).

    Returns:
        ``dets`` plus the new detections (recognizer ``engine.coordination.v1``).
    """
    out = list(dets)
    for d in dets:
        if d.entity not in ("LOCATION", "STREET_ADDRESS"):
            continue
        m = _SERVICE_BEFORE_PLACE.search(text, max(0, d.start - 60), d.start)
        if not m or (m.group("prep").lower() == "on") != (d.entity == "STREET_ADDRESS"):
            continue  # "at the hub in leeds", "the bridge on fore street"
        bare = not m.group("the")
        if bare and m.group("prep0").lower() not in _BARE_SERVICE_PREP or \
                not _names_a_service(m.group("svc").split(), bare) or \
                _overlaps(out, m.start("svc"), m.end("svc")):
            continue
        out.append(Detection(m.start("svc"), m.end("svc"), "ORGANIZATION", 0.5,
                             "engine.coordination.v1", "service_before_place"))
    return out


_PERSON_AT = re.compile(rf"(?<![\w'’-])(?P<w>{_WORD})\s+(?i:at|from)\s+(?:(?i:the)\s+)?$")


def expand_person_before_service(text: str, dets: list[Detection]) -> list[Detection]:
    """Add a name opening a clause just before "at" or "from" a detected service or facility:
    "fern at oakwood house was the only one who asked", "ruby from the willows rang" (a known
    first name; "hope at the centre" is the word).

    Returns:
        ``dets`` plus the new detections (recognizer ``engine.coordination.v1``).
    """
    from survey.anonymise.recognizers.name_slots import name_heads_clause

    out = list(dets)
    for d in dets:
        if d.entity not in ("FACILITY", "ORGANIZATION"):
            continue
        m = _PERSON_AT.search(text, max(0, d.start - 40), d.start)
        if m and name_heads_clause(text, m.start("w"), m.group("w")) and \
                not _overlaps(out, m.start("w"), m.end("w")):
            out.append(Detection(m.start("w"), m.end("w"), "PERSON", 0.55,
                                 "engine.coordination.v1", "person_at_service"))
    return out


#: Before a place, a service named for it: "cant praise safe steps cornwall enough", "i co-ordinate
#: volunteers at open arms wirral" (one or two words between the verb or preposition and the place).
_NAMED_FOR_BEFORE = re.compile(
    r"(?i:\b(?:at|from|with|praise|praised|thank|thanks|thanks\s+to|thank\s+you\s+to|manage|"
    r"managed|run|"
    r"runs|ran|joined|contacted|rang|referred\s+(?:me\s+|us\s+|her\s+|him\s+)?to)\s+)"
    r"(?P<svc>[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*)?)\s+$")
#: After a place, the two words of the service named for it: "i manage camden safe space;" (one
#: word after a place is more often what it is, "Nottingham resident").
_NAMED_FOR_AFTER = re.compile(
    r"\s+(?P<svc>[a-z][\w'’-]*\s+[a-z][\w'’-]*)"
    r"(?=\s*(?:[,.;:!?)]|$)|\s+(?:and|but|who|which|were|was|is|are|has|have|had|for|since|"
    r"helped|closed|covers)\b)")
_NAMED_FOR_TRIGGER = re.compile(r"(?i:\b(?:at|from|with|manage|managed|run|runs|ran|joined|"
                                r"contacted|rang|praise|praised)\s+)$")
#: Verbs and words of movement that stand between a preposition and a place without naming
#: anything ("came back to visit leeds").
_NOT_NAMED_FOR = frozenset("""
visit visiting see seeing live living move moving go going get getting come coming return
back home away over down up out off round around there here near nearby sunny rainy lovely
beautiful little big old new grim resident residents tomorrow today tonight yesterday
originally born based area
""".split())


def _kind_or_time(low: str) -> bool:
    """Whether a lower-case word is a role, a kind of place or service, a time or a clinical
    word: never the name of one service."""
    from survey.anonymise.lexicon import CALENDAR_WORDS, clinical_term, is_role_or_generic

    return is_role_or_generic(low) or low in _NOT_SERVICE or low in CALENDAR_WORDS or \
        low in _TIMES or clinical_term(low)


def _named_for_words(words: list[str]) -> bool:
    """Whether the words beside a place can name a service there (no stop word, kind of place,
    role, time, verb form or clinical word)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    for w in words:
        low = w.lower().replace("’", "'")
        if low in STOP_WORDS or low in _NOT_NAMED_FOR or _kind_or_time(low) or \
                low.endswith(("ing", "ed", "ly")) or _NAME_STOP.fullmatch(low):
            return False
    return True


#: Words of a service's kind that may stand between a place and the word ending its name:
#: "sunderland rape team", "walsall ISVA service", "leeds city council".
_AREA_MID = (r"isva|idva|sarc|rape|and|sexual|abuse|assault|violence|crisis|police|camhs|cid|"
             r"survivors['’]?|women['’]?s|womens|men['’]?s|churches|sports|health|borough|city|"
             r"county|district|youth|family|mental|safeguarding|counselling|community|lgbtq?\+?|"
             r"local|ambulance|duty|rasso|outreach")
#: The word that ends the name of a service named for its area.
_AREA_HEAD = (r"team|teams|service|services|council|police|constabulary|cid|network|forum|group|"
              r"centre|center|board|line|project|hub|trust|partnership|harriers|club|society|"
              r"collective|alliance|rape\s+crisis|sarc|camhs|ambulance|helpline|drop[\s-]?in|"
              r"outreach")
_AREA_AFTER = re.compile(rf"(?P<svc>(?:\s+(?i:{_AREA_MID})){{0,4}}\s+(?i:{_AREA_HEAD}))(?![\w'’-])")
#: What a place's own name and a plain kind make that is no service: "leeds city centre".
_AREA_PLAIN = frozenset({"city centre", "town centre", "centre", "center", "city", "county",
                         "district", "line", "group", "club"})


def expand_service_around_place(text: str, dets: list[Detection]) -> list[Detection]:
    """Extend a detected place, street or service name over the service named for it, in any
    case: "sunderland rape team", "leeds city council", "the harrogate team", "the Hull
    helpline", "the Selby duty line", "Musters Road
    Mental Health team" (a service named for its area is one name;
    "leeds city centre" stays a place). A term on the allow list inside it ("ISVA", "SARC",
    "rape crisis") is cut out afterwards as from any span, so it stays readable.

    Returns:
        ``dets`` plus the new detections (recognizer ``engine.coordination.v1``).
    """
    out = list(dets)
    for d in dets:
        if d.entity not in ("LOCATION", "STREET_ADDRESS", "ORGANIZATION", "OTHER_NAME"):
            continue  # "musters road mental health team" is named for its street
        a = _AREA_AFTER.match(text, d.end)
        if a and re.sub(r"\s+", " ", a.group("svc").strip().lower()) not in _AREA_PLAIN and \
                not _overlaps(out, d.end, a.end("svc")):
            out.append(Detection(d.start, a.end("svc"), "ORGANIZATION", 0.5,
                                 "engine.coordination.v1", "service_named_for_area"))
    return out


#: Words that may stand between a name and the word for a place of care: "melton rehabilitation
#: hospital", "wansbeck general hospital", "park house clinic".
_FAC_MID = (r"rehabilitation|rehab|community|general|district|memorial|royal|county|university|"
            r"teaching|children['’]?s|childrens|maternity|cottage|mental\s+health|psychiatric|"
            r"private|eye|dental|women['’]?s|womens|cancer|specialist|day|treatment|medical|"
            r"health|nursing|care|assessment|urgent|emergency")
#: The word for a place of care that ends such a name, or its short form ("Sunderland eye inf").
_FAC_END = (r"hospital|hospice|infirmary|clinic|surgery|practice|centre|center|unit|home|general|gen|"
            r"hosp|inf|infirm")
#: Words that name a kind of care, not a place: before "centre" they make a type.
_GENERIC_CARE = frozenset("urgent emergency minor injuries injury walk walk-in in day health "
                          "medical community treatment assessment care primary dental".split())
_FACILITY_AFTER = re.compile(rf"(?P<fac>(?P<mid>(?:\s+(?i:{_FAC_MID})){{0,2}})\s+"
                             rf"(?P<head>(?i:{_FAC_END})))(?![\w'’-])")


def expand_facility_after_name(text: str, dets: list[Detection]) -> list[Detection]:
    """Extend a detected place, service or name over the place of care named for it: "melton
    rehabilitation hospital", "Park House clinic", "the Florence Nightingale hospice" are one
    name, so the type word goes with it ("leeds city centre", "a leeds home" stay as they
    are: a centre or home needs a word of care before it).

    Returns:
        ``dets`` plus the new detections (recognizer ``engine.coordination.v1``).
    """
    out = list(dets)
    for d in dets:
        if d.entity not in ("LOCATION", "ORGANIZATION", "FACILITY", "PERSON", "OTHER_NAME"):
            continue
        m = _FACILITY_AFTER.match(text, d.end)
        if not m:
            continue
        head = m.group("head").lower()
        if all(w.lower() in _GENERIC_CARE for w in re.findall(r"[\w'’-]+", text[d.start:d.end])):
            continue  # "Urgent Care Centre", "the Walk In Centre": a kind, not a place
        named = d.entity in ("PERSON", "OTHER_NAME", "ORGANIZATION") and \
            text[d.start:d.start + 1].isupper()  # "the Hope centre": a centre named for a name
        if head in ("centre", "center", "home") and not m.group("mid").strip() and \
                not (named and head != "home") or \
                head in ("general", "gen") and (d.entity != "LOCATION" or m.group("mid").strip()) or \
                _overlaps(out, d.end, m.end("fac")):
            continue
        out.append(Detection(d.start, m.end("fac"), "FACILITY", 0.5,
                             "engine.coordination.v1", "facility_named_for"))
    return out


def expand_service_named_for_place(text: str, dets: list[Detection]) -> list[Detection]:
    """Add a service whose name holds a detected place, in lower case: "praise safe steps
    cornwall", "at open arms wirral", "i manage camden safe space" (the place and the words
    beside it are one name; "came back to visit leeds" stays a place).

    Returns:
        ``dets`` plus the new detections (recognizer ``engine.coordination.v1``).
    """
    out = list(dets)
    for d in dets:
        if d.entity != "LOCATION":
            continue
        m = _NAMED_FOR_BEFORE.search(text, max(0, d.start - 60), d.start)
        if m and _named_for_words(m.group("svc").split()) and \
                not _overlaps(out, m.start("svc"), m.end("svc")):
            out.append(Detection(m.start("svc"), d.end, "ORGANIZATION", 0.5,
                                 "engine.coordination.v1", "service_named_for_place"))
            continue
        a = _NAMED_FOR_AFTER.match(text, d.end)
        if a and _NAMED_FOR_TRIGGER.search(text, max(0, d.start - 20), d.start) and \
                _named_for_words(a.group("svc").split()) and \
                not _overlaps(out, a.start("svc"), a.end("svc")):
            out.append(Detection(d.start, a.end("svc"), "ORGANIZATION", 0.5,
                                 "engine.coordination.v1", "service_named_for_place"))
    return out


#: Where someone works or is seen, after a detected person or a word for staff: "daisy at the
#: haven", "jo from safe steps rang", "my keyworker at the junction", "the team at nexus".
_AT_SERVICE = re.compile(r"\s+(?:at|from|with)\s+(?P<the>the\s+)?(?P<svc>[A-Za-z][\w'’&.-]*"
                         r"(?:\s+[A-Za-z][\w'’&.-]*){0,3})")
#: After "referred (me)": "referred me to new leaf".
_TO_SERVICE = re.compile(r"\s+to\s+(?P<the>the\s+)?(?P<svc>[A-Za-z][\w'’&.-]*"
                         r"(?:\s+[A-Za-z][\w'’&.-]*){0,3})")
_STAFF_AT = re.compile(r"(?i:\b(?:worker|keyworker|key\s+worker|counsellors?|therapists?|isvas?|"
                       r"idvas?|team|staff|people|volunteers?|nurses?|officer|advocate|manager|"
                       r"lead|teacher|lecturer|solicitor|imam|vicar|midwife|doctor|coordinator|"
                       r"practitioner|mentor|"
                       # what was received there: "counselling at harbour light"
                       r"counselling|counseling|therapy|sessions|appointments?|course|"
                       r"drop[\s-]in|(?P<to>referred(?:\s+(?:me|us|her|him|them))?|"
                       # where a team sends people: "we refer men to survivors hull"
                       r"(?:we|i|they|usually|often|also|then)\s+(?:refer|signpost)(?:\s+(?:people|"
                       r"clients|men|women|survivors|them|families|young\s+people|teenagers|"
                       r"adults|children))?))s?)"
                       r"(?=\s+(?:at|from|to)\s)")
#: Services every area has, or national ones: a person "at the sarc" says nothing local.
_EVERY_AREA = re.compile(r"(?i:(?:the\s+)?(?:sarc|isva|idva|rape\s+crisis|victim\s+support|police|"
                         r"refuge|women'?s\s+aid|cps|camhs|mind|samaritans|childline|nspcc|"
                         r"survivors\s+uk|citizens\s+advice|cab|council|nhs|gp|gps|school|college|"
                         r"uni|university|work|church|mosque|court|hospital|job\s*centre|"
                         r"jobcentre|housing|home|reception|desk|phone|helpline|switchboard|"
                         r"front\s+desk|station|surgery|practice|clinic|centre|service|group|"
                         r"team|charity|office|unit|ward|hub|project|kooth|shelter|barnardo'?s|"
                         r"mankind|galop|respond|lifecentre|nhs\s+\w+))")
#: Words that end the name after "at": what the person did or where ("jo from safe steps rang").
_NAME_STOP = re.compile(r"(?i:[a-z]+(?:ed|ing)|[a-z]{3,}ly|ran|rang|rung|came|went|told|said|says|got|gave|"
                        r"took|sat|kept|made|never|always|really|just|still|even|once|was|is|"
                        r"were|are|has|had|have|did|does|who|which|that|and|but|or|so|in|on|"
                        r"at|for|to|of|with|by|if|as|when|because|cos|every|each|last|this|"
                        r"these|those|my|me|us|we|i|you|he|she|they|it|too|enough)")


_SVC_WORD = re.compile(r"[A-Za-z][\w'’&.-]*")
#: A pronoun's or verb's contraction ends a service's name ("at kings priory I've had"); a
#: possessive does not ("at st mary's").
_CONTRACTION = re.compile(r"(?i:[a-z]+['’](?:ve|re|ll|d|m|t))")
#: Last words that make a phrase a kind of service ("the outreach team", "the peer group").
_TYPE_ENDINGS = frozenset("""
team teams service services clinic clinics group groups centre center bus union unit ward hub
project in line desk room office plant plants factory factories warehouse warehouses depot depots
site sites farm farms
""".split())
#: Times and seasons after "at": "my worker at the time", "at christmas".
_TIMES = frozenset("""
time times moment minute weekend weekends end start beginning christmas easter night nights
morning mornings evening evenings weekday weekdays january february march april may june july
august september october november december monday tuesday wednesday thursday friday saturday
sunday lunchtime lunch teatime dinnertime bedtime midday midnight breakfast daytime nighttime
""".split())


def _service_words(text: str, start: int, *, to: bool = False) -> tuple[int, int] | None:
    """The name of the service after "at"/"from" at ``start``, or None (a kind of place, a
    national service, a time or a generic word)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    from survey.anonymise.identity import is_identity_word
    from survey.anonymise.lexicon import (
        GENERIC_WORDS,
        adjective_only,
        is_dictionary_word,
        is_role_or_generic,
    )

    m = (_TO_SERVICE if to else _AT_SERVICE).match(text, start)
    if not m:
        return None
    end = m.start("svc")
    words = []
    for w in _SVC_WORD.finditer(m.group("svc")):
        word = w.group().rstrip(".")
        if _NAME_STOP.fullmatch(word) or word.lower().replace("’", "'") in STOP_WORDS or \
                _CONTRACTION.fullmatch(word) or \
                not words and word.lower() in _NOT_SERVICE | _TIMES and not (
                    word.lower() in ("new", "old") and not m.group("the")):
            break
        if words and word.islower() and adjective_only(word.lower()):
            break  # "referred to nurses unable to help": an adjective after it ends the name
        words.append(word)
        end = m.start("svc") + w.start() + len(word)
        if word != w.group() or word.lower() in _TYPE_ENDINGS:
            break  # the sentence ends, or the kind of service closes the name
    if not words or re.match(r"\s+to\s", text[end:]) and \
            m.group().lstrip().lower().startswith("from"):
        return None  # "from report to outcome": a range
    low = [w.lower() for w in words]
    if m.group("the") and len(words) == 1 and words[0].islower() and \
            is_dictionary_word(low[0]):
        return None  # "from the allotment", "at the door": a thing, unless capitalised
    if (low[-1] in _TYPE_ENDINGS or is_role_or_generic(low[-1]) or low[-1] in GENERIC_WORDS) \
            and not any(w[:1].isupper() and not is_identity_word(w) for w in words):
        # "the outreach team", "the sexual health clinic": a kind of service; so is "the Polish
        # advice line" (an identity word's capital names no one service; the policy keeps it)
        return None
    if all(w in GENERIC_WORDS or _kind_or_time(w) for w in low) or \
            _EVERY_AREA.fullmatch(" ".join(low)) or low[0] in GENERIC_WORDS:
        return None
    return m.start("svc"), end


def expand_service_after_person(text: str, dets: list[Detection]) -> list[Detection]:
    """Add the service someone works at or comes from, after a detected person or a word for
    staff: "daisy at the haven", "jo from safe steps rang", "my keyworker at the junction",
    "our counsellors at new pathways" (a kind of place, a time or a service every area has,
    "at the sarc", stays a word).

    Returns:
        ``dets`` plus the new detections (recognizer ``engine.coordination.v1``).
    """
    out = list(dets)
    starts = [(d.end, False) for d in dets if d.entity == "PERSON"] + \
        [(m.end(), m.group("to") is not None) for m in _STAFF_AT.finditer(text)]
    for start, to in starts:
        span = _service_words(text, start, to=to)
        if span and not _overlaps(out, *span):
            out.append(Detection(span[0], span[1], "ORGANIZATION", 0.5,
                                 "engine.coordination.v1", "service_after_person"))
    return out


#: An age set off by commas right after a name ("Callum Hughes, 12, Year 7"; "Sam, 10 minutes
#: late" is a count: a stop, a comma or a clause must follow the number), and a school year
#: after it or after the name ("S.K., Y10.").
_AGE_AFTER = re.compile(r",\s*(?P<age>1[01]\d|[1-9]\d?)(?=\s*(?:[,;)]|\.(?!\d)|$|"
                        r"\s+(?:and|yrs?|years?\s+old|y/?o)\b))")
_YEAR_AFTER = re.compile(r",\s*(?P<yr>(?:Year|Yr|Y)\s?(?:1[0-3]|[1-9]))(?![\w/.:-]\w)")
#: ... an age in brackets ("E (9) and", "Children: A (11), B (8).", "C (now 15)", "(19, first
#: year, ...)", "(21, student)"), or in words
#: after a comma in a bracket ("sister (T, seventeen)"), or a figure after a letter in a list
#: of a family's letters and ages ("children (R 9, S 5)").
_AGE_BRACKET_AFTER = re.compile(r"\s*\(\s*(?:now\s+|aged?\s+)?(?P<age>1[01]\d|[1-9]\d?)\s*"
                                r"(?:\)|,\s*(?=[a-z]{3,}))")
_AGE_WORD_AFTER = re.compile(r",\s*(?P<age>(?:one|two|three|four|five|six|seven|eight|nine|ten|"
                             r"eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
                             r"eighteen|nineteen))\s*\)")
_LETTER_AGE_AFTER = re.compile(r"\s+(?P<age>1\d|[1-9])(?=\s*[,)])")
#: Another age listed after an age found ("I was 13 and 14", "we were 8 and 10"): a figure
#: alone before a stop, a comma or a clause, not a count ("13 and 14 sessions").
_AGE_LISTED = re.compile(r"(?:\s*,\s*|\s+(?:and|&|or)\s+)(?P<age>1[01]\d|[1-9]\d?)"
                         r"(?=\s*(?:[,.;!?)]|$)|\s+(?:and|or|when|then|but|so|at\s+the\s+time|"
                         r"years?\s+old|yrs?\s+old)\b)")


def expand_age_after_person(text: str, dets: list[Detection]) -> list[Detection]:
    """Add an age and a school year set off by commas after a detected person: "Callum
    Hughes, 12, Year 7 at", "Mrs Ada Pike, 84, resident", "Pupil: S.K., Y10." (a referral's
    way of writing who a child is; the age and year together single them out); an age in
    brackets after them ("E (9) and", "C (now 15)", "sister (T, seventeen)", "(19, student)"),
    a figure after a letter in a family's list ("children (R 9, S 5)"), and another age
    listed after an age ("I was 13 and 14").

    Returns:
        ``dets`` plus the new detections (recognizer ``engine.coordination.v1``).
    """
    out = list(dets)
    for d in dets:
        if d.entity != "PERSON":
            continue
        m = _AGE_BRACKET_AFTER.match(text, d.end) or _AGE_WORD_AFTER.match(text, d.end) or \
            d.end - d.start == 1 and text[d.start - 1:d.start] in ("(", " ") and \
            _LETTER_AGE_AFTER.match(text, d.end)
        if m and not _overlaps(out, m.start("age"), m.end("age")) and not any(
                o.entity not in ("PERSON", "OTHER_NAME") and o.start <= d.start and
                d.end <= o.end and (o.start, o.end) != (d.start, d.end) for o in dets):
            # (not where the words are part of a place's or a ward's: "Ward B (3)"; a surname
            # that is also a rare name or a town is still the person's, and so is a titled
            # name a model also read as a firm: "Mrs Olive Tranter (87)", "Holly Nairn (19,
            # ...)", "Mrs Edna Marsh (91)")
            out.append(Detection(m.start("age"), m.end("age"), "AGE", 0.55,
                                 "engine.coordination.v1", "age_after_person"))
        if not text.startswith(",", d.end):
            continue
        end = d.end
        m = _AGE_AFTER.match(text, end)
        if m and not _overlaps(out, m.start("age"), m.end("age")):
            out.append(Detection(m.start("age"), m.end("age"), "AGE", 0.55,
                                 "engine.coordination.v1", "age_after_person"))
        end = m.end("age") if m else end
        y = _YEAR_AFTER.match(text, end)
        if y and not _overlaps(out, y.start("yr"), y.end("yr")):
            out.append(Detection(y.start("yr"), y.end("yr"), "AGE", 0.55,
                                 "engine.coordination.v1", "year_after_person"))
    for d in list(out):
        while d.entity == "AGE" and text[d.start:d.end].isdigit():  # not "year 9 and 10"
            m = _AGE_LISTED.match(text, d.end)
            if not m or _overlaps(out, m.start("age"), m.end("age")):
                break
            d = Detection(m.start("age"), m.end("age"), "AGE", 0.55, "engine.coordination.v1",
                          "age_listed")
            out.append(d)
    return out
