"""Evidence that spreads from one detection to nearby words (run by the engine after detection).

- :func:`propagate_mentions`: every other mention of a detected name, place or organisation in
  the same text is masked too, including the parts of a multi-word name ("Kofi Mensah ... Kofi").
- :func:`expand_coordinated_names`: a word listed with a detected name ("Dave, Hleb and Sam")
  is a name too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from survey.anonymise.recognizers.gazetteer import load_names
from survey.anonymise.recognizers.names import NOT_NAMES
from survey.anonymise.spans import Detection

PROPAGATE = ("PERSON", "LOCATION", "ORGANIZATION", "OTHER_NAME", "FACILITY")
_WORD = r"[A-Za-zÀ-ÖØ-öø-ÿĀ-ſ][\w'’-]*"
_AFTER = re.compile(rf"(?:\s*,\s*|\s+(?:and|&|or)\s+|\s*,\s*(?:and|&|or)\s+)(?P<w>{_WORD})")
_BEFORE = re.compile(rf"(?P<w>{_WORD})(?:\s*,\s*|\s+(?:and|&|or)\s+)$")


def terms_regex(terms: Iterable[str], *, plural: bool = False) -> re.Pattern[str] | None:
    """One case-insensitive, word-bounded regex for a set of terms (longest first)."""
    terms = sorted({t.strip() for t in terms if t and t.strip()}, key=len, reverse=True)
    if not terms:
        return None
    body = "|".join(r"\s+".join(re.escape(p) for p in t.split()) for t in terms)
    suffix = r"(?:s|'s|’s)?" if plural else ""
    return re.compile(rf"(?<!\w)(?:{body}){suffix}(?!\w)", re.IGNORECASE)


def _overlaps(dets: list[Detection], start: int, end: int) -> bool:
    return any(d.start < end and start < d.end for d in dets)


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
    rx = terms_regex(entity)
    if rx is None:
        return dets
    extra = [Detection(m.start(), m.end(), entity.get(m.group().casefold(), "PERSON"), 0.9,
                       "engine.propagate.v1", "same_text_elsewhere")
             for m in rx.finditer(text) if not _overlaps(dets, m.start(), m.end())]
    return dets + extra


def _name_like(word: str, lower: bool) -> bool:
    bare = word.strip("'’-")
    if len(bare) < 2 or bare in NOT_NAMES or bare.title() in NOT_NAMES:
        return False
    from survey.anonymise.lexicon import ABBREVIATION_WORDS

    if bare.lower() in ABBREVIATION_WORDS:
        return False  # "linford and theres": text-speak, not a name
    if lower:
        return bare.islower() and load_names("first").get(bare.title()) is not None
    if bare.islower():  # "Sam and ruby": a lower-case first name listed with a name
        from spacy.lang.en.stop_words import STOP_WORDS

        from survey.anonymise.lexicon import (VERY_COMMON, is_dictionary_word, is_name_word,
                                              is_role_or_generic, word_frequency)

        if is_dictionary_word(bare) and not is_name_word(bare):
            return False  # an everyday word, not a name
        return bare not in STOP_WORDS and not is_role_or_generic(bare) and \
            load_names("first").get(bare.title()) is not None and \
            word_frequency().get(bare, 0) < VERY_COMMON
    return bare[0].isupper()


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
    frontier = [d for d in dets if d.entity == "PERSON"]
    for _ in range(max_rounds):
        new = []
        for d in frontier:
            lower = text[d.start:d.end].islower()
            m = _AFTER.match(text, d.end)
            if m and _name_like(m.group("w"), lower) and \
                    not _overlaps(out + new, m.start("w"), m.end("w")):
                new.append(Detection(m.start("w"), m.end("w"), "PERSON", 0.5,
                                     "engine.coordination.v1", "listed_with_name"))
            b = _BEFORE.search(text, max(0, d.start - 60), d.start)
            if b and _name_like(b.group("w"), lower) and \
                    not _overlaps(out + new, b.start("w"), b.end("w")):
                new.append(Detection(b.start("w"), b.end("w"), "PERSON", 0.5,
                                     "engine.coordination.v1", "listed_with_name"))
        if not new:
            break
        out.extend(new)
        frontier = new
    return out
