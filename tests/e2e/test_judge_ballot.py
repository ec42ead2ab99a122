"""A judge fills the ballot on a tablet; a submit lost to the network arrives exactly once.

Both runs use the demo final with round 1 released (panels of three). Screenshots land in
test-output/<test name>/. The first load's transferred bytes are summed from the browser's own
request sizes and must stay under the 150 KB budget.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import select

from tests.integration.ballots.builders import release_round
from tourney.extensions import db
from tourney.models import Ballot, Tournament

TABLET = {"width": 768, "height": 1024}
PAGE_BUDGET = 150 * 1024
SCORES = {"aff": ["25", "26", "27"], "neg": ["24", "25", "26"]}  # 78 - 75


@dataclass
class JudgeLink:
    url: str
    debate_id: int
    adjudicator_id: int


@pytest.fixture
def judge_link(live_server) -> JudgeLink:
    with live_server.app.app_context():
        final = db.session.scalar(select(Tournament).where(Tournament.slug == "final"))
        released = release_round(final, panel=("chair", "panellist", "panellist"))
        debate = released.debates[0]
        chair = released.seat(debate, "chair")
        link = JudgeLink(f"{live_server.url}/j/{chair.token}", debate.id, chair.id)
        db.session.remove()
    return link


@pytest.fixture
def tablet(browser):
    context = browser.new_context(viewport=TABLET, locale="en-US", has_touch=True)
    page = context.new_page()
    yield page
    context.close()


def stored_ballots(live_server, link: JudgeLink) -> list[Ballot]:
    with live_server.app.app_context():
        rows = list(
            db.session.scalars(
                select(Ballot).where(
                    Ballot.debate_id == link.debate_id, Ballot.adjudicator_id == link.adjudicator_id
                )
            )
        )
        for ballot in rows:
            _ = [s.score for s in ballot.scores]
        db.session.remove()
    return rows


def fill_scores(page) -> None:
    page.fill('input[name="aff.1.score"]', "24")
    page.click('button.step[data-for="aff.1.score"][data-step="1"]')  # 24 + 1, by finger
    for side, scores in SCORES.items():
        for position, score in enumerate(scores, start=1):
            if (side, position) != ("aff", 1):
                page.fill(f'input[name="{side}.{position}.score"]', score)


def test_judge_fills_and_submits_the_ballot(live_server, judge_link, tablet, output_dir) -> None:
    page = tablet
    transferred: dict[str, int] = {}

    def count(request) -> None:
        sizes = request.sizes()
        transferred[request.url] = sizes["responseBodySize"] + sizes["responseHeadersSize"]

    page.on("requestfinished", count)
    page.goto(judge_link.url)
    page.wait_for_load_state("networkidle")
    first_load = sum(transferred.values())
    print(f"judge ballot page, first load: {first_load} bytes in {len(transferred)} responses")
    assert first_load < PAGE_BUDGET
    assert all(url.startswith(live_server.url) for url in transferred)  # nothing from outside

    assert page.locator(".motion").is_visible()
    fill_scores(page)
    assert page.locator('input[name="aff.1.score"]').input_value() == "25"
    assert page.locator('output[data-total="aff"]').inner_text() == "78"
    assert page.locator("#verdict").inner_text().endswith(" wins 78–75, margin 3")
    assert page.locator('input[name="winner"][value="aff"]').is_checked()
    page.screenshot(path=str(output_dir / "ballot-form.png"), full_page=True)

    page.click("#review")
    assert page.locator("#summary").is_visible()
    verdict = page.locator("#summary-verdict").inner_text()
    assert verdict.startswith("Affirmative (") and verdict.endswith(" wins 78–75, margin 3")
    page.screenshot(path=str(output_dir / "ballot-summary.png"), full_page=True)
    page.click("#send")
    page.wait_for_selector("#receipt:not([hidden])")
    assert "Ballot received at" in page.locator("#receipt-text").inner_text()
    assert page.locator("#receipt-decision").inner_text() == verdict  # the decision repeated
    page.screenshot(path=str(output_dir / "ballot-receipt.png"), full_page=True)

    (ballot,) = stored_ballots(live_server, judge_link)
    assert (ballot.version, ballot.winner_side, ballot.source) == (1, "aff", "tablet")
    assert sorted(int(s.score) for s in ballot.scores) == [24, 25, 25, 26, 26, 27]

    page.reload()
    assert page.locator("#receipt").is_visible()
    assert page.locator("#receipt-decision").inner_text() == verdict
    assert page.locator('input[name="neg.3.score"]').input_value() == "26"


def test_a_submit_cut_by_the_network_arrives_exactly_once(
    live_server, judge_link, tablet, output_dir
) -> None:
    page = tablet
    page.goto(judge_link.url)
    fill_scores(page)
    page.reload()  # the draft lives on the device: nothing typed is lost
    assert page.locator('input[name="neg.3.score"]').input_value() == "26"
    assert page.locator('output[data-total="neg"]').inner_text() == "75"

    attempts: list[str] = []

    def flaky_network(route) -> None:
        attempts.append(route.request.post_data_json["key"])
        if len(attempts) == 1:
            route.abort("internetdisconnected")  # never reaches the server
        elif len(attempts) == 2:
            route.fetch()  # the server stores the ballot...
            route.abort("connectionreset")  # ...and the answer is lost on the way back
        else:
            route.continue_()

    page.route("**/ballot", flaky_network)
    page.click("#review")
    page.click("#send")
    page.wait_for_selector("#net-status.bad:not([hidden])")
    assert "Not sent" in page.locator("#net-status").inner_text()
    page.screenshot(path=str(output_dir / "ballot-offline.png"), full_page=True)
    page.wait_for_selector("#receipt:not([hidden])", timeout=30_000)
    page.screenshot(path=str(output_dir / "ballot-receipt-after-retry.png"), full_page=True)

    assert len(attempts) >= 3 and len(set(attempts)) == 1  # one idempotency key throughout
    assert len(stored_ballots(live_server, judge_link)) == 1


def test_the_tab_room_compares_and_confirms_the_panel(
    live_server, judge_link, browser, output_dir
) -> None:
    from tests.e2e.conftest import login
    from tests.integration.ballots.builders import sheet
    from tourney.models import Debate
    from tourney.services import ballots

    with live_server.app.app_context():
        debate = db.session.get(Debate, judge_link.debate_id)
        judges = [seat.adjudicator for seat in debate.adjudicators]
        for judge, scores in zip(
            judges,
            (SCORES, SCORES, {"aff": [24, 25, 26], "neg": [26, 26, 27]}),
            strict=True,
        ):
            ballots.submit_from_link(judge, sheet(debate, scores))
        slug = debate.round.tournament.slug
        db.session.remove()
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    page = context.new_page()
    login(page, live_server.url)
    page.goto(f"{live_server.url}/admin/t/{slug}/results")
    assert "1 needs a look." in page.locator("main").inner_text()
    page.screenshot(path=str(output_dir / "results-desk.png"), full_page=True)
    page.click(f'a[href$="/results/debates/{judge_link.debate_id}"]')
    assert page.locator(".badge", has_text="dissent").count() == 1
    page.screenshot(path=str(output_dir / "results-debate.png"), full_page=True)
    page.click("text=Confirm this result")
    assert page.locator(".flash-success").inner_text() == "Result confirmed."
    context.close()
