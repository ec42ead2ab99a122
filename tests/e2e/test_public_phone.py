"""On a phone (390×844): the draw, finding one's team and its next debate, the page updating
itself after a release and after the Wi-Fi drops, and the break bracket. Screenshots go to
test-output/<test name>/."""

from __future__ import annotations

import random

from playwright.sync_api import expect
from sqlalchemy import select

from tests.integration.draws.helpers import confirm_all
from tourney.extensions import db
from tourney.models import Round, Team, Tournament, User
from tourney.services import breaks, draws
from tourney.text import search_key

PHONE = {"width": 390, "height": 844}


def _round(slug: str, seq: int) -> Round:
    return db.session.scalar(
        select(Round).join(Tournament).where(Tournament.slug == slug, Round.seq == seq)
    )


def _director() -> User:
    return db.session.scalar(select(User).where(User.username == "director"))


def _release(slug: str, seq: int) -> None:
    round_ = _round(slug, seq)
    draws.generate_draw(round_, _director())
    draws.allocate_round(round_, _director())
    draws.release_draw(round_, _director())


def _finish(slug: str, seq: int, rng: random.Random) -> None:
    round_ = _round(slug, seq)
    confirm_all(round_, rng)
    draws.close_round(round_, _director())
    draws.release_results(round_, _director())


def _qualifier_through_the_semifinals(slug: str, rng: random.Random) -> None:
    for seq in (1, 2, 3, 4):
        _release(slug, seq)
        _finish(slug, seq, rng)
    tournament = db.session.scalar(select(Tournament).where(Tournament.slug == slug))
    teams = db.session.scalars(select(Team.id).where(Team.tournament_id == tournament.id)).all()
    breaks.record_coin_toss(tournament, {t: 100 - i for i, t in enumerate(teams)}, _director())
    breaks.generate_break(tournament, _director())
    _release(slug, 5)
    _finish(slug, 5, rng)
    _release(slug, 6)


def test_draw_team_page_and_bracket_on_a_phone(live_server, browser, output_dir) -> None:
    live_server.app.config["PUBLIC_POLL_SECONDS"] = 1
    rng = random.Random(4)
    with live_server.app.app_context():
        _release("dushanbe", 1)
        _finish("dushanbe", 1, rng)
        _release("dushanbe", 2)
        debate = _round("dushanbe", 2).debates[0]
        team, room = debate.teams[0].team, debate.venue.name
        team_name, team_code = team.name, team.code
        _qualifier_through_the_semifinals("gbao", rng)
        db.session.remove()

    context = browser.new_context(viewport=PHONE, locale="tg-TJ", device_scale_factor=2)
    page = context.new_page()
    page.goto(f"{live_server.url}/t/dushanbe")
    assert page.locator("table.draw tbody tr").count() == 8
    assert page.locator("table.draw").get_by_text(room).first.is_visible()
    page.screenshot(path=str(output_dir / "draw.png"), full_page=True)

    # Find the team by its name typed in Latin letters, then its next debate.
    nickname = team_name.split("«")[1].rstrip("»")
    page.goto(f"{live_server.url}/t/dushanbe/teams")
    page.fill("#team-search", search_key(nickname))  # e.g. "sitoraho" for «Ситораҳо»
    page.keyboard.press("Enter")
    page.get_by_role("link", name=team_name).click()
    page.wait_for_url(f"**/t/dushanbe/team/{team_code}")
    next_debate = page.locator("section.next")
    assert room in next_debate.inner_text()
    page.screenshot(path=str(output_dir / "team.png"), full_page=True)

    # A release reaches the open page by itself.
    with live_server.app.app_context():
        _finish("dushanbe", 2, rng)
        _release("dushanbe", 3)
        third = next(d for d in _round("dushanbe", 3).debates if team_code in _codes(d))
        room = third.venue.name
        db.session.remove()
    expect(page.locator("table.rounds tbody tr")).to_have_count(3, timeout=15_000)
    expect(next_debate).to_contain_text(room)
    expect(page.locator("table.rounds .badge")).to_have_count(2)  # rounds 1 and 2 decided

    # The Wi-Fi drops: a quiet notice, then the page recovers by itself.
    context.set_offline(True)
    page.locator("[data-offline]").wait_for(state="visible", timeout=15_000)
    page.screenshot(path=str(output_dir / "offline.png"))
    context.set_offline(False)
    page.locator("[data-offline]").wait_for(state="hidden", timeout=15_000)

    page.goto(f"{live_server.url}/t/gbao/bracket")
    svg = page.locator(".bracket-wrap svg")
    assert svg.is_visible()
    assert svg.locator("text", has_text="✓").count() == 2  # the semifinal winners
    page.screenshot(path=str(output_dir / "bracket.png"), full_page=True)
    context.close()


def test_projector_pages_through_the_rooms(live_server, browser, output_dir) -> None:
    with live_server.app.app_context():
        _release("dushanbe", 1)
        db.session.remove()
    page = browser.new_page(viewport={"width": 1280, "height": 480}, locale="ru-RU")
    page.goto(f"{live_server.url}/t/dushanbe/draw/1/projector")
    rows = page.locator(".projector-draw tbody tr")
    visible = [rows.nth(i).is_visible() for i in range(rows.count())]
    assert 0 < sum(visible) < len(visible)  # not every room fits: paged
    indicator = page.locator("[data-page-indicator]")
    shown, pages = (int(n) for n in indicator.inner_text().split(" / "))
    assert pages > 1
    page.screenshot(path=str(output_dir / "projector.png"))
    # The projector also turns pages by itself, so compare with the page shown just before.
    before = indicator.inner_text()
    page.keyboard.press("ArrowRight")
    expect(indicator).not_to_have_text(before)
    turned = indicator.inner_text()
    expect(indicator).not_to_have_text(turned, timeout=30_000)  # and on by itself
    assert shown >= 1
    page.close()


def _codes(debate) -> set[str]:
    return {seat.team.code for seat in debate.teams}
