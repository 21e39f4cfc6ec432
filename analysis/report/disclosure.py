"""Statistical disclosure control for published count tables (privacy rule 7).

Primary suppression hides every count from 1 to ``min_count - 1`` (shown as ``"<{min_count}"``).
Secondary (complementary) suppression then hides further cells, shown as :data:`SECONDARY_MARK`
(the GSS symbol for confidential), until no suppressed cell can be worked out from the published
cells and totals.

Why the check is a graph search: write the table with its published totals as one augmented
table. Every published row and column is a linear constraint "cells sum to the total". Make a
graph whose nodes are the constrained rows and columns (all unconstrained lines merged into one
free node) and whose edges are the suppressed cells. A suppressed cell's value follows from the
published numbers exactly when its edge is a bridge (removing it disconnects its ends); when it
lies on a cycle, adding and subtracting along the cycle changes it without changing any total.
So we add suppressions until the graph has no bridge. In particular every published line then
has 0 or at least 2 suppressed cells.

The graph search knows nothing of the bounds a reader gets from the symbols themselves ("<5" is
1 to 4), so two "<5" cells adding up to 8 are both 4 although neither is a bridge. After it,
:func:`suppression_mask` hands the table to the LP auditor
(:mod:`survey.anonymise.disclosure_audit`), which adds complements until every suppressed cell
keeps a protection interval of ``min_interval_width``.

Tables that show the same people are decided together, not one by one: :func:`closed_plan`
puts every closed-question count the report publishes (pooled by cohort with the all-cohort
column, each wave, each pair of waves compared, and the bases) into one set of linked tables,
with the relations between them (options add up to the base, cohorts to the all-cohort column,
waves to the pooled figure), and protects them at once. The respondents table is in the same
set: a question's "Total asked" in a cohort is its answered base plus "No answer", and is the
cohort's surveyed respondents, so a hidden cohort size cannot be read off a closed table. Every writer of those tables then reads
its cells' suppression from that one plan (``plan=`` of :func:`apply_disclosure`), so a cell
hidden in the pooled table is hidden in the wave table too. The equality tables' closed answers
(the same counts by a sensitive characteristic's groups) are decided after it by
:func:`equality_plan`, linked to the closed tables with every closed cell frozen (never chosen
as a complement), and a block that cannot be protected that way is withheld.

Zero is not treated as sensitive: it is shown as 0 and is chosen as a complement only when no
non-zero cell is available. Each complement is chosen greedily among the cells in
the line of a bridge: non-zero before zero, then the one leaving fewest bridges, inner cells
before totals, smallest first. Bounds from non-negativity can still narrow a suppressed cell to a
range; they
cannot pin it exactly through the totals alone.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field, replace
from itertools import pairwise
from typing import Any

import numpy as np
import pandas as pd

from survey.anonymise.disclosure_audit import (
    PRIMARY,
    PUBLISHED,
    SECONDARY,
    UNPUBLISHED,
    LinkedTables,
    Unprotectable,
    audit,
    default_width,
    grid_problem,
    protect,
    split,
)

SECONDARY_MARK = "[c]"
TOTAL = "Total"
PCT_SUFFIX = " %"


def small_mark(min_count: int) -> str:
    """The text shown for a primary-suppressed count, e.g. ``"<5"``."""
    return f"<{min_count}"


def _is_bridge(edges: list[tuple[object, object]], k: int) -> bool:
    """Whether edge ``k`` of a multigraph is a bridge."""
    a, b = edges[k]
    if a == b:
        return False
    adj: dict[object, list[object]] = {}
    for i, (u, v) in enumerate(edges):
        if i == k:
            continue
        adj.setdefault(u, []).append(v)
        adj.setdefault(v, []).append(u)
    seen, stack = {a}, [a]
    while stack:
        node = stack.pop()
        for nxt in adj.get(node, ()):
            if nxt == b:
                return False
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return True


def suppression_mask(counts: np.ndarray, *, min_count: int, row_totals: bool = True,
                     column_totals: bool = True, min_interval_width: int | None = None
                     ) -> tuple[np.ndarray, np.ndarray]:
    """Decide which cells of a count table (augmented with its totals) to suppress.

    Args:
        counts: A 2-D array of non-negative whole numbers, without totals.
        min_count: Counts from 1 to ``min_count - 1`` are suppressed.
        row_totals: Whether each row's total is published (as an extra last column).
        column_totals: Whether each column's total is published (as an extra last row).
        min_interval_width: The protection interval every suppressed cell keeps (default
            :func:`survey.anonymise.disclosure_audit.default_width`).

    Returns:
        ``(primary, secondary)``: boolean arrays shaped like the augmented table (one more column
        when ``row_totals``, one more row when ``column_totals``; the corner is the grand total,
        present when both are published).

    Raises:
        ValueError: ``counts`` is not 2-D, has negative values, or ``min_count`` < 1.
    """
    a = np.asarray(counts)
    if a.ndim != 2:
        raise ValueError(f"counts must be a 2-D table, got {a.ndim} dimension(s)")
    if a.size and (a < 0).any():
        raise ValueError("counts must be non-negative")
    if min_count < 1:
        raise ValueError(f"min_count must be 1 or more, got {min_count}")
    aug = a.astype(np.int64)
    if row_totals:
        aug = np.hstack([aug, aug.sum(axis=1, keepdims=True)])
    if column_totals:
        aug = np.vstack([aug, aug.sum(axis=0, keepdims=True)])
    n_rows, n_cols = aug.shape
    primary = (aug > 0) & (aug < min_count)
    supp = primary.copy()
    inner_rows = n_rows - (1 if column_totals else 0)
    inner_cols = n_cols - (1 if row_totals else 0)

    def node(i: int, j: int) -> tuple[object, object]:
        return (("r", i) if row_totals else "free", ("c", j) if column_totals else "free")

    def bridges(mask: np.ndarray) -> list[tuple[int, int]]:
        cells = [(int(i), int(j)) for i, j in zip(*np.nonzero(mask))]
        edges = [node(i, j) for i, j in cells]
        return [cells[k] for k in range(len(cells)) if _is_bridge(edges, k)]

    def cost(c: tuple[int, int]) -> tuple[int, int, int, int, int]:
        is_total = int(c[0] >= inner_rows or c[1] >= inner_cols)
        v = int(aug[c])
        return (int(v == 0), is_total, v, c[0], c[1])

    current = bridges(supp)
    while current:
        cands: set[tuple[int, int]] = set()
        for i, j in current:
            if row_totals:
                cands |= {(i, k) for k in range(n_cols) if not supp[i, k]}
            if column_totals:
                cands |= {(k, j) for k in range(n_rows) if not supp[k, j]}
        if not cands:  # cannot happen while a line is constrained; guard anyway
            break
        best, best_key, best_bridges = None, None, None
        for c in sorted(cands):
            trial = supp.copy()
            trial[c] = True
            after = bridges(trial)
            zero, *rest = cost(c)
            key = (zero, len(after), *rest)
            if best_key is None or key < best_key:
                best, best_key, best_bridges = c, key, after
        supp[best] = True
        current = best_bridges
    if supp.any():  # the bounds "<N" gives a reader: the LP auditor finishes the job
        problem = grid_problem(a, min_count=min_count, row_totals=row_totals,
                               column_totals=column_totals)
        for i, j in zip(*np.nonzero(supp & ~primary)):
            problem.status[(int(i), int(j))] = SECONDARY
        for i, j in protect(problem, min_interval_width=min_interval_width):
            supp[i, j] = True
    return primary, supp & ~primary


def _pct(count: float, base: float) -> float:
    return round(100.0 * count / base, 1)


def apply_disclosure(table: pd.DataFrame, *, min_count: int, min_base_for_percent: int,
                     bases: pd.Series | pd.DataFrame | None = None, row_totals: bool = True,
                     column_totals: bool = True, percentages: bool = True,
                     total_label: str = TOTAL, min_interval_width: int | None = None,
                     plan: Mapping[Hashable, str] | None = None,
                     plan_key: Callable[[object, str], Hashable] | None = None
                     ) -> tuple[pd.DataFrame, list[str]]:
    """Disclosure-control a count table for publication.

    Args:
        table: Whole-number counts; index = row labels, columns = column labels, no totals.
        min_count: Counts from 1 to ``min_count - 1`` are shown as ``"<{min_count}"``.
        min_base_for_percent: No percentage is shown on a base smaller than this.
        bases: Base of each percentage: per column (Series) or per cell (DataFrame shaped like
            ``table``); the caller publishes them (a percentage reveals its base). Defaults to
            the column totals, and then no percentage is shown in a column whose total is
            suppressed.
        row_totals: Publish a ``total_label`` column (each row's total).
        column_totals: Publish a ``total_label`` row (each column's total).
        percentages: Add a ``"<column> %"`` column after each count column.
        total_label: Label of the total row and column.
        min_interval_width: Protection interval for this table's own suppression.
        plan: A suppression decided over linked tables (:func:`closed_plan`): key -> status.
            With ``plan_key`` (row label, column label -> key; margins are ``total_label``),
            the table shows exactly the plan's suppressions. Where a cell has no key in the
            plan, the table is decided on its own instead.
        plan_key: See ``plan``.

    Returns:
        ``(published, notes)``: ``published`` holds ints for shown counts, ``"<N"`` for small
        counts and :data:`SECONDARY_MARK` for complementary suppressions; percentage columns
        hold a float or ``None`` (suppressed count or small base). ``notes`` says what was
        suppressed and why (always at least one note).

    Raises:
        ValueError: Negative or non-whole counts, ``min_count`` below 1, or percentages of
            column totals that are not published.
    """
    values = table.to_numpy(dtype=float) if table.size else np.zeros(table.shape)
    if values.size and (np.isnan(values).any() or (values != np.round(values)).any()):
        raise ValueError("counts must be whole numbers")
    counts = values.astype(np.int64)
    primary, secondary = _planned(counts, table, plan, plan_key, min_count=min_count,
                                  row_totals=row_totals, column_totals=column_totals,
                                  total_label=total_label)
    if primary is None:
        primary, secondary = suppression_mask(counts, min_count=min_count,
                                              row_totals=row_totals, column_totals=column_totals,
                                              min_interval_width=min_interval_width)
    n_r, n_c = counts.shape
    aug = counts
    if row_totals:
        aug = np.hstack([aug, aug.sum(axis=1, keepdims=True)])
    if column_totals:
        aug = np.vstack([aug, aug.sum(axis=0, keepdims=True)])
    cols = [str(c) for c in table.columns] + ([total_label] if row_totals else [])
    rows = list(table.index) + ([total_label] if column_totals else [])

    if bases is None and percentages and not column_totals:
        raise ValueError("percentages of column totals need column_totals=True (or bases): "
                         "a percentage would reveal an unpublished total")
    if bases is None:
        # a percentage reveals its base: none where the column's total is suppressed
        hidden_total = primary[-1, :] | secondary[-1, :]
        base = np.tile(np.where(hidden_total, np.nan, aug[-1, :].astype(float)), (len(rows), 1))
    elif isinstance(bases, pd.DataFrame):
        b = bases.reindex(index=table.index, columns=table.columns).to_numpy(dtype=float)
        if row_totals:
            b = np.hstack([b, np.nansum(b, axis=1, keepdims=True)])
        if column_totals:
            b = np.vstack([b, b[-1:, :] * np.nan])
        base = b
    else:
        b = bases.reindex(table.columns).to_numpy(dtype=float)
        if row_totals:
            b = np.append(b, np.nansum(b))
        base = np.tile(b, (len(rows), 1))

    small = small_mark(min_count)
    out: dict[str, list[object]] = {}
    few_base = False
    for j, col in enumerate(cols):
        shown, pct = [], []
        for i in range(len(rows)):
            if primary[i, j]:
                shown.append(small)
            elif secondary[i, j]:
                shown.append(SECONDARY_MARK)
            else:
                shown.append(int(aug[i, j]))
            bv = base[i, j] if i < base.shape[0] and j < base.shape[1] else math.nan
            if isinstance(shown[-1], str) or math.isnan(bv) or bv <= 0:
                pct.append(None)
            elif bv < min_base_for_percent:
                pct.append(None)
                few_base = True
            else:
                pct.append(_pct(aug[i, j], bv))
        out[col] = shown
        if percentages:
            out[col + PCT_SUFFIX] = pct
    published = pd.DataFrame(out, index=pd.Index(rows, name=table.index.name), dtype=object)

    notes = []
    n_p, n_s = int(primary.sum()), int(secondary.sum())
    if n_p:
        notes.append(f"{n_p} count(s) from 1 to {min_count - 1} are shown as \"{small}\" "
                     f"(disclosure control: counts below {min_count} are not published).")
    if n_s:
        notes.append(f"{n_s} further cell(s) are shown as \"{SECONDARY_MARK}\" so that no "
                     "suppressed count can be worked out from the row and column totals.")
    if not n_p and not n_s:
        notes.append(f"No count needed suppressing (threshold: counts below {min_count}).")
    if percentages:
        notes.append("Percentages are not shown for suppressed counts"
                     + (f" or on a base under {min_base_for_percent}" if few_base else "")
                     + f" (minimum base for a percentage: {min_base_for_percent}).")
    notes.append("Zero counts are shown as 0: a zero identifies no one.")
    return published, notes


def _planned(counts: np.ndarray, table: pd.DataFrame, plan: Mapping[Hashable, str] | None,
             plan_key: Callable[[object, str], Hashable] | None, *, min_count: int,
             row_totals: bool, column_totals: bool, total_label: str
             ) -> tuple[np.ndarray | None, np.ndarray | None]:
    """The plan's masks for this table, or ``(None, None)`` when the plan does not cover it."""
    if plan is None or plan_key is None:
        return None, None
    aug = counts
    if row_totals:
        aug = np.hstack([aug, aug.sum(axis=1, keepdims=True)])
    if column_totals:
        aug = np.vstack([aug, aug.sum(axis=0, keepdims=True)])
    rows = list(table.index) + ([total_label] if column_totals else [])
    cols = [str(c) for c in table.columns] + ([total_label] if row_totals else [])
    supp = np.zeros(aug.shape, dtype=bool)
    marked = np.zeros(aug.shape, dtype=bool)  # a small count the plan shows as "[c]"
    for i, r in enumerate(rows):
        for j, c in enumerate(cols):
            status = plan.get(plan_key(r, c))
            if status is None:
                return None, None
            supp[i, j] = status in (PRIMARY, SECONDARY)
            marked[i, j] = status == SECONDARY
    primary = (aug > 0) & (aug < min_count) & ~marked
    return primary, (supp | primary) & ~primary


BASE = "(base)"
ALL = "(all)"
NO_ANSWER_KEY = "(no answer)"
ASKED_KEY = "(asked)"
INTERVIEW = "interview"


def respondents_key(cohort: object, kind: object) -> tuple:
    """The plan key of one cell of the respondents table: ``cohort`` or :data:`TOTAL` by kind
    of source (``survey``, ``interview``) or :data:`TOTAL`."""
    return ("respondents", str(cohort), str(kind))


def _respondent_grid(data: Any) -> pd.DataFrame:
    """Respondents per cohort and kind of source, as
    :func:`analysis.summarise.respondent_counts` counts them (that module sits above this one)."""
    r = data.responses
    kind = r["kind"] if "kind" in r else pd.Series("survey", index=r.index)
    t = pd.crosstab(r["cohort"].astype(str), kind.fillna("survey").astype(str))
    return t.astype(int)


def _wave_sets(data: Any) -> tuple[list[int], list[tuple[int, int]]]:
    r = data.responses
    if "kind" in r:
        r = r[r["kind"].fillna("survey") != "interview"]
    if "wave" not in r or r.empty:
        return [], []
    waves = sorted(int(w) for w in r["wave"].dropna().unique())
    return waves, list(pairwise(waves))


def closed_key(qid: str, option: object, cohort: str, waves: object = ALL) -> tuple:
    """The plan key of one closed-question count: ``option`` may be :data:`BASE`, ``cohort``
    :data:`ALL`, ``waves`` :data:`ALL` (pooled), a wave, or a pair of waves compared."""
    return ("closed", str(qid), str(option), str(cohort), waves)


def closed_plan(data: Any, tabulate: Callable[[Any], pd.DataFrame]) -> dict[Hashable, str]:
    """One suppression decision for every closed-question count the report publishes.

    Built once per report data (kept on ``data``) and read by the pooled closed-question
    tables (:mod:`analysis.report.tables`) and the wave comparison (:mod:`analysis.waves`).

    Args:
        data: The report data.
        tabulate: :func:`analysis.summarise.closed_tables` (passed in: that module sits above
            this one).

    Returns:
        Key (:func:`closed_key`) -> status (``published``, ``primary``, ``secondary``).
    """
    cached = getattr(data, "_closed_plan", None)
    if cached is not None:
        return cached
    problem = closed_problem(data, tabulate)
    dc = data.disclosure
    protect(problem, min_interval_width=getattr(dc, "min_interval_width", None),
            keep=lambda k: k[2] == BASE)
    _show_respondent_totals(problem, getattr(dc, "min_interval_width", None))
    plan = {k: s for k, s in problem.status.items() if s != UNPUBLISHED}
    try:
        data._closed_plan = plan
        data._closed_problem = problem  # relations and true values, for published_closed
    except AttributeError:  # a frozen or slotted stand-in: recomputed next time
        pass
    return plan


def _show_respondent_totals(p: LinkedTables, width: int | None) -> None:
    """Show again the respondents totals (how many people took part, by kind and overall) that
    the greedy search hid, where the audit passes without hiding them: the search hides a
    total when no single cell protects a small cohort, though hiding a question's "Total
    asked" and "No answer" would have done. A complement whose value the shown totals then
    give exactly (an all-cohort "Total asked" equal to everyone surveyed) is shown too: hiding
    it protects nothing."""
    grand = respondents_key(TOTAL, TOTAL)
    row = [k for k in p.status if k[:2] == ("respondents", TOTAL)]
    hidden = [k for k in row if p.status[k] == SECONDARY]
    by_kind = [k for k in row if k != grand and p.status[k] == PUBLISHED]
    # (show, hide): the whole row (one total shown alone can pin another), the overall total
    # with the totals by kind hidden instead, then each total alone
    trials = [(hidden, []), ([grand], by_kind), *(([k], []) for k in hidden)]
    for show, hide in trials if hidden else []:
        if not show or any(p.status[k] != SECONDARY for k in show):
            continue
        piece = next(x for x in split(p) if show[0] in x.status)
        for k in hide:
            piece.status[k] = SECONDARY
        shown = list(show)
        for _ in range(len(piece.status)):
            for k in shown:
                piece.status[k] = PUBLISHED
            result = audit(piece, min_interval_width=width)
            failing = [c for c in result.cells if not c.ok]
            pinned = [c.key for c in failing if c.status == SECONDARY and c.low == c.high]
            if not failing or len(pinned) < len(failing):
                break
            shown += pinned
        if not failing:
            p.status.update({k: SECONDARY for k in hide})
            p.status.update({k: PUBLISHED for k in shown})


def closed_problem(data: Any, tabulate: Callable[[Any], pd.DataFrame]) -> LinkedTables:
    """The closed-question counts the report publishes, linked (true values; for
    :func:`closed_plan` and the report's audit), with the respondents table: a question's
    "Total asked" in a cohort is that cohort's surveyed respondents."""
    closed_tables = tabulate
    dc = data.disclosure
    p = LinkedTables(min_count=dc.min_count)
    surveyed = _add_respondents(p, data)
    waves, pairs = _wave_sets(data)
    pooled = closed_tables(data)
    per_wave = {}
    for w in waves:
        r = data.responses
        sub = r[r["wave"].notna() & (pd.to_numeric(r["wave"], errors="coerce") == w)]
        per_wave[w] = closed_tables(replace(data, responses=sub.reset_index(drop=True)))
    questions = {q.id: q for q in data.instrument.closed}

    def grid(t: pd.DataFrame) -> tuple[dict[tuple[str, str], int], dict[str, int], list[str]]:
        t = t[t["row_kind"] != "missing"]
        cells = {(str(o), str(c)): int(n) for o, c, n in zip(t["option"], t["cohort"],
                                                            t["count"])}
        bases = {str(c): int(b) for c, b in zip(t["cohort"], t["base"])}
        return cells, bases, list(dict.fromkeys(str(o) for o in t["option"]))

    for qid, q in pooled.groupby("question_id", sort=False):
        qid = str(qid)
        multi = q["kind"].iloc[0] == "multiple"
        cells, bases, options = grid(q)
        cohorts = list(bases)
        name = f"closed_{qid}"
        for (o, c), n in cells.items():
            p.add(closed_key(qid, o, c), n, table=name)
        for c, b in bases.items():
            p.add(closed_key(qid, BASE, c), b, table=name)
        # "No answer" identifies no one (published unless hidden as a complement); "Total
        # asked" is answered plus no answer, and everyone surveyed in the cohort
        miss = q[q["row_kind"] == "missing"]
        missing = {str(c): int(n) for c, n in zip(miss["cohort"], miss["count"])}
        for c in cohorts:
            n_miss = missing.get(c, 0)
            p.add(closed_key(qid, NO_ANSWER_KEY, c), n_miss, status=PUBLISHED, table=name)
            p.add(closed_key(qid, ASKED_KEY, c), bases[c] + n_miss, table=name)
            p.add_sum(closed_key(qid, ASKED_KEY, c),
                      [closed_key(qid, BASE, c), closed_key(qid, NO_ANSWER_KEY, c)])
            parts = surveyed.get(c, [])
            if parts and sum(p.values[k] for k in parts) == bases[c] + n_miss:
                p.add_sum(closed_key(qid, ASKED_KEY, c), parts)
        many = len(cohorts) > 1
        for o in [*options, BASE, NO_ANSWER_KEY, ASKED_KEY]:
            if many:
                parts = [closed_key(qid, o, c) for c in cohorts]
                total = sum(p.values[k] for k in parts)
                p.add(closed_key(qid, o, ALL), total,
                      status=PUBLISHED if o == NO_ANSWER_KEY else None, table=name)
                p.add_sum(closed_key(qid, o, ALL), parts)
        for c in cohorts + ([ALL] if many else []):
            _relate_options(p, qid, options, c, ALL, multi)
        # each wave (published where two waves are compared), each pair compared
        spec = questions.get(qid)
        by_wave = {}
        for w in waves:
            t = per_wave[w]
            by_wave[w] = grid(t[(t["question_id"] == qid)])
        shown_pairs = [(a, b) for a, b in pairs
                       if spec is None or (spec.asked_in(a) and spec.asked_in(b))]
        for c in cohorts:
            shown_w = {w for a, b in shown_pairs for w in (a, b)
                       if min(by_wave[a][1].get(c, 0), by_wave[b][1].get(c, 0))
                       >= dc.min_count}  # as analysis.waves.closed_comparison
            for w in waves:
                wcells, wbases, _ = by_wave[w]
                status = None if w in shown_w else UNPUBLISHED
                for o in [*options, BASE]:
                    n = wbases.get(c, 0) if o == BASE else wcells.get((o, c), 0)
                    p.add(closed_key(qid, o, c, w), n, status=status,
                          table=f"waves_{qid}_{c}")
                _relate_options(p, qid, options, c, w, multi)
            for o in [*options, BASE]:
                if sum(p.values[closed_key(qid, o, c, w)] for w in waves) == p.values[
                        closed_key(qid, o, c)]:  # every surveyed respondent has a wave
                    p.add_sum(closed_key(qid, o, c), [closed_key(qid, o, c, w) for w in waves])
            for a, b in shown_pairs:
                if not {a, b} <= shown_w:
                    continue
                key = (a, b) if len(waves) > 2 else ALL
                for o in [*options, BASE]:
                    parts = [closed_key(qid, o, c, a), closed_key(qid, o, c, b)]
                    if key == ALL:
                        continue  # the pair is the pooled figure, already related
                    both = closed_key(qid, o, c, key)
                    shown = o != BASE or not multi
                    p.add(both, sum(p.values[k] for k in parts),
                          status=None if shown else UNPUBLISHED, table=f"waves_{qid}_{c}")
                    p.add_sum(both, parts)
    return p


def _add_respondents(p: LinkedTables, data: Any) -> dict[str, list[tuple]]:
    """Add the respondents table (cohort by kind of source, with its totals) to ``p``; returns
    each cohort's surveyed cells (every kind but interviews), whose sum is who was asked a
    closed question."""
    grid = _respondent_grid(data)
    if grid.empty:
        return {}
    cohorts, kinds = [str(c) for c in grid.index], [str(k) for k in grid.columns]
    name = "respondents"
    for c in cohorts:
        for k in kinds:
            p.add(respondents_key(c, k), int(grid.at[c, k]), table=name)
    for c in cohorts:
        parts = [respondents_key(c, k) for k in kinds]
        p.add(respondents_key(c, TOTAL), sum(p.values[x] for x in parts), table=name)
        p.add_sum(respondents_key(c, TOTAL), parts)
    for k in [*kinds, TOTAL]:
        parts = [respondents_key(c, k) for c in cohorts]
        if k != TOTAL:
            p.add(respondents_key(TOTAL, k), sum(p.values[x] for x in parts), table=name)
        else:
            p.add(respondents_key(TOTAL, TOTAL), int(grid.to_numpy().sum()), table=name)
            p.add_sum(respondents_key(TOTAL, TOTAL), [respondents_key(TOTAL, x) for x in kinds])
        p.add_sum(respondents_key(TOTAL, k), parts)
    return {c: [respondents_key(c, k) for k in kinds if k != INTERVIEW] for c in cohorts}


def _relate_options(p: LinkedTables, qid: str, options: list[str], cohort: str,
                    waves: object, multi: bool) -> None:
    base = closed_key(qid, BASE, cohort, waves)
    keys = [closed_key(qid, o, cohort, waves) for o in options]
    if base not in p.status:
        return
    if multi:
        for k in keys:
            p.add_at_most(k, base)
    else:
        p.add_sum(base, keys)


def pair_key(waves: list[int], pair: tuple[int, int]) -> object:
    """The plan's wave key for a compared pair (:data:`ALL` when the pair is every wave)."""
    return ALL if len(waves) <= 2 else tuple(pair)


def published_closed(data: Any, tabulate: Callable[[Any], pd.DataFrame]) -> LinkedTables:
    """The closed-question counts as the report shows them (the plan's statuses), for the
    audit; hidden values are dropped by :func:`~survey.anonymise.disclosure_audit.to_dict`."""
    plan = closed_plan(data, tabulate)
    built = getattr(data, "_closed_problem", None) or closed_problem(data, tabulate)
    problem = LinkedTables(built.min_count, dict(built.values), dict(built.status),
                           dict(built.table), list(built.sums), list(built.at_most))
    for k in problem.status:
        if k in plan:
            problem.status[k] = plan[k]
    return problem


def _reader_cell(v: object, min_count: int) -> tuple[str, int | None] | None:
    """A displayed cell as a reader reads it: ``(status, value)``, or None (not a count)."""
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, (int, np.integer)) or (isinstance(v, float) and v.is_integer()):
        return PUBLISHED, int(v)
    if v == small_mark(min_count):
        return PRIMARY, None
    if v == SECONDARY_MARK:
        return SECONDARY, None
    return None


def add_frame(problem: LinkedTables, name: str, df: pd.DataFrame, parts: list[str],
              total: str | None = None, *, bases: Mapping[str, str] | None = None,
              label: Callable[[int, pd.Series], str] | None = None) -> None:
    """Add a published table's counts as a reader sees them (no hidden value): per row,
    ``parts`` add up to ``total`` where both are shown, and each count is at most its base
    (``bases``: count column -> base column)."""
    for i, row in df.iterrows():
        tag = label(i, row) if label else str(i)
        keys: dict[str, tuple] = {}
        cols = [*parts, *([total] if total else []), *((bases or {}).values())]
        for col in dict.fromkeys(cols):
            cell = _reader_cell(row.get(col), problem.min_count) if col in df.columns else None
            if cell is None:
                continue
            keys[col] = ("table", name, tag, col)
            problem.add(keys[col], cell[1], status=cell[0], table=name)
        if total in keys and all(c in keys for c in parts):
            problem.add_sum(keys[total], [keys[c] for c in parts])
        for col, base in (bases or {}).items():
            if col in keys and base in keys:
                problem.add_at_most(keys[col], keys[base])


def published_problem(data: Any, tables: Any, tabulate: Callable[[Any], pd.DataFrame]
                      ) -> LinkedTables:
    """Everything the audit checks: the closed-question counts (:func:`published_closed`), the
    equality tables' closed answers linked to them (:func:`equality_plan`, kept on ``data``
    when ``tables`` were built from it) and, as a reader sees them, the theme table, the
    emergent-topic table and the wave comparisons of themes."""
    problem = published_closed(data, tabulate)
    if tables is None:
        return problem
    linked = getattr(data, "_equality_problem", None)
    if linked is not None and any(str(t.key).startswith("equality_closed_")
                                  for t in getattr(tables, "equality", ()) or ()):
        problem = LinkedTables(linked.min_count, dict(linked.values), dict(linked.status),
                               dict(linked.table), list(linked.sums), list(linked.at_most))
    # the theme tables linked (analysis.report.theme_plan.published_themes, kept on ``data``)
    linked = getattr(data, "_theme_problem", None)
    if linked is not None and tables.themes is not None:
        for k, s in linked.status.items():
            problem.add(k, linked.values[k], status=s, table=linked.table.get(k, ""))
        problem.sums += linked.sums
        problem.at_most += linked.at_most
    themes = tables.themes
    if themes is not None and len(themes.table):
        cols = [c for c in themes.value_columns if c in themes.table.columns]
        total = "All respondents" if "All respondents" in themes.table.columns else None
        add_frame(problem, themes.key, themes.table, cols, total,
                  bases={c: f"{c} base" for c in [*cols, *([total] if total else [])]},
                  label=lambda i, r: f"{r.get('Theme')} / {r.get('Code')}")
    topics = tables.topics
    if topics is not None and len(topics.table) and "Answers" in topics.table.columns:
        parts = [c for c in topics.table.columns if str(c).endswith(" answers")]
        add_frame(problem, topics.key, topics.table, parts, "Answers",
                  label=lambda i, r: f"topic {r.get('Topic')}")
    for section in getattr(tables, "extra_sections", ()) or ():
        if not str(section.key).endswith("themes"):
            continue
        for caption, df in section.tables:
            waves = [c for c in df.columns if re.fullmatch(r"Wave \d+", str(c))]
            if len(waves) != 2 or "Both waves" not in df.columns:
                continue
            first = df.columns[0]
            base = df[df[first] == "Base (answered)"]
            body = df[df[first] != "Base (answered)"]
            add_frame(problem, f"{section.key}: {caption}", df, waves, "Both waves",
                      label=lambda i, r, f=first: str(r[f]))
            if len(base):
                b = base.iloc[0]
                for i, r in body.iterrows():
                    for w in waves:
                        k = ("table", f"{section.key}: {caption}", str(r[first]), w)
                        kb = ("table", f"{section.key}: {caption}", "Base (answered)", w)
                        if k in problem.status and kb in problem.status and \
                                _reader_cell(b[w], problem.min_count) is not None:
                            problem.add_at_most(k, kb)
    return problem


# -- the equality tables' closed answers, protected linked to the closed-question plan ----------
EQUALITY = "equality"


def equality_key(characteristic: str, qid: str, option: object, group: object) -> tuple:
    """The key of one count of an equality table's closed answers: ``option`` may be
    :data:`BASE` (the "Answered (base)" row), ``group`` :data:`ALL` (the "All" column)."""
    return (EQUALITY, str(characteristic), str(qid), str(option), str(group))


@dataclass
class EqualityBlock:
    """One question's answers by one characteristic's groups, before disclosure control.

    Attributes:
        characteristic: The characteristic's question id.
        characteristic_multi: Whether a respondent can be in several groups (multiple choice).
        characteristic_options: The characteristic's options (a group so named is the
            respondents who chose it, whose number the characteristic's own closed table shows).
        qid: The question broken down.
        multi: Whether the question is multiple choice (options at most the base, not adding
            up to it).
        counts: Options (rows) by groups (columns), whole numbers.
        bases: Per group, how many answered the question.
        cohorts: The cohorts counted (asked both the characteristic and the question).
        seed: Key (:func:`equality_key`) -> status, as the table decided on its own has it.
    """

    characteristic: str
    characteristic_multi: bool
    characteristic_options: tuple[str, ...]
    qid: str
    multi: bool
    counts: pd.DataFrame
    bases: dict[str, int]
    cohorts: tuple[str, ...]
    seed: dict[tuple, str] = field(default_factory=dict)

    def key(self, option: object, group: object) -> tuple:
        return equality_key(self.characteristic, self.qid, option, group)


def _add_equality_block(p: LinkedTables, b: EqualityBlock) -> None:
    """Add one block's cells and the relations a reader knows (see :func:`equality_plan`)."""
    name = f"equality_closed_{b.characteristic}"
    options = [str(o) for o in b.counts.index]
    groups = [str(g) for g in b.counts.columns]
    grid = {(str(o), str(g)): int(b.counts.at[o, g]) for o in b.counts.index
            for g in b.counts.columns}
    for g in groups:
        grid[(BASE, g)] = int(b.bases.get(g, 0))
    for o in [*options, BASE]:
        for g in groups:
            p.add(b.key(o, g), grid[(o, g)], status=b.seed.get(b.key(o, g)), table=name)
        total = sum(grid[(o, g)] for g in groups)  # the "All" column is the row's sum
        p.add(b.key(o, ALL), total, status=b.seed.get(b.key(o, ALL)), table=name)
        p.add_sum(b.key(o, ALL), [b.key(o, g) for g in groups])
    for g in [*groups, ALL]:
        if b.multi:
            for o in options:
                p.add_at_most(b.key(o, g), b.key(BASE, g))
        else:
            p.add_sum(b.key(BASE, g), [b.key(o, g) for o in options])
    # the closed tables count the same respondents over the cohorts asked
    cohorts = [c for c in b.cohorts if closed_key(b.qid, BASE, c) in p.status]
    for o in [*options, BASE]:
        parts = [closed_key(b.qid, o, c) for c in cohorts if closed_key(b.qid, o, c) in p.status]
        if not parts:
            continue
        pooled = sum(p.values[k] for k in parts)
        every = b.key(o, ALL)
        if not b.characteristic_multi:
            # each respondent is in one group: the "All" column is the closed tables' count
            if pooled == p.values[every]:
                p.add_sum(every, parts)
                _match_status(p, every, parts)
            continue
        # groups overlap: each group at most the closed count, which is at most "All"
        node = _sum_node(p, ("equality-pool", b.qid, o, tuple(cohorts)), parts)
        if p.values[node] <= p.values[every]:
            p.add_at_most(node, every)
        for g in groups:
            if p.values[b.key(o, g)] <= p.values[node]:
                p.add_at_most(b.key(o, g), node)
    # a group's answered base is at most the group's size in the characteristic's own table
    for g in groups:
        if g not in b.characteristic_options:
            continue
        parts = [closed_key(b.characteristic, g, c) for c in cohorts
                 if closed_key(b.characteristic, g, c) in p.status]
        if parts:
            node = _sum_node(p, ("equality-size", b.characteristic, g, tuple(cohorts)), parts)
            if p.values[b.key(BASE, g)] <= p.values[node]:
                p.add_at_most(b.key(BASE, g), node)


def _small_as_secondary(b: EqualityBlock, min_count: int) -> EqualityBlock:
    """``b`` with every count from 1 to ``min_count - 1`` shown as ``"[c]"`` instead of
    ``"<N"``: a ``"<N"`` tells a reader the count is at least 1, which, added over a block's
    groups, can narrow a hidden count of the closed tables; ``"[c]"`` (the one symbol ONS uses
    for every confidential cell) tells nothing of the value."""
    seed = dict(b.seed)
    options = [*b.counts.index, BASE]
    for o in options:
        row = {str(g): (int(b.bases.get(g, 0)) if o == BASE else int(b.counts.at[o, g]))
               for g in b.counts.columns}
        for g, v in [*row.items(), (ALL, sum(row.values()))]:
            if 0 < v < min_count:
                seed[b.key(o, g)] = SECONDARY
    return replace(b, seed=seed)


def _sum_node(p: LinkedTables, key: tuple, parts: list[tuple]) -> tuple:
    """``parts`` itself when one, else an unpublished cell that is their sum."""
    if len(parts) == 1:
        return parts[0]
    if key not in p.status:
        p.add(key, sum(p.values[k] for k in parts), status=UNPUBLISHED)
        p.add_sum(key, parts)
    return key


def _match_status(p: LinkedTables, every: tuple, parts: list[tuple]) -> None:
    """An "All" cell that is one closed count is that count: hidden where it is hidden, shown
    where it is shown (hiding a number printed in another table protects nothing); the sum of
    several shown closed counts is shown too."""
    hidden = [k for k in parts if p.status[k] in (PRIMARY, SECONDARY)]
    if hidden and len(parts) == 1 and p.status[every] == PUBLISHED:
        p.status[every] = SECONDARY
    elif not hidden and p.status[every] == SECONDARY:
        p.status[every] = PUBLISHED


def _equality_problem(closed: LinkedTables, blocks: list[EqualityBlock],
                      statuses: Mapping[Hashable, str] | None = None) -> LinkedTables:
    """``closed`` with ``blocks`` added (statuses: the seeds, or ``statuses`` where given)."""
    p = LinkedTables(closed.min_count, dict(closed.values), dict(closed.status),
                     dict(closed.table), list(closed.sums), list(closed.at_most))
    for b in blocks:
        _add_equality_block(p, b)
    for k, s in (statuses or {}).items():
        if k in p.status:
            p.status[k] = s
    return p


def _closed_part(closed: LinkedTables, qids: set[str]) -> LinkedTables:
    """The closed cells of ``qids`` and the relations among them only: a quick first trial of a
    question's blocks (fewer relations than a reader has: :func:`equality_plan` checks the
    result against every relation afterwards)."""
    keys = {k for k in closed.status if k[0] == "closed" and k[1] in qids}
    p = LinkedTables(closed.min_count)
    for k in closed.status:
        if k in keys:
            p.values[k], p.status[k] = closed.values[k], closed.status[k]
            if k in closed.table:
                p.table[k] = closed.table[k]
    p.sums = [(t, parts) for t, parts in closed.sums if t in keys and keys.issuperset(parts)]
    p.at_most = [(a, b) for a, b in closed.at_most if a in keys and b in keys]
    return p


def _is_equality(k: Hashable) -> bool:
    return isinstance(k, tuple) and bool(k) and k[0] == EQUALITY


def _fixed(p: LinkedTables) -> set[Hashable]:
    """Equality cells whose value the shown closed counts give (an "All" cell that is a sum of
    shown closed counts): hiding one protects nothing, and it could not itself be protected."""
    return {t for t, parts in p.sums if _is_equality(t) and parts
            and all(not _is_equality(k) and p.status[k] == PUBLISHED for k in parts)}


def _closed_view(p: LinkedTables, hide: set[Hashable]) -> LinkedTables:
    """``p`` as the closed counts' check sees it: equality cells in ``hide`` and every
    ``"<N"`` equality cell become unknowns that need no protection of their own (the latter
    kept to 1..N-1 by two shown bounds), so an audit judges only the closed counts, and judges
    them against what the closed tables alone concede (the audit's allowance for what the
    ``"<N"`` marks give away is measured with every unknown's marks but its own table's
    gone)."""
    low, high = (EQUALITY, "(band)", "low"), (EQUALITY, "(band)", "high")
    view = LinkedTables(p.min_count, dict(p.values), dict(p.status), p.table, list(p.sums),
                        list(p.at_most))
    view.add(low, 1, status=PUBLISHED)
    view.add(high, p.min_count - 1, status=PUBLISHED)
    for k, s in p.status.items():
        if not _is_equality(k):
            continue
        if s == PRIMARY:
            view.status[k] = UNPUBLISHED
            view.at_most += [(low, k), (k, high)]
        elif k in hide:
            view.status[k] = UNPUBLISHED
    return view


def _closed_kept(p: LinkedTables, hide: set[Hashable], width: int) -> bool:
    """Whether every hidden closed count linked to the equality cells keeps its protection
    with the equality cells as ``p`` shows them, ``hide`` hidden too."""
    return all(audit(piece, min_interval_width=width).passed
               for piece in split(_closed_view(p, hide))
               if any(_is_equality(k) for k in piece.status) and piece.suppressed())


def _can_protect(p: LinkedTables, width: int) -> bool:
    """Whether the closed counts keep their protection with every equality count hidden that
    the closed counts do not give: if not, no choice of complements protects them (the
    blocks' own ``"<N"`` marks, with the closed tables, say too much), and one audit of the
    closed counts tells. The closed counts are judged against what the closed tables concede
    on their own (:func:`_closed_view`): the audit's allowance, measured over everything
    published, would let the equality marks pin a closed count (three groups each ``"<5"``
    make an "All" of at least 3, which a closed ``"<5"`` beside a ``"<5"`` total pins)."""
    fixed = _fixed(p)
    return _closed_kept(p, {k for k in p.status if _is_equality(k) and k not in fixed}, width)


def _protect_equality(p: LinkedTables, width: int | None) -> None:
    """Protect the pieces holding equality cells, every closed-table cell frozen, and the
    equality cells the closed counts give (raises ValueError where that is impossible)."""
    fixed = _fixed(p)
    for piece in split(p):
        if any(_is_equality(k) for k in piece.status) and piece.suppressed():
            protect(piece, min_interval_width=width,
                    frozen=lambda k: not _is_equality(k) or k in fixed)
            p.status.update(piece.status)


def equality_plan(data: Any, tabulate: Callable[[Any], pd.DataFrame],
                  blocks: list[EqualityBlock]) -> tuple[dict[Hashable, str], set[tuple[str, str]]]:
    """One suppression decision for the equality tables' closed answers, linked to the
    closed-question plan (:func:`closed_plan`), whose cells it never changes.

    Relations a reader knows, besides each table's own (groups add up to "All"; options add up
    to the answered base for a single-choice question, are at most it for a multiple-choice
    one): where each respondent is in one group (a single-choice characteristic), a question's
    "All" count is the closed tables' count summed over the cohorts asked (survey respondents
    only, as both tables count them; the relation is used where the true counts agree, so a
    value withheld at ingest from one and not the other does not make it false); where groups
    overlap, each group is at most that count and it at most "All"; a group's answered base is
    at most the group's size in the characteristic's own closed table. An "All" cell that is
    one closed count takes that count's decision.

    The cells start from each table decided on its own (``seed``); complements are then chosen
    among the equality cells only. Where a block cannot be protected with the closed tables as
    decided (their cells are frozen), it is withheld: returned in the second set as
    ``(characteristic, question id)`` and left out of the problem kept on ``data``
    (``data._equality_problem``, for the audit).
    """
    closed_plan(data, tabulate)
    closed = getattr(data, "_closed_problem", None)
    if closed is None:
        closed = published_closed(data, tabulate)
    width = getattr(data.disclosure, "min_interval_width", None)
    withheld: set[tuple[str, str]] = set()
    w = default_width(closed.min_count) if width is None else int(width)

    def attempt(base: LinkedTables, chosen: list[EqualityBlock]) -> LinkedTables | None:
        q = _equality_problem(base, chosen)
        if not _can_protect(q, w):
            return None
        try:
            _protect_equality(q, width)
        except Unprotectable:
            return None
        # the complements chosen, as shown: the closed counts still keep their protection
        secondary = {k for k, s in q.status.items() if _is_equality(k) and s == SECONDARY}
        if not _closed_kept(q, secondary, w):
            return None
        return q

    # first, blocks whose "<N" marks alone give a closed count away (one audit each of the
    # closed counts, on that question's closed cells: a question's characteristics together,
    # as they share the "All" cells, then one block at a time where they fail together)
    by_question: dict[str, list[EqualityBlock]] = {}
    for b in blocks:
        by_question.setdefault(b.qid, []).append(b)
    kept: list[EqualityBlock] = []
    for qid, group in by_question.items():
        part = _closed_part(closed, {qid, *(b.characteristic for b in group)})
        if _can_protect(_equality_problem(part, group), w):
            kept += group
            continue
        accepted: list[EqualityBlock] = []
        for b in group:
            # as decided on its own; else with its small counts shown as "[c]" (a reader then
            # cannot tell them from zero or from a count of min_count or more); else withheld
            for trial in (b, _small_as_secondary(b, closed.min_count)):
                if _can_protect(_equality_problem(part, [*accepted, trial]), w):
                    accepted.append(trial)
                    break
            else:
                withheld.add((b.characteristic, b.qid))
        kept += accepted
    # then complements for everything together, with every relation a reader has; a block
    # whose own cell cannot be protected is withheld and the rest tried again
    p: LinkedTables | None = None
    while p is None:
        q = _equality_problem(closed, kept)
        try:
            _protect_equality(q, width)
        except Unprotectable as exc:
            named = [b for b in kept if b.key(BASE, ALL)[:3] == tuple(exc.key)[:3]]
            if not named:
                break
            withheld.update((b.characteristic, b.qid) for b in named)
            kept = [b for b in kept if b not in named]
            continue
        secondary = {k for k, s in q.status.items() if _is_equality(k) and s == SECONDARY}
        if _closed_kept(q, secondary, w):  # the complements as shown keep the closed counts
            p = q
        break
    if p is None:  # the blocks give each other away: one block at a time
        p = _equality_problem(closed, [])
        chosen: list[EqualityBlock] = []
        for b in kept:
            q = attempt(closed, [*chosen, b])
            if q is None:
                withheld.add((b.characteristic, b.qid))
            else:
                chosen, p = [*chosen, b], q
    try:
        data._equality_problem = p
    except AttributeError:
        pass
    plan = {k: s for k, s in p.status.items() if _is_equality(k)}
    return plan, withheld
