"""The project context, at the ground of ``analysis/``: everything that needs "the project"
takes it from here.

A project is a folder with ``project.yaml`` (its config), an output folder (default
``outputs/<project folder name>/``), a codebook and a store (``<out>/project.sqlite``). This
module resolves each of them, guards the inputs while a run writes (:func:`open_output`), and
defines :class:`RunContext`, what every stage receives. It imports no other module of
``analysis/`` but the store, so any module may import it.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

from survey.atomic import (WritePolicy, create_private_file, ensure_dir, remove_stale_temp_files,
                           write_policy)
from survey.config import ProjectConfig, load_project
from survey.errors import ConfigError, ToolkitError
from survey.instrument import Instrument, instrument_from_dict, read_instrument
from analysis.store import STORE_NAME, Store

STAGES = ("ingest", "segment", "suggest", "topics", "report")
"""The stages of a run, in order (:mod:`analysis.pipeline` runs them)."""
# data/demo in a source tree; an installed wheel carries it as analysis/data/demo (setup.py).
DEMO_PROJECT = next((p for p in (Path(__file__).resolve().parent.parent / "data" / "demo",
                                 Path(__file__).resolve().parent / "data" / "demo")
                     if (p / "project.yaml").is_file()),
                    Path(__file__).resolve().parent.parent / "data" / "demo")
Reporter = Callable[[str], None]


def toolkit_version() -> str:
    """The installed toolkit version."""
    try:
        return metadata.version("survivor-voices")
    except metadata.PackageNotFoundError:
        return "0+unknown"


@dataclass
class RunContext:
    """What every stage needs: the project, the output folder, the store, a reporter."""

    config: ProjectConfig
    out_dir: Path
    store: Store
    say: Reporter = print
    review_dir: Path | None = None
    stages: tuple[str, ...] = STAGES
    codebook: Any = None  # codebook.model.Codebook, loaded once by run_stages when needed
    timings: dict[str, float] = field(default_factory=dict)
    executor: Any = None  # analysis.executor: in-process (None), local processes or Dask
    local_pool: Any = None  # local worker processes (this machine only): may see raw text
    notes: list[str] = field(default_factory=list)
    report_options: dict[str, bool] = field(default_factory=dict)  # analysis.report.stage

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Time a stage and record it in the store's run history."""
        run_id = self.store.start_run(name, toolkit_version())
        self.notes = []
        t0 = time.perf_counter()
        yield
        self.timings[name] = time.perf_counter() - t0
        if name != "report":
            self.store.set_meta(f"notes.{name}", "\n".join(self.notes))
        self.store.finish_run(run_id)

    def stored_notes(self) -> list[str]:
        """Method notes recorded by earlier stages (no original values in them)."""
        notes: list[str] = []
        for stage in STAGES:
            notes.extend(n for n in (self.store.get_meta(f"notes.{stage}") or "").split("\n")
                         if n)
        return list(dict.fromkeys(notes))


@contextmanager
def progress_bar(total: int, description: str) -> Iterator[Callable[[int], None]]:
    """A progress bar on an interactive terminal; silent in CI or when output is piped.

    Yields:
        A function to call with the number of items just done.
    """
    if not sys.stderr.isatty() or os.environ.get("CI"):
        yield lambda _n: None
        return
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task(description, total=total)
        yield lambda n: bar.advance(task, n)


def resolve_project(project: str | Path | None) -> Path:
    """The project folder: the given one, or the shipped demo."""
    return Path(project) if project is not None else DEMO_PROJECT


def default_out_dir(config: ProjectConfig, root: Path | None = None) -> Path:
    """``outputs/<project folder name>/`` under the current directory."""
    return (root or Path.cwd()) / "outputs" / config.root.name


def review_dir_for(project: str | Path) -> Path:
    """The review folder of a project: ``anonymise.review_dir``, else ``<project>/private_review``."""
    config = load_project(project)
    return config.anonymise.review_dir or (config.root / "private_review")


def load_instrument(config: ProjectConfig) -> Instrument | None:
    """The project's instrument, or None when it is to be inferred from the exports."""
    return read_instrument(config.instrument) if config.instrument else None


def stored_instrument(store: Store) -> Instrument:
    """The instrument the last ingest used (given or inferred), from the store.

    Raises:
        ToolkitError: Nothing has been ingested into this store yet.
    """
    raw = store.get_meta("instrument")
    if raw is None:
        raise ToolkitError(f"{store.path}: nothing ingested yet; run `voices ingest` first")
    return instrument_from_dict(yaml.safe_load(raw), path=store.path)


def private_path(config: ProjectConfig, out_dir: Path, path: Path | None,
                  key: str) -> Path | None:
    """Resolve a private path (key file, review folder) and refuse one under ``outputs/``."""
    if path is None:
        return None
    path = (path if path.is_absolute() else (config.root / path)).resolve()
    for forbidden in forbidden_dirs(out_dir):
        if path.is_relative_to(forbidden):
            raise ConfigError(config.config_path, key,
                              "this private file must be written outside outputs/")
    return path


def forbidden_dirs(out_dir: Path) -> list[Path]:
    return [out_dir.resolve(), (Path.cwd() / "outputs").resolve()]


# -- protecting inputs -------------------------------------------------------------------------
def input_folders(config: ProjectConfig) -> list[Path]:
    """Folders of the project's inputs: each folder source, and each export's folder."""
    return list(dict.fromkeys(s.path if s.path.is_dir() else s.path.parent
                              for s in config.sources))


def input_policy(config: ProjectConfig) -> WritePolicy:
    """The write policy of a run: the project's inputs (sources, config, instrument, codebook,
    prevalence table) are never written, nothing is written inside a folder of sources (the
    project folder itself excepted: the review folder and a key file may live there), and new
    files and folders get the configured modes."""
    from analysis.prevalence import prevalence_path

    files = [s.path for s in config.sources if not s.path.is_dir()]
    files += [p for p in (config.config_path, config.instrument, config.codebook,
                          prevalence_path(config.config_path)) if p is not None]
    dirs = [d for d in input_folders(config) if d != config.root]
    return WritePolicy.protecting(files, dirs, file_mode=config.output.file_mode,
                                  dir_mode=config.output.dir_mode)


def check_out_dir(config: ProjectConfig, out_dir: Path) -> Path:
    """Refuse an output folder that is, contains or sits inside a source or a folder of sources.
    The project folder is the one exception: an output folder may sit inside it (running from
    the project folder puts the default ``outputs/`` there), but may not be it when a source
    lies directly in it.

    Raises:
        ToolkitError: The folder would put outputs among the inputs (names the source).
    """
    out = out_dir.expanduser().resolve()
    for src in config.sources:
        where = ("is" if out == src.path else "contains" if src.path.is_relative_to(out)
                 else "sits inside" if src.path.is_dir() and out.is_relative_to(src.path)
                 else None)
        if where:
            raise ToolkitError(f"{out_dir}: the output folder {where} the source {src.path}; "
                               "inputs are read-only, so choose an output folder outside them")
    for folder in input_folders(config):
        if out == folder or (folder != config.root and out.is_relative_to(folder)):
            where = "is" if out == folder else "sits inside"
            raise ToolkitError(f"{out_dir}: the output folder {where} {folder}, a folder of this "
                               "project's inputs; choose an output folder outside it")
    return out


@contextmanager
def open_output(config: ProjectConfig, out_dir: Path, *, say: Reporter = print,
                command: str = "") -> Iterator[Path]:
    """Make the output folder ready for a run and hold it: inputs checked and protected for
    every write, the folder created (mode ``output.dir_mode``), the run lock taken, leftovers of
    an interrupted run removed, and the store file created with ``output.file_mode``.

    Raises:
        ToolkitError: The folder is among the inputs, or another run holds it.
    """
    from survey.runlock import run_lock

    check_out_dir(config, out_dir)
    with write_policy(input_policy(config)) as policy:
        ensure_dir(out_dir)
        with run_lock(out_dir, command=command, mode=policy.file_mode, say=say):
            n = remove_stale_temp_files(out_dir)
            if n:
                say(f"  removed {n} temporary file(s) left by an interrupted run")
            create_private_file(out_dir / STORE_NAME)
            yield out_dir



def load_codebook(config: ProjectConfig):  # noqa: ANN201
    """The project's codebook (required for suggestions and reports)."""
    from codebook.io import read_codebook

    if config.codebook is None:
        raise ConfigError(config.config_path, "codebook", "a codebook file is required")
    cb = read_codebook(config.codebook)
    cb.check()
    return cb


def project_store(project: str | Path | None, out_dir: str | Path | None) -> tuple[Path, Any]:
    """The project's store path (``<out>/project.sqlite``, out defaulting to
    ``outputs/<project folder name>/``) and its checked codebook.

    Raises:
        ToolkitError: No store there yet (or a bad project config / codebook).
    """
    config = load_project(resolve_project(project))
    out = Path(out_dir) if out_dir is not None else default_out_dir(config)
    store_path = out / STORE_NAME
    if not store_path.exists():
        raise ToolkitError(f"{store_path}: no project store yet; run `voices run` or "
                           "`voices suggest` first")
    return store_path, load_codebook(config)
