"""The fourth fresh survivor-style set (data/anon_fresh4, SYNTHETIC, development): valid, all dev.

Fast: no model is loaded and the anonymiser never runs on the set (it is scored by the bench).
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
BUILD = REPO / "data" / "anon_fresh4" / "build.py"


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def build():
    return _load("anon_fresh4_build", BUILD)


def test_set_is_valid_and_what_its_source_builds(build):
    counts = build.validate(build.DATA, build.SOURCE)
    assert counts["lines"] >= 450
    assert counts["split"] == {"dev": counts["lines"]}
    assert 0.6 <= counts["voice"]["survivor"] / counts["lines"] <= 0.75
    assert counts["kind"]["DIRECT"] and counts["kind"]["QUASI"] and counts["kind"]["KEEP"]
    assert counts["label"]["ROLE"] and counts["label"]["PERSON"] >= 100


def _planted(tmp_path: Path, data: Path, change) -> tuple[Path, int]:
    """A copy of the set with ``change`` applied to the first line holding an identifier."""
    lines = data.read_text(encoding="utf-8").splitlines()
    n = next(i for i, line in enumerate(lines) if json.loads(line)["spans"])
    rec = json.loads(lines[n])
    change(rec)
    lines[n] = json.dumps(rec, ensure_ascii=False)
    path = tmp_path / "fresh4.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, n + 1


def test_a_bad_offset_names_the_line_and_field(build, tmp_path):
    def shift(rec):
        rec["spans"][0]["end"] += 1

    path, lineno = _planted(tmp_path, build.DATA, shift)
    with pytest.raises(build.SetError, match=rf"fresh4\.jsonl:{lineno}: field spans\[0\]"):
        build.validate(path)
    run = subprocess.run([sys.executable, str(BUILD), "--file", str(path)],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 1
    assert f"fresh4.jsonl:{lineno}: field spans[0].text" in run.stderr
    assert run.stdout == ""


@pytest.mark.parametrize(("field", "value", "message"), [
    ("split", "test", "field split"),
    ("synthetic", False, "field synthetic"),
    ("voice", "reviewer", "field voice"),
    ("id", "f0001", "field id"),
])
def test_other_planted_errors_are_named(build, tmp_path, field, value, message):
    path, lineno = _planted(tmp_path, build.DATA, lambda rec: rec.__setitem__(field, value))
    with pytest.raises(build.SetError, match=rf":{lineno}: {message}"):
        build.validate(path)


def test_source_differing_from_the_file_is_named(build, tmp_path):
    lines = build.DATA.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "fresh4.jsonl"
    path.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    with pytest.raises(build.SetError, match="the source gives"):
        build.validate(path, build.SOURCE)


def _datasets(monkeypatch, argv: list[str]) -> list[str]:
    """Dataset names the bench would score, without loading a model or reading a set."""
    module = _load("bench_anonymise_fresh4", REPO / "benchmarks" / "bench_anonymise.py")
    names: list[str] = []
    monkeypatch.setattr(module, "load_annotated", lambda path, split, limit=None: [])
    monkeypatch.setattr(module, "load_pii", lambda limit: [])
    monkeypatch.setattr(module, "load_ours", lambda limit, path=None: [])
    monkeypatch.setattr(module, "bench", lambda name, *a, **k: names.append(name) or {})
    monkeypatch.setattr(module, "systems", lambda peer: [])
    module.main(argv)
    return names


def test_bench_scores_fresh4_dev_also_under_dev_only(monkeypatch):
    assert "fresh4_dev" in _datasets(monkeypatch, ["--dev-only", "--no-peer"])
    assert "fresh4_dev" in _datasets(monkeypatch, ["--no-peer"])
