"""Fixtures for report tests: a SYNTHETIC ReportData and one written report per session."""

from __future__ import annotations

from pathlib import Path

import pytest
from synthetic_data import make_report_data

from analysis.report.writers import write_report


@pytest.fixture
def report_data():
    """A fresh SYNTHETIC ReportData (accepted codings, min_count 5)."""
    return make_report_data()


def _formula_data():
    data = make_report_data()
    # SYNTHETIC: an answer that a spreadsheet would run as a formula, and an HTML injection.
    text = ("=HYPERLINK(\"x\") is what I typed by mistake, but the support worker was patient "
            "and kind. <script>alert(1)</script> I felt believed from the very first meeting.")
    data.answers.loc[data.answers["answer_id"] == "s00_q_support", "text"] = text
    seg = data.segments["segment_id"] == "s00_q_support_0"
    data.segments.loc[seg, "text"] = text
    data.segments.loc[seg, "end"] = len(text)
    return data


@pytest.fixture(scope="session")
def written(tmp_path_factory) -> dict[str, Path]:
    """A report written from SYNTHETIC data with formula-like and script-like text."""
    return write_report(_formula_data(), tmp_path_factory.mktemp("report"))


@pytest.fixture(scope="session")
def written_machine(tmp_path_factory) -> dict[str, Path]:
    """A report from machine suggestions only, with min_count 10."""
    return write_report(make_report_data(accepted=False, min_count=10),
                        tmp_path_factory.mktemp("report_machine"))
