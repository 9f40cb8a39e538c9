"""Word ``.docx`` SOWs read with the standard library: paragraphs, tables, and what is refused."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from app.rules.docx_text import DocxReadError, docx_text
from app.rules.pdf_text import SowReadError, read_sow
from tests.crm.helpers import docx, docx_of, paragraph, table

SOW = Path(__file__).resolve().parents[1] / "data" / "rules_draft" / "sow_small.md"


def test_paragraphs_and_table_rows_are_lines() -> None:
    body = paragraph("4. Fees") + table([["Role", "Rate"], ["Partner", "USD 350"]])
    body += "<w:p><w:r><w:t>Travel</w:t><w:tab/><w:t>50%</w:t></w:r>"
    body += "<w:del><w:r><w:delText>deleted words</w:delText></w:r></w:del></w:p>"

    assert docx_text(docx(body), "x.docx") == "4. Fees\nRole | Rate\nPartner | USD 350\nTravel\t50%"


def test_read_sow_reads_a_docx_like_the_text_it_holds(tmp_path: Path) -> None:
    text = SOW.read_text(encoding="utf-8")
    path = tmp_path / "Acme_SOW.docx"
    path.write_bytes(docx_of(text))

    sow = read_sow(path)

    assert sow.name == "Acme_SOW.docx"
    assert sow.pages is None
    assert "2.2 **Vendor selection support.**" in sow.text
    assert sow.text.count("\n") == len([line for line in text.splitlines() if line.strip()]) - 1


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"PK\x03\x04 not a zip", "not a readable .docx file (BadZipFile)"),
        (docx("", prolog='<!DOCTYPE w [<!ENTITY a "aaaa">]>'), "declares a DTD"),
        (docx("<w:p><w:r><w:t>open"), "not a readable Word document"),
    ],
)
def test_what_is_not_a_readable_docx_is_said_in_one_line(raw: bytes, message: str) -> None:
    with pytest.raises(DocxReadError, match=message.replace("(", r"\(").replace(")", r"\)")):
        docx_text(raw, "x.docx")


def test_a_zip_without_a_body_is_no_word_document(tmp_path: Path) -> None:
    path = tmp_path / "sow.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")

    with pytest.raises(SowReadError, match=r"sow\.docx: not a Word document"):
        read_sow(path)
