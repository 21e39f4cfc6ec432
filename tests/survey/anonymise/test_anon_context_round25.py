"""Round twenty-five of the context rules, from the development sets (fresh31 and fr12 once read).

Older survivors give ages by what happened then ("I joined the navy at sixteen", "it happened to
me at 14", "I was there from seven until fifteen", "I'm a retired joiner, 66."); parents list them
("my 2 kids, 5 and 8", "Amy, 4, Leo, 9,"); letters give them after a title ("Mr D is 77 and"),
forms in a field ("Year group: 6"). E-mails name people where they close and open ("Thanks, Will",
"Dear May,", "Hi Summer /"), young people where they say hello ("hi im faith"); case notes by
initials owning a line ("MJ to write", "Wed - LS changed mind"), on a rota ("Mon Hope, Tue Will"),
in brackets after an agency ("Housing (GH)"), dotted ("referral for K.M."), in a form's name field
and as one capital and a kiss; a capitalised surname in no list after a collar number ("PC 4410
Quarrington") stays masked. A collar number is in brackets after an officer's surname. Posts held
by one person go to the second gate where the place is redacted ("the choirmaster at [FACILITY
1]") and where a signature gives them ("Kind regards, [PERSON 1], Clinical Lead, ..."). In Title
Case, "the Practice Helpful friendly staff" and "Efficient Listened Examined" are what the writer
thought of the visit, not names.

Every sentence is invented for this test, in its own words; none is taken from an evaluation set.
The cases named in each test's docstring fail before round twenty-five (on f7341d8, 41 in all);
the others are guards.
"""

from __future__ import annotations

import pytest
from anon_helpers import covered, spans, touched


@pytest.mark.parametrize("text,value", [
    ("I joined the navy at sixteen in 1971 and it started there.", "sixteen"),
    ("It happened to me at 15 at the riding stables.", "15"),
    ("I told my teacher at nine and she did nothing.", "nine"),
    ("I left the home at seventeen to get away.", "seventeen"),
    ("Came over to Bradford at five in 1968 with my mother.", "five"),
    ("I was at Oakridge from six till fifteen and no one visited.", "six"),
    ("I was at Oakridge from six till fifteen and no one visited.", "fifteen"),
    ("The coach had me from nine to thirteen, every summer.", "thirteen"),
    ("I was 7 to 12 when it went on.", "12"),
    ("I'm a retired joiner, 66. Nobody asked me until now.", "66"),
    ("im bi n disabled, 24, and still waiting", "24"),
    ("Mr D is 77 and lives alone now.", "77"),
    ("staying at my nan's with my 3 kids, 4 and 9", "9"),
    ("The form asks for children: Amy, 4, Leo, 9, at a primary school.", "9"),
    ("Pupil: Cal Brooks / Year group: 6 / School: a primary", "6"),
    ("he's 81 n he still won't talk about it", "81"),
])
def test_ages_in_a_life_a_letter_and_a_form_are_masked(anonymiser, text, value):
    """All fail before round twenty-five."""
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("We left at eight and got home late.", "eight"),
    ("He left at 5 to get the bus.", "5"),
    ("The centre is open from nine till five on weekdays.", "nine"),
    ("We were open from 9 to 17 every day last week.", "17"),
    ("The caseload is at 60 at the moment.", "60"),
    ("I left at 16:30 today.", "16"),
    ("It went from 10 to 15 people in a year.", "15"),
    ("I'm sorry, 15 minutes is not long enough.", "15"),
])
def test_a_clock_a_count_or_opening_hours_is_no_age(anonymiser, text, word):
    """Guards: times, counts, hours."""
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,name", [
    ("Could you ring me back on the mobile? Thanks, Will", "Will"),
    ("We can do the Tuesday slot. Regards, May", "May"),
    ("See you at the forum. Best, Will", "Will"),
    ("Dear Will, thank you for your letter of last week.", "Will"),
    ("Hi Joy / Hi May / both copied in for information.", "May"),
    ("hi its daisy from the tuesday group, i cant come this week", "daisy"),
    ("hi im faith im 16 n in year 11", "faith"),
    ("Next steps: MJ to write to the victim.", "MJ"),
    ("Mon - no contact. Wed - LS changed her mind. Fri - LS asked to stop.", "LS"),
    ("Strategy discussion held. RJ advised to keep the diary.", "RJ"),
    ("Action log: Jan – chase the printer quote. Sue – ring the library.", "Sue"),
    ("Cover this week: Mon Hope, Tue Will, Wed Grace.", "Will"),
    ("Plan agreed. Housing (GH) to look at a move.", "GH"),
    ("Re: referral for K.M. / Client declined police involvement.", "K.M."),
    ("Sent via the contact form: name jake t email x@example.org message: please call", "jake t"),
    ("I went back to work last week and it felt good. R x", "R"),
])
def test_names_in_letters_forms_and_case_notes_are_masked(anonymiser, text, name):
    """All fail before round twenty-five."""
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, name), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("Thanks, will do.", "will"),
    ("Dear All, the meeting has moved.", "All"),
    ("hi im fine thanks, just tired", "fine"),
    ("hi im sorry it took so long to write this", "sorry"),
    ("Next steps: GP to refer to the clinic. SW to visit.", "GP"),
    ("Referral made. PC informed. Risk plan updated.", "PC"),
    ("I hope it helps. I x", "I"),
    ("Our rota: Mon and Tue only.", "Mon"),
])
def test_no_name_in_a_letters_words(anonymiser, text, word):
    """Guards: a modal after thanks, a greeting to all, a state after "im", agencies, the
    writer's own "I", days alone."""
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


def test_a_surname_after_a_collar_number_stays_masked(anonymiser):
    """A guard: the name cue now takes a capitalised surname in no list after the number."""
    text = "Header: From: PC 4410 Quarrington / Sent: Monday"
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, "Quarrington"), spans(text, dets)


def test_a_collar_number_after_an_officers_surname_is_masked(anonymiser):
    """Fails before round twenty-five: the number in brackets was left."""
    text = "Copied in: Ana Reyes (ISVA), DC Mallory (3318)."
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, "3318"), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("Prompt time keeping Efficient Listened Examined the sore area carefully", "Listened"),
    ("when I got to the Practice Helpful friendly staff and no wait", "Helpful"),
    ("Be kind because Everyone You meet May have Battles Or Worries s You know", "Battles"),
])
def test_title_case_verdicts_are_no_names(anonymiser, text, word):
    """All fail before round twenty-five."""
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,name", [
    ("Kind regards, Rose Miller", "Rose Miller"),
    ("I went to Bright Futures and they helped me.", "Bright Futures"),
    ("My ISVA Grace Helpful was great.", "Grace"),
])
def test_names_in_title_case_stay_masked(anonymiser, text, name):
    """Guards: a name, a service named with everyday words, a name-word used as a name."""
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, name), spans(text, dets)


@pytest.mark.parametrize("text,post", [
    ("The choirmaster at [FACILITY 1] was the one.", "choirmaster"),
    ("[PERSON 1] was the housemaster at [FACILITY 2] for years.", "housemaster"),
    ("The PE teacher at [FACILITY 1], [PERSON 1], made us run.", "PE teacher"),
    ("Kind regards, [PERSON 1], Clinical Lead, [ORGANIZATION 1], [LOCATION 1].", "Clinical Lead"),
    ("Regards / [PERSON 1] / Community Outreach Worker / [ORGANIZATION 1]",
     "Community Outreach Worker"),
])
def test_a_post_one_person_holds_goes_to_the_second_gate(text, post):
    """All fail before round twenty-five (the anonymised answer is read)."""
    from survey.anonymise.suspicious import suspicious_tokens

    roles = [text[a:b] for a, b, k in suspicious_tokens(text) if k == "identifying_role"]
    assert any(post in r for r in roles), roles


@pytest.mark.parametrize("text", [
    "The choirmaster at our church was kind to everyone.",
    "Regards to all the staff, they were lovely.",
    "Thanks to the nurse, she was great.",
])
def test_a_post_without_a_place_or_signature_stays_out_of_the_gate(text):
    """Guards."""
    from survey.anonymise.suspicious import suspicious_tokens

    assert not any(k == "identifying_role" for _, _, k in suspicious_tokens(text))
