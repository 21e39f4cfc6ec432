"""A supervised suggester trained on human codes: TF-IDF (+ optional embeddings) and one
logistic regression per code, with a per-code threshold chosen by cross-validation."""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.utils.validation import check_is_fitted

from analysis.suggest.base import SuggesterBase, check_texts, shorten


def parse_codes(y: Any) -> list[list[str]]:
    """Human codes per text: each item a list/tuple/set of code ids, or a ``;``-joined string.

    Raises:
        TypeError: ``y`` is a bare string.
    """
    if isinstance(y, str):
        raise TypeError("y must be a list with one entry of codes per text, not a single string")
    out = []
    for item in y:
        if item is None or (isinstance(item, float) and np.isnan(item)):
            out.append([])
        elif isinstance(item, str):
            out.append([c.strip() for c in item.split(";") if c.strip()])
        else:
            out.append([str(c).strip() for c in item if str(c).strip()])
    return out


class ClassifierSuggester(SuggesterBase):
    """One-vs-rest logistic regression on word and character TF-IDF features.

    Args:
        codebook: Optional codebook; when given, only its active codes are learned.
        embedder: Optional inductive embedder whose vectors are appended to the features.
        C: Inverse regularisation strength.
        threshold: One threshold for every code; ``None`` picks each code's threshold by
            ``cv``-fold cross-validation on the training texts (maximising F1).
        cv: Folds for the per-code thresholds.
        min_examples: Codes with fewer training texts are not learned (listed in
            ``skipped_codes_``).
        seed: Seed for the folds and the solver.
    """

    name = "classifier.v1"
    default_threshold = 0.5

    def __init__(self, *, codebook: Any = None, embedder: Any = None, C: float = 4.0,
                 threshold: float | None = None, cv: int = 3, min_examples: int = 3,
                 seed: int = 13) -> None:
        self.codebook = codebook
        self.embedder = embedder
        self.C = C
        self.threshold = threshold
        self.cv = cv
        self.min_examples = min_examples
        self.seed = seed

    def fit(self, X: Any, y: Any) -> ClassifierSuggester:
        """Learn from texts ``X`` and their human codes ``y``.

        Raises:
            TypeError: ``X`` or ``y`` is a bare string.
            ValueError: Lengths differ, bad parameters, or no code has ``min_examples`` texts.
        """
        texts = check_texts(X)
        codes = parse_codes(y)
        if len(texts) != len(codes):
            raise ValueError("X and y must have the same length; "
                             f"got {len(texts)} and {len(codes)}")
        self._threshold()
        if not isinstance(self.C, (int, float)) or self.C <= 0:
            raise ValueError(f"C must be a positive number; got {self.C!r}")
        if not isinstance(self.cv, int) or self.cv < 2:
            raise ValueError(f"cv must be an integer >= 2; got {self.cv!r}")
        allowed = None
        if self.codebook is not None:
            self._check_codebook()
            allowed = [c.id for c in self.codebook.active_codes]
        seen = sorted({c for cs in codes for c in cs})
        order = allowed if allowed is not None else seen
        counts = {c: sum(c in cs for cs in codes) for c in order}
        keep = [c for c in order if counts[c] >= self.min_examples and counts[c] < len(texts)]
        self.skipped_codes_ = [c for c in order if c not in keep]
        if not keep:
            raise ValueError(f"no code has at least {self.min_examples} training texts")
        self.classes_ = np.array(keep, dtype=object)
        Y = np.array([[c in cs for c in keep] for cs in codes], dtype=np.int64)
        self.features_ = self._make_features().fit(texts)
        F = self._transform(texts)
        self.models_ = [self._model().fit(F, Y[:, j]) for j in range(len(keep))]
        self.thresholds_ = (np.full(len(keep), self._threshold()) if self.threshold is not None
                            else self._cv_thresholds(texts, Y))
        return self

    # ------------------------------------------------------------ internals
    def _make_features(self) -> Any:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.pipeline import FeatureUnion

        return FeatureUnion([
            ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)),
            ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True,
                                      min_df=2, max_features=50000)),
        ])

    def _model(self) -> Any:
        from sklearn.linear_model import LogisticRegression

        return LogisticRegression(C=self.C, class_weight="balanced", max_iter=2000,
                                  random_state=self.seed)

    def _transform(self, texts: list[str], features: Any = None) -> Any:
        from scipy import sparse

        F = (features or self.features_).transform(texts)
        if self.embedder is not None and not getattr(self.embedder, "transductive", False):
            F = sparse.hstack([F, sparse.csr_matrix(self.embedder.encode(texts))]).tocsr()
        return F

    def _cv_thresholds(self, texts: list[str], Y: np.ndarray) -> np.ndarray:
        from sklearn.model_selection import KFold

        oof = np.zeros(Y.shape, dtype=np.float64)
        folds = KFold(n_splits=min(self.cv, len(texts)), shuffle=True, random_state=self.seed)
        arr = np.array(texts, dtype=object)
        for tr, te in folds.split(arr):
            feats = self._make_features().fit(arr[tr].tolist())
            Ftr = self._transform(arr[tr].tolist(), feats)
            Fte = self._transform(arr[te].tolist(), feats)
            for j in range(Y.shape[1]):
                if Y[tr, j].min() == Y[tr, j].max():
                    oof[te, j] = float(Y[tr, j].max())
                    continue
                oof[te, j] = self._model().fit(Ftr, Y[tr, j]).predict_proba(Fte)[:, 1]
        grid = np.round(np.arange(0.2, 0.96, 0.05), 2)
        best = np.full(Y.shape[1], self.default_threshold)
        for j in range(Y.shape[1]):
            f1s = [_f1(Y[:, j], oof[:, j] >= t) for t in grid]
            best[j] = grid[int(np.argmax(f1s))]
        return best

    # ------------------------------------------------------------ public
    def predict_proba(self, X: Any) -> np.ndarray:
        """Probability per learned code, shape ``(n, len(classes_))``."""
        check_is_fitted(self)
        texts = check_texts(X)
        if not texts:
            return np.zeros((0, len(self.classes_)))
        F = self._transform(texts)
        return np.stack([m.predict_proba(F)[:, 1] for m in self.models_], axis=1)

    def predict(self, X: Any) -> np.ndarray:
        """0/1 matrix using each code's threshold (``thresholds_``)."""
        return (self.predict_proba(X) >= self.thresholds_).astype(np.int64)

    def explain(self, X: Any) -> list[dict[str, str]]:
        """Per text, ``{code_id: "words: a; b"}``: the text's own words that pushed the score up."""
        check_is_fitted(self)
        texts = check_texts(X)
        words_vec = self.features_.transformer_list[0][1]
        vocab = np.array(words_vec.get_feature_names_out())
        W = words_vec.transform(texts)
        proba = self.predict_proba(texts)
        out = []
        for i in range(len(texts)):
            row = W[i]
            entry = {}
            for j, cid in enumerate(self.classes_):
                if proba[i, j] < self.thresholds_[j]:
                    continue
                coef = self.models_[j].coef_[0, : len(vocab)]
                contrib = row.toarray()[0] * coef
                top = [vocab[k] for k in np.argsort(-contrib)[:3] if contrib[k] > 0]
                entry[str(cid)] = shorten("words: " + "; ".join(top)) if top else "words: (none)"
            out.append(entry)
        return out


def _f1(y: np.ndarray, p: np.ndarray) -> float:
    tp = float(np.sum((y == 1) & p))
    fp = float(np.sum((y == 0) & p))
    fn = float(np.sum((y == 1) & ~p))
    return 0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn)
