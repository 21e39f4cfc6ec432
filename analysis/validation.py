"""Validation sample and validated prevalence: machine codes checked on a human-coded sample.

A council with 20,000 answers cannot have people code them all. The machine codes everything;
people code a seeded random sample, blind to the suggestions; the sample measures the machine's
errors; each code's prevalence is the machine count corrected with them, with a 95% interval.

Decisions written down here:

* The unit is the one :mod:`analysis.summarise` counts: the RESPONDENT, per cohort. A respondent
  has code C when any of their segments has it; the base of C in a cohort is the respondents who
  gave a non-empty answer to a free-text question C was applied in (by a person or the machine),
  or any free text when C was applied nowhere.
* The sample draws respondents (all their segments go into the queue, adjacent), stratified by
  the respondent's top predicted code (the machine suggestion with the highest confidence over
  their segments; ``(none)`` without one). Each stratum gets at least ``per_code`` respondents
  (or all it has), the rest of ``size`` goes to strata in proportion to their size. Respondents a
  person had already fully coded are not drawn: their figures are known. The queue order is a
  seeded shuffle, so a queue reviewed only in part is still a random sample of each stratum.
* The machine predictions are frozen at the draw (``validation_frame``): a later suggest run
  retrains on the reviewed sample, and the error rates measured belong to the draw-time model.
* A respondent is *reviewed* when every one of their segments has a current human decision
  (accepted or rejected); its truth for C is whether a person's latest decision accepted C on any
  of its segments.
* Estimator, per code C (post-stratified by the machine's own label, as in
  ``reference/validated-prevalence.md``): the reviewed sample respondents are weighted by their
  sampling stratum (``w = U_h / r_h``: respondents in the frame's stratum over those reviewed);
  in each cell k (predicted C or not) the weighted share truly C is the cell rate ``t_k`` (the
  precision for k = 1 and the false-omission rate for k = 0). In a cohort, the estimated count is
  the reviewed respondents' own count plus ``sum_k (unreviewed respondents in cell k) * t_k``.
  Cell rates are pooled over cohorts (the machine's errors are a property of text, not of who
  wrote it); the counts per cell are the cohort's own.
* Interval: a parametric bootstrap: each replicate draws the cell rate ``t_k`` from
  Beta(x + 1/2, n - x + 1/2) (Jeffreys), with ``n`` the cell's effective sample size (Kish) and
  ``x = t_k n``, then the unreviewed respondents' count in the cell from Binomial(unreviewed,
  ``t_k``); the interval is the 2.5% and 97.5% points of the replicated percentage. This carries
  the sampling error of the validation sample, the finite-population correction (a cell mostly
  reviewed has a narrow interval) and stays honest in a cell with no positive case, where a
  resampling bootstrap would give zero width. The simulation test checks coverage and bias.
* Status: ``human`` when every respondent of the base is reviewed (interval of zero width);
  ``estimated`` when a sample was drawn and each cell holding unreviewed respondents has at least
  one reviewed sample respondent; otherwise ``draft``: the machine count over unreviewed
  respondents plus the reviewed ones' own, with no interval.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from survey.errors import ToolkitError

NONE_STRATUM = "(none)"
PREVALENCE_COLUMNS = ("code_id", "cohort", "status", "n_total", "count", "pct", "lo", "hi",
                      "n_reviewed")
SAMPLE_COLUMNS = ("segment_id", "unit_id", "stratum", "predicted", "position", "seed",
                  "drawn_at")


# -- what the store says, per segment and per respondent ---------------------------------------
@dataclass(frozen=True)
class _Units:
    """Per segment: unit, question, cohort; machine predictions; human decisions."""

    seg: pd.DataFrame        # segment_id, unit_id, question_id, cohort
    answered: pd.DataFrame   # unit_id, question_id, cohort (non-empty answers)
    machine: pd.DataFrame    # segment_id, code_id, confidence (current machine suggestions)
    reviewed: set[str]       # segments with a current human decision
    human_pos: pd.DataFrame  # segment_id, code_id accepted by a person (latest decision)


def _load_units(store: Any) -> _Units:
    segments = store.read_segments()[["segment_id", "answer_id"]].astype(str)
    answers = store.read_answers()
    responses = store.read_responses()[["response_id", "cohort"]]
    answers = answers.merge(responses, on="response_id", how="inner")
    answers = answers.rename(columns={"response_id": "unit_id"})
    answers["answer_id"] = answers["answer_id"].astype(str)
    seg = segments.merge(answers[["answer_id", "unit_id", "question_id", "cohort"]],
                         on="answer_id", how="inner").drop(columns="answer_id")
    nonempty = answers["text"].fillna("").astype(str).str.strip() != ""
    answered = answers.loc[nonempty, ["unit_id", "question_id", "cohort"]].drop_duplicates()
    codings = store.read_codings(current_only=True)
    codings = codings.assign(segment_id=codings["segment_id"].astype(str),
                             code_id=codings["code_id"].astype(str))
    machine = codings[(codings["source"] != "human") & (codings["status"] == "suggested")]
    machine = machine[["segment_id", "code_id", "confidence"]]
    human = codings[(codings["source"] == "human")
                    & codings["status"].isin(("accepted", "rejected"))].copy()
    human["_order"] = range(len(human))
    human["_when"] = human["decided_at"].astype("string").fillna("")
    latest = human.sort_values(["_when", "_order"], kind="stable").drop_duplicates(
        ["segment_id", "code_id"], keep="last")
    pos = latest.loc[latest["status"] == "accepted", ["segment_id", "code_id"]]
    return _Units(seg=seg, answered=answered, machine=machine,
                  reviewed=set(human["segment_id"]), human_pos=pos.drop_duplicates())


def _reviewed_units(u: _Units) -> set[str]:
    """Respondents all of whose segments have a current human decision."""
    if u.seg.empty:
        return set()
    ok = u.seg["segment_id"].isin(u.reviewed).groupby(u.seg["unit_id"]).all()
    return set(ok.index[ok.to_numpy()])


# -- the sample --------------------------------------------------------------------------------
def _allocate(sizes: np.ndarray, size: int, per_code: int) -> np.ndarray:
    """Units per stratum: ``min(per_code, size_h)`` each, the rest in proportion to size
    (largest remainder), never more than a stratum holds; at most ``max(size, floors)``."""
    take = np.minimum(sizes, per_code)
    left = max(size - int(take.sum()), 0)
    room = sizes - take
    while left > 0 and room.sum() > 0:
        share = left * room / room.sum()
        add = np.minimum(np.floor(share).astype(int), room)
        if add.sum() == 0:  # hand out the remainder one by one, largest fraction first
            order = np.argsort(-(share - np.floor(share)), kind="stable")
            add = np.zeros_like(room)
            for j in order[:left]:
                if room[j] > 0:
                    add[j] = 1
        take, room, left = take + add, room - add, left - int(add.sum())
    return take


def draw_validation_sample(store: Any, *, size: int, per_code: int = 0,
                           seed: int = 13) -> pd.DataFrame:
    """Draw a seeded validation sample of respondents, stratified by top predicted code, and
    store it (with the frozen draw-time predictions of every unreviewed respondent).

    Args:
        store: An open :class:`analysis.store.Store` with segments and machine suggestions.
        size: Respondents to draw in all (at least the per-stratum minimums are drawn).
        per_code: At least this many respondents from each stratum (or all it has).
        seed: Seed of the draw and of the queue order.

    Returns:
        The sample (``segment_id, unit_id, stratum, predicted, position, seed, drawn_at``), in
        queue order, as :meth:`Store.read_validation_sample` gives it back.

    Raises:
        ValueError: ``size`` < 1 or ``per_code`` < 0.
        ToolkitError: No segments, or every respondent is already reviewed.
    """
    if not isinstance(size, int) or isinstance(size, bool) or size < 1:
        raise ValueError(f"size must be an integer >= 1; got {size!r}")
    if not isinstance(per_code, int) or isinstance(per_code, bool) or per_code < 0:
        raise ValueError(f"per_code must be an integer >= 0; got {per_code!r}")
    u = _load_units(store)
    if u.seg.empty:
        raise ToolkitError(f"{store.path}: no segments to sample; run `voices run` first")
    done = _reviewed_units(u)
    seg = u.seg[~u.seg["unit_id"].isin(done)]
    if seg.empty:
        raise ToolkitError(f"{store.path}: every respondent is already coded by a person; "
                           "no sample is needed")
    pred = u.machine.merge(seg[["segment_id", "unit_id"]], on="segment_id", how="inner")
    predicted = pred.groupby("segment_id")["code_id"].agg(lambda s: sorted(set(s))).to_dict()
    conf = pred.assign(confidence=pred["confidence"].fillna(0.0).astype(float))
    conf = conf.sort_values(["unit_id", "confidence", "code_id"], ascending=[True, False, True],
                            kind="stable")
    top = conf.drop_duplicates("unit_id").set_index("unit_id")["code_id"].to_dict()
    frame = seg[["segment_id", "unit_id"]].copy()
    frame["stratum"] = [top.get(x, NONE_STRATUM) for x in frame["unit_id"]]
    frame["predicted"] = [predicted.get(s, []) for s in frame["segment_id"]]
    units = frame.drop_duplicates("unit_id")[["unit_id", "stratum"]].sort_values(
        ["stratum", "unit_id"], kind="stable")
    strata = sorted(units["stratum"].unique())
    members = {h: units.loc[units["stratum"] == h, "unit_id"].to_numpy() for h in strata}
    take = _allocate(np.array([len(members[h]) for h in strata]), size, per_code)
    rng = np.random.default_rng(seed)
    chosen = [x for h, k in zip(strata, take, strict=True)
              for x in rng.choice(members[h], size=int(k), replace=False)]
    queue = [chosen[i] for i in rng.permutation(len(chosen))]
    rank = {x: i for i, x in enumerate(queue)}
    sample = frame[frame["unit_id"].isin(rank)].copy()
    sample["_rank"] = sample["unit_id"].map(rank)
    sample = sample.sort_values(["_rank"], kind="stable").drop(columns="_rank")
    sample["position"] = range(len(sample))
    sample["seed"] = seed
    sample["drawn_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    store.replace_validation_sample(sample[list(SAMPLE_COLUMNS)], frame)
    return store.read_validation_sample()


def validation_sample(project: str | Path | None = None, *, size: int, per_code: int = 0,
                      seed: int | None = None, out_dir: str | Path | None = None) -> pd.DataFrame:
    """What ``voices validation-sample`` does: draw and store the sample of a project's store.

    ``seed`` defaults to the project's ``seed``.

    Raises:
        ToolkitError: No store yet, nothing to sample; ValueError for bad sizes.
    """
    from analysis.project import project_store
    from analysis.project import resolve_project
    from analysis.store import Store
    from survey.config import load_project

    store_path, _ = project_store(project, out_dir)
    if seed is None:
        seed = int(load_project(resolve_project(project)).seed)
    with Store(store_path) as store:
        try:
            return draw_validation_sample(store, size=size, per_code=per_code, seed=seed)
        except ValueError as exc:
            if isinstance(exc, ToolkitError):
                raise
            raise ToolkitError(f"validation-sample: {exc}") from None


# -- the estimator -----------------------------------------------------------------------------
def cell_interval_draws(rate: np.ndarray, n_eff: np.ndarray, n_boot: int,
                        rng: np.random.Generator) -> np.ndarray:
    """Bootstrap draws of cell rates: Beta(x + 1/2, n - x + 1/2) with ``x = rate * n``.

    Args:
        rate: Cell rates, shape ``(k,)``.
        n_eff: Effective sample sizes, shape ``(k,)`` (> 0).
        n_boot: Replicates.
        rng: Generator.

    Returns:
        Shape ``(n_boot, k)``.
    """
    x = rate * n_eff
    return rng.beta(x + 0.5, n_eff - x + 0.5, size=(n_boot, len(rate)))


def cell_rates(machine: np.ndarray, truth: np.ndarray,
               weight: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Weighted share truly coded in each cell of the machine's label, and the cell's effective
    sample size (Kish: ``(sum w)^2 / sum w^2``).

    Args:
        machine: Reviewed sample respondents' machine label (bool).
        truth: Their human label (0/1).
        weight: Their sampling weights.

    Returns:
        ``(rate, n_eff)``, each shape ``(2,)``: index 0 predicted no (false-omission rate),
        1 predicted yes (precision); zeros for an empty cell.
    """
    rate, n_eff = np.zeros(2), np.zeros(2)
    for k in (0, 1):
        sel = machine == bool(k)
        if sel.any():
            w = weight[sel]
            rate[k] = float(np.sum(w * truth[sel]) / np.sum(w))
            n_eff[k] = float(np.sum(w) ** 2 / np.sum(w ** 2))
    return rate, n_eff


def stratified_estimate(*, known_pos: int, unknown: np.ndarray, rate: np.ndarray,
                        n_eff: np.ndarray, n_total: int, n_boot: int,
                        rng: np.random.Generator) -> tuple[float, float, float, float]:
    """Count and percentage with a 95% interval from cell rates (see the module docstring).

    Args:
        known_pos: Reviewed respondents of the base that have the code.
        unknown: Unreviewed respondents of the base per cell (predicted no, predicted yes).
        rate: Measured share truly coded per cell.
        n_eff: Effective number of reviewed sample respondents per cell (> 0 where
            ``unknown`` > 0).
        n_total: The base.
        n_boot: Bootstrap replicates.
        rng: Generator.

    Returns:
        ``(count, pct, lo, hi)``: estimated count, and percentage with its interval (0..100).
    """
    use = unknown > 0
    count = known_pos + float(np.sum(unknown[use] * rate[use]))
    if not use.any():
        pct = 100.0 * count / n_total
        return count, pct, pct, pct
    draws = cell_interval_draws(rate[use], n_eff[use], n_boot, rng)
    # the unreviewed respondents' own count varies around (rate x size): binomial per replicate
    counts = rng.binomial(unknown[use].astype(np.int64), draws)
    boot = (known_pos + counts.sum(axis=1)) * (100.0 / n_total)
    lo, hi = np.quantile(boot, [0.025, 0.975])
    return count, 100.0 * count / n_total, float(lo), float(hi)


def code_prevalence(store: Any, *, code_ids: list[str], seed: int,
                    n_boot: int = 1000) -> pd.DataFrame:
    """Validated prevalence per code and cohort, in respondents (as the report counts them).

    Args:
        store: An open :class:`analysis.store.Store`.
        code_ids: Codes to estimate (codings of other codes are ignored; merged codes should be
            mapped by the caller beforehand).
        seed: Seed of the bootstrap.
        n_boot: Bootstrap replicates.

    Returns:
        One row per (code, cohort), codes in the given order and cohorts sorted:
        ``code_id, cohort, status`` (``human``, ``estimated`` or ``draft``) ``, n_total``
        (respondents in the base) ``, count`` (respondents with the code; estimated: rounded to
        one decimal) ``, pct, lo, hi`` (0..100; ``lo``/``hi`` NaN for drafts) ``, n_reviewed``
        (respondents of the base a person has fully coded).

    Raises:
        ValueError: ``n_boot`` < 1.
    """
    if not isinstance(n_boot, int) or n_boot < 1:
        raise ValueError(f"n_boot must be an integer >= 1; got {n_boot!r}")
    u = _load_units(store)
    frame = store.read_validation_frame()
    sample = store.read_validation_sample()
    reviewed = _reviewed_units(u)
    cohort_of = u.answered.drop_duplicates("unit_id").set_index("unit_id")["cohort"]
    cohorts = sorted(str(c) for c in cohort_of.unique())
    # machine label per (unit, code): frozen at the draw for frame units, current otherwise
    seg_unit = u.seg.set_index("segment_id")["unit_id"]
    frozen = frame.explode("predicted").dropna(subset=["predicted"])
    frozen_pairs = set(zip(frozen["unit_id"], frozen["predicted"], strict=True))
    in_frame = set(frame["unit_id"])
    cur = u.machine.assign(unit_id=u.machine["segment_id"].map(seg_unit)).dropna(
        subset=["unit_id"])
    cur_pairs = {(x, c) for x, c in zip(cur["unit_id"], cur["code_id"], strict=True)
                 if x not in in_frame}
    machine_pairs = frozen_pairs | cur_pairs
    hp = u.human_pos.assign(unit_id=u.human_pos["segment_id"].map(seg_unit)).dropna(
        subset=["unit_id"])
    human_pairs = set(zip(hp["unit_id"], hp["code_id"], strict=True))
    # questions each code was applied in (person or machine), for the base
    applied = pd.concat([u.machine[["segment_id", "code_id"]], u.human_pos])
    applied = applied.merge(u.seg[["segment_id", "question_id"]], on="segment_id")
    q_of_code = applied.groupby("code_id")["question_id"].agg(set).to_dict()
    # sampling weights of reviewed sample units: U_h / r_h per stratum
    s_units = sample.drop_duplicates("unit_id")
    s_units = s_units[s_units["unit_id"].isin(reviewed)]
    frame_sizes = frame.drop_duplicates("unit_id").groupby("stratum").size()
    r_sizes = s_units.groupby("stratum").size()
    weight = {x: float(frame_sizes.get(h, 0)) / float(r_sizes[h])
              for x, h in zip(s_units["unit_id"], s_units["stratum"], strict=True)}
    has_sample = not sample.empty
    rng = np.random.default_rng(seed)
    rows = []
    for cid in code_ids:
        qs = q_of_code.get(cid)
        base = u.answered if not qs else u.answered[u.answered["question_id"].isin(qs)]
        base_units = base.drop_duplicates("unit_id")
        # cell rates from the reviewed sample units in this code's base (pooled over cohorts)
        s_ids = [x for x in weight if x in set(base_units["unit_id"])]
        m_s = np.array([(x, cid) in machine_pairs for x in s_ids], dtype=bool)
        y_s = np.array([(x, cid) in human_pairs for x in s_ids], dtype=float)
        w_s = np.array([weight[x] for x in s_ids], dtype=float)
        rate, n_eff = cell_rates(m_s, y_s, w_s)
        for cohort in cohorts:
            ids = base_units.loc[base_units["cohort"].astype(str) == cohort, "unit_id"].tolist()
            n_total = len(ids)
            if n_total == 0:
                continue
            known = [x for x in ids if x in reviewed]
            known_pos = sum((x, cid) in human_pairs for x in known)
            rest = [x for x in ids if x not in reviewed]
            m_rest = np.array([(x, cid) in machine_pairs for x in rest], dtype=bool)
            unknown = np.array([np.sum(~m_rest), np.sum(m_rest)], dtype=float)
            row = {"code_id": cid, "cohort": cohort, "n_total": n_total,
                   "n_reviewed": len(known)}
            if not rest:
                pct = 100.0 * known_pos / n_total
                row.update(status="human", count=float(known_pos), pct=pct, lo=pct, hi=pct)
            elif has_sample and all(n_eff[k] > 0 for k in (0, 1) if unknown[k] > 0):
                count, pct, lo, hi = stratified_estimate(
                    known_pos=known_pos, unknown=unknown, rate=rate, n_eff=n_eff,
                    n_total=n_total, n_boot=n_boot, rng=rng)
                row.update(status="estimated", count=round(count, 1), pct=pct, lo=lo, hi=hi)
            else:
                count = known_pos + float(unknown[1])
                row.update(status="draft", count=count, pct=100.0 * count / n_total,
                           lo=np.nan, hi=np.nan)
            rows.append(row)
    return pd.DataFrame(rows, columns=list(PREVALENCE_COLUMNS))
