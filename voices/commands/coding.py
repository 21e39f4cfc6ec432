"""Coding commands: ``evaluate-suggestions``, ``export-coding``, ``import-coding``, ``agree``.

``export-coding`` needs ``--coder``.

Registered by the CLI through :func:`register`. Each command makes one library call; a toolkit
error becomes one line on stderr and exit code 1 (``voices.cli._call``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

ProjectArg = Annotated[Path | None, typer.Argument(
    help="Project folder (with project.yaml). Default: the shipped demo in data/demo.")]
OutOpt = Annotated[Path | None, typer.Option(
    "--out", help="Output folder holding project.sqlite. Default: outputs/<project folder name>/.")]


def evaluate_suggestions_cmd(
        train: Annotated[Path, typer.Option("--train", help="CSV id,text,codes to train on.")],
        test: Annotated[Path, typer.Option("--test", help="CSV id,text,codes to score on.")],
        codebook: Annotated[Path | None, typer.Option(
            "--codebook", help="Codebook: adds the rules and similarity suggesters.")] = None,
        json_out: Annotated[Path | None, typer.Option(
            "--json", help="Write the scores as JSON here.")] = None,
        fast: Annotated[bool, typer.Option(
            "--fast", help="TF-IDF + SVD embeddings instead of MiniLM.")] = False,
        cache: Annotated[Path | None, typer.Option(
            "--cache", help="A store file whose embedding cache to use and fill.")] = None,
        baseline: Annotated[bool, typer.Option(
            "--baseline/--no-baseline", help="Also score TF-IDF + balanced logistic "
            "regression on the same split, with the difference.")] = True,
        seed: Annotated[int, typer.Option("--seed", help="Seed of training and bootstrap.")] = 13,
) -> None:
    """Train the suggesters on TRAIN, score them on TEST: per-code precision, recall, F1, kappa,
    micro and macro F1 with bootstrap intervals, calibration error and a reliability plot
    (beside --json), and the difference from a baseline."""
    from voices.cli import _call
    from analysis.suggest.evaluate import evaluate_files, format_evaluation

    result = _call(lambda: evaluate_files(train, test, codebook_path=codebook,
                                          json_path=json_out, fast=fast, seed=seed,
                                          baseline=baseline, cache_path=cache))
    for line in format_evaluation(result):
        typer.echo(line)


def export_coding_cmd(
        project: ProjectArg = None,
        coder: Annotated[str, typer.Option("--coder", help="The coder's initials, e.g. AB.")] = "",
        blind: Annotated[bool, typer.Option(
            "--blind", help="Hide the machine suggestions (a blind second coder).")] = False,
        out: OutOpt = None,
) -> None:
    """Write a coding workbook for one coder: segments, code drop-downs, suggestions, notes."""
    from voices.cli import _call
    from analysis.coding_io import export_coding

    path = _call(lambda: export_coding(project, coder=coder, blind=blind, out_dir=out))
    typer.echo(f"coding workbook: {path}")


def import_coding_cmd(
        file: Annotated[Path, typer.Argument(help="A filled-in coding workbook (.xlsx).")],
        project: ProjectArg = None,
        out: OutOpt = None,
) -> None:
    """Read a coding workbook back: validate every code, record what changed (with history)."""
    from voices.cli import _call
    from analysis.coding_io import import_coding

    report = _call(lambda: import_coding(file, project, out_dir=out))
    typer.echo(report.summary())


def agree_cmd(
        project: ProjectArg = None,
        out: OutOpt = None,
        json_out: Annotated[Path | None, typer.Option(
            "--json", help="Write the agreement as JSON here.")] = None,
        machine: Annotated[bool, typer.Option(
            "--machine", help="Score the machine suggestions as one more coder.")] = False,
) -> None:
    """Agreement per code between coders: percent, Cohen's kappa with CI, Krippendorff's alpha."""
    from analysis.agreement import compute_agreement
    from voices.cli import _call

    res = _call(lambda: compute_agreement(project, out_dir=out, json_path=json_out,
                                          include_machine=machine))
    typer.echo(f"coders: {', '.join(res.coders) or '(none)'}; kappa pair: "
               f"{' vs '.join(res.kappa_pair) if res.kappa_pair else '(needs two coders)'}")
    typer.echo(f"{'code':<24} {'units':>5} {'prev':>6} {'agree':>6} {'kappa':>6} "
               f"{'95% CI':>15} {'alpha':>6}")

    def f(v: float | None) -> str:
        return "-" if v is None or v != v else f"{v:.2f}"

    for r in res.per_code.to_dict("records"):
        ci = f"[{f(r['kappa_low'])}, {f(r['kappa_high'])}]" if r["kappa"] is not None else "-"
        typer.echo(f"{str(r['code_id'])[:24]:<24} {r['units']:>5} {f(r['prevalence']):>6} "
                   f"{f(r['percent_agreement']):>6} {f(r['kappa']):>6} {ci:>15} "
                   f"{f(r['alpha']):>6}")
    typer.echo(f"{len(res.disagreements)} disagreement(s) listed in disagreements.csv")


def validation_sample_cmd(
        size: Annotated[int, typer.Option(
            "--size", help="Respondents to draw (all their segments join the queue).")],
        project: ProjectArg = None,
        per_code: Annotated[int, typer.Option(
            "--per-code", help="At least this many respondents per predicted code.")] = 0,
        seed: Annotated[int | None, typer.Option(
            "--seed", help="Seed of the draw. Default: the project's seed.")] = None,
        out: OutOpt = None,
) -> None:
    """Draw a seeded validation sample, stratified by top predicted code, for people to code."""
    from voices.cli import _call
    from analysis.validation import validation_sample

    sample = _call(lambda: validation_sample(project, size=size, per_code=per_code, seed=seed,
                                             out_dir=out))
    units = sample.drop_duplicates("unit_id")
    typer.echo(f"validation sample: {len(units)} respondent(s), {len(sample)} segment(s) in "
               f"{units['stratum'].nunique()} stratum/strata (seed {int(sample['seed'].iloc[0])})")


def register(app: typer.Typer) -> None:
    """Add the coding commands to ``app`` (a second call adds nothing)."""
    have = {c.name for c in app.registered_commands}
    for name, func in (("evaluate-suggestions", evaluate_suggestions_cmd),
                       ("export-coding", export_coding_cmd), ("import-coding", import_coding_cmd),
                       ("agree", agree_cmd), ("validation-sample", validation_sample_cmd)):
        if name not in have:
            app.command(name)(func)
