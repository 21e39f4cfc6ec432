"""The codebook model: frozen :class:`Theme`, :class:`Code` and :class:`Codebook` dataclasses.

Ids are stable: supplied by the author, or derived from the theme id and label (see
:func:`derive_code_id`). :meth:`Codebook.validate` lists every problem at once, so an author can
fix a codebook in one pass.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from codebook.errors import CodebookError

CODE_STATUSES = ("active", "retired", "merged")
FRAME_COLUMNS = ("code_id", "label", "theme_id", "theme_label", "definition", "include", "exclude",
                 "colour", "status", "keywords", "examples")
KEYWORD_SEP = ";"
EXAMPLE_SEP = " | "
_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_ID_NAMESPACE = uuid.UUID("6f1c3c2e-6a55-5b8e-9a57-3e0f3a1c0de0")


def derive_code_id(theme_id: str, label: str) -> str:
    """A stable id for a code whose author gave none: uuid5 of its path ``theme_id/label``.

    Args:
        theme_id: The code's theme id.
        label: The code's label.

    Returns:
        ``"c_"`` followed by the first 12 hex digits of the uuid5.
    """
    return "c_" + uuid.uuid5(_ID_NAMESPACE, f"{theme_id}/{label}").hex[:12]


@dataclass(frozen=True)
class Theme:
    """A group of codes.

    Attributes:
        id: Stable id (unique among themes).
        label: Human label shown in reports.
        colour: Optional ``#rrggbb`` colour.
    """

    id: str
    label: str
    colour: str | None = None


@dataclass(frozen=True)
class Code:
    """One code of the codebook.

    Attributes:
        id: Stable id (unique among codes).
        label: Human label.
        theme_id: Id of the theme it belongs to.
        definition: What the code means.
        include: When to apply it.
        exclude: When not to apply it (and which code to use instead).
        examples: Short synthetic or anonymised example texts.
        keywords: Words or phrases that suggest the code (matched on lemmas).
        patterns: spaCy ``Matcher`` token patterns (each a list of token dicts).
        colour: Optional ``#rrggbb`` colour.
        status: ``active``, ``retired`` or ``merged``.
        merged_into: For a merged code, the id of the code that replaced it.
        parent: Optional id of a parent code (sub-codes).
        key: The keyboard key that toggles the code in the workspace, or None until one is
            given. Once given it never changes: renames, merges and new codes keep every other
            code's key (see :meth:`Codebook.with_keys`).
    """

    id: str
    label: str
    theme_id: str
    definition: str = ""
    include: str = ""
    exclude: str = ""
    examples: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    patterns: tuple[Any, ...] = ()
    colour: str | None = None
    status: str = "active"
    merged_into: str | None = None
    parent: str | None = None
    key: str | None = None

    def __post_init__(self) -> None:
        # Lists given by callers are frozen into tuples so the dataclass stays hashable-ish.
        for name in ("examples", "keywords", "patterns"):
            value = getattr(self, name)
            if isinstance(value, str):
                value = (value,) if value else ()
            object.__setattr__(self, name, tuple(value))

    @property
    def profile_text(self) -> str:
        """Label, definition, examples and keywords joined: what similarity suggesters embed."""
        parts = [self.label, self.definition, *self.examples, ", ".join(self.keywords)]
        return ". ".join(p.strip() for p in parts if p and p.strip())


CHANGE_ACTIONS = ("rename", "merge", "split", "retire", "add", "edit", "import")


@dataclass(frozen=True)
class Change:
    """One recorded codebook change (the changelog in the YAML, see ``codebook.versioning``).

    Attributes:
        version: The codebook version the change produced.
        action: ``rename``, ``merge``, ``split``, ``retire``; ``add`` (a new code), ``edit``
            (a code's label, definition, include/exclude or examples) or ``import`` (a
            REFI-QDA codebook replaced the codes).
        codes_from: The code ids changed (the old id for a rename; the merged codes).
        codes_to: The resulting ids (the new id; the code merged into; the split parts).
        note: Why (free text by the codebook's author; no survey content).
    """

    version: int
    action: str
    codes_from: tuple[str, ...]
    codes_to: tuple[str, ...] = ()
    note: str = ""

    def __post_init__(self) -> None:
        for name in ("codes_from", "codes_to"):
            value = getattr(self, name)
            object.__setattr__(self, name, (value,) if isinstance(value, str) else tuple(value))


@dataclass(frozen=True)
class Codebook:
    """A named, versioned set of themes and codes.

    Attributes:
        name: Codebook name.
        themes: Themes in display order.
        codes: Codes in display order.
        version: Integer version, raised by the author on each published change.
        changes: The changelog (renames, merges, splits, retirements), oldest first.
    """

    name: str
    themes: tuple[Theme, ...] = ()
    codes: tuple[Code, ...] = ()
    version: int = 1
    changes: tuple[Change, ...] = ()
    _index: dict[str, Code] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "themes", tuple(self.themes))
        object.__setattr__(self, "codes", tuple(self.codes))
        object.__setattr__(self, "changes", tuple(self.changes))
        index: dict[str, Code] = {}
        for code in self.codes:
            index.setdefault(code.id, code)
        object.__setattr__(self, "_index", index)

    @property
    def active_codes(self) -> tuple[Code, ...]:
        """Codes whose status is ``active``, in codebook order."""
        return tuple(c for c in self.codes if c.status == "active")

    def get(self, code_id: str) -> Code:
        """The code with this id.

        Raises:
            KeyError: No such code (the message lists the known ids).
        """
        try:
            return self._index[code_id]
        except KeyError:
            known = ", ".join(sorted(self._index)) or "(none)"
            raise KeyError(f"unknown code id {code_id!r}; known ids: {known}") from None

    def theme(self, theme_id: str) -> Theme:
        """The theme with this id.

        Raises:
            KeyError: No such theme (the message lists the known ids).
        """
        for t in self.themes:
            if t.id == theme_id:
                return t
        known = ", ".join(t.id for t in self.themes) or "(none)"
        raise KeyError(f"unknown theme id {theme_id!r}; known ids: {known}")

    def with_keys(self, alphabet: str) -> Codebook:
        """This codebook with a key for every code that has none: the first key of
        ``alphabet`` no code holds yet, in codebook order. Keys already given never change, and
        a retired or merged code keeps its key, so no key ever comes to mean another code.
        Codes beyond the alphabet stay without a key (found by search)."""
        taken = {c.key for c in self.codes if c.key}
        free = [k for k in alphabet if k not in taken]
        codes = []
        for c in self.codes:
            if not c.key and free:
                c = replace(c, key=free.pop(0))
            codes.append(c)
        if all(a is b for a, b in zip(codes, self.codes, strict=True)):
            return self
        return Codebook(self.name, self.themes, tuple(codes), self.version, self.changes)

    def validate(self) -> list[str]:
        """Every problem in the codebook, one message each (empty when valid).

        Checks: duplicate theme and code ids, blank ids and labels, unknown themes and parents,
        parent cycles, empty definitions of active codes, unknown statuses, ``merged_into``
        unknown or missing for merged codes, merge cycles, malformed colours.
        """
        problems: list[str] = []
        theme_ids = [t.id for t in self.themes]
        for tid in sorted({t for t in theme_ids if theme_ids.count(t) > 1}):
            problems.append(f"duplicate theme id {tid!r}")
        for t in self.themes:
            if not str(t.id).strip():
                problems.append(f"theme with label {t.label!r} has a blank id")
            if t.colour is not None and not _COLOUR.match(str(t.colour)):
                problems.append(f"theme {t.id!r}: colour must look like '#1b9e77'")
        code_ids = [c.id for c in self.codes]
        for cid in sorted({c for c in code_ids if code_ids.count(c) > 1}):
            problems.append(f"duplicate code id {cid!r}")
        keys = [c.key for c in self.codes if c.key]
        for k in sorted({k for k in keys if keys.count(k) > 1}):
            problems.append(f"duplicate code key {k!r}")
        known_codes = set(code_ids)
        known_themes = set(theme_ids)
        for c in self.codes:
            problems.extend(_code_problems(c, known_codes, known_themes))
        for i, ch in enumerate(self.changes, start=1):
            if ch.action not in CHANGE_ACTIONS:
                problems.append(f"change {i}: action must be one of {', '.join(CHANGE_ACTIONS)}; "
                                f"got {ch.action!r}")
            if not ch.codes_from:
                problems.append(f"change {i}: no codes_from")
        problems.extend(_cycle_problems(self.codes, "parent"))
        problems.extend(_cycle_problems(self.codes, "merged_into"))
        return problems

    def check(self) -> Codebook:
        """Raise if :meth:`validate` finds anything; otherwise return ``self``.

        Raises:
            CodebookError: With every problem listed.
        """
        problems = self.validate()
        if problems:
            raise CodebookError(f"codebook {self.name!r} has {len(problems)} problem(s)",
                                problems=problems)
        return self

    def to_frame(self) -> pd.DataFrame:
        """One row per code: the columns of :data:`FRAME_COLUMNS`."""
        labels = {t.id: t.label for t in self.themes}
        rows = [{
            "code_id": c.id, "label": c.label, "theme_id": c.theme_id,
            "theme_label": labels.get(c.theme_id), "definition": c.definition,
            "include": c.include, "exclude": c.exclude, "colour": c.colour, "status": c.status,
            "keywords": KEYWORD_SEP.join(c.keywords), "examples": EXAMPLE_SEP.join(c.examples),
        } for c in self.codes]
        return pd.DataFrame(rows, columns=list(FRAME_COLUMNS))


def _code_problems(c: Code, known_codes: set[str], known_themes: set[str]) -> list[str]:
    out: list[str] = []
    where = f"code {c.id!r}"
    if not str(c.id).strip():
        out.append(f"code with label {c.label!r} has a blank id")
    if not str(c.label).strip():
        out.append(f"{where}: blank label")
    if c.theme_id not in known_themes:
        out.append(f"{where}: unknown theme {c.theme_id!r}")
    if c.parent is not None and c.parent not in known_codes:
        out.append(f"{where}: unknown parent {c.parent!r}")
    if c.status not in CODE_STATUSES:
        out.append(f"{where}: status must be one of {', '.join(CODE_STATUSES)}; got {c.status!r}")
    if c.status == "active" and not str(c.definition).strip():
        out.append(f"{where}: empty definition")
    if c.merged_into is not None and c.merged_into not in known_codes:
        out.append(f"{where}: merged_into unknown code {c.merged_into!r}")
    if c.status == "merged" and c.merged_into is None:
        out.append(f"{where}: status 'merged' needs merged_into")
    if c.merged_into is not None and c.status != "merged":
        out.append(f"{where}: merged_into is set but status is {c.status!r}, not 'merged'")
    if c.colour is not None and not _COLOUR.match(str(c.colour)):
        out.append(f"{where}: colour must look like '#1b9e77'")
    for i, p in enumerate(c.patterns):
        if not isinstance(p, (list, tuple)) or not all(isinstance(t, dict) for t in p):
            out.append(f"{where}: pattern {i + 1} must be a list of token dicts")
    return out


def _cycle_problems(codes: tuple[Code, ...], attr: str) -> list[str]:
    """Cycles along ``parent`` or ``merged_into`` links, each reported once."""
    links = {c.id: getattr(c, attr) for c in codes if getattr(c, attr) is not None}
    seen_cycles: set[frozenset[str]] = set()
    out = []
    for start in links:
        path: list[str] = []
        node: str | None = start
        while node is not None and node in links and node not in path:
            path.append(node)
            node = links[node]
        if node is not None and node in path:
            cycle = path[path.index(node):]
            key = frozenset(cycle)
            if key not in seen_cycles:
                seen_cycles.add(key)
                out.append(f"{attr} cycle: {' -> '.join([*cycle, cycle[0]])}")
    return out
