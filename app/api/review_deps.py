"""What the review pages depend on, built once per process: below both the routes
(``review``) and their handlers (``review_views``)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, Request

from app.api.deps import Services, services_of
from app.config import Settings

if TYPE_CHECKING:
    from app.review.service import ReviewService


@dataclass
class ReviewDeps:
    """What the pages need, built once per process (``create_app(review_deps=...)`` in tests)."""

    service: ReviewService
    key: bytes
    settings: Settings


_built: dict[int, ReviewDeps] = {}
_built_lock = threading.Lock()


def default_review(svc: Services) -> ReviewDeps:
    """The review service over the app's store, with the configured writer and rules."""
    with _built_lock:
        found = _built.get(id(svc))
        if found is None:
            found = _built[id(svc)] = _build(svc)
        return found


def _build(svc: Services) -> ReviewDeps:

    from app.api.auth import session_key  # noqa: PLC0415
    from app.factory import (  # noqa: PLC0415
        build_rules_provider,
        build_tracker_writers,
        build_writer_and_reader,
    )
    from app.review.learning import bank_for  # noqa: PLC0415
    from app.review.proposals import Proposals  # noqa: PLC0415
    from app.review.service import ReviewService  # noqa: PLC0415

    settings = svc.settings
    writer = build_writer_and_reader(settings, svc.store)[0]
    rules = build_rules_provider(settings, svc.store)  # the tenant's version in the store
    proposals = Proposals(svc.store, rules, settings.rules_dir, rules_store=rules.store,
                          clock=svc.clock)  # fmt: skip
    service = ReviewService(svc.store, writer, rules, bank=bank_for(svc.store),
                            proposals=proposals, clock=svc.clock,
                            trackers=build_tracker_writers())  # fmt: skip
    return ReviewDeps(service, session_key(settings), settings)


def review_deps(request: Request) -> ReviewDeps:
    factory: Callable[[], ReviewDeps] | None = request.app.state.review_factory
    if factory is not None:
        return factory()
    return default_review(services_of(request))


Deps = Annotated[ReviewDeps, Depends(review_deps)]
