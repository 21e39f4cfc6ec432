"""``voices init``: a project proposed and written from a folder of exports (synthetic data).

The three-source folder is made from the demo's synthetic exports as each platform writes
them: a SurveyMonkey export with its metadata columns, a SurveyMonkey export without them (the
wave-2 file with the metadata columns cut off), and a Google Forms CSV (the survivor survey laid
out as Google Forms exports it: ``Timestamp`` first, ``Email address``, one column per question,
ticked options joined with ", ").
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import openpyxl
import pytest
import yaml
from typer.testing import CliRunner

from survey.config import load_project
from survey.instrument import read_instrument
from survey.project_init import (cohort_from_name, cohort_from_questions, propose_project,
                                 wave_from_name)
from voices.cli import app

runner = CliRunner()
DEMO_EXPORTS = Path(__file__).resolve().parent.parent / "data" / "demo" / "exports"
SERVICES = "Which of these services have you used? (Tick all that apply)"


def _google_forms_from_smartsurvey(xlsx: Path, out: Path) -> None:
    rows = list(openpyxl.load_workbook(xlsx, read_only=True).worksheets[0]
                .iter_rows(values_only=True))
    head = rows[0]
    ticks = [(i, h.partition(" - ")[2]) for i, h in enumerate(head)
             if h and h.startswith(SERVICES + " - ")]
    plain = [i for i, h in enumerate(head) if h not in ("UserID", "IP Address", "Started",
                                                        "Ended", "Email", "Name")
             and i not in dict(ticks)]
    with open(out, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["Timestamp", "Email address", "Name", SERVICES, *(head[i] for i in plain)])
        ended, email, name = (head.index(h) for h in ("Ended", "Email", "Name"))
        for r in rows[1:]:
            w.writerow([f"{r[ended]}:00", r[email] or "", r[name] or "",
                        ", ".join(label for i, label in ticks if r[i]),
                        *("" if r[i] is None else r[i] for i in plain)])


def make_three_sources(folder: Path) -> Path:
    """Two SurveyMonkey exports (one without metadata columns) and a Google Forms CSV."""
    folder.mkdir(parents=True)
    shutil.copy(DEMO_EXPORTS / "professional_survey_surveymonkey.csv",
                folder / "professionals_surveymonkey.csv")
    with open(DEMO_EXPORTS / "professional_survey_wave2_surveymonkey.csv", newline="",
              encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:2] == ["Respondent ID", "Collector ID"] and rows[0][8] == "Custom Data 1"
    with open(folder / "professionals_wave2_no_metadata.csv", "w", newline="",
              encoding="utf-8") as fh:
        csv.writer(fh).writerows(r[9:] for r in rows)
    _google_forms_from_smartsurvey(DEMO_EXPORTS / "survivor_survey_smartsurvey.xlsx",
                                   folder / "survivor_survey_google_forms.csv")
    return folder


@pytest.fixture
def three(tmp_path: Path) -> Path:
    return make_three_sources(tmp_path / "mine")


@pytest.mark.slow
def test_init_yes_then_run_makes_a_report_without_editing(tmp_path: Path) -> None:
    # a folder name with spaces and non-ASCII letters, as on a shared Windows drive
    folder = make_three_sources(tmp_path / "Ærø enquête – wave files")
    inputs = {p.name: p.read_bytes() for p in folder.iterdir()}
    result = runner.invoke(app, ["init", str(folder), "--yes"])
    assert result.exit_code == 0, result.output
    assert "voices run" in result.output
    out = tmp_path / "out put"
    result = runner.invoke(app, ["run", str(folder), "--out", str(out)])
    assert result.exit_code == 0, result.output
    for name in ("report.html", "report.xlsx", "report.docx", "quotes.csv", "project.sqlite"):
        assert (out / name).is_file(), name
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.name in inputs} == inputs


def test_init_proposes_platform_cohort_wave_and_dropped_columns(three: Path) -> None:
    proposal = propose_project(three, infer=False)
    got = {s.path: (s.platform, s.cohort, s.wave) for s in proposal.sources}
    assert got == {
        "professionals_surveymonkey.csv": ("surveymonkey", "professional", 1),
        "professionals_wave2_no_metadata.csv": ("surveymonkey", "professional", 2),
        "survivor_survey_google_forms.csv": ("googleforms", "survivor", 1)}
    assert {s.cohort_reason for s in proposal.sources} == {"from the file name"}
    dropped = {s.path: s.identifying for s in proposal.sources}
    assert dropped["professionals_surveymonkey.csv"] == (
        "IP Address", "Email Address", "First Name", "Last Name", "Custom Data 1")
    assert dropped["survivor_survey_google_forms.csv"] == ("Email address", "Name")
    assert dropped["professionals_wave2_no_metadata.csv"] == ()


def test_init_cohort_from_the_questions_when_the_name_says_nothing(three: Path) -> None:
    (three / "survivor_survey_google_forms.csv").rename(three / "export_2025_03.csv")
    (three / "professionals_surveymonkey.csv").rename(three / "responses.csv")
    proposal = propose_project(three, infer=False)
    got = {s.path: (s.cohort, s.cohort_reason) for s in proposal.sources}
    assert got["export_2025_03.csv"] == ("survivor", "from the questions asked")
    assert got["responses.csv"] == ("professional", "from the questions asked")


def test_init_writes_a_project_that_loads_with_relative_paths(three: Path) -> None:
    result = runner.invoke(app, ["init", str(three), "--yes"])
    assert result.exit_code == 0, result.output
    text = (three / "project.yaml").read_text(encoding="utf-8")
    assert str(three) not in text and "# " in text  # relative paths, commented
    raw = yaml.safe_load(text)
    assert [s["path"] for s in raw["sources"]] == [
        "professionals_surveymonkey.csv", "professionals_wave2_no_metadata.csv",
        "survivor_survey_google_forms.csv"]
    config = load_project(three)
    assert [s.path for s in config.sources] == [three.resolve() / s["path"]
                                                for s in raw["sources"]]
    assert [(s.cohort, s.wave) for s in config.sources] == [
        ("professional", 1), ("professional", 2), ("survivor", 1)]
    assert "IP Address, Email Address, First Name" in text  # the dropped columns, listed
    instrument = read_instrument(three / "instrument.yaml")
    by_text = {q.text: q for q in instrument.questions}
    assert by_text["Which sector do you work in?"].cohorts == ("professional",)
    # Google Forms' one-column "tick all that apply" (answers joined by ", ") is one multiple
    # choice question with the form's options, not one option per combination
    services = by_text[SERVICES]
    assert services.kind == "multiple"
    assert {"GP", "Police", "Samaritans", "Victim Support"} <= {o.label for o in services.options}
    assert not any(", " in o.label for o in services.options)
    assert by_text["Which age group are you in?"].sensitive
    assert not by_text["Do you agree to take part in this survey?"].cohorts  # asked of both


def test_init_prints_the_next_commands(three: Path) -> None:
    result = runner.invoke(app, ["init", str(three), "--yes"])
    assert result.exit_code == 0
    for command in ("voices run", "voices serve", "voices report"):
        assert f"{command} {three}" in result.output


def test_init_starter_codebook_is_valid_and_suggests_topics(three: Path) -> None:
    from codebook.io import read_codebook

    assert runner.invoke(app, ["init", str(three), "--yes"]).exit_code == 0
    text = (three / "codebook.yaml").read_text(encoding="utf-8")
    assert "voices topics" in text and "SYNTHETIC" in text
    codebook = read_codebook(three / "codebook.yaml")
    assert codebook.validate() == [] and len(codebook.codes) >= 5
    assert all("(synthetic)" in ex for c in codebook.codes for ex in c.examples)


@pytest.mark.parametrize("existing", ["project.yaml", "instrument.yaml", "codebook.yaml"])
def test_init_never_overwrites_and_names_the_file(three: Path, existing: str) -> None:
    (three / existing).write_text("# mine\n", encoding="utf-8")
    result = runner.invoke(app, ["init", str(three), "--yes"])
    assert result.exit_code == 1
    assert existing in result.output and "already exists" in result.output
    assert (three / existing).read_text(encoding="utf-8") == "# mine\n"
    assert sorted(p.name for p in three.glob("*.yaml")) == [existing]


def test_init_unreadable_file_is_one_line_and_the_rest_is_written(three: Path) -> None:
    (three / "notes.xlsx").write_bytes(b"not a workbook")
    (three / "README.md").write_text("about these files\n", encoding="utf-8")
    result = runner.invoke(app, ["init", str(three), "--yes"])
    assert result.exit_code == 0, result.output
    refused = [line for line in result.output.splitlines() if line.startswith("refused:")]
    assert len(refused) == 1 and refused[0].startswith("refused: notes.xlsx")
    config = load_project(three)
    assert len(config.sources) == 3
    assert "notes.xlsx" in (three / "project.yaml").read_text(encoding="utf-8")  # as a comment
    assert "README.md" in result.output  # skipped, said so


def test_init_nothing_readable_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("x,y\n1,2\n", encoding="utf-8")
    result = runner.invoke(app, ["init", str(tmp_path), "--yes"])
    assert result.exit_code == 1
    assert "no export or transcript could be read" in result.output
    assert not list(tmp_path.glob("*.yaml"))


def test_init_interactive_asks_one_question_at_a_time(three: Path) -> None:
    answers = ["My JSNA",                 # project name
               "y", "", "",               # professionals wave 1: keep the defaults
               "n",                       # leave the file without metadata out
               "y", "service users", "3"]  # Google Forms: another cohort and wave
    result = runner.invoke(app, ["init", str(three)], input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "Project name [mine]:" in result.output
    assert "cohort of professionals_surveymonkey.csv [professional]:" in result.output
    config = load_project(three)
    assert config.name == "My JSNA"
    assert [(s.path.name, s.cohort, s.wave) for s in config.sources] == [
        ("professionals_surveymonkey.csv", "professional", 1),
        ("survivor_survey_google_forms.csv", "service users", 3)]


def test_init_transcript_folder_is_one_interview_source(tmp_path: Path) -> None:
    fixtures = Path(__file__).resolve().parent / "fixtures" / "readers"
    (tmp_path / "survivor interviews").mkdir()
    for name in ("interview.txt", "interview.vtt"):
        shutil.copy(fixtures / name, tmp_path / "survivor interviews" / name)
    result = runner.invoke(app, ["init", str(tmp_path), "--yes"])
    assert result.exit_code == 0, result.output
    config = load_project(tmp_path)
    assert [(s.kind, s.cohort) for s in config.sources] == [("interview", "survivor")]
    assert config.instrument is None and not (tmp_path / "instrument.yaml").exists()


def test_init_leaves_an_identifier_out_of_the_options(tmp_path: Path) -> None:
    rows = [["Timestamp", "Who first helped you?", "What helped most?"]]
    rows += [[f"0{d}/03/2025 10:00:00", "Dr Margaret Oduya" if d < 7 else "Helpline",
              "Synthetic: being listened to."] for d in range(1, 10)]
    rows += [["10/03/2025 10:00:00", "Helpline", "Synthetic: a call back."]] * 3
    with open(tmp_path / "forms.csv", "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    assert runner.invoke(app, ["init", str(tmp_path), "--yes"]).exit_code == 0
    text = (tmp_path / "instrument.yaml").read_text(encoding="utf-8")
    assert "Oduya" not in text and "Helpline" in text


@pytest.mark.parametrize(("name", "cohort"), [
    ("professionals_surveymonkey.csv", "professional"),
    ("Staff survey 2024.xlsx", "professional"),
    ("survivor-responses.csv", "survivor"),
    ("Service users wave 2.csv", "survivor"),
    ("export_2024_10_01.csv", None),
    ("professionalism_review.csv", None),  # a word inside another word is no cohort
])
def test_cohort_from_name(name: str, cohort: str | None) -> None:
    assert cohort_from_name(name) == cohort


@pytest.mark.parametrize(("name", "wave"), [
    ("survey_wave2.csv", 2), ("Wave 3 export.xlsx", 3), ("round_1.csv", 1), ("x_W2.csv", 2),
    ("follow-up survey.csv", 2), ("survey 2024.csv", None), ("software_v2.csv", None),
    ("two_waves.csv", None)])
def test_wave_from_name(name: str, wave: int | None) -> None:
    assert wave_from_name(name) == wave


def test_cohort_from_questions_needs_clear_evidence() -> None:
    prof = ["Which sector do you work in?", "What training would help you respond to "
            "disclosures?", "What problems have you had with referral pathways?"]
    surv = ["Overall, how satisfied are you with the support you received?",
            "What helped you most when you looked for support?", "Did you report it?"]
    assert cohort_from_questions(prof) == "professional"
    assert cohort_from_questions(surv) == "survivor"
    assert cohort_from_questions(prof[:1] + surv[:1]) is None
    assert cohort_from_questions([]) is None
