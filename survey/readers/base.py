"""The tabular reader template: load the grid, let the platform describe its header layout,
infer an instrument when none is given, then build the canonical tables."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence

from survey.config import SourceConfig
from survey.instrument import Instrument
from survey.readers.common import Grid, load_grid
from survey.readers.infer import InferredInstrument, infer_from_layout
from survey.readers.tabular import Layout, build_table, number_repeated_headers
from survey.schema import SourceTable


class TabularReader(ABC):
    """Base of the one-sheet export readers (SmartSurvey, SurveyMonkey, generic).

    Subclasses set ``name`` (the versioned registry key) and implement :meth:`layout`.
    """

    name: str = ""

    @abstractmethod
    def layout(self, grid: Grid, source: SourceConfig) -> Layout:
        """Describe the grid's header rows and columns.

        Raises:
            InputFileError: The header does not fit this platform.
        """

    def infer(self, source: SourceConfig) -> InferredInstrument:
        """Infer an instrument from the export (see :mod:`survey.readers.infer`).

        Raises:
            InputFileError: The file cannot be read or its header does not fit this platform.
        """
        grid = load_grid(source.path, sheet=source.sheet, limits=source.limits)
        return infer_from_layout(grid, number_repeated_headers(self.layout(grid, source)),
                                 name=f"{source.path.stem} (inferred)")

    def read(self, source: SourceConfig, instrument: Instrument | None, *,
             source_label: str, keep_columns: Sequence[str] = ()) -> SourceTable:
        """Read the export into a :class:`SourceTable`.

        Args:
            source: The source's config.
            instrument: The project instrument; ``None`` infers one from the export.
            source_label: The source's label (its path relative to the project folder).
            keep_columns: ``anonymise.keep_columns``: identifying columns (header or question
                id) to keep in generalised form instead of dropping.

        Raises:
            InputFileError: Missing/corrupt/empty file, a header that does not fit the platform,
                or a bad date (named by file, row and column; never by value).
        """
        grid = load_grid(source.path, sheet=source.sheet, limits=source.limits)
        layout = number_repeated_headers(self.layout(grid, source))
        table_warnings: list[str] = []
        if instrument is None:
            instrument = infer_from_layout(grid, layout,
                                           name=f"{source.path.stem} (inferred)").instrument
            table_warnings.append("no instrument given; question kinds were inferred from the "
                                  "export")
        table = build_table(grid, layout, instrument, source=source, source_label=source_label,
                            keep_columns=keep_columns)
        table.warnings[:0] = table_warnings
        return table
