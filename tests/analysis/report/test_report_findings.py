"""Key findings, the theme prevalence table, quote picks and the editable narrative
(SYNTHETIC data)."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from synthetic_data import make_report_data

from analysis import narrative
from analysis.report.findings import ADJUSTED, DIFF_SUFFIX, fmt_ci_text, fmt_count, fmt_p, fmt_pct
from analysis.report.tables import build_tables

NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _cell(tables, ref):
    if ref.table == "theme_prevalence":
        df = tables.theme_prevalence.table
    elif ref.table == "cohort_differences":
        df = tables.cohort_differences.table
    elif ref.table == "respondents":
        df = tables.respondents.table
    elif ref.table.startswith("section:"):
        key = ref.table.removeprefix("section:")
        df = next(d for s in tables.extra_sections if s.key == key for _c, d in s.tables)
    else:
        df = next(t.table for t in tables.closed if t.key == ref.table)
    return df.iloc[ref.row][ref.column]


def _shown(ref, value):
    if ref.column.endswith("95% CI"):
        return fmt_ci_text(value)
    if ref.column in ("p", ADJUSTED):
        return fmt_p(value)
    if ref.column.endswith(DIFF_SUFFIX):
        return f"{abs(float(value)):.1f}"
    if isinstance(value, float) and ref.table != "respondents" and not ref.table.startswith(
            "section:"):
        return fmt_pct(value)
    return fmt_count(value)


@pytest.fixture
def tables():
    from analysis.prevalence import prevalence_section, read_prevalence
    from pathlib import Path

    data = make_report_data()
    data.extra_sections = [prevalence_section(read_prevalence(
        Path(__file__).resolve().parents[3] / "data" / "reference" / "prevalence_example.csv"))]
    return build_tables(data)


def test_every_number_in_the_key_findings_equals_its_table_cell(tables):
    findings = list(tables.key_findings)
    assert 4 <= len(findings) <= 8
    keys = {f.key.split(".")[0] for f in findings}
    assert {"heard_from", "largest_theme", "prevalence_gap"} <= keys
    for f in findings:
        covered = f.text
        for ref in f.refs:
            assert ref.shown == _shown(ref, _cell(tables, ref)), (f.key, ref)
            assert ref.shown in covered
            covered = covered.replace(ref.shown, " ", 1)
        # no number in the sentence that is not taken from a table (95 of "95% CI" aside;
        # numbers inside quoted theme or question names are names, not findings)
        covered = re.sub(r"“[^”]*”", " ", covered).replace("95% CI", " ")
        assert not NUMBER.findall(covered), (f.key, f.text)


def test_theme_prevalence_has_intervals_and_status(tables):
    t = tables.theme_prevalence.table
    shown = t[t["%"].notna()]
    assert len(shown) and (shown["95% CI low"] <= shown["%"]).all()
    assert (shown["%"] <= shown["95% CI high"]).all()
    assert set(t["Status"]) == {"human"}  # the synthetic data has accepted codings
    assert set(t["Cohort"]) == {"Survivor", "Professional"}


def test_draft_status_without_reviews_and_validated_estimates_used():
    data = make_report_data(accepted=False)
    t = build_tables(data)
    assert t.draft and set(t.theme_prevalence.table["Status"]) == {"draft"}
    data = make_report_data(min_count=4)  # at 5 every code's percentage is suppressed
    first = build_tables(data).theme_prevalence.table
    code = first[(first["Level"] == "code") & first["%"].notna()].iloc[0]
    data.prevalence = pd.DataFrame([{"code_id": code["code_id"], "cohort": code["cohort_id"],
                                     "status": "estimated", "n_total": 20, "count": 7.5,
                                     "pct": 37.5, "lo": 20.1, "hi": 55.2, "n_reviewed": 12}])
    t = build_tables(data).theme_prevalence.table
    row = t[(t["code_id"] == code["code_id"]) & (t["cohort_id"] == code["cohort_id"])].iloc[0]
    assert (row["Status"], row["%"], row["95% CI low"], row["Reviewed (n)"]) == (
        "estimated", 37.5, 20.1, 12)


def test_cohort_display_names_from_config():
    data = make_report_data()
    data.cohort_names = {"survivor": "Survivors", "professional": "Professionals"}
    t = build_tables(data)
    assert "Survivors" in t.themes.table.columns and "Professionals %" in t.themes.table.columns
    assert set(t.respondents.table["Cohort"]) >= {"Survivors", "Professionals"}
    assert set(t.quotes["cohort"].str.split(",").str[0]) <= {"Survivors", "Professionals",
                                                            "Respondent"}


def test_quotes_one_code_each_unless_a_writer_starred_twice():
    data = make_report_data()
    t = build_tables(data)
    assert not t.quotes["answer_id"].duplicated().any()
    assert set(t.quotes["selection"]) == {"automatic choice"}
    assert set(t.quotes["coding_status"]) == {"human-confirmed code"}
    q = t.quotes.iloc[0]
    other = next(c for c in t.quotes["code_id"] if c != q["code_id"])
    # the writer stars the same answer under a second code, with a trim: both are used
    answer = data.answers.set_index("answer_id").at[q["answer_id"], "text"]
    picks = pd.DataFrame([
        {"answer_id": q["answer_id"], "code_id": q["code_id"], "user": "w", "starred": True,
         "rank": 1, "trim_start": None, "trim_end": None, "never_quote": False},
        {"answer_id": q["answer_id"], "code_id": other, "user": "w", "starred": True,
         "rank": 1, "trim_start": 0, "trim_end": 20, "never_quote": False}])
    coded = data.segments.merge(data.codings, on="segment_id")
    coded = coded[(coded["answer_id"] == q["answer_id"]) & (coded["code_id"] == other)]
    if coded.empty:  # make the answer carry the second code too
        seg = data.segments[data.segments["answer_id"] == q["answer_id"]].iloc[0]
        extra = data.codings.iloc[[0]].assign(segment_id=seg["segment_id"], code_id=other,
                                               coder="AB", source="human", status="accepted")
        data.codings = pd.concat([data.codings, extra], ignore_index=True)
    data.quote_picks = picks
    t2 = build_tables(data)
    mine = t2.quotes[t2.quotes["answer_id"] == q["answer_id"]]
    assert set(mine["code_id"]) == {q["code_id"], other}
    assert set(mine["selection"]) == {"starred by a writer"}
    trimmed = mine[mine["code_id"] == other]["text"].iloc[0]
    assert trimmed.startswith(answer[:20].strip()) and trimmed.endswith("…")
    # a never-quote mark keeps the answer out of every code
    data.quote_picks = pd.DataFrame([{"answer_id": q["answer_id"], "code_id": None,
                                      "user": "w", "starred": False, "rank": None,
                                      "trim_start": None, "trim_end": None,
                                      "never_quote": True}])
    t3 = build_tables(data)
    assert q["answer_id"] not in set(t3.quotes["answer_id"])


def test_narrative_draft_round_trip_and_bad_placeholder(tables, tmp_path):
    path = narrative.write_draft(tables, tmp_path / "narrative.md")
    text = path.read_text(encoding="utf-8")
    assert "{{respondents.total}}" in text
    assert re.search(r"\{\{theme\.t_[a-z]+\.pct\.survivor\}\}", text)
    loaded = narrative.load(tables, path)
    bullets = [t for k, t in loaded["key-findings"] if k == "bullet"]
    assert bullets == [f.text for f in tables.key_findings]  # live numbers fill back exactly
    path.write_text(text.replace("{{respondents.total}}", "{{respondents.everyone}}")
                    .replace("{#who}", "{#who-else after=nowhere}"), encoding="utf-8")
    with pytest.raises(narrative.NarrativeError) as err:
        narrative.load(tables, path)
    msg = str(err.value)
    assert "respondents.everyone" in msg and "did you mean {{respondents.total}}" in msg
    assert "after=nowhere" in msg and "line " in msg and msg.count("narrative.md") == 1


def test_narrative_replaces_intro_in_html_and_word(tables, tmp_path):
    from dataclasses import replace

    from docx import Document

    from analysis.report.docx import write_docx
    from analysis.report.html import render_html

    path = tmp_path / "narrative.md"
    path.write_text("## Who we heard from {#who}\nSYNTHETIC: {{respondents.total}} people "
                    "answered.\n", encoding="utf-8")
    t = replace(tables, narrative=narrative.load(tables, path))
    total = narrative.placeholders(tables)["respondents.total"]
    assert f"SYNTHETIC: {total} people answered." in render_html(t)
    doc = Document(str(write_docx(t, tmp_path / "r.docx")))
    assert f"SYNTHETIC: {total} people answered." in [p.text for p in doc.paragraphs]


def test_method_text_has_no_log_lines_or_command_names(tmp_path):
    from analysis.report.structure import method_paragraphs

    data = make_report_data()
    data.notes = ["transcript 2be87d58ad50: 1 line(s) before the first speaker label were "
                  "skipped", "Run `voices anonymise --review` to check them.",
                  "exports/survivors.xlsx: 1 answer(s) to q_x matched no option"]
    data.anonymisation_summary = {"PERSON": 12, "UK_POSTCODE": 2}
    t = build_tables(data)
    paras = method_paragraphs(t)
    joined = " ".join(paras)
    assert "12 names of people" in joined and "2 postcodes" in joined
    assert "Disclosure control" in joined and "Limitations" in joined
    for bad in ("transcript", "line(s)", "voices ", "--review", ".xlsx", "2be87d58ad50"):
        assert bad not in joined
