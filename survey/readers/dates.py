"""Dates in exports, reduced to month precision (``YYYY-MM``).

Numeric dates such as ``03/04/2024`` are ambiguous: the order comes from the source's
``date_order`` (``dayfirst``/``monthfirst``), else it is inferred from the whole column only when
the column settles it (a first field over 12 means day-first, a second over 12 month-first);
otherwise the reader refuses to guess.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from survey.errors import InputFileError
from survey.readers.common import cell_text

_ISO = re.compile(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?:[T ].*)?$")
_YMD = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?:[T ,].*)?$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:[T ,].*)?$")
_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_NAMED = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b.*?(\d{4})",
                    re.IGNORECASE)
_EXPECTED = ("expected a date such as 2024-03-31, 31/03/2024, 03/31/2024 or 31 March 2024")
DATE_ORDERS = ("dayfirst", "monthfirst")


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def _month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def looks_like_date(value: Any) -> bool:
    """True when a cell holds a date or a string in one of the supported date formats."""
    if isinstance(value, dt.date):
        return True
    text = cell_text(value)
    return bool(text) and any(p.match(text) for p in (_ISO, _YMD, _NUMERIC)) or bool(
        text and _NAMED.search(text) and len(text) <= 40 and any(ch.isdigit() for ch in text))


def to_months(values: Sequence[Any], *, path: Path, column: str, rows: Sequence[int],
              date_order: str | None = None) -> list[str | None]:
    """Convert a column of dates to ``YYYY-MM`` strings (``None`` for blank cells).

    Args:
        values: The cells, in file order.
        path: The file, for error messages.
        column: The column header, for error messages.
        rows: The 1-based file row of each cell.
        date_order: ``"dayfirst"`` or ``"monthfirst"``; ``None`` infers it when unambiguous.

    Returns:
        One ``YYYY-MM`` string or ``None`` per cell.

    Raises:
        InputFileError: A cell is not a date, or numeric dates are ambiguous and no
            ``date_order`` was given. The message names the row and column, never the value.
    """
    if date_order is not None and date_order not in DATE_ORDERS:
        raise ValueError(f"date_order must be one of {DATE_ORDERS}, got {date_order!r}")
    out: list[str | None] = [None] * len(values)
    numeric: list[tuple[int, int, int, int]] = []  # (index, first, second, year)
    for i, value in enumerate(values):
        if isinstance(value, dt.datetime | dt.date):
            out[i] = _month(value.year, value.month)
            continue
        text = cell_text(value)
        if not text:
            continue
        if m := (_ISO.match(text) or _YMD.match(text)):
            month = int(m.group(2))
            if not 1 <= month <= 12:
                raise InputFileError(path, f"not a valid date; {_EXPECTED}", row=rows[i],
                                     column=column)
            out[i] = _month(int(m.group(1)), month)
        elif m := _NUMERIC.match(text):
            first, second = int(m.group(1)), int(m.group(2))
            if (first > 12 and second > 12) or 0 in (first, second):
                raise InputFileError(path, f"not a valid date; {_EXPECTED}", row=rows[i],
                                     column=column)
            numeric.append((i, first, second, _year(m.group(3))))
        elif (m := _NAMED.search(text)) and len(text) <= 40:
            out[i] = _month(int(m.group(2)), _MONTHS[m.group(1).lower()[:3]])
        else:
            raise InputFileError(path, f"not a date; {_EXPECTED}", row=rows[i], column=column)
    if not numeric:
        return out
    order = date_order or _infer_order(numeric, path=path, column=column, rows=rows)
    for i, first, second, year in numeric:
        month = second if order == "dayfirst" else first
        day = first if order == "dayfirst" else second
        if not (1 <= month <= 12 and 1 <= day <= 31):
            raise InputFileError(path, f"not a valid date when read {order} (date_order); "
                                 f"{_EXPECTED}", row=rows[i], column=column)
        out[i] = _month(year, month)
    return out


def _infer_order(numeric: list[tuple[int, int, int, int]], *, path: Path, column: str,
                 rows: Sequence[int]) -> str:
    day_first = [i for i, a, _b, _y in numeric if a > 12]
    month_first = [i for i, _a, b, _y in numeric if b > 12]
    if day_first and month_first:
        raise InputFileError(path, "dates in this column mix day-first and month-first order; "
                             "fix the column or set date_order (dayfirst or monthfirst) for this "
                             "source", row=rows[max(day_first[0], month_first[0])], column=column)
    if day_first:
        return "dayfirst"
    if month_first:
        return "monthfirst"
    ambiguous = [i for i, a, b, _y in numeric if a != b]
    if ambiguous:
        raise InputFileError(path, "ambiguous date: day and month could be either way round; "
                             "set date_order to dayfirst or monthfirst for this source",
                             row=rows[ambiguous[0]], column=column)
    return "dayfirst"
