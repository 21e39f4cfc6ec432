"""Disclosure control of the theme tables, decided in layers so that no table can be unpicked
with the ones published before it (:func:`theme_plan`).

The theme tables show the same people several times: the pooled theme table (respondents
raising each theme and code, by cohort, with the all-cohort column and the bases), the theme
wave comparisons (each theme by cohort and wave, "Both waves", the wave's base) and the codes
new in a wave (a count in the later wave, and nobody in the wave before). Protected each on
its own, they pin one another's hidden counts: a cohort's waves add up to its pooled figure.

Deciding them all as one problem was tried and withdrawn (it took minutes and hid headline
counts). Here they are published in order, and each later table is protected given everything
before it, with the earlier tables' cells *frozen* (never chosen as complements:
:func:`survey.anonymise.disclosure_audit.protect` ``frozen=``):

1. the pooled theme table, seeded with the table's own suppression
   (:func:`~analysis.report.disclosure.suppression_mask`) and protected under every relation a
   reader can write within it;
2. the theme wave comparisons, seeded with each table's own suppression, protected with the
   pooled table frozen;
3. the codes new in a wave, protected with both frozen.

Where a later table's cell cannot be protected with the earlier cells frozen, that row of the
later table is withheld (published blank, with a note) rather than shown.

Relations a reader can write, each only where it holds exactly (or as "at most" where only an
inequality holds): cohorts add up to the all-cohort column (counts and bases); a count is at
most its base (a theme's wave count at most the wave's base row); a code is at most its theme
and a theme at most the sum of its codes (in the pooled table and in every wave); a pair of
waves adds up to "Both waves"; a cohort's survey respondents over every wave are at most its
pooled figure, which also counts interview participants (they have no wave in these tables)
and any survey respondent without a wave, and equal to it where the cohort has neither.

Every writer reads the result through the published tables: :func:`analysis.report.tables`
(the pooled table) and :mod:`analysis.waves` (the wave comparisons and new codes) pass the
plan's statuses to :func:`~analysis.report.disclosure.apply_disclosure`. The linked problem
with the published statuses (:func:`published_themes`) is kept on the report data for the
audit (:func:`analysis.report.disclosure.published_problem`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field, replace
from itertools import pairwise
from typing import Any

import pandas as pd

from analysis.report.disclosure import ALL, BASE, suppression_mask
from analysis.summarise import theme_table
from survey.anonymise.disclosure_audit import (
    PRIMARY,
    PUBLISHED,
    SECONDARY,
    UNPUBLISHED,
    LinkedTables,
    Unprotectable,
    audit,
    feasible_interval,
    protect,
    split,
)

N = "n"
SURVEY = "(survey)"
WAVE_BASE = "(wave base)"
CODE_SUM = "(sum of codes)"
ALL_LABEL = "All respondents"


def row_id(level: object, theme_id: object, code_id: object) -> str:
    """A theme table row: ``level|theme_id|code_id`` (``None`` for a theme's own row)."""
    if code_id is None or (isinstance(code_id, float) and math.isnan(code_id)):
        code_id = None
    return f"{level}|{theme_id}|{code_id}"


def theme_key(row: str, cohort: object, waves: object = ALL, *, base: bool = False) -> tuple:
    """The plan key of a theme count (or its base): ``cohort`` may be :data:`ALL`; ``waves``
    :data:`ALL` (pooled), :data:`SURVEY` (survey respondents of every wave), a wave, or a
    pair of waves."""
    return ("theme", BASE if base else N, str(row), str(cohort), waves)


def wave_base_key(cohort: object, wave: int) -> tuple:
    """The plan key of a theme wave table's "Base (answered)" cell."""
    return ("theme", BASE, WAVE_BASE, str(cohort), wave)


@dataclass
class ThemePlan:
    """The layered decision.

    Attributes:
        status: Key -> ``published``, ``primary``, ``secondary`` or ``unpublished``.
        withheld: Rows of a later table withheld: ``("waves", earlier, later, cohort, row)``
            or ``("new", earlier, later, cohort, row)``.
        problem: The linked tables with true values and the published statuses.
        added: Complements each layer added beyond the tables' own suppression.
    """

    status: dict[Hashable, str]
    withheld: set[tuple] = field(default_factory=set)
    problem: LinkedTables | None = None
    added: dict[str, int] = field(default_factory=dict)


def pooled_counts(data: Any) -> tuple[pd.DataFrame, list[str], pd.DataFrame, pd.DataFrame]:
    """The pooled theme table's ``(raw, rows, counts, bases)``: :func:`theme_table` with a
    ``row`` column (:func:`row_id`), rows in order, and respondents and bases by row and
    cohort (zero where a cohort has none)."""
    raw = theme_table(data)
    raw = raw.assign(row=[row_id(lvl, t, c) for lvl, t, c in
                          zip(raw["level"], raw["theme_id"], raw["code_id"])])
    order = list(dict.fromkeys(raw["row"]))
    counts = raw.pivot(index="row", columns="cohort", values="respondents").reindex(order)
    bases = raw.pivot(index="row", columns="cohort", values="base").reindex(order)
    return raw, order, counts.fillna(0).astype(int), bases.fillna(0).astype(int)


def surveyed(data: Any) -> Any:
    """The report data limited to survey respondents (interviews have no wave here)."""
    r = data.responses
    if "kind" in r:
        r = r[r["kind"].fillna("survey") != "interview"]
    return replace(data, responses=r.reset_index(drop=True))


def survey_waves(data: Any) -> list[int]:
    """The survey waves present, in order."""
    r = surveyed(data).responses
    if "wave" not in r or r.empty:
        return []
    return sorted(int(w) for w in r["wave"].dropna().unique())


def wave_counts(data: Any, earlier: int, later: int) -> pd.DataFrame:
    """:func:`theme_table` of survey respondents by cohort and wave, for two waves."""
    raw = theme_table(surveyed(data), by=("cohort", "wave"))
    raw = raw[raw["wave"].notna()]
    raw = raw[raw["wave"].astype(int).isin((earlier, later))]
    return raw.assign(row=[row_id(lvl, t, c) for lvl, t, c in
                           zip(raw["level"], raw["theme_id"], raw["code_id"])])


def theme_plan(data: Any) -> ThemePlan:
    """The layered suppression of the pooled theme table, the theme wave comparisons and the
    codes new in a wave (built once, kept on ``data``)."""
    cached = getattr(data, "_theme_plan", None)
    if cached is not None:
        return cached
    dc = data.disclosure
    width = getattr(dc, "min_interval_width", None)
    p = LinkedTables(min_count=dc.min_count)
    plan = ThemePlan(status=p.status, problem=p)
    _pooled_layer(p, data, width, plan)
    rows = _wave_layer(p, data, width, plan)
    if rows is not None:
        _new_code_layer(p, data, width, plan, rows)
    try:
        data._theme_plan = plan
        data._theme_problem = p  # read by analysis.report.disclosure.published_problem
    except AttributeError:  # a frozen stand-in: recomputed next time
        pass
    return plan


def published_themes(data: Any) -> LinkedTables:
    """The theme tables linked, with the statuses the report publishes (true values kept;
    :func:`~survey.anonymise.disclosure_audit.to_dict` drops the hidden ones), for the
    audit."""
    return theme_plan(data).problem


def _status(v: int, min_count: int) -> str:
    return PRIMARY if 0 < v < min_count else PUBLISHED


def _is_base(k: Hashable) -> bool:
    return isinstance(k, tuple) and len(k) > 1 and k[1] == BASE


def _is_headline(k: Hashable) -> bool:
    return _is_base(k) or (k[0] == "theme" and str(k[2]).startswith("theme|") and k[3] != ALL
                           and k[4] == ALL)


def _relate_codes(p: LinkedTables, themes: dict[str, list[str]], cohorts: list[str],
                  waves: object) -> None:
    """A code is at most its theme; a theme at most the sum of its codes."""
    for rid, codes in themes.items():
        for c in cohorts:
            theme = theme_key(rid, c, waves)
            parts = [theme_key(x, c, waves) for x in codes]
            if not codes or theme not in p.status or not all(k in p.status for k in parts):
                continue
            for k in parts:
                p.add_at_most(k, theme)
            total = ("theme", CODE_SUM, rid, str(c), waves)
            p.add(total, sum(p.values[k] for k in parts), status=UNPUBLISHED)
            p.add_sum(total, parts)
            p.add_at_most(theme, total)


def _theme_codes(raw: pd.DataFrame) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for r in raw.drop_duplicates("row").itertuples(index=False):
        if r.level == "theme":
            out.setdefault(r.row, [])
        else:
            out.setdefault(row_id("theme", r.theme_id, None), []).append(r.row)
    return out


def _pooled_layer(p: LinkedTables, data: Any, width: int | None, plan: ThemePlan) -> None:
    """Layer 1: the pooled theme table as the report shows it, protected within itself."""
    raw, order, counts, bases = pooled_counts(data)
    if not order:
        return
    mc = p.min_count
    cohorts = [str(c) for c in counts.columns]
    _, secondary = suppression_mask(counts.to_numpy(), min_count=mc, row_totals=True,
                                          column_totals=False, min_interval_width=width)
    name = "themes"
    for i, rid in enumerate(order):
        for j, c in enumerate([*cohorts, ALL]):
            v = int(counts.iloc[i].sum()) if c == ALL else int(counts.iat[i, j])
            p.add(theme_key(rid, c), v,
                  status=SECONDARY if secondary[i, j] else _status(v, mc), table=name)
        small = False
        for j, c in enumerate(cohorts):
            b = int(bases.iat[i, j])
            small |= 0 < b < mc
            p.add(theme_key(rid, c, base=True), b, table=name)
        total_b = int(bases.iloc[i].sum())
        # the table shows the all-cohort base as "[c]" where a cohort's base is small
        p.add(theme_key(rid, ALL, base=True), total_b,
              status=SECONDARY if small else _status(total_b, mc), table=name)
        for base in (False, True):
            p.add_sum(theme_key(rid, ALL, base=base),
                      [theme_key(rid, c, base=base) for c in cohorts])
        for c in [*cohorts, ALL]:
            p.add_at_most(theme_key(rid, c), theme_key(rid, c, base=True))
    _relate_codes(p, _theme_codes(raw), [*cohorts, ALL], ALL)
    # the headline figures (a theme's respondents by cohort) and the bases are hidden only
    # where no code or all-cohort cell protects a count
    added = protect(p, min_interval_width=width, keep=_is_headline)
    plan.added["themes"] = len(added) - _show_again(p, added, width)


def _wave_tables(raw: pd.DataFrame, earlier: int, later: int) -> dict[str, pd.DataFrame]:
    """Per cohort shown, its theme rows' counts in the two waves (as
    :func:`analysis.waves.theme_comparison` shows them: a cohort needs both waves with a
    base)."""
    themes = raw[raw["level"] == "theme"]
    out = {}
    for cohort in dict.fromkeys(themes["cohort"]):
        t = themes[themes["cohort"] == cohort]
        waves = set(t["wave"].astype(int))
        bases = t.groupby(t["wave"].astype(int))["base"].max()
        if {earlier, later} <= waves and min(bases.get(earlier, 0), bases.get(later, 0)) > 0:
            out[str(cohort)] = t
    return out


def _wave_layer(p: LinkedTables, data: Any, width: int | None,
                plan: ThemePlan) -> dict | None:
    """Layer 2: the theme wave comparisons, protected with the pooled table frozen. Returns
    the wave counts by (row, cohort, wave) for the next layer (None with under two waves)."""
    waves = survey_waves(data)
    if len(waves) < 2:
        return None
    mc = p.min_count
    frozen = {k for k, s in p.status.items() if s != UNPUBLISHED}
    raw = theme_table(surveyed(data), by=("cohort", "wave"))
    raw = raw[raw["wave"].notna()]
    raw = raw.assign(wave=raw["wave"].astype(int), cohort=raw["cohort"].astype(str),
                     row=[row_id(lvl, t, c) for lvl, t, c in
                          zip(raw["level"], raw["theme_id"], raw["code_id"])])
    value = {(r.row, r.cohort, r.wave): int(r.respondents) for r in raw.itertuples(index=False)}
    rows = list(dict.fromkeys(raw["row"]))
    themes = _theme_codes(raw)
    cohorts = list(dict.fromkeys(raw["cohort"]))
    pairs = list(pairwise(waves))
    shown = {pair: _wave_tables(raw, *pair) for pair in pairs}
    shown_w = {(w, c) for pair, tabs in shown.items() for c in tabs for w in pair}
    name = "theme waves"
    seed: set = set()
    for (a, b), tabs in shown.items():
        for c, t in tabs.items():
            bases = t.groupby("wave")["base"].max()
            for w in (a, b):
                p.add(wave_base_key(c, w), int(bases[w]), table=name)
            grid = t.pivot_table(index="row", columns="wave", values="respondents",
                                 aggfunc="sum", sort=False)[[a, b]].fillna(0).astype(int)
            grid = grid[(grid != 0).any(axis=1)]  # as the table shows it: no all-zero row
            if grid.empty:
                continue
            _, sec = suppression_mask(grid.to_numpy(), min_count=mc, row_totals=True,
                                      column_totals=False, min_interval_width=width)
            both = SURVEY if len(waves) == 2 else (a, b)
            for i, rid in enumerate(grid.index):
                for j, w in enumerate((a, b, both)):
                    if sec[i, j]:
                        seed.add(theme_key(rid, c, w))
    for c in cohorts:
        complete = _no_unwaved(data, c)
        for rid in rows:
            theme_level = rid in themes
            for w in waves:
                v = value.get((rid, c, w), 0)
                pub = theme_level and (w, c) in shown_w
                p.add(theme_key(rid, c, w), v, table=name,
                      status=(SECONDARY if theme_key(rid, c, w) in seed else _status(v, mc))
                      if pub else UNPUBLISHED)
                if pub:
                    p.add_at_most(theme_key(rid, c, w), wave_base_key(c, w))
            parts = [theme_key(rid, c, w) for w in waves]
            survey = theme_key(rid, c, SURVEY)
            total = sum(p.values[k] for k in parts)
            pub = len(waves) == 2 and theme_level and c in shown[tuple(waves)]
            p.add(survey, total, table=name,
                  status=(SECONDARY if survey in seed else _status(total, mc)) if pub
                  else UNPUBLISHED)
            p.add_sum(survey, parts)
            pooled = theme_key(rid, c)
            if pooled in p.status:
                if complete and p.values[pooled] == total:
                    p.add_sum(pooled, [survey])
                else:
                    p.add_at_most(survey, pooled)
            if len(waves) > 2:
                for a, b in pairs:
                    both = theme_key(rid, c, (a, b))
                    v = p.values[theme_key(rid, c, a)] + p.values[theme_key(rid, c, b)]
                    pub = theme_level and c in shown[(a, b)]
                    p.add(both, v, table=name,
                          status=(SECONDARY if both in seed else _status(v, mc)) if pub
                          else UNPUBLISHED)
                    p.add_sum(both, [theme_key(rid, c, a), theme_key(rid, c, b)])
    for w in [*waves, SURVEY]:
        _relate_codes(p, themes, cohorts, w)
    layer = {k for k in p.status if k not in frozen}
    table_rows = {}
    for (a, b), tabs in shown.items():
        both = SURVEY if len(waves) == 2 else (a, b)
        for c in tabs:
            for rid in themes:
                table_rows[("waves", a, b, c, rid)] = [theme_key(rid, c, w) for w in (a, b, both)]
    before = sum(s == SECONDARY for s in p.status.values())
    _protect_layer(p, layer, frozen, table_rows, width, plan)
    plan.added["theme waves"] = sum(s == SECONDARY for s in p.status.values()) - before
    return {"value": value, "rows": rows, "cohorts": cohorts, "pairs": pairs}


def _no_unwaved(data: Any, cohort: str) -> bool:
    """Whether every respondent of ``cohort`` is a survey respondent with a wave (then its
    survey respondents over the waves are its pooled figure)."""
    r = data.responses
    r = r[r["cohort"].astype(str) == cohort]
    interview = r["kind"].fillna("survey") == "interview" if "kind" in r else False
    no_wave = r["wave"].isna() if "wave" in r else True
    return not bool((interview | no_wave).any())


def new_code_rows(value: dict, rows: list[str], cohorts: list[str], earlier: int,
                  later: int) -> list[tuple[str, str]]:
    """(row, cohort) new in ``later``: nobody of the cohort had it in ``earlier``, some did."""
    return [(rid, c) for rid in rows for c in cohorts
            if value.get((rid, c, earlier), 0) == 0 and value.get((rid, c, later), 0) > 0]


def _new_code_layer(p: LinkedTables, data: Any, width: int | None, plan: ThemePlan,
                    info: dict) -> None:
    """Layer 3: the codes new in a wave, protected with the earlier layers frozen."""
    mc = p.min_count
    frozen = {k for k, s in p.status.items() if s != UNPUBLISHED}
    table_rows = {}
    for a, b in info["pairs"]:
        for rid, c in new_code_rows(info["value"], info["rows"], info["cohorts"], a, b):
            keys = [theme_key(rid, c, a), theme_key(rid, c, b)]
            for k in keys:
                if p.status[k] == UNPUBLISHED:
                    p.status[k] = _status(p.values[k], mc)
            table_rows[("new", a, b, c, rid)] = keys
    layer = {k for k in p.status if k not in frozen}
    before = sum(s == SECONDARY for s in p.status.values())
    _protect_layer(p, layer, frozen, table_rows, width, plan)
    plan.added["new codes"] = sum(s == SECONDARY for s in p.status.values()) - before


def _protect_layer(p: LinkedTables, layer: set, frozen: set, table_rows: dict[tuple, list],
                   width: int | None, plan: ThemePlan) -> None:
    """Protect the pieces that hold a shown cell of this layer, earlier cells frozen; withhold
    the rows of this layer's tables that cannot be protected so (and every row that shows one
    of their cells: a row's cells are linked, so they are in one piece)."""
    is_frozen: Callable[[Hashable], bool] = frozen.__contains__
    for piece in split(p):
        # a piece whose cells of this layer are all unpublished is the earlier layers'
        # piece, already protected: unpublished counts tell a reader nothing new
        if not piece.suppressed() or all(piece.status[k] == UNPUBLISHED
                                         for k in layer.intersection(piece.status)):
            continue
        rows = {r: keys for r, keys in table_rows.items() if keys[0] in piece.status}
        _withhold_hopeless(piece, layer, rows, width, plan)
        for _ in range(len(rows) + 1):
            try:
                added = protect(piece, min_interval_width=width, keep=_is_base,
                                frozen=is_frozen)
                _show_again(piece, added, width)
                break
            except Unprotectable as e:
                if e.key not in piece.status:
                    raise
                _withhold(piece, layer, rows, _linked(piece, e.key), plan, e.key)
        else:
            raise ValueError("withholding rows of the theme tables did not converge")
        p.status.update(piece.status)


def _withhold_hopeless(piece: LinkedTables, layer: set, rows: dict[tuple, list],
                       width: int | None, plan: ThemePlan) -> None:
    """Withhold, before searching for complements, the rows that no complement could make safe:
    with every other shown cell of this layer hidden, a cell still fails (two "<5" wave counts
    adding up to a pooled "<5" narrow it whatever else is hidden). Each time the row whose
    withholding widens the failing cell most is withheld, until none fails."""
    def best_case() -> LinkedTables:
        q = LinkedTables(piece.min_count, piece.values, dict(piece.status), piece.table,
                         piece.sums, piece.at_most)
        for k in layer.intersection(q.status):
            if q.status[k] == PUBLISHED:
                q.status[k] = UNPUBLISHED
        return q

    for _ in range(len(rows)):
        q = best_case()
        failing = next((c for c in audit(q, min_interval_width=width).cells if not c.ok), None)
        if failing is None:
            return
        best, best_width = None, -1.0
        for r, keys in rows.items():
            shown = [k for k in keys if k in layer and q.status[k] == PRIMARY]
            if r in plan.withheld or not shown:
                continue  # only a "<N" band narrows a cell once the rest is hidden
            for k in shown:
                q.status[k] = UNPUBLISHED
            lo, hi = feasible_interval(q, failing.key)
            for k in shown:
                q.status[k] = PRIMARY
            if hi - lo > best_width:
                best, best_width = r, hi - lo
            if hi - lo >= failing.required:
                break
        if best is None:
            return  # left to the search (and its own withholding)
        _withhold(piece, layer, rows, set(rows[best]), plan, failing.key)


def _withhold(piece: LinkedTables, layer: set, rows: dict[tuple, list], linked: set,
              plan: ThemePlan, failed: Hashable) -> None:
    """Withhold the rows that show a cell linked to ``failed`` (else every row of the piece),
    and every row that shows a cell of theirs."""
    out = {r for r, keys in rows.items() if r not in plan.withheld and linked.intersection(keys)}
    if not out:  # linked further out: every row of this layer in the piece
        out = {r for r in rows if r not in plan.withheld}
    if not out:
        raise ValueError(f"cannot protect cell {failed!r} by withholding a row")
    while out:
        plan.withheld |= out
        hidden = {k for r in out for k in rows[r] if k in layer}
        for k in hidden:
            piece.status[k] = UNPUBLISHED
        out = {r for r, keys in rows.items()
               if r not in plan.withheld and hidden.intersection(keys)}


def _show_again(p: LinkedTables, added: list, width: int | None) -> int:
    """Show again the complements the greedy search chose that the audit passes without (one
    chosen early is often made needless by one chosen later): each row's complements together,
    then one by one, headline figures first, then the largest counts. Returns how many."""
    rows: dict = {}
    for k in added:
        rows.setdefault(k[2], []).append(k)
    order = sorted(added, key=lambda k: (not _is_headline(k), -(p.values[k] or 0)))
    trials = [g for g in rows.values() if len(g) > 1] + [[k] for k in order]
    shown = 0
    for group in trials:
        if any(p.status[k] != SECONDARY for k in group):
            continue
        piece = next(x for x in split(p) if group[0] in x.status)
        for k in group:
            piece.status[k] = PUBLISHED
        if audit(piece, min_interval_width=width).passed:
            for k in group:
                p.status[k] = PUBLISHED
            shown += len(group)
    return shown


def _linked(piece: LinkedTables, key: Hashable) -> set:
    """``key`` and the cells that share a relation with it, or with an unpublished cell so
    linked (a wave count reaches the pooled figure through the survey total)."""
    groups = [(total, *parts) for total, parts in piece.sums] + list(piece.at_most)
    out, todo = {key}, [key]
    while todo:
        k = todo.pop()
        for g in groups:
            if k in g:
                for x in g:
                    if x not in out:
                        out.add(x)
                        if piece.status[x] == UNPUBLISHED:
                            todo.append(x)
    return out
