"""Grouped word-list alternations match exactly as the plain, longest-first ones do.

The texts and lists are generated (hypothesis) or the anonymiser's own lists; no evaluation text.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from survey.anonymise.alternation import alternation

_LETTERS = "abAB-' é"


def _plain(terms: list[str], sep: str, fold: bool) -> str:
    seen, keep = set(), []
    for t in terms:
        words = t.split()
        key = " ".join(words).lower() if fold else " ".join(words)
        if words and key not in seen:
            seen.add(key)
            keep.append(words)
    keep.sort(key=lambda w: len(" ".join(w)), reverse=True)
    return "(?:" + "|".join(sep.join(map(re.escape, w)) for w in keep) + ")"


def _matches(pattern: str, text: str, flags: int) -> list[tuple[int, int]]:
    rx = re.compile(rf"(?<![\w'’-]){pattern}(?![\w'’-])", flags)
    return [m.span() for m in rx.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(terms=st.lists(st.text(alphabet=_LETTERS, min_size=1, max_size=6), min_size=1,
                      max_size=12),
       text=st.text(alphabet=_LETTERS + "\n.", max_size=60),
       sep=st.sampled_from([r"\s+", r"[\s-]+"]), fold=st.booleans())
def test_same_matches_as_the_plain_alternation(terms, text, sep, fold):
    if not any(t.split() for t in terms):
        return
    flags = re.IGNORECASE if fold else 0
    assert _matches(alternation(terms, sep=sep, fold=fold), text, flags) == \
        _matches(_plain(terms, sep, fold), text, flags)


def test_groups_on_shared_letters():
    assert alternation(["bisexual", "bi", "black"]) == "(?:b(?:i(?:sexual|)|lack))"
    # the separator and a hyphen are branches of their own, in their order
    assert alternation(["non binary", "non-binary"], sep=r"[\s-]+") == \
        r"(?:non(?:[\s-]+binary|\-binary))"


def test_no_terms_match_nothing():
    assert re.search(alternation([]), "anything") is None


def test_the_anonymisers_lists_match_as_before():
    from survey.anonymise.lexicon import demographic_terms
    from survey.anonymise.recognizers.places import _load_places

    plain, ctx = demographic_terms()
    text = ("We moved from Newport Pagnell to newport, then to the Isle of Wight; I'm "
            "non-binary and mixed race, a British Pakistani Muslim woman, bi, not bisexual-ish. "
            "st albans and St. Albans and saint albans, Leeds-Bradford, leeds.") * 3
    for terms, sep, flags in ((plain | ctx, r"[\s-]+", re.IGNORECASE),
                              (_load_places(), r"\s+", 0),
                              ({p.lower() for p in _load_places()}, r"\s+", re.IGNORECASE)):
        fold = bool(flags)
        assert _matches(alternation(terms, sep=sep, fold=fold), text, flags) == \
            _matches(_plain(list(terms), sep, fold), text, flags)
