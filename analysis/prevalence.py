"""The prevalence gap, as a JSNA uses it: estimated local victims beside those known to services.

National prevalence rates by sex and age range (e.g. the Crime Survey for England and Wales) are
applied to the local population of the same groups; the sum is set beside the number known to
services or the police, and the difference is the gap. The user supplies a small CSV::

    group,sex,age_range,national_rate_percent,local_population,known,period,definition,source
    Women 16-59,female,16-59,20,50580,,since age 16,sexual assault incl. attempts,"CSEW..."
    Men 16-59,male,16-59,4,49625,,since age 16,sexual assault incl. attempts,"CSEW..."
    Known to the police,all,16-59,,,316,one year,sexual offence victims recorded,"Police..."

``period`` (the time the figure covers: "since age 16", "last 12 months", "one year") and
``definition`` (who is counted) are optional, but the gap compares only what they say: the two
sides of the gap are the estimate rows and the rows with a known count. Where the two sides'
periods or definitions differ (or are not given), the table and the text say so, because an
estimate of everyone affected since the age of 16 set against one year of police-recorded
victims is not a count of people missing from services.

A row with a rate and a population is an estimate row; a row with only ``known`` is a count of
victims known to services (several such rows are added up; a ``known`` on an estimate row is
that group's own known count). Rates are percentages (20 means 20%). Estimates are rounded to
whole people. Known counts from 1 to ``min_count - 1`` are shown as ``"<N"`` (and the gap that
would reveal them is hidden), like every other count the toolkit publishes.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from analysis.report.data import ReportSection
from survey.errors import ConfigError, InputFileError

PREVALENCE_KEY = "prevalence"
REQUIRED = ("group", "national_rate_percent", "local_population")
OPTIONAL = ("sex", "age_range", "known", "period", "definition", "source")


@dataclass(frozen=True)
class PrevalenceRow:
    """One line of the prevalence CSV.

    Attributes:
        group: Who the row is about ("Women 16-59").
        sex: ``female``, ``male``, ``all``... (free text).
        age_range: e.g. ``16-59``.
        rate_percent: National prevalence in percent; ``None`` on a known-only row.
        population: Local population of the group; ``None`` on a known-only row.
        known: Victims known to services or the police; ``None`` when not given.
        source: Where the figures come from.
        period: The time the row's figure covers ("since age 16", "one year"); "" if not given.
        definition: Who the row's figure counts; "" if not given.
    """

    group: str
    sex: str = ""
    age_range: str = ""
    rate_percent: float | None = None
    population: int | None = None
    known: int | None = None
    source: str = ""
    period: str = ""
    definition: str = ""

    @property
    def estimate(self) -> int | None:
        """Estimated local victims, rounded half up to whole people."""
        if self.rate_percent is None or self.population is None:
            return None
        return int(math.floor(self.rate_percent * self.population / 100 + 0.5))


def _number(path: Path, row: int, column: str, value: str, *, whole: bool) -> float | int | None:
    value = (value or "").strip().replace(",", "").rstrip("%").strip()
    if not value:
        return None
    try:
        num = float(value)
    except ValueError:
        raise InputFileError(path, "expected a number", row=row, column=column) from None
    if num < 0 or math.isnan(num):
        raise InputFileError(path, "expected a number of 0 or more", row=row, column=column)
    if whole:
        if num != int(num):
            raise InputFileError(path, "expected a whole number", row=row, column=column)
        return int(num)
    return num


def read_prevalence(path: str | Path) -> list[PrevalenceRow]:
    """Read and check a prevalence CSV (see the module docstring for its columns).

    Raises:
        InputFileError: Missing file or column, or a bad number (file, row and column named;
            never the cell's value).
    """
    path = Path(path)
    if not path.is_file():
        raise InputFileError(path, "prevalence file not found")
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        header = [h.strip() for h in (reader.fieldnames or [])]
        missing = [c for c in REQUIRED if c not in header]
        if missing:
            raise InputFileError(path, "missing column", column=missing[0])
        rows = []
        for i, raw in enumerate(reader, start=2):
            raw = {(k or "").strip(): (v or "") for k, v in raw.items()}
            rate = _number(path, i, "national_rate_percent", raw["national_rate_percent"],
                           whole=False)
            if rate is not None and rate > 100:
                raise InputFileError(path, "a rate is a percentage from 0 to 100", row=i,
                                     column="national_rate_percent")
            pop = _number(path, i, "local_population", raw["local_population"], whole=True)
            known = _number(path, i, "known", raw.get("known", ""), whole=True)
            if (rate is None) != (pop is None):
                col = "local_population" if pop is None else "national_rate_percent"
                raise InputFileError(path, "a rate needs a population and a population a rate",
                                     row=i, column=col)
            if rate is None and known is None:
                raise InputFileError(path, "give a rate and a population, or a known count",
                                     row=i, column="known")
            rows.append(PrevalenceRow(group=raw["group"].strip() or f"Row {i}",
                                      sex=raw.get("sex", "").strip(),
                                      age_range=raw.get("age_range", "").strip(),
                                      rate_percent=rate, population=pop, known=known,
                                      source=raw.get("source", "").strip(),
                                      period=raw.get("period", "").strip(),
                                      definition=raw.get("definition", "").strip()))
    if not any(r.estimate is not None for r in rows):
        raise InputFileError(path, "no row has both a national rate and a local population")
    return rows


def prevalence_gap(rows: list[PrevalenceRow]) -> dict[str, int | None]:
    """Total estimated victims, total known, and the gap (``None`` where nothing is known)."""
    estimated = sum(r.estimate or 0 for r in rows)
    knowns = [r.known for r in rows if r.known is not None]
    known = sum(knowns) if knowns else None
    return {"estimated": estimated, "known": known,
            "gap": None if known is None else estimated - known}


def prevalence_table(rows: list[PrevalenceRow], *, min_count: int = 5) -> tuple[pd.DataFrame,
                                                                                 list[str]]:
    """The published prevalence table and its notes.

    Columns: ``Group, Age range, Period, Definition, National rate %, Local population,
    Estimated local victims, Known to services or police, Gap``; a last ``Total`` row.
    """
    small = f"<{min_count}"

    def shown(v: int | None) -> int | str | None:
        return small if v is not None and 0 < v < min_count else v

    records, hidden = [], 0
    for r in rows:
        gap = None if r.known is None or r.estimate is None else r.estimate - r.known
        if shown(r.known) == small:
            gap, hidden = None, hidden + 1
        records.append({"Group": r.group, "Age range": r.age_range or None,
                        "Period": r.period or None, "Definition": r.definition or None,
                        "National rate %": r.rate_percent, "Local population": r.population,
                        "Estimated local victims": r.estimate,
                        "Known to services or police": shown(r.known), "Gap": gap})
    total = prevalence_gap(rows)
    records.append({"Group": "Total", "Age range": None, "Period": None, "Definition": None,
                    "National rate %": None,
                    "Local population": sum(r.population or 0 for r in rows) or None,
                    "Estimated local victims": total["estimated"],
                    "Known to services or police": shown(total["known"]),
                    "Gap": None if shown(total["known"]) == small else total["gap"]})
    notes = ["Estimated local victims = national prevalence rate x local population of the same "
             "group, rounded to whole people. It is an estimate: national rates may not hold "
             "locally.",
             "The gap is the estimated number of local victims not known to services or the "
             "police."]
    if hidden or shown(total["known"]) == small:
        notes.append(f"Known counts below {min_count} are shown as \"{small}\" and the gap "
                     "beside them is not given.")
    sources = list(dict.fromkeys(r.source for r in rows if r.source))
    if sources:
        notes.append("Sources: " + "; ".join(sources) + ".")
    return pd.DataFrame(records, dtype=object), notes


def _side(table: pd.DataFrame, column: str) -> tuple[str, str] | None:
    """``(period, definition)`` of the rows with a value in ``column`` (the Total row aside),
    each the distinct values joined by "; ", or "" where any such row leaves it blank;
    ``None`` when no row has a value."""
    body = table[table["Group"] != "Total"]
    rows = body[body[column].notna()]
    if rows.empty:
        return None

    def joined(col: str) -> str:
        vals = [str(v).strip() if v is not None and str(v).strip() else "" for v in
                rows.get(col, pd.Series([None] * len(rows)))]
        return "" if "" in vals else "; ".join(dict.fromkeys(vals))
    return joined("Period"), joined("Definition")


def like_for_like(table: pd.DataFrame) -> bool:
    """Whether both sides of the gap give the same period and the same definition."""
    est = _side(table, "Estimated local victims")
    known = _side(table, "Known to services or police")
    return bool(est and known and all(est) and est == known)


def compare_sides(table: pd.DataFrame) -> str | None:
    """One sentence naming what the gap compares: the period and definition of the estimate and
    of the known count (from the published table's ``Period`` and ``Definition``), and, where
    they differ or are not given, that they are not like for like. Values are quoted (“...”)
    so a reader sees them as the CSV's words. ``None`` when nothing is known to compare."""
    est = _side(table, "Estimated local victims")
    known = _side(table, "Known to services or police")
    if est is None or known is None:
        return None

    def said(side: tuple[str, str]) -> str:
        period, definition = side
        parts = [f"“{definition}”"] if definition else []
        parts += [f"over “{period}”"] if period else []
        missing = [n for n, v in (("definition", definition), ("period", period)) if not v]
        if missing:
            parts.append(" and ".join(missing) + " not given")
        return ", ".join(parts)
    text = f"What each side counts: the estimate, {said(est)}; the known figure, {said(known)}."
    if not all(est) or not all(known):
        return (text + " The prevalence file does not give the period and definition of both "
                "sides, so the gap may compare unlike things: read it as indicative only.")
    differ = [name for name, a, b in (("period", est[0], known[0]),
                                      ("definition", est[1], known[1])) if a != b]
    if differ:
        return (text + f" The two differ in {' and '.join(differ)}, so the gap compares unlike "
                "things: it is indicative, not a count of people unknown to services.")
    return text + " Both sides cover the same period and definition."


def prevalence_section(rows: list[PrevalenceRow], *, min_count: int = 5) -> ReportSection:
    """The prevalence gap as a report section (rendered in the workbook, HTML and Word)."""
    table, notes = prevalence_table(rows, min_count=min_count)
    total = prevalence_gap(rows)
    intro = (f"Applying national prevalence rates to the local population gives an estimated "
             f"{total['estimated']:,} local victims")
    if total["known"] is not None and total["known"] >= min_count:
        intro += (f", against {total['known']:,} known to services or the police: a gap of "
                  f"{total['gap']:,}.")
    else:
        intro += "."
    sides = compare_sides(table)
    if sides:
        intro += " " + sides
    return ReportSection(key="Prevalence gap", title="The prevalence gap: estimated and known "
                         "victims", intro=intro,
                         tables=[("Estimated local victims and those known to services", table)],
                         notes=notes)


def prevalence_path(config_path: str | Path) -> Path | None:
    """The prevalence CSV named by ``prevalence:`` in ``project.yaml`` (relative to its folder).

    Returns:
        The resolved path, or ``None`` when the key is absent.

    Raises:
        ConfigError: The key is not a path string.
    """
    config_path = Path(config_path)
    try:
        raw = yaml.safe_load(config_path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        raise ConfigError(config_path, None, "cannot read the project file") from None
    value = raw.get(PREVALENCE_KEY) if isinstance(raw, dict) else None
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(config_path, PREVALENCE_KEY, "expected a path to a CSV file")
    return (config_path.parent / value).resolve()
