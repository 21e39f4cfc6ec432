"""The one type detection and anonymisation share: a detected span of text."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Detection:
    """A detected identifier: offsets into the ORIGINAL text, never its value.

    Attributes:
        start: Offset of the first character (Python string offset).
        end: Offset one past the last character.
        entity: Label, UPPER_SNAKE (``PERSON``, ``UK_POSTCODE``, ``EMAIL_ADDRESS``...).
        score: Confidence in [0, 1].
        recognizer: Registered name of the recognizer that found it (``uk.postcode.v1``).
        reason: Why it was detected (pattern name, context word, gazetteer), never the value.
    """

    start: int
    end: int
    entity: str
    score: float
    recognizer: str
    reason: str = ""

    def __post_init__(self) -> None:
        if self.start < 0 or self.end <= self.start:
            raise ValueError(f"bad span offsets start={self.start} end={self.end}")
        if not 0.0 <= self.score <= 1.0:
            raise ValueError(f"score must be in [0, 1], got {self.score}")
