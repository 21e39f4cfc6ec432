"""Rules and similarity alone (no coded examples) must put a correct code in the top three for
most demo answers. The answers are SYNTHETIC sentences from the shipped demo (data/demo); the
gold codes were assigned by hand against data/demo/codebook.yaml for this test."""

from __future__ import annotations

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
]


@pytest.fixture(scope="module")
def scores(demo_dir):
    from analysis.embed import make_embedder
    from analysis.suggest import RulesSuggester, SimilaritySuggester
    from codebook import read_codebook
    from survey.nlp import load_nlp

    cb = read_codebook(demo_dir / "codebook.yaml")
    texts = [t for t, _ in GOLD]
    rules = RulesSuggester(codebook=cb, nlp=load_nlp()).fit()
    sim = SimilaritySuggester(codebook=cb, embedder=make_embedder(seed=13)).fit()
    assert list(rules.classes_) == list(sim.classes_)
    return rules.predict_proba(texts), sim.predict_proba(texts), rules.classes_


def _top3_hits(proba, classes):
    hits = 0
    for (_, gold), row in zip(GOLD, proba, strict=True):
        top3 = {str(classes[j]) for j in np.argsort(-row, kind="stable")[:3]}
        hits += bool(top3 & set(gold.split(";")))
    return hits / len(GOLD)


def test_rules_and_similarity_top3_hits_most_demo_answers(scores):
    rules, sim, classes = scores
    # Measured (MiniLM, en_core_web_sm rules, no coded examples): combined 26/26, similarity
    # alone 25/26. Floors leave room for a different model build.
    assert _top3_hits(np.maximum(rules, sim), classes) >= 0.85
    assert _top3_hits(sim, classes) >= 0.75
