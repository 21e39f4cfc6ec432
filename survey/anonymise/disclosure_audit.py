"""Audit published count tables against a linear-programming attack, and choose complementary
suppressions until they pass.

This is the privacy half of disclosure control for tables (privacy rule 7); it knows nothing of
surveys or reports. A caller describes everything published together as one
:class:`LinkedTables`: every count with its status (shown, ``primary`` = shown as ``"<N"``,
``secondary`` = shown as ``"[c]"``, or ``unpublished``) and every linear relation a reader
knows: parts that add up to a total (options to a base, waves to the pooled figure, cohorts to
the all-cohort column) and parts bounded by a whole (a code's respondents are at most its
theme's, a multiple-choice count at most its base).

The attack (:func:`audit`) is the one a statistician tries first. Every suppressed or
unpublished count is a variable, shown counts are constants, and a reader knows:

* a count shown as ``"<N"`` lies in ``1 .. N-1`` (zero is shown as 0);
* a ``"[c]"`` or unpublished count is a whole number of 0 or more;
* every relation above.

For each suppressed cell the auditor minimises and maximises it under those constraints with
HiGHS, then, where asked, with integrality: the LP interval
rounded inwards can still be wider than the set of whole numbers that fit, so the integer bounds
are the ones a pass is judged on. Where the LP optimum is already a whole-number table it is the
integer bound; where it is fractional, :func:`scipy.optimize.milp` finds the true one.

How it is solved (the same bounds either way, only faster): :func:`audit` and :func:`protect`
keep one HiGHS model per independent piece (:class:`_Model`, through ``highspy``) in which
every cell is a column, a shown one fixed at its value, and every relation a row; hiding a
cell relaxes its column, bounding a cell changes the objective, and each solve starts from the
previous optimal basis. :func:`feasible_interval`, the rare integer search, and anything the
kept model cannot settle (an infeasible piece) use the reference path, a fresh
:func:`scipy.optimize.linprog` of the cell's component (:class:`_System`), which the tests
check the kept model against.

Protection rule (the ``disclosure.min_interval_width`` key): the narrowest interval a reader can
work out for a suppressed cell must be at least ``min_interval_width`` wide, or, for a ``"<N"``
cell, as wide as ``"<N"`` already says (``1 .. N-1``) when that is narrower, and never more than
the width left when every linked count is hidden (what the symbols alone concede). The default,
``min_count - 2`` (3 for the usual threshold of 5), means a reader of all the tables together
learns no more about a small count than its ``"<5"`` symbol says, and cannot narrow a ``"[c]"``
cell to fewer than four values either. This is the "sliding protection level" of tau-Argus and
sdcTable (a required width of the feasibility interval, wherever it sits; Hundepool et al.,
*Statistical Disclosure Control*, Wiley 2012, ch. 4 "Magnitude tabular data" and ch. 5
"Frequency tables"), set so that the threshold rule the toolkit publishes (NHS England's and
OpenSAFELY's small-number rules; see ``docs`` and the README's disclosure section) is not
undone by arithmetic across tables. A pinned cell (interval of width 0) always fails.

Secondary suppression (:func:`protect`) keeps the auditor in the loop, in the spirit of
sdcTable's ``SIMPLEHEURISTIC`` (which "solves attacker problems to make sure each primary
sensitive cell cannot be recalculated") rather than tau-Argus's optimal or hypercube methods:
while some suppressed cell fails, take the first failing cell and suppress the cheapest shown
cell that widens its interval, trying first the cells that share a relation with it (its row,
column, wave or cohort total), then those that share one with another suppressed cell linked to
it. Cost, cheapest first: an inner cell before a margin (a total), a
non-zero count before a zero (hiding a zero seldom adds slack), then the smaller count (the
information lost is the count hidden, tau-Argus's default cost), then the order cells were
added. When no single cell widens it, the cheapest cell in one of its own relations is hidden
and the loop goes on. This is greedy, not optimal: it may hide more than an exact cell
suppression model would, never less than needed to pass. Where the ``"<N"`` marks alone
pin a count (four ``"<5"`` answers under a ``"<5"`` base are each 1), which the audit concedes
since no complement can help, :func:`protect` shows that cell and the ``"<N"`` cells of its
relations as ``"[c]"`` (status ``secondary``: a reader learns nothing of the value, not even
that it is at least 1) and goes on.
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field

import highspy
import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linprog, milp

PUBLISHED = "published"
PRIMARY = "primary"
SECONDARY = "secondary"
UNPUBLISHED = "unpublished"
STATUSES = (PUBLISHED, PRIMARY, SECONDARY, UNPUBLISHED)
_TOL = 1e-6

Key = Hashable


class Unprotectable(ValueError):
    """No complement can protect a failing cell: every cell linked to it is already hidden or
    frozen. ``key`` is the cell, so a caller can withhold what holds it."""

    def __init__(self, key: Key):
        super().__init__(f"cannot protect cell {key!r}: every linked cell is already hidden "
                         "or frozen")
        self.key = key


@dataclass
class LinkedTables:
    """Counts published together and the relations a reader knows between them.

    Attributes:
        min_count: Counts from 1 to ``min_count - 1`` are primary-suppressed (``"<N"``).
        values: Key -> the count. For a published cell this is what is shown; for a suppressed
            one the true count when the caller knows it (deciding suppression) or ``None``
            (auditing outputs as a reader sees them).
        status: Key -> one of :data:`STATUSES`.
        table: Key -> the name of the table it is shown in (for reports; first one wins).
        sums: ``(total, parts)``: the parts add up to the total.
        at_most: ``(part, whole)``: the part is at most the whole.
    """

    min_count: int = 5
    values: dict[Key, int | None] = field(default_factory=dict)
    status: dict[Key, str] = field(default_factory=dict)
    table: dict[Key, str] = field(default_factory=dict)
    sums: list[tuple[Key, tuple[Key, ...]]] = field(default_factory=list)
    at_most: list[tuple[Key, Key]] = field(default_factory=list)

    def add(self, key: Key, value: int | None, *, status: str | None = None,
            table: str = "") -> None:
        """Add a cell. Without ``status``, a count from 1 to ``min_count - 1`` is primary and any
        other is published. Adding a key twice keeps the first value, and the stricter status."""
        if status is None:
            if value is None:
                raise ValueError(f"cell {key!r}: a status is needed when the value is unknown")
            status = PRIMARY if 0 < value < self.min_count else PUBLISHED
        if status not in STATUSES:
            raise ValueError(f"status must be one of {', '.join(STATUSES)}, got {status!r}")
        if value is not None and (value < 0 or value != int(value)):
            raise ValueError(f"cell {key!r}: counts are whole numbers of 0 or more")
        if key in self.status:
            old = self.status[key]
            if STATUSES.index(status) > STATUSES.index(old) and old == PUBLISHED:
                self.status[key] = status
            return
        self.values[key] = None if value is None else int(value)
        self.status[key] = status
        if table:
            self.table[key] = table

    def add_sum(self, total: Key, parts: Iterable[Key]) -> None:
        """The ``parts`` add up to ``total`` (all must have been added)."""
        parts = tuple(parts)
        for k in (total, *parts):
            if k not in self.status:
                raise KeyError(f"relation names a cell that was not added: {k!r}")
        if parts:
            self.sums.append((total, parts))

    def add_at_most(self, part: Key, whole: Key) -> None:
        """``part`` is at most ``whole`` (both must have been added)."""
        for k in (part, whole):
            if k not in self.status:
                raise KeyError(f"relation names a cell that was not added: {k!r}")
        self.at_most.append((part, whole))

    def suppressed(self) -> list[Key]:
        """Keys shown as ``"<N"`` or ``"[c]"``, in the order added."""
        return [k for k, s in self.status.items() if s in (PRIMARY, SECONDARY)]

    def margins(self) -> set[Key]:
        """Keys that are the total of some relation."""
        return {t for t, _ in self.sums}


@dataclass(frozen=True)
class CellAudit:
    """What a reader of every published table can work out about one suppressed cell.

    Attributes:
        key: The cell.
        table: Where it is shown.
        status: ``primary`` or ``secondary``.
        low: Smallest whole number it can be.
        high: Largest whole number it can be (``inf`` when unbounded).
        required: The width the protection rule asks for: ``min_interval_width``, or less
            where the suppression symbols alone concede more (two ``"<5"`` cells in a ``"<5"``
            total are each at most 3 whatever else is hidden). A pinned cell passes only when
            the symbols alone pin it (``"<2"``).
    """

    key: Key
    table: str
    status: str
    low: float
    high: float
    required: int

    @property
    def width(self) -> float:
        return self.high - self.low

    @property
    def ok(self) -> bool:
        return self.width >= self.required and (self.width > 0 or self.required == 0)

    @property
    def pinned(self) -> bool:
        return self.width == 0


@dataclass(frozen=True)
class AuditResult:
    """Per suppressed cell, its narrowest feasible interval and whether it is protected."""

    cells: tuple[CellAudit, ...]
    min_interval_width: int

    @property
    def passed(self) -> bool:
        return all(c.ok for c in self.cells)

    @property
    def failures(self) -> tuple[CellAudit, ...]:
        return tuple(c for c in self.cells if not c.ok)

    def by_table(self) -> dict[str, list[CellAudit]]:
        out: dict[str, list[CellAudit]] = {}
        for c in self.cells:
            out.setdefault(c.table, []).append(c)
        return out


def default_width(min_count: int) -> int:
    """The default ``min_interval_width``: ``min_count - 2``, at least 1 (see the module doc)."""
    return max(1, min_count - 2)


def _bounds(problem: LinkedTables, key: Key) -> tuple[float, float]:
    if problem.status[key] == PRIMARY:
        return 1.0, float(problem.min_count - 1)
    return 0.0, math.inf


def required_width(problem: LinkedTables, key: Key, min_width: int) -> int:
    """The width a suppressed cell must keep: ``min_width``, or the ``"<N"`` band if narrower."""
    lo, hi = _bounds(problem, key)
    return int(min(min_width, hi - lo)) if problem.status[key] == PRIMARY else int(min_width)


class _System:
    """The attacker's constraints, split into independent components over the unknowns."""

    def __init__(self, problem: LinkedTables):
        self.p = problem
        unknown = [k for k, s in problem.status.items() if s != PUBLISHED]
        self.index = {k: i for i, k in enumerate(unknown)}
        self.unknown = unknown
        rows_eq: list[tuple[dict[int, float], float]] = []
        rows_ub: list[tuple[dict[int, float], float]] = []
        for total, parts in problem.sums:
            coef: dict[int, float] = {}
            rhs = 0.0
            for k, c in [(total, -1.0), *((k, 1.0) for k in parts)]:
                if k in self.index:
                    coef[self.index[k]] = coef.get(self.index[k], 0.0) + c
                else:
                    rhs -= c * self._shown(k)
            coef = {i: c for i, c in coef.items() if c != 0.0}
            if coef:
                rows_eq.append((coef, rhs))
            elif abs(rhs) > _TOL:
                raise ValueError(f"published cells contradict a relation: total {total!r}")
        for part, whole in problem.at_most:
            coef, rhs = {}, 0.0
            for k, c in ((part, 1.0), (whole, -1.0)):
                if k in self.index:
                    coef[self.index[k]] = coef.get(self.index[k], 0.0) + c
                else:
                    rhs -= c * self._shown(k)
            if coef:
                rows_ub.append((coef, rhs))
        self.rows_eq, self.rows_ub = rows_eq, rows_ub
        parent = list(range(len(unknown)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for coef, _ in rows_eq + rows_ub:
            first, *rest = coef
            for j in rest:
                parent[find(j)] = find(first)
        self.find = find
        self._groups: dict[int, tuple[list[int], list, list]] = {}
        for i in range(len(unknown)):
            self._groups.setdefault(find(i), ([], [], []))[0].append(i)
        for coef, rhs in rows_eq:
            self._groups[find(next(iter(coef)))][1].append((coef, rhs))
        for coef, rhs in rows_ub:
            self._groups[find(next(iter(coef)))][2].append((coef, rhs))

    def _shown(self, key: Key) -> float:
        v = self.p.values[key]
        if v is None:
            raise ValueError(f"published cell {key!r} has no value")
        return float(v)

    def root(self, key: Key) -> int:
        return self.find(self.index[key])

    def component(self, key: Key) -> tuple[list[int], list, list]:
        return self._groups[self.root(key)]

    def matrices(self, members: list[int], eq: list, ub: list):
        pos = {m: j for j, m in enumerate(members)}
        n = len(members)

        def build(rows: list) -> tuple[np.ndarray | None, np.ndarray | None]:
            if not rows:
                return None, None
            a = np.zeros((len(rows), n))
            for r, (coef, _) in enumerate(rows):
                for i, c in coef.items():
                    a[r, pos[i]] = c
            return a, np.array([rhs for _, rhs in rows])

        a_eq, b_eq = build(eq)
        a_ub, b_ub = build(ub)
        bounds = [_bounds(self.p, self.unknown[m]) for m in members]
        return pos, a_eq, b_eq, a_ub, b_ub, bounds


_STATUS = highspy.HighsModelStatus
_HIGHS_BANNER_SHOWN = False


def _quiet_highs() -> highspy.Highs:
    """A HiGHS instance that writes nothing: its first construction in a process prints a
    version banner to standard output before any option can be set, which would land in a
    command's output (``voices report``), so standard output is pointed at the null device while
    that one instance is made."""
    global _HIGHS_BANNER_SHOWN
    if _HIGHS_BANNER_SHOWN:
        h = highspy.Highs()
    else:
        sys.stdout.flush()
        saved = os.dup(1)
        try:
            with open(os.devnull, "w", encoding="utf-8") as null:
                os.dup2(null.fileno(), 1)
                h = highspy.Highs()
        finally:
            os.dup2(saved, 1)
            os.close(saved)
        _HIGHS_BANNER_SHOWN = True
    h.setOptionValue("output_flag", False)
    return h
_DUAL_TOL = 1e-7  # HiGHS's own dual feasibility tolerance: a smaller reduced cost is zero to it


class _Model:
    """The attacker's LP for one piece, kept across solves (HiGHS through ``highspy``).

    Every cell of the piece is a column: a shown one fixed at its value, a ``"<N"`` one in
    ``1 .. N-1``, any other hidden one 0 or more. Every relation is a row, left free while it
    names no hidden cell (:class:`_System` checks those against the shown values when it is
    built, and drops them). :meth:`hide` and :meth:`show` change one column's bounds,
    :meth:`interval` one cost, and every solve starts from the last optimal basis.

    Its optimum for a cell equals that of :class:`_System`'s LP over the cell's component:
    the piece's other components are independent of it once the shown cells are fixed, and
    feasible. Where the piece is not (reader-side values that contradict each other), or an
    integer bound needs a whole-number search, :meth:`interval` hands the cell to ``fallback``
    (the reference path), which says what is wrong exactly as before.
    """

    def __init__(self, problem: LinkedTables):
        self.p = problem
        self.keys = list(problem.status)
        self.col = {k: j for j, k in enumerate(self.keys)}
        n = len(self.keys)
        self.hidden = np.array([problem.status[k] != PUBLISHED for k in self.keys])
        rows: list[list[int]] = []
        vals: list[list[float]] = []
        upper: list[float] = []
        relations = [((t, -1.0), *((k, 1.0) for k in parts)) for t, parts in problem.sums]
        relations += [((a, 1.0), (b, -1.0)) for a, b in problem.at_most]
        # every cell each relation names (a cell both total and part included), for
        # neighbours(); the rows below keep only the non-zero coefficients
        self.members = [sorted({self.col[k] for k, _ in terms}) for terms in relations]
        self.key_rels: list[list[int]] = [[] for _ in range(n)]
        for r, cols in enumerate(self.members):
            for j in cols:
                self.key_rels[j].append(r)
        for r, terms in enumerate(relations):
            coef: dict[int, float] = {}
            for k, c in terms:
                coef[self.col[k]] = coef.get(self.col[k], 0.0) + c
            coef = {j: c for j, c in coef.items() if c != 0.0}
            rows.append(list(coef))
            vals.append(list(coef.values()))
            upper.append(0.0)
        self.n_sums = len(problem.sums)
        self.rows = [np.array(r, dtype=np.int64) for r in rows]
        self.col_rows: list[list[int]] = [[] for _ in range(n)]
        for r, cols in enumerate(rows):
            for j in cols:
                self.col_rows[j].append(r)
        self.n_hidden = np.array([int(self.hidden[r].sum()) if len(r) else 0
                                  for r in self.rows], dtype=np.int64)
        inf = highspy.kHighsInf
        lower, upper_c = zip(*(self._col_bounds(k) for k in self.keys)) if n else ((), ())
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = n, len(rows)
        lp.col_cost_ = np.zeros(n)
        lp.col_lower_ = np.array(lower, dtype=float)
        lp.col_upper_ = np.array([inf if math.isinf(u) else u for u in upper_c], dtype=float)
        lp.row_lower_ = np.array([self._row_lower(r) for r in range(len(rows))], dtype=float)
        lp.row_upper_ = np.array([self._row_upper(r) for r in range(len(rows))], dtype=float)
        lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        lp.a_matrix_.start_ = np.concatenate([[0], np.cumsum([len(r) for r in rows])]
                                             ).astype(np.int32)
        lp.a_matrix_.index_ = np.array([j for r in rows for j in r], dtype=np.int32)
        lp.a_matrix_.value_ = np.array([c for v in vals for c in v], dtype=float)
        self.h = _quiet_highs()
        # every solve after the first starts from an optimal basis that a new cost or a relaxed
        # bound leaves primal feasible: primal simplex, and no presolve that would discard it
        self.h.setOptionValue("presolve", "off")
        self.h.setOptionValue("simplex_strategy", 4)
        self.h.passModel(lp)
        self.cost: tuple[int, float] | None = None

    def _col_bounds(self, key: Key) -> tuple[float, float]:
        if self.p.status[key] != PUBLISHED:
            return _bounds(self.p, key)
        v = self.p.values[key]
        # a shown cell with no value names no relation (_System rejects one that does)
        return (0.0, math.inf) if v is None else (float(v), float(v))

    def _row_lower(self, r: int) -> float:
        if not self.n_hidden[r]:
            return -highspy.kHighsInf
        return 0.0 if r < self.n_sums else -highspy.kHighsInf

    def _row_upper(self, r: int) -> float:
        return 0.0 if self.n_hidden[r] else highspy.kHighsInf

    def _set(self, key: Key, status: str) -> None:
        j = self.col[key]
        was = bool(self.hidden[j])
        self.p.status[key] = status
        lo, hi = self._col_bounds(key)
        self.h.changeColBounds(j, lo, highspy.kHighsInf if math.isinf(hi) else hi)
        now = status != PUBLISHED
        if now != was:
            self.hidden[j] = now
            for r in self.col_rows[j]:
                self.n_hidden[r] += 1 if now else -1
                if self.n_hidden[r] == (1 if now else 0):  # the row turns on or off
                    self.h.changeRowBounds(r, self._row_lower(r), self._row_upper(r))

    def hide(self, key: Key, status: str = SECONDARY) -> None:
        """Set ``key``'s status (in the problem too) to a hidden one."""
        self._set(key, status)

    def show(self, key: Key) -> None:
        """Publish ``key`` again (in the problem too)."""
        self._set(key, PUBLISHED)

    def neighbours(self, keys: Iterable[Key]) -> list[Key]:
        """:func:`_neighbours` from the kept index: shown cells in any relation that names one
        of ``keys``, in the order added."""
        cols: set[int] = set()
        for k in keys:
            for r in self.key_rels[self.col[k]]:
                cols.update(self.members[r])
        return [self.keys[j] for j in sorted(cols) if not self.hidden[j]]

    def relation_cells(self, key: Key) -> list[Key]:
        """Every cell (shown or hidden) in a relation that names ``key``, in the order added."""
        cols: set[int] = set()
        for r in self.key_rels[self.col[key]]:
            cols.update(self.members[r])
        return [self.keys[j] for j in sorted(cols)]

    def component(self, key: Key) -> list[int]:
        """Columns of the hidden cells linked to ``key`` through rows (``key`` first), as
        :meth:`_System.component` groups them."""
        start = self.col[key]
        seen, stack, rows_done = {start}, [start], set()
        while stack:
            j = stack.pop()
            for r in self.col_rows[j]:
                if r in rows_done:
                    continue
                rows_done.add(r)
                for i in self.rows[r].tolist():
                    if self.hidden[i] and i not in seen:
                        seen.add(i)
                        stack.append(i)
        return [start, *sorted(seen - {start})]

    def _optimum(self, j: int, sign: float, want_x: bool
                 ) -> tuple[str, float, np.ndarray | None]:
        if self.cost != (j, sign):
            if self.cost is not None:
                self.h.changeColCost(self.cost[0], 0.0)
            self.h.changeColCost(j, sign)
            self.cost = (j, sign)
        self.h.run()
        status = self.h.getModelStatus()
        if status == _STATUS.kOptimal:
            return "optimal", self.h.getInfo().objective_function_value, \
                np.asarray(self.h.getSolution().col_value) if want_x else None
        if status == _STATUS.kUnbounded:
            return "unbounded", -math.inf, None
        return "other", math.nan, None

    def still(self, key: Key) -> tuple[float, float, np.ndarray] | None:
        """``key``'s LP bounds rounded inwards (as ``interval(key, integer=False)``), and per
        column whether relaxing it to 0 or more could move either: a reduced cost other than
        zero at the minimum's or the maximum's optimum. With a zero one in both, the optimal
        pair of each stays feasible and optimal once the column is free (a relation it turns
        on already holds at the shown values and has a zero dual), so both bounds stay where
        they are. ``None`` where a bound is not a finite optimum."""
        j = self.col[key]
        out = []
        moves = np.zeros(len(self.keys), dtype=bool)
        for sign in (1.0, -1.0):
            state, fun, _ = self._optimum(j, sign, False)
            if state != "optimal":
                return None
            moves |= np.abs(np.asarray(self.h.getSolution().col_dual)) > _DUAL_TOL
            out.append(sign * fun)
        return math.ceil(out[0] - _TOL), math.floor(out[1] + _TOL), moves

    def interval(self, key: Key, *, integer: bool, fallback: Callable[[], tuple[float, float]],
                 witness: dict | None = None) -> tuple[float, float]:
        """What :func:`_interval` gives for ``key`` on a fresh :class:`_System` of the problem
        as it now stands; ``fallback`` computes exactly that, for the cases this model leaves
        to it."""
        j = self.col[key]
        out = []
        for sign in (1.0, -1.0):
            state, fun, x = self._optimum(j, sign, integer or witness is not None)
            if state == "other":
                # infeasible or undecided here: the reference path says which, per component
                self.h.clearSolver()
                return fallback()
            if x is not None:
                hid = np.flatnonzero(self.hidden)
                whole = np.allclose(x[hid], np.round(x[hid]), atol=_TOL)
                cols = hid
                if not whole:  # judged on the cell's own component, as _System does
                    cols = np.array(self.component(key))
                    whole = np.allclose(x[cols], np.round(x[cols]), atol=_TOL)
                if integer and not whole:
                    return fallback()  # a fractional optimum: the whole-number search
                if whole and witness is not None:
                    for i, v in zip(cols.tolist(), np.round(x[cols]).tolist(), strict=True):
                        k = self.keys[i]
                        lo_w, hi_w = witness.get(k, (v, v))
                        witness[k] = (min(lo_w, v), max(hi_w, v))
            out.append(sign * fun)
        low, high = out
        if not integer:  # whole numbers only: round the LP bounds inwards
            low = math.ceil(low - _TOL)
            high = high if math.isinf(high) else math.floor(high + _TOL)
        return float(round(low)), high if math.isinf(high) else float(round(high))


def _solve_lp(c: np.ndarray, a_eq, b_eq, a_ub, b_ub, bounds, *, integer: bool = False,
              seen: list | None = None) -> float:
    res = linprog(c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq,
                  bounds=[(lo, None if math.isinf(hi) else hi) for lo, hi in bounds],
                  method="highs")
    if res.status == 3:
        return -math.inf
    if res.status != 0:
        raise ValueError("the published cells and relations admit no table (inconsistent); "
                         f"HiGHS status {res.status}")
    whole = np.allclose(res.x, np.round(res.x), atol=_TOL)
    if seen is not None and whole:  # a whole-number table that fits what is published
        seen.append(np.round(res.x))
    if integer and not whole:
        # the LP optimum is fractional: only a whole-number search gives the true bound
        # (an all-integer optimum is already the whole-number bound: the usual case)
        return _solve_milp(c, a_eq, b_eq, a_ub, b_ub, bounds)
    return float(res.fun)


def _solve_milp(c: np.ndarray, a_eq, b_eq, a_ub, b_ub, bounds) -> float:
    cons = []
    if a_eq is not None:
        cons.append(LinearConstraint(a_eq, b_eq, b_eq))
    if a_ub is not None:
        cons.append(LinearConstraint(a_ub, -np.inf, b_ub))
    lo = np.array([b[0] for b in bounds])
    hi = np.array([b[1] for b in bounds])
    res = milp(c, constraints=cons, integrality=np.ones(len(c)), bounds=Bounds(lo, hi))
    if res.status == 0:
        return float(res.fun)
    if res.status == 2:
        raise ValueError("the published cells and relations admit no whole-number table")
    # unbounded (or a time/iteration limit, which these small problems do not reach)
    return -math.inf


def _interval(system: _System, key: Key, *, integer: bool, cache: dict | None = None,
              witness: dict | None = None) -> tuple[float, float]:
    members, eq, ub = system.component(key)
    ckey = system.root(key)
    if cache is not None and ckey in cache:
        pos, mats = cache[ckey]
    else:
        pos, *rest = system.matrices(members, eq, ub)
        mats = tuple(rest)
        if cache is not None:
            cache[ckey] = (pos, mats)
    a_eq, b_eq, a_ub, b_ub, bounds = mats
    c = np.zeros(len(members))
    c[pos[system.index[key]]] = 1.0
    seen: list | None = [] if witness is not None else None
    low = _solve_lp(c, a_eq, b_eq, a_ub, b_ub, bounds, integer=integer, seen=seen)
    high = -_solve_lp(-c, a_eq, b_eq, a_ub, b_ub, bounds, integer=integer, seen=seen)
    for x in seen or ():
        for m, j in pos.items():
            k = system.unknown[m]
            lo_w, hi_w = witness.get(k, (x[j], x[j]))
            witness[k] = (min(lo_w, x[j]), max(hi_w, x[j]))
    if not integer:  # whole numbers only: round the LP bounds inwards
        low = math.ceil(low - _TOL)
        high = high if math.isinf(high) else math.floor(high + _TOL)
    return float(round(low)), high if math.isinf(high) else float(round(high))


def feasible_interval(problem: LinkedTables, key: Key, *, integer: bool = True
                      ) -> tuple[float, float]:
    """The narrowest interval a reader of every published cell can put ``key`` in."""
    if problem.status.get(key) == PUBLISHED:
        v = float(problem.values[key])
        return v, v
    return _interval(_System(problem), key, integer=integer)


def audit(problem: LinkedTables, *, min_interval_width: int | None = None,
          integer: bool = True) -> AuditResult:
    """Bound every suppressed cell as a reader of all the tables could, and judge it.

    Args:
        problem: The published cells and relations.
        min_interval_width: The protection rule's width (default :func:`default_width`).
        integer: Judge on whole-number bounds (:func:`scipy.optimize.milp`); ``False`` uses the
            LP bounds rounded inwards (faster; can be wider than the whole-number set).

    Returns:
        An :class:`AuditResult` (one :class:`CellAudit` per suppressed cell).

    Raises:
        ValueError: The published cells contradict a relation.
    """
    width = default_width(problem.min_count) if min_interval_width is None \
        else int(min_interval_width)
    if width < 1:
        raise ValueError(f"min_interval_width must be 1 or more, got {width}")
    _System(problem)  # rejects shown cells that contradict a relation, naming the first
    solvers: dict[Key, _Solver] = {}
    for piece in split(problem):
        if piece.suppressed():
            solver = _Solver(piece)
            solvers.update(dict.fromkeys(piece.suppressed(), solver))
    cells = [_audit_cell(problem, solvers[key], key, width, integer)
             for key in problem.suppressed()]
    return AuditResult(tuple(cells), width)


class _Solver:
    """The kept models of one piece: as published, and with every shown count hidden (built
    when first needed), each falling back on a fresh :class:`_System` of the same problem."""

    def __init__(self, problem: LinkedTables):
        self.p = problem
        self.model = _Model(problem)
        self._blind: _Model | None = None
        # per problem (as published, all hidden): its statuses, a _System of them, its cache
        self._systems: dict[int, tuple[dict, _System, dict]] = {}

    def _reference(self, problem: LinkedTables, key: Key, integer: bool,
                   witness: dict | None = None) -> tuple[float, float]:
        # a fresh system per state of the statuses (the kept model's fallback)
        state = dict(problem.status)
        kept = self._systems.get(id(problem))
        if kept is None or kept[0] != state:
            kept = self._systems[id(problem)] = (state, _System(problem), {})
        return _interval(kept[1], key, integer=integer, cache=kept[2], witness=witness)

    def interval(self, key: Key, *, integer: bool, witness: dict | None = None
                 ) -> tuple[float, float]:
        return self.model.interval(
            key, integer=integer, witness=witness,
            fallback=lambda: self._reference(self.p, key, integer, witness))

    def forget_blind(self) -> None:
        """Drop the all-hidden model (after a ``"<N"`` cell is shown as ``"[c]"``)."""
        self._blind = None

    def blind_interval(self, key: Key, *, integer: bool) -> tuple[float, float]:
        if self._blind is None:
            self._blind = _Model(_all_hidden(self.p))
        return self._blind.interval(
            key, integer=integer,
            fallback=lambda: self._reference(self._blind.p, key, integer))


def _audit_cell(problem: LinkedTables, solver: _Solver, key: Key, width: int, integer: bool,
                witness: dict | None = None) -> CellAudit:
    need = required_width(problem, key, width)
    if witness is not None and key in witness:
        # two whole-number tables that fit everything published and differ in this cell by
        # at least the width asked: it passes without its own two LPs (true bounds are wider)
        w_lo, w_hi = witness[key]
        if w_hi - w_lo >= max(need, 1):
            return CellAudit(key, problem.table.get(key, ""), problem.status[key], w_lo, w_hi,
                             need)
    lo, hi = solver.interval(key, integer=integer, witness=witness)
    if hi - lo < need:
        # the symbols alone ("<5" cells adding up to a "<5" total) may already concede more
        # than the rule asks; hiding more cannot do better than hiding everything
        b_lo, b_hi = solver.blind_interval(key, integer=integer)
        need = int(min(need, b_hi - b_lo))
    return CellAudit(key, problem.table.get(key, ""), problem.status[key], lo, hi, need)


def _all_hidden(problem: LinkedTables) -> LinkedTables:
    """The same tables with every shown count hidden (the "<N" cells keep their band)."""
    status = {k: (s if s == PRIMARY else UNPUBLISHED) for k, s in problem.status.items()}
    return LinkedTables(problem.min_count, dict(problem.values), status, dict(problem.table),
                        list(problem.sums), list(problem.at_most))


def _neighbours(problem: LinkedTables, keys: set[Key]) -> list[Key]:
    """Shown cells in any relation that names one of ``keys``, in the order added."""
    out: set[Key] = set()
    for total, parts in problem.sums:
        group = (total, *parts)
        if keys.intersection(group):
            out.update(k for k in group if problem.status[k] == PUBLISHED)
    for part, whole in problem.at_most:
        if part in keys or whole in keys:
            out.update(k for k in (part, whole) if problem.status[k] == PUBLISHED)
    order = {k: i for i, k in enumerate(problem.status)}
    return sorted(out, key=order.__getitem__)


def protect(problem: LinkedTables, *, min_interval_width: int | None = None,
            keep: Callable[[Key], bool] | None = None,
            frozen: Callable[[Key], bool] | None = None, max_rounds: int = 10_000) -> list[Key]:
    """Choose complementary (secondary) suppressions until :func:`audit` passes (in place).

    Needs the true value of every cell. Cells already ``secondary`` stay so (a caller may seed
    the search, e.g. with a structural pass). See the module docstring for the greedy rule.

    Args:
        problem: The tables, with true values; changed in place.
        min_interval_width: The protection rule's width (default :func:`default_width`).
        keep: Cells to hide only when nothing else can protect a failing cell (a base that
            every percentage of its table depends on).
        frozen: Cells never to hide (already published elsewhere, e.g. tables protected
            before these were added): complements come only from the other cells.
        max_rounds: A guard against a loop that does not end.

    Returns:
        The keys newly set to ``secondary``, in the order chosen.

    Raises:
        ValueError: A suppressed cell has no true value, or the tables cannot be protected
            (only when every cell linked to a failing one is already hidden and it still fails,
            which the bounds above rule out for ``min_interval_width`` up to ``min_count - 2``).
    """
    width = default_width(problem.min_count) if min_interval_width is None \
        else int(min_interval_width)
    for k in problem.suppressed():
        if problem.values[k] is None:
            raise ValueError(f"cell {k!r}: protect() needs the true value of every cell")
    added: list[Key] = []
    for part in split(problem):  # tables with no relation between them are protected apart
        # a cell in no relation is known only by its symbol ("<N": 1..N-1, "[c]": 0 or more),
        # which the required width never exceeds: it passes as it is
        if part.suppressed() and (part.sums or part.at_most or problem.min_count < 2):
            added += _protect_one(part, width, keep, frozen, max_rounds)
            problem.status.update(part.status)
    return added


def split(problem: LinkedTables) -> list[LinkedTables]:
    """The tables as independent pieces: cells linked by no chain of relations never inform
    each other."""
    keys = list(problem.status)
    parent = {k: k for k in keys}

    def find(k: Key) -> Key:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for total, parts in problem.sums:
        for k in parts:
            parent[find(k)] = find(total)
    for part, whole in problem.at_most:
        parent[find(part)] = find(whole)
    groups: dict[Key, LinkedTables] = {}
    for k in keys:
        g = groups.setdefault(find(k), LinkedTables(problem.min_count))
        g.values[k], g.status[k] = problem.values[k], problem.status[k]
        if k in problem.table:
            g.table[k] = problem.table[k]
    for total, parts in problem.sums:
        groups[find(total)].sums.append((total, parts))
    for part, whole in problem.at_most:
        groups[find(part)].at_most.append((part, whole))
    return list(groups.values())


def _is_point(interval: tuple[float, float]) -> bool:
    return interval[0] == interval[1]


def _protect_one(problem: LinkedTables, width: int, keep: Callable[[Key], bool] | None,
                 frozen: Callable[[Key], bool] | None, max_rounds: int) -> list[Key]:
    margins = problem.margins()
    order = {k: i for i, k in enumerate(problem.status)}

    def cost(k: Key) -> tuple:
        v = int(problem.values[k] or 0)
        return (bool(keep and keep(k)), k in margins, v == 0, v, order[k])

    added: list[Key] = []
    integer = True  # LP first; milp only where the LP optimum is fractional
    passed: set[Key] = set()  # hiding more only widens intervals: a pass stays a pass
    _System(problem)  # rejects shown cells that contradict a relation, naming the first
    solver = _Solver(problem)  # one kept model; hiding a cell only relaxes its column
    model = solver.model
    # whole-number tables known to fit what is published, as each cell's (min, max) over them:
    # the true table first; every LP solution found adds one (still valid after more hiding)
    witness: dict[Key, tuple[float, float]] = {
        k: (float(v), float(v)) for k, v in problem.values.items() if v is not None}
    conceded: list[Key] = []  # "<N" cells pinned by the "<N" marks alone
    # passes that needed less than the rule because the "<N" marks alone concede it: showing
    # a "<N" cell as "[c]" takes its band away, so these are audited again after a concession
    lowered: set[Key] = set()
    for _ in range(max_rounds):
        target = None
        for key in problem.suppressed():
            if key in passed:
                continue
            cell = _audit_cell(problem, solver, key, width, integer, witness)
            if cell.ok:
                passed.add(key)
                if cell.required < required_width(problem, key, width):
                    lowered.add(key)
                if cell.pinned and cell.status == PRIMARY:
                    conceded.append(key)
            else:
                target = cell
                break
        # (a cell pinned when it passed may have been widened by complements chosen since)
        conceded = [k for k in conceded if _is_point(solver.interval(k, integer=integer))]
        if target is None and conceded:
            # the marks give a count away exactly ("<5" parts of a "<5" total each 1): show
            # it and the "<N" cells of its relations as "[c]", which says nothing of a value,
            # and go on (hiding more only widens intervals, so other passes stay passes)
            for key in conceded:
                for k in [key, *model.relation_cells(key)]:
                    if problem.status[k] == PRIMARY:
                        model.hide(k, SECONDARY)
                        passed.discard(k)
            conceded.clear()
            passed -= lowered
            lowered.clear()
            solver.forget_blind()
            continue
        if target is None:
            return added
        linked = {model.keys[j] for j in model.component(target.key)}
        own = sorted((k for k in model.neighbours([target.key])
                      if not (frozen and frozen(k))), key=cost)
        # its own rows and columns first (the usual complement), then cells linked further out
        cands = own + sorted({k for k in model.neighbours(linked)
                              if not (frozen and frozen(k))} - set(own), key=cost)
        if not cands:
            raise Unprotectable(target.key)
        before = target.width
        chosen = None
        still = model.still(target.key)
        for cand in cands:
            if still is not None and not still[2][model.col[cand]]:
                lo, hi = still[:2]  # hiding it moves neither LP bound: no trial needed
            else:
                model.hide(cand)  # a trial: its column relaxed, the model otherwise as it was
                lo, hi = solver.interval(target.key, integer=False)
                model.show(cand)
            if hi - lo > before:
                chosen = cand
                break
        if chosen is None:  # needs two or more at once: hide the cheapest in its own relations
            chosen = min(own or cands, key=cost)
        model.hide(chosen)
        added.append(chosen)
    raise ValueError("secondary suppression did not converge")


def grid_problem(counts: Sequence[Sequence[int]], *, min_count: int, row_totals: bool = True,
                 column_totals: bool = True, table: str = "") -> LinkedTables:
    """A :class:`LinkedTables` for one two-way table with its published margins.

    Cell keys are ``(i, j)`` in the augmented table: row ``n_rows`` is the column totals, column
    ``n_cols`` the row totals (as :func:`analysis.report.disclosure.suppression_mask` lays them
    out).
    """
    a = np.asarray(counts, dtype=np.int64)
    if a.ndim != 2:
        raise ValueError(f"counts must be a 2-D table, got {a.ndim} dimension(s)")
    n_r, n_c = a.shape
    p = LinkedTables(min_count=min_count)
    for i in range(n_r):
        for j in range(n_c):
            p.add((i, j), int(a[i, j]), table=table)
    if row_totals:
        for i in range(n_r):
            p.add((i, n_c), int(a[i].sum()), table=table)
    if column_totals:
        for j in range(n_c):
            p.add((n_r, j), int(a[:, j].sum()), table=table)
        if row_totals:
            p.add((n_r, n_c), int(a.sum()), table=table)
    cols = n_c + (1 if row_totals else 0)
    if row_totals:
        for i in range(n_r + (1 if column_totals else 0)):
            p.add_sum((i, n_c), [(i, j) for j in range(n_c)])
    if column_totals:
        for j in range(cols):
            p.add_sum((n_r, j), [(i, j) for i in range(n_r)])
    return p


def _jsonable(k: object) -> object:
    return [_jsonable(x) for x in k] if isinstance(k, tuple) else k


def _hashable(k: object) -> Key:
    return tuple(_hashable(x) for x in k) if isinstance(k, list) else k


def to_dict(problem: LinkedTables, *, reader_view: bool = True) -> dict:
    """A JSON-ready form. With ``reader_view`` (the default) hidden cells carry no value, so
    the result holds only what is published and may be written beside the report."""
    return {"min_count": problem.min_count,
            "cells": [{"key": _jsonable(k), "status": s, "table": problem.table.get(k, ""),
                       "value": None if reader_view and s != PUBLISHED else problem.values[k]}
                      for k, s in problem.status.items()],
            "sums": [[_jsonable(t), [_jsonable(p) for p in parts]] for t, parts in problem.sums],
            "at_most": [[_jsonable(a), _jsonable(b)] for a, b in problem.at_most]}


def from_dict(obj: dict) -> LinkedTables:
    """The inverse of :func:`to_dict`."""
    p = LinkedTables(min_count=int(obj["min_count"]))
    for c in obj["cells"]:
        p.add(_hashable(c["key"]), c["value"], status=c["status"], table=c.get("table", ""))
    for total, parts in obj["sums"]:
        p.add_sum(_hashable(total), [_hashable(x) for x in parts])
    for a, b in obj["at_most"]:
        p.add_at_most(_hashable(a), _hashable(b))
    return p
