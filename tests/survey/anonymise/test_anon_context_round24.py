"""Round twenty-four of the context rules, from the development sets (fresh30 and fr11 once read).

Minutes and action logs name people by the actions they own ("Action: TK to chase", "(2)
Faith to book", "Drew: ring housing", "owner NB"), by what the minutes record ("Mark raised",
"Hope noted") and in lists of attendees ("Present: RB, TT", "Apologies: Grace (schools)", "Rose
(EDT), Ali Khan (police)"). A teacher is "mr P"; someone is "called Will" a few words after who
they are; a team is "Holly covering duty", "Iris off sick". Dates come as "Thurs 7th:" and
"Notes, 3/3."; ages as "child is 6", "my two are 5 and 8", "my autistic son is 14", "victim 27",
"got me through year 13" and "in year 12 i". In a survivor's answer "Hope to get better" stays a
wish, and "Happy to attend", "GP to refer", "YP to attend" name no one. A "6 year old x ray" is
no one's age, "doctor s and staff" is a plural and "Dr Recently" the next sentence's first word.

Every sentence is invented for this test, in its own words; none is taken from an evaluation
set. The cases named in each test's docstring fail before round twenty-four (on 5e9e0c2, 39 in
all); the others are guards.
"""

from __future__ import annotations

import pytest
from anon_helpers import covered, spans, touched


@pytest.mark.parametrize("text,name", [
    ("Action: TK to chase the CPS for a charging decision.", "TK"),
    ("Actions from the panel. (2) Faith to book the quiet room for Monday.", "Faith"),
    ("Action log w/c 4/5. Drew: ring housing about the move. NB: no cover Friday.", "Drew"),
    ("Action log w/c 4/5. Drew: ring housing about the move. PL: update the risk plan.", "PL"),
    ("Minutes of the steering group. Mark raised the wait for counselling.", "Mark"),
    ("Minutes of the steering group. Hope noted the drop in referrals from schools.", "Hope"),
    ("1. Leaflet wording, owner NW, due end of month.", "NW"),
    ("Actions agreed: Will to send the figures; Sana to ring the school.", "Will"),
    ("Agreed that the outreach van goes to Spalding. Summer to sort the rota, KD to drive.",
     "KD"),
])
def test_the_owner_of_an_action_in_minutes_is_masked(anonymiser, text, name):
    """The first eight fail before round twenty-four; "KD to drive" is a guard (read already)."""
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, name), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("Hope to get better soon, my notes say I am doing well.", "Hope"),
    ("Actions: YP to attend the review. GP to refer to the clinic. SW to visit.", "YP"),
    ("Actions: YP to attend the review. GP to refer to the clinic. SW to visit.", "GP"),
    ("Actions: YP to attend the review. GP to refer to the clinic. SW to visit.", "SW"),
    ("Action: none agreed. NB: the room is booked until six.", "NB"),
    ("Action points agreed. Happy to attend the next core group if invited.", "Happy"),
    ("Minutes agreed as accurate. Grace to be honest was missed by all of us.", "Grace"),
])
def test_no_owner_where_no_one_stands(anonymiser, text, word):
    """Guards: a wish outside minutes, roles and agencies, a post-script, an adjective, and an
    abstract word before "to be"."""
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,name", [
    ("Present: RB, TT, Cllr Akers. RB in the chair.", "TT"),
    ("Present: RB, TT, Cllr Akers. RB in the chair.", "RB"),
    ("Apologies: Grace (schools), Dr Lund.", "Grace"),
    ("Strategy discussion. Rose (EDT), Ali Khan (police), MJ (school nurse).", "Rose"),
    ("Strategy discussion. Rose (EDT), Ali Khan (police), MJ (school nurse).", "MJ"),
    ("Team notes. Holly covering duty today, Iris off sick until Monday.", "Holly"),
    ("Team notes. Holly covering duty today, Iris off sick until Monday.", "Iris"),
    ("Hi Will and Tariq, sorry I missed the call.", "Will"),
])
def test_attendees_bracketed_people_and_a_teams_day_are_masked(anonymiser, text, name):
    """Six fail before round twenty-four; "TT" and "Iris" are guards (read already)."""
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, name), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("We tried CBT (talking therapy), EMDR (eye movement therapy) and art.", "CBT"),
    ("Present: ISVA, police, CSC. Apologies: none.", "ISVA"),
    ("the nurse called social services straight away", "social"),
])
def test_no_person_in_a_list_of_treatments_or_agencies(anonymiser, text, word):
    """Guards."""
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,name", [
    ("the one teacher who got it was my form tutor mr K. he let me sit at the back", "K"),
    ("i met a volunteer at Sunrise called Will and he made it less scary", "Will"),
    ("the woman who did my video interview was called grace and she was calm", "grace"),
])
def test_a_teacher_by_one_letter_and_someone_called_by_name_are_masked(anonymiser, text, name):
    """All three fail before round twenty-four."""
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, name), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("Notes from Weds 9th: room booked for the family.", "Weds 9th"),
    ("Wednesday 9th: panel met, two new referrals.", "Wednesday 9th"),
    ("Notes, 3/3. Outreach van at the market all day.", "3/3"),
    ("Minutes, district safety forum, 14/11. Quorate.", "14/11"),
    ("Plan stays in place. Next conference 22/5.", "22/5"),
])
def test_a_date_in_a_notes_heading_is_masked(anonymiser, text, value):
    """All five fail before round twenty-four."""
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)
    assert any(d.entity == "DATE" for d in dets), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("i rated the notes, 3/5 stars tbh", "3/5"),
    ("see you Mon 9th:30 sharp", "9th"),
])
def test_a_score_or_a_clock_is_no_date(anonymiser, text, word):
    """Guards."""
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,value", [
    ("Safeguarding discussion. Child is 7, lives with nan.", "7"),
    ("my two are 4 and 9 and they ask where i go on tuesdays", "4"),
    ("my two are 4 and 9 and they ask where i go on tuesdays", "9"),
    ("My autistic daughter is 13 and she found the waiting room too loud", "13"),
    ("Case 3: victim 24, works at the hospital canteen.", "24"),
    ("honestly the youth club is what got me through year 11. no one else", "year 11"),
    ("in year 10 i told a dinner lady and nothing happened", "year 10"),
])
def test_ages_and_school_years_in_notes_and_answers_are_masked(anonymiser, text, value):
    """All seven fail before round twenty-four."""
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text,word", [
    ("the child is 2 years behind in reading", "2"),
    ("in year 2 of the contract we saw more referrals", "year 2"),
    ("my two are going to the holiday club", "two"),
    ("they looked at a 6 year old x ray instead of a new one", "6 year old"),
    ("a well run surgery by both doctor s and staff", "s"),
    ("would like the same Dr Recently my tablets were changed", "Recently"),
])
def test_no_age_and_no_name_where_none_is(anonymiser, text, word):
    """The x ray and "Dr Recently" fail before round twenty-four (an image's age, the next
    sentence's first word); the others are guards."""
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


@pytest.mark.parametrize("text,name", [
    ("My 6 year old son loves the play room.", "6 year old"),
    ("I was seen by Dr Kelly who was kind.", "Kelly"),
])
def test_a_childs_age_and_a_doctor_stay_masked(anonymiser, text, name):
    """Guards: the new exclusions leave a child's age and a surname in "-ly"."""
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, name), spans(text, dets)


def test_a_nurses_initial_stays_masked(anonymiser):
    """Guard: a lone "s" after "nurse" with no plural around it is still an initial."""
    text = "nurse s was lovely to me"
    dets = anonymiser.detect_batch([text])[0]
    assert any(d.start <= 6 < d.end for d in dets), spans(text, dets)


@pytest.mark.parametrize("text,post", [
    ("Present: [PERSON 1] (head teacher), [PERSON 2] (DSL), [PERSON 3] (GP).", "head teacher"),
    ("Attendees: [PERSON 1] (ward manager, [FACILITY 1]), [PERSON 2] (police).",
     "ward manager"),
    ("Please liaise with [FACILITY 1] matron before visiting.", "matron"),
    ("The college's DSL is [PERSON 1] and she is on leave.", "DSL"),
    ("the head, mrs [PERSON 1], sorted it the same day", "head"),
    ("I'm the head of year 9 at [FACILITY 1] and students come to me.", "head of year 9"),
    ("I'm the LGBT+ officer at [ORGANIZATION 1] and students tell me", "LGBT+ officer"),
    ("I am the only trained SOIT officer on duty across [LOCATION 1] at night.",
     "the only trained SOIT officer"),
    ("I am the only BSL counsellor working with survivors in the region.",
     "the only BSL counsellor"),
])
def test_a_post_one_person_holds_goes_to_the_second_gate(text, post):
    """All but the SOIT officer (a guard) fail before round twenty-four (the anonymised answer
    is read, as the pipeline reads it)."""
    from survey.anonymise.suspicious import suspicious_tokens

    roles = [text[a:b] for a, b, k in suspicious_tokens(text) if k == "identifying_role"]
    assert any(post in r for r in roles), roles


@pytest.mark.parametrize("text", [
    "Present: [PERSON 1] (ISVA), [PERSON 2] (social worker), [PERSON 3] (police).",
    "we spoke to the head of year about it",
    "it was the only clinic in the area with an evening slot",
])
def test_a_post_many_hold_or_no_place_stays_out_of_the_gate(text):
    """Guards."""
    from survey.anonymise.suspicious import suspicious_tokens

    assert not any(k == "identifying_role" for _, _, k in suspicious_tokens(text))


@pytest.mark.parametrize("text,word", [
    ("Client age 52. Ethnicity White Irish. Language Polish. Prefers a female worker.",
     "White Irish"),
    ("im sikh n punjabi n nobody at home talks about it", "punjabi"),
    ("A named LGBT-aware worker in every team would help a lot.", "LGBT"),
])
def test_identity_words_beside_a_field_name_text_speak_or_a_suffix_are_kept(anonymiser, text,
                                                                             word):
    """Found after fresh31 was scored (development since): a form's field name, "n" for "and"
    and "-aware" beside an identity word made the span look like a name or a company. The third
    fails before (on c615cf6); the first two are guards (the model reads no company in them;
    the unit test below holds the rule)."""
    dets = anonymiser.detect_batch([text])[0]
    assert not touched(text, dets, word), spans(text, dets)


def test_a_lady_named_joy_is_still_a_name(anonymiser):
    """Guard: "named" is an adjective only after an article ("a named worker")."""
    text = "a lady named Joy sat with me"
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, "Joy"), spans(text, dets)


@pytest.mark.parametrize("value", ["Ethnicity White Irish", "sikh n punjabi n", "LGBT-friendly"])
def test_a_field_name_text_speak_and_a_suffix_stand_beside_identity_words(value):
    """All three fail before (on c615cf6): the span held a word that was not an identity word."""
    from survey.anonymise.identity import identity_categories

    assert identity_categories(value) is not None
