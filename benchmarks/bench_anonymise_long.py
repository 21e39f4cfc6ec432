"""Anonymiser speed on long documents, against the peer (Presidio), in the same process.

Issue 23's speed target: not below 0.8x the peer on long documents. The short-answer figures of
``bench_anonymise.py`` say little about that: there spaCy's per-batch overhead dominates, while
on a long transcript any rule that re-scans the whole document per detection, or any quadratic
span merging, shows up. So each document here is ONE text:

- ``demo_transcript``: each of the demo's six interview transcripts (``data/demo/transcripts``,
  SYNTHETIC), read by the product's transcript reader and written back as ``Speaker: text``
  lines (about 1,000-1,500 characters each; all six are also timed as one batch).
- ``synthetic_<n>``: transcript-like documents of about 5,000, 20,000 and 50,000 characters
  (SYNTHETIC), built with a fixed seed from the invented survivor-style answers of the
  development and validation splits (``data/anon_surveystyle/surveystyle.jsonl``, and the dev
  split of ``data/anon_realtext/survivor_style.jsonl``): each answer is a participant's turn
  after an interviewer's prompt. The test splits are never read.
- ``demo_transcripts_repeated_<n>``: the six demo transcripts one after another, repeated and cut
  to 20,000 and 50,000 characters: long text typed the way interviews are (capitals, service
  acronyms, names), where the synthetic documents above are mostly lower case.

Ours is timed on the product path the ingest stage uses for transcripts and free text
(:func:`survey.anonymise.parallel.anonymise_in_chunks`, serial: detection AND replacement); the
peer is ``presidio-analyzer``'s ``BatchAnalyzerEngine`` built exactly as ``bench_anonymise.py``
builds it (same small spaCy model, its predefined recognizers plus UK NINO and postcode,
offline), analysis only. Both are loaded and warmed up on the same document first; then the
runs are interleaved (ours, peer; peer, ours; ...) so that load from other jobs on a shared
machine falls on both alike. Reported per document: the best and median of ``--repeats`` runs
in characters per second, by the wall clock and by this process's CPU time (on a shared machine
a run waits for a core at random; CPU time leaves that wait out), the ratio ours/peer of each, seconds per 1,000 characters (so scaling
with length can be read), and the peak Python-heap memory of one extra untraced-in-timing run
under ``tracemalloc`` (numpy buffers included). Then each system alone in a fresh process:
its peak RSS once loaded, and after anonymising the 50,000-character document (one line per
system); this process's own peak RSS is on the last line.

Run: ``.venv/bin/python benchmarks/bench_anonymise_long.py [--repeats N] [--lengths 5000,...]
[--no-peer]``. One JSON line per document and system pair (``"bench": "anonymise_long"``).

``--snapshot FILE`` times nothing: it anonymises the demo (every source, through the product's
readers and the demo's anonymise settings), the development sets (never a test split) and the
long documents above (both kinds, at 5,000, 20,000 and 50,000 characters), and writes per
text a SHA-256 of the anonymised text and its detections (offsets, label, recognizer, score,
reason), never a text. Two snapshots, before and after a speed change, must be byte-identical
(``cmp``).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from bench_anonymise import MODEL, SURVEYSTYLE, SURVIVOR, build_peer

TRANSCRIPTS = REPO / "data/demo/transcripts"
LENGTHS = (5_000, 20_000, 50_000)
SEED = 20261205
#: Interviewer prompts between the answers (SYNTHETIC; about services, never graphic).
PROMPTS = ("Can you tell me more about that?", "How did that feel at the time?",
           "What helped you most then?", "Who else was involved in your support?",
           "What would you change about the service?", "Thank you. Shall we carry on?",
           "How did you find out about the service?", "What happened after that appointment?")


def emit(**fields: object) -> None:
    """Print one JSON line."""
    print(json.dumps({"bench": "anonymise_long", **fields}), flush=True)


def transcript_documents() -> list[tuple[str, str]]:
    """``(name, text)`` per demo transcript: its turns as ``Speaker: text`` lines."""
    from survey.readers.transcripts import TRANSCRIPT_SUFFIXES, read_turns

    out = []
    for path in sorted(TRANSCRIPTS.iterdir()):
        if path.suffix.lower() in TRANSCRIPT_SUFFIXES:
            turns, _ = read_turns(path)
            out.append((path.name, "\n".join(f"{t.speaker}: {t.text}" for t in turns)))
    return out


def answers() -> list[str]:
    """The invented answers of the development and validation splits (never test)."""
    out = []
    for path, splits in ((SURVEYSTYLE, {"dev", "validation"}), (SURVIVOR, {"dev"})):
        if path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                rec = json.loads(line)
                if rec.get("split") in splits:
                    out.append(rec["text"])
    return out


def synthetic_document(pool: list[str], length: int, seed: int = SEED) -> str:
    """A transcript-like document of at least ``length`` characters: seeded prompts and answers,
    the answers drawn without replacement until the pool is used up, then again."""
    rng = random.Random(f"{seed}:{length}")
    lines: list[str] = []
    size, order = 0, []
    while size < length:
        if not order:
            order = rng.sample(pool, len(pool))
        for line in (f"Interviewer: {rng.choice(PROMPTS)}", f"Participant: {order.pop()}"):
            lines.append(line)
            size += len(line) + 1
    return "\n".join(lines)


def repeated_transcripts(length: int) -> str:
    """The six demo transcripts one after another, again and again, cut to ``length``: long
    text as interviews are typed (capitals, service acronyms, names), unlike the lower-case
    answers above."""
    one = "\n".join(t for _, t in transcript_documents())
    return ("\n".join([one] * (length // len(one) + 1)))[:length]


def ours_runner() -> Callable[[list[str]], object]:
    """The product path: build, load, then ``anonymise_in_chunks`` (serial) per call."""
    from survey.anonymise.engine import build_anonymiser
    from survey.anonymise.parallel import anonymise_in_chunks
    from survey.config import AnonymiseConfig

    anon = build_anonymiser(AnonymiseConfig(), spacy_model=MODEL).load()

    def run(texts: list[str]) -> object:
        anon.reset()
        return anonymise_in_chunks(anon, texts, [f"r{i}" for i in range(len(texts))],
                                   chunk_size=256)
    return run


def peer_runner() -> Callable[[list[str]], object]:
    """The peer's batch engine, as ``bench_anonymise.py`` configures it."""
    engine = build_peer(MODEL)

    def run(texts: list[str]) -> object:
        return [list(r) for r in engine.analyze_iterator(texts, language="en", batch_size=64)]
    return run


def timed(fn: Callable[[list[str]], object], texts: list[str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one call (CPU time: this process's, every thread)."""
    t0, c0 = time.perf_counter(), time.process_time()
    fn(texts)
    return time.perf_counter() - t0, time.process_time() - c0


def traced_peak_mb(fn: Callable[[list[str]], object], texts: list[str]) -> float:
    """Peak traced heap (MB) during one call, above what was held before it."""
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        fn(texts)
        return round((tracemalloc.get_traced_memory()[1] - base) / 2**20, 1)
    finally:
        tracemalloc.stop()


def measure(name: str, texts: list[str], systems: dict[str, Callable[[list[str]], object]],
            repeats: int) -> None:
    """Warm up, interleave the timed runs, print one line."""
    chars = sum(len(t) for t in texts)
    for fn in systems.values():
        fn(texts)  # warm-up: lazy gazetteers, regex caches, spaCy's first batch
    secs: dict[str, list[float]] = {s: [] for s in systems}
    cpu: dict[str, list[float]] = {s: [] for s in systems}
    order = list(systems)
    for r in range(repeats):
        for s in (order if r % 2 == 0 else order[::-1]):
            wall, used = timed(systems[s], texts)
            secs[s].append(wall)
            cpu[s].append(used)
    row: dict[str, object] = {"document": name, "texts": len(texts), "chars": chars,
                              "repeats": repeats, "cpus": os.cpu_count(),
                              "load_avg_1m": round(os.getloadavg()[0], 2)}
    for s, xs in secs.items():
        best, med = min(xs), statistics.median(xs)
        row[s] = {"chars_per_s_best": round(chars / best), "chars_per_s_median": round(chars / med),
                  "cpu_chars_per_s_best": round(chars / min(cpu[s])),
                  "cpu_chars_per_s_median": round(chars / statistics.median(cpu[s])),
                  "s_per_1k_chars_best": round(1000 * best / chars, 4),
                  "cpu_s_per_1k_chars_best": round(1000 * min(cpu[s]) / chars, 4),
                  "seconds": [round(x, 3) for x in xs],
                  "cpu_seconds": [round(x, 3) for x in cpu[s]],
                  "traced_peak_mb": traced_peak_mb(systems[s], texts)}
    if "ours" in secs and "peer" in secs:
        for key, xs in (("", secs), ("cpu_", cpu)):
            row[f"{key}ratio_best"] = round(min(xs["peer"]) / min(xs["ours"]), 3)
            row[f"{key}ratio_median"] = round(statistics.median(xs["peer"]) /
                                              statistics.median(xs["ours"]), 3)
    emit(**row)


def rss_of(system: str, length: int) -> dict[str, object]:
    """Peak RSS of a fresh process that loads one system and anonymises the ``length`` document
    once (model and gazetteers included), and of one that only loads it."""
    import subprocess

    out: dict[str, object] = {"system": system, "document": f"synthetic_{length}"}
    for key, n in (("peak_rss_mb_loaded", 0), ("peak_rss_mb_with_document", length)):
        proc = subprocess.run([sys.executable, __file__, "--rss-child", system, str(n)],
                              capture_output=True, text=True, check=False, cwd=REPO)
        out[key] = float(proc.stdout.strip()) if proc.returncode == 0 else \
            proc.stderr.strip()[-200:]
    return out


def rss_child(system: str, length: int) -> int:
    """Child of :func:`rss_of`: print this process's peak RSS in MB. Linux's ``VmHWM``, not
    ``ru_maxrss``: the latter keeps the high-water mark of the parent's pages from before
    ``exec``, so a child of this (large) process would report the parent's size."""
    fn = ours_runner() if system == "ours" else peer_runner()
    if length:
        fn([synthetic_document(answers(), length)])
    status = Path("/proc/self/status")
    hwm = [line.split()[1] for line in status.read_text().splitlines()
           if line.startswith("VmHWM:")] if status.is_file() else []
    kb = int(hwm[0]) if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(round(kb / 1024, 1))
    return 0


def snapshot(path: Path) -> int:
    """Write digests of what the anonymiser makes of every development text (see above)."""
    import hashlib

    from bench_anonymise import (
        PII,
        REALTEXT,
        REALTEXT_DEV2,
        REALTEXT_DEV3,
        load_annotated,
        load_ours,
        load_pii,
    )

    from survey.anonymise.engine import build_anonymiser
    from survey.anonymise.parallel import anonymise_in_chunks
    from survey.config import AnonymiseConfig, load_project
    from survey.readers import read_source

    sets: list[tuple[str, AnonymiseConfig, list[str], list[str], list[set[str]]]] = []
    from analysis.project import load_instrument

    cfg = load_project(REPO / "data/demo/project.yaml")
    instrument = load_instrument(cfg)
    texts, rids, extra = [], [], []
    for src in cfg.sources:
        table = read_source(src, instrument, source_label=src.path.name)
        texts += table.answers["text"].tolist()
        rids += table.answers["response_id"].tolist()
        extra += [table.extra_names.get(r, set()) for r in table.answers["response_id"]]
    sets.append(("demo", cfg.anonymise, texts, rids, extra))
    plain = AnonymiseConfig()
    dev = [("realtext_dev", load_annotated(REALTEXT, "dev")),
           ("realtext_dev2", load_annotated(REALTEXT_DEV2, "dev2")),
           ("realtext_dev3", load_annotated(REALTEXT_DEV3, "dev3")),
           ("survivor_style_dev", load_annotated(SURVIVOR, "dev")),
           ("surveystyle_dev", load_annotated(SURVEYSTYLE, "dev")),
           ("surveystyle_validation", load_annotated(SURVEYSTYLE, "validation")),
           ("pii_synth_v2", load_pii(None) if PII.is_file() else []),
           ("anon_testset", load_ours(None))]
    for name, recs in dev:
        texts = [r["full_text"] for r in recs]
        sets.append((name, plain, texts, [f"r{i}" for i in range(len(texts))],
                     [set() for _ in texts]))
    pool = answers()
    long_docs = [synthetic_document(pool, n) for n in LENGTHS] + \
        [repeated_transcripts(n) for n in LENGTHS]
    sets.append(("long", plain, long_docs, ["r0"] * len(long_docs), [set()] * len(long_docs)))
    lines = []
    for name, conf, texts, rids, extra in sets:
        anon = build_anonymiser(conf, spacy_model=MODEL).load()
        res = anonymise_in_chunks(anon, texts, rids, extra, chunk_size=256)
        for i, r in enumerate(res):
            dets = [[d.start, d.end, d.entity, d.score, d.recognizer, d.reason]
                    for d in r.detections]
            lines.append(json.dumps({"set": name, "i": i, "text_sha256": hashlib.sha256(
                r.text.encode("utf-8")).hexdigest(), "detections": dets}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    emit(snapshot=str(path), sets={n: len(t) for n, _, t, _, _ in sets}, lines=len(lines))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Time every document; the ratio is ours/peer in characters per second."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--lengths", default=",".join(map(str, LENGTHS)))
    ap.add_argument("--no-peer", action="store_true")
    ap.add_argument("--no-transcripts", action="store_true")
    ap.add_argument("--snapshot", type=Path, default=None,
                    help="write output digests of the demo and development sets here, time nothing")
    ap.add_argument("--rss-child", nargs=2, metavar=("SYSTEM", "LENGTH"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.rss_child:
        return rss_child(args.rss_child[0], int(args.rss_child[1]))
    if args.snapshot is not None:
        return snapshot(args.snapshot)
    systems = {"ours": ours_runner()}
    if not args.no_peer:
        try:
            systems["peer"] = peer_runner()
        except ImportError as exc:
            emit(system="peer", error=f"not installed: {exc.name}")
    if not args.no_transcripts and TRANSCRIPTS.is_dir():
        docs = transcript_documents()
        for name, text in docs:
            measure(f"demo_transcript:{name}", [text], systems, args.repeats)
        measure("demo_transcripts_all_six", [t for _, t in docs], systems, args.repeats)
    pool = answers()
    lengths = [int(x) for x in args.lengths.split(",") if x]
    for length in lengths:
        measure(f"synthetic_{length}", [synthetic_document(pool, length)], systems, args.repeats)
    if not args.no_transcripts and TRANSCRIPTS.is_dir():
        for length in lengths[1:]:
            measure(f"demo_transcripts_repeated_{length}", [repeated_transcripts(length)],
                    systems, args.repeats)
    for name in systems:  # each system alone in a fresh process: its own peak RSS
        emit(**rss_of(name, max(LENGTHS)))
    from importlib.metadata import version

    emit(summary=True, peak_rss_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
         peer_version=version("presidio-analyzer") if "peer" in systems else None,
         model=MODEL, cpus=os.cpu_count())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
