"""Tests for codebook.model (synthetic codebooks only)."""

from __future__ import annotations

import pytest

from codebook import Code, Codebook, CodebookError, Theme


def _good() -> Codebook:
    return Codebook(
        name="Synthetic test codebook",
        themes=(Theme("access", "Access to services", "#1b9e77"), Theme("support", "Support")),
        codes=(
            Code("transport", "Getting there", "access", definition="Travel to a service.",
                 examples=("The bus takes two hours (synthetic).",), keywords=("bus", "train")),
            Code("waiting", "Waiting", "access", definition="Time waiting for a service."),
            Code("listened", "Being listened to", "support", definition="Staff listened.",
                 parent="waiting"),
            Code("old", "Old code", "support", status="merged", merged_into="waiting"),
        ),
    )


def test_codebook_validate_valid_is_empty():
    assert _good().validate() == []


@pytest.mark.parametrize(("codes", "expected"), [
    ((Code("a", "A", "t", definition="d"), Code("a", "A2", "t", definition="d")), "duplicate code id 'a'"),
    ((Code("a", "A", "nope", definition="d"),), "unknown theme 'nope'"),
    ((Code("a", "A", "t", definition="d", parent="ghost"),), "unknown parent 'ghost'"),
    ((Code("a", "A", "t"),), "empty definition"),
    ((Code("a", "A", "t", status="merged", merged_into="ghost"),), "merged_into unknown code 'ghost'"),
    ((Code("a", "A", "t", status="merged"),), "needs merged_into"),
    ((Code("a", "A", "t", definition="d", status="paused"),), "status must be one of"),
    ((Code("a", "A", "t", definition="d", parent="b"), Code("b", "B", "t", definition="d", parent="a")),
     "parent cycle"),
    ((Code("a", "A", "t", definition="d", colour="green"),), "colour"),
])
def test_codebook_validate_names_each_problem(codes, expected):
    cb = Codebook("x", (Theme("t", "T"),), codes)
    problems = cb.validate()
    assert any(expected in p for p in problems), problems


def test_codebook_validate_reports_all_problems_at_once():
    cb = Codebook("x", (Theme("t", "T"), Theme("t", "T again")), (
        Code("a", "A", "t", definition="d"), Code("a", "A", "t", definition="d"),
        Code("b", "B", "zz"), Code("c", "C", "t", definition="d", parent="ghost")))
    problems = cb.validate()
    joined = "\n".join(problems)
    for fragment in ("duplicate theme id 't'", "duplicate code id 'a'", "unknown theme 'zz'",
                     "empty definition", "unknown parent 'ghost'"):
        assert fragment in joined
    with pytest.raises(CodebookError) as info:
        cb.check()
    assert info.value.problems == problems
    assert isinstance(info.value, ValueError)


def test_codebook_active_codes_excludes_merged():
    assert [c.id for c in _good().active_codes] == ["transport", "waiting", "listened"]


def test_codebook_get_unknown_lists_known_ids():
    cb = _good()
    assert cb.get("waiting").label == "Waiting"
    with pytest.raises(KeyError, match="transport"):
        cb.get("missing")


def test_codebook_to_frame_columns_and_joins():
    frame = _good().to_frame()
    assert list(frame.columns) == ["code_id", "label", "theme_id", "theme_label", "definition",
                                   "include", "exclude", "colour", "status", "keywords", "examples"]
    row = frame.set_index("code_id").loc["transport"]
    assert row["keywords"] == "bus;train"
    assert row["theme_label"] == "Access to services"
    assert len(frame) == 4
