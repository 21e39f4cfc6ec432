"""Places and organisations beyond spaCy NER: "in/from/near <Place>", schools, employers."""

from __future__ import annotations

import functools
import re
from typing import ClassVar

from survey.anonymise.alternation import alternation
from survey.anonymise.lexicon import NATIONAL_CHAINS, VITAMIN_CODE, adjective_only
from survey.anonymise.recognizers.base import DocRecognizer, PatternRecognizer, Recognizer
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
            if toks[i + 1].lower_ in _NOT_PLACE_START:
                continue  # "logged me in Was sat there": a sentence whose stop was stripped
            if _superlative(toks[i + 1].lower_):
                continue  # "at this time I m in Warmest wishes": a superlative opens a line
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


def _superlative(word: str) -> bool:
    """Whether ``word`` is an adjective's "-est" form ("warmest", "nicest", "biggest",
    "happiest"), by its base in WordNet; "Bucharest" and "Everest" have none."""
    if not word.endswith("est") or len(word) < 6:
        return False
    stem = word[:-3]
    return any(adjective_only(b) for b in (stem, stem + "e", stem[:-1], stem[:-1] + "y"))


#: Auxiliaries, pronouns and adverbs that open a sentence and never a place's name: after "in"
#: or "to" in a text whose stops were stripped, the next sentence starts there.
_NOT_PLACE_START = frozenset("""
had have has was were is are be been do does did will would could should can must might
i we you he she they it this that there then also always never just still already none
nothing everyone everything someone anyone
""".split())

_CAPW = r"(?:[A-Z][\w'’.&-]*|of|the|and|for|&)"


#: Where a nursery is, not what it is called ("the nursery at work", "the creche at church").
_NOT_NURSERY = frozenset("""
work church school college uni university hospital gym centre center leisure home mums mine
hers his theirs weekends weekdays lunchtime night nights
""".split())


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
        # a place or group named in capitals inside a sentence, after going or belonging to it:
        # "chips at Fish Nook on the seafront", "a model with Turning Point" (checked in
        # :meth:`_check_titled_venue`: no function, generic, calendar or -ly word; a writer who
        # capitalises words by hand says nothing)
        ("titled_venue", r"(?<![\w'’])(?i:at|from|with|through|via|into|joined|attends?|"
                         r"attended|attending)\s+(?:the\s+)?"
                         r"(?P<id>[A-Z][a-z'’]+(?:\s+[A-Z][a-z'’]+){1,3})(?![\w'’-])", 0.5),
        # a local team or service by its own name: "the IRIS team", "Kestrel service", "the
        # Brayford crisis team" (a name, then generic words, then team/service); the name
        # must be no word, role, generic service or clinical term (checked below), so "the
        # crisis team", "MSK team" and "Excellent service" stay words
        # (a lookahead, so every capitalised word is tried: "Thanks Brayford crisis team")
        ("named_team", r"(?<![\w'’&-])(?=(?P<id>(?P<name>[A-Z][A-Za-z0-9]{1,11})"
                       r"(?:\s+[A-Za-z]+){0,3}?\s+(?i:team|service)s?)\b)", 0.5),
        # a service's own name with a possessive before what it offers: "got me into LORO's
        # breathing therapy", "Tirvane's group" (same checks as a named team)
        ("named_offer", r"(?<![\w'’&-])(?P<id>(?P<name>[A-Z][A-Za-z0-9]{2,11})['’]s"
                        r"(?:\s+[A-Za-z]+){0,2}?\s+(?i:therapy|therapies|group|groups|"
                        r"programme|program|course|project|scheme|clinic|sessions?)\b)", 0.5),
        # a service named after "called" / "known as": "a group called Open Door", "a service
        # called the bridges" (in lower case up to three words, stopping at a function word)
        ("service_called", r"(?i:\b(?:group|service|charity|organisation|organization|team|"
                           r"project|programme|program|course|club|centre|center|scheme|app|"
                           r"helpline)\s+(?:called|named|known\s+as)\s+)"
                           r"(?P<id>(?:[Tt]he\s+)?[A-Z][\w'’&-]*(?:\s+(?:of|for|and|&|"
                           r"[A-Z][\w'’&-]*)){0,4}|(?:the\s+)?[a-z][\w'’-]+(?:\s+(?!(?:and|but|"
                           r"which|that|who|where|was|is|were|are|it|they|we|i|he|she|to|for|in|"
                           r"at|on|with|from|because|so|helped|has|have|had)\b)[a-z][\w'’-]+)"
                           r"{0,2})", 0.55),
        # a service named as who provides a service: "the service offered by CINSS", "groups
        # run by Kestrel" (an acronym or a word no dictionary holds; same checks as a named
        # team, so "run by NHS" or "provided by staff" stay words)
        ("offered_by", r"(?i:\b(?:offered|provided|run|delivered|organised|organized|"
                       r"commissioned|hosted|funded)\s+by\s+)"
                       r"(?P<id>(?P<name>[A-Z][A-Za-z0-9]{2,11}))(?![\w'’&-])(?!\s+[A-Z])", 0.5),
        # a workplace in lower case after a verb of working: "i worked at greggs in jarrow",
        # "used to work at the plough", "had to leave my job at pret"; one to three words up
        # to a preposition or the clause's end (checked in :meth:`_check_workplace`)
        ("employer_lower", r"(?i:\b(?:work(?:s|ed|ing)?|job|shifts?|placement|employed|"
                           r"volunteer(?:s|ed|ing)?)\s+(?:[a-z]+\s+){0,3}?(?:at|for)\s+)"
                           r"(?P<id>(?:the\s+)?[a-z][\w&'’.-]*(?:\s+(?:and\s+)?[a-z][\w&'’.-]*)"
                           r"{0,2}?)(?=\s+(?:in|on|at|near|for|when|and|but|so|because|cos|as|"
                           r"til|until|before|after|which|where|then|who|with)\b|\s*[,.;!?)]|"
                           r"\s*$)", 0.5),
        # a chain's branch where someone works, in any case: "i work at pizza express in york",
        # "my boss at jd sports", "my employer royal mail", "the domestic abuse champion at
        # tesco extra", "time off from the amazon warehouse" (a list of the UK's large retail,
        # hospitality and delivery employers, whose names are everyday words:
        # :data:`~survey.anonymise.lexicon.NATIONAL_CHAINS`)
        # (also driving or riding for one, and "i do deliveroo": the gig platforms' own
        # phrase for working on them)
        ("chain_employer", rf"(?i:\b(?:work(?:s|ed|ing)?|job|shifts?|placement|employed|"
                           rf"volunteer(?:s|ed|ing)?|boss|manager|supervisor|employer|"
                           rf"colleagues?|champion|time\s+off|drive|drives|drove|driving|"
                           rf"ride|rides|riding|rode)\s+(?:[a-z]+\s+){{0,2}}?"
                           rf"(?:at|for|with|from|in)\s+(?:the\s+)?|\bmy\s+employer,?\s+"
                           rf"(?:the\s+)?|\b(?:i|we|he|she|they)\s+(?:do|did|does|started|"
                           rf"start)\s+(?=(?:deliveroo|uber|just\s+eat|evri|hermes|dpd|yodel|"
                           rf"amazon)\b)|"
                           rf"\bthe\s+(?=(?:{NATIONAL_CHAINS})\s+(?:warehouse|depot|"
                           rf"factory|store|superstore|distribution|call\s+centre|bakery)\b))"
                           rf"(?P<id>(?i:{NATIONAL_CHAINS})(?:\s+(?i:extra|express|metro|local|"
                           rf"superstore))?)(?![\w'’&-])", 0.55),
        # a firm named by what it trades as: "Streamline Taxis", "Castle Lets", "Brightside
        # Recruitment", "PRIME STAFFING", "Kerr & Sons" (one to three capitalised words before
        # a trading word that no generic phrase ends with: "Social Care" and "Patient
        # Transport" are kinds; checked in :meth:`check`)
        ("trading_name", r"(?<![\w'’&-])(?P<id>(?P<trade>(?:[A-Z][a-z'’]+|[A-Z]{2,})"
                         r"(?:\s+(?:[A-Z][a-z'’]+|[A-Z]{2,})){0,2})\s+(?:Taxis|Cabs|Cars|Lets|"
                         r"Lettings|Staffing|Recruitment|Personnel|Logistics|Haulage|Removals|"
                         r"Couriers|Motors|Ltd|Limited|plc|PLC|LLP|(?:&|and)\s+Sons|TAXIS|CABS|"
                         r"LETS|LETTINGS|STAFFING|RECRUITMENT|PERSONNEL|LOGISTICS|HAULAGE|"
                         r"REMOVALS|COURIERS|MOTORS|LTD))(?![\w'’&-])", 0.55),
        # a pub by one of the classic English pub names, where someone is, works or meets:
        # "we met at the red lion", "behind the bar at the crown and anchor" (a general list
        # of the commonest pub names; one word alone, "the crown", is too common to tell)
        ("pub_name", r"(?i:\b(?:at|in|to|from|outside|near|round|down|past|by|behind|"
                     r"opposite|across\s+from|next\s+to)\s+the\s+)"
                     r"(?P<id>(?i:(?:red|white|black|golden|green|blue)\s+(?:lion|hart|horse|bull|"
                     r"swan|cow|dragon|boar|man|bell|lamb)|royal\s+oak|rose\s+and\s+crown|"
                     r"(?:kings?|queens?|nags?|saracens?)['’]?s?\s+head|fox\s+and\s+hounds|"
                     r"hare\s+and\s+hounds|coach\s+and\s+horses|crown\s+and\s+anchor|"
                     r"dog\s+and\s+(?:duck|gun)|cross\s+keys|three\s+(?:horseshoes|tuns|crowns)|"
                     r"wheatsheaf|half\s+moon|rising\s+sun|royal\s+standard|plough\s+inn|"
                     r"fighting\s+cocks|slug\s+and\s+lettuce|rat\s+and\s+parrot))\b", 0.55),
        # a police force named by its area: "Gwent Police", "Dyfed-Powys Police", "Devon and
        # Cornwall Constabulary" (not a national or generic force: "British Transport Police")
        ("police_force", r"(?<![\w'’-])(?P<id>(?!(?:The|British|Transport|Military|Royal|Local|"
                         r"National|Community|Special|Traffic|Ministry|Civil|Secret|Border|Our|"
                         r"My|Your|Their|Call|Called|Contact|Contacted|Told|Tell|Ring|Rang|"
                         r"Phoned|Phone|Report|Reported|Ask|Asked|Went|When|Then|And|But|So|"
                         r"If|After|Before|Until|Even|Both|All|Any|No|Not)\b)"
                         r"[A-Z][a-z'’]+(?:(?:-|\s+|\s+and\s+)[A-Z][a-z'’]+){0,3}"
                         r"\s+(?:Police|Constabulary)(?:\s+Service)?)\b", 0.55),
        # a brand spelt with a digit for a word: "Step2Talk", "talk2us", "Time4Me" (not the
        # same word twice, as in "face-2-face", nor "up2date")
        ("digit_brand", r"(?<![\w'’-])(?P<id>(?P<left>[A-Za-z]{2,})-?[24]-?(?P<right>[A-Za-z]{2,}))"
                        r"(?![\w'’-])", 0.5),
    )
    GENERIC: ClassVar[frozenset[str]] = frozenset({"the school", "school", "college", "university",
                                                   "the college", "the university", "academy",
                                                   "the academy", "sixth form", "nursery"})

    #: Words after "worked at" that are no workplace's name: times, places in general, kinds.
    _NOT_WORKPLACE: ClassVar[frozenset[str]] = frozenset("""
time times weekend weekends night nights moment minute home school hospital hospitals council
nhs police same local shop shops office offices bar pub pubs factory factories warehouse
supermarket bank care-home carehome nursery college university uni gp surgery practice
clinic charity charities job jobs place places company firm business site sites desk front
foodbank foodbanks food-bank church mosque temple gym library cafe café restaurant hotel
back end start beginning top bottom least most best weekend pace speed full part own rate
level levels point points hour hours day days week weeks month months year years age ages
depot depots yard yards garage garages plant mill docks dock airport barracks base camp store
stores kitchen kitchens salon studio workshop
""".split())

    @classmethod
    def _check_workplace(cls, value: str) -> bool | None:
        """"greggs", "the plough", "pret", "the co-op": every word no stop word, role or
        generic service word, the first no time or kind of place, and no word frequent
        enough to be an everyday noun unless the name is one rare word ("the plough")."""
        from survey.anonymise.lexicon import (
            CALENDAR_WORDS,
            clinical_term,
            is_role_or_generic,
            word_frequency,
        )
        from survey.anonymise.precision import STOP_WORDS

        words = [w.lower().strip("'’.") for w in value.split() if w.lower() not in ("the",)]
        if not words or any(w in STOP_WORDS and w != "and" or is_role_or_generic(w) or
                            clinical_term(w) or w in cls._NOT_WORKPLACE or
                            w[:3] in CALENDAR_WORDS and len(w) <= 9 for w in words):
            return False
        if sum(word_frequency().get(w, 0) >= 9000 for w in words if w != "and"):
            return False  # "at full capacity", "at the time", "for free"
        return None

    def check(self, match: re.Match[str]) -> bool | None:
        """Discard generic mentions ("the school") and employer runs that are service words."""
        if match.re is next(rx for n, rx, _ in self._patterns() if n == "employer_lower"):
            return self._check_workplace(match.group("id"))
        if match.re is next(rx for n, rx, _ in self._patterns() if n == "titled_venue"):
            return self._check_titled_venue(match)
        if "name" in match.re.groupindex:
            return self._check_named_team(match)
        if "trade" in match.re.groupindex:
            return self._check_trading_name(match.group("trade"))
        if "left" in match.re.groupindex:
            left, right = match.group("left").lower(), match.group("right").lower()
            return False if left == right or (left, right) in self._TEXT_SPEAK_DIGITS else None
        if match.re is next(rx for n, rx, _ in self._patterns() if n == "service_called"):
            from survey.anonymise.lexicon import is_role_or_generic
            from survey.anonymise.precision import STOP_WORDS

            words = [w for w in match.group("id").split() if w.lower() not in ("the", "a")]
            if not words or is_role_or_generic(words[0]) or \
                    all(w.lower() in STOP_WORDS or is_role_or_generic(w) for w in words):
                return False  # "a service called the crisis team": a kind of service
            return None
        value = match.group("id") if "id" in match.re.groupindex else match.group()
        words = value.split()
        if value.lower() in self.GENERIC or (words and words[0] in NOT_NAMES and
                                             len(words) == 1):
            return False
        if words and words[0] in {"The", "My", "Our", "A", "This", "That", "In", "At", "From",
                                  "When", "I", "After", "Before", "Then"} and len(words) < 3:
            return False
        if "id" in match.re.groupindex and words[-1].lower() in self._SERVICE_TAILS:
            from survey.anonymise.lexicon import is_dictionary_word, is_role_or_generic

            if all(w.lower() in ("the", "and", "&", "of") or is_role_or_generic(w) or
                   is_dictionary_word(w) for w in words):
                return False  # "work for the Home Nutrition Team": a kind of service
        return None

    #: Words before a trading word that make a kind, not a firm ("Black Cabs", "Local Taxis",
    #: "Agency Staffing", "NHS Logistics").
    _NOT_TRADE = frozenset("""
    black local private other some all many any our their his her my the a an two three four
    agency temp temporary nhs council uber hospital staff mini hackney licensed unlicensed
    """.split())

    @classmethod
    def _check_trading_name(cls, trade: str) -> bool | None:
        """A trading name's own words: none a function word or a word for a kind of firm
        (:data:`_NOT_TRADE`), nor a role or generic service word ("Nurse Staffing")."""
        from survey.anonymise.lexicon import is_role_or_generic

        words = trade.split()
        if words[0].lower() in cls._NOT_TRADE or words[0].title() in NOT_NAMES \
                or all(is_role_or_generic(w) for w in words):
            return False
        return None

    @staticmethod
    def _check_titled_venue(match: re.Match[str]) -> bool | None:
        """"at Fish Nook", "with Turning Point": capitalised words inside a sentence of a
        writer who otherwise writes in lower case, none a function, generic service, role,
        calendar, clinical or identity word or an -ly adverb, and not a first name then a
        surname (a person, which the name rules decide)."""
        from survey.anonymise.identity import is_identity_word
        from survey.anonymise.lexicon import (
            CALENDAR_WORDS,
            clinical_term,
            is_role_or_generic,
            writes_capitals,
        )
        from survey.anonymise.precision import GENERIC_MODIFIERS, STOP_WORDS
        from survey.anonymise.recognizers.gazetteer import load_names

        text = match.string
        words = match.group("id").split()
        rest = text[:match.start("id")] + text[match.end("id"):]
        if writes_capitals(rest, inner_only=True):
            return False  # "with Very Caring Staff": capitals by hand say nothing
        for w in words:
            low = w.lower().strip("'’")
            if low in STOP_WORDS or low in GENERIC_MODIFIERS or is_role_or_generic(low) or \
                    low[:3] in CALENDAR_WORDS or low in CALENDAR_WORDS or clinical_term(low) or \
                    is_identity_word(w) or low.endswith("ly") or w in NOT_NAMES:
                return False
        if words[0] in load_names("first") and words[1] in load_names("surname"):
            return False  # "with Sarah Jones": a person
        return None

    @staticmethod
    def _check_named_team(match: re.Match[str]) -> bool | None:
        """"IRIS team", "Brayford crisis team": the name is no everyday word (nor one letter
        from a frequent one: "Brilliamt service"), name-list word, role, generic service,
        clinical or calendar word; the words between it and "team" are generic ones."""
        from survey.anonymise.lexicon import (
            CALENDAR_WORDS,
            COMMON,
            clinical_term,
            is_dictionary_word,
            is_role_or_generic,
            near_dictionary_word,
            word_frequency,
        )
        from survey.anonymise.precision import GENERIC_MODIFIERS, STOP_WORDS

        from survey.anonymise.recognizers.gazetteer import load_names

        name = match.group("name")
        low = name.lower()
        if match.group("id") == name and name.title() in load_names("first") and \
                not name.isupper():
            return False  # "run by Sarah": a person, which the name rules decide
        if "'" in match.group("id") or "’" in match.group("id"):
            if name.title() in load_names("first") and not name.isupper():
                return False  # "Sarah's group": a person's, found as a name elsewhere
        between = match.group("id").split()[1:-1]
        head = match.group("id").split()[-1]
        if name in OrganisationCueRecognizer._AREA_TEAM_WORDS and between and \
                head[:1].isupper() and \
                all(w[:1].isupper() and (w.lower() in GENERIC_MODIFIERS or is_role_or_generic(w))
                    for w in between):
            return None  # "City Crisis Team", "East Mental Health Team": a team by its area
        if not name.isupper() and word_frequency().get(low, 0) >= COMMON:
            return False  # "Exceptional team": a frequent word, even one a surname list holds
        if low in STOP_WORDS or low in GENERIC_MODIFIERS or is_role_or_generic(name) or \
                is_dictionary_word(name) or is_dictionary_word(low) or clinical_term(low) or \
                low[:3] in CALENDAR_WORDS or name in NOT_NAMES or name in NOT_PLACES or \
                near_dictionary_word(name) or len(name) < 3 or \
                not (name.isupper() or name[1:].islower()):
            return False
        if ("'" in match.group("id") or "’" in match.group("id")) and \
                all(w.islower() and w not in STOP_WORDS for w in between):
            return None  # "LORO's breathing therapy": what the named service offers
        if any(w.lower() in STOP_WORDS or not (w.lower() in GENERIC_MODIFIERS or
                                               is_role_or_generic(w) or clinical_term(w.lower()))
               for w in between):
            return False  # "Kestrel and the team": the words between are no service type
        return None

    def detect(self, text: str) -> list[Detection]:
        """Pattern detections, and a service named as the repeated subject of what a service
        does (:meth:`_repeated_subject`)."""
        out = super().detect(text)
        if "." in text or "\n" in text:
            out.extend(self._repeated_subject(text))
        if "," in text:
            out.extend(self._listed_with_services(text))
        return out

    @staticmethod
    def _listed_with_services(text: str) -> list[Detection]:
        """"Reach, Social Services, OT, GP and physio": in a list of three or more items where
        every other item is a generic service or staff word (GP, OT, social services, physio), a
        capitalised word that is none of those, nor a function, clinical, calendar or abstract
        word, nor a first name (the name rules decide those), is a local service's own name;
        frequency cannot tell it ("Reach" is as frequent as "Food"), the list does."""
        from spacy.lang.en.stop_words import STOP_WORDS as SPACY_STOP_WORDS

        from survey.anonymise.lexicon import (
            _WORDISH_SUFFIX,
            CALENDAR_WORDS,
            _plural_of_word,
            clinical_term,
            is_role_or_generic,
        )
        from survey.anonymise.precision import STOP_WORDS
        from survey.anonymise.recognizers.gazetteer import load_names

        out: list[Detection] = []
        for m in _SERVICE_LIST_RX.finditer(text):
            items, pos = [], m.start()
            for sep in [*_LIST_SEP.finditer(text, m.start(), m.end()), None]:
                end = sep.start() if sep else m.end()
                item = text[pos:end]
                if not items and " " in item:  # "help from Trellis, the GP ...": the last word
                    last = item.rsplit(None, 1)[-1]
                    pos, item = pos + len(item) - len(last), last
                items.append((pos, item))
                pos = sep.end() if sep else pos
            generic = [t for _, t in items
                       if t and all(is_role_or_generic(w) for w in
                                    re.sub(r"^(?i:the|my|our|a|an)\s+", "", t).split())]
            if len(items) < 3 or len(generic) < 2 or len(generic) < len(items) - 1:
                continue  # every other item a service or staff word
            for a, t in items:
                low = t.lower()
                if " " in t or not t[:1].isupper() or not t[1:].islower() or t in generic or \
                        low in STOP_WORDS or low in SPACY_STOP_WORDS or clinical_term(low) or low[:3] in CALENDAR_WORDS or \
                        _WORDISH_SUFFIX.search(low) or low.endswith("ing") or \
                        _plural_of_word(low) or t in load_names("first"):
                    continue
                out.append(Detection(a, a + len(t), "ORGANIZATION", 0.5, "orgs.cue.v1",
                                     "listed_with_services"))
        return out

    @staticmethod
    def _repeated_subject(text: str) -> list[Detection]:
        """"Horizon supported us ... Horizon always helps my son": a capitalised word that opens
        two or more sentences of one text, each time straight before what a service or person
        does (supports, rang, arranged), with no article, is a local service's own name (a
        singular noun without a determiner is no subject otherwise). Not a role, generic
        service, clinical or abstract word ("Physio helped", "Counselling helped",
        "Communication helped"), not a first name (the name rules decide those), not a
        frequent word."""
        hits: dict[str, list[re.Match[str]]] = {}
        for m in _REPEATED_SUBJECT.finditer(text):
            hits.setdefault(m.group("id"), []).append(m)
        out: list[Detection] = []
        for word, ms in hits.items():
            if len(ms) < 2:
                continue
            from survey.anonymise.lexicon import (
                _WORDISH_SUFFIX,
                VERY_COMMON,
                clinical_term,
                is_role_or_generic,
                word_frequency,
            )
            from survey.anonymise.precision import STOP_WORDS
            from survey.anonymise.recognizers.gazetteer import load_names

            low = word.lower()
            if low in STOP_WORDS or is_role_or_generic(low) or clinical_term(low) or \
                    _WORDISH_SUFFIX.search(low) or low.endswith(("ing", "s")) or \
                    word in load_names("first") or word_frequency().get(low, 0) >= VERY_COMMON:
                continue
            # every mention then, also where it does something else ("Horizon always help
            # my son"): another mention alone would not pass the filter at a sentence start
            out.extend(Detection(m.start(), m.end(), "ORGANIZATION", 0.5, "orgs.cue.v1",
                                 "repeated_subject")
                       for m in re.finditer(rf"(?<![\w'’-]){re.escape(word)}(?![\w'’-])", text))
        return out

    #: Area words a local team is named by, in capitals before a generic team name ("City
    #: Crisis Team", "North Community Team"): the team of one part of a council area.
    _AREA_TEAM_WORDS: ClassVar[frozenset[str]] = frozenset(
        "City County North South East West Central".split())

    #: Text-speak with a digit for a word that names no service ("up2date", "need2know").
    _TEXT_SPEAK_DIGITS: ClassVar[frozenset[tuple[str, str]]] = frozenset(
        {("up", "date"), ("need", "know"), ("want", "go"), ("got", "go"), ("have", "go"),
         ("nice", "meet"), ("go", "bed"), ("in", "it")})

    #: Last words of a service's description rather than of an employer's name.
    _SERVICE_TAILS: ClassVar[frozenset[str]] = frozenset(
        "team teams service services unit department ward".split())

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


#: A capitalised word opening a sentence before what a service or person does for someone
#: (supports, rang, arranged); not what an activity does too ("Yoga helped", "Prayer kept me
#: going").
_REPEATED_SUBJECT = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=[.!?]\s\s)|(?<=[\n\r]))(?P<id>[A-Z][a-z]{3,})"
    r"(?=\s+(?:always\s+|really\s+|also\s+|then\s+|has\s+|have\s+|had\s+)?"
    r"(?:supports?|supported|listens?|listened|rang|phoned|contacted|visits?|visited|arranged|"
    r"organised|organized|offered|provided|understood|understands|checks?|checked|guided|"
    r"guides|encouraged|encourages|referred|refers)\b)", re.MULTILINE)

#: A list of three or more short items (one to three words each) joined by commas and a last
#: "and" / "&": where services are listed ("Reach, Social Services, OT, GP and physio").
_LW = r"(?!(?:and|or)\b)[A-Za-z][\w'’-]*"
_SERVICE_LIST_RX = re.compile(
    rf"(?<![\w'’-]){_LW}(?:\s+{_LW}){{0,2}}(?:\s*,\s*{_LW}(?:\s+{_LW}){{0,2}}){{1,8}}"
    rf"(?:\s*,?\s+(?:and|&)\s+{_LW}(?:\s+{_LW}){{0,2}})?")

_LIST_SEP = re.compile(r"\s*,\s*(?:(?:and|&)\s+)?|\s+(?:and|&)\s+")

#: What follows a one-word service name: the clause ends, or a verb, preposition or pronoun
#: goes on ("at the Beacon every week", "to queens for my scan"); not a noun ("at the Royal
#: Mail", "at the end of").
_SERVICE_SLOT_END = (r"(?=\s*(?:[.,;:!?)]|$)|\s+(?i:for|and|were|was|is|are|has|have|had|on|"
                     r"every|each|where|when|who|which|they|helped|but|with|after|before|"
                     r"because|since|until|i|we|it|last|this|next|twice|once|again|instead|"
                     r"too|as|so|then|now|she|he|got|did|do|does|really|about|by)\b)")
#: Royal titles that hospitals are named after and shortened to ("Queen's", "King's").
_TITLE_STEMS = frozenset("queen king prince princess duke duchess".split())
#: The word a "Royal ... Hospital" or "Royal Infirmary" is called by ("at the royal").
_SHORT_HOSPITAL = frozenset({"royal"})

_FAC_HEAD = (r"(?:Ward|Wards|Hospital|Hospice|House|Lodge|Centre|Center|Surgery|Practice|"
             r"Practise|Unit|Clinic|Court|Home|Manor|Grange|Suite|Wing|Medical\s+Centre|Health\s+Centre|"
             r"Nursing\s+Home|Care\s+Home)")
_FAC_HEAD_ANY = re.compile(rf"(?i:{_FAC_HEAD})$")
#: Words for a place of care, whose beginnings a writer cut short is no name ("to hospit").
_CARE_HEADS = ("hospital", "hospice", "surgery", "clinic", "infirmary", "practice", "practise",
               "centre", "center", "ambulance")
#: Heads whose modifier is usually a specialty ("Leg Clinic", "Stroke Unit"): the name before
#: them must be unusual, not an everyday word.
_SPECIALTY_HEADS = frozenset({"clinic", "unit", "suite", "wing", "practice", "practise",
                              "surgery"})


#: Type words after a lower-case name that make it a school, surgery, estate, pub or service
#: ("oakfield primary", "the ashgrove estate", "hattersley boxing club").
_LOWER_NAMED_HEADS = (r"primary|academy|high\s+school|secondary|juniors?|infants?|comp|"
                      r"comprehensive|grammar|chapel|nursery|college|surgery|"
                      r"medical\s+(?:centre|center|practice)|health\s+(?:centre|center)|practice|"
                      r"estate|arms|head|inn|tavern|centre|center|project|hospital|hospice|clinic|"
                      r"high(?!\s+(?:street|st|road|rd|school)\b)|club|hub|cafe|café|care\s+home|"
                      r"refuge|med\s+(?:centre|center)|"
                      # a practice by its short name: "kelby medical are", "at kelby medical."
                      r"medical(?=\s+(?:are|is|was|were|has|have|had|team|staff|reception|"
                      r"receptionists?|always|never)\b|\s*[.,!;:)]|\s*$)")

#: Words a street or a landmark is named with: a practice named for one in lower case ("tanners
#: way surgery", "pond end medical centre") is a place of care, wherever it stands.
STREET_WORDS = frozenset("""
road lane street way avenue drive close gardens crescent terrace grove end green hill park vale
rise row court lodge fields field bridge cross gate farm brook
""".split())
#: The type word of a general practice or health centre.
_PRACTICE_HEADS = (r"surgery|practice|practise|medical\s+(?:centre|center|practice|group)|"
                   r"health\s+(?:centre|center)|med\s+(?:centre|center)")


class FacilityRecognizer(PatternRecognizer):
    """Named hospitals, wards, units, surgeries and homes: "Cherry Ward", "Hogarth ward",
    "St Ann's House", "Ward 12", "ward F21", "been on B3".

    The name before the facility word must be capitalised and specific: generic types ("Day
    Centre", "Children's Ward", "the Leg Clinic") are not identifiers (policy). The label is
    ``FACILITY`` (a quasi-identifier, which the operator plan may generalise).
    """

    name = "places.facility.v1"
    entities = ("FACILITY",)
    ENTITY = "FACILITY"
    PATTERNS = (
        ("saint", rf"\b(?:St\.?|Saint)\s+[A-Z][\w'’]+(?:\s+[A-Z][\w'’]+)?\s+{_FAC_HEAD}"
                  r"(?:\s+\d{1,2}[A-Z]?\b)?", 0.85),
        ("named", rf"(?<![\w'’-])(?P<id>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){{0,2}}\s+"
                  rf"(?i:{_FAC_HEAD})(?:\s+\d{{1,2}}[A-Z]?\b)?)(?![\w'’])", 0.8),
        # a place of care whose name is glued to its type word: "at the VMCentre", "KelbySurgery"
        # (a kind before it, "DayCentre", "GPSurgery", is no name: :meth:`_check_glued`)
        ("glued", r"(?<![\w'’-])(?P<id>(?P<word>[A-Z]{2,4}|[A-Z][a-z]{2,})(?:Centre|Center|"
                  r"Surgery|Practice|Clinic|Hospital|Hospice|Medical))(?![\w'’-])", 0.6),
        # a saint's name alone names a hospital, hospice or home: "at St Lukes", "St Matthews
        # was"; not a street ("Broad St"), a day or a herb ("St Patrick's Day", "St John's wort")
        # (an export that strips apostrophes leaves "st Mary s": its "st" in lower case too)
        ("saint_alone", r"(?<![\w'’])(?P<id>(?:St\.?|Saint|st\.?)\s+[A-Z][a-z]+"
                        r"(?:['’]?s|\s+s(?=\s|$|[.,;:!?]))?)(?![\w'’])"
                        r"(?!\s+(?i:day|eve|wort|john'?s?\s+wort|"
                        r"ambulance|street|road|lane|avenue)\b)"
                        r"(?!\s+(?:[A-Z][\w'’]+\s+)?(?i:" + _FAC_HEAD + r"))", 0.6),
        # "Ward 7", "ward F9", "Ward B", "wd 1"; not the pronoun in "the ward I found"
        ("ward_number", r"\b(?P<id>(?i:ward)\s+(?:(?i:[A-Z]?\d{1,2}[A-Z]?)(?![\w'’])|"
                        r"[A-HJ-Z](?![\w'’])|"
                        r"I(?=\s*(?:[.,;:!?)]|$))))", 0.6),
        # a ward's code in brackets after the word ("this ward (e40)"), and a lettered wing or
        # block ("on K wing", "to B block"; not "a wing", "I")
        ("ward_code_bracket", r"(?i:\bward\s*\(\s*)(?P<id>[A-Za-z]\d{1,2}[A-Za-z]?)(?=\s*\))", 0.55),
        ("lettered_wing", r"(?i:\b(?:on|to|onto|from|in|at)\s+)(?P<id>[B-HJ-Z]\s+(?i:wing|block))\b",
         0.55),
        # a numbered clinic ("clinic 4 at the LRI"); not "clinic 2 weeks later"
        ("clinic_number", r"\b(?P<id>(?i:clinic)\s+\d{1,2}[A-Za-z]?)(?![\w'’])"
                          r"(?!\s*(?:[/:.,]\d|[-x%]|(?i:st|nd|rd|th|am|pm|years?|yrs?|months?|"
                          r"weeks?|days?|hours?|hrs?|mins?|minutes?|times?|miles?|people|patients|"
                          r"of)\b))", 0.5),
        # a hospital by its short name after "at the", "to the"...: "sent over to the Royal",
        # "seen at the General" (capitalised and alone: "the general public", "the Royal Mail"
        # and "the General Hospital" are for other rules)
        ("short_hospital", r"(?i:\b(?:at|to|in|into|from|from\s+the|outside|near|back\s+to)\s+"
                           r"the\s+)(?P<id>(?:Royal|General|Infirmary|Memorial|Cottage))"
                           r"(?![\w'’-])(?!\s+[A-Z])", 0.55),
        # the ward abbreviated: "wd 1", "Wd.12" (not the lubricant "WD 40")
        ("ward_abbrev", r"\b(?P<id>(?i:wd)\.?\s?(?!40\b)\d{1,2}[A-Z]?)\b", 0.55),
        # "was on B3", "moved to e17" (a code in any case); not "was on B12" or "on d3" (vitamins)
        ("ward_code", rf"(?i:\b(?:been|was|were|stayed|moved|transferred|admitted|went)\s+"
                      rf"(?:on|to|onto)\s+)(?P<id>(?!{VITAMIN_CODE})[A-Za-z]\d{{1,2}}[A-Z]?)\b", 0.55),
        # a ward code after "on/to/from/in" that ends a clause or goes on as a ward does ("all
        # staff on B3.", "the nurses on D10 were", "care as always in e17."); not "on B12
        # injections" (a vitamin)
        ("ward_code_end", r"(?i:\b(?:on|to|onto|from|in)\s+)"
                          rf"(?P<id>(?!{VITAMIN_CODE})[A-Ha-h]\d{{1,2}}[A-Z]?)"
                          r"(?=\s*(?:[.,;:!?)]|$|\s(?i:ward|are|were|is|was|have|has|had|"
                          r"and|for|until)\b))", 0.55),
        # a hospital, infirmary or centre by its initials after an article or a preposition
        # ("seen at the KGH", "sent to LRI", "the LRi"); checked against service acronyms
        ("initials", r"(?i:\b(?:the|at|to|from|into|in|by)\s+)"
                     r"(?P<id>[A-Z]{2,4}[HIC]|[A-Z]{2,3}i)(?![\w'’&-])"
                     r"(?!\s+(?i:plan|diet|programme|program|course|scale|test|score|form|model|"
                     r"method|approach|scheme|app|code|register|guidance|standards|pin)\b)", 0.5),
        # a practice or hospital by two initials an export spaced out when it stripped the
        # stops ("trail over to K B", "the consultant from R T"); a person's initials there
        # are hidden too. Not a stripped abbreviation ("to A E", "from G P"): :meth:`validate`
        ("spaced_initials", r"(?i:\b(?:at|to|from|into)\s+)(?P<id>[A-HJ-Z]\s[A-Z])"
                            r"(?![\w'’&.-])(?!\s+[A-Z](?![\w'’]))", 0.5),
        # the same initials written with dots: "kept my appointments on C.R.I", "at the Q.M.C."
        ("dotted_initials", r"(?i:\b(?:the|at|to|from|into|in|by|on)\s+)"
                            r"(?P<id>(?-i:(?:[A-Z]\.){1,3}[HIC])\.?)(?![\w'’&.-])"
                            r"(?!\s+(?i:code|register|guidance|standards|pin)\b)", 0.5),
        # a ward code that is also a vitamin's ("B2", "D3"), where only a ward can be: after
        # staff, nurses or an admission ("the staff on B2 are", "admitted onto B2", "work on
        # B2."); "on B12 injections", "B2 tablets" stay vitamins
        ("vitamin_like_ward", rf"(?i:\b(?:staff|nurses?|midwi(?:fe|ves)|doctors?|carers?|"
                              rf"hca['’]?s|team|admitted|transferred|"
                              rf"moved|work(?:s|ed|ing)?|patients?|stay(?:ed)?)\s+(?:\w+\s+)?"
                              rf"(?:on|onto|to|from|in|at)\s+)"
                              rf"(?P<id>(?={VITAMIN_CODE})[A-Za-z]\d{{1,2}})"
                              r"(?=\s*(?:[.,;:!?)]|$)|\s(?i:ward|are|were|is|was|have|has|had|"
                              r"in|for|until|and\s+the)\b)", 0.55),
        # a ward code thanked as a team is: "Thank you F22", "thanks to all on C12!" (the code
        # ends the clause or goes on with a ward word); not "B12" or "D3" (vitamins)
        ("ward_code_thanks", r"(?i:\b(?:thank\s*(?:you|u)|thanks|cheers|well\s+done)"
                             r"(?:\s+to)?(?:\s+(?:all|everyone|every\s*one))?(?:\s+(?:the\s+)?"
                             r"(?:staff|team|nurses))?(?:\s+(?:on|at|of|in))?[\s,]+)"
                             r"(?P<id>(?!B12\b|D3\b)[A-Z]\d{1,2}[A-Z]?)"
                             r"(?=\s*(?:[.,;:!?)]|$|\s(?i:ward|team|staff)\b))", 0.55),
        # a named ward with its number after a preposition: "moved to Kestrel 2"
        ("named_ward_number", r"(?i:\b(?:on|to|onto|from|at)\s+)(?P<id>(?:[A-Z][a-z]+\s+)?"
                              r"[A-Z][a-z]{3,}\s+\d{1,2})(?!\s*(?:[/:.,]\d|[-x%]|"
                              r"(?i:st|nd|rd|th|am|pm|years?|yrs?|months?|weeks?|days?|hours?|"
                              r"hrs?|mins?|minutes?|times?|miles?|people|patients|of)\b))", 0.5),
        # Welsh schools and colleges: "ysgol y strade", "Coleg Menai"
        ("welsh_school", r"(?i:\b(?:ysgol|coleg|prifysgol|ysbyty|meddygfa)\s+(?:y\s+|yr\s+)?"
                         r"[a-zà-ÿ][\w'’-]+"
                         r"(?:\s+(?!and\b|a\b|the\b|to\b|is\b|was\b)[a-zà-ÿ][\w'’-]+)?)", 0.7),
        # schools in any case: "st wilfrids primary", "St. Aidan's High", "holy cross academy"
        ("school_lower", r"(?i:\b(?:st\.?|saint|holy|our\s+lady(?:\s+of)?|sacred)\s+"
                         r"[a-z][\w'’]+(?:\s+[a-z][\w'’]+)?\s+(?:c\s+of\s+e\s+|ce\s+|rc\s+|"
                         r"catholic\s+|church\s+of\s+england\s+)?(?:academy|primary|secondary|"
                         r"high|grammar|school|college|juniors?|infants?|nursery|sixth\s+form)"
                         r"(?:\s+school)?)\b", 0.7),
        # a service or place of care named with one word after "at the", "to the", "from the"
        # where a place stands ("sessions at the Beacon", "seen at the Royal", "referred to
        # the hollies"): a capitalised word, or a rare plural (a house or tree name); after
        # "in" only a hospital's short name ("two nights in the royal")
        ("the_named", rf"(?i:\b(?:at|to|from|into|in|attend(?:s|ed|ing)?)\s+)"
                      rf"(?P<id>(?i:the)\s+(?P<word>[A-Za-z][a-z]{{3,}}(?:['’]s)?))"
                      rf"{_SERVICE_SLOT_END}", 0.5),
        # a hospital by the short name of a "City" or "Royal" hospital after a word of care
        # ("admitted to the city", "sent me to the royal for my op"); elsewhere "the city" is
        # a town ("went to the city for shopping")
        ("care_short_name", rf"(?i:\b(?:admitted|transferred|referred|seen|treated|operated\s+on|"
                            rf"scanned|x-?rayed|discharged|sent|taken|appointments?|operation|"
                            rf"op|scan|stay|stayed|surgery|clinic)\s+(?:(?:me|us|him|her|them)"
                            rf"\s+)?(?:at|to|into|from|in)\s+)(?P<id>(?i:the)\s+"
                            rf"(?i:city|royal)){_SERVICE_SLOT_END}", 0.5),
        # a hospital by its possessive short name, no article ("transferred to queens", "seen
        # at Jimmy's"): a royal title or a first name with 's
        ("possessive_named", rf"(?i:\b(?:at|to|from|into|in)\s+)"
                             rf"(?P<id>[A-Za-z][a-z]{{2,}}(?:['’]s|(?<!s)s)){_SERVICE_SLOT_END}",
         0.5),
        # a lower-case word no dictionary, name list or misspelling explains, right after
        # "at", "from", "into" or a "to" of going where a hospital or place stands ("seen at
        # kingsmill", "sent to bassetlaw for a scan"; not "happy to listurn", a verb's
        # misspelling); checked in :meth:`_check_unknown_lower`
        ("unknown_after_prep", rf"(?<![\w'’])(?i:at|from|into|(?:went|gone|go|going|sent|took|"
                               rf"take|taken|brought|rushed|"
                               rf"moved|transferred|referred|taken|admitted|back|came|come|"
                               rf"travel(?:led)?|drove|drive)\s+(?:(?:me|us|him|her|them)\s+)?"
                               rf"to)\s+"
                               rf"(?P<id>[a-z]{{5,}})(?:{_SERVICE_SLOT_END}|"
                               rf"(?=\s+(?i:explained|told|said|sorted|saw|gave|treated|"
                               rf"examined|checked|listened)\b))", 0.5),
        # one or two lower-case words before "a&e" after a preposition ("at glan clwyd a&e",
        # "to morriston a&e"): a hospital's name; checked in :meth:`_check_before_ae`
        ("before_ae", r"(?i:\b(?:at|to|from|into|in)\s+)(?P<id>[a-z][a-z'’-]{2,}"
                      r"(?:\s+[a-z][a-z'’-]{2,})?)(?=\s+(?i:a\s*&\s*e|a\s+and\s+e|a\+e)\b)",
         0.5),
        # a lower-case named school, surgery, estate, service or pub: a word no dictionary,
        # misspelling or name list explains before its type word ("oakfield primary", "the
        # ashgrove estate", "greenfield surgery", "the kings arms"); a name-word names one
        # only after "the" ("the rose centre"); checked in :meth:`_check_lower_named`
        ("lower_named", r"(?<![\w'’-])(?P<id>(?P<word>[a-z][a-z'’]{3,})\s+"
                        rf"(?P<head>{_LOWER_NAMED_HEADS}))(?![\w'’-])", 0.55),
        # a practice named for a street or landmark, in any case: "tanners way surgery", "Pond
        # End Surgery" (one of the two words a street word; checked in
        # :meth:`_check_street_named`)
        ("street_named", r"(?<![\w'’-])(?P<id>(?P<w1>[A-Za-z][a-z'’]{2,})\s+"
                         r"(?P<w2>[A-Za-z][a-z'’]{2,})"
                         rf"\s+(?i:{_PRACTICE_HEADS}))(?![\w'’-])", 0.55),
        # the same with a two-word name: "hollins park primary"
        ("lower_named2", r"(?<![\w'’-])(?P<id>(?P<w1>[a-z]{4,})\s+"
                         r"(?P<word>[a-z][a-z'’]{3,})\s+"
                        rf"(?P<head>{_LOWER_NAMED_HEADS}))(?![\w'’-])", 0.55),
        # a hospital, school or university named after saying which it was, or where someone
        # studies: "the hospital was pinderfields", "a student at uclan" (a word no dictionary
        # holds; checked in :meth:`check`)
        ("named_as", r"(?i:\b(?:(?:hospital|hospice|school|college|uni|university|"
                     r"surgery|prison)\s+(?:was|is|were|called)|(?:student|studying|studied|"
                     r"lecturer|fresher|undergrad|postgrad)\s+at)\s+)"
                     r"(?P<id>[a-z][a-z'’-]{3,}(?:\s+(?!(?:and|but|when|in|for|so|where|until|"
                     r"til|they|it|we|i|the|a|was|is)\b)[a-z][a-z'’-]{2,})?)"
                     r"(?=\s*(?:[,.;!?)]|$)|\s+(?:and|but|when|in|for|so|where|until|til|they|"
                     r"it|we|i)\b)", 0.55),
        # a hospital by its one-word short name heading a sentence about care there: "Queens
        # could improve. City was good", "Queens transfer was slow" (capitalised, as a name)
        ("short_name_heading", r"(?:^|(?<=[.!?]\s)|(?<=[.!?]\s\s)|(?<=\n))"
                               r"(?P<id>Queens|Queen['’]s|City|General|Royal)"
                               r"(?=\s+(?:was|were|is|are|could|should|has|have|had|needs?|staff|"
                               r"ward|wards|transfer|hospital|A&E|maternity|nurses|doctors)\b)",
         0.5),
        # a nursery or playgroup by its name: "the nursery at little acorns", "a playgroup
        # called busy bees" (checked: no stop word, role or kind of place; "nursery at work")
        ("nursery_named", r"(?i:\b(?:nursery|creche|crèche|playgroup|pre-?school|childminders?|"
                          r"after[\s-]school\s+club|breakfast\s+club)\s+(?:at|called|named)\s+)"
                          r"(?P<id>[a-z][\w'’-]+(?:\s+[a-z][\w'’-]+){0,2}?)"
                          r"(?=\s*(?:[,.;!?)]|$)|\s+(?:and|but|when|while|where|were|was|is|in|"
                          r"on|for|so|because|cos)\b)", 0.55),
        # a prison by its name: "hmp parc", "HMYOI Polmont"
        ("prison", r"(?i:\b(?P<id>(?:hmp(?:\s*(?:&|and|/)\s*yoi)?|hmyoi|yoi|hm\s+prison)\s+"
                   r"(?!(?:and|or|the|to|in|at|for|of|is|was|are|were|&)\b)[a-z][\w'’-]+))"
                   r"(?![\w'’])", 0.7),
        # a service by a name that is a thing, not a kind of service: "the lighthouse
        # service", "the sunflower project", "the kingfisher suite" (not "the counselling
        # service", "the interview suite"); checked in :meth:`_check_thing_service`
        ("thing_service", r"(?i:\bthe\s+)(?P<id>(?P<word>[a-z][a-z'’-]{2,})\s+"
                          # a kind of care between the name and its head: "the hollybush mental
                          # health unit", "the lighthouse community centre"
                          r"(?:(?:mental\s+health|community|day|family|resource|recovery|"
                          r"mother\s+and\s+baby|perinatal|adolescent|eating\s+disorders?|"
                          r"wellbeing|youth|women['’]?s|children['’]?s)\s+)?"
                          r"(?P<head>service|project|suite|programme|program|network|"
                          r"collective|partnership|foundation|trust|hub|house|lodge|unit|wing|"
                          r"centre|center))(?![\w'’-])",
         0.5),
        # a saint's name in lower case after a place preposition or a school word: "goes to st
        # ninians", "at saint aidans", "the school st marys rc" (not a street, a day or a herb)
        ("saint_lower", r"(?i:\b(?:at|to|from|in|into|across|near|outside|attends?|attended|"
                        r"school|church|parish|college|academy|primary|hospital|hospice)\s+)"
                        r"(?P<id>(?i:st\.?|saint)\s+[a-z][a-z'’]{2,}(?:['’]s|s|\s+s(?=\s))"
                        r"(?:\s+(?i:rc|ce|c\s+of\s+e|catholic))?)(?![\w'’])"
                        r"(?!\s+(?i:day|eve|wort|street|road|lane|avenue|st)\b)", 0.55),
        # a lower-case named place of care right after a preposition: "operated on at elm
        # house", "stayed in birch lodge" (no article: "in the house" is not a name)
        ("lower_after_prep", r"\b(?:at|in|into|to|from|on|onto)\s+(?P<id>[a-z][a-z'’-]{2,}\s+"
                             r"(?:house|lodge|ward|hospital|hospice|manor|grange|court))\b", 0.6),
    )
    #: Words before a facility head that make it generic or not a name ("private hospital").
    _LOWER_NOT_NAMES: ClassVar[frozenset[str]] = frozenset("""
another every each any some no one which what whose whichever different private public
psychiatric mental children childrens children's community general acute local main
coffee halfway field town city family foster boarding open safe own whole entire same big
small nice lovely busy quiet clean dirty old new attend attending visit visiting leave leaving
stay staying go going come coming get getting back home main
""".split())

    def detect(self, text: str) -> list[Detection]:
        """Pattern detections; a named facility whose first words are not part of the name
        ("Thanks Cherry Ward") is retried without them."""
        out = []
        for det in super().detect(text):
            out.append(det)
        named = self._patterns()[1][1]
        for m in named.finditer(text):
            if any(d.start <= m.start("id") < d.end for d in out):
                continue
            starts = [w.start() for w in re.finditer(r"\S+", m.group("id"))][1:-1]
            for off in starts:
                sub = named.match(text, m.start("id") + off)
                if sub and self._check_named(text, sub.group("id"), sub.start("id")) is None:
                    out.append(Detection(sub.start("id"), sub.end("id"), self.ENTITY, 0.8,
                                         self.name, "named"))
                    break
        return out

    def check(self, match: re.Match[str]) -> bool | None:
        """Discard generic facilities ("Day Centre", "Leg Clinic", "The Ward")."""
        if match.re is self._patterns()[-1][1]:  # lower_after_prep
            from survey.anonymise.lexicon import known_places, word_frequency, wordnet_pos_words

            word = match.group("id").split()[0]
            if re.search(r"\bto\s+$", match.string[max(0, match.start("id") - 4):
                                                    match.start("id")]) and \
                    word in wordnet_pos_words("verb") and \
                    word_frequency().get(word, 0) >= 5000 and word.title() not in known_places():
                return False  # "tries to find hospital appointments": a verb after "to"
            return self._check_lower(match.group("id"))
        pname = next(name for name, rx, _ in self._patterns() if rx is match.re)
        if pname == "nursery_named":
            from spacy.lang.en.stop_words import STOP_WORDS

            from survey.anonymise.lexicon import is_role_or_generic

            words = match.group("id").lower().split()
            if any(w in STOP_WORDS or is_role_or_generic(w) or w in _NOT_NURSERY for w in words):
                return False  # "the nursery at work", "the creche at the centre"
            return None
        if pname == "named_as":
            from survey.anonymise.lexicon import (
                clinical_term,
                is_dictionary_word,
                is_role_or_generic,
                word_frequency,
                wordnet_pos_words,
            )

            first = match.group("id").split()[0].lower()
            if is_dictionary_word(first) or is_role_or_generic(first) or clinical_term(first):
                return False  # "the hospital was awful", "a student at uni"
            nxt = re.match(r"\s*(?:,|and)\s+([a-z]+)", match.string[match.end():])
            if nxt and nxt.group(1) in wordnet_pos_words("adj") and \
                    word_frequency().get(nxt.group(1), 0) >= 1000:
                return False  # "our hospital is spotles friendly and calm": a list of
                # what it is like, however a word of it is spelt
            return None
        if pname == "saint_alone":
            before = re.search(r"([A-Za-z]+)\s+$", match.string[:match.start()])
            from survey.anonymise.precision import STOP_WORDS

            if before and before.group(1)[:1].isupper() and \
                    before.group(1).lower() not in STOP_WORDS:
                return False  # "Broad St Building": a street's abbreviation
            return None
        if pname == "unknown_after_prep":
            word = match.group("id").lower()
            if len(word) >= 4 and any(head.startswith(word) for head in _CARE_HEADS):
                return False  # "go to hospit": a word for a place of care, cut short
            return self._check_unknown_lower(match.group("id"))
        if pname in ("lower_named", "lower_named2", "thing_service") and \
                re.fullmatch(r"[a-z'’-]{4,}ed", match.group("word")):
            return False  # "the overstretched unit": what a place is like, not its name
        if pname in ("lower_named", "lower_named2"):
            return self._check_lower_named(match)
        if pname == "street_named":
            return self._check_street_named(match.group("w1"), match.group("w2"))
        if pname == "glued":
            return self._check_glued(match.group("word"))
        if pname == "thing_service":
            return self._check_thing_service(match)
        if pname == "before_ae":
            return self._check_before_ae(match.group("id"))
        if pname == "the_named":
            if match.group().split()[0].lower() == "in" and \
                    match.group("word").lower() not in _SHORT_HOSPITAL:
                return False  # "in the Lounge": only a hospital's short name stays after "in"
            return self._check_the_named(match.string, match.group("word"))
        if pname == "possessive_named":
            return self._check_possessive(match.group("id"))
        if pname in ("spaced_initials", "dotted_initials"):
            from survey.anonymise.lexicon import is_dictionary_word, is_role_or_generic

            letters = re.sub(r"[\s.]", "", match.group("id"))
            if letters in self._NOT_FACILITY_INITIALS or is_role_or_generic(letters):
                return False  # "the N.M.C. code", "from G P": a body or a service, no hospital
            if pname == "spaced_initials" and (is_dictionary_word(letters) or
                                               letters.lower() in ("uk", "eu", "pm")):
                return False  # "to U K", "at A M": a word or an abbreviation, stops stripped
            return None
        if match.re is next(rx for name, rx, _ in self._patterns() if name == "initials"):
            from survey.anonymise.lexicon import is_role_or_generic

            value = match.group("id")
            if value.upper() in self._NOT_FACILITY_INITIALS or is_role_or_generic(value) or \
                    value.upper() != value and value[:-1].upper() != value[:-1]:
                return False  # "the MRI", "the CQC", "the UTC": a test, a body, a service
            return None
        if match.re is self._named_ward_rx():
            from survey.anonymise.lexicon import (
                CALENDAR_WORDS,
                is_dictionary_word,
                is_role_or_generic,
            )

            word = match.group("id").split()[-2]  # the name before the number
            if is_dictionary_word(word) or is_role_or_generic(word) or word in NOT_NAMES or \
                    word in NOT_PLACES or word.lower()[:3] in CALENDAR_WORDS:
                return False  # "on Level 2", "from Covid 19", "on Monday 3"
            return None
        if match.re is not self._patterns()[1][1]:
            return None
        return self._check_named(match.string, match.group("id"), match.start("id"))

    #: Initials ending H, I or C that name a test, condition, national body or generic
    #: service rather than a local hospital or centre.
    _NOT_FACILITY_INITIALS: ClassVar[frozenset[str]] = frozenset(
        "MRI UTI BMI CQC BBC ITC UTC UCC WIC SDEC ASC ACC ICC DOH DHSC NICE NHSI HMRC OCD "
        "ADHC CIC PHI KPI ABC CDC EHC EHCP SENCO".split())

    def _named_ward_rx(self) -> re.Pattern[str]:
        return next(rx for name, rx, _ in self._patterns() if name == "named_ward_number")

    @staticmethod
    def _check_the_named(text: str, value: str) -> bool | None:
        """"at the Beacon", "to the hollies": a capitalised word that is not a generic,
        calendar or very frequent word ("at the Moment", "to the Hospital"), less frequent
        still where the writer capitalises words by hand; in lower case only a rare plural,
        the way houses and homes are named after trees ("the hollies", "the laurels")."""
        from survey.anonymise.lexicon import (
            CALENDAR_WORDS,
            VERY_COMMON,
            _edits1,
            _plural_of_word,
            clinical_term,
            is_role_or_generic,
            word_frequency,
            writes_capitals,
        )
        from survey.anonymise.precision import GENERIC_MODIFIERS, STOP_WORDS

        low = value.lower().removesuffix("'s").removesuffix("’s")
        freq = word_frequency().get(low, 0)
        if low in STOP_WORDS or low in GENERIC_MODIFIERS or is_role_or_generic(low) or \
                low[:3] in CALENDAR_WORDS or low in CALENDAR_WORDS or clinical_term(low) or \
                value.title() in NOT_PLACES or low.rstrip("s") and \
                is_role_or_generic(low.rstrip("s")):
            return False
        if len(low) >= 5 and any(is_role_or_generic(c) for c in _edits1(low)):
            return False  # "from the Docters on call": a role, mistyped
        if value[:1].isupper():
            limit = VERY_COMMON if writes_capitals(text, inner_only=True) else 100000
            return False if freq >= limit else None
        if low in _SHORT_HOSPITAL:
            return None  # "seen at the royal": a hospital's short name
        if low.endswith("s") and not low.endswith("ss") and freq < 1500 and \
                (_plural_of_word(low) or freq >= 50):
            return None
        return False

    @staticmethod
    def _check_possessive(value: str) -> bool | None:
        """"to queens", "at Jimmy's": a royal title or a known first name with 's."""
        from survey.anonymise.lexicon import is_role_or_generic
        from survey.anonymise.recognizers.gazetteer import load_names

        from spacy.lang.en.stop_words import STOP_WORDS

        low = value.lower()
        stem = re.sub(r"(?:['’]s|s)$", "", low)
        if is_role_or_generic(stem) or is_role_or_generic(low) or len(stem) < 3 or \
                low in STOP_WORDS:
            return False  # "due to this", "thanks to his": a pronoun, not a possessive name
        if stem in _TITLE_STEMS:
            return None
        if stem.title() in load_names("first") and stem.title() not in NOT_NAMES and \
                stem not in _NOT_POSSESSIVE:
            from survey.anonymise.lexicon import COMMON, is_dictionary_word, word_frequency

            # "in bays", "to pops": without an apostrophe, the plural of a word is that word
            plural = is_dictionary_word(stem) or word_frequency().get(stem, 0) >= COMMON
            return None if "'" in value or "’" in value or not plural else False
        return False

    @classmethod
    def _check_lower(cls, value: str) -> bool | None:
        """A lower-case "<name> house": the name must not be generic, a role or a pronoun."""
        from survey.anonymise.lexicon import is_role_or_generic
        from survey.anonymise.precision import GENERIC_MODIFIERS, STOP_WORDS

        mod = value.split()[0].strip("'’")
        low = mod.lower().removesuffix("'s").removesuffix("’s")
        if value.split()[-1].lower() == "court" and low in _BUILDING_COMPOUNDS | {
                "family", "youth", "high", "district", "tennis", "food", "squash", "basketball",
                "netball", "civil", "appeal", "supreme", "royal", "county", "crown", "the"}:
            return False  # "at crown court", "in family court": a court, not a building
        if low in GENERIC_MODIFIERS or low in STOP_WORDS or low in cls._LOWER_NOT_NAMES or \
                is_role_or_generic(mod) or low.title() in NOT_NAMES:
            return False
        return None

    #: Type words that follow a name-word as a service's name ("the rose centre") or a pub's
    #: ("the kings head"), and only after "the".
    _PUB_HEADS: ClassVar[frozenset[str]] = frozenset({"arms", "head", "inn", "tavern"})
    _THE_ONLY_HEADS: ClassVar[frozenset[str]] = _PUB_HEADS | {"centre", "center", "project",
                                                              "clinic"}

    #: Words that say what kind of service it is, or where or for whom, not what it is
    #: called: "the counselling service", "the women's project", "the interview suite".
    _SERVICE_KIND_WORDS: ClassVar[frozenset[str]] = frozenset("""
advice housing outreach youth young women women's womens men men's mens listening advocacy
trauma sexual rape victim victims witness witnesses survivor survivors survivor's counselling
support crisis health recovery wellbeing family families children children's childrens therapy
befriending helpline drop-in walk-in day night community local new old national specialist
main whole same isva idva sarc police court courts probation prison council nhs mental care
carers dementia drug drugs alcohol substance addiction domestic abuse violence safeguarding
referral referrals assessment intake triage duty emergency bereavement refugee refugees asylum
lgbt lgbtq lgbtq+ student students school schools employment benefits debt legal law
interpreting interpreter translation pregnancy maternity parenting play food homeless
homelessness housing accommodation tenancy liaison independent private voluntary charity
statutory pilot online phone telephone text chat video group groups peer art arts music
drama sport sports leisure fitness wellness rehab rehabilitation healing interview medical
forensic examination family-support rural city county regional area district borough
outpatient inpatient sanctuary respite refuge shelter counsellors volunteer volunteers
volunteering training learning education early help wider whole-family this that our their
your my his her same other another every each any some one two three free paid funded
postal memorial halfway welfare dental vaccine vaccines vaccination vaccinations covid
covid-19 booster flu jab jabs immunisation immunization screening testing
""".split())
    #: A thing that names a service is a rarer word than a kind of service ("the room
    #: service", "the fire service" are kinds; "the kingfisher suite" a name).
    _THING_MAX_FREQ = 9000

    @classmethod
    def _check_thing_service(cls, match: re.Match[str]) -> bool | None:
        """"the lighthouse service": the word before the service word is a thing or a name
        (a dictionary word, or none), not a kind, place or audience of service, a role, a
        stop word or a clinical term."""
        from survey.anonymise.lexicon import (
            clinical_term,
            is_name_word,
            is_role_or_generic,
            word_frequency,
        )
        from survey.anonymise.precision import GENERIC_MODIFIERS, STOP_WORDS

        word = match.group("word").lower().strip("'’-")
        if len(word) == 3 and not is_name_word(word):
            return False  # "the uni service", "the gym hub"; a name-word names one ("the ivy")
        if word in cls._SERVICE_KIND_WORDS or word in STOP_WORDS or \
                word_frequency().get(word, 0) >= cls._THING_MAX_FREQ or \
                word in GENERIC_MODIFIERS or is_role_or_generic(word) or clinical_term(word) or \
                word.endswith(("ing", "al", "ic", "ive", "ary", "ory")) or \
                word.title() in NOT_NAMES:
            return False  # "the counselling service", "the medical suite", "the regional hub"
        return None

    #: Below this frequency a dictionary word before "surgery" or "primary" after "at"
    #: names one ("at riverside surgery"); above it it is a kind ("at dental surgery").
    _RARE_WORD = 1000

    #: Days and times of day: "a sunday morning clinic", "the saturday surgery" say when.
    _WHEN_WORDS = frozenset("monday tuesday wednesday thursday friday saturday sunday weekend "
                            "morning afternoon evening night weekday late early".split())
    #: Words before a street word that say where or what, not which ("the back end",
    #: "the far end", "a dead end").
    _NOT_STREET_NAME = frozenset("back front top bottom far dead tail rear deep open other "
                                 "this that same each every another".split())

    @classmethod
    def _check_street_named(cls, w1: str, w2: str) -> bool | None:
        """"tanners way surgery", "stone gardens health centre": one of the two words a street
        or landmark word, and neither a stop word, a generic modifier ("the main road surgery",
        "the new road surgery"), a role or a clinical word ("hip end surgery" is an operation)."""
        from survey.anonymise.lexicon import clinical_term, is_role_or_generic
        from survey.anonymise.precision import GENERIC_MODIFIERS, STOP_WORDS

        words = [w1.lower().strip("'’"), w2.lower().strip("'’")]
        if not any(w in STREET_WORDS for w in words) or all(w in STREET_WORDS for w in words):
            return False  # "road lane surgery"? two street words name nothing
        if any(w in STOP_WORDS or w in GENERIC_MODIFIERS or w in cls._NOT_STREET_NAME or
               is_role_or_generic(w) or clinical_term(w) for w in words):
            return False
        return None

    #: Kinds of centre glued to the type word that the generic word lists do not hold
    #: ("TownCentre", "TestCentre", "CallCentre").
    _GLUED_KINDS = frozenset("""
    sport sports job garden shopping town city call test testing vaccination youth wellness
    rape advice contact data fitness
    """.split())

    @classmethod
    def _check_glued(cls, word: str) -> bool | None:
        """"the VMCentre", "KelbySurgery": the glued name is no kind ("DayCentre",
        "HealthCentre", "GPSurgery", "NHSClinic": a generic modifier, role or service word)."""
        from survey.anonymise.lexicon import is_role_or_generic
        from survey.anonymise.precision import GENERIC_MODIFIERS, STOP_WORDS

        low = word.lower()
        if low in STOP_WORDS or low in GENERIC_MODIFIERS or low in cls._GLUED_KINDS or \
                is_role_or_generic(low):
            return False
        return None

    @classmethod
    def _check_lower_named(cls, match: re.Match[str]) -> bool | None:
        """"oakfield primary", "the rose centre": the word before the type word is one no
        dictionary, misspelling or list of roles and generic services holds (a compound such
        as "ashgrove" is no dictionary word), or a name-word after "the"; a pub's type word
        ("arms", "head", "inn") and a name-word's need "the" before them."""
        from survey.anonymise.lexicon import (
            clinical_term,
            is_dictionary_word,
            is_name_word,
            is_role_or_generic,
            is_wordnet_word,
            near_dictionary_word,
            word_frequency,
        )
        from survey.anonymise.precision import GENERIC_MODIFIERS, STOP_WORDS

        if match.group("head").lower() == "estate" and \
                re.search(r"(?i:\bthe)\s+$", match.string[:match.start("id")]):
            # "the meadow well estate", "the tower hill estate": after "the", everyday words
            # name an estate too, unless they say what kind it is ("the council estate")
            words = [w.lower().strip("'’") for w in match.group("id").split()[:-1]]
            return None if not any(w in STOP_WORDS or w in cls._ESTATE_KINDS or
                                   is_role_or_generic(w) for w in words) else False
        if match.groupdict().get("w1"):
            # "hollins park primary": a first word no dictionary, misspelling or name list
            # holds makes the pair a name
            first = match.group("w1").lower().strip("'’")
            second = match.group("word").lower().strip("'’")
            if {first, second} & cls._WHEN_WORDS:
                return False  # "a sunday morning clinic": when it runs, not its name
            ok = not (is_dictionary_word(first) or near_dictionary_word(first, min_freq=20000) or
                      first in STOP_WORDS or is_role_or_generic(first) or
                      clinical_term(first) or is_name_word(first))
            return None if ok and second not in STOP_WORDS and \
                second not in GENERIC_MODIFIERS and not is_role_or_generic(second) else False
        word = match.group("word").lower().strip("'’")
        base = word.removesuffix("'s").removesuffix("’s")
        head = match.group("head").split()[0].lower()
        after_the = re.search(r"(?i:\bthe)\s+$", match.string[:match.start("id")]) is not None
        if base in STOP_WORDS or base in GENERIC_MODIFIERS or base in cls._LOWER_NOT_NAMES or \
                is_role_or_generic(base) or clinical_term(base) or base.title() in NOT_NAMES:
            return False
        if head in cls._PUB_HEADS and \
                not after_the:
            return False  # "my head", "both arms": a pub's name needs its article
        if is_name_word(base):
            return None if after_the and head in cls._THE_ONLY_HEADS else False
        if after_the and head in cls._PUB_HEADS and re.search(
                r"(?:['’]s|[^s']s)$", word):
            return None  # "the bulls head", "the kings arms": a pub's possessive name
        if head in {"surgery", "primary", "academy", "practice", "medical", "med", "health", "comp",
                    "comprehensive", "infants", "juniors"} and \
                word_frequency().get(base, 0) < cls._RARE_WORD and re.search(
                    r"(?i:\b(?:at|from|to|with|in|into|attends?|attended))\s+$",
                    match.string[max(0, match.start("id") - 12):match.start("id")]):
            return None  # "at riverside surgery": a rare word names the surgery
        if is_dictionary_word(base) or near_dictionary_word(base):
            return False  # "the dental practice", "a local surgery", "excelent practice"
        if head in cls._WORD_HEADS and is_wordnet_word(base):
            return False  # "the kettle cafe", "the boxing club": a thing, not a name
        return None

    #: Words that say what kind of estate it is, not which ("the council estate").
    _ESTATE_KINDS = frozenset("""
council housing industrial retail business trading new old same whole big local rough posh private
court prison hospital nhs school university college church farm
social country real mobile caravan shopping other next nearby massive huge tiny small large
""".split())
    #: Type words after which an everyday word is more often a description than a name ("the
    #: book club", "the kettle cafe"): the word must be one no WordNet lemma holds.
    _WORD_HEADS = frozenset({"high", "club", "hub", "cafe", "café", "refuge"})

    @classmethod
    def _check_before_ae(cls, value: str) -> bool | None:
        """"at glan clwyd a&e": every word is one no dictionary holds, neither a stop word, a
        role nor a generic modifier ("at the local a&e", "to my nearest a&e" stay)."""
        from survey.anonymise.lexicon import is_dictionary_word, is_role_or_generic
        from survey.anonymise.precision import GENERIC_MODIFIERS, STOP_WORDS

        for word in value.split():
            low = word.lower().strip("'’")
            if low in STOP_WORDS or low in GENERIC_MODIFIERS or low in cls._LOWER_NOT_NAMES or \
                    is_role_or_generic(low) or is_dictionary_word(low):
                return False
        return None

    @staticmethod
    def _check_unknown_lower(word: str) -> bool | None:
        """"at kingsmill": a word no frequency list holds, neither a misspelling of a frequent
        word ("at recpetion") nor two run together, a role, generic service or clinical term,
        a name-list word (the name rules decide those), nor a compound of a service word
        ("telehealth", "physiocare")."""
        from survey.anonymise.lexicon import (
            ABBREVIATION_WORDS,
            clinical_term,
            is_role_or_generic,
            word_frequency,
        )
        from survey.anonymise.precision import _wordlike
        from survey.anonymise.recognizers.gazetteer import load_names

        if word_frequency().get(word, 0) or _wordlike(word) or is_role_or_generic(word) or \
                clinical_term(word) or word in ABBREVIATION_WORDS or \
                word.title() in load_names("first") or word.title() in load_names("surname"):
            return False
        if any(word.startswith(w) or word.endswith(w) for w in _service_parts()):
            return False
        return None

    @staticmethod
    def _named_subject(text: str, value: str, start: int, mods: list[str], head: str) -> bool:
        """A one-word name before a capitalised "Centre", "Hospice" or "Hospital" opening a
        sentence, then a verb ("Hope Centre is ...", "Rainbow Hospice has ..."): the writer
        capitalised the type word mid-sentence, so the pair is a name even when the first
        word is an everyday one. Not an evaluation ("Great Hospital", "Lovely Centre"), a
        generic type ("Day Centre") or a text that capitalises other words by hand too."""
        from survey.anonymise.lexicon import is_role_or_generic, writes_capitals
        from survey.anonymise.precision import GENERIC_MODIFIERS, STOP_WORDS, _sentence_initial

        first = mods[0]
        low = first.lower()
        return len(mods) == 1 and head in _SUBJECT_HEADS and first[1:].islower() and \
            value.split()[-1][:1].isupper() and _sentence_initial(text, start) and \
            low not in GENERIC_MODIFIERS and low not in STOP_WORDS and \
            low not in _PLAIN_ADJECTIVES and not _ADJECTIVE_END.search(low) and \
            not is_role_or_generic(first) and \
            _NAMED_SUBJECT_VERB.match(text, start + len(value)) is not None and \
            not writes_capitals(text[start + len(value):], inner_only=True)

    @staticmethod
    def _check_named(text: str, value: str, start: int) -> bool | None:
        from survey.anonymise.lexicon import is_dictionary_word, is_role_or_generic
        from survey.anonymise.precision import GENERIC_MODIFIERS, _sentence_initial

        words = value.split()
        while words and re.fullmatch(r"\d{1,2}[A-Z]?", words[-1]):
            words = words[:-1]
        head_len = 2 if len(words) > 2 and _FAC_HEAD_ANY.match(" ".join(words[-2:])) else 1
        mods, head = words[:-head_len], " ".join(words[-head_len:]).lower()
        if not mods or mods[0] in ("St", "St.", "Saint"):
            return None if mods else False
        if head == "surgery" and len(mods) == 1 and re.fullmatch(r"[A-Z]{2,5}", mods[0]) and \
                re.search(r"(?i:\b(?:my|his|her|their|your)\s+)$", text[max(0, start - 8):start]):
            return False  # "to discuss my FHR surgery", "his ACL surgery": an operation
        if FacilityRecognizer._named_subject(text, value, start, mods, head):
            return None  # "Hope Centre is centrally located": a name as the subject
        if mods[0] in NOT_PLACES and mods[0].lower() not in ("st",) or \
                mods[0] in {"The", "A", "An", "This", "That", "Our", "My", "Their", "His", "Her",
                            "Your", "Local", "Every", "Each", "All", "Any", "Some", "No", "In",
                            "At", "On", "To", "From", "Out", "Up", "Off", "Open", "Full"}:
            return False  # "In house training", "Out patient unit": a phrase, not a name
        generic = [m.lower().strip("'’s") in GENERIC_MODIFIERS or is_role_or_generic(m)
                   for m in mods]
        if any(generic):
            from survey.anonymise.precision import _wordlike

            first = mods[0]
            if len(mods) > 1 and not generic[0] and all(generic[1:]) and first[:1].isupper() \
                    and not (_sentence_initial(text, start) and _wordlike(first)):
                return None  # "Horizon Day Centre": a name before a generic type
            return False
        if head.split()[-1] in _SPECIALTY_HEADS and all(is_dictionary_word(m) for m in mods):
            return False  # "Leg Clinic", "Fracture Clinic"
        from survey.anonymise.precision import _wordlike

        # How much a one-word name must look like a word to be one: at a sentence's start,
        # a word or one letter from one, unless a capitalised facility word says the capital
        # is a name's ("Burne Ward was brilliant"; "Excellent Ward staff" stays a phrase);
        # inside a sentence its capital says so too, so it must be a dictionary word ("the
        # Organised ward"; not "on Alford ward", "on Breckon ward"), and before a capitalised
        # facility word an everyday or describing one ("a Lovely Ward"; not "the Queens
        # Medical Centre")
        mod = mods[0] if len(mods) == 1 else ""
        if mod and mod.lower() not in ("st", "saint"):
            from survey.anonymise.lexicon import VERY_COMMON, word_frequency

            capital_head = words[-head_len][:1].isupper()
            if _sentence_initial(text, start) and not (capital_head and is_dictionary_word(mod)):
                everyday = _wordlike(mod, capital_counts=capital_head)
            elif capital_head:  # "Cedar Ward was brilliant": a tree, not a describing word
                everyday = is_dictionary_word(mod) and (
                    word_frequency().get(mod.lower(), 0) >= VERY_COMMON or
                    _ADJECTIVE_END.search(mod.lower()) is not None)
            else:
                everyday = is_dictionary_word(mod)
            if not everyday:
                return None
            if head in _BUILDING_HEADS and mod[:1].isupper() and \
                    mod.lower() not in _BUILDING_COMPOUNDS and \
                    not _ADJECTIVE_END.search(mod.lower()):
                return None  # "Haven house", "Birch Lodge": a noun naming a building
            return False  # "Excellent Ward staff", "Organised ward": an everyday word
        return None


@functools.cache
def _service_parts() -> tuple[str, ...]:
    """Role and generic service words of four letters or more: a word that starts or ends with
    one is a compound of it ("telehealth", "physiocare"), not a place's name."""
    from survey.anonymise.lexicon import GENERIC_WORDS, ROLE_WORDS

    return tuple(sorted(w for w in GENERIC_WORDS | ROLE_WORDS if len(w) >= 4 and w.isalpha()))


#: First names that are also words which take a plural or possessive after a preposition
#: ("in years", "at times", "to ages").
_NOT_POSSESSIVE = frozenset("""
year time age day week month way work home life art will may june april summer page
""".split())
#: Heads of building names ("Haven house", "Beech Court"), where a capitalised noun names it.
_BUILDING_HEADS = frozenset("house lodge manor grange court hall".split())
#: Everyday compounds with those heads ("town hall", "crown court", "green house").
_BUILDING_COMPOUNDS = frozenset("""
town city village church county crown magistrates family food green open half mad play coffee
ale boarding dining sports concert music dance pool tree guest bath ware work light glass
main big small new old public full safe halfway opera school market state white dog
""".split())
#: Heads of a place of care that, capitalised after a capitalised first word, name one as
#: the subject of a sentence ("Hope Centre is ..."; not "Ward", which praise comes before).
_SUBJECT_HEADS = frozenset("centre center hospice hospital".split())
#: What a place of care named as a subject goes on with: a verb of being, having or giving.
_NAMED_SUBJECT_VERB = re.compile(r"\s+(?:is|was|are|were|has|have|had|provides|provided|offers|"
                                 r"offered|helped|helps|gave|gives|runs|ran)\b")
#: Short evaluative adjectives without an adjective ending ("Great Hospital is ...").
_PLAIN_ADJECTIVES = frozenset("great good nice best fab top clean grand fine poor bad".split())
#: Adjective endings ("Excellent", "Wonderful", "Lovely"): an evaluation, not a name.
_ADJECTIVE_END = re.compile(r"(?:ent|ant|ful|ous|ive|able|ible|al|ic|ed|ing|ly|y|est|er)$")


def _load_places() -> frozenset[str]:
    from survey.anonymise.lexicon import known_places

    return known_places()


#: Regions named by a plural everyday word: one only with "the" before it ("the fens are
#: lonely", "in the highlands"; "peaks and valleys" stays a word).
_THE_REGIONS = frozenset({"highlands", "fens", "dales", "valleys", "potteries", "wolds",
                          "cotswolds", "chilterns", "pennines"})

_PLACE_NEXT = re.compile(r"\s+(?:office|service|services|area|branch|team|centre|hospital|"
                         r"police|council|station|town|city|way)\b")


class UkPlaceRecognizer(PatternRecognizer):
    """UK counties, regions, larger towns and other countries from a shipped list
    (``data/uk_places.txt``).

    A place that is also an everyday word ("Bath", "Reading", "Bury") counts only after a place
    preposition ("in", "from", "near"...), never at the start of a sentence.
    """

    name = "places.uk.v1"
    entities = ("LOCATION",)
    ENTITY = "LOCATION"
    _rx: ClassVar[re.Pattern[str] | None] = None

    def detect(self, text: str) -> list[Detection]:
        """Return listed places."""
        from survey.anonymise.lexicon import COMMON, is_dictionary_word, word_frequency

        if UkPlaceRecognizer._rx is None:
            places = sorted(_load_places(), key=len, reverse=True)
            # the listed spelling first, then any case (as one alternation each: same matches)
            UkPlaceRecognizer._rx = re.compile(
                rf"(?<![\w'’-])(?:{alternation(places, fold=False)}|"
                rf"(?i:{alternation(p.lower() for p in places)}))(?![\w'’-])")
        out = []
        for m in UkPlaceRecognizer._rx.finditer(text):
            before = text[max(0, m.start() - 12):m.start()].lower().split()
            if m.group().lower() in _THE_REGIONS and before and before[-1] == "the":
                pass  # "the fens", "the Valleys": a region by its article
            elif m.group()[:1].islower():  # "from cardiff to leith": lower case needs context
                low = m.group().lower()
                if is_dictionary_word(m.group()) or not (
                        before and before[-1] in PLACE_PREPS | {"the"} or
                        _PLACE_NEXT.match(text, m.end()) or
                        # a name of several words, or a rare word no dictionary holds, is
                        # itself the evidence: "for east riding", "the marac for thanet"
                        re.search(r"\s", low) or word_frequency().get(low, 0) < COMMON):
                    continue
            elif " " not in m.group() and is_dictionary_word(m.group()):
                if not before or before[-1] not in PLACE_PREPS:
                    continue
            out.append(Detection(m.start(), m.end(), "LOCATION", 0.6, self.name, "uk_place"))
        return out


_PERSON_NOUNS = (r"(?:woman|women|man|men|person|people|girl|girls|boy|boys|lady|ladies|lad|lads|"
                 r"family|families|mother|father|mum|dad|nurse|doctor|community|communities|"
                 r"british|irish|english|scottish|welsh|european|african|caribbean|asian|other|"
                 r"female|male|background|heritage|origin|descent|couple|partner|friend|guy|"
                 r"guys|youth|teen|teenager|child|kid|student|worker|patient|survivor|victim)")
_SUBJECT = (r"(?:i'?m|i\s+am|i\s+was|am|he\s+is|she\s+is|he's|she's|they\s+are|they're|we\s+are|"
            r"we're|being|as\s+an?|identify\s+as|identified\s+as|an?|both|are\s+you|is\s+he|"
            r"is\s+she|(?:my|her|his|their|our)\s+[a-z]+\s+(?:is|was|are|were))")


class DemographicRecognizer(Recognizer):
    """Identity words (``data/demographics.txt``): orientation, gender identity, ethnicity,
    nationality, religion, disability, age group (label ``NRP``, shown as GROUP). The engine
    keeps them unless the project opts their category in (:mod:`survey.anonymise.identity`).

    A term counts when written with a capital ("Polish", "Muslim") or when it is not an
    everyday word ("bisexual"); a term that is also an everyday word ("white", "gay",
    "straight", "polish") counts only next to a person ("a white woman", "I'm gay",
    "white British").
    """

    name = "person.demographic.v1"
    entities = ("NRP",)
    _rx: ClassVar[tuple[re.Pattern[str], ...] | None] = None

    def _patterns(self) -> tuple[re.Pattern[str], ...]:
        from survey.anonymise.lexicon import demographic_terms

        if DemographicRecognizer._rx is None:
            plain, ctx = demographic_terms()

            every = alternation(sorted(plain | ctx, key=len, reverse=True), sep=r"[\s-]+")
            DemographicRecognizer._rx = (
                re.compile(rf"(?i)(?<![\w'’-])(?:{every})(?![\w'’-])"),
                re.compile(rf"(?i)\b{_SUBJECT}\s+(?:\w+\s+)?(?P<a>{every})(?![\w'’-])"),
                re.compile(rf"(?i)(?<![\w'’-])(?P<a>{every})\s+{_PERSON_NOUNS}\b"),
                re.compile(rf"(?i)\b{_SUBJECT}\s+(?P<a>{every})(?![\w'’-])"))
        return DemographicRecognizer._rx

    def detect(self, text: str) -> list[Detection]:
        """Return demographic terms."""
        from survey.anonymise.lexicon import demographic_terms, is_dictionary_word
        from survey.anonymise.precision import _sentence_initial

        plain, ctx = demographic_terms()
        anywhere, *with_person = self._patterns()
        out = []
        seen = set()

        def prefix_of_word(start: int, end: int) -> bool:
            # "bi - polar", "trans-fusion": the term is the first half of another word
            nxt = re.match(r"\s*[-‐]\s*([a-z]+)", text[end:end + 30], re.IGNORECASE)
            if not nxt:
                return False
            joined = (text[start:end] + nxt.group(1)).lower()
            return joined not in plain and joined not in ctx and is_dictionary_word(joined)

        def article_before_thing(m: re.Match[str]) -> bool:
            # "a straight answer", "a black cloud": after a bare article an everyday colour or
            # shape word describes the next noun; "a black woman" has its person noun (and is
            # found by the person-noun pattern), "she is a lesbian" has no everyday word
            term = re.sub(r"[\s-]+", " ", m.group("a").lower())
            lead = text[m.start():m.start("a")].strip().lower()
            return term in ctx and term not in plain and lead in ("a", "an") and \
                re.match(r"\s+[a-z]", text[m.end("a"):m.end("a") + 2], re.IGNORECASE) is not None

        for rx in with_person:
            for m in rx.finditer(text):
                if prefix_of_word(m.start("a"), m.end("a")) or article_before_thing(m):
                    continue
                if m.start("a") not in seen:
                    seen.add(m.start("a"))
                    out.append(Detection(m.start("a"), m.end("a"), "NRP", 0.6, self.name,
                                         "demographic+person"))
        for m in anywhere.finditer(text):
            if m.start() in seen or prefix_of_word(m.start(), m.end()):
                continue
            term = re.sub(r"[\s-]+", " ", m.group().lower())
            if term not in plain:
                continue
            if m.group()[0].isupper() and not _sentence_initial(text, m.start()) or \
                    not is_dictionary_word(term.split()[-1]):
                out.append(Detection(m.start(), m.end(), "NRP", 0.55, self.name, "demographic"))
        return out
