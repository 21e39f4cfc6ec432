"""The one input of the report stage: :class:`ReportData`, plus the rule for which codings count.

Everything in a :class:`ReportData` is already anonymised. The report stage computes tables from it
with :mod:`analysis.summarise` and :mod:`analysis.quotes`, then hands those tables (never fitted
models) to one writer per format.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from survey.config import DisclosureConfig
from survey.instrument import Instrument

MACHINE_NOTE = "machine-suggested codes, not yet reviewed by a person"
"""Said on every table, chart and section built from suggested (unreviewed) codings."""


@dataclass
class ReportSection:
    """An extra titled section of the reports (e.g. the wave comparison).

    Its tables are already disclosure-controlled by whoever built the section; writers render
    them as they are (one workbook sheet per section, a section in the HTML and Word reports).

    Attributes:
        key: Short stable name; the workbook sheet name (31 characters at most).
        title: Heading.
        intro: A paragraph under the heading.
        tables: ``(caption, table)`` pairs.
        notes: What was suppressed and why, method notes (no original values).
    """

    key: str
    title: str
    intro: str = ""
    tables: list[tuple[str, pd.DataFrame]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class ReportData:
    """Everything the report stage reads, all anonymised.

    Attributes:
        project_name: Shown as the report title.
        instrument: The survey instrument (question texts, kinds, options, cohorts).
        responses: One row per respondent: ``response_id, source, cohort, wave, kind, submitted``
            and one column per closed question id (single/likert: label or ``None``; multiple:
            list of labels; number: float).
        answers: ``answer_id, response_id, question_id, text`` (anonymised) ``, lang``.
        segments: ``segment_id, answer_id, start, end, text``.
        codings: ``segment_id, code_id, coder, source, confidence, status, evidence, decided_at``.
        codes: ``code_id, label, theme_id, theme_label, definition, colour, status``.
        disclosure: Disclosure-control thresholds.
        topics: Optional emergent-topic table (``topic_id, label, size, top_words, ...``).
        topic_assignments: Optional ``id`` (answer id) ``, topic_id``.
        topic_coords: Optional ``id, x, y`` for the topic map.
        segment_vectors: Optional ``segment_id -> embedding`` for quote centrality.
        flagged_segments: Segments flagged in review as possible identifiers: never quoted, and
            their text is never written.
        anonymisation_summary: ``label -> count`` of redactions.
        notes: Method notes from earlier stages (no original values).
        extra_sections: Further sections (e.g. the wave comparison), rendered in every format.
        closed_counts: One-way closed-answer counts taken at ingest before k-anonymity
            (``cohort, wave, question_id, value, n``; value None = no answer). When given, the
            closed-question tables use them instead of the k-anonymised responses.
        quote_descriptor: Optional closed question id (e.g. ``age_band``) whose answer is added
            to a quote's cohort attribution ("Survivor, aged 25-34") where the cohort is large
            enough and at least ``min_count`` of its respondents share that answer.
        quote_picks: Optional writers' quote picks (``Store.read_quote_picks``): starred quotes
            replace the automatic choice of their code; ``never_quote`` keeps an answer out.
        cohort_names: Display name per cohort id (``report.cohort_names`` in project.yaml);
            cohorts not named are shown capitalised.
        title_block: Title, organisation, date and version for the title block (from
            ``report:`` in project.yaml).
        prevalence: Optional validated prevalence
            (``analysis.validation.code_prevalence``: ``code_id, cohort, status, n_total, count,
            pct, lo, hi, n_reviewed``); when given, theme and code figures carry its status.
        final: Asked for a final (publishable) report.
    """

    project_name: str
    instrument: Instrument
    responses: pd.DataFrame
    answers: pd.DataFrame
    segments: pd.DataFrame
    codings: pd.DataFrame
    codes: pd.DataFrame
    disclosure: DisclosureConfig
    topics: pd.DataFrame | None = None
    topic_assignments: pd.DataFrame | None = None
    topic_coords: pd.DataFrame | None = None
    segment_vectors: dict[str, np.ndarray] | None = None
    flagged_segments: frozenset[str] = frozenset()
    anonymisation_summary: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    extra_sections: list[ReportSection] = field(default_factory=list)
    closed_counts: pd.DataFrame | None = None
    quote_descriptor: str | None = None
    quote_picks: pd.DataFrame | None = None
    cohort_names: dict[str, str] = field(default_factory=dict)
    title_block: dict[str, str] = field(default_factory=dict)
    prevalence: pd.DataFrame | None = None
    final: bool = False

    def cohort_label(self, cohort: object) -> str:
        """The display name of a cohort (project.yaml ``report.cohort_names``, else capitalised)."""
        key = str(cohort)
        return self.cohort_names.get(key) or key.replace("_", " ").capitalize()

    def draft_label(self) -> str:
        """What draft figures count (:func:`draft_note` with this project's review progress)."""
        return draft_note(*segments_reviewed(self.codings, self.segments))


def effective_codings(codings: pd.DataFrame) -> tuple[pd.DataFrame, bool]:
    """The (segment, code) pairs that count, and whether any is a machine suggestion.

    A person's decision counts where one exists, and the machine's suggestion elsewhere. A
    segment is reviewed once a person has decided on it (any ``accepted`` or ``rejected``
    coding; the workspace and the coding workbooks record a decision for every active code of
    a segment they review). On a reviewed segment a pair counts when its latest decision (by
    ``decided_at``; ties keep the later row) is ``accepted``; on a segment nobody has reviewed,
    the suggested pairs count. A segment counts once per code however many suggesters
    suggested it. When any suggestion counts, the caller labels the outputs as drafts (see
    :func:`draft_note`).

    Args:
        codings: The canonical codings table.

    Returns:
        ``(pairs, machine)``: ``pairs`` has columns ``segment_id, code_id`` (unique rows, sorted);
        ``machine`` is True when any counted pair is an unreviewed suggestion.
    """
    cols = ["segment_id", "code_id"]
    if codings is None or codings.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in cols}), False
    c = codings.reset_index(drop=True).copy()
    c["_order"] = range(len(c))
    decided = c[c["status"].isin(("accepted", "rejected"))]
    if "decided_at" in decided:
        key = decided["decided_at"].astype("string").fillna("")
        decided = decided.assign(_when=key).sort_values(["_when", "_order"], kind="stable")
    latest = decided.drop_duplicates(cols, keep="last")
    reviewed = set(decided["segment_id"].astype(str))
    human = latest.loc[latest["status"] == "accepted", cols]
    sugg = c.loc[(c["status"] == "suggested")
                 & ~c["segment_id"].astype(str).isin(reviewed), cols]
    machine = bool(len(sugg))
    pairs = pd.concat([human, sugg], ignore_index=True)
    pairs = pairs.astype(str).drop_duplicates().sort_values(cols).reset_index(drop=True)
    return pairs, machine


def segments_reviewed(codings: pd.DataFrame | None, segments: pd.DataFrame) -> tuple[int, int]:
    """``(n, N)``: segments with a person's decision, of all segments."""
    total = int(len(segments)) if segments is not None else 0
    if codings is None or codings.empty:
        return 0, total
    decided = codings.loc[codings["status"].isin(("accepted", "rejected")), "segment_id"]
    known = set(segments["segment_id"].astype(str)) if total else set()
    return len(set(decided.astype(str)) & known), total


def draft_note(reviewed: int, total: int) -> str:
    """What a draft figure counts, for a title or note: :data:`MACHINE_NOTE` before anyone has
    reviewed; once some have, "a person's decision where one exists and the machine's suggestion
    elsewhere (n of N segments reviewed)"."""
    if reviewed <= 0:
        return MACHINE_NOTE
    return (f"a person's decision where one exists and the machine's suggestion elsewhere "
            f"({reviewed:,} of {total:,} segments reviewed)")


REPORTED_STATUSES = ("active",)


def reportable_codes(codes: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, str]]:
    """The codes a report shows, and where codings of merged codes go.

    Codes whose ``status`` is ``retired`` or ``merged`` are left out (a missing status counts as
    active). When the frame has a ``merged_into`` column, codings of a merged code count for
    the code it was merged into.

    Returns:
        ``(codes, remap)``: the reported codes in codebook order, and ``old id -> new id``.
    """
    status = codes["status"].fillna("active") if "status" in codes else pd.Series(
        "active", index=codes.index)
    remap: dict[str, str] = {}
    if "merged_into" in codes:
        for cid, target, st in zip(codes["code_id"], codes["merged_into"], status):
            if st == "merged" and isinstance(target, str) and target:
                remap[str(cid)] = target
    kept = codes[status.isin(REPORTED_STATUSES)].copy()
    kept["code_id"] = kept["code_id"].astype(str)
    return kept.reset_index(drop=True), remap


def counted_pairs(data: ReportData) -> tuple[pd.DataFrame, bool]:
    """:func:`effective_codings` mapped through merges and limited to reportable codes."""
    pairs, machine = effective_codings(data.codings)
    codes, remap = reportable_codes(data.codes)
    if remap:
        pairs = pairs.assign(code_id=pairs["code_id"].map(lambda c: remap.get(c, c)))
    pairs = pairs[pairs["code_id"].isin(set(codes["code_id"]))]
    return pairs.drop_duplicates().reset_index(drop=True), machine
