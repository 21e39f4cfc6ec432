"""The chapter as a reader meets it: plain labels (no internal ids, method counts in words, the
consent question not charted, no selection notes under quotes), the introduction and local
services from project.yaml, and alt text that says what a chart shows (SYNTHETIC data)."""

from __future__ import annotations

import html
import re

import pandas as pd
import pytest
from synthetic_data import INSTRUMENT, make_report_data

from analysis.report.data import ReportSection
from analysis.report.writers import write_report
from survey.instrument import instrument_from_dict

ID_IN_TEXT = re.compile(r"[\[(]q_[a-z_]+[\])]")


def _data():
    """SYNTHETIC: the test data with a consent question everyone answered, a wave-comparison
    section whose caption carries a question id, and redaction counts by recognizer label."""
    data = make_report_data()
    spec = dict(INSTRUMENT)
    spec["questions"] = [{"id": "q_consent", "text": "Do you agree to take part?",
                          "kind": "single", "options": ["Yes", "No"], "required": True,
                          "consent": True}, *INSTRUMENT["questions"]]
    data.instrument = instrument_from_dict(spec)
    data.responses["q_consent"] = ["Yes" if k == "survey" else None
                                   for k in data.responses["kind"]]
    change = pd.DataFrame({"Answer": ["Satisfied"], "Wave 1 %": [40.0], "Wave 2 %": [55.0],
                           "Change (points)": [15.0], "Change 95% CI": ["-5.0 to 35.0"],
                           "p": [0.2], "p (Holm-adjusted)": [0.4]})
    data.extra_sections.append(ReportSection(
        "waves", "Changes between waves (SYNTHETIC)",
        tables=[("How satisfied were you with support? [q_satisfaction] (Survivors)", change)]))
    data.anonymisation_summary = {"PERSON": 19, "NRP": 27, "FACILITY": 8, "LOCATION": 4}
    return data


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    return write_report(_data(), tmp_path_factory.mktemp("chapter"))


@pytest.fixture(scope="module")
def page(written):
    return written["html"].read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def word(written):
    from docx import Document

    doc = Document(str(written["docx"]))
    paras = "\n".join(p.text for p in doc.paragraphs)
    cells = "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    alts = [d.get("descr") for d in doc.element.body.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]
    return paras, cells, alts


def test_no_question_ids_in_headings_captions_cells_or_alt_text(page, word):
    paras, cells, alts = word
    shown = re.findall(r"<(?:h\d|caption|figcaption|td|th)[^>]*>([^<]*)<", page)
    shown += re.findall(r'aria-label="([^"]*)"', page)
    assert shown
    assert not [s for s in shown if ID_IN_TEXT.search(s)]
    assert "How satisfied were you with support?" in page
    assert not ID_IN_TEXT.search(paras) and not ID_IN_TEXT.search(cells)
    assert alts and not [a for a in alts if ID_IN_TEXT.search(a or "")]


def test_method_counts_in_words(page, word):
    text = re.sub(r"<[^>]+>", " ", page)
    assert "8 names of buildings and facilities" in text
    replaced = re.search(r"details were replaced: ([^.]*)\.", text).group(1)
    assert "27 nationalities, religious or political groups" in replaced
    assert not re.search(r"\b(nrp|facility|location|person)\b", replaced, re.I)
    assert "8 names of buildings and facilities" in word[0]


def test_consent_question_not_charted(written, page):
    assert not [k for k in written if "consent" in k and k.startswith("figure:")]
    assert any(k.startswith("figure:closed_q_satisfaction") for k in written)
    assert "Do you agree to take part?" not in re.sub(r'id="appendix".*', "", page, flags=re.S)


def test_quotes_carry_no_selection_note_in_the_body(written, page, word):
    import csv

    assert "<blockquote>" in page
    assert "automatic choice" not in page and "automatic choice" not in word[0]
    with open(written["quotes_csv"], encoding="utf-8") as fh:  # still said where it belongs
        assert any("automatic choice" in (r.get("selection") or "") for r in csv.DictReader(fh))


# SYNTHETIC project.yaml content about services and recovery.
ABOUT_YAML = """
name: Synthetic chapter (SYNTHETIC)
sources:
  - {path: survivors.csv, cohort: survivor}
about:
  scope: SYNTHETIC. What survivors and professionals said about support after sexual violence.
  definition: >-
    SYNTHETIC. Any sexual act or attempt without consent, as used by the commissioners.
  who: SYNTHETIC. Adult survivors and the professionals who support them.
  when: SYNTHETIC. Spring 2026.
  recruitment: SYNTHETIC. Through local services and a helpline, never by cold contact.
services:
  - {name: Synthetic SARC, kind: SARC, serves: "SYNTHETIC. Anyone recently assaulted"}
  - name: Synthetic counselling service
    kind: Counselling
    serves: SYNTHETIC. Adults, at any time after
    question: q_services
    answer: Counselling
"""


def _config(tmp_path, text=ABOUT_YAML):
    from survey.config import load_project

    (tmp_path / "project.yaml").write_text(text, encoding="utf-8")
    return load_project(tmp_path)


def test_about_and_services_keys_are_read_and_checked(tmp_path):
    from survey.errors import ConfigError

    cfg = _config(tmp_path)
    assert cfg.about["definition"].startswith("SYNTHETIC. Any sexual act")
    assert [s.kind for s in cfg.services] == ["SARC", "Counselling"]
    assert cfg.services[1].question == "q_services" and cfg.services[0].answer is None
    for bad, good in (("  recruitment:", "  recruited:"), ("kind: SARC,", "kinds: SARC,"),
                      ("kind: SARC,", "")):
        with pytest.raises(ConfigError) as err:
            _config(tmp_path, ABOUT_YAML.replace(bad, good, 1))
        assert "project.yaml" in str(err.value)
    assert _config(tmp_path, ABOUT_YAML.split("about:")[0]).services == ()


def test_introduction_and_local_services_sections(tmp_path):
    from analysis.report.html import render_html
    from analysis.report.stage import with_project
    from analysis.report.structure import build_blocks
    from analysis.report.tables import build_tables

    tables = with_project(build_tables(make_report_data()), _config(tmp_path))
    blocks = build_blocks(tables)
    anchors = [b.anchor for b in blocks if b.kind == "heading"]
    assert anchors[:4] == ["key-findings", "introduction", "who", "services"]
    i = [b.anchor for b in blocks].index("introduction")
    intro = " ".join(b.text for b in blocks[i + 1:i + 6] if b.kind == "para")
    assert "The definition of sexual violence and abuse used: SYNTHETIC. Any sexual act" in intro
    assert "How people were recruited: SYNTHETIC. Through local services" in intro
    table = next(b.table for b in blocks if b.kind == "table" and b.text == "Local services")
    assert list(table["Kind"]) == ["SARC", "Counselling"]
    counselling = next(t for t in tables.closed if t.key == "closed_q_services").table
    pct = counselling.loc[counselling["Answer"] == "Counselling", "Survivor %"].iloc[0]
    used = [c for c in table.columns if c.startswith("Survivor") and "used it" in c]
    assert used and table[used[0]].iloc[1].startswith(f"{pct:.1f} (") and \
        table[used[0]].iloc[0] == ""
    page = render_html(tables)
    assert '<h2 id="services">Local services</h2>' in page and "Synthetic SARC" in page
    assert '<a href="#introduction">Introduction</a>' in page


def test_no_about_no_empty_sections():
    from analysis.report.structure import build_blocks
    from analysis.report.tables import build_tables

    anchors = [b.anchor for b in build_blocks(build_tables(make_report_data()))
               if b.kind == "heading"]
    assert "introduction" not in anchors and "services" not in anchors


@pytest.mark.libreoffice
def test_pdf_contents_filled_and_tagged(soffice_path, tmp_path, monkeypatch):
    import shutil
    import subprocess

    from analysis.report import stage
    from analysis.report.docx import write_docx
    from analysis.report.tables import build_tables

    if not shutil.which("pdfinfo") or not shutil.which("pdftotext"):
        pytest.skip("poppler-utils (pdfinfo, pdftotext) is not installed")
    monkeypatch.setattr(stage, "_soffice", lambda: soffice_path)
    docx = write_docx(build_tables(make_report_data()), tmp_path / "report.docx")
    made, note = stage.write_pdf(docx, tmp_path / "none.html", tmp_path / "report.pdf")
    assert made, note
    assert "contents filled" in note
    info = subprocess.run(["pdfinfo", str(tmp_path / "report.pdf")], capture_output=True,
                          text=True, check=True).stdout
    assert re.search(r"^Tagged:\s+yes", info, re.M)
    words = subprocess.run(["pdftotext", "-layout", str(tmp_path / "report.pdf"), "-"],
                           capture_output=True, text=True, check=True).stdout
    assert "Update Field" not in words
    assert re.search(r"Who we heard from\s*\.{3,}\s*\d+", words)
    assert re.search(r"Method and limitations\s*\.{3,}\s*\d+", words)


def test_alt_text_says_what_the_chart_shows(written, page, word):
    from analysis.report.tables import build_tables

    tables = build_tables(_data())
    sat = next(t for t in tables.closed if t.key == "closed_q_satisfaction").table
    shown = sat[sat["Survivor %"].map(lambda v: isinstance(v, float))]
    top = shown.loc[shown["Survivor %"].idxmax()]
    base = sat.loc[sat["Answer"] == "Answered (base)", "Survivor"].iloc[0]
    labels = re.findall(r'<svg role="img" aria-label="([^"]*)"', page)
    captions = re.findall(r"<figcaption>([^<]*)</figcaption>", page)
    assert labels and len(labels) == len(captions)
    assert not set(labels) & set(captions)  # not the caption repeated
    closed = next(a for a in labels if "How satisfied were you with support?" in a)
    assert f"base {base} who answered" in closed
    assert f"“{top['Answer']}” {top['Survivor %']:.1f}%" in closed
    assert "not drawn" in closed  # small counts are suppressed in this table
    theme = next(a for a in labels if "Support that helped" in a)
    # the survivors' code counts of that theme are all suppressed ("<5" and "[c]"), and the
    # text says so rather than drawing them
    assert re.search(r"Survivor \(base \d+ who answered\): no percentage can be shown", theme)
    assert html.unescape(closed) in word[2]  # the Word picture's alt text too


def _quote_data(texts_by_code):
    """SYNTHETIC: one survivor answer per (code, text), each a single coded segment."""
    data = make_report_data()
    rows, segs, cods = [], [], []
    for n, (code, text) in enumerate(texts_by_code):
        rid = f"s{n % 14:02d}"
        aid = f"{rid}_q_extra_{n}"
        rows.append({"answer_id": aid, "response_id": rid, "question_id": "q_improve",
                     "text": text, "lang": "en"})
        segs.append({"segment_id": f"{aid}_0", "answer_id": aid, "start": 0, "end": len(text),
                     "text": text})
        cods.append({"segment_id": f"{aid}_0", "code_id": code, "coder": "AB",
                     "source": "human", "confidence": 1.0, "status": "accepted",
                     "evidence": "", "decided_at": "2026-03-01T10:00:00"})
    data.answers = pd.DataFrame(rows)
    data.segments = pd.DataFrame(segs)
    data.codings = pd.DataFrame(cods)
    return data


# SYNTHETIC answers about services.
SHARED = "The support worker explained every step in plain words and never rushed me at all."
GAPPY = ("I was sent from [ORGANIZATION 1] to [ORGANIZATION 2] and then to [LOCATION 1] before "
         "anyone could see me, and the waiting made everything harder to bear.")


def test_no_quote_with_more_than_one_placeholder():
    from analysis.quotes import select_quotes

    plain = ("The waiting list for counselling felt very long and nobody told me what would "
             "happen next or when.")
    quotes, bank = select_quotes(_quote_data([("waiting", GAPPY), ("waiting", plain)]))
    assert GAPPY not in set(quotes["text"])
    assert plain in set(quotes["text"])
    reason = bank.loc[bank["text"] == GAPPY, "reason"].iloc[0]
    assert "placeholder" in reason


def test_no_sentence_quoted_under_two_codes():
    from analysis.quotes import select_quotes

    kind = SHARED + " I always felt believed when I called the service."
    info = SHARED + " The leaflet listed every service clearly, which helped a lot."
    quotes, bank = select_quotes(_quote_data([("kind_staff", kind), ("info", info)]))
    with_shared = [t for t in quotes["text"] if "never rushed me" in t]
    assert len(with_shared) == 1, list(quotes["text"])
    assert any("already quoted under" in str(r) for r in bank["reason"])


def test_theme_tables_put_survivors_first_and_status_in_a_note():
    from analysis.report.structure import build_blocks
    from analysis.report.tables import build_tables

    blocks = build_blocks(build_tables(make_report_data()))
    themes = [b for b in blocks if b.kind == "table" and b.text.endswith("respondents by cohort")
              and b.text != build_tables(make_report_data()).respondents.title]
    assert themes
    for b in themes:
        cols = list(b.table.columns)
        assert "Status" not in cols
        first = next(c for c in cols if c != "Code")
        assert first.startswith("Survivor"), cols
        assert any(n.startswith("Coding: ") for n in b.notes)


def test_closed_tables_put_survivors_first():
    from analysis.report.structure import build_blocks
    from analysis.report.tables import build_tables

    tables = build_tables(make_report_data())
    services = next(t for t in tables.closed if t.key == "closed_q_services")
    assert list(services.value_columns)[0] == "Professional"  # the published order
    b = next(b for b in build_blocks(tables) if b.kind == "table" and
             b.text == "Which services did you use?")
    cols = list(b.table.columns)
    assert cols[0] == "Answer" and cols[1] == "Survivor", cols
    assert cols.index("Professional") > max(i for i, c in enumerate(cols)
                                            if c.startswith("Survivor"))


@pytest.mark.browser
def test_chart_text_at_least_11px_at_390px_without_page_scroll(written, chromium_path):
    from playwright.sync_api import sync_playwright

    from analysis.report.figures import MIN_FONT_PT

    flags = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run"]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path, args=flags)
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(written["html"].resolve().as_uri())
        # rendered px per pt of the chart (matplotlib draws text as paths: its size scales)
        scales = page.evaluate("""[...document.querySelectorAll('figure svg')].map(s =>
            s.getBoundingClientRect().width / parseFloat(s.getAttribute('width')))""")
        scroll = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        browser.close()
    assert scales
    assert min(scales) * MIN_FONT_PT >= 11, (min(scales), MIN_FONT_PT)
    assert scroll[0] <= scroll[1]  # the chart scrolls in its own box, not the page


@pytest.mark.parametrize("variant", ["tiny", "machine", "no_closed"])
def test_no_section_prints_empty(variant, tmp_path):
    """SYNTHETIC variants like a small council's project: tiny cohorts (everything suppressed),
    machine suggestions only, no closed questions; every heading has something under it."""
    from analysis.report.html import render_html
    from analysis.report.structure import build_blocks
    from analysis.report.tables import build_tables

    data = make_report_data(min_count=10, min_base_for_percent=30) if variant == "tiny" else \
        make_report_data(accepted=False) if variant == "machine" else make_report_data()
    if variant == "no_closed":
        spec = dict(INSTRUMENT)
        spec["questions"] = [q for q in INSTRUMENT["questions"] if q["kind"] == "text"]
        data.instrument = instrument_from_dict(spec)
        data.responses = data.responses.drop(columns=["q_satisfaction", "q_services"])
    path = tmp_path / "narrative.md"
    path.write_text("## Recommendations {#recommendations}\n<!-- nothing written yet -->\n",
                    encoding="utf-8")
    from dataclasses import replace

    from analysis import narrative

    tables = build_tables(data)
    blocks = build_blocks(replace(tables, narrative=narrative.load(tables, path)))
    for i, b in enumerate(blocks):
        if b.kind != "heading":
            continue
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        assert nxt is not None and not (nxt.kind == "heading" and nxt.level <= b.level), b.text
    page = render_html(tables)
    text = re.sub(r"<[^>]+>", " ", page.split("</style>", 1)[1])
    assert not re.search(r"\b(nan|None|NaN)\b", text)


def test_local_picture_holds_the_context_and_the_prevalence_gap(tmp_path):
    from pathlib import Path

    from analysis.prevalence import prevalence_section, read_prevalence
    from analysis.report.stage import with_project
    from analysis.report.structure import build_blocks
    from analysis.report.tables import build_tables

    data = make_report_data()
    data.extra_sections = [prevalence_section(read_prevalence(
        Path(__file__).resolve().parents[3] / "data" / "reference" / "prevalence_example.csv"))]
    text = ABOUT_YAML.replace("  recruitment:", "  context: SYNTHETIC. A mixed urban and rural "
                              "area with one SARC.\n  recruitment:")
    blocks = build_blocks(with_project(build_tables(data), _config(tmp_path, text)))
    heads = [(b.anchor, b.level) for b in blocks if b.kind == "heading"]
    anchors = [a for a, _l in heads]
    at = anchors.index("local-context")
    assert anchors[at - 1] == "services" and anchors[at + 1].startswith("prevalence")
    assert heads[at + 1][1] == 2  # the gap sits inside the local picture
    i = [b.anchor for b in blocks].index("local-context")
    assert blocks[i + 1].text == "SYNTHETIC. A mixed urban and rural area with one SARC."
    assert not any("Local context:" in b.text for b in blocks if b.kind == "para")


def test_one_detail_in_the_singular():
    from analysis.report.structure import method_paragraphs
    from analysis.report.tables import build_tables

    data = make_report_data()
    data.anonymisation_summary = {"UK_NHS_NUMBER": 1, "EMAIL_ADDRESS": 1, "PERSON": 1,
                                  "PHONE_NUMBER": 2}
    joined = " ".join(method_paragraphs(build_tables(data)))
    assert "1 NHS number," in joined or "1 NHS number." in joined
    assert "1 email address" in joined and "1 name of people" not in joined
    assert "2 phone numbers" in joined
