"""The stages of a run, in order: ingest (read + anonymise), segment, suggest, topics, report.

This module is only the order of the stages and the run around them (the output folder held,
the store open, worker pools closed between stages). Each stage lives in its own module and
takes the :class:`~analysis.project.RunContext`; nothing below this module imports it (the
command line and the workspace do).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from survey.config import load_project
from survey.errors import ToolkitError
from analysis.ingest import ingest
from analysis.project import (STAGES, Reporter, RunContext, default_out_dir, load_codebook,
                              load_instrument, open_output, resolve_project)
from analysis.report.stage import report
from analysis.stages import segment, suggest, topics
from analysis.store import STORE_NAME, Store

STAGE_FUNCS: dict[str, Callable[[RunContext], dict[str, int]]] = {
    "ingest": ingest, "segment": segment, "suggest": suggest, "topics": topics, "report": report}


def run_stages(project: str | Path | None, *, out_dir: str | Path | None = None,
               stages: tuple[str, ...] = STAGES, say: Reporter = print,
               review_dir: str | Path | None = None, cluster: str | None = None,
               report_options: dict[str, bool] | None = None) -> RunContext:
    """Run the named stages in order on a project.

    Args:
        project: The project folder (or its ``project.yaml``); None for the shipped demo.
        out_dir: Output folder; default ``outputs/<project folder name>/``.
        stages: Which stages, in pipeline order.
        say: Where progress lines go.
        cluster: Run embedding and suggestion on a Dask cluster: a scheduler address or
            ``local:N``; overrides the config's ``executor``. Default: the config's, else
            in-process.
        review_dir: Private folder (outside outputs/) for the anonymisation review workbook;
            overrides the config's ``anonymise.review_dir``.
        report_options: Options of the report stage (``final``, ``draft_narrative``,
            ``with_suggestions``; see :func:`analysis.report.stage.report_stage`).

    Returns:
        The run context (timings, notes, output folder).

    Raises:
        ToolkitError: Any bad input, with file, row and column where they apply; an output
            folder among the inputs; another run holding the output folder.
    """
    unknown = [s for s in stages if s not in STAGE_FUNCS]
    if unknown:
        raise ToolkitError(f"unknown stage {unknown[0]!r}; known: {', '.join(STAGES)}")
    config = load_project(resolve_project(project))
    # Check every file the stages will need before anything is written.
    if "ingest" in stages:
        for src in config.sources:
            if not src.path.exists():
                raise ToolkitError(f"{src.path}: export not found (listed in "
                                   f"{config.config_path})")
        load_instrument(config)
    codebook = load_codebook(config) if set(stages) & {"suggest", "topics", "report"} else None
    address = cluster or config.executor.address
    executor = pool = None
    if config.executor.n_workers > 1 and set(stages) & {"ingest", "suggest", "topics"}:
        from analysis.executor import ProcessExecutor

        pool = ProcessExecutor(workers=config.executor.n_workers)  # started on first use
    if address and set(stages) & {"suggest", "topics"}:
        from analysis.executor import make_executor

        executor = make_executor(address)  # checked before anything is written; starts on use
    else:
        executor = pool
    out = Path(out_dir) if out_dir is not None else default_out_dir(config)
    fresh = {"dir": not out.exists(), "store": not (out / STORE_NAME).exists(),
             "created": False, "done": False}
    try:
        ctx = _run(config, out, stages, say=say, codebook=codebook, executor=executor, pool=pool,
                   address=address, review_dir=review_dir, report_options=report_options,
                   fresh=fresh)
    except BaseException:
        if fresh["store"] and fresh["created"] and not fresh["done"]:
            _remove_unfinished(out, remove_dir=fresh["dir"])
        raise
    return ctx


def _remove_unfinished(out: Path, *, remove_dir: bool) -> None:
    """A run that made the store and failed before its first stage finished leaves nothing: the
    empty store (and SQLite's side files), and the output folder when the run made it."""
    for name in (STORE_NAME, STORE_NAME + "-wal", STORE_NAME + "-shm", STORE_NAME + "-journal"):
        (out / name).unlink(missing_ok=True)
    if remove_dir:
        try:
            out.rmdir()  # only when empty: nothing else is ever removed
        except OSError:
            pass


def _run(config, out: Path, stages: tuple[str, ...], *, say: Reporter,  # noqa: ANN001
         codebook, executor, pool, address: str | None,  # noqa: ANN001
         review_dir: str | Path | None, report_options: dict[str, bool] | None,
         fresh: dict[str, bool]) -> RunContext:
    with open_output(config, out, say=say, command="voices " + " ".join(stages)), \
            Store(out / STORE_NAME) as store:
        fresh["created"] = True  # this run made the output folder's store (it was not there)
        ctx = RunContext(config=config, out_dir=out, store=store, say=say, stages=stages,
                         codebook=codebook, executor=executor, local_pool=pool,
                         review_dir=Path(review_dir) if review_dir is not None else None,
                         report_options=dict(report_options or {}))
        if address and executor is not None:
            say(f"  cluster: {address} (embedding and suggestions; anonymised text only)")
        try:
            for name in STAGES:
                if name in stages:
                    say(f"{name}...")
                    with ctx.stage(name):
                        try:
                            counts = STAGE_FUNCS[name](ctx)
                        finally:
                            if pool is not None:  # workers hold this stage's models: let the
                                pool.close()  # next stage start fresh ones (memory)
                    fresh["done"] = True
                    say(f"{name}: " + ", ".join(f"{v} {k}" for k, v in counts.items()) +
                        f" ({ctx.timings[name]:.1f}s)")
        finally:
            for ex in {id(e): e for e in (executor, pool) if e is not None}.values():
                ex.close()
    return ctx
