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


def _said(table) -> list[str]:
    """The participants' turns (the interviewer's are context answers)."""
    return list(table.answers.loc[table.answers["question_id"] == "interview", "text"])


def _everything(table) -> str:
    return table.responses.to_string() + table.answers.to_string() + " ".join(table.warnings)


def test_transcript_txt_participant_turns_only():
    table = _read(FIXTURES / "interview.txt")
    assert _said(table) == [
        "A friend told me about it.\nIt took a while to call.",
        "Being listened to. Jo is what my friends call me."]
    assert list(table.answers["question_id"]) == ["interview_interviewer", "interview"] * 2


def test_transcript_txt_one_response_per_file():
    table = _read(FIXTURES / "interview.txt")
    rid = stable_id("transcripts", "interview.txt")
    assert list(table.responses["response_id"]) == [rid]
    assert list(table.responses["kind"]) == ["interview"]
    assert list(table.responses["cohort"]) == ["survivor"]
    assert list(table.answers["answer_id"]) == [stable_id(rid, i) for i in range(4)]


def test_transcript_speaker_names_only_in_extra_names():
    table = _read(FIXTURES / "interview.txt")
    rid = table.responses["response_id"][0]
    assert table.extra_names == {rid: {"Jo Bloggs", "Jo", "Bloggs"}}
    assert "Bloggs" not in _everything(table)


def test_transcript_vtt_voice_spans_and_colon_cues():
    table = _read(FIXTURES / "interview.vtt")
    assert _said(table) == ["It was kind and patient.\nI would recommend it.",
                                           "No, thank you."]
    rid = table.responses["response_id"][0]
    assert table.extra_names[rid] == {"Alex Rivers", "Alex", "Rivers"}
    assert "synthetic transcript" not in _everything(table)  # NOTE block ignored


def test_transcript_docx_paragraphs(tmp_path):
    path = _docx(tmp_path / "p1.docx", ["Synthetic transcript", "INT: How was the waiting room?",
                                        "P1: Quiet and calm.", "Researcher: Thanks."])
    table = _read(path)
    assert _said(table) == ["Quiet and calm."]
    assert table.extra_names == {}
    assert any("skipped" in w for w in table.warnings)


def test_transcript_folder_reads_sorted_files(tmp_path):
    shutil.copy(FIXTURES / "interview.vtt", tmp_path / "b.vtt")
    shutil.copy(FIXTURES / "interview.txt", tmp_path / "a.txt")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    table = _read(tmp_path)
    assert list(table.responses["response_id"]) == [stable_id("transcripts", "a.txt"),
                                                    stable_id("transcripts", "b.vtt")]
    assert len(_said(table)) == 4


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


def test_transcript_docx_with_broken_xml_is_one_line_naming_the_file(tmp_path):
    import zipfile

    good = _docx(tmp_path / "good.docx", ["Interviewer: What helped? (synthetic)",
                                          "P1: The drop-in Sundaykettle group helped."])
    path = tmp_path / "interview_07.docx"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(path, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]  # cut off mid-tag
            zout.writestr(item, data)
    with pytest.raises(InputFileError) as err:
        _read(path)
    text = str(err.value)
    assert "interview_07.docx" in text and "XML" in text and "\n" not in text
    assert "Sundaykettle" not in text


def test_transcript_bad_vtt_error(tmp_path):
    path = tmp_path / "t.vtt"
    path.write_text("not a caption file\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="WebVTT"):
        _read(path)


def test_transcript_cp1252_text(tmp_path):
    path = tmp_path / "t.txt"
    path.write_bytes("Interviewer: Hello\nP1: It’s fine – thanks\n".encode("cp1252"))
    assert _said(_read(path)) == ["It’s fine – thanks"]


def test_transcript_timestamp_lines_skipped():
    turns, _ = parse_turns(enumerate([
        "[00:00:01]", "Interviewer: Hello.", "00:00:04.500 --> 00:00:06.000", "P1: Hi there.",
        "00:07", "[00:00:09] P1: Still me."], start=1))
    assert [(t.speaker, t.text) for t in turns] == [("Interviewer", "Hello."),
                                                    ("P1", "Hi there.\nStill me.")]


def _context(table) -> list[str]:
    return list(table.answers.loc[table.answers["question_id"] == "interview_interviewer",
                                  "text"])


def test_transcript_interviewer_turns_kept_as_context():
    from survey.readers import INTERVIEWER_QUESTION, is_context_question

    table = _read(FIXTURES / "interview.txt")
    assert _context(table) == ["Thank you for joining. How did you first hear about the service?",
                               "What helped most?"]
    assert is_context_question(INTERVIEWER_QUESTION) and not is_context_question("interview")


def test_transcript_interviewer_turns_can_be_left_out():
    table = read_source(SourceConfig(path=FIXTURES / "interview.txt", cohort="survivor",
                                     kind="interview"), None, source_label="t",
                        interviewer_turns=False)
    assert set(table.answers["question_id"]) == {"interview"} and len(table.answers) == 2


def test_transcript_srt_cues_and_bracket_speakers():
    table = _read(FIXTURES / "interview.srt")
    assert _said(table) == ["It was calm.\n[inaudible] and welcoming."]
    assert len(_context(table)) == 2
    rid = table.responses["response_id"][0]
    assert table.extra_names[rid] == {"Robin Synthetic", "Robin", "Synthetic"}


def test_transcript_bad_srt_error(tmp_path):
    path = tmp_path / "t.srt"
    path.write_text("this is not a subtitle file\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="SubRip"):
        _read(path)


def test_transcript_zoom_speaker_lines_first_speaker_guessed():
    table = _read(FIXTURES / "interview_zoom.txt")
    assert _said(table) == ["Shorter waits.\nClearer letters too."]
    assert _context(table)[1] == "Thanks for that."
    assert any("first speaker was taken as the interviewer" in w for w in table.warnings)
    assert "Moderatorson" not in _everything(table)


def test_transcript_teams_docx_with_directive(tmp_path):
    path = _docx(tmp_path / "teams.docx", [
        "# interviewer: Ash Synthetic", "Synthetic meeting transcript",
        "Kit Synthetic   0:03", "I was not sure where to start.",
        "Ash Synthetic   0:10", "That makes sense. What helped?",
        "Kit Synthetic   1:02:15", "The helpline."])
    table = _read(path)
    assert _said(table) == ["I was not sure where to start.", "The helpline."]
    assert _context(table) == ["That makes sense. What helped?"]
    assert not any("taken as the interviewer" in w for w in table.warnings)


def test_transcript_teams_vtt_note_directive(tmp_path):
    path = tmp_path / "teams.vtt"
    path.write_text("WEBVTT\n\nNOTE interviewer: Ash Synthetic\n\n"
                    "a1b2/1-0\n00:00:01.000 --> 00:00:03.000\n<v Kit Synthetic>Hello.</v>\n\n"
                    "a1b2/2-0\n00:00:03.000 --> 00:00:05.000\n<v Ash Synthetic>Welcome, this "
                    "is a synthetic test.</v>\n", encoding="utf-8")
    table = _read(path)
    assert _said(table) == ["Hello."]
    assert _context(table) == ["Welcome, this is a synthetic test."]


def test_transcript_generic_labels_no_interviewer_guess(tmp_path):
    path = tmp_path / "g.txt"
    path.write_text("P1: Synthetic one.\nP2: Synthetic two.\n", encoding="utf-8")
    table = _read(path)
    assert _said(table) == ["Synthetic one.", "Synthetic two."]
    assert not any("taken as the interviewer" in w for w in table.warnings)


@pytest.mark.parametrize("line, speaker", [
    ("Jo Bloggs   0:03", "Jo Bloggs"), ("[Jo Bloggs] 10:15:30", "Jo Bloggs"),
    ("[Laughs] 0:03", None), ("It was 10:30", None)])
def test_transcript_speaker_lines(line, speaker):
    turns, _ = parse_turns(enumerate([line, "Synthetic words."], start=1))
    assert (turns[0].speaker if turns else None) == speaker
