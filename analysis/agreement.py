"""Inter-coder agreement per code at segment level, and the list of disagreements to reconcile.

Units are segments; for each code, a coder's value on a segment is 1 (the code applies: current
decision ``accepted``) or 0 (the coder coded the segment, i.e. made any decision on it, and did
not accept the code). A segment a coder never touched is *missing* for that coder, which
Krippendorff's alpha allows; Cohen's kappa and percent agreement use the segments both coders of
the pair coded.

Statistics per code:

* ``percent_agreement``: share of units where all coders who coded them agree (pairable units);
* ``kappa``: Cohen's kappa for the first two human coders (or the pair given), with a 95%
  confidence interval from the large-sample standard error of Cohen (1960),
  ``sqrt(po (1 - po) / (n (1 - pe)^2))``, clipped to [-1, 1]; ``None`` where chance agreement
  is 1 (both coders constant), so kappa is undefined;
* ``alpha``: Krippendorff's alpha, nominal, any number of coders, missing data allowed (the
  maintained ``krippendorff`` package);
* ``prevalence``: share of coded (segment, coder) values that are 1.

The machine can be scored as one more coder (``include_machine``): its value is 1 where any
machine suggester suggested the code and 0 elsewhere, on every segment.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

MACHINE_CODER = "machine"
MACHINE_SOURCES = ("rules", "similarity", "classifier", "topic")
PER_CODE_COLUMNS = ("code_id", "coders", "units", "prevalence", "percent_agreement", "kappa",
                    "kappa_low", "kappa_high", "alpha")
DISAGREEMENT_COLUMNS = ("segment_id", "code_id", "applied_by", "not_applied_by", "text")


def cohen_kappa(a: Any, b: Any, *, z: float = 1.959964) -> tuple[float | None, float | None,
                                                                  float | None]:
    """Cohen's kappa of two raters' labels with a large-sample confidence interval.

    Args:
        a: Labels of rater A (any hashable values), one per unit.
        b: Labels of rater B, same units.
        z: Normal quantile of the interval (1.96 for 95%).

    Returns:
        ``(kappa, low, high)``; all ``None`` when there are no units or chance agreement is 1.

    Raises:
        ValueError: Different lengths.
    """
    a, b = list(a), list(b)
    if len(a) != len(b):
        raise ValueError(f"a and b must have the same length; got {len(a)} and {len(b)}")
    n = len(a)
    if n == 0:
        return None, None, None
    cats = sorted(set(a) | set(b), key=str)
    po = sum(x == y for x, y in zip(a, b, strict=True)) / n
    pe = sum((a.count(c) / n) * (b.count(c) / n) for c in cats)
    if math.isclose(pe, 1.0):
        return None, None, None
    kappa = (po - pe) / (1 - pe)
    se = math.sqrt(po * (1 - po) / (n * (1 - pe) ** 2))
    return kappa, max(-1.0, kappa - z * se), min(1.0, kappa + z * se)


def krippendorff_alpha(matrix: Any, *, level: str = "nominal") -> float | None:
    """Krippendorff's alpha of a coders x units matrix (``nan`` for missing values).

    Returns:
        Alpha, or ``None`` where it is undefined (fewer than two pairable values, or a single
        value throughout).
    """
    import krippendorff

    data = np.asarray(matrix, dtype=float)
    pairable = (~np.isnan(data)).sum(axis=0) >= 2
    values = data[:, pairable]
    values = values[~np.isnan(values)]
    if values.size < 2 or np.unique(values).size < 2:
        return None
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement=level))


@dataclass(frozen=True)
class AgreementResult:
    """Agreement per code, and the disagreements.

    Attributes:
        coders: The coders compared (in order; the machine last when included).
        kappa_pair: The two coders behind ``kappa``.
        per_code: One row per code: :data:`PER_CODE_COLUMNS`.
        disagreements: One row per (segment, code) where coders differ:
            :data:`DISAGREEMENT_COLUMNS` (text is the anonymised segment).
    """

    coders: tuple[str, ...]
    kappa_pair: tuple[str, str] | None
    per_code: pd.DataFrame
    disagreements: pd.DataFrame

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (``per_code`` keyed by code id; disagreements without text)."""
        per = {}
        for r in self.per_code.to_dict("records"):
            per[r.pop("code_id")] = {k: (None if isinstance(v, float) and math.isnan(v) else v)
                                     for k, v in r.items()}
        dis = self.disagreements.drop(columns=["text"]).to_dict("records")
        return {"coders": list(self.coders),
                "kappa_pair": list(self.kappa_pair) if self.kappa_pair else None,
                "per_code": per, "disagreements": dis}


def coder_matrix(codings: pd.DataFrame, *, segments: list[str] | None = None,
                 include_machine: bool = False
                 ) -> tuple[list[str], list[str], dict[str, np.ndarray]]:
    """Per code a coders x segments matrix of 1/0/nan built from current codings.

    Returns:
        ``(coders, segment_ids, {code_id: matrix})``.
    """
    human = codings[(codings["source"] == "human") & codings["status"].isin(["accepted",
                                                                             "rejected"])]
    coders = sorted(human["coder"].unique().tolist())
    segs = list(segments) if segments is not None else sorted(set(human["segment_id"]))
    seg_idx = {s: i for i, s in enumerate(segs)}
    codes = sorted(set(human["code_id"]))
    machine = codings[codings["source"].isin(MACHINE_SOURCES) &
                      (codings["status"] == "suggested")]
    if include_machine:
        codes = sorted(set(codes) | set(machine["code_id"]))
        coders = [*coders, MACHINE_CODER]
    mats = {c: np.full((len(coders), len(segs)), np.nan) for c in codes}
    for k, coder in enumerate(coders):
        if coder == MACHINE_CODER:
            for c in codes:
                mats[c][k, :] = 0.0
            for r in machine.to_dict("records"):
                if r["segment_id"] in seg_idx:
                    mats[r["code_id"]][k, seg_idx[r["segment_id"]]] = 1.0
            continue
        mine = human[human["coder"] == coder]
        touched = [seg_idx[s] for s in set(mine["segment_id"]) if s in seg_idx]
        for c in codes:
            mats[c][k, touched] = 0.0
        for r in mine[mine["status"] == "accepted"].to_dict("records"):
            if r["segment_id"] in seg_idx:
                mats[r["code_id"]][k, seg_idx[r["segment_id"]]] = 1.0
    return coders, segs, mats


def _percent(mat: np.ndarray) -> tuple[float | None, int]:
    units = (~np.isnan(mat)).sum(axis=0) >= 2
    if not units.any():
        return None, 0
    sub = mat[:, units]
    agree = [np.unique(col[~np.isnan(col)]).size == 1 for col in sub.T]
    return float(np.mean(agree)), int(units.sum())


def agreement(codings: pd.DataFrame, *, segments: pd.DataFrame | None = None,
              include_machine: bool = False, pair: tuple[str, str] | None = None,
              codebook: Any = None) -> AgreementResult:
    """Agreement per code between coders, from the store's current codings.

    Args:
        codings: Current codings (``Store.read_codings()``).
        segments: Optional segments (``segment_id``, ``text``): the units (so the machine is
            scored on them all) and the text of the disagreement list.
        include_machine: Score the machine suggestions as one more coder.
        pair: The two coders for Cohen's kappa (default: the first two human coders).
        codebook: Optional codebook: its active codes are listed even with no decisions.

    Returns:
        The :class:`AgreementResult`.

    Raises:
        ValueError: A ``pair`` coder that made no decisions.
    """
    seg_ids = None if segments is None else segments["segment_id"].tolist()
    coders, segs, mats = coder_matrix(codings, segments=seg_ids, include_machine=include_machine)
    humans = [c for c in coders if c != MACHINE_CODER]
    if pair is not None:
        missing = [c for c in pair if c not in coders]
        if missing:
            raise ValueError(f"coder(s) {', '.join(missing)} made no decisions; "
                             f"coders: {', '.join(coders) or '(none)'}")
    kpair = tuple(pair) if pair else (tuple(humans[:2]) if len(humans) >= 2 else
                                      (tuple(coders[:2]) if len(coders) >= 2 else None))
    if codebook is not None:
        for c in codebook.active_codes:
            mats.setdefault(c.id, _empty_like(mats, coders, segs))
    rows, dis = [], []
    texts = {} if segments is None else dict(zip(segments["segment_id"], segments["text"],
                                                  strict=True))
    for code in sorted(mats):
        mat = mats[code]
        pct, units = _percent(mat)
        vals = mat[~np.isnan(mat)]
        k = lo = hi = None
        if kpair is not None:
            a, b = mat[coders.index(kpair[0])], mat[coders.index(kpair[1])]
            both = ~np.isnan(a) & ~np.isnan(b)
            k, lo, hi = cohen_kappa(a[both].tolist(), b[both].tolist())
        rows.append({"code_id": code, "coders": int(((~np.isnan(mat)).sum(axis=1) > 0).sum()),
                     "units": units,
                     "prevalence": _r(float(vals.mean()) if vals.size else None),
                     "percent_agreement": _r(pct), "kappa": _r(k), "kappa_low": _r(lo),
                     "kappa_high": _r(hi), "alpha": _r(krippendorff_alpha(mat))})
        for j in np.nonzero((~np.isnan(mat)).sum(axis=0) >= 2)[0]:
            col = mat[:, j]
            yes = [coders[i] for i in range(len(coders)) if col[i] == 1]
            no = [coders[i] for i in range(len(coders)) if col[i] == 0]
            if yes and no:
                dis.append({"segment_id": segs[j], "code_id": code, "applied_by": ";".join(yes),
                            "not_applied_by": ";".join(no), "text": texts.get(segs[j], "")})
    return AgreementResult(coders=tuple(coders), kappa_pair=kpair,
                           per_code=pd.DataFrame(rows, columns=list(PER_CODE_COLUMNS)),
                           disagreements=pd.DataFrame(dis, columns=list(DISAGREEMENT_COLUMNS)))


def _empty_like(mats: dict[str, np.ndarray], coders: list[str], segs: list[str]) -> np.ndarray:
    """A code nobody applied: 0 wherever a coder coded the segment."""
    if mats:
        any_mat = next(iter(mats.values()))
        return np.where(np.isnan(any_mat), np.nan, 0.0)
    return np.full((len(coders), len(segs)), np.nan)


def _r(x: float | None) -> float | None:
    return None if x is None else round(float(x), 4)


def compute_agreement(project: Any = None, *, out_dir: Any = None, json_path: Any = None,
                      include_machine: bool = False) -> AgreementResult:
    """What ``voices agree`` does: agreement from the project store, written beside it as
    ``agreement.csv`` (per code) and ``disagreements.csv`` (anonymised segment text, formula
    cells escaped), plus optional JSON.

    Raises:
        ToolkitError: No store yet.
    """
    import json
    from pathlib import Path

    from analysis.project import project_store
    from analysis.report.cells import escape_formula
    from analysis.store import Store
    from survey.atomic import atomic_open

    store_path, codebook = project_store(project, out_dir)
    with Store(store_path) as store:
        result = agreement(store.read_codings(), segments=store.read_segments(),
                           include_machine=include_machine, codebook=codebook)
    out = store_path.parent
    with atomic_open(out / "agreement.csv", newline="") as fh:
        result.per_code.to_csv(fh, index=False)
    dis = result.disagreements.assign(text=[escape_formula(t) for t in
                                            result.disagreements["text"]])
    with atomic_open(out / "disagreements.csv", newline="") as fh:
        dis.to_csv(fh, index=False)
    if json_path is not None:
        with atomic_open(Path(json_path)) as fh:
            json.dump(result.to_dict(), fh, indent=2)
            fh.write("\n")
    return result

