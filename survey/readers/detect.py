"""Picking a reader from the file itself (header signatures, never the file name alone)."""

from __future__ import annotations

from pathlib import Path

from survey.errors import InputFileError
from survey.readers.common import XLSX_SUFFIXES, Grid, cell_text, load_grid, normalise_header
from survey.readers.transcripts import TRANSCRIPT_SUFFIXES

TABULAR_SUFFIXES = (".csv", ".tsv", *XLSX_SUFFIXES)
_LOOKED_FOR = ("SurveyMonkey: 'Respondent ID' and 'Collector ID' in row 1 with 'Response' or "
               "'Open-Ended Response' (or a sub-header) in row 2; SmartSurvey: one header row "
               "with 'UserID' (or 'Response ID', or 'Started' and 'Ended'); Microsoft Forms: "
               "first columns 'ID', 'Start time', 'Completion time'; Google Forms: first column "
               "'Timestamp'")


def _blank_under_id(grid: Grid) -> bool:
    """True when row 2 is a sub-header: blank under ``Respondent ID`` (a matrix-only export)."""
    for i, cell in enumerate(grid.rows[0]):
        if normalise_header(cell_text(cell)) == "respondent id":
            return not cell_text(grid.rows[1][i]) and any(cell_text(c) for c in grid.rows[1])
    return False


def detect(path: str | Path, *, sheet: str | None = None) -> str:
    """The registry key of the reader for ``path``.

    Args:
        path: An export file, a transcript file or a folder of transcripts.
        sheet: The XLSX sheet to look at (default: the first with data).

    Returns:
        ``"surveymonkey.v1"``, ``"smartsurvey.v1"``, ``"msforms.v1"``, ``"googleforms.v1"``
        or ``"transcript.v1"``.

    Raises:
        InputFileError: Missing or unreadable file, an unknown format, or headers that match no
            platform or more than one; the message lists what was looked for. Set ``platform``
            (e.g. ``generic``) in the project config to skip detection.
    """
    path = Path(path)
    if not path.exists():
        raise InputFileError(path, "file or folder not found")
    if path.is_dir() or path.suffix.lower() in TRANSCRIPT_SUFFIXES:
        return "transcript.v1"
    if path.suffix.lower() not in TABULAR_SUFFIXES:
        raise InputFileError(path, f"unknown file type; expected one of "
                             f"{', '.join(TABULAR_SUFFIXES + TRANSCRIPT_SUFFIXES)} or a folder "
                             "of transcripts")
    grid = load_grid(path, sheet=sheet)
    row1 = {normalise_header(cell_text(c)) for c in grid.rows[0]}
    row2 = {normalise_header(cell_text(c)) for c in grid.rows[1]} if len(grid.rows) > 1 else set()
    monkey = {"respondent id", "collector id"} <= row1 and len(grid.rows) > 1 and (
        bool(row2 & {"response", "open ended response"}) or _blank_under_id(grid))
    smart = bool(row1 & {"userid", "user id", "response id"}) or {"started", "ended"} <= row1
    first = [normalise_header(cell_text(c)) for c in grid.rows[0][:3]]
    msforms = first == ["id", "start time", "completion time"]
    google = first[:1] == ["timestamp"]
    if sum((monkey, smart, msforms, google)) > 1:
        raise InputFileError(path, f"headers match more than one platform; looked for "
                             f"{_LOOKED_FOR}. Set platform in project.yaml",
                             row=grid.row_numbers[0])
    if monkey:
        return "surveymonkey.v1"
    if smart:
        return "smartsurvey.v1"
    if msforms:
        return "msforms.v1"
    if google:
        return "googleforms.v1"
    raise InputFileError(path, f"could not tell which platform wrote this export; looked for "
                         f"{_LOOKED_FOR}. Set platform in project.yaml (generic for any "
                         "one-header-row export, with a column_map)", row=grid.row_numbers[0])
