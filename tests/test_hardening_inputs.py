"""Issue 16, failure 3: inputs are never written.

``--out`` may not be, contain or sit inside a source or a folder of sources; the key file and
the review workbook may only replace the toolkit's own files; every write goes through the one
guarded writer (survey.atomic), which refuses a protected destination. SYNTHETIC data only.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from voices.cli import app
from analysis.project import check_out_dir, input_policy
from survey.anonymise.keyfile import check_key_destination, read_key, write_key
from survey.atomic import (ProtectedPathError, WritePolicy, atomic_open, atomic_path,
                           write_policy)
from survey.config import load_project
from survey.errors import ToolkitError

runner = CliRunner()
CSV = ("Respondent ID,Which service did you contact?,What would have helped you sooner?\n"
       "h1,Helpline,A call back within the week (synthetic).\n"
       "h2,Drop-in,Clearer opening hours on the door (synthetic).\n"
       "h3,Helpline,Being believed the first time (synthetic).\n")
TRANSCRIPT = "Interviewer: What helped?\nParticipant: A worker who stayed the same (synthetic).\n"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture()
def project(tmp_path: Path, demo_dir: Path) -> Path:
    """A fresh project: exports/quotes.csv (named like a report output), a transcript folder."""
    root = tmp_path / "proj"
    (root / "exports").mkdir(parents=True)
    (root / "interviews").mkdir()
    (root / "exports" / "quotes.csv").write_text(CSV, encoding="utf-8")
    (root / "interviews" / "talk_01.txt").write_text(TRANSCRIPT, encoding="utf-8")
    shutil.copy(demo_dir / "codebook.yaml", root / "codebook.yaml")
    (root / "project.yaml").write_text(
        "name: Guard test (synthetic)\ncodebook: codebook.yaml\nsources:\n"
        "  - {path: exports/quotes.csv, cohort: survivor, platform: generic}\n"
        "  - {path: interviews/, cohort: survivor, kind: interview}\n", encoding="utf-8")
    return root


def _inputs(root: Path) -> dict[Path, str]:
    return {p: _sha(p) for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("out", ["exports", "exports/quotes.csv", "exports/reports",
                                 "interviews", "interviews/out", "."])
def test_cli_run_refuses_out_among_inputs_and_leaves_them_unchanged(project: Path,
                                                                     out: str) -> None:
    before = _inputs(project)
    result = runner.invoke(app, ["run", str(project), "--out", str(project / out)])
    assert result.exit_code == 1, result.output
    assert "inputs" in result.output and "output folder" in result.output
    assert _inputs(project) == before
    assert not (project / "exports" / "project.sqlite").exists()


@pytest.mark.parametrize("out", ["outputs/guard", "../elsewhere", "private/out"])
def test_check_out_dir_allows_folders_outside_the_sources(project: Path, out: str) -> None:
    config = load_project(project)
    assert check_out_dir(config, project / out) == (project / out).resolve()


def test_check_out_dir_refuses_a_folder_holding_a_source_deeper_down(project: Path,
                                                                     tmp_path: Path) -> None:
    with pytest.raises(ToolkitError, match="contains the source"):
        check_out_dir(load_project(project), tmp_path)


def test_guarded_writer_refuses_every_input_of_the_project(project: Path) -> None:
    policy = input_policy(load_project(project))
    before = _inputs(project)
    targets = [project / "exports" / "quotes.csv", project / "project.yaml",
               project / "codebook.yaml", project / "interviews" / "new.txt",
               project / "exports" / "figures" / "chart.svg"]
    with write_policy(policy):
        for target in targets:
            with pytest.raises(ProtectedPathError), atomic_open(target) as fh:
                fh.write("overwritten (synthetic)")
        with atomic_open(project / "outputs" / "fine.csv") as fh:  # outside the inputs: allowed
            fh.write("ok\n")
    assert _inputs(project) == before | {project / "outputs" / "fine.csv":
                                         _sha(project / "outputs" / "fine.csv")}
    assert not list(project.rglob("*.tmp"))


def test_guarded_writer_refuses_a_symlink_to_an_input(project: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.csv"
    link.symlink_to(project / "exports" / "quotes.csv")
    with write_policy(input_policy(load_project(project))), \
            pytest.raises(ProtectedPathError), atomic_path(link) as tmp:
        tmp.write_text("x")
    assert (project / "exports" / "quotes.csv").read_text(encoding="utf-8") == CSV


def test_guarded_writer_without_a_policy_writes_owner_only(tmp_path: Path) -> None:
    with atomic_open(tmp_path / "new" / "a.txt") as fh:
        fh.write("synthetic")
    assert (tmp_path / "new" / "a.txt").stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "new").stat().st_mode & 0o777 == 0o700


def test_anonymise_text_refuses_to_write_over_its_input(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "1", "text": "A synthetic line."}\n', encoding="utf-8")
    before = _sha(src)
    result = runner.invoke(app, ["anonymise-text", str(src), str(src)])
    assert result.exit_code == 1
    assert _sha(src) == before


@pytest.mark.parametrize("content,said", [
    (b"", "no lines to anonymise"),
    (b'{"id": 1, "text": "caf\xe9 at the synthetic corner"}\n', "row 1: not UTF-8 text"),
    (('{"id": 1, "text": "' + "synthetic " * 6000 + '"}\n').encode(),
     "row 1, column 'text': 60,000 characters"),
    (b'{"id": 1, "text": "fine synthetic"}\n{"id": 2, "text": "synthetic" "x"}\n',
     "row 2: not a valid JSON object (expecting ',' delimiter at character 31)"),
    (b'{"id": 1, "text": "a synthetic\tanswer"}\n',
     "row 1: not a valid JSON object (invalid control character at character 31)"),
    (b'{"id": 1, "txt": "synthetic answer"}\n', "row 1, column 'text': missing"),
    (b'{"text": "synthetic answer"}\n', "row 1, column 'id': missing"),
    (b'["synthetic", "answer"]\n', "row 1: expected an object with 'id' and 'text', not a "
                                   "JSON list"),
], ids=["empty", "latin-1", "too long", "bad json", "control character", "no text", "no id",
        "a list"])
def test_anonymise_text_bad_files_say_where_and_write_nothing(tmp_path: Path, content: bytes,
                                                              said: str) -> None:
    """An empty file, a byte that is not UTF-8 and a text too long for one answer: one line
    naming the file and row, exit 1, no output file, no original text in the message."""
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_bytes(content)
    result = runner.invoke(app, ["anonymise-text", str(src), str(out)])
    assert result.exit_code == 1, result.output
    assert f"in.jsonl, {said}" in result.output or f"in.jsonl: {said}" in result.output
    assert "synthetic" not in result.output and not out.exists()
    assert not list(tmp_path.glob(".*tmp*"))


def test_anonymise_text_folder_input_and_missing_output_folder_are_named(tmp_path: Path) -> None:
    """A folder given as the input, a folder given as the output and an output whose folder
    does not exist: each one line saying so, exit 1, nothing created."""
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "1", "text": "A synthetic line."}\n', encoding="utf-8")
    result = runner.invoke(app, ["anonymise-text", str(tmp_path), str(tmp_path / "o.jsonl")])
    assert result.exit_code == 1 and "a folder, not a JSON-lines file" in result.output
    result = runner.invoke(app, ["anonymise-text", str(src), str(tmp_path)])
    assert result.exit_code == 1 and "the output is a folder" in result.output
    result = runner.invoke(app, ["anonymise-text", str(src), str(tmp_path / "nodir" / "o.jsonl")])
    assert result.exit_code == 1 and "folder does not exist" in result.output
    assert not (tmp_path / "nodir").exists() and not (tmp_path / "o.jsonl").exists()


def test_anonymise_text_project_with_only_anonymise_settings(tmp_path: Path) -> None:
    """--project takes a folder or its YAML, and a file holding only 'anonymise:' will do."""
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text('{"id": "1", "text": "i moved to snedlow green last year"}\n',
                   encoding="utf-8")
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "project.yaml").write_text("anonymise:\n  places: [Snedlow Green]\n",
                                                 encoding="utf-8")
    for project in (tmp_path / "p", tmp_path / "p" / "project.yaml"):
        result = runner.invoke(app, ["anonymise-text", str(src), str(out), "--project",
                                     str(project)])
        assert result.exit_code == 0, result.output
        assert "snedlow" not in out.read_text(encoding="utf-8").lower()


def _with_anonymise(project: Path, line: str) -> None:
    cfg = project / "project.yaml"
    cfg.write_text(cfg.read_text(encoding="utf-8") + f"anonymise:\n  {line}\n", encoding="utf-8")


def test_key_file_pointing_at_an_existing_export_is_refused(project: Path,
                                                            tmp_path: Path) -> None:
    other = tmp_path / "other_export.csv"  # an export, not a source of this project
    other.write_text(CSV, encoding="utf-8")
    _with_anonymise(project, f"key_file: {other}")
    result = runner.invoke(app, ["ingest", str(project), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "anonymise.key_file" in result.output and "not a Survivor Voices key file" in \
        result.output
    assert other.read_text(encoding="utf-8") == CSV


def test_key_file_pointing_at_a_source_is_refused(project: Path, tmp_path: Path) -> None:
    _with_anonymise(project, "key_file: exports/quotes.csv")
    before = _inputs(project)
    result = runner.invoke(app, ["ingest", str(project), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1 and "anonymise.key_file" in result.output
    assert _inputs(project) == before


@pytest.mark.parametrize("passphrase", [None, "synthetic passphrase"])
def test_key_file_may_replace_a_key_file_written_earlier(tmp_path: Path,
                                                         passphrase: str | None) -> None:
    key = tmp_path / "keys" / "key.csv"
    rows = [{"respondent_id": "r1", "placeholder": "[PERSON 1]", "original": "Synthetic Name"}]
    write_key(key, rows, passphrase=passphrase)
    assert check_key_destination(key) == key
    write_key(key, rows * 2, passphrase=passphrase)
    assert len(read_key(key, passphrase=passphrase)) == 2


def test_key_file_destination_that_is_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ToolkitError, match="folder"):
        write_key(tmp_path, [])


def test_review_dir_that_is_an_existing_file_is_refused(project: Path, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes (synthetic)", encoding="utf-8")
    _with_anonymise(project, f"review_dir: {notes}")
    result = runner.invoke(app, ["anonymise", str(project), "--review", "--out",
                                 str(tmp_path / "out")])
    assert result.exit_code == 1 and "anonymise.review_dir" in result.output
    assert notes.read_text(encoding="utf-8") == "my notes (synthetic)"


def test_review_dir_holding_a_foreign_review_xlsx_is_refused(project: Path,
                                                             tmp_path: Path) -> None:
    from openpyxl import Workbook

    folder = tmp_path / "private"
    folder.mkdir()
    wb = Workbook()
    wb.active.append(["someone's own workbook (synthetic)"])
    wb.save(folder / "review.xlsx")
    before = _sha(folder / "review.xlsx")
    _with_anonymise(project, f"review_dir: {folder}")
    result = runner.invoke(app, ["anonymise", str(project), "--review", "--out",
                                 str(tmp_path / "out")])
    assert result.exit_code == 1 and "not a Survivor Voices review workbook" in result.output
    assert _sha(folder / "review.xlsx") == before


def test_review_dir_inside_a_folder_of_sources_is_refused(project: Path, tmp_path: Path) -> None:
    _with_anonymise(project, "review_dir: interviews/private")
    result = runner.invoke(app, ["anonymise", str(project), "--review", "--out",
                                 str(tmp_path / "out")])
    assert result.exit_code == 1 and "anonymise.review_dir" in result.output
    assert not (project / "interviews" / "private").exists()


def test_policy_protecting_resolves_relative_paths(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.csv").write_text("a\n", encoding="utf-8")
    policy = WritePolicy.protecting([Path("in.csv")])
    with pytest.raises(ProtectedPathError):
        policy.check(tmp_path / "in.csv")
    assert policy.check("out.csv") == tmp_path / "out.csv"
