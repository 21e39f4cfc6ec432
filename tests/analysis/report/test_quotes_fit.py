"""Quotes that fit their code (SYNTHETIC answers about services, invented for these tests).

A quote comes from an answer a person confirmed for the code (in a draft: the strongest machine
suggestion, and the bank says so); it is trimmed to the sentences that carry the code; an answer
with more than one placeholder is never quoted; a sentence is quoted under one code only; and
survivors and professionals alternate.
"""

from __future__ import annotations

import pandas as pd
from synthetic_data import make_report_data

from analysis.quotes import DRAFT_CHOICE, ELLIPSIS, select_quotes

# SYNTHETIC sentences (about services, never graphic).
MEN = "Men need to know these services are for them too, and right now they do not."
LGBTQ = "Please think about LGBTQ survivors when you plan services in the future."
COURT = "Until more cases get to court, people will not report what happened to them."
WAIT = "The waiting list for counselling felt very long and nobody told me what came next."
BUS = "Getting to the centre took two buses and I could not always afford the fare."
KIND = "The support worker listened without judging me and I always felt believed by her."
ONE = "One clear page listing every service and who it is for would help people a lot."
STAFF = "Staff who had training on LGBTQ survivors did not assume anything about my partner."


def _data(rows: list[dict], codes: list[tuple[str, str]]):
    """``rows``: answer text, respondent, and per code the codings of its one segment."""
    data = make_report_data()
    answers, segments, codings = [], [], []
    for k, r in enumerate(rows):
        aid, sid = f"a{k}", f"seg{k}"
        answers.append({"answer_id": aid, "response_id": r["rid"], "question_id": "q_support",
                        "text": r["text"], "lang": "en"})
        segments.append({"segment_id": sid, "answer_id": aid, "start": 0,
                         "end": len(r["text"]), "text": r["text"]})
        for code, how in r["codes"].items():
            for source, conf, status, evidence in how:
                codings.append({"segment_id": sid, "code_id": code, "coder": source,
                                "source": source, "confidence": conf, "status": status,
                                "evidence": evidence,
                                "decided_at": "2026-03-01" if status != "suggested" else None})
    data.answers, data.segments = pd.DataFrame(answers), pd.DataFrame(segments)
    data.codings = pd.DataFrame(codings)
    data.codes = pd.DataFrame([{"code_id": c, "label": label, "theme_id": "t", "theme_label":
                                "Groups", "definition": label, "colour": "#000000",
                                "status": "active"} for c, label in codes])
    return data


def _rule(word: str):
    return ("rules", 0.6, "suggested", f"matched: {word}")


def _similar(example: str, cos: float = 0.7):
    return ("similarity", cos, "suggested", f"cosine {cos:.2f}; nearest example: {example}")


HUMAN = ("AB", 1.0, "accepted", "")


def test_quote_is_the_sentence_that_carries_the_code():
    data = _data([{"rid": "s00", "text": f"{COURT} {MEN} {LGBTQ} {WAIT}",
                   "codes": {"lgbtq": [_rule("LGBTQ")]}}], [("lgbtq", "LGBTQ survivors")])
    quotes, _ = select_quotes(data)
    assert quotes["text"].tolist() == [f"{ELLIPSIS} {LGBTQ} {ELLIPSIS}"]


def test_the_codes_evidence_must_be_in_the_quoted_sentence():
    # a similarity suggestion whose nearest example is in none of the answer's sentences
    data = _data([{"rid": "s00", "text": f"{COURT} {MEN}",
                   "codes": {"lgbtq": [_similar(STAFF)]}},
                  {"rid": "s01", "text": f"{BUS} {STAFF}",
                   "codes": {"lgbtq": [_similar(STAFF)]}}], [("lgbtq", "LGBTQ survivors")])
    quotes, bank = select_quotes(data)
    assert quotes["text"].tolist() == [f"{ELLIPSIS} {STAFF}"]
    assert bank.set_index("segment_id").at["seg0", "reason"].startswith("the code's evidence")


def test_a_confirmed_answer_is_quoted_before_any_suggestion():
    data = _data([{"rid": "s00", "text": KIND, "codes": {"kind": [_rule("believed")] * 2}},
                  {"rid": "s01", "text": f"{WAIT} {KIND}", "codes": {"kind": [HUMAN]}}],
                 [("kind", "Being believed")])
    quotes, bank = select_quotes(data)
    assert quotes["segment_id"].tolist() == ["seg1"]
    assert bank.set_index("segment_id").at["seg0", "reason"].startswith("a machine suggestion")


def test_in_a_draft_the_strongest_suggestion_is_quoted_and_the_bank_says_so():
    weak, strong = f"{WAIT} {ONE}", f"{BUS} {KIND}"
    data = _data([{"rid": "s00", "text": weak, "codes": {"c": [_rule("counselling")]}},
                  {"rid": "s01", "text": strong,
                   "codes": {"c": [_rule("fare"), _similar(BUS, 0.9)]}}],
                 [("c", "Getting help")])
    quotes, bank = select_quotes(data, per_code=1)
    assert quotes["segment_id"].tolist() == ["seg1"]
    chosen = bank[bank["selected"]]
    assert chosen["selection"].tolist() == [DRAFT_CHOICE]
    assert "strongest" in DRAFT_CHOICE


def test_an_answer_with_two_placeholders_is_never_quoted():
    two = f"I was helped by [PERSON 1] at the centre in [PLACE 2] every week. {KIND}"
    data = _data([{"rid": "s00", "text": two, "codes": {"kind": [HUMAN]}},
                  {"rid": "s01", "text": f"{KIND} {ONE}", "codes": {"kind": [HUMAN]}}],
                 [("kind", "Being believed")])
    quotes, bank = select_quotes(data, per_code=3, max_similarity=1.0)
    assert quotes["segment_id"].tolist() == ["seg1"]
    assert "placeholder" in bank.set_index("segment_id").at["seg0", "reason"]


def test_a_sentence_is_quoted_under_one_code_only():
    # the same sentence, typed by two respondents, carries both codes
    data = _data([{"rid": "s00", "text": f"{WAIT} {ONE}",
                   "codes": {"wait": [HUMAN], "info": [HUMAN]}},
                  {"rid": "s01", "text": f"{ONE} {WAIT}",
                   "codes": {"wait": [HUMAN], "info": [HUMAN]}}],
                 [("wait", "Waiting"), ("info", "Information")])
    quotes, _ = select_quotes(data, per_code=3, max_similarity=1.0)
    sentences = [s for t in quotes["text"] for s in (WAIT, ONE) if s in t]
    assert len(sentences) == len(set(sentences))


def test_survivors_and_professionals_alternate():
    pool = [WAIT, BUS, KIND, ONE, COURT, MEN, LGBTQ, STAFF,
            "Evening sessions would make support possible for people who work long shifts.",
            "The helpline volunteer stayed on the phone until I felt calm enough to sleep.",
            "My advocate came with me to every meeting so I never had to face it alone.",
            "Having one named worker to call made the whole process feel less confusing."]
    texts = [f"{pool[2 * k]} {pool[2 * k + 1]}" for k in range(6)]
    rids = ["s00", "s01", "s02", "s03", "p00", "p01"]
    data = _data([{"rid": r, "text": t, "codes": {"c": [HUMAN]}} for r, t in zip(rids, texts)],
                 [("c", "Services")])
    quotes, _ = select_quotes(data, per_code=4, max_similarity=1.0)
    assert quotes.sort_values("rank")["cohort"].tolist() == [
        "Survivor", "Professional", "Survivor", "Professional"]


def test_a_good_experience_is_not_quoted_under_a_problem():
    helped = "My GP referred me for help with anxiety and that was a turning point for me."
    bounced = "Referrals get bounced back because the form is different for every service."
    data = _data([{"rid": "s00", "text": helped, "codes": {"ref": [_rule("referred")]}},
                  {"rid": "s01", "text": bounced, "codes": {"ref": [_rule("Referrals")]}}],
                 [("ref", "Referral pathway problems")])
    quotes, bank = select_quotes(data)
    assert quotes["text"].tolist() == [bounced]
    assert "good experience" in bank.set_index("segment_id").at["seg0", "reason"]


def test_a_sentence_inside_another_counts_as_the_same_sentence():
    inner = "Training on the needs of LGBTQ survivors and their partners, for every service."
    data = _data([{"rid": "p00", "text": f"Mainly {inner[0].lower()}{inner[1:]}",
                   "codes": {"lgbtq": [_rule("LGBTQ")]}},
                  {"rid": "p01", "text": f"{inner} {BUS}", "codes": {"train": [_rule("Training")]}}],
                 [("lgbtq", "LGBTQ survivors"), ("train", "Training")])
    quotes, bank = select_quotes(data)
    assert quotes["code_id"].tolist() == ["lgbtq"]
    assert bank.set_index("segment_id").at["seg1", "reason"].startswith("a sentence of it")


def test_evidence_parts_read_both_suggesters_and_leave_out_a_cut_part():
    from analysis.quotes import evidence_parts

    assert evidence_parts("matched: LGBTQ; training on the nee…") == (["LGBTQ"], [])
    assert evidence_parts("cosine 0.70; nearest example: One clear page.") == (
        [], ["One clear page."])
    assert evidence_parts(None) == ([], [])


def test_the_code_an_answer_is_already_quoted_under_does_not_change_per_process():
    # two sentences of one answer, each already quoted under a different code: the reason the
    # quote bank gives must be the same in every run (a set's order follows string hashing,
    # which Python seeds afresh in every process)
    import os
    import subprocess
    import sys

    code = ("from analysis.quotes import _quoted_under, _sentences, _sentence_keys\n"
            "q = 'The advocate stayed with me through every single hearing. "
            "The helpline answered straight away every time I rang them.'\n"
            "used = {}\n"
            "for s, label in zip(sorted(_sentences(q, min_words=6)), ['Advocacy', 'Helplines']):\n"
            "    used[s] = label\n"
            "print(_quoted_under(q, used))\n")
    seen = set()
    for seed in range(8):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             env={**os.environ, "PYTHONHASHSEED": str(seed)}, check=True)
        seen.add(out.stdout.strip())
    assert len(seen) == 1 and seen <= {"Advocacy", "Helplines"}
