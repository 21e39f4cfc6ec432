"""Tests for analysis.prevalence: the prevalence gap (figures as given in the Thurrock JSNA)."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.prevalence import (PrevalenceRow, prevalence_gap, prevalence_path,
                                 prevalence_section, prevalence_table, read_prevalence)
from survey.errors import ConfigError, InputFileError

EXAMPLE = Path(__file__).resolve().parents[2] / "data" / "reference" / "prevalence_example.csv"
HEADER = "group,sex,age_range,national_rate_percent,local_population,known,source\n"


def test_prevalence_gap_thurrock_figures():
    rows = [PrevalenceRow("Women 16-59", "female", "16-59", 20, 50580),
            PrevalenceRow("Men 16-59", "male", "16-59", 4, 49625),
            PrevalenceRow("Police", "all", "16-59", known=316)]
    assert [r.estimate for r in rows[:2]] == [10116, 1985]
    assert prevalence_gap(rows) == {"estimated": 12101, "known": 316, "gap": 11785}


def test_read_prevalence_example_csv_gives_thurrock_table():
    rows = read_prevalence(EXAMPLE)
    table, notes = prevalence_table(rows)
    women = table.set_index("Group").loc["Women 16-59"]
    assert women["Estimated local victims"] == 10116
    total = table.set_index("Group").loc["Total"]
    assert (total["Estimated local victims"], total["Known to services or police"],
            total["Gap"]) == (12101, 316, 11785)
    assert any("estimate" in n for n in notes)


def test_prevalence_section_intro_states_the_gap():
    section = prevalence_section(read_prevalence(EXAMPLE))
    assert "12,101" in section.intro and "316" in section.intro and "11,785" in section.intro
    assert section.key == "Prevalence gap" and len(section.tables) == 1


def test_prevalence_table_suppresses_small_known_count():
    rows = [PrevalenceRow("Women", rate_percent=10, population=1000, known=3)]
    table, notes = prevalence_table(rows, min_count=5)
    assert table["Known to services or police"].tolist() == ["<5", "<5"]
    assert table["Gap"].isna().all()
    assert any("below 5" in n for n in notes)


@pytest.mark.parametrize("line, column", [
    ("Women,f,16-59,abc,100,,\n", "national_rate_percent"),
    ("Women,f,16-59,120,100,,\n", "national_rate_percent"),
    ("Women,f,16-59,20,,,\n", "local_population"),
    ("Women,f,16-59,20,10.5,,\n", "local_population"),
    ("Women,f,16-59,,,,\n", "known"),
])
def test_read_prevalence_bad_cell_names_row_and_column_not_value(tmp_path, line, column):
    path = tmp_path / "p.csv"
    path.write_text(HEADER + line, encoding="utf-8")
    with pytest.raises(InputFileError) as exc:
        read_prevalence(path)
    msg = str(exc.value)
    assert column in msg and "2" in msg
    assert "abc" not in msg and "10.5" not in msg


def test_read_prevalence_missing_column_and_file(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("group,local_population\nA,10\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="national_rate_percent"):
        read_prevalence(path)
    with pytest.raises(InputFileError, match="not found"):
        read_prevalence(tmp_path / "missing.csv")


def test_prevalence_path_reads_project_key(tmp_path):
    cfg = tmp_path / "project.yaml"
    cfg.write_text("name: x\nprevalence: ref/p.csv\n", encoding="utf-8")
    assert prevalence_path(cfg) == (tmp_path / "ref" / "p.csv").resolve()
    cfg.write_text("name: x\n", encoding="utf-8")
    assert prevalence_path(cfg) is None
    cfg.write_text("name: x\nprevalence: [1]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="prevalence"):
        prevalence_path(cfg)
