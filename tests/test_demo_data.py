"""Checks on the SYNTHETIC demo project in data/demo/ (written by tools/make_demo.py)."""

from __future__ import annotations

import csv
import functools
import hashlib
import importlib.util
import json
import re
from pathlib import Path

import docx
import openpyxl
import pytest
import webvtt
import yaml

from survey.config import load_project
from survey.instrument import read_instrument

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "data" / "demo"
XLSX = DEMO / "exports" / "survivor_survey_smartsurvey.xlsx"
CSV = DEMO / "exports" / "professional_survey_surveymonkey.csv"
XLSX_W2 = DEMO / "exports" / "survivor_survey_wave2_smartsurvey.xlsx"
CSV_W2 = DEMO / "exports" / "professional_survey_wave2_surveymonkey.csv"
TRANSCRIPTS = DEMO / "transcripts"
METADATA_XLSX = ["UserID", "IP Address", "Started", "Ended", "Email", "Name"]
METADATA_CSV = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address",
                "Email Address", "First Name", "Last Name", "Custom Data 1"]
PLANTED = json.loads((DEMO / "planted_identifiers.json").read_text(encoding="utf-8"))


@functools.cache
def _xlsx_rows(path: Path = XLSX) -> list[tuple]:
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return [tuple(r) for r in wb["Responses"].iter_rows(values_only=True)]
    finally:
        wb.close()


@functools.cache
def _csv_rows() -> list[list[str]]:
    with CSV.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


@functools.cache
def _file_text(rel: str) -> str:
    """All text of a demo file, read with the library made for its format."""
    path = DEMO / rel
    if path.suffix == ".xlsx":
        return "\n".join(str(v) for row in _xlsx_rows(path) for v in row if v is not None)
    if path.suffix == ".docx":
        return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    return path.read_text(encoding="utf-8")


def _instrument():
    return read_instrument(DEMO / "instrument.yaml")


def _free_texts() -> list[str]:
    inst = _instrument()
    free = {q.text for q in inst.free_text}
    header, *rows = _xlsx_rows()
    texts = [str(v) for r in rows for h, v in zip(header, r, strict=True) if h in free and v]
    row2 = _csv_rows()[1]
    texts += [v for r in _csv_rows()[2:] for h, v in zip(row2, r, strict=True)
              if h == "Open-Ended Response" and v]
    texts += [_file_text(f"transcripts/{p.name}") for p in sorted(TRANSCRIPTS.iterdir())]
    return texts


def _load_generator():
    spec = importlib.util.spec_from_file_location("make_demo", ROOT / "tools" / "make_demo.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("rel", ["project.yaml", "instrument.yaml", "codebook.yaml", "README.md",
                                 "planted_identifiers.json",
                                 "exports/survivor_survey_smartsurvey.xlsx",
                                 "exports/professional_survey_surveymonkey.csv",
                                 "exports/survivor_survey_wave2_smartsurvey.xlsx",
                                 "exports/professional_survey_wave2_surveymonkey.csv"])
def test_demo_file_exists(rel):
    assert (DEMO / rel).is_file()


def test_demo_survivor_export_has_83_responses():
    header, *rows = _xlsx_rows()
    assert header[:6] == tuple(METADATA_XLSX)
    assert len([r for r in rows if any(v is not None for v in r)]) == 83


def test_demo_professional_export_has_128_responses():
    row1, row2, *rows = _csv_rows()
    assert row1[:9] == METADATA_CSV
    assert row2[:9] == [""] * 9
    assert len(rows) == 128
    assert all(re.fullmatch(r"\d{11}", r[0]) for r in rows)


def test_demo_transcripts_are_six_in_three_formats():
    suffixes = sorted(p.suffix for p in TRANSCRIPTS.iterdir() if p.is_file())
    assert suffixes == [".docx", ".docx", ".txt", ".txt", ".txt", ".vtt"]


def test_demo_instrument_loads_with_cohorts_and_prefer_not_to_say():
    inst = _instrument()
    assert {c for q in inst.questions for c in q.cohorts} == {"survivor", "professional"}
    assert all(q.cohorts for q in inst.questions)
    assert inst.signposting and inst.quick_exit and inst.intro and inst.outro
    sensitive = [q for q in inst.questions if q.sensitive]
    assert len(sensitive) == 5
    assert all("Prefer not to say" in q.labels for q in sensitive)


def test_demo_project_loads_with_two_waves_of_sources():
    cfg = load_project(DEMO)
    assert [s.cohort for s in cfg.sources] == ["survivor", "professional", "survivor",
                                               "survivor", "professional"]
    assert [s.wave for s in cfg.sources] == [1, 1, 1, 2, 2]
    assert [s.date_order for s in cfg.sources[:2]] == ["dayfirst", "monthfirst"]
    assert [s.date_order for s in cfg.sources[3:]] == ["dayfirst", "monthfirst"]
    assert cfg.sources[2].kind == "interview"
    assert all(s.path.exists() for s in cfg.sources)
    assert cfg.instrument.is_file() and cfg.codebook.is_file()
    assert "SARC" in cfg.anonymise.allow and len(cfg.anonymise.deny) >= 3
    assert cfg.disclosure.min_count == 5
    assert (DEMO / "project.yaml").read_text(encoding="utf-8").startswith(
        "# SYNTHETIC demo project: every response is invented.")


def test_demo_xlsx_headers_map_to_instrument_questions():
    inst = _instrument()
    known = set()
    for q in inst.questions:
        if q.asked_of("survivor"):
            names = (q.text, *q.aliases)
            known |= ({f"{q.text} - {o}" for o in q.labels} if q.kind == "multiple"
                      else set(names))
    header = _xlsx_rows()[0]
    assert set(header[6:]) <= known
    assert len(header[6:]) == len(set(header[6:]))


def test_demo_csv_headers_map_to_instrument_questions():
    inst = _instrument()
    row1, row2, *_ = _csv_rows()
    current = None
    for top, sub in zip(row1[9:], row2[9:], strict=True):
        current = top or current
        q = next(q for q in inst.questions if q.text == current)
        if q.kind == "multiple":
            assert sub in q.labels or sub == "Other (please specify)"
        else:
            assert sub == ("Open-Ended Response" if q.kind == "text" else "Response")


def test_demo_xlsx_keeps_three_likert_typos():
    inst = _instrument()
    q = inst.get("satisfaction_overall")
    header, *rows = _xlsx_rows()
    col = header.index(q.text)
    unknown = [r[col] for r in rows if r[col] is not None and r[col] not in q.labels]
    assert sorted(unknown) == ["Disatisfied", "Satisified", "Very satisified"]


def test_demo_free_text_has_non_answers_and_newlines():
    texts = _free_texts()
    assert any(t.strip().lower() in {"n/a", "nothing", "don't know"} for t in texts)
    assert sum("\n" in t for t in texts[:-6]) >= 3


@pytest.mark.parametrize("item", PLANTED, ids=lambda i: f"{i['file']}:{i['label']}")
def test_demo_planted_value_occurs_in_its_file(item):
    assert item["value"] in _file_text(item["file"])


def test_demo_planted_identifiers_cover_every_kind_and_file():
    labels = {i["label"] for i in PLANTED}
    assert {"PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "STREET_ADDRESS", "UK_POSTCODE", "DATE",
            "AGE", "SCHOOL", "ORGANIZATION", "SOCIAL_HANDLE", "REFERENCE_NUMBER", "PLACE",
            "IP_ADDRESS"} <= labels
    files = {i["file"] for i in PLANTED}
    assert len(files) == 10
    free_text = [i for i in PLANTED if i["label"] != "IP_ADDRESS"]
    assert 60 <= len(free_text) <= 160


def test_demo_every_file_carries_synthetic_marker():
    wb = openpyxl.load_workbook(XLSX, read_only=True)
    try:
        assert "SYNTHETIC" in wb["About"]["A1"].value
    finally:
        wb.close()
    readme = (DEMO / "README.md").read_text(encoding="utf-8")
    assert "SYNTHETIC" in readme and CSV.name in readme
    for path in sorted(TRANSCRIPTS.iterdir()):
        if path.suffix == ".docx":
            first = docx.Document(str(path)).paragraphs[0].text
        else:
            first = "\n".join(path.read_text(encoding="utf-8").splitlines()[:3])
        assert "SYNTHETIC transcript" in first, path.name
    for name in ("codebook.yaml", "instrument.yaml"):
        assert (DEMO / name).read_text(encoding="utf-8").startswith("# SYNTHETIC")


def test_demo_wave2_exports_have_40_and_60_responses_in_wave1_layouts():
    wb = openpyxl.load_workbook(XLSX_W2, read_only=True)
    try:
        rows = [tuple(r) for r in wb["Responses"].iter_rows(values_only=True)]
        assert "SYNTHETIC" in wb["About"]["A1"].value
    finally:
        wb.close()
    assert rows[0] == _xlsx_rows()[0]
    assert len([r for r in rows[1:] if any(v is not None for v in r)]) == 40
    with CSV_W2.open(encoding="utf-8", newline="") as fh:
        w2 = list(csv.reader(fh))
    assert w2[:2] == _csv_rows()[:2] and len(w2) - 2 == 60


def test_demo_wave2_satisfaction_changed():
    def share_satisfied(rows: list[tuple]) -> float:
        col = rows[0].index(_instrument().get("satisfaction_overall").text)
        vals = [r[col] for r in rows[1:] if r[col]]
        return sum(v in ("Satisfied", "Very satisfied") for v in vals) / len(vals)

    wb = openpyxl.load_workbook(XLSX_W2, read_only=True)
    try:
        w2 = [tuple(r) for r in wb["Responses"].iter_rows(values_only=True)]
    finally:
        wb.close()
    assert share_satisfied(w2) > share_satisfied(_xlsx_rows()) + 0.15


def test_demo_consent_column_is_yes_for_everyone():
    q = _instrument().get("consent")
    header, *rows = _xlsx_rows()
    col = header.index(q.text)
    assert {r[col] for r in rows} == {q.labels[0]}
    assert q.required and q.consent and q.cohorts == ("survivor", "professional")


def test_demo_emergent_theme_has_no_code_and_occurs_in_both_waves():
    pattern = re.compile(r"online chat|live chat|support app|\bapp\b|text-based|video "
                         r"appointments", re.IGNORECASE)
    codebook = (DEMO / "codebook.yaml").read_text(encoding="utf-8")
    assert not pattern.search(codebook) and "online" not in codebook.lower()
    wave1 = "\n".join(_free_texts())
    wb = openpyxl.load_workbook(XLSX_W2, read_only=True)
    try:
        wave2 = "\n".join(str(v) for r in wb["Responses"].iter_rows(values_only=True)
                          for v in r if isinstance(v, str))
    finally:
        wb.close()
    wave2 += CSV_W2.read_text(encoding="utf-8")
    assert len(pattern.findall(wave1)) >= 10 and len(pattern.findall(wave2)) >= 10


def test_demo_instrument_passes_trauma_informed_checks():
    from survey.checks import check_instrument_file

    assert check_instrument_file(DEMO / "instrument.yaml") == []


def test_demo_vtt_parses_with_voices():
    vtt = webvtt.read(str(TRANSCRIPTS / "interview_06.vtt"))
    voices = {c.voice for c in vtt.captions}
    assert "Interviewer" in voices and len(voices) == 2
    assert len(vtt.captions) >= 10


def test_demo_transcripts_have_10_to_20_turns():
    for path in sorted(TRANSCRIPTS.iterdir()):
        text = _file_text(f"transcripts/{path.name}")
        turns = re.findall(r"^(?:<v )?[A-Z][\w\u00C0-\u017F]+[:>]", text, flags=re.M)
        assert 10 <= len(turns) <= 20, path.name


def test_demo_codebook_layout_and_unique_ids():
    cb = yaml.safe_load((DEMO / "codebook.yaml").read_text(encoding="utf-8"))
    assert cb["name"] == "Demo JSNA codebook (synthetic)" and cb["version"] == 1
    codes = [c for t in cb["themes"] for c in t["codes"]]
    ids = [t["id"] for t in cb["themes"]] + [c["id"] for c in codes]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", i) for i in ids)
    assert 7 <= len(cb["themes"]) <= 9 and 20 <= len(codes) <= 26
    for c in codes:
        assert c["definition"] and c["include"] and c["exclude"] and c["keywords"]
        assert 2 <= len(c["examples"]) <= 3
        assert re.fullmatch(r"#[0-9a-f]{6}", c["colour"])


def test_demo_codebook_keywords_match_answers():
    cb = yaml.safe_load((DEMO / "codebook.yaml").read_text(encoding="utf-8"))
    texts = _free_texts()
    for code in (c for t in cb["themes"] for c in t["codes"]):
        pattern = re.compile(r"\b(?:" + "|".join(re.escape(k) for k in code["keywords"])
                             + r")(?:s|es|d|ed|ing|red)?\b", re.IGNORECASE)
        hits = sum(bool(pattern.search(t)) for t in texts)
        assert hits >= 5, code["id"]


def test_demo_generator_rewrites_identical_bytes(tmp_path):
    _load_generator().generate(tmp_path)
    written = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    shipped = sorted(p.relative_to(DEMO) for p in DEMO.rglob("*") if p.is_file())
    assert written == shipped
    for rel in written:
        assert (hashlib.sha256((tmp_path / rel).read_bytes()).hexdigest()
                == hashlib.sha256((DEMO / rel).read_bytes()).hexdigest()), str(rel)


def test_demo_csv_has_curly_and_doubled_quotes():
    raw = CSV.read_text(encoding="utf-8")
    assert "“" in raw and "’" in raw
    assert '""' in raw.replace(',"",', ",")


def test_demo_deny_places_occur_in_free_text():
    cfg = load_project(DEMO)
    texts = "\n".join(_free_texts())
    for place in cfg.anonymise.deny:
        assert place in texts, place
