"""Build the SYNTHETIC survey-style anonymisation test set (``testset.jsonl``), seeded.

Every answer, name, address, number and place here is INVENTED for testing. Phone numbers are in
Ofcom's drama ranges, e-mail domains are ``example.*``, NHS numbers use the 999 test prefix,
NI numbers are made up. The answers are first-person, in the voice of the demo (services,
waiting, recovery), never graphic.

Each line: ``{"id", "text", "spans": [[start, end, label], ...], "synthetic": true}``.
Gold spans cover the identifier itself (not cue words such as "my ISVA").

Run: ``.venv/bin/python data/anon_testset/build_testset.py`` (seed 2026, byte-identical output).
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 2026
N_ITEMS = 340

# --- invented values -------------------------------------------------------------------------
FIRST = ["Aisha", "Bartosz", "Chidi", "Dorota", "Eilidh", "Farhan", "Gintarė", "Hamza", "Ifeoma",
         "Jaswinder", "Kwame", "Leilani", "Mehmet", "Niamh", "Oluwaseun", "Priya", "Rhiannon",
         "Siobhán", "Thanh", "Uchenna", "Vikram", "Wiktoria", "Xiu", "Yusuf", "Zainab", "Tomasz",
         "Ngozi", "Rukhsana", "Dmitri", "Keisha", "Mariana", "Ahmed", "Sunita", "Declan",
         "Shanice", "Abdirahman", "Florin", "Kerry-Ann", "Jean-Luc", "Björn"]
SURNAME = ["Okonkwo", "Kowalczyk", "Nwosu", "Mahmood", "Ó Briain", "Varghese", "Pryce",
           "Nguyen", "Abdullahi", "Kaur", "Mensah", "Petrauskas", "Yılmaz", "McAllister",
           "Adeyemi", "Chowdhury", "Haddad", "Zielińska", "Popescu", "Osei", "Fitzgerald",
           "Begum", "Achterberg", "Bianchi", "Campbell-Reid", "Dos Santos", "Van der Berg"]
LOWER = ["sam", "kayleigh", "mo", "priya", "darren", "agnieszka", "tariq", "chloe", "jordan",
         "natasha", "kieran", "amira"]
NICK = ["Gaz", "Shaz", "Big Dave", "Tash", "Kez", "Jonno", "Mags", "Dazza", "Bex", "Tommo"]
MISSPELT = ["Jonh", "Sarrah", "Mohammad", "Mohamed", "Catherin", "Siobhan", "Aleksandr",
            "Micheal", "Jenifer", "Stephan"]
STREETS = ["Marsh Lane", "Kingfisher Close", "Orchard Road", "Station Approach",
           "Cedar Avenue", "Baker's Row", "Hawthorn Drive", "Mill Street", "Queensway",
           "Nightingale Crescent", "Bridge Street", "Long Lane"]
POSTCODES = ["SS17 8QL", "RM16 4XB", "RM20 3JT", "SS16 5PA", "CM13 2AB", "RM18 7NR", "E6 2HU",
             "SE18 4QS"]
OUTWARD = ["RM17", "SS17", "RM16", "SS16", "RM20"]
PHONES = ["07700 900123", "07700 900456", "07700900789", "+44 7700 900321", "0113 496 0012",
          "020 7946 0958", "(0161) 496 0734", "07700-900-555"]
EMAIL_USERS = ["sunny.day", "k.osei", "mags1979", "hopeful_me", "r.pryce", "tomasz.k"]
EMAIL_DOMAINS = ["example.com", "example.org", "example.co.uk"]
HANDLES = ["@sunflower_girl", "@kez_88", "@justme_again", "@tommo_b", "@healing_slowly"]
TOWNS = ["Grays", "Tilbury", "Chafford Hundred", "Stanford-le-Hope", "Corringham", "Purfleet",
         "Basildon", "Romford", "Southend", "Aveley", "South Ockendon", "East Tilbury"]
ESTATES = ["Belhus", "Broadway", "Kings Farm", "Seabrooke Rise"]
SCHOOLS = ["St Cleres School", "Gable Hall School", "Hathaway Academy", "Palmer's College",
           "Ortu Gable Hall", "William Edwards School", "Thurrock Adult Community College"]
EMPLOYERS = ["Lakeside Tesco", "Amazon Tilbury", "the Port of Tilbury", "Costa Coffee",
             "DP World London Gateway", "Basildon Hospital"]
REFS = ["42/118734/24", "CR-2024-0091834", "ref 12/3456", "KA8812345", "24000187321"]
NHS = None  # filled by _nhs()
NINOS = ["JT 41 52 63 C", "PL123456B", "NW 98 76 54 A"]
REGS = ["KX19 ABF", "EY68 NXR", "BD51 SMR"]
AGES = ["14", "15", "sixteen", "12", "17"]
DATES = ["12 March 2019", "3/11/2021", "August 2022", "Christmas Eve 2018", "14th February"]


def _nhs(rng: random.Random) -> str:
    """A 999-prefix test NHS number with a valid mod-11 check digit, spaced 3-3-4."""
    while True:
        digits = [9, 9, 9] + [rng.randrange(10) for _ in range(6)]
        total = sum(d * w for d, w in zip(digits, range(10, 1, -1)))
        check = 11 - total % 11
        if check == 11:
            check = 0
        if check != 10:
            s = "".join(map(str, digits + [check]))
            return f"{s[:3]} {s[3:6]} {s[6:]}"


# --- templates: {slot} is filled and becomes a gold span; [text] is plain ----------------------
# slot names: P person, PL lower-case first name, NK nickname, MS misspelt name, F first name only,
# A street address, PC postcode, OW outward code, T town, E estate, S school, W employer,
# PH phone, EM email, H handle, R reference, N NHS number, NI NI number, V vehicle reg, AG age,
# D date
TEMPLATES = [
    "My ISVA {F} was the first person who actually listened to me.",
    "I was referred by my GP in {T} and waited nearly a year for counselling.",
    "{P} at the SARC explained everything before the examination and I felt safe.",
    "I was {AG} when it started and nobody at {S} noticed anything.",
    "The police gave me a crime number, {R}, and then I heard nothing for months.",
    "You can call me on {PH} if you want to know more about my experience.",
    "Please email me at {EM}, I would like to help with the next survey.",
    "My ex {F} still lives round the corner from me on {A}, which makes it hard to go out.",
    "I moved to {T} to get away and it took two years to feel settled.",
    "Counselling at Rape Crisis helped more than anything. Thank you to {P}.",
    "I live on the {E} estate and everyone knows everyone, so I never told anyone local.",
    "The support worker, {F}, rang me every week while the case was going through court.",
    "my friend {PL} came with me to the police station and stayed all day",
    "Me and {NK} used to go to the drop-in on Thursdays, it was a lifeline.",
    "My counsellor {MS} was amazing but the sessions ended too soon.",
    "I work at {W} and had to tell my manager why I needed time off.",
    "My address is {A}, {T} {PC} if you need to send the leaflet.",
    "I'm in {OW}, there is nothing for survivors out here without a car.",
    "My NHS number is {N} but the hospital still lost my referral.",
    "They asked for my National Insurance number, {NI}, before I could claim anything.",
    "He used to wait outside in his car, reg {V}, so I stopped going to college.",
    "It happened on {D} and I reported it the next morning.",
    "I follow {H} on Instagram, it's a survivor page that made me feel less alone.",
    "My daughter goes to {S} and they have been really supportive.",
    "I was {AG} and living in {T} with my mum at the time.",
    "Dr {F} at the surgery on {A} referred me straight away.",
    "honestly {PL} from the helpline saved my life that night",
    "I told my teacher, Mrs {F}, and she got the safeguarding lead.",
    "My partner {P} does not know I am doing this survey.",
    "The ISVA service in {T} should be open in the evenings, I work days at {W}.",
    "When I lived at {A} the neighbours heard everything but nobody called anyone.",
    "Text me on {PH} rather than calling, I can't always talk.",
    "The detective, DC {F}, kept changing and I had to repeat my story four times.",
    "{NK} from my group chat told me about the SARC, I didn't know it existed.",
    "I am {AG} now and still waiting for the trial.",
    "The letter with my case reference {R} went to my old address in {T}.",
    "my sister {PL} and my aunt {F} are the only ones who know",
    "I go to the women's group at the community centre in {T} on Tuesdays.",
    "I was at {S} until {D}, then I dropped out.",
    "My caseworker {P} ({EM}) is the best person to contact.",
    "I live near {T} station, postcode {PC}, and the nearest service is two buses away.",
    "It was {MS} who first believed me, she works at the Women's Aid refuge.",
    "Please pass this on to {P}, she will know who I am.",
    "The counselling waiting list at {W} was eighteen months.",
    "I grew up on the {E} estate and went to {S}.",
    "{F} and {F} from the youth club were the ones who helped me report.",
    "My old manager at {W}, {P}, was very understanding about the court dates.",
    "I moved from {T} to {T} and had to start again with a new ISVA.",
    "call {PH} and ask for {F}",
    "If anyone from {T} reads this: you are not alone.",
]


#: HELD-OUT templates and values: written after the rules were tuned and measured once, never
#: used to change a rule (``heldout.jsonl``).
HELDOUT_TEMPLATES = [
    "Honestly the person who got me through it was {HP}, she never gave up on me.",
    "We were living in a flat above the chip shop on {HA} at the time.",
    "I rang {HPH} every night for a month and someone always answered.",
    "{HP} (my key worker) chased the police for me when I couldn't face it.",
    "i would never have reported without {HPL} pushing me to",
    "Post anything to {HA}, {HT} {HPC}, addressed to me not my husband.",
    "The officer in charge, {HP}, gave me her direct line, {HPH}.",
    "When I was {HAG} I went to {HS} and the school nurse, {HF}, was the first adult I told.",
    "My mum still lives in {HT} so I avoid going back there.",
    "Please don't contact me by post; use {HEM} instead.",
    "Reference {HR} if you need to find my file.",
    "The counsellor at {HW} was lovely but they moved her to another team.",
    "My brother {HF} and his wife {HF} don't know any of this.",
    "I moved out of {HT} and into a refuge near {HT}.",
    "My son's dad, {HP}, still has contact so I have to be careful what I say.",
    "{HF} from the women's group at {HW} is the reason I'm still here.",
    "they gave me a leaflet with {HPH} on it and i kept it in my purse for a year",
    "My old address was {HA} but I have moved since.",
    "Its been hard since {HD}, thats when everything came out.",
    "My NI number is {HNI} in case you need it for the voucher.",
]
HFIRST = ["Precious", "Magdalena", "Oluwakemi", "Ruairí", "Svetlana", "Marcus", "Habiba", "Jolene",
          "Emeka", "Lorraine", "Asif", "Bogdan", "Tamsin", "Nkechi", "Kamran", "Dorcas"]
HSURNAME = ["Adebayo", "Nowak", "Ní Bhriain", "Qureshi", "Ferreira", "Wojciechowska", "Lindqvist",
            "Oyelaran", "Sandhu", "Hughes-Mbatha", "Papadopoulos", "Çelik", "MacLeod"]
HLOWER = ["jade", "becky", "lewis", "aaliyah", "connor", "shona"]
HSTREETS = ["Dock Road", "Lodge Lane", "Clarence Gardens", "Rectory Close", "Hogg Lane",
            "Argent Street", "Fobbing Road", "Chadwell Hill"]
HTOWNS = ["Chadwell St Mary", "West Thurrock", "Orsett", "Linford", "Fobbing", "Bulphan",
          "Horndon-on-the-Hill", "Laindon", "Pitsea", "Canvey Island"]
HPOSTCODES = ["RM17 6QS", "SS17 0PR", "RM19 1AB", "SS7 3JH", "RM16 2XY"]
HPHONES = ["07700 900987", "+44 (0)7700 900654", "01375 496 021", "0800 496 0334",
           "07700900111"]
HEMAILS = ["jolene.h@example.org", "quiet.voice@example.com", "m.nowak85@example.co.uk"]
HSCHOOLS = ["Harris Academy Chafford Hundred", "Grays Convent High School",
            "St Clere's Primary School", "USP College"]
HEMPLOYERS = ["Lakeside Shopping Centre", "Tilbury Docks", "the Thurrock Hospital", "Asda Grays"]
HREFS = ["CAD 4471 12/06", "42/99012/23", "DV-2023-114502", "case 5561-22"]
HNINOS = ["AB 12 34 56 C", "HJ987654D"]
HDATES = ["June 2021", "the 4th of May 2020", "Boxing Day 2019", "22/09/2022"]
HAGES = ["13", "fifteen", "16"]


def _fill(slot: str, rng: random.Random) -> tuple[str, str]:
    """Return (value, label) for a slot."""
    if slot == "P":
        first, sur = rng.choice(FIRST), rng.choice(SURNAME)
        return f"{first} {sur}", "PERSON"
    table = {
        "F": (FIRST, "PERSON"), "PL": (LOWER, "PERSON"), "NK": (NICK, "PERSON"),
        "MS": (MISSPELT, "PERSON"), "T": (TOWNS, "LOCATION"), "E": (ESTATES, "LOCATION"),
        "S": (SCHOOLS, "ORGANIZATION"), "W": (EMPLOYERS, "ORGANIZATION"),
        "PH": (PHONES, "PHONE_NUMBER"), "H": (HANDLES, "SOCIAL_HANDLE"),
        "R": (REFS, "REFERENCE_NUMBER"), "NI": (NINOS, "UK_NINO"),
        "V": (REGS, "UK_VEHICLE_REGISTRATION"), "AG": (AGES, "AGE"), "D": (DATES, "DATE"),
        "PC": (POSTCODES, "UK_POSTCODE"), "OW": (OUTWARD, "UK_POSTCODE"),
    }
    if slot in table:
        values, label = table[slot]
        return rng.choice(values), label
    held = {"HF": (HFIRST, "PERSON"), "HPL": (HLOWER, "PERSON"), "HT": (HTOWNS, "LOCATION"),
            "HPC": (HPOSTCODES, "UK_POSTCODE"), "HPH": (HPHONES, "PHONE_NUMBER"),
            "HEM": (HEMAILS, "EMAIL_ADDRESS"), "HS": (HSCHOOLS, "ORGANIZATION"),
            "HW": (HEMPLOYERS, "ORGANIZATION"), "HR": (HREFS, "REFERENCE_NUMBER"),
            "HNI": (HNINOS, "UK_NINO"), "HD": (HDATES, "DATE"), "HAG": (HAGES, "AGE")}
    if slot in held:
        values, label = held[slot]
        return rng.choice(values), label
    if slot == "HP":
        return f"{rng.choice(HFIRST)} {rng.choice(HSURNAME)}", "PERSON"
    if slot == "HA":
        return f"{rng.randint(2, 220)} {rng.choice(HSTREETS)}", "STREET_ADDRESS"
    if slot == "A":
        return f"{rng.randint(1, 140)} {rng.choice(STREETS)}", "STREET_ADDRESS"
    if slot == "EM":
        return f"{rng.choice(EMAIL_USERS)}@{rng.choice(EMAIL_DOMAINS)}", "EMAIL_ADDRESS"
    if slot == "N":
        return _nhs(rng), "UK_NHS_NUMBER"
    raise KeyError(slot)


def render(template: str, rng: random.Random) -> tuple[str, list[list]]:
    """Fill a template; return the text and its gold spans."""
    out, spans, pos = [], [], 0
    length = 0
    for m in re.finditer(r"\{(\w+)\}", template):
        lit = template[pos:m.start()]
        out.append(lit)
        length += len(lit)
        value, label = _fill(m.group(1), rng)
        if value.startswith("the "):
            out.append("the ")
            length += 4
            value = value[4:]
        spans.append([length, length + len(value), label])
        out.append(value)
        length += len(value)
        pos = m.end()
    out.append(template[pos:])
    return "".join(out), spans


def build(n: int = N_ITEMS, seed: int = SEED, *, templates: list[str] | None = None,
          prefix: str = "syn") -> list[dict]:
    """Every template at least once, then random templates, seeded."""
    templates = TEMPLATES if templates is None else templates
    rng = random.Random(seed)
    order = list(range(len(templates)))
    order += [rng.randrange(len(templates)) for _ in range(n - len(order))]
    items = []
    for i, t in enumerate(order):
        text, spans = render(templates[t], rng)
        for s, e, _ in spans:
            assert text[s:e].strip() == text[s:e]
        items.append({"id": f"{prefix}-{i:04d}", "text": text, "spans": spans, "synthetic": True})
    return items


def main() -> None:
    """Write ``testset.jsonl`` and ``heldout.jsonl`` beside this script."""
    for name, items in (("testset.jsonl", build()),
                        ("heldout.jsonl", build(120, SEED + 1, templates=HELDOUT_TEMPLATES,
                                                prefix="held"))):
        with open(HERE / name, "w", encoding="utf-8", newline="\n") as fh:
            for item in items:
                fh.write(json.dumps(item, ensure_ascii=False) + "\n")
        print(f"wrote {len(items)} SYNTHETIC items to {HERE / name}")


if __name__ == "__main__":
    main()
