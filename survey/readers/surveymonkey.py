"""SurveyMonkey "All responses data" exports (CSV or XLSX): two header rows.

Row 1 holds the question text above the first column of each question (blank above the others:
forward-filled); row 2 holds ``Response``/``Open-Ended Response`` (the answer itself), an option
label (expanded multi-select), a matrix row label or a comment prompt. ``Respondent ID`` is the
id. Dates are month-first by platform default, even for UK accounts.
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
    normalise_header,
)
from survey.readers.tabular import Column, Layout, _is_answer_sub

ID_HEADER = "Respondent ID"
SUBMITTED_HEADERS = ("End Date", "Start Date")
META_HEADERS = ("Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address",
                "Email Address", "First Name", "Last Name", "Custom Data 1", "Custom Data")


class SurveyMonkeyReader(TabularReader):
    """Reader for SurveyMonkey exports (``surveymonkey.v1``)."""

    name = "surveymonkey.v1"

    def layout(self, grid: Grid, source: SourceConfig) -> Layout:
        """Two header rows; ``Respondent ID`` and ``Collector ID`` in row 1.

        Raises:
            InputFileError: Only one header row, or row 1 lacks the SurveyMonkey id columns.
        """
        check_header_cells(grid, {"Respondent ID": (ID_HEADER,),
                                  "Collector ID": ("Collector ID",)}, platform="SurveyMonkey")
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
                      date_order=source.date_order or "monthfirst")
