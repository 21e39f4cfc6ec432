"""The one registry of recognizers and operators, keyed by versioned name.

Nothing is discovered by import side effects: to add a recognizer, import its class here and add
one line. An unknown name fails with the list of known names.
"""

from __future__ import annotations

from typing import Any

from survey.anonymise.operators import (DescribeOperator, DropOperator, GeneraliseOperator,
                                        Operator, PlaceholderOperator, PseudonymOperator,
                                        RedactOperator)
from survey.anonymise.recognizers.adversarial import (DigitNameRecognizer, SpeltEmailRecognizer,
                                                      SpeltPhoneRecognizer, SplitNameRecognizer,
                                                      StyledLettersRecognizer)
from survey.anonymise.recognizers.address import AddressCueRecognizer, StreetAddressRecognizer
from survey.anonymise.recognizers.base import Recognizer
from survey.anonymise.recognizers.contact import (EmailRecognizer, IpAddressRecognizer,
                                                  PhoneRecognizer, SocialHandleRecognizer,
                                                  UrlRecognizer)
from survey.anonymise.recognizers.finance import CardNumberRecognizer, IbanRecognizer
from survey.anonymise.recognizers.names import (LowerNameContextRecognizer, NameCueRecognizer,
                                                NameGazetteerRecognizer, NameWordRecognizer,
                                                ProperNounRecognizer)
from survey.anonymise.recognizers.name_slots import NameSlotRecognizer
from survey.anonymise.recognizers.ner import SpacyNerRecognizer
from survey.anonymise.recognizers.places import (DemographicRecognizer, FacilityRecognizer,
                                                 OrganisationCueRecognizer, PlaceCueRecognizer,
                                                 UkPlaceRecognizer)
from survey.anonymise.recognizers.reference import ReferenceNumberRecognizer
from survey.anonymise.recognizers.uk_gazetteer import GazetteerPlaceRecognizer
from survey.anonymise.recognizers.temporal import AgeRecognizer, DateRecognizer, TimeRecognizer
from survey.anonymise.recognizers.uk import (NhsNumberRecognizer, UkBankAccountRecognizer,
                                             UkDrivingLicenceRecognizer, UkNinoRecognizer,
                                             PoliceCollarNumberRecognizer,
                                             UkPassportRecognizer, UkPostcodeRecognizer,
                                             UkVehicleRegistrationRecognizer)

RECOGNIZERS: dict[str, type[Recognizer]] = {
    "contact.email.v1": EmailRecognizer,
    "contact.email_spelt.v1": SpeltEmailRecognizer,
    "contact.url.v1": UrlRecognizer,
    "contact.handle.v1": SocialHandleRecognizer,
    "contact.phone.v1": PhoneRecognizer,
    "contact.phone_spelt.v1": SpeltPhoneRecognizer,
    "contact.ip.v1": IpAddressRecognizer,
    "uk.postcode.v1": UkPostcodeRecognizer,
    "uk.nhs_number.v1": NhsNumberRecognizer,
    "uk.nino.v1": UkNinoRecognizer,
    "uk.passport.v1": UkPassportRecognizer,
    "uk.driving_licence.v1": UkDrivingLicenceRecognizer,
    "uk.vehicle_registration.v1": UkVehicleRegistrationRecognizer,
    "uk.bank_account.v1": UkBankAccountRecognizer,
    "finance.card.v1": CardNumberRecognizer,
    "finance.iban.v1": IbanRecognizer,
    "id.reference.v1": ReferenceNumberRecognizer,
    "time.date.v1": DateRecognizer,
    "time.time.v1": TimeRecognizer,
    "person.age.v1": AgeRecognizer,
    "address.street.v1": StreetAddressRecognizer,
    "address.cue.v1": AddressCueRecognizer,
    "spacy.ner.v1": SpacyNerRecognizer,
    "names.gazetteer.v1": NameGazetteerRecognizer,
    "names.cue.v1": NameCueRecognizer,
    "names.split.v1": SplitNameRecognizer,
    "names.digits.v1": DigitNameRecognizer,
    "names.proper_noun.v1": ProperNounRecognizer,
    "places.cue.v1": PlaceCueRecognizer,
    "orgs.cue.v1": OrganisationCueRecognizer,
    "places.facility.v1": FacilityRecognizer,
    "places.uk.v1": UkPlaceRecognizer,
    "places.gazetteer.v1": GazetteerPlaceRecognizer,
    "person.demographic.v1": DemographicRecognizer,
    "names.styled_letters.v1": StyledLettersRecognizer,
    "uk.police_number.v1": PoliceCollarNumberRecognizer,
    "names.name_word.v1": NameWordRecognizer,
    "names.lower_context.v1": LowerNameContextRecognizer,
    "names.slot.v1": NameSlotRecognizer,
}

OPERATORS: dict[str, type[Operator]] = {
    "placeholder.v1": PlaceholderOperator,
    "redact.v1": RedactOperator,
    "generalise.v1": GeneraliseOperator,
    "drop.v1": DropOperator,
    "pseudonym.v1": PseudonymOperator,
    "describe.v1": DescribeOperator,
}

#: Recognizers a default anonymiser runs: all but clock times, which are not identifiers
#: (docs/anonymisation-policy.md); ``time.time.v1`` stays registered for projects that want it.
DEFAULT_RECOGNIZERS: tuple[str, ...] = tuple(n for n in RECOGNIZERS if n != "time.time.v1")


def _lookup(table: dict[str, type], kind: str, name: str) -> type:
    try:
        return table[name]
    except KeyError:
        raise KeyError(f"unknown {kind} {name!r}; known: {', '.join(sorted(table))}") from None


def make_recognizer(name: str) -> Recognizer:
    """Instantiate a registered recognizer.

    Raises:
        KeyError: Unknown name (the message lists the known ones).
    """
    cls = _lookup(RECOGNIZERS, "recognizer", name)
    if cls.name != name:
        raise KeyError(f"registry key {name!r} does not match {cls.__name__}.name {cls.name!r}")
    return cls()


def make_operator(name: str, **params: Any) -> Operator:
    """Instantiate and validate a registered operator with keyword parameters.

    Raises:
        KeyError: Unknown name (the message lists the known ones).
        TypeError: Unknown parameter.
        ValueError: Bad parameter value.
    """
    cls = _lookup(OPERATORS, "operator", name)
    op = cls(cls.Params(**params))
    op.validate()
    return op
