"""Regression tests for the leak forms of issue 13, each written with surfaces OTHER than the ones
reported (other names, domains, spacing), so they test the rule and not the string.

All strings are invented for these tests.
"""

from __future__ import annotations

import pytest

from anon_helpers import covered, spans


def _check(anonymiser, text: str, secret: str) -> None:
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, secret), (secret, spans(text, dets))
    out = anonymiser.anonymise_batch([text], respondent_ids=["t"])[0].text
    for part in secret.replace("-", " ").split():
        if len(part) > 2:
            assert part not in out, out


@pytest.mark.parametrize("text,secret", [
    ("i told my neighbour tamsin oyelaran-whitby what happened", "tamsin oyelaran-whitby"),
    ("then my stepdad corwen ap-hywel turned up", "corwen ap-hywel"),
    ("my mate lowri brennock-tse came with me", "lowri brennock-tse"),
])
def test_lower_case_name_after_a_cue_with_hyphenated_surname(anonymiser, text, secret):
    _check(anonymiser, text, secret)


@pytest.mark.parametrize("text,secret", [
    ("email me on bex dot quarrie at yahoo dot co dot uk.",
     "bex dot quarrie at yahoo dot co dot uk"),
    ("its ruaridh (dot) fenwell (at) outlook (dot) com.",
     "ruaridh (dot) fenwell (at) outlook (dot) com"),
    ("contact: sami_r at protonmail dot me. thanks", "sami_r at protonmail dot me"),
])
def test_obfuscated_email_ending_in_a_full_stop(anonymiser, text, secret):
    _check(anonymiser, text, secret)


@pytest.mark.parametrize("text,secret", [
    ("write to ailsa.mccrindle[at]btinternet.com if you can", "ailsa.mccrindle[at]btinternet.com"),
    ("she is deshawna_p(at)icloud.com on there", "deshawna_p(at)icloud.com"),
    ("or tomasz.wierzba {at} wp.pl", "tomasz.wierzba {at} wp.pl"),
])
def test_bracketed_at_email_is_masked_whole_not_just_the_domain(anonymiser, text, secret):
    dets = anonymiser.detect_batch([text])[0]
    local = secret.split("[")[0].split("(")[0].split("{")[0].strip()
    assert covered(text, dets, secret), spans(text, dets)
    assert local not in anonymiser.anonymise_batch([text], respondent_ids=["t"])[0].text


@pytest.mark.parametrize("text,secret", [
    ("my NI is ZX 98 76 54 B", "ZX 98 76 54 B"),
    ("national insurance ok071122d written on the form", "ok071122d"),
    ("ni no. FQ-44-21-90-A", "FQ-44-21-90-A"),
])
def test_ni_shaped_strings_with_never_issued_prefixes(anonymiser, text, secret):
    _check(anonymiser, text, secret)


@pytest.mark.parametrize("text,secret", [
    ("he said his name was M-A-R-C-U-S and laughed", "M-A-R-C-U-S"),
    ("she spelt it out d e r v l a for me", "d e r v l a"),
    ("it was T_O_M_A_S all along", "T_O_M_A_S"),
])
def test_names_spelt_letter_by_letter(anonymiser, text, secret):
    _check(anonymiser, text, secret)


@pytest.mark.parametrize("text,secret", [
    ("add me on snap quolbery", "quolbery"),
    ("my tiktok is lil_moth3r", "lil_moth3r"),
    ("fb: dreya.okafor94", "dreya.okafor94"),
    ("his ig - vantrell.b", "vantrell.b"),
])
def test_handles_without_at_after_a_platform_word(anonymiser, text, secret):
    _check(anonymiser, text, secret)


def test_platform_word_before_an_ordinary_word_is_left_alone(anonymiser):
    text = "i was on insta yesterday and facebook messenger too"
    assert anonymiser.detect_batch([text])[0] == []


@pytest.mark.parametrize("text,secret", [
    ("we both went to st wilfrids primary", "st wilfrids primary"),
    ("i was at st. aidan's high till year 9", "st. aidan's high"),
    ("our lady of lourdes catholic academy was awful", "our lady of lourdes catholic academy"),
])
def test_lower_case_school_names(anonymiser, text, secret):
    _check(anonymiser, text, secret)


@pytest.mark.parametrize("text,secret", [
    ("the reg was B N 7 1 K W X", "B N 7 1 K W X"),
    ("y d 6 8 p u l followed me home", "y d 6 8 p u l"),
    ("a silver one, M.F.0.3.H.G.J", "M.F.0.3.H.G.J"),
])
def test_spaced_vehicle_plates(anonymiser, text, secret):
    _check(anonymiser, text, secret)


@pytest.mark.parametrize("text,secret", [
    ("ｍａｒｉｓｓａ knows what she did", "ｍａｒｉｓｓａ"),
    ("it was my uncle ｊｏｎｔｙ", "ｊｏｎｔｙ"),
    ("ask 𝐫𝐡𝐨𝐝𝐫𝐢 about it", "𝐫𝐡𝐨𝐝𝐫𝐢"),
])
def test_full_width_and_styled_letters(anonymiser, text, secret):
    dets = anonymiser.detect_batch([text])[0]
    assert covered(text, dets, secret), spans(text, dets)


@pytest.mark.parametrize("text,secret", [
    ("PCSO 90122 was the only one who listened", "90122"),
    ("dc 3318 rang me back twice", "3318"),
    ("Sgt 552 took the statement", "552"),
    ("her collar number 7740 was on the letter", "7740"),
])
def test_police_collar_numbers(anonymiser, text, secret):
    _check(anonymiser, text, secret)


def test_counts_after_a_rank_word_are_not_collar_numbers(anonymiser):
    text = "the officer 12 years ago did nothing"
    assert not [d for d in anonymiser.detect_batch([text])[0] if d.entity == "REFERENCE_NUMBER"]


@pytest.mark.parametrize("text,secret", [
    ("email me on tam_v 47 @ quickpost . com if you want", "tam_v 47 @ quickpost . com"),
    ("reach me at rhos_k_19 @ outlook . co . uk anytime", "rhos_k_19 @ outlook . co . uk"),
    ("my email is dee.q_08 @ gmail . com", "dee.q_08 @ gmail . com"),
    ("mail brin 73 @ yahoo . com thanks", "brin 73 @ yahoo . com"),
    ("write to ollo_z@ proton . me", "ollo_z@ proton . me"),
])
def test_email_with_spaces_around_at_and_dots(anonymiser, text, secret):
    _check(anonymiser, text, secret)


@pytest.mark.parametrize("text", [
    "we met @ the cafe . it was fine",
    "i was there @ 3 . then left",
])
def test_an_at_sign_without_a_domain_is_not_an_email(anonymiser, text):
    dets = anonymiser.detect_batch([text])[0]
    assert not any(d.entity == "EMAIL_ADDRESS" for d in dets), spans(text, dets)


@pytest.mark.parametrize("text,secret", [
    ("text me on o7700 9oo318 please", "o7700 9oo318"),
    ("ring o1632 96o 447 after six", "o1632 96o 447"),
    ("my number is 07700 9oo 552", "07700 9oo 552"),
    ("call O7700 900 61O if you can", "O7700 900 61O"),
])
def test_phone_numbers_with_the_letter_o_for_zero(anonymiser, text, secret):
    _check(anonymiser, text, secret)


def test_words_with_the_letter_o_are_not_phone_digits(anonymiser):
    text = "I go to group on 2 days a week, room 104 or 105."
    dets = anonymiser.detect_batch([text])[0]
    assert not any(d.entity == "PHONE_NUMBER" for d in dets), spans(text, dets)
