"""The "Emergent themes" tables: topics with their size per cohort, closest code, share already
coded, and representative anonymised answers; topic-by-cohort and topic-by-code count tables.

Everything is computed from the stored topic table and answer-topic assignments plus the
report's anonymised answers, responses and codings, so the report stage and ``voices topics``
publish the same numbers. Counts go through the same disclosure control as every other table.

A topic is listed as a **candidate new code** when the topic model found no code close in
meaning (``candidate_new_code`` from :func:`analysis.topics.map_topics_to_codes`) AND less than
:data:`MIN_CODED_SHARE` of its answers are already coded with any one code; otherwise it is
mapped to the code most of its answers carry (when one reaches that share) or to the closest
code in meaning.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer

from analysis.quotes import CONTAINMENT, containment, make_quote
from analysis.report.data import MACHINE_NOTE, ReportData, counted_pairs, reportable_codes
from analysis.report.disclosure import TOTAL, apply_disclosure, small_mark
from analysis.report.published import PublishedTable

MIN_CODED_SHARE = 0.3
REPS_MAPPED = 3
REPS_CANDIDATE = 5
REP_MAX_WORDS = 60
SHEET = "Emergent themes"


@dataclass(frozen=True)
class EmergentTables:
    """The published emergent-theme tables (``PublishedTable`` each)."""

    topics: object
    by_cohort: object
    by_code: object


def _topic_answers(data: ReportData) -> pd.DataFrame:
    """``id, topic_id, response_id, cohort, text`` for every assigned answer."""
    a = data.topic_assignments[["id", "topic_id"]].astype({"id": str})
    ans = data.answers[["answer_id", "response_id", "text"]].astype({"answer_id": str})
    m = a.merge(ans, left_on="id", right_on="answer_id", how="left")
    m = m.merge(data.responses[["response_id", "cohort"]], on="response_id", how="left")
    m["cohort"] = m["cohort"].fillna("unknown").astype(str)
    return m.drop(columns=["answer_id"])


def _coded_counts(data: ReportData, ta: pd.DataFrame) -> tuple[pd.DataFrame, bool]:
    """Answers per (topic, code) with at least one counted coding (index topic, columns code),
    and whether those codings are unreviewed machine suggestions."""
    pairs, machine = counted_pairs(data)
    seg = data.segments[["segment_id", "answer_id"]].astype(str)
    coded = pairs.merge(seg, on="segment_id").drop_duplicates(["answer_id", "code_id"])
    m = ta[["id", "topic_id"]].merge(coded, left_on="id", right_on="answer_id")
    if m.empty:
        return pd.DataFrame(index=pd.Index([], name="topic_id")), machine
    return m.groupby(["topic_id", "code_id"]).size().unstack(fill_value=0), machine


def _flagged_answers(data: ReportData) -> set[str]:
    if not data.flagged_segments:
        return set()
    seg = data.segments.astype({"segment_id": str})
    return set(seg.loc[seg["segment_id"].isin(data.flagged_segments), "answer_id"].astype(str))


def _representatives(rows: pd.DataFrame, k: int, preset: list[str] | None,
                     banned: set[str]) -> list[str]:
    """Up to ``k`` answers closest to the topic's centre (the model's own choice when given)."""
    rows = rows[~rows["id"].isin(banned)]
    rows = rows[rows["text"].notna()]
    if rows.empty:
        return []
    if preset:
        order = [i for i in preset if i in set(rows["id"])]
        order += [i for i in rows["id"] if i not in order]
    else:
        texts = rows["text"].astype(str).tolist()
        try:
            m = TfidfVectorizer(sublinear_tf=True).fit_transform(texts)
            m = m.multiply(1 / np.maximum(np.sqrt(m.multiply(m).sum(axis=1)), 1e-12)).tocsr()
            centre = np.asarray(m.mean(axis=0)).ravel()
            score = m @ centre
        except ValueError:
            score = np.zeros(len(texts))
        ids = rows["id"].tolist()
        order = [ids[i] for i in sorted(range(len(ids)), key=lambda i: (-round(float(score[i]),
                                                                              12), ids[i]))]
    text_of = dict(zip(rows["id"], rows["text"].astype(str)))
    out: list[str] = []
    for i in order:
        quote, _ = make_quote(text_of[i], 0, len(text_of[i]), min_words=1,
                              max_words=REP_MAX_WORDS)
        if quote and not any(containment(quote, q) >= CONTAINMENT for q in out):
            out.append(quote)
        if len(out) == k:
            break
    return out


def publish_emergent(data: ReportData) -> EmergentTables | None:
    """The emergent-theme tables of a report, or ``None`` when no topic model was run."""

    t = data.topics
    if t is None or t.empty or data.topic_assignments is None or data.topic_assignments.empty:
        return None
    mc = data.disclosure.min_count
    ta = _topic_answers(data)
    order = [int(x) for x in t["topic_id"]]
    cohort_counts = ta.groupby(["topic_id", "cohort"]).size().unstack(fill_value=0)
    cohort_counts = cohort_counts.reindex(order, fill_value=0)
    cohort_counts.columns = [str(c) for c in cohort_counts.columns]
    by_cohort, c_notes = apply_disclosure(cohort_counts, min_count=mc,
                                          min_base_for_percent=data.disclosure.min_base_for_percent,
                                          percentages=False, column_totals=False)
    size_shown = by_cohort[TOTAL]
    codes, remap = reportable_codes(data.codes)
    labels = dict(zip(codes["code_id"], codes["label"].astype(str)))
    coded, machine = _coded_counts(data, ta)
    coded = coded.reindex(index=order, fill_value=0)
    coded = coded.reindex(columns=[c for c in codes["code_id"] if c in coded.columns])
    banned = _flagged_answers(data)
    rows = []
    for r in t.itertuples(index=False):
        tid = int(r.topic_id)
        size = int(cohort_counts.loc[tid].sum())
        small = size < mc
        sim = getattr(r, "best_code_similarity", None)
        sim = None if sim is None or (isinstance(sim, float) and math.isnan(sim)) else float(sim)
        best = getattr(r, "best_code_id", None)
        best = remap.get(str(best), str(best)) if isinstance(best, str) and best else None
        share_code, share = None, 0.0
        if tid in coded.index and coded.shape[1] and size:
            counts_t = coded.loc[tid]
            share_code = str(counts_t.idxmax()) if counts_t.max() > 0 else None
            share = float(counts_t.max()) / size if share_code else 0.0
        n_share = int(round(share * size))
        candidate = bool(getattr(r, "candidate_new_code", False)) and share < MIN_CODED_SHARE
        if share >= MIN_CODED_SHARE and share_code:
            status = f"Mapped to {labels.get(share_code, share_code)} (already coded)"
        elif candidate or best is None:
            status = "Candidate new code"
        else:
            status = f"Mapped to {labels.get(best, best)} (closest in meaning)"
        words = getattr(r, "top_words", []) or []
        words = ", ".join(map(str, words)) if isinstance(words, (list, tuple)) else str(words)
        preset = getattr(r, "representative_ids", None)
        preset = list(preset) if isinstance(preset, (list, tuple)) else None
        reps = [] if small else _representatives(
            ta[ta["topic_id"] == tid], REPS_CANDIDATE if status == "Candidate new code" else
            REPS_MAPPED, preset, banned)
        row = {"Topic": tid,
               "Label": "(small topic: withheld)" if small else str(getattr(r, "label", "")),
               "Answers": size_shown.loc[tid]}
        for c in cohort_counts.columns:
            row[f"{c} answers"] = by_cohort.at[tid, c]
        row.update({
            "Top words": "" if small else words,
            "Status": "(small topic)" if small else status,
            "Candidate new code": status == "Candidate new code",
            "Closest code": labels.get(best, best) if best else None,
            "Similarity": round(sim, 2) if sim is not None else None,
            "Most-coded code": labels.get(share_code, share_code) if share_code and not small
            else None,
            "Share already coded %": None if small or not share_code else
            (round(100 * share, 1) if n_share >= mc else f"{small_mark(mc)} answers"),
            "Representative answers (anonymised)": "\n".join(
                f"{k}. {q}" for k, q in enumerate(reps, start=1)) or None})
        rows.append(row)
    table = pd.DataFrame(rows, dtype=object)
    notes = (f"Topics with fewer than {mc} answers have their size shown as \"{small_mark(mc)}\" "
             "and their label, words and answers withheld; per-cohort sizes follow the same "
             "disclosure control as every table.",
             "Candidate new code: no code is close in meaning and under "
             f"{MIN_CODED_SHARE:.0%} of the topic's answers are already coded with any one code. "
             "Share already coded: answers in the topic with the most-coded code.",
             "Emergent topics come from a topic model over anonymised answers; they are leads "
             "for a person to review, not findings.", *c_notes)
    if machine:
        notes = (f"\"Share already coded\" and \"Most-coded code\" use {MACHINE_NOTE}.", *notes)
    topics_pub = PublishedTable("topics", "Emergent themes (topic model)", table, notes,
                                value_columns=("Answers",))
    cohort_pub = PublishedTable(
        "topics_by_cohort", "Topic sizes by cohort (answers)",
        by_cohort.rename_axis("Topic").reset_index(), tuple(c_notes),
        value_columns=tuple(cohort_counts.columns))
    big = [tid for tid in order if int(cohort_counts.loc[tid].sum()) >= mc]
    code_counts = coded.reindex(index=big).fillna(0).astype(int) if coded.shape[1] else \
        pd.DataFrame(index=big)
    code_counts.columns = [labels.get(c, c) for c in code_counts.columns]
    if code_counts.shape[1]:
        by_code, k_notes = apply_disclosure(
            code_counts, min_count=mc, percentages=False, row_totals=False, column_totals=False,
            min_base_for_percent=data.disclosure.min_base_for_percent)
    else:
        by_code, k_notes = code_counts, ["No answers in the topics are coded yet."]
    code_pub = PublishedTable(
        "topics_by_code", "Topics by code: answers in each topic already coded with each code"
        + (f" ({MACHINE_NOTE})" if machine else ""),
        by_code.rename_axis("Topic").reset_index(), tuple(k_notes),
        value_columns=tuple(str(c) for c in code_counts.columns))
    return EmergentTables(topics_pub, cohort_pub, code_pub)


def topic_coords(data: ReportData) -> pd.DataFrame | None:
    """The topic-map points (``x, y, topic_id``), leaving out topics under the threshold."""
    if data.topic_coords is None or data.topics is None or data.topic_coords.empty:
        return None
    sizes = data.topics.set_index("topic_id")["size"].to_dict()
    coords = data.topic_coords.copy()
    if data.topic_assignments is not None:
        coords = coords.merge(data.topic_assignments, on="id", how="left")
    if "topic_id" in coords:
        keep = [int(sizes.get(t, 0) or 0) >= data.disclosure.min_count for t in
                coords["topic_id"]]
        coords = coords[keep]
    return coords.drop(columns=["id"]).reset_index(drop=True)
