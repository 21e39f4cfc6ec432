"""Tests for quotes.csv and the table CSVs, read back with pandas (SYNTHETIC data)."""

from __future__ import annotations

import pandas as pd

from analysis.report.csv_out import QUOTES_CSV_COLUMNS


def test_write_quotes_csv_has_contract_columns(written):
    df = pd.read_csv(written["quotes_csv"])
    assert list(df.columns) == QUOTES_CSV_COLUMNS
    assert len(df) > 0 and set(df["rank"]) <= {1, 2, 3}


def test_write_quotes_csv_escapes_formula_text(written):
    df = pd.read_csv(written["quotes_csv"])
    texts = df["text"].astype(str)
    assert not texts.str.match(r"[=+\-@]").any()
    assert texts.str.startswith("'=HYPERLINK").any()


def test_write_table_csvs_publish_suppressed_markers(written):
    themes = pd.read_csv(written["table:themes"], dtype=str)
    assert (themes == "<5").any().any()
    counts = pd.to_numeric(themes["Survivor"], errors="coerce").dropna()
    assert not ((counts > 0) & (counts < 5)).any()
