"""End to end: `voices run` on the shipped demo, through the real CLI entry point, in process
(so the socket block applies), then checks on what it left behind."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from voices.cli import app

CONTRACT_FILES = ("project.sqlite", "report.xlsx", "report.html", "report.docx", "quotes.csv",
                  "anonymisation_log.csv", "project.qdpx")


@pytest.fixture(scope="module")
def demo_run(demo_output: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the session's demo run (these tests run stages again into it)."""
    out = tmp_path_factory.mktemp("demo_out") / "out"
    shutil.copytree(demo_output, out)
    return out


def _texts_of(path: Path) -> list[str]:
    """Every piece of text a reader of this file could see."""
    if path.suffix in {".xlsx", ".docx"}:
        with zipfile.ZipFile(path) as zf:
            return [zf.read(n).decode("utf-8", "replace") for n in zf.namelist()]
    if path.suffix == ".sqlite":
        conn = sqlite3.connect(path)
        out = []
        for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'"):
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                out.extend(str(v) for v in row if isinstance(v, str))
        conn.close()
        return out
    if path.suffix == ".png":
        return []
    return [path.read_text(encoding="utf-8", errors="replace")]


def test_demo_run_writes_contract_files(demo_run: Path) -> None:
    for name in CONTRACT_FILES:
        assert (demo_run / name).is_file(), name
    figures = list((demo_run / "figures").glob("*"))
    assert any(f.suffix == ".png" for f in figures) and any(f.suffix == ".svg" for f in figures)


def test_demo_run_store_has_canonical_tables(demo_run: Path) -> None:
    conn = sqlite3.connect(demo_run / "project.sqlite")
    counts = {(c, w): n for c, w, n in conn.execute(
        "SELECT cohort, wave, COUNT(*) FROM responses WHERE kind='survey' "
        "GROUP BY cohort, wave").fetchall()}
    assert counts == {("survivor", 1): 83, ("professional", 1): 128,
                      ("survivor", 2): 40, ("professional", 2): 60}
    assert conn.execute("SELECT COUNT(*) FROM responses WHERE kind='interview'").fetchone()[0] == 6
    assert conn.execute("SELECT COUNT(*) FROM segments").fetchone()[0] > 200
    assert conn.execute("SELECT COUNT(*) FROM codings").fetchone()[0] > 100
    conn.close()


def test_demo_run_leaks_no_planted_identifier(demo_run: Path, demo_dir: Path) -> None:
    planted = json.loads((demo_dir / "planted_identifiers.json").read_text(encoding="utf-8"))
    assert len(planted) >= 40
    corpus = "\n".join(t for f in sorted(demo_run.rglob("*")) if f.is_file()
                       for t in _texts_of(f))
    values = sorted({p["value"] for p in planted}, key=len, reverse=True)
    # One pass with every value (a tenth of the time of one pass per value over ~10 MB): it finds
    # a match exactly when some value occurs; only then is each value searched alone, to count.
    one_pass = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, values)) + r")(?!\w)",
                          flags=re.IGNORECASE)
    leaks = [] if one_pass.search(corpus) is None else sorted(
        {v for v in values
         if re.search(r"(?<!\w)" + re.escape(v) + r"(?!\w)", corpus, flags=re.IGNORECASE)})
    assert leaks == [], f"{len(leaks)} planted identifiers found in outputs"


def test_demo_run_again_keeps_outputs_identical_in_store(demo_dir: Path, demo_run: Path) -> None:
    conn = sqlite3.connect(demo_run / "project.sqlite")
    before = conn.execute("SELECT answer_id, text FROM answers ORDER BY answer_id").fetchall()
    conn.close()
    result = CliRunner().invoke(app, ["ingest", str(demo_dir), "--out", str(demo_run)])
    assert result.exit_code == 0, result.output
    conn = sqlite3.connect(demo_run / "project.sqlite")
    after = conn.execute("SELECT answer_id, text FROM answers ORDER BY answer_id").fetchall()
    conn.close()
    assert before == after


def test_demo_topics_alone_rewrites_emergent_sheet_with_candidate(demo_dir: Path,
                                                                  demo_run: Path) -> None:
    from openpyxl import load_workbook

    book = demo_run / "report.xlsx"
    wb = load_workbook(book)
    del wb["Emergent themes"]
    wb.save(book)
    result = CliRunner().invoke(app, ["topics", str(demo_dir), "--out", str(demo_run)])
    assert result.exit_code == 0, result.output
    sheet = load_workbook(book, read_only=True)["Emergent themes"]
    rows = [[c for c in r] for r in sheet.iter_rows(values_only=True)]
    header = next(r for r in rows if "Candidate new code" in r)
    col = header.index("Candidate new code")
    closest = header.index("Closest code")
    body = [r for r in rows[rows.index(header) + 1:] if r[col] in ("Yes", "No")]
    assert len(body) >= 5
    assert any(r[col] == "Yes" for r in body)  # the planted online-support theme
    assert all(r[closest] for r in body if r[col] == "No")  # each mapped topic names its code


def test_demo_published_differences_hold_their_estimates(demo_run: Path) -> None:
    """The demo's published cohort differences: every interval contains its estimate, the header
    states the order, no p prints as 0, adjusted p never below raw p."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "cohort_checks", Path(__file__).resolve().parents[1] / "analysis" / "report"
        / "test_cohort_differences.py")
    checks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(checks)
    assert checks.assert_published_differences_ok(demo_run / "tables" /
                                                  "cohort_differences.csv") > 0
