"""Street addresses: house number + street name + suffix, flats and units, foreign street
forms, and the run of address-like words after a cue such as "I live at" or "address is"."""

from __future__ import annotations

import re
from typing import ClassVar

from survey.anonymise.recognizers.base import PatternRecognizer, Recognizer
from survey.anonymise.spans import Detection

SUFFIXES = ("Road|Rd|Street|St|Lane|Ln|Avenue|Ave|Grove|Gr|Close|Cl|Drive|Dr|Way|Crescent|Cres|"
            "Court|Ct|Gardens|Gdns|Place|Pl|Terrace|Tce|Hill|Row|Walk|Mews|Square|Sq|Park|Parade|"
            "Boulevard|Blvd|View|Rise|Green|Vale|Parkway|Loop|Pass|Crossroad|Crossing|Circle|"
            "Heights|Trail|Alley|Highway|Hwy|Bypass|Estate|Wharf|Quay|Yard|Croft|Chase|Glen|"
            "Meadows?|Fields?|Brow|Bank|Dale|Hollow|Ridge|Point|Plaza|Pike|Turnpike|Route|"
            "Expressway|Approach|Circus|Embankment|Esplanade|Promenade|Causeway|"
            "Greens|Radial|Knolls?|Junction|Landing|Manor|Spur|Track|Trace|Villas?|Ville|Side")
#: Street forms abroad. Kept because survivors who moved to the UK (and their families) name
#: addresses in the countries they came from or still visit; the Hungarian and Estonian words
#: that were copied from a public synthetic test set were removed.
FOREIGN_SUFFIX = ("vej|veien|vegen|vei|gatan|gata|gate|gade|straat|strasse|straße|str|weg|laan|"
                  "tie|katu|kuja|polku|tanhua|allee|plein|gracht|väg|vägen|stræde|steig|"
                  "brautt|braut|stígur|vegur|gasse|platz|ring|kade|singel|dreef|pad|hof")
FOREIGN_PREFIX = ("ul\\.|ulica|aleja|al\\.|Via|Viale|Vicolo|Rue|Avenue|Av\\.|Avenida|Calle|Rua|"
                  "Rúa|Carrer|Strada|Piazza|Plaza|Praça|Largo|Travessa|Boulevard|Chemin|Place|Odos|"
                  "Ulitsa|"
                  "Paseo|Camino|Carretera|Ronda|Traverse|Allée|Quai|Viale|Corso|C/|Trg|Ulica")
_LINK = (r"(?:de|del|della|delle|dei|degli|do|da|dos|das|du|des|la|le|las|los|e|di|van|der|den|"
         r"von|y|d'|l')")
_CAP = r"[A-ZÀ-ÖØ-Þ][\w'’.-]*"
#: Street words (any case) that make "<number> ... <word> ..." an address in many countries.
STREET_KEYWORDS = ("rue|avenue|avenida|rua|rúa|calle|via|viale|strada|ulica|ul\\.|"
                   "gate|gata|gatan|vej|vei|veien|straat|str\\.?|strasse|straße|gasse|"
                   "weg|laan|katu|tie|kuja|trg|odos|plaza|praça|paseo")
#: Lower-case street suffixes for "22 mill lane", "42 pennine view" (singular only; no "park"
#: or "bank", which follow a number as "car park", "food bank").
LOWER_SUFFIXES = ("road|street|lane|avenue|close|drive|way|crescent|court|gardens|place|terrace|"
                  "grove|rise|walk|mews|square|hill|parade|approach|row|view|side|vale|croft|"
                  "chase|dale|heights|brow|wharf|quay|glen|ridge|villas")
#: An outward postcode written straight after a house address: "42 pennine view hd2".
_OUTWARD_AFTER = r"(?:,?\s+(?i:[a-z]{1,2}\d{1,2}[a-z]?)(?![\w'’]))?"
_NOT_STREET_WORD = ("(?:the|a|an|down|up|my|our|his|her|their|your|this|that|to|of|in|on|at|"
                    "and|or|but|more|other|same|whole|long|old|new|each|every|one|two|three|"
                    "then|we|i|you|he|she|they|it|was|is|went|go|just|so|minute|minutes|"
                    "hour|hours|day|days|mile|miles|min|mins|times?)")
#: Street words that name a street, not a way or a place, so that "<word> <suffix>" after
#: "on", "off", "down"... is a street without a number ("lives on elm road").
SLOT_SUFFIXES = ("road|street|lane|avenue|crescent|terrace|grove|gardens|mews|parade|close|drive|"
                 "walk|st")
#: Words before those suffixes that make a kind of road, not a street's name ("the main road",
#: "a country lane", "down memory lane").
GENERIC_STREET_WORDS = frozenset("""
main ring high back side country dirt bus cycle slow fast memory private busy dual open wrong
right rocky bumpy quiet narrow wide steep long short single double little big slip service
access link relief toll trunk village town city local residential one-way shopping market
fairground funfair taxi car boat emergency hard green
""".split())
#: Street words that come between the street's name and the house number ("Lindenweg 12").
KEYWORD_BEFORE_NUMBER = ("terrasse|gränd|allé|torg|plass|vej|vei|gate|gata|straat|weg|laan|"
                         "str\\.?|strasse|straße|gasse|ulica|trg")
UNIT = r"(?:Flat|Apt\.?|Apartment|Suite|Ste\.?|Unit|Box|PO Box|P\.O\. Box|Floor|Fl\.?)"
#: Street words that are rarely anything else, so "Mill Lane" counts without a number.
UNAMBIGUOUS_SUFFIXES = frozenset({"Road", "Rd", "Street", "Lane", "Avenue", "Ave", "Close",
                                  "Drive", "Crescent", "Cres", "Terrace", "Tce", "Gardens",
                                  "Gdns", "Grove", "Mews", "Parade", "Boulevard", "Blvd",
                                  "Square", "Sq", "Embankment", "Esplanade", "Promenade"})
NOT_STREET_START = frozenset({"Crown", "Magistrates", "Magistrates'", "Family", "County", "Supreme",
                              "Youth", "Civil", "Coroner's", "Theme", "Car", "The", "A", "This",
                              "That", "My", "Our", "Their", "His", "Her", "Your", "Retail",
                              "Business", "Industrial", "Trading", "Science", "National", "Skate",
                              "Water", "Holiday", "Caravan", "Play"})


_SEG_TOKEN = (r"(?:[A-ZÀ-ÖØ-ÞΑ-Ω][\w'’.-]*|\d{1,6}(?:-\d{3,4}|[A-Za-z]{1,2})?\b|"
              # a short lower-case region code straight before a postal code ("vd 50662")
              r"[a-z]{2,3}(?=[ \t]*(?:,[ \t]*|\n[ \t>]*)*\d{4,6}\b)|"
              r"\([A-ZΑ-Ω][\w]+\)|"
              rf"(?i:{UNIT})\s+\d{{1,5}}[A-Za-z]?|{_LINK}(?=[ \t]))")
CONTINUATION = re.compile(rf"[ \t]*(?:,[ \t]*|\n[ \t>?]*)*"
                          rf"(?P<seg>{_SEG_TOKEN}(?:[ \t]+{_SEG_TOKEN}){{0,5}})")
NOT_CONTINUE_LOWER = frozenset({"and", "but", "so", "or", "then", "because", "which", "who",
                                "i", "we", "you", "he", "she", "they", "it", "please", "thanks",
                                "thank", "mobile", "phone", "tel", "email", "the", "a"})
NOT_CONTINUE = frozenset({"Mobile", "Phone", "Tel", "Telephone", "Fax", "Desk", "Email", "E-mail",
                          "Website", "Web", "Office", "I", "It", "The", "Please", "Thanks",
                          "Thank", "Regards", "Best", "Name", "Address", "Date", "Dear", "Hi",
                          "Hello", "My", "We", "You", "He", "She", "They", "This", "That",
                          "And", "But", "So", "If", "When", "Then"})


LOWER_CONTINUATION = re.compile(r"[ \t]*,[ \t]*(?P<seg>[^\W\d_][\w'’.-]*"
                                r"(?:[ \t]+[^\W\d_][\w'’.-]*)?"
                                r"(?:[ \t]+\d{4,6})?)(?=[ \t]*(?:[,.?!;\n]|$))")
LEADING_NUMBER = re.compile(r"(?<![\w.,-])\d{1,6}[ \t]+$")


def extend_lower_address(text: str, start: int, end: int, *, max_segments: int = 3) -> int:
    """In an all-lower-case address, also take comma-separated town and country parts.

    ``"19 kowalska 4, gdynia, poland"``: each part is one or two words (and an optional postal
    code) ending at punctuation or the end of the line, so a following clause is not absorbed.
    """
    if any(c.isupper() for c in text[start:end]):
        return end
    for _ in range(max_segments):
        m = LOWER_CONTINUATION.match(text, end)
        if not m or m.group("seg").split()[0].lower() in NOT_CONTINUE_LOWER:
            break
        end = m.end("seg")
    return end


def extend_address(text: str, end: int, *, max_segments: int = 5) -> int:
    """Extend an address ending at ``end`` over following town, region, country and code parts.

    A part is a run of capitalised words, codes, numbers or unit words after a comma, a line
    break or a space; the run stops at an ordinary lower-case word or a label such as "Mobile".

    Args:
        text: The text.
        end: Current end offset of the address.
        max_segments: Most parts to absorb.

    Returns:
        The new end offset.
    """
    for _ in range(max_segments):
        m = CONTINUATION.match(text, end)
        if not m or len(m.group("seg")) > 60:
            break
        first = m.group("seg").split()[0].rstrip(":.,")
        if first in NOT_CONTINUE or first.rstrip(":") != m.group("seg").split()[0].rstrip(".,") \
                and m.group("seg").split()[0].endswith(":"):
            break
        end = m.end("seg")
    return end


class StreetAddressRecognizer(PatternRecognizer):
    """Street addresses in UK, US and common European forms, plus flats and units."""

    name = "address.street.v1"
    entities = ("STREET_ADDRESS",)
    ENTITY = "STREET_ADDRESS"
    CONTEXT = ("address", "live", "lives", "lived", "living", "moved", "street", "road", "house",
               "flat", "home")
    PATTERNS = (
        ("number_street", rf"\b(?:\d{{1,6}}\s+)?\d{{1,5}}[A-Za-z]?,?\s+(?:{_CAP}\s+){{1,3}}"
                          rf"(?:{SUFFIXES})\b\.?", 0.8),
        # a house address in capitals, as a form or a shouted line writes it: "11a ACACIA
        # PLACE", "4 ELM ROAD"
        ("number_street_caps", rf"\b\d{{1,5}}[A-Za-z]?,?[ \t]+(?:[A-Z][A-Z'’-]+[ \t]+){{1,3}}"
                               rf"(?:{LOWER_SUFFIXES.upper()})\b", 0.75),
        ("number_street_lower", rf"\b\d{{1,4}}[a-z]?[ \t]+(?:(?!{_NOT_STREET_WORD}\b)[a-z][\w'’-]*\s+)"
                                rf"{{1,3}}(?:{LOWER_SUFFIXES})\b{_OUTWARD_AFTER}", 0.5),
        ("street", rf"\b(?:{_CAP}\s+){{1,3}}(?:{SUFFIXES})\b(?!\s+(?:{_CAP}\s+)?(?:{SUFFIXES})\b)",
         0.45),
        # a flat by number, Glasgow's floor/position too: "flat 14/2"
        ("unit", rf"(?i:\b{UNIT}\s+\d{{1,5}}[A-Za-z]?(?:/\d{{1,3}})?\b)", 0.6),
        # a street without a number, in any case, where a street stands: "lives on elm road",
        # "just off station road", "down maple avenue" (no article: "on the main road")
        ("street_slot", rf"(?i:\b(?:on|off|in|along|down|up|near|from|at|onto|opposite|past|"
                        rf"round|around|top\s+of|end\s+of|corner\s+of)\s+)"
                        rf"(?P<id>(?:(?!{_NOT_STREET_WORD}\b)[A-Za-z][a-z'’-]+\s+){{1,2}}"
                        rf"(?i:{SLOT_SUFFIXES}))\b", 0.5),
        # a street known by "the" and a name no dictionary holds: "grew up off the ormeau road"
        # (checked: "the main road", "the falls road" stay words), and a town's high street,
        # where a shop or an office is placed ("the greggs on the high street")
        ("street_the", r"(?i:\b(?:on|off|along|down|up|near|onto|past|at|round)\s+the\s+)"
                       r"(?P<id>[a-z][a-z'’-]+\s+(?i:road|street|lane|avenue|terrace|st|rd))"
                       r"(?!\s+(?i:estate)\b)\b", 0.5),
        # "on high street in hoyland": the high street of a named town, no article
        ("high_street_of", r"(?i:\b(?:on|off|along|down|up|near|at|round)\s+)"
                           r"(?P<id>(?i:high\s+(?:street|st)))(?=\s+(?i:in|,)\s)", 0.5),
        ("high_street", r"(?i:\b(?:on|off|along|down|up|near|at|round|in)\s+the\s+)"
                        r"(?P<id>(?i:high\s+(?:street|st)))\b(?!\s+(?i:shops|chains?|banks?|"
                        r"brands?|stores?|retailers?)\b)", 0.5),
        # a house number then a street known by "the" and its kind: "a letter to 7 the crescent",
        # "28 the grove, leeds"
        ("number_the_street", r"(?i:\b\d{1,4}[a-z]?\s+the\s+(?:crescent|close|drive|avenue|grove|"
                              r"parade|terrace|mews|row|gardens|paddock|spinney|willows|cedars|"
                              r"limes|laurels|maltings)\b)",
         0.6),
        # an estate named after its street, with an article: "off the marsh lane estate"
        ("street_estate", rf"(?i:\b(?:on|off|in|from|near|at|round|around|onto|past)\s+the\s+)"
                          rf"(?P<id>(?:(?!{_NOT_STREET_WORD}\b)[A-Za-z][a-z'’-]+\s+){{1,2}}"
                          rf"(?i:{SLOT_SUFFIXES}))(?=\s+(?i:estate)\b)", 0.5),
        # Welsh street words come first: "14 heol y nant", "3 Ffordd Glyndwr"
        # a house number before a one-word street name ending as streets do, then a town:
        # "41 Kingsway, Wallasey", "7 Eastgate, Louth"
        ("number_one_word_street", r"\b\d{1,3}[a-z]?\s+[A-Z][a-z]{2,}(?:way|gate|side|view|croft|"
                                   r"mead|field|fields|grove|dale|hill|wood|court|close|park|"
                                   r"rise|walk|row|lea|leigh|bank|crescent|drive|parade|green|"
                                   r"terrace|place)(?=\s*,\s*[A-Z][a-z])|"
                                   r"(?i:\b\d{1,3}[a-z]?\s+[a-z]{3,}(?:way|gate|side|view|croft|"
                                   r"mead|field|fields|grove|dale|hill|wood|court|close|park|rise|"
                                   r"walk|row|lea|leigh|bank|crescent|drive|parade|green|terrace)"
                                   r"(?=\s*,\s*[a-z]{1,2}\d{1,2}[a-z]?\s*\d[a-z]{2}\b))", 0.6),
        # a flat or unit, then a house number and a one-word street in any case: "flat 2, 31
        # kingsway", "unit 4, 9 northgate" (the flat makes it an address without a town)
        ("unit_one_word_street", r"(?i:\b(?:flat|unit|apartment|apt)\s+\d{1,4}[a-z]?,?\s+"
                                 r"\d{1,4}[a-z]?\s+[a-z]{3,}(?:way|gate|side|view|croft|mead|"
                                 r"field|fields|grove|dale|hill|wood|court|close|park|rise|walk|"
                                 r"row|lea|leigh|bank|crescent|drive|parade|green|terrace)\b)",
         0.6),
        # a house number before a Welsh street word, or before a Welsh place word and its
        # article ("9 tan y bryn", "2 pen y graig"); the name is one word, or two where the
        # clause ends ("14 heol y bryn even after" keeps "bryn" only)
        ("welsh_street", r"(?i:\b\d{1,4}[a-z]?\s+(?:(?:heol|ffordd|lôn|lon|stryd|rhodfa|cilgant|"
                         r"teras|maes|clos|llwyn|bryn|pant|cwrt|llys|parc|gerddi)\s+"
                         r"(?:y\s+|yr\s+|'r\s+)?|(?:tan|pen|cae|bro|coed|nant|ty|tŷ|erw|"
                         r"bryn|pant|cwm|glan|min)\s+(?:y|yr|'r)\s+)"
                         r"(?:[a-zà-ÿ][\w'’-]+\s+(?!(?:thanks|thank|please|cheers|ta|x+)\b)"
                         r"[a-zà-ÿ][\w'’-]+"
                         r"(?=\s*(?:[,.;:!?\n]|$|\s+[a-z]{1,2}\d))|[a-zà-ÿ][\w'’-]+))",
         0.7),
        ("foreign_suffix", rf"\b[A-ZÀ-ÖØ-Þ][\w'’-]*(?:{FOREIGN_SUFFIX})\.?\s+\d{{1,4}}[A-Za-z]?"
                           r"\b\.?",
         0.7),
        ("foreign_prefix", rf"(?<!\w)(?:\d{{1,6}}\s+)?(?:{FOREIGN_PREFIX})\s+"
                           rf"(?:(?:{_CAP}|{_LINK})\s+){{0,4}}{_CAP}"
                           rf"(?:\s+\d{{1,4}}[A-Za-z]?\b)?", 0.6),
        # "19 Kowalska 4"; not a time and the next one ("around 1 pm. Appointment 2:30")
        ("number_name_number", rf"\b\d{{1,6}}\s+(?:{_CAP}\s+|(?!(?i:am|pm)\.)[a-z]{{1,3}}\.\s+|"
                               rf"{_LINK}\s+){{1,5}}\d{{1,4}}\b(?![:.]\d)"
                               # not a clock time ("Doctor 2 At 11 20 am")
                               rf"(?!\s*\d{{0,2}}\s*(?i:am|pm|a\.m|p\.m)\b)",
         0.6),
        ("name_number_line", rf"(?m)(?:^|(?<=[>:]))[ \t>]*(?P<id>[A-ZÀ-ÖØ-Þ][\w'’-]+"
                             rf"(?:[ \t][\w'’-]+){{0,2}}[ \t]+\d{{1,4}}[A-Za-z]?)[ \t]*$", 0.45),
        # (not a day and month's second half: "12/09 self referral via webform")
        ("number_keyword", rf"(?i:(?<!/)\b\d{{1,6}}(?:\s+\d{{1,5}})?\s+"
                           rf"(?:[^\W\d_][\w'’.-]*\s+){{0,3}}"
                           rf"(?:{STREET_KEYWORDS})(?!\w)\.?"
                           rf"(?:\s+(?:{_LINK}|[^\W\d_][\w'’-]*)){{0,3}}"
                           rf"(?:\s+\d{{1,4}}\b\.?)?)", 0.6),
        ("name_keyword_number", rf"(?i:\b(?:[^\W\d_][\w'’-]*\s+){{1,3}}"
                                rf"(?:{KEYWORD_BEFORE_NUMBER})\s+\d{{1,4}}[A-Za-z]?\b\.?)", 0.6),
    )

    def detect(self, text: str) -> list[Detection]:
        """Pattern detections, each extended over the town, region and code that follow."""
        out = []
        self._idioms: tuple[str, list[tuple[int, int]] | None] | None = (text, None)
        try:  # idiom spans are found once per text, not once per match (see _idiom_spans)
            found = super().detect(text)
        finally:
            self._idioms = None
        for det in found:
            end = extend_address(text, det.end) if det.reason.split()[0] not in (
                "street", "street_slot", "street_estate", "street_the", "high_street",
                "high_street_of") else det.end
            end = extend_lower_address(text, det.start, end)
            start = det.start
            lead = LEADING_NUMBER.search(text, max(0, start - 12), start)
            if lead and not text[start].isdigit():
                start = lead.start()  # "12 Lindenweg 4": the house or flat number too
            out.append(det if (start, end) == (det.start, det.end) else
                       Detection(start, end, det.entity, det.score, det.recognizer,
                                 det.reason + " +continuation"))
        return out

    def _idiom_spans(self, text: str) -> list[tuple[int, int]]:
        """:func:`~survey.anonymise.lexicon.idiom_spans` of ``text``, kept while :meth:`detect`
        runs on that same text (a scan of the whole text per match was quadratic on a long
        transcript); nothing is kept after it returns."""
        from survey.anonymise.lexicon import idiom_spans

        held = getattr(self, "_idioms", None)
        if held is None or held[0] is not text:
            return idiom_spans(text)
        if held[1] is None:
            self._idioms = held = (text, idiom_spans(text))
        return held[1]  # type: ignore[return-value]

    def check(self, match: re.Match[str]) -> bool | None:
        """Drop street-name matches that start with a word like "Crown" (Crown Court), and
        street names without a number that read as ordinary phrases ("See Dr", "Single Point")."""
        first = match.group().split(None, 1)[0] if match.group().strip() else ""
        if first in NOT_STREET_START and not first[:1].isdigit():
            return False
        names = {rx: n for n, rx, _ in self._patterns()}
        if names.get(match.re) == "name_number_line":  # "Nothimg 6" is a typo, not a street
            from survey.anonymise.lexicon import is_dictionary_word, near_dictionary_word

            word = match.group("id").split()[0]
            if is_dictionary_word(word) or near_dictionary_word(word.lower()):
                return False
        if names.get(match.re) == "number_street_caps":
            from survey.anonymise.lexicon import adjective_only

            word = match.group().split()[1].lower()
            if re.fullmatch(_NOT_STREET_WORD, word) or adjective_only(word):
                return False  # "I HAVE 2 BIG ROAD TRIPS": a count and a describing word
        if names.get(match.re) == "street_the":
            from survey.anonymise.lexicon import is_dictionary_word, is_role_or_generic

            word = match.group("id").split()[0].lower()
            if is_dictionary_word(word) or is_role_or_generic(word) or \
                    word in GENERIC_STREET_WORDS:
                return False  # "on the main road", "off the falls road": words
            return None
        if names.get(match.re) in ("street_slot", "street_estate"):
            from survey.anonymise.lexicon import is_role_or_generic
            from survey.anonymise.precision import GENERIC_MODIFIERS, STOP_WORDS

            mods = [w.lower().strip("'’") for w in match.group("id").split()[:-1]]
            if any(m in GENERIC_STREET_WORDS or m in STOP_WORDS or m in GENERIC_MODIFIERS or
                   m in _DETERMINERS or
                   is_role_or_generic(m) or re.search(r"(?:ing|ed|ly|est)$", m) for m in mods):
                return False  # "on busy road", "off slip road", "driving road", "another road"
            if any(a <= match.start("id") < b for a, b in self._idiom_spans(match.string)):
                return False
            return None
        if names.get(match.re) == "street":  # no house number
            words = match.group().split()
            suffix = words[-1].rstrip(".")
            if suffix in ("Dr", "St", "Ct", "Pl", "Gr", "Cl", "Ln"):
                return False  # "See Dr", "Lukes St": an abbreviation needs a house number
            if suffix not in UNAMBIGUOUS_SUFFIXES:
                from survey.anonymise.precision import _wordlike

                if all(_wordlike(w) for w in words[:-1]):
                    return False  # "Single Point", "Great View": ordinary words
        return None


_NUMBER_NEXT = re.compile(r"[ \t]+\d{1,4}\b")
#: Words that say which road, not its name ("into another road", "up one street").
_DETERMINERS = frozenset("into onto another other each every any some which this that these "
                         "those one next same".split())


class AddressCueRecognizer(Recognizer):
    """The run of address-like tokens after a cue ("I live at", "address is", "corner of").

    Tokens are numbers, capitalised words, unit words and short connectors; the run ends at the
    first ordinary lower-case word, at sentence punctuation, or after ``MAX_TOKENS``.
    """

    name = "address.cue.v1"
    entities = ("STREET_ADDRESS",)
    MAX_TOKENS: ClassVar[int] = 16
    CUE = re.compile(r"\b(?:(?:my\s+)?(?:new\s+)?address(?:es)?\s*(?:is|was|:|-)|"
                     r"(?:live|lives|lived|living|stay|stays|stayed|staying)\s+(?:at|on)|"
                     r"located\s+(?:at|on)|return\s+(?:it\s+)?to|send\s+(?:it\s+|them\s+|"
                     r"a\s+new\s+one\s+)?to|moved\s+to|corner\s+of|"
                     r"meet\s+(?:you\s+|me\s+|us\s+)?at|"
                     r"stop\s+at|deliver(?:ed)?\s+to|is\s+on|are\s+on|enter\s+on|"
                     r"here\s+they\s+are:|ship\s+(?:it\s+)?to|address\s+of\s+[^.\n]{1,60}?\s+is)"
                     r"(?![a-z])\s*", re.IGNORECASE)  # a whole word: not "are on" in "are only"
    TOKEN = re.compile(r"[ \t]*(?:\n[ \t>]*)?(?:\d{1,6}[A-Za-z]?\b\.?|" + _CAP +
                       r"|[^\W\d_][\w'’-]*(?=[ \t]+\d{1,4}\b)" +
                       r"|(?:and|de|la|le|du|del|der|van|von|of|the|ul\.|terrasse|"
                       r"(?-i:[a-z]{1,4}\.))(?=\s)|,|\([A-Z][a-z]+\))", re.IGNORECASE)
    LOWER_OK = frozenset({"and", "de", "la", "le", "du", "del", "der", "van", "von", "of", "the",
                          "ul.", "terrasse"})

    def detect(self, text: str) -> list[Detection]:
        """Return the address run after each cue, if it contains a capital or a digit."""
        from survey.anonymise.lexicon import UK_NATIONS, WEEKDAY_WORDS, is_role_or_generic

        out = []
        for cue in self.CUE.finditer(text):
            if re.search(r"(?i)\be-?mail\s+$", text[max(0, cue.start() - 8):cue.start()]):
                continue  # "email address: ..." asks for no postal address
            pos, end, n = cue.end(), cue.end(), 0
            while n < self.MAX_TOKENS:
                m = self.TOKEN.match(text, pos)
                if not m or m.end() == pos:
                    break
                tok = m.group().strip()
                if tok in NOT_CONTINUE:
                    break
                if tok and tok[0].islower() and tok.lower() not in self.LOWER_OK \
                        and not (tok.endswith(".") and len(tok) <= 5) \
                        and not _NUMBER_NEXT.match(text, m.end()):  # "at 31 lindenweg 4"
                    break
                pos = m.end()
                if tok not in (",",) and tok.lower() not in self.LOWER_OK:
                    end = pos
                n += 1
            start = cue.end()
            while start < end and text[start].isspace():
                start += 1
            chunk = text[start:end]
            if chunk.lower().startswith("the "):
                start += 4
                chunk = text[start:end]
            if re.match(r"(?i)a\s*(?:&|\+|and)\s*e\b", text[start:start + 9]):
                continue  # "send to A&E": the emergency department, no address
            corner = re.search(r"(?i)\b(?:the\s+)?corner\s+of\s*$", text[:start])
            if corner and end > start:
                start = corner.start()  # "the corner of A and B" locates a home as well
            first = re.match(r"[^\W\d_][\w'’-]*", chunk)
            if first and is_role_or_generic(first.group()) and \
                    not re.match(r"\s*\d", chunk[first.end():]):
                continue  # "my stay on Ward", "staying on the ward. It was"; not "Unit 4"
            nation = re.match(r"(?i)(?:great\s+|northern\s+|united\s+)?[a-z.]+", chunk)
            if nation and re.sub(r"\s+", " ", nation.group().replace(".", "")).lower() in \
                    UK_NATIONS:
                continue  # "moved to the U.K. in 2019", "to England in 2015": a country
            if first and first.group().lower() in WEEKDAY_WORDS:
                continue  # "moved to Weds 22nd", "whoever is on Weds": a day, not a street
            if end > start and any(c.isdigit() or c.isupper() for c in chunk):
                if chunk.endswith(".") and not re.search(r"\b[A-Za-z]{1,4}\.$", chunk):
                    end -= 1
                if end > start:
                    end = extend_lower_address(text, start, extend_address(text, end))
                    out.append(Detection(start, end, "STREET_ADDRESS", 0.55, self.name,
                                         "address_cue"))
        return out
