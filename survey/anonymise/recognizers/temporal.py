"""Specific dates and times ("3 March 2023", "12/03/2023", "at 3pm") and ages ("I was 14")."""

from __future__ import annotations

import functools
import re
from typing import ClassVar

from survey.anonymise.alternation import alternation
from survey.anonymise.recognizers.base import PatternRecognizer
from survey.anonymise.spans import Detection

MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|"
          "December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec")
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
#: A month; a full stop only after an abbreviation ("Oct."): "in October. 2 visits" is two
#: sentences, not a date.
_MONTH = ("(?:(?:January|February|March|April|May|June|July|August|September|October|November|"
          r"December)|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)")
_YEAR = r"(?:19|20)\d{2}"
#: A day of the month in words: "the twenty third of may", "the first of june".
_ORD_WORD = (r"(?:(?:(?:twenty|thirty)[\s-])?(?:first|second|third|fourth|fifth|sixth|seventh|"
             r"eighth|ninth)|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|"
             r"sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)")
NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
NUMBER_WORDS.update({"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
                     "seventy": 70, "eighty": 80, "ninety": 90})
_NUM_WORD = alternation(sorted(NUMBER_WORDS, key=len, reverse=True), fold=False)
#: A child's age in words in a list of ages ("3 and six", "fourteen"): one to nineteen.
_AGE_WORD = alternation(sorted((w for w, n in NUMBER_WORDS.items() if 1 <= n <= 19 and
                               " " not in w and "-" not in w), key=len, reverse=True), fold=False)
#: Number words from thirteen up: "at sixteen I left" is an age, "at ten" is more often a time.
_TEEN_UP = alternation(sorted((w for w, n in NUMBER_WORDS.items() if n >= 13), key=len,
                              reverse=True), fold=False)
_UNIT = "(?:[ -](?:one|two|three|four|five|six|seven|eight|nine))?"
#: Capitalised words before "is 5" that are no one's name ("It is 5", "Mum is 80" is a parent).
_NOT_A_NAME = frozenset({"it", "this", "that", "there", "what", "which", "who", "he", "she",
                         "mum", "dad", "mam", "nan", "gran", "score", "rating", "number",
                         "age", "june", "may", "april", "august"})


def _first_name(word: str) -> bool:
    """A known first name that is none of :data:`_NOT_A_NAME` ("Kieran", not "It" or "Mum")."""
    from survey.anonymise.recognizers.gazetteer import load_names

    return word in load_names("first") and word.lower() not in _NOT_A_NAME


#: Years 12 and 13 by their names (the generalise operator reads them as ages 16 to 18).
SIXTH_FORM = r"(?:sixth\s+form|lower\s+sixth|upper\s+sixth)"
#: A school year in figures or words: "year 9", "yr 10", "year nine".
_NUMBERED_YEAR = (r"(?:year|yr)\s?(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|"
                  r"eleven|twelve|thirteen)")
_SCHOOL_YEAR = rf"(?:[pP][1-7]\b|{_NUMBERED_YEAR}|(?i:primary)\s?[1-7]\b|(?i:{SIXTH_FORM}))"
#: A pupil's school year in brackets, as school notes write it after their name, initials or the
#: word for them: "(Y5)", "(Year 10, ...)" (group ``year``; the name slots read it too).
SCHOOL_YEAR_BRACKET = rf"\(\s*(?P<year>Y(?:1[0-3]|[1-9])|(?i:{_NUMBERED_YEAR}))\s*[),]"
#: What may follow a year that is a plan's, a budget's or a range's, not a pupil's: "year 2 of
#: the contract", "year 3 funding", "year 7 upwards".
_NOT_A_PUPILS_YEAR = (r"[/.:-]\s*\d|of\b|funding|budget|contract|plan|evaluation|report|review|"
                      r"upwards|onwards|up\b|\+|plus\b|and\s+(?:up|over|above|older)\b")


#: A weekday cut short, as notes write it ("Tues", "Weds", "Thurs"): "sat" and "sun" only with
#: a capital, as the verb and the noun are lower case.
_WEEKDAY_SHORT = r"(?:(?-i:Sat|Sun|SAT|SUN)|mon|tues?|weds?|thurs?|thu|fri)"


#: A day and month in figures with a slash, no year ("2/5", "17/10"), read only after a cue:
#: not "24/7", not a count, a share or a score after it ("4/5 times", "1/2-1 hr", "3/10
#: stars", "3/4 of staff"), not after "about", "around", "perhaps" or "every".
_NOTED_DAY_MONTH = (r"(?<!about\s)(?<!around\s)(?<!perhaps\s)(?<!every\s)(?!24/7\b)"
                    r"(?P<id>(?:[12]\d|3[01]|0?[1-9])/(?:1[0-2]|0?[1-9]))(?![/\d-]|\.\d)"
                    r"(?!\s*(?:times?|weeks?|wks?|days?|hours?|hrs?|months?|years?|yrs?|mins?|"
                    r"minutes?|stars?|out\s+of|for|people|patients|clients|of)\b)")
#: A score out of ten opening a review: "10/10 would recommend", "9/10 for the care".
_SCORE_OPENING = (r"(?!(?:[1-9]|10)/10\s+(?i:would|for|from|service|experience|overall|"
                  r"definitely|highly|recommend|great|excellent|amazing|brilliant|very|so|thank|"
                  r"thanks|every|again|as|the|and)\b)")


#: Things whose age is given like a person's ("a 6 year old x ray", "a 15 year old boiler"):
#: no one's age.
_THING = (r"(?i:x[\s-]?rays?|scans?|mri|results?|letters?|referrals?|prescriptions?|records?|"
          r"blood\s+tests?|tests?|reports?|photos?|pictures?|data|information|info|diagnosis|"
          r"cars?|vans?|boilers?|phones?|laptops?|computers?|house|houses|buildings?|systems?|"
          r"equipment|machines?|mattress|sofa|carpets?|windows?|kitchen|bathroom|notes)\b")


class DateRecognizer(PatternRecognizer):
    """Specific dates: numeric, ISO, day-month(-year), month-year, and years after a cue.

    Vague expressions ("last Tuesday", "a few years ago") are not identifiers and are left alone.
    """

    name = "time.date.v1"
    entities = ("DATE",)
    ENTITY = "DATE"
    FLAGS = re.IGNORECASE
    #: Patterns read only where their text can be (a day and month in figures needs "/").
    NEEDS: ClassVar[dict[str, tuple[str, ...]]] = {
        "noted_day_month": ("/",), "day_month_colon": ("/",), "day_month_opening": ("/",),
        "day_month_the": ("/",),
        "cued_day_month": ("/",), "day_month_numeric": ("/",), "day_month_clock": ("/",),
    }
    PATTERNS = (
        ("iso", rf"\b{_YEAR}-[01]\d-[0-3]\d(?:[ T][0-2]\d:[0-5]\d(?::[0-5]\d)?)?\b", 0.9),
        # (not the start of a range of clock times: "9.30-12.30")
        ("numeric", r"(?<![.:])\b(?:[0-3]?\d)[/.-](?:[0-3]?\d)[/.-](?:\d{4}|\d{2})\b(?![.:]\d)",
         0.8),
        # "the 22nd of may", "the twenty third of may", "Tue 3 March 2023" ("the" is part of it)
        ("day_month", rf"\b(?:the\s+)?(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|"
                      rf"sunday|mon|tues?|wed|thurs?|fri|sat|sun)\.?,?\s+(?:the\s+)?)?"
                      rf"(?:{_DAY}\s+(?:and|&|or|to|-)\s+(?:the\s+)?)?"
                      rf"(?:{_DAY}(?:\s+of)?|{_ORD_WORD}\s+of)\s+(?:{MONTHS})\b\.?"
                      rf"(?:,?\s+{_YEAR})?", 0.8),
        ("month_day", rf"\b{_MONTH}\s+{_DAY}\b(?:,?\s+{_YEAR})?", 0.7),
        # a date an export or a writer ran together: "21sept1958", "3march2001", "4jan62"
        ("glued", rf"(?<![\w'’])(?:[0-2]?[1-9]|[123]0|31)(?:st|nd|rd|th)?(?:{MONTHS})"
                  rf"(?:\d{{4}}|\d{{2}})(?![\w'’])", 0.75),
        # a weekday with its day of the month, no month: "on monday 3rd", "ready on thursday
        # 17", "monday the 14th" (one week in a month: a date); not a clock time or a count
        # after it ("monday 9am", "monday 2 weeks ago", "sunday 10 minutes")
        ("weekday_day", r"(?<!to\s)(?<!-\s)(?<!–\s)(?<!-)(?<!–)"
                        r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+"
                        r"(?:the\s+)?(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b"
                        r"(?![.:]\d|\s*(?:am|pm|a\.m|p\.m|o['’]?clock|hours?|hrs?|mins?|minutes?|"
                        r"days?|weeks?|wks?|months?|years?|yrs?|times?|people|patients|of|x|%|"
                        r"-|–|/|to|till|til|until|onwards)\b|\s*[%x/-]|\s*:\d)", 0.6),
        # the same with the weekday cut short, as notes and e-mails write it: "booked Tues 4th",
        # "Mon 15th at Carlisle", "Weds 26th" (the day's ending is needed; "sat" and "sun" only
        # with a capital, as the verb and the noun are lower case; "fri 13th" is the unlucky
        # day of the saying)
        ("weekday_short_day", r"(?<!-\s)(?<!–\s)(?<!-)(?<!–)"
                              r"(?!(?i:fri)\.?\s+(?:the\s+)?13th)\b" + _WEEKDAY_SHORT + r"\.?\s+"
                              r"(?:the\s+)?(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)\b"
                              r"(?!\s*(?:of|x|%|-|–|/|to|till|til|until|onwards)\b|\s*[%x/-]|"
                              r"\s*:\d)",
         0.6),
        # a weekday and a day and month in figures: "Wed 5/3", "Tues 11.02", "Thurs 20.3" (the
        # weekday makes it a date, not a score or a clock time: "Mon 9.30" has no month 30)
        ("weekday_day_month", r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
                              + _WEEKDAY_SHORT + r")\.?,?\s+"
                              r"(?:[12]\d|3[01]|0?[1-9])[/.](?:1[0-2]|0?[1-9])\b"
                              r"(?![/.]\d|\s*(?:am|pm|a\.m|p\.m)\b)", 0.6),
        # the day a range ends after a day and month: "since 4th June to 22nd"
        ("day_month_to_day", rf"\b{_DAY}(?:\s+of)?\s+(?:{MONTHS})\s+(?:to|till|until|-|–)\s+"
                             rf"(?:the\s+)?(?P<id>(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th))\b", 0.6),
        # a holiday that is one day of the year: "all on boxing day", "rang on christmas eve"
        ("holiday_day", r"\b(?:on|over|since|until|till|by|from|spent|and)\s+"
                        r"(?P<id>(?:boxing|christmas|xmas)"
                        r"\s+(?:day|eve)|new\s+year['’]?s\s+(?:day|eve))\b", 0.55),
        # a day and month after a word of scheduling: "next review 19/1", "seen on 3/11"
        # (not after "from" or "by": "from 4/10 to 8/10" is a score, "1/2" a fraction)
        ("cued_day_month", r"\b(?:review|reviewed|meeting|appt|appointment|due|seen|until)"
                           r"\s+(?:on\s+)?(?P<id>(?:[12]?\d|3[01])/(?:1[0-2]|0?[1-9]))"
                           r"(?![/\d]|\.\d)", 0.6),
        ("holiday_year", rf"\b(?:Christmas(?:\s+(?:Eve|Day))?|Boxing\s+Day|New\s+Year's\s+"
                         rf"(?:Eve|Day)|Easter(?:\s+(?:Sunday|Monday))?|Bonfire\s+Night|"
                         rf"Hallowe'?en|Valentine's\s+Day|Mother's\s+Day|Father's\s+Day|Eid|"
                         rf"Diwali)\s+{_YEAR}\b", 0.75),
        ("month_year", rf"\b{_MONTH},?\s+{_YEAR}\b", 0.75),
        # case notes: a day and month in figures a few words after a word of what was done
        # ("JH called 2/5", "Referral received 12/09", "Discussed at MARAC 11/06", "Letter sent
        # 5/7"), before a colon ("Notes 17/10:", "Visit notes 25/9 (SR):") or opening a line
        # ("2/5 TC with client"); not a count ("about 4/5 times", "6/7 weeks", "1/2-1 hr"), a
        # score ("4/10 stars", "out of") or "24/7"
        ("noted_day_month", r"\b(?:seen|called|rang|phoned|emailed|texted|received|sent|referred|"
                            r"referral|updated|discussed|visit|visited|notes?|triage|call|tc|"
                            r"attended|reviewed|booked|clinic|marac|supervision|outreach|home|"
                            r"system|pathway|strategy|meeting|letter|contacted|spoke|dna|til|"
                            r"w/c|expected|rearranged|offered|rebooked|listed|arranged|minutes|"
                            r"forum|conference|review|huddle|panel|contact|proposed|chased|"
                            r"chasing|handover|interviewed|charged|arrested|released|release|"
                            r"bailed|informed|disclosed|added|passed|signed|flagged|follow|"
                            r"hearing|leave|submitted|opened|closed|incident|report|abe|"
                            r"application|enquiry|appeal|sentencing|plea|statement)"
                            # (a colon may follow the word: "Police report: 15/09.")
                            r":?(?:,?[ \t]+[\w'’()&-]+){0,4}?,?[ \t]+" + _NOTED_DAY_MONTH, 0.55),
        ("day_month_colon", r"(?<![\w/.])" + _NOTED_DAY_MONTH +
                            r"(?=(?:\s*\([a-z]{1,3}\.?\))?\s*:)", 0.55),
        ("day_month_opening", r"(?:^|(?<=\n)|(?<=[\"“]))[ \t]*" + _SCORE_OPENING +
                              _NOTED_DAY_MONTH +
         r"(?=\s+[a-z])", 0.55),
        # a day and month in figures naming an event after "the": "book interpreters for the
        # 15/12 pre-trial visit"
        ("day_month_the", r"\bthe\s+(?P<id>(?:[12]\d|3[01]|0?[1-9])/(?:1[0-2]|0?[1-9]))"
                          r"(?=\s+(?:pre-?trial|visit|hearing|appointment|meeting|session|"
                          r"trial|court|interview|deadline|call|abe|marac|strategy|"
                          r"mention|listing|sentencing|referral|disclosure|incident)\b)", 0.55),
        # a day and month in figures before a clock time: "booked for 19/10 10:00"
        ("day_month_clock", r"(?<![\w/.])" + _NOTED_DAY_MONTH +
                            r"(?=\s+(?:at\s+)?(?:[01]?\d|2[0-3])[:.][0-5]\d\b)", 0.55),
        # a day and month in figures after "on", "by", "since"...: "a text on 2/10", "seen
        # on 14/2" (not "2/10 stars", a score)
        ("day_month_numeric", r"\b(?:on|by|from|until|till|since|dated?|(?:appointment|"
                              r"hearing|date|trial|court|booked|cancelled|moved)\s+(?:\w+\s+)?"
                              r"for|then)\s+"
                              r"(?P<id>(?:[12]\d|3[01]|0?[1-9])/(?:1[0-2]|0?[1-9]))"
                              r"(?![/\d]|\.\d)(?!\s*(?:stars?|for|out\s+of)\b)", 0.6),
        # the same with a dot, the month in two figures: "the nurse on 17.12 was excellent"
        # (not "on 2.5 tablets", "on 1.10 mg", "on 3.10 out of 5")
        ("day_month_dotted", r"\b(?:on|by|from|until|till|since|dated?)\s+"
                             r"(?P<id>(?:[12]\d|3[01]|0?[1-9])\.(?:1[0-2]|0[1-9]))"
                             r"(?![/.,]?\d)(?!\s*(?:am|pm|mg|ml|mcg|kg|g|%|stars?|out\s+of|"
                             r"hours?|hrs?|miles?|percent|points?|per)\b)", 0.55),
        # a whole date in figures with spaces for its strokes, after "on (the)", "by", "for"
        # or "dated" ("the call on 3 11 25", "booked for 4 3 25": a form or phone that drops
        # the slashes), not a run of counts
        ("day_month_spaced", r"\b(?:on(?:\s+the)?|by|dated?|of|from|since|for|until|till)\s+"
                             r"(?P<id>(?:[12]\d|3[01]|0?[1-9])\s(?:1[0-2]|0?[1-9])\s"
                             r"(?:20\d{2}|\d{2}))(?![\d/.])(?!\s*(?:am|pm|mins?|minutes?|"
                             r"hours?|hrs?|days?|weeks?|months?|years?|times|occasions|"
                             r"people|patients|calls|%)\b)", 0.55),
        # a year alone is no identifier ("since 2019", "in 2022": the annotation guide), a
        # year of birth is
        ("year_cue", rf"(?:\bborn\s+(?:in\s+)?)(?P<id>{_YEAR})\b", 0.4),
    )
    #: A month and year read as a period, not a day: "in March 2020", "during June 2019", a
    #: month and year in brackets beside an event ("seen by CAMHS (March 2019)") (policy: a
    #: month with a year is not identifying; "on August 2022" still counts, and so do "since
    #: June 2022" and "until August 2022", which the synthetic sets mark as dates).
    _PERIOD_BEFORE = re.compile(r"(?:\b(?:in|during|around)\s+|\(\s*)$", re.IGNORECASE)

    #: A case note: a text or a line that opens with a day and month in figures ("2/5 TC with
    #: client", "14/9 new ref."), or a sentence that opens with both in two figures each
    #: ("Chronology attached. 02/10 disclosure to tutor"; not "Great. 10/10 would recommend",
    #: a score), where every other such day and month is a date too.
    _NOTE_OPENING = re.compile(r"(?:(?:^|\n|[\"“])[ \t]*" + _SCORE_OPENING +
                               r"(?:[12]\d|3[01]|0?[1-9])/(?:1[0-2]|0?[1-9])|"
                               r"(?<=[.:;]\s)(?!10/10)(?:[012]\d|3[01])/(?:0[1-9]|1[0-2]))"
                               r"(?:/\d{2,4})?\b(?![/\d])(?=[ \t]*[:-]?[ \t]+[A-Za-z])")
    _NOTED_ANYWHERE = re.compile(r"(?<![\w/.])" + _NOTED_DAY_MONTH, re.IGNORECASE)
    #: ... or minutes of a meeting about a case, pasted in ("Actions from the 12/11 MARAC:",
    #: "strategy meeting", "Present:"), where a day and month in figures is a date as well.
    _MEETING = re.compile(r"(?i:\bmarac\b|\bhandover\b|\bcase\s*notes?\b|"
                          r"\bstrategy\s+(?:meeting|discussion)\b|\bminutes\b|"
                          r"\bcase\s+conference\b|\bcore\s+group\b|\bactions?\s*:|"
                          r"\bpresent\s*:|\bagreed\s*:)")
    #: ... but not a score: "rated us 9/10", "gave it 8/10".
    _SCORE_BEFORE = re.compile(r"(?i:\b(?:rate|rated|rating|score|scored|gave|give|marks?))\W+"
                               r"(?:\w+\W+)?$")

    #: The end of a range after a day and month found: "appt moved from 12/3 to 19/3".
    _RANGE_END = re.compile(r"\s*(?:to|till|until|-|–)\s*(?P<id>(?:[12]\d|3[01]|0?[1-9])/"
                            r"(?:1[0-2]|0?[1-9]))(?![/\d]|\.\d)(?!\s*(?:stars?|out\s+of)\b)",
                            re.IGNORECASE)

    #: ... after a word of moving or booking ("moved from 12/3 to 19/3"; "from 4/10 to 8/10" is
    #: a score's change).
    _RANGE_CUE = re.compile(r"(?i:\b(?:appt|appointment|moved|changed|rearranged|rebooked|booked|"
                            r"leave|away|off|trial|hearing|court|review|closed|postponed))\b")

    def detect(self, text: str) -> list[Detection]:
        """The patterns, and in a case note (:data:`_NOTE_OPENING`) every other day and month
        in figures ("appt moved to 25/4", "verdict expected 17/8"): not a count or a score;
        the end of a range of such dates ("from 12/3 to 19/3")."""
        out = super().detect(text)
        for d in list(out) if "/" in text else ():
            m = self._RANGE_END.match(text, d.end)
            if m and re.fullmatch(r"\d{1,2}/\d{1,2}", text[d.start:d.end]) and \
                    self._RANGE_CUE.search(text, max(0, d.start - 40), d.start):
                out.append(Detection(m.start("id"), m.end("id"), self.ENTITY, 0.55, self.name,
                                     "day_month_range_end"))
        if "/" in text and (self._NOTE_OPENING.search(text) or self._MEETING.search(text)):
            for m in self._NOTED_ANYWHERE.finditer(text):
                if self._SCORE_BEFORE.search(text, max(0, m.start() - 24), m.start()):
                    continue  # "rated us 9/10": a score
                if not any(d.start < m.end("id") and m.start("id") < d.end for d in out):
                    out.append(Detection(m.start("id"), m.end("id"), self.ENTITY, 0.55,
                                         self.name, "case_note_day_month"))
        return out

    def check(self, match: re.Match[str]) -> bool | None:
        """Drop a month-year read as a period."""
        if match.re is next(rx for name, rx, _ in self._patterns() if name == "month_year") and \
                self._PERIOD_BEFORE.search(match.string[max(0, match.start() - 10):match.start()]):
            return False
        return None


class TimeRecognizer(PatternRecognizer):
    """Clock times: "at 3pm", "10:30", "half past nine" is left alone."""

    name = "time.time.v1"
    entities = ("TIME",)
    ENTITY = "TIME"
    FLAGS = re.IGNORECASE
    PATTERNS = (
        ("ampm", r"\b(?:[01]?\d)(?:[:.][0-5]\d)?\s?(?:am|pm|a\.m\.|p\.m\.)(?!\w)", 0.7),
        ("clock", r"(?<![\d:])(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?![\d:])", 0.6),
    )


class AgeRecognizer(PatternRecognizer):
    """Ages: "I was 14", "aged 16", "a 15 year old", "15-year-old", "at fourteen".

    The grammar of a stated age, in the forms people write it: "N year(s)/yr(s) old",
    "N-year-old", "N yo", "N years of age", "aged N", "age: N", "I am / I'm / Im N" (also
    "nearly", "almost", "now"), "being N", "at N" before a clause ("at 16 i left home"), "a
    lady / man / child of N", "my/our <relative> is N" and "Mum is N", "who is / who's N",
    "my Nth birthday", "N 1/2", numbers in words ("eighty four"). Not ages: durations and
    counts ("I was 2 years on the list", "I'm 5 years clean", "being 2 hours late", "at 90
    minutes", "a mother of 3"), thresholds ("age 18 and over"), score pairs ("50 50"), and
    decades ("in my 80s"), which are age groups the policy keeps.

    The span covers the number only, so the generalise operator can band it ("[AGE 13-15]").
    """

    name = "person.age.v1"
    entities = ("AGE",)
    ENTITY = "AGE"
    FLAGS = re.IGNORECASE
    #: The number, with a half if given ("89 1/2", "6½", "4 and a half").
    _N = rf"(?P<id>\d{{1,3}}(?:\s*(?:1/2|½)|\s+and\s+a\s+half)?|(?:{_NUM_WORD}){_UNIT})"
    #: An age of thirteen or more, for slots where a smaller number is usually a clock time.
    _N13 = rf"(?P<id>(?:1[3-9]|[2-9]\d|1[01]\d)(?:\s*(?:1/2|½))?|(?:{_TEEN_UP}){_UNIT})"
    #: Words that soften an age without changing it ("I am nearly 90", "he's like 80").
    _ABOUT = (r"(?:only\s+|just\s+|about\s+|around\s+|nearly\s+|almost\s+|now\s+|still\s+|"
              r"like\s+)?")
    _RELATIVE = (r"(?:son|daughter|child|kid|boy|girl|baby|brother|sister|niece|nephew|lad|lass|"
                 r"bairn|wean|wee\s+one|little\s+one|eldest|youngest|oldest|middle\s+one|"
                 r"grandson|granddaughter|stepson|stepdaughter|mum|mom|mother|dad|father|"
                 r"husband|wife|partner|nan|nana|gran|granny|grandma|grandad|grandmother|"
                 r"grandfather|aunt|auntie|uncle|mam|grandpa|teenager|teen|toddler|bro|sis|"
                 r"cousin|stepmum|stepdad)")
    _NOT_COUNT = (r"(?!\s*(?:%|am\b|pm\b|:|times|minutes|mins|hours|hrs|days|weeks|months|"
                  r"miles|percent|of\b|or\s+\d|x\b))")
    #: Not a clock time, a measure or a duration after an age "at N" ("at 16:30", "at 14 mph").
    _NOT_CLOCK = (r"(?![.:]\d|-|\s*(?:o['’]?clock|am\b|pm\b|%|hrs?\b|hours|minutes|mins|"
                  r"percent|mph|miles|years|weeks|days|months|times|points|pounds))")
    PATTERNS = (
        # case-note shorthand: "Client (51) seen at home", "client 78, lives alone", "client
        # now 63,", "Client was 12 at time of disclosure" (ten or more: "client 2" is a count)
        ("client_age", r"\b(?:client|patient|pt|s/u|service\s+user|yp|young\s+person|victim|"
                       r"survivor|complainant|child)"
                       r"(?:\s*\(\s*|,?\s+(?:now\s+|was\s+|is\s+|aged\s+)?)"
                       r"(?P<id>1\d|[2-9]\d|1[01]\d)"
                       r"(?=\s*\)|\s*[,;]|\s*\.(?!\d)|\s+(?:at|when|lives|living|disclosed|yrs?\b|"
                       r"years?\b|y/?o\b)|\s+[-–]\s|"
                       # "Victim is 63 and Deaf": a clause about them
                       r"\s+and\s+(?:a|an|the|has|is|was|lives|living|deaf|disabled|pregnant|"
                       r"autistic|blind)\b)", 0.7),
        # a child's age in case notes and minutes: "child is 6.", "Child is 8, disclosed", "the
        # young person is 15 and" (the number then a stop or a clause, not a count)
        # ... also the one the writer supports: "the young person I care for is 16", "the
        # young woman I support is 17"
        ("child_is", r"\b(?:child|young\s+(?:person|woman|man|lad)|yp|pupil|teenager)"
                     r"(?:\s+(?:I|we|i)\s+(?:care\s+for|support|look\s+after|work\s+with|"
                     r"foster|advocate\s+for|am\s+supporting))?\s+(?:is|was)\s+(?:only\s+|now\s+|"
                     r"just\s+)?(?P<id>1[0-9]|[1-9])(?=\s*[,;]|\s*\.(?!\d)|\s*$|\s+(?:and|when|"
                     r"at\s+the\s+time)\b)", 0.65),
        # the writer's age set off after who they are: "i'm a bloke, 41, and", "I'm a retired
        # joiner, 66." (up to four words, text-speak "n" among them: "i'm gay n disabled, 30,")
        ("self_aside", r"\b(?:i['’]?m|i\s+am|im)\s+(?:(?:a|an)\s+)?[a-z][a-z-]*"
                       r"(?:\s+[a-z][a-z-]*){0,3},\s*"
                       r"(?P<id>1[3-9]|[2-9]\d|1[01]\d)(?=\s*(?:,|;|\.(?!\d)|$))", 0.7),
        # (not the age of a thing: "a 6 year old x ray", "a 10 year old car")
        ("years_old", rf"\b{_N}[ -]?(?:years?|yrs?)[ -]?old\b(?![ -]+{_THING})", 0.75),
        ("years_of_age", rf"\b{_N}\s+(?:years?|yrs?)\s+of\s+age\b", 0.75),
        ("yo", rf"\b{_N}\s?(?:yo|y/o|y\.o\.)(?!\w)", 0.7),
        # "at 82 years young": never a rule's wording, so no rule check before it
        ("years_young", rf"\b{_N}[ -]?(?:years?|yrs?)[ -]?young\b", 0.7),
        # the youngest or oldest of a group: "our youngest client this year was 11", "the
        # oldest 84", "youngest 58" (an age that picks out one person)
        ("superlative", rf"\b(?:youngest|oldest|eldest)\b(?:\s+(?!was\b|is\b)[a-z'’]+){{0,6}}?"
                        rf"(?:,?\s+(?:was|is|were|being)\s+(?:only\s+|just\s+)?|,?\s+)"
                        rf"{_N}\b{_NOT_COUNT}(?!\s*(?:years?|yrs?)\s+(?:ago|later|on|in))", 0.6),
        # arriving or leaving at an age: "arrived alone at 16", "came here at nineteen"
        ("arrived_at", rf"\b(?:arrived|came|got\s+here|came\s+over|fled)\b"
                       rf"(?:\s+[a-z]+){{0,2}}?\s+at\s+{_N13}\b{_NOT_COUNT}", 0.6),
        # the age at which something happened to someone: "i was abused at 9", "referred at
        # 14", "diagnosed at 12", "adopted at six" (not a clock time: "at 9am", "at 9.30")
        ("event_at", rf"\b(?:abused|assaulted|raped|attacked|groomed|exploited|targeted|"
                     rf"referred|diagnosed|adopted|fostered|excluded|expelled|sectioned|"
                     rf"taken\s+into\s+care|put\s+(?:in|into)\s+care|went\s+into\s+care)\b"
                     rf"(?:\s+[a-z]+){{0,2}}?\s+at\s+{_N}\b{_NOT_COUNT}(?![.:]\d|\s*o['’]?clock)"
                     rf"(?=\s*(?:[,.;!?)]|$|(?:and|but|by|when|so|i|he|she|it|then|after|"
                     rf"before|till|until|in)\b))", 0.6),
        # what happened in a life at an age: "I joined the army at seventeen", "left at
        # fifteen", "it happened to me at 14", "told her at ten", "took his own life at
        # nineteen" (digits thirteen or more: "left at 5" is a clock time; not "at 16:30")
        ("life_at", rf"\b(?:joined|enlisted|signed\s+up|"
                    rf"happened(?:\s+to\s+(?:me|him|her|us|them))?|"
                    rf"told\s+(?:her|him|them|me|us|my\s+[a-z]+|a\s+[a-z]+|someone|anyone)|"
                    rf"took\s+(?:his|her|my|their)\s+own\s+life)\b"
                    rf"(?:\s+[A-Za-z'’]+){{0,6}}?\s+at\s+"
                    rf"(?P<id>1[3-9]|[2-9]\d|(?:{_NUM_WORD}){_UNIT})\b{_NOT_CLOCK}", 0.6),
        # ... and leaving, from thirteen ("we left at eight" is a clock time)
        ("life_at_teen", rf"\b(?:left|ran\s+away|went\s+into)\b(?:\s+[A-Za-z'’]+){{0,6}}?\s+at\s+"
                         rf"{_N13}\b{_NOT_CLOCK}", 0.6),
        # the age at which a life's step was taken, told in the past: "i gave up at 13 and
        # never told", "i did join, at 16, and", "came out as bi at 16 in Campbeltown", "died
        # last year at 59 without" (thirteen or more, a clause or a stop after it: not "at 15
        # minutes", "at 14 stone"; the verb behind it checked in :meth:`check` by
        # :data:`_PAST_STEP`: not "lived at 14, Elm Road", "booked at 15")
        ("past_at", rf"(?<![\w£$])at\s+(?P<id>1[3-9]|[2-9]\d)\b{_NOT_CLOCK}"
                    rf"(?=\s*(?:[,;!?)]|\.(?!\d)|$)|\s+(?:and|in|with|without|to|but|so|i|he|"
                    rf"she|when|after|before|because|cos)\b)", 0.6),
        # where someone was as a child from an age: "i was at Redhills House from 4.", "we
        # were both in the same boys home from 8 and 10", "i was in the home from 9 til i was
        # 15" (not hours: "from 9 to 5", "from 8am"; a range's end only thirteen or more)
        ("from_n_stay", rf"\b(?:i|we|he|she|they)\s+(?:(?:was|were)(?:\s+both)?\s+"
                        rf"(?:at|in|there)|lived|stayed|boarded|worked|sang|served)\b"
                        rf"[^.!?\n]{{0,70}}?\bfrom\s+(?P<id>\d{{1,2}}|(?:{_NUM_WORD}){_UNIT})\b"
                        rf"{_NOT_CLOCK}(?=\s*(?:[,;!?)]|\.(?!\d)|$)|\s+(?:til|till|"
                        rf"until)\s+(?:i|my|he|she|we|they)\b|\s+(?:and\s+)?\d{{1,2}}\b|"
                        rf"\s+(?:to|til|till|until)\s+(?:1[3-9]|[2-9]\d)\b)", 0.55),
        # an age then the year it was: "came to Leeds at six in 1961", "at 9 in 1985"
        ("at_n_in_year", rf"(?<![\w£$])at\s+(?P<id>\d{{1,2}}|(?:{_NUM_WORD}){_UNIT})\s+in\s+"
                         rf"(?:19|20)\d\d\b", 0.55),
        # a person then their age set off by commas: "trans woman, 38, first time", "boy,
        # 14," (the relatives are :data:`_RELATIVE`'s, in "relative_aside")
        ("person_aside", rf"\b(?:woman|man|girl|boy|lady|female|male|survivor|client|person|"
                         rf"pupil|student|mum|mother|dad|father|lad|lass|teenager|teen|"
                         rf"bloke|resident|tenant|patient)\s*,\s*(?:aged?\s+)?{_N}"
                         rf"\s*(?=,|;|\.(?!\d)|$)", 0.6),
        # case notes: who someone is, their first name and age set off ("client Rebecca, 31,",
        # "V1: Rose, 39,", "Mum Kayleigh, 20.", "Baby Jade, 4 months.")
        ("role_name_aside", r"\b(?:client|caller|victim|v\d|mum|mother|dad|father|baby|son|"
                            r"daughter|child|survivor|patient|complainant|applicant|"
                            r"referral)\s*:?\s+(?-i:[A-Z][a-z]+),\s*(?:aged\s+)?"
                            r"(?P<id>1[01]\d|[1-9]?\d(?:\s+(?:months?|weeks?))?)"
                            r"(?=\s*(?:,|;|\.(?!\d)|$))", 0.6),
        # the writer's post then their age, as people sign who they are: "Apprentice youth
        # worker, 21, based in", "peer mentor here, 23." (sixteen or more)
        ("post_aside", r"\b(?:worker|mentor|volunteer|apprentice|trainee|officer|nurse|"
                       r"counsellor|carer)(?:\s+here)?\s*,\s*(?P<id>1[6-9]|[2-9]\d)"
                       r"(?=\s*(?:,|;|\.(?!\d)|$))", 0.6),
        # an age about to be reached, and the one before it: "at 76 soon to be 77", "soon to be
        # 90, I" (thirteen or more)
        ("soon_to_be", r"\bsoon\s+to\s+be\s+(?P<id>1[3-9]|[2-9]\d|1[01]\d)\b"
                       r"(?=\s*(?:[,.;!?)]|$|(?-i:I)\b|(?:and|but|so|i|now)\b))", 0.6),
        ("at_n_soon", r"(?<![\w£$])at\s+(?P<id>1[3-9]|[2-9]\d|1[01]\d)\s*,?\s+soon\s+to\s+be\b",
         0.6),
        # the writer's age now, opening a sentence: "22 now and doing alright"
        ("n_now", r"(?:^|(?<=[.!?]\s))(?P<id>1[3-9]|[2-9]\d)\s+now\b"
                  r"(?=\s*(?:[,.;!?]|$|and\b|but\b))", 0.55),
        # a relative someone else's, or "the" one, and their age: "Client's daughter is 15,",
        # "The daughter was 15." (a stop or a clause after: "the partner was 5 minutes late"
        # is a count)
        ("the_relative_is", rf"\b(?:the|[A-Za-z]+['’]s)\s+(?:(?:eldest|youngest|oldest)\s+)?"
                            rf"{_RELATIVE}\s+(?:is|was|is\s+now)\s+{_ABOUT}{_N}\b"
                            rf"(?=\s*(?:[,.;!?)]|$|and\b|when\b|but\b|at\s+the\s+time\b))",
         0.6),
        # a person and their age in brackets: "(Lady 89)", "(male, 45)", "(woman aged 38)"
        ("person_bracket", r"\(\s*(?:(?:woman|man|lady|gentleman|gent|female|male|girl|boy|"
                           r"patient|client)\s*,?|(?-i:[MF])\s*,)\s*(?:aged?\s+)?"
                           r"(?P<id>1[3-9]|[2-9]\d|1[01]\d)\s*\)", 0.65),
        # case notes: a person's name or initials and age in brackets after who they are,
        # "victim (LB, 24)", "son (Jack, 8)", "child (now 5)", "children (Poppy, 11, and ..."
        ("named_bracket", r"\b(?:son|daughter|child|children|kids?|boy|girl|baby|brother|sister|"
                          r"grandson|granddaughter|nephew|niece|client|victim|pt|patient|"
                          r"survivor|pupil|student|resident|friend|partner)(?:['’]s)?\s*\(\s*"
                          r"(?:(?!(?:both|all|twins|the|my|his|her|their|our)\b)"
                          r"(?:[a-z][a-z'’-]+|(?:[a-z]\.\s?){1,3})\s*,\s*|now\s+(?:aged?\s+)?)"
                          r"(?P<id>1[01]\d|[1-9]?\d)(?=\s*(?:\)|,))", 0.65),
        # case notes: initials, or a title and one letter, then the age in brackets ("RB (45)
        # attended", "JT (m, 34)", "mrs A (71)", "caller (m, 40s)")
        ("initials_bracket", r"(?:(?-i:\b[A-Z]{2,4})|\b(?:mrs?|ms|miss|caller|client)"
                             r"(?:\s+(?-i:[A-Z][a-z'’-]*))?)\s*\(\s*(?:[mf]\s*,\s*)?"
                             r"(?P<id>[1-9]\d(?:s\b)?)\s*(?=[,)])", 0.6),
        # ... or one capital letter standing for the person, before what they do or are ("D
        # (17) attends"; not "A", "I" or a mask's "X"; "for E, 24, who is deaf" is
        # ``expand_age_after_person``'s, once the letter is found as a person)
        ("letter_bracket", r"(?<![\w'’.&/-])(?-i:[B-HJ-WYZ])\s*\(\s*(?:[mf]\s*,\s*)?"
                           r"(?P<id>[1-9]\d)\s*\)(?=\s+(?-i:[a-z]))", 0.6),
        # ... or opening a sentence before "is" and the age ("K is 14 and attends")
        ("letter_is", r"(?:^|(?<=[.!?:]\s)|(?<=\n)|(?<=\bthat\s))(?-i:[B-HJ-WYZ])\s+"
                      r"(?:is|was|turned|turns)\s+(?P<id>1\d|[2-9]\d)"
                      r"(?=\s*(?:[,.;!?)]|$|and\b))", 0.6),
        # children's ages in brackets: "child (4)", "2 kids (3 & 6)", "siblings (8 & 10)"
        ("children_bracket", r"\b(?:son|daughter|child|children|kids?|siblings?|twins|boys?|"
                             r"girls?|grandchildren|baby)\s*\(\s*(?P<id>1\d|[1-9])"
                             r"(?=\s*(?:\)|&|and\b|,))", 0.6),
        ("children_bracket_second", r"\b(?:children|kids|siblings|twins|boys|girls|sons|"
                                    r"daughters|grandchildren)\s*\(\s*\d{1,2}\s*(?:&|and|,)\s*"
                                    r"(?P<id>1\d|[1-9])\s*\)", 0.6),
        # ... and the next name's: "(Poppy, 11, and Miles, 7)"
        ("named_bracket_and", r"\(\s*[a-z][a-z'’-]+\s*,\s*\d{1,3}\s*,?\s+and\s+[a-z][a-z'’-]+"
                              r"\s*,\s*(?P<id>1[01]\d|[1-9]?\d)\s*\)", 0.6),
        # an age set off after the word: "took into account my Dads age, 93, and", "age: 71."
        ("age_aside", r"\bage\s*[,:]\s*(?P<id>1[3-9]|[2-9]\d|1[01]\d)\s*(?=[,;)]|\.(?!\d)|$)",
         0.65),
        # a relative who is so many years: "my granddaughter who is 2yrs", "son that was 4 yrs"
        ("relative_who_is", rf"\b{_RELATIVE}\s+(?:who|that)\s+(?:is|was|'s|’s)\s+{_ABOUT}{_N}"
                            rf"\s?(?:years?|yrs?)\b(?!\s+(?:ago|on|in|of|since|waiting|late))",
         0.65),
        # a child's age in months after "is"/"was": "my daughter was only 5 months at the time"
        # (the relative as the subject: not "the list for my son was 18 months", a wait)
        ("relative_is_months", rf"(?<!\bfor\s)(?<!\bto\s)(?<!\bof\s)(?<!\bwith\s)"
                               rf"\b(?:my|our|her|his|their)\s+{_RELATIVE}\s+(?:is|was|'s|’s)\s+"
                               rf"{_ABOUT}(?P<id>(?:\d{{1,2}}\s?[-–]\s?)?\d{{1,2}})\s?"
                               rf"(?:months?|mths?|weeks?|wks?)\b(?!\s+(?:ago|on|in|of|since|waiting|late|later|early|"
                               rf"premature|pregnant|overdue|behind|into)\b)", 0.6),
        # an age written without "old" before the relative it is: "my 88 year mother", "for
        # my 92yr dad", "my 12y son" (a possessive first: "a 3 year wait" is no one's age)
        ("age_before_relative", rf"\b(?:my|our|her|his|their|your)\s+{_N}[ -]?(?:years?|yrs?|y)"
                                rf"(?:[ -]old)?\s+{_RELATIVE}\b", 0.65),
        # a baby's age: "4 months old", "six week old"
        ("months_old", rf"\b{_N}[ -]?(?:months?|mths?|weeks?|wks?)[ -]?old\b", 0.7),
        # "my sons 17", "my daughters 9 now": the relative's "is" run into the word
        ("relative_s", rf"\b(?:my|our|her|his|their)\s+(?:eldest\s+|youngest\s+|little\s+|"
                       rf"oldest\s+)?{_RELATIVE}(?:['’]s|s)\s+{_ABOUT}{_N}\b"
                       rf"(?=\s*(?:[,.;!?)]|$|and\b|now\b|next\b|this\b|in\s+(?:may|june|"
                       rf"july|august|september|october|november|december|january|february|"
                       rf"march|april)\b))", 0.6),
        ("was_n", rf"\b(?:I|she|he|they|we|you)\s+(?:was|were|am|is|are|turned|turn)\s+{_ABOUT}"
                  rf"{_N}\b(?!\s*(?:%|am\b|pm\b|:|times|minutes|"
                  rf"hours|days|weeks|months|miles|percent|of\b|or\s+\d))"
                  # a count of people: "they were two nice people", "we were 3 in the car"
                  rf"(?!\s+(?:(?!(?:and|but|or|the|when|so|then|with|at|on|to|my|our)\b)"
                  rf"[a-z]+\s+){{0,2}}?(?:people|persons|men|women|ladies|gentlemen|"
                  rf"gents|lads|guys|paramedics|crew|crews|staff|nurses|drivers|members|"
                  rf"patients|in\s+the)\b)", 0.6),
        ("aged", rf"\b(?:aged?\s*:?|at\s+the\s+age\s+of|age\s+of)\s+{_N}\b", 0.8),
        # one's age now, in brackets: "ill for over 50 years (now 69)", "(now aged 71)"
        ("now_bracket", r"\(\s*now\s+(?:aged?\s+)?(?P<id>1[3-9]|[2-9]\d|1[01]\d)\s*\)", 0.7),
        # an age neared: "at my age now nearing 91 I am", "approaching 80, I" (not "nearing
        # 50 appointments")
        ("nearing", r"\b(?:nearing|approaching)\s+(?P<id>[2-9]\d|1[01]\d)\b(?=\s*(?:[,.;!?)]|$|"
                    r"and\b|but\b|so\b|now\b|i\b|i['’]?m\b|years?\s+old\b))", 0.6),
        # "I'm 72", "I’m 72", "Im 72" (phones drop the apostrophe), "I m 72" (an export strips it)
        ("im_n", rf"\bI(?:['’]?m|\s(?-i:m))\s+{_ABOUT}{_N}\b"
                 rf"(?!\s*(?:%|am\b|pm\b|:|times|minutes|hours|days|weeks|months|miles))", 0.6),
        # who the writer is, then their age: "I'm Sikh and 68", "i am disabled and 72", "I'm a
        # carer and 54" (thirteen or more, at a clause's end: "I'm fine and 30 minutes early"
        # is a count)
        ("im_word_and_n", rf"\b(?:I['’]?m|I\s+am|im)\s+(?:an?\s+)?[A-Za-z][a-z'’-]+\s+and\s+"
                          rf"{_ABOUT}{_N13}\b(?=\s*(?:[,.;!?)]|$|(?:and|but|so|i|i'm|live|"
                          rf"living|have|with|on)\b))", 0.6),
        # "being 90 I found the stairs hard", "being 87, the walk...": only before a clause
        # boundary or a new clause, so "being 2 hours late" and "being 1 of 6" stay counts
        ("being_n", rf"\bbeing\s+{_ABOUT}{_N}\b(?=\s*(?:[,.;!?)]|$|(?:and|but|i|i'm|with|my|"
                    rf"it|so|yet|she|he|we|they|you|myself|now|still)\b))", 0.6),
        # "at 16 i left home", "At 84, I still manage": thirteen or more, before a clause
        # ("at 10 I had my tablets" is a time; "at 90 minutes" a count)
        ("at_n", rf"(?<![\w£$])at\s+{_N13}\b(?=\s*,?\s*(?:I|i|i'm|I'm|she|he|we|they|you|my|"
                 rf"it|this|that|there|nobody|no\s+one|noone|everyone|someone|when)\b)", 0.6),
        # the writer's name then age: "i'm jack btw, 17, and", "im ellie, 15." (thirteen or
        # more, set off by commas: "i'm sorry, 17 people" is a count, cut by the lookahead)
        ("name_then_age", rf"\bI['’]?m\s+[A-Za-z][a-z]+(?:\s+(?:btw|here|by\s+the\s+way))?,\s*"
                          rf"{_N13}\b(?=\s*(?:[,.;!?)]|$|and\b|now\b))", 0.55),
        # a school year describing a pupil: "a year 10 girl told me", "two year 9 boys"
        ("year_pupil", r"(?i:\b(?P<id>(?:year|yr)\s?\d{1,2})\s+(?:girl|boy|pupil|student|child|"
                       r"kid|lad|lass|son|daughter)s?\b)", 0.65),
        # a school year at a named school: "in year 8 at Hill Top Academy", "14, year 9 at
        # Ysgol Bryn" (the year and the school together point at a class; a head of year 9 is
        # a post, no pupil's age)
        ("year_at_school", rf"(?i:(?<!head\sof\s)\b(?P<id>{_NUMBERED_YEAR}))"
                           rf"\s+(?:at|in)\s+"
                           rf"(?:the\s+)?(?-i:[A-Z][\w'’-]+)", 0.6),
        # "a lady of 90", "a man of 84", "a child of 5": a person described by age
        ("person_of", rf"\b(?:lady|man|woman|gentleman|gent|chap|fella|fellow|girl|boy|lad|lass|"
                      rf"child|kid|person|patient|pensioner|someone|somebody)\s+of\s+{_ABOUT}"
                      rf"{_N}\b{_NOT_COUNT}", 0.65),
        # "my 90th birthday", "her 16th birthday"
        ("birthday", r"\b(?P<id>\d{1,3}(?:st|nd|rd|th))\s+birthday\b", 0.65),
        # the birthday left unsaid: "the night of my 21st", "at her 18th party", "my 30th
        # do" (ten or more; "my 2nd child", "my 3rd appointment" count things, so a noun after
        # it other than a party's is no age)
        ("own_ordinal", r"\b(?:my|her|his|their|your|our)\s+"
                        r"(?P<id>(?:[1-9]\d)(?:st|nd|rd|th))\b(?=\s*(?:[,.;:!?)]|$)|\s+(?:party|"
                        r"parties|do|bash|celebrations?|meal|night\s+out|weekend|so|and|but|"
                        r"i|when|was|is|which|that|because|cos|,)\b)", 0.6),
        ("turned", rf"\b(?:turned|turning|turn|turns)\s+{_N}\b(?!\s*(?:%|am\b|pm\b|:|times|"
                   rf"minutes|hours|days|weeks|months|miles|degrees|left|right))", 0.6),
        # a child's age in years and months: "as daughter is 2 yrs 5 months", "my son, 3 years
        # and 2 months" (a wait of "2 years 5 months" has no relative before it)
        ("relative_years_months", rf"\b{_RELATIVE}(?:['’]s|s)?,?\s+(?:(?:is|was|is\s+now|"
                                  rf"aged?)\s+)?{_ABOUT}(?P<id>\d{{1,2}}\s*(?:years?|yrs?),?\s*"
                                  rf"(?:and\s+)?\d{{1,2}}\s*(?:months?|mths?)(?:\s+old)?)\b", 0.7),
        ("when_at", rf"\bwhen\s+I\s+was\s+(?:about\s+|around\s+)?{_N}\b", 0.8),
        ("relative_is", rf"\b(?:my|our|her|his|their)\s+(?:eldest\s+|youngest\s+|little\s+|"
                        rf"elderly\s+|[a-z]{{3,12}}\s+)?{_RELATIVE}\s+"
                        rf"(?:is|was|was\s+only|is\s+only|turned|"
                        rf"just\s+turned|is\s+now|who\s+is|who\s+was)\s+{_ABOUT}{_N}\b"
                        rf"{_NOT_COUNT}",
         0.7),
        # a relative then their name: "my nan betty is 91", "my son kwame is 12", "my sister's
        # lad is 17", "our Carys is seven" (a name after "our", as people say in the north)
        ("relative_name_is", rf"\b(?:my|our|her|his|their)\s+(?:[\w'’]+(?:['’]s|s)\s+)?"
                             rf"(?:(?:eldest|youngest|little|lil|wee|elderly)\s+)?"
                             rf"(?:(?:{_RELATIVE}|mate|pal|friend|bestie)\s+)?"
                             rf"(?:[A-Z][a-z]+|[a-z]+)\s+(?:is|was|['’]s|"
                             rf"turned|is\s+now|who\s+is)\s+{_ABOUT}{_N}\b"
                             rf"(?=\s*(?:[,.;!?)]|$|and\b|n\b|but\b|now\b|so\b|when\b|in\b|"
                             rf"years?\b|yrs?\b|next\b|this\b|going\b))", 0.6),
        # the same where an export stripped the stop before the next sentence: "My friend is
        # 83 She fainted" (a relative, friend or neighbour only: "my score is 10 Great" is none)
        ("relative_is_capital", rf"\b(?:my|our|her|his|their)\s+(?:{_RELATIVE}|friend|"
                                rf"neighbour|neighbor)\s+(?:is|was|['’]s|is\s+now)\s+{_ABOUT}"
                                rf"{_N}\b(?=\s+(?-i:[A-Z]))", 0.6),
        # "my age is 72", "MY AGE IS 72": the writer's own age, however written
        ("my_age_is", rf"\b(?:my|his|her|their)\s+age\s+(?:is|was|['’]s|is\s+now)\s+{_ABOUT}"
                      rf"{_N}\b", 0.65),
        # "she's 16 now", "he's 8," "she’s 84 and": a person's age by pronoun
        ("pronoun_is", rf"\b(?:she|he)(?:['’]?s|\s+is)\s+{_ABOUT}{_N}\b"
                       rf"(?=\s*(?:[,.;!?)]|$|and\b|n\b|but\b|now\b|so\b|when\b|next\b|with\b|"
                       rf"this\b|going\b|in\s+(?:may|june|july|august|september|october|"
                       rf"november|december|january|february|march|april)\b))", 0.6),
        # a parent named by the family word alone: "Mum is 96", "dad was 88"
        ("parent_is", rf"(?<![\w'’])(?:mum|mom|mam|dad|nan|nana|gran|granny|grandma|grandad|"
                      rf"grandpa|mother|father)\s+(?:is|was|turned|is\s+now|who\s+is)\s+"
                      rf"{_ABOUT}{_N}\b"
                      rf"{_NOT_COUNT}", 0.65),
        # "my mother (94)", "dad (aged 88)": an age in brackets after a person
        ("relative_bracket", rf"\b(?:{_RELATIVE}|patient|I|me|myself|woman|man|lady|girl|"
                             rf"gentleman|survivor|client|female|male)\s*\(\s*(?:aged?\s*)?"
                             rf"{_N}\s*(?:years?|yrs?|months?|mths?|weeks?|wks?)?\s*\)", 0.7),
        ("who_is", rf"\b(?:who|which)\s+(?:is|was|turned|turns)\s+(?:now\s+|only\s+|nearly\s+|"
                   rf"almost\s+)?{_N}\b{_NOT_COUNT}", 0.55),
        # text-speak "whos 14", "who's 9" after a relative
        # (a name between: "my cousin ash who's 20")
        ("whos", rf"\b{_RELATIVE}s?\s+(?:[A-Za-z][a-z]+\s+)?(?:who's|who’s|whos)\s+"
                 rf"(?:now\s+|only\s+|nearly\s+)?"
                 rf"{_N}\b{_NOT_COUNT}", 0.7),
        # "my nephew, 12, told", "our son - 9 - saw"
        ("relative_aside", rf"\b{_RELATIVE}s?\s*[,–-]\s*(?:aged?\s+)?{_N}\s*(?:(?:years?|yrs?)"
                           rf"(?:\s*old)?\s*)?[,–-]", 0.7),
        # a relative and their age with nothing between, ending the clause: "My mother 91. No
        # ability to get to the toilet" (ten or more: "my son 2." may be a count)
        ("relative_bare", rf"\b(?:my|our|her|his|their)\s+(?:elderly\s+)?{_RELATIVE}\s+"
                          rf"(?P<id>[1-9]\d|1[01]\d)(?=\s*(?:[.;!?)]|,\s|$))", 0.6),
        # one's age as the length of a life: "the first time in my life of 68 years"
        ("life_of", r"\b(?:my|his|her|their)\s+(?:whole\s+)?life\s+of\s+(?P<id>(?:[1-9]\d|1[01]\d)"
                    r"\s+(?:years|yrs))\b", 0.6),
        # "my husband, who's 79, was seen": who's / whos after any person
        ("whos_aside", rf",\s*(?:who's|who’s|whos)\s+{_ABOUT}{_N}\b{_NOT_COUNT}", 0.6),
        # a school year next to a child: "my daughter in year 4", "she's in yr 9" (the year
        # stands for an age; the generalise operator bands it as one)
        ("school_year", rf"\b(?:(?:my|our|her|his|their)\s+(?:eldest|youngest|oldest|little|"
                        rf"{_RELATIVE}|kids?|children|twins)(?:\s+{_RELATIVE})?|she|he|they|"
                        rf"who|i|we)(?:\s+(?:is|was|are|were|who\s+is|who's|whos)|'s|’s|s)?\s+"
                        rf"(?:now\s+|still\s+|only\s+|just\s+)?(?:in|into|started|starts|"
                        rf"starting|going\s+into)\s+(?P<id>{_SCHOOL_YEAR})\b", 0.7),
    )
    NEEDS: ClassVar[dict[str, tuple[str, ...]]] = {
        "years_old": ("old",), "months_old": ("old",), "years_of_age": ("age",),
        "yo": ("yo", "y/o", "y.o."), "years_young": ("young",),
        "superlative": ("youngest", "oldest", "eldest"), "birthday": ("birthday",),
        "relative_bracket": ("(",), "whos": ("whos", "who's", "who’s"),
        "named_bracket": ("(",), "named_bracket_and": ("(",), "initials_bracket": ("(",),
        "letter_bracket": ("(",), "letter_is": (" is ", " was ", "turn"),
        "children_bracket": ("(",), "children_bracket_second": ("(",),
        "nearing": ("nearing", "approaching"),
        "whos_aside": ("whos", "who's", "who’s"), "when_at": ("when",), "being_n": ("being",),
        "turned": ("turn",), "arrived_at": ("arrived", "came", "got", "fled"),
        "life_at": ("joined", "enlisted", "signed", "happened", "told", "took"),
        "life_at_teen": ("left", "ran", "went"),
        "at_n_in_year": ("at",),
        "event_at": ("abused", "assaulted", "raped", "attacked", "groomed", "exploited",
                     "targeted", "referred", "diagnosed", "adopted", "fostered", "excluded",
                     "expelled", "sectioned", "care"),
        "person_aside": (",",),
        "person_of": ("of",), "year_pupil": ("year", "yr"), "year_at_school": ("year", "yr"),
        "school_year": ("year", "yr", "primary", "sixth", "p1", "p2", "p3", "p4", "p5", "p6",
                        "p7"),
    }
    #: Several children's ages after a plural relative: "my kids are 3 and 6", "my sons are
    #: 4, 7 and 9" (each number is an age).
    #: (Without "my" or "the" only the words a parent uses, at the start of a clause: "kids are
    #: 4 and 7"; "Children are 3 when referred" is said of children in general.)
    _AGE_LIST = re.compile(r"(?:\b(?:my|our|her|his|their|the)\s+|(?:^|(?<=[.!?,;]\s))"
                           r"(?=(?i:kids|twins|boys|girls|mine)\b))"
                           r"(?:\d+\s+|two\s+|three\s+)?"
                           r"(?:(?:twin|little|youngest|eldest|oldest|two|three)\s+)?"
                           r"(?:kids|children|sons|daughters|boys|girls|twins|grandkids|"
                           r"grandchildren|mine|(?:(?<=\bmy\s)|(?<=\bour\s))(?:two|three|four))"
                           r"(?:\s+[a-z][\w'’-]+(?:\s*(?:,|and|&)\s*[a-z][\w'’-]+)"
                           r"{0,3})?\s+(?:are|were|r|aged)\s+(?P<list>(?:\d{1,2}|" + _AGE_WORD +
                           r")(?:\s*(?:,|and|&)\s*(?:\d{1,2}|" + _AGE_WORD + r")){0,5})\b"
                           r"(?!\s*(?:%|am\b|pm\b|:|years|months|"
                           r"weeks|days|hours|miles|minutes|mins?\b|metres|times|of\b)|"
                           r"\s+(?:and|or)\s+(?:over|under|above|below|older|younger|upwards)\b)",
                           re.IGNORECASE | re.MULTILINE)

    #: A school year in the clause of a child or the writer: "my daughter amelia started year
    #: 7", "i was year 6 at pentre primary", "boy aged 13, year 8" (checked in detect).
    _YEAR_NEAR = re.compile(rf"(?i:\b(?:in|into|started|starts|starting|start|was|is|am|from|"
                            rf"going\s+into|through|finished|finishing|repeated|repeating|"
                            rf"during|,)\s+(?P<id>{_SCHOOL_YEAR})\b)"
                            rf"(?!\s*(?:{_NOT_A_PUPILS_YEAR}))")
    _YEAR_PERSON = re.compile(
        r"(?i:\b(?:i|im|i['’]m|me|left\s+school|son|daughter|child|kid|kids|boy|girl|pupils?|"
        r"students?|grandson|young\s+(?:person|people)|clients?|teenagers?|teens?|boys|girls|"
        r"granddaughter|stepson|stepdaughter|niece|nephew|brother|sister|she|he|they|"
        r"sons|daughters|children|twins)\b)[^.!?\n]{0,50}$")

    #: A school year as a time of someone's own: "been on the list since year 11", "my year 11
    #: exams", "her year 10 form tutor" (no person clause needed; the same exclusions; "my
    #: sixth form" is a school, so only numbered years).
    _YEAR_OWN = re.compile(rf"(?i:\b(?:since|my|her|his|their)\s+(?P<id>{_NUMBERED_YEAR})\b)"
                           rf"(?!\s*(?:%|{_NOT_A_PUPILS_YEAR}))")

    #: A school year heading its clause as a time in someone's life: "year 10 is when it started".
    _YEAR_HEAD = re.compile(r"(?im:(?:^|(?<=[.!?]\s))(?P<id>(?:year|yr)\s?\d{1,2})\s+(?:is|was)\s+"
                            r"when\b)")
    #: A school year as the time of what the writer did next: "in year 12 i got a saturday job",
    #: "in yr 9, my mum".
    _YEAR_THEN_I = re.compile(rf"(?i:\bin\s+(?P<id>{_NUMBERED_YEAR})\s*,?\s+(?:i|we|my)\s)")
    #: A second school year after one found: "in year 10 or year 11", "year 9, year 10".
    _YEAR_AND = re.compile(r"(?i:\s*(?:,|or|and|to|-|–|/)\s*(?P<id>(?:year|yr)\s?\d{1,2})\b)"
                           r"(?!\s*(?:[/.:-]\s*\d|of\b))")

    #: Any other school year in a text where one stands for someone's age: "i was in year 8
    #: when it started and year 11 when i told ... someone couldve noticed in year 8".
    _YEAR_AGAIN = re.compile(rf"(?i:\b(?:in|and|or|by|till|until|since|through|finished|"
                             rf"during|,)\s+"
                             rf"(?P<id>{_NUMBERED_YEAR})\b)(?!\s*(?:{_NOT_A_PUPILS_YEAR}))")

    #: Ages listed after "they're" in a sentence about children: "three kids, they're 15, 11
    #: and 6".
    _THEY_LIST = re.compile(r"(?i:\bthey(?:['’]re|\s+are|re)\s+)(?P<list>\d{1,2}(?:\s*(?:,|and|"
                            r"&)\s*\d{1,2}){1,5})\b(?!\s*(?:%|am\b|pm\b|:|years|months|weeks|"
                            r"days|hours|miles|minutes))")
    _KIDS_BEFORE = re.compile(r"(?i:\b(?:kids|children|sons|daughters|boys|girls|twins|"
                              r"grandkids|grandchildren|bairns|weans))\b[^.!?\n]{0,40}$")

    #: A second age in the same sentence as one found: "... and 34 when I told anyone", "and 17
    #: by the time anyone interviewed me".
    _AND_LATER = re.compile(rf"[^.!?\n]{{0,60}}?\band\s+(?:then\s+)?(?P<id>\d{{1,2}}|"
                            rf"(?i:{_NUM_WORD}){_UNIT})\s+(?i:when|by\s+the\s+(?:time|first|"
                            rf"second|end)|before)\b|"
                            # "i was 22, now 29": the age now, straight after the age then
                            rf"\s*[,;]?\s*(?i:and\s+)?(?i:now|now\s+i['’]?m|i['’]?m\s+now)\s+"
                            rf"(?P<now>\d{{1,2}})\b(?=\s*(?:[,.;!?)]|$|and\b|but\b))")
    #: Ages as a span of years in someone's life: "I was there from seven until fifteen", "he
    #: coached me from eight to fourteen", "I was 8 to 14" (a person and a past verb in the
    #: clause before, "we go from 9 to 17" is hours; the later age thirteen or more unless "I
    #: was" says whose: "open from nine till five" is hours too).
    _AGE_RANGE = re.compile(
        rf"(?i:\b(?P<lead>from|was|were)\s+)"
        rf"(?P<a>\d{{1,2}}|(?i:{_NUM_WORD}){_UNIT})\s*(?i:to|till|til|until|-|–)\s*"
        rf"(?P<b>\d{{1,2}}|(?i:{_NUM_WORD}){_UNIT})\b"
        rf"(?![.:]\d|\s*(?i:o['’]?clock|am\b|pm\b|%|hrs?\b|hours|minutes|mins|years|weeks|"
        rf"days|months|times|people|miles|pounds|[ap]\.m))")
    #: ... the clause before it: a person and a past verb ("he coached me", "I was there").
    #: (not opening hours or a shift's: "we were open from 9 to 17")
    _RANGE_CLAUSE = re.compile(r"(?i:(?![^.!?\n]*\b(?:open|opening|closed|shifts?|hours|"
                               r"sessions?|clinics?|rota|lessons?|classes)\b)"
                               r"(?=[^.!?\n]*\b(?:i|he|she|we|they|me|him|her|us|them)\b)"
                               r"(?=[^.!?\n]*\b(?:was|were|had|[a-z]{2,}ed)\b)[^.!?\n]*$)")
    #: "I was" right before a span of years: whose ages they are, however small.
    _I_WAS = re.compile(r"(?i:\bi\s+was)$")
    #: A title and a name or letter, then their age: "Mr W is 74 and", "Mrs Okafor was 81."
    _TITLE_IS = re.compile(r"(?i:\b(?:mr|mrs|ms|miss|mx)\.?\s+)(?-i:[A-Z][\w'’-]*)\s+"
                           r"(?i:is|was|is\s+now)\s+(?P<id>1[3-9]|[2-9]\d|1[01]\d)"
                           r"(?=\s*(?:[,.;!?)]|$|(?i:and|n|when|but)\b))")
    #: Children's ages after a count of them and a comma: "with my 2 kids, 5 and 8".
    _KIDS_COMMA = re.compile(r"(?i:\b(?:my|our|her|his|their)\s+(?:\d|two|three|four)\s+"
                             r"(?:kids|children|boys|girls|sons|daughters|grandkids)\s*,\s*)"
                             r"(?P<a>1\d|[1-9])\s*(?:,|and|&|n)\s*(?P<b>1\d|[1-9])\b"
                             r"(?=\s*(?:[,.;!?)]|$))")
    #: Children named with their ages, two pairs or more: "Lily, 5, Noah, 9," ("Amy 4 and
    #: Jo 7" is "age_list"'s). Each name must be a known first name (checked in detect).
    _NAME_AGE_PAIRS = re.compile(r"(?<![\w'’])(?P<n1>[A-Z][a-z]+),\s*(?P<a>1\d|[1-9]),\s*"
                                 r"(?:and\s+)?(?P<n2>[A-Z][a-z]+),\s*(?P<b>1\d|[1-9])\b"
                                 r"(?=\s*(?:[,.;!?)]|$|(?i:and|at|in)\b))")
    #: Children's ages listed after them in case notes: "two children aged 6 and 9",
    #: "daughters aged 11 and 17", "two children 3 and 18 months", "Two children, 4 and 1."
    #: (without "aged", a count of them first; not an age band: "aged 5 and over", "11 to 16").
    _CHILDREN_AGES = re.compile(
        r"(?i:\b(?:(?P<count>two|three|four|2|3|4)\s+)?(?:children|kids|daughters|sons|boys|"
        r"girls|twins|grandchildren|grandkids|siblings)\s*,?\s+(?P<aged>aged\s+)?)"
        r"(?P<list>(?:1\d|[1-9])(?:\s*(?i:months?|mths?))?(?:\s*(?:,|and|&)\s*(?:1\d|[1-9])"
        r"(?:\s*(?i:months?|mths?))?)+)\b"
        r"(?=\s*(?:[,.;!?)]|$|(?i:at|in|and|both|living|who)\b))"
        r"(?!\s+(?i:and|or)\s+(?i:over|under|above|below|older|younger|upwards)\b)")
    #: A child named with their age in brackets: "Poppy (7) and Jack (4)" (a known first name).
    _NAME_BRACKET = re.compile(r"(?<![\w'’])(?P<name>[A-Z][a-z]+)\s*\(\s*(?P<id>1[0-7]|[1-9])"
                               r"\s*\)")
    #: A pupil's school year in brackets after their name, initials or the word for them, as
    #: school notes write it: "Noah (Y5) told", "KL (Y10)", "Pupil (Y8) came", "Leah Brennan
    #: (Year 10, ...)".
    _YEAR_BRACKET = re.compile(r"(?<=[A-Za-z.])\s*" + SCHOOL_YEAR_BRACKET)
    #: The writer's age in how they describe themselves, between who they are: "hey, 25, gay,
    #: from ...", "hi, 24, lad, from a farm", "autistic and gay, 19, from ...".
    _SELF_LIST_AGE = re.compile(
        r"(?:(?:^|(?i:\b(?:hi|hey|hiya|hello)))[,.!]?\s*|(?i:\b(?:gay|bi|trans|lesbian|queer|"
        r"straight|autistic|deaf|disabled|male|female|lad|bloke)),\s*)"
        r"(?P<id>1[3-9]|[2-9]\d),\s*(?=(?i:(?:an?\s+)?(?:lad|bloke|man|woman|girl|boy|guy|male|"
        r"female|gay|bi|trans|straight|lesbian|queer|nb|non-binary|autistic|deaf|disabled|"
        r"from|mum|dad)\b))")
    #: A form's school-year field: "Year group: 6", "School year - 10".
    _YEAR_FIELD = re.compile(r"(?i:\b(?:year\s+group|school\s+year)\s*[:=-]\s*)"
                             r"(?P<id>1[0-3]|[1-9]|[rR])\b(?![/.:]\d)")
    #: A child named, then their age: "Kieran is 8 and Leo is 5" (the name must be a known
    #: first name; "Mark is 5 minutes away" is a count, cut by the lookahead).
    _NAME_IS = re.compile(rf"(?<![\w'’])(?P<name>[A-Z][a-z]+)\s+(?:is|was|turned|turns)\s+"
                          rf"(?:(?i:only|just|nearly|almost|now|about|around)\s+)?"
                          rf"(?P<id>\d{{1,2}}|(?i:{_NUM_WORD}))\b"
                          rf"(?=\s*(?:[,.;!?)]|$|and\b|now\b|next\b|this\b))")

    #: The verb of a step in a life, in the past, ending just before "at" and an age in
    #: :data:`PATTERNS`' "past_at" (read only there): "i gave up at 13", "i did join, at 16",
    #: "died last year at 59"; not a verb of where or when ("lived at 14, Elm Road", "booked
    #: at 15", "rang at 14") or a quantity's level ("agreed a cap at 35").
    _PAST_STEP = re.compile(
        r"(?i:\b(?!(?:lived|stayed|housed|parked|based|located|situated|booked|scheduled|timed|"
        r"rated|scored|priced|valued|capped|ranked|placed|listed|numbered|aimed|started|"
        r"finished|ended|closed|opened|arrived|called|phoned|rang|seen|checked|logged|recorded|"
        r"assessed|weighed|measured|texted|emailed|messaged|visited|attended|reviewed|"
        r"discharged|admitted|collected|delivered|picked|dropped|paid|charged|scanned|tested)\b)"
        r"(?:[a-z]{3,}ed|did|went|got|gave|said|came|died|left|told|began|saw|met|found|sent|"
        r"made|took|ran|joined|join|became|quit|stopped)\b"
        r"(?:[ \t]+[A-Za-z'’]+){0,5}?,?[ \t]+"
        r"(?<!cap\s)(?<!limit\s)(?<!max\s)(?<!total\s)(?<!level\s)(?<!score\s)(?<!rate\s)"
        r"(?<!price\s)(?<!number\s)(?<!target\s))$")

    @classmethod
    def _past_at(cls) -> re.Pattern[str]:
        """The compiled "past_at" pattern (found once, then kept)."""
        if "_past_at_rx" not in cls.__dict__:
            cls._past_at_rx = next(rx for name, rx, _ in cls._patterns() if name == "past_at")
        return cls._past_at_rx

    def detect(self, text: str) -> list[Detection]:
        """Pattern ages, each age in a list after a plural relative, and a school year in a
        child's or the writer's clause."""
        out = super().detect(text)
        for m in self._THEY_LIST.finditer(text):
            if self._KIDS_BEFORE.search(text, max(0, m.start() - 50), m.start()):
                for n in re.finditer(r"\d{1,2}", m.group("list")):
                    s = m.start("list") + n.start()
                    out.append(Detection(s, s + len(n.group()), self.ENTITY, 0.65, self.name,
                                         "age_list"))
        for m in self._YEAR_NEAR.finditer(text):
            if self._YEAR_PERSON.search(text, max(0, m.start() - 60), m.start("id")):
                out.append(Detection(m.start("id"), m.end("id"), self.ENTITY, 0.6, self.name,
                                     "school_year_near"))
        out.extend(Detection(m.start("id"), m.end("id"), self.ENTITY, 0.55, self.name, "name_is")
                   for m in self._NAME_IS.finditer(text) if _first_name(m.group("name")))
        out.extend(Detection(m.start("year"), m.end("year"), self.ENTITY, 0.6, self.name,
                             "year_bracket")
                   for m in (self._YEAR_BRACKET.finditer(text) if "(" in text else ()))
        out.extend(Detection(m.start("id"), m.end("id"), self.ENTITY, 0.55, self.name,
                             "name_bracket")
                   for m in (self._NAME_BRACKET.finditer(text) if "(" in text else ())
                   if _first_name(m.group("name")))
        for rx, why in ((self._YEAR_OWN, "school_year_own"),
                        (self._YEAR_THEN_I, "school_year_then"),
                        (self._YEAR_HEAD, "school_year_head")):
            out.extend(Detection(m.start("id"), m.end("id"), self.ENTITY, 0.6, self.name, why)
                       for m in rx.finditer(text))
        for d in list(out):  # "in year 10 or year 11"
            if text[d.start:d.end].lower().startswith(("year", "yr")):
                m = self._YEAR_AND.match(text, d.end)
                if m:
                    out.append(Detection(m.start("id"), m.end("id"), self.ENTITY, 0.6, self.name,
                                         "school_year_and"))
        if any(text[d.start:d.end].lower().startswith(("year", "yr")) for d in out):
            for m in self._YEAR_AGAIN.finditer(text):
                if not any(d.start < m.end("id") and m.start("id") < d.end for d in out):
                    out.append(Detection(m.start("id"), m.end("id"), self.ENTITY, 0.55,
                                         self.name, "school_year_again"))
        for d in list(out):  # "i was 15 when it happened and 34 when i told anyone"
            m = self._AND_LATER.match(text, d.end)
            if m:
                g = "id" if m.group("id") else "now"
                out.append(Detection(m.start(g), m.end(g), self.ENTITY, 0.6, self.name,
                                     "age_and_later"))
        for m in self._AGE_RANGE.finditer(text):
            clause = self._RANGE_CLAUSE.search(text, max(0, m.start() - 70), m.end("lead"))
            later = re.split(r"[ -]", m.group("b").lower())[0]
            if clause and (self._I_WAS.search(text, max(0, m.start() - 8), m.end("lead")) or
                           (int(later) if later.isdigit() else NUMBER_WORDS[later]) >= 13):
                out.extend(self._both(m, 0.6, "age_range"))
        for m in self._KIDS_COMMA.finditer(text):
            out.extend(self._both(m, 0.65, "kids_comma"))
        if "," in text:
            from survey.anonymise.recognizers.gazetteer import load_names

            for m in self._NAME_AGE_PAIRS.finditer(text):
                if m.group("n1") in load_names("first") and m.group("n2") in load_names("first"):
                    out.extend(self._both(m, 0.6, "name_age_pairs"))
        for m in self._CHILDREN_AGES.finditer(text):
            if m.group("count") or m.group("aged"):
                out.extend(Detection(m.start("list") + n.start(), m.start("list") + n.end(),
                                     self.ENTITY, 0.6, self.name, "children_ages")
                           for n in re.finditer(r"\d{1,2}", m.group("list")))
        for rx, why in ((self._TITLE_IS, "title_is"), (self._YEAR_FIELD, "year_field"),
                        (self._SELF_LIST_AGE, "self_list")):
            out.extend(Detection(m.start("id"), m.end("id"), self.ENTITY, 0.6, self.name, why)
                       for m in rx.finditer(text))
        for m in self._AGE_LIST.finditer(text):
            for n in re.finditer(r"\d{1,2}|[a-z]+", m.group("list"), re.IGNORECASE):
                if n.group().lower() == "and":
                    continue
                s = m.start("list") + n.start()
                out.append(Detection(s, s + len(n.group()), self.ENTITY, 0.7, self.name,
                                     "age_list"))
        return out
    def _both(self, m: re.Match[str], score: float, why: str) -> list[Detection]:
        """The two ages a pattern with groups "a" and "b" found ("from six till fifteen")."""
        return [Detection(m.start(g), m.end(g), self.ENTITY, score, self.name, why)
                for g in ("a", "b")]

    #: A number that is part of a fraction, range, decimal or count is not an age ("3/4 hours").
    _NOT_AGE_AFTER = re.compile(r"\s*(?:[/.:-]\s*\d|,\d|\d|\+|x\b|th\b|st\b|nd\b|rd\b|%|"
                                # a height in feet and inches: "I am 6'3\"", "she's 5′2"
                                r"['’′]\s*\d|"
                                # a range, an age group's: "young people aged 14 to 21"
                                r"(?:to|–)\s*\d|"
                                # a duration: "I was 2 years on the list", "I'm 5 yrs clean"
                                # ("90 yrs old", "58 years young", "90 yrs." stay ages)
                                r"(?:years?|yrs?)\b(?!\s*(?:olds?|of\s+age|young)\b)"
                                r"(?!\s*(?:[.,;!?)]|$))|"
                                # a threshold: "age 18 and over", "aged 65 or older"
                                r"(?:and|or)\s+(?:over|under|above|below|older|younger|upwards)\b|"
                                r"(?:foot|feet|ft|inches|kg|lbs?)\b|(?:more|less|"
                                r"extra|other|different|separate|times?|visits?|calls?|people|"
                                r"patients|staff|nurses|sessions|appointments|weeks?|days?|"
                                r"hours?|hrs?|mins?|minutes?|months?|miles?|pounds?|stone|"
                                r"streets?|doors?|roads?|stops?|houses?|floors?|steps?|"
                                r"blocks?|km|metres?|meters?)\b)",
                                re.IGNORECASE)
    #: A baby's age in months or weeks after "aged" ("Baby aged 9 weeks").
    _BABY_UNIT = re.compile(r"\s*(?i:months?|weeks?)\b(?!\s*(?:ago|later|waiting)\b)")
    #: Before "N years old", a rule or a threshold, not someone's stated age ("until she is 2
    #: years old", "at 2 years old", "before 2 years old"); not across a comma ("pick up before
    #: Fri, client has a 5 yr old": a new clause).
    _RULE_BEFORE = re.compile(r"(?:\b(?:until|till|before|after|under|over|by\s+the\s+time)\b"
                              r"[^.!?\n,;]{0,25}|\b(?:at|by|from|between|under|over|to)\s+)$",
                              re.IGNORECASE)

    #: An age group's bound right before a number: a sign (">50yo", "<18 years old") or "under
    #: the age of" ("only if under the age of 40").
    _BOUND_BEFORE = re.compile(r"(?:[<>≤≥]=?\s*|"
                               r"\b(?i:under|over|above|below)\s+the\s+age\s+of\s+)$")

    #: Patterns whose unit words belong to the age ("6 year old", "4 months old", "9yo"): the
    #: span covers them, and the generalise operator reads the number inside.
    _WHOLE = frozenset({"years_old", "years_of_age", "yo", "years_young", "months_old"})

    @classmethod
    @functools.cache
    def _whole(cls) -> tuple[frozenset[re.Pattern[str]], frozenset[re.Pattern[str]],
                             tuple[re.Pattern[str], re.Pattern[str]]]:
        """The compiled patterns whose span is the whole match, the ones whose own wording
        holds the unit (a baby's "N months old", "a son who is N yrs": no duration check after
        the number), and the two "N years old" ones a rule's wording rules out (once per
        class, not per match)."""
        named = {n: rx for n, rx, _ in cls._patterns()}
        return (frozenset(named[n] for n in cls._WHOLE),
                frozenset((named["months_old"], named["relative_who_is"],
                           named["relative_bracket"], named["relative_is_months"],
                           named["age_before_relative"])),
                (named["years_old"], named["years_of_age"]))

    def span(self, match: re.Match[str]) -> tuple[int, int]:
        """The number, or the whole "N year old" where the unit is part of the age."""
        if match.re in self._whole()[0]:
            return match.start(), match.end()
        return super().span(match)

    def check(self, match: re.Match[str]) -> bool | None:
        """Ages only in age contexts: no fractions, ranges or counts, no rules."""
        text, start, end = match.string, match.start("id"), match.end("id")
        if match.re is self._past_at() and not self._PAST_STEP.search(
                text, max(0, match.start() - 60), match.start()):
            return False  # the step's verb, in the past, up to six words before "at"
        if match.re not in self._whole()[1] and self._NOT_AGE_AFTER.match(text, end) and not (
                match.group().lower().startswith("aged") and
                self._BABY_UNIT.match(text, end)):
            return False  # ("Baby aged 7 months": a baby's age, not a count)
        if match.group("id").lower() == "one" and re.match(r"(?i)i(?:['’]?m|\s+m)\b",
                                                            match.group()):
            return False  # "I'm one of the volunteers", "I'm one person": no one's age
        if self._BOUND_BEFORE.search(text, max(0, start - 30), start):
            return False  # ">50yo", "under the age of 40": an age group's bound, no one's age
        rule = self._RULE_BEFORE.search(text[max(0, start - 40):start])
        if match.re in self._whole()[2] and rule and not (
                rule.group().strip().lower() == "at" and match.group("id").isdigit() and
                int(match.group("id")) >= 70):
            return False  # "at 2 years old"; "travel at 83yrs old" is no threshold but an age
        if self._RULE_BEFORE.search(text[max(0, match.start() - 40):match.start()]) and \
                re.match(r"(?i)(?:he|she|they|it|my|our|her|his|their)\b", match.group()) and \
                not match.group("id").lower().endswith(("st", "nd", "rd", "th")):
            return False  # "until he is 2 years old": a rule about someone, not their age
        return None
