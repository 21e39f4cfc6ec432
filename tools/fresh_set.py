"""One builder and checker for the invented survivor-style anonymisation sets (SYNTHETIC) in
``data/anon_fresh*/``: each set's ``build.py`` names its files, its id letter and its split.

A set's source ``<stem>.src.txt`` is hand-written: one answer a line, ``S|`` (survivor) or ``P|``
(professional) first, identifiers marked ``[text|LABEL]`` and identity words ``{text|category}``.
``--write`` turns it into ``<stem>.jsonl`` (ids in source order, offsets computed, split from the
set's rule). With no option the script validates ``<stem>.jsonl`` (offsets match the text, labels
and kinds known, ids unique, split as the set's rule gives, every line synthetic, the file the
same as the source gives) and prints counts per split, voice, label and kind as JSON. Any error
prints one line naming the line and field, and the exit status is 1.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

#: Kind of every label (GUIDE.md in data/anon_realtext; ROLE: an identifying role, see README).
KINDS = {"PERSON": "DIRECT", "CONTACT": "DIRECT", "ID_NUMBER": "DIRECT", "ADDRESS": "DIRECT",
         "FACILITY": "QUASI", "ORGANISATION": "QUASI", "PLACE": "QUASI", "DATE": "QUASI",
         "AGE": "QUASI", "ROLE": "QUASI", "DEMOGRAPHIC": "KEEP"}
#: Identity-word categories, named as docs/anonymisation-policy.md names them.
CATEGORIES = {"so": "sexual_orientation", "gi": "gender_identity", "eth": "ethnicity",
              "nat": "nationality", "rel": "religion", "dis": "disability", "age": "age_group"}
VOICES = {"S": "survivor", "P": "professional"}
FIELDS = {"id", "text", "split", "voice", "spans", "synthetic"}
_MARK = re.compile(r"\[([^\[\]|{}]+)\|([A-Z_]+)\]|\{([^\[\]|{}]+)\|([a-z]+)\}")


class SetError(ValueError):
    """One problem in the source or the set, naming where it is."""


@dataclass(frozen=True)
class FreshSet:
    """One set: its folder, file stem (``fresh2``), id letter (``g``), its splits and the rule
    that gives each id its split (``hashed``: the rule reads a hash, so an error says so)."""

    folder: Path
    stem: str
    prefix: str
    splits: tuple[str, ...]
    split_of: Callable[[str], str]
    hashed: bool = False

    @property
    def source(self) -> Path:
        return self.folder / f"{self.stem}.src.txt"

    @property
    def data(self) -> Path:
        return self.folder / f"{self.stem}.jsonl"

    def parse_source(self, path: Path | None = None) -> list[dict]:
        """Records from the marked-up source, in order, ids ``<prefix>0001`` upwards."""
        path = self.source if path is None else path
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
                        raise SetError(f"{path.name}:{lineno}: field category: unknown "
                                       f"{m.group(4)}")
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
            rid = f"{self.prefix}{len(out) + 1:04d}"
            out.append({"id": rid, "text": full, "split": self.split_of(rid),
                        "voice": VOICES[voice], "spans": spans, "synthetic": True})
        return out

    def check_record(self, rec: object, where: str, seen: set[str]) -> None:
        """Raise :class:`SetError` naming ``where`` and the field for the first problem."""
        if not isinstance(rec, dict):
            raise SetError(f"{where}: not a JSON object")
        missing = FIELDS - rec.keys()
        if missing:
            raise SetError(f"{where}: field {min(missing)}: missing")
        rid, text = rec["id"], rec["text"]
        if not isinstance(rid, str) or not re.fullmatch(rf"{self.prefix}\d{{4}}", rid):
            raise SetError(f"{where}: field id: expected {self.prefix} and four digits")
        if rid in seen:
            raise SetError(f"{where}: field id: {rid} repeats an earlier line")
        seen.add(rid)
        if not isinstance(text, str) or not text.strip():
            raise SetError(f"{where}: field text: empty")
        if rec["synthetic"] is not True:
            raise SetError(f"{where}: field synthetic: must be true")
        if rec["split"] != self.split_of(rid):
            rule = "the hash gives" if self.hashed else "every line is"
            raise SetError(f"{where}: field split: {rec['split']!r}, {rule} "
                           f"{self.split_of(rid)!r}")
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
            if not (isinstance(start, int) and isinstance(end, int) and
                    0 <= start < end <= len(text)):
                raise SetError(f"{at}.start/end: outside the text")
            if start < last:
                raise SetError(f"{at}.start: spans overlap or are out of order")
            if text[start:end] != span.get("text"):
                raise SetError(f"{at}.text: does not equal text[start:end]")
            if text[start:end] != text[start:end].strip():
                raise SetError(f"{at}.start/end: span starts or ends with a space")
            last = end

    def validate(self, path: Path | None = None, source: Path | None = None) -> dict:
        """Check the set (and, given ``source``, that it is what the source builds); return
        counts."""
        path = self.data if path is None else path
        records, seen = [], set()
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            where = f"{path.name}:{lineno}"
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise SetError(f"{where}: not JSON ({exc.msg})") from None
            self.check_record(rec, where, seen)
            records.append(rec)
        if source is not None:
            built = self.parse_source(source)
            for lineno, (got, want) in enumerate(zip(records, built), 1):
                if got != want:
                    raise SetError(f"{path.name}:{lineno}: differs from {source.name}; run --write")
            if len(records) != len(built):
                raise SetError(f"{path.name}: {len(records)} lines, the source gives "
                               f"{len(built)}; run --write")
        return self.counts(records)

    def counts(self, records: list[dict]) -> dict:
        """Lines per split and voice, spans per label and kind (overall and per split)."""
        out: dict = {"lines": len(records), "split": Counter(), "voice": Counter(),
                     "with_identifier": 0, "label": Counter(), "kind": Counter(),
                     "per_split": {s: {"lines": 0, "kind": Counter(), "label": Counter()}
                                   for s in self.splits}}
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

    def write(self, source: Path | None = None, path: Path | None = None) -> int:
        """Build ``path`` from ``source`` (temporary file, then rename); return the line count."""
        source = self.source if source is None else source
        path = self.data if path is None else path
        records = self.parse_source(source)
        for i, rec in enumerate(records, 1):
            self.check_record(rec, f"{source.name} answer {i}", set())
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                       encoding="utf-8")
        os.replace(tmp, path)
        return len(records)

    def main(self, argv: list[str] | None = None, description: str = "") -> int:
        """The set's command line: ``[--write] [--file PATH]``."""
        ap = argparse.ArgumentParser(description=description)
        ap.add_argument("--write", action="store_true",
                        help=f"rebuild {self.data.name} from the source")
        ap.add_argument("--file", type=Path, default=self.data, help="the JSONL file to validate")
        args = ap.parse_args(argv)
        try:
            if args.write:
                self.write()
            source = self.source if args.file.resolve() == self.data and \
                self.source.is_file() else None
            print(json.dumps(self.validate(args.file, source), indent=1))
        except SetError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        return 0
