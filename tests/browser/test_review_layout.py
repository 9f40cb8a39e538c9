"""The review page as a person sees it, in real headless Chromium at a desktop width (1400 px)
and a phone width (390 px): no sideways scroll, no control cut off at the edge, hours and money
written as people write them, filters that show what is selected. Screenshots of the queue and an
entry's page at both widths are kept in ``out/test-artifacts/`` to be looked at."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.select import Select

from app.review.access import add_reviewer, signin_link
from tests.browser.test_review_e2e import chrome_tools, driver, served, wait_for  # noqa: F401
from tests.review.conftest import ReviewRig

ARTIFACTS = Path(__file__).resolve().parents[2] / "out" / "test-artifacts"
TEXTS = ("researching new regs", "reviewed yard layout options",
         "call w/ Dana re depot KPIs; drafted DQ memo", "misc")  # fmt: skip
OVERFLOW = """
const width = document.documentElement.clientWidth;
const cut = [...document.querySelectorAll('select, button, input, a, textarea')]
  .filter(e => e.offsetParent !== null)
  .filter(e => { const r = e.getBoundingClientRect(); return r.right > width + 1 || r.left < -1; })
  .map(e => e.outerHTML.slice(0, 80));
return [document.documentElement.scrollWidth, width, cut];
"""


def fits(browser: WebDriver) -> None:
    scroll_width, width, cut = browser.execute_script(OVERFLOW)
    assert scroll_width <= width, f"scrolls sideways: {scroll_width} > {width}"
    assert not cut, f"controls cut off at the edge: {cut}"


def numbers_read_well(browser: WebDriver) -> None:
    text = browser.find_element(By.TAG_NAME, "main").text
    assert not re.search(r"\b\d+\.\d{3,}\b", text), "a number with 3+ decimals is on the page"
    for cell in browser.find_elements(By.CSS_SELECTOR, "td.money"):
        assert re.fullmatch(r"(\$[\d,]+\.\d\d|—)", cell.text), cell.text


@pytest.mark.parametrize("width", [1400, 390])
def test_the_review_pages_fit_and_read_well(
    served: tuple[ReviewRig, str],  # noqa: F811
    driver: WebDriver,  # noqa: F811
    width: int,
) -> None:
    rig, base = served
    items = [rig.deliver(text) for text in TEXTS]
    internal = {"client": "Kestrel Ridge Advisory", "project": "Internal - Admin"}
    assert rig.deliver("quarterly widget reconciliation", **internal).decision.needs_review  # type: ignore[union-attr]
    driver.set_window_size(width, 900)
    driver.get(signin_link(base, "demo", add_reviewer(rig.store, "demo", "dana", now=rig.clock())))
    wait_for(driver, "tr.entry")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / f"review-queue-{width}.png"))
    for name in ("client", "reason", "code"):  # nothing filtered: each shows its "any" choice
        chosen = Select(driver.find_element(By.NAME, name)).first_selected_option
        assert (chosen.get_attribute("value"), chosen.text) == ("", "any"), name
    fits(driver)
    numbers_read_well(driver)
    driver.find_element(By.CSS_SELECTOR, f"#row-{items[2].id} td a").click()
    wait_for(driver, "#change-code")
    driver.save_screenshot(str(ARTIFACTS / f"review-item-{width}.png"))
    fits(driver)
    numbers_read_well(driver)
