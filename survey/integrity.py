"""SHA-256 checks of model files before they are loaded (the spaCy pipeline, MiniLM's weights).

A model that was swapped or damaged on disk would change what the anonymiser finds, silently;
these checks turn that into a clear error naming the package. Digests are cached per file
(path, size, modification time), so a process hashes each file once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path

from survey.errors import ToolkitError

_DIGESTS: dict[tuple[str, int, int], str] = {}


class ModelIntegrityError(ToolkitError):
    """A model file is missing or its SHA-256 is not the pinned one."""


def file_sha256(path: str | Path) -> str:
    """The file's SHA-256 (hex), read in 1 MiB chunks and cached per (path, size, mtime).

    Raises:
        OSError: The file cannot be read.
    """
    path = Path(path)
    st = path.stat()
    key = (str(path.resolve()), st.st_size, st.st_mtime_ns)
    digest = _DIGESTS.get(key)
    if digest is None:
        h = hashlib.sha256()
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        digest = _DIGESTS[key] = h.hexdigest()
    return digest


def verify_files(root: str | Path, pins: Mapping[str, str], *, package: str,
                 error: type[ToolkitError] = ModelIntegrityError) -> Path:
    """Check every pinned file under ``root`` against its SHA-256.

    Args:
        root: The installed package's (or model's) folder.
        pins: Relative path -> expected hex digest.
        package: The package name, for the message.
        error: The error type to raise.

    Returns:
        ``root``.

    Raises:
        ModelIntegrityError: (or ``error``) A pinned file is missing or differs; the message
            names the package and the file, and says what to do.
    """
    root = Path(root)
    for rel, expected in pins.items():
        path = root / rel
        if not path.is_file():
            raise error(f"{package}: model file {rel} is missing from {root}; reinstall the "
                        f"package (pip install --force-reinstall {package})")
        digest = file_sha256(path)
        if digest != expected:
            raise error(f"{package}: model file {path} has SHA-256 {digest}, expected "
                        f"{expected}; the installed model was altered or damaged, so it is not "
                        f"loaded (reinstall it: pip install --force-reinstall {package})")
    return root
