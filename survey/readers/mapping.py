"""Matching export headers to instrument questions and answer labels to options."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from survey.instrument import Instrument, Question
from survey.readers.common import normalise_header, normalise_label

FUZZY_RATIO = 0.9


class QuestionMatcher:
    """Find the instrument question a header names: exact text, then normalised text (case,
    punctuation, whitespace), then fuzzy (``difflib`` ratio >= ``FUZZY_RATIO``), over each
    question's text and aliases.

    Args:
        instrument: The instrument whose questions are matched.
    """

    def __init__(self, instrument: Instrument) -> None:
        self.instrument = instrument

    def _keys(self) -> Iterable[tuple[str, Question]]:
        for q in self.instrument.questions:
            yield q.text, q
            for alias in q.aliases:
                yield alias, q
            yield q.id, q  # exports made from the instrument use question ids as headers

    def match(self, header: str, *, fuzzy: bool = True,
              kinds: tuple[str, ...] | None = None) -> Question | None:
        """The question ``header`` names, or ``None``.

        Args:
            header: Header text (question text, or ``"<question> - <option>"``).
            fuzzy: Also try the fuzzy step.
            kinds: Only consider questions of these kinds.
        """
        header = header.strip()
        if not header:
            return None
        keys = [(k, q) for k, q in self._keys() if kinds is None or q.kind in kinds]
        for key, q in keys:
            if key == header:
                return q
        norm = normalise_header(header)
        for key, q in keys:
            if normalise_header(key) == norm:
                return q
        if not fuzzy:
            return None
        best: tuple[float, Question | None] = (0.0, None)
        for key, q in keys:
            ratio = difflib.SequenceMatcher(None, norm, normalise_header(key)).ratio()
            if ratio >= FUZZY_RATIO and ratio > best[0]:
                best = (ratio, q)
        return best[1]


def match_label(label: str, question: Question) -> str | None:
    """The option label ``label`` stands for: exact, then case/whitespace-normalised, then an
    option's ``aliases`` the same two ways; else None."""
    label = label.strip()
    for option in question.labels:
        if option == label:
            return option
    norm = normalise_label(label)
    for option in question.labels:
        if normalise_label(option) == norm:
            return option
    for option in question.options:
        if label in option.aliases:
            return option.label
    for option in question.options:
        if any(normalise_label(a) == norm for a in option.aliases):
            return option.label
    return None


def other_option(question: Question) -> str | None:
    """The question's "Other" option label, if it has one."""
    for option in question.labels:
        if normalise_header(option).startswith("other"):
            return option
    return None
