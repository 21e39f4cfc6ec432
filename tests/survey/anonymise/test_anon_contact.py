"""Contact-detail recognizers: e-mail, URL, handle, phone, IP (synthetic examples)."""

from __future__ import annotations

import pytest

from anon_helpers import covered, spans
from survey.anonymise.recognizers.contact import (EmailRecognizer, IpAddressRecognizer,
                                                  PhoneRecognizer, SocialHandleRecognizer,
                                                  UrlRecognizer)


@pytest.mark.parametrize("text,value", [
    ("write to jo.bloggs@example.com please", "jo.bloggs@example.com"),
    ("Email: A.N.Other+survey@mail.example.co.uk.", "A.N.Other+survey@mail.example.co.uk"),
])
def test_email_detects_addresses(text, value):
    dets = EmailRecognizer().detect(text)
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text", ["no at sign here", "meet me @ 5", "user@ localhost"])
def test_email_ignores_non_addresses(text):
    assert EmailRecognizer().detect(text) == []


@pytest.mark.parametrize("text,value", [
    ("see https://example.org/path?x=1.", "https://example.org/path?x=1"),
    ("at www.example-site.co.uk today", "www.example-site.co.uk"),
    ("their page example-charity.org.uk has it", "example-charity.org.uk"),
])
def test_url_detects_links_and_domains(text, value):
    dets = UrlRecognizer().detect(text)
    assert covered(text, dets, value), spans(text, dets)
    assert all(not text[d.end - 1] in ".," for d in dets)


def test_url_ignores_email_domain_and_plain_words():
    assert UrlRecognizer().detect("I felt fine. Then it got better.") == []


@pytest.mark.parametrize("text,value", [
    ("message me @jo_b_99 on there", "@jo_b_99"),
    ("(@SomeOne)", "@SomeOne"),
])
def test_handle_detects_at_names(text, value):
    dets = SocialHandleRecognizer().detect(text)
    assert covered(text, dets, value)


def test_handle_ignores_email_domain():
    assert SocialHandleRecognizer().detect("jo@example.com") == []


@pytest.mark.parametrize("text,value", [
    ("call me on 07700 900123 any time", "07700 900123"),
    ("ring +44 20 7946 0958 please", "+44 20 7946 0958"),
    ("the office is 0113 496 0000", "0113 496 0000"),
    ("US line (212) 555-0142 works", "(212) 555-0142"),
    ("mobile: 0471 28 63 90", "0471 28 63 90"),
])
def test_phone_detects_numbers(text, value):
    dets = PhoneRecognizer().detect(text)
    assert covered(text, dets, value), spans(text, dets)


@pytest.mark.parametrize("text", ["I waited 12 weeks", "it was 2019", "about 45 minutes",
                                  "room 101"])
def test_phone_ignores_short_numbers(text):
    assert PhoneRecognizer().detect(text) == []


def test_phone_plus44_parses_as_gb_with_high_score():
    dets = PhoneRecognizer().detect("text +44 7911 123456")
    assert max(d.score for d in dets) >= 0.9


@pytest.mark.parametrize("text,value", [
    ("from 192.168.0.12 at night", "192.168.0.12"),
    ("v6 2001:db8::8a2e:370:7334 logged", "2001:db8::8a2e:370:7334"),
])
def test_ip_detects_valid_addresses(text, value):
    dets = IpAddressRecognizer().detect(text)
    assert covered(text, dets, value)


@pytest.mark.parametrize("text", ["version 999.1.1.1", "300.2.3.4", "at 12:30:00", "1.2.3"])
def test_ip_rejects_invalid(text):
    assert IpAddressRecognizer().detect(text) == []
