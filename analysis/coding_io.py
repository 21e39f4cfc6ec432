"""Coding workbooks: a person codes segments in Excel, and their decisions come back to the store.

:func:`write_coding_workbook` writes one workbook per coder. Sheet ``coding`` has one row per
segment: ``segment_id``, ``answer_id``, the anonymised ``text``, the machine ``suggestions`` (code
ids with scores and evidence; the column is left out for a blind second coder), ``code_1`` ..
``code_N`` (each a drop-down of the codebook's active codes, plus ``(none)`` for "no code
applies") and ``notes``. Sheet ``codebook`` lists the codes with definitions and criteria; a
hidden sheet ``meta`` records the coder, whether it is blind, and the codebook version.

:func:`read_coding_workbook` checks every cell of the code columns (an unknown code names the
file, row and column, never the cell) and :func:`apply_coding_decisions` turns the workbook into
decision rows for that coder only:

* a code in the row that the coder has not currently accepted -> ``accepted``;
* every other active code of a row the coder has filled in (``(none)`` counts) -> ``rejected``
  unless already so: the coder looked at the segment and decided the code does not apply. This
  turns down shown suggestions, takes out codes the coder removed, and lets agreement tell
  "coded, no code applies" from "not coded yet";
* a row whose code cells are all empty is not coded yet and changes nothing.

Other coders' decisions are never touched, the store keeps every earlier decision as history,
and importing the same workbook twice changes nothing. The notes column is for the coder only:
it is never imported (a person's free text has not been through the anonymiser).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from survey.errors import InputFileError, ToolkitError
from survey.schema import CODING_COLUMNS
from analysis.project import project_store

NONE_CHOICE = "(none)"
ORDER_META = "coding_order"  # JSON list of segment ids, most informative first (the ensemble's)
CHOICE_SEP = " | "
SHEET = "coding"
MACHINE_SOURCES = ("rules", "similarity", "classifier", "topic")
_CODER_OK = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.")


def check_coder(coder: str) -> str:
    """A coder label: 1-20 letters, digits, ``_``, ``-`` or ``.`` (initials, never a name).

    Raises:
        ToolkitError: Anything else.
    """
    if not isinstance(coder, str) or not 1 <= len(coder) <= 20 or not set(coder) <= _CODER_OK:
        raise ToolkitError("coder must be 1-20 letters, digits, '_', '-' or '.' (initials)")
    return coder


def choice(code: Any) -> str:
    """The drop-down entry for a code: ``"<id> | <label>"``."""
    return f"{code.id}{CHOICE_SEP}{code.label}"


def _esc(text: Any) -> Any:
    from analysis.report.cells import clean, escape_formula

    return escape_formula(clean(text)) if isinstance(text, str) else text


def _suggestion_text(rows: pd.DataFrame) -> str:
    parts = []
    for r in rows.sort_values("confidence", ascending=False).to_dict("records"):
        conf = r.get("confidence")
        score = "" if conf is None or pd.isna(conf) else f" ({float(conf):.2f})"
        ev = f": {r['evidence']}" if r.get("evidence") else ""
        parts.append(f"{r['code_id']}{score}{ev}")
    return "\n".join(parts)


def write_coding_workbook(path: str | Path, *, segments: pd.DataFrame, codings: pd.DataFrame,
                          codebook: Any, coder: str, blind: bool = False,
                          n_code_columns: int = 3) -> Path:
    """Write a coding workbook for one coder.

    Args:
        path: The ``.xlsx`` to write (atomically).
        segments: Segments (``segment_id``, ``answer_id``, ``text``), anonymised.
        codings: Current codings (the store's ``read_codings()``): machine suggestions fill the
            suggestions column; this coder's accepted codes pre-fill the code columns.
        codebook: The project codebook.
        coder: The coder's initials.
        blind: Leave the suggestions column out (a blind second coder).
        n_code_columns: How many code drop-downs per row (at least the most codes this coder
            has accepted on one segment).

    Returns:
        The path written.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    from survey.atomic import atomic_path

    check_coder(coder)
    active = list(codebook.active_codes)
    mine = codings[(codings["coder"] == coder) & (codings["source"] == "human")
                   & (codings["status"] == "accepted")]
    accepted = mine.groupby("segment_id")["code_id"].apply(list).to_dict()
    n_codes = max([n_code_columns, *(len(v) for v in accepted.values())])
    machine = codings[codings["source"].isin(MACHINE_SOURCES) & (codings["status"] == "suggested")]
    by_seg = {k: g for k, g in machine.groupby("segment_id")}
    labels = {c.id: choice(c) for c in codebook.codes}

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    header = ["segment_id", "answer_id", "text"] + ([] if blind else ["suggestions"]) + [
        f"code_{i + 1}" for i in range(n_codes)] + ["notes"]
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for seg in segments.to_dict("records"):
        sid = seg["segment_id"]
        row = [sid, seg["answer_id"], _esc(seg["text"])]
        if not blind:
            sugg = by_seg.get(sid)
            row.append(_esc(_suggestion_text(sugg)) if sugg is not None else None)
        codes = [labels.get(c, c) for c in accepted.get(sid, [])]
        row += codes + [None] * (n_codes - len(codes)) + [None]
        ws.append(row)
    first_code = header.index("code_1") + 1
    widths = {"segment_id": 18, "answer_id": 18, "text": 70, "suggestions": 40, "notes": 30}
    from openpyxl.utils import get_column_letter

    for i, name in enumerate(header, start=1):
        ws.column_dimensions[get_column_letter(i)].width = widths.get(name, 32)
    for row in ws.iter_rows(min_row=2, min_col=3, max_col=4 if not blind else 3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "D2"

    cbs = wb.create_sheet("codebook")
    cbs.append(["choice", "code_id", "label", "theme", "definition", "include", "exclude"])
    cbs.append([NONE_CHOICE, "", "No code applies", "", "", "", ""])
    themes = {t.id: t.label for t in codebook.themes}
    for c in active:
        cbs.append([_esc(choice(c)), c.id, _esc(c.label), _esc(themes.get(c.theme_id, "")),
                    _esc(c.definition), _esc(c.include), _esc(c.exclude)])
    dv = DataValidation(type="list", formula1=f"=codebook!$A$2:$A${len(active) + 2}",
                        allow_blank=True, showErrorMessage=True, errorTitle="Unknown code",
                        error="Pick a code from the list (sheet 'codebook').")
    last = get_column_letter(first_code + n_codes - 1)
    dv.add(f"{get_column_letter(first_code)}2:{last}{max(len(segments) + 1, 2)}")
    ws.add_data_validation(dv)

    meta = wb.create_sheet("meta")
    for k, v in (("coder", coder), ("blind", "yes" if blind else "no"),
                 ("codebook", codebook.name), ("codebook_version", str(codebook.version)),
                 ("exported_at", datetime.now(UTC).isoformat(timespec="seconds"))):
        meta.append([k, _esc(v)])
    meta.sheet_state = "hidden"
    path = Path(path)
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return path


@dataclass
class CodingSheet:
    """A coding workbook as read back.

    Attributes:
        coder: The coder from the hidden ``meta`` sheet.
        blind: Whether suggestions were hidden.
        rows: ``segment_id`` -> (spreadsheet row, chosen code ids; ``[]`` for ``(none)``),
            only for rows the coder filled in.
        uncoded: How many rows had every code cell empty.
    """

    coder: str
    blind: bool
    rows: dict[str, tuple[int, list[str]]] = field(default_factory=dict)
    uncoded: int = 0


def read_coding_workbook(path: str | Path, codebook: Any) -> CodingSheet:
    """Read and validate a filled-in coding workbook.

    Raises:
        InputFileError: Not a coding workbook, a missing column, or a cell that is not a code
            of the codebook (file, row and column; never the cell's content).
    """
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter
    from openpyxl.utils.exceptions import InvalidFileException

    from zipfile import BadZipFile

    path = Path(path)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (OSError, InvalidFileException, BadZipFile, KeyError, ValueError):
        raise InputFileError(path, "not a readable .xlsx coding workbook") from None
    try:
        if SHEET not in wb.sheetnames or "meta" not in wb.sheetnames:
            raise InputFileError(path, "not a coding workbook (sheets 'coding' and 'meta' "
                                 "expected; export one with `voices export-coding`)")
        meta = {str(r[0]): r[1] for r in wb["meta"].iter_rows(values_only=True) if r and r[0]}
        coder = check_coder(str(meta.get("coder") or ""))
        rows = list(wb[SHEET].iter_rows(values_only=True))
    finally:
        wb.close()
    header = [str(h).strip() if h is not None else "" for h in (rows[0] if rows else [])]
    if "segment_id" not in header or not any(h.startswith("code_") for h in header):
        raise InputFileError(path, "sheet 'coding' needs columns segment_id and code_1...")
    sid_col = header.index("segment_id")
    code_cols = [i for i, h in enumerate(header) if h.startswith("code_")]
    ids = {c.id for c in codebook.active_codes}
    bad: list[tuple[int, int]] = []
    sheet = CodingSheet(coder=coder, blind=str(meta.get("blind")) == "yes")
    for r_i, row in enumerate(rows[1:], start=2):
        row = list(row) + [None] * (len(header) - len(row))
        sid = row[sid_col]
        if sid is None or str(sid).strip() == "":
            if any(row[i] not in (None, "") for i in code_cols):
                raise InputFileError(path, "codes on a row without a segment_id", row=r_i,
                                     column="segment_id")
            continue
        chosen: list[str] = []
        filled = False
        for i in code_cols:
            value = row[i]
            if value is None or str(value).strip() == "":
                continue
            filled = True
            text = str(value).strip().lstrip("'")
            if text == NONE_CHOICE:
                continue
            cid = text.split(CHOICE_SEP, 1)[0].strip()
            if cid not in ids:
                bad.append((r_i, i))
            elif cid not in chosen:
                chosen.append(cid)
        if filled:
            sheet.rows[str(sid).strip()] = (r_i, chosen)
        else:
            sheet.uncoded += 1
    if bad:
        r_i, i = bad[0]
        where = ", ".join(f"{get_column_letter(c + 1)}{r}" for r, c in bad[:10])
        more = f" and {len(bad) - 10} more" if len(bad) > 10 else ""
        raise InputFileError(path, f"{len(bad)} cell(s) hold no active code of the codebook "
                             f"(cells {where}{more}); pick from the drop-down", row=r_i,
                             column=header[i])
    return sheet


@dataclass(frozen=True)
class ImportReport:
    """What an import changed.

    Attributes:
        coder: Whose decisions.
        segments: Segments the coder filled in.
        uncoded: Rows left empty (not coded yet; nothing changed).
        accepted: New ``accepted`` decisions.
        rejected: New ``rejected`` decisions (codes taken out, suggestions turned down).
        changed_segments: Segments with at least one new decision.
    """

    coder: str
    segments: int
    uncoded: int
    accepted: int
    rejected: int
    changed_segments: int

    def summary(self) -> str:
        """One line for the command line."""
        return (f"coder {self.coder}: {self.segments} segment(s) coded, {self.uncoded} left "
                f"empty; {self.accepted} code(s) applied, {self.rejected} marked as not applying, "
                f"{self.changed_segments} segment(s) changed")


def coding_decisions(sheet: CodingSheet, codings: pd.DataFrame, codebook: Any, *,
                     path: str | Path, known_segments: set[str],
                     now: str | None = None) -> pd.DataFrame:
    """Decision rows (``CODING_COLUMNS``) the sheet adds for its coder; empty when nothing changed.

    Raises:
        InputFileError: A segment id the store does not hold (file, row, column).
    """
    now = now or datetime.now(UTC).isoformat(timespec="seconds")
    active = {c.id for c in codebook.active_codes}
    mine = codings[(codings["coder"] == sheet.coder) & (codings["source"] == "human")]
    status = {(r["segment_id"], r["code_id"]): r["status"] for r in mine.to_dict("records")}
    out = []
    for sid, (r_i, chosen) in sheet.rows.items():
        if sid not in known_segments:
            raise InputFileError(path, "segment_id is not in this project's store (was the "
                                 "workbook exported from another project?)", row=r_i,
                                 column="segment_id")
        for cid in chosen:
            if status.get((sid, cid)) != "accepted":
                out.append((sid, cid, "accepted"))
        for cid in sorted(active - set(chosen)):
            if status.get((sid, cid)) != "rejected":
                out.append((sid, cid, "rejected"))
    rows = [{"segment_id": s, "code_id": c, "coder": sheet.coder, "source": "human",
             "confidence": None, "status": st, "evidence": "coding workbook",
             "decided_at": now} for s, c, st in out]
    return pd.DataFrame(rows, columns=list(CODING_COLUMNS))


def import_coding_workbook(path: str | Path, store: Any, codebook: Any) -> ImportReport:
    """Read a coding workbook and append its coder's new decisions to the store.

    Args:
        path: The filled-in workbook.
        store: An open :class:`analysis.store.Store`.
        codebook: The project codebook.

    Returns:
        What changed (nothing on a second import of the same workbook).

    Raises:
        InputFileError: A bad workbook, unknown code or unknown segment (file, row, column).
    """
    sheet = read_coding_workbook(path, codebook)
    codings = store.read_codings(current_only=True)
    known = set(store.read_segments()["segment_id"])
    new = coding_decisions(sheet, codings, codebook, path=path, known_segments=known)
    if len(new):
        store.add_codings(new)
    return ImportReport(coder=sheet.coder, segments=len(sheet.rows), uncoded=sheet.uncoded,
                        accepted=int((new["status"] == "accepted").sum()),
                        rejected=int((new["status"] == "rejected").sum()),
                        changed_segments=int(new["segment_id"].nunique()))


def order_segments(segments: pd.DataFrame, order_json: str | None) -> pd.DataFrame:
    """Segments in the active-learning order stored under :data:`ORDER_META` (those first, in
    that order), then the rest in store order; unchanged when there is no order."""
    import json

    if not order_json:
        return segments
    try:
        order = [str(s) for s in json.loads(order_json)]
    except (ValueError, TypeError):
        return segments
    rank = {sid: i for i, sid in enumerate(order)}
    key = [rank.get(sid, len(rank) + i) for i, sid in enumerate(segments["segment_id"])]
    return segments.iloc[np.argsort(key, kind="stable")].reset_index(drop=True)


# -- project-level entry points (what the commands call) -------------------------------------------
def export_coding(project: str | Path | None = None, *, coder: str, blind: bool = False,
                  out_dir: str | Path | None = None) -> Path:
    """Write ``<out>/coding/coding_<coder>.xlsx`` (``_blind`` added with ``blind``). Rows follow
    the ensemble's "code these next" order when the suggest stage stored one.

    Raises:
        ToolkitError: No store yet, or a bad coder label.
    """
    from analysis.store import Store

    check_coder(coder)
    store_path, codebook = project_store(project, out_dir)
    with Store(store_path) as store:
        segments = order_segments(store.read_segments(), store.get_meta(ORDER_META))
        codings = store.read_codings(current_only=True)
    name = f"coding_{coder}{'_blind' if blind else ''}.xlsx"
    return write_coding_workbook(store_path.parent / "coding" / name, segments=segments,
                                 codings=codings, codebook=codebook, coder=coder, blind=blind)


def import_coding(path: str | Path, project: str | Path | None = None, *,
                  out_dir: str | Path | None = None) -> ImportReport:
    """Import a filled-in coding workbook into the project's store.

    Raises:
        ToolkitError: No store yet; InputFileError for a bad workbook.
    """
    from analysis.store import Store

    store_path, codebook = project_store(project, out_dir)
    with Store(store_path) as store:
        return import_coding_workbook(path, store, codebook)
