"""Error types shared by the toolkit.

Every message says what was expected, what arrived (never an original cell value), and where:
file, row and column. The CLI turns any :class:`ToolkitError` into one line and exit code 1.
"""

from __future__ import annotations

from pathlib import Path


class ToolkitError(Exception):
    """Root of every error the toolkit raises on purpose."""


class InputFileError(ToolkitError, ValueError):
    """A problem with an input file, located by file, row and column.

    Args:
        path: The file.
        message: What was expected and what arrived, without any original cell value.
        row: 1-based row number in the file as a spreadsheet shows it, if known.
        column: Column header or letter, if known.
    """

    def __init__(self, path: str | Path, message: str, *, row: int | None = None,
                 column: str | None = None) -> None:
        self.path = str(path)
        self.row = row
        self.column = column
        self.detail = message
        where = [self.path]
        if row is not None:
            where.append(f"row {row}")
        if column is not None:
            where.append(f"column {column!r}")
        super().__init__(f"{', '.join(where)}: {message}")


class ConfigError(ToolkitError, ValueError):
    """A problem with a project config file, located by file and key."""

    def __init__(self, path: str | Path, key: str | None, message: str) -> None:
        self.path = str(path)
        self.key = key
        where = f"{path}" + (f", key {key!r}" if key else "")
        super().__init__(f"{where}: {message}")
