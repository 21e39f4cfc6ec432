"""Project-level survey commands: find a wave's instrument, start the next wave, check, export.

Wave files: wave 1 is the project's ``instrument:`` (e.g. ``instrument.yaml``); wave N > 1 lives
next to it as ``instrument_wave{N}.yaml`` (:func:`survey.instrument.wave_file_name`). The latest
wave's file keeps every earlier question (see :mod:`survey.instrument`), so once the new wave is
ready, point ``instrument:`` in ``project.yaml`` at it and add the new exports as sources with
``wave: N``.
"""

from __future__ import annotations

from pathlib import Path

from survey.checks import Problem, check_instrument_file
from survey.config import load_project
from survey.errors import ConfigError
from survey.instrument import new_wave, read_instrument, wave_file_name, write_instrument
from survey.publish import export_instrument


def instrument_path(project: str | Path, *, wave: int | None = None) -> Path:
    """The instrument file of ``wave`` (default: the project's ``instrument:``).

    Raises:
        ConfigError: The project names no instrument, or the wave has no instrument file.
    """
    cfg = load_project(project)
    if cfg.instrument is None:
        raise ConfigError(cfg.config_path, "instrument", "the project names no instrument file")
    if wave is None:
        return cfg.instrument
    candidate = cfg.instrument.parent / wave_file_name(wave)
    if candidate.is_file():
        return candidate
    if read_instrument(cfg.instrument).wave == wave:
        return cfg.instrument
    raise ConfigError(candidate, None, f"no instrument for wave {wave} (neither this file nor "
                      "the project's instrument: is for that wave)")


def start_next_wave(project: str | Path, *, from_wave: int, force: bool = False) -> Path:
    """Write ``instrument_wave{N+1}.yaml`` from wave ``N``'s instrument, next to it.

    Returns:
        The new file's path.

    Raises:
        ConfigError: No instrument for ``from_wave``, or the new file exists and not ``force``.
    """
    source = instrument_path(project, wave=from_wave)
    old = read_instrument(source)
    if old.wave != from_wave:
        raise ConfigError(source, "wave", f"this instrument is for wave {old.wave}, not "
                          f"{from_wave}")
    target = source.parent / wave_file_name(from_wave + 1)
    if target.exists() and not force:
        raise ConfigError(target, None, "already exists; edit it, or pass --force to start over")
    write_instrument(new_wave(old, previous=source.name), target)
    return target


def check_project(project: str | Path, *, instrument: str | Path | None = None) -> list[Problem]:
    """Trauma-informed checks of the project's instrument (or of ``instrument``)."""
    path = Path(instrument) if instrument is not None else instrument_path(project)
    return check_instrument_file(path)


def export_project(project: str | Path, fmt: str, out: str | Path, *,
                   cohort: str | None = None, wave: int | None = None) -> Path:
    """Export the project's instrument (the ``wave``'s file when given) to ``out``."""
    path = instrument_path(project, wave=wave)
    return export_instrument(read_instrument(path), fmt, out, cohort=cohort, wave=wave)
