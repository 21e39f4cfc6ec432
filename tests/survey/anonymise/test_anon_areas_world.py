"""The shipped area and world-place lists and the builder's name rules (no network, no builder
package needed: the lists are shipped)."""

from __future__ import annotations

import pytest

from survey.anonymise.places_build import area_names
from survey.anonymise.recognizers.uk_gazetteer import load_uk_areas, load_world_places


@pytest.mark.parametrize("raw,expected", [
    ("Durham, County", ["Durham", "County Durham"]),
    ("Bristol, City of", ["Bristol"]),
    ("Glasgow City", ["Glasgow City", "Glasgow"]),
    ("Isle of Anglesey [Sir Ynys Môn GB-YNM]", ["Isle of Anglesey", "Sir Ynys Môn", "Ynys Môn"]),
    ("Antrim and Newtownabbey", ["Antrim and Newtownabbey", "Antrim", "Newtownabbey"]),
    ("England", []),
])
def test_area_names_as_writers_use_them(raw, expected):
    assert area_names(raw) == expected


def test_an_everyday_word_is_no_area_part():
    assert "Down" not in area_names("Newry, Mourne and Down")


def test_shipped_lists_hold_areas_and_places_abroad_but_not_the_nations():
    areas, world = load_uk_areas(), load_world_places()
    for name in ("Lancashire", "Gwynedd", "North Tyneside", "Tameside", "Ynys Môn"):
        assert name in areas
    assert not {"England", "Wales", "Scotland", "Northern Ireland"} & set(areas)
    assert world.get("Lagos") == "NG" and world.get("Poland") == "PL"
    assert "United Kingdom" not in world and "London" not in world
