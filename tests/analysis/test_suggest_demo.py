"""Rules and similarity alone (no coded examples) must put a correct code in the top three for
most demo answers. The answers are SYNTHETIC sentences from the shipped demo (data/demo); the
gold codes were assigned by hand against data/demo/codebook.yaml for this test."""

from __future__ import annotations

import re

import numpy as np
import pytest

GOLD = [
    ("There is almost nothing to refer men to locally. The ISVA service is excellent but its "
     "caseloads mean referrals queue.", "groups_men;specialist_isva;access_waiting;prof_referral"),
    ("Training for school staff on responding to young people. Practical training on how to "
     "respond when someone discloses something from years ago.", "prof_training;groups_children"),
    ("Clear guidance we can all use, the same across every service. A shared toolkit with a "
     "script, a checklist and the referral directory would help more than another course.",
     "prof_toolkit"),
    ("Waiting times for specialist counselling are so long that people disengage.",
     "access_waiting;specialist_rape_crisis"),
    ("Housing and sexual violence services have completely separate pathways.",
     "life_housing;access_fragmented;prof_referral"),
    ("More support for children and young people, and for their parents. Better links between "
     "the SARC and follow-on support.", "groups_children;life_parenting;specialist_sarc"),
    ("Survivors have to retell their story at every referral.", "assessment_retelling"),
    ("Depression made it hard to even get out of bed, let alone chase referrals. My anxiety was "
     "so bad I couldn't make phone calls to book anything.", "wellbeing_mental_health"),
    ("When I mentioned self-harm I was sent to a different service and had to start again.",
     "wellbeing_self_harm;access_fragmented;assessment_retelling"),
    ("A single point of contact who could join up all the different services.",
     "assessment_single"),
    ("A simple referral pathway on one page. Employers and colleges knowing how to support staff "
     "and students.", "prof_referral;life_work_study"),
    ("I worried staff wouldn't understand me as a bisexual woman.", "groups_lgbtq;reporting_fear"),
    ("I didn't meet the eligibility criteria for one service and was too 'low risk' for another.",
     "access_fragmented"),
    ("Waiting weeks for a call back, with nothing in between.", "access_waiting"),
    ("Every agency records disclosures differently, so our data doesn't match.", "prof_recording"),
    ("A toolkit for every frontline worker so the response is the same wherever someone "
     "discloses.", "prof_toolkit"),
    ("Everything I found was aimed at women, so I assumed men couldn't use it.",
     "groups_men;access_awareness"),
    ("The police officer who took my statement believed me from the start.", "reporting_fear"),
    ("Having to tell my story again to every new worker put me off going back.",
     "assessment_retelling"),
    ("The referral pathway for adults is unclear, and for under 18s it's even less clear. We "
     "struggle to find LGBTQ-specific support to refer to.",
     "prof_referral;groups_children;groups_lgbtq"),
    ("The Rape Crisis helpline was there when nothing else was. A leaflet in the GP waiting room "
     "was how I found out the service existed.", "specialist_rape_crisis;access_awareness"),
    ("Training on supporting men and boys. How to support someone who is self-harming while "
     "they wait for specialist help.", "prof_training;groups_men;wellbeing_self_harm"),
    ("Our office is not on a bus route. Funding to cut waiting lists for counselling.",
     "access_transport;access_waiting"),
    ("The support group at Rape Crisis showed me I was not the only one.",
     "specialist_rape_crisis"),
    ("The SARC is hard to reach by public transport from our area, so some clients don't "
     "attend.", "access_transport;specialist_sarc"),
    ("Mandatory training for every service that might receive a disclosure.", "prof_training"),
    # Fresh synthetic answers written for this test, sharing no sentence with the codebook.
    ("The nearest centre is two buses and an hour away, and I don't drive.",
     "access_transport"),
    ("My landlord found out and I had to find somewhere else to live in a hurry.",
     "life_housing"),
    ("I dropped out of my college course because I couldn't face the lectures.",
     "life_work_study"),
    ("Finding someone to mind the kids so I could go to appointments was impossible.",
     "life_parenting"),
    ("I never went to the police because I'd read that almost no cases end in a conviction.",
     "reporting_conviction_doubt"),
    ("Nightmares and panic attacks took over my life for a year.", "wellbeing_mental_health"),
    ("My adviser explained every option and came with me to court.", "specialist_isva"),
    ("Nobody I work with has been shown what to say when someone tells them.",
     "prof_training"),
]

_WORD = re.compile(r"[a-z']+")


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]


def _overlaps_example(text: str, examples: list[str]) -> bool:
    """Does a sentence of ``text`` share most of its words with a codebook example?"""
    for sent in _sentences(text):
        a = set(_WORD.findall(sent.lower()))
        for e in examples:
            b = set(_WORD.findall(e.lower()))
            if a and b and len(a & b) / len(a | b) >= 0.5:
                return True
    return False


@pytest.fixture(scope="module")
def scores(demo_dir):
    from analysis.embed import make_embedder
    from analysis.suggest import RulesSuggester, SimilaritySuggester
    from codebook import read_codebook
    from survey.nlp import load_nlp

    cb = read_codebook(demo_dir / "codebook.yaml")
    examples = [e for c in cb.active_codes for e in c.examples]
    # Answers that repeat a codebook example would make the claim circular: score the rest.
    gold = [(t, g) for t, g in GOLD if not _overlaps_example(t, examples)]
    texts = [t for t, _ in gold]
    rules = RulesSuggester(codebook=cb, nlp=load_nlp()).fit()
    sim = SimilaritySuggester(codebook=cb, embedder=make_embedder(seed=13)).fit()
    assert list(rules.classes_) == list(sim.classes_)
    return rules.predict_proba(texts), sim.predict_proba(texts), rules.classes_, gold


def _top3_hits(proba, classes, gold):
    hits = 0
    for (_, codes), row in zip(gold, proba, strict=True):
        top3 = {str(classes[j]) for j in np.argsort(-row, kind="stable")[:3]}
        hits += bool(top3 & set(codes.split(";")))
    return hits / len(gold)


def test_demo_claim_excludes_answers_that_repeat_codebook_examples(scores):
    *_, gold = scores
    assert len(gold) == 23  # 11 of the 34 answers repeat an example sentence
    assert not _overlaps_example("A brand new synthetic sentence.", ["Something else."])
    assert _overlaps_example("First. Shorter waiting lists please.", ["Shorter waiting lists."])


def test_rules_and_similarity_top3_hits_most_demo_answers(scores):
    rules, sim, classes, gold = scores
    # Measured (MiniLM, en_core_web_sm rules, no coded examples), on the 23 answers that
    # repeat no codebook example: see the README. Floors leave room for another model build.
    assert _top3_hits(np.maximum(rules, sim), classes, gold) >= 0.85  # measured 22 of 23
    assert _top3_hits(sim, classes, gold) >= 0.8  # measured 21 of 23
