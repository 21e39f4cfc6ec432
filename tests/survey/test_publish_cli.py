"""`voices survey new|check|export` through a Typer app with the survey group registered
(SYNTHETIC projects in tmp_path)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import typer
import yaml
from typer.testing import CliRunner

from voices.commands.survey import register
from survey.instrument import read_instrument


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def _main() -> None:
        """Test app."""

    register(app)
    return app


@pytest.fixture()
def project(demo_dir: Path, tmp_path: Path) -> Path:
    shutil.copy(demo_dir / "instrument.yaml", tmp_path / "instrument.yaml")
    (tmp_path / "project.yaml").write_text(
        "name: SYNTHETIC\ninstrument: instrument.yaml\n"
        "sources:\n  - {path: exports/x.csv, cohort: survivor}\n", encoding="utf-8")
    return tmp_path


def test_survey_check_demo_exits_zero(app: typer.Typer, demo_dir: Path) -> None:
    r = CliRunner().invoke(app, ["survey", "check", str(demo_dir)])
    assert r.exit_code == 0, r.output
    assert "passes" in r.output


def test_survey_check_bad_instrument_one_line_per_problem(app: typer.Typer,
                                                          project: Path) -> None:
    raw = yaml.safe_load((project / "instrument.yaml").read_text(encoding="utf-8"))
    del raw["signposting"]
    raw["questions"][1]["required"] = True  # age_band
    (project / "bad.yaml").write_text(yaml.safe_dump(raw), encoding="utf-8")
    r = CliRunner().invoke(app, ["survey", "check", str(project), "--instrument",
                                 str(project / "bad.yaml")])
    assert r.exit_code == 1
    assert r.output.splitlines() == [
        "(instrument): signposting: no `signposting:` of support services (shown at the start "
        "and the end)",
        "age_band: required: only the consent question may be required"]


def test_survey_new_from_wave_1_writes_wave_2(app: typer.Typer, project: Path) -> None:
    r = CliRunner().invoke(app, ["survey", "new", str(project), "--from-wave", "1"])
    assert r.exit_code == 0, r.output
    w2 = read_instrument(project / "instrument_wave2.yaml")
    w1 = read_instrument(project / "instrument.yaml")
    assert (w2.wave, w2.previous, w2.version) == (2, "instrument.yaml", w1.version + 1)
    assert [q.id for q in w2.questions] == [q.id for q in w1.questions]
    again = CliRunner().invoke(app, ["survey", "new", str(project), "--from-wave", "1"])
    assert again.exit_code == 1 and "--force" in again.output
    r = CliRunner().invoke(app, ["survey", "check", str(project), "--instrument",
                                 str(project / "instrument_wave2.yaml")])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(app, ["survey", "new", str(project), "--from-wave", "3"])
    assert r.exit_code == 1 and "no instrument for wave 3" in r.output


@pytest.mark.parametrize("fmt, name", [("xlsform", "f.xlsx"), ("sheet", "s.xlsx"),
                                       ("html", "q.html"), ("docx", "q.docx")])
def test_survey_export_writes_each_format(app: typer.Typer, project: Path, fmt: str,
                                          name: str) -> None:
    out = project / name
    r = CliRunner().invoke(app, ["survey", "export", str(project), "--format", fmt, "--out",
                                 str(out), "--cohort", "professional"])
    assert r.exit_code == 0, r.output
    assert out.stat().st_size > 0


def test_survey_export_unknown_format_is_one_line_error(app: typer.Typer,
                                                        project: Path) -> None:
    r = CliRunner().invoke(app, ["survey", "export", str(project), "--format", "pdf", "--out",
                                 str(project / "x.pdf")])
    assert r.exit_code == 1 and r.output.count("\n") == 1 and "unknown format" in r.output
