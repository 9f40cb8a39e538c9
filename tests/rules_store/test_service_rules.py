"""Each firm's rules from the store, through the service as deployed (``build_worker`` and the
app's own review page, ``create_app`` with its default wiring), on SQLite and on the real
PostgreSQL behind the real ``SupabaseStore``:

- two tenants with different rules classify the same entry differently through one worker;
- a rule proposed from three corrections and accepted on the review page is a new version in
  the store, and the worker's next decision uses it (the version is on the decision); a
  rollback puts the old version back for the decision after;
- with Supabase, a tenant with no rules in the store is an error said on the entry and on the
  review page, never the rules directory's demo rules;
- rules published with an approved history are trusted by the worker as far as that history
  showed (measured confidence; a rule it never tested goes to review), also after a version
  published without one, except the rules changed since.
"""

from __future__ import annotations

import re
import shutil
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import cast

import pytest
from fastapi.testclient import TestClient

from app.adapters.sqlite_store import SqliteStore
from app.adapters.supabase_store import SupabaseStore
from app.api.deps import Services
from app.cli.jobs.rules_store import read_rules_files
from app.config import Settings
from app.domain.decisions import Decision, ReviewReason, Stage
from app.domain.entries import Source, TimeEntry
from app.domain.inbox import InboxItem, NewItem, Status, Tenant
from app.factory import build_worker
from app.main import create_app
from app.ports import RulesStore, Store
from app.review.access import add_reviewer
from app.rules.backtest import Labelled
from app.rules.publish import Change, publish
from app.service.worker import Worker
from tests.postgres.pg_server import session_cluster
from tests.postgres.supabase_harness import bridge_for, routed, store_settings
from tests.service.conftest import Clock, RecordingQueue

REPO = Path(__file__).resolve().parents[2]
DIEGO = "diego.alvarez@kestrelridge.example"  # a senior consultant on every rate card
CSRF = re.compile(r'name="csrf" value="([^"]+)"')
SAME_ENTRY = "dispatch process mapping - Bakersfield"
LEARNED = "reviewed yard layout options"
RULE_ID = "northwind.learned.reviewed-yard-layout-options"


@dataclass
class Service:
    """The store, the deployed-style worker and the app (its review page) on one store."""

    store: Store
    settings: Settings
    worker: Worker
    client: TestClient
    clock: Clock

    @property
    def rules(self) -> RulesStore:
        return cast("RulesStore", self.store)

    def deliver(self, tenant: str, description: str) -> InboxItem:
        entry = TimeEntry.model_validate({
            "source": Source.CLOCKIFY, "external_id": uuid.uuid4().hex[:12],
            "client": "Northwind Freight", "project": "Northwind - Fleet Ops",
            "description": description, "work_date": date(2026, 10, 14),
            "hours": Decimal("2"), "user_email": DIEGO, "user_name": "Diego Alvarez",
        })  # fmt: skip
        new = NewItem(tenant=tenant, source=entry.source, dedupe_key=entry.external_id,
                      entry=entry, received_at=self.clock())  # fmt: skip
        item, _ = self.store.accept(new)
        self.worker.process(tenant, item.id)
        found = self.store.get(tenant, item.id)
        assert found is not None
        return found

    def decision(self, tenant: str, description: str) -> Decision:
        item = self.deliver(tenant, description)
        assert item.decision is not None, item.last_error
        return item.decision

    def publish(
        self, tenant: str, files: dict[str, str], history: list[Labelled] | None = None
    ) -> int:
        pointer = self.rules.current_rules(tenant)
        change = Change(tenant, files, "Dana Reyes", "test import",
                        pointer.number if pointer else None, self.clock())  # fmt: skip
        outcome = publish(self.rules, change, history=history)
        assert outcome.version is not None, outcome.refusal
        return outcome.version.number

    def signin(self, tenant: str) -> None:
        token = add_reviewer(self.store, tenant, "dana", now=self.clock())
        answer = self.client.post(f"/review/{tenant}/signin", data={"token": token},
                                  follow_redirects=False)  # fmt: skip
        assert answer.status_code == 303, answer.text

    def accept_on_the_page(self, tenant: str, rule: str) -> str:
        page = self.client.get(f"/review/{tenant}/proposals")
        assert rule in page.text, page.text
        found = CSRF.search(page.text)
        assert found is not None
        answer = self.client.post(f"/review/{tenant}/proposals/accept", follow_redirects=False,
                                  data={"csrf": found.group(1), "rule": rule})  # fmt: skip
        assert answer.status_code == 303
        return answer.headers["location"]


def demo_rules() -> dict[str, str]:
    return read_rules_files(REPO / "sow_rules")


def other_firms_rules() -> dict[str, str]:
    """The demo set, with Northwind's fleet-ops work under program management instead."""
    files = demo_rules()
    text = files["northwind.yaml"]
    start = text.index("  - id: nwf.fleet_ops")
    end = text.index("  - id: nwf.contact_meeting")
    block = text[start:end].replace("code: NWF-OPS", "code: NWF-PM").replace(
        "expect: NWF-OPS", "expect: NWF-PM").replace(
        "§2.2 Workstream B", "§2.3 Program management")  # fmt: skip
    files["northwind.yaml"] = text[:start] + block + text[end:]
    return files


def tenant(tenant_id: str) -> Tenant:
    return Tenant(id=tenant_id, name=f"{tenant_id.title()} LLP", sources={})


@contextmanager
def sqlite_service(tmp_path: Path) -> Iterator[tuple[Store, Settings]]:
    settings = Settings(store="sqlite", sqlite_path=tmp_path / "t.sqlite3", llm_provider="none",
                        rules_dir=tmp_path / "sow_rules", outbox_dir=tmp_path / "outbox",
                        rules_check_s=0)  # fmt: skip
    with SqliteStore(settings.sqlite_path) as store:
        yield store, settings


@contextmanager
def supabase_service(tmp_path: Path, config: pytest.Config) -> Iterator[tuple[Store, Settings]]:
    settings = store_settings(llm_provider="none", rules_dir=tmp_path / "sow_rules",
                              outbox_dir=tmp_path / "outbox", rules_check_s=0)  # fmt: skip
    with ExitStack() as stack:
        db = stack.enter_context(session_cluster(config).fresh_database())
        bridge = stack.enter_context(bridge_for(db))
        stack.enter_context(routed(bridge))
        yield stack.enter_context(SupabaseStore.from_settings(settings)), settings


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def service(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Service]:
    # The rules directory the local set-up falls back on: here a copy, so a proposal file
    # written under it stays in the test's folder.
    shutil.copytree(REPO / "sow_rules", tmp_path / "sow_rules")
    built = (
        sqlite_service(tmp_path) if request.param == "sqlite"
        else supabase_service(tmp_path, request.config)
    )  # fmt: skip
    with built as (store, settings):
        for tenant_id in ("acme", "globex"):
            store.put_tenant(tenant(tenant_id))
        clock = Clock()
        services = Services(settings, store, RecordingQueue(), clock)
        with TestClient(create_app(lambda: services)) as client:
            yield Service(store, settings, build_worker(settings, store), client, clock)


def test_two_tenants_classify_one_entry_by_their_own_rules(service: Service) -> None:
    assert service.publish("acme", demo_rules()) == 1
    assert service.publish("globex", other_firms_rules()) == 1
    acme = service.decision("acme", SAME_ENTRY)
    globex = service.decision("globex", SAME_ENTRY)
    assert (acme.code, acme.stage) == ("NWF-OPS", Stage.RULES)
    assert (globex.code, globex.stage) == ("NWF-PM", Stage.RULES)
    assert acme.rules_version.startswith("v1/SOW-NWF-2025-02 ")
    assert globex.rules_version.startswith("v1/SOW-NWF-2025-02 ")
    assert acme.rules_version != globex.rules_version  # Northwind's file differs


def test_an_accepted_proposal_decides_the_next_entry_and_a_rollback_undoes_it(
    service: Service,
) -> None:
    service.publish("acme", demo_rules())
    before = service.deliver("acme", LEARNED)
    assert before.status is Status.NEEDS_REVIEW
    assert before.decision is not None
    assert before.decision.rules_version.startswith("v1/")
    items = [service.deliver("acme", LEARNED) for _ in range(3)]
    service.signin("acme")
    for item in items:
        answer = service.client.post(
            f"/review/acme/items/{item.id}/change", follow_redirects=False,
            data={"csrf": _csrf(service, "acme"), "code": "NWF-OPS", "why": "workstream B"},
        )  # fmt: skip
        assert answer.status_code == 303, answer.text

    # waiting in the store (the deployed code folder is read-only), not in the rules folder
    assert [p.rule_id for p in service.rules.proposed_rules("acme")] == [RULE_ID]
    assert not (service.settings.rules_dir / "_proposed").exists()
    where = service.accept_on_the_page("acme", RULE_ID)
    assert "added+to+northwind.yaml" in where
    pointer = service.rules.current_rules("acme")
    assert pointer is not None
    assert (pointer.number, pointer.switched_by) == (2, "dana")
    v2 = service.rules.rules_version("acme", 2)
    assert v2 is not None
    assert v2.source == f"proposal {RULE_ID} accepted on the review page"
    assert f"id: {RULE_ID}" in v2.files["northwind.yaml"]
    assert RULE_ID not in (service.settings.rules_dir / "northwind.yaml").read_text()
    assert service.rules.proposed_rules("acme") == []

    after = service.decision("acme", f"{LEARNED} for Fresno")
    assert (after.code, after.stage) == ("NWF-OPS", Stage.RULES)
    assert after.rules_version.startswith("v2/")
    assert RULE_ID in after.reason

    service.rules.switch_rules("acme", 1, by="ops", now=service.clock())
    rolled = service.decision("acme", f"{LEARNED} for Reno")
    assert rolled.rules_version.startswith("v1/")
    assert RULE_ID not in rolled.reason
    # decided as before the proposal: for a person, by no rule (memory alone is not enough)
    assert (rolled.code, rolled.stage, rolled.needs_review) == (
        before.decision.code, before.decision.stage, True)  # fmt: skip


def _csrf(service: Service, tenant: str) -> str:
    page = service.client.get(f"/review/{tenant}")
    found = CSRF.search(page.text)
    assert found is not None, page.text
    return found.group(1)


def test_a_tenant_without_rules_uses_the_folder_only_locally(service: Service) -> None:
    item = service.deliver("acme", SAME_ENTRY)
    if service.settings.store == "sqlite":  # the embedded default: the rules directory
        assert item.decision is not None
        assert item.decision.code == "NWF-OPS"
        assert not item.decision.rules_version.startswith("v")
    else:  # deployed: an error that says what to do, and no decision by anyone's rules
        assert item.status is Status.RETRYING
        assert item.decision is None
        assert item.last_error is not None
        assert "tenant 'acme' has no rules in the store" in item.last_error
        assert "timebill rules import DIR --tenant acme" in item.last_error
        service.signin("acme")  # the review page says so too, not a 500
        page = service.client.get("/review/acme")
        assert page.status_code == 503
        assert "tenant &#39;acme&#39; has no rules in the store" in page.text


def _approved(description: str, code: str, count: int) -> list[Labelled]:
    return [
        Labelled(TimeEntry.model_validate({
            "source": Source.CLOCKIFY, "external_id": f"h{row}", "client": "Northwind Freight",
            "project": "Northwind - Fleet Ops", "description": f"{description} {row}",
            "work_date": date(2026, 9, 1), "hours": Decimal("2"), "user_email": DIEGO,
        }), code, "history.csv", row)
        for row in range(2, count + 2)
    ]  # fmt: skip


def test_the_worker_trusts_each_rule_as_far_as_its_history_showed(service: Service) -> None:
    history = _approved("dispatch process mapping - Bakersfield", "NWF-OPS", 12)
    assert service.publish("acme", demo_rules(), history) == 1
    assert service.publish("globex", demo_rules()) == 1  # no history: typed confidences
    measured = service.decision("acme", SAME_ENTRY)
    assert (measured.code, measured.needs_review) == ("NWF-OPS", False)
    assert "right on 12 of 12 approved entries" in measured.reason
    travel = service.decision("acme", "drive to Fresno depot")  # no approved entry tested it
    assert (travel.code, travel.needs_review) == ("NWF-TRAVEL", True)
    assert ReviewReason.UNTESTED_RULE in travel.review_reasons
    typed = service.decision("globex", "drive to Fresno depot")
    assert (typed.code, typed.needs_review) == ("NWF-TRAVEL", False)
    assert "right on" not in typed.reason

    # v2, published with no history (as a proposal accepted on the review page is): the
    # measures carry over, but not the fleet-ops rule's, which v2 changed
    assert service.publish("acme", other_firms_rules()) == 2
    v2 = service.rules.rules_version("acme", 2)
    assert v2 is not None
    assert v2.calibration is not None
    assert v2.calibration.carried == 1
    assert "as measured on the 12 approved entries given with v1" in v2.backtest
    changed = service.decision("acme", SAME_ENTRY)
    assert (changed.code, changed.rules_version[:3]) == ("NWF-PM", "v2/")
    assert "right on" not in changed.reason
    assert ReviewReason.UNTESTED_RULE in service.decision("acme", "drove to Reno").review_reasons
