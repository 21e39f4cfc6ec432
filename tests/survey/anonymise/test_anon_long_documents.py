"""Long documents (whole interview transcripts): the capitals check the precision filter runs
for each lower-case name-word detection must stay linear in the length of the text, and give
the same answer as the plain definition. All texts are synthetic."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from survey.anonymise.lexicon import _CAP_WORD, _I_FORMS, writes_capitals


def reference_writes_capitals(text: str, *, inner_only: bool = False) -> bool:
    """The definition, written plainly: count capitalised words inside and at the start of a
    sentence over the whole text (quadratic: it copies the text before each word)."""
    starts = inner = 0
    for m in _CAP_WORD.finditer(text):
        if m.group(1) in _I_FORMS:
            continue
        before = text[:m.start()].rstrip(" \t\"'“‘(*-")
        if not before or before[-1] in ".!?:;\n\r":
            starts += 1
        else:
            inner += 1
    return inner > 0 or (starts >= 2 and not inner_only)


_PIECES = st.sampled_from(["I", "I'm", "I’ve", "Ruby", "ruby", "the", "Ab", "x", " ", "  ", "\t",
                           ".", "!", "?", ":", ";", "\n", "\r", ",", "\"", "'", "“", "‘", "(",
                           "*", "-", "’"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=14), st.booleans())
def test_writes_capitals_matches_its_definition(pieces: list[str], inner_only: bool) -> None:
    text = "".join(pieces)
    assert writes_capitals(text, inner_only=inner_only) == \
        reference_writes_capitals(text, inner_only=inner_only)


def test_writes_capitals_examples() -> None:
    assert writes_capitals("thank u so much, Ruby was great")  # a capital inside a sentence
    assert not writes_capitals("Thank u so much ruby was great")  # a phone's first capital
    assert writes_capitals("Thanks. Ruby helped.")
    assert not writes_capitals("Thanks. Ruby helped.", inner_only=True)
    assert not writes_capitals("i'm ok. I'm fine. I've been better")


def _best_seconds(fn, text: str, repeats: int = 5) -> float:
    # CPU time, not wall time: on a busy machine a longer call is more often preempted
    best = float("inf")
    for _ in range(repeats):
        t0 = time.process_time()
        fn(text)
        best = min(best, time.process_time() - t0)
    return best


def _scan(text: str) -> None:
    for _ in _CAP_WORD.finditer(text):
        pass


def _check(text: str) -> None:
    writes_capitals(text, inner_only=True)  # no early answer: every word is looked at


def test_writes_capitals_is_linear_on_a_long_transcript() -> None:
    # sentence-initial capitals only, so the whole text is scanned. 8x the text must cost
    # about what 8x costs a bare scan for capitalised words on this machine now (a busy machine
    # makes even that more than 8x); the old prefix copy per word made it 5-10 times more
    line = "Interviewer: Thanks for that. Participant: Yes it helped. "
    short, long = line * 400, line * 3200
    assert not writes_capitals(long, inner_only=True)
    scan = _best_seconds(_scan, long) / _best_seconds(_scan, short)
    ratio = _best_seconds(_check, long) / _best_seconds(_check, short)
    assert ratio < 2.5 * scan, f"8x the text took {ratio:.1f}x the time (a bare scan {scan:.1f}x)"


def test_street_slot_check_scans_idioms_once_per_text(monkeypatch) -> None:
    """Every street-slot match looked for idioms over the whole text: quadratic."""
    from survey.anonymise import lexicon
    from survey.anonymise.registry import make_recognizer

    calls = []
    real = lexicon.idiom_spans

    def counting(text: str) -> list[tuple[int, int]]:
        calls.append(len(text))
        return real(text)

    monkeypatch.setattr(lexicon, "idiom_spans", counting)
    rec = make_recognizer("address.street.v1")
    text = "i walked down elm road then along oak lane and past ash grove. " * 30
    found = rec.detect(text)
    assert len(found) == 90  # every street is still found
    assert len(calls) == 1
    assert rec.detect("she lives on jack frost road") == []  # an idiom is still not a street
    assert rec._idioms is None  # nothing of the text is kept after detect returns


def _ratio(fn, short: str, long: str) -> float:
    return _best_seconds(fn, long) / _best_seconds(fn, short)


def test_spaced_email_local_part_is_read_near_the_at_sign() -> None:
    """The local part before a spaced "@" was searched for from the start of the text."""
    from survey.anonymise.registry import make_recognizer

    rec = make_recognizer("contact.email_spelt.v1")
    line = "Participant: you can reach kez 91 @ example . com if the worker is off today. "
    short, long = line * 100, line * 800
    assert len(rec.detect(short)) == 100
    assert rec.detect(line)[0].start == line.index("kez")
    ratio, scan = _ratio(rec.detect, short, long), _ratio(_scan, short, long)
    assert ratio < 2.5 * scan, f"8x the text took {ratio:.1f}x the time (a bare scan {scan:.1f}x)"


def test_acronym_check_counts_capitals_once_per_text() -> None:
    """Whether the text is written in capitals was counted again for every acronym found by
    spaCy alone."""
    from survey.anonymise.precision import filter_detections
    from survey.anonymise.spans import Detection

    line = "Interviewer: And then? Participant: I was seen at KRW that week. "
    at = line.index("KRW")

    def dets(n: int) -> list[Detection]:
        return [Detection(i * len(line) + at, i * len(line) + at + 3, "ORGANIZATION", 0.85,
                          "spacy.ner.v1", "ner") for i in range(n)]

    short, long = line * 100, line * 800
    few, many = dets(100), dets(800)
    assert len(filter_detections(short, few)) == 100  # "seen at KRW": kept

    def run_short(_: str) -> None:
        filter_detections(short, few)

    def run_long(_: str) -> None:
        filter_detections(long, many)

    ratio = _best_seconds(run_long, long) / _best_seconds(run_short, short)
    scan = _ratio(_scan, short, long)
    assert ratio < 2.5 * scan, f"8x the text took {ratio:.1f}x the time (a bare scan {scan:.1f}x)"


def _bench_module():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[3] / "benchmarks" / "bench_anonymise_long.py"
    spec = importlib.util.spec_from_file_location("bench_anonymise_long", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_long_document_bench_is_seeded_and_never_reads_a_test_split() -> None:
    import json

    bench = _bench_module()
    pool = bench.answers()
    allowed = set()
    for path, splits in ((bench.SURVEYSTYLE, {"dev", "validation"}), (bench.SURVIVOR, {"dev"})):
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            if rec["split"] in splits:
                allowed.add(rec["text"])
    assert pool and set(pool) <= allowed
    doc = bench.synthetic_document(pool, 5000)
    assert len(doc) >= 5000 and doc == bench.synthetic_document(pool, 5000)
    assert doc.startswith("Interviewer: ")
    assert len(bench.repeated_transcripts(20000)) == 20000
