"""The ingest benchmark's synthetic export reads end to end at a small scale (the full
100,000 x 40 run is `benchmarks/bench_ingest.py`, called by `make bench`)."""

from __future__ import annotations

import importlib.util
import time
from pathlib import Path

from survey.config import SourceConfig
from survey.instrument import instrument_from_dict
from survey.readers import read_source

BENCH = Path(__file__).parents[2] / "benchmarks" / "bench_ingest.py"


def _bench_module():
    spec = importlib.util.spec_from_file_location("bench_ingest", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readers_scale_bench_export_reads_and_maps(tmp_path):
    bench = _bench_module()
    path = tmp_path / "export.csv"
    assert bench.write_export(path, 2_000) == 40
    instrument = instrument_from_dict({"name": "bench (synthetic)",
                                       "questions": bench._questions()})
    t0 = time.perf_counter()
    table = read_source(SourceConfig(path=path, cohort="c"), instrument, source_label="b")
    assert time.perf_counter() - t0 < 15  # ~0.2 s here; the full target is 100k rows in 30 s
    assert len(table.responses) == 2_000 and table.unmapped_columns == []
    assert table.dropped_columns == ["IP Address", "Email", "Name"]
    assert table.unknown_labels == {}
    assert set(table.responses["first_contact"].dropna()) <= {f"2023-{m:02d}" for m in
                                                              range(1, 13)}
