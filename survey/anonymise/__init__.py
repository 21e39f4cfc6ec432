"""Free-text and structured-field anonymisation (recognizers, operators, engine).

Main entry points::

    from survey.anonymise import build_anonymiser, audit_rows
    anonymiser = build_anonymiser(config.anonymise).load()
    results = anonymiser.anonymise_batch(texts, respondent_ids=ids)
"""

from survey.anonymise.engine import (AnonymisedText, Anonymiser, audit_rows, build_anonymiser,
                                     resolve_overlaps, write_key_file)
from survey.anonymise.decisions import ReviewDecisions, text_key
from survey.anonymise.keyfile import passphrase_from_env, read_key
from survey.anonymise.spans import Detection
from survey.anonymise.structured import (GeneraliseReport, band_age, generalise_responses,
                                         shorten_postcode)

__all__ = ["AnonymisedText", "Anonymiser", "Detection", "GeneraliseReport", "ReviewDecisions",
           "audit_rows", "band_age", "build_anonymiser", "generalise_responses",
           "passphrase_from_env", "read_key", "resolve_overlaps", "shorten_postcode", "text_key",
           "write_key_file"]
