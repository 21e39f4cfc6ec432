"""SYNTHETIC report data for tests: invented answers about services, no real survey text.

``make_report_data()`` builds a small :class:`ReportData`: 14 surveyed and 2 interviewed
survivors and 8 professionals, two free-text questions, a Likert and a multiple-choice question,
four codes in two themes. Imported by the conftest here and, by path, by tests in ``tests/analysis``.
"""

from __future__ import annotations

import pandas as pd

from analysis.report.data import ReportData
from survey.config import DisclosureConfig
from survey.instrument import instrument_from_dict

INSTRUMENT = {
    "name": "Synthetic survey (SYNTHETIC)",
    "questions": [
        {"id": "q_support", "text": "What helped you most?", "kind": "text"},
        {"id": "q_improve", "text": "What could services do better?", "kind": "text"},
        {"id": "q_satisfaction", "text": "How satisfied were you with support?", "kind": "likert",
         "options": ["Dissatisfied", "Neither", "Satisfied", "Prefer not to say"],
         "cohorts": ["survivor"]},
        {"id": "q_services", "text": "Which services did you use?", "kind": "multiple",
         "options": ["Counselling", "Advocacy", "Helpline"]},
    ],
}

# Invented sentences (SYNTHETIC). Each answer is long enough to be a quote.
WAIT = ("The waiting list for counselling felt very long and nobody told me what would happen "
        "next. I kept checking my phone every day for a call that did not come for months.")
WAIT2 = ("I waited a long time before the first appointment and the delay made everything feel "
         "harder. A simple letter explaining the waiting time would have helped me cope better.")
ACCESS = ("Getting to the centre took two buses and I could not always afford the fare. An "
          "evening session closer to home would have made it much easier to keep going.")
KIND = ("The support worker listened without judging me and that made a real difference to my "
        "recovery. She explained every step in plain words and I always felt believed.")
INFO = ("I did not know which service to contact first because the leaflets said different "
        "things. One clear page listing every service and who it is for would help people.")
PRO = ("Referral routes between agencies are not clear, so we sometimes send people to the wrong "
       "place. A shared directory for frontline staff would reduce delays for survivors.")


def make_report_data(*, min_count: int = 5, min_base_for_percent: int = 10,
                     accepted: bool = True) -> ReportData:
    """A small SYNTHETIC ReportData; ``accepted=False`` leaves only machine suggestions."""
    instrument = instrument_from_dict(INSTRUMENT)
    resp, answers, segments, codings = [], [], [], []
    likert = ["Satisfied"] * 6 + ["Dissatisfied"] * 3 + ["Neither"] * 2 + ["Prefer not to say",
                                                                          None, "Satisifed"]
    for i in range(14):
        rid = f"s{i:02d}"
        resp.append({"response_id": rid, "source": "survivors.csv", "cohort": "survivor",
                     "wave": 1, "kind": "survey",
                     "submitted": "2026-01", "q_satisfaction": likert[i],
                     "q_services": (["Counselling", "Advocacy"] if i % 2 else ["Counselling"])
                     if i != 13 else []})
    for i in (14, 15):  # interview participants: never asked the closed questions
        resp.append({"response_id": f"s{i:02d}", "source": "transcripts", "cohort": "survivor",
                     "wave": 1, "kind": "interview", "submitted": None, "q_satisfaction": None,
                     "q_services": []})
    for i in range(8):
        rid = f"p{i:02d}"
        resp.append({"response_id": rid, "source": "pros.csv", "cohort": "professional",
                     "wave": 1, "kind": "survey", "submitted": "2026-02",
                     "q_satisfaction": None, "q_services": ["Helpline"] if i < 3 else []})

    def add(rid: str, qid: str, text: str, code: str | None, status: str = "accepted") -> None:
        aid = f"{rid}_{qid}"
        answers.append({"answer_id": aid, "response_id": rid, "question_id": qid, "text": text,
                        "lang": "en"})
        sid = f"{aid}_0"
        segments.append({"segment_id": sid, "answer_id": aid, "start": 0, "end": len(text),
                         "text": text})
        if code:
            codings.append({"segment_id": sid, "code_id": code, "coder": "rules",
                            "source": "rules", "confidence": 0.8, "status": "suggested",
                            "evidence": "", "decided_at": None})
            codings.append({"segment_id": sid, "code_id": code, "coder": "similarity",
                            "source": "similarity", "confidence": 0.7, "status": "suggested",
                            "evidence": "", "decided_at": None})
            if accepted:
                codings.append({"segment_id": sid, "code_id": code, "coder": "AB",
                                "source": "human", "confidence": 1.0, "status": "accepted",
                                "evidence": "", "decided_at": "2026-03-01T10:00:00"})

    for i in range(14):
        rid = f"s{i:02d}"
        if i < 9:
            add(rid, "q_improve", WAIT if i % 2 else WAIT2, "waiting")
        elif i < 12:
            add(rid, "q_improve", ACCESS, "access")
        add(rid, "q_support", KIND if i < 10 else INFO, "kind_staff" if i < 10 else "info")
    for i in range(8):
        add(f"p{i:02d}", "q_improve", PRO if i < 7 else WAIT2, "info" if i < 7 else "waiting")

    codes = pd.DataFrame([
        {"code_id": "waiting", "label": "Waiting times", "theme_id": "t_access",
         "theme_label": "Access to services", "definition": "Delays", "colour": "#1b9e77",
         "status": "active"},
        {"code_id": "access", "label": "Travel and cost", "theme_id": "t_access",
         "theme_label": "Access to services", "definition": "Getting there", "colour": "#d95f02",
         "status": "active"},
        {"code_id": "kind_staff", "label": "Being believed", "theme_id": "t_support",
         "theme_label": "Support that helped", "definition": "Kind staff", "colour": "#7570b3",
         "status": "active"},
        {"code_id": "info", "label": "Clear information", "theme_id": "t_support",
         "theme_label": "Support that helped", "definition": "Information",
         "colour": "#e7298a", "status": "active"},
    ])
    return ReportData(
        project_name="Synthetic JSNA survey (SYNTHETIC)", instrument=instrument,
        responses=pd.DataFrame(resp), answers=pd.DataFrame(answers),
        segments=pd.DataFrame(segments), codings=pd.DataFrame(codings), codes=codes,
        disclosure=DisclosureConfig(min_count=min_count,
                                    min_base_for_percent=min_base_for_percent),
        anonymisation_summary={"PERSON": 3, "PLACE": 1},
        notes=["Synthetic data for tests."])


def add_topics(data: ReportData) -> ReportData:
    """Give ``data`` a SYNTHETIC topic model: waiting (10 answers), support (10), information
    (11, far from every code: a candidate new code when uncoded) and travel (3: a small topic)."""
    def topic(text: str) -> int:
        if text.startswith(("The waiting", "I waited")):
            return 0
        if text.startswith("The support"):
            return 1
        if text.startswith("Getting"):
            return 3
        return 2

    a = data.answers
    data.topic_assignments = pd.DataFrame({"id": a["answer_id"],
                                           "topic_id": [topic(t) for t in a["text"]]})
    sizes = data.topic_assignments["topic_id"].value_counts().sort_index().tolist()
    data.topics = pd.DataFrame({
        "topic_id": [0, 1, 2, 3], "label": ["waiting, list", "support, listened",
                                            "service, referral", "bus, fare"],
        "size": sizes, "top_words": [["waiting", "list"], ["support", "listened"],
                                     ["service", "referral"], ["bus", "fare"]],
        "best_code_id": ["waiting", "kind_staff", "info", "access"],
        "best_code_similarity": [0.6, 0.5, 0.1, 0.4],
        "candidate_new_code": [False, False, True, False]})
    data.topic_coords = pd.DataFrame({"id": a["answer_id"], "x": range(len(a)),
                                      "y": [float(i % 3) for i in range(len(a))]})
    return data
