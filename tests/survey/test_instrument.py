"""Instrument YAML: validation and round trip."""

from pathlib import Path

import pytest

from survey.errors import ConfigError
from survey.instrument import instrument_from_dict, read_instrument, write_instrument

GOOD = {"name": "T", "questions": [
    {"id": "age_band", "text": "Your age", "kind": "single", "options": ["16-24", "25-34"],
     "sensitive": True, "cohorts": ["survivor"]},
    {"id": "helped", "text": "What helped?", "kind": "text"},
]}


def test_instrument_round_trip(tmp_path: Path) -> None:
    inst = instrument_from_dict(GOOD)
    write_instrument(inst, tmp_path / "i.yaml")
    again = read_instrument(tmp_path / "i.yaml")
    assert again == inst
    assert again.get("age_band").labels == ("16-24", "25-34")
    assert [q.id for q in again.free_text] == ["helped"]
    assert again.get("age_band").asked_of("survivor") and not again.get("age_band").asked_of("pro")


@pytest.mark.parametrize("change, key", [
    ({"id": "Bad Id"}, "questions[0].id"),
    ({"kind": "essay"}, "questions[0].kind"),
    ({"options": []}, "questions[0].options"),
    ({"text": ""}, "questions[0].text"),
])
def test_instrument_from_dict_names_bad_key(change: dict, key: str) -> None:
    raw = {"questions": [{**GOOD["questions"][0], **change}]}
    with pytest.raises(ConfigError) as err:
        instrument_from_dict(raw)
    assert err.value.key == key


def test_instrument_duplicate_ids_rejected() -> None:
    raw = {"questions": [GOOD["questions"][1], GOOD["questions"][1]]}
    with pytest.raises(ConfigError, match="duplicate question id"):
        instrument_from_dict(raw)


def test_instrument_unknown_id_lists_known() -> None:
    with pytest.raises(KeyError, match="age_band, helped"):
        instrument_from_dict(GOOD).get("nope")


def test_invalid_yaml_names_its_line_and_column_not_its_content(tmp_path: Path) -> None:
    # a newcomer's hand edit: a flow mapping holding a question mark and a colon
    path = tmp_path / "instrument.yaml"
    path.write_text("name: T\nquestions:\n- id: helped\n  text: What helped?\n"
                    "  kind: text\n- {id: consent, text: Consent: do you agree?, kind: text}\n",
                    encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        read_instrument(path)
    message = str(err.value)
    assert "not valid YAML" in message and "line 6, column" in message
    assert "do you agree" not in message
