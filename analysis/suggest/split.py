"""A fixed train / validation / test split of labelled texts, with duplicates kept together.

A text's split follows from the SHA-256 of its *normalised* text (case-folded, whitespace
collapsed), so exact and case-folded duplicates always fall in the same split and no test text
can appear in train. Within a split, duplicates collapse to one row whose codes are the union of
the codes people gave its copies (and whose id is the first copy's). The split depends on nothing
but the texts: the same texts give the same split on any machine, in any row order.
"""

from __future__ import annotations

import hashlib
import re

import pandas as pd

from analysis.suggest.classifier import parse_codes

SPLITS = ("train", "validation", "test")
_SPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """Case-folded, whitespace collapsed and stripped: the key duplicates share."""
    return _SPACE.sub(" ", str(text)).strip().casefold()


def split_of(text: str, *, fractions: tuple[float, float, float] = (0.6, 0.2, 0.2)) -> str:
    """``train``, ``validation`` or ``test`` from the SHA-256 of the normalised text.

    Raises:
        ValueError: ``fractions`` are not three non-negative numbers summing to 1.
    """
    if len(fractions) != 3 or min(fractions) < 0 or abs(sum(fractions) - 1.0) > 1e-9:
        raise ValueError(f"fractions must be three non-negative numbers summing to 1; "
                         f"got {fractions!r}")
    digest = hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()
    u = int(digest[:12], 16) / float(16 ** 12)
    if u < fractions[0]:
        return "train"
    return "validation" if u < fractions[0] + fractions[1] else "test"


def dedupe_labelled(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per normalised text: the first copy's id and text, the union of all copies'
    codes (``;``-joined, first-seen order).

    Raises:
        ValueError: ``frame`` lacks ``id``, ``text`` or ``codes``.
    """
    missing = [c for c in ("id", "text", "codes") if c not in frame.columns]
    if missing:
        raise ValueError(f"frame is missing column(s) {', '.join(missing)}")
    key = frame["text"].map(normalise_text)
    codes = parse_codes(frame["codes"].tolist())
    union: dict[str, list[str]] = {}
    for k, cs in zip(key, codes, strict=True):
        have = union.setdefault(k, [])
        have.extend(c for c in cs if c not in have)
    first = frame.loc[~key.duplicated(), ["id", "text"]].copy()
    first["codes"] = [";".join(union[k]) for k in key[~key.duplicated()]]
    return first.reset_index(drop=True)


def split_labelled_three(frame: pd.DataFrame, *,
                         fractions: tuple[float, float, float] = (0.6, 0.2, 0.2),
                         ) -> dict[str, pd.DataFrame]:
    """Deduplicate ``frame`` (``id, text, codes``) and split it by :func:`split_of`.

    Returns:
        ``{"train": ..., "validation": ..., "test": ...}``, each with ``id, text, codes``.
    """
    unique = dedupe_labelled(frame)
    which = unique["text"].map(lambda t: split_of(t, fractions=fractions))
    return {s: unique[which == s].reset_index(drop=True) for s in SPLITS}


def overlap(a: pd.DataFrame, b: pd.DataFrame) -> set[str]:
    """Normalised texts that occur in both frames (empty for a clean split)."""
    return set(a["text"].map(normalise_text)) & set(b["text"].map(normalise_text))


def restrict_code_frame(frame: pd.DataFrame, *, min_count: int) -> tuple[pd.DataFrame, list[str]]:
    """Keep the codes given to at least ``min_count`` texts; drop texts left with no code.

    Returns:
        ``(frame, codes)``: the restricted frame (``id, text, codes``) and the kept codes,
        most frequent first (ties by name).
    """
    codes = parse_codes(frame["codes"].tolist())
    counts = pd.Series([c for cs in codes for c in cs], dtype=object).value_counts()
    kept = sorted(counts.index[counts >= min_count], key=lambda c: (-counts[c], c))
    keep = set(kept)
    out = frame.copy()
    out["codes"] = [";".join(c for c in cs if c in keep) for cs in codes]
    return out[out["codes"] != ""].reset_index(drop=True), kept
