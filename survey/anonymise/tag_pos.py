"""Coarse part of speech without the attribute ruler's matcher.

The anonymiser reads only ``Token.pos_`` from spaCy's tagging (PROPN, NOUN, ADJ and the
function-word classes, :mod:`survey.anonymise.recognizers.names` and ``places``). In the English
models ``pos_`` is set by the ``attribute_ruler``, a token Matcher over about 180 patterns that
also writes MORPH and LEMMA, which the anonymiser never reads. On a 50,000-character document the
matcher took a fifth of spaCy's time. :class:`TagPos` compiles the same ruler's POS-setting
patterns into dictionary lookups and sets POS exactly as the ruler would (later patterns win, as
in ``AttributeRuler.match``); :func:`replace_attribute_ruler` swaps it in. Patterns on an
attribute it does not know, or longer than two tokens, leave the model's ruler in place, so a
different model never gets a silently different POS (``tests/survey/anonymise/test_tag_pos.py``
compares the two token by token).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy
from spacy.language import Language
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.strings import get_string_id
from spacy.tokens import Doc

#: Token-pattern keys :class:`TagPos` evaluates, in the column order it reads them with
#: ``Doc.to_array``. DEP never matches a label here: the anonymiser loads no parser, so every
#: token's dependency label is empty.
_KEYS = ("TAG", "LOWER", "DEP", "IS_SPACE")

COMPONENT = "sv_tag_pos"

_Rule = tuple[int, list[Callable[[Any], bool]], int, int]


class UnsupportedPattern(ValueError):
    """A ruler pattern :class:`TagPos` cannot evaluate exactly."""


def _ids(key: str, value: Any) -> Any:
    """A pattern value as ``Doc.to_array`` reports it: a string's hash, a flag as 0 or 1."""
    if key == "IS_SPACE":
        return int(bool(value))
    return get_string_id(value)


def _value_test(key: str, value: Any) -> Callable[[Any], bool]:
    if isinstance(value, dict):
        if len(value) != 1 or not set(value) <= {"IN", "NOT_IN"}:
            raise UnsupportedPattern(f"{key}: {sorted(value)}")
        listed = frozenset(_ids(key, v) for v in value.get("IN", value.get("NOT_IN", ())))
        if "IN" in value:
            return lambda v: v in listed
        return lambda v: v not in listed
    want = _ids(key, value)
    return lambda v: v == want


def _token_test(spec: dict[str, Any]) -> Callable[[Any], bool]:
    if not spec or not set(spec) <= set(_KEYS):
        raise UnsupportedPattern(f"keys {sorted(spec)}")
    tests = [(_KEYS.index(key), _value_test(key, value)) for key, value in spec.items()]

    def test(row: Any) -> bool:
        return all(fn(row[col]) for col, fn in tests)
    return test


class TagPos:
    """Set ``Token.pos`` from the tagger's tags as a model's attribute ruler does.

    Args:
        patterns: ``AttributeRuler.patterns`` of the model (dicts with ``patterns``, ``attrs``,
            ``index``), in the order they were added.

    Raises:
        UnsupportedPattern: a POS-setting pattern uses an attribute other than TAG, LOWER, DEP
            or IS_SPACE, a value other than a literal, ``{"IN": [...]}`` or
            ``{"NOT_IN": [...]}``, or more than two tokens.
    """

    def __init__(self, patterns: list[dict[str, Any]]) -> None:
        #: tag hash -> (rank, POS id) of single-token TAG-only rules; rank is the order added,
        #: and as in ``AttributeRuler.match`` a later rule wins
        self.by_tag: dict[int, tuple[int, int]] = {}
        #: the other rules, per column of ``_KEYS``, by a value their first token must have
        #: there (a literal or one of an ``IN`` list): (rank, token tests, index, POS id)
        self.index: list[dict[int, list[_Rule]]] = [{} for _ in _KEYS]
        #: rules whose first token names no value it must have (only ``NOT_IN`` tests)
        self.other: list[_Rule] = []
        for rank, entry in enumerate(patterns):
            pos = entry["attrs"].get("POS")
            if pos is None:
                continue
            pos_id = POS_IDS[pos]
            for pattern in entry["patterns"]:
                first = pattern[0] if pattern else {}
                if len(pattern) == 1 and set(first) == {"TAG"} and isinstance(first["TAG"], str):
                    self.by_tag[get_string_id(first["TAG"])] = (rank, pos_id)
                    continue
                if not 1 <= len(pattern) <= 2:
                    raise UnsupportedPattern(f"{len(pattern)} tokens")
                rule = (rank, [_token_test(t) for t in pattern], entry.get("index", 0), pos_id)
                for key in ("LOWER", "TAG", "DEP", "IS_SPACE"):  # the most selective first
                    col, value = _KEYS.index(key), first.get(key)
                    if isinstance(value, dict):
                        value = value.get("IN")
                    if value is not None:
                        for one in (value if isinstance(value, list) else [value]):
                            self.index[col].setdefault(_ids(key, one), []).append(rule)
                        break
                else:
                    self.other.append(rule)

    def __call__(self, doc: Doc) -> Doc:
        rows = doc.to_array(list(_KEYS)).tolist()
        none = (-1, 0)
        best = [self.by_tag.get(row[0], none) for row in rows]
        n = len(rows)
        for start, row in enumerate(rows):
            rules = [rule for col, by_value in enumerate(self.index)
                     for rule in by_value.get(row[col], ())] + self.other
            for rank, tests, index, pos in rules:
                width = len(tests)
                if start + width <= n and \
                        all(test(rows[start + k]) for k, test in enumerate(tests)):
                    at = start + (index if index >= 0 else width + index)
                    if rank >= best[at][0]:
                        best[at] = (rank, pos)
        if n:
            doc.from_array(["POS"], numpy.array([[pos] for _, pos in best], dtype="uint64"))
        return doc


@Language.factory(COMPONENT)
def _make_tag_pos(nlp: Language, name: str, patterns: list[dict[str, Any]]) -> TagPos:
    return TagPos(patterns)


def replace_attribute_ruler(nlp: Language) -> bool:
    """Swap the pipeline's ``attribute_ruler`` for :class:`TagPos` built from its patterns.

    Returns:
        True when swapped; False (pipeline unchanged) when there is no ruler or a pattern is
        one :class:`TagPos` cannot evaluate exactly.
    """
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    patterns = list(nlp.get_pipe("attribute_ruler").patterns)
    try:
        TagPos(patterns)
    except UnsupportedPattern:
        return False
    nlp.replace_pipe("attribute_ruler", COMPONENT, config={"patterns": patterns})
    nlp.rename_pipe("attribute_ruler", COMPONENT)
    return True
