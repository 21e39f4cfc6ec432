"""Split anonymised answers into segments, the unit that codes are applied to.

One segment per answer, except that an answer longer than ``max_words`` is split at sentence
boundaries into chunks of at most about ``max_words`` words (a single longer sentence stays whole).
Offsets ``start``/``end`` index the answer's text, so ``text[start:end]`` is the segment.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from survey.schema import SEGMENT_COLUMNS, stable_id

_WORD = re.compile(r"\S+")
# A sentence ends at . ! ? (possibly repeated, possibly followed by a closing quote/bracket)
# followed by whitespace, or at a line break.
_SENT_END = re.compile(r"[.!?]+[\"')\]]*\s+|\n\s*")


def _count_words(text: str) -> int:
    return len(_WORD.findall(text))


def _regex_sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _SENT_END.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _spacy_sentences(doc: Any) -> list[tuple[int, int]]:
    return [(s.start_char, s.end_char) for s in doc.sents]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _chunk(text: str, sentences: list[tuple[int, int]], max_words: int) -> list[tuple[int, int]]:
    """Greedily pack consecutive sentences into chunks of at most ``max_words`` words."""
    chunks: list[tuple[int, int]] = []
    cur_start: int | None = None
    cur_end = 0
    cur_words = 0
    for s, e in sentences:
        n = _count_words(text[s:e])
        if n == 0:
            continue
        if cur_start is not None and cur_words + n > max_words:
            chunks.append((cur_start, cur_end))
            cur_start, cur_words = None, 0
        if cur_start is None:
            cur_start = s
        cur_end = e
        cur_words += n
    if cur_start is not None:
        chunks.append((cur_start, cur_end))
    return [c for c in (_trim(text, s, e) for s, e in chunks) if c[1] > c[0]]


def segment_answers(answers: pd.DataFrame, *, nlp: Any = None, max_words: int = 80,
                    batch_size: int = 64) -> pd.DataFrame:
    """Segment answers.

    Args:
        answers: Frame with at least ``answer_id`` and ``text`` (anonymised).
        nlp: Optional spaCy pipeline with a parser or senter, used to find sentence
            boundaries in long answers; without it a simple regex splitter is used.
        max_words: Answers with more words are split into chunks of at most this many words
            (whole sentences; one over-long sentence stays whole).
        batch_size: Batch size for ``nlp.pipe``.

    Returns:
        Frame with :data:`survey.schema.SEGMENT_COLUMNS`; ``segment_id`` is the stable id of
        ``(answer_id, start)``. Blank answers give no segment. A short answer is one
        segment: its whole text less leading and trailing whitespace (offsets say where).

    Raises:
        ValueError: ``max_words`` is not a positive integer, or a required column is missing.
    """
    if not isinstance(max_words, int) or isinstance(max_words, bool) or max_words < 1:
        raise ValueError(f"max_words must be a positive integer; got {max_words!r}")
    missing = [c for c in ("answer_id", "text") if c not in answers.columns]
    if missing:
        raise ValueError(f"answers is missing column(s) {', '.join(missing)}; "
                         f"got {', '.join(map(str, answers.columns))}")
    rows: list[dict[str, Any]] = []
    long_items: list[tuple[str, str]] = []
    for answer_id, text in zip(answers["answer_id"], answers["text"], strict=True):
        if text is None or (isinstance(text, float) and pd.isna(text)):
            continue
        text = str(text)
        if not text.strip():
            continue
        if _count_words(text) <= max_words:
            rows.append(_row(answer_id, text, *_trim(text, 0, len(text))))
        else:
            long_items.append((answer_id, text))
    if long_items:
        texts = [t for _, t in long_items]
        if nlp is not None and _has_sentences(nlp):
            # Only the components sentence boundaries need run (the tagger, lemmatizer and NER
            # do not change the parser's sentences); docs are consumed as they stream.
            with nlp.select_pipes(enable=_sentence_pipes(nlp)):
                sentence_lists = [_spacy_sentences(d)
                                  for d in nlp.pipe(texts, batch_size=batch_size)]
        else:
            sentence_lists = [_regex_sentences(t) for t in texts]
        for (answer_id, text), sents in zip(long_items, sentence_lists, strict=True):
            for s, e in _chunk(text, sents, max_words):
                rows.append(_row(answer_id, text, s, e))
    frame = pd.DataFrame(rows, columns=list(SEGMENT_COLUMNS))
    order = {a: i for i, a in enumerate(dict.fromkeys(answers["answer_id"]))}
    if len(frame):
        frame = frame.assign(_o=frame["answer_id"].map(order)).sort_values(
            ["_o", "start"], kind="stable").drop(columns="_o").reset_index(drop=True)
    frame["start"] = frame["start"].astype("int64")
    frame["end"] = frame["end"].astype("int64")
    return frame


def _has_sentences(nlp: Any) -> bool:
    names = set(getattr(nlp, "pipe_names", []))
    return bool(names & {"parser", "senter", "sentencizer"})


def _sentence_pipes(nlp: Any) -> list[str]:
    """The components that set sentence boundaries, with the shared ``tok2vec`` they listen to."""
    names = list(getattr(nlp, "pipe_names", []))
    wanted = {"tok2vec", "parser", "senter", "sentencizer"}
    return [n for n in names if n in wanted]


def _row(answer_id: Any, text: str, start: int, end: int) -> dict[str, Any]:
    return {"segment_id": stable_id(answer_id, start, prefix="s_"), "answer_id": answer_id,
            "start": start, "end": end, "text": text[start:end]}


def codable(answers: pd.DataFrame) -> pd.DataFrame:
    """Answers that are coded, modelled and quoted: interviewer turns stay in the store for
    context but are left out."""
    from survey.readers import is_context_question

    context = answers["question_id"].map(is_context_question).astype(bool)
    return answers[~context].reset_index(drop=True)

