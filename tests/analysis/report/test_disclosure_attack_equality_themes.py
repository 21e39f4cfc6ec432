"""The equality tables' themes by group, attacked together with the theme table, the closed
tables and the respondents table (the demo).

Written apart from the auditor and the plans, like test_disclosure_attack_equality.py (whose
reader and LP it reuses): it reads only what a reader gets (``tables/*.csv`` and the workbook's
Equality sheet) and writes its own relations. A hidden cell is "pinned" when its bounds leave no
room at all.

Relations a reader writes, per theme: for a single-choice characteristic the groups add up to
"All" (counts and bases: each surveyed respondent is in one group); a count is at most its
base; "All" counts survey respondents of the cohorts asked, so it is at most the theme table's
count over those cohorts and at least that count less their interview participants (the
respondents table); the same for the bases; a group's base is at most the group's size in the
characteristic's own closed table.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).parent))
from test_disclosure_attack_equality import ALL, Attack, _sheet_tables  # a sibling test module
from test_disclosure_published import ALLW, _from_outputs

from survey.instrument import read_instrument


def themes_attack(out: Path, instrument) -> tuple[Attack, int]:
    import openpyxl

    cells, _ = _from_outputs(out)
    att = Attack(cells)
    themes = pd.read_csv(out / "tables" / "themes.csv", dtype=str, keep_default_na=False)
    themes = themes[themes["Level"] == "theme"]
    resp = pd.read_csv(out / "tables" / "respondents.csv", dtype=str, keep_default_na=False)
    interviews = {str(r["Cohort"]).lower(): int(r["Interview"]) for _, r in resp.iterrows()
                  if "Interview" in resp.columns and r["Cohort"] != "Total"}
    cohort_cols = [c for c in themes.columns if f"{c} base" in themes.columns
                   and c not in ("All respondents",)]
    for _, r in themes.iterrows():
        for c in cohort_cols:
            att.put(("TH", r["Theme"], c.lower()), r[c])
            att.put(("THB", r["Theme"], c.lower()), r[f"{c} base"])
    wb = openpyxl.load_workbook(out / "report.xlsx", read_only=True)
    n = 0
    for caption, df in _sheet_tables(wb["Equality"]) if "Equality" in wb.sheetnames else []:
        m = re.fullmatch(r"Themes by (.+)", caption)
        if not m:
            continue
        char = next(x for x in instrument.closed if x.sensitive and (
            (x.aliases[0] if x.aliases else x.text).lower() == m.group(1)))
        cols = [str(c) for c in df.columns]
        groups = [c for c in cols if f"{c} base" in cols and c != ALL]
        asked = [c.lower() for c in cohort_cols
                 if not char.cohorts or c.lower() in {str(x).lower() for x in char.cohorts}]
        for _, r in df.iterrows():
            theme = str(r["Theme"])
            n += 1
            for g in [*groups, ALL]:
                att.put(("EQT", char.id, theme, g), r.get(g))
                att.put(("EQTB", char.id, theme, g), r.get(f"{g} base"))
                att.les.append((("EQT", char.id, theme, g), ("EQTB", char.id, theme, g)))
            if char.kind != "multiple":
                for kind in ("EQT", "EQTB"):
                    att.eqs.append(((kind, char.id, theme, ALL),
                                    [(kind, char.id, theme, g) for g in groups]))
            for kind, th in (("EQT", "TH"), ("EQTB", "THB")):
                pooled = [(th, theme, c) for c in asked]
                if not all(k in att.cells for k in pooled):
                    continue
                total = (th + "-sum", char.id, theme)
                att.eqs.append((total, pooled))
                att.les.append(((kind, char.id, theme, ALL), total))
                # at least the theme's count less the cohorts' interview participants
                with_int = (th + "-int", char.id, theme)
                att.cells[("INT", tuple(asked))] = float(sum(interviews.get(c, 0)
                                                             for c in asked))
                att.eqs.append((with_int, [(kind, char.id, theme, ALL), ("INT", tuple(asked))]))
                att.les.append((total, with_int))
            for g in groups:
                size = [(char.id, c, g, ALLW) for c in asked]
                if size and all(k in att.cells for k in size):
                    att.eqs.append((("SIZE", char.id, g), size))
                    att.les.append((("EQTB", char.id, theme, g), ("SIZE", char.id, g)))
    return att, n


def test_themes_by_group_with_the_theme_table_recover_nothing_on_the_demo(demo_output, demo_dir):
    instrument = read_instrument(demo_dir / "instrument.yaml")
    att, rows = themes_attack(demo_output, instrument)
    assert rows >= 10  # the attack read the themes by group
    pinned, hidden = att.solve()
    assert hidden > 20
    assert pinned == []
    # (seen failing on a copy of the demo's workbook with one "[c]" of a themes-by-age row
    # shown: the row's "<5" was then pinned at 4 through the groups adding up to "All")
