"""Turning a loaded grid plus a platform's column layout into a :class:`SourceTable`.

The platform readers only describe their header layout (:class:`Layout`); everything after that
(identifying columns, instrument mapping, label mapping, multi-select gathering, dates, ids,
answers) is shared here.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
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
    check_ragged,
    column_letter,
    is_identifying,
    is_other_option,
    normalise_header,
    normalise_label,
)
from survey.readers.dates import to_months
from survey.readers.identifying import (
    generaliser_for,
    header_looks_like_data,
    identifying_content,
    kept,
)
from survey.readers.mapping import QuestionMatcher, match_label, other_option
from survey.schema import ANSWER_COLUMNS, RESPONSE_COLUMNS, SourceTable, stable_id

UNTICK_TOKENS = frozenset({"0", "false", "not selected", "not ticked", "unticked"})
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
        identifying: The platform knows this metadata column identifies people (embedded
            data, device ids) whatever its header says; it is dropped and listed.
        tag: The platform's export tag (Qualtrics ``Q5_2``), matched to question ids and
            aliases before the header text is.
    """

    index: int
    header: str
    question: str
    option: str | None = None
    role: str = "question"
    target: str | None = None
    identifying: bool = False
    tag: str | None = None


@dataclass
class Layout:
    """A platform reader's description of the grid.

    Attributes:
        columns: Every column.
        data_start: Index into ``grid.rows`` of the first data record.
        date_order: Date order for this source (``None`` infers when unambiguous).
        split_headers: Try ``"<question> - <option>"`` splits of one-row headers (SmartSurvey).
        codes: Closed cells may hold option codes (Qualtrics "numeric values"): a cell that
            matches no label but an option's code maps to that option.
        missing: Cell values that mean "not answered" (Qualtrics ``-99``); read as blank.
        multi_separator: The platform's separator inside a one-cell multi-select answer
            (KoboToolbox: a space), matched against the known options and codes.
        warnings: What the platform reader noticed about the layout (no id column...).
    """

    columns: list[Column]
    data_start: int
    date_order: str | None = None
    split_headers: bool = False
    codes: bool = False
    missing: frozenset[str] = frozenset()
    multi_separator: str | None = None
    warnings: list[str] = field(default_factory=list)


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
    if column.tag is not None and (target := _by_tag(column.tag, matcher)) is not None:
        return target
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


_TAG = re.compile(r"^(?P<base>.+?)(?:_(?P<choice>\d+))?(?P<text>_TEXT)?$", re.IGNORECASE)


def _tag_question(tag: str, matcher: QuestionMatcher) -> Question | None:
    norm = normalise_header(tag)
    for q in matcher.instrument.questions:
        if norm == normalise_header(q.id) or any(norm == normalise_header(a)
                                                 for a in q.aliases):
            return q
    return None


def _by_tag(tag: str, matcher: QuestionMatcher) -> Target | None:
    """Match a platform export tag (Qualtrics ``Q5``, ``Q5_2``, ``Q5_4_TEXT``) to a question
    whose id or alias is the tag (or its base): ``_n`` ticks the option with code ``n``,
    ``_TEXT`` is the "Other" text. Explicit, so tried before the question text."""
    if (q := _tag_question(tag, matcher)) is not None:
        return _direct(q)
    m = _TAG.match(tag)
    if m is None or (q := _tag_question(m.group("base"), matcher)) is None:
        return None
    if m.group("text"):
        return Target(q, "other", other_option(q) or "Other")
    if m.group("choice") and q.kind == "multiple":
        label = next((o.label for o in q.options if o.code == m.group("choice")), None)
        return Target(q, "option", label or m.group("choice"))
    return _direct(q) if not m.group("choice") else None


@dataclass
class _Collector:
    unknown: Counter = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)
    codes: bool = False
    _maps: dict[str, dict[str, str]] = field(default_factory=dict)

    def _map(self, q: Question) -> dict[str, str]:
        """``text -> option label`` for ``q``: exact labels first, then normalised labels,
        then (``codes``) option codes, as :func:`match_label` would resolve them (aliases
        last: a label always wins over another option's alias)."""
        if (found := self._maps.get(q.id)) is None:
            found = {}
            for o in reversed(q.options):
                found.update({normalise_label(a): o.label for a in o.aliases})
                found.update({a: o.label for a in o.aliases})
            if self.codes:
                found.update({o.code: o.label for o in reversed(q.options)})
            found.update({normalise_label(o.label): o.label for o in reversed(q.options)})
            found.update({o.label: o.label for o in reversed(q.options)})
            self._maps[q.id] = found
        return found

    def label(self, q: Question, text: str) -> str:
        text = text.strip()
        table = self._map(q)
        mapped = table.get(text)
        if mapped is None:
            mapped = table.get(normalise_label(text))
        if mapped is None:
            self.unknown[(q.id, text)] += 1
            return text
        return mapped


def _comma_parse(text: str, q: Question, sep: str = ", ",
                 codes: bool = False) -> tuple[list[str], str]:
    """Match known options at the start of a ``sep``-joined cell (longest first); returns the
    options found and the unmatched remainder (Google Forms puts "Other" text last)."""
    keys = [(o.label, o.label) for o in q.options]
    keys += [(a, o.label) for o in q.options for a in o.aliases]
    if codes:
        keys += [(o.code, o.label) for o in q.options]
    keys.sort(key=lambda k: len(k[0]), reverse=True)
    found: list[str] = []
    rest = text
    while rest:
        for key, label in keys:
            if normalise_label(rest[:len(key)]) == normalise_label(key) and (
                    len(rest) == len(key) or rest[len(key):len(key) + len(sep)] == sep):
                found.append(label)
                rest = rest[len(key) + len(sep):]
                break
        else:
            break
    return found, rest.strip()


def _split_multi(text: str, q: Question, *, sep: str | None = None,
                 codes: bool = False) -> tuple[list[str], str | None]:
    """Split a one-cell multi-select answer into labels, plus any trailing "other" text."""
    if match_label(text, q) is not None:
        return [text], None
    if sep is not None:
        found, rest = _comma_parse(text, q, sep, codes)
        if found and not rest:
            return found, None
        return [p for p in text.split(sep) if p], None
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


def number_repeated_headers(layout: Layout) -> Layout:
    """Tell apart question columns whose whole header repeats an earlier one's.

    Google Forms and Microsoft Forms export two questions with the same title ("Any
    comments?" after two different questions; a Likert statement repeated in two blocks, whose
    question text Forms drops) under one header. Matched by text, the second column would be
    read as the first question again and its answers lost; instead the n-th repeat becomes
    ``"<header> (n)"``, in column order, so every wave file of the instrument numbers it alike.
    Headers with a sub-label (SurveyMonkey's row 2) or a ``"<question> - <option>"`` split are
    left alone: their repeats are a question's own columns.
    """
    seen: Counter = Counter()
    for col in layout.columns:
        if (col.role != "question" or col.target or col.option is not None
                or col.header != col.question
                or (layout.split_headers and _SPLIT in col.header)
                or header_looks_like_data(col.header)):  # renamed "Column X" later
            continue
        seen[col.header] += 1
        if seen[col.header] > 1:
            numbered = f"{col.header} ({seen[col.header]})"
            layout.warnings.append(f"column {column_letter(col.index)} repeats the header "
                                   f"{col.header!r} of an earlier column; read as question "
                                   f"{numbered!r}")
            col.header = col.question = numbered
    return layout


def _kept_id(header: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "_", header.casefold()).strip("_")[:40] or "column"
    return slug if slug[0].isalpha() else f"q_{slug}"


def build_table(grid: Grid, layout: Layout, instrument: Instrument, *, source: SourceConfig,
                source_label: str, keep_columns: Sequence[str] = ()) -> SourceTable:
    """Build the canonical tables from a grid described by ``layout``.

    Identifying columns (by header, or by content: mostly emails, IP addresses, phone numbers,
    full postcodes, coordinates) are dropped and listed in ``dropped_columns``, unless
    ``keep_columns`` names them (by header or question id) and they have a generalised form
    (postcode district, rounded coordinate, decade of birth): then the generalised value is
    stored under the mapped question id (or an id made from the header).

    Raises:
        InputFileError: A bad date cell (named by row and column, never by value), a data row
            wider than the header, no data rows, or a kept column with no generalised form.
    """
    path = Path(grid.path)
    check_ragged(grid, layout.data_start)
    if layout.data_start >= len(grid.rows):
        raise InputFileError(path, "the file has its header but no responses below it",
                             row=grid.row_numbers[-1] + 1)
    for col in layout.columns:
        if header_looks_like_data(col.header) or header_looks_like_data(col.question):
            col.header = col.question = f"Column {column_letter(col.index)}"  # never echo data
    matcher = QuestionMatcher(instrument)
    dropped: list[str] = []
    unmapped: list[str] = []
    targets: list[tuple[Column, Target]] = []
    taken: set[tuple[str, str, str | None]] = set()
    out = _Collector(codes=layout.codes)
    out.warnings.extend(grid.warnings)  # the loader's (encoding, repaired cells)
    out.warnings.extend(layout.warnings)
    id_col = next((c for c in layout.columns if c.role == "id"), None)
    sub_col = next((c for c in layout.columns if c.role == "submitted"), None)
    kept_cols: list[tuple[Column, str, Any]] = []

    def drop_or_keep(col: Column, qid: str | None, content: str | None) -> None:
        if not kept(col.header, qid, keep_columns):
            dropped.append(col.header)
            if content is not None:
                out.warnings.append(f"column {col.header!r} dropped as identifying: most of "
                                    f"its cells are a whole {content}")
            return
        gen = generaliser_for(col.header, content)
        if gen is None:
            raise InputFileError(path, "anonymise.keep_columns names this identifying column, "
                                 "but it has no generalised form (only postcodes, coordinates "
                                 "and dates of birth can be kept, generalised)",
                                 column=col.header)
        kept_cols.append((col, qid or _kept_id(col.header), gen[1]))
        out.warnings.append(f"column {col.header!r} kept on purpose, generalised to {gen[0]}")

    for col in layout.columns:
        if col.role in ("id", "submitted"):
            continue
        if col.role == "meta":
            if col.identifying or column_is_identifying(col):
                drop_or_keep(col, None, None)
            continue
        try:
            target = resolve(col, matcher, split_headers=layout.split_headers)
        except KeyError:
            known = ", ".join(q.id for q in instrument.questions)
            raise InputFileError(path, f"column_map maps this column to an unknown question id "
                                 f"{col.target!r}; known ids: {known}", column=col.header) from None
        known_option = (match_label(target.option or "", target.question)
                        if target is not None and target.mode == "option" else None)
        qid = target.question.id if target is not None else None
        if column_is_identifying(col, known_option=known_option):
            drop_or_keep(col, qid, None)
            continue
        if target is None or target.mode in ("closed", "text", "other"):
            content = identifying_content(
                [r[col.index] for r in grid.rows[layout.data_start:]])
            if content is not None:
                drop_or_keep(col, qid, content)
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
            date_cells = [grid.rows[r][col.index] for r in data]
            date_cells = [None if cell_text(c) in layout.missing else c for c in date_cells]
            months[col.index] = to_months(date_cells, path=path,
                                          column=col.header, rows=rows,
                                          date_order=layout.date_order)
    closed_ids = [q.id for q in instrument.questions
                  if any(t.question is q and t.mode in ("closed", "option") for _, t in targets)
                  and q.kind != "text"]
    closed_ids += [qid for _, qid, _ in kept_cols if qid not in closed_ids]
    response_rows: list[dict[str, Any]] = []
    answer_rows: list[dict[str, Any]] = []
    not_numbers: Counter = Counter()
    for k, r in enumerate(data):
        cells = grid.rows[r]
        if not any(c if type(c) is str else cell_text(c) for c in cells):
            continue
        rid = ids[k]
        resp: dict[str, Any] = {"response_id": rid, "source": source_label,
                                "cohort": source.cohort, "wave": source.wave, "kind": "survey",
                                "submitted": submitted[k]}
        resp.update({qid: None for qid in closed_ids})
        for col, qid, generalise in kept_cols:
            resp[qid] = generalise(cells[col.index]) if cell_text(cells[col.index]) else None
        for col, t in targets:
            q, value = t.question, cells[col.index]
            text = value if type(value) is str else cell_text(value)  # loaders strip strings
            if text in layout.missing:
                text, value = "", None
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
                parts, other_text = _split_multi(text, q, sep=layout.multi_separator,
                                                 codes=layout.codes)
                resp[q.id] = [out.label(q, p) for p in parts]
                if other_text:
                    answer_rows.append(_answer(rid, f"{q.id}_other", other_text))
                    if opt := other_option(q):
                        _tick(resp, q.id, opt)
            elif t.mode == "closed" and q.kind != "date":
                resp[q.id] = out.label(q, text)
            elif t.mode == "option":
                if normalise_label(text) not in UNTICK_TOKENS:
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
