"""Batching changes nothing (issue 15): the anonymiser finds the same spans in batches of any
size, and segmentation with only the sentence components of spaCy finds the same segments as
the whole pipeline. Texts are the demo's own synthetic answers."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import segment as seg
from analysis.segment import segment_answers
from survey.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


@pytest.fixture(scope="module")
def demo_answers(demo_dir):
    from survey.config import load_project
    from survey.instrument import read_instrument
    from survey.readers import read_source

    cfg = load_project(demo_dir)
    instrument = read_instrument(cfg.instrument)
    frames = [read_source(s, instrument, source_label=s.path.name).answers
              for s in cfg.sources[:3]]
    answers = pd.concat(frames, ignore_index=True)
    return answers[answers["text"].str.strip().astype(bool)].reset_index(drop=True)


def _spans(results):
    return [[(d.entity, d.start, d.end) for d in r.detections] for r in results]


def test_anonymiser_spans_do_not_depend_on_batch_size(demo_answers, demo_dir):
    from survey.anonymise import build_anonymiser
    from survey.config import load_project

    sample = demo_answers.iloc[::6].head(120)  # the survey answers and interview turns
    texts, rids = sample["text"].tolist(), sample["response_id"].tolist()
    cfg = load_project(demo_dir)
    whole = build_anonymiser(cfg.anonymise).anonymise_batch(texts, respondent_ids=rids)
    small = build_anonymiser(cfg.anonymise)
    batched = []
    for i in range(0, len(texts), 7):
        batched.extend(small.anonymise_batch(texts[i:i + 7], respondent_ids=rids[i:i + 7],
                                             batch_size=3))
    assert sum(map(len, _spans(whole))) > 10  # the planted identifiers are found
    assert _spans(batched) == _spans(whole)
    assert [r.text for r in batched] == [r.text for r in whole]


def test_segments_with_sentence_components_only_equal_whole_pipeline(demo_answers, nlp,
                                                                      monkeypatch):
    long = demo_answers[demo_answers["text"].str.split().str.len() > 25].head(80)
    assert len(long) >= 20
    fast = segment_answers(long, nlp=nlp, max_words=20)
    monkeypatch.setattr(seg, "_sentence_pipes", lambda n: list(n.pipe_names))
    full = segment_answers(long, nlp=nlp, max_words=20)
    assert len(fast) > len(long)  # long answers were split at sentences
    pd.testing.assert_frame_equal(fast, full)


def test_sentence_pipes_keep_only_what_sets_boundaries(nlp):
    assert seg._sentence_pipes(nlp) == ["tok2vec", "parser"]
