"""Machine code suggestions: scikit-learn style suggesters and the pipeline's entry point.

:func:`suggest_codings` runs the rules and similarity suggesters over segments and returns
``codings`` rows (status ``suggested``) for the project store. Suggestions never overwrite human
decisions; the store keeps them apart.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from analysis.suggest.base import SuggesterBase, check_texts
from analysis.suggest.classifier import ClassifierSuggester
from analysis.suggest.ensemble import (EnsembleRun, EnsembleSuggester, active_learning_order,
                                       ensemble_suggestions)
from analysis.suggest.evaluate import evaluate_suggestions, read_labelled_csv, score_predictions
from analysis.suggest.rules import RulesSuggester
from analysis.suggest.similarity import SimilaritySuggester
from survey.schema import CODING_COLUMNS

SUGGESTERS: dict[str, type[SuggesterBase]] = {
    RulesSuggester.name: RulesSuggester,
    SimilaritySuggester.name: SimilaritySuggester,
    ClassifierSuggester.name: ClassifierSuggester,
}
_SOURCE = {RulesSuggester.name: "rules", SimilaritySuggester.name: "similarity"}


def get_suggester(name: str) -> type[SuggesterBase]:
    """The suggester class registered under ``name`` (e.g. ``"rules.v1"``).

    Raises:
        KeyError: Unknown name (the message lists the known ones).
    """
    try:
        return SUGGESTERS[name]
    except KeyError:
        known = ", ".join(sorted(SUGGESTERS))
        raise KeyError(f"unknown suggester {name!r}; known: {known}") from None


def suggest_codings(segments: pd.DataFrame, codebook: Any, *, nlp: Any = None,
                    embedder: Any = None, threshold: float | None = None) -> pd.DataFrame:
    """Suggest codes for segments with the rules and similarity suggesters.

    Args:
        segments: Frame with ``segment_id`` and ``text``.
        codebook: A :class:`codebook.Codebook`.
        nlp: spaCy pipeline for the rules suggester (``None`` skips rules).
        embedder: Embedder for the similarity suggester (``None`` skips similarity).
        threshold: One threshold for both suggesters; ``None`` uses each one's default
            (rules 0.5 = any keyword match; similarity 0.45 with at most 3 codes per segment).

    Returns:
        Frame with :data:`survey.schema.CODING_COLUMNS`: one row per (segment, code) suggested,
        ``source`` ``rules``/``similarity``, ``coder`` the suggester name (``rules.v1``),
        ``status`` ``suggested``, ``confidence`` the score, ``evidence`` matched words or the
        nearest codebook example, ``decided_at`` ``None``. Rules rows first, then similarity,
        each in segment order.

    Raises:
        ValueError: Missing columns, or invalid suggester settings.
    """
    missing = [c for c in ("segment_id", "text") if c not in segments.columns]
    if missing:
        raise ValueError(f"segments is missing column(s) {', '.join(missing)}")
    texts = check_texts(segments["text"])
    ids = list(segments["segment_id"])
    suggesters: list[SuggesterBase] = []
    if nlp is not None:
        suggesters.append(RulesSuggester(codebook=codebook, nlp=nlp, threshold=threshold))
    if embedder is not None:
        suggesters.append(SimilaritySuggester(codebook=codebook, embedder=embedder,
                                              threshold=threshold))
    frames = [pd.DataFrame(columns=list(CODING_COLUMNS))]
    for s in suggesters:
        frames.append(_run_one(s.fit(), texts, ids))
    out = pd.concat([f for f in frames if len(f)] or frames[:1], ignore_index=True)
    return out[list(CODING_COLUMNS)].reset_index(drop=True)


def _run_one(s: SuggesterBase, texts: list[str], ids: list[Any]) -> pd.DataFrame:
    if not texts:
        return pd.DataFrame(columns=list(CODING_COLUMNS))
    proba = s.predict_proba(texts)
    chosen = s.predict(texts) if isinstance(s, SimilaritySuggester) else (
        proba >= s._threshold()).astype(np.int64)
    evidence = s.explain(texts)
    rows = []
    for i, j in zip(*np.nonzero(chosen), strict=True):
        cid = str(s.classes_[j])
        rows.append({"segment_id": ids[i], "code_id": cid, "coder": s.name,
                     "source": _SOURCE[s.name], "confidence": round(float(proba[i, j]), 4),
                     "status": "suggested", "evidence": evidence[i].get(cid, ""),
                     "decided_at": None})
    return pd.DataFrame(rows, columns=list(CODING_COLUMNS))


__all__ = ["SUGGESTERS", "ClassifierSuggester", "EnsembleRun", "EnsembleSuggester",
           "RulesSuggester", "SimilaritySuggester", "SuggesterBase", "active_learning_order",
           "ensemble_suggestions", "evaluate_suggestions", "get_suggester", "read_labelled_csv",
           "score_predictions", "suggest_codings"]
