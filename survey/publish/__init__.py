"""Publishing an instrument: XLSForm, a generic import sheet, printable HTML and Word.

One call per format through :func:`export_instrument`. Exported column names are the question
ids, so a new wave's export maps back without guessing: pass :func:`ingest_column_map` as the
source's ``column_map`` (generic sheet) when the export's headers are ids.
"""

from __future__ import annotations

from pathlib import Path

from survey.errors import ConfigError
from survey.instrument import Instrument
from survey.publish.common import build_form, cohorts_of
from survey.publish.printable import write_docx, write_html
from survey.publish.sheet import MULTI_SEPARATOR, RESPONSE_SHEET, write_sheet
from survey.publish.xlsform import write_xlsform, xlsform_rows

FORMATS = {"xlsform": write_xlsform, "sheet": write_sheet, "html": write_html,
           "docx": write_docx}

__all__ = ["FORMATS", "MULTI_SEPARATOR", "RESPONSE_SHEET", "cohorts_of", "export_instrument",
           "ingest_column_map", "write_docx", "write_html", "write_sheet", "write_xlsform",
           "xlsform_rows"]


def export_instrument(instrument: Instrument, fmt: str, out: str | Path, *,
                      cohort: str | None = None, wave: int | None = None) -> Path:
    """Export ``instrument`` to ``out`` in format ``fmt``.

    Args:
        instrument: The instrument.
        fmt: ``xlsform``, ``sheet``, ``html`` or ``docx``.
        out: The file to write (atomically).
        cohort: One cohort's questions (required by xlsform and sheet when there are several).
        wave: The wave whose questions to export; default the instrument's own.

    Returns:
        The written path.

    Raises:
        ConfigError: Unknown format or cohort, or a cohort is needed.
    """
    if fmt not in FORMATS:
        raise ConfigError("<export>", "format", f"unknown format {fmt!r}; expected one of "
                          f"{', '.join(FORMATS)}")
    return FORMATS[fmt](instrument, out, cohort=cohort, wave=wave)


def ingest_column_map(instrument: Instrument, *, cohort: str | None = None,
                      wave: int | None = None) -> dict[str, str]:
    """``column_map`` for an export whose headers are the question ids (the generic sheet).

    ``response_id`` and ``submitted`` map to themselves as the reader's id and date columns.
    """
    form = build_form(instrument, cohort=cohort, wave=wave)
    return {"response_id": "response_id", "submitted": "submitted",
            **{q.id: q.id for q in form.questions}}
