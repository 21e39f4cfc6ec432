"""Decoding text exports and transcripts on each file's own evidence.

A byte-order mark or the zero bytes of UTF-16 decide first; then strict UTF-8; then the
evidence is weighed (:func:`decode_text`): a UTF-8 file with a few stray bytes stays UTF-8 and
only the stray bytes are repaired, while a legacy file is decoded whole by charset-normalizer,
with a note. Nothing here quotes the text in a message.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from survey.errors import InputFileError


@dataclass
class DecodedText:
    """A text file's characters and how they were decoded.

    Attributes:
        text: The characters. Where a UTF-8 file held a few bytes that are not UTF-8, each such
            byte is a lone surrogate (U+DC80..U+DCFF, Python's ``surrogateescape``), to be
            repaired cell by cell with :func:`repair_stray_bytes`.
        encoding: The encoding used (``utf-8``, ``utf-16``, ``cp1252``...).
        stray_bytes: How many bytes were not valid in that encoding.
        note: A warning to pass on (a whole file read in a legacy encoding), or ``None``.
    """

    text: str
    encoding: str
    stray_bytes: int = 0
    note: str | None = None


STRAY_BYTE = re.compile("[\udc80-\udcff]")
_LEGACY = ["cp1252", "latin_1"]  # what UK Windows tools write; others get the note


def decode_text(data: bytes, path: Path) -> DecodedText:
    """Decode a text file, deciding once for the whole file on the evidence in it.

    A byte-order mark decides (UTF-8 or UTF-16); so do the zero bytes of BOM-less UTF-16.
    Otherwise strict UTF-8 is tried. When that fails, the evidence is weighed: valid UTF-8
    multi-byte sequences (accented names, curly quotes) against bytes that are not UTF-8. With
    at least as many valid sequences as stray bytes the file IS UTF-8 with a few stray bytes
    (a cp1252 apostrophe pasted into it): it stays UTF-8 and only the stray bytes are marked,
    for :func:`repair_stray_bytes` to repair in their cells (never re-decoding the whole file,
    which would turn every accented name into mojibake). With no such evidence the file is a
    legacy single-byte file, and charset-normalizer picks the encoding (cp1252 first); the
    result carries a note saying so.

    Raises:
        InputFileError: The bytes fit no supported encoding.
    """
    if data.startswith(codecs.BOM_UTF8):
        return _utf8(data[len(codecs.BOM_UTF8):])
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return DecodedText(data.decode("utf-16", errors="replace"), "utf-16")
    if data[1::2].count(0) > len(data) // 4:  # UTF-16 without BOM, ASCII-heavy
        return DecodedText(data.decode("utf-16-le", errors="replace"), "utf-16-le")
    if data[0::2].count(0) > len(data) // 4:
        return DecodedText(data.decode("utf-16-be", errors="replace"), "utf-16-be")
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    decoded = _utf8(data)
    non_ascii = len(decoded.text) - len(decoded.text.encode("ascii", errors="ignore"))
    valid = non_ascii - decoded.stray_bytes  # characters from valid multi-byte sequences
    if valid and valid >= decoded.stray_bytes:
        return decoded
    best = from_bytes(data, cp_isolation=_LEGACY).best()
    if best is None:
        raise InputFileError(path, "could not decode the file as UTF-8, UTF-16 or cp1252; "
                             "save it as UTF-8 CSV")
    encoding = best.encoding
    note = (f"the file is not UTF-8; read as {encoding} (legacy Windows/ISO encoding) on "
            "charset-normalizer's evidence. If accented letters look wrong, save it as UTF-8 "
            "CSV")
    if valid:
        note += (f"; {valid} character(s) looked like UTF-8 against {decoded.stray_bytes} "
                 "byte(s) that are not")
    return DecodedText(str(best), encoding, note=note)


def _utf8(data: bytes) -> DecodedText:
    text = data.decode("utf-8", errors="surrogateescape")
    stray = len(STRAY_BYTE.findall(text)) if not text.isascii() else 0
    return DecodedText(text, "utf-8", stray_bytes=stray)


def _repair_byte(match: re.Match[str]) -> str:
    byte = bytes([ord(match.group()) - 0xDC00])
    return byte.decode("cp1252", errors="replace")


def repair_stray_bytes(text: str) -> str:
    """Repair the stray bytes :func:`decode_text` marked: each becomes its cp1252 character
    (``0x92`` -> a right single quote), or U+FFFD where cp1252 has none."""
    return STRAY_BYTE.sub(_repair_byte, text)


def decode_bytes(data: bytes, path: Path) -> str:
    """Decode a text file (see :func:`decode_text`), stray bytes repaired in place.

    Raises:
        InputFileError: The bytes fit no supported encoding.
    """
    decoded = decode_text(data, path)
    return repair_stray_bytes(decoded.text) if decoded.stray_bytes else decoded.text
