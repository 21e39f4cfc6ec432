"""An option renamed between two waves of one instrument (the platform's label changed, the
meaning did not): ``aliases`` on the option map the new label to it, so the wave comparison
compares like with like (synthetic fixtures only)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from survey.config import SourceConfig
from survey.errors import ConfigError
from survey.instrument import instrument_from_dict, read_instrument, write_instrument
from survey.readers import read_source

RENAMED = "ISVA (Independent Sexual Violence Adviser)"
RAW = {"name": "SYNTHETIC", "questions": [
    {"id": "services", "text": "Which services have you used? (tick all that apply)",
     "kind": "multiple", "options": [
         "SARC", {"code": "2", "label": "ISVA service", "aliases": [RENAMED]}, "GP"]},
    {"id": "first", "text": "Which service did you contact first?", "kind": "single",
     "options": ["SARC", {"label": "ISVA service", "aliases": [RENAMED]}, "GP"]}]}


def _wave2(path: Path) -> Path:
    rows = [["Timestamp", "Which services have you used? (tick all that apply)",
             "Which service did you contact first?"],
            ["13/09/2026 10:00:00", f"SARC, {RENAMED}", RENAMED],
            ["14/09/2026 10:00:00", f"{RENAMED.upper()}, GP", "GP"],
            ["15/09/2026 10:00:00", "GP", f"  {RENAMED.lower()} "]]
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh, lineterminator="\r\n").writerows(rows)
    return path


def test_renamed_option_maps_to_the_option_it_renames(tmp_path: Path) -> None:
    instrument = instrument_from_dict(RAW)
    source = SourceConfig(path=_wave2(tmp_path / "survivors_wave2.csv"), cohort="survivor",
                          wave=2)
    table = read_source(source, instrument, source_label="survivors_wave2.csv")
    assert list(table.responses["services"]) == [["SARC", "ISVA service"],
                                                 ["ISVA service", "GP"], ["GP"]]
    assert list(table.responses["first"]) == ["ISVA service", "GP", "ISVA service"]
    assert table.unknown_labels == {}


def test_option_aliases_round_trip(tmp_path: Path) -> None:
    instrument = instrument_from_dict(RAW)
    assert instrument.get("services").options[1].aliases == (RENAMED,)
    write_instrument(instrument, tmp_path / "instrument.yaml")
    assert read_instrument(tmp_path / "instrument.yaml") == instrument


@pytest.mark.parametrize("aliases, message", [
    ("ISVA", "expected a list of labels"),
    (["GP"], "already the label of another option"),
])
def test_bad_option_aliases_name_their_key(aliases, message) -> None:
    raw = {"name": "T", "questions": [{"id": "first", "text": "First?", "kind": "single",
                                       "options": ["SARC", {"label": "ISVA service",
                                                            "aliases": aliases}, "GP"]}]}
    with pytest.raises(ConfigError, match=message) as err:
        instrument_from_dict(raw, path="instrument.yaml")
    assert "questions[0].options[1].aliases" in str(err.value)
