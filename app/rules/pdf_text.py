"""The text of a SOW document: PDF through pypdf, Word ``.docx`` through the standard library
(app/rules/docx_text.py), Markdown and plain text read as UTF-8.

Only the text layer of a PDF is read. A scanned PDF has none: that is reported as such (OCR it
first), never sent on as an empty document. ``pypdf`` is imported only when a PDF is read.
"""

from __future__ import annotations

import hashlib
import io
import logging
from dataclasses import dataclass
from pathlib import Path

from app.errors import TimebillError
from app.rules.docx_text import DocxReadError, docx_text

TEXT_SUFFIXES = frozenset({".md", ".markdown", ".txt"})
PDF_SUFFIX = ".pdf"
DOCX_SUFFIX = ".docx"
# Fewer characters than this is not a SOW a rules file can come from (a scan, a cover page).
MIN_TEXT_CHARS = 200


class SowReadError(TimebillError):
    """The SOW file cannot be read as text; the message says why and what to do."""


@dataclass(frozen=True)
class SowText:
    """A SOW's text and where it came from: the file name, its bytes' sha256, its pages."""

    name: str
    sha256: str
    text: str
    pages: int | None  # None for a text file

    @property
    def described(self) -> str:
        pages = "" if self.pages is None else f"{self.pages} page{'s' * (self.pages != 1)}, "
        return f"{self.name} ({pages}{len(self.text):,} characters)"


def read_sow(path: Path) -> SowText:
    """The text of a ``.pdf``, ``.docx``, ``.md`` or ``.txt`` SOW. Raises ``SowReadError``."""
    suffix = path.suffix.lower()
    if suffix not in {PDF_SUFFIX, DOCX_SUFFIX} | TEXT_SUFFIXES:
        raise SowReadError(
            f"{path.name}: not a SOW format timebill reads (give a .pdf, .docx, .md or .txt "
            "file; save an older .doc as .docx or PDF first)"
        )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SowReadError(f"{path}: cannot read the file: {exc.strerror or exc}") from None
    digest = hashlib.sha256(raw).hexdigest()
    pages: int | None = None
    if suffix == PDF_SUFFIX:
        text, pages = _pdf_text(raw, path.name)
    elif suffix == DOCX_SUFFIX:
        text = _docx_text(raw, path.name)
    else:
        text = _utf8_text(raw, path.name)
    text = _tidy(text)
    if len(text) < MIN_TEXT_CHARS:
        hint = (
            "a scanned PDF has no text layer: run it through OCR first, or give the text as .txt"
            if suffix == PDF_SUFFIX
            else "is this the right file?"
        )
        raise SowReadError(f"{path.name}: only {len(text)} characters of text; {hint}")
    return SowText(name=path.name, sha256=digest, text=text, pages=pages)


def _utf8_text(raw: bytes, name: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise SowReadError(
            f"{name}:{line}: not UTF-8 text (byte 0x{raw[exc.start]:02x}): save it as UTF-8"
        ) from None


def _docx_text(raw: bytes, name: str) -> str:
    try:
        return docx_text(raw, name)
    except DocxReadError as exc:
        raise SowReadError(str(exc)) from None


def _pdf_text(raw: bytes, name: str) -> tuple[str, int]:
    """The text of every page, pages apart by a blank line, and the number of pages."""
    from pypdf import PdfReader  # noqa: PLC0415 - pypdf only when a PDF is read
    from pypdf.errors import PyPdfError  # noqa: PLC0415

    pages: list[str] = []
    # pypdf logs every oddity of a real-world PDF as a warning: not the person's concern here.
    pypdf_log = logging.getLogger("pypdf")
    level = pypdf_log.level
    pypdf_log.setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):
            raise SowReadError(f"{name}: the PDF is password-protected: save an unlocked copy")
        for page in reader.pages:
            pages.append(page.extract_text() or "")
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError) as exc:
        where = f"page {len(pages) + 1}" if pages else "the file"
        raise SowReadError(
            f"{name}: not a readable PDF ({type(exc).__name__} reading {where})"
        ) from None
    finally:
        pypdf_log.setLevel(level)
    return "\n\n".join(page.strip("\n") for page in pages), len(pages)


def _tidy(text: str) -> str:
    """Line ends made ``\\n``, trailing spaces dropped, runs of blank lines made one."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    tidy: list[str] = []
    for line in lines:
        if line or (tidy and tidy[-1]):
            tidy.append(line)
    return "\n".join(tidy).strip("\n")
