"""Tests for analysis.quotes (SYNTHETIC data: invented sentences about services)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.quotes import ELLIPSIS, make_quote, select_quotes, sentence_spans
from analysis.store import Store, StoreError
from survey.instrument import instrument_from_dict

_spec = importlib.util.spec_from_file_location(
    "synthetic_report_data", Path(__file__).parent / "report" / "synthetic_data.py")
synthetic = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(synthetic)

# SYNTHETIC sentences, each different, about services and recovery.
VARIED = [
    "The counsellor gave me time to talk at my own pace and never rushed me at all.",
    "Waiting three months for a first appointment made me feel forgotten by everyone involved.",
    "A text message reminding me about appointments would have helped me keep them much better.",
    "The helpline volunteer stayed on the phone until I felt calm enough to sleep that night.",
    "Moving between different services meant telling my story again and again to new people.",
    "Evening and weekend sessions would make support possible for people who work long shifts.",
    "My advocate came with me to every meeting so I never had to face it alone.",
    "The group sessions showed me that other people had felt the same way as me.",
    "Staff at the surgery did not know where to refer me and seemed unsure what to say.",
    "Having one named worker to call made the whole process feel less confusing and lonely.",
    "Childcare during appointments would let parents get help without worrying about the kids.",
    "The online chat was easier for me than speaking out loud on the phone at first.",
]


def _words(text: str) -> int:
    return len(text.replace(ELLIPSIS, " ").split())


def _one_code_data(texts: list[str], responses: list[str], *, cohort: str = "survivor"):
    data = synthetic.make_report_data()
    answers, segments, codings = [], [], []
    for k, (text, rid) in enumerate(zip(texts, responses)):
        aid, sid = f"a{k}", f"seg{k}"
        answers.append({"answer_id": aid, "response_id": rid, "question_id": "q_support",
                        "text": text, "lang": "en"})
        segments.append({"segment_id": sid, "answer_id": aid, "start": 0, "end": len(text),
                         "text": text})
        codings.append({"segment_id": sid, "code_id": "info", "coder": "AB", "source": "human",
                        "confidence": 1.0, "status": "accepted", "evidence": "",
                        "decided_at": "2026-03-01"})
    data.answers, data.segments = pd.DataFrame(answers), pd.DataFrame(segments)
    data.codings = pd.DataFrame(codings)
    return data


def test_sentence_spans_split_on_sentence_ends_only():
    text = "It helped. I met [PERSON 1] there! then we talked. The end"
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "It helped.", "I met [PERSON 1] there! then we talked.", "The end"]


def test_make_quote_widens_to_whole_sentences_and_marks_omissions():
    text = "First part is here. " + VARIED[0] + " " + VARIED[1] + " Last bit."
    start = text.index("counsellor")
    quote, reason = make_quote(text, start, start + 10, min_words=5)
    assert reason == "" and quote == f"{ELLIPSIS} {VARIED[0]} {ELLIPSIS}"


def test_make_quote_trims_long_text_at_sentence_boundary():
    text = " ".join(VARIED * 2)  # about 180 words
    quote, _ = make_quote(text, 0, len(text))
    assert 15 <= _words(quote) <= 80 and quote.endswith(ELLIPSIS)
    assert quote.rstrip(f" {ELLIPSIS}").endswith(".")


@pytest.mark.parametrize(("text", "reason"), [
    ("Too short to quote.", "too short"),
    ("word " * 90 + "end.", "too long"),
])
def test_make_quote_rejects_unreadable(text, reason):
    quote, why = make_quote(text, 0, len(text))
    assert quote is None and why.startswith(reason)


def test_select_quotes_length_variety_and_one_per_respondent():
    pairs = [(0, 1), (2, 3), (4, 5), (6, 7), (8, 9), (10, 11), (0, 1)]
    texts = [f"{VARIED[a]} {VARIED[b]}" for a, b in pairs]
    data = _one_code_data(texts, ["s00", "s01", "s02", "s03", "s04", "s00", "s05"])
    quotes, bank = select_quotes(data, per_code=4)
    assert len(quotes) == 4 and quotes["rank"].tolist() == [1, 2, 3, 4]
    assert all(15 <= _words(t) <= 80 for t in quotes["text"])
    resp = dict(zip("seg" + data.answers["answer_id"].str[1:], data.answers["response_id"]))
    assert quotes["segment_id"].map(resp).is_unique
    assert not {"seg0", "seg6"} <= set(quotes["segment_id"])  # exact repeat never beside it
    assert sorted(bank["candidate_rank"]) == list(range(1, 8))
    assert bank.loc[~bank["selected"], "reason"].str.len().gt(0).all()


def test_select_quotes_skips_repeated_sentence():
    texts = [f"{VARIED[0]} {VARIED[1]}", f"Mainly, {VARIED[1].lower()} {VARIED[7]}",
             f"{VARIED[2]} {VARIED[3]}"]
    data = _one_code_data(texts, ["s00", "s01", "s02"])
    quotes, bank = select_quotes(data, per_code=3)
    assert len(quotes) == 2
    assert bank["reason"].str.startswith("repeats a sentence").sum() == 1


def test_select_quotes_prefers_one_quote_per_cohort_first():
    texts = [f"{VARIED[a]} {VARIED[b]}" for a, b in [(0, 1), (2, 3), (4, 5), (6, 7)]]
    data = _one_code_data(texts, ["s00", "s01", "s02", "p00"])
    quotes, _ = select_quotes(data, per_code=2)
    assert set(quotes["cohort"]) == {"Survivor", "Professional"}


def test_select_quotes_flagged_never_selected_and_text_withheld():
    texts = [f"{VARIED[i]} {VARIED[(i + 2) % 6]}" for i in range(5)]
    data = _one_code_data(texts, ["s00", "s01", "s02", "s03", "s04"])
    data.flagged_segments = frozenset({"seg0", "seg1", "seg2"})
    quotes, bank = select_quotes(data, per_code=5)
    assert not set(quotes["segment_id"]) & data.flagged_segments
    flagged = bank[bank["segment_id"].isin(data.flagged_segments)]
    assert (flagged["text"] == "").all() and flagged["reason"].str.contains("flagged").all()


def test_select_quotes_attribution_is_cohort_label_only():
    data = _one_code_data([f"{VARIED[0]} {VARIED[3]}", f"{VARIED[1]} {VARIED[4]}"],
                          ["s00", "p00"])
    quotes, _ = select_quotes(data)
    assert set(quotes["cohort"]) == {"Survivor", "Professional"}


def test_select_quotes_small_cohort_attributed_generically():
    data = _one_code_data([f"{VARIED[0]} {VARIED[3]}"], ["p00"])
    data.responses = data.responses[~data.responses["response_id"].isin(
        ["p01", "p02", "p03", "p04", "p05", "p06"])]
    quotes, _ = select_quotes(data)
    assert quotes["cohort"].tolist() == ["Respondent"]


def test_select_quotes_keeps_placeholders():
    text = "I was helped by [PERSON 1] at the centre in town every week. " + VARIED[2]
    quotes, _ = select_quotes(_one_code_data([text], ["s00"]))
    assert "[PERSON 1]" in quotes["text"].iloc[0]


def test_select_quotes_uses_segment_vectors_for_centrality():
    texts = [f"{VARIED[i]} {VARIED[(i + 1) % 6]}" for i in range(3)]
    data = _one_code_data(texts, ["s00", "s01", "s02"])
    data.segment_vectors = {"seg0": np.array([1.0, 0.0]), "seg1": np.array([0.0, 1.0]),
                            "seg2": np.array([0.72, 0.69])}
    quotes, bank = select_quotes(data, per_code=1)
    assert quotes["segment_id"].tolist() == ["seg2"]
    assert bank.set_index("segment_id").at["seg2", "candidate_rank"] == 1


def test_select_quotes_machine_suggestions_flagged():
    data = synthetic.make_report_data(accepted=False)
    quotes, _ = select_quotes(data)
    assert len(quotes) and quotes["machine_suggested"].all()


def test_select_quotes_rejects_bad_options():
    data = synthetic.make_report_data()
    with pytest.raises(ValueError):
        select_quotes(data, per_code=0)
    with pytest.raises(ValueError):
        select_quotes(data, min_words=50, max_words=10)


def test_select_quotes_whole_sentences():
    quotes, _ = select_quotes(synthetic.make_report_data())
    for t in quotes["text"]:
        body = t.strip(f" {ELLIPSIS}")
        assert re.match(r"^[A-Z\[=]", body) and body.endswith((".", "!", "?"))


def test_containment_same_sentence_different_first_word():
    from analysis.quotes import containment

    a = "Honestly the police never called me back after I reported it to them that week."
    b = "Sadly the police never called me back after I reported it to them that week."
    assert containment(a, b) >= 0.75
    assert containment(VARIED[0], VARIED[1]) < 0.2


def test_select_quotes_near_duplicate_first_word_never_both_selected():
    body = ("the police never called me back after I reported it, and I waited for weeks "
            "without a single word from anyone about what would happen next.")
    texts = [f"Honestly, {body}", f"Sadly, {body}", f"{VARIED[2]} {VARIED[3]}"]
    data = _one_code_data(texts, ["s00", "s01", "s02"])
    quotes, bank = select_quotes(data, per_code=3, max_similarity=0.999)
    assert not {"seg0", "seg1"} <= set(quotes["segment_id"])
    assert len(quotes) == 2
    assert bank["reason"].str.contains("near-duplicate").sum() == 1


def test_select_quotes_one_quote_inside_another_never_both_selected():
    inner = f"{VARIED[4]} {VARIED[5]}"
    texts = [inner, f"{VARIED[9]} {inner}", f"{VARIED[2]} {VARIED[3]}"]
    data = _one_code_data(texts, ["s00", "s01", "s02"])
    quotes, _ = select_quotes(data, per_code=3, max_similarity=0.999)
    assert not {"seg0", "seg1"} <= set(quotes["segment_id"])


def _descriptor_data(n_survivors: int, bands: list[str]):
    texts = [f"{VARIED[a]} {VARIED[b]}" for a, b in [(0, 1), (2, 3), (4, 5)]]
    data = _one_code_data(texts, ["x00", "x01", "p00"])
    extra = pd.DataFrame({"response_id": [f"x{i:02d}" for i in range(n_survivors)],
                          "source": "s.csv", "cohort": "survivor", "wave": 1, "kind": "survey",
                          "submitted": None,
                          "age_band": [bands[i % len(bands)] for i in range(n_survivors)]})
    pros = data.responses[data.responses["cohort"] == "professional"]
    data.responses = pd.concat([extra, pros], ignore_index=True)
    data.quote_descriptor = "age_band"
    return data


def test_select_quotes_broad_descriptor_where_cohort_large_enough():
    data = _descriptor_data(30, ["25-34", "35-44"])
    quotes, _ = select_quotes(data, per_code=3)
    got = set(quotes["cohort"])
    assert "Survivor, aged 25-34" in got and "Survivor, aged 35-44" in got
    assert "Professional" in got  # no descriptor answered: cohort label only


def test_select_quotes_no_descriptor_for_small_cohort_or_rare_group():
    small = _descriptor_data(12, ["25-34", "35-44"])
    assert set(select_quotes(small)[0]["cohort"]) == {"Survivor", "Professional"}
    rare = _descriptor_data(30, ["25-34"])
    rare.responses.loc[rare.responses["response_id"] == "x01", "age_band"] = "65 or over"
    cohorts = dict(zip(*select_quotes(rare)[0][["segment_id", "cohort"]].T.values))
    assert cohorts["seg1"] == "Survivor"
    assert cohorts["seg0"] == "Survivor, aged 25-34"


def test_select_quotes_prefer_not_to_say_is_no_descriptor():
    data = _descriptor_data(30, ["Prefer not to say"])
    assert set(select_quotes(data)[0]["cohort"]) == {"Survivor", "Professional"}


@pytest.fixture()
def store(tmp_path: Path):
    inst = instrument_from_dict({"questions": [
        {"id": "helped", "text": "What helped?", "kind": "text"}]})
    responses = pd.DataFrame([{"response_id": "r1", "source": "s.csv", "cohort": "survivor",
                               "wave": 1, "kind": "survey", "submitted": None}])
    answers = pd.DataFrame([{"answer_id": "a1", "response_id": "r1", "question_id": "helped",
                             "text": "The [ORG 1] helped.", "lang": "en"}])
    with Store(tmp_path / "project.sqlite") as s:
        s.replace_survey_data(inst, responses, answers)
        yield s


# -- quote picks (issue 12) ----------------------------------------------------------------------
def test_quote_picks_latest_row_per_answer_and_code_is_current(store: Store) -> None:
    store.set_quote_pick("a1", code_id="c1", user="writer1", starred=True, rank=2)
    store.set_quote_pick("a1", code_id="c2", user="writer1", starred=True, trim_start=4,
                         trim_end=11)
    store.set_quote_pick("a1", code_id="c1", user="writer2", starred=False)
    cur = store.read_quote_picks()
    assert len(cur) == 2
    c1 = cur.set_index("code_id").loc["c1"]
    assert not c1["starred"] and c1["user"] == "writer2" and pd.isna(c1["rank"])
    c2 = cur.set_index("code_id").loc["c2"]
    assert c2["starred"] and (c2["trim_start"], c2["trim_end"]) == (4, 11)
    hist = store.read_quote_picks(current_only=False)
    assert len(hist) == 3 and hist["decided_at"].notna().all()


def test_quote_pick_never_quote_for_any_code(store: Store) -> None:
    store.set_quote_pick("a1", code_id=None, user="w", starred=False, never_quote=True)
    cur = store.read_quote_picks()
    assert cur.loc[0, "code_id"] is None and bool(cur.loc[0, "never_quote"])


@pytest.mark.parametrize("kwargs", [
    {"answer_id": "nope"}, {"rank": 0}, {"trim_start": 3}, {"trim_start": 5, "trim_end": 5},
    {"trim_start": 0, "trim_end": 99}])
def test_quote_pick_rejects_bad_input(store: Store, kwargs: dict) -> None:
    args = {"answer_id": "a1", "code_id": "c1", "user": "w", "starred": True, **kwargs}
    with pytest.raises(StoreError):
        store.set_quote_pick(args.pop("answer_id"), **args)
    assert store.read_quote_picks().empty


# SYNTHETIC wish-list and conditional answers: a positive word or a service's name inside a
# wish, never an experience that happened.
WISHES = [
    "I wish there had been a kind nurse to talk to at the clinic on the night it happened.",
    "It would be good if the helpline could ring people back when they hang up in a panic.",
    "More evening sessions with a counsellor would help people who work long shifts a lot.",
    "If only someone had told me about the advocate service before my court date came round.",
    "I'd really like the support group to carry on past twelve weeks, it ends far too soon.",
    "Would have been nice to have a private room to wait in rather than the busy corridor.",
]
EXPERIENCES = [
    "The nurse at the clinic was kind and calm and let me take my time over every question.",
    "My advocate came to every meeting with the police so I never had to face them alone.",
    "The helpline volunteer was good to me and stayed on the line until I felt safe again.",
    "The nurse was kind and gentle with me. I wish I had gone to them a lot sooner though.",
]


@pytest.mark.parametrize("text", WISHES)
def test_is_wish_finds_wishes_and_conditionals(text):
    from analysis.quotes import is_wish

    assert is_wish(text)


@pytest.mark.parametrize("text", EXPERIENCES + [
    "If I needed help again I would go straight back to them without thinking twice."])
def test_is_wish_keeps_experiences_even_beside_a_wish(text):
    from analysis.quotes import is_wish

    assert not is_wish(text)


def test_positive_framing_from_code_or_theme_label():
    from analysis.quotes import positive_framing

    assert positive_framing("Good experiences of specialist services")
    assert positive_framing("Clear information", "Support that helped")
    assert not positive_framing("Waiting times", "Access to services")


def _wish_data(code_id: str, *, machine: bool):
    texts = WISHES + EXPERIENCES
    data = _one_code_data(texts, [f"r{k}" for k in range(len(texts))])
    data.codings = data.codings.assign(code_id=code_id)
    if machine:
        data.codings = data.codings.assign(coder="rules.v1", source="rules", status="suggested",
                                           confidence=0.7, decided_at=None)
    return data


@pytest.mark.parametrize("machine", [False, True])
def test_wish_list_answers_are_not_quoted_as_good_experiences(machine):
    from analysis.quotes import WISH_REASON

    quotes, bank = select_quotes(_wish_data("info", machine=machine), per_code=20,
                                 max_similarity=0.99)
    chosen = set(quotes["text"])
    assert not chosen & set(WISHES)
    assert set(EXPERIENCES) <= chosen  # a wish beside an experience stays quotable
    reasons = bank.set_index("text")["reason"]
    assert all(reasons[w] == WISH_REASON for w in WISHES)
    assert quotes["machine_suggested"].all() == machine


def test_wish_list_answers_are_quoted_under_a_code_not_framed_as_good():
    quotes, _ = select_quotes(_wish_data("waiting", machine=True), per_code=20,
                              max_similarity=0.99)
    assert set(WISHES) <= set(quotes["text"])
