"""Shared scikit-learn plumbing for the code suggesters.

A suggester is an estimator over texts: ``__init__`` stores keyword arguments only, ``fit`` checks
them and builds learned state (ending in ``_``), ``predict_proba`` returns one column per active
code (``classes_``), and ``explain`` returns the evidence behind each score. A bare string is
rejected as ``X``; an unfitted suggester raises ``NotFittedError``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.utils.validation import check_is_fitted

EVIDENCE_MAX_CHARS = 200


def check_texts(X: Any) -> list[str]:
    """``X`` as a list of strings (``None`` becomes ``""``).

    Raises:
        TypeError: ``X`` is a bare string or bytes, or not iterable.
    """
    if isinstance(X, (str, bytes)):
        raise TypeError("X must be a list of texts, not a single string; wrap it: [text]")
    if hasattr(X, "tolist") and not isinstance(X, list):
        X = X.tolist()
    try:
        return ["" if x is None or (isinstance(x, float) and np.isnan(x)) else str(x) for x in X]
    except TypeError:
        raise TypeError(f"X must be an iterable of texts; got {type(X).__name__}") from None


def shorten(text: str, limit: int = EVIDENCE_MAX_CHARS) -> str:
    """Collapse whitespace and cut to ``limit`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class SuggesterBase(BaseEstimator):
    """Common methods; subclasses set ``name``, ``default_threshold`` and implement
    ``fit``, ``predict_proba`` and ``explain``."""

    name = "base"
    default_threshold = 0.5

    def __sklearn_clone__(self) -> SuggesterBase:
        # Share heavy resources (spaCy pipeline, embedding model, codebook) rather than
        # deep-copying them; nothing learned is carried over.
        return type(self)(**self.get_params(deep=False))

    def _memo(self, texts: list[str], compute: Any) -> Any:
        """``compute(texts)``, remembered for the last input: the pipeline asks a suggester
        for scores, decisions and evidence on the same texts, and the heavy pass (spaCy,
        embeddings) should run once. ``fit`` forgets it (see :meth:`_forget`)."""
        last = self.__dict__.get("_last")
        if last is not None and last[0] == texts:
            return last[1]
        value = compute(texts)
        self.__dict__["_last"] = (list(texts), value)
        return value

    def _forget(self) -> None:
        self.__dict__.pop("_last", None)

    def _threshold(self) -> float:
        t = getattr(self, "threshold", None)
        if t is None:
            return self.default_threshold
        if not isinstance(t, (int, float)) or isinstance(t, bool) or not 0.0 <= t <= 1.0:
            raise ValueError(f"threshold must be a number in [0, 1] or None; got {t!r}")
        return float(t)

    def _check_codebook(self) -> None:
        cb = getattr(self, "codebook", None)
        if cb is None or not hasattr(cb, "active_codes"):
            raise ValueError(f"codebook must be a codebook.Codebook; got {type(cb).__name__}")
        if not cb.active_codes:
            raise ValueError("codebook has no active codes to suggest")

    def predict(self, X: Any) -> np.ndarray:
        """0/1 matrix: ``predict_proba(X) >= threshold`` (``threshold`` or the default)."""
        check_is_fitted(self)
        return (self.predict_proba(X) >= self._threshold()).astype(np.int64)

    def predict_proba(self, X: Any) -> np.ndarray:  # pragma: no cover - abstract
        """Scores in ``[0, 1]``, shape ``(n_texts, len(classes_))``."""
        raise NotImplementedError

    def explain(self, X: Any) -> list[dict[str, str]]:  # pragma: no cover - abstract
        """Per text, ``{code_id: evidence}`` for the codes with any evidence."""
        raise NotImplementedError
