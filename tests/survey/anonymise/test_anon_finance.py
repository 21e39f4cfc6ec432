"""Card numbers (Luhn) and IBANs (mod-97), synthetic test numbers only."""

from __future__ import annotations

import pytest

from survey.anonymise.recognizers.finance import (CardNumberRecognizer, IbanRecognizer, iban_ok,
                                                  luhn_ok)


@pytest.mark.parametrize("value", ["4111 1111 1111 1111", "4111-1111-1111-1111",
                                   "5500005555555559", "378282246310005"])
def test_card_detects_luhn_valid(value):
    dets = CardNumberRecognizer().detect(f"card {value} expired")
    assert len(dets) == 1 and dets[0].score == 1.0


@pytest.mark.parametrize("value", ["4111 1111 1111 1112", "1234567890123", "41111111"])
def test_card_rejects_luhn_failure_and_short(value):
    assert CardNumberRecognizer().detect(f"card {value}") == []


@pytest.mark.parametrize("value,ok", [("4111111111111111", True), ("4111111111111112", False),
                                      ("411", False)])
def test_luhn_function(value, ok):
    assert luhn_ok(value) is ok


@pytest.mark.parametrize("value", ["GB82 WEST 1234 5698 7654 32", "GB82WEST12345698765432",
                                   "gb82west12345698765432"])
def test_iban_detects_valid(value):
    assert len(IbanRecognizer().detect(f"pay into {value} today")) == 1


@pytest.mark.parametrize("value", ["GB82 WEST 1234 5698 7654 33", "GB00WEST12345698765432"])
def test_iban_rejects_bad_check_digits(value):
    assert IbanRecognizer().detect(f"pay into {value}") == []
    assert not iban_ok(value)
