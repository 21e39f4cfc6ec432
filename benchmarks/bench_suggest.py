"""Code suggestions on public human-coded feedback: our ensemble against a TF-IDF + class-balanced
logistic regression baseline, same split, same run.

Data: ``../shared/data/coded/text_data.csv`` (10,334 NHS patient-feedback comments, single-label;
MIT, NHS England; see its README). The split is fixed and documented: ids are ``"r" + row_index``
and a comment is in the test set when the SHA-256 of its id falls in the first 20% of the hash
space (:func:`analysis.suggest.evaluate.split_labelled`): 8,307 train, 2,027 test.

Two code frames are scored: the 44 sub-category codes (``code``) and the 9 themes (``label``; the
published baselines, 71% accuracy / 58% balanced for TF-IDF + LR, are at this level). For each,
the split is written to a temporary folder as ``id,text,codes`` CSVs and the real command runs on
them (``voices evaluate-suggestions --train ... --test ... --json ...``, in-process through Typer's
runner); then the baseline is fitted on the same CSVs. Prints JSON lines (``"bench": "suggest"``):
one per (frame, system) with accuracy, balanced accuracy, micro/macro F1 and seconds, and one with
the ratios ours/baseline.

Run: ``.venv/bin/python benchmarks/bench_suggest.py [--limit N] [--no-peer]``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

DATA = REPO / "../shared/data/coded/text_data.csv"


def make_split(out_dir: Path, *, level: str = "code",
               limit: int | None = None) -> tuple[Path, Path]:
    """Write the fixed split as CSVs (``level``: ``code`` or ``label``)."""
    import pandas as pd

    from analysis.suggest.evaluate import split_labelled

    raw = pd.read_csv(DATA, dtype=str, keep_default_na=False)
    frame = pd.DataFrame({"id": "r" + raw["row_index"], "text": raw["feedback"],
                          "codes": raw[level]})
    if limit:
        frame = frame.iloc[:limit]
    train, test = split_labelled(frame, test_fraction=0.2)
    paths = out_dir / f"{level}_train.csv", out_dir / f"{level}_test.csv"
    train.to_csv(paths[0], index=False)
    test.to_csv(paths[1], index=False)
    return paths


def run_ours(train: Path, test: Path, json_path: Path) -> dict:
    """Run ``voices evaluate-suggestions`` on the split; returns its JSON."""
    from typer.testing import CliRunner

    from analysis.cli import app
    from analysis.commands.coding import register

    register(app)
    res = CliRunner().invoke(app, ["evaluate-suggestions", "--train", str(train), "--test",
                                   str(test), "--json", str(json_path)])
    if res.exit_code != 0:
        raise SystemExit(f"evaluate-suggestions failed: {res.output}")
    return json.loads(json_path.read_text(encoding="utf-8"))


def run_peer(train: Path, test: Path) -> dict:
    """TF-IDF (words 1-2) + class-balanced logistic regression, the issue's baseline."""
    import pandas as pd
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import accuracy_score, balanced_accuracy_score, f1_score
    from sklearn.pipeline import make_pipeline

    tr = pd.read_csv(train, dtype=str, keep_default_na=False)
    te = pd.read_csv(test, dtype=str, keep_default_na=False)
    model = make_pipeline(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2),
                          LogisticRegression(C=10, class_weight="balanced", max_iter=1000,
                                             random_state=13))
    pred = model.fit(tr["text"], tr["codes"]).predict(te["text"])
    return {"accuracy": accuracy_score(te["codes"], pred),
            "balanced_accuracy": balanced_accuracy_score(te["codes"], pred),
            "micro_f1": f1_score(te["codes"], pred, average="micro"),
            "macro_f1": f1_score(te["codes"], pred, average="macro",
                                 labels=sorted(set(te["codes"])))}


def main(argv: list[str] | None = None) -> None:
    """Print the JSON lines."""
    import warnings

    warnings.filterwarnings("ignore")
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="Use only the first N comments.")
    ap.add_argument("--no-peer", action="store_true", help="Skip the baseline.")
    ap.add_argument("--levels", default="label,code", help="Code frames: label, code.")
    args = ap.parse_args(argv)
    keys = ("accuracy", "balanced_accuracy", "micro_f1", "macro_f1")
    with tempfile.TemporaryDirectory() as tmp:
        for level in args.levels.split(","):
            train, test = make_split(Path(tmp), level=level, limit=args.limit)
            t0 = time.perf_counter()
            ours = run_ours(train, test, Path(tmp) / f"{level}.json")
            row = {"bench": "suggest", "frame": level, "system": ours["suggester"],
                   "n_train": ours["n_train"], "n_test": ours["n_test"],
                   **{k: round(ours.get(k, float("nan")), 4) for k in keys},
                   "seconds": round(time.perf_counter() - t0, 1)}
            print(json.dumps(row), flush=True)
            if args.no_peer:
                continue
            t0 = time.perf_counter()
            peer = run_peer(train, test)
            print(json.dumps({"bench": "suggest", "frame": level,
                              "system": "tfidf+balanced-logreg",
                              **{k: round(float(peer[k]), 4) for k in keys},
                              "seconds": round(time.perf_counter() - t0, 1)}), flush=True)
            print(json.dumps({"bench": "suggest", "frame": level, "ratio": "ours/baseline",
                              **{k: round(row[k] / peer[k], 3) if peer[k] else None
                                 for k in keys}}), flush=True)


if __name__ == "__main__":
    main()
