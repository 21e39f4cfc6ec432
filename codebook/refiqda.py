"""REFI-QDA codebooks (``.qdc``, the QDA-XML codebook that NVivo, ATLAS.ti, MAXQDA and QualCoder
exchange): write one from a :class:`Codebook`, read one leniently.

Mapping: each theme becomes a non-codable top-level ``Code`` holding its codes; a code with a
``parent`` nests under its parent. A code's ``Description`` holds its definition, inclusion and
exclusion criteria and examples. GUIDs are uuid5 of the theme or code id, so an export is stable
across runs. Retired and merged codes are left out
(other programs cannot hold a status). The schemas (REFI, MIT) ship in ``codebook/schemas/``;
``pyrefiqda`` (PyPI) only parses projects, so the XML is written with lxml.
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path
from typing import Any

from lxml import etree

from codebook.errors import CodebookError
from codebook.model import Code, Codebook, Theme, derive_code_id

CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
PROJECT_NS = "urn:QDA-XML:project:1.0"
SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"
_GUID_NS = uuid.UUID("0b6f6f1e-8a5e-5f0e-9d1c-2a6f1c3e9b71")
_RGB = re.compile(r"^#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")
_SLUG = re.compile(r"[^a-z0-9_]+")


def guid_for(kind: str, key: str) -> str:
    """A stable GUID for a theme, code, user or source: uuid5 of ``kind:key``."""
    return str(uuid.uuid5(_GUID_NS, f"{kind}:{key}"))


def _description(code: Code) -> str:
    parts = [code.definition.strip()]
    if code.include.strip():
        parts.append(f"Include: {code.include.strip()}")
    if code.exclude.strip():
        parts.append(f"Exclude: {code.exclude.strip()}")
    if code.examples:
        parts.append("Examples: " + " | ".join(code.examples))
    return "\n".join(p for p in parts if p)


def add_codes(parent: Any, codebook: Codebook, ns: str) -> dict[str, str]:
    """Append a ``Codes`` element for ``codebook`` under ``parent`` in namespace ``ns``.

    Returns:
        ``code_id -> guid`` for every code written (active codes).
    """
    q = f"{{{ns}}}"
    codes_el = etree.SubElement(parent, q + "Codes")
    active = list(codebook.active_codes)
    ids = {c.id for c in active}
    children: dict[str | None, list[Code]] = {}
    for c in active:
        key = c.parent if c.parent in ids else None
        children.setdefault(key, []).append(c)
    guids: dict[str, str] = {}

    def code_el(holder: Any, c: Code, theme_colour: str | None) -> None:
        el = etree.SubElement(holder, q + "Code", guid=guid_for("code", c.id), name=c.label,
                              isCodable="true")
        colour = c.colour or theme_colour
        if colour and _RGB.match(colour):
            el.set("color", colour)
        desc = _description(c)
        if desc:
            etree.SubElement(el, q + "Description").text = desc
        guids[c.id] = el.get("guid")
        for child in children.get(c.id, []):
            code_el(el, child, theme_colour)

    for theme in codebook.themes:
        top = [c for c in children.get(None, []) if c.theme_id == theme.id]
        if not top:
            continue
        t_el = etree.SubElement(codes_el, q + "Code", guid=guid_for("theme", theme.id),
                                name=theme.label, isCodable="false")
        if theme.colour and _RGB.match(theme.colour):
            t_el.set("color", theme.colour)
        for c in top:
            code_el(t_el, c, theme.colour)
    if not len(codes_el):
        raise CodebookError("a REFI-QDA codebook needs at least one active code")
    return guids


def codebook_to_qdc(codebook: Codebook) -> bytes:
    """The ``.qdc`` XML (UTF-8, with declaration) for the codebook's active codes."""
    root = etree.Element(f"{{{CODEBOOK_NS}}}CodeBook", nsmap={None: CODEBOOK_NS},
                         origin="Survivor Voices")
    add_codes(root, codebook, CODEBOOK_NS)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write_qdc(codebook: Codebook, path: str | Path) -> Path:
    """Write ``codebook`` as a REFI-QDA ``.qdc`` file (atomically)."""
    from codebook.io import _atomic_write

    path = Path(path)
    with _atomic_write(path) as tmp:
        tmp.write_bytes(codebook_to_qdc(codebook))
    return path


def load_schema(name: str = "Codebook.xsd") -> etree.XMLSchema:
    """The shipped REFI-QDA schema (``Codebook.xsd`` or ``Project.xsd``)."""
    return etree.XMLSchema(etree.parse(str(SCHEMA_DIR / name)))


def _slug(text: str, fallback: str) -> str:
    s = _SLUG.sub("_", text.lower()).strip("_")[:40]
    return s or fallback


def read_qdc(path: str | Path, *, name: str | None = None) -> tuple[Codebook, list[str]]:
    """Read a REFI-QDA codebook leniently.

    Top-level codes with children become themes (a codable one is also kept as a code);
    top-level codes without children go under a theme ``imported``; deeper codes keep their
    parent; a non-codable code below the top level (a grouping node) is kept as ``retired``.
    Ids come from the labels (lower-case, ``_``-joined; made unique).

    Returns:
        The codebook (not validated: imported codes may lack definitions) and what was skipped,
        one line each (``Sets``, unnamed codes, bad colours, unknown elements).

    Raises:
        CodebookError: Not XML, or no ``Codes`` element.
    """
    path = Path(path)
    try:
        tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    except (OSError, etree.XMLSyntaxError):
        raise CodebookError("not a readable REFI-QDA codebook (XML)", path=str(path)) from None
    root = tree.getroot()
    skipped: list[str] = []
    codes_el = next((e for e in root if etree.QName(e).localname == "Codes"), None)
    if codes_el is None:
        raise CodebookError("no Codes element: not a REFI-QDA codebook", path=str(path))
    for e in root:
        if etree.QName(e).localname not in ("Codes",):
            skipped.append(f"element {etree.QName(e).localname} (not part of the codebook model)")
    themes: list[Theme] = []
    codes: list[Code] = []
    used: set[str] = set()

    def unique(base: str) -> str:
        out, n = base, 2
        while out in used:
            out, n = f"{base}_{n}", n + 1
        used.add(out)
        return out

    def colour_of(e: Any, what: str) -> str | None:
        c = e.get("color")
        if c and not _RGB.match(c):
            skipped.append(f"{what}: colour not #RRGGBB")
            return None
        return c

    def desc_of(e: Any) -> str:
        d = next((x for x in e if etree.QName(x).localname == "Description"), None)
        return (d.text or "").strip() if d is not None else ""

    def kids(e: Any) -> list[Any]:
        return [x for x in e if etree.QName(x).localname == "Code"]

    def walk(e: Any, theme_id: str, parent: str | None, depth: int) -> None:
        label = (e.get("name") or "").strip()
        if not label:
            skipped.append(f"a code without a name (guid {e.get('guid')}) and its sub-codes")
            return
        cid = unique(_slug(label, "code") if depth < 3 else derive_code_id(theme_id, label))
        codable = (e.get("isCodable") or "true").lower() in ("true", "1")
        codes.append(Code(cid, label, theme_id, definition=desc_of(e) or label,
                          colour=colour_of(e, f"code {label!r}"), parent=parent,
                          status="active" if codable else "retired"))
        for k in kids(e):
            walk(k, theme_id, cid, depth + 1)

    loose: list[Any] = []
    for top in kids(codes_el):
        label = (top.get("name") or "").strip()
        if not kids(top):
            loose.append(top)
            continue
        if not label:
            skipped.append(f"an unnamed top-level code (guid {top.get('guid')}) and its codes")
            continue
        tid = unique(_slug(label, "theme"))
        themes.append(Theme(tid, label, colour_of(top, f"theme {label!r}")))
        if (top.get("isCodable") or "false").lower() in ("true", "1"):
            codes.append(Code(unique(tid + "_general"), label, tid,
                              definition=desc_of(top) or label))
        for k in kids(top):
            walk(k, tid, None, 1)
    if loose:
        themes.append(Theme(unique("imported"), "Imported codes"))
        for k in loose:
            walk(k, themes[-1].id, None, 1)
    book = Codebook(name or path.stem, tuple(themes), tuple(codes))
    return book, skipped
