"""Issue 16, failure 10: CI never passes by skipping. Tests needing Chromium, LibreOffice or the
shared data carry a marker; under CI=true a skip of such a test fails the run (conftest hook);
``make test`` lists skip reasons (-rs); ``.ci/run`` installs the programs with apt when missing."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGES = ["chromium", "chromium-driver", "libreoffice-writer-nogui", "libreoffice-calc-nogui",
            "poppler-utils"]

INNER_TESTS = '''
import pytest

@pytest.mark.browser
def test_needs_browser():
    pytest.skip("synthetic: no browser here")

@pytest.mark.shared_data
@pytest.mark.skipif(True, reason="synthetic: no shared data here")
def test_needs_shared_data():
    pass

@pytest.mark.libreoffice
def test_needs_soffice_but_runs():
    assert True

def test_unmarked_skip_stays_a_skip():
    pytest.skip("synthetic: optional")

@pytest.mark.browser
@pytest.mark.xfail(reason="synthetic: expected failure", strict=True)
def test_marked_xfail_is_untouched():
    assert False
'''


def _inner_run(tmp_path: Path, ci: str | None) -> subprocess.CompletedProcess:
    (tmp_path / "tests").mkdir(exist_ok=True)
    shutil.copy(REPO / "tests" / "conftest.py", tmp_path / "tests" / "conftest.py")
    (tmp_path / "tests" / "test_inner.py").write_text(INNER_TESTS, encoding="utf-8")
    (tmp_path / "pytest.ini").write_text(
        "[pytest]\nmarkers =\n    browser: b\n    libreoffice: l\n    shared_data: s\n",
        encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    if ci is not None:
        env["CI"] = ci
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider",
                           "-p", "no:randomly", "-c", str(tmp_path / "pytest.ini"),
                           "--rootdir", str(tmp_path), str(tmp_path / "tests")],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)


def test_marked_skips_fail_under_ci(tmp_path: Path) -> None:
    run = _inner_run(tmp_path, "true")
    assert run.returncode == 1, run.stdout
    assert run.stdout.count("may not skip") >= 2
    # a skip in the test body fails it; a skip while setting up (skipif, a fixture) errors it
    assert "1 failed, 1 passed, 1 skipped, 1 xfailed, 1 error" in run.stdout, run.stdout


def test_marked_skips_stay_skips_outside_ci(tmp_path: Path) -> None:
    run = _inner_run(tmp_path, None)
    assert run.returncode == 0, run.stdout
    assert "1 passed, 3 skipped, 1 xfailed" in run.stdout
    assert "synthetic: no browser here" in run.stdout  # -rs shows each reason


def test_markers_are_registered(pytestconfig: pytest.Config) -> None:
    names = {m.split(":")[0].strip() for m in pytestconfig.getini("markers")}
    assert {"browser", "libreoffice", "shared_data"} <= names


@pytest.mark.parametrize(("module", "name", "marker"), [
    ("tests/e2e/test_report_consistency.py", "test_html_renders_in_headless_chromium_with_charts",
     "browser"),
    ("tests/analysis/test_suggest_ensemble.py", "test_ensemble_floor_on_public_feedback_subsample",
     "shared_data"),
])
def test_browser_and_shared_data_tests_carry_their_markers(module: str, name: str,
                                                          marker: str) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location(f"_marked_{marker}", REPO / module)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert marker in {m.name for m in getattr(getattr(mod, name), "pytestmark", [])}


def test_make_test_lists_skip_reasons() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^test:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    assert recipe and re.search(r"pytest .*-rs", recipe.group(1))


def _stub_bin(tmp_path: Path, installed: list[str]) -> tuple[Path, Path]:
    """Stand-ins for dpkg-query, apt-get, sudo and make that log what they were asked."""
    bin_dir, log = tmp_path / "bin", tmp_path / "calls.log"
    bin_dir.mkdir()
    stubs = {
        "dpkg-query": "pkg=\"${@: -1}\"\ncase \" $INSTALLED \" in *\" $pkg \"*) "
                      "printf installed;; *) exit 1;; esac\n",
        "apt-get": f"echo \"apt-get $*\" >> {log}\n",
        "sudo": "exec \"$@\"\n",
        "make": f"echo \"make $* CI=$CI\" >> {log}\n",
    }
    for name, body in stubs.items():
        path = bin_dir / name
        path.write_text("#!/usr/bin/env bash\n" + body, encoding="utf-8")
        path.chmod(0o755)
    return bin_dir, log


def _ci_run(tmp_path: Path, installed: list[str]) -> list[str]:
    bin_dir, log = _stub_bin(tmp_path, installed)
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env.update(PATH=f"{bin_dir}:/usr/bin:/bin", INSTALLED=" ".join(installed))
    subprocess.run(["bash", str(REPO / ".ci" / "run")], env=env, check=True, timeout=60,
                   capture_output=True)
    return log.read_text(encoding="utf-8").splitlines()


def test_ci_run_installs_missing_programs_with_apt_then_runs_make_test(tmp_path: Path) -> None:
    calls = _ci_run(tmp_path, installed=["chromium"])
    assert calls[0].startswith("apt-get") and "update" in calls[0]
    install = calls[1].split()
    assert install[:2] == ["apt-get", "install"] and "-y" in install
    assert [p for p in install if not p.startswith("-")][2:] == PACKAGES[1:]
    assert calls[2:] == ["make test CI=true", "make wheel-demo CI=true"]


def test_ci_run_skips_apt_when_everything_is_installed(tmp_path: Path) -> None:
    assert _ci_run(tmp_path, installed=PACKAGES) == ["make test CI=true",
                                                      "make wheel-demo CI=true"]
