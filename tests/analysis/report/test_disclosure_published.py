"""The demo's published closed-question numbers, attacked as an intruder would.

The attack here is written apart from the auditor (survey/anonymise/disclosure_audit.py) and
shares none of its code: it reads only what a reader gets (``tables/closed_*.csv`` and the
workbook's wave sheet, plus the published questionnaire for which questions are single choice),
writes every relation between them, and bounds each hidden cell with scipy's HiGHS LP.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import numpy as np
import openpyxl
import pytest
from scipy.optimize import linprog
from typer.testing import CliRunner

from survey.instrument import read_instrument
from voices.cli import app

MIN = 5


@pytest.fixture(scope="module")
def demo_out(demo_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("disclosure_demo")
    result = CliRunner().invoke(app, ["run", str(demo_dir), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _cell(v: object) -> tuple[float, float] | float | None:
    """A published cell: a number, a hidden range ``(low, high)``, or None (blank)."""
    if v is None or v == "":
        return None
    s = str(v).strip()
    if s == f"<{MIN}":
        return (1.0, MIN - 1.0)
    if s == "[c]":
        return (0.0, np.inf)
    return float(s)


def _pooled(out: Path) -> dict[str, dict[str, dict[str, object]]]:
    """qid -> cohort (display name) -> option -> cell, with ``Answered (base)``."""
    found = {}
    for path in sorted((out / "tables").glob("closed_*.csv")):
        qid = path.stem.removeprefix("closed_")
        with path.open(encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        cohorts = [c for c in rows[0]
                   if c not in ("Answer", "Total") and not c.endswith(("%", "CI"))]
        found[qid] = {c: {r["Answer"]: _cell(r[c]) for r in rows
                          if r["Answer"] not in ("No answer", "Total asked")} for c in cohorts}
    return found


def _waves(out: Path) -> dict[tuple[str, str], dict[str, dict[str, object]]]:
    """(qid, cohort) -> option -> {"Wave 1": cell, "Wave 2": cell, "Both waves": cell}."""
    wb = openpyxl.load_workbook(out / "report.xlsx", read_only=True)
    sheets = [n for n in wb.sheetnames if n.startswith("Waves") and n.endswith("closed")]
    found: dict = {}
    for name in sheets:
        rows = [list(r) for r in wb[name].iter_rows(values_only=True)]
        i = 0
        while i < len(rows):
            m = re.search(r"\[(\w+)\] \((.+)\)$", str(rows[i][0] or ""))
            if m and i + 1 < len(rows) and rows[i + 1][0] == "Option":
                header = rows[i + 1]
                cols = {h: j for j, h in enumerate(header) if h in ("Wave 1", "Wave 2",
                                                                    "Both waves")}
                table = {}
                i += 2
                while i < len(rows) and rows[i][0] is not None and not re.search(
                        r"\[\w+\] \(", str(rows[i][0])):
                    label = str(rows[i][0]).replace("Base (answered)", "Answered (base)")
                    table[label] = {h: _cell(rows[i][j]) for h, j in cols.items()}
                    if rows[i][0] == "Base (answered)":
                        i += 1
                        break
                    i += 1
                found[(m.group(1), m.group(2))] = table
                continue
            i += 1
    return found


def _attack(variables: list, eq: list[tuple[dict, float]], ub: list[tuple[dict, float]],
            bounds: dict) -> dict:
    """Min and max of every variable under the constraints (linprog, HiGHS)."""
    idx = {v: i for i, v in enumerate(variables)}
    n = len(variables)

    def mat(rows):
        if not rows:
            return None, None
        a = np.zeros((len(rows), n))
        for r, (coef, _) in enumerate(rows):
            for v, c in coef.items():
                a[r, idx[v]] += c
        return a, np.array([b for _, b in rows])

    a_eq, b_eq = mat(eq)
    a_ub, b_ub = mat(ub)
    bnds = [(bounds[v][0], None if np.isinf(bounds[v][1]) else bounds[v][1]) for v in variables]
    out = {}
    for v in variables:
        c = np.zeros(n)
        c[idx[v]] = 1
        lo = linprog(c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=bnds, method="highs")
        hi = linprog(-c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=bnds,
                     method="highs")
        assert lo.status == 0, f"published numbers are inconsistent around {v}"
        out[v] = (np.ceil(lo.fun - 1e-6), np.inf if hi.status == 3 else np.floor(-hi.fun + 1e-6))
    return out


def _recovered(out: Path, demo_dir: Path) -> tuple[list, int]:
    instrument = read_instrument(demo_dir / "instrument.yaml")
    single = {q.id for q in instrument.closed if q.kind != "multiple"}
    pooled, waves = _pooled(out), _waves(out)
    pinned, hidden = [], 0
    for qid, by_cohort in pooled.items():
        for cohort, cells in by_cohort.items():
            variables, bounds, eq, ub = [], {}, [], []

            def term(name, v):
                """A published number (constant) or a hidden one (variable)."""
                nonlocal hidden
                if isinstance(v, tuple):
                    if name not in bounds:
                        variables.append(name)
                        bounds[name] = v
                        hidden += 1
                    else:  # the same people shown twice: the tighter bound holds
                        lo, hi = bounds[name]
                        bounds[name] = (max(lo, v[0]), min(hi, v[1]))
                    return {name: 1.0}, 0.0
                return {}, float(v or 0)

            def relation(total, parts, kind="eq"):
                coef, const = {}, 0.0
                for sign, (c, k) in [(-1.0, total), *((1.0, p) for p in parts)]:
                    for v, x in c.items():
                        coef[v] = coef.get(v, 0.0) + sign * x
                    const += sign * k
                if coef:
                    (eq if kind == "eq" else ub).append((coef, -const))

            options = [o for o in cells if o != "Answered (base)"]
            pool = {o: term(("all", o), cells[o]) for o in cells}
            if qid in single:
                relation(pool["Answered (base)"], [pool[o] for o in options])
            wave = waves.get((qid, cohort), {})
            if wave:
                per = {(o, w): term((w, o), wave[o][w]) if o in wave else ({}, 0.0)
                       for o in cells for w in ("Wave 1", "Wave 2")}
                for o in cells:
                    if o in wave and wave[o].get("Both waves") is not None:
                        term(("all", o), wave[o]["Both waves"])  # the same cell as pooled
                    relation(pool[o], [per[(o, "Wave 1")], per[(o, "Wave 2")]])
                for w in ("Wave 1", "Wave 2"):
                    if qid in single:
                        relation(per[("Answered (base)", w)], [per[(o, w)] for o in options])
                    else:
                        for o in options:  # a multiple-choice count is at most its base
                            relation(per[("Answered (base)", w)], [per[(o, w)]], kind="ub")
            if not variables:
                continue
            for v, (lo, hi) in _attack(variables, eq, ub, bounds).items():
                if hi - lo < 1:
                    pinned.append((qid, cohort, v, lo))
    return pinned, hidden


def test_no_suppressed_closed_count_is_recovered_from_published_tables(demo_out, demo_dir):
    pinned, hidden = _recovered(demo_out, demo_dir)
    assert hidden > 20  # the attack saw the demo's suppressed cells
    assert pinned == []


def test_the_issues_attacks_no_longer_work(demo_out):
    pooled = _pooled(demo_out)
    eth = pooled["ethnicity"]["Survivor"]
    shown = [v for v in eth.values() if isinstance(v, float)]
    small = [v for v in eth.values() if v == (1.0, 4.0)]
    # base minus every shown option no longer leaves just the "<5" cells
    assert len(small) == 2 and any(v == (0.0, np.inf) for v in eth.values())
    assert shown
    gender = _waves(demo_out)[("gender", "Survivor")]
    for option, cells in gender.items():
        if pooled["gender"]["Survivor"].get(option) == (0.0, np.inf):
            # a cell hidden in the pooled table is hidden in the wave sheet's "Both waves" too
            assert cells["Both waves"] in ((0.0, np.inf), (1.0, 4.0))


def test_audit_disclosure_command_passes_on_the_demo(demo_out):
    result = CliRunner().invoke(app, ["audit-disclosure", str(demo_out)])
    assert result.exit_code == 0, result.output
    assert "PASS" in result.output and "FAIL" not in result.output
