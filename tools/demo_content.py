"""The invented content of the SYNTHETIC demo project, in one place so a reviewer can read every
invented sentence: the instrument, the codebook, the sentence banks per question, the planted
identifiers and the six interview transcripts. :mod:`make_demo` (beside this file) turns it into
exports, transcripts and project files.

Everything here is invented, non-graphic, and about services and recovery.
"""

from __future__ import annotations

from typing import Any

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


def question_options(question_id: str) -> list[str]:
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


# -- the chapter's framing (project.yaml about: and services:) and the writer's own sections
# (narrative.md). SYNTHETIC: an invented council; about services and recovery, never graphic.
ABOUT: dict[str, str] = {
    "scope": "SYNTHETIC demo. This chapter describes what adult survivors of sexual violence "
             "and abuse, and the professionals who support them, told the council about finding "
             "and using support in the area, so that commissioners can plan services.",
    "definition": "Sexual violence and abuse is any sexual act or attempted act that a person "
                  "did not consent to, or was pressured or coerced into, including rape, sexual "
                  "assault, child sexual abuse and sexual harassment, whenever it happened "
                  "(the definition used by the area's partnership strategy; SYNTHETIC demo).",
    "who": "Adults living or using services in the area who have experienced sexual violence "
           "or abuse at any point in their lives, and professionals in health, police, social "
           "care, housing, education and the voluntary sector (SYNTHETIC demo).",
    "when": "Two waves of an online survey, in spring 2025 and spring 2026, and a small number "
            "of one-to-one interviews between the waves (SYNTHETIC demo).",
    "recruitment": "Survivors were invited through specialist services, GP practices and "
                   "community groups, with support available before, during and after taking "
                   "part; nobody was contacted directly about their experience. Professionals "
                   "were invited through partnership networks (SYNTHETIC demo).",
    "context": "A mixed urban and rural area: the SARC and the rape crisis centre are in the "
               "largest town, up to an hour by bus from the furthest villages, and the ISVA "
               "service also sees people at GP practices (SYNTHETIC demo).",
}
SERVICES: list[dict[str, str]] = [
    {"name": "Synthetic Sexual Assault Referral Centre", "kind": "SARC",
     "serves": "Anyone of any age who has been raped or sexually assaulted, recently or in the "
               "past; forensic care, health checks and referral on, with or without a police "
               "report",
     "question": "services_used", "answer": "SARC (Sexual Assault Referral Centre)"},
    {"name": "Synthetic ISVA service", "kind": "ISVA service",
     "serves": "Adults and young people who have experienced sexual violence; practical and "
               "emotional support through reporting, court and recovery",
     "question": "services_used", "answer": "ISVA (Independent Sexual Violence Adviser)"},
    {"name": "Synthetic Rape Crisis centre", "kind": "Rape crisis centre",
     "serves": "Women and girls aged 13 and over, and a men's service; helpline, specialist "
               "counselling and group support, whenever the abuse happened",
     "question": "services_used", "answer": "Rape Crisis centre"},
    {"name": "Synthetic children's advocacy service", "kind": "Children and young people's "
     "service", "serves": "Children and young people under 18 and their families"},
]
NARRATIVE = """\
<!-- SYNTHETIC demo narrative.md: the writer's own sections, with live {{...}} numbers. Every
word is invented for the demo. -->

## Unmet need and gaps {#unmet-need after=findings}
SYNTHETIC demo. Survivors most often described gaps in getting to support rather than in the
support itself: {{theme.access.pct.survivor}} of survivors who answered raised access to
services, as did {{theme.access.pct.professional}} of professionals. Waiting for counselling,
and not knowing which service to contact first, came up in every wave.

## Recommendations {#recommendations}
- SYNTHETIC demo. Commissioners publish one clear page listing every local service, who it is
  for and how to reach it, shared with frontline staff.
- SYNTHETIC demo. Specialist counselling providers tell everyone on a waiting list what will
  happen next and when, and offer support while they wait.
- SYNTHETIC demo. Partners agree one referral route after disclosure, so that people are not
  asked to tell their story more than once.

## Next steps {#next-steps}
SYNTHETIC demo. The chapter goes to the Health and Wellbeing Board for sign-off, then to a
public consultation; the next wave of the survey will ask whether these changes were noticed.
"""
