"""Tests for the self-contained HTML report (SYNTHETIC data)."""

from __future__ import annotations

import re

import pytest

from analysis.report.html import inline_svg

SECTIONS = ["Contents", "Key findings", "Who we heard from", "Themes", "Closed questions",
            "Method and limitations", "Appendix: tables", "Appendix: emergent themes"]


@pytest.fixture(scope="module")
def page(written):
    return written["html"].read_text(encoding="utf-8")


def test_write_html_has_no_external_reference(page):
    assert "http" not in page.lower()
    assert not re.search(r"(src|href)\s*=\s*[\"'](?!#)", page)
    assert "<svg" in page  # charts are inline


def test_write_html_escapes_script_text(page):
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_write_html_sections_in_jsna_order(page):
    headings = re.findall(r"<h2[^>]*>(.*?)</h2>", page)
    assert [h for h in headings if h in SECTIONS] == SECTIONS


def test_write_html_accessible_structure(page):
    assert page.count("<main") == 1 and 'href="#main"' in page  # skip link
    assert '<nav class="toc"' in page and "@media print" in page and "size:A4" in page
    assert page.count("<table>") == page.count("<caption>") > 3
    assert page.count("<table>") == page.count('<div class="table-wrap"')
    for anchor in re.findall(r'<a href="#([^"]+)"', page):
        assert f'id="{anchor}"' in page


def test_write_html_shows_suppressed_counts(page):
    assert "&lt;5" in page and "[c]" in page


def test_write_html_machine_banner_only_for_suggestions(page, written_machine):
    machine = written_machine["html"].read_text(encoding="utf-8")
    assert "not yet reviewed by a person" not in page and "DRAFT" not in page
    assert "<title>" in machine and "(DRAFT)</title>" in machine
    assert 'class="banner"' in machine and "DRAFT" in machine
    assert "&lt;10" in machine


def test_inline_svg_strips_urls():
    svg = ('<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"\n '
           '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n<svg xmlns:xlink="http://'
           'www.w3.org/1999/xlink" xmlns="http://www.w3.org/2000/svg"><metadata><rdf:RDF '
           'xmlns:dc="http://purl.org/dc/elements/1.1/"/></metadata><path d="M0 0"/></svg>')
    out = inline_svg(svg)
    assert "http" not in out and out.startswith("<svg") and "<path" in out
