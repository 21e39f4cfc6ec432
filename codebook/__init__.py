"""The codebook: themes, codes, definitions, inclusion/exclusion criteria, examples and keywords.

YAML is the source of truth; XLSX is for people who edit in a spreadsheet. This package imports
neither ``survey`` nor ``analysis``.
"""

from codebook.errors import CodebookError
from codebook.io import read_codebook, write_codebook
from codebook.model import CODE_STATUSES, Change, Code, Codebook, Theme

__all__ = ["CODE_STATUSES", "Change", "Code", "Codebook", "CodebookError", "Theme", "read_codebook",
           "write_codebook"]
