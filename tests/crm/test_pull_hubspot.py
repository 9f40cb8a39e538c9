"""``timebill crm pull hubspot`` end to end: the real ``hubspot-api-client`` against a local fake
of HubSpot's API (tests/crm/fake_hubspot.py, recorded payloads in tests/data/hubspot/), the
real Anthropic SDK against a respx mock of ``POST /v1/messages`` (as tests/rules_draft does).

The fake account: page 1 "Acme Robotics, Inc." (an alias of the client acme-robotics: certain)
and "Initech" (no client); page 2 "Globex Industries" (close to the client globex: asked) and
"Umbrella Health". Acme has two deals: the first with a note attaching "Acme SOW 2026.pdf", the
second with a note attaching "Acme_SOW_phase2.docx" and a photo; a note on the company itself
attaches an invoice. In the first test the first request for companies answers 429 with
``Retry-After: 1``.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import respx
from typer.testing import CliRunner

from app.cli import app
from app.rules.loader import load_rulebook
from tests.crm.fake_hubspot import DATA as HUBSPOT
from tests.crm.fake_hubspot import TOKEN, FakeHubSpot, rate_limited, serve
from tests.crm.helpers import docx_of
from tests.rules_draft.helpers import (
    API_KEY,
    BASE_URL,
    DATA,
    answer,
    fixture_text,
    pdf_pages_of,
    sse_events,
    streamed,
    tiny_pdf,
)

PDF_ID, DOCX_ID = "170554050401", "170554050402"
DRAFTS = Path("sow_rules/drafts")
LEDGER = DRAFTS / "hubspot-sources.json"
CHECKPOINT = DRAFTS / ".hubspot-pull.json"
GLOBEX_QUESTION = 'HubSpot company "Globex Industries" is the client "Globex Corporation"'


@pytest.fixture
def hubspot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeHubSpot]:
    """A working directory with the test firm's rules (Acme's in force), Claude and HubSpot
    pointed at their mocks."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(DATA / "rules", tmp_path / "sow_rules")
    shutil.copyfile(DATA / "draft_good.yaml", tmp_path / "sow_rules" / "acme-robotics.yaml")
    sow = fixture_text("sow_small.md")
    fake = FakeHubSpot(blobs={PDF_ID: tiny_pdf(pdf_pages_of(sow)), DOCX_ID: docx_of(sow)})
    for name, value in {
        "ANTHROPIC_API_KEY": API_KEY, "TIMEBILL_ANTHROPIC_BASE_URL": BASE_URL,
        "TIMEBILL_LLM_PROVIDER": "anthropic", "TIMEBILL_LLM_MAX_RETRIES": "0",
        "TIMEBILL_HUBSPOT_TOKEN": TOKEN,
    }.items():  # fmt: skip
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("TIMEBILL_MODEL", raising=False)
    with serve(fake):
        monkeypatch.setenv("TIMEBILL_HUBSPOT_HOST", fake.base)
        yield fake


@pytest.fixture
def messages() -> Iterator[respx.Route]:
    with respx.mock(base_url=BASE_URL, assert_all_called=False) as router:
        route = router.post("/v1/messages")
        route.side_effect = lambda request: streamed(
            sse_events(answer(fixture_text("draft_good.yaml")))
        )
        yield route


def pull(*args: str, answers: str = "") -> Any:
    return CliRunner().invoke(app, ["crm", "pull", "hubspot", *args], input=answers)


def flat(output: str) -> str:
    return " ".join(output.split())


def ledger() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(LEDGER.read_text(encoding="utf-8"))
    return data


def test_the_pull_matches_fetches_and_drafts(hubspot: FakeHubSpot, messages: respx.Route) -> None:
    hubspot.script["/crm/v3/objects/companies"] = [rate_limited("1")]

    result = pull(answers="y\n")

    out = flat(result.output)
    assert result.exit_code == 0, out
    assert "4 companies read (2 page(s)); 2 matched to clients (1 certain, 1 confirmed)" in out
    assert "2 not a client" in out
    assert "not in sow_rules: Initech, Umbrella Health" in out
    assert (
        "3 deals; 2 SOW file(s) found (other attachments skipped: 1 .png file, "
        "1 not named as a SOW)" in out
    )
    assert "2 fetched; 2 draft(s) made (0 with problems to fix), 0 failed" in out
    assert "Waited 1 time(s) for HubSpot's rate limit (1.0 s in all)" in out
    assert f"asked: {GLOBEX_QUESTION} (globex; one name holds the other, score 0.80)? yes" in out
    for file_id in (PDF_ID, DOCX_ID):
        draft = DRAFTS / f"acme-robotics.hubspot-{file_id}.yaml"
        assert "client.id: acme-robotics" in draft.read_text(encoding="utf-8") or draft.exists()
    assert messages.call_count == 2
    sent = [json.loads(call.request.content) for call in messages.calls]
    assert any("Acme_SOW_phase2.docx" in body["messages"][0]["content"] for body in sent)
    assert all(
        "2.2 **Vendor selection support.**" in body["messages"][0]["content"] for body in sent
    )
    records = ledger()["files"]
    assert sorted(records) == [PDF_ID, DOCX_ID]
    assert records[DOCX_ID] | {"at": "", "sha256": ""} == records[DOCX_ID] | {
        "client_id": "acme-robotics", "company_id": "18146520101",
        "company_name": "Acme Robotics, Inc.", "deal_id": "9120030202",
        "deal_name": "Acme - Phase 2 extension", "file_id": DOCX_ID,
        "file_name": "Acme_SOW_phase2.docx", "updated_at": "2026-01-15T08:02:10.550000+00:00",
        "draft": f"sow_rules/drafts/acme-robotics.hubspot-{DOCX_ID}.yaml",
        "status": "drafted", "at": "", "sha256": "",
    }  # fmt: skip
    assert ledger()["confirmed"] == {"18146520103": "globex"}
    assert not CHECKPOINT.exists()
    assert load_rulebook(Path("sow_rules")).clients.keys() == {"acme-robotics", "globex"}


def test_the_sdk_pages_with_after_and_authenticates_only_hubspot(
    hubspot: FakeHubSpot, messages: respx.Route
) -> None:
    result = pull(answers="y\n")

    assert result.exit_code == 0, result.output
    companies = hubspot.calls("/crm/v3/objects/companies")
    assert [call.query.get("after") for call in companies] == [None, ["18146520103"]]
    api = [call for call in hubspot.seen if not call.path.startswith("/signed/")]
    assert {call.authorization for call in api} == {f"Bearer {TOKEN}"}
    assert {call.authorization for call in hubspot.calls("/signed/")} == {None}
    assert hubspot.calls("/crm/v4/objects/deals/9120030201/associations/notes")
    assert TOKEN not in result.output
    assert API_KEY not in result.output


def test_a_second_pull_drafts_nothing_and_a_new_version_is_asked_about(
    hubspot: FakeHubSpot, messages: respx.Route
) -> None:
    assert pull(answers="y\n").exit_code == 0
    draft = DRAFTS / f"acme-robotics.hubspot-{DOCX_ID}.yaml"
    draft.write_text(draft.read_text(encoding="utf-8") + "# my edit\n", encoding="utf-8")

    again = pull()

    assert again.exit_code == 0, again.output
    assert "2 unchanged since the last pull; 0 new version(s)" in flat(again.output)
    assert messages.call_count == 2
    newer = json.loads((HUBSPOT / f"files/{DOCX_ID}.json").read_text(encoding="utf-8"))
    hubspot.overrides[f"files/{DOCX_ID}.json"] = newer | {"updatedAt": "2026-02-20T10:00:00Z"}

    third = pull(answers="y\n")

    out = flat(third.output)
    assert third.exit_code == 0, out
    assert (
        "New SOW version for Acme Robotics: Acme_SOW_phase2.docx (updated 2026-02-20T10:00:00+00:00"
        in out
    )
    assert "1 unchanged since the last pull; 1 new version(s), 0 not drafted again" in out
    assert messages.call_count == 3
    assert ledger()["files"][DOCX_ID]["updated_at"] == "2026-02-20T10:00:00+00:00"
    previous = draft.with_name(draft.name + ".previous")
    assert previous.read_text(encoding="utf-8").endswith("# my edit\n")


def test_a_declined_new_version_is_not_asked_again(
    hubspot: FakeHubSpot, messages: respx.Route
) -> None:
    assert pull(answers="y\n").exit_code == 0
    newer = json.loads((HUBSPOT / f"files/{PDF_ID}.json").read_text(encoding="utf-8"))
    hubspot.overrides[f"files/{PDF_ID}.json"] = newer | {"updatedAt": "2026-03-01T00:00:00Z"}

    declined = pull(answers="n\n")
    again = pull()

    assert "1 new version(s), 1 not drafted again" in flat(declined.output)
    assert "New SOW version" not in again.output
    assert messages.call_count == 2
    assert ledger()["files"][PDF_ID]["declined_version"] == "2026-03-01T00:00:00+00:00"


def test_yes_takes_only_certain_matches(hubspot: FakeHubSpot, messages: respx.Route) -> None:
    result = pull("--yes")

    out = flat(result.output)
    assert result.exit_code == 0, out
    assert "1 matched to clients (1 certain, 0 confirmed), 0 declined, 1 left unconfirmed" in out
    assert "--yes accepts only certain matches" in out
    assert GLOBEX_QUESTION not in out
    assert not hubspot.calls("/crm/v4/objects/companies/18146520103")


def test_a_declined_match_is_not_asked_again(hubspot: FakeHubSpot, messages: respx.Route) -> None:
    first = pull(answers="n\n")
    second = pull()

    assert "0 confirmed), 1 declined" in flat(first.output)
    assert GLOBEX_QUESTION not in second.output
    assert ledger()["declined"] == {"18146520103": "globex"}


def test_an_interrupted_pull_resumes_from_its_cursor(
    hubspot: FakeHubSpot, messages: respx.Route
) -> None:
    outage = (503, {"Content-Type": "application/json"}, b'{"status":"error","message":"down"}')
    hubspot.script["/crm/v3/objects/companies"] = [None, outage]  # page 1, then page 2 fails

    broken = pull(answers="y\n")

    assert broken.exit_code == 3
    assert "listing companies: HubSpot failed (HTTP 503)" in flat(broken.output)
    assert "run `timebill crm pull hubspot --resume`" in flat(broken.output)
    assert "Traceback" not in broken.output
    saved = json.loads(CHECKPOINT.read_text(encoding="utf-8"))
    assert (saved["after"], saved["pages"], len(saved["companies"])) == ("18146520103", 1, 2)
    before = len(hubspot.calls("/crm/v3/objects/companies"))

    resumed = pull("--resume", answers="y\n")

    out = flat(resumed.output)
    assert resumed.exit_code == 0, out
    assert "Resuming: 2 companies already listed (1 page(s)), listing the rest" in out
    later = hubspot.calls("/crm/v3/objects/companies")[before:]
    assert [call.query.get("after") for call in later] == [["18146520103"]]
    assert "4 companies read (2 page(s))" in out
    assert "2 draft(s) made" in out
    assert not CHECKPOINT.exists()


def test_a_pull_started_without_resume_starts_over(
    hubspot: FakeHubSpot, messages: respx.Route
) -> None:
    outage = (503, {"Content-Type": "application/json"}, b"{}")
    hubspot.script["/crm/v3/objects/companies"] = [None, outage]
    assert pull().exit_code == 3

    again = pull(answers="y\n")

    assert "An interrupted pull was found: starting over" in flat(again.output)
    assert "4 companies read (2 page(s))" in flat(again.output)


def test_a_malformed_answer_is_one_line(hubspot: FakeHubSpot, messages: respx.Route) -> None:
    hubspot.script.clear()
    hubspot.overrides["companies_page1.json"] = {"paging": None}

    result = pull()

    assert result.exit_code == 3
    assert "hubspot invalid_response: listing companies: unexpected answer" in flat(result.output)
    assert "Traceback" not in result.output


def test_rate_limit_retries_are_bounded(hubspot: FakeHubSpot, messages: respx.Route) -> None:
    hubspot.script["/crm/v3/objects/companies"] = [rate_limited("0") for _ in range(5)]

    result = pull()

    assert result.exit_code == 3
    assert "listing companies: still rate limited after retrying (HTTP 429)" in flat(result.output)
    assert len(hubspot.calls("/crm/v3/objects/companies")) == 4
    assert "Traceback" not in result.output


def test_a_refused_token_is_one_line(hubspot: FakeHubSpot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIMEBILL_HUBSPOT_TOKEN", "pat-na1-wrong-token")
    hubspot.script.clear()

    result = pull()

    assert result.exit_code == 3
    assert "the token was refused: check TIMEBILL_HUBSPOT_TOKEN (HTTP 401)" in flat(result.output)
    assert "pat-na1-wrong-token" not in result.output
    assert "Traceback" not in result.output


def test_no_token_no_call(hubspot: FakeHubSpot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TIMEBILL_HUBSPOT_TOKEN")

    result = pull()

    assert result.exit_code == 2
    assert "set TIMEBILL_HUBSPOT_TOKEN to a HubSpot private app's access token" in flat(
        result.output
    )
    assert hubspot.seen == []


def test_only_hubspot_is_a_source(hubspot: FakeHubSpot) -> None:
    result = CliRunner().invoke(app, ["crm", "pull", "salesforce"])

    assert result.exit_code == 2
    assert "the CRM timebill reads is hubspot" in flat(result.output)
