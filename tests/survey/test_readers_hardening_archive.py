"""Zip bombs and lying zip headers in .xlsx and .docx inputs are refused before any parser
unpacks them (issue 16, failure 1). Every bomb is built here from SYNTHETIC bytes in a few
milliseconds: a highly compressible member stands in for gigabytes of XML."""

from __future__ import annotations

import struct
import time
import zipfile
import zlib
from pathlib import Path

import openpyxl
import pytest

from survey.config import ArchiveLimits, SourceConfig, load_project
from survey.errors import ConfigError, InputFileError
from survey.readers import detect, read_source
from survey.readers.archive import check_archive
from survey.readers.transcripts import read_transcript

MARK = "Qvbombfillerq"  # the bomb's repeated cell text: never in a message


def _workbook(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["UserID", "What was most useful?"])
    ws.append(["r1", "Quiet room to wait in (synthetic)"])
    wb.save(path)
    return path


def _replace_member(path: Path, member: str, chunk: bytes, repeat: int, *,
                    head: bytes = b"", tail: bytes = b"") -> Path:
    """Rewrite ``path`` with ``member`` replaced by ``head + chunk * repeat + tail``, streamed
    and deflated at level 9 (a 64 MB member costs about 60 KB)."""
    out = path.with_name("bomb_" + path.name)
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED,
                                                        compresslevel=9) as dst:
        infos = src.infolist()
        added = member not in src.namelist()
        if added:  # openpyxl writes inline strings: add the shared-strings part
            infos.append(zipfile.ZipInfo(member))
        for info in infos:
            if info.filename != member:
                data = src.read(info.filename)
                if added and info.filename == "xl/_rels/workbook.xml.rels":
                    data = data.replace(b"</Relationships>", RELS_STRINGS + b"</Relationships>")
                dst.writestr(info, data)
                continue
            with dst.open(member, "w", force_zip64=True) as fh:
                fh.write(head)
                block = chunk * ((1 << 20) // len(chunk) or 1)
                written = 0
                while written < repeat * len(chunk):
                    fh.write(block)
                    written += len(block)
                fh.write(tail)
    return out


RELS_STRINGS = (b'<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/'
                b'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>')
SHEET_HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns='
              b'"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
SHEET_ROW = f'<row><c t="inlineStr"><is><t>{MARK}</t></is></c></row>'.encode()


@pytest.fixture(scope="module")
def sheet_bomb(tmp_path_factory) -> Path:
    book = _workbook(tmp_path_factory.mktemp("bomb") / "responses.xlsx")
    return _replace_member(book, "xl/worksheets/sheet1.xml", SHEET_ROW, (64 << 20) // 50,
                           head=SHEET_HEAD, tail=b"</sheetData></worksheet>")


@pytest.fixture(scope="module")
def strings_bomb(tmp_path_factory) -> Path:
    book = _workbook(tmp_path_factory.mktemp("bomb") / "answers.xlsx")
    head = (b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.'
            b'org/spreadsheetml/2006/main">')
    return _replace_member(book, "xl/sharedStrings.xml", f"<si><t>{MARK}</t></si>".encode(),
                           (64 << 20) // 30, head=head, tail=b"</sst>")


def _refused(call, path: Path, member: str) -> InputFileError:
    t0 = time.perf_counter()
    with pytest.raises(InputFileError) as err:
        call()
    assert time.perf_counter() - t0 < 1.0
    message = str(err.value)
    assert str(path) in message and member in message
    assert MARK not in message and "\n" not in message
    return err.value


@pytest.mark.parametrize("platform", ["auto", "generic"])
def test_archive_sheet_xml_bomb_refused_naming_member(sheet_bomb, platform):
    source = SourceConfig(path=sheet_bomb, cohort="c", platform=platform)
    err = _refused(lambda: read_source(source, None, source_label="s"), sheet_bomb,
                   "xl/worksheets/sheet1.xml")
    assert "ratio" in str(err)


def test_archive_shared_strings_bomb_refused_naming_member(strings_bomb):
    err = _refused(lambda: detect(strings_bomb), strings_bomb, "xl/sharedStrings.xml")
    assert "zip bomb" in str(err)


def test_archive_total_size_limit_from_config(tmp_path, sheet_bomb):
    (tmp_path / "project.yaml").write_text(
        f"name: bomb (synthetic)\nsources:\n  - path: {sheet_bomb}\n    cohort: c\n"
        "limits: {max_unpacked_mb: 16, max_ratio: 100000}\n", encoding="utf-8")
    config = load_project(tmp_path)
    assert config.limits == ArchiveLimits(max_unpacked_mb=16, max_ratio=100000)
    assert config.sources[0].limits == config.limits
    err = _refused(lambda: read_source(config.sources[0], None, source_label="s"), sheet_bomb,
                   "xl/worksheets/sheet1.xml")
    assert "more than 16 MB" in str(err)


@pytest.mark.parametrize("value", [0, -5, "big", True])
def test_archive_limits_config_rejects_bad_values(tmp_path, value):
    (tmp_path / "project.yaml").write_text(
        f"sources:\n  - path: a.csv\n    cohort: c\nlimits:\n  max_ratio: {value}\n",
        encoding="utf-8")
    with pytest.raises(ConfigError, match="limits.max_ratio"):
        load_project(tmp_path)


def test_archive_generous_limits_allow_a_trusted_file(tmp_path):
    book = _workbook(tmp_path / "ok.xlsx")
    # a 3 MB member of repeated rows: over the ratio limit by default, fine when raised
    dense = _replace_member(book, "xl/worksheets/sheet1.xml", SHEET_ROW, (3 << 20) // 50,
                            head=SHEET_HEAD, tail=b"</sheetData></worksheet>")
    with pytest.raises(InputFileError, match="ratio"):
        check_archive(dense)
    check_archive(dense, limits=ArchiveLimits(max_ratio=1_000_000))


def test_archive_ordinary_workbook_passes(tmp_path):
    book = _workbook(tmp_path / "plain.xlsx")
    check_archive(book)
    table = read_source(SourceConfig(path=book, cohort="c", platform="generic"), None,
                        source_label="plain.xlsx")
    assert len(table.responses) == 1


def _lying_zip(path: Path, member: str, real: bytes, declared: int) -> Path:
    """A zip whose headers declare ``declared`` bytes (with the CRC of that prefix) for a
    member that really inflates to ``len(real)``: the central directory looks harmless."""
    comp = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    data = comp.compress(real) + comp.flush()
    crc = zlib.crc32(real[:declared])
    name = member.encode()
    local = struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(data), declared,
                        len(name), 0) + name
    central = struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, 0, 0, crc, len(data),
                          declared, len(name), 0, 0, 0, 0, 0, 0) + name
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 1, 1, len(central),
                      len(local) + len(data), 0)
    path.write_bytes(local + data + central + end)
    return path


def test_archive_lying_header_caught_while_inflating(tmp_path):
    path = _lying_zip(tmp_path / "liar.xlsx", "xl/worksheets/sheet1.xml",
                      SHEET_HEAD + SHEET_ROW * ((48 << 20) // 50), declared=4096)
    with zipfile.ZipFile(path) as z:  # the directory alone looks harmless
        assert z.infolist()[0].file_size == 4096
    err = _refused(lambda: check_archive(path), path, "xl/worksheets/sheet1.xml")
    assert "declares" in str(err)


def test_archive_docx_bomb_refused(tmp_path):
    import docx

    doc = docx.Document()
    doc.add_paragraph("Interviewer: How was the first visit? (synthetic)")
    doc.add_paragraph("P1: The room was calm. (synthetic)")
    path = tmp_path / "interview.docx"
    doc.save(str(path))
    read_transcript(path)  # the ordinary document reads
    para = f"<w:p><w:r><w:t>P1: {MARK}</w:t></w:r></w:p>".encode()
    bomb = _replace_member(path, "word/document.xml", para, (64 << 20) // len(para))
    _refused(lambda: read_transcript(bomb), bomb, "word/document.xml")


def test_archive_unreadable_zip_directory_refused_before_parsing(tmp_path):
    book = _workbook(tmp_path / "cut.xlsx")
    data = book.read_bytes()
    book.write_bytes(data[: data.rfind(b"PK\x01\x02")])  # local entries, no central directory
    with pytest.raises(InputFileError, match="not a readable .xlsx workbook"):
        check_archive(book)
