"""Counts behind the report: themes by cohort, closed questions, who we heard from.

Pure functions from a :class:`~analysis.report.data.ReportData` to raw (not yet
disclosure-controlled) DataFrames. Publication goes through :func:`apply_disclosure`
(re-exported from :mod:`analysis.report.disclosure`) in :mod:`analysis.report.tables`.

Decisions written down here:

* Themes count RESPONDENTS, not mentions: a respondent with three coded segments counts once.
* The base of a code in a cohort is the respondents of that cohort who gave a non-empty answer to
  any free-text question the code was applied in (anywhere in the project). A code never applied
  has as base the respondents who gave any free text. A theme's base uses the union of its codes'
  questions.
* Closed questions: the base of a percentage is the respondents who answered (an option, "Prefer
  not to say" or an answer that matched no option); "No answer" is shown apart with no
  percentage. A multiple-choice question counts respondents per option, so its columns do not add
  up. Number and date questions are not tabulated (their values can single people out); a note
  says so.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy.stats import norm

from analysis.report.data import ReportData, counted_pairs, reportable_codes
from analysis.report.disclosure import apply_disclosure, suppression_mask
from analysis.stats import ALPHA
from analysis.stats import wilson_interval as stats_wilson

__all__ = ["apply_disclosure", "suppression_mask", "wilson_interval", "theme_table",
           "closed_tables", "respondent_counts", "coded_respondents", "OTHER", "NO_ANSWER",
           "PREFER_NOT"]

Z95 = 1.959963984540054
NO_ANSWER = "No answer"
OTHER = "Other answer (not an option)"
PREFER_NOT = re.compile(r"prefer not|rather not|don'?t want to say", re.IGNORECASE)
TABULATED_KINDS = ("single", "likert", "multiple")


def wilson_interval(count: int, base: int, *, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for a proportion (95% by default), as proportions in [0, 1]
    (:func:`analysis.stats.wilson_interval`, with ``(nan, nan)`` for a base of 0).

    Args:
        count: Successes (0 <= count <= base).
        base: Trials.
        z: Normal quantile (1.96 for 95%).

    Returns:
        ``(low, high)``; ``(nan, nan)`` when ``base`` is 0.

    Raises:
        ValueError: ``count`` outside 0..base.
    """
    if base == 0:
        return (math.nan, math.nan)
    alpha = ALPHA if z == Z95 else float(2 * norm.sf(z))
    return stats_wilson(count, base, alpha=alpha)


def _answered(data: ReportData) -> pd.DataFrame:
    """Non-empty free-text answers with their respondent's cohort and wave."""
    a = data.answers[["answer_id", "response_id", "question_id", "text"]]
    a = a[a["text"].fillna("").astype(str).str.strip() != ""]
    r = data.responses[["response_id", "cohort", "wave"]]
    return a.merge(r, on="response_id", how="inner")


def coded_respondents(data: ReportData) -> tuple[pd.DataFrame, bool]:
    """Each counted (segment, code) pair with its respondent, question, cohort and wave.

    Returns:
        ``(frame, machine)``: columns ``segment_id, code_id, answer_id, response_id,
        question_id, cohort, wave``; ``machine`` as in
        :func:`~analysis.report.data.effective_codings`. Only reportable codes (see
        :func:`~analysis.report.data.reportable_codes`) appear.
    """
    pairs, machine = counted_pairs(data)
    seg = data.segments[["segment_id", "answer_id"]].astype({"segment_id": str})
    out = pairs.merge(seg, on="segment_id", how="inner")
    ans = data.answers[["answer_id", "response_id", "question_id"]]
    out = out.merge(ans, on="answer_id", how="inner")
    out = out.merge(data.responses[["response_id", "cohort", "wave"]], on="response_id",
                    how="inner")
    return out.reset_index(drop=True), machine


def _groups(data: ReportData, by: Sequence[str]) -> list[tuple]:
    g = data.responses[list(by)].drop_duplicates().sort_values(list(by))
    return [tuple(row) for row in g.itertuples(index=False)]


def theme_table(data: ReportData, *, by: Sequence[str] = ("cohort",)) -> pd.DataFrame:
    """Respondents per code and per theme, in each group (cohort, or cohort and wave).

    Args:
        data: The report data.
        by: Response columns to group by: ``("cohort",)`` or ``("cohort", "wave")``.

    Returns:
        Long table, one row per (level, theme/code, group): ``level`` (``"theme"`` or
        ``"code"``), ``theme_id, theme_label, code_id, code_label``, the ``by`` columns,
        ``respondents``, ``base``, ``percent`` (raw, undisclosed; NaN when the base is 0) and
        ``machine_suggested``. Codes in codebook order, each theme's row before its codes.

    Raises:
        KeyError: ``by`` names a column the responses table lacks.
    """
    by = list(by)
    missing = [c for c in by if c not in data.responses.columns]
    if missing:
        raise KeyError(f"cannot group by {missing}; responses columns: "
                       f"{', '.join(map(str, data.responses.columns))}")
    coded, machine = coded_respondents(data)
    answered = _answered(data)
    codes, _ = reportable_codes(data.codes)
    q_of_code = coded.groupby("code_id")["question_id"].agg(lambda s: set(s)).to_dict()
    groups = _groups(data, by)

    def count(sub_coded: pd.DataFrame, questions: set[str]) -> list[dict]:
        rows = []
        base_ans = answered if not questions else answered[answered["question_id"].isin(questions)]
        for g in groups:
            mask_c = np.ones(len(sub_coded), dtype=bool)
            mask_b = np.ones(len(base_ans), dtype=bool)
            for col, val in zip(by, g):
                mask_c &= (sub_coded[col] == val).to_numpy()
                mask_b &= (base_ans[col] == val).to_numpy()
            n = sub_coded.loc[mask_c, "response_id"].nunique()
            base = base_ans.loc[mask_b, "response_id"].nunique()
            rows.append({**dict(zip(by, g)), "respondents": int(n), "base": int(base),
                         "percent": 100.0 * n / base if base else math.nan})
        return rows

    out: list[dict] = []
    theme_order = list(dict.fromkeys(codes["theme_id"].tolist()))
    for theme_id in theme_order:
        t_codes = codes[codes["theme_id"] == theme_id]
        theme_label = str(t_codes["theme_label"].iloc[0])
        ids = set(t_codes["code_id"].astype(str))
        qs = set().union(*(q_of_code.get(c, set()) for c in ids)) if ids else set()
        for r in count(coded[coded["code_id"].isin(ids)], qs):
            out.append({"level": "theme", "theme_id": theme_id, "theme_label": theme_label,
                        "code_id": None, "code_label": None, **r})
        for _, c in t_codes.iterrows():
            cid = str(c["code_id"])
            for r in count(coded[coded["code_id"] == cid], q_of_code.get(cid, set())):
                out.append({"level": "code", "theme_id": theme_id, "theme_label": theme_label,
                            "code_id": cid, "code_label": str(c["label"]), **r})
    cols = ["level", "theme_id", "theme_label", "code_id", "code_label", *by, "respondents",
            "base", "percent"]
    table = pd.DataFrame(out, columns=cols)
    table["machine_suggested"] = machine
    return table


def _is_missing(v: object) -> bool:
    if v is None:
        return True
    if isinstance(v, float) and math.isnan(v):
        return True
    if isinstance(v, (list, tuple, set, np.ndarray)):
        return len(v) == 0
    return isinstance(v, str) and not v.strip()


def _tally_rows(values: list, labels: list[str], counts: dict[str, int]) -> int:
    """Count respondents per option from response values; returns how many answered."""
    answered = 0
    for v in values:
        if _is_missing(v):
            counts[NO_ANSWER] += 1
            continue
        answered += 1
        chosen = list(v) if isinstance(v, (list, tuple, set, np.ndarray)) else [v]
        for lab in dict.fromkeys(str(x) for x in chosen):
            counts[lab if lab in labels else OTHER] += 1
    return answered


def _tally_stored(stored: pd.DataFrame, question_id: str, cohort: str, resp: pd.DataFrame,
                  labels: list[str], counts: dict[str, int]) -> int:
    """Count from the one-way counts taken at ingest (before k-anonymity), for the waves
    present in ``resp``; returns how many answered."""
    waves = {int(w) for w in resp["wave"].dropna()} if "wave" in resp else set()
    rows = stored[(stored["question_id"] == question_id)
                  & (stored["cohort"].astype(str) == cohort)
                  & (stored["wave"].astype(int).isin(waves))]
    for value, n in zip(rows["value"], rows["n"], strict=True):
        if value is None or (isinstance(value, float) and math.isnan(value)):
            counts[NO_ANSWER] += int(n)
        else:
            counts[value if value in labels else OTHER] += int(n)
    # each respondent of these waves either answered or is counted under "no answer"
    return len(resp) - counts[NO_ANSWER]


def closed_tables(data: ReportData) -> pd.DataFrame:
    """Counts, percentages and Wilson 95% intervals per closed question, cohort and option.

    Only single, Likert and multiple-choice questions are tabulated, each for the cohorts it was
    asked of, over survey respondents (interview participants were not asked them). Rows come in instrument option order, then :data:`OTHER` (answers matching no
    option), then "Prefer not to say"-like options, then :data:`NO_ANSWER`.

    Returns:
        Long table: ``question_id, question, kind, cohort, option, row_kind`` (``option``,
        ``other``, ``prefer_not``, ``missing``), ``count, base, percent, ci_low, ci_high``
        (percent and interval in 0..100; NaN for ``missing`` rows or a zero base).
    """
    rows: list[dict] = []
    surveyed = data.responses
    if "kind" in surveyed:  # interview participants were never asked the closed questions
        surveyed = surveyed[surveyed["kind"].fillna("survey") != "interview"]
    cohorts = sorted(surveyed["cohort"].dropna().astype(str).unique())
    for q in data.instrument.closed:
        if q.kind not in TABULATED_KINDS:
            continue
        labels = list(q.labels)
        order = ([(lab, "option") for lab in labels if not PREFER_NOT.search(lab)]
                 + [(OTHER, "other")]
                 + [(lab, "prefer_not") for lab in labels if PREFER_NOT.search(lab)]
                 + [(NO_ANSWER, "missing")])
        for cohort in cohorts:
            if not q.asked_of(cohort):
                continue
            resp = surveyed[surveyed["cohort"].astype(str) == cohort]
            counts = dict.fromkeys((lab for lab, _ in order), 0)
            if data.closed_counts is not None:
                answered = _tally_stored(data.closed_counts, q.id, cohort, resp, labels, counts)
            else:
                answered = _tally_rows(resp[q.id].tolist() if q.id in resp
                                       else [None] * len(resp), labels, counts)
            for lab, kind in order:
                n = counts[lab]
                if kind == "other" and n == 0:
                    continue
                if kind == "missing" or answered == 0:
                    pct, lo, hi = math.nan, math.nan, math.nan
                else:
                    lo, hi = wilson_interval(min(n, answered), answered)
                    pct, lo, hi = 100.0 * n / answered, 100.0 * lo, 100.0 * hi
                rows.append({"question_id": q.id, "question": q.text, "kind": q.kind,
                             "cohort": cohort, "option": lab, "row_kind": kind, "count": n,
                             "base": answered, "percent": pct, "ci_low": lo, "ci_high": hi})
    cols = ["question_id", "question", "kind", "cohort", "option", "row_kind", "count", "base",
            "percent", "ci_low", "ci_high"]
    return pd.DataFrame(rows, columns=cols)


def respondent_counts(data: ReportData) -> pd.DataFrame:
    """Respondents per cohort (rows) and kind of source (columns: survey, interview).

    Returns:
        A whole-number count table without totals, ready for :func:`apply_disclosure`.
    """
    r = data.responses
    kind = r["kind"] if "kind" in r else pd.Series("survey", index=r.index)
    t = pd.crosstab(r["cohort"].astype(str), kind.fillna("survey").astype(str))
    t.index.name = "cohort"
    t.columns.name = None
    return t.astype(int)
