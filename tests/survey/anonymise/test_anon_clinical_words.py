"""Medicines, conditions and clinical acronyms are words, never names or places.

The medicine list is derived from a maintained package (survey/anonymise/clinical_build.py);
every sentence here is invented for this test.
"""

from __future__ import annotations

import pytest
from anon_helpers import spans

from survey.anonymise.lexicon import clinical_term, clinical_words
from survey.anonymise.suspicious import suspicious_tokens


@pytest.mark.parametrize("text", [
    "I was put on Mirtazapine and then Sertraline but neither helped.",
    "Citalopram made me feel numb for months.",
    "the gp upped my quetiapine again",
    "Propranolol helps with the panic attacks.",
    "Zopiclone is the only way I sleep.",
    "Pregabalin and Co-codamol for the pain.",
    "I was given Olanzapine on the ward.",
    "I take Lansoprazole and Venlafaxine daily.",
    "My GAD and BPD were ignored.",
    "I have EUPD and PCOS and the GP did not listen.",
])
def test_medicines_and_clinical_acronyms_are_words(anonymiser, text):
    assert anonymiser.detect_batch([text])[0] == [], spans(text, anonymiser.detect_batch([text])[0])


def test_medicines_do_not_hold_back_an_answer():
    assert suspicious_tokens("Mirtazapine and Venlafaxine were no help.") == []


@pytest.mark.parametrize("word", ["camila", "kendrick", "allegra", "ruby", "wick", "grace"])
def test_names_and_places_are_never_excused_as_medicines(word):
    assert word not in clinical_words()


def test_the_list_is_large_and_derived():
    words = clinical_words()
    assert len(words) > 20000 and {"sertraline", "co-codamol", "mirtazapine"} <= words
    assert clinical_term("Sertraline") and not clinical_term("Tamsin")


def test_a_name_beside_a_medicine_is_still_a_name(anonymiser):
    text = "My GP Dr Okafor put me on sertraline."
    dets = anonymiser.detect_batch([text])[0]
    assert spans(text, dets) == ["Dr Okafor"]
