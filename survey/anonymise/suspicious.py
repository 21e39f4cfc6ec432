"""Second gate before publishing: tokens in an ANONYMISED answer that may still identify someone.

The recognizers decide what to redact; this detector decides what a person must look at before
an answer may be quoted. It is deliberately stricter than the recognizers (a flag only withholds
a quote until someone clears it; it never changes the text). Suspicious tokens:

- ``unknown_capitalised``: a capitalised word that is neither an everyday dictionary word, nor a
  role or generic service word, nor on the allow list ("Quorvath", "QMC", "John");
- ``long_number``: five or more digits in a row;
- ``email_like``: an ``@``, "at ... dot", "(at)" or "[at]";
- ``platform_handle``: a platform word followed by a token ("insta moth88", "snap: dreya").

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
    return sorted(set(out))


def flag_answers(texts: Sequence[str], *, allow: Sequence[str] = ()) -> list[bool]:
    """Per anonymised text, whether it holds any suspicious token."""
    rx = _allowed(allow)
    return [bool(suspicious_tokens(t, allow_re=rx)) for t in texts]
