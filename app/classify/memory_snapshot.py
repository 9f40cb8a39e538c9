"""A learned memory saved to one file, so a process does not relearn it on every cold start.

The file is versioned and pickle-free: a magic line, one JSON header line (format, byte order,
codes, the caller's ``extra`` data such as the rules' calibration, and per client its
vocabulary and the byte length of each section), then the sections as raw arrays and
NUL-separated strings. Loading maps bytes back into ``array``s: no parsing per row, no code
executed. A file of another format, another byte order or cut short is ignored (relearn).
``dumps`` / ``loads`` are the same format as bytes, for a store that keeps the snapshot
(``Store.save_memory``: the worker's memory taught by reviews, ``app.review.learning``).
"""

from __future__ import annotations

import io
import json
import os
import sys
from array import array
from pathlib import Path
from typing import IO, Any

from app.classify.memory import Memory
from app.classify.memory_calibration import MemoryTrust
from app.classify.memory_index import ClientIndex

MAGIC = b"timebill-memory\n"
FORMAT = 3  # 2: rows' word bits (``masks``); 3: and beside each posting (bulk filter)
_ARRAYS = (
    ("df", "I"),
    ("weights", "d"),
    ("flat", "I"),
    ("starts", "I"),
    ("norms", "d"),
    ("masks", "Q"),
    ("top", "I"),
    ("counts", "I"),
)
_SEP = "\x00"


def save(memory: Memory, path: Path, extra: dict[str, Any]) -> int:
    """Write ``memory`` (an index with rows since its last build is rebuilt first) and
    ``extra``; return the file's size."""
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(f".{path.name}.{os.getpid()}.part")
    with part.open("wb") as handle:
        _write(handle, memory, extra)
    os.replace(part, path)  # readers see the old file or the whole new one, never half
    return path.stat().st_size


def dumps(memory: Memory, extra: dict[str, Any]) -> bytes:
    """``save``'s bytes, without a file."""
    handle = io.BytesIO()
    _write(handle, memory, extra)
    return handle.getvalue()


def _write(handle: IO[bytes], memory: Memory, extra: dict[str, Any]) -> None:
    clients, blobs = [], []
    for client_id, index in memory.clients.items():
        if index.built != len(index) or index.tails:
            index.rebuild()
        sections = _sections(index)
        blobs += sections
        clients.append(
            {
                "id": client_id,
                "vocab": [w for w, _ in sorted(index.vocab.items(), key=lambda item: item[1])],
                "mixed": [[row, sorted(labels.items())] for row, labels in index.mixed.items()],
                "sizes": [len(blob) for blob in sections],
            }
        )
    header = {
        "format": FORMAT,
        "byteorder": sys.byteorder,
        "codes": memory.codes,
        "trust": None if memory.trust is None else [memory.trust.matches, memory.trust.right],
        "clients": clients,
        "extra": extra,
    }
    handle.write(MAGIC + json.dumps(header, separators=(",", ":")).encode() + b"\n")
    for blob in blobs:
        handle.write(blob)


def _sections(index: ClientIndex) -> list[bytes]:
    arrays = [getattr(index, name).tobytes() for name, _ in _ARRAYS]
    lengths = array("I", (len(p) for p in index.postings))
    postings, norms, masks = array("I"), array("d"), array("Q")
    for found, found_norms, found_masks in zip(
        index.postings, index.posting_norms, index.posting_masks, strict=True
    ):
        postings.extend(found)
        norms.extend(found_norms)
        masks.extend(found_masks)
    keys = sorted(index.keys, key=index.keys.__getitem__)
    examples = (e.replace(_SEP, " ") for e in index.examples)
    return [
        *arrays,
        lengths.tobytes(),
        postings.tobytes(),
        norms.tobytes(),
        masks.tobytes(),
        _SEP.join(keys).encode(),
        _SEP.join(examples).encode(),
    ]


def load(path: Path, min_similarity: float) -> tuple[Memory, dict[str, Any]] | None:
    """The memory and ``extra`` saved in ``path``; ``None`` if it cannot be used as is."""
    try:
        with path.open("rb") as handle:
            return _read(handle, min_similarity)
    except OSError:
        return None


def loads(data: bytes, min_similarity: float) -> tuple[Memory, dict[str, Any]] | None:
    """``load`` from ``dumps``'s bytes."""
    return _read(io.BytesIO(data), min_similarity)


def _read(handle: IO[bytes], min_similarity: float) -> tuple[Memory, dict[str, Any]] | None:
    try:
        if handle.readline() != MAGIC:
            return None
        header = json.loads(handle.readline())
        if header.get("format") != FORMAT or header.get("byteorder") != sys.byteorder:
            return None
        memory = Memory(min_similarity)
        for client in header["clients"]:
            sections = [handle.read(size) for size in client["sizes"]]
            if any(len(s) != n for s, n in zip(sections, client["sizes"], strict=True)):
                return None
            memory.clients[client["id"]] = _index(client, sections)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    memory.codes = list(header["codes"])
    memory.code_ids = {code: i for i, code in enumerate(memory.codes)}
    if header["trust"] is not None:
        memory.trust = MemoryTrust(tuple(header["trust"][0]), tuple(header["trust"][1]))
    return memory, dict(header["extra"])


def _index(client: dict[str, Any], sections: list[bytes]) -> ClientIndex:
    index = ClientIndex()
    for (name, code), blob in zip(_ARRAYS, sections, strict=False):
        found = array(code)
        found.frombytes(blob)
        setattr(index, name, found)
    rest = sections[len(_ARRAYS) :]
    lengths, postings = array("I"), array("I")
    posting_norms, posting_masks = array("d"), array("Q")
    lengths.frombytes(rest[0])
    postings.frombytes(rest[1])
    posting_norms.frombytes(rest[2])
    posting_masks.frombytes(rest[3])
    keys = rest[4].decode().split(_SEP) if rest[4] else []
    index.keys = {key: row for row, key in enumerate(keys)}
    index.examples = rest[5].decode().split(_SEP) if rest[5] else []
    index.vocab = {word: i for i, word in enumerate(client["vocab"])}
    index.mixed = {row: dict(labels) for row, labels in client["mixed"]}
    start = 0
    for length in lengths:
        index.postings.append(postings[start : start + length])
        index.posting_norms.append(posting_norms[start : start + length])
        index.posting_masks.append(posting_masks[start : start + length])
        start += length
    index.built = len(index.examples)
    if len(keys) != index.built or not len(index.norms) == len(index.masks) == index.built:
        raise ValueError("snapshot sections disagree")
    if not len(postings) == len(posting_norms) == len(posting_masks):
        raise ValueError("snapshot sections disagree")
    return index
