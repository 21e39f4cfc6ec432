"""Canary: a copy of the SYNTHETIC demo plus one extra transcript of adversarial identifiers is
run end to end with ``analysis.pipeline.run_stages``; no planted identifier may appear in any
output file, in the store's raw bytes, in the progress lines or in captured logs, and the input
files must be byte-identical afterwards.

Every value planted here is invented (Ofcom drama phone range, ``example.*`` e-mail domains).
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from analysis.pipeline import run_stages

#: Adversarial canaries (value as planted -> how it must be searched for in outputs).
ADVERSARIAL_TRANSCRIPT = "\n".join([
    "# SYNTHETIC transcript: invented for the Survivor Voices canary test",
    "# Every name, place and number below is fictional.",
    "",
    "Interviewer: Thank you for talking to us today.",
    "Respondent: My ISVA was Zuzan\u200bna Kowalczyk and she was brilliant with me.",
    "Respondent: My old support worker J.o.r.d.a.n Okonkwo still emails me at "
    "jordan dot okonkwo at example dot org now and then.",
    "Respondent: You can ring me on oh seven seven double oh nine double oh five one two if "
    "you need to.",
    "Respondent: MY COUNSELLOR WAS PRIYANKA RAGHUNATHAN AND SHE HELPED ME MORE THAN ANYONE.",
    "Respondent: Before I moved I lived at 14 Kingfisher Close, postcode RM16 4XB, near the "
    "Belhus estate.",
    "Respondent: The crime reference was 42/118734/24 and my NHS number is 999 123 4560.",
    "Respondent: My friend T\u043emasz Wi\u015bniewski came with me to the SARC.",
    "",
])
#: What must not appear in any output (searched case-insensitively, ignoring invisible marks).
ADVERSARIAL_VALUES = ["Zuzanna", "Kowalczyk", "j.o.r.d.a.n", "Okonkwo", "jordan dot okonkwo",
                      "example dot org", "oh seven seven double oh nine", "PRIYANKA",
                      "RAGHUNATHAN", "Kingfisher Close", "RM16 4XB", "42/118734/24",
                      "999 123 4560", "Wiśniewski", "Belhus"]
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _visible_text(path: Path) -> str:
    """All text a reader of ``path`` could see; for the store, its raw bytes."""
    if path.suffix in {".xlsx", ".docx"}:
        with zipfile.ZipFile(path) as zf:
            return "\n".join(zf.read(n).decode("utf-8", "replace") for n in zf.namelist())
    return path.read_bytes().decode("utf-8", "replace")


def _homoglyph_fold(text: str) -> str:
    from survey.anonymise.normalise import CONFUSABLES

    return "".join(CONFUSABLES.get(c, c) for c in _INVISIBLE.sub("", text))


@pytest.fixture(scope="module")
def canary_run(tmp_path_factory: pytest.TempPathFactory, demo_dir: Path):
    root = tmp_path_factory.mktemp("canary")
    project = root / "project"
    shutil.copytree(demo_dir, project)
    (project / "transcripts" / "interview_99.txt").write_text(ADVERSARIAL_TRANSCRIPT,
                                                              encoding="utf-8")
    cfg = (project / "project.yaml").read_text(encoding="utf-8")
    (project / "project.yaml").write_text(cfg + "topics: {fast: true}\n", encoding="utf-8")
    inputs = {p: _sha(p) for p in sorted(project.rglob("*")) if p.is_file()}
    out = root / "out"
    lines: list[str] = []
    handler_records: list[logging.LogRecord] = []

    class _Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            handler_records.append(record)

    handler = _Keep(level=logging.DEBUG)
    logging.getLogger().addHandler(handler)
    try:
        run_stages(project, out_dir=out, say=lines.append)
    finally:
        logging.getLogger().removeHandler(handler)
    logs = [r.getMessage() for r in handler_records]
    return project, out, inputs, lines + logs


def _planted(project: Path) -> list[str]:
    planted = json.loads((project / "planted_identifiers.json").read_text(encoding="utf-8"))
    return sorted({p["value"] for p in planted} | set(ADVERSARIAL_VALUES))


@pytest.mark.slow
def test_canary_no_identifier_in_outputs_store_or_logs(canary_run) -> None:
    project, out, _, logs = canary_run
    corpus = {f.relative_to(out).as_posix(): _homoglyph_fold(_visible_text(f))
              for f in sorted(out.rglob("*")) if f.is_file() and f.suffix != ".png"}
    corpus["<progress and log lines>"] = _homoglyph_fold("\n".join(logs))
    assert "project.sqlite" in corpus and "anonymisation_log.csv" in corpus
    values = sorted(_planted(project), key=len, reverse=True)
    rx = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, values)) + r")(?!\w)",
                    re.IGNORECASE)
    leaks = {name: len(rx.findall(text)) for name, text in corpus.items() if rx.search(text)}
    # report where and how many, never the values themselves
    assert not leaks, f"planted identifier(s) leaked: {leaks}"


@pytest.mark.slow
def test_canary_inputs_are_byte_identical(canary_run) -> None:
    project, _, inputs, _ = canary_run
    after = {p: _sha(p) for p in sorted(project.rglob("*")) if p.is_file()}
    assert after == inputs
