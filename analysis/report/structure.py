"""One structure for the HTML and Word reports: an ordered list of blocks both writers render.

The order is the JSNA chapter's: title block, (DRAFT banner), contents, key findings, the
introduction (project.yaml ``about:``), who we heard from, local services (``services:``), one
section per theme (definition, prevalence by cohort with intervals, a chart,
2 to 4 quotes), closed questions, the wave comparison (every tested change; full tables in
the workbook), emergent themes (short), the prevalence gap, method and limitations in plain
English, and appendix tables (with the consent question, which is never charted). The
writer's own sections from ``narrative.md`` go where they say (:func:`with_narrative`). Headings,
captions and alt text use question text, never ids. The workbook carries every table in full.

Tables are compacted for reading: a count, its percentage and its interval become two columns
("n" and "% (95% CI)"), so a cohort takes two columns instead of three.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.report.cells import text
from analysis.report.data import draft_note
from analysis.report.disclosure import PCT_SUFFIX
from analysis.report.figures import closed_alt_text, plain_label
from analysis.report.published import CI_SUFFIX, PublishedTable, ReportTables
from analysis.stats import ADJUSTED_P

DRAFT_TEXT = ("DRAFT: built from machine-suggested codes that no person has reviewed. Not for "
              "publication.")
QUOTES_PER_THEME = 4
EMERGENT_ROWS = 8
_LOG_LINE = re.compile(r"(transcript|\(s\)|skipped|voices [a-z-]+|--[a-z]|warning|error|"
                       r"[0-9a-f]{10,}|\.py\b|\.(csv|xlsx|docx|txt|vtt|yaml)\b|/|clusterer|"
                       r"non-answers|model|embedding|threshold|cross-validation|ensemble)", re.I)
_REPLACED = ("DRAFT", "Disclosure control", "Themes, charts and quotes use", "Redactions by kind",
             "Quotes are anonymised", "Number and date questions")


_PLAIN_LABELS = {"PERSON": "names of people", "OTHER_NAME": "other names",
                 "LOCATION": "places", "PLACE": "places", "GPE": "places",
                 "ORGANIZATION": "organisations", "ORG": "organisations",
                 "FACILITY": "names of buildings and facilities",
                 "NRP": "nationalities, religious or political groups",
                 "DATE": "dates", "TIME": "times", "AGE": "ages",
                 "EMAIL_ADDRESS": "email addresses", "PHONE_NUMBER": "phone numbers",
                 "UK_POSTCODE": "postcodes", "STREET_ADDRESS": "street addresses",
                 "UK_NHS_NUMBER": "NHS numbers", "UK_NINO": "National Insurance numbers",
                 "UK_PASSPORT": "passport numbers", "UK_DRIVING_LICENCE": "driving licence numbers",
                 "UK_VEHICLE_REGISTRATION": "vehicle registrations",
                 "UK_BANK_ACCOUNT": "bank account numbers", "IBAN_CODE": "bank account numbers",
                 "CREDIT_CARD": "card numbers", "IP_ADDRESS": "internet addresses",
                 "REFERENCE_NUMBER": "reference numbers",
                 "SOCIAL_HANDLE": "social media handles", "URL": "web addresses"}
#: A recognizer label with no plain name is counted under this.
_OTHER_DETAILS = "other identifying details"


@dataclass
class Block:
    """One block: ``kind`` is heading, para, bullets, table, figure, quotes, banner, toc,
    title, pagebreak."""

    kind: str
    text: str = ""
    level: int = 1
    anchor: str = ""
    items: list = field(default_factory=list)
    table: pd.DataFrame | None = None
    notes: tuple[str, ...] = ()
    figure: str = ""
    wide: bool = False
    #: A figure's alt text: what the chart shows (the caption says what it is).
    alt: str = ""


def _draft_label(tables: ReportTables) -> str:
    cov = getattr(tables, "coverage", None) or {}
    return draft_note(int(cov.get("reviewed") or 0), int(cov.get("segments") or 0))


def draft_banner(tables: ReportTables) -> str:
    """The DRAFT banner: :data:`DRAFT_TEXT` before anyone has reviewed; once some have, what
    the figures count ("... (n of N segments reviewed)")."""
    if not (getattr(tables, "coverage", None) or {}).get("reviewed"):
        return DRAFT_TEXT
    return f"DRAFT: built from {_draft_label(tables)}. Not for publication."


def slug(s: str) -> str:
    """An id for an anchor."""
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")[:60] or "section"


def display(v: object) -> str:
    """A cell as the HTML and Word reports show it: whole numbers of 10,000 or more with
    thousands separators, percentages with one decimal, missing as blank."""
    if isinstance(v, bool):
        return text(v)
    if isinstance(v, int) and abs(v) >= 10000:
        return f"{v:,}"
    return text(v)


def _fmt(v: object, pct: bool = False) -> str:
    if isinstance(v, float) and pct:
        return f"{v:.1f}"
    return text(v)


def compact(df: pd.DataFrame) -> pd.DataFrame:
    """Merge each ``X %`` with ``X 95% CI`` (text ``a–b`` or ``X 95% CI low/high``) into one
    ``X % (95% CI)`` column; counts stay as they are."""
    cols = [str(c) for c in df.columns]
    out: dict[str, list[object]] = {}
    used: set[str] = set()
    for c in cols:
        if c in used:
            continue
        base = c[:-len(PCT_SUFFIX)] if c.endswith(PCT_SUFFIX) else (c[:-1].rstrip()
                                                                     if c == "%" else None)
        ci = f"{base}{CI_SUFFIX}" if base is not None else None
        lo, hi = (f"{base} 95% CI low".strip(), f"{base} 95% CI high".strip()) if base is not \
            None else (None, None)
        if base is not None and ci in cols:
            used |= {c, ci}
            out[f"{c} (95% CI)"] = [
                "" if p is None or isinstance(p, str) and not p else
                (f"{_fmt(p, True)} ({str(i).replace(' to ', '–')})" if isinstance(i, str) and i
                 else _fmt(p, True)) for p, i in zip(df[c], df[ci])]
        elif base is not None and lo in cols and hi in cols:
            used |= {c, lo, hi}
            out[f"{c} (95% CI)"] = [
                "" if p is None else (f"{_fmt(p, True)} ({_fmt(a, True)}–{_fmt(b, True)})"
                                      if a is not None and b is not None else _fmt(p, True))
                for p, a, b in zip(df[c], df[lo], df[hi])]
        else:
            out[c] = list(df[c])
    return pd.DataFrame(out, dtype=object)


def _one(plural: str) -> str:
    """A plain label for one detail ("NHS numbers" -> "NHS number")."""
    special = {"names of people": "name of a person", "other names": "other name",
               "names of buildings and facilities": "name of a building or facility",
               "nationalities, religious or political groups":
               "nationality, religious or political group"}
    if plural in special:
        return special[plural]
    head, sep, tail = plural.partition(",")
    if head.endswith("sses"):
        head = head[:-2]
    elif head.endswith("ies"):
        head = head[:-3] + "y"
    elif head.endswith("s"):
        head = head[:-1]
    return head + sep + tail


def method_paragraphs(tables: ReportTables) -> list[str]:
    """Method and limitations in plain English: the table notes, without log lines or
    command names (earlier stages' notes are kept only when they read as plain English)."""
    paras = []
    status = "draft" if tables.draft else ("final" if tables.final else "reviewed")
    paras.append(
        "Anonymisation: every free-text answer was anonymised before analysis. Names, places, "
        "organisations, contact details and other identifying details were replaced by "
        "placeholders such as [PERSON 1]; direct identifier columns were dropped; ages and "
        "postcodes were generalised. Answers that might still identify someone were held back "
        "and are never quoted.")
    red = tables.redactions or {}
    if red:
        words: dict[str, int] = {}
        for k, n in red.items():
            name = _PLAIN_LABELS.get(str(k).upper(), _OTHER_DETAILS)
            words[name] = words.get(name, 0) + int(n)
        parts = [f"{n:,} {_one(name) if n == 1 else name}"
                 for name, n in sorted(words.items(), key=lambda kv: (-kv[1], kv[0]))]
        paras.append(f"In all, {sum(red.values()):,} details were replaced: " + ", ".join(parts)
                     + ".")
    cov = tables.coverage or {}
    if cov.get("segments"):
        line = (f"Coding coverage: {cov['reviewed']:,} of {cov['segments']:,} answer segments "
                f"have a coding decision by a person ({cov['coders']} coder"
                f"{'' if cov['coders'] == 1 else 's'}).")
        if cov.get("kappa") is not None:
            line += (f" Where two people coded the same segments, their agreement (Cohen's "
                     f"kappa, averaged over codes) was {cov['kappa']:.2f}.")
        paras.append(line)
    paras.append(
        "Coding and review: answers were split into segments and coded against the codebook. "
        + ("No person has reviewed the machine-suggested codes yet, so every theme figure in "
           "this draft may change." if tables.draft else
           "Theme figures come from codes a person confirmed, or are estimated from a sample "
           "a person reviewed; each theme table's note, and the workbook's theme prevalence "
           "sheet, say which.")
        + f" This is a {status} report.")
    paras.append(
        f"Disclosure control: counts below {tables.min_count} are shown as "
        f"\"<{tables.min_count}\", and a second cell is hidden (\"[c]\") where a total would "
        "let a reader work a suppressed count out. Quotes carry only a cohort label.")
    paras.append(
        "Limitations: respondents chose to take part, so they may not represent everyone "
        "affected; percentages are of those who answered each question; 95% intervals show "
        "sampling uncertainty only; where a table tests many rows (cohort differences, wave "
        "changes), p-values are also given adjusted by Holm's method for the number of tests in "
        "that table, and only an adjusted p below 0.05 is called significant.")
    for n in tables.method_notes:
        n = str(n)
        if not _LOG_LINE.search(n) and not n.startswith(_REPLACED) and n not in paras:
            paras.append(n)
    return paras


#: ``about:`` keys with the words that lead each paragraph of the introduction.
_ABOUT = (("scope", ""), ("definition", "The definition of sexual violence and abuse used: "),
          ("who", "Who was asked: "), ("when", "When: "),
          ("recruitment", "How people were recruited: "))


def introduction_blocks(tables: ReportTables) -> list[Block]:
    """The introduction from project.yaml's ``about:`` (nothing when it has none; the writer
    can still add ``{#introduction}`` in narrative.md)."""
    about = dict(getattr(tables, "about", None) or {})
    paras = [lead + str(about[k]) for k, lead in _ABOUT if about.get(k)]
    if not paras:
        return []
    return [Block("heading", "Introduction", anchor="introduction"),
            *(Block("para", p) for p in paras)]


def local_blocks(tables: ReportTables, sections: list) -> list[Block]:  # noqa: ANN001
    """The local picture: the writer's local context (``about: context``) and the prevalence
    gap (its definitions and periods in its own text); nothing when there is neither."""
    context = (getattr(tables, "about", None) or {}).get("context")
    if not context and not sections:
        return []
    out = [Block("heading", "Local picture", anchor="local-context")]
    out.append(Block("para", str(context) if context else
                     "How many people may be affected locally, set against how many are known "
                     "to services or the police."))
    for s in sections:
        out.append(Block("heading", s.title, level=2, anchor=slug(s.key)))
        if s.intro:
            out.append(Block("para", s.intro))
        for caption, df in s.tables:
            out.append(Block("table", caption, table=df))
        if s.notes:
            out.append(Block("bullets", items=list(s.notes)))
    return out


def services_blocks(tables: ReportTables) -> list[Block]:
    """Local services from project.yaml's ``services:``: name, kind and who it serves, joined
    with the published share of each cohort that said they used it (where a service names the
    closed question and answer that count it)."""
    services = list(getattr(tables, "services", None) or ())
    if not services:
        return []
    closed = {t.key: t for t in tables.closed}
    used_cols: list[str] = []
    rows, asked = [], []
    for s in services:
        row = {"Service": s.get("name", ""), "Kind": s.get("kind", ""),
               "Who it serves": s.get("serves", "")}
        t = closed.get(f"closed_{s.get('question')}") if s.get("question") else None
        if t is not None:
            hit = t.table[t.table["Answer"].astype(str) == str(s.get("answer"))]
            if len(hit):
                r = hit.iloc[0]
                for c in t.value_columns:
                    col = f"{c}: used it, % (n)"
                    pct, n = r.get(f"{c}{PCT_SUFFIX}"), r.get(c)
                    row[col] = (f"{_fmt(pct, True)} ({display(n)})" if isinstance(pct, float)
                                else display(n))
                    if col not in used_cols:
                        used_cols.append(col)
                title = plain_label(t.title, t.key)
                if title not in asked:
                    asked.append(title)
        rows.append(row)
    df = pd.DataFrame(rows, dtype=object)
    for c in used_cols:
        df[c] = df[c].fillna("")
    notes = (("Used it: the share of each cohort's respondents who answered "
              + "; ".join(f"\"{a}\"" for a in asked) + " and chose the service (n: how many "
              "chose it; small counts suppressed as in the tables below).",) if asked else ())
    return [Block("heading", "Local services", anchor="services"),
            Block("para", "The local services for people affected by sexual violence and abuse, "
                          "and who each serves."),
            Block("table", "Local services", table=df, notes=notes)]


def _theme_blocks(tables: ReportTables, figures: dict | None = None) -> list[Block]:
    out: list[Block] = []
    p = tables.theme_prevalence
    codebook = tables.codebook
    defs = {}
    if "Code" in codebook.columns and "Definition" in codebook.columns:
        defs = dict(zip(codebook["Code"].astype(str), codebook["Definition"].fillna("")))
    if p is None or not len(p.table):
        return out
    t = p.table
    for theme, g in t.groupby("Theme", sort=False):
        out.append(Block("heading", str(theme), level=2, anchor="theme-" + slug(str(theme))))
        codes = [c for c in dict.fromkeys(g.loc[g["Level"] == "code", "Code"])]
        if codes:
            out.append(Block("para", f"This theme covers: " + "; ".join(
                f"{c} ({defs[c].rstrip('.')})" if defs.get(c) else c for c in codes) + "."))
        rows = []
        cohorts = survivors_first(list(dict.fromkeys(g["Cohort"])))
        for (level, code), cg in g.groupby(["Level", "Code"], sort=False):
            row = {"Code": "All codes in the theme" if level == "theme" else code}
            for r in sorted(cg.to_dict("records"), key=lambda r: cohorts.index(r["Cohort"])):
                c = r["Cohort"]
                row[f"{c} n"] = r["Respondents"]
                row[f"{c} base"] = r["Base"]
                row[f"{c} % (95% CI)"] = (
                    "" if r["%"] is None else f"{r['%']:.1f} ({r['95% CI low']:.1f}–"
                                              f"{r['95% CI high']:.1f})"
                    if r["95% CI low"] is not None else f"{r['%']:.1f}")
            rows.append(row)
        df = pd.DataFrame(rows, dtype=object)
        out.append(Block("table", f"{theme}: respondents by cohort", table=df, notes=(
            f"n = respondents; base = the cohort's respondents who answered; % of the base "
            f"(95% interval). "
            f"Cohorts: {', '.join(cohorts)}.", _status_note(g["Status"]))))
        from analysis.report.figures import theme_figure_name

        fig = theme_figure_name(g["theme_id"].iloc[0])
        if figures and fig in figures:
            from analysis.report.figures import theme_alt_text

            rows = g.assign(Code=["All codes in the theme" if lvl == "theme" else c
                                  for lvl, c in zip(g["Level"], g["Code"])])
            out.append(Block("figure", f"{theme}: share of each cohort raising each code, with "
                                       "95% intervals", figure=fig,
                             alt=theme_alt_text(rows, str(theme))))
        q = tables.quotes[tables.quotes["theme"] == theme] if len(tables.quotes) else \
            tables.quotes
        if len(q):
            out.append(Block("quotes", items=[
                (str(r["text"]), str(r["cohort"]), str(r["code_label"]),
                 str(r.get("selection", ""))) for r in theme_quotes(q)]))
    return out


_STATUS_WORDS = {"human": "coded by people", "estimated": "estimated from a sample people "
                 "reviewed", "draft": "draft, from machine suggestions no person has reviewed"}


def _status_note(statuses: pd.Series) -> str:
    """How the theme's figures were coded, in words (the status of each figure is in the
    workbook's theme prevalence sheet, not a column of the chapter's table)."""
    seen = [_STATUS_WORDS.get(str(s), str(s)) for s in dict.fromkeys(statuses) if s]
    return ("Coding: " + ("; ".join(seen) if seen else "not stated")
            + (" (which figure is which: the workbook's theme prevalence sheet)."
               if len(seen) > 1 else "."))


def survivors_first(cohorts: list) -> list:
    """Cohorts with survivors first (this chapter is theirs), the rest in their order."""
    return sorted(cohorts, key=lambda c: (0 if "survivor" in str(c).lower() else 1,
                                          cohorts.index(c)))


def cohort_columns_first(df: pd.DataFrame, cohorts: tuple | list) -> pd.DataFrame:
    """``df`` with each cohort's columns together, survivors' first, after the label column;
    columns of no cohort (totals) keep their order at the end."""
    cols = [str(c) for c in df.columns]
    if len(cols) < 3 or len(cohorts) < 2:
        return df
    order = cols[:1]
    for c in survivors_first([str(x) for x in cohorts]):
        order += [k for k in cols[1:] if k not in order and (k == c or k.startswith(c + " "))]
    order += [k for k in cols if k not in order]
    return df[order]


def theme_quotes(q: pd.DataFrame, most: int = QUOTES_PER_THEME) -> list[dict]:
    """Up to ``most`` quotes for a theme: a different code and a different cohort each time
    where possible, best-ranked first (a writer's starred quotes come first)."""
    rows = q.assign(_star=[0 if str(s).startswith("starred") else 1 for s in
                           q.get("selection", pd.Series("", index=q.index))]).sort_values(
        ["_star", "rank"], kind="stable").to_dict("records")
    picked: list[dict] = []
    for strict in (2, 1, 0):
        for r in rows:
            if len(picked) >= most:
                return picked
            if r in picked:
                continue
            codes = {p["code_id"] for p in picked}
            cohorts = {p["cohort"] for p in picked}
            new_code, new_cohort = r["code_id"] not in codes, r["cohort"] not in cohorts
            if (strict == 2 and new_code and (new_cohort or len(cohorts) >= 2)) or \
                    (strict == 1 and new_code) or strict == 0:
                picked.append(r)
    return picked


def _changes(section) -> pd.DataFrame | None:  # noqa: ANN001
    """Every tested row of a wave comparison (whatever its p), with raw and Holm-adjusted p, as
    one short table; ``None`` when no row was tested."""
    rows = []
    for caption, df in section.tables:
        if "p" not in df.columns or "Change (points)" not in df.columns:
            continue
        first = df.columns[0]
        pct = [c for c in df.columns if str(c).endswith(PCT_SUFFIX)]
        for r in df.to_dict("records"):
            p = r.get("p")
            if p is None:
                continue
            row = {"Table": plain_label(caption).split(" (")[0], "Row": r[first]}
            for i, c in enumerate(pct[:2]):
                row[str(c)] = r[c]
            row["Change (points)"] = r["Change (points)"]
            row["Change 95% CI"] = r.get("Change 95% CI")
            row["p"] = p
            row[ADJUSTED_P] = r.get(ADJUSTED_P)
            rows.append(row)
    return pd.DataFrame(rows, dtype=object) if rows else None


def _short_topics(t: PublishedTable) -> pd.DataFrame:
    df = t.table
    keep = [c for c in df.columns if str(c) in ("Topic", "Label", "Answers", "Closest code",
                                                 "Status", "Candidate new code")]
    short = df[keep].copy()
    if "Answers" in short:
        size = pd.to_numeric(short["Answers"], errors="coerce").fillna(0)
        short = short.assign(_s=size).sort_values("_s", ascending=False, kind="stable").drop(
            columns="_s")
    return short.head(EMERGENT_ROWS).reset_index(drop=True)


def equality_blocks(tables: ReportTables) -> list[Block]:
    """The equality section: for each characteristic the instrument asks about, the themes by
    group, disclosure-controlled (:mod:`analysis.report.equality`); the closed questions by
    group are in the workbook's Equality sheet. Nothing when the instrument asks none."""
    equality = tuple(getattr(tables, "equality", ()) or ())
    themes = [t for t in equality if t.key.startswith("equality_themes_")]
    if not equality:
        return []
    b = [Block("heading", "Equality", anchor="equality"),
         Block("para", "Who raised each theme, by the equality characteristics the survey asked "
                       "about, so that differences between groups can be seen. Each group's base "
                       "is beside its percentage; small counts are hidden as elsewhere. The "
                       "closed questions by group are in the workbook's Equality sheet.")]
    for t in themes:
        b.append(Block("table", t.title, table=compact(t.table), notes=t.notes))
    if not themes:
        b.append(Block("para", "No theme could be shown by group (no coded answers yet)."))
    return b


def build_blocks(tables: ReportTables, figures: dict[str, dict[str, Path]] | None = None
                 ) -> list[Block]:
    """The report as an ordered list of blocks (see the module docstring)."""
    figures = figures or {}
    b: list[Block] = []
    tb = dict(tables.title_block or {})
    b.append(Block("title", tb.get("title") or tables.project_name, items=[
        (k, v) for k, v in (("Organisation", tb.get("organisation")), ("Date", tb.get("date")),
                            ("Version", tb.get("version"))) if v]))
    if tables.draft:
        b.append(Block("banner", draft_banner(tables)))
    b.append(Block("toc"))
    b.append(Block("heading", "Key findings", anchor="key-findings"))
    b.append(Block("bullets", items=[str(f) for f in tables.key_findings] or [
        "No key findings could be stated from the published figures."]))
    b.extend(introduction_blocks(tables))
    b.append(Block("heading", "Who we heard from", anchor="who"))
    b.append(Block("table", tables.respondents.title, table=tables.respondents.table,
                   notes=tables.respondents.notes))
    b.extend(services_blocks(tables))
    local = [s for s in tables.extra_sections if s.key.lower().startswith("prevalence")]
    b.extend(local_blocks(tables, local))
    b.append(Block("heading", "Themes", anchor="themes"))
    b.append(Block("para", "Each theme below gives the share of each cohort's respondents who "
                           "raised it, with a 95% interval, and some of their words."
                   + (f" These figures use {_draft_label(tables)}." if tables.draft else "")))
    b.extend(_theme_blocks(tables, figures))
    if tables.cohort_differences is not None:
        b.append(Block("heading", "Differences between cohorts", level=2, anchor="differences"))
        d = tables.cohort_differences
        df = d.table[d.table["Level"] == "theme"].drop(columns=["Level", "Code"])
        b.append(Block("table", d.title, table=df, notes=d.notes))
    b.append(Block("heading", "Closed questions", anchor="closed"))
    if not tables.closed:
        b.append(Block("para", "No closed questions were tabulated."))
    consent = [t for t in tables.closed if t.key in tables.consent]
    for t in tables.closed:
        if t in consent:
            continue
        b.append(Block("table", plain_label(t.title, t.key),
                       table=cohort_columns_first(compact(t.table), t.value_columns),
                       notes=t.notes[-2:]))
        if t.key in figures:
            b.append(Block("figure", f"Chart: {plain_label(t.title, t.key)}", figure=t.key,
                           alt=closed_alt_text(t)))
    b.extend(equality_blocks(tables))
    waves = [s for s in tables.extra_sections if s.key.lower().startswith("wave")]
    others = [s for s in tables.extra_sections if s not in waves and s not in local]
    if waves:
        b.append(Block("heading", "Changes between waves", anchor="waves"))
        for s in waves:
            b.append(Block("heading", s.title, level=2, anchor=slug(s.key)))
            if s.intro:
                b.append(Block("para", s.intro))
            ch = _changes(s)
            tested = any("p" in df.columns for _c, df in s.tables)
            if not tested:
                for caption, df in s.tables:
                    b.append(Block("table", caption, table=compact(df)))
            elif ch is None:
                b.append(Block("para", "No change could be tested (counts suppressed or bases "
                                       "too small). The full tables are in the workbook."))
            else:
                b.append(Block("table", f"{s.title}: changes tested", table=compact(ch),
                               notes=("Every tested row is shown. p is each test alone; the "
                                      "Holm-adjusted p allows for the number of tests in its "
                                      "table, and a change is clear only where it is below "
                                      "0.05. Full tables, with every answer, are in the "
                                      "workbook.",)))
    for s in others:
        b.append(Block("heading", s.title, anchor=slug(s.key)))
        if s.intro:
            b.append(Block("para", s.intro))
        for caption, df in s.tables:
            b.append(Block("table", caption, table=df))
        if s.notes:
            b.append(Block("bullets", items=list(s.notes)))
    b.append(Block("heading", "Method and limitations", anchor="method"))
    b.extend(Block("para", p) for p in method_paragraphs(tables))
    b.append(Block("heading", "Appendix: tables", anchor="appendix"))
    b.append(Block("table", tables.themes.title, table=compact(tables.themes.table),
                   notes=tables.themes.notes, wide=True))
    cb = tables.codebook[[c for c in ("Theme", "Code", "Definition") if c in
                          tables.codebook.columns]]
    b.append(Block("table", "Codebook", table=cb))
    # emergent topics are leads for the coders, not findings: the appendix, not the body
    b.append(Block("heading", "Appendix: emergent themes", anchor="emergent"))
    if tables.topics is None:
        b.append(Block("para", "No topic model was run."))
    else:
        b.append(Block("para", "A topic model grouped similar answers. Topics are leads for a "
                               "person to review, not findings. The largest are below; all "
                               "topics, with example answers, are in the workbook."))
        b.append(Block("table", "Largest emergent topics", table=_short_topics(tables.topics),
                       notes=tables.topics.notes[:1]))
    for t in consent:  # everyone who took part agreed; kept for the record
        b.append(Block("table", plain_label(t.title, t.key), table=compact(t.table)))
    for blk in b:
        if blk.kind in ("heading", "table", "figure"):
            blk.text = plain_label(blk.text)
    return with_narrative(b, getattr(tables, "narrative", None))


def with_narrative(blocks: list[Block], narrative: dict | None) -> list[Block]:
    """The writer's text from ``narrative.md`` in place of the generated introductions: after
    each heading it names, its paragraphs and bullets replace the generated paragraphs (and,
    for the key findings, the generated list). A writer's own section (it starts with a
    ``("title", heading)`` entry) is added after the whole section its ``("after", id)``
    names, at that section's level, or at the end of the body, before the method."""
    if not narrative:
        return blocks
    own = {k: v for k, v in narrative.items() if v and v[0][0] == "title"}
    out: list[Block] = []
    skip = False
    for blk in blocks:
        if skip and blk.kind in ("para", "bullets"):
            continue
        skip = False
        out.append(blk)
        if blk.kind == "heading" and blk.anchor in narrative and blk.anchor not in own:
            skip = True
            out.extend(_writer_blocks(narrative[blk.anchor]))
    for anchor, entries in own.items():
        after = next((t for k, t in entries if k == "after"), _DEFAULT_AFTER.get(anchor))
        at, level = _insert_at(out, after)
        out[at:at] = [Block("heading", entries[0][1], level=level, anchor=anchor),
                      *_writer_blocks(entries)]
    return out


#: Where a writer's section with one of these ids goes when it names no ``after=`` (and the
#: chapter has no generated section of that id).
_DEFAULT_AFTER = {"introduction": "key-findings", "local-context": "who", "services": "who",
                  "equality": "closed", "unmet-need": "themes"}


def _writer_blocks(entries: list[tuple[str, str]]) -> list[Block]:
    out: list[Block] = []
    bullets: list[str] = []
    for kind, txt in entries:
        if kind == "bullet":
            bullets.append(txt)
            continue
        if kind != "para":
            continue
        if bullets:
            out.append(Block("bullets", items=bullets))
            bullets = []
        out.append(Block("para", txt))
    if bullets:
        out.append(Block("bullets", items=bullets))
    return out


def _insert_at(blocks: list[Block], after: str | None) -> tuple[int, int]:
    """Where a writer's section goes, and its heading level: just before the first heading at
    or above the level of the ``after`` section that follows it; else before the method (or
    the appendix, or the end)."""
    heads = [(i, b) for i, b in enumerate(blocks) if b.kind == "heading"]
    start = next(((i, b.level) for i, b in heads if b.anchor == after), None)
    if start is not None:
        i0, level = start
        nxt = next((i for i, b in heads if i > i0 and b.level <= level), len(blocks))
        return nxt, level
    for end in ("method", "appendix"):
        at = next((i for i, b in heads if b.anchor == end), None)
        if at is not None:
            return at, 1
    return len(blocks), 1
