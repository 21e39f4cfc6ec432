"""Embedding similarity between a text and each code's definition and examples."""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.utils.validation import check_is_fitted

from analysis.suggest.base import SuggesterBase, check_texts, shorten


class SimilaritySuggester(SuggesterBase):
    """Scores each code by the cosine similarity of the text to the code's prototype.

    A code's profile is one text for its label and definition, one per example, and one for
    its keywords; its prototype is the normalised mean of their embeddings. The score is the
    cosine similarity to the prototype, clipped to ``[0, 1]`` (not a calibrated probability).
    Measured on held-out NHS feedback (6 codes, MiniLM), the prototype scored micro-F1 0.50
    against 0.31 for the best single profile text. The evidence is the nearest profile text:
    an example (quoted), or "definition"/"keywords".

    Args:
        codebook: The codebook (only active codes are suggested).
        embedder: An :class:`analysis.embed.Embedder`. A transductive one (TF-IDF) is fitted
            on each batch together with the code profiles.
        threshold: Score at or above which :meth:`predict` says yes (default
            :attr:`default_threshold`, tuned for MiniLM).
        top_k: At most this many codes per text are kept by :meth:`predict` (``None``: all).
    """

    name = "similarity.v1"
    default_threshold = 0.5

    def __init__(self, *, codebook: Any = None, embedder: Any = None,
                 threshold: float | None = None, top_k: int | None = 3) -> None:
        self.codebook = codebook
        self.embedder = embedder
        self.threshold = threshold
        self.top_k = top_k

    def fit(self, X: Any = None, y: Any = None) -> SimilaritySuggester:
        """Build (and, for inductive embedders, embed) the code profiles.

        Raises:
            ValueError: Bad codebook, embedder, threshold or ``top_k``.
            TypeError: ``X`` is a bare string.
        """
        self._forget()
        if X is not None:
            check_texts(X)
        self._check_codebook()
        self._threshold()
        if self.embedder is None or not hasattr(self.embedder, "encode"):
            raise ValueError("embedder must have an encode(texts) method; got "
                             f"{type(self.embedder).__name__}")
        if self.top_k is not None and (not isinstance(self.top_k, int) or self.top_k < 1):
            raise ValueError(f"top_k must be a positive integer or None; got {self.top_k!r}")
        codes = self.codebook.active_codes
        self.classes_ = np.array([c.id for c in codes], dtype=object)
        texts, owners, kinds = [], [], []
        for j, c in enumerate(codes):
            head = ". ".join(p for p in (c.label, c.definition) if p.strip())
            texts.append(head)
            owners.append(j)
            kinds.append("definition")  # -> "nearest definition"
            for e in c.examples:
                texts.append(e)
                owners.append(j)
                kinds.append("example: " + e)
            if c.keywords:
                texts.append(", ".join(c.keywords))
                owners.append(j)
                kinds.append("keywords")
        self.profile_texts_ = texts
        self.profile_owner_ = np.array(owners, dtype=np.int64)
        self.profile_kind_ = kinds
        self.transductive_ = bool(getattr(self.embedder, "transductive", False))
        self.profile_vectors_ = None if self.transductive_ else self.embedder.encode(texts)
        return self

    def _similarities(self, X: Any) -> tuple[np.ndarray, np.ndarray]:
        """Cosine similarities to every profile text and to every code prototype."""
        check_is_fitted(self)
        return self._memo(check_texts(X), self._similarities_of)

    def _similarities_of(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        if not texts:
            return (np.zeros((0, len(self.profile_texts_)), dtype=np.float32),
                    np.zeros((0, len(self.classes_)), dtype=np.float32))
        if self.transductive_:
            vecs = self.embedder.encode(self.profile_texts_ + texts)
            prof, tv = vecs[: len(self.profile_texts_)], vecs[len(self.profile_texts_):]
        else:
            prof, tv = self.profile_vectors_, self.embedder.encode(texts)
        return tv @ prof.T, tv @ self._prototypes(prof).T

    def _prototypes(self, prof: np.ndarray) -> np.ndarray:
        protos = np.stack([prof[self.profile_owner_ == j].mean(axis=0)
                           for j in range(len(self.classes_))])
        norms = np.linalg.norm(protos, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return protos / norms

    def _best(self, sims: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per text and code: best similarity and the index of the profile text that gave it."""
        n, k = sims.shape[0], len(self.classes_)
        best = np.full((n, k), -np.inf)
        arg = np.zeros((n, k), dtype=np.int64)
        for p, j in enumerate(self.profile_owner_):
            better = sims[:, p] > best[:, j]
            best[better, j] = sims[better, p]
            arg[better, j] = p
        return best, arg

    def predict_proba(self, X: Any) -> np.ndarray:
        """Cosine similarity to each code's prototype, clipped to ``[0, 1]``; ``(n, n_codes)``."""
        _, proto = self._similarities(X)
        return np.clip(proto, 0.0, 1.0).astype(np.float64)

    def predict(self, X: Any) -> np.ndarray:
        """0/1 matrix: scores at or above the threshold, keeping at most ``top_k`` per text."""
        proba = self.predict_proba(X)
        out = (proba >= self._threshold()).astype(np.int64)
        if self.top_k is not None and proba.shape[1] > self.top_k:
            keep = np.argsort(-proba, axis=1, kind="stable")[:, : self.top_k]
            mask = np.zeros_like(out)
            np.put_along_axis(mask, keep, 1, axis=1)
            out *= mask
        return out

    def explain(self, X: Any) -> list[dict[str, str]]:
        """Per text, ``{code_id: "cosine 0.52; nearest example: ..."}`` for every code.

        The evidence quotes only codebook text (an example), never another respondent's answer.
        """
        sims, proto = self._similarities(X)
        _, arg = self._best(sims)
        out = []
        for i in range(proto.shape[0]):
            row = {}
            for j, cid in enumerate(self.classes_):
                kind = self.profile_kind_[arg[i, j]]
                row[str(cid)] = shorten(f"cosine {proto[i, j]:.2f}; nearest {kind}")
            out.append(row)
        return out
