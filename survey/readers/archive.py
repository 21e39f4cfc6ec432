"""Zip-based inputs (.xlsx, .docx) checked against unpacking limits before any parser sees them.

A zip bomb is a small file whose members expand to gigabytes (a 4 MB workbook whose sheet XML
or ``sharedStrings.xml`` unpacks to 4 GiB). :func:`check_archive` refuses one in two passes:

1. The central directory: every member's declared unpacked size against
   ``limits.max_unpacked_mb`` (all members together) and its unpacked/compressed ratio against
   ``limits.max_ratio`` (members over 1 MiB unpacked; small XML parts compress far better).
2. The bytes themselves: every member is inflated in 1 MiB steps, with the output counted and
   thrown away, so a header that lies about a member's size is caught after at most
   ``declared + 1 MiB`` of output (and never more than the limit), not after the parser has
   expanded it. Only the methods Office writes (stored, deflate) are accepted.

The check reads the file once more (about 1 s per 500 MB unpacked); nothing is kept in memory.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

from survey.config import ArchiveLimits
from survey.errors import InputFileError

MAX_MEMBERS = 10_000  # an ordinary workbook has tens; a docx fewer
RATIO_FLOOR = 1 << 20  # members smaller than this unpacked are not ratio-checked
_STEP = 1 << 20
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
_LOCAL_MAGIC = b"PK\x03\x04"
_MB = 1 << 20
_PASSED: dict[tuple, int] = {}  # (path, size, mtime, limits) -> unpacked size, checked


def _member(name: str) -> str:
    """A member's name for a message (a zip member name is not survey content; shortened)."""
    return repr(name if len(name) <= 80 else name[:77] + "...")


def _refuse(path: Path, what: str, limits: ArchiveLimits, why: str) -> InputFileError:
    return InputFileError(path, f"refused to unpack {what}: {why}; a zip bomb or a damaged "
                          f"file (limits: max_unpacked_mb {limits.max_unpacked_mb}, max_ratio "
                          f"{limits.max_ratio}; raise them under 'limits' in project.yaml "
                          "only for a file you trust)")


def check_archive(path: Path, *, limits: ArchiveLimits | None = None,
                  kind: str = "workbook") -> int:
    """Refuse a zip-based file whose members would unpack beyond ``limits``.

    Args:
        path: The .xlsx or .docx file (read-only).
        limits: The project's ``limits`` (default :class:`ArchiveLimits`).
        kind: What the file is, for messages ("workbook", "document").

    Returns:
        How many bytes the members unpack to (0 for a file that is not a zip).

    Raises:
        InputFileError: Not a zip file; too many members; a member (named) over the size or
            ratio limit, unpacking past its declared size, truncated, or compressed with a
            method Office does not use. Names the file and the member, never any content.
    """
    limits = limits or ArchiveLimits()
    budget = limits.max_unpacked_mb * _MB
    try:
        stat = path.stat()
    except OSError:
        return 0  # the format's reader reports a missing or unreadable file
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns, limits)
    if key in _PASSED:
        return _PASSED[key]  # detection, inference and reading each load the file: check once
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        with open(path, "rb") as fh:
            if fh.read(2) != b"PK":
                return 0  # not a zip: the format's own reader says what it is
        # a zip whose directory this check cannot read must not reach a parser that might
        raise InputFileError(path, f"not a readable {path.suffix.lower()} {kind} (corrupt, or "
                             f"another format renamed to {path.suffix.lower()}): its zip "
                             "directory cannot be read; re-save the file") from None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise _refuse(path, f"this {kind}", limits,
                          f"{len(infos):,} members (an Office file has tens)")
        declared = 0
        for info in infos:
            declared += info.file_size
            if info.file_size > budget or declared > budget:
                raise _refuse(path, f"member {_member(info.filename)}", limits,
                              f"the members declare {declared / _MB:,.0f} MB unpacked, more "
                              f"than {limits.max_unpacked_mb:,} MB")
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > RATIO_FLOOR and ratio > limits.max_ratio:
                raise _refuse(path, f"member {_member(info.filename)}", limits,
                              f"it declares {info.file_size / _MB:,.0f} MB unpacked from "
                              f"{info.compress_size / 1024:,.0f} KB (ratio {ratio:,.0f}:1)")
        with open(path, "rb") as fh:
            counted = 0
            for info in infos:
                counted += _inflated_size(fh, path, info, limits, budget - counted)
    if len(_PASSED) >= 64:
        _PASSED.clear()
    _PASSED[key] = counted
    return counted


def _inflated_size(fh, path: Path, info: zipfile.ZipInfo,  # noqa: ANN001 (binary file)
                   limits: ArchiveLimits, budget: int) -> int:
    """Inflate one member from its raw bytes, counting the output; returns its real size."""
    what = f"member {_member(info.filename)}"
    if info.flag_bits & 0x1:
        return 0  # encrypted member: the parser refuses it with its own message
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise _refuse(path, what, limits, f"compression method {info.compress_type} "
                      "(Office files use only deflate)")
    fh.seek(info.header_offset)
    header = fh.read(_LOCAL_HEADER.size)
    if len(header) < _LOCAL_HEADER.size or header[:4] != _LOCAL_MAGIC:
        raise _refuse(path, what, limits, "its local header is missing")
    name_len, extra_len = _LOCAL_HEADER.unpack(header)[-2:]
    fh.seek(name_len + extra_len, 1)
    left = info.compress_size
    if info.compress_type == zipfile.ZIP_STORED:
        if info.file_size != left:
            raise _refuse(path, what, limits, "its stored size does not match its header")
        return left
    limit = min(info.file_size + _STEP, budget)  # one step of slack, never past the budget
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    size = 0
    while not inflater.eof:
        data = inflater.unconsumed_tail
        if not data and left > 0:
            data = fh.read(min(left, _STEP))
            left -= len(data)
        try:
            out = len(inflater.decompress(data, _STEP))
        except zlib.error:
            raise InputFileError(path, f"{what} is corrupt (its compressed data does not "
                                 "inflate); re-save the file") from None
        size += out
        if not out and not data:
            break  # no input left and nothing more comes out
        if size > limit:
            why = (f"it unpacks past the {info.file_size:,} bytes its header declares"
                   if size > info.file_size + _STEP else
                   f"the members unpack to more than {limits.max_unpacked_mb:,} MB")
            raise _refuse(path, what, limits, why)
    if not inflater.eof:
        raise InputFileError(path, f"{what} is truncated (its compressed data ends early); "
                             "re-save the file")
    if size != info.file_size:
        raise _refuse(path, what, limits, f"it unpacks to {size:,} bytes, not the "
                      f"{info.file_size:,} its header declares")
    return size
