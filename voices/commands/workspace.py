"""Workspace commands: ``serve``, ``topics-for`` (topics of one cohort or question) and the
``users`` group (``add``, ``list``, ``remove``).

The ``workspace`` package is imported inside the functions, so the CLI loads it only when
these commands run. Registered by the CLI through :func:`register`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

ProjectArg = Annotated[Path | None, typer.Argument(
    help="Project folder (with project.yaml). Default: the shipped demo in data/demo.")]
OutOpt = Annotated[Path | None, typer.Option(
    "--out", help="Output folder holding project.sqlite. Default: outputs/<project folder name>/.")]

users_app = typer.Typer(no_args_is_help=True, help="Workspace accounts: add, list, remove.")


def serve_cmd(
        project: ProjectArg = None,
        out: OutOpt = None,
        host: Annotated[str, typer.Option("--host", help="Address to bind.")] = "127.0.0.1",
        port: Annotated[int, typer.Option("--port", help="Port.")] = 8765,
        allow_remote: Annotated[bool, typer.Option(
            "--allow-remote", help="Allow a non-loopback --host (needs --tls-cert and --tls-key, "
            "or --behind-proxy with --trusted-host).")] = False,
        tls_cert: Annotated[Path | None, typer.Option(
            "--tls-cert", help="PEM certificate: serve HTTPS (with --tls-key).")] = None,
        tls_key: Annotated[Path | None, typer.Option(
            "--tls-key", help="PEM private key for --tls-cert.")] = None,
        behind_proxy: Annotated[bool, typer.Option(
            "--behind-proxy", help="A TLS reverse proxy forwards to this port (needs "
            "--trusted-host).")] = False,
        trusted_host: Annotated[list[str] | None, typer.Option(
            "--trusted-host", help="A Host name to answer besides loopback names (repeat for "
            "more), e.g. the proxy's public name.")] = None,
        session_hours: Annotated[float | None, typer.Option(
            "--session-hours", help="How long a login or API token lasts (default 12).")] = None,
        max_json_mb: Annotated[float | None, typer.Option(
            "--max-json-mb", help="Largest JSON or form request body in MiB (default 1).")] = None,
        max_upload_mb: Annotated[float | None, typer.Option(
            "--max-upload-mb", help="Largest upload in MiB (default 10).")] = None,
) -> None:
    """Open the coding workspace in the browser: queue, codebook, topics, quotes, agreement."""
    from voices.cli import _call
    from workspace.server import serve

    _call(lambda: serve(project, out_dir=out, host=host, port=port, allow_remote=allow_remote,
                        tls_cert=tls_cert, tls_key=tls_key, behind_proxy=behind_proxy,
                        trusted_hosts=tuple(trusted_host or ()), session_hours=session_hours,
                        max_json_mb=max_json_mb, max_upload_mb=max_upload_mb,
                        say=typer.echo))


def _store(project: Path | None, out: Path | None):  # noqa: ANN202
    from analysis.project import project_store
    from analysis.store import Store

    store_path, _ = project_store(project, out)
    return Store(store_path)


def _read_password() -> str:
    if sys.stdin is not None and not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = typer.prompt("Password", hide_input=True)
    second = typer.prompt("Repeat password", hide_input=True)
    if first != second:
        typer.echo("error: the passwords differ", err=True)
        raise typer.Exit(1)
    return first


@users_app.command("add")
def users_add(
        name: Annotated[str, typer.Argument(help="User name (recorded with every decision).")],
        role: Annotated[str, typer.Option("--role", help="lead, coder or writer.")],
        project: ProjectArg = None,
        out: OutOpt = None,
) -> None:
    """Add (or replace) an account; the password comes from a prompt or stdin."""
    from voices.cli import _call
    from workspace import auth

    _call(lambda: (auth.check_username(name), auth.check_role(role)))
    password = _read_password()

    def work() -> bool:
        with _store(project, out) as st:
            existed = st.get_user(name) is not None
            auth.add_user(st, name, role=role, password=password)
        return existed
    replaced = _call(work)
    typer.echo(f"user {name} ({role}) " + ("replaced: the earlier password and role no longer "
                                            "work" if replaced else "added"))


@users_app.command("list")
def users_list(project: ProjectArg = None, out: OutOpt = None) -> None:
    """List accounts and their roles."""
    from voices.cli import _call

    def work():  # noqa: ANN202
        with _store(project, out) as st:
            return st.read_users()
    df = _call(work)
    if df.empty:
        typer.echo("no users; add one with `voices users add NAME --role lead`")
    for r in df.to_dict("records"):
        typer.echo(f"{r['username']}\t{r['role']}\t{r['created_at']}")


@users_app.command("remove")
def users_remove(
        name: Annotated[str, typer.Argument(help="User name.")],
        project: ProjectArg = None,
        out: OutOpt = None,
) -> None:
    """Remove an account (its decisions stay in the history)."""
    from voices.cli import _call
    from workspace import auth

    def work() -> None:
        with _store(project, out) as st:
            auth.remove_user(st, name)
    _call(work)
    typer.echo(f"user {name} removed")


def topics_for_cmd(
        project: ProjectArg = None,
        out: OutOpt = None,
        cohort: Annotated[str | None, typer.Option("--cohort", help="Only this cohort.")] = None,
        question: Annotated[str | None, typer.Option(
            "--question", help="Only this question id.")] = None,
) -> None:
    """Fit topics on one cohort's answers, one question's, or both (printed, not stored)."""
    from voices.cli import _call
    from workspace.editorial import fit_topics_for
    from workspace.server import settings_for
    from workspace.service import Workspace

    res = _call(lambda: fit_topics_for(Workspace(settings_for(project, out)), cohort=cohort,
                                       question_id=question))
    typer.echo(f"{len(res['topics'])} topic(s) for cohort {cohort or '(all)'}, question "
               f"{question or '(all)'} [{res['method']}]")
    for w in res["warnings"]:
        typer.echo(f"  note: {w}")
    for t in res["topics"]:
        mapped = f" -> {t['best_code_id']}" if t["best_code_id"] else ""
        typer.echo(f"  {t['topic_id']:>3} {t['size']:>5}  {', '.join(t['top_words'][:6])}{mapped}")


def register(app: typer.Typer) -> None:
    """Add ``serve`` and ``users`` to ``app`` (a second call adds nothing)."""
    have = {c.name for c in app.registered_commands}
    if "serve" not in have:
        app.command("serve")(serve_cmd)
    if "topics-for" not in have:
        app.command("topics-for")(topics_for_cmd)
    if "users" not in {g.name for g in app.registered_groups}:
        app.add_typer(users_app, name="users")
