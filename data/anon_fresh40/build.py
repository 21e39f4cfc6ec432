"""Build and check the fortieth fresh survivor-style anonymisation set, fresh40
(SYNTHETIC): all held-out test.

``fresh40.src.txt`` is the hand-written source (ids ``zw0001`` upwards); the builder and its
checks are ``tools/fresh_set.py``, shared by every ``data/anon_fresh*`` set.

Run: ``.venv/bin/python data/anon_fresh40/build.py [--write] [--file PATH]``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))

from fresh_set import CATEGORIES, KINDS, FreshSet, SetError  # noqa: E402


def split_of(rid: str) -> str:
    """Every line is held-out test: the set is scored once, after the rules are fixed."""
    return "test"


SET = FreshSet(Path(__file__).resolve().parent, "fresh40", prefix="zw", splits=("test",),
               split_of=split_of)
SOURCE, DATA = SET.source, SET.data
parse_source, check_record, validate = SET.parse_source, SET.check_record, SET.validate
counts, write = SET.counts, SET.write
__all__ = ["CATEGORIES", "DATA", "KINDS", "SOURCE", "SetError", "check_record", "counts",
           "parse_source", "split_of", "validate", "write"]


def main(argv: list[str] | None = None) -> int:
    return SET.main(argv, __doc__.splitlines()[0])


if __name__ == "__main__":
    raise SystemExit(main())
