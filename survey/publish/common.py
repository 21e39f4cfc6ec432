"""What every exporter shares: which questions a form asks, and the notes around them."""

from __future__ import annotations

from dataclasses import dataclass

from survey.errors import ConfigError
from survey.instrument import Instrument, Question

KIND_NAMES = {"text": "Free text", "single": "Choose one", "multiple": "Choose all that apply",
              "likert": "Choose one (scale)", "number": "Number", "date": "Date"}


@dataclass(frozen=True)
class Form:
    """The questions one form asks (one cohort, one wave), with the instrument's notes."""

    instrument: Instrument
    questions: tuple[Question, ...]
    cohort: str | None
    wave: int

    @property
    def consent(self) -> Question | None:
        """The consent question, if any."""
        return next((q for q in self.questions if q.consent), None)


def cohorts_of(instrument: Instrument) -> list[str]:
    """Every cohort named by a question, in order of first mention."""
    return list(dict.fromkeys(c for q in instrument.questions for c in q.cohorts))


def build_form(instrument: Instrument, *, cohort: str | None = None, wave: int | None = None,
               one_cohort: bool = False) -> Form:
    """The questions asked in ``wave`` (default: the instrument's) of ``cohort``.

    Args:
        instrument: The instrument.
        cohort: Keep the questions asked of this cohort; None keeps every question.
        wave: The wave; default the instrument's own.
        one_cohort: Require a cohort when questions go to several (survey platforms and the
            readers take one cohort per form and per export).

    Raises:
        ConfigError: ``one_cohort`` and no cohort given while there are several, or an unknown
            cohort.
    """
    w = instrument.wave if wave is None else wave
    known = cohorts_of(instrument)
    if cohort is not None and known and cohort not in known:
        raise ConfigError("<instrument>", "cohort", f"unknown cohort {cohort!r}; known: "
                          f"{', '.join(known)}")
    if cohort is None and one_cohort and len(known) > 1:
        raise ConfigError("<instrument>", "cohort", f"this format makes one form per cohort; "
                          f"choose one of {', '.join(known)} (--cohort)")
    qs = tuple(q for q in instrument.questions
               if q.asked_in(w) and (cohort is None or q.asked_of(cohort)))
    return Form(instrument=instrument, questions=qs, cohort=cohort, wave=w)


def routing_text(form: Form, q: Question) -> str | None:
    """``Only if <question id> is "A" or "B"`` for a routed question."""
    if q.show_if is None:
        return None
    values = " or ".join(f'"{v}"' for v in q.show_if.any_of)
    return f"Only if the answer to {q.show_if.question} is {values}"
