"""Rebuild a real-text set kept as text-free spans from a local copy of its source.

Usage: python tools/build_co_set.py SOURCE_CSV [SPANS] [OUT]
  SOURCE_CSV: for the Care Opinion batches, pxtextmining's datasets/co.csv at commit
          5738e52f9dfc713250cac36b043f2143b89d5b9d (CC BY-NC-SA 4.0); for the GP reviews,
          Yathushan/nhs-review-analysis gp_reviews.csv at commit
          041388f88fe20424712bc10f8889ad867d0e3254 (no licence); for the Friends and Family
          Test answers, janduplessis883/friends-and-family-test-analysis
          friendsfamilytest/data/data.csv at commit 710689bc6d8059699d8edd3d4a0b7dd127c458bb
          (no licence); for the processed Friends and Family Test answers,
          janduplessis883/ai-medreview ai_medreview/data/real_gp_reviews_processed.csv at
          commit a4efc94f9f4d5fb47dabfe2536c7d13907d8678f (MIT); for the GP practices' reviews
          of the seventh source, janduplessis883/ai-medreview-3 data/new_data.csv at commit
          2c107cd7cf73d5619968801d4c92bd7882acda0a (no licence). Fetch it yourself; nothing
          here fetches anything.
  SPANS:  data/anon_realtext_co/co_spans.jsonl (default), co2_spans.jsonl ... co5_spans.jsonl,
          data/anon_realtext_gp/gp_spans.jsonl, data/anon_realtext_fft/fft_spans.jsonl,
          data/anon_realtext_fr/fr_spans.jsonl, fr2_spans.jsonl to
          fr14_spans.jsonl, data/anon_realtext_nd/nd1_spans.jsonl to nd7_spans.jsonl:
          our annotations, with no text. Each id's prefix ("co-", "gp-", "fft-", "fr-", "nd-")
          says which source's columns to read (:data:`SOURCES`).
  OUT:    the spans file's name without "_spans" (co.jsonl, gp.jsonl, fft.jsonl, fr.jsonl,
          fr2.jsonl to fr14.jsonl, nd1.jsonl to nd7.jsonl; git
          ignores them): the set the benchmark reads.

No source's licence clearly lets this MIT repository carry its patients' words (Care Opinion's
forbids it, two state none, and the MIT one covers its author's software; the answers' consent
is not stated), so the repository keeps only what we made: each comment's row id, the SHA-256
and length of its text, and the hand-made spans as offsets and labels. This tool joins them
back. A comment whose text does not hash to the recorded value stops the build with one line
naming the file, the row and the column, and nothing is written (the output is replaced
atomically, only when every comment matched).
"""
from __future__ import annotations

import csv
import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from openpyxl.utils import get_column_letter  # noqa: E402

from survey.errors import InputFileError  # noqa: E402

SPANS = REPO / "data/anon_realtext_co/co_spans.jsonl"
#: The row key of a source with no id column: the first 16 hex digits of the text's SHA-256
#: (the first row with that text; the set holds no repeats).
HASH_KEY = "#sha16"
#: id prefix -> (the source's free-text columns, its row-id column): Care Opinion's stories, the
#: GP reviews (whose index column has an empty header), and the Friends and Family Test answers,
#: two texts a row (why that rating, what could be better), keyed by the row's time (a second
#: row at the same second gets "-2", counted over every whole row) and "-f" or "-d"; and the
#: processed Friends and Family Test answers, which have no id column (:data:`HASH_KEY`).
SOURCES: dict[str, tuple[tuple[str, ...], str]] = {
    "co": (("feedback",), "row_index"), "gp": (("comment",), ""),
    "fft": (("free_text", "do_better"), "time"), "fr": (("free_text",), HASH_KEY),
    "nd": (("review",), HASH_KEY)}
#: The key suffix of each text of a two-text row (free text, do better).
PAIR_SUFFIXES = ("f", "d")


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_source(path: Path, text_columns: tuple[str, ...] = SOURCES["co"][0],
                id_column: str = SOURCES["co"][1]
                ) -> tuple[dict[str, tuple[int, str, str]], list[str]]:
    """row key -> (CSV row number, comment text, its column's letter and name) of ``path``, and
    the text columns' letters and names ("F (comment)").

    The key is the ``id_column`` value; with two text columns each row gives two texts, keyed
    "<time>-f" and "<time>-d" (:data:`PAIR_SUFFIXES`), the time's space written "T" and a second
    row at the same time "-2"; with :data:`HASH_KEY` (no id column) the text's hash prefix."""
    csv.field_size_limit(10 ** 8)
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh)
            header = next(reader, None) or []
            missing = [c for c in (*text_columns, id_column)
                       if c != HASH_KEY and c not in header]
            if not header or missing:
                raise InputFileError(path, "the header has no column named " +
                                     ", ".join(repr(c) for c in missing or text_columns), row=1)
            where = [(header.index(c), f"{get_column_letter(header.index(c) + 1)} ({c})")
                     for c in text_columns]
            rows: dict[str, tuple[int, str, str]] = {}
            seen: dict[str, int] = {}
            for n, row in enumerate(reader, start=2):
                if len(row) != len(header):
                    continue
                if id_column == HASH_KEY:
                    (t, letter), = where
                    rows.setdefault(digest(row[t])[:16], (n, row[t], letter))
                elif len(where) == 1:
                    (t, letter), = where
                    rows[row[header.index(id_column)]] = (n, row[t], letter)
                else:
                    base = row[header.index(id_column)].replace(" ", "T")
                    seen[base] = seen.get(base, 0) + 1
                    if seen[base] > 1:
                        base = f"{base}-{seen[base]}"
                    for (t, letter), suffix in zip(where, PAIR_SUFFIXES, strict=True):
                        rows[f"{base}-{suffix}"] = (n, row[t], letter)
    except UnicodeDecodeError as exc:
        raise InputFileError(path, f"is not UTF-8 text (byte {exc.start}); use the file as "
                                   f"the source publishes it") from None
    return rows, [letter for _, letter in where]


_FIELDS = {"id": str, "row_index": str, "split": str, "chars": int, "sha256": str,
           "spans": list}
_SPAN_FIELDS = {"start": int, "end": int, "label": str, "kind": str}


def parse_spans_line(spans: Path, line_no: int, line: str) -> dict:
    """One record of the spans file, checked; :class:`InputFileError` naming its line if not.

    The message names the field, never a value (a spans file holds no text, but a damaged one
    might).
    """
    def bad(what: str) -> InputFileError:
        return InputFileError(spans, what, row=line_no)

    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        raise bad(f"is not a JSON object (character {exc.pos + 1})") from None
    if not isinstance(rec, dict):
        raise bad("is not a JSON object")
    for key, kind in _FIELDS.items():
        if not isinstance(rec.get(key), kind) or isinstance(rec.get(key), bool):
            raise bad(f"field '{key}' is missing or not {kind.__name__}")
    for k, span in enumerate(rec["spans"], start=1):
        if not isinstance(span, dict):
            raise bad(f"span {k} is not a JSON object")
        for key, kind in _SPAN_FIELDS.items():
            if not isinstance(span.get(key), kind) or isinstance(span.get(key), bool):
                raise bad(f"span {k}: field '{key}' is missing or not {kind.__name__}")
        if not 0 <= span["start"] < span["end"] <= rec["chars"]:
            raise bad(f"span {k} lies outside the story's {rec['chars']} characters")
    return rec


def build(source: Path, spans: Path = SPANS) -> list[dict]:
    """The full records, or :class:`InputFileError` at the first story that does not match."""
    try:
        lines = spans.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise InputFileError(spans, f"is not UTF-8 text (byte {exc.start})") from None
    recs = [(n, parse_spans_line(spans, n, line)) for n, line in enumerate(lines, start=1)
            if line.strip()]
    prefixes = {rec["id"].split("-", 1)[0] for _, rec in recs}
    if len(prefixes) > 1 or not prefixes <= SOURCES.keys():
        raise InputFileError(spans, f"ids must all start with one of {sorted(SOURCES)} and "
                                    f"a hyphen")
    text_columns, id_column = SOURCES[prefixes.pop()] if prefixes else SOURCES["co"]
    rows, letters = read_source(source, text_columns, id_column)
    out = []
    for line_no, rec in recs:
        key = rec["row_index"]
        if key not in rows:
            if id_column == HASH_KEY:
                raise InputFileError(source, f"no row's text has the hash {key} (wanted by "
                                             f"{spans.name} line {line_no}); use the commit "
                                             f"named in the README", column=letters[0])
            raise InputFileError(source, f"no row has {id_column or 'index'} {key} (wanted by "
                                         f"{spans.name} line {line_no})",
                                 column=id_column or "A (index)")
        n, text, letter = rows[key]
        if len(text) != rec["chars"] or digest(text) != rec["sha256"]:
            raise InputFileError(source, "the story differs from the one annotated (length or "
                                         "SHA-256); use the commit named in the README",
                                 row=n, column=letter)
        out.append({"id": rec["id"], "question": rec.get("question", ""), "text": text,
                    "split": rec["split"], "part": rec.get("part", ""),
                    "spans": [dict(s, text=text[s["start"]:s["end"]]) for s in rec["spans"]]})
    return out


def strip_text(records: list[dict]) -> list[dict]:
    """The text-free form kept in the repository: what :func:`build` joins back."""
    return [{"id": r["id"], "row_index": r["id"].split("-", 1)[1], "split": r["split"],
             "part": r.get("part", ""), "question": r.get("question", ""),
             "chars": len(r["text"]), "sha256": digest(r["text"]),
             "spans": [{k: s[k] for k in ("start", "end", "label", "kind")}
                       for s in r["spans"]]} for r in records]


def write_atomic(path: Path, records: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            for rec in records:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if argv else 2
    source = Path(argv[0])
    spans = Path(argv[1]) if len(argv) > 1 else SPANS
    out = Path(argv[2]) if len(argv) > 2 else spans.with_name(
        spans.name.replace("_spans", "") if "_spans" in spans.name else spans.stem + "_set.jsonl")
    try:
        records = build(source, spans)
    except (InputFileError, OSError) as exc:
        print(f"build_co_set: {exc}", file=sys.stderr)
        return 1
    write_atomic(out, records)
    print(f"build_co_set: {len(records)} stories written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
