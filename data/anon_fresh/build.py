"""Build and check the first fresh survivor-style anonymisation set
(SYNTHETIC): dev, validation and test by hash.

``fresh.src.txt`` is the hand-written source (ids ``f0001`` upwards); the builder and its
checks are ``tools/fresh_set.py``, shared by every ``data/anon_fresh*`` set.

Run: ``.venv/bin/python data/anon_fresh/build.py [--write] [--file PATH]``.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))

from fresh_set import CATEGORIES, KINDS, FreshSet, SetError  # noqa: E402


def split_of(rid: str) -> str:
    """First byte of SHA-256 of ``fresh:<id>`` mod 4: 0, 1 dev; 2 validation; 3 test."""
    first = hashlib.sha256(f"fresh:{rid}".encode()).digest()[0]
    return ("dev", "dev", "validation", "test")[first % 4]


SET = FreshSet(Path(__file__).resolve().parent, "fresh", prefix="f",
               splits=("dev", "validation", "test"), split_of=split_of, hashed=True)
SOURCE, DATA = SET.source, SET.data
parse_source, check_record, validate = SET.parse_source, SET.check_record, SET.validate
counts, write = SET.counts, SET.write
__all__ = ["CATEGORIES", "DATA", "KINDS", "SOURCE", "SetError", "check_record", "counts",
           "parse_source", "split_of", "validate", "write"]


def main(argv: list[str] | None = None) -> int:
    return SET.main(argv, __doc__.splitlines()[0])


if __name__ == "__main__":
    raise SystemExit(main())
