"""``voices prevalence`` (voices.commands.report) on the example CSV."""

from __future__ import annotations

from pathlib import Path

import typer
from typer.testing import CliRunner

from voices.commands.report import register

REPO = Path(__file__).resolve().parents[3]


def _app() -> typer.Typer:
    app = typer.Typer()
    register(app)

    @app.command("noop")
    def _noop() -> None:  # a second command keeps typer in multi-command mode
        """No-op."""

    return app


def test_prevalence_command_prints_gap():
    res = CliRunner().invoke(_app(), ["prevalence",
                                      str(REPO / "data" / "reference" / "prevalence_example.csv")])
    assert res.exit_code == 0, res.output
    assert "11,785" in res.output and "10116" in res.output


def test_prevalence_command_bad_file_one_line_exit_1(tmp_path):
    bad = tmp_path / "p.csv"
    bad.write_text("group,national_rate_percent,local_population\nA,secret-value,10\n")
    res = CliRunner().invoke(_app(), ["prevalence", str(bad)])
    assert res.exit_code == 1
    assert "secret-value" not in res.output and "national_rate_percent" in res.output
