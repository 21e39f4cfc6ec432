"""Ingest benchmark: a 100,000-response, 40-column SYNTHETIC export, read and mapped to an
instrument (reading + mapping; anonymisation is not included).

Prints JSON lines (one object per figure, each with a ``bench`` key): ``ingest_read_map`` for
the CSV export and ``ingest_read_map_xlsx`` for the same rows saved as XLSX. The target
(issue 3) is under 30 s and under 2 GB peak memory on a 2-core machine. Each read runs in a
fresh child process so its peak RSS is not inflated by generating the file.

Usage: ``python benchmarks/bench_ingest.py [--rows N] [--no-xlsx]``.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LIKERT = ["Strongly agree", "Agree", "Neither agree nor disagree", "Disagree",
          "Strongly disagree"]
SERVICES = ["SARC", "ISVA", "GP", "Helpline", "Counselling", "Police"]
AGES = ["Under 25", "25-44", "45 and over", "Prefer not to say"]
WORDS = ("synthetic support service helped waiting time staff kind listened booked "
         "appointment helpline counsellor letter clearer sooner calm believed").split()


def _questions() -> list[dict]:
    qs: list[dict] = []
    for i in range(20):
        qs.append({"id": f"likert_{i}", "text": f"Synthetic statement number {i} about support",
                   "kind": "likert", "options": LIKERT})
    qs.append({"id": "services", "text": "Which services have you used?", "kind": "multiple",
               "options": SERVICES})
    qs.append({"id": "age_band", "text": "What is your age band?", "kind": "single",
               "options": AGES})
    qs.append({"id": "visits", "text": "How many times did you visit?", "kind": "number"})
    qs.append({"id": "first_contact", "text": "When did you first contact the service?",
               "kind": "date"})
    for i in range(5):
        qs.append({"id": f"text_{i}", "text": f"Synthetic open question {i}", "kind": "text"})
    return qs


def write_export(path: Path, rows: int, *, seed: int = 7) -> int:
    """Write a SmartSurvey-style synthetic export; returns its number of columns."""
    rng = random.Random(seed)
    qs = _questions()
    header = ["UserID", "Started", "Ended", "IP Address", "Email", "Name"]
    for q in qs:
        if q["kind"] == "multiple":
            header += [f"{q['text']} - {o}" for o in q["options"]]
        else:
            header.append(q["text"])
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        for r in range(rows):
            day, month = rng.randint(13, 28), rng.randint(1, 12)
            row = [str(100000 + r), f"{day:02d}/{month:02d}/2024 09:00",
                   f"{day:02d}/{month:02d}/2024 09:20", f"192.0.2.{r % 250}",
                   f"synthetic{r}@example.org", "Synthetic Person"]
            for q in qs:
                if q["kind"] == "likert":
                    row.append(rng.choice(LIKERT) if rng.random() > 0.05 else "")
                elif q["kind"] == "multiple":
                    row += [o if rng.random() < 0.3 else "" for o in q["options"]]
                elif q["kind"] == "single":
                    row.append(rng.choice(AGES))
                elif q["kind"] == "number":
                    row.append(str(rng.randint(0, 20)))
                elif q["kind"] == "date":
                    row.append(f"{rng.randint(13, 28):02d}/{month:02d}/2023")
                else:
                    row.append(" ".join(rng.choices(WORDS, k=rng.randint(0, 25))))
            w.writerow(row)
    return len(header)


def child(path: Path) -> None:
    """Read and map the export in this process; print seconds and peak RSS."""
    sys.path.insert(0, str(REPO))
    from survey.config import SourceConfig
    from survey.instrument import instrument_from_dict
    from survey.readers import read_source

    instrument = instrument_from_dict({"name": "bench (synthetic)", "questions": _questions()})
    t0 = time.perf_counter()
    table = read_source(SourceConfig(path=path, cohort="bench"), instrument,
                        source_label="bench.csv")
    seconds = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": round(seconds, 2), "peak_rss_mb": round(peak_mb, 1),
                      "responses": len(table.responses), "answers": len(table.answers),
                      "dropped": len(table.dropped_columns)}))


def main() -> None:
    """Generate the export in a temp folder and time the read in a child process."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--child", type=Path)
    parser.add_argument("--no-xlsx", action="store_true", help="Skip the XLSX figure.")
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench_export.csv"
        t0 = time.perf_counter()
        ncols = write_export(path, args.rows)
        gen = time.perf_counter() - t0
        _measure("ingest_read_map", path, rows=args.rows, columns=ncols, generate=gen)
        if not args.no_xlsx:
            t0 = time.perf_counter()
            xlsx = _to_xlsx(path)
            _measure("ingest_read_map_xlsx", xlsx, rows=args.rows, columns=ncols,
                     generate=time.perf_counter() - t0)


def _to_xlsx(path: Path) -> Path:
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Responses")
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh):
            ws.append(row)
    out = path.with_suffix(".xlsx")
    wb.save(out)
    return out


def _measure(bench: str, path: Path, *, rows: int, columns: int, generate: float) -> None:
    proc = subprocess.run([sys.executable, __file__, "--child", str(path)],
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        print(json.dumps({"bench": bench, "error": proc.stderr.strip()[-300:]}), flush=True)
        return
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    print(json.dumps({"bench": bench, "rows": rows, "columns": columns,
                      "file_mb": round(path.stat().st_size / 2**20, 1),
                      "generate_seconds": round(generate, 2), **result,
                      "target_seconds": 30, "target_rss_mb": 2048,
                      "python": platform.python_version(), "cpus": os.cpu_count()}), flush=True)


if __name__ == "__main__":
    main()
