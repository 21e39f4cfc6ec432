"""The report workbook (openpyxl): the tables behind the report, ready to filter, read and print.

Sheets: Read me (what every sheet holds), Key findings, Themes, Theme prevalence, Cohort
differences (when two cohorts are compared), Theme finder,
Quotes (the selected quotes only, with how each was chosen), Closed questions, Emergent themes
(when topics exist), Equality (when the instrument asks equality questions), Codebook, one sheet
per extra section (wave comparison, prevalence gap) and Method notes.

Every table is an Excel Table with its own filter. Numbers are stored as numbers with formats:
counts ``0``, percentages ``0.0%`` (stored as proportions), p-values ``0.000``, and a 95%
interval as two numeric columns (low, high). Suppression marks (``<5``, ``[c]``) stay text.
Text that a spreadsheet would run as a formula (leading ``=``, ``+``, ``-``, ``@``, tab, CR) is
stored as a text cell with Excel's quote prefix (privacy rule 8): it never runs and shows no
apostrophe. Every sheet has frozen header rows, a header naming the report (and DRAFT on a draft)
and page numbers.

Every sheet prints legibly on A4 landscape (:func:`fit_for_print`): its header row repeats on
every page, and it is fitted to the page width and as many pages tall as it needs. Columns wider
than the page allows are narrowed (text wraps, rows grow) down to the longest word in them; a
sheet still wider than :data:`LEGIBLE_WIDTH` is spread over several pages across, its first
column repeated on each, rather than shrunk below :data:`MIN_SCALE`. A note, caption or banner
outside a table is merged across the table's columns and wraps, so nothing runs past the print
area's edge.

The Key findings sheet holds the key findings and the recommendations as the writer left them in
``narrative.md`` (``ReportTables.narrative``), or the generated key findings when there is none.

The full candidate quote bank is NOT in this workbook: it is a working file beside the store
(:func:`analysis.report.write_quote_bank`), marked not for publication.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from analysis.report.cells import FORMULA_PREFIXES, plain
from analysis.report.data import ReportSection
from analysis.report.published import PublishedTable, ReportTables
from survey.atomic import atomic_path

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
NOTE_FONT = Font(italic=True, color="555555")
TITLE_FONT = Font(bold=True, size=13)
DRAFT_FONT = Font(bold=True, color="9C0006", size=12)
DRAFT_FILL = PatternFill("solid", fgColor="FFC7CE")
STYLE = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
_BAD_SHEET_CHARS = str.maketrans({c: " " for c in "[]:*?/\\"})
_CI_TEXT = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(?:to|–|-)\s*(-?\d+(?:\.\d+)?)\s*$")
_P_TEXT = re.compile(r"^\s*([<>]?)\s*(\d*\.?\d+(?:[eE]-?\d+)?)\s*$")
P_COLUMNS = ("p", "p-value", "p value")
PCT_FMT, COUNT_FMT, P_FMT, DEC_FMT = "0.0%", "0", "0.000", "0.0"
LINE_HEIGHT = 15.0
#: Column width (in characters) one A4 landscape page holds at 100% with
#: :data:`SIDE_MARGIN_IN` margins (LibreOffice and Excel, Calibri 11).
PAGE_WIDTH_CHARS = 108.0
SIDE_MARGIN_IN = 0.5
#: The smallest print scale: 11-point text prints at 7 points or more.
MIN_SCALE = 0.65
#: The widest a sheet may be (in characters) to print on one page across at :data:`MIN_SCALE`.
LEGIBLE_WIDTH = PAGE_WIDTH_CHARS / MIN_SCALE
#: Narrowest a column is made for printing, and the longest word kept unbroken.
MIN_COLUMN, LONGEST_WORD = 7.0, 24
SHEET_DESCRIPTIONS = {
    "Read me": "This sheet: what each sheet holds and how to read the numbers.",
    "Key findings": "The key findings in plain sentences (as the writer left them in "
                    "narrative.md, where there is one), the recommendations, and who we heard "
                    "from.",
    "Themes": "Respondents with each theme and code, by cohort, with percentages and bases.",
    "Theme prevalence": "Each theme and code by cohort: respondents, base, percentage with its "
                        "95% interval, and whether the figure is human-coded, estimated or draft.",
    "Cohort differences": "Each theme and code compared between two cohorts: the difference in "
                          "points (the header says which cohort minus which), its 95% "
                          "interval for the same order, the test, and the raw and "
                          "Holm-adjusted p-values.",
    "Theme finder": "For each theme and code: what was suppressed and why, and its quotes.",
    "Quotes": "The quotes chosen for the report, with how each was chosen (starred by a "
              "writer, the automatic choice, or in a draft the strongest machine suggestion) "
              "and its coding status.",
    "Closed questions": "Each closed question by cohort, with percentages and 95% intervals.",
    "Emergent themes": "Topics found by a topic model: leads for a person to review.",
    "Codebook": "Every theme and code with its definition.",
    "Equality": "Themes and closed questions by each equality characteristic the survey asked "
                "about (gender, age, sexual orientation, ethnicity, disability...), "
                "disclosure-controlled like every table.",
    "Method notes": "How the figures were made: anonymisation, coding, review and disclosure "
                    "control.",
}


# -- cells -------------------------------------------------------------------------------------
def is_formula_text(value: str) -> bool:
    """Text a spreadsheet would run as a formula (leading ``=``, ``+``, ``-``, ``@``, tab, CR)."""
    return value.startswith(FORMULA_PREFIXES)


def _set(ws: Worksheet, row: int, col: int, value: object, fmt: str | None = None) -> None:
    v = plain(value)
    cell = ws.cell(row=row, column=col)
    if isinstance(v, str):
        cell.value = v
        cell.data_type = "s"  # never a formula, whatever the text
        if is_formula_text(v):
            cell.quotePrefix = True  # Excel's own "this is text" mark: no visible apostrophe
    else:
        cell.value = v
        if fmt and v is not None:
            cell.number_format = fmt


def _pct_column(name: str) -> bool:
    n = name.strip()
    return n == "%" or n.endswith(" %") or (("CI low" in n or "CI high" in n)
                                            and not n.lower().startswith("change")
                                            and not n.endswith("points"))


def _number(v: object) -> float | None:
    v = plain(v)
    return float(v) if isinstance(v, (int, float)) else None


def workbook_frame(df: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, str]]:
    """A table as the workbook stores it: intervals split into two numeric columns, p-values and
    percentages numeric, and a number format per column.

    Percent columns (``... %`` and interval bounds) are divided by 100 for the ``0.0%`` format.
    A text interval (``"2.5 to 9.1"``) becomes ``... low`` and ``... high``; a text p-value
    (``"0.034"``, ``"<0.001"``) becomes its number (``<0.001`` is stored as 0.001 and shown with
    a ``<``). Suppression marks stay text.

    Returns:
        ``(frame, formats)``: ``formats`` maps a column name to its number format; a cell whose
        format differs (the ``<`` of a p-value) carries it in ``frame.attrs["cell_formats"]``.
    """
    cols: dict[str, list[object]] = {}
    formats: dict[str, str] = {}
    cell_formats: dict[tuple[int, str], str] = {}
    for name in df.columns:
        col = str(name)
        values = list(df[name])
        texts = [v for v in values if isinstance(v, str) and v.strip()]
        if col.endswith("95% CI") and texts and all(_CI_TEXT.match(v) for v in texts):
            lows, highs = [], []
            for v in values:
                m = _CI_TEXT.match(v) if isinstance(v, str) else None
                lows.append(float(m.group(1)) if m else None)
                highs.append(float(m.group(2)) if m else None)
            change = col.lower().startswith("change")
            scale = 1.0 if change else 0.01
            for suffix, vals in ((" low", lows), (" high", highs)):
                cols[col + suffix] = [None if x is None else round(x * scale, 6) for x in vals]
                formats[col + suffix] = DEC_FMT if change else PCT_FMT
            continue
        if col.strip().lower() in P_COLUMNS or col.strip().lower().startswith("p ("):
            out = []
            for i, v in enumerate(values):
                m = _P_TEXT.match(v) if isinstance(v, str) else None
                if m:
                    out.append(float(m.group(2)))
                    if m.group(1) == "<":
                        cell_formats[(i, col)] = '"<"0.000'
                else:
                    out.append(_number(v))
            cols[col], formats[col] = out, P_FMT
            continue
        if _pct_column(col):
            cols[col] = [round(v / 100.0, 6) if isinstance(v, float | int) and not isinstance(
                v, bool) else v for v in (plain(x) for x in values)]
            formats[col] = PCT_FMT
            continue
        plains = [plain(v) for v in values]
        nums = [v for v in plains if isinstance(v, (int, float)) and not isinstance(v, bool)]
        cols[col] = plains
        if nums:
            if all(isinstance(v, int) for v in nums):
                formats[col] = COUNT_FMT
            elif col.lower() == "similarity":
                formats[col] = "0.00"
            else:
                formats[col] = DEC_FMT
    out = pd.DataFrame(cols, dtype=object) if cols else pd.DataFrame()
    out.attrs["cell_formats"] = cell_formats
    return out, formats


# -- tables and sheets -------------------------------------------------------------------------
class _Names:
    """Unique Excel Table display names within one workbook."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def __call__(self, hint: str) -> str:
        base = re.sub(r"[^A-Za-z0-9_]", "_", hint).strip("_") or "Table"
        if not base[0].isalpha():
            base = "T_" + base
        base = base[:40].rstrip("_")
        name, k = base, 2
        while name.lower() in self.taken:
            name, k = f"{base}_{k}", k + 1
        self.taken.add(name.lower())
        return name


def _unique_headers(columns: Sequence[object]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for c in columns:
        h = str(c).strip() or "Column"
        k = seen.get(h.lower(), 0)
        seen[h.lower()] = k + 1
        out.append(h if k == 0 else f"{h} ({k + 1})")
    return out


def write_table(ws: Worksheet, start: int, df: pd.DataFrame, *, name: str,
                widths: dict[str, float] | None = None) -> tuple[int, int]:
    """Write ``df`` as an Excel Table with its header at row ``start``.

    Returns:
        ``(header_row, next_free_row)``.
    """
    frame, formats = workbook_frame(df)
    cell_formats = frame.attrs.get("cell_formats", {})
    headers = _unique_headers(frame.columns) if len(frame.columns) else ["Note"]
    for j, h in enumerate(headers, start=1):
        _set(ws, start, j, h)
        c = ws.cell(row=start, column=j)
        c.font, c.fill, c.alignment = HEADER_FONT, HEADER_FILL, WRAP
    r = start
    for i, row in enumerate(frame.itertuples(index=False)):
        r = start + 1 + i
        for j, (col, v) in enumerate(zip(frame.columns, row), start=1):
            _set(ws, r, j, v, cell_formats.get((i, col), formats.get(col)))
            ws.cell(row=r, column=j).alignment = WRAP if isinstance(v, str) else TOP
    if r == start:  # a table needs a data row
        r = start + 1
    ref = f"A{start}:{get_column_letter(len(headers))}{r}"
    table = Table(displayName=name, ref=ref)
    table.tableStyleInfo = STYLE
    ws.add_table(table)
    for j, h in enumerate(headers, start=1):
        letter = get_column_letter(j)
        longest = max([len(h) / 2 + 2] + [min(len(str(ws.cell(row=k, column=j).value or "")), 200)
                                          for k in range(start + 1, r + 1)])
        want = (widths or {}).get(h, float(min(max(9.0, longest + 2), 60.0)))
        have = ws.column_dimensions[letter].width or 0
        ws.column_dimensions[letter].width = max(want, have if have != 13 else 0)
    return start, r + 1


def _row_heights(ws: Worksheet) -> None:
    """Set each row's height from its longest wrapped cell (LibreOffice and Excel both need it
    for printing; otherwise wrapped text prints over the next row). A merged cell wraps across
    the width of all its columns."""
    widths = {j: (ws.column_dimensions[get_column_letter(j)].width or 9.0)
              for j in range(1, ws.max_column + 1)}
    spans = {(r.min_row, r.min_col): sum(widths.get(j, 9.0)
                                         for j in range(r.min_col, r.max_col + 1))
             for r in ws.merged_cells.ranges}
    for row in ws.iter_rows():
        lines = 1
        for cell in row:
            if isinstance(cell.value, str) and cell.alignment is not None and \
                    cell.alignment.wrap_text:
                width = spans.get((cell.row, cell.column), widths.get(cell.column, 9.0))
                chars = max(1.0, width * 1.1 - 1)
                n = sum(max(1, math.ceil(len(part) / chars)) for part in cell.value.split("\n"))
                lines = max(lines, n)
        if lines > 1:
            ws.row_dimensions[row[0].row].height = min(409.0, LINE_HEIGHT * lines)


def _min_width(ws: Worksheet, col: int) -> float:
    """The narrowest a column can print: its longest word (up to :data:`LONGEST_WORD`) or
    number, and wide enough that its longest text wraps within the tallest row a spreadsheet
    allows (409 points), or it would be cut."""
    longest, most = 0, 0
    max_lines = int(409.0 // LINE_HEIGHT) - 1
    for cell in next(ws.iter_cols(min_col=col, max_col=col)):
        v = cell.value
        if v is None or type(cell).__name__ == "MergedCell":
            continue
        if isinstance(v, str):
            words = re.findall(r"\S+", v)
            longest = max([longest, *(min(len(w), LONGEST_WORD) for w in words)])
            most = max(most, len(v) + 8 * v.count("\n"))
        else:
            longest = max(longest, len(f"{v:.1f}" if isinstance(v, float) else str(v)))
    return max(MIN_COLUMN, longest + 2.0, math.ceil((most / max_lines + 1) / 1.1) + 1.0)


def _table_rows(ws: Worksheet) -> set[int]:
    rows: set[int] = set()
    for t in ws.tables.values():
        lo, hi = (int(x) for x in re.findall(r"\d+", t.ref))
        rows |= set(range(lo, hi + 1))
    return rows


def fit_for_print(ws: Worksheet) -> int:
    """Make a sheet print legibly on A4 landscape; returns the pages it spans across.

    Columns are narrowed, widest first, toward :func:`_min_width` until the sheet fits
    :data:`LEGIBLE_WIDTH` (string cells wrap); a sheet that still does not fit spreads over as
    many pages across as it needs, with its first column repeated on each. Text outside a table
    in column A (a note, caption, title or banner) is merged across the columns of the first
    page and wraps.
    """
    n = ws.max_column
    letters = [get_column_letter(j) for j in range(1, n + 1)]
    width = {c: float(ws.column_dimensions[c].width or 9.0) for c in letters}
    floor = {c: min(width[c], _min_width(ws, j)) for j, c in enumerate(letters, start=1)}
    if sum(width.values()) > LEGIBLE_WIDTH:
        lo, hi = 0.0, max(width.values())
        for _ in range(40):  # the largest cap at which the columns fit
            cap = (lo + hi) / 2
            if sum(max(floor[c], min(width[c], cap)) for c in letters) <= LEGIBLE_WIDTH:
                lo = cap
            else:
                hi = cap
        for c in letters:  # rounded down: the stored widths must still fit
            width[c] = math.floor(max(floor[c], min(width[c], lo)) * 10) / 10
            ws.column_dimensions[c].width = width[c]
    total = sum(width.values())
    pages = 1
    if total > LEGIBLE_WIDTH:
        repeat = width[letters[0]]
        pages = max(2, math.ceil((total - repeat) / (LEGIBLE_WIDTH - repeat)))
        ws.print_title_cols = "A:A"
    first_page, acc = 0, 0.0
    for c in letters:  # the columns that print on the first page
        acc += width[c]
        if acc > LEGIBLE_WIDTH:
            break
        first_page += 1
    in_table = _table_rows(ws)
    for (cell,) in ws.iter_rows(min_col=1, max_col=1):
        if cell.row in in_table or not isinstance(cell.value, str):
            continue
        if len(cell.value) <= width[letters[0]] and "\n" not in cell.value:
            continue
        span = max(1, first_page)
        if span > 1 and all(ws.cell(row=cell.row, column=j).value is None
                            for j in range(2, span + 1)):
            ws.merge_cells(start_row=cell.row, start_column=1, end_row=cell.row,
                           end_column=span)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.page_setup.fitToWidth = pages
    ws.page_setup.fitToHeight = 0
    return pages


def _print_setup(ws: Worksheet, *, header_row: int, title: str, draft: bool) -> None:
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_margins.left = ws.page_margins.right = SIDE_MARGIN_IN
    fit_for_print(ws)
    ws.print_options.gridLines = False
    ws.oddHeader.left.text = title[:200].replace("&", "&&")
    if draft:
        ws.oddHeader.center.text = "DRAFT"
        ws.oddHeader.center.font = "Arial,Bold"
        ws.oddHeader.center.color = "9C0006"
    ws.oddFooter.left.text = ws.title.replace("&", "&&")
    ws.oddFooter.right.text = "Page &P of &N"
    _row_heights(ws)


def _heading(ws: Worksheet, title: str, *, draft: bool, intro: str = "",
             banner: str | None = None) -> int:
    """Sheet title (and DRAFT banner); returns the next free row."""
    row = 1
    if draft:
        _set(ws, row, 1, banner or "DRAFT: built from machine-suggested codes that no person "
                                   "has reviewed. Not for publication.")
        ws.cell(row=row, column=1).font = DRAFT_FONT
        ws.cell(row=row, column=1).fill = DRAFT_FILL
        row += 1
    _set(ws, row, 1, title)
    ws.cell(row=row, column=1).font = TITLE_FONT
    row += 1
    if intro:
        _set(ws, row, 1, intro)
        ws.cell(row=row, column=1).font = NOTE_FONT
        row += 1
    return row + 1


def _notes(ws: Worksheet, row: int, notes: Sequence[str]) -> int:
    for note in notes:
        _set(ws, row, 1, str(note))
        ws.cell(row=row, column=1).font = NOTE_FONT
        row += 1
    return row


class _Book:
    def __init__(self, tables: ReportTables) -> None:
        self.tables = tables
        self.wb = Workbook()
        self.wb.remove(self.wb.active)
        self.names = _Names()
        self.draft = bool(getattr(tables, "draft", tables.machine_suggested))
        from analysis.report.structure import draft_banner

        self.banner = draft_banner(tables)
        self.described: list[tuple[str, str]] = []

    def sheet(self, title: str, parts: Sequence[tuple[str, pd.DataFrame, Sequence[str]]], *,
              intro: str = "", widths: dict[str, float] | None = None,
              description: str | None = None, sheet_name: str | None = None) -> Worksheet:
        """A sheet of one or more captioned tables, each an Excel Table, notes under each."""
        name = sheet_title(sheet_name or title, self.wb.sheetnames)
        ws = self.wb.create_sheet(name)
        row = _heading(ws, title, draft=self.draft, intro=intro, banner=self.banner)
        first_header = None
        for caption, df, notes in parts:
            if caption and len(parts) > 1 and caption != title:
                _set(ws, row, 1, caption)
                ws.cell(row=row, column=1).font = Font(bold=True)
                row += 1
            header, row = write_table(ws, row, df, name=self.names(f"{name}_{caption}"),
                                      widths=widths)
            first_header = first_header or header
            row = _notes(ws, row, notes) + 1
        _print_setup(ws, header_row=first_header or row, title=self.tables.project_name,
                     draft=self.draft)
        self.described.append((name, description or SHEET_DESCRIPTIONS.get(title, title)))
        return ws


def sheet_title(key: str, taken: Sequence[str]) -> str:
    """A valid, unused sheet name for ``key`` (31 characters, no ``[]:*?/\\``)."""
    base = (key.translate(_BAD_SHEET_CHARS).strip(" '") or "Section")[:31]
    name, k = base, 2
    lower = {t.lower() for t in taken}
    while name.lower() in lower:
        suffix = f" ({k})"
        name, k = base[:31 - len(suffix)] + suffix, k + 1
    return name


def _frame_sheet(wb: Workbook, title: str, df: pd.DataFrame, *,
                 widths: dict[int, float] | None = None,
                 notes: Sequence[str] = (), draft: bool = False) -> Worksheet:
    """One table on its own sheet (used by ``voices topics`` to replace the emergent sheet);
    ``draft`` keeps the DRAFT banner and page header of a draft workbook."""
    names = _Names()
    for ws in wb.worksheets:
        names.taken.update(t.lower() for t in ws.tables)
    ws = wb.create_sheet(title)
    start = _heading(ws, title, draft=True) if draft else 1
    header, end = write_table(ws, start, df, name=names(title),
                              widths={str(df.columns[j - 1]): w for j, w in (widths or {}).items()
                                      if 0 < j <= len(df.columns)})
    _notes(ws, end + 1, notes)
    _print_setup(ws, header_row=header, title=title, draft=draft)
    return ws


def _section_parts(section: ReportSection) -> list[tuple[str, pd.DataFrame, Sequence[str]]]:
    parts: list[tuple[str, pd.DataFrame, Sequence[str]]] = [
        (caption, df, ()) for caption, df in section.tables]
    if parts:
        caption, df, _ = parts[-1]
        parts[-1] = (caption, df, tuple(section.notes))
    return parts


def _table_parts(t: PublishedTable) -> tuple[str, pd.DataFrame, Sequence[str]]:
    return (t.title, t.table, t.notes)


def writer_text(tables: ReportTables, section: str) -> list[str]:
    """The paragraphs and bullets of one section of the writer's ``narrative.md``, numbers
    filled (``ReportTables.narrative``); ``[]`` when the writer has not written it."""
    narrative = getattr(tables, "narrative", None) or {}
    return [str(text) for kind, text in narrative.get(section, ())
            if kind in ("para", "bullet") and str(text).strip()]


def write_workbook(tables: ReportTables, path: str | Path) -> Path:
    """Write the report workbook atomically.

    Args:
        tables: The published tables, quotes and notes.
        path: Destination ``.xlsx``.

    Returns:
        ``path``.
    """
    book = _Book(tables)
    written = writer_text(tables, "key-findings")
    findings = written or [f.text if hasattr(f, "text") else str(f)
                           for f in getattr(tables, "key_findings", ()) or ()]
    kf = pd.DataFrame({"Key finding": findings or [
        "No key findings could be stated from the published figures."]})
    parts: list[tuple[str, pd.DataFrame, Sequence[str]]] = [("Key findings", kf, (
        "As the writer left them in narrative.md.",) if written else ())]
    recommendations = writer_text(tables, "recommendations")
    if recommendations:
        parts.append(("Recommendations", pd.DataFrame({"Recommendation": recommendations}),
                      ("As the writer left them in narrative.md.",)))
    parts.append(_table_parts(tables.respondents))
    book.sheet("Key findings", parts, widths={"Key finding": 100.0, "Recommendation": 100.0})
    book.sheet("Themes", [_table_parts(tables.themes)], widths={"Theme": 28.0, "Code": 28.0})
    prevalence = getattr(tables, "theme_prevalence", None)
    if prevalence is not None:
        book.sheet("Theme prevalence", [_table_parts(prevalence)],
                   widths={"Theme": 28.0, "Code": 28.0})
    differences = getattr(tables, "cohort_differences", None)
    if differences is not None:
        book.sheet("Cohort differences", [_table_parts(differences)],
                   widths={"Theme": 28.0, "Code": 28.0})
    if tables.theme_finder is not None:
        book.sheet("Theme finder", [("Theme finder", tables.theme_finder, tables.themes.notes)],
                   widths={"Theme": 28.0, "Code": 28.0})
    qcols = [c for c in ("theme", "code_label", "cohort", "text", "selection", "coding_status",
                         "rank", "quote_id", "code_id") if c in tables.quotes.columns]
    quotes = tables.quotes[qcols].rename(columns={
        "theme": "Theme", "code_label": "Code", "cohort": "Cohort", "text": "Quote",
        "selection": "Chosen by", "coding_status": "Coding status", "rank": "Rank",
        "quote_id": "Quote id", "code_id": "Code id"})
    book.sheet("Quotes", [("Quotes", quotes, ())], widths={"Quote": 90.0, "Theme": 24.0,
                                                          "Code": 24.0})
    if tables.closed:
        book.sheet("Closed questions", [_table_parts(t) for t in tables.closed])
    if tables.topics is not None:
        parts = [_table_parts(tables.topics)]
        parts += [_table_parts(t) for t in (tables.topic_cohorts, tables.topic_codes)
                  if t is not None]
        book.sheet("Emergent themes", parts,
                   widths={"Top words": 40.0, "Representative answers (anonymised)": 90.0,
                           "Status": 36.0})
    equality = tuple(getattr(tables, "equality", ()) or ())
    if equality:
        book.sheet("Equality", [_table_parts(t) for t in equality])
    book.sheet("Codebook", [("Codebook", tables.codebook, ())], widths={"Definition": 60.0})
    for section in tables.extra_sections:
        book.sheet(section.title, _section_parts(section), intro=section.intro,
                   description=section.title, sheet_name=section.key)
    from analysis.report.structure import method_paragraphs

    book.sheet("Method notes", [("Method notes", pd.DataFrame(
        {"Note": method_paragraphs(tables)}), ())], widths={"Note": 120.0})
    _read_me(book)
    with atomic_path(path) as tmp:
        book.wb.save(tmp)
    return Path(path)


def _read_me(book: _Book) -> None:
    t = book.tables
    block = getattr(t, "title_block", None) or {}
    rows = [("Report", t.project_name)]
    rows += [(k.capitalize(), v) for k, v in block.items() if v and k != "title"]
    rows.append(("Status", "DRAFT: built from machine-suggested codes; not for publication"
                 if book.draft else "Final: every theme figure is human-coded or a validated "
                                    "estimate" if getattr(t, "final", False) else
                 "Human-reviewed codes"))
    rows.append(("Disclosure control", f"Counts below {t.min_count} are shown as "
                                       f"\"<{t.min_count}\"; \"[c]\" hides a cell that would "
                                       "let a reader work out a suppressed one."))
    rows.append(("Numbers", "Counts are whole numbers, percentages are stored as proportions "
                            "and shown as %, 95% intervals are two columns (low, high)."))
    about = pd.DataFrame(rows, columns=["Item", "Value"])
    book.described.insert(0, ("Read me", SHEET_DESCRIPTIONS["Read me"]))
    sheets = pd.DataFrame(book.described, columns=["Sheet", "What it holds"])
    ws = book.sheet("Read me", [("About this workbook", about, ()),
                                ("Sheets", sheets, ())],
                    widths={"Value": 90.0, "What it holds": 90.0, "Item": 22.0, "Sheet": 24.0})
    book.described.pop()  # the sheet described itself already
    book.wb.move_sheet(ws, offset=-(len(book.wb.sheetnames) - 1))
    book.wb.active = 0
