"""Comparing survey waves: closed questions, theme prevalence, and themes new in a later wave.

Each later wave is compared with the wave before it, over survey respondents only (interview
participants were not asked the closed questions). Every count goes through the report's
disclosure control (:func:`~analysis.report.disclosure.apply_disclosure`); a change, its interval
and its test are shown only when neither of the row's counts is suppressed (they would reveal it).

Decisions written down here:

* Closed questions use the same counts as the report (:func:`analysis.summarise.closed_tables`):
  the base is the respondents who answered; "No answer" is left out.
* Test per option (chosen vs not chosen, wave A vs wave B, a 2x2 table): Fisher's exact test
  (two-sided) when any expected count is below 5, else the two-proportion z test with the pooled
  proportion. The 95% interval of a wave's percentage is Wilson's; the interval of the change is
  Newcombe's hybrid score interval (method 10), built from the two Wilson intervals, for the
  same order of subtraction as the change (later minus earlier). All from :mod:`analysis.stats`.
* Linked tables: the two waves together are published elsewhere in the report, so each table
  is protected with its "Both waves" totals counted as published (a count suppressed in one
  wave makes its other wave suppressed too), and, for single-choice questions, with its bases.
* Theme prevalence per wave uses :func:`analysis.summarise.theme_table` grouped by cohort and
  wave (respondents, not mentions). A theme or code is "new" in a wave when no respondent of the
  previous wave had it and some of this wave did; emergent topics are "new" when none of their
  answers came from the previous wave.
* Multiple comparisons: each published table (one question for one cohort, or the themes of one
  cohort) is one family; its p-values are adjusted by Holm's method (family-wise error, valid
  under any dependence: the rows of a table share respondents) and shown beside the raw ones.
  Every tested row is shown, whatever its p; a change is called clear only where its adjusted p
  is below 0.05.
"""

from __future__ import annotations

import math
from dataclasses import replace

import pandas as pd

from analysis.report.data import ReportData, ReportSection
from analysis.report.disclosure import (
    ALL,
    BASE,
    TOTAL,
    apply_disclosure,
    closed_key,
    closed_plan,
    small_mark,
)
from analysis.report.theme_plan import (
    SURVEY,
    new_code_rows,
    surveyed,
    theme_key,
    theme_plan,
    wave_base_key,
    wave_counts,
)
from analysis.stats import (
    ADJUSTED_P,
    FISHER,
    HOLM,
    MIN_EXPECTED,
    ZTEST,
    adjust_p,
    compare_two_proportions,
    format_p,
)
from analysis.summarise import NO_ANSWER, closed_tables, wilson_interval

ADJUSTED = ADJUSTED_P
BASE_ROW = "Base (answered)"
BOTH = "Both waves"


def waves_of(data: ReportData) -> list[int]:
    """The survey waves present, in order."""
    r = surveyed(data).responses
    if "wave" not in r or r.empty:
        return []
    return sorted(int(w) for w in r["wave"].dropna().unique())


def compare_proportions(a: int, n_a: int, b: int, n_b: int) -> dict[str, object]:
    """Change from ``a / n_a`` to ``b / n_b``: difference, its 95% interval, the test and p.

    Args:
        a: Count in the earlier wave.
        n_a: Base of the earlier wave (> 0).
        b: Count in the later wave.
        n_b: Base of the later wave (> 0).

    Returns:
        ``diff`` (percentage points, later minus earlier), ``diff_low``, ``diff_high``
        (Newcombe hybrid score, in points), ``test`` (:data:`FISHER` or :data:`ZTEST`) and
        ``p`` (two-sided).

    Raises:
        ValueError: A base of 0 or a count outside 0..base.
    """
    if n_a <= 0 or n_b <= 0:
        raise ValueError("both bases must be positive")
    r = compare_two_proportions(b, n_b, a, n_a)  # later minus earlier
    return {"diff": 100 * r.estimate, "diff_low": 100 * r.low, "diff_high": 100 * r.high,
            "test": r.test, "p": r.p}


def _ci(lo: float, hi: float) -> str | None:
    return None if math.isnan(lo) or math.isnan(hi) else f"{lo:.1f} to {hi:.1f}"


def _compare_table(counts: pd.DataFrame, bases: pd.Series, *, labels: tuple[str, str],
                   min_count: int, min_base: int, row_name: str, additive: bool,
                   plan: dict | None = None, plan_key=None) -> tuple[pd.DataFrame, list[str]]:
    """Disclosure-controlled two-wave table with intervals, change and test per row.

    Args:
        counts: Rows (options or themes) x the two wave labels.
        bases: Base per wave label.
        labels: The two wave labels (earlier, later).
        min_count: Disclosure threshold.
        min_base: Smallest base for a percentage.
        row_name: Name of the row index.
        additive: The rows add up to the base (single choice): the base is published as the
            column total, so complementary suppression protects small counts; otherwise (a
            respondent can be in several rows) the base row cannot reveal a row.
        plan: The report's one suppression decision for linked tables
            (:func:`analysis.report.disclosure.closed_plan`), with ``plan_key`` (row label,
            column label -> key; margins labelled ``TOTAL``).
    """
    counts = counts.astype(int)
    if plan is None:  # with a plan, a row may hold a hidden zero: leaving it out would show it
        counts = counts[(counts != 0).any(axis=1)]  # an option nobody chose in either wave
    counts.index.name = row_name
    # Row totals (both waves together) are what the main report publishes, so they count as
    # published here too: a small count in one wave then needs its other wave hidden as well.
    published, notes = apply_disclosure(
        counts, min_count=min_count, min_base_for_percent=min_base,
        bases=None if additive else bases, row_totals=True, column_totals=additive,
        plan=plan, plan_key=plan_key)
    published = published.rename(index={TOTAL: BASE_ROW}, columns={TOTAL: BOTH})
    published = published.drop(columns=[BOTH + " %"], errors="ignore")
    if not additive:
        published.loc[BASE_ROW] = {w: (int(bases[w]) if bases[w] >= min_count
                                       else f"<{min_count}") for w in labels}
        published.at[BASE_ROW, BOTH] = None
        for w in labels:  # a base the plan hides, and the percentages that would reveal it
            if plan is not None and plan.get(plan_key(TOTAL, w)) == "secondary":
                published.at[BASE_ROW, w] = "[c]"
            if isinstance(published.at[BASE_ROW, w], str):
                published[f"{w} %"] = None
    out = pd.DataFrame(index=published.index)
    a_lab, b_lab = labels
    for w in labels:
        out[w] = published[w]
        out[f"{w} %"] = [None if i == BASE_ROW else v
                         for i, v in zip(published.index, published[f"{w} %"])]
        out[f"{w} 95% CI"] = [
            _ci(*(100 * x for x in wilson_interval(int(counts.at[i, w]), int(bases[w]))))
            if i != BASE_ROW and pct is not None else None
            for i, pct in zip(published.index, published[f"{w} %"])]
    change, change_ci, test, pval = [], [], [], []
    for i in published.index:
        shown = i != BASE_ROW and all(not isinstance(published.at[i, w], str)
                                      and not isinstance(published.at[BASE_ROW, w], str)
                                      for w in labels)
        if not shown or min(bases[a_lab], bases[b_lab]) < min_base:
            change.append(None), change_ci.append(None), test.append(None), pval.append(None)
            continue
        r = compare_proportions(int(counts.at[i, a_lab]), int(bases[a_lab]),
                                int(counts.at[i, b_lab]), int(bases[b_lab]))
        change.append(round(float(r["diff"]), 1))
        change_ci.append(_ci(float(r["diff_low"]), float(r["diff_high"])))
        test.append(r["test"])
        pval.append(float(r["p"]))
    out[BOTH] = published[BOTH]
    out["Change (points)"] = change
    out["Change 95% CI"] = change_ci
    out["Test"] = test
    out["p"] = [format_p(p) for p in pval]
    out[ADJUSTED] = [format_p(p) for p in adjust_p(pval, method=HOLM)]
    out = out.astype(object).where(out.notna(), None)
    for w in (*labels, BOTH):  # whole numbers stay whole after the row assignment above
        out[w] = pd.Series([None if isinstance(v, float) and math.isnan(v) else
                            int(v) if isinstance(v, float) and v.is_integer() else v
                            for v in out[w]], index=out.index, dtype=object)
    return out.reset_index(), notes


def closed_comparison(data: ReportData, earlier: int, later: int) -> ReportSection:
    """Closed questions asked in both waves, per cohort: counts, percentages, change, test."""
    plan = closed_plan(data, closed_tables)  # decided once with the pooled tables, kept on ``data``
    waves = waves_of(data)
    both = ALL if len(waves) <= 2 else (earlier, later)
    data = surveyed(data)
    dc = data.disclosure
    labels = (f"Wave {earlier}", f"Wave {later}")
    per_wave = {}
    for w in (earlier, later):
        sub = data.responses[data.responses["wave"].astype(int) == w]
        per_wave[w] = closed_tables(replace(data, responses=sub.reset_index(drop=True)))
    section = ReportSection(
        key=f"Waves {earlier}-{later} closed"[:31],
        title=f"Wave comparison: closed questions (wave {earlier} to wave {later})",
        intro=(f"Answers to closed questions asked in both waves, by cohort. Change is wave "
               f"{later} minus wave {earlier} in percentage points."))
    notes: list[str] = []
    for q in data.instrument.closed:
        if not (q.asked_in(earlier) and q.asked_in(later)):
            continue
        a, b = (t[t["question_id"] == q.id] for t in (per_wave[earlier], per_wave[later]))
        for cohort in [c for c in dict.fromkeys([*a["cohort"], *b["cohort"]])]:
            ca, cb = a[a["cohort"] == cohort], b[b["cohort"] == cohort]
            if ca.empty or cb.empty:
                continue
            ca, cb = (c[c["option"] != NO_ANSWER] for c in (ca, cb))
            opts = list(dict.fromkeys([*ca["option"], *cb["option"]]))
            counts = pd.DataFrame({labels[0]: ca.set_index("option")["count"].reindex(opts),
                                   labels[1]: cb.set_index("option")["count"].reindex(opts)}
                                  ).fillna(0)
            bases = pd.Series({labels[0]: int(ca["base"].max() if len(ca) else 0),
                               labels[1]: int(cb["base"].max() if len(cb) else 0)})
            if (bases < dc.min_count).any():  # a wave of under min_count people: its
                continue  # "<5" cells would add up to a "<5" base and give each other away
            table, n = _compare_table(counts, bases, labels=labels, min_count=dc.min_count,
                                      min_base=dc.min_base_for_percent, row_name="Option",
                                      additive=q.kind != "multiple", plan=plan,
                                      plan_key=lambda r, c, q=q.id, k=cohort: closed_key(
                                          q, BASE if r == TOTAL else r, k,
                                          both if c == TOTAL else int(c.split()[-1])))
            notes.extend(n)
            section.tables.append((f"{q.text} [{q.id}] ({cohort})", table))
    section.notes = _method_notes(notes)
    if not section.tables:
        section.notes.insert(0, "No closed question was asked in both waves.")
    return section


def _method_notes(disclosure_notes: list[str]) -> list[str]:
    return [*dict.fromkeys(disclosure_notes),
            "Percentages are of respondents who answered; 95% intervals are Wilson score "
            "intervals; the interval of a change is Newcombe's hybrid score interval.",
            f"Each row is tested as a 2x2 table (chosen or not, by wave): {FISHER} test when "
            f"an expected count is below {MIN_EXPECTED:g}, else the {ZTEST} test; two-sided. "
            f"{ADJUSTED} is adjusted by Holm's method over the rows tested in the same table; "
            "a change is clear only where the adjusted p is below 0.05.",
            "Change, interval and test are not shown where a count is suppressed or a base is "
            "too small for percentages."]


def theme_comparison(data: ReportData, earlier: int, later: int) -> ReportSection:
    """Theme prevalence per wave and cohort, themes and codes new in the later wave, and
    emergent topics found only in the later wave.

    The counts are protected in layers with the pooled theme table
    (:func:`analysis.report.theme_plan.theme_plan`): a row that cannot be protected without
    hiding more of the pooled table is withheld (shown blank) and a note says so."""
    plan = theme_plan(data)  # decided once with the pooled theme table, kept on ``data``
    both = SURVEY if len(waves_of(data)) <= 2 else (earlier, later)
    data = surveyed(data)
    dc = data.disclosure
    labels = (f"Wave {earlier}", f"Wave {later}")
    raw = wave_counts(data, earlier, later)
    machine = bool(raw["machine_suggested"].any()) if len(raw) else False
    section = ReportSection(
        key=f"Waves {earlier}-{later} themes"[:31],
        title=f"Wave comparison: themes (wave {earlier} to wave {later})",
        intro=("Respondents mentioning each theme, by cohort and wave (survey answers only)."
               + (f" Built from {data.draft_label()}." if machine else "")))
    notes: list[str] = []
    themes = raw[raw["level"] == "theme"]
    for cohort in dict.fromkeys(themes["cohort"]):
        t = themes[themes["cohort"] == cohort]
        counts = t.pivot_table(index="theme_label", columns="wave", values="respondents",
                               aggfunc="sum", sort=False)
        bases_raw = t.groupby("wave")["base"].max()
        if earlier not in counts.columns or later not in counts.columns:
            continue
        counts = counts[[earlier, later]].fillna(0).astype(int)
        counts.columns = list(labels)
        bases = pd.Series({labels[0]: int(bases_raw.get(earlier, 0)),
                           labels[1]: int(bases_raw.get(later, 0))})
        if (bases == 0).any():
            continue
        c = str(cohort)
        rid = dict(zip(t["theme_label"], t["row"]))

        def key(r: object, col: str, c: str = c, rid: dict = rid) -> tuple:
            if r == TOTAL:  # the base row
                return wave_base_key(c, int(col.split()[-1]))
            return theme_key(rid[r], c, both if col == TOTAL else int(col.split()[-1]))

        withheld = [r for r in counts.index
                    if ("waves", earlier, later, c, rid[r]) in plan.withheld]
        hidden = [any(plan.status.get(key(r, col)) == "secondary" for col in (*labels, TOTAL))
                  for r in counts.index]
        # an all-zero row is left out (nobody in either wave), unless the plan hides a zero
        keep = (counts != 0).any(axis=1) | pd.Series(hidden, index=counts.index)
        order = list(counts.index[keep])
        counts = counts[keep & ~counts.index.isin(withheld)]
        table, n = _compare_table(counts, bases, labels=labels, min_count=dc.min_count,
                                  min_base=dc.min_base_for_percent, row_name="Theme",
                                  additive=False, plan=plan.status, plan_key=key)
        if withheld:
            blank = pd.DataFrame([{"Theme": r} for r in withheld], columns=table.columns,
                                 dtype=object)
            table = pd.concat([table, blank], ignore_index=True).astype(object)
            rank = {r: i for i, r in enumerate([*order, BASE_ROW])}
            table = table.sort_values("Theme", key=lambda s: s.map(rank),
                                      kind="stable").reset_index(drop=True)
            table = table.where(table.notna(), None)
            n = [*n, f"{len(withheld)} theme row(s) are left blank: their counts could be "
                 "worked out with the pooled theme table."]
        notes.extend(n)
        section.tables.append((f"Theme prevalence ({cohort})", table))
    new, withheld_new = _new_codes(raw, earlier, later, plan=plan, min_count=dc.min_count)
    if len(new):
        section.tables.append((f"Themes and codes new in wave {later} (none in wave {earlier})",
                               new))
    elif not withheld_new:
        notes.append(f"No theme or code of the codebook is new in wave {later}.")
    if withheld_new:
        notes.append(f"{withheld_new} theme(s) or code(s) new in wave {later} are not listed: "
                     "their counts could be worked out with the other theme tables.")
    topics = _new_topics(data, earlier, later, min_count=dc.min_count)
    if topics is not None and len(topics):
        section.tables.append(("Emergent topics that match no code or are new in wave "
                               f"{later} (answers per wave)", topics))
    section.notes = [*dict.fromkeys(notes), *_method_notes([])[1:]]
    return section


def _new_codes(raw: pd.DataFrame, earlier: int, later: int, *, plan,
               min_count: int) -> tuple[pd.DataFrame, int]:
    """The themes and codes new in ``later`` as the plan shows them, and how many rows the
    plan withholds."""
    meta = raw.drop_duplicates(["row", "cohort"]).set_index(["row", "cohort"])
    value = {(r.row, str(r.cohort), int(r.wave)): int(r.respondents)
             for r in raw.itertuples(index=False)}
    new = new_code_rows(value, list(dict.fromkeys(raw["row"])),
                        [str(c) for c in dict.fromkeys(raw["cohort"])], earlier, later)
    cohort_of = {str(c): c for c in raw["cohort"]}
    rows, withheld = [], 0
    for rid, c in new:
        if ("new", earlier, later, c, rid) in plan.withheld:
            withheld += 1
            continue
        m = meta.loc[(rid, cohort_of[c])]
        status = plan.status.get(theme_key(rid, c, later))
        after = value[(rid, c, later)]
        rows.append({"Level": m["level"], "Theme": m["theme_label"],
                     "Code": None if not isinstance(m["code_label"], str) else m["code_label"],
                     "Cohort": cohort_of[c],
                     f"Respondents in wave {later}": "[c]" if status == "secondary" else
                     small_mark(min_count) if 0 < after < min_count else after})
    return pd.DataFrame(rows), withheld


def _new_topics(data: ReportData, earlier: int, later: int, *,
                min_count: int) -> pd.DataFrame | None:
    """Emergent topics that match no code (``candidate_new_code``) or that no answer of the
    earlier wave fell in: answers per wave, disclosure-controlled."""
    if data.topics is None or data.topic_assignments is None or not len(data.topics):
        return None
    a = data.topic_assignments.rename(columns={"id": "answer_id"})
    a = a.merge(data.answers[["answer_id", "response_id"]], on="answer_id", how="inner")
    a = a.merge(data.responses[["response_id", "wave"]], on="response_id", how="inner")
    t = data.topics
    labels = t["label"] if "label" in t else t["topic_id"].astype(str)
    label_of = dict(zip(t["topic_id"], labels))
    candidate = (dict(zip(t["topic_id"], t["candidate_new_code"].fillna(False).astype(bool)))
                 if "candidate_new_code" in t else {})
    rows, index = [], []
    for tid, g in a.groupby("topic_id"):
        if int(tid) < 0:
            continue
        waves = g["wave"].astype(int)
        before, after = int((waves == earlier).sum()), int((waves == later).sum())
        new = before == 0 and after > 0
        if not (candidate.get(tid, False) or new) or after == 0:
            continue
        rows.append({f"Wave {earlier}": before, f"Wave {later}": after})
        index.append((str(label_of.get(tid, tid)), "yes" if candidate.get(tid) else "no",
                      "yes" if new else "no"))
    if not rows:
        return pd.DataFrame()
    counts = pd.DataFrame(rows, index=pd.Index([i[0] for i in index], name="Topic"))
    published, _ = apply_disclosure(counts, min_count=min_count, min_base_for_percent=1,
                                    row_totals=False, column_totals=False, percentages=False,
                                    bases=pd.Series(1, index=counts.columns))
    published.insert(0, "Matches no code", [i[1] for i in index])
    published[f"New in wave {later}"] = [i[2] for i in index]
    return published.reset_index()


def compare_waves(data: ReportData) -> list[ReportSection]:
    """The wave-comparison sections of the report (empty with fewer than two survey waves).

    Each later wave is compared with the one before: closed questions, then themes.

    Args:
        data: The report data (``responses`` needs a ``wave`` column).

    Returns:
        Disclosure-controlled sections for :attr:`ReportData.extra_sections`.
    """
    waves = waves_of(data)
    out: list[ReportSection] = []
    for earlier, later in zip(waves, waves[1:]):
        out.append(closed_comparison(data, earlier, later))
        out.append(theme_comparison(data, earlier, later))
    return out
