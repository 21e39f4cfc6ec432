"""The one guarded writer: every file the toolkit writes goes through :func:`atomic_path`.

Atomic: it writes to a temporary file in the same folder, then renames it over the
destination, so a crash leaves the last good file (or none), never a half-written one.

Guarded: while a :class:`WritePolicy` is active (a run sets one with :func:`write_policy`),
a write to a protected path (a source export, the project's config, instrument or codebook)
or into a protected folder (a folder of sources) is refused with :class:`ProtectedPathError`
before anything is written. Inputs are read-only to the toolkit.

Private by default: new files get mode 0600 and new folders 0700 unless the policy says
otherwise (``output.file_mode`` / ``output.dir_mode`` in project.yaml, for teams that share an
output folder through a group).

:func:`private_tempdir` routes the :mod:`tempfile` module's scratch files (openpyxl writes
every sheet to one before zipping it) into a private folder, so raw text never reaches the
system temp folder.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from survey.errors import ToolkitError

DEFAULT_FILE_MODE = 0o600
DEFAULT_DIR_MODE = 0o700
TMP_SUFFIX = ".tmp"
PRIVATE_TMP_PREFIX = ".voices-tmp-"
# What tempfile.mkstemp(prefix=".<name>.", suffix=".tmp") leaves behind: 8 random characters.
_STALE_TMP = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")


class ProtectedPathError(ToolkitError):
    """A write would touch an input (an export, the config) or land inside a folder of inputs."""


def _lexical(path: str | Path) -> Path:
    """``path`` made absolute with its folder resolved, but its last component not followed
    (replacing a symlink replaces the link, never its target)."""
    path = Path(path).expanduser()
    return path.parent.resolve() / path.name


@dataclass(frozen=True)
class WritePolicy:
    """What a run may write and with which permissions.

    Args:
        protected_files: Files never written (sources, config, instrument, codebook).
        protected_dirs: Folders nothing is written inside (folders of sources).
        file_mode: Permission bits of every new file (default 0600).
        dir_mode: Permission bits of every new folder (default 0700).
    """

    protected_files: frozenset[Path] = frozenset()
    protected_dirs: frozenset[Path] = frozenset()
    file_mode: int = DEFAULT_FILE_MODE
    dir_mode: int = DEFAULT_DIR_MODE

    @classmethod
    def protecting(cls, files: Iterable[str | Path] = (), dirs: Iterable[str | Path] = (), *,
                   file_mode: int = DEFAULT_FILE_MODE,
                   dir_mode: int = DEFAULT_DIR_MODE) -> WritePolicy:
        """A policy with the given paths resolved."""
        return cls(frozenset(Path(p).resolve() for p in files),
                   frozenset(Path(p).resolve() for p in dirs), file_mode, dir_mode)

    def check(self, path: str | Path) -> Path:
        """Refuse a destination that is protected; return it made absolute.

        Raises:
            ProtectedPathError: ``path`` is a protected file or lies inside a protected folder.
        """
        dest = _lexical(path)
        if dest in self.protected_files or dest.resolve() in self.protected_files:
            raise ProtectedPathError(f"{dest}: refusing to write over an input of this project "
                                     "(inputs are read-only); choose another output folder")
        for folder in self.protected_dirs:
            if dest == folder or dest.is_relative_to(folder):
                raise ProtectedPathError(f"{dest}: refusing to write inside {folder}, a folder of "
                                         "this project's inputs; choose another output folder")
        return dest


_DEFAULT_POLICY = WritePolicy()
_POLICIES: list[WritePolicy] = []  # process-wide (threads of a run share it), a stack
_POLICY_LOCK = threading.Lock()


def current_policy() -> WritePolicy:
    """The innermost active policy, or the default (nothing protected, 0600/0700)."""
    with _POLICY_LOCK:
        return _POLICIES[-1] if _POLICIES else _DEFAULT_POLICY


@contextlib.contextmanager
def write_policy(policy: WritePolicy) -> Iterator[WritePolicy]:
    """Make ``policy`` govern every write through this module for the duration."""
    with _POLICY_LOCK:
        _POLICIES.append(policy)
    try:
        yield policy
    finally:
        with _POLICY_LOCK:
            _POLICIES.remove(policy)


def check_writable(path: str | Path) -> Path:
    """Check a destination against the active policy without writing (fail before work starts).

    Raises:
        ProtectedPathError: The destination is protected.
    """
    return current_policy().check(path)


def ensure_dir(path: str | Path, *, mode: int | None = None) -> Path:
    """Create a folder and any missing parents, each new one with ``mode`` (default the policy's
    ``dir_mode``); existing folders keep their permissions.

    Raises:
        ProtectedPathError: The folder lies inside a protected one.
    """
    policy = current_policy()
    path = Path(path).expanduser()
    policy.check(path)
    mode = policy.dir_mode if mode is None else mode
    missing: list[Path] = []
    p = path.absolute()
    while not p.exists():
        missing.append(p)
        if p.parent == p:
            break
        p = p.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=mode)
        except FileExistsError:
            continue
        os.chmod(folder, mode)  # mkdir's mode is filtered by the umask
    return path


@contextlib.contextmanager
def atomic_path(path: str | Path, *, mode: int | None = None) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success rename it over ``path``.

    Args:
        path: Final destination (checked against the active :class:`WritePolicy`).
        mode: Permission bits for the final file (e.g. ``0o600`` for the key file); by
            default the policy's ``file_mode`` (0600 unless a project configures another).

    Yields:
        A temporary path to write to (any library that takes a filename can use it).

    Raises:
        ProtectedPathError: The destination is an input or inside a folder of inputs.
    """
    policy = current_policy()
    path = Path(path)
    policy.check(path)
    ensure_dir(path.parent)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TMP_SUFFIX, dir=path.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.chmod(tmp_path, policy.file_mode if mode is None else mode)
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
        perms: Optional permission bits for the final file (default: the policy's).

    Yields:
        The open file object.

    Raises:
        ProtectedPathError: See :func:`atomic_path`.
    """
    with atomic_path(path, mode=perms) as tmp:
        kwargs = {} if "b" in mode else {"encoding": encoding, "newline": newline}
        with open(tmp, mode, **kwargs) as fh:
            yield fh


def create_private_file(path: str | Path, *, mode: int | None = None) -> bool:
    """Create ``path`` empty with ``mode`` (default the policy's ``file_mode``) when it does not
    exist, so a library that then opens it (SQLite) never makes it world-readable. An existing
    file owned by this user gets ``mode`` too.

    Returns:
        True when the file was created.

    Raises:
        ProtectedPathError: The path is protected.
    """
    policy = current_policy()
    path = policy.check(path)
    mode = policy.file_mode if mode is None else mode
    ensure_dir(path.parent)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    except FileExistsError:
        with contextlib.suppress(PermissionError):  # a colleague's file keeps its mode
            if not hasattr(os, "getuid") or path.stat().st_uid == os.getuid():
                os.chmod(path, mode)
        return False
    try:
        set_mode(fd, path, mode)
    finally:
        os.close(fd)
    return True


def set_mode(fd: int, path: str | Path, mode: int) -> None:
    """``os.fchmod`` where the system has it; ``os.chmod`` by path elsewhere (Windows before
    Python 3.13, where a mode only sets or clears the read-only flag)."""
    if hasattr(os, "fchmod"):
        os.fchmod(fd, mode)
    else:
        os.chmod(path, mode)


def remove_stale_temp_files(folder: str | Path, *, recursive: bool = True) -> int:
    """Delete what an interrupted :func:`atomic_path` or :func:`private_tempdir` left behind
    (``.<name>.XXXXXXXX.tmp`` files, ``.voices-tmp-*`` folders). Call it only while holding the
    folder's run lock, so no live write is removed.

    Returns:
        How many leftovers were removed.
    """
    folder = Path(folder)
    if not folder.is_dir():
        return 0
    removed = 0
    for here, dirs, files in os.walk(folder):
        for name in [d for d in dirs if d.startswith(PRIVATE_TMP_PREFIX)]:
            if not os.path.islink(os.path.join(here, name)):
                shutil.rmtree(os.path.join(here, name), ignore_errors=True)
                removed += 1
        # never descend into hidden folders (.git, .venv...) nor, without recursive, at all
        dirs[:] = [d for d in dirs if recursive and not d.startswith(".")]
        for name in files:
            path = os.path.join(here, name)
            if _STALE_TMP.match(name) and not os.path.islink(path):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(path)
                    removed += 1
    return removed


_TEMPDIR_LOCK = threading.Lock()


@contextlib.contextmanager
def private_tempdir(folder: str | Path) -> Iterator[Path]:
    """Send the :mod:`tempfile` module's scratch files into a fresh 0700 folder inside ``folder``
    for the duration, and delete that folder afterwards, error or not.

    Libraries that spool to temporary files (openpyxl writes each sheet to ``openpyxl.*`` in the
    temp folder before zipping it) then keep raw text inside the private folder; a crash leaves
    it there, where :func:`remove_stale_temp_files` clears it on the next run.

    Yields:
        The scratch folder.
    """
    with _TEMPDIR_LOCK:
        scratch = Path(tempfile.mkdtemp(prefix=PRIVATE_TMP_PREFIX, dir=folder))  # mode 0700
        saved = tempfile.tempdir
        tempfile.tempdir = str(scratch)
        try:
            yield scratch
        finally:
            tempfile.tempdir = saved
            shutil.rmtree(scratch, ignore_errors=True)


def parse_mode(value: object, *, owner: int = 0o600) -> int:
    """A permission mode from config: ``"0640"``/``"640"`` (octal text) or what YAML makes of an
    unquoted ``0640`` (an int already in octal).

    Args:
        value: The configured value.
        owner: Bits the owner must keep (0o600 for files, 0o700 for folders).

    Raises:
        ValueError: Not a mode, more than 0o777, without the owner's bits, or world-writable.
    """
    if isinstance(value, str) and re.fullmatch(r"0?o?[0-7]{3}", value.strip()):
        mode = int(value.strip().replace("o", ""), 8)
    elif isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 0o777:
        mode = value
    else:
        raise ValueError("expected an octal mode in quotes, such as \"0640\"")
    if mode & owner != owner:
        raise ValueError(f"the owner needs these permissions at least: {owner:04o}")
    if mode & 0o002:
        raise ValueError("world-writable modes are refused")
    return mode
