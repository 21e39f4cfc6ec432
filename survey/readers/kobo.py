"""KoboToolbox (and ODK/XLSForm) exports: CSV (``;``-delimited, every field quoted) or XLSX.

One header row of question labels (or XML names with "XML values and headers"), optionally
prefixed by group paths (``g_services/...``), then optionally a row of HXL hashtags
(``#indicator+diet``). A select-multiple question comes as a column of space-separated choices
plus one ``<question>/<choice>`` column per choice holding ``1``/``0``; when the ``0``/``1``
columns are there they are used and the summary column is ignored (choices may contain
spaces), otherwise the summary column is matched against the known options.

Metadata (``_id`` is the response id, ``_submission_time`` the date) is ignored; identifying
metadata (``_submitted_by``, ``deviceid``, ``phonenumber``, ``username``, geopoint parts,
``_geolocation``, ``audit``, attachments) is dropped and listed. Choice names (XML values)
map to options whose instrument ``code`` is the XLSForm choice name. Layout from the reference
notes (``survey-exports.md`` section 1.5, from ``kobotoolbox/formpack`` tests).
"""

from __future__ import annotations

import re

from survey.config import SourceConfig
from survey.errors import InputFileError
from survey.readers.base import TabularReader
from survey.readers.common import Grid, cell_text, column_letter
from survey.readers.tabular import Column, Layout

SIGNATURE = frozenset({"_uuid", "_submission_time", "_index", "_validation_status",
                       "_xform_id_string", "__version__"})
ID_HEADERS = ("_id", "meta/instanceID", "_uuid")
SUBMITTED_HEADERS = ("_submission_time", "end", "today", "start")
SAFE_META = frozenset({"start", "end", "today", "_uuid", "_validation_status", "_notes",
                       "_status", "__version__", "_version_", "_tags", "_index", "_id",
                       "meta/instanceID", "meta/rootUuid", "meta/deprecatedID", "formhub/uuid",
                       "_xform_id_string", "_submission_time", "_duration", "meta/instanceName"})
IDENTIFYING_META = frozenset({"_submitted_by", "deviceid", "phonenumber", "username",
                              "subscriberid", "simserial", "imei", "_geolocation", "audit",
                              "_attachments", "email", "meta/audit"})
_GEO_PART = re.compile(r"(^|[/_])(latitude|longitude|altitude|precision)$", re.IGNORECASE)
_GROUP = re.compile(r"^(?:[A-Za-z_][\w.-]*/)+")
_HXL = re.compile(r"^#[a-z][\w+-]*$", re.IGNORECASE)


def has_hxl_row(grid: Grid) -> bool:
    """True when row 2 is an HXL hashtag row (every filled cell like ``#indicator+x``)."""
    if len(grid.rows) < 2:
        return False
    cells = [cell_text(c) for c in grid.rows[1] if cell_text(c)]
    return bool(cells) and all(_HXL.match(c) for c in cells)


def is_kobo(grid: Grid) -> bool:
    """True when the header row carries KoboToolbox metadata columns (``_uuid``...)."""
    headers = {cell_text(c) for c in grid.rows[0]}
    return len(headers & SIGNATURE) >= 2 or "_submission_time" in headers


def _strip_group(header: str) -> str:
    """``g_services/Which services?`` -> ``Which services?`` (group paths are XML names)."""
    stripped = _GROUP.sub("", header)
    return stripped or header


class KoboReader(TabularReader):
    """Reader for KoboToolbox/ODK exports (``kobo.v1``)."""

    name = "kobo.v1"

    def layout(self, grid: Grid, source: SourceConfig) -> Layout:
        """One header row (plus an optional HXL row); ``_id`` and ``_submission_time``.

        Raises:
            InputFileError: The header lacks the KoboToolbox metadata columns.
        """
        if not is_kobo(grid):
            raise InputFileError(grid.path, "header does not look like a KoboToolbox export "
                                 "(no _uuid or _submission_time column); set platform in "
                                 "project.yaml if this is another layout",
                                 row=grid.row_numbers[0])
        headers = [cell_text(c) or f"Column {column_letter(i)}" for i, c in enumerate(grid.rows[0])]
        present = set(headers)
        id_idx = next((headers.index(h) for h in ID_HEADERS if h in present), None)
        sub_idx = next((headers.index(h) for h in SUBMITTED_HEADERS if h in present), None)
        option_parents = {h.rsplit("/", 1)[0] for h in headers if "/" in h} & present
        columns: list[Column] = []
        parent: Column | None = None
        for i, header in enumerate(headers):
            leaf = header.rsplit("/", 1)[-1]
            if i == id_idx:
                columns.append(Column(index=i, header=header, question=header, role="id"))
            elif i == sub_idx:
                columns.append(Column(index=i, header=header, question=header,
                                      role="submitted"))
            elif header in SAFE_META or leaf in SAFE_META and header.startswith(("meta/",
                                                                                 "formhub/")):
                columns.append(Column(index=i, header=header, question=header, role="meta"))
            elif header in IDENTIFYING_META or leaf in IDENTIFYING_META or _GEO_PART.search(
                    header):
                columns.append(Column(index=i, header=header, question=header, role="meta",
                                      identifying=True))
            elif parent is not None and header.startswith(parent.header + "/"):
                option = header[len(parent.header) + 1:]
                columns.append(Column(index=i, header=header, question=parent.question,
                                      option=option))
            else:
                question = _strip_group(header)
                column = Column(index=i, header=header, question=question,
                                target=source.column_map.get(header))
                if header in option_parents:
                    column.role = "meta"  # summary of the 0/1 option columns that follow
                    parent = column
                else:
                    parent = None
                columns.append(column)
        return Layout(columns=columns, data_start=2 if has_hxl_row(grid) else 1,
                      date_order=source.date_order, codes=True, multi_separator=" ")
