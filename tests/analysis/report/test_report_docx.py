"""Tests for the Word report, read back with python-docx (SYNTHETIC data)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from docx import Document
from docx.oxml.ns import qn

from analysis.report.docx import CHAR_CM, MIN_COL_CHARS

SECTIONS = ["Contents", "Key findings", "Who we heard from", "Themes", "Closed questions",
            "Method and limitations", "Appendix: tables", "Appendix: emergent themes"]


@pytest.fixture(scope="module")
def doc(written):
    return Document(str(written["docx"]))


def test_write_docx_sections_in_jsna_order(doc):
    h1 = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert [h for h in h1 if h in SECTIONS] == SECTIONS
    h2 = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert "Waiting and access" in h2 or len(h2) >= 2  # one section per theme


def test_write_docx_a4_en_gb_true_properties(doc):
    for s in doc.sections:
        w, h = sorted((s.page_width.cm, s.page_height.cm))
        assert (round(w, 1), round(h, 1)) == (21.0, 29.7)
        assert s.left_margin.cm == pytest.approx(2.0, abs=0.01)
    langs = {el.get(qn("w:val")) for el in doc.styles.element.iter(qn("w:lang"))}
    assert langs == {"en-GB"}
    created = doc.core_properties.created.replace(tzinfo=UTC)
    assert abs(datetime.now(UTC) - created) < timedelta(hours=1)
    assert doc.core_properties.title
    body = doc.element.body.xml
    assert 'TOC \\o' in body and "PAGE" in doc.sections[0].footer._element.xml


def test_write_docx_tables_fitted_with_repeating_headers(doc):
    assert len(doc.tables) >= 4
    for t in doc.tables:
        first = t.rows[0]._tr
        assert first.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
        font = t.rows[0].cells[0].paragraphs[0].runs[0].font.size.pt
        widths = [int(g.get(qn("w:w"))) / 567 for g in t._tbl.tblGrid.iter(qn("w:gridCol"))]
        assert min(widths) >= MIN_COL_CHARS * CHAR_CM * font / 9 - 0.01, widths  # twips to cm
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert "<5" in cells


def test_write_docx_images_have_alt_text(doc):
    shapes = doc.element.body.xpath(".//wp:docPr")
    assert shapes and all(d.get("descr") for d in shapes)


def test_write_docx_quotes_attributed_by_cohort_only(doc):
    texts = [p.text for p in doc.paragraphs]
    attributions = [t for t in texts if t.startswith("— ")]
    assert attributions
    assert {a.split(";")[0] for a in attributions} <= {"— Survivor", "— Professional",
                                                        "— Respondent"}


def test_write_docx_draft_everywhere(written_machine, doc):
    draft = Document(str(written_machine["docx"]))
    assert all("DRAFT" in s.header.paragraphs[0].text for s in draft.sections)
    assert "DRAFT" in draft.paragraphs[0].text
    assert not any("DRAFT" in s.header.paragraphs[0].text for s in doc.sections)


def test_write_docx_uses_a_house_template(report_data, tmp_path):
    from docx.shared import Pt

    from analysis.report.docx import write_docx
    from analysis.report.tables import build_tables

    house = Document()
    house.styles["Normal"].font.name = "SYNTHETIC House Sans"
    house.styles["Heading 1"].font.size = Pt(21)
    house.add_paragraph("Template body text that must not appear in the report.")
    house.save(str(tmp_path / "house.docx"))
    doc = Document(str(write_docx(build_tables(report_data), tmp_path / "r.docx",
                                  template=tmp_path / "house.docx")))
    assert doc.styles["Normal"].font.name == "SYNTHETIC House Sans"
    assert doc.styles["Heading 1"].font.size == Pt(21)
    texts = [p.text for p in doc.paragraphs]
    assert "Key findings" in texts
    assert not [t for t in texts if "must not appear" in t]


def test_very_wide_table_split_into_column_groups():
    import pandas as pd

    from analysis.report.docx import MIN_FONT_PT, _min_widths, split_columns

    df = pd.DataFrame({"Theme": ["Access"], "Code": ["Waiting"],
                       **{f"Professionals wave {i} %": [12.5] for i in range(14)}})
    parts = split_columns(df, 25.7)
    assert len(parts) >= 2
    assert all(list(p.columns[:2]) == ["Theme", "Code"] for p in parts)
    assert sum(len(p.columns) - 2 for p in parts) == 14
    assert all(sum(_min_widths(p, MIN_FONT_PT)) <= 25.7 for p in parts)
    assert split_columns(df.iloc[:, :5], 25.7)[0] is not None and len(
        split_columns(df.iloc[:, :5], 25.7)) == 1


def test_column_widths_shrink_the_font_until_every_word_fits():
    import pandas as pd

    from analysis.report.docx import (
        FONT_PT,
        MIN_FONT_PT,
        PAD_CM,
        _min_widths,
        column_widths,
    )

    df = pd.DataFrame({f"Professionals {i} %": ["12.5 (9.1–15.2)"] for i in range(8)})
    widths, font = column_widths(df, 25.7)
    assert MIN_FONT_PT <= font < FONT_PT and sum(widths) <= 25.7 + 1e-6
    per_char = CHAR_CM * font / FONT_PT
    assert all(len("Professionals") * per_char * 1.12 + PAD_CM <= w + 1e-6 for w in widths)
    assert sum(_min_widths(df, font)) <= 25.7
