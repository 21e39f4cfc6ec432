"""The seventh real-text batch (``data/anon_realtext/dev7.jsonl``): the 500 comments after dev6
in the dev2 hash order, disjoint from every earlier batch and from the probe, each line the source
text with valid spans; annotated by hand before any score and held out (``--dev-only`` skips it)."""

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


def test_dev7_rows_are_the_500_after_dev6(source_probe):
    source, probe = source_probe
    earlier = set(probe)
    for rows_of in (br.dev2_rows, br.dev3_rows, br.dev4_rows, br.dev5_rows, br.dev6_rows):
        earlier |= set(rows_of(source, probe))
    dev7 = br.dev7_rows(source, probe)
    assert len(dev7) == br.DEV7_SIZE == len(set(dev7)) and not set(dev7) & earlier
    # the same hash order continued: the first 3,000 selected rows are dev2 to dev6, then dev7
    assert br.dev2_rows(source, probe, 3500)[3000:] == dev7


def test_dev7_file_is_valid_and_checked(source_probe):
    source, probe = source_probe
    items = br.read_jsonl(br.DATA_DIR / br.DEV7_FILE)
    assert br.validate_dev2(items, source, probe, "dev7") == []
    bad = json.loads(json.dumps(items))
    bad[0]["split"] = "dev6"
    assert any("split" in e for e in br.validate_dev2(bad, source, probe, "dev7"))
    assert any("selection rule" in e for e in br.validate_dev2(items[1:], source, probe, "dev7"))
    # dev6's rows are not dev7's
    dev6 = br.read_jsonl(br.DATA_DIR / br.DEV6_FILE)
    for it in dev6:
        it["split"] = "dev7"
    assert any("selection rule" in e for e in br.validate_dev2(dev6, source, probe, "dev7"))
    spanned = next(it for it in items if it["spans"])
    bad = json.loads(json.dumps(items))
    k = items.index(spanned)
    bad[k]["spans"][0]["end"] += 1
    assert any("line" in e for e in br.validate_dev2(bad, source, probe, "dev7"))


def test_check_validates_dev7(source_probe, monkeypatch, capsys):
    """``check`` reads dev7 and fails when a dev7 line is broken."""
    items = br.read_jsonl(br.DATA_DIR / br.DEV7_FILE)
    real_read = br.read_jsonl

    def broken(path):
        got = real_read(path)
        if Path(path).name == br.DEV7_FILE:
            got = json.loads(json.dumps(items))
            got[0]["split"] = "dev"
        return got

    assert br.main(["check"]) == 0
    assert '"dev7"' in capsys.readouterr().out
    monkeypatch.setattr(br, "read_jsonl", broken)
    assert br.main(["check"]) == 1


def _bench_datasets(monkeypatch, argv):
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "bench_anonymise_dev7", Path(br.ROOT) / "benchmarks" / "bench_anonymise.py")
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
    module.main(argv)
    return loaded, benched


def test_bench_holds_dev7_out_of_tuning_runs(monkeypatch):
    """dev7 is scored by its own split in a full run and never read under ``--dev-only``."""
    loaded, benched = _bench_datasets(monkeypatch, ["--no-peer"])
    assert (br.DEV7_FILE, "dev7") in loaded
    role = "held out: seventh batch outside the probe, scored once after the rules are fixed"
    assert ("realtext_dev7", role) in benched
    loaded, benched = _bench_datasets(monkeypatch, ["--dev-only", "--no-peer"])
    assert br.DEV7_FILE not in {name for name, _ in loaded}
    assert "realtext_dev7" not in {name for name, _ in benched}
