"""UK identifiers: postcode, NHS number, National Insurance number, passport, driving licence,
vehicle registration, bank sort code and account number."""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS as SPACY_STOP_WORDS

from survey.anonymise.recognizers.base import PatternRecognizer
from survey.anonymise.spans import Detection

_OUTWARD = r"(?:[A-Z]{1,2}\d[A-Z\d]?|GIR)"


class UkPostcodeRecognizer(PatternRecognizer):
    """Full postcodes ("LS6 2AB", "SW1A 1AA") and outward codes ("B1") after a place or cue.

    A full postcode scores high on its own (unlike Presidio's 0.1). An outward code alone is
    ambiguous, so it counts only straight after "in", "near", "from", "postcode"... or after a
    capitalised place word ("Leeds LS6").
    """

    name = "uk.postcode.v1"
    entities = ("UK_POSTCODE",)
    ENTITY = "UK_POSTCODE"
    CONTEXT = ("postcode", "post code", "address", "live", "lives", "lived", "area")
    PATTERNS = (
        ("full", rf"\b(?P<id>{_OUTWARD} ?\d[ABD-HJLNP-UW-Z]{{2}})\b", 0.75),
        ("full_lower", r"\b(?P<id>[a-z]{1,2}\d[a-z\d]? \d[abd-hjlnp-uw-z]{2})\b", 0.5),
        ("postal_code_cue", r"(?i:\b(?:zip(?:\s*code)?|postal\s*code|post\s*code)"
                            r"\s*(?:is|was|:)?\s*)"
                            # a digit in it: "postcode area so why" is words
                            r"(?P<id>(?=[A-Za-z]{0,4}\d)[A-Za-z0-9]{1,5}"
                            r"(?:[ -][A-Za-z0-9]{2,4})?)\b", 0.6),
        ("outward_cue", r"(?:\b(?:[Ii]n|[Nn]ear|[Ff]rom|[Aa]round|[Pp]ostcode:?|[Aa]rea|[Oo]utside)"
                        r"\s+|\b[A-Z][a-z]{2,20},?\s+)(?P<id>[A-Z]{1,2}\d{1,2}[A-Z]?)\b"
                        r"(?! ?\d[A-Z]{2})",
         0.5),
        # an outward code named as a part of town: "the LS9 end", "round the NE6 side", "our
        # M14 area" (after "the"/"our"/"my", before end/side/area/bit/postcode)
        ("outward_part", r"(?i:\b(?:the|our|my)\s+)(?P<id>[A-Z]{1,2}\d{1,2}[A-Z]?)"
                         r"(?=\s+(?i:end|side|area|bit|part|postcode|way)\b)", 0.5),
        # an outward code in lower case after a town the gazetteer holds: "millway london nw7",
        # "moved to harrow ha3" (the letters a real postcode area's; checked in :meth:`check`)
        ("outward_after_town", r"(?<![\w'’-])(?P<town>[a-z]{3,20}),?\s+"
                               r"(?P<id>[a-z]{1,2}\d{1,2}[a-z]?)\b(?! ?\d[a-z]{2})", 0.5),
    )
    #: The 121 postcode areas of the United Kingdom (Royal Mail), lower case.
    AREAS = frozenset("""
ab al b ba bb bd bh bl bn br bs bt ca cb cf ch cm co cr ct cv cw da dd de dg dh dl dn dt dy e ec
eh en ex fk fy g gl gu ha hd hg hp hr hs hu hx ig ip iv ka kt kw ky l la ld le ll ln ls lu m me
mk ml n ne ng nn np nr nw ol ox pa pe ph pl po pr rg rh rm s sa se sg sk sl sm sn so sp sr ss st
sw sy ta td tf tn tq tr ts tw ub w wa wc wd wf wn wr ws wv yo ze""".split())
    NOT_OUTWARD = frozenset({"A1", "M1", "M4", "M5", "M6", "M25", "M62", "A4", "A5", "Y7", "Y8",
                             "Y9", "Y10", "Y11", "Y12", "Y13", "KS1", "KS2", "KS3", "KS4", "MP3",
                             "MP4", "PS4", "PS5", "B12", "V1", "G7", "G20", "F1"})

    def check(self, match: re.Match[str]) -> bool | None:
        """Discard motorway, key stage and similar lookalikes for outward codes; a lower-case
        one needs a town the gazetteer holds before it and a real postcode area's letters."""
        if match.group("id").upper() in self.NOT_OUTWARD:
            return False
        if match.groupdict().get("town"):
            from survey.anonymise.recognizers.uk_gazetteer import _key, gazetteer_level

            letters = re.match(r"[a-z]+", match.group("id")).group()
            if letters not in self.AREAS or gazetteer_level(_key(match.group("town"))) is None:
                return False
        return None


class NhsNumberRecognizer(PatternRecognizer):
    """NHS numbers: ten digits (3-3-4) passing the mod-11 check; context raises the score.

    A passing checksum is *not* certainty (about 1 in 11 random ten-digit numbers pass), so a bare
    valid number scores 0.5 and "NHS" nearby raises it.
    """

    name = "uk.nhs_number.v1"
    entities = ("UK_NHS_NUMBER",)
    ENTITY = "UK_NHS_NUMBER"
    CONTEXT = ("nhs", "nhs number", "nhs no", "health", "patient", "hospital", "gp")
    PATTERNS = (("nhs_3_3_4", r"(?<![\d-])\d{3}[ -]?\d{3}[ -]?\d{4}(?![\d-])", 0.5),)

    def check(self, match: re.Match[str]) -> bool | None:
        """Mod-11: discard on failure, no opinion on success."""
        return None if nhs_checksum_ok(match.group()) else False


def nhs_checksum_ok(value: str) -> bool:
    """Whether a ten-digit NHS number passes the mod-11 check.

    Args:
        value: The number, separators allowed.

    Returns:
        True when it has ten digits and the check digit matches.
    """
    digits = [int(c) for c in value if c.isdigit()]
    if len(digits) != 10:
        return False
    total = sum(d * w for d, w in zip(digits[:9], range(10, 1, -1)))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == digits[9]


class UkNinoRecognizer(PatternRecognizer):
    """National Insurance numbers (HMRC prefix rules; suffix A-D)."""

    name = "uk.nino.v1"
    entities = ("UK_NINO",)
    ENTITY = "UK_NINO"
    CONTEXT = ("national insurance", "ni number", "ni no", "nino", "insurance")
    PATTERNS = (("nino", r"\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]"
                         r" ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b", 0.6),
                # People mistype, and a prefix HMRC never issues ("QQ") still identifies the
                # writer if it is one letter off: redact the shape (two letters, three pairs of
                # digits, a final letter), any case, any spacing.
                ("nino_shape", r"(?i)(?<![\w-])[a-z]{2}[ .-]?\d{2}[ .-]?\d{2}[ .-]?\d{2}"
                               r"[ .-]?[a-d](?![\w-])", 0.5))


class UkPassportRecognizer(PatternRecognizer):
    """Passport numbers: nine digits or two letters and seven digits, only with context."""

    name = "uk.passport.v1"
    entities = ("UK_PASSPORT",)
    ENTITY = "UK_PASSPORT"
    CONTEXT = ("passport",)
    CONTEXT_REQUIRED = True
    PATTERNS = (("passport", r"\b(?:\d{9}|[A-Z]{2}\d{7})\b", 0.5),)


class UkDrivingLicenceRecognizer(PatternRecognizer):
    """DVLA driving licence numbers (16 characters: surname, birth date code, initials)."""

    name = "uk.driving_licence.v1"
    entities = ("UK_DRIVING_LICENCE",)
    ENTITY = "UK_DRIVING_LICENCE"
    CONTEXT = ("licence", "license", "driving", "dvla")
    PATTERNS = (("dvla", r"\b[A-Z9]{5}\d[0156]\d(?:0[1-9]|[12]\d|3[01])\d[A-Z9]{2}\d[A-Z]{2}\b",
                 0.7),)


class UkVehicleRegistrationRecognizer(PatternRecognizer):
    """Vehicle registrations (current "AB12 CDE" format), only with a vehicle context word."""

    name = "uk.vehicle_registration.v1"
    entities = ("UK_VEHICLE_REGISTRATION",)
    ENTITY = "UK_VEHICLE_REGISTRATION"
    CONTEXT = ("car", "reg", "registration", "plate", "plates", "number plate", "vehicle", "van",
               "driving", "drove", "taxi")
    CONTEXT_REQUIRED = True
    PATTERNS = (("current", r"\b[A-Z]{2}\d{2} ?[A-Z]{3}\b", 0.5),
                ("prefix", r"\b[A-Z]\d{1,3} ?[A-Z]{3}\b", 0.4))

    #: A current-format plate with every character spaced out ("B N 7 1 K W X") is written to
    #: dodge filters; the shape is distinctive enough without a vehicle word.
    SPACED = re.compile(r"(?i)(?<![\w-])[a-z][ .-][a-z][ .-]?\d[ .-]?\d[ .-]?[a-z][ .-]?[a-z]"
                        r"[ .-]?[a-z](?![\w-])")

    def detect(self, text: str) -> list[Detection]:
        """Plates in the usual form (with a vehicle word) and spaced out (without)."""
        out = super().detect(text)
        for m in self.SPACED.finditer(text):
            tail = re.search(r"(?<![A-Za-z])[a-z]{3}$", m.group())
            if tail and tail.group() in SPACY_STOP_WORDS:
                continue  # "I m 79 and": a stripped "I'm", an age and "and", no plate (a
                # spaced plate's letters are spaced; a word's are not)
            if sum(c.isspace() or c in ".-" for c in m.group()) >= 3:
                out.append(Detection(m.start(), m.end(), self.ENTITY, 0.6, self.name, "spaced"))
        return out


class UkBankAccountRecognizer(PatternRecognizer):
    """Sort codes (12-34-56) and eight-digit account numbers, only with banking context."""

    name = "uk.bank_account.v1"
    entities = ("UK_BANK_ACCOUNT",)
    ENTITY = "UK_BANK_ACCOUNT"
    CONTEXT = ("sort code", "account", "bank", "acc", "a/c")
    CONTEXT_REQUIRED = True
    PATTERNS = (("sort_code", r"(?<![\d-])\d{2}-\d{2}-\d{2}(?![\d-])", 0.5),
                ("account", r"(?<![\d-])\d{8}(?![\d-])", 0.5))


class PoliceCollarNumberRecognizer(PatternRecognizer):
    """Police collar (shoulder) numbers after a rank: "PC 1234", "DC 55", "PCSO 90122",
    "Sgt 552", "collar number 3318", "his collar number, 3381", "her collar number was 5512",
    "collar number for the OIC is 2286", "DC Parry (2215)".
    With the rank they name one officer, so the span covers both ("pc 4417" is one
    identifier)."""

    name = "uk.police_number.v1"
    entities = ("REFERENCE_NUMBER",)
    ENTITY = "REFERENCE_NUMBER"
    #: A collar number is no count, time or duration ("pc 4417", not "officer 20 minutes").
    _NOT_COUNT = (r"(?![\d:/.,]\d|\s*(?:%|am\b|pm\b|years?|days?|weeks?|months?|hours?|times?|"
                  r"minutes?))")
    PATTERNS = (("collar", r"(?P<id>(?i:\b(?:pcso|pc|wpc|dc|ds|di|dci|dsu|sgt|sergeant|constable|"
                           r"officer|inspector|collar(?:\s+(?:no|number))?|shoulder\s+number|"
                           r"warrant\s+(?:no|number)|badge(?:\s+(?:no|number))?)\.?\s*(?:no\.?\s*|"
                           r"number\s*|#\s*)?)\d{2,6})" + _NOT_COUNT, 0.6),
                # the number given after a comma, a colon or "is": "his collar number, 3381,",
                # "her collar number was 5512"
                ("collar_given", r"(?P<id>(?i:\b(?:collar|shoulder|badge|warrant)\s+(?:no\.?|"
                                 r"number)(?:\s+(?:for|of)\s+(?:the|my|her|his|our)\s+"
                                 r"(?:oic|officer|pc|dc|ps|ds|sgt|constable))?"
                                 r"\s*(?:,|:|\s+(?:is|was))\s*)\d{2,6})" + _NOT_COUNT, 0.6),
                # a badge's code with its letters: "badge W-0318", "badge no: K2231"
                ("badge_code", r"(?i:\bbadge\s*(?:no\.?|number|#)?\s*[:,]?\s*)"
                               r"(?P<id>(?-i:[A-Z]{1,2})-?\d{3,6})\b", 0.6),
                # the number given a few words after it is asked for: "asked for my badge
                # number so I gave them 4471"
                ("collar_later", r"(?i:\b(?:collar|shoulder|badge|warrant)\s+(?:no\.?|number)"
                                 r"\b[^.\n\d]{0,30}?\b(?:gave|give|giving|told|tell|is|was|as)"
                                 r"\s+(?:them|him|her|it|me)?\s*)(?P<id>\d{3,6})" + _NOT_COUNT,
                 0.6),
                # in brackets after the rank and surname, as e-mails copy officers in: "DC
                # Parry (2215)", "PC Ali-Khan (4409)"
                ("collar_bracket", r"(?i:\b(?:pcso|pc|wpc|dc|ds|di|dci|sgt)\.?\s+)"
                                   r"(?-i:[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?)\s*\(\s*"
                                   r"(?P<id>\d{3,6})\s*\)", 0.6))
