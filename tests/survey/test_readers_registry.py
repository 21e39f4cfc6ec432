"""Tests for the reader registry, detect() and read_source() dispatch (synthetic fixtures)."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import docx
import openpyxl
import pytest

from survey.config import SourceConfig
from survey.errors import InputFileError
from survey.readers import READERS, detect, get_reader, infer_instrument, read_source

FIXTURES = Path(__file__).parents[1] / "fixtures" / "readers"


def test_registry_snapshot():
    assert sorted(READERS) == ["generic.v1", "googleforms.v1", "kobo.v1", "msforms.v1",
                               "qualtrics.v1", "smartsurvey.v1", "surveymonkey.v1",
                               "transcript.v1"]
    assert all(cls.name == key for key, cls in READERS.items())


def test_registry_unknown_name_lists_known():
    with pytest.raises(KeyError, match="known: generic.v1, googleforms.v1, kobo.v1"):
        get_reader("qualtrics.v9")


@pytest.mark.parametrize("name, key", [("smartsurvey", "smartsurvey.v1"),
                                       ("surveymonkey.v1", "surveymonkey.v1")])
def test_registry_platform_names(name, key):
    assert get_reader(name).name == key


def _xlsx(path: Path, rows) -> Path:
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


@pytest.mark.parametrize("make, expected", [
    (lambda d: FIXTURES / "smartsurvey.csv", "smartsurvey.v1"),
    (lambda d: FIXTURES / "surveymonkey.csv", "surveymonkey.v1"),
    (lambda d: _xlsx(d / "s.xlsx", [["Response ID", "Q"], [1, "a"]]), "smartsurvey.v1"),
    (lambda d: _xlsx(d / "s.xlsx", [["Started", "Ended", "Q"], ["x", "y", "a"]]),
     "smartsurvey.v1"),
    (lambda d: FIXTURES / "interview.txt", "transcript.v1"),
    (lambda d: FIXTURES / "interview.vtt", "transcript.v1"),
    (lambda d: d, "transcript.v1")])
def test_detect_formats(tmp_path, make, expected):
    assert detect(make(tmp_path)) == expected


def test_detect_docx_is_transcript(tmp_path):
    document = docx.Document()
    document.add_paragraph("Interviewer: Hello (synthetic)")
    document.save(str(tmp_path / "t.docx"))
    assert detect(tmp_path / "t.docx") == "transcript.v1"


@pytest.mark.parametrize("name, rows, message", [
    ("x.csv", [["Question A", "Question B"], ["Synthetic Value", "b"]], "could not tell"),
    ("x.csv", [["Respondent ID", "Collector ID", "UserID"], ["", "", "Response"]],
     "more than one platform")])
def test_detect_unknown_or_ambiguous_lists_what_was_looked_for(tmp_path, name, rows, message):
    path = tmp_path / name
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    with pytest.raises(InputFileError, match=message) as err:
        detect(path)
    assert "UserID" in str(err.value) and "Collector ID" in str(err.value)
    assert str(path) in str(err.value) and "Synthetic Value" not in str(err.value)


def test_detect_unknown_suffix(tmp_path):
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    with pytest.raises(InputFileError, match="unknown file type"):
        detect(tmp_path / "x.pdf")


def test_detect_missing_file(tmp_path):
    with pytest.raises(InputFileError, match="not found"):
        detect(tmp_path / "gone.csv")


def test_read_source_platform_overrides_detection(tmp_path):
    path = tmp_path / "x.csv"
    shutil.copy(FIXTURES / "smartsurvey.csv", path)
    src = SourceConfig(path=path, cohort="c", platform="generic")
    table = read_source(src, None, source_label="x")
    assert "UserID" not in table.responses.columns
    assert any("inferred" in w for w in table.warnings)


def test_read_source_every_config_platform_has_a_reader():
    from survey.config import PLATFORMS
    from survey.readers import PLATFORM_READERS

    assert set(PLATFORMS) - {"auto"} <= set(PLATFORM_READERS)


def test_read_source_wrong_platform_error():
    src = SourceConfig(path=FIXTURES / "smartsurvey.csv", cohort="c", platform="qualtrics")
    with pytest.raises(InputFileError, match="does not look like a Qualtrics export") as err:
        read_source(src, None, source_label="x")
    assert err.value.row == 1


def test_read_source_interview_kind_uses_transcripts(tmp_path):
    shutil.copy(FIXTURES / "interview.txt", tmp_path / "a.txt")
    src = SourceConfig(path=tmp_path, cohort="survivor", kind="interview")
    assert list(read_source(src, None, source_label="t").responses["kind"]) == ["interview"]
    inferred = infer_instrument(src)
    assert [q.id for q in inferred.instrument.questions] == ["interview"]


def test_infer_project_instrument_merges_sources():
    from survey.readers import infer_project_instrument

    sources = [SourceConfig(path=FIXTURES / "smartsurvey.csv", cohort="survivor"),
               SourceConfig(path=FIXTURES / "surveymonkey.csv", cohort="professional"),
               SourceConfig(path=FIXTURES / "interview.txt", cohort="survivor", kind="interview")]
    inst = infer_project_instrument(sources)
    ids = [q.id for q in inst.questions]
    assert len(ids) == len(set(ids)) and "interview" in ids
    texts = [q.text for q in inst.questions]
    assert texts.count("What helped you most?") == 1
    for source in sources:
        table = read_source(source, inst, source_label=source.path.name)
        assert table.unmapped_columns == []


def test_detect_excel_unicode_text_survey_export(tmp_path):
    path = tmp_path / "export.txt"
    text = ("UserID\tWhat helped you most?\r\n1\tSynthetic answer, with a comma\r\n"
            "2\tAnother synthetic answer\r\n3\tA third synthetic answer\r\n")
    path.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    assert detect(path) == "transcript.v1"  # a .txt is a transcript unless the source says
    assert detect(path, kind="survey") == "smartsurvey.v1"
    table = read_source(SourceConfig(path=path, cohort="c"), None, source_label="e")
    assert list(table.answers["text"])[0] == "Synthetic answer, with a comma"


def _csv(path, header, rows):
    import csv

    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Respondent", header])
        writer.writerows([[i + 1, r] for i, r in enumerate(rows)])
    return path


def test_infer_project_instrument_decides_a_kind_from_every_source(tmp_path):
    """One export with a single answer must not make a free-text question a choice (which
    dropped every other export's answers as "not an option"), and a short scale seen twice in
    one export must not become free text when the other exports show it is a choice."""
    from survey.readers import infer_project_instrument

    q_text, q_scale = "What helped you most?", "How satisfied were you?"
    a = _csv(tmp_path / "a.csv", q_text, ["The helpline (synthetic)"])
    b = _csv(tmp_path / "b.csv", q_text, [f"Synthetic answer {i}: the support worker listened "
                                          f"and the waits were {i} weeks" for i in range(12)])
    c = _csv(tmp_path / "c.csv", q_scale, ["Satisfied", "Dissatisfied"])
    d = _csv(tmp_path / "d.csv", q_scale, ["Satisfied", "Dissatisfied", "Neutral"] * 10)
    inst = infer_project_instrument([SourceConfig(path=p, cohort="s", platform="generic")
                                     for p in (a, b, c, d)])
    kinds = {q.text: q.kind for q in inst.questions}
    assert kinds[q_text] == "text"
    # and the lone answer of a.csv is never kept as an "option" of the free-text question,
    # whichever export comes first
    for order in ((a, b), (b, a)):
        merged = infer_project_instrument([SourceConfig(path=p, cohort="s", platform="generic")
                                           for p in order])
        assert [(q.kind, q.options) for q in merged.questions if q.text == q_text] == [
            ("text", ())]
    assert kinds[q_scale] == "single"
    answers = read_source(SourceConfig(path=b, cohort="s", platform="generic"), inst,
                          source_label="b.csv").answers
    assert len(answers) == 12  # every free-text answer is kept
