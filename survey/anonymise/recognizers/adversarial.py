"""Identifiers written to dodge filters: spelt-out e-mails ("jo at example dot com"), phone
numbers in words or single spaced digits ("oh seven seven double oh ..."), and names split by
punctuation ("J.o.h.n", "S A R A H") or with a digit for a letter ("Ch1oe"). Zero-width
characters and look-alike letters are handled before detection by
:mod:`survey.anonymise.normalise`.
"""

from __future__ import annotations

import re
from typing import ClassVar

from survey.anonymise.recognizers.base import Recognizer
from survey.anonymise.recognizers.contact import TLDS
from survey.anonymise.recognizers.gazetteer import load_names
from survey.anonymise.spans import Detection

_DIGIT_WORDS = {"zero": 1, "oh": 1, "o": 1, "nought": 1, "one": 1, "two": 1, "three": 1,
                "four": 1, "five": 1, "six": 1, "seven": 1, "eight": 1, "nine": 1}
_NOT_LOCAL = frozenset({"i", "me", "we", "they", "he", "she", "it", "them", "us", "you", "him",
                        "her", "was", "is", "are", "were", "arrived", "look", "looked", "stay",
                        "emails", "email", "mail", "write", "contact"})
_MULTIPLIERS = {"double": 2, "treble": 3, "triple": 3}


class SpeltEmailRecognizer(Recognizer):
    """E-mail addresses written with words: ``name at domain dot com``, ``name (at) domain.co.uk``.

    The domain must end in a known top-level domain and "at" must be written as a word or in
    brackets, so ordinary sentences ("at home") do not match.
    """

    name = "contact.email_spelt.v1"
    entities = ("EMAIL_ADDRESS",)
    _AT = r"\s*(?:\(at\)|\[at\]|\{at\}|\bat\b|\bAT\b)\s*"
    #: "dot" as a word or in brackets, a full stop, or a full stop with spaces round it
    #: ("tom . j . baker at example . com")
    _DOT = r"(?:\s*(?:\(dot\)|\[dot\]|\{dot\})\s*|\s+(?:dot|DOT)\s+|\s+\.\s+|\.)"
    PATTERN: ClassVar[re.Pattern[str]] = re.compile(
        rf"(?<![\w.])(?P<local>[\w][\w.+-]{{0,63}}(?:{_DOT}[\w+-]{{1,63}}){{0,3}}"
        # separators spelt out in the user name: "lauren underscore 77", "jo dash smith"
        rf"(?:\s+(?:underscore|dash|hyphen)\s+[\w+-]{{1,63}}){{0,3}}"
        # a number after the name, its digits spaced or not ("ricky 1 9 8 4 at ...")
        rf"(?:\s+\d{{1,4}}){{0,4}}){_AT}"
        rf"(?P<domain>[\w-]{{1,63}}"
        rf"(?:{_DOT}[\w-]{{1,63}}){{1,4}})(?!\w|\.\w|\s*(?:\(dot\)|\[dot\]|\{{dot\}}))")

    def detect(self, text: str) -> list[Detection]:
        """Return spelt-out e-mail addresses."""
        out = []
        tlds = set(TLDS.split("|"))
        pos = 0
        while (m := self.PATTERN.search(text, pos)) is not None:
            labels = re.split(self._DOT, m.group("domain"))
            if labels[-1].lower() not in tlds or m.group("local").lower() in _NOT_LOCAL:
                pos = m.start() + 1  # "me at jordan dot ..." fails: retry from the next word
                continue
            out.append(Detection(m.start(), m.end(), "EMAIL_ADDRESS", 0.8, self.name,
                                 "email_spelt"))
            pos = m.end()
        return out + self._spaced(text, tlds)

    #: "@" then a domain whose dots may have spaces around them: "@ mail . com".
    _SPACED = re.compile(r"\s*@\s*(?P<domain>[\w-]{1,63}(?:\s*(?:\.|\(dot\)|\[dot\]|"
                         r"\bdot\b)\s*[\w-]{1,63}){1,4})(?![\w-])")
    _LOCAL_TOKEN = re.compile(r"[\w.+'-]{1,64}$")

    def _spaced(self, text: str, tlds: set[str]) -> list[Detection]:
        """E-mails with spaces around "@" and the dots ("jo_b 85 @ mail . com"). The local
        part is the word before "@", widened left over words that hold a digit, "_", "." or
        "-" (a user name split by spaces), and over one plain word before digits only
        ("kez 91")."""
        from spacy.lang.en.stop_words import STOP_WORDS

        out = []
        for m in self._SPACED.finditer(text):
            # the domain ends at its last top-level label: "nhs . uk. thanks" ends at "uk"
            labels = list(re.finditer(r"[\w-]+", m.group("domain")))
            ends = [lab.end() for i, lab in enumerate(labels)
                    if i and lab.group().lower() in tlds and lab.group().lower() != "dot"]
            if not ends:
                continue
            end = m.start("domain") + ends[-1]
            start, pos = m.start(), m.start()
            taken: list[str] = []
            while len(taken) < 6 or all(len(t) == 1 for t in taken) and len(taken) < 64:
                # a token ends at pos (or a newline before it) and is at most 64 characters:
                # no need to scan the whole text before it (quadratic on a long transcript)
                tok = self._LOCAL_TOKEN.search(text, max(0, pos - 65), pos)
                if tok is None or tok.end() != pos and text[tok.end():pos].strip():
                    break
                word = tok.group()
                marked = any(c.isdigit() or c in "_.+-" for c in word)
                digits_only = bool(taken) and all(t.isdigit() for t in taken)
                # a "." or "_" written apart ("jo . smith") joins the word before it
                joined = bool(taken) and taken[-1][0] in "_.+-" and \
                    word.lower() not in STOP_WORDS and word.lower() not in _NOT_LOCAL
                # a user name spelt out letter by letter: "r o b . d a v i e s @ ..."
                spelt = len(word) == 1 and all(len(t) == 1 for t in taken)
                if taken and not marked and not joined and not spelt and \
                        not (digits_only and word.lower() not in STOP_WORDS
                             and word.lower() not in _NOT_LOCAL):
                    break
                if not taken and word.lower() in _NOT_LOCAL:
                    break
                taken.append(word)
                start = tok.start()
                pos = tok.start()
                while pos > 0 and text[pos - 1] == " ":
                    pos -= 1
            if taken:
                out.append(Detection(start, end, "EMAIL_ADDRESS", 0.8, self.name,
                                     "email_spaced"))
        return out


class SpeltPhoneRecognizer(Recognizer):
    """Phone numbers in words or spaced single digits: "oh seven seven double oh 9 0 0 1 2 3".

    A run of digit words, digits, "double"/"treble" and separators counts when it spells 10 to 13
    digits and has at least three separate tokens (so "07700900123" alone is left to the phone
    recognizer).
    """

    name = "contact.phone_spelt.v1"
    entities = ("PHONE_NUMBER",)
    _TOKEN = r"(?:\d{1,5}|zero|oh|o|nought|one|two|three|four|five|six|seven|eight|nine|" \
             r"double|treble|triple|hundred|thousand|\+44)"
    PATTERN: ClassVar[re.Pattern[str]] = re.compile(
        rf"(?i)(?<![\w+])(?:{_TOKEN})(?:[\s,.-]{{0,3}}(?:{_TOKEN})){{2,30}}(?!\w)")

    def detect(self, text: str) -> list[Detection]:
        """Return phone numbers spelt with words or spaced digits."""
        out = []
        for m in self.PATTERN.finditer(text):
            tokens = re.findall(self._TOKEN, m.group(), re.IGNORECASE)
            digits, mult, words = 0, 1, 0
            for tok in tokens:
                low = tok.lower()
                if low in _MULTIPLIERS:
                    mult = _MULTIPLIERS[low]
                    words += 1
                    continue
                if low in ("hundred", "thousand"):  # "nine hundred" = 900
                    digits += 2 if low == "hundred" else 3
                    words += 1
                    continue
                if low in _DIGIT_WORDS:
                    digits += mult
                    words += 1
                elif low == "+44":
                    digits += 2
                else:
                    digits += len(tok) * (mult if len(tok) == 1 else 1)
                mult = 1
            single = sum(1 for t in tokens if t.isdigit() and len(t) == 1)
            # a UK number begins with 0 (or +44): digits and a word mixed ("07 seven 00
            # 900123") are a number written to slip past a pattern
            uk_start = tokens[0].lower() in ("0", "o", "oh", "zero", "nought", "+44") or \
                tokens[0].startswith("0")
            if 10 <= digits <= 13 and (words >= 3 or single >= 6 or
                                       words >= 1 and uk_start and len(tokens) >= 3):
                end = m.end()
                while end > m.start() and not text[end - 1].isalnum():
                    end -= 1
                out.append(Detection(m.start(), end, "PHONE_NUMBER", 0.7, self.name,
                                     "phone_spelt"))
        return out


class SplitNameRecognizer(Recognizer):
    """Names with their letters split by dots, spaces, hyphens or underscores ("J.o.h.n").

    The joined letters must be a known first name or surname, and short all-capital runs
    ("N.H.S.", "P.I.P.") are taken for acronyms; nobody spells an everyday word letter by
    letter, so "J.o.h.n" counts although "john" is also a word.
    """

    name = "names.split.v1"
    entities = ("PERSON",)
    PATTERN: ClassVar[re.Pattern[str]] = re.compile(
        r"(?<![\w.])(?:[A-Za-zÀ-ÖØ-öø-ÿ](?P<sep>[.\-_* ]))(?:[A-Za-zÀ-ÖØ-öø-ÿ](?P=sep)){1,14}"
        r"[A-Za-zÀ-ÖØ-öø-ÿ](?![\w])\.?")

    def detect(self, text: str) -> list[Detection]:
        """Return split-letter names."""
        first, surname = load_names("first"), load_names("surname")
        out = []
        for m in self.PATTERN.finditer(text):
            word = re.sub(r"[.\-_* ]", "", m.group())
            letters = [c for c in word if c.isalpha()]
            dotted = m.group("sep") == "."
            if m.group("sep") == " " and word.islower() and len(word) < 4:
                continue  # "u r a": text-speak, not a spelt name
            if m.group("sep") == " " and re.match(r"I [mdsl](?: |$)", m.group()):
                continue  # "I m a new patient": "I'm" with its apostrophe stripped
            if len(word) < 3 or (dotted and all(c.isupper() for c in letters) and len(word) <= 5):
                continue  # "N.H.S.", "P.I.P.", "M.A.R.A.C.": acronyms, not names
            caps = word[:-1] if word.endswith("s") and len(word) > 2 else word
            if not dotted and all(c.isupper() for c in caps if c.isalpha()) and \
                    len(caps) <= 4 and caps.title() not in first:
                continue  # "C-B-T": spelt acronym; "my G P s": its plural
            key = word.title()
            if key in first or key in surname:
                end = m.end() - (1 if m.group().endswith(".") else 0)
                out.append(Detection(m.start(), end, "PERSON", 0.7, self.name, "split_letters"))
        return out


#: Digits written for the letters they look like ("Ch1oe", "Em1ly", "R0b"); 1 may stand for l or i.
_DIGIT_LETTERS = {"0": ("o",), "1": ("l", "i"), "3": ("e",), "4": ("a",), "5": ("s",),
                  "7": ("t",)}


class DigitNameRecognizer(Recognizer):
    """Names with a digit for a letter inside them ("Ch1oe at the front desk", "nurse Em1ly").

    One or two digits stand between letters (a digit at either end is text-speak or a code:
    "b4", "2day", "B12"); read as the letters they look like, the word must be a first name
    that is no everyday word ("sar4h"), or a capitalised first name ("R0b"). "Y3s", "h3r" and
    "g0od" read as words, not names, so they stay.
    """

    name = "names.digits.v1"
    entities = ("PERSON",)
    PATTERN: ClassVar[re.Pattern[str]] = re.compile(
        r"(?<![\w'’-])[A-Za-z]+(?:[013457][A-Za-z]+){1,2}(?![\w'’-])")

    def detect(self, text: str) -> list[Detection]:
        """Return names written with look-alike digits."""
        from survey.anonymise.lexicon import is_dictionary_word

        first = load_names("first")
        out = []
        for m in self.PATTERN.finditer(text):
            word = m.group()
            if not any(c.isdigit() for c in word):
                continue
            readings = [""]
            for c in word:
                readings = [r + x for r in readings for x in _DIGIT_LETTERS.get(c, (c,))]
            for r in readings:
                key = r.title()
                if first.get(key) is False or key in first and (
                        word[0].isupper() or not is_dictionary_word(r)):
                    out.append(Detection(m.start(), m.end(), "PERSON", 0.6, self.name,
                                         "digit_letters"))
                    break
        return out


class StyledLettersRecognizer(Recognizer):
    """Words written in full-width or other styled letters ("ｊｏｎｔｙ", mathematical bold):
    nobody types an ordinary word that way, so one that is not an everyday word is masked.

    Detection runs on normalised text, where such letters are already folded, so this
    recognizer is applied by the engine to the ORIGINAL text (see ``Anonymiser.detect_batch``).
    """

    name = "names.styled_letters.v1"
    entities = ("OTHER_NAME",)
    ON_ORIGINAL: ClassVar[bool] = True
    _RUN = re.compile(r"[\uff21-\uff3a\uff41-\uff5a\U0001d400-\U0001d7ff][\uff21-\uff3a"
                      r"\uff41-\uff5a\U0001d400-\U0001d7ff\uff0d\u2010'’-]+")

    def detect(self, text: str) -> list[Detection]:
        """Return styled words that are not everyday words."""
        import unicodedata

        from survey.anonymise.lexicon import is_dictionary_word

        out = []
        for m in self._RUN.finditer(text):
            folded = unicodedata.normalize("NFKC", m.group())
            if len(folded) > 1 and not (is_dictionary_word(folded) and
                                        folded.lower() not in _NAMEY_WORDS()):
                out.append(Detection(m.start(), m.end(), "OTHER_NAME", 0.7, self.name,
                                     "styled_letters"))
        return out


def _NAMEY_WORDS() -> frozenset[str]:  # noqa: N802 - a constant loaded late
    from survey.anonymise.lexicon import NAME_WORDS

    return NAME_WORDS
