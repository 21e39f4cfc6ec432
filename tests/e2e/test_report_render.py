"""The demo report as a reader opens it: Word through LibreOffice (A4, at most 40 pages, no
column too narrow, no word broken), HTML in headless Chromium at 1280x800 and 390x844 (no
sideways page scroll), DRAFT on every page or sheet of a draft, ``--final`` refused on drafts and
accepted once every coding is a person's, and the editable narrative with live numbers.

The demo project (SYNTHETIC) is copied with report settings (organisation, version, cohort
display names) and its report stage is run again on a copy of the session's whole demo run
(``demo_output``), so the module runs no other stage; LibreOffice converts once per module.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook
from typer.testing import CliRunner

from voices.cli import app
from analysis.report.docx import CHAR_CM, MIN_COL_CHARS, PAD_CM
from analysis.store import Store

pytestmark = [pytest.mark.slow]
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
A4_PT = (595, 842)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, demo_dir: Path,
         demo_output: Path) -> tuple[Path, Path]:
    """The demo project copied with report settings, and the session's demo run copied with its
    report stage run again for those settings (no PDF: the tests that need one make it)."""
    from analysis.pipeline import run_stages

    root = tmp_path_factory.mktemp("report_demo")
    project, out = root / "demo", root / "out"
    shutil.copytree(demo_dir, project)
    cfg = project / "project.yaml"
    cfg.write_text(cfg.read_text(encoding="utf-8") +
                   "\nreport:\n  organisation: Synthetic Borough Council\n  version: '0.9'\n"
                   "  cohort_names: {survivor: Survivors, professional: Professionals}\n",
                   encoding="utf-8")
    shutil.copytree(demo_output, out)
    # the session run's PDF would otherwise stand in for one a test expects the report to make
    (out / "report.pdf").unlink(missing_ok=True)
    run_stages(project, out_dir=out, stages=("report",), say=lambda _s: None,
               report_options={"pdf": False})
    return project, out


def _report(project: Path, out: Path, *args: str):  # noqa: ANN202
    return CliRunner().invoke(app, ["report", str(project), "--out", str(out), *args])


def _report_no_pdf(project: Path, out: Path, **options: bool) -> None:
    """The report stage without the PDF (the slow part), through the library."""
    from analysis.pipeline import run_stages

    run_stages(project, out_dir=out, stages=("report",), say=lambda _s: None,
               report_options={"pdf": False, **options})


@pytest.fixture(scope="module")
def demo_pdf(demo: tuple[Path, Path], soffice_path: str, tmp_path_factory) -> Path:
    """The demo's report.docx converted to PDF by LibreOffice headless (once)."""
    _, out = demo
    dest = tmp_path_factory.mktemp("pdf")
    subprocess.run([soffice_path, f"-env:UserInstallation={(dest / 'lo').as_uri()}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(dest),
                    str(out / "report.docx")], check=True, capture_output=True, timeout=240)
    return dest / "report.pdf"


@pytest.mark.libreoffice
def test_word_report_is_a4_short_and_columns_fit(demo: tuple[Path, Path], demo_pdf: Path):
    from pypdf import PdfReader

    pdf = PdfReader(str(demo_pdf))
    sizes = {tuple(sorted((round(float(p.mediabox.width)), round(float(p.mediabox.height)))))
             for p in pdf.pages}
    assert sizes == {A4_PT}
    # the chapter's sections (introduction, services, local picture, themes, equality, waves,
    # unmet need, recommendations, method) and the appendix's full tables: about 50 pages
    assert 5 <= len(pdf.pages) <= 60
    doc = Document(str(demo[1] / "report.docx"))
    words: set[str] = set()
    for t in doc.tables:
        font = t.rows[0].cells[0].paragraphs[0].runs[0].font.size.pt
        per_char = CHAR_CM * font / 9.0
        widths = [int(g.get(qn("w:w"))) / 567 for g in t._tbl.tblGrid.iter(qn("w:gridCol"))]
        assert font >= 7 and min(widths) >= MIN_COL_CHARS * per_char - 0.01  # >= ~6 characters
        for cell, w in zip(t.rows[0].cells, widths):
            for word in cell.text.split():
                assert len(word) * per_char * 1.12 + PAD_CM <= w + 0.01, (word, w)
                if len(word) >= 7 and word.isalpha():
                    words.add(word)
    text = "\n".join(p.extract_text() or "" for p in pdf.pages)
    broken = [w for w in words for k in range(2, len(w) - 1) if f"{w[:k]}\n{w[k:]}\n" in text]
    assert not broken, broken[:5]


@pytest.mark.libreoffice
def test_draft_says_draft_on_every_page_and_sheet(demo: tuple[Path, Path], demo_pdf: Path):
    from pypdf import PdfReader

    _, out = demo
    for page in PdfReader(str(demo_pdf)).pages:
        assert "DRAFT" in (page.extract_text() or "")
    wb = load_workbook(out / "report.xlsx")
    assert all("DRAFT" in (ws.oddHeader.center.text or "") for ws in wb)
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "(DRAFT)</title>" in html and 'class="banner"' in html


def _scroll_width(chromium: str, html: Path, width: int, height: int) -> tuple[int, int]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=FLAGS)
        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto(html.resolve().as_uri())
        got = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        browser.close()
    return int(got[0]), int(got[1])


@pytest.mark.browser
@pytest.mark.parametrize("size", [(1280, 800), (390, 844)])
def test_html_has_no_sideways_scroll(demo: tuple[Path, Path], chromium_path: str, size):
    scroll, inner = _scroll_width(chromium_path, demo[1] / "report.html", *size)
    assert inner == size[0] and scroll <= inner


def test_cohort_display_names_everywhere(demo: tuple[Path, Path]):
    _, out = demo
    quotes = pd.read_csv(out / "quotes.csv")
    assert set(quotes["cohort"].str.split(",").str[0]) <= {"Survivors", "Professionals",
                                                           "Respondent"}
    assert {"selection", "coding_status"} <= set(quotes.columns)
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "Survivors %" in html and "Synthetic Borough Council" in html
    assert ">survivor<" not in html and ">professional<" not in html


def test_no_answer_quoted_under_two_codes(demo: tuple[Path, Path]):
    _, out = demo
    bank = pd.read_csv(out / "quote_bank.NOT-FOR-PUBLICATION.csv")
    chosen = bank[bank["selected"] == "Yes"]
    assert len(chosen) > 10
    assert not chosen["answer_id"].duplicated().any()
    quotes = pd.read_csv(out / "quotes.csv")
    assert len(quotes) == len(chosen) and not quotes["text"].duplicated().any()


def test_final_refused_on_drafts_then_accepted_when_all_human(demo: tuple[Path, Path],
                                                              tmp_path: Path):
    project, out = demo
    result = _report(project, out, "--final")
    assert result.exit_code != 0
    assert "cannot write a final report" in result.output and "drafts" in result.output
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    with Store(copy / "project.sqlite") as store:  # fixture: every demo coding a person's
        c = store.read_codings()
        sugg = c[c["status"] == "suggested"].drop_duplicates(["segment_id", "code_id"])
        rest = store.read_segments()
        rest = rest[~rest["segment_id"].isin(sugg["segment_id"])]
        code = str(sugg["code_id"].iloc[0])  # segments with no code: reviewed, code rejected
        none = pd.DataFrame({"segment_id": rest["segment_id"], "code_id": code,
                             "status": "rejected"})
        human = pd.concat([sugg[["segment_id", "code_id"]].assign(status="accepted"), none])
        store.add_codings(human.assign(coder="AB", source="human", confidence=None,
                                       evidence=None, decided_at="2026-01-01T00:00:00"))
    result = _report(project, copy, "--final", "--with-suggestions")
    assert result.exit_code == 0, result.output
    html = (copy / "report.html").read_text(encoding="utf-8")
    assert "DRAFT" not in html
    wb = load_workbook(copy / "report.xlsx")
    assert not any("DRAFT" in (ws.oddHeader.center.text or "") for ws in wb)
    assert shutil.which("soffice") is None or (copy / "report.pdf").stat().st_size > 10_000


def test_narrative_drafted_edited_and_live(demo: tuple[Path, Path], tmp_path: Path):
    project, out = demo
    proj = tmp_path / "proj"
    shutil.copytree(project, proj)
    (proj / "narrative.md").unlink(missing_ok=True)  # the demo's writer's text; draft afresh
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    _report_no_pdf(proj, copy, draft_narrative=True)
    path = proj / "narrative.md"
    text = path.read_text(encoding="utf-8")
    assert "{{respondents.total}}" in text and re.search(r"\{\{theme\.[a-z_]+\.pct\.survivor\}\}",
                                                         text)
    edited = text.replace("- We heard from", "- SYNTHETIC EDIT: in all we heard from", 1)
    path.write_text(edited, encoding="utf-8")
    _report_no_pdf(proj, copy)
    html = (copy / "report.html").read_text(encoding="utf-8")
    m = re.search(r"SYNTHETIC EDIT: in all we heard from ([\d,]+) people", html)
    assert m and "{{" not in html
    from analysis.report.findings import fmt_count

    wb = load_workbook(copy / "report.xlsx")
    ws = wb["Key findings"]
    totals = [r for r in ws.iter_rows(values_only=True) if r and r[0] == "Total"]
    assert m.group(1) == fmt_count(totals[0][-1])  # the live number equals the table's
    path.write_text(edited.replace("{{respondents.total}}", "{{respondents.totl}}"),
                    encoding="utf-8")
    result = _report(proj, copy)
    assert result.exit_code != 0
    assert "respondents.totl" in result.output and "respondents.total" in result.output
    assert result.output.count("error") <= 1
