"""Fixtures for the workspace tests: settings for a fresh synthetic project, the app, and
logged-in test clients (in-process ASGI; no socket)."""

from __future__ import annotations

from pathlib import Path

import pytest
from ws_helpers import CODEBOOK, PASSWORD, build_store, csrf_of, login  # noqa: F401

from workspace import auth
from workspace.service import Settings


@pytest.fixture()
def settings(tmp_path: Path) -> Settings:
    """Settings for a fresh synthetic project (fast login throttle for tests)."""
    cb = tmp_path / "codebook.yaml"
    cb.write_text(CODEBOOK, encoding="utf-8")
    build_store(tmp_path / "project.sqlite")
    return Settings(store_path=tmp_path / "project.sqlite", codebook_path=cb,
                    project_name="Test project",
                    throttle=auth.Throttle(slow_after=2, delay_s=0.05, max_delay_s=0.2,
                                           lock_after=5, lock_minutes=10))


@pytest.fixture()
def app(settings: Settings):  # noqa: ANN201
    from workspace.app import create_app

    return create_app(settings)


@pytest.fixture()
def client_for(app):  # noqa: ANN001, ANN201
    """``client_for("coder1")``: a logged-in TestClient with its CSRF token as a header."""
    from starlette.testclient import TestClient

    made = []

    def make(username: str):  # noqa: ANN202
        c = TestClient(app, base_url="http://127.0.0.1")
        made.append(c)
        assert login(c, username).status_code == 303
        c.headers["X-CSRF-Token"] = csrf_of(c)
        return c
    yield make
    for c in made:
        c.close()
