"""Person names found by the slot they stand in, in any case ("me and ruby", "my isva lily",
"jack told me", "daisy at rape crisis", "thanks poppy", "me and J"), and more: a name before
its role ("hope my counsellor never rushed me"), names listed before a shared action ("ailsa hope
and will all helped"), someone thanked, told, met or gone without ("i told ruby", "met daisy",
"without poppy"), a person beside the writer ("jack and i"), lower-case initials ("k said").
Abstract name-words (hope, faith, will) and very frequent ones (art, king) need a slot only a
person fills.

A word that is also an everyday word (ruby, jack, lily, hunter, daisy, miles, poppy) is a name
only in such a slot; the name lists alone never decide it. The word must be a known first name,
a name that is also a word (:data:`~survey.anonymise.lexicon.NAME_WORDS`), or, after "me and"
or a relation, an unknown word no dictionary holds ("me and tegwyn"). Fixed phrases that hold a
name-word ("jack of all trades", "pushing up daisies") are cut by the precision filter
(:data:`~survey.anonymise.lexicon.IDIOMS`).
"""

from __future__ import annotations

import dataclasses
import re
from typing import ClassVar

from spacy.lang.en.stop_words import STOP_WORDS as SPACY_STOP_WORDS

from survey.anonymise.lexicon import (
    ABSTRACT_NAME_WORDS,
    CAPITALS_WORD,
    OWNER_MASK_LABELS,
    adjective_only,
    is_dictionary_word,
    unseen_word,
)
from survey.anonymise.recognizers.base import Recognizer
from survey.anonymise.recognizers.temporal import MONTHS, SCHOOL_YEAR_BRACKET
from survey.anonymise.spans import Detection

_W = r"[a-zA-ZÀ-ÖØ-öø-ÿ][a-zà-ÿ'’]+"
_REL = (r"(?:ex|ex-partner|partner|boyfriend|girlfriend|husband|wife|friend|best\s+friend|"
        r"mate|bestie|cousin|brother|sister|bro|sis|son|daughter|uncle|aunt|auntie|aunty|"
        r"nephew|niece|grandson|granddaughter|stepson|stepdaughter|"
        r"stepdad|stepmum|dad|mum|mam|mom|nan|nana|gran|grandad|grandma|father|mother|"
        r"neighbour|colleague|boss|manager|teacher|abuser|attacker|worker|support\s+worker|"
        r"key\s+worker|keyworker|social\s+worker|isva|idva|counsellor|therapist|officer|"
        r"advocate|nurse|doctor|gp|midwife|health\s+visitor|sgt|sarge|sergeant|inspector|"
        r"detective|dc|pc|ds|di|caseworker|case\s+worker|mentor|vicar|imam|priest|pastor|"
        r"solicitor|barrister|lawyer|receptionist|carer|psychologist|psychiatrist|cpn|"
        r"supervisor|line\s+manager|tutor|lecturer|headteacher|head\s+teacher|landlord|"
        r"landlady|flatmate|housemate|ex\s+partner|bairn|wean|lad|lass|volunteer|"
        r"victim\s+support\s+volunteer|caseworker|youth\s+worker|family\s+worker|"
        r"teacher|head\s+teacher|constable|receptionist|gf|bf|hubby|wifey|missus|fiance|"
        r"fiancee|peer\s+mentor|mentor|usher|guard|security\s+guard|porter|cleaner|caretaker|"
        r"chaplain|janitor|driver|dinner\s+lady|lollipop\s+lady|coach|trainer|instructor|"
        r"chef|cook|librarian|pharmacist|dentist|paramedic|hairdresser|postie|warden|steward|"
        r"facilitator|coordinator|co-ordinator|navigator|link\s+worker|practitioner|"
        r"interpreter|translator|advisor|adviser|clerk|matron|physio|care\s+assistant|"
        r"sponsor|mp|pa|personal\s+assistant|councillor|teenager|teen|toddler|leader|"
        r"organiser|organizer|podiatrist|chiropodist|physiotherapist|optician|optometrist|"
        r"radiographer|sonographer|surgeon|consultant|registrar|anaesthetist|dietitian|"
        r"dietician|hca|healthcare\s+assistant|health\s+care\s+assistant|audiologist|"
        r"orthoptist|phlebotomist|liaison|"
        r"(?:brother|sister|mother|father|son|daughter)[\s-]+in[\s-]+law)")
_SERVICE = (r"(?:the\s+)?(?:[A-Z][\w&'’-]+|sarc|isva|idva|rape\s+crisis|victim\s+support|"
            r"the\s+police|police|refuge|women'?s\s+aid|the\s+centre|the\s+hub|the\s+helpline|"
            r"the\s+charity|the\s+service|the\s+union|cps|camhs|mind|samaritans|childline|"
            r"nspcc|"
            r"survivors\s+uk|citizens\s+advice|cab|the\s+council|council|the\s+surgery|"
            r"the\s+practice|the\s+hospital|the\s+clinic|the\s+school|school|college|"
            r"uni|work|the\s+office|the\s+job\s*centre|jobcentre|housing|the\s+court|court|"
            r"the\s+station|the\s+project|the\s+group|the\s+trust|the\s+team|the\s+unit|"
            r"the\s+nhs|nhs|the\s+gp|the\s+foodbank|the\s+drop[\s-]?in|(?:st|saint)\s+[a-z'’]+|"
            r"(?:the\s+)?(?:church|mosque|temple|"
            r"gurdwara|chapel|synagogue|gym|group)|"
            r"(?:the|my|our)\s+(?:[a-z'’-]+\s+){1,2}(?:service|team|centre|center|project|"
            r"charity|hub|unit|clinic|group|line|office|club|class|church|mosque|gym|bus|"
            r"van|cafe|café|drop[\s-]?in|station|surgery|practice|library|hostel|refuge))")
_SAY = (r"(?:said|says|rang|rung|phoned|texted|text\s+me|messaged|emailed|called\s+me|told\s+me|"
        r"answered\s+the\s+phone|picked\s+up\s+the\s+phone|"
        r"told\s+us|told\s+the|helped|listened|came\s+round|came\s+with|picked\s+me|"
        r"sat\s+with|explained|believed|asked\s+me|kept\s+me|checked\s+on|was\s+there|"
        r"spoke\s+to\s+(?:me|us)|spoke\s+with\s+(?:me|us)|flagged)")
#: The one who stood out: "will was the only person that picked up".
_ONLY_ONE_WHO = r"was\s+the\s+only\s+(?:one|person)\s+(?:who|that)"
#: Leading a group: "patience runs the monday sewing group", "olive ran the walking group".
_RUNS = r"(?:runs|ran)\s+(?:the|our|a|my)\s+(?:[a-z'’]+\s+){0,2}"
_GROUPS = r"group|groups|session|sessions|course|class|drop[\s-]?in|helpline"
#: What only a person does for the writer ("got me into", "was so patient"), beside
#: :data:`_SAY`.
_PERSON_DID = (r"got\s+me|made\s+me|gave\s+me|sorted|supported|understood|retired|"
               rf"{_ONLY_ONE_WHO}|"
               r"visiting\s+(?:[a-z]+\s+){0,2}(?:at|on|from)\s+\d|"
               r"ran\s+(?:it|the\s+(?:group|session|course|class|project)|our|a\s+group)\b|"
               rf"{_RUNS}(?:{_GROUPS}|project|service|clinic)\b|"
               r"took\s+over|stepped\s+in|took\s+on\s+my|picked\s+up\s+my|"
               r"came\s+(?:along\s+)?to\s+(?:[a-z'’]+\s+){1,3}with\s+(?:me|us)\b|"
               r"judged\s+me|noticed|knew\s+(?:straight|right|something|what|i|me)|"
               r"saved\s+(?:me|my)|fought\s+for|stuck\s+by|checked\s+in|chased|"
               r"went\s+above|advocated|"
               r"left\s+(?:the|in|last|for|her|his|their|and)|left(?=\s*(?:[.!?,;]|$))|"
               r"moved\s+on|joined\s+the|"
               r"went\s+on\s+(?:leave|maternity|sick|holiday)|"
               r"was\s+(?:so\s+|really\s+|very\s+|always\s+|just\s+)?(?:kind|patient|lovely|"
               r"supportive|understanding|caring|amazing|brilliant|helpful|nice|rude|dismissive|"
               r"gentle|honest|friendly)")
#: What only a person is called in praise ("a legend", "an absolute star").
_PRAISE = (r"(?:legend|star|angel|gem|diamond|lifesaver|life\s+saver|hero|saint|godsend|"
           r"superstar)")
_CLAUSE = r"(?:^|(?<=[.!?]\s)|(?<=[.!?]\s\s)|(?<=\n)|(?<=,\s)|(?<=\band\s)|(?<=\bbut\s)|" \
          r"(?<=\baye\s)|(?<=\byeah\s)|(?<=\btbh\s)|(?<=\bhonestly\s)|(?<=\bbig\s)|" \
          r"(?<=\bngl\s)|(?<=\btbf\s)|(?<=\bimo\s)|(?<=\bcheers\s)|(?<=\bbless\s)|" \
          r"(?<=\blittle\s)|(?<=\bwee\s)|(?<=\blil\s)|" \
          r"(?<=\bthen\s)|(?<=\bso\s)|(?<=\bwhen\s)|(?<=\bafter\s)|(?<=\bbefore\s)|" \
          r"(?<=\bsince\s)|(?<=\buntil\s)|(?<=\btill\s)|(?<=\bcos\s)|(?<=\bbecause\s)|" \
          r"(?<=:\s)|(?<=\bn\s)|(?<=[—–]\s)|(?<=\s-\s))"
#: :data:`_CLAUSE` on its own, tried where a match starts: patterns whose own words are rare
#: test the clause there instead of at every word of the text (a long transcript's cost).
#: What a person does, after a capital letter standing for one ("H loved", "L was lovely").
_INITIAL_DOES = (r"loved|loves|love|likes|liked|enjoyed|enjoys|enjoy|is|was|has|had|went|goes|"
                 r"started|starts|seems|seemed|really|absolutely|now|always|never|can|could|"
                 r"will|would|gets|got|talks|talked|plays|played|learned|learnt|became|turned|"
                 r"came|comes|said|says|smiled|laughed|cried|sleeps|slept|made|makes|"
                 r"thrived|grew|settled|misses|missed|adores|adored|looks|looked|"
                 r"responded|reacted|interacted|engaged|benefited|benefitted|benefits|"
                 # ... and as a worker's note says what a client is, wants or did ("K aware of
                 # plan", "G needs an interpreter", "R prefers texts", "C re housing")
                 r"aware|unaware|needs|wants|wanted|knows|knew|feels|felt|prefers|preferred|"
                 r"agreed|agrees|declined|disclosed|reported|attended|attends|waited|told|"
                 r"asked|asks|uses|used|lives|lived|works|worked|safe|did|does|didn['’]t|"
                 r"doesn['’]t|can['’]t|won['’]t|wouldn['’]t|isn['’]t|wasn['’]t|hasn['’]t|"
                 r"remains|continues|understands|understood|confirmed|arrived|rang|phoned|"
                 r"texted|called|spoke|stayed|moved|struggles|struggled|explained|mentioned|"
                 r"requested|consented|refused|should|hopes|hoped|wishes|worries|worried|re|"
                 # ... or what a chronology's line says of them ("V reports", "M withdrew")
                 r"reports|withdrew|describes|described|returned|seen")
#: What a worker does to someone named by a letter (read by :func:`_note_letter`): meets,
#: rings, moves or writes about them ("LM met S", "reach C", "mum of Q").
_SEES_LETTER = (r"(?:met|meet|meeting|visit|visited|visiting|seeing|saw|seen|spoke\s+to|"
                r"spoken\s+to|speak\s+to|speaking\s+to|talked\s+to|reach|reached|contact|"
                r"contacted|cover|covering|move|moved|accompany|accompanied|accompanying|"
                r"remind|reminded|update|updated|inform|informed|refer|referred|advise|"
                r"advised|supporting|supported|rang|ring|phone|phoned|called|texted|emailed|"
                r"chase|chased|collect|collected|mum\s+of|dad\s+of|mother\s+of|father\s+of|"
                r"easy\s+on|update\s+on|booking\s+for|referral\s+for|hearing\s+for|"
                r"follow\s+up\s+with|check\s+in\s+with|checked\s+on|re:?)")
#: What a note says after such a letter: a place, a topic, a time ("at", "re", "today").
_LETTER_NEXT = (r"at|re|and|on|today|tomorrow|yesterday|to|about|back|directly|again|in|by|"
                r"with|before|after|this|next|last|without|when|if|as|tonight|later|soon|asap")
#: A capital letter standing alone, which a note may use for a person (not "A" or "I", nor a
#: mask's "X"; not in "B&B", "C-section", "A/E", "U.K."): each is checked by
#: :func:`_note_letter` (read letter by letter: few texts hold one, and a long one pays little).
_LONE_LETTER = re.compile(r"(?<![\w'’.&/-])[B-HJ-WYZ](?![\w&/+-])(?!['’](?!s\b))(?!\.\w)")
#: Before such a letter: "that" ("confirms that N has"), or what a worker does to the person.
_THAT_BEFORE = re.compile(r"(?i:\bthat\s+)$")
_SEES_BEFORE = re.compile(rf"(?i:\b{_SEES_LETTER}\s+)$")
#: After it: what a person does (after "that"), what a note says next (after a worker's verb),
#: or an age ("D (17) attends", "for E, 24, who").
_DOES_AFTER = re.compile(rf"\s+(?:{_INITIAL_DOES})\b")
_NEXT_AFTER = re.compile(rf"\s*[,.;:!?)]|\s*$|\s+(?i:{_LETTER_NEXT})\b", re.MULTILINE)
_AGE_AFTER = re.compile(r"\s*\(\s*(?:now\s+|aged?\s+)?(?:[mfMF]\s*,\s*)?\d{1,2}\s*\)"
                        r"(?:\s+[a-z]|\s*[,.;]|\s*$)|"
                        r",\s+\d{1,2},\s+(?i:who|a|an|is|was|has|lives|and)\b")
#: Before a letter, what makes it a plan's, a grade's or a room's ("Plan B (2)", "Ward C").
THING_BEFORE = re.compile(r"(?i:\b(?:plan|option|appendix|table|figure|section|part|grade|"
                          r"grades|type|vitamin|block|ward|room|level|stage|class|flat|unit|"
                          r"group|category|schedule|annex|hep|hepatitis|exhibit|form|bay|zone|"
                          r"wing|floor|box|question|all|straight|got|get|mind\s+your|the|of)"
                          r"\s+|\d\s*)$")
#: After a letter, its "'s" and what it has ("V's missed doses", "D's tablet", "K's new social
#: worker"); not a plural ("P's and Q's", "B's in").
_OWNS_AFTER = re.compile(r"['’]s\s+(?!(?:and|or|in|are|were|to|of|for|on|at|is|was)\b)"
                         r"(?:[a-z]|[A-Z]{2,}\b)")


def _note_letter(text: str, m: re.Match[str]) -> bool:
    """Whether a lone capital (:data:`_LONE_LETTER`) stands for a person as a worker's note
    writes it: after "that" before what a person does ("confirms that N has", "that H will
    attend"); as the one a worker meets, rings or moves, before a stop or what the note says
    next ("LM met S at", "unable to reach C today", "spoke to R re", "mum of Q."); or before an
    age ("D (17) attends", "for E, 24, who", "Children: A (11), B (8)."), what they are to
    someone ("D (ex)", "V (known as ...)") or what they have ("V's missed doses"), unless a
    word before makes it a plan's, a grade's or a room's (:data:`THING_BEFORE`)."""
    before = text[max(0, m.start() - 30):m.start()]
    return _THAT_BEFORE.search(before) is not None and \
        _DOES_AFTER.match(text, m.end()) is not None or \
        _SEES_BEFORE.search(before) is not None and \
        _NEXT_AFTER.match(text, m.end()) is not None or \
        (_AGE_AFTER.match(text, m.end()) is not None or
         _LETTER_KIN.match(text, m.end()) is not None or
         _OWNS_AFTER.match(text, m.end()) is not None) and \
        THING_BEFORE.search(before) is None


#: What a person has, after a capital letter's "'s" ("H's speech", "M's development").
_INITIAL_HAS = (r"speech|talking|language|development|confidence|behaviou?rs?|sleep|mood|"
                r"progress|needs|sister|brother|mum|dad|mother|father|nursery|school|teacher|"
                r"words|walking|eating|feeding|play|social|communication|anxiety|health|"
                r"birthday|life|routine|skills|respiratory|condition|weight|care|nurse|"
                # ... and what a client has in a worker's note ("H's SARC follow up", "R's key
                # worker", "M's advocate", "A's appointments")
                r"appointments?|advocate|key\s*worker|worker|isva|idva|sarc|solicitor|"
                r"social\s+worker|gp|counsellor|therapist|partner|ex|flat|room|case|referral|"
                r"file|statement|trial|hearing|interview|safety|wishes|consent|family|son|"
                r"daughter|children|kids|carer|friend|flatmate|housemate|tutor|landlord|"
                r"address|details|views|request|medication|diagnosis|application|claim|"
                r"housing|asylum|immigration|interpreter")
_CLAUSE_AT = re.compile(_CLAUSE, re.MULTILINE)
#: Patterns that check :data:`_CLAUSE_AT` where they match.
_CLAUSE_CHECKED = frozenset({"here_role", "initials_at", "if_reading", "praised", "and_team",
                             "the_role", "was_my", "is_a_role", "bare_role", "says",
                             "vocative_first",
                             "at_service", "on_duty", "in_company",
                             "heading", "initials_apposition", "at_was_rel"})
#: The person a clause names before "called" or "named" (the "called_after" slot): "a worker
#: at Bridges called", "the officer who took my statement was called".
_CALLED_PERSON_BEFORE = re.compile(rf"(?i:\b(?:lady|woman|man|guy|girl|boy|bloke|fella|lad|chap|"
                                   rf"person|volunteer|copper|{_REL})\b)[^.!?\n]{{1,40}}?"
                                   r"\s(?:was\s+|is\s+)?$")
#: Function words, pronouns and verbs that never fill a name slot ("my mum said", "me and my").
_NEVER = frozenset("""
was is are were be been has had have did does do will would could should can may might must
said says told rang came went got gets get made make took take came come helped helps
never always just still then also too really only even all both not no yes so very
mr mrs ms miss mx dr
""".split())


#: Endings of a word whose stem the data owner's mask replaced ("so PERSON ful" for a word of
#: praise): a piece of a word, no name.
_WORD_ENDINGS = frozenset("ful fully ness less ly ing ed er ers est ish ment ments".split())
#: An intensifier, or "and" after a word, right before a slot's word.
_BEFORE_PRAISE = re.compile(r"(?i:\b(?:so|very|really|too|extremely|always|and))\s+$")


def _listed_adjective(text: str, start: int, word: str) -> bool:
    """Whether lower-case ``word`` at ``start`` is a WordNet adjective (written 1,000 times or
    more) after an intensifier, or after "and" and another adjective: one more word of a list
    of praise ("so patient thorough and polite", "gentle and polite and I").

    A name stands after "and" only after another name or a noun, not after an adjective."""
    from survey.anonymise.lexicon import word_frequency, wordnet_pos_words

    low = word.lower()
    if not word.islower() or low not in wordnet_pos_words("adj") or \
            word_frequency().get(low, 0) < 1000:
        return False
    m = _BEFORE_PRAISE.search(text, max(0, start - 12), start)
    if not m:
        return False
    if m.group().strip().lower() != "and":
        return True
    prev = re.search(r"([a-z]+)\s+$", text[max(0, m.start() - 20):m.start()])
    return prev is not None and prev.group(1) in wordnet_pos_words("adj") and \
        prev.group(1) not in wordnet_pos_words("noun")


def _praise_between_commas(text: str, start: int, word: str) -> bool:
    """Whether lower-case ``word`` at ``start``, set off by commas, is only an adjective after
    another adjective: one item of a list of praise ("very patient, polite, understanding"),
    not a name after a noun ("the nurse, bonnie, was")."""
    from survey.anonymise.lexicon import adjective_only, wordnet_pos_words

    if not word.islower() or not adjective_only(word):
        return False
    prev = re.search(r"([a-z]+)\s*,\s*$", text[max(0, start - 25):start])
    return prev is not None and prev.group(1) in wordnet_pos_words("adj")


#: Any word (for a capitalised name's neighbours).
_ANY_WORD = re.compile(r"[^\W\d_]+")


#: How far either side of a re-cased name its second reading looks (characters; the window
#: starts at a sentence's start where one is that near).
_RECASE_WINDOW = 240


def _recase_capital_names(text: str) -> tuple[str, list[int]] | None:
    """``text`` with each first name written alone in capitals re-cased as a name ("DAISY my
    isva rang" -> "Daisy my isva rang"; same length) and where each such name starts, or None
    when there is none. Alone: the
    words either side are not in capitals, so a shouted phrase ("I WILL NOT") stays, and the
    text is not mostly capitals (normalisation re-cases those). Abbreviations the word lists
    hold ("ABE", "CAB") stay."""
    from survey.anonymise.lexicon import ABBREVIATION_WORDS, GENERIC_WORDS
    from survey.anonymise.recognizers.gazetteer import load_names

    caps = [m for m in CAPITALS_WORD.finditer(text) if m.group().title() in load_names("first")
            and m.group().lower() not in GENERIC_WORDS | ABBREVIATION_WORDS]
    if not caps:
        return None
    letters = [c for c in text if c.isalpha()]
    if sum(c.isupper() for c in letters) > 0.5 * len(letters):
        return None
    words = list(_ANY_WORD.finditer(text))
    starts = {w.start(): i for i, w in enumerate(words)}
    out, at = text, []
    for m in caps:
        i = starts.get(m.start())
        if i is None:
            continue
        near = [words[j].group() for j in (i - 1, i + 1) if 0 <= j < len(words)]
        if any(len(w) > 1 and w.isupper() for w in near):
            continue
        out = out[:m.start()] + m.group().title() + out[m.end():]
        at.append(m.start())
    return (out, at) if at else None


#: An article or determiner right before a word: no name stands there ("the guy who ran").
_DETERMINER_BEFORE = re.compile(r"\b(?i:the|a|an|this|that|these|those|every|each|any|some)\s+$")


def _clinical_name(word: str) -> bool:
    """A lower-case first name that the generic list holds only as a clinical acronym ("ted"
    for TED stockings, "tia" for a mini-stroke): after "dad", "my sister" or before "from
    school" it is a person."""
    from survey.anonymise.lexicon import generic_only_short

    return word.islower() and generic_only_short(word) and word.title() in _first_names()


def _adjective(word: str) -> bool:
    """Whether ``word`` has a frequent "-ly" adverb ("polite" -> "politely", "exceptional"):
    said of someone, it is a verdict; a name-word such as "Grace" or "Hope" has none."""
    from survey.anonymise.lexicon import word_frequency

    low, freq = word.lower(), word_frequency()
    return freq.get(low + "ly", 0) >= 1000 or \
        low.endswith("y") and freq.get(low[:-1] + "ily", 0) >= 1000


def _only_a_name(word: str) -> bool:
    """Whether ``word`` is in the first-name list and in no sense an English word: not a stop
    word, not in the dictionary, no WordNet adjective, adverb or verb (its nouns hold names:
    "Rachel"), not one letter from a word ("rachel", not "hope", "bill" or "jolly")."""
    from survey.anonymise.lexicon import (in_word_set, near_dictionary_word, word_frequency,
                                          wordnet_pos_words)

    low = word.lower()
    return word.title() in _first_names() and low not in SPACY_STOP_WORDS and \
        word_frequency().get(low, 0) < _NAME_WORD_MAX and not is_dictionary_word(low) and \
        not near_dictionary_word(low) and \
        not any(in_word_set(low, wordnet_pos_words(pos)) for pos in ("adj", "adv", "verb"))


def _adverb(word: str) -> bool:
    """Whether ``word`` is a frequent word made of "-ly" on a frequent word ("fully", "kindly"):
    an adverb, though a name list may hold it ("Holly" has no such stem, "Carly" is rare)."""
    from survey.anonymise.lexicon import word_frequency

    low = word.lower()
    freq = word_frequency()
    return low.endswith("ly") and freq.get(low, 0) >= 10000 and \
        max(freq.get(low[:-2], 0), freq.get(low[:-1], 0)) >= 100000


def _candidate(word: str, *, open_slot: bool) -> bool:
    """Whether ``word`` may be a name in a slot: a known first name or a name-word, or (in an
    ``open_slot`` such as "me and X") an unknown word no dictionary or name list holds."""
    from spacy.lang.en.stop_words import STOP_WORDS

    from survey.anonymise.lexicon import (
        is_dictionary_word,
        is_name_word,
        is_role_or_generic,
        joined_words,
        near_dictionary_word,
        word_frequency,
    )
    from survey.anonymise.recognizers.gazetteer import load_names
    from survey.anonymise.recognizers.names import NOT_NAMES

    bare = word.strip("'’").removesuffix("'s").removesuffix("’s")
    low = bare.lower()
    if open_slot and _clinical_name(bare):
        return True  # "my sister tia", "me and ted"
    if len(bare) < 2 or low in STOP_WORDS or low in _NEVER or is_role_or_generic(low) or \
            is_relation(low) or \
            (bare.title() in NOT_NAMES and not is_name_word(low)):
        return False
    if _adverb(low):
        return False  # "the physiotherapist fully put my mind at ease"
    if is_name_word(low):
        return True  # "ruby", "jack", "miles": the slot decides
    if is_dictionary_word(low) or joined_words(low) or near_dictionary_word(low) and not (
            open_slot and word_frequency().get(low, 0) == 0 and len(low) >= 4 and
            not near_dictionary_word(low, min_freq=20000) and
            not re.search(r"(?:ed|ing|ly|tion|ness|ment|ful|ous|ive|ise|ize|ises|izes|yses)$",
                          low)):
        return False  # "excellent", "goes", "adviced": everyday words and their misspellings
        # (and a British "-ises" the word list spells "-izes": "my doctor realises")
    return bare.title() in load_names("first") or \
        open_slot and bare.isalpha() and word_frequency().get(low, 0) == 0


#: Names that are also abstract nouns or times of year: in the "says" slot only before what
#: a person does ("hope rang"), not what a thing does ("hope helped", "faith kept me going").
_ABSTRACT = ABSTRACT_NAME_WORDS
#: Name-words that are also a verb of wishing or a modal: before "the <role>" or "my <role>"
#: they read as the verb ("hope the doctor calls", "will my son be ok"); other abstract names
#: ("grace the nurse was lovely") are people there.
_VERB_LIKE = VERB_LIKE_NAMES = frozenset({"hope", "will", "may", "trust", "pray"})
#: A title right before a word: what follows is a surname, whatever the lists hold.
_TITLE_BEFORE = re.compile(r"\b(?i:dr|doctor|nurse|mr|mrs|ms|miss|sister)\.?\s+$")
#: Words that join a clause, never part of a role's name ("bill for the solicitor was").
_GLUE = r"(?:the|a|an|for|to|of|and|with|my|our|his|her|their|in|at|on|from|by|as|is|was)"
#: Slots that hold a first name beside its role ("pearl the volunteer", "kim is our isva").
_ROLE_SLOTS = frozenset({"the_role", "the_role_who", "was_my", "role_name", "is_a_role",
                         "bare_role"})
_PERSON_ONLY = re.compile(r"\s+(?i:said|says|rang|rung|phoned|texted|text\s+me|messaged|"
                          r"answered\s+the\s+phone|picked\s+up\s+the\s+phone|"
                          r"emailed|called\s+me|told\s+me|told\s+us|asked\s+me|came\s+round|"
                          rf"picked\s+me|sat\s+with|{_ONLY_ONE_WHO}|{_RUNS}(?:{_GROUPS}))\b")


#: What a person did to or for the writer, after a name and its role ("never rushed me",
#: "explained it all"): a saying verb, or a past-tense verb with a person as its object.
_DID = (rf"(?:(?:never|always|really|just|even|also|then|still|actually)\s+)?"
        rf"(?i:{_SAY}|{_PERSON_DID}|supported|(?:[a-z]{{3,}}ed|drove|took|brought|sat|stood|"
        rf"held|kept|gave|got|made|let|found|met|saw|set\s+up|went|came|ran|paid|taught|"
        rf"fought|bought|sent|put|wrote|read)\s+(?:me|us|him|her|them|my|up|a|the)\b)")
#: A name with its role in apposition at the start of a clause ("hope my counsellor never
#: rushed me", "grace, my isva, rang"): the role makes it a person even when the word is also a
#: verb or an abstract noun; the verb that follows must be past ("hope my mum is ok" is a wish).
#: Initials signing the answer off, at its very end: "Nobody's asked before. K.", "regards,
#: p.k.", a line of its own "J.M." (a kiss, "x.", is not an initial).
_SIGNOFF_INITIALS = re.compile(
    r"(?:(?<=[.!?]\s)|(?<=[.!?]\s\s)|(?<=\n)|(?i:(?<=regards,\s)|(?<=regards\s)|(?<=thanks,\s)|"
    r"(?<=cheers,\s)|(?<=wishes,\s)|(?<=love,\s)|(?<=faithfully,\s)|(?<=sincerely,\s)))"
    r"(?![xX]\.\s*$)(?P<id>[A-Za-z]\.(?:\s?[A-Za-z]\.){0,2})\s*$")
#: Two letters alone as an answer's last line or sentence: initials signing it off ("... the door
#: open. tj"), unless they are text-speak or a post ("ps", "nb", "hm", "dv", "sw").
_SIGNOFF_LETTERS = re.compile(r"(?:(?<=[.!?]\s)|(?<=[.!?]\s\s)|(?<=\n))(?P<id>[A-Za-z]{2})\s*$")
_NOT_SIGNOFF = frozenset("hm sh dv tx bf gf fb dm hq tv pc dc ds ok".split())
_APPOSITION = re.compile(rf"(?<![\w'’]){_CLAUSE}(?P<id>{_W}),?\s+(?i:(?:my|our)\s+{_REL}s?)"
                         rf"(?:\s+(?i:at|from)\s+(?:(?i:the)\s+)?[\w'’-]+(?:\s+[A-Z][\w'’-]+)?)?,?\s+"
                         rf"(?:(?:both|all)\s+)?"
                         rf"(?={_DID})",
                         re.MULTILINE)
#: The words for a person (not a role) that case notes put initials after in brackets.
_BRACKET_PEOPLE = frozenset("client victim pt patient survivor child children kid kids resident "
                            "pupil student caller perpetrator suspect offender".split())
#: A person named in brackets after the word for who they are, as case notes write it:
#: "client (AB) phoned", "call from client's sister (Jade)", "Client (R.O.) seen at home",
#: "victim (LB, 24)", "son (Jack, 8)": a capitalised word, two or three capitals or dotted
#: initials, then the bracket's end, a comma (an age follows) or "and" (another name).
_BRACKETED_PERSON = re.compile(
    r"\(\s*(?P<id>[A-Z][a-zà-ÿ'’]+|[A-Z]{2,3}|(?:[A-Z]\.\s?){1,3})(?=\s*(?:\)|,|\s(?i:and)\b))")
#: ... and the word for who they are, right before the bracket (read on the 40 characters
#: before it: a bracket is rare, the words many).
_BRACKET_HEAD = re.compile(
    rf"(?i:\b(?:{_REL}|{'|'.join(sorted(_BRACKET_PEOPLE))}|service\s+user)(?:['’]s)?\s*)$")
#: A capital letter left beside the data owner's mask before a lower-case word: the initial of
#: a surname ("Dr PERSON R is very professional"); not "I" or "A".
_MASK_INITIAL = re.compile(rf"\b(?:{OWNER_MASK_LABELS})\s+(?P<id>[B-HJ-Z])(?= [a-z])")
#: A first name with its role in brackets, as case notes write it: "Holly (SW, children's
#: services) rang", "Will (new CHISVA) started", "Hope (vol) sat with the client".
_NAME_ROLE_BRACKET = re.compile(r"(?<![\w'’])(?P<id>[A-Z][a-z]+)\s*\(\s*(?:new\s+|our\s+|the\s+)?"
                                r"(?P<role>[A-Za-z]{2,12})\b[^()\n]{0,40}\)")
#: "will" or "may" before a verb no modal takes: "gutted that will is leaving", "my sister may
#: came to every appointment" (a modal takes a bare verb: "you may go"; "the will is read",
#: "his will was strong" are nouns, and "may never" stays a modal).
_MODAL_NAME_VERB = re.compile(
    r"(?<![\w'’])(?P<id>(?i:will|may))(?=\s+(?i:is|was|has|had|came|went|said|rang|told|texted|"
    r"phoned|helped|sorted|left|does|did)\b)")
#: Words before "will" or "may" that make it a noun or a modal after all ("the will is read",
#: "what will is left", "by the time will rang": an older guard).
_MODAL_NOUN_BEFORE = frozenset("the his her a my own free what time".split())
#: A worker's initials, as case notes write them: "Seen by DN at clinic", "Seen in clinic by
#: MH (CNS)"; opening a note before what they did ("Notes: JH called 2/5", "JW reviewed."); or
#: after a role or a note's heading ("Inform ISVA MB in am", "Triage TW 9/9:", "Case note KH
#: 8/8:"); before an age in brackets ("RB (45)"); after "client". Two to four capitals; role
#: words and abbreviations are left out where it matches.
_NOTED_INITIALS = (
    re.compile(r"(?i:\b(?:seen|reviewed|assessed|triaged|visited|supported|contacted)\s+"
               r"(?:[a-z]+\s+){0,2}?by\s+)(?P<id>[A-Z]{2,3})\b(?![&/-])"),
    # (where the note or a sentence opens: checked where it matches)
    re.compile(r"\b(?P<id2>[A-Z]{2,3})(?=\s+(?i:called|rang|phoned|reviewed|saw|visited|emailed|"
               r"texted|spoke|met|attended|assessed)\b)"),
    re.compile(r"(?i:\b(?:isva|idva|sw|social\s+worker|counsellor|worker|key\s*worker|nurse|"
               r"cns|triage|case\s+note|supervisor|manager)\s+)(?P<id3>[A-Z]{2,3})\b"
               r"(?=\s+(?:\d|(?i:in|on|at|to|re)\b)|\s*[,.:;)]|\s*$)"),
    # ... or after "client" ("client EJ", "client JA asked")
    re.compile(r"(?i:\b(?:client|victim|pt|patient|yp|case|applicant|caller)\s+)"
               r"(?P<id5>[A-Z]{2,4})\b(?![&/-])"),
    # a note about someone, by their initials: "Re: SB, appt moved", "RE: KT - risk"
    re.compile(r"(?i:\bre\s*:\s*)(?P<id6>[A-Z]{2,3})\b(?=\s*[,:(–-])"),
    # a handover list by initials and where each lives: "AM in Stanley: moving house" (where
    # a note or a sentence opens; two capitals there are initials, even "AM")
    re.compile(r"\b(?P<id8>[A-Z]{2,3})(?=\s+(?i:in|from)\s+[A-Z][a-z]+\s*:)"),
    # initials as the one a worker goes to: "pick up RH from Bideford", "visit KT at home"
    re.compile(r"(?i:\b(?:pick\s+up|picking\s+up|collect|collecting|drop\s+off|visit|visiting|"
               r"escort|escorting|accompany|accompanying)\s+)(?P<id7>[A-Z]{2})\b"
               r"(?=\s+(?i:from|at|to|in|on|today|tomorrow)\b)"),
)
#: Minutes and action logs: a text that records a meeting or its actions ("Action: SB to
#: ring", "Present: RB, TT", "Apologies: Grace", "w/c 9/3"). Only there does a capitalised
#: name-word before "to" and a verb, or before a colon, own an action ("Hope to book the room",
#: "Drew: chase housing"): in a survivor's answer "Hope to get better" is a wish.
_ACTION_TEXT = re.compile(r"(?i:\bactions?\b|\bminutes\b|\bagreed\b|\bapologies\s*:|"
                          r"\bnext\s+steps\b|\baction\s+points\b|"
                          r"\bpresent\s*:|\battendees\b|\bin\s+attendance\b|\bw/c\b|"
                          r"\baction\s+(?:log|tracker|notes?)\b|\bowner\s*:?\s+[A-Z])")
#: What the minutes say someone did or will do ("Hope noted", "Will reported", "JW escalates").
_MINUTE_VERBS = (r"reported|noted|raised|suggested|confirmed|welcomed|offered|thanked|agreed|"
                 r"updated|chaired|presented|queried|highlighted|outlined|summari[sz]ed|"
                 r"proposed|fed\s+back|circulated|escalated|escalates|informed|advised|asked|"
                 r"changed|declined|emailed|phoned|rang|attended|gave\s+(?:an?\s+)?"
                 r"(?:update|overview|summary|feedback)|documented|recorded|completed|"
                 r"discussed|visited|contacted|spoke|chasing|chased|aware|covering|needs|"
                 r"called|explained|unavailable|is\s+covering|"
                 # where someone is, as handovers say it: "RP on leave til Weds", "JB aware",
                 # "LB chasing CAMHS", "PB still waiting", "KT off sick"
                 r"on\s+(?:leave|a/?l|annual\s+leave|holiday|hols|nights|days|earlies|lates)|"
                 r"off\s+(?:sick|today|tomorrow|til|till|until|on)|unable\s+to|"
                 r"back\s+(?:on|from|in|(?i:mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun))\b|"
                 r"still\s+(?:waiting|chasing|to)|has\s+(?:chased|called|rung|spoken|emailed|"
                 r"agreed|confirmed|completed|updated|left|been)")
#: The owner of an action or of a line in the minutes, by a capitalised first name or two
#: capitals, where a note, a list item or a clause opens: before "to" and a verb ("RM to
#: chase", "(3) Hope to book", "Will and Grace to attend"), before a colon ("LF: complete
#: DASH", "Drew: chase housing"), before what the minutes record ("Hope noted", "JW
#: escalates"), or after "owner" ("owner FA"). Read only in :data:`_ACTION_TEXT`.
_ACTION_OWNER = re.compile(
    r"(?:^|(?<=\n)|(?<=[:.;,)]\s)|(?<=[:.;,)]\s\s)|(?<=\s[-–]\s)|(?<=[\"“])|"
    # after a post's letters, as a nurse's note names who did it: "HCA DL documented"
    r"(?<=\bHCA\s)|(?<=\bRGN\s)|(?<=\bRMN\s)|(?<=\bISVA\s)|(?<=\bIDVA\s)|"
    r"(?i:(?<=\bowner\s)|(?<=\bowner:\s)|(?<=\baction\s)))"
    r"(?P<id>[A-Z][a-z]+|[A-Z]{2})(?:\s+(?:and|&)\s+(?P<id2>[A-Z][a-z]+|[A-Z]{2}))?"
    # (a post in brackets may stand between: "JO (duty ISVA) spoke", "OK (SU) to move")
    rf"(?=(?:\s*\([^()\n]{{1,30}}\))?\s+to\s+(?P<verb>[a-z]+)\b|:\s+[\w(]|"
    rf"(?:\s*\([^()\n]{{1,30}}\))?\s+(?:{_MINUTE_VERBS})\b|"
    r"\s*[,.;]\s*(?i:due)\b|(?:\s*\([^()\n]{1,30}\))?\s+[-–]\s+[a-z]|"
    # a task in the imperative in a numbered list ("3. Joy complete CICA form"; checked
    # against :data:`_ITEM_NUMBER`)
    r"\s+(?P<imp>complete|book|chase|refer|contact|arrange|send|check|share|liaise|"
    r"request|cost|confirm|provide|attend|ring|phone|email|write|draft|invite)\b)",
    re.MULTILINE)
#: Two capitals that spell an interjection ("ah", "um") yet own a note's line as initials do
#: ("AH to contact school", "AH aware"), except in a note typed all in capitals.
_INTERJECTION_INITIALS = frozenset({"AH", "AW", "UH", "OH", "UM"})
#: Two capitals that spell a short word ("so", "is", "at") own a line only before a task
#: ("SO to try again", "BE to book"), what a note records ("IS explained", "AT unavailable")
#: or their post in brackets ("OK (Student Services) to move"); "OK" only with the post ("OK
#: to text" is leave to text). Not "ED", "DS" (a department, a rank: :data:`NOT_OWNER`).
_WORD_INITIALS = frozenset({"SO", "IS", "BE", "AT", "AN", "AM", "GO", "OK"})
#: Two capitals that spell a word more often meant as one ("say NO to", "ME (CFS)"): an owner
#: only before a task a worker takes on ("NO to arrange", "DO to share", "ME to request").
_TASK_INITIALS = frozenset({"NO", "DO", "HE", "ME", "IF"})
_TASK_AFTER = re.compile(r"\s+to\s+(?:arrange|request|update|share|check|book|confirm|complete|"
                         r"contact|ring|phone|call|email|liaise|send|write|draft|visit|refer|"
                         r"chase|provide|attend|invite|circulate|obtain|feed\s+back|follow\s+up|"
                         r"speak|discuss|inform|review|seek|meet|offer|make\s+sure|find\s+out)\b")
#: What follows a short word's capitals that makes them an owner (:data:`_WORD_INITIALS`).
_WORD_OWNER_AFTER = re.compile(rf"\s*\([^()\n]{{1,30}}\)|\s+to\s+(?!the\b|a\b|an\b)[a-z]+\b|"
                               rf"\s+(?:{_MINUTE_VERBS})\b")


def _initials_own(m: re.Match[str], group: str, text: str) -> bool:
    """Whether two capitals matched by :data:`_ACTION_OWNER` own the line: initials that are
    no role or abbreviation (:func:`_owner`), or capitals that spell an interjection or a
    short word in their own slot (:data:`_INTERJECTION_INITIALS`, :data:`_WORD_INITIALS`,
    :data:`_TASK_INITIALS` before a task), never in a note typed all in capitals."""
    word = m.group(group)
    if _owner(word):
        return True
    if text.isupper():
        return False
    if word in _TASK_INITIALS:
        return _TASK_AFTER.match(text, m.end(group)) is not None
    if word not in _INTERJECTION_INITIALS | _WORD_INITIALS:
        return False
    if word in _INTERJECTION_INITIALS:
        return True
    after = _WORD_OWNER_AFTER.match(text, m.end(group))
    return after is not None and (word != "OK" or after.group().lstrip().startswith("("))
#: The number of a list's item, or "Action", right before its owner ("3. ", "(2) ", "Action:").
_ITEM_NUMBER = re.compile(r"(?:\b\d{1,2}[.)]|\(\d{1,2}\)|(?i:\baction\s*:?))\s*$")


def _imperative_owned(m: re.Match[str], text: str) -> bool:
    """Whether an :data:`_ACTION_OWNER` match is no imperative, or an imperative after its
    item's number or "Action" ("3. Joy complete the form"; "Nice visit" is none)."""
    return m.group("imp") is None or \
        _ITEM_NUMBER.search(text, max(0, m.start() - 12), m.start()) is not None


#: Two capitals owning an item of an action list ("Action: DP housing priority; LC
#: sanctuary"). Read only in :data:`_ACTION_TEXT`.
_ACTION_ITEM = re.compile(r"(?:(?<=[:;]\s)|(?i:(?<=\baction\s)))(?P<id>[A-Z]{2})"
                          r"(?=\s+[a-z]{3,}\b)")
#: Verbs that are also stop words, which an action may open with ("to call", "to see").
_ACTION_STOP_VERBS = frozenset("call do get give go keep make move put see show take".split())
#: Two capitals that own no action as a person: roles and agencies ("GP to refer", "YP to
#: attend", "SW to visit", "LA to fund", a responsible clinician: "RC needs to listen"), police
#: ranks and e-mail prefixes ("FW:", "RE:"), beside the abbreviations and generic words.
NOT_OWNER = frozenset("sw yp su ot hv la cc pa dv uk eu pe hr pc dc ds di mp ae ed er fw re ps"
                       " rc ac".split())
#: Attendees listed after a heading ("Present: RB, TT, Cllr Dunne", "Apologies: Grace
#: (education)"), up to the end of the sentence (not the full stop of an initial, "Dr A.
#: Kowalczyk").
_ATTENDEES = re.compile(r"(?i:\b(?:present|in\s+attendance|attendees|attending|apologies|"
                        r"participants|invitees)\s*:\s*|\b(?:attended|chaired)\s+by:?\s+|"
                        # without a colon where a note opens: "meeting: present Faith, Dan."
                        r"(?:^|(?<=[:.;]\s)|(?<=\n))(?:present|apologies)\s+(?=(?-i:[A-Z])))"
                        r"(?P<list>(?:[^.\n]|(?<=\b[A-Z])\.|(?<=\b(?:Dr|Mr|Ms|St))\.)+)")
#: An agency heading a line of minutes: "CSC:", "Probation:", "Chair:".
_AGENCY_HEAD = re.compile(r"(?<![\w'’])(?:[A-Z]{2,5}|(?i:chair|health|education|probation|"
                          r"housing|police|school|social\s+care|children['’]s\s+services))"
                          r"\s*:\s*")
#: A person after their agency in minutes that list them so, two headings or more: "CSC:
#: Ivy.", "Probation: LB." (the name alone before a stop; "Health: apologies" is no one).
_AGENCY_COLON = re.compile(_AGENCY_HEAD.pattern +
                           r"(?P<id>[A-Z][a-z]+|[A-Z]{2})(?=\s*(?:[.;]|$))")
#: A first name after a post and a comma, ending the clause: "by the victim liaison officer,
#: Jan." (not a list going on: "the officer, Grace and Will").
_POST_COMMA_NAME = re.compile(r"(?i:\b(?:officer|worker|isva|idva|nurse|manager|counsellor|"
                              r"advocate|coordinator|co-ordinator|lead|mentor|therapist))\s*,\s*"
                              r"(?P<id>[A-Z][a-z]+)(?=\s*(?:[.;!)]|$))")
#: One of a list of people with their service or role in brackets: "Rose (EDT)", "Sam Ng
#: (police)", "AD (school nurse)".
_BRACKET_ITEM = re.compile(r"(?<![\w'’])(?P<id>[A-Z][a-z]+(?:\s+[A-Z][\w'’-]+){0,2}|[A-Z]{2})"
                           r"\s*\([^()\n]{1,40}\)")
#: A title and one capital letter standing for a person: "my form tutor mr P", "mrs A. the
#: school" (not "I"; not a brand's "&").
_TITLE_LETTER = re.compile(r"(?i:\b(?:mr|mrs|ms|miss|mx|sir)\.?\s+)(?P<id>(?!I\b)[A-Z])\b"
                           r"(?![&'’]|\.\w)")
#: A first name closing a letter or an e-mail after its closing words, at the text's end:
#: "Thanks, Will", "Regards, May", "Best, Will" (a modal-spelt name too: the slot says so).
_CLOSING_NAME = re.compile(r"(?i:\b(?:thanks|thank\s+you|regards|best(?:\s+wishes)?|cheers|"
                           r"speak\s+soon|take\s+care|sincerely))\s*[,/\n]\s*"
                           r"(?P<id>[A-Z][a-z]+)\s*(?:x+\s*)?[.!]?\s*$")
#: A message's opening: a greeting, thanks or a pasted header ("Hi both,", "Thanks Reed.",
#: "From: ...", "Fwd: ...").
_MESSAGE_OPEN = re.compile(r"\s*(?i:(?:fwd?|fw|re|from|to|subject|sent)\s*:|dear\s|hi+\b|hiya\b|"
                           r"hello\b|hey\b|(?:good\s+)?(?:morning|afternoon|evening)\b|thanks\b|"
                           r"thank\s+you\b|cheers\b)")
#: A first name alone closing a message, after its last sentence or "ta,": "... on Teams.
#: Dawn", "Can we go on his list? Ta, Will" (checked in :meth:`NameSlotRecognizer.
#: _correspondence`: the text opens as a message and the word is a first name, a modal-spelt
#: one too).
_MESSAGE_SIGNED = re.compile(r"(?:(?<=[.!?]\s)|(?<=[.!?]\s\s)|(?<=\n)|(?i:(?<=\bta,\s)|"
                             r"(?<=\bta\s)))(?P<id>[A-Z][a-z]+)\s*(?:x+\s*)?[.!]?\s*$")
#: A first name greeted where a letter or note opens: "Dear Will,", "Hi Summer /".
_GREETED_NAME = re.compile(r"(?:^|(?<=\n)|(?<=/\s)|(?<=[.:]\s))(?i:dear|hi|hello|hiya)\s+"
                           r"(?P<id>[A-Z][a-z]+)(?=\s*(?:,|/|\n|$))")
#: A first name copied into an e-mail or a note: "cc Hope (school nurse)", "CC: Will, Dawn".
_CC_NAME = re.compile(r"(?<![\w'’])(?i:cc)\s*:?\s+(?P<id>[A-Z][a-z]+)(?=\s*(?:[,;.(/]|$|\n|"
                      r"\s(?i:and)\s))")
#: Who the writer says they are after a greeting, in any case: "hi im faith", "Hi, I'm Joy."
_SELF_INTRO = re.compile(rf"(?i:\b(?:hi|hiya|hello|hey)[,!.]?\s+(?:it['’]?s|its|i['’]?m|im|"
                         rf"i\s+am|this\s+is)\s+)(?P<id>{_W})\b(?![-'’])")
#: Names on a rota, a weekday each: "Mon Faith, Tue Will", "mon dawn, tues rich" (two or more;
#: checked in detect).
_ROTA = re.compile(r"(?<![\w'’])(?i:Mon|Tue|Tues|Wed|Weds|Thu|Thur|Thurs|Fri|Sat|Sun)(?i:day)?"
                   r"\.?\s+(?P<id>[A-Za-z][a-z]+)\b(?=\s*(?:[,;.]|$|\n|and\s))")
#: A name or initials in brackets after a role or an agency: "ISVA (Summer)", "Housing (GH)".
_ROLE_BRACKET = re.compile(r"(?P<role>[A-Za-z]+)\s*\((?P<id>[A-Z][a-z]+|[A-Z]{2,3})\)")
_AGENCIES = frozenset("housing police school education health probation council college "
                      "social care".split())
#: Dotted initials a note is about: "referral for J.R.", "re: K.M.".
_DOTTED_INITIALS = re.compile(r"(?i:\b(?:for|re|client|victim|about|regarding)\s*:?\s+)"
                              r"(?P<id>(?-i:[A-Z])\.\s?(?-i:[A-Z])\.?)(?!\w)")
#: Two dotted capitals standing alone, anywhere: "A.B. now at Cedars", "staff member D.O.
#: raised", "Lily (L.M.)" (checked in :meth:`NameSlotRecognizer._correspondence`: not a
#: dotted abbreviation, :data:`_DOTTED_PAIRS`, unless an age in brackets follows: "M.A. (16)").
_DOTTED_PAIR = re.compile(r"(?<![\w.&])(?P<id>[A-Z]\.[A-Z]\.)(?![\w&]|\s?[A-Z]\.|\s*&)")
#: One dotted capital standing for a person before what they do, a comma or an owner's "'s":
#: "One of mine, K., has", "When T. disclosed", "R.'s call", "D. from Bangor rang" (not "A",
#: "I", nor a label's letter, :data:`THING_BEFORE`: "plan B. was agreed").
_DOTTED_ONE = re.compile(r"(?<![\w.&])(?P<id>[B-HJ-Z]\.)(?=,\s|['’]s\b|\s+(?:from|gave|"
                         r"disclosed|has|had|was|is|rang|said|got|told|wants|went|came|called|"
                         r"asked|needs|moved|attended|declined|raised|to\s+[a-z]+)\b)")
#: After two dotted capitals, what a person does: it overrules the abbreviation list ("A.M. to
#: ask the PA", "L.D. got her award"), unless a figure stands before them ("at 9 A.M. to").
_PAIR_DOES = re.compile(r"\s+(?:to\s+[a-z]+|has|had|is|was|got|said|rang|declined|attended|"
                        r"raised|moved|disclosed|gave|wants|asked)\b")
#: An officer's surname in brackets after their rank and collar number: "PC 2741 (Keys)",
#: "DC 3906 (Maguire)".
_COLLAR_NAME = re.compile(r"(?<![\w'’])(?i:pc|dc|ds|di|dci|sgt|ps|insp)\s*\d{2,5}\s*"
                          r"\((?P<id>[A-Z][a-z]+(?:[-'’][A-Z][a-z]+)?)\)")
#: Two-letter abbreviations written with dots that are no one's initials.
_DOTTED_PAIRS = frozenset("""
uk us eu gb ni nz gp ps pm am ba ma mp dj tv pe re it qc kc jp ok nb ad bc vc dc pc ds di wc
rn ae ed cv id hr pa md ms me ot dr sw aa na dv sv cp ld fe he uc po ss iv ct rs rip ie eg
ac ep lp cd bt bp st mr gcse pt
""".split())
#: One capital standing for a person before their age or date of birth in brackets: "Re W
#: (12) - school have", "take V (DOB 14/02/2011)", "V (3) and U (5)" (not "A", "I" or a mask's
#: "X"; not a label's letter, :data:`THING_BEFORE`: "plan B (2)", "room F (12)").
_LETTER_AGE = re.compile(r"(?<![\w'’.&/-])(?P<id>[B-HJ-WYZ])\s*\(\s*(?:[mf]\s*,\s*)?(?:\d{1,2}\s*"
                         r"(?:[,)&]|(?:yrs?|years?|y/?o|months?|mths?)\b)|(?i:dob|d\.o\.b)\b)")
#: One capital and a kiss closing a message: "... last week. R x".
_LETTER_KISS = re.compile(r"(?:(?<=[.!?]\s)|(?<=\n))(?P<id>(?!I\b)[A-Z])\s+x+\s*$")
#: A contact form's name field before the next field: "name jake t email ...".
_NAME_FIELD = re.compile(r"(?i:\bname\s*[:=-]?\s+)(?P<id>[a-z]+(?:\s+[a-z](?![\w'’]))?)"
                         r"(?=\s+(?i:e-?mail|phone|tel|mobile|dob|address|message|age)\b)")
#: A speaker's name opening a turn of a pasted chat log, after the turn's clock time or
#: bracket: "21:15 Summer: that's ok", "[14:02] sam: hi" (the writer's own "me:" is no name).
_CHAT_SPEAKER = re.compile(r"(?:(?<=\d:\d\d\s)|(?<=\d:\d\d\]\s))(?P<id>[A-Za-z][a-z]+)\s*:|"
                           r"(?:^|(?<=\n)|(?<=/\s)|(?<=:\s))(?P<quoted>[A-Z][a-z]+):\s*[\"“]")
#: A helpline agent's name after the word for them, as a log writes it: "Agent: Joy - Hello",
#: "volunteer: Sam: hi".
_AGENT_NAME = re.compile(r"(?i:\b(?:agent|volunteer|adviser|advisor|operator|helper)\s*:\s*)"
                         r"(?P<id>[A-Z][a-z]+)(?=\s*[-–:])")
#: Who a message thanks, with a kiss or text-speak after: "ty for tonight grace x", "ok ty
#: june x", "cheers Will ur a star" (a capitalised name-word needs no kiss).
_THANKED_NAME = re.compile(r"(?i:\b(?:ty|thx|ta|thanks|thank\s+you|cheers)"
                           r"(?:\s+for\s+(?:[a-z'’]+\s+){0,3}?[a-z'’]+)?\s+)"
                           r"(?P<id>[A-Za-z][a-z]+)(?=\s+x+\b|\s+(?:ur|you['’]?re|youre)\b)")
#: One or two lower-case letters the writer gives as who they are: "hi im d.", "hi its jb here"
#: (not text-speak: "hi im k." is "okay", :data:`_TEXT_SPEAK_LETTERS`).
_SELF_LETTERS = re.compile(r"(?i:\b(?:hi|hiya|hello|hey)[,!.]?\s+(?:i['’]?m|im|i\s+am|its|"
                           r"it['’]s)\s+)(?P<id>[a-z]{1,2})(?=\s*[.,!]|\s+(?:here|x+)\b)")
#: A pupil's first name or initials before their school year in brackets, as school notes
#: write it: "Noah (Y5) told", "KL (Y10)", "Holly-Ann (Year 9)".
_SCHOOL_YEAR_NAME = re.compile(r"(?<![\w'’])(?P<id>[A-Z][a-z]+(?:-[A-Z][a-z]+)?|[A-Z]{1,3}|"
                               r"[A-Z]\.\s?[A-Z]\.?)\s*" + SCHOOL_YEAR_BRACKET)
#: A form's field for a person, before their first name or initials: "Pupil: S.K.,", "Known
#: as: JB.", "Key person: Jade." (the name field itself is :data:`_NAME_FIELD`).
_PERSON_FIELD = re.compile(r"(?i:\b(?:pupil|student|learner|child|young\s+person|yp|known\s+as|"
                           r"key\s+person|key\s+worker|preferred\s+name)\s*:\s*)"
                           r"(?P<id>[A-Z][a-z]+(?:-[A-Z][a-z]+)?|[A-Z]{2,3}|[A-Z]\.\s?[A-Z]\.?)"
                           r"(?=\s*(?:[,.;(]|$|\n))")
#: A client, patient or resident named by a letter or dotted initials, as a worker writes to keep
#: them unnamed: "my client J (not her real initial) has", "one client, M, who", "Resident
#: D.M. very unsettled" (the letter is often the real one, and in a small service enough).
_CLIENT_LETTER = re.compile(
    r"(?i:\b(?:client|patient|resident|service\s+user|young\s+person|yp|survivor|victim|"
    r"complainant|tenant|child|student|pupil|learner)\s*,?\s+)"
    r"(?P<id>[A-Z](?:\.\s?[A-Z]\.?)?)(?![\w&-])(?!['’](?!s\b))(?!\s+(?i:diff)\b)")
#: ... where the letter is "A", which is also the article, only before a comma or bracket or
#: a verb of what a client did ("client A has", not "the patient A lot"): read at its end.
_CLIENT_A_AFTER = re.compile(
    r"\s*[,(;:]|\.?\s+(?i:who|said|says|told|tells|was|is|has|had|disclosed|reported|very|"
    r"became|felt|used|uses|communicated|communicates|asked|wanted|did|does|works|"
    r"worked|lives|lived|attends|attended|needs|wants)\b")
#: Several clients named by letters in one list: "Clients F, G and U informed".
_CLIENT_LETTERS = re.compile(
    r"(?i:\b(?:clients|patients|residents|service\s+users|young\s+people|survivors|"
    r"victims|children)\s+)"
    r"(?P<list>[A-Z](?:\s*,\s*[A-Z])*\s*,?\s+(?:and|&)\s+[A-Z])(?![\w'’&-])")
#: Several people named by letters in one list, without "clients" before them, where a worker
#: covers, meets or writes about them or the list opens a clause before what they did:
#: "covering F and G", "for J, K and S", "re K and L", "contact A or B", "P, R and W have all
#: asked", "Of those I saw, A, C and F were" (a list of two opening a clause needs a verb no
#: plan or grade has after it; "A" only in a longer list, never "I").
_NOTE_LETTERS = re.compile(
    r"(?:(?P<verb>(?i:\b(?:covering|cover|supporting|seeing|saw|seen|met|visited|visiting|"
    r"contacted|rang|phoned|called|visit|see|contact|refer|noted|confirmed|that|for|re|with|about|"
    r"regarding|between|concerns\s+(?:for|about|re))))\s+|(?:^|(?<=\n)|(?<=[.;:!?,]\s)))"
    r"(?P<list>[A-HJ-WYZ](?:\s*,\s*[A-HJ-WYZ])*\s*,?\s+(?:and|&|or)\s+[A-HJ-WYZ])"
    r"(?![\w'’&/+-])(?!\.\w)"
    r"(?P<next>\s+(?i:have\s+all|have\s+both|were\s+all|were\s+both|are\s+all|are\s+both|"
    r"all\s+(?:asked|said|told|wanted|disclosed|reported|attended)|both\s+(?:asked|said|told|"
    r"wanted|disclosed|reported|attended)|asked|said|told|disclosed|reported|attended|"
    r"would|will|have|had|are|were|now|remain|seen|made\s+subject|all\s+seen|both\s+seen)\b)?",
    re.MULTILINE)
#: Two capitals before their post or agency in brackets, as minutes and chronologies write a
#: professional: "HM (DSL) to MASH", "SO (Health)", "CA (SW) spoke" (capitals that spell a
#: word too: "ME (health visitor)"); not an abbreviation spelt out ("ED (Emergency Department)").
_INITIALS_POST = re.compile(r"(?<![\w'’&/-])(?P<id>[A-Z]{2})\s*\((?P<post>[A-Za-z][^()\n]{1,40})\)")
#: What :data:`NOT_OWNER` holds that is a post, an agency or a rank (not "ed", "ae", "er",
#: "re", "ps", "fw", words and prefixes): before a post in brackets the others are someone's
#: ("ED (Education)").
_POST_CAPITALS = NOT_OWNER - frozenset("ed ae er re ps fw".split())
#: Posts and agencies such a bracket opens with, beside the role words of the lexicon.
_POST_WORDS = frozenset("chair chairing minutes iro fca cafcass probation school college "
                        "education health housing police pastoral lado mash sarc yot ycs "
                        "nursery council".split())
#: A relative's letter or initials in brackets, as case notes keep a family unnamed: "mum (K)",
#: "dad (R.H.)", "V's children (R 9, S 5)", "sister (P, 6)", "ex partner (J.W.)".
_FAMILY = (r"mum|mam|mom|mother|dad|father|step-?dad|step-?mum|stepfather|stepmother|nan|nana|"
           r"nanna|gran|granny|grandma|grandmother|grandad|grandpa|grandfather|aunt|auntie|aunty|"
           r"uncle|brother|sister|cousin|partner|boyfriend|girlfriend|husband|wife|son|daughter")
_KIN_BRACKET = re.compile(r"\((?P<list>[^()\n]{1,40})\)")
#: ... found from the bracket (brackets are rare, words many), the relative's word before it.
_KIN_BEFORE = re.compile(rf"(?i:\b(?:{_FAMILY}|children|kids|carer))\s*$")
#: A letter or initials in such a bracket, before its end, a comma or an age ("R 9").
_KIN_ITEM = re.compile(r"(?:^|(?<=,\s)|(?<=,))\s*(?P<id>[A-Z](?:\.\s?[A-Z]\.?)*|[A-Z]{2})"
                       r"(?=\s*(?:,|$)|\s+\d{1,2}\b)")
#: A letter with what they are to someone in brackets after it: "D (ex)", "K (mum)".
_LETTER_KIN = re.compile(rf"\s*\(\s*(?i:{_FAMILY}|ex|ex[- ]partner|known\s+as|aka)\b")
#: A date opening a line of a chronology or a note ("14/07/26", "Nov 4", "Wed 10/12:", "9th
#: October 2026:", "2026-09-21"), before the person the line is about.
_DATE_OPENING = (rf"(?:^|(?<=\n)|(?<=[.;:]\s)|(?<=[.;:]\s\s))"
                 rf"(?:(?:Mon|Tue|Tues|Wed|Weds|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day)?\.?\s+)?"
                 rf"(?:\d{{1,2}}[/.-]\d{{1,2}}(?:[/.-](?:\d{{4}}|\d{{2}}))?|"
                 rf"\d{{4}}-\d{{2}}-\d{{2}}|"
                 rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTHS})\.?(?:\s+\d{{4}})?|"
                 rf"(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?)"
                 r"\s*[:,–-]?\s+")
#: ... and the letter or two capitals the line opens with, before what they did or had done
#: ("14/07/26 V reports", "Nov 4 Y and Z seen", "01/12 AK spoke", "03/12 HW to V"; not "C
#: section", "E coli").
_DATED_SUBJECT = re.compile(
    _DATE_OPENING + r"(?P<id>[B-HJ-WYZ]|[A-Z]{2})(?![\w&/+-])(?!\.\w)"
    rf"(?=\s+(?:(?:{_INITIAL_DOES}|met|saw|spoke|rang|went|found|took|left|gave|sent)\b|"
    r"to\s+[A-Za-z]|not\b|and\s+[B-HJ-WYZ]\b|"
    r"(?!(?:sections?|cells?|coli|numbers?|grades?|vitamins?|blocks?)\b)[a-z]{3,}(?:ed|s)\b)|"
    r"['’]s\s|\s*\()", re.MULTILINE)
#: The defendant in a criminal case's name, as court notes write it: "the trial of R v Hollings",
#: "R. v. Okafor-Reid listed for Monday".
_CASE_NAME = re.compile(r"\bR\.?\s+v\.?\s+(?P<id>[A-Z][a-z]+(?:[-'’][A-Z][a-z]+)?)\b")
#: A title typed onto the word before it, then a name: "saw aDr May", "thanksDr Lee".
_GLUED_TITLE = re.compile(r"(?<=[a-z])(?:Dr|Mr|Mrs|Ms)\.?\s+(?P<id>[A-Z][a-z]+)\b")
#: What stands between two items of one list: a comma, a semicolon or "and".
_LIST_GAP = re.compile(r"\s*(?:[,;]|\s(?i:and))\s*")
#: A second capitalised name and a comma after a greeted one: "Hi Will and Mark,".
_AND_NAME_COMMA = re.compile(r"\s+(?:and|&)\s+[A-Z][a-z]+,")
#: Where a note or a sentence opens: the start, a line's start, or after ":", "." or ";".
_OPENS_NOTE = re.compile(r"(?:^|\n|[:.;]\s)$")
#: ... or a sentence opens, after "!" or "?" too (read as :data:`_OPENS_NOTE` is).
_OPENS_SENTENCE = re.compile(r"(?:^|\n|[:.;!?]\s)$")
#: ... and before their age in brackets ("RB (45) attended", "SO (m, 52) referred"), found from
#: the bracket (a bracket is rare, capitals many).
_AGE_BRACKET = re.compile(r"\(\s*(?:[mfMF]\s*,\s*)?\d{1,2}\s*[,)]")
_INITIALS_BEFORE = re.compile(r"(?<![\w'’])(?P<id4>[A-Z]{2,4})\s*$")
#: Who someone is to the writer, beside :data:`_REL`: "my youngest", "my little girl", "my
#: sponsor", "my ex's cousin", "my twin girls".
_KIN = (rf"(?:[a-z]+(?:['’]s|s)\s+){{0,2}}(?:(?:little|baby|youngest|eldest|oldest|middle|twin|new|"
        rf"old|lovely|best|big|wee|step|care|peer|recovery|aa|na)\s+){{0,2}}"
        rf"(?:{_REL}|youngest|eldest|oldest|baby|twins?|girls?|boys?|kids?|sponsor|fella|"
        rf"feller|fellah|bloke|other\s+half|"
        rf"coordinator|co-ordinator|rock|fiance|fiancée|mum|mam|ex)s?")
#: The verb a person who heads a clause goes on to do: "the nurse there, beatrice, was",
#: "sienna has been", "kit rang".
_SUBJECT_VERB = (r"(?:(?:never|always|just|really|still|also|even|only|both|all|has\s+always|"
                 r"has\s+never)\s+)?(?:is|was|has|had|have|are|were|will|would|could|can|"
                 r"cant|can't|can’t|wont|won't|won’t|didnt|didn't|didn’t|came|went|did|does|got|"
                 r"gets|gave|gives|drove|drives|took|takes|made|makes|kept|keeps|sat|stood|held|"
                 r"paid|pays|bought|sent|found|put|brought|taught|fought|met|left|used|"
                 r"let|said|says|told|tells|helped|helps|rang|rings|runs|ran|[a-z]{3,}ed)\b")
#: Words that open a sentence before "my" and a relation yet name no one: interjections and
#: months ("Bless my friend ...", "Um my sister ...", "January my manager ...").
_NOT_HEAD = frozenset("""bless um erm er ah oh well yes no ok okay thanks sorry honestly
anyway so and but january february march april may june july august september october
november december""".split()) - {"may", "june", "april", "august"}
#: A first name heading its clause before who they are to the writer, then a verb or a stop:
#: "rowan my eldest is 12", "and frankie my sponsor."; or, opening a sentence, with no verb
#: after it: "June my counsellor knew", "fern my key worker at the leaving care team in Leeds
#: got my files" (a wish, "hope my mum is ok", is left out by the verb-like check; an
#: interjection or a month by :data:`_NOT_HEAD`).
_HEAD_APPOSITION = re.compile(rf"(?<![\w'’])(?P<id>{_W}),?\s+(?i:(?:my|our)\s+"
                              # one more word may stand before the role: "our volunteer
                              # coordinator"
                              rf"(?:[a-z]+\s+)?{_KIN})(?![\w'’-])"
                              rf"(?P<tail>(?:\s+(?i:at|from|in)\s+[\w'’&-]+"
                              rf"(?:\s+[\w'’&-]+){{0,3}}?)?"
                              rf"(?:,?\s+(?i:{_SUBJECT_VERB}|fought|stood|stuck|believed|listened)|"
                              rf"\s*(?=[.!?;(]|,\s|$)))?",
                              re.MULTILINE)
#: A person's name set off by commas after a word for a person and where they were: "the
#: nurse at the walk in, bryony, sat with me", "one of my clients, faye, runs".
_PERSON_NOUN = (rf"(?:{_REL}|woman|women|lady|ladies|man|men|guy|girl|boy|bloke|fella|chap|"
                rf"person|volunteer|copper|client|patient|colleague|member|receptionist|"
                rf"staff|worker|one)s?")
_COMMA_APPOSITION = re.compile(rf"(?i:\b(?:the|a|an|one\s+of\s+(?:my|our|the|his|her|their))\s+"
                               rf"(?:[a-z'’-]+\s+){{0,2}}?{_PERSON_NOUN})\b"
                               rf"(?:\s+[\w'’-]+){{0,6}}?,\s*(?P<id>{_W})(?:\s+(?P<sur>{_W}))?\s*,")
#: A name after a family title, in any case: "nanna june", "uncle stan", "auntie bev".
_KIN_TITLE = re.compile(rf"(?i:\b(?:auntie|aunty|aunt|uncle|nan|nana|nanna|nanny|gran|granny|"
                        rf"grandad|granda|grandpa|grandma|cousin|bro|sis)\s+)(?P<id>{_W})\b")
#: A parent's title then a first name heading a clause: "dad ted passed away", "mum jean came"
#: (the clause start is checked where it matches, as for :data:`_CLAUSE_CHECKED`).
_PARENT_TITLE = re.compile(rf"(?<![\w'’])(?i:dad|mum|mam|mom|step-?dad|step-?mum)\s+"
                           rf"(?P<id>{_W})(?=\s+(?i:{_SUBJECT_VERB}|passed|died))", re.MULTILINE)
#: Names listed before a shared action: "ailsa hope and will all helped", "eilidh, ruby and
#: iris both came". Items are one word each, joined by a comma, a space or "and".
_ACTION = (rf"(?:(?:all|both)\s+)?(?i:{_SAY}|ran|run|runs|were|came|did|took|sat|made|kept|"
           rf"supported|went|stayed|visited|looked\s+after|stood\s+by)\b")
_LIST = re.compile(rf"(?<![\w'’]){_CLAUSE}(?i:(?:and\s+then|then|so|and|but|when)\s+)?"
                   rf"(?P<list>{_W}(?:(?:\s*,\s*|\s+){_W}){{0,3}}"
                   rf"(?:\s*,)?\s+(?:and|&|n)\s+{_W})(?=\s+{_ACTION}|(?P<dash>\s*[-–:]\s*(?i:the|my|our)\s+"
                   rf"(?:[a-z]+\s+){{0,3}}{_REL}s\b))", re.MULTILINE)


def _list_names(items: list[str]) -> bool:
    """Whether every listed word may be a name and one of them is a first name that is no
    everyday word ("ailsa"): two name-words alone ("faith and hope") stay words."""
    from survey.anonymise.lexicon import is_dictionary_word, is_name_word

    first = _first_names()
    anchor = any(w.title() in first and not is_name_word(w.lower()) and
                 not is_dictionary_word(w.lower()) for w in items)
    return anchor and all(is_name_word(w.lower()) or _candidate(w, open_slot=False)
                          for w in items)


#: What two people do together, after "X and i": a name-word there is a person ("faith and i
#: started the group"), where "hope and i" otherwise reads as a noun.
_TWO_WORKED = re.compile(r"\s+(?i:and|n|&)\s+[iI]\s+(?:set\s+up|started|co-?run|ran|run|"
                         r"co-?founded|founded|work(?:ed)?\s+(?:together|at|on|in)|met|trained|"
                         r"visited|attended|delivered|presented|chaired|co-?chaired)\b")
#: Where a person works, after a name-word ("faith at the centre", "hope from the sarc").
_AT_PLACE = re.compile(r"\s+(?i:at|from|on)\s+(?:the|my|our)?\s*\w")


#: Above this frequency a first name that is also a word ("far", "love", "good", "born") is
#: the word even in a person's slot; below it ("precious", "pearl") the slot decides.
_NAME_WORD_MAX = 60000
#: Slots where a modal or month that is also a name ("will", "may") cannot be the verb: a
#: person placed at a service or on duty, or introduced by name ("my dad will" is a verb).
_STRONG = frozenset({"at_service", "on_duty", "in_company", "called", "bracket_role"})
_MODAL_NAMES = frozenset({"will", "may"})
#: Finite verbs after "will my partner": the modal reading needs a bare verb ("be", "go").
_FINITE = ("is", "was", "has", "had", "are", "were", "does", "did")


def _too_frequent(word: str) -> bool:
    """A name-word as frequent as an everyday noun ("art", "king", "star"): a weak slot does
    not make it a name."""
    from survey.anonymise.lexicon import VERY_COMMON, word_frequency

    return word_frequency().get(word.lower(), 0) >= VERY_COMMON


def _initials(word: str) -> bool:
    """Two letters that stand for a person's initials ("dj", "JB"): no vowel between them,
    or both capitals."""
    return len(word) == 2 and word.isalpha() and (word.isupper() or
                                                  not set(word.lower()) & set("aeiouy"))


def _role(word: str) -> bool:
    from spacy.lang.en.stop_words import STOP_WORDS

    from survey.anonymise.lexicon import is_role_or_generic

    return word.lower() in STOP_WORDS or is_role_or_generic(word.lower())


def _plural_relation(phrase: str) -> bool:
    """Whether a relation phrase ends in a plural ("my cousins", "our nurses")."""
    last = phrase.rstrip(" ,(").split()[-1].lower()
    return last.endswith("s") and re.fullmatch(_KIN, last[:-1], re.IGNORECASE) is not None


_REL_WORD = re.compile(_REL, re.IGNORECASE)


def is_relation(word: str) -> bool:
    """Whether ``word`` is a relation or a person's role in :data:`_REL` ("sister", "lad",
    "interpreter", "pc")."""
    return _REL_WORD.fullmatch(word) is not None


def name_heads_clause(text: str, start: int, word: str) -> bool:
    """Whether ``word`` at ``start`` opens a clause and may be a person's name there: a known
    first name no more frequent than a name-word ("fern", "ruby", "gwion"), not an abstract
    noun or a modal ("hope", "will"), a role or a function word."""
    from survey.anonymise.lexicon import word_frequency

    low = word.lower()
    if not _CLAUSE_AT.match(text, start) or low in _NEVER or low in _ABSTRACT or \
            low in _VERB_LIKE or _role(word):
        return False
    return word.title() in _first_names() and word_frequency().get(low, 0) < _NAME_WORD_MAX


#: Dotted abbreviations that are no one's initials ("p.s. my mum says hi").
_DOTTED_WORDS = frozenset({"p.s.", "p.p.s.", "i.e.", "e.g.", "n.b.", "a.k.a.", "a.m.", "p.m.",
                           "b.c.", "a.d.", "r.i.p.", "v.s."})


def _surname_like(word: str) -> bool:
    """A word after a first name that reads as a surname: a known surname that is no everyday
    word ("hendry"), or a word no list or dictionary holds ("ormerod")."""
    from survey.anonymise.lexicon import is_dictionary_word, near_dictionary_word, word_frequency
    from survey.anonymise.recognizers.gazetteer import load_names

    low = word.lower()
    if len(low) < 3 or _role(low) or is_dictionary_word(low) or low in _NEVER:
        return False
    if load_names("surname").get(low.title()) is False:
        return True
    return word_frequency().get(low, 0) == 0 and not near_dictionary_word(low)


def _first_names() -> dict[str, bool]:
    from survey.anonymise.recognizers.gazetteer import load_names

    return load_names("first")


class NameSlotRecognizer(Recognizer):
    """Names by slot, in any case (see the module docstring)."""

    name = "names.slot.v1"
    entities = ("PERSON",)
    PATTERNS: ClassVar[tuple[tuple[str, re.Pattern[str], bool], ...]] = (
        # "me and ruby", "me n jack", "me & tegwyn", "ruby and me"
        ("me_and", re.compile(rf"(?i:\bme\s+(?:and|an|n|&|\+)\s+)(?P<id>{_W})\b"), True),
        ("and_me", re.compile(rf"(?<![\w'’])(?P<id>{_W})(?=\s+(?i:and|n|&|or)\s+(?i:me)\b)"),
         True),
        # a second name after the writer's first: "me and bex and jonno" (nicknames in no list)
        ("me_and_and", re.compile(rf"(?i:\bme\s+(?:and|an|n|&)\s+{_W}\s+(?:and|n|&)\s+)"
                                  rf"(?P<id>{_W})\b"), True),
        # "me, ash and morgan set up": the first of the writer's list (the rest by coordination)
        ("me_list", re.compile(rf"(?i:\bme,\s+)(?P<id>{_W})(?=,?\s+(?i:and|n|&)\s+{_W})"),
         True),
        # a first name with its role in brackets, no space between: "Emma(physio)", "Jo(OT)"
        ("glued_role", re.compile(r"(?<![\w'’])(?P<id>[A-Z][a-z]+)\("
                                  r"(?=\s*[A-Za-z][A-Za-z .&-]{1,25}\))"), False),
        # a name after "the second one", "the new one": "the second one frank was much better"
        ("ordinal_one", re.compile(rf"(?i:\b(?:first|second|third|fourth|last|next|new|other|"
                                   rf"latest)\s+one,?\s+)(?P<id>{_W})(?=,?\s+(?i:was|is|were|"
                                   rf"has|had|did|said|never|always|really|just|actually|came|"
                                   rf"listened|helped)\b)"), False),
        # "blue is my nickname", "kez was her name"
        ("is_my_name", re.compile(rf"(?<![\w'’])(?P<id>{_W})(?=\s+(?i:is|was|['’]s)\s+"
                                  rf"(?i:my|her|his|their)\s+(?:nick\s*)?name\b|"
                                  # "pearl, that was my nans name too"
                                  rf",\s+(?i:that|which|it)\s+(?:is|was|['’]s)\s+"
                                  rf"(?i:my|her|his|their)\s+(?:[a-z]+(?:['’]s|s)\s+)?"
                                  rf"(?:nick\s*|middle\s+|first\s+)?name\b)"), True),
        # "jack and i went", "tegwyn and I sat": a person beside the writer (abstract words
        # such as "hope" are left out in detect)
        ("and_i", re.compile(rf"(?<![\w'’])(?P<id>{_W})(?=\s+(?i:and|n|&)\s+[iI]\s+"
                             rf"(?!(?i:am|think|hope|feel|guess|know)\b)[a-z]+)"), True),
        # "my sister daisy", "my isva lily", "our worker miles"
        # (one word may stand before the relation: "our helpline volunteer pete")
        ("relation", re.compile(rf"(?i:\b(?:my|our|her|his|their)\s+(?:[a-z]+(?:['’]s|s)\s+)?"
                                rf"(?:ex[\s-]+|old\s+)?(?:[a-z]+\s+)?{_KIN})"
                                rf"(?:,\s*|\s*\(\s*|\s+)(?:(?i:big|little|lil|wee|young|old)\s+)?"
                                rf"(?P<id>{_W})\b"), True),
        # someone introduced by name: "a lady called joy", "this worker named miles", "her
        # name was daisy"
        ("called", re.compile(rf"(?i:\b(?:(?:a|an|this|one|the|some)\s+(?:\w+\s+)?"
                              rf"(?:lady|woman|man|guy|girl|boy|bloke|fella|fellow|lad|chap|"
                              rf"person|volunteer|copper|teacher|{_REL})\s+(?:called|named|"
                              rf"calld|caled|by\s+the\s+name\s+of)|(?:my|our|her|his|their)\s+"
                              rf"(?:\w+\s+)?{_REL}\s+(?:was|is)\s+(?:called|named)|"
                              rf"(?:his|her|their|my|our)\s+(?:[a-z]+['’]?s\s+)?(?:nick\s*)?"
                              rf"name(?:\s+\w+){{0,3}}?"
                              rf"(?:\s+is|\s+was|['’]s)|(?:she|he)\s+was\s+"
                              rf"called|(?:i|we|she|he|they)\s+(?:go|goes|went)\s+by|known\s+as|"
                              rf"call\s+me|calls\s+me)\s+)(?P<id>{_W})\b"), True),
        # the same with words between the person and the name: "a worker at Bridges called
        # Will", "the officer who took my statement was called Will" (a clause, no stop)
        # (found from "called" or "named", the rarer words; the person before them is checked
        # in detect: :data:`_CALLED_PERSON_BEFORE`)
        ("called_after", re.compile(rf"(?i:\b(?:called|named)\s+)(?P<id>{_W})\b"), True),
        # a name and its role, without a verb: "pearl the volunteer in the waiting room",
        # "miles the counsellor made" (abstract words and modals are left out in detect)
        ("the_role", re.compile(rf"(?<![\w'’])(?P<id>{_W}),?\s+(?=(?i:the\s+(?:[a-z]+\s+){{0,3}}"
                                rf"{_REL})"
                                rf"\b(?![\w'’]))", re.MULTILINE), False),
        # a name whose role follows "was": "precious was my worker", "kim is our isva"
        ("was_my", re.compile(rf"(?<![\w'’])(?P<id>{_W})(?=\s+(?i:was|is|has\s+been|"
                              rf"became|were)\s+(?i:my|our|her|his|the)\s+(?:\w+\s+)?"
                              rf"(?i:{_REL})\b)",
                              re.MULTILINE), False),
        # a name and its role after "is a": "kit is a very approachable manager", "bea was
        # an amazing support worker" (up to two words between; a role's head must end it)
        ("is_a_role", re.compile(rf"(?<![\w'’])(?P<id>{_W})(?=\s+(?i:was|is|has\s+been)\s+"
                                 rf"(?i:a|an)\s+(?:[a-z]+\s+){{0,2}}{_REL}\b(?![\w'’-]))",
                                 re.MULTILINE), False),
        # a name and its bare role heading a clause, another name or a verb after it: "kit
        # mental health worker and bea were", "gail support worker rang"
        ("bare_role", re.compile(rf"(?<![\w'’])(?P<id>{_W})"
                                 rf"(?=\s+(?:(?!{_GLUE}\b)[a-z]+\s+){{0,2}}"
                                 rf"(?i:{_REL})\s+(?:and|&|who|was|is|were|rang|called|"
                                 rf"phoned|helped|said|came|listened|explained)\b)",
                                 re.MULTILINE), False),
        # a role then its holder's name: "the victim support volunteer des was", "the nurse
        # there, beatrice, i'll never forget"
        ("role_name", re.compile(rf"(?i:\bthe\s+(?:\w+\s+)?{_REL}(?:\s+there)?(?:,\s*|\s+)"
                                 rf"(?:(?:big|little|wee|lil)\s+)?)"
                                 rf"(?P<id>{_W})(?=\s*,|\s+(?i:who|{_SUBJECT_VERB})|"
                                 rf"\s+(?i:from|at)\s)"), True),
        # two names before the relation they share: "jack and lily my best mates came"
        # (also "ruby n daisy are my twins", "miles n hope my two best mates")
        ("pair_relation", re.compile(rf"(?<![\w'’])(?P<id>{_W})\s+(?:and|&|n)\s+(?P<id2>{_W})"
                                     rf",?\s+(?=(?i:(?:(?:are|r|were)\s+)?(?:my|our)\s+"
                                     rf"(?:\w+\s+){{0,2}}(?:{_REL}s?|twins|kids|girls|boys))\b)"),
         False),
        # a name's possessive before a relation: "marks wife heather", "jo's husband"
        ("possessive_relation", re.compile(r"(?<![\w'’])(?P<id>[a-zA-ZÀ-ÖØ-öø-ÿ][a-zà-ÿ]+?)"
                                           r"(?:['’]s|s)\s+"
                                           r"(?=(?i:wife|husband|partner|girlfriend|"
                                           r"boyfriend|mum|mam|dad|sister|brother|son|"
                                           r"daughter|kids|children|missus|fiance|fiancee)\b)"),
         False),
        # someone who did the same: "and so did priya", "and so was miles"
        ("so_did", re.compile(rf"(?i:\b(?:so|as)\s+(?:did|was|were|has|had|does|is)\s+)"
                              rf"(?P<id>{_W})(?=\s*(?:[.!,?)]|$|x+\b|\s+(?:too|and|but|"
                              rf"x+)\b))", re.MULTILINE), False),
        # a name set off before its role anywhere in the clause: "i still think of poppy, the
        # volunteer who made me tea" (the comma and "who/that/at/from" make it an apposition)
        ("the_role_who", re.compile(rf"(?<![\w'’])(?P<id>{_W}),\s+"
                                    rf"(?=(?i:the\s+(?:[a-z]+\s+){{0,2}}"
                                    rf"{_REL}\s+(?:who|that|at|from|on|in)\b))"), False),
        # "jack told me", "hunter said", at the start of a clause
        ("says", re.compile(rf"(?<![\w'’])(?P<id>{_W})"
                            rf"(?=\s+(?:(?i:there|here)\s+)?(?:(?i:always|never|really|just|"
                            rf"even|also|still|actually)\s+)?(?i:{_SAY}|{_PERSON_DID})\b)",
                            re.MULTILINE), False),
        # a piece of a name the data owner's mask left behind: "Dr PERSON velmaro", "Mr XXXX fi"
        # (a lower-case word no dictionary or name list holds, checked in detect)
        ("mask_leftover", re.compile(rf"\b(?:{OWNER_MASK_LABELS}|X{{3,}})\s+(?P<id>[a-z]+)"
                                     r"(?![\w'’-])"),
         True),
        # a name before the staff it is one of: "Fern one of the nurses", "jo, one of your
        # receptionists"
        ("one_of_the", re.compile(rf"(?<![\w'’])(?P<id>{_W}),?\s+(?=(?i:one\s+of\s+(?:the|your|"
                                  rf"our)\s+(?:[a-z]+\s+)?(?:nurses|doctors|gps|staff|carers|"
                                  rf"receptionists|volunteers|workers|counsellors|managers|"
                                  rf"midwives|therapists|physios|paramedics|team))\b)"), False),
        # a name addressed before thanks: "ruby, thank you", "daisy, you were a star"
        ("vocative_first", re.compile(rf"(?<![\w'’])(?P<id>{_W}),\s+"
                                      rf"(?=(?i:thank\s+(?:you|u)|"
                                      rf"thanks|cheers|ta|(?:you|u)\s+(?:are|were|r)|ur|"
                                      rf"you['’]?re)\b)", re.MULTILINE), False),
        # a note, or a sentence of a message, that opens by asking its reader by name: "Will,
        # can you send the stats", "Grace, please book the room", "May - can you pick up the
        # referral?" (a capital and a comma or a dash first; a known first name only, and no
        # greeting, checked in detect)
        ("vocative_ask", re.compile(r"(?:^|(?<=\n)|(?<=[.!?:]\s))(?P<id>[A-Z][a-z]+)"
                                    r"(?:,|\s+[-–])\s+"
                                    r"(?=(?i:(?:can|could|would|will|did|have|are)\s+(?:you|u)|"
                                    r"please|pls|when\s+you\s+get|"
                                    # ... or a note to a colleague: "Frank - as discussed",
                                    # "Pat - re T:", "Joy - client X has"
                                    r"as\s+(?:discussed|agreed|promised)|re:?|fyi|further\s+to|"
                                    r"following\s+(?:our|your|up)|thanks\s+for|quick\s+(?:one|"
                                    r"update|question|q)|just\s+to\s+let|client\s+\w)\b)",
                                    re.MULTILINE), False),
        # "daisy at rape crisis", "miles from the sarc"
        # (or on a named team's desk: "Brook on the HR team at head office was good")
        ("at_service", re.compile(rf"(?<![\w'’])(?P<id>{_W})"
                                  rf"(?=\s+(?i:at|from)\s+{_SERVICE}\b|\s+(?i:on)\s+(?i:the)\s+"
                                  rf"(?:[A-Za-z]+\s+){{0,2}}(?i:team|desk|helpline|switchboard)\b)",
                                  re.MULTILINE), False),
        # placed somewhere, then who they were to the writer: "hope at safe haven was my
        # worker" (the role makes even an abstract word a person)
        ("at_was_rel", re.compile(rf"(?<![\w'’])(?P<id>{_W})(?=\s+(?i:at|from)\s+"
                                  rf"(?:(?i:the)\s+)?[\w'’&-]+(?:\s+[\w'’&-]+){{0,3}}?\s+"
                                  rf"(?i:was|is|has\s+been|became)\s+(?:(?i:my|our)\s+(?:\w+\s+)?"
                                  rf"{_REL}\b|(?i:the\s+(?:only\s+)?(?:one|person|lady|woman|man|"
                                  rf"guy|bloke)\s+(?:who|that))\b))", re.MULTILINE), False),
        # placed at a named service and speaking, anywhere in a clause: "by the time ruby from
        # Safe Harbour rang", "until daisy at Open Door called me" (the capitals name the service)
        ("named_service_said", re.compile(rf"(?<![\w'’])(?P<id>{_W})(?=\s+(?i:at|from)\s+"
                                          rf"(?:the\s+)?[A-Z][\w&'’-]+(?:\s+[A-Z][\w&'’-]+){{0,3}}"
                                          rf"\s+(?i:{_SAY})\b)"), False),
        # where staff are: "but holly on reception made me a tea", "robin on nights"
        ("on_duty", re.compile(rf"(?<![\w'’])(?P<id>{_W})"
                               rf"(?=\s+(?i:on|at|from)\s+(?:the\s+)?"
                               rf"(?i:reception|front\s+desk|desk|nights|days|the\s+phone|"
                               rf"(?:night|day|late|early|weekend)\s+shifts?|shifts?|"
                               rf"phones|helpline|duty|triage|switchboard|a/l|annual\s+leave|"
                               rf"leave)(?![\w/])|"
                               # away or covering, as a team's notes say: "Iris off sick",
                               # "Will off until Mon", "Holly covering duty", "Rob back from
                               # leave"
                               rf"\s+(?i:off\s+(?:sick|ill|until|till|til|today|tomorrow)|"
                               rf"covering\s+(?:duty|the|her|his|for|calls|reception)|"
                               rf"back\s+from\s+(?:leave|holiday|a/l|sick|maternity))\b|"
                               rf"\s+(?i:in)\s+(?i:our|the)\s+(?:[a-z]+\s+){{0,2}}?"
                               rf"(?i:office|team)|"
                               # "precious on our team calls that the win"
                               rf"\s+(?i:on)\s+(?i:our|the|my)\s+team\b|"
                               # "opal behind the bar at the Swan": serving there
                               rf"\s+(?i:behind)\s+the\s+(?i:bar|counter|till|desk)\b)",
                               re.MULTILINE),
         False),
        # a person by the company they keep or the writer's memory of them: "rowan and her dad
        # drove me" (with their family, doing something for the writer), "ivy, i think her
        # name was" (a name half recalled); read like "on_duty"
        ("in_company", re.compile(rf"(?<![\w'’])(?P<id>{_W})"
                                  rf"(?=\s+(?i:and|&)\s+(?i:his|her|their)\s+(?i:mum|mam|dad|"
                                  rf"mother|father|husband|wife|partner|sister|brother|nan|gran|"
                                  rf"kids|son|daughter)\s+(?i:{_SAY}|{_PERSON_DID}|drove|took|"
                                  rf"came|picked|put|let|gave|brought)\b|"
                                  rf",?\s+(?i:i\s+think|i\s+believe|i\s+guess)\s+"
                                  rf"(?i:her|his|their)\s+name\s+(?i:was|is)\b)",
                                  re.MULTILINE),
         False),
        # listed with a capitalised name before a shared action: "Darren and rose ran the group"
        ("pair", re.compile(rf"(?<![\w'’])(?P<first>[A-Z][a-z]+)\s+(?:and|&)\s+(?P<id>{_W})"
                            rf"(?=\s+(?i:ran|run|runs|were|both|came|helped|did|sat|took|"
                            rf"listened|are|have|had|made|looked|kept)\b)"), False),
        # thanking, asking for or telling someone: "thank jess", "shout out to becky", "ask
        # for jo", "i told ruby", "texted daisy" (what one tells or texts is a person)
        ("thanks", re.compile(rf"(?i:\b(?:thank\s+(?:you|u)\s+to|thanks\s+to|thank|cheers\s+to|"
                              rf"shout\s*-?\s*outs?\s+to|ask\s+for|speak\s+to|spoke\s+to|"
                              rf"talk\s+to|talked\s+to|told|tell|texted|text|rang|rung|ring|"
                              rf"phoned|messaged|emailed|asked\s+for|asked)\s+)(?P<id>{_W})\b"), False),
        # a case passed to a worker (case-note shorthand): "allocated to kerensa", "handed over
        # to bryn" (a word no list holds counts: only a person is allocated a case)
        ("allocated", re.compile(rf"(?i:\b(?:allocated|reallocated|assigned|handed\s+over|"
                                 rf"passed\s+on|transferred|referred\s+back)\s+to\s+)"
                                 rf"(?P<id>{_W})\b(?!\s+(?i:team|service|the)\b)"), True),
        # a name in brackets after the person it names: "the guy who ran the gym (tony) noticed"
        ("bracket_name", re.compile(rf"(?i:\b(?:guy|man|woman|lady|bloke|fella|girl|boy|person|"
                                    rf"worker|officer|copper|nurse|doctor|teacher|counsellor|"
                                    rf"volunteer|coach|manager|boss)\b)[^()\n.!?]{{0,50}}\(\s*"
                                    rf"(?P<id>{_W})\s*\)"), True),
        # someone met, gone with or without: "went with ruby", "met daisy", "without poppy",
        # "if it wasnt for holly" (frequent words such as "art" are checked in detect)
        ("met", re.compile(rf"(?i:\b(?:met|meet|meeting|got(?=\s+[a-z]+\s*[,.])|"
                           rf"was\s+given|were\s+given|assigned|went\s+with|go\s+with|came\s+with|"
                           rf"spoke\s+with|talked\s+with|speak\s+with|without|"
                           rf"(?:wasnt|wasn't|wasn’t|weren't|werent|not)\s+for)\s+)(?P<id>{_W})\b"),
         False),
        # a name-word placed at a service after "from", "with", "to" or "by": "a letter from
        # holly at the centre"
        ("placed", re.compile(rf"(?i:\b(?:from|with|to|by|see|saw|seen|seeing|visit|"
                              rf"visited|contacted|ask\s+for|asked\s+for|was|is|got|had)\s+)"
                              rf"(?P<id>{_W})(?=\s+(?i:at|from)\s+{_SERVICE}\b|"
                              rf"\s+(?i:in)\s+(?=(?i:the|my|our)\s){_SERVICE}\b)"), False),
        # vocatives: "thanks poppy", "thank u lily", "cheers daisy", "hi ruby"
        ("vocative", re.compile(rf"(?i:\b(?:(?:thanks|thank\s+(?:you|u|ya))(?:\s+(?:again|"
                                rf"so\s+much|very\s+much|a\s+lot|loads))?|ta|cheers|hi|hiya|"
                                rf"(?:much\s+|big\s+)?love\s+to|hugs\s+to|"
                                rf"hello|hey|bye|love\s+you|miss\s+you),?\s+)(?P<id>{_W})"
                                rf"(?=\s*(?:[.!,?)]|x+\b|xx|$|\s+(?:for|and|so|u|you|ur|ya|"
                                rf"youre|you're)\b))",
                                re.MULTILINE), False),
        # sign-offs: "love, daisy x" / "- miles" ending the text
        ("sign_off", re.compile(rf"(?i:\b(?:love|regards|thanks|from|cheers|best)(?:,\s*|\s+))"
                                rf"(?P<id>{_W})\s*(?:x+\s*)?[.!]?\s*$"), False),
        # a first name and a surname closing the answer after thanks, in any case: "thanks
        # again rob tennant", "regards, jo pelworth" (checked in detect: a known first name, then
        # a word that reads as a surname)
        ("sign_off_full", re.compile(rf"(?i:\b(?:thanks|thank\s+(?:you|u)|regards|cheers|"
                                     rf"love|best\s+wishes)(?:\s+(?:again|so\s+much|very\s+much|"
                                     rf"a\s+lot))?,?\s+)(?P<id>{_W})\s+(?P<sur>{_W})"
                                     rf"\s*(?:x+\s*)?[.!]?\s*$"), False),
        # a capitalised first name alone after the last sentence: "Cheers for this. Rob"
        # (a team or post in brackets after it signs it too: "... Please tell your students.
        # Miles (SU Advice)")
        ("last_word", re.compile(r"(?:(?<=[.!?]\s)|(?<=[.!?]\s\s)|(?<=\n))(?P<id>[A-Z][a-z]+)"
                                 r"\s*(?:\([A-Z][^()\n]{1,40}\)\s*)?(?:x+\s*)?[.!]?\s*$"), False),
        ("signing_off", re.compile(rf"(?i:\b(?:signing\s+off|signed\s+off|sign\s+off)"
                                   rf"(?:\s+as)?,?\s+)(?P<id>{_W})\b"), True),
        # who someone was, then their relation to the writer: "it was miles my youth worker who
        # noticed", "that was sam our isva"
        ("was_name_rel", re.compile(rf"(?i:\b(?:it|that|this)\s+was\s+)(?P<id>{_W})(?=,?\s+"
                                    rf"(?i:my|our)\s+(?:[a-z]+\s+)?{_REL}\b)"), False),
        # a name and what they do, by "who" (only a person is "who"): "Robin who runs the
        # allotment group", "ash, who works nights,"
        ("who_does", re.compile(rf"(?<![\w'’])(?P<id>{_W})(?=,?\s+who\s+(?:(?:always|never|"
                                rf"still|also|really)\s+)?(?:runs|ran|works|worked|helps|helped|"
                                rf"does|did|"
                                rf"leads|led|volunteers|volunteered|organises|organised|set\s+up|"
                                rf"sets\s+up|looks\s+after|looked\s+after|manages|managed|"
                                rf"teaches|taught|coaches|coached|was\s+my|is\s+my)\b)"), False),
        # a capital initial and a surname after thanks or a sign-off: "Thank you, K Ramsay"
        ("initial_capital_surname", re.compile(r"(?i:\b(?:thank\s+you|thanks|regards|cheers|"
                                               r"from|signed),?\s+)(?P<id>[A-Z]\.?\s?[A-Z][a-z]{2,}"
                                               r"(?:-[A-Z][a-z]+)?)(?=\s*(?:[,.!]|$))"), False),
        # dotted initials heading a clause before who they are: "j.m. my old counsellor used to
        # say", "k.t., my support worker, rang"
        ("initials_apposition", re.compile(rf"(?<![\w'’.])(?P<id>(?:[a-zA-Z]\.\s?){{1,3}})"
                                           rf"(?=,?\s+(?i:my|our)\s+{_KIN}\b)"), False),
        # a lower-case initial and a surname no dictionary holds: "r. mcilroy", "j.p. hendry"
        ("initial_surname", re.compile(r"(?<![\w'’.])(?:[a-z]\.\s?){1,2}(?P<id>[a-z][a-z'’-]{2,})\b"),
         False),
        # initials placed at a service or speaking: "JK from the mash", "k.m. at the sarc"
        ("initials_at", re.compile(rf"(?<![\w'’])(?:(?P<id>[A-Z]{{2}}|[b-df-hj-np-tv-z]{{2}}|"
                                   rf"[a-zA-Z]\.\s?[a-zA-Z]\.?)"
                                   rf"(?=\s+(?i:at|from)\s+{_SERVICE}\b|\s+(?i:{_SAY})\b)|"
                                   rf"(?P<id1>[a-zA-Z]\.)(?=\s+(?i:at|from)\s+{_SERVICE}\b))",
                                   re.MULTILINE), False),
        # someone's help, group or words: "with hazel's help", "ivy's group saved me"
        ("possessive_help", re.compile(rf"(?<![\w'’])(?P<id>{_W})['’]s\s+(?=(?i:help|support|"
                                       rf"group|advice|kindness|patience|words|number|office|"
                                       rf"sessions?|voice|encouragement|belief|mum|mam|mom|"
                                       rf"dad|nan|boyfriend|girlfriend|husband|wife|"
                                       rf"partner)\b)"), False),
        # who someone was to the writer, then the name: "my counsellor was pearl", "the isva
        # was jade and she came"
        ("role_was", re.compile(rf"(?i:\b(?:my|our|the|her|his)\s+{_KIN}"
                                rf"(?:\s+(?:at|from|in|on)\s+(?:the\s+)?[\w'’&-]+(?:\s+[\w'’&-]+)?)?"
                                rf"\s+(?:was|is|were)\s+"
                                rf"(?:called\s+|named\s+)?)(?P<id>{_W})"
                                rf"(?=\s*(?:[,.;!?)]|$|x+\b|\s+(?:and|but|who|she|he|they|"
                                rf"from|at|in)\b))", re.MULTILINE), True),
        # the same with one more word before the role: "the case officer was bev"
        ("role_was_free", re.compile(rf"(?i:\b(?:my|our|the|her|his)\s+[a-z]+\s+{_KIN}"
                                rf"(?:\s+(?:at|from|in|on)\s+(?:the\s+)?[\w'’&-]+(?:\s+[\w'’&-]+)?)?"
                                rf"\s+(?:was|is|were)\s+"
                                rf"(?:called\s+|named\s+)?)(?P<id>{_W})"
                                rf"(?=\s*(?:[,.;!?)]|$|x+\b|\s+(?:and|but|who|she|he|they|"
                                rf"from|at|in)\b))", re.MULTILINE), True),
        # a name addressed: "dear ruby,", "poppy if you're reading this"
        ("dear", re.compile(rf"(?i:\bdear\s+)(?P<id>{_W})(?=\s*[,.!]|\s*$)", re.MULTILINE),
         False),
        # the writer giving their own name before their role or service: "im bryony from the
        # wellbeing hub", "i'm wren, i run the art sessions" (the slot decides, a modal-spelt
        # name too; checked in detect)
        ("intro", re.compile(rf"(?i:\b(?:i['’]?m|im|i\s+am|this\s+is|my\s+name['’]?s|"
                             rf"my\s+name\s+is)\s+)(?P<id>{_W})"
                             rf"(?=\s+(?i:from|at)\s+{_SERVICE}\b|,?\s+(?i:and\s+)?(?i:i)\s+"
                             rf"(?i:do|run|work|volunteer|lead|manage|co-?ordinate|am\s+(?:a|an|"
                             rf"the))\b|,\s+(?i:a|an|the|one\s+of\s+the)\s+(?:[a-z]+\s+){{0,2}}"
                             rf"(?i:{_REL})s?\b)"), True),
        # a name signing on before its role: "Honor here, IDVA lead in Wigan"
        ("here_role", re.compile(rf"(?<![\w'’])(?P<id>{_W})(?=\s+(?i:here),?\s+"
                                 rf"(?:(?i:the|a|an|your|our)\s+)?(?:[A-Za-z]+\s+){{0,2}}"
                                 rf"(?i:{_REL})\b)", re.MULTILINE), False),
        ("if_reading", re.compile(rf"(?<![\w'’])(?P<id>{_W}),?\s+(?=(?i:if\s+(?:(?:you|u)"
                                  rf"(?:['’]?re|\s+are|\s+r)?|ur|yr)\s+(?:ever\s+)?"
                                  rf"read(?:ing|s)?\s+"
                                  rf"this)\b)", re.MULTILINE), False),
        # a name praised as a person: "amber is a legend", "jo was an absolute star"
        ("praised", re.compile(rf"(?<![\w'’])(?P<id>{_W})\s+(?=(?i:is|was|['’]s)\s+"
                               rf"(?:an?\s+)?(?:(?:absolute|total|proper|real|actual|true)\s+)?"
                               rf"{_PRAISE}\b)", re.MULTILINE), False),
        # a name heading the team they lead: "rose and the team are brilliant", "jo and her
        # team at the hub"
        ("and_team", re.compile(rf"(?<![\w'’])(?P<id>{_W})\s+(?=(?i:and|&|n)\s+(?i:the|her|his|"
                                rf"their)\s+(?i:team|staff|girls|lads|crew|gang|volunteers|"
                                rf"colleagues)\b)"), False),
        # a name with its role in brackets: "fern (my isva) rang"
        ("bracket_role", re.compile(rf"(?<![\w'’])(?P<id>{_W})\s*\(\s*(?=(?i:(?:my|our|the)\s+"
                                    rf"{_KIN})\s*\))"), True),
        # help received from someone: "the support from crystal was unreal"
        ("help_from", re.compile(rf"(?i:\b(?:support|help|advice|care|kindness|patience)\s+"
                                 rf"(?:from|of)\s+)(?P<id>{_W})\b(?!\s+(?i:the|my|our)\b)"),
         False),
        ("dash_sign_off", re.compile(rf"\n\s*[-–]\s*(?P<id>{_W})\s*(?:x+)?\s*$"), True),
        # a name heading a one-line verdict: "Mark .... outstanding", "sue - brilliant!"
        ("heading", re.compile(rf"(?<![\w'’])(?P<id>{_W})(?=\s*(?:\.{{2,}}|…|\s[-–]|:)\s*"
                               rf"(?i:(?:absolutely|really|just|so|very)\s+)?"
                               rf"(?i:[a-z]+(?:ent|ant|ful|ous|ive|ing|ly|ic)|great|good|fab|"
                               rf"superb|ace|star|best|nice|kind|top|brill)\s*[.!]*\s*$)",
                               re.MULTILINE), False),
    )
    #: A letter standing for a person: "me and J", "K said", "my ex J", "me and j".
    INITIAL: ClassVar[re.Pattern[str]] = re.compile(
        rf"(?:(?i:\bme\s+(?:and|n|&)\s+)|(?i:\b(?:my|our|her|his)\s+{_REL},?\s+\(?))"
        # lower-case too, but not a letter that stands for a word ("me and u") or a brand's
        # initial ("me and m&s"), nor a pronoun "I" typed as "l" before its verb ("my GP l
        # give them")
        rf"(?P<a>(?![AI]\b)[A-Z]|(?![aiucrynbxo]\b)(?!l\s+[a-z])[a-z])\.?(?![\w'’&])|"
        rf"(?<![\w'’]){_CLAUSE}(?P<b>(?![AI]\b)[A-Z])\.?"
        rf"(?=\s+(?i:{_SAY})\b)|"
        # lower case too, but not a letter that stands for a word in text-speak ("u said",
        # "i said", "a said", "r", "c", "y", "n", "b", "x", "o")
        rf"(?<![\w'’])(?=[a-z]\s){_CLAUSE}(?P<c>(?![aiucrynbxo]\b)[a-z])"
        rf"(?=\s+(?i:{_SAY})\b)|"
        # a letter placed at a service: "j from the ivy centre said", "k at the hub"
        rf"(?<![\w'’])(?=[a-z]\s){_CLAUSE}(?P<d>(?![aiucrynbxo]\b)[a-z])"
        rf"(?=\s+(?i:at|from)\s+(?:(?i:the|my|our)\s+)?(?:[a-z'’-]+\s+){{0,2}}"
        rf"(?i:service|team|centre|center|project|hub|unit|clinic|sarc|refuge|charity|office)\b)|"
        # a capital letter thanked with the team: "Thank you to E and the team", "thanks to K."
        rf"(?i:\b(?:thank\s+(?:you|u)\s+to|thanks\s+to)\s+)(?P<m>(?![AI]\b)[A-Z])"
        rf"(?=\s+(?:and|&)\s+(?:(?i:the|her|his)\s+)?(?i:team|staff)\b|\s*[.!,]|\s*$)|"
        # a capital letter standing for a person, as a parent writes of a child ("H loved
        # her", "D is benefiting", "R and I will miss", "H's speech came on", "our daughter
        # M,"): clause-initial before what a person does, or owning something a person has;
        # not "A" or "I", nor a letter of a plan, grade, block or vitamin (no clause start),
        # nor the "E" of "A and E"
        rf"(?<![\w'’]){_CLAUSE}(?<!\bA\sand\s)(?P<e>(?![AIX]\b)[A-Z])\.?"
        rf"(?=\s+(?:{_INITIAL_DOES})\b|\s+and\s+I\b)|"
        rf"(?<![\w'’.&/-])(?P<f>(?![IX]\b)[A-Z])(?=['’]s\s+(?i:{_INITIAL_HAS})\b)|"
        # after "my", "our" before what a person does: "my V is happy now"
        rf"(?i:\b(?:my|our)\s+)(?P<i>(?![AIX]\b)[A-Z])(?=\s+(?:{_INITIAL_DOES})\b)|"
        # "A" too, where no article can stand: before a verb ("A has", "Little A had")
        rf"(?<![\w'’]){_CLAUSE}(?P<h>A)(?=\s+(?:is|was|has|had|hasn['’]t|wasn['’]t|isn['’]t|"
        rf"also\s+has|also\s+had|loved|loves|enjoyed|enjoys|went|started)\b)|"
        rf"(?i:\b(?:my|our|her|his)\s+(?:[a-z]+\s+)?(?:child|son|daughter|boy|girl|baby|little\s+one)"
        rf",?\s+)(?P<g>(?![AIX]\b)[A-Z])(?=\s*[,.;)]|\s+(?:{_INITIAL_DOES})\b)|"
        # a lower-case letter heading a clause before praise, where a pronoun "i" slipped to
        # "l" cannot stand ("l is the kindest", "d has been amazing"; not "l was", "l have")
        rf"(?<![\w'’])(?=[a-z]\s){_CLAUSE}(?P<j>(?![aiucrynbxok]\b)[a-z])"
        rf"(?=\s+(?:is\s+(?:the\s+(?:best|most|kindest|nicest)|so|very|always|really|such|"
        rf"amazing|brilliant|lovely|great|kind|excellent|fantastic|wonderful|fab|a\s+star)|"
        rf"has\s+been\s+(?:amazing|brilliant|lovely|great|so|very|fantastic|wonderful|"
        rf"excellent|kind))\b)|"
        # a letter listed with a titled member of staff: "from l to dr k", "thanks to m and
        # nurse p" (not a vitamin, plan or grade: a cue word must come before)
        rf"(?i:\b(?:from|to|with|by|thanks|thank\s+you|especially|particularly|esp|and),?\s+)"
        rf"(?P<k>(?![aiucrynbxo]\b)[a-z])(?=\s+(?:and|&|to|or)\s+(?i:dr|nurse|doctor)\s+\w)|"
        # a letter closing the answer after "especially": "especially wonderful l", "esp k!"
        rf"(?i:\b(?:especially|particularly|esp)\s+(?:[a-z]+\s+)?)"
        rf"(?P<l>(?![aiucrynbxo]\b)[a-z])(?=\s*[.!]*\s*$)",
        re.MULTILINE)

    def detect(self, text: str) -> list[Detection]:
        """Return PERSON detections found by slot; a first name written alone in capitals in a
        text that is not ("DAISY my isva rang") is read again in its natural case."""
        out = self._detect(text)
        found = _recase_capital_names(text)
        if found is None:
            return out
        recased, names = found
        # the re-cased names are read again in their sentences only, not the whole text again
        # (a long transcript with one such name would otherwise be read twice)
        windows: list[list[int]] = []
        for i in names:
            lo = max(0, i - _RECASE_WINDOW)
            floor = max(0, lo - _RECASE_WINDOW)  # a sentence's start this near, else the cut
            stop = max(recased.rfind(". ", floor, lo), recased.rfind("\n", floor, lo))
            lo = stop + 1 if stop >= 0 else 0 if floor == 0 else lo
            hi = min(len(recased), i + _RECASE_WINDOW)
            if windows and lo <= windows[-1][1]:
                windows[-1][1] = max(windows[-1][1], hi)
            else:
                windows.append([lo, hi])
        for lo, hi in windows:
            for d in self._detect(recased[lo:hi]):
                d = dataclasses.replace(d, start=d.start + lo, end=d.end + lo)
                if recased[d.start:d.end] != text[d.start:d.end] and \
                        not any(o.start < d.end and d.start < o.end for o in out):
                    out.append(d)
        return out

    def _detect(self, text: str) -> list[Detection]:
        from survey.anonymise.lexicon import (
            ABBREVIATION_WORDS,
            GENERIC_WORDS,
            is_name_word,
            is_role_or_generic,
            medical_abbreviations,
            word_frequency,
        )

        out = []
        for pname, rx, open_slot in self.PATTERNS:
            # a name alone after the last sentence: only the text's end can hold it
            for m in rx.finditer(text, max(0, len(text) - 80) if pname == "last_word" else 0):
                # "Dr varga is a ...": the slot's name after a title (read once a match)
                titled = pname == "is_a_role" and \
                    _TITLE_BEFORE.search(text, max(0, m.start() - 10), m.start()) is not None
                if pname in _CLAUSE_CHECKED and not _CLAUSE_AT.match(text, m.start()) and \
                        not (pname == "says" and _only_a_name(m.group("id"))) and not titled:
                    continue  # mid-clause only a word that is nothing but a name ("by the
                    # time rachel rang me")
                if "id" in rx.groupindex and m.group("id") and \
                        _DETERMINER_BEFORE.search(text, max(0, m.start("id") - 8), m.start("id")) \
                        and not unseen_word(m.group("id")):
                    continue  # "the guy who ran the gym": a determiner makes it a common noun
                if "id" in rx.groupindex and m.group("id") and \
                        _listed_adjective(text, m.start("id"), m.group("id")):
                    continue  # "patient thorough and polite The nurse", "gentle and polite and
                    # I": one more word of praise in a list of them, not a name
                if pname == "role_was_free" and len(m.group("id")) > 5 and re.search(
                        r"(?i:al|ous|ful|ive|able|ible|ent|ant|ic|ing|ed|ly)$", m.group("id")):
                    continue  # "the play worker was exceptional": a verdict, not a name
                if pname == "last_word" and re.match(r"\s*x+\s*[.!]?\s*$", text[m.end("id"):]) \
                        and m.group("id") in _first_names() and \
                        m.group("id").lower() not in _NEVER:
                    out.append(Detection(m.start("id"), m.end("id"), "PERSON", 0.6, self.name,
                                         "slot:last_word"))
                    continue  # "... not yet listed. Dawn x": a first name signing off with a kiss
                if pname in ("role_was", "last_word") and _adjective(m.group("id")):
                    continue  # "the drivers were polite,", "Nothing. Exceptional": a verdict
                if pname == "initials_at":
                    g = "id" if m.group("id") else "id1"
                    if not _role(m.group(g)) and not re.fullmatch(_REL, m.group(g), re.IGNORECASE) and \
                            m.group(g).lower() not in ABBREVIATION_WORDS | GENERIC_WORDS:
                        out.append(Detection(m.start(g), m.end(g), "PERSON", 0.55,
                                             self.name, "slot:initials_at"))
                    continue
                if pname == "pair" and m.group("first") not in _first_names():
                    continue
                if pname == "initials_apposition":
                    if re.sub(r"\s", "", m.group("id")).lower() not in _DOTTED_WORDS:
                        out.append(Detection(m.start("id"), m.start("id") +
                                             len(m.group("id").rstrip()), "PERSON", 0.6,
                                             self.name, "slot:initials_apposition"))
                    continue
                if pname == "initial_capital_surname":
                    surname = re.sub(r"^[A-Z]\.?\s?", "", m.group("id")).split("-")[0]
                    if _surname_like(surname):
                        out.append(Detection(m.start("id"), m.end("id"), "PERSON", 0.6,
                                             self.name, "slot:initial_capital_surname"))
                    continue  # "Thanks, A Level results": a word, not a surname
                if pname == "mask_leftover" and len(m.group("id")) == 1:
                    letter = m.group("id")
                    if letter not in "sua" and re.match(r" [a-z]", text[m.end("id"):]) and (
                            letter != "i" or len(re.findall(r"(?<![\w'’])i(?![\w'’])", text)) == 1):
                        out.append(Detection(m.start("id"), m.end("id"), "PERSON", 0.55,
                                             self.name, "slot:mask_leftover"))
                    continue  # "the PERSON t very efficient surgery": a letter of the masked
                    # name; not "PERSON s blessings" (a stripped "'s"), "u", "a", nor a
                    # writer's own lower-case "i"
                if pname == "mask_leftover":
                    low = m.group("id").lower()
                    if low not in _WORD_ENDINGS and not is_dictionary_word(low) and \
                            not is_dictionary_word("s" + low) and \
                            low not in SPACY_STOP_WORDS and word_frequency().get(low, 0) == 0 \
                            and not _role(low):
                        out.append(Detection(m.start("id"), m.end("id"), "PERSON", 0.6,
                                             self.name, "slot:mask_leftover"))
                    continue  # "Dr PERSON is", "PERSON explained": an everyday word; "PERSON
                    # taff are able": a word whose "s" the mask took
                if pname == "sign_off_full":
                    if m.group("id").title() in _first_names() and \
                            m.group("id").lower() not in _NEVER and \
                            m.group("id").lower() not in SPACY_STOP_WORDS and \
                            _surname_like(m.group("sur")):
                        out.append(Detection(m.start("id"), m.end("sur"), "PERSON", 0.6,
                                             self.name, "slot:sign_off_full"))
                    continue  # "thanks again nhs staff", "thanks to Fred": no first name
                if pname == "initial_surname":
                    if _surname_like(m.group("id")):
                        out.append(Detection(m.start(), m.end("id"), "PERSON", 0.6, self.name,
                                             "slot:initial_surname"))
                    continue
                if pname in ("me_list", "glued_role") and \
                        m.group("id").title() not in _first_names():
                    continue  # "nice to me, knowledgable and kind": a list of words
                if pname == "and_i" and m.group("id").lower() in _ABSTRACT and \
                        not _TWO_WORKED.match(text, m.end("id")):
                    continue  # "hope and i are all that is left"; not "grace and i set up"
                if pname == "pair_relation":
                    words = (m.group("id"), m.group("id2"))
                    plural = re.match(r"[\s,]*(?:(?:are|r|were)\s+)?(?:my|our)\s+(?:\w+\s+){0,2}"
                                      r"[a-z]+s\b", text[m.end("id2"):], re.IGNORECASE)
                    if all(_candidate(w, open_slot=True) for w in words) and (
                            plural or not any(w.lower() in _ABSTRACT for w in words)):
                        out.extend(Detection(m.start(g), m.end(g), "PERSON", 0.6, self.name,
                                             "slot:pair_relation") for g in ("id", "id2"))
                    continue  # two people the writer's plural relation names ("my two best
                    # mates"): a name-word there is a person too
                if pname == "possessive_relation":
                    word = m.group("id")
                    whole = text[m.start("id"):m.end()].strip()
                    if not _role(whole) and whole.lower() not in _NEVER and \
                            word.lower() not in _ABSTRACT and word.lower() not in _NEVER and \
                            (word.title() in _first_names() and not _role(word) or
                             _candidate(word, open_slot=False)) and \
                            not re.search(r"(?i:\b(?:the|a|an|my|our|your|his|her|their))\s+$",
                                          text[max(0, m.start("id") - 8):m.start("id")]):
                        out.append(Detection(m.start("id"), m.end("id"), "PERSON", 0.6,
                                             self.name, "slot:possessive_relation"))
                    continue
                # a modal is never followed by "is a" ("hope is a great nurse" names her)
                # ... nor set off by a comma before its role ("Hope, the receptionist at")
                verb_like = frozenset() if pname == "is_a_role" or \
                    pname in ("the_role", "the_role_who") and \
                    text.startswith(",", m.end("id")) else _VERB_LIKE
                if pname in ("is_a_role", "bare_role") and adjective_only(m.group("id").lower()):
                    continue  # "Excellent doctor and ...": praise, not a name
                if titled and m.group("id").lower() not in _NEVER and not _role(m.group("id")) and \
                        word_frequency().get(m.group("id").lower(), 0) < 1000:
                    out.append(Detection(m.start("id"), m.end("id"), "PERSON", 0.6, self.name,
                                         "slot:is_a_role"))
                    continue  # "Dr varga is a marvellous doctor": a title, then its surname
                if pname in _ROLE_SLOTS and \
                        (m.group("id").lower() in verb_like or _too_frequent(m.group("id")) and
                         m.group("id").title() not in _first_names()):
                    continue  # "hope the doctor calls", "time was my friend"
                if pname in ("intro", "here_role"):
                    word = m.group("id")
                    if word.lower() not in _NEVER and not _role(word) and \
                            not adjective_only(word.lower()) and (
                                word.title() in _first_names() and
                                word_frequency().get(word.lower(), 0) < _NAME_WORD_MAX or
                                word.lower() in _MODAL_NAMES or
                                _candidate(word, open_slot=open_slot)):
                        out.append(Detection(m.start("id"), m.end("id"), "PERSON", 0.6,
                                             self.name, f"slot:{pname}"))
                    continue  # "i'm sorry, the nurse": a word, not the writer's name
                if pname in _ROLE_SLOTS | {"at_service", "on_duty", "in_company", "placed",
                                           "ordinal_one"} and \
                        m.group("id").lower() not in (verb_like if pname in _ROLE_SLOTS
                                                      else _ABSTRACT) and \
                        m.group("id").title() in _first_names() and (
                            not _role(m.group("id")) or
                            pname in ("at_service", "on_duty", "in_company") and
                            _clinical_name(m.group("id")) or
                            # a role's letters written as a name, beside a role ("Di is a
                            # manager": not the rank DI)
                            pname in ("is_a_role", "bare_role") and m.group("id").istitle()) \
                        and word_frequency().get(m.group("id").lower(), 0) < _NAME_WORD_MAX \
                        and m.group("id").lower() not in _NEVER and not _adverb(m.group("id")):
                    out.append(Detection(m.start("id"), m.end("id"), "PERSON", 0.6, self.name,
                                         f"slot:{pname}"))
                    continue  # "precious was my worker": a first name in a person's slot
                if pname in ("possessive_help", "praised", "help_from", "and_team",
                             "is_my_name", "me_list", "last_word") and \
                        m.group("id").lower() in _ABSTRACT:
                    continue  # "hope's help", "faith is a godsend": nouns
                if pname == "so_did" and (m.group("id").lower() in _ABSTRACT or
                                          _too_frequent(m.group("id"))):
                    continue  # "and so was hope": a word
                if pname in ("vocative", "vocative_ask") and \
                        m.group("id").lower() in _MODAL_NAMES and m.group("id").istitle() and (
                            text.startswith(",", m.end("id")) or
                            re.match(r"\s+[-–]\s", text[m.end("id"):m.end("id") + 3]) or
                            _AND_NAME_COMMA.match(text, m.end("id"))):
                    out.append(Detection(m.start("id"), m.end("id"), "PERSON", 0.6, self.name,
                                         f"slot:{pname}"))
                    continue  # "Thanks Will, noted", "May, can you", "Hi Will and Mark,": a
                    # capital set off by a comma
                if pname == "vocative_ask":
                    if m.group("id") in _first_names() and m.group("id").lower() not in _NEVER \
                            and m.group("id").lower() not in _GREETINGS:
                        out.append(Detection(m.start("id"), m.end("id"), "PERSON", 0.6,
                                             self.name, "slot:vocative_ask"))
                    continue  # "Sorry, can you": no one's name
                if pname in _STRONG and m.group("id").lower() in _MODAL_NAMES:
                    out.append(Detection(m.start("id"), m.end("id"), "PERSON", 0.6, self.name,
                                         f"slot:{pname}"))
                    continue  # "will from the police came round": no verb stands there
                if pname == "met" and (m.group("id").lower() in _ABSTRACT or
                                       _too_frequent(m.group("id"))):
                    continue  # "without hope", "if it wasnt for art": words
                if pname == "thanks" and m.group("id").lower() in _ABSTRACT and \
                        not _AT_PLACE.match(text, m.end("id")):
                    continue  # "thanks to faith i got through": a noun, unless placed
                if pname == "says" and m.group("id").lower() in _ABSTRACT:
                    if _PERSON_ONLY.match(text, m.end("id")):
                        out.append(Detection(m.start("id"), m.end("id"), "PERSON", 0.6,
                                             self.name, "slot:says"))
                    continue  # "and hope helped us": a noun, unless it rang or said
                if pname == "relation" and _plural_relation(text[m.start():m.start("id")]):
                    # "our nurses catheterise well": a verb may follow; "my mates sofa": a
                    # possessive without its apostrophe. Only a name that is rare as a word.
                    word = m.group("id").lower()
                    if not is_name_word(word) and word_frequency().get(word, 0) >= 1000:
                        continue
                    slot_open = False
                else:
                    slot_open = open_slot
                if pname == "called_after" and _CALLED_PERSON_BEFORE.search(
                        text, max(0, m.start() - 70), m.start()) is None:
                    continue  # no person in the clause before "called"
                if pname == "called_after" and not (
                        m.group("id")[0].isupper() or
                        re.search(r"(?i:\b(?:was|is)\s+(?:called|named)\s+)$",
                                  text[max(0, m.start("id") - 16):m.start("id")])):
                    continue  # "the nurse called social services": phoned, not named
                if pname in ("called", "called_after") and m.group("id")[0].isupper() and \
                        m.group("id")[1:].islower() and (
                            m.group("id").lower() in _MODAL_NAMES or
                            not _role(m.group("id")) and m.group("id").lower() not in _NEVER):
                    out.append(Detection(m.start("id"), m.end("id"), "PERSON", 0.6, self.name,
                                         f"slot:{pname}"))
                    continue  # "i go by Blue", "a man called Will": a capitalised word given as a
                    # name
                if _candidate(m.group("id"), open_slot=slot_open) or \
                        pname == "at_service" and unseen_word(m.group("id")):
                    out.append(Detection(m.start("id"), m.end("id"), "PERSON", 0.6, self.name,
                                         f"slot:{pname}"))
        for m in _SIGNOFF_LETTERS.finditer(text, max(0, len(text) - 8)):
            pair = m.group("id")
            if _initials(pair) and pair[0].lower() != pair[1].lower() and not _role(pair) and \
                    pair.lower() not in _NOT_SIGNOFF | ABBREVIATION_WORDS | GENERIC_WORDS:
                out.append(Detection(m.start("id"), m.end("id"), "PERSON", 0.6, self.name,
                                     "slot:signoff_letters"))
        for m in _SIGNOFF_INITIALS.finditer(text, max(0, len(text) - 40)):
            out.append(Detection(m.start("id"), m.end("id"), "PERSON", 0.6, self.name,
                                 "slot:signoff_initials"))
        for m in _APPOSITION.finditer(text):
            if is_name_word(m.group("id").lower()) or _candidate(m.group("id"), open_slot=True) \
                    or _initials(m.group("id")):
                out.append(Detection(m.start("id"), m.end("id"), "PERSON", 0.6, self.name,
                                     "slot:apposition"))
        for rx, slot in ((_HEAD_APPOSITION, "head_apposition"),
                         (_COMMA_APPOSITION, "comma_apposition"), (_KIN_TITLE, "kin_title"),
                         (_PARENT_TITLE, "parent_title")):
            for m in rx.finditer(text):
                if rx in (_HEAD_APPOSITION, _PARENT_TITLE) and \
                        not _CLAUSE_AT.match(text, m.start()):
                    continue
                word = m.group("id")
                if slot == "comma_apposition" and _praise_between_commas(text, m.start("id"),
                                                                         word):
                    continue  # "very patient, polite, understanding": a list of praise
                if slot == "comma_apposition" and m.group("sur"):
                    if word.title() in _first_names() and _surname_like(m.group("sur")):
                        out.append(Detection(m.start("id"), m.end("sur"), "PERSON", 0.65,
                                             self.name, "slot:comma_apposition"))
                    continue  # "the man at the housing, will ormerod, got me": a full name
                if slot == "head_apposition" and m.group("tail") is None and (
                        not _OPENS_SENTENCE.search(text, max(0, m.start() - 3), m.start()) or
                        word.lower() in _NOT_HEAD):
                    continue  # no verb after it: only a sentence's first word ("so um, my
                    # sister", "since january my manager", "bless my friend" are none)
                verb_like = word.lower() in _VERB_LIKE and not (
                    word.lower() in _MODAL_NAMES and m.group().rstrip().endswith(_FINITE))
                modal_name = word.lower() in _MODAL_NAMES and not verb_like
                if (word.lower() in _NEVER or _role(word) and not _clinical_name(word)) and \
                        not modal_name or \
                        slot == "head_apposition" and verb_like:
                    continue  # "hope my mum is ok": a wish; "the nurse, though, was": a word
                first = word.title() in _first_names() and \
                    word_frequency().get(word.lower(), 0) < _NAME_WORD_MAX
                if first or modal_name or is_name_word(word.lower()) and not _too_frequent(word) or \
                        slot != "parent_title" and _candidate(word, open_slot=slot == "kin_title"):
                    out.append(Detection(m.start("id"), m.end("id"), "PERSON", 0.6, self.name,
                                         f"slot:{slot}"))
        for m in _BRACKETED_PERSON.finditer(text) if "(" in text else ():
            if not _BRACKET_HEAD.search(text, max(0, m.start() - 40), m.start()):
                continue
            word = m.group("id").strip()
            before = re.findall(r"[A-Za-z]+", text[max(0, m.start() - 40):m.start("id")])
            initials = len(word) == 2 and word.isupper() and before and \
                before[-1].lower().rstrip("s") in _BRACKET_PEOPLE | {"mum", "son", "daughter"}
            if not initials and (word.lower() in _NEVER or _role(word.rstrip(".")) or \
                    word.isupper() and (word.lower() in ABBREVIATION_WORDS | GENERIC_WORDS or
                                        len(word) > 2 and word in medical_abbreviations()) or \
                    word.istitle() and word.title() not in _first_names() and
                    is_dictionary_word(word)):
                continue  # "client (ISVA)", "client (DNA)", "child (Looked after)": no name (two
            # capitals after "client", "victim", "mum" are initials, even "AM", "DR" or "MH")
            if not initials and word.isupper() and before and (
                    _role(before[-1]) and before[-1].lower() not in _BRACKET_PEOPLE or
                    "".join(w[0] for w in before[-len(word):]).upper() == word):
                continue  # "Duty social worker (EDT)": a team's letters; "Service user (SU)"
            out.append(Detection(m.start("id"), m.start("id") + len(word), "PERSON", 0.6,
                                 self.name, "slot:bracketed"))
        for m in _MASK_INITIAL.finditer(text):
            out.append(Detection(m.start("id"), m.end("id"), "PERSON", 0.55, self.name,
                                 "slot:mask_leftover"))
        for m in _NAME_ROLE_BRACKET.finditer(text) if "(" in text else ():
            word, role = m.group("id"), m.group("role").lower()
            if (is_role_or_generic(role) or role in ("vol", "volunteer") or
                    role.endswith(("isva", "idva"))) and (
                    word.lower() in _MODAL_NAMES or
                    not _role(word) and word.lower() not in _NEVER and
                    (word in _first_names() or is_name_word(word.lower()))):
                out.append(Detection(m.start("id"), m.end("id"), "PERSON", 0.6, self.name,
                                     "slot:name_role_bracket"))
        for m in _MODAL_NAME_VERB.finditer(text):
            before = re.search(r"([A-Za-z]+)\s+$", text[max(0, m.start() - 12):m.start()])
            if before and before.group(1).lower() in _MODAL_NOUN_BEFORE:
                continue
            out.append(Detection(m.start("id"), m.end("id"), "PERSON", 0.55, self.name,
                                 "slot:modal_name"))
        noted = [m for rx in _NOTED_INITIALS for m in rx.finditer(text)
                 if not {"id2", "id8"} & set(rx.groupindex) or
                 _OPENS_NOTE.search(text, max(0, m.start() - 2), m.start())] \
            if re.search(r"[A-Z]{2}", text) else []
        if "(" in text:
            for b in _AGE_BRACKET.finditer(text):
                m = _INITIALS_BEFORE.search(text, max(0, b.start() - 8), b.start())
                if m:
                    noted.append(m)
        for m in noted:
            g = next(k for k in ("id", "id2", "id3", "id4", "id5", "id6", "id7", "id8")
                     if k in m.re.groupindex and m.group(k))
            word = m.group(g)
            if g == "id5" and re.match(r"\s+(?i:no|number|num|nos)\b", text[m.end(g):]):
                continue  # "client NI no.": a national insurance number's name
            if g == "id6" and len(word) == 2:
                if word.lower() not in _NOT_SIGNOFF | ABBREVIATION_WORDS | GENERIC_WORDS:
                    out.append(Detection(m.start(g), m.end(g), "PERSON", 0.55, self.name,
                                         "slot:noted_initials"))
                continue  # "Re: SB,": two capitals a note is about are initials (not "Re: DV")
            # two capitals before an age or after "client" are initials ("SO (m, 52)", "client
            # AM"); elsewhere a role or an abbreviation is no one ("seen by CPN", "by GP")
            if not (g in ("id4", "id5", "id8") and len(word) == 2) and (
                    _role(word) or word.lower() in ABBREVIATION_WORDS | GENERIC_WORDS or
                    len(word) > 2 and word in medical_abbreviations()):
                continue
            out.append(Detection(m.start(g), m.end(g), "PERSON", 0.55, self.name,
                                 "slot:noted_initials"))
        if _ACTION_TEXT.search(text):
            out.extend(self._action_log(text))
        else:
            out.extend(self._initials_owners(text))
        if "(" in text:
            out.extend(self._bracket_list(text))
        for m in _TITLE_LETTER.finditer(text):
            out.append(Detection(m.start("id"), m.end("id"), "PERSON", 0.55, self.name,
                                 "slot:title_letter"))
        out.extend(self._correspondence(text))
        for m in _LIST.finditer(text):
            items = list(re.finditer(_W, m.group("list")))
            words = [w.group() for w in items if w.group().lower() not in ("and", "n")]
            if _list_names(words) or m.group("dash") and all(
                    is_name_word(w.lower()) or _candidate(w, open_slot=False) for w in words):
                base = m.start("list")
                out.extend(Detection(base + w.start(), base + w.end(), "PERSON", 0.55,
                                     self.name, "slot:listed_names")
                           for w in items if w.group().lower() not in ("and", "n"))
        for m in self.INITIAL.finditer(text):
            g = next(k for k in "abcdefghijklm" if m.group(k))
            # "my caseworker J. was": the full stop of an initial inside a sentence is its own
            end = m.end(g) + 1 if re.match(r"\.\s+[a-z]", text[m.end(g):m.end(g) + 3]) else \
                m.end(g)
            out.append(Detection(m.start(g), end, "PERSON", 0.55, self.name, "slot:initial"))
        if not text.isupper():
            out.extend(Detection(m.start(), m.end(), "PERSON", 0.55, self.name, "slot:initial")
                       for m in _LONE_LETTER.finditer(text) if _note_letter(text, m))
        return out

    def _action_log(self, text: str) -> list[Detection]:
        """Owners of actions and attendees in minutes and action logs (:data:`_ACTION_OWNER`,
        :data:`_ATTENDEES`); the text is one (:data:`_ACTION_TEXT`)."""
        out = []
        for m in _ACTION_OWNER.finditer(text):
            verb = m.group("verb")
            if not _imperative_owned(m, text):
                continue
            for g in ("id", "id2"):
                word = m.group(g)
                if not word or not (_owner(word) or word.isupper() and
                                    _initials_own(m, g, text)):
                    continue
                low = word.lower()
                if verb and verb in SPACY_STOP_WORDS and (
                        verb not in _ACTION_STOP_VERBS or low in _ABSTRACT):
                    continue  # "Hope to be", "Grace to get": a wish; not an owner's task
                if m.group("imp") and low in _MODAL_NAMES:
                    continue  # "Will confirm by Friday": the modal, no item's owner
                out.append(Detection(m.start(g), m.end(g), "PERSON", 0.6, self.name,
                                     "slot:action_owner"))
        for m in _ATTENDEES.finditer(text):
            out.extend(self._listed_people(text, m.start("list"), m.end("list"),
                                           "slot:attendee"))
        out.extend(Detection(m.start("id"), m.end("id"), "PERSON", 0.6, self.name,
                             "slot:action_item")
                   for m in _ACTION_ITEM.finditer(text) if _owner(m.group("id")))
        return out

    def _correspondence(self, text: str) -> list[Detection]:
        """Names as letters, e-mails, forms and case notes write them: after closing words
        (:data:`_CLOSING_NAME`), a greeting (:data:`_GREETED_NAME`, :data:`_SELF_INTRO`) or
        "cc" (:data:`_CC_NAME`), on a rota, in brackets after a role or an agency, dotted
        initials, one capital and a kiss, a form's name field, and as chat logs and school
        forms write them (:meth:`_chat_and_forms`)."""
        from survey.anonymise.lexicon import ABBREVIATION_WORDS, is_role_or_generic

        out = []

        def add(m: re.Match[str], why: str, score: float = 0.6) -> None:
            out.append(Detection(m.start("id"), m.end("id"), "PERSON", score, self.name,
                                 "slot:" + why))

        for rx, why in ((_CLOSING_NAME, "closing_name"), (_GREETED_NAME, "greeted_name"),
                        (_CC_NAME, "cc_name")):
            for m in rx.finditer(text):
                if _owner(m.group("id")):
                    add(m, why)
        for m in _SELF_INTRO.finditer(text):
            word = m.group("id")
            if word.title() in _first_names() and not _adjective(word.lower()) and \
                    word.lower() not in _NEVER and word.lower() not in SPACY_STOP_WORDS and \
                    word.lower() not in _TEXT_SPEAK_LETTERS:
                add(m, "self_intro")  # ("hi im ok": how they are)
        if _MESSAGE_OPEN.match(text):
            for m in _MESSAGE_SIGNED.finditer(text, max(0, len(text) - 40)):
                if _owner(m.group("id")) and m.group("id").lower() not in _GREETINGS and \
                        m.group("id").lower() not in ABBREVIATION_WORDS:
                    add(m, "message_signed")  # not "... only do Sundays. Ta": thanks
        rota = [m for m in _ROTA.finditer(text) if _owner(m.group("id").title()) or
                m.group("id").title() in _first_names() and
                m.group("id").lower() not in _NEVER]  # on a rota an adjective-name too ("rich")
        for m in rota if len(rota) >= 2 else ():
            add(m, "rota")
        for m in _ROLE_BRACKET.finditer(text) if "(" in text else ():
            role = m.group("role").lower()
            if (role not in SPACY_STOP_WORDS and is_role_or_generic(role) or
                    role in _AGENCIES) and _owner(m.group("id")):
                add(m, "role_bracket")
        for m in _DOTTED_INITIALS.finditer(text):
            if re.sub(r"\s", "", m.group("id")).lower() not in _DOTTED_WORDS:
                add(m, "dotted_initials")
        for m in _DOTTED_PAIR.finditer(text) if "." in text else ():
            if m.group("id").replace(".", "").lower() not in _DOTTED_PAIRS or \
                    re.match(r"\s*\(\d", text[m.end():]) or \
                    _PAIR_DOES.match(text, m.end()) and \
                    not re.search(r"\d\s*$", text[max(0, m.start() - 3):m.start()]):
                add(m, "dotted_pair")
        for m in _COLLAR_NAME.finditer(text) if "(" in text else ():
            if m.group("id").lower() not in _NEVER and not _role(m.group("id")):
                add(m, "collar_name")
        for m in _DOTTED_ONE.finditer(text) if "." in text else ():
            if not THING_BEFORE.search(text, max(0, m.start() - 30), m.start()):
                add(m, "dotted_one")
        for m in _LETTER_AGE.finditer(text) if "(" in text else ():
            if not THING_BEFORE.search(text, max(0, m.start() - 30), m.start()):
                add(m, "letter_age", 0.55)
        for m in _LETTER_KISS.finditer(text):
            add(m, "letter_kiss", 0.55)
        for m in _NAME_FIELD.finditer(text):
            if m.group("id").split()[0].title() in _first_names():
                add(m, "name_field")
        if ":" in text and len(_AGENCY_HEAD.findall(text)) >= 2:
            for m in _AGENCY_COLON.finditer(text):
                if _owner(m.group("id")):
                    add(m, "agency_colon")
        for m in _POST_COMMA_NAME.finditer(text):
            if _owner(m.group("id")):
                add(m, "post_comma_name", 0.55)
        out.extend(self._chat_and_forms(text))
        out.extend(self._case_note_people(text))
        return out

    def _chat_and_forms(self, text: str) -> list[Detection]:
        """Names as pasted chat logs and school forms write them: a speaker after a turn's
        clock time (:data:`_CHAT_SPEAKER`) or the word for an agent (:data:`_AGENT_NAME`), a
        name-word thanked with a kiss (:data:`_THANKED_NAME`), letters given as who the writer
        is (:data:`_SELF_LETTERS`), a name after a title typed onto the word before it
        (:data:`_GLUED_TITLE`), a defendant in a case's name (:data:`_CASE_NAME`), a pupil
        before their school year in brackets (:data:`_SCHOOL_YEAR_NAME`), a form's field for a
        person (:data:`_PERSON_FIELD`), a client named by a letter (:data:`_CLIENT_LETTER`,
        :data:`_CLIENT_LETTERS`) and several people by letters (:data:`_NOTE_LETTERS`)."""
        out = []

        def add(m: re.Match[str], why: str) -> None:
            out.append(Detection(m.start("id"), m.end("id"), "PERSON", 0.6, self.name,
                                 "slot:" + why))

        if ":" in text:
            for m in _CHAT_SPEAKER.finditer(text):  # a turn after its clock time, or a
                # turn's speaker before the words quoted ('Mark: "can someone cover" / Holly:')
                g = "id" if m.group("id") else "quoted"
                if _owner(m.group(g).title()):
                    out.append(Detection(m.start(g), m.end(g), "PERSON", 0.6, self.name,
                                         "slot:chat_speaker"))
            for m in _AGENT_NAME.finditer(text):
                if _owner(m.group("id").title()):
                    add(m, "agent_name")
        for m in _THANKED_NAME.finditer(text):
            word = m.group("id")
            low = word.lower()
            if _owner(word.title()) and low not in _ADDRESS_WORDS and (
                    word[0].isupper() or low in _MODAL_NAMES or low not in SPACY_STOP_WORDS):
                add(m, "thanked_name")
        for m in _SELF_LETTERS.finditer(text):
            low = m.group("id")
            if low not in SPACY_STOP_WORDS and low not in _NOT_SIGNOFF and \
                    low not in _TEXT_SPEAK_LETTERS:
                add(m, "self_letters")
        for m in _GLUED_TITLE.finditer(text):
            if _owner(m.group("id")):
                add(m, "glued_title")
        for m in _CASE_NAME.finditer(text) if " v" in text else ():
            add(m, "case_name")
        for m in _SCHOOL_YEAR_NAME.finditer(text) if "(" in text else ():
            if _pupil(m.group("id")):
                add(m, "school_year_name")
        for m in _PERSON_FIELD.finditer(text) if ":" in text else ():
            if _pupil(m.group("id")):
                add(m, "person_field")
        for m in _CLIENT_LETTER.finditer(text):
            letter = m.group("id").rstrip(".")
            if letter == "A" and not _CLIENT_A_AFTER.match(text, m.end()):
                continue
            if len(letter) == 1 and letter != "I" or "." in letter and _pupil(letter):
                add(m, "client_letter")
        for m in _CLIENT_LETTERS.finditer(text):
            letters = list(re.finditer(r"[A-Z]", m.group("list")))
            if "".join(c.group() for c in letters) == "AE":
                continue  # "patients A and E": the emergency department
            for c in letters:
                # "I" is the writer; "A" is the article in a pair ("patients A and E")
                if c.group() != "I" and (c.group() != "A" or len(letters) > 2):
                    out.append(Detection(m.start("list") + c.start(), m.start("list") + c.end(),
                                         "PERSON", 0.6, self.name, "slot:client_letter"))
        for m in _NOTE_LETTERS.finditer(text) if not text.isupper() and \
                _LONE_LETTER.search(text) else ():
            letters = re.findall(r"[A-Z]", m.group("list"))
            if (m.group("verb") or m.group("next")) and "".join(letters) != "AE" and \
                    (letters[0] != "A" or len(letters) > 2):
                out.extend(Detection(m.start("list") + c.start(), m.start("list") + c.end(),
                                     "PERSON", 0.6, self.name, "slot:client_letter")
                           for c in re.finditer(r"[A-Z]", m.group("list")))
        return out

    def _case_note_people(self, text: str) -> list[Detection]:
        """People as case notes and chronologies keep them unnamed: two capitals before their
        post in brackets (:data:`_INITIALS_POST`), a relative's letter or initials in brackets
        (:data:`_KIN_BRACKET`), and the letter or capitals a dated line opens with
        (:data:`_DATED_SUBJECT`)."""
        from survey.anonymise.lexicon import ROLE_WORDS, is_role_or_generic

        if text.isupper():
            return []
        out = []

        def add(start: int, end: int, why: str) -> None:
            out.append(Detection(start, end, "PERSON", 0.6, self.name, "slot:" + why))

        for m in _INITIALS_POST.finditer(text) if "(" in text else ():
            word, post = m.group("id"), m.group("post")
            first = re.match(r"[A-Za-z]+", post).group().lower()
            spelt = "".join(w[0] for w in re.findall(r"[A-Za-z]+", post)).upper()
            if (is_role_or_generic(first) or first in _POST_WORDS or first in _AGENCIES) and \
                    not spelt.startswith(word) and word.lower() not in ROLE_WORDS and \
                    word.lower() not in _POST_CAPITALS and not is_relation(word):
                add(m.start("id"), m.end("id"), "initials_post")
        for m in _KIN_BRACKET.finditer(text) if "(" in text else ():
            if _KIN_BEFORE.search(text, max(0, m.start() - 16), m.start()) is None:
                continue
            base = m.start("list")
            for item in _KIN_ITEM.finditer(m.group("list")):
                word = item.group("id")
                if word not in ("A", "I") and (len(word) != 2 or _owner(word)):
                    add(base + item.start("id"), base + item.end("id"), "kin_bracket")
        for m in _DATED_SUBJECT.finditer(text):
            word = m.group("id")
            if len(word) == 1 or _initials_own(m, "id", text):
                add(m.start("id"), m.end("id"), "dated_subject")
        return out

    def _initials_owners(self, text: str) -> list[Detection]:
        """Two capitals owning a line in a note that records no meeting ("MJ to write", "RJ
        advised", "Wed - LS changed her mind"; a name-word alone needs minutes:
        :meth:`_action_log`)."""
        return [Detection(m.start("id"), m.end("id"), "PERSON", 0.6, self.name,
                          "slot:initials_owner")
                for m in _ACTION_OWNER.finditer(text)
                if m.group("id").isupper() and _initials_own(m, "id", text) and
                (m.group("verb") is None or m.group("verb") not in SPACY_STOP_WORDS or
                 m.group("verb") in _ACTION_STOP_VERBS) and _imperative_owned(m, text)]

    def _bracket_list(self, text: str) -> list[Detection]:
        """People listed with their service or role in brackets, two or more in a row, as
        minutes write them ("Rose (EDT), Sam Ng (police), AD (school nurse)"): a first name or
        two capitals alone there is a person."""
        items = list(_BRACKET_ITEM.finditer(text))
        # whether each item and the next are one list ("Rose (EDT), Sam Ng (police)")
        links = [_LIST_GAP.fullmatch(text, a.end(), b.start()) is not None
                 for a, b in zip(items, items[1:])]
        return [Detection(m.start("id"), m.end("id"), "PERSON", 0.6, self.name,
                          "slot:bracket_list")
                for i, m in enumerate(items)
                if (i > 0 and links[i - 1] or i < len(links) and links[i]) and
                " " not in m.group("id") and _owner(m.group("id"))]

    def _listed_people(self, text: str, start: int, end: int, reason: str) -> list[Detection]:
        """First names and initials standing alone in a list of attendees (text[start:end]);
        bracketed roles are passed over, full names are left to the other recognisers."""
        # brackets blanked and "and" made a separator, offsets kept ("Will and Grace (SU reps)")
        plain = re.sub(r"\([^()]*\)|\band\b",
                       lambda b: " , " if b.group() == "and" else " " * len(b.group()),
                       text[start:end])
        # (a first name and a capitalised surname together too: "Dawn Price")
        return [Detection(start + m.start(), start + m.end(), "PERSON", 0.6, self.name, reason)
                for m in re.finditer(r"[^\s,;&](?:[^,;&]*[^\s,;&])?", plain)
                if re.fullmatch(r"[A-Z][a-z]+|[A-Z]{2}", m.group()) and _owner(m.group()) or
                re.fullmatch(r"[A-Z][a-z]+ [A-Z][a-z'’-]+", m.group()) and
                _owner(m.group().split()[0]) and not _role(m.group().split()[1])]


#: Words a message thanks someone by that are no name ("cheers mate x", "ty hun x").
_ADDRESS_WORDS = frozenset("mate mates pal bro bruv babe babes hun hon love luv darling sweetie "
                           "petal pet chuck duck lovely guys all everyone team".split())
#: What a writer could type after "hi im" that is a word, not initials or a name ("hi im ok.",
#: "hi im k": "okay").
_TEXT_SPEAK_LETTERS = frozenset("ok okay k kk ya ye yh ur u r n x xx".split())


#: Greetings the first-name list also holds ("Hi, can you help"): no one's name.
_GREETINGS = frozenset("hi hiya hey hello ok okay yes no sorry".split())


def _pupil(word: str) -> bool:
    """A first name (each part of a hyphenated one; not a word for who someone is: "Pupil",
    "Child") or initials (dotted, or one to three capitals that are no role or abbreviation:
    "J", "KL", not "A", "PE", "SEN"), standing for a pupil in a school's note or form."""
    from survey.anonymise.lexicon import ABBREVIATION_WORDS, GENERIC_WORDS

    if "." in word:
        return re.sub(r"\s", "", word).lower() not in _DOTTED_WORDS
    if word.isupper():
        low = word.lower()
        if len(word) == 2:
            return _owner(word)
        return word not in ("I", "A") and low not in ABBREVIATION_WORDS and \
            low not in GENERIC_WORDS and not _role(word)
    return all(_owner(part) for part in word.split("-"))


def _owner(word: str) -> bool:
    """A capitalised first name (a modal-spelt one too: "Will", "May"; not a word that is only
    an adjective: "Happy to attend") or two capitals that
    are no role, agency or abbreviation ("RM", not "GP", "YP", "SW", "NB"), standing for a
    person in minutes."""
    from survey.anonymise.lexicon import ABBREVIATION_WORDS, GENERIC_WORDS

    low = word.lower()
    if word.isupper():
        return len(word) == 2 and not is_relation(word) and low not in SPACY_STOP_WORDS and \
            low not in ABBREVIATION_WORDS and low not in NOT_OWNER and \
            (low not in GENERIC_WORDS or low in ("ms", "tb"))
    return word in _first_names() and not adjective_only(low) and (
        low in _MODAL_NAMES or low not in _NEVER and not _role(word))
