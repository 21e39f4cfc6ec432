"""Extra report sections (ReportData.extra_sections), the Theme finder sheet and the emergent
themes tables, sheet and figures (SYNTHETIC data)."""

from __future__ import annotations

import pandas as pd
import pytest
from docx import Document
from openpyxl import load_workbook
from synthetic_data import add_topics, make_report_data

from analysis.report.writers import write_report
from analysis.report.data import ReportSection
from analysis.report.emergent import publish_emergent
from analysis.report.emergent_outputs import update_workbook_emergent
from analysis.report.tables import build_tables
from analysis.report.xlsx import sheet_title


def _section() -> ReportSection:
    table = pd.DataFrame({"Code": ["Waiting times", "=SUM(A1)"], "Wave 1": [12, "<5"],
                          "Wave 2": [15, 7]}, dtype=object)
    return ReportSection(key="Wave comparison", title="Wave 1 and wave 2 compared",
                         intro="SYNTHETIC comparison of two waves.",
                         tables=[("Respondents per code by wave", table)],
                         notes=["Counts below 5 are shown as \"<5\"."])


@pytest.fixture(scope="module")
def with_sections(tmp_path_factory):
    data = add_topics(make_report_data())
    data.extra_sections = [_section()]
    return data, write_report(data, tmp_path_factory.mktemp("sections"))


def test_sheet_title_valid_and_unique():
    assert sheet_title("a/b:c*?[x]", []) == "a b c   x"
    assert sheet_title("Themes", ["Themes"]) == "Themes (2)"
    assert len(sheet_title("x" * 50, [])) == 31


def test_extra_section_in_workbook_escaped_and_styled(with_sections):
    _, written = with_sections
    wb = load_workbook(written["xlsx"])
    ws = wb["Wave comparison"]
    cells = [c.value for row in ws.iter_rows() for c in row if c.value is not None]
    assert "Wave 1 and wave 2 compared" in cells and "=SUM(A1)" in cells
    assert next(c for row in ws.iter_rows() for c in row if c.value == "=SUM(A1)").quotePrefix
    assert 12 in cells and "<5" in cells
    assert ws.freeze_panes is not None and ws.tables
    assert wb.sheetnames[-1] == "Method notes"


def test_extra_section_in_html_and_docx(with_sections):
    _, written = with_sections
    html = written["html"].read_text(encoding="utf-8")
    assert ">Wave 1 and wave 2 compared</h3>" in html
    assert "Respondents per code by wave" in html and "&lt;5" in html
    doc = Document(str(written["docx"]))
    heads = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert "Wave 1 and wave 2 compared" in heads
    texts = [[c.text for c in t.rows[0].cells] for t in doc.tables]
    assert ["Code", "Wave 1", "Wave 2"] in texts


def test_theme_finder_one_sheet_counts_note_three_quotes(with_sections):
    data, written = with_sections
    tables = build_tables(data)
    ws = load_workbook(written["xlsx"])["Theme finder"]
    (ref,) = [t.ref for t in ws.tables.values()]
    rows = [[c.value for c in r] for r in ws[ref]]
    header = list(rows[0])
    for col in ("Theme", "Code", "Survivor", "Professional", "Suppression note", "Quote 1",
                "Quote 2", "Quote 3"):
        assert col in header
    body = [dict(zip(header, r)) for r in rows[1:] if r[0] in ("theme", "code")]
    themes = tables.themes.table
    assert len(body) == len(themes)
    for got, (_, want) in zip(body, themes.iterrows()):
        assert got["Survivor"] == want["Survivor"] and got["Code"] == want["Code"]
        assert got["Suppression note"]
    waiting = next(r for r in body if r["Code"] == "Waiting times")
    assert "<5" in waiting["Suppression note"] and "[c]" in waiting["Suppression note"]
    theme_row = next(r for r in body if r["Theme"] == "Support that helped" and
                     r["Level"] == "theme")
    assert all(theme_row[f"Quote {k}"] for k in (1, 2, 3))
    quotes = set(tables.quotes["text"])
    assert all(q.rsplit(" (", 1)[0] in quotes for q in
               (theme_row[f"Quote {k}"] for k in (1, 2, 3)))


def test_emergent_table_sizes_per_cohort_and_status():
    data = add_topics(make_report_data())
    em = publish_emergent(data)
    t = em.topics.table.set_index("Topic")
    assert t.at[1, "Answers"] == 10 and t.at[1, "survivor answers"] == 10
    assert t.at[3, "Answers"] == "<5" and t.at[3, "Label"] == "(small topic: withheld)"
    assert t.at[3, "Representative answers (anonymised)"] is None
    assert t.at[0, "Status"].startswith("Mapped to Waiting times")
    reps = t.at[1, "Representative answers (anonymised)"].split("\n")
    assert 1 <= len(reps) <= 3 and reps[0].startswith("1. ")


def test_emergent_candidate_new_code_has_words_and_answers():
    data = add_topics(make_report_data())
    data.codings = data.codings[data.codings["code_id"] != "info"]  # topic 2 not coded
    t = publish_emergent(data).topics.table.set_index("Topic")
    assert t.at[2, "Status"] == "Candidate new code" and t.at[2, "Candidate new code"]
    assert t.at[2, "Top words"] == "service, referral"
    reps = t.at[2, "Representative answers (anonymised)"].split("\n")
    ids = data.topic_assignments.loc[data.topic_assignments["topic_id"] == 2, "id"]
    distinct = data.answers.loc[data.answers["answer_id"].isin(ids), "text"].nunique()
    assert len(reps) == min(5, distinct) and len(set(reps)) == len(reps)
    assert not t.at[0, "Candidate new code"]


def test_emergent_flagged_answers_never_shown():
    data = add_topics(make_report_data())
    sid = data.segments.loc[data.segments["text"].str.startswith("Referral"), "segment_id"]
    data.flagged_segments = frozenset(sid)
    reps = publish_emergent(data).topics.table.set_index("Topic").at[
        2, "Representative answers (anonymised)"]
    assert "Referral routes" not in reps


def test_emergent_topic_by_code_table_and_figures(with_sections):
    data, written = with_sections
    em = publish_emergent(data)
    by_code = em.by_code.table.set_index("Topic")
    assert 3 not in by_code.index  # small topics left out
    assert by_code.at[0, "Waiting times"] == 10
    for name in ("topic_sizes_by_cohort", "topic_code_heatmap", "topic_map"):
        for ext in ("png", "svg"):
            assert written[f"figure:{name}.{ext}"].stat().st_size > 1000
    html = written["html"].read_text(encoding="utf-8")
    assert html.count("<svg") >= 3  # the HTML keeps emergent themes short
    assert "Topics by code" in str([c.value for c in load_workbook(written["xlsx"])[
        "Emergent themes"]["A"]])


def test_update_workbook_emergent_replaces_sheet_in_place(with_sections, tmp_path):
    data, written = with_sections
    path = tmp_path / "report.xlsx"
    path.write_bytes(written["xlsx"].read_bytes())
    before = load_workbook(path).sheetnames
    data.topics = data.topics.assign(label=["new label a", "b", "c", "d"])
    update_workbook_emergent(data, path)
    wb = load_workbook(path)
    assert wb.sheetnames == before
    values = [c.value for row in wb["Emergent themes"].iter_rows() for c in row]
    assert "new label a" in values


def test_update_workbook_emergent_creates_workbook(tmp_path):
    data = add_topics(make_report_data())
    path = update_workbook_emergent(data, tmp_path / "report.xlsx")
    assert load_workbook(path).sheetnames == ["Emergent themes"]


def test_write_emergent_outputs_sheet_and_three_figures(tmp_path):
    from analysis.report.emergent_outputs import write_emergent_outputs

    written = write_emergent_outputs(add_topics(make_report_data()), tmp_path)
    assert load_workbook(written["xlsx"]).sheetnames == ["Emergent themes"]
    for name in ("topic_map", "topic_sizes_by_cohort", "topic_code_heatmap"):
        assert (tmp_path / "figures" / f"{name}.png").stat().st_size > 1000
        assert written[f"figure:{name}.svg"].read_text(encoding="utf-8").lstrip().startswith("<")


def test_update_workbook_emergent_keeps_a_draft_a_draft(tmp_path):
    from analysis.report.writers import write_report

    data = add_topics(make_report_data(accepted=False))
    written = write_report(data, tmp_path)
    update_workbook_emergent(data, written["xlsx"])
    ws = load_workbook(written["xlsx"])["Emergent themes"]
    assert "DRAFT" in (ws.oddHeader.center.text or "")
    assert str(ws["A1"].value).startswith("DRAFT") and ws.tables and ws.freeze_panes
