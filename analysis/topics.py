"""Emergent themes: BERTopic tamed for survey-sized corpora (the only module importing bertopic).

Decisions (measured; see the topic-modelling reference notes):

* Non-answers ("n/a", "nothing", "don't know", blank or punctuation-only) are set aside and
  counted first; left in, they form one giant topic.
* Embeddings come from the injected embedder and are reduced here (not at all below 100
  texts, where KMeans on the full unit vectors works best; seeded UMAP above). BERTopic
  receives the reduced vectors, a pass-through reducer, our cluster labels and an embedding
  backend that refuses to embed, so it never loads or downloads a model; it only builds the
  c-TF-IDF topic words.
* Below 300 texts (or when ``n_topics`` is given) the clusterer is KMeans with k chosen by
  silhouette over a small range; above, HDBSCAN with ``min_cluster_size = max(5, n // 100)``,
  whose outliers are then moved to the nearest topic; more than ``max_topics`` (25) topics
  are merged by Ward linkage on their centroids.
* A fit with no topics, or with one topic holding more than half the texts, is a failed fit:
  it is retried with the fallback (KMeans with ``k = clip(n / 20, 5, 30)``) and reported.
* A large corpus (more than ``sample_size`` answers, 20,000 by default) is fitted on a seeded
  random sample; every other answer is then assigned to the topic whose centroid (mean unit
  embedding of its sampled answers) is nearest in cosine. Topic sizes and representative
  answers count every answer; the 2-D map holds the sampled answers only. UMAP and HDBSCAN are
  what grow with the corpus, so this keeps the fit's time and memory flat; the stability of a
  sampled fit against a full one is measured by ``benchmarks/bench_scale.py --stability``.
* Everything random is seeded: the same texts, ids and seed give the same topics. UMAP uses
  ``init="pca"`` and the euclidean metric on unit vectors (same neighbours as cosine): with
  spectral init, seeded runs on 1,000 texts still differed from run to run (measured).
* From 4,096 texts UMAP would switch to approximate neighbours (pynndescent), whose numba
  compilation alone took ~25 s per run on the development machine; the exact neighbours are
  computed here instead, in blocks (11.8 s on one core for 20,000 texts, and exact), and given to
  UMAP as ``precomputed_knn``. Below 4,096 texts UMAP computes exact neighbours itself.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from analysis.embed import Embedder

TOPIC_COLUMNS = ("topic_id", "label", "size", "top_words", "representative_ids", "best_code_id",
                 "best_code_similarity", "candidate_new_code")
NON_ANSWERS = frozenset({
    "n/a", "na", "n.a", "none", "nothing", "nil", "no", "nope", "not applicable", "don't know",
    "dont know", "do not know", "dunno", "not sure", "unsure", "no comment", "no comments",
    "nothing to add", "nothing else", "nothing really", "none really", "no answer", "pass",
    "not really", "idk", "nothing to say", "prefer not to say", "-", "?", "same", "as above",
})
# Contraction stubs left by the default tokenizer ("didn't" -> "didn") and filler words that
# otherwise top survey topics' word lists.
_EXTRA_STOP_WORDS = ("didn", "couldn", "don", "doesn", "wasn", "isn", "won", "wouldn", "shouldn",
                     "aren", "haven", "hasn", "weren", "ve", "ll", "re", "just", "really", "got",
                     "get", "lot", "thing", "things", "bit")
_PUNCT_ONLY = re.compile(r"^[\W_]*$")
_SMALL_N = 300
_RAW_BELOW = 100
#: From this many texts UMAP would use approximate neighbours; exact ones are given instead.
_UMAP_EXACT_BELOW = 4096
_MIN_TEXTS = 6
MINILM_NEW_CODE_THRESHOLD = 0.5
"""Topic-centroid to code cosine below which a topic is a candidate new code (MiniLM).
Measured on the demo (1,135 answers, 25 topics): topics about coded themes scored 0.50 to 0.82;
the planted theme the codebook lacks (online chat and apps) scored 0.48. Centroids score higher
than single answers (median best answer-to-code similarity 0.31), hence above the 0.3-0.4
advised for single answers."""


def is_non_answer(text: Any) -> bool:
    """True for blank, punctuation-only and stock non-answers such as "n/a" or "don't know"."""
    if text is None or (isinstance(text, float) and np.isnan(text)):
        return True
    t = str(text).strip().lower().replace("\u2019", "'")
    if _PUNCT_ONLY.match(t):
        return True
    t = re.sub(r"[\s.!,;:]+$", "", t)
    t = re.sub(r"\s+", " ", t)
    return t in NON_ANSWERS


@dataclass
class TopicsResult:
    """A fitted topic model, as plain tables.

    Attributes:
        topics: One row per topic: :data:`TOPIC_COLUMNS` (``best_code_*`` filled by
            :func:`map_topics_to_codes`).
        assignments: ``id``, ``topic_id`` for every text that was not a non-answer (empty
            when too few texts were left to fit topics).
        coords: ``id``, ``x``, ``y``: a seeded 2-D map of the same texts.
        n_non_answers: Texts set aside before fitting.
        fallback_used: True when the first fit failed and the fallback clusterer was used.
        warnings: Plain-language notes (no text from the answers).
        method: Which reducer and clusterer produced the topics, e.g. ``"umap+hdbscan"``.
        documents: The fitted texts, aligned with ``assignments`` (in memory only).
        centroids: ``topic_id -> unit mean embedding`` in the embedder's space.
        embedder_name: Name of the embedder that made ``centroids``.
    """

    topics: pd.DataFrame
    assignments: pd.DataFrame
    coords: pd.DataFrame
    n_non_answers: int = 0
    fallback_used: bool = False
    warnings: list[str] = field(default_factory=list)
    method: str = ""
    documents: list[str] = field(default_factory=list, repr=False)
    centroids: dict[int, np.ndarray] = field(default_factory=dict, repr=False)
    embedder_name: str = ""

    @property
    def status(self) -> str:
        """``"ok"``, ``"too few answers"`` (nothing fitted; see ``warnings`` for why) or
        ``"weak"`` (topics returned, but the fit failed a check; read them with care)."""
        if self.method == "none":
            return "too few answers"
        if any("weak" in w for w in self.warnings):
            return "weak"
        return "ok"


def _empty_topics() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in TOPIC_COLUMNS})


class TopicModel:
    """Seeded BERTopic for survey answers.

    Args:
        embedder: An :class:`analysis.embed.Embedder` (MiniLM, TF-IDF + SVD, or cached).
        seed: Seed for UMAP, PCA and KMeans.
        n_topics: Force this many topics (KMeans); ``None`` chooses.
        min_topic_size: HDBSCAN ``min_cluster_size`` for large corpora; ``None`` sizes it as
            ``max(5, n // 100)``.
        top_n_words: Words kept per topic.
        max_topics: When HDBSCAN finds more topics than this, the closest ones are merged
            (Ward linkage on topic centroids in the reduced space) down to this many; a JSNA
            reader cannot use 50 topics. Measured on 2,000 NHS comments with MiniLM, this kept
            NMI with human codes at 0.27 where BERTopic's c-TF-IDF merge dropped it.
        sample_size: Above this many answers (after non-answers are set aside) the model is
            fitted on a seeded random sample of this size and the other answers are assigned
            to the nearest topic centroid; ``None`` always fits every answer.
    """

    def __init__(self, *, embedder: Embedder, seed: int = 13, n_topics: int | None = None,
                 min_topic_size: int | None = None, top_n_words: int = 10,
                 max_topics: int = 25, sample_size: int | None = 20_000) -> None:
        self.embedder = embedder
        self.seed = seed
        self.n_topics = n_topics
        self.min_topic_size = min_topic_size
        self.top_n_words = top_n_words
        self.max_topics = max_topics
        self.sample_size = sample_size

    # ------------------------------------------------------------------ public
    def fit(self, texts: list[str], ids: list[str]) -> TopicsResult:
        """Fit topics to ``texts`` (ids give the assignments their keys).

        Raises:
            TypeError: ``texts`` is a bare string.
            ValueError: ``texts`` and ``ids`` differ in length, ids repeat, or bad settings.
        """
        if isinstance(texts, str):
            raise TypeError("texts must be a list of strings, not a single string")
        texts, ids = list(texts), list(ids)
        if len(texts) != len(ids):
            raise ValueError("texts and ids must have the same length; "
                             f"got {len(texts)} and {len(ids)}")
        if len(set(ids)) != len(ids):
            raise ValueError("ids must be unique")
        self._check_params()
        keep = [i for i, t in enumerate(texts) if not is_non_answer(t)]
        n_non = len(texts) - len(keep)
        docs = [str(texts[i]) for i in keep]
        kept_ids = [ids[i] for i in keep]
        notes: list[str] = []
        if len(docs) < _MIN_TEXTS:
            notes.append(f"Only {len(docs)} answers after removing non-answers; at least "
                         f"{_MIN_TEXTS} are needed for topics, so none were fitted.")
            empty = pd.DataFrame({"id": pd.Series(dtype="object"),
                                  "topic_id": pd.Series(dtype="int64")})
            return TopicsResult(_empty_topics(), empty,
                                pd.DataFrame(columns=["id", "x", "y"]), n_non, False, notes,
                                "none", docs, {}, getattr(self.embedder, "name", ""))
        emb = np.asarray(self.embedder.encode(docs), dtype=np.float32)
        n_all = len(docs)
        sample = self._sample(n_all)
        fit_emb = emb if sample is None else emb[sample]
        fit_docs = docs if sample is None else [docs[i] for i in sample]
        topics, fit_final, reduced, method, fallback, fit_notes = self._fit_core(fit_docs,
                                                                                fit_emb)
        notes.extend(fit_notes)
        tids = sorted(set(fit_final.tolist()))
        centroids = {t: _unit(fit_emb[fit_final == t].mean(axis=0)) for t in tids}
        if sample is None:
            final = fit_final
            coords = self._coords(reduced, kept_ids)
        else:
            final = _nearest_topic(emb, centroids)
            final[sample] = fit_final
            coords = self._coords(reduced, [kept_ids[i] for i in sample])
            method += f", fitted on a seeded sample of {len(sample)}"
            notes.append(f"Topics were fitted on a seeded random sample of {len(sample):,} of "
                         f"{n_all:,} answers; the other answers were assigned to the nearest "
                         "topic (cosine to topic centroids). The topic map shows the sample.")
            counts = np.bincount(final, minlength=max(tids) + 1)
            topics["size"] = [int(counts[t]) for t in topics["topic_id"]]
        topics["representative_ids"] = [
            _representatives(emb, final, t, centroids[t], kept_ids) for t in topics["topic_id"]]
        return TopicsResult(topics=topics[list(TOPIC_COLUMNS)].reset_index(drop=True),
                            assignments=pd.DataFrame({"id": kept_ids,
                                                      "topic_id": final.astype(int)}),
                            coords=coords, n_non_answers=n_non, fallback_used=fallback,
                            warnings=notes, method=method, documents=docs, centroids=centroids,
                            embedder_name=getattr(self.embedder, "name", ""))

    def _sample(self, n: int) -> np.ndarray | None:
        """Sorted indices of the seeded fitting sample, or None to fit every answer."""
        if self.sample_size is None or n <= self.sample_size:
            return None
        rng = np.random.default_rng(self.seed)
        return np.sort(rng.choice(n, size=self.sample_size, replace=False))

    def _fit_core(self, docs: list[str], emb: np.ndarray
                  ) -> tuple[pd.DataFrame, np.ndarray, np.ndarray, str, bool, list[str]]:
        """Reduce, cluster (with the fallback and merging rules) and name the topics.

        Returns:
            Topics table, final labels, reduced vectors, method, fallback flag, notes.
        """
        notes: list[str] = []
        reduced, reducer_name = self._reduce(emb)
        n = len(docs)
        fallback = False
        if self.n_topics is not None or n < _SMALL_N:
            k = self._choose_k(reduced)
            labels, method = self._kmeans(reduced, k), f"{reducer_name}+kmeans(k={k})"
        else:
            labels, method = self._hdbscan(reduced), f"{reducer_name}+hdbscan"
        problem = _failed(labels)
        if problem and self.n_topics is not None:
            notes.append(f"The topic fit is weak ({problem}) with the requested {self.n_topics} "
                         "topics; read topics with care.")
        elif problem:
            k = _fallback_k(n)
            notes.append(f"The first topic fit failed ({problem}); refitted with KMeans (k={k}).")
            labels, fallback = self._kmeans(reduced, k), True
            method = f"{reducer_name}+kmeans(k={k})"
            problem = _failed(labels)
            if problem:
                notes.append(f"The fallback fit is also weak ({problem}); read topics with care.")
        n_found = len(set(labels.tolist()))
        if self.n_topics is None and n_found > self.max_topics:
            labels = _merge_topics(reduced, labels, self.max_topics)
            method += f", {n_found} topics merged to {self.max_topics}"
        topics, final = self._bertopic(docs, reduced, labels)
        return topics, final, reduced, method, fallback, notes

    # ------------------------------------------------------------------ steps
    def _check_params(self) -> None:
        if self.embedder is None or not hasattr(self.embedder, "encode"):
            raise ValueError("embedder must have an encode(texts) method")
        for name in ("n_topics", "min_topic_size", "max_topics", "sample_size"):
            v = getattr(self, name)
            if v is not None and (not isinstance(v, int) or isinstance(v, bool) or v < 2):
                raise ValueError(f"{name} must be an integer >= 2 or None; got {v!r}")
        if not isinstance(self.seed, int):
            raise ValueError(f"seed must be an integer; got {self.seed!r}")

    def _reduce(self, emb: np.ndarray) -> tuple[np.ndarray, str]:
        n = emb.shape[0]
        if n < _RAW_BELOW:
            # Tiny corpora: cluster the unit embeddings themselves (measured: a 5-d PCA merges
            # themes that KMeans separates cleanly in the full space; n is small, so it is cheap).
            return emb, "full"
        from umap import UMAP

        k = min(10, n - 1)
        knn = exact_knn(emb, k) if n >= _UMAP_EXACT_BELOW else (None, None, None)
        umap = UMAP(n_neighbors=k, n_components=5, min_dist=0.0, metric="euclidean",
                    random_state=self.seed, init="pca", n_jobs=1, precomputed_knn=knn)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return umap.fit_transform(emb), "umap"

    def _choose_k(self, reduced: np.ndarray) -> int:
        n = reduced.shape[0]
        if self.n_topics is not None:
            return min(self.n_topics, n - 1)
        from sklearn.metrics import silhouette_score

        lo = 2 if n < 30 else 3
        hi = int(np.clip(round(n / 10), lo + 1, 15))
        hi = min(hi, n - 1)
        best_k, best_s = lo, -np.inf
        for k in range(lo, hi + 1):
            labels = self._kmeans(reduced, k)
            if _failed(labels):  # one topic over half the answers: never the best choice
                continue
            s = silhouette_score(reduced, labels, random_state=self.seed)
            if s > best_s + 1e-9:
                best_k, best_s = k, s
        return best_k

    def _kmeans(self, reduced: np.ndarray, k: int) -> np.ndarray:
        from sklearn.cluster import KMeans

        return KMeans(n_clusters=k, random_state=self.seed, n_init=10).fit_predict(reduced)

    def _hdbscan(self, reduced: np.ndarray) -> np.ndarray:
        from hdbscan import HDBSCAN

        size = self.min_topic_size or max(5, reduced.shape[0] // 100)
        labels = HDBSCAN(min_cluster_size=size, min_samples=2).fit_predict(reduced)
        return _assign_outliers(reduced, labels)

    def _bertopic(self, docs: list[str], reduced: np.ndarray,
                  labels: np.ndarray) -> tuple[pd.DataFrame, np.ndarray]:
        from bertopic import BERTopic
        from bertopic.backend import BaseEmbedder
        from bertopic.dimensionality import BaseDimensionalityReduction
        from sklearn.feature_extraction.text import CountVectorizer

        class _FixedLabels:
            """A clusterer that returns the labels we already chose (BERTopic reads labels_)."""

            def fit(self, X: np.ndarray, y: Any = None) -> _FixedLabels:
                self.labels_ = labels
                return self

        class _NoEmbedding(BaseEmbedder):
            """Refuses to embed, so BERTopic can never load or download a model."""

            def embed(self, documents: list[str], verbose: bool = False) -> np.ndarray:
                raise RuntimeError("TopicModel passes precomputed embeddings to BERTopic")

        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        min_df = 1 if len(docs) < 1000 else 2
        stop = sorted(ENGLISH_STOP_WORDS.union(_EXTRA_STOP_WORDS))
        vec = CountVectorizer(stop_words=stop, ngram_range=(1, 2), min_df=min_df)
        model = BERTopic(embedding_model=_NoEmbedding(), umap_model=BaseDimensionalityReduction(),
                         hdbscan_model=_FixedLabels(), vectorizer_model=vec,
                         top_n_words=self.top_n_words, calculate_probabilities=False,
                         verbose=False)
        try:
            model.fit(docs, embeddings=reduced)
        except ValueError:  # e.g. empty vocabulary (only stop words): keep clusters, no words
            model = None
        final = np.asarray(model.topics_ if model is not None else labels, dtype=int)
        rows = []
        for t in sorted(set(final.tolist())):
            words = [w for w, _ in (model.get_topic(t) or [])] if model is not None else []
            words = [w for w in words if w][: self.top_n_words]
            rows.append({"topic_id": int(t), "label": ", ".join(words[:4]) or f"topic {t}",
                         "size": int((final == t).sum()), "top_words": words,
                         "representative_ids": [], "best_code_id": None,
                         "best_code_similarity": np.nan, "candidate_new_code": False})
        topics = pd.DataFrame(rows, columns=list(TOPIC_COLUMNS))
        return topics, final

    def _coords(self, reduced: np.ndarray, ids: list[str]) -> pd.DataFrame:
        from sklearn.decomposition import PCA

        xy = PCA(n_components=2, random_state=self.seed).fit_transform(reduced)
        return pd.DataFrame({"id": ids, "x": xy[:, 0].astype(float), "y": xy[:, 1].astype(float)})


def _fallback_k(n: int) -> int:
    """KMeans k for the fallback fit: ``clip(n / 20, 5, 30)``, at most a third of the texts."""
    return int(max(2, min(np.clip(round(n / 20), 5, 30), n // 3)))


def _failed(labels: np.ndarray) -> str:
    real = labels[labels >= 0]
    if len(real) == 0 or len(set(real.tolist())) == 0:
        return "no topics"
    largest = np.bincount(real).max() / len(labels)
    if len(set(real.tolist())) == 1 or largest > 0.5:
        return f"one topic holds {largest:.0%} of answers"
    return ""


def _merge_topics(reduced: np.ndarray, labels: np.ndarray, k: int) -> np.ndarray:
    """Merge topics to ``k`` by Ward linkage on their centroids (deterministic)."""
    from sklearn.cluster import AgglomerativeClustering

    topics = sorted(set(labels.tolist()))
    cents = np.stack([reduced[labels == t].mean(axis=0) for t in topics])
    merged = AgglomerativeClustering(n_clusters=k, linkage="ward").fit_predict(cents)
    lookup = dict(zip(topics, merged.tolist(), strict=True))
    return np.array([lookup[t] for t in labels.tolist()], dtype=int)


def _assign_outliers(reduced: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Move HDBSCAN outliers (-1) to the topic with the nearest centroid."""
    labels = labels.copy()
    topics = sorted(set(labels.tolist()) - {-1})
    if not topics or (labels >= 0).all():
        return labels
    cents = np.stack([reduced[labels == t].mean(axis=0) for t in topics])
    out = np.nonzero(labels < 0)[0]
    d = ((reduced[out, None, :] - cents[None, :, :]) ** 2).sum(axis=2)
    labels[out] = np.array(topics)[d.argmin(axis=1)]
    return labels


def _nearest_topic(emb: np.ndarray, centroids: dict[int, np.ndarray],
                   batch: int = 8192) -> np.ndarray:
    """For each unit row of ``emb``, the topic whose centroid is nearest in cosine (ties: the
    lowest topic id), computed in batches so memory stays bounded."""
    tids = np.array(sorted(centroids))
    cents = np.stack([centroids[t] for t in tids])
    out = np.empty(emb.shape[0], dtype=int)
    for i in range(0, emb.shape[0], batch):
        out[i:i + batch] = tids[(emb[i:i + batch] @ cents.T).argmax(axis=1)]
    return out


def _unit(v: np.ndarray) -> np.ndarray:
    n = float(np.linalg.norm(v))
    return (v / n if n > 0 else v).astype(np.float32)


def _representatives(emb: np.ndarray, final: np.ndarray, topic: int, centroid: np.ndarray,
                     ids: list[str], k: int = 5) -> list[str]:
    idx = np.nonzero(final == topic)[0]
    sims = emb[idx] @ centroid
    order = idx[np.lexsort((idx, -sims))][:k]
    return [ids[i] for i in order]


def map_topics_to_codes(result: TopicsResult, codebook: Any, *, embedder: Embedder,
                        new_code_threshold: float | None = None,
                        coded: pd.DataFrame | None = None,
                        min_coded_share: float = 0.3) -> TopicsResult:
    """Fill ``best_code_id``, ``best_code_similarity`` and ``candidate_new_code``.

    Each active code is embedded from its label and definition, each example and its keywords
    (averaged); each topic is its centroid. With ``coded`` (answers already coded: ``id``,
    ``code_id``, e.g. from :func:`answer_codes`), each topic also gets ``coded_share_code_id``
    and ``coded_share``: the code carried by the largest share of its answers. A topic maps to
    that code when the share reaches ``min_coded_share``; otherwise to the code closest in
    meaning. ``candidate_new_code`` marks topics whose best cosine similarity is below
    ``new_code_threshold`` (default :data:`MINILM_NEW_CODE_THRESHOLD` for MiniLM, 0.2 for a
    transductive TF-IDF embedder) and whose answers are not already coded (share under
    ``min_coded_share``).

    Returns:
        A new :class:`TopicsResult` (the input is not changed).
    """
    from dataclasses import replace

    topics = result.topics.copy()
    codes = list(codebook.active_codes)
    if topics.empty or not codes:
        return replace(result, topics=topics)
    transductive = bool(getattr(embedder, "transductive", False))
    threshold = (new_code_threshold if new_code_threshold is not None
                 else (0.2 if transductive else MINILM_NEW_CODE_THRESHOLD))
    pieces, owner = [], []
    for j, c in enumerate(codes):
        for p in (". ".join(x for x in (c.label, c.definition) if x), *c.examples,
                  ", ".join(c.keywords)):
            if p.strip():
                pieces.append(p)
                owner.append(j)
    owner_arr = np.array(owner)
    tids = [int(t) for t in topics["topic_id"]]
    same_space = bool(result.centroids) and result.embedder_name == getattr(embedder, "name", "")
    if transductive or not same_space:
        vecs = np.asarray(embedder.encode(result.documents + pieces), dtype=np.float32)
        doc_vecs, piece_vecs = vecs[: len(result.documents)], vecs[len(result.documents):]
        assigned = result.assignments["topic_id"].to_numpy()
        cents = np.stack([_unit(doc_vecs[assigned == t].mean(axis=0)) for t in tids])
    else:
        piece_vecs = np.asarray(embedder.encode(pieces), dtype=np.float32)
        cents = np.stack([result.centroids[t] for t in tids])
    code_vecs = np.stack([_unit(piece_vecs[owner_arr == j].mean(axis=0))
                          for j in range(len(codes))])
    sims = cents @ code_vecs.T
    best = sims.argmax(axis=1)
    topics["best_code_id"] = [codes[j].id for j in best]
    topics["best_code_similarity"] = [round(float(sims[i, j]), 4) for i, j in enumerate(best)]
    topics["candidate_new_code"] = [bool(sims[i, j] < threshold) for i, j in enumerate(best)]
    if coded is not None:
        share_code, share = _coded_shares(result.assignments, coded, tids)
        topics["coded_share_code_id"] = share_code
        topics["coded_share"] = share
        for i, (c, sh) in enumerate(zip(share_code, share)):
            if c is not None and sh >= min_coded_share:
                topics.at[topics.index[i], "best_code_id"] = c
                topics.at[topics.index[i], "candidate_new_code"] = False
    return replace(result, topics=topics)


def _coded_shares(assignments: pd.DataFrame, coded: pd.DataFrame,
                  tids: list[int]) -> tuple[list[str | None], list[float]]:
    """Per topic: the code on the largest share of its answers, and that share."""
    a = assignments.astype({"id": str})
    c = coded[["id", "code_id"]].astype(str).drop_duplicates()
    m = a.merge(c, on="id")
    sizes = a.groupby("topic_id").size()
    codes_out, shares = [], []
    for t in tids:
        counts = m.loc[m["topic_id"] == t, "code_id"].value_counts()
        if counts.empty or not sizes.get(t):
            codes_out.append(None)
            shares.append(0.0)
            continue
        top = counts[counts == counts.max()].index.min()  # ties: first code id, stable
        codes_out.append(str(top))
        shares.append(round(float(counts.max()) / float(sizes[t]), 4))
    return codes_out, shares


def answer_codes(codings: pd.DataFrame, segments: pd.DataFrame) -> pd.DataFrame:
    """``id`` (answer id), ``code_id``: answers with at least one counted coding of the code
    (accepted codings, or unreviewed suggestions before anyone has reviewed)."""
    from analysis.report.data import effective_codings

    pairs, _ = effective_codings(codings)
    seg = segments[["segment_id", "answer_id"]].astype(str)
    m = pairs.merge(seg, on="segment_id")
    return (m.rename(columns={"answer_id": "id"})[["id", "code_id"]].drop_duplicates()
            .reset_index(drop=True))


def fit_subset(answers: pd.DataFrame, responses: pd.DataFrame, *, embedder: Embedder,
               cohort: str | None = None, question_id: str | None = None, seed: int = 13,
               n_topics: int | None = None) -> TopicsResult:
    """Fit topics on one cohort's answers, one question's, or both (e.g. survivors' answers to
    "what would have helped").

    Args:
        answers: ``answer_id, response_id, question_id, text`` (anonymised).
        responses: ``response_id, cohort``.
        embedder: The embedder.
        cohort: Keep only this cohort (``None``: all).
        question_id: Keep only this question (``None``: all).
        seed: Seed.
        n_topics: Force this many topics.

    Returns:
        The fit; its ``warnings`` start with which subset it is, and its ``status`` says
        ``"too few answers"`` (with the reason) when the subset is too small to fit.
    """
    a = answers
    if question_id is not None:
        a = a[a["question_id"] == question_id]
    if cohort is not None:
        ids = set(responses.loc[responses["cohort"] == cohort, "response_id"])
        a = a[a["response_id"].isin(ids)]
    result = TopicModel(embedder=embedder, seed=seed, n_topics=n_topics).fit(
        a["text"].tolist(), a["answer_id"].astype(str).tolist())
    what = ", ".join(x for x in (f"cohort {cohort}" if cohort else "",
                                 f"question {question_id}" if question_id else "") if x)
    result.warnings.insert(0, f"Subset: {what or 'all answers'} ({len(a)} answers).")
    return result


def fit_by(answers: pd.DataFrame, responses: pd.DataFrame, *, embedder: Embedder,
           by: tuple[str, ...] = ("cohort",), seed: int = 13,
           min_answers: int = 20) -> dict[tuple[str, ...], TopicsResult]:
    """One fit per cohort, per question, or per (cohort, question).

    Args:
        answers: As for :func:`fit_subset`.
        responses: As for :func:`fit_subset`.
        embedder: The embedder (a cached one avoids re-embedding the same answers).
        by: Any of ``"cohort"`` and ``"question_id"``, in that order.
        seed: Seed.
        min_answers: Subsets with fewer answers (before removing non-answers) are skipped.

    Returns:
        ``key -> result`` where ``key`` holds the cohort and/or question id.

    Raises:
        ValueError: ``by`` is empty or names something else.
    """
    if not by or any(b not in ("cohort", "question_id") for b in by):
        raise ValueError(f"by must name 'cohort' and/or 'question_id'; got {by!r}")
    m = answers.merge(responses[["response_id", "cohort"]], on="response_id", how="left")
    out: dict[tuple[str, ...], TopicsResult] = {}
    for key, group in m.groupby(list(by), sort=True):
        key = key if isinstance(key, tuple) else (key,)
        if len(group) < min_answers:
            continue
        kw = dict(zip(by, map(str, key)))
        out[tuple(map(str, key))] = fit_subset(group, responses, embedder=embedder, seed=seed,
                                               **kw)
    return out


def exact_knn(emb: np.ndarray, k: int, *, block: int = 512) -> tuple[np.ndarray, np.ndarray]:
    """The ``k`` nearest rows of ``emb`` to each row (euclidean), each row itself first, as
    UMAP's ``precomputed_knn`` takes them: ``(indices, distances)``, nearest first.

    Computed in blocks of ``block`` rows, so memory is ``block`` x n, not n x n. Deterministic:
    the same rows give the same neighbours, listed by distance and then by row number.
    """
    x = np.ascontiguousarray(emb, dtype=np.float32)
    n = x.shape[0]
    if not 1 <= k <= n:
        raise ValueError(f"k must be between 1 and the number of rows ({n}); got {k}")
    sq = np.einsum("ij,ij->i", x, x)
    indices = np.empty((n, k), dtype=np.int64)
    dists = np.empty((n, k), dtype=np.float32)
    for a in range(0, n, block):
        b = min(a + block, n)
        d2 = x[a:b] @ x.T  # in place from here: one block-sized array
        d2 *= -2.0
        d2 += sq[a:b, None]
        d2 += sq[None, :]
        np.maximum(d2, 0.0, out=d2)
        rows = np.arange(b - a)
        d2[rows, rows + a] = -1.0  # each row is its own first neighbour
        part = np.argpartition(d2, k - 1, axis=1)[:, :k]
        pd2 = np.take_along_axis(d2, part, axis=1)
        order = np.lexsort((part, pd2), axis=1)  # by distance, then by row number
        indices[a:b] = np.take_along_axis(part, order, axis=1)
        dists[a:b] = np.sqrt(np.maximum(np.take_along_axis(pd2, order, axis=1), 0.0))
    return indices, dists
