"""Write the SYNTHETIC Survivor Voices demo project into ``data/demo/`` (deterministic, seeded).

Every response, transcript, name, number, address and place written by this script is invented.
Run from the repository root::

    .venv/bin/python tools/make_demo.py            # rewrites data/demo/ byte for byte the same
    .venv/bin/python tools/make_demo.py --out DIR  # writes the same files into DIR instead

What it writes (paths relative to the demo folder): ``project.yaml``, ``instrument.yaml``,
``codebook.yaml``, ``README.md``, ``planted_identifiers.json``,
``exports/survivor_survey_smartsurvey.xlsx`` (83 responses, SmartSurvey-style, one header row),
``exports/professional_survey_surveymonkey.csv`` (128 responses, SurveyMonkey expanded layout,
two header rows), six interview transcripts in ``transcripts/`` (3 .txt, 2 .docx, 1 .vtt), and a
smaller wave 2 in the same layouts (``exports/*_wave2_*``: 40 survivors, 60 professionals).

The invented content (instrument, codebook, sentence banks per question, planted identifiers,
transcripts) lives in ``demo_content.py`` beside this file, so a reviewer can read every invented
sentence in one place; this file is the code that writes it out.

Determinism: ``random.Random(seed)`` only (one per file), fixed timestamps, fixed workbook and
document properties, and every zip member of ``.xlsx``/``.docx`` rewritten with a fixed date.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import random
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from survey.atomic import atomic_open, atomic_path  # noqa: E402

if str(Path(__file__).resolve().parent) not in sys.path:  # demo_content.py sits beside this file
    sys.path.insert(0, str(Path(__file__).resolve().parent))
from demo_content import (  # noqa: E402  (tools/ is put on the path above)
    ABOUT,
    CONFIDENCE,
    CONSENT_YES,
    EMERGENT_COUNTS,
    EMERGENT_PROFESSIONAL,
    EMERGENT_SURVIVOR,
    INTRO,
    LOWERABLE,
    NARRATIVE,
    NON_ANSWERS,
    OPENERS,
    OTHER_SPECIFY,
    OTHER_SPECIFY_TEXTS,
    OUTRO,
    PNTS,
    PROFESSIONAL_BANK,
    PROFESSIONAL_META,
    PROFESSIONAL_META_W2,
    PROFESSIONAL_PLANTS,
    PROFESSIONAL_PLANTS_W2,
    PROFESSIONAL_SERVICES,
    QUESTIONS,
    QUICK_EXIT,
    SATISFACTION,
    SERVICES,
    SIGNPOSTING,
    SURVIVOR_BANK,
    SURVIVOR_META,
    SURVIVOR_META_W2,
    SURVIVOR_PLANTS,
    SURVIVOR_PLANTS_W2,
    SURVIVOR_SERVICES,
    THEMES,
    TRANSCRIPTS,
    question_options,
)

SEED = 13
N_SURVIVORS = 83
N_PROFESSIONALS = 128
FIXED_DATETIME = dt.datetime(2025, 9, 1, 9, 0, 0)
ZIP_DATE = (2025, 9, 1, 9, 0, 0)
SURVIVOR_XLSX = "exports/survivor_survey_smartsurvey.xlsx"
PROFESSIONAL_CSV = "exports/professional_survey_surveymonkey.csv"
# Wave 2: a smaller follow-up survey a year later, after a new pathway (same platforms).
N_SURVIVORS_W2 = 40
N_PROFESSIONALS_W2 = 60
SURVIVOR_XLSX_W2 = "exports/survivor_survey_wave2_smartsurvey.xlsx"
PROFESSIONAL_CSV_W2 = "exports/professional_survey_wave2_surveymonkey.csv"
SYNTHETIC_NOTE = ("SYNTHETIC DATA: every response in this file is invented for the Survivor Voices "
                  "demo.")
TRANSCRIPT_NOTE = "SYNTHETIC transcript: invented for the Survivor Voices demo"
DENY_PLACES = ["Kestrel Fields", "Marshbury", "Eastholt", "Saltmead", "Lowfield"]
ALLOW_TERMS = ["SARC", "ISVA", "Rape Crisis", "NHS", "Samaritans", "Citizens Advice",
               "Victim Support", "Survivors Trust"]

# --------------------------------------------------------------------------------------------
# Code
# --------------------------------------------------------------------------------------------


class Planted:
    """Collects ``{"file", "value", "label"}`` records of every planted identifier."""

    def __init__(self) -> None:
        self.items: list[dict[str, str]] = []

    def add(self, file: str, value: str, label: str) -> None:
        """Record one planted value (once per file)."""
        record = {"file": file, "value": value, "label": label}
        if record not in self.items:
            self.items.append(record)


def _weighted(rng: random.Random, options: Sequence[str], weights: Sequence[float]) -> str:
    return rng.choices(list(options), weights=list(weights), k=1)[0]


def _with_opener(rng: random.Random, sentence: str) -> str:
    first = sentence.split(" ", 1)[0]
    if first in LOWERABLE and rng.random() < 0.18:
        return rng.choice(OPENERS) + sentence[0].lower() + sentence[1:]
    return sentence


def fits(sentence: str, person: dict[str, Any]) -> bool:
    """False when a first-person sentence contradicts the respondent's closed answers."""
    gender, orientation = person.get("gender"), person.get("sexual_orientation")
    s = sentence.lower()
    if "as a man" in s or "works with men made me" in s or "assumed men couldn't" in s:
        return gender == "Man"
    if "bisexual woman" in s:
        return gender == "Woman" and orientation == "Bisexual"
    if "non-binary person" in s:
        return gender == "Non-binary"
    if "my partner" in s or "assume i had a boyfriend" in s:
        return orientation in ("Gay or lesbian", "Bisexual", "Another orientation")
    return True


def compose_answer(rng: random.Random, bank: list[tuple[str | None, str]], *,
                   boost: Sequence[str] = (), person: dict[str, Any] | None = None,
                   p_blank: float = 0.12, p_non_answer: float = 0.06) -> str:
    """Compose one free-text answer of 1-4 sentences from a bank (or a blank / non-answer).

    Args:
        rng: The seeded random source.
        bank: ``(code id or None, sentence)`` pairs for the question.
        boost: Code ids made three times as likely (e.g. men's answers boost ``groups_men``).
        person: The respondent's closed answers, so first-person sentences stay consistent.
        p_blank: Chance of an empty answer.
        p_non_answer: Chance of a non-answer such as ``n/a``.

    Returns:
        The answer text ("" for blank).
    """
    r = rng.random()
    if r < p_blank:
        return ""
    if r < p_blank + p_non_answer:
        return rng.choice(NON_ANSWERS)
    k = rng.choices([1, 2, 3, 4], weights=[0.38, 0.37, 0.19, 0.06], k=1)[0]
    bank = [(code, text) for code, text in bank if fits(text, person or {})]
    weights = [3.0 if code in boost else 1.0 for code, _ in bank]
    picked: list[str] = []
    while len(picked) < min(k, len(bank)):
        sentence = rng.choices(bank, weights=weights, k=1)[0][1]
        if sentence not in picked:
            picked.append(sentence)
    picked[0] = _with_opener(rng, picked[0])
    sep = "\n" if k >= 2 and rng.random() < 0.06 else " "
    return sep.join(picked)


def plant(rng: random.Random, rows: list[dict[str, Any]],
          plants: list[tuple[str, str, list[tuple[str, str]]]], planted: Planted,
          file: str) -> None:
    """Put each planted sentence into a different respondent's answer to its question."""
    used: dict[str, set[int]] = {}
    for qid, sentence, values in plants:
        taken = used.setdefault(qid, set())
        choices = [i for i in range(len(rows)) if i not in taken and fits(sentence, rows[i])]
        i = rng.choice(choices)
        taken.add(i)
        current = rows[i][qid]
        if not current or current in NON_ANSWERS:
            rows[i][qid] = sentence
        elif rng.random() < 0.5:
            rows[i][qid] = f"{current} {sentence}"
        else:
            rows[i][qid] = f"{sentence} {current}"
        for value, label in values:
            if value not in sentence:
                raise ValueError(f"planted value {value!r} is not in its sentence")
            planted.add(file, value, label)


def _start_times(rng: random.Random, n: int, first: dt.datetime,
                 days: int) -> list[tuple[dt.datetime, dt.datetime]]:
    starts = []
    for _ in range(n):
        day = first + dt.timedelta(days=rng.randrange(days))
        starts.append(day.replace(hour=rng.randrange(7, 23), minute=rng.randrange(60),
                                  second=rng.randrange(60)))
    starts.sort()
    return [(s, s + dt.timedelta(minutes=rng.randrange(5, 36), seconds=rng.randrange(60)))
            for s in starts]


def _ips(rng: random.Random, n: int, k: int) -> dict[int, str]:
    prefixes = ["192.0.2.", "198.51.100.", "203.0.113."]
    rows = sorted(rng.sample(range(n), k))
    out: dict[int, str] = {}
    seen: set[str] = set()
    for i in rows:
        ip = f"{rng.choice(prefixes)}{rng.randrange(2, 250)}"
        while ip in seen:
            ip = f"{rng.choice(prefixes)}{rng.randrange(2, 250)}"
        seen.add(ip)
        out[i] = ip
    return out


def survivor_rows(seed: int, planted: Planted, *, wave: int = 1) -> list[dict[str, Any]]:
    """The invented survivor responses of a wave (83 in wave 1, 40 in wave 2): closed answers,
    free text, metadata. Wave 2 comes after a new pathway: more satisfied, more knew where to
    go for help."""
    w2 = wave == 2
    n = N_SURVIVORS_W2 if w2 else N_SURVIVORS
    file = SURVIVOR_XLSX_W2 if w2 else SURVIVOR_XLSX
    rng = random.Random(f"{seed}-survivors" + ("-w2" if w2 else ""))
    rows: list[dict[str, Any]] = []
    times = (_start_times(rng, n, dt.datetime(2026, 3, 2), 60) if w2 else
             _start_times(rng, n, dt.datetime(2025, 3, 3), 118))
    sat_w = [5, 10, 18, 42, 25] if w2 else [13, 20, 22, 30, 15]
    knew_w = [46, 30, 20, 4] if w2 else [24, 30, 40, 6]
    for i in range(n):
        gender = _weighted(rng, question_options("gender"), [70, 14, 5, 2, 6])
        orientation = _weighted(rng, question_options("sexual_orientation"), [62, 10, 14, 4, 10])
        reported = _weighted(rng, ["Yes", "No", PNTS], [42, 50, 8] if w2 else [34, 56, 10])
        row: dict[str, Any] = {
            "age_band": _weighted(rng, question_options("age_band"), [3, 22, 27, 20, 13, 6, 2, 7]),
            "gender": gender, "sexual_orientation": orientation,
            "ethnicity": _weighted(rng, question_options("ethnicity"), [66, 8, 6, 7, 6, 2, 5]),
            "disability": _weighted(rng, ["Yes", "No", PNTS], [31, 58, 11]),
            "satisfaction_overall": _weighted(rng, SATISFACTION, sat_w),
            "reported_police": reported,
            "knew_where_help": _weighted(rng, ["Yes", "Partly", "No", PNTS], knew_w),
            "consent": CONSENT_YES,
        }
        n_services = rng.choices([0, 1, 2, 3, 4], weights=[6, 26, 34, 24, 10], k=1)[0]
        pool = SURVIVOR_SERVICES[:-1]
        picked = set(rng.sample(pool, n_services))
        row["services_used"] = ({"None of these"} if not picked else picked)
        boost = []
        if gender == "Man":
            boost.append("groups_men")
        if orientation in ("Gay or lesbian", "Bisexual") or gender == "Non-binary":
            boost.append("groups_lgbtq")
        if reported == "No":
            boost.extend(["reporting_conviction_doubt", "reporting_fear"])
        if row["age_band"] in ("16-17", "18-24"):
            boost.append("groups_children")
        for qid in ("helped", "would_have_helped", "barriers", "anything_else"):
            p_blank = 0.30 if qid == "anything_else" else 0.10
            row[qid] = compose_answer(rng, SURVIVOR_BANK[qid], boost=boost, person=row,
                                      p_blank=p_blank)
        row["started"], row["ended"] = times[i]
        row["user_id"] = (61873200 if w2 else 51873200) + i * 7 + rng.randrange(7)
        rows.append(row)
    if not w2:
        for i, label in zip(rng.sample(range(n), 3),
                            ["Disatisfied", "Very satisified", "Satisified"], strict=True):
            row = rows[i]
            row["satisfaction_overall"] = label
    meta = SURVIVOR_META_W2 if w2 else SURVIVOR_META
    meta_rows = rng.sample(range(n), len(meta))
    for i, (name, email) in zip(meta_rows, meta, strict=True):
        rows[i]["name"], rows[i]["email"] = name, email
        for value, label in ((name, "PERSON"), (email, "EMAIL_ADDRESS")):
            if value:
                planted.add(file, value, label)
    for i, ip in _ips(rng, n, 5 if w2 else 14).items():
        rows[i]["ip"] = ip
        planted.add(file, ip, "IP_ADDRESS")
    plant(rng, rows, SURVIVOR_PLANTS_W2 if w2 else SURVIVOR_PLANTS, planted, file)
    plant_emergent(seed, rows, EMERGENT_SURVIVOR, wave=wave, cohort="survivor",
                   planted_sentences=[p[1] for p in SURVIVOR_PLANTS_W2 + SURVIVOR_PLANTS])
    return rows


def plant_emergent(seed: int, rows: list[dict[str, Any]], bank: list[tuple[str, str]], *,
                   wave: int, cohort: str, planted_sentences: list[str]) -> None:
    """Make a few respondents' answers about the emergent theme (own random stream, so the
    rest of the demo is unchanged by it). An answer holding a planted identifier is never
    replaced."""
    rng = random.Random(f"{seed}-emergent-{cohort}-w{wave}")
    k = EMERGENT_COUNTS[(wave, cohort)]
    slots = [(i, qid) for i in range(len(rows)) for qid in dict.fromkeys(q for q, _ in bank)
             if not any(p in (rows[i][qid] or "") for p in planted_sentences)]
    picked = rng.sample(slots, k)
    used: set[int] = set()
    for i, qid in picked:
        if i in used:
            continue
        used.add(i)
        choices = [text for q, text in bank if q == qid]
        rows[i][qid] = " ".join(rng.sample(choices, min(len(choices), rng.choice([1, 2]))))


def professional_rows(seed: int, planted: Planted, *, wave: int = 1) -> list[dict[str, Any]]:
    """The invented professional responses of a wave (128 in wave 1, 60 in wave 2; more had
    training by wave 2)."""
    w2 = wave == 2
    n = N_PROFESSIONALS_W2 if w2 else N_PROFESSIONALS
    file = PROFESSIONAL_CSV_W2 if w2 else PROFESSIONAL_CSV
    rng = random.Random(f"{seed}-professionals" + ("-w2" if w2 else ""))
    rows: list[dict[str, Any]] = []
    times = (_start_times(rng, n, dt.datetime(2026, 4, 6), 60) if w2 else
             _start_times(rng, n, dt.datetime(2025, 4, 7), 99))
    respondent = 12846203917 if w2 else 11846203917
    for i in range(n):
        trained = _weighted(rng, ["Yes", "No"], [72, 28] if w2 else [48, 52])
        conf_w = [3, 12, 20, 45, 20] if trained == "Yes" else [14, 34, 24, 22, 6]
        row: dict[str, Any] = {
            "role_sector": _weighted(rng, question_options("role_sector"), [16, 24, 14, 18, 8, 12, 5, 3]),
            "years_in_role": _weighted(rng, question_options("years_in_role"), [10, 22, 30, 20, 18]),
            "trained_disclosures": trained,
            "confidence": _weighted(rng, CONFIDENCE, conf_w),
            "services_referred": set(rng.sample(PROFESSIONAL_SERVICES,
                                                rng.choices([0, 1, 2, 3, 4, 5],
                                                            weights=[5, 18, 30, 25, 15, 7])[0])),
            "other_specify": "",
            "consent": CONSENT_YES,
        }
        boost = ["prof_training", "prof_toolkit"] if trained == "No" else []
        for qid in ("referral_problems", "training_needs", "improve_support", "anything_else"):
            p_blank = 0.45 if qid == "anything_else" else 0.09
            row[qid] = compose_answer(rng, PROFESSIONAL_BANK[qid], boost=boost, p_blank=p_blank)
        row["started"], row["ended"] = times[i]
        respondent += rng.randrange(200_000, 9_000_000)
        row["respondent_id"] = respondent
        row["collector_id"] = _weighted(rng, ["452118903", "452119377"], [70, 30])
        rows.append(row)
    if not w2:
        for i, (text, values) in zip(rng.sample(range(n), len(OTHER_SPECIFY_TEXTS)),
                                     OTHER_SPECIFY_TEXTS, strict=True):
            rows[i]["other_specify"] = text
            for value, label in values:
                planted.add(file, value, label)
    meta = PROFESSIONAL_META_W2 if w2 else PROFESSIONAL_META
    meta_rows = rng.sample(range(n), len(meta))
    for i, (first, last, email) in zip(meta_rows, meta, strict=True):
        rows[i]["first"], rows[i]["last"], rows[i]["email"] = first, last, email
        for value, label in ((first, "PERSON"), (last, "PERSON"), (email, "EMAIL_ADDRESS")):
            if value:
                planted.add(file, value, label)
    for i, ip in _ips(rng, n, 6 if w2 else 16).items():
        rows[i]["ip"] = ip
        planted.add(file, ip, "IP_ADDRESS")
    plant(rng, rows, PROFESSIONAL_PLANTS_W2 if w2 else PROFESSIONAL_PLANTS, planted, file)
    if not w2:
        # Curly quotes and doubled quotes in a few answers (the csv module escapes the latter).
        for i in rng.sample(range(n), 4):
            if rows[i]["improve_support"]:
                rows[i]["improve_support"] += " We’re told it’s “in the pipeline”."
        for i in rng.sample(range(n), 3):
            if rows[i]["referral_problems"]:
                rows[i]["referral_problems"] += (' One service told us "we\'ll call you back" '
                                                 'and never did.')
    plant_emergent(seed, rows, EMERGENT_PROFESSIONAL, wave=wave, cohort="professional",
                   planted_sentences=[p[1] for p in PROFESSIONAL_PLANTS_W2 + PROFESSIONAL_PLANTS])
    return rows


def _normalised_zip(data: bytes) -> bytes:
    """Rewrite a zip (xlsx/docx) with a fixed date on every member, so bytes are stable."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            zout.writestr(member, zin.read(info.filename))
    return out.getvalue()


def write_survivor_xlsx(rows: list[dict[str, Any]], path: Path) -> None:
    """SmartSurvey-style workbook: one header row on sheet "Responses", an "About" sheet."""
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    wb = Workbook()
    ws = wb.active
    ws.title = "Responses"
    header = ["UserID", "IP Address", "Started", "Ended", "Email", "Name"]
    cols: list[tuple[str, str | None]] = []
    for q in QUESTIONS:
        if "survivor" not in q["cohorts"]:
            continue
        if q["kind"] == "multiple":
            for opt in q["options"]:
                header.append(f"{q['text']} - {opt}")
                cols.append((q["id"], opt))
        else:
            header.append(q["text"])
            cols.append((q["id"], None))
    ws.append(header)
    for row in rows:
        values: list[Any] = [row["user_id"], row.get("ip"),
                             row["started"].strftime("%d/%m/%Y %H:%M"),
                             row["ended"].strftime("%d/%m/%Y %H:%M"), row.get("email"),
                             row.get("name")]
        for qid, opt in cols:
            if opt is None:
                values.append(row[qid] or None)
            else:
                values.append(opt if opt in row[qid] else None)
        ws.append(values)
    about = wb.create_sheet("About")
    about["A1"] = SYNTHETIC_NOTE
    about["A2"] = "Generated by tools/make_demo.py (seeded); SmartSurvey-style layout."
    wb.properties.creator = "Survivor Voices demo generator"
    wb.properties.title = "SYNTHETIC survivor survey export"
    wb.properties.created = FIXED_DATETIME
    wb.properties.modified = FIXED_DATETIME
    wb.properties.lastModifiedBy = "Survivor Voices demo generator"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()
    with atomic_path(path) as tmp:
        tmp.write_bytes(_normalised_zip(buf.getvalue()))


def write_professional_csv(rows: list[dict[str, Any]], path: Path) -> None:
    """SurveyMonkey "expanded" CSV with two header rows."""
    row1 = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address",
            "Email Address", "First Name", "Last Name", "Custom Data 1"]
    row2 = [""] * 9
    cols: list[tuple[str, str | None]] = []
    for q in QUESTIONS:
        if "professional" not in q["cohorts"]:
            continue
        if q["kind"] == "multiple":
            for j, opt in enumerate(q["options"]):
                row1.append(q["text"] if j == 0 else "")
                row2.append(opt)
                cols.append((q["id"], opt))
            row1.append("")
            row2.append(OTHER_SPECIFY)
            cols.append(("other_specify", None))
        else:
            row1.append(q["text"])
            row2.append("Open-Ended Response" if q["kind"] == "text" else "Response")
            cols.append((q["id"], None))
    fmt = "%m/%d/%Y %I:%M:%S %p"
    with atomic_open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(row1)
        writer.writerow(row2)
        for row in rows:
            values = [str(row["respondent_id"]), row["collector_id"],
                      row["started"].strftime(fmt), row["ended"].strftime(fmt),
                      row.get("ip") or "", row.get("email") or "", row.get("first") or "",
                      row.get("last") or "", ""]
            for qid, opt in cols:
                if opt is None:
                    values.append(row[qid] or "")
                else:
                    values.append(opt if opt in row[qid] else "")
            writer.writerow(values)


def _turn_lines(transcript: dict[str, Any]) -> list[tuple[str, str]]:
    """(speaker, text) per line; a continuation line has speaker ""."""
    lines: list[tuple[str, str]] = []
    for is_participant, text in transcript["turns"]:
        speaker = transcript["speaker"] if is_participant else "Interviewer"
        first, *rest = text.split("\n")
        lines.append((speaker, first))
        lines.extend(("", more) for more in rest)
    return lines


def _check_plants(transcript: dict[str, Any]) -> None:
    full = " ".join(text for _, text in transcript["turns"])
    for value, _ in transcript["plants"]:
        if value not in full:
            raise ValueError(f"planted value {value!r} is missing from {transcript['file']}")


def write_transcript_txt(transcript: dict[str, Any], path: Path, number: int) -> None:
    """A plain-text transcript with ``Speaker: text`` turns and a first comment line."""
    out = [f"# {TRANSCRIPT_NOTE}",
           f"# Interview {number:02d}, survivor cohort. Every name, place and number is fictional.",
           ""]
    for speaker, text in _turn_lines(transcript):
        out.append(f"{speaker}: {text}" if speaker else text)
    with atomic_open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(out) + "\n")


def write_transcript_docx(transcript: dict[str, Any], path: Path, number: int) -> None:
    """A Word transcript: a SYNTHETIC first paragraph, then ``Speaker: text`` paragraphs."""
    import docx

    document = docx.Document()
    document.add_paragraph(f"{TRANSCRIPT_NOTE}. Interview {number:02d}, survivor cohort; every "
                           "name, place and number is fictional.")
    for speaker, text in _turn_lines(transcript):
        document.add_paragraph(f"{speaker}: {text}" if speaker else text)
    props = document.core_properties
    props.author = "Survivor Voices demo generator"
    props.last_modified_by = "Survivor Voices demo generator"
    props.title = "SYNTHETIC interview transcript"
    props.created = FIXED_DATETIME
    props.modified = FIXED_DATETIME
    props.revision = 1
    buf = io.BytesIO()
    document.save(buf)
    with atomic_path(path) as tmp:
        tmp.write_bytes(_normalised_zip(buf.getvalue()))


def _vtt_time(seconds: float) -> str:
    ms = int(round(seconds * 1000))
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


def write_transcript_vtt(transcript: dict[str, Any], path: Path, number: int) -> None:
    """A WebVTT transcript with a NOTE block and ``<v Speaker>`` voice spans."""
    out = ["WEBVTT", "",
           f"NOTE {TRANSCRIPT_NOTE}.",
           f"Interview {number:02d}, survivor cohort; every name, place and number is fictional.",
           ""]
    t = 1.0
    for speaker, text in _turn_lines(transcript):
        length = max(2.5, len(text) / 14)
        out += [f"{_vtt_time(t)} --> {_vtt_time(t + length)}", f"<v {speaker}>{text}</v>", ""]
        t += length + 0.6
    with atomic_open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(out))


def project_yaml() -> str:
    """The demo's ``project.yaml`` text."""
    return (
        "# SYNTHETIC demo project: every response is invented.\n"
        "name: Demo JSNA sexual violence survey (synthetic)\n"
        "instrument: instrument.yaml\n"
        "codebook: codebook.yaml\n"
        f"seed: {SEED}\n"
        "sources:\n"
        f"  - {{path: {SURVIVOR_XLSX}, cohort: survivor, platform: auto, "
        "date_order: dayfirst}\n"
        f"  - {{path: {PROFESSIONAL_CSV}, cohort: professional, platform: auto, "
        "date_order: monthfirst}\n"
        "  - {path: transcripts/, cohort: survivor, kind: interview}\n"
        f"  - {{path: {SURVIVOR_XLSX_W2}, cohort: survivor, platform: auto, "
        "date_order: dayfirst, wave: 2}\n"
        f"  - {{path: {PROFESSIONAL_CSV_W2}, cohort: professional, platform: auto, "
        "date_order: monthfirst, wave: 2}\n"
        "anonymise:\n"
        f"  allow: [{', '.join(ALLOW_TERMS)}]\n"
        f"  deny: [{', '.join(DENY_PLACES)}]\n"
        "disclosure: {min_count: 5}\n"
        "# national prevalence rates and local populations for the prevalence gap (published\n"
        "# example figures, not survey data)\n"
        "prevalence: prevalence.csv\n"
        "# the chapter's introduction and local services (SYNTHETIC)\n"
        + yaml.dump({"about": ABOUT, "services": SERVICES}, Dumper=_DemoDumper,
                    sort_keys=False, allow_unicode=True, width=100)
    )


def instrument_dict() -> dict[str, Any]:
    """The instrument as plain data (read_instrument's YAML layout)."""
    return {"name": "Demo JSNA sexual violence survey instrument (synthetic)", "version": 1,
            "intro": INTRO, "signposting": SIGNPOSTING, "quick_exit": QUICK_EXIT,
            "outro": OUTRO, "questions": QUESTIONS}


def codebook_dict() -> dict[str, Any]:
    """The codebook as plain data."""
    return {"name": "Demo JSNA codebook (synthetic)", "version": 1, "themes": THEMES}


class _DemoDumper(yaml.SafeDumper):
    """Indents block sequences under their key; lists of short strings go in flow style."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:  # noqa: D102
        super().increase_indent(flow, False)


def _represent_list(dumper: yaml.SafeDumper, data: list) -> yaml.Node:
    flow = all(isinstance(x, str) and len(x) <= 40 for x in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_DemoDumper.add_representer(list, _represent_list)


def _dump_yaml(data: dict[str, Any], path: Path, comment: str) -> None:
    text = yaml.dump(data, Dumper=_DemoDumper, sort_keys=False, allow_unicode=True, width=100)
    with atomic_open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(f"# {comment}\n{text}")


def readme(counts: dict[str, int]) -> str:
    """The demo folder's README (the SYNTHETIC marker for the CSV too)."""
    return f"""# Survivor Voices demo project (SYNTHETIC)

**Every file in this folder is SYNTHETIC.** Every response, transcript, name, email address,
phone number, street address, postcode, school, employer, date, handle and reference number is
invented for the Survivor Voices demo. No real survey text is used anywhere. Phone numbers are in
Ofcom's drama ranges, email addresses use `example.*` domains and IP addresses use documentation
ranges.

Regenerate everything byte for byte with `.venv/bin/python tools/make_demo.py` (seed {SEED}).

Files:

- `project.yaml`: project config (sources, allow/deny lists, disclosure control).
- `instrument.yaml`: questions for both cohorts (`survey.instrument` format).
- `codebook.yaml`: {counts['themes']} themes, {counts['codes']} codes.
- `{SURVIVOR_XLSX}`: SYNTHETIC SmartSurvey-style export,
  {counts['survivors']} survivor responses; its sheet "About" says it is synthetic; three Likert
  typos are planted on purpose (they must be reported, not dropped).
- `{PROFESSIONAL_CSV}`: SYNTHETIC SurveyMonkey expanded CSV
  (two header rows), {counts['professionals']} professional responses; this README is its
  synthetic marker.
- `{SURVIVOR_XLSX_W2}` and `{PROFESSIONAL_CSV_W2}`: SYNTHETIC wave 2
  (a smaller follow-up survey a year later, after a new pathway; same platforms):
  {counts['survivors_w2']} survivor and {counts['professionals_w2']} professional responses,
  `wave: 2` in `project.yaml`. Wave 2 survivors were more often satisfied and more often knew
  where to go for help; more professionals had training. No Likert typos in wave 2.
- `transcripts/`: {counts['transcripts']} SYNTHETIC interview transcripts with survivors
  (3 .txt, 2 .docx, 1 .vtt), each marked in its first line or paragraph.
- `prevalence.csv`: `data/reference/prevalence_example.csv`, the EXAMPLE national rates and
  local populations the Thurrock JSNA used, for the report's prevalence gap (published figures,
  not survey data), with the `period` and `definition` of each side: the estimate counts people
  assaulted since the age of 16 (survey), the known figure one year of police-recorded victims,
  so the report says the gap compares unlike things.
- `planted_identifiers.json`: every planted fictional identifier as `file`, `value`, `label`
  ({counts['planted']} records).

`planted_identifiers.json` lists the fictional identifiers planted in free text, transcripts and
identifying metadata columns, so tests can check that none of them reaches any output. Values are
greppable strings (for ages the phrase, e.g. "I was 14").

The instrument follows trauma-informed practice (`voices survey check data/demo` passes):
consent is the only required question, content notes come before sensitive questions, every
sensitive closed question offers "Prefer not to say", support services are signposted at the
start and the end, and there is a quick-exit note.

One emergent theme has NO code in the codebook on purpose: online and app-based support (live
chat, text messaging, apps, video appointments), in a few answers of both waves (more in wave 2),
so the topic model can show it as a candidate new code.

Themes follow what a sexual violence JSNA hears about: fragmented services and differing
eligibility, public transport, not knowing what exists, reasons for not reporting, mental health
and self-harm, housing/work/study/parenting, waiting times, good experiences of specialist services
(SARC, rape crisis centre, ISVAs), one complete assessment after disclosure, children and young
people, under-reported groups, and professionals' training, referral pathways, recording and a
shared toolkit. The text is about services and recovery and never describes abuse.
"""


def generate(out: Path, *, seed: int = SEED) -> dict[str, int]:
    """Write the whole demo project into ``out``.

    Args:
        out: The demo folder (created if missing).
        seed: The seed for every random choice.

    Returns:
        Counts: survivors, professionals, transcripts, themes, codes, planted.
    """
    out = Path(out)
    planted = Planted()
    survivors = survivor_rows(seed, planted)
    professionals = professional_rows(seed, planted)
    write_survivor_xlsx(survivors, out / SURVIVOR_XLSX)
    write_professional_csv(professionals, out / PROFESSIONAL_CSV)
    survivors_w2 = survivor_rows(seed, planted, wave=2)
    professionals_w2 = professional_rows(seed, planted, wave=2)
    write_survivor_xlsx(survivors_w2, out / SURVIVOR_XLSX_W2)
    write_professional_csv(professionals_w2, out / PROFESSIONAL_CSV_W2)
    writers = {".txt": write_transcript_txt, ".docx": write_transcript_docx,
               ".vtt": write_transcript_vtt}
    for number, transcript in enumerate(TRANSCRIPTS, start=1):
        _check_plants(transcript)
        name = transcript["file"]
        writers[Path(name).suffix](transcript, out / "transcripts" / name, number)
        for value, label in transcript["plants"]:
            planted.add(f"transcripts/{name}", value, label)
    with atomic_open(out / "project.yaml", "w", encoding="utf-8", newline="\n") as fh:
        fh.write(project_yaml())
    with atomic_open(out / "narrative.md", "w", encoding="utf-8", newline="\n") as fh:
        fh.write(NARRATIVE)
    reference = Path(__file__).resolve().parent.parent / "data" / "reference"
    with atomic_open(out / "prevalence.csv", "wb") as fh:
        fh.write((reference / "prevalence_example.csv").read_bytes())
    _dump_yaml(instrument_dict(), out / "instrument.yaml", "SYNTHETIC demo instrument")
    _dump_yaml(codebook_dict(), out / "codebook.yaml", "SYNTHETIC demo codebook")
    with atomic_open(out / "planted_identifiers.json", "w", encoding="utf-8", newline="\n") as fh:
        fh.write(json.dumps(planted.items, indent=1, ensure_ascii=False) + "\n")
    counts = {"survivors": len(survivors), "professionals": len(professionals),
              "survivors_w2": len(survivors_w2), "professionals_w2": len(professionals_w2),
              "transcripts": len(TRANSCRIPTS), "themes": len(THEMES),
              "codes": sum(len(t["codes"]) for t in THEMES), "planted": len(planted.items)}
    with atomic_open(out / "README.md", "w", encoding="utf-8", newline="\n") as fh:
        fh.write(readme(counts))
    return counts


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "demo",
                        help="folder to write (default: data/demo)")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    counts = generate(args.out, seed=args.seed)
    print(", ".join(f"{k}: {v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
