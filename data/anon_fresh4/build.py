"""Build and check the fourth fresh survivor-style anonymisation set, fresh4 (SYNTHETIC, development).

``fresh4.src.txt`` is the hand-written source: one answer a line, ``S|`` (survivor) or ``P|``
(professional) first, identifiers marked ``[text|LABEL]`` and identity words ``{text|category}``.
``--write`` turns it into ``fresh4.jsonl`` (ids ``k0001`` upwards in source order, offsets computed,
split ``dev`` on every line: the whole set is for development, rules are tuned on it). With no option the script validates ``fresh4.jsonl`` (offsets match the text,
labels and kinds known, ids unique, every split ``dev``, every line synthetic, the file the
same as the source gives) and prints counts per split, voice, label and kind as JSON. Any error
prints one line naming the line and field, and the exit status is 1.

Run: ``.venv/bin/python data/anon_fresh4/build.py [--write] [--file PATH]``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "fresh4.src.txt"
DATA = HERE / "fresh4.jsonl"

#: Kind of every label (GUIDE.md in data/anon_realtext; ROLE: an identifying role, see README).
KINDS = {"PERSON": "DIRECT", "CONTACT": "DIRECT", "ID_NUMBER": "DIRECT", "ADDRESS": "DIRECT",
         "FACILITY": "QUASI", "ORGANISATION": "QUASI", "PLACE": "QUASI", "DATE": "QUASI",
         "AGE": "QUASI", "ROLE": "QUASI", "DEMOGRAPHIC": "KEEP"}
#: Identity-word categories, named as docs/anonymisation-policy.md names them.
CATEGORIES = {"so": "sexual_orientation", "gi": "gender_identity", "eth": "ethnicity",
              "nat": "nationality", "rel": "religion", "dis": "disability", "age": "age_group"}
VOICES = {"S": "survivor", "P": "professional"}
SPLITS = ("dev", "validation", "test")
FIELDS = {"id", "text", "split", "voice", "spans", "synthetic"}
_MARK = re.compile(r"\[([^\[\]|{}]+)\|([A-Z_]+)\]|\{([^\[\]|{}]+)\|([a-z]+)\}")


class SetError(ValueError):
    """One problem in the source or the set, naming where it is."""


def split_of(rid: str) -> str:
    """Every line is development: the lead tunes rules on the whole set (no held-out part)."""
    return "dev"


def parse_source(path: Path = SOURCE) -> list[dict]:
    """Records from the marked-up source, in order, ids ``k0001`` upwards."""
    out = []
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        voice, sep, body = line.partition("|")
        if not sep or voice not in VOICES:
            raise SetError(f"{path.name}:{lineno}: field voice: expected 'S|' or 'P|' first")
        text, spans, pos = [], [], 0
        length = 0
        for m in _MARK.finditer(body):
            plain = body[pos:m.start()]
            text.append(plain)
            length += len(plain)
            value = m.group(1) or m.group(3)
            if m.group(1):
                label = m.group(2)
                if label not in KINDS or label == "DEMOGRAPHIC":
                    raise SetError(f"{path.name}:{lineno}: field label: unknown label {label}")
                span = {"start": length, "end": length + len(value), "label": label,
                        "kind": KINDS[label], "text": value}
            else:
                if m.group(4) not in CATEGORIES:
                    raise SetError(f"{path.name}:{lineno}: field category: unknown {m.group(4)}")
                span = {"start": length, "end": length + len(value), "label": "DEMOGRAPHIC",
                        "kind": "KEEP", "category": CATEGORIES[m.group(4)], "text": value}
            text.append(value)
            length += len(value)
            spans.append(span)
            pos = m.end()
        text.append(body[pos:])
        full = "".join(text)
        if any(c in full for c in "[]{}|"):
            raise SetError(f"{path.name}:{lineno}: field text: unbalanced mark-up")
        rid = f"k{len(out) + 1:04d}"
        out.append({"id": rid, "text": full, "split": split_of(rid), "voice": VOICES[voice],
                    "spans": spans, "synthetic": True})
    return out


def check_record(rec: object, where: str, seen: set[str]) -> None:
    """Raise :class:`SetError` naming ``where`` and the field for the first problem."""
    if not isinstance(rec, dict):
        raise SetError(f"{where}: not a JSON object")
    missing = FIELDS - rec.keys()
    if missing:
        raise SetError(f"{where}: field {min(missing)}: missing")
    rid, text = rec["id"], rec["text"]
    if not isinstance(rid, str) or not re.fullmatch(r"k\d{4}", rid):
        raise SetError(f"{where}: field id: expected k and four digits")
    if rid in seen:
        raise SetError(f"{where}: field id: {rid} repeats an earlier line")
    seen.add(rid)
    if not isinstance(text, str) or not text.strip():
        raise SetError(f"{where}: field text: empty")
    if rec["synthetic"] is not True:
        raise SetError(f"{where}: field synthetic: must be true")
    if rec["split"] != split_of(rid):
        raise SetError(f"{where}: field split: {rec['split']!r}, every line is {split_of(rid)!r}")
    if rec["voice"] not in VOICES.values():
        raise SetError(f"{where}: field voice: expected survivor or professional")
    if not isinstance(rec["spans"], list):
        raise SetError(f"{where}: field spans: expected a list")
    last = 0
    for i, span in enumerate(rec["spans"]):
        at = f"{where}: field spans[{i}]"
        if not isinstance(span, dict):
            raise SetError(f"{at}: not an object")
        start, end, label = span.get("start"), span.get("end"), span.get("label")
        if not isinstance(label, str) or label not in KINDS:
            raise SetError(f"{at}.label: unknown label {label!r}")
        if span.get("kind") != KINDS[label]:
            raise SetError(f"{at}.kind: {label} has kind {KINDS[label]}")
        if label == "DEMOGRAPHIC" and span.get("category") not in CATEGORIES.values():
            raise SetError(f"{at}.category: unknown identity category")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            raise SetError(f"{at}.start/end: outside the text")
        if start < last:
            raise SetError(f"{at}.start: spans overlap or are out of order")
        if text[start:end] != span.get("text"):
            raise SetError(f"{at}.text: does not equal text[start:end]")
        if text[start:end] != text[start:end].strip():
            raise SetError(f"{at}.start/end: span starts or ends with a space")
        last = end


def validate(path: Path = DATA, source: Path | None = None) -> dict:
    """Check the set (and, given ``source``, that it is what the source builds); return counts."""
    records, seen = [], set()
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{path.name}:{lineno}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SetError(f"{where}: not JSON ({exc.msg})") from None
        check_record(rec, where, seen)
        records.append(rec)
    if source is not None:
        for lineno, (got, want) in enumerate(zip(records, parse_source(source)), 1):
            if got != want:
                raise SetError(f"{path.name}:{lineno}: differs from {source.name}; run --write")
        if len(records) != len(parse_source(source)):
            raise SetError(f"{path.name}: {len(records)} lines, the source gives "
                           f"{len(parse_source(source))}; run --write")
    return counts(records)


def counts(records: list[dict]) -> dict:
    """Lines per split and voice, spans per label and kind (overall and per split)."""
    out: dict = {"lines": len(records), "split": Counter(), "voice": Counter(),
                 "with_identifier": 0, "label": Counter(), "kind": Counter(),
                 "per_split": {s: {"lines": 0, "kind": Counter(), "label": Counter()}
                               for s in SPLITS}}
    for rec in records:
        out["split"][rec["split"]] += 1
        out["voice"][rec["voice"]] += 1
        part = out["per_split"][rec["split"]]
        part["lines"] += 1
        out["with_identifier"] += any(s["kind"] != "KEEP" for s in rec["spans"])
        for span in rec["spans"]:
            for c in (out, part):
                c["label"][span["label"]] += 1
                c["kind"][span["kind"]] += 1
    return json.loads(json.dumps(out, sort_keys=True))


def write(source: Path = SOURCE, path: Path = DATA) -> int:
    """Build ``path`` from ``source`` (temporary file, then rename); return the line count."""
    records = parse_source(source)
    for i, rec in enumerate(records, 1):
        check_record(rec, f"{source.name} answer {i}", set())
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                   encoding="utf-8")
    os.replace(tmp, path)
    return len(records)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="rebuild fresh4.jsonl from the source")
    ap.add_argument("--file", type=Path, default=DATA, help="the JSONL file to validate")
    args = ap.parse_args(argv)
    try:
        if args.write:
            write()
        source = SOURCE if args.file.resolve() == DATA and SOURCE.is_file() else None
        print(json.dumps(validate(args.file, source), indent=1))
    except SetError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
