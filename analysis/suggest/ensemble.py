"""The ensemble suggester: a ranked list of codes per segment, thresholds per code chosen by
cross-validation on the human codes, and an active-learning order ("code these next").

Members:

* a linear classifier (one-vs-rest linear SVM, class-balanced) on word and character TF-IDF
  features, plus the embedder's vectors when an inductive embedder is given;
* optionally the codebook-driven rules and similarity suggesters (no training needed).

Each code gets a small logistic *stacker* fitted on out-of-fold member scores, so its output is a
calibrated probability; each code's threshold is the one that maximised F1 on those out-of-fold
probabilities. :meth:`EnsembleSuggester.predict` keeps codes at or above their threshold, at least
``min_codes`` and at most ``max_codes`` of them per text, taking them in rank order (probability
over threshold). With ``"auto"`` both bounds follow the training data: a single-label training
set gives exactly one code per text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from sklearn.utils.validation import check_is_fitted

from analysis.suggest.base import SuggesterBase, check_texts, shorten
from analysis.suggest.classifier import parse_codes

_GRID = np.round(np.arange(0.05, 0.96, 0.05), 2)


class EnsembleSuggester(SuggesterBase):
    """Ranks codes per text by stacking a TF-IDF classifier with rules and similarity scores.

    Args:
        codebook: Optional codebook: only its active codes are learned, and it enables the
            rules (with ``nlp``) and similarity (with ``embedder``) members.
        embedder: Optional embedder: its vectors join the classifier's features (inductive
            embedders only) and drive the similarity member.
        nlp: Optional spaCy pipeline for the rules member.
        C: Regularisation of the linear SVM (larger fits the training codes more closely).
            0.25 was chosen on the validation part of the split ``feedback-32-v1`` (see
            benchmarks/bench_suggest.py; MiniLM features on): micro/macro F1 0.577/0.462,
            against 0.567/0.449 at 0.5 and 0.559/0.439 at 1.0.
        cv: Folds for the out-of-fold scores behind the stackers and thresholds.
        min_examples: Codes with fewer training texts are not learned (listed in
            ``skipped_codes_``); with a codebook they are still scored by the rules and
            similarity members alone, against ``default_threshold``.
        min_codes: At least this many codes per text (``"auto"``: 1 when every training text
            has a code, else 0).
        max_codes: At most this many codes per text (``"auto"``: the most any training text
            has).
        prior_power: Codes are ranked by probability divided by ``prevalence ** prior_power``
            (0: by probability alone, favouring frequent codes; 1: fully prior-corrected).
            On the NHS feedback split 0.5 kept accuracy within a point of the best while
            raising balanced accuracy by 7-10 points (see benchmarks/bench_suggest.py).
        min_cv_f1: Codes whose cross-validated F1 is lower are not suggested on their own
            score (``thresholds_`` above 1; ``cv_f1_`` holds each code's F1).
        seed: Seed for the folds and the solver.
    """

    name = "ensemble.v1"
    default_threshold = 0.5

    def __init__(self, *, codebook: Any = None, embedder: Any = None, nlp: Any = None,
                 C: float = 0.25, cv: int = 3, min_examples: int = 2,
                 min_codes: int | str = "auto", max_codes: int | str = "auto",
                 prior_power: float = 0.5, min_cv_f1: float = 0.2, seed: int = 13) -> None:
        self.codebook = codebook
        self.embedder = embedder
        self.nlp = nlp
        self.C = C
        self.cv = cv
        self.min_examples = min_examples
        self.min_codes = min_codes
        self.max_codes = max_codes
        self.prior_power = prior_power
        self.min_cv_f1 = min_cv_f1
        self.seed = seed

    # ------------------------------------------------------------------ fit
    def fit(self, X: Any, y: Any) -> EnsembleSuggester:
        """Learn from texts ``X`` and their human codes ``y`` (lists or ``;``-joined strings).

        Raises:
            TypeError: ``X`` or ``y`` is a bare string.
            ValueError: Lengths differ, bad parameters, or nothing to learn.
        """
        self._forget()
        texts = check_texts(X)
        codes = parse_codes(y)
        if len(texts) != len(codes):
            raise ValueError("X and y must have the same length; "
                             f"got {len(texts)} and {len(codes)}")
        self._check_params()
        allowed = None
        if self.codebook is not None:
            self._check_codebook()
            allowed = [c.id for c in self.codebook.active_codes]
        order = allowed if allowed is not None else sorted({c for cs in codes for c in cs})
        counts = {c: sum(c in cs for cs in codes) for c in order}
        learn = [c for c in order if self.min_examples <= counts[c] < len(texts)]
        self.members_ = self._codebook_members()
        keep = order if self.members_ else learn
        self.skipped_codes_ = [c for c in order if c not in learn]
        if not keep or (not learn and not self.members_):
            raise ValueError(f"no code has at least {self.min_examples} training texts")
        self.classes_ = np.array(keep, dtype=object)
        self.learned_ = np.array([c in set(learn) for c in keep])
        Y = np.array([[c in cs for c in keep] for cs in codes], dtype=np.int64).reshape(
            len(texts), len(keep))
        n_coded = [len([c for c in cs if c in set(keep)]) for cs in codes]
        self.prior_ = np.maximum(Y.mean(axis=0), 1.0 / (len(texts) + 1))
        self.min_codes_ = (int(all(n > 0 for n in n_coded)) if self.min_codes == "auto"
                           else int(self.min_codes))
        self.max_codes_ = (max(max(n_coded, default=1), 1) if self.max_codes == "auto"
                           else int(self.max_codes))
        oof = self._oof_classifier_scores(texts, Y)
        member_scores = self._member_scores(texts)
        self.stackers_ = [self._fit_stacker(self._stack_row(oof, member_scores, j), Y[:, j])
                          if self.learned_[j] else None for j in range(len(keep))]
        proba = self._stacked(oof, member_scores)
        best = [_best_threshold(Y[:, j], proba[:, j]) if self.learned_[j]
                else (self.default_threshold, float("nan")) for j in range(len(keep))]
        self.cv_f1_ = np.array([f for _, f in best])
        # A code whose cross-validated F1 stays under min_cv_f1 is never suggested on its own
        # score (it can still fill a min_codes slot): its suggestions would not be trusted.
        self.thresholds_ = np.array([1.01 if f == f and f < self.min_cv_f1 else t
                                     for t, f in best])
        if self.learned_.any() and not self.learned_.all():
            # Codes with no training texts are ranked as if they had a typical prevalence.
            self.prior_[~self.learned_] = float(np.median(self.prior_[self.learned_]))
        self.cv_scores_ = proba
        self.features_, self.models_ = self._fit_classifier(texts, Y)
        return self

    def _check_params(self) -> None:
        if not isinstance(self.C, (int, float)) or isinstance(self.C, bool) or self.C <= 0:
            raise ValueError(f"C must be a positive number; got {self.C!r}")
        if not isinstance(self.cv, int) or self.cv < 2:
            raise ValueError(f"cv must be an integer >= 2; got {self.cv!r}")
        if not isinstance(self.min_cv_f1, (int, float)) or not 0 <= self.min_cv_f1 <= 1:
            raise ValueError(f"min_cv_f1 must be a number in [0, 1]; got {self.min_cv_f1!r}")
        if not isinstance(self.prior_power, (int, float)) or not 0 <= self.prior_power <= 1:
            raise ValueError(f"prior_power must be a number in [0, 1]; got {self.prior_power!r}")
        for name in ("min_codes", "max_codes"):
            v = getattr(self, name)
            if v != "auto" and (not isinstance(v, int) or isinstance(v, bool) or v < 0):
                raise ValueError(f"{name} must be 'auto' or an integer >= 0; got {v!r}")

    def _codebook_members(self) -> list[SuggesterBase]:
        from analysis.suggest.rules import RulesSuggester
        from analysis.suggest.similarity import SimilaritySuggester

        members: list[SuggesterBase] = []
        if self.codebook is not None and self.nlp is not None:
            members.append(RulesSuggester(codebook=self.codebook, nlp=self.nlp).fit())
        if self.codebook is not None and self.embedder is not None:
            members.append(SimilaritySuggester(codebook=self.codebook,
                                               embedder=self.embedder).fit())
        return members

    def _make_features(self) -> Any:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.pipeline import FeatureUnion

        return FeatureUnion([
            ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1)),
            ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True,
                                      min_df=2, max_features=60000)),
        ])

    def _features(self, feats: Any, texts: list[str]) -> Any:
        from scipy import sparse

        F = feats.transform(texts)
        if self.embedder is not None and not getattr(self.embedder, "transductive", False):
            F = sparse.hstack([F, sparse.csr_matrix(self.embedder.encode(texts))]).tocsr()
        return F

    def _fit_classifier(self, texts: list[str], Y: np.ndarray) -> tuple[Any, list[Any]]:
        from sklearn.svm import LinearSVC

        feats = self._make_features().fit(texts)
        F = self._features(feats, texts)
        models: list[Any] = []
        for j in range(Y.shape[1]):
            if not self.learned_[j] or Y[:, j].min() == Y[:, j].max():
                models.append(None)
                continue
            models.append(LinearSVC(C=self.C, class_weight="balanced",
                                    random_state=self.seed).fit(F, Y[:, j]))
        return feats, models

    def _decisions(self, feats: Any, models: list[Any], texts: list[str]) -> np.ndarray:
        out = np.full((len(texts), len(models)), -1.0)
        if not texts:
            return out
        F = self._features(feats, texts)
        for j, m in enumerate(models):
            if m is not None:
                out[:, j] = m.decision_function(F)
        return out

    def _oof_classifier_scores(self, texts: list[str], Y: np.ndarray) -> np.ndarray:
        from sklearn.model_selection import KFold

        oof = np.full(Y.shape, -1.0)
        if not self.learned_.any():
            return oof
        arr = np.array(texts, dtype=object)
        folds = KFold(n_splits=min(self.cv, len(texts)), shuffle=True, random_state=self.seed)
        for tr, te in folds.split(arr):
            feats, models = self._fit_classifier(arr[tr].tolist(), Y[tr])
            oof[te] = self._decisions(feats, models, arr[te].tolist())
        return oof

    def _member_scores(self, texts: list[str]) -> list[np.ndarray]:
        out = []
        for m in self.members_:
            proba = m.predict_proba(texts)
            col = {str(c): k for k, c in enumerate(m.classes_)}
            full = np.zeros((len(texts), len(self.classes_)))
            for j, c in enumerate(self.classes_):
                if str(c) in col:
                    full[:, j] = proba[:, col[str(c)]]
            out.append(full)
        return out

    def _stack_row(self, clf: np.ndarray, members: list[np.ndarray], j: int) -> np.ndarray:
        cols = [clf[:, j]] + [m[:, j] for m in members]
        return np.stack(cols, axis=1)

    def _fit_stacker(self, Z: np.ndarray, y: np.ndarray) -> Any:
        from sklearn.linear_model import LogisticRegression

        if y.min() == y.max():
            return float(y.max())
        return LogisticRegression(C=1.0, random_state=self.seed).fit(Z, y)

    def _stacked(self, clf: np.ndarray, members: list[np.ndarray]) -> np.ndarray:
        out = np.zeros(clf.shape)
        for j, st in enumerate(self.stackers_):
            if st is None:
                # Not learned: the codebook members' own score (rules or similarity).
                out[:, j] = np.max([m[:, j] for m in members], axis=0) if members else 0.0
            elif isinstance(st, float):
                out[:, j] = st
            else:
                out[:, j] = st.predict_proba(self._stack_row(clf, members, j))[:, 1]
        return out

    # ------------------------------------------------------------------ public
    def predict_proba(self, X: Any) -> np.ndarray:
        """Calibrated probability per code, shape ``(n, len(classes_))``."""
        check_is_fitted(self)
        return self._memo(check_texts(X), self._proba_of).copy()

    def _proba_of(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, len(self.classes_)))
        clf = self._decisions(self.features_, self.models_, texts)
        return self._stacked(clf, self._member_scores(texts))

    def _rank_scores(self, proba: np.ndarray) -> np.ndarray:
        # Probability over a power of the code's prevalence: rare codes are not drowned by
        # frequent ones (see ``prior_power``).
        return proba / self.prior_ ** float(self.prior_power)

    def rank(self, X: Any, *, top: int | None = None) -> list[list[tuple[str, float]]]:
        """Per text, ``(code_id, probability)`` pairs, best first (all codes, or ``top``)."""
        proba = self.predict_proba(X)
        order = np.argsort(-self._rank_scores(proba), axis=1, kind="stable")
        n = proba.shape[1] if top is None else top
        return [[(str(self.classes_[j]), float(proba[i, j])) for j in order[i, :n]]
                for i in range(proba.shape[0])]

    def predict(self, X: Any) -> np.ndarray:
        """0/1 matrix: codes at or above their threshold, within ``min_codes``..``max_codes``."""
        proba = self.predict_proba(X)
        return self._decide(proba)

    def _decide(self, proba: np.ndarray) -> np.ndarray:
        out = np.zeros(proba.shape, dtype=np.int64)
        ranked = np.argsort(-self._rank_scores(proba), axis=1, kind="stable")
        for i in range(proba.shape[0]):
            chosen = [j for j in ranked[i] if proba[i, j] >= self.thresholds_[j]]
            chosen = chosen[: self.max_codes_]
            if len(chosen) < self.min_codes_:
                extra = [j for j in ranked[i] if j not in chosen]
                chosen += extra[: self.min_codes_ - len(chosen)]
            out[i, chosen] = 1
        return out

    def explain(self, X: Any) -> list[dict[str, str]]:
        """Per text, ``{code_id: evidence}`` for the predicted codes: the classifier's strongest
        words in the text, and each codebook member's own evidence."""
        check_is_fitted(self)
        texts = check_texts(X)
        pred = self.predict(texts)
        member_ev = [m.explain(texts) for m in self.members_]
        words_vec = self.features_.transformer_list[0][1]
        vocab = np.array(words_vec.get_feature_names_out())
        W = words_vec.transform(texts).tocsr()
        out = []
        for i in range(len(texts)):
            entry: dict[str, str] = {}
            # the text's own words only (sparse row), not the whole vocabulary
            cols = W.indices[W.indptr[i]:W.indptr[i + 1]]
            vals = W.data[W.indptr[i]:W.indptr[i + 1]]
            for j in np.nonzero(pred[i])[0]:
                cid = str(self.classes_[j])
                parts = []
                m = self.models_[j]
                if m is not None and len(cols):
                    contrib = vals * m.coef_[0, cols]
                    top = [vocab[cols[k]] for k in np.argsort(-contrib, kind="stable")[:3]
                           if contrib[k] > 0]
                    if top:
                        parts.append("words: " + "; ".join(top))
                parts += [ev[i][cid] for ev in member_ev if cid in ev[i]]
                entry[cid] = shorten(" | ".join(parts)) if parts else "classifier score"
            out.append(entry)
        return out

    def informativeness(self, X: Any) -> np.ndarray:
        """How much a person's codes for each text would teach the ensemble, in ``[0, 1]``.

        The closeness of the most uncertain code to its threshold (1 at the threshold, 0 at a
        certain 0 or 1), so texts the ensemble cannot decide come first.
        """
        proba = self.predict_proba(X)
        if proba.size == 0:
            return np.zeros(proba.shape[0])
        t = self.thresholds_
        span = np.where(proba >= t, 1.0 - t, t)
        close = 1.0 - np.abs(proba - t) / np.maximum(span, 1e-6)
        return np.clip(close, 0.0, 1.0).max(axis=1)


def active_learning_order(suggester: EnsembleSuggester, texts: Any) -> list[int]:
    """Indices of ``texts`` in the order a person should code them: most informative first
    (ties keep the input order).

    Args:
        suggester: A fitted :class:`EnsembleSuggester`.
        texts: The uncoded texts.
    """
    score = suggester.informativeness(texts)
    return [int(i) for i in np.argsort(-score, kind="stable")]


def _best_threshold(y: np.ndarray, p: np.ndarray) -> tuple[float, float]:
    """The grid threshold with the best F1 on out-of-fold scores, and that F1."""
    if y.max() == 0:
        return 0.95, 0.0
    best, best_f = 0.5, -1.0
    for t in _GRID:
        pred = p >= t
        tp = float(np.sum((y == 1) & pred))
        fp = float(np.sum((y == 0) & pred))
        fn = float(np.sum((y == 1) & ~pred))
        f = 0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn)
        if f > best_f:
            best, best_f = float(t), f
    return best, best_f


@dataclass(frozen=True)
class EnsembleRun:
    """What :func:`ensemble_suggestions` returns.

    Attributes:
        codings: Suggested codings (``CODING_COLUMNS``; source ``classifier``, coder
            ``ensemble.v1``) for the segments no person has coded yet.
        order: Those segments' ids, most informative first ("code these next").
        trained_on: How many human-coded segments the ensemble learned from.
        skipped_codes: Codes with too few human-coded segments to learn.
    """

    codings: pd.DataFrame
    order: list[str]
    trained_on: int
    skipped_codes: list[str]


def ensemble_suggestions(segments: pd.DataFrame, codings: pd.DataFrame, codebook: Any, *,
                         nlp: Any = None, embedder: Any = None, min_examples: int = 2,
                         seed: int = 13) -> EnsembleRun | None:
    """Train the ensemble on people's decisions in the store and suggest codes for the rest.

    A segment is human-coded when it has any current human decision; its labels are the codes
    any person accepted on it (a segment where every code was rejected is a negative example).

    Args:
        segments: All segments (``segment_id``, ``text``).
        codings: Current codings (``Store.read_codings()``).
        codebook: The project codebook.
        nlp: spaCy pipeline (rules member), optional.
        embedder: Embedder (similarity member and extra features), optional.
        min_examples: Human-coded segments a code needs to be learned.
        seed: Seed.

    Returns:
        The run, or ``None`` when no code has ``min_examples`` accepted human codes (the
        pipeline then keeps the rules and similarity suggestions alone).
    """
    from survey.schema import CODING_COLUMNS

    human = codings[(codings["source"] == "human")
                    & codings["status"].isin(["accepted", "rejected"])]
    accepted = human[human["status"] == "accepted"]
    active = {c.id for c in codebook.active_codes}
    counts = accepted[accepted["code_id"].isin(active)].groupby("code_id")["segment_id"].nunique()
    if not (counts >= min_examples).any():
        return None
    coded = set(human["segment_id"])
    labels = accepted.groupby("segment_id")["code_id"].apply(lambda s: sorted(set(s))).to_dict()
    train = segments[segments["segment_id"].isin(coded)]
    todo = segments[~segments["segment_id"].isin(coded)]
    model = EnsembleSuggester(codebook=codebook, nlp=nlp, embedder=embedder,
                              min_examples=min_examples, min_codes=0, seed=seed)
    model.fit(train["text"].tolist(), [labels.get(s, []) for s in train["segment_id"]])
    texts, ids = todo["text"].tolist(), todo["segment_id"].tolist()
    rows = []
    if texts:
        proba = model.predict_proba(texts)
        chosen = model._decide(proba)
        evidence = model.explain(texts)
        for i, j in zip(*np.nonzero(chosen), strict=True):
            cid = str(model.classes_[j])
            rows.append({"segment_id": ids[i], "code_id": cid, "coder": model.name,
                         "source": "classifier", "confidence": round(float(proba[i, j]), 4),
                         "status": "suggested", "evidence": evidence[i].get(cid, ""),
                         "decided_at": None})
    order = [ids[k] for k in active_learning_order(model, texts)] if texts else []
    return EnsembleRun(codings=pd.DataFrame(rows, columns=list(CODING_COLUMNS)), order=order,
                       trained_on=len(train), skipped_codes=list(model.skipped_codes_))
