"""Readers: survey exports and interview transcripts in, one canonical :class:`SourceTable` out.

The pipeline makes one call per source::

    table = read_source(source_config, instrument, source_label="exports/survivors.xlsx")

Readers only read: input files are opened read-only, identifying metadata columns are dropped
(listed by header in ``dropped_columns``), and errors name the file, row and column, never a
cell's content.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from survey.config import SourceConfig
from survey.errors import InputFileError
from survey.instrument import Instrument, Question
from survey.readers.detect import detect
from survey.readers.infer import InferredInstrument
from survey.readers.registry import PLATFORM_READERS, READERS, Reader, get_reader
from survey.readers.transcripts import TranscriptReader
from survey.schema import INTERVIEW_QUESTION, SourceTable

__all__ = ["PLATFORM_READERS", "READERS", "InferredInstrument", "detect", "get_reader",
           "infer_instrument", "infer_project_instrument", "read_source", "reader_for"]


def reader_for(source: SourceConfig) -> Reader:
    """The reader for a source: transcripts for ``kind: interview``, else the configured
    ``platform``, else :func:`detect`.

    Raises:
        InputFileError: Detection failed, or the platform has no reader yet (the message lists
            the known readers).
    """
    if source.kind == "interview":
        return TranscriptReader()
    if source.platform == "auto":
        return get_reader(detect(source.path, sheet=source.sheet))
    try:
        return get_reader(source.platform)
    except KeyError:
        raise InputFileError(source.path, f"platform {source.platform!r} has no reader yet; "
                             f"known: {', '.join(sorted(PLATFORM_READERS))} (or auto)") from None


def read_source(source: SourceConfig, instrument: Instrument | None, *,
                source_label: str) -> SourceTable:
    """Read one source (export file or transcript folder) into the canonical tables.

    Args:
        source: The source's config.
        instrument: The project instrument; ``None`` infers one from the export.
        source_label: The source's label (its path relative to the project folder).

    Returns:
        The source's responses and answers (answer text still ORIGINAL; in memory only).

    Raises:
        InputFileError: Missing, unreadable, corrupt or empty input, headers that fit no reader,
            or a bad cell; named by file, row and column, never by content.
    """
    return reader_for(source).read(source, instrument, source_label=source_label)


def infer_instrument(source: SourceConfig) -> InferredInstrument:
    """Infer a simple instrument (and the header -> question id map) from one source.

    Transcripts give a single free-text ``interview`` question.

    Raises:
        InputFileError: As :func:`read_source`.
    """
    reader = reader_for(source)
    if isinstance(reader, TranscriptReader):
        question = Question(id=INTERVIEW_QUESTION, text="Interview", kind="text")
        return InferredInstrument(Instrument(name=f"{Path(source.path).name} (inferred)",
                                             questions=(question,)))
    return reader.infer(source)


def infer_project_instrument(sources: Sequence[SourceConfig], *,
                             name: str = "Inferred instrument") -> Instrument:
    """Infer one instrument for several sources (a project without ``instrument.yaml``).

    Questions with the same text across sources merge (the first source's kind wins; options
    are unioned in order); different texts that slugify to one id get ``_2``, ``_3``... Pass
    the result to :func:`read_source` for every source.

    Raises:
        InputFileError: As :func:`read_source`.
    """
    by_text: dict[str, Question] = {}
    ids: set[str] = set()
    for source in sources:
        for q in infer_instrument(source).instrument.questions:
            if q.text in by_text:
                old = by_text[q.text]
                extra = tuple(o for o in q.options if o.label not in old.labels)
                by_text[q.text] = replace(old, options=old.options + tuple(
                    replace(o, code=str(len(old.options) + i + 1)) for i, o in enumerate(extra)))
                continue
            qid, n = q.id, 2
            while qid in ids:
                qid, n = f"{q.id}_{n}", n + 1
            ids.add(qid)
            by_text[q.text] = replace(q, id=qid)
    return Instrument(name=name, questions=tuple(by_text.values()))
