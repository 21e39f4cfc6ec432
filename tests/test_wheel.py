"""The built wheel carries everything the code loads, and runs from outside the source tree.

The wheel is built from a copy of the tree (``tools/wheel_demo.py``) and installed with
``pip install --no-deps --target``; its dependencies come from this environment. CI also runs
the whole demo from it (``make wheel-demo``); here the demo's ingest stage runs from it.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGES = ("survey", "analysis", "codebook", "workspace", "voices")


def _tools():  # noqa: ANN202
    spec = importlib.util.spec_from_file_location("wheel_demo", REPO / "tools" / "wheel_demo.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


wheel_demo = _tools()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """``(wheel, install folder)``."""
    work = tmp_path_factory.mktemp("wheel")
    wheel = wheel_demo.build_wheel(work)
    return wheel, wheel_demo.install_target(wheel, work / "site")


def _data_files() -> list[str]:
    """Every non-Python file inside the packages that the code may load (README files and
    caches aside), as paths inside the wheel."""
    out = []
    for package in PACKAGES:
        for path in (REPO / package).rglob("*"):
            if (path.is_file() and path.suffix not in (".py", ".pyc", ".md")
                    and "__pycache__" not in path.parts and not path.name.startswith(".")):
                out.append(path.relative_to(REPO).as_posix())
    return sorted(out)


def test_wheel_carries_every_data_file(built: tuple[Path, Path]) -> None:
    names = wheel_demo.wheel_names(built[0])
    expected = _data_files()
    kinds = {"workspace/templates/", "workspace/static/", "analysis/migrations/",
             "survey/anonymise/data/", "codebook/schemas/", "codebook/templates/starter.yaml"}
    assert all(any(e.startswith(k) for e in expected) for k in kinds)  # the list is real
    assert [e for e in expected if e not in names] == []


def test_wheel_carries_the_demo_project(built: tuple[Path, Path]) -> None:
    names = wheel_demo.wheel_names(built[0])
    demo = sorted(p.relative_to(REPO / "data").as_posix()
                  for p in (REPO / "data" / "demo").rglob("*") if p.is_file())
    assert len(demo) > 10
    assert [d for d in demo if f"analysis/data/{d}" not in names] == []


def test_wheel_version_is_pyproject_version(built: tuple[Path, Path], tmp_path: Path) -> None:
    version = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))[
        "project"]["version"]
    result = wheel_demo.run_installed(built[1], ["--version"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"voices {version}"


def test_wheel_imports_from_the_install_not_the_tree(built: tuple[Path, Path],
                                                      tmp_path: Path) -> None:
    env_code = ("import analysis, voices, codebook.templates as t; "
                "print(analysis.__file__); print(voices.__file__); print(t.__file__)")
    result = subprocess.run([sys.executable, "-c", env_code], cwd=tmp_path, text=True,
                            capture_output=True, env={"PYTHONPATH": str(built[1]),
                                                      "PATH": "/usr/bin:/bin"}, check=True)
    for line in result.stdout.splitlines():
        assert Path(line).is_relative_to(built[1]), line


@pytest.mark.slow
def test_wheel_ingests_the_demo_outside_the_tree(built: tuple[Path, Path],
                                                 tmp_path: Path) -> None:
    cwd = tmp_path / "elsewhere"
    cwd.mkdir()
    result = wheel_demo.run_installed(built[1], ["ingest", "--out", str(tmp_path / "out")],
                                      cwd=cwd)
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "out" / "project.sqlite").is_file()
    assert "exports/survivor_survey_smartsurvey.xlsx" in result.stdout
