"""Build the SYNTHETIC survivor-style development set (``surveystyle.jsonl``), seeded.

Every answer, name, place and number here is INVENTED for testing. The answers are first-person
and in the way people really type (lower case, text-speak, names that are also words, local
places in lower case, identity words), about services and recovery, never graphic. Phone numbers
are in Ofcom's drama ranges, e-mail domains are ``example.*``.

Each line (the format of ``data/anon_realtext/``)::

    {"id", "text", "split", "synthetic": true,
     "spans": [{"start", "end", "label", "kind", "text"}],   # identifiers (DIRECT / QUASI)
     "keep":  [{"start", "end", "category", "text"}]}         # identity words that must stay

Splits by SHA-256 of ``split:<id>``: first byte < 154 -> ``dev`` (about 60%), < 205 ->
``validation`` (20%), else ``test`` (20%). Tune on dev, choose settings on validation, read test
once.

Run: ``.venv/bin/python data/anon_surveystyle/build.py`` (seed 2027, byte-identical output).
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 2027
N_ITEMS = 360

KINDS = {"PERSON": "DIRECT", "CONTACT": "DIRECT", "PLACE": "QUASI", "FACILITY": "QUASI",
         "AGE": "QUASI", "ORGANISATION": "QUASI"}

VALUES = {
    # names that are also words, written as people type them
    "NW": ("PERSON", ["ruby", "jack", "lily", "hunter", "daisy", "miles", "poppy", "iris",
                      "holly", "amber", "jade", "robin", "summer", "rose", "sky"]),
    "NWC": ("PERSON", ["Ruby", "Jack", "Lily", "Hunter", "Daisy", "Miles", "Poppy", "Iris",
                       "Holly", "Amber", "Jade", "Robin"]),
    "LN": ("PERSON", ["kayleigh", "tegan", "jordan", "chantelle", "darren", "aled", "niamh",
                      "tariq", "bartek", "shannon", "kerry", "dean", "leanne", "callum"]),
    "CN": ("PERSON", ["Kayleigh", "Tegan", "Chantelle", "Darren", "Niamh", "Tariq", "Bartek",
                      "Leanne", "Callum", "Marta", "Oluwaseun", "Gwen"]),
    "INI": ("PERSON", ["J", "K", "M", "S", "T", "D", "R"]),
    "TOWN": ("PLACE", ["tilbury", "grays", "corringham", "aveley", "stanford-le-hope",
                       "south ockendon", "chafford hundred", "basildon", "east tilbury",
                       "orsett", "bulphan", "west thurrock", "canvey island", "pitsea",
                       "wickford", "billericay", "purfleet", "linford", "fobbing",
                       "laindon"]),
    "TOWNC": ("PLACE", ["Tilbury", "Grays", "Corringham", "Aveley", "Orsett", "Pitsea",
                        "Wickford", "Purfleet", "Linford"]),
    "FAC": ("FACILITY", ["orchard house", "the willows", "beacon lodge", "kestrel ward",
                         "maple court", "harbour house"]),
    "WORK": ("ORGANISATION", ["Brannock Foods", "Quayside Logistics", "Fenmere Care",
                              "Holloway & Pryce"]),
    "PHONE": ("CONTACT", ["o7700 9oo123", "07700 9oo 456", "o7700 900 789", "O7700 9OO321",
                          "07700 9oo654"]),
    "EMAIL": ("CONTACT", ["kez_b 91 @ example . com", "sunny_day @ example . org",
                          "r.pryce_77 @ example . co . uk", "tash 88 @ example . com",
                          "mags_1979@ example . com"]),
    "CAGE": ("AGE", ["4", "6", "7", "9", "11", "13", "14", "15"]),
    "YEAR": ("AGE", ["year 3", "year 5", "yr 6", "year 8", "year 10", "yr 11"]),
}
IDENTITY = {
    "sexual_orientation": ["gay", "lesbian", "bi", "bisexual", "queer", "LGBTQ", "lgbt"],
    "gender_identity": ["trans", "non-binary", "nonbinary", "transgender"],
    "ethnicity": ["black", "Black", "asian", "mixed race", "BAME", "traveller"],
    "nationality": ["Polish", "polish", "Lithuanian", "romanian", "Nigerian", "Irish"],
    "religion": ["muslim", "Muslim", "christian", "Sikh", "jewish", "hindu"],
    "disability": ["deaf", "disabled", "autistic", "blind"],
    "age_group": ["older", "young people", "elderly", "teenagers"],
}

TEMPLATES = [
    "me and {NW} went to the drop in at {FAC} and it was the first time i felt ok",
    "me n {NW} got the bus from {TOWN} every week for the group tbh it saved me",
    "my isva {NW} was amazing, she rang me every week until court",
    "my support worker {LN} from the hub helped me fill in the cica forms",
    "{NWC} at rape crisis was the only one who believed me x",
    "{NW} said i should go to the sarc and she came with me",
    "thanks {NW} for everything you did for me and my kids",
    "i live in {TOWN} and theres nothing here for {ID} people like me",
    "as a {ID} woman i didnt feel the service was for me at first",
    "im {ID} and the counsellor was fine about it which i didnt expect",
    "there needs to be more for {ID} survivors in {TOWN} and round here",
    "my son who is {CAGE} has been having nightmares and camhs have a long wait",
    "my daughter in {YEAR} started refusing school and nobody linked it",
    "my kids are {CAGE} and {CAGE} so i cant get to appointments in {TOWN}",
    "text me on {PHONE} if you want to talk more about this survey",
    "my email is {EMAIL} if you want my story for the report",
    "i was with him for 6 years and it took 2 years to get counselling",
    "the bath was the only place i could cry without the kids hearing",
    "i love reading and it helped more than the leaflets did",
    "in march it got worse and i rang the helpline every night",
    "hes a jack of all trades that one, everyone round {TOWN} knows him",
    "i was put on sertraline and then mirtazapine but talking helped more",
    "{CN} and {NW} ran the group and they were so kind to all of us",
    "We moved from {TOWNC} to {TOWN} to get away and the refuge sorted it",
    "I was the only {ID} woman in the group at {FAC} and I felt very visible",
    "i have worked at {WORK} for 12 years and i couldnt tell anyone there",
    "being {ID} and {ID} i never thought id be believed but my isva {NW} did",
    "me and {INI} went to the police together in the end",
    "{INI} said it wasnt my fault and i needed to hear that",
    "my mum {NW} came to every appointment with me",
    "lol the waiting room was freezing but {NW} on reception made me a tea",
    "{ID} people get forgotten, my nan is {ID} and had no interpreter",
    "pushing up daisies is what i thought id be but im still here",
    "i go to the {ID} group on tuesdays in {TOWN} and its brill",
    "my partner {NW} is {ID} and the police didnt take it seriously",
    "the gp in {TOWN} was rubbish but the one in {TOWN} listened",
    "miles away from anyone who knew me was what i needed",
    "my nephew {LN} who is {CAGE} told his teacher and thats how it came out",
    "cheers {NW} u were a star",
    "i waited 9 months, then 3 weeks of sessions at {FAC}, not enough",
]


def _split(item_id: str) -> str:
    b = hashlib.sha256(f"split:{item_id}".encode()).digest()[0]
    return "dev" if b < 154 else "validation" if b < 205 else "test"


def _fill(template: str, rng: random.Random) -> tuple[str, list[dict], list[dict]]:
    out, spans, keep, pos = [], [], [], 0
    for m in re.finditer(r"\{(\w+)\}", template):
        out.append(template[pos:m.start()])
        start = sum(len(p) for p in out)
        slot = m.group(1)
        if slot == "ID":
            category = rng.choice(sorted(IDENTITY))
            value = rng.choice(IDENTITY[category])
            keep.append({"start": start, "end": start + len(value), "category": category,
                         "text": value})
        else:
            label, values = VALUES[slot]
            value = rng.choice(values)
            spans.append({"start": start, "end": start + len(value), "label": label,
                          "kind": KINDS[label], "text": value})
        out.append(value)
        pos = m.end()
    out.append(template[pos:])
    return "".join(out), spans, keep


def build() -> list[dict]:
    """The items, seeded."""
    rng = random.Random(SEED)
    items, seen = [], set()
    while len(items) < N_ITEMS:
        text, spans, keep = _fill(rng.choice(TEMPLATES), rng)
        if text in seen:
            continue
        seen.add(text)
        item_id = f"v{len(items):03d}"
        items.append({"id": item_id, "text": text, "split": _split(item_id), "synthetic": True,
                      "spans": spans, "keep": keep})
    return items


def main() -> None:
    """Write ``surveystyle.jsonl``."""
    items = build()
    (HERE / "surveystyle.jsonl").write_text(
        "".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")


if __name__ == "__main__":
    main()
