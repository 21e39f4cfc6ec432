"""Tests for write_report and build_tables (SYNTHETIC data)."""

from __future__ import annotations

from analysis.report.tables import build_tables
from analysis.report.writers import write_report


def test_write_report_writes_contract_files(written):
    names = {p.name for p in written.values()}
    assert {"report.xlsx", "report.html", "report.docx", "quotes.csv"} <= names
    assert all(p.is_file() for p in written.values())
    out = written["xlsx"].parent
    assert not [p for p in out.rglob("*.tmp")]  # atomic writes leave no temporary files


def test_build_tables_machine_flag_follows_codings(report_data):
    assert not build_tables(report_data).machine_suggested
    report_data.codings = report_data.codings[report_data.codings["status"] != "accepted"]
    t = build_tables(report_data)
    assert t.machine_suggested and "not yet reviewed" in t.themes.title
    assert t.quotes["machine_suggested"].all()


def test_build_tables_flagged_text_never_written(report_data, tmp_path):
    flagged = "s00_q_support_0"
    marker = "SYNTHETICFLAGGEDWORD"
    report_data.answers.loc[report_data.answers["answer_id"] == "s00_q_support", "text"] = (
        f"I spoke to {marker} at the centre and the support worker listened well to me. "
        "She explained every step of the process in plain words and I felt believed.")
    seg = report_data.segments["segment_id"] == flagged
    report_data.segments.loc[seg, "end"] = 200
    report_data.flagged_segments = frozenset({flagged})
    written = write_report(report_data, tmp_path)
    for key in ("html", "quotes_csv"):
        assert marker not in written[key].read_text(encoding="utf-8")
    import openpyxl
    wb = openpyxl.load_workbook(written["xlsx"])
    assert not [c for ws in wb for row in ws.iter_rows() for c in row
                if isinstance(c.value, str) and marker in c.value]


def test_build_tables_topics_small_topics_withheld(report_data):
    import pandas as pd
    report_data.topics = pd.DataFrame([
        {"topic_id": 0, "label": "waiting lists", "size": 12, "top_words": ["wait", "list"],
         "representative_ids": [], "best_code_id": "waiting", "best_code_similarity": 0.8,
         "candidate_new_code": False},
        {"topic_id": 1, "label": "rare words", "size": 2, "top_words": ["rare"],
         "representative_ids": [], "best_code_id": None, "best_code_similarity": None,
         "candidate_new_code": True}])
    ids = report_data.answers["answer_id"].tolist()[:14]
    report_data.topic_coords = pd.DataFrame({"id": ids, "x": [0.0] * 14, "y": [1.0] * 14})
    report_data.topic_assignments = pd.DataFrame({"id": ids, "topic_id": [0] * 12 + [1] * 2})
    t = build_tables(report_data)
    rows = t.topics.table.set_index("Topic")
    assert rows.at[0, "Answers"] == 12 and rows.at[0, "Closest code"] == "Waiting times"
    assert rows.at[1, "Answers"] == "<5" and rows.at[1, "Top words"] == ""
    assert set(t.topic_coords["topic_id"]) == {0}


def test_write_report_survives_control_characters(report_data, tmp_path):
    # SYNTHETIC: a vertical tab pasted into an answer (common in Word transcripts)
    aid = "s01_q_support"
    text = ("The support worker listened\x0b without judging me and that made a real "
            "difference. She explained every step in plain words and I always felt believed.")
    report_data.answers.loc[report_data.answers["answer_id"] == aid, "text"] = text
    written = write_report(report_data, tmp_path)
    import openpyxl
    from docx import Document
    assert openpyxl.load_workbook(written["xlsx"])["Quotes"].max_row > 3
    assert Document(str(written["docx"])).paragraphs
