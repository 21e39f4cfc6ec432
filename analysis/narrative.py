"""The editable narrative: ``narrative.md`` with live numbers.

``voices report --draft-narrative`` writes ``narrative.md`` into the project folder: the key
findings and each section's introduction, with every number replaced by a placeholder such as
``{{theme.access.pct.survivor}}``. The writer edits the words; on every later report run the
placeholders are filled from the current tables, so the numbers stay live. A placeholder that
no longer exists (a renamed code, a typo) is an error that lists every bad one, with the line.

File format (Markdown)::

    ## Key findings {#key-findings}
    - We heard from {{respondents.total}} people ...

    ## Access to services {#theme-access-to-services}
    A paragraph that replaces the section's generated introduction.

A section's id (``{#...}``) says where its text goes; bullets (``- ``) are kept as a list.
A section whose id is not one of the report's is the writer's own (recommendations, next steps,
local context): it is printed with its heading, after the section that ``after=`` names
(``## Recommendations {#recommendations after=findings}``; ``findings`` is the themes section)
or, without ``after=``, at the end of the body, before the method. A writer's section with no
text prints nothing. HTML comments (``<!-- ... -->``) never reach an output: the draft's
prompts are comments. A number typed as text that looks like a figure but equals no current
one is reported by :func:`stale_numbers` (it may be left over from an earlier run).

Placeholders: ``respondents.<cohort>`` and ``respondents.total``;
``theme.<theme_id>.<pct|lo|hi|n|base>.<cohort>`` and ``code.<code_id>.<...>.<cohort>``;
``diff.<theme_id>.<points|p|p_adjusted>``; ``closed.<question_id>.<answer>.<pct|ci>.<cohort>``;
``prevalence.<estimated|known|gap>``. Cohorts are cohort ids (``survivor``).
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any

from survey.atomic import atomic_open
from survey.errors import ToolkitError

PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
SECTION = re.compile(r"^##\s+(.*?)\s*\{#([a-z0-9-]+)(?:\s+after=([a-z0-9-]*))?\s*\}\s*$")
#: ``after=`` names a writer may use for a section whose id differs.
ALIASES = {"findings": "themes", "summary": "key-findings"}
#: The draft's prompts; an older draft wrote them as plain text in brackets.
PROMPT = "Write an introduction to this section here, or delete this section."
_OLD_PROMPT = re.compile(r"^\((Write an introduction|Write your)[^()]*\)$")
#: The writer's own sections the draft offers, with their prompts (comments until written).
WRITER_SECTIONS = (
    ("Unmet need and gaps", "unmet-need", "themes",
     "Write here what people said is missing or hard to reach, citing figures by placeholder."),
    ("Recommendations", "recommendations", "",
     "Write your recommendations here, numbered, each citing the finding it rests on by "
     "placeholder."),
    ("Next steps", "next-steps", "",
     "Write your next steps here: who takes the chapter where, and when."))
HEADER = ("<!-- narrative.md: the report's key findings and section introductions. Edit the "
          "words freely; keep each {{...}} placeholder where its number belongs (numbers are "
          "filled from the current tables on every report run). Keep each section's {#id}. "
          "Delete a section to use the generated text. -->")


class NarrativeError(ToolkitError):
    """``narrative.md`` names a placeholder or a section that does not exist."""


def _slug(text: object) -> str:
    return re.sub(r"[^a-z0-9]+", "_", str(text).lower()).strip("_") or "x"


def placeholders(tables: Any) -> dict[str, str]:
    """Every placeholder the current tables can fill, ``name -> text as the report shows it``."""
    from analysis.report.findings import (ADJUSTED, difference_column, fmt_ci_text, fmt_count,
                                          fmt_p, fmt_pct)

    out: dict[str, str] = {}
    t = tables.respondents.table
    if len(t) and "Total" in t.columns:
        first = t.columns[0]
        for r in t.to_dict("records"):
            if isinstance(r["Total"], int):
                key = "total" if str(r[first]) == "Total" else _cohort_key(tables, r[first])
                out[f"respondents.{key}"] = fmt_count(r["Total"])
    p = tables.theme_prevalence
    if p is not None:
        for r in p.table.to_dict("records"):
            base = (f"theme.{r['theme_id']}" if r["Level"] == "theme"
                    else f"code.{r['code_id']}")
            c = r["cohort_id"]
            for name, col, f in (("pct", "%", fmt_pct), ("lo", "95% CI low", fmt_pct),
                                 ("hi", "95% CI high", fmt_pct), ("n", "Respondents", None),
                                 ("base", "Base", None)):
                v = r[col]
                if v is None:
                    continue
                out[f"{base}.{name}.{c}"] = (f(float(v)) if f and isinstance(v, (int, float))
                                             else fmt_count(v) if isinstance(v, int) else str(v))
    d = tables.cohort_differences
    if d is not None and p is not None:
        ids = dict(zip(p.table["Theme"], p.table["theme_id"]))
        diff = difference_column(d.table.columns)
        for r in d.table.to_dict("records"):
            if r["Level"] == "theme":
                out[f"diff.{ids.get(r['Theme'], _slug(r['Theme']))}.points"] = \
                    f"{abs(float(r[diff])):.1f}"
                out[f"diff.{ids.get(r['Theme'], _slug(r['Theme']))}.p"] = fmt_p(r["p"])
                out[f"diff.{ids.get(r['Theme'], _slug(r['Theme']))}.p_adjusted"] = fmt_p(
                    r[ADJUSTED])
    from analysis.report.disclosure import PCT_SUFFIX

    for ct in tables.closed:
        qid = ct.key.removeprefix("closed_")
        for r in ct.table.to_dict("records"):
            for cohort in ct.value_columns:
                v = r.get(f"{cohort}{PCT_SUFFIX}")
                key = f"closed.{qid}.{_slug(r['Answer'])}"
                if isinstance(v, float):
                    out[f"{key}.pct.{_cohort_key(tables, cohort)}"] = fmt_pct(v)
                ci = r.get(f"{cohort} 95% CI")
                if isinstance(ci, str) and ci:
                    out[f"{key}.ci.{_cohort_key(tables, cohort)}"] = fmt_ci_text(ci)
    for s in tables.extra_sections:
        if not s.key.lower().startswith("prevalence"):
            continue
        for _cap, df in s.tables:
            if "Gap" in df.columns and len(df):
                last = df.iloc[-1]
                for name, col in (("estimated", "Estimated local victims"),
                                  ("known", "Known to services or police"), ("gap", "Gap")):
                    if isinstance(last.get(col), int):
                        out[f"prevalence.{name}"] = fmt_count(last[col])
    return out


def _cohort_key(tables: Any, shown: object) -> str:
    p = tables.theme_prevalence
    if p is not None and len(p.table):
        ids = dict(zip(p.table["Cohort"], p.table["cohort_id"]))
        if shown in ids:
            return str(ids[shown])
    return _slug(shown)


def _ref_key(tables: Any, ref: Any) -> str | None:
    """The placeholder of a key finding's number (None when it has none)."""
    if ref.table == "theme_prevalence":
        r = tables.theme_prevalence.table.iloc[ref.row]
        name = {"%": "pct", "95% CI low": "lo", "95% CI high": "hi"}.get(ref.column)
        base = f"theme.{r['theme_id']}" if r["Level"] == "theme" else f"code.{r['code_id']}"
        return f"{base}.{name}.{r['cohort_id']}" if name else None
    if ref.table == "respondents":
        r = tables.respondents.table.iloc[ref.row]
        first = tables.respondents.table.columns[0]
        return "respondents." + ("total" if str(r[first]) == "Total" else
                                 _cohort_key(tables, r[first]))
    if ref.table == "cohort_differences":
        from analysis.report.findings import ADJUSTED, difference_column

        r = tables.cohort_differences.table.iloc[ref.row]
        ids = dict(zip(tables.theme_prevalence.table["Theme"],
                       tables.theme_prevalence.table["theme_id"]))
        tid = ids.get(r["Theme"], _slug(r["Theme"]))
        if ref.column == difference_column(tables.cohort_differences.table.columns):
            return f"diff.{tid}.points"
        if ref.column == "p":
            return f"diff.{tid}.p"
        if ref.column == ADJUSTED:
            return f"diff.{tid}.p_adjusted"
        cohort = ref.column[:-2]
        return f"theme.{tid}.pct.{_cohort_key(tables, cohort)}"
    if ref.table.startswith("closed_"):
        ct = next(t for t in tables.closed if t.key == ref.table)
        r = ct.table.iloc[ref.row]
        kind = "ci" if ref.column.endswith(" 95% CI") else "pct"
        cohort = ref.column.removesuffix(" 95% CI").removesuffix(" %")
        return (f"closed.{ref.table.removeprefix('closed_')}.{_slug(r['Answer'])}.{kind}."
                f"{_cohort_key(tables, cohort)}")
    if ref.table.startswith("section:"):
        return {"Estimated local victims": "prevalence.estimated",
                "Known to services or police": "prevalence.known",
                "Gap": "prevalence.gap"}.get(ref.column)
    return None


def templated(tables: Any, finding: Any) -> str:
    """A key finding with each of its numbers replaced by its placeholder."""
    text = finding.text
    spans: list[tuple[int, int, str]] = []
    for ref in finding.refs:
        key = _ref_key(tables, ref)
        if key is None:
            continue
        at = text.find(ref.shown)
        while at >= 0 and any(s < at + len(ref.shown) and at < e for s, e, _ in spans):
            at = text.find(ref.shown, at + 1)
        if at >= 0:
            spans.append((at, at + len(ref.shown), key))
    out, pos = [], 0
    for start, end, key in sorted(spans):
        out.append(text[pos:start] + "{{" + key + "}}")
        pos = end
    return "".join(out) + text[pos:]


def draft(tables: Any) -> str:
    """The text of a fresh ``narrative.md``."""
    from analysis.report.structure import build_blocks

    lines = [HEADER, "", "## Key findings {#key-findings}"]
    lines += [f"- {templated(tables, f)}" for f in tables.key_findings]
    blocks = build_blocks(tables, {})
    by_value: dict[str, list[str]] = {}
    for k, v in placeholders(tables).items():
        by_value.setdefault(_norm(v), []).append(k)
    anchors = {b.anchor for b in blocks if b.kind == "heading" and b.anchor}
    for i, b in enumerate(blocks):
        if b.kind != "heading" or not b.anchor or b.anchor in ("key-findings", "appendix"):
            continue
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        intro = nxt.text if nxt is not None and nxt.kind == "para" else ""
        live = _live_numbers(intro, by_value) if intro else None
        if intro and live is None:  # a number no placeholder names: keep the generated text
            intro = (f"<!-- The report writes this section's introduction from the current "
                     f"tables (its numbers stay live): \"{intro.replace('--', '-')}\" Write "
                     "your own here to replace it. -->")
        lines += ["", f"## {b.text} {{#{b.anchor}}}", (live or intro) or f"<!-- {PROMPT} -->"]
    for title, anchor, after, prompt in WRITER_SECTIONS:
        if anchor in anchors:
            continue
        where = f" after={after}" if after and ALIASES.get(after, after) in anchors else ""
        lines += ["", f"## {title} {{#{anchor}{where}}}", f"<!-- {prompt} -->"]
    return "\n".join(lines) + "\n"


def _live_numbers(text: str, by_value: dict[str, list[str]]) -> str | None:
    """``text`` with each number that looks like a figure replaced by the one placeholder of
    that value; None when such a number has no placeholder, or several (it would go stale)."""
    failed = False

    def sub(m: re.Match) -> str:
        nonlocal failed
        whole, dec, pct = m.groups()
        value = whole.replace(",", "") + (dec or "")
        if _not_a_figure(m, text):
            return m.group(0)
        keys = by_value.get(value, [])
        if len(keys) != 1:
            failed = True
            return m.group(0)
        return "{{" + keys[0] + "}}" + pct

    out = _NUMBER.sub(sub, text)
    return None if failed else out


def write_draft(tables: Any, path: str | Path) -> Path:
    """Write a fresh ``narrative.md`` (atomically)."""
    with atomic_open(path) as fh:
        fh.write(draft(tables))
    return Path(path)


def _lines(path: Path) -> list[tuple[int, str]]:
    """``(line number, stripped line)`` of ``narrative.md`` with comments and the draft's old
    bracketed prompts blanked (line numbers kept)."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"<!--.*?-->", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    return [(n, "" if _OLD_PROMPT.match(raw.strip()) else raw.strip())
            for n, raw in enumerate(text.splitlines(), start=1)]


def load(tables: Any, path: str | Path) -> dict[str, list[tuple[str, str]]]:
    """Read ``narrative.md`` and fill its placeholders from the current tables.

    Returns:
        ``section id -> [(kind, text)]`` with kind ``para`` or ``bullet``; a writer's own
        section (an id not in the report) starts with ``("title", heading)`` and, when it
        names one, ``("after", section id)``.

    Raises:
        NarrativeError: Placeholders that do not exist, or an ``after=`` that names no
            section (all of them, in one message with their lines).
    """
    from analysis.report.structure import build_blocks

    path = Path(path)
    values = placeholders(tables)
    anchors = {b.anchor for b in build_blocks(tables, {}) if b.kind == "heading" and b.anchor}
    out: dict[str, list[tuple[str, str]]] = {}
    added: set[str] = set()
    bad: list[str] = []
    current: str | None = None
    para: list[str] = []

    def flush() -> None:
        if current is not None and para:
            out.setdefault(current, []).append(("para", " ".join(para)))
        para.clear()

    def fill(line: str, n: int) -> str:
        def sub(m: re.Match) -> str:
            key = m.group(1)
            if key in values:
                return values[key]
            near = difflib.get_close_matches(key, list(values), n=1)
            bad.append(f"line {n}: {{{{{key}}}}}" + (f" (did you mean {{{{{near[0]}}}}}?)"
                                                     if near else ""))
            return m.group(0)
        return PLACEHOLDER.sub(sub, line)

    prev_n = 0
    for n, line in _lines(path):
        m = SECTION.match(line)
        if m:
            flush()
            current = m.group(2)
            after = m.group(3)
            if current not in anchors:
                added.add(current)
                out[current] = [("title", m.group(1) or current.replace("-", " ").capitalize())]
            if after is not None and current not in anchors:
                target = ALIASES.get(after, after)
                if target in anchors or target in added - {current}:
                    out[current].append(("after", target))
                else:
                    bad.append(f"line {n}: {{#{current} after={after}}} names no section of "
                               "the report")
            continue
        if line.startswith("#"):
            continue
        if not line:
            flush()
            continue
        if current is None:
            continue
        if line.startswith(("- ", "* ")):
            flush()
            out.setdefault(current, []).append(("bullet", fill(line[2:].strip(), n)))
        elif not para and out.get(current) and out[current][-1][0] == "bullet" and \
                prev_n == n - 1:  # a bullet wrapped onto the next line
            out[current][-1] = ("bullet", out[current][-1][1] + " " + fill(line, n))
        else:
            para.append(fill(line, n))
        prev_n = n
    flush()
    if bad:
        raise NarrativeError(f"{path}: {len(bad)} placeholder(s) or section(s) no longer exist: "
                             + "; ".join(bad) + ". Fix or remove them, then rerun.")
    return {k: v for k, v in out.items() if k in anchors or any(
        kind in ("para", "bullet") for kind, _t in v)}


#: A number as a writer types it: 316, 1,204, 45.5, 45.5% (not inside a word or an id).
_NUMBER = re.compile(r"(?<![\w.{])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(%?)(?![\w}])")
_YEAR = range(1900, 2101)
#: Conventions, not figures: a 95% interval, a 0.05 threshold.
_LEVEL_AFTER = re.compile(r"\s*(CI|interval|confidence|credible)", re.I)
_THRESHOLDS = {"0.05", "0.01", "0.001"}


def _not_a_figure(m: re.Match, text: str) -> bool:
    """A number that does not look like a figure: a small whole number, a year, an interval's
    level (95% CI), a significance threshold."""
    whole, dec, pct = m.groups()
    value = whole.replace(",", "") + (dec or "")
    if not dec and not pct and (int(value) < 10 or int(value) in _YEAR):
        return True
    if pct and value in ("90", "95", "99") and _LEVEL_AFTER.match(text, m.end()):
        return True
    return value in _THRESHOLDS


def _norm(v: str) -> str:
    return v.replace(",", "").rstrip("%")


def stale_numbers(tables: Any, path: str | Path) -> list[str]:
    """Numbers typed into ``narrative.md`` (not placeholders, not comments) that look like
    figures but equal no figure the current tables publish: perhaps left from an earlier run.

    "Looks like a figure": a decimal (45.5), a percentage (45%), or a whole number of 10 or
    more that is not a year (nor an interval's level, 95% CI, nor a 0.05 threshold). One line
    each, naming the file and the line.
    """
    path = Path(path)
    current = {_norm(v) for v in placeholders(tables).values()}
    current |= {_norm(v).split(".")[0] for v in placeholders(tables).values()
                if _norm(v).endswith(".0")}
    out = []
    for n, line in _lines(path):
        if SECTION.match(line) or not line:
            continue
        body = PLACEHOLDER.sub(" ", line)
        for m in _NUMBER.finditer(body):
            whole, dec, _pct = m.groups()
            value = whole.replace(",", "") + (dec or "")
            if _not_a_figure(m, body) or value in current:
                continue
            out.append(f"{path.name} line {n}: {m.group(0)} equals no figure in the current "
                       "tables; if it is from an earlier run, use a {{...}} placeholder")
    return out
