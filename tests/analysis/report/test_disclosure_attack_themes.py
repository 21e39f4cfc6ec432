"""The closed-question tables, the theme table, the theme wave comparisons and the codes new in
a wave, attacked together as an intruder would.

Like test_disclosure_published.py (whose readers of the closed tables it reuses), this is written
apart from the auditor and the planners (survey/anonymise/disclosure_audit.py,
analysis/report/disclosure.py, analysis/report/theme_plan.py) and shares none of their code: it
reads only what a reader gets (``tables/*.csv`` and the workbook's sheets, or the same tables in
memory for a synthetic project), writes its own relations, and bounds each hidden cell with
scipy's HiGHS LP. The equality tables are left to their own attack (test_equality.py).

Relations a reader writes: cohorts add up to "All respondents" (counts and bases); counts are
at most their base; a code is at most its theme, a theme at most the sum of its codes; two waves
add up to "Both waves"; a cohort's survey respondents over every wave are at most its pooled
figure, and equal to it where the respondents table shows the cohort had no interviews; a theme
left out of a cohort's wave table had nobody in either wave; a code new in a wave had nobody in
the wave before. A count shown in one table and hidden in another is recovered too.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import linprog

sys.path.insert(0, str(Path(__file__).parent))
from test_disclosure_published import (
    ALLC,
    ALLW,
    BASE,
    _cell,
    _from_outputs,
    _pooled_frame,
    _three_wave_data,
    _wave_frame,
)

from survey.instrument import read_instrument

ALL_CODES = "(all codes in theme)"
SURVEY = "survey"


class Attack:
    """Published cells (number or hidden range) and the relations between them."""

    def __init__(self, cells: dict | None = None) -> None:
        self.cells: dict = dict(cells or {})
        self.eqs: list = []  # (total, parts)
        self.les: list = []  # (part, whole)
        self.revealed: list = []  # cells shown in one table and hidden in another

    def put(self, key: tuple, v: object) -> None:
        v = _cell(v) if not isinstance(v, (tuple, float)) else v
        if v is None:
            return
        old = self.cells.get(key)
        if isinstance(old, tuple) != isinstance(v, tuple) and old is not None:
            self.revealed.append(key)  # hidden in one table, shown in another
        if isinstance(old, float):
            return
        if isinstance(old, tuple) and isinstance(v, tuple):
            v = (max(old[0], v[0]), min(old[1], v[1]))
        self.cells[key] = v

    def eq(self, total: tuple, parts: list) -> None:
        self.eqs.append((total, list(parts)))

    def le(self, part: tuple, whole: tuple) -> None:
        self.les.append((part, whole))

    def solve(self) -> tuple[list, int]:
        """Bound every hidden published cell; returns the pinned ones and how many hidden."""
        keys = set(self.cells)
        for t, parts in self.eqs:
            keys |= {t, *parts}
        for a, b in self.les:
            keys |= {a, b}
        var = sorted((k for k in keys if not isinstance(self.cells.get(k), float)), key=repr)
        idx = {k: i for i, k in enumerate(var)}
        parent = list(range(len(var)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        rows: list = []  # (coef dict, rhs, is_eq)
        for t, parts in self.eqs:
            self._row(rows, idx, [(-1.0, t), *((1.0, p) for p in parts)], True)
        for a, b in self.les:
            self._row(rows, idx, [(1.0, a), (-1.0, b)], False)
        for coef, _, _ in rows:
            first, *rest = coef
            for j in rest:
                parent[find(j)] = find(first)
        comps: dict = {}
        for i in range(len(var)):
            comps.setdefault(find(i), []).append(i)
        by_comp: dict = {}
        for r in rows:
            by_comp.setdefault(find(next(iter(r[0]))), []).append(r)
        pinned, hidden = [("shown elsewhere", k) for k in self.revealed], 0
        for root, members in comps.items():
            pos = {m: j for j, m in enumerate(members)}
            eq = [r for r in by_comp.get(root, []) if r[2]]
            ub = [r for r in by_comp.get(root, []) if not r[2]]

            def mat(rs: list, members: list = members, pos: dict = pos) -> tuple:
                if not rs:
                    return None, None
                a = np.zeros((len(rs), len(members)))
                for n, (coef, _, _) in enumerate(rs):
                    for i, c in coef.items():
                        a[n, pos[i]] += c
                return a, np.array([b for _, b, _ in rs])

            a_eq, b_eq = mat(eq)
            a_ub, b_ub = mat(ub)
            bounds = []
            for m in members:
                v = self.cells.get(var[m])
                lo, hi = v if isinstance(v, tuple) else (0.0, np.inf)
                bounds.append((lo, None if np.isinf(hi) else hi))
            for m in members:
                k = var[m]
                if k not in self.cells:
                    continue  # not published: nothing to protect
                hidden += 1
                c = np.zeros(len(members))
                c[pos[m]] = 1
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

    def _row(self, rows: list, idx: dict, terms: list, is_eq: bool) -> None:
        coef: dict = {}
        const = 0.0
        for sign, k in terms:
            if k in idx:
                coef[idx[k]] = coef.get(idx[k], 0.0) + sign
            else:
                const += sign * self.cells[k]
        coef = {i: c for i, c in coef.items() if c}
        if coef:
            rows.append((coef, -const, is_eq))


# -- the closed tables (the same relations as test_disclosure_published._attack) --------------
def closed_relations(att: Attack, waves: list[int], single: set[str]) -> None:
    # the closed cells (four-part keys), grown until every related cell is named
    keys: set = set()
    grown = {k for k in att.cells if len(k) == 4 and k[0] not in ("T", "TW", "EQ", "EQC")}
    while grown - keys:
        keys |= grown
        for q, c, o, wk in list(keys):
            grown |= {(q, c, BASE, wk), (q, ALLC, o, wk), (q, c, o, ALLW)}
            grown |= {(q, c, o, (w,)) for w in waves}
            if isinstance(wk, tuple) and len(wk) == 2:
                grown |= {(q, c, o, (w,)) for w in wk}
    groups: dict = {}
    for q, c, o, wk in grown:
        groups.setdefault((q, c, wk), set()).add(o)
    for (q, c, wk), opts in groups.items():
        options = sorted(opts - {BASE})
        if q in single:
            att.eq((q, c, BASE, wk), [(q, c, o, wk) for o in options])
        else:
            for o in options:
                att.le((q, c, o, wk), (q, c, BASE, wk))
    cohorts: dict = {}
    for q, c, o, wk in grown:
        if c != ALLC:
            cohorts.setdefault((q, o, wk), set()).add(c)
    for (q, o, wk), cs in cohorts.items():
        if (q, ALLC, o, wk) in att.cells:
            att.eq((q, ALLC, o, wk), [(q, c, o, wk) for c in sorted(cs)])
    for q, c, o, wk in grown:
        if wk == ALLW and c != ALLC and waves:
            att.eq((q, c, o, ALLW), [(q, c, o, (w,)) for w in waves])
        if isinstance(wk, tuple) and len(wk) == 2:
            att.eq((q, c, o, wk), [(q, c, o, (w,)) for w in wk])


# -- the theme table ------------------------------------------------------------------------
def themes_frame(att: Attack, df: pd.DataFrame) -> list[str]:
    """Returns the cohorts (display names)."""
    cols = [str(c) for c in df.columns]
    cohorts = [c for c in cols if f"{c} base" in cols and c != "All respondents"]
    themes: dict = {}
    for _, r in df.iterrows():
        theme, code = str(r["Theme"]), str(r["Code"])
        themes.setdefault(theme, []).append(code)
        for c in [*cohorts, "All respondents"]:
            att.put(("T", theme, code, c), r.get(c))
            att.put(("T", theme, code, c + " base"), r.get(f"{c} base"))
            pct = r.get(f"{c} %")
            if pct is not None and not (isinstance(pct, float) and np.isnan(pct)) and pct != "":
                # a percentage beside a hidden count or base would give it away
                assert not isinstance(att.cells.get(("T", theme, code, c)), tuple), (theme, c)
                assert not isinstance(att.cells.get(("T", theme, code, c + " base")), tuple)
        att.eq(("T", theme, code, "All respondents"), [("T", theme, code, c) for c in cohorts])
        att.eq(("T", theme, code, "All respondents base"),
               [("T", theme, code, c + " base") for c in cohorts])
        for c in [*cohorts, "All respondents"]:
            att.le(("T", theme, code, c), ("T", theme, code, c + " base"))
    for theme, codes in themes.items():
        inner = [c for c in codes if c != ALL_CODES]
        if ALL_CODES not in codes or not inner:
            continue
        for c in [*cohorts, "All respondents"]:
            code_cells = [("T", theme, x, c) for x in inner]
            for k in code_cells:
                att.le(k, ("T", theme, ALL_CODES, c))
            total = ("T", theme, "(sum of codes)", c)
            att.eq(total, code_cells)
            att.le(("T", theme, ALL_CODES, c), total)
    return cohorts


def survey_link(att: Attack, theme: str, code: str, cohort: str, waves: list[int],
                no_interviews: set[str]) -> None:
    """A cohort's survey respondents over the waves: at most its pooled figure, equal to it
    where the cohort had no interviews."""
    total = ("TW", theme, code, cohort, SURVEY)
    att.eq(total, [("TW", theme, code, cohort, (w,)) for w in waves])
    pooled = ("T", theme, code, cohort)
    att.le(total, pooled)
    if cohort in no_interviews:
        att.eq(pooled, [total])


# -- the theme wave comparisons -------------------------------------------------------------
def _hidden(v: object) -> bool:
    return isinstance(v, str) and (v == "[c]" or re.fullmatch(r"<\d+", v) is not None)


def _blank(v: object) -> bool:
    return v is None or v == "" or (isinstance(v, float) and np.isnan(v))


def wave_theme_frame(att: Attack, cohort: str, pair: tuple[int, int], df: pd.DataFrame,
                     waves: list[int], themes: list[str]) -> None:
    both = SURVEY if len(waves) == 2 else pair
    base = df[df["Theme"] == "Base (answered)"]
    for _, r in df.iterrows():
        theme = str(r["Theme"])
        if theme == "Base (answered)":
            for w in pair:
                att.put(("TW", "(base)", "", cohort, (w,)), r.get(f"Wave {w}"))
            continue
        for w in pair:
            att.put(("TW", theme, ALL_CODES, cohort, (w,)), r.get(f"Wave {w}"))
            hidden = _hidden(r.get(f"Wave {w}")) or (len(base) and _hidden(
                base.iloc[0].get(f"Wave {w}")))
            # a percentage or a change beside a hidden count or base would give it away
            assert not hidden or _blank(r.get(f"Wave {w} %")), (cohort, theme, w)
            assert not hidden or _blank(r.get("Change (points)")), (cohort, theme, w)
        att.put(("TW", theme, ALL_CODES, cohort, both), r.get("Both waves"))
        if both != SURVEY:
            att.eq(("TW", theme, ALL_CODES, cohort, both),
                   [("TW", theme, ALL_CODES, cohort, (w,)) for w in pair])
        for w in pair:
            att.le(("TW", theme, ALL_CODES, cohort, (w,)), ("TW", "(base)", "", cohort, (w,)))
    listed = {str(t) for t in df["Theme"]}
    for theme in themes:  # a theme left out of the table: nobody in either wave
        if theme not in listed:
            for w in pair:
                att.put(("TW", theme, ALL_CODES, cohort, (w,)), 0.0)


def new_codes_frame(att: Attack, earlier: int, later: int, df: pd.DataFrame,
                    cohorts: list[str]) -> None:
    for _, r in df.iterrows():
        code = ALL_CODES if r["Level"] == "theme" or _blank(r["Code"]) else str(r["Code"])
        cohort = next((c for c in cohorts if c.lower() == str(r["Cohort"]).lower()),
                      str(r["Cohort"]))
        att.put(("TW", str(r["Theme"]), code, cohort, (earlier,)), 0.0)
        att.put(("TW", str(r["Theme"]), code, cohort, (later,)),
                r[f"Respondents in wave {later}"])


def wave_code_relations(att: Attack, themes: dict, cohorts: list[str], waves: list[int],
                        no_interviews: set[str]) -> None:
    for theme, codes in themes.items():
        for c in cohorts:
            for code in codes:
                if any(k[:4] == ("TW", theme, code, c) for k in att.cells):
                    survey_link(att, theme, code, c, waves, no_interviews)
            for wk in [*((w,) for w in waves), SURVEY]:
                inner = [("TW", theme, x, c, wk) for x in codes if x != ALL_CODES]
                theme_cell = ("TW", theme, ALL_CODES, c, wk)
                if not any(k in att.cells for k in [*inner, theme_cell]):
                    continue
                for k in inner:
                    att.le(k, theme_cell)


# -- reading a whole report -----------------------------------------------------------------
def attack_report(att: Attack, *, themes: pd.DataFrame, respondents: pd.DataFrame,
                  wave_sections: list, instrument, waves: list[int]) -> dict:
    """``wave_sections``: (pair, [(caption, frame)]). Returns how many tables of each kind
    were read."""
    single = {q.id for q in instrument.closed if q.kind != "multiple"}
    cohorts = themes_frame(att, themes)
    first = respondents.columns[0]
    no_interviews = {str(r[first]) for _, r in respondents.iterrows()
                     if "Interview" in respondents.columns and str(r["Interview"]) == "0"}
    if "Interview" not in respondents.columns:
        no_interviews = set(cohorts)
    theme_codes: dict = {}
    for _, r in themes.iterrows():
        theme_codes.setdefault(str(r["Theme"]), []).append(str(r["Code"]))
    seen = {"wave themes": 0, "new codes": 0}
    for pair, tables in wave_sections:
        for caption, df in tables:
            m = re.fullmatch(r"Theme prevalence \((.+)\)", caption)
            if m:
                cohort = next(c for c in cohorts if c.lower() == m.group(1).lower())
                wave_theme_frame(att, cohort, pair, df, waves, list(theme_codes))
                seen["wave themes"] += 1
            elif caption.startswith("Themes and codes new in wave"):
                new_codes_frame(att, pair[0], pair[1], df, cohorts)
                seen["new codes"] += 1
    if waves:
        wave_code_relations(att, theme_codes, cohorts, waves, no_interviews)
    closed_relations(att, waves, single)
    return seen


def _sheet_tables(ws) -> list[tuple[str, pd.DataFrame]]:
    """A sheet's tables: a caption row, a header row, body rows up to a blank row."""
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    out = []
    heads = ("Theme", "Question", "Level", "Option", "Topic")
    i = 0
    while i < len(rows) - 1:
        nxt = rows[i + 1]
        if rows[i] and rows[i][0] and nxt and nxt[0] in heads and all(
                x is None for x in rows[i][1:]):
            header = [str(x) if x is not None else f"_{j}" for j, x in enumerate(nxt)]
            body = []
            j = i + 2
            while j < len(rows) and any(x is not None for x in rows[j][1:]):
                body.append(dict(zip(header, rows[j])))
                j += 1
            out.append((str(rows[i][0]), pd.DataFrame(body, columns=header)))
            i = j
        else:
            i += 1
    return out


def attack_outputs(out: Path, instrument) -> tuple[Attack, dict]:
    """Everything a reader of the CSVs and the workbook sees, with its relations."""
    import openpyxl

    att = Attack()
    cells, waves = _from_outputs(out)
    att.cells.update(cells)
    read = lambda name: pd.read_csv(out / "tables" / name, dtype=str,
                                    keep_default_na=False).replace("", None)
    wb = openpyxl.load_workbook(out / "report.xlsx", read_only=True)
    sections = []
    for name in wb.sheetnames:
        m = re.fullmatch(r"Waves (\d+)-(\d+) themes", name)
        if m:
            sections.append(((int(m.group(1)), int(m.group(2))), _sheet_tables(wb[name])))
    seen = attack_report(att, themes=read("themes.csv"), respondents=read("respondents.csv"),
                         wave_sections=sections, instrument=instrument, waves=waves)
    return att, seen


def test_no_suppressed_count_is_recovered_from_the_closed_and_theme_tables(demo_output,
                                                                            demo_dir):
    instrument = read_instrument(demo_dir / "instrument.yaml")
    att, seen = attack_outputs(demo_output, instrument)
    assert seen["wave themes"] >= 2  # the attack read the wave tables (no code is new on the demo)
    pinned, hidden = att.solve()
    assert hidden > 40
    assert pinned == []


def _in_memory_attack(data, tables) -> tuple[Attack, dict]:
    att = Attack()
    for t in tables.closed:
        _pooled_frame(att.cells, t.key.removeprefix("closed_"), t.table)
    waves = sorted(int(w) for w in data.responses["wave"].dropna().unique())
    sections = []
    for section in tables.extra_sections:
        pair = tuple(int(x) for x in re.findall(r"\d+", section.key))
        if section.key.endswith("closed"):
            for caption, df in section.tables:
                m = re.search(r"\[(\w+)\] \((.+)\)$", caption)
                _wave_frame(att.cells, m.group(1), m.group(2), pair, df, waves)
        elif section.key.endswith("themes"):
            sections.append((pair, list(section.tables)))
    seen = attack_report(att, themes=tables.themes.table, respondents=tables.respondents.table,
                         wave_sections=sections, instrument=data.instrument, waves=waves)
    return att, seen


def _three_wave_project(seed: int):
    """The three-wave tiny-cohort project with free-text answers coded from four codes with a
    fixed seed (SYNTHETIC)."""
    data = _three_wave_data(seed)
    rng = np.random.default_rng(seed + 100)
    r = data.responses
    answers, segments, codings = [], [], []
    codes = ["waiting", "access", "kind_staff", "info"]
    for rid, wave in zip(r["response_id"], r["wave"]):
        for qid in ("q_support", "q_improve"):
            if rng.random() < 0.2:
                continue
            aid, sid = f"{rid}_{qid}", f"{rid}_{qid}_0"
            text = "SYNTHETIC answer about services and recovery."
            answers.append({"answer_id": aid, "response_id": rid, "question_id": qid,
                            "text": text, "lang": "en"})
            segments.append({"segment_id": sid, "answer_id": aid, "start": 0, "end": len(text),
                             "text": text})
            for code in codes:
                # "info" only from the second wave on: a code new in a wave
                if (code != "info" or wave > 1) and rng.random() < 0.35:
                    codings.append({"segment_id": sid, "code_id": code, "coder": "AB",
                                    "source": "human", "confidence": 1.0, "status": "accepted",
                                    "evidence": "", "decided_at": "2026-03-01T10:00:00"})
    data.answers, data.segments = pd.DataFrame(answers), pd.DataFrame(segments)
    data.codings = pd.DataFrame(codings)
    return data


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_three_waves_and_tiny_cohorts_theme_tables_recover_nothing(seed):
    from analysis.report.stage import disclosure_audit
    from analysis.report.tables import build_tables
    from analysis.waves import compare_waves

    data = _three_wave_project(seed)
    data.extra_sections.extend(compare_waves(data))
    tables = build_tables(data)
    assert disclosure_audit(data, tables).passed
    att, seen = _in_memory_attack(data, tables)
    assert seen["wave themes"] == 4 and seen["new codes"] >= 1  # the attack read them
    pinned, hidden = att.solve()
    assert hidden > 10
    assert pinned == []


def test_synthetic_report_data_recovers_nothing():
    from synthetic_data import make_report_data

    from analysis.report.tables import build_tables

    data = make_report_data()
    tables = build_tables(data)
    att, _ = _in_memory_attack(data, tables)
    pinned, hidden = att.solve()
    assert hidden >= 4
    assert pinned == []
