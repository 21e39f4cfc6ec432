"""Issue 14's workspace test, end to end: a copy of the session's demo run (SYNTHETIC),
``voices validation-sample`` draws a sample, a figure is "draft" in the report; a coder logs in
to the workspace (in-process ASGI, form login, CSRF header), works through the validation-sample
queue (blind) and submits a decision on every queued segment; the report stage is run again and
the same code's figure is "estimated", with n reviewed > 0 and a 95% interval, in report.xlsx
and report.html.

The coder's "truth" is made by the test: the codes the machine suggested on the segment, except
on every third segment, where the coder rejects them all (so the sample measures real errors).
Every segment of a sampled respondent is decided, so each respondent counts as reviewed (the
estimator's rule: all of a respondent's segments have a current human decision).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from lxml import html as lxml_html
from openpyxl import load_workbook
from typer.testing import CliRunner

from voices.cli import app as cli_app
from analysis.project import load_codebook, resolve_project
from analysis.store import Store
from analysis.validation import NONE_STRATUM
from survey.config import load_project

pytestmark = [pytest.mark.slow]
PASSWORD = "synthetic pass phrase for tests"


def _cheap_hash() -> str:
    """argon2id with tiny costs (verification reads them from the hash): a fast login."""
    from argon2 import PasswordHasher

    return PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash(PASSWORD)


def _report(project: Path, out: Path) -> None:
    from analysis.pipeline import run_stages

    run_stages(project, out_dir=out, stages=("report",), say=lambda _s: None,
               report_options={"pdf": False})


def _xlsx_rows(out: Path) -> list[dict]:
    """The Theme prevalence sheet's table as dicts (header row found by its 'Status' cell)."""
    wb = load_workbook(out / "report.xlsx", read_only=True)
    rows = [[c for c in r] for r in wb["Theme prevalence"].iter_rows(values_only=True)]
    wb.close()
    head = next(i for i, r in enumerate(rows) if "Status" in r and "Code" in r)
    names = rows[head]
    return [dict(zip(names, r, strict=False)) for r in rows[head + 1:]
            if any(v is not None for v in r)]


def _html_rows(out: Path) -> list[dict]:
    """Rows of every HTML theme table (a Code column and "% (95% CI)" columns), keyed by the
    header cells' text, each with the notes under its table as ``"Notes"`` (where the chapter
    says how the theme's figures were coded)."""
    doc = lxml_html.fromstring((out / "report.html").read_text(encoding="utf-8"))
    found = []
    for table in doc.iter("table"):
        heads = [" ".join(th.text_content().split()) for th in table.xpath(".//thead//th")]
        if "Code" not in heads or not any(h.endswith("% (95% CI)") for h in heads):
            continue
        after = table.getparent().getnext()
        notes = " ".join(after.text_content().split()) if after is not None else ""
        for tr in table.xpath(".//tbody/tr"):
            cells = [" ".join(td.text_content().split()) for td in tr.xpath("./th|./td")]
            found.append({**dict(zip(heads, cells, strict=False)), "Notes": notes})
    return found


def _code_rows(rows: list[dict], label: str) -> list[dict]:
    """Code-level rows of the workbook's theme prevalence table for one code label."""
    return [r for r in rows if str(r.get("Level")) == "code" and str(r.get("Code")) == label]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory, demo_dir: Path,
            demo_output: Path) -> tuple[Path, Path]:
    """The demo copied, and a copy of the session's whole demo run (ingested, segmented,
    suggested; the test draws the sample and makes the report again)."""
    root = tmp_path_factory.mktemp("validation_ws")
    proj, out = root / "demo", root / "out"
    shutil.copytree(demo_dir, proj)
    shutil.copytree(demo_output, out)
    return proj, out


def test_reviewing_the_validation_sample_turns_a_draft_figure_into_an_estimate(project):
    from starlette.testclient import TestClient

    from workspace.app import create_app
    from workspace.server import settings_for

    proj, out = project
    res = CliRunner().invoke(cli_app, ["validation-sample", str(proj), "--out", str(out),
                                       "--size", "12", "--per-code", "2", "--seed", "5"])
    assert res.exit_code == 0, res.output
    assert "validation sample:" in res.output
    store_path = out / "project.sqlite"
    with Store(store_path) as st:
        sample = st.read_validation_sample()
        st.add_user("coder_v", role="coder", password_hash=_cheap_hash())
        codings = st.read_codings(current_only=True)
    assert len(sample) > 0
    machine = codings[(codings["source"] != "human") & (codings["status"] == "suggested")]
    suggested = machine.groupby(machine["segment_id"].astype(str))["code_id"].agg(set).to_dict()
    # the code to follow: the sample's largest stratum (a predicted code, so some sampled
    # respondents are predicted to have it and others not: both cells get reviewed cases)
    strata = sample.drop_duplicates("unit_id")["stratum"]
    target = str(strata[strata != NONE_STRATUM].value_counts().index[0])
    cb = load_codebook(load_project(resolve_project(proj)))
    label = next(c.label for c in cb.active_codes if c.id == target)

    _report(proj, out)  # a sample drawn but not reviewed: still a draft
    before = _code_rows(_xlsx_rows(out), label)
    assert before and all(r["Status"] == "draft" for r in before), before

    client = TestClient(create_app(settings_for(proj, out)), base_url="http://127.0.0.1")
    with client:
        page = client.get("/login")
        token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
        r = client.post("/login", data={"csrf": token, "username": "coder_v",
                                        "password": PASSWORD}, follow_redirects=False)
        assert r.status_code == 303
        page = client.get("/queue?queue=validation")
        assert page.status_code == 200
        client.headers["X-CSRF-Token"] = re.search(
            r'<meta name="csrf" content="([^"]+)"', page.text).group(1)
        # a write without the CSRF header is refused
        first = str(sample["segment_id"].iloc[0])
        bare = client.post(f"/api/segments/{first}/submit", json={"codes": []},
                           headers={"X-CSRF-Token": "wrong"})
        assert bare.status_code == 403
        done: list[str] = []
        nxt = client.get("/api/queue/next", params={"queue": "validation"}).json()
        while nxt["segment_id"] is not None:
            sid = nxt["segment_id"]
            assert sid not in done, "the queue offered a decided segment again"
            seg = nxt["segment"]
            assert not seg.get("suggestions"), "the validation queue must be blind"
            codes = [] if len(done) % 3 == 2 else sorted(suggested.get(sid, set()))
            r = client.post(f"/api/segments/{sid}/submit",
                            json={"codes": codes, "queue": "validation"})
            assert r.status_code == 200, r.text
            done.append(sid)
            nxt = client.get("/api/queue/next",
                             params={"queue": "validation", "after": sid}).json()
    assert sorted(done) == sorted(sample["segment_id"].astype(str)), \
        "every queued segment is offered once"

    _report(proj, out)
    after = _code_rows(_xlsx_rows(out), label)
    assert after and all(r["Status"] == "estimated" for r in after), after
    with_pct = [r for r in after if r["%"] is not None]
    assert with_pct, "no published percentage for the code"
    for r in with_pct:
        assert int(r["Reviewed (n)"]) > 0
        lo, pct, hi = float(r["95% CI low"]), float(r["%"]), float(r["95% CI high"])
        assert lo <= pct <= hi and hi > lo, r
    # the HTML theme table: one row per code, "<cohort> % (95% CI)" cells, the coding in a note
    html = [r for r in _html_rows(out) if r.get("Code") == label]
    assert len(html) == 1, html
    assert "estimated from a sample people reviewed" in html[0]["Notes"], html
    for r in with_pct:  # the workbook stores shares (0.0% format), the page percentages
        pct, lo, hi = (100 * float(r[k]) for k in ("%", "95% CI low", "95% CI high"))
        assert html[0][f"{r['Cohort']} % (95% CI)"] == f"{pct:.1f} ({lo:.1f}\u2013{hi:.1f})"
