"""Fixtures for the tests that need a real PostgreSQL 15: one server per session, and a
fresh, migrated database per test module (cloned from a template in milliseconds)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.postgres.pg_server import PgCluster, PgDatabase, cluster_for_tests


@pytest.fixture(scope="session")
def pg_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PgCluster]:
    with cluster_for_tests(tmp_path_factory) as cluster:
        yield cluster


@pytest.fixture(scope="module")
def pg_db(pg_cluster: PgCluster) -> Iterator[PgDatabase]:
    with pg_cluster.fresh_database() as db:
        yield db
