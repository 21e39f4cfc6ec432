"""Second gate before publishing: tokens in an ANONYMISED answer that may still identify someone.

The recognizers decide what to redact; this detector decides what a person must look at before
an answer may be quoted. It is deliberately stricter than the recognizers (a flag only withholds
a quote until someone clears it; it never changes the text). Suspicious tokens:

- ``unknown_capitalised``: a capitalised word that is neither an everyday dictionary word, nor a
  role or generic service word, nor on the allow list ("Quorvath", "QMC", "John");
- ``long_number``: five or more digits in a row;
- ``email_like``: an ``@``, "at ... dot", "(at)" or "[at]";
- ``platform_handle``: a platform word followed by a token ("insta moth88", "snap: dreya").
- ``identifying_role``: a role that points at one person even with every name redacted: "the
  only <person> at/in <a named place, or a small unit such as a team or ward>" ("the only
  Polish nurse at [FACILITY 1]", "the only male worker in the team"), or a length of service
  with a named employer ("worked at [ORGANISATION 1] for 12 years", "20 years at Brannock"),
  or a post only one person holds beside a redacted name or place ("[PERSON 1] (head
  teacher)", "[FACILITY 1] matron", "the college's DSL is", "the head of year 9 at ...", "the
  choirmaster at [FACILITY 1]"), or a post in a signature ("Kind regards, [PERSON 1], Clinical
  Lead, [ORGANIZATION 1]").
  The token is the part that no redaction changes ("the only Polish nurse", "for 12 years"),
  so a person's clearance in the review workbook matches the anonymised answer too.

Placeholders the anonymiser wrote ("[PERSON 1]", "[AGE 13-15]") are skipped. Oddly cased words
are read in their natural case first ("EverythIng").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from survey.anonymise.expand import terms_regex
from spacy.lang.en.stop_words import STOP_WORDS

from survey.anonymise.identity import is_identity_word
from survey.anonymise.lexicon import (fix_odd_case, is_dictionary_word, is_existing_mask,
                                      is_role_or_generic)

#: The placeholder shapes the operators write ("[PERSON 1]", "[AGE 13-15]", "[DATE 2023]",
#: "[REDACTED]"), and masks a data owner left.
PLACEHOLDER = re.compile(r"\[[A-Z][A-Z ]*(?: [\w+-]+)?\]|\[[Rr]edacted[^\]]*\]")
_CAP = re.compile(r"(?<![\w'’@.-])([A-ZÀ-ÖØ-Þ][\w'’-]*[\w])")
_DIGITS = re.compile(r"\d{5,}")
_EMAIL = re.compile(r"@|\(at\)|\[at\]|\{at\}|(?i:\bat\s+[\w.-]{1,40}\s+(?:\(?dot\)?|\[dot\])\s+"
                    r"\w+)")
PLATFORMS = ("insta|instagram|ig|snap|snapchat|tiktok|tik tok|fb|facebook|twitter|telegram|"
             "discord|kik|threads|bluesky|twitch|youtube|onlyfans|reddit|linkedin|whatsapp")
_PLATFORM = re.compile(rf"(?i)\b(?:{PLATFORMS})\b\s*(?:[:=-]\s*|(?:is|name|handle|username|"
                       rf"account|me|on|at|add)\s+)*(?P<tok>[^\s\[\],;.!?]+)")
_NOT_HANDLE = frozenset("""
the a an and or but i i'm im it it's its he she they we you me my our your their his her was is
are be been to of in on at for from with about account page group chat message messages app
and so too as if when then there this that these those them him who what why how not no yes
""".split())


_CHAT = re.compile(r"(?i)i|im|ive|id|ill|youre|thankyou|dont|cant|wont|mr|mrs|ms|mx|dr|prof|st")


def _known_word(word: str) -> bool:
    """An everyday, role or service word, also when hyphenated ("Post-op", "A-Level"), or an
    identity word ("LGBTQ", "Sikh"): an analysis category, never a reason to withhold."""
    if is_dictionary_word(word) or is_role_or_generic(word) or is_identity_word(word) or \
            is_dictionary_word(word.replace("-", "")):
        return True
    parts = [p for p in word.split("-") if p]
    return "-" in word and all(is_dictionary_word(p) or is_role_or_generic(p) for p in parts)


_PLACEHOLDER_OBJ = r"\[(?!AGE\b|DATE\b|TIME\b)[A-Z][A-Z ]*(?: \d+)?\]"
_NAMED = r"[A-Z][\w'’&-]+(?:\s+[A-Z][\w'’&-]+){0,3}"
#: Small units where "the only ..." points at one person.
_UNITS = ("team|ward|unit|office|department|dept|village|school|practice|surgery|station|"
          "estate|street|road|class|clinic|hospital|force|council|church|mosque|temple|"
          "gurdwara|synagogue|company|firm|shop|branch|hub|refuge|service|group|building|"
          "site|rota|shift|nights|region|county|borough|district|island|islands|patch|"
          # a town's or a campus's one post: "the only female PCSO in the town", "the only
          # chaplain at the market", "the only Black girl on my course"
          "town|valley|valleys|parish|market|course|club|society|college|"
          "university|campus|halls|year|farm|mart")
_NUM_WORDS = r"\d{1,3}|ten|twenty|thirty|forty|fifty|sixty|a\s+hundred|hundreds\s+of"
#: "the only <role>" (or "only one <role>", "we have one <role>"), what the role does or covers
#: (up to six words: "the only counsellor who works in Arabic", "the only ISVA embedded"),
#: then where: a redaction or a named place, after up to two words of its kind ("at masjid
#: [FACILITY 1]"), a small unit ("in a three-doctor rural practice"), or how far the post
#: reaches ("the only electrician for miles", "the only one for twenty miles").
_ROLE_ONLY = re.compile(
    rf"(?P<tok>\b(?i:the\s+only|only\s+one|(?:we|they)\s+(?:have|had)\s+(?:just\s+)?one|"
    rf"there\s+(?:is|was)\s+(?:just\s+)?one|there['’]s\s+(?:just\s+)?one)\s+"
    rf"(?:(?:[\w'’+-]+|{_PLACEHOLDER_OBJ})\s+){{0,4}}?"
    rf"(?P<head>[\w'’-]+))"
    rf"(?:\s+(?i:who|that|embedded|employed|working|for|with|speaking|on\s+duty|on\s+call)"
    rf"(?:\s+[\w'’-]+){{0,5}}?)?\s+"
    rf"(?i:at|in|on|from|for|within|across|covering|covers|serving|based\s+(?:at|in|on)|"
    rf"working\s+at|working\s+in|(?:north|south|east|west)\s+of)\s+"
    rf"(?:(?i:the|our|my|this|that|their|a|an)\s+)?"
    rf"(?:(?i:whole(?:\s+of)?|rest\s+of)\s+(?:(?i:the)\s+)?)?"
    rf"(?P<obj>(?:[a-z'’-]+\s+){{0,2}}{_PLACEHOLDER_OBJ}|{_NAMED}|"
    rf"(?i:(?:[a-z'’-]+\s+){{0,3}}?(?:{_UNITS}))\b|(?i:(?:{_NUM_WORDS}\s+)?miles)\b|"
    # ... or the people the one post serves: "the only liaison officer for 22,000 students"
    rf"\d[\d,]*\s+(?i:students|pupils|patients|people|residents|families|clients|staff)\b)")
_NUM = (r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
        r"[a-z]+teen|twenty[\w-]*|thirty[\w-]*|forty[\w-]*|a\s+few|several|many)")
#: How long: "for 12 years", "since 2009", "since it opened".
_HOW_LONG = (rf"(?i:for\s+(?:over\s+|nearly\s+|almost\s+|about\s+|around\s+)?{_NUM}\s+"
             rf"(?:years?|yrs)|since\s+(?:(?:19|20)\d\d|it\s+(?:opened|started|began)|"
             rf"the\s+start))")
_SERVICE_AFTER = re.compile(
    rf"(?i:\b(?:work(?:ed|ing|s)?|been|employed|volunteer(?:ed|ing|s)?|served|stayed|"
    rf"practis(?:ed|ing))\s+(?:at|for|with|in)\s+)(?:(?i:the)\s+)?(?P<obj>{_PLACEHOLDER_OBJ}|"
    rf"{_NAMED})\s+(?P<tok>{_HOW_LONG})")
#: One named post at a named place: "I'm the safeguarding officer for [ORGANIZATION 1]", "as
#: the practice manager at Riverside Surgery", "been the CHISVA for the whole of [LOCATION 1]"
#: (a definite post there is one person).
_THE_POST = re.compile(
    rf"(?i:\b(?:i['’]?m|i\s+am|as|been|was|i\s+was|i\s+work\s+as)\s+)(?P<tok>(?:(?i:the)\s+|"
    rf"(?!(?i:a|an|one|not|just|still|also|now|only|so|very|here|there|in|at|on|with)\b))"
    rf"(?:[\w'’+-]+\s+){{0,3}}?(?P<head>[\w'’-]+|(?i:head\s+of\s+year\s+\d{{1,2}})))"
    # what the post is for, in lower case: "the named nurse for safeguarding at ..."
    rf"(?:\s+(?i:for)\s+(?-i:[a-z]+(?:\s+[a-z]+){{0,2}}))?\s+"
    rf"(?i:at|for|in|of|on|with|across|covering)\s+(?:(?i:the)\s+)?"
    rf"(?:(?i:whole\s+of|rest\s+of)\s+(?:(?i:the)\s+)?)?"
    rf"(?P<obj>{_PLACEHOLDER_OBJ}|{_NAMED}|(?i:st\.?\s+[a-z'’]+))")
#: The one post "there", after the answer names the place: "I work at [FACILITY 1] and I'm the
#: only night worker there", "the named safeguarding lead there", "the specialist midwife for
#: safeguarding there" (a post head; "the only one there" is praise; checked in
#: :func:`_role_tokens`).
_POST_THERE = re.compile(
    r"(?P<tok>\b(?i:the\s+(?:only|named|specialist|sole|designated)\s+(?:[\w'’+-]+\s+){0,4}?"
    r"(?P<head>[\w'’-]+)))(?:\s+(?i:for)\s+(?-i:[a-z]+))?\s+(?i:there|here)\b|"
    # ... or the writer's (or someone's) one post there: "I'm the counsellor there", "dad was
    # the gamekeeper there"
    r"(?i:\b(?:i['’]?m|i\s+am|was|is|as)\s+)(?P<tok2>(?i:the)\s+(?:[\w'’+-]+\s+){0,2}?"
    r"(?P<head2>[\w'’-]+))\s+(?i:there|here)\b")
#: A post and its place as the answer's opening line, the way people sign who they are:
#: "Refuge manager, [FACILITY 1], [LOCATION 1].", "Chaplain at [FACILITY 1]." (a post of one,
#: :data:`_SOLE_HEADS`; the line holds nothing else: "Manager at [FACILITY 1] was kind" is
#: praise).
_OPENING_POST = re.compile(
    rf"\A\s*(?P<tok>(?:[A-Z][\w'’+-]*\s+){{0,3}}?(?P<head>[A-Za-z][\w'’-]*))"
    rf"(?:\s*,\s*|\s+(?i:at|for|covering|in|with)\s+(?:(?i:the)\s+)?)"
    rf"{_PLACEHOLDER_OBJ}(?:\s+(?i:{_UNITS}))?(?:\s*,\s*{_PLACEHOLDER_OBJ})*\s*(?:[.\n]|\Z)")
#: A post one person holds at a redacted place, anywhere: "the vicar at [FACILITY 1] let me".
_ONE_POST = re.compile(
    rf"(?P<tok>\b(?i:the)\s+(?P<head>(?i:vicar|imam|priest|rabbi|headteacher|head\s+teacher|"
    rf"chaplain|pastor|minister|rector|matron|warden|caretaker|dsl|senco|practice\s+manager|"
    rf"ward\s+manager|head\s*master|head\s*mistress|house\s*(?:master|mistress|mother|"
    rf"father|parent)|choir\s*master|organist|games\s+(?:master|mistress)|pe\s+teacher|"
    rf"scout\s*master|scout\s+leader|cub\s+leader|club\s+coach|form\s+tutor|"
    # a house's or a depot's one manager, a department's one head: "the accommodation
    # manager at [FACILITY 1] is", "the head of security at [FACILITY 1]"
    rf"head\s+of\s+[a-z]+|(?:accommodation|site|depot|store|general|night|hall|halls|"
    rf"security|estate|residence)\s+manager)))"
    rf"\s+(?i:at|of|in|for|on)\s+(?:(?i:the)\s+)?(?P<obj>{_PLACEHOLDER_OBJ})")
#: The one post there is, and the writer holds it: "there is one welsh-speaking counsellor,
#: me", "we have one male ISVA - me".
_ONE_ME = re.compile(
    r"(?P<tok>\b(?i:there\s+is|there['’]s|we\s+have|we['’]ve\s+got|only\s+have)\s+"
    r"(?i:one|a\s+single|just\s+one)\s+(?:[\w'’+-]+\s+){0,3}?(?P<head>[\w'’-]+))"
    r"\s*[,:–-]\s*(?i:me|myself)\b")
#: A post written as a signature's line after the closing words: "Kind regards, [PERSON 1],
#: Clinical Lead, [ORGANIZATION 1]", "Regards / [PERSON 1] / Team Leader / ..." (with the
#: employer beside it, the post points at its one holder whatever the name's redaction).
_SIGNATURE_POST = re.compile(
    r"(?i:\b(?:regards|thanks|best\s+wishes|sincerely|many\s+thanks)\b)[,\s/]*"
    r"(?:[^/,\n.]{1,60}[/,\n]\s*){0,2}?"
    r"(?:\[[A-Z][A-Z ]*(?: \d+)?\]\s+)?"
    r"(?P<tok>(?:(?:[A-Z][\w'’-]*|of|and|&)\s+){0,3}(?-i:Lead|Manager|Coordinator|"
    r"Co-ordinator|Officer|Nurse|ISVA|IDVA|CHISVA|Director|Leader|Worker|Advocate|Counsellor|"
    r"Therapist|Practitioner|Chair|Administrator|Supervisor|Head\s+of\s+[A-Z]\w+))"
    r"(?=\s*(?:[,/\n]|$|\.\s))")
#: A post only one person holds at a place, as minutes and letters write it beside a redacted
#: name or place: "[PERSON 1] (head teacher)", "(ward manager, [FACILITY 1])", "[FACILITY 1]
#: matron", "the school's DSL is", "the head, [PERSON 2],".
_SOLE_POST = (r"(?:deputy\s+|assistant\s+)?(?:head\s*teacher|head\s+of\s+(?:year\s+\d{1,2}|"
              r"[a-z]+(?:\s+[a-z]+)?)|principal|vice[\s-]principal|(?:pro[\s-])?vice[\s-]"
              r"chancellor(?:\s+for\s+[a-z]+)?|dsl|senco|ward\s+manager|practice\s+manager|"
              r"(?:designated\s+)?safeguarding\s+lead|clinical\s+lead|matron|chief\s+executive)")
#: ... the few of them written right after a place or before a name ("[FACILITY 1] matron",
#: "the head teacher, [PERSON 1]").
_NAMED_POST = r"head\s*teacher|dsl|senco|matron"
#: ... and after the school or place named in the same sentence: "[FACILITY 1] sixth form and
#: the DSL is nice".
_POST_AFTER_PLACE = re.compile(
    rf"{_PLACEHOLDER_OBJ}[^.!?\n\[]{{0,40}}?\b(?P<tok>(?i:the)\s+(?i:{_NAMED_POST}|principal))\b")
_POST_BESIDE = re.compile(
    rf"(?:{_PLACEHOLDER_OBJ}\s*\(\s*(?:[A-Z][\w'’-]*\s+)?(?P<tok>(?i:{_SOLE_POST}))\b"
    rf"(?=\s*(?:\)|,))|"
    rf"{_PLACEHOLDER_OBJ}\s+(?P<tok2>(?i:{_NAMED_POST}|ward\s+manager))\b|"
    rf"(?i:\b(?:school|college|academy|university|ward|practice|club)['’]s\s+)"
    rf"(?P<tok3>(?i:{_SOLE_POST}))\b|"
    rf"(?i:\bthe\s+)(?P<tok4>(?i:{_NAMED_POST}|head|principal))\s*,\s*"
    rf"(?:(?i:mrs?|ms|miss|mx|dr)\.?\s+)?{_PLACEHOLDER_OBJ})")
#: A role held at a named place for years: "been the practice nurse at [FACILITY 1] for 22
#: years", "worked as a youth worker with [ORGANIZATION 1] for 9 years".
_SERVICE_ROLE = re.compile(
    rf"(?i:\b(?:been|worked|working|work|served)\s+(?:as\s+)?(?:the|a|an|their|our)\s+"
    rf"(?:[\w'’-]+\s+){{0,3}}?[\w'’-]+\s+(?:at|for|with|in)\s+)(?:(?i:the)\s+)?"
    rf"(?P<obj>{_PLACEHOLDER_OBJ}|{_NAMED})\s+(?P<tok>{_HOW_LONG})")
_SERVICE_BEFORE = re.compile(
    rf"(?P<tok>\b(?i:{_NUM}\s+(?:years?|yrs)))\s+(?i:at|with|working\s+for|working\s+at)\s+"
    rf"(?:(?i:the)\s+)?(?P<obj>{_PLACEHOLDER_OBJ}|{_NAMED})")
#: Posts one person holds ("the safeguarding lead at ...", "the practice manager at ...").
_POST_HEADS = frozenset("""
lead manager officer nurse counsellor isva idva chisva coordinator co-ordinator head chair director
examiner therapist advocate worker caseworker teacher senco dsl receptionist administrator
secretary treasurer trustee vicar imam priest rabbi warden caretaker coach captain pastor
sane surgeon gp partner detective di ds dc pc pcso sergeant constable midwife doctor
psychologist psychiatrist clinician interpreter chaplain deacon minister rector curate
headteacher governor adviser advisor specialist paramedic physio leader fme principal
steward rep representative president deputy pharmacist dentist optician vet gamekeeper
choirmaster electrician plumber postman postwoman shopkeeper publican landlord landlady policeman
policewoman
""".split())
#: Posts one person holds at a place, without "the" ("Refuge manager, [FACILITY 1]."; "ISVA,
#: [ORGANIZATION 1]." is one of a team).
_SOLE_HEADS = frozenset("""
manager lead chaplain minister vicar imam priest pastor rabbi rector warden matron headteacher
principal director coordinator co-ordinator chair caretaker senco dsl
""".split())
#: Heads of "the only ..." that name a person ("woman", "nurse", "one").
_PERSON_HEADS = frozenset("""
one person woman women man men girl boy lady guy bloke lad member survivor victim patient
male female adult child kid teenager parent mum dad mother father wife husband
""".split())


def _head_in(m: re.Match[str], heads: frozenset[str]) -> bool:
    """Whether a match's post head, or its singular, is one of ``heads``."""
    head = m.group("head").lower()
    return head.rstrip("s") in heads or head in heads


#: Words that end a post's name after its head: "the only group work for teenage girls" is
#: not a post for girls.
_HEAD_STOP = frozenset("""
who that for with on at in from within across covering covers serving based working employed
embedded of
""".split())


#: A post's last word that makes it a service, not a person ("we have one RASSO team"; "the
#: only service in ..." stays a flag: a service of one is often its one worker).
_NOT_PERSON_HEADS = frozenset("team teams service services unit units group groups project "
                              "clinic clinics line".split())


def _head_words(span: str) -> list[str]:
    """The head word and the words after it up to the first that ends a post's name ("Urdu
    speaking social worker in" gives "Urdu", "speaking", "social", "worker")."""
    out = []
    for word in re.findall(r"[\w'’-]+", span):
        if word.lower() in _HEAD_STOP:
            break
        out.append(word)
    return out


def _role_tokens(text: str, rx: re.Pattern[str] | None) -> list[tuple[int, int, str]]:
    """Identifying roles and lengths of service with a named employer (see the module)."""
    from survey.anonymise.lexicon import CALENDAR_WORDS, ROLE_WORDS

    def named(obj: str) -> bool:
        if obj.startswith("["):
            return True
        if rx is not None and rx.fullmatch(obj):
            return False  # "in the NHS", "at Rape Crisis": a national body or a service word
        return obj.split()[0].lower()[:3] not in CALENDAR_WORDS and \
            not is_dictionary_word(obj.split()[0]) or len(obj.split()) > 1

    out = []
    def role_head(word: str) -> bool:
        word = word.lower()
        return word.rstrip("s") in _PERSON_HEADS or word.rstrip("s") in ROLE_WORDS or \
            word in ROLE_WORDS or word.rstrip("s") in _POST_HEADS

    for m in _ROLE_ONLY.finditer(text):
        # the head the regex stopped at, or a later word before the place: "the only Urdu
        # speaking social worker in ..." stops at "Urdu" ("speaking" may follow a head)
        words = _head_words(text[m.start("head"):m.start("obj")])
        service = bool(words) and words[-1].lower() in _NOT_PERSON_HEADS and \
            m.group("tok")[:1].lower() in "wt" and not m.group("tok").lower().startswith("the")
        if any(role_head(w) for w in words) and not service \
                and (not m.group("obj")[:1].isupper() or named(m.group("obj"))):
            out.append((m.start("tok"), m.end("tok"), "identifying_role"))
    for m in _THE_POST.finditer(text):
        if (_head_in(m, _POST_HEADS) or m.group("head").lower().startswith("head of")) and \
                named(m.group("obj")):
            out.append((m.start("tok"), m.end("tok"), "identifying_role"))
    for m in _ONE_POST.finditer(text):
        out.append((m.start("tok"), m.end("tok"), "identifying_role"))
    for m in _ONE_ME.finditer(text):
        if _head_in(m, _POST_HEADS) or m.group("head").lower() in ROLE_WORDS:
            out.append((m.start("tok"), m.end("tok"), "identifying_role"))
    if "[" in text:  # each of these needs a redaction before it
        out += [(m.start("tok"), m.end("tok"), "identifying_role")
                for m in _OPENING_POST.finditer(text) if _head_in(m, _SOLE_HEADS)]
        for m in _POST_THERE.finditer(text):
            g = "tok" if m.group("tok") else "tok2"
            head = m.group("head" if g == "tok" else "head2").lower()
            if (head.rstrip("s") in _POST_HEADS or head in _POST_HEADS) and \
                    text.find("[", 0, m.start()) >= 0:
                out.append((m.start(g), m.end(g), "identifying_role"))
        out += [(m.start("tok"), m.end("tok"), "identifying_role")
                for m in _POST_AFTER_PLACE.finditer(text)]
    for m in _SIGNATURE_POST.finditer(text):
        out.append((m.start("tok"), m.end("tok"), "identifying_role"))
    for m in _POST_BESIDE.finditer(text) if "[" in text else ():
        g = next(k for k in ("tok", "tok2", "tok3", "tok4") if m.group(k))
        out.append((m.start(g), m.end(g), "identifying_role"))
    for r in (_SERVICE_AFTER, _SERVICE_ROLE, _SERVICE_BEFORE):
        for m in r.finditer(text):
            if named(m.group("obj")):
                out.append((m.start("tok"), m.end("tok"), "identifying_role"))
    return out


def allow_regex(allow: Sequence[str]) -> re.Pattern[str] | None:
    """One regex for the allow list plus the default service words (for batches)."""
    return _allowed(allow)


def _allowed(allow: Sequence[str]) -> re.Pattern[str] | None:
    from survey.anonymise.engine import DEFAULT_ALLOW

    return terms_regex(tuple(allow) + DEFAULT_ALLOW + ("MS Teams", "Microsoft Teams"),
                       plural=True)


def suspicious_tokens(text: str, *, allow: Sequence[str] = (),
                      skip: Sequence[tuple[int, int]] = (),
                      allow_re: re.Pattern[str] | None = None) -> list[tuple[int, int, str]]:
    """Suspicious tokens in one anonymised text.

    Args:
        text: An anonymised answer (or any text; ``skip`` marks spans already redacted).
        allow: Terms that are never suspicious (the project's allow list; service names).
        skip: Spans to ignore, such as detections in an original text.
        allow_re: A compiled allow regex (overrides ``allow``; for batches).

    Returns:
        ``(start, end, kind)`` per token, in text order.
    """
    rx = allow_re if allow_re is not None else _allowed(allow)
    covered = [(m.start(), m.end()) for m in PLACEHOLDER.finditer(text)] + list(skip)
    masked = list(covered)
    if rx is not None:
        covered += [(m.start(), m.end()) for m in rx.finditer(text)]

    def free(s: int, e: int) -> bool:
        return not any(a < e and s < b for a, b in covered)

    out: list[tuple[int, int, str]] = []
    for m in _CAP.finditer(text):
        word = m.group(1)
        fixed = fix_odd_case(word) or word
        if len(word) < 2 or not free(m.start(1), m.end(1)) or not fixed[:1].isupper():
            continue
        bare = re.sub(r"(?:'s|’s|s)$", "", fixed.replace("’", "'"))
        head = bare.split("'")[0]
        if is_existing_mask(bare) or head.lower() in STOP_WORDS or _CHAT.fullmatch(bare) or \
                _known_word(fixed) or _known_word(bare):
            continue
        out.append((m.start(1), m.end(1), "unknown_capitalised"))
    for m in _DIGITS.finditer(text):
        if free(m.start(), m.end()):
            out.append((m.start(), m.end(), "long_number"))
    for m in _EMAIL.finditer(text):
        if free(m.start(), m.end()):
            out.append((m.start(), m.end(), "email_like"))
    for m in _PLATFORM.finditer(text):
        tok = m.group("tok")
        if tok.lower() in _NOT_HANDLE or not free(m.start("tok"), m.end("tok")):
            continue
        if not any(c.isdigit() or c in "_." for c in tok) and is_dictionary_word(tok) and \
                tok.islower():
            continue  # "on facebook yesterday": an everyday word follows
        out.append((m.start("tok"), m.end("tok"), "platform_handle"))
    # a role stays a role when an allowed word is part of it ("the only male ISVA in ..."):
    # only a role already inside a redaction is left out
    out += [t for t in _role_tokens(text, rx)
            if not any(a <= t[0] and t[1] <= b for a, b in masked)]
    return sorted(set(out))


def flag_answers(texts: Sequence[str], *, allow: Sequence[str] = ()) -> list[bool]:
    """Per anonymised text, whether it holds any suspicious token."""
    rx = _allowed(allow)
    return [bool(suspicious_tokens(t, allow_re=rx)) for t in texts]
