"""Trauma-informed checks of a survey instrument (``voices survey check``).

Rules (names used in messages and in ``checks.disable``):

- ``required``: no question is required except the consent question.
- ``consent``: the instrument has a consent question.
- ``content_note``: a content note comes before every sensitive question (a note on a question
  covers it and the sensitive questions straight after it).
- ``prefer_not_to_say``: every sensitive closed question offers "Prefer not to say".
- ``signposting``: support services are signposted at the start and at the end.
- ``identifying``: no question asks for names, contact details or exact dates.
- ``quick_exit``: a note about the quick-exit button, where the platform has one.
- ``wave_ids``: against the previous wave (``previous:``), a reworded question keeps its id only
  when the changelog says it means the same (see :func:`survey.instrument.wave_problems`).

Settings come from the instrument's ``checks:`` mapping (keyword arguments of :class:`CheckConfig`;
``disable`` lists rules to skip), e.g.::

    checks:
      disable: [quick_exit]                 # e.g. a paper questionnaire
      prefer_not_to_say: [Prefer not to say, I'd rather not say]
      sensitive_words: [what happened, report]
      quick_exit_supported: false

A question is sensitive when it says ``sensitive: true`` or its text contains one of
``sensitive_words``, and it is asked of a survivor cohort (``survivor_cohorts``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from survey.errors import ConfigError
from survey.instrument import Instrument, Question, read_instrument, wave_problems

RULES = ("required", "consent", "content_note", "prefer_not_to_say", "signposting",
         "identifying", "quick_exit", "wave_ids")
CLOSED_CHOICE = ("single", "multiple", "likert")
_IDENTIFYING = (
    (r"\b(your|full|first|last|sur|maiden|user)\s*names?\b|\bname of (your|the person|"
     r"him|her|them)\b|\bwho (was|is) (he|she|it|they)\b", "a name"),
    (r"\byour e-?mail\b|\be-?mail address\b|\b(tele)?phone number\b|\bmobile number\b|"
     r"\bcontact (details|number)\b|\b(home|postal|street|your) address\b|\bpost ?code\b|"
     r"\bsocial media (handle|account|name)\b", "contact details"),
    (r"\bdate of birth\b|\bexact date\b|\bwhat date\b|\bwhich date\b|\bon what day\b|"
     r"\bdob\b", "an exact date"),
)


@dataclass(frozen=True)
class Problem:
    """One failed check: the question (None for the whole instrument), the rule, why."""

    question: str | None
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.question or '(instrument)'}: {self.rule}: {self.message}"


@dataclass(frozen=True)
class CheckConfig:
    """Settings of the checks (constructor only stores them; validated by :func:`check_config`).

    Attributes:
        disable: Rules to skip.
        prefer_not_to_say: Option labels that count as "prefer not to say" (case-insensitive).
        sensitive_words: Words in a question's text that make it sensitive.
        survivor_cohorts: Cohorts whose questions get the sensitive-question rules (a question
            without cohorts is asked of everyone, so counts).
        quick_exit_supported: Whether the platform has a quick-exit button.
    """

    disable: tuple[str, ...] = ()
    prefer_not_to_say: tuple[str, ...] = ("Prefer not to say", "I'd rather not say",
                                          "I would rather not say", "Rather not say")
    sensitive_words: tuple[str, ...] = ("what happened", "assault", "abuse", "rape",
                                        "report what", "reported what", "self-harm")
    survivor_cohorts: tuple[str, ...] = ("survivor",)
    quick_exit_supported: bool = True


def check_config(raw: dict[str, Any], *, path: str | Path = "<instrument>") -> CheckConfig:
    """Build a :class:`CheckConfig` from an instrument's ``checks:`` mapping.

    Raises:
        ConfigError: An unknown key or rule, or a value of the wrong type.
    """
    names = {f.name for f in fields(CheckConfig)}
    kwargs: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in names:
            raise ConfigError(path, f"checks.{key}", f"unknown key; expected one of "
                              f"{', '.join(sorted(names))}")
        if key == "quick_exit_supported":
            if not isinstance(value, bool):
                raise ConfigError(path, f"checks.{key}", "expected true or false")
            kwargs[key] = value
            continue
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(path, f"checks.{key}", "expected a list of strings")
        kwargs[key] = tuple(value)
    bad = [r for r in kwargs.get("disable", ()) if r not in RULES]
    if bad:
        raise ConfigError(path, "checks.disable", f"unknown rule {bad[0]!r}; rules: "
                          f"{', '.join(RULES)}")
    return CheckConfig(**kwargs)


def _survivor_facing(q: Question, cfg: CheckConfig) -> bool:
    return not q.cohorts or any(c in cfg.survivor_cohorts for c in q.cohorts)


def is_sensitive(q: Question, cfg: CheckConfig) -> bool:
    """True when the sensitive-question rules apply to ``q``."""
    if not _survivor_facing(q, cfg) or q.consent:
        return False
    text = q.text.lower()
    return q.sensitive or any(w.lower() in text for w in cfg.sensitive_words)


def check_instrument(instrument: Instrument, *, config: CheckConfig | None = None,
                     previous: Instrument | None = None) -> list[Problem]:
    """Run the trauma-informed checks.

    Args:
        instrument: The instrument to check.
        config: Settings; default from the instrument's ``checks:`` mapping.
        previous: The previous wave's instrument, for the ``wave_ids`` rule.

    Returns:
        One :class:`Problem` per failure, in question order (empty when clean).

    Raises:
        ConfigError: The instrument's ``checks:`` mapping is invalid.
    """
    cfg = config if config is not None else check_config(instrument.checks)
    on = [r for r in RULES if r not in cfg.disable]
    out: list[Problem] = []
    qs = instrument.for_wave().questions
    pnts = {p.casefold() for p in cfg.prefer_not_to_say}
    if "consent" in on and not any(q.consent for q in qs):
        out.append(Problem(None, "consent", "no consent question (mark one `consent: true`)"))
    if "signposting" in on and not instrument.signposting:
        out.append(Problem(None, "signposting", "no `signposting:` of support services (shown "
                                                "at the start and the end)"))
    if "quick_exit" in on and cfg.quick_exit_supported and not instrument.quick_exit:
        out.append(Problem(None, "quick_exit", "no `quick_exit:` note about leaving the survey "
                                               "quickly (set checks.quick_exit_supported: "
                                               "false where the platform has no such button)"))
    covered = False
    for q in qs:
        sensitive = is_sensitive(q, cfg)
        if "required" in on and q.required and not q.consent:
            out.append(Problem(q.id, "required", "only the consent question may be required"))
        if q.content_note:
            covered = True
        elif not sensitive:
            covered = False
        if "content_note" in on and sensitive and not covered:
            out.append(Problem(q.id, "content_note", "sensitive question without a content note "
                                                     "before it"))
        if ("prefer_not_to_say" in on and sensitive and q.kind in CLOSED_CHOICE
                and not any(label.casefold() in pnts for label in q.labels)):
            out.append(Problem(q.id, "prefer_not_to_say", "sensitive closed question without a "
                                                          "\"Prefer not to say\" option"))
        if "identifying" in on:
            if q.kind == "date":
                out.append(Problem(q.id, "identifying", "asks for an exact date (use a period "
                                                        "or a band instead)"))
            for pattern, what in _IDENTIFYING:
                if re.search(pattern, f"{q.text} {q.help or ''}", flags=re.IGNORECASE):
                    out.append(Problem(q.id, "identifying", f"asks for {what}"))
    if "wave_ids" in on and previous is not None:
        out += [Problem(qid, "wave_ids", msg) for qid, msg in wave_problems(previous, instrument)]
    return out


def check_instrument_file(path: str | Path) -> list[Problem]:
    """Read an instrument (and its ``previous`` wave, when named) and check it.

    Raises:
        ConfigError: Either file is missing or invalid.
    """
    path = Path(path)
    instrument = read_instrument(path)
    previous = None
    if instrument.previous:
        previous = read_instrument(path.parent / instrument.previous)
    cfg = check_config(instrument.checks, path=path)
    return check_instrument(instrument, config=cfg, previous=previous)
