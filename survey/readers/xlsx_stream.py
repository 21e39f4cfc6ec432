"""Streaming a big workbook's sheet with openpyxl's read-only mode (memory follows the cells).

python-calamine (the default, about 6 times faster) holds the whole sheet in Rust memory while
the grid is built, and copies every shared string into each cell: about 2.7 times the grid's
own size at peak. Above ``limits.stream_above_mb`` unpacked, the sheet is parsed here instead,
one row at a time: shared strings are kept once and every cell that uses one refers to the same
string object, so peak memory stays close to the grid itself (measured in
``benchmarks/bench_ingest.py``). openpyxl parses with defusedxml (no entity expansion, no
external entities).

Values are normalised to what calamine gives (``""`` for a blank, floats for numbers), so both
paths build the same grid; one difference remains: a date-time at midnight reads as a date.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from survey.errors import InputFileError

SHARED_MAX = 64  # strings up to this length are shared between cells (closed answers)


def _value(v: Any, shared: dict[str, str]) -> Any:  # noqa: ANN401 (a cell value)
    if v is None:
        return ""
    if isinstance(v, str):
        v = v.strip()
        return shared.setdefault(v, v) if len(v) <= SHARED_MAX else v
    if isinstance(v, int) and not isinstance(v, bool):
        return float(v)
    if isinstance(v, dt.datetime) and v.time() == dt.time(0):
        return v.date()
    return v


def stream_sheet(path: Path, *, sheet: str | None, max_rows: int | None,
                 max_columns: int) -> list[list[Any]] | None:
    """The rows of ``sheet`` (default: the first sheet with data), read one at a time.

    Returns:
        The rows (strings stripped, blanks ``""``), or ``None`` when no sheet has data.

    Raises:
        InputFileError: Not a readable workbook, an unknown sheet name, a corrupt sheet, or a
            row wider than ``max_columns``.
    """
    import openpyxl
    from defusedxml import DefusedXmlException
    from openpyxl.utils.exceptions import InvalidFileException

    broken = (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError,
              ParseError, DefusedXmlException)
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except broken:
        raise InputFileError(path, "not a readable .xlsx workbook (corrupt, or another format "
                             "renamed to .xlsx)") from None
    try:
        names = list(wb.sheetnames)
        if sheet is not None and sheet not in names:
            raise InputFileError(path, f"no sheet named {sheet!r}; sheets: {', '.join(names)}")
        for name in [sheet] if sheet is not None else names:
            ws = wb[name]
            if not hasattr(ws, "reset_dimensions"):
                continue  # a chart sheet
            ws.reset_dimensions()  # a wrong <dimension> must not cut columns off
            try:
                rows = _rows(ws, path, max_rows, max_columns)
            except broken:
                raise InputFileError(path, f"sheet {name!r} could not be read (corrupt "
                                     "workbook)") from None
            if any(c != "" for r in rows for c in r):
                return rows
    finally:
        wb.close()
    return None


def _rows(ws: Any, path: Path, max_rows: int | None,  # noqa: ANN401 (openpyxl sheet)
          max_columns: int) -> list[list[Any]]:
    shared: dict[str, str] = {}
    rows: list[list[Any]] = []
    for raw in ws.iter_rows(values_only=True):
        if len(raw) > max_columns:
            raise InputFileError(path, f"{len(raw):,} columns, more than a spreadsheet can "
                                 f"hold ({max_columns:,}); this is not a survey export",
                                 row=len(rows) + 1)
        rows.append([_value(v, shared) for v in raw])
        if max_rows is not None and len(rows) >= max_rows:
            break
    width = max((len(r) for r in rows), default=0)
    for r in rows:  # a rectangle of "" like calamine's, not rows of their own lengths
        r.extend([""] * (width - len(r)))
    return rows
