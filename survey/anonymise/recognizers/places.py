"""Places and organisations beyond spaCy NER: "in/from/near <Place>", schools, employers."""

from __future__ import annotations

import re
from typing import ClassVar

from survey.anonymise.recognizers.base import DocRecognizer, PatternRecognizer
from survey.anonymise.recognizers.names import NOT_NAMES
from survey.anonymise.spans import Detection

PLACE_PREPS = frozenset({"in", "from", "near", "around", "outside", "to", "at", "towards",
                         "between"})
PLACE_MODIFIERS = frozenset({"Little", "Great", "New", "Old", "North", "South", "East", "West",
                             "Upper", "Lower", "High", "Long", "Saint", "St", "Market", "King's",
                             "Kings", "Bishop's", "Much", "Nether", "Over", "Church"})
NOT_PLACES = NOT_NAMES | frozenset("""
A&E GP NHS ISVA IDVA SARC CPS CAMHS Covid COVID Zoom Teams Facebook Instagram Google WhatsApp
Twitter Snapchat TikTok Year Years Primary Secondary University Hospital Church Work Uni Town
City Village Street Road Park Station Prison Custody Court Christmas Easter Ramadan Eid
""".split())


class PlaceCueRecognizer(DocRecognizer):
    """A run of proper nouns straight after "in", "from", "near"... ("moved to Tilbury").

    Needs spaCy's part-of-speech tags; the words must be tagged PROPN and start with a capital,
    and common service words (NHS, SARC, Police...) are skipped.
    """

    name = "places.cue.v1"
    entities = ("LOCATION",)

    def detect_doc(self, doc: object) -> list[Detection]:
        """Return LOCATION detections after place prepositions."""
        toks = list(doc)  # type: ignore[call-overload]
        out = []
        for i, tok in enumerate(toks[:-1]):
            if tok.lower_ not in PLACE_PREPS:
                continue
            j = i + 1
            while j < len(toks) and j - i <= 3 and toks[j].pos_ in ("PROPN", "NOUN", "ADJ") and \
                    toks[j].text[:1].isupper() and toks[j].ent_type_ not in ("PERSON", "ORG"):
                if toks[j].text in NOT_PLACES and not (
                        toks[j].text in PLACE_MODIFIERS and j + 1 < len(toks) and
                        toks[j + 1].pos_ == "PROPN" and toks[j + 1].text[:1].isupper()):
                    break
                j += 1
            if j > i + 1 and any(t.pos_ == "PROPN" for t in toks[i + 1:j]):
                start = toks[i + 1].idx
                end = toks[j - 1].idx + len(toks[j - 1].text)
                out.append(Detection(start, end, "LOCATION", 0.45, self.name, f"cue:{tok.lower_}"))
        return out


_CAPW = r"(?:[A-Z][\w'’.&-]*|of|the|and|for|&)"


class OrganisationCueRecognizer(PatternRecognizer):
    """Schools ("St Anne's Academy", "Hill Primary School") and employers ("I work at X")."""

    name = "orgs.cue.v1"
    entities = ("ORGANIZATION",)
    ENTITY = "ORGANIZATION"
    PATTERNS = (
        ("school", rf"\b(?:St\.?\s+)?[A-Z][\w'’.-]*(?:\s+{_CAPW}){{0,5}}\s+"
                   r"(?:Primary|Infant|Junior|"
                   r"Secondary|High|Grammar|Community|C of E|CE|RC|Catholic|Free|Special)?\s*"
                   r"(?:School|Academy|College|University|Sixth Form|Nursery)\b", 0.6),
        ("employer", r"(?i:\b(?:work(?:s|ed|ing)?|job|shifts?|placement|employed|volunteer(?:s|ed|"
                     r"ing)?)\s+(?:at|for|by|with)\s+)(?P<id>(?:the\s+)?[A-Z][\w&'’.-]*"
                     r"(?:\s+(?:&|and|of|[A-Z][\w&'’.-]*)){0,5})", 0.55),
    )
    GENERIC: ClassVar[frozenset[str]] = frozenset({"the school", "school", "college", "university",
                                                   "the college", "the university", "academy",
                                                   "the academy", "sixth form", "nursery"})

    def check(self, match: re.Match[str]) -> bool | None:
        """Discard generic mentions ("the school") and employer runs that are service words."""
        value = match.group("id") if "id" in match.re.groupindex else match.group()
        words = value.split()
        if value.lower() in self.GENERIC or (words and words[0] in NOT_NAMES and
                                             len(words) == 1):
            return False
        if words and words[0] in {"The", "My", "Our", "A", "This", "That", "In", "At", "From",
                                  "When", "I", "After", "Before", "Then"} and len(words) < 3:
            return False
        return None

    def span(self, match: re.Match[str]) -> tuple[int, int]:
        """Trim a leading "the" or sentence-start word that is not part of the name."""
        start, end = super().span(match)
        text = match.string[start:end]
        for lead in ("the ", "The ", "My ", "my ", "Our ", "our ", "At ", "In ", "From ", "When "):
            if text.startswith(lead):
                start += len(lead)
                break
        tail = re.search(r"(?:\s+(?:and|of|&|for|the))+$", match.string[start:end])
        if tail:  # "the Port of Tilbury and ..." ends at "Tilbury"
            end = start + tail.start()
        return start, max(end, start + 1)
