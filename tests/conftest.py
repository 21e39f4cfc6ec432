"""Shared fixtures. Network sockets are blocked for the whole suite (pytest-socket, see
pyproject's addopts): the toolkit makes no network connection.

Tests that need a real program or the shared data sets carry a marker (``browser``,
``libreoffice``, ``shared_data``) and take the matching fixture (``chromium_path``,
``soffice_path``, ``shared_dir``), which skips when the thing is missing. Under ``CI=true`` such
a skip is turned into a failure (:func:`pytest_runtest_makereport`), so CI never passes by
silently not running them.
"""

from __future__ import annotations

import gc
import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("MPLBACKEND", "Agg")

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "data" / "demo"
SHARED = (REPO / ".." / "shared").resolve()
ENFORCED_MARKERS = ("browser", "libreoffice", "shared_data")
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run")


def in_ci() -> bool:
    """Whether the suite runs in CI (``CI=true``, as CI services and ``.ci/run`` set it)."""
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):  # noqa: ANN201
    """Under CI, a skipped test that carries an enforced marker fails instead."""
    outcome = yield
    report = outcome.get_result()
    if not (report.skipped and in_ci()) or hasattr(report, "wasxfail"):
        return
    marks = [m for m in ENFORCED_MARKERS if item.get_closest_marker(m) is not None]
    if marks:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        reason = reason.removeprefix("Skipped: ")
        report.outcome = "failed"
        report.longrepr = (f"CI=true: a test marked {', '.join(marks)} may not skip "
                           f"(skip reason: {reason})")


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository root."""
    return REPO


@pytest.fixture(scope="session")
def demo_dir() -> Path:
    """The shipped synthetic demo project."""
    return DEMO


@pytest.fixture(scope="session")
def demo_output(demo_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One whole ``voices run`` of the demo, shared by the session (a run takes minutes). Read
    it only: a test that changes an output folder copies this one first."""
    from typer.testing import CliRunner

    from voices.cli import app

    out = tmp_path_factory.mktemp("demo_output")
    result = CliRunner().invoke(app, ["run", str(demo_dir), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert str(out) in result.output
    return out


def _which(*names: str) -> str | None:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Headless Chromium's executable (Debian ``chromium``); skips when it is missing. Use it
    with :data:`CHROMIUM_FLAGS` and a ``--user-data-dir`` in ``tmp_path``."""
    found = _which("chromium", "/usr/bin/chromium", "chromium-browser")
    if found is None:
        pytest.skip("headless Chromium is not installed (apt-get install chromium)")
    return found


@pytest.fixture(scope="session")
def soffice_path() -> str:
    """LibreOffice's ``soffice``; skips when it is missing. Run it with
    ``-env:UserInstallation=file://<tmp_path>/lo`` so parallel runs do not share a profile."""
    found = _which("soffice", "libreoffice", "/usr/bin/soffice")
    if found is None:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-writer-nogui "
                    "libreoffice-calc-nogui)")
    return found


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The shared development folder (``../shared``: public data sets); skips when absent."""
    if not (SHARED / "data").is_dir():
        pytest.skip(f"the shared data folder {SHARED / 'data'} is not present")
    return SHARED


@pytest.fixture(autouse=True)
def _hypothesis_without_full_heap_scans(request: pytest.FixtureRequest):
    """A property test makes many small objects; with the session's models and demo outputs in
    memory each garbage collection then scans that whole heap (a 200-example test took 111 s
    in the full suite, 5 s alone). Objects alive before the test are frozen out of collection
    while it runs (``gc.freeze``) and handed back after (``gc.unfreeze``): nothing leaks."""
    fn = getattr(request.node, "function", None)
    if not getattr(fn, "is_hypothesis_test", False):
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
