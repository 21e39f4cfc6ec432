"""Score suggesters against human codes: per-code precision, recall, F1, Cohen's kappa, support,
and micro and macro F1 (what ``voices evaluate-suggestions`` prints and writes as JSON)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from analysis.suggest.base import SuggesterBase
from analysis.suggest.classifier import ClassifierSuggester, parse_codes
from analysis.suggest.rules import RulesSuggester
from analysis.suggest.similarity import SimilaritySuggester
from survey.errors import InputFileError

LABELLED_COLUMNS = ("id", "text", "codes")


def read_labelled_csv(path: str | Path) -> pd.DataFrame:
    """Read a ``id,text,codes`` CSV (codes separated by ``;``).

    Raises:
        InputFileError: Unreadable file, a missing column, or a blank id/text (by row, never
            quoting the cell).
    """
    path = Path(path)
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError):
        raise InputFileError(path, "expected a UTF-8 CSV with columns id, text, codes") from None
    missing = [c for c in LABELLED_COLUMNS if c not in frame.columns]
    if missing:
        raise InputFileError(path, f"missing column(s) {', '.join(missing)}; expected "
                             f"{', '.join(LABELLED_COLUMNS)}")
    for col in ("id", "text"):
        blank = frame[col].str.strip() == ""
        if blank.any():
            raise InputFileError(path, "blank cell", row=int(np.argmax(blank.to_numpy())) + 2,
                                 column=col)
    return frame[list(LABELLED_COLUMNS)].reset_index(drop=True)


def score_predictions(y_true: list[list[str]], y_pred: list[list[str]],
                      codes: list[str]) -> dict[str, Any]:
    """Micro/macro F1 and per-code precision, recall, F1, kappa and support over ``codes``."""
    from sklearn.metrics import cohen_kappa_score, precision_recall_fscore_support

    Y = np.array([[c in t for c in codes] for t in y_true], dtype=int)
    P = np.array([[c in p for c in codes] for p in y_pred], dtype=int)
    Y, P = Y.reshape(len(y_true), len(codes)), P.reshape(len(y_pred), len(codes))
    per_code = {}
    for j, c in enumerate(codes):
        p, r, f, _ = precision_recall_fscore_support(Y[:, j], P[:, j], average="binary",
                                                     zero_division=0)
        same = Y[:, j].min() == Y[:, j].max() == P[:, j].min() == P[:, j].max()
        kappa = 1.0 if same else float(cohen_kappa_score(Y[:, j], P[:, j]))
        per_code[c] = {"precision": round(float(p), 4), "recall": round(float(r), 4),
                       "f1": round(float(f), 4), "kappa": round(kappa, 4),
                       "support": int(Y[:, j].sum())}
    tp = int(((Y == 1) & (P == 1)).sum())
    fp = int(((Y == 0) & (P == 1)).sum())
    fn = int(((Y == 1) & (P == 0)).sum())
    micro = 0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn)
    scored = [v["f1"] for v in per_code.values() if v["support"] > 0]
    macro = float(np.mean(scored)) if scored else 0.0
    return {"micro_f1": round(micro, 4), "macro_f1": round(macro, 4), "per_code": per_code}


def _labels(s: SuggesterBase, texts: list[str]) -> list[list[str]]:
    pred = s.predict(texts)
    return [[str(s.classes_[j]) for j in np.nonzero(row)[0]] for row in pred]


def evaluate_suggestions(train: pd.DataFrame, test: pd.DataFrame, *, codebook: Any = None,
                         nlp: Any = None, embedder: Any = None, seed: int = 13) -> dict[str, Any]:
    """Train the suggesters on ``train`` and score them on ``test``.

    The headline scores are the classifier's (trained on ``train``'s human codes). With a
    codebook, the rules (needs ``nlp``) and similarity (needs ``embedder``) suggesters are
    scored too, under ``suggesters``.

    Args:
        train: Frame with ``text`` and ``codes`` (lists or ``;``-joined strings).
        test: Same columns.
        codebook: Optional codebook (limits the codes and enables rules/similarity).
        nlp: spaCy pipeline for the rules suggester.
        embedder: Embedder for the similarity suggester.
        seed: Seed for the classifier.

    Returns:
        ``{"micro_f1", "macro_f1", "per_code", "suggester", "skipped_codes", "suggesters":
        {name: {"micro_f1", "macro_f1", "per_code"}}}``; ``per_code`` maps a code to
        ``precision``, ``recall``, ``f1``, ``kappa``, ``support``.

    Raises:
        ValueError: Missing columns or no trainable code.
    """
    for name, frame in (("train", train), ("test", test)):
        missing = [c for c in ("text", "codes") if c not in frame.columns]
        if missing:
            raise ValueError(f"{name} is missing column(s) {', '.join(missing)}")
    tr_texts, te_texts = train["text"].astype(str).tolist(), test["text"].astype(str).tolist()
    y_test = parse_codes(test["codes"].tolist())
    clf = ClassifierSuggester(codebook=codebook, seed=seed).fit(tr_texts, train["codes"].tolist())
    codes = [str(c) for c in clf.classes_]
    results = {clf.name: score_predictions(y_test, _labels(clf, te_texts), codes)}
    if codebook is not None:
        others: list[SuggesterBase] = []
        if nlp is not None:
            others.append(RulesSuggester(codebook=codebook, nlp=nlp))
        if embedder is not None:
            others.append(SimilaritySuggester(codebook=codebook, embedder=embedder))
        all_codes = [c.id for c in codebook.active_codes]
        for s in others:
            results[s.name] = score_predictions(y_test, _labels(s.fit(), te_texts), all_codes)
    head = results[clf.name]
    return {**head, "suggester": clf.name, "skipped_codes": list(clf.skipped_codes_),
            "suggesters": results}
