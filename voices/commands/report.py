"""``voices prevalence``: the prevalence gap from a CSV, printed as a table (no project needed).

Registered by the CLI through :func:`register`. ``voices report`` and ``voices topics`` are the
pipeline stages in :mod:`voices.cli`; the prevalence section appears in their outputs when
``project.yaml`` names the CSV under ``prevalence:``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def prevalence(
        csv_path: Annotated[Path, typer.Argument(
            help="Prevalence CSV: group, sex, age_range, national_rate_percent, "
                 "local_population, known, source.")],
        min_count: Annotated[int, typer.Option(
            "--min-count", help="Known counts below this are shown as <N.")] = 5,
) -> None:
    """Estimated local victims from national rates, beside those known to services: the gap."""
    from voices.cli import _call
    from analysis.prevalence import prevalence_section, read_prevalence
    from analysis.report.cells import text

    section = _call(lambda: prevalence_section(read_prevalence(csv_path), min_count=min_count))
    _, table = section.tables[0]
    typer.echo(section.intro)
    rows = [[str(c) for c in table.columns]] + [[text(v) for v in r]
                                                for r in table.itertuples(index=False)]
    widths = [max(len(r[j]) for r in rows) for j in range(len(rows[0]))]
    for r in rows:
        typer.echo("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())


def audit_disclosure(
        out: Annotated[Path, typer.Argument(
            help="A run's output folder (with disclosure_relations.json).")] = Path(
                "outputs/demo"),
        min_interval_width: Annotated[int | None, typer.Option(
            "--min-interval-width", help="Override the width every hidden count must keep "
            "(default: the one the report used).")] = None,
) -> None:
    """Attack the published tables with linear programming: per table, each suppressed cell and
    the narrowest interval a reader can work out; exit 1 when any cell fails."""
    import json

    from survey.anonymise.disclosure_audit import AuditResult, audit, from_dict
    from voices.cli import _call

    def run() -> AuditResult:
        path = Path(out) / "disclosure_relations.json"
        if not path.is_file():
            raise FileNotFoundError(2, "no disclosure_relations.json (run voices report)",
                                    str(path))
        obj = json.loads(path.read_text(encoding="utf-8"))
        width = min_interval_width or obj.get("min_interval_width")
        return audit(from_dict(obj), min_interval_width=width)

    result = _call(run)
    for table, cells in result.by_table().items():
        bad = [c for c in cells if not c.ok]
        typer.echo(f"{table}: {'FAIL' if bad else 'PASS'} ({len(cells)} suppressed)")
        for c in cells:
            where = " | ".join(str(x) for x in c.key[2:])
            hi = "inf" if c.high == float("inf") else f"{c.high:g}"
            typer.echo(f"  {where}: {c.status}, feasible "
                       f"{c.low:g}..{hi} (width needed {c.required})"
                       + ("" if c.ok else "  FAIL"))
    n_bad = len(result.failures)
    typer.echo(f"audit: {'FAIL' if n_bad else 'PASS'}: {len(result.cells)} suppressed cell(s), "
               f"{n_bad} failing (interval width needed: {result.min_interval_width})")
    if n_bad:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add the report commands to ``app``."""
    app.command("prevalence")(prevalence)
    app.command("audit-disclosure")(audit_disclosure)
