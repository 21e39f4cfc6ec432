"""The equality view: themes and closed questions broken down by each equality characteristic
the instrument asks about (gender, age band, sexual orientation, ethnicity, disability...).

Which characteristics: every closed question of the instrument marked ``sensitive: true``
(single, Likert or multiple choice; never the consent question), in instrument order, named by
its first alias ("Gender") or else its text. Nothing is looked up by question id, so a project
whose instrument asks none of them gets no equality tables, and one that asks others (caring
responsibilities, religion) gets those.

Who is counted: survey respondents of the cohorts the characteristic was asked of (interview
participants were not asked it). Each answer option is a group (a respondent who ticked several
options of a multiple-choice characteristic is in each); "Prefer not to say", no answer and a
value withheld at ingest for k-anonymity are one group, :data:`NOT_STATED`.

Per characteristic, two tables (:class:`~analysis.report.published.PublishedTable`):

* ``equality_themes_<question id>``: respondents raising each theme, per group, with the
  group's base (respondents of the group who answered a free-text question the theme was used
  in) and the percentage beside it;
* ``equality_closed_<question id>``: every other closed question asked of those cohorts (not
  the sensitive ones, not consent), one block of rows per question, answers by group, with the
  block's "Answered (base)" row.

Disclosure: every block goes through the same control as the other tables
(:func:`analysis.report.disclosure.apply_disclosure`: counts from 1 to ``min_count - 1`` shown
as ``"<N"``, secondary suppression against the row total across groups, which the main tables
publish, and, for single-choice questions, against the base; no percentage on a small base).
A base under ``min_count`` is shown as ``"<N"`` and then the all-groups base and percentage are
hidden too (``"[c]"``), as the themes table does. The tables are in ``ReportTables.equality``,
where the disclosure audit reads them with every other published table.

How the chapter renders them: the equality section shows each table of
``ReportTables.equality`` with its ``title`` as caption and its ``notes`` under it (as it shows a
closed question's table); ``value_columns`` are the group columns, for a chart. The workbook
puts them on an "Equality" sheet.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pandas as pd

from analysis.report.data import ReportData
from analysis.report.disclosure import PCT_SUFFIX, SECONDARY_MARK, apply_disclosure, small_mark
from analysis.report.published import ANSWERED, PublishedTable
from analysis.summarise import OTHER, PREFER_NOT, TABULATED_KINDS, theme_table

NOT_STATED = "Not stated or withheld"
ALL_GROUPS = "All"
BASE_SUFFIX = " base"
_WITHHELD = "[withheld]"


def equality_questions(instrument: object) -> list:
    """The instrument's equality characteristics: closed questions marked sensitive (not the
    consent question), in instrument order."""
    return [q for q in getattr(instrument, "questions", ())
            if getattr(q, "sensitive", False) and not getattr(q, "consent", False)
            and q.kind in TABULATED_KINDS]


def characteristic_name(question: object) -> str:
    """How a characteristic is named in titles: its first alias, else its question text."""
    aliases = [a for a in getattr(question, "aliases", ()) if str(a).strip()]
    return str(aliases[0]).strip() if aliases else str(question.text).strip()


def _missing(v: object) -> bool:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return True
    if isinstance(v, (list, tuple, set, np.ndarray)):
        return len(v) == 0
    return isinstance(v, str) and not v.strip()


def _groups_of(value: object) -> list[str]:
    """The groups one answer puts a respondent in."""
    if _missing(value):
        return [NOT_STATED]
    chosen = list(value) if isinstance(value, (list, tuple, set, np.ndarray)) else [value]
    out = []
    for v in chosen:
        s = str(v).strip()
        out.append(NOT_STATED if not s or s == _WITHHELD or PREFER_NOT.search(s) else s)
    return list(dict.fromkeys(out)) or [NOT_STATED]


def _surveyed(data: ReportData, question: object) -> pd.DataFrame:
    r = data.responses
    if "kind" in r:
        r = r[r["kind"].fillna("survey") != "interview"]
    asked = [str(c) for c in getattr(question, "cohorts", ())]
    if asked:
        r = r[r["cohort"].astype(str).isin(asked)]
    return r


def group_membership(data: ReportData, question: object) -> tuple[pd.DataFrame, list[str]]:
    """``(response_id, group)`` rows (one per group a respondent is in) and the groups in
    order: the question's options as listed, then other values, then :data:`NOT_STATED`."""
    r = _surveyed(data, question)
    values = r[question.id] if question.id in r else pd.Series([None] * len(r), index=r.index)
    rows = [(rid, g) for rid, v in zip(r["response_id"], values) for g in _groups_of(v)]
    members = pd.DataFrame(rows, columns=["response_id", "group"])
    present = set(members["group"])
    labels = [str(x) for x in getattr(question, "labels", ())]
    order = [g for g in labels if g in present and g != NOT_STATED]
    order += sorted(present - set(order) - {NOT_STATED})
    order += [NOT_STATED] if NOT_STATED in present else []
    return members, order


def _with_bases(pub: pd.DataFrame, bases: pd.DataFrame, groups: list[str], *,
                min_count: int) -> pd.DataFrame:
    """Each group's base beside its percentage; the all-groups base (and percentage) hidden
    where a group's base is small, as it would give the small base away."""
    small = small_mark(min_count)
    b = bases.reindex(index=pub.index, columns=groups).fillna(0).astype(int)
    small_row = ((b > 0) & (b < min_count)).any(axis=1)
    cols: list[str] = []
    for g in [*groups, ALL_GROUPS]:
        cols += [g, f"{g}{PCT_SUFFIX}", f"{g}{BASE_SUFFIX}"]
        if g == ALL_GROUPS:
            total = b.sum(axis=1)
            pub[f"{g}{BASE_SUFFIX}"] = [SECONDARY_MARK if s else (v if v >= min_count or v == 0
                                                                  else small)
                                        for v, s in zip(total, small_row)]
            pub.loc[small_row.to_numpy(), f"{g}{PCT_SUFFIX}"] = None
        else:
            pub[f"{g}{BASE_SUFFIX}"] = [v if v >= min_count or v == 0 else small for v in b[g]]
    return pub[[c for c in cols if c in pub.columns]]


def _themes_by(data: ReportData, question: object, members: pd.DataFrame,
               groups: list[str]) -> PublishedTable | None:
    dc = data.disclosure
    resp = members.merge(data.responses.drop(columns=["cohort"]), on="response_id",
                         how="inner").rename(columns={"group": "cohort"})
    raw = theme_table(replace(data, responses=resp))
    raw = raw[raw["level"] == "theme"]
    if raw.empty:
        return None
    order = list(dict.fromkeys(raw["theme_label"]))
    counts = raw.pivot(index="theme_label", columns="cohort", values="respondents")
    counts = counts.reindex(index=order, columns=groups).fillna(0).astype(int)
    bases = raw.pivot(index="theme_label", columns="cohort", values="base").reindex(
        index=order, columns=groups).fillna(0)
    pub, notes = apply_disclosure(counts, min_count=dc.min_count,
                                  min_base_for_percent=dc.min_base_for_percent, bases=bases,
                                  column_totals=False, total_label=ALL_GROUPS)
    pub = _with_bases(pub, bases, groups, min_count=dc.min_count)
    pub.index.name = "Theme"
    name = characteristic_name(question)
    notes = [*notes,
             f"Survey respondents of the cohorts asked \"{question.text}\", by their answer. "
             f"\"{NOT_STATED}\": preferred not to say, did not answer, or the answer was "
             "withheld to protect identity.",
             "Counts are respondents with at least one segment given a code of the theme; the "
             "base is the group's respondents who answered a free-text question the theme was "
             "used in."]
    machine = bool(raw["machine_suggested"].any())
    return PublishedTable(f"equality_themes_{question.id}", f"Themes by {name.lower()}",
                          pub.reset_index(), tuple(notes), machine,
                          value_columns=tuple(groups))


def _tally(values: list, labels: list[str]) -> tuple[dict[str, int], int]:
    counts = dict.fromkeys(labels, 0)
    answered = 0
    for v in values:
        if _missing(v):
            continue
        answered += 1
        chosen = list(v) if isinstance(v, (list, tuple, set, np.ndarray)) else [v]
        for lab in dict.fromkeys(str(x) for x in chosen):
            key = lab if lab in counts else OTHER
            counts[key] = counts.get(key, 0) + 1
    return counts, answered


def _closed_by(data: ReportData, question: object, members: pd.DataFrame,
               groups: list[str]) -> PublishedTable | None:
    dc = data.disclosure
    asked = {str(c) for c in getattr(question, "cohorts", ())}
    resp = data.responses.set_index("response_id")
    blocks, notes_all = [], []
    for q in data.instrument.questions:
        if q.kind not in TABULATED_KINDS or q.sensitive or q.consent or q.id not in resp:
            continue
        if asked and q.cohorts and not asked & {str(c) for c in q.cohorts}:
            continue
        labels = [str(x) for x in q.labels]
        ordered = [x for x in labels if not PREFER_NOT.search(x)] + \
            [x for x in labels if PREFER_NOT.search(x)]
        counts, bases = {}, {}
        for g in groups:
            ids = members.loc[members["group"] == g, "response_id"]
            sub = resp.loc[resp.index.intersection(ids)]
            if q.cohorts:
                sub = sub[sub["cohort"].astype(str).isin({str(c) for c in q.cohorts})]
            counts[g], bases[g] = _tally(sub[q.id].tolist(), ordered)
        table = pd.DataFrame(counts).reindex(columns=groups).fillna(0).astype(int)
        table = table.loc[[x for x in table.index if x != OTHER or table.loc[x].sum() > 0]]
        if not sum(bases.values()):
            continue
        multi = q.kind == "multiple"
        pub, notes = apply_disclosure(table, min_count=dc.min_count,
                                      min_base_for_percent=dc.min_base_for_percent,
                                      bases=pd.Series(bases) if multi else None,
                                      column_totals=not multi, total_label=ALL_GROUPS)
        if multi:  # the base row a single-choice table gets from its column totals
            small = small_mark(dc.min_count)
            shown = {g: (small if 0 < bases[g] < dc.min_count else bases[g]) for g in groups}
            hidden = any(isinstance(v, str) for v in shown.values())
            pub.loc[ANSWERED] = None
            for g in groups:
                pub.at[ANSWERED, g] = shown[g]
            pub.at[ANSWERED, ALL_GROUPS] = SECONDARY_MARK if hidden else sum(bases.values())
            if hidden:
                pub[ALL_GROUPS + PCT_SUFFIX] = None
        else:
            pub = pub.rename(index={ALL_GROUPS: ANSWERED})
        pub.loc[ANSWERED, [c for c in pub.columns if c.endswith(PCT_SUFFIX)]] = None
        pub.index.name = "Answer"
        pub = pub.reset_index()
        pub.insert(0, "Question", q.text)
        blocks.append(pub)
        notes_all += [n for n in notes if n not in notes_all]
    if not blocks:
        return None
    name = characteristic_name(question)
    notes_all += [f"Survey respondents of the cohorts asked \"{question.text}\", by their "
                  f"answer; \"{NOT_STATED}\": preferred not to say, did not answer, or the "
                  "answer was withheld to protect identity.",
                  "Percentages are of the group's respondents who answered the question (the "
                  "base)."]
    return PublishedTable(f"equality_closed_{question.id}",
                          f"Closed questions by {name.lower()}",
                          pd.concat(blocks, ignore_index=True), tuple(notes_all),
                          value_columns=tuple(groups))


def equality_tables(data: ReportData) -> tuple[PublishedTable, ...]:
    """The disclosure-controlled equality tables, two per characteristic the instrument asks
    about (see the module docstring); ``()`` when it asks none."""
    out: list[PublishedTable] = []
    for q in equality_questions(data.instrument):
        members, groups = group_membership(data, q)
        if members.empty:
            continue
        for build in (_themes_by, _closed_by):
            t = build(data, q, members, groups)
            if t is not None:
                out.append(t)
    return tuple(out)
