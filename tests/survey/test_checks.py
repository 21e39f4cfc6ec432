"""Trauma-informed checks: one line per problem naming question and rule; the demo passes.
Instruments here are SYNTHETIC."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from survey.checks import RULES, CheckConfig, check_config, check_instrument, check_instrument_file
from survey.errors import ConfigError
from survey.instrument import instrument_from_dict, reword, write_instrument

GOOD = {
    "name": "SYNTHETIC good", "intro": "About this SYNTHETIC survey.",
    "signposting": "Support services (synthetic).", "quick_exit": "Quick exit button.",
    "questions": [
        {"id": "consent", "text": "Do you agree to take part?", "kind": "single",
         "options": ["Yes", "No"], "required": True, "consent": True},
        {"id": "age_band", "text": "Which age group are you in?", "kind": "single",
         "options": ["18-34", "35+", "Prefer not to say"], "sensitive": True,
         "cohorts": ["survivor"], "content_note": "Questions about you follow."},
        {"id": "gender", "text": "Your gender?", "kind": "single",
         "options": ["Woman", "Man", "Prefer not to say"], "sensitive": True,
         "cohorts": ["survivor"]},
        {"id": "helped", "text": "What helped?", "kind": "text"},
        {"id": "sector", "text": "Which sector do you work in?", "kind": "single",
         "options": ["Health", "Police"], "cohorts": ["professional"], "required": False},
    ]}

BAD = {
    "name": "SYNTHETIC bad",
    "questions": [
        {"id": "full_name", "text": "What is your full name?", "kind": "text", "required": True},
        {"id": "contact", "text": "Your email or phone number, please", "kind": "text"},
        {"id": "when", "text": "When did you first contact a service?", "kind": "date"},
        {"id": "reported", "text": "Did you report what happened to the police?",
         "kind": "single", "options": ["Yes", "No"], "cohorts": ["survivor"]},
        {"id": "age_band", "text": "Which age group are you in?", "kind": "single",
         "options": ["18-34", "35+"], "sensitive": True, "cohorts": ["survivor"],
         "content_note": "About you."},
    ]}


def _lines(raw: dict, **kwargs) -> list[str]:
    return [str(p) for p in check_instrument(instrument_from_dict(raw), **kwargs)]


def test_check_instrument_clean_instrument_has_no_problem() -> None:
    assert _lines(GOOD) == []


def test_check_instrument_bad_instrument_one_line_per_problem() -> None:
    assert _lines(BAD) == [
        "(instrument): consent: no consent question (mark one `consent: true`)",
        "(instrument): signposting: no `signposting:` of support services (shown at the start "
        "and the end)",
        "(instrument): quick_exit: no `quick_exit:` note about leaving the survey quickly (set "
        "checks.quick_exit_supported: false where the platform has no such button)",
        "full_name: required: only the consent question may be required",
        "full_name: identifying: asks for a name",
        "contact: identifying: asks for contact details",
        "when: identifying: asks for an exact date (use a period or a band instead)",
        "reported: content_note: sensitive question without a content note before it",
        "reported: prefer_not_to_say: sensitive closed question without a \"Prefer not to "
        "say\" option",
        "age_band: prefer_not_to_say: sensitive closed question without a \"Prefer not to "
        "say\" option",
    ]


def test_check_instrument_content_note_covers_following_sensitive_only() -> None:
    raw = {**GOOD, "questions": [*GOOD["questions"][:3], GOOD["questions"][3],
                                 {**GOOD["questions"][2], "id": "gender_again"}]}
    assert _lines(raw) == ["gender_again: content_note: sensitive question without a content "
                           "note before it"]


def test_check_config_disables_rules_and_sets_words() -> None:
    raw = {**BAD, "checks": {"disable": ["identifying", "consent", "signposting"],
                             "quick_exit_supported": False,
                             "prefer_not_to_say": ["No"], "sensitive_words": []}}
    assert _lines(raw) == ["full_name: required: only the consent question may be required",
                           "age_band: prefer_not_to_say: sensitive closed question without a "
                           "\"Prefer not to say\" option"]


@pytest.mark.parametrize("checks, key", [
    ({"disable": ["nope"]}, "checks.disable"),
    ({"colour": ["x"]}, "checks.colour"),
    ({"quick_exit_supported": "yes"}, "checks.quick_exit_supported"),
    ({"sensitive_words": "report"}, "checks.sensitive_words"),
])
def test_check_config_rejects_bad_settings(checks: dict, key: str) -> None:
    with pytest.raises(ConfigError) as err:
        check_config(checks)
    assert err.value.key == key


def test_check_config_defaults_cover_every_rule() -> None:
    assert check_config({}) == CheckConfig()
    assert set(RULES) >= {"required", "content_note", "prefer_not_to_say", "signposting",
                          "identifying", "quick_exit"}


def test_check_instrument_file_checks_rewording_against_previous_wave(tmp_path: Path) -> None:
    wave1 = instrument_from_dict(GOOD)
    write_instrument(wave1, tmp_path / "instrument.yaml")
    raw2 = yaml.safe_load((tmp_path / "instrument.yaml").read_text())
    raw2.update(wave=2, previous="instrument.yaml")
    raw2["questions"][3]["text"] = "What helped you most?"
    (tmp_path / "w2.yaml").write_text(yaml.safe_dump(raw2))
    assert [str(p) for p in check_instrument_file(tmp_path / "w2.yaml")] == [
        "helped: wave_ids: reworded without `same_meaning: true` in the changelog; give it a "
        "new id or record that it means the same"]
    fixed = reword(instrument_from_dict({**raw2, "questions": GOOD["questions"]}), "helped",
                   "What helped you most?", same_meaning=True)
    write_instrument(fixed, tmp_path / "w2.yaml")
    assert check_instrument_file(tmp_path / "w2.yaml") == []


def test_check_instrument_demo_passes(demo_dir: Path) -> None:
    assert check_instrument_file(demo_dir / "instrument.yaml") == []
