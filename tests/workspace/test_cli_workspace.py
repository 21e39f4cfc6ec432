"""`voices users add/list/remove` (password from stdin, argon2 hash stored) and
`voices topics-for`, run through the CLI entry point and checked through the store."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner
from ws_helpers import build_store

from voices.cli import app
from analysis.store import Store
from workspace import auth


def test_users_add_list_remove(tmp_path: Path, demo_dir: Path) -> None:
    build_store(tmp_path / "project.sqlite")
    run = CliRunner().invoke
    res = run(app, ["users", "add", "EF", "--role", "writer", str(demo_dir), "--out",
                    str(tmp_path)], input="a long enough password\n")
    assert res.exit_code == 0, res.output
    with Store(tmp_path / "project.sqlite") as st:
        user = st.get_user("EF")
    assert user["role"] == "writer" and user["password_hash"].startswith("$argon2id$")
    assert auth.verify_password(user["password_hash"], "a long enough password")
    assert "EF (writer) added" in res.output
    # adding a name that exists replaces its account: said, never silent
    res = run(app, ["users", "add", "EF", "--role", "writer", str(demo_dir), "--out",
                    str(tmp_path)], input="another long enough password\n")
    assert res.exit_code == 0 and "EF (writer) replaced" in res.output
    listed = run(app, ["users", "list", str(demo_dir), "--out", str(tmp_path)])
    assert "EF\twriter" in listed.output and "argon2" not in listed.output
    assert run(app, ["users", "remove", "EF", str(demo_dir), "--out",
                     str(tmp_path)]).exit_code == 0
    again = run(app, ["users", "remove", "EF", str(demo_dir), "--out", str(tmp_path)])
    assert again.exit_code == 1 and "no user" in again.output


def test_users_add_refuses_bad_role_name_and_short_password(tmp_path: Path,
                                                            demo_dir: Path) -> None:
    build_store(tmp_path / "project.sqlite")
    run = CliRunner().invoke
    base = [str(demo_dir), "--out", str(tmp_path)]
    bad_role = run(app, ["users", "add", "EF", "--role", "admin", *base], input="x" * 12 + "\n")
    assert bad_role.exit_code == 1 and "lead, coder, writer" in bad_role.output
    bad_name = run(app, ["users", "add", "Jane Doe", "--role", "coder", *base],
                   input="x" * 12 + "\n")
    assert bad_name.exit_code == 1 and "user name" in bad_name.output
    short = run(app, ["users", "add", "EF", "--role", "coder", *base], input="short\n")
    assert short.exit_code == 1 and "at least" in short.output


def test_topics_for_needs_a_cohort_or_question(client_for) -> None:  # noqa: ANN001
    lead = client_for("lead1")
    assert lead.get("/api/topics/fit").status_code == 400
    lead.app.state.workspace.settings.fast_embeddings = True
    res = lead.get("/api/topics/fit?cohort=survivor")
    assert res.status_code == 200 and res.json()["cohort"] == "survivor"
