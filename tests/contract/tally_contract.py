"""What every store must do with running totals (schema v12 / migration 0016): an entry counts
once in each total, whatever happens to it (resent, edited, moved to another key, deleted),
apart from other tenants', exactly (decimals, no float rounding), and concurrent entries of one
total all count."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.errors import ItemNotFoundError
from app.ports import Store
from tests.contract.builders import TENANT_A, TENANT_B, tenant
from tests.contract.store_contract import race

CAP = "cap|acme|h|ACME-STRAT|2026-11"
DAY = "day|u-1|2026-11-03"


def d(value: str) -> Decimal:
    return Decimal(value)


class TallyStoreContract:
    @pytest.fixture
    def tally_store(self, store: Store) -> Store:
        store.put_tenant(tenant(TENANT_A))
        store.put_tenant(tenant(TENANT_B))
        return store

    def test_a_first_entry_is_its_own_total(self, tally_store: Store) -> None:
        found = tally_store.tally(TENANT_A, "toggl:1", {CAP: d("2.5"), DAY: d("2.5")})
        assert found == {CAP: d("2.5"), DAY: d("2.5")}

    def test_entries_add_up(self, tally_store: Store) -> None:
        tally_store.tally(TENANT_A, "toggl:1", {CAP: d("2.5")})
        tally_store.tally(TENANT_A, "toggl:2", {CAP: d("1.25"), DAY: d("1.25")})
        assert tally_store.tally(TENANT_A, "toggl:3", {CAP: d("4")}) == {CAP: d("7.75")}

    def test_the_same_entry_again_counts_once(self, tally_store: Store) -> None:
        tally_store.tally(TENANT_A, "toggl:2", {CAP: d("3")})
        for _ in range(3):  # a resend, a double click, a retry after a crash
            assert tally_store.tally(TENANT_A, "toggl:1", {CAP: d("2")}) == {CAP: d("5")}

    def test_an_edit_replaces_what_the_entry_added(self, tally_store: Store) -> None:
        tally_store.tally(TENANT_A, "toggl:2", {CAP: d("3")})
        tally_store.tally(TENANT_A, "toggl:1", {CAP: d("2")})
        assert tally_store.tally(TENANT_A, "toggl:1", {CAP: d("0.5")}) == {CAP: d("3.5")}

    def test_an_entry_moved_to_another_total_leaves_the_first(self, tally_store: Store) -> None:
        other = "cap|acme|h|ACME-IMPL|2026-11"
        tally_store.tally(TENANT_A, "toggl:2", {CAP: d("3")})
        tally_store.tally(TENANT_A, "toggl:1", {CAP: d("2")})
        assert tally_store.tally(TENANT_A, "toggl:1", {other: d("2")}) == {other: d("2")}
        assert tally_store.tally(TENANT_A, "toggl:3", {CAP: d("1")}) == {CAP: d("4")}

    def test_a_deleted_entry_counts_no_more(self, tally_store: Store) -> None:
        tally_store.tally(TENANT_A, "toggl:1", {CAP: d("2"), DAY: d("2")})
        assert tally_store.tally(TENANT_A, "toggl:1", {}) == {}
        assert tally_store.tally(TENANT_A, "toggl:1", {}) == {}  # a second delete: nothing
        assert tally_store.tally(TENANT_A, "toggl:2", {CAP: d("1"), DAY: d("1")}) == {
            CAP: d("1"),
            DAY: d("1"),
        }

    def test_decimals_are_exact(self, tally_store: Store) -> None:
        for i, value in enumerate(("0.1", "0.2", "0.05", "1234567.89")):
            found = tally_store.tally(TENANT_A, f"clockify:{i}", {CAP: d(value)})
        assert found == {CAP: d("1234568.24")}

    def test_tenants_keep_their_own(self, tally_store: Store) -> None:
        tally_store.tally(TENANT_A, "toggl:1", {CAP: d("2")})
        assert tally_store.tally(TENANT_B, "toggl:1", {CAP: d("5")}) == {CAP: d("5")}
        assert tally_store.tally(TENANT_A, "toggl:2", {CAP: d("1")}) == {CAP: d("3")}

    def test_an_unknown_tenant_counts_nothing(self, tally_store: Store) -> None:
        with pytest.raises(ItemNotFoundError):
            tally_store.tally("nobody-here", "toggl:1", {CAP: d("2")})
        assert tally_store.tally(TENANT_A, "toggl:1", {CAP: d("2")}) == {CAP: d("2")}

    def test_concurrent_entries_all_count(self, tally_store: Store) -> None:
        hours = [d("1.5"), d("0.25"), d("2"), d("3.75"), d("0.5"), d("1")]
        race(len(hours), lambda i: tally_store.tally(TENANT_A, f"toggl:{i}", {CAP: hours[i]}))
        assert tally_store.tally(TENANT_A, "toggl:last", {CAP: d("0")}) == {CAP: sum(hours)}
