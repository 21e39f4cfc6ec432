"""The demo's published closed-question numbers, attacked as an intruder would.

The attack here is written apart from the auditor (survey/anonymise/disclosure_audit.py) and
shares none of its code: it reads only what a reader gets (``tables/closed_*.csv`` and the
workbook's wave sheet, plus the published questionnaire for which questions are single choice),
writes every relation between them, and bounds each hidden cell with scipy's HiGHS LP.
"""

from __future__ import annotations

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
def demo_out(demo_output: Path) -> Path:
    """The session's demo run (read only here)."""
    return demo_output


BASE, ALLC, ALLW = "Answered (base)", "(all cohorts)", "all"
SKIP_ROWS = ("No answer", "Total asked")
Cells = dict  # (qid, cohort, option, waves) -> number or (low, high)


def _put(cells: Cells, key: tuple, v: object) -> None:
    if v is None:
        return
    old = cells.get(key)
    if isinstance(old, tuple) and isinstance(v, tuple):  # the same people shown twice
        v = (max(old[0], v[0]), min(old[1], v[1]))
    elif old is not None and not isinstance(old, tuple):
        v = old  # a shown number wins over a hidden range of the same cell
    cells[key] = v


def _pooled_frame(cells: Cells, qid: str, df) -> None:
    """A pooled closed table (``Answer``, one column per cohort, maybe ``Total``)."""
    cohorts = [c for c in df.columns if c != "Answer" and not str(c).endswith(("%", "CI"))]
    for _, r in df.iterrows():
        if r["Answer"] in SKIP_ROWS:
            continue
        for c in cohorts:
            _put(cells, (qid, ALLC if c == "Total" else c, str(r["Answer"]), ALLW), _cell(r[c]))


def _wave_frame(cells: Cells, qid: str, cohort: str, pair: tuple[int, int], df,
                waves: list[int]) -> None:
    """A wave-comparison table (``Option``, ``Wave a``, ``Wave b``, ``Both waves``)."""
    both = ALLW if set(pair) == set(waves) else pair
    for _, r in df.iterrows():
        option = str(r["Option"]).replace("Base (answered)", BASE)
        for col, wk in ((f"Wave {pair[0]}", (pair[0],)), (f"Wave {pair[1]}", (pair[1],)),
                        ("Both waves", both)):
            _put(cells, (qid, cohort, option, wk), _cell(r[col]))
    for o in {k[2] for k in cells if k[0] == qid and k[1] == cohort} - {BASE}:
        for wk in ((pair[0],), (pair[1],), both):  # a row left out is zero in both waves
            cells.setdefault((qid, cohort, o, wk), 0.0)


def _from_outputs(out: Path) -> tuple[Cells, list[int]]:
    """Everything a reader of the CSVs and the workbook's wave sheets sees."""
    import pandas as pd

    cells: Cells = {}
    for path in sorted((out / "tables").glob("closed_*.csv")):
        _pooled_frame(cells, path.stem.removeprefix("closed_"),
                      pd.read_csv(path, dtype=str, keep_default_na=False))
    wb = openpyxl.load_workbook(out / "report.xlsx", read_only=True)
    sheets = {n: tuple(int(x) for x in re.findall(r"\d+", n))
              for n in wb.sheetnames if n.startswith("Waves") and n.endswith("closed")}
    waves = sorted({w for pair in sheets.values() for w in pair})
    for name, pair in sheets.items():
        rows = [list(r) for r in wb[name].iter_rows(values_only=True)]
        for i, row in enumerate(rows):
            m = re.search(r"\[(\w+)\] \((.+)\)$", str(row[0] or ""))
            if not (m and i + 1 < len(rows) and rows[i + 1][0] == "Option"):
                continue
            header, body = rows[i + 1], []
            for r in rows[i + 2:]:
                body.append(dict(zip(header, r)))
                if r[0] == "Base (answered)":
                    break
            _wave_frame(cells, m.group(1), m.group(2), pair, pd.DataFrame(body), waves)
    return cells, waves


def _cell(v: object) -> tuple[float, float] | float | None:
    """A published cell: a number, a hidden range ``(low, high)``, or None (blank)."""
    if v is None or (isinstance(v, float) and np.isnan(v)) or v == "":
        return None
    s = str(v).strip()
    if s == f"<{MIN}":
        return (1.0, MIN - 1.0)
    if s == "[c]":
        return (0.0, np.inf)
    return float(s)


def _relation(idx: dict, cells: Cells, total, parts) -> tuple | None:
    """``sum(parts) - total = 0`` over the hidden cells (``idx``: cell -> column), with the
    shown cells moved to the right-hand side: ``(coefficients, right-hand side)``, or None
    when every cell is shown."""
    coef, const = np.zeros(len(idx)), 0.0
    for sign, k in [(-1.0, total), *((1.0, p) for p in parts)]:
        if k in idx:
            coef[idx[k]] += sign
        else:
            const += sign * cells[k]
    return (coef, -const) if coef.any() else None


def _attack(cells: Cells, waves: list[int], single: set[str]) -> tuple[list, int]:
    """Write every relation between the published cells and bound each hidden one (linprog,
    HiGHS). Returns the pinned cells and how many hidden cells there were."""
    keys: set = set()
    grown = set(cells)
    while grown - keys:  # the other members of every relation, shown or not
        keys |= grown
        for q, c, o, wk in list(keys):
            grown |= {(q, c, BASE, wk), (q, ALLC, o, wk), (q, c, o, ALLW)}
            grown |= {(q, c, o, (w,)) for w in waves}
            if isinstance(wk, tuple) and len(wk) == 2:
                grown |= {(q, c, o, (w,)) for w in wk}
    keys = sorted(keys, key=repr)
    var = [k for k in keys if not isinstance(cells.get(k), float)]
    idx = {k: i for i, k in enumerate(var)}
    eq, ub = [], []

    def row(total, parts, kind="eq"):
        if (r := _relation(idx, cells, total, parts)) is not None:
            (eq if kind == "eq" else ub).append(r)

    groups: dict = {}
    for q, c, o, wk in keys:
        groups.setdefault((q, c, wk), set()).add(o)
    for (q, c, wk), opts in groups.items():
        options = sorted(opts - {BASE})
        if q in single:
            row((q, c, BASE, wk), [(q, c, o, wk) for o in options])
        else:
            for o in options:
                row((q, c, BASE, wk), [(q, c, o, wk)], kind="ub")
    cohorts: dict = {}
    for q, c, o, wk in keys:
        if c != ALLC:
            cohorts.setdefault((q, o, wk), set()).add(c)
    for (q, o, wk), cs in cohorts.items():
        if (q, ALLC, o, wk) in cells:  # the all-cohort column is published
            row((q, ALLC, o, wk), [(q, c, o, wk) for c in sorted(cs)])
    for q, c, o, wk in keys:
        if wk == ALLW and c != ALLC and waves:
            row((q, c, o, ALLW), [(q, c, o, (w,)) for w in waves])
        if isinstance(wk, tuple) and len(wk) == 2:
            row((q, c, o, wk), [(q, c, o, (w,)) for w in wk])
    bounds = [cells[k] if isinstance(cells.get(k), tuple) else (0.0, np.inf) for k in var]
    bounds = [(lo, None if np.isinf(hi) else hi) for lo, hi in bounds]
    a_eq = np.array([r for r, _ in eq]) if eq else None
    b_eq = np.array([b for _, b in eq]) if eq else None
    a_ub = np.array([r for r, _ in ub]) if ub else None
    b_ub = np.array([b for _, b in ub]) if ub else None
    pinned, hidden = [], 0
    for k in var:
        if k not in cells:
            continue  # not published at all: nothing to protect
        hidden += 1
        c = np.zeros(len(var))
        c[idx[k]] = 1
        lo = linprog(c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=bounds,
                     method="highs")
        hi = linprog(-c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=bounds,
                     method="highs")
        assert lo.status == 0, f"published numbers are inconsistent around {k}"
        low = np.ceil(lo.fun - 1e-6)
        high = np.inf if hi.status == 3 else np.floor(-hi.fun + 1e-6)
        if high - low < 1:
            pinned.append((k, low))
    return pinned, hidden


def test_no_suppressed_closed_count_is_recovered_from_published_tables(demo_out, demo_dir):
    instrument = read_instrument(demo_dir / "instrument.yaml")
    single = {q.id for q in instrument.closed if q.kind != "multiple"}
    cells, waves = _from_outputs(demo_out)
    pinned, hidden = _attack(cells, waves, single)
    assert hidden > 20  # the attack saw the demo's suppressed cells
    assert pinned == []


def test_the_issues_attacks_no_longer_work(demo_out):
    cells, _ = _from_outputs(demo_out)
    eth = {k[2]: v for k, v in cells.items() if k[:2] == ("ethnicity", "Survivor")
           and k[3] == ALLW}
    # base minus every shown option no longer leaves just the two "<5" cells
    assert sum(v == (1.0, 4.0) for v in eth.values()) == 2
    assert any(v == (0.0, np.inf) for v in eth.values())
    gender = {k: v for k, v in cells.items() if k[:2] == ("gender", "Survivor")}
    # "Another way" (the issue's "[c]" = 5) is hidden in the pooled table and in the wave
    # sheet's "Both waves" alike: one cell, one decision
    assert isinstance(gender[("gender", "Survivor", "I describe myself another way", ALLW)],
                      tuple)


def test_audit_disclosure_command_passes_on_the_demo(demo_out):
    result = CliRunner().invoke(app, ["audit-disclosure", str(demo_out)])
    assert result.exit_code == 0, result.output
    assert "PASS" in result.output and "FAIL" not in result.output


def _three_wave_data(seed: int):
    """A SYNTHETIC project of three waves and tiny cohorts: a single-choice question asked of
    both cohorts and a multiple-choice one, answers drawn with a fixed seed."""
    import sys

    import pandas as pd

    sys.path.insert(0, str(Path(__file__).parent))
    from synthetic_data import make_report_data

    from survey.instrument import instrument_from_dict

    data = make_report_data()
    data.instrument = instrument_from_dict({"name": "SYNTHETIC three waves", "questions": [
        {"id": "q_support", "text": "What helped you most?", "kind": "text"},
        {"id": "q_improve", "text": "What could services do better?", "kind": "text"},
        {"id": "q_contact", "text": "How did you first contact a service?", "kind": "single",
         "options": ["Phone", "Online", "In person", "Through a friend", "Prefer not to say"]},
        {"id": "q_used", "text": "Which services did you use?", "kind": "multiple",
         "options": ["Counselling", "Advocacy", "Helpline"]}]})
    rng = np.random.default_rng(seed)
    sizes = {"survivor": (9, 6, 11), "professional": (4, 7, 3)}
    old = data.responses.set_index("response_id")
    rows, n = [], {"survivor": 0, "professional": 0}
    for cohort, per_wave in sizes.items():
        for wave, size in enumerate(per_wave, start=1):
            for _ in range(size):
                rid = f"{cohort[0]}{n[cohort]:02d}"
                n[cohort] += 1
                kind = old.at[rid, "kind"] if rid in old.index else "survey"
                rows.append({"response_id": rid, "source": f"{cohort}-w{wave}.csv",
                             "cohort": cohort, "wave": wave, "kind": kind, "submitted": None,
                             "q_contact": None if kind == "interview" else str(rng.choice(
                                 ["Phone", "Online", "In person", "Through a friend",
                                  "Prefer not to say"], p=[0.45, 0.3, 0.12, 0.08, 0.05])),
                             "q_used": [] if kind == "interview" else
                             [o for o, pr in (("Counselling", 0.6), ("Advocacy", 0.3),
                                              ("Helpline", 0.15)) if rng.random() < pr]})
    data.responses = pd.DataFrame(rows)
    return data


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_three_waves_and_tiny_cohorts_recover_nothing(seed):
    from analysis.report.stage import disclosure_audit
    from analysis.report.tables import build_tables
    from analysis.waves import compare_waves

    data = _three_wave_data(seed)
    data.extra_sections.extend(compare_waves(data))
    tables = build_tables(data)
    assert disclosure_audit(data).passed
    cells: Cells = {}
    for t in tables.closed:
        _pooled_frame(cells, t.key.removeprefix("closed_"), t.table)
    waves = [1, 2, 3]
    for section in tables.extra_sections:
        if not section.key.endswith("closed"):
            continue
        pair = tuple(int(x) for x in re.findall(r"\d+", section.key))
        for caption, df in section.tables:
            m = re.search(r"\[(\w+)\] \((.+)\)$", caption)
            _wave_frame(cells, m.group(1), m.group(2), pair, df, waves)
    assert any(k[3] == (1, 2) for k in cells) and any(k[3] == (2, 3) for k in cells)
    pinned, hidden = _attack(cells, waves, {"q_contact"})
    assert hidden > 5
    assert pinned == []


def _unprotected_plan(data) -> dict:
    """The plan a report would use with primary suppression only (no complements)."""
    from analysis.report.disclosure import closed_problem
    from analysis.summarise import closed_tables

    return dict(closed_problem(data, closed_tables).status)


def test_final_report_refused_when_the_audit_fails(tmp_path):
    from types import SimpleNamespace

    from analysis.report.stage import NotFinalError, disclosure_audit, report_stage

    data = _three_wave_data(0)
    data._closed_plan = _unprotected_plan(data)  # as if complements had not been chosen
    assert not disclosure_audit(data).passed
    ctx = SimpleNamespace(config=SimpleNamespace(report=None, seed=0, root=tmp_path),
                          store=SimpleNamespace(read_quote_picks=lambda: None),
                          codebook=None, out_dir=tmp_path / "out", say=lambda _line: None)
    with pytest.raises(NotFinalError, match="disclosure audit fails"):
        report_stage(ctx, data, final=True, pdf=False)
    assert not (tmp_path / "out").exists()  # nothing written


def test_audit_disclosure_command_fails_on_an_unprotected_report(tmp_path):
    import json

    from analysis.report.disclosure import closed_problem
    from analysis.summarise import closed_tables
    from survey.anonymise.disclosure_audit import to_dict

    data = _three_wave_data(0)
    (tmp_path / "disclosure_relations.json").write_text(
        json.dumps(to_dict(closed_problem(data, closed_tables))), encoding="utf-8")
    result = CliRunner().invoke(app, ["audit-disclosure", str(tmp_path)])
    assert result.exit_code == 1
    assert "FAIL" in result.output and "feasible" in result.output
    missing = CliRunner().invoke(app, ["audit-disclosure", str(tmp_path / "nowhere")])
    assert missing.exit_code == 1 and "disclosure_relations.json" in missing.output


def test_one_table_two_small_counts_adding_to_the_remainder_get_a_complement():
    """The bridge search alone leaves the demo's ethnicity column as it was published (two
    "<5" adding up to 8); the LP pass hides the smallest cell that gives them room."""
    import pandas as pd

    from analysis.report.disclosure import SECONDARY_MARK, apply_disclosure

    counts = pd.DataFrame({"survivor": [80, 7, 10, 12, 4, 4, 6]},
                          index=["A", "B", "C", "D", "E", "F", "G"])
    pub, _ = apply_disclosure(counts, min_count=5, min_base_for_percent=10, row_totals=False)
    assert list(pub["survivor"]) == [80, 7, 10, 12, "<5", "<5", SECONDARY_MARK, 123]


def test_min_interval_width_is_read_from_the_project_and_checked(tmp_path):
    from survey.config import load_project
    from survey.errors import ToolkitError

    (tmp_path / "a.csv").write_text("id,q\n1,x\n", encoding="utf-8")
    base = "name: SYNTHETIC\nsources:\n  - path: a.csv\n    cohort: a\n"
    (tmp_path / "project.yaml").write_text(base + "disclosure: {min_interval_width: 2}\n",
                                           encoding="utf-8")
    assert load_project(tmp_path).disclosure.min_interval_width == 2
    (tmp_path / "project.yaml").write_text(base + "disclosure: {min_interval_width: 0}\n",
                                           encoding="utf-8")
    with pytest.raises(ToolkitError, match="disclosure.min_interval_width"):
        load_project(tmp_path)


def test_reader_view_of_a_table_catches_a_total_that_gives_a_cell_away():
    """The audit reads tables as shown: a "<5" beside a shown cohort and a shown total is 3."""
    import pandas as pd

    from analysis.report.disclosure import add_frame
    from survey.anonymise.disclosure_audit import LinkedTables, audit

    shown = pd.DataFrame({"Survivor": [12, "<5"], "Professional": ["<5", 9],
                          "All respondents": [15, "[c]"]})
    p = LinkedTables(min_count=5)
    add_frame(p, "themes", shown, ["Survivor", "Professional"], "All respondents")
    result = audit(p)
    pinned = [c for c in result.cells if c.pinned]
    assert [(c.key[2], c.key[3], c.low) for c in pinned] == [("0", "Professional", 3.0)]
    assert not result.passed


def _asked_of_one_cohort_data():
    """A SYNTHETIC project like a user's: 62 surveyed survivors, 2 surveyed professionals, and
    one closed question asked of survivors only (60 answered it, 2 skipped it); free text
    from survivors only."""
    import sys

    import pandas as pd

    sys.path.insert(0, str(Path(__file__).parent))
    from synthetic_data import make_report_data

    from survey.instrument import instrument_from_dict

    data = make_report_data()
    data.instrument = instrument_from_dict({"name": "SYNTHETIC asked of one cohort",
                                            "questions": [
        {"id": "q_support", "text": "What helped you most?", "kind": "text"},
        {"id": "q_improve", "text": "What could services do better?", "kind": "text"},
        {"id": "q_age", "text": "What is your age band?", "kind": "single",
         "options": ["16-24", "25-44", "45-64", "65+"], "cohorts": ["survivor"]}]})
    bands = ["16-24"] * 16 + ["25-44"] * 11 + ["45-64"] * 25 + ["65+"] * 8 + [None] * 2
    rows = [{"response_id": f"s{i:02d}", "source": "survivors.csv", "cohort": "survivor",
             "wave": 1, "kind": "survey", "submitted": None, "q_age": band}
            for i, band in enumerate(bands)]
    rows += [{"response_id": f"p{i:02d}", "source": "pros.csv", "cohort": "professional",
              "wave": 1, "kind": "survey", "submitted": None, "q_age": None} for i in range(2)]
    data.responses = pd.DataFrame(rows)
    # only survivors answered the free text, so the theme table has no small column
    data.answers = data.answers[data.answers["response_id"].str.startswith("s")]
    data.segments = data.segments[data.segments["answer_id"].isin(data.answers["answer_id"])]
    data.codings = data.codings[data.codings["segment_id"].isin(data.segments["segment_id"])]
    return data


def test_respondents_table_and_total_asked_do_not_give_a_suppressed_cohort_away():
    """Respondents by cohort and a question's "Total asked" count the same people: a reader
    subtracting one from the other must not recover a hidden cohort size."""
    from analysis.report.stage import disclosure_audit
    from analysis.report.tables import build_tables

    data = _asked_of_one_cohort_data()
    tables = build_tables(data)
    assert disclosure_audit(data, tables).passed
    resp = tables.respondents.table
    first = resp.columns[0]
    kinds = [c for c in resp.columns if c not in (first, "Total")]
    cohorts = [str(c) for c in resp[first] if c != "Total"]
    closed = next(t.table for t in tables.closed if t.key == "closed_q_age")
    asked = closed[closed["Answer"] == "Total asked"].iloc[0]
    answered = closed[closed["Answer"] == "Answered (base)"].iloc[0]
    no_answer = closed[closed["Answer"] == "No answer"].iloc[0]
    asked_cohorts = [c for c in cohorts if c in closed.columns]
    assert asked_cohorts == ["Survivor"]
    # written apart from the auditor: what a reader of these two tables knows
    cells: dict = {}
    for _, r in resp.iterrows():
        for col in [*kinds, "Total"]:
            cells[("resp", str(r[first]), col)] = _cell(r[col])
    for c in asked_cohorts:
        for name, row in (("asked", asked), ("answered", answered), ("none", no_answer)):
            cells[(name, c)] = _cell(row[c])
    var = [k for k, v in cells.items() if not isinstance(v, float)]
    idx = {k: i for i, k in enumerate(var)}
    eq: list = []

    def equal(total, parts):
        if (r := _relation(idx, cells, total, parts)) is not None:
            eq.append(r)

    for c in [*cohorts, "Total"]:
        equal(("resp", c, "Total"), [("resp", c, k) for k in kinds])
    for k in [*kinds, "Total"]:
        equal(("resp", "Total", k), [("resp", c, k) for c in cohorts])
    for c in asked_cohorts:  # everyone surveyed in the cohort was asked the question
        equal(("asked", c), [("resp", c, k) for k in kinds if k != "Interview"])
        equal(("asked", c), [("answered", c), ("none", c)])
    bounds = [(v[0], None if np.isinf(v[1]) else v[1]) if isinstance(v, tuple) else (0, None)
              for v in (cells[k] for k in var)]
    a_eq, b_eq = np.array([r for r, _ in eq]), np.array([b for _, b in eq])
    hidden = [k for k in var if k[0] == "resp"]
    assert hidden, "the small professional cohort is suppressed"
    for k in hidden:
        c = np.zeros(len(var))
        c[idx[k]] = 1
        lo = linprog(c, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        hi = linprog(-c, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        assert lo.status == 0, f"published numbers are inconsistent around {k}"
        high = np.inf if hi.status == 3 else -hi.fun
        assert high - lo.fun >= 1 - 1e-6, f"{k} is pinned at {lo.fun:g}"
