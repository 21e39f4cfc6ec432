"""Span clean-up after detection: every detection widened by :func:`extend` (hyphenated tails,
surnames, initials, a saint's title, a nickname's "big", a place's direction and type word);
neighbours that are one identifier joined."""

from __future__ import annotations

import re

from survey.anonymise.spans import Detection

_NAMEISH = frozenset({"PERSON", "LOCATION", "ORGANIZATION", "OTHER_NAME", "FACILITY"})
_HYPHEN_TAIL = re.compile(r"(?:-(?:[a-z]{1,4}-)*[A-Za-zÀ-ÖØ-öø-ÿ][\w'’]*)+")


def extend_hyphenated(text: str, det: Detection) -> Detection:
    """Extend a name or place over a hyphenated tail spaCy split off ("Ashby" "-de-la-Zouch").

    Args:
        text: The text.
        det: One detection.

    Returns:
        The detection, widened when a hyphenated tail follows it directly.
    """
    if det.entity not in _NAMEISH:
        return det
    m = _HYPHEN_TAIL.match(text, det.end)
    if not m:
        return det
    return Detection(det.start, m.end(), det.entity, det.score, det.recognizer,
                     det.reason + " +hyphen")


_PARTICLE_GAP = re.compile(r" (?:van|von|de|der|den|ten|ter|da|di|du|le|la|bin|bint|al|el|dos|"
                           r"das|del|della|ibn)(?: (?:de|der|den|la))? ")
_ADDRESS_TAIL = frozenset({"STREET_ADDRESS", "LOCATION", "UK_POSTCODE"})
_ADDRESS_GAP = re.compile(r"[ \t]*(?:,[ \t]*|\n[ \t>]*)?")


_NEXT_WORD = re.compile(r"[ \t]+([A-ZÀ-ÖØ-Þ][\w'’-]+)")


def extend_surname(text: str, det: Detection, *, max_words: int = 2) -> Detection:
    """Extend a person over directly following capitalised known surnames ("Mrs grace" "Jones").

    Args:
        text: The text.
        det: One detection.
        max_words: Most surnames to absorb.

    Returns:
        The detection, widened when known surnames follow it.
    """
    if det.entity != "PERSON":
        return det
    from survey.anonymise.recognizers.gazetteer import load_names
    from survey.anonymise.recognizers.names import NOT_NAMES

    surname = load_names("surname")
    end = det.end
    for _ in range(max_words):
        m = _NEXT_WORD.match(text, end)
        if not m or m.group(1) in NOT_NAMES or m.group(1).title() not in surname:
            break
        end = m.end(1)
    if end == det.end:
        return det
    return Detection(det.start, end, det.entity, det.score, det.recognizer,
                     det.reason + " +surname")


_LOWER_INITIALS = re.compile(r"(?<![\w'’])([a-z]{1,2})[ \t]+$")
_DOTTED_INITIALS = re.compile(r"(?<![\w'’.])(?:[A-Za-z]\.[ \t]?){1,2}[ \t]*$")


def extend_initials(text: str, det: Detection) -> Detection:
    """Extend a person left over lower-case initials written before the surname ("mk" "Harlow").

    Args:
        text: The text.
        det: One detection.

    Returns:
        The detection, widened when one or two lower-case letters that are not a word precede it.
    """
    if det.entity != "PERSON":
        return det
    d = _DOTTED_INITIALS.search(text, max(0, det.start - 8), det.start)
    if d and re.search(r"(?i:\b(?:dr|mr|mrs|ms|miss|prof|nurse|sister|pc|dc|ds)\.?\s+)$",
                       text[max(0, d.start() - 10):d.start()]):
        return Detection(d.start(), det.end, det.entity, det.score, det.recognizer,
                         det.reason + " +initials")  # "dr k. obi": the initial is the name's
    if not text[det.start:det.start + 1].isupper():
        return det
    m = _LOWER_INITIALS.search(text, max(0, det.start - 4), det.start)
    if not m:
        return det
    from spacy.lang.en.stop_words import STOP_WORDS

    from survey.anonymise.lexicon import word_frequency

    letters = m.group(1)
    if letters in STOP_WORDS or word_frequency().get(letters, 0) >= 1000 or \
            letters in ("a", "i", "cc", "bc", "re", "fw", "v", "vs"):
        return det  # ("cc Dawn, Jack": a copy line's heading; "R v Hollings": versus)
    return Detection(m.start(1), det.end, det.entity, det.score, det.recognizer,
                     det.reason + " +initials")


#: Type words that belong to the name of a place, service or court before them ("treorchy
#: comp", "teesside crown court", "barnsley police station", "penarth ladies fc", "gwent
#: police", a force named by its area): a facility keeps its type word when it is part of the
#: name (the annotation guide).
_TYPE_AFTER = re.compile(
    r"\s+(?i:(?:crown|magistrates['’]?|county|family|youth)\s+court|police\s+station|"
    r"comp|comprehensive|primary(?:\s+school)?|academy|high\s+school|grammar(?:\s+school)?|"
    r"infants|juniors|college|university|uni|met|hospital|infirmary|hospice|surgery|"
    r"medical\s+(?:centre|center|practice)|health\s+(?:centre|center)|"
    r"safeguarding\s+(?:unit|team|hub)|(?:crisis|mental\s+health|community)\s+team|"
    r"(?:ladies|women['’]?s|girls|boys|men['’]?s|town|city|united|rovers)?\s*(?:fc|afc|rfc|rlfc)|"
    r"depot|library|foodbank|food\s+bank|refuge|police|constabulary|"
    # a club or a community building named for its place: "hartlepool united", "hillside
    # community centre", "St Aidan's church hall"
    r"united|rovers|wanderers|athletic|albion|community\s+(?:centre|center|hall|room)|"
    r"church\s+hall|leisure\s+centre|sports\s+centre)(?![\w'’-])")
_TYPE_ENTITIES = frozenset({"LOCATION", "FACILITY", "ORGANIZATION"})
#: A local branch of a service named after its place, in capitals: "Loughborough Women's
#: Aid", "Kirklees Rape and Sexual Abuse Centre", "Sefton Children's Hub".
_SERVICE_NAME_AFTER = re.compile(
    r"(?:\s+(?:[A-Z][\w'’-]*|and|&|of|for))*?\s+(?:[A-Z][\w'’-]*\s+)?"
    r"(?:Aid|Service|Services|Centre|Center|Hub|Project|Team|Unit|Trust|Partnership|Network|"
    r"Clinic|Hospital|Infirmary|Royal|General|Group|Forum|Space|Works|Crisis)(?![\w'’-])")
#: A place's direction or part before it: "south armagh", "North Tyneside" is one name.
_DIRECTION_BEFORE = re.compile(r"(?i:(?<![\w'’-])(?:north|south|east|west|mid|upper|lower|"
                               r"central|greater|inner|outer)\s+)$")
#: "the royal derby", "royal oldham": a hospital named for its town.
_ROYAL_BEFORE = re.compile(r"(?i:(?<![\w'’-])royal\s+)$")
_ROYAL_AFTER = re.compile(r"\s+(?i:royal|general)(?![\w'’-])(?!\s+(?i:election|public|"
                          r"practice|practitioner|manager|feeling|idea|rule|knowledge)\b)")


def extend_type_word(text: str, det: Detection) -> Detection:
    """Take the type word that follows a detected place or service into it ("[treorchy]
    comp" -> "[treorchy comp]"): the name of a school, court or club, which is where the
    writer is.

    Args:
        text: The text.
        det: One detection.

    Returns:
        The detection, widened over a type word right after it.
    """
    if det.entity not in _TYPE_ENTITIES:
        return det
    start, end, reason = det.start, det.end, det.reason
    d = _DIRECTION_BEFORE.search(text, max(0, start - 9), start)
    if d and det.entity == "LOCATION":
        start, reason = d.start(), reason + " +direction"
    r = _ROYAL_BEFORE.search(text, max(0, start - 7), start)
    if r and det.entity == "LOCATION":
        start, reason = r.start(), reason + " +royal"
    m = _TYPE_AFTER.match(text, end) or _ROYAL_AFTER.match(text, end)
    if m:
        end, reason = m.end(), reason + " +type"
        t = _TYPE_AFTER.match(text, end)  # "leicester royal" "infirmary"
        if t:
            end = t.end()
    elif text[start:start + 1].isupper():
        n = _SERVICE_NAME_AFTER.match(text, end)
        if n and n.end() - end <= 60:
            end, reason = n.end(), reason + " +service_name"
    if (start, end) == (det.start, det.end):
        return det
    return Detection(start, end, det.entity, det.score, det.recognizer, reason)


_NICK_BEFORE = re.compile(r"(?i:(?<![\w'’])(?:big|little|wee|lil)\s+)$")


def extend_nickname(text: str, det: Detection) -> Detection:
    """Take "big", "little", "wee" into a name they belong to, in the name's case ("big dave",
    "Big Gaz").

    Args:
        text: The text.
        det: One detection.

    Returns:
        The detection, widened leftwards over the word that makes the nickname.
    """
    if det.entity != "PERSON":
        return det
    m = _NICK_BEFORE.search(text, max(0, det.start - 8), det.start)
    if not m or not text[det.start:det.end].islower() and not (
            m.group()[:1].isupper() and text[det.start:det.end].istitle()):
        return det  # "big dave", "Big Gaz"; not "big Dave" (a big man called Dave)
    return Detection(m.start(), det.end, det.entity, det.score, det.recognizer,
                     det.reason + " +nickname")


_SAINT_BEFORE = re.compile(r"(?i:(?<![\w'’])(?:st\.?|saint)\s+)$")


def extend_saint(text: str, det: Detection) -> Detection:
    """Take a saint's title into a name it belongs to ("st marys", "St. Anne's"): the name
    of a school, church or hospital, so a person's label becomes ``FACILITY``.

    Args:
        text: The text.
        det: One detection.

    Returns:
        The detection, widened leftwards over "st", "st." or "saint" right before it.
    """
    if det.entity not in _NAMEISH:
        return det
    m = _SAINT_BEFORE.search(text, max(0, det.start - 8), det.start)
    if not m:
        return det
    entity = "FACILITY" if det.entity == "PERSON" else det.entity
    return Detection(m.start(), det.end, entity, det.score, det.recognizer, det.reason + " +saint")


#: Identifiers written as codes, whose letters or parts may be glued to the part found.
_CODED = frozenset({"REFERENCE_NUMBER", "PHONE_NUMBER", "UK_NHS_NUMBER"})
_GLUED_BEFORE = re.compile(r"(?<![\w/-])[A-Za-z]{1,4}\d{0,3}[/-]?$")
_GLUED_NUMBER = re.compile(r"(?<![\w/-])\d{2,6}/$")
_GLUED_AFTER = re.compile(r"(?:[/-][A-Za-z0-9]{1,8})+(?![\w/-])")


def extend_glued_code(text: str, det: Detection) -> Detection:
    """Take the letters or parts glued to a reference into it ("CR/" "40182/24", "RX" "9 4471
    22", "4471/" "19JUL"): a code is one identifier, and its letters say whose it is.

    Args:
        text: The text.
        det: One detection.

    Returns:
        The detection, widened over characters joined to it without a space.
    """
    if det.entity not in _CODED:
        return det
    start, end = det.start, det.end
    b = _GLUED_BEFORE.search(text, max(0, start - 8), start)
    if b and b.group() and (b.group()[-1] in "/-" or b.group()[-1].isdigit() or
                            text[start:start + 1].isdigit() and b.group().isupper()):
        start = b.start()
    elif g := _GLUED_NUMBER.search(text, max(0, start - 8), start):
        start = g.start()  # "4471/" before "19JUL"
    a = _GLUED_AFTER.match(text, end)
    if a:
        end = a.end()
    if (start, end) == (det.start, det.end):
        return det
    return Detection(start, end, det.entity, det.score, det.recognizer, det.reason + " +glued")


_LEAD_WORD = re.compile(r"([a-z][a-z'’-]*)[ \t]+(?=\S)")
#: Titles that belong to a name ("mrs lamb", "dr obi"): kept inside its span.
_HONORIFICS = frozenset("mr mrs ms miss mx dr prof sir dame lord lady rev revd fr".split())


def drop_leading_role(text: str, det: Detection) -> Detection:
    """A person's span without the lower-case role or relation word it opens with: "my [sister
    chantelle]" -> "my sister [chantelle]", "[nurse kp]" -> "nurse [kp]", "[pc j lambert]" -> "pc
    [j lambert]" (policy: role and relation words are never removed, and the reader keeps who
    the person was). An organisation span that is a role and a first name ("the interpreter
    kasia") becomes that person. Honorifics stay ("mrs lamb"); capitalised titles ("Nurse
    Jones", "Sgt Riley") are part of a written name and stay too."""
    if det.entity not in ("PERSON", "ORGANIZATION"):
        return det
    m = _LEAD_WORD.match(text, det.start)
    if not m or m.end() >= det.end or m.group(1) in _HONORIFICS:
        return det
    from survey.anonymise.lexicon import is_role_or_generic
    from survey.anonymise.recognizers.name_slots import is_relation

    word = m.group(1)
    if not (is_relation(word) or is_role_or_generic(word)):
        return det
    rest = text[m.end():det.end].strip()
    if det.entity == "ORGANIZATION":
        from survey.anonymise.recognizers.gazetteer import load_names

        if " " in rest or rest.title() not in load_names("first"):
            return det  # "the council housing": a service, not a person
        return Detection(m.end(), det.end, "PERSON", det.score, det.recognizer,
                         det.reason + " +role_out")
    return Detection(m.end(), det.end, det.entity, det.score, det.recognizer,
                     det.reason + " +role_out")


#: Widenings applied to every detection, in this order (each returns it unchanged when its
#: case does not apply).
EXTENDERS = (extend_glued_code, extend_hyphenated, extend_surname, extend_initials, extend_saint,
             extend_nickname,
             extend_type_word)


def extend(text: str, det: Detection) -> Detection:
    """One detection widened by every :data:`EXTENDERS` step in turn."""
    for step in EXTENDERS:
        det = step(text, det)
    return det


def join_adjacent(text: str, dets: list[Detection]) -> list[Detection]:
    """Join neighbours that are one identifier.

    Name parts split by a hyphen, an apostrophe or a particle ("Kowal" "-" "ska", "Maartje"
    "ten" "Bosch"), and an address followed by a place or postcode after a comma or line break
    ("12 Mill Lane" ", " "Leeds").

    Args:
        text: The text.
        dets: Non-overlapping detections sorted by start.

    Returns:
        The detections with such neighbours merged.
    """
    out: list[Detection] = []
    for det in dets:
        prev = out[-1] if out else None
        gap = text[prev.end:det.start] if prev is not None else ""
        name_join = (len(gap) == 1 and gap in "-‐'’" or _PARTICLE_GAP.fullmatch(gap)) and \
            {prev.entity, det.entity} <= {"PERSON", "OTHER_NAME"}  # type: ignore[union-attr]
        address_join = prev is not None and prev.entity == "STREET_ADDRESS" and \
            det.entity in _ADDRESS_TAIL and _ADDRESS_GAP.fullmatch(gap) is not None
        if prev is not None and (name_join or address_join):
            out[-1] = Detection(prev.start, det.end, prev.entity, max(prev.score, det.score),
                                prev.recognizer, prev.reason + " +joined")
        else:
            out.append(det)
    return out
