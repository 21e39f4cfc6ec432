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


DEMO = Path(__file__).resolve().parents[2] / "data" / "demo" / "prevalence.csv"


def test_read_prevalence_period_and_definition_columns():
    rows = read_prevalence(DEMO)
    assert rows[0].period == "since the age of 16" and rows[2].period == "one year"
    assert "police" in rows[2].definition
    table, _ = prevalence_table(rows)
    assert list(table.columns[:4]) == ["Group", "Age range", "Period", "Definition"]


def test_prevalence_section_says_when_the_two_sides_differ():
    intro = prevalence_section(read_prevalence(DEMO)).intro
    assert "“since the age of 16”" in intro and "“one year”" in intro
    assert "differ in period and definition" in intro and "unlike" in intro


def _two_sided(tmp_path, known_period, known_definition):
    path = tmp_path / "p.csv"
    path.write_text("group,national_rate_percent,local_population,known,period,definition\n"
                    "Women,10,1000,,last 12 months,sexual assault\n"
                    f"Known,,,40,{known_period},{known_definition}\n", encoding="utf-8")
    return read_prevalence(path)


def test_prevalence_section_like_for_like_and_period_only_difference(tmp_path):
    same = prevalence_section(_two_sided(tmp_path, "last 12 months", "sexual assault")).intro
    assert "Both sides cover the same period and definition" in same and "unlike" not in same
    period = prevalence_section(_two_sided(tmp_path, "one year", "sexual assault")).intro
    assert "differ in period," in period and "definition," not in period.split("differ")[1]


def test_prevalence_section_says_when_period_and_definition_are_not_given(tmp_path):
    older = tmp_path / "prevalence.csv"  # a table from before the two columns existed
    older.write_text(EXAMPLE.read_text(encoding="utf-8").replace(
        "known,period,definition,", "known,").replace(
        ",since the age of 16,\"experienced sexual assault, including attempts (self-reported in "
        "the survey)\"", "").replace(",one year,victims of sexual offences recorded by the "
                                    "police", ""), encoding="utf-8")
    assert "period" not in older.read_text(encoding="utf-8")
    intro = prevalence_section(read_prevalence(older)).intro
    assert "not given" in intro and "indicative" in intro


def test_prevalence_gap_key_finding_names_what_it_compares(tmp_path):
    from analysis.report.findings import _gap

    def finding(rows):
        tables = type("T", (), {"extra_sections": [prevalence_section(rows)]})()
        return _gap(tables)[0].text

    unlike = finding(read_prevalence(DEMO))
    assert "against 316 known" in unlike and "of whom" not in unlike
    assert "differ in period and definition" in unlike
    alike = finding(_two_sided(tmp_path, "last 12 months", "sexual assault"))
    assert "of whom 40 are known" in alike and "same period and definition" in alike
