"""The sixth real-text development batch (``data/anon_realtext/dev6.jsonl``): the 500 comments
after dev5 in the dev2 hash order, disjoint from every earlier batch and from the probe (so never
test), each line the source text with valid spans."""

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "tools"))
import build_realtext as br


@pytest.fixture(scope="module")
def source_probe():
    if not br.SOURCE.is_file():
        pytest.skip("shared NHS comments not present")
    source = br.read_source()
    return source, br.probe_rows(source)


def test_dev6_rows_are_the_500_after_dev5(source_probe):
    source, probe = source_probe
    earlier = (set(br.dev2_rows(source, probe)) | set(br.dev3_rows(source, probe))
               | set(br.dev4_rows(source, probe)) | set(br.dev5_rows(source, probe)) | set(probe))
    dev6 = br.dev6_rows(source, probe)
    assert len(dev6) == br.DEV6_SIZE == len(set(dev6)) and not set(dev6) & earlier
    # the same hash order continued: the first 2,500 selected rows are dev2 to dev5, then dev6
    assert br.dev2_rows(source, probe, 3000)[2500:] == dev6


def test_dev6_file_is_valid_and_checked(source_probe):
    source, probe = source_probe
    items = br.read_jsonl(br.DATA_DIR / br.DEV6_FILE)
    assert br.validate_dev2(items, source, probe, "dev6") == []
    bad = json.loads(json.dumps(items))
    bad[0]["split"] = "dev5"
    assert any("split" in e for e in br.validate_dev2(bad, source, probe, "dev6"))
    assert any("selection rule" in e for e in br.validate_dev2(items[1:], source, probe, "dev6"))
    spanned = next(it for it in items if it["spans"])
    bad = json.loads(json.dumps(items))
    k = items.index(spanned)
    bad[k]["spans"][0]["end"] += 1
    assert any("line" in e for e in br.validate_dev2(bad, source, probe, "dev6"))


def test_check_validates_dev6(source_probe, monkeypatch, capsys):
    """``check`` reads dev6 and fails when a dev6 line is broken."""
    items = br.read_jsonl(br.DATA_DIR / br.DEV6_FILE)
    real_read = br.read_jsonl

    def broken(path):
        got = real_read(path)
        if Path(path).name == br.DEV6_FILE:
            got = json.loads(json.dumps(items))
            got[0]["split"] = "dev"
        return got

    assert br.main(["check"]) == 0
    assert '"dev6"' in capsys.readouterr().out
    monkeypatch.setattr(br, "read_jsonl", broken)
    assert br.main(["check"]) == 1


def test_bench_scores_dev6_by_its_own_split(monkeypatch):
    """``bench_anonymise.py`` runs dev6 as its own dataset, reading the dev6 file and split."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "bench_anonymise_dev6", Path(br.ROOT) / "benchmarks" / "bench_anonymise.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    loaded: list[tuple[str, str]] = []
    benched: list[tuple[str, str]] = []
    monkeypatch.setattr(module, "load_annotated", lambda path, split, limit=None:
                        loaded.append((Path(path).name, split)) or [])
    monkeypatch.setattr(module, "load_pii", lambda limit: [])
    monkeypatch.setattr(module, "bench", lambda name, role, *a, **k: benched.append((name, role))
                        or {})
    monkeypatch.setattr(module, "systems", lambda peer: [])
    module.main(["--dev-only", "--no-peer"])
    assert (br.DEV6_FILE, "dev6") in loaded
    role = "development: sixth batch outside the probe, first scored untouched"
    assert ("realtext_dev6", role) in benched
