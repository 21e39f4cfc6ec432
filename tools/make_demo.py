"""Write the SYNTHETIC Survivor Voices demo project into ``data/demo/`` (deterministic, seeded).

Every response, transcript, name, number, address and place written by this script is invented.
Run from the repository root::

    .venv/bin/python tools/make_demo.py            # rewrites data/demo/ byte for byte the same
    .venv/bin/python tools/make_demo.py --out DIR  # writes the same files into DIR instead

What it writes (paths relative to the demo folder): ``project.yaml``, ``instrument.yaml``,
``codebook.yaml``, ``README.md``, ``planted_identifiers.json``,
``exports/survivor_survey_smartsurvey.xlsx`` (83 responses, SmartSurvey-style, one header row),
``exports/professional_survey_surveymonkey.csv`` (128 responses, SurveyMonkey expanded layout,
two header rows), six interview transcripts in ``transcripts/`` (3 .txt, 2 .docx, 1 .vtt), and a
smaller wave 2 in the same layouts (``exports/*_wave2_*``: 40 survivors, 60 professionals).

The script is one self-contained file on purpose: most of it is data (instrument, codebook,
sentence banks per question, planted identifiers, transcripts), kept as constants so a reviewer
can read every invented sentence in one place. The code part is at the bottom.

Determinism: ``random.Random(seed)`` only (one per file), fixed timestamps, fixed workbook and
document properties, and every zip member of ``.xlsx``/``.docx`` rewritten with a fixed date.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import random
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from survey.atomic import atomic_open, atomic_path  # noqa: E402

SEED = 13
N_SURVIVORS = 83
N_PROFESSIONALS = 128
FIXED_DATETIME = dt.datetime(2025, 9, 1, 9, 0, 0)
ZIP_DATE = (2025, 9, 1, 9, 0, 0)
SURVIVOR_XLSX = "exports/survivor_survey_smartsurvey.xlsx"
PROFESSIONAL_CSV = "exports/professional_survey_surveymonkey.csv"
# Wave 2: a smaller follow-up survey a year later, after a new pathway (same platforms).
N_SURVIVORS_W2 = 40
N_PROFESSIONALS_W2 = 60
SURVIVOR_XLSX_W2 = "exports/survivor_survey_wave2_smartsurvey.xlsx"
PROFESSIONAL_CSV_W2 = "exports/professional_survey_wave2_surveymonkey.csv"
SYNTHETIC_NOTE = ("SYNTHETIC DATA: every response in this file is invented for the Survivor Voices "
                  "demo.")
TRANSCRIPT_NOTE = "SYNTHETIC transcript: invented for the Survivor Voices demo"
DENY_PLACES = ["Kestrel Fields", "Marshbury", "Eastholt", "Saltmead", "Lowfield"]
ALLOW_TERMS = ["SARC", "ISVA", "Rape Crisis", "NHS", "Samaritans", "Citizens Advice",
               "Victim Support", "Survivors Trust"]

# --------------------------------------------------------------------------------------------
# Instrument
# --------------------------------------------------------------------------------------------

PNTS = "Prefer not to say"
SATISFACTION = ["Very dissatisfied", "Dissatisfied", "Neither satisfied nor dissatisfied",
                "Satisfied", "Very satisfied"]
CONFIDENCE = ["Not at all confident", "Not very confident", "Neither confident nor unconfident",
              "Fairly confident", "Very confident"]
SURVIVOR_SERVICES = ["SARC (Sexual Assault Referral Centre)",
                     "ISVA (Independent Sexual Violence Adviser)", "Rape Crisis centre", "GP",
                     "NHS mental health services", "Police", "Victim Support", "Samaritans",
                     "Housing services", "None of these"]
PROFESSIONAL_SERVICES = ["SARC (Sexual Assault Referral Centre)", "ISVA service",
                         "Rape Crisis centre", "GP", "NHS mental health services", "Police",
                         "Victim Support", "Housing services", "Children's social care"]
OTHER_SPECIFY = "Other (please specify)"

CONSENT_YES = "Yes, I agree to take part"
QUESTIONS: list[dict[str, Any]] = [
    {"id": "consent", "text": "Do you agree to take part in this survey?", "kind": "single",
     "options": [CONSENT_YES, "No"], "cohorts": ["survivor", "professional"],
     "required": True, "consent": True,
     "help": "Your answers are anonymous. You can stop at any time and skip any question."},
    {"id": "age_band", "text": "Which age group are you in?", "kind": "single",
     "options": ["16-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65 or over", PNTS],
     "cohorts": ["survivor"], "sensitive": True, "aliases": ["Age group"],
     "content_note": "The next questions ask about you. Every one is optional and each has a "
                     "\"Prefer not to say\" answer."},
    {"id": "gender", "text": "How would you describe your gender?", "kind": "single",
     "options": ["Woman", "Man", "Non-binary", "I describe myself another way", PNTS],
     "cohorts": ["survivor"], "sensitive": True, "aliases": ["Gender"]},
    {"id": "sexual_orientation",
     "text": "Which of the following best describes your sexual orientation?", "kind": "single",
     "options": ["Heterosexual or straight", "Gay or lesbian", "Bisexual", "Another orientation",
                 PNTS],
     "cohorts": ["survivor"], "sensitive": True, "aliases": ["Sexual orientation"]},
    {"id": "ethnicity", "text": "What is your ethnic group?", "kind": "single",
     "options": ["White British", "White (any other White background)",
                 "Mixed or multiple ethnic groups", "Asian or Asian British",
                 "Black, Black British, Caribbean or African", "Another ethnic group", PNTS],
     "cohorts": ["survivor"], "sensitive": True, "aliases": ["Ethnic group"]},
    {"id": "disability",
     "text": "Do you consider yourself to have a disability or long-term health condition?",
     "kind": "single", "options": ["Yes", "No", PNTS], "cohorts": ["survivor"],
     "sensitive": True, "aliases": ["Disability"]},
    {"id": "services_used", "text": "Which of these services have you used? (Tick all that apply)",
     "kind": "multiple", "options": SURVIVOR_SERVICES, "cohorts": ["survivor"],
     "aliases": ["Services used"]},
    {"id": "satisfaction_overall",
     "text": "Overall, how satisfied are you with the support you received?", "kind": "likert",
     "options": SATISFACTION, "cohorts": ["survivor"], "aliases": ["Overall satisfaction"],
     "help": "Think about all the services you used, taken together."},
    {"id": "reported_police", "text": "Did you report what happened to the police?",
     "kind": "single", "options": ["Yes", "No", PNTS], "cohorts": ["survivor"],
     "aliases": ["Reported to police"],
     "content_note": "The next question asks about reporting to the police. You can skip it "
                     "or choose \"Prefer not to say\"."},
    {"id": "knew_where_help", "text": "Did you know where to go for help?", "kind": "single",
     "options": ["Yes", "Partly", "No", PNTS], "cohorts": ["survivor"],
     "aliases": ["Knew where to get help"]},
    {"id": "helped", "text": "What helped you most when you looked for support?", "kind": "text",
     "cohorts": ["survivor"]},
    {"id": "would_have_helped", "text": "What would have helped you that you did not get?",
     "kind": "text", "cohorts": ["survivor"]},
    {"id": "barriers", "text": "What made it harder for you to get support, if anything?",
     "kind": "text", "cohorts": ["survivor"], "aliases": ["Barriers to getting support"]},
    {"id": "role_sector", "text": "Which sector do you work in?", "kind": "single",
     "options": ["Police", "Health (NHS)", "Social care", "Education", "Housing",
                 "Voluntary or community sector", "Local council (other services)", "Other"],
     "cohorts": ["professional"], "aliases": ["Sector"]},
    {"id": "years_in_role", "text": "How long have you worked in your current role?",
     "kind": "single",
     "options": ["Less than 1 year", "1 to 2 years", "3 to 5 years", "6 to 10 years",
                 "More than 10 years"],
     "cohorts": ["professional"], "aliases": ["Years in role"]},
    {"id": "trained_disclosures",
     "text": "Have you had training on responding to disclosures of sexual violence?",
     "kind": "single", "options": ["Yes", "No"], "cohorts": ["professional"]},
    {"id": "confidence",
     "text": "How confident do you feel responding to a disclosure of sexual violence?",
     "kind": "likert", "options": CONFIDENCE, "cohorts": ["professional"]},
    {"id": "services_referred",
     "text": "Which services have you referred people to in the last 12 months?",
     "kind": "multiple", "options": PROFESSIONAL_SERVICES, "cohorts": ["professional"]},
    {"id": "referral_problems",
     "text": "What problems, if any, have you had with referral pathways for people who "
             "disclose sexual violence?", "kind": "text", "cohorts": ["professional"]},
    {"id": "training_needs",
     "text": "What training would help you respond to disclosures of sexual violence?",
     "kind": "text", "cohorts": ["professional"]},
    {"id": "improve_support", "text": "What would improve support for survivors in this area?",
     "kind": "text", "cohorts": ["professional"]},
    {"id": "anything_else", "text": "Is there anything else you would like to tell us?",
     "kind": "text", "cohorts": ["survivor", "professional"]},
]
QTEXT = {q["id"]: q["text"] for q in QUESTIONS}
INTRO = ("This SYNTHETIC demo survey asks about support services after sexual violence, so that "
         "the council can plan better services. It takes about 15 minutes. Every question is "
         "optional except consent, and you can stop at any time.")
SIGNPOSTING = ("If you need support now: Rape Crisis 24/7 support line 0808 500 2222; "
               "Samaritans 116 123 (free, day or night); in an emergency call 999. Your local "
               "SARC and ISVA service can help whether or not you have reported to the police.")
QUICK_EXIT = ("Use the \"Leave this site\" button at the top of every page to leave the survey "
              "quickly; your answers so far are not saved.")
OUTRO = "Thank you for taking part. The support services above are there whenever you need them."


def _options(question_id: str) -> list[str]:
    return next(q["options"] for q in QUESTIONS if q["id"] == question_id)

# --------------------------------------------------------------------------------------------
# Codebook: 8 themes, 23 codes. Keywords are lemma-friendly and also work as substrings.
# --------------------------------------------------------------------------------------------

THEMES: list[dict[str, Any]] = [
    {"id": "access", "label": "Access to services", "colour": "#1b9e77", "codes": [
        {"id": "access_transport", "label": "Hard to reach by public transport",
         "definition": "Services are far away or hard to reach without a car; travel time or "
                       "cost gets in the way of attending.",
         "include": "Buses, trains, journey times, travel costs, no car, services far from home.",
         "exclude": "Waiting for an appointment (access_waiting); not knowing where services "
                    "are (access_awareness).",
         "examples": ["The nearest centre is two buses away and I don't drive.",
                      "Appointments somewhere I could reach by public transport."],
         "keywords": ["bus", "train fare", "travel", "public transport", "journey", "taxi",
                      "drive", "closer to home"],
         "colour": "#1b9e77"},
        {"id": "access_fragmented", "label": "Fragmented services and differing eligibility",
         "definition": "Services have different eligibility criteria or boundaries, so people "
                       "are turned away or passed between them.",
         "include": "Criteria, thresholds, area boundaries, falling between services, being "
                    "passed on.",
         "exclude": "Referral paperwork problems described by professionals (prof_referral).",
         "examples": ["Every service had different criteria, so I kept being passed on.",
                      "People fall between services: too complex for one, not high risk "
                      "enough for another."],
         "keywords": ["eligibility", "criteria", "eligible", "passed between", "passed on",
                      "boundary", "fall between", "fragmented"],
         "colour": "#2ca58d"},
        {"id": "access_awareness", "label": "Not knowing what exists or how services relate",
         "definition": "People did not know which services exist, where to go, or how the "
                       "services relate to each other.",
         "include": "No idea where to go, found out by chance, confusing information, calls for "
                    "awareness.",
         "exclude": "Knowing about a service but not being eligible (access_fragmented).",
         "examples": ["I had no idea what was out there or who to ask.",
                      "A leaflet in the GP waiting room was how I found out the service "
                      "existed."],
         "keywords": ["didn't know", "no idea", "information", "leaflet", "find out",
                      "who to ask", "awareness", "website"],
         "colour": "#66c2a5"},
        {"id": "access_waiting", "label": "Waiting times",
         "definition": "Long waits for a first appointment, counselling or a call back, and no "
                       "support while waiting.",
         "include": "Waiting lists, months or weeks of waiting, delays, no interim support.",
         "exclude": "Delays in the criminal justice process (reporting_conviction_doubt).",
         "examples": ["Shorter waiting lists. Eleven months for counselling is too long.",
                      "Clients wait months with no interim support."],
         "keywords": ["wait", "waiting list", "waiting time", "months", "delay", "call back"],
         "colour": "#a6d854"},
    ]},
    {"id": "reporting", "label": "Reporting to the police", "colour": "#d95f02", "codes": [
        {"id": "reporting_conviction_doubt", "label": "Doubt that reporting leads to justice",
         "definition": "Not reporting, or regretting it, because cases rarely reach court or end "
                       "in a conviction.",
         "include": "Low conviction rates, cases dropped, no further action, court process.",
         "exclude": "Fear of not being believed by the person taking the report (reporting_fear).",
         "examples": ["I didn't report because I didn't think it would ever get to court.",
                      "Until more cases get to court, people won't report."],
         "keywords": ["conviction", "court", "no further action", "prosecution", "dropped",
                      "justice"],
         "colour": "#d95f02"},
        {"id": "reporting_fear", "label": "Fear of not being believed or judged",
         "definition": "Worry about being disbelieved, judged or blamed when telling the police "
                       "or a service; also the relief of being believed.",
         "include": "Belief, judgement, shame, fear, giving a statement.",
         "exclude": "Doubts about the outcome of a case (reporting_conviction_doubt).",
         "examples": ["I was scared I wouldn't be believed.",
                      "The police officer who took my statement believed me from the start."],
         "keywords": ["believe", "judged", "scared", "afraid", "ashamed", "blame", "statement"],
         "colour": "#fc8d62"},
    ]},
    {"id": "wellbeing", "label": "Mental health and self-harm", "colour": "#7570b3", "codes": [
        {"id": "wellbeing_mental_health", "label": "Mental health needs",
         "definition": "Anxiety, depression, sleep problems, flashbacks and other mental health "
                       "needs, and the services that meet them.",
         "include": "Anxiety, panic, low mood, sleep, flashbacks, drinking to cope, mental health "
                    "services.",
         "exclude": "Self-harm or crisis (wellbeing_self_harm).",
         "examples": ["My anxiety was so bad I couldn't make phone calls to book anything.",
                      "Mental health services and sexual violence services need to talk to "
                      "each other."],
         "keywords": ["anxiety", "depression", "panic", "mental health", "sleep", "flashback",
                      "low mood", "drinking"],
         "colour": "#7570b3"},
        {"id": "wellbeing_self_harm", "label": "Self-harm and crisis support",
         "definition": "Self-harm or crisis, and how services respond to it.",
         "include": "Self-harm, crisis team, being refused because of risk.",
         "exclude": "General mental health needs (wellbeing_mental_health).",
         "examples": ["Help sooner, before things got to the point of self-harm.",
                      "How to support someone who is self-harming while they wait for "
                      "specialist help."],
         "keywords": ["self-harm", "self-harming", "crisis team", "suicidal"],
         "colour": "#8da0cb"},
    ]},
    {"id": "daily_life", "label": "Housing, work, study and parenting", "colour": "#e7298a",
     "codes": [
         {"id": "life_housing", "label": "Housing",
          "definition": "Needing to move, unsafe or temporary housing, and housing advice.",
          "include": "Housing officers, temporary accommodation, moving, landlords, refuges.",
          "exclude": "Where a service is located (access_transport).",
          "examples": ["Housing advice straight away. I couldn't stay where I was living.",
                       "The housing officer moved me quickly and that gave me space to start "
                       "recovering."],
          "keywords": ["housing", "accommodation", "landlord", "rent", "homeless", "refuge"],
          "colour": "#e7298a"},
         {"id": "life_work_study", "label": "Work and study",
          "definition": "Effects on work, college or university, and how employers and "
                        "colleges respond.",
          "include": "Time off work, employers, shifts, exams, studies.",
          "exclude": "Professionals describing their own training (prof_training).",
          "examples": ["My employer gave me time off work without asking questions.",
                       "I was at university and didn't want to fall behind with my studies."],
          "keywords": ["employer", "job", "time off work", "college", "university", "studies",
                       "exams", "shifts"],
          "colour": "#f781bf"},
         {"id": "life_parenting", "label": "Parenting and caring",
          "definition": "Being a parent or carer while seeking support: childcare, the school "
                        "run, holding it together for children.",
          "include": "Childcare, crèche places, own children, caring responsibilities.",
          "exclude": "Children and young people as survivors (groups_children).",
          "examples": ["No childcare, so I couldn't go to the group sessions.",
                       "Support that takes account of people's caring responsibilities, like "
                       "crèche places."],
          "keywords": ["childcare", "parent", "my kids", "my son", "school run", "crèche",
                       "caring responsibilities"],
          "colour": "#fbb4c4"},
     ]},
    {"id": "specialist", "label": "Good experiences of specialist services", "colour": "#66a61e",
     "codes": [
         {"id": "specialist_sarc", "label": "Sexual Assault Referral Centre (SARC)",
          "definition": "Experiences of the SARC, mostly of calm, kind and unhurried care.",
          "include": "SARC staff, nurses, private rooms, feeling in control.",
          "exclude": "ISVAs based elsewhere (specialist_isva).",
          "examples": ["The staff at the SARC were calm and kind and let me take my time.",
                       "The SARC should be better known, it's a brilliant service."],
          "keywords": ["SARC", "sexual assault referral centre", "nurse", "private room"],
          "colour": "#66a61e"},
         {"id": "specialist_isva", "label": "Independent Sexual Violence Advisers (ISVAs)",
          "definition": "Support from an ISVA: explaining options, staying alongside the person, "
                        "advocating with other services.",
          "include": "ISVAs, advocates, advisers, being offered or not offered one.",
          "exclude": "Counsellors (specialist_rape_crisis).",
          "examples": ["Having an ISVA by my side at every appointment made me feel less alone.",
                       "Please keep funding ISVAs. Mine made the difference."],
          "keywords": ["ISVA", "independent sexual violence adviser", "adviser", "advocate",
                       "by my side"],
          "colour": "#a6d854"},
         {"id": "specialist_rape_crisis", "label": "Rape crisis centre and specialist counselling",
          "definition": "The rape crisis centre, its helpline, groups and specialist counselling.",
          "include": "Rape Crisis, counsellors, counselling sessions, helplines, support groups.",
          "exclude": "Waiting for counselling (access_waiting).",
          "examples": ["The Rape Crisis helpline was there at 2am when nothing else was.",
                       "The support group at Rape Crisis showed me I was not the only one."],
          "keywords": ["Rape Crisis", "counsellor", "counselling", "helpline", "support group"],
          "colour": "#b3de69"},
     ]},
    {"id": "assessment", "label": "One complete assessment after disclosure", "colour": "#e6ab02",
     "codes": [
         {"id": "assessment_single", "label": "Wish for one complete assessment",
          "definition": "A wish for one assessment or one point of contact after disclosure "
                        "that covers every need (housing, counselling, advocacy, work).",
          "include": "One door, one place, joined up, key worker, coordination.",
          "exclude": "Having to repeat the story (assessment_retelling).",
          "examples": ["It would be so much easier if there was one door to knock on.",
                       "A single complete assessment after disclosure, including housing "
                       "advice, counselling and advocacy."],
          "keywords": ["one place", "one door", "single point", "joined up", "key worker",
                       "coordinate", "complete assessment", "front door"],
          "colour": "#e6ab02"},
         {"id": "assessment_retelling", "label": "Having to retell the story",
          "definition": "Having to repeat one's story to each new service or worker.",
          "include": "Repeating, retelling, starting again, information not shared.",
          "exclude": "Wanting one assessment without mention of retelling (assessment_single).",
          "examples": ["Not having to repeat my story over and over to every new person.",
                       "Survivors have to retell their story at every referral."],
          "keywords": ["repeat", "retell", "over and over", "start again", "from the start",
                       "tell my story"],
          "colour": "#ffd92f"},
     ]},
    {"id": "groups", "label": "Children, young people and under-reported groups",
     "colour": "#a6761d", "codes": [
         {"id": "groups_children", "label": "Children and young people",
          "definition": "Children and young people as survivors: schools, safeguarding, "
                        "support ending at 18.",
          "include": "Schools, teachers, safeguarding referrals, teenagers, young people.",
          "exclude": "Survivors who are parents (life_parenting).",
          "examples": ["Support for young people that didn't stop the day I turned 18.",
                       "Teach young people in school where to get help."],
          "keywords": ["young people", "young person", "teenager", "school", "teacher",
                       "safeguarding", "under 18", "children"],
          "colour": "#a6761d"},
         {"id": "groups_men", "label": "Men and boys",
          "definition": "Male survivors and services for men and boys.",
          "include": "Men feeling services are not for them, male-specific services.",
          "exclude": "LGBTQ survivors generally (groups_lgbtq).",
          "examples": ["As a man I didn't think services were meant for me.",
                       "A dedicated service for male survivors."],
          "keywords": ["men", "man", "male", "boys"],
          "colour": "#e5c494"},
         {"id": "groups_lgbtq", "label": "LGBTQ survivors",
          "definition": "Lesbian, gay, bisexual, trans, non-binary and queer survivors and "
                        "whether services understand them.",
          "include": "Assumptions about partners, forms with two genders, LGBTQ-led support.",
          "exclude": "Men in general (groups_men).",
          "examples": ["Please think about LGBTQ survivors when you plan services.",
                       "We struggle to find LGBTQ-specific support to refer to."],
          "keywords": ["LGBTQ", "gay", "lesbian", "bisexual", "trans", "non-binary", "queer"],
          "colour": "#c2a06b"},
     ]},
    {"id": "professional", "label": "Professional practice", "colour": "#666666", "codes": [
        {"id": "prof_training", "label": "Training on responding to disclosures",
         "definition": "Professionals' training, or lack of it, on responding to a disclosure.",
         "include": "Courses, e-learning, refreshers, trauma-informed practice.",
         "exclude": "A shared toolkit or guidance document (prof_toolkit).",
         "examples": ["Trauma-informed practice training for all frontline staff, not just "
                      "specialists.", "A short refresher course every year."],
         "keywords": ["training", "trained", "course", "e-learning", "refresher",
                      "trauma-informed"],
         "colour": "#666666"},
        {"id": "prof_referral", "label": "Referral pathway problems",
         "definition": "Unclear pathways, bounced referrals, different forms, no feedback on "
                       "referrals.",
         "include": "Referral forms, pathways, self-referral only, referrals rejected or lost.",
         "exclude": "Eligibility rules as experienced by survivors (access_fragmented).",
         "examples": ["Referrals get bounced back because the form is different for every "
                      "service.", "A simple referral pathway on one page."],
         "keywords": ["referral", "refer", "pathway", "self-referral", "bounced"],
         "colour": "#999999"},
        {"id": "prof_recording", "label": "Inconsistent recording",
         "definition": "Disclosures are recorded differently by each agency, hiding the level "
                       "of need.",
         "include": "Case management systems, codes, data that don't match.",
         "exclude": "Training on how to record (prof_training) unless recording is the point.",
         "examples": ["Every agency records disclosures differently, so our data doesn't "
                      "match.", "Our data hides the scale of the problem."],
         "keywords": ["record", "recording", "data", "case management", "capture"],
         "colour": "#b3b3b3"},
        {"id": "prof_toolkit", "label": "A shared toolkit for frontline staff",
         "definition": "A wish for one shared toolkit, guidance, script or directory so every "
                       "service responds the same way.",
         "include": "Toolkits, checklists, scripts, directories, shared guidance.",
         "exclude": "Formal training courses (prof_training).",
         "examples": ["A toolkit for every frontline worker so the response is the same "
                      "wherever someone discloses.", "Please share the toolkit with "
                      "councillors too."],
         "keywords": ["toolkit", "guidance", "checklist", "script", "directory"],
         "colour": "#cccccc"},
    ]},
]

# --------------------------------------------------------------------------------------------
# Sentence banks: question id -> [(code id or None, sentence)]. Invented, non-graphic, about
# services and recovery.
# --------------------------------------------------------------------------------------------

SURVIVOR_BANK: dict[str, list[tuple[str | None, str]]] = {
    "helped": [
        ("specialist_isva", "My ISVA was the one person who explained every step and stayed "
                            "with me through it."),
        ("specialist_isva", "Having an ISVA by my side at every appointment made me feel less "
                            "alone."),
        ("specialist_isva", "The independent sexual violence adviser helped me understand my "
                            "options without pushing me."),
        ("specialist_sarc", "The staff at the SARC were calm and kind and let me take my time."),
        ("specialist_sarc", "At the SARC the nurse explained everything before it happened and I "
                            "felt in control."),
        ("specialist_sarc", "The SARC had a private room and nobody rushed me, which mattered "
                            "more than I can say."),
        ("specialist_rape_crisis", "The Rape Crisis helpline was there at 2am when nothing else "
                                   "was."),
        ("specialist_rape_crisis", "Counselling at the Rape Crisis centre, once I finally got "
                                   "it, changed everything for me."),
        ("specialist_rape_crisis", "A specialist counsellor who understood trauma, rather than a "
                                   "general service."),
        ("specialist_rape_crisis", "The support group at Rape Crisis showed me I was not the "
                                   "only one."),
        ("wellbeing_mental_health", "My GP referred me for help with anxiety and panic attacks "
                                    "and that was a turning point."),
        ("wellbeing_mental_health", "Finally getting help with sleep and flashbacks meant I "
                                    "could function again."),
        ("wellbeing_self_harm", "The crisis team were good when I was self-harming, they checked "
                                "in every day for a week."),
        ("access_awareness", "A leaflet in the GP waiting room was how I found out the service "
                             "existed."),
        ("life_housing", "The housing officer moved me quickly and that gave me space to start "
                         "recovering."),
        ("life_work_study", "My employer gave me time off work without asking questions."),
        ("life_work_study", "My college let me defer my exams, which took a lot of pressure "
                            "off."),
        ("reporting_fear", "The police officer who took my statement believed me from the "
                           "start."),
        ("assessment_single", "One key worker who coordinated everything so I didn't have to "
                              "chase."),
        ("groups_lgbtq", "A counsellor who was LGBTQ-friendly and never made assumptions about "
                         "my partner."),
        ("groups_men", "Finding a service that works with men made me feel it was okay to ask "
                       "for help."),
        ("life_parenting", "Childcare being arranged so I could actually attend my sessions."),
        ("groups_children", "When I was at school one teacher noticed and made a safeguarding "
                            "referral, and it helped."),
        ("access_waiting", "Being seen within a couple of weeks rather than waiting months."),
        (None, "Friends and family who just listened."),
        (None, "Time, and people who were patient with me."),
    ],
    "would_have_helped": [
        ("assessment_single", "One complete assessment after I disclosed, covering housing, "
                              "counselling and money, instead of separate forms everywhere."),
        ("assessment_single", "A single point of contact who could join up all the different "
                              "services."),
        ("assessment_single", "Everything in one place. I needed counselling, housing advice and "
                              "help with work all at once."),
        ("assessment_retelling", "Not having to repeat my story over and over to every new "
                                 "person."),
        ("assessment_retelling", "I wish services shared information so I didn't have to retell "
                                 "everything from the start each time."),
        ("access_waiting", "Shorter waiting lists. Eleven months for counselling is too long."),
        ("access_waiting", "Some support while I was on the waiting list, even a phone call "
                           "every few weeks."),
        ("access_transport", "A service closer to home, or help with the bus fare and travel "
                             "costs."),
        ("access_transport", "Appointments somewhere I could reach by public transport."),
        ("access_awareness", "Someone telling me what services existed and how they fit "
                             "together."),
        ("access_awareness", "Clear information about where to go. I didn't know the SARC "
                             "existed until a year later."),
        ("access_fragmented", "Services that didn't turn me away for not meeting their "
                              "criteria."),
        ("access_fragmented", "Not being passed between services because I lived on the wrong "
                              "side of a boundary."),
        ("reporting_conviction_doubt", "Honest information about what happens after reporting, "
                                       "and what the court process involves."),
        ("reporting_fear", "Being believed the first time, without feeling judged."),
        ("wellbeing_mental_health", "Mental health support that understood trauma, not just a "
                                    "course on low mood."),
        ("wellbeing_self_harm", "Help sooner, before things got to the point of self-harm."),
        ("life_housing", "Housing advice straight away. I couldn't stay where I was living."),
        ("life_work_study", "Someone to talk to my employer for me so I didn't lose my job."),
        ("life_parenting", "Support as a parent. I was trying to hold it together for my kids "
                           "and had no one to help with the school run."),
        ("groups_men", "Services that say clearly they are for men too."),
        ("groups_lgbtq", "Staff who had training on LGBTQ survivors and didn't assume I had a "
                         "boyfriend."),
        ("groups_children", "Support for young people that didn't stop the day I turned 18."),
        ("specialist_isva", "Being offered an ISVA from the start rather than finding out by "
                            "chance."),
        ("specialist_rape_crisis", "More counselling sessions. Six was not enough."),
        (None, "Honestly I'm not sure, maybe just someone checking in."),
    ],
    "barriers": [
        ("access_transport", "The nearest centre is two buses away and I don't drive."),
        ("access_transport", "The journey took over an hour each way on public transport and I "
                             "couldn't afford a taxi."),
        ("access_transport", "Travel. The train fare every week added up and there was no help "
                             "with it."),
        ("access_waiting", "The waiting list. I was told it would be six months and it was "
                           "nearly a year."),
        ("access_waiting", "Waiting weeks for a call back, with nothing in between."),
        ("access_fragmented", "I didn't meet the eligibility criteria for one service and was "
                              "too 'low risk' for another."),
        ("access_fragmented", "Every service had different criteria, so I kept being passed "
                              "on."),
        ("access_awareness", "I had no idea what was out there or who to ask."),
        ("access_awareness", "The website was confusing and didn't explain how the services "
                             "relate to each other."),
        ("reporting_conviction_doubt", "I didn't report because I didn't think it would ever get "
                                       "to court."),
        ("reporting_conviction_doubt", "Hearing how few cases end in a conviction made me think "
                                       "reporting wasn't worth it."),
        ("reporting_conviction_doubt", "My case was dropped with no further action and after "
                                       "that I didn't trust anyone."),
        ("reporting_fear", "I was scared I wouldn't be believed."),
        ("reporting_fear", "I felt ashamed and worried I would be judged."),
        ("wellbeing_mental_health", "My anxiety was so bad I couldn't make phone calls to book "
                                    "anything."),
        ("wellbeing_mental_health", "Depression made it hard to even get out of bed, let alone "
                                    "chase referrals."),
        ("wellbeing_self_harm", "When I mentioned self-harm I was sent to a different service "
                                "and had to start again."),
        ("life_housing", "I was in temporary accommodation and kept having to move, so letters "
                         "never reached me."),
        ("life_work_study", "Appointments were only in the daytime and I couldn't keep taking "
                            "time off work."),
        ("life_work_study", "I was at university and didn't want to fall behind with my "
                            "studies."),
        ("life_parenting", "No childcare, so I couldn't go to the group sessions."),
        ("assessment_retelling", "Having to tell my story again to every new worker put me off "
                                 "going back."),
        ("groups_men", "As a man I didn't think services were meant for me."),
        ("groups_men", "Everything I found was aimed at women, so I assumed men couldn't use "
                       "it."),
        ("groups_lgbtq", "I worried staff wouldn't understand me as a bisexual woman."),
        ("groups_lgbtq", "Forms that only had male and female, which as a non-binary person "
                         "told me it wasn't for me."),
        ("groups_children", "I was a teenager and didn't know any adult I could tell."),
        (None, "Just feeling like I should cope on my own."),
    ],
    "anything_else": [
        ("specialist_isva", "Please keep funding ISVAs. Mine made the difference."),
        ("specialist_sarc", "The SARC should be better known, it's a brilliant service."),
        ("specialist_rape_crisis", "Rape Crisis saved me, but they need more counsellors."),
        ("access_waiting", "Please do something about waiting times."),
        ("access_awareness", "More awareness of what help is available, in GP surgeries, schools "
                             "and online."),
        ("assessment_single", "It would be so much easier if there was one door to knock on."),
        ("reporting_conviction_doubt", "Until more cases get to court, people won't report."),
        ("groups_men", "Men need to know these services are for them too."),
        ("groups_lgbtq", "Please think about LGBTQ survivors when you plan services."),
        ("groups_children", "Teach young people in school where to get help."),
        ("wellbeing_mental_health", "Mental health services and sexual violence services need to "
                                    "talk to each other."),
        ("access_transport", "Think about people who can't drive or afford the bus."),
        ("life_housing", "Housing should be part of the support offer."),
        (None, "Thank you for asking."),
        (None, "I'm glad this survey exists."),
        (None, "I hope this helps someone else."),
    ],
}

PROFESSIONAL_BANK: dict[str, list[tuple[str | None, str]]] = {
    "referral_problems": [
        ("prof_referral", "Referrals get bounced back because the form is different for every "
                          "service."),
        ("prof_referral", "We refer to counselling and hear nothing back for months, so we don't "
                          "know if the person was accepted."),
        ("prof_referral", "The referral pathway for adults is unclear, and for under 18s it's "
                          "even less clear."),
        ("prof_referral", "Some services only accept self-referral, which puts the burden back "
                          "on the survivor."),
        ("access_fragmented", "Eligibility criteria differ between services, so a referral "
                              "accepted in one area is rejected in another."),
        ("access_fragmented", "People fall between services: too complex for one, not high risk "
                              "enough for another."),
        ("access_waiting", "Waiting times for specialist counselling are so long that people "
                           "disengage."),
        ("access_waiting", "Clients wait months with no interim support."),
        ("access_awareness", "Staff don't know which services exist or how they relate to each "
                             "other, so there is no information to give."),
        ("access_transport", "The SARC is hard to reach by public transport from our area, so "
                             "some clients don't attend."),
        ("prof_recording", "Every agency records disclosures differently, so our data doesn't "
                           "match."),
        ("prof_recording", "Our case management system has no code for sexual violence, so it "
                           "gets recorded as 'other'."),
        ("assessment_retelling", "Survivors have to retell their story at every referral."),
        ("groups_children", "Referral routes for children and young people go through "
                            "safeguarding, and then the young person loses their say."),
        ("groups_men", "There is almost nothing to refer men to locally."),
        ("groups_lgbtq", "We struggle to find LGBTQ-specific support to refer to."),
        ("wellbeing_mental_health", "Mental health services say it's a trauma issue and trauma "
                                    "services say it's a mental health issue."),
        ("wellbeing_self_harm", "If someone is self-harming they're often refused by the "
                                "specialist service until the crisis team discharges them."),
        ("life_housing", "Housing and sexual violence services have completely separate "
                         "pathways."),
        ("specialist_isva", "The ISVA service is excellent but its caseloads mean referrals "
                            "queue."),
        (None, "No problems that I'm aware of."),
        (None, "Mostly fine, it's the delays that are the issue."),
    ],
    "training_needs": [
        ("prof_training", "Training on how to respond to a disclosure in the moment, what to say "
                          "and what not to say."),
        ("prof_training", "Trauma-informed practice training for all frontline staff, not just "
                          "specialists."),
        ("prof_training", "A short refresher course every year, the e-learning I did was years "
                          "ago."),
        ("prof_training", "Practical training on how to respond when someone discloses "
                          "something from years ago."),
        ("prof_referral", "Training on the local referral pathway and who to refer to."),
        ("prof_recording", "How to record a disclosure consistently and what information to "
                           "capture."),
        ("prof_toolkit", "A shared toolkit with a script, a checklist and the referral directory "
                         "would help more than another course."),
        ("prof_toolkit", "Clear guidance we can all use, the same across every service."),
        ("groups_men", "Training on supporting men and boys."),
        ("groups_lgbtq", "Training on the needs of LGBTQ survivors."),
        ("groups_children", "Training for school staff on responding to young people."),
        ("wellbeing_self_harm", "How to support someone who is self-harming while they wait for "
                                "specialist help."),
        ("reporting_conviction_doubt", "How to explain the police and court process honestly, "
                                       "including the low conviction rate."),
        ("reporting_fear", "How to make sure people feel believed and not judged."),
        (None, "Looking after our own wellbeing, this work can be heavy."),
        (None, "Not sure what is available."),
    ],
    "improve_support": [
        ("assessment_single", "A single complete assessment after disclosure, including housing "
                              "advice, counselling and advocacy."),
        ("assessment_single", "One joined up front door for all sexual violence services."),
        ("assessment_retelling", "Information sharing so survivors don't have to repeat "
                                 "themselves."),
        ("access_waiting", "Funding to cut waiting lists for counselling."),
        ("access_transport", "Outreach sessions in local venues so people don't have to "
                             "travel."),
        ("access_awareness", "A public awareness campaign so people know what exists."),
        ("access_fragmented", "Aligned eligibility criteria across commissioners."),
        ("prof_toolkit", "A toolkit for every frontline worker so the response is the same "
                         "wherever someone discloses."),
        ("prof_recording", "Consistent recording across agencies so we can see the real level "
                           "of need."),
        ("prof_referral", "A simple referral pathway on one page."),
        ("prof_training", "Mandatory training for every service that might receive a "
                          "disclosure."),
        ("specialist_isva", "More ISVAs, including a children's ISVA."),
        ("specialist_rape_crisis", "Long-term funding for the Rape Crisis centre and its "
                                   "counselling."),
        ("specialist_sarc", "Better links between the SARC and follow-on support."),
        ("groups_men", "A dedicated service for male survivors."),
        ("groups_lgbtq", "LGBTQ-led support."),
        ("groups_children", "More support for children and young people, and for their "
                            "parents."),
        ("life_work_study", "Employers and colleges knowing how to support staff and students."),
        ("life_parenting", "Support that takes account of people's caring responsibilities, "
                           "like crèche places."),
        ("wellbeing_mental_health", "Joint working between mental health services and "
                                    "specialist sexual violence services."),
    ],
    "anything_else": [
        ("prof_toolkit", "Please share the toolkit with councillors too."),
        ("prof_recording", "Our data hides the scale of the problem."),
        ("access_fragmented", "The system is fragmented, and survivors pay the price."),
        ("reporting_conviction_doubt", "Survivors tell us they don't report because they don't "
                                       "think it will lead to a conviction."),
        ("groups_children", "Please don't forget children."),
        ("prof_training", "More training please."),
        ("specialist_sarc", "The SARC team are very responsive."),
        (None, "Thank you for doing this needs assessment."),
        (None, "Good luck with the summit."),
    ],
}

NON_ANSWERS = ["n/a", "N/A", "don't know", "Don't know", "nothing", "Nothing", "No", "not sure"]
OPENERS = ["Honestly, ", "For me, ", "Mainly ", "Probably ", "Looking back, "]
LOWERABLE = {"The", "My", "A", "Having", "Being", "Not", "One", "Someone", "Some", "Shorter",
             "Every", "Finally", "Counselling", "Clear", "More", "Services", "Staff", "Everything",
             "Appointments", "Time", "Friends", "Housing", "Travel", "Hearing", "Waiting",
             "Childcare", "Just", "Mostly", "When", "Honest", "Training", "Mental", "Better",
             "Funding", "Support", "Help", "Outreach", "Information", "Consistent", "Aligned",
             "Practical", "Clients", "People", "Referrals", "Eligibility", "Survivors"}

# Planted identifiers: (question id, sentence, [(value, label), ...]). Each goes into a different
# respondent's answer. Every value is fictional; phone numbers use Ofcom's drama ranges, emails
# use example.* domains, IPs use documentation ranges.
SURVIVOR_PLANTS: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("helped", "My ISVA, Siobhán, rang me every week and never made me feel rushed.",
     [("Siobhán", "PERSON")]),
    ("helped", "My counsellor at Rape Crisis, Oluwaseun Adebayo, helped me start sleeping "
               "again.", [("Oluwaseun", "PERSON"), ("Adebayo", "PERSON")]),
    ("helped", "My friend Zofia Kowalczyk came with me to every appointment at the SARC.",
     [("Zofia", "PERSON"), ("Kowalczyk", "PERSON")]),
    ("helped", "Having a named contact I could text on 07700 900183 made a big difference.",
     [("07700 900183", "PHONE_NUMBER")]),
    ("helped", "My sister Aoife let me stay at hers at 27 Heron Way while I got back on my feet.",
     [("Aoife", "PERSON"), ("27 Heron Way", "STREET_ADDRESS")]),
    ("helped", "The manager at Brightwater Logistics let me change my shifts so I could get to "
               "counselling.", [("Brightwater Logistics", "ORGANIZATION")]),
    ("would_have_helped", "Someone telling me on 3 March 2023 that I was entitled to an ISVA, "
                          "not months later.", [("3 March 2023", "DATE")]),
    ("would_have_helped", "A service nearer Kestrel Fields so I didn't need two buses each way.",
     [("Kestrel Fields", "PLACE")]),
    ("would_have_helped", "If the school had noticed sooner. I was 14 and nobody at St Anne's "
                          "Academy asked what was wrong.",
     [("I was 14", "AGE"), ("St Anne's Academy", "SCHOOL")]),
    ("would_have_helped", "One number to ring instead of six. I rang 0113 496 0371 and got "
                          "passed on again.", [("0113 496 0371", "PHONE_NUMBER")]),
    ("would_have_helped", "Somewhere in Marshbury I could walk to, instead of travelling to the "
                          "city.", [("Marshbury", "PLACE")]),
    ("would_have_helped", "Being believed first time. PC Dariusz Nowak was kind but I had to "
                          "repeat everything to three different people.",
     [("Dariusz", "PERSON"), ("Nowak", "PERSON")]),
    ("barriers", "I live at 14 Elm Grove, RM17 6XQ, and the nearest centre is over an hour away "
                 "by bus.", [("14 Elm Grove", "STREET_ADDRESS"), ("RM17 6XQ", "UK_POSTCODE")]),
    ("barriers", "In Saltmead everyone knows everyone, so I was scared someone would see me "
                 "going in.", [("Saltmead", "PLACE")]),
    ("barriers", "I was worried people would recognise my Instagram @zee_paints_0917 so I didn't "
                 "join the online group.", [("@zee_paints_0917", "SOCIAL_HANDLE")]),
    ("barriers", "I was told about the waiting list on 12/05/2022 and didn't get a first "
                 "appointment until the next summer.", [("12/05/2022", "DATE")]),
    ("barriers", "I work nights at Harbourside Care Home and every appointment was in the "
                 "daytime.", [("Harbourside Care Home", "ORGANIZATION")]),
    ("barriers", "I'm a student at Eastholt College and I didn't want to tell my tutor, Mr "
                 "Fitzgerald, why I was missing classes.",
     [("Eastholt College", "SCHOOL"), ("Fitzgerald", "PERSON")]),
    ("barriers", "As a man I didn't think services were for me. My mate Kwame was the only one "
                 "I told.", [("Kwame", "PERSON")]),
    ("barriers", "I'm in SS16 and there is one bus an hour.", [("SS16", "UK_POSTCODE")]),
    ("barriers", "My brother Mohammed drove me everywhere, without him I couldn't have gone.",
     [("Mohammed", "PERSON")]),
    ("anything_else", "My crime reference number 42/118934/25 never got me a call back.",
     [("42/118934/25", "REFERENCE_NUMBER")]),
    ("anything_else", "You can reach me at amira.k.writes@example.com if you want to hear more.",
     [("amira.k.writes@example.com", "EMAIL_ADDRESS")]),
    ("anything_else", "Call me on +44 7700 900542, I'm happy to help shape the service.",
     [("+44 7700 900542", "PHONE_NUMBER")]),
    ("anything_else", "My GP at Lowfield Surgery, Dr Raghunathan, was the first person who "
                      "really listened.",
     [("Lowfield Surgery", "ORGANIZATION"), ("Raghunathan", "PERSON")]),
    ("anything_else", "My son goes to Marshbury Park Primary and they were great with him.",
     [("Marshbury Park Primary", "SCHOOL")]),
    ("anything_else", "I moved to Flat 2, 9 Quarry Road afterwards and the housing officer was "
                      "brilliant.", [("9 Quarry Road", "STREET_ADDRESS")]),
    ("anything_else", "They sent a letter with my NHS number 943 476 5919 to my old address.",
     [("943 476 5919", "NHS_NUMBER")]),
    ("anything_else", "Nguyen from the housing team sorted my move in a fortnight.",
     [("Nguyen", "PERSON")]),
    ("anything_else", "Everyone calls me Shaz, I'd like the people planning this to know we "
                      "exist.", [("Shaz", "PERSON")]),
]

PROFESSIONAL_PLANTS: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("referral_problems", "I referred a young person from Eastholt to the SARC on 18 January "
                          "2025 and it took weeks to hear back.",
     [("Eastholt", "PLACE"), ("18 January 2025", "DATE")]),
    ("referral_problems", "Our safeguarding lead, Magdalena Wiśniewska, is the only one who "
                          "knows the pathway.",
     [("Magdalena", "PERSON"), ("Wiśniewska", "PERSON")]),
    ("referral_problems", "At Marshbury Academy we record disclosures on paper and on the "
                          "system, and they never match.", [("Marshbury Academy", "SCHOOL")]),
    ("referral_problems", "A 15-year-old at St Bede's School was passed between three "
                          "services.", [("15-year-old", "AGE"), ("St Bede's School", "SCHOOL")]),
    ("referral_problems", "Ref 42/207761/24 is a case where the referral was lost twice.",
     [("42/207761/24", "REFERENCE_NUMBER")]),
    ("referral_problems", "Last year (on 02/10/2024) we had a referral rejected because the "
                          "person lived in the wrong postcode.", [("02/10/2024", "DATE")]),
    ("referral_problems", "Hamza from the ISVA service is brilliant but he is one person "
                          "covering Saltmead and Lowfield.",
     [("Hamza", "PERSON"), ("Saltmead", "PLACE"), ("Lowfield", "PLACE")]),
    ("training_needs", "I manage the duty team at Thornfield House and we get no training on "
                       "disclosures.", [("Thornfield House", "ORGANIZATION")]),
    ("training_needs", "Email t.okonkwo@example.org for the training materials we wrote.",
     [("t.okonkwo@example.org", "EMAIL_ADDRESS")]),
    ("training_needs", "I'm the only nurse at Kestrel Fields Health Centre who has done the "
                       "training.", [("Kestrel Fields Health Centre", "ORGANIZATION")]),
    ("training_needs", "Ewelina Nowicka and I wrote our own flowchart because there wasn't "
                       "one.", [("Ewelina", "PERSON"), ("Nowicka", "PERSON")]),
    ("improve_support", "Call me on 01632 960417 if you want our referral data.",
     [("01632 960417", "PHONE_NUMBER")]),
    ("improve_support", "Follow our team @EastholtYouthHub for updates on the outreach "
                        "sessions.", [("@EastholtYouthHub", "SOCIAL_HANDLE")]),
    ("improve_support", "Our office at 3 Cooper's Yard, SS17 0QX, is not on a bus route.",
     [("3 Cooper's Yard", "STREET_ADDRESS"), ("SS17 0QX", "UK_POSTCODE")]),
    ("anything_else", "07700 900274 is my work mobile, happy to be contacted.",
     [("07700 900274", "PHONE_NUMBER")]),
]
# "Other (please specify)" texts for the professionals' services question (some identify).
OTHER_SPECIFY_TEXTS: list[tuple[str, list[tuple[str, str]]]] = [
    ("Lowfield Women's Centre", [("Lowfield Women's Centre", "ORGANIZATION")]),
    ("Greyfriars Men's Group", [("Greyfriars Men's Group", "ORGANIZATION")]),
    ("Food bank", []), ("School nurse", []), ("Citizens Advice", []), ("Samaritans", []),
    ("Drug and alcohol service", []),
]

# Wave 2 plants (all fictional, same rules as above).
SURVIVOR_PLANTS_W2: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("helped", "My ISVA, Bronwen, explained every step before it happened.",
     [("Bronwen", "PERSON")]),
    ("helped", "The new hub at 41 Tanner Street meant I only had to tell my story once.",
     [("41 Tanner Street", "STREET_ADDRESS")]),
    ("would_have_helped", "A quicker reply from 07700 900611, the first message took a week.",
     [("07700 900611", "PHONE_NUMBER")]),
    ("barriers", "There is still no evening appointment in Eastholt for people who work days.",
     [("Eastholt", "PLACE")]),
    ("anything_else", "Write to me at lena.fairweather@example.net if you want to know more.",
     [("lena.fairweather@example.net", "EMAIL_ADDRESS")]),
    ("anything_else", "Dr Okafor at the SARC was kind and unhurried.", [("Okafor", "PERSON")]),
]
PROFESSIONAL_PLANTS_W2: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("referral_problems", "Since the new pathway, referrals from Saltmead reach the hub within "
                          "a day.", [("Saltmead", "PLACE")]),
    ("training_needs", "Priyanka Raval ran our disclosure training and it was excellent.",
     [("Priyanka", "PERSON"), ("Raval", "PERSON")]),
    ("improve_support", "Ring our team on 01632 960588 for the pathway figures.",
     [("01632 960588", "PHONE_NUMBER")]),
]
SURVIVOR_META_W2 = [("Morwenna Trelawny", "m.trelawny@example.com"),
                    (None, "kit.adeyemi@example.org")]
PROFESSIONAL_META_W2 = [("Ingrid", "Solberg", "i.solberg@example.org"),
                        ("Callum", "Rennie", None)]

# An emergent theme the codebook has NO code for (online and app-based support), planted in a
# few answers of both waves (more in wave 2) so the topic model can show it as a candidate code.
EMERGENT_SURVIVOR: list[tuple[str, str]] = [
    ("helped", "An online chat service I could use late in the evening, without speaking out "
               "loud, was my first step."),
    ("helped", "A support app on my phone with grounding exercises got me through the worst "
               "evenings."),
    ("helped", "Being able to message a worker by live chat instead of phoning felt much safer."),
    ("helped", "Video appointments from my own sofa meant nobody asked where I was going."),
    ("would_have_helped", "An app to see my appointments and message my worker in one place."),
    ("would_have_helped", "Text-based support, so I could reply when I felt ready rather than "
                          "on a call."),
    ("would_have_helped", "An anonymous online chat to try first, before going anywhere in "
                          "person."),
    ("would_have_helped", "Online chat with a support worker in the evening, when the phone "
                          "lines are closed."),
    ("helped", "The online chat on the support app, because I could type instead of talking."),
]
EMERGENT_PROFESSIONAL: list[tuple[str, str]] = [
    ("improve_support", "An online chat or messaging option for survivors who cannot talk on "
                        "the phone where they live."),
    ("improve_support", "A well-designed app or web chat would reach people who never walk in "
                        "through our entrance."),
    ("improve_support", "Survivors keep asking us for live chat and video appointments, which "
                        "we cannot offer yet."),
    ("improve_support", "Funding for a text-based messaging service, as many people find calls "
                        "too hard."),
    ("improve_support", "An app with online chat and video appointments for survivors in rural "
                        "areas."),
]
EMERGENT_COUNTS = {(1, "survivor"): 10, (2, "survivor"): 12, (1, "professional"): 6,
                   (2, "professional"): 8}

SURVIVOR_META = [  # (name or None, email or None)
    ("Fionnuala Brady", "fionnuala.brady@example.com"), ("Tariq Mahmood", None),
    (None, "agnieszka.z@example.org"), ("Rhiannon Pryce", "rhi.pryce@example.com"),
    ("Deepa Varghese", None), (None, "ifeoma.nwosu@example.org"),
]
PROFESSIONAL_META = [  # (first, last, email)
    ("Gareth", "Llewellyn", "g.llewellyn@example.org"), ("Yusuf", "Demir", None),
    (None, None, "c.mcallister@example.net"), ("Bartosz", "Wróbel", "bartosz.wrobel@example.com"),
    ("Adaeze", "Obiora", None), ("Henrietta", "Ashworth-Hale", "h.ashworthhale@example.org"),
]

# --------------------------------------------------------------------------------------------
# Transcripts: six invented interviews with survivors about services, waiting and recovery.
# A turn is (True for the participant, text); "\n" inside a turn becomes a continuation line.
# --------------------------------------------------------------------------------------------

TRANSCRIPTS: list[dict[str, Any]] = [
    {"file": "interview_01.txt", "speaker": "Amira",
     "plants": [("Amira", "PERSON"), ("Bethany", "PERSON"), ("Kestrel Fields", "PLACE"),
                ("5 November 2024", "DATE")],
     "turns": [
         (False, "Thank you for talking with us today, Amira. You can stop at any time and skip "
                 "any question. Is that okay?"),
         (True, "Yes, that's fine. I wanted to do this because services need to hear from "
                "people like me."),
         (False, "Could you tell me how you first found out about support?"),
         (True, "Honestly, by chance. I didn't know the SARC existed. A nurse at my GP surgery "
                "gave me a leaflet and said I could refer myself."),
         (False, "What happened after that?"),
         (True, "I rang them and they were lovely. They put me in touch with an ISVA called "
                "Bethany, and she was the first person who explained what my options were.\n"
                "She never pushed me to report, she just made sure I knew what would happen if "
                "I did."),
         (False, "How was getting to appointments?"),
         (True, "That was the hard part. I live on the Kestrel Fields estate and the centre is "
                "two buses away. Some weeks I couldn't face the journey, and I couldn't afford "
                "taxis."),
         (False, "Was there anything that helped with that?"),
         (True, "Bethany sometimes met me at the library in town instead. That made a real "
                "difference."),
         (False, "You mentioned counselling earlier. How long did you wait?"),
         (True, "I went on the waiting list on 5 November 2024 and I'm still waiting. Nobody "
                "calls in between, so you don't know if you've been forgotten."),
         (False, "If you could change one thing, what would it be?"),
         (True, "Some support while you wait, even a check-in call every few weeks. And one "
                "person who knows your whole story, so you don't have to repeat it."),
         (False, "Thank you, Amira. Is there anything else you'd like to add?"),
         (True, "Just that the ISVA service is brilliant and it should be offered to everyone "
                "from day one."),
     ]},
    {"file": "interview_02.txt", "speaker": "Tomasz",
     "plants": [("Tomasz", "PERSON"), ("@tomek_runs", "SOCIAL_HANDLE"), ("I was 17", "AGE"),
                ("Greyfriars Motors", "ORGANIZATION"), ("Saltmead", "PLACE")],
     "turns": [
         (False, "Thanks for meeting with me, Tomasz. Take your time, and tell me if you want a "
                 "break."),
         (True, "Thanks. It's still strange talking about it, but I'm much better than I was."),
         (False, "What was it like looking for support as a man?"),
         (True, "I didn't think there was anything for men. Every poster I saw was aimed at "
                "women, so I assumed I'd be turned away."),
         (False, "How did you eventually get support?"),
         (True, "A friend from my running club found a helpline online. My handle was "
                "@tomek_runs back then and I was scared someone would link it to me, so I used "
                "a different account to message them."),
         (False, "What happened when you got in touch?"),
         (True, "They were great. They referred me to a counsellor who had worked with male "
                "survivors before. That was the first time I felt believed."),
         (False, "Did you report to the police?"),
         (True, "No. I was 17 at the time and by the time I felt ready it felt too late. I also "
                "read how few cases get to court, and I didn't think I could go through all "
                "that for nothing."),
         (False, "How has it affected work?"),
         (True, "I work at Greyfriars Motors and my manager was decent about it. I said it was "
                "a health thing and he let me take time off work for appointments."),
         (False, "Is there anything about your area that made it harder?"),
         (True, "In Saltmead there's nothing. You have to travel, and the train isn't cheap."),
         (False, "What would you say to the people planning services?"),
         (True, "Say clearly that men can use them. Put it on the posters. It sounds small but "
                "it would have saved me two years."),
     ]},
    {"file": "interview_03.txt", "speaker": "Nkechi",
     "plants": [("Nkechi", "PERSON"), ("Riverside Sixth Form", "SCHOOL"), ("Chinwe", "PERSON"),
                ("42 Tanner Street", "STREET_ADDRESS"), ("RM16 2LN", "UK_POSTCODE")],
     "turns": [
         (False, "Hello Nkechi, thank you for agreeing to talk to us. This is about services, "
                 "not about what happened."),
         (True, "That's fine. Thank you for setting it up that way, it makes it easier."),
         (False, "Can you tell me where you were in life when you first looked for support?"),
         (True, "I was in my final year at Riverside Sixth Form. My exams were coming up and I "
                "couldn't concentrate at all."),
         (False, "Who did you talk to first?"),
         (True, "My older sister Chinwe. She found the Rape Crisis number and sat with me while "
                "I called."),
         (False, "How did your school respond?"),
         (True, "My head of year was kind, she arranged extra time for my exams. But nobody "
                "really knew where to send me after that."),
         (False, "What about housing? You mentioned moving."),
         (True, "I had to leave where I was living. I stayed with Chinwe at 42 Tanner Street, "
                "RM16 2LN, for about six months. The housing team said I wasn't a priority "
                "because I had somewhere to sleep.\nIt felt like I'd done something wrong by "
                "having family."),
         (False, "And your mental health during that time?"),
         (True, "Not good. Panic attacks, no sleep. My GP referred me to the mental health "
                "team, but they said I needed specialist trauma support, and the specialist "
                "service said I needed to be stable first. I got passed between them for "
                "months."),
         (False, "What finally helped?"),
         (True, "Group sessions at Rape Crisis. Meeting other young women who understood. And "
                "my counsellor there never made me repeat everything."),
         (False, "What would you change?"),
         (True, "One complete assessment at the start that covers everything: housing, "
                "college, mental health. Then one person who makes the referrals for you."),
     ]},
    {"file": "interview_04.docx", "speaker": "Leila",
     "plants": [("Leila", "PERSON"), ("21/09/2023", "DATE"), ("Harrington", "PERSON"),
                ("Marshbury", "PLACE"), ("leila.m.art@example.com", "EMAIL_ADDRESS")],
     "turns": [
         (False, "Thank you for joining us, Leila. Please stop me whenever you like."),
         (True, "Thanks. I'm happy to help, if it means things get better for the next "
                "person."),
         (False, "You went to the SARC. What was that like?"),
         (True, "Honestly it was the best part of the whole experience. The nurse explained "
                "everything, I was in a private room, and they let me decide what happened "
                "next."),
         (False, "And did you report to the police?"),
         (True, "I did, on 21/09/2023. The officer who took my statement, PC Harrington, was "
                "respectful. But after that it went quiet for months."),
         (False, "What happened with the case?"),
         (True, "It was dropped with no further action. I understand why, but nobody explained "
                "it properly, and it knocked me back."),
         (False, "Did you feel services understood you as a bisexual woman?"),
         (True, "Mostly, but one counsellor kept asking about my boyfriend when I'd said my "
                "partner was a woman. It's a small thing but it made me close up."),
         (False, "How was getting to appointments from Marshbury?"),
         (True, "The counselling was in the city, forty minutes on the bus. I managed it, but I "
                "know people who wouldn't."),
         (False, "Is there anything you'd like to tell us that we haven't asked?"),
         (True, "I write a small blog now, people reach me at leila.m.art@example.com, and a lot "
                "of them say they didn't know where to start. There needs to be one place that "
                "tells you what exists."),
         (False, "Thank you so much, Leila."),
         (True, "Thank you for listening."),
     ]},
    {"file": "interview_05.docx", "speaker": "Marisol",
     "plants": [("Marisol", "PERSON"), ("Mateo", "PERSON"),
                ("Harbour Lane Children's Centre", "ORGANIZATION"),
                ("Saint Clement's Primary", "SCHOOL"), ("0117 496 0823", "PHONE_NUMBER")],
     "turns": [
         (False, "Thanks for speaking with us, Marisol. We'll talk about support and services "
                 "only."),
         (True, "Okay. I've got about an hour before I pick my son up."),
         (False, "What was the hardest part of getting support?"),
         (True, "Childcare. My son Mateo was three, and the group sessions were in the daytime "
                "with no crèche. I missed nearly all of them."),
         (False, "Was anyone able to help with that?"),
         (True, "The family worker at Harbour Lane Children's Centre found him a place two "
                "mornings a week. That changed everything."),
         (False, "How did the different services work together?"),
         (True, "They didn't, really. I had a social worker, a housing officer, an ISVA and a "
                "counsellor, and each one asked me the same questions. I must have told my "
                "story six times."),
         (False, "What would have helped?"),
         (True, "One complete assessment after I disclosed. Someone to sit down and ask what I "
                "needed for housing, money, counselling and my son, and then make it happen."),
         (False, "How are things now?"),
         (True, "Much better. Mateo started at Saint Clement's Primary this year and I'm back "
                "at work part-time."),
         (False, "If services wanted to follow up with you, how would you like that to "
                 "happen?"),
         (True, "By phone is fine, they can ring 0117 496 0823. Not letters, please, letters go "
                "astray."),
         (False, "Thank you, Marisol. Anything else?"),
         (True, "Just that parents need support too. You can't recover if you're worried about "
                "your child every minute."),
     ]},
    {"file": "interview_06.vtt", "speaker": "Siân",
     "plants": [("Siân", "PERSON"), ("I was 15", "AGE"), ("Oakhurst High School", "SCHOOL"),
                ("Pemberton", "PERSON"), ("Eastholt", "PLACE"), ("SS17", "UK_POSTCODE")],
     "turns": [
         (False, "Hi Siân, thanks for joining the call. Just a reminder that you can skip "
                 "anything."),
         (True, "That's okay. I'm a bit nervous but I'm fine."),
         (False, "You were at school when you first looked for help. Can you tell me about "
                 "that?"),
         (True, "I was 15 and at Oakhurst High School. I didn't know any adult I could tell, so "
                "I didn't tell anyone for ages."),
         (False, "What changed?"),
         (True, "Mrs Pemberton, my form tutor, noticed I wasn't myself and asked if I was okay. "
                "She made a safeguarding referral and stayed with me while it happened."),
         (False, "What happened after the referral?"),
         (True, "There was a long wait for CAMHS. Then when I turned 18 all the support just "
                "stopped, and I had to start again with adult services."),
         (False, "How did getting to services work for you?"),
         (True, "I live in Eastholt, in SS17, and everything was in the city. My mum had to take "
                "time off to drive me."),
         (False, "What do you think young people need?"),
         (True, "Someone at school who knows where to send you. And lessons about where to get "
                "help, not just what not to do."),
         (False, "Is there anything else you'd like to say?"),
         (True, "The young people's ISVA was amazing. More of them, please."),
     ]},
]

# --------------------------------------------------------------------------------------------
# Code
# --------------------------------------------------------------------------------------------


class Planted:
    """Collects ``{"file", "value", "label"}`` records of every planted identifier."""

    def __init__(self) -> None:
        self.items: list[dict[str, str]] = []

    def add(self, file: str, value: str, label: str) -> None:
        """Record one planted value (once per file)."""
        record = {"file": file, "value": value, "label": label}
        if record not in self.items:
            self.items.append(record)


def _weighted(rng: random.Random, options: Sequence[str], weights: Sequence[float]) -> str:
    return rng.choices(list(options), weights=list(weights), k=1)[0]


def _with_opener(rng: random.Random, sentence: str) -> str:
    first = sentence.split(" ", 1)[0]
    if first in LOWERABLE and rng.random() < 0.18:
        return rng.choice(OPENERS) + sentence[0].lower() + sentence[1:]
    return sentence


def fits(sentence: str, person: dict[str, Any]) -> bool:
    """False when a first-person sentence contradicts the respondent's closed answers."""
    gender, orientation = person.get("gender"), person.get("sexual_orientation")
    s = sentence.lower()
    if "as a man" in s or "works with men made me" in s or "assumed men couldn't" in s:
        return gender == "Man"
    if "bisexual woman" in s:
        return gender == "Woman" and orientation == "Bisexual"
    if "non-binary person" in s:
        return gender == "Non-binary"
    if "my partner" in s or "assume i had a boyfriend" in s:
        return orientation in ("Gay or lesbian", "Bisexual", "Another orientation")
    return True


def compose_answer(rng: random.Random, bank: list[tuple[str | None, str]], *,
                   boost: Sequence[str] = (), person: dict[str, Any] | None = None,
                   p_blank: float = 0.12, p_non_answer: float = 0.06) -> str:
    """Compose one free-text answer of 1-4 sentences from a bank (or a blank / non-answer).

    Args:
        rng: The seeded random source.
        bank: ``(code id or None, sentence)`` pairs for the question.
        boost: Code ids made three times as likely (e.g. men's answers boost ``groups_men``).
        person: The respondent's closed answers, so first-person sentences stay consistent.
        p_blank: Chance of an empty answer.
        p_non_answer: Chance of a non-answer such as ``n/a``.

    Returns:
        The answer text ("" for blank).
    """
    r = rng.random()
    if r < p_blank:
        return ""
    if r < p_blank + p_non_answer:
        return rng.choice(NON_ANSWERS)
    k = rng.choices([1, 2, 3, 4], weights=[0.38, 0.37, 0.19, 0.06], k=1)[0]
    bank = [(code, text) for code, text in bank if fits(text, person or {})]
    weights = [3.0 if code in boost else 1.0 for code, _ in bank]
    picked: list[str] = []
    while len(picked) < min(k, len(bank)):
        sentence = rng.choices(bank, weights=weights, k=1)[0][1]
        if sentence not in picked:
            picked.append(sentence)
    picked[0] = _with_opener(rng, picked[0])
    sep = "\n" if k >= 2 and rng.random() < 0.06 else " "
    return sep.join(picked)


def plant(rng: random.Random, rows: list[dict[str, Any]],
          plants: list[tuple[str, str, list[tuple[str, str]]]], planted: Planted,
          file: str) -> None:
    """Put each planted sentence into a different respondent's answer to its question."""
    used: dict[str, set[int]] = {}
    for qid, sentence, values in plants:
        taken = used.setdefault(qid, set())
        choices = [i for i in range(len(rows)) if i not in taken and fits(sentence, rows[i])]
        i = rng.choice(choices)
        taken.add(i)
        current = rows[i][qid]
        if not current or current in NON_ANSWERS:
            rows[i][qid] = sentence
        elif rng.random() < 0.5:
            rows[i][qid] = f"{current} {sentence}"
        else:
            rows[i][qid] = f"{sentence} {current}"
        for value, label in values:
            if value not in sentence:
                raise ValueError(f"planted value {value!r} is not in its sentence")
            planted.add(file, value, label)


def _start_times(rng: random.Random, n: int, first: dt.datetime,
                 days: int) -> list[tuple[dt.datetime, dt.datetime]]:
    starts = []
    for _ in range(n):
        day = first + dt.timedelta(days=rng.randrange(days))
        starts.append(day.replace(hour=rng.randrange(7, 23), minute=rng.randrange(60),
                                  second=rng.randrange(60)))
    starts.sort()
    return [(s, s + dt.timedelta(minutes=rng.randrange(5, 36), seconds=rng.randrange(60)))
            for s in starts]


def _ips(rng: random.Random, n: int, k: int) -> dict[int, str]:
    prefixes = ["192.0.2.", "198.51.100.", "203.0.113."]
    rows = sorted(rng.sample(range(n), k))
    out: dict[int, str] = {}
    seen: set[str] = set()
    for i in rows:
        ip = f"{rng.choice(prefixes)}{rng.randrange(2, 250)}"
        while ip in seen:
            ip = f"{rng.choice(prefixes)}{rng.randrange(2, 250)}"
        seen.add(ip)
        out[i] = ip
    return out


def survivor_rows(seed: int, planted: Planted, *, wave: int = 1) -> list[dict[str, Any]]:
    """The invented survivor responses of a wave (83 in wave 1, 40 in wave 2): closed answers,
    free text, metadata. Wave 2 comes after a new pathway: more satisfied, more knew where to
    go for help."""
    w2 = wave == 2
    n = N_SURVIVORS_W2 if w2 else N_SURVIVORS
    file = SURVIVOR_XLSX_W2 if w2 else SURVIVOR_XLSX
    rng = random.Random(f"{seed}-survivors" + ("-w2" if w2 else ""))
    rows: list[dict[str, Any]] = []
    times = (_start_times(rng, n, dt.datetime(2026, 3, 2), 60) if w2 else
             _start_times(rng, n, dt.datetime(2025, 3, 3), 118))
    sat_w = [5, 10, 18, 42, 25] if w2 else [13, 20, 22, 30, 15]
    knew_w = [46, 30, 20, 4] if w2 else [24, 30, 40, 6]
    for i in range(n):
        gender = _weighted(rng, _options("gender"), [70, 14, 5, 2, 6])
        orientation = _weighted(rng, _options("sexual_orientation"), [62, 10, 14, 4, 10])
        reported = _weighted(rng, ["Yes", "No", PNTS], [42, 50, 8] if w2 else [34, 56, 10])
        row: dict[str, Any] = {
            "age_band": _weighted(rng, _options("age_band"), [3, 22, 27, 20, 13, 6, 2, 7]),
            "gender": gender, "sexual_orientation": orientation,
            "ethnicity": _weighted(rng, _options("ethnicity"), [66, 8, 6, 7, 6, 2, 5]),
            "disability": _weighted(rng, ["Yes", "No", PNTS], [31, 58, 11]),
            "satisfaction_overall": _weighted(rng, SATISFACTION, sat_w),
            "reported_police": reported,
            "knew_where_help": _weighted(rng, ["Yes", "Partly", "No", PNTS], knew_w),
            "consent": CONSENT_YES,
        }
        n_services = rng.choices([0, 1, 2, 3, 4], weights=[6, 26, 34, 24, 10], k=1)[0]
        pool = SURVIVOR_SERVICES[:-1]
        picked = set(rng.sample(pool, n_services))
        row["services_used"] = ({"None of these"} if not picked else picked)
        boost = []
        if gender == "Man":
            boost.append("groups_men")
        if orientation in ("Gay or lesbian", "Bisexual") or gender == "Non-binary":
            boost.append("groups_lgbtq")
        if reported == "No":
            boost.extend(["reporting_conviction_doubt", "reporting_fear"])
        if row["age_band"] in ("16-17", "18-24"):
            boost.append("groups_children")
        for qid in ("helped", "would_have_helped", "barriers", "anything_else"):
            p_blank = 0.30 if qid == "anything_else" else 0.10
            row[qid] = compose_answer(rng, SURVIVOR_BANK[qid], boost=boost, person=row,
                                      p_blank=p_blank)
        row["started"], row["ended"] = times[i]
        row["user_id"] = (61873200 if w2 else 51873200) + i * 7 + rng.randrange(7)
        rows.append(row)
    if not w2:
        for i, label in zip(rng.sample(range(n), 3),
                            ["Disatisfied", "Very satisified", "Satisified"], strict=True):
            row = rows[i]
            row["satisfaction_overall"] = label
    meta = SURVIVOR_META_W2 if w2 else SURVIVOR_META
    meta_rows = rng.sample(range(n), len(meta))
    for i, (name, email) in zip(meta_rows, meta, strict=True):
        rows[i]["name"], rows[i]["email"] = name, email
        for value, label in ((name, "PERSON"), (email, "EMAIL_ADDRESS")):
            if value:
                planted.add(file, value, label)
    for i, ip in _ips(rng, n, 5 if w2 else 14).items():
        rows[i]["ip"] = ip
        planted.add(file, ip, "IP_ADDRESS")
    plant(rng, rows, SURVIVOR_PLANTS_W2 if w2 else SURVIVOR_PLANTS, planted, file)
    plant_emergent(seed, rows, EMERGENT_SURVIVOR, wave=wave, cohort="survivor",
                   planted_sentences=[p[1] for p in SURVIVOR_PLANTS_W2 + SURVIVOR_PLANTS])
    return rows


def plant_emergent(seed: int, rows: list[dict[str, Any]], bank: list[tuple[str, str]], *,
                   wave: int, cohort: str, planted_sentences: list[str]) -> None:
    """Make a few respondents' answers about the emergent theme (own random stream, so the
    rest of the demo is unchanged by it). An answer holding a planted identifier is never
    replaced."""
    rng = random.Random(f"{seed}-emergent-{cohort}-w{wave}")
    k = EMERGENT_COUNTS[(wave, cohort)]
    slots = [(i, qid) for i in range(len(rows)) for qid in dict.fromkeys(q for q, _ in bank)
             if not any(p in (rows[i][qid] or "") for p in planted_sentences)]
    picked = rng.sample(slots, k)
    used: set[int] = set()
    for i, qid in picked:
        if i in used:
            continue
        used.add(i)
        choices = [text for q, text in bank if q == qid]
        rows[i][qid] = " ".join(rng.sample(choices, min(len(choices), rng.choice([1, 2]))))


def professional_rows(seed: int, planted: Planted, *, wave: int = 1) -> list[dict[str, Any]]:
    """The invented professional responses of a wave (128 in wave 1, 60 in wave 2; more had
    training by wave 2)."""
    w2 = wave == 2
    n = N_PROFESSIONALS_W2 if w2 else N_PROFESSIONALS
    file = PROFESSIONAL_CSV_W2 if w2 else PROFESSIONAL_CSV
    rng = random.Random(f"{seed}-professionals" + ("-w2" if w2 else ""))
    rows: list[dict[str, Any]] = []
    times = (_start_times(rng, n, dt.datetime(2026, 4, 6), 60) if w2 else
             _start_times(rng, n, dt.datetime(2025, 4, 7), 99))
    respondent = 12846203917 if w2 else 11846203917
    for i in range(n):
        trained = _weighted(rng, ["Yes", "No"], [72, 28] if w2 else [48, 52])
        conf_w = [3, 12, 20, 45, 20] if trained == "Yes" else [14, 34, 24, 22, 6]
        row: dict[str, Any] = {
            "role_sector": _weighted(rng, _options("role_sector"), [16, 24, 14, 18, 8, 12, 5, 3]),
            "years_in_role": _weighted(rng, _options("years_in_role"), [10, 22, 30, 20, 18]),
            "trained_disclosures": trained,
            "confidence": _weighted(rng, CONFIDENCE, conf_w),
            "services_referred": set(rng.sample(PROFESSIONAL_SERVICES,
                                                rng.choices([0, 1, 2, 3, 4, 5],
                                                            weights=[5, 18, 30, 25, 15, 7])[0])),
            "other_specify": "",
            "consent": CONSENT_YES,
        }
        boost = ["prof_training", "prof_toolkit"] if trained == "No" else []
        for qid in ("referral_problems", "training_needs", "improve_support", "anything_else"):
            p_blank = 0.45 if qid == "anything_else" else 0.09
            row[qid] = compose_answer(rng, PROFESSIONAL_BANK[qid], boost=boost, p_blank=p_blank)
        row["started"], row["ended"] = times[i]
        respondent += rng.randrange(200_000, 9_000_000)
        row["respondent_id"] = respondent
        row["collector_id"] = _weighted(rng, ["452118903", "452119377"], [70, 30])
        rows.append(row)
    if not w2:
        for i, (text, values) in zip(rng.sample(range(n), len(OTHER_SPECIFY_TEXTS)),
                                     OTHER_SPECIFY_TEXTS, strict=True):
            rows[i]["other_specify"] = text
            for value, label in values:
                planted.add(file, value, label)
    meta = PROFESSIONAL_META_W2 if w2 else PROFESSIONAL_META
    meta_rows = rng.sample(range(n), len(meta))
    for i, (first, last, email) in zip(meta_rows, meta, strict=True):
        rows[i]["first"], rows[i]["last"], rows[i]["email"] = first, last, email
        for value, label in ((first, "PERSON"), (last, "PERSON"), (email, "EMAIL_ADDRESS")):
            if value:
                planted.add(file, value, label)
    for i, ip in _ips(rng, n, 6 if w2 else 16).items():
        rows[i]["ip"] = ip
        planted.add(file, ip, "IP_ADDRESS")
    plant(rng, rows, PROFESSIONAL_PLANTS_W2 if w2 else PROFESSIONAL_PLANTS, planted, file)
    if not w2:
        # Curly quotes and doubled quotes in a few answers (the csv module escapes the latter).
        for i in rng.sample(range(n), 4):
            if rows[i]["improve_support"]:
                rows[i]["improve_support"] += " We’re told it’s “in the pipeline”."
        for i in rng.sample(range(n), 3):
            if rows[i]["referral_problems"]:
                rows[i]["referral_problems"] += (' One service told us "we\'ll call you back" '
                                                 'and never did.')
    plant_emergent(seed, rows, EMERGENT_PROFESSIONAL, wave=wave, cohort="professional",
                   planted_sentences=[p[1] for p in PROFESSIONAL_PLANTS_W2 + PROFESSIONAL_PLANTS])
    return rows


def _normalised_zip(data: bytes) -> bytes:
    """Rewrite a zip (xlsx/docx) with a fixed date on every member, so bytes are stable."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            zout.writestr(member, zin.read(info.filename))
    return out.getvalue()


def write_survivor_xlsx(rows: list[dict[str, Any]], path: Path) -> None:
    """SmartSurvey-style workbook: one header row on sheet "Responses", an "About" sheet."""
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    wb = Workbook()
    ws = wb.active
    ws.title = "Responses"
    header = ["UserID", "IP Address", "Started", "Ended", "Email", "Name"]
    cols: list[tuple[str, str | None]] = []
    for q in QUESTIONS:
        if "survivor" not in q["cohorts"]:
            continue
        if q["kind"] == "multiple":
            for opt in q["options"]:
                header.append(f"{q['text']} - {opt}")
                cols.append((q["id"], opt))
        else:
            header.append(q["text"])
            cols.append((q["id"], None))
    ws.append(header)
    for row in rows:
        values: list[Any] = [row["user_id"], row.get("ip"),
                             row["started"].strftime("%d/%m/%Y %H:%M"),
                             row["ended"].strftime("%d/%m/%Y %H:%M"), row.get("email"),
                             row.get("name")]
        for qid, opt in cols:
            if opt is None:
                values.append(row[qid] or None)
            else:
                values.append(opt if opt in row[qid] else None)
        ws.append(values)
    about = wb.create_sheet("About")
    about["A1"] = SYNTHETIC_NOTE
    about["A2"] = "Generated by tools/make_demo.py (seeded); SmartSurvey-style layout."
    wb.properties.creator = "Survivor Voices demo generator"
    wb.properties.title = "SYNTHETIC survivor survey export"
    wb.properties.created = FIXED_DATETIME
    wb.properties.modified = FIXED_DATETIME
    wb.properties.lastModifiedBy = "Survivor Voices demo generator"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()
    with atomic_path(path) as tmp:
        tmp.write_bytes(_normalised_zip(buf.getvalue()))


def write_professional_csv(rows: list[dict[str, Any]], path: Path) -> None:
    """SurveyMonkey "expanded" CSV with two header rows."""
    row1 = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address",
            "Email Address", "First Name", "Last Name", "Custom Data 1"]
    row2 = [""] * 9
    cols: list[tuple[str, str | None]] = []
    for q in QUESTIONS:
        if "professional" not in q["cohorts"]:
            continue
        if q["kind"] == "multiple":
            for j, opt in enumerate(q["options"]):
                row1.append(q["text"] if j == 0 else "")
                row2.append(opt)
                cols.append((q["id"], opt))
            row1.append("")
            row2.append(OTHER_SPECIFY)
            cols.append(("other_specify", None))
        else:
            row1.append(q["text"])
            row2.append("Open-Ended Response" if q["kind"] == "text" else "Response")
            cols.append((q["id"], None))
    fmt = "%m/%d/%Y %I:%M:%S %p"
    with atomic_open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(row1)
        writer.writerow(row2)
        for row in rows:
            values = [str(row["respondent_id"]), row["collector_id"],
                      row["started"].strftime(fmt), row["ended"].strftime(fmt),
                      row.get("ip") or "", row.get("email") or "", row.get("first") or "",
                      row.get("last") or "", ""]
            for qid, opt in cols:
                if opt is None:
                    values.append(row[qid] or "")
                else:
                    values.append(opt if opt in row[qid] else "")
            writer.writerow(values)


def _turn_lines(transcript: dict[str, Any]) -> list[tuple[str, str]]:
    """(speaker, text) per line; a continuation line has speaker ""."""
    lines: list[tuple[str, str]] = []
    for is_participant, text in transcript["turns"]:
        speaker = transcript["speaker"] if is_participant else "Interviewer"
        first, *rest = text.split("\n")
        lines.append((speaker, first))
        lines.extend(("", more) for more in rest)
    return lines


def _check_plants(transcript: dict[str, Any]) -> None:
    full = " ".join(text for _, text in transcript["turns"])
    for value, _ in transcript["plants"]:
        if value not in full:
            raise ValueError(f"planted value {value!r} is missing from {transcript['file']}")


def write_transcript_txt(transcript: dict[str, Any], path: Path, number: int) -> None:
    """A plain-text transcript with ``Speaker: text`` turns and a first comment line."""
    out = [f"# {TRANSCRIPT_NOTE}",
           f"# Interview {number:02d}, survivor cohort. Every name, place and number is fictional.",
           ""]
    for speaker, text in _turn_lines(transcript):
        out.append(f"{speaker}: {text}" if speaker else text)
    with atomic_open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(out) + "\n")


def write_transcript_docx(transcript: dict[str, Any], path: Path, number: int) -> None:
    """A Word transcript: a SYNTHETIC first paragraph, then ``Speaker: text`` paragraphs."""
    import docx

    document = docx.Document()
    document.add_paragraph(f"{TRANSCRIPT_NOTE}. Interview {number:02d}, survivor cohort; every "
                           "name, place and number is fictional.")
    for speaker, text in _turn_lines(transcript):
        document.add_paragraph(f"{speaker}: {text}" if speaker else text)
    props = document.core_properties
    props.author = "Survivor Voices demo generator"
    props.last_modified_by = "Survivor Voices demo generator"
    props.title = "SYNTHETIC interview transcript"
    props.created = FIXED_DATETIME
    props.modified = FIXED_DATETIME
    props.revision = 1
    buf = io.BytesIO()
    document.save(buf)
    with atomic_path(path) as tmp:
        tmp.write_bytes(_normalised_zip(buf.getvalue()))


def _vtt_time(seconds: float) -> str:
    ms = int(round(seconds * 1000))
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


def write_transcript_vtt(transcript: dict[str, Any], path: Path, number: int) -> None:
    """A WebVTT transcript with a NOTE block and ``<v Speaker>`` voice spans."""
    out = ["WEBVTT", "",
           f"NOTE {TRANSCRIPT_NOTE}.",
           f"Interview {number:02d}, survivor cohort; every name, place and number is fictional.",
           ""]
    t = 1.0
    for speaker, text in _turn_lines(transcript):
        length = max(2.5, len(text) / 14)
        out += [f"{_vtt_time(t)} --> {_vtt_time(t + length)}", f"<v {speaker}>{text}</v>", ""]
        t += length + 0.6
    with atomic_open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(out))


def project_yaml() -> str:
    """The demo's ``project.yaml`` text."""
    return (
        "# SYNTHETIC demo project: every response is invented.\n"
        "name: Demo JSNA sexual violence survey (synthetic)\n"
        "instrument: instrument.yaml\n"
        "codebook: codebook.yaml\n"
        f"seed: {SEED}\n"
        "sources:\n"
        f"  - {{path: {SURVIVOR_XLSX}, cohort: survivor, platform: auto, "
        "date_order: dayfirst}\n"
        f"  - {{path: {PROFESSIONAL_CSV}, cohort: professional, platform: auto, "
        "date_order: monthfirst}\n"
        "  - {path: transcripts/, cohort: survivor, kind: interview}\n"
        f"  - {{path: {SURVIVOR_XLSX_W2}, cohort: survivor, platform: auto, "
        "date_order: dayfirst, wave: 2}\n"
        f"  - {{path: {PROFESSIONAL_CSV_W2}, cohort: professional, platform: auto, "
        "date_order: monthfirst, wave: 2}\n"
        "anonymise:\n"
        f"  allow: [{', '.join(ALLOW_TERMS)}]\n"
        f"  deny: [{', '.join(DENY_PLACES)}]\n"
        "disclosure: {min_count: 5}\n"
        "# national prevalence rates and local populations for the prevalence gap (published\n"
        "# example figures, not survey data)\n"
        "prevalence: prevalence.csv\n"
    )


def instrument_dict() -> dict[str, Any]:
    """The instrument as plain data (read_instrument's YAML layout)."""
    return {"name": "Demo JSNA sexual violence survey instrument (synthetic)", "version": 1,
            "intro": INTRO, "signposting": SIGNPOSTING, "quick_exit": QUICK_EXIT,
            "outro": OUTRO, "questions": QUESTIONS}


def codebook_dict() -> dict[str, Any]:
    """The codebook as plain data."""
    return {"name": "Demo JSNA codebook (synthetic)", "version": 1, "themes": THEMES}


class _DemoDumper(yaml.SafeDumper):
    """Indents block sequences under their key; lists of short strings go in flow style."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:  # noqa: D102
        super().increase_indent(flow, False)


def _represent_list(dumper: yaml.SafeDumper, data: list) -> yaml.Node:
    flow = all(isinstance(x, str) and len(x) <= 40 for x in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_DemoDumper.add_representer(list, _represent_list)


def _dump_yaml(data: dict[str, Any], path: Path, comment: str) -> None:
    text = yaml.dump(data, Dumper=_DemoDumper, sort_keys=False, allow_unicode=True, width=100)
    with atomic_open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(f"# {comment}\n{text}")


def readme(counts: dict[str, int]) -> str:
    """The demo folder's README (the SYNTHETIC marker for the CSV too)."""
    return f"""# Survivor Voices demo project (SYNTHETIC)

**Every file in this folder is SYNTHETIC.** Every response, transcript, name, email address,
phone number, street address, postcode, school, employer, date, handle and reference number is
invented for the Survivor Voices demo. No real survey text is used anywhere. Phone numbers are in
Ofcom's drama ranges, email addresses use `example.*` domains and IP addresses use documentation
ranges.

Regenerate everything byte for byte with `.venv/bin/python tools/make_demo.py` (seed {SEED}).

Files:

- `project.yaml`: project config (sources, allow/deny lists, disclosure control).
- `instrument.yaml`: questions for both cohorts (`survey.instrument` format).
- `codebook.yaml`: {counts['themes']} themes, {counts['codes']} codes.
- `{SURVIVOR_XLSX}`: SYNTHETIC SmartSurvey-style export,
  {counts['survivors']} survivor responses; its sheet "About" says it is synthetic; three Likert
  typos are planted on purpose (they must be reported, not dropped).
- `{PROFESSIONAL_CSV}`: SYNTHETIC SurveyMonkey expanded CSV
  (two header rows), {counts['professionals']} professional responses; this README is its
  synthetic marker.
- `{SURVIVOR_XLSX_W2}` and `{PROFESSIONAL_CSV_W2}`: SYNTHETIC wave 2
  (a smaller follow-up survey a year later, after a new pathway; same platforms):
  {counts['survivors_w2']} survivor and {counts['professionals_w2']} professional responses,
  `wave: 2` in `project.yaml`. Wave 2 survivors were more often satisfied and more often knew
  where to go for help; more professionals had training. No Likert typos in wave 2.
- `transcripts/`: {counts['transcripts']} SYNTHETIC interview transcripts with survivors
  (3 .txt, 2 .docx, 1 .vtt), each marked in its first line or paragraph.
- `prevalence.csv`: a copy of `data/reference/prevalence_example.csv`, the EXAMPLE national
  rates and local populations the Thurrock JSNA used, for the report's prevalence gap (published
  figures, not survey data).
- `planted_identifiers.json`: every planted fictional identifier as `file`, `value`, `label`
  ({counts['planted']} records).

`planted_identifiers.json` lists the fictional identifiers planted in free text, transcripts and
identifying metadata columns, so tests can check that none of them reaches any output. Values are
greppable strings (for ages the phrase, e.g. "I was 14").

The instrument follows trauma-informed practice (`voices survey check data/demo` passes):
consent is the only required question, content notes come before sensitive questions, every
sensitive closed question offers "Prefer not to say", support services are signposted at the
start and the end, and there is a quick-exit note.

One emergent theme has NO code in the codebook on purpose: online and app-based support (live
chat, text messaging, apps, video appointments), in a few answers of both waves (more in wave 2),
so the topic model can show it as a candidate new code.

Themes follow what a sexual violence JSNA hears about: fragmented services and differing
eligibility, public transport, not knowing what exists, reasons for not reporting, mental health
and self-harm, housing/work/study/parenting, waiting times, good experiences of specialist services
(SARC, rape crisis centre, ISVAs), one complete assessment after disclosure, children and young
people, under-reported groups, and professionals' training, referral pathways, recording and a
shared toolkit. The text is about services and recovery and never describes abuse.
"""


def generate(out: Path, *, seed: int = SEED) -> dict[str, int]:
    """Write the whole demo project into ``out``.

    Args:
        out: The demo folder (created if missing).
        seed: The seed for every random choice.

    Returns:
        Counts: survivors, professionals, transcripts, themes, codes, planted.
    """
    out = Path(out)
    planted = Planted()
    survivors = survivor_rows(seed, planted)
    professionals = professional_rows(seed, planted)
    write_survivor_xlsx(survivors, out / SURVIVOR_XLSX)
    write_professional_csv(professionals, out / PROFESSIONAL_CSV)
    survivors_w2 = survivor_rows(seed, planted, wave=2)
    professionals_w2 = professional_rows(seed, planted, wave=2)
    write_survivor_xlsx(survivors_w2, out / SURVIVOR_XLSX_W2)
    write_professional_csv(professionals_w2, out / PROFESSIONAL_CSV_W2)
    writers = {".txt": write_transcript_txt, ".docx": write_transcript_docx,
               ".vtt": write_transcript_vtt}
    for number, transcript in enumerate(TRANSCRIPTS, start=1):
        _check_plants(transcript)
        name = transcript["file"]
        writers[Path(name).suffix](transcript, out / "transcripts" / name, number)
        for value, label in transcript["plants"]:
            planted.add(f"transcripts/{name}", value, label)
    with atomic_open(out / "project.yaml", "w", encoding="utf-8", newline="\n") as fh:
        fh.write(project_yaml())
    reference = Path(__file__).resolve().parent.parent / "data" / "reference"
    with atomic_open(out / "prevalence.csv", "wb") as fh:
        fh.write((reference / "prevalence_example.csv").read_bytes())
    _dump_yaml(instrument_dict(), out / "instrument.yaml", "SYNTHETIC demo instrument")
    _dump_yaml(codebook_dict(), out / "codebook.yaml", "SYNTHETIC demo codebook")
    with atomic_open(out / "planted_identifiers.json", "w", encoding="utf-8", newline="\n") as fh:
        fh.write(json.dumps(planted.items, indent=1, ensure_ascii=False) + "\n")
    counts = {"survivors": len(survivors), "professionals": len(professionals),
              "survivors_w2": len(survivors_w2), "professionals_w2": len(professionals_w2),
              "transcripts": len(TRANSCRIPTS), "themes": len(THEMES),
              "codes": sum(len(t["codes"]) for t in THEMES), "planted": len(planted.items)}
    with atomic_open(out / "README.md", "w", encoding="utf-8", newline="\n") as fh:
        fh.write(readme(counts))
    return counts


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "demo",
                        help="folder to write (default: data/demo)")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    counts = generate(args.out, seed=args.seed)
    print(", ".join(f"{k}: {v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
