"""``voices review-check``: validate a filled-in review workbook and count its decisions.

Registered by the CLI through :func:`register`. Prints counts only, never a reviewed value.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def review_check(
        workbook: Annotated[Path, typer.Argument(
            help="The private review workbook (review.xlsx) after you filled in decisions.")],
) -> None:
    """Check a review workbook and count its decisions (keep, add, allow, deny)."""
    from voices.cli import _call
    from analysis.review import read_review_decisions

    decisions = _call(lambda: read_review_decisions(workbook))
    counts = ", ".join(f"{k}={v}" for k, v in sorted(decisions.counts.items())) or "none"
    typer.echo(f"review decisions: {counts}; they apply on the next `voices anonymise`")


def register(app: typer.Typer) -> None:
    """Add the anonymisation review commands to ``app``."""
    app.command("review-check")(review_check)
