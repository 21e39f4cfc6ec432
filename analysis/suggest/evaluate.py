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


def baseline_labels(train_texts: list[str], train_codes: list[list[str]], test_texts: list[str],
                    codes: list[str], *, seed: int = 13) -> list[list[str]]:
    """The comparison system: TF-IDF (words and word pairs) and one class-balanced logistic
    regression per code (``C=10``). A single-label training set gets the top code per text;
    otherwise each code at probability 0.5 or more."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)
    Ftr, Fte = vec.fit_transform(train_texts), vec.transform(test_texts)
    proba = np.zeros((len(test_texts), len(codes)))
    for j, c in enumerate(codes):
        y = np.array([c in cs for cs in train_codes], dtype=int)
        if y.min() == y.max():
            proba[:, j] = float(y.max())
            continue
        m = LogisticRegression(C=10.0, class_weight="balanced", solver="liblinear",
                               random_state=seed).fit(Ftr, y)
        proba[:, j] = m.predict_proba(Fte)[:, 1]
    if all(len(cs) == 1 for cs in train_codes) and len(codes):
        return [[codes[int(j)]] for j in np.argmax(proba, axis=1)]
    return [[codes[j] for j in np.nonzero(row >= 0.5)[0]] for row in proba]


def _with_intervals(result: dict[str, Any], Y: np.ndarray, P: np.ndarray, W: np.ndarray) -> None:
    from analysis.suggest.metrics import f1_scores, interval

    micro, macro = f1_scores(Y, P, W)
    result["micro_f1_ci"], result["macro_f1_ci"] = interval(micro), interval(macro)


def evaluate_suggestions(train: pd.DataFrame, test: pd.DataFrame, *, codebook: Any = None,
                         nlp: Any = None, embedder: Any = None, seed: int = 13,
                         compare: tuple[str, ...] = (), baseline: bool = True,
                         n_boot: int = 1000) -> dict[str, Any]:
    """Train the suggesters on ``train`` and score them on ``test``, with intervals.

    The headline scores are the product's: the ensemble (:class:`EnsembleSuggester`, trained on
    ``train``'s human codes; the embedder's vectors join its features, and with a codebook the
    rules (``nlp``) and similarity (``embedder``) members are stacked in). Its per-code
    thresholds and probability calibration come from cross-validation folds of ``train`` only.
    With a codebook, the rules and similarity suggesters are also scored alone, under
    ``suggesters``.

    Intervals are 95% percentile bootstrap intervals over test texts (``n_boot`` resamples,
    seeded); the baseline (:func:`baseline_labels`) is scored on the same resamples, so the
    difference has a paired interval. Calibration: the expected calibration error (15 bins) of
    the confidence of each text's top-ranked code against whether a person gave that code.

    Args:
        train: Frame with ``text`` and ``codes`` (lists or ``;``-joined strings).
        test: Same columns.
        codebook: Optional codebook (limits the codes and enables rules/similarity).
        nlp: spaCy pipeline for the rules suggester.
        embedder: Embedder for the similarity suggester (and extra classifier features).
        seed: Seed for the trained suggesters and the bootstrap.
        compare: Extra trained suggesters to score alongside (``"classifier.v1"``; slow on
            thousands of texts).
        baseline: Score the baseline too (``baseline`` and ``difference`` keys).
        n_boot: Bootstrap resamples.

    Returns:
        ``{"micro_f1", "macro_f1", "per_code", "micro_f1_ci", "macro_f1_ci", "ece", "ece_ci",
        "reliability", "suggester", "skipped_codes", "n_train", "n_test", "n_boot",
        "suggesters": {name: {"micro_f1", "macro_f1", "per_code"}}, "baseline": {...},
        "difference": {"micro_f1", "micro_f1_ci", "macro_f1", "macro_f1_ci"}}``; ``per_code``
        maps a code to ``precision``, ``recall``, ``f1``, ``kappa``, ``support``. Single-label
        test data adds ``accuracy`` and ``balanced_accuracy``.

    Raises:
        ValueError: Missing columns or no trainable code.
    """
    from analysis.suggest.metrics import (bootstrap_weights, expected_calibration_error,
                                          f1_scores, indicator, interval, reliability_table,
                                          top_label)

    for name, frame in (("train", train), ("test", test)):
        missing = [c for c in ("text", "codes") if c not in frame.columns]
        if missing:
            raise ValueError(f"{name} is missing column(s) {', '.join(missing)}")
    tr_texts, te_texts = train["text"].astype(str).tolist(), test["text"].astype(str).tolist()
    tr_codes = parse_codes(train["codes"].tolist())
    y_test = parse_codes(test["codes"].tolist())
    ens = EnsembleSuggester(codebook=codebook, nlp=nlp, embedder=embedder, seed=seed).fit(
        tr_texts, tr_codes)
    codes = [str(c) for c in ens.classes_]
    proba = ens.predict_proba(te_texts)
    chosen = ens._decide(proba)
    ens_labels = [[codes[j] for j in np.nonzero(row)[0]] for row in chosen]
    results = {ens.name: score_predictions(y_test, ens_labels, codes)}
    if "classifier.v1" in compare:
        clf = ClassifierSuggester(codebook=codebook, seed=seed).fit(tr_texts, tr_codes)
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
    head = dict(results[ens.name])
    Y = indicator(y_test, codes)
    W = bootstrap_weights(len(te_texts), n_boot=n_boot, seed=seed) if te_texts else np.ones(
        (1, 0))
    P = chosen.astype(np.float64)
    _with_intervals(head, Y, P, W)
    conf, correct = top_label(proba, Y) if te_texts else (np.zeros(0), np.zeros(0))
    head["ece"] = round(float(expected_calibration_error(conf, correct)[0]), 4)
    head["ece_ci"] = interval(expected_calibration_error(conf, correct, W))
    head["reliability"] = reliability_table(conf, correct)
    out: dict[str, Any] = {**head, "suggester": ens.name,
                           "skipped_codes": list(ens.skipped_codes_), "n_train": len(tr_texts),
                           "n_test": len(te_texts), "n_boot": n_boot, "suggesters": results}
    if baseline:
        base_labels = baseline_labels(tr_texts, tr_codes, te_texts, codes, seed=seed)
        base = score_predictions(y_test, base_labels, codes)
        B = indicator(base_labels, codes)
        _with_intervals(base, Y, B, W)
        base["system"] = "tfidf+balanced-logreg"
        out["baseline"] = base
        ours_micro, ours_macro = f1_scores(Y, P, W)
        base_micro, base_macro = f1_scores(Y, B, W)
        out["difference"] = {
            "micro_f1": round(head["micro_f1"] - base["micro_f1"], 4),
            "micro_f1_ci": interval(ours_micro - base_micro),
            "macro_f1": round(head["macro_f1"] - base["macro_f1"], 4),
            "macro_f1_ci": interval(ours_macro - base_macro)}
    return out


def evaluate_files(train_path: str | Path, test_path: str | Path, *,
                   codebook_path: str | Path | None = None, json_path: str | Path | None = None,
                   fast: bool = False, seed: int = 13, baseline: bool = True,
                   n_boot: int = 1000, cache_path: str | Path | None = None) -> dict[str, Any]:
    """What ``voices evaluate-suggestions`` does: read both CSVs, evaluate the product's
    configuration, write the JSON and, beside it, the reliability plot
    (``<json stem>_reliability.png``).

    The embedder is MiniLM (its vectors join the classifier's features), or TF-IDF + SVD with
    ``fast`` (which adds no features). With a codebook, the rules (spaCy) and similarity
    suggesters join the ensemble and are scored alone too. ``cache_path`` names a store file
    whose embedding cache is used (and filled), so a rerun does not embed again.

    Raises:
        InputFileError: A bad CSV (file, row and column; never a cell's content).
        CodebookError: A bad codebook.
    """
    import json

    from analysis.embed import CachedEmbedder, make_embedder
    from analysis.suggest.metrics import write_reliability_plot
    from survey.atomic import atomic_open

    train, test = read_labelled_csv(train_path), read_labelled_csv(test_path)
    codebook = nlp = None
    embedder: Any = make_embedder(fast=fast, seed=seed)
    cache = None
    if cache_path is not None and not getattr(embedder, "transductive", False):
        from analysis.store import Store

        cache = Store(cache_path).open()
        embedder = CachedEmbedder(embedder, cache)
    if codebook_path is not None:
        from codebook.io import read_codebook
        from survey.nlp import load_nlp

        codebook = read_codebook(codebook_path)
        nlp = load_nlp()
    try:
        result = evaluate_suggestions(train, test, codebook=codebook, nlp=nlp,
                                      embedder=embedder, seed=seed, baseline=baseline,
                                      n_boot=n_boot)
    except ValueError as exc:  # e.g. no code has enough training texts
        raise ToolkitError(f"{train_path}: {exc}") from None
    finally:
        if cache is not None:
            cache.close()
    result["configuration"] = {"embedder": str(getattr(embedder, "name", "")),
                               "codebook": codebook is not None, "rules": nlp is not None,
                               "seed": seed}
    if json_path is not None:
        plot = Path(json_path).with_name(Path(json_path).stem + "_reliability.png")
        write_reliability_plot(result["reliability"], plot,
                               title=f"Reliability, ECE {result['ece']:.3f}")
        result["reliability_plot"] = plot.name
        with atomic_open(Path(json_path)) as fh:
            json.dump(result, fh, indent=2, sort_keys=True)
            fh.write("\n")
    return result


def format_evaluation(result: dict[str, Any]) -> list[str]:
    """The evaluation as printable lines: a per-code table, then micro and macro F1 with their
    intervals, calibration, and the baseline with the difference."""
    def ci(key: str, r: dict[str, Any]) -> str:
        v = r.get(key + "_ci")
        return f" [{v[0]:.3f}, {v[1]:.3f}]" if v else ""

    lines = [f"{'code':<24} {'precision':>9} {'recall':>7} {'f1':>7} {'kappa':>7} {'support':>8}"]
    for code, v in result["per_code"].items():
        lines.append(f"{code[:24]:<24} {v['precision']:>9.3f} {v['recall']:>7.3f} {v['f1']:>7.3f} "
                     f"{v['kappa']:>7.3f} {v['support']:>8d}")
    tail = (f"micro F1 {result['micro_f1']:.3f}{ci('micro_f1', result)}  macro F1 "
            f"{result['macro_f1']:.3f}{ci('macro_f1', result)}")
    if "accuracy" in result:
        tail += (f"  accuracy {result['accuracy']:.3f}  balanced accuracy "
                 f"{result['balanced_accuracy']:.3f}")
    lines.append(tail + f"  ({result.get('suggester', '')}; 95% bootstrap intervals)")
    if "ece" in result:
        lines.append(f"expected calibration error (top suggestion) {result['ece']:.3f}"
                     f"{ci('ece', result)}")
    base, diff = result.get("baseline"), result.get("difference")
    if base and diff:
        lines.append(f"baseline {base.get('system', '')}: micro F1 {base['micro_f1']:.3f}"
                     f"{ci('micro_f1', base)}  macro F1 {base['macro_f1']:.3f}"
                     f"{ci('macro_f1', base)}")
        lines.append(f"difference (ours - baseline): micro F1 {diff['micro_f1']:+.3f}"
                     f"{ci('micro_f1', diff)}  macro F1 {diff['macro_f1']:+.3f}"
                     f"{ci('macro_f1', diff)}")
    if result.get("skipped_codes"):
        lines.append(f"codes with too few training texts: {', '.join(result['skipped_codes'])}")
    if result.get("reliability_plot"):
        lines.append(f"reliability plot: {result['reliability_plot']}")
    return lines
