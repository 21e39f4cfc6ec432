"""Key findings and the tables they quote: theme prevalence with intervals, cohort differences.

Every number in a key finding is taken from a cell of a published table and formatted the same
way as the report shows it; a :class:`Finding` keeps those references (``table key, row, column``)
so a test can check each number against its table. Sentences are plain English, 5 to 8 of them:
who we heard from, the largest theme per cohort (% and 95% CI), the clearest survivor-versus-
professional differences (with the test used; only those significant after Holm's adjustment
over the differences table), a notable closed-question result, and the prevalence gap (with
what each of its sides counts).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import pandas as pd

from analysis.report.data import ReportData
from analysis.report.disclosure import PCT_SUFFIX
from analysis.report.published import ANSWERED, ASKED, CI_SUFFIX, PublishedTable
from analysis.stats import ADJUSTED_P
from analysis.summarise import wilson_interval

STATUS_HUMAN, STATUS_ESTIMATED, STATUS_DRAFT = "human", "estimated", "draft"
STATUS_TEXT = {STATUS_HUMAN: "human-coded", STATUS_ESTIMATED: "estimated from a reviewed sample",
               STATUS_DRAFT: "draft (machine-suggested, not reviewed)"}
PREVALENCE_COLUMNS = ["Level", "Theme", "Code", "Cohort", "Respondents", "Base", "%",
                      "95% CI low", "95% CI high", "Status", "Reviewed (n)", "code_id",
                      "theme_id", "cohort_id"]
ALPHA = 0.05
_DEMOGRAPHIC = re.compile(r"(^|_)(age|gender|sex|ethnic\w*|orientation|sexual|disab\w*|religio\w*|"
                          r"consent|sector|years|role|postcode|area)(_|$)", re.I)


def people(cohort: str) -> str:
    """How a sentence names a cohort's people: "survivors" (a plural display name) or
    "survivor respondents"."""
    name = str(cohort).lower()
    return name if name.endswith("s") else f"{name} respondents"


@dataclass(frozen=True)
class Ref:
    """A number in a finding: the published cell it comes from and how it is written."""

    table: str
    row: int
    column: str
    shown: str


@dataclass(frozen=True)
class Finding:
    """One key-finding sentence and the table cells its numbers come from."""

    key: str
    text: str
    refs: tuple[Ref, ...] = field(default_factory=tuple)

    def __str__(self) -> str:
        return self.text


def fmt_pct(v: float) -> str:
    """A percentage as the report shows it (one decimal)."""
    return f"{v:.1f}%"


def fmt_count(v: int) -> str:
    """A count as the report shows it (thousands separated)."""
    return f"{int(v):,}"


def fmt_ci_text(ci: object) -> str:
    """A table's interval text (``"23.2–70.9"``) as a sentence says it (``23.2% to 70.9%``)."""
    lo, hi = str(ci).replace(" to ", "–").split("–")[:2]
    return f"{lo.strip()}% to {hi.strip()}%"


def fmt_p(p: float | str) -> str:
    """A p-value in words-friendly form (``p < 0.001``, ``p = 0.040``), from a number or from a
    table's printed p (:func:`analysis.stats.format_p`)."""
    from analysis.stats import format_p

    shown = p if isinstance(p, str) else format_p(float(p))
    return "p < 0.001" if shown.startswith("<") else f"p = {shown}"


def _num(v: object) -> float | None:
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, (int, float)) and not (isinstance(v, float) and math.isnan(v)):
        return float(v)
    return None


# -- the theme prevalence table ----------------------------------------------------------------
def _validated(data: ReportData) -> dict[tuple[str, str], dict]:
    prev = getattr(data, "prevalence", None)
    if prev is None or len(prev) == 0:
        return {}
    return {(str(r["code_id"]), str(r["cohort"])): r for r in prev.to_dict("records")}


def theme_prevalence(data: ReportData, themes) -> "PublishedTable":  # noqa: ANN001, F821
    """Theme and code prevalence by cohort, long format, with 95% Wilson intervals and status.

    Counts, bases and percentages are the published (disclosure-controlled) cells of the themes
    table; an interval is given only where a percentage is published. Where a validated
    estimate exists for a code and cohort (``ReportData.prevalence`` status ``estimated``), its
    percentage and interval are used and the status says so. Theme rows take the weakest status
    of their codes.
    """

    t = themes.table
    cohorts = list(themes.value_columns)
    validated = _validated(data)
    machine = themes.machine_suggested
    codes = data.codes.assign(code_id=data.codes["code_id"].astype(str))
    code_of = {(str(th), str(lab)): cid for th, lab, cid in
               zip(codes["theme_label"], codes["label"], codes["code_id"])}
    theme_codes: dict[str, list[str]] = {}
    for th, cid in zip(codes["theme_label"], codes["code_id"]):
        theme_codes.setdefault(str(th), []).append(cid)
    theme_id_of = dict(zip(codes["theme_label"].astype(str), codes["theme_id"].astype(str)))
    rank = {STATUS_DRAFT: 0, STATUS_ESTIMATED: 1, STATUS_HUMAN: 2}
    rows = []
    for r in t.to_dict("records"):
        theme, code, level = str(r["Theme"]), str(r["Code"]), str(r["Level"])
        cids = theme_codes.get(theme, []) if level == "theme" else [
            code_of.get((theme, code), "")]
        for cohort in cohorts:
            count, pct, base = r.get(cohort), r.get(f"{cohort}{PCT_SUFFIX}"), r.get(
                f"{cohort} base")
            status, n_rev = (STATUS_DRAFT if machine else STATUS_HUMAN), None
            lo = hi = None
            vals = [validated.get((c, cohort_id)) for c in cids
                    for cohort_id in (cohort, _cohort_id(data, cohort))]
            vals = [v for v in vals if v is not None]
            if vals:
                status = min((str(v["status"]) for v in vals), key=lambda s: rank.get(s, 0))
                n_rev = int(sum(int(v.get("n_reviewed") or 0) for v in vals)) if level == "code" \
                    else None
                if level == "code" and status == STATUS_ESTIMATED and _num(pct) is not None:
                    v = vals[0]
                    pct, lo, hi = (round(float(v["pct"]), 1), round(float(v["lo"]), 1),
                                   round(float(v["hi"]), 1))
            pct_n, count_n, base_n = _num(pct), _num(count), _num(base)
            if pct_n is not None and lo is None and count_n is not None and base_n:
                a, b = wilson_interval(int(count_n), int(base_n))
                lo, hi = round(100 * a, 1), round(100 * b, 1)
            rows.append({"Level": level, "Theme": theme, "Code": code,
                         "Cohort": cohort, "Respondents": count, "Base": base,
                         "%": round(pct_n, 1) if pct_n is not None else None,
                         "95% CI low": lo if pct_n is not None else None,
                         "95% CI high": hi if pct_n is not None else None,
                         "Status": status, "Reviewed (n)": n_rev,
                         "code_id": cids[0] if level == "code" and cids else None,
                         "theme_id": theme_id_of.get(theme), "cohort_id": _cohort_id(data, cohort)})
    table = pd.DataFrame(rows, columns=PREVALENCE_COLUMNS).astype(object)
    table = table.where(table.notna(), None)
    notes = ("Percentages are of the cohort's respondents who answered a question the code was "
             "used in; 95% intervals are Wilson score intervals (or, for estimated figures, "
             "from the reviewed sample).",
             "Status: \"human\" = every counted code was confirmed by a person; \"estimated\" = "
             "corrected from a sample a person reviewed (n reviewed shown); \"draft\" = "
             f"{data.draft_label()}.")
    return PublishedTable("theme_prevalence", "Theme prevalence by cohort, with 95% intervals",
                          table, notes, machine)


def _cohort_id(data: ReportData, shown: str) -> str:
    names = getattr(data, "cohort_names", {}) or {}
    for cid, name in names.items():
        if name == shown:
            return cid
    cohorts = {str(c) for c in data.responses["cohort"].dropna().unique()}
    for c in cohorts:
        if data.cohort_label(c) == shown if hasattr(data, "cohort_label") else c == shown:
            return c
    return shown


# -- cohort differences ------------------------------------------------------------------------
DIFF_SUFFIX = ", points"
CI_LOW, CI_HIGH = "95% CI low, points", "95% CI high, points"
ADJUSTED = ADJUSTED_P


def _plural(name: str) -> str:
    name = str(name)
    return name if name.endswith("s") or " " in name.strip() else f"{name}s"


def difference_header(first: str, second: str) -> str:
    """The difference column's header, which states the order of subtraction
    ("Survivors minus professionals, points")."""
    return f"{_plural(first)} minus {_plural(second).lower()}{DIFF_SUFFIX}"


def difference_column(columns) -> str:  # noqa: ANN001
    """The difference column among a differences table's columns."""
    return next(str(c) for c in columns if " minus " in str(c) and str(c).endswith(DIFF_SUFFIX))


def cohort_differences(data: ReportData,
                       prevalence) -> "PublishedTable | None":  # noqa: ANN001, F821
    """Theme prevalence compared between two cohorts (the first two, e.g. survivor vs
    professional): difference in points (first cohort minus second, as the header says), its
    95% Newcombe hybrid score interval for the same order of subtraction, the test (Fisher's
    exact when an expected count is under 5, else a two-proportion z test), the raw p and the
    p adjusted by Holm's method over every row of the table (one family).

    Holm rather than Benjamini-Hochberg: a key finding quotes one difference as a claim that a
    board may repeat on its own, so the chance of any false claim among the table's rows (the
    family-wise error) is what must stay at 5%; Holm controls it under any dependence (theme and
    code rows share respondents) and is never less powerful than Bonferroni.

    Only rows where both percentages are published are compared; codes whose figures are
    estimated from a reviewed sample are left out (their interval is not a binomial one).
    Estimates, intervals and tests all come from the published counts and bases."""
    from analysis.stats import HOLM, adjust_p, compare_two_proportions, format_p

    t = prevalence.table
    cohorts = list(dict.fromkeys(t["Cohort"])) if len(t) else []
    if len(cohorts) < 2:
        return None
    a, b = _pair(data, cohorts)
    diff_col = difference_header(a, b)
    rows, raw_p, skipped = [], [], 0
    for (level, theme, code), g in t.groupby(["Level", "Theme", "Code"], sort=False):
        g = g.set_index("Cohort")
        if a not in g.index or b not in g.index:
            continue
        ra, rb = g.loc[a], g.loc[b]
        if any(_num(x) is None for x in (ra["%"], rb["%"], ra["Respondents"], rb["Respondents"],
                                         ra["Base"], rb["Base"])):
            continue
        if level == "code" and STATUS_ESTIMATED in (ra["Status"], rb["Status"]):
            skipped += 1
            continue
        r = compare_two_proportions(int(ra["Respondents"]), int(ra["Base"]),
                                    int(rb["Respondents"]), int(rb["Base"]))
        raw_p.append(r.p)
        rows.append({"Level": level, "Theme": theme, "Code": code,
                     f"{a} %": round(100 * int(ra["Respondents"]) / int(ra["Base"]), 1),
                     f"{b} %": round(100 * int(rb["Respondents"]) / int(rb["Base"]), 1),
                     diff_col: round(100 * r.estimate, 1),
                     CI_LOW: round(100 * r.low, 1), CI_HIGH: round(100 * r.high, 1),
                     "Test": r.test, "p": format_p(r.p)})
    if not rows:
        return None
    for row, adj in zip(rows, adjust_p(raw_p, method=HOLM)):
        row[ADJUSTED] = format_p(adj)
    table = pd.DataFrame(rows).astype(object)
    notes = [f"{diff_col.removesuffix(DIFF_SUFFIX)}: the first cohort's percentage minus the "
             "second's, in percentage points; the 95% interval (Newcombe's hybrid score "
             "interval) is for the same order of subtraction.",
             "Fisher's exact test where an expected count is under 5, otherwise a two-proportion "
             f"z test (two-sided). p is each test alone; {ADJUSTED} is adjusted by Holm's method "
             f"over all {len(rows)} comparisons in this table (themes and codes), and a "
             "difference is called significant only where the adjusted p is below 0.05."]
    if skipped:
        notes.append(f"{skipped} code{'s' if skipped != 1 else ''} with figures estimated "
                     "from a reviewed sample are not compared here.")
    return PublishedTable("cohort_differences", f"Themes compared: {a} and {b}", table,
                          tuple(notes), prevalence.machine_suggested)


def _pair(data: ReportData, cohorts: list[str]) -> tuple[str, str]:
    """Survivors first where present, then the largest other cohort."""
    ids = {c: _cohort_id(data, c).lower() for c in cohorts}
    first = next((c for c in cohorts if "surviv" in ids[c]), cohorts[0])
    rest = [c for c in cohorts if c != first]
    second = next((c for c in rest if "profession" in ids[c]), rest[0])
    return first, second


# -- key findings ------------------------------------------------------------------------------
def key_findings(tables, data: ReportData | None = None) -> list[Finding]:  # noqa: ANN001
    """5 to 8 plain sentences with numbers, each number a cell of a published table."""
    out: list[Finding] = []
    out += _heard_from(tables)
    out += _largest_themes(tables, data)
    out += _differences(tables)
    out += _closed(tables)
    out += _gap(tables)
    return out[:8]


def _heard_from(tables) -> list[Finding]:  # noqa: ANN001
    t = tables.respondents.table
    if "Total" not in t.columns or not len(t):
        return []
    first = t.columns[0]
    parts, refs = [], []
    total_row = None
    for i, r in enumerate(t.to_dict("records")):
        n = _num(r["Total"])
        if str(r[first]) == "Total":
            total_row = (i, n)
            continue
        if n is None:
            continue
        parts.append(f"{fmt_count(n)} {people(r[first])}")
        refs.append(Ref("respondents", i, "Total", fmt_count(n)))
    if total_row is None or total_row[1] is None:
        return []
    refs.append(Ref("respondents", total_row[0], "Total", fmt_count(total_row[1])))
    if not parts:  # every cohort's count is suppressed: the total alone
        return [Finding("heard_from", f"We heard from {fmt_count(total_row[1])} people.",
                        tuple(refs))]
    body = ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]
    return [Finding("heard_from", f"We heard from {fmt_count(total_row[1])} people: {body}.",
                    tuple(refs))]


def _largest_themes(tables, data: ReportData | None = None) -> list[Finding]:  # noqa: ANN001
    p = tables.theme_prevalence
    if p is None or not len(p.table):
        return []
    t = p.table
    out = []
    cohorts = list(dict.fromkeys(t["Cohort"]))
    if len(cohorts) >= 2 and data is not None:
        first, second = _pair(data, cohorts)
        cohorts = [first, second] + [c for c in cohorts if c not in (first, second)]
    for cohort in cohorts:
        rows = [(i, r) for i, r in enumerate(t.to_dict("records"))
                if r["Cohort"] == cohort and r["Level"] == "theme" and _num(r["%"]) is not None]
        if not rows:
            continue
        rows.sort(key=lambda x: -float(x[1]["%"]))
        i, r = rows[0]
        status = "" if r["Status"] == STATUS_HUMAN else f"; {STATUS_TEXT[r['Status']]}"
        refs = [Ref("theme_prevalence", i, c, fmt_pct(float(r[c])))
                for c in ("%", "95% CI low", "95% CI high")]
        text = (f"Among {people(cohort)}, the most common theme was "
                f"“{r['Theme']}”: {refs[0].shown} (95% CI {refs[1].shown} to {refs[2].shown}"
                f"{status}).")
        if len(rows) > 1:
            j, r2 = rows[1]
            ref2 = Ref("theme_prevalence", j, "%", fmt_pct(float(r2["%"])))
            refs.append(ref2)
            text = text[:-1] + f", followed by “{r2['Theme']}” ({ref2.shown})."
        out.append(Finding(f"largest_theme.{cohort}", text, tuple(refs)))
    return out


def _differences(tables, most: int = 2) -> list[Finding]:  # noqa: ANN001
    """The largest theme differences that are significant after Holm's adjustment."""
    from analysis.stats import parse_p

    d = tables.cohort_differences
    if d is None or not len(d.table):
        return []
    t = d.table
    cols = [c for c in t.columns if c.endswith(" %")]
    a, b = cols[0][:-2], cols[1][:-2]
    diff = difference_column(t.columns)
    cand = [(i, r) for i, r in enumerate(t.to_dict("records"))
            if r["Level"] == "theme" and parse_p(r[ADJUSTED]) < ALPHA]
    cand.sort(key=lambda x: -abs(float(x[1][diff])))
    out = []
    for i, r in cand[:most]:
        refs = (Ref("cohort_differences", i, cols[0], fmt_pct(float(r[cols[0]]))),
                Ref("cohort_differences", i, cols[1], fmt_pct(float(r[cols[1]]))),
                Ref("cohort_differences", i, diff, f"{abs(float(r[diff])):.1f}"),
                Ref("cohort_differences", i, "p", fmt_p(r["p"])),
                Ref("cohort_differences", i, ADJUSTED, fmt_p(r[ADJUSTED])))
        more = a if float(r[diff]) > 0 else b
        out.append(Finding(
            f"difference.{r['Theme']}",
            f"“{r['Theme']}” was raised by {refs[0].shown} of {people(a)} and "
            f"{refs[1].shown} of {people(b)}, {refs[2].shown} percentage points more "
            f"among {people(more)} ({str(r['Test'])} test, {refs[3].shown}; adjusted for "
            f"the number of comparisons, {refs[4].shown}).", refs))
    if not out:
        out.append(Finding("difference.none", f"No theme differed clearly between {people(a)} "
                           f"and {people(b)} once the p-values were adjusted for the number of "
                           "comparisons (Holm's method)."))
    return out


def _closed(tables) -> list[Finding]:  # noqa: ANN001
    """The single closed-question answer with the highest share under 95% (near-universal
    answers, such as consent, say little) among questions with a published interval."""
    from analysis.summarise import NO_ANSWER

    best = None
    for t in tables.closed:
        if _DEMOGRAPHIC.search(t.key):
            continue
        df = t.table
        for cohort in t.value_columns:
            pc, ci = f"{cohort}{PCT_SUFFIX}", f"{cohort}{CI_SUFFIX}"
            if pc not in df.columns or ci not in df.columns:
                continue
            for i, r in enumerate(df.to_dict("records")):
                v = _num(r[pc])
                if v is None or r["Answer"] in (ANSWERED, ASKED, NO_ANSWER) or v >= 95 or \
                        not isinstance(r[ci], str):
                    continue
                if best is None or v > best[0]:
                    best = (v, t, i, cohort, r)
    if best is None:
        return []
    v, t, i, cohort, r = best
    question = t.title.rsplit(" (", 1)[0]
    refs = (Ref(t.key, i, f"{cohort}{PCT_SUFFIX}", fmt_pct(v)),
            Ref(t.key, i, f"{cohort}{CI_SUFFIX}", fmt_ci_text(r[f"{cohort}{CI_SUFFIX}"])))
    return [Finding(f"closed.{t.key}", f"Asked “{question}”, {refs[0].shown} of "
                    f"{people(cohort)} who answered chose “{r['Answer']}” (95% CI "
                    f"{refs[1].shown}).", refs)]


def _gap(tables) -> list[Finding]:  # noqa: ANN001
    from analysis.prevalence import compare_sides, like_for_like

    for s in tables.extra_sections:
        if not s.key.lower().startswith("prevalence"):
            continue
        for _caption, df in s.tables:
            if "Gap" not in df.columns or not len(df):
                continue
            i = len(df) - 1
            r = df.iloc[i]
            est, known, gap = (_num(r.get("Estimated local victims")),
                               _num(r.get("Known to services or police")), _num(r.get("Gap")))
            if est is None:
                continue
            key = "section:" + s.key
            refs = [Ref(key, i, "Estimated local victims", fmt_count(est))]
            text = (f"Applying national prevalence rates to the local population gives an "
                    f"estimated {refs[0].shown} local victims")
            if known is not None and gap is not None:
                refs += [Ref(key, i, "Known to services or police", fmt_count(known)),
                         Ref(key, i, "Gap", fmt_count(gap))]
                # "of whom" only where both sides count the same people over the same period
                text += (f", of whom {refs[1].shown} are known to services or the police: a "
                         f"gap of {refs[2].shown}." if like_for_like(df) else
                         f", against {refs[1].shown} known to services or the police: a gap of "
                         f"{refs[2].shown}.")
            else:
                text += "."
            sides = compare_sides(df)
            if sides:
                text += " " + sides
            return [Finding("prevalence_gap", text, tuple(refs))]
    return []
