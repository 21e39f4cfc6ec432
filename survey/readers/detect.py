"""Picking a reader from the file itself (header signatures, never the file name alone)."""

from __future__ import annotations

from pathlib import Path

from survey.config import ArchiveLimits
from survey.errors import InputFileError
from survey.readers.common import (
    REFUSED_SUFFIXES,
    XLSX_SUFFIXES,
    Grid,
    cell_text,
    load_grid,
    normalise_header,
)
from survey.readers.kobo import is_kobo
from survey.readers.qualtrics import qualtrics_layout_kind
from survey.readers.surveymonkey import is_surveymonkey_without_metadata
from survey.readers.transcripts import TRANSCRIPT_SUFFIXES

TABULAR_SUFFIXES = (".csv", ".tsv", *XLSX_SUFFIXES)
HEADER_ROWS = 6  # enough rows to see every platform's header signature
_LOOKED_FOR = ("SurveyMonkey: 'Respondent ID' and 'Collector ID' in row 1 with 'Response' or "
               "'Open-Ended Response' (or a sub-header) in row 2, or, exported without "
               "metadata, row 2 of 'Response'/'Open-Ended Response'/option labels under a "
               "question row; SmartSurvey: one header row "
               "with 'UserID' (or 'Response ID', or 'Started' and 'Ended'); Microsoft Forms: "
               "first columns 'ID', 'Start time', 'Completion time'; Google Forms: first column "
               "'Timestamp'; Qualtrics: {\"ImportId\": ...} cells in row 3 (or V1..V10 tags "
               "over ResponseID); KoboToolbox: '_uuid' or '_submission_time' columns")


def _blank_under_id(grid: Grid) -> bool:
    """True when row 2 is a sub-header: blank under ``Respondent ID`` (a matrix-only export)."""
    for i, cell in enumerate(grid.rows[0]):
        if normalise_header(cell_text(cell)) == "respondent id":
            return not cell_text(grid.rows[1][i]) and any(cell_text(c) for c in grid.rows[1])
    return False


def detect(path: str | Path, *, sheet: str | None = None, kind: str | None = None,
           limits: ArchiveLimits | None = None) -> str:
    """The registry key of the reader for ``path``.

    Args:
        path: An export file, a transcript file or a folder of transcripts.
        sheet: The XLSX sheet to look at (default: the first with data).
        kind: The source's kind; ``"survey"`` reads a ``.txt`` file as a table (Excel's
            "Unicode text" export is tab-separated UTF-16 ``.txt``), never as a transcript.
        limits: The project's archive limits for a workbook.

    Returns:
        ``"surveymonkey.v1"``, ``"smartsurvey.v1"``, ``"msforms.v1"``, ``"googleforms.v1"``,
        ``"qualtrics.v1"``, ``"kobo.v1"`` or ``"transcript.v1"``.

    Raises:
        InputFileError: Missing or unreadable file, an unknown format, or headers that match no
            platform or more than one; the message lists what was looked for. Set ``platform``
            (e.g. ``generic``) in the project config to skip detection.
    """
    path = Path(path)
    if not path.exists():
        raise InputFileError(path, "file or folder not found")
    tabular_txt = kind == "survey" and path.suffix.lower() == ".txt"
    if path.is_dir() or (path.suffix.lower() in TRANSCRIPT_SUFFIXES and not tabular_txt):
        return "transcript.v1"
    if path.suffix.lower() in REFUSED_SUFFIXES:
        load_grid(path)  # raises, saying how to save the file instead
    if path.suffix.lower() not in TABULAR_SUFFIXES and not tabular_txt:
        raise InputFileError(path, f"unknown file type; expected one of "
                             f"{', '.join(TABULAR_SUFFIXES + TRANSCRIPT_SUFFIXES)} or a folder "
                             "of transcripts")
    grid = load_grid(path, sheet=sheet, max_rows=HEADER_ROWS, limits=limits)
    row1 = {normalise_header(cell_text(c)) for c in grid.rows[0]}
    row2 = {normalise_header(cell_text(c)) for c in grid.rows[1]} if len(grid.rows) > 1 else set()
    monkey = {"respondent id", "collector id"} <= row1 and len(grid.rows) > 1 and (
        bool(row2 & {"response", "open ended response"}) or _blank_under_id(grid))
    monkey_bare = not monkey and is_surveymonkey_without_metadata(grid)
    smart = bool(row1 & {"userid", "user id", "response id"}) or {"started", "ended"} <= row1
    first = [normalise_header(cell_text(c)) for c in grid.rows[0][:3]]
    msforms = first == ["id", "start time", "completion time"]
    google = first[:1] == ["timestamp"]
    qualtrics = qualtrics_layout_kind(grid) is not None
    kobo = is_kobo(grid)
    if monkey_bare and not any((smart, msforms, google, qualtrics, kobo)):
        return "surveymonkey.v1"  # exported without its metadata columns
    if sum((monkey, smart, msforms, google, qualtrics, kobo)) > 1:
        raise InputFileError(path, f"headers match more than one platform; looked for "
                             f"{_LOOKED_FOR}. Set platform in project.yaml",
                             row=grid.row_numbers[0])
    if qualtrics:
        return "qualtrics.v1"
    if kobo:
        return "kobo.v1"
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
