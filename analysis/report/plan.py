"""The report's one suppression plan: every count table that shows the same people, decided
together (:func:`report_plan`).

:func:`analysis.report.disclosure.closed_plan` links the closed-question tables (pooled, per
wave, wave pairs, the all-cohort column, "Total asked") and the respondents table. This module
adds, as linked tables with their true values, what the report also publishes about the same
people:

* the theme table: each theme and code by cohort and "All respondents", with its bases;
* the theme wave comparisons: each theme by cohort and wave, "Both waves", the base row, and
  the codes and themes new in a wave (with their zero in the wave before);
* the equality tables (:mod:`analysis.report.equality`): themes and closed answers by each
  group of a sensitive characteristic, with the all-groups column and the bases.

Relations a reader can write (each added only where it is true of the data, as a reader who
knows how the tables are built would assume it): cohorts add up to "All respondents", waves to
the survey respondents' figure, which is the pooled figure where the cohort had no interviews;
two waves to "Both waves"; a code is at most its theme and a theme at most the sum of its codes;
a count is at most its base; groups add up to the all-groups column; where the groups partition
the asked cohorts (a single-choice characteristic), the all-groups column of a theme is the
survey respondents of those cohorts raising it, and that of a closed answer is the closed
question's count over those cohorts; a group's base for a question is at most the group's size
in the characteristic question. The greedy, auditor-in-the-loop search of
:func:`survey.anonymise.disclosure_audit.protect` then chooses complements over all of it, and
every writer (tables, wave comparison, equality tables, so CSV, HTML, Word, workbook, charts
and text) reads its cells' suppression from the one plan.
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from dataclasses import replace
from itertools import pairwise
from typing import Any

import pandas as pd

from analysis.report.disclosure import ALL, BASE, closed_key, closed_plan
from analysis.report.equality import (
    NOT_STATED,
    _tally,
    equality_questions,
    group_membership,
    ordered_labels,
)
from analysis.summarise import OTHER, TABULATED_KINDS, closed_tables, theme_table
from survey.anonymise.disclosure_audit import SECONDARY, UNPUBLISHED, LinkedTables

N = "n"
SURVEY = "(survey)"
MAX_BASE = "(wave base)"


def row_id(level: object, theme_id: object, code_id: object) -> str:
    """The theme table's row: ``level|theme_id|code_id`` (``None`` for a theme's own row)."""
    if code_id is None or (isinstance(code_id, float) and math.isnan(code_id)):
        code_id = None
    return f"{level}|{theme_id}|{code_id}"


def theme_key(row: str, cohort: object, waves: object = ALL, *, base: bool = False) -> tuple:
    """The plan key of a theme count (or its base): ``cohort`` may be :data:`ALL`; ``waves``
    :data:`ALL` (pooled), :data:`SURVEY` (survey respondents of every wave), a wave, or a pair."""
    return ("theme", BASE if base else N, row, str(cohort), waves)


def wave_base_key(cohort: object, wave: int) -> tuple:
    """The plan key of a theme wave table's "Base (answered)" cell."""
    return ("theme", BASE, MAX_BASE, str(cohort), wave)


def equality_key(qid: str, row: str, group: str, *, base: bool = False) -> tuple:
    """The plan key of an equality theme count (or base); ``group`` may be :data:`ALL`."""
    return ("eq", BASE if base else N, str(qid), str(row), str(group))


def equality_closed_key(qid: str, question: str, option: str, group: str) -> tuple:
    """The plan key of an equality closed-answer count; ``option`` :data:`BASE` for the
    answered base (so it is kept like other bases)."""
    return ("eqc", BASE if option == BASE else N, str(qid), str(question), str(option),
            str(group))


def report_plan(data: Any) -> dict[Hashable, str]:
    """The one suppression plan for every count the report publishes (kept on ``data``)."""
    return closed_plan(data, closed_tables, extend=add_linked_tables)


def _surveyed(data: Any) -> Any:
    r = data.responses
    if "kind" in r:
        r = r[r["kind"].fillna("survey") != "interview"]
    return replace(data, responses=r.reset_index(drop=True))


def _waves(data: Any) -> list[int]:
    r = _surveyed(data).responses
    if "wave" not in r or r.empty:
        return []
    return sorted(int(w) for w in r["wave"].dropna().unique())


def _sum_if_true(p: LinkedTables, total: tuple, parts: list[tuple]) -> None:
    if all(k in p.values for k in (total, *parts)) and \
            sum(p.values[k] for k in parts) == p.values[total]:
        p.add_sum(total, parts)


def add_linked_tables(p: LinkedTables, data: Any) -> None:
    """Add the theme table, the theme wave comparisons and the equality tables to ``p``."""
    rows = _add_pooled_themes(p, data)
    if rows:
        _add_wave_themes(p, data, rows)
    for q in equality_questions(data.instrument):
        members, groups = group_membership(data, q)
        if members.empty:
            continue
        _add_equality_themes(p, data, q, members, groups)
        _add_equality_closed(p, data, q, members, groups)


def _add_pooled_themes(p: LinkedTables, data: Any) -> dict[str, dict]:
    """The pooled theme table; returns row id -> {level, theme_id, theme_label, codes}."""
    raw = theme_table(data)
    if raw.empty:
        return {}
    rows: dict[str, dict] = {}
    cohorts = list(dict.fromkeys(str(c) for c in raw["cohort"]))
    name = "themes"
    for r in raw.itertuples(index=False):
        rid = row_id(r.level, r.theme_id, r.code_id)
        rows.setdefault(rid, {"level": r.level, "theme_id": r.theme_id,
                                     "theme_label": r.theme_label, "codes": []})
        p.add(theme_key(rid, r.cohort), int(r.respondents), table=name)
        p.add(theme_key(rid, r.cohort, base=True), int(r.base), table=name)
        codes = rows[row_id("theme", r.theme_id, None)]["codes"]
        if r.level == "code" and rid not in codes:
            codes.append(rid)
    for rid in rows:
        for base in (False, True):
            parts = [theme_key(rid, c, base=base) for c in cohorts]
            p.add(theme_key(rid, ALL, base=base), sum(p.values[k] for k in parts), table=name)
            p.add_sum(theme_key(rid, ALL, base=base), parts)
        small = [c for c in cohorts if 0 < p.values[theme_key(rid, c, base=True)] < p.min_count]
        if small:  # the all-cohort base would give a small base away (as the table shows it)
            p.status[theme_key(rid, ALL, base=True)] = SECONDARY
        for c in [*cohorts, ALL]:
            p.add_at_most(theme_key(rid, c), theme_key(rid, c, base=True))
    _relate_codes(p, rows, [*cohorts, ALL], ALL)
    return rows


def _relate_codes(p: LinkedTables, rows: dict[str, dict], cohorts: list, waves: object) -> None:
    """A code is at most its theme; a theme at most the sum of its codes."""
    for rid, info in rows.items():
        if info["level"] != "theme" or not info["codes"]:
            continue
        for c in cohorts:
            theme = theme_key(rid, c, waves)
            codes = [theme_key(x, c, waves) for x in info["codes"]]
            if theme not in p.status or not all(k in p.status for k in codes):
                continue
            for k in codes:
                p.add_at_most(k, theme)
            total = ("theme", "(sum of codes)", rid, str(c), waves)
            p.add(total, sum(p.values[k] for k in codes), status=UNPUBLISHED)
            p.add_sum(total, codes)
            p.add_at_most(theme, total)


def _add_wave_themes(p: LinkedTables, data: Any, rows: dict[str, dict]) -> None:
    """Themes and codes per wave (survey respondents), as the wave comparison shows them."""
    waves = _waves(data)
    sdata = _surveyed(data)
    if not waves or "wave" not in sdata.responses:
        return
    raw = theme_table(sdata, by=("cohort", "wave"))
    raw = raw[raw["wave"].notna()]
    if raw.empty:
        return
    raw = raw.assign(wave=raw["wave"].astype(int), cohort=raw["cohort"].astype(str))
    cohorts = list(dict.fromkeys(raw["cohort"]))
    value = {(row_id(r.level, r.theme_id, r.code_id), r.cohort, r.wave): int(r.respondents)
             for r in raw.itertuples(index=False)}
    themes = raw[raw["level"] == "theme"]
    max_base = themes.groupby(["cohort", "wave"])["base"].max().to_dict()
    pairs = list(pairwise(waves))
    shown_pairs = {(a, b, c) for a, b in pairs for c in cohorts
                   if max_base.get((c, a), 0) > 0 and max_base.get((c, b), 0) > 0}
    shown = {(w, c) for a, b, c in shown_pairs for w in (a, b)}
    new_rows = _new_rows(value, rows, cohorts, pairs)
    name = "theme waves"
    for c in cohorts:
        for w in waves:
            if (c, w) in max_base:
                p.add(wave_base_key(c, w), int(max_base[(c, w)]),
                      status=None if (w, c) in shown else UNPUBLISHED, table=name)
    for rid, info in rows.items():
        for c in cohorts:
            theme_level = info["level"] == "theme"
            for w in waves:
                pub = (theme_level and (w, c) in shown) or (rid, c, w) in new_rows
                p.add(theme_key(rid, c, w), value.get((rid, c, w), 0),
                      status=None if pub else UNPUBLISHED, table=name)
                if theme_level and wave_base_key(c, w) in p.status:
                    p.add_at_most(theme_key(rid, c, w), wave_base_key(c, w))
            parts = [theme_key(rid, c, w) for w in waves]
            survey = theme_key(rid, c, SURVEY)
            both_shown = len(waves) == 2 and theme_level and (waves[0], waves[1], c) in shown_pairs
            p.add(survey, sum(p.values[k] for k in parts),
                  status=None if both_shown else UNPUBLISHED, table=name)
            _sum_if_true(p, survey, parts)
            if theme_key(rid, c) in p.status:
                p.add_at_most(survey, theme_key(rid, c))
                _sum_if_true(p, theme_key(rid, c), [survey])  # a cohort without interviews
            if len(waves) > 2:
                for a, b in pairs:
                    both = theme_key(rid, c, (a, b))
                    pair = [theme_key(rid, c, a), theme_key(rid, c, b)]
                    p.add(both, sum(p.values[k] for k in pair),
                          status=None if theme_level and (a, b, c) in shown_pairs
                          else UNPUBLISHED, table=name)
                    p.add_sum(both, pair)
    for w in [*waves, SURVEY]:
        _relate_codes(p, rows, cohorts, w)


def _new_rows(value: dict, rows: dict[str, dict], cohorts: list, pairs: list) -> set:
    """(row, cohort, later wave) shown in "Themes and codes new in wave N": none of the cohort
    had it in the wave before, some did in this one (the earlier zero is published too)."""
    out = set()
    for rid in rows:
        for c in cohorts:
            for a, b in pairs:
                if value.get((rid, c, a), 0) == 0 and value.get((rid, c, b), 0) > 0:
                    out |= {(rid, c, b), (rid, c, a)}
    return out


def _partitions(question: Any) -> bool:
    """Whether each respondent is in one group (single choice; not multiple)."""
    return question.kind != "multiple"


def _asked(data: Any, question: Any) -> list[str]:
    r = data.responses
    cohorts = [str(c) for c in getattr(question, "cohorts", ())]
    return cohorts or list(dict.fromkeys(str(c) for c in r["cohort"].dropna()))


def _add_equality_themes(p: LinkedTables, data: Any, q: Any, members: pd.DataFrame,
                         groups: list[str]) -> None:
    resp = members.merge(data.responses.drop(columns=["cohort"]), on="response_id",
                         how="inner").rename(columns={"group": "cohort"})
    raw = theme_table(replace(data, responses=resp))
    raw = raw[raw["level"] == "theme"]
    if raw.empty:
        return
    name = f"equality_themes_{q.id}"
    labels = list(dict.fromkeys(raw["theme_label"]))
    got = {(str(r.theme_label), str(r.cohort)): (int(r.respondents), int(r.base))
           for r in raw.itertuples(index=False)}
    theme_rows = {str(r.theme_label): row_id("theme", r.theme_id, None)
                  for r in raw.itertuples(index=False)}
    for lab in labels:
        for base in (False, True):
            parts = []
            for g in groups:
                n, b = got.get((lab, g), (0, 0))
                k = equality_key(q.id, lab, g, base=base)
                p.add(k, b if base else n, table=name)
                parts.append(k)
            total = equality_key(q.id, lab, ALL, base=base)
            p.add(total, sum(p.values[k] for k in parts), table=name)
            p.add_sum(total, parts)
        if any(0 < got.get((lab, g), (0, 0))[1] < p.min_count for g in groups):
            p.status[equality_key(q.id, lab, ALL, base=True)] = SECONDARY  # as the table shows
        for g in [*groups, ALL]:
            p.add_at_most(equality_key(q.id, lab, g), equality_key(q.id, lab, g, base=True))
        # the all-groups column of a partition is the asked cohorts' survey respondents
        rid = theme_rows.get(lab)
        if not _partitions(q) or rid is None:
            continue
        cohorts = [c for c in _asked(data, q) if theme_key(rid, c, SURVEY) in p.status]
        for base in (False, True):
            if base:
                continue  # the per-wave survey bases are not tabulated (the max is shown)
            total = equality_key(q.id, lab, ALL)
            _sum_if_true(p, total, [theme_key(rid, c, SURVEY) for c in cohorts])
            pooled = [theme_key(rid, c) for c in cohorts]
            if all(k in p.status for k in pooled):
                sub = ("theme", "(asked cohorts)", rid, str(q.id), ALL)
                p.add(sub, sum(p.values[k] for k in pooled), status=UNPUBLISHED)
                p.add_sum(sub, pooled)
                p.add_at_most(total, sub)
                _sum_if_true(p, total, [sub])


def _add_equality_closed(p: LinkedTables, data: Any, q: Any, members: pd.DataFrame,
                         groups: list[str]) -> None:
    asked = {str(c) for c in getattr(q, "cohorts", ())}
    resp = data.responses.set_index("response_id")
    name = f"equality_closed_{q.id}"
    sizes = {}
    for g in groups:  # a group's size: the characteristic question's count over the cohorts
        if g == NOT_STATED:
            continue
        parts = [closed_key(q.id, g, c) for c in _asked(data, q)]
        parts = [k for k in parts if k in p.status]
        if parts:
            k = ("eqc", "(group size)", str(q.id), "", str(g), ALL)
            p.add(k, sum(p.values[x] for x in parts), status=UNPUBLISHED)
            p.add_sum(k, parts)
            sizes[g] = k
    for other in data.instrument.questions:
        if other.kind not in TABULATED_KINDS or other.sensitive or other.consent or \
                other.id not in resp:
            continue
        if asked and other.cohorts and not asked & {str(c) for c in other.cohorts}:
            continue
        labels = ordered_labels(other)
        counts, bases = {}, {}
        for g in groups:
            ids = members.loc[members["group"] == g, "response_id"]
            sub = resp.loc[resp.index.intersection(ids)]
            if other.cohorts:
                sub = sub[sub["cohort"].astype(str).isin({str(c) for c in other.cohorts})]
            counts[g], bases[g] = _tally(sub[other.id].tolist(), labels)
        if not sum(bases.values()):
            continue
        options = [o for o in labels if o in counts[groups[0]]]
        if any(counts[g].get(OTHER, 0) for g in groups):
            options.append(OTHER)
        for o in [*options, BASE]:
            parts = []
            for g in groups:
                v = bases[g] if o == BASE else counts[g].get(o, 0)
                k = equality_closed_key(q.id, other.id, o, g)
                p.add(k, v, table=name)
                parts.append(k)
            total = equality_closed_key(q.id, other.id, o, ALL)
            p.add(total, sum(p.values[k] for k in parts), table=name)
            p.add_sum(total, parts)
        if other.kind == "multiple":
            if any(0 < bases[g] < p.min_count for g in groups):  # as the table shows it
                p.status[equality_closed_key(q.id, other.id, BASE, ALL)] = SECONDARY
            for g in [*groups, ALL]:
                for o in options:
                    p.add_at_most(equality_closed_key(q.id, other.id, o, g),
                                  equality_closed_key(q.id, other.id, BASE, g))
        else:
            for g in [*groups, ALL]:
                p.add_sum(equality_closed_key(q.id, other.id, BASE, g),
                          [equality_closed_key(q.id, other.id, o, g) for o in options])
        for g, size in sizes.items():
            p.add_at_most(equality_closed_key(q.id, other.id, BASE, g), size)
        if _partitions(q):  # all groups: the closed question's count over the asked cohorts
            cohorts = [c for c in _asked(data, q)
                       if not other.cohorts or c in {str(x) for x in other.cohorts}]
            for o in [*options, BASE]:
                parts = [closed_key(other.id, o, c) for c in cohorts]
                if all(k in p.status for k in parts):
                    _sum_if_true(p, equality_closed_key(q.id, other.id, o, ALL), parts)
