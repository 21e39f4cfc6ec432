"""UK towns and villages in any case, from GeoNames' populated places (``data/uk_gazetteer.tsv.gz``,
built by :mod:`survey.anonymise.places_build`), the counties and council areas of ISO 3166-2:GB
(``data/uk_areas.tsv.gz``: "lancashire", "gwynedd", "north tyneside"), each also without its
apostrophe or accents ("kings lynn", "ynys mon"), countries and cities abroad in a place slot
only (``data/world_places.tsv.gz``: "born in lagos"), plus a project's own ``anonymise.places``.

Survivors write "we moved from tilbury", "my nan lives in stornoway": a place in lower case is as
identifying as one with a capital. Names are matched without regard to case at word boundaries,
longest first (up to four words). A place whose name is also an everyday word ("Bath",
"Reading", "March", "Street", "Hope") or is very short ("Rye") counts only in a place slot:
after "in", "from", "near", "at", "to"... ("stayed near bath"), or before "area", "town",
"estate"... ("the bath area"); a very frequent word or a month needs a stronger one ("moved to
reading", "lives in march", "outside street"), so "in march" and "from reading" stay words.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise

from survey.anonymise.recognizers.base import Recognizer
from survey.anonymise.recognizers.gazetteer import (  # noqa: F401 - re-exported
    load_uk_areas,
    load_uk_places,
    load_world_places,
)
from survey.anonymise.spans import Detection

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
#: Places named as examples of a kind: "villages like wool", "towns such as march".
_LIKE_PLACES = r"(?:villages?|towns?)\s+(?:like|such\s+as|including)"
_WEAK_SLOT = re.compile(rf"\b(?:{_LIKE_PLACES}|"
                        r"in|from|near|around|outside|to|towards|at|into|nr|round|of|"
                        r"between)\s+(?:the\s+)?$", re.IGNORECASE)
_STRONG_SLOT = re.compile(rf"\b(?:{_LIKE_PLACES}|"
                          r"(?:live|lives|lived|living|moved|move|moving|grew\s+up|born|"
                          r"based|raised|brought\s+up|stay|stays|stayed|staying|house|flat|"
                          r"home|family|school|relocated|went\s+back|back)\s+(?:in|to|from|"
                          r"near|outside|round|around)|near|nr|outside|round\s+here\s+in)\s+$",
                          re.IGNORECASE)
#: Where a month-named place ("March") stands: never "in March" after a verb of coming home.
_HOME_SLOT = re.compile(rf"\b{_LIKE_PLACES}\s+$|"
                        r"\b(?:live|lives|lived|living|moved|move|moving|grew\s+up|born|based|"
                        r"raised|relocated)\s+(?:in|to|from|near|outside)\s+$", re.IGNORECASE)
_PLACE_AFTER = re.compile(r"\s+(?:area|town|city|village|estate|council|station|high\s+street|"
                          r"town\s+centre|police|hospital|road|way|borough|district|"
                          r"library)\b", re.IGNORECASE)
#: What a lower-case everyday word names after "the" when it is a sport or a pastime, not the
#: place that shares it: "the rugby club", "the bowls league" (not "team": "the cardigan team"
#: is a town's team).
_PASTIME_AFTER = re.compile(r"\s+(?:club|clubs|match|matches|pitch|training|league|kit|"
                            r"coaching|practice|tournament|posts|ball)\b")
_MONTHS = frozenset("january february march april may june july august september october "
                    "november december".split())
_MAX_WORDS = 4
#: A subject pronoun just before a word: what follows is its verb ("the one I rode in").
_SUBJECT_BEFORE = re.compile(r"(?i)\b(?:i|we|you|he|she|they)\s+$")


def _variants(key: str) -> set[str]:
    """How a name is also written: without its apostrophe ("kings lynn") or its accents
    ("ynys mon")."""
    import unicodedata

    out = {key, key.replace("'", "")}
    folded = unicodedata.normalize("NFKD", key).encode("ascii", "ignore").decode()
    if folded and len(folded) == len(unicodedata.normalize("NFKD", key)) - \
            sum(1 for c in unicodedata.normalize("NFKD", key) if unicodedata.combining(c)):
        out |= {folded, folded.replace("'", "")}
    return {k for k in out if k}


#: Words before a place's own name that people leave out ("Great Malvern", "Little Chalfont").
_PREFIX_WORDS = frozenset("great little much long upper lower nether market".split())


@lru_cache(maxsize=1)
def _first_words() -> dict[str, int]:
    """What people write for a two-word place whose first word is its own ("merthyr" for
    Merthyr Tydfil, "canvey" for Canvey Island, "anglesey" for the Isle of Anglesey): the
    first word of one place name only, no word, first name or surname, five letters or more
    (always in a place slot)."""
    from collections import Counter

    from survey.anonymise.lexicon import identity_terms, is_dictionary_word, word_frequency
    from survey.anonymise.recognizers.gazetteer import load_names

    keys = {v for n in (*load_uk_places(), *load_uk_areas()) for v in _variants(_key(n))}
    people = load_names("first").keys() | load_names("surname").keys()
    isles = {k.removeprefix("isle of ") for k in keys if k.startswith("isle of ")}
    firsts = Counter(k.split()[0] for k in keys if " " in k and not k.startswith("isle of "))
    # or the first word of a town far larger than any other place it begins ("merthyr": Merthyr
    # Tydfil, 43,820 people, beside the hamlet of Merthyr Mawr)
    pops: dict[str, list[int]] = {}
    for name, (_, pop, _, _) in load_uk_places().items():
        key = _key(name)
        if " " in key:
            pops.setdefault(key.split()[0], []).append(int(pop))
    towns = {w for w, p in pops.items()
             if len(p) > 1 and sorted(p)[-1] >= 10000 and sorted(p)[-1] >= 10 * sorted(p)[-2]}
    identity = set(identity_terms())  # and "briton" (Briton Ferry), a people's name
    # the own word of a place named with "Great", "Little", "Upper"...: "malvern" for Great
    # Malvern (one such place only)
    seconds = Counter(k.split()[1] for k in keys
                      if len(k.split()) == 2 and k.split()[0] in _PREFIX_WORDS)
    out = {}
    for w in {w for w, n in firsts.items() if n == 1} | isles | towns | \
            {w for w, n in seconds.items() if n == 1}:
        names = {w.title(), w[:-1].title() if w.endswith("s") else w.title()}
        if len(w) >= 5 and w.isalpha() and w not in keys and not is_dictionary_word(w) and \
                not word_frequency().get(w, 0) >= 1000 and w not in identity | {"briton"} and \
                not names & people:
            out[w] = 1
    return out


def gazetteer_level(key: str) -> int | None:
    """How much a slot a listed name needs (see :func:`_everyday`), or None when the
    gazetteer (without a project's own lists) does not hold it."""
    return _default_index().get(key)


@lru_cache(maxsize=1)
def _default_index() -> dict[str, int]:
    return GazetteerPlaceRecognizer()._index()


def _key(name: str) -> str:
    return " ".join(w.lower().replace("’", "'") for w in _WORD.findall(name))


@lru_cache(maxsize=65536)
def _everyday(key: str) -> int:
    """0: a name no word shares; 1: an everyday word or short, needs a place slot; 2: a very
    frequent word, needs a strong slot; 3: a month, needs someone living or moving there."""
    from survey.anonymise.lexicon import (
        VERY_COMMON,
        is_dictionary_word,
        is_role_or_generic,
        word_frequency,
    )
    from survey.anonymise.recognizers.places import NOT_PLACES

    words = key.split()
    if any(w in _MONTHS for w in words):
        return 3
    if all(word_frequency().get(w, 0) >= VERY_COMMON for w in words):
        return 2
    if len(key) < 4 or all(is_dictionary_word(w) or is_role_or_generic(w) or
                           w.title() in NOT_PLACES for w in words):
        return 1
    return 0


#: "Purfleet-on-Thames", "Stanford-le-Hope", "Clacton-on-Sea": people write the first part.
_SHORT_FORM = re.compile(r"^([a-z'-]{4,}?)[- ](?:on|upon|under|by|in|le|next|cum|juxta)[- ]")
#: A village the gazetteer lacks stands here: "in", "from", "near", "round", "outside", with no
#: article ("in snedlingham", "from crindleworth"; not "to", "at": "to wiat", "at thier" are typos).
_VILLAGE_SLOT = re.compile(r"(?:\b(?:in|from|near|nr|round|outside)|"
                           # an area a worker or service covers: "the only nurse covering
                           # orkney", "our bus visits gorleston", "villages like hemsby"
                           r"\b(?:cover|covers|covering|covered|serve|serves|serving|visits|"
                           r"visiting|across)|\b(?:areas?|places?)\s+(?:like|such\s+as|including)|"
                           rf"\b{_LIKE_PLACES}|"
                           r"\b(?:live|lives|lived|living|moved|move|moving)\s+to|"
                           # an estate or district people live on: "we live on the gurnos",
                           # "lived on penrhys", "i'm from the raploch"
                           r"\b(?:live|lives|lived|living|grew\s+up|stay|stays|stayed|"
                           r"staying|raised|brought\s+up)\s+on(?:\s+the)?|"
                           r"\b(?:live|lives|lived|living|grew\s+up|stay|stays|stayed|"
                           r"staying|raised|brought\s+up|from)\s+(?:in|on)?\s*the|"
                           r"\bfrom\s+[\w'’-]+(?:\s+[\w'’-]+)?\s+to)\s+$",
                           re.IGNORECASE)
#: Where a place with an ending no English place has may stand: after living, staying or being
#: based somewhere, or after a place of work or care ("the practice in levenshulme").
_HOME_OR_SERVICE_SLOT = re.compile(
    r"\b(?:live|lives|lived|living|stay|stays|stayed|staying|based|moved|grew\s+up|born|house|"
    r"flat|home|his|hers|practice|surgery|centre|center|mosque|church|school|worker|office|team|"
    r"service|group|estate|from|round|near|outside)\s+(?:(?:in|on|at|to|from|near)\s+)?"
    r"(?:the\s+)?$", re.IGNORECASE)
#: A district named by a word and a feature, where someone lives or comes from: "lived in moss
#: side", "i'm from the meadow well", "we live in knowle west" (neighbourhoods no packaged list
#: holds; the slot and the feature word make the pair a place).
_DISTRICT = re.compile(
    r"(?i:\b(?:live|lives|lived|living|grew\s+up|raised|brought\s+up|based|stay|stays|stayed|"
    r"staying|moved|i['’]?m\s+from|we['’]?re\s+from|came\s+from|comes\s+from|born)\s+"
    r"(?:(?:in|on|to|at|from)\s+)?(?:the\s+)?)"
    r"(?P<id>(?P<first>[a-z][a-z'’]{2,})\s+(?i:west|east|north|south|side|wood|well|rock|walk|"
    r"hill|park|vale|green|heath|end|bank|gate|field|cross|common|moor|top|brow|hailes|heights|"
    r"rise|grange|estate))\b")
_NOT_DISTRICT = frozenset("""
north south east west far top bottom other same city town village local new old nice quiet
big small rough posh bad good council private my our his her their a an this that west-end
wrong right sunny shady dark bright safe unsafe better worse best worst near whole either
""".split())
#: How many single-word gazetteer places must end so before an ending counts as a place's.
_MIN_ENDING_PLACES = 15


def short_form(key: str) -> str | None:
    """The first part of a place named with a river, the sea or a neighbour ("clacton" for
    "clacton on sea"), or None."""
    m = _SHORT_FORM.match(key)
    return m.group(1).strip("'-") if m else None


@lru_cache(maxsize=1)
def place_endings() -> frozenset[str]:
    """Three-letter endings shared by at least :data:`_MIN_ENDING_PLACES` one-word places in the
    gazetteer ("-ton", "-ham", "-ley", "-don"...): English place-name elements, counted from the
    data rather than typed."""
    from collections import Counter

    counts = Counter(k[-3:] for k in map(_key, load_uk_places())
                     if " " not in k and k.isalpha() and len(k) >= 5)
    return frozenset(e for e, n in counts.items() if n >= _MIN_ENDING_PLACES)


def _verb_in_ing(low: str) -> bool:
    """Whether lower-case ``low`` is a verb's "-ing" form ("organising", "painting"): its stem,
    with or without a final "e", or in its American spelling, is a WordNet verb. A doubled
    consonant is not undone: villages end so ("Wapping", "Tipping")."""
    from survey.anonymise.lexicon import wordnet_pos_words

    if not low.endswith("ing") or len(low) < 6:
        return False
    stem = low[:-3]
    verbs = wordnet_pos_words("verb")
    cands = {stem, stem + "e", stem.replace("ys", "yz").replace("is", "iz")}
    return any(c in verbs for c in cands)


def place_like(text: str, word: re.Match[str]) -> bool:
    """A word no list holds that reads as a village in a place slot: "we moved to snedlingham",
    "the bus from crindleworth". It must be unknown to the dictionary (and not one edit from a
    frequent word: "comming"), not a name, clinical term or service word, five letters or
    more, and end as many gazetteer places do."""
    value = word.group()
    low = value.lower()
    if len(low) < 5 or not low.isalpha() or not low.isascii() or value.isupper() or \
            _VILLAGE_SLOT.search(text[max(0, word.start() - 30):word.start()]) is None:
        return False  # (most words stop here, before the lists below are looked up)
    from survey.anonymise.lexicon import (
        clinical_term,
        is_dictionary_word,
        is_role_or_generic,
        near_dictionary_word,
        word_frequency,
    )
    from survey.anonymise.recognizers.gazetteer import load_names

    if _verb_in_ing(low):
        return False  # "quick in organising", "sore from walking": a verb, not a village
    if low[-3:] not in place_endings() and (
            word_frequency().get(low, 0) or not value.islower() or
            low.title() in load_names("surname") or near_dictionary_word(low) or
            _HOME_OR_SERVICE_SLOT.search(text[max(0, word.start() - 40):word.start()]) is None):
        # an ending no English place has: only a lower-case word no list holds at all
        # ("we stay in govan", "the practice in levenshulme"), never a typo of a word
        return False
    return not (word_frequency().get(low, 0) >= 100 or is_dictionary_word(low) or \
            is_role_or_generic(low) or clinical_term(low) or \
            near_dictionary_word(low, min_freq=20000) or low.title() in load_names("first"))



#: A month after a word in a place slot: "in mid March", "from early may" (a time, no place).
_MONTH_AFTER = re.compile(r"\s+(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)"
                          r"(?i:uary|ruary|ch|il|e|y|ust|tember|ober|ember)?\b")
#: "think outside the box", written without "the".
_OUTSIDE_BOX = re.compile(r"(?i:\bthink(?:s|ing)?|thought)\s+outside\s+(?:the\s+)?$")

class GazetteerPlaceRecognizer(Recognizer):
    """UK towns and villages (and a project's own place list) in any case.

    Args:
        places: The project's own place names (``anonymise.places``), matched the same way.
        area: The project's council or town (``anonymise.area``), a name in the gazetteer:
            places within ``area_km`` of it are local, so one whose name is a very frequent
            word needs only an ordinary place slot ("at reading" near Reading).
        area_km: The radius of the area in kilometres.
    """

    name = "places.gazetteer.v1"
    entities = ("LOCATION",)

    def __init__(self, places: Sequence[str] = (), *, area: str | None = None,
                 area_km: float = 20.0) -> None:
        self.places = tuple(places)
        self.area = area
        self.area_km = area_km

    def __getstate__(self) -> dict[str, object]:
        """Pickle the settings only; a worker process rebuilds the index."""
        return {"places": self.places, "area": self.area, "area_km": self.area_km}

    def validate(self) -> None:
        """Check ``area`` and ``area_km``.

        Raises:
            ValueError: ``area`` is not a place in the gazetteer (the message suggests close
                names), or ``area_km`` is not a positive number.
        """
        if not isinstance(self.area_km, (int, float)) or isinstance(self.area_km, bool) or \
                not 0 < self.area_km <= 200:
            raise ValueError(f"area_km must be a number of kilometres in (0, 200], got "
                             f"{self.area_km!r}")
        if self.area is None:
            return
        names = {_key(n): n for n in load_uk_places()}
        if _key(self.area) not in names:
            import difflib

            close = difflib.get_close_matches(_key(self.area), list(names), n=3)
            hint = f"; close names: {', '.join(names[c] for c in close)}" if close else ""
            raise ValueError(f"area {self.area!r} is not a place in the UK gazetteer{hint}")

    def nearby(self) -> frozenset[str]:
        """Keys of the gazetteer places within ``area_km`` of ``area`` (empty without one)."""
        if self.area is None:
            return frozenset()
        import math

        places = load_uk_places()
        centre = next(v for n, v in places.items() if _key(n) == _key(self.area))
        lat0, lon0 = math.radians(centre[2]), math.radians(centre[3])
        out = set()
        for name, (_, _, lat, lon) in places.items():
            la, lo = math.radians(lat), math.radians(lon)
            h = math.sin((la - lat0) / 2) ** 2 + \
                math.cos(lat0) * math.cos(la) * math.sin((lo - lon0) / 2) ** 2
            if 2 * 6371.0 * math.asin(math.sqrt(h)) <= self.area_km:  # haversine, km
                out.add(_key(name))
        return frozenset(out)

    def _index(self) -> dict[str, int]:
        if not hasattr(self, "index_"):
            from spacy.lang.en.stop_words import STOP_WORDS

            from survey.anonymise.lexicon import UK_NATIONS, is_role_or_generic

            keys = {v for n in (*load_uk_places(), *load_uk_areas()) for v in _variants(_key(n))}
            keys -= UK_NATIONS  # "in Wales": a writer's country, not an identifier
            keys |= {_key(p) for p in self.places}
            local = self.nearby()
            # a local place named with a very frequent word needs only an ordinary place slot
            self.index_ = {k: 1 if k in local and _everyday(k) == 2 else _everyday(k)
                           for k in keys
                           if k and k not in STOP_WORDS and not is_role_or_generic(k)}
            for p in self.places:  # a project's own place of two words or more, in any slot:
                k = _key(p)  # "the Beacon hub in ...", listed by a person who knows it
                if " " in k:
                    self.index_[k] = 0
            for k, level in _first_words().items():  # "merthyr" for Merthyr Tydfil
                self.index_.setdefault(k, level)
            for k in keys:  # "clacton" for Clacton-on-Sea: always in a place slot
                spaced = k.replace("-", " ")
                if spaced != k and spaced not in self.index_ and k in self.index_:
                    self.index_[spaced] = self.index_[k]  # "stanford le hope"
                base = short_form(k)
                if base and base not in self.index_ and base not in STOP_WORDS and \
                        not is_role_or_generic(base):
                    self.index_[base] = max(_everyday(base), 1)
            # a place abroad always needs a place slot ("born in lagos", "from poland"): its
            # name may be a name here ("Jordan"); one that is also a word ("Pest", "Turkey")
            # needs a strong one ("moved from turkey"; not "of the pest")
            for k in {v for n in load_world_places() for v in _variants(_key(n))}:
                if k and k not in self.index_ and k not in STOP_WORDS and \
                        not is_role_or_generic(k) and len(k) >= 4:
                    self.index_[k] = 1 if _everyday(k) == 0 else max(_everyday(k), 2)
        return self.index_

    def _reach(self) -> dict[str, int]:
        """Each listed name's first word and the most words a listed name that opens with it
        has: a word no name opens with is looked up no further (most words of a text)."""
        if not hasattr(self, "reach_"):
            reach: dict[str, int] = {}
            for k in self._index():
                parts = k.split(" ")
                reach[parts[0]] = max(reach.get(parts[0], 0), len(parts))
            self.reach_ = reach
        return self.reach_

    def detect(self, text: str) -> list[Detection]:
        """Return LOCATION detections for listed places."""
        index = self._index()
        reach = self._reach()
        words = list(_WORD.finditer(text))
        # each word's key once: a run's key is its words' keys joined (what _key gives)
        lows = [w.group().lower().replace("’", "'") for w in words]
        # whether only spaces stand between a word and the next (once per text, not per run)
        spaced = [not text[a.end():b.start()].strip() for a, b in pairwise(words)]
        out = []
        i = 0
        while i < len(words):
            for n in range(min(_MAX_WORDS, reach.get(lows[i], 0), len(words) - i), 0, -1):
                level = index.get(" ".join(lows[i:i + n]))
                if level is None or not all(spaced[i:i + n - 1]):
                    continue  # not listed, or words of one name split by more than spaces
                run = words[i:i + n]
                start, end = run[0].start(), run[-1].end()
                if level and not self._slot(text, start, end, level, run[0].group()) or \
                        not level and run[0].group().islower() and \
                        _SUBJECT_BEFORE.search(text, max(0, start - 12), start):
                    continue  # "the one i rode in": a lower-case verb after its subject
                out.append(Detection(start, end, "LOCATION", 0.55 if level else 0.6,
                                     self.name, "uk_gazetteer" + ("+slot" if level else "")))
                i += n - 1
                break
            else:
                if place_like(text, words[i]):
                    out.append(Detection(words[i].start(), words[i].end(), "LOCATION", 0.5,
                                         self.name, "place_like+slot"))
            i += 1
        from spacy.lang.en.stop_words import STOP_WORDS

        for m in _DISTRICT.finditer(text):
            first = m.group("first").lower()
            if first in STOP_WORDS:
                continue  # "stayed at the heath unit"
            inside = [d for d in out if m.start("id") <= d.start and d.end <= m.end()]
            if first in _NOT_DISTRICT or any(d.start < m.end() and m.start("id") < d.end
                                             for d in out if d not in inside):
                continue
            out = [d for d in out if d not in inside]  # "moss" of "moss side": the district
            out.append(Detection(m.start("id"), m.end(), "LOCATION", 0.5, self.name,
                                 "district+slot"))
        return out

    @staticmethod
    def _slot(text: str, start: int, end: int, level: int, first: str) -> bool:
        from survey.anonymise.precision import _sentence_initial

        if first[:1].isupper() and _sentence_initial(text, start):
            return False  # "Reading helped", "Bath time": a capital that says nothing
        before = text[max(0, start - 40):start]
        if _SUBJECT_BEFORE.search(before):
            return False  # "the one I rode in": a verb after its subject
        if _MONTH_AFTER.match(text, end) or _OUTSIDE_BOX.search(before):
            return False  # "call in mid March", "she thinks outside box": words
        if level == 3:
            return _HOME_SLOT.search(before) is not None
        if first.islower() and re.search(r"\bthe\s+$", before) and \
                _PASTIME_AFTER.match(text, end):
            return False  # "from the rugby club": a sport, not the town
        after = _PLACE_AFTER.match(text, end)
        if after and not (level == 2 and after.group().split()[0].lower() in ("way", "road")):
            return True  # "the bath area"; not "the ticky box way" (a very frequent word)
        if level == 2:
            return _STRONG_SLOT.search(before) is not None
        return _WEAK_SLOT.search(before) is not None
