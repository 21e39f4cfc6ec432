"""``tools/compare_runs.py`` finds a changed cell in a CSV and in the store, and nothing else."""

from __future__ import annotations

import importlib.util
import sqlite3
from pathlib import Path

TOOL = Path(__file__).resolve().parent.parent / "tools" / "compare_runs.py"


def _tool():
    spec = importlib.util.spec_from_file_location("compare_runs", TOOL)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _run(folder: Path, quote: str, code: str, decided_at: str) -> Path:
    (folder / "tables").mkdir(parents=True)
    (folder / "quotes.csv").write_text(f"code,quote\nc1,{quote}\n")
    (folder / "tables" / "themes.csv").write_text("Theme,Survivor\nAccess,12\n")
    with sqlite3.connect(folder / "project.sqlite") as conn:
        conn.execute("CREATE TABLE codings (segment_id TEXT, code_id TEXT, decided_at TEXT)")
        conn.execute("INSERT INTO codings VALUES ('s1', ?, ?)", (code, decided_at))
    return folder


def test_same_results_apart_from_timestamps(tmp_path: Path) -> None:
    a = _run(tmp_path / "a", "It helped (synthetic).", "c1", "2026-12-01T10:00:00")
    b = _run(tmp_path / "b", "It helped (synthetic).", "c1", "2026-12-05T11:30:00")
    assert _tool().compare(a, b) == []


def test_a_changed_quote_and_a_changed_code_are_found(tmp_path: Path) -> None:
    a = _run(tmp_path / "a", "It helped (synthetic).", "c1", "2026-12-01T10:00:00")
    b = _run(tmp_path / "b", "It did not help (synthetic).", "c2", "2026-12-01T10:00:00")
    diffs = _tool().compare(a, b)
    assert any(d.startswith("quotes.csv: row 1, column 'quote'") for d in diffs)
    assert any(d.startswith("project.sqlite: codings: row 1, column 'code_id'") for d in diffs)
    assert _tool().main([str(a), str(b)]) == 1
