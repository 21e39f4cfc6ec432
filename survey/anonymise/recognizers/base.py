"""Recognizer contract: an ABC with ``detect(text)`` and a regex ``PatternRecognizer`` template.

Every recognizer returns :class:`~survey.anonymise.spans.Detection` objects whose offsets point into
the text it was given; a reason names the pattern or cue, never the matched value.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from typing import ClassVar

from survey.anonymise.spans import Detection

CONTEXT_WINDOW = 40  # characters either side of a match scanned for context words
CONTEXT_BOOST = 0.35


class Recognizer(ABC):
    """Find one kind of identifier in text.

    Subclasses set the class attributes ``name`` (registered, versioned: ``uk.postcode.v1``) and
    ``entities`` (labels they may emit) and implement :meth:`detect`.
    """

    name: ClassVar[str] = ""
    entities: ClassVar[tuple[str, ...]] = ()

    @abstractmethod
    def detect(self, text: str) -> list[Detection]:
        """Return detections in ``text`` (offsets into ``text``)."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}(name={self.name!r})"


class PatternRecognizer(Recognizer):
    """Template for regex recognizers.

    Class attributes:
        PATTERNS: ``(pattern name, regex, base score)`` triples; regexes are bounded and simple.
        CONTEXT: lower-case cue words; one within ``CONTEXT_WINDOW`` characters raises the score.
        ENTITY: the label emitted.
        FLAGS: regex flags.
        CONTEXT_REQUIRED: drop matches that have no context word (for ambiguous formats).

    Subclasses may override :meth:`check` to validate a match (checksum, ranges): return ``True``
    (certain: score 1.0), ``False`` (discard) or ``None`` (no opinion).
    """

    PATTERNS: ClassVar[tuple[tuple[str, str, float], ...]] = ()
    CONTEXT: ClassVar[tuple[str, ...]] = ()
    ENTITY: ClassVar[str] = ""
    FLAGS: ClassVar[int] = 0
    CONTEXT_REQUIRED: ClassVar[bool] = False
    #: Pattern name -> lower-case strings one of which its match always holds: a text holding
    #: none of them skips the pattern (a long text's cost; no match is lost).
    NEEDS: ClassVar[dict[str, tuple[str, ...]]] = {}
    _compiled: ClassVar[dict[type, list[tuple[str, re.Pattern[str], float]]]] = {}
    _context_re: ClassVar[dict[type, re.Pattern[str] | None]] = {}

    @classmethod
    def _patterns(cls) -> list[tuple[str, re.Pattern[str], float]]:
        if cls not in PatternRecognizer._compiled:
            PatternRecognizer._compiled[cls] = [(n, re.compile(p, cls.FLAGS), s)
                                                for n, p, s in cls.PATTERNS]
            words = "|".join(re.escape(w) for w in sorted(cls.CONTEXT, key=len, reverse=True))
            PatternRecognizer._context_re[cls] = (
                re.compile(rf"\b(?:{words})\b", re.IGNORECASE) if words else None)
        return PatternRecognizer._compiled[cls]

    def check(self, match: re.Match[str]) -> bool | None:
        """Validate a match: ``True`` certain, ``False`` discard, ``None`` no opinion."""
        return None

    def has_context(self, text: str, start: int, end: int) -> bool:
        """Whether a context word occurs near ``text[start:end]``."""
        self._patterns()
        rx = PatternRecognizer._context_re[type(self)]
        if rx is None:
            return False
        lo, hi = max(0, start - CONTEXT_WINDOW), min(len(text), end + CONTEXT_WINDOW)
        return rx.search(text[lo:start]) is not None or rx.search(text[end:hi]) is not None

    def span(self, match: re.Match[str]) -> tuple[int, int]:
        """Offsets to report for a match (group ``id`` when the pattern has one)."""
        if "id" in match.re.groupindex and match.group("id") is not None:
            return match.start("id"), match.end("id")
        return match.start(), match.end()

    def detect(self, text: str) -> list[Detection]:
        """Run every pattern, validate, apply context, and return detections."""
        out: list[Detection] = []
        low = text.lower() if self.NEEDS else ""
        for pname, rx, base in self._patterns():
            need = self.NEEDS.get(pname)
            if need and not any(n in low for n in need):
                continue
            for m in rx.finditer(text):
                verdict = self.check(m)
                if verdict is False:
                    continue
                start, end = self.span(m)
                if end <= start:
                    continue
                ctx = self.has_context(text, start, end)
                if self.CONTEXT_REQUIRED and not ctx:
                    continue
                score = 1.0 if verdict else base
                reason = pname + (" +checksum" if verdict else "")
                if ctx and not verdict:
                    score = min(1.0, score + CONTEXT_BOOST)
                    reason += " +context"
                out.append(Detection(start, end, self.ENTITY, round(score, 3), self.name, reason))
        return out


class DocRecognizer(Recognizer):
    """A recognizer that reads a parsed spaCy ``Doc`` (entities, part-of-speech tags).

    The engine hands it the docs from one batched ``nlp.pipe`` call through :meth:`detect_doc`.
    :meth:`detect` parses a single text with the pipeline given as ``nlp`` (tests, one-offs).

    Args:
        nlp: Optional loaded spaCy pipeline for :meth:`detect`.
    """

    def __init__(self, *, nlp: object | None = None) -> None:
        self.nlp = nlp

    @abstractmethod
    def detect_doc(self, doc: object) -> list[Detection]:
        """Return detections in ``doc.text``."""

    def detect(self, text: str) -> list[Detection]:
        """Parse ``text`` with ``self.nlp`` and detect.

        Raises:
            NotFittedError: No pipeline was given.
        """
        if self.nlp is None:
            from sklearn.exceptions import NotFittedError

            raise NotFittedError(f"{self.name} needs a spaCy pipeline: pass nlp=... or use the "
                                 "Anonymiser, which shares its own")
        return self.detect_doc(self.nlp(text))  # type: ignore[operator]
