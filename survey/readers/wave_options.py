"""Options that look renamed between waves of one cohort.

A platform that renames an option between waves ("ISVA service" becomes "ISVA (Independent
Sexual Violence Adviser)") leaves two options in an inferred instrument, each present in only
some waves: the wave comparison would then show one option vanishing and another appearing.
Whether the two mean the same is a person's call, so :func:`renamed_option_hints` only points
at them; the option's ``aliases`` in instrument.yaml (:class:`survey.instrument.Option`) join
them.
"""

from __future__ import annotations

from collections.abc import Sequence

from survey.config import SourceConfig
from survey.instrument import Instrument
from survey.readers import read_source


def renamed_option_hints(instrument: Instrument, sources: Sequence[SourceConfig]) -> list[str]:
    """One line per closed question and cohort where some option was chosen only in later
    waves and another only in earlier ones (both sides non-empty), naming them.

    Reads each survey source once with ``instrument`` (nothing is written). Option labels come
    from the instrument, which holds no rare or identifying label.
    """
    closed = [q for q in instrument.questions if q.kind in ("single", "multiple", "likert")]
    seen: dict[tuple[str, str], dict[int, set[str]]] = {}
    for source in sources:
        if source.kind != "survey":
            continue
        table = read_source(source, instrument, source_label=source.path.name)
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
