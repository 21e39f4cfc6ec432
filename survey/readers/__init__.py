"""Readers: survey exports and interview transcripts in, one canonical :class:`SourceTable` out.

The pipeline makes one call per source::

    reader = reader_for(source_config)
    table = read_source(source_config, instrument, source_label="exports/survivors.xlsx",
                        keep_columns=config.anonymise.keep_columns, reader=reader)
    print(summarise_source(table, platform=reader.name))

Platforms (``detect()`` reads the file's own header signature; ``platform:`` overrides it):
SmartSurvey, SurveyMonkey, Qualtrics (v3, 2016-17 and legacy layouts), Microsoft Forms, Google
Forms, KoboToolbox, and a generic one-header-row CSV/XLSX with a ``column_map``. Transcripts:
``.txt``, ``.docx``, ``.vtt`` and ``.srt`` (Teams and Zoom layouts included).

Readers only read: input files are opened read-only, identifying columns (by header or by
content) are dropped (listed by header in ``dropped_columns``) unless kept on purpose in a
generalised form, and errors name the file, row and column, never a cell's content.

Interviewer turns of transcripts are kept for context as answers to question
``interview_interviewer`` (:data:`INTERVIEWER_QUESTION`); later stages must skip every answer
for which :func:`is_context_question` is true (no segments, codes, topics or quotes).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from survey.config import SourceConfig
from survey.errors import InputFileError
from survey.instrument import Instrument, Option, Question
from survey.readers.detect import detect
from survey.readers.common import cell_text, normalise_label
from survey.readers.infer import (InferredInstrument, count_options, group_rare_options,
                                  infer_kind, joined_options)
from survey.readers.registry import PLATFORM_READERS, READERS, Reader, get_reader
from survey.readers.summary import summarise_source
from survey.readers.transcripts import (
    INTERVIEWER_QUESTION,
    TranscriptReader,
    is_context_question,
)
from survey.schema import INTERVIEW_QUESTION, SourceTable

__all__ = ["INTERVIEWER_QUESTION", "PLATFORM_READERS", "READERS", "InferredInstrument", "detect",
           "get_reader", "infer_instrument", "infer_project_instrument", "is_context_question",
           "read_source", "reader_for", "summarise_source"]


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
        return get_reader(detect(source.path, sheet=source.sheet, kind=source.kind,
                                 limits=source.limits))
    try:
        return get_reader(source.platform)
    except KeyError:
        raise InputFileError(source.path, f"platform {source.platform!r} has no reader yet; "
                             f"known: {', '.join(sorted(PLATFORM_READERS))} (or auto)") from None


def read_source(source: SourceConfig, instrument: Instrument | None, *,
                source_label: str, keep_columns: Sequence[str] = (),
                interviewer_turns: bool = True, reader: Reader | None = None) -> SourceTable:
    """Read one source (export file or transcript folder) into the canonical tables.

    Args:
        source: The source's config.
        instrument: The project instrument; ``None`` infers one from the export.
        source_label: The source's label (its path relative to the project folder).
        keep_columns: ``anonymise.keep_columns``: identifying columns (by header or question
            id) kept in a generalised form (postcode district...) instead of dropped.
        interviewer_turns: Keep interviewer turns of transcripts as context answers
            (question ``interview_interviewer``, never coded); ``False`` leaves them out.
        reader: The reader to use (from :func:`reader_for`, to print its ``name`` in a
            summary without detecting twice); default :func:`reader_for` ``(source)``.

    Returns:
        The source's responses and answers (answer text still ORIGINAL; in memory only).

    Raises:
        InputFileError: Missing, unreadable, corrupt or empty input, headers that fit no reader,
            or a bad cell; named by file, row and column, never by content.
    """
    reader = reader if reader is not None else reader_for(source)
    if isinstance(reader, TranscriptReader):
        return reader.read(source, instrument, source_label=source_label,
                           interviewer_turns=interviewer_turns)
    return reader.read(source, instrument, source_label=source_label, keep_columns=keep_columns)


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
                             name: str = "Inferred instrument",
                             min_count: int = 1) -> Instrument:
    """Infer one instrument for several sources (a project without ``instrument.yaml``).

    Questions with the same text across sources merge: the kind of a one-column question is
    inferred from its cells in every source together (one export with a single answer must not
    turn a free-text question into a choice and drop the others' answers, nor a short scale
    into free text); options are unioned in order. Different texts that slugify to one id get
    ``_2``, ``_3``... Pass the result to :func:`read_source` for every source.

    Args:
        sources: The project's survey sources.
        name: The instrument's name.
        min_count: ``disclosure.min_count``: an inferred single-choice option given by fewer
            respondents (over all sources) is left out and an ``Other`` option takes its place
            (:func:`~survey.readers.infer.group_rare_options`): a write-in never becomes its
            own category. The same holds for a "tick all that apply" question exported in one
            column (:func:`~survey.readers.infer.joined_options`), except for pieces that come
            before another answer in some cell (the form's own options).

    Raises:
        InputFileError: As :func:`read_source`.
    """
    by_text: dict[str, Question] = {}
    counts: dict[str, Counter] = {}
    pooled: dict[str, list | None] = {}  # text -> every source's cells (None: not one column)
    ids: set[str] = set()
    for source in sources:
        inferred = infer_instrument(source)
        for q in inferred.instrument.questions:
            cells = inferred.cells.get(q.id)
            if q.text not in pooled:
                pooled[q.text] = list(cells) if cells is not None else None
            elif pooled[q.text] is not None and cells is not None:
                pooled[q.text].extend(cells)
            else:
                pooled[q.text] = None
            if q.id in inferred.option_counts:
                tally = counts.setdefault(q.text, Counter())
                for label, n in inferred.option_counts[q.id].items():
                    tally[normalise_label(label)] += n
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
    questions = []
    for text, q in by_text.items():
        cells = pooled.get(text)
        if cells is not None:
            kind, labels = infer_kind(cells)
            if kind != q.kind:
                q = replace(q, kind=kind, options=tuple(Option(code=str(i + 1), label=lab)
                                                         for i, lab in enumerate(labels)))
                if kind == "single":
                    counts[text] = Counter({normalise_label(k): v for k, v in
                                            count_options(cells, labels).items()})
                else:
                    counts.pop(text, None)
        if q.kind in ("text", "number", "date") and q.options:
            # options merged in from another export's answers are respondents' own words
            q = replace(q, options=())
            counts.pop(text, None)
        joined = joined_options([cell_text(c) for c in cells if cell_text(c)]) if (
            cells is not None and q.kind == "multiple") else None
        if joined is not None:  # one column of joined answers: its write-ins are grouped too
            q = group_rare_options(q, joined.counts, min_count=min_count, keep=joined.proven)
        elif text in counts:
            tally = counts[text]
            q = group_rare_options(q, {o.label: tally[normalise_label(o.label)]
                                       for o in q.options}, min_count=min_count)
        questions.append(q)
    return Instrument(name=name, questions=tuple(questions))
