"""Engine: batching, placeholders per respondent, offsets, overlaps, allow/deny, audit, key."""

from __future__ import annotations

import csv
import os
import stat

import pytest

from anon_helpers import covered, spans
from survey.anonymise.engine import (Anonymiser, audit_rows, resolve_overlaps, write_key_file)
from survey.anonymise.recognizers.contact import EmailRecognizer
from survey.anonymise.spans import Detection

TEXTS = [  # synthetic
    "My ex Dave followed me from Grays. Dave rang 07911 123456 at 3pm.",
    "I was 14. Dave was there again; Kofi Mensah helped me at the SARC.",
    "Rape Crisis and the police were kind. Email jo.bloggs@example.com",
]


@pytest.fixture(scope="module")
def results(anonymiser):
    anonymiser.reset()
    return anonymiser.anonymise_batch(TEXTS, respondent_ids=["r1", "r1", "r2"])


def test_engine_replaces_direct_identifiers(results):
    text = " ".join(r.text for r in results)
    for value in ("Dave", "Grays", "07911 123456", "Kofi", "Mensah", "jo.bloggs"):
        assert value not in text, text


def test_engine_placeholders_consistent_across_one_respondents_answers(results):
    assert results[0].text.count("[PERSON 1]") == 2
    assert "[PERSON 1] was there" in results[1].text


def test_engine_placeholders_restart_for_next_respondent(anonymiser, results):
    out = anonymiser.anonymise_batch(["Kofi called."], respondent_ids=["r9"])
    assert "[PERSON 1]" in out[0].text


def test_engine_keeps_allow_list_and_service_words(results):
    assert "SARC" in results[1].text
    assert "Rape Crisis" in results[2].text
    assert "police" in results[2].text


def test_engine_generalises_age(results):
    assert "[AGE 13-15]" in results[1].text


def test_engine_offsets_point_into_original(results):
    for original, res in zip(TEXTS, results):
        for det, _ in res.replacements:
            assert 0 <= det.start < det.end <= len(original)
        rebuilt, pos = [], 0
        for det, rep in res.replacements:
            rebuilt += [original[pos:det.start], rep]
            pos = det.end
        assert "".join(rebuilt) + original[pos:] == res.text


def test_engine_detections_do_not_overlap(results):
    for res in results:
        ends = [(d.start, d.end) for d in res.detections]
        assert all(a[1] <= b[0] for a, b in zip(ends, ends[1:]))


def test_audit_rows_never_contain_original_values(results):
    rows = audit_rows(results, ids=["a", "b", "c"])
    assert rows and set(rows[0]) == {"id", "label", "recognizer", "score", "reason",
                                     "placeholder", "start", "end"}
    originals = {TEXTS[i][d.start:d.end] for i, r in enumerate(results) for d in r.detections}
    blob = " ".join(v for row in rows for v in row.values() if isinstance(v, str))
    assert not [o for o in originals if o in blob]


def test_key_entries_map_placeholder_to_original(anonymiser, results):
    entries = anonymiser.key_entries()
    assert {"respondent_id": "r1", "placeholder": "[PERSON 1]", "original": "Dave"} in entries


def test_write_key_file_owner_only(tmp_path, anonymiser, results):
    path = write_key_file(tmp_path / "key.csv", anonymiser.key_entries())
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    with open(path, newline="", encoding="utf-8") as fh:
        assert next(csv.DictReader(fh))["placeholder"].startswith("[")


def test_engine_extra_names_redacted_everywhere(anonymiser):
    text = "tammy said thanks; TAMMY left."
    dets = anonymiser.detect_batch([text], extra_names=[{"Tammy"}])[0]
    assert covered(text, dets, "tammy") and covered(text, dets, "TAMMY")


def test_engine_deny_terms_always_redacted(anonymiser):
    text = "we met in tilbury"
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, "tilbury"), spans(text, dets)


def test_engine_rejects_bare_string_and_bad_lengths(anonymiser):
    with pytest.raises(ValueError):
        anonymiser.detect_batch("a string")
    with pytest.raises(ValueError):
        anonymiser.anonymise_batch(["a", "b"], respondent_ids=["r1"])
    with pytest.raises(ValueError):
        anonymiser.detect_batch(["a"], extra_names=[set(), set()])


def test_engine_threshold_validated_at_load():
    with pytest.raises(ValueError):
        Anonymiser(recognizers=[EmailRecognizer()], threshold=2).load()


def test_engine_constructor_only_stores():
    an = Anonymiser(recognizers=[], threshold=0.5)
    assert not hasattr(an, "plan_") and an.threshold == 0.5


def test_engine_without_doc_recognizers_needs_no_spacy():
    an = Anonymiser(recognizers=[EmailRecognizer()]).load()
    assert an.nlp_ is None
    out = an.anonymise_batch(["mail a@b.org"], respondent_ids=["r"])
    assert out[0].text == "mail [EMAIL 1]"


@pytest.mark.parametrize("dets,expected", [
    ([(0, 10, 0.5), (2, 5, 0.9)], [(0, 10)]),            # contained: longer wins
    ([(0, 5, 0.5), (3, 9, 0.9)], [(0, 9)]),              # partial: union kept
    ([(0, 3, 0.5), (5, 9, 0.9)], [(0, 3), (5, 9)]),      # apart: both kept
])
def test_resolve_overlaps(dets, expected):
    got = resolve_overlaps(Detection(s, e, "X", sc, "t.v1") for s, e, sc in dets)
    assert [(d.start, d.end) for d in got] == expected


def test_resolve_overlaps_prefers_longer_then_score():
    a = Detection(0, 5, "A", 0.4, "t.v1")
    b = Detection(0, 5, "B", 0.9, "t.v1")
    c = Detection(0, 8, "C", 0.3, "t.v1")
    assert resolve_overlaps([a, b])[0].entity == "B"
    assert resolve_overlaps([a, b, c])[0].entity == "C"


def test_engine_allow_term_cut_out_of_longer_span(anonymiser):
    text = "The Basildon SARC team were kind."
    res = anonymiser.anonymise_batch([text], respondent_ids=["r-allow"])[0]
    assert "SARC" in res.text and "Basildon" not in res.text, res.text


@pytest.mark.parametrize("text,kept", [
    ("Rape Crisis were brilliant.", "Rape Crisis"),
    ("I called Rape Crisis and SARC.", "SARC"),
    ("The ISVAs and IDVAs helped.", "ISVAs"),
])
def test_engine_service_words_never_redacted(anonymiser, text, kept):
    res = anonymiser.anonymise_batch([text], respondent_ids=["r-svc"])[0]
    assert kept in res.text, res.text


@pytest.mark.parametrize("text,value", [
    ("JOHN SMITH hurt me", "JOHN"),
    ("we moved to 12 Mill Lane, Someville", "12 Mill Lane"),
    ("it was Aleksandra and Hleb who helped", "Hleb"),
])
def test_engine_end_to_end_recall(anonymiser, text, value):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)
