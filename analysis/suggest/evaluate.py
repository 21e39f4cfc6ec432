"""Score suggesters against human codes: per-code precision, recall, F1, Cohen's kappa, support,
and micro and macro F1 (what ``voices evaluate-suggestions`` prints and writes as JSON)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from analysis.suggest.base import SuggesterBase
from analysis.suggest.classifier import ClassifierSuggester, parse_codes
from analysis.suggest.ensemble import EnsembleSuggester
from analysis.suggest.rules import RulesSuggester
from analysis.suggest.similarity import SimilaritySuggester
from survey.errors import InputFileError, ToolkitError

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
    out: dict[str, Any] = {"micro_f1": round(micro, 4), "macro_f1": round(macro, 4),
                           "per_code": per_code}
    if all(len(t) == 1 for t in y_true) and all(len(p) <= 1 for p in y_pred) and y_true:
        # Single-label data: accuracy and class-balanced accuracy (mean recall over codes).
        hits = [p[:1] == t for t, p in zip(y_true, y_pred, strict=True)]
        recalls = [v["recall"] for v in per_code.values() if v["support"] > 0]
        out["accuracy"] = round(float(np.mean(hits)), 4)
        out["balanced_accuracy"] = round(float(np.mean(recalls)), 4) if recalls else 0.0
    return out


def split_labelled(frame: pd.DataFrame, *, test_fraction: float = 0.2,
                   key: str = "id") -> tuple[pd.DataFrame, pd.DataFrame]:
    """A fixed train/test split: a row is in test when the SHA-256 of its ``key`` falls in the
    first ``test_fraction`` of the hash space. It depends on nothing but the ids, so the same
    ids always give the same split (across machines, library versions and row order).

    Raises:
        ValueError: ``test_fraction`` outside (0, 1) or ``key`` missing.
    """
    import hashlib

    if not 0.0 < test_fraction < 1.0:
        raise ValueError(f"test_fraction must be in (0, 1); got {test_fraction!r}")
    if key not in frame.columns:
        raise ValueError(f"frame has no column {key!r}")
    bucket = frame[key].astype(str).map(
        lambda s: int(hashlib.sha256(s.encode("utf-8")).hexdigest()[:8], 16) / 0xFFFFFFFF)
    test = bucket < test_fraction
    return (frame[~test].reset_index(drop=True), frame[test].reset_index(drop=True))


def _labels(s: SuggesterBase, texts: list[str]) -> list[list[str]]:
    pred = s.predict(texts)
    return [[str(s.classes_[j]) for j in np.nonzero(row)[0]] for row in pred]


def evaluate_suggestions(train: pd.DataFrame, test: pd.DataFrame, *, codebook: Any = None,
                         nlp: Any = None, embedder: Any = None, seed: int = 13,
                         compare: tuple[str, ...] = ()) -> dict[str, Any]:
    """Train the suggesters on ``train`` and score them on ``test``.

    The headline scores are the ensemble's (:class:`EnsembleSuggester`, trained on ``train``'s
    human codes, stacking the rules and similarity members when a codebook and ``nlp`` /
    ``embedder`` are given). With a codebook, the rules and similarity suggesters are also
    scored alone, under ``suggesters``.

    Args:
        train: Frame with ``text`` and ``codes`` (lists or ``;``-joined strings).
        test: Same columns.
        codebook: Optional codebook (limits the codes and enables rules/similarity).
        nlp: spaCy pipeline for the rules suggester.
        embedder: Embedder for the similarity suggester (and extra classifier features).
        seed: Seed for the trained suggesters.
        compare: Extra trained suggesters to score alongside (``"classifier.v1"``; slow on
            thousands of texts).

    Returns:
        ``{"micro_f1", "macro_f1", "per_code", "suggester", "skipped_codes", "suggesters":
        {name: {"micro_f1", "macro_f1", "per_code"}}}``; ``per_code`` maps a code to
        ``precision``, ``recall``, ``f1``, ``kappa``, ``support``. Single-label test data adds
        ``accuracy`` and ``balanced_accuracy``.

    Raises:
        ValueError: Missing columns or no trainable code.
    """
    for name, frame in (("train", train), ("test", test)):
        missing = [c for c in ("text", "codes") if c not in frame.columns]
        if missing:
            raise ValueError(f"{name} is missing column(s) {', '.join(missing)}")
    tr_texts, te_texts = train["text"].astype(str).tolist(), test["text"].astype(str).tolist()
    y_test = parse_codes(test["codes"].tolist())
    ens = EnsembleSuggester(codebook=codebook, nlp=nlp, embedder=embedder, seed=seed).fit(
        tr_texts, train["codes"].tolist())
    codes = [str(c) for c in ens.classes_]
    results = {ens.name: score_predictions(y_test, _labels(ens, te_texts), codes)}
    if "classifier.v1" in compare:
        clf = ClassifierSuggester(codebook=codebook, seed=seed).fit(tr_texts,
                                                                    train["codes"].tolist())
        results[clf.name] = score_predictions(y_test, _labels(clf, te_texts),
                                              [str(c) for c in clf.classes_])
    if codebook is not None:
        others: list[SuggesterBase] = []
        if nlp is not None:
            others.append(RulesSuggester(codebook=codebook, nlp=nlp))
        if embedder is not None:
            others.append(SimilaritySuggester(codebook=codebook, embedder=embedder))
        all_codes = [c.id for c in codebook.active_codes]
        for s in others:
            results[s.name] = score_predictions(y_test, _labels(s.fit(), te_texts), all_codes)
    head = results[ens.name]
    return {**head, "suggester": ens.name, "skipped_codes": list(ens.skipped_codes_),
            "n_train": len(tr_texts), "n_test": len(te_texts), "suggesters": results}


def evaluate_files(train_path: str | Path, test_path: str | Path, *,
                   codebook_path: str | Path | None = None, json_path: str | Path | None = None,
                   fast: bool = False, seed: int = 13) -> dict[str, Any]:
    """What ``voices evaluate-suggestions`` does: read both CSVs, evaluate, write the JSON.

    With a codebook, the rules (spaCy) and similarity (MiniLM, or TF-IDF + SVD with ``fast``)
    suggesters join the ensemble and are scored alone too.

    Raises:
        InputFileError: A bad CSV (file, row and column; never a cell's content).
        CodebookError: A bad codebook.
    """
    import json

    from survey.atomic import atomic_open

    train, test = read_labelled_csv(train_path), read_labelled_csv(test_path)
    codebook = nlp = embedder = None
    if codebook_path is not None:
        from analysis.embed import make_embedder
        from codebook.io import read_codebook
        from survey.nlp import load_nlp

        codebook = read_codebook(codebook_path)
        nlp = load_nlp()
        embedder = make_embedder(fast=fast, seed=seed)
    try:
        result = evaluate_suggestions(train, test, codebook=codebook, nlp=nlp,
                                      embedder=embedder, seed=seed)
    except ValueError as exc:  # e.g. no code has enough training texts
        raise ToolkitError(f"{train_path}: {exc}") from None
    if json_path is not None:
        with atomic_open(Path(json_path)) as fh:
            json.dump(result, fh, indent=2, sort_keys=True)
            fh.write("\n")
    return result


def format_evaluation(result: dict[str, Any]) -> list[str]:
    """The evaluation as printable lines: a per-code table, then micro and macro F1."""
    lines = [f"{'code':<24} {'precision':>9} {'recall':>7} {'f1':>7} {'kappa':>7} {'support':>8}"]
    for code, v in result["per_code"].items():
        lines.append(f"{code[:24]:<24} {v['precision']:>9.3f} {v['recall']:>7.3f} {v['f1']:>7.3f} "
                     f"{v['kappa']:>7.3f} {v['support']:>8d}")
    tail = f"micro F1 {result['micro_f1']:.3f}  macro F1 {result['macro_f1']:.3f}"
    if "accuracy" in result:
        tail += (f"  accuracy {result['accuracy']:.3f}  balanced accuracy "
                 f"{result['balanced_accuracy']:.3f}")
    lines.append(tail + f"  ({result.get('suggester', '')})")
    if result.get("skipped_codes"):
        lines.append(f"codes with too few training texts: {', '.join(result['skipped_codes'])}")
    return lines
