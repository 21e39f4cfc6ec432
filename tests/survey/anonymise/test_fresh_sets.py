"""The invented survivor-style anonymisation sets (``data/anon_fresh*``, SYNTHETIC): each is valid,
is what its source builds, names every planted error by line and field, and reaches the bench as
its role says (development sets under ``--dev-only`` too; held-out test splits never then).

Fast: no model is loaded and the anonymiser never runs on a set (the bench scores them). The five
sets share one builder (``tools/fresh_set.py``); each set's own ``build.py`` is what runs here.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]

#: folder -> (id letter, every split it holds, bench datasets tuned on, held-out bench datasets)
SETS = {
    "anon_fresh": ("f", ("dev", "validation", "test"),
                   ("fresh_dev", "fresh_validation", "fresh_test"), ()),
    "anon_fresh2": ("g", ("dev",), ("fresh2_dev",), ()),
    "anon_fresh3": ("h", ("test",), ("fresh3_test",), ()),
    "anon_fresh4": ("k", ("dev",), ("fresh4_dev",), ()),
    "anon_fresh5": ("m", ("test",), ("fresh5_test",), ()),
    "anon_fresh6": ("n", ("dev",), ("fresh6_dev",), ()),
    "anon_fresh7": ("p", ("test",), ("fresh7_test",), ()),
    "anon_fresh8": ("q", ("test",), ("fresh8_test",), ()),
    "anon_fresh9": ("r", ("test",), ("fresh9_test",), ()),
    "anon_fresh10": ("s", ("test",), ("fresh10_test",), ()),
    "anon_fresh11": ("t", ("test",), ("fresh11_test",), ()),
    "anon_fresh12": ("u", ("test",), ("fresh12_test",), ()),
    "anon_fresh13": ("v", ("test",), ("fresh13_test",), ()),
    "anon_fresh14": ("w", ("test",), ("fresh14_test",), ()),
    "anon_fresh15": ("x", ("test",), ("fresh15_test",), ()),
    "anon_fresh16": ("y", ("test",), ("fresh16_test",), ()),
    "anon_fresh17": ("z", ("test",), ("fresh17_test",), ()),
    "anon_fresh18": ("za", ("test",), ("fresh18_test",), ()),
    "anon_fresh19": ("zb", ("test",), ("fresh19_test",), ()),
    "anon_fresh20": ("zc", ("test",), ("fresh20_test",), ()),
    "anon_fresh21": ("zd", ("test",), ("fresh21_test",), ()),
    "anon_fresh22": ("ze", ("test",), ("fresh22_test",), ()),
    "anon_fresh23": ("zf", ("test",), ("fresh23_test",), ()),
    "anon_fresh24": ("zg", ("test",), ("fresh24_test",), ()),
    "anon_fresh25": ("zh", ("test",), ("fresh25_test",), ()),
    "anon_fresh26": ("zi", ("test",), ("fresh26_test",), ()),
    "anon_fresh27": ("zj", ("test",), ("fresh27_test",), ()),
    "anon_fresh28": ("zk", ("test",), ("fresh28_test",), ()),
    "anon_fresh29": ("zl", ("test",), ("fresh29_test",), ()),
    "anon_fresh30": ("zm", ("test",), ("fresh30_test",), ()),
    "anon_fresh31": ("zn", ("test",), ("fresh31_test",), ()),
    "anon_fresh32": ("zo", ("test",), ("fresh32_test",), ()),
    "anon_fresh33": ("zp", ("test",), ("fresh33_test",), ()),
    "anon_fresh34": ("zq", ("test",), ("fresh34_test",), ()),
    "anon_fresh35": ("zr", ("test",), ("fresh35_test",), ()),
    "anon_fresh36": ("zs", ("test",), ("fresh36_test",), ()),
    "anon_fresh37": ("zt", ("test",), ("fresh37_test",), ()),
    "anon_fresh38": ("zu", ("test",), ("fresh38_test",), ()),
    "anon_fresh39": ("zv", ("test",), ("fresh39_test",), ()),
    "anon_fresh40": ("zw", ("test",), ("fresh40_test",), ()),
}
#: Every test split (fresh, fresh3, fresh5, fresh7 to fresh10) was read once as a held-out test
#: (its first figures stand in the README); rules were written from its misses afterwards, so it
#: is tuned on now (fresh11 to fresh40 too, each scored once held out, then read).
#: What each writer was asked for: lines at least, survivors' share of lines.
SIZES = {"anon_fresh": (420, 0.5, 0.7), "anon_fresh2": (450, 0.55, 0.65),
         "anon_fresh3": (300, 0.5, 0.7), "anon_fresh4": (450, 0.6, 0.75),
         "anon_fresh5": (300, 0.5, 0.7), "anon_fresh6": (450, 0.55, 0.7),
         "anon_fresh7": (350, 0.55, 0.7), "anon_fresh8": (350, 0.55, 0.7),
         "anon_fresh9": (350, 0.55, 0.7), "anon_fresh10": (350, 0.55, 0.7),
         "anon_fresh11": (350, 0.55, 0.7), "anon_fresh12": (350, 0.45, 0.6),
         "anon_fresh13": (350, 0.55, 0.7), "anon_fresh14": (450, 0.55, 0.65),
         "anon_fresh15": (450, 0.45, 0.6), "anon_fresh16": (450, 0.5, 0.6),
         "anon_fresh17": (450, 0.4, 0.5), "anon_fresh18": (450, 0.5, 0.65),
         "anon_fresh19": (450, 0.45, 0.6), "anon_fresh20": (450, 0.44, 0.6),
         "anon_fresh21": (420, 0.4, 0.6), "anon_fresh22": (420, 0.4, 0.6),
         "anon_fresh23": (420, 0.4, 0.6), "anon_fresh24": (420, 0.4, 0.6),
         "anon_fresh25": (420, 0.4, 0.6), "anon_fresh26": (420, 0.4, 0.6),
         "anon_fresh27": (420, 0.4, 0.6), "anon_fresh28": (420, 0.4, 0.6),
         "anon_fresh29": (420, 0.4, 0.6), "anon_fresh30": (420, 0.4, 0.6),
         "anon_fresh31": (420, 0.4, 0.6), "anon_fresh32": (420, 0.4, 0.6),
         "anon_fresh33": (420, 0.4, 0.6), "anon_fresh34": (420, 0.4, 0.6),
         "anon_fresh35": (420, 0.4, 0.6), "anon_fresh36": (420, 0.4, 0.6),
         "anon_fresh37": (420, 0.4, 0.6), "anon_fresh38": (420, 0.4, 0.6),
         "anon_fresh39": (420, 0.4, 0.6), "anon_fresh40": (420, 0.4, 0.6)}


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module", params=sorted(SETS))
def fresh(request):
    """``(folder, its build module)`` for each set."""
    return request.param, _load(f"{request.param}_build", REPO / "data" / request.param /
                                "build.py")


def test_set_is_valid_and_what_its_source_builds(fresh):
    folder, build = fresh
    prefix, splits, _, _ = SETS[folder]
    least, low, high = SIZES[folder]
    counts = build.validate(build.DATA, build.SOURCE)
    assert counts["lines"] >= least
    assert set(counts["split"]) == set(splits) and all(counts["split"].values())
    assert low <= counts["voice"]["survivor"] / counts["lines"] <= high
    assert counts["kind"]["DIRECT"] and counts["kind"]["QUASI"] and counts["kind"]["KEEP"]
    ids = [json.loads(line)["id"] for line in build.DATA.read_text(encoding="utf-8").splitlines()]
    assert ids == [f"{prefix}{i:04d}" for i in range(1, len(ids) + 1)]


def test_what_each_writer_was_asked_for(fresh):
    folder, build = fresh
    counts = build.validate(build.DATA)
    if folder == "anon_fresh":
        assert 0.45 <= counts["with_identifier"] / counts["lines"] <= 0.65
    if folder == "anon_fresh2":
        assert set(counts["label"]) == set(build.KINDS)
    if folder not in ("anon_fresh", "anon_fresh2"):
        assert counts["label"]["ROLE"] and counts["label"]["DEMOGRAPHIC"]
    if folder == "anon_fresh4":
        assert counts["label"]["PERSON"] >= 100
    if folder == "anon_fresh6":
        assert counts["label"]["PERSON"] >= 110


def test_the_first_set_splits_by_hash():
    build = _load("anon_fresh_build_hash", REPO / "data" / "anon_fresh" / "build.py")
    # first byte of SHA-256("fresh:<id>") mod 4: 0, 1 dev; 2 validation; 3 test
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
    path = tmp_path / data.name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, n + 1


def test_a_bad_offset_names_the_line_and_field(fresh, tmp_path):
    folder, build = fresh

    def shift(rec):
        rec["spans"][0]["start"] += 1

    path, lineno = _planted(tmp_path, build.DATA, shift)
    name = build.DATA.name.replace(".", r"\.")
    with pytest.raises(build.SetError, match=rf"{name}:{lineno}: field spans\[0\]"):
        build.validate(path)
    run = subprocess.run([sys.executable, str(REPO / "data" / folder / "build.py"), "--file",
                          str(path)], capture_output=True, text=True, check=False)
    assert run.returncode == 1
    assert f"{build.DATA.name}:{lineno}: field spans[0].text" in run.stderr
    assert run.stdout == ""


@pytest.mark.parametrize(("field", "message"), [
    ("split", "field split"), ("synthetic", "field synthetic"), ("voice", "field voice"),
    ("id", "field id"),
])
def test_other_planted_errors_are_named(fresh, tmp_path, field, message):
    folder, build = fresh
    prefix, splits, _, _ = SETS[folder]
    wrong = {"split": "dev-or-test" if len(splits) > 1 else
             ("test" if splits == ("dev",) else "dev"),
             "synthetic": False, "voice": "reviewer",
             "id": ("h" if prefix != "h" else "f") + "0001"}[field]
    path, lineno = _planted(tmp_path, build.DATA, lambda rec: rec.__setitem__(field, wrong))
    with pytest.raises(build.SetError, match=rf":{lineno}: {message}"):
        build.validate(path)


def test_unknown_label_and_repeated_id_are_named(fresh, tmp_path):
    folder, build = fresh

    def relabel(rec):
        rec["spans"][0]["label"] = "NICKNAME"

    path, lineno = _planted(tmp_path, build.DATA, relabel)
    with pytest.raises(build.SetError, match=rf":{lineno}: field spans\[0\]\.label"):
        build.validate(path)
    lines = build.DATA.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines[:3] + lines[:1]) + "\n", encoding="utf-8")
    first = json.loads(lines[0])["id"]
    with pytest.raises(build.SetError, match=rf":4: field id: {first} repeats"):
        build.validate(path)


def test_a_source_edit_or_a_lost_line_not_rebuilt_is_named(fresh, tmp_path):
    folder, build = fresh
    source = tmp_path / build.SOURCE.name
    text = build.SOURCE.read_text(encoding="utf-8")
    assert "|PLACE]" in text
    source.write_text(text.replace("|PLACE]", "|FACILITY]", 1), encoding="utf-8")
    name = build.SOURCE.name.replace(".", r"\.")
    with pytest.raises(build.SetError, match=rf"differs from {name}; run --write"):
        build.validate(build.DATA, source)
    lines = build.DATA.read_text(encoding="utf-8").splitlines()
    path = tmp_path / build.DATA.name
    path.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    with pytest.raises(build.SetError, match="the source gives"):
        build.validate(path, build.SOURCE)


def _datasets(monkeypatch, argv: list[str]) -> list[str]:
    """Dataset names the bench would score, without loading a model or reading a set."""
    module = _load("bench_anonymise_fresh_sets", REPO / "benchmarks" / "bench_anonymise.py")
    names: list[str] = []
    monkeypatch.setattr(module, "load_annotated", lambda path, split, limit=None: [])
    monkeypatch.setattr(module, "load_pii", lambda limit: [])
    monkeypatch.setattr(module, "load_ours", lambda limit, path=None: [])
    monkeypatch.setattr(module, "bench", lambda name, *a, **k: names.append(name) or {})
    monkeypatch.setattr(module, "systems", lambda peer: [])
    module.main(argv)
    return names


def test_tuning_runs_score_development_sets_and_never_a_held_out_test(monkeypatch):
    # tuning runs use --dev-only: a held-out test is read once, never while tuning
    tuning = _datasets(monkeypatch, ["--dev-only", "--no-peer"])
    everything = _datasets(monkeypatch, ["--no-peer"])
    for _, _, dev, held_out in SETS.values():
        assert all(d in tuning and d in everything for d in dev)
        assert all(t not in tuning and t in everything for t in held_out)
