"""Scale benchmark: a SYNTHETIC survey project of N free-text answers through the whole pipeline.

The project is built in a temporary folder (never committed) from the public coded NHS
feedback comments (``../shared/data/coded/text_data.csv``): their sentences are recombined
into new answers, four free-text questions per respondent (the demo instrument's survivor
questions), with invented names and phone numbers planted in a few answers so the anonymiser
has work, and the demo codebook and instrument. Nothing of the built project is printed.

Each stage (ingest, segment, suggest, topics, report) runs in its own child process, so the
figure for a stage is that process's wall time and peak resident memory (``ru_maxrss``),
model loading included. ``--one-process`` also times ``voices run`` as a user runs it (all
stages in one process) for the whole-run peak. ``--cluster local:2`` adds the same run on a
Dask ``LocalCluster`` and the throughput ratio against in-process.

Prints JSON lines (``bench: "scale"``). Usage::

    python benchmarks/bench_scale.py                 # 10,000 answers
    python benchmarks/bench_scale.py --full          # 100,000 answers
    python benchmarks/bench_scale.py --answers 2000 --keep /tmp/scale   # keep the project
    python benchmarks/bench_scale.py --stability 20000 --sample 10000   # topic stability
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED_CODED = REPO.parent / "shared" / "data" / "coded" / "text_data.csv"
STAGES = ("ingest", "segment", "suggest", "topics", "report")
FREE_TEXT = ("helped", "would_have_helped", "barriers", "anything_else")
QUESTION_TEXT = {
    "helped": "What helped you most when you looked for support?",
    "would_have_helped": "What would have helped you that you did not get?",
    "barriers": "What made it harder for you to get support, if anything?",
    "anything_else": "Is there anything else you would like to tell us?",
}
CLOSED = {
    "age_band": ("Which age group are you in?",
                 ["18-24", "25-34", "35-44", "45-54", "55-64", "Prefer not to say"]),
    "gender": ("How would you describe your gender?", ["Woman", "Man", "Prefer not to say"]),
    "satisfaction_overall": ("Overall, how satisfied are you with the support you received?",
                             ["Very dissatisfied", "Dissatisfied",
                              "Neither satisfied nor dissatisfied", "Satisfied",
                              "Very satisfied"]),
}
# Invented identifiers (no real person): planted in about 4% of answers.
FIRST = ("Zelphine", "Orrin", "Marguerite", "Tobiah", "Ysolde", "Caspian", "Wenna", "Idris",
         "Perpetua", "Lorcan")
LAST = ("Quillfeather", "Ashdown", "Trevellick", "Manderley", "Oakhurst", "Penhallow",
        "Brackwater", "Thistlewood")
TEMPLATES = ("My support worker {name} was brilliant.",
             "I was told to ring {phone} and nobody answered.",
             "{name} at the centre listened to me.", "Please call me on {phone}.")
_SENT = re.compile(r"(?<=[.!?])\s+")


def load_sentences(path: Path = SHARED_CODED) -> list[str]:
    """Sentences of the coded feedback comments (deduplicated, in file order)."""
    out: dict[str, None] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            for s in _SENT.split((row.get("feedback") or "").strip()):
                s = s.strip()
                if 3 <= len(s.split()) <= 60:
                    out[s] = None
    return list(out)


def _answer(rng: random.Random, sentences: list[str]) -> str:
    k = rng.choices((1, 2, 3, 4), weights=(45, 30, 15, 10))[0]
    parts = [rng.choice(sentences) for _ in range(k)]
    if rng.random() < 0.04:
        parts.insert(rng.randrange(len(parts) + 1), rng.choice(TEMPLATES).format(
            name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            phone=f"07700 900{rng.randrange(1000):03d}"))
    return " ".join(parts)


# The disclosure mix (``small=True``): counts kept small at every scale, so the suppression
# search and the audit have real work however many answers there are. Per wave, this many
# survivors give each rare answer (the rest are drawn from the common answers).
RARE_PER_WAVE = {
    "age_band": {"16-17": 2, "65 or over": 4},
    "gender": {"Non-binary": 3, "I describe myself another way": 1},
    "disability": {"Prefer not to say": 3},
    "reported_police": {"Prefer not to say": 2},
}
COMMON = {
    "age_band": ["18-24", "25-34", "35-44", "45-54", "55-64", "Prefer not to say"],
    "gender": ["Woman", "Man", "Prefer not to say"],
    "satisfaction_overall": CLOSED["satisfaction_overall"][1],
    "disability": ["Yes", "No"],
    "reported_police": ["Yes", "No"],
}
PROFESSIONALS_PER_WAVE = 8  # a small cohort: its sector and years-in-role counts are all small
PRO_CLOSED = ("role_sector", "years_in_role", "trained_disclosures")
CONSENT = "Yes, I agree to take part"
PRO_TEXT = ("improve_support", "anything_else")


def _instrument_questions() -> dict[str, dict]:
    import yaml

    doc = yaml.safe_load((REPO / "data" / "demo" / "instrument.yaml").read_text(encoding="utf-8"))
    return {q["id"]: q for q in doc["questions"]}


def _write_instrument(path: Path, keep: set[str]) -> None:
    import yaml

    doc = yaml.safe_load((REPO / "data" / "demo" / "instrument.yaml").read_text(encoding="utf-8"))
    doc["questions"] = [q for q in doc["questions"] if q["id"] in keep]
    path.write_text("# SYNTHETIC: the demo instrument, questions the benchmark exports carry\n"
                    + yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _mixed_rows(rng: random.Random, n: int, wave: int) -> list[dict[str, str]]:
    """Closed answers of ``n`` survivors of one wave: common answers drawn at random, then the
    fixed small numbers of :data:`RARE_PER_WAVE` placed on randomly chosen respondents."""
    rows = [{"consent": CONSENT, **{q: rng.choice(opts) for q, opts in COMMON.items()}}
            for _ in range(n)]
    for q, rare in RARE_PER_WAVE.items():
        for option, k in rare.items():
            k = k + (1 if option == "I describe myself another way" and wave == 2 else 0)
            for i in rng.sample(range(n), min(k, n)):
                rows[i][q] = option
    return rows


def build_project(root: Path, answers: int, *, seed: int = 7,
                  sentences: list[str] | None = None, settings: str = "",
                  distinct: bool = False, waves: int = 1, small: bool = False) -> Path:
    """Write a SYNTHETIC project of ``answers`` free-text answers under ``root``.

    With ``distinct``, an answer that came before is drawn again, so no answer repeats (the
    answers are then a little longer on average: single sentences run out first).

    With ``waves`` > 1 the survivors are split evenly over that many waves (one export each).
    With ``small`` (the disclosure mix), the survivors also answer disability and reporting
    questions, a fixed few per wave give each rare answer (:data:`RARE_PER_WAVE`), and a small
    professional cohort (:data:`PROFESSIONALS_PER_WAVE` a wave, three closed questions and two
    free-text ones, their answers on top of ``answers``) takes part: counts small enough to hide
    at any scale, pooled, per wave and per cohort.

    Returns:
        The project folder (``project.yaml``, the demo codebook and instrument, the exports).
    """
    rng = random.Random(seed)
    sentences = sentences if sentences is not None else load_sentences()
    root.mkdir(parents=True, exist_ok=True)
    (root / "exports").mkdir(exist_ok=True)
    shutil.copyfile(REPO / "data" / "demo" / "codebook.yaml", root / "codebook.yaml")
    questions = _instrument_questions()
    closed = ["consent", *COMMON] if small else list(CLOSED)
    # the demo instrument with only the questions the exports carry (a closed question the
    # instrument asks of a cohort but no export holds stops the report: the plan's "Total
    # asked" then exceeds its answers)
    asked = {*closed, *FREE_TEXT, *((*PRO_CLOSED, *PRO_TEXT) if small else ())}
    _write_instrument(root / "instrument.yaml", asked)
    respondents = -(-answers // len(FREE_TEXT))
    header = ["UserID", "Started", "Ended"] + [questions[q]["text"] for q in closed] \
        + [QUESTION_TEXT[q] for q in FREE_TEXT]
    left = answers
    seen: set[str] = set()
    sources = []
    per_wave = -(-respondents // waves)
    for wave in range(1, waves + 1):
        name = "survey.csv" if waves == 1 else f"survey_wave{wave}.csv"
        n = min(per_wave, respondents - per_wave * (wave - 1))
        mixed = _mixed_rows(rng, n, wave) if small else None
        year = 2024 + wave
        with open(root / "exports" / name, "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(header)
            for r in range(n):
                day, month = rng.randint(13, 28), rng.randint(1, 12)
                row = [str(500000 + per_wave * (wave - 1) + r),
                       f"{day:02d}/{month:02d}/{year} 10:00",
                       f"{day:02d}/{month:02d}/{year} 10:15"]
                row += [mixed[r][q] for q in closed] if mixed else \
                    [rng.choice(CLOSED[q][1]) for q in closed]
                for _ in FREE_TEXT:
                    answer = _answer(rng, sentences) if left > 0 else ""
                    while distinct and answer and answer in seen:
                        answer = _answer(rng, sentences)
                    seen.add(answer)
                    row.append(answer)
                    left -= 1
                w.writerow(row)
        sources.append(f"  - {{path: exports/{name}, cohort: survivor, platform: auto, "
                       f"date_order: dayfirst{f', wave: {wave}' if waves > 1 else ''}}}\n")
        if small:
            name = f"professionals_wave{wave}.csv"
            with open(root / "exports" / name, "w", encoding="utf-8", newline="") as fh:
                w = csv.writer(fh)
                w.writerow(["UserID", "Started", "Ended"] + [questions[q]["text"] for q in (
                    "consent", *PRO_CLOSED, *PRO_TEXT)])
                for r in range(PROFESSIONALS_PER_WAVE):
                    day, month = rng.randint(13, 28), rng.randint(1, 12)
                    w.writerow([str(900000 + 100 * wave + r),
                                f"{day:02d}/{month:02d}/{year} 09:00",
                                f"{day:02d}/{month:02d}/{year} 09:20"]
                               + [CONSENT]
                               + [rng.choice(questions[q]["options"]) for q in PRO_CLOSED]
                               + [_answer(rng, sentences) for _ in PRO_TEXT])
            sources.append(f"  - {{path: exports/{name}, cohort: professional, platform: auto, "
                           f"date_order: dayfirst{f', wave: {wave}' if waves > 1 else ''}}}\n")
    (root / "project.yaml").write_text(
        "# SYNTHETIC scale-benchmark project (recombined public NHS feedback sentences)\n"
        "name: Scale benchmark (synthetic)\ninstrument: instrument.yaml\n"
        "codebook: codebook.yaml\nseed: 13\nsources:\n" + "".join(sources) +
        "anonymise:\n  allow: [SARC, ISVA, NHS, GP, A&E]\n"
        "disclosure: {min_count: 5}\n" + settings, encoding="utf-8")
    return root


def child(project: Path, out: Path, stages: tuple[str, ...], cluster: str | None) -> None:
    """Run the stages in this process; print one JSON line with times and peak memory."""
    sys.path.insert(0, str(REPO))
    from analysis.pipeline import run_stages

    kwargs = {"cluster": cluster} if cluster else {}
    tree = _TreeMemory().start()
    t0 = time.perf_counter()
    ctx = run_stages(project, out_dir=out, stages=stages, say=lambda _m: None, **kwargs)
    seconds = time.perf_counter() - t0
    tree.stop()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({"seconds": round(seconds, 1), "peak_rss_mb": round(peak),
                      "children_peak_rss_mb": round(workers),
                      "tree_peak_rss_mb": round(tree.peak_mb),
                      "stages": {k: round(v, 1) for k, v in ctx.timings.items()}}))


class _TreeMemory:
    """Peak of the summed resident memory of this process and all its descendants (local
    worker processes included), sampled every 0.2 s with psutil."""

    def __init__(self) -> None:
        self.peak_mb = 0.0
        self._stop = False

    def start(self) -> _TreeMemory:
        import threading

        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        import psutil

        me = psutil.Process()
        while not self._stop:
            total = 0
            for p in [me, *me.children(recursive=True)]:
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    pass
            self.peak_mb = max(self.peak_mb, total / 2**20)
            time.sleep(0.2)

    def stop(self) -> None:
        self._stop = True
        self._thread.join()


def embed_child(n: int) -> None:
    """Embedding throughput on the device torch picks (a GPU in half precision where present);
    on a CPU, in float32 and, where the CPU has native bfloat16, in bfloat16 (the default
    ``auto``), each with all cores in one process and with one thread (as a local worker)."""
    sys.path.insert(0, str(REPO))
    import torch

    from analysis.embed import MiniLMEmbedder, resolve_precision

    rng = random.Random(11)
    sentences = load_sentences()
    texts = [_answer(rng, sentences) for _ in range(n)]
    cores = torch.get_num_threads()
    for precision in dict.fromkeys(("float32", resolve_precision("auto"))):
        emb = MiniLMEmbedder(precision=precision).load()
        for threads in dict.fromkeys((cores, 1)):
            torch.set_num_threads(threads)
            emb.encode(texts[:64])  # warm up
            t0 = time.perf_counter()
            emb.encode(texts)
            seconds = time.perf_counter() - t0
            device = emb.device_
            if device == "cuda":
                device = f"cuda ({torch.cuda.get_device_name(0)}, half precision)"
            print(json.dumps({"bench": "scale_embed", "answers": n, "device": device,
                              "precision": "float16" if emb.device_ == "cuda" else precision,
                              "torch_threads": threads, "seconds": round(seconds, 1),
                              "answers_per_second": round(n / seconds, 1),
                              "cpus": os.cpu_count(),
                              "load_avg_1m": round(os.getloadavg()[0], 2)}), flush=True)
            if emb.device_ == "cuda":
                return
        torch.set_num_threads(cores)


class _Precomputed:
    """Vectors computed once, looked up by text (the fits below share them)."""

    transductive = False

    def __init__(self, name: str, vectors: dict[str, object]) -> None:
        self.name, self.vectors = name, vectors

    def encode(self, texts: list[str]):
        import numpy as np

        return np.stack([self.vectors[t] for t in texts])


def stability(n: int, sample: int) -> None:
    """Topics fitted on a seeded sample (the rest assigned to the nearest centroid) against a
    fit on every answer, on an ``n``-answer corpus; a second full fit with another seed gives
    the seed-to-seed agreement for scale. Agreement: adjusted Rand index and NMI over answers."""
    sys.path.insert(0, str(REPO))
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    from analysis.embed import MiniLMEmbedder
    from analysis.topics import TopicModel

    rng = random.Random(23)
    sentences = load_sentences()
    texts = list(dict.fromkeys(_answer(rng, sentences) for _ in range(int(n * 1.05))))[:n]
    ids = [f"a{i}" for i in range(len(texts))]
    t0 = time.perf_counter()
    emb = MiniLMEmbedder().encode(texts)
    embed_s = time.perf_counter() - t0
    pre = _Precomputed("minilm-precomputed", dict(zip(texts, emb, strict=True)))
    fits = {}
    for label, seed, size in (("full", 13, None), ("sample", 13, sample),
                              ("full_seed14", 14, None)):
        t0 = time.perf_counter()
        r = TopicModel(embedder=pre, seed=seed, sample_size=size).fit(texts, ids)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        fits[label] = (r.assignments.set_index("id")["topic_id"], time.perf_counter() - t0,
                       len(r.topics), peak)

    def agree(a: str, b: str) -> dict[str, float]:
        x, y = fits[a][0], fits[b][0].reindex(fits[a][0].index)
        return {"ari": round(adjusted_rand_score(x, y), 3),
                "nmi": round(normalized_mutual_info_score(x, y), 3)}

    print(json.dumps({"bench": "scale_topic_stability", "answers": len(texts),
                      "sample_size": sample, "embed_seconds": round(embed_s, 1),
                      "fit_seconds": {k: round(v[1], 1) for k, v in fits.items()},
                      "topics": {k: v[2] for k, v in fits.items()},
                      "peak_rss_mb_after": {k: round(v[3]) for k, v in fits.items()},
                      "sample_vs_full": agree("full", "sample"),
                      "full_seed13_vs_seed14": agree("full", "full_seed14"),
                      "load_avg_1m": round(os.getloadavg()[0], 2),
                      "cpus": os.cpu_count()}), flush=True)


def _run_child(project: Path, out: Path, stages: tuple[str, ...],
               cluster: str | None = None) -> dict:
    cmd = [sys.executable, __file__, "--child", str(project), "--out", str(out),
           "--stages", ",".join(stages)] + (["--cluster", cluster] if cluster else [])
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=REPO,
                          env={**os.environ, "CI": "true"})
    if proc.returncode != 0:
        return {"error": proc.stderr.strip()[-400:]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _emit(**fields: object) -> None:
    print(json.dumps(fields), flush=True)


def main() -> None:
    """Build the project in a temporary folder and measure each stage in a child process."""
    p = argparse.ArgumentParser()
    p.add_argument("--answers", type=int, default=10_000)
    p.add_argument("--full", action="store_true", help="100,000 answers")
    p.add_argument("--keep", type=Path, help="build (and keep) the project here")
    p.add_argument("--one-process", action="store_true",
                   help="also time `voices run` with every stage in one process")
    p.add_argument("--cluster", help="also run on this cluster (e.g. local:2) and compare")
    p.add_argument("--workers", help="executor.workers for the built project (default auto)")
    p.add_argument("--precision", help="topics.embedding_precision (default auto)")
    p.add_argument("--distinct", action="store_true",
                   help="no repeated answer (the default corpus repeats some, as surveys do)")
    p.add_argument("--embed", type=int, default=2000,
                   help="answers for the embedding-throughput figure (0: skip)")
    p.add_argument("--embed-child", type=int, help=argparse.SUPPRESS)
    p.add_argument("--stability", type=int, metavar="N",
                   help="only the topic stability figure: sampled vs full fit on N answers")
    p.add_argument("--sample", type=int, default=10_000,
                   help="sample size for --stability (default 10,000)")
    p.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--stages", default=",".join(STAGES), help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.child:
        child(args.child, args.out, tuple(args.stages.split(",")), args.cluster)
        return
    if args.embed_child:
        embed_child(args.embed_child)
        return
    if args.stability:
        stability(args.stability, args.sample)
        return
    n = 100_000 if args.full else args.answers
    if not SHARED_CODED.is_file():
        _emit(bench="scale", error=f"{SHARED_CODED} not found (the shared data sets)")
        return
    if args.embed:
        proc = subprocess.run([sys.executable, __file__, "--embed-child", str(args.embed)],
                              capture_output=True, text=True, check=False, cwd=REPO)
        lines = [x for x in proc.stdout.splitlines() if x.startswith("{")]
        print("\n".join(lines) if lines else json.dumps({"bench": "scale_embed",
                                                        "error": proc.stderr.strip()[-300:]}),
              flush=True)
    tmp = tempfile.TemporaryDirectory() if args.keep is None else None
    base = Path(tmp.name) if tmp else args.keep
    try:
        t0 = time.perf_counter()
        settings = (f"executor: {{workers: {args.workers}}}\n" if args.workers else "") + (
            f"topics: {{embedding_precision: {args.precision}}}\n" if args.precision else "")
        project = build_project(base / "project", n, settings=settings, distinct=args.distinct)
        meta = {"bench": "scale", "answers": n, "build_seconds": round(time.perf_counter() - t0,
                                                                       1),
                "python": platform.python_version(), "cpus": os.cpu_count(),
                "load_avg_1m": round(os.getloadavg()[0], 2),
                "workers": args.workers or "auto", "precision": args.precision or "auto",
                "distinct_answers": args.distinct}
        per_stage: dict[str, dict] = {}
        for stage in STAGES:
            r = _run_child(project, base / "out", (stage,))
            per_stage[stage] = r
            if "error" in r:
                break
        total = sum(r.get("seconds", 0.0) for r in per_stage.values())
        peak = max((r.get("peak_rss_mb", 0) for r in per_stage.values()), default=0)
        tree = max((r.get("tree_peak_rss_mb", 0) for r in per_stage.values()), default=0)
        _emit(**meta, mode="per-stage processes", total_seconds=round(total, 1),
              peak_rss_mb=peak, tree_peak_rss_mb=tree,
              answers_per_second=round(n / total, 1) if total else None,
              per_stage={k: {"seconds": v.get("seconds"), "peak_rss_mb": v.get("peak_rss_mb"),
                             "tree_peak_rss_mb": v.get("tree_peak_rss_mb"),
                             **({"error": v["error"]} if "error" in v else {})}
                         for k, v in per_stage.items()})
        runs = []
        if args.one_process:
            runs.append(("one process", None))
        if args.cluster:
            runs.append((f"cluster {args.cluster}", args.cluster))
        results = {}
        for label, cluster in runs:
            out = base / ("out_" + re.sub(r"\W", "_", label))
            r = _run_child(project, out, STAGES, cluster)
            results[label] = r
            _emit(**meta, mode=label, total_seconds=r.get("seconds"),
                  peak_rss_mb=r.get("peak_rss_mb"),
                  workers_peak_rss_mb=r.get("children_peak_rss_mb"),
                  tree_peak_rss_mb=r.get("tree_peak_rss_mb"),
                  per_stage=r.get("stages"), error=r.get("error"))
        if args.cluster and "one process" in results:
            a, b = results["one process"].get("seconds"), results[f"cluster {args.cluster}"].get(
                "seconds")
            if a and b:
                _emit(bench="scale_cluster_ratio", answers=n, cluster=args.cluster,
                      throughput_ratio_cluster_over_in_process=round(a / b, 2))
    finally:
        if tmp:
            tmp.cleanup()


if __name__ == "__main__":
    main()
