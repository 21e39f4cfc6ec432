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

Disclosure: every block is first decided on its own
(:func:`analysis.report.disclosure.apply_disclosure`: counts from 1 to ``min_count - 1`` shown
as ``"<N"``, secondary suppression against the row total across groups and, for single-choice
questions, against the base; no percentage on a small or hidden base). The closed-answer blocks
are then decided together with the closed-question tables they break down
(:func:`analysis.report.disclosure.equality_plan`): each block's "All" column is the closed
table's count over the cohorts asked (for a single-choice characteristic; where groups overlap,
each group is at most it), a group's base is at most the group's size in the characteristic's
own table, and the closed tables' decisions are never changed (they are published as they
are), so complements come from the equality cells. Where a block's own ``"<N"`` marks (each says
"at least 1"), with the closed tables, would already say too much, its small counts are shown
as ``"[c]"`` instead (a note names the question); a block that cannot be protected even so is
withheld, with a note naming the question. The tables are in ``ReportTables.equality``; the disclosure audit
reads the closed answers, linked to the closed questions (the themes by group are protected
each on its own, not linked to the theme table).

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
from analysis.report.disclosure import (
    ALL,
    BASE,
    PCT_SUFFIX,
    SECONDARY_MARK,
    EqualityBlock,
    apply_disclosure,
    equality_plan,
    small_mark,
)
from analysis.report.published import ANSWERED, PublishedTable
from analysis.summarise import OTHER, PREFER_NOT, TABULATED_KINDS, closed_tables, theme_table
from survey.anonymise.disclosure_audit import PRIMARY, PUBLISHED, SECONDARY

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


def _closed_blocks(data: ReportData, question: object, members: pd.DataFrame,
                   groups: list[str]) -> list[EqualityBlock]:
    """Every other closed question's answers by the characteristic's groups (raw counts), each
    with the statuses its table gets when decided on its own (the plan's seed)."""
    dc = data.disclosure
    asked = {str(c) for c in getattr(question, "cohorts", ())}
    resp = data.responses.set_index("response_id")
    surveyed = _surveyed(data, question)
    present = list(dict.fromkeys(str(c) for c in surveyed["cohort"].dropna()))
    char_options = tuple(str(x) for x in getattr(question, "labels", ()))
    blocks = []
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
        cohorts = tuple(c for c in present if not q.cohorts or q.asked_of(c))
        block = EqualityBlock(question.id, question.kind == "multiple", char_options, q.id,
                              q.kind == "multiple", table, bases, cohorts)
        pub, _ = _render_block(block, dc, plan=None)
        block.seed = _statuses(block, pub, dc.min_count)
        blocks.append(block)
    return blocks


def _render_block(block: EqualityBlock, dc: object, plan: dict | None
                  ) -> tuple[pd.DataFrame, list[str]]:
    """The block as published (index: answers, then :data:`ANSWERED`), decided on its own
    (``plan`` None) or as the equality plan has it."""
    multi = block.multi
    groups = [str(g) for g in block.counts.columns]

    def key(row: object, col: str) -> tuple:
        return block.key(BASE if row == ALL_GROUPS else row, ALL if col == ALL_GROUPS else col)

    bases = block.bases
    pub, notes = apply_disclosure(block.counts, min_count=dc.min_count,
                                  min_base_for_percent=dc.min_base_for_percent,
                                  bases=pd.Series(bases) if multi else None,
                                  column_totals=not multi, total_label=ALL_GROUPS,
                                  plan=plan, plan_key=key if plan is not None else None)
    if multi:  # the base row a single-choice table gets from its column totals
        small = small_mark(dc.min_count)
        if plan is None:
            shown = {g: (small if 0 < bases[g] < dc.min_count else bases[g]) for g in groups}
            total: object = sum(bases.values())
            if any(isinstance(v, str) for v in shown.values()):
                total = SECONDARY_MARK
        else:
            def mark(v: int, status: str) -> object:
                return small if status == PRIMARY else SECONDARY_MARK if status == SECONDARY \
                    else v
            shown = {g: mark(bases[g], plan[key(ALL_GROUPS, g)]) for g in groups}
            total = mark(sum(bases.values()), plan[key(ALL_GROUPS, ALL_GROUPS)])
        pub.loc[ANSWERED] = None
        for g in groups:
            pub.at[ANSWERED, g] = shown[g]
            if isinstance(shown[g], str):  # a percentage would give its hidden base away
                pub[g + PCT_SUFFIX] = None
        pub.at[ANSWERED, ALL_GROUPS] = total
        if isinstance(total, str):
            pub[ALL_GROUPS + PCT_SUFFIX] = None
    else:
        pub = pub.rename(index={ALL_GROUPS: ANSWERED})
    pub.loc[ANSWERED, [c for c in pub.columns if c.endswith(PCT_SUFFIX)]] = None
    return pub, notes


def _statuses(block: EqualityBlock, pub: pd.DataFrame, min_count: int) -> dict[tuple, str]:
    """The statuses a rendered block shows (``"<N"`` primary, ``"[c]"`` secondary)."""
    small = small_mark(min_count)
    out = {}
    for row in [*block.counts.index, ANSWERED]:
        for col in [*block.counts.columns, ALL_GROUPS]:
            v = pub.at[row, col]
            k = block.key(BASE if row == ANSWERED else row, ALL if col == ALL_GROUPS else col)
            out[k] = PRIMARY if v == small else SECONDARY if v == SECONDARY_MARK else PUBLISHED
    return out


def _closed_by(data: ReportData, question: object, blocks: list[EqualityBlock],
               plan: dict, withheld: set[tuple[str, str]]) -> PublishedTable | None:
    dc = data.disclosure
    texts = {q.id: q.text for q in data.instrument.questions}
    rendered, notes_all, left_out, masked = [], [], [], []
    for block in blocks:
        if (block.characteristic, block.qid) in withheld:
            left_out.append(texts[block.qid])
            continue
        if any(plan.get(block.key(o, g)) == SECONDARY and 0 < int(block.counts.at[o, g])
               < dc.min_count for o in block.counts.index for g in block.counts.columns):
            masked.append(texts[block.qid])
        pub, notes = _render_block(block, dc, plan)
        pub.index.name = "Answer"
        pub = pub.reset_index()
        pub.insert(0, "Question", texts[block.qid])
        rendered.append(pub)
        notes_all += [n for n in notes if n not in notes_all]
    if not rendered:
        return None
    name = characteristic_name(question)
    notes_all += [(f"Survey respondents of the cohorts asked \"{question.text}\", by their "
                   f"answer; \"{NOT_STATED}\": preferred not to say, did not answer, or the "
                   "answer was withheld to protect identity."),
                  ("Percentages are of the group's respondents who answered the question (the "
                   "base).")]
    if masked:
        notes_all.append(f"Small counts are shown as \"{SECONDARY_MARK}\", not "
                         f"\"{small_mark(dc.min_count)}\", where saying a count is at least 1 "
                         "would, with the other tables, give a count away: "
                         + "; ".join(f"\"{t}\"" for t in masked) + ".")
    if left_out:
        notes_all.append(_withheld_note(name, left_out))
    return PublishedTable(f"equality_closed_{question.id}",
                          f"Closed questions by {name.lower()}",
                          pd.concat(rendered, ignore_index=True), tuple(notes_all),
                          value_columns=tuple(groups_of_blocks(blocks)))


def _withheld_note(name: str, texts: list[str]) -> str:
    return (f"Not shown by {name.lower()}, to protect small counts that the other tables would "
            "otherwise give away: " + "; ".join(f"\"{t}\"" for t in texts) + ".")


def groups_of_blocks(blocks: list[EqualityBlock]) -> list[str]:
    """The groups (columns) of a characteristic's blocks."""
    return [str(g) for g in blocks[0].counts.columns] if blocks else []


def equality_tables(data: ReportData) -> tuple[PublishedTable, ...]:
    """The disclosure-controlled equality tables, two per characteristic the instrument asks
    about (see the module docstring); ``()`` when it asks none."""
    built: list[tuple[object, PublishedTable | None, list[EqualityBlock]]] = []
    for q in equality_questions(data.instrument):
        members, groups = group_membership(data, q)
        if members.empty:
            continue
        built.append((q, _themes_by(data, q, members, groups),
                      _closed_blocks(data, q, members, groups)))
    every = [b for _, _, blocks in built for b in blocks]
    plan, withheld = equality_plan(data, closed_tables, every) if every else ({}, set())
    out: list[PublishedTable] = []
    texts = {x.id: x.text for x in data.instrument.questions}
    for q, themes, blocks in built:
        closed = _closed_by(data, q, blocks, plan, withheld)
        if closed is None and blocks and themes is not None:  # every block withheld: say so
            note = _withheld_note(characteristic_name(q), [texts[b.qid] for b in blocks])
            themes = replace(themes, notes=(*themes.notes, note))
        out += [t for t in (themes, closed) if t is not None]
    return tuple(out)
