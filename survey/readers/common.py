"""Shared helpers for the tabular readers: loading CSV/XLSX grids, header and cell normalisation,
identifying-column detection.

Everything here reads only; files are opened read-only and never modified. Error messages name
the file, row and column, never a cell's content.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from survey.config import ArchiveLimits
from survey.errors import InputFileError
from survey.readers.encoding import STRAY_BYTE, decode_text, repair_stray_bytes
from survey.readers.xlsx_stream import SHARED_MAX

CSV_SUFFIXES = (".csv", ".tsv", ".txt")
XLSX_SUFFIXES = (".xlsx",)
REFUSED_SUFFIXES = {
    ".xls": "a legacy Excel 97-2003 (.xls) workbook is not read; open it in Excel and save it "
            "as .xlsx or CSV",
    ".xlsm": "a macro-enabled workbook (.xlsm) is not read (macros are never run); save it as "
             ".xlsx or CSV",
    ".xlsb": "a binary Excel workbook (.xlsb) is not read; save it as .xlsx or CSV",
    ".ods": "an OpenDocument spreadsheet (.ods) is not read; save it as .xlsx or CSV",
}
MAX_COLUMNS = 16_384  # Excel's column limit (XFD): no survey export is wider
MAX_CELL_CHARS = 32_767  # Excel's cell limit: a bigger cell is a broken quote or not an export
_CSV_FIELD_LIMIT = 1 << 26  # let csv read oversized cells so they can be reported by position
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
TICK_TOKENS = frozenset({"1", "yes", "y", "x", "true", "selected", "ticked", "checked"})

_WS = re.compile(r"\s+")
_QUOTED = re.compile(r'"(?:[^"]|"")*"')
_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)
_OTHER = re.compile(r"^other\b.*\b(specify|state|describe|tell|say|write|detail)", re.IGNORECASE)

# Identifying metadata headers, matched in full against the normalised header (see
# :func:`normalise_header`), after a leading "your"/"respondent"/"contact" is removed.
_IDENTIFYING = [re.compile(p) for p in (
    r"ip( ?address)?",
    r"e ?mail( ?address)?",
    r"(first|last|full|given|family|middle|fore|sur|preferred) ?names?",
    r"names?",
    r"(user|contact|respondent) ?(name|e ?mail|email address|agent|ip)",
    r"custom ?(data|variables?|fields?)( \d+)?",
    r"embedded ?data.*",
    r"(phone|telephone|mobile|cell)( ?(phone|number|no))?",
    r"((home|postal|street|email) )?address( ?line)?( \d+)?",
    r"post ?code|postal ?code|zip( ?(postal)?( ?code)?)?",
    r"(location ?)?(latitude|longitude|accuracy)|lat|lon|lng|geo ?location|geo ?point|gps.*",
    r"_?\w+ (latitude|longitude|altitude|precision)",
    r"recipient.*",
    r"external ?(data )?reference",
    r"_?submitted ?by",
    r"device ?id|phone ?number|sim ?serial|subscriber ?id",
    r"city( ?town)?|town|street|house ?(number|name)",
    r"contact( details| info(rmation)?| number)?",
    r"date of birth|dob|birth ?date",
    r"tracking ?link|url ?variables?|referr?er|url",
)]
_LEADING_OWNER = re.compile(r"^(your|respondents?|contact|the) ")


@dataclass
class Grid:
    """The cells of one sheet or CSV file, as read.

    Attributes:
        path: The file.
        rows: Records as lists of cell values (stripped ``str`` for CSV; stripped ``str``,
            numbers, booleans or datetimes for XLSX, ``""`` for a blank cell), padded with
            ``None`` to the same width.
        row_numbers: The 1-based row (record) number of each record, as a spreadsheet shows it.
        widths: Each record's width as read, up to its last non-blank cell (``None`` when not
            known); lets :func:`check_ragged` find data rows wider than the header.
        warnings: Things the loader noticed (the file's encoding, repaired cells), by row and
            column, never by content; the reader passes them on.
    """

    path: Path
    rows: list[list[Any]]
    row_numbers: list[int]
    widths: list[int] | None = None
    warnings: list[str] = field(default_factory=list)


def column_letter(index: int) -> str:
    """Spreadsheet column letter for a 0-based index (0 -> ``A``, 26 -> ``AA``)."""
    letters = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def cell_text(value: Any) -> str:
    """A cell value as stripped text; ``""`` for blank cells. Whole floats lose their ``.0``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value).strip()


def is_number(value: Any) -> bool:
    """Whether a cell holds a number (a numeric value, or text that parses as one)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return True
    try:
        float(cell_text(value))
    except ValueError:
        return False
    return True


def normalise_header(text: str) -> str:
    """Case-fold, turn punctuation into spaces and collapse whitespace."""
    text = str(text).casefold().replace("\u2019", "'").replace("'", "").replace("_", " ")
    text = _PUNCT.sub(" ", text)
    return _WS.sub(" ", text).strip()


def normalise_label(text: str) -> str:
    """Case-fold and collapse whitespace (punctuation is kept: labels like ``1-2`` differ)."""
    return _WS.sub(" ", str(text).casefold()).strip()


def is_identifying(header: str) -> bool:
    """True when a header names direct identifier metadata (IP, email, name, phone, address...).

    The whole normalised header must match, so a question such as "Name of the service you
    used" is not caught, while ``Email Address`` or ``Custom Data 1`` is.
    """
    norm = normalise_header(header)
    if not norm:
        return False
    candidates = {norm, _LEADING_OWNER.sub("", norm)}
    return any(p.fullmatch(c) for p in _IDENTIFYING for c in candidates)


def is_other_option(label: str) -> bool:
    """True for an "Other (please specify)"-style option whose column holds typed text."""
    return bool(_OTHER.match(str(label).strip()))


def read_bytes(path: Path) -> bytes:
    """Read a file's bytes (read-only), turning OS errors into :class:`InputFileError`."""
    if not path.exists():
        raise InputFileError(path, "file not found")
    if path.is_dir():
        raise InputFileError(path, "expected a file, found a folder")
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError as exc:
        raise InputFileError(path, f"could not read the file ({exc.strerror})") from None


def _delimiter(first_line: str, path: Path) -> str:
    if path.suffix.lower() == ".tsv":
        return "\t"
    unquoted = _QUOTED.sub("", first_line)  # Kobo quotes every field; labels hold commas
    counts = {d: unquoted.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def _filled_width(row: list[Any]) -> int:
    width = len(row)
    while width and not cell_text(row[width - 1]):
        width -= 1
    return width


def _pad(rows: list[list[Any]], numbers: list[int], path: Path) -> Grid:
    while rows and not any(cell_text(c) for c in rows[-1]):
        rows.pop()
        numbers.pop()
    if not rows:
        raise InputFileError(path, "the file is empty (no header row)")
    widths = [_filled_width(r) for r in rows]
    width = max(widths)
    if width > MAX_COLUMNS:
        raise InputFileError(path, f"{width:,} columns, more than a spreadsheet can hold "
                             f"({MAX_COLUMNS:,}); this is not a survey export",
                             row=numbers[widths.index(width)])
    for i, r in enumerate(rows):
        if len(r) != width:
            rows[i] = (list(r) + [None] * width)[:width]
    return Grid(path=path, rows=rows, row_numbers=numbers, widths=widths)


def check_ragged(grid: Grid, data_start: int) -> None:
    """Raise when a data row has filled cells beyond the header's last column (an unquoted
    delimiter inside a cell shifts every later answer: never guess).

    Args:
        grid: The loaded grid.
        data_start: Index of the first data record; the rows above are the header.

    Raises:
        InputFileError: Naming the row and the first column past the header.
    """
    if grid.widths is None or data_start <= 0:
        return
    header = max(grid.widths[:data_start])
    for r in range(data_start, len(grid.rows)):
        if grid.widths[r] > header:
            raise InputFileError(grid.path, f"this row has more cells than the header "
                                 f"({grid.widths[r]} against {header}); an unquoted comma or "
                                 "delimiter inside an answer? Re-export the file",
                                 row=grid.row_numbers[r], column=column_letter(header))


def _check_cells(rows: list[list[Any]], numbers: list[int], path: Path) -> None:
    for i, row in enumerate(rows):
        for j, cell in enumerate(row):
            if isinstance(cell, str) and len(cell) > MAX_CELL_CHARS:
                raise InputFileError(path, f"a cell longer than {MAX_CELL_CHARS:,} characters "
                                     "(more than a spreadsheet cell holds): an unclosed quote or "
                                     "a file that is not a survey export", row=numbers[i],
                                     column=column_letter(j))


def load_csv(path: Path, *, max_rows: int | None = None) -> Grid:
    """Load a CSV/TSV file: encoding sniffing, quoted cells with embedded newlines and ``""``.

    Args:
        path: The file.
        max_rows: Parse only this many records (enough for :func:`detect` to see the header).

    Raises:
        InputFileError: Missing, unreadable, undecodable, malformed or empty file.
    """
    data = read_bytes(path)
    decoded = decode_text(data, path)
    text = decoded.text
    if not text.strip():
        raise InputFileError(path, "the file is empty (no header row)")
    if text.lstrip()[:1] == "<":
        _refuse_markup(path)
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise InputFileError(path, f"a NUL byte on line {line}: a binary file, not a CSV export")
    delimiter = _delimiter(text.split("\n", 1)[0], path)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True, delimiter=delimiter)
    rows: list[list[Any]] = []
    numbers: list[int] = []
    old_limit = csv.field_size_limit(_CSV_FIELD_LIMIT)
    try:
        for record in reader:
            if len(record) > MAX_COLUMNS:
                raise InputFileError(path, f"{len(record):,} columns, more than a spreadsheet "
                                     f"can hold ({MAX_COLUMNS:,}); this is not a survey export",
                                     row=len(rows) + 1)
            rows.append([c.strip() for c in record])
            numbers.append(len(rows))
            if max_rows is not None and len(rows) >= max_rows:
                break
    except csv.Error:
        row, column = _malformed_cell(text, delimiter)
        raise InputFileError(path, "malformed CSV: a quoted cell that is never closed, or text "
                             "straight after a closing quote; re-export the file",
                             row=row or len(rows) + 1,
                             column=None if column is None else column_letter(column)) from None
    finally:
        csv.field_size_limit(old_limit)
    del text
    _check_cells(rows, numbers, path)
    grid = _pad(rows, numbers, path)
    if decoded.note:
        grid.warnings.append(decoded.note)
    if decoded.stray_bytes:
        grid.warnings.append(_repair_cells(grid))
    return grid


def _malformed_cell(text: str, delimiter: str) -> tuple[int | None, int | None]:
    """Where the csv module's strict reader fails, as (1-based record, 0-based column): the
    cell whose quote is never closed, or the cell with text straight after its closing quote.
    (None, None) when the scan finds nothing (the caller then names the record only)."""
    record, column, start_record, start_column = 1, 0, None, None
    in_quotes = after_quote = False
    at_start = True
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if in_quotes:
            if c == '"':
                if i + 1 < n and text[i + 1] == '"':
                    i += 2
                    continue
                in_quotes, after_quote = False, True
            i += 1
            continue
        if c == delimiter:
            column, at_start, after_quote = column + 1, True, False
        elif c in "\r\n":
            if c == "\r" and i + 1 < n and text[i + 1] == "\n":
                i += 1
            record, column, at_start, after_quote = record + 1, 0, True, False
        elif after_quote:
            return record, column  # text straight after a closing quote
        elif c == '"' and at_start:
            in_quotes, at_start = True, False
            start_record, start_column = record, column
        else:
            at_start = False
        i += 1
    if in_quotes:
        return start_record, start_column  # the quote this cell opened never closes
    return None, None


def _repair_cells(grid: Grid) -> str:
    """Repair the stray bytes of a mostly-UTF-8 file in their cells; a warning naming them by
    row and column (never their content)."""
    where: list[str] = []
    n_bytes = 0
    for i, row in enumerate(grid.rows):
        for j, cell in enumerate(row):
            if isinstance(cell, str) and not cell.isascii() and STRAY_BYTE.search(cell):
                n_bytes += len(STRAY_BYTE.findall(cell))
                row[j] = repair_stray_bytes(cell)
                where.append(f"row {grid.row_numbers[i]} column {column_letter(j)}")
    shown = "; ".join(where[:10]) + (f"; and {len(where) - 10} more cell(s)"
                                     if len(where) > 10 else "")
    return (f"the file is UTF-8 but {n_bytes} byte(s) in {len(where)} cell(s) are not (a "
            f"character pasted from another encoding): read as Windows-1252 in those cells "
            f"only ({shown}); check them")


def load_xlsx(path: Path, *, sheet: str | None = None, max_rows: int | None = None,
              limits: ArchiveLimits | None = None) -> Grid:
    """Load one sheet of an XLSX workbook: ``sheet``, else the first sheet with data.

    The zip is first checked against ``limits`` (:func:`~survey.readers.archive.check_archive`:
    declared sizes, ratios, and the real inflated size of every member), so a zip bomb is
    refused before anything parses it. Read with python-calamine (a Rust reader, about 6 times
    faster than openpyxl's read-only mode here; repeated short strings share one object); a
    workbook unpacking to more than ``limits.stream_above_mb`` is streamed row by row instead
    (:mod:`survey.readers.xlsx_stream`), so memory stays close to the cells' own size. Cells
    hold their cached values only; formulas are never evaluated,
    and one without a cached value reads as blank. Merged cells hold their value in the
    top-left cell only.

    Args:
        path: The workbook.
        sheet: The sheet's name (default: the first sheet with data).
        max_rows: Read only this many rows (enough for :func:`detect` to see the header).
        limits: The project's archive limits (default :class:`~survey.config.ArchiveLimits`).

    Raises:
        InputFileError: Missing, corrupt, encrypted or empty workbook, one over the archive
            limits (naming the member), an unknown sheet name, or a sheet wider than a
            spreadsheet can be.
    """
    import python_calamine as calamine

    from survey.readers.archive import check_archive
    from survey.readers.xlsx_stream import stream_sheet

    _check_workbook_bytes(path)
    limits = limits or ArchiveLimits()
    unpacked = check_archive(path, limits=limits, kind="workbook")
    if unpacked > limits.stream_above_mb * (1 << 20):
        rows = stream_sheet(path, sheet=sheet, max_rows=max_rows, max_columns=MAX_COLUMNS)
        if rows is None:
            raise InputFileError(path, "the workbook has no sheet with data")
        numbers = list(range(1, len(rows) + 1))
        _check_cells(rows, numbers, path)
        return _pad(rows, numbers, path)
    try:
        wb = calamine.CalamineWorkbook.from_path(str(path))
    except calamine.PasswordError:
        raise InputFileError(path, "a password-protected (encrypted) workbook; remove the "
                             "password in Excel and save it again") from None
    except (calamine.CalamineError, OSError, ValueError):
        raise InputFileError(path, "not a readable .xlsx workbook (corrupt, or another format "
                             "renamed to .xlsx)") from None
    with wb:
        names = list(wb.sheet_names)
        if sheet is not None and sheet not in names:
            raise InputFileError(path, f"no sheet named {sheet!r}; sheets: {', '.join(names)}")
        for name in [sheet] if sheet is not None else names:
            try:
                ws = wb.get_sheet_by_name(name)
                if ws.end is not None and ws.end[1] + 1 > MAX_COLUMNS:
                    raise InputFileError(path, f"{ws.end[1] + 1:,} columns, more than a "
                                         f"spreadsheet can hold ({MAX_COLUMNS:,}); this is not a "
                                         "survey export")
                rows = _sheet_rows(ws, max_rows)
            except calamine.CalamineError:
                raise InputFileError(path, f"sheet {name!r} could not be read (corrupt "
                                     "workbook)") from None
            if any(cell_text(c) for r in rows for c in r):
                numbers = list(range(1, len(rows) + 1))
                _check_cells(rows, numbers, path)
                return _pad(rows, numbers, path)
    raise InputFileError(path, "the workbook has no sheet with data")


def _sheet_rows(ws: Any, max_rows: int | None) -> list[list[Any]]:  # noqa: ANN401 (calamine)
    """A calamine sheet's rows, one row at a time, strings stripped and short ones shared."""
    shared: dict[str, str] = {}
    rows: list[list[Any]] = []
    for raw in ws.iter_rows():
        row = []
        for v in raw:
            if isinstance(v, str):
                v = v.strip()
                if len(v) <= SHARED_MAX:
                    v = shared.setdefault(v, v)
            row.append(v)
        rows.append(row)
        if max_rows is not None and len(rows) >= max_rows:
            break
    return rows


_HTML = re.compile(rb"<(!doctype\s+html|html|head|body|table|meta)\b")
_SPREADSHEET_XML = re.compile(rb"<(ss:)?workbook\b")
HTML_AS_SPREADSHEET = ("an HTML web page saved with a spreadsheet name (SurveyMonkey's legacy "
                       "\"Excel\" download, or a page saved from a browser), not a spreadsheet; "
                       "export the responses again as CSV or XLSX (SurveyMonkey: Analyze "
                       "Results > Save as > Export file > All responses data, CSV or XLS+ "
                       "format) and point the source at that file")


def _refuse_markup(path: Path) -> None:
    """Refuse a web page or an Excel 2003 XML file that carries a spreadsheet suffix (or a CSV
    one), saying what it really is and what to export instead."""
    with open(path, "rb") as fh:
        head = fh.read(4096)
    for bom in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        if head.startswith(bom):
            head = head[len(bom):]
            if bom != codecs.BOM_UTF8:
                codec = "utf-16-le" if bom == codecs.BOM_UTF16_LE else "utf-16-be"
                head = head.decode(codec, errors="ignore").encode("ascii", errors="ignore")
    head = head.lstrip().lower()
    while head.startswith((b"<!--", b"<?")):  # comments, XML declaration, processing steps
        close = b"-->" if head.startswith(b"<!--") else b"?>"
        end = head.find(close)
        if end < 0:
            return
        head = head[end + len(close):].lstrip()
    if _HTML.match(head):
        raise InputFileError(path, HTML_AS_SPREADSHEET)
    if _SPREADSHEET_XML.match(head):
        raise InputFileError(path, "an Excel 2003 XML spreadsheet (SpreadsheetML), not a "
                             "workbook this toolkit reads; open it in Excel and save it as "
                             ".xlsx or CSV, or export the responses again as CSV or XLSX")


def _check_workbook_bytes(path: Path) -> None:
    """Refuse encrypted (password-protected) and legacy binary workbooks, and web pages named
    ``.xlsx``, with a clear message."""
    read_bytes(path)  # existence and permission checks with the same messages as CSV
    _refuse_markup(path)
    with open(path, "rb") as fh:
        head = fh.read(1 << 16)
    if head.startswith(_OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in head:
            raise InputFileError(path, "a password-protected (encrypted) workbook; remove the "
                                 "password in Excel (File > Info > Protect Workbook) and save "
                                 "it again")
        raise InputFileError(path, "a legacy Excel 97-2003 workbook (renamed to .xlsx?); open "
                             "it in Excel and save it as .xlsx or CSV")


def load_grid(path: Path, *, sheet: str | None = None, max_rows: int | None = None,
              limits: ArchiveLimits | None = None) -> Grid:
    """Load a tabular export by its suffix (``.xlsx`` or CSV/TSV).

    ``.xls``, ``.xlsm``, ``.xlsb`` and ``.ods`` are refused with a message saying how to save
    the file instead; cells hold cached values only (formulas are never evaluated).

    Raises:
        InputFileError: As :func:`load_csv` / :func:`load_xlsx`, or a refused format.
    """
    if (refused := REFUSED_SUFFIXES.get(path.suffix.lower())) is not None:
        read_bytes(path)
        _refuse_markup(path)
        raise InputFileError(path, refused)
    if path.suffix.lower() in XLSX_SUFFIXES:
        return load_xlsx(path, sheet=sheet, max_rows=max_rows, limits=limits)
    return load_csv(path, max_rows=max_rows)


def check_header_cells(grid: Grid, required: dict[str, tuple[str, ...]], *, platform: str,
                       row: int = 0) -> None:
    """Raise unless header row ``row`` holds one of each group of expected headers.

    Args:
        grid: The loaded grid.
        required: ``what -> accepted header spellings`` (normalised comparison).
        platform: Platform name for the message.
        row: Index of the header row in ``grid.rows``.

    Raises:
        InputFileError: Naming the file, the header row and what was looked for.
    """
    present = {normalise_header(cell_text(c)) for c in grid.rows[row]}
    for what, spellings in required.items():
        if not present & {normalise_header(s) for s in spellings}:
            raise InputFileError(grid.path, f"header does not look like a {platform} export: no "
                                 f"{what} column (looked for {', '.join(spellings)}); set "
                                 "platform in project.yaml if this is another layout",
                                 row=grid.row_numbers[row])
