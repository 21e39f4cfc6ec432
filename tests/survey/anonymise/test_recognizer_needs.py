"""``PatternRecognizer.NEEDS`` lets a pattern skip a text that holds none of the strings every
match of it holds. A wrong entry would lose matches silently, so each entry is checked against
every text of the development sets and a list of awkward forms: wherever the pattern matches,
one of its strings is in the text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from survey.anonymise.recognizers.base import PatternRecognizer
from survey.anonymise.recognizers.temporal import AgeRecognizer

REPO = Path(__file__).resolve().parents[3]
AWKWARD = [
    "a lady\nof 90 came in", "my son who’s 9", "he is 7 Y.O.", "I TURNED 40", "WHEN I WAS 12",
    "my daughter (aged 5)", "BEING 87, i struggle", "my Nan, Who's 91, came", "my 16TH BIRTHDAY",
    "the YOUNGEST was 11", "a YEAR 10 girl", "my son is in Primary 4", "she is in P6",
    "she's in Sixth Form", "a 4 MONTHS OLD baby", "9 Years Of Age", "82 years YOUNG",
    "Arrived alone at 16, she said", "my boy, 12, fled at 15",
]


def _texts() -> list[str]:
    out = list(AWKWARD)
    for path in sorted((REPO / "data").glob("anon_fresh*/*.jsonl")):
        out += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]
    return out


def _classes() -> list[type[PatternRecognizer]]:
    seen, todo = [], [PatternRecognizer]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.NEEDS:
                seen.append(sub)
    return seen


def test_some_recognizer_declares_needs():
    assert AgeRecognizer in _classes()


@pytest.mark.parametrize("cls", _classes(), ids=lambda c: c.__name__)
def test_every_match_holds_one_of_its_needed_strings(cls):
    texts = _texts()
    patterns = {name: rx for name, rx, _ in cls._patterns()}
    assert set(cls.NEEDS) <= set(patterns), "NEEDS names a pattern that does not exist"
    for name, need in cls.NEEDS.items():
        for text in texts:
            if patterns[name].search(text):
                assert any(n in text.lower() for n in need), (name, text[:80])


def test_a_wrong_entry_is_caught(monkeypatch):
    """The check above fails on a need no match holds."""
    monkeypatch.setattr(AgeRecognizer, "NEEDS", {**AgeRecognizer.NEEDS, "person_of": (" of",)})
    with pytest.raises(AssertionError):
        test_every_match_holds_one_of_its_needed_strings(AgeRecognizer)
