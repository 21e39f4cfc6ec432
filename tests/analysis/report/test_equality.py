"""The equality view: themes and closed questions by each equality characteristic, found by the
instrument's ``sensitive`` flag and disclosure-controlled like every table (SYNTHETIC data)."""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd
import pytest
from synthetic_data import INSTRUMENT, make_report_data

from analysis.report.disclosure import SECONDARY_MARK, apply_disclosure, small_mark
from analysis.report.equality import ALL_GROUPS, NOT_STATED, equality_tables
from analysis.report.tables import build_tables
from survey.instrument import instrument_from_dict

# 14 surveyed survivors: 8 "Femme", 3 "Masc" (a small group), one prefers not to say, one
# withheld at ingest for k-anonymity, one no answer. Ids and options are made up, so nothing
# can be found by a demo id.
IDENTITY = ["Femme"] * 8 + ["Masc"] * 3 + ["Prefer not to say", "[withheld]", None]


def _data(*, sensitive: bool = True, copies: int = 1):
    """``copies``: the surveyed survivors that many times over (new ids, the same answers), so
    that the closed answers by group can be published beside the closed tables; with one copy
    the groups are too small for that (see the withheld test)."""
    data = make_report_data()
    spec = copy.deepcopy(INSTRUMENT)
    spec["questions"].append({"id": "q9", "text": "Which word fits you best?", "kind": "single",
                              "options": ["Femme", "Masc", "Prefer not to say"],
                              "cohorts": ["survivor"], "sensitive": sensitive,
                              "aliases": ["Identity"]})
    data.instrument = instrument_from_dict(spec)
    values = iter(IDENTITY)
    data.responses["q9"] = [next(values) if r.cohort == "survivor" and r.kind == "survey"
                            else None for r in data.responses.itertuples()]
    r = data.responses
    surveyed = r[(r["cohort"] == "survivor") & (r["kind"] == "survey")]
    more = [surveyed.assign(response_id=[f"x{n}{rid}" for rid in surveyed["response_id"]])
            for n in range(1, copies)]
    data.responses = pd.concat([r, *more], ignore_index=True)
    return data


def _counts(t):
    groups = list(t.value_columns) + [ALL_GROUPS]
    return t.table[groups]


def test_characteristics_are_found_by_the_sensitive_flag():
    keys = [t.key for t in equality_tables(_data(copies=3))]
    assert keys == ["equality_themes_q9", "equality_closed_q9"]
    assert equality_tables(_data(sensitive=False)) == ()
    titles = [t.title for t in equality_tables(_data(copies=3))]
    assert titles == ["Themes by identity", "Closed questions by identity"]


def test_groups_are_the_options_then_not_stated():
    for t in equality_tables(_data(copies=3)):
        assert t.value_columns == ("Femme", "Masc", NOT_STATED)


def test_small_counts_are_suppressed_with_secondary_suppression():
    for t in equality_tables(_data(copies=3)):
        cells = _counts(t)
        for row in cells.itertuples(index=False):
            shown = [v for v in row if not isinstance(v, str)]
            assert all(v == 0 or v >= 5 for v in shown)
            hidden = sum(isinstance(v, str) for v in row)
            assert hidden != 1  # one hidden cell in a row with its total would be worked out
        assert any(isinstance(v, str) and v.startswith("<") for v in cells.to_numpy().ravel())


def test_themes_table_is_what_apply_disclosure_publishes():
    data = _data()
    themes = equality_tables(data)[0]
    # the same counts, worked out by hand: respondents per theme in each group
    coded = {"Access to services": {"s00", "s01", "s02", "s03", "s04", "s05", "s06", "s07",
                                    "s08", "s09", "s10", "s11"},
             "Support that helped": {f"s{i:02d}" for i in range(14)}}
    group = dict(zip([f"s{i:02d}" for i in range(14)],
                     ["Femme"] * 8 + ["Masc"] * 3 + [NOT_STATED] * 3))
    groups = ["Femme", "Masc", NOT_STATED]
    raw = pd.DataFrame({g: [sum(group[r] == g for r in coded[t]) for t in coded]
                        for g in groups}, index=list(coded))
    # the base: the group's respondents who answered a question the theme was used in (s12
    # and s13 did not answer the question the access codes were used in)
    base = pd.DataFrame({"Femme": [8, 8], "Masc": [3, 3], NOT_STATED: [1, 3]}, index=list(coded))
    want, _ = apply_disclosure(raw, min_count=5, min_base_for_percent=10, bases=base,
                               column_totals=False, total_label=ALL_GROUPS)
    got = themes.table.set_index("Theme")
    for col in want.columns.drop(f"{ALL_GROUPS} %"):  # hidden below: a base is small
        assert got[col].tolist() == want[col].tolist(), col
    assert got["Masc base"].tolist() == ["<5", "<5"]
    assert got[f"{NOT_STATED} base"].tolist() == ["<5", "<5"]
    assert got[f"{ALL_GROUPS} base"].tolist() == [SECONDARY_MARK] * 2
    assert got[f"{ALL_GROUPS} %"].isna().all()


def test_closed_questions_exclude_the_characteristics_and_keep_each_base():
    data = _data(copies=3)
    closed = equality_tables(data)[1].table
    assert set(closed["Question"]) == {"How satisfied were you with support?",
                                       "Which services did you use?"}
    for _, block in closed.groupby("Question"):
        assert block["Answer"].iloc[-1] == "Answered (base)"


def test_build_tables_carries_the_equality_view():
    tables = build_tables(_data(copies=3))
    assert [t.key for t in tables.equality] == ["equality_themes_q9", "equality_closed_q9"]
    assert build_tables(make_report_data()).equality == ()


@pytest.mark.parametrize("min_count", [3, 5, 10])
def test_no_small_count_is_published_at_any_threshold(min_count):
    data = _data()
    data.disclosure = type(data.disclosure)(min_count=min_count, min_base_for_percent=10)
    for t in equality_tables(data):
        values = _counts(t).to_numpy().ravel()
        nums = np.array([v for v in values if not isinstance(v, str) and v is not None])
        assert not ((nums > 0) & (nums < min_count)).any()


def test_the_chapter_shows_the_equality_section_when_there_are_tables():
    from analysis.report.html import render_html
    from analysis.report.structure import build_blocks

    tables = build_tables(_data())
    headings = [b.text for b in build_blocks(tables) if b.kind == "heading"]
    assert "Equality" in headings
    assert headings.index("Equality") > headings.index("Closed questions")
    themes = [t for t in tables.equality if t.key.startswith("equality_themes_")]
    assert themes and themes[0].title in render_html(tables)
    # and no empty section where the instrument asks about no characteristic
    bare = build_tables(make_report_data())
    assert "Equality" not in [b.text for b in build_blocks(bare) if b.kind == "heading"]


def test_small_counts_that_would_give_a_closed_count_away_are_shown_as_c_with_a_note():
    # 14 survivors: the groups' "<5" marks (each says "at least 1") with the closed tables' own
    # "<5" cells would narrow a hidden closed count below the protection interval whatever
    # else were hidden; shown as "[c]" (which says nothing of the value) the blocks are safe,
    # so they are published instead of withheld
    tables = equality_tables(_data())
    assert [t.key for t in tables] == ["equality_themes_q9", "equality_closed_q9"]
    closed = tables[1]
    cells = _counts(closed).to_numpy().ravel().tolist()
    assert small_mark(5) not in cells and "[c]" in cells
    assert not [n for n in closed.notes if n.startswith("Not shown by")]
    note = [n for n in closed.notes if n.startswith('Small counts are shown as "[c]"')]
    assert len(note) == 1
    assert "How satisfied were you with support?" in note[0]
    # the shown counts and the closed tables together pin nothing: see
    # test_disclosure_attack_equality.py (tiny groups), which reads these tables
