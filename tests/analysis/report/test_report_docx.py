"""Tests for the Word report, read back with python-docx (SYNTHETIC data)."""

from __future__ import annotations

import pytest
from docx import Document


@pytest.fixture(scope="module")
def doc(written):
    return Document(str(written["docx"]))


def test_write_docx_sections_in_jsna_order(doc):
    h1 = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert h1 == ["Who we heard from", "Themes", "What people said: quotes by theme",
                  "Closed questions", "Emergent themes", "Method and disclosure notes"]


def test_write_docx_has_tables_and_charts(doc):
    assert len(doc.tables) >= 4  # respondents, themes, two closed questions
    assert len(doc.inline_shapes) >= 3
    header = [c.text for c in doc.tables[1].rows[0].cells]
    assert "Theme" in header and "survivor" in header
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert "<5" in cells


def test_write_docx_quotes_attributed_by_cohort_only(doc):
    texts = [p.text for p in doc.paragraphs]
    attributions = [t for t in texts if t.startswith("— ")]
    assert attributions and set(attributions) <= {"— Survivor", "— Professional",
                                                  "— Respondent"}


def test_write_docx_machine_note(written_machine):
    doc = Document(str(written_machine["docx"]))
    assert sum("not yet reviewed by a person" in p.text for p in doc.paragraphs) >= 3
