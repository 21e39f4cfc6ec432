"""Project config loading: defaults, paths, and one clear message naming file and key."""

from pathlib import Path

import pytest

from survey.config import load_project
from survey.errors import ConfigError


def _write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "project.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_load_project_resolves_paths_and_defaults(tmp_path: Path) -> None:
    _write(tmp_path, "name: T\nsources:\n  - {path: exports/a.csv, cohort: survivor}\n")
    cfg = load_project(tmp_path)
    assert cfg.sources[0].path == (tmp_path / "exports" / "a.csv").resolve()
    assert cfg.sources[0].platform == "auto"
    assert cfg.disclosure.min_count == 5
    assert cfg.anonymise.threshold == 0.3


@pytest.mark.parametrize("body, key", [
    ("name: T\n", "sources"),
    ("sources:\n  - {path: a.csv}\n", "sources[0].cohort"),
    ("sources:\n  - {path: a.csv, cohort: s, platform: nope}\n", "sources[0].platform"),
    ("sources:\n  - {path: a.csv, cohort: s, date_order: sideways}\n", "sources[0].date_order"),
    ("sources:\n  - {path: a.csv, cohort: s, colour: red}\n", "sources[0].colour"),
    ("sources:\n  - {path: a.csv, cohort: s}\ndisclosure: {min_count: 0}\n", "disclosure.min_count"),
    ("sources:\n  - {path: a.csv, cohort: s}\nanonymise: {threshold: 2}\n", "anonymise.threshold"),
])
def test_load_project_names_the_bad_key(tmp_path: Path, body: str, key: str) -> None:
    _write(tmp_path, body)
    with pytest.raises(ConfigError) as err:
        load_project(tmp_path)
    assert err.value.key == key
    assert "project.yaml" in str(err.value)


def test_load_project_missing_file_names_it(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="project file not found"):
        load_project(tmp_path)


def test_load_project_invalid_yaml_names_line(tmp_path: Path) -> None:
    _write(tmp_path, "sources: [\n  - : :\n")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_project(tmp_path)


@pytest.mark.parametrize("body, key, hint", [
    # a misspelt key would otherwise be ignored, and a stricter threshold with it
    ("sources:\n  - {path: a.csv, cohort: s}\ndisclosure: {min_cont: 10}\n",
     "disclosure.min_cont", "min_count"),
    ("sources:\n  - {path: a.csv, cohort: s}\ncodebok: codebook.yaml\n", "codebok", "codebook"),
    ("sorces:\n  - {path: a.csv, cohort: s}\n", "sorces", "sources"),
    ("sources:\n  - {path: a.csv, cohort: s}\ntopics: {enable: false}\n", "topics.enable",
     "enabled"),
    ("sources:\n  - {path: a.csv, cohort: s}\nanonymise: {deny_list: [Grays]}\n",
     "anonymise.deny_list", "deny"),
    ("sources:\n  - {path: a.csv, cohort: s, platfrom: generic}\n", "sources[0].platfrom",
     "platform"),
])
def test_load_project_refuses_an_unknown_key_and_names_the_closest(
        tmp_path: Path, body: str, key: str, hint: str) -> None:
    _write(tmp_path, body)
    with pytest.raises(ConfigError) as err:
        load_project(tmp_path)
    assert err.value.key == key
    assert f"did you mean {hint!r}" in str(err.value)


def test_an_export_given_for_the_project_says_to_give_the_folder(tmp_path: Path) -> None:
    export = tmp_path / "survey_export.csv"
    export.write_text("Timestamp,What helped?\n2026-01-01,\"the group\"\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="a survey export, not a project: give the folder") as err:
        load_project(export)
    assert "YAML" not in str(err.value)


def test_a_missing_project_folder_is_named_as_missing(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such folder or file") as err:
        load_project(tmp_path / "nope")
    assert "nope" in str(err.value)
