"""Read and write codebooks: YAML (the source of truth) and XLSX (one row per code).

YAML layout::

    name: Demo JSNA codebook (synthetic)
    version: 1
    themes:
      - id: access
        label: Access to services
        colour: "#1b9e77"          # optional
        codes:
          - id: access_transport
            label: Getting there
            definition: ...
            include: ...
            exclude: ...
            examples: ["...", "..."]
            keywords: [bus, train, travel]
            patterns: []           # optional spaCy Matcher token patterns
            colour: "#1b9e77"
            status: active         # active | retired | merged (with merged_into: other_id)
            parent: other_id       # optional
            key: "1"               # optional; the workspace gives each code one, kept for good
    changes:                       # optional changelog, written by codebook.versioning
      - {version: 2, action: rename, from: [old_id], to: [new_id], note: "..."}

XLSX layout: sheet ``codes`` (the columns of :meth:`Codebook.to_frame` plus ``merged_into``,
``parent``, ``patterns`` as JSON and ``key``), sheet ``themes`` (``theme_id``, ``label``,
``colour``), sheet ``codebook`` (``name``, ``version``) and, when there is a changelog, sheet
``changes``. Both formats round-trip losslessly. Every write is atomic.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from codebook.errors import CodebookError
from codebook.model import (EXAMPLE_SEP, FRAME_COLUMNS, KEYWORD_SEP, Change, Code, Codebook,
                            Theme, derive_code_id)

_CODE_KEYS = ("id", "label", "definition", "include", "exclude", "examples", "keywords", "patterns",
              "colour", "status", "merged_into", "parent", "theme", "key")
_THEME_KEYS = ("id", "label", "colour", "codes")
_TOP_KEYS = ("name", "version", "themes", "codes", "description", "changes")
_CHANGE_KEYS = ("version", "action", "from", "to", "note")
XLSX_CODE_COLUMNS = (*FRAME_COLUMNS, "merged_into", "parent", "patterns", "key")
# Tolerated header synonyms in spreadsheets (lower-cased, spaces -> underscores).
_HEADER_SYNONYMS = {
    "id": "code_id", "code": "code_id", "code_label": "label", "name": "label", "theme": "theme_id",
    "theme_name": "theme_label", "color": "colour", "inclusion": "include", "exclusion": "exclude",
    "include_criteria": "include", "exclude_criteria": "exclude", "keyword": "keywords",
    "example": "examples", "merged_to": "merged_into",
}
_SUFFIXES_YAML = (".yaml", ".yml")


@contextlib.contextmanager
def _atomic_write(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; rename it over ``path`` when the block succeeds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.replace(tmp_path, path)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def read_codebook(path: str | Path, *, validate: bool = True) -> Codebook:
    """Read a codebook from ``.yaml``/``.yml`` or ``.xlsx``.

    Args:
        path: The codebook file.
        validate: Run :meth:`Codebook.check` and raise on any problem.

    Returns:
        The codebook.

    Raises:
        CodebookError: Unreadable file, unknown suffix, bad structure (naming the code id/key or
            the spreadsheet row) or, with ``validate``, an invalid codebook (all problems listed).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        raise CodebookError("codebook file not found", path=str(path))
    if suffix in _SUFFIXES_YAML:
        cb = _read_yaml(path)
    elif suffix == ".xlsx":
        cb = _read_xlsx(path)
    else:
        raise CodebookError(f"expected a .yaml, .yml or .xlsx codebook; got suffix {suffix!r}",
                            path=str(path))
    if validate:
        problems = cb.validate()
        if problems:
            raise CodebookError(f"invalid codebook ({len(problems)} problem(s))", problems=problems,
                                path=str(path))
    return cb


def write_codebook(cb: Codebook, path: str | Path) -> Path:
    """Write a codebook to ``.yaml``/``.yml`` or ``.xlsx`` atomically.

    Args:
        cb: The codebook.
        path: Destination; the suffix picks the format.

    Returns:
        The path written.

    Raises:
        CodebookError: Unknown suffix, or (XLSX) a keyword containing ``;`` or an example
            containing `` | `` that could not be read back unchanged.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in _SUFFIXES_YAML:
        text = yaml.safe_dump(codebook_to_dict(cb), sort_keys=False, allow_unicode=True, width=100)
        with _atomic_write(path) as tmp:
            tmp.write_text(text, encoding="utf-8")
    elif suffix == ".xlsx":
        _write_xlsx(cb, path)
    else:
        raise CodebookError(f"expected a .yaml, .yml or .xlsx destination; got suffix {suffix!r}",
                            path=str(path))
    return path


def codebook_to_dict(cb: Codebook) -> dict[str, Any]:
    """The YAML layout as plain dicts and lists (optional fields left out when empty)."""
    themes = []
    for t in cb.themes:
        entry: dict[str, Any] = {"id": t.id, "label": t.label}
        if t.colour is not None:
            entry["colour"] = t.colour
        entry["codes"] = [_code_to_dict(c) for c in cb.codes if c.theme_id == t.id]
        themes.append(entry)
    out: dict[str, Any] = {"name": cb.name, "version": cb.version, "themes": themes}
    orphans = [c for c in cb.codes if c.theme_id not in {t.id for t in cb.themes}]
    if orphans:  # keeps an invalid codebook's codes rather than losing them silently
        out["codes"] = [{**_code_to_dict(c), "theme": c.theme_id} for c in orphans]
    if cb.changes:
        out["changes"] = [_change_to_dict(ch) for ch in cb.changes]
    return out


def _change_to_dict(ch: Change) -> dict[str, Any]:
    d: dict[str, Any] = {"version": ch.version, "action": ch.action, "from": list(ch.codes_from),
                         "to": list(ch.codes_to)}
    if ch.note:
        d["note"] = ch.note
    return d


def _changes_from(path: Path, raw: Any) -> tuple[Change, ...]:
    """The YAML ``changes`` list (``version``, ``action``, ``from``, ``to``, ``note``)."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise CodebookError("key 'changes': expected a list", path=str(path))
    out = []
    for i, d in enumerate(raw, start=1):
        where = f"change {i}"
        if not isinstance(d, dict):
            raise CodebookError(f"{where}: expected a mapping", path=str(path))
        _unknown_keys(path, d, _CHANGE_KEYS, where)
        version = d.get("version", 1)
        if isinstance(version, bool) or not isinstance(version, int):
            raise CodebookError(f"{where}, key 'version': expected an integer", path=str(path))
        ids = {}
        for key in ("from", "to"):
            v = d.get(key) or []
            v = [v] if isinstance(v, str) else v
            if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
                raise CodebookError(f"{where}, key {key!r}: expected code id(s)", path=str(path))
            ids[key] = tuple(v)
        out.append(Change(version=version, action=_text(path, d, "action", where, required=True),
                          codes_from=ids["from"], codes_to=ids["to"],
                          note=_text(path, d, "note", where)))
    return tuple(out)


def _code_to_dict(c: Code) -> dict[str, Any]:
    d: dict[str, Any] = {"id": c.id, "label": c.label, "definition": c.definition,
                         "include": c.include, "exclude": c.exclude,
                         "examples": list(c.examples), "keywords": list(c.keywords)}
    if c.patterns:
        d["patterns"] = [list(p) for p in c.patterns]
    for key in ("colour", "merged_into", "parent", "key"):
        if getattr(c, key) is not None:
            d[key] = getattr(c, key)
    d["status"] = c.status
    return d


# ---------------------------------------------------------------- YAML


def _read_yaml(path: Path) -> Codebook:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        row = mark.line + 1 if mark is not None else None
        raise CodebookError("not valid UTF-8 YAML", path=str(path), row=row) from None
    if not isinstance(data, dict):
        raise CodebookError("expected a mapping with keys name, version, themes", path=str(path))
    _unknown_keys(path, data, _TOP_KEYS, "top level")
    version = data.get("version", 1)
    if isinstance(version, bool) or not isinstance(version, int):
        raise CodebookError(f"key 'version': expected an integer; got {type(version).__name__}",
                            path=str(path))
    themes: list[Theme] = []
    codes: list[Code] = []
    raw_themes = data.get("themes") or []
    if not isinstance(raw_themes, list):
        raise CodebookError("key 'themes': expected a list", path=str(path))
    for i, t in enumerate(raw_themes, start=1):
        where = f"theme {i}"
        if not isinstance(t, dict):
            raise CodebookError(f"{where}: expected a mapping", path=str(path))
        _unknown_keys(path, t, _THEME_KEYS, where)
        tid = _text(path, t, "id", where, required=True)
        where = f"theme {tid!r}"
        themes.append(Theme(id=tid, label=_text(path, t, "label", where, default=tid),
                            colour=_opt_text(path, t, "colour", where)))
        raw_codes = t.get("codes") or []
        if not isinstance(raw_codes, list):
            raise CodebookError(f"{where}, key 'codes': expected a list", path=str(path))
        codes.extend(_code_from_dict(path, c, tid, j) for j, c in enumerate(raw_codes, start=1))
    flat = data.get("codes") or []
    if not isinstance(flat, list):
        raise CodebookError("key 'codes': expected a list", path=str(path))
    for j, c in enumerate(flat, start=1):
        if not isinstance(c, dict) or not c.get("theme"):
            raise CodebookError(f"top-level code {j}: expected a mapping with key 'theme'",
                                path=str(path))
        codes.append(_code_from_dict(path, c, str(c["theme"]), j))
    return Codebook(name=_text(path, data, "name", "top level", default=path.stem),
                    themes=tuple(themes), codes=tuple(codes), version=version,
                    changes=_changes_from(path, data.get("changes")))


def _code_from_dict(path: Path, c: Any, theme_id: str, j: int) -> Code:
    if not isinstance(c, dict):
        raise CodebookError(f"theme {theme_id!r}, code {j}: expected a mapping", path=str(path))
    label = _text(path, c, "label", f"theme {theme_id!r}, code {j}", required=True)
    cid = (_opt_text(path, c, "id", f"theme {theme_id!r}, code {j}")
           or derive_code_id(theme_id, label))
    where = f"code {cid!r}"
    _unknown_keys(path, c, _CODE_KEYS, where)
    patterns = c.get("patterns") or []
    if not isinstance(patterns, list):
        raise CodebookError(f"{where}, key 'patterns': expected a list of token patterns",
                            path=str(path))
    return Code(id=cid, label=label, theme_id=theme_id,
                definition=_text(path, c, "definition", where),
                include=_text(path, c, "include", where), exclude=_text(path, c, "exclude", where),
                examples=_str_list(path, c, "examples", where),
                keywords=_str_list(path, c, "keywords", where),
                patterns=tuple(patterns), colour=_opt_text(path, c, "colour", where),
                status=_text(path, c, "status", where, default="active"),
                merged_into=_opt_text(path, c, "merged_into", where),
                parent=_opt_text(path, c, "parent", where), key=_opt_text(path, c, "key", where))


def _unknown_keys(path: Path, d: dict, allowed: tuple[str, ...], where: str) -> None:
    unknown = sorted(str(k) for k in d if k not in allowed)
    if unknown:
        raise CodebookError(f"{where}: unknown key(s) {', '.join(unknown)}; allowed: "
                            f"{', '.join(allowed)}", path=str(path))


def _text(path: Path, d: dict, key: str, where: str, *, default: str = "",
          required: bool = False) -> str:
    value = d.get(key)
    if value is None or (isinstance(value, str) and not value.strip() and required):
        if required:
            raise CodebookError(f"{where}: missing key {key!r}", path=str(path))
        return default
    if isinstance(value, (dict, list)):
        raise CodebookError(f"{where}, key {key!r}: expected text; got a {type(value).__name__}",
                            path=str(path))
    return str(value)


def _opt_text(path: Path, d: dict, key: str, where: str) -> str | None:
    value = _text(path, d, key, where)
    return value if value != "" else None


def _str_list(path: Path, d: dict, key: str, where: str) -> tuple[str, ...]:
    value = d.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or any(isinstance(v, (dict, list)) or v is None for v in value):
        raise CodebookError(f"{where}, key {key!r}: expected a list of text", path=str(path))
    return tuple(str(v) for v in value)


# ---------------------------------------------------------------- XLSX


def _write_xlsx(cb: Codebook, path: Path) -> None:
    from openpyxl import Workbook

    for c in cb.codes:
        if any(KEYWORD_SEP in k for k in c.keywords) or any(EXAMPLE_SEP in e for e in c.examples):
            raise CodebookError(f"code {c.id!r}: a keyword contains {KEYWORD_SEP!r} or an example "
                                f"contains {EXAMPLE_SEP!r}, which XLSX cannot keep apart; use YAML",
                                path=str(path))
    wb = Workbook()
    ws = wb.active
    ws.title = "codes"
    frame = cb.to_frame()
    ws.append(list(XLSX_CODE_COLUMNS))
    for c, (_, row) in zip(cb.codes, frame.iterrows(), strict=True):
        values = [row[k] for k in FRAME_COLUMNS] + [
            c.merged_into, c.parent,
            json.dumps([list(p) for p in c.patterns]) if c.patterns else None, c.key]
        _append_literal(ws, values)
    ts = wb.create_sheet("themes")
    ts.append(["theme_id", "label", "colour"])
    for t in cb.themes:
        _append_literal(ts, [t.id, t.label, t.colour])
    ms = wb.create_sheet("codebook")
    ms.append(["name", "version"])
    _append_literal(ms, [cb.name, cb.version])
    if cb.changes:
        cs = wb.create_sheet("changes")
        cs.append(["version", "action", "from", "to", "note"])
        for ch in cb.changes:
            _append_literal(cs, [ch.version, ch.action, KEYWORD_SEP.join(ch.codes_from),
                                 KEYWORD_SEP.join(ch.codes_to), ch.note])
    with _atomic_write(path) as tmp:
        wb.save(tmp)


def _append_literal(ws: Any, values: list[Any]) -> None:
    """Append a row; text cells are stored as text, so a leading '=' is never run as a formula."""
    ws.append([None if v is None or v == "" else v for v in values])
    for cell in ws[ws.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def _read_xlsx(path: Path) -> Codebook:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException
    from zipfile import BadZipFile

    try:
        wb = load_workbook(path, read_only=True, data_only=False)
    except (InvalidFileException, BadZipFile, OSError, KeyError):
        raise CodebookError("not a readable .xlsx workbook", path=str(path)) from None
    try:
        sheet = wb["codes"] if "codes" in wb.sheetnames else wb.worksheets[0]
        code_rows = _sheet_rows(sheet)
        theme_rows = _sheet_rows(wb["themes"], synonyms=False) if "themes" in wb.sheetnames else []
        meta_rows = (_sheet_rows(wb["codebook"], synonyms=False)
                     if "codebook" in wb.sheetnames else [])
        change_rows = (_sheet_rows(wb["changes"], synonyms=False)
                       if "changes" in wb.sheetnames else [])
    finally:
        wb.close()
    name, version = path.stem, 1
    if meta_rows:
        meta = meta_rows[0][1]
        name = str(meta.get("name") or name)
        try:
            version = int(meta.get("version") or 1)
        except (TypeError, ValueError):
            raise CodebookError("sheet 'codebook', column 'version': expected an integer",
                                path=str(path), row=meta_rows[0][0]) from None
    themes: dict[str, Theme] = {}
    for row_no, r in theme_rows:
        tid = _cell(r, "theme_id") or _cell(r, "code_id")
        if not tid:
            raise CodebookError("sheet 'themes', column 'theme_id': blank", path=str(path),
                                row=row_no)
        themes.setdefault(tid, Theme(id=tid, label=_cell(r, "label") or tid,
                                     colour=_cell(r, "colour")))
    codes = []
    for row_no, r in code_rows:
        label = _cell(r, "label")
        theme_id = _cell(r, "theme_id")
        if not label or not theme_id:
            missing = "label" if not label else "theme_id"
            raise CodebookError(f"sheet 'codes', column {missing!r}: blank", path=str(path),
                                row=row_no)
        if theme_id not in themes:  # a codes-only sheet: themes come from its columns
            themes[theme_id] = Theme(id=theme_id, label=_cell(r, "theme_label") or theme_id)
        raw_patterns = _cell(r, "patterns")
        try:
            patterns = tuple(json.loads(raw_patterns)) if raw_patterns else ()
        except json.JSONDecodeError:
            raise CodebookError("sheet 'codes', column 'patterns': expected JSON token patterns",
                                path=str(path), row=row_no) from None
        keywords = _cell(r, "keywords") or ""
        examples = _cell(r, "examples") or ""
        codes.append(Code(
            id=_cell(r, "code_id") or derive_code_id(theme_id, label), label=label,
            theme_id=theme_id, definition=_cell(r, "definition") or "",
            include=_cell(r, "include") or "", exclude=_cell(r, "exclude") or "",
            examples=tuple(e.strip() for e in examples.split(EXAMPLE_SEP) if e.strip()),
            keywords=tuple(k.strip() for k in keywords.split(KEYWORD_SEP) if k.strip()),
            patterns=patterns, colour=_cell(r, "colour"), status=_cell(r, "status") or "active",
            merged_into=_cell(r, "merged_into"), parent=_cell(r, "parent"),
            key=_cell(r, "key")))
    changes = []
    for row_no, r in change_rows:
        try:
            ch_version = int(r.get("version") or 1)
        except (TypeError, ValueError):
            raise CodebookError("sheet 'changes', column 'version': expected an integer",
                                path=str(path), row=row_no) from None
        changes.append(Change(
            version=ch_version, action=_cell(r, "action") or "",
            codes_from=tuple(x for x in (_cell(r, "from") or "").split(KEYWORD_SEP) if x),
            codes_to=tuple(x for x in (_cell(r, "to") or "").split(KEYWORD_SEP) if x),
            note=_cell(r, "note") or ""))
    return Codebook(name=name, themes=tuple(themes.values()), codes=tuple(codes), version=version,
                    changes=tuple(changes))


def _sheet_rows(ws: Any, *, synonyms: bool = True) -> list[tuple[int, dict[str, Any]]]:
    """(spreadsheet row number, {normalised header: value}) for each non-blank data row."""
    rows = ws.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        return []
    keys = []
    for h in header:
        k = str(h or "").strip().lower().replace(" ", "_").replace("-", "_")
        keys.append(_HEADER_SYNONYMS.get(k, k) if synonyms else k)
    out = []
    for row_no, values in enumerate(rows, start=2):
        if values is None or all(v is None or str(v).strip() == "" for v in values):
            continue
        out.append((row_no, dict(zip(keys, values, strict=False))))
    return out


def _cell(r: dict[str, Any], key: str) -> str | None:
    v = r.get(key)
    if v is None:
        return None
    text = str(v)
    return text if text.strip() else None
