"""Instrument versions, waves, changelog, routing, help and notes (SYNTHETIC instruments)."""

from __future__ import annotations

from pathlib import Path

import pytest

from survey.errors import ConfigError
from survey.instrument import (Change, ShowIf, diff_instruments, instrument_from_dict,
                               new_wave, read_instrument, reword, wave_file_name,
                               wave_problems, write_instrument)

RAW = {
    "name": "SYNTHETIC waves", "version": 1, "intro": "Intro.", "outro": "Thanks.",
    "signposting": "Support (synthetic).", "quick_exit": "Quick exit.",
    "checks": {"disable": ["quick_exit"]},
    "questions": [
        {"id": "consent", "text": "Do you agree?", "kind": "single", "options": ["Yes", "No"],
         "required": True, "consent": True},
        {"id": "reported", "text": "Did you report it?", "kind": "single",
         "options": ["Yes", "No", "Prefer not to say"], "content_note": "About reporting.",
         "help": "Skip if you like."},
        {"id": "why_not", "text": "What stopped you?", "kind": "text",
         "show_if": {"question": "reported", "any_of": ["No"]}},
        {"id": "old", "text": "Asked in wave 1 only", "kind": "text", "waves": [1]},
    ]}


def test_instrument_new_keys_round_trip(tmp_path: Path) -> None:
    inst = instrument_from_dict(RAW)
    write_instrument(inst, tmp_path / "i.yaml")
    again = read_instrument(tmp_path / "i.yaml")
    assert again == inst
    assert again.get("why_not").show_if == ShowIf("reported", ("No",))
    assert again.get("consent").required and again.get("consent").consent
    assert again.get("reported").content_note == "About reporting."
    assert again.get("reported").help == "Skip if you like."
    assert (again.intro, again.outro, again.quick_exit) == ("Intro.", "Thanks.", "Quick exit.")
    assert again.checks == {"disable": ["quick_exit"]}


def test_instrument_old_files_still_read_with_defaults() -> None:
    inst = instrument_from_dict({"questions": [{"id": "a", "text": "A?"}]})
    q = inst.questions[0]
    assert (inst.wave, inst.changelog, inst.signposting) == (1, (), None)
    assert (q.required, q.show_if, q.waves) == (False, None, ())


@pytest.mark.parametrize("change, key", [
    ({"show_if": {"question": "nope", "any_of": ["No"]}}, "questions[2].show_if.question"),
    ({"show_if": {"question": "reported", "any_of": ["Maybe"]}},
     "questions[2].show_if.any_of"),
    ({"show_if": "reported = No"}, "questions[2].show_if"),
    ({"waves": [0]}, "questions[2].waves[0]"),
    ({"content_note": 3}, "questions[2].content_note"),
])
def test_instrument_from_dict_names_bad_new_key(change: dict, key: str) -> None:
    raw = {**RAW, "questions": [*RAW["questions"][:2], {**RAW["questions"][2], **change}]}
    with pytest.raises(ConfigError) as err:
        instrument_from_dict(raw)
    assert err.value.key == key


def test_instrument_show_if_must_point_backwards() -> None:
    qs = RAW["questions"]
    raw = {**RAW, "questions": [qs[0], qs[2], qs[1]]}
    with pytest.raises(ConfigError, match="earlier question"):
        instrument_from_dict(raw)


def test_instrument_bad_changelog_entry_named() -> None:
    with pytest.raises(ConfigError) as err:
        instrument_from_dict({**RAW, "changelog": [{"change": "renamed", "id": "x"}]})
    assert err.value.key == "changelog[0].change"


def test_new_wave_keeps_ids_and_bumps_wave_and_version() -> None:
    w1 = instrument_from_dict(RAW)
    w2 = new_wave(w1, previous="instrument.yaml")
    assert (w2.wave, w2.version, w2.previous) == (2, 2, "instrument.yaml")
    assert [q.id for q in w2.questions] == [q.id for q in w1.questions]
    assert [q.id for q in w2.for_wave().questions] == ["consent", "reported", "why_not"]
    # "old" says waves: [1], so wave 2 no longer asks it
    assert diff_instruments(w1, w2) == [Change(2, "removed", "old")]
    assert wave_problems(w1, w2) == []
    assert wave_file_name(2) == "instrument_wave2.yaml"


def test_reword_same_meaning_keeps_id_and_old_text_as_alias() -> None:
    w1 = instrument_from_dict(RAW)
    w2 = reword(new_wave(w1), "reported", "Did you tell the police?", same_meaning=True)
    q = w2.get("reported")
    assert q.text == "Did you tell the police?" and "Did you report it?" in q.aliases
    assert w2.changelog == (Change(2, "reworded", "reported", previous_text="Did you report it?",
                                   same_meaning=True),)
    reworded = [c for c in diff_instruments(w1, w2) if c.change == "reworded"]
    assert [(c.id, c.same_meaning) for c in reworded] == [("reported", True)]
    assert wave_problems(w1, w2) == []


def test_reword_new_meaning_needs_new_id_and_retires_old() -> None:
    w2 = new_wave(instrument_from_dict(RAW))
    with pytest.raises(ValueError, match="new, unused question id"):
        reword(w2, "why_not", "What would help you report?", same_meaning=False)
    w2 = reword(w2, "why_not", "What would help you report?", same_meaning=False,
                new_id="would_help_report")
    assert w2.get("why_not").waves == (1,)
    assert [q.id for q in w2.for_wave().questions] == ["consent", "reported",
                                                      "would_help_report"]
    assert [(c.change, c.id) for c in w2.changelog] == [("removed", "why_not"),
                                                       ("added", "would_help_report")]
    assert {(c.change, c.id) for c in diff_instruments(instrument_from_dict(RAW), w2)} == {
        ("removed", "why_not"), ("added", "would_help_report"), ("removed", "old")}


def test_wave_problems_flag_silent_rewording_kind_change_and_dropped_option() -> None:
    w1 = instrument_from_dict(RAW)
    qs = [dict(q) for q in RAW["questions"]]
    qs[1] = {**qs[1], "options": ["Yes", "No"]}
    qs[2] = {**qs[2], "text": "What got in the way?"}
    qs[3] = {**qs[3], "kind": "number"}
    w2 = instrument_from_dict({**RAW, "wave": 2, "questions": qs})
    assert [qid for qid, _ in wave_problems(w1, w2)] == ["why_not", "reported", "old"]
