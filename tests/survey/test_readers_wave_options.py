"""Hints at an option renamed between waves (synthetic fixtures only)."""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

from survey.config import SourceConfig
from survey.instrument import Option
from survey.readers import infer_project_instrument
from survey.readers.wave_options import renamed_option_hints, wave_hints

Q = "Which services have you used? (tick all that apply)"
RENAMED = "ISVA (Independent Sexual Violence Adviser)"


def _export(path: Path, month: int, isva: str) -> Path:
    services = ["SARC", isva, "GP", f"SARC, {isva}", f"{isva}, GP", "SARC, GP"] * 2
    rows = [["Timestamp", Q]] + [[f"{13 + i}/{month:02d}/2026 10:00:00", s]
                                 for i, s in enumerate(services)]
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh, lineterminator="\r\n").writerows(rows)
    return path


def _sources(tmp_path: Path) -> list[SourceConfig]:
    return [SourceConfig(path=_export(tmp_path / "w1.csv", 3, "ISVA service"),
                         cohort="survivor"),
            SourceConfig(path=_export(tmp_path / "w2.csv", 9, RENAMED), cohort="survivor",
                         wave=2)]


def test_renamed_option_is_pointed_at(tmp_path: Path) -> None:
    sources = _sources(tmp_path)
    instrument = infer_project_instrument(sources, min_count=1)
    hints = renamed_option_hints(instrument, sources)
    assert len(hints) == 1
    assert f"'{RENAMED}' chosen only after wave 1, 'ISVA service' only in wave 1" in hints[0]
    assert "aliases" in hints[0]


def test_no_hint_once_the_alias_joins_them(tmp_path: Path) -> None:
    sources = _sources(tmp_path)
    instrument = infer_project_instrument(sources, min_count=1)
    q = instrument.questions[0]
    options = tuple(replace(o, aliases=(RENAMED,)) if o.label == "ISVA service" else o
                    for o in q.options if o.label != RENAMED)
    assert any(isinstance(o, Option) and o.aliases for o in options)
    instrument = replace(instrument, questions=(replace(q, options=options),))
    assert renamed_option_hints(instrument, sources) == []


def test_no_hint_for_one_wave(tmp_path: Path) -> None:
    sources = _sources(tmp_path)
    sources = [sources[0], replace(sources[1], wave=1)]
    instrument = infer_project_instrument(sources, min_count=1)
    assert renamed_option_hints(instrument, sources) == []


def _reworded(path: Path, month: int, question: str) -> Path:
    scale = ["Very easy", "Easy", "Neither easy nor difficult", "Difficult", "Very difficult"]
    rows = [["Timestamp", question, "What helped you most?"]] + [
        [f"{13 + i}/{month:02d}/2026 10:00:00", scale[i % 5],
         f"Synthetic answer {i} in month {month} about being listened to."] for i in range(10)]
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh, lineterminator="\r\n").writerows(rows)
    return path


def test_reworded_question_is_pointed_at(tmp_path: Path) -> None:
    old, new = "How easy was it to find support?", "How easy was it to find the support you needed?"
    sources = [SourceConfig(path=_reworded(tmp_path / "w1.csv", 3, old), cohort="survivor"),
               SourceConfig(path=_reworded(tmp_path / "w2.csv", 9, new), cohort="survivor",
                            wave=2)]
    instrument = infer_project_instrument(sources)
    hints = wave_hints(instrument, sources)
    assert len(hints) == 1, hints
    assert repr(new) in hints[0] and repr(old) in hints[0] and "aliases" in hints[0]
    # once the new text is an alias of the old question, both waves carry one question
    first = next(q for q in instrument.questions if q.text == old)
    instrument = replace(instrument, questions=tuple(
        replace(q, aliases=(new,)) if q is first else q
        for q in instrument.questions if q.text != new))
    assert wave_hints(instrument, sources) == []
