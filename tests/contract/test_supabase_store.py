"""The Supabase store against the shared contract: the real ``supabase`` client and the real
``SupabaseStore``, its HTTP answered through respx by a PostgREST emulation running every call
on a real PostgreSQL 15 with the production migrations (``tests/postgres``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import respx

from app.adapters.supabase_store import SupabaseStore
from tests.contract.access_contract import AccessStoreContract
from tests.contract.inbox_scale_contract import InboxScaleContract
from tests.contract.ledger_contract import LedgerStoreContract
from tests.contract.memory_contract import MemoryStoreContract
from tests.contract.review_contract import ReviewStoreContract
from tests.contract.rules_contract import RulesStoreContract
from tests.contract.store_contract import StoreContract
from tests.contract.tally_contract import TallyStoreContract
from tests.contract.unrouted_contract import UnroutedStoreContract
from tests.postgres.pg_server import PgDatabase, session_cluster
from tests.postgres.postgrest_bridge import PostgrestBridge
from tests.postgres.supabase_harness import bridge_for, routed, store_settings

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def supabase_db(pytestconfig: pytest.Config) -> Iterator[PgDatabase]:
    with session_cluster(pytestconfig).fresh_database() as db:
        yield db


@pytest.fixture(scope="module")
def bridge(supabase_db: PgDatabase) -> Iterator[PostgrestBridge]:
    with bridge_for(supabase_db) as bridge:
        yield bridge


@pytest.fixture
def postgrest(supabase_db: PgDatabase, bridge: PostgrestBridge) -> Iterator[respx.MockRouter]:
    supabase_db.reset()
    with routed(bridge) as router:
        yield router


class TestSupabaseStore(
    StoreContract,
    ReviewStoreContract,
    AccessStoreContract,
    LedgerStoreContract,
    UnroutedStoreContract,
    RulesStoreContract,
    InboxScaleContract,
    MemoryStoreContract,
    TallyStoreContract,
):
    @pytest.fixture
    def store(self, postgrest: respx.MockRouter) -> Iterator[SupabaseStore]:
        with SupabaseStore.from_settings(store_settings()) as store:
            yield store
