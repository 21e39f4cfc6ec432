"""``voices init FOLDER``: propose a project for a folder of exports and transcripts, and write
its ``project.yaml``, ``instrument.yaml`` and starter ``codebook.yaml``.

Registered by the CLI through :func:`register`. The library (:mod:`survey.project_init`) does the
looking and the writing; this layer prints the proposal and asks one question at a time.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

NEXT_STEPS = """next:
  voices run {p}                    # anonymise, code, find themes, write the reports
  voices users add YOUR-NAME --role lead {p}
  voices serve {p}                  # review suggestions and code in the browser
  voices report {p} --final         # the report, once the figures are human-coded"""


def _ask(proposal, yes: bool):  # noqa: ANN001, ANN202 - survey.project_init.ProjectProposal
    """One question at a time, each with the proposal as its default."""
    if yes:
        return proposal
    proposal.name = typer.prompt("Project name", default=proposal.name)
    sources = []
    for s in proposal.sources:
        if not typer.confirm(f"Include {s.path}?", default=True):
            continue
        cohort = typer.prompt(f"  cohort of {s.path}", default=s.cohort).strip() or s.cohort
        wave = typer.prompt(f"  wave of {s.path}", default=s.wave, type=int)
        changes = {}
        if cohort != s.cohort:
            changes.update(cohort=cohort, cohort_reason="your answer")
        if wave != s.wave:
            changes.update(wave=wave, wave_reason="your answer")
        if s.date_order:
            order = typer.prompt(f"  dates in {s.path} are ambiguous; read them",
                                 default=s.date_order,
                                 type=typer.Choice(["dayfirst", "monthfirst"]))
            changes["date_order"] = order
        sources.append(replace(s, **changes))
    proposal.sources = sources
    return proposal


def init(folder: Annotated[Path, typer.Argument(
             help="The folder holding your exports and transcripts; the project files are "
                  "written into it, with paths relative to it.")],
         yes: Annotated[bool, typer.Option(
             "--yes", "-y", help="Accept every proposal without questions.")] = False) -> None:
    """Start a project from a folder of exports: detect platforms, propose cohorts and waves,
    list the identifying columns to drop, infer the instrument, and write project.yaml,
    instrument.yaml and a starter codebook.yaml (never replacing a file)."""
    from codebook.templates import starter_codebook_text
    from survey.project_files import check_no_project_files, describe_source, write_project
    from survey.project_init import infer_for, propose_project
    from voices.cli import _call

    _call(lambda: check_no_project_files(folder))  # refuse before reading anything
    typer.echo(f"looking at {folder} ...")
    proposal = _call(lambda: propose_project(folder, infer=False, say=typer.echo))
    for line in proposal.unreadable:
        typer.echo(f"refused: {line}", err=True)
    if proposal.skipped:
        typer.echo(f"skipped (not an export or transcript): {', '.join(proposal.skipped)}")
    typer.echo("proposed:")
    for s in proposal.sources:
        typer.echo(f"  {describe_source(s)}")
        if s.identifying:
            typer.echo(f"    drops identifying columns: {', '.join(s.identifying)}")
        for note in s.notes:
            typer.echo(f"    {note}")
    proposal = _ask(proposal, yes)
    typer.echo("inferring the instrument (option labels are checked for identifiers) ...")
    proposal.instrument = _call(lambda: infer_for(proposal))
    if proposal.instrument is not None:
        n = len(proposal.instrument.questions)
        free = sum(q.kind == "text" for q in proposal.instrument.questions)
        typer.echo(f"  instrument: {n} questions, {free} free-text")
        for hint in _call(lambda: _wave_hints(proposal)):
            typer.echo(f"  hint: {hint}")
    written = _call(lambda: write_project(proposal, codebook_text=starter_codebook_text()))
    for path in written:
        typer.echo(f"wrote {path}")
    typer.echo(NEXT_STEPS.format(p=_shell_quote(folder)))


def _wave_hints(proposal) -> list[str]:
    """Options and questions found only in some waves of a cohort, as renames leave them."""
    from survey.readers.wave_options import wave_hints

    sources = [replace(proposal.configs[s.path], cohort=s.cohort, wave=s.wave)
               for s in proposal.sources if s.kind == "survey"]
    return wave_hints(proposal.instrument, sources)


def _shell_quote(path: Path) -> str:
    import shlex

    return shlex.quote(str(path))


def register(app: typer.Typer) -> None:
    """Add ``voices init`` to ``app``."""
    app.command("init")(init)
