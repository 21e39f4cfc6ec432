"""Anonymisation with detection on local worker processes equals a serial run (issue 15)."""

from __future__ import annotations

import os
import pickle

import pytest

from analysis.executor import ExecutorError, InProcessExecutor, ProcessExecutor
from survey.anonymise import build_anonymiser
from survey.anonymise.parallel import anonymise_in_chunks
from survey.config import AnonymiseConfig

# Invented people, places and numbers (no real person).
TEXTS = [
    "My worker Briallen Tregothnan rang me back the same day.",
    "please call me on 07700 900417 after six",
    "Briallen came to the hearing with me and explained everything.",
    "The staff at the centre were kind.",
    "email me at orlaith.quennell@example.org if there is news",
    "i told my cousin fenwick about the group and he came too",
    "Waiting lists were long but the helpline was there.",
    "Ysolde Marchbanks at reception was lovely, Ysolde remembered me.",
] * 9
RIDS = [f"r{i % 7}" for i in range(len(TEXTS))]
EXTRA = [{"Fenwick"} if i % 7 == 5 else set() for i in range(len(TEXTS))]


@pytest.fixture(scope="module")
def pool():
    ex = ProcessExecutor(workers=2)
    yield ex
    ex.close()


def _run(imap=None):
    anonymiser = build_anonymiser(AnonymiseConfig(allow=("NHS",)))
    out = anonymise_in_chunks(anonymiser, TEXTS, RIDS, EXTRA, chunk_size=5, imap=imap)
    return out, anonymiser


def test_pickled_anonymiser_is_unloaded_settings_only():
    anonymiser = build_anonymiser(AnonymiseConfig(allow=("NHS",), deny=("Larkspur House",)))
    anonymiser.anonymise_batch(TEXTS[:2], respondent_ids=RIDS[:2])
    copy = pickle.loads(pickle.dumps(anonymiser))
    assert not hasattr(copy, "nlp_") and not hasattr(copy, "key_")
    assert copy.deny == anonymiser.deny and copy.threshold == anonymiser.threshold
    assert len(pickle.dumps(anonymiser)) < 100_000  # no spaCy pipeline, no key entries


@pytest.mark.slow
def test_worker_detection_gives_the_serial_result(pool):
    serial, a1 = _run()
    parallel, a2 = _run(imap=pool.imap)
    assert sum(len(r.detections) for r in serial) >= 20  # the texts do hold identifiers
    assert [r.text for r in parallel] == [r.text for r in serial]
    assert [r.detections for r in parallel] == [r.detections for r in serial]
    # placeholders numbered per respondent in answer order, and the same key entries
    assert a2.key_entries() == a1.key_entries()
    assert pool._pool is not None  # the work really went to the pool


def test_in_process_imap_gives_the_serial_result():
    serial, _ = _run()
    inline, _ = _run(imap=InProcessExecutor().imap)
    assert [r.text for r in inline] == [r.text for r in serial]


def test_each_distinct_text_is_detected_once_and_equals_one_serial_batch(monkeypatch):
    """Repeated answers reuse their detections and review-log lines; the result is what one
    anonymise_batch over every text gives (which detects every occurrence)."""
    from survey.anonymise.decisions import ReviewDecisions, text_key

    def build():
        first = TEXTS[0]
        start = first.index("rang")
        return build_anonymiser(AnonymiseConfig(allow=("NHS",)), decisions=ReviewDecisions(
            add=((text_key(first), start, start + 4, "PERSON"),)))

    reference = build()
    expected = reference.anonymise_batch(TEXTS, respondent_ids=RIDS, extra_names=EXTRA)
    chunked = build()
    seen: list[str] = []
    real = chunked.detect_batch

    def counting(texts, **kwargs):
        seen.extend(texts)
        return real(texts, **kwargs)

    monkeypatch.setattr(chunked, "detect_batch", counting)
    out = anonymise_in_chunks(chunked, TEXTS, RIDS, EXTRA, chunk_size=5)
    distinct = {(t, frozenset(e)) for t, e in zip(TEXTS, EXTRA)}
    assert len(seen) == len(distinct) < len(TEXTS)  # each (text, extra names) pair once
    assert set(seen) == set(TEXTS)
    assert [r.text for r in out] == [r.text for r in expected]
    assert [r.detections for r in out] == [r.detections for r in expected]
    assert chunked.key_entries() == reference.key_entries()
    assert len(reference.decision_log_) == TEXTS.count(TEXTS[0])  # logged per occurrence
    assert chunked.decision_log_ == reference.decision_log_


def test_the_same_text_with_other_extra_names_is_detected_again():
    texts = ["I went with Tamsin to the group.", "I went with Tamsin to the group."]
    extra = [set(), {"Tamsin"}]
    out = anonymise_in_chunks(build_anonymiser(AnonymiseConfig()), texts, ["a", "b"], extra,
                              chunk_size=1)
    assert "Tamsin" not in out[1].text


def test_an_anonymiser_with_its_own_nlp_is_not_sent_to_workers(pool):
    anonymiser = build_anonymiser(AnonymiseConfig())
    anonymiser.nlp = object()
    with pytest.raises(ValueError, match="cannot be rebuilt"):
        anonymise_in_chunks(anonymiser, TEXTS[:4], RIDS[:4], imap=pool.imap)


def test_process_pool_keeps_order_and_runs_small_jobs_here():
    ex = ProcessExecutor(workers=2)
    try:
        assert ex.runs_here(1) and not ex.runs_here(2)
        assert list(ex.imap(abs, [-3])) == [3] and ex._pool is None  # one item: no pool started
        assert list(ex.imap(abs, list(range(-20, 0)))) == list(range(20, 0, -1))
        assert ex._pool is not None
    finally:
        ex.close()


def test_a_dead_worker_is_one_clear_error():
    ex = ProcessExecutor(workers=2)
    try:
        with pytest.raises(ExecutorError, match="worker process stopped"):
            list(ex.imap(os._exit, [3, 3, 3]))
    finally:
        ex.close()


@pytest.mark.parametrize("bad", [0, 1, 2.5, True, "2"])
def test_pool_needs_two_or_more_workers(bad):
    with pytest.raises(ValueError, match="workers"):
        ProcessExecutor(workers=bad)
