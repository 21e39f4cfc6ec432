"""SmartSurvey exports (CSV or XLSX): one header row of question text.

Leading metadata columns (``UserID``, ``IP Address``, ``Started``, ``Ended``, ``Email``,
``Name``...) come first; multi-choice and matrix questions are expanded to one column per option
or row, headed ``"<question> - <option>"``. ``response_id = stable_id(source label, UserID)``.
The layout is not verified against a public sample (see the survey-exports reference notes), so
headers are matched by text, never by position.
"""

from __future__ import annotations

from survey.config import SourceConfig
from survey.readers.base import TabularReader
from survey.readers.common import (
    Grid,
    cell_text,
    check_header_cells,
    column_letter,
    normalise_header,
)
from survey.readers.tabular import Column, Layout

ID_HEADERS = ("UserID", "User ID", "Response ID", "ResponseID")
SUBMITTED_HEADERS = ("Ended", "Date Ended", "Date Submitted", "Submitted", "Completed",
                     "Started", "Date Started")
META_HEADERS = ("Started", "Ended", "Date Started", "Date Ended", "Date Submitted", "Submitted",
                "Completed", "Status", "Response Status", "Completion Status", "Time Taken",
                "Duration", "Collector", "Language", "Page", "Last Page")


def one_row_columns(grid: Grid, *, id_headers: tuple[str, ...], submitted: tuple[str, ...],
                    meta: tuple[str, ...]) -> list[Column]:
    """Columns of a one-header-row export, with id, submitted and metadata roles assigned.

    The first header (in ``submitted`` preference order) present becomes ``submitted``.
    """
    headers = [cell_text(c) or f"Column {column_letter(i)}" for i, c in enumerate(grid.rows[0])]
    norm = [normalise_header(h) for h in headers]
    id_norm = {normalise_header(h) for h in id_headers}
    meta_norm = {normalise_header(h) for h in meta}
    sub_idx = next((norm.index(normalise_header(h)) for h in submitted
                    if normalise_header(h) in norm), None)
    id_idx = next((i for i, n in enumerate(norm) if n in id_norm), None)
    columns = []
    for i, header in enumerate(headers):
        role = ("id" if i == id_idx else "submitted" if i == sub_idx else
                "meta" if norm[i] in meta_norm else "question")
        columns.append(Column(index=i, header=header, question=header, role=role))
    return columns


class SmartSurveyReader(TabularReader):
    """Reader for SmartSurvey exports (``smartsurvey.v1``)."""

    name = "smartsurvey.v1"

    def layout(self, grid: Grid, source: SourceConfig) -> Layout:
        """One header row; ``UserID`` (or ``Response ID``, or ``Started`` and ``Ended``).

        Raises:
            InputFileError: The header row has none of the SmartSurvey metadata columns.
        """
        present = {normalise_header(cell_text(c)) for c in grid.rows[0]}
        if not ({"started", "ended"} <= present):
            check_header_cells(grid, {"respondent id": ID_HEADERS}, platform="SmartSurvey")
        columns = one_row_columns(grid, id_headers=ID_HEADERS, submitted=SUBMITTED_HEADERS,
                                  meta=META_HEADERS)
        return Layout(columns=columns, data_start=1, date_order=source.date_order,
                      split_headers=True)
