"""Reference numbers: cue phrases ("crime number ...", "ref 12/3456"), letter-digit tokens,
long digit runs and dashed ID numbers."""

from __future__ import annotations

import re

from survey.anonymise.recognizers.base import PatternRecognizer

_NOT_IDS = re.compile(r"^\d+(?:st|nd|rd|th|am|pm|s|hrs?|mins?|yrs?|kg|km|mg|ml|mph|k|m|gb|mb|x\d+|"
                      r"mths?|mnths?|months?|wks?|weeks?|days?|years?|hours?|minutes?|secs?)$"
                      r"|^(?:covid|mp|h\d+n)\d+$"
                      # a count run into a typed unit: "10minz", "2hrss", "5mini"
                      r"|^\d{1,3}(?:min|hr|sec|wk|day|mth|yr|hour|week)[a-z]{0,3}$", re.IGNORECASE)


class ReferenceNumberRecognizer(PatternRecognizer):
    """Case, crime, incident and other reference numbers, and tokens that look like them."""

    name = "id.reference.v1"
    entities = ("REFERENCE_NUMBER",)
    ENTITY = "REFERENCE_NUMBER"
    FLAGS = re.IGNORECASE
    CONTEXT = ("reference", "ref", "case", "crime", "incident", "number", "no", "id")
    PATTERNS = (
        ("cue", r"\b(?:ref(?:erence)?|crime(?:\s+ref(?:erence)?)?|crn|urn|case|incident|log|claim|"
                r"file|patient|hospital|membership|customer|policy|ticket|order|client|"
                r"account|id|staff|employee|student|pupil|prisoner|court)\.?"
                r"(?:\s+(?:no|num|number|ref|reference|id|record|file)\.?)?\s*,?\s*"
                r"(?:is|was|:|#|it['’]?s|its)?\s*"
                # (not a score or a day and month alone: "great staff. 10/10")
                r"(?P<id>(?!\d{1,2}/\d{1,2}\b(?![/-]))(?=[A-Z/-]*\d)[A-Z0-9][A-Z0-9/-]{2,24}"
                r"[A-Z0-9])\b", 0.75),
        # a police log by its serial and day: "incident number 0412 of 17/06"
        ("log_of_day", r"\b(?:incident|log|occurrence|crime|cad)(?:\s+(?:no|num|number|ref))?\.?"
                       r"\s*[:#]?\s*(?P<id>\d{2,6}\s+of\s+\d{1,2}/\d{1,2}(?:/\d{2,4})?)\b", 0.75),
        # a hospital or trust's letters before a patient's number: "hospital number RVV 884213"
        ("cue_letters", r"\b(?:hospital|patient|nhs|case|client|unit|crime|collar|incident)\s+"
                        r"(?:no|num|number|id|ref|reference)\.?"
                        r"\s*[:#]?\s*(?P<id>(?-i:[A-Z]{2,4})\s\d{3,10}(?:/(?-i:[0-9A-Z]{2,8}))?)"
                        r"(?![\w/])", 0.75),
        ("mixed_token", r"\b(?=[A-Z]*\d)(?=\d*[A-Z])[A-Z0-9]{5,20}\b", 0.4),
        ("long_digits", r"(?<![£$€\d.,/:-])\d{5,}(?![\d%]|[.,]\d)", 0.4),
        ("dashed_id", r"(?<![\w-])\d{2,5}(?:-\d{2,6}){2,3}(?![\w-])", 0.45),
        # a code of three or four parts with letters among digits: "4419/22/NT", "KB/2291/14"
        # (dates are digits only; four digits at least)
        ("slashed_code", r"(?<![\w/-])(?=(?:[A-Za-z0-9]+/){2})(?=[\w/]*[A-Za-z])"
                         r"(?=(?:[^\d\s]*\d){4})(?:\d{1,8}|[A-Za-z]{1,4})(?:/(?:\d{1,8}|[A-Za-z]{1,4})){2,3}"
                         r"(?![\w/-])", 0.45),
        # a service's letters then a serial: "SVR-118204", "ABC/20931"
        ("letters_serial", r"(?<![\w/-])(?=[A-Z/-]*(?:\d[-/]?){4})(?-i:[A-Z]{2,5})(?:[-/]\d{2,10}){1,3}"
                           r"(?![\w/-])",
         0.45),
    )

    _REF_BEFORE = re.compile(r"(?i)(?:\b(?:(?:crime|case|incident|police|court)\s+)?"
                             r"ref(?:erence)?\.?(?:\s*(?:no|number)\.?)?\s*[:#]?\s*"
                             r"(?-i:[A-Z]{2,5}\s+)?|"
                             # a crime or unique reference number's own letters: "CRN 55123"
                             r"\b(?:crn|urn|ref)\s*[:#]?\s*)$")

    def span(self, match: re.Match[str]) -> tuple[int, int]:
        """The number, with a "ref" written straight before it ("ref 12/3456", "crime ref
        12/3456" are one token)."""
        start, end = super().span(match)
        m = self._REF_BEFORE.search(match.string, max(0, start - 36), start)
        return (m.start(), end) if m else (start, end)

    def check(self, match: re.Match[str]) -> bool | None:
        """Discard ordinals, times and units such as "2nd", "10am", "24hrs"."""
        token = match.group("id") if "id" in match.re.groupindex else match.group()
        if _NOT_IDS.match(token):
            return False
        if re.fullmatch(r"\d{1,5}x", token, re.IGNORECASE):
            return False  # "1000x easier": a multiplier
        if "id" not in match.re.groupindex and sum(c.isdigit() for c in token) < 2 \
                and not token.isdigit():
            return False
        if _glued_word(token) and any(c.isdigit() for c in token):
            return False
        return None


def _glued_word(token: str) -> bool:
    """Whether a letter-digit token is a word run into a number ("hours48", "45mWhen",
    "aciclovir800"): a run of four letters or more that is a word or a medicine. A reference's
    letters are a short code ("AB12345", "CRN2291")."""
    from survey.anonymise.lexicon import clinical_term, is_dictionary_word

    return any(is_dictionary_word(run.lower()) or clinical_term(run)
               for run in re.findall(r"[A-Z]?[a-z]{3,}|[A-Z]{4,}", token))
