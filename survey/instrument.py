"""The survey instrument: questions with stable ids, kinds, options and cohorts; YAML in and out.

YAML layout::

    name: Survivor survey (synthetic)
    version: 1
    questions:
      - id: satisfaction_overall          # stable id, [a-z][a-z0-9_]*
        text: How satisfied were you with the support you received?
        kind: likert                      # text | single | multiple | likert | number | date
        options: [Very dissatisfied, Dissatisfied, Neither, Satisfied, Very satisfied]
        cohorts: [survivor]               # omitted = every cohort
        sensitive: false                  # quasi-identifier / sensitive closed question
        aliases: [Overall satisfaction]   # other header texts that mean this question

Options may be plain labels or ``{code: ..., label: ...}`` mappings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from survey.errors import ConfigError

KINDS = ("text", "single", "multiple", "likert", "number", "date")
CLOSED_KINDS = ("single", "multiple", "likert", "number", "date")
_ID = re.compile(r"^[a-z][a-z0-9_]{0,62}$")


@dataclass(frozen=True)
class Option:
    """One answer option of a closed question."""

    code: str
    label: str


@dataclass(frozen=True)
class Question:
    """One question of the instrument."""

    id: str
    text: str
    kind: str
    options: tuple[Option, ...] = ()
    cohorts: tuple[str, ...] = ()
    sensitive: bool = False
    aliases: tuple[str, ...] = ()
    help: str | None = None

    @property
    def is_free_text(self) -> bool:
        """True for free-text questions."""
        return self.kind == "text"

    def asked_of(self, cohort: str) -> bool:
        """True when the question is shown to ``cohort``."""
        return not self.cohorts or cohort in self.cohorts

    @property
    def labels(self) -> tuple[str, ...]:
        """Option labels in instrument order."""
        return tuple(o.label for o in self.options)


@dataclass(frozen=True)
class Instrument:
    """An ordered set of questions."""

    name: str
    questions: tuple[Question, ...]
    version: int = 1
    notes: tuple[str, ...] = field(default_factory=tuple)

    def get(self, question_id: str) -> Question:
        """Return the question with this id.

        Raises:
            KeyError: No such question; the message lists the known ids.
        """
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(f"unknown question id {question_id!r}; known: "
                       f"{', '.join(q.id for q in self.questions)}")

    @property
    def free_text(self) -> tuple[Question, ...]:
        """The free-text questions."""
        return tuple(q for q in self.questions if q.kind == "text")

    @property
    def closed(self) -> tuple[Question, ...]:
        """The closed questions."""
        return tuple(q for q in self.questions if q.kind in CLOSED_KINDS)


def _option(path: Path, key: str, raw: Any, i: int) -> Option:
    if isinstance(raw, str | int | float):
        return Option(code=str(i + 1), label=str(raw))
    if isinstance(raw, dict) and "label" in raw:
        return Option(code=str(raw.get("code", i + 1)), label=str(raw["label"]))
    raise ConfigError(path, key, "expected an option label or a mapping with 'label'")


def instrument_from_dict(raw: Any, *, path: str | Path = "<instrument>") -> Instrument:
    """Build and validate an instrument from parsed YAML.

    Raises:
        ConfigError: Naming the key of every first problem found.
    """
    path = Path(path)
    if not isinstance(raw, dict) or not isinstance(raw.get("questions"), list):
        raise ConfigError(path, "questions", "expected a mapping with a list of questions")
    seen: set[str] = set()
    questions = []
    for i, q in enumerate(raw["questions"]):
        key = f"questions[{i}]"
        if not isinstance(q, dict):
            raise ConfigError(path, key, "expected a mapping")
        qid = q.get("id")
        if not isinstance(qid, str) or not _ID.match(qid):
            raise ConfigError(path, f"{key}.id", "expected an id of lower-case letters, digits "
                              "and underscores, starting with a letter")
        if qid in seen:
            raise ConfigError(path, f"{key}.id", f"duplicate question id {qid!r}")
        seen.add(qid)
        kind = q.get("kind", "text")
        if kind not in KINDS:
            raise ConfigError(path, f"{key}.kind", f"expected one of {', '.join(KINDS)}")
        opts_raw = q.get("options") or []
        if not isinstance(opts_raw, list):
            raise ConfigError(path, f"{key}.options", "expected a list")
        options = tuple(_option(path, f"{key}.options[{j}]", o, j) for j, o in enumerate(opts_raw))
        if kind in ("single", "multiple", "likert") and not options:
            raise ConfigError(path, f"{key}.options", f"a {kind} question needs options")
        text = q.get("text")
        if not isinstance(text, str) or not text.strip():
            raise ConfigError(path, f"{key}.text", "expected the question text")
        questions.append(Question(
            id=qid, text=text.strip(), kind=kind, options=options,
            cohorts=tuple(q.get("cohorts") or ()), sensitive=bool(q.get("sensitive", False)),
            aliases=tuple(str(a) for a in q.get("aliases") or ()), help=q.get("help")))
    return Instrument(name=str(raw.get("name", path.stem)), questions=tuple(questions),
                      version=int(raw.get("version", 1)))


def read_instrument(path: str | Path) -> Instrument:
    """Read an instrument YAML file.

    Raises:
        ConfigError: Missing file, invalid YAML or an invalid question.
    """
    path = Path(path)
    if not path.is_file():
        raise ConfigError(path, None, "instrument file not found")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError):
        raise ConfigError(path, None, "not valid YAML") from None
    return instrument_from_dict(raw, path=path)


def instrument_to_dict(instrument: Instrument) -> dict[str, Any]:
    """Plain-data form of an instrument, for YAML output."""
    out: dict[str, Any] = {"name": instrument.name, "version": instrument.version, "questions": []}
    for q in instrument.questions:
        d: dict[str, Any] = {"id": q.id, "text": q.text, "kind": q.kind}
        if q.options:
            d["options"] = [{"code": o.code, "label": o.label} for o in q.options]
        if q.cohorts:
            d["cohorts"] = list(q.cohorts)
        if q.sensitive:
            d["sensitive"] = True
        if q.aliases:
            d["aliases"] = list(q.aliases)
        if q.help:
            d["help"] = q.help
        out["questions"].append(d)
    return out


def write_instrument(instrument: Instrument, path: str | Path) -> None:
    """Write an instrument as YAML (atomically)."""
    from survey.atomic import atomic_open

    with atomic_open(path) as fh:
        yaml.safe_dump(instrument_to_dict(instrument), fh, sort_keys=False, allow_unicode=True)
