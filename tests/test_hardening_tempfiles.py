"""Issue 16, failure 4: raw text never reaches the system temp folder.

``voices anonymise --review`` writes the private review workbook; openpyxl spools each sheet to
a temporary file first. A watcher (an audit hook, so nothing is missed between polls) records
every file written during the run and reads each file just before anything deletes it; the test
fails on any file outside the private review folder that held a planted value. A second test
shows the watcher catches the leak when the private scratch folder is bypassed, so the first
cannot pass vacuously. SYNTHETIC data only.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from voices.cli import app

# Planted values: fresh, plain characters (nothing XML would escape).
PLANTED = ("Quillonby", "0113 496 0871")
CSV = ("Respondent ID,Which service did you contact?,What would have helped you sooner?\n"
       "w1,Helpline,Ask for Orla Quillonby and ring 0113 496 0871 on weekday mornings.\n"
       "w2,Drop-in,Clearer opening hours on the door.\n"
       "w3,Helpline,Being believed the first time.\n"
       "w4,Drop-in,A named worker who stayed the same.\n")


class _Watcher:
    """Records files written while active, and the planted values each held."""

    def __init__(self) -> None:
        self.active = False
        self.busy = False
        self.written: set[str] = set()
        self.leaks: dict[str, str] = {}

    def _note(self, path: str, dir_fd: int | None = None) -> None:
        try:
            opener = (lambda p, f: os.open(p, f, dir_fd=dir_fd)) if dir_fd is not None else None
            with open(path, "rb", opener=opener) as fh:
                data = fh.read(50_000_000)
        except OSError:
            return
        for value in PLANTED:
            if value.encode("utf-8") in data:
                self.leaks[path if dir_fd is None else f"(dir fd) {path}"] = value

    def __call__(self, event: str, args: tuple) -> None:
        if not self.active or self.busy:
            return
        self.busy = True
        try:
            if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
                mode, flags = args[1], args[2] or 0
                writing = (mode is not None and any(c in mode for c in "wax+")) or \
                    flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT)
                if writing:
                    self.written.add(os.path.abspath(os.fsdecode(args[0])))
            elif event in ("os.remove", "os.rename", "os.replace"):
                src, dir_fd = os.fsdecode(args[0]), args[1 if event == "os.remove" else 2]
                if isinstance(dir_fd, int) and not os.path.isabs(src):
                    self._note(src, dir_fd)
                else:
                    self._note(os.path.abspath(src))
        finally:
            self.busy = False


_WATCHER = _Watcher()
_HOOKED = False


@contextlib.contextmanager
def watch_writes() -> Iterator[_Watcher]:
    """Audit hooks cannot be removed: one is installed per process and switched on here."""
    global _HOOKED
    if not _HOOKED:
        sys.addaudithook(_WATCHER)
        _HOOKED = True
    _WATCHER.written, _WATCHER.leaks = set(), {}
    _WATCHER.active = True
    try:
        yield _WATCHER
    finally:
        _WATCHER.active = False


def _leaks(watcher: _Watcher, private: Path) -> dict[str, str]:
    """Planted values in files outside the private folder: deleted ones (read before deletion)
    and ones still there."""
    for path in watcher.written:
        if Path(path).is_file():
            watcher._note(path)
    private = str(private.resolve())
    return {p: v for p, v in watcher.leaks.items()
            if not os.path.abspath(p).startswith(private + os.sep)}


@pytest.fixture(scope="module")
def review_run(tmp_path_factory: pytest.TempPathFactory, demo_dir: Path):
    root = tmp_path_factory.mktemp("tempwatch")
    project = root / "proj"
    (project / "exports").mkdir(parents=True)
    (project / "exports" / "services.csv").write_text(CSV, encoding="utf-8")
    shutil.copy(demo_dir / "codebook.yaml", project / "codebook.yaml")
    private = root / "private"
    (project / "project.yaml").write_text(
        "name: Temp watch (synthetic)\ncodebook: codebook.yaml\nsources:\n"
        "  - {path: exports/services.csv, cohort: survivor, platform: generic}\n"
        f"anonymise:\n  review_dir: {private}\n", encoding="utf-8")
    system_tmp = Path(tempfile.gettempdir())
    before = {p for p in system_tmp.iterdir()}
    with watch_writes() as watcher:
        result = CliRunner().invoke(app, ["anonymise", str(project), "--review", "--out",
                                          str(root / "out")])
    return result, watcher, private, root / "out", system_tmp, before


def test_review_run_succeeds_and_writes_the_workbook(review_run) -> None:
    result, _, private, *_ = review_run
    assert result.exit_code == 0, result.output
    assert (private / "review.xlsx").is_file()


def test_review_run_writes_no_planted_value_outside_the_private_folder(review_run) -> None:
    _, watcher, private, *_ = review_run
    assert watcher.written, "the watcher saw no writes: it is not working"
    assert _leaks(watcher, private) == {}


def test_review_run_writes_nothing_in_the_system_temp_folder(review_run) -> None:
    _, watcher, private, out, system_tmp, before = review_run
    base = Path(tempfile.gettempdir()).resolve()
    stray = sorted(p for p in watcher.written
                   if Path(p).resolve().is_relative_to(base)
                   and not Path(p).resolve().is_relative_to(private.resolve().parent))
    # tempfile probes its folder once per process with a random 8-character name ("blat").
    stray = [p for p in stray if not (len(Path(p).name) == 8 and Path(p).parent == base)]
    assert stray == []
    new = {p for p in system_tmp.iterdir()} - before
    assert not [p for p in new if p.is_file() and any(v.encode() in p.read_bytes()
                                                      for v in PLANTED)]


def test_review_run_leaves_no_scratch_folder_behind(review_run) -> None:
    _, _, private, out, *_ = review_run
    assert sorted(p.name for p in private.iterdir()) == ["review.xlsx"]
    assert not list(out.rglob("*.tmp"))


def test_watcher_catches_openpyxl_scratch_files_when_not_kept_private(tmp_path: Path,
                                                                     monkeypatch) -> None:
    """Without survey.atomic.private_tempdir, openpyxl's scratch files land in the system temp
    folder with the raw text; the watcher must see that (so the tests above can fail)."""
    import survey.atomic
    from analysis.review import write_review

    monkeypatch.setattr(survey.atomic, "private_tempdir",
                        lambda folder: contextlib.nullcontext(Path(folder)))
    private = tmp_path / "private"
    with watch_writes() as watcher:
        write_review(private / "review.xlsx", [CSV.splitlines()[1]], ["w1"], [[]])
    leaks = _leaks(watcher, private)
    assert leaks and all(Path(p).name.startswith("openpyxl") for p in leaks)


def test_private_tempdir_is_removed_on_error(tmp_path: Path) -> None:
    from survey.atomic import private_tempdir

    with pytest.raises(RuntimeError), private_tempdir(tmp_path) as scratch:
        assert scratch.stat().st_mode & 0o777 == 0o700
        Path(tempfile.mkstemp()[1]).write_text(PLANTED[0])
        raise RuntimeError("synthetic failure")
    assert list(tmp_path.iterdir()) == []
    assert tempfile.gettempdir() != str(scratch)


def test_review_run_outputs_are_owner_only(review_run) -> None:
    """Failure 6 on a real run: the output folder 0700, the store and every file in it 0600."""
    _, _, private, out, *_ = review_run
    assert out.stat().st_mode & 0o777 == 0o700
    files = [p for p in out.rglob("*") if p.is_file()]
    assert out / "project.sqlite" in files
    assert {p.name: p.stat().st_mode & 0o777 for p in files} == {p.name: 0o600 for p in files}
    assert (private / "review.xlsx").stat().st_mode & 0o777 == 0o600
