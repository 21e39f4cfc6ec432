"""Atomic file writes: write to a temporary file in the same folder, then rename.

A crash leaves the last good file (or none), never a half-written one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO


@contextlib.contextmanager
def atomic_path(path: str | Path, *, mode: int | None = None) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success rename it over ``path``.

    Args:
        path: Final destination.
        mode: Permission bits for the final file (e.g. ``0o600`` for the key file); by
            default those a plain ``open()`` would give.

    Yields:
        A temporary path to write to (any library that takes a filename can use it).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        if mode is None:  # as a plain open() would: 0o666 less the umask
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp_path, mode)
        os.replace(tmp_path, path)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


@contextlib.contextmanager
def atomic_open(path: str | Path, mode: str = "w", *, encoding: str | None = "utf-8",
                newline: str | None = None, perms: int | None = None) -> Iterator[IO]:
    """Open a temporary file for writing; rename it over ``path`` when the block succeeds.

    Args:
        path: Final destination.
        mode: ``"w"`` or ``"wb"``.
        encoding: Text encoding (ignored for binary mode).
        newline: Passed to :func:`open`.
        perms: Optional permission bits for the final file.

    Yields:
        The open file object.
    """
    with atomic_path(path, mode=perms) as tmp:
        kwargs = {} if "b" in mode else {"encoding": encoding, "newline": newline}
        with open(tmp, mode, **kwargs) as fh:
            yield fh
