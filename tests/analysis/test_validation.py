"""Validation sample and validated prevalence (issue 14)."""

from __future__ import annotations

import pandas as pd

from analysis.store import Store


def test_store_validation_sample_round_trip(tmp_path):
    sample = pd.DataFrame([
        {"segment_id": "s2", "unit_id": "r2", "stratum": "waiting", "predicted": ["waiting"],
         "position": 1, "seed": 7, "drawn_at": "2026-01-01T00:00:00+00:00"},
        {"segment_id": "s1", "unit_id": "r1", "stratum": "(none)", "predicted": [],
         "position": 0, "seed": 7, "drawn_at": "2026-01-01T00:00:00+00:00"},
    ])
    frame = pd.concat([sample, pd.DataFrame([{"segment_id": "s3", "unit_id": "r3",
                                              "stratum": "staff", "predicted": "staff;waiting"}])])
    with Store(tmp_path / "p.sqlite") as store:
        assert store.read_validation_sample().empty
        store.replace_validation_sample(sample, frame)
        got = store.read_validation_sample()
        assert got["segment_id"].tolist() == ["s1", "s2"]  # queue order
        assert got["predicted"].tolist() == [[], ["waiting"]]
        assert set(got["seed"]) == {7}
        fr = store.read_validation_frame()
        assert len(fr) == 3 and fr.loc[fr["segment_id"] == "s3", "predicted"].item() == [
            "staff", "waiting"]
        store.replace_validation_sample(sample.iloc[:1])  # a new draw replaces the old one
        assert store.read_validation_sample()["segment_id"].tolist() == ["s2"]
        assert store.read_validation_frame()["segment_id"].tolist() == ["s2"]
