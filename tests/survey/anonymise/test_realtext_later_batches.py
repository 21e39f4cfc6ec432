"""The later real-text batches (``data/anon_realtext/dev6.jsonl`` to ``dev12.jsonl``): each the 500
comments after the one before in the dev2 hash order, disjoint from every earlier batch and from
the probe (so never test), each line the source text with valid spans. dev6 is development (scored
under ``--dev-only``); dev7 was annotated by hand before any score, scored once held out, and is
development since (its misses were read); dev8 likewise (scored once held out in round eight,
then read); dev9 likewise (annotated by hand before any score, scored once held out in round
nine, then read); dev10 likewise (scored once held out after the rules written from dev9's
misses, then read); dev11 and dev12 likewise (scored once held out in round ten, then read); dev13 likewise
(annotated by hand before any score, scored once held out in round eleven, then read); dev14,
the last 308 comments the source holds, likewise (scored once held out in round eleven, then
read)."""

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "tools"))
import build_realtext as br

#: batch -> (the batch before it, rows selected before it, its bench role, held out)
BATCHES = {
    "dev6": ("dev5", 2500, "development: sixth batch outside the probe, first scored untouched",
             False),
    "dev7": ("dev6", 3000, "development: seventh batch outside the probe, scored once held out, "
             "then read", False),
    "dev8": ("dev7", 3500, "development: eighth batch outside the probe, scored once held out, "
             "then read", False),
    "dev9": ("dev8", 4000, "development: ninth batch outside the probe, scored once held out, "
             "then read", False),
    "dev10": ("dev9", 4500, "development: tenth batch outside the probe, scored once held out, "
              "then read", False),
    "dev11": ("dev10", 5000, "development: eleventh batch outside the probe, scored once held out, "
              "then read", False),
    "dev12": ("dev11", 5500, "development: twelfth batch outside the probe, scored once held out, "
              "then read", False),
    "dev13": ("dev12", 6000, "development: thirteenth batch outside the probe, scored once held "
              "out, then read", False),
    "dev14": ("dev13", 6500, "development: the last batch the source holds (308), scored once "
              "held out, then read", False),
}
_EARLIER_ROWS = (br.dev2_rows, br.dev3_rows, br.dev4_rows, br.dev5_rows, br.dev6_rows,
                 br.dev7_rows, br.dev8_rows, br.dev9_rows, br.dev10_rows, br.dev11_rows,
                 br.dev12_rows, br.dev13_rows, br.dev14_rows)


@pytest.fixture(scope="module")
def source_probe():
    if not br.SOURCE.is_file():
        pytest.skip("shared NHS comments not present")
    source = br.read_source()
    return source, br.probe_rows(source)


def _file(batch: str) -> str:
    return getattr(br, f"{batch.upper()}_FILE")


@pytest.mark.parametrize("batch", sorted(BATCHES))
def test_rows_are_the_500_after_the_batch_before(source_probe, batch):
    source, probe = source_probe
    _, before, _, _ = BATCHES[batch]
    rows_of = getattr(br, f"{batch}_rows")
    earlier = set(probe)
    for other in _EARLIER_ROWS[:_EARLIER_ROWS.index(rows_of)]:
        earlier |= set(other(source, probe))
    rows = rows_of(source, probe)
    assert len(rows) == getattr(br, f"{batch.upper()}_SIZE") == len(set(rows))
    assert not set(rows) & earlier
    # the same hash order continued: the rows selected before, then this batch
    assert br.dev2_rows(source, probe, before + len(rows))[before:] == rows


@pytest.mark.parametrize("batch", sorted(BATCHES))
def test_file_is_valid_and_checked(source_probe, batch):
    source, probe = source_probe
    previous = BATCHES[batch][0]
    items = br.read_jsonl(br.DATA_DIR / _file(batch))
    assert br.validate_dev2(items, source, probe, batch) == []
    bad = json.loads(json.dumps(items))
    bad[0]["split"] = previous
    assert any("split" in e for e in br.validate_dev2(bad, source, probe, batch))
    assert any("selection rule" in e for e in br.validate_dev2(items[1:], source, probe, batch))
    # the batch before's rows are not this batch's
    other = br.read_jsonl(br.DATA_DIR / _file(previous))
    for it in other:
        it["split"] = batch
    assert any("selection rule" in e for e in br.validate_dev2(other, source, probe, batch))
    spanned = next(it for it in items if it["spans"])
    bad = json.loads(json.dumps(items))
    bad[items.index(spanned)]["spans"][0]["end"] += 1
    assert any("line" in e for e in br.validate_dev2(bad, source, probe, batch))


@pytest.mark.parametrize("batch", sorted(BATCHES))
def test_check_validates_the_batch(source_probe, monkeypatch, capsys, batch):
    """``check`` reads the batch and fails when one of its lines is broken."""
    items = br.read_jsonl(br.DATA_DIR / _file(batch))
    real_read = br.read_jsonl

    def broken(path):
        got = real_read(path)
        if Path(path).name == _file(batch):
            got = json.loads(json.dumps(items))
            got[0]["split"] = "dev"
        return got

    assert br.main(["check"]) == 0
    assert f'"{batch}"' in capsys.readouterr().out
    monkeypatch.setattr(br, "read_jsonl", broken)
    assert br.main(["check"]) == 1


def _bench_datasets(monkeypatch, argv):
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "bench_anonymise_later_batches", Path(br.ROOT) / "benchmarks" / "bench_anonymise.py")
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


@pytest.mark.parametrize("batch", sorted(BATCHES))
def test_bench_scores_the_batch_by_its_own_split_as_its_role_says(monkeypatch, batch):
    """A full run scores the batch by its own file and split; a tuning run (``--dev-only``)
    scores a development batch and never reads a held-out one."""
    _, _, role, held_out = BATCHES[batch]
    loaded, benched = _bench_datasets(monkeypatch, ["--no-peer"])
    assert (_file(batch), batch) in loaded and (f"realtext_{batch}", role) in benched
    loaded, benched = _bench_datasets(monkeypatch, ["--dev-only", "--no-peer"])
    if held_out:
        assert _file(batch) not in {name for name, _ in loaded}
        assert f"realtext_{batch}" not in {name for name, _ in benched}
    else:
        assert (_file(batch), batch) in loaded and (f"realtext_{batch}", role) in benched
