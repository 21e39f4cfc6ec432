"""A self-contained HTML report: inline CSS, charts as inline SVG, no external reference at all.

Every piece of text is HTML-escaped. SVGs are inlined without their XML prolog, metadata and
namespace declarations (HTML5 gives inline ``<svg>`` its namespace), so the page holds no URL.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd

from analysis.report.cells import text
from analysis.report.data import MACHINE_NOTE, ReportSection
from analysis.report.tables import PublishedTable, ReportTables
from survey.atomic import atomic_open

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Arial,sans-serif;max-width:60rem;margin:2rem auto;
padding:0 1rem;color:#1f2328;line-height:1.5}
h1{font-size:1.8rem}h2{border-bottom:2px solid #1b6ca8;padding-bottom:.2rem;margin-top:2.5rem}
table{border-collapse:collapse;margin:1rem 0;font-size:.9rem}
th,td{border:1px solid #c8ccd0;padding:.25rem .5rem;text-align:left;vertical-align:top;white-space:pre-line}
th{background:#eef3f8}td.num{text-align:right}
.banner{background:#fff4ce;border:1px solid #e0b800;padding:.6rem 1rem;font-weight:600}
blockquote{border-left:4px solid #1b6ca8;margin:.8rem 0;padding:.3rem 1rem;background:#f6f8fa}
blockquote footer{font-size:.85rem;color:#57606a}
.notes{font-size:.85rem;color:#57606a}figure{margin:1rem 0}figure svg{max-width:100%;height:auto}
"""
_DROP = (re.compile(r"<\?xml[^>]*\?>"), re.compile(r"<!DOCTYPE[^>]*>", re.S),
         re.compile(r"<metadata>.*?</metadata>", re.S),
         re.compile(r'\s+xmlns(:\w+)?="[^"]*"'))


def inline_svg(svg: str) -> str:
    """An SVG document made fit to inline in HTML5, with no URL left in it."""
    for pattern in _DROP:
        svg = pattern.sub("", svg)
    return svg.strip()


def _esc(value: object) -> str:
    return html.escape(text(value), quote=True)


def _table(t: PublishedTable) -> str:
    df: pd.DataFrame = t.table
    head = "".join(f"<th scope=\"col\">{_esc(c)}</th>" for c in df.columns)
    body = []
    for row in df.itertuples(index=False):
        cells = []
        for v in row:
            cls = ' class="num"' if isinstance(v, (int, float)) and not isinstance(v, bool) else ""
            cells.append(f"<td{cls}>{_esc(v)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    notes = "".join(f"<li>{_esc(n)}</li>" for n in t.notes)
    return (f"<h3>{_esc(t.title)}</h3>\n<table><thead><tr>{head}</tr></thead><tbody>"
            + "\n".join(body) + f"</tbody></table>\n<ul class=\"notes\">{notes}</ul>\n")


def _figure(figures: dict[str, dict[str, Path]], name: str, caption: str) -> str:
    paths = figures.get(name)
    if not paths or "svg" not in paths:
        return ""
    svg = inline_svg(Path(paths["svg"]).read_text(encoding="utf-8"))
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{_esc(caption)}" ', 1)
    return f"<figure>{svg}<figcaption>{_esc(caption)}</figcaption></figure>\n"


def _quotes(tables: ReportTables) -> str:
    q = tables.quotes
    if q.empty:
        return "<p>No quotes could be selected.</p>\n"
    parts = []
    for theme, tq in q.groupby("theme", sort=False):
        parts.append(f"<h3>{_esc(theme)}</h3>")
        for code, cq in tq.groupby("code_label", sort=False):
            parts.append(f"<h4>{_esc(code)}</h4>")
            for r in cq.sort_values("rank").itertuples(index=False):
                parts.append(f"<blockquote><p>{_esc(r.text)}</p><footer>{_esc(r.cohort)}"
                             "</footer></blockquote>")
    return "\n".join(parts) + "\n"


def _section(section: ReportSection) -> str:
    out = [f"<h2>{_esc(section.title)}</h2>"]
    if section.intro:
        out.append(f"<p>{_esc(section.intro)}</p>")
    for caption, df in section.tables:
        out.append(_table(PublishedTable(section.key, caption, df)))
    if section.notes:
        out.append('<ul class="notes">' + "".join(f"<li>{_esc(n)}</li>" for n in section.notes)
                   + "</ul>")
    return "\n".join(out) + "\n"


def render_html(tables: ReportTables, figures: dict[str, dict[str, Path]] | None = None) -> str:
    """The whole report as one HTML string (sections in JSNA order)."""
    figures = figures or {}
    machine = (f'<p class="banner">Themes, charts and quotes in this report use '
               f"{_esc(MACHINE_NOTE)}.</p>\n") if tables.machine_suggested else ""
    out = ["<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">",
           f"<title>{_esc(tables.project_name)}</title><style>{CSS}</style></head><body>",
           f"<h1>{_esc(tables.project_name)}</h1>", machine,
           "<h2>Who we heard from</h2>", _table(tables.respondents),
           "<h2>Themes</h2>", machine, _table(tables.themes),
           _figure(figures, "themes_by_cohort", "Respondents mentioning each code, by cohort"),
           "<h2>What people said: quotes by theme</h2>", machine, _quotes(tables),
           "<h2>Closed questions</h2>"]
    if not tables.closed:
        out.append("<p>No closed questions were tabulated.</p>")
    for t in tables.closed:
        out.append(_table(t))
        out.append(_figure(figures, t.key, t.title))
    out.append("<h2>Emergent themes</h2>")
    if tables.topics is None:
        out.append("<p>No topic model was run.</p>")
    else:
        out.append(_table(tables.topics))
        out.append(_figure(figures, "topic_map", "Topic map"))
        for t, fig in ((tables.topic_cohorts, "topic_sizes_by_cohort"),
                       (tables.topic_codes, "topic_code_heatmap")):
            if t is not None:
                out.append(_table(t))
                out.append(_figure(figures, fig, t.title))
    out.extend(_section(s) for s in tables.extra_sections)
    out.append("<h2>Method and disclosure notes</h2><ul>")
    out.extend(f"<li>{_esc(n)}</li>" for n in tables.method_notes)
    out.append("</ul></body></html>\n")
    return "\n".join(p for p in out if p)


def write_html(tables: ReportTables, path: str | Path, *,
               figures: dict[str, dict[str, Path]] | None = None) -> Path:
    """Write the self-contained HTML report atomically and return its path."""
    with atomic_open(path) as fh:
        fh.write(render_html(tables, figures))
    return Path(path)
