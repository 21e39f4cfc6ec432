"""Ingest benchmark: a 100,000-response, 40-column SYNTHETIC export, read and mapped to an
instrument (reading + mapping; anonymisation is not included).

Prints JSON lines (one object per figure, each with a ``bench`` key): ``ingest_read_map`` for
the CSV export and ``ingest_read_map_xlsx`` for the same rows saved as XLSX. The target
is under 30 s and under 2 GB peak memory on a 2-core machine. Each read runs in a
fresh child process so its peak RSS is not inflated by generating the file.

Hostile and big workbooks: ``ingest_xlsx_large`` reads a legitimate SYNTHETIC
.xlsx of about 100 MB (``--large-mb``; shared strings, free text from a made-up vocabulary,
written straight as XML); ``ingest_zip_bomb`` gives a 4 MB .xlsx whose sheet XML (``sheet``),
shared strings (``shared_strings``) or a member with a lying header (``lying_header``)
unpacks to about 4 GB. Each bomb must be refused within 1 s and under 200 MB peak memory.

Usage: ``python benchmarks/bench_ingest.py [--rows N] [--no-xlsx] [--large-mb MB]
[--only-hostile]``.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LIKERT = ["Strongly agree", "Agree", "Neither agree nor disagree", "Disagree",
          "Strongly disagree"]
SERVICES = ["SARC", "ISVA", "GP", "Helpline", "Counselling", "Police"]
AGES = ["Under 25", "25-44", "45 and over", "Prefer not to say"]
WORDS = ("synthetic support service helped waiting time staff kind listened booked "
         "appointment helpline counsellor letter clearer sooner calm believed").split()


def _questions() -> list[dict]:
    qs: list[dict] = []
    for i in range(20):
        qs.append({"id": f"likert_{i}", "text": f"Synthetic statement number {i} about support",
                   "kind": "likert", "options": LIKERT})
    qs.append({"id": "services", "text": "Which services have you used?", "kind": "multiple",
               "options": SERVICES})
    qs.append({"id": "age_band", "text": "What is your age band?", "kind": "single",
               "options": AGES})
    qs.append({"id": "visits", "text": "How many times did you visit?", "kind": "number"})
    qs.append({"id": "first_contact", "text": "When did you first contact the service?",
               "kind": "date"})
    for i in range(5):
        qs.append({"id": f"text_{i}", "text": f"Synthetic open question {i}", "kind": "text"})
    return qs


def write_export(path: Path, rows: int, *, seed: int = 7) -> int:
    """Write a SmartSurvey-style synthetic export; returns its number of columns."""
    rng = random.Random(seed)
    qs = _questions()
    header = ["UserID", "Started", "Ended", "IP Address", "Email", "Name"]
    for q in qs:
        if q["kind"] == "multiple":
            header += [f"{q['text']} - {o}" for o in q["options"]]
        else:
            header.append(q["text"])
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        for r in range(rows):
            day, month = rng.randint(13, 28), rng.randint(1, 12)
            row = [str(100000 + r), f"{day:02d}/{month:02d}/2024 09:00",
                   f"{day:02d}/{month:02d}/2024 09:20", f"192.0.2.{r % 250}",
                   f"synthetic{r}@example.org", "Synthetic Person"]
            for q in qs:
                if q["kind"] == "likert":
                    row.append(rng.choice(LIKERT) if rng.random() > 0.05 else "")
                elif q["kind"] == "multiple":
                    row += [o if rng.random() < 0.3 else "" for o in q["options"]]
                elif q["kind"] == "single":
                    row.append(rng.choice(AGES))
                elif q["kind"] == "number":
                    row.append(str(rng.randint(0, 20)))
                elif q["kind"] == "date":
                    row.append(f"{rng.randint(13, 28):02d}/{month:02d}/2023")
                else:
                    row.append(" ".join(rng.choices(WORDS, k=rng.randint(0, 25))))
            w.writerow(row)
    return len(header)


def child(path: Path) -> None:
    """Read and map the export in this process; print seconds and peak RSS."""
    sys.path.insert(0, str(REPO))
    from survey.config import SourceConfig
    from survey.instrument import instrument_from_dict
    from survey.readers import read_source

    instrument = instrument_from_dict({"name": "bench (synthetic)", "questions": _questions()})
    t0 = time.perf_counter()
    table = read_source(SourceConfig(path=path, cohort="bench"), instrument,
                        source_label="bench.csv")
    seconds = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": round(seconds, 2), "peak_rss_mb": round(peak_mb, 1),
                      "responses": len(table.responses), "answers": len(table.answers),
                      "dropped": len(table.dropped_columns)}))


def main() -> None:
    """Generate the export in a temp folder and time the read in a child process."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--child", type=Path)
    parser.add_argument("--no-xlsx", action="store_true", help="Skip the XLSX figure.")
    parser.add_argument("--large-mb", type=float, default=100.0,
                        help="Size of the legitimate large workbook (0 skips it).")
    parser.add_argument("--only-hostile", action="store_true",
                        help="Only the large-workbook and zip-bomb figures.")
    parser.add_argument("--child-large", type=Path)
    parser.add_argument("--child-bomb", type=Path)
    parser.add_argument("--reader", choices=("default", "calamine", "stream"), default="default")
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    if args.child_large:
        child_large(args.child_large, reader=args.reader)
        return
    if args.child_bomb:
        child_bomb(args.child_bomb)
        return
    hostile(large_mb=args.large_mb)
    if args.only_hostile:
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench_export.csv"
        t0 = time.perf_counter()
        ncols = write_export(path, args.rows)
        gen = time.perf_counter() - t0
        _measure("ingest_read_map", path, rows=args.rows, columns=ncols, generate=gen)
        if not args.no_xlsx:
            t0 = time.perf_counter()
            xlsx = _to_xlsx(path)
            _measure("ingest_read_map_xlsx", xlsx, rows=args.rows, columns=ncols,
                     generate=time.perf_counter() - t0)


def _to_xlsx(path: Path) -> Path:
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Responses")
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh):
            ws.append(row)
    out = path.with_suffix(".xlsx")
    wb.save(out)
    return out


def _measure(bench: str, path: Path, *, rows: int, columns: int, generate: float) -> None:
    proc = subprocess.run([sys.executable, __file__, "--child", str(path)],
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        print(json.dumps({"bench": bench, "error": proc.stderr.strip()[-300:]}), flush=True)
        return
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    print(json.dumps({"bench": bench, "rows": rows, "columns": columns,
                      "file_mb": round(path.stat().st_size / 2**20, 1),
                      "generate_seconds": round(generate, 2), **result,
                      "target_seconds": 30, "target_rss_mb": 2048,
                      "python": platform.python_version(), "cpus": os.cpu_count()}), flush=True)


# -- hostile and big workbooks ---------------------------------------------------------------
LARGE_TEXTS = 4
LARGE_LIKERT = 10


def _large_questions() -> list[dict]:
    qs = [{"id": f"likert_{i}", "text": f"Synthetic statement number {i} about support",
           "kind": "likert", "options": LIKERT} for i in range(LARGE_LIKERT)]
    qs += [{"id": f"text_{i}", "text": f"Synthetic open question {i}", "kind": "text"}
           for i in range(LARGE_TEXTS)]
    return qs


def _col(index: int) -> str:
    letters, n = "", index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
    'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="'
    'application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/'
    'worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="'
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
         'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
         'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="'
         'xl/workbook.xml"/></Relationships>')
_WORKBOOK = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.'
             'openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.'
             'org/officeDocument/2006/relationships"><sheets><sheet name="Responses" sheetId="1" '
             'r:id="rId1"/></sheets></workbook>')
_WB_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http:'
            '//schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="'
            'worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="'
            'sharedStrings.xml"/></Relationships>')
_SHEET_HEAD = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
               'openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
_SST_HEAD = ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.'
             'org/spreadsheetml/2006/main">')
_PARTS = {"[Content_Types].xml": _CONTENT_TYPES, "_rels/.rels": _RELS,
          "xl/workbook.xml": _WORKBOOK, "xl/_rels/workbook.xml.rels": _WB_RELS}


def write_large_xlsx(path: Path, target_mb: float, *, seed: int = 11) -> int:
    """A legitimate SYNTHETIC SmartSurvey-style workbook of about ``target_mb`` MB: shared
    strings (as Excel writes them), Likert answers and free text from a made-up vocabulary
    (so it compresses like real text). Written straight as XML, rows appended until the
    compressed size reaches the target. Returns the number of responses."""
    import zipfile
    from xml.sax.saxutils import escape

    rng = random.Random(seed)
    syllables = ("ka lo mi ne ru sa to vi pe da ri mo la shi en ter ow ing ly ment ba cu fe "
                 "go hu ji").split()
    vocab = ["".join(rng.choices(syllables, k=rng.randint(1, 4))) for _ in range(4000)]
    qs = _large_questions()
    header = ["UserID", "Started", "Ended", *(q["text"] for q in qs)]
    index: dict[str, int] = {}
    strings: list[str] = []

    def sst(text: str) -> int:
        if (i := index.get(text)) is None:
            i = index[text] = len(strings)
            strings.append(text)
        return i

    def row(r: int, cells: list) -> str:
        out = [f'<row r="{r}">']
        for j, value in enumerate(cells):
            if isinstance(value, int):
                out.append(f'<c r="{_col(j)}{r}"><v>{value}</v></c>')
            elif value:
                out.append(f'<c r="{_col(j)}{r}" t="s"><v>{sst(value)}</v></c>')
        out.append("</row>")
        return "".join(out)

    target = int(target_mb * 2**20)
    rows = 0
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        for name, text in _PARTS.items():
            z.writestr(name, text)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            fh.write(_SHEET_HEAD.encode())
            fh.write(row(1, header).encode())
            raw = 0
            while raw * 0.28 < target:  # sheet + strings compress to about 28%
                batch = []
                for _ in range(2000):
                    day, month = rng.randint(13, 28), rng.randint(1, 12)
                    cells = [100000 + rows, f"{day:02d}/{month:02d}/2024 09:00",
                             f"{day:02d}/{month:02d}/2024 09:20"]
                    cells += [rng.choice(LIKERT) if rng.random() > 0.05 else ""
                              for _ in range(LARGE_LIKERT)]
                    cells += [" ".join(rng.choices(vocab, k=rng.randint(0, 120)))
                              for _ in range(LARGE_TEXTS)]
                    raw += sum(len(c) for c in cells[13:])
                    rows += 1
                    batch.append(row(rows + 1, cells))
                data = "".join(batch).encode()
                raw += len(data)
                fh.write(data)
            fh.write(b"</sheetData></worksheet>")
        with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as fh:
            fh.write(_SST_HEAD.encode())
            for i in range(0, len(strings), 5000):
                fh.write("".join(f"<si><t>{escape(t)}</t></si>"
                                 for t in strings[i:i + 5000]).encode())
            fh.write(b"</sst>")
    return rows


def _raw_zip(path: Path, members: list[tuple[str, bytes, int, int, int]]) -> None:
    """Write a zip from ``(name, compressed bytes, crc, declared size, method)`` members."""
    import struct

    local, central = [], []
    offset = 0
    for name, data, crc, size, method in members:
        raw = name.encode()
        head = struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, method, 0, 0, crc, len(data),
                           size, len(raw), 0) + raw
        central.append(struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, method, 0, 0, crc,
                                   len(data), size, len(raw), 0, 0, 0, 0, 0, offset) + raw)
        local.append(head + data)
        offset += len(head) + len(data)
    cd = b"".join(central)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members), len(cd),
                      offset, 0)
    path.write_bytes(b"".join(local) + cd + end)


def _deflate_repeated(head: bytes, chunk: bytes, repeat: int, tail: bytes) -> tuple[bytes, int]:
    """A raw deflate stream of ``head + chunk * repeat + tail`` built in milliseconds: after a
    full flush the compressor starts afresh, so the chunk's compressed block repeats byte for
    byte. Returns the stream and the CRC-32 of what it inflates to."""
    import zlib

    comp = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    first = comp.compress(head) + comp.flush(zlib.Z_FULL_FLUSH)
    block = comp.compress(chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    again = comp.compress(chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    assert block == again, "the compressed block does not repeat"
    last = comp.compress(tail) + comp.flush()
    crc = zlib.crc32(head)
    for _ in range(repeat):
        crc = zlib.crc32(chunk, crc)
    return first + block * repeat + last, zlib.crc32(tail, crc)


def write_bomb(path: Path, kind: str) -> int:
    """A SYNTHETIC zip-bomb workbook whose sheet XML, shared strings or lying-header member
    unpacks to about 4 GB. Returns the bytes it would unpack to."""
    import zlib

    chunk_rows = ('<row><c t="inlineStr"><is><t>synthetic filler</t></is></c></row>'
                  if kind != "shared_strings" else "<si><t>synthetic filler</t></si>")
    chunk = (chunk_rows * (2**20 // len(chunk_rows) + 1)).encode()[:2**20]
    chunk = chunk[:chunk.rfind(b">") + 1]
    repeat = 1500 if kind == "sheet_under_total" else 4000  # MB; the first is refused by ratio
    member = "xl/sharedStrings.xml" if kind == "shared_strings" else "xl/worksheets/sheet1.xml"
    head = (_SST_HEAD if kind == "shared_strings" else _SHEET_HEAD).encode()
    tail = b"</sst>" if kind == "shared_strings" else b"</sheetData></worksheet>"
    stream, crc = _deflate_repeated(head, chunk, repeat, tail)
    size = len(head) + len(chunk) * repeat + len(tail)
    declared = 4096 if kind == "lying_header" else size
    members = []
    for name, text in _PARTS.items():
        comp = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
        data = text.encode()
        members.append((name, comp.compress(data) + comp.flush(), zlib.crc32(data), len(data),
                        8))
    if kind == "shared_strings":
        sheet = (_SHEET_HEAD + '<row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>'
                 '</worksheet>').encode()
        comp = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
        members.append(("xl/worksheets/sheet1.xml", comp.compress(sheet) + comp.flush(),
                        zlib.crc32(sheet), len(sheet), 8))
    members.append((member, stream, crc, declared, 8))
    _raw_zip(path, members)
    return size


def child_large(path: Path, *, reader: str = "default") -> None:
    """Check, read and map the large workbook in this process; print times and peak RSS.

    ``reader``: ``default`` (streamed above ``limits.stream_above_mb``), ``calamine`` (never
    streamed) or ``stream`` (always streamed)."""
    sys.path.insert(0, str(REPO))
    from survey.config import ArchiveLimits, SourceConfig
    from survey.instrument import instrument_from_dict
    from survey.readers import read_source
    from survey.readers.archive import check_archive

    instrument = instrument_from_dict({"name": "bench (synthetic)",
                                       "questions": _large_questions()})
    limits = {"default": ArchiveLimits(), "calamine": ArchiveLimits(stream_above_mb=10**6),
              "stream": ArchiveLimits(stream_above_mb=0)}[reader]
    t0 = time.perf_counter()
    unpacked = check_archive(path, limits=limits)  # remembered: the read does not inflate again
    check = time.perf_counter() - t0
    table = read_source(SourceConfig(path=path, cohort="bench", platform="smartsurvey",
                                     limits=limits), instrument, source_label="bench.xlsx")
    seconds = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    streamed = unpacked > limits.stream_above_mb * 2**20
    print(json.dumps({"reader": "openpyxl read-only (streamed)" if streamed else "calamine",
                      "seconds": round(seconds, 2), "archive_check_seconds": round(check, 2),
                      "peak_rss_mb": round(peak_mb, 1), "responses": len(table.responses),
                      "answers": len(table.answers)}))


def child_bomb(path: Path) -> None:
    """Try to read a bomb in this process; print whether it was refused, how fast, peak RSS."""
    sys.path.insert(0, str(REPO))
    from survey.config import SourceConfig
    from survey.errors import InputFileError
    from survey.readers import read_source

    base_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    try:
        read_source(SourceConfig(path=path, cohort="bench", platform="generic"), None,
                    source_label="bomb.xlsx")
        refused, message = False, ""
    except InputFileError as exc:
        refused, message = True, exc.detail
    seconds = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"refused": refused, "seconds": round(seconds, 3),
                      "peak_rss_mb": round(peak_mb, 1), "rss_after_imports_mb": round(base_mb, 1),
                      "message": message[:160]}))


def _run_child(flag: str, path: Path, *extra: str) -> dict:
    proc = subprocess.run([sys.executable, __file__, flag, str(path), *extra],
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0 or not proc.stdout.strip():
        return {"error": proc.stderr.strip()[-300:]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def hostile(*, large_mb: float) -> None:
    """The zip bombs (each refused in a fresh child) and the large legitimate workbook."""
    with tempfile.TemporaryDirectory() as tmp:
        for kind in ("sheet", "shared_strings", "sheet_under_total", "lying_header"):
            path = Path(tmp) / f"bomb_{kind}.xlsx"
            t0 = time.perf_counter()
            unpacked = write_bomb(path, kind)
            result = _run_child("--child-bomb", path)
            print(json.dumps({"bench": "ingest_zip_bomb", "kind": kind,
                              "file_mb": round(path.stat().st_size / 2**20, 2),
                              "unpacks_to_mb": round(unpacked / 2**20),
                              "generate_seconds": round(time.perf_counter() - t0, 2), **result,
                              "target_seconds": 1, "target_rss_mb": 200,
                              "python": platform.python_version(), "cpus": os.cpu_count()}),
                  flush=True)
        if large_mb <= 0:
            return
        path = Path(tmp) / "large.xlsx"
        t0 = time.perf_counter()
        rows = write_large_xlsx(path, large_mb)
        generate = time.perf_counter() - t0
        import zipfile

        with zipfile.ZipFile(path) as z:
            unpacked = sum(i.file_size for i in z.infolist())
        for reader in ("default", "calamine"):
            result = _run_child("--child-large", path, "--reader", reader)
            print(json.dumps({"bench": "ingest_xlsx_large", "rows": rows,
                              "columns": 3 + len(_large_questions()),
                              "file_mb": round(path.stat().st_size / 2**20, 1),
                              "unpacked_mb": round(unpacked / 2**20, 1),
                              "generate_seconds": round(generate, 2), **result,
                              "python": platform.python_version(), "cpus": os.cpu_count()}),
                  flush=True)


if __name__ == "__main__":
    main()
