"""Undo common obfuscation before detection, keeping a map back to the original offsets.

Text is detected on a normalised copy: zero-width and other invisible format characters are
removed, full-width and other compatibility forms are folded (NFKC, one character at a time),
Cyrillic or Greek look-alike letters inside a word that also has Latin letters are mapped to
Latin ("Jоhn" with a Cyrillic "о"), an all-capitals text (or sentence) is re-cased so names
stand out, and
oddly cased words get their natural case ("EverythIng" -> "Everything", "gEORGE" -> "George"),
and an HTML character reference left by a web export becomes its character ("there&nbsp;",
"A&amp;E").
Detections are mapped back so they cover the ORIGINAL characters, invisible ones included.
Pure-Greek or pure-Cyrillic words are left alone.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

#: Invisible characters used to split words: zero-width space/joiners, word joiner, BOM, soft
#: hyphen, Mongolian vowel separator, invisible operators.
INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u2061\u2062\u2063\u2064")
#: Cyrillic and Greek letters that look like Latin ones.
CONFUSABLES = {
    "а": "a", "в": "B", "е": "e", "к": "k", "м": "M", "н": "H", "о": "o", "р": "p", "с": "c",
    "т": "T", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ј": "j", "ԁ": "d", "ԛ": "q", "ԝ": "w",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
    "Т": "T", "У": "Y", "Х": "X", "Ѕ": "S", "І": "I", "Ј": "J",
    "α": "a", "ο": "o", "ρ": "p", "ν": "v", "ι": "i", "κ": "k", "τ": "t", "υ": "u",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
}
_WORD = re.compile(r"\w+")
_STREET = re.compile(r"(?i)\b\d{1,4}[a-z]? ([a-z][\w']*) (road|street|lane|avenue|close|drive|way|"
                     r"crescent|"
                     r"court|gardens|place|terrace|grove|rise|walk|mews|square|hill|parade)\b")
_TITLED = re.compile(r"(?i)\b(mr|mrs|ms|miss|mx|dr)\.?((?:\s+[a-z][\w'’-]*){1,2})")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n]\s*)(\w)")
#: A text in capitals that opens by saying who writes it: "I AM BROOK. I AM DEAF." (a first
#: name that is also a word stays a name there).
_SELF_NAMED = re.compile(r"\s*(?:I\s+AM|I'?M|MY\s+NAME\s+IS)\s+([A-Z]{3,})\s*[.!,\n]")


def is_shouting(text: str) -> bool:
    """Whether a text is written (almost) all in capitals (at least 12 letters, 80% upper)."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 12 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


_SEGMENT = re.compile(r"[^.!?\n]+[.!?]*")


def _shouted_segments(text: str) -> list[tuple[int, int]]:
    """The sentences or lines written (almost) all in capitals ("HOLLY FROM THE HELPLINE WAS THE
    FIRST PERSON I TOLD. sorry for caps"): each re-cased on its own."""
    return [(m.start(), m.end()) for m in _SEGMENT.finditer(text) if is_shouting(m.group())]


def truecase(text: str) -> str:
    """Re-case an all-capitals text so names stand out again (same length as the input).

    Words become lower case, except known names that are not everyday words ("PRIYA" ->
    "Priya"), words that are not everyday English at all (probably names or places), the
    pronoun "I", and sentence starts. Names that are also words ("WILL", "GRACE") stay lower.
    """
    from survey.anonymise.recognizers.gazetteer import load_common_words, load_names

    from spacy.lang.en.stop_words import STOP_WORDS

    first, surname, common = load_names("first"), load_names("surname"), load_common_words()
    chars = list(text.lower())
    if len(chars) != len(text):
        return text
    for m in _WORD.finditer(text):
        word = m.group()
        low, key = word.lower(), word.title()
        name = first.get(key) is False or surname.get(key) is False
        if (name or (low not in common and word.isalpha() and len(word) > 2)) or low == "i":
            chars[m.start()] = chars[m.start()].upper()
    for m in _SENTENCE_START.finditer(text):
        chars[m.start(1)] = chars[m.start(1)].upper()
    for m in _TITLED.finditer(text):  # "MRS GRACE JONES" -> "Mrs Grace Jones"
        words = [m.start(1)]
        for w in _WORD.finditer(m.group(2)):
            stop = w.group().lower() in STOP_WORDS and len(words) > 1  # "MR WILL HOPE" ok
            if stop or not (w.group().title() in first or w.group().title() in surname):
                break
            words.append(w.start())
        for k, pos in enumerate(words):
            chars[pos if k == 0 else m.start(2) + pos] = \
                chars[pos if k == 0 else m.start(2) + pos].upper()
    named = _SELF_NAMED.match(text)  # "I AM BROOK." -> "I am Brook."
    if named and first.get(named.group(1).title()) is not None:
        chars[named.start(1)] = chars[named.start(1)].upper()
    for m in _STREET.finditer(text):  # "14 MARSH LANE" -> "14 Marsh Lane"
        for g in (1, 2):
            chars[m.start(g)] = chars[m.start(g)].upper()
    return "".join(chars)


_ALPHA_WORD = re.compile(r"[^\W\d_]+")


def _odd_case_fixes(text: str) -> bool:
    """Whether some word is oddly cased ("EverythIng", "gEORGE"): see :func:`_apply_odd_case`."""
    from survey.anonymise.lexicon import fix_odd_case

    return any(fix_odd_case(m.group()) is not None for m in _ALPHA_WORD.finditer(text)
               if not m.group().islower())


def _apply_odd_case(text: str) -> str:
    """Give oddly cased words their natural case (same length), so "FrIendly" reads as a word
    and "sIAN" as a name."""
    from survey.anonymise.lexicon import fix_odd_case

    chars = list(text)
    for m in _ALPHA_WORD.finditer(text):
        fixed = fix_odd_case(m.group())
        if fixed is not None and len(fixed) == len(m.group()):
            chars[m.start():m.end()] = fixed
    return "".join(chars)


@dataclass(frozen=True)
class Normalised:
    """A normalised text and, per character of it, the index of its original character.

    Attributes:
        text: The normalised text.
        origin: ``origin[i]`` is the original index of ``text[i]``; one extra entry at the end
            holds the original length.
        changed: Whether anything differs from the original.
    """

    text: str
    origin: tuple[int, ...]
    changed: bool

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of the normalised text to the original text."""
        if end <= start:
            return self.origin[start], self.origin[start]
        return self.origin[start], self.origin[end - 1] + 1


def _is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha() or "LATIN" in unicodedata.name(ch, "")


#: An HTML character reference a web form or export left in the text ("&nbsp;", "&amp;",
#: "&#39;"); the closing ";" is sometimes lost.
_HTML_ENTITY = re.compile(r"&(nbsp|amp|quot|apos|lt|gt|#\d{2,5}|#x[0-9a-fA-F]{2,4})(?:;|(?![\w#]))")


def _entity_char(name: str) -> str:
    """The one character an HTML reference stands for; a space for a no-break space."""
    if name == "nbsp":
        return " "
    ch = html.unescape(f"&{name};")
    return ch if len(ch) == 1 and ch.isprintable() else " "


def normalise(text: str) -> Normalised:
    """Normalise ``text`` for detection (see the module docstring).

    Args:
        text: The original text.

    Returns:
        The normalised text with its offset map (``changed`` is False for plain ASCII).
    """
    whole = is_shouting(text)
    shouting = whole or bool(_shouted_segments(text))
    odd = _odd_case_fixes(text)
    entities = {m.start(): m for m in _HTML_ENTITY.finditer(text)} if "&" in text else {}
    if text.isascii() and not shouting and not odd and not entities:
        return Normalised(text, (), False)
    chars: list[str] = []
    origin: list[int] = []
    skip_to = 0
    for i, ch in enumerate(text):
        if i < skip_to:
            continue
        if i in entities:  # "there&nbsp;", "A&amp;E": one character, mapped to the "&"
            m = entities[i]
            chars.append(_entity_char(m.group(1)))
            origin.append(i)
            skip_to = m.end()
            continue
        if ch in INVISIBLE:
            continue
        folded = unicodedata.normalize("NFKC", ch) if not ch.isascii() else ch
        if len(folded) != 1:
            folded = ch
        chars.append(folded)
        origin.append(i)
    out = "".join(chars)
    if any(ch in CONFUSABLES for ch in out):
        fixed = list(out)
        for m in _WORD.finditer(out):
            word = m.group()
            if any(c in CONFUSABLES for c in word) and any(
                    _is_latin(c) for c in word if c not in CONFUSABLES):
                for k in range(m.start(), m.end()):
                    fixed[k] = CONFUSABLES.get(fixed[k], fixed[k])
        out = "".join(fixed)
    if whole:
        out = truecase(out)
    elif shouting:  # a shouted sentence in a text otherwise in lower case
        for a, b in _shouted_segments(out):
            out = out[:a] + truecase(out[a:b]) + out[b:]
    elif odd:
        out = _apply_odd_case(out)
    origin.append(len(text))
    changed = out != text
    return Normalised(out, tuple(origin), changed)
