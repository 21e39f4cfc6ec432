"""Assertion helpers for the anonymiser tests (a plain module, so imports are unambiguous)."""

from __future__ import annotations

from survey.anonymise.spans import Detection


def covered(text: str, dets: list[Detection], value: str) -> bool:
    """Whether every non-space character of ``value`` (first occurrence) is inside a detection."""
    start = text.index(value)
    return all(any(d.start <= i < d.end for d in dets)
               for i in range(start, start + len(value)) if not text[i].isspace())


def spans(text: str, dets: list[Detection]) -> list[str]:
    """Detected substrings, for readable assertion messages."""
    return [text[d.start:d.end] for d in dets]


def touched(text: str, dets: list[Detection], value: str) -> bool:
    """Whether any detection overlaps ``value`` (first occurrence) at all: a word that must stay
    whole is lost even when only part of it is masked."""
    start = text.index(value)
    return any(d.start < start + len(value) and start < d.end for d in dets)
