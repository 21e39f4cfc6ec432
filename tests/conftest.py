"""Shared fixtures. Network sockets are blocked for the whole suite (pytest-socket, see
pyproject's addopts): the toolkit makes no network connection."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("MPLBACKEND", "Agg")

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "data" / "demo"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository root."""
    return REPO


@pytest.fixture(scope="session")
def demo_dir() -> Path:
    """The shipped synthetic demo project."""
    return DEMO
