"""The report workbook (openpyxl): one sheet per part of the report, ready to filter and read.

Sheets: Summary, Themes, Quotes, Quote bank, Closed questions, Emergent themes (when topics
exist), Codebook, Method and disclosure notes. Header rows are frozen and filtered; long text
wraps. Text a spreadsheet would run as a formula gets a leading apostrophe (privacy rule 8), and
every text cell is written with the string type, so no cell is ever a formula.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from analysis.report.cells import escape_formula, plain
from analysis.report.data import MACHINE_NOTE, ReportSection
from analysis.report.tables import PublishedTable, ReportTables
from survey.atomic import atomic_path

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")
WRAP = Alignment(wrap_text=True, vertical="top")
NOTE_FONT = Font(italic=True, color="555555")
SHEETS = ("Summary", "Themes", "Theme finder", "Quotes", "Quote bank", "Closed questions",
          "Emergent themes", "Codebook", "Method and disclosure notes")
_BAD_SHEET_CHARS = str.maketrans({c: " " for c in "[]:*?/\\"})


def _set(ws: Worksheet, row: int, col: int, value: object) -> None:
    v = plain(value)
    cell = ws.cell(row=row, column=col)
    if isinstance(v, str):
        cell.value = escape_formula(v)
        cell.data_type = "s"  # never a formula, whatever the text
    else:
        cell.value = v


def _write_rows(ws: Worksheet, start: int, header: Sequence[str],
                rows: Iterable[Sequence[object]]) -> int:
    """Write a header and rows from ``start``; return the next free row."""
    for j, h in enumerate(header, start=1):
        _set(ws, start, j, str(h))
        ws.cell(row=start, column=j).font = HEADER_FONT
        ws.cell(row=start, column=j).fill = HEADER_FILL
    r = start
    for r, row in enumerate(rows, start=start + 1):
        for j, v in enumerate(row, start=1):
            _set(ws, r, j, v)
            ws.cell(row=r, column=j).alignment = WRAP
    return r + 1


def _finish(ws: Worksheet, n_cols: int, *, header_row: int = 1, filter_to: int | None = None,
            widths: dict[int, float] | None = None) -> None:
    """Freeze the header, add an auto filter and set column widths."""
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    last = filter_to or ws.max_row
    if n_cols:
        ws.auto_filter.ref = f"A{header_row}:{get_column_letter(n_cols)}{max(last, header_row)}"
    for j in range(1, n_cols + 1):
        longest = max((len(str(c.value)) for c in ws[get_column_letter(j)] if c.value is not None),
                      default=8)
        ws.column_dimensions[get_column_letter(j)].width = (widths or {}).get(
            j, float(min(max(10, longest + 2), 60)))


def _frame_sheet(wb: Workbook, title: str, df: pd.DataFrame, *,
                 widths: dict[int, float] | None = None,
                 notes: Sequence[str] = ()) -> Worksheet:
    ws = wb.create_sheet(title)
    end = _write_rows(ws, 1, [str(c) for c in df.columns],
                      (list(r) for r in df.itertuples(index=False)))
    _finish(ws, len(df.columns), filter_to=end - 1, widths=widths)
    for k, note in enumerate(notes):
        _set(ws, end + 1 + k, 1, note)
        ws.cell(row=end + 1 + k, column=1).font = NOTE_FONT
    return ws


def _stacked_sheet(wb: Workbook, title: str, parts: Sequence[PublishedTable]) -> Worksheet:
    """Several tables one under another; the first header row is frozen."""
    ws = wb.create_sheet(title)
    row, first_header, max_cols = 1, None, 1
    for t in parts:
        _set(ws, row, 1, t.title)
        ws.cell(row=row, column=1).font = Font(bold=True, size=12)
        header = row + 1
        first_header = first_header or header
        end = _write_rows(ws, header, [str(c) for c in t.table.columns],
                          (list(r) for r in t.table.itertuples(index=False)))
        for k, note in enumerate(t.notes):
            _set(ws, end + k, 1, note)
            ws.cell(row=end + k, column=1).font = NOTE_FONT
        row = end + len(t.notes) + 2
        max_cols = max(max_cols, len(t.table.columns))
    header_row = first_header or 1
    first_len = len(parts[0].table) + header_row if parts else header_row
    _finish(ws, len(parts[0].table.columns) if parts else 1, header_row=header_row,
            filter_to=first_len)
    for j in range(1, max_cols + 1):
        ws.column_dimensions[get_column_letter(j)].width = 30.0 if j == 1 else 14.0
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


def _section_sheet(wb: Workbook, section: ReportSection) -> Worksheet:
    """An extra report section: title, intro, then each table with its caption; notes last."""
    ws = wb.create_sheet(sheet_title(section.key, wb.sheetnames))
    _set(ws, 1, 1, section.title)
    ws.cell(row=1, column=1).font = Font(bold=True, size=13)
    row = 2
    if section.intro:
        _set(ws, row, 1, section.intro)
        ws.cell(row=row, column=1).alignment = Alignment(wrap_text=False, vertical="top")
        row += 1
    row += 1
    first_header, first_cols, first_end, max_cols = None, 1, None, 1
    for caption, df in section.tables:
        _set(ws, row, 1, caption)
        ws.cell(row=row, column=1).font = Font(bold=True, size=12)
        header = row + 1
        end = _write_rows(ws, header, [str(c) for c in df.columns],
                          (list(r) for r in df.itertuples(index=False)))
        if first_header is None:
            first_header, first_cols, first_end = header, len(df.columns), end - 1
        max_cols = max(max_cols, len(df.columns))
        row = end + 1
    for note in section.notes:
        _set(ws, row, 1, note)
        ws.cell(row=row, column=1).font = NOTE_FONT
        row += 1
    if first_header is not None:
        _finish(ws, first_cols, header_row=first_header, filter_to=first_end)
    for j in range(1, max_cols + 1):
        ws.column_dimensions[get_column_letter(j)].width = 32.0 if j == 1 else 16.0
    return ws


def write_workbook(tables: ReportTables, path: str | Path) -> Path:
    """Write the report workbook atomically.

    Args:
        tables: The published tables, quotes and notes.
        path: Destination ``.xlsx``.

    Returns:
        ``path``.
    """
    wb = Workbook()
    ws = wb.active
    ws.title = "Summary"
    rows: list[list[object]] = [["Report", tables.project_name]]
    if tables.machine_suggested:
        rows.append(["Coding status", f"Themes, charts and quotes use {MACHINE_NOTE}."])
    rows += [["Quotes selected", len(tables.quotes)],
             ["Codes", len(tables.codebook)],
             ["Disclosure threshold", f"counts below {tables.min_count} shown as "
                                      f"\"<{tables.min_count}\""]]
    end = _write_rows(ws, 1, ["Item", "Value"], rows)
    _finish(ws, 2, filter_to=end - 1, widths={1: 24.0, 2: 80.0})
    r = end + 1
    _set(ws, r, 1, tables.respondents.title)
    ws.cell(row=r, column=1).font = Font(bold=True)
    end = _write_rows(ws, r + 1, list(tables.respondents.table.columns),
                      (list(x) for x in tables.respondents.table.itertuples(index=False)))
    for k, note in enumerate(tables.respondents.notes):
        _set(ws, end + k, 1, note)
        ws.cell(row=end + k, column=1).font = NOTE_FONT

    _frame_sheet(wb, "Themes", tables.themes.table,
                 notes=[tables.themes.title, *tables.themes.notes], widths={2: 28.0, 3: 28.0})
    if tables.theme_finder is not None:
        n = len(tables.theme_finder.columns)
        _frame_sheet(wb, "Theme finder", tables.theme_finder,
                     notes=["For each theme and code: respondents per cohort (as on the Themes "
                            "sheet), what was suppressed on that row and why, and its selected "
                            "quotes with their attribution.", *tables.themes.notes],
                     widths={2: 28.0, 3: 28.0, n - 3: 50.0, n - 2: 60.0, n - 1: 60.0, n: 60.0})
    qcols = ["quote_id", "theme", "code_label", "cohort", "text", "rank", "code_id"]
    qnotes = [f"Quotes use {MACHINE_NOTE}."] if tables.machine_suggested else []
    _frame_sheet(wb, "Quotes", tables.quotes[qcols], widths={5: 90.0}, notes=qnotes)
    _frame_sheet(wb, "Quote bank", tables.quote_bank, widths={12: 90.0, 11: 40.0},
                 notes=["Every candidate quote with its rank by closeness to the code's centre "
                        "and why it was not chosen. Flagged segments are listed without text."])
    _stacked_sheet(wb, "Closed questions", tables.closed)
    if tables.topics is not None:
        cols = list(tables.topics.table.columns)
        widths = {j: w for j, c in enumerate(cols, start=1) for name, w in
                  (("Top words", 40.0), ("Representative answers (anonymised)", 90.0),
                   ("Status", 36.0)) if c == name}
        _frame_sheet(wb, "Emergent themes", tables.topics.table, notes=tables.topics.notes,
                     widths=widths)
    _frame_sheet(wb, "Codebook", tables.codebook, widths={4: 60.0})
    for section in tables.extra_sections:
        _section_sheet(wb, section)
    _frame_sheet(wb, "Method and disclosure notes",
                 pd.DataFrame({"Note": list(tables.method_notes)}), widths={1: 120.0})
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return Path(path)
