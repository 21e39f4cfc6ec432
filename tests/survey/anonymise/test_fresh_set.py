"""The fresh survivor-style set (data/anon_fresh, SYNTHETIC): valid, split by hash, test held out.

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
BUILD = REPO / "data" / "anon_fresh" / "build.py"


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def build():
    return _load("anon_fresh_build", BUILD)


def test_fresh_set_is_valid_and_what_its_source_builds(build):
    counts = build.validate(build.DATA, build.SOURCE)
    assert counts["lines"] >= 420
    assert all(counts["split"][s] > 0 for s in ("dev", "validation", "test"))
    assert 0.5 <= counts["voice"]["survivor"] / counts["lines"] <= 0.7
    assert 0.45 <= counts["with_identifier"] / counts["lines"] <= 0.65
    assert counts["kind"]["DIRECT"] and counts["kind"]["QUASI"] and counts["kind"]["KEEP"]


def test_split_is_the_hash_rule(build):
    # first byte of SHA-256("fresh:<id>") mod 4: 0, 1 dev; 2 validation; 3 test
    import hashlib

    for rid in ("f0001", "f0002", "f0417"):
        byte = hashlib.sha256(f"fresh:{rid}".encode()).digest()[0]
        assert build.split_of(rid) == ("dev", "dev", "validation", "test")[byte % 4]


def _planted(tmp_path: Path, data: Path, change) -> tuple[Path, int]:
    """A copy of the set with ``change`` applied to the first line holding an identifier."""
    lines = data.read_text(encoding="utf-8").splitlines()
    n = next(i for i, line in enumerate(lines) if json.loads(line)["spans"])
    rec = json.loads(lines[n])
    change(rec)
    lines[n] = json.dumps(rec, ensure_ascii=False)
    path = tmp_path / "fresh.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, n + 1


def test_a_bad_offset_names_the_line_and_field(build, tmp_path):
    def shift(rec):
        rec["spans"][0]["start"] += 1

    path, lineno = _planted(tmp_path, build.DATA, shift)
    with pytest.raises(build.SetError, match=rf"fresh\.jsonl:{lineno}: field spans\[0\]"):
        build.validate(path)
    run = subprocess.run([sys.executable, str(BUILD), "--file", str(path)],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 1
    assert f"fresh.jsonl:{lineno}: field spans[0].text" in run.stderr
    assert run.stdout == ""


@pytest.mark.parametrize(("field", "value", "message"), [
    ("split", "dev-or-test", "field split"),
    ("synthetic", False, "field synthetic"),
    ("voice", "reviewer", "field voice"),
])
def test_other_planted_errors_are_named(build, tmp_path, field, value, message):
    path, lineno = _planted(tmp_path, build.DATA, lambda rec: rec.__setitem__(field, value))
    with pytest.raises(build.SetError, match=rf":{lineno}: {message}"):
        build.validate(path)


def test_unknown_label_and_repeated_id_are_named(build, tmp_path):
    def relabel(rec):
        rec["spans"][0]["label"] = "NICKNAME"

    path, lineno = _planted(tmp_path, build.DATA, relabel)
    with pytest.raises(build.SetError, match=rf":{lineno}: field spans\[0\]\.label"):
        build.validate(path)
    lines = build.DATA.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines[:3] + lines[:1]) + "\n", encoding="utf-8")
    with pytest.raises(build.SetError, match=r":4: field id: f0001 repeats"):
        build.validate(path)


def _datasets(monkeypatch, argv: list[str]) -> list[str]:
    """Dataset names the bench would score, without loading a model or reading a set."""
    module = _load("bench_anonymise_fresh", REPO / "benchmarks" / "bench_anonymise.py")
    names: list[str] = []
    monkeypatch.setattr(module, "load_annotated", lambda path, split, limit=None: [])
    monkeypatch.setattr(module, "load_pii", lambda limit: [])
    monkeypatch.setattr(module, "load_ours", lambda limit, path=None: [])
    monkeypatch.setattr(module, "bench", lambda name, *a, **k: names.append(name) or {})
    monkeypatch.setattr(module, "systems", lambda peer: [])
    module.main(argv)
    return names


def test_dev_only_never_lists_the_fresh_test_split(monkeypatch):
    # tuning runs use --dev-only: the fresh test split is read once, never while tuning
    tuning = _datasets(monkeypatch, ["--dev-only", "--no-peer"])
    assert "fresh_dev" in tuning and "fresh_validation" in tuning
    assert "fresh_test" not in tuning
    assert "fresh_test" in _datasets(monkeypatch, ["--no-peer"])
