"""Cell helpers shared by the writers: plain display values and formula escaping (rule 8)."""

from __future__ import annotations

import math
import re
from numbers import Integral, Real

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: str) -> str:
    """Drop control characters that XML (xlsx, docx) cannot hold."""
    return _CONTROL.sub("", text)


def escape_formula(text: str) -> str:
    """Prefix ``'`` to text a spreadsheet would run as a formula (leading = + - @, tab, CR).

    The apostrophe is kept as a literal character (OWASP's advice for CSV injection), so the
    text stays inert in every spreadsheet program, whatever it does with quote prefixes.
    """
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def plain(value: object) -> object:
    """A writer-friendly value: ``None`` for missing, Python ints and floats, else clean text."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, Integral):
        return int(value)
    if isinstance(value, Real):
        return None if math.isnan(float(value)) else float(value)
    try:
        if value != value:  # pandas NA / NaT
            return None
    except TypeError:  # pd.NA refuses comparison to bool
        return None
    if isinstance(value, (list, tuple, set)):
        return clean(", ".join(str(v) for v in value))
    return clean(str(value))


def text(value: object) -> str:
    """``plain(value)`` as display text (``""`` for missing; percentages with one decimal)."""
    v = plain(value)
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:.1f}"
    return str(v)
