"""Rebuild the real-text probe and split ids, and validate the hand annotations.

The hand-annotated real-text set lives in ``data/anon_realtext/`` (see its README and GUIDE).
The annotation decisions themselves are the ``spans`` in ``annotations.jsonl``; this tool never
invents them. It only:

- ``probe``: rebuilds the 2,000-comment probe from the shared NHS comments
  (``../shared/data/coded/text_data.csv``) by a fixed rule and writes ``probe.jsonl``
  (every probe id, its split, and whether it is annotated yet);
- ``check``: validates ``annotations.jsonl``, ``survivor_style.jsonl``, ``dev2.jsonl``,
  ``dev3.jsonl`` to ``dev14.jsonl``
  (offsets, labels, kinds, splits, that each text is the source text, no overlapping spans; for
  dev2 also that its rows are exactly the dev2 selection and that no dev2 row or text is in the
  probe, hence none in test) and prints the counts;
- ``candidates``: prints a candidate pre-pass for a batch of probe comments, an aid for the
  annotator (capitalised words not at a sentence start, names, digits, @, cue words). The
  annotator decides every span; comments without candidates are read too.

Rules (deterministic, no seed needed):
- probe: rows sorted by SHA-256 of ``probe:<row_index>``; blank comments and exact duplicates of a
  comment already taken are skipped; the first 2,000 are the probe.
- split: SHA-256 of ``split:<row_index>`` (``split:<id>`` for the synthetic set); the first byte
  even -> ``dev``, odd -> ``test``.
- dev2 (a second development batch, split ``dev2``): rows outside the probe sorted by SHA-256 of
  ``dev2:<row_index>``; blank comments, probe texts and repeats skipped; the first 1,000.
  dev3 (split ``dev3``): the next 500 in the same order; dev4 (split ``dev4``): the 500 after;
  dev5 (split ``dev5``): the 500 after dev4; dev6 (split ``dev6``): the 500 after dev5;
  dev7 (split ``dev7``): the 500 after dev6; dev8 (split ``dev8``): the 500 after dev7;
  dev9 (split ``dev9``): the 500 after dev8; dev10 (split ``dev10``): the 500 after dev9;
  dev11 (split ``dev11``): the 500 after dev10; dev12 (split ``dev12``): the 500 after dev11;
  dev13 (split ``dev13``): the 500 after dev12; dev14 (split ``dev14``): the 500 after dev13.

Run: ``.venv/bin/python tools/build_realtext.py check`` (exit 1 on any problem).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "data" / "anon_realtext"
SOURCE = ROOT.parent / "shared" / "data" / "coded" / "text_data.csv"
PROBE_SIZE = 2000
#: The second development batch: comments outside the probe (so never test), see :func:`dev2_rows`.
DEV2_SIZE = 1000
DEV2_FILE = "dev2.jsonl"
#: The later batches, in the dev2 hash order: each the next ``size`` rows after all the batches
#: before it (:func:`later_rows`). dev3 was annotated after the dev2 rules and scored once before
#: any rule looked at it; dev4 to dev6 likewise (each first score a fresh estimate); dev7 and
#: dev8 were annotated by hand before any score and scored once held out after the rules were
#: fixed; dev9, dev10, dev11, dev12, dev13 and dev14 likewise, held out.
LATER_BATCHES: dict[str, tuple[int, str]] = {
    "dev3": (500, "dev3.jsonl"),
    "dev4": (500, "dev4.jsonl"),
    "dev5": (500, "dev5.jsonl"),
    "dev6": (500, "dev6.jsonl"),
    "dev7": (500, "dev7.jsonl"),
    "dev8": (500, "dev8.jsonl"),
    "dev9": (500, "dev9.jsonl"),
    "dev10": (500, "dev10.jsonl"),
    "dev11": (500, "dev11.jsonl"),
    "dev12": (500, "dev12.jsonl"),
    "dev13": (500, "dev13.jsonl"),
    "dev14": (308, "dev14.jsonl"),  # the last 308 comments the source holds
}
# Module-level names the tests and tools read (``DEV3_SIZE``, ``DEV3_FILE``, ...).
for _name, (_size, _file) in LATER_BATCHES.items():
    globals()[f"{_name.upper()}_SIZE"] = _size
    globals()[f"{_name.upper()}_FILE"] = _file

DIRECT_LABELS = frozenset({"PERSON", "CONTACT", "ID_NUMBER", "ADDRESS"})
QUASI_LABELS = frozenset(
    {"PLACE", "FACILITY", "ORGANISATION", "DATE", "AGE", "DEMOGRAPHIC"}
)
LABELS = DIRECT_LABELS | QUASI_LABELS


def kind_of(label: str) -> str:
    """The identifier kind a label belongs to (the guide fixes one kind per label)."""
    if label in DIRECT_LABELS:
        return "DIRECT"
    if label in QUASI_LABELS:
        return "QUASI"
    raise ValueError(f"unknown label {label!r}; valid: {sorted(LABELS)}")


def _sha(s: str) -> str:
    return hashlib.sha256(s.encode("utf-8")).hexdigest()


def split_of(key: int | str) -> str:
    """``dev`` or ``test`` for a row index (real set) or an item id (synthetic set)."""
    return "dev" if int(_sha(f"split:{key}")[:2], 16) % 2 == 0 else "test"


def read_source(path: Path = SOURCE) -> dict[int, str]:
    with path.open(newline="", encoding="utf-8") as fh:
        return {int(r["row_index"]): r["feedback"] for r in csv.DictReader(fh)}


def _select(source: dict[int, str], key: str, size: int, exclude: tuple[int, ...] | list[int] = ()
            ) -> list[int]:
    """The first ``size`` row indices in SHA-256 order of ``<key>:<row_index>``, skipping the
    ``exclude`` rows, blank comments and comments equal to an excluded or already taken one."""
    excluded = set(exclude)
    seen: set[str] = {source[i] for i in exclude}
    out: list[int] = []
    for idx in sorted(source, key=lambda i: _sha(f"{key}:{i}")):
        text = source[idx]
        if idx in excluded or not text or not text.strip() or text in seen:
            continue
        seen.add(text)
        out.append(idx)
        if len(out) == size:
            break
    return out


def probe_rows(source: dict[int, str], size: int = PROBE_SIZE) -> list[int]:
    """Row indices of the probe, in probe order (hash order)."""
    return _select(source, "probe", size)


def dev2_rows(source: dict[int, str], probe: list[int], size: int = DEV2_SIZE) -> list[int]:
    """Row indices of the second development batch ("dev2"), in selection order.

    Rows sorted by SHA-256 of ``dev2:<row_index>``; rows in the probe, blank comments, and
    comments equal to a probe comment or to one already taken are skipped; the first ``size``.
    Deterministic (the hash key is the seed). No dev2 row or text is in the probe, so none is
    in the test split.
    """
    return _select(source, "dev2", size, probe)


def read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _validate_item(item: dict, where: str, splits: tuple[str, ...] = ("dev", "test")) -> list[str]:
    errs: list[str] = []
    text = item.get("text")
    if not isinstance(text, str):
        return [f"{where}: text missing"]
    if item.get("split") not in splits:
        errs.append(f"{where}: split must be one of {', '.join(splits)}")
    last_end = -1
    spans = item.get("spans", [])
    for k, sp in enumerate(sorted(spans, key=lambda s: (s["start"], s["end"]))):
        s, e, label, kind = sp.get("start"), sp.get("end"), sp.get("label"), sp.get("kind")
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text)):
            errs.append(f"{where} span {k}: bad offsets")
            continue
        if label not in LABELS:
            errs.append(f"{where} span {k}: unknown label {label!r}")
        elif kind != kind_of(label):
            errs.append(f"{where} span {k}: kind {kind!r} does not match label {label}")
        frag = text[s:e]
        if frag != frag.strip() or not frag.strip():
            errs.append(f"{where} span {k}: span has edge whitespace")
        if "text" in sp and sp["text"] != frag:
            errs.append(f"{where} span {k}: span text does not match offsets")
        if s < last_end:
            errs.append(f"{where} span {k}: overlaps the previous span")
        last_end = max(last_end, e)
    return errs


def validate_real(items: list[dict], source: dict[int, str], probe: list[int]) -> list[str]:
    errs: list[str] = []
    probe_set = set(probe)
    ids = Counter(it.get("id") for it in items)
    errs += [f"duplicate id {i}" for i, n in ids.items() if n > 1]
    for n, it in enumerate(items, 1):
        where = f"annotations.jsonl line {n}"
        idx = it.get("row_index")
        if it.get("id") != f"r{idx}":
            errs.append(f"{where}: id must be r<row_index>")
        if idx not in probe_set:
            errs.append(f"{where}: row not in the probe")
            continue
        if it.get("text") != source[idx]:
            errs.append(f"{where}: text differs from the source row")
        if it.get("split") != split_of(idx):
            errs.append(f"{where}: split differs from the hash rule")
        if it.get("synthetic"):
            errs.append(f"{where}: real comments are not synthetic")
        errs += _validate_item(it, where)
    return errs


def later_rows(source: dict[int, str], probe: list[int], name: str) -> list[int]:
    """Row indices of the later batch ``name`` (``dev3`` onwards): the next ``size`` rows in the
    dev2 order after dev2 and every batch listed before it in :data:`LATER_BATCHES`, so disjoint
    from all of them and from the probe."""
    start = DEV2_SIZE
    for other, (size, _) in LATER_BATCHES.items():
        if other == name:
            return dev2_rows(source, probe, start + size)[start:]
        start += size
    raise ValueError(f"unknown batch {name!r}; valid: dev2, {', '.join(LATER_BATCHES)}")


def _rows_of(name: str):
    def rows(source: dict[int, str], probe: list[int]) -> list[int]:
        return later_rows(source, probe, name)
    rows.__name__ = f"{name}_rows"
    rows.__doc__ = f"Row indices of the batch {name}: :func:`later_rows` for {name!r}."
    return rows


# ``dev3_rows`` .. one per later batch, importable by name.
for _name in LATER_BATCHES:
    globals()[f"{_name}_rows"] = _rows_of(_name)

#: batch -> (rows function, file name), dev2 first, in selection order.
_BATCHES = {"dev2": (dev2_rows, DEV2_FILE),
            **{n: (globals()[f"{n}_rows"], f) for n, (_, f) in LATER_BATCHES.items()}}


def validate_dev2(items: list[dict], source: dict[int, str], probe: list[int],
                  batch: str = "dev2") -> list[str]:
    """A later development batch (``dev2`` to ``dev14``): exactly the selected rows, in order,
    each the source text, never a probe row or a probe text (so never in test), split named
    after the batch, spans valid."""
    errs: list[str] = []
    rows_of, fname = _BATCHES[batch]
    expect = rows_of(source, probe)
    got = [it.get("row_index") for it in items]
    if got != expect:
        errs.append(f"{fname}: rows differ from the {batch} selection rule "
                    f"({len(got)} lines, {len(expect)} expected)")
    probe_set = set(probe)
    probe_texts = {source[i] for i in probe}
    for n, it in enumerate(items, 1):
        where = f"{fname} line {n}"
        idx = it.get("row_index")
        if it.get("id") != f"r{idx}":
            errs.append(f"{where}: id must be r<row_index>")
        if idx in probe_set or it.get("text") in probe_texts:
            errs.append(f"{where}: row or text is in the probe (dev/test)")
            continue
        if idx not in source or it.get("text") != source[idx]:
            errs.append(f"{where}: text differs from the source row")
        if it.get("synthetic"):
            errs.append(f"{where}: real comments are not synthetic")
        errs += _validate_item(it, where, splits=(batch,))
    return errs


def validate_synthetic(items: list[dict]) -> list[str]:
    errs: list[str] = []
    ids = Counter(it.get("id") for it in items)
    errs += [f"duplicate id {i}" for i, n in ids.items() if n > 1]
    for n, it in enumerate(items, 1):
        where = f"survivor_style.jsonl line {n}"
        if it.get("synthetic") is not True:
            errs.append(f"{where}: must be marked synthetic")
        if it.get("split") != split_of(it.get("id")):
            errs.append(f"{where}: split differs from the hash rule")
        errs += _validate_item(it, where)
    return errs


def counts(items: list[dict], splits: tuple[str, ...] = ("dev", "test", "all")) -> dict:
    out: dict = {}
    for split in splits:
        sel = [it for it in items if split == "all" or it["split"] == split]
        spans = [sp for it in sel for sp in it["spans"]]
        out[split] = {
            "comments": len(sel),
            "with_any": sum(1 for it in sel if it["spans"]),
            "with_direct": sum(1 for it in sel if any(s["kind"] == "DIRECT" for s in it["spans"])),
            "spans": len(spans),
            "by_kind": dict(Counter(s["kind"] for s in spans)),
            "by_label": dict(sorted(Counter(s["label"] for s in spans).items())),
        }
    return out


def write_probe(source: dict[int, str], probe: list[int], annotated: set[int]) -> Path:
    path = DATA_DIR / "probe.jsonl"
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        for order, idx in enumerate(probe):
            rec = {"id": f"r{idx}", "row_index": idx, "probe_order": order,
                   "split": split_of(idx), "annotated": idx in annotated}
            fh.write(json.dumps(rec) + "\n")
    tmp.replace(path)
    return path


# --- candidate pre-pass (annotator aid only) -------------------------------------------------

_CUES = re.compile(
    r"\b(dr|doctor|nurse|sister|mr|mrs|ms|miss|ward|hospital|surgery|clinic|centre|center|"
    r"school|college|street|st|road|rd|lane|avenue|close|house|unit|practice|health|"
    r"trust|called|named|name)\b",
    re.I,
)
_DEMOG = re.compile(
    r"\b(muslim|christian|jewish|hindu|sikh|catholic|gay|lesbian|bisexual|trans|transgender|"
    r"black|white|asian|polish|english|british|scottish|welsh|irish|african|caribbean|"
    r"religion|religious|ethnic\w*|nationality|lgbt\w*|non-binary|deaf)\b",
    re.I,
)


def _name_set() -> set[str]:
    path = ROOT / "survey" / "anonymise" / "data" / "first_names.tsv.gz"
    if not path.exists():
        return set()
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return {ln.split("\t")[0].lower() for ln in fh if ln.rstrip().endswith("\t0")}


def candidates(text: str, names: set[str]) -> list[str]:
    out: list[str] = []
    for m in re.finditer(r"[A-Za-z][A-Za-z'\-]*", text):
        w = m.group()
        before = text[: m.start()].rstrip()
        sent_start = not before or before[-1] in ".!?:;\"(\n-"
        if w[0].isupper() and not sent_start and w not in ("I", "I'm", "I've", "I'd", "I'll"):
            out.append(w)
        elif w.lower() in names and len(w) > 2:
            out.append(f"~{w}")
    out += [f"#{m.group()}" for m in re.finditer(r"\d[\d/.:\-]*", text)]
    out += [f"@{m.group()}" for m in re.finditer(r"\S*@\S*", text)]
    out += [f"!{m.group()}" for m in _CUES.finditer(text)]
    out += [f"?{m.group()}" for m in _DEMOG.finditer(text)]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("probe", help="rewrite probe.jsonl from the source and the annotations")
    sub.add_parser("check", help="validate the annotation files and print counts")
    c = sub.add_parser("candidates", help="print a pre-pass for probe comments")
    c.add_argument("--split", choices=["dev", "test", *_BATCHES], required=True)
    c.add_argument("--start", type=int, default=0)
    c.add_argument("--count", type=int, default=100)
    args = ap.parse_args(argv)

    source = read_source()
    probe = probe_rows(source)
    real = read_jsonl(DATA_DIR / "annotations.jsonl")
    if args.cmd == "probe":
        print(write_probe(source, probe, {it["row_index"] for it in real}))
        return 0
    if args.cmd == "candidates":
        names = _name_set()
        pool = (_BATCHES[args.split][0](source, probe) if args.split in _BATCHES else
                [i for i in probe if split_of(i) == args.split])
        sel = pool[args.start: args.start + args.count]
        for idx in sel:
            print(f"r{idx}\t{source[idx]!r}\n\t{' '.join(candidates(source[idx], names))}")
        return 0
    synth = read_jsonl(DATA_DIR / "survivor_style.jsonl")
    errs = validate_real(real, source, probe) + validate_synthetic(synth)
    batches = {name: read_jsonl(DATA_DIR / fname) for name, (_, fname) in _BATCHES.items()}
    for name, items in batches.items():
        if items:
            errs += validate_dev2(items, source, probe, name)
    listed = read_jsonl(DATA_DIR / "probe.jsonl")
    annotated = {it["row_index"] for it in real}
    expect = [{"id": f"r{i}", "row_index": i, "probe_order": k, "split": split_of(i),
               "annotated": i in annotated} for k, i in enumerate(probe)]
    if listed != expect:
        errs.append("probe.jsonl is stale or wrong: run `tools/build_realtext.py probe`")
    for e in errs[:50]:
        print(e, file=sys.stderr)
    n_probe_ann = sum(1 for it in real if it["row_index"] in set(probe))
    print(json.dumps({"probe": len(probe), "annotated": n_probe_ann,
                      "real": counts(real) if real else {},
                      "survivor_style": counts(synth) if synth else {},
                      **{name: counts(items, (name,)) if items else {}
                         for name, items in batches.items()}}, indent=1))
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())
