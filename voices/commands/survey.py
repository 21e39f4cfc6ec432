"""``voices survey new|check|export``: author the next wave, check it, publish it.

Registered by the CLI through :func:`register` (a ``survey`` command group). One library call per
command (:mod:`survey.publish.project`); toolkit errors become one line on stderr and exit 1.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

ProjectArg = Annotated[Path, typer.Argument(help="Project folder (with project.yaml).")]
survey_app = typer.Typer(add_completion=False, no_args_is_help=True,
                         help="Author, check and publish survey instruments (waves).")


@survey_app.command("new")
def new(project: ProjectArg,
        from_wave: Annotated[int, typer.Option("--from-wave", help="Start from this wave's "
                                               "instrument.")] = 1,
        force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")]
        = False) -> None:
    """Start the next wave's instrument (instrument_waveN.yaml) from an earlier wave's."""
    from voices.cli import _call
    from survey.publish.project import start_next_wave

    path = _call(lambda: start_next_wave(project, from_wave=from_wave, force=force))
    typer.echo(f"wrote {path}: edit it (record rewordings in its changelog), run `voices survey "
               f"check`, then point project.yaml's instrument: at it")


@survey_app.command("check")
def check(project: ProjectArg,
          instrument: Annotated[Path | None, typer.Option(
              "--instrument", help="Check this instrument file instead of the project's.")]
          = None) -> None:
    """Trauma-informed checks: exit 0 when clean, else one line per problem and exit 1."""
    from voices.cli import _call
    from survey.publish.project import check_project

    problems = _call(lambda: check_project(project, instrument=instrument))
    for p in problems:
        typer.echo(str(p))
    if problems:
        raise typer.Exit(1)
    typer.echo("instrument passes the trauma-informed checks")


@survey_app.command("export")
def export(project: ProjectArg,
           fmt: Annotated[str, typer.Option("--format", help="xlsform, sheet, html or docx.")],
           out: Annotated[Path, typer.Option("--out", help="File to write.")],
           cohort: Annotated[str | None, typer.Option(
               "--cohort", help="One cohort's questions (needed by xlsform and sheet when "
                                "there are several).")] = None,
           wave: Annotated[int | None, typer.Option(
               "--wave", help="Export this wave's instrument (default: the project's).")]
           = None) -> None:
    """Export the instrument to XLSForm, a generic import sheet, or printable HTML or Word."""
    from voices.cli import _call
    from survey.publish.project import export_project

    path = _call(lambda: export_project(project, fmt, out, cohort=cohort, wave=wave))
    typer.echo(f"wrote {path}")


def register(app: typer.Typer) -> None:
    """Add the ``survey`` command group to ``app``."""
    app.add_typer(survey_app, name="survey")
