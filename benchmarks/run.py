"""`make bench`: measured figures, printed as JSON lines (one object per figure).

- demo_e2e: wall time of `voices run` on the shipped demo in a fresh process (model loading
  included), peak memory of that process, and the time of each stage.
- bench_anonymise.py: the toolkit and the peer anonymiser (presidio-analyzer, same spaCy model)
  on the public annotated identifier set and the toolkit's own survey-style test sets.
- bench_anonymise_long.py: the same two anonymisers on long documents (the demo transcripts and
  synthetic transcripts of 5,000-50,000 characters), interleaved in one process: characters per
  second, the ratio ours/peer, and memory.
- bench_ingest.py: a 100,000-response, 40-column export read and mapped (CSV and XLSX).
- bench_suggest.py: evaluate-suggestions on a fixed split of the public coded feedback set,
  beside a TF-IDF + class-balanced logistic regression baseline run on the same split.
- bench_topics.py: embedding throughput and topic fit times by corpus size (``--full`` adds
  100,000 answers), peak memory, and the device used.
- bench_scale.py: the whole pipeline on a synthetic project of 10,000 answers (``--full``:
  100,000), per stage, in one process and on a local Dask cluster.
- bench_disclosure.py: the report stage with and without choosing and auditing suppressions, on
  the scale project with three waves and small counts (10,000 answers; ``--full``: 100,000).
- bench_workspace.py: the workspace's next-segment and save times on a 100,000-segment store.
- bench_keyboard.py: 100 demo segments coded by keyboard in Chromium (keystrokes per segment,
  save round trip seen by the browser).
"""

from __future__ import annotations

import json
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
STAGE_LINE = re.compile(r"^([a-z]+): .*\((\d+(?:\.\d+)?)s\)$")


def emit(**fields: object) -> None:
    """Print one JSON line."""
    print(json.dumps(fields), flush=True)


def machine() -> dict[str, object]:
    """What the figures were measured on."""
    import os

    return {"python": platform.python_version(), "cpus": os.cpu_count(),
            "machine": platform.machine(), "system": platform.system()}


def bench_demo() -> None:
    """Time `voices run` on the demo in a child process, twice (cold store, warm store)."""
    voices = Path(sys.executable).parent / "voices"
    with tempfile.TemporaryDirectory() as tmp:
        for label in ("cold", "warm"):
            t0 = time.perf_counter()
            proc = subprocess.run([str(voices), "run", str(REPO / "data" / "demo"), "--out", tmp],
                                  capture_output=True, text=True, check=False)
            wall = time.perf_counter() - t0
            if proc.returncode != 0:
                emit(bench="demo_e2e", run=label, error=proc.stderr.strip()[-300:])
                return
            stages = {}
            for line in proc.stdout.splitlines():
                m = STAGE_LINE.match(line)
                if m:
                    stages[m.group(1)] = float(m.group(2))
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            emit(bench="demo_e2e", run=label, seconds=round(wall, 2),
                 peak_rss_mb_children=round(peak, 1), stages=stages, **machine())


def bench_script(name: str, *args: str) -> None:
    """Run benchmarks/<name> in a child process and forward its JSON lines."""
    script = REPO / "benchmarks" / name
    if not script.is_file():
        return
    proc = subprocess.run([sys.executable, str(script), *args], capture_output=True, text=True,
                          check=False, cwd=REPO)
    for line in proc.stdout.splitlines():
        if line.startswith("{"):
            print(line, flush=True)
    if proc.returncode != 0:
        emit(bench=name, error=proc.stderr.strip()[-300:])


if __name__ == "__main__":
    bench_demo()
    bench_script("bench_anonymise.py")
    bench_script("bench_anonymise_long.py")
    bench_script("bench_ingest.py")
    bench_script("bench_suggest.py")
    bench_script("bench_topics.py")
    bench_script("bench_scale.py", "--one-process", "--cluster", "local:2",
                 *(a for a in sys.argv[1:] if a == "--full"))  # scale: 10,000; --full 100,000
    bench_script("bench_disclosure.py", *(a for a in sys.argv[1:] if a == "--full"))
    bench_script("bench_workspace.py")
    bench_script("bench_keyboard.py")
