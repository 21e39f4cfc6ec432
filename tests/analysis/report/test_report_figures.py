"""Tests for the charts: disclosure-controlled bars, deterministic files (SYNTHETIC data)."""

from __future__ import annotations

import pandas as pd
import pytest
from matplotlib.patches import Rectangle

from analysis.report.figures import save_figure, theme_chart
from analysis.report.tables import build_tables


@pytest.fixture(scope="module")
def tables():
    from synthetic_data import make_report_data
    return build_tables(make_report_data())


def _bar_widths(fig):
    ax = fig.axes[0]
    return [p.get_width() for p in ax.patches if isinstance(p, Rectangle)]


def test_theme_chart_counts_draw_no_suppressed_bar(tables):
    fig = theme_chart(tables.themes, measure="count")
    widths = _bar_widths(fig)
    assert widths and all(w == 0 or w >= tables.min_count for w in widths)
    labels = {t.get_text() for t in fig.axes[0].texts}
    assert "<5" in labels


def test_theme_chart_percent_only_where_published(tables):
    fig = theme_chart(tables.themes)
    widths = _bar_widths(fig)
    t = tables.themes.table[tables.themes.table["Level"] == "code"]
    published = [p for col in tables.themes.value_columns for p in t[f"{col} %"]
                 if p is not None and not pd.isna(p) and p > 0]
    assert sorted(w for w in widths if w > 0) == sorted(published)
    labels = {t.get_text() for t in fig.axes[0].texts}
    assert "n/a (base under 10)" in labels  # professionals: base of 8
    with pytest.raises(ValueError):
        theme_chart(tables.themes, measure="mean")


def test_save_figure_is_deterministic(tables, tmp_path):
    a = save_figure(theme_chart(tables.themes), tmp_path / "a", "chart")
    b = save_figure(theme_chart(tables.themes), tmp_path / "b", "chart")
    for ext in ("png", "svg"):
        assert a[ext].read_bytes() == b[ext].read_bytes()
    svg = a["svg"].read_text(encoding="utf-8")
    assert "<dc:date>" not in svg


def test_write_report_saves_png_and_svg(written):
    figs = [k for k in written if k.startswith("figure:")]
    assert "figure:themes_by_cohort.png" in figs and "figure:themes_by_cohort.svg" in figs
    assert all(written[k].parent.name == "figures" and written[k].stat().st_size > 0
               for k in figs)


def test_theme_section_charts_drawn_and_placed(written):
    from docx import Document

    names = [k for k in written if k.startswith("figure:theme_") and k.endswith(".png")]
    assert len(names) == 2  # one per theme of the synthetic codebook
    doc = Document(str(written["docx"]))
    alts = [d.get("descr") for d in doc.element.body.xpath(".//wp:docPr")]
    assert sum("95% intervals" in a for a in alts) == 2
    html = written["html"].read_text(encoding="utf-8")
    import re

    assert len(re.findall(r"<figcaption>[^<]*share of each cohort raising each code", html)) == 2
