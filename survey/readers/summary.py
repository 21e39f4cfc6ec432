"""A one-source summary for ``voices ingest``: platform, rows, respondents, questions mapped,
identifying columns dropped, warnings. Counts and headers only, never a cell value."""

from __future__ import annotations

import pandas as pd

from survey.readers.transcripts import is_context_question
from survey.schema import RESPONSE_COLUMNS, SourceTable


def _filled(value: object) -> bool:
    if isinstance(value, list):
        return bool(value)
    return value is not None and not (isinstance(value, float) and pd.isna(value))


def summarise_source(table: SourceTable, *, platform: str) -> str:
    """Summarise what was read from one source, in a few lines for the terminal.

    Args:
        table: What the reader returned.
        platform: The reader's registry name (``"qualtrics.v1"``; see ``reader_for``).

    Returns:
        Lines such as ``"exports/x.csv [qualtrics.v1]: 120 rows, 118 respondents, 14
        questions mapped; 6 identifying column(s) dropped: IPAddress, ..."``.
    """
    responses, answers = table.responses, table.answers
    closed = [c for c in responses.columns if c not in RESPONSE_COLUMNS]
    # a boolean Series, not a list: an empty list would select no COLUMNS
    coded = answers[~answers["question_id"].map(is_context_question).astype(bool)]
    answered = set(coded["response_id"])
    for col in closed:
        answered |= {rid for rid, v in zip(responses["response_id"], responses[col],
                                           strict=True) if _filled(v)}
    if (responses["kind"] == "interview").all() and len(responses):
        context = len(answers) - len(coded)
        lines = [f"{table.source} [{platform}]: {len(responses)} transcript(s), {len(coded)} "
                 f"participant turn(s), {context} interviewer turn(s) kept as context"]
    else:
        free = {q.removesuffix("_other") for q in coded["question_id"]}
        lines = [f"{table.source} [{platform}]: {len(responses)} rows, {len(answered)} "
                 f"respondents, {len(set(closed) | free)} questions mapped"]
    if table.dropped_columns:
        lines.append(f"  dropped {len(table.dropped_columns)} identifying column(s): "
                     + ", ".join(table.dropped_columns))
    if table.unmapped_columns:
        lines.append(f"  {len(table.unmapped_columns)} column(s) matched no question: "
                     + ", ".join(table.unmapped_columns))
    if table.unknown_labels:
        per_question: dict[str, int] = {}
        for (qid, _label), n in table.unknown_labels.items():  # ids only: a label is an answer
            per_question[qid] = per_question.get(qid, 0) + n
        lines.append(f"  {sum(per_question.values())} closed answer(s) matched no option "
                     "(kept as given): "
                     + ", ".join(f"{qid} {n}" for qid, n in per_question.items()))
    lines.extend(f"  warning: {w}" for w in table.warnings)
    return "\n".join(lines)
