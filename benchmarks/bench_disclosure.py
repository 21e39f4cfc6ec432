"""Disclosure benchmark: what choosing suppressions and auditing them adds to the report stage.

The scale project (:func:`bench_scale.build_project`, SYNTHETIC) or the demo is built once into
a cache folder (the stages before the report: ingest, segment, suggest, topics; reused on the
next call), then only the report stage is timed, each run in a fresh child process, without
the PDF, as ``voices report --final`` runs it (the draft-figures check is bypassed: no person
has reviewed a synthetic project, and a final report would be refused before the audit).

Two figures per size, runs interleaved so that both share the machine's load:

* ``on``: the report stage as shipped, with the time (wall and this process's CPU) spent in
  the disclosure work measured in-process (the outermost call of the closed-question plan's problem, the graph search for
  complements, the LP protection and audit, the audited problem and its relations file;
  nested calls counted once);
* ``bypass`` (benchmark only): the same stage with the LP protection and the audit replaced by
  no-ops and the complement search by primary suppression alone; the difference of the medians
  is a second, noisier view of the cost.

By default the project has the disclosure mix of ``bench_scale.build_project(small=True)``:
three waves, a small professional cohort and a few rare answers per wave, so the plan hides
closed counts at every scale; ``--plain`` builds the older one-wave project (only theme and
topic tables have counts to hide). Prints JSON lines (``bench: "disclosure"``). Usage::

    python benchmarks/bench_disclosure.py --answers 2000          # 2,000 answers, 3 runs each
    python benchmarks/bench_disclosure.py --full --repeats 2      # 100,000 answers (~15 min build)
    python benchmarks/bench_disclosure.py --demo                  # the shipped demo
    python benchmarks/bench_disclosure.py --answers 2000 --code /tmp/old-tree   # another tree
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BUILD_STAGES = ("ingest", "segment", "suggest", "topics")
DEFAULT_CACHE = Path("/tmp/voices-bench-disclosure")

# (module, function) whose outermost call is disclosure work; looked up by name so that a
# name missing from the tree being timed is simply not counted
TIMED = (
    ("survey.anonymise.disclosure_audit", "protect"),
    ("survey.anonymise.disclosure_audit", "audit"),
    ("analysis.report.disclosure", "suppression_mask"),
    ("analysis.report.disclosure", "closed_problem"),
    ("analysis.report.disclosure", "published_problem"),
    ("analysis.report.stage", "disclosure_audit"),
    ("analysis.report.stage", "write_audit_relations"),
    ("analysis.report.stage", "published_problem"),
    ("survey.anonymise.disclosure_audit", "_solve_lp"),  # counted: the LPs solved
)
PROGRESS_S = 60  # a line on stderr this often while a run lasts (a slow plan can be watched)


class _Clock:
    """Wall and CPU time (this process) inside the outermost call of any wrapped function."""

    def __init__(self) -> None:
        self.depth, self.seconds, self.t0 = 0, 0.0, 0.0
        self.cpu, self.c0 = 0.0, 0.0
        self.calls: dict[str, int] = {}

    def wrap(self, name: str, fn):
        import functools

        @functools.wraps(fn)
        def timed(*a, **k):
            self.calls[name] = self.calls.get(name, 0) + 1
            if self.depth == 0:
                self.t0, self.c0 = time.perf_counter(), time.process_time()
            self.depth += 1
            try:
                return fn(*a, **k)
            finally:
                self.depth -= 1
                if self.depth == 0:
                    self.seconds += time.perf_counter() - self.t0
                    self.cpu += time.process_time() - self.c0
        return timed


def _rebind(original, replacement) -> None:
    """Put ``replacement`` wherever a loaded project module holds ``original`` by name."""
    for mod_name, mod in list(sys.modules.items()):
        if mod is None or not mod_name.startswith(("analysis", "survey", "voices", "workspace")):
            continue
        for attr, value in list(vars(mod).items()):
            if value is original:
                setattr(mod, attr, replacement)


def _bypass() -> None:
    """Benchmark only: no LP protection, no audit, primary suppression alone."""
    import types

    import numpy as np

    from analysis.report import disclosure, stage
    from survey.anonymise import disclosure_audit as da

    passed = types.SimpleNamespace(passed=True, failures=(), cells=())

    def suppression_mask(counts, *, min_count, row_totals=True, column_totals=True,
                         min_interval_width=None):
        aug = np.asarray(counts).astype(np.int64)
        if row_totals:
            aug = np.hstack([aug, aug.sum(axis=1, keepdims=True)])
        if column_totals:
            aug = np.vstack([aug, aug.sum(axis=0, keepdims=True)])
        primary = (aug > 0) & (aug < min_count)
        return primary, np.zeros_like(primary)

    for original, replacement in (
            (da.protect, lambda *a, **k: []), (da.audit, lambda *a, **k: passed),
            (disclosure.suppression_mask, suppression_mask),
            (getattr(stage, "disclosure_audit", None), lambda *a, **k: passed),
            (getattr(stage, "write_audit_relations", None), lambda data, path, *a, **k: path)):
        if original is not None:
            _rebind(original, replacement)


def _progress(clock: _Clock) -> None:
    import threading

    t0 = time.perf_counter()

    def run() -> None:
        while True:
            time.sleep(PROGRESS_S)
            busy = clock.seconds + (time.perf_counter() - clock.t0 if clock.depth else 0.0)
            print(json.dumps({"elapsed_s": round(time.perf_counter() - t0),
                              "disclosure_s": round(busy), "calls": clock.calls}),
                  file=sys.stderr, flush=True)

    threading.Thread(target=run, daemon=True).start()


def child(project: Path, out: Path, mode: str, final: bool) -> None:
    """Time the report stage once in this process; print one JSON line."""
    import importlib

    from analysis.pipeline import run_stages
    from analysis.report import stage

    if final:  # the figures are machine suggestions: let the final report reach its audit
        stage.missing_for_final = lambda tables: []
    clock = _Clock()
    if mode == "bypass":
        _bypass()
    else:
        for mod_name, name in TIMED:
            try:
                mod = importlib.import_module(mod_name)
            except ImportError:
                continue
            fn = getattr(mod, name, None)
            if callable(fn) and not hasattr(fn, "__wrapped__"):
                _rebind(fn, clock.wrap(name, fn))
    _progress(clock)
    c0 = time.process_time()
    ctx = run_stages(project, out_dir=out, stages=("report",), say=lambda _m: None,
                     report_options={"final": final, "pdf": False})
    print(json.dumps({"report_seconds": ctx.timings["report"],
                      "report_cpu_seconds": time.process_time() - c0,
                      "disclosure_seconds": clock.seconds if mode == "on" else None,
                      "disclosure_cpu_seconds": clock.cpu if mode == "on" else None,
                      "calls": clock.calls}))


def _python_for(code: Path) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), "--code", str(code)]


def _run(cmd: list[str], code: Path) -> dict:
    env = {**os.environ, "CI": "true", "PYTHONPATH": str(code)}
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=code, env=env)
    if proc.returncode != 0:
        return {"error": proc.stderr.strip()[-600:]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def build(args: argparse.Namespace) -> tuple[Path, Path, dict]:
    """The project and its output folder with every stage before the report done (cached)."""
    if args.demo:
        project, name = REPO / "data" / "demo", "demo"
    else:
        name = f"{'plain' if args.plain else 'mixed'}-{args.n}"
        project = args.cache / name / "project"
    out = args.cache / name / "out"
    marker = args.cache / name / "built.json"
    if marker.is_file():
        return project, out, json.loads(marker.read_text())
    if not args.demo:
        sys.path.insert(0, str(REPO / "benchmarks"))
        from bench_scale import SHARED_CODED, build_project

        if not SHARED_CODED.is_file():
            raise SystemExit(json.dumps({"bench": "disclosure",
                                         "error": f"{SHARED_CODED} not found"}))
        build_project(project, args.n, waves=1 if args.plain else 3, small=not args.plain)
    t0 = time.perf_counter()
    code = args.code.resolve()  # the stages before the report run on the timed tree's code
    cmd = [sys.executable, str(code / "benchmarks" / "bench_scale.py"), "--child", str(project),
           "--out", str(out), "--stages", ",".join(BUILD_STAGES)]
    r = _run(cmd, code)
    if "error" in r:
        raise SystemExit(json.dumps({"bench": "disclosure", "project": name, **r}))
    info = {"project": name, "build_seconds": round(time.perf_counter() - t0, 1),
            "build_stages": r.get("stages")}
    marker.write_text(json.dumps(info))
    return project, out, info


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--answers", type=int, default=10_000)
    p.add_argument("--full", action="store_true", help="100,000 answers")
    p.add_argument("--demo", action="store_true", help="the shipped demo instead")
    p.add_argument("--plain", action="store_true",
                   help="the one-wave scale project without the disclosure mix")
    p.add_argument("--repeats", type=int, default=3, help="runs of each mode (interleaved)")
    p.add_argument("--draft", action="store_true", help="time the draft report (no --final)")
    p.add_argument("--cache", type=Path, default=DEFAULT_CACHE,
                   help=f"where built projects are kept (default {DEFAULT_CACHE})")
    p.add_argument("--code", type=Path, default=REPO,
                   help="the source tree whose report stage is timed (default this one)")
    p.add_argument("--build-only", action="store_true")
    p.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--mode", choices=("on", "bypass"), help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.child:
        child(args.child, args.out, args.mode, not args.draft)
        return
    args.n = 100_000 if args.full else args.answers
    args.cache.mkdir(parents=True, exist_ok=True)
    project, out, info = build(args)
    if args.build_only:
        print(json.dumps({"bench": "disclosure_build", **info}), flush=True)
        return
    code = args.code.resolve()
    commit = (code / "COMMIT").read_text().strip() if (code / "COMMIT").is_file() else \
        subprocess.run(["git", "-C", str(code), "rev-parse", "--short", "HEAD"],
                       capture_output=True, text=True, check=False).stdout.strip()
    runs: dict[str, list[dict]] = {"on": [], "bypass": []}
    for i in range(args.repeats):
        for mode in (("on", "bypass") if i % 2 == 0 else ("bypass", "on")):
            cmd = [*_python_for(code), "--child", str(project), "--out", str(out),
                   "--mode", mode, *(["--draft"] if args.draft else [])]
            r = _run(cmd, code)
            if "error" in r:
                print(json.dumps({"bench": "disclosure", "mode": mode, **r}), flush=True)
                return
            r["load_avg_1m"] = round(os.getloadavg()[0], 2)
            runs[mode].append(r)
    on = [r["report_seconds"] for r in runs["on"]]
    off = [r["report_seconds"] for r in runs["bypass"]]
    work = [r["disclosure_seconds"] for r in runs["on"]]
    shares = [w / t for w, t in zip(work, on, strict=True)]
    # CPU time of this process: what a shared, loaded machine inflates least
    cpu_on = [r.get("report_cpu_seconds") for r in runs["on"]]
    cpu_work = [r.get("disclosure_cpu_seconds") for r in runs["on"]]
    cpu_off = [r.get("report_cpu_seconds") for r in runs["bypass"]]
    has_cpu = None not in (*cpu_on, *cpu_work, *cpu_off)
    print(json.dumps({
        "bench": "disclosure", "project": info["project"], "answers": None if args.demo else args.n,
        "final": not args.draft, "code": str(code), "commit": commit or None,
        "report_seconds_on": [round(x, 2) for x in on],
        "disclosure_seconds_in_process": [round(x, 2) for x in work],
        "share_in_process_pct": [round(100 * s, 1) for s in shares],
        "report_seconds_bypass": [round(x, 2) for x in off],
        "median_on": round(statistics.median(on), 2),
        "median_bypass": round(statistics.median(off), 2),
        "share_by_difference_pct": round(100 * (1 - statistics.median(off)
                                                / statistics.median(on)), 1),
        **({"report_cpu_on": [round(x, 2) for x in cpu_on],
            "disclosure_cpu_in_process": [round(x, 2) for x in cpu_work],
            "share_cpu_in_process_pct": [round(100 * w / t, 1)
                                         for w, t in zip(cpu_work, cpu_on, strict=True)],
            "report_cpu_bypass": [round(x, 2) for x in cpu_off]} if has_cpu else {}),
        "calls": runs["on"][-1]["calls"],
        "load_avg_1m": [r["load_avg_1m"] for r in runs["on"] + runs["bypass"]],
        "cpus": os.cpu_count(), "python": platform.python_version(),
        "build": info}), flush=True)


if __name__ == "__main__":
    main()
