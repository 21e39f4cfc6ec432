"""The suggestion benchmark's levers and ceiling (``bench_suggest.py --levers``): every lever
trained on train and scored on validation only (test untouched), on one CPU thread; and the
ceiling evidence (agreement of human codes on repeated comments, the parent-category score, a
learning curve). JSON lines with ``"scored_on": "validation"``. The split, the data and the
embedding cache are :mod:`bench_suggest`'s.
"""

from __future__ import annotations

import json
import time
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_suggest import CACHE, DATA, SPLIT_NAME  # noqa: E402


def _one_thread() -> None:
    import os

    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ[var] = "1"
    try:
        import torch

        torch.set_num_threads(1)
    except ImportError:
        pass


def _emit(**row) -> None:  # noqa: ANN003
    print(json.dumps({"bench": "suggest", "split": SPLIT_NAME, **row}), flush=True)


def _score(y_true: list, labels: list, codes: list[str]) -> dict:
    from analysis.suggest.evaluate import score_predictions

    s = score_predictions(y_true, labels, codes)
    return {"micro_f1": s["micro_f1"], "macro_f1": s["macro_f1"]}


def _top1(scores, codes: list[str]) -> list[list[str]]:  # noqa: ANN001
    import numpy as np

    return [[codes[int(j)]] for j in np.argmax(scores, axis=1)]


def _top1_plus(proba, codes: list[str], t: float) -> list[list[str]]:  # noqa: ANN001
    """The top code always; the second too when its probability is at least ``t``."""
    import numpy as np

    order = np.argsort(-proba, axis=1, kind="stable")
    out = []
    for i in range(proba.shape[0]):
        a, b = order[i, 0], order[i, 1]
        out.append([codes[a]] + ([codes[b]] if proba[i, b] >= t else []))
    return out


def _features(tr_texts: list[str], other: list[list[str]], E_tr, E_other):  # noqa: ANN001, ANN202
    """The product's stacked features: word and character TF-IDF plus MiniLM vectors."""
    from scipy import sparse

    from analysis.suggest.ensemble import EnsembleSuggester

    feats = EnsembleSuggester()._make_features().fit(tr_texts)
    F_tr = sparse.hstack([feats.transform(tr_texts), sparse.csr_matrix(E_tr)]).tocsr()
    F_o = [sparse.hstack([feats.transform(t), sparse.csr_matrix(E)]).tocsr()
           for t, E in zip(other, E_other, strict=True)]
    return F_tr, F_o


def _softmax_lr(F_tr, y_idx, F_o, *, C: float, seed: int = 13):  # noqa: ANN001, ANN202
    """One multinomial logistic regression over the codes (single-label heads)."""
    from sklearn.linear_model import LogisticRegression

    m = LogisticRegression(C=C, max_iter=3000, class_weight="balanced", random_state=seed)
    m.fit(F_tr, y_idx)
    return [m.predict_proba(F) for F in F_o]


def _knn_scores(E_tr, Y_tr, E_q, *, k: int, exclude_self: bool = False):  # noqa: ANN001, ANN202
    """Per code, the similarity-weighted share of the ``k`` nearest training texts."""
    import numpy as np

    S = E_q @ E_tr.T
    if exclude_self:
        np.fill_diagonal(S, -np.inf)
    idx = np.argpartition(-S, k, axis=1)[:, :k]
    w = np.maximum(np.take_along_axis(S, idx, axis=1), 0.0)
    out = np.einsum("qk,qkc->qc", w, Y_tr[idx])
    return out / np.maximum(out.sum(1, keepdims=True), 1e-12)


def _first_code_index(codes_per_text: list[list[str]], codes: list[str]):  # noqa: ANN202
    import numpy as np

    col = {c: j for j, c in enumerate(codes)}
    return np.array([col[cs[0]] for cs in codes_per_text])


def contrastive_pairs(codes: list[list[str]], n_pairs: int, *,
                      seed: int = 13) -> list[tuple[int, int, float]]:
    """SetFit's pairs: ``(i, j, 1.0)`` for two different texts sharing a code and
    ``(i, j, 0.0)`` for two sharing none, alternating (half of each), anchors drawn uniformly,
    shuffled; seeded.

    Raises:
        ValueError: No two texts share a code, or every text shares one with every other.
    """
    import random

    rng = random.Random(seed)
    by_code: dict[str, list[int]] = {}
    for i, cs in enumerate(codes):
        for c in cs:
            by_code.setdefault(c, []).append(i)
    coded = [i for i, cs in enumerate(codes) if cs]
    if not any(len(v) > 1 for v in by_code.values()) or len(by_code) < 2:
        raise ValueError("need two texts sharing a code and two codes")
    pairs: list[tuple[int, int, float]] = []
    tries = 0
    while len(pairs) < n_pairs:
        tries += 1
        if tries > 100 * n_pairs + 1000:
            raise ValueError("could not draw enough pairs")
        a = rng.choice(coded)
        if len(pairs) % 2 == 0:
            b = rng.choice(by_code[rng.choice(codes[a])])
            if b != a:
                pairs.append((a, b, 1.0))
        else:
            b = rng.choice(coded)
            if not set(codes[a]) & set(codes[b]):
                pairs.append((a, b, 0.0))
    rng.shuffle(pairs)
    return pairs


def _setfit_vectors(tr, texts_out: list[list[str]], *, n_pairs: int, seed: int = 13,
                    batch: int = 16, lr: float = 2e-5):  # noqa: ANN001, ANN202
    """SetFit-style contrastive fine-tuning of MiniLM (cosine-similarity loss on pairs of
    training texts: 1 when they share a code, 0 when not; half of each), one pass over
    ``n_pairs`` pairs; returns the tuned model's unit vectors for each list in ``texts_out``
    and the seconds it took to train."""
    import numpy as np
    import torch
    from sentence_transformers import SentenceTransformer

    from analysis.embed import default_model_dir, verify_model_dir
    from analysis.suggest.classifier import parse_codes

    torch.manual_seed(seed)
    texts = tr["text"].tolist()
    pairs = contrastive_pairs(parse_codes(tr["codes"].tolist()), n_pairs, seed=seed)
    model = SentenceTransformer(str(verify_model_dir(default_model_dir())), device="cpu",
                                local_files_only=True)
    model.max_seq_length = 128
    model.train()
    opt = torch.optim.AdamW(model.parameters(), lr=lr)
    t0 = time.perf_counter()
    for s in range(0, len(pairs), batch):
        chunk = pairs[s:s + batch]
        fa = model.tokenize([texts[a] for a, _, _ in chunk])
        fb = model.tokenize([texts[b] for _, b, _ in chunk])
        ea = model(fa)["sentence_embedding"]
        eb = model(fb)["sentence_embedding"]
        target = torch.tensor([y for _, _, y in chunk], dtype=torch.float32)
        loss = torch.nn.functional.mse_loss(torch.cosine_similarity(ea, eb), target)
        opt.zero_grad()
        loss.backward()
        opt.step()
    train_s = time.perf_counter() - t0
    model.eval()
    t0 = time.perf_counter()
    out = [np.asarray(model.encode(t, batch_size=64, normalize_embeddings=True,
                                   show_progress_bar=False), dtype=np.float32)
           for t in texts_out]
    return out, {"train_s": round(train_s, 1), "encode_texts_per_s": round(
        sum(len(t) for t in texts_out) / (time.perf_counter() - t0), 1)}


class _VectorLookup:
    """An inductive embedder that returns precomputed vectors by text (for the tuned model)."""

    name = "lookup"
    transductive = False

    def __init__(self, texts: list[str], vectors) -> None:  # noqa: ANN001
        self._row = {t: i for i, t in enumerate(texts)}
        self._vectors = vectors

    def encode(self, texts: list[str]):  # noqa: ANN201
        return self._vectors[[self._row[t] for t in texts]]


def _setfit_lever(parts: dict, codes: list[str], E_tr, E_va, emb, *,  # noqa: ANN001
                  n_pairs: int, seed: int, common: dict) -> None:
    """SetFit-style tuning against the shipped MiniLM with the same heads, and against the
    product's ensemble with a paired bootstrap interval on validation (1,000 resamples)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    from analysis.suggest.classifier import parse_codes
    from analysis.suggest.ensemble import EnsembleSuggester
    from analysis.suggest.metrics import bootstrap_weights, f1_scores, indicator, interval

    tr, va = parts["train"], parts["validation"]
    tr_texts, va_texts = tr["text"].tolist(), va["text"].tolist()
    y_tr, y_va = parse_codes(tr["codes"].tolist()), parse_codes(va["codes"].tolist())
    saved = CACHE.parent / f"setfit-{n_pairs}-s{seed}.npz"  # vectors only (outputs/ is ignored)
    if saved.is_file():
        with np.load(saved) as z:
            Ft_tr, Ft_va, cost = z["train"], z["validation"], {"train_s": "cached"}
    else:
        (Ft_tr, Ft_va), cost = _setfit_vectors(tr, [tr_texts, va_texts], n_pairs=n_pairs,
                                               seed=seed)
        np.savez(saved, train=Ft_tr, validation=Ft_va)
    yi = _first_code_index(y_tr, codes)
    labels = {}
    for name, A, B in (("MiniLM as shipped", E_tr, E_va), ("MiniLM tuned", Ft_tr, Ft_va)):
        head = LogisticRegression(C=10.0, max_iter=3000, class_weight="balanced",
                                  random_state=13).fit(A, yi)
        _emit(**common, lever="setfit", variant=f"{name}: logistic head on vectors alone",
              pairs=n_pairs, seed=seed, **cost,
              **_score(y_va, _top1(head.predict_proba(B), codes), codes))
        Fs_tr, (Fs_va,) = _features(tr_texts, [va_texts], A, [B])
        (P,) = _softmax_lr(Fs_tr, yi, [Fs_va], C=20.0)
        labels[name] = _top1(P, codes)
        _emit(**common, lever="setfit",
              variant=f"{name}: + word/char TF-IDF, multinomial logistic C=20, top-1",
              pairs=n_pairs, seed=seed, **_score(y_va, labels[name], codes))
    m = EnsembleSuggester(embedder=emb, seed=13).fit(tr_texts, y_tr)
    product = m._decide(m.predict_proba(va_texts)).astype(float)
    # the product's ensemble itself on the tuned vectors (its fold-based stackers then see
    # vectors tuned on every train text, so its thresholds are fitted a little optimistically)
    lookup = _VectorLookup(tr_texts + va_texts, np.vstack([Ft_tr, Ft_va]))
    mt = EnsembleSuggester(embedder=lookup, seed=13).fit(tr_texts, y_tr)
    pt = mt._decide(mt.predict_proba(va_texts))
    _emit(**common, lever="setfit", variant="product ensemble on tuned MiniLM vectors",
          pairs=n_pairs, seed=seed,
          **_score(y_va, [[codes[j] for j in np.nonzero(r)[0]] for r in pt], codes))
    Y = indicator(y_va, codes)
    W = bootstrap_weights(len(va_texts), n_boot=1000, seed=13)
    tuned = indicator(labels["MiniLM tuned"], codes)
    for name, other in (("product ensemble", product),
                        ("same head on shipped MiniLM", indicator(labels["MiniLM as shipped"],
                                                                  codes))):
        a_mi, a_ma = f1_scores(Y, tuned, W)
        b_mi, b_ma = f1_scores(Y, other, W)
        one = np.ones((1, len(va_texts)))
        d_mi = f1_scores(Y, tuned, one)[0][0] - f1_scores(Y, other, one)[0][0]
        d_ma = f1_scores(Y, tuned, one)[1][0] - f1_scores(Y, other, one)[1][0]
        _emit(**common, lever="setfit", difference=f"tuned stacked - {name}", pairs=n_pairs,
              seed=seed, micro_f1=round(float(d_mi), 4), micro_f1_ci=interval(a_mi - b_mi),
              macro_f1=round(float(d_ma), 4), macro_f1_ci=interval(a_ma - b_ma))


def levers(parts: dict, *, setfit_pairs: int = 0, setfit_seed: int = 13,
           stages: tuple[str, ...] = ("product", "heads", "knn", "ceiling", "curve")) -> None:
    """Measure the levers on validation (see the block comment above)."""
    import numpy as np

    from analysis.embed import CachedEmbedder, make_embedder
    from analysis.store import Store
    from analysis.suggest.classifier import parse_codes
    from analysis.suggest.ensemble import EnsembleSuggester
    from analysis.suggest.metrics import indicator

    _one_thread()
    tr, va = parts["train"], parts["validation"]
    tr_texts, va_texts = tr["text"].tolist(), va["text"].tolist()
    y_tr, y_va = parse_codes(tr["codes"].tolist()), parse_codes(va["codes"].tolist())
    codes = sorted({c for cs in y_tr for c in cs})
    Y_tr = indicator(y_tr, codes)
    common = {"scored_on": "validation", "n_train": len(tr), "n_validation": len(va)}
    with Store(CACHE) as cache:
        emb = CachedEmbedder(make_embedder(seed=13), cache)
        E_tr, E_va = emb.encode(tr_texts), emb.encode(va_texts)
        if "product" in stages:
            t0 = time.perf_counter()
            m = EnsembleSuggester(embedder=emb, seed=13).fit(tr_texts, y_tr)
            fit_s = time.perf_counter() - t0
            assert [str(c) for c in m.classes_] == codes
            proba = m.predict_proba(va_texts)
            lab = [[codes[j] for j in np.nonzero(r)[0]] for r in m._decide(proba)]
            _emit(**common, lever="decoding", variant="product (per-code thresholds)",
                  **_score(y_va, lab, codes), fit_s=round(fit_s, 1))
            rank = m._rank_scores(proba)
            _emit(**common, lever="decoding", variant="top-1 by prior-corrected rank",
                  **_score(y_va, _top1(rank, codes), codes))
            _emit(**common, lever="decoding", variant="top-1 by probability",
                  **_score(y_va, _top1(proba, codes), codes))
            # the same top-1 decisions counted at the parent category (the file's "label")
            import pandas as pd

            parent = pd.read_csv(DATA, dtype=str, keep_default_na=False).drop_duplicates(
                "code").set_index("code")["label"].to_dict()
            pc = sorted({parent[c] for c in codes})
            top = np.argsort(-rank, axis=1, kind="stable")
            wrong = [(set(y_va[i]), codes[top[i, 0]]) for i in range(len(y_va))
                     if codes[top[i, 0]] not in y_va[i]]
            _emit(**common, lever="ceiling", variant="where the product's top-1 goes wrong",
                  top3_hit_rate=round(float(np.mean([bool(set(y_va[i]) & {
                      codes[j] for j in top[i, :3]}) for i in range(len(y_va))])), 4),
                  wrong_top1=len(wrong), wrong_but_same_category=sum(
                      parent[p] in {parent[c] for c in t} for t, p in wrong))
            _emit(**common, lever="ceiling", variant="top-1 by rank, scored by parent category",
                  n_categories=len(pc), **_score([[parent[c] for c in cs] for cs in y_va],
                                                 [[parent[c] for c in cs]
                                                  for cs in _top1(rank, codes)], pc))
            # second code's threshold chosen on train's out-of-fold probabilities
            oof = m.cv_scores_
            grid = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7]
            best_t = max(grid, key=lambda t: _score(y_tr, _top1_plus(oof, codes, t),
                                                    codes)["micro_f1"])
            _emit(**common, lever="decoding", variant="top-1 + second above t (t on train OOF)",
                  t=best_t, **_score(y_va, _top1_plus(proba, codes, best_t), codes))
            # per-code thresholds re-chosen on validation itself: an optimistic bound
            Yv = indicator(y_va, codes)
            th = np.array([max(np.round(np.arange(0.05, 0.96, 0.05), 2), key=lambda t, j=j: (
                2 * ((proba[:, j] >= t) & (Yv[:, j] == 1)).sum()
                / max(1, (proba[:, j] >= t).sum() + Yv[:, j].sum()))) for j in range(len(codes))])
            pick = proba >= th
            lab = [[codes[j] for j in np.nonzero(r)[0]] or [codes[int(np.argmax(rank[i]))]]
                   for i, r in enumerate(pick)]
            _emit(**common, lever="decoding",
                  variant="per-code thresholds fitted on validation (optimistic bound)",
                  **_score(y_va, lab, codes))
        if {"heads", "knn"} & set(stages):
            F_tr, (F_va,) = _features(tr_texts, [va_texts], E_tr, [E_va])
            yi = _first_code_index(y_tr, codes)
        if "heads" in stages:
            from sklearn.svm import LinearSVC

            for C in (0.1, 0.25, 0.5):
                t0 = time.perf_counter()
                D = np.column_stack([LinearSVC(C=C, class_weight="balanced", random_state=13)
                                     .fit(F_tr, Y_tr[:, j]).decision_function(F_va)
                                     for j in range(len(codes))])
                _emit(**common, lever="head", variant=f"one-vs-rest linear SVM C={C}, top-1",
                      **_score(y_va, _top1(D, codes), codes),
                      seconds=round(time.perf_counter() - t0, 1))
            for C in (5.0, 20.0, 50.0):
                t0 = time.perf_counter()
                (P,) = _softmax_lr(F_tr, yi, [F_va], C=C)
                _emit(**common, lever="head",
                      variant=f"multinomial logistic regression C={C}, top-1",
                      **_score(y_va, _top1(P, codes), codes),
                      seconds=round(time.perf_counter() - t0, 1))
        if "knn" in stages:
            (P,) = _softmax_lr(F_tr, yi, [F_va], C=20.0)
            for k in (10, 25, 50):
                K = _knn_scores(E_tr, Y_tr, E_va, k=k)
                _emit(**common, lever="knn", variant=f"kNN on MiniLM alone k={k}, top-1",
                      **_score(y_va, _top1(K, codes), codes))
                for a in (0.25, 0.5):
                    _emit(**common, lever="knn",
                          variant=f"(1-a) logistic C=20 + a kNN k={k}, a={a}, top-1",
                          **_score(y_va, _top1((1 - a) * P + a * K, codes), codes))
        if setfit_pairs:
            _setfit_lever(parts, codes, E_tr, E_va, emb, n_pairs=setfit_pairs,
                          seed=setfit_seed, common=common)
    if "ceiling" in stages:
        ceiling(parts)
    if "curve" in stages:
        # the product's ensemble on 25/50/75% of train (three seeded subsamples each) and all of
        # it: how fast validation F1 grows with more human-coded texts
        with Store(CACHE) as cache:
            emb = CachedEmbedder(make_embedder(seed=13), cache)
            for frac in (0.25, 0.5, 0.75, 1.0):
                runs = []
                for seed in ((13,) if frac == 1.0 else (13, 14, 15)):
                    perm = np.random.default_rng(seed).permutation(len(tr))
                    keep = np.sort(perm[: int(round(frac * len(tr)))])
                    m = EnsembleSuggester(embedder=emb, seed=13).fit(
                        [tr_texts[i] for i in keep], [y_tr[i] for i in keep])
                    got = [str(c) for c in m.classes_]
                    pred = m._decide(m.predict_proba(va_texts))
                    runs.append(_score(y_va, [[got[j] for j in np.nonzero(r)[0]] for r in pred],
                                       codes))
                _emit(**{**common, "n_train": len(keep)}, lever="learning curve",
                      train_fraction=frac, subsamples=len(runs),
                      variant="product ensemble (mean over subsamples)",
                      micro_f1=round(float(np.mean([r["micro_f1"] for r in runs])), 4),
                      macro_f1=round(float(np.mean([r["macro_f1"] for r in runs])), 4),
                      micro_f1_each=[r["micro_f1"] for r in runs])

def repeat_agreement(texts: list[str], codes: list[str]) -> dict:
    """Agreement of the codes people gave to copies of the same comment (case-folded, spaces
    collapsed): each repeated text counts once, however many copies it has.

    Returns:
        ``texts_with_copies``, ``copies``, ``texts_with_disagreement``,
        ``mean_pair_agreement`` (per text, the share of its pairs of copies with the same
        code) and ``mean_majority_code_accuracy`` (per text, the share of copies carrying its
        most common code: the best any model can score on them).
    """
    import itertools

    from analysis.suggest.split import normalise_text

    groups: dict[str, list[str]] = {}
    for t, c in zip(texts, codes, strict=True):
        groups.setdefault(normalise_text(t), []).append(c)
    rep = [g for g in groups.values() if len(g) > 1]
    agree = [sum(a == b for a, b in itertools.combinations(g, 2)) / (len(g) * (len(g) - 1) / 2)
             for g in rep]
    majority = [max(g.count(c) for c in set(g)) / len(g) for g in rep]
    return {"texts_with_copies": len(rep), "copies": sum(len(g) for g in rep),
            "texts_with_disagreement": sum(len(set(g)) > 1 for g in rep),
            "mean_pair_agreement": round(sum(agree) / len(rep), 4) if rep else None,
            "mean_majority_code_accuracy": round(sum(majority) / len(rep), 4) if rep else None}


def ceiling(parts: dict) -> None:
    """How far the data allow: human agreement on comments that occur more than once in the
    whole file (case-folded), with the length of those comments."""
    import pandas as pd

    from analysis.suggest.split import normalise_text

    raw = pd.read_csv(DATA, dtype=str, keep_default_na=False)
    key = raw["feedback"].map(normalise_text)
    words = raw["feedback"].str.split().str.len()
    repeated = key.duplicated(keep=False)
    kept = set(c for p in parts.values() for cs in p["codes"] for c in cs.split(";"))
    for scope, rows in (("all 44 codes", raw.index == raw.index),
                        ("the 32 split codes", raw["code"].isin(kept).to_numpy())):
        frame = raw[rows]
        _emit(scored_on="whole file", lever="ceiling", scope=scope,
              **repeat_agreement(frame["feedback"].tolist(), frame["code"].tolist()),
              median_words_repeated=float(words[~key.duplicated() & repeated].median()),
              median_words_all=float(words[~key.duplicated()].median()))
