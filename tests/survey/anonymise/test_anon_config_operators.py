"""``anonymise.operators`` in project.yaml: per-label operator choice, validated at load."""

from __future__ import annotations

from pathlib import Path

import pytest

from survey.anonymise.engine import build_anonymiser
from survey.anonymise.registry import OPERATORS
from survey.config import ANONYMISE_OPERATORS, load_project
from survey.errors import ConfigError


def _project(tmp_path: Path, operators_yaml: str) -> Path:
    (tmp_path / "answers.csv").write_text("id,q1\n1,fine\n", encoding="utf-8")
    (tmp_path / "project.yaml").write_text(
        "sources:\n  - path: answers.csv\n    cohort: a\n"
        f"anonymise:\n  operators:{operators_yaml}\n", encoding="utf-8")
    return tmp_path


def test_config_names_match_the_registry():
    assert set(ANONYMISE_OPERATORS) == set(OPERATORS)


def test_operators_load_with_labels_upper_cased(tmp_path):
    cfg = load_project(_project(tmp_path, "\n    FACILITY: describe.v1\n    location: "
                                          "generalise.v1"))
    assert cfg.anonymise.operators == {"FACILITY": "describe.v1", "LOCATION": "generalise.v1"}


def test_operators_default_to_none(tmp_path):
    assert load_project(_project(tmp_path, " {}")).anonymise.operators == {}


@pytest.mark.parametrize("yaml_value,key,says", [
    ("\n    FACILITY: describe", "anonymise.operators.FACILITY", "describe.v1"),
    ("\n    FACILITY: 3", "anonymise.operators.FACILITY", "placeholder.v1"),
    ("\n    FACILITY: [describe.v1]", "anonymise.operators.FACILITY", "generalise.v1"),
    (" [describe.v1]", "anonymise.operators", "mapping"),
    ("\n    place name: describe.v1", "anonymise.operators", "letters"),
    ("\n    AGE: drop.v1\n    age: redact.v1", "anonymise.operators.age", "twice"),
])
def test_bad_operators_name_file_and_key(tmp_path, yaml_value, key, says):
    with pytest.raises(ConfigError) as err:
        load_project(_project(tmp_path, yaml_value))
    msg = str(err.value)
    assert "project.yaml" in msg and repr(key) in msg and says in msg
    if "expected one of" in msg:
        assert all(name in msg for name in ANONYMISE_OPERATORS)


def test_configured_operator_is_used(tmp_path, nlp):
    cfg = load_project(_project(tmp_path, "\n    UK_POSTCODE: redact.v1\n    PERSON: "
                                          "pseudonym.v1"))
    an = build_anonymiser(cfg.anonymise)
    an.nlp = nlp
    an.load()
    assert an.plan_["UK_POSTCODE"].name == "redact.v1"
    assert an.plan_["PERSON"].name == "pseudonym.v1"
    res = an.anonymise_batch(["we lived near ZE2 9QP back then"], respondent_ids=["r"])[0]
    assert "ZE2" not in res.text and "[REDACTED]" in res.text and "[POSTCODE 1]" not in res.text
