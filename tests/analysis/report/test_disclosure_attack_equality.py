"""The closed-question tables and the equality tables' closed answers, attacked together.

Written apart from the auditor and the plan (survey/anonymise/disclosure_audit.py,
analysis/report/disclosure.py) and sharing none of their code: it reads only what a reader gets
(``tables/closed_*.csv``, the workbook's wave sheets and its Equality sheet, or the same tables
in memory for a synthetic project), writes its own relations, and bounds each hidden cell with
scipy's HiGHS LP. A hidden cell is "pinned" when its bounds leave no room at all.

Relations a reader writes: everything test_disclosure_published.py writes for the closed tables
(options add up to the base for a single-choice question, are at most it otherwise; cohorts add
up to the all-cohort column; waves to the pooled figure); in an equality table, groups add up to
"All", options to the answered base (single choice) or at most it (multiple choice); for a
single-choice characteristic, a question's "All" count is the closed table's count summed over
the cohorts asked (everyone surveyed is in exactly one group, "Not stated or withheld" taking
those who gave no usable answer); for a multiple-choice one, each group is at most that count
and it at most "All"; a group's answered base is at most the group's size in the
characteristic's own closed table.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from test_disclosure_attack_themes import Attack, closed_relations  # sibling test modules
from test_disclosure_published import (  # a sibling test module, by path
    ALLC,
    ALLW,
    BASE,
    _from_outputs,
    _pooled_frame,
    _wave_frame,
)

from survey.instrument import read_instrument

ANSWERED = "Answered (base)"
ALL = "All"


def equality_frame(att: Attack, char, df: pd.DataFrame, questions: dict,
                   cohorts: list[str]) -> int:
    """One equality table of closed answers; returns how many blocks it held."""
    cols = [str(c) for c in df.columns]
    groups = [c for c in cols if f"{c} %" in cols and c != ALL]
    by_text = {q.text: q for q in questions.values()}
    asked_char = {str(c).lower() for c in char.cohorts}
    n = 0
    for text, block in df.groupby("Question", sort=False):
        q = by_text[str(text)]
        n += 1
        options = [str(a) for a in block["Answer"] if a != ANSWERED]
        for _, r in block.iterrows():
            o = BASE if r["Answer"] == ANSWERED else str(r["Answer"])
            for g in [*groups, ALL]:
                att.put(("EQ", char.id, q.id, o, g), r.get(g))
            att.eqs.append((("EQ", char.id, q.id, o, ALL),
                            [("EQ", char.id, q.id, o, g) for g in groups]))
        for g in [*groups, ALL]:
            parts = [("EQ", char.id, q.id, o, g) for o in options]
            if q.kind == "multiple":
                att.les += [(k, ("EQ", char.id, q.id, BASE, g)) for k in parts]
            else:
                att.eqs.append((("EQ", char.id, q.id, BASE, g), parts))
        # the cohorts counted: asked the characteristic and the question, shown in the tables
        asked = [c for c in cohorts if (not asked_char or c.lower() in asked_char)
                 and (not q.cohorts or c.lower() in {str(x).lower() for x in q.cohorts})]
        for o in [*options, BASE]:
            pooled = [(q.id, c, o, ALLW) for c in asked]
            if not pooled or not all(k in att.cells for k in pooled):
                continue
            every = ("EQ", char.id, q.id, o, ALL)
            if char.kind != "multiple":
                att.eqs.append((every, pooled))
            else:
                total = ("POOL", char.id, q.id, o)
                att.eqs.append((total, pooled))
                att.les.append((total, every))
                att.les += [(("EQ", char.id, q.id, o, g), total) for g in groups]
        for g in groups:
            size = [(char.id, c, g, ALLW) for c in asked]
            if size and all(k in att.cells for k in size):
                att.eqs.append((("SIZE", char.id, q.id, g), size))
                att.les.append((("EQ", char.id, q.id, BASE, g), ("SIZE", char.id, q.id, g)))
    return n


def _sheet_tables(ws) -> list[tuple[str, pd.DataFrame]]:
    """A sheet's tables: a caption row, a header row, body rows up to a blank row."""
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    out, i = [], 0
    while i < len(rows) - 1:
        nxt = rows[i + 1]
        if rows[i] and rows[i][0] and nxt and nxt[0] in ("Theme", "Question") and all(
                x is None for x in rows[i][1:]):
            header = [str(x) if x is not None else f"_{j}" for j, x in enumerate(nxt)]
            body, j = [], i + 2
            while j < len(rows) and any(x is not None for x in rows[j][1:]):
                body.append(dict(zip(header, rows[j])))
                j += 1
            out.append((str(rows[i][0]), pd.DataFrame(body, columns=header)))
            i = j
        else:
            i += 1
    return out


def attack_outputs(out: Path, instrument) -> tuple[Attack, int]:
    """Everything a reader of the closed CSVs and the workbook sees; and the equality blocks
    read."""
    import openpyxl

    cells, waves = _from_outputs(out)
    att = Attack(cells)
    questions = {q.id: q for q in instrument.closed}
    cohorts = sorted({k[1] for k in cells if k[1] != ALLC})
    wb = openpyxl.load_workbook(out / "report.xlsx", read_only=True)
    n = 0
    for caption, df in _sheet_tables(wb["Equality"]) if "Equality" in wb.sheetnames else []:
        m = re.fullmatch(r"Closed questions by (.+)", caption)
        if not m:
            continue
        char = next(x for x in instrument.closed if x.sensitive and (
            (x.aliases[0] if x.aliases else x.text).lower() == m.group(1)))
        n += equality_frame(att, char, df, questions, cohorts)
    closed_relations(att, waves, {q.id for q in instrument.closed if q.kind != "multiple"})
    return att, n


def test_closed_and_equality_tables_together_recover_nothing_on_the_demo(demo_output, demo_dir):
    instrument = read_instrument(demo_dir / "instrument.yaml")
    att, blocks = attack_outputs(demo_output, instrument)
    assert blocks >= 10  # the attack read the equality tables' closed answers
    pinned, hidden = att.solve()
    assert hidden > 40
    assert pinned == []


# -- a SYNTHETIC project with tiny groups -----------------------------------------------------
def _tiny_groups_data(seed: int, *, multiple: bool = False):
    """Two waves, two cohorts, a single-choice and a multiple-choice question asked of both,
    and a characteristic asked of survivors with a group of two or three (SYNTHETIC)."""
    from synthetic_data import make_report_data

    from survey.instrument import instrument_from_dict

    data = make_report_data()
    rng = np.random.default_rng(seed)
    char_kind = "multiple" if multiple else "single"
    data.instrument = instrument_from_dict({"name": "SYNTHETIC tiny groups", "questions": [
        {"id": "q_support", "text": "What helped you most?", "kind": "text"},
        {"id": "q_contact", "text": "How did you first contact a service?", "kind": "single",
         "options": ["Phone", "Online", "In person", "Prefer not to say"]},
        {"id": "q_used", "text": "Which services did you use?", "kind": "multiple",
         "options": ["Counselling", "Advocacy", "Helpline"]},
        {"id": "q_group", "text": "Which group describes you?", "kind": char_kind,
         "options": ["Group A", "Group B", "Group C", "Prefer not to say"],
         "cohorts": ["survivor"], "sensitive": True, "aliases": ["Group"]}]})
    rows = []
    for cohort, per_wave in (("survivor", (23, 19)), ("professional", (9, 6))):
        for wave, size in enumerate(per_wave, start=1):
            for i in range(size):
                group = None
                if cohort == "survivor":
                    if multiple:
                        group = [g for g, p in (("Group A", 0.7), ("Group B", 0.35),
                                                ("Group C", 0.08)) if rng.random() < p]
                    else:
                        group = str(rng.choice(["Group A", "Group B", "Group C",
                                                "Prefer not to say"],
                                               p=[0.62, 0.25, 0.08, 0.05]))
                rows.append({
                    "response_id": f"{cohort[0]}{wave}{i:02d}", "source": f"{cohort}.csv",
                    "cohort": cohort, "wave": wave, "kind": "survey", "submitted": None,
                    "q_contact": None if rng.random() < 0.05 else str(rng.choice(
                        ["Phone", "Online", "In person", "Prefer not to say"],
                        p=[0.5, 0.3, 0.15, 0.05])),
                    "q_used": [o for o, p in (("Counselling", 0.6), ("Advocacy", 0.3),
                                              ("Helpline", 0.12)) if rng.random() < p],
                    "q_group": group})
    data.responses = pd.DataFrame(rows)
    data.answers = data.answers.iloc[0:0]
    data.segments = data.segments.iloc[0:0]
    data.codings = data.codings.iloc[0:0]
    return data


def _in_memory_attack(data, tables) -> tuple[Attack, int]:
    cells: dict = {}
    for t in tables.closed:
        _pooled_frame(cells, t.key.removeprefix("closed_"), t.table)
    waves = sorted(int(w) for w in data.responses["wave"].dropna().unique())
    for section in tables.extra_sections:
        if section.key.endswith("closed"):
            pair = tuple(int(x) for x in re.findall(r"\d+", section.key))
            for caption, df in section.tables:
                m = re.search(r"\[(\w+)\] \((.+)\)$", caption)
                _wave_frame(cells, m.group(1), m.group(2), pair, df, waves)
    att = Attack(cells)
    questions = {q.id: q for q in data.instrument.closed}
    cohorts = sorted({k[1] for k in cells if k[1] != ALLC})
    n = 0
    for t in tables.equality:
        if t.key.startswith("equality_closed_"):
            char = questions[t.key.removeprefix("equality_closed_")]
            n += equality_frame(att, char, t.table, questions, cohorts)
    closed_relations(att, waves, {q.id for q in data.instrument.closed if q.kind != "multiple"})
    return att, n


# seed 2 with the multiple-choice characteristic: the closed tables' own "<5" marks (waves of
# "<5" under a "<5" total) pinned counts until protect() showed such cells as "[c]"
@pytest.mark.parametrize(("seed", "multiple"), [(0, False), (1, False), (2, False), (3, False),
                                                (4, False), (0, True), (1, True), (2, True),
                                                (3, True), (4, True),
                                                (5, True)])
def test_tiny_groups_recover_nothing_and_the_audit_reads_them(seed, multiple):
    from analysis.report.stage import audited_problem, disclosure_audit
    from analysis.report.tables import build_tables
    from analysis.waves import compare_waves

    data = _tiny_groups_data(seed, multiple=multiple)
    data.extra_sections.extend(compare_waves(data))
    tables = build_tables(data)
    att, blocks = _in_memory_attack(data, tables)
    shown = [t for t in tables.equality if t.key.startswith("equality_closed_")]
    withheld = [n for t in tables.equality for n in t.notes if n.startswith("Not shown")]
    assert blocks or withheld  # each block is published or said to be withheld
    pinned, hidden = att.solve()
    assert hidden > 5
    assert pinned == []
    # the audit reads the equality tables' closed answers, linked to the closed tables
    problem = audited_problem(data, tables)
    read = {problem.table[k] for k in problem.status if k in problem.table}
    assert {t.key for t in shown} <= read
    assert disclosure_audit(data, tables, problem=problem).passed


def test_audit_disclosure_reads_the_equality_tables(demo_output):
    from typer.testing import CliRunner

    from voices.cli import app

    result = CliRunner().invoke(app, ["audit-disclosure", str(demo_output)])
    assert result.exit_code == 0, result.output
    read = re.findall(r"^(equality_closed_\w+): PASS", result.output, flags=re.MULTILINE)
    assert "equality_closed_gender" in read and len(read) >= 3
