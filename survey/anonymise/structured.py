"""Quasi-identifiers in the responses table: band ages, shorten postcodes, and generalise rare
combinations of sensitive closed answers so every combination within a cohort is shared by
``min_count`` people.

This is local suppression for k-anonymity (k = ``min_count``): in a row whose combination is
rare, the answer with the rarest value is replaced by :data:`WITHHELD`, and the check repeats.
Rows that stay rare with some answer still shown are flagged in :data:`FLAG_COLUMN` (a row
with every sensitive answer withheld shows only its cohort, which disclosure control covers).
The report holds counts only, never values.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from survey.anonymise.operators import AGE_BANDS, band_for_age
from survey.instrument import Instrument

WITHHELD = "[withheld]"
FLAG_COLUMN = "k_anonymity_flag"
_AGE_ID = re.compile(r"(?:^|_)age(?:$|_)")


def band_age(value: Any, *, bands: tuple[tuple[int, int], ...] = AGE_BANDS) -> str | None:
    """Age band label for a raw age ("13-15", "65+").

    Args:
        value: An age as a number or text ("14", "14 years", 14.0); blanks give None.
        bands: Inclusive (lo, hi) bands; the last may be open-ended (hi >= 120).

    Returns:
        The band, or None when the value is missing, not a number, or out of range.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        age = int(value)
    else:
        m = re.match(r"^\s*(\d{1,3})(?:\.\d+)?\s*(?:years?|yrs?|y/?o)?\s*(?:old)?\s*$",
                     str(value), re.IGNORECASE)
        if not m:
            return None
        age = int(m.group(1))
    return band_for_age(age, bands)


_POSTCODE = re.compile(r"^\s*([A-Z]{1,2}\d[A-Z\d]?)\s*(\d)[A-Z]{2}\s*$"
                       r"|^\s*([A-Z]{1,2}\d[A-Z\d]?)\s*$", re.IGNORECASE)
_POSTCODE_ID = re.compile(r"(?:^|_)post_?code(?:$|_)")


def shorten_postcode(value: Any, *, level: str = "district") -> str | None:
    """Shorten a UK postcode: district ("LS6") or sector ("LS6 2"), as UKDS guidance suggests.

    Args:
        value: A full or outward postcode; other values give None.
        level: ``"district"`` (outward code) or ``"sector"`` (outward code and first digit).

    Returns:
        The shortened, upper-cased postcode, or None when it is not a postcode.

    Raises:
        ValueError: Unknown ``level``.
    """
    if level not in ("district", "sector"):
        raise ValueError(f"level must be 'district' or 'sector', got {level!r}")
    if not isinstance(value, str):
        return None
    m = _POSTCODE.match(value)
    if not m:
        return None
    outward = (m.group(1) or m.group(3)).upper()
    if level == "sector" and m.group(2):
        return f"{outward} {m.group(2)}"
    return outward


@dataclass(frozen=True)
class GeneraliseReport:
    """What :func:`generalise_responses` changed, as counts only.

    Attributes:
        min_count: The k used.
        questions: Sensitive question ids checked.
        rare_rows_before: Rows in a combination shared by fewer than k (per cohort) before.
        rare_rows_after: The same after generalisation.
        cells_withheld: Question id -> cells replaced by the withheld marker.
        ages_banded: Question id -> cells turned into age bands.
        rows_flagged: Rows still rare (flagged) at the end.
    """

    min_count: int
    questions: tuple[str, ...]
    rare_rows_before: int
    rare_rows_after: int
    cells_withheld: dict[str, int] = field(default_factory=dict)
    ages_banded: dict[str, int] = field(default_factory=dict)
    rows_flagged: int = 0


def _key(value: Any) -> str:
    if isinstance(value, (list, tuple, set)):
        return ";".join(sorted(str(v) for v in value))
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "<blank>"
    return str(value)


def _rare_mask(keys: pd.DataFrame, group_cols: list[str], k: int) -> pd.Series:
    sizes = keys.groupby(group_cols, dropna=False)[group_cols[0]].transform("size")
    return sizes < k


def generalise_responses(df: pd.DataFrame, instrument: Instrument, *, min_count: int = 5,
                         cohort_column: str = "cohort") -> tuple[pd.DataFrame, GeneraliseReport]:
    """Band ages and withhold answers that make a respondent stand out in their cohort.

    Sensitive questions are the instrument's closed questions marked ``sensitive: true`` that
    appear as columns. A number question whose id names an age (``age``, ``age_at_incident``)
    is banded first.

    Args:
        df: The responses table (not modified).
        instrument: The survey instrument.
        min_count: k: the smallest group allowed to share one combination.
        cohort_column: Column holding the cohort label.

    Returns:
        The generalised copy (with a boolean :data:`FLAG_COLUMN`) and a report of counts.

    Raises:
        ValueError: ``min_count`` below 1 or the cohort column is missing.
    """
    if not isinstance(min_count, int) or min_count < 1:
        raise ValueError(f"min_count must be a whole number >= 1, got {min_count!r}")
    if cohort_column not in df.columns:
        raise ValueError(f"responses table has no {cohort_column!r} column; columns: "
                         f"{', '.join(map(str, df.columns))}")
    out = df.copy()
    questions = [q for q in instrument.questions
                 if q.sensitive and not q.is_free_text and q.id in out.columns]
    ages: dict[str, int] = {}
    for q in questions:
        if q.kind == "number" and _AGE_ID.search(q.id):
            banded = out[q.id].map(band_age)
            ages[q.id] = int(banded.notna().sum())
            out[q.id] = banded.astype(object)
        elif _POSTCODE_ID.search(q.id):
            out[q.id] = out[q.id].map(shorten_postcode).astype(object)
    qids = [q.id for q in questions]
    withheld = {q: 0 for q in qids}
    out[FLAG_COLUMN] = False
    if not qids:
        return out, GeneraliseReport(min_count, (), 0, 0, withheld, ages, 0)
    for q in qids:
        out[q] = out[q].astype(object)
    keys = pd.DataFrame({c: out[c].map(_key).astype(object) for c in [cohort_column, *qids]},
                        index=out.index)
    group_cols = [cohort_column, *qids]
    rare = _rare_mask(keys, group_cols, min_count)
    before = int(rare.sum())
    for _ in range(len(qids)):
        if not rare.any():
            break
        # value frequency per (cohort, question) decides which answer to withhold first
        freq = {q: keys.groupby([cohort_column, q])[q].transform("size") for q in qids}
        freq_df = pd.DataFrame(freq, index=out.index).astype(float)
        for q in qids:
            freq_df.loc[keys[q] == WITHHELD, q] = float("inf")
        target = freq_df[rare].idxmin(axis=1)
        for idx, q in target.items():
            if keys.at[idx, q] == WITHHELD:
                continue
            keys.at[idx, q] = WITHHELD
            out.at[idx, q] = WITHHELD
            withheld[q] += 1
        rare = _rare_mask(keys, group_cols, min_count)
    # a row with every sensitive answer withheld shows nothing but its cohort
    rare &= ~(keys[qids] == WITHHELD).all(axis=1)
    out[FLAG_COLUMN] = rare.to_numpy()
    after = int(rare.sum())
    return out, GeneraliseReport(min_count, tuple(qids), before, after, withheld, ages, after)
