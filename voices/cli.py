"""The ``voices`` command line: a thin Typer layer over the library.

Each command parses its arguments, makes one library call, and turns a toolkit error into one
line on stderr and exit code 1 (a traceback only with ``--debug``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from analysis import project as projects

# Tracebacks never show local variables: they could hold survey text.
app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_show_locals=False,
                  help="Survivor Voices: anonymised, coded themes and quotes from survey exports "
                       "and interview transcripts, for a JSNA.")
_STATE: dict[str, bool] = {"debug": False}

ProjectArg = Annotated[Path | None, typer.Argument(
    help="Project folder (with project.yaml). Default: the shipped demo in data/demo.")]
OutOpt = Annotated[Path | None, typer.Option(
    "--out", help="Output folder. Default: outputs/<project folder name>/ in the current "
    "folder.")]


def _errors() -> tuple[type[BaseException], ...]:
    from codebook.errors import CodebookError
    from survey.errors import ToolkitError

    return (ToolkitError, CodebookError, OSError)


INTERRUPTED = "interrupted; the store is consistent; run again to continue"


def _call(fn: Callable[[], Any]) -> Any:
    try:
        return fn()
    except KeyboardInterrupt:
        # Every store write is one transaction and every file write an atomic rename, so an
        # interrupted stage leaves the last good state; the run lock is released on the way out.
        if _STATE["debug"]:
            raise
        typer.echo(INTERRUPTED, err=True)
        raise typer.Exit(130) from None
    except _errors() as exc:
        if _STATE["debug"]:
            raise
        msg = str(exc) if not isinstance(exc, OSError) else (
            f"{exc.filename}: {exc.strerror}" if exc.filename else str(exc))
        typer.echo(f"error: {msg}", err=True)
        raise typer.Exit(1) from None
    except Exception as exc:  # noqa: BLE001 - the one top-level guard, for privacy
        # An unexpected error's message may quote survey content (a library echoing a cell),
        # so without --debug only its type is shown.
        if _STATE["debug"]:
            raise
        typer.echo(f"error: unexpected {type(exc).__name__}; details are hidden because they "
                   "may quote survey content; rerun as 'voices --debug <command> ...' to see "
                   "them", err=True)
        raise typer.Exit(2) from None


def _say(line: str) -> None:
    typer.echo(line)


def _version(value: bool) -> None:
    if value:  # the version lives in pyproject.toml only; installed metadata carries it
        typer.echo(f"voices {projects.toolkit_version()}")
        raise typer.Exit()


@app.callback()
def _main(debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")]
          = False,
          version: Annotated[bool, typer.Option(
              "--version", callback=_version, is_eager=True,
              help="Print the version and exit.")] = False) -> None:
    """Survivor Voices command line."""
    _STATE["debug"] = debug


def _stages(project: Path | None, out: Path | None, stages: tuple[str, ...],
            **options: Any) -> None:
    from analysis import pipeline  # the stages load their models only when a run needs them

    if project is None:  # said first, so no one takes the demo's outputs for their own
        _say("no project folder given: running the shipped demo (data/demo)")
    ctx = _call(lambda: pipeline.run_stages(project, out_dir=out, stages=stages, say=_say,
                                            **options))
    typer.echo(f"outputs: {ctx.out_dir}")


@app.command()
def run(project: ProjectArg = None, out: OutOpt = None,
        cluster: Annotated[str | None, typer.Option(
            "--cluster", help="Run embedding and code suggestions on a Dask cluster: a "
            "scheduler address (tcp://host:8786) or local:N for N local worker processes. "
            "Only anonymised text is sent to workers.")] = None) -> None:
    """Run the whole pipeline: ingest and anonymise, segment, suggest codes, topics, report."""
    _stages(project, out, projects.STAGES, **({"cluster": cluster} if cluster else {}))


@app.command()
def ingest(project: ProjectArg = None, out: OutOpt = None) -> None:
    """Read the exports and transcripts, anonymise them, and fill the project store."""
    _stages(project, out, ("ingest",))


@app.command()
def anonymise(project: ProjectArg = None, out: OutOpt = None,
              review: Annotated[bool, typer.Option(
                  "--review", help="Also write a private review workbook (every detected span in "
                  "context, possible identifiers) to <project>/private_review/, or to "
                  "anonymise.review_dir; decisions filled in there apply on the next run.")]
              = False) -> None:
    """Re-read and re-anonymise the sources (raw text is never stored, so this re-ingests)."""
    review_dir = None
    if review:
        cfg_dir = projects.resolve_project(project)
        review_dir = _call(lambda: projects.review_dir_for(cfg_dir))
    _stages(project, out, ("ingest",), review_dir=review_dir)


@app.command()
def suggest(project: ProjectArg = None, out: OutOpt = None) -> None:
    """Segment the anonymised answers and add machine code suggestions to the store."""
    _stages(project, out, ("segment", "suggest"))


@app.command()
def topics(project: ProjectArg = None, out: OutOpt = None) -> None:
    """Fit the topic model (emergent themes) on the anonymised answers."""
    _stages(project, out, ("topics",))


@app.command()
def report(project: ProjectArg = None, out: OutOpt = None,
           final: Annotated[bool, typer.Option(
               "--final", help="Refuse unless every published theme and code figure is "
               "human-coded or a validated estimate; names what is missing.")] = False,
           draft_narrative: Annotated[bool, typer.Option(
               "--draft-narrative", help="Write narrative.md into the project: key findings "
               "and section introductions with live {{...}} numbers, to edit.")] = False,
           with_suggestions: Annotated[bool, typer.Option(
               "--with-suggestions", help="Also export machine suggestions to project.qdpx, "
               "as their own user.")] = False) -> None:
    """Write the workbook, HTML, Word and PDF reports, quotes CSV, figures and project.qdpx."""
    _stages(project, out, ("report",), report_options={
        "final": final, "draft_narrative": draft_narrative, "with_suggestions": with_suggestions})


@app.command("anonymise-text")
def anonymise_text(
        in_path: Annotated[Path, typer.Argument(help="JSON lines: {\"id\": ..., \"text\": ...}")],
        out_path: Annotated[Path, typer.Argument(
            help="JSON lines: {\"id\", \"text\": the anonymised text, \"spans\": [{\"start\", "
                 "\"end\", \"label\"}]}; start/end are offsets into the ORIGINAL text.")],
        project: Annotated[Path | None, typer.Option(
            "--project", help="A project folder or its project.yaml, whose anonymise settings "
                              "apply: allow (never redacted), deny and places (local places, "
                              "matched in any case), area, operators, redact_identity. A file "
                              "with only an 'anonymise:' section will do.")] = None,
) -> None:
    """Anonymise free text from a JSON-lines file.

    Each identifier becomes a numbered placeholder: "[PERSON 1]", "[PLACE 2]", "[PHONE 1]".
    An age becomes a band ("[AGE 13-15]"; a school year is banded as the age it stands for).
    Identity words (sexuality, ethnicity, religion...) are kept, never redacted by default.
    A local place the built-in gazetteer misses goes in the project's anonymise.places list.
    A places name of two words counts anywhere; an everyday one-word name needs "in", "at"...
    A term that must always go, in any sentence, goes in anonymise.deny (shown as "[PLACE n]").
    Span labels are the engine's names (LOCATION for "[PLACE n]", ORGANIZATION...).
    One line holds one answer of at most 50,000 characters (segment transcripts with voices run).
    As voices run does, a place of care named in full on one line ("Lane End Surgery") is also
    hidden where another line names it bare ("at lane end"): the file is read twice.
    Blank lines are skipped; ids are copied as given (repeats are not checked).
    Nothing is written unless every line succeeds; an empty file is an error.
    """
    from analysis.textio import anonymise_jsonl
    from survey.atomic import WritePolicy, write_policy

    with write_policy(WritePolicy.protecting([in_path])):  # OUT may not replace IN
        n = _call(lambda: anonymise_jsonl(in_path, out_path, project=project))
    typer.echo(f"anonymised {n} text(s) -> {out_path}")


# Command groups living in voices/commands/<name>.py, each with register(app); explicit list.
COMMAND_MODULES: tuple[str, ...] = ("survey", "anonymise", "coding", "report", "workspace",
                                     "init", "doctor")


def _register_command_modules() -> None:
    import importlib

    for name in COMMAND_MODULES:
        importlib.import_module(f"voices.commands.{name}").register(app)


_register_command_modules()


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo(INTERRUPTED, err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
