"""On a phone (390×844): results by round and the motions page fit without sideways scrolling,
and a background tab stops polling until it is shown again. Screenshots go to
test-output/<test name>/."""

from __future__ import annotations

import random

from playwright.sync_api import expect

from tests.e2e.test_public_phone import PHONE, _finish, _release, _round
from tourney.extensions import db


def _no_sideways_scroll(page) -> None:
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]


def _set_hidden(page, hidden: bool) -> None:
    page.evaluate(
        """hidden => {
          Object.defineProperty(document, "hidden", { value: hidden, configurable: true });
          Object.defineProperty(document, "visibilityState",
            { value: hidden ? "hidden" : "visible", configurable: true });
          document.dispatchEvent(new Event("visibilitychange"));
        }""",
        hidden,
    )


def test_results_and_motions_on_a_phone_and_polling_pauses_in_the_background(
    live_server, browser, output_dir
) -> None:
    live_server.app.config["PUBLIC_POLL_SECONDS"] = 1
    with live_server.app.app_context():
        _release("dushanbe", 1)
        _finish("dushanbe", 1, random.Random(4))
        _release("dushanbe", 2)
        debates = len(_round("dushanbe", 1).debates)
        db.session.remove()

    context = browser.new_context(viewport=PHONE, locale="ru-RU", device_scale_factor=2)
    page = context.new_page()
    page.goto(f"{live_server.url}/t/dushanbe/results")
    expect(page.locator("#results-1 + ul.results > li")).to_have_count(debates)
    assert page.locator("#results-2").count() == 0
    expect(page.locator("ul.results > li").first).to_contain_text("победила")
    _no_sideways_scroll(page)
    page.screenshot(path=str(output_dir / "results.png"), full_page=True)

    page.goto(f"{live_server.url}/t/dushanbe/motions")
    tables = page.locator("table.balance")
    expect(tables).to_have_count(1)  # round 1's motion; round 2's results are not out
    expect(page.get_by_text("биномиальный тест")).to_be_visible()
    _no_sideways_scroll(page)
    page.screenshot(path=str(output_dir / "motions.png"), full_page=True)

    polls: list[str] = []
    page.on("request", lambda r: polls.append(r.url) if "fragment=1" in r.url else None)
    page.wait_for_timeout(2500)
    assert polls, "a visible tab polls"
    _set_hidden(page, True)
    page.wait_for_timeout(300)  # a request already on its way may still land
    polls.clear()
    page.wait_for_timeout(3000)
    assert polls == [], "a background tab does not poll"
    _set_hidden(page, False)
    page.wait_for_timeout(500)
    assert polls, "shown again, it polls at once"
    context.close()
