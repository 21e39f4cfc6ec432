"""Choose representative, varied, readable quotes per code, and keep a bank of every candidate.

Candidates for a code are its counted coded segments (see
:func:`~analysis.report.data.effective_codings`). Where a person has confirmed the code for any
answer, only confirmed answers are quoted; a code nobody has confirmed yet (a draft) is quoted
from its strongest machine suggestions (most suggesters agreeing, then highest confidence), and
the bank and workbook say so (:data:`DRAFT_CHOICE`).

Each candidate becomes a quote of the sentences that carry the code: the sentences of the
answer that hold the suggestion's evidence (the words a keyword rule matched, or the sentence
closest to a similarity suggester's nearest example), else, for a segment a person confirmed
without such evidence, the whole sentences of the coded segment. An ellipsis "…" marks every cut.
A suggestion whose evidence is in none of its sentences is not quoted: the quote would not be
about the code. Then, per code, in order of strength (drafts) and closeness to the code's centroid
(segment embeddings when given for every candidate, else TF-IDF):

* flagged segments (possible identifiers found in review) are never chosen, and their text is
  never written, not even to the bank;
* quotes under ``min_words`` words, or whose first sentence is over ``max_words``, are skipped;
* a respondent is quoted at most once per code;
* a quote whose cosine similarity to an already chosen one exceeds ``max_similarity``, that
  repeats one of its sentences (six words or more), or that is mostly contained in it (at least
  :data:`CONTAINMENT` of the shorter quote's three-word sequences appear in the other: the same
  sentence with a different first word, or one quote inside a longer one) is skipped;
* cohorts take turns, survivors first (:func:`cohort_order`): survivors and professionals
  alternate while both have quotable candidates, then the rest fill in rank order;
* under a code framed as a good experience (its code or theme label says "good", "positive",
  "helped", "worked well"...: :func:`positive_framing`), a quote every sentence of which is a wish
  or a conditional ("I wish there had been...", "it would be good if...", "more X would help",
  "if only...": :func:`is_wish`) is not chosen automatically: the code came from a word inside a
  wish, and quoting it as a good experience says the opposite of what was meant. A writer may
  still star it; the bank says why it was left out;
* the other way round, under a code framed as a problem (its code label says "problems",
  "barriers", "gaps", "doubt"...: :func:`problem_framing`), a quote every sentence of which tells
  of something that helped, with no word of a problem (:func:`is_good_experience`), is not chosen
  automatically.

Across codes, an answer is quoted once, and so is a sentence (four words or more): a sentence
already quoted under one code is not quoted again under another, in whatever answer it sits.
An answer with more than one placeholder (``[PERSON 1]``, ``[LOCATION 2]``...) is not quoted
automatically: it reads as gaps, and together the gaps can say more than one alone. A writer
may still star either; the bank says why it was left out.

How each quote was chosen (``selection``, the bank's ``basis``) is for the quote bank and the
workbook; the chapter's body prints only the quote and its attribution.

Attribution is the cohort label ("Survivor", "Professional"); a cohort with fewer than
``disclosure.min_count`` respondents is attributed as "Respondent". When
``ReportData.quote_descriptor`` names a closed question (e.g. ``age_band``), a broad descriptor
is added ("Survivor, aged 25-34") only where the cohort has at least
:data:`DESCRIPTOR_MIN_COHORT` respondents and at least ``min_count`` of them gave that answer.
Placeholders such as ``[PERSON 1]`` stay in the text as they are.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from analysis.report.data import ReportData, counted_pairs, reportable_codes
from survey.schema import stable_id

ELLIPSIS = "…"
GENERIC_ATTRIBUTION = "Respondent"
CONTAINMENT = 0.75
DESCRIPTOR_MIN_COHORT = 20
_NOT_DESCRIPTORS = re.compile(r"prefer not|rather not|don'?t know|not sure|other|another",
                              re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…]+[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9\[])")
QUOTE_COLUMNS = ["quote_id", "code_id", "code_label", "theme_id", "theme", "cohort", "text",
                 "rank", "segment_id", "score", "machine_suggested", "selection",
                 "coding_status", "answer_id"]
BANK_COLUMNS = ["code_id", "code_label", "theme", "segment_id", "answer_id", "cohort",
                "candidate_rank", "score", "words", "selected", "selection", "basis", "quote_id",
                "reason", "text"]
STARRED = "starred by a writer"
_PLACEHOLDER = re.compile(r"\[[A-Z][A-Z_]*(?: [^\]\[]{1,20})?\]")
MAX_PLACEHOLDERS = 1
PLACEHOLDER_REASON = (f"the answer has more than {MAX_PLACEHOLDERS} placeholder: reads as gaps, "
                      "not quoted automatically")
AUTOMATIC = "automatic choice"
DRAFT_CHOICE = "strongest machine suggestion (no person has confirmed this code yet)"
UNCONFIRMED_REASON = ("a machine suggestion: answers a person confirmed for this code are quoted "
                      "instead")
NO_EVIDENCE_REASON = "the code's evidence is in none of its sentences: the quote would not fit"
#: Share of a nearest example's content words a sentence must hold to carry a similarity
#: suggestion (below it, the suggestion matched the answer as a whole, not a sentence of it).
EXAMPLE_OVERLAP = 0.4
_CROSS_CODE_SENTENCE_WORDS = 4
HUMAN_STATUS = "human-confirmed code"
MACHINE_STATUS = "machine-suggested code, not reviewed"


# a wish, a want or a conditional: what did not happen, said with a positive word
_WISH = re.compile(
    r"\b(?:i|we|they|you)\s+(?:\w+\s+)?wish(?:ed|es)?\b"
    r"|^\W*wish(?:ed)?\b"
    r"|\bwish(?:ed)?\s+(?:there|that|they|someone|somebody|someone's|it|i|we|my|the)\b"
    r"|\bif\s+only\b"
    r"|\bit\s*(?:would|'d|\u2019d)(?:\s+have)?\s+(?:be|been)\b"
    r"|\b(?:would|could|might)(?:\s+\w+)?\s+(?:help|have\s+helped|have\s+made|make\s+(?:a|all"
    r"\s+the)\s+difference|be(?:en)?\s+(?:good|nice|great|better|helpful|useful|lovely))\b"
    r"|(?:\bwould|'d|\u2019d)\s+(?:really\s+)?(?:like|love|prefer|have\s+liked|have\s+loved)\b"
    r"|\b(?:there\s+)?(?:should|ought\s+to)\s+(?:be|have\s+been)\b"
    r"|\bif\s+(?:there|they|someone|somebody|i|we|only)\s+(?:was|were|had|could|would|'d)\b"
    r"|\bhad\s+there\s+been\b",
    re.IGNORECASE)
_POSITIVE_FRAME = re.compile(
    r"\b(?:good|great|positive|helpful|helped|worked\s+well|what\s+worked|praise|strengths?|"
    r"valued|liked|compliments?)\b", re.IGNORECASE)
WISH_REASON = ("a wish or a conditional, not an experience: not quoted automatically under a "
               "code framed as a good experience")
_PROBLEM_FRAME = re.compile(
    r"\b(?:problems?|barriers?|gaps?|lack(?:ing)?|difficult(?:y|ies)?|doubts?|fears?|delays?|"
    r"fragmented|inconsistent|unmet|not\s+knowing|hard\s+to|poor)\b", re.IGNORECASE)
_GOOD = re.compile(
    r"\b(?:helped|helpful|turning\s+point|changed\s+everything|made\s+(?:a|all\s+the)\s+"
    r"difference|saved\s+me|grateful|excellent|brilliant|(?:was|were)\s+(?:so\s+)?(?:good|great|"
    r"kind|lovely|amazing))\b", re.IGNORECASE)
_NOT_GOOD = re.compile(
    r"\b(?:not|no|never|nobody|nothing|without|but|however|hard|difficult|problems?|bounced|"
    r"refused|lost|wait(?:ed|ing)?|delay(?:ed|s)?)\b|n['\u2019]t\b", re.IGNORECASE)
GOOD_REASON = ("a good experience, not a problem: not quoted automatically under a code "
               "framed as a problem")


def problem_framing(*labels: object) -> bool:
    """Whether a code or theme label frames its quotes as problems ("Referral pathway
    problems", "Barriers to reporting", "Doubt that reporting leads to justice")."""
    return any(_PROBLEM_FRAME.search(str(x)) for x in labels if x is not None)


def is_good_experience(text: str) -> bool:
    """Whether every sentence of ``text`` tells of something that helped ("that was a turning
    point", "the nurse was kind") with no word of a problem beside it ("but", "not", "waited")."""
    sentences = [text[a:b] for a, b in sentence_spans(text.replace(ELLIPSIS, " "))]
    return bool(sentences) and all(_GOOD.search(s) and not _NOT_GOOD.search(s)
                                   for s in sentences)


def is_wish(text: str) -> bool:
    """Whether every sentence of ``text`` is a wish, a want or a conditional ("I wish there had
    been...", "it would be good if...", "more X would help", "if only...").

    An answer with one plain sentence of experience beside a wish is not a wish: the
    experience may be what the code was given for.
    """
    sentences = [text[a:b] for a, b in sentence_spans(text)]
    return bool(sentences) and all(_WISH.search(s) for s in sentences)


def positive_framing(*labels: object) -> bool:
    """Whether a code or theme label frames its quotes as good experiences."""
    return any(_POSITIVE_FRAME.search(str(x)) for x in labels if x is not None)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text`` (whitespace between sentences excluded)."""
    spans, pos = [], 0
    for m in _SENTENCE_END.finditer(text):
        end = m.start() + len(m.group(0).rstrip())
        spans.append((pos, end))
        pos = m.end()
    if text[pos:].strip():
        spans.append((pos, len(text.rstrip())))
    return [(s + len(text[s:e]) - len(text[s:e].lstrip()), e) for s, e in spans if text[s:e].strip()]


def _words(text: str) -> int:
    return len(re.findall(r"\S+", text.replace(ELLIPSIS, " ")))


def make_quote(answer: str, start: int, end: int, *, min_words: int = 15,
               max_words: int = 80) -> tuple[str | None, str]:
    """Widen ``answer[start:end]`` to whole sentences and trim it to at most ``max_words``.

    Returns:
        ``(quote, reason)``: the quote (``None`` when unusable) and why it is unusable (``""``).
    """
    sents = sentence_spans(answer)
    used = [(s, e) for s, e in sents if s < end and e > start] or \
        ([(start, end)] if answer[start:end].strip() else [])
    if not used:
        return None, "empty segment"
    if _words(answer[used[0][0]:used[0][1]]) > max_words:
        return None, f"too long: first sentence over {max_words} words"
    kept: list[tuple[int, int]] = []
    for s, e in used:
        if _words(answer[(kept or [(s, e)])[0][0]:e]) > max_words:
            break
        kept.append((s, e))
    body = re.sub(r"\s+", " ", answer[kept[0][0]:kept[-1][1]]).strip()
    if _words(body) < min_words:
        return None, f"too short: under {min_words} words"
    before = bool(sents) and kept[0][0] > sents[0][0]
    after = bool(sents) and kept[-1][1] < sents[-1][1]
    return (f"{ELLIPSIS} " if before else "") + body + (f" {ELLIPSIS}" if after else ""), ""


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower())
            if len(w) > 2 and w not in ENGLISH_STOP_WORDS}


def evidence_parts(evidence: object) -> tuple[list[str], list[str]]:
    """``(matched words, nearest examples)`` named in a suggester's evidence string: a keyword
    rule's ``"matched: word; other words"``, a similarity suggester's ``"cosine 0.70; nearest
    example: ..."``. A part the suggester cut short (ending in "…") is left out."""
    words: list[str] = []
    examples: list[str] = []
    for line in ([] if evidence is None else str(evidence).split("\n")):
        m = re.search(r"matched:\s*(.+)$", line)
        if m:
            words += [w.strip() for w in m.group(1).split(";")
                      if w.strip() and not w.strip().endswith(ELLIPSIS)]
        m = re.search(r"nearest example:\s*(.+)$", line)
        if m:
            examples.append(m.group(1).rstrip(ELLIPSIS).strip())
    return words, examples


def carrying_sentences(answer: str, start: int, end: int,
                       evidence: list[str]) -> list[tuple[int, int]] | None:
    """The sentences of the coded segment ``answer[start:end]`` that carry the code.

    Those holding a word a keyword rule matched; else the one closest to a similarity
    suggester's nearest example, if it holds at least :data:`EXAMPLE_OVERLAP` of the example's
    content words. ``[]`` when ``evidence`` names nothing to look for (a person's own coding:
    the caller quotes the segment); ``None`` when it does and no sentence holds it.
    """
    sents = [(s, e) for s, e in sentence_spans(answer) if s < end and e > start]
    words: list[str] = []
    examples: list[str] = []
    for ev in evidence:
        w, x = evidence_parts(ev)
        words += w
        examples += x
    if not words and not examples:
        return []
    pats = [re.compile(r"(?<!\w)" + re.escape(w) + r"(?!\w)", re.IGNORECASE) for w in words]
    hits = [(s, e) for s, e in sents if any(p.search(answer[s:e]) for p in pats)]
    if hits:
        return hits
    best: tuple[float, tuple[int, int]] | None = None
    for ex in examples:
        want = _content_words(ex)
        for s, e in sents:
            share = len(want & _content_words(answer[s:e])) / len(want) if want else 0.0
            if share >= EXAMPLE_OVERLAP and (best is None or share > best[0]):
                best = (share, (s, e))
    return [best[1]] if best else None


def quote_of_sentences(answer: str, kept: list[tuple[int, int]], *, min_words: int = 8,
                       max_words: int = 80) -> tuple[str | None, str]:
    """A quote of the ``kept`` sentences of ``answer`` (in order), with an ellipsis wherever
    text of the answer is left out: before, between and after.

    Returns:
        ``(quote, reason)``: the quote (``None`` when unusable) and why it is unusable (``""``).
    """
    if not kept:
        return None, "empty segment"
    kept = sorted(kept)
    if _words(answer[kept[0][0]:kept[0][1]]) > max_words:
        return None, f"too long: first sentence over {max_words} words"
    taken: list[tuple[int, int]] = []
    for s, e in kept:
        if sum(_words(answer[a:b]) for a, b in taken) + _words(answer[s:e]) > max_words:
            break
        taken.append((s, e))
    parts = [f"{ELLIPSIS} "] if answer[:taken[0][0]].strip() else []
    for k, (s, e) in enumerate(taken):
        if k and answer[taken[k - 1][1]:s].strip():
            parts.append(f" {ELLIPSIS} ")
        elif k:
            parts.append(" ")
        parts.append(re.sub(r"\s+", " ", answer[s:e]).strip())
    if answer[taken[-1][1]:].strip():
        parts.append(f" {ELLIPSIS}")
    quote = "".join(parts)
    if _words(quote) < min_words:
        return None, f"too short: under {min_words} words"
    return quote, ""


def _unit(m: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return m / np.where(norms == 0, 1.0, norms)


def _vectors(ids: list[str], texts: list[str],
             given: dict[str, np.ndarray] | None) -> tuple[Any, str]:
    """Unit rows per candidate: the given embeddings, else TF-IDF kept sparse (a dense
    candidates-by-vocabulary matrix grew with the corpus and dominated the report's memory)."""
    if given and ids and all(i in given for i in ids):
        return _unit(np.vstack([np.asarray(given[i], dtype=float) for i in ids])), "embeddings"
    if not ids:
        return np.zeros((0, 1)), "tf-idf"
    vec = TfidfVectorizer(sublinear_tf=True, token_pattern=r"(?u)\b\w\w+\b")  # rows: unit L2
    try:
        return vec.fit_transform(texts).tocsr(), "tf-idf"
    except ValueError:  # no usable words at all
        return np.zeros((len(ids), 1)), "tf-idf"


def _dot(vecs: Any, i: int, j: int) -> float:
    """Cosine of two unit rows of a dense or sparse matrix."""
    if sparse.issparse(vecs):
        return float(vecs[i].multiply(vecs[j]).sum())
    return float(vecs[i] @ vecs[j])


def _centroid(vecs: Any, rows: list[int]) -> np.ndarray:
    if not rows:
        return np.zeros(vecs.shape[1])
    return np.asarray(vecs[rows].mean(axis=0)).ravel()


def attribution(cohort: object, cohort_size: int, *, min_count: int) -> str:
    """The only descriptor a quote carries: its cohort label, or a generic one for a small cohort."""
    if cohort is None or cohort_size < min_count:
        return GENERIC_ATTRIBUTION
    label = str(cohort).replace("_", " ").strip()
    return label[:1].upper() + label[1:] if label else GENERIC_ATTRIBUTION


def descriptor_text(question_id: str, value: object) -> str | None:
    """How a descriptor answer reads in an attribution ("aged 25-34"), or None when unusable."""
    if not isinstance(value, str) or not value.strip() or _NOT_DESCRIPTORS.search(value):
        return None
    value = value.strip()
    if "age" in question_id.lower():
        return f"aged {value}"
    if value[:2] != value[:2].upper():  # "Woman" -> "woman"; "LGBT+" stays
        return value[:1].lower() + value[1:]
    return value


def _descriptors(data: ReportData, question_id: str | None, *,
                 min_count: int) -> dict[str, str]:
    """``response_id -> descriptor`` for respondents whose descriptor is safe to show."""
    if not question_id or question_id not in data.responses.columns:
        return {}
    r = data.responses[["response_id", "cohort", question_id]].copy()
    r["_d"] = [descriptor_text(question_id, v) for v in r[question_id]]
    sizes = r["cohort"].value_counts()
    groups = r.groupby(["cohort", "_d"]).size()
    out = {}
    for rid, cohort, d in zip(r["response_id"], r["cohort"], r["_d"]):
        if d is None or int(sizes.get(cohort, 0)) < max(DESCRIPTOR_MIN_COHORT, min_count):
            continue
        if int(groups.get((cohort, d), 0)) >= min_count:
            out[str(rid)] = d
    return out


@lru_cache(maxsize=65_536)
def _shingles(text: str, n: int = 3) -> frozenset[tuple[str, ...]]:
    words = re.findall(r"\w+", text.replace(ELLIPSIS, " ").lower())
    return frozenset({tuple(words[i:i + n]) for i in range(max(len(words) - n + 1, 0))} or
                     ({tuple(words)} if words else set()))


def containment(a: str, b: str, *, n: int = 3) -> float:
    """Share of the shorter text's ``n``-word sequences found in the other (0 to 1)."""
    sa, sb = _shingles(a, n), _shingles(b, n)
    if not sa or not sb:
        return 0.0
    small, big = (sa, sb) if len(sa) <= len(sb) else (sb, sa)
    return len(small & big) / len(small)


@lru_cache(maxsize=65_536)
def _sentences(quote: str, *, min_words: int = 6) -> frozenset[str]:
    """Normalised sentences of a quote long enough to count as a repeat."""
    body = quote.replace(ELLIPSIS, " ").strip()
    out = set()
    for a, b in sentence_spans(body):
        sent = " ".join(re.findall(r"\w+", body[a:b].lower()))
        if len(sent.split()) >= min_words:
            out.add(sent)
    return frozenset(out)


def _blocker(i: int, picked: list[int], qids: dict[int, str], *, vecs: Any,
             quotes: list[str | None], respondents: list[object],
             max_similarity: float) -> str:
    """Why candidate ``i`` cannot join the ``picked`` quotes (``""`` when it can)."""
    for j in picked:
        if respondents[j] == respondents[i]:
            return "respondent already quoted for this code"
    for j in picked:
        sim = _dot(vecs, i, j)
        if sim > max_similarity:
            return f"near-duplicate of {qids.get(j, 'a chosen quote')} (cosine {sim:.2f} > " \
                   f"{max_similarity})"
        mine, theirs = _sentences(quotes[i] or ""), _sentences(quotes[j] or "")
        if any(a in b or b in a for a in mine for b in theirs):
            return f"repeats a sentence of {qids.get(j, 'a chosen quote')}"
        share = containment(quotes[i] or "", quotes[j] or "")
        if share >= CONTAINMENT:
            return (f"near-duplicate wording of {qids.get(j, 'a chosen quote')} ({share:.0%} of "
                    "the shorter quote's word sequences in common)")
    return ""


def cohort_order(cohorts: list[object]) -> list[object]:
    """Cohorts in the order they take turns: survivors first (this is their chapter), then the
    others in the order they first appear."""
    seen = list(dict.fromkeys(c for c in cohorts))
    return sorted(seen, key=lambda c: (0 if "survivor" in str(c).lower() else 1, seen.index(c)))


def _pick(ranked: list[int], base_reason: dict[int, str], *, per_code: int, vecs: Any,
          quotes: list[str | None], respondents: list[object], cohorts: list[object],
          max_similarity: float) -> list[int]:
    """Choose quotes in rank order, the cohorts taking turns (survivors first) while more than
    one has a quotable candidate left; returns them in the order chosen."""
    key = [None if c is None or (isinstance(c, float) and math.isnan(c)) else c
           for c in cohorts]  # an unknown cohort is one group of its own, not one per row
    queues = {c: [i for i in ranked if key[i] == c and i not in base_reason]
              for c in cohort_order([key[i] for i in ranked])}
    picked: list[int] = []
    while len(picked) < per_code:
        progressed = False
        for queue in queues.values():
            while queue and len(picked) < per_code:
                i = queue.pop(0)
                if not _blocker(i, picked, {}, vecs=vecs, quotes=quotes,
                                respondents=respondents, max_similarity=max_similarity):
                    picked.append(i)
                    progressed = True
                    break
        if not progressed:
            break
    return picked


def _picks(picks: pd.DataFrame | None) -> tuple[dict[str, dict[str, tuple]], dict[str, set[str]]]:
    """Writers' current picks: ``code -> answer -> (rank key, trim_start, trim_end)`` for starred
    ones, and ``code -> answers`` never to quote (code ``""`` = under any code)."""
    starred: dict[str, dict[str, tuple]] = {}
    never: dict[str, set[str]] = {}
    if picks is None or picks.empty:
        return starred, never
    for n, r in enumerate(picks.to_dict("records")):
        code = "" if r.get("code_id") is None or pd.isna(r.get("code_id")) else str(r["code_id"])
        aid = str(r["answer_id"])
        if bool(r.get("never_quote")):
            never.setdefault(code, set()).add(aid)
        elif bool(r.get("starred")) and code:
            rank = r.get("rank")
            key = (0, int(rank), n) if rank is not None and not pd.isna(rank) else (1, 0, n)
            ts, te = r.get("trim_start"), r.get("trim_end")
            trim = (None, None) if ts is None or pd.isna(ts) else (int(ts), int(te))
            starred.setdefault(code, {})[aid] = (key, *trim)
    return starred, never


def _norm(quote: str | None) -> str:
    """A quote's words, for "is this the same quote": case, spacing and punctuation ignored."""
    return " ".join(re.findall(r"\w+", (quote or "").lower()))


def _sentence_keys(sent: str) -> tuple[str, ...]:
    """A normalised sentence and the same without its first word, so that "Mainly training on
    X" and "Training on X" meet (a set lookup: no pairwise scan as the quotes grow)."""
    tail = sent.partition(" ")[2]
    return (sent, tail) if len(tail.split()) >= _CROSS_CODE_SENTENCE_WORDS else (sent,)


def _quoted_under(quote: str | None, used: dict[str, str]) -> str | None:
    """The code a sentence of ``quote`` is already quoted under: the same sentence, or the same
    but for a first word ("Mainly training on X." and "Training on X.")."""
    # sorted: a set's order changes with each process's string hashing, and two sentences of
    # one answer may be quoted under different codes (the reason named must not change per run)
    for sent in sorted(_sentences(quote or "", min_words=_CROSS_CODE_SENTENCE_WORDS)):
        for key in _sentence_keys(sent):
            if key in used:
                return used[key]
    return None


def _trimmed(answer: str, start: int, end: int) -> str:
    """A writer's trim of an answer, with an ellipsis where text was left out."""
    start, end = max(0, start), min(len(answer), end)
    body = answer[start:end].strip()
    return (ELLIPSIS if answer[:start].strip() else "") + body + (
        ELLIPSIS if answer[end:].strip() else "")


def _pair_evidence(data: ReportData) -> dict[tuple[str, str], tuple[list[str], int, float]]:
    """``(segment, code) -> (evidence strings, suggesters, highest confidence)`` over every coding
    row of the pair (a person's acceptance keeps the suggestion's evidence), codes mapped through
    merges as the counts are."""
    c = data.codings
    if c is None or c.empty:
        return {}
    _, remap = reportable_codes(data.codes)
    out: dict[tuple[str, str], tuple[list[str], int, float]] = {}
    cols = [x for x in ("segment_id", "code_id", "coder", "status", "confidence", "evidence")
            if x in c.columns]
    for r in c[cols].to_dict("records"):
        key = (str(r["segment_id"]), str(remap.get(r["code_id"], r["code_id"])))
        ev, n, conf = out.get(key, ([], 0, 0.0))
        e = r.get("evidence")
        if isinstance(e, str) and e.strip() and e not in ev:
            ev = [*ev, e]
        if r.get("status") == "suggested":
            n += 1
            x = pd.to_numeric(r.get("confidence"), errors="coerce")
            conf = max(conf, 0.0 if pd.isna(x) else float(x))
        out[key] = (ev, n, conf)
    return out


def select_quotes(data: ReportData, *, per_code: int = 3, min_words: int = 8,
                  max_words: int = 80,
                  max_similarity: float = 0.9) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Select up to ``per_code`` quotes per code.

    Args:
        data: The report data.
        per_code: Most quotes per code.
        min_words: Shortest usable quote, in words (a single sentence that carries the code
            is often short; under this it is not quoted).
        max_words: Longest quote, in words (longer ones are trimmed at a sentence boundary).
        max_similarity: Two quotes of one code with a cosine above this are near-duplicates.

    Returns:
        ``(quotes, bank)``: ``quotes`` has :data:`QUOTE_COLUMNS` (rank 1 comes first; the
        cohorts take turns); ``bank`` has :data:`BANK_COLUMNS`, one row per candidate with its
        rank (strength, then centrality), its basis (confirmed by a person, or a machine
        suggestion and how strong) and, unless chosen, the reason it was not.

    Raises:
        ValueError: ``per_code`` below 1 or ``min_words`` above ``max_words``.
    """
    if per_code < 1:
        raise ValueError(f"per_code must be 1 or more, got {per_code}")
    if min_words > max_words:
        raise ValueError(f"min_words ({min_words}) must not exceed max_words ({max_words})")
    pairs, machine = counted_pairs(data)
    seg = data.segments[["segment_id", "answer_id", "start", "end", "text"]].astype(
        {"segment_id": str})
    cand = pairs.merge(seg, on="segment_id", how="inner")
    ans = data.answers[["answer_id", "response_id", "text"]].rename(columns={"text": "answer"})
    cand = cand.merge(ans, on="answer_id", how="left")
    cand = cand.merge(data.responses[["response_id", "cohort"]], on="response_id", how="left")
    sizes = data.responses["cohort"].value_counts().to_dict()
    min_count = data.disclosure.min_count
    described = _descriptors(data, getattr(data, "quote_descriptor", None), min_count=min_count)

    # a quote's segment a person has decided on is human-coded even while others are not
    decided = data.codings.loc[data.codings["status"].isin(("accepted", "rejected")),
                               "segment_id"] if len(data.codings) else pd.Series(dtype=str)
    reviewed = set(decided.astype(str))
    evidence = _pair_evidence(data)
    cand = cand.reset_index(drop=True)
    built, placeholders, strength = [], [], []
    for row in cand.itertuples(index=False):
        answer = row.answer if isinstance(row.answer, str) else str(row.text or "")
        start, end = (int(row.start), int(row.end)) if isinstance(row.answer, str) else \
            (0, len(answer))
        ev, n_sugg, conf = evidence.get((str(row.segment_id), str(row.code_id)), ([], 0, 0.0))
        confirmed = str(row.segment_id) in reviewed or not machine
        kept = carrying_sentences(answer, start, end, ev)
        if kept:
            built.append(quote_of_sentences(answer, kept, min_words=min_words,
                                            max_words=max_words))
        elif kept is None and not confirmed:
            built.append((None, NO_EVIDENCE_REASON))
        else:  # a person's own segment, or nothing to look for: the coded segment's sentences
            built.append(make_quote(answer, start, end, min_words=min_words,
                                    max_words=max_words))
        placeholders.append(len(_PLACEHOLDER.findall(answer)))
        strength.append((confirmed, n_sugg, conf))
    quote_of = [q for q, _ in built]  # plain lists: pandas would turn None into NaN
    unusable = [r for _, r in built]
    texts = [q if q else str(t) for q, t in zip(quote_of, cand["text"].fillna(""))]
    segment_ids = cand["segment_id"].tolist()
    vecs, _ = _vectors(segment_ids, texts, data.segment_vectors)
    respondents, cohorts = cand["response_id"].tolist(), cand["cohort"].tolist()

    active, _ = reportable_codes(data.codes)
    codes = active.set_index("code_id")
    starred, never = _picks(getattr(data, "quote_picks", None))
    answer_ids = cand["answer_id"].astype(str).tolist()
    used_under: dict[str, str] = {}  # answer id -> code label it is already quoted under
    used_text: dict[str, str] = {}  # the same words from another respondent count as the same
    used_sentence: dict[str, str] = {}  # a sentence quoted once, under one code
    quotes, bank = [], []
    for code_id in codes.index:
        idx = np.flatnonzero((cand["code_id"] == code_id).to_numpy())
        if not len(idx):
            continue
        label, theme_id = str(codes.at[code_id, "label"]), codes.at[code_id, "theme_id"]
        theme = str(codes.at[code_id, "theme_label"])
        usable = [i for i in idx if segment_ids[i] not in data.flagged_segments]
        centroid = _centroid(vecs, usable)
        scores = np.asarray(vecs[idx] @ centroid).ravel() / (np.linalg.norm(centroid) or 1.0)
        # confirmed answers only, where a person confirmed any; else the strongest suggestions
        draft = not any(strength[i][0] for i in idx)
        order = sorted(range(len(idx)), key=lambda k: (
            0 if strength[idx[k]][0] else 1,
            -strength[idx[k]][1] if draft else 0, -strength[idx[k]][2] if draft else 0.0,
            -round(float(scores[k]), 12), segment_ids[idx[k]]))
        stars = starred.get(str(code_id), {})
        positive = positive_framing(label, theme)
        problem = problem_framing(label) and not positive
        base_reason = {}
        for k in order:
            i = idx[k]
            aid = answer_ids[i]
            if segment_ids[i] in data.flagged_segments:
                base_reason[i] = "flagged in review as a possible identifier (text withheld)"
            elif aid in never.get(str(code_id), set()) | never.get("", set()):
                base_reason[i] = "marked never to be quoted by a writer"
            elif not quote_of[i] and aid not in stars:
                base_reason[i] = unusable[i]
            elif not draft and not strength[i][0] and aid not in stars:
                base_reason[i] = UNCONFIRMED_REASON
            elif aid not in stars and (aid in used_under or _norm(quote_of[i]) in used_text):
                base_reason[i] = ("already quoted under "
                                  f"{used_under.get(aid) or used_text[_norm(quote_of[i])]}")
            elif aid not in stars and (seen := _quoted_under(quote_of[i], used_sentence)):
                base_reason[i] = f"a sentence of it is already quoted under {seen}"
            elif aid not in stars and placeholders[i] > MAX_PLACEHOLDERS:
                base_reason[i] = PLACEHOLDER_REASON
            elif positive and aid not in stars and is_wish(texts[i]):
                base_reason[i] = WISH_REASON
            elif problem and aid not in stars and is_good_experience(texts[i]):
                base_reason[i] = GOOD_REASON
        if stars:  # the writers' choice replaces the automatic one for this code
            chosen: dict[str, int] = {}
            for i in (idx[k] for k in order):
                if answer_ids[i] in stars and i not in base_reason and answer_ids[i] not in chosen:
                    chosen[answer_ids[i]] = i
            picked = [chosen[a] for a in sorted(chosen, key=lambda a: stars[a][0])]
            selection = STARRED
        else:
            picked = _pick([idx[k] for k in order], base_reason, per_code=per_code,
                           vecs=vecs, quotes=quote_of, respondents=respondents,
                           cohorts=cohorts, max_similarity=max_similarity)
            selection = DRAFT_CHOICE if draft else AUTOMATIC
        qids = {i: stable_id(code_id, segment_ids[i], prefix="q_") for i in picked}
        for i in picked:
            used_under.setdefault(answer_ids[i], label)
            if quote_of[i]:
                used_text.setdefault(_norm(quote_of[i]), label)
                for sent in _sentences(quote_of[i], min_words=_CROSS_CODE_SENTENCE_WORDS):
                    for key in _sentence_keys(sent):
                        used_sentence.setdefault(key, label)
        for rank, k in enumerate(order, start=1):
            i = idx[k]
            sid = segment_ids[i]
            flagged = sid in data.flagged_segments
            quote = quote_of[i]
            trim = stars.get(answer_ids[i], (0, None, None))[1:]
            if i in picked and trim[0] is not None:
                answer = str(cand.at[i, "answer"])
                quote = _trimmed(answer, int(trim[0]), int(trim[1]))
            cohort = attribution(cohorts[i], int(sizes.get(cohorts[i], 0)),
                                 min_count=min_count)
            if cohort != GENERIC_ATTRIBUTION and hasattr(data, "cohort_label"):
                cohort = data.cohort_label(cohorts[i])
            if cohort != GENERIC_ATTRIBUTION and str(respondents[i]) in described:
                cohort = f"{cohort}, {described[str(respondents[i])]}"
            if i in picked:
                quotes.append({"quote_id": qids[i], "code_id": code_id, "code_label": label,
                               "theme_id": theme_id, "theme": theme, "cohort": cohort,
                               "text": quote, "rank": picked.index(i) + 1,
                               "segment_id": sid, "score": round(float(scores[k]), 4),
                               "machine_suggested": machine and sid not in reviewed,
                               "selection": selection,
                               "coding_status": HUMAN_STATUS if sid in reviewed or not machine
                               else MACHINE_STATUS, "answer_id": answer_ids[i]})
            reason = "" if i in picked else base_reason.get(i) or ("not starred" if stars else (
                _blocker(i, picked, qids, vecs=vecs, quotes=quote_of,
                         respondents=respondents, max_similarity=max_similarity)
                or f"not needed: {per_code} quotes already chosen"))
            bank.append({"code_id": code_id, "code_label": label, "theme": theme,
                         "segment_id": sid, "answer_id": answer_ids[i], "cohort": cohort,
                         "candidate_rank": rank, "score": round(float(scores[k]), 4),
                         "words": _words(quote) if quote and not flagged else None,
                         "selected": i in picked, "selection": selection if i in picked else "",
                         "basis": "confirmed by a person" if strength[i][0] else
                         f"machine suggestion ({strength[i][1]} suggester"
                         f"{'s' if strength[i][1] != 1 else ''}, confidence "
                         f"{strength[i][2]:.2f})",
                         "quote_id": qids.get(i), "reason": reason,
                         "text": "" if flagged else (quote or "")})
    return pd.DataFrame(quotes, columns=QUOTE_COLUMNS), pd.DataFrame(bank, columns=BANK_COLUMNS)
