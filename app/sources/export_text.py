"""An export file as text read in a stream: its encoding checked once, its CSV records read
again whenever asked, so no pass over the file holds more than one record.

``check_text`` reads the bytes once in chunks (an Excel workbook, a bad UTF-8 byte, a NUL or a
blank file is a whole-file problem); ``TextSource.records`` yields the non-blank CSV records
with their row numbers as a spreadsheet shows them (header = row 1, Excel's ``sep=;`` line not
counted).
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

CHUNK = 1 << 20
# The longest cell read (characters): Python's csv default, 131,072, made one long pasted
# description a whole-file error; rows are read one at a time, so a cell this long is cheap.
FIELD_LIMIT = 1 << 24
Record = tuple[int, list[str]]
Fail = Callable[[str], Exception]  # the whole-file error for a problem sentence


@dataclass(frozen=True)
class TextSource:
    """Where and how to read an export's text: encoding, delimiter, and the hint line to skip."""

    path: Path
    encoding: str
    delimiter: str = ","
    skip_hint: bool = False

    def text(self) -> io.TextIOWrapper:
        handle = self.path.open(encoding=self.encoding, newline="")
        if self.skip_hint:
            handle.readline()
        return handle

    def head(self, size: int = 65536) -> str:
        with self.text() as handle:
            return handle.read(size)

    def records(self, fail: Fail) -> Iterator[Record]:
        """The non-blank records, numbered; ``fail`` makes the error for broken CSV."""
        csv.field_size_limit(max(csv.field_size_limit(), FIELD_LIMIT))
        with self.text() as handle:
            reader = csv.reader(handle, delimiter=self.delimiter)
            try:
                for number, record in enumerate(reader, start=1):
                    if any(map(str.strip, record)):
                        yield number, record
            except csv.Error as exc:
                raise fail(f"is not valid CSV near line {reader.line_num}: {exc}") from exc


def check_text(path: Path, fail: Fail) -> TextSource:
    """The file's encoding (UTF-8 with or without BOM, UTF-16 with BOM) and ``sep=`` hint,
    after one read of its bytes; raises ``fail(...)`` for a file that is not CSV text."""
    with path.open("rb") as handle:
        head = handle.read(4)
        if head.startswith(b"PK\x03\x04"):
            raise fail("is an Excel workbook or zip archive, not CSV; export it as CSV")
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            handle.seek(0)
            _decode_all(handle, "utf-16", fail, check_nul=False)
            encoding = "utf-16"
        else:
            handle.seek(len(codecs.BOM_UTF8) if head.startswith(codecs.BOM_UTF8) else 0)
            _decode_all(handle, "utf-8", fail, check_nul=True)
            encoding = "utf-8-sig"
    source = TextSource(path, encoding)
    with source.text() as text:
        first = text.readline()
    hinted = len(first.rstrip("\r\n")) == 5 and first.startswith("sep=")
    return TextSource(path, encoding, first[4] if hinted else ",", skip_hint=hinted)


def _undecodable(handle: io.BufferedReader, encoding: str, at: int, byte: int) -> str:
    """Where the first byte that is not ``encoding`` text is (line, byte offset), and what to do:
    a spreadsheet saved as plain "CSV" writes the Windows code page, not UTF-8."""
    handle.seek(0)
    line = handle.read(at).count(b"\n") + 1
    if encoding != "utf-8":
        return f"is not UTF-16 text (line {line}, byte offset {at})"
    return (
        f"is not UTF-8 text: line {line} has byte 0x{byte:02X} (offset {at}), as a file saved in "
        "a Windows code page has; save it as 'CSV UTF-8' (or export it again) and retry"
    )


def _decode_all(handle: io.BufferedReader, encoding: str, fail: Fail, *, check_nul: bool) -> None:
    decoder = codecs.getincrementaldecoder(encoding)()
    fed, blank = 0, True
    while True:
        chunk = handle.read(CHUNK)
        pending = len(decoder.getstate()[0])
        try:
            text = decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as exc:
            at = fed - pending + exc.start
            raise fail(_undecodable(handle, encoding, at, exc.object[exc.start])) from exc
        if check_nul and "\x00" in text:
            raise fail("is a binary file, not CSV")
        blank = blank and not text.strip()
        fed += len(chunk)
        if not chunk:
            break
    if blank:
        raise fail("is empty")
