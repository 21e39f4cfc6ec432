"""The canonical vocabulary every reader returns and every later stage relies on.

A reader returns a :class:`SourceTable`. Its ``answers.text`` is still the ORIGINAL text: a
``SourceTable`` lives in memory only, between reading and anonymisation, and is never written.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import pandas as pd

RESPONSE_COLUMNS = ("response_id", "source", "cohort", "wave", "kind", "submitted")
ANSWER_COLUMNS = ("answer_id", "response_id", "question_id", "text", "lang")
SEGMENT_COLUMNS = ("segment_id", "answer_id", "start", "end", "text")
CODING_COLUMNS = ("segment_id", "code_id", "coder", "source", "confidence", "status", "evidence",
                  "decided_at")
CODING_SOURCES = ("human", "rules", "similarity", "classifier", "topic")
CODING_STATUSES = ("suggested", "accepted", "rejected")
INTERVIEW_QUESTION = "interview"


def stable_id(*parts: object, prefix: str = "") -> str:
    """A short, stable id from its parts (e.g. source name and platform respondent id).

    The id is a hash, so it reveals nothing of the parts; never pass an email or a name.
    """
    h = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:12]
    return f"{prefix}{h}"


@dataclass
class SourceTable:
    """What a reader returns for one source (an export file or a transcript folder).

    Attributes:
        source: The source's label (its path relative to the project folder).
        responses: One row per respondent; columns :data:`RESPONSE_COLUMNS` then one column per
            closed question id. Single/Likert cells hold the option label (``None`` if blank);
            multiple-choice cells hold a list of labels; number cells a float; date cells a
            ``YYYY-MM`` string.
        answers: Long form of free text; columns :data:`ANSWER_COLUMNS`. ``text`` is ORIGINAL
            here and is anonymised before anything is written.
        dropped_columns: Headers of identifying metadata columns that were dropped.
        unmapped_columns: Headers that matched no instrument question (kept out of the tables).
        unknown_labels: ``(question_id, label) -> count`` of closed answers that matched no
            option (typos such as ``Disgree``); the label is kept in the table, never dropped.
        warnings: Legal but suspicious things seen (no original values in them).
        extra_names: ``response_id -> names`` that must be redacted wherever they occur in that
            response's text (e.g. a transcript participant's own speaker name). In memory only.
    """

    source: str
    responses: pd.DataFrame
    answers: pd.DataFrame
    dropped_columns: list[str] = field(default_factory=list)
    unmapped_columns: list[str] = field(default_factory=list)
    unknown_labels: dict[tuple[str, str], int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    extra_names: dict[str, set[str]] = field(default_factory=dict)


def empty_answers() -> pd.DataFrame:
    """An empty answers frame with the canonical columns."""
    return pd.DataFrame({c: pd.Series(dtype="object") for c in ANSWER_COLUMNS})
