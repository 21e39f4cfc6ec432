"""The re-identification key file: owner-only, optionally encrypted with a passphrase taken from
the environment. Values are SYNTHETIC."""

from __future__ import annotations

import os
import stat

import pytest

from survey.anonymise.engine import write_key_file
from survey.anonymise.keyfile import (MAGIC, PASSPHRASE_ENV, passphrase_from_env, read_key,
                                      write_key)
from survey.errors import ToolkitError

ROWS = [{"respondent_id": "r1", "placeholder": "[PERSON 1]", "original": "Zedna Quorrow"}]


def test_keyfile_plain_is_owner_only_csv(tmp_path):
    path = write_key_file(tmp_path / "key.csv", ROWS)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert read_key(path) == ROWS


def test_keyfile_encrypted_hides_values_and_round_trips(tmp_path):
    path = write_key_file(tmp_path / "key.enc", ROWS, passphrase="synthetic pass phrase")
    blob = path.read_bytes()
    assert blob.startswith(MAGIC) and b"Zedna" not in blob and b"Quorrow" not in blob
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert read_key(path, passphrase="synthetic pass phrase") == ROWS


def test_keyfile_wrong_or_missing_passphrase_fails_without_values(tmp_path):
    path = write_key(tmp_path / "key.enc", ROWS, passphrase="right")
    with pytest.raises(ToolkitError, match="wrong passphrase") as err:
        read_key(path, passphrase="wrong")
    assert "Zedna" not in str(err.value)
    with pytest.raises(ToolkitError, match=PASSPHRASE_ENV):
        read_key(path)


def test_keyfile_passphrase_comes_from_environment():
    assert passphrase_from_env({PASSPHRASE_ENV: "abc"}) == "abc"
    assert passphrase_from_env({PASSPHRASE_ENV: ""}) is None
    assert passphrase_from_env({}) is None


def test_keyfile_salt_differs_between_writes(tmp_path):
    a = write_key(tmp_path / "a", ROWS, passphrase="p").read_bytes()
    b = write_key(tmp_path / "b", ROWS, passphrase="p").read_bytes()
    assert a != b
