"""The Word report (python-docx), from the same block structure as the HTML report.

A4 with 2 cm margins, British English, page numbers in the footer (and DRAFT in the header of a
draft), document properties that are true (title, created now), heading styles (so the
navigation pane works) and a table-of-contents field that Word or LibreOffice fills on update.
Tables get column widths fitted to their content, a header row that repeats on every page, and
a landscape section when they are too wide for a portrait page. Every chart has alt text.
``report.template`` in project.yaml names a house ``.docx`` whose styles are used.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from analysis.report.cells import text
from analysis.report.structure import Block, build_blocks, display
from analysis.report.published import ReportTables
from survey.atomic import atomic_path

A4 = (Cm(21.0), Cm(29.7))
MARGIN = Cm(2.0)
LANG = "en-GB"
FONT_PT = 9.0
MIN_FONT_PT = 7.0
PORTRAIT_MIN_FONT_PT = 8.0  # a table goes landscape only when it would need a smaller font
MIN_COL_CHARS = 6
PORTRAIT_MAX_COLS = 7
CHAR_CM = 0.215  # average width of a character at 9 pt, in cm (bold headers: x1.12)
PAD_CM = 0.45  # cell margins left and right, and a little slack


def _field(paragraph, instr: str, placeholder: str = "") -> None:  # noqa: ANN001
    """Insert a Word field (PAGE, TOC...) into a paragraph."""
    run = paragraph.add_run()
    for kind, value in (("begin", None), ("instr", instr), ("separate", None),
                        ("text", placeholder), ("end", None)):
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = value
            run._r.append(el)
        elif kind == "text":
            el = OxmlElement("w:t")
            el.text = value or ""
            run._r.append(el)
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            if kind == "begin":
                el.set(qn("w:dirty"), "true")
            run._r.append(el)


def _language(doc) -> None:  # noqa: ANN001
    """en-GB on the default run properties and on the Normal style."""
    styles = doc.styles.element
    rpr_default = styles.find(qn("w:docDefaults"))
    targets = []
    if rpr_default is not None:
        rpr = rpr_default.find(qn("w:rPrDefault"))
        if rpr is not None and rpr.find(qn("w:rPr")) is not None:
            targets.append(rpr.find(qn("w:rPr")))
    targets.append(doc.styles["Normal"].element.get_or_add_rPr())
    for rpr in targets:
        for old in rpr.findall(qn("w:lang")):
            rpr.remove(old)
        lang = OxmlElement("w:lang")
        for a in ("w:val", "w:eastAsia", "w:bidi"):
            lang.set(qn(a), LANG)
        rpr.append(lang)
    settings = doc.settings.element
    for old in settings.findall(qn("w:updateFields")):
        settings.remove(old)
    upd = OxmlElement("w:updateFields")
    upd.set(qn("w:val"), "true")
    settings.append(upd)


def _page(section, *, landscape: bool) -> None:  # noqa: ANN001
    w, h = A4
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (h, w) if landscape else (w, h)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)


def _header_footer(section, title: str, draft: bool) -> None:  # noqa: ANN001
    head = section.header.paragraphs[0]
    head.text = ""
    if draft:
        r = head.add_run("DRAFT – not for publication   ")
        r.bold = True
        r.font.color.rgb = RGBColor(0x9C, 0x00, 0x06)
    r = head.add_run(title)
    r.font.size = Pt(8)
    foot = section.footer.paragraphs[0]
    foot.text = ""
    foot.add_run("Page ")
    _field(foot, "PAGE", "1")
    foot.add_run(" of ")
    _field(foot, "NUMPAGES", "1")


def _usable_cm(landscape: bool) -> float:
    return (29.7 if landscape else 21.0) - 2 * MARGIN.cm


def column_widths(df: pd.DataFrame, usable_cm: float) -> tuple[list[float], float]:
    """Column widths in cm fitted to content, and the font size (pt) that lets them fit.

    Each column gets at least its longest word (and :data:`MIN_COL_CHARS` characters), the rest
    is shared by how much text each holds. When even the minimum widths do not fit, the font
    shrinks (down to :data:`MIN_FONT_PT`) so that no word has to break.
    """
    need = _min_widths(df)
    font = FONT_PT
    while sum(need) > usable_cm and font > MIN_FONT_PT:
        font = max(MIN_FONT_PT, font - 0.25)
        need = _min_widths(df, font)
    if sum(need) > usable_cm:  # still too wide at the smallest font (split_columns avoids it)
        return [n * usable_cm / sum(need) for n in need], font
    per_char = CHAR_CM * font / FONT_PT
    total_chars = [max([len(display(v)) for v in df[c]], default=1) for c in df.columns]
    want = [max(n, min(t, 60) * per_char + PAD_CM) for n, t in zip(need, total_chars)]
    if sum(want) <= usable_cm:
        return want, font
    extra = [w - n for w, n in zip(want, need)]
    k = (usable_cm - sum(need)) / sum(extra) if sum(extra) else 0
    return [n + e * k for n, e in zip(need, extra)], font


def _has_style(doc, name: str) -> bool:  # noqa: ANN001
    return any(st.name == name for st in doc.styles)


def _para(doc, content: str, style: str):  # noqa: ANN001, ANN202
    """A paragraph in ``style`` when the document (a house template) has it, else plain."""
    return doc.add_paragraph(content, style=style if _has_style(doc, style) else None)


def _heading(doc, content: str, level: int):  # noqa: ANN001, ANN202
    """A heading in the template's heading style (the navigation pane and the contents use
    it); bold text when a house template lacks the style."""
    name = "Title" if level == 0 else f"Heading {level}"
    if _has_style(doc, name):
        return doc.add_heading(content, level=level)
    p = doc.add_paragraph()
    p.add_run(content).bold = True
    return p


def _repeat_header(row) -> None:  # noqa: ANN001
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)
    cant = OxmlElement("w:cantSplit")
    cant.set(qn("w:val"), "true")
    trpr.append(cant)


def _small(paragraph, size: float = FONT_PT, bold: bool = False) -> None:  # noqa: ANN001
    for r in paragraph.runs:
        r.font.size = Pt(size)
        r.bold = bold or r.bold
    paragraph.paragraph_format.space_after = Pt(0)


_RANGE_DASH = re.compile(r"(?<=\d)–(?=\d)")


def _no_break_in_ranges(cell: str) -> str:
    """A word joiner after the dash of a range ("76.4–89.1"), so a line never breaks inside
    an interval (line breaking allows a break after an en dash)."""
    return _RANGE_DASH.sub("–\u2060", cell)


def _tokens(cell: str) -> list[str]:
    """What a line may not break inside: words (an interval "(9.1–15.2)" is one word)."""
    return cell.split()


def _min_widths(df: pd.DataFrame, font: float = 9.0) -> list[float]:
    """Each column's narrowest width in cm at ``font`` pt: its longest word (header words bold),
    at least :data:`MIN_COL_CHARS` characters, so no word breaks mid-word."""
    per_char = CHAR_CM * font / FONT_PT
    out = []
    for c in df.columns:
        head = max((len(w) * 1.12 for w in text(c).split()), default=1.0)
        body = max((len(w) for v in df[c] for w in _tokens(display(v))), default=1)
        out.append(max(MIN_COL_CHARS, min(max(head, body), 26)) * per_char + PAD_CM)
    return out


def needs_landscape(df: pd.DataFrame) -> bool:
    """A table too wide for a portrait page: many columns, or minimum widths that do not fit."""
    if len(df.columns) > PORTRAIT_MAX_COLS:
        return True
    return sum(_min_widths(df, PORTRAIT_MIN_FONT_PT)) > _usable_cm(False)


def split_columns(df: pd.DataFrame, usable_cm: float) -> list[pd.DataFrame]:
    """A table too wide for the page even at :data:`MIN_FONT_PT`, split into column groups that
    fit, each repeating the leading label columns (text columns, up to three)."""
    need = _min_widths(df, MIN_FONT_PT)
    if sum(need) <= usable_cm or len(df.columns) < 3:
        return [df]
    cols = list(df.columns)
    keys: list = []
    for c in cols[:3]:
        if all(isinstance(v, str) or v is None for v in df[c]):
            keys.append(c)
        else:
            break
    keys = keys or cols[:1]
    key_cm = sum(need[cols.index(c)] for c in keys)
    parts, current, used = [], [], key_cm
    for c in cols:
        if c in keys:
            continue
        w = need[cols.index(c)]
        if current and used + w > usable_cm:
            parts.append(current)
            current, used = [], key_cm
        current.append(c)
        used += w
    if current:
        parts.append(current)
    return [df[keys + p] for p in parts]


def _table(doc, caption: str, df: pd.DataFrame, notes, *, landscape: bool) -> None:  # noqa: ANN001
    cap = _para(doc, text(caption), "Caption")
    cap.paragraph_format.keep_with_next = True
    table = doc.add_table(rows=1, cols=len(df.columns))
    try:
        table.style = "Table Grid"
    except KeyError:  # a house template without it
        pass
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    widths, font = column_widths(df, _usable_cm(landscape))
    for cell, col, w in zip(table.rows[0].cells, df.columns, widths):
        cell.text = text(col)
        cell.width = Cm(w)
        _small(cell.paragraphs[0], font, bold=True)
    _repeat_header(table.rows[0])
    for row in df.itertuples(index=False):
        cells = table.add_row().cells
        for cell, v, w in zip(cells, row, widths):
            cell.text = _no_break_in_ranges(display(v))
            cell.width = Cm(w)
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _small(cell.paragraphs[0], font)
    for j, w in enumerate(widths):
        table.columns[j].width = Cm(w)
    for note in notes:
        p = doc.add_paragraph(text(note))
        for run in p.runs:
            run.italic = True
            run.font.size = Pt(8)


def _picture(doc, path: Path, alt: str, width_cm: float,  # noqa: ANN001
             title: str = "") -> None:
    doc.add_picture(str(path), width=Cm(width_cm))
    inline = doc.paragraphs[-1]._p.xpath(".//wp:docPr")
    for d in inline:
        d.set("descr", alt)
        d.set("title", (title or alt)[:120])
    doc.paragraphs[-1].paragraph_format.keep_with_next = False


def _quote(doc, q: str, who: str, code: str, how: str) -> None:  # noqa: ANN001
    p = _para(doc, f"“{text(q)}”", "Quote")
    p.paragraph_format.keep_with_next = True
    label = f"— {text(who)}; on {text(code)}"  # how it was chosen: the quote bank
    a = doc.add_paragraph(label)
    _small(a, 8.5)
    a.paragraph_format.space_after = Pt(8)


def _new_section(doc, *, landscape: bool, title: str, draft: bool) -> None:  # noqa: ANN001
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    _page(section, landscape=landscape)
    _header_footer(section, title, draft)


def _orientation(blocks: list[Block]) -> list[bool | None]:
    """Per block: True (needs a landscape page), False (back to portrait) or None (either).
    A heading right before a wide table goes onto the landscape page with it."""
    out: list[bool | None] = []
    for b in blocks:
        if b.kind == "table" and b.table is not None:
            out.append(bool(b.wide or needs_landscape(b.table)))
        elif b.kind in ("heading", "figure", "quotes", "title", "toc"):
            out.append(False)
        else:
            out.append(None)
    for i in range(len(blocks) - 2, -1, -1):
        if blocks[i].kind == "heading" and out[i + 1] is True:
            out[i] = True
    return out


def render_docx(tables: ReportTables, figures: dict[str, dict[str, Path]] | None = None, *,
                template: Path | None = None, blocks: list[Block] | None = None):  # noqa: ANN201
    """The Word document (not yet saved), from the chapter's blocks (built from ``tables`` when
    not given: :func:`analysis.report.writers.write_report` builds them once for every format)."""
    figures = figures or {}
    blocks = blocks if blocks is not None else build_blocks(tables, figures)
    doc = Document(str(template)) if template else Document()
    if template:  # keep the house styles, not its content
        body = doc.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)
    title = blocks[0].text if blocks and blocks[0].kind == "title" else tables.project_name
    props = doc.core_properties
    now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    props.title, props.author, props.last_modified_by = text(title), "", ""
    props.created = props.modified = now
    props.language = LANG
    props.revision = 1
    if tables.draft:
        props.subject = "DRAFT"
    _language(doc)
    doc.styles["Normal"].font.size = Pt(10)
    section = doc.sections[0]
    _page(section, landscape=False)
    _header_footer(section, text(title), tables.draft)
    landscape = False
    for b, wide in zip(blocks, _orientation(blocks)):
        if wide is not None and wide != landscape:
            _new_section(doc, landscape=wide, title=text(title), draft=tables.draft)
            landscape = wide
        if b.kind == "title":
            _heading(doc, text(b.text) + (" (DRAFT)" if tables.draft else ""), 0)
            for k, v in b.items:
                p = doc.add_paragraph()
                p.add_run(f"{k}: ").bold = True
                p.add_run(text(v))
        elif b.kind == "banner":
            p = doc.add_paragraph()
            r = p.add_run(b.text)
            r.bold = True
            r.font.color.rgb = RGBColor(0x9C, 0x00, 0x06)
        elif b.kind == "toc":
            _heading(doc, "Contents", 1)
            _field(doc.add_paragraph(), 'TOC \\o "1-2" \\h \\z \\u',
                   "The contents list fills in when Word updates the fields on opening "
                   "(choose Yes), and in report.pdf.")
        elif b.kind == "heading":
            _heading(doc, text(b.text), min(b.level, 3))
        elif b.kind == "para":
            doc.add_paragraph(text(b.text))
        elif b.kind == "bullets":
            for item in b.items:
                _para(doc, text(item), "List Bullet")
        elif b.kind == "table" and b.table is not None:
            parts = split_columns(b.table, _usable_cm(landscape))
            for k, part in enumerate(parts, start=1):
                caption = b.text if len(parts) == 1 else f"{b.text} (part {k} of {len(parts)})"
                _table(doc, caption, part, b.notes if k == len(parts) else (),
                       landscape=landscape)
        elif b.kind == "figure":
            paths = figures.get(b.figure) or {}
            if "png" in paths:
                wide_chart = b.figure == "themes_by_cohort" or b.figure.startswith("theme_")
                _picture(doc, Path(paths["png"]), b.alt or b.text,
                         14.0 if wide_chart else 11.0, title=b.text)
                cap = _para(doc, text(b.text), "Caption")
                _small(cap, 8.5)
                cap.paragraph_format.space_after = Pt(10)
        elif b.kind == "quotes":
            for q, who, code, how in b.items:
                _quote(doc, q, who, code, how)
    return doc


def write_docx(tables: ReportTables, path: str | Path, *,
               figures: dict[str, dict[str, Path]] | None = None,
               template: Path | None = None, blocks: list[Block] | None = None) -> Path:
    """Write the Word report atomically and return its path."""
    doc = render_docx(tables, figures, template=template, blocks=blocks)
    with atomic_path(path) as tmp:
        doc.save(str(tmp))
    return Path(path)
