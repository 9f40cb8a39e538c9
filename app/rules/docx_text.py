"""The text of a Word ``.docx`` SOW, read with the standard library (zipfile and XML).

A ``.docx`` is a zip whose ``word/document.xml`` holds the body: paragraphs (``w:p``) of runs
whose text is in ``w:t``, with ``w:tab`` and ``w:br`` inside runs, and tables (``w:tbl``) of
rows of cells. That is all a rules draft needs: a paragraph a line, a table row a line with its
cells apart by `` | ``, headings and list items as their text. Headers, footers, comments
and tracked deletions (their text is ``w:delText``) are left out; insertions are read.

Why not python-docx: one more dependency for what forty lines of the standard library do.
Safety: the zip is checked before anything is inflated (the body at most ``MAX_XML_BYTES``),
and a body that declares a DTD is refused: Word never writes one, and refusing it rules out
entity expansion, the one XML attack ElementTree would otherwise be open to.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from xml.etree import ElementTree as ET

from app.errors import TimebillError

BODY = "word/document.xml"
MAX_XML_BYTES = 20_000_000
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class DocxReadError(TimebillError):
    """The ``.docx`` cannot be read as text; the message says why."""


def docx_text(raw: bytes, name: str) -> str:
    """Paragraphs and table rows of a ``.docx`` body, a line each. Raises ``DocxReadError``."""
    xml = _body_xml(raw, name)
    if b"<!DOCTYPE" in xml[:4096].upper() or b"<!ENTITY" in xml.upper():
        raise DocxReadError(f"{name}: the document declares a DTD, which Word never writes")
    try:
        root = ET.fromstring(xml)  # noqa: S314 - no DTD (checked above): no entity to expand
    except ET.ParseError as exc:
        raise DocxReadError(f"{name}: not a readable Word document ({exc})") from None
    body = root.find(f"{_W}body")
    if body is None:
        raise DocxReadError(f"{name}: not a Word document (no body)")
    return "\n".join(_blocks(body))


def _body_xml(raw: bytes, name: str) -> bytes:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            info = archive.getinfo(BODY)
            if info.file_size > MAX_XML_BYTES:
                raise DocxReadError(f"{name}: the document body is too large to read")
            return archive.read(info)
    except KeyError:
        raise DocxReadError(f"{name}: not a Word document (no {BODY})") from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
        problem = type(exc).__name__
        raise DocxReadError(f"{name}: not a readable .docx file ({problem})") from None


def _blocks(parent: ET.Element) -> Iterator[str]:
    """A line per paragraph and per table row, in document order (content controls opened)."""
    for child in parent:
        if child.tag == f"{_W}p":
            yield _paragraph(child)
        elif child.tag == f"{_W}tbl":
            for row in child.iter(f"{_W}tr"):
                cells = [" ".join(_blocks(cell)).strip() for cell in row.findall(f"{_W}tc")]
                yield " | ".join(cells)
        elif child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _blocks(content)


def _paragraph(paragraph: ET.Element) -> str:
    parts: list[str] = []
    for node in paragraph.iter():
        if node.tag == f"{_W}t":
            parts.append(node.text or "")
        elif node.tag == f"{_W}tab":
            parts.append("\t")
        elif node.tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
    return "".join(parts)
