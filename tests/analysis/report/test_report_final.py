"""The report stage's disclosure proof: the audited problem is built once per report (the final
audit and ``disclosure_relations.json`` read the same one), and ``--final`` still refuses a
report whose published tables fail the audit, writing nothing. SYNTHETIC data only."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from synthetic_data import make_report_data


@pytest.fixture
def ctx(tmp_path, monkeypatch):
    """A run context for :func:`report_stage` with the document writers left out (this file
    checks the disclosure proof, not the documents)."""
    monkeypatch.setattr("analysis.report.writers.write_report", lambda *a, **k: [])
    monkeypatch.setattr("analysis.qdpx.write_qdpx", lambda *a, **k: 0)
    monkeypatch.setattr("analysis.report.stage.current_code_ids", lambda cb: {})
    out = tmp_path / "out"
    return SimpleNamespace(
        config=SimpleNamespace(report=None, seed=0, root=tmp_path, name="SYNTHETIC"),
        store=SimpleNamespace(read_quote_picks=lambda: None, read_codings=lambda: None),
        codebook=None, out_dir=out, say=lambda _line: None)


@pytest.fixture
def built(monkeypatch):
    """Counts the builds of the audited problem and keeps the last one."""
    from analysis.report import disclosure

    seen: list = []
    original = disclosure.published_problem

    def counting(*a, **k):
        seen.append(original(*a, **k))
        return seen[-1]

    monkeypatch.setattr(disclosure, "published_problem", counting)
    return seen


@pytest.mark.parametrize("final", [True, False])
def test_the_audited_problem_is_built_once_and_is_the_one_written(ctx, built, final):
    from analysis.report.stage import AUDIT_NAME, report_stage
    from survey.anonymise.disclosure_audit import audit, to_dict

    ctx.out_dir.mkdir()
    report_stage(ctx, make_report_data(min_count=4), final=final, pdf=False)
    assert len(built) == 1
    written = json.loads((ctx.out_dir / AUDIT_NAME).read_text(encoding="utf-8"))
    expected = json.loads(json.dumps(to_dict(built[0])))
    assert {k: v for k, v in written.items() if k != "min_interval_width"} == expected
    assert audit(built[0]).passed
    assert any(s == "secondary" for s in built[0].status.values())  # complements were needed


def test_final_refuses_a_failing_audit_and_writes_nothing(ctx, monkeypatch):
    """The same report with its closed-question complements shown (as if none had been
    chosen; the reader-view tables carry no hidden value to show) must fail the final proof:
    the proof is not taken from the plan's own search."""
    from analysis.report import stage
    from survey.anonymise.disclosure_audit import PUBLISHED, SECONDARY

    original = stage.audited_problem
    shown: list = []

    def without_complements(*a, **k):
        problem = original(*a, **k)
        for key, status in problem.status.items():
            if status == SECONDARY and problem.values[key] is not None:
                problem.status[key] = PUBLISHED
                shown.append(key)
        return problem

    monkeypatch.setattr(stage, "audited_problem", without_complements)
    with pytest.raises(stage.NotFinalError, match="disclosure audit fails"):
        stage.report_stage(ctx, make_report_data(min_count=4), final=True, pdf=False)
    assert shown
    assert not ctx.out_dir.exists()  # nothing written


def test_final_audit_leaves_out_only_pieces_the_plan_already_proved(ctx, monkeypatch):
    """The closed-question plan was protected until its own audit passed: the final proof
    does not repeat it, and still audits the tables as a reader sees them. Its verdict is the
    full audit's."""
    from analysis.report import stage
    from survey.anonymise import disclosure_audit as da

    audited: list = []
    original = da.audit

    def recording(problem, **k):
        audited.extend(problem.status)
        return original(problem, **k)

    monkeypatch.setattr(da, "audit", recording)
    data = make_report_data(min_count=4)
    stage.report_stage(ctx, data, final=True, pdf=False)
    # reader-view tables, and the theme tables' layers (analysis.report.theme_plan)
    assert audited and all(k[0] in ("table", "theme") for k in audited)
    problem = stage.audited_problem(data, None)
    plan_keys = {k for k, s in problem.status.items() if s in ("primary", "secondary")}
    assert plan_keys  # the closed plan hides cells, which the final proof left out
    audited.clear()
    full = original(problem)
    assert stage.final_audit(data, problem).passed == full.passed
    assert not audited  # nothing left to prove: every piece is the plan's own
