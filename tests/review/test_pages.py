"""The review page over HTTP: sign-in, the queue, every action as a form post, CSRF."""

from __future__ import annotations

import re
from decimal import Decimal

from app.domain.inbox import Status
from app.domain.reviews import ReviewAction
from app.review.queue import ranked
from tests.review.conftest import ReviewRig


def test_the_queue_needs_a_signed_in_reviewer(rig: ReviewRig) -> None:
    answer = rig.client.get("/review/demo", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/review/demo/signin"
    page = rig.client.get("/review/demo/signin")
    assert page.status_code == 200
    assert "Sign in to review demo" in page.text
    bad = rig.client.post("/review/demo/signin", data={"token": "tbr_nope"}, follow_redirects=False)
    assert bad.status_code == 403
    assert rig.client.post("/review/demo/items/x/approve", data={}).status_code == 401


def test_signing_in_sets_a_strict_http_only_session_cookie(rig: ReviewRig) -> None:
    from app.review.access import add_reviewer  # noqa: PLC0415

    token = add_reviewer(rig.store, "demo", "dana", now=rig.clock())
    answer = rig.client.post("/review/demo/signin", data={"token": token}, follow_redirects=False)
    assert answer.status_code == 303
    cookie = answer.headers["set-cookie"]
    assert "tb_review=" in cookie
    for attribute in ("HttpOnly", "SameSite=strict", "Path=/review/demo"):
        assert attribute.lower() in cookie.lower()
    assert token not in cookie
    page = rig.client.get("/review/demo")
    assert page.status_code == 200
    assert "dana" in page.text


def test_the_queue_lists_flagged_entries_riskiest_first(rig: ReviewRig) -> None:
    small = rig.deliver("reviewed yard layout options", hours=Decimal("0.5"))
    big = rig.deliver("reviewed yard layout options", hours=Decimal(6))
    nb = rig.deliver("researching new regs")
    rig.deliver("dispatch board cleanup")  # posted: not in the queue
    rig.signin()
    page = rig.client.get("/review/demo")
    assert page.status_code == 200
    order = re.findall(r'id="row-([0-9a-f-]+)"', page.text)
    assert order[:2] == [big.id, small.id]
    assert set(order) == {big.id, small.id, nb.id}
    assert '<strong id="left">3</strong>' in page.text
    for shown in ("researching new regs", "NWF-RESEARCH-NB", "rule_flag", "SOW-NWF-2025-02",
                  "no_match", "DA"):  # fmt: skip
        assert shown in page.text
    assert "Diego" not in page.text  # initials only
    policy = page.headers["content-security-policy"]
    assert "script-src 'nonce-" in policy
    assert "default-src 'none'" in policy
    assert page.headers["cache-control"] == "no-store"


def test_approve_from_the_queue_redirects_back_with_the_count(rig: ReviewRig) -> None:
    item = rig.deliver("researching new regs")
    rig.signin()
    csrf = rig.csrf()
    answer = rig.client.post(f"/review/demo/items/{item.id}/approve", data={"csrf": csrf},
                             follow_redirects=False)  # fmt: skip
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/review/demo?done=")
    page = rig.client.get(answer.headers["location"])
    assert "approve: NWF-RESEARCH-NB 2 h, written." in page.text
    assert '<strong id="left">0</strong>' in page.text
    found = rig.store.get("demo", item.id)
    assert found is not None
    assert found.status is Status.POSTED
    assert [r.reviewer for r in rig.store.reviews("demo")] == ["dana"]


def test_a_post_without_the_csrf_token_or_from_elsewhere_is_refused(rig: ReviewRig) -> None:
    item = rig.deliver("researching new regs")
    rig.signin()
    assert rig.client.post(f"/review/demo/items/{item.id}/approve", data={}).status_code == 403
    wrong = rig.client.post(f"/review/demo/items/{item.id}/approve", data={"csrf": "x" * 40})
    assert wrong.status_code == 403
    csrf = rig.csrf()
    foreign = rig.client.post(f"/review/demo/items/{item.id}/approve", data={"csrf": csrf},
                              headers={"Origin": "https://evil.example"})  # fmt: skip
    assert foreign.status_code == 403
    assert rig.store.reviews("demo") == []


def test_change_non_billable_and_split_through_the_item_page(rig: ReviewRig) -> None:
    change, nb, mixed = (rig.deliver("reviewed yard layout options"), rig.deliver("misc"),
                         rig.deliver("call w/ Dana re depot KPIs; drafted DQ memo"))  # fmt: skip
    rig.signin()
    page = rig.client.get(f"/review/demo/items/{change.id}")
    assert page.status_code == 200
    assert 'value="NWF-OPS"' in page.text
    assert 'value="INT-ADMIN"' in page.text
    csrf = rig.csrf(f"/review/demo/items/{change.id}")
    posts = [
        (change.id, "change", {"code": "NWF-OPS", "why": "workstream B"}),
        (nb.id, "non-billable", {"code": "INT-ADMIN"}),
        (mixed.id, "split", {"code_1": "NWF-OPS", "hours_1": "1.5", "code_2": "NWF-COMP",
                             "hours_2": "0.5"}),
    ]  # fmt: skip
    for item_id, action, form in posts:
        answer = rig.client.post(f"/review/demo/items/{item_id}/{action}",
                                 data={"csrf": csrf, **form}, follow_redirects=False)  # fmt: skip
        assert answer.status_code == 303, answer.text
        assert "done=" in answer.headers["location"]
    reviews = {r.item_id: r for r in rig.store.reviews("demo")}
    assert reviews[change.id].action is ReviewAction.CHANGE_CODE
    assert reviews[change.id].why == "workstream B"
    assert [d.code for d in reviews[nb.id].after] == ["INT-ADMIN"]
    assert [(d.code, d.hours) for d in reviews[mixed.id].after] == [
        ("NWF-OPS", Decimal("1.5")), ("NWF-COMP", Decimal("0.5"))]  # fmt: skip


def test_a_refused_action_comes_back_to_the_entry_with_the_reason(rig: ReviewRig) -> None:
    mixed = rig.deliver("call w/ Dana re depot KPIs; drafted DQ memo")
    rig.signin()
    csrf = rig.csrf()
    answer = rig.client.post(
        f"/review/demo/items/{mixed.id}/split",
        data={"csrf": csrf, "code_1": "NWF-OPS", "hours_1": "1", "code_2": "NWF-COMP",
              "hours_2": "0.5"}, follow_redirects=False,
    )  # fmt: skip
    assert answer.status_code == 303
    page = rig.client.get(answer.headers["location"])
    assert "the parts add up to 1.5 h, the entry has 2 h" in page.text
    assert rig.store.reviews("demo") == []


def test_a_split_of_absurd_hours_comes_back_to_the_entry_not_a_500(rig: ReviewRig) -> None:
    # 1e999999999 overflowed Decimal's context in the sum (a 500); 1E-99999999 was written
    # as a part of 0 minutes; 1.00000000000000000000000000001 + 1 rounded to the entry's 2 h.
    mixed = rig.deliver("call w/ Dana re depot KPIs; drafted DQ memo")
    rig.signin()
    csrf = rig.csrf()
    for first, second in (("1e999999999", "1"), ("1E-99999999", "2"),
                          ("1.00000000000000000000000000001", "1")):  # fmt: skip
        answer = rig.client.post(
            f"/review/demo/items/{mixed.id}/split",
            data={"csrf": csrf, "code_1": "NWF-OPS", "hours_1": first, "code_2": "NWF-COMP",
                  "hours_2": second}, follow_redirects=False,
        )  # fmt: skip
        assert answer.status_code == 303
        assert answer.headers["location"].startswith(f"/review/demo/items/{mixed.id}?error=")
    assert rig.store.reviews("demo") == []
    assert rig.writer.written == []


def test_bulk_approve_of_a_filtered_set(rig: ReviewRig) -> None:
    nb = [rig.deliver(t) for t in ("researching new regs", "researching regs")]
    rest = rig.deliver("misc")
    rig.signin()
    page = rig.client.get("/review/demo?reason=rule_flag&code=NWF-RESEARCH-NB")
    assert "Approve all 2 as proposed" in page.text
    ids = re.findall(r'name="item" value="([^"]+)"', page.text)
    assert sorted(ids) == sorted(i.id for i in nb)
    csrf = rig.csrf()
    form = {"csrf": csrf, "reason": "rule_flag", "code": "NWF-RESEARCH-NB", "client": "",
            "item": [*ids, rest.id]}  # rest is outside the filter: skipped  # fmt: skip
    answer = rig.client.post("/review/demo/bulk-approve", data=form, follow_redirects=False)
    assert answer.status_code == 303
    assert "Approved+2" in answer.headers["location"]
    assert {r.item_id for r in rig.store.reviews("demo")} == {i.id for i in nb}
    left = rig.store.get("demo", rest.id)
    assert left is not None
    assert left.status is Status.NEEDS_REVIEW


def test_a_failed_write_is_shown_and_retried_from_the_entry(rig: ReviewRig) -> None:
    item = rig.deliver("researching new regs")
    rig.signin()
    csrf = rig.csrf()
    rig.writer.failures = rig.writer.calls + 1
    answer = rig.client.post(f"/review/demo/items/{item.id}/approve", data={"csrf": csrf},
                             follow_redirects=False)  # fmt: skip
    assert "error=" in answer.headers["location"]
    page = rig.client.get(f"/review/demo/items/{item.id}")
    assert "its write failed" in page.text
    retried = rig.client.post(f"/review/demo/items/{item.id}/retry", data={"csrf": csrf},
                              follow_redirects=False)  # fmt: skip
    assert "done=" in retried.headers["location"]
    found = rig.store.get("demo", item.id)
    assert found is not None
    assert found.status is Status.POSTED


def test_the_proposals_page_shows_and_accepts_a_proposal(rig: ReviewRig) -> None:
    items = [rig.deliver("reviewed yard layout options") for _ in range(3)]
    for item in items:
        rig.service.change_code("demo", item.id, "dana", "NWF-OPS")
    rig.signin()
    page = rig.client.get("/review/demo/proposals")
    assert "northwind.learned.reviewed-yard-layout-options" in page.text
    assert "phrases: [reviewed yard layout options]" in page.text
    csrf = rig.csrf("/review/demo/proposals")
    rule = "northwind.learned.reviewed-yard-layout-options"
    answer = rig.client.post("/review/demo/proposals/accept", follow_redirects=False,
                             data={"csrf": csrf, "rule": rule})  # fmt: skip
    assert answer.status_code == 303
    assert "added+to+northwind.yaml" in answer.headers["location"]
    assert "reviewed-yard-layout-options" in (rig.rules_dir / "northwind.yaml").read_text()


def test_the_entry_links_to_its_quickbooks_record(rig: ReviewRig) -> None:
    item = rig.deliver("researching new regs")
    assert item.entry is not None
    ledger = rig.store.lock_entry("demo", "quickbooks", item.entry.key, holder="t",
                                  now=rig.clock(), lease_s=60)  # fmt: skip
    assert ledger is not None
    rig.store.save_entry(ledger.model_copy(update={"records": ("4711",)}), holder="t",
                         now=rig.clock())  # fmt: skip
    rig.signin()
    page = rig.client.get(f"/review/demo/items/{item.id}")
    assert "https://app.sandbox.qbo.intuit.com/app/timeactivity?txnId=4711" in page.text


def test_signing_out_ends_the_session(rig: ReviewRig) -> None:
    rig.signin()
    csrf = rig.csrf()
    answer = rig.client.post("/review/demo/signout", data={"csrf": csrf}, follow_redirects=False)
    assert answer.status_code == 303
    assert rig.client.get("/review/demo", follow_redirects=False).status_code == 303


def test_an_entry_with_no_billable_amount_is_staked_at_the_persons_rate_card(
    rig: ReviewRig,
) -> None:
    nb = rig.deliver("researching new regs", hours=Decimal(2))
    assert nb.decision is not None
    assert nb.decision.amount == 0
    book = rig.service.rules.rulebook("demo")
    (row,) = ranked([nb], book)
    assert row.client_id is not None
    client = book.context(row.client_id).client
    assert client is not None
    card = max((c for c in client.rates if c.start <= nb.entry.work_date), key=lambda c: c.start)
    rate = card.roles.get("senior_consultant", card.default)
    assert rate is not None
    assert row.stake == 2 * rate > 0
    doubt = Decimal(str(1 - nb.decision.confidence))
    assert row.risk == (row.stake * doubt).quantize(Decimal("0.01"))
