"""Payment identifiers: card numbers (Luhn) and IBANs (mod-97)."""

from __future__ import annotations

import re

from survey.anonymise.recognizers.base import PatternRecognizer


def luhn_ok(value: str) -> bool:
    """Whether the digits of ``value`` pass the Luhn check (12 to 19 digits)."""
    digits = [int(c) for c in value if c.isdigit()]
    if not 12 <= len(digits) <= 19:
        return False
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def iban_ok(value: str) -> bool:
    """Whether ``value`` (spaces allowed, any case) is an IBAN with a valid mod-97 check."""
    s = re.sub(r"\s", "", value).upper()
    if not 15 <= len(s) <= 34 or not s[:2].isalpha() or not s[2:4].isdigit():
        return False
    moved = s[4:] + s[:4]
    num = "".join(str(int(c, 36)) for c in moved)
    return int(num) % 97 == 1


class CardNumberRecognizer(PatternRecognizer):
    """Payment card numbers: 12-19 digits (spaces or dashes allowed) passing Luhn."""

    name = "finance.card.v1"
    entities = ("CREDIT_CARD",)
    ENTITY = "CREDIT_CARD"
    CONTEXT = ("card", "visa", "mastercard", "amex", "debit", "credit")
    PATTERNS = (("card", r"(?<![\d-])\d(?:[ -]?\d){11,18}(?![\d-])", 0.6),)

    def check(self, match: re.Match[str]) -> bool | None:
        """Luhn: certain on success, discard on failure (long numbers are caught elsewhere)."""
        return True if luhn_ok(match.group()) else False


class IbanRecognizer(PatternRecognizer):
    """International bank account numbers with a valid mod-97 check."""

    name = "finance.iban.v1"
    entities = ("IBAN_CODE",)
    ENTITY = "IBAN_CODE"
    FLAGS = re.IGNORECASE
    CONTEXT = ("iban", "bank", "account")
    PATTERNS = (("iban", r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b", 0.6),)

    def check(self, match: re.Match[str]) -> bool | None:
        """Mod-97: certain on success, discard on failure."""
        return True if iban_ok(match.group()) else False
