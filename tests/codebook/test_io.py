"""Tests for codebook.io: YAML/XLSX round trips and located errors (synthetic content)."""

from __future__ import annotations

import pytest
import yaml
from openpyxl import load_workbook

from codebook import Code, Codebook, CodebookError, Theme, read_codebook, write_codebook

YAML_TEXT = """\
name: Synthetic codebook for tests
version: 2
themes:
  - id: access
    label: Access to services
    colour: "#1b9e77"
    codes:
      - id: access_transport
        label: Getting there
        definition: Travel to or from a service (synthetic).
        include: Buses, trains, distance.
        exclude: Waiting times (use access_waiting).
        examples: ["The bus only runs twice a day.", "It is a long way to travel."]
        keywords: [bus, train, travel]
        patterns: [[{LEMMA: long}, {LEMMA: way}]]
        colour: "#1b9e77"
        status: active
      - id: access_waiting
        label: Waiting
        definition: Time waiting for a first appointment.
        keywords: [wait, waiting list]
      - id: access_old
        label: Old code
        status: merged
        merged_into: access_waiting
  - id: support
    label: Support
    codes:
      - label: Being believed
        definition: Feeling believed by staff.
        parent: access_waiting
"""


@pytest.fixture
def yaml_path(tmp_path):
    p = tmp_path / "codebook.yaml"
    p.write_text(YAML_TEXT, encoding="utf-8")
    return p


def test_read_codebook_yaml_fields(yaml_path):
    cb = read_codebook(yaml_path)
    assert cb.version == 2
    code = cb.get("access_transport")
    assert code.keywords == ("bus", "train", "travel")
    assert code.patterns == ([{"LEMMA": "long"}, {"LEMMA": "way"}],)
    assert cb.get("access_old").merged_into == "access_waiting"
    derived = [c for c in cb.codes if c.label == "Being believed"][0]
    assert derived.id.startswith("c_") and derived.parent == "access_waiting"


def test_read_codebook_derived_id_is_stable(yaml_path):
    assert [c.id for c in read_codebook(yaml_path).codes] == [c.id for c in read_codebook(yaml_path).codes]


@pytest.mark.parametrize("suffix", [".yaml", ".xlsx"])
def test_write_codebook_round_trip_equal(yaml_path, tmp_path, suffix):
    cb = read_codebook(yaml_path)
    out = write_codebook(cb, tmp_path / f"copy{suffix}")
    assert read_codebook(out) == cb


def test_write_codebook_xlsx_keeps_formula_like_text_as_text(tmp_path):
    cb = Codebook("f", (Theme("t", "T"),), (Code("a", "A", "t", definition="=1+1 is not a formula"),))
    out = write_codebook(cb, tmp_path / "cb.xlsx")
    ws = load_workbook(out)["codes"]
    assert ws.cell(row=2, column=5).data_type == "s"
    assert read_codebook(out).get("a").definition == "=1+1 is not a formula"


def test_read_codebook_yaml_unknown_key_names_code(tmp_path):
    data = yaml.safe_load(YAML_TEXT)
    data["themes"][0]["codes"][0]["keyword"] = ["typo"]
    p = tmp_path / "bad.yaml"
    p.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(CodebookError, match=r"bad\.yaml: code 'access_transport': unknown key\(s\) keyword"):
        read_codebook(p)


def test_read_codebook_invalid_lists_all_problems_with_file(tmp_path):
    data = yaml.safe_load(YAML_TEXT)
    data["themes"][0]["codes"][1]["definition"] = ""
    data["themes"][1]["codes"][0]["parent"] = "ghost"
    p = tmp_path / "bad.yaml"
    p.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(CodebookError) as info:
        read_codebook(p)
    assert "bad.yaml" in str(info.value)
    assert len(info.value.problems) == 2


def test_read_codebook_xlsx_blank_label_names_row(yaml_path, tmp_path):
    out = write_codebook(read_codebook(yaml_path), tmp_path / "cb.xlsx")
    wb = load_workbook(out)
    wb["codes"].cell(row=3, column=2).value = None
    wb.save(out)
    with pytest.raises(CodebookError, match=r"cb\.xlsx, row 3: sheet 'codes', column 'label'"):
        read_codebook(out)


def test_read_codebook_unknown_suffix(tmp_path):
    p = tmp_path / "cb.txt"
    p.write_text("x", encoding="utf-8")
    with pytest.raises(CodebookError, match="expected a .yaml"):
        read_codebook(p)


def test_write_codebook_atomic_leaves_no_temp_files(yaml_path, tmp_path):
    out_dir = tmp_path / "out"
    write_codebook(read_codebook(yaml_path), out_dir / "cb.yaml")
    assert [p.name for p in out_dir.iterdir()] == ["cb.yaml"]
