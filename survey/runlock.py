"""One run at a time per output folder: a lock file holding the owner's pid.

:func:`run_lock` creates ``<out>/.voices.lock`` exclusively (``O_EXCL``) with the pid, the host,
the process's start time and the command. A second run finds it, says who holds it and stops.
A lock whose process is gone (or whose pid now belongs to another process, told by the start
time) is stale: it is taken over, with a note. A lock written by another host cannot be
checked, so it is reported as held, with the way to clear it.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from survey.atomic import set_mode
from survey.errors import ToolkitError

LOCK_NAME = ".voices.lock"
_UNREADABLE_GRACE_S = 30.0  # a lock file still being written by its creator


class RunLockedError(ToolkitError):
    """Another run holds the output folder."""


def _start_time(pid: int) -> str | None:
    """The process's start time in clock ticks since boot (Linux), to tell a reused pid."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat.rsplit(")", 1)[-1].split()[19]


def pid_alive(pid: int) -> bool:
    """Whether a process with this pid exists (on this host)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def read_lock(path: str | Path) -> dict | None:
    """The lock's content, or None when it is missing or unreadable."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _stale(info: dict | None, path: Path) -> bool:
    if info is None:  # empty or garbled: stale once its creator had time to write it
        try:
            return time.time() - path.stat().st_mtime > _UNREADABLE_GRACE_S
        except FileNotFoundError:
            return True
    if info.get("host") != socket.gethostname():
        return False
    try:
        pid = int(info.get("pid") or 0)
    except (TypeError, ValueError):
        pid = 0
    if not pid_alive(pid):
        return True
    started = info.get("pid_start")
    return bool(started) and _start_time(pid) not in (None, started)


def _describe(info: dict | None) -> str:
    if info is None:
        return "another run (its lock file is being written)"
    return (f"pid {info.get('pid')} on {info.get('host')}, started {info.get('started')}"
            + (f" ({info['command']})" if info.get("command") else ""))


@contextlib.contextmanager
def run_lock(folder: str | Path, *, command: str = "", mode: int = 0o600,
             say: Callable[[str], None] | None = None, name: str = LOCK_NAME) -> Iterator[Path]:
    """Hold ``folder``'s run lock for the duration.

    Args:
        folder: The output folder (must exist).
        command: What holds it, for the message a second run prints.
        mode: Permission bits of the lock file.
        say: Where the note about a stale lock taken over goes.
        name: The lock file's name (``voices serve`` holds its own, so a run and the
            workspace can share a folder while two workspaces cannot).

    Yields:
        The lock file's path.

    Raises:
        RunLockedError: A live run holds the folder.
    """
    path = Path(folder) / name
    info = {"pid": os.getpid(), "host": socket.gethostname(), "pid_start": _start_time(os.getpid()),
            "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "command": command or " ".join(Path(a).name if i == 0 else a
                                           for i, a in enumerate(sys.argv[:2]))}
    for attempt in range(2):
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        except FileExistsError:
            held = read_lock(path)
            if attempt == 0 and _stale(held, path):
                if say is not None:
                    say(f"  a stale run lock ({_describe(held)}, no longer running) was taken "
                        "over")
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
                continue
            raise RunLockedError(
                f"{Path(folder)}: this output folder is in use by {_describe(held)}; wait for it "
                f"to finish, or if it is no longer running delete {path}") from None
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            set_mode(fh.fileno(), path, mode)
            json.dump(info, fh)
        break
    try:
        yield path
    finally:
        mine = read_lock(path)
        if mine is not None and mine.get("pid") == info["pid"] and \
                mine.get("host") == info["host"]:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
