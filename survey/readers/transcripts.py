"""Interview transcripts: ``.txt`` and ``.docx`` with ``Speaker: text`` turns, ``.vtt`` and
``.srt`` captions (Microsoft Teams ``<v Name>`` voice spans, Zoom ``Name: text`` cues).

Also read: Teams/Zoom "speaker line" layouts, where a line ``Jo Bloggs   0:03`` or
``[Jo Bloggs] 10:15:30`` names the speaker of the lines that follow, and ``[Name] text`` cues.

Each transcript is one response (``kind="interview"``). The participants' turns become answers
to question ``"interview"`` (one per turn, in order). The interviewer's turns are kept for
context as answers to :data:`INTERVIEWER_QUESTION` (``"interview_interviewer"``), which later
stages must not segment, code, model or quote (see :func:`is_context_question`); pass
``interviewer_turns=False`` to leave them out. Consecutive turns of one speaker are merged.

Roles: a speaker label in :data:`INTERVIEWER_LABELS` (``Interviewer``, ``INT``, ``Q``...) is the
interviewer. Teams and Zoom label people by name, so a transcript may name its interviewer in a
directive line, ``# interviewer: Sam Synthetic`` (``NOTE interviewer: ...`` in a .vtt); without
either, the first speaker of a two-or-more-speaker transcript is taken as the interviewer and a
warning says so.

Speaker names identify people: they never enter a table. The participants' speaker names go into
``SourceTable.extra_names[response_id]`` so the anonymiser redacts them inside the text too.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from survey.config import ArchiveLimits, SourceConfig
from survey.errors import InputFileError
from survey.instrument import Instrument
from survey.readers.archive import check_archive
from survey.readers.common import read_bytes
from survey.readers.encoding import decode_bytes, decode_text, repair_stray_bytes
from survey.schema import (
    ANSWER_COLUMNS,
    INTERVIEW_QUESTION,
    RESPONSE_COLUMNS,
    SourceTable,
    stable_id,
)

TRANSCRIPT_SUFFIXES = (".txt", ".docx", ".vtt", ".srt")
INTERVIEWER_QUESTION = "interview_interviewer"
CONTEXT_QUESTIONS = frozenset({INTERVIEWER_QUESTION})
INTERVIEWER_LABELS = frozenset({"interviewer", "facilitator", "researcher", "moderator", "int",
                                "q"})
_GENERIC = re.compile(r"^(p|participant|respondent|interviewee|a|ans|answer|survivor|speaker|"
                      r"person|r|client|service user|unknown|other)\s*\d*$")
_STAMP = r"(?:[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?[\])]?\s*(?:-->.*?\s)?)?"
_SPEAKER = re.compile(rf"^\s*{_STAMP}(?P<speaker>[^\W\d_][\w .'\u2019()&-]{{0,39}}?)\s*:\s*"
                      r"(?P<text>.*)$", re.DOTALL)
_VOICE = re.compile(r"<v(?:\.[\w.-]+)?\s+([^>]+)>(.*?)(?=<v[\s.]|$)", re.DOTALL)
_TAG = re.compile(r"</?[^>]+>")
_TIME_ONLY = re.compile(r"^[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?[\])]?(?:\s*-->.*)?$")
_TIME = r"[\[(]?(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d+)?[\])]?"
# "Jo Bloggs   0:03" (Teams .docx) or "[Jo Bloggs] 10:15:30" (Zoom .txt): the speaker of the
# lines that follow
_SPEAKER_LINE = re.compile(rf"^\s*(?:\[(?P<a>[^\]]{{1,40}})\]|(?P<b>[^\W\d_][\w .'\u2019()&-]"
                           rf"{{0,39}}?))\s+{_TIME}\s*$")
_BRACKET = re.compile(r"^\s*\[(?P<speaker>[^\W\d_][^\]]{0,39})\]\s*(?P<text>\S.*)$", re.DOTALL)
_NOT_SPEAKERS = frozenset({"inaudible", "laughs", "laughter", "crosstalk", "pause", "music",
                           "silence", "redacted", "unclear", "overlapping", "sighs", "cries"})
_DIRECTIVE = re.compile(r"^\s*(?:#|NOTE)\s*interviewer\s*[:=]\s*(?P<name>.+?)\s*$",
                        re.IGNORECASE)


@dataclass
class Turn:
    """One speaker turn (``line`` is the 1-based line, paragraph or cue where it starts)."""

    speaker: str
    text: str
    line: int


def is_context_question(question_id: str) -> bool:
    """True for answers kept only as context (interviewer turns): never segmented, coded,
    topic-modelled or quoted."""
    return question_id in CONTEXT_QUESTIONS


def is_interviewer(speaker: str) -> bool:
    """True when a speaker label names the interviewer (``Interviewer``, ``INT 2``, ``Q``...)."""
    words = re.sub(r"[^\w\s]", " ", speaker.casefold()).split()
    return bool(words) and re.sub(r"\d+$", "", words[0]) in INTERVIEWER_LABELS


def _valid_speaker(label: str) -> bool:
    words = label.split()
    if not words or len(words) > 4:
        return False
    norm = re.sub(r"[^\w\s]", " ", label.casefold()).strip()
    if is_interviewer(label) or _GENERIC.match(norm):
        return True
    return all(w[0].isupper() or w[0].isdigit() or w[0] in "(&" for w in words)


def _names(label: str) -> set[str]:
    """The name strings a speaker label carries (none for generic labels such as ``P1``)."""
    names: set[str] = set()
    inner = re.findall(r"\(([^)]*)\)", label)
    outer = re.sub(r"\([^)]*\)", " ", label).strip()
    for part in [outer, *inner]:
        part = part.strip(" .-")
        norm = re.sub(r"[^\w\s]", " ", part.casefold()).strip()
        if not part or _GENERIC.match(norm) or is_interviewer(part):
            continue
        names.add(part)
        names.update(w.strip(".'") for w in part.split() if len(w.strip(".'")) >= 2)
    return names


def parse_turns(lines: Iterable[tuple[int, str]]) -> tuple[list[Turn], int]:
    """Parse ``Speaker: text`` lines into turns.

    Lines starting with ``#`` are comments; a line without a speaker label continues the
    previous turn; consecutive turns of one speaker merge.

    Returns:
        ``(turns, number of text lines before the first speaker label, which are skipped)``.
    """
    turns: list[Turn] = []
    skipped = 0
    for number, raw in lines:
        line = raw.strip()
        if not line or line.startswith("#") or _TIME_ONLY.match(line):
            continue
        if h := _SPEAKER_LINE.match(line):
            speaker = (h.group("a") or h.group("b")).strip()
            if _valid_speaker(speaker) and speaker.casefold() not in _NOT_SPEAKERS:
                if not (turns and turns[-1].speaker == speaker):
                    turns.append(Turn(speaker, "", number))
                continue
        m = _SPEAKER.match(line) or _bracket(line)
        if m and _valid_speaker(m.group("speaker").strip()):
            speaker, text = m.group("speaker").strip(), m.group("text").strip()
            if turns and turns[-1].speaker == speaker:
                turns[-1].text = f"{turns[-1].text}\n{text}".strip()
            else:
                turns.append(Turn(speaker, text, number))
        elif turns:
            turns[-1].text = f"{turns[-1].text}\n{line}".strip()
        else:
            skipped += 1
    return turns, skipped


def _bracket(line: str) -> re.Match[str] | None:
    m = _BRACKET.match(line)
    if m and m.group("speaker").strip().casefold() not in _NOT_SPEAKERS:
        return m
    return None


def _lines_txt(path: Path) -> list[tuple[int, str]]:
    text = decode_bytes(read_bytes(path), path)
    return list(enumerate(text.splitlines(), start=1))


def _lines_docx(path: Path, limits: ArchiveLimits | None = None) -> list[tuple[int, str]]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    read_bytes(path)
    check_archive(path, limits=limits, kind="document")  # a zip bomb is refused unread
    from lxml.etree import XMLSyntaxError  # python-docx parses with lxml

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError):
        raise InputFileError(path, "not a readable .docx document (corrupt, or another format "
                             "renamed to .docx)") from None
    except XMLSyntaxError as exc:  # its position only; the parser's text may quote content
        where = f" at line {exc.lineno}" if getattr(exc, "lineno", None) else ""
        raise InputFileError(path, f"not a readable .docx document: the XML inside is "
                             f"broken{where} (a damaged or hand-edited file)") from None
    lines: list[tuple[int, str]] = []
    for number, paragraph in enumerate(document.paragraphs, start=1):
        lines.extend((number, part) for part in paragraph.text.splitlines())
    return lines


def _captions(path: Path, text: str) -> list:  # noqa: ANN401 (webvtt Caption objects)
    import io

    import webvtt
    from webvtt.errors import MalformedCaptionError, MalformedFileError

    srt = path.suffix.lower() == ".srt"
    try:
        if srt:
            return webvtt.WebVTT.from_buffer(io.StringIO(text), format="srt").captions
        return webvtt.from_string(text).captions
    except (MalformedFileError, MalformedCaptionError, ValueError, IndexError):
        what = ("SubRip (.srt) file (expected numbered, timed cues)" if srt else
                "WebVTT file (expected a WEBVTT header and timed cues)")
        raise InputFileError(path, f"not a valid {what}") from None


def _lines_captions(path: Path) -> list[tuple[int, str]]:
    text = decode_bytes(read_bytes(path), path)
    captions = _captions(path, text)
    if not captions:
        raise InputFileError(path, "the caption file has no cues")
    lines: list[tuple[int, str]] = [
        (0, f"# interviewer: {m.group(1).strip()}")
        for m in re.finditer(r"^NOTE\s+interviewer\s*[:=]\s*(.+?)\s*$", text,
                             re.IGNORECASE | re.MULTILINE)]
    for number, caption in enumerate(captions, start=1):
        voices = _VOICE.findall(caption.raw_text)
        if voices:
            for name, said in voices:
                said = _TAG.sub("", said).strip().replace("\n", " ")
                lines.append((number, f"{name.strip()}: {said}"))
        else:
            lines.extend((number, _TAG.sub("", ln)) for ln in caption.raw_text.splitlines())
    return lines


def decoding_note(path: Path) -> str | None:
    """A warning about how a text transcript was decoded (a legacy encoding, or stray bytes in
    a UTF-8 file, repaired and named by line), or ``None`` for clean UTF-8 or UTF-16."""
    decoded = decode_text(read_bytes(path), path)
    if not decoded.stray_bytes:
        return decoded.note
    lines = [str(n) for n, line in enumerate(decoded.text.splitlines(), start=1)
             if not line.isascii() and repair_stray_bytes(line) != line]
    shown = ", ".join(lines[:10]) + (f" and {len(lines) - 10} more" if len(lines) > 10 else "")
    return (f"the file is UTF-8 but {decoded.stray_bytes} byte(s) are not (a character pasted "
            f"from another encoding): read as Windows-1252 on those lines only (line(s) "
            f"{shown}); check them")


def read_turns(path: Path) -> tuple[list[Turn], int]:
    """Read one transcript file's turns (see :func:`parse_turns`).

    Raises:
        InputFileError: Missing, unreadable or empty file, an unsupported suffix, or no
            ``Speaker: text`` turns at all.
    """
    suffix = path.suffix.lower()
    if suffix not in TRANSCRIPT_SUFFIXES:
        raise InputFileError(path, f"not a transcript; expected one of "
                             f"{', '.join(TRANSCRIPT_SUFFIXES)}")
    turns, skipped, _ = read_transcript(path)
    return turns, skipped


def interviewer_directives(lines: Iterable[tuple[int, str]]) -> set[str]:
    """Speaker labels named by ``# interviewer: <label>`` lines (case-folded)."""
    return {m.group("name").casefold() for _, line in lines if (m := _DIRECTIVE.match(line))}


def read_transcript(path: Path, *,
                    limits: ArchiveLimits | None = None) -> tuple[list[Turn], int, set[str]]:
    """Read one transcript file: its turns, the number of skipped leading lines, and the
    speaker labels its ``# interviewer:`` directives name (case-folded).

    Raises:
        InputFileError: As :func:`read_turns`.
    """
    suffix = path.suffix.lower()
    if suffix not in TRANSCRIPT_SUFFIXES:
        raise InputFileError(path, f"not a transcript; expected one of "
                             f"{', '.join(TRANSCRIPT_SUFFIXES)}")
    if suffix in (".vtt", ".srt"):
        lines = _lines_captions(path)
    else:
        lines = _lines_docx(path, limits) if suffix == ".docx" else _lines_txt(path)
        if not any(line.strip() for _, line in lines):
            raise InputFileError(path, "the transcript is empty")
    turns, skipped = parse_turns(lines)
    if not turns:
        raise InputFileError(path, "no speaker turns found; expected lines such as "
                             "'Interviewer: ...' and 'P1: ...'")
    return turns, skipped, interviewer_directives(lines)


def assign_roles(turns: list[Turn], directives: set[str]) -> tuple[set[str], bool]:
    """The speaker labels that are the interviewer, and whether that was a guess.

    A label in :data:`INTERVIEWER_LABELS` or named by a directive is the interviewer. When
    neither names anyone and the transcript has two or more NAMED speakers (Teams/Zoom), the
    first speaker is taken as the interviewer (the guess is reported as a warning).
    """
    speakers = list(dict.fromkeys(t.speaker for t in turns))
    chosen = {s for s in speakers if is_interviewer(s) or s.casefold() in directives}
    if chosen or len(speakers) < 2:
        return chosen, False
    named = [s for s in speakers
             if not _GENERIC.match(re.sub(r"[^\w\s]", " ", s.casefold()).strip())]
    if len(named) == len(speakers):
        return {speakers[0]}, True
    return set(), False


def transcript_files(path: Path) -> list[Path]:
    """The transcript files of a source: the file itself, or a folder's files sorted by name.

    Raises:
        InputFileError: The path is missing, or a folder holds no transcripts.
    """
    if not path.exists():
        raise InputFileError(path, "file or folder not found")
    if path.is_file():
        return [path]
    files = sorted((p for p in path.iterdir() if p.is_file() and not p.name.startswith(".")
                    and p.suffix.lower() in TRANSCRIPT_SUFFIXES), key=lambda p: p.name)
    if not files:
        raise InputFileError(path, f"the folder holds no transcripts "
                             f"({', '.join(TRANSCRIPT_SUFFIXES)})")
    return files


class TranscriptReader:
    """Reader for interview transcripts (``transcript.v1``): a file or a folder of files."""

    name = "transcript.v1"

    def read(self, source: SourceConfig, instrument: Instrument | None, *,
             source_label: str, interviewer_turns: bool = True) -> SourceTable:
        """Read every transcript of the source; one response per transcript.

        Args:
            source: The source config (``path`` is a file or a folder).
            instrument: Unused (interviews have no closed questions); accepted for symmetry.
            source_label: The source's label.
            interviewer_turns: Keep the interviewer's turns as context answers
                (:data:`INTERVIEWER_QUESTION`); ``False`` leaves them out.

        Raises:
            InputFileError: As :func:`read_turns` and :func:`transcript_files`.
        """
        responses, answers, warnings = [], [], []
        extra: dict[str, set[str]] = {}
        for file in transcript_files(Path(source.path)):
            rid = stable_id(source_label, file.name)
            turns, skipped, directives = read_transcript(file, limits=source.limits)
            interviewers, guessed = assign_roles(turns, directives)
            responses.append({"response_id": rid, "source": source_label,
                              "cohort": source.cohort, "wave": source.wave, "kind": "interview",
                              "submitted": None})
            names: set[str] = set()
            for index, turn in enumerate(turns):
                names |= _names(turn.speaker)
                context = turn.speaker in interviewers
                if not turn.text or (context and not interviewer_turns):
                    continue
                answers.append({"answer_id": stable_id(rid, index), "response_id": rid,
                                "question_id": INTERVIEWER_QUESTION if context else
                                INTERVIEW_QUESTION, "text": turn.text, "lang": "en"})
            if names:
                extra[rid] = names
            if skipped:
                warnings.append(f"transcript {rid}: {skipped} line(s) before the first speaker "
                                "label were skipped")
            if guessed:
                warnings.append(f"transcript {rid}: no speaker is labelled as the interviewer; "
                                "the first speaker was taken as the interviewer (add a line "
                                "'# interviewer: <speaker label>' to the transcript to say who)")
            if all(t.speaker in interviewers for t in turns):
                warnings.append(f"transcript {rid}: only interviewer turns were found")
            if file.suffix.lower() != ".docx" and (note := decoding_note(file)):
                warnings.append(f"transcript {rid}: {note}")
        return SourceTable(source=source_label,
                           responses=pd.DataFrame(responses, columns=list(RESPONSE_COLUMNS),
                                                  dtype=object),
                           answers=pd.DataFrame(answers, columns=list(ANSWER_COLUMNS),
                                                dtype=object),
                           warnings=warnings, extra_names=extra)
