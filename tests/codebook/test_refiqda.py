"""Tests for codebook.refiqda: .qdc export validated against the REFI-QDA 1.0 schema, lenient
import (synthetic codebooks)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from codebook import Code, Codebook, CodebookError, Theme
from codebook.refiqda import CODEBOOK_NS, codebook_to_qdc, load_schema, read_qdc, write_qdc

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "refiqda"
CB = Codebook("Synthetic", (Theme("access", "Access", "#1b9e77"), Theme("empty", "Empty")), (
    Code("transport", "Getting there", "access", definition="Travel.", include="Buses.",
         exclude="Cost: use cost.", examples=("The bus was late.",), colour="#abc"),
    Code("bus", "Bus routes", "access", definition="Routes.", parent="transport"),
    Code("old", "Old", "access", definition="Old.", status="retired"),
))


def test_codebook_to_qdc_validates_against_schema(tmp_path):
    p = write_qdc(CB, tmp_path / "cb.qdc")
    doc = etree.parse(str(p))
    load_schema("Codebook.xsd").assertValid(doc)
    ns = {"q": CODEBOOK_NS}
    theme = doc.find("q:Codes/q:Code", ns)
    assert theme.get("name") == "Access" and theme.get("isCodable") == "false"
    code = theme.find("q:Code", ns)
    assert code.get("color") == "#abc" and code.find("q:Code", ns).get("name") == "Bus routes"
    desc = code.find("q:Description", ns).text
    assert "Include: Buses." in desc and "Examples: The bus was late." in desc
    assert b'name="Old"' not in codebook_to_qdc(CB)  # retired codes are left out
    assert codebook_to_qdc(CB) == p.read_bytes()  # stable GUIDs: same bytes each time


def test_codebook_to_qdc_needs_an_active_code():
    with pytest.raises(CodebookError, match="at least one active code"):
        codebook_to_qdc(Codebook("x", (Theme("t", "T"),), ()))


def test_read_qdc_round_trip_keeps_structure(tmp_path):
    p = write_qdc(CB, tmp_path / "cb.qdc")
    back, skipped = read_qdc(p)
    assert skipped == []
    assert [t.label for t in back.themes] == ["Access"]
    by_label = {c.label: c for c in back.codes}
    assert by_label["Bus routes"].parent == by_label["Getting there"].id
    assert by_label["Getting there"].definition.startswith("Travel.")


def test_read_qdc_is_lenient_and_reports_what_it_skipped():
    book, skipped = read_qdc(FIXTURES / "other_tool.qdc")
    assert [t.label for t in book.themes] == ["Access", "Imported codes"]
    assert {c.label for c in book.codes} == {"Getting there", "Bus routes", "Feeling believed"}
    assert any("Sets" in s for s in skipped)
    assert any("without a name" in s for s in skipped)
    assert any("colour" in s for s in skipped)
    assert book.validate() == []


def test_read_qdc_not_xml_is_an_error(tmp_path):
    p = tmp_path / "bad.qdc"
    p.write_text("not xml", encoding="utf-8")
    with pytest.raises(CodebookError, match="not a readable"):
        read_qdc(p)
