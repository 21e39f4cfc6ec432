"""Topic benchmark: embedding throughput and topic-model fit time on SYNTHETIC answers.

Prints JSON lines (one object per figure, each with a ``bench`` key):

* ``embed_throughput``: texts per second of the offline all-MiniLM-L6-v2 embedder for short
  (about 10 words) and long (about 120 words) answers, and the device it ran on;
* ``topic_fit``: for 100, 1,000 and 10,000 answers (and 100,000 with ``--full``): seconds to
  embed, seconds to fit (reduce, cluster, c-TF-IDF words), topics found, method, and the peak
  memory (max RSS of the child process that runs the sizes in ascending order, so each figure
  is the peak up to and including that fit). The one-off numba compilation of UMAP/HDBSCAN
  (paid once per process) is measured first and reported as ``jit_warmup_s``.

Targets: the demo's topic stage under 30 s; 100,000 short answers embedded and
modelled in under 15 minutes on 2 cores within 8 GB. ``--fast`` uses the TF-IDF + SVD
embedder instead of MiniLM. The default run takes about 2 to 3 minutes on 2 cores.

Usage: ``python benchmarks/bench_topics.py [--full] [--fast] [--sizes 100,1000]``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
THEMES = {  # SYNTHETIC phrases about services, never real answers
    "waiting": ["the waiting list for {a} counselling was {t}",
                "I waited {t} for a {a} appointment", "the delay before {a} therapy was {t}"],
    "travel": ["the {a} bus to the centre took {t}", "getting to the {a} clinic took {t}",
               "travel to {a} sessions cost too much and took {t}"],
    "believed": ["the {a} worker listened and believed me", "staff at the {a} service believed me",
                 "I felt heard by the {a} advocate after {t}"],
    "childcare": ["I had no {a} childcare for sessions", "a {a} creche would let parents attend",
                  "nobody could mind my children during {a} visits"],
    "online": ["{a} online chat felt safer than calls",
               "video sessions with the {a} team suited me",
               "texting the {a} helpline was easier after {t}"],
    "information": ["nobody explained what the {a} service offered",
                    "a clear {a} leaflet would help",
                    "I did not know which {a} service to call first"],
}
ADJ = ["local", "weekly", "new", "evening", "free", "nearest", "main", "small", "busy", "rural",
       "specialist", "community", "hospital", "youth", "women's", "national"]
TIMES = ["two weeks", "a month", "three months", "six months", "a year", "ages", "too long"]
FILLER = ("SYNTHETIC answer text about support services and recovery written for a benchmark "
          "only. ").split()


def answers(n: int, *, long: bool = False, seed: int = 0) -> list[str]:
    """``n`` SYNTHETIC answers: short (one phrase) or long (about 120 words)."""
    rng = random.Random(seed)
    names = sorted(THEMES)
    out = []
    for i in range(n):
        theme = names[i % len(names)]
        text = rng.choice(THEMES[theme]).format(a=rng.choice(ADJ), t=rng.choice(TIMES))
        if long:
            parts = [text]
            while sum(len(p.split()) for p in parts) < 120:
                other = rng.choice(THEMES[rng.choice(names)]).format(a=rng.choice(ADJ),
                                                                    t=rng.choice(TIMES))
                parts.append(other if rng.random() < 0.7 else " ".join(rng.sample(FILLER, 8)))
            text = ". ".join(parts)
        out.append(text[0].upper() + text[1:] + ".")
    return out


def _embedder(fast: bool):
    from analysis.embed import MiniLMEmbedder, TfidfSvdEmbedder

    return TfidfSvdEmbedder(seed=13) if fast else MiniLMEmbedder().load()


def _device() -> str:
    try:
        import torch

        return f"cuda ({torch.cuda.get_device_name(0)})" if torch.cuda.is_available() else "cpu"
    except ImportError:
        return "cpu (no torch)"


def bench_throughput(fast: bool) -> None:
    emb = _embedder(fast)
    emb.encode(answers(32))  # warm up
    for kind, n, long in (("short", 1000, False), ("long", 200, True)):
        texts = answers(n, long=long, seed=1)
        t0 = time.perf_counter()
        emb.encode(texts)
        dt = time.perf_counter() - t0
        print(json.dumps({"bench": "embed_throughput", "answers": kind, "n": n,
                          "texts_per_s": round(n / dt, 1), "seconds": round(dt, 2),
                          "embedder": getattr(emb, "name", "?"), "device": _device(),
                          "cpus": os.cpu_count()}), flush=True)


def child_fit(sizes: list[int], fast: bool) -> None:
    """Run in a fresh process: embed and fit each size in turn (ascending), one JSON line each."""
    import numpy as np

    from analysis.topics import TopicModel

    # Warm up numba (UMAP, HDBSCAN compile on first use: tens of seconds, once per process) on
    # random vectors, and report it apart so fit times compare across sizes.
    t0 = time.perf_counter()
    warm = np.random.default_rng(0).normal(size=(400, 16)).astype(np.float32)

    class _Warm:
        name, transductive = "warm", False

        def encode(self, _texts):
            return warm

    TopicModel(embedder=_Warm(), seed=1).fit([f"w {i}" for i in range(400)],
                                             [str(i) for i in range(400)])
    t_warm = time.perf_counter() - t0
    emb = _embedder(fast)
    for n in sorted(sizes):
        _fit_one(n, emb, t_warm)


def _fit_one(n: int, emb, t_warm: float) -> None:  # noqa: ANN001
    from analysis.topics import TopicModel

    texts = answers(n, seed=n)
    t0 = time.perf_counter()
    vecs = emb.encode(texts)
    t_embed = time.perf_counter() - t0

    class _Pre:  # hand the model the vectors just made, so fit time excludes embedding
        name = getattr(emb, "name", "pre")
        transductive = False

        def encode(self, _texts):
            return vecs

    t0 = time.perf_counter()
    result = TopicModel(embedder=_Pre(), seed=13).fit(texts, [f"a{i}" for i in range(n)])
    t_fit = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"bench": "topic_fit", "n": n, "embed_s": round(t_embed, 2),
                      "fit_s": round(t_fit, 2),
                      "jit_warmup_s": round(t_warm, 2), "total_s": round(t_embed + t_fit, 2),
                      "topics": len(result.topics), "method": result.method,
                      "fallback": result.fallback_used, "status": result.status,
                      "peak_rss_mb": round(peak, 1), "embedder": getattr(emb, "name", "?"),
                      "device": _device(), "cpus": os.cpu_count(),
                      "python": platform.python_version()}), flush=True)


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print JSON lines."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--full", action="store_true", help="also fit 100,000 answers")
    ap.add_argument("--fast", action="store_true", help="TF-IDF + SVD instead of MiniLM")
    ap.add_argument("--sizes", default=None, help="comma-separated sizes (overrides defaults)")
    ap.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    sys.path.insert(0, str(REPO))
    if args.child is not None:
        child_fit([int(x) for x in args.child.split(",")], args.fast)
        return
    bench_throughput(args.fast)
    sizes = ([int(s) for s in args.sizes.split(",")] if args.sizes else
             [100, 1000, 10000] + ([100000] if args.full else []))
    cmd = [sys.executable, __file__, "--child", ",".join(map(str, sizes))] + (
        ["--fast"] if args.fast else [])
    res = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         check=False)
    lines = [ln for ln in res.stdout.splitlines() if ln.startswith("{")]
    for line in lines:
        print(line, flush=True)
    if res.returncode != 0:
        print(json.dumps({"bench": "topic_fit", "error": f"exit {res.returncode}",
                          "sizes_done": len(lines), "stderr_tail": res.stderr[-300:]}),
              flush=True)


if __name__ == "__main__":
    main()
