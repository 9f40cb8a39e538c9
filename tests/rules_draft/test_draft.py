"""`timebill rules draft` end to end: the real Anthropic SDK (built by ``build_llm`` with a test
base URL) streams from a respx mock of ``POST /v1/messages``; the draft is checked by the real
loader and lands in ``drafts/``, where nothing reads it."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import respx
from typer.testing import CliRunner

from app.cli import app
from app.rules.draft import ANSWER_SCHEMA, MAX_SOW_CHARS
from app.rules.loader import check_rules, load_rulebook
from tests.rules_draft.helpers import (
    API_KEY,
    BASE_URL,
    DATA,
    MODEL,
    QBO_SECRET,
    QUESTIONS,
    answer,
    error_response,
    fixture_text,
    pdf_pages_of,
    sent,
    sse_events,
    streamed,
    tiny_pdf,
)

DRAFT = Path("sow_rules/drafts/acme-robotics.yaml")


@pytest.fixture
def rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The test firm's rules as ``sow_rules/`` in a fresh working directory, Claude pointed
    at the mock, and a secret in the environment that must never travel."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(DATA / "rules", tmp_path / "sow_rules")
    shutil.copyfile(DATA / "sow_small.md", tmp_path / "acme_sow.md")
    monkeypatch.setenv("ANTHROPIC_API_KEY", API_KEY)
    monkeypatch.setenv("TIMEBILL_ANTHROPIC_BASE_URL", BASE_URL)
    monkeypatch.setenv("TIMEBILL_LLM_PROVIDER", "anthropic")
    monkeypatch.setenv("TIMEBILL_LLM_MAX_RETRIES", "0")
    monkeypatch.setenv("TIMEBILL_QBO_CLIENT_SECRET", QBO_SECRET)
    monkeypatch.delenv("TIMEBILL_MODEL", raising=False)
    return Path("sow_rules")


@pytest.fixture
def messages() -> Iterator[respx.Route]:
    with respx.mock(base_url=BASE_URL, assert_all_called=False) as router:
        yield router.post("/v1/messages")


def draft(*args: str) -> Any:
    return CliRunner().invoke(
        app, ["rules", "draft", *(args or ("acme_sow.md",)), "--client", "Acme Robotics"]
    )


def flat(output: str) -> str:
    """The output with its line wrapping undone: rich wraps long lines at the terminal width."""
    return " ".join(output.split())


def good_answer() -> Any:
    return streamed(sse_events(answer(fixture_text("draft_good.yaml"), QUESTIONS)))


def line_of(path: Path, marker: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, text in enumerate(lines, 1) if marker in text)


# --- a good draft -----------------------------------------------------------------------------


def test_a_good_draft_is_written_valid_and_marked_unapproved(
    rules: Path, messages: respx.Route
) -> None:
    messages.mock(return_value=good_answer())

    result = draft()

    assert result.exit_code == 0, result.output
    text = DRAFT.read_text(encoding="utf-8")
    header, body = text.split("replaces the lines above ----\n", 1)
    assert body == fixture_text("draft_good.yaml")  # the model's YAML, comments and all
    assert header.startswith("# DRAFT - NOT APPROVED.")
    sha = hashlib.sha256(Path("acme_sow.md").read_bytes()).hexdigest()
    assert f"# sow: acme_sow.md\n# sow-sha256: {sha}\n" in header
    assert f"# model: {MODEL}\n" in header
    assert "# client: Acme Robotics (acme-robotics)\n" in header
    assert re.search(r"^# drafted-at: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", header, re.MULTILINE)
    assert "#   - Is the USD 180,000 not-to-exceed (§4.2) inclusive of travel" in header
    shown = flat(result.output)
    assert "Valid: 5 codes, 6 rules, 11 examples passed" in shown
    assert 'timebill rules approve sow_rules/drafts/acme-robotics.yaml --by "Your Name"' in shown
    assert "Should vendor demos at Acme sites count as travel" in shown
    # Written, and still not in force: the loader reads no file in drafts/.
    assert check_rules(rules) == []
    assert "acme-robotics" not in load_rulebook(rules).clients


def test_the_request_streams_a_schema_bound_answer_with_room_and_time(
    rules: Path, messages: respx.Route
) -> None:
    messages.mock(return_value=good_answer())

    assert draft().exit_code == 0

    body = sent(messages)
    assert body["model"] == MODEL
    assert body["stream"] is True
    assert body["max_tokens"] == 32_000
    assert body["thinking"] == {"type": "adaptive"}
    assert body["output_config"] == {"format": {"type": "json_schema", "schema": ANSWER_SCHEMA}}
    [system] = body["system"]
    assert system["cache_control"] == {"type": "ephemeral"}
    headers = messages.calls.last.request.headers
    # A batch task: each read may wait 2 minutes (the classifier's whole budget is 0.5 s).
    assert float(headers["x-stainless-read-timeout"]) == 120.0


def test_the_request_holds_the_sow_and_the_guide_but_no_other_client_staff_or_secret(
    rules: Path, messages: respx.Route
) -> None:
    messages.mock(return_value=good_answer())

    assert draft().exit_code == 0

    body = sent(messages)
    system, user = body["system"][0]["text"], body["messages"][0]["content"]
    # The SOW, whole, inside its untrusted block, for the client asked for.
    assert user.count("<sow>") == 1
    assert "Site surveys at both distribution centers, throughput and labor" in user
    assert "5.1 Travel time to Acme sites is billed at 50% of the hourly rate." in user
    assert 'client "Acme Robotics" (client.id: acme-robotics)' in user
    # The format guide, the field reference from the models, and the firm's own codes.
    assert "Condition keys: `all`, `any`, `not`" in system
    assert "BillingCode: code (required): text matching" in system
    assert "- INT-BD: Business development (non-billable)" in system
    assert "- firm.bd, priority 10: when the text has any of the words" in system
    assert "Role names of the firm's rate cards: analyst, manager, partner" in system
    raw = messages.calls.last.request.content.decode()
    # Never another client's rules (globex.yaml sits next to the firm file) ...
    for marker in ("Globex", "GLX-", "Hank Scorpio", "MSA-GLX", "Cypress Creek"):
        assert marker not in raw
    # ... nor the firm's people (the SOW's signature block names the partner) ...
    assert "[firm staff], Partner ([firm staff])" in user
    for private in ("Pat Partner", "pat.partner", "kestrel.example", "morgan.manager"):
        assert private.lower() not in raw.lower()
    # ... nor a secret (the API key travels in its header only).
    assert API_KEY not in raw
    assert QBO_SECRET not in raw
    assert QBO_SECRET not in str(messages.calls.last.request.headers)


def test_a_pdf_sow_is_read_with_pypdf(rules: Path, messages: respx.Route) -> None:
    pdf = tiny_pdf(pdf_pages_of(fixture_text("sow_small.md")))
    Path("acme_sow.pdf").write_bytes(pdf)
    messages.mock(return_value=good_answer())

    result = draft("acme_sow.pdf")

    assert result.exit_code == 0, result.output
    user = sent(messages)["messages"][0]["content"]
    assert "SOW file: acme_sow.pdf, 2 pages." in user
    assert "2.2 **Vendor selection support.** Acme's requests for proposal (RFP)" in user
    assert "Statement of Work No. 1 — Warehouse Automation Advisory" in user
    assert "Pat Partner" not in user
    header = DRAFT.read_text(encoding="utf-8")
    assert f"# sow-sha256: {hashlib.sha256(pdf).hexdigest()}\n" in header
    assert "(2 pages," in flat(result.output)


# --- a draft with problems ------------------------------------------------------------------


def test_an_invalid_draft_is_written_with_every_problem_on_its_line_and_exits_1(
    rules: Path, messages: respx.Route
) -> None:
    messages.mock(return_value=streamed(sse_events(answer(fixture_text("draft_invalid.yaml")))))

    result = draft()

    assert result.exit_code == 1
    assert DRAFT.exists()  # written all the same: the person fixes it
    shown = str(DRAFT)
    expected = [
        f"{shown}:{line_of(DRAFT, 'id: acme   #')}: client.id: the draft is for client id "
        "'acme-robotics', not 'acme': write id: acme-robotics",
        f"{shown}:{line_of(DRAFT, 'fraction: 1.5')}: codes[1].fraction: Input should be less "
        "than or equal to 1",
        f"{shown}:{line_of(DRAFT, '§9.9 Warranty')}: codes[2].clause: cites §9.9, which is not "
        "in the SOW text: cite the section it comes from",
        f"{shown}:{line_of(DRAFT, 'travel policy')}: rules[0].clause: cites no section of the "
        "SOW: write it as '<SOW id> §<section number> <title>' with the section the code or "
        "rule comes from",
    ]
    problems = [line for line in result.output.splitlines() if line.startswith(shown + ":")]
    assert problems == expected
    assert "4 problem(s) in the draft" in flat(result.output)


def test_a_failing_rule_example_is_listed_when_drafting(rules: Path, messages: respx.Route) -> None:
    good = fixture_text("draft_good.yaml")
    wrong = good.replace(
        '{text: "drive to Dayton DC", expect: ACME-TRAVEL, hours: 2}',
        '{text: "drive to Dayton DC", expect: ACME-PM, hours: 2}',
    )
    assert wrong != good
    messages.mock(return_value=streamed(sse_events(answer(wrong))))

    result = draft()

    assert result.exit_code == 1
    line = line_of(DRAFT, "expect: ACME-PM, hours: 2")
    assert (
        f"{DRAFT}:{line}: rules[0].examples[0]: 'drive to Dayton DC' should be ACME-PM, "
        "got ACME-TRAVEL" in result.output
    )


# --- no draft at all ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("response", "message"),
    [
        (
            streamed(sse_events(None, stop_reason="refusal")),
            "Claude declined to draft rules from this SOW (request id req_draft_0001)",
        ),
        (
            streamed(
                sse_events('{"rules_yaml": "schema_version: 1\\nclient:', stop_reason="max_tokens")
            ),
            "the answer was cut off at --max-tokens 32,000",
        ),
        (
            streamed(sse_events("Here are your rules: schema_version: 1")),
            "the answer was not the JSON asked for (stop reason end_turn)",
        ),
        (error_response(529, "error_529_overloaded.json"), "anthropic overloaded: HTTP 529"),
        (error_response(429, "error_429_spend_limit.json"), "anthropic spend_limit: HTTP 429"),
        (
            streamed(
                sse_events(
                    answer(fixture_text("draft_good.yaml")),
                    error={"type": "error", "error": {"type": "overloaded_error"}},
                )
            ),
            "anthropic overloaded: stream interrupted: overloaded_error",
        ),
    ],
    ids=["refusal", "max_tokens", "not_json", "529", "spend_limit", "overloaded_mid_stream"],
)
def test_no_usable_answer_writes_nothing_and_exits_3(
    rules: Path, messages: respx.Route, response: Any, message: str
) -> None:
    messages.mock(return_value=response)

    result = draft()

    assert result.exit_code == 3, result.output
    assert message in flat(result.output)
    assert "nothing was written" in flat(result.output).lower()
    assert not (rules / "drafts").exists()
    assert messages.call_count == 1  # no retry behind the person's back
    assert API_KEY not in result.output


def test_a_retryable_failure_says_so(rules: Path, messages: respx.Route) -> None:
    messages.mock(return_value=error_response(529, "error_529_overloaded.json"))

    result = draft()

    assert "try again in a while" in flat(result.output)


def test_a_sow_too_long_for_one_request_is_refused_before_asking(
    rules: Path, messages: respx.Route
) -> None:
    body = fixture_text("sow_small.md") + "\n" + "Exhibit text. " * (MAX_SOW_CHARS // 14)
    Path("long_sow.txt").write_text(body, encoding="utf-8")

    result = draft("long_sow.txt")

    assert result.exit_code == 2
    shown = flat(result.output)
    assert f"the SOW text is {len(body.strip()):,} characters" in shown
    assert "at most 150,000 (about 50 pages)" in shown
    assert "Save the sections that set billing" in shown
    assert messages.call_count == 0
    assert not (rules / "drafts").exists()


def test_a_scanned_pdf_is_refused_with_what_to_do(rules: Path, messages: respx.Route) -> None:
    Path("scan.pdf").write_bytes(tiny_pdf([[], []]))

    result = draft("scan.pdf")

    assert result.exit_code == 2
    assert "scan.pdf: only 0 characters of text; a scanned PDF has no text layer" in flat(
        result.output
    )
    assert messages.call_count == 0


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("sow.doc", b"\xd0\xcf\x11\xe0", "sow.doc: not a SOW format timebill reads"),
        ("sow.docx", b"PK\x03\x04", "sow.docx: not a readable .docx file"),
        ("sow.pdf", b"%PDF-1.4 this is not really a PDF", "sow.pdf: not a readable PDF"),
        ("sow.txt", b"Scope\n\xff\xfe billing", "sow.txt:2: not UTF-8 text (byte 0xff)"),
    ],
)
def test_an_unreadable_sow_is_refused(
    rules: Path, messages: respx.Route, name: str, content: bytes, message: str
) -> None:
    Path(name).write_bytes(content)

    result = draft(name)

    assert result.exit_code == 2
    assert message in flat(result.output)
    assert messages.call_count == 0


def test_an_existing_draft_is_kept_unless_forced(rules: Path, messages: respx.Route) -> None:
    DRAFT.parent.mkdir(parents=True)
    DRAFT.write_text("# my edits\n", encoding="utf-8")
    messages.mock(return_value=good_answer())

    refused = draft()

    assert refused.exit_code == 2
    assert "a draft already exists at" in flat(refused.output)
    assert DRAFT.read_text(encoding="utf-8") == "# my edits\n"
    assert messages.call_count == 0
    forced = draft("acme_sow.md", "--force")
    assert forced.exit_code == 0, forced.output
    assert DRAFT.read_text(encoding="utf-8").startswith("# DRAFT - NOT APPROVED.")


def test_a_draft_never_goes_straight_into_the_rules_directory(
    rules: Path, messages: respx.Route
) -> None:
    result = draft("acme_sow.md", "--out", "sow_rules")

    assert result.exit_code == 2
    assert "is the rules directory itself" in flat(result.output)
    assert messages.call_count == 0
    assert sorted(path.name for path in rules.iterdir()) == ["_firm.yaml", "globex.yaml"]


def test_out_and_id_choose_where_the_draft_goes(rules: Path, messages: respx.Route) -> None:
    good = fixture_text("draft_good.yaml").replace("id: acme-robotics", "id: acme")
    messages.mock(return_value=streamed(sse_events(answer(good))))

    result = draft("acme_sow.md", "--out", "review", "--id", "acme")

    assert result.exit_code == 0, result.output
    assert Path("review/acme.yaml").exists()
    assert "(client.id: acme)" in sent(messages)["messages"][0]["content"]


def test_without_an_api_key_nothing_is_sent(
    rules: Path, messages: respx.Route, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ANTHROPIC_API_KEY")

    result = draft()

    assert result.exit_code == 2
    assert "drafting rules needs Claude: set ANTHROPIC_API_KEY" in flat(result.output)
    assert messages.call_count == 0


def test_a_broken_firm_file_is_reported_before_asking(rules: Path, messages: respx.Route) -> None:
    firm = rules / "_firm.yaml"
    firm.write_text(firm.read_text().replace("billable: false", "billable: maybe", 1))

    result = draft()

    assert result.exit_code == 2
    assert re.search(r"sow_rules/_firm\.yaml:\d+: codes\[0\]\.billable: ", result.output)
    assert "fix the firm file first" in flat(result.output)
    assert messages.call_count == 0


def test_model_budget_and_thinking_come_from_the_options(
    rules: Path, messages: respx.Route
) -> None:
    messages.mock(return_value=good_answer())

    result = draft(
        "acme_sow.md", "--model", "claude-sonnet-5-5", "--max-tokens", "20000", "--no-thinking"
    )

    assert result.exit_code == 0, result.output
    body = sent(messages)
    assert (body["model"], body["max_tokens"]) == ("claude-sonnet-5-5", 20000)
    assert body["thinking"] == {"type": "disabled"}
    assert "# model: claude-sonnet-5-5\n" in DRAFT.read_text(encoding="utf-8")


def test_the_answer_schema_is_small_and_closed() -> None:
    # JSON outputs need every object closed; the YAML rides in one string field.
    assert ANSWER_SCHEMA["additionalProperties"] is False
    assert ANSWER_SCHEMA["required"] == ["rules_yaml", "questions"]
    assert json.dumps(ANSWER_SCHEMA).count('"type": "object"') == 1
