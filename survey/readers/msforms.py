"""Microsoft Forms and Google Forms exports: one header row, multi-select answers in one cell.

Microsoft Forms starts with ``ID, Start time, Completion time, Email, Name`` and joins
multi-select answers with ``;`` (trailing ``;``); Google Forms starts with ``Timestamp`` (then
``Email address`` when collected) and joins them with ``", "`` (split only against the known
options, since free text holds commas). Google Forms has no response id: ids come from the row.
Both layouts are from the reference notes, not verified against partner files.
"""

from __future__ import annotations

from survey.config import SourceConfig
from survey.readers.base import TabularReader
from survey.readers.common import Grid
from survey.readers.smartsurvey import one_row_columns
from survey.readers.tabular import Layout

MSFORMS_META = ("Start time", "Last modified time", "Total points", "Quiz feedback")
GOOGLE_META = ("Score",)


class MSFormsReader(TabularReader):
    """Reader for Microsoft Forms exports (``msforms.v1``)."""

    name = "msforms.v1"

    def layout(self, grid: Grid, source: SourceConfig) -> Layout:
        """One header row with ``ID`` and ``Completion time``."""
        columns = one_row_columns(grid, id_headers=("ID",), submitted=("Completion time",
                                                                       "Start time"),
                                  meta=MSFORMS_META)
        return Layout(columns=columns, data_start=1, date_order=source.date_order)


class GoogleFormsReader(TabularReader):
    """Reader for Google Forms exports (``googleforms.v1``)."""

    name = "googleforms.v1"

    def layout(self, grid: Grid, source: SourceConfig) -> Layout:
        """One header row starting with ``Timestamp``."""
        columns = one_row_columns(grid, id_headers=(), submitted=("Timestamp",),
                                  meta=GOOGLE_META)
        return Layout(columns=columns, data_start=1, date_order=source.date_order)
