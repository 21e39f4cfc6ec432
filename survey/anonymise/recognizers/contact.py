"""Contact details: e-mail, URL or domain, social media handle, phone number, IP address."""

from __future__ import annotations

import ipaddress
import re
from typing import ClassVar

import phonenumbers

from survey.anonymise.recognizers.base import PatternRecognizer, Recognizer
from survey.anonymise.spans import Detection

TLDS = ("com|org|net|edu|gov|info|biz|io|co|uk|ie|us|ca|au|nz|de|fr|es|it|nl|be|ch|at|se|no|dk|fi"
        "|is|pl|pt|gr|cy|ee|lv|lt|hu|cz|sk|ro|bg|hr|si|ru|ua|in|za|ng|gh|ke|jp|cn|br|mx|ar|me|tv"
        "|app|dev|online|site|xyz|eu"
        # the UK's place and nation domains ("jo @ example.cymru", "hello at example dot scot")
        "|london|cymru|wales|scot|email")


class EmailRecognizer(PatternRecognizer):
    """E-mail addresses (simple, bounded local part and domain labels)."""

    name = "contact.email.v1"
    entities = ("EMAIL_ADDRESS",)
    ENTITY = "EMAIL_ADDRESS"
    PATTERNS = (("email", r"\b[\w.+'-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}\b", 0.95),)


class UrlRecognizer(PatternRecognizer):
    """Web addresses with a scheme or ``www.``, and bare domains with a known top-level domain."""

    name = "contact.url.v1"
    entities = ("URL",)
    ENTITY = "URL"
    FLAGS = re.IGNORECASE
    PATTERNS = (
        ("url", r"\b(?:https?://|www\.)[^\s<>\"'()]{1,250}", 0.9),
        ("domain", rf"(?<![@\w.-])(?:[a-z0-9-]{{1,63}}\.){{1,4}}(?:{TLDS})\b(?![@\w-])"
                   r"(?:/[^\s<>\"']{0,200})?",
         0.6),
        # a domain or an e-mail's domain whose dots an export stripped: "kelbyfarm com",
        # "kelbysurgery co uk" (not "nhs uk" or "111 nhs uk", national sites: :meth:`check`)
        ("stripped_domain", r"(?<![\w@.-])(?P<label>[a-z0-9][a-z0-9_-]{2,62})\s(?:co\s+uk|"
                            r"org\s+uk|ac\s+uk|nhs\s+uk|com)(?![\w'’@.-])", 0.5),
    )
    #: First labels of national or shared sites, whose name alone identifies no one.
    _NATIONAL_LABELS: ClassVar[frozenset[str]] = frozenset(
        "www nhs gov 111 bbc google gmail hotmail yahoo outlook facebook amazon youtube twitter "
        "instagram tiktok apple microsoft".split())

    def check(self, match: re.Match[str]) -> bool | None:
        """A stripped domain needs a label of its own ("kelbyfarm com"): not a national site,
        not an everyday word before "com" ("the com was down", "welcome com ments")."""
        if "label" not in match.re.groupindex:
            return None
        from survey.anonymise.lexicon import is_dictionary_word, word_frequency

        label = match.group("label").lower()
        return False if label in self._NATIONAL_LABELS or is_dictionary_word(label) or \
            word_frequency().get(label, 0) >= 1000 else None  # "the time dot com"

    def span(self, match: re.Match[str]) -> tuple[int, int]:
        """Drop trailing sentence punctuation from the match."""
        start, end = match.start(), match.end()
        while end > start + 1 and match.string[end - 1] in ".,;:!?)]'\"":
            end -= 1
        return start, end


class SocialHandleRecognizer(PatternRecognizer):
    """Social media handles such as ``@name`` (not the domain part of an e-mail)."""

    name = "contact.handle.v1"
    entities = ("SOCIAL_HANDLE",)
    ENTITY = "SOCIAL_HANDLE"
    PATTERNS = (("at_handle", r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?\b",
                 0.8),)
    #: A platform word, then the handle without "@": "insta moth_88", "my snap is dreya.k".
    PLATFORM = re.compile(
        r"(?i)\b(?:insta|instagram|ig|snap|snapchat|tiktok|tik\s+tok|fb|facebook|twitter|"
        r"telegram|discord|kik|threads|bluesky|twitch|youtube|yt|onlyfans|reddit|linkedin|"
        r"whatsapp|signal)\b(?:\s*(?:[:=@-]|(?:is|was|name|handle|username|user|account|acc|"
        r"me|on|at|add|dm|follow|its|it's|called)\b))*\s*"
        r"(?P<id>[A-Za-z0-9_][A-Za-z0-9_.]{1,29}[A-Za-z0-9_])(?![\w@])")

    #: A platform word, a few words, then "its"/"is" and a handle marked by a digit, "_" or "."
    #: (no dictionary word is): "add me on snap if u wanna talk its kezzz.b22".
    PLATFORM_LATER = re.compile(
        r"(?i)\b(?:insta|instagram|ig|snap|snapchat|tiktok|fb|facebook|twitter|telegram|"
        r"discord|kik|threads|bluesky|twitch|youtube|reddit)\b[^.!?\n]{0,40}?\b"
        r"(?:its|it's|it’s|is|im|i'm|i’m)\s+(?P<id>[A-Za-z0-9_][A-Za-z0-9_.]{1,29}[A-Za-z0-9_])"
        r"(?![\w@])")

    #: A handle before its platform: "chlo_b on insta", "dreya.k on snap" (a digit, "_" or
    #: "." marks it as a user name).
    HANDLE_BEFORE = re.compile(
        r"(?<![\w@.])(?P<id>[A-Za-z0-9_][A-Za-z0-9_.]{1,29}[A-Za-z0-9_])\s+(?:on|at)\s+"
        r"(?i:insta|instagram|ig|snap|snapchat|tiktok|fb|facebook|twitter|telegram|discord|kik|"
        r"threads|bluesky|twitch|youtube|reddit|whatsapp)\b")

    def detect(self, text: str) -> list[Detection]:
        """``@handles``, and handles written after a platform word without the "@"."""
        from spacy.lang.en.stop_words import STOP_WORDS

        from survey.anonymise.lexicon import is_dictionary_word

        out = super().detect(text)
        for m in self.PLATFORM.finditer(text):
            token = m.group("id")
            marked = any(c.isdigit() or c in "_." for c in token)
            if not marked and (token.lower() in STOP_WORDS or is_dictionary_word(token) or
                               len(token) < 4):
                continue  # "on insta yesterday", "fb messenger": no handle
            out.append(Detection(m.start("id"), m.end("id"), self.ENTITY, 0.7, self.name,
                                 "platform_handle"))
        for m in self.PLATFORM_LATER.finditer(text):
            token = m.group("id")
            if any(c.isalpha() for c in token) and (
                    any(c.isdigit() or c == "_" for c in token) or "." in token.strip(".")) and \
                    not any(d.start < m.end("id") and m.start("id") < d.end for d in out):
                out.append(Detection(m.start("id"), m.end("id"), self.ENTITY, 0.65, self.name,
                                     "platform_handle_later"))
        for m in self.HANDLE_BEFORE.finditer(text):
            token = m.group("id")
            if any(c.isalpha() for c in token) and (
                    any(c.isdigit() or c == "_" for c in token) or "." in token.strip(".")):
                out.append(Detection(m.start("id"), m.end("id"), self.ENTITY, 0.7, self.name,
                                     "handle_before_platform"))
        return out


class PhoneRecognizer(Recognizer):
    """Phone numbers: ``phonenumbers`` matching for GB and international, plus digit groups.

    The library's matcher is run with region GB (so ``+44`` and ``07...`` parse as British) and
    again for US-style numbers; a bounded digit-group pattern catches short or foreign formats
    the library rejects, at a lower score raised by context words.
    """

    name = "contact.phone.v1"
    entities = ("PHONE_NUMBER",)
    REGIONS: ClassVar[tuple[str, ...]] = ("GB", "US")
    GROUPS = re.compile(r"(?<![\w+])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,5}\)\s?)?\d{2,5}"
                        r"(?:[\s.-]\d{2,5}){1,4}(?![\w-])")
    CONTEXT = re.compile(r"\b(?:call|called|phone|mobile|tel|telephone|text|number|ring|rang|"
                         r"whatsapp|contact|fax|cell)\b", re.IGNORECASE)

    #: An area code the data owner's phone mask left before it: "0207 [*PHONE*]", "01632
    #: [PHONE]" (the digits are part of the number the mask hid).
    _BEFORE_MASK = re.compile(r"(?<![\w+])(?P<id>0\d{2,4}(?:\s\d{2,4})?)\s*"
                              r"(?=[\[<{(]\*?(?i:phone|tel|telephone|mobile|number)[^\]>})]{0,12}"
                              r"[\]>})])")

    #: A run of digits and the letter o ("o7700", "9oo461"): people type o for zero.
    _O_FOR_ZERO = re.compile(r"(?<![A-Za-z])[0-9oO]*\d[0-9oO]*(?![A-Za-z])")

    #: An office extension: "ring me on ext 2214", "extn. 227", "extension 40115" (it reaches
    #: one person's desk; the span keeps the word).
    _EXTENSION = re.compile(r"(?i)\b(?:ext|extn|extension)\.?\s*:?\s*\d{3,5}\b(?![.,/:-]\d)")

    #: Two clock times joined as a range ("15.40-15.50", "9:30 - 10:00"): a time slot.
    _TIME_RANGE = re.compile(r"\(?(?:[01]?\d|2[0-3])[.:][0-5]\d\s*(?:-|–|to)\s*"
                             r"(?:[01]?\d|2[0-3])[.:][0-5]\d\)?")

    def detect(self, text: str) -> list[Detection]:
        """Return phone-number detections (also with the letter o typed for zero); a range of
        clock times ("15.40-15.50") is no number."""
        fixed = self._O_FOR_ZERO.sub(lambda m: m.group().replace("o", "0").replace("O", "0"),
                                     text)
        found = [d for d in self._detect(fixed)
                 if not self._TIME_RANGE.fullmatch(text[d.start:d.end].strip())]
        if fixed != text:  # same length: offsets hold; mark what only the o-swap found
            plain = {(d.start, d.end) for d in self._detect(text)}
            found = [d if (d.start, d.end) in plain else
                     Detection(d.start, d.end, d.entity, d.score, d.recognizer,
                               d.reason + " +o_for_0") for d in found]
        return found

    def _detect(self, text: str) -> list[Detection]:
        out: list[Detection] = []
        for region in self.REGIONS:
            for m in phonenumbers.PhoneNumberMatcher(text, region,
                                                     leniency=phonenumbers.Leniency.POSSIBLE):
                if sum(c.isdigit() for c in m.raw_string) < 7:
                    continue
                valid = phonenumbers.is_valid_number(m.number)
                score = (0.9 if region == "GB" else 0.7) if valid else 0.55
                out.append(Detection(m.start, m.end, "PHONE_NUMBER", score, self.name,
                                     f"phonenumbers:{region}"))
        for m in self._EXTENSION.finditer(text):
            out.append(Detection(m.start(), m.end(), "PHONE_NUMBER", 0.6, self.name,
                                 "extension"))
        for m in self._BEFORE_MASK.finditer(text):
            out.append(Detection(m.start("id"), m.end("id"), "PHONE_NUMBER", 0.6, self.name,
                                 "digits_before_mask"))
        for m in self.GROUPS.finditer(text):
            digits = sum(c.isdigit() for c in m.group())
            if not 7 <= digits <= 15:
                continue
            lo = max(0, m.start() - 40)
            ctx = self.CONTEXT.search(text[lo:m.start()]) is not None
            out.append(Detection(m.start(), m.end(), "PHONE_NUMBER", 0.75 if ctx else 0.45,
                                 self.name, "digit_groups" + (" +context" if ctx else "")))
        return out


class IpAddressRecognizer(Recognizer):
    """IPv4 and IPv6 addresses, validated with the standard ``ipaddress`` module."""

    name = "contact.ip.v1"
    entities = ("IP_ADDRESS",)
    CANDIDATE = re.compile(r"(?<![\w.:])(?:\d{1,3}(?:\.\d{1,3}){3}|"
                           r"[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})(?![\w.:])")

    def detect(self, text: str) -> list[Detection]:
        """Return IP-address detections."""
        out = []
        for m in self.CANDIDATE.finditer(text):
            try:
                ipaddress.ip_address(m.group())
            except ValueError:
                continue
            out.append(Detection(m.start(), m.end(), "IP_ADDRESS", 0.95, self.name, "ip+valid"))
        return out
