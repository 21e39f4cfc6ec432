"""The CLI contract: help for every command; bad input gives one clear line and exit 1."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from voices.cli import app

runner = CliRunner()


def test_cli_every_command_has_help() -> None:
    for command in app.registered_commands:
        name = command.name or command.callback.__name__.replace("_", "-")
        assert command.callback.__doc__, name
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0, name


def test_cli_run_missing_project_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", str(tmp_path)])
    assert result.exit_code == 1
    assert "project.yaml" in result.output and "Traceback" not in result.output


def test_cli_run_missing_export_names_it(tmp_path: Path) -> None:
    (tmp_path / "project.yaml").write_text(
        "sources:\n  - {path: exports/nothing_here.csv, cohort: survivor}\n", encoding="utf-8")
    result = runner.invoke(app, ["run", str(tmp_path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "nothing_here.csv" in result.output and "Traceback" not in result.output


def test_cli_run_unreadable_export_names_file(tmp_path: Path, demo_dir: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(demo_dir, project)
    (project / "exports" / "survivor_survey_smartsurvey.xlsx").write_bytes(b"not a workbook")
    result = runner.invoke(app, ["run", str(project), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "survivor_survey_smartsurvey.xlsx" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out" / "report.xlsx").exists()


def test_cli_run_bad_codebook_fails_before_writing(tmp_path: Path, demo_dir: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(demo_dir, project)
    (project / "codebook.yaml").write_text("themes: [\n", encoding="utf-8")
    result = runner.invoke(app, ["run", str(project), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "codebook.yaml" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out" / "project.sqlite").exists()


def test_cli_anonymise_text_offsets_into_original(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    text = "Call Oluwaseun on 07700 900123 or email jo.bloggs@example.org please."
    src.write_text(json.dumps({"id": 7, "text": text}) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["anonymise-text", str(src), str(tmp_path / "out.jsonl")])
    assert result.exit_code == 0, result.output
    line = json.loads((tmp_path / "out.jsonl").read_text(encoding="utf-8"))
    assert line["id"] == 7
    for value in ("Oluwaseun", "07700 900123", "jo.bloggs@example.org"):
        at = text.index(value)
        assert any(s["start"] <= at and at + len(value) <= s["end"] for s in line["spans"]), value
        assert value not in line["text"]
    assert {s["label"] for s in line["spans"]} >= {"PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS"}


def test_cli_anonymise_text_looks_across_lines_as_a_run_does(tmp_path: Path) -> None:
    """A place of care named in full on one line is hidden where a later line names it bare
    (invented answers); with a batch of one line, so the look spans batches."""
    from analysis.textio import anonymise_jsonl

    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    lines = ["well done pond end, in and out in ten minutes",
             "I attended Pond End Surgery today for my booster.",
             "the lane at the end of our road is muddy"]
    src.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(lines)),
                   encoding="utf-8")
    assert anonymise_jsonl(src, out, batch_size=1) == 3
    got = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert "pond end" not in got[0]["text"] and got[0]["spans"][0]["label"] == "FACILITY"
    assert got[2]["text"] == lines[2]


def test_cli_anonymise_text_refuses_a_file_that_changes_between_passes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from analysis import textio

    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text(json.dumps({"id": 1, "text": "Pond End Surgery was kind."}) + "\n",
                   encoding="utf-8")
    real = textio._read
    calls = []

    def changing(path: Path):
        calls.append(path)
        for lineno, id_, text in real(path):
            yield lineno, id_, text if len(calls) == 1 else text + " Call Ann."

    monkeypatch.setattr(textio, "_read", changing)
    with pytest.raises(textio.InputFileError, match="changed while it was being read"):
        textio.anonymise_jsonl(src, out)
    assert not out.exists() and not list(tmp_path.glob(".out.jsonl*"))


def test_cli_anonymise_text_help_says_what_it_writes() -> None:
    """A newcomer learns from the help what the output holds and where a local place goes."""
    result = runner.invoke(app, ["anonymise-text", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    out = " ".join(result.output.split())
    for said in ("[PERSON 1]", "[AGE 13-15]", "offsets into the ORIGINAL text",
                 "anonymise.places", "Identity words"):
        assert said in out, said


def test_cli_anonymise_text_bad_line_names_row(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": 1, "text": "ok"}\n{"id": 2, "text": "Secret Name"\n', encoding="utf-8")
    result = runner.invoke(app, ["anonymise-text", str(src), str(tmp_path / "out.jsonl")])
    assert result.exit_code == 1
    assert "row 2" in result.output and "Secret Name" not in result.output
    assert not (tmp_path / "out.jsonl").exists()


@pytest.mark.parametrize("args", [["run", "--help"], ["--help"]])
def test_cli_help_exits_zero(args: list[str]) -> None:
    assert runner.invoke(app, args).exit_code == 0


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory, demo_dir: Path) -> tuple:
    """The demo copied and ``voices anonymise --review`` run on it once (the slow part of the
    review tests): ``(project, out, result)``. A test that changes them copies them first."""
    root = tmp_path_factory.mktemp("reviewed")
    project, out = root / "p", root / "out"
    shutil.copytree(demo_dir, project)
    result = runner.invoke(app, ["anonymise", str(project), "--review", "--out", str(out)])
    return project, out, result


def test_cli_anonymise_review_writes_private_workbook(reviewed: tuple) -> None:
    project, out, result = reviewed
    assert result.exit_code == 0, result.output
    book = project / "private_review" / "review.xlsx"
    assert book.is_file()
    assert book.stat().st_mode & 0o777 == 0o600
    assert book.parent.stat().st_mode & 0o777 == 0o700
    assert not list(out.rglob("review*.xlsx"))


def test_cli_key_file_under_outputs_refused(tmp_path: Path, demo_dir: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(demo_dir, project)
    cfg = project / "project.yaml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace(
        "anonymise:\n", f"anonymise:\n  key_file: {tmp_path / 'out' / 'key.csv'}\n"),
        encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(project), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "outside outputs" in result.output
    assert not (tmp_path / "out" / "key.csv").exists()


def test_cli_review_decision_applies_on_next_run(tmp_path: Path, reviewed: tuple) -> None:
    """A term the reviewer adds to the deny list is redacted on the next run and the log
    records the decision, without the term."""
    import csv

    from openpyxl import load_workbook

    project, out = tmp_path / "p", tmp_path / "out"
    shutil.copytree(reviewed[0], project)  # the first review run's project and outputs
    shutil.copytree(reviewed[1], out)
    assert reviewed[2].exit_code == 0, reviewed[2].output
    book = project / "private_review" / "review.xlsx"
    wb = load_workbook(book)
    ws = wb["lists"]
    header = [c.value for c in ws[1]]
    row = [None] * len(header)
    row[header.index("list")], row[header.index("term")] = "deny", "counselling"
    if "label" in header:
        row[header.index("label")] = "ORGANIZATION"
    ws.append(row)
    wb.save(book)
    result = runner.invoke(app, ["anonymise", str(project), "--review", "--out", str(out)])
    assert result.exit_code == 0, result.output
    with open(out / "anonymisation_log.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert any(r["decision"] == "redact (review)" for r in rows)
    assert "counselling" not in (out / "anonymisation_log.csv").read_text(encoding="utf-8")


def test_cli_inferred_instrument_keeps_no_identifier_as_option(tmp_path: Path) -> None:
    """With no instrument, options are inferred from the answers: a name given as an answer
    must not become an option label, and is anonymised in the stored rows (SYNTHETIC data)."""
    import csv
    import sqlite3

    (tmp_path / "exports").mkdir()
    values = ["SARC"] * 5 + ["Rape Crisis"] * 4 + ["Zofia Kowalczyk"]
    with open(tmp_path / "exports" / "s.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Timestamp", "Which service helped most?"])
        writer.writerows([f"2025-03-{i + 1:02d}", v] for i, v in enumerate(values))
    (tmp_path / "project.yaml").write_text(
        "name: inferred\nsources:\n  - {path: exports/s.csv, cohort: survivor, "
        "platform: generic}\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["ingest", str(tmp_path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    inferred = (out / "instrument.inferred.yaml").read_text(encoding="utf-8")
    assert "SARC" in inferred and "Zofia" not in inferred
    conn = sqlite3.connect(out / "project.sqlite")
    stored = [v for (v,) in conn.execute("SELECT which_service_helped_most FROM responses")]
    meta = " ".join(v for (v,) in conn.execute("SELECT value FROM meta"))
    conn.close()
    assert "Zofia Kowalczyk" not in stored and "Zofia" not in meta


def test_cli_unexpected_error_hides_its_message(monkeypatch: pytest.MonkeyPatch) -> None:
    from analysis import pipeline

    def boom(*_a: object, **_k: object) -> None:
        raise ValueError("could not convert string to float: 'Zofia Kowalczyk'")

    monkeypatch.setattr(pipeline, "run_stages", boom)
    result = runner.invoke(app, ["report"])
    assert result.exit_code == 2
    assert "ValueError" in result.output and "Zofia" not in result.output


def test_cli_says_when_it_runs_the_demo(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A newcomer who forgets the project folder is told the demo ran, not their survey."""
    from types import SimpleNamespace

    from analysis import pipeline

    monkeypatch.setattr(pipeline, "run_stages",
                        lambda *_a, **_k: SimpleNamespace(out_dir=tmp_path))
    said = runner.invoke(app, ["ingest"]).output
    assert said.splitlines()[0] == "no project folder given: running the shipped demo (data/demo)"
    mine = runner.invoke(app, ["ingest", str(tmp_path)]).output
    assert "shipped demo" not in mine
