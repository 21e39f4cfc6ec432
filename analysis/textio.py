"""``voices anonymise-text``: anonymise a JSON-lines file in batches, streaming.

Each input line is ``{"id": ..., "text": ...}``; each output line keeps ``id`` and gives the
redacted ``text`` and ``spans`` (``start``, ``end``, ``label``) as offsets into the ORIGINAL text.
The output file is written atomically; on any bad line nothing is written.

The file is read twice, as ``voices run`` looks across a run's answers: the first pass detects
every line (keeping only spans) and learns the places of care named in full anywhere
(:mod:`survey.anonymise.corpus`); the second reads again and replaces, hiding those names where
a line writes them bare.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from survey.anonymise.corpus import bare_mentions, names_in_full
from survey.anonymise.spans import Detection
from survey.atomic import atomic_open
from survey.config import AnonymiseConfig, load_anonymise_settings
from survey.errors import InputFileError

BATCH = 256
#: The longest text one line may hold: an answer, not a whole transcript (segment those with
#: ``voices run``); time and memory grow faster than the length beyond it.
MAX_TEXT = 50_000


def _read(path: Path) -> Iterator[tuple[int, object, str]]:
    if not path.is_file():
        raise InputFileError(path, "file not found")
    with open(path, "rb") as fh:
        for lineno, raw in enumerate(fh, start=1):
            try:
                line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
            except UnicodeDecodeError:
                raise InputFileError(path, "not UTF-8 text (save the file as UTF-8)",
                                     row=lineno) from None
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:  # its message names no value, only the place
                what = exc.msg.lower().removesuffix(" at")  # "invalid control character at"
                raise InputFileError(path, f"not a valid JSON object ({what} at "
                                           f"character {exc.colno})", row=lineno) from None
            if not isinstance(obj, dict):
                raise InputFileError(path, "expected an object with 'id' and 'text', not a "
                                           f"JSON {type(obj).__name__}", row=lineno)
            for key in ("id", "text"):
                if key not in obj:
                    raise InputFileError(path, "missing: every line needs 'id' and 'text'",
                                         row=lineno, column=key)
            if not isinstance(obj["text"], str):
                raise InputFileError(path, "expected a string", row=lineno, column="text")
            if len(obj["text"]) > MAX_TEXT:
                raise InputFileError(path, f"{len(obj['text']):,} characters, more than the "
                                           f"{MAX_TEXT:,} one answer may hold; split it over "
                                           "several lines", row=lineno, column="text")
            yield lineno, obj["id"], obj["text"]


def _batches(path: Path, size: int) -> Iterator[list[tuple[int, object, str]]]:
    batch: list[tuple[int, object, str]] = []
    for item in _read(path):
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def anonymise_jsonl(in_path: str | Path, out_path: str | Path, *,
                    project: str | Path | None = None, batch_size: int = BATCH) -> int:
    """Anonymise every line of ``in_path`` into ``out_path``.

    Args:
        in_path: JSON lines with ``id`` and ``text``.
        out_path: Where to write; replaced atomically when every line succeeded.
        project: Optional project folder or its ``project.yaml``, whose ``anonymise`` settings
            (allow, deny, places...) apply; a file with only an ``anonymise:`` section will do.
        batch_size: Texts per spaCy batch; memory grows with this, and with a few numbers
            per line (each line's spans and fingerprint), never with the file's text.

    Returns:
        The number of texts written.

    Raises:
        InputFileError: The input is missing or a folder, the output is the input or a folder
            or its folder does not exist, a line is not UTF-8 or JSON, lacks ``id``/``text`` or
            holds a text longer than :data:`MAX_TEXT` (named by line number), or the file has
            no lines.
    """
    from survey.anonymise.engine import build_anonymiser

    in_path, out_path = Path(in_path), Path(out_path)
    if in_path.is_dir():
        raise InputFileError(in_path, "a folder, not a JSON-lines file")
    if not in_path.is_file():
        raise InputFileError(in_path, "file not found")
    if in_path.resolve() == out_path.resolve():
        raise InputFileError(in_path, "the output must not overwrite the input")
    if out_path.is_dir():
        raise InputFileError(out_path, "the output is a folder; name a file in it")
    if not out_path.parent.is_dir():
        raise InputFileError(out_path, "the output's folder does not exist (create it first)")
    config = load_anonymise_settings(project) if project else AnonymiseConfig()
    anonymiser = build_anonymiser(config)
    # pass 1: detect every line, batch by batch (texts are not kept: only each line's spans and
    # a fingerprint), and learn the places of care named in full anywhere in the file
    found: list[list[Detection]] = []
    prints: list[int] = []
    names: set[str] = set()
    for batch in _batches(in_path, batch_size):
        texts = [t for _, _, t in batch]
        dets = anonymiser.detect_batch(texts)
        names |= names_in_full(texts, dets)
        found.extend(dets)
        prints.extend(hash(t) for t in texts)
    if not found:
        raise InputFileError(in_path, "no lines to anonymise (the file is empty)")
    # pass 2: read again and replace, each bare mention of a learnt name added
    n = 0
    with atomic_open(out_path) as out:
        for batch in _batches(in_path, batch_size):
            texts = [t for _, _, t in batch]
            if [hash(t) for t in texts] != prints[n:n + len(texts)]:
                raise InputFileError(in_path, "the file changed while it was being read; run "
                                              "again", row=batch[0][0])
            dets = bare_mentions(texts, found[n:n + len(texts)], names)
            results = anonymiser.anonymise_batch(texts, respondent_ids=[str(i) for _, i, _ in
                                                                        batch], detections=dets)
            for (_, id_, _), res in zip(batch, results, strict=True):
                spans = [{"start": d.start, "end": d.end, "label": d.entity}
                         for d in sorted(res.detections)]
                out.write(json.dumps({"id": id_, "text": res.text, "spans": spans},
                                     ensure_ascii=False) + "\n")
            n += len(texts)
        if n != len(found):
            raise InputFileError(in_path, "the file changed while it was being read; run again")
    return n
