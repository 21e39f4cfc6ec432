"""UK recognizers: postcode, NHS number, NINO, passport, licence, vehicle, bank (synthetic)."""

from __future__ import annotations

import pytest

from anon_helpers import covered, spans
from survey.anonymise.recognizers.uk import (NhsNumberRecognizer, UkBankAccountRecognizer,
                                             UkDrivingLicenceRecognizer, UkNinoRecognizer,
                                             UkPassportRecognizer, UkPostcodeRecognizer,
                                             UkVehicleRegistrationRecognizer, nhs_checksum_ok)


@pytest.mark.parametrize("text,value", [
    ("I live in LS6 2AB now", "LS6 2AB"),
    ("post to SW1A 1AA please", "SW1A 1AA"),
    ("postcode m1 1ae", "m1 1ae"),
    ("near Leeds LS6 in the north", "LS6"),
    ("we are in B1 most days", "B1"),
    ("Birmingham B1", "B1"),
])
def test_postcode_detects_full_and_partial(text, value):
    dets = UkPostcodeRecognizer().detect(text)
    assert covered(text, dets, value), spans(text, dets)


def test_postcode_full_scores_above_default_threshold():
    dets = UkPostcodeRecognizer().detect("LS6 2AB")
    assert dets and dets[0].score >= 0.5


@pytest.mark.parametrize("text", [
    "I took the A1 north", "we drove on the M25", "B1 vitamins", "she is in Y9",
    "he got an A1 grade", "a total of 42",
])
def test_postcode_ignores_lookalikes(text):
    assert UkPostcodeRecognizer().detect(text) == []


@pytest.mark.parametrize("value", ["943 476 5919", "9434765919", "943-476-5919"])
def test_nhs_detects_valid_checksum(value):
    dets = NhsNumberRecognizer().detect(f"my number is {value}")
    assert len(dets) == 1


@pytest.mark.parametrize("value", ["943 476 5918", "123 456 7890", "94347659", "9434765919123"])
def test_nhs_rejects_bad_checksum_or_length(value):
    assert NhsNumberRecognizer().detect(f"my number is {value}") == []


def test_nhs_context_raises_score():
    bare = NhsNumberRecognizer().detect("number 943 476 5919")[0].score
    ctx = NhsNumberRecognizer().detect("my NHS number is 943 476 5919")[0].score
    assert ctx > bare


@pytest.mark.parametrize("value,ok", [("9434765919", True), ("9434765918", False),
                                      ("12345", False)])
def test_nhs_checksum_function(value, ok):
    assert nhs_checksum_ok(value) is ok


@pytest.mark.parametrize("text,found", [
    ("NI number AB 12 34 56 C", True), ("ni CE123456D", True),
    # issue 13: people mistype, so prefixes HMRC never issues are redacted by their shape too
    ("code QQ123456A", True), ("code GB123456A", True), ("code DA123456A", True),
    ("code QQ123456E", False), ("code QQ1234567A", False),
])
def test_nino_prefix_and_suffix_rules(text, found):
    assert bool(UkNinoRecognizer().detect(text)) is found


@pytest.mark.parametrize("text,found", [
    ("my passport number is 123456789", True),
    ("the total was 123456789", False),
])
def test_passport_needs_context(text, found):
    assert bool(UkPassportRecognizer().detect(text)) is found


@pytest.mark.parametrize("text,found", [
    ("licence MORGA657054SM9IJ", True), ("licence MORGA657A54SM9IJ", False),
    ("licence MORGA657054SM9I", False),
])
def test_driving_licence_format(text, found):
    assert bool(UkDrivingLicenceRecognizer().detect(text)) is found


@pytest.mark.parametrize("text,found", [
    ("his car reg was AB12 CDE", True), ("the grade AB12 CDE", False),
])
def test_vehicle_registration_needs_context(text, found):
    assert bool(UkVehicleRegistrationRecognizer().detect(text)) is found


@pytest.mark.parametrize("text,found", [
    ("sort code 12-34-56", True), ("bank account 12345678", True),
    ("on 12-03-23 it rained", False), ("ticket 12345678", False),
])
def test_bank_account_needs_context(text, found):
    assert bool(UkBankAccountRecognizer().detect(text)) is found
