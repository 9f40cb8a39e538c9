"""Sign-in links work once and only for minutes; a session is checked against the store on
every action, so signing out or disabling the reviewer ends it at once, whatever the cookie."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.domain.inbox import Status
from app.review.access import add_reviewer
from tests.review.conftest import ReviewRig


def _sign_in(rig: ReviewRig, token: str) -> int:
    answer = rig.client.post("/review/demo/signin", data={"token": token}, follow_redirects=False)
    return answer.status_code


def _approve_with(rig: ReviewRig, cookie: str, csrf: str) -> int:
    """Approve a fresh flagged entry with a replayed cookie; the status code answered."""
    item = rig.deliver("researching new regs")
    rig.client.cookies.set("tb_review", cookie, path="/review/demo")
    answer = rig.client.post(f"/review/demo/items/{item.id}/approve", data={"csrf": csrf},
                             follow_redirects=False)  # fmt: skip
    found = rig.store.get("demo", item.id)
    assert found is not None
    if answer.status_code != 303:
        assert found.status is Status.NEEDS_REVIEW  # nothing was decided or written
        assert rig.store.reviews("demo", item_id=item.id) == []
    return answer.status_code


def test_the_same_sign_in_link_works_once(rig: ReviewRig) -> None:
    token = add_reviewer(rig.store, "demo", "dana", now=rig.clock())
    assert _sign_in(rig, token) == 303
    rig.client.cookies.clear()
    assert _sign_in(rig, token) == 403


@pytest.mark.parametrize("age", [timedelta(minutes=16), timedelta(days=400)])
def test_an_old_sign_in_link_signs_nobody_in(rig: ReviewRig, age: timedelta) -> None:
    token = add_reviewer(rig.store, "demo", "dana", now=rig.clock())
    rig.clock.advance(age.total_seconds())
    assert _sign_in(rig, token) == 403


def test_how_long_a_link_works_is_a_setting(rig: ReviewRig) -> None:
    rig.deps.settings = rig.settings.model_copy(update={"signin_link_minutes": 60})
    token = add_reviewer(rig.store, "demo", "dana", now=rig.clock())
    rig.clock.advance(30 * 60)
    assert _sign_in(rig, token) == 303


def test_after_sign_out_the_old_cookie_approves_nothing(rig: ReviewRig) -> None:
    cookie = rig.signin()
    csrf = rig.csrf()
    assert _approve_with(rig, cookie, csrf) == 303  # the session works before
    rig.client.post("/review/demo/signout", data={"csrf": csrf}, follow_redirects=False)
    assert _approve_with(rig, cookie, csrf) == 401


def test_disabling_a_reviewer_ends_their_sessions_at_once(rig: ReviewRig) -> None:
    cookie = rig.signin(name="dana")
    csrf = rig.csrf()
    assert rig.store.disable_reviewer("demo", "dana")
    assert _approve_with(rig, cookie, csrf) == 401
    assert rig.client.get("/review/demo", follow_redirects=False).status_code == 303


def test_a_session_ends_when_its_time_is_up(rig: ReviewRig) -> None:
    cookie = rig.signin()
    csrf = rig.csrf()
    rig.clock.advance(8 * 3600 + 1)
    assert _approve_with(rig, cookie, csrf) == 401


def test_the_cli_disables_a_reviewer(rig: ReviewRig, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner  # noqa: PLC0415

    from app.cli import app  # noqa: PLC0415

    monkeypatch.setenv("TIMEBILL_SQLITE_PATH", str(rig.store.path))
    cookie = rig.signin(name="dana")
    csrf = rig.csrf()
    result = CliRunner().invoke(app, ["reviewers", "disable", "--name", "dana"])
    assert result.exit_code == 0, result.output
    assert _approve_with(rig, cookie, csrf) == 401
    missing = CliRunner().invoke(app, ["reviewers", "disable", "--name", "nobody"])
    assert missing.exit_code == 2
