"""CSV outputs: ``quotes.csv`` (a contract) and the published theme and closed-question tables.

Text cells that a spreadsheet would run as a formula get a leading apostrophe (privacy rule 8).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.report.cells import escape_formula, plain
from analysis.report.published import PublishedTable, ReportTables
from survey.atomic import atomic_open

QUOTES_CSV_COLUMNS = ["quote_id", "code_id", "code_label", "theme", "cohort", "text", "rank",
                      "selection", "coding_status"]


def _safe(df: pd.DataFrame) -> pd.DataFrame:
    out = {}
    for col in df.columns:
        vals = [plain(v) for v in df[col]]
        out[escape_formula(str(col))] = pd.Series(
            [escape_formula(v) if isinstance(v, str) else v for v in vals], dtype=object)
    return pd.DataFrame(out)


def write_csv(df: pd.DataFrame, path: str | Path) -> Path:
    """Write ``df`` as UTF-8 CSV (formula text escaped), atomically."""
    with atomic_open(path, newline="") as fh:
        _safe(df).to_csv(fh, index=False)
    return Path(path)


def write_quotes_csv(quotes: pd.DataFrame, path: str | Path) -> Path:
    """Write ``quotes.csv`` with columns :data:`QUOTES_CSV_COLUMNS`."""
    return write_csv(quotes.reindex(columns=QUOTES_CSV_COLUMNS), path)


def write_table_csvs(tables: ReportTables, out_dir: str | Path) -> dict[str, Path]:
    """Write each published table as ``<out_dir>/<key>.csv``; return ``key -> path``."""
    parts: list[PublishedTable] = [tables.respondents, tables.themes, *tables.closed]
    parts += [t for t in (tables.theme_prevalence, tables.cohort_differences) if t is not None]
    if tables.topics is not None:
        parts.append(tables.topics)
    return {t.key: write_csv(t.table, Path(out_dir) / f"{t.key}.csv") for t in parts}
