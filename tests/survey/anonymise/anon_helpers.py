"""Assertion helpers for the anonymiser tests (a plain module, so imports are unambiguous)."""

from __future__ import annotations

import re

from survey.anonymise.spans import Detection


def covered(text: str, dets: list[Detection], value: str) -> bool:
    """Whether every non-space character of ``value`` (first occurrence) is inside a detection."""
    start = text.index(value)
    return all(any(d.start <= i < d.end for d in dets)
               for i in range(start, start + len(value)) if not text[i].isspace())


def spans(text: str, dets: list[Detection]) -> list[str]:
    """Detected substrings, for readable assertion messages."""
    return [text[d.start:d.end] for d in dets]


def touched(text: str, dets: list[Detection], value: str) -> bool:
    """Whether any detection overlaps ``value`` (first occurrence) at all: a word that must stay
    whole is lost even when only part of it is masked."""
    start = text.index(value)
    return any(d.start < start + len(value) and start < d.end for d in dets)


def _word_span(text: str, value: str, nth: int) -> tuple[int, int]:
    """The ``nth`` (from 0) mention of ``value`` as a word of its own (not inside a longer word
    or after a dot: "K.T." is not "T.")."""
    m = list(re.finditer(rf"(?<![\w.]){re.escape(value)}(?![\w])", text))[nth]
    return m.start(), m.end()


def word_covered(text: str, dets: list[Detection], value: str, nth: int = 0) -> bool:
    """Whether every character of the ``nth`` mention of the word ``value`` is detected."""
    start, end = _word_span(text, value, nth)
    return all(any(d.start <= i < d.end for d in dets) for i in range(start, end))


def word_touched(text: str, dets: list[Detection], value: str, nth: int = 0) -> bool:
    """Whether any detection overlaps the ``nth`` mention of the word ``value``."""
    start, end = _word_span(text, value, nth)
    return any(d.start < end and start < d.end for d in dets)


def kept_by_filter(text: str, word: str, entity: str, recognizer: str) -> bool:
    """Whether the precision filter keeps ``recognizer``'s ``entity`` hit on ``word`` (first
    occurrence): for false alarms a model makes in real sentences, which an invented sentence
    cannot be sure to reproduce."""
    from survey.anonymise.precision import keep

    start = text.index(word)
    return keep(text, Detection(start, start + len(word), entity, 0.6, recognizer, "test"))


def spans_builder():
    """``tools/build_co_set.py`` as a module (tools is no package): the builder of the sets kept
    as text-free spans."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[3] / "tools" / "build_co_set.py"
    spec = importlib.util.spec_from_file_location("build_co_set", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


#: The keys of one record of a spans-only set, and of each of its spans: no text anywhere.
SPANS_RECORD_KEYS = {"id", "row_index", "split", "part", "question", "chars", "sha256", "spans"}
SPAN_KEYS = {"start", "end", "label", "kind"}


def check_spans_only(recs: list[dict], prefix: str, split: str) -> None:
    """Every record of a spans-only set holds offsets, labels, lengths and hashes, no text."""
    import re

    for r in recs:
        assert set(r) == SPANS_RECORD_KEYS and r["id"] == f"{prefix}-{r['row_index']}"
        assert re.fullmatch(r"[0-9a-f]{64}", r["sha256"]) and r["split"] == split
        for s in r["spans"]:
            assert set(s) == SPAN_KEYS and 0 <= s["start"] < s["end"] <= r["chars"]
