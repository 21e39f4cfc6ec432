"""``voices doctor``: check this machine for a run, one line per check and a fix per failure.

Registered by the CLI through :func:`register`; the checks live in :mod:`analysis.doctor`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

_MARK = {"ok": "ok  ", "warn": "WARN", "fail": "FAIL"}


def doctor(out: Annotated[Path, typer.Option(
               "--out", help="The output folder to check (free space, mode).")]
           = Path("outputs"),
           quick: Annotated[bool, typer.Option(
               "--quick", help="Skip the smoke run (anonymise and suggest on two invented "
               "sentences, a few seconds).")] = False) -> None:
    """Check Python, packages, model hashes, LibreOffice, Chromium, disk space, the output
    folder's mode, and a smoke run. Exits 1 if a run could not work here."""
    from analysis.doctor import Check, run_checks

    def show(check: Check) -> None:
        typer.echo(f"{_MARK[check.status]}  {check.name}: {check.detail}")
        if check.status != "ok" and check.fix:
            typer.echo(f"      fix: {check.fix}")

    checks = run_checks(out_dir=out, smoke=not quick, on_check=show)
    failed = [c.name for c in checks if c.failed]
    warned = [c.name for c in checks if c.status != "ok" and not c.failed]
    if failed:
        typer.echo(f"not ready: {', '.join(failed)} must be fixed before a run", err=True)
        raise typer.Exit(1)
    typer.echo("ready" + (f" (warnings: {', '.join(warned)})" if warned else ""))


def register(app: typer.Typer) -> None:
    """Add ``voices doctor`` to ``app``."""
    app.command("doctor")(doctor)
