"""spaCy NER adapter: PERSON, places (GPE/LOC/FAC), ORG and NORP entities from a parsed Doc."""

from __future__ import annotations

import re
from typing import ClassVar

from survey.anonymise.recognizers.base import DocRecognizer
from survey.anonymise.spans import Detection


#: The parts of an entity's text between sentence ends (". " before a capital; not the full stop
#: of an initial or a short title: "J. Adeyemi", "Dr. Patel").
_SENTENCE_PIECE = re.compile(r"(?:[^.!?]|(?<=\b[A-Z])\.|(?<=\bMr)\.|(?<=\bMrs)\.|(?<=\bMs)\.|"
                             r"(?<=\bDr)\.|(?<=\bSt)\.|(?<=\bFr)\.|[.!?](?!\s+[A-Z]))+")


class SpacyNerRecognizer(DocRecognizer):
    """Map spaCy entity labels to ours; the engine batches parsing with ``nlp.pipe``.

    ORG is kept (unlike Presidio's default): named services, schools and employers identify
    people in a small local system. The project's allow list restores public bodies.
    """

    name = "spacy.ner.v1"
    entities = ("PERSON", "LOCATION", "ORGANIZATION", "NRP")
    LABELS: ClassVar[dict[str, tuple[str, float]]] = {
        "PERSON": ("PERSON", 0.85),
        "GPE": ("LOCATION", 0.8),
        "LOC": ("LOCATION", 0.7),
        "FAC": ("LOCATION", 0.6),
        "ORG": ("ORGANIZATION", 0.6),
        "NORP": ("NRP", 0.5),
    }

    def detect_doc(self, doc: object) -> list[Detection]:
        """Return one detection per mapped entity (leading "the" trimmed)."""
        out = []
        full = doc.text  # type: ignore[attr-defined]  (built from every token: once per doc)
        for ent in doc.ents:  # type: ignore[attr-defined]
            mapped = self.LABELS.get(ent.label_)
            if mapped is None:
                continue
            start, end = ent.start_char, ent.end_char
            text = ent.text
            if text.lower().startswith("the "):
                start += 4
            while end > start and not text[end - ent.start_char - 1].isalnum():
                end -= 1
            if end <= start or not any(c.isalpha() for c in text):
                continue
            # an entity never runs across a sentence's end ("Traveller Liaison Officer.
            # Letters"): each sentence's part is judged on its own
            for m in _SENTENCE_PIECE.finditer(full, start, end):
                p0, p1 = m.start(), m.end()
                while p1 > p0 and not full[p1 - 1].isalnum():
                    p1 -= 1
                if p1 > p0 and any(c.isalpha() for c in full[p0:p1]):
                    out.append(Detection(p0, p1, mapped[0], mapped[1], self.name,
                                         f"spacy:{ent.label_}"))
        return out
