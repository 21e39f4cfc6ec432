"""Tests for codebook.versioning: changes are recorded, survive YAML and XLSX, and codings
follow renames and merges (synthetic codebook)."""

from __future__ import annotations

import pandas as pd
import pytest

from codebook import Code, Codebook, CodebookError, Theme, read_codebook, write_codebook
from codebook.versioning import (apply_code_map, current_code_ids, merge_codes, needs_recoding,
                                 rename_code, retire_code, split_code)

CB = Codebook("Synthetic", (Theme("t", "T"),), (
    Code("bus", "Bus", "t", definition="Buses."),
    Code("train", "Train", "t", definition="Trains."),
    Code("travel", "Travel", "t", definition="Travel."),
    Code("child", "Child", "t", definition="Sub-code.", parent="bus"),
    Code("help", "Help", "t", definition="Help."),
))


def test_rename_then_merge_codings_follow_the_chain():
    cb = rename_code(CB, "bus", "bus_travel", label="Bus travel", note="clearer")
    assert cb.version == 2 and cb.get("child").parent == "bus_travel"
    cb = merge_codes(cb, ["bus_travel", "train"], "travel", note="one travel code")
    assert cb.version == 3 and cb.get("train").status == "merged"
    m = current_code_ids(cb)
    assert m["bus"] == "travel" and m["bus_travel"] == "travel" and m["train"] == "travel"
    assert m["help"] == "help"
    codings = pd.DataFrame({"segment_id": ["s1", "s1", "s2"], "code_id": ["bus", "train", "help"],
                            "coder": ["AB", "AB", "AB"], "status": ["accepted"] * 3})
    out = apply_code_map(codings, m)
    assert out[["segment_id", "code_id"]].values.tolist() == [["s1", "travel"], ["s2", "help"]]


def test_split_and_retire_are_recorded_and_need_recoding():
    cb = split_code(CB, "help", [Code("help_practical", "Practical", "t", definition="P."),
                                 Code("help_emotional", "Emotional", "t", definition="E.")])
    cb = retire_code(cb, "train", note="no longer used")
    assert [ch.action for ch in cb.changes] == ["split", "retire"]
    assert cb.changes[0].codes_to == ("help_practical", "help_emotional")
    assert set(needs_recoding(cb)) == {"help", "train"}
    assert current_code_ids(cb)["help"] == "help"


def test_changes_round_trip_yaml_and_xlsx(tmp_path):
    cb = merge_codes(rename_code(CB, "bus", "bus2"), ["train"], "travel", note="merged")
    for name in ("cb.yaml", "cb.xlsx"):
        back = read_codebook(write_codebook(cb, tmp_path / name))
        assert back.changes == cb.changes and back.version == 3
        assert current_code_ids(back) == current_code_ids(cb)


def test_versioning_refuses_bad_operations():
    with pytest.raises(CodebookError, match="unknown code"):
        rename_code(CB, "nope", "x")
    with pytest.raises(CodebookError, match="already used"):
        rename_code(CB, "bus", "train")
    with pytest.raises(CodebookError, match="into itself"):
        merge_codes(CB, ["bus"], "bus")
    with pytest.raises(CodebookError, match="not active"):
        merge_codes(retire_code(CB, "travel"), ["bus"], "travel")
    with pytest.raises(CodebookError, match="two new codes"):
        split_code(CB, "help", [Code("h1", "H1", "t", definition="x")])
