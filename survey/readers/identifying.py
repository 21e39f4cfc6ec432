"""Identifying columns recognised by CONTENT (headers are checked in :mod:`survey.readers.common`),
and the generalised forms in which a column kept on purpose (``anonymise.keep_columns``) may
be stored.

A column is identifying by content when most of its filled cells (:data:`CONTENT_SHARE`, over
a sample of up to :data:`SAMPLE` cells) are, as a whole, an email address, an IP address, a
phone number, a full UK postcode, a coordinate or a geopoint. A free-text answer that merely
mentions an email is not caught here: the free-text anonymiser deals with it.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Sequence
from typing import Any

import phonenumbers

from survey.readers.common import cell_text, normalise_header

SAMPLE = 500
CONTENT_SHARE = 0.6
MIN_CELLS = 2

_EMAIL = re.compile(r"^[\w.+'-]+@[\w-]+(\.[\w-]+)+$")
_PHONE_CHARS = re.compile(r"^\+?[\d ()-]{9,20}$")
_POSTCODE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$", re.IGNORECASE)
_COORD = re.compile(r"^-?\d{1,3}\.\d{4,}$")
_GEOPOINT = re.compile(r"^-?\d{1,3}\.\d+[ ,]+-?\d{1,3}\.\d+([ ,]+-?\d+(\.\d+)?){0,2}$")


def _is_ip(text: str) -> bool:
    if not (3 <= text.count(".") or ":" in text) or len(text) > 45:
        return False
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def _is_phone(text: str) -> bool:
    if not _PHONE_CHARS.match(text) or sum(ch.isdigit() for ch in text) < 9:
        return False
    try:
        number = phonenumbers.parse(text, "GB")
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_possible_number(number)


# kind -> whole-cell test, most specific first
_TESTS: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("email address", lambda t: bool(_EMAIL.match(t))),
    ("IP address", _is_ip),
    ("geopoint", lambda t: bool(_GEOPOINT.match(t))),
    ("coordinate", lambda t: bool(_COORD.match(t)) and abs(float(t)) <= 180),
    ("postcode", lambda t: bool(_POSTCODE.match(t))),
    ("phone number", _is_phone),
)


def identifying_content(values: Sequence[Any], *, min_cells: int = MIN_CELLS) -> str | None:
    """What a column's cells mostly are, when that identifies people; else ``None``.

    Args:
        values: The column's data cells (blank cells are skipped; at most :data:`SAMPLE`
            filled cells are looked at).
        min_cells: Fewer filled cells than this are too few to judge (``None`` is returned).

    Returns:
        ``"email address"``, ``"IP address"``, ``"geopoint"``, ``"coordinate"``,
        ``"postcode"``, ``"phone number"`` or ``None``.
    """
    texts: list[str] = []
    for value in values:
        if isinstance(value, bool | int):
            continue  # whole numbers are counts or codes, never one of the kinds above
        text = cell_text(value)
        if text:
            texts.append(text)
            if len(texts) >= SAMPLE:
                break
    if len(texts) < max(1, min_cells):
        return None
    for kind, test in _TESTS:
        hits = sum(1 for t in texts if test(t))
        if hits >= CONTENT_SHARE * len(texts):
            return kind
    return None


def header_looks_like_data(header: str) -> bool:
    """True when a header is itself an email, IP address, phone number, postcode... (a file
    exported without its header row): such a header is never repeated in a message."""
    return identifying_content([header], min_cells=1) is not None


def _decade(value: Any) -> str | None:
    text = cell_text(value)
    m = re.search(r"(19|20)\d{2}", text)
    return f"{m.group(0)[:3]}0s" if m else None


def _round_coordinate(value: Any) -> str | None:
    try:
        return f"{float(cell_text(value)):.1f}"
    except ValueError:
        return None


def _district(value: Any) -> str | None:
    from survey.anonymise.structured import shorten_postcode  # lazy: keeps readers light

    return shorten_postcode(cell_text(value), level="district")


# header or content kind -> (description, generaliser)
GENERALISERS: dict[str, tuple[str, Callable[[Any], str | None]]] = {
    "postcode": ("postcode district", _district),
    "coordinate": ("coordinate to 1 decimal place (about 10 km)", _round_coordinate),
    "date of birth": ("decade of birth", _decade),
}
_HEADER_KINDS = (
    (re.compile(r"post ?code|postal ?code"), "postcode"),
    (re.compile(r"(location ?)?(latitude|longitude)|lat|lon|lng"), "coordinate"),
    (re.compile(r"date of birth|dob|birth ?date"), "date of birth"),
)


Generaliser = tuple[str, Callable[[Any], "str | None"]]


def generaliser_for(header: str, content_kind: str | None) -> Generaliser | None:
    """The generalised form a kept identifying column can be stored in, or ``None`` when the
    column has none (names, emails, phone numbers, IP addresses cannot be kept at all).

    Args:
        header: The column's header.
        content_kind: What :func:`identifying_content` found, if anything.

    Returns:
        ``(description, function from a cell to its generalised text or None)``.
    """
    if content_kind is not None:
        return GENERALISERS.get(content_kind)
    norm = normalise_header(header)
    for pattern, kind in _HEADER_KINDS:
        if pattern.search(norm):
            return GENERALISERS[kind]
    return None


def kept(header: str, question_id: str | None, keep_columns: Sequence[str]) -> bool:
    """True when ``anonymise.keep_columns`` names this column (by header or question id)."""
    wanted = {normalise_header(k) for k in keep_columns}
    return normalise_header(header) in wanted or (
        question_id is not None and normalise_header(question_id) in wanted)
