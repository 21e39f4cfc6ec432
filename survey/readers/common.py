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
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from charset_normalizer import from_bytes

from survey.errors import InputFileError

CSV_SUFFIXES = (".csv", ".tsv", ".txt")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
TICK_TOKENS = frozenset({"1", "yes", "y", "x", "true", "selected", "ticked", "checked"})

_WS = re.compile(r"\s+")
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
        rows: Records as lists of cell values (``str`` for CSV; ``str``, numbers, datetimes or
            ``None`` for XLSX), padded to the same width.
        row_numbers: The 1-based row (record) number of each record, as a spreadsheet shows it.
    """

    path: Path
    rows: list[list[Any]]
    row_numbers: list[int]


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


def decode_bytes(data: bytes, path: Path) -> str:
    """Decode a text file: BOM sniffing, then strict UTF-8, then charset-normalizer (cp1252...).

    Raises:
        InputFileError: The bytes fit no supported encoding.
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    if data[1::2].count(0) > len(data) // 4:  # UTF-16 without BOM, ASCII-heavy
        return data.decode("utf-16-le", errors="replace")
    if data[0::2].count(0) > len(data) // 4:
        return data.decode("utf-16-be", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data, cp_isolation=["cp1252", "latin_1", "utf_16"]).best()
    if best is None:
        raise InputFileError(path, "could not decode the file as UTF-8, UTF-16 or cp1252; "
                             "save it as UTF-8 CSV")
    return str(best)


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
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def _pad(rows: list[list[Any]], numbers: list[int], path: Path) -> Grid:
    while rows and not any(cell_text(c) for c in rows[-1]):
        rows.pop()
        numbers.pop()
    if not rows:
        raise InputFileError(path, "the file is empty (no header row)")
    width = max(len(r) for r in rows)
    while width and not any(cell_text(r[width - 1]) for r in rows if len(r) >= width):
        width -= 1  # trailing empty columns (a trailing comma on every line)
    rows = [(list(r) + [None] * width)[:width] for r in rows]
    return Grid(path=path, rows=rows, row_numbers=numbers)


def load_csv(path: Path) -> Grid:
    """Load a CSV/TSV file: encoding sniffing, quoted cells with embedded newlines and ``""``.

    Raises:
        InputFileError: Missing, unreadable, undecodable, malformed or empty file.
    """
    text = decode_bytes(read_bytes(path), path)
    if not text.strip():
        raise InputFileError(path, "the file is empty (no header row)")
    reader = csv.reader(io.StringIO(text, newline=""),
                        delimiter=_delimiter(text.split("\n", 1)[0], path))
    rows: list[list[Any]] = []
    numbers: list[int] = []
    try:
        for record in reader:
            rows.append([c.strip() for c in record])
            numbers.append(len(rows))
    except csv.Error:
        raise InputFileError(path, "malformed CSV (an unclosed quote or a stray NUL byte)",
                             row=len(rows) + 1) from None
    return _pad(rows, numbers, path)


def load_xlsx(path: Path, *, sheet: str | None = None) -> Grid:
    """Load one sheet of an XLSX workbook (read-only, cached values): ``sheet``, else the first
    sheet with data.

    Raises:
        InputFileError: Missing, corrupt or empty workbook, or an unknown sheet name.
    """
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    read_bytes(path)  # existence and permission checks with the same messages as CSV
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise InputFileError(path, "not a readable .xlsx workbook (corrupt, or another format "
                             "renamed to .xlsx)") from None
    try:
        if sheet is not None:
            if sheet not in wb.sheetnames:
                raise InputFileError(path, f"no sheet named {sheet!r}; sheets: "
                                     f"{', '.join(wb.sheetnames)}")
            candidates = [wb[sheet]]
        else:
            candidates = list(wb.worksheets)
        for ws in candidates:
            rows: list[list[Any]] = []
            numbers: list[int] = []
            for i, values in enumerate(ws.iter_rows(values_only=True), start=1):
                rows.append([v.strip() if isinstance(v, str) else v for v in values])
                numbers.append(i)
            if any(cell_text(c) for r in rows for c in r):
                return _pad(rows, numbers, path)
    finally:
        wb.close()
    raise InputFileError(path, "the workbook has no sheet with data")


def load_grid(path: Path, *, sheet: str | None = None) -> Grid:
    """Load a tabular export by its suffix (``.xlsx``/``.xlsm`` or CSV/TSV).

    Raises:
        InputFileError: As :func:`load_csv` / :func:`load_xlsx`.
    """
    if path.suffix.lower() in XLSX_SUFFIXES:
        return load_xlsx(path, sheet=sheet)
    return load_csv(path)
