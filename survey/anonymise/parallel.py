"""Anonymising many texts with detection spread over local worker processes (issue 15).

Detection (spaCy plus every recognizer) is the costly part of anonymisation and each text's
detections depend on that text alone (a test checks that batching changes no span), so chunks
of texts can be detected anywhere and in any order. Replacement is not: placeholders are
numbered per respondent in the order the answers come, and the key entries are collected on
the caller's anonymiser. So :func:`anonymise_in_chunks` detects chunks through ``imap`` (the
caller's pool of local processes, in order) and replaces here, chunk by chunk, with the same
anonymiser: the output is identical to a serial run.

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

from survey.anonymise.engine import AnonymisedText, Anonymiser
from survey.anonymise.spans import Detection

#: Anonymisers rebuilt in this worker process, by the digest of their pickled settings.
_WORKER_ANONYMISERS: dict[str, Anonymiser] = {}

Imap = Callable[..., Iterator[Any]]


def detect_chunk(chunk: tuple[list[str], list[set[str]]], *, spec: bytes,
                 ) -> tuple[list[list[Detection]], list[dict[str, Any]]]:
    """Worker side: detections for one chunk of texts, and the review-decision log lines.

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
    texts, extra = chunk
    dets = anonymiser.detect_batch(texts, extra_names=extra)
    log = list(anonymiser.decision_log_)
    anonymiser.decision_log_.clear()
    return dets, log


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
    if isinstance(texts, str):
        raise ValueError("texts must be a list of strings, got a single string")
    if len(respondent_ids) != len(texts):
        raise ValueError(f"respondent_ids must have one id per text ({len(texts)}), got "
                         f"{len(respondent_ids)}")
    if extra_names is not None and len(extra_names) != len(texts):
        raise ValueError(f"extra_names must have one set per text ({len(texts)}), got "
                         f"{len(extra_names)}")
    if not isinstance(chunk_size, int) or chunk_size < 1:
        raise ValueError(f"chunk_size must be a positive integer, got {chunk_size!r}")
    texts, rids = list(texts), [str(r) for r in respondent_ids]
    extra = list(extra_names) if extra_names is not None else [set() for _ in texts]
    bounds = [(i, min(i + chunk_size, len(texts))) for i in range(0, len(texts), chunk_size)]
    if imap is not None and anonymiser.nlp is not None:
        raise ValueError("an anonymiser given its own spaCy object cannot be rebuilt in a worker "
                         "process; give it spacy_model instead, or run without imap")
    detected: Iterable[tuple[list[list[Detection]] | None, list[dict[str, Any]]]]
    if imap is None:
        detected = ((None, []) for _ in bounds)
    else:
        spec = pickle.dumps(anonymiser)
        detected = imap(detect_chunk, [(texts[a:b], extra[a:b]) for a, b in bounds], spec=spec)
    results: list[AnonymisedText] = []
    for (a, b), (dets, log) in zip(bounds, detected, strict=True):
        results.extend(anonymiser.anonymise_batch(texts[a:b], respondent_ids=rids[a:b],
                                                  extra_names=extra[a:b], detections=dets))
        anonymiser.decision_log_.extend(log)
        if advance is not None:
            advance(b - a)
    return results
