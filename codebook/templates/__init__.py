"""Codebook templates shipped with the toolkit (``voices init`` copies the starter one)."""

from __future__ import annotations

from importlib import resources

STARTER = "starter.yaml"


def starter_codebook_text() -> str:
    """The starter codebook's YAML text, comments included (for a new project's codebook.yaml)."""
    return resources.files(__name__).joinpath(STARTER).read_text(encoding="utf-8")
