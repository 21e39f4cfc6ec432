"""Qualtrics exports (CSV/TSV/XLSX), in three layouts.

- Current ("v3") exporter: three header rows: export tags (``StartDate``, ``Q1``, ``Q5_2``,
  ``Q5_4_TEXT``), question text (``"<question> - <choice or statement>"``, may hold HTML), and
  ``{"ImportId":"QID1"}`` JSON (may carry ``timeZone`` and ``choiceId``).
- The 2016-17 "Insights" variant: the same, with Python-style ``{'ImportId': 'QID2-1'}``.
- Legacy (before 2017): two header rows, ``V1..V10`` then ``Q1...`` tags over labels
  (``ResponseID``, ``ResponseSet``, ``Name``, ``ExternalDataReference``, ``EmailAddress``,
  ``IPAddress``, ``Status``, ``StartDate``, ``EndDate``, ``Finished``); a UTF-8 BOM and a
  trailing empty column.

Values may be choice text or numeric codes ("Use numeric values"): a number that matches no
option label maps to the option with that code (instrument codes default to 1..n, as Qualtrics
recodes do). ``-99`` (Qualtrics' "seen but unanswered" recode) reads as blank.

Questions are matched by export tag first (row 2 is in the account's language, so an
instrument question whose id or alias is ``Q5`` takes ``Q5``; ``Q5_2`` ticks its option with
code ``2``; ``Q5_4_TEXT`` is its "Other" text), then by the question text in row 2, or by
``column_map`` (keyed by tag or header). Metadata, and every column that is not a question
(``ImportId`` not ``QID...``: embedded data, panel fields, location) is dropped; ``_TEXT``
columns hold "Other (please specify)" text. Layouts follow the reference notes
(``survey-exports.md`` section 1.2, from ``ropensci/qualtRics``), not partner files.
"""

from __future__ import annotations

import ast
import json
import re

from survey.config import SourceConfig
from survey.errors import InputFileError
from survey.readers.base import TabularReader
from survey.readers.common import Grid, cell_text, column_letter, is_other_option, normalise_header
from survey.readers.tabular import Column, Layout

ID_TAGS = ("ResponseId", "ResponseID", "V1")
SUBMITTED_TAGS = ("RecordedDate", "EndDate", "V9", "StartDate", "V8")
# Metadata that is not identifying (dropped silently); everything else that is not a question
# is dropped and listed in ``dropped_columns``.
SAFE_META = ("StartDate", "EndDate", "Status", "Progress", "Duration (in seconds)", "Duration",
             "Finished", "RecordedDate", "DistributionChannel", "UserLanguage", "ResponseSet",
             "Q_RecaptchaScore", "Q_RelevantIDDuplicate", "Q_RelevantIDDuplicateScore",
             "Q_RelevantIDFraudScore", "Q_RelevantIDLastStartDate", "Q_TotalDuration",
             "Q_BallotBoxStuffing", "Q_Language", "Q_DataPolicyViolations",
             "V2", "V7", "V8", "V9", "V10")
LEGACY_TAGS = tuple(f"V{i}" for i in range(1, 11))
_IMPORT_ID = re.compile(r"^\s*\{\s*['\"]ImportId['\"]\s*:")
_HTML = re.compile(r"<[^>]+>")
_QUESTION_TAG = re.compile(r"^Q\w*?\d", re.IGNORECASE)
_SPLIT = " - "
_ROW2_NOISE = ("Selected Choice",)


def import_id(cell: object) -> str | None:
    """The ``ImportId`` of a row-3 cell (JSON, or the 2016-17 single-quoted dict), else None."""
    text = cell_text(cell)
    if not _IMPORT_ID.match(text):
        return None
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        try:
            value = ast.literal_eval(text)
        except (ValueError, SyntaxError, MemoryError, RecursionError):
            return None
    if not isinstance(value, dict) or not isinstance(value.get("ImportId"), str):
        return None
    return value["ImportId"]


def qualtrics_layout_kind(grid: Grid) -> str | None:
    """``"v3"`` (three header rows with ImportId), ``"legacy"`` (V1..V10), or None."""
    if len(grid.rows) >= 3:
        ids = [import_id(c) for c in grid.rows[2]]
        filled = [c for c in grid.rows[2] if cell_text(c)]
        if filled and sum(i is not None for i in ids) >= max(1, len(filled) // 2):
            return "v3"
    first = [cell_text(c) for c in grid.rows[0][:10]]
    if first[:3] == ["V1", "V2", "V3"] and len(grid.rows) >= 2 and any(
            normalise_header(cell_text(c)) == "responseid" for c in grid.rows[1][:10]):
        return "legacy"
    return None


def _clean(text: str) -> str:
    text = _HTML.sub("", text).replace("&nbsp;", " ").replace("&amp;", "&")
    parts = [p for p in text.split(_SPLIT) if p.strip() not in _ROW2_NOISE]
    return _SPLIT.join(parts).strip()


def _question_column(i: int, tag: str, label: str) -> Column:
    text = _clean(label) or tag
    if tag.upper().endswith("_TEXT"):
        base, _, option = text.rpartition(_SPLIT)
        if option.strip().casefold() == "text" and _SPLIT in base:
            base, _, option = base.rpartition(_SPLIT)
        elif option.strip().casefold() == "text":
            option = "Other"
        if not base:
            base, option = text, "Other"
        if not is_other_option(option):
            option = f"{option} (please specify)"
        return Column(index=i, header=f"{base}{_SPLIT}{option}", question=base, option=option)
    return Column(index=i, header=text, question=text)


class QualtricsReader(TabularReader):
    """Reader for Qualtrics exports (``qualtrics.v1``): v3, 2016-17 and legacy layouts."""

    name = "qualtrics.v1"

    def layout(self, grid: Grid, source: SourceConfig) -> Layout:
        """Tags in row 1, question text in row 2, ImportId JSON in row 3 (or legacy V1..V10).

        Raises:
            InputFileError: The header fits none of the Qualtrics layouts.
        """
        kind = qualtrics_layout_kind(grid)
        if kind is None:
            raise InputFileError(grid.path, "header does not look like a Qualtrics export: "
                                 "expected {\"ImportId\": ...} cells in row 3, or V1..V10 tags "
                                 "over ResponseID in row 2; set platform in project.yaml if "
                                 "this is another layout", row=grid.row_numbers[0])
        tags = [cell_text(c) or f"Column {column_letter(i)}" for i, c in enumerate(grid.rows[0])]
        labels = [cell_text(c) for c in grid.rows[1]]
        ids = [import_id(c) for c in grid.rows[2]] if kind == "v3" else [None] * len(tags)
        norm_tags = [normalise_header(t) for t in tags]
        id_idx = next((norm_tags.index(normalise_header(t)) for t in ID_TAGS
                       if normalise_header(t) in norm_tags), None)
        sub_idx = next((norm_tags.index(normalise_header(t)) for t in SUBMITTED_TAGS
                        if normalise_header(t) in norm_tags), None)
        safe = {normalise_header(t) for t in SAFE_META}
        by_header = {normalise_header(k): v for k, v in source.column_map.items()}
        columns: list[Column] = []
        for i, tag in enumerate(tags):
            import_key = ids[i]
            if i == id_idx:
                columns.append(Column(index=i, header=tag, question=tag, role="id"))
                continue
            if i == sub_idx:
                columns.append(Column(index=i, header=tag, question=tag, role="submitted"))
                continue
            is_question = (import_key.upper().startswith("QID") if import_key is not None
                           else kind == "legacy" and bool(_QUESTION_TAG.match(tag))
                           and tag not in LEGACY_TAGS)
            target = by_header.get(normalise_header(tag))
            if not is_question and target is None:
                header = labels[i] if kind == "legacy" and labels[i] else tag
                # embedded data, panel fields, location...: identifying unless known safe
                columns.append(Column(index=i, header=header, question=header, role="meta",
                                      identifying=norm_tags[i] not in safe))
                continue
            column = _question_column(i, tag, labels[i])
            column.target = target or by_header.get(normalise_header(column.header))
            column.tag = tag
            columns.append(column)
        return Layout(columns=columns, data_start=3 if kind == "v3" else 2,
                      date_order=source.date_order, split_headers=True, codes=True,
                      missing=frozenset({"-99"}))
