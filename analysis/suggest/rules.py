"""Keyword and pattern rules from the codebook, matched on lemmas with spaCy."""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.utils.validation import check_is_fitted

from analysis.suggest.base import SuggesterBase, check_texts, shorten

# Pipes that matching on LEMMA/LOWER/POS does not need; disabled for speed.
_SKIP_PIPES = ("parser", "ner")


class RulesSuggester(SuggesterBase):
    """Suggests a code when one of its keywords or token patterns occurs in the text.

    Keywords are matched on lemmas (``PhraseMatcher(attr="LEMMA")``, so "waited" matches the
    keyword "wait") and on lower-cased words; ``patterns`` go to a spaCy ``Matcher`` (use
    ``LEMMA``, ``LOWER``, ``POS`` or ``TAG`` keys; the parser is not run). The score of a code is
    ``1 - 0.4 ** k`` for ``k`` distinct matched phrases (0.6 for one, 0.84 for two).

    Args:
        codebook: The codebook (only active codes are suggested).
        nlp: A spaCy pipeline with a lemmatizer.
        threshold: Score at or above which :meth:`predict` says yes (default 0.5: any match).
        batch_size: Batch size for ``nlp.pipe``.
    """

    name = "rules.v1"
    default_threshold = 0.5

    def __init__(self, *, codebook: Any = None, nlp: Any = None, threshold: float | None = None,
                 batch_size: int = 256) -> None:
        self.codebook = codebook
        self.nlp = nlp
        self.threshold = threshold
        self.batch_size = batch_size

    def fit(self, X: Any = None, y: Any = None) -> RulesSuggester:
        """Build the matchers from the codebook (``X`` and ``y`` are accepted and unused).

        Raises:
            ValueError: Bad codebook, missing ``nlp``, or a malformed pattern (naming the code).
            TypeError: ``X`` is a bare string.
        """
        from spacy.matcher import Matcher, PhraseMatcher

        self._forget()
        if X is not None:
            check_texts(X)
        self._check_codebook()
        self._threshold()
        if self.nlp is None or not hasattr(self.nlp, "pipe"):
            raise ValueError("nlp must be a loaded spaCy pipeline; got None")
        codes = self.codebook.active_codes
        self.classes_ = np.array([c.id for c in codes], dtype=object)
        lemma = PhraseMatcher(self.nlp.vocab, attr="LEMMA")
        lower = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        matcher = Matcher(self.nlp.vocab)
        keywords = [(c.id, k) for c in codes for k in c.keywords if k.strip()]
        docs = list(self._pipe([k for _, k in keywords]))
        by_code: dict[str, list[Any]] = {}
        for (cid, _), doc in zip(keywords, docs, strict=True):
            by_code.setdefault(cid, []).append(doc)
        for cid, kdocs in by_code.items():
            lemma.add(cid, kdocs)
            lower.add(cid, [self.nlp.make_doc(d.text) for d in kdocs])
        for c in codes:
            if c.patterns:
                try:
                    matcher.add(c.id, [list(p) for p in c.patterns])
                except (ValueError, TypeError, KeyError) as exc:
                    raise ValueError(f"code {c.id!r}: invalid spaCy token pattern "
                                     f"({type(exc).__name__})") from None
        self.matchers_ = tuple(m for m in (lemma, lower, matcher) if len(m) > 0)
        self.n_keywords_ = len(keywords)
        # Without token patterns no text needs the tagger (the costly part of nlp.pipe): a
        # text's words are matched against the keywords' lemmas through every lemma the
        # lemmatizer's rules allow for the word as a noun, verb, adjective or adverb.
        untagged = len(matcher) == 0 and "lemmatizer" in self.nlp.pipe_names
        self.keys_ = _keyword_index(keywords, docs, self.nlp) if untagged else None
        return self

    def _pipe(self, texts: list[str]) -> Any:
        disable = [p for p in _SKIP_PIPES if p in self.nlp.pipe_names]
        return self.nlp.pipe(texts, batch_size=self.batch_size, disable=disable)

    def _matches(self, X: Any) -> list[dict[str, list[str]]]:
        check_is_fitted(self)
        return self._memo(check_texts(X), self._match_texts)

    def _match_texts(self, texts: list[str]) -> list[dict[str, list[str]]]:
        if self.keys_ is None:
            return self._match_all(texts)
        cache: dict[str, tuple[str, ...]] = self.__dict__.setdefault("_lemma_cache", {})
        out = []
        for text in texts:
            doc = self.nlp.make_doc(text)
            lows = [t.lower_ for t in doc]
            cands = [cache[w] if w in cache else self._candidates(w, cache) for w in lows]
            found: dict[str, list[str]] = {}
            n = len(lows)
            for i in range(n):
                for c in cands[i]:
                    for cid, seq, kind in self.keys_.get(c, ()):
                        end = i + len(seq)
                        if end > n:
                            continue
                        if kind == "lemma":
                            ok = all(seq[k] in cands[i + k] for k in range(1, len(seq)))
                        else:
                            ok = all(seq[k] == lows[i + k] for k in range(len(seq)))
                        if ok:
                            words = doc[i:end].text
                            hits = found.setdefault(cid, [])
                            if words.lower() not in (h.lower() for h in hits):
                                hits.append(words)
            out.append(found)
        return out

    def _candidates(self, word: str, cache: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
        from spacy.tokens import Doc

        lemmatizer = self.nlp.get_pipe("lemmatizer")
        got = {word}
        for pos in ("NOUN", "VERB", "ADJ", "ADV"):
            tok = Doc(self.nlp.vocab, words=[word], pos=[pos])[0]
            got.update(x.lower() for x in lemmatizer.rule_lemmatize(tok))
        cache[word] = tuple(sorted(got))  # sorted: evidence order must not follow str hashing
        return cache[word]

    def _match_all(self, texts: list[str]) -> list[dict[str, list[str]]]:
        vocab = self.nlp.vocab
        out = []
        for doc in self._pipe(texts):
            found: dict[str, list[str]] = {}
            for m in self.matchers_:
                for match_id, start, end in m(doc):
                    words = doc[start:end].text
                    hits = found.setdefault(vocab.strings[match_id], [])
                    if words.lower() not in (h.lower() for h in hits):
                        hits.append(words)
            out.append(found)
        return out

    def predict_proba(self, X: Any) -> np.ndarray:
        """Scores ``1 - 0.4 ** k`` (``k`` distinct matched phrases), shape ``(n, n_codes)``."""
        matches = self._matches(X)
        col = {cid: j for j, cid in enumerate(self.classes_)}
        proba = np.zeros((len(matches), len(col)), dtype=np.float64)
        for i, found in enumerate(matches):
            for cid, hits in found.items():
                proba[i, col[cid]] = 1.0 - 0.4 ** len(hits)
        return proba

    def explain(self, X: Any) -> list[dict[str, str]]:
        """Per text, ``{code_id: "matched: word; other words"}`` for each matched code."""
        return [{cid: shorten("matched: " + "; ".join(hits)) for cid, hits in found.items()}
                for found in self._matches(X)]


def _keyword_index(keywords: list[tuple[str, str]], docs: list[Any],
                   nlp: Any) -> dict[str, list[tuple[str, tuple[str, ...], str]]]:
    """Keyword sequences by their first element: ``(code_id, lemmas, "lemma")`` from the tagged
    keyword and ``(code_id, lower-cased words, "lower")``, as the two phrase matchers had."""
    index: dict[str, list[tuple[str, tuple[str, ...], str]]] = {}
    for (cid, text), doc in zip(keywords, docs, strict=True):
        lemmas = tuple(t.lemma_.lower() for t in doc)
        lower = tuple(t.lower_ for t in nlp.make_doc(text))
        for seq, kind in ((lemmas, "lemma"), (lower, "lower")):
            entry = (cid, seq, kind)
            if seq and entry not in index.setdefault(seq[0], []):
                index[seq[0]].append(entry)
    return index
