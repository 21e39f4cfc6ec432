"""A closed question listed in instrument.yaml that no export carries.

Seen by a newcomer who added a consent question to the inferred instrument: the report stopped
with ``ValueError: published cells contradict a relation: total ('closed', 'consent', '(base)',
...)`` and no file, row or column. Ingest counted no one for the question, so its table said
every respondent answered it and none chose an option; the suppression search refused those
cells. Now every surveyed respondent counts as not answering it, and ingest says so, naming the
instrument file and the question.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from analysis.pipeline import run_stages
from analysis.project import load_codebook
from analysis.report.disclosure import closed_plan
from analysis.report.stage import report_data
from analysis.summarise import closed_tables

ROOT = Path(__file__).resolve().parents[2]
HEADER = "Timestamp,How satisfied were you with the support you received?,What helped you most?"

INSTRUMENT = """name: SYNTHETIC closed question in no export
version: 1
questions:
- id: consent
  text: Do you consent to your answers being used?
  kind: single
  options: [{code: '1', label: 'Yes'}, {code: '2', label: 'No'}]
- id: satisfied
  text: How satisfied were you with the support you received?
  kind: single
  options: [{code: '1', label: Satisfied}, {code: '2', label: Dissatisfied}]
- id: helped
  text: What helped you most?
  kind: text
"""


def _export(path: Path, n: int, month: int, *, every: int) -> None:
    rows = [HEADER]
    for i in range(n):
        # days over 12, so the day-first order is evident from the file
        answer = "Dissatisfied" if i % every == 0 else "Satisfied"
        rows.append(f"{i + 13:02d}/{month:02d}/2026 10:00:00,{answer},"
                    "Being listened to by one worker helped (SYNTHETIC).")
    path.write_text("\r\n".join(rows) + "\r\n", encoding="utf-8")


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("no_export")
    project = folder / "project"
    project.mkdir()
    _export(project / "survivors_SYNTHETIC.csv", 12, 3, every=2)
    _export(project / "professionals_SYNTHETIC.csv", 7, 4, every=3)
    (project / "instrument.yaml").write_text(INSTRUMENT, encoding="utf-8")
    shutil.copy(ROOT / "codebook" / "templates" / "starter.yaml", project / "codebook.yaml")
    (project / "project.yaml").write_text(
        "name: SYNTHETIC\ninstrument: instrument.yaml\ncodebook: codebook.yaml\nsources:\n"
        "  - {path: survivors_SYNTHETIC.csv, cohort: survivor, platform: googleforms}\n"
        "  - {path: professionals_SYNTHETIC.csv, cohort: professional, platform: googleforms}\n",
        encoding="utf-8")
    lines: list[str] = []
    ctx = run_stages(project, out_dir=folder / "out", stages=("ingest",), say=lines.append)
    ctx.codebook = load_codebook(ctx.config)
    with ctx.store:
        data = report_data(ctx)
    return data, lines


def test_question_in_no_export_counts_everyone_as_no_answer(ingested) -> None:
    data, _ = ingested
    t = closed_tables(data)
    consent = t[t["question_id"] == "consent"]
    for cohort, n in (("survivor", 12), ("professional", 7)):
        rows = consent[consent["cohort"] == cohort].set_index("option")
        assert rows.loc["No answer", "count"] == n
        assert rows.loc["Yes", "count"] == rows.loc["No", "count"] == 0
        assert (rows["base"] == 0).all()  # no one answered, so no one is in the base


def test_question_in_no_export_passes_the_suppression_search(ingested) -> None:
    data, _ = ingested
    plan = closed_plan(data, closed_tables)  # raised "published cells contradict a relation"
    assert any(k[1] == "consent" for k in plan)


def test_question_in_no_export_is_named_at_ingest(ingested) -> None:
    _, lines = ingested
    said = [ln for ln in lines if "consent" in ln]
    assert said, lines
    assert "instrument.yaml" in said[0] and "in no export" in said[0]
