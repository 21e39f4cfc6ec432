"""A researcher's review decisions, applied by the anonymiser on the next run.

Decisions are tied to a text by :func:`text_key` (a SHA-256 of the original text), so a decision
about one occurrence ("this 'Grace' is a word, keep it") applies only while that exact text is
ingested again; list decisions (allow, deny) apply everywhere. The review workbook that produces
them is written and read by ``analysis.review``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from survey.anonymise.spans import Detection

#: Decision words accepted for a detected span or a possible identifier.
KEEP, REDACT = "keep", "redact"
#: Recognizer names used for spans added by a review decision.
REVIEW_ADD = "review.add.v1"
REVIEW_DENY = "review.deny.v1"


def text_key(text: str) -> str:
    """Stable key of one original text (hex SHA-256, first 24 characters)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


@dataclass(frozen=True)
class ReviewDecisions:
    """What a reviewer decided; every field is optional.

    Attributes:
        keep: ``(text key, start, end)`` of detected spans that are NOT identifiers.
        add: ``(text key, start, end, label)`` of identifiers the recognizers missed.
        allow: Terms never redacted anywhere (added to the allow list).
        deny: ``(term, label)`` pairs redacted wherever they occur.
        cleared: ``(text key, casefolded term)`` of possible identifiers a reviewer marked
            ``ignore`` (not an identifier): they no longer withhold that answer from quotes.
    """

    keep: frozenset[tuple[str, int, int]] = frozenset()
    add: tuple[tuple[str, int, int, str], ...] = ()
    allow: tuple[str, ...] = ()
    deny: tuple[tuple[str, str], ...] = ()
    counts: dict[str, int] = field(default_factory=dict, compare=False)
    cleared: frozenset[tuple[str, str]] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.keep or self.add or self.allow or self.deny or self.cleared)

    def apply(self, text: str, dets: Iterable[Detection]) -> tuple[list[Detection],
                                                                    list[dict[str, object]]]:
        """Apply occurrence decisions (keep, add) to one text's detections.

        Args:
            text: The ORIGINAL text (offsets of ``dets`` point into it).
            dets: Its detections.

        Returns:
            The detections after the decisions, and log rows (decision, label, recognizer,
            start, end) that hold no original value.
        """
        key = text_key(text)
        out, log = [], []
        for d in dets:
            if (key, d.start, d.end) in self.keep:
                log.append({"decision": KEEP, "label": d.entity, "recognizer": d.recognizer,
                            "start": d.start, "end": d.end})
                continue
            out.append(d)
        for k, start, end, label in self.add:
            if k == key and 0 <= start < end <= len(text):
                out.append(Detection(start, end, label, 1.0, REVIEW_ADD, "review_decision"))
                log.append({"decision": "add", "label": label, "recognizer": REVIEW_ADD,
                            "start": start, "end": end})
        return out, log
