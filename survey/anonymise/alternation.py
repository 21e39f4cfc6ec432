"""Word-list alternations that match as the plain ones do, without trying every word at every
position.

Python's ``re`` tries the branches of ``(?:bisexual|bi|...)`` one by one at each position of the
text, so a list of a few thousand place names costs thousands of failed comparisons per
character of a long transcript. :func:`alternation` writes the same list as nested groups on
shared leading letters (``b(?:i(?:sexual|))``): at a position only the branch of the letter
there is tried. The match is the same as the plain alternation's, longest term first:

- branches are grouped only on an ASCII letter or digit, and two branches whose next letters
  differ can never both match at one position, so their order does not matter;
- within a group the branches keep their order, and a term that ends there (the shortest in its
  group, as the list is longest first) is tried last, as it was;
- anything else (a separator such as ``\\s+``, a hyphen, an apostrophe, a letter outside ASCII)
  is left as its own branch, in its own order.

``tests/survey/anonymise/test_alternation.py`` checks the matches against the plain alternation
on random lists and texts (hypothesis) and on the real lists.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: A step of a term: one literal character, or the separator between its words.
_SEP = object()


def _steps(term: str) -> list[object]:
    out: list[object] = []
    for i, word in enumerate(term.split()):
        if i:
            out.append(_SEP)
        out.extend(word)
    return out


def _emit(alts: list[list[object]], sep: str, fold: bool) -> str:
    groups: dict[str, list[list[object]]] = {}
    order: list[tuple[str, object]] = []
    ends = False
    for steps in alts:
        if not steps:
            ends = True
            continue
        head = steps[0]
        if isinstance(head, str) and head.isascii() and head.isalnum():
            key = head.lower() if fold else head
            if key not in groups:
                groups[key] = []
                order.append(("group", key))
            groups[key].append(steps[1:])
        else:
            order.append(("branch", steps))
    parts = []
    for kind, value in order:
        if kind == "group":
            parts.append(re.escape(value) + _emit(groups[value], sep, fold))  # type: ignore[arg-type]
        else:
            parts.append("".join(sep if s is _SEP else re.escape(s)  # type: ignore[arg-type]
                                 for s in value))  # type: ignore[attr-defined]
    if ends:
        parts.append("")
    if not parts or parts == [""]:
        return ""
    if len(parts) == 1:
        return parts[0]  # one sequence: no "|" at its top level, so no group is needed
    return "(?:" + "|".join(parts) + ")"


def alternation(terms: Iterable[str], *, sep: str = r"\s+", fold: bool = True) -> str:
    """A regex matching any of ``terms``, longest first, as nested groups on leading letters.

    Args:
        terms: Literal terms; runs of whitespace inside one match ``sep``. Empty terms are
            dropped, duplicates (after folding, when ``fold``) kept once.
        sep: The pattern between a term's words (``\\s+``, ``[\\s-]+``).
        fold: Whether the pattern will run case-insensitively (letters are then grouped
            regardless of case); with False the grouping is case-exact.

    Returns:
        A non-capturing group, or ``(?!)`` (matching nothing) for no terms. Equivalent to
        ``(?:t1|t2|...)`` with the terms sorted longest first (by their steps: characters, and
        one per run of whitespace) and each word escaped, under the same flags.
    """
    seen: set[tuple[object, ...]] = set()
    alts = []
    for term in terms:
        steps = _steps(term)
        key = tuple(s.lower() if fold and isinstance(s, str) else s for s in steps)
        if steps and key not in seen:
            seen.add(key)
            alts.append(steps)
    if not alts:
        return "(?!)"
    alts.sort(key=len, reverse=True)
    return f"(?:{_emit(alts, sep, fold)})"
