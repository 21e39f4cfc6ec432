"""SurveyMonkey "All responses data" exports (CSV or XLSX): two header rows.

Row 1 holds the question text above the first column of each question (blank above the others:
forward-filled); row 2 holds ``Response``/``Open-Ended Response`` (the answer itself), an option
label (expanded multi-select), a matrix row label or a comment prompt. ``Respondent ID`` is the
id. Dates are month-first by platform default, even for UK accounts.

An export made with the metadata columns left out (no ``Respondent ID``, ``Collector ID`` or
dates) is recognised from row 2 alone (:func:`is_surveymonkey_without_metadata`); its
response ids are made from row order, with a warning.
"""

from __future__ import annotations

from survey.config import SourceConfig
from survey.errors import InputFileError
from survey.readers.base import TabularReader
from survey.readers.common import (
    Grid,
    cell_text,
    check_header_cells,
    column_letter,
    is_number,
    normalise_header,
)
from survey.readers.tabular import Column, Layout, _is_answer_sub

ID_HEADER = "Respondent ID"
SUBMITTED_HEADERS = ("End Date", "Start Date")
META_HEADERS = ("Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address",
                "Email Address", "First Name", "Last Name", "Custom Data 1", "Custom Data")


_ANSWER_MARKERS = frozenset({"response", "open ended response"})
NO_ID_WARNING = ("no 'Respondent ID' column (exported without metadata): response ids are made "
                 "from row order, so they change if the export is re-made with other rows or "
                 "another order; export with the metadata columns to keep ids stable")


def is_surveymonkey_without_metadata(grid: Grid) -> bool:
    """True for a SurveyMonkey export made without its metadata columns: no ``Respondent ID``
    in row 1, and row 2 holds ``Response`` or ``Open-Ended Response`` under question text
    (option and matrix labels may fill the rest of row 2)."""
    if len(grid.rows) < 2:
        return False
    row1 = [normalise_header(cell_text(c)) for c in grid.rows[0]]
    row2 = [normalise_header(cell_text(c)) for c in grid.rows[1]]
    if normalise_header(ID_HEADER) in row1 or not row1 or not row1[0] or not row2[0]:
        return False
    markers = [i for i, c in enumerate(row2) if c in _ANSWER_MARKERS]
    if not markers or not all(row1[i] for i in markers):
        return False
    return not any(is_number(c) for c in grid.rows[1])  # a data row has ids or counts


class SurveyMonkeyReader(TabularReader):
    """Reader for SurveyMonkey exports (``surveymonkey.v1``)."""

    name = "surveymonkey.v1"

    def layout(self, grid: Grid, source: SourceConfig) -> Layout:
        """Two header rows; ``Respondent ID`` and ``Collector ID`` in row 1, or (exported
        without metadata) ``Response``/``Open-Ended Response`` under question text in row 2.

        Raises:
            InputFileError: Only one header row, or row 1 lacks the SurveyMonkey id columns
                and row 2 is not a SurveyMonkey sub-header either.
        """
        bare = is_surveymonkey_without_metadata(grid)
        if not bare:
            check_header_cells(grid, {"Respondent ID": (ID_HEADER,),
                                      "Collector ID": ("Collector ID",)},
                               platform="SurveyMonkey")
        if len(grid.rows) < 2:
            raise InputFileError(grid.path, "expected two header rows (question text, then "
                                 "Response/option labels); found one", row=grid.row_numbers[0])
        meta = {normalise_header(h) for h in META_HEADERS}
        row1, row2 = grid.rows[0], grid.rows[1]
        submitted_at = None
        for wanted in SUBMITTED_HEADERS:
            for i, c in enumerate(row1):
                if submitted_at is None and normalise_header(cell_text(c)) == \
                        normalise_header(wanted):
                    submitted_at = i
        columns: list[Column] = []
        question = ""
        for i, cell in enumerate(row1):
            text = cell_text(cell)
            if text:
                question = text
            sub = cell_text(row2[i]) or None
            q = question or f"Column {column_letter(i)}"
            header = q if _is_answer_sub(sub) else f"{q} - {sub}"
            norm = normalise_header(q)
            if i == submitted_at:
                role = "submitted"
            elif norm == normalise_header(ID_HEADER):
                role = "id"
            elif norm in meta and text and sub is None:
                role = "meta"
            else:
                role = "question"
            columns.append(Column(index=i, header=header, question=q, option=sub, role=role))
        return Layout(columns=columns, data_start=2,
                      date_order=source.date_order or "monthfirst",
                      warnings=[NO_ID_WARNING] if bare else [])
