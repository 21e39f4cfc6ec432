"""Wave comparison: hand-computed numbers on a small SYNTHETIC two-wave data set."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.report.data import ReportData
from analysis.report.disclosure import SECONDARY_MARK
from analysis.waves import (ADJUSTED, FISHER, ZTEST, compare_proportions, compare_waves,
                            waves_of)
from survey.config import DisclosureConfig
from survey.instrument import instrument_from_dict

INSTRUMENT = instrument_from_dict({"name": "SYNTHETIC waves test", "questions": [
    {"id": "knew", "text": "Did you know where to go for help?", "kind": "single",
     "options": ["Yes", "No"], "cohorts": ["survivor"]},
    {"id": "new_q", "text": "A question asked in wave 2 only", "kind": "single",
     "options": ["Yes", "No"], "cohorts": ["survivor"], "waves": [2]},
    {"id": "helped", "text": "What helped?", "kind": "text", "cohorts": ["survivor"]},
]})
CODES = pd.DataFrame({"code_id": ["c_wait", "c_online"], "label": ["Waiting", "Online support"],
                      "theme_id": ["t_access", "t_online"],
                      "theme_label": ["Access", "Online support"], "definition": ["", ""],
                      "colour": ["#000000", "#111111"], "status": ["active", "active"]})


def _data(yes1: int, n1: int, yes2: int, n2: int, *, online2: int = 0) -> ReportData:
    """Wave 1: ``yes1`` of ``n1`` said Yes; wave 2: ``yes2`` of ``n2``; every respondent's
    free-text answer is coded "waiting", and ``online2`` wave-2 answers are coded "online"."""
    resp, ans, seg, cod = [], [], [], []
    for wave, yes, n in ((1, yes1, n1), (2, yes2, n2)):
        for i in range(n):
            rid = f"w{wave}_{i}"
            resp.append({"response_id": rid, "source": f"s{wave}", "cohort": "survivor",
                         "wave": wave, "kind": "survey", "submitted": None,
                         "knew": "Yes" if i < yes else "No",
                         "new_q": ("Yes" if i % 2 else "No") if wave == 2 else None})
            ans.append({"answer_id": f"a{rid}", "response_id": rid, "question_id": "helped",
                        "text": "SYNTHETIC answer", "lang": "en"})
            seg.append({"segment_id": f"s{rid}", "answer_id": f"a{rid}", "start": 0, "end": 16,
                        "text": "SYNTHETIC answer"})
            cod.append({"segment_id": f"s{rid}", "code_id": "c_wait", "coder": "t",
                        "source": "rules", "confidence": 1.0, "status": "accepted",
                        "evidence": "", "decided_at": "2026-01-01"})
            if wave == 2 and i < online2:
                cod.append({**cod[-1], "code_id": "c_online"})
    resp.append({"response_id": "int1", "source": "t", "cohort": "survivor", "wave": 1,
                 "kind": "interview", "submitted": None, "knew": None, "new_q": None})
    return ReportData(project_name="SYNTHETIC", instrument=INSTRUMENT,
                      responses=pd.DataFrame(resp), answers=pd.DataFrame(ans),
                      segments=pd.DataFrame(seg), codings=pd.DataFrame(cod), codes=CODES,
                      disclosure=DisclosureConfig(min_count=5, min_base_for_percent=10))


def test_compare_proportions_z_test_matches_hand_computation() -> None:
    # 6/20 -> 14/20: pooled 0.5, se = sqrt(0.25 * (1/20 + 1/20)) = 0.158114, z = 2.529822,
    # two-sided p = 2 * (1 - Phi(2.529822)) = 0.011412; every expected count is 10.
    r = compare_proportions(6, 20, 14, 20)
    assert r["test"] == ZTEST
    assert r["diff"] == pytest.approx(40.0)
    assert r["p"] == pytest.approx(0.011412, abs=1e-6)
    # Wilson(6/20): z^2 = 3.841459, centre = (0.3 + 0.096036) / 1.192073 = 0.332225,
    # half = 1.644166 * sqrt(0.0105 + 0.002401) = 0.186748 -> (0.145477, 0.518973);
    # Wilson(14/20) mirrors it: (0.481027, 0.854523). Newcombe:
    # low = 0.4 - sqrt(0.218973^2 + 0.218973^2) = 0.090325,
    # high = 0.4 + sqrt(0.154523^2 + 0.154523^2) = 0.618528 (61.85 points)
    assert r["diff_low"] == pytest.approx(9.0325, abs=1e-3)
    assert r["diff_high"] == pytest.approx(61.8528, abs=1e-3)


def test_compare_proportions_small_counts_use_fisher() -> None:
    # 1/12 vs 6/12: expected chosen count 3.5 < 5. Fisher two-sided p (hypergeometric,
    # N=24, K=7, n=12): tables as or less likely than a=1 are a in {0,1,6,7}:
    # (C(7,0)C(17,12) + C(7,1)C(17,11) + C(7,6)C(17,6) + C(7,7)C(17,5)) / C(24,12)
    # = (6188 + 86632 + 86632 + 6188) / 2704156 = 185640 / 2704156 = 0.068650
    r = compare_proportions(1, 12, 6, 12)
    assert r["test"] == FISHER
    terms = [math.comb(7, a) * math.comb(17, 12 - a) for a in (0, 1, 6, 7)]
    assert r["p"] == pytest.approx(sum(terms) / math.comb(24, 12), rel=1e-9)
    assert r["p"] == pytest.approx(0.068650, abs=1e-6)


def test_compare_proportions_rejects_zero_base() -> None:
    with pytest.raises(ValueError, match="positive"):
        compare_proportions(0, 0, 1, 5)


def test_compare_waves_closed_section_hand_computed() -> None:
    sections = compare_waves(_data(6, 20, 14, 20))
    closed = sections[0]
    assert closed.key == "Waves 1-2 closed" and "wave 1 to wave 2" in closed.title
    captions = [c for c, _ in closed.tables]
    assert captions == ["Did you know where to go for help? [knew] (survivor)"]  # not new_q
    t = closed.tables[0][1].set_index("Option")
    assert t.at["Yes", "Wave 1"] == 6 and t.at["Yes", "Wave 2"] == 14
    assert t.at["Yes", "Wave 1 %"] == 30.0 and t.at["Yes", "Wave 2 %"] == 70.0
    assert t.at["Yes", "Change (points)"] == 40.0
    assert t.at["Yes", "Test"] == ZTEST and t.at["Yes", "p"] == "0.011"
    assert t.at["Yes", "Change 95% CI"] == "9.0 to 61.9"
    assert t.at["Yes", "Wave 1 95% CI"] == "14.5 to 51.9"
    assert t.at["Base (answered)", "Wave 1"] == 20  # the interview is left out


def test_compare_waves_suppresses_small_counts_and_their_tests() -> None:
    t = compare_waves(_data(3, 20, 14, 20))[0].tables[0][1].set_index("Option")
    assert t.at["Yes", "Wave 1"] == "<5"
    assert t.at["Yes", "Wave 1 %"] is None
    assert t.at["Yes", "Change (points)"] is None and t.at["Yes", "p"] is None
    # every margin is published (bases 20 and 20; both waves: Yes 17, No 23), so the other
    # three cells are hidden too: 20 - 17 or 17 - 14 would give the 3 away
    assert t.at["Base (answered)", "Wave 1"] == 20
    assert t.at["Yes", "Both waves"] == 17 and t.at["No", "Both waves"] == 23
    assert [t.at["No", "Wave 1"], t.at["Yes", "Wave 2"], t.at["No", "Wave 2"]] == [
        SECONDARY_MARK] * 3
    assert t.at["No", "Change (points)"] is None


def test_compare_waves_multiple_choice_hides_other_wave_of_a_small_count() -> None:
    """A multiple-choice option: the bases do not constrain the rows, but both waves together
    are published, so a small count hides its other wave."""
    raw = {"name": "SYNTHETIC", "questions": [
        {"id": "used", "text": "Which services?", "kind": "multiple", "options": ["A", "B"]}]}
    d = _data(6, 20, 14, 20)
    d.instrument = instrument_from_dict(raw)
    d.responses["used"] = [["A", "B"] if i < 3 else ["B"] for i in range(20)] + [
        ["A"] if i < 12 else ["B"] for i in range(20)] + [None]
    t = compare_waves(d)[0].tables[0][1].set_index("Option")
    assert t.at["A", "Wave 1"] == "<5" and t.at["A", "Wave 2"] == SECONDARY_MARK
    assert t.at["A", "Both waves"] == 15
    assert t.at["B", "Wave 1"] == 20 and t.at["B", "Wave 2"] == 8
    assert t.at["B", "Test"] == ZTEST


def test_compare_waves_theme_prevalence_and_new_theme() -> None:
    themes = compare_waves(_data(6, 20, 14, 20, online2=7))[1]
    prevalence = dict(themes.tables)["Theme prevalence (survivor)"].set_index("Theme")
    assert prevalence.at["Access", "Wave 1"] == 20 and prevalence.at["Access", "Wave 2"] == 20
    assert prevalence.at["Online support", "Wave 1"] == 0
    assert prevalence.at["Online support", "Wave 2"] == 7
    assert prevalence.at["Online support", "Wave 2 %"] == 35.0
    # 0/20 vs 7/20: expected chosen 3.5 < 5, so Fisher
    assert prevalence.at["Online support", "Test"] == FISHER
    new = dict(themes.tables)["Themes and codes new in wave 2 (none in wave 1)"]
    assert set(new["Theme"]) == {"Online support"}
    assert set(new["Respondents in wave 2"]) == {7}


def test_compare_waves_one_wave_gives_nothing() -> None:
    d = _data(6, 20, 14, 20)
    d.responses = d.responses[d.responses["wave"] == 1]
    assert waves_of(d) == [1]
    assert compare_waves(d) == []


def test_compare_waves_holm_adjusted_within_each_table() -> None:
    t = compare_waves(_data(6, 20, 14, 20))[0].tables[0][1].set_index("Option")
    # two rows tested in this table, both with raw p 0.011412: Holm gives 2 x 0.011412
    assert t.at["Yes", "p"] == t.at["No", "p"] == "0.011"
    assert t.at["Yes", ADJUSTED] == t.at["No", ADJUSTED] == "0.023"
    assert t.at["Base (answered)", ADJUSTED] is None


@settings(max_examples=40, deadline=None)
@given(st.integers(5, 25), st.integers(5, 25))
def test_compare_waves_every_change_interval_contains_change(yes1: int, yes2: int) -> None:
    t = compare_waves(_data(yes1, 30, yes2, 30))[0].tables[0][1]
    for r in t.to_dict("records"):
        if r["Change (points)"] is None:
            continue
        lo, hi = (float(x) for x in r["Change 95% CI"].split(" to "))
        assert lo <= r["Change (points)"] <= hi
        assert float(r[ADJUSTED].lstrip("<")) >= float(r["p"].lstrip("<"))


def test_report_wave_changes_show_every_tested_row() -> None:
    from analysis.report.structure import _changes

    # 15/30 -> 16/30: p far above 0.05, still shown with its raw and adjusted p
    section = compare_waves(_data(15, 30, 16, 30))[0]
    ch = _changes(section)
    assert ch is not None and set(ch["Row"]) == {"Yes", "No"}
    assert all(float(p) > 0.05 for p in ch["p"]) and ADJUSTED in ch.columns


def _clone(src: ReportData, dst: ReportData, rids: list[str], *, prefix: str, wave: int,
           cohort: str, online: int) -> None:
    """Copy respondents ``rids`` of ``src`` (with their answers, segments and codings) into
    ``dst`` under new ids, as ``cohort`` in ``wave``; the first ``online`` get "online"."""
    r = src.responses[src.responses["response_id"].isin(rids)]
    r = r.assign(wave=wave, cohort=cohort, response_id=prefix + r["response_id"])
    a = src.answers[src.answers["response_id"].isin(rids)]
    a = a.assign(response_id=prefix + a["response_id"], answer_id=prefix + a["answer_id"])
    seg = src.segments[src.segments["answer_id"].isin(set(a["answer_id"].str[len(prefix):]))]
    seg = seg.assign(answer_id=prefix + seg["answer_id"], segment_id=prefix + seg["segment_id"])
    c = src.codings[src.codings["segment_id"].isin(set(seg["segment_id"].str[len(prefix):]))]
    c = c.assign(segment_id=prefix + c["segment_id"]).reset_index(drop=True)
    c.loc[: online - 1, "code_id"] = "c_online"
    for name, frame in (("responses", r), ("answers", a), ("segments", seg), ("codings", c)):
        setattr(dst, name, pd.concat([getattr(dst, name), frame], ignore_index=True))


def _three_waves() -> ReportData:
    """Three SYNTHETIC waves with tiny cohorts: 6, 9 and 40 survivors, and 5 professionals in
    wave 3."""
    d = _data(2, 6, 6, 9, online2=4)
    extra = _data(30, 40, 0, 1)
    survey = extra.responses[(extra.responses["wave"] == 1)
                             & (extra.responses["kind"] == "survey")]["response_id"].tolist()
    _clone(extra, d, survey, prefix="w3", wave=3, cohort="survivor", online=25)
    _clone(extra, d, survey[:5], prefix="pr", wave=3, cohort="professional", online=0)
    # thresholds down to 1 so that even these tiny bases are tested and published
    d.disclosure = DisclosureConfig(min_count=1, min_base_for_percent=1)
    return d


def test_three_waves_tiny_cohorts_no_interval_misses_and_no_p_prints_as_zero() -> None:
    d = _three_waves()
    assert waves_of(d) == [1, 2, 3]
    sections = compare_waves(d)
    assert len(sections) == 4
    tested = 0
    for s in sections:
        for _caption, t in s.tables:
            if "p" not in t.columns:
                continue
            for r in t.to_dict("records"):
                if r["p"] is None:
                    continue
                tested += 1
                lo, hi = (float(x) for x in r["Change 95% CI"].split(" to "))
                assert lo <= r["Change (points)"] <= hi, r
                for p in (r["p"], r[ADJUSTED]):
                    assert p == "<0.001" or (len(p) == 5 and float(p) > 0), r
    assert tested >= 4


def test_three_waves_tiny_cohorts_cohort_differences_contain_their_estimates() -> None:
    from analysis.report.findings import CI_HIGH, CI_LOW, difference_column
    from analysis.report.tables import build_tables

    d = _three_waves()
    d.extra_sections = compare_waves(d)
    t = build_tables(d).cohort_differences.table
    diff = difference_column(t.columns)
    assert len(t) >= 2 and set(t["Test"]) == {FISHER}  # 5 professionals: exact tests
    assert ((t[CI_LOW] <= t[diff]) & (t[diff] <= t[CI_HIGH])).all()
    assert all(p == "<0.001" or float(p) > 0 for p in [*t["p"], *t[ADJUSTED]])
