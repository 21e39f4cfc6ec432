"""REFI-QDA project export (``project.qdpx``): the anonymised answers, the codebook and the
current accepted codings, for NVivo, ATLAS.ti, MAXQDA or QualCoder.

The ``.qdpx`` is a zip holding ``project.qde`` (QDA-XML, validated against ``Project.xsd`` in the
tests) and ``sources/<guid>.txt``: one plain-text source per answer (anonymised text only). Each
coded segment is a ``PlainTextSelection`` whose ``startPosition``/``endPosition`` are character
(code point) offsets into that text; each current ``accepted`` decision on it is a ``Coding`` by
its coder, and every coder is a separate REFI-QDA ``User`` (named as in the store). Machine
suggestions are not decisions and are left out, unless ``with_suggestions`` asks for them: then
each pending suggestion (one per segment and code, whichever suggesters made it) is a ``Coding``
by one more user, :data:`MACHINE_USER`, so NVivo or ATLAS.ti users can review them there.

Offsets are Unicode code points of the stored (anonymised) text, the unit Python's ``str`` and
QualCoder use: a character outside the Basic Multilingual Plane (an emoji) counts as one. GUIDs
are uuid5 of stable ids and the zip's timestamps are fixed, so the same store gives the same
bytes.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pandas as pd
from lxml import etree

from codebook.refiqda import PROJECT_NS, add_codes, guid_for
from survey.atomic import atomic_path

_Q = f"{{{PROJECT_NS}}}"
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)
MACHINE_USER = "Machine suggestions (not reviewed)"


def project_xml(*, project_name: str, answers: pd.DataFrame, segments: pd.DataFrame,
                codings: pd.DataFrame, codebook: Any,
                code_map: dict[str, str] | None = None,
                with_suggestions: bool = False) -> tuple[bytes, dict[str, str], int]:
    """The ``project.qde`` XML, the source files (zip path -> text) and how many codings were
    left out (code not in the codebook, or segment unknown).

    Args:
        code_map: Optional ``old code id -> current id`` (see
            :func:`codebook.versioning.current_code_ids`), applied before writing.
        with_suggestions: Add pending machine suggestions as the user :data:`MACHINE_USER`.
    """
    root = etree.Element(_Q + "Project", nsmap={None: PROJECT_NS}, name=project_name,
                         origin="Survivor Voices")
    cur = codings[(codings["status"] == "accepted") & (codings["source"] == "human")].copy()
    if with_suggestions:
        sugg = codings[(codings["status"] == "suggested") & (codings["source"] != "human")]
        sugg = sugg.drop_duplicates(["segment_id", "code_id"]).assign(coder=MACHINE_USER)
        cur = pd.concat([cur, sugg], ignore_index=True)
    if code_map:
        cur["code_id"] = [code_map.get(c, c) for c in cur["code_id"]]
        cur = cur.drop_duplicates(["segment_id", "code_id", "coder"])
    coders = sorted(set(cur["coder"]))
    if coders:
        users = etree.SubElement(root, _Q + "Users")
        for c in coders:
            etree.SubElement(users, _Q + "User", guid=guid_for("user", c), name=c, id=c)
    cb_el = etree.SubElement(root, _Q + "CodeBook")
    code_guids = add_codes(cb_el, codebook, PROJECT_NS)
    seg = segments.set_index("segment_id")
    skipped = 0
    by_answer: dict[str, list[tuple[int, int, str, list[tuple[str, str]]]]] = {}
    for sid, group in cur.groupby("segment_id", sort=False):
        if sid not in seg.index:
            skipped += len(group)
            continue
        marks = []
        for r in group.to_dict("records"):
            if r["code_id"] in code_guids:
                marks.append((r["code_id"], r["coder"]))
            else:
                skipped += 1
        if marks:
            s = seg.loc[sid]
            by_answer.setdefault(s["answer_id"], []).append(
                (int(s["start"]), int(s["end"]), str(sid), sorted(marks)))
    files: dict[str, str] = {}
    sources = etree.SubElement(root, _Q + "Sources")
    for a in answers.to_dict("records"):
        guid = guid_for("source", a["answer_id"])
        name = f"{a['answer_id']} ({a['question_id']})"
        src = etree.SubElement(sources, _Q + "TextSource", guid=guid, name=name,
                               plainTextPath=f"internal://{guid}.txt")
        files[f"sources/{guid}.txt"] = a["text"]
        for start, end, sid, marks in sorted(by_answer.get(a["answer_id"], [])):
            sel = etree.SubElement(src, _Q + "PlainTextSelection", guid=guid_for("segment", sid),
                                   name=sid, startPosition=str(start), endPosition=str(end))
            for code_id, coder in marks:
                coding = etree.SubElement(sel, _Q + "Coding",
                                          guid=guid_for("coding", f"{sid}/{code_id}/{coder}"),
                                          creatingUser=guid_for("user", coder))
                etree.SubElement(coding, _Q + "CodeRef", targetGUID=code_guids[code_id])
    if not len(sources):
        root.remove(sources)
    xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return xml, files, skipped


def write_qdpx(path: str | Path, *, project_name: str, answers: pd.DataFrame,
               segments: pd.DataFrame, codings: pd.DataFrame, codebook: Any,
               code_map: dict[str, str] | None = None, with_suggestions: bool = False) -> int:
    """Write a REFI-QDA ``.qdpx`` project (atomically).

    Args:
        path: The ``.qdpx`` file.
        project_name: The project's name.
        answers: Anonymised answers (``answer_id``, ``question_id``, ``text``).
        segments: Segments (``segment_id``, ``answer_id``, ``start``, ``end``).
        codings: Current codings (``Store.read_codings()``); human ``accepted`` ones are written.
        codebook: The project codebook.
        code_map: Optional old -> current code ids (merges and renames).
        with_suggestions: Also export pending machine suggestions, as their own user.

    Returns:
        How many accepted codings were left out (unknown code or segment).
    """
    xml, files, skipped = project_xml(project_name=project_name, answers=answers,
                                      segments=segments, codings=codings, codebook=codebook,
                                      code_map=code_map, with_suggestions=with_suggestions)
    with atomic_path(Path(path)) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("project.qde", _FIXED_TIME), xml,
                   compress_type=zipfile.ZIP_DEFLATED)
        for name, text in sorted(files.items()):
            z.writestr(zipfile.ZipInfo(name, _FIXED_TIME), text.encode("utf-8"),
                       compress_type=zipfile.ZIP_DEFLATED)
    return skipped
