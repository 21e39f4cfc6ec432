"""UK places in any case from the shipped GeoNames gazetteer, and a project's own place list.

Every sentence is invented for this test.
"""

from __future__ import annotations

import pickle

import pytest
from anon_helpers import covered, spans

from survey.anonymise.engine import build_anonymiser
from survey.anonymise.recognizers.uk_gazetteer import GazetteerPlaceRecognizer, load_uk_places
from survey.config import AnonymiseConfig


@pytest.fixture(scope="module")
def gazetteer():
    return GazetteerPlaceRecognizer()


def test_shipped_gazetteer_holds_towns_and_villages_of_all_four_nations():
    places = load_uk_places()
    assert len(places) > 5000
    assert {p[0] for p in places.values()} >= {"england", "scotland", "wales",
                                              "northern_ireland"}
    nation, pop, lat, lon = places["Aberfeldy"]
    assert nation == "scotland" and 0 < pop < 15000 and 56 < lat < 57 and -4.5 < lon < -3


@pytest.mark.parametrize("text,value", [
    ("we moved from tilbury to grays last year", "tilbury"),
    ("we moved from tilbury to grays last year", "grays"),
    ("i grew up in stanford-le-hope and hated it", "stanford-le-hope"),
    ("the refuge in aberfeldy was lovely", "aberfeldy"),
    ("There is a group in Llandeilo on Tuesdays.", "Llandeilo"),
    ("ABERFELDY WAS THE ONLY PLACE WITH A GROUP", "ABERFELDY"),
    ("she lives near bath now", "bath"),
    ("we moved to reading when i was little", "reading"),
    ("the bath area has nothing for us", "bath"),
    ("my aunt lives in march so we stayed there", "march"),
])
def test_places_in_any_case(gazetteer, text, value):
    dets = gazetteer.detect(text)
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text", [
    "the bath was cold and i cried",
    "reading helped me cope at night",
    "i love reading about other survivors",
    "in march it got worse",
    "I rang them in March and nothing happened",
    "Reading the leaflet took ages.",
    "the high street was busy so i went home",
    "i had a deal with my counsellor",
    "there was hope in the room",
])
def test_places_that_are_everyday_words_need_a_place_slot(gazetteer, text):
    assert gazetteer.detect(text) == [], spans(text, gazetteer.detect(text))


def test_project_places_in_any_case(nlp):
    an = build_anonymiser(AnonymiseConfig(places=("Quenby Marsh", "Fenwold")))
    an.nlp = nlp
    an.load()
    text = "we lived on quenby marsh then fenwold, and FENWOLD again"
    dets = an.detect_batch([text])[0]
    for value in ("quenby marsh", "fenwold", "FENWOLD"):
        assert covered(text, dets, value), spans(text, dets)


def test_deny_list_matches_in_any_case(anonymiser):
    text = "we moved to GRAYS then back to grays"
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, "GRAYS") and covered(text, dets, "grays"), spans(text, dets)


def test_pickled_recognizer_keeps_the_project_places_not_the_index():
    rec = GazetteerPlaceRecognizer(("Fenwold",))
    rec.detect("near fenwold")
    copy = pickle.loads(pickle.dumps(rec))
    assert copy.places == ("Fenwold",) and not hasattr(copy, "index_")
    assert [d.reason for d in copy.detect("near fenwold")] == ["uk_gazetteer"]


@pytest.mark.parametrize("text", [
    "came home in march and felt better",
    "went back in March to see the nurse",
    "the march area of my life was hard",
])
def test_a_month_is_a_place_only_where_someone_lives_or_moves(gazetteer, text):
    assert gazetteer.detect(text) == [], spans(text, gazetteer.detect(text))


def test_area_makes_a_local_place_named_with_a_frequent_word_need_only_a_place_slot():
    text = "i was at reading all week for the trial"
    assert GazetteerPlaceRecognizer().detect(text) == []
    near = GazetteerPlaceRecognizer(area="Reading", area_km=15)
    near.validate()
    assert spans(text, near.detect(text)) == ["reading"]
    far = GazetteerPlaceRecognizer(area="Aberfeldy", area_km=15)
    assert far.detect(text) == []
    assert near.detect("reading helped me at night") == []


def test_unknown_area_names_close_places():
    with pytest.raises(ValueError) as err:
        GazetteerPlaceRecognizer(area="Readng").validate()
    assert "Reading" in str(err.value)


def _project(tmp_path, anonymise_yaml: str):
    (tmp_path / "answers.csv").write_text("id,q1\n1,fine\n", encoding="utf-8")
    (tmp_path / "project.yaml").write_text(
        "sources:\n  - path: answers.csv\n    cohort: a\n"
        f"anonymise:\n{anonymise_yaml}", encoding="utf-8")
    return tmp_path


def test_places_and_area_load_from_project_yaml(tmp_path):
    from survey.config import load_project

    cfg = load_project(_project(tmp_path, "  places: [Fenwold]\n  area: Grays\n  area_km: 12\n"))
    assert (cfg.anonymise.places, cfg.anonymise.area, cfg.anonymise.area_km) == \
        (("Fenwold",), "Grays", 12.0)


@pytest.mark.parametrize("yaml_text,key", [
    ("  area: Nowhereford Magna\n", "anonymise.area"),
    ("  area: Grays\n  area_km: 0\n", "anonymise.area_km"),
    ("  area: [Grays]\n", "anonymise.area"),
])
def test_bad_area_names_file_and_key(tmp_path, yaml_text, key):
    from survey.config import load_project
    from survey.errors import ConfigError

    with pytest.raises(ConfigError) as err:
        load_project(_project(tmp_path, yaml_text))
    assert "project.yaml" in str(err.value) and key in str(err.value)


def test_build_anonymiser_passes_the_area_on(nlp):
    an = build_anonymiser(AnonymiseConfig(area="Reading", area_km=15))
    an.nlp = nlp
    an.load()
    text = "i was at reading all week for the trial"
    assert spans(text, an.detect_batch([text])[0]) == ["reading"]
