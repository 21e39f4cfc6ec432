"""Everything a report shows, computed once and disclosure-controlled: :class:`ReportTables`.

Every writer (xlsx, html, docx, csv, figures) takes a :class:`ReportTables`; none recomputes
counts, so every format publishes the same, already suppressed, numbers.
"""

from __future__ import annotations

import math

import pandas as pd

from analysis.quotes import DESCRIPTOR_MIN_COHORT, select_quotes
from analysis.report.data import MACHINE_NOTE, ReportData, ReportSection
from analysis.report.disclosure import (
    ALL,
    ASKED_KEY,
    BASE,
    NO_ANSWER_KEY,
    PCT_SUFFIX,
    SECONDARY_MARK,
    TOTAL,
    apply_disclosure,
    closed_key,
    closed_plan,
    respondents_key,
    small_mark,
)
from analysis.report.emergent import publish_emergent, topic_coords
from analysis.report.equality import equality_tables
from analysis.report.published import ANSWERED, ASKED, CI_SUFFIX, PublishedTable, ReportTables
from analysis.report.theme_plan import pooled_counts, theme_key, theme_plan
from analysis.summarise import NO_ANSWER, closed_tables, respondent_counts


def coding_coverage(data: ReportData) -> dict[str, object]:
    """How much of the coding a person did: segments, segments with a person's decision, human
    coders, and mean Cohen's kappa over codes where two people coded the same segments."""
    c = data.codings
    out: dict[str, object] = {"segments": int(len(data.segments)), "reviewed": 0, "coders": 0,
                              "kappa": None}
    if c is None or c.empty:
        return out
    human = c[c["status"].isin(("accepted", "rejected")) & (c["source"] == "human")]
    out["reviewed"] = int(human["segment_id"].nunique())
    out["coders"] = int(human["coder"].nunique())
    if out["coders"] >= 2:
        try:
            from analysis.agreement import agreement

            k = pd.to_numeric(agreement(c).per_code["kappa"], errors="coerce").dropna()
            out["kappa"] = round(float(k.mean()), 2) if len(k) else None
        except (ValueError, KeyError):
            out["kappa"] = None
    return out


def _publish_respondents(data: ReportData) -> PublishedTable:
    counts = respondent_counts(data)
    # decided with the closed questions: their "Total asked" counts the same people
    pub, notes = apply_disclosure(counts, min_count=data.disclosure.min_count,
                                  min_base_for_percent=data.disclosure.min_base_for_percent,
                                  percentages=False, plan=closed_plan(data, closed_tables),
                                  plan_key=respondents_key)
    pub.index.name = "Cohort"
    pub.columns = [c.capitalize() if c != "Total" else c for c in pub.columns]
    return PublishedTable("respondents", "Who we heard from: respondents by cohort",
                          pub.reset_index(), tuple(notes),
                          value_columns=tuple(c for c in pub.columns if c != "Total"))


def _publish_themes(data: ReportData) -> PublishedTable:
    # decided in layers with the theme wave comparisons and the codes new in a wave
    plan = theme_plan(data)
    raw, order, counts, bases = pooled_counts(data)
    machine = bool(raw["machine_suggested"].any()) if len(raw) else False
    dc = data.disclosure
    pub, notes = apply_disclosure(counts, min_count=dc.min_count,
                                  min_base_for_percent=dc.min_base_for_percent, bases=bases,
                                  column_totals=False, total_label="All respondents",
                                  plan=plan.status, plan_key=lambda r, c: theme_key(
                                      r, ALL if c == "All respondents" else c))
    meta = raw.drop_duplicates("row").set_index("row")
    pub.insert(0, "Code", ["(all codes in theme)" if pd.isna(meta.at[r, "code_label"])
                          else meta.at[r, "code_label"] for r in order])
    pub.insert(0, "Theme", [meta.at[r, "theme_label"] for r in order])
    pub.insert(0, "Level", [meta.at[r, "level"] for r in order])
    for cohort in [*map(str, counts.columns), "All respondents"]:  # bases are counts too
        col = ALL if cohort == "All respondents" else cohort
        shown = []
        for r in order:
            status = plan.status.get(theme_key(r, col, base=True))
            b = int(bases.loc[r].sum()) if col == ALL else int(bases.loc[r, cohort])
            shown.append(SECONDARY_MARK if status == "secondary" else
                         small_mark(dc.min_count) if status == "primary" else b)
        pub[f"{cohort} base"] = shown
        if cohort + PCT_SUFFIX in pub.columns:  # a percentage would reveal a hidden base
            hidden = [isinstance(v, str) for v in shown]
            pub.loc[hidden, cohort + PCT_SUFFIX] = None
    pub = pub[_bases_beside(list(pub.columns))]
    notes = [*notes, "Counts are respondents (not mentions) with at least one segment given the "
             "code; the base is the cohort's respondents who answered a free-text question the "
             "code was used in. A respondent can have several codes, so columns do not add up.",
             "Bases under the threshold are shown as \"" + small_mark(dc.min_count) + "\"."]
    label = data.draft_label()  # says how many segments a person has reviewed, once any are
    if machine:
        notes.insert(0, f"These are {label}." if label == MACHINE_NOTE
                     else f"Counts use {label}.")
    title = "Themes by cohort" + (f" ({label})" if machine else "")
    return PublishedTable("themes", title, pub.reset_index(drop=True), tuple(notes), machine,
                          value_columns=tuple(str(c) for c in counts.columns))


def _bases_beside(columns: list) -> list:
    """Columns reordered so each group's count, percentage and base stand together."""
    out = []
    for c in columns:
        name = str(c)
        if name.endswith(PCT_SUFFIX) or name.endswith(" base"):
            continue
        out.append(c)
        out += [g for g in (f"{name}{PCT_SUFFIX}", f"{name} base") if g in columns]
    return out + [c for c in columns if c not in out]


def _wilson_text(lo: float, hi: float) -> str | None:
    if math.isnan(lo) or math.isnan(hi):
        return None
    return f"{lo:.1f}–{hi:.1f}"




def _closed_margins(pub: pd.DataFrame, counts: pd.DataFrame, bases: pd.Series,
                    missing: pd.Series, *, multi: bool, many: bool, min_count: int,
                    plan: dict | None = None, qid: str = "") -> None:
    """Add the base, "No answer" and total rows to a published closed table (in place).

    "No answer" is not an attribute of anyone, so it is not suppressed for being small; but
    where a cohort's base is suppressed, its "No answer" and total are hidden too (with the
    published cohort size they would give the base away), and so is the all-cohort total.
    Beyond that, both rows show what ``plan`` (:func:`closed_plan`) decided with the
    respondents table ("<N" for a small count, "[c]" for a complement).
    """
    plan = plan or {}

    def margin(option: str, cohort: str, value: int, hide: bool) -> object:
        status = plan.get(closed_key(qid, option, cohort))
        if status == "primary":
            return small_mark(min_count)
        return SECONDARY_MARK if hide or status == "secondary" else value

    cols = [str(c) for c in counts.columns]
    if multi:  # single-choice tables get the base row from apply_disclosure's column totals
        small = small_mark(min_count)
        pub.loc[ANSWERED] = None
        for c in cols:
            b = int(bases.get(c, 0))
            pub.at[ANSWERED, c] = small if 0 < b < min_count else b
        if many:  # the total would give a small base away: hidden with its percentages
            shown = [pub.at[ANSWERED, c] for c in cols]
            if any(isinstance(v, str) for v in shown):
                pub.at[ANSWERED, TOTAL] = SECONDARY_MARK
                pub[TOTAL + PCT_SUFFIX] = None
            else:
                pub.at[ANSWERED, TOTAL] = int(bases.sum())
    hidden = {c for c in cols if isinstance(pub.at[ANSWERED, c], str)}
    pub.loc[NO_ANSWER] = None
    pub.loc[ASKED] = None
    for c in cols:
        n_miss, n_base = int(missing.get(c, 0)), int(bases.get(c, 0))
        pub.at[NO_ANSWER, c] = margin(NO_ANSWER_KEY, c, n_miss, c in hidden)
        pub.at[ASKED, c] = margin(ASKED_KEY, c, n_miss + n_base, c in hidden)
    if many:
        n_miss, n_all = int(missing.sum()), int(missing.sum() + bases.sum())
        pub.at[NO_ANSWER, TOTAL] = margin(NO_ANSWER_KEY, ALL, n_miss, bool(hidden))
        pub.at[ASKED, TOTAL] = margin(ASKED_KEY, ALL, n_all, bool(hidden))


def _hide_planned_bases(pub: pd.DataFrame, cohorts: object, plan: dict, qid: str) -> None:
    hidden = [str(c) for c in cohorts
              if plan.get(closed_key(qid, BASE, str(c))) == "secondary"]
    for c in hidden:
        pub.loc[[ANSWERED, NO_ANSWER, ASKED], c] = SECONDARY_MARK
        pub[f"{c}{PCT_SUFFIX}"] = None
    if hidden and TOTAL in pub.columns:
        pub.loc[[ANSWERED, NO_ANSWER, ASKED], TOTAL] = SECONDARY_MARK
        pub[TOTAL + PCT_SUFFIX] = None


def _publish_closed(data: ReportData) -> tuple[PublishedTable, ...]:
    raw = closed_tables(data)
    dc = data.disclosure
    out = []
    for qid, q in raw.groupby("question_id", sort=False):
        answered = q[q["row_kind"] != "missing"]
        order = list(dict.fromkeys(answered["option"]))
        counts = answered.pivot(index="option", columns="cohort", values="count").reindex(order)
        counts = counts.fillna(0).astype(int)
        counts.columns = [str(c) for c in counts.columns]
        bases = q.groupby("cohort")["base"].first()
        missing = q[q["row_kind"] == "missing"].set_index("cohort")["count"]
        multi = q["kind"].iloc[0] == "multiple"
        many = counts.shape[1] > 1
        # one decision with the wave tables and the all-cohort column (closed_plan)
        pub, notes = apply_disclosure(counts, min_count=dc.min_count,
                                      min_base_for_percent=dc.min_base_for_percent,
                                      bases=bases if multi else None, row_totals=many,
                                      column_totals=not multi, total_label=ANSWERED,
                                      plan=closed_plan(data, closed_tables),
                                      plan_key=lambda r, c, q=str(qid): closed_key(
                                          q, BASE if r == ANSWERED else r,
                                          ALL if c == ANSWERED else c))
        pub = pub.rename(columns={ANSWERED: TOTAL, ANSWERED + PCT_SUFFIX: TOTAL + PCT_SUFFIX})
        _closed_margins(pub, counts, bases, missing, multi=multi, many=many,
                        min_count=dc.min_count, plan=closed_plan(data, closed_tables),
                        qid=str(qid))
        if multi:  # a base the plan hides (a complement across waves) hides what reveals it
            _hide_planned_bases(pub, counts.columns, closed_plan(data, closed_tables), str(qid))
        for col in [c for c in pub.columns if c.endswith(PCT_SUFFIX)]:
            pub.loc[[ANSWERED, NO_ANSWER, ASKED], col] = None
        ci = answered.set_index(["option", "cohort"])
        for cohort in counts.columns:
            pct = pub[f"{cohort}{PCT_SUFFIX}"]
            pub[f"{cohort}{CI_SUFFIX}"] = [
                _wilson_text(ci.at[(o, cohort), "ci_low"], ci.at[(o, cohort), "ci_high"])
                if o in order and pct[o] is not None and (o, cohort) in ci.index else None
                for o in pub.index]
        pub.index.name = "Answer"
        notes = [*notes, "Percentages are of respondents who answered (the base); \"No "
                 "answer\" is shown apart and not suppressed, as skipping a question says "
                 "nothing about a person, except where it would reveal a suppressed base or "
                 "cohort size. 95% "
                 "intervals are Wilson score intervals."]
        if multi:
            notes.append("Respondents could choose several answers, so the counts do not add "
                         "up to the number of respondents.")
        title = f"{q['question'].iloc[0]} ({qid})"
        out.append(PublishedTable(f"closed_{qid}", title, pub.reset_index(), tuple(notes),
                                  value_columns=tuple(counts.columns)))
    return tuple(out)


def _publish_topics(data: ReportData) -> PublishedTable | None:
    t = data.topics
    if t is None or t.empty:
        return None
    mc = data.disclosure.min_count
    labels = data.codes.set_index(data.codes["code_id"].astype(str))["label"].to_dict()
    rows = []
    for r in t.itertuples(index=False):
        size = int(getattr(r, "size", 0) or 0)
        small = 0 < size < mc
        words = getattr(r, "top_words", "")
        words = ", ".join(map(str, words)) if isinstance(words, (list, tuple)) else str(words or "")
        best = getattr(r, "best_code_id", None)
        sim = getattr(r, "best_code_similarity", None)
        rows.append({"Topic": getattr(r, "topic_id", None),
                     "Label": "(small topic: withheld)" if small else str(getattr(r, "label", "")),
                     "Answers": small_mark(mc) if small else size,
                     "Top words": "" if small else words,
                     "Closest code": labels.get(str(best), best) if best is not None else None,
                     "Similarity": round(float(sim), 2) if sim is not None and
                     not (isinstance(sim, float) and math.isnan(sim)) else None,
                     "Candidate new code": bool(getattr(r, "candidate_new_code", False))})
    notes = (f"Topics with fewer than {mc} answers have their size shown as \"{small_mark(mc)}\" "
             "and their label and words withheld.",
             "Emergent topics come from a topic model over anonymised answers; they are leads "
             "for a person to review, not findings.")
    return PublishedTable("topics", "Emergent themes (topic model)", pd.DataFrame(rows), notes,
                          value_columns=("Answers",))


def _display_cohorts(t: PublishedTable | None, data: ReportData) -> PublishedTable | None:
    """The same table with cohort ids shown by their display names (project.yaml
    ``report.cohort_names``, else capitalised): in column names (``survivor %`` ->
    ``Survivor %``) and in a ``Cohort`` column."""
    if t is None or not hasattr(data, "cohort_label"):
        return t
    ids = sorted({str(c) for c in data.responses["cohort"].dropna().unique()}, key=len,
                 reverse=True)

    def name(col: object) -> object:
        s = str(col)
        for c in ids:
            if s == c or s.startswith(c + " "):
                return data.cohort_label(c) + s[len(c):]
        return col

    df = t.table.rename(columns=name)
    for col in ("Cohort",):
        if col in df.columns:
            df[col] = [data.cohort_label(v) if str(v) in ids else v for v in df[col]]
    from dataclasses import replace

    return replace(t, table=df, value_columns=tuple(str(name(c)) for c in t.value_columns))


def _display_section(section: ReportSection, data: ReportData) -> ReportSection:
    """A section whose captions name a cohort as ``(survivor)`` shows its display name."""
    if not hasattr(data, "cohort_label"):
        return section
    ids = {str(c) for c in data.responses["cohort"].dropna().unique()}
    tables = []
    for caption, df in section.tables:
        for c in ids:
            caption = caption.replace(f"({c})", f"({data.cohort_label(c)})")
        tables.append((caption, df))
    from dataclasses import replace

    return replace(section, tables=tables)


def build_tables(data: ReportData, *, per_code: int = 3) -> ReportTables:
    """Compute and disclosure-control every table, and select the quotes.

    Args:
        data: The report data.
        per_code: Most quotes per code.

    Returns:
        The :class:`ReportTables` every writer takes.
    """
    themes = _display_cohorts(_publish_themes(data), data)
    quotes, bank = select_quotes(data, per_code=per_code)
    machine = themes.machine_suggested
    cb_cols = [c for c in ("theme_label", "code_id", "label", "definition", "status")
               if c in data.codes.columns]
    codebook = data.codes[cb_cols].rename(columns={"theme_label": "Theme", "code_id": "Code id",
                                                   "label": "Code", "definition": "Definition",
                                                   "status": "Status"})
    coords = topic_coords(data)
    mc = data.disclosure.min_count
    notes = [f"Disclosure control: counts below {mc} are shown as \"{small_mark(mc)}\"; cells "
             f"shown as \"{SECONDARY_MARK}\" are hidden so a small count cannot be worked out "
             "from totals. No percentage is given on a base under "
             f"{data.disclosure.min_base_for_percent}.",
             "Quotes are anonymised; placeholders such as [PERSON 1] replace identifying "
             "details. Each quote is attributed only by cohort" + (
                 f" and, where the cohort has at least {DESCRIPTOR_MIN_COHORT} respondents and "
                 f"at least {mc} share it, a broad descriptor ({data.quote_descriptor})"
                 if data.quote_descriptor else "") + f"; cohorts with fewer than "
             f"{mc} respondents are attributed as \"Respondent\".",
             "Number and date questions are not tabulated."]
    if machine:
        notes.insert(0, f"Themes, charts and quotes use {data.draft_label()}.")
    if data.anonymisation_summary:
        notes.append("Redactions by kind: " + ", ".join(
            f"{k}: {v}" for k, v in sorted(data.anonymisation_summary.items())) + ".")
    notes.extend(str(n) for n in data.notes)
    from analysis.report.finder import theme_finder

    finder = theme_finder(themes.table, themes.value_columns, quotes, min_count=mc,
                          min_base_for_percent=data.disclosure.min_base_for_percent,
                          per_row=per_code)
    emergent = publish_emergent(data)
    from analysis.report.findings import cohort_differences, theme_prevalence

    prevalence = theme_prevalence(data, themes)
    statuses = set(prevalence.table["Status"]) if len(prevalence.table) else set()
    draft = machine or "draft" in statuses
    if draft:
        label = data.draft_label()
        notes.insert(0, "DRAFT: figures marked \"draft\" come from " + (
            "machine-suggested codes that no person has reviewed" if label == MACHINE_NOTE
            else label) + "; not for publication.")
    tables = ReportTables(project_name=data.project_name,
                        respondents=_display_cohorts(_publish_respondents(data), data),
                        themes=themes,
                        closed=tuple(_display_cohorts(t, data) for t in _publish_closed(data)),
                        quotes=quotes, quote_bank=bank,
                        codebook=codebook.reset_index(drop=True),
                        topics=emergent.topics if emergent else _publish_topics(data),
                        topic_coords=coords, machine_suggested=machine, min_count=mc,
                        method_notes=tuple(notes),
                        extra_sections=tuple(_display_section(x, data)
                                             for x in data.extra_sections),
                        theme_finder=finder,
                        topic_cohorts=_display_cohorts(emergent.by_cohort, data)
                        if emergent else None,
                        topic_codes=emergent.by_code if emergent else None,
                        draft=draft, final=bool(getattr(data, "final", False)) and not draft,
                        title_block=dict(getattr(data, "title_block", {}) or {}),
                        theme_prevalence=prevalence,
                        cohort_differences=cohort_differences(data, prevalence),
                        redactions=dict(data.anonymisation_summary),
                        coverage=coding_coverage(data), equality=equality_tables(data))
    from dataclasses import replace

    from analysis.report.findings import key_findings

    return replace(tables, key_findings=tuple(key_findings(tables, data)))
