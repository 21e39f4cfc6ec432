"""Shipped gazetteers (first names, surnames, UK places and areas, places abroad), loaded once
and kept in memory.

The name lists are derived from the ``names-dataset`` package by
:mod:`survey.anonymise.names_build`; each entry carries a flag saying whether the name is also an
everyday English word ("Will", "Grace"), in which case recognizers ask for more evidence before
masking it. The place lists are built by :mod:`survey.anonymise.places_build` and read here, with
no other import, so the precision filter can use them below the recognizers
(:mod:`survey.anonymise.recognizers.uk_gazetteer` re-exports them).
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@lru_cache(maxsize=4)
def load_names(kind: str) -> dict[str, bool]:
    """Load a name list.

    Args:
        kind: ``"first"`` or ``"surname"``.

    Returns:
        Mapping of title-cased name -> True when it is also a common English word.

    Raises:
        ValueError: Unknown ``kind``.
        FileNotFoundError: The data file is missing (rebuild with ``names_build``).
    """
    files = {"first": "first_names.tsv.gz", "surname": "surnames.tsv.gz"}
    if kind not in files:
        raise ValueError(f"kind must be one of {sorted(files)}, got {kind!r}")
    out: dict[str, bool] = {}
    with gzip.open(DATA_DIR / files[kind], "rt", encoding="utf-8") as fh:
        for line in fh:
            name, _, flag = line.rstrip("\n").partition("\t")
            out[name] = flag == "1"
    return out


@lru_cache(maxsize=1)
def load_common_words() -> frozenset[str]:
    """Everyday lower-case English words (from the MiniLM WordPiece vocabulary).

    A capitalised word whose lower-case form is not in this set is probably a proper noun.
    """
    with gzip.open(DATA_DIR / "common_words.txt.gz", "rt", encoding="utf-8") as fh:
        return frozenset(line.strip() for line in fh if line.strip())


@lru_cache(maxsize=1)
def load_uk_places() -> dict[str, tuple[str, int, float, float]]:
    """Place name -> ``(nation, population, latitude, longitude)`` from the shipped file."""
    out = {}
    with gzip.open(DATA_DIR / "uk_gazetteer.tsv.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            name, nation, pop, lat, lon = line.rstrip("\n").split("\t")
            out[name] = (nation, int(pop), float(lat), float(lon))
    return out


@lru_cache(maxsize=1)
def load_uk_areas() -> dict[str, str]:
    """Area name -> nation: counties and council areas (``data/uk_areas.tsv.gz``, built by
    :func:`survey.anonymise.places_build.build_uk_areas`), which are no populated places."""
    path = DATA_DIR / "uk_areas.tsv.gz"
    if not path.is_file():
        return {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return dict(line.rstrip("\n").split("\t") for line in fh if line.strip())


@lru_cache(maxsize=1)
def load_world_places() -> dict[str, str]:
    """Countries other than the UK and large cities abroad -> country code
    (``data/world_places.tsv.gz``, built by
    :func:`survey.anonymise.places_build.build_world_places`)."""
    path = DATA_DIR / "world_places.tsv.gz"
    if not path.is_file():
        return {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return dict(line.rstrip("\n").split("\t") for line in fh if line.strip())
