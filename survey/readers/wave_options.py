"""Options and questions that look renamed between waves of one cohort.

A platform that renames an option between waves ("ISVA service" becomes "ISVA (Independent
Sexual Violence Adviser)") leaves two options in an inferred instrument, each present in only
some waves; a reworded question leaves two questions. The wave comparison would then show one
vanishing and another appearing. Whether the two mean the same is a person's call, so these
functions only point at them; ``aliases`` in instrument.yaml (on an option,
:class:`survey.instrument.Option`, or on a question) join them.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from survey.config import SourceConfig
from survey.instrument import Instrument
from survey.readers import read_source
from survey.schema import SourceTable

#: How alike two question texts must be (difflib ratio) to be pointed at as a rewording.
REWORDED_RATIO = 0.6


def _tables(instrument: Instrument,
            sources: Sequence[SourceConfig]) -> list[tuple[SourceConfig, SourceTable]]:
    return [(s, read_source(s, instrument, source_label=s.path.name))
            for s in sources if s.kind == "survey"]


def wave_hints(instrument: Instrument, sources: Sequence[SourceConfig]) -> list[str]:
    """:func:`renamed_option_hints` and :func:`reworded_question_hints`, reading each survey
    source once with ``instrument`` (nothing is written)."""
    tables = _tables(instrument, sources)
    return (reworded_question_hints(instrument, sources, tables=tables)
            + renamed_option_hints(instrument, sources, tables=tables))


def renamed_option_hints(instrument: Instrument, sources: Sequence[SourceConfig], *,
                         tables: list[tuple[SourceConfig, SourceTable]] | None = None
                         ) -> list[str]:
    """One line per closed question and cohort where some option was chosen only after the
    cohort's first wave and another only in it (both sides non-empty), naming them.

    Option labels come from the instrument, which holds no rare or identifying label.
    """
    closed = [q for q in instrument.questions if q.kind in ("single", "multiple", "likert")]
    seen: dict[tuple[str, str], dict[int, set[str]]] = {}
    for source, table in tables if tables is not None else _tables(instrument, sources):
        for q in closed:
            if q.id not in table.responses:
                continue
            chosen: set[str] = set()
            for value in table.responses[q.id]:
                values = value if isinstance(value, list | tuple) else [value]
                chosen.update(v for v in values if isinstance(v, str))
            by_wave = seen.setdefault((q.id, source.cohort), {})
            by_wave.setdefault(source.wave, set()).update(chosen & set(q.labels))
    hints: list[str] = []
    for q in closed:
        for (qid, cohort), by_wave in seen.items():
            if qid != q.id or len(by_wave) < 2:
                continue
            waves = sorted(by_wave)
            first = waves[0]
            later = set().union(*(by_wave[w] for w in waves[1:]))
            new = [lab for lab in q.labels if lab in later and lab not in by_wave[first]]
            gone = [lab for lab in q.labels if lab in by_wave[first] and lab not in later]
            if new and gone:
                hints.append(
                    f"{q.id} ({cohort}): {', '.join(map(repr, new))} chosen only after wave "
                    f"{first}, {', '.join(map(repr, gone))} only in wave {first}; if the "
                    "platform renamed an option, move its new label under the old option's "
                    "aliases in instrument.yaml")
    return hints


def reworded_question_hints(instrument: Instrument, sources: Sequence[SourceConfig], *,
                            tables: list[tuple[SourceConfig, SourceTable]] | None = None
                            ) -> list[str]:
    """One line per question that a cohort's later waves carry, its first wave does not, and
    that reads like a question (of the same kind) only that first wave carries."""
    known = {q.id for q in instrument.questions}
    carried: dict[str, dict[int, set[str]]] = {}
    for source, table in tables if tables is not None else _tables(instrument, sources):
        ids = known & (set(table.responses.columns) | set(table.answers["question_id"]))
        carried.setdefault(source.cohort, {}).setdefault(source.wave, set()).update(ids)
    hints: list[str] = []
    for cohort, by_wave in sorted(carried.items()):
        waves = sorted(by_wave)
        if len(waves) < 2:
            continue
        first = by_wave[waves[0]]
        later = set().union(*(by_wave[w] for w in waves[1:]))
        gone = [q for q in instrument.questions if q.id in first - later]
        for q in instrument.questions:
            if q.id not in later - first:
                continue
            scored = [(difflib.SequenceMatcher(None, q.text.casefold(),
                                               old.text.casefold()).ratio(), old)
                      for old in gone if old.kind == q.kind]
            ratio, old = max(scored, key=lambda s: s[0], default=(0.0, None))
            if old is not None and ratio >= REWORDED_RATIO:
                hints.append(
                    f"{q.id} ({cohort}): {q.text!r} only after wave {waves[0]} reads like "
                    f"{old.id} {old.text!r}, only in wave {waves[0]}; if it was reworded with "
                    f"the same meaning, delete {q.id} from instrument.yaml and add its text "
                    f"to the aliases of {old.id}")
    return hints
