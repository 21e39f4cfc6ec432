"""The published tables of one report: what disclosure control lets out, ready to write.

:class:`ReportTables` is the hand-over between computing and writing: :mod:`analysis.report.tables`
builds it (store counts, then disclosure, then published tables), the narrative reads it, and
every writer (xlsx, html, docx, csv, figures) takes it; no writer recomputes a count, so every
format publishes the same, already suppressed, numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from analysis.report.data import ReportSection

CI_SUFFIX = " 95% CI"
ANSWERED = "Answered (base)"
ASKED = "Total asked"


@dataclass(frozen=True)
class PublishedTable:
    """One disclosure-controlled table, ready to write.

    Attributes:
        key: Short stable name (``themes``, ``closed_q_satisfaction``...).
        title: Heading shown above the table.
        table: Display cells: ints, ``"<N"``, ``"[c]"``, floats (percentages), text or ``None``.
        notes: What was suppressed and why, and anything a reader must know.
        machine_suggested: Built from unreviewed machine suggestions.
        value_columns: Columns holding counts (what charts draw).
    """

    key: str
    title: str
    table: pd.DataFrame
    notes: tuple[str, ...] = ()
    machine_suggested: bool = False
    value_columns: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReportTables:
    """All published tables, quotes and notes of one report."""

    project_name: str
    respondents: PublishedTable
    themes: PublishedTable
    closed: tuple[PublishedTable, ...]
    quotes: pd.DataFrame
    quote_bank: pd.DataFrame
    codebook: pd.DataFrame
    topics: PublishedTable | None = None
    topic_coords: pd.DataFrame | None = None
    machine_suggested: bool = False
    min_count: int = 5
    method_notes: tuple[str, ...] = field(default_factory=tuple)
    extra_sections: tuple[ReportSection, ...] = ()
    theme_finder: pd.DataFrame | None = None
    topic_cohorts: PublishedTable | None = None
    topic_codes: PublishedTable | None = None
    draft: bool = False
    final: bool = False
    title_block: dict[str, str] = field(default_factory=dict)
    theme_prevalence: PublishedTable | None = None
    cohort_differences: PublishedTable | None = None
    key_findings: tuple = ()
    sections: tuple = ()
    redactions: dict[str, int] = field(default_factory=dict)
    coverage: dict[str, object] = field(default_factory=dict)
    narrative: dict | None = None
    #: Keys of closed tables of the consent question: tabled in the appendix, never charted.
    consent: tuple[str, ...] = ()
    #: project.yaml ``about:`` (scope, definition, who was asked, when, how recruited).
    about: dict[str, str] = field(default_factory=dict)
    #: project.yaml ``services:``: ``{name, kind, serves}`` per local service.
    services: tuple[dict[str, str], ...] = ()
    #: The equality view (:mod:`analysis.report.equality`): per characteristic the instrument
    #: asks about, "Themes by ..." then "Closed questions by ...", disclosure-controlled like
    #: every table here. The chapter's equality section shows each with its title and notes.
    equality: tuple[PublishedTable, ...] = ()
