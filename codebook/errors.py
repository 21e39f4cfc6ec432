"""Errors raised by the codebook package (which imports neither ``survey`` nor ``analysis``)."""

from __future__ import annotations


class CodebookError(ValueError):
    """A codebook is invalid or a codebook file cannot be read.

    Args:
        message: What was expected and what arrived, and where (file, row, code id or key).
        problems: Every problem found, one line each (empty if the message says it all).
        path: The codebook file, if any.
        row: 1-based spreadsheet row, if known.
    """

    def __init__(self, message: str, *, problems: list[str] | tuple[str, ...] = (),
                 path: str | None = None, row: int | None = None) -> None:
        self.problems = list(problems)
        self.path = path
        self.row = row
        where = []
        if path is not None:
            where.append(str(path))
        if row is not None:
            where.append(f"row {row}")
        text = (", ".join(where) + ": " if where else "") + message
        if self.problems:
            text += "\n" + "\n".join(f"- {p}" for p in self.problems)
        super().__init__(text)
