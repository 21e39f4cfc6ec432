"""`voices init` marks the consent question ("Do you agree to take part?") as such, so the
report tables it in the appendix and never charts it as a finding; a question about consent in
the services is a finding and stays as it is (synthetic data only)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from survey.project_init import propose_project

TAKE_PART = "Do you agree to take part in this survey? (SYNTHETIC)"
COLUMNS = {
    TAKE_PART: lambda i: "Yes, I agree",
    "How satisfied were you with the support you received?":
        lambda i: ["Satisfied", "Dissatisfied"][i % 2],
    "Did you agree with the decision your worker made?": lambda i: ["Yes", "No"][i % 2],
    "Were you asked for your consent before the examination?":
        lambda i: ["Yes", "No", "Not sure"][i % 3],
    "What helped you most?": lambda i: f"Synthetic answer {i} about being listened to.",
}


def _export(path: Path, headers: list[str]) -> None:
    rows = [["Timestamp", *headers]] + [
        [f"{13 + i}/03/2026 10:00:00", *(COLUMNS[h](i) for h in headers)] for i in range(12)]
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh, lineterminator="\r\n").writerows(rows)


@pytest.mark.parametrize("with_take_part", [True, False])
def test_consent_question_is_marked(tmp_path: Path, with_take_part: bool) -> None:
    headers = [h for h in COLUMNS if with_take_part or h != TAKE_PART]
    _export(tmp_path / "survivors_SYNTHETIC.csv", headers)
    instrument = propose_project(tmp_path).instrument
    consent = [q.text for q in instrument.questions if q.consent]
    assert consent == ([TAKE_PART] if with_take_part else [])
