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
        help: Think about all the services you used.   # optional help text
        required: false                   # only the consent question may be required
        consent: false                    # true for the consent question
        content_note: The next questions ask about reporting.  # shown before this question
        show_if: {question: reported_police, any_of: ['Yes']}  # routing
        waves: [1, 2]                     # waves that ask it; omitted = every wave

Options may be plain labels or ``{code: ..., label: ...}`` mappings; a mapping may add
``aliases: [...]``, other labels that mean the option (its label in another wave's export after
the platform renamed it).

Top-level keys besides ``name``, ``version`` and ``questions`` (all optional): ``wave`` (the
wave this file is for, default 1), ``previous`` (path of the previous wave's instrument,
relative to this file), ``intro``, ``outro``, ``signposting`` (support services, shown at the
start and the end), ``quick_exit`` (the note about the quick-exit button), ``checks`` (settings
of the trauma-informed checks, see :mod:`survey.checks`) and ``changelog``, a list of
``{version, change: added|reworded|removed, id, previous_text, same_meaning, note}``.

Waves: a later wave's instrument starts as a copy of the earlier one (:func:`new_wave`). It
keeps every question of earlier waves (a dropped question stays with ``waves`` limited to the
waves that asked it; a reworded question keeps the old text as an alias), so the latest file
ingests every wave. Rewording keeps an id only when the changelog says ``same_meaning: true``;
otherwise the reworded question needs a new id (:func:`wave_problems` finds both cases).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from survey.errors import ConfigError

KINDS = ("text", "single", "multiple", "likert", "number", "date")
CHANGES = ("added", "reworded", "removed")
CLOSED_KINDS = ("single", "multiple", "likert", "number", "date")
_ID = re.compile(r"^[a-z][a-z0-9_]{0,62}$")


@dataclass(frozen=True)
class Option:
    """One answer option of a closed question.

    ``aliases``: other labels that mean this option, such as its label in another wave's
    export after the platform renamed it; answers with an alias count as this option.
    """

    code: str
    label: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class ShowIf:
    """Routing: show a question only when an earlier question's answer is one of ``any_of``."""

    question: str
    any_of: tuple[str, ...]


@dataclass(frozen=True)
class Change:
    """One changelog entry of an instrument.

    Attributes:
        version: The instrument version that made the change.
        change: ``added``, ``reworded`` or ``removed``.
        id: The question id.
        previous_text: For ``reworded``: the text before.
        same_meaning: For ``reworded``: the user says the new text means the same, so the id
            (and comparisons across waves) are kept.
        note: Free note.
    """

    version: int
    change: str
    id: str
    previous_text: str | None = None
    same_meaning: bool = False
    note: str | None = None


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
    required: bool = False
    consent: bool = False
    content_note: str | None = None
    show_if: ShowIf | None = None
    waves: tuple[int, ...] = ()

    def asked_in(self, wave: int) -> bool:
        """True when the question is asked in ``wave``."""
        return not self.waves or wave in self.waves

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
    wave: int = 1
    previous: str | None = None
    intro: str | None = None
    outro: str | None = None
    signposting: str | None = None
    quick_exit: str | None = None
    checks: dict[str, Any] = field(default_factory=dict, hash=False)
    changelog: tuple[Change, ...] = ()

    def for_wave(self, wave: int | None = None) -> Instrument:
        """The questions asked in ``wave`` (default: this file's wave)."""
        w = self.wave if wave is None else wave
        return replace(self, questions=tuple(q for q in self.questions if q.asked_in(w)))

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
        aliases = raw.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str | int | float)
                                                    for a in aliases):
            raise ConfigError(path, f"{key}.aliases", "expected a list of labels")
        return Option(code=str(raw.get("code", i + 1)), label=str(raw["label"]),
                      aliases=tuple(str(a).strip() for a in aliases if str(a).strip()))
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
        labels = {o.label.casefold() for o in options}
        for j, o in enumerate(options):
            if any(a.casefold() in labels for a in o.aliases):
                raise ConfigError(path, f"{key}.options[{j}].aliases", "an alias is already the "
                                  "label of another option (an answer must mean one option)")
        text = q.get("text")
        if not isinstance(text, str) or not text.strip():
            raise ConfigError(path, f"{key}.text", "expected the question text")
        questions.append(Question(
            id=qid, text=text.strip(), kind=kind, options=options,
            cohorts=tuple(q.get("cohorts") or ()), sensitive=bool(q.get("sensitive", False)),
            aliases=tuple(str(a) for a in q.get("aliases") or ()), help=_text(path, f"{key}.help",
                                                                           q.get("help")),
            required=bool(q.get("required", False)), consent=bool(q.get("consent", False)),
            content_note=_text(path, f"{key}.content_note", q.get("content_note")),
            show_if=_show_if(path, f"{key}.show_if", q.get("show_if")),
            waves=_waves(path, f"{key}.waves", q.get("waves"))))
    by_id = {q.id: q for q in questions}
    for i, q in enumerate(questions):
        if q.show_if is None:
            continue
        target = by_id.get(q.show_if.question)
        if target is None or questions.index(target) >= i:
            raise ConfigError(path, f"questions[{i}].show_if.question",
                              "expected the id of an earlier question")
        if target.options and not set(q.show_if.any_of) <= set(target.labels):
            raise ConfigError(path, f"questions[{i}].show_if.any_of",
                              f"expected option labels of {target.id!r}")
    for k in ("intro", "outro", "signposting", "quick_exit", "previous"):
        _text(path, k, raw.get(k))
    checks = raw.get("checks") or {}
    if not isinstance(checks, dict):
        raise ConfigError(path, "checks", "expected a mapping")
    return Instrument(name=str(raw.get("name", path.stem)), questions=tuple(questions),
                      version=int(raw.get("version", 1)),
                      wave=_int(path, "wave", raw.get("wave", 1)),
                      previous=raw.get("previous"), intro=raw.get("intro"), outro=raw.get("outro"),
                      signposting=raw.get("signposting"), quick_exit=raw.get("quick_exit"),
                      checks=dict(checks), changelog=_changelog(path, raw.get("changelog")))


def _text(path: Path, key: str, value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ConfigError(path, key, "expected text")
    return value.strip() or None


def _int(path: Path, key: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(path, key, "expected a whole number of 1 or more")
    return value


def _waves(path: Path, key: str, value: Any) -> tuple[int, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ConfigError(path, key, "expected a list of wave numbers")
    return tuple(_int(path, f"{key}[{i}]", w) for i, w in enumerate(value))


def _show_if(path: Path, key: str, value: Any) -> ShowIf | None:
    if value is None:
        return None
    if not isinstance(value, dict) or not isinstance(value.get("question"), str):
        raise ConfigError(path, key, "expected a mapping with 'question' and 'any_of'")
    any_of = value.get("any_of", value.get("equals"))
    if isinstance(any_of, str):
        any_of = [any_of]
    if not isinstance(any_of, list) or not any_of:
        raise ConfigError(path, f"{key}.any_of", "expected a list of option labels")
    return ShowIf(question=value["question"], any_of=tuple(str(a) for a in any_of))


def _changelog(path: Path, value: Any) -> tuple[Change, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ConfigError(path, "changelog", "expected a list")
    out = []
    for i, c in enumerate(value):
        key = f"changelog[{i}]"
        if not isinstance(c, dict):
            raise ConfigError(path, key, "expected a mapping")
        if c.get("change") not in CHANGES:
            raise ConfigError(path, f"{key}.change", f"expected one of {', '.join(CHANGES)}")
        if not isinstance(c.get("id"), str):
            raise ConfigError(path, f"{key}.id", "expected a question id")
        out.append(Change(version=_int(path, f"{key}.version", c.get("version", 1)),
                          change=c["change"], id=c["id"],
                          previous_text=_text(path, f"{key}.previous_text", c.get("previous_text")),
                          same_meaning=bool(c.get("same_meaning", False)),
                          note=_text(path, f"{key}.note", c.get("note"))))
    return tuple(out)


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
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        # where, never what: the parser's own message and snippet can quote the file
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        raise ConfigError(path, None, f"not valid YAML{where}") from None
    return instrument_from_dict(raw, path=path)


def instrument_to_dict(instrument: Instrument) -> dict[str, Any]:
    """Plain-data form of an instrument, for YAML output."""
    out: dict[str, Any] = {"name": instrument.name, "version": instrument.version}
    if instrument.wave != 1:
        out["wave"] = instrument.wave
    for k in ("previous", "intro", "outro", "signposting", "quick_exit"):
        if getattr(instrument, k):
            out[k] = getattr(instrument, k)
    if instrument.checks:
        out["checks"] = dict(instrument.checks)
    out["questions"] = []
    for q in instrument.questions:
        d: dict[str, Any] = {"id": q.id, "text": q.text, "kind": q.kind}
        if q.options:
            d["options"] = [{"code": o.code, "label": o.label}
                            | ({"aliases": list(o.aliases)} if o.aliases else {})
                            for o in q.options]
        if q.cohorts:
            d["cohorts"] = list(q.cohorts)
        if q.sensitive:
            d["sensitive"] = True
        if q.aliases:
            d["aliases"] = list(q.aliases)
        if q.help:
            d["help"] = q.help
        for k in ("required", "consent"):
            if getattr(q, k):
                d[k] = True
        if q.content_note:
            d["content_note"] = q.content_note
        if q.show_if:
            d["show_if"] = {"question": q.show_if.question, "any_of": list(q.show_if.any_of)}
        if q.waves:
            d["waves"] = list(q.waves)
        out["questions"].append(d)
    if instrument.changelog:
        out["changelog"] = [{k: v for k, v in (
            ("version", c.version), ("change", c.change), ("id", c.id),
            ("previous_text", c.previous_text), ("same_meaning", c.same_meaning or None),
            ("note", c.note)) if v is not None} for c in instrument.changelog]
    return out


def write_instrument(instrument: Instrument, path: str | Path) -> None:
    """Write an instrument as YAML (atomically)."""
    from survey.atomic import atomic_open

    with atomic_open(path) as fh:
        yaml.safe_dump(instrument_to_dict(instrument), fh, sort_keys=False, allow_unicode=True)


# -- waves -------------------------------------------------------------------------------------
def wave_file_name(wave: int) -> str:
    """The file name of wave ``wave``'s instrument: ``instrument_wave{N}.yaml``."""
    return f"instrument_wave{wave}.yaml"


def new_wave(instrument: Instrument, *, previous: str | None = None) -> Instrument:
    """Start the next wave from ``instrument``: same questions and ids, wave and version + 1.

    Questions without ``waves`` are asked in every wave, so they carry over; a question with an
    explicit ``waves`` list keeps it (add the new wave to ask it again). Every question stays in
    the file, so the new file still ingests earlier waves.

    Args:
        instrument: The last wave's instrument.
        previous: Path of that instrument relative to where the new file goes (recorded as
            ``previous`` so :func:`wave_problems` can compare the two).
    """
    return replace(instrument, wave=instrument.wave + 1, version=instrument.version + 1,
                   previous=previous)


def reword(instrument: Instrument, question_id: str, text: str, *, same_meaning: bool,
           new_id: str | None = None, note: str | None = None) -> Instrument:
    """Reword a question and record it in the changelog.

    With ``same_meaning`` the id stays (answers compare across waves) and the old text becomes
    an alias so older exports still map. Without it the reworded question needs ``new_id``: the
    old question is kept for earlier waves only and the new one is recorded as added.

    Raises:
        ValueError: ``same_meaning`` is False and no ``new_id`` was given, or ``new_id`` is
            already used.
    """
    old = instrument.get(question_id)
    v, w = instrument.version, instrument.wave
    if same_meaning:
        aliases = old.aliases + ((old.text,) if old.text not in old.aliases else ())
        q = replace(old, text=text, aliases=aliases)
        qs = tuple(q if x.id == question_id else x for x in instrument.questions)
        entry = Change(v, "reworded", question_id, previous_text=old.text, same_meaning=True,
                       note=note)
        return replace(instrument, questions=qs, changelog=instrument.changelog + (entry,))
    if not new_id or not _ID.match(new_id) or any(x.id == new_id for x in instrument.questions):
        raise ValueError("a rewording that changes the meaning needs a new, unused question id")
    earlier = tuple(x for x in range(1, w))
    kept = replace(old, waves=tuple(x for x in (old.waves or earlier) if x < w) or earlier)
    added = replace(old, id=new_id, text=text, aliases=(), waves=())
    qs: list[Question] = []
    for x in instrument.questions:
        qs.extend((kept, added) if x.id == question_id else (x,))
    log = (Change(v, "removed", question_id, note=f"reworded with a new meaning as {new_id}"),
           Change(v, "added", new_id, previous_text=old.text, note=note))
    return replace(instrument, questions=tuple(qs), changelog=instrument.changelog + log)


def diff_instruments(old: Instrument, new: Instrument) -> list[Change]:
    """What changed between the questions ``old`` asks in its wave and those ``new`` asks.

    Texts that changed under the same id are ``reworded``; ``same_meaning`` is taken from
    ``new``'s changelog (False when the changelog does not say so).
    """
    before = {q.id: q for q in old.for_wave().questions}
    after = {q.id: q for q in new.for_wave().questions}
    said = {c.id for c in new.changelog if c.change == "reworded" and c.same_meaning}
    out = [Change(new.version, "added", qid) for qid in after if qid not in before]
    out += [Change(new.version, "removed", qid) for qid in before if qid not in after]
    out += [Change(new.version, "reworded", qid, previous_text=before[qid].text,
                   same_meaning=qid in said)
            for qid in after if qid in before and after[qid].text != before[qid].text]
    return out


def wave_problems(old: Instrument, new: Instrument) -> list[tuple[str, str]]:
    """``(question id, message)`` for changes that break comparison between the two waves.

    A question whose text changed under the same id without a changelog entry saying
    ``same_meaning: true`` is a problem (give it a new id, or say it means the same); so is a
    question whose kind changed, and an option label dropped from a closed question.
    """
    problems = []
    for c in diff_instruments(old, new):
        if c.change == "reworded" and not c.same_meaning:
            problems.append((c.id, "reworded without `same_meaning: true` in the changelog; "
                                   "give it a new id or record that it means the same"))
    before = {q.id: q for q in old.questions}
    for q in new.questions:
        o = before.get(q.id)
        if o is None:
            continue
        if o.kind != q.kind:
            problems.append((q.id, f"kind changed from {o.kind} to {q.kind}; use a new id"))
        elif set(o.labels) - set(q.labels):
            problems.append((q.id, "an option of the earlier wave was removed; keep it (answers "
                                   "of the earlier wave use it) or use a new id"))
    return problems
