"""Tests for the transcript reader (.txt, .docx, .vtt; synthetic fixtures only)."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest

from survey.config import SourceConfig
from survey.errors import InputFileError
from survey.readers import read_source
from survey.readers.transcripts import is_interviewer, parse_turns
from survey.schema import stable_id

FIXTURES = Path(__file__).parents[1] / "fixtures" / "readers"


def _read(path: Path):
    return read_source(SourceConfig(path=path, cohort="survivor", kind="interview"), None,
                       source_label="transcripts")


def _docx(path: Path, paragraphs: list[str]) -> Path:
    document = docx.Document()
    for p in paragraphs:
        document.add_paragraph(p)
    document.save(str(path))
    return path


def _everything(table) -> str:
    return table.responses.to_string() + table.answers.to_string() + " ".join(table.warnings)


def test_transcript_txt_participant_turns_only():
    table = _read(FIXTURES / "interview.txt")
    assert list(table.answers["text"]) == [
        "A friend told me about it.\nIt took a while to call.",
        "Being listened to. Jo is what my friends call me."]
    assert set(table.answers["question_id"]) == {"interview"}


def test_transcript_txt_one_response_per_file():
    table = _read(FIXTURES / "interview.txt")
    rid = stable_id("transcripts", "interview.txt")
    assert list(table.responses["response_id"]) == [rid]
    assert list(table.responses["kind"]) == ["interview"]
    assert list(table.responses["cohort"]) == ["survivor"]
    assert list(table.answers["answer_id"]) == [stable_id(rid, 1), stable_id(rid, 3)]


def test_transcript_speaker_names_only_in_extra_names():
    table = _read(FIXTURES / "interview.txt")
    rid = table.responses["response_id"][0]
    assert table.extra_names == {rid: {"Jo Bloggs", "Jo", "Bloggs"}}
    assert "Bloggs" not in _everything(table)


def test_transcript_vtt_voice_spans_and_colon_cues():
    table = _read(FIXTURES / "interview.vtt")
    assert list(table.answers["text"]) == ["It was kind and patient.\nI would recommend it.",
                                           "No, thank you."]
    rid = table.responses["response_id"][0]
    assert table.extra_names[rid] == {"Alex Rivers", "Alex", "Rivers"}
    assert "synthetic transcript" not in _everything(table)  # NOTE block ignored


def test_transcript_docx_paragraphs(tmp_path):
    path = _docx(tmp_path / "p1.docx", ["Synthetic transcript", "INT: How was the waiting room?",
                                        "P1: Quiet and calm.", "Researcher: Thanks."])
    table = _read(path)
    assert list(table.answers["text"]) == ["Quiet and calm."]
    assert table.extra_names == {}
    assert any("skipped" in w for w in table.warnings)


def test_transcript_folder_reads_sorted_files(tmp_path):
    shutil.copy(FIXTURES / "interview.vtt", tmp_path / "b.vtt")
    shutil.copy(FIXTURES / "interview.txt", tmp_path / "a.txt")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    table = _read(tmp_path)
    assert list(table.responses["response_id"]) == [stable_id("transcripts", "a.txt"),
                                                    stable_id("transcripts", "b.vtt")]
    assert len(table.answers) == 4


@pytest.mark.parametrize("label, expected", [
    ("Interviewer", True), ("INT", True), ("q", True), ("Facilitator 2", True),
    ("Moderator (Sam)", True), ("P1", False), ("Jo Bloggs", False), ("Interviewee", False)])
def test_transcript_is_interviewer(label, expected):
    assert is_interviewer(label) is expected


def test_transcript_parse_comments_and_sentence_colons():
    turns, skipped = parse_turns(enumerate([
        "# synthetic", "Q: Anything else?", "P2: One thing: the letters.",
        "It was hard: really hard.", "q: Thanks."], start=1))
    assert [(t.speaker, t.text) for t in turns] == [
        ("Q", "Anything else?"), ("P2", "One thing: the letters.\nIt was hard: really hard."),
        ("q", "Thanks.")]
    assert skipped == 0


def test_transcript_no_turns_error(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("just some synthetic words without labels\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="no speaker turns"):
        _read(path)


def test_transcript_empty_folder_error(tmp_path):
    with pytest.raises(InputFileError, match="no transcripts"):
        _read(tmp_path)


def test_transcript_corrupt_docx_error(tmp_path):
    path = tmp_path / "t.docx"
    path.write_bytes(b"not a zip file")
    with pytest.raises(InputFileError, match="docx"):
        _read(path)


def test_transcript_bad_vtt_error(tmp_path):
    path = tmp_path / "t.vtt"
    path.write_text("not a caption file\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="WebVTT"):
        _read(path)


def test_transcript_cp1252_text(tmp_path):
    path = tmp_path / "t.txt"
    path.write_bytes("Interviewer: Hello\nP1: It’s fine – thanks\n".encode("cp1252"))
    assert list(_read(path).answers["text"]) == ["It’s fine – thanks"]


def test_transcript_timestamp_lines_skipped():
    turns, _ = parse_turns(enumerate([
        "[00:00:01]", "Interviewer: Hello.", "00:00:04.500 --> 00:00:06.000", "P1: Hi there.",
        "00:07", "[00:00:09] P1: Still me."], start=1))
    assert [(t.speaker, t.text) for t in turns] == [("Interviewer", "Hello."),
                                                    ("P1", "Hi there.\nStill me.")]
