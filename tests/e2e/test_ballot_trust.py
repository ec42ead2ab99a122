"""Issue 14, reproduced in Chromium: a judge's ballot is never lost, changed or stuck.

Each test is one way the judge's decision used to go wrong: a correction from a second tab, a
tie typed key by key, a correction after a low-point win, a route that never answers, storage
that throws. The demo final's round 1 is released with panels of three (see test_judge_ballot).
"""

from __future__ import annotations

import re

from tests.e2e import test_judge_ballot as base
from tests.e2e.test_judge_ballot import fill_scores, stored_ballots

judge_link = base.judge_link  # the fixtures, shared with the first ballot tests
tablet = base.tablet

TABLET = {"width": 768, "height": 1024}


def type_scores(page, scores: dict[str, list[str]]) -> None:
    """Key by key, as a finger on the on-screen keyboard types them."""
    for side, values in scores.items():
        for position, score in enumerate(values, start=1):
            field = page.locator(f'input[name="{side}.{position}.score"]')
            field.fill("")
            field.press_sequentially(score)


def review_and_send(page) -> None:
    page.click("#review")
    page.wait_for_selector("#summary:not([hidden])")
    page.click("#send")


def test_a_correction_from_a_second_tab_is_stored_as_a_new_version(
    live_server, judge_link, browser, output_dir
) -> None:
    context = browser.new_context(viewport=TABLET, locale="en-US")
    first, second = context.new_page(), context.new_page()
    first.goto(judge_link.url)
    fill_scores(first)
    second.goto(judge_link.url)  # the second tab opens on the same draft
    assert second.locator('input[name="neg.3.score"]').input_value() == "26"
    review_and_send(first)
    first.wait_for_selector("#receipt:not([hidden])")

    second.fill('input[name="aff.3.score"]', "28")  # a correction: 79 - 75
    review_and_send(second)
    second.wait_for_selector("#receipt:not([hidden])")
    assert "version 2" in second.locator("#receipt-text").inner_text()
    second.screenshot(path=str(output_dir / "second-tab-receipt.png"), full_page=True)

    stored = {
        b.version: (b.status, sorted(int(s.score) for s in b.scores))
        for b in stored_ballots(live_server, judge_link)
    }
    assert stored == {
        1: ("superseded", [24, 25, 25, 26, 26, 27]),
        2: ("current", [24, 25, 25, 26, 26, 28]),
    }
    context.close()


def test_a_typed_tie_has_no_winner_until_the_judge_chooses(judge_link, tablet, output_dir) -> None:
    page = tablet
    page.goto(judge_link.url)
    type_scores(page, {"aff": ["26", "26", "26"], "neg": ["26", "26", "26"]})
    assert page.locator('output[data-total="aff"]').inner_text() == "78"
    assert not page.locator('input[name="winner"]:checked').count()  # nobody ticked mid-typing
    assert page.locator("#verdict").inner_text() == "The totals are tied at 78: choose the winner."
    page.click("#review")
    assert page.locator("#summary").is_hidden()
    assert page.locator('[data-error-for="winner"]').inner_text() == "Choose the winner."
    page.screenshot(path=str(output_dir / "tie-asks.png"), full_page=True)

    page.check('input[name="winner"][value="neg"]')
    page.fill('input[name="aff.1.score"]', "27")  # a later correction keeps the explicit choice
    assert page.locator('input[name="winner"][value="neg"]').is_checked()
    page.fill('input[name="aff.1.score"]', "26")
    assert page.locator("#verdict").inner_text().startswith("Negative (")


def test_a_correction_after_a_low_point_win_never_flips_the_winner(
    judge_link, tablet, output_dir
) -> None:
    page = tablet
    page.goto(judge_link.url)
    fill_scores(page)  # 78 - 75: the affirmative leads
    page.check('input[name="low_point_win"]')  # the judge: the negative won on fewer points
    assert page.locator('input[name="winner"][value="neg"]').is_checked()
    page.fill('input[name="neg.3.score"]', "30")  # the negative's scores corrected: 78 - 79
    assert page.locator('input[name="winner"][value="neg"]').is_checked()  # not flipped
    error = page.locator('[data-error-for="low_point_win"]')
    assert error.inner_text() == "The winner has more points: this is not a low-point win."
    page.screenshot(path=str(output_dir / "low-point-corrected.png"), full_page=True)
    page.click("#review")
    assert page.locator("#summary").is_hidden()  # the form asks instead of sending


def test_a_route_that_never_answers_times_out_and_retries(
    live_server, judge_link, tablet, output_dir
) -> None:
    live_server.app.config["BALLOT_SEND_TIMEOUT_MS"] = 1500
    page = tablet
    page.goto(judge_link.url)
    fill_scores(page)
    stalled: list[object] = []
    page.route("**/ballot", lambda route: stalled.append(route))  # never answered
    review_and_send(page)
    page.wait_for_selector("#net-status.bad:not([hidden])", timeout=10_000)
    assert "Not sent" in page.locator("#net-status").inner_text()
    assert page.locator("#edit").is_enabled()
    page.screenshot(path=str(output_dir / "stalled.png"), full_page=True)
    page.click("#edit")  # the judge can always go back to the form
    assert page.locator("#ballot").is_visible()

    page.unroute("**/ballot")
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.wait_for_selector("#receipt:not([hidden])", timeout=10_000)
    assert len(stalled) >= 1
    assert len(stored_ballots(live_server, judge_link)) == 1


def test_storage_that_throws_says_the_draft_is_not_kept(judge_link, tablet, output_dir) -> None:
    page = tablet
    page.add_init_script(
        "Storage.prototype.setItem = function () {"
        " throw new DOMException('full', 'QuotaExceededError'); };"
    )
    page.goto(judge_link.url)
    page.fill('input[name="aff.1.score"]', "25")
    saved = page.locator("#saved")
    assert "NOT kept" in saved.inner_text()
    assert "Draft saved" not in saved.inner_text()
    page.screenshot(path=str(output_dir / "storage-full.png"), full_page=True)


def test_a_draft_saved_shows_the_tournament_time(judge_link, browser) -> None:
    context = browser.new_context(viewport=TABLET, locale="en-US", timezone_id="America/New_York")
    page = context.new_page()
    page.goto(judge_link.url)
    page.fill('input[name="aff.1.score"]', "25")
    shown = re.search(r"at (\d\d:\d\d)", page.locator("#saved").inner_text()).group(1)
    expected = page.evaluate(
        "new Intl.DateTimeFormat('en-GB', {hour: '2-digit', minute: '2-digit', hour12: false,"
        " timeZone: 'Asia/Dushanbe'}).format(new Date())"
    )
    assert shown == expected
    context.close()


def test_enter_moves_to_the_next_field_and_minus_plus_are_named(judge_link, tablet) -> None:
    page = tablet
    page.goto(judge_link.url)
    page.focus('input[name="aff.1.score"]')
    page.keyboard.type("25")
    page.keyboard.press("Enter")
    assert page.locator("#summary").is_hidden()  # Enter did not trigger "Review"
    assert page.evaluate("document.activeElement.name") == "aff.2.speaker"
    page.focus('input[name="neg.3.score"]')  # far down the page: not hidden by the sticky bar
    field = page.locator('input[name="neg.3.score"]').bounding_box()
    bar = page.locator("#bar").bounding_box()
    assert field["y"] + field["height"] <= bar["y"]
    minus = page.locator('button.step[data-for="aff.1.score"][data-step="-1"]')
    assert minus.get_attribute("aria-label").startswith(minus.inner_text())
