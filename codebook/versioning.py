"""Codebook versioning: rename, merge, split and retire codes with a recorded changelog, and a
map from every code id ever used to the current one, so codings follow a merge or rename.

Each operation returns a new :class:`Codebook` with ``version`` raised by one and a
:class:`Change` appended to ``changes`` (saved in the YAML under ``changes:``). Nothing is
deleted: a merged code stays with status ``merged`` and ``merged_into``; a retired or split code
stays ``retired``; a renamed code takes its new id and the changelog remembers the old one.

:func:`current_code_ids` follows renames and merges (chains included) to the active code that
now holds each old id's codings; :func:`apply_code_map` rewrites a codings frame with it. A split
cannot be followed automatically (which part applies needs a person), so split and retired codes
map to themselves and :func:`needs_recoding` lists them.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from codebook.errors import CodebookError
from codebook.model import Change, Code, Codebook


def _bump(cb: Codebook, codes: list[Code], change: Change) -> Codebook:
    out = Codebook(cb.name, cb.themes, tuple(codes), cb.version + 1, (*cb.changes, change))
    problems = out.validate()
    if problems:
        raise CodebookError(f"the {change.action} would leave an invalid codebook",
                            problems=problems)
    return out


def _need(cb: Codebook, *ids: str) -> None:
    known = {c.id for c in cb.codes}
    missing = [i for i in ids if i not in known]
    if missing:
        raise CodebookError(f"unknown code id(s): {', '.join(missing)}")


def rename_code(cb: Codebook, old_id: str, new_id: str, *, label: str | None = None,
                note: str = "") -> Codebook:
    """Give a code a new id (and optionally label); parents and merge links follow.

    Raises:
        CodebookError: Unknown ``old_id``, taken ``new_id``, or an invalid result.
    """
    _need(cb, old_id)
    if any(c.id == new_id for c in cb.codes):
        raise CodebookError(f"code id {new_id!r} is already used")
    codes = []
    for c in cb.codes:
        if c.id == old_id:
            c = replace(c, id=new_id, label=label if label is not None else c.label)
        if c.parent == old_id:
            c = replace(c, parent=new_id)
        if c.merged_into == old_id:
            c = replace(c, merged_into=new_id)
        codes.append(c)
    return _bump(cb, codes, Change(cb.version + 1, "rename", (old_id,), (new_id,), note))


def merge_codes(cb: Codebook, sources: list[str] | tuple[str, ...], into: str, *,
                note: str = "") -> Codebook:
    """Merge ``sources`` into the active code ``into`` (they become ``merged``).

    Raises:
        CodebookError: Unknown ids, merging a code into itself, or an inactive target.
    """
    sources = [sources] if isinstance(sources, str) else list(sources)
    _need(cb, into, *sources)
    if into in sources:
        raise CodebookError(f"cannot merge code {into!r} into itself")
    if cb.get(into).status != "active":
        raise CodebookError(f"code {into!r} is not active; merge into an active code")
    codes = [replace(c, status="merged", merged_into=into) if c.id in sources else c
             for c in cb.codes]
    return _bump(cb, codes, Change(cb.version + 1, "merge", tuple(sources), (into,), note))


def split_code(cb: Codebook, code_id: str, parts: list[Code] | tuple[Code, ...], *,
               note: str = "") -> Codebook:
    """Retire ``code_id`` and add ``parts`` (new codes) in its place.

    Raises:
        CodebookError: Unknown id, fewer than two parts, or an invalid result (duplicate ids).
    """
    _need(cb, code_id)
    if len(parts) < 2:
        raise CodebookError("a split needs at least two new codes")
    codes = [replace(c, status="retired") if c.id == code_id else c for c in cb.codes]
    pos = next(i for i, c in enumerate(codes) if c.id == code_id) + 1
    codes[pos:pos] = list(parts)
    return _bump(cb, codes, Change(cb.version + 1, "split", (code_id,),
                                   tuple(p.id for p in parts), note))


def retire_code(cb: Codebook, code_id: str, *, note: str = "") -> Codebook:
    """Retire a code (kept in the codebook, no longer suggested or offered).

    Raises:
        CodebookError: Unknown id.
    """
    _need(cb, code_id)
    codes = [replace(c, status="retired", merged_into=None) if c.id == code_id else c
             for c in cb.codes]
    return _bump(cb, codes, Change(cb.version + 1, "retire", (code_id,), (), note))


def current_code_ids(cb: Codebook) -> dict[str, str]:
    """Every code id the codebook knows (current codes and changelog ids) -> the code that now
    holds its codings: renames and merges are followed, chains included; split, retired and
    active codes map to themselves."""
    step: dict[str, str] = {}
    for ch in cb.changes:
        if ch.action == "rename" and ch.codes_from and ch.codes_to:
            step[ch.codes_from[0]] = ch.codes_to[0]
    for c in cb.codes:
        if c.status == "merged" and c.merged_into:
            step[c.id] = c.merged_into
    ids = {c.id for c in cb.codes} | set(step) | {
        i for ch in cb.changes for i in (*ch.codes_from, *ch.codes_to)}
    out = {}
    for i in sorted(ids):
        seen, cur = {i}, i
        while cur in step and step[cur] not in seen:
            cur = step[cur]
            seen.add(cur)
        out[i] = cur
    return out


def needs_recoding(cb: Codebook) -> list[str]:
    """Code ids whose codings cannot follow automatically (split or retired codes)."""
    return [c.id for c in cb.codes if c.status == "retired"]


def apply_code_map(codings: Any, mapping: dict[str, str]) -> Any:
    """A copy of a codings frame with ``code_id`` mapped (old -> current) and the duplicates a
    merge creates dropped (the latest row per segment, code and coder is kept)."""
    out = codings.copy()
    out["code_id"] = [mapping.get(c, c) for c in out["code_id"]]
    keys = [k for k in ("segment_id", "code_id", "coder") if k in out.columns]
    return out.drop_duplicates(keys, keep="last").reset_index(drop=True)
