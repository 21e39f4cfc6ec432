"""The re-identification key file: CSV, owner-only, optionally encrypted with a passphrase.

The passphrase comes from the environment variable :data:`PASSPHRASE_ENV` (never a command-line
argument, which would show in the process list and shell history). Encryption uses the
``cryptography`` package: a key derived from the passphrase with scrypt (random 16-byte salt)
and Fernet (AES-128-CBC with HMAC-SHA256). The encrypted file starts with :data:`MAGIC`.
"""

from __future__ import annotations

import base64
import csv
import io
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from survey.errors import ToolkitError

PASSPHRASE_ENV = "VOICES_KEY_PASSPHRASE"
MAGIC = b"SURVIVOR-VOICES-KEY-v1\n"
FIELDS = ("respondent_id", "placeholder", "original")
_SCRYPT = {"length": 32, "n": 2 ** 15, "r": 8, "p": 1}
_HEADER = ",".join(FIELDS).encode("ascii")


def passphrase_from_env(environ: Mapping[str, str] | None = None) -> str | None:
    """The key-file passphrase from :data:`PASSPHRASE_ENV`, or None when unset or empty."""
    value = (os.environ if environ is None else environ).get(PASSPHRASE_ENV, "")
    return value or None


def _fernet(passphrase: str, salt: bytes):  # noqa: ANN202 - cryptography is optional
    try:
        from cryptography.fernet import Fernet
        from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
    except ImportError:
        raise ToolkitError("encrypting the key file needs the 'cryptography' package "
                           "(pip install cryptography), or unset " + PASSPHRASE_ENV) from None
    key = Scrypt(salt=salt, **_SCRYPT).derive(passphrase.encode("utf-8"))
    return Fernet(base64.urlsafe_b64encode(key))


def key_csv(entries: Iterable[Mapping[str, str]]) -> bytes:
    """The key rows as UTF-8 CSV bytes."""
    buf = io.StringIO(newline="")
    writer = csv.DictWriter(buf, fieldnames=list(FIELDS))
    writer.writeheader()
    for row in entries:
        writer.writerow({k: row[k] for k in FIELDS})
    return buf.getvalue().encode("utf-8")


def encrypt(data: bytes, passphrase: str) -> bytes:
    """Encrypt ``data`` with a passphrase (scrypt + Fernet)."""
    salt = os.urandom(16)
    return MAGIC + base64.b64encode(salt) + b"\n" + _fernet(passphrase, salt).encrypt(data)


def decrypt(blob: bytes, passphrase: str) -> bytes:
    """Decrypt what :func:`encrypt` produced.

    Raises:
        ToolkitError: Not an encrypted key file, or the passphrase is wrong.
    """
    if not blob.startswith(MAGIC):
        raise ToolkitError("not an encrypted Survivor Voices key file")
    salt_line, _, token = blob[len(MAGIC):].partition(b"\n")
    from cryptography.fernet import InvalidToken

    try:
        return _fernet(passphrase, base64.b64decode(salt_line)).decrypt(token)
    except (InvalidToken, ValueError):
        raise ToolkitError("the key file could not be decrypted: wrong passphrase or a "
                           "damaged file") from None


def is_key_file(path: str | Path) -> bool:
    """Whether ``path`` is a key file this toolkit wrote: it starts with :data:`MAGIC`
    (encrypted) or with the CSV header of :data:`FIELDS` (plain)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(MAGIC) + 64)
    except OSError:
        return False
    return head.startswith(MAGIC) or head.startswith(_HEADER)


def check_key_destination(path: str | Path) -> Path:
    """Refuse a key-file destination that would overwrite something that is not a key file.

    Raises:
        ToolkitError: ``path`` is a folder, or an existing file the toolkit did not write as a
            key (an export, a document); the message names the path, never its content.
    """
    path = Path(path)
    if path.is_dir():
        raise ToolkitError(f"{path}: the key file destination is a folder; name a file")
    if path.exists() and not is_key_file(path):
        raise ToolkitError(f"{path}: exists and is not a Survivor Voices key file; refusing to "
                           "overwrite it (choose a new file name for anonymise.key_file)")
    return path


def _remove_stale_temp(path: Path) -> None:
    """Remove what an interrupted earlier write of this key left beside it (it holds originals)."""
    import re

    pattern = re.compile(rf"^\.{re.escape(path.name)}\.[a-z0-9_]{{8}}\.tmp$")
    if path.parent.is_dir():
        for entry in path.parent.glob(f".{path.name}.*.tmp"):
            if pattern.match(entry.name) and entry.is_file():
                entry.unlink(missing_ok=True)


def write_key(path: str | Path, entries: Iterable[Mapping[str, str]], *,
              passphrase: str | None = None) -> Path:
    """Write the key atomically with mode 0600, encrypted when a passphrase is given.

    Args:
        path: Destination (the caller keeps it outside ``outputs/``): a new file or a key file
            written earlier (see :func:`check_key_destination`).
        entries: Rows with ``respondent_id``, ``placeholder``, ``original``.
        passphrase: Optional passphrase (see :func:`passphrase_from_env`).

    Returns:
        The path written.

    Raises:
        ToolkitError: The destination exists and is not a key file.
        survey.atomic.ProtectedPathError: The destination is one of the project's inputs.
    """
    from survey.atomic import atomic_open

    data = key_csv(entries)
    if passphrase:
        data = encrypt(data, passphrase)
    path = check_key_destination(path)
    _remove_stale_temp(path)
    with atomic_open(path, "wb", perms=0o600) as fh:
        fh.write(data)
    return path


def read_key(path: str | Path, *, passphrase: str | None = None) -> list[dict[str, str]]:
    """Read a key file written by :func:`write_key` (decrypting when needed).

    Raises:
        ToolkitError: The file is encrypted and no or a wrong passphrase was given.
    """
    blob = Path(path).read_bytes()
    if blob.startswith(MAGIC):
        if not passphrase:
            raise ToolkitError(f"{path}: the key file is encrypted; set {PASSPHRASE_ENV}")
        blob = decrypt(blob, passphrase)
    return list(csv.DictReader(io.StringIO(blob.decode("utf-8"), newline="")))
