"""Turning a loaded grid plus a platform's column layout into a :class:`SourceTable`.

The platform readers only describe their header layout (:class:`Layout`); everything after that
(identifying columns, instrument mapping, label mapping, multi-select gathering, dates, ids,
answers) is shared here.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from survey.config import SourceConfig
from survey.errors import InputFileError
from survey.instrument import Instrument, Question
from survey.readers.common import (
    TICK_TOKENS,
    Grid,
    cell_text,
    is_identifying,
    is_other_option,
    normalise_header,
    normalise_label,
)
from survey.readers.dates import to_months
from survey.readers.mapping import QuestionMatcher, match_label, other_option
from survey.schema import ANSWER_COLUMNS, RESPONSE_COLUMNS, SourceTable, stable_id

ANSWER_SUBS = frozenset({"", "response", "open-ended response", "open ended response", "answer"})
_SPLIT = " - "


@dataclass
class Column:
    """One export column as the platform reader sees it.

    Attributes:
        index: 0-based position in the grid.
        header: Display header (listed in ``dropped_columns``/``unmapped_columns``, errors).
        question: The question part of the header.
        option: Sub-label (SurveyMonkey row 2: option, matrix row, comment prompt); ``None`` when
            the column holds the answer itself.
        role: ``"question"``, ``"id"``, ``"submitted"`` or ``"meta"`` (ignored metadata).
        target: An explicit question id (generic ``column_map``).
    """

    index: int
    header: str
    question: str
    option: str | None = None
    role: str = "question"
    target: str | None = None


@dataclass
class Layout:
    """A platform reader's description of the grid.

    Attributes:
        columns: Every column.
        data_start: Index into ``grid.rows`` of the first data record.
        date_order: Date order for this source (``None`` infers when unambiguous).
        split_headers: Try ``"<question> - <option>"`` splits of one-row headers (SmartSurvey).
    """

    columns: list[Column]
    data_start: int
    date_order: str | None = None
    split_headers: bool = False


@dataclass(frozen=True)
class Target:
    """Where a column's cells go: a closed cell, a free-text answer, a ticked option, or the
    typed text of an "Other (please specify)" box."""

    question: Question
    mode: str  # "closed" | "text" | "option" | "other"
    option: str | None = None


def _is_answer_sub(sub: str | None) -> bool:
    return sub is None or normalise_label(sub) in ANSWER_SUBS


def column_is_identifying(column: Column, *, known_option: str | None = None) -> bool:
    """True when the column holds direct identifiers (by header, sub-header or either side of a
    ``" - "`` split).

    Args:
        column: The column.
        known_option: An instrument option label the column ticks (e.g. ``Email`` as an answer
            to "How would you like to be contacted?"); that part is then not an identifier.
    """
    parts = [column.question, *column.question.split(_SPLIT)]
    if column.option is not None and not _is_answer_sub(column.option):
        parts.append(column.option)
    if known_option is not None:
        parts = [p for p in parts if normalise_label(p) != normalise_label(known_option)]
    return any(is_identifying(p) for p in parts)


def _direct(q: Question) -> Target:
    return Target(q, "text" if q.kind == "text" else "closed")


def _with_sub(matcher: QuestionMatcher, text: str, sub: str, fuzzy: bool) -> Target | None:
    if q := matcher.match(f"{text}{_SPLIT}{sub}", fuzzy=fuzzy):
        return _direct(q)
    q = matcher.match(text, fuzzy=fuzzy)
    if q is None:
        q2 = matcher.match(sub, fuzzy=fuzzy)
        return _direct(q2) if q2 else None
    if is_other_option(sub):
        return Target(q, "other", sub)
    if q.kind == "multiple":
        return Target(q, "option", sub)
    q2 = matcher.match(sub, fuzzy=fuzzy)
    if q2 is not None and q2 is not q:
        return _direct(q2)
    return Target(q, "other", sub)  # a comment box beside a closed or text question


def resolve(column: Column, matcher: QuestionMatcher, *, split_headers: bool) -> Target | None:
    """The instrument target of a question column, or ``None`` when it matches nothing."""
    if column.target is not None:
        return _direct(matcher.instrument.get(column.target))
    for fuzzy in (False, True):
        if _is_answer_sub(column.option):
            if q := matcher.match(column.question, fuzzy=fuzzy):
                return _direct(q)
            if split_headers:
                for m in re.finditer(re.escape(_SPLIT), column.question):
                    left, right = column.question[:m.start()], column.question[m.end():]
                    if matcher.match(left, fuzzy=fuzzy) is not None:
                        return _with_sub(matcher, left, right, fuzzy)
        elif target := _with_sub(matcher, column.question, column.option, fuzzy):
            return target
    return None


@dataclass
class _Collector:
    unknown: Counter = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)

    def label(self, q: Question, text: str) -> str:
        mapped = match_label(text, q)
        if mapped is None:
            self.unknown[(q.id, text.strip())] += 1
            return text.strip()
        return mapped


def _comma_parse(text: str, q: Question) -> tuple[list[str], str]:
    """Match known options at the start of a ``", "``-joined cell (longest first); returns the
    options found and the unmatched remainder (Google Forms puts "Other" text last)."""
    labels = sorted(q.labels, key=len, reverse=True)
    found: list[str] = []
    rest = text
    while rest:
        for label in labels:
            if normalise_label(rest[:len(label)]) == normalise_label(label) and (
                    len(rest) == len(label) or rest[len(label):len(label) + 2] == ", "):
                found.append(label)
                rest = rest[len(label) + 2:]
                break
        else:
            break
    return found, rest.strip()


def _split_multi(text: str, q: Question) -> tuple[list[str], str | None]:
    """Split a one-cell multi-select answer into labels, plus any trailing "other" text."""
    if match_label(text, q) is not None:
        return [text], None
    for sep in (";", "|", "\n"):
        parts = [p.strip() for p in text.split(sep) if p.strip()]
        if len(parts) > 1 or (parts and text.rstrip().endswith(sep)):
            return parts, None
    found, rest = _comma_parse(text, q)
    if found:
        return found, rest or None
    return [text], None


def _response_ids(grid: Grid, layout: Layout, label: str, col: Column | None,
                  col_warn: list[str]) -> list[str]:
    ids: list[str] = []
    seen: Counter = Counter()
    missing = dup = 0
    for r in range(layout.data_start, len(grid.rows)):
        raw = cell_text(grid.rows[r][col.index]) if col is not None else ""
        if not raw:
            missing += col is not None and any(cell_text(c) for c in grid.rows[r])
            ids.append(stable_id(label, "row", grid.row_numbers[r]))
            continue
        seen[raw] += 1
        if seen[raw] > 1:
            dup += 1
            ids.append(stable_id(label, raw, "row", grid.row_numbers[r]))
        else:
            ids.append(stable_id(label, raw))
    if missing:
        col_warn.append(f"{missing} row(s) have no value in the id column {col.header!r}; "
                        "their ids come from the row number")
    if dup:
        col_warn.append(f"{dup} row(s) repeat a respondent id already seen in "
                        f"{col.header!r}; kept as separate responses")
    return ids


def build_table(grid: Grid, layout: Layout, instrument: Instrument, *, source: SourceConfig,
                source_label: str) -> SourceTable:
    """Build the canonical tables from a grid described by ``layout``.

    Raises:
        InputFileError: A bad date cell (named by row and column, never by value).
    """
    path = Path(grid.path)
    matcher = QuestionMatcher(instrument)
    dropped: list[str] = []
    unmapped: list[str] = []
    targets: list[tuple[Column, Target]] = []
    taken: set[tuple[str, str, str | None]] = set()
    out = _Collector()
    id_col = next((c for c in layout.columns if c.role == "id"), None)
    sub_col = next((c for c in layout.columns if c.role == "submitted"), None)
    for col in layout.columns:
        if col.role in ("id", "submitted"):
            continue
        if col.role == "meta":
            if column_is_identifying(col):
                dropped.append(col.header)
            continue
        try:
            target = resolve(col, matcher, split_headers=layout.split_headers)
        except KeyError:
            known = ", ".join(q.id for q in instrument.questions)
            raise InputFileError(path, f"column_map maps this column to an unknown question id "
                                 f"{col.target!r}; known ids: {known}", column=col.header) from None
        known_option = (match_label(target.option or "", target.question)
                        if target is not None and target.mode == "option" else None)
        if column_is_identifying(col, known_option=known_option):
            dropped.append(col.header)
            continue
        if target is None:
            if cell_text(grid.rows[0][col.index]) or any(
                    cell_text(r[col.index]) for r in grid.rows[layout.data_start:]):
                unmapped.append(col.header)
            continue
        key = (target.question.id, target.mode, target.option if target.mode == "option" else
               None)
        if key in taken:
            out.warnings.append(f"column {col.header!r} maps to question "
                                f"{target.question.id!r} again; only the first column is used")
            unmapped.append(col.header)
            continue
        taken.add(key)
        targets.append((col, target))

    data = range(layout.data_start, len(grid.rows))
    rows = [grid.row_numbers[r] for r in data]
    ids = _response_ids(grid, layout, source_label, id_col, out.warnings)
    submitted: list[str | None] = [None] * len(rows)
    if sub_col is not None:
        submitted = to_months([grid.rows[r][sub_col.index] for r in data], path=path,
                              column=sub_col.header, rows=rows, date_order=layout.date_order)
    months: dict[int, list[str | None]] = {}
    for col, t in targets:
        if t.mode == "closed" and t.question.kind == "date":
            months[col.index] = to_months([grid.rows[r][col.index] for r in data], path=path,
                                          column=col.header, rows=rows,
                                          date_order=layout.date_order)
    closed_ids = [q.id for q in instrument.questions
                  if any(t.question is q and t.mode in ("closed", "option") for _, t in targets)
                  and q.kind != "text"]
    response_rows: list[dict[str, Any]] = []
    answer_rows: list[dict[str, Any]] = []
    not_numbers: Counter = Counter()
    for k, r in enumerate(data):
        cells = grid.rows[r]
        if not any(cell_text(c) for c in cells):
            continue
        rid = ids[k]
        resp: dict[str, Any] = {"response_id": rid, "source": source_label,
                                "cohort": source.cohort, "wave": source.wave, "kind": "survey",
                                "submitted": submitted[k]}
        resp.update({qid: None for qid in closed_ids})
        for col, t in targets:
            q, value = t.question, cells[col.index]
            text = cell_text(value)
            if t.mode == "closed" and q.kind == "date":
                resp[q.id] = months[col.index][k]
            if not text:
                continue
            if t.mode == "text":
                answer_rows.append(_answer(rid, q.id, text))
            elif t.mode == "closed" and q.kind == "number":
                try:
                    resp[q.id] = float(value) if not isinstance(value, str) else float(text)
                except (TypeError, ValueError):
                    not_numbers[col.header] += 1
            elif t.mode == "closed" and q.kind == "multiple":
                parts, other_text = _split_multi(text, q)
                resp[q.id] = [out.label(q, p) for p in parts]
                if other_text:
                    answer_rows.append(_answer(rid, f"{q.id}_other", other_text))
                    if opt := other_option(q):
                        _tick(resp, q.id, opt)
            elif t.mode == "closed" and q.kind != "date":
                resp[q.id] = out.label(q, text)
            elif t.mode == "option":
                _tick(resp, q.id, out.label(q, t.option or ""))
            elif t.mode == "other":
                norm = normalise_label(text)
                if norm in TICK_TOKENS or norm == normalise_label(t.option or ""):
                    if q.kind == "multiple":
                        _tick(resp, q.id, other_option(q) or out.label(q, t.option or ""))
                    continue
                answer_rows.append(_answer(rid, f"{q.id}_other", text))
                if q.kind == "multiple" and (opt := other_option(q)):
                    _tick(resp, q.id, opt)
        response_rows.append(resp)
    for header, n in not_numbers.items():
        out.warnings.append(f"{n} cell(s) in column {header!r} are not numbers; left blank")
    responses = pd.DataFrame(response_rows, columns=[*RESPONSE_COLUMNS, *closed_ids],
                             dtype=object)
    answers = pd.DataFrame(answer_rows, columns=list(ANSWER_COLUMNS), dtype=object)
    if not response_rows:
        out.warnings.append("the file has a header but no responses")
    return SourceTable(source=source_label, responses=responses, answers=answers,
                       dropped_columns=dropped, unmapped_columns=unmapped,
                       unknown_labels=dict(out.unknown), warnings=out.warnings)


def _tick(resp: dict[str, Any], qid: str, label: str) -> None:
    current = resp.get(qid)
    if current is None:
        resp[qid] = [label]
    elif label not in current:
        current.append(label)


def _answer(rid: str, qid: str, text: str) -> dict[str, Any]:
    return {"answer_id": stable_id(rid, qid), "response_id": rid, "question_id": qid,
            "text": text, "lang": "en"}


def check_header_cells(grid: Grid, required: dict[str, tuple[str, ...]], *, platform: str,
                       row: int = 0) -> None:
    """Raise unless header row ``row`` holds one of each group of expected headers.

    Args:
        grid: The loaded grid.
        required: ``what -> accepted header spellings`` (normalised comparison).
        platform: Platform name for the message.
        row: Index of the header row in ``grid.rows``.

    Raises:
        InputFileError: Naming the file, the header row and what was looked for.
    """
    present = {normalise_header(cell_text(c)) for c in grid.rows[row]}
    for what, spellings in required.items():
        if not present & {normalise_header(s) for s in spellings}:
            raise InputFileError(grid.path, f"header does not look like a {platform} export: no "
                                 f"{what} column (looked for {', '.join(spellings)}); set "
                                 "platform in project.yaml if this is another layout",
                                 row=grid.row_numbers[row])
