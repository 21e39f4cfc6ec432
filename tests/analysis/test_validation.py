"""Validation sample and validated prevalence (issue 14)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.store import Store
from analysis.validation import (NONE_STRATUM, cell_rates, code_prevalence,
                                 draw_validation_sample, stratified_estimate)
from survey.instrument import instrument_from_dict


def test_store_validation_sample_round_trip(tmp_path):
    sample = pd.DataFrame([
        {"segment_id": "s2", "unit_id": "r2", "stratum": "waiting", "predicted": ["waiting"],
         "position": 1, "seed": 7, "drawn_at": "2026-01-01T00:00:00+00:00"},
        {"segment_id": "s1", "unit_id": "r1", "stratum": "(none)", "predicted": [],
         "position": 0, "seed": 7, "drawn_at": "2026-01-01T00:00:00+00:00"},
    ])
    frame = pd.concat([sample, pd.DataFrame([{"segment_id": "s3", "unit_id": "r3",
                                              "stratum": "staff", "predicted": "staff;waiting"}])])
    with Store(tmp_path / "p.sqlite") as store:
        assert store.read_validation_sample().empty
        store.replace_validation_sample(sample, frame)
        got = store.read_validation_sample()
        assert got["segment_id"].tolist() == ["s1", "s2"]  # queue order
        assert got["predicted"].tolist() == [[], ["waiting"]]
        assert set(got["seed"]) == {7}
        fr = store.read_validation_frame()
        assert len(fr) == 3 and fr.loc[fr["segment_id"] == "s3", "predicted"].item() == [
            "staff", "waiting"]
        store.replace_validation_sample(sample.iloc[:1])  # a new draw replaces the old one
        assert store.read_validation_sample()["segment_id"].tolist() == ["s2"]
        assert store.read_validation_frame()["segment_id"].tolist() == ["s2"]


# -- the estimator under simulation --------------------------------------------------------------


def _simulate(*, reps: int, n: int, prevalence: float, sensitivity: float, specificity: float,
              alloc: dict[int, int], split_negatives: bool, seed: int) -> tuple[float, float]:
    """Coverage of the 95% interval and mean error (points) over ``reps`` populations."""
    rng = np.random.default_rng(seed)
    covered, errors = 0, []
    for _ in range(reps):
        truth = rng.random(n) < prevalence
        machine = np.where(truth, rng.random(n) < sensitivity, rng.random(n) > specificity)
        # sampling strata: the machine label, or (split_negatives) the negatives split in two,
        # so that the sampling strata differ from the estimator's cells and weights matter
        stratum = machine.astype(int)
        if split_negatives:
            stratum = np.where(machine, 1, np.where(rng.random(n) < 0.3, 2, 0))
        weight = np.zeros(n)
        picked = []
        for h, m in alloc.items():
            pool = np.flatnonzero(stratum == h)
            pick = rng.choice(pool, size=min(m, len(pool)), replace=False)
            weight[pick] = len(pool) / len(pick)
            picked.append(pick)
        s = np.concatenate(picked)
        rate, n_eff = cell_rates(machine[s], truth[s].astype(float), weight[s])
        reviewed = np.zeros(n, dtype=bool)
        reviewed[s] = True
        unknown = np.array([np.sum(~machine & ~reviewed), np.sum(machine & ~reviewed)], float)
        _, pct, lo, hi = stratified_estimate(known_pos=int(truth[s].sum()), unknown=unknown,
                                             rate=rate, n_eff=n_eff, n_total=n, n_boot=1000,
                                             rng=rng)
        true_pct = 100.0 * truth.mean()
        covered += lo <= true_pct <= hi
        errors.append(pct - true_pct)
    return covered / reps, float(np.mean(errors))


@pytest.mark.parametrize(("prevalence", "sensitivity", "specificity", "alloc", "split"), [
    (0.12, 0.80, 0.95, {1: 120, 0: 120}, False),   # the reference design
    (0.03, 0.70, 0.98, {1: 120, 0: 120}, False),   # a rare code
    (0.12, 0.80, 0.95, {1: 100, 2: 60, 0: 60}, True),  # strata differ from cells: weights
])
def test_prevalence_interval_covers_truth_in_500_simulations(prevalence, sensitivity,
                                                             specificity, alloc, split):
    coverage, bias = _simulate(reps=500, n=3000, prevalence=prevalence, sensitivity=sensitivity,
                               specificity=specificity, alloc=alloc, split_negatives=split,
                               seed=0)
    assert 0.92 <= coverage <= 0.98
    assert abs(bias) < 1.0


def test_prevalence_naive_machine_count_is_biased_where_the_estimate_is_not():
    # the same populations: the uncorrected machine count is off by several points
    rng = np.random.default_rng(1)
    truth = rng.random(3000) < 0.12
    machine = np.where(truth, rng.random(3000) < 0.8, rng.random(3000) > 0.95)
    assert abs(100 * machine.mean() - 100 * truth.mean()) > 1.0
    assert _simulate(reps=50, n=3000, prevalence=0.12, sensitivity=0.8, specificity=0.95,
                     alloc={1: 120, 0: 120}, split_negatives=False, seed=1)[1] < 1.0


def test_cell_rates_weights_and_effective_size():
    rate, n_eff = cell_rates(np.array([True, True, False, False]), np.array([1.0, 0.0, 1, 0]),
                             np.array([1.0, 3.0, 2.0, 2.0]))
    assert rate.tolist() == [0.5, 0.25]
    assert n_eff[0] == pytest.approx(2.0) and n_eff[1] == pytest.approx(16 / 10)


# -- through the store ---------------------------------------------------------------------------
INST = instrument_from_dict({"questions": [{"id": "said", "text": "Anything else?",
                                            "kind": "text"}]})


def _project_store(path, n: int = 300, seed: int = 5):
    """A synthetic store: ``n`` respondents in two cohorts, one segment each, machine
    suggestions of code ``wait`` with known truth (returned)."""
    rng = np.random.default_rng(seed)
    ids = [f"r{i:04d}" for i in range(n)]
    responses = pd.DataFrame({"response_id": ids, "source": "s.csv",
                              "cohort": ["survivor" if i % 3 else "professional"
                                         for i in range(n)],
                              "wave": 1, "kind": "survey", "submitted": None})
    answers = pd.DataFrame({"answer_id": [f"a{i}" for i in ids], "response_id": ids,
                            "question_id": "said", "text": "synthetic words", "lang": "en"})
    segments = pd.DataFrame({"segment_id": [f"s{i}" for i in ids],
                             "answer_id": answers["answer_id"], "start": 0, "end": 15,
                             "text": "synthetic words"})
    truth = rng.random(n) < 0.2
    machine = np.where(truth, rng.random(n) < 0.75, rng.random(n) > 0.9)
    sugg = pd.DataFrame({"segment_id": segments["segment_id"][machine], "code_id": "wait",
                         "coder": "ensemble.v1", "source": "classifier",
                         "confidence": 0.7, "status": "suggested", "evidence": "",
                         "decided_at": None})
    store = Store(path).open()
    store.replace_survey_data(INST, responses, answers)
    store.replace_segments(segments)
    store.replace_suggestions(sugg)
    return store, dict(zip(segments["segment_id"], truth, strict=True))


def _review(store, segment_ids, truth, coder="AB"):
    rows = [{"segment_id": s, "code_id": "wait", "coder": coder, "source": "human",
             "confidence": None, "status": "accepted" if truth[s] else "rejected",
             "evidence": None, "decided_at": "2026-02-01T10:00:00"} for s in segment_ids]
    store.add_codings(pd.DataFrame(rows))


def test_validation_sample_is_seeded_and_stratified(tmp_path):
    store, _ = _project_store(tmp_path / "p.sqlite")
    a = draw_validation_sample(store, size=40, per_code=25, seed=3)
    b = draw_validation_sample(store, size=40, per_code=25, seed=3)
    c = draw_validation_sample(store, size=40, per_code=25, seed=4)
    store.close()
    assert a["segment_id"].tolist() == b["segment_id"].tolist()
    assert a["segment_id"].tolist() != c["segment_id"].tolist()
    per = a.drop_duplicates("unit_id")["stratum"].value_counts()
    assert per["wait"] >= 25 and per[NONE_STRATUM] >= 15 and per.sum() == 50
    assert a["position"].tolist() == list(range(len(a)))


def test_validation_sample_rejects_bad_size(tmp_path):
    store, _ = _project_store(tmp_path / "p.sqlite", n=10)
    with pytest.raises(ValueError, match="size"):
        draw_validation_sample(store, size=0, seed=1)
    store.close()


def test_code_prevalence_draft_then_estimated_then_human(tmp_path):
    store, truth = _project_store(tmp_path / "p.sqlite")
    draft = code_prevalence(store, code_ids=["wait"], seed=1)
    assert set(draft["status"]) == {"draft"} and draft["lo"].isna().all()
    sample = draw_validation_sample(store, size=120, per_code=40, seed=2)
    _review(store, sample["segment_id"], truth)
    est = code_prevalence(store, code_ids=["wait"], seed=1).set_index("cohort")
    assert set(est["status"]) == {"estimated"}
    for cohort, row in est.iterrows():
        ids = [s for s in truth if (int(s[2:]) % 3 != 0) == (cohort == "survivor")]
        true_pct = 100.0 * np.mean([truth[s] for s in ids])
        assert row["lo"] <= true_pct <= row["hi"]
        assert row["lo"] < row["pct"] < row["hi"] and 0 < row["n_reviewed"] < row["n_total"]
    again = code_prevalence(store, code_ids=["wait"], seed=1).set_index("cohort")
    assert again.equals(est)  # seeded
    _review(store, list(truth), truth, coder="CD")
    full = code_prevalence(store, code_ids=["wait"], seed=1).set_index("cohort")
    store.close()
    assert set(full["status"]) == {"human"}
    assert (full["lo"] == full["hi"]).all() and (full["n_reviewed"] == full["n_total"]).all()
    assert full.loc["survivor", "count"] == sum(
        truth[s] for s in truth if int(s[2:]) % 3 != 0)


def test_code_prevalence_without_reviews_of_a_cell_stays_draft(tmp_path):
    store, truth = _project_store(tmp_path / "p.sqlite")
    sample = draw_validation_sample(store, size=60, per_code=30, seed=2)
    wait_only = sample.loc[sample["stratum"] == "wait", "segment_id"]
    _review(store, wait_only, truth)  # nobody checked the predicted-negative cell
    out = code_prevalence(store, code_ids=["wait"], seed=1)
    store.close()
    assert set(out["status"]) == {"draft"}


def test_cli_validation_sample_draws_into_the_store(tmp_path):
    from typer.testing import CliRunner

    from voices.cli import app

    store, _ = _project_store(tmp_path / "project.sqlite")
    store.close()
    demo = Path(__file__).resolve().parents[2] / "data" / "demo"
    res = CliRunner().invoke(app, ["validation-sample", str(demo), "--out", str(tmp_path),
                                   "--size", "30", "--per-code", "10", "--seed", "9"])
    assert res.exit_code == 0, res.output
    assert "30 respondent(s)" in res.output
    with Store(tmp_path / "project.sqlite") as again:
        got = again.read_validation_sample()
    assert len(got) == 30 and set(got["seed"]) == {9}
    bad = CliRunner().invoke(app, ["validation-sample", str(demo), "--out", str(tmp_path),
                                   "--size", "0"])
    assert bad.exit_code == 1 and "size" in bad.output
