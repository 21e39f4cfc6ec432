"""Every number in the HTML, Word and Excel reports comes from the same summary tables
(ReportTables), and each output re-opens cleanly (openpyxl, python-docx, lxml; headless
Chromium where installed). SYNTHETIC data only."""

from __future__ import annotations

import importlib.util
import re
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from docx import Document
from lxml import html as lxml_html
from openpyxl import load_workbook

from analysis.prevalence import prevalence_section, read_prevalence
from analysis.report.writers import write_report
from analysis.report.cells import text
from analysis.report.docx import _usable_cm, split_columns
from analysis.report.tables import build_tables

REPO = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location(
    "synthetic_report_data_e2e", REPO / "tests" / "analysis" / "report" / "synthetic_data.py")
synthetic = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(synthetic)
NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?")


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    data = synthetic.add_topics(synthetic.make_report_data())
    data.extra_sections = [prevalence_section(read_prevalence(
        REPO / "data" / "reference" / "prevalence_example.csv"))]
    tables = build_tables(data)
    written = write_report(data, tmp_path_factory.mktemp("consistency"))
    return tables, written


def _published(tables) -> list[tuple[str, list[list[str]]]]:
    """``(caption, rows as display text incl. the header)`` of every published table."""
    pts = [tables.respondents, tables.themes, *tables.closed, tables.topics,
           tables.topic_cohorts, tables.topic_codes]
    out = [(p.title, p.table) for p in pts if p is not None]
    for s in tables.extra_sections:
        out += list(s.tables)
    return [(cap, [[text(c) for c in df.columns]] +
             [[text(v) for v in row] for row in df.itertuples(index=False)]) for cap, df in out]


def _numbers(s: str) -> set[str]:
    return {n.replace(",", "") for n in NUMBER.findall(s)}


def _allowed_numbers(tables) -> set[str]:
    """Every number the summary tables hold (cells, titles, notes, quotes, section text)."""
    parts = [tables.project_name, *tables.method_notes, str(len(tables.quotes)),
             str(len(tables.codebook)), str(tables.min_count),
             "0.05"]  # the significance level the text states (after Holm adjustment)
    for cap, rows in _published(tables):
        parts.append(cap)
        parts += [c for r in rows for c in r]
    pts = [tables.respondents, tables.themes, *tables.closed, tables.topics,
           tables.topic_cohorts, tables.topic_codes]
    parts += [n for p in pts if p is not None for n in p.notes]
    for s in tables.extra_sections:
        parts += [s.title, s.intro, *s.notes]
    for df in (tables.quotes, tables.quote_bank, tables.codebook, tables.theme_finder):
        parts += [text(v) for v in df.to_numpy().ravel()]
    for p in (tables.theme_prevalence, tables.cohort_differences):
        if p is not None:
            parts += [p.title, *p.notes] + [text(v) for v in p.table.to_numpy().ravel()]
    parts += [str(v) for v in tables.redactions.values()] + [str(sum(tables.redactions.values()))]
    parts += [str(v) for v in tables.coverage.values() if v is not None]
    parts += [s.intro for s in tables.extra_sections]
    allowed = set()
    for p in parts:
        allowed |= _numbers(str(p))
    for p in list(allowed):  # a float cell 20.0 may be written as 20 by a spreadsheet
        if p.endswith(".0"):
            allowed.add(p[:-2])
    return allowed


def _block_tables(tables, written):
    from analysis.report.structure import build_blocks, display

    figs = {}
    return [(b.text, [[text(c) for c in b.table.columns]] +
             [[display(v) for v in row] for row in b.table.itertuples(index=False)])
            for b in build_blocks(tables, figs) if b.kind == "table"]


def test_html_tables_equal_the_shared_structure(report):
    tables, written = report
    doc = lxml_html.fromstring(written["html"].read_bytes())
    got = [[[c.text_content() for c in tr.xpath("./th|./td")] for tr in t.xpath(".//tr")]
           for t in doc.xpath("//table")]
    blocks = _block_tables(tables, written)
    assert len(blocks) >= 5
    for caption, rows in blocks:
        assert rows in got, caption


def test_docx_tables_equal_the_shared_structure(report):
    tables, written = report
    doc = Document(str(written["docx"]))
    got = [[[c.text.replace("\u2060", "") for c in r.cells] for r in t.rows]
           for t in doc.tables]  # word joiners keep intervals on one line
    for caption, rows in _block_tables(tables, written):
        if rows in got:
            continue
        # a table too wide for the page is printed as column groups, each repeating the label
        # columns (analysis.report.docx.split_columns): every group must be there, whole
        frame = pd.DataFrame(rows[1:], columns=rows[0])
        parts = [split_columns(frame, _usable_cm(landscape)) for landscape in (True, False)]
        assert any(len(ps) > 1 and all([list(q.columns)] + q.to_numpy().tolist() in got
                                       for q in ps) for ps in parts), caption


def _cell_text(c) -> str:
    """A workbook cell as the report shows it: proportions in % cells back to percentages."""
    v = c.value
    if isinstance(v, (int, float)) and not isinstance(v, bool) and "%" in c.number_format:
        return re.sub(r"^(-?\d+)\.0$", r"\1", text(round(v * 100, 1)))
    return re.sub(r"^(-?\d+)\.0$", r"\1", text(v))


def _excel_table(ws, caption_contains: str = ""):
    for t in ws.tables.values():
        rows = [[_cell_text(c) for c in r] for r in ws[t.ref]]
        if caption_contains in t.name:
            return rows
    raise AssertionError(f"no table {caption_contains!r} on {ws.title}")


def _norm(rows):
    return [[re.sub(r"^(-?\d+)\.0$", r"\1", c) for c in r] for r in rows]


def test_xlsx_tables_equal_summary_tables(report):
    tables, written = report
    wb = load_workbook(written["xlsx"])
    want = _norm(_published(tables)[1][1])
    assert _excel_table(wb["Themes"]) == want
    want = _norm([[text(c) for c in tables.topics.table.columns]] + [
        [text(v) for v in r] for r in tables.topics.table.itertuples(index=False)])
    assert _excel_table(wb["Emergent themes"], "Emergent_themes_Emergent") == want
    cap, df = tables.extra_sections[0].tables[0]
    want = _norm([[text(c) for c in df.columns]] + [[text(v) for v in r]
                                                    for r in df.itertuples(index=False)])
    got = _excel_table(wb["Prevalence gap"])
    assert [r[:1] + r[2:] for r in got] == [r[:1] + r[2:] for r in want]  # rate % stored /100
    assert _excel_table(wb["Theme finder"])[0] == [text(c) for c in tables.theme_finder.columns]


def test_every_number_in_every_output_comes_from_the_summary_tables(report):
    tables, written = report
    allowed = _allowed_numbers(tables)
    doc = lxml_html.fromstring(written["html"].read_bytes())
    for bad in doc.xpath("//svg|//style|//title"):
        bad.getparent().remove(bad)
    html_nums = _numbers(" ".join(doc.itertext()))
    word = Document(str(written["docx"]))
    word_text = "\n".join([p.text for p in word.paragraphs] +
                          [c.text for t in word.tables for r in t.rows for c in r.cells])
    wb = load_workbook(written["xlsx"])
    xlsx_text = "\n".join(_cell_text(c) for ws in wb for row in ws.iter_rows() for c in row)
    for name, found in (("html", html_nums), ("docx", _numbers(word_text)),
                        ("xlsx", _numbers(xlsx_text))):
        stray = found - allowed
        assert not stray, f"{name} has numbers not in the summary tables: {sorted(stray)[:10]}"
    assert {"12101", "316", "11785", "10116", "1985"} <= html_nums


def test_outputs_reopen_without_repair(report):
    _, written = report
    wb = load_workbook(written["xlsx"])
    assert {"Read me", "Key findings", "Themes", "Theme prevalence", "Theme finder", "Quotes",
            "Closed questions", "Emergent themes", "Codebook", "Prevalence gap",
            "Method notes"} <= set(wb.sheetnames)
    assert not [s for s in wb.sheetnames if "bank" in s.lower()]
    doc = Document(str(written["docx"]))
    assert len(doc.inline_shapes) >= 3  # charts embedded
    page = lxml_html.fromstring(written["html"].read_bytes())
    assert len(page.xpath("//figure/svg")) >= 3


@pytest.mark.browser
def test_html_renders_in_headless_chromium_with_charts(report, tmp_path, chromium_path):
    _, written = report
    cmd = [chromium_path, "--headless", "--disable-gpu", "--no-sandbox", "--dump-dom",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--no-first-run",
           f"--user-data-dir={tmp_path / 'profile'}", written["html"].resolve().as_uri()]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=60, check=True).stdout
    dom = lxml_html.fromstring(out)
    svgs = dom.xpath("//figure/*[local-name()='svg']")
    assert len(svgs) >= 3
    assert all(s.xpath(".//*[local-name()='path']") for s in svgs)
