"""The fifth fresh survivor-style set (data/anon_fresh5, SYNTHETIC): valid, all held-out test.

Fast: no model is loaded and the anonymiser never runs on the set (only the bench scores it,
once, after the rules are fixed).
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
BUILD = REPO / "data" / "anon_fresh5" / "build.py"


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def build():
    return _load("anon_fresh5_build", BUILD)


def test_m_set_is_valid_and_what_its_source_builds(build):
    counts = build.validate(build.DATA, build.SOURCE)
    assert counts["lines"] >= 300
    assert counts["split"] == {"test": counts["lines"]}
    assert 0.5 <= counts["voice"]["survivor"] / counts["lines"] <= 0.7
    assert counts["kind"]["DIRECT"] and counts["kind"]["QUASI"] and counts["kind"]["KEEP"]
    assert counts["label"]["ROLE"] and counts["label"]["DEMOGRAPHIC"]
    ids = [json.loads(line)["id"] for line in build.DATA.read_text(encoding="utf-8").splitlines()]
    assert ids == [f"m{i:04d}" for i in range(1, len(ids) + 1)]


def _planted(tmp_path: Path, data: Path, change) -> tuple[Path, int]:
    """A copy of the set with ``change`` applied to the first line holding a span."""
    lines = data.read_text(encoding="utf-8").splitlines()
    n = next(i for i, line in enumerate(lines) if json.loads(line)["spans"])
    rec = json.loads(lines[n])
    change(rec)
    lines[n] = json.dumps(rec, ensure_ascii=False)
    path = tmp_path / "fresh5.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, n + 1


def test_a_bad_offset_names_the_line_and_field(build, tmp_path):
    def shift(rec):
        rec["spans"][0]["start"] += 1

    path, lineno = _planted(tmp_path, build.DATA, shift)
    with pytest.raises(build.SetError, match=rf"fresh5\.jsonl:{lineno}: field spans\[0\]\.text"):
        build.validate(path)
    run = subprocess.run([sys.executable, str(BUILD), "--file", str(path)],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 1
    assert f"fresh5.jsonl:{lineno}: field spans[0].text" in run.stderr
    assert run.stdout == ""


@pytest.mark.parametrize(("field", "value", "message"), [
    ("split", "dev", "field split"),
    ("synthetic", False, "field synthetic"),
    ("id", "h0001", "field id"),
])
def test_other_planted_errors_are_named(build, tmp_path, field, value, message):
    path, lineno = _planted(tmp_path, build.DATA, lambda rec: rec.__setitem__(field, value))
    with pytest.raises(build.SetError, match=rf":{lineno}: {message}"):
        build.validate(path)


def _datasets(monkeypatch, argv: list[str]) -> list[str]:
    """Dataset names the bench would score, without loading a model or reading a set."""
    module = _load("bench_anonymise_fresh5", REPO / "benchmarks" / "bench_anonymise.py")
    names: list[str] = []
    monkeypatch.setattr(module, "load_annotated", lambda path, split, limit=None: [])
    monkeypatch.setattr(module, "load_pii", lambda limit: [])
    monkeypatch.setattr(module, "load_ours", lambda limit, path=None: [])
    monkeypatch.setattr(module, "bench", lambda name, *a, **k: names.append(name) or {})
    monkeypatch.setattr(module, "systems", lambda peer: [])
    module.main(argv)
    return names


def test_dev_only_never_lists_the_fresh5_test(monkeypatch):
    # the whole set is held out: a tuning run (--dev-only) must never score it
    assert "fresh5_test" not in _datasets(monkeypatch, ["--dev-only", "--no-peer"])
    assert "fresh5_test" in _datasets(monkeypatch, ["--no-peer"])
