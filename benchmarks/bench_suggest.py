"""Code suggestions on public human-coded feedback: the product's ensemble against a TF-IDF +
class-balanced logistic regression baseline, same split, same run; and suggestion throughput.

Data: ``../shared/data/coded/text_data.csv`` (10,334 NHS patient-feedback comments, single-label,
44 sub-category codes; MIT, NHS England; see its README).

Split ``feedback-32-v1`` (fixed, documented, committed as ids in
``data/splits/feedback-32-v1.csv``):

* code frame: the 32 codes given to at least 30 comments (the issue's "32 codes"); the 173
  comments of the 12 rarer codes are left out (too few to learn or to score);
* duplicates: comments equal after case-folding and collapsing whitespace are one text (its codes
  the union of its copies' codes), so no text is in two splits;
* split: by the SHA-256 of the case-folded text, 60% train, 20% validation, 20% test
  (:mod:`analysis.suggest.split`): 5,096 / 1,698 / 1,771 texts.

Settings were chosen on validation only (``--tune`` reruns that grid: trained on train, scored on
validation); test is scored once with the chosen settings, by the real command
(``voices evaluate-suggestions --train ... --test ... --json ...`` in-process through Typer's
runner, MiniLM embeddings cached by text hash in a store file under ``outputs/.bench_cache``),
which also fits the baseline on the same CSVs and reports 95% bootstrap intervals, the paired
difference, and the expected calibration error.

Throughput (``--throughput 10000,100000``): the suggest stage's work on N distinct synthetic
segments (each two random comments joined), with the ensemble trained on the train split and the
demo codebook's rules and similarity: the fast configuration (TF-IDF features, rules on spaCy
lemmas, TF-IDF + SVD similarity) at every size, and the MiniLM configuration at 10,000 only
(MiniLM embeds about 50 of these texts a second on the busy 2-core machine, so 100,000 would
take over half an hour).

A codebook of the data set's own code names as a further member (rules and similarity) did not
help on validation (micro/macro F1 0.574/0.463 against 0.577/0.462 without; ECE 0.062 against
0.053), so the scores on test are without a codebook.

Levers and ceiling (``--levers all [--setfit-pairs 4000 --setfit-seed 13]``, in ``bench_suggest_levers.py``): each
lever trained on train and scored on validation only, on one CPU thread (decoding: per-code
thresholds, top-1, top-1 plus a second code above a threshold chosen on train's out-of-fold
scores; heads on the stacked features: one-vs-rest linear SVM, multinomial logistic regression;
kNN over MiniLM blended with the linear model; SetFit-style contrastive tuning of MiniLM, with a
paired bootstrap interval against the product); and the ceiling evidence (agreement of the
file's human codes on comments that occur more than once, the product's top-1 scored at the
parent category, its top-3 hit rate, and a learning curve of the product on 25/50/75/100% of
train). Test is not touched. The tuned vectors are kept under ``outputs/.bench_cache``.

Prints JSON lines (``"bench": "suggest"``). ``make bench`` runs it with no options (test scores,
then throughput at 10,000 and 100,000). Run:
``.venv/bin/python benchmarks/bench_suggest.py [--tune] [--levers all]
[--throughput 10000,100000]``.
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
SPLIT_NAME = "feedback-32-v1"
SPLIT_IDS = REPO / "data" / "splits" / f"{SPLIT_NAME}.csv"
CACHE = REPO / "outputs" / ".bench_cache" / "embeddings.sqlite"
MIN_COUNT = 30


def load_split() -> dict:
    """The split's three frames (``id, text, codes``)."""
    import pandas as pd

    from analysis.suggest.split import restrict_code_frame, split_labelled_three

    raw = pd.read_csv(DATA, dtype=str, keep_default_na=False)
    frame = pd.DataFrame({"id": "r" + raw["row_index"], "text": raw["feedback"],
                          "codes": raw["code"]})
    frame, _ = restrict_code_frame(frame, min_count=MIN_COUNT)
    return split_labelled_three(frame)


def write_split_ids(parts: dict) -> None:
    """Record which ids (the first copy of each text) are in which split."""
    import pandas as pd

    from survey.atomic import atomic_open

    rows = pd.concat([p[["id"]].assign(split=name) for name, p in parts.items()])
    with atomic_open(SPLIT_IDS) as fh:
        rows.to_csv(fh, index=False)


def run_ours(train: Path, test: Path, json_path: Path, *, fast: bool = False) -> dict:
    """Run ``voices evaluate-suggestions`` on the split; returns its JSON."""
    from typer.testing import CliRunner

    from voices.cli import app

    args = ["evaluate-suggestions", "--train", str(train), "--test", str(test), "--json",
            str(json_path), "--cache", str(CACHE)]
    res = CliRunner().invoke(app, args + (["--fast"] if fast else []))
    if res.exit_code != 0:
        raise SystemExit(f"evaluate-suggestions failed: {res.output}")
    return json.loads(json_path.read_text(encoding="utf-8"))


def quality(tmp: Path, parts: dict, *, fast: bool) -> None:
    """Score the product on test, beside the baseline."""
    paths = {}
    for name, p in parts.items():
        paths[name] = tmp / f"{name}.csv"
        p.to_csv(paths[name], index=False)
    t0 = time.perf_counter()
    out = run_ours(paths["train"], paths["test"], tmp / "test.json", fast=fast)
    keys = ("micro_f1", "micro_f1_ci", "macro_f1", "macro_f1_ci", "ece", "ece_ci", "accuracy",
            "balanced_accuracy")
    common = {"bench": "suggest", "split": SPLIT_NAME, "scored_on": "test",
              "n_train": out["n_train"], "n_test": out["n_test"]}
    print(json.dumps({**common, "system": out["suggester"],
                      "embedder": out["configuration"]["embedder"],
                      **{k: out.get(k) for k in keys},
                      "seconds": round(time.perf_counter() - t0, 1)}), flush=True)
    base = out["baseline"]
    print(json.dumps({**common, "system": base["system"],
                      **{k: base.get(k) for k in keys if k in base}}), flush=True)
    print(json.dumps({**common, "difference": "ours - baseline", **out["difference"]}),
          flush=True)


def tune(parts: dict) -> None:
    """The settings grid, trained on train and scored on validation only."""
    import numpy as np

    from analysis.embed import CachedEmbedder, make_embedder
    from analysis.store import Store
    from analysis.suggest.classifier import parse_codes
    from analysis.suggest.ensemble import EnsembleSuggester
    from analysis.suggest.evaluate import score_predictions
    from analysis.suggest.metrics import expected_calibration_error, indicator, top_label

    tr, va = parts["train"], parts["validation"]
    y_va = parse_codes(va["codes"].tolist())
    with Store(CACHE) as cache:
        emb = CachedEmbedder(make_embedder(seed=13), cache)
        for use_emb in (False, True):
            for C in (0.25, 0.5, 1.0):
                for prior_power in (0.0, 0.5):
                    t0 = time.perf_counter()
                    m = EnsembleSuggester(embedder=emb if use_emb else None, C=C,
                                          prior_power=prior_power, seed=13)
                    m.fit(tr["text"].tolist(), tr["codes"].tolist())
                    proba = m.predict_proba(va["text"].tolist())
                    codes = [str(c) for c in m.classes_]
                    pred = m._decide(proba)
                    labels = [[codes[j] for j in np.nonzero(r)[0]] for r in pred]
                    s = score_predictions(y_va, labels, codes)
                    conf, ok = top_label(proba, indicator(y_va, codes))
                    print(json.dumps({"bench": "suggest", "split": SPLIT_NAME,
                                      "scored_on": "validation", "minilm": use_emb, "C": C,
                                      "prior_power": prior_power, "micro_f1": s["micro_f1"],
                                      "macro_f1": s["macro_f1"],
                                      "ece": round(float(expected_calibration_error(
                                          conf, ok)[0]), 4),
                                      "seconds": round(time.perf_counter() - t0, 1)}),
                          flush=True)


def synthetic_segments(parts: dict, n: int, *, seed: int = 13) -> list[str]:
    """``n`` distinct texts, each two random comments joined (so no cache hit is free)."""
    import numpy as np

    pool = [t for p in parts.values() for t in p["text"]]
    rng = np.random.default_rng(seed)
    a, b = rng.integers(0, len(pool), n), rng.integers(0, len(pool), n)
    return [f"{pool[i]} {pool[j]} ({k})" for k, (i, j) in enumerate(zip(a, b, strict=True))]


def throughput(parts: dict, sizes: list[int], configs: tuple[str, ...] = ("fast", "minilm"),
               ) -> None:
    """Time the suggest stage's work per configuration and size."""
    import os

    import pandas as pd

    from analysis.embed import make_embedder
    from analysis.suggest import suggest_codings
    from analysis.suggest.ensemble import EnsembleSuggester
    from survey.nlp import load_nlp

    from codebook.io import read_codebook

    nlp = load_nlp()
    # The demo codebook's keywords and examples: realistic matching work (its codes do not
    # fit these comments; only the time is measured here).
    cb = read_codebook(REPO / "data" / "demo" / "codebook.yaml")
    tr = parts["train"]
    from analysis.embed import CachedEmbedder
    from analysis.store import Store

    for config in configs:
        embedder = make_embedder(fast=config == "fast", seed=13)
        if config != "fast":  # as in the pipeline: one embedding per text, shared via the store
            tmp = tempfile.mkdtemp()
            embedder = CachedEmbedder(embedder, Store(Path(tmp) / "cache.sqlite").open())
        t0 = time.perf_counter()
        model = EnsembleSuggester(embedder=embedder, seed=13).fit(tr["text"].tolist(),
                                                                  tr["codes"].tolist())
        fit_s = time.perf_counter() - t0
        for n in sizes:
            if config == "minilm" and n > 10_000:
                continue  # ~50 texts/s on this CPU: see the README
            texts = synthetic_segments(parts, n)
            segs = pd.DataFrame({"segment_id": [f"s{i}" for i in range(n)], "text": texts})
            t0 = time.perf_counter()
            rules_sim = suggest_codings(segs, cb, nlp=nlp, embedder=embedder)
            t1 = time.perf_counter()
            proba = model.predict_proba(texts)
            model._decide(proba)
            model.explain(texts)  # the stage writes each suggestion's evidence too
            t2 = time.perf_counter()
            print(json.dumps({"bench": "suggest", "throughput": config, "segments": n,
                              "rules_similarity_s": round(t1 - t0, 1),
                              "ensemble_s": round(t2 - t1, 1),
                              "total_s": round(t2 - t0, 1),
                              "segments_per_s": round(n / (t2 - t0), 1),
                              "fit_s": round(fit_s, 1), "suggestions": len(rules_sim),
                              "cpus": os.cpu_count()}), flush=True)


def feedback_codebook(parts: dict):  # noqa: ANN201
    """A codebook of the split's codes from the data set's own names (no examples)."""
    import pandas as pd

    from codebook.model import Code, Codebook, Theme

    raw = pd.read_csv(DATA, dtype=str, keep_default_na=False).drop_duplicates("code")
    names = raw.set_index("code")
    codes = sorted({c for c in parts["train"]["codes"] for c in c.split(";")})
    themes = sorted({names.loc[c, "label"] for c in codes})
    tid = {t: f"t{i}" for i, t in enumerate(themes)}
    return Codebook("NHS feedback", tuple(Theme(tid[t], t) for t in themes), tuple(
        Code(c, names.loc[c, "subcategory"], tid[names.loc[c, "label"]],
             definition=f"{names.loc[c, 'label']}: {names.loc[c, 'subcategory']}")
        for c in codes))


def main(argv: list[str] | None = None) -> None:
    """Print the JSON lines."""
    import warnings

    warnings.filterwarnings("ignore")
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tune", action="store_true", help="Rerun the settings grid on validation.")
    ap.add_argument("--fast", action="store_true", help="Score the TF-IDF-only configuration.")
    ap.add_argument("--no-quality", action="store_true", help="Skip the test-split scores.")
    ap.add_argument("--throughput", default="10000,100000",
                    help="Segment counts ('' for none); MiniLM only up to 10,000.")
    ap.add_argument("--configs", default="fast,minilm", help="Throughput configurations.")
    ap.add_argument("--levers", default="",
                    help="Levers and ceiling on validation only, one thread: comma-separated "
                         "stages of product,heads,knn,ceiling,curve ('all' for every one).")
    ap.add_argument("--setfit-pairs", type=int, default=0,
                    help="With --levers: SetFit-style tuning of MiniLM on this many pairs.")
    ap.add_argument("--setfit-seed", type=int, default=13, help="Seed of the SetFit tuning.")
    ap.add_argument("--write-split", action="store_true", help=f"Rewrite {SPLIT_IDS.name}.")
    args = ap.parse_args(argv)
    parts = load_split()
    if args.write_split:
        write_split_ids(parts)
    if args.tune:
        tune(parts)
    if args.levers or args.setfit_pairs:
        from bench_suggest_levers import levers

        stages = ("product", "heads", "knn", "ceiling", "curve") if args.levers == "all" \
            else tuple(x for x in args.levers.split(",") if x)
        levers(parts, setfit_pairs=args.setfit_pairs, setfit_seed=args.setfit_seed,
               stages=stages)
    if not args.no_quality:
        with tempfile.TemporaryDirectory() as tmp:
            quality(Path(tmp), parts, fast=args.fast)
    if args.throughput:
        throughput(parts, [int(x) for x in args.throughput.split(",")],
                   tuple(args.configs.split(",")))


if __name__ == "__main__":
    main()
