#!/usr/bin/env python3
"""Compare two output folders of ``voices run``: the same results, apart from timestamps?

Used to prove that a change meant to keep behaviour (a refactor) kept it:

    python tools/compare_runs.py outputs/before outputs/after

It compares, and prints one line per difference (exit 1 if any):

* every CSV (``tables/*.csv``, ``quotes.csv``, the quote bank, ``anonymisation_log.csv``) cell by
  cell;
* every table of ``project.sqlite`` row by row, leaving out columns that hold times
  (``*_at``, ``started``, ``finished``...) and the run history;
* every sheet of ``report.xlsx`` cell by cell;
* the text of ``report.html`` and of ``report.docx`` (paragraphs and table cells), with dates
  and times masked;
* which figure files exist (pixels differ with fonts and Matplotlib versions, so only names).

Nothing is printed from the outputs themselves beyond a file, table, row and column name, so the
script is safe to run on a real project.
"""

from __future__ import annotations

import argparse
import re
import sqlite3
import sys
import zipfile
from pathlib import Path

import pandas as pd

TIME_COLUMN = re.compile(r"(^|_)(at|time|timestamp|started|finished|created|updated|when)$")
SKIP_TABLES = {"runs", "sessions", "login_failures"}
# meta keys whose values are times or a toolkit version
SKIP_META = r"(?:time|_at$|started|finished|version|last_run)"
DATE_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?"
                       r"|\d{1,2} [A-Z][a-z]+ \d{4}|\d{2}:\d{2}(:\d{2})?")


def _csv_diffs(a: Path, b: Path, name: str) -> list[str]:
    fa = pd.read_csv(a, dtype=str, keep_default_na=False)
    fb = pd.read_csv(b, dtype=str, keep_default_na=False)
    return _frame_diffs(fa, fb, name)


def _frame_diffs(fa: pd.DataFrame, fb: pd.DataFrame, name: str) -> list[str]:
    if list(fa.columns) != list(fb.columns):
        return [f"{name}: columns differ"]
    if len(fa) != len(fb):
        return [f"{name}: {len(fa)} rows against {len(fb)}"]
    out = []
    for col in fa.columns:
        diff = fa[col].astype(str).to_numpy() != fb[col].astype(str).to_numpy()
        for row in diff.nonzero()[0][:3]:
            out.append(f"{name}: row {row + 1}, column {col!r} differs")
        if diff.sum() > 3:
            out.append(f"{name}: column {col!r}: {int(diff.sum())} cells differ in all")
    return out


def _cell(v: object) -> str:
    """A store cell as text: blobs (embedding vectors) as hex, so they compare byte for byte."""
    return v.hex() if isinstance(v, bytes) else str(v)


def _store_diffs(a: Path, b: Path) -> list[str]:
    out = []
    ca, cb = sqlite3.connect(a), sqlite3.connect(b)
    names = lambda c: {r[0] for r in c.execute(  # noqa: E731
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")}
    ta, tb = names(ca), names(cb)
    for t in sorted(ta ^ tb):
        out.append(f"project.sqlite: table {t} only in {'first' if t in ta else 'second'}")
    for t in sorted((ta & tb) - SKIP_TABLES):
        fa = pd.read_sql_query(f'SELECT * FROM "{t}"', ca)
        fb = pd.read_sql_query(f'SELECT * FROM "{t}"', cb)
        keep = [c for c in fa.columns if not TIME_COLUMN.search(c)]
        if t == "meta" and "key" in fa.columns:
            fa = fa[~fa["key"].astype(str).str.contains(SKIP_META)]
            fb = fb[~fb["key"].astype(str).str.contains(SKIP_META)]
        if list(fa.columns) != list(fb.columns):
            out.append(f"project.sqlite: {t}: columns differ")
            continue
        fa, fb = (f[keep].map(_cell).sort_values(keep).reset_index(drop=True) for f in (fa, fb))
        out += _frame_diffs(fa, fb, f"project.sqlite: {t}")
    return out


def _xlsx_diffs(a: Path, b: Path) -> list[str]:
    from openpyxl import load_workbook

    wa, wb = load_workbook(a, read_only=True), load_workbook(b, read_only=True)
    if wa.sheetnames != wb.sheetnames:
        return ["report.xlsx: sheets differ"]
    out = []
    for name in wa.sheetnames:
        ra, rb = ([[DATE_TEXT.sub("<date>", str(v)) for v in r]
                   for r in book[name].iter_rows(values_only=True)] for book in (wa, wb))
        if len(ra) != len(rb):
            out.append(f"report.xlsx: sheet {name!r}: {len(ra)} rows against {len(rb)}")
            continue
        for i, (x, y) in enumerate(zip(ra, rb)):
            if x != y:
                out.append(f"report.xlsx: sheet {name!r}: row {i + 1} differs")
    return out


def _docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    return re.sub(r"<[^>]+>", " ", xml)


def _text_diffs(a: str, b: str, name: str) -> list[str]:
    wa = DATE_TEXT.sub("<date>", a).split()
    wb = DATE_TEXT.sub("<date>", b).split()
    if wa == wb:
        return []
    first = next((i for i, (x, y) in enumerate(zip(wa, wb)) if x != y), min(len(wa), len(wb)))
    return [f"{name}: text differs from word {first + 1} ({len(wa)} words against {len(wb)})"]


def compare(first: Path, second: Path) -> list[str]:
    """Every difference between two output folders, one line each (no output content)."""
    out: list[str] = []
    csvs = sorted({p.relative_to(first) for p in first.rglob("*.csv")}
                  | {p.relative_to(second) for p in second.rglob("*.csv")})
    for rel in csvs:
        if not (first / rel).exists() or not (second / rel).exists():
            out.append(f"{rel}: only in {'first' if (first / rel).exists() else 'second'}")
            continue
        out += _csv_diffs(first / rel, second / rel, str(rel))
    if (first / "project.sqlite").exists():
        out += _store_diffs(first / "project.sqlite", second / "project.sqlite")
    if (first / "report.xlsx").exists():
        out += _xlsx_diffs(first / "report.xlsx", second / "report.xlsx")
    if (first / "report.html").exists():
        strip = lambda p: re.sub(r"<[^>]+>", " ", re.sub(  # noqa: E731
            r"<svg.*?</svg>|data:image/[^\"']+", " ", p.read_text(encoding="utf-8"), flags=re.S))
        out += _text_diffs(strip(first / "report.html"), strip(second / "report.html"),
                           "report.html")
    if (first / "report.docx").exists():
        out += _text_diffs(_docx_text(first / "report.docx"), _docx_text(second / "report.docx"),
                           "report.docx")
    figs = lambda d: sorted(p.name for p in (d / "figures").glob("*"))  # noqa: E731
    if (first / "figures").is_dir() and figs(first) != figs(second):
        out.append("figures/: the set of figure files differs")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("first", type=Path)
    parser.add_argument("second", type=Path)
    args = parser.parse_args(argv)
    diffs = compare(args.first, args.second)
    for line in diffs:
        print(line)
    print(f"{len(diffs)} difference(s)" if diffs else "same results (timestamps aside)")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
