"""A local place of care named in full in one answer is hidden where another answer names it bare.

Respondents to one survey write about the same few local services. One writes "Lane End Surgery"
or "pinn medical centre", and the recognizers find it by its type word; thirty others write "at
lane end" or "the pinn", and nothing in those answers alone says it is a place. After every
answer of a run has been detected, :func:`names_in_full` collects the names of the places of care
found with their type word, and :func:`bare_mentions` finds each such name written bare in any
answer of the same run (any case, whole words), as a ``FACILITY``.

Only adds redactions; never removes one. A name is learnt only when it is specific: two words
or more of which not all are generic ("lane end", "tanners way"), or one word no dictionary, name
list or list of roles and generic services holds ("pinn", "millway"). "The day centre", "the rose
centre", "the local surgery" teach nothing. Called by :func:`survey.anonymise.parallel.
anonymise_in_chunks` in the parent process, after detection and before replacement, so a run on
worker processes gives the serial result. Tests (invented answers):
``tests/survey/anonymise/test_anon_corpus.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from spacy.lang.en.stop_words import STOP_WORDS as SPACY_STOP_WORDS

from survey.anonymise.lexicon import (
    CALENDAR_WORDS,
    clinical_term,
    is_dictionary_word,
    is_name_word,
    is_role_or_generic,
    near_dictionary_word,
    word_frequency,
)
from survey.anonymise.precision import GENERIC_MODIFIERS, STOP_WORDS
from survey.anonymise.recognizers.gazetteer import load_names
from survey.anonymise.recognizers.places import STREET_WORDS
from survey.anonymise.spans import Detection

RECOGNIZER = "engine.corpus.v1"
REASON = "named_in_full_elsewhere"

#: The type words after a local place of care's name ("surgery", "medical centre").
_HEAD = re.compile(r"(?i)\s+(?:(?:(?:medical|health|med|community|family)\s+)?(?:surgery|"
                   r"practice|centre|center|clinic|hospital|hospice|group|partnership)|medical)$")
_WORD = re.compile(r"[a-z][a-z'’-]*")


#: Below this many uses in the word-frequency list a word is rare enough to name one place.
RARE = 200


def _specific(words: list[str]) -> bool:
    """Whether the name part (lower-case words) names one place rather than a kind: one rare
    word no dictionary or name list holds ("pinn", "millway"), or two or three words, none
    generic, with a rare word or a street word among them ("lane end", "tanners way")."""
    freq = word_frequency()
    if not words or len(words) > 3 or any(len(w) < 3 for w in words):
        return False
    if any(w in STOP_WORDS or w in GENERIC_MODIFIERS or is_role_or_generic(w) or
           clinical_term(w) or w[:3] in CALENDAR_WORDS or w in SPACY_STOP_WORDS
           for w in words):
        return False  # "liaising with", "the day", "friday clinic": not a name
    if len(words) == 1:
        w = words[0]
        return len(w) >= 4 and w.isalpha() and freq.get(w, 0) < RARE and not (
            is_dictionary_word(w) or near_dictionary_word(w) or is_name_word(w) or
            w.title() in load_names("first"))
    return any(freq.get(w, 0) < RARE or w in STREET_WORDS for w in words)


def names_in_full(texts: Sequence[str], detections: Sequence[Sequence[Detection]]) -> set[str]:
    """The specific names (lower-case, single-spaced) of places of care found with their type
    word in any of ``texts``."""
    names: set[str] = set()
    for text, dets in zip(texts, detections, strict=True):
        for d in dets:
            if d.entity not in ("FACILITY", "LOCATION", "ORGANIZATION"):
                continue  # a place of care by its type word, whichever recognizer found it
            value = re.sub(r"\s+", " ", text[d.start:d.end]).strip().lower()
            value = re.sub(r"^(?:the|at|to|from)\s+", "", value)
            head = _HEAD.search(value)
            if not head:
                continue
            words = value[:head.start()].split()
            if all(_WORD.fullmatch(w) for w in words) and _specific(words):
                names.add(" ".join(words))
    return names


def look_across(texts: Sequence[str], detections: Sequence[list[Detection]]
                ) -> list[list[Detection]]:
    """Per text, its detections plus each bare mention of a place named in full in any of
    ``texts`` (one run's answers): :func:`names_in_full`, then :func:`bare_mentions`."""
    return bare_mentions(texts, detections, names_in_full(texts, detections))


def _name_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    alts = sorted((r"\s+".join(map(re.escape, n.split())) for n in names), key=len, reverse=True)
    return re.compile(rf"(?i)(?<![\w'’-])(?:{'|'.join(alts)})(?![\w-])") if alts else None


def bare_mentions(texts: Sequence[str], detections: Sequence[list[Detection]],
                  names: set[str]) -> list[list[Detection]]:
    """Per text, its detections with each bare mention of ``names`` not already covered added
    (sorted by start; nothing removed)."""
    rx = _name_pattern(names)
    if rx is None:
        return [list(d) for d in detections]
    out = []
    for text, dets in zip(texts, detections, strict=True):
        added = [Detection(m.start(), m.end(), "FACILITY", 0.6, RECOGNIZER, REASON)
                 for m in rx.finditer(text)
                 if not any(d.start < m.end() and m.start() < d.end for d in dets)]
        out.append(sorted([*dets, *added], key=lambda d: (d.start, d.end)) if added else
                   list(dets))
    return out
