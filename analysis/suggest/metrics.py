"""Evaluation statistics for suggestions: bootstrap intervals of micro and macro F1 (and their
difference from a baseline on the same resamples), expected calibration error, and the
reliability plot.

Everything works on 0/1 indicator matrices ``(texts, codes)``; a bootstrap replicate is a vector
of multinomial counts over the test texts, so all replicates are computed at once as matrix
products.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

N_BINS = 15


def indicator(labels: list[list[str]], codes: list[str]) -> np.ndarray:
    """0/1 matrix ``(len(labels), len(codes))``: does text i carry code j."""
    col = {c: j for j, c in enumerate(codes)}
    out = np.zeros((len(labels), len(codes)), dtype=np.float64)
    for i, cs in enumerate(labels):
        for c in cs:
            if c in col:
                out[i, col[c]] = 1.0
    return out


def bootstrap_weights(n: int, *, n_boot: int, seed: int) -> np.ndarray:
    """``(n_boot, n)`` multinomial resampling counts (each row sums to ``n``)."""
    rng = np.random.default_rng(seed)
    return rng.multinomial(n, np.full(n, 1.0 / n), size=n_boot).astype(np.float64)


def f1_scores(Y: np.ndarray, P: np.ndarray, W: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Micro and macro F1 under each row of weights ``W`` (``(B, n)``).

    Macro F1 averages the codes present (support > 0) in that replicate, as
    :func:`analysis.suggest.evaluate.score_predictions` does.

    Returns:
        ``(micro, macro)``, each shape ``(B,)``.
    """
    tp = W @ (Y * P)
    fp = W @ ((1 - Y) * P)
    fn = W @ (Y * (1 - P))
    denom = 2 * tp.sum(1) + fp.sum(1) + fn.sum(1)
    micro = np.where(denom > 0, 2 * tp.sum(1) / np.maximum(denom, 1e-12), 0.0)
    per = np.where(2 * tp + fp + fn > 0, 2 * tp / np.maximum(2 * tp + fp + fn, 1e-12), 0.0)
    present = (tp + fn) > 0
    macro = (per * present).sum(1) / np.maximum(present.sum(1), 1)
    return micro, macro


def interval(values: np.ndarray) -> list[float]:
    """The 2.5% and 97.5% points, rounded to 4 places."""
    lo, hi = np.quantile(values, [0.025, 0.975])
    return [round(float(lo), 4), round(float(hi), 4)]


def top_label(proba: np.ndarray, Y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Confidence of each text's top-ranked code and whether a person gave that code."""
    top = np.argmax(proba, axis=1)
    conf = proba[np.arange(len(top)), top]
    return conf, Y[np.arange(len(top)), top]


def calibration_bins(conf: np.ndarray, correct: np.ndarray, W: np.ndarray | None = None,
                     *, n_bins: int = N_BINS) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per equal-width bin: (weighted) count, mean confidence and accuracy; ``W`` ``(B, n)``
    gives one row per replicate (``None``: one unweighted row)."""
    W = np.ones((1, len(conf))) if W is None else W
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    b = np.clip(np.searchsorted(edges, conf, side="left") - 1, 0, n_bins - 1)
    onehot = np.zeros((len(conf), n_bins))
    onehot[np.arange(len(conf)), b] = 1.0
    count = W @ onehot
    safe = np.maximum(count, 1e-12)
    return count, (W @ (onehot * conf[:, None])) / safe, (W @ (onehot * correct[:, None])) / safe


def expected_calibration_error(conf: np.ndarray, correct: np.ndarray,
                               W: np.ndarray | None = None, *, n_bins: int = N_BINS,
                               ) -> np.ndarray:
    """ECE: the bin-size-weighted mean gap between confidence and accuracy (15 equal-width
    bins), per row of ``W`` (shape ``(B,)``; ``W=None`` gives one value)."""
    if len(conf) == 0:
        return np.zeros(1 if W is None else W.shape[0])
    count, mean_conf, acc = calibration_bins(conf, correct, W, n_bins=n_bins)
    total = np.maximum(count.sum(1, keepdims=True), 1e-12)
    return (count / total * np.abs(mean_conf - acc)).sum(1)


def reliability_table(conf: np.ndarray, correct: np.ndarray, *,
                      n_bins: int = N_BINS) -> list[dict[str, float]]:
    """Non-empty bins: ``lo, hi, n, confidence, accuracy``."""
    count, mean_conf, acc = calibration_bins(conf, correct, n_bins=n_bins)
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    return [{"lo": round(float(edges[k]), 4), "hi": round(float(edges[k + 1]), 4),
             "n": int(count[0, k]), "confidence": round(float(mean_conf[0, k]), 4),
             "accuracy": round(float(acc[0, k]), 4)}
            for k in range(n_bins) if count[0, k] > 0]


def write_reliability_plot(bins: list[dict[str, float]], path: str | Path, *,
                           title: str) -> Path:
    """A reliability diagram (accuracy against confidence per bin, with the diagonal) as PNG,
    written atomically."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from survey.atomic import atomic_path

    path = Path(path)
    fig, ax = plt.subplots(figsize=(4.5, 4.5), dpi=110)
    ax.plot([0, 1], [0, 1], color="#999999", linestyle="--", linewidth=1, label="perfect")
    if bins:
        x = [b["confidence"] for b in bins]
        y = [b["accuracy"] for b in bins]
        size = [max(12.0, 400.0 * b["n"] / max(bb["n"] for bb in bins)) for b in bins]
        ax.plot(x, y, color="#1f5f8b", linewidth=1)
        ax.scatter(x, y, s=size, color="#1f5f8b", alpha=0.7, label="bins (area = texts)")
    ax.set(xlim=(0, 1), ylim=(0, 1), xlabel="confidence of the top suggestion",
           ylabel="share a person agreed", title=title)
    ax.legend(loc="upper left", fontsize=8)
    fig.tight_layout()
    with atomic_path(path) as tmp:
        fig.savefig(tmp, format="png")
    plt.close(fig)
    return path
