"""Property tests: the CSV readers and detect() either parse random, malformed input or raise
the toolkit's InputFileError, never anything else (no IndexError, KeyError, UnicodeError...)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from survey.config import SourceConfig
from survey.errors import InputFileError
from survey.instrument import read_instrument
from survey.readers import PLATFORM_READERS, detect, read_source
from survey.schema import SourceTable

FIXTURES = Path(__file__).parents[1] / "fixtures" / "readers"
INSTRUMENT = read_instrument(FIXTURES / "instrument.yaml")
TABULAR = sorted(p for p in PLATFORM_READERS if p != "transcript")
HEADERS = ["UserID", "Respondent ID", "Collector ID", "Response", "Open-Ended Response",
           "ResponseId", '{"ImportId":"QID1"}', "{'ImportId': 'QID2-1'}", "V1", "V2", "V3",
           "_uuid", "_submission_time", "#indicator+x", "Timestamp", "ID", "Start time",
           "Completion time", "Email", "How satisfied were you with the support you received?",
           "Which services have you used?", "Which services have you used? - SARC", "Other",
           "When did you first contact the service?", "How many times did you visit?",
           "What helped you most?", "Satisfied", "Disgree", "SARC; GP;", "03/04/2024", "-99",
           "1", "0", "", "192.0.2.1", "LS6 2AB", "a@example.org"]
SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])

cells = st.one_of(st.sampled_from(HEADERS), st.text(max_size=12))
grids = st.lists(st.lists(cells, min_size=0, max_size=7), min_size=0, max_size=6)


def _write_grid(rows: list[list[str]], delimiter: str) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter).writerows(rows)
    return buf.getvalue().encode("utf-8", errors="surrogatepass")


def _check(path: Path, platform: str) -> None:
    try:
        table = read_source(SourceConfig(path=path, cohort="c", platform=platform),
                            INSTRUMENT if platform != "generic" else None, source_label="p")
    except InputFileError as err:
        assert str(path) in str(err)
        return
    assert isinstance(table, SourceTable)
    assert table.responses["response_id"].is_unique


@pytest.mark.parametrize("platform", ["auto", *TABULAR])
@SETTINGS
@given(rows=grids, delimiter=st.sampled_from([",", ";", "\t"]))
def test_readers_property_random_grids_parse_or_input_error(tmp_path, platform, rows, delimiter):
    path = tmp_path / "p.csv"
    try:
        path.write_bytes(_write_grid(rows, delimiter))
    except UnicodeEncodeError:
        return
    _check(path, platform)


@pytest.mark.parametrize("platform", ["auto", "generic", "qualtrics", "surveymonkey"])
@SETTINGS
@given(data=st.binary(max_size=400))
def test_readers_property_random_bytes_parse_or_input_error(tmp_path, platform, data):
    path = tmp_path / "p.csv"
    path.write_bytes(data)
    _check(path, platform)


@SETTINGS
@given(text=st.lists(st.sampled_from(list('ab,;"\n\r\t =#{}\'') + ["V1", "_uuid", "V2,V3"]),
                    max_size=80).map("".join))
def test_readers_property_quote_soup_detect(tmp_path, text):
    path = tmp_path / "p.csv"
    path.write_text(text, encoding="utf-8")
    try:
        assert detect(path).endswith(".v1")
    except InputFileError as err:
        assert str(path) in str(err)


def _header(name: str, n: int) -> tuple[list[list[str]], str]:
    raw = (FIXTURES / name).read_text(encoding="utf-8-sig")
    delimiter = ";" if name.startswith("kobo") else ","
    return list(csv.reader(io.StringIO(raw), delimiter=delimiter))[:n], delimiter


REAL_HEADERS = [("smartsurvey.csv", 1), ("surveymonkey.csv", 2), ("qualtrics_v3.csv", 3),
                ("qualtrics_2016.csv", 3), ("qualtrics_legacy.csv", 2), ("kobo.csv", 2)]


@pytest.mark.parametrize("name, n", REAL_HEADERS)
@SETTINGS
@given(body=st.lists(st.lists(cells, max_size=30), min_size=0, max_size=5))
def test_readers_property_real_headers_random_rows(tmp_path, name, n, body):
    header, delimiter = _header(name, n)
    path = tmp_path / "p.csv"
    try:
        path.write_bytes(_write_grid(header + body, delimiter))
    except UnicodeEncodeError:
        return
    _check(path, "auto")


@pytest.mark.parametrize("suffix", [".txt", ".vtt", ".srt"])
@SETTINGS
@given(text=st.lists(st.sampled_from(["WEBVTT\n", "1\n", "00:00:01.000 --> 00:00:02.000\n",
                                      "00:00:01,000 --> 00:00:02,000\n", "\n", "NOTE x\n",
                                      "Interviewer: ", "P1: ", "[Kit Synthetic] 10:15:30\n",
                                      "Kit Synthetic   0:03\n", "<v Kit>", "</v>", "synthetic",
                                      "# interviewer: Kit\n", ":", "[", "]"]),
                     max_size=40).map("".join))
def test_readers_property_transcripts_parse_or_input_error(tmp_path, suffix, text):
    path = tmp_path / f"t{suffix}"
    path.write_text(text, encoding="utf-8")
    try:
        table = read_source(SourceConfig(path=path, cohort="c", kind="interview"), None,
                            source_label="t")
    except InputFileError as err:
        assert str(path) in str(err)
        return
    assert len(table.responses) == 1
