"""Anonymising many texts with detection spread over local worker processes.

Detection (spaCy plus every recognizer) is the costly part of anonymisation and each text's
detections depend on that text alone (a test checks that batching changes no span), so chunks
of texts can be detected anywhere and in any order. Replacement is not: placeholders are
numbered per respondent in the order the answers come, and the key entries are collected on
the caller's anonymiser. So :func:`anonymise_in_chunks` detects chunks through ``imap`` (the
caller's pool of local processes, in order) and replaces here, chunk by chunk, with the same
anonymiser: the output is identical to a serial run.

Each distinct text (with its extra names) is detected once: a text that came before, in this
call, reuses its detections and review-decision log lines. Surveys repeat short answers ("No",
"Very good service"), and detection is a function of the text and its extra names alone.

Between detection and replacement, one step looks across the call's texts
(:mod:`survey.anonymise.corpus`): a local place of care named in full in one answer ("Lane End
Surgery") is also hidden where another answer names it bare ("at lane end"). It runs here, in
the parent, on every text's detections, so it is the same with or without workers. Detections
are held for the whole call (a few small tuples per text) before the first replacement.

Privacy: ``imap`` must run on THIS machine (a ``concurrent.futures`` process pool started by
this run). Raw text then travels only through the operating system's pipes between this
process and its children; it is never written to disk nor sent over a network. The analysis
layer's cluster executor is never given raw text (it receives anonymised segments only).
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from survey.anonymise.corpus import look_across
from survey.anonymise.engine import AnonymisedText, Anonymiser, check_per_text
from survey.anonymise.spans import Detection

#: Anonymisers rebuilt in this worker process, by the digest of their pickled settings.
_WORKER_ANONYMISERS: dict[str, Anonymiser] = {}

Imap = Callable[..., Iterator[Any]]


Detected = tuple[list[list[Detection]], list[list[dict[str, Any]]]]


def _detect(anonymiser: Anonymiser, chunk: tuple[list[str], list[set[str]]]) -> Detected:
    texts, extra = chunk
    logs: list[list[dict[str, Any]]] = []
    return anonymiser.detect_batch(texts, extra_names=extra, logs=logs), logs


def detect_chunk(chunk: tuple[list[str], list[set[str]]], *, spec: bytes) -> Detected:
    """Worker side: detections for one chunk of texts, and each text's review-decision log.

    Args:
        chunk: ``(texts, extra_names)``, one set of extra names per text.
        spec: ``pickle.dumps(anonymiser)``: its settings only (see
            :meth:`Anonymiser.__getstate__`); rebuilt and loaded once per worker process.
    """
    key = hashlib.sha256(spec).hexdigest()
    anonymiser = _WORKER_ANONYMISERS.get(key)
    if anonymiser is None:
        anonymiser = pickle.loads(spec)  # noqa: S301 (our own bytes, from the parent process)
        _WORKER_ANONYMISERS[key] = anonymiser.load()
    return _detect(anonymiser, chunk)


def _text_key(text: str, extra: set[str]) -> str | tuple[str, frozenset[str]]:
    """The text itself (already held by the caller) when it has no extra names."""
    return (text, frozenset(extra)) if extra else text


def anonymise_in_chunks(anonymiser: Anonymiser, texts: Sequence[str],
                        respondent_ids: Sequence[str],
                        extra_names: Sequence[set[str]] | None = None, *,
                        chunk_size: int = 256, imap: Imap | None = None,
                        advance: Callable[[int], None] | None = None) -> list[AnonymisedText]:
    """Anonymise ``texts`` chunk by chunk: detected through ``imap`` when given (local worker
    processes), else here; replaced here, in order, so placeholders and the key file are the
    same as a serial :meth:`Anonymiser.anonymise_batch` over the same chunks.

    Args:
        anonymiser: The run's anonymiser (its numbering, key entries and decision log grow).
        texts: Original texts.
        respondent_ids: One per text.
        extra_names: One set per text (a transcript speaker's own name), or None.
        chunk_size: Texts per chunk.
        imap: ``imap(fn, items, **kwargs)`` yielding ``fn(item, **kwargs)`` in order, run on
            local processes of this machine only.
        advance: Called with the number of texts done after each chunk (a progress bar).

    Returns:
        One :class:`AnonymisedText` per text.

    Raises:
        ValueError: Lengths differ, a bare string, or an anonymiser given its own ``nlp``
            object with ``imap`` (a worker could not rebuild it).
    """
    check_per_text(texts, respondent_ids=respondent_ids, extra_names=extra_names)
    if not isinstance(chunk_size, int) or chunk_size < 1:
        raise ValueError(f"chunk_size must be a positive integer, got {chunk_size!r}")
    texts, rids = list(texts), [str(r) for r in respondent_ids]
    extra = list(extra_names) if extra_names is not None else [set() for _ in texts]
    bounds = [(i, min(i + chunk_size, len(texts))) for i in range(0, len(texts), chunk_size)]
    if imap is not None and anonymiser.nlp is not None:
        raise ValueError("an anonymiser given its own spaCy object cannot be rebuilt in a worker "
                         "process; give it spacy_model instead, or run without imap")
    keys = [_text_key(t, e) for t, e in zip(texts, extra)]
    seen: set[str | tuple[str, frozenset[str]]] = set()
    firsts = [[i for i in range(a, b) if keys[i] not in seen and not seen.add(keys[i])]
              for a, b in bounds]  # per chunk, the texts not seen in an earlier place
    del seen
    items = [([texts[i] for i in first], [extra[i] for i in first]) for first in firsts]
    detected: Iterable[Detected]
    if imap is None:
        detected = (_detect(anonymiser, item) for item in items)
    else:
        detected = imap(detect_chunk, items, spec=pickle.dumps(anonymiser))
    known: dict[str | tuple[str, frozenset[str]], tuple[list[Detection], list[dict[str, Any]]]] = {}
    nothing: tuple[list[Detection], list[dict[str, Any]]] = ([], [])
    for (a, b), first, (dets, logs) in zip(bounds, firsts, detected, strict=True):
        for i, d, log in zip(first, dets, logs, strict=True):
            known[keys[i]] = (d, log) if d or log else nothing
        if advance is not None:
            advance(b - a)
    # a place of care named in full in one answer, hidden where another names it bare
    distinct = [i for first in firsts for i in first]
    more = look_across([texts[i] for i in distinct], [known[keys[i]][0] for i in distinct])
    for i, d in zip(distinct, more, strict=True):
        known[keys[i]] = (d, known[keys[i]][1])
    results: list[AnonymisedText] = []
    for a, b in bounds:
        results.extend(anonymiser.anonymise_batch(
            texts[a:b], respondent_ids=rids[a:b], extra_names=extra[a:b],
            detections=[known[keys[i]][0] for i in range(a, b)]))
        for i in range(a, b):
            anonymiser.decision_log_.extend(known[keys[i]][1])
    return results
