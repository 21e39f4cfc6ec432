"""Free-text and structured-field anonymisation (recognizers, operators, engine).

Main entry points::

    from survey.anonymise import build_anonymiser, audit_rows
    anonymiser = build_anonymiser(config.anonymise).load()
    results = anonymiser.anonymise_batch(texts, respondent_ids=ids)

The names below load their module on first use, so importing one light part of this package
(the disclosure auditor, the key file) does not load spaCy and the recognizers.
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "AnonymisedText": "engine", "Anonymiser": "engine", "audit_rows": "engine",
    "build_anonymiser": "engine", "resolve_overlaps": "engine", "write_key_file": "engine",
    "ReviewDecisions": "decisions", "text_key": "decisions",
    "passphrase_from_env": "keyfile", "read_key": "keyfile",
    "Detection": "spans",
    "GeneraliseReport": "structured", "band_age": "structured",
    "generalise_responses": "structured", "shorten_postcode": "structured",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        from survey.interrupts import interrupts_deferred

        # the engine's first import loads spaCy, thinc and torch (native code that a Ctrl-C
        # inside would abort): the interrupt waits until the import is over
        with interrupts_deferred():
            module = importlib.import_module(f"{__name__}.{_WHERE[name]}")
        return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
