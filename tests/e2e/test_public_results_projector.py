"""British Parliamentary results and motions in Tajik, on the hall's projector (1920×1080 and
1280×720) and a phone (390×844): places by room, each motion's wins and average points per
position (the last prelim's withheld while the break is private), and nothing wider than the screen. Screenshots go to test-output/<test name>/."""

from __future__ import annotations

import random

from playwright.sync_api import expect

from tests.e2e.test_british_parliamentary import bp_server  # noqa: F401  (the fixture)
from tests.e2e.test_public_phone import PHONE
from tourney.extensions import db
from tourney.services import simulate
from tourney.services.tournaments import rounds_of, set_motion

SCREENS = {"projector": {"width": 1920, "height": 1080}, "hall": {"width": 1280, "height": 720}}


def _play_two_rounds(app, slug: str) -> int:
    """Both prelim rounds played and their results released; the debates per round."""
    from sqlalchemy import select

    from tourney.models import Tournament

    with app.app_context():
        tournament = db.session.scalar(select(Tournament).where(Tournament.slug == slug))
        user = simulate.director()
        rng = random.Random(5)
        for round_ in rounds_of(tournament, "prelim"):
            set_motion(round_, f"This house would ban child labour ({round_.seq})", "", user)
            simulate.play_round(round_, user, rng)
        debates = len(rounds_of(tournament, "prelim")[0].debates)
        db.session.remove()
    return debates


def _fits(page, width: int) -> None:
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width


def test_bp_results_and_motions_in_tajik_on_projector_and_phone(
    bp_server,  # noqa: F811
    browser,
    output_dir,
) -> None:
    server, slug = bp_server
    debates = _play_two_rounds(server.app, slug)
    for name, viewport in {**SCREENS, "phone": PHONE}.items():
        context = browser.new_context(viewport=viewport, locale="tg-TJ")
        page = context.new_page()
        page.goto(f"{server.url}/t/{slug}/results?lang=tg")
        expect(page.locator("html")).to_have_attribute("lang", "tg")
        rooms = page.locator("#results-1 + ul.results > li")
        expect(rooms).to_have_count(debates)
        expect(rooms.first.locator("ol.places > li")).to_have_count(4)
        # the last prelim stays hidden until the break is public (its places rebuild the tab)
        assert page.locator("#results-2").count() == 0
        expect(page.locator("ol.places > li").first).to_contain_text("Ҷои 1")
        _fits(page, viewport["width"])
        page.screenshot(path=str(output_dir / f"results-{name}.png"), full_page=True)

        page.goto(f"{server.url}/t/{slug}/motions?lang=tg")
        tables = page.locator("table.balance")
        expect(tables).to_have_count(1)
        expect(tables.first.locator("thead th")).to_have_count(3)
        expect(tables.first).to_contain_text("Холҳои миёна")
        points = [
            float(cell) for cell in tables.first.locator("tbody td:nth-child(3)").all_inner_texts()
        ]
        # 3-2-1-0 points per room: the four positions' averages sum to 6
        assert len(points) == 4 and abs(sum(points) - 6) < 0.02, points
        _fits(page, viewport["width"])
        page.screenshot(path=str(output_dir / f"motions-{name}.png"), full_page=True)
        context.close()
