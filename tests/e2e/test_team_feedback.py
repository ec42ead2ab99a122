"""A team opens its private link on a phone, rates its chair while offline, reconnects: the
feedback is stored once. Screenshots in English and Tajik land in test-output/<test name>/."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from tests.integration.ballots.builders import release_round
from tourney.extensions import db
from tourney.models import Feedback, Tournament
from tourney.services import links

PHONE = {"width": 390, "height": 844}


@dataclass
class TeamLink:
    url: str
    debate_id: int
    chair_id: int
    team_id: int


@pytest.fixture
def team_link(live_server) -> TeamLink:
    with live_server.app.app_context():
        final = db.session.scalar(select(Tournament).where(Tournament.slug == "final"))
        released = release_round(final, panel=("chair", "panellist", "panellist"))
        debate = released.debates[0]
        chair = released.seat(debate, "chair")
        team = debate.teams[0].team
        token = links.new_token()
        team.token = token
        db.session.commit()
        link = TeamLink(f"{live_server.url}/team/{token}", debate.id, chair.id, team.id)
        db.session.remove()
    return link


@pytest.fixture
def phone(browser):
    context = browser.new_context(
        viewport=PHONE, locale="en-US", has_touch=True, is_mobile=True, device_scale_factor=2
    )
    page = context.new_page()
    yield page
    context.close()


def stored(live_server, link: TeamLink) -> list[tuple[int, str, object]]:
    with live_server.app.app_context():
        rows = db.session.execute(
            select(Feedback.version, Feedback.status, Feedback.score).where(
                Feedback.source_team_id == link.team_id, Feedback.target_id == link.chair_id
            )
        ).all()
        db.session.remove()
    return [tuple(r) for r in rows]


def test_a_team_rates_its_chair_offline_and_it_arrives_once(
    live_server, team_link, phone, output_dir
) -> None:
    page = phone
    page.goto(f"{team_link.url}?lang=en")
    form = page.locator(f"#form-{team_link.debate_id}-{team_link.chair_id}")
    assert form.is_visible()
    form.locator("label.scale-point", has_text="8").first.click()
    form.locator("label.choice", has_text="yes").first.click()
    form.locator("textarea").fill("Clear reasons, fair to both sides.")
    page.screenshot(path=str(output_dir / "en-form.png"), full_page=True)

    page.context.set_offline(True)
    form.locator("button[type=submit]").click()
    status = form.locator("[data-status]")
    # "Sending…" first; "no connection" once the browser gives the request up
    expect(status).to_contain_text("no connection")
    page.screenshot(path=str(output_dir / "en-offline.png"), full_page=True)
    assert stored(live_server, team_link) == []

    page.context.set_offline(False)
    receipt = form.locator("[data-receipt]")
    page.wait_for_function(
        "el => !el.hidden && el.textContent.includes('Feedback received')",
        arg=receipt.element_handle(),
        timeout=20_000,
    )
    rows = stored(live_server, team_link)
    assert len(rows) == 1 and rows[0][:2] == (1, "current")
    assert float(rows[0][2]) == pytest.approx(7.78, abs=0.01)  # 8 on 1–10, on the 0–10 scale
    page.screenshot(path=str(output_dir / "en-received.png"), full_page=True)

    # Reloading shows the stored answers; sending them again stores nothing new.
    page.reload()
    form = page.locator(f"#form-{team_link.debate_id}-{team_link.chair_id}")
    assert form.locator("input[type=radio][value='8']").is_checked()
    form.locator("button[type=submit]").click()
    page.wait_for_function(
        "el => el.getAttribute('data-state') === 'answered'", arg=form.element_handle()
    )
    assert len(stored(live_server, team_link)) == 1

    page.goto(f"{team_link.url}?lang=tg")
    assert page.locator("html[lang=tg]").count() == 1
    page.screenshot(path=str(output_dir / "tg-received.png"), full_page=True)


def test_without_javascript_the_form_posts_and_comes_back_with_a_receipt(
    live_server, team_link, browser
) -> None:
    context = browser.new_context(viewport=PHONE, locale="en-US", java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{team_link.url}?lang=en")
    form = page.locator(f"#form-{team_link.debate_id}-{team_link.chair_id}")
    form.locator("button[type=submit]").click()  # required answers missing: the browser stops it
    assert stored(live_server, team_link) == []
    form.locator("label.scale-point", has_text="3").first.click()
    form.locator("label.choice", has_text="no").first.click()
    form.locator("button[type=submit]").click()
    page.wait_for_url("**received=*")
    assert (
        "Feedback received"
        in page.locator(f"#form-{team_link.debate_id}-{team_link.chair_id}").inner_text()
    )
    assert len(stored(live_server, team_link)) == 1
    context.close()
