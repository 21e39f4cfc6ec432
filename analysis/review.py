"""The private review workbook: every detected span in context, plus possible identifiers the
recognizers left alone, for a researcher to check before anything is published.

This workbook and the optional key file are the only files that hold ORIGINAL text, so
:func:`write_review` writes it only to a private folder (mode 0700, file 0600) and refuses any
folder under a forbidden one such as ``outputs/``. :func:`read_review_decisions` reads the
researcher's decisions back as a :class:`~survey.anonymise.decisions.ReviewDecisions`, which
``build_anonymiser(..., decisions=...)`` applies on the next run. Errors name the sheet, row and
column, never a cell's content.

Decisions, per sheet (case-insensitive; blank means "no decision"):

- ``detections``: column ``decision`` = ``keep`` (not an identifier: leave this occurrence) or
  ``redact`` (confirm); column ``list`` = ``allow`` (never redact this term anywhere) or
  ``deny`` (always redact it).
- ``possible_identifiers``: ``decision`` = ``redact`` (this occurrence) or ``ignore`` (not an
  identifier: the answer is no longer withheld from quotes for this term);
  ``list`` = ``deny`` or ``allow``; optional ``label`` (default ``OTHER_NAME``).
- ``missed``: one row per identifier the tool missed: ``id`` (answer id), ``term``, ``label``,
  ``scope`` = ``answer`` (default: every occurrence in that answer) or ``everywhere``.
- ``lists``: ``list`` (allow or deny), ``term``, ``label``.
- ``applied``: decisions carried over from earlier reviews (kept so they are not lost).
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from survey.anonymise.decisions import KEEP, REDACT, ReviewDecisions, text_key
from survey.anonymise.expand import terms_regex
from survey.anonymise.spans import Detection
from survey.errors import InputFileError

REVIEW_FILE = "review.xlsx"
# Written into the workbook's document properties (keywords): how the toolkit recognises its
# own review workbook before writing over a file of that name.
REVIEW_MARKER = "survivor-voices-review-workbook-v1"
SHEETS = ("README", "answers", "detections", "possible_identifiers", "missed", "lists", "applied")
_CAP_WORD = re.compile(r"(?<![\w'’-])[A-ZÀ-ÖØ-Þ][\w'’-]{2,}")
_LONG_NUMBER = re.compile(r"(?<![\w])\d[\d /-]{3,}\d(?![\w])")
_VALID = {"decision": {"", KEEP, REDACT, "ignore"}, "list": {"", "allow", "deny"},
          "scope": {"", "answer", "everywhere"}}


@dataclass(frozen=True)
class ReviewSummary:
    """What :func:`write_review` wrote (counts only)."""

    path: Path
    answers: int
    detections: int
    possible_identifiers: int


def _private_dir(folder: Path, forbid_under: Sequence[Path]) -> Path:
    from survey.atomic import ensure_dir

    folder = folder.resolve()
    for bad in forbid_under:
        if folder == bad.resolve() or folder.is_relative_to(bad.resolve()):
            raise ValueError("the review folder holds original text: it must be outside "
                             f"{bad.name}/ (choose a private folder)")
    if folder.exists() and not folder.is_dir():
        raise ValueError(f"{folder}: the review folder is an existing file, not a folder")
    ensure_dir(folder, mode=0o700)
    os.chmod(folder, 0o700)
    return folder


def is_review_workbook(path: str | Path) -> bool:
    """Whether ``path`` is a review workbook this toolkit wrote: its document properties carry
    :data:`REVIEW_MARKER`, or (written before the marker) it has every sheet in :data:`SHEETS`.
    Only two small XML parts are read, each capped, so a hostile file cannot blow up."""
    import zipfile

    def part(zf: zipfile.ZipFile, name: str) -> bytes:
        try:
            with zf.open(name) as fh:
                return fh.read(1 << 20)
        except KeyError:
            return b""

    try:
        with zipfile.ZipFile(path) as zf:
            if REVIEW_MARKER.encode("ascii") in part(zf, "docProps/core.xml"):
                return True
            book = part(zf, "xl/workbook.xml")
    except (OSError, zipfile.BadZipFile):
        return False
    return all(f'name="{name}"'.encode() in book for name in SHEETS)


def check_review_destination(path: str | Path) -> Path:
    """Refuse a review-workbook destination that would overwrite a file the toolkit did not
    write (or that is a folder).

    Raises:
        ValueError: The path exists and is not a review workbook; the message names the path.
    """
    path = Path(path)
    if path.is_dir() or (path.exists() and not is_review_workbook(path)):
        raise ValueError(f"{path}: exists and is not a Survivor Voices review workbook; refusing "
                         "to overwrite it (choose another anonymise.review_dir)")
    return path


def _dets_of(result: Any) -> tuple[Detection, ...]:
    return tuple(result.detections) if hasattr(result, "detections") else tuple(result)


def possible_identifiers(texts: Sequence[str], detections: Sequence[Sequence[Detection]], *,
                         max_count: int = 2, allow: Sequence[str] = ()) -> list[list[tuple]]:
    """Suspicious tokens no recognizer redacted, for the reviewer to check (the second gate before publishing).

    The tokens of :func:`survey.anonymise.suspicious.suspicious_tokens` outside the detections:
    a capitalised word that is neither an everyday word nor on the allow list (listed when it
    occurs in at most ``max_count`` texts; a frequent one belongs on the allow or deny list), a
    run of 5+ digits, an e-mail shape, or a token after a platform word.

    Args:
        texts: Original texts.
        detections: Their detections.
        max_count: Most texts a capitalised word may occur in to be listed.
        allow: Terms never listed (service names).

    Returns:
        Per text, ``(start, end, kind)`` tuples (kind ``rare_proper_noun``, ``long_number``,
        ``email_like`` or ``platform_handle``).
    """
    from survey.anonymise.suspicious import allow_regex, suspicious_tokens

    rx = allow_regex(allow)
    kinds = {"unknown_capitalised": "rare_proper_noun"}
    spans_per_text, df = [], Counter()
    for text, dets in zip(texts, detections):
        found = [(s, e, kinds.get(k, k)) for s, e, k in suspicious_tokens(
            text, skip=[(d.start, d.end) for d in dets], allow_re=rx)]
        df.update({text[s:e].casefold() for s, e, k in found if k == "rare_proper_noun"})
        spans_per_text.append(found)
    return [[(s, e, k) for s, e, k in found
             if k != "rare_proper_noun" or df[text[s:e].casefold()] <= max_count]
            for text, found in zip(texts, spans_per_text)]


def write_review(path: str | Path, texts: Sequence[str], ids: Sequence[str],
                 results: Sequence[Any], *, context_chars: int = 60, max_count: int = 2,
                 allow: Sequence[str] = (), previous: ReviewDecisions | None = None,
                 forbid_under: Sequence[str | Path] = ()) -> ReviewSummary:
    """Write the review workbook into a private folder.

    Args:
        path: The workbook path (its folder is created 0700; the file is written 0600).
        texts: ORIGINAL texts (in memory at ingest).
        ids: One answer id per text.
        results: Per text, an ``AnonymisedText`` or a sequence of detections.
        context_chars: Characters of context either side of a span.
        max_count: See :func:`possible_identifiers`.
        allow: The project's allow list (not listed as possible identifiers).
        previous: Decisions read from the previous workbook, carried over.
        forbid_under: Folders the workbook must not be in (the caller passes ``outputs/``).

    Returns:
        Counts of what was written.

    Raises:
        ValueError: Lengths differ, the folder is under a forbidden one, or a file that is not a
            review workbook is in the way.
    """
    from openpyxl import Workbook

    from survey.atomic import atomic_path, private_tempdir, remove_stale_temp_files

    if not (len(texts) == len(ids) == len(results)):
        raise ValueError(f"texts, ids and results must have the same length, got {len(texts)}, "
                         f"{len(ids)}, {len(results)}")
    path = Path(path)
    folder = _private_dir(path.parent, [Path(p) for p in forbid_under])
    check_review_destination(folder / path.name)
    remove_stale_temp_files(folder, recursive=False)  # an interrupted write's raw-text scratch
    dets = [_dets_of(r) for r in results]
    wb = Workbook()
    wb.properties.keywords = REVIEW_MARKER
    wb.properties.creator = "Survivor Voices"
    ws = wb.active
    ws.title = "README"
    for line in (__doc__ or "").splitlines():
        ws.append([line])
    ws.append(["PRIVATE: this workbook holds ORIGINAL text. Keep it in this folder; never "
               "publish or share it."])
    sheets = {name: wb.create_sheet(name) for name in SHEETS[1:]}
    sheets["answers"].append(["id", "text_key", "text"])
    sheets["detections"].append(["id", "text_key", "start", "end", "label", "recognizer",
                                 "score", "before", "span", "after", "decision", "list"])
    sheets["possible_identifiers"].append(["id", "text_key", "start", "end", "kind", "before",
                                           "term", "after", "decision", "list", "label"])
    sheets["missed"].append(["id", "term", "label", "scope"])
    sheets["lists"].append(["list", "term", "label"])
    sheets["applied"].append(["kind", "text_key", "start", "end", "label"])
    n_det = n_pos = 0
    rare = possible_identifiers(texts, dets, max_count=max_count, allow=allow)
    for text, aid, ds, cands in zip(texts, ids, dets, rare):
        key = text_key(text)
        sheets["answers"].append([str(aid), key, text])
        for d in ds:
            sheets["detections"].append([
                str(aid), key, d.start, d.end, d.entity, d.recognizer, d.score,
                text[max(0, d.start - context_chars):d.start], text[d.start:d.end],
                text[d.end:d.end + context_chars], "", ""])
            n_det += 1
        for s, e, kind in cands:
            sheets["possible_identifiers"].append([
                str(aid), key, s, e, kind, text[max(0, s - context_chars):s], text[s:e],
                text[e:e + context_chars], "", "", ""])
            n_pos += 1
    if previous:
        for term in previous.allow:
            sheets["lists"].append(["allow", term, ""])
        for term, label in previous.deny:
            sheets["lists"].append(["deny", term, label])
        for key, s, e in sorted(previous.keep):
            sheets["applied"].append([KEEP, key, s, e, ""])
        for key, s, e, label in previous.add:
            sheets["applied"].append(["add", key, s, e, label])
    # openpyxl spools every sheet to a temporary file before zipping: keep those (raw text)
    # inside the private folder, and gone afterwards, error or not.
    with private_tempdir(folder), atomic_path(folder / path.name, mode=0o600) as tmp:
        wb.save(tmp)
    return ReviewSummary(folder / path.name, len(texts), n_det, n_pos)


def _rows(ws: Any) -> tuple[list[str], list[tuple[int, dict[str, Any]]]]:
    rows = list(ws.iter_rows(values_only=True))
    if not rows:
        return [], []
    header = [str(h).strip().lower() if h is not None else "" for h in rows[0]]
    return header, [(i + 2, dict(zip(header, r))) for i, r in enumerate(rows[1:])
                    if any(v not in (None, "") for v in r)]


def _word(path: Path, sheet: str, row: int, rec: dict[str, Any], column: str) -> str:
    value = rec.get(column)
    word = "" if value is None else str(value).strip().lower()
    if column in _VALID and word not in _VALID[column]:
        raise InputFileError(path, f"sheet {sheet!r}: unknown {column} (allowed: "
                             f"{', '.join(sorted(v for v in _VALID[column] if v))})",
                             row=row, column=column)
    return word


def _int(path: Path, sheet: str, row: int, rec: dict[str, Any], column: str) -> int:
    try:
        return int(rec.get(column))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InputFileError(path, f"sheet {sheet!r}: expected a whole number", row=row,
                             column=column) from None


def read_review_decisions(path: str | Path) -> ReviewDecisions:
    """Read a filled-in review workbook.

    Args:
        path: The workbook written by :func:`write_review`.

    Returns:
        The decisions, with ``counts`` per kind (no values).

    Raises:
        InputFileError: A sheet is missing or a cell is invalid (named by sheet, row, column).
        OSError: The file cannot be read.
    """
    from openpyxl import load_workbook

    path = Path(path)
    wb = load_workbook(path, read_only=True, data_only=True)
    for name in SHEETS[1:]:
        if name not in wb.sheetnames:
            raise InputFileError(path, f"sheet {name!r} is missing; is this a review workbook?")
    keep: set[tuple[str, int, int]] = set()
    add: list[tuple[str, int, int, str]] = []
    allow: list[str] = []
    deny: list[tuple[str, str]] = []
    cleared: set[tuple[str, str]] = set()
    counts: Counter[str] = Counter()
    _, answers = _rows(wb["answers"])
    text_of = {str(r["id"]): str(r.get("text") or "") for _, r in answers}

    for row, rec in _rows(wb["detections"])[1]:
        key, span = str(rec.get("text_key")), str(rec.get("span") or "")
        if _word(path, "detections", row, rec, "decision") == KEEP:
            keep.add((key, _int(path, "detections", row, rec, "start"),
                      _int(path, "detections", row, rec, "end")))
            counts["keep"] += 1
        lst = _word(path, "detections", row, rec, "list")
        if lst == "allow" and span:
            allow.append(span)
            counts["allow"] += 1
        elif lst == "deny" and span:
            deny.append((span, str(rec.get("label") or "OTHER_NAME")))
            counts["deny"] += 1
    for row, rec in _rows(wb["possible_identifiers"])[1]:
        label = str(rec.get("label") or "").strip().upper() or "OTHER_NAME"
        if _word(path, "possible_identifiers", row, rec, "decision") == REDACT:
            add.append((str(rec.get("text_key")),
                        _int(path, "possible_identifiers", row, rec, "start"),
                        _int(path, "possible_identifiers", row, rec, "end"), label))
            counts["add"] += 1
        elif _word(path, "possible_identifiers", row, rec, "decision") == "ignore" and \
                rec.get("term"):  # not an identifier: clears the quote flag
            cleared.add((str(rec.get("text_key")), str(rec.get("term")).casefold()))
            counts["clear"] += 1
        lst = _word(path, "possible_identifiers", row, rec, "list")
        term = str(rec.get("term") or "")
        if lst and term:
            (allow.append(term) if lst == "allow" else deny.append((term, label)))
            counts[lst] += 1
    for row, rec in _rows(wb["missed"])[1]:
        term = str(rec.get("term") or "").strip()
        label = str(rec.get("label") or "").strip().upper() or "OTHER_NAME"
        if not term:
            raise InputFileError(path, "sheet 'missed': term is empty", row=row, column="term")
        if _word(path, "missed", row, rec, "scope") == "everywhere":
            deny.append((term, label))
            counts["deny"] += 1
            continue
        text = text_of.get(str(rec.get("id")))
        if text is None:
            raise InputFileError(path, "sheet 'missed': no answer with this id", row=row,
                                 column="id")
        rx = terms_regex([term])
        hits = list(rx.finditer(text)) if rx is not None else []
        if not hits:
            raise InputFileError(path, "sheet 'missed': the term does not occur in that answer",
                                 row=row, column="term")
        add.extend((text_key(text), m.start(), m.end(), label) for m in hits)
        counts["add"] += len(hits)
    for row, rec in _rows(wb["lists"])[1]:
        lst, term = _word(path, "lists", row, rec, "list"), str(rec.get("term") or "").strip()
        if not lst or not term:
            raise InputFileError(path, "sheet 'lists': list and term are required", row=row,
                                 column="term" if lst else "list")
        if lst == "allow":
            allow.append(term)
        else:
            deny.append((term, str(rec.get("label") or "").strip().upper() or "OTHER_NAME"))
        counts[lst] += 1
    for row, rec in _rows(wb["applied"])[1]:
        kind = str(rec.get("kind") or "").strip().lower()
        s, e = _int(path, "applied", row, rec, "start"), _int(path, "applied", row, rec, "end")
        if kind == KEEP:
            keep.add((str(rec.get("text_key")), s, e))
        elif kind == "add":
            add.append((str(rec.get("text_key")), s, e, str(rec.get("label") or "OTHER_NAME")))
        else:
            raise InputFileError(path, "sheet 'applied': kind must be keep or add", row=row,
                                 column="kind")
        counts[kind] += 1
    wb.close()
    return ReviewDecisions(keep=frozenset(keep), add=tuple(dict.fromkeys(add)),
                           allow=tuple(dict.fromkeys(allow)), deny=tuple(dict.fromkeys(deny)),
                           counts=dict(counts), cleared=frozenset(cleared))
