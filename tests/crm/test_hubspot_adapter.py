"""The HubSpot adapter alone, against the local fake: Retry-After honoured, bounded, shown."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.adapters.hubspot_client import HubSpotCrm
from app.errors import UpstreamError, UpstreamKind
from tests.crm.fake_hubspot import TOKEN, FakeHubSpot, rate_limited, serve


@pytest.fixture
def fake() -> Iterator[FakeHubSpot]:
    with serve(FakeHubSpot()) as running:
        yield running


def test_a_429_waits_what_retry_after_says_then_succeeds(fake: FakeHubSpot) -> None:
    fake.script["/crm/v3/objects/companies"] = [rate_limited("7"), rate_limited("120")]
    slept: list[float] = []
    crm = HubSpotCrm(TOKEN, host=fake.base, sleep=slept.append)

    page = crm.companies_page(None)

    assert [company.name for company in page.companies] == ["Acme Robotics, Inc.", "Initech"]
    assert page.after == "18146520103"
    assert slept == [7.0, 30.0]  # a long Retry-After is capped
    assert crm.waits == slept


def test_after_the_last_retry_the_429_is_an_upstream_error(fake: FakeHubSpot) -> None:
    fake.script["/crm/v3/objects/companies"] = [rate_limited("0")] * 3
    crm = HubSpotCrm(TOKEN, host=fake.base, sleep=lambda _: None, max_attempts=3)

    with pytest.raises(UpstreamError) as caught:
        crm.companies_page(None)

    assert caught.value.kind is UpstreamKind.RATE_LIMITED
    assert caught.value.retryable
    assert len(fake.calls("/crm/v3/objects/companies")) == 3


def test_files_are_read_with_their_version_and_downloaded_by_signed_url(
    fake: FakeHubSpot,
) -> None:
    fake.blobs["170554050401"] = b"%PDF-1.4 bytes"
    crm = HubSpotCrm(TOKEN, host=fake.base)

    info = crm.file_info("170554050401")
    raw = crm.download("170554050401", max_bytes=1000)

    assert (info.file_name, info.extension) == ("Acme SOW 2026.pdf", "pdf")
    assert info.version == "170554050401@2026-01-14T11:19:31.214000+00:00"
    assert raw == b"%PDF-1.4 bytes"
    with pytest.raises(UpstreamError, match="the file is larger than 4 bytes"):
        crm.download("170554050401", max_bytes=4)


def test_a_note_lists_its_attachments(fake: FakeHubSpot) -> None:
    crm = HubSpotCrm(TOKEN, host=fake.base)

    assert crm.note_attachment_ids("55012340302") == ["170554050402", "170554050403"]
    assert crm.associated_ids("companies", "18146520101", "deals") == ["9120030201", "9120030202"]
    assert crm.associated_ids("companies", "18146520102", "deals") == []
