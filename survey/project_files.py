"""Writing a proposed project (``voices init``): ``project.yaml`` (commented), ``instrument.yaml``
and the starter ``codebook.yaml``, beside the exports, with paths relative to that folder.

Nothing is ever replaced: if one of the files exists, :func:`write_project` refuses, naming it,
before writing anything, and each file is created with a no-clobber link from a temporary file.
Either all three files are written or none.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from survey.errors import InputFileError, ToolkitError
from survey.instrument import Instrument, instrument_to_dict
from survey.project_init import PROJECT_FILES, ProjectProposal, SourceProposal


class ProjectExistsError(ToolkitError):
    """``voices init`` would replace a file; nothing was written."""


def _q(value: str) -> str:
    """A YAML scalar (quoted only where YAML needs it)."""
    return yaml.safe_dump(value, default_flow_style=True, allow_unicode=True,
                          width=10_000).removesuffix("\n...\n").strip()


def _comment(text: str) -> str:
    """``text`` safe inside a ``#`` comment (one line)."""
    return " ".join(str(text).split())


def describe_source(s: SourceProposal) -> str:
    """One line on a proposed source: what it is, its cohort and wave, and why."""
    what = (f"{s.platform} export, {s.rows} responses" if s.kind == "survey"
            else f"{s.rows} interview transcript(s)")
    return (f"{s.path}: {what}; cohort {s.cohort} ({s.cohort_reason}); wave {s.wave} "
            f"({s.wave_reason})")


def project_yaml(proposal: ProjectProposal) -> str:
    """The commented ``project.yaml`` text for a proposal."""
    today = dt.date.today().isoformat()
    lines = [
        f"# Written by `voices init` on {today}. Edit freely: every key is explained in the",
        "# README (\"Using your own exports\"). `voices init` never overwrites this file.",
        f"name: {_q(proposal.name)}",
        "instrument: instrument.yaml        # inferred from the exports; edit question texts, "
        "kinds and options",
        "codebook: codebook.yaml            # a starter codebook; see its comments",
        "seed: 13                           # every random step is seeded: same inputs, same "
        "outputs",
        "sources:",
    ]
    for s in proposal.sources:
        lines.append(f"  # {describe_source(s)}")
        if s.identifying:
            lines.append("  #   identifying columns dropped at ingest: "
                         + _comment(", ".join(s.identifying)))
        lines.extend(f"  #   {_comment(n)}" for n in s.notes)
        entry = [f"path: {_q(s.path)}", f"cohort: {_q(s.cohort)}"]
        if s.kind == "interview":
            entry.append("kind: interview")
        else:
            entry.append(f"platform: {s.platform}")
        if s.wave != 1:
            entry.append(f"wave: {s.wave}")
        if s.date_order:
            entry.append(f"date_order: {s.date_order}")
        lines.append("  - {" + ", ".join(entry) + "}")
    if proposal.unreadable:
        lines.append("  # not included (could not be read; fix the file and add it here):")
        lines.extend(f"  #   {_comment(u.split('; looked for')[0])}" for u in proposal.unreadable)
    lines += [
        "anonymise:",
        "  allow: []                        # names never redacted, e.g. [SARC, ISVA, Rape Crisis]",
        "  deny: []                         # local place or service names always redacted",
        "  # key_file: ~/private/key.csv    # optional re-identification key (outside outputs/)",
        "disclosure:",
        "  min_count: 5                     # published counts below this show as \"<5\"",
        "# output: {file_mode: \"0640\", dir_mode: \"0750\"}   # default owner-only (0600/0700)",
        "# topics: {fast: true}             # TF-IDF instead of MiniLM embeddings (quicker)",
        "",
    ]
    return "\n".join(lines)


def instrument_yaml(instrument: Instrument) -> str:
    """The ``instrument.yaml`` text, with a header saying where it came from."""
    head = ("# Inferred by `voices init` from the exports' headers and answers. Check each\n"
            "# question's kind (text, single, multiple, likert, number, date) and options;\n"
            "# `cohorts` lists who was asked where not everyone was; `sensitive` marks the\n"
            "# demographic questions generalised for k-anonymity. Options fewer than\n"
            "# disclosure.min_count respondents gave are grouped into \"Other\".\n")
    return head + yaml.safe_dump(instrument_to_dict(instrument), sort_keys=False,
                                 allow_unicode=True, width=100)


def _write_new(path: Path, text: str, *, check: Callable[[Path], Any] | None = None) -> None:
    """Write ``text`` to ``path`` atomically, refusing to replace an existing file.

    The text goes to a temporary file beside ``path`` (checked by ``check`` there), which is
    then hard-linked to ``path``: the link fails when ``path`` exists, so nothing is replaced
    even if another process created it meanwhile. Where the file system has no hard links,
    an exclusive create takes its place.
    """
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.chmod(tmp, 0o600)
        if check is not None:
            check(tmp)
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise ProjectExistsError(f"{path}: already exists; voices init never replaces a "
                                     "file (move it away or pick another folder)") from None
        except OSError:  # no hard links here (some network or FAT drives)
            with open(path, "x", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def check_no_project_files(folder: str | Path) -> None:
    """Refuse early when the folder already has a project file.

    Raises:
        ProjectExistsError: Naming the first of :data:`PROJECT_FILES` that exists.
    """
    for name in PROJECT_FILES:
        path = Path(folder) / name
        if path.exists():
            raise ProjectExistsError(f"{path}: already exists; voices init never replaces a "
                                     "file (move it away or pick another folder)")


def write_project(proposal: ProjectProposal, *, codebook_text: str) -> list[Path]:
    """Write ``project.yaml``, ``instrument.yaml`` and ``codebook.yaml`` into the project folder.

    Args:
        proposal: The (possibly edited) proposal.
        codebook_text: The starter codebook (YAML text; ``codebook.templates``).

    Returns:
        The files written.

    Raises:
        ProjectExistsError: One of the files exists already (nothing is written).
        InputFileError: No source could be read, so there is no project to write.
        ConfigError: The project written would not load (a bug; nothing is kept).
    """
    from survey.config import load_project
    from survey.instrument import read_instrument

    folder = proposal.folder
    targets = [folder / name for name in PROJECT_FILES]
    check_no_project_files(folder)
    if not proposal.sources:
        raise InputFileError(folder, "no export or transcript could be read, so no project was "
                             "written" + (f" ({len(proposal.unreadable)} file(s) refused above)"
                                          if proposal.unreadable else ""))
    written: list[Path] = []
    try:
        if proposal.instrument is not None:
            _write_new(targets[1], instrument_yaml(proposal.instrument), check=read_instrument)
            written.append(targets[1])
        _write_new(targets[2], codebook_text)
        written.append(targets[2])
        text = project_yaml(proposal)
        if proposal.instrument is None:  # interviews only: nothing to infer
            text = text.replace("instrument: instrument.yaml", "# instrument: instrument.yaml")
        _write_new(targets[0], text, check=load_project)
        written.append(targets[0])
    except BaseException:
        for p in written:  # all three or none: a half-made project would mislead the next run
            with contextlib.suppress(FileNotFoundError):
                p.unlink()
        raise
    return [targets[0], *written[:-1]]
