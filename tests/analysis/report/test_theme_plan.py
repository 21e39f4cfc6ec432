"""The layered protection of the theme tables (analysis/report/theme_plan.py): a later table is
protected with the earlier ones frozen, and a row that cannot be is withheld."""

from __future__ import annotations

import sys
from pathlib import Path

from analysis.report.theme_plan import (
    SURVEY,
    ThemePlan,
    _protect_layer,
    theme_key,
)
from survey.anonymise.disclosure_audit import (
    PUBLISHED,
    UNPUBLISHED,
    LinkedTables,
    audit,
)

sys.path.insert(0, str(Path(__file__).parent))


def _two_small_waves() -> tuple[LinkedTables, set, dict]:
    """A cohort of 6 raising a theme, shown in the pooled table (frozen); its two waves are
    "<5" each and "Both waves" shows 6, which the cohort's pooled figure already gives (no
    interviews): each wave is then 2 to 4, too narrow, and only the frozen figure could
    widen it."""
    p = LinkedTables(min_count=5)
    pooled = theme_key("theme|t|None", "survivor")
    p.add(pooled, 6, table="themes")
    w1, w2 = theme_key("theme|t|None", "survivor", 1), theme_key("theme|t|None", "survivor", 2)
    both = theme_key("theme|t|None", "survivor", SURVEY)
    p.add(w1, 2, table="theme waves")
    p.add(w2, 4, table="theme waves")
    p.add(both, 6, table="theme waves")
    p.add_sum(both, [w1, w2])
    p.add_sum(pooled, [both])
    rows = {("waves", 1, 2, "survivor", "theme|t|None"): [w1, w2, both]}
    return p, {pooled}, rows


def test_a_row_that_only_a_frozen_cell_could_protect_is_withheld():
    p, frozen, rows = _two_small_waves()
    assert not audit(p).passed  # as each table alone would publish it
    plan = ThemePlan(status=p.status, problem=p)
    _protect_layer(p, set(p.status) - frozen, frozen, rows, None, plan)
    assert plan.withheld == set(rows)
    assert p.status[theme_key("theme|t|None", "survivor")] == PUBLISHED  # the frozen figure
    assert all(p.status[k] == UNPUBLISHED for k in next(iter(rows.values())))
    assert audit(p).passed


def test_a_withheld_cell_withholds_every_row_that_shows_it():
    p, frozen, rows = _two_small_waves()
    w2 = theme_key("theme|t|None", "survivor", 2)
    w3 = theme_key("theme|t|None", "survivor", 3)
    pair = theme_key("theme|t|None", "survivor", (2, 3))
    p.add(w3, 9, table="theme waves")
    p.add(pair, 13, table="theme waves")
    p.add_sum(pair, [w2, w3])
    rows[("waves", 2, 3, "survivor", "theme|t|None")] = [w2, w3, pair]
    plan = ThemePlan(status=p.status, problem=p)
    _protect_layer(p, set(p.status) - frozen, frozen, rows, None, plan)
    # wave 2 is withheld with the first pair; shown in the second pair, it would be 13 - 9
    assert plan.withheld == set(rows)
    assert audit(p).passed


def test_the_audit_reads_the_linked_theme_tables():
    from test_disclosure_attack_themes import _three_wave_project

    from analysis.report.stage import audited_problem, disclosure_audit
    from analysis.report.tables import build_tables
    from analysis.waves import compare_waves

    data = _three_wave_project(1)
    data.extra_sections.extend(compare_waves(data))
    tables = build_tables(data)
    problem = audited_problem(data, tables)
    tables_read = {problem.table.get(k) for k in problem.suppressed()}
    assert "theme waves" in tables_read
    assert disclosure_audit(data, tables, problem=problem).passed
    # with the wave comparisons' complements shown again the audit fails: it reads them
    for k in [k for k in problem.status if problem.table.get(k) == "theme waves"
              and problem.status[k] == "secondary"]:
        problem.status[k] = PUBLISHED
    assert not disclosure_audit(data, tables, problem=problem).passed


def test_a_withheld_wave_row_is_shown_blank_with_a_note():
    from test_disclosure_attack_themes import _three_wave_project

    from analysis.report.theme_plan import theme_plan
    from analysis.waves import theme_comparison

    data = _three_wave_project(1)
    plan = theme_plan(data)
    rid = "theme|t_access|None"
    row = ("waves", 1, 2, "survivor", rid)
    keys = [theme_key(rid, "survivor", w) for w in (1, 2, (1, 2))]
    plan.withheld.add(row)
    for k in keys:  # as the layer withholds it
        plan.status[k] = UNPUBLISHED
    section = theme_comparison(data, 1, 2)
    table = dict(section.tables)["Theme prevalence (survivor)"]
    blank = table[table["Theme"] == "Access to services"].iloc[0]
    assert all(v is None for c, v in blank.items() if c != "Theme")
    shown = table[(table["Theme"] != "Access to services") & (table["Theme"] != "Base (answered)")]
    assert len(shown) and shown["Wave 1"].notna().all()
    assert any("left blank" in n for n in section.notes)
