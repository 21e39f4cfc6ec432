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


def register(app: typer.Typer) -> None:
    """Add the report commands to ``app``."""
    app.command("prevalence")(prevalence)
