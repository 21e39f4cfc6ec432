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
from analysis.report.structure import display
from analysis.report.published import ReportTables
from survey.atomic import atomic_open

CSS = """
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Arial,sans-serif;margin:0;color:#1f2328;
line-height:1.5;overflow-wrap:break-word}
main{max-width:60rem;margin:0 auto;padding:1rem}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem}
.skip:focus{left:.5rem}
h1{font-size:1.8rem}h2{border-bottom:2px solid #1b6ca8;padding-bottom:.2rem;margin-top:2.5rem}
.titleblock dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem}
.titleblock dt{font-weight:600}.titleblock dd{margin:0}
.table-wrap{overflow-x:auto;max-width:100%;margin:1rem 0}
table{border-collapse:collapse;font-size:.9rem}
caption{text-align:left;font-weight:600;padding:.3rem 0}
th,td{border:1px solid #c8ccd0;padding:.25rem .5rem;text-align:left;vertical-align:top;
white-space:pre-line}
th{background:#eef3f8}td.num{text-align:right;white-space:nowrap}
.banner{background:#fff4ce;border:2px solid #e0b800;padding:.6rem 1rem;font-weight:700}
blockquote{border-left:4px solid #1b6ca8;margin:.8rem 0;padding:.3rem 1rem;background:#f6f8fa}
blockquote footer{font-size:.85rem;color:#57606a}
.notes{font-size:.85rem;color:#57606a}figure{margin:1rem 0}
figure svg{max-width:100%;height:auto}
@media (max-width:48rem){figure{overflow-x:auto}figure svg{max-width:none}}
nav.toc ol{padding-left:1.2rem}
@media print{@page{size:A4;margin:18mm 15mm}body{font-size:10pt}.skip,nav.toc{display:none}
.table-wrap{overflow:visible}table{page-break-inside:auto}tr{page-break-inside:avoid}
thead{display:table-header-group}h2,h3{page-break-after:avoid}}
"""
DRAFT_PRINT_CSS = ('@media print{@page{@top-center{content:"DRAFT: not for publication";'
                   'color:#9c0006;font-weight:700}}}')
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


def _cell(v: object) -> str:
    num = isinstance(v, (int, float)) and not isinstance(v, bool)
    cls = ' class="num"' if num else ""
    return f"<td{cls}>{html.escape(display(v), quote=True)}</td>"


def _table(caption: str, df: pd.DataFrame, notes: tuple[str, ...] | list[str] = ()) -> str:
    head = "".join(f"<th scope=\"col\">{_esc(c)}</th>" for c in df.columns)
    body = "\n".join("<tr>" + "".join(_cell(v) for v in row) + "</tr>"
                     for row in df.itertuples(index=False))
    note = "".join(f"<li>{_esc(n)}</li>" for n in notes)
    return (f"<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" "
            f"aria-label=\"{_esc(caption)}\"><table><caption>{_esc(caption)}</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>\n"
            + (f"<ul class=\"notes\">{note}</ul>\n" if note else ""))


def _figure(figures: dict[str, dict[str, Path]], name: str, caption: str, alt: str = "") -> str:
    paths = figures.get(name)
    if not paths or "svg" not in paths:
        return ""
    svg = inline_svg(Path(paths["svg"]).read_text(encoding="utf-8"))
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{_esc(alt or caption)}" ', 1)
    # focusable: on a phone the chart keeps its size and scrolls inside the figure
    return (f'<figure tabindex="0">{svg}<figcaption>{_esc(caption)}</figcaption>'
            "</figure>\n")


def _toc(blocks: list) -> str:  # noqa: ANN001
    items = [f'<li><a href="#{b.anchor}">{_esc(b.text)}</a></li>' for b in blocks
             if b.kind == "heading" and b.level == 1 and b.anchor]
    return ('<nav class="toc" aria-label="Contents"><h2 id="contents">Contents</h2><ol>'
            + "".join(items) + "</ol></nav>")


def render_html(tables: ReportTables, figures: dict[str, dict[str, Path]] | None = None, *,
                blocks: list | None = None) -> str:
    """The whole report as one HTML string, from the chapter's blocks (built from ``tables``
    when not given: :func:`analysis.report.writers.write_report` builds them once for every
    format)."""
    from analysis.report.structure import build_blocks

    figures = figures or {}
    blocks = blocks if blocks is not None else build_blocks(tables, figures)
    title = blocks[0].text if blocks and blocks[0].kind == "title" else tables.project_name
    draft = " (DRAFT)" if tables.draft else ""
    out = ["<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\">",
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{_esc(title)}{draft}</title><style>{CSS}"
           f"{DRAFT_PRINT_CSS if tables.draft else ''}</style></head><body>",
           '<a class="skip" href="#main">Skip to main content</a>', '<main id="main">']
    for b in blocks:
        if b.kind == "title":
            dl = "".join(f"<dt>{_esc(k)}</dt><dd>{_esc(v)}</dd>" for k, v in b.items)
            out.append(f'<header class="titleblock"><h1>{_esc(b.text)}{draft}</h1>'
                       + (f"<dl>{dl}</dl>" if dl else "") + "</header>")
        elif b.kind == "banner":
            out.append(f'<p class="banner" role="note">{_esc(b.text)}</p>')
        elif b.kind == "toc":
            out.append(_toc(blocks))
        elif b.kind == "heading":
            n = min(6, b.level + 1)
            anchor = f' id="{_esc(b.anchor)}"' if b.anchor else ""
            out.append(f"<h{n}{anchor}>{_esc(b.text)}</h{n}>")
        elif b.kind == "para":
            out.append(f"<p>{_esc(b.text)}</p>")
        elif b.kind == "bullets":
            out.append("<ul>" + "".join(f"<li>{_esc(i)}</li>" for i in b.items) + "</ul>")
        elif b.kind == "table":
            out.append(_table(b.text, b.table, b.notes))
        elif b.kind == "figure":
            out.append(_figure(figures, b.figure, b.text, b.alt))
        elif b.kind == "quotes":
            for q, who, code, _how in b.items:
                label = f"{who}; on {code}"  # how it was chosen: the quote bank
                out.append(f"<blockquote><p>{_esc(q)}</p><footer>{_esc(label)}</footer>"
                           "</blockquote>")
    out.append("</main></body></html>\n")
    return "\n".join(p for p in out if p)


def write_html(tables: ReportTables, path: str | Path, *,
               figures: dict[str, dict[str, Path]] | None = None,
               blocks: list | None = None) -> Path:
    """Write the self-contained HTML report atomically and return its path."""
    with atomic_open(path) as fh:
        fh.write(render_html(tables, figures, blocks=blocks))
    return Path(path)
