"""Fixtures for the tests that need a real PostgreSQL 15: one server per session, and a
fresh, migrated database per test module (cloned from a template in milliseconds)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.postgres.pg_server import PgCluster, PgDatabase, session_cluster


@pytest.fixture(scope="session")
def pg_cluster(pytestconfig: pytest.Config) -> PgCluster:
    return session_cluster(pytestconfig)


@pytest.fixture(scope="module")
def pg_db(pg_cluster: PgCluster) -> Iterator[PgDatabase]:
    with pg_cluster.fresh_database() as db:
        yield db
