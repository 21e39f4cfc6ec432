"""Rules found on the second development batch (dev2) of real comments, as word classes.

Every string here is invented for the test (none is taken from any data set); each test was
checked to fail on the rules before this change. The recall guards at the end check that the
precision rules did not cost lower-case names or existing detections.
"""

from __future__ import annotations

import json

import pytest

from anon_helpers import covered, spans
from survey.anonymise.lexicon import joined_words, near_dictionary_word2, writes_capitals
from survey.anonymise.precision import keep
from survey.anonymise.spans import Detection


def _det(text: str, value: str, entity: str, recognizer: str) -> Detection:
    start = text.index(value)
    return Detection(start, start + len(value), entity, 0.8, recognizer, "t")


# --- precision: word classes that are not names -------------------------------------------

@pytest.mark.parametrize("text,value,entity,recognizer", [
    # two frequent words run together
    ("Staff were kind, better Thanksyou very much", "Thanksyou", "PERSON", "spacy.ner.v1"),
    # a long lower-case misspelling, two edits from a frequent word
    ("would definetley recomend to others", "definetley", "PERSON", "spacy.ner.v1"),
    # everyday written abbreviations
    ("Appts were always late", "Appts", "ORGANIZATION", "spacy.ner.v1"),
    ("Very good Eg the food was hot", "Eg", "PERSON", "spacy.ner.v1"),
    # health roles
    ("Awaiting the Dietitian for a week", "Dietitian", "NRP", "spacy.ner.v1"),
    ("The Phlebotomist was quick", "Phlebotomist", "PERSON", "spacy.ner.v1"),
    # a generic word with a service abbreviation
    ("My care in Older SLT was good", "Older SLT", "ORGANIZATION", "spacy.ner.v1"),
    ("a referral to the MSK Team", "MSK Team", "ORGANIZATION", "spacy.ner.v1"),
    # a name-list hit inside a hyphenated word of prefix + word
    ("The Bi-Annual review was fine", "Bi", "PERSON", "names.gazetteer.v1"),
    ("Activities Co-Worker was great", "Co", "PERSON", "names.gazetteer.v1"),
    # a clinical term where a place might stand
    ("an increase in Histamine levels", "Histamine", "LOCATION", "spacy.ner.v1"),
    # roman numerals are not name parts
    ("Rapid Cycling Bi-Polar III Disorder", "Bi-Polar III Disorder", "ORGANIZATION",
     "spacy.ner.v1"),
    # a title whose name slot holds the data owner's mask
    ("Mrs XXXX Was kind to us", "Mrs XXXX Was", "PERSON", "names.cue.v1"),
    # a name that is a word, opening a sentence before "of"
    ("Long waits. Patience of the staff helped.", "Patience", "PERSON", "names.gazetteer.v1"),
    # a rare English word opening a line
    ("Garden club\nDecoupage\nBingo", "Decoupage", "OTHER_NAME", "names.proper_noun.v1"),
    # a lower-case common word in a text whose writer capitalises
    ("Lovely ward. The dawn came early here.", "dawn", "PERSON", "spacy.ner.v1"),
    # an adjective that a name list also holds, used as the adjective
    ("Jolly and kind staff all round.", "Jolly", "PERSON", "names.gazetteer.v1"),
    # a capital for emphasis on a misspelt common word
    ("All staff are Excelent and caring", "Excelent", "ORGANIZATION", "spacy.ner.v1"),
    # more clinical endings, generic abbreviations, interjections
    ("cancelled due to Norovirus on the ward", "Norovirus", "ORGANIZATION", "spacy.ner.v1"),
    ("waiting for an Angiogram date", "Angiogram", "ORGANIZATION", "spacy.ner.v1"),
    ("When I went into the MH unit, it was calm", "MH", "ORGANIZATION", "spacy.ner.v1"),
    ("Awww the staff are so kind", "Awww", "OTHER_NAME", "names.proper_noun.v1"),
    ("No complaints at all. Fab.", "Fab", "PERSON", "names.gazetteer.v1"),
    ("as my husband doesn’t like fish", "doesn’t", "PERSON", "names.cue.v1"),
    # found on the dev3 batch
    ("When I was talking to the HCPP, she was kind", "HCPP", "ORGANIZATION", "spacy.ner.v1"),
    ("My son has verbal dyspraxia, but", "verbal dyspraxia", "PERSON", "spacy.ner.v1"),
    ("Psychiatrist- Dr was very helpful", "Psychiatrist- Dr", "PERSON", "spacy.ner.v1"),
    # found on unannotated comments outside the evaluation sets
    ("ran late in a National Lockdown, sadly", "a National Lockdown", "ORGANIZATION",
     "spacy.ner.v1"),
    ("Kind nurses  Laundry   Facilities all good", "Laundry   Facilities", "ORGANIZATION",
     "spacy.ner.v1"),
    ("my sister has Coeliac disease", "Coeliac", "ORGANIZATION", "spacy.ner.v1"),
    ("other’s don’t, sadly", "n’t", "LOCATION", "spacy.ner.v1"),
    ("the best GP Dr I've ever had", "Dr I've", "PERSON", "names.cue.v1"),
    # the data owner's mask with an ordinary word
    ("Help from Podiatry XXXX was great", "Podiatry XXXX", "LOCATION", "places.cue.v1"),
])
def test_word_classes_are_dropped(text, value, entity, recognizer):
    assert keep(text, _det(text, value, entity, recognizer)) is False


@pytest.mark.parametrize("text,value,entity,recognizer", [
    ("Jade at the desk rang me back", "Jade", "PERSON", "names.gazetteer.v1"),
    ("Then Tamsin rang back", "Tamsin", "PERSON", "spacy.ner.v1"),
    ("we moved from Stonebridge last year", "Stonebridge", "ORGANIZATION", "spacy.ner.v1"),
    ("The Holly-Rose family were kind", "Holly", "PERSON", "names.gazetteer.v1"),
    ("thanks from me and lucy a massive Thankyou", "lucy", "PERSON", "names.gazetteer.v1"),
    ("Kai is lovely. Kai as ever sorted it", "Kai", "PERSON", "engine.propagate.v1"),
    ("Mark X has been very supportive", "Mark X", "PERSON", "spacy.ner.v1"),
    ("treated at Bank House clinic in the town", "Bank House", "ORGANIZATION",
     "spacy.ner.v1"),
    ("Grace XXXX was lovely", "Grace XXXX", "PERSON", "spacy.ner.v1"),
])
def test_names_stay(text, value, entity, recognizer):
    assert keep(text, _det(text, value, entity, recognizer)) is True


def test_lexicon_helpers():
    assert joined_words("Thanksyou") and joined_words("eachother")
    assert not joined_words("Stonebridge") and not joined_words("Jackson")
    assert near_dictionary_word2("definetley") and near_dictionary_word2("unfortunatly")
    assert not near_dictionary_word2("ottoline") and not near_dictionary_word2("gwenllian")
    assert writes_capitals("Bays were cold.  Better beds please")
    assert writes_capitals("the staff at Brindle were kind")
    assert not writes_capitals("Thank u carys u r a star")
    assert not writes_capitals("i told my mate everything")


@pytest.mark.parametrize("text,value", [
    ("Lovely staff. The aday room was cold though.", "aday"),
    ("When i alked for help nobody came.", "alked"),
    ("Good care, pre booked transport was late", "pre"),
    ("Mrs XXXX Was kind", "Was"),
    ("the ward I was on was noisy", "ward I"),
    ("since the bi - polar episode I struggled", "bi"),
    ("During my son's stay on Ward, we were kept informed", "Ward"),
    ("all through my stay on the ward. It was long", "ward"),
    ("Lovely staff and Good food, aday room was cold", "aday"),
    ("came home in March. 3 visits later all fine", "March"),
    ("moved up to Stage 3 therapy quickly", "Stage"),
    ("it was a white lie from the desk", "white"),
    ("I would love a straight reply for once", "straight"),
])
def test_not_redacted(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert not any(text[d.start:d.end].find(value) >= 0 for d in dets), spans(text, dets)


# --- quasi recall: wards, hospital initials, ages --------------------------------------------

@pytest.mark.parametrize("text,value", [
    ("thanks to everyone on D7.", "D7"),
    ("the nurses on G14 were lovely", "G14"),
    ("transferred to Lindley 4 that night", "Lindley 4"),
    ("moved from Market Orwell 2 at midnight", "Orwell 2"),
    ("sent to the NRH for tests", "NRH"),
    ("Not told by the ODi about it", "ODi"),
    ("I'm now 77 1/2 years old", "77 1/2"),
    ("my nan (93) was seen", "93"),
    ("My husband who is 81 waited hours", "81"),
    ("I am 91 years of age", "91"),
    ("an 80yr old man on the ward", "80"),
    ("my mother is 96 and deaf", "96"),
    ("Harbour house was calm and kind", "Harbour house"),
])
def test_quasi_forms_found(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text", [
    "I am on B12.",
    "went up to Floor 2 after",
    "from Covid 19 onwards",
    "I had an MRI there",
    "we rang the UTC twice",
    "my dad is 2 hours away",
    "only 2 1/2 hours late",
    "my son was 3 weeks early",
    "Lovely house and staff",
    "Brilliant Day Centre staff",
    "Town Hall was closed",
])
def test_no_quasi_false_alarm(anonymiser, text):
    dets = anonymiser.detect_batch([text])[0]
    assert not any(d.entity in ("FACILITY", "AGE") for d in dets), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("My dad attends Sunrise Day Centre daily", "Sunrise Day Centre"),
    ("Harbour house was calm and kind", "Harbour house"),
])
def test_facility_pattern_names(text, value):
    from survey.anonymise.recognizers.places import FacilityRecognizer

    found = [text[d.start:d.end] for d in FacilityRecognizer().detect(text)]
    assert value in found, found


@pytest.mark.parametrize("text", ["Brilliant Day Centre staff", "Lovely house and staff",
                                  "Town Hall was closed", "Excellent Ward staff"])
def test_facility_pattern_generic(text):
    from survey.anonymise.recognizers.places import FacilityRecognizer

    assert FacilityRecognizer().detect(text) == []


def test_proper_noun_that_spacy_calls_a_date(nlp):
    from spacy.tokens import Span

    from survey.anonymise.recognizers.names import ProperNounRecognizer

    doc = nlp("The nurse was Quennell, thank you.")
    i = [t.text for t in doc].index("Quennell")
    doc.ents = [Span(doc, i, i + 1, label="DATE")]
    found = [d for d in ProperNounRecognizer().detect_doc(doc)]
    assert [doc.text[d.start:d.end] for d in found] == ["Quennell"]


def test_generic_team_is_no_employer_and_initials_before_a_plan_no_hospital():
    from survey.anonymise.recognizers.places import (FacilityRecognizer,
                                                     OrganisationCueRecognizer)

    assert OrganisationCueRecognizer().detect("I work for the Home Treatment Team now") == []
    assert OrganisationCueRecognizer().detect("I work for Brannock Foods now") != []
    assert FacilityRecognizer().detect("we found the KFLC plan good") == []


@pytest.mark.parametrize("text,expected", [
    ("it all started in March 2021.", []),
    ("it happened on August 2023 and", ["August 2023"]),
    ("been hard since June 2022, so", ["June 2022"]),
])
def test_month_year_as_a_period(anonymiser, text, expected):
    dets = anonymiser.detect_batch([text])[0]
    assert [text[d.start:d.end] for d in dets if d.entity == "DATE"] == expected


# --- recall guards: lower-case names and repeated names --------------------------------------

@pytest.mark.parametrize("text,value", [
    ("thank u carys u r a star", "carys"),
    ("Me and aled went to the police. Thanks again.", "aled"),
    ("honestly kayleigh from the helpline saved me", "kayleigh"),
    ("Dean is brilliant. Dean as usual sorted it", "Dean as"),
])
def test_lower_case_and_repeated_names_kept(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    if value.endswith(" as"):
        value = value[:-3]
        second = text.rindex(value)
        assert any(d.start <= second < d.end for d in dets), spans(text, dets)
    assert covered(text, dets, value), spans(text, dets)


# --- the dev2 batch itself --------------------------------------------------------------------

@pytest.mark.shared_data
def test_dev2_batch_is_valid_and_outside_the_probe():
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    sys.path.insert(0, str(root / "tools"))
    import build_realtext as br

    if not br.SOURCE.is_file():
        pytest.skip("shared NHS comments not present")
    source = br.read_source()
    probe = br.probe_rows(source)
    rows = br.dev2_rows(source, probe)
    assert len(rows) == br.DEV2_SIZE == len(set(rows))
    assert not set(rows) & set(probe)
    assert not {source[i] for i in rows} & {source[i] for i in probe}
    items = br.read_jsonl(br.DATA_DIR / br.DEV2_FILE)
    assert br.validate_dev2(items, source, probe) == []
    # the check catches a probe row and a changed split
    bad = json.loads(json.dumps(items))
    bad[0]["split"] = "test"
    assert any("split" in e for e in br.validate_dev2(bad, source, probe))
    bad = json.loads(json.dumps(items))
    bad[1]["row_index"] = probe[0]
    bad[1]["id"] = f"r{probe[0]}"
    bad[1]["text"] = source[probe[0]]
    assert any("in the probe" in e for e in br.validate_dev2(bad, source, probe))
    dev3 = br.dev3_rows(source, probe)
    assert len(dev3) == br.DEV3_SIZE and not set(dev3) & (set(rows) | set(probe))
    assert br.validate_dev2(br.read_jsonl(br.DATA_DIR / br.DEV3_FILE), source, probe,
                            "dev3") == []
