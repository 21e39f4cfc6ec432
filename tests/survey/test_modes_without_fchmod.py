"""Private files and the run lock on a system without ``os.fchmod``/``os.getuid`` (Windows before
Python 3.13): the mode is set by path instead, and nothing fails."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from survey.atomic import create_private_file
from survey.runlock import read_lock, run_lock


@pytest.fixture
def no_fchmod(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(os, "fchmod")
    monkeypatch.delattr(os, "getuid")


def test_create_private_file_without_fchmod(tmp_path: Path, no_fchmod: None) -> None:
    path = tmp_path / "store.sqlite"
    assert create_private_file(path) is True
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    path.chmod(0o644)
    assert create_private_file(path) is False  # an existing file gets the mode again
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_run_lock_without_fchmod(tmp_path: Path, no_fchmod: None) -> None:
    with run_lock(tmp_path, command="voices run") as lock:
        assert read_lock(lock)["command"] == "voices run"
        assert stat.S_IMODE(lock.stat().st_mode) == 0o600
    assert not lock.exists()
