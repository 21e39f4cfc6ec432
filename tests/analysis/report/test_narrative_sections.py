"""The writer's own sections in ``narrative.md``: added sections placed in Word and HTML, draft
prompts that never reach an output, typed numbers that may be stale (SYNTHETIC data)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from synthetic_data import make_report_data

from analysis import narrative
from analysis.report.structure import build_blocks
from analysis.report.tables import build_tables

# SYNTHETIC writer's text: about services and recovery.
ADDED = """## Recommendations {#recommendations after=findings}
- SYNTHETIC: commissioners fund one shared directory of services for frontline staff.
- SYNTHETIC: the counselling service writes to everyone on its waiting list
  each month.

## Next steps {#next-steps}
SYNTHETIC: the chapter goes to the Health and Wellbeing Board in spring.
"""


@pytest.fixture(scope="module")
def tables():
    return build_tables(make_report_data())


def _headings(blocks):
    return [(b.anchor, b.text) for b in blocks if b.kind == "heading"]


def test_added_section_is_accepted_and_placed_after_the_named_one(tables, tmp_path):
    path = tmp_path / "narrative.md"
    path.write_text(ADDED, encoding="utf-8")
    loaded = narrative.load(tables, path)
    blocks = build_blocks(replace(tables, narrative=loaded))
    anchors = [a for a, _t in _headings(blocks)]
    assert "recommendations" in anchors and "next-steps" in anchors
    # after the whole findings section (its theme sub-sections too), before the next one
    rec = anchors.index("recommendations")
    themes = [i for i, a in enumerate(anchors) if a.startswith("theme-")]
    assert themes and rec > max(themes)
    assert anchors[rec + 1] not in ("differences",) and not anchors[rec + 1].startswith("theme-")
    # unplaced: at the end of the body, before the method and the appendix
    assert anchors.index("next-steps") == anchors.index("method") - 1
    i = [b.anchor for b in blocks].index("recommendations")
    assert blocks[i].text == "Recommendations" and blocks[i].level == 1
    assert blocks[i + 1].kind == "bullets" and len(blocks[i + 1].items) == 2
    assert blocks[i + 1].items[1].endswith("waiting list each month.")  # a wrapped bullet
    assert blocks[i + 2].kind == "heading"


def test_added_section_printed_in_html_and_word(tables, tmp_path):
    from docx import Document

    from analysis.report.docx import write_docx
    from analysis.report.html import render_html

    path = tmp_path / "narrative.md"
    path.write_text(ADDED, encoding="utf-8")
    t = replace(tables, narrative=narrative.load(tables, path))
    page = render_html(t)
    assert '<h2 id="recommendations">Recommendations</h2>' in page
    assert "the chapter goes to the Health and Wellbeing Board" in page
    assert page.index("Recommendations</h2>") < page.index("Next steps</h2>") < page.index(
        "Method and limitations</h2>")
    assert '<a href="#recommendations">Recommendations</a>' in page  # in the contents
    doc = Document(str(write_docx(t, tmp_path / "r.docx")))
    paras = [(p.style.name, p.text) for p in doc.paragraphs]
    assert ("Heading 1", "Recommendations") in paras and ("Heading 1", "Next steps") in paras
    assert any("shared directory of services" in txt for _s, txt in paras)


def test_after_naming_no_section_is_refused_with_its_line(tables, tmp_path):
    path = tmp_path / "narrative.md"
    path.write_text("## Key findings {#key-findings}\n- SYNTHETIC.\n\n"
                    "## Recommendations {#recommendations after=nowhere}\nSYNTHETIC.\n",
                    encoding="utf-8")
    with pytest.raises(narrative.NarrativeError) as err:
        narrative.load(tables, path)
    assert "line 4" in str(err.value) and "after=nowhere" in str(err.value)


def test_draft_prompts_are_comments_that_never_reach_an_output(tables, tmp_path):
    from docx import Document

    from analysis.report.docx import write_docx
    from analysis.report.html import render_html

    path = narrative.write_draft(tables, tmp_path / "narrative.md")
    text = path.read_text(encoding="utf-8")
    assert "Write an introduction" in text or "Write your" in text  # prompts are there ...
    for line in text.splitlines():
        if "Write an introduction" in line or "Write your" in line:
            assert line.strip().startswith("<!--") and line.strip().endswith("-->")
    assert "{#recommendations" in text and "{#next-steps" in text
    t = replace(tables, narrative=narrative.load(tables, path))
    page = render_html(t)
    doc = Document(str(write_docx(t, tmp_path / "r.docx")))
    words = page + "\n".join(p.text for p in doc.paragraphs)
    assert "Write an introduction" not in words and "Write your" not in words
    # an unwritten added section prints nothing, not an empty heading
    assert 'id="recommendations"' not in page


def test_old_style_prompt_lines_are_dropped(tables, tmp_path):
    from analysis.report.html import render_html

    path = tmp_path / "narrative.md"
    path.write_text("## Who we heard from {#who}\n(Write an introduction to this section here, "
                    "or delete this section.)\n", encoding="utf-8")
    page = render_html(replace(tables, narrative=narrative.load(tables, path)))
    assert "Write an introduction" not in page


def test_typed_number_equal_to_no_figure_is_warned_with_its_line(tables, tmp_path):
    values = narrative.placeholders(tables)
    total = values["respondents.total"]
    pct = next(v for k, v in values.items() if k.startswith("theme.") and ".pct." in k)
    path = tmp_path / "narrative.md"
    path.write_text("## Who we heard from {#who}\n"
                    f"SYNTHETIC: {total} people answered, and {pct}% raised it.\n"
                    "\n"
                    "SYNTHETIC: in 2025 about 316 people were known to services, 45.5% of them.\n"
                    "<!-- 999 in a comment is not text -->\n"
                    "SYNTHETIC: {{respondents.total}} answered; see recommendation 2.\n",
                    encoding="utf-8")
    warnings = narrative.stale_numbers(tables, path)
    assert len(warnings) == 2, warnings
    assert all(w.startswith("narrative.md line 4:") for w in warnings)
    assert "316" in warnings[0] and "45.5" in warnings[1]
    assert all("\n" not in w for w in warnings)


def test_draft_introductions_hold_no_fixed_figures(tmp_path):
    from dataclasses import replace as dc_replace

    from analysis.report.data import ReportSection

    data = make_report_data()
    # SYNTHETIC: a section whose generated introduction holds a figure (316) no placeholder names
    import pandas as pd

    data.extra_sections.append(ReportSection(
        "local_figures", "Local figures (SYNTHETIC)",
        intro="SYNTHETIC: 316 people were known to services in 2025.",
        tables=[("SYNTHETIC", pd.DataFrame({"a": [1]}))]))
    t = build_tables(data)
    text = narrative.draft(t)
    for line in text.splitlines():
        if "316" in line:
            assert line.startswith("<!--")  # kept out of the writer's text, so it stays live
    path = tmp_path / "narrative.md"
    path.write_text(text, encoding="utf-8")
    assert narrative.stale_numbers(t, path) == []
    page_blocks = build_blocks(dc_replace(t, narrative=narrative.load(t, path)))
    assert any("316 people were known" in b.text for b in page_blocks if b.kind == "para")


def test_readme_narrative_examples_hold(tables, tmp_path):
    """The README's narrative examples: the placeholder names a theme of the demo codebook in
    the form the report fills, and the section example parses and is placed."""
    import re
    from pathlib import Path

    import yaml

    root = Path(__file__).resolve().parents[3]
    readme = root.joinpath("README.md").read_text(encoding="utf-8")
    part = readme[readme.index("**Your own words, live numbers.**"):]
    part = part[:part.index("\n- **", 5)]
    names = re.findall(r"\{\{([^{}]+)\}\}", part)
    assert names
    demo_themes = {t["id"] for t in yaml.safe_load(
        root.joinpath("data", "demo", "codebook.yaml").read_text(encoding="utf-8"))["themes"]}
    forms = {re.sub(r"^theme\.[^.]+\.", "theme.ID.", k) for k in narrative.placeholders(tables)}
    for name in names:
        kind, theme_id, *_ = name.split(".")
        assert kind == "theme" and theme_id in demo_themes, name
        assert re.sub(r"^theme\.[^.]+\.", "theme.ID.", name) in forms, name
    sections = re.findall(r"`(## [^`]*\{#[^`]*\})`", part)
    assert sections
    for line in sections:
        m = narrative.SECTION.match(line)
        assert m, line
        text = f"{line}\nSYNTHETIC: a recommendation.\n"
        path = tmp_path / "narrative.md"
        path.write_text(text, encoding="utf-8")
        assert m.group(2) in narrative.load(tables, path)
