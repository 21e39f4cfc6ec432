"""Per-file decoding on the file's own evidence (issue 16, failure 2): a UTF-8 export with one
stray Windows-1252 byte stays UTF-8 (accented names intact), only that cell is repaired, and a
warning names its row and column, never its content. Real cp1252 and UTF-16 files still read.
All text is SYNTHETIC."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from survey.config import SourceConfig
from survey.readers import read_source
from survey.readers.common import load_csv
from survey.readers.encoding import decode_text

# fresh synthetic names with accents from several scripts of Latin
NAMES = ["Maëlys Ó Dúnlaing", "Søren Ruiz-Núñez", "Ines Großmann", "Zoé Dvořák"]
HEADER = "UserID,How did the first appointment go?\n"


def _rows() -> list[str]:
    return [f"u{i},I met {name} at the clinic and it went fine" for i, name in enumerate(NAMES)]


def _mixed_file(tmp_path: Path) -> Path:
    """UTF-8 throughout, but row 4's answer has a cp1252 right quote (0x92) pasted in."""
    lines = [HEADER.encode("utf-8")]
    for i, row in enumerate(_rows()):
        data = row.encode("utf-8")
        if i == 2:  # spreadsheet row 4 (header is row 1)
            data += b" and the nurse said we\x92d be fine"
        lines.append(data + b"\n")
    path = tmp_path / "mixed.csv"
    path.write_bytes(b"".join(lines))
    return path


def test_decoding_stray_byte_keeps_utf8_names(tmp_path):
    path = _mixed_file(tmp_path)
    table = read_source(SourceConfig(path=path, cohort="c", platform="smartsurvey"), None,
                        source_label="mixed.csv")
    texts = table.answers["text"].tolist()
    for name in NAMES:
        assert any(name in t for t in texts), name
    assert not any("Ã" in t or "\udc92" in t for t in texts)  # no mojibake, no marker left
    assert any("we\u2019d be fine" in t for t in texts)  # the stray byte repaired as cp1252


def test_decoding_stray_byte_warned_by_row_and_column_only(tmp_path):
    path = _mixed_file(tmp_path)
    grid = load_csv(path)
    warnings = [w for w in grid.warnings if "not" in w and "UTF-8" in w]
    assert len(warnings) == 1
    assert "row 4 column B" in warnings[0] and "1 cell(s)" in warnings[0]
    assert "nurse" not in warnings[0] and "fine" not in warnings[0]
    table = read_source(SourceConfig(path=path, cohort="c", platform="smartsurvey"), None,
                        source_label="mixed.csv")
    assert any("row 4 column B" in w for w in table.warnings)


def test_decoding_only_the_stray_cell_changes(tmp_path):
    path = _mixed_file(tmp_path)
    grid = load_csv(path)
    clean = [r.split(",", 1)[1] for r in _rows()]
    got = [row[1] for row in grid.rows[1:]]
    assert [g for k, g in enumerate(got) if k != 2] == [c for k, c in enumerate(clean) if k != 2]


def test_decoding_real_cp1252_file_reads_with_a_note(tmp_path):
    path = tmp_path / "legacy.csv"
    path.write_bytes((HEADER + "\n".join(r for r in _rows() if "ř" not in r) + "\n"
                      "u9,It wasn\u2019t what I expected\n").encode("cp1252"))
    decoded = decode_text(path.read_bytes(), path)
    assert decoded.encoding.replace("_", "").lower() in {"cp1252", "windows1252"}
    grid = load_csv(path)
    assert grid.rows[1][1].endswith("Maëlys Ó Dúnlaing at the clinic and it went fine")
    assert grid.rows[-1][1] == "It wasn\u2019t what I expected"
    assert any("not UTF-8" in w for w in grid.warnings)  # never silent


@pytest.mark.parametrize("codec, bom", [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-le", b""),
                                        ("utf-8", codecs.BOM_UTF8)])
def test_decoding_utf16_and_bom_files_read(tmp_path, codec, bom):
    path = tmp_path / "u.csv"
    path.write_bytes(bom + (HEADER + "\n".join(_rows()) + "\n").encode(codec))
    grid = load_csv(path)
    assert grid.rows[4][1] == "I met Zoé Dvořák at the clinic and it went fine"
    assert grid.warnings == []


def test_decoding_stray_byte_after_bom(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes(codecs.BOM_UTF8 + HEADER.encode() + "u1,Søren called\n".encode()
                     + b"u2,it\x92s fine\n")
    grid = load_csv(path)
    assert grid.rows[1][1] == "Søren called" and grid.rows[2][1] == "it\u2019s fine"
    assert any("row 3 column B" in w for w in grid.warnings)


def test_decoding_plain_utf8_has_no_warning(tmp_path):
    path = tmp_path / "ok.csv"
    path.write_bytes((HEADER + "\n".join(_rows()) + "\n").encode("utf-8"))
    assert load_csv(path).warnings == []


def test_decoding_transcript_stray_byte_warned_by_line(tmp_path):
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "one.txt").write_bytes("Interviewer: Who did you see first?\n".encode()
                                     + "P1: Dr Aurélie Fontaine, then the nurse.\n".encode()
                                     + b"P1: It\x92s been better since.\n")
    table = read_source(SourceConfig(path=folder, cohort="c", kind="interview"), None,
                        source_label="t")
    texts = " ".join(table.answers["text"])
    assert "Aurélie Fontaine" in texts and "It\u2019s been better" in texts
    notes = [w for w in table.warnings if "line(s) 3" in w]
    assert len(notes) == 1 and "better" not in notes[0]
