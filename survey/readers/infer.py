"""Inferring a simple instrument from an export when the project has none.

Each question column becomes a question whose id is slugified from its header and whose kind is
guessed from its cells: ``number`` (all numeric), ``date`` (all dates), ``likert`` (every value on
one known agreement/satisfaction/... scale), ``multiple`` (option columns whose ticked cells repeat
the option label, or one column whose cells join answers as Google Forms (``", "``) and Microsoft
Forms (``";"``) do: see :func:`joined_options`), ``single`` (few distinct short values), else
``text``.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise
from typing import Any

from survey.instrument import Instrument, Option, Question
from survey.readers.common import (
    TICK_TOKENS,
    Grid,
    cell_text,
    column_letter,
    is_number,
    is_other_option,
    normalise_label,
)
from survey.readers.dates import looks_like_date
from survey.readers.identifying import header_looks_like_data, identifying_content
from survey.readers.tabular import (
    _SPLIT,
    UNTICK_TOKENS,
    Column,
    Layout,
    _is_answer_sub,
    column_is_identifying,
)

_SCALES: tuple[tuple[str, ...], ...] = (
    ("Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree"),
    ("Very satisfied", "Satisfied", "Neither satisfied nor dissatisfied", "Dissatisfied",
     "Very dissatisfied"),
    ("Extremely likely", "Very likely", "Likely", "Neither likely nor unlikely", "Unlikely",
     "Very unlikely", "Extremely unlikely"),
    ("Excellent", "Very good", "Good", "Fair", "Average", "Poor", "Very poor"),
    ("Always", "Most of the time", "Often", "Sometimes", "Rarely", "Never"),
    ("Very easy", "Easy", "Neither easy nor difficult", "Difficult", "Very difficult"),
    ("Very confident", "Fairly confident", "Neither confident nor unconfident",
     "Not very confident", "Not at all confident"),
    ("Very helpful", "Helpful", "Somewhat helpful", "Neither helpful nor unhelpful",
     "Not very helpful", "Unhelpful", "Not at all helpful"),
)
_EXTRAS = ("Prefer not to say", "Don't know", "Not applicable", "N/A")
MAX_SINGLE_OPTIONS = 12
WRITE_IN_OTHER = "Other"  # where inferred options below disclosure.min_count are grouped
MAX_SINGLE_LENGTH = 60
CHOICE_KINDS = ("single", "multiple", "likert")
"""Question kinds whose options are answers to choose from."""
TYPO_RATIO = 0.85
MAX_MULTIPLE_OPTIONS = 30
JOINED_SEPARATORS = (";", ", ")
"""How one-cell multi-select exports join ticked answers: Microsoft Forms, Google Forms."""


@dataclass
class InferredInstrument:
    """An instrument inferred from one export.

    Attributes:
        instrument: The inferred questions (ids slugified from the headers).
        column_map: ``header -> question id`` for every column that became (part of) a question.
        option_counts: ``question id -> option label -> answers`` for the ``single`` questions,
            whose options are the answers themselves (see :func:`group_rare_options`).
    """

    instrument: Instrument
    column_map: dict[str, str] = field(default_factory=dict)
    option_counts: dict[str, dict[str, int]] = field(default_factory=dict)
    cells: dict[str, list[Any]] = field(default_factory=dict)
    """``question id -> the cells its kind was inferred from`` (questions of one column), so a
    project can decide a question's kind from every export together."""


def slugify(text: str, *, max_length: int = 40) -> str:
    """A question id from header text: lower-case words joined by ``_``, starting with a letter."""
    slug = re.sub(r"[^a-z0-9]+", "_", text.casefold()).strip("_")
    if len(slug) > max_length:
        cut = slug[:max_length]
        slug = cut.rsplit("_", 1)[0] if "_" in cut[10:] else cut
    if not slug or not slug[0].isalpha():
        slug = f"q_{slug}".rstrip("_")
    return slug


def _near(label: str, choices: Iterable[str]) -> bool:
    return any(difflib.SequenceMatcher(None, label, c).ratio() >= TYPO_RATIO for c in choices)


def _likert(values: Sequence[str]) -> tuple[str, ...] | None:
    """The scale the values come from; typos of scale labels (``Disagre``) are tolerated (they
    become unknown labels when the table is built)."""
    seen: dict[str, str] = {}
    for v in values:
        seen.setdefault(normalise_label(v), v)
    extras = {normalise_label(e) for e in _EXTRAS}
    for scale in _SCALES:
        norm_scale = {normalise_label(s): s for s in scale}
        on_scale = set(seen) & set(norm_scale)
        off = set(seen) - set(norm_scale) - extras
        if len(on_scale) >= 2 and len(off) <= len(on_scale) and all(
                _near(o, norm_scale) for o in off):
            labels = [seen.get(n, s) for n, s in norm_scale.items()]
            labels += [seen[n] for n in seen if n in extras]
            return tuple(labels)
    return None


def _natural(label: str) -> tuple:
    extra = normalise_label(label) in {normalise_label(e) for e in _EXTRAS}
    parts = re.split(r"(\d+)", normalise_label(label))
    return (extra, [(0, int(p), "") if p.isdecimal() else (1, 0, p) for p in parts])


def infer_kind(values: Sequence[Any]) -> tuple[str, tuple[str, ...]]:
    """Guess a question kind and its options from a column's cells.

    Returns:
        ``(kind, option labels)``; options are empty for ``text``, ``number`` and ``date``.
    """
    cells = [v for v in values if cell_text(v)]
    if not cells:
        return "text", ()
    if all(is_number(v) for v in cells):
        return "number", ()
    if all(looks_like_date(v) for v in cells):
        return "date", ()
    texts = [cell_text(v) for v in cells]
    if scale := _likert(texts):
        return "likert", scale
    if joined := joined_options(texts):
        return "multiple", joined.options
    distinct: dict[str, str] = {}
    for t in texts:
        distinct.setdefault(normalise_label(t), t)
    if (len(distinct) <= MAX_SINGLE_OPTIONS and len(distinct) <= max(1, len(texts) // 2)
            and max(len(t) for t in texts) <= MAX_SINGLE_LENGTH):
        return "single", tuple(sorted(distinct.values(), key=_natural))
    return "text", ()


@dataclass(frozen=True)
class JoinedOptions:
    """A one-column multi-select read from its joined cells (:func:`joined_options`).

    Attributes:
        options: The option labels, in the order the form lists them (mean position in cells).
        counts: ``label -> cells ticking it``.
        proven: Labels seen before another answer in some cell, or after two different ones:
            form options, never a typed write-in (which the platforms put last).
    """

    options: tuple[str, ...]
    counts: dict[str, int]
    proven: frozenset[str]


def _joined_parts(text: str, sep: str) -> list[str]:
    return [p.strip() for p in text.split(sep) if p.strip()]


def _rejoin_commas(rows: list[list[str]], sep: str) -> list[list[str]]:
    """Join back the pieces of a label that holds the separator itself.

    Google Forms joins ticked options with ``", "``, so "Counselling, therapy or support group"
    arrives as two pieces. A piece is the rest of the piece before it when it starts in lower
    case and the piece before it does not (an option's start, not a clause of free text), the
    two are always side by side in that order (neither ever appears without the other) and at
    least two cells give them: two real options chosen together in every cell that holds
    either would be a coincidence, a lower-case option a rarity.
    """
    follows: dict[str, set[str | None]] = defaultdict(set)
    followed: dict[str, set[str | None]] = defaultdict(set)
    together: Counter = Counter()
    for r in rows:
        keys = [normalise_label(p) for p in r]
        for i, k in enumerate(keys):
            follows[k].add(keys[i - 1] if i else None)
            followed[k].add(keys[i + 1] if i + 1 < len(keys) else None)
            if i:
                together[(keys[i - 1], k)] += 1
    rest_of: dict[str, str] = {}
    for r in rows:
        for before, p in pairwise(r):
            k = normalise_label(p)
            prev = next(iter(follows[k])) if len(follows[k]) == 1 else None
            if (p[:1].islower() and not before[:1].islower() and prev is not None
                    and followed[prev] == {k} and together[(prev, k)] >= 2):
                rest_of[k] = prev
    if not rest_of:
        return rows
    out = []
    for r in rows:
        merged: list[str] = []
        for p in r:
            if merged and rest_of.get(normalise_label(p)) == normalise_label(merged[-1]):
                merged[-1] = f"{merged[-1]}{sep}{p}"
            else:
                merged.append(p)
        out.append(merged)
    return out


def joined_options(texts: Sequence[str]) -> JoinedOptions | None:
    """The options of a "tick all that apply" question exported in one column, or None.

    Google Forms joins the ticked labels with ``", "`` in form order and puts an "Other" write-in
    last; Microsoft Forms joins them with ``";"``. Commas also occur in free text and in
    single-choice labels ("Yes, definitely"), so a column counts as joined only when its pieces
    behave like options: at least two cells hold several pieces; a piece is an option when it
    comes before another piece somewhere (a "proven" option: write-ins come last), or when two
    or more cells give it and it stands alone somewhere or follows two different pieces; every
    piece but a cell's last is an option; at most a quarter of the several-piece cells
    end in a piece that is not an option (a write-in); and three quarters of all cells are made
    only of options. Options that are not proven may still be a write-in that several people
    typed: :func:`group_rare_options` leaves them out below ``disclosure.min_count``. A piece that
    is not an option is read at ingest as "Other" text.
    """
    for sep in JOINED_SEPARATORS:
        rows = [_joined_parts(t, sep) for t in texts]
        if sep == ", ":  # Google Forms: a label may hold the separator
            rows = _rejoin_commas(rows, sep)
        multi = [r for r in rows if len(r) >= 2]
        if len(multi) < 2:
            continue
        label: dict[str, str] = {}
        counts: Counter = Counter()
        for r in rows:
            for part in dict.fromkeys(normalise_label(p) for p in r):
                counts[part] += 1
            for p in r:
                label.setdefault(normalise_label(p), p)
        alone = {normalise_label(r[0]) for r in rows if len(r) == 1}
        before = {normalise_label(p) for r in multi for p in r[:-1]}
        after: defaultdict[str, set[str]] = defaultdict(set)
        for r in multi:
            after[normalise_label(r[-1])].add(normalise_label(r[-2]))
        proven = before
        options = before | {a for a in counts if counts[a] >= 2 and (a in alone
                                                                      or len(after[a]) >= 2)}
        if not 2 <= len(options) <= MAX_MULTIPLE_OPTIONS or any(
                len(label[a]) > MAX_SINGLE_LENGTH for a in options):
            continue
        if any(normalise_label(p) not in options for r in rows for p in r[:-1]):
            continue
        if sum(normalise_label(r[-1]) not in options for r in multi) > len(multi) / 4:
            continue
        if sum(all(normalise_label(p) in options for p in r) for r in rows) < 0.75 * len(rows):
            continue
        place: defaultdict[str, list[float]] = defaultdict(list)
        for r in multi:
            for i, p in enumerate(r):
                place[normalise_label(p)].append(i / (len(r) - 1))
        order = sorted(options, key=lambda a: (sum(place[a]) / len(place[a]) if place[a]
                                               else 0.5, _natural(label[a])))
        return JoinedOptions(tuple(label[a] for a in order),
                             {label[a]: counts[a] for a in order},
                             frozenset(label[a] for a in proven))
    return None


def _groups(columns: list[Column],
            split_headers: bool) -> list[tuple[str, list[tuple[Column, str | None]]]]:
    """Consecutive columns sharing one question: ``(question text, [(column, sub-label)])``."""
    out: list[tuple[str, list[tuple[Column, str | None]]]] = []
    for col in columns:
        sub: str | None
        if col.option is not None and not _is_answer_sub(col.option):
            q, sub = col.question, col.option
        elif split_headers and _SPLIT in col.question:
            q, _, sub = col.question.rpartition(_SPLIT)
        else:
            q, sub = col.question, None
        if out and out[-1][0] == q and sub is not None:
            out[-1][1].append((col, sub))
        else:
            out.append((q, [(col, sub)]))
    return out


def infer_from_layout(grid: Grid, layout: Layout, *, name: str) -> InferredInstrument:
    """Infer an instrument from a grid described by a platform layout.

    Args:
        grid: The loaded export.
        layout: The platform reader's column layout.
        name: A name for the instrument.
    """
    data = grid.rows[layout.data_start:]
    questions: list[Question] = []
    column_map: dict[str, str] = {}
    used: set[str] = set()

    targets = {c.header: c.target for c in layout.columns if c.target}

    counts: dict[str, dict[str, int]] = {}
    column_cells: dict[str, list[Any]] = {}

    def add(text: str, kind: str, options: tuple[str, ...], headers: list[str],
            cells: Sequence[Any] = ()) -> None:
        base = targets.get(headers[0]) or slugify(text)
        qid, n = base, 2
        while qid in used:
            qid, n = f"{base}_{n}", n + 1
        used.add(qid)
        questions.append(Question(id=qid, text=text, kind=kind, options=tuple(
            Option(code=str(i + 1), label=o) for i, o in enumerate(options))))
        column_map.update({h: qid for h in headers})
        if kind == "single":
            counts[qid] = count_options(cells, options)
        if cells:
            column_cells[qid] = list(cells)

    cols = [c for c in layout.columns if c.role == "question" and not column_is_identifying(c)
            and identifying_content([r[c.index] for r in data]) is None]
    for c in cols:
        if header_looks_like_data(c.question) or header_looks_like_data(c.header):
            c.question = c.header = f"Column {column_letter(c.index)}"
    for text, members in _groups(cols, layout.split_headers):
        plain = [c for c, s in members if s is None]
        subs = [(c, s) for c, s in members if s is not None]
        if not (len(subs) >= 2 or (subs and plain) or (subs and not layout.split_headers)):
            for c, _s in members:  # a lone "<a> - <b>" header is one question
                kind, options = infer_kind([r[c.index] for r in data])
                add(c.question, kind, options, [c.header], [r[c.index] for r in data])
            continue
        opts = [(c, s) for c, s in subs if not is_other_option(s)]
        others = [c for c, s in subs if is_other_option(s)]
        tokens = TICK_TOKENS | UNTICK_TOKENS | {""}
        ticks = all(normalise_label(cell_text(r[c.index])) in tokens | {normalise_label(s)}
                    for c, s in opts for r in data)
        if opts and ticks and not plain:
            labels = tuple(s for _, s in opts) + (("Other",) if others else ())
            add(text, "multiple", labels, [c.header for c, _ in members])
            continue
        for c in plain[:1]:
            kind, options = infer_kind([r[c.index] for r in data])
            add(text, kind, options, [c.header, *(o.header for o in others)],
                [r[c.index] for r in data])
        for c, s in opts + ([] if plain else [(c, s) for c, s in subs if is_other_option(s)]):
            kind, options = ("text", ()) if is_other_option(s) else infer_kind(
                [r[c.index] for r in data])
            add(f"{text}{_SPLIT}{s}", kind, options, [c.header], [r[c.index] for r in data])
    return InferredInstrument(Instrument(name=name, questions=tuple(questions)), column_map,
                              counts, column_cells)


def count_options(cells: Sequence[Any], options: Sequence[str]) -> dict[str, int]:
    """How many cells hold each option label (compared case- and space-insensitively)."""
    by_norm = {normalise_label(o): o for o in options}
    counts = dict.fromkeys(options, 0)
    for cell in cells:
        label = by_norm.get(normalise_label(cell_text(cell)))
        if label is not None:
            counts[label] += 1
    return counts


def group_rare_options(question: Question, counts: dict[str, int], *,
                       min_count: int, keep: Iterable[str] = ()) -> Question:
    """An inferred ``single`` (or one-column ``multiple``) question with the options fewer than
    ``min_count`` respondents gave left out, and one ``Other`` option in their place. ``keep``:
    labels known to be the form's own options (:attr:`JoinedOptions.proven`), never left out.

    An inferred option is an answer somebody typed (a write-in such as a gender identity in
    their own words, or a name). Below ``min_count`` it is never its own category: the answer
    matches no option, so the pipeline groups it into ``Other`` and stores none of its text.
    With no option left at ``min_count``, ``Other`` is the only option (never free text, which
    would be quoted). An instrument file with the options listed keeps them all.
    """
    if question.kind not in ("single", "multiple") or min_count <= 1:
        return question
    keep = set(keep)
    kept = [o for o in question.options
            if counts.get(o.label, 0) >= min_count or o.label in keep]
    if len(kept) == len(question.options):
        return question
    if not any(normalise_label(o.label) == normalise_label(WRITE_IN_OTHER) for o in kept):
        kept.append(Option(code="", label=WRITE_IN_OTHER))
    return replace(question, options=tuple(replace(o, code=str(i + 1))
                                           for i, o in enumerate(kept)))


def scrub_option_labels(instrument: Instrument, anonymiser: Any) -> tuple[Instrument, int]:
    """Leave out inferred option labels in which the anonymiser finds an identifier.

    An inferred option is an answer itself, and an inferred instrument is written out (beside the
    exports by ``voices init``, into the output folder by a run) and stored; a label left out
    becomes an unknown answer, anonymised like free text at ingest. A closed question left with
    no option is read as free text (and anonymised as such).

    Returns:
        The instrument, and how many labels were left out.
    """
    labels = [(qi, o.label) for qi, q in enumerate(instrument.questions)
              if q.kind in CHOICE_KINDS for o in q.options]
    if not labels:
        return instrument, 0
    results = anonymiser.anonymise_batch([label for _, label in labels],
                                         respondent_ids=["(instrument)"] * len(labels))
    bad = {key for key, res in zip(labels, results, strict=True) if res.detections}
    questions = []
    for qi, q in enumerate(instrument.questions):
        kept = tuple(o for o in q.options if (qi, o.label) not in bad)
        if len(kept) != len(q.options):
            q = replace(q, options=kept) if kept else replace(q, kind="text", options=())
        questions.append(q)
    return replace(instrument, questions=tuple(questions)), len(bad)
