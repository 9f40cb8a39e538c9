"""Shared pieces of the rules-draft tests: streamed Messages API answers and a tiny PDF writer.

The draft streams (``messages.stream``), so the mocked ``POST /v1/messages`` answers with
server-sent events shaped as the Messages streaming reference documents them
(https://platform.claude.com/docs/en/build-with-claude/streaming): ``message_start``,
``content_block_start``/``_delta``/``_stop`` per block, ``message_delta`` with the stop reason
and output tokens, ``message_stop``; ``ping`` and ``error`` events may come in between.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import httpx

BASE_URL = "http://anthropic.test"
API_KEY = "sk-ant-test-key-do-not-leak"
QBO_SECRET = "qbo-secret-do-not-leak"
MODEL = "claude-haiku-5-5"
DATA = Path(__file__).resolve().parents[1] / "data" / "rules_draft"
ANTHROPIC = Path(__file__).resolve().parents[1] / "data" / "anthropic"
QUESTIONS = [
    "Is the USD 180,000 not-to-exceed (§4.2) inclusive of travel billed at 50%?",
    "Should vendor demos at Acme sites count as travel or as §2.2 work?",
]


def fixture_text(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def answer(rules_yaml: str, questions: list[str] | None = None) -> str:
    """The JSON text the model writes under the draft's answer schema."""
    return json.dumps({"rules_yaml": rules_yaml, "questions": questions or []})


def _event(name: str, data: dict[str, Any]) -> str:
    return f"event: {name}\ndata: {json.dumps(data)}\n\n"


def sse_events(
    text: str | None,
    *,
    stop_reason: str = "end_turn",
    thinking: str | None = "Sections 2.1 to 2.3 are the workstreams; 5.1 halves travel.",
    error: dict[str, Any] | None = None,
    chunk: int = 400,
) -> list[str]:
    """A streamed message: optional thinking, then ``text`` in chunks, then the stop reason.
    ``error`` cuts the stream after the first text chunk with an error event."""
    start: dict[str, Any] = {
        "id": "msg_01RulesDraft0000000001",
        "type": "message",
        "role": "assistant",
        "model": MODEL,
        "content": [],
        "stop_reason": None,
        "stop_sequence": None,
        "usage": {
            "input_tokens": 6120,
            "output_tokens": 1,
            "cache_creation_input_tokens": 0,
            "cache_read_input_tokens": 0,
        },
    }
    events = [_event("message_start", {"type": "message_start", "message": start})]
    index = 0
    if thinking is not None:
        events += [
            _event(
                "content_block_start",
                {
                    "type": "content_block_start",
                    "index": 0,
                    "content_block": {"type": "thinking", "thinking": "", "signature": ""},
                },
            ),
            _event(
                "content_block_delta",
                {
                    "type": "content_block_delta",
                    "index": 0,
                    "delta": {"type": "thinking_delta", "thinking": thinking},
                },
            ),
            _event(
                "content_block_delta",
                {
                    "type": "content_block_delta",
                    "index": 0,
                    "delta": {"type": "signature_delta", "signature": "c2lnbmF0dXJl"},
                },
            ),
            _event("content_block_stop", {"type": "content_block_stop", "index": 0}),
        ]
        index = 1
    events.append(_event("ping", {"type": "ping"}))
    if text is not None:
        events.append(
            _event(
                "content_block_start",
                {
                    "type": "content_block_start",
                    "index": index,
                    "content_block": {"type": "text", "text": ""},
                },
            )
        )
        for offset in range(0, len(text), chunk):
            events.append(
                _event(
                    "content_block_delta",
                    {
                        "type": "content_block_delta",
                        "index": index,
                        "delta": {"type": "text_delta", "text": text[offset : offset + chunk]},
                    },
                )
            )
            if error is not None:
                return [*events, _event("error", error)]
        events.append(_event("content_block_stop", {"type": "content_block_stop", "index": index}))
    events += [
        _event(
            "message_delta",
            {
                "type": "message_delta",
                "delta": {"stop_reason": stop_reason, "stop_sequence": None},
                "usage": {"output_tokens": 2480},
            },
        ),
        _event("message_stop", {"type": "message_stop"}),
    ]
    return events


def streamed(events: list[str]) -> httpx.Response:
    return httpx.Response(
        200,
        content="".join(events).encode(),
        headers={"content-type": "text/event-stream", "request-id": "req_draft_0001"},
    )


def error_response(status: int, name: str) -> httpx.Response:
    body = json.loads((ANTHROPIC / name).read_text(encoding="utf-8"))
    return httpx.Response(status, json=body, headers={"request-id": "req_draft_err1"})


def sent(route: Any) -> dict[str, Any]:
    body: dict[str, Any] = json.loads(route.calls.last.request.content)
    return body


# --- a tiny PDF writer ------------------------------------------------------------------------


def tiny_pdf(pages: list[list[str]]) -> bytes:
    """A valid PDF with one text object per page, a line per ``Tj`` (Helvetica, WinAnsi):
    just enough for pypdf's text extraction. A page with no lines has no text at all, like
    a scan."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        (
            f"<< /Type /Pages /Kids [{' '.join(f'{4 + 2 * i} 0 R' for i in range(len(pages)))}]"
            f" /Count {len(pages)} >>"
        ).encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for i, lines in enumerate(pages):
        ops = ["BT", "/F1 10 Tf", "12 TL", "56 780 Td"] if lines else []
        for line in lines:
            escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"({escaped}) Tj T*")
        if lines:
            ops.append("ET")
        stream = "\n".join(ops).encode("cp1252")
        objects.append(
            (
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                f"/Resources << /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>"
            ).encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def pdf_pages_of(text: str, lines_per_page: int = 25) -> list[list[str]]:
    """A text file laid out as PDF pages of lines (blank lines dropped, as on a page)."""
    lines = [line for line in text.splitlines() if line.strip()]
    return [lines[i : i + lines_per_page] for i in range(0, len(lines), lines_per_page)]
