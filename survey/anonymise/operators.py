"""Operators turn one detected span into its replacement text.

Each operator has a registered ``name``, a typed parameter dataclass checked by
:meth:`Operator.validate` when the plan is built, and ``apply``. Placeholders are consistent per
respondent: the same original string gives the same ``[PERSON 1]`` across all of one respondent's
answers, and the next person becomes ``[PERSON 2]``.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import ClassVar

from survey.anonymise.spans import Detection

#: Display label per entity in placeholders (others show the entity itself).
DISPLAY = {
    "LOCATION": "PLACE", "ORGANIZATION": "ORGANISATION", "EMAIL_ADDRESS": "EMAIL",
    "PHONE_NUMBER": "PHONE", "STREET_ADDRESS": "ADDRESS", "UK_POSTCODE": "POSTCODE",
    "UK_NHS_NUMBER": "NHS NUMBER", "UK_NINO": "NI NUMBER", "UK_PASSPORT": "PASSPORT",
    "UK_DRIVING_LICENCE": "DRIVING LICENCE", "UK_VEHICLE_REGISTRATION": "VEHICLE REG",
    "UK_BANK_ACCOUNT": "BANK ACCOUNT", "CREDIT_CARD": "CARD NUMBER", "IBAN_CODE": "IBAN",
    "IP_ADDRESS": "IP ADDRESS", "REFERENCE_NUMBER": "REFERENCE", "SOCIAL_HANDLE": "HANDLE",
    "NRP": "GROUP", "OTHER_NAME": "NAME", "FACILITY": "FACILITY",
}

#: Default age bands (inclusive lower, inclusive upper); the last is open-ended.
AGE_BANDS: tuple[tuple[int, int], ...] = ((0, 12), (13, 15), (16, 17), (18, 24), (25, 34),
                                          (35, 44), (45, 54), (55, 64), (65, 200))


def display_label(entity: str) -> str:
    """Human label for a placeholder ("LOCATION" -> "PLACE")."""
    return DISPLAY.get(entity, entity.replace("_", " "))


def normalise_value(value: str) -> str:
    """Key under which two mentions count as "the same string" (case, spacing, leading "the")."""
    value = re.sub(r"\s+", " ", value).strip().casefold()
    return value[4:] if value.startswith("the ") else value


@dataclass
class PlaceholderState:
    """Per-respondent numbering: (display label, normalised value) -> number."""

    numbers: dict[tuple[str, str], int] = field(default_factory=dict)
    counters: dict[str, int] = field(default_factory=dict)

    def number_for(self, label: str, value: str) -> int:
        """The number for ``value`` under ``label``, assigning the next one when new."""
        key = (label, normalise_value(value))
        if key not in self.numbers:
            self.counters[label] = self.counters.get(label, 0) + 1
            self.numbers[key] = self.counters[label]
        return self.numbers[key]


class Operator(ABC):
    """Replace one span. Subclasses set ``name`` and ``Params`` and implement ``apply``."""

    name: ClassVar[str] = ""

    @dataclass(frozen=True)
    class Params:
        """No parameters."""

    def __init__(self, params: Params | None = None) -> None:
        self.params = params if params is not None else self.Params()

    def validate(self) -> None:
        """Check parameters.

        Raises:
            TypeError: ``params`` is not this operator's ``Params``.
            ValueError: A parameter has a bad value.
        """
        if not isinstance(self.params, self.Params):
            raise TypeError(f"{self.name}: params must be {type(self).__name__}.Params, got "
                            f"{type(self.params).__name__}")

    @abstractmethod
    def apply(self, original: str, detection: Detection, state: PlaceholderState) -> str:
        """Return the replacement for ``original`` (the detected text)."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.params!r})"


class PlaceholderOperator(Operator):
    """Typed, numbered placeholders: ``[PERSON 1]``, ``[PLACE 2]``."""

    name = "placeholder.v1"

    @dataclass(frozen=True)
    class Params:
        """Args: template: format with ``{label}`` and ``{n}``."""

        template: str = "[{label} {n}]"

    def validate(self) -> None:
        """Check the template has ``{label}`` and ``{n}`` and formats."""
        super().validate()
        tpl = self.params.template
        if "{label}" not in tpl or "{n}" not in tpl:
            raise ValueError(f"{self.name}: template must contain {{label}} and {{n}}, got {tpl!r}")

    def apply(self, original: str, detection: Detection, state: PlaceholderState) -> str:
        """Return the numbered placeholder for this value."""
        label = display_label(detection.entity)
        return self.params.template.format(label=label, n=state.number_for(label, original))


#: Pseudonyms for the optional pseudonym operator: short, gender-neutral, and chosen to read as
#: obviously substituted names in a report (the method notes say pseudonyms were used).
DEFAULT_PSEUDONYMS: tuple[str, ...] = (
    "Alex", "Sam", "Jordan", "Robin", "Charlie", "Jamie", "Morgan", "Riley", "Casey", "Quinn",
    "Avery", "Rowan", "Frankie", "Sasha", "Kit", "Remy", "Ash", "Toni", "Jules", "Drew")


class PseudonymOperator(Operator):
    """Readable pseudonyms from a fixed list, consistent per respondent.

    The n-th person a respondent mentions becomes the n-th name of the list (``Alex``, ``Sam``
    ...); past the end of the list names repeat with a number (``Alex 2``). The pseudonym
    depends only on the order of mention, never on the original name.
    """

    name = "pseudonym.v1"

    @dataclass(frozen=True)
    class Params:
        """Args: names: the pseudonyms, in order of use."""

        names: tuple[str, ...] = DEFAULT_PSEUDONYMS

    def validate(self) -> None:
        """Check ``names`` is a non-empty tuple of distinct, non-blank strings."""
        super().validate()
        names = self.params.names
        if (not isinstance(names, tuple) or not names
                or not all(isinstance(n, str) and n.strip() for n in names)):
            raise ValueError(f"{self.name}: names must be a non-empty tuple of non-blank strings")
        if len(set(names)) != len(names):
            raise ValueError(f"{self.name}: names must be distinct")

    def apply(self, original: str, detection: Detection, state: PlaceholderState) -> str:
        """Return the pseudonym for this person (by order of mention)."""
        n = state.number_for(display_label(detection.entity), original)
        names = self.params.names
        name = names[(n - 1) % len(names)]
        return name if n <= len(names) else f"{name} {(n - 1) // len(names) + 1}"


class RedactOperator(Operator):
    """A fixed replacement text (``[REDACTED]``)."""

    name = "redact.v1"

    @dataclass(frozen=True)
    class Params:
        """Args: text: the replacement."""

        text: str = "[REDACTED]"

    def validate(self) -> None:
        """Check ``text`` is a string."""
        super().validate()
        if not isinstance(self.params.text, str):
            raise ValueError(f"{self.name}: text must be a string, got "
                             f"{type(self.params.text).__name__}")

    def apply(self, original: str, detection: Detection, state: PlaceholderState) -> str:
        """Return the fixed text."""
        return self.params.text


class DropOperator(Operator):
    """Remove the span entirely."""

    name = "drop.v1"

    def apply(self, original: str, detection: Detection, state: PlaceholderState) -> str:
        """Return an empty string."""
        return ""


def band_for_age(age: int, bands: tuple[tuple[int, int], ...] = AGE_BANDS) -> str | None:
    """Band label for an age ("13-15", "65+"), or None when out of range."""
    for lo, hi in bands:
        if lo <= age <= hi:
            return f"{lo}+" if hi >= 120 else f"{lo}-{hi}"
    return None


class GeneraliseOperator(Operator):
    """Coarser values: age -> ``[AGE 13-15]``, date -> ``[DATE]`` (or ``[DATE 2023]``)."""

    name = "generalise.v1"

    @dataclass(frozen=True)
    class Params:
        """Args: keep_year: show the year of a date; age_bands: inclusive (lo, hi) bands."""

        keep_year: bool = False
        age_bands: tuple[tuple[int, int], ...] = AGE_BANDS

    def validate(self) -> None:
        """Check the bands are ordered, non-overlapping pairs."""
        super().validate()
        prev = -1
        for band in self.params.age_bands:
            if len(band) != 2 or not all(isinstance(b, int) for b in band) or band[0] > band[1] \
                    or band[0] <= prev:
                raise ValueError(f"{self.name}: age_bands must be ordered, non-overlapping "
                                 f"(lo, hi) integer pairs, got {self.params.age_bands!r}")
            prev = band[1]

    def apply(self, original: str, detection: Detection, state: PlaceholderState) -> str:
        """Return the generalised value."""
        from survey.anonymise.recognizers.temporal import NUMBER_WORDS, SIXTH_FORM

        if detection.entity == "AGE":
            # "two year old", "5 yrs old", "9yo", "4 months old": the number inside the unit
            infant = re.search(r"(?i)\b\d*\s*(?:months?|mths?|weeks?|wks?)\b", original)
            bare = re.sub(r"(?i)(?:\s*(?:years?|yrs?|months?|mths?|weeks?|wks?)\b)?"
                          r"(?:\s*(?:old|young|of\s+age)\b|\s*(?:yo|y/o|y\.o\.))?\s*$", "",
                          original.replace("-", " ")).strip()
            if infant:
                bare = "0"
            original = bare or original
            words = original.lower().split()
            school = re.fullmatch(r"(?i)(?:year|yr)\s?(\d{1,2})", original.strip())
            primary = re.fullmatch(r"(?i)(?:p|primary\s?)([1-7])", original.strip())
            if school:  # England and Wales: a child in year N is N + 4 or N + 5
                age = int(school.group(1)) + 5
            elif primary:  # Scotland: a child in primary N is N + 4 or N + 5
                age = int(primary.group(1)) + 5
            elif re.fullmatch(rf"(?i){SIXTH_FORM}", original.strip()):  # ages 16 to 18
                age = 17
            elif original.strip().isdigit():
                age = int(original.strip())
            elif words and all(w in NUMBER_WORDS for w in words):
                age = sum(NUMBER_WORDS[w] for w in words)
            else:
                return "[AGE]"
            band = band_for_age(age, self.params.age_bands)
            return f"[AGE {band}]" if band else "[AGE]"
        if detection.entity == "DATE":
            year = re.search(r"\b(?:19|20)\d{2}\b", original)
            return f"[DATE {year.group()}]" if self.params.keep_year and year else "[DATE]"
        return f"[{display_label(detection.entity)}]"


#: Quasi-identifiers (docs/anonymisation-policy.md): the labels a project may generalise
#: instead of replacing with a numbered placeholder.
QUASI_LABELS: tuple[str, ...] = ("FACILITY", "LOCATION", "ORGANIZATION", "NRP", "DATE", "AGE")
#: Default wording per label for :class:`DescribeOperator`.
DESCRIPTIONS: dict[str, str] = {
    "FACILITY": "a hospital or service in the area", "LOCATION": "a place in the area",
    "ORGANIZATION": "a local organisation", "NRP": "a group", "DATE": "a date",
    "STREET_ADDRESS": "an address", "OTHER_NAME": "a name",
}


class DescribeOperator(Operator):
    """A generic description in brackets: "[a hospital or service in the area]".

    For quasi-identifiers whose kind carries meaning for the reader (a hospital, a town) but
    whose name could help identify someone. Ages are banded as by :class:`GeneraliseOperator`.
    """

    name = "describe.v1"

    @dataclass(frozen=True)
    class Params:
        """Args: descriptions: ``(label, wording)`` pairs overriding :data:`DESCRIPTIONS`."""

        descriptions: tuple[tuple[str, str], ...] = ()

    def validate(self) -> None:
        """Check the overrides are (label, non-blank wording) pairs."""
        super().validate()
        for pair in self.params.descriptions:
            if not (isinstance(pair, tuple) and len(pair) == 2 and
                    all(isinstance(x, str) and x.strip() for x in pair)):
                raise ValueError(f"{self.name}: descriptions must be (label, wording) pairs")

    def apply(self, original: str, detection: Detection, state: PlaceholderState) -> str:
        """Return the bracketed description (or the age band for ages)."""
        if detection.entity == "AGE":
            return GeneraliseOperator().apply(original, detection, state)
        wording = dict(DESCRIPTIONS, **dict(self.params.descriptions)).get(detection.entity)
        return f"[{wording}]" if wording else f"[{display_label(detection.entity)}]"


def quasi_plan(kind: str) -> dict[str, Operator]:
    """Operators for every quasi-identifier label at once.

    Args:
        kind: ``"placeholder"`` (numbered, the default plan), ``"generalise"`` (``[PLACE]``,
            age bands) or ``"describe"`` ("[a hospital or service in the area]").

    Returns:
        Label -> operator, to pass as ``operators=`` to the anonymiser.

    Raises:
        ValueError: An unknown kind.
    """
    ops: dict[str, type[Operator]] = {"placeholder": PlaceholderOperator,
                                      "generalise": GeneraliseOperator,
                                      "describe": DescribeOperator}
    if kind not in ops:
        raise ValueError(f"kind must be one of {sorted(ops)}, got {kind!r}")
    plan = {label: ops[kind]() for label in QUASI_LABELS}
    if kind == "placeholder":
        plan.update(AGE=GeneraliseOperator(), DATE=GeneraliseOperator())
    return plan
