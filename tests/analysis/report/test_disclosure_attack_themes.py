"""Every published count table attacked together, as an intruder would: the closed-question
tables, the theme table, the theme wave comparisons (with the codes new in a wave), the
equality tables and the topic table.

Like test_disclosure_published.py (whose readers of the closed tables it reuses), this is written
apart from the auditor and the plan (survey/anonymise/disclosure_audit.py,
analysis/report/plan.py) and shares none of their code: it reads only what a reader gets
(``tables/*.csv`` and the workbook's sheets, or the same tables in memory for a synthetic
project), writes its own relations, and bounds each hidden cell with scipy's HiGHS LP.

Relations a reader writes: cohorts add up to "All respondents"; groups to "All"; counts are at
most their base; a code is at most its theme, a theme at most the sum of its codes; two waves
add up to "Both waves"; a cohort's survey respondents over every wave are at most its pooled
figure, and equal to it where the respondents table shows the cohort had no interviews; for a
single-choice characteristic the "All" column of the equality tables is the survey respondents
of the asked cohorts (themes) or the closed table's count over them (closed answers); a
group's base is at most the group's size in the characteristic question; a topic's answers
by cohort add up to its answers.
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

    def __init__(self) -> None:
        self.cells: dict = {}
        self.eqs: list = []  # (total, parts)
        self.les: list = []  # (part, whole)

    def put(self, key: tuple, v: object) -> None:
        v = _cell(v) if not isinstance(v, (tuple, float)) else v
        if v is None:
            return
        old = self.cells.get(key)
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
        pinned, hidden = [], 0
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
    keys = {k for k in att.cells if len(k) == 4 and k[0] not in ("T", "TW", "EQ", "EQC")}
    grown = set(keys)
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
def wave_theme_frame(att: Attack, cohort: str, pair: tuple[int, int], df: pd.DataFrame,
                     waves: list[int]) -> None:
    both = SURVEY if len(waves) == 2 else pair
    for _, r in df.iterrows():
        theme = str(r["Theme"])
        if theme == "Base (answered)":
            for w in pair:
                att.put(("TW", "(base)", "", cohort, (w,)), r.get(f"Wave {w}"))
            continue
        for w in pair:
            att.put(("TW", theme, ALL_CODES, cohort, (w,)), r.get(f"Wave {w}"))
        att.put(("TW", theme, ALL_CODES, cohort, both), r.get("Both waves"))
        if both != SURVEY:
            att.eq(("TW", theme, ALL_CODES, cohort, both),
                   [("TW", theme, ALL_CODES, cohort, (w,)) for w in pair])
        for w in pair:
            att.le(("TW", theme, ALL_CODES, cohort, (w,)), ("TW", "(base)", "", cohort, (w,)))


def new_codes_frame(att: Attack, earlier: int, later: int, df: pd.DataFrame) -> None:
    for _, r in df.iterrows():
        code = ALL_CODES if r["Level"] == "theme" else str(r["Code"])
        cohort = str(r["Cohort"])
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


# -- the equality tables --------------------------------------------------------------------
def equality_themes_frame(att: Attack, qid: str, df: pd.DataFrame, asked: list[str],
                          partition: bool, waves: list[int], no_interviews: set[str]) -> None:
    cols = [str(c) for c in df.columns]
    groups = [c for c in cols if f"{c} base" in cols and c != "All"]
    for _, r in df.iterrows():
        theme = str(r["Theme"])
        for g in [*groups, "All"]:
            att.put(("EQ", qid, theme, g), r.get(g))
            att.put(("EQ", qid, theme, g + " base"), r.get(f"{g} base"))
            att.le(("EQ", qid, theme, g), ("EQ", qid, theme, g + " base"))
        att.eq(("EQ", qid, theme, "All"), [("EQ", qid, theme, g) for g in groups])
        att.eq(("EQ", qid, theme, "All base"), [("EQ", qid, theme, g + " base") for g in groups])
        if partition and asked:
            att.eq(("EQ", qid, theme, "All"),
                   [("TW", theme, ALL_CODES, c, SURVEY) for c in asked])
            for c in asked:
                survey_link(att, theme, ALL_CODES, c, waves, no_interviews)


def equality_closed_frame(att: Attack, qid: str, df: pd.DataFrame, questions: dict,
                          asked: list[str], partition: bool, sizes: dict) -> None:
    cols = [str(c) for c in df.columns]
    groups = [c for c in cols if f"{c} %" in cols and c != "All"]
    text_to_q = {q.text: q for q in questions.values()}
    for text, block in df.groupby("Question", sort=False):
        q = text_to_q.get(str(text))
        assert q is not None, text
        options = []
        for _, r in block.iterrows():
            o = "(base)" if r["Answer"] == "Answered (base)" else str(r["Answer"])
            if o != "(base)":
                options.append(o)
            for g in [*groups, "All"]:
                att.put(("EQC", qid, q.id, o, g), r.get(g))
            att.eq(("EQC", qid, q.id, o, "All"), [("EQC", qid, q.id, o, g) for g in groups])
        for g in [*groups, "All"]:
            parts = [("EQC", qid, q.id, o, g) for o in options]
            if q.kind == "multiple":
                for k in parts:
                    att.le(k, ("EQC", qid, q.id, "(base)", g))
            else:
                att.eq(("EQC", qid, q.id, "(base)", g), parts)
        for g in groups:
            if g in sizes:
                att.le(("EQC", qid, q.id, "(base)", g), sizes[g])
        if partition:
            cs = [c for c in asked if not q.cohorts or c.lower() in
                  {str(x).lower() for x in q.cohorts}]
            for o in [*options, "(base)"]:
                closed = [(q.id, c, BASE if o == "(base)" else o, ALLW) for c in cs]
                if all(k in att.cells for k in closed):
                    att.eq(("EQC", qid, q.id, o, "All"), closed)


def group_sizes(att: Attack, qid: str, groups: list[str], asked: list[str]) -> dict:
    out = {}
    for g in groups:
        parts = [(qid, c, g, ALLW) for c in asked]
        if all(k in att.cells for k in parts):
            out[g] = ("SIZE", qid, g)
            att.eq(out[g], parts)
    return out


def topics_frame(att: Attack, df: pd.DataFrame) -> None:
    parts = [c for c in df.columns if str(c).endswith(" answers")]
    if "Answers" not in df.columns:
        return
    for i, r in df.iterrows():
        att.put(("TOPIC", i, "Answers"), r["Answers"])
        for c in parts:
            att.put(("TOPIC", i, c), r[c])
        if parts:
            att.eq(("TOPIC", i, "Answers"), [("TOPIC", i, c) for c in parts])


# -- reading a whole report -----------------------------------------------------------------
def attack_report(att: Attack, *, themes: pd.DataFrame, respondents: pd.DataFrame,
                  wave_sections: list, equality: list, topics: pd.DataFrame | None,
                  instrument, waves: list[int]) -> None:
    """``wave_sections``: (pair, [(caption, frame)]); ``equality``: (key, frame)."""
    single = {q.id for q in instrument.closed if q.kind != "multiple"}
    questions = {q.id: q for q in instrument.closed}
    cohorts = themes_frame(att, themes)
    first = respondents.columns[0]
    no_interviews = {str(r[first]) for _, r in respondents.iterrows()
                     if "Interview" in respondents.columns and str(r["Interview"]) == "0"}
    if "Interview" not in respondents.columns:
        no_interviews = set(cohorts)
    theme_codes: dict = {}
    for _, r in themes.iterrows():
        theme_codes.setdefault(str(r["Theme"]), []).append(str(r["Code"]))
    for pair, tables in wave_sections:
        for caption, df in tables:
            m = re.fullmatch(r"Theme prevalence \((.+)\)", caption)
            if m:
                wave_theme_frame(att, m.group(1), pair, df, waves)
            elif caption.startswith("Themes and codes new in wave"):
                new_codes_frame(att, pair[0], pair[1], df)
    if waves:
        wave_code_relations(att, theme_codes, cohorts, waves, no_interviews)

    def display(cohort_id: str) -> str | None:
        return next((c for c in cohorts if c.lower() == cohort_id.lower()), None)

    for key, df in equality:
        qid = key.split("_", 2)[2]
        q = questions[qid]
        asked = [display(str(c)) for c in q.cohorts] if q.cohorts else list(cohorts)
        asked = [c for c in asked if c is not None]
        partition = q.kind != "multiple"
        if key.startswith("equality_themes_"):
            equality_themes_frame(att, qid, df, asked, partition, waves, no_interviews)
        else:
            groups = [str(c) for c in df.columns if f"{c} %" in df.columns and c != "All"]
            sizes = group_sizes(att, qid, groups, asked)
            equality_closed_frame(att, qid, df, questions, asked, partition, sizes)
    if topics is not None:
        topics_frame(att, topics)
    closed_relations(att, waves, single)


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


def attack_outputs(out: Path, instrument) -> Attack:
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
    equality = []
    if "Equality" in wb.sheetnames:
        for caption, df in _sheet_tables(wb["Equality"]):
            m = re.fullmatch(r"(Themes|Closed questions) by (.+)", caption)
            q = next(x for x in instrument.closed if x.sensitive and (
                (x.aliases[0] if x.aliases else x.text).lower() == m.group(2)))
            kind = "themes" if m.group(1) == "Themes" else "closed"
            equality.append((f"equality_{kind}_{q.id}", df))
    topics = read("topics.csv") if (out / "tables" / "topics.csv").exists() else None
    attack_report(att, themes=read("themes.csv"), respondents=read("respondents.csv"),
                  wave_sections=sections, equality=equality, topics=topics,
                  instrument=instrument, waves=waves)
    return att, len(equality), len(sections)


def test_no_suppressed_count_is_recovered_from_every_published_table(demo_output, demo_dir):
    instrument = read_instrument(demo_dir / "instrument.yaml")
    att, n_equality, n_wave_themes = attack_outputs(demo_output, instrument)
    assert n_equality >= 2 and n_wave_themes >= 1  # the attack read those tables
    pinned, hidden = att.solve()
    assert hidden > 40
    assert pinned == []


def _three_wave_project(seed: int):
    """The three-wave tiny-cohort project with free-text theme codes and a sensitive
    characteristic (SYNTHETIC)."""
    from survey.instrument import instrument_from_dict

    data = _three_wave_data(seed)
    rng = np.random.default_rng(seed + 100)
    spec = [q for q in data.instrument.questions]
    data.instrument = instrument_from_dict({"name": "SYNTHETIC three waves", "questions": [
        *({"id": q.id, "text": q.text, "kind": q.kind,
           **({"options": list(q.labels)} if q.labels else {})} for q in spec),
        {"id": "q_gender", "text": "How would you describe your gender?", "kind": "single",
         "aliases": ["Gender"], "sensitive": True,
         "options": ["Woman", "Man", "Another way", "Prefer not to say"]}]})
    r = data.responses
    r["q_gender"] = [None if k == "interview" else str(rng.choice(
        ["Woman", "Man", "Another way", "Prefer not to say"], p=[0.6, 0.3, 0.06, 0.04]))
        for k in r["kind"]]
    # free text for every respondent, coded from the four codes with a fixed seed
    answers, segments, codings = [], [], []
    codes = ["waiting", "access", "kind_staff", "info"]
    for rid in r["response_id"]:
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
                if rng.random() < 0.35:
                    codings.append({"segment_id": sid, "code_id": code, "coder": "AB",
                                    "source": "human", "confidence": 1.0, "status": "accepted",
                                    "evidence": "", "decided_at": "2026-03-01T10:00:00"})
    data.answers, data.segments = pd.DataFrame(answers), pd.DataFrame(segments)
    data.codings = pd.DataFrame(codings)
    return data


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
    equality = [(t.key, t.table) for t in tables.equality]
    attack_report(att, themes=tables.themes.table, respondents=tables.respondents.table,
                  wave_sections=sections, equality=equality, topics=None,
                  instrument=data.instrument, waves=waves)
    return att, {"equality": len(equality), "wave themes": len(sections)}


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_three_waves_themes_and_equality_recover_nothing(seed):
    from analysis.report.stage import disclosure_audit
    from analysis.report.tables import build_tables
    from analysis.waves import compare_waves

    data = _three_wave_project(seed)
    data.extra_sections.extend(compare_waves(data))
    tables = build_tables(data)
    assert disclosure_audit(data, tables).passed
    att, seen = _in_memory_attack(data, tables)
    assert seen == {"equality": 2, "wave themes": 2}
    pinned, hidden = att.solve()
    assert hidden > 10
    assert pinned == []


def test_synthetic_report_data_passes_and_recovers_nothing():
    from synthetic_data import make_report_data

    from analysis.report.stage import disclosure_audit
    from analysis.report.tables import build_tables

    data = make_report_data()
    tables = build_tables(data)
    assert disclosure_audit(data, tables).passed
    att, _ = _in_memory_attack(data, tables)
    pinned, hidden = att.solve()
    assert hidden >= 4
    assert pinned == []


# -- charts and text use the suppressed values ----------------------------------------------
def _hidden(v: object) -> bool:
    return isinstance(v, str) and (v == "[c]" or re.fullmatch(r"<\d+", v) is not None)


def _no_hidden_count_shown(tables) -> int:
    """Every number a key finding states is a shown cell of a published table; no percentage
    or interval stands beside a hidden count or base (theme table, theme prevalence, equality
    tables), so no bar drawn from them shows one either. Returns the hidden cells seen."""
    by_key = {t.key: t for t in (tables.respondents, tables.themes, *tables.closed,
                                 tables.theme_prevalence, tables.cohort_differences,
                                 *tables.equality) if t is not None}
    for f in tables.key_findings:
        shown = " ".join(r.shown for r in f.refs)
        text = re.sub(r"\b95% CI\b", "", f.text.replace(",", ""))  # the interval's level
        for num in re.findall(r"\d+(?:\.\d+)?", text):
            assert num in shown.replace(",", ""), (f.text, num)
        for r in f.refs:
            cell = by_key[r.table].table.iloc[r.row][r.column]
            assert not _hidden(cell), (f.text, r)
    seen = 0
    for t in (tables.themes, *tables.equality):
        df = t.table
        for col in df.columns:
            pct = f"{col} %"
            if pct not in df.columns:
                continue
            base = f"{col} base"
            for _, row in df.iterrows():
                hidden = _hidden(row[col]) or (base in df.columns and _hidden(row[base]))
                seen += hidden
                if hidden:
                    assert row[pct] is None or pd.isna(row[pct]), (t.key, col, row.iloc[0])
    prev = tables.theme_prevalence.table
    themes = tables.themes.table
    for _, row in prev.iterrows():
        src = themes[(themes["Theme"] == row["Theme"]) & (themes["Code"] == row["Code"])].iloc[0]
        assert row["Respondents"] == src[row["Cohort"]]  # the same cell, hidden or shown
        if _hidden(src[row["Cohort"]]) or _hidden(src[f"{row['Cohort']} base"]):
            assert row["%"] is None and row["95% CI low"] is None, row.to_dict()
    return seen


def test_charts_and_text_show_no_count_the_tables_hide():
    from synthetic_data import make_report_data

    from analysis.report.figures import theme_chart
    from analysis.report.tables import build_tables

    data = make_report_data()
    tables = build_tables(data)
    assert _no_hidden_count_shown(tables) >= 4
    fig = theme_chart(tables.themes, measure="count")
    heights = sorted(round(p.get_width()) for p in fig.axes[0].patches if p.get_width())
    codes = tables.themes.table[tables.themes.table["Level"] == "code"]
    shown = sorted(int(v) for c in tables.themes.value_columns for v in codes[c]
                   if not isinstance(v, str) and int(v))
    assert heights == shown  # a bar for every shown count and none for a hidden one


@pytest.mark.parametrize("seed", [0, 1])
def test_three_waves_charts_and_text_show_no_hidden_count(seed):
    from analysis.report.tables import build_tables
    from analysis.waves import compare_waves

    data = _three_wave_project(seed)
    data.extra_sections.extend(compare_waves(data))
    assert _no_hidden_count_shown(build_tables(data)) >= 1
