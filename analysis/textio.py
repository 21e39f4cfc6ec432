"""``voices anonymise-text``: anonymise a JSON-lines file in batches, streaming.

Each input line is ``{"id": ..., "text": ...}``; each output line keeps ``id`` and gives the
redacted ``text`` and ``spans`` (``start``, ``end``, ``label``) as offsets into the ORIGINAL text.
The output file is written atomically; on any bad line nothing is written.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

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


def anonymise_jsonl(in_path: str | Path, out_path: str | Path, *,
                    project: str | Path | None = None, batch_size: int = BATCH) -> int:
    """Anonymise every line of ``in_path`` into ``out_path``.

    Args:
        in_path: JSON lines with ``id`` and ``text``.
        out_path: Where to write; replaced atomically when every line succeeded.
        project: Optional project folder or its ``project.yaml``, whose ``anonymise`` settings
            (allow, deny, places...) apply; a file with only an ``anonymise:`` section will do.
        batch_size: Texts per spaCy batch; memory grows with this, not with the file.

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
    n = 0
    with atomic_open(out_path) as out:
        batch: list[tuple[object, str]] = []

        def flush() -> None:
            ids = [str(i) for i, _ in batch]
            results = anonymiser.anonymise_batch([t for _, t in batch], respondent_ids=ids)
            for (id_, _), res in zip(batch, results, strict=True):
                spans = [{"start": d.start, "end": d.end, "label": d.entity}
                         for d in sorted(res.detections)]
                out.write(json.dumps({"id": id_, "text": res.text, "spans": spans},
                                     ensure_ascii=False) + "\n")
            batch.clear()

        for _lineno, id_, text in _read(in_path):
            batch.append((id_, text))
            n += 1
            if len(batch) >= batch_size:
                flush()
        if batch:
            flush()
        if not n:  # raised inside the atomic write, so no empty output is left behind
            raise InputFileError(in_path, "no lines to anonymise (the file is empty)")
    return n
