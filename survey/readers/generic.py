"""Generic one-header-row CSV/XLSX exports, mapped with the source's ``column_map``.

``column_map`` maps a header to a question id; the special targets ``response_id`` and
``submitted`` name the id and date columns. Other headers are matched to the instrument by text
(exact, normalised, fuzzy). Without an id column, ids come from the row number.
"""

from __future__ import annotations

from survey.config import SourceConfig
from survey.errors import InputFileError
from survey.readers.base import TabularReader
from survey.readers.common import Grid, normalise_header
from survey.readers.smartsurvey import one_row_columns
from survey.readers.tabular import Layout

ID_HEADERS = ("Response ID", "ResponseId", "Respondent ID", "ID", "UserID", "_id", "Record ID")
SUBMITTED_HEADERS = ("Submitted", "Date Submitted", "Timestamp", "Completion time", "End Date",
                     "EndDate", "Ended", "RecordedDate", "_submission_time")
META_HEADERS = ("Start time", "Start Date", "StartDate", "Started", "Status", "Progress",
                "Duration", "Duration (in seconds)", "Finished", "Last modified time",
                "Collector ID", "_uuid", "_index", "_status", "_validation_status")
SPECIAL_TARGETS = ("response_id", "submitted")


class GenericReader(TabularReader):
    """Reader for any one-header-row export (``generic.v1``)."""

    name = "generic.v1"

    def layout(self, grid: Grid, source: SourceConfig) -> Layout:
        """One header row; ``column_map`` gives explicit targets.

        Raises:
            InputFileError: A ``column_map`` header is not in the file.
        """
        by_target = {v: k for k, v in source.column_map.items() if v in SPECIAL_TARGETS}
        id_headers = (by_target["response_id"],) if "response_id" in by_target else ID_HEADERS
        submitted = (by_target["submitted"],) if "submitted" in by_target else SUBMITTED_HEADERS
        columns = one_row_columns(grid, id_headers=id_headers, submitted=submitted,
                                  meta=META_HEADERS)
        present = {normalise_header(c.header): c for c in columns}
        for header, target in source.column_map.items():
            col = present.get(normalise_header(header))
            if col is None:
                raise InputFileError(grid.path, "column_map names a header that is not in the "
                                     "header row", row=grid.row_numbers[0], column=header)
            if target not in SPECIAL_TARGETS:
                col.role, col.target = "question", target
        return Layout(columns=columns, data_start=1, date_order=source.date_order)
