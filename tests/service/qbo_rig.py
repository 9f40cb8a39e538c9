"""The production QuickBooks writer and reader on the service rig, against the local fake
QuickBooks (``tests/quickbooks/fake_server.py``) through python-quickbooks and ``responses``."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

import responses

from app.adapters.quickbooks_budget import RequestBudget
from app.adapters.quickbooks_client import QboApi
from app.adapters.quickbooks_reader import QboReader
from app.adapters.quickbooks_tokens import RealmTokens
from app.adapters.quickbooks_writer import QboMapping, QuickBooksWriter, load_mappings
from app.domain.entries import Source
from app.service.local import DEMO_ACCOUNTS
from app.sources.signing import sample_body, signed_headers
from tests.quickbooks.conftest import DISCOVERY_URL, NOW, body, make_qbo
from tests.quickbooks.fake_server import FakeQuickBooks
from tests.service.conftest import REPO, Rig

REALM = DEMO_ACCOUNTS[Source.QUICKBOOKS]


def demo_mapping() -> QboMapping:
    return load_mappings(REPO / "examples" / "demo_firm" / "qbo_mapping.yaml")["demo"]


@dataclass
class QboWorld:
    fake: FakeQuickBooks
    api: QboApi
    writer: QuickBooksWriter
    reader: QboReader


@contextmanager
def fake_quickbooks(
    tenant: str = "demo", budget: RequestBudget | None = None
) -> Iterator[QboWorld]:
    """python-quickbooks against the fake, the tenant's realm connected with a live token.
    ``budget``: the per-company request budget (by default QuickBooks' pace, 480 a minute)."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        rsps.get(DISCOVERY_URL, json=body("discovery_sandbox.json"))
        qbo = make_qbo(rsps, budget=budget)
        qbo.store.put(RealmTokens(
            tenant=tenant, realm=REALM, refresh_token="RT-demo", access_token="AT-demo",
            access_expires_at=NOW + timedelta(minutes=50), updated_at=NOW,
        ))  # fmt: skip
        fake = FakeQuickBooks()
        fake.install(rsps)
        mappings = {tenant: demo_mapping()}
        yield QboWorld(fake, qbo.api, QuickBooksWriter(qbo.api, mappings),
                       QboReader(qbo.api, mappings))  # fmt: skip


def with_quickbooks(rig: Rig, world: QboWorld) -> None:
    rig.worker.writer = world.writer
    rig.worker.reader = world.reader


def post(rig: Rig, source: Source, event: str = "NEW_TIME_ENTRY", **fields: object) -> str:
    """A signed delivery through the app; the id of the inbox item it made ('' if none)."""
    raw = sample_body(source, account=DEMO_ACCOUNTS[source], **fields)
    secret = rig.tenant.sources[source].secrets[0].get_secret_value()
    before = len(rig.queue.jobs)
    headers = signed_headers(source, raw, secret, event_type=event)
    answer = rig.client.post(f"/webhooks/{source.value}/demo", content=raw, headers=headers)
    assert answer.status_code == 200, answer.text
    return rig.queue.jobs[-1][1] if len(rig.queue.jobs) > before else ""
