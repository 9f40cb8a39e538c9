"""The review page end to end in real headless Chromium (Debian's, driven by its chromedriver
through Selenium): sign in from the link, approve and mark non-billable with the keyboard,
change a code, split an entry, bulk-approve a filtered set, and check each result in the store.

uvicorn serves the app on 127.0.0.1 in a thread. Without Chromium or chromedriver the test
skips on a workstation and fails in CI (``CI=true``), where ``scripts/browser_deps`` installs
them. Selenium Manager never downloads anything: the driver path is given and ``SE_OFFLINE``
is set.
"""

from __future__ import annotations

import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
import uvicorn
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.ui import WebDriverWait

from app.domain.inbox import InboxItem, Status
from app.domain.reviews import ReviewAction
from app.main import create_app
from app.review.access import add_reviewer, signin_link
from tests.browser.conftest import missing
from tests.review.conftest import ReviewRig, review_rig

CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--window-size=1400,900",
)  # fmt: skip


@pytest.fixture(scope="module")
def chrome_tools(chromium_path: str) -> tuple[str, str]:
    driver = shutil.which("chromedriver")
    if driver is None:
        missing("chromedriver is not installed: run scripts/browser_deps")
    return chromium_path, driver


@pytest.fixture
def driver(chrome_tools: tuple[str, str], monkeypatch: pytest.MonkeyPatch) -> Iterator[WebDriver]:
    monkeypatch.setenv("SE_OFFLINE", "true")
    chromium, chromedriver = chrome_tools
    profile = tempfile.mkdtemp(prefix="timebill-review-e2e-")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    browser = webdriver.Chrome(service=Service(chromedriver), options=options)
    browser.set_page_load_timeout(30)
    try:
        yield browser
    finally:
        browser.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[ReviewRig, str]]:
    with review_rig(tmp_path) as rig:
        app = create_app(lambda: rig.services, review_deps=lambda: rig.deps)
        port = _free_port()
        server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        for _ in range(250):
            if server.started:
                break
            time.sleep(0.02)
        try:
            yield rig, f"http://127.0.0.1:{port}"
        finally:
            server.should_exit = True
            thread.join(timeout=10)


def wait_for(browser: WebDriver, css: str) -> None:
    WebDriverWait(browser, 15).until(lambda b: b.find_elements(By.CSS_SELECTOR, css))


def flash(browser: WebDriver) -> str:
    wait_for(browser, "#flash")
    return str(browser.find_element(By.ID, "flash").text)


def left(browser: WebDriver) -> int:
    wait_for(browser, "#left")
    return int(browser.find_element(By.ID, "left").text)


def press(browser: WebDriver, keys: str) -> None:
    body = browser.find_element(By.TAG_NAME, "body")
    for key in keys:
        body.send_keys(key)


def select_row(browser: WebDriver, item: InboxItem) -> None:
    """Move the keyboard selection to ``item``'s row with j/k."""
    rows = [r.get_attribute("id") for r in browser.find_elements(By.CSS_SELECTOR, "tr.entry")]
    target = rows.index(f"row-{item.id}")
    current = next(i for i, r in enumerate(browser.find_elements(By.CSS_SELECTOR, "tr.entry"))
                   if "sel" in (r.get_attribute("class") or ""))  # fmt: skip
    press(browser, "j" * (target - current) if target >= current else "k" * (current - target))
    row = browser.find_element(By.ID, f"row-{item.id}")
    assert "sel" in (row.get_attribute("class") or "")


def stored(rig: ReviewRig, item: InboxItem) -> InboxItem:
    found = rig.store.get("demo", item.id)
    assert found is not None
    return found


def test_a_reviewer_works_through_the_queue_in_chromium(
    served: tuple[ReviewRig, str], driver: WebDriver
) -> None:
    rig, base = served
    research = [rig.deliver(t) for t in
                ("researching new regs", "researching regs", "research on new regs")]  # fmt: skip
    research = [i for i in research if i.decision and i.decision.code == "NWF-RESEARCH-NB"]
    assert len(research) == 3
    yard = rig.deliver("reviewed yard layout options")
    mixed = rig.deliver("call w/ Dana re depot KPIs; drafted DQ memo")
    vague = rig.deliver("misc")
    total = 6

    # Sign in from the printed link: the page reads the token from the fragment and posts it.
    token = add_reviewer(rig.store, "demo", "dana", now=rig.clock())
    driver.get(signin_link(base, "demo", token))
    assert left(driver) == total
    assert token not in driver.current_url
    assert driver.get_cookie("tb_review")["httpOnly"] is True  # type: ignore[index]

    # Keyboard: j/k to a row, "a" approves it as proposed, "n" marks one non-billable.
    select_row(driver, research[0])
    press(driver, "a")
    assert "approve: NWF-RESEARCH-NB 2 h, written." in flash(driver)
    assert left(driver) == total - 1
    assert stored(rig, research[0]).status is Status.POSTED
    select_row(driver, vague)
    press(driver, "n")
    assert "non billable: NWF-RESEARCH-NB 2 h" in flash(driver)
    assert stored(rig, vague).decision.billable is False  # type: ignore[union-attr]

    # Change a code on the entry's page: money comes from the rules for that code.
    driver.find_element(By.CSS_SELECTOR, f"#row-{yard.id} td a").click()
    wait_for(driver, "#change-code")
    Select(driver.find_element(By.ID, "change-code")).select_by_value("NWF-OPS")
    driver.find_element(By.CSS_SELECTOR, "#change input[name=why]").send_keys("workstream B")
    driver.find_element(By.CSS_SELECTOR, "#change button").click()
    assert "change code: NWF-OPS 2 h, written." in flash(driver)
    changed = stored(rig, yard)
    assert changed.status is Status.POSTED
    assert changed.decision is not None
    assert (changed.decision.code, changed.decision.amount) == ("NWF-OPS", Decimal("442.00"))

    # Split the mixed entry across two codes ("c" opens the entry).
    select_row(driver, mixed)
    press(driver, "c")
    wait_for(driver, "#split-code-1")
    Select(driver.find_element(By.ID, "split-code-1")).select_by_value("NWF-OPS")
    driver.find_element(By.ID, "split-hours-1").send_keys("1.5")
    Select(driver.find_element(By.ID, "split-code-2")).select_by_value("NWF-COMP")
    driver.find_element(By.ID, "split-hours-2").send_keys("0.5")
    driver.find_element(By.CSS_SELECTOR, "#split button").click()
    assert "split: NWF-OPS 1.5 h + NWF-COMP 0.5 h, written." in flash(driver)
    [split] = rig.store.reviews("demo", item_id=mixed.id)
    assert split.action is ReviewAction.SPLIT
    assert [(d.code, d.hours) for d in split.after] == [
        ("NWF-OPS", Decimal("1.5")), ("NWF-COMP", Decimal("0.5"))]  # fmt: skip
    assert sum(d.amount for d in split.after) == Decimal("442.00")

    # Bulk-approve the filtered set: the two research entries still flagged.
    Select(driver.find_element(By.NAME, "reason")).select_by_value("rule_flag")
    Select(driver.find_element(By.NAME, "code")).select_by_value("NWF-RESEARCH-NB")
    driver.find_element(By.CSS_SELECTOR, "#filter button").click()
    wait_for(driver, "#bulk-approve")
    assert driver.find_element(By.ID, "bulk-approve").text == "Approve all 2 as proposed"
    driver.find_element(By.ID, "bulk-approve").click()
    assert "Approved 2 entries as proposed." in flash(driver)
    assert left(driver) == 0
    assert all(stored(rig, i).status is Status.POSTED for i in research)

    # Everything is in the store: who, what, before and after, and one write per record.
    reviews = rig.store.reviews("demo")
    assert len(reviews) == total
    assert {r.reviewer for r in reviews} == {"dana"}
    assert all(r.before is not None for r in reviews)
    assert len(rig.writer.written) == total + 1  # the split wrote two records
    assert rig.store.review_queue("demo") == []
