"""A British Parliamentary tournament of 24 teams played through the browser: two preliminary
rounds (draw, allocation, release, every chair's consensus ballot on the judge's link with ranks
and scores, close, results), a 12-team partial break, and the partial quarterfinal, semifinals
and grand final with ballots that name the teams going through. The teams, judges and rooms are
set up through the services; every draw, ballot, the break and the eliminations go through the
pages. Screenshots of the bracket on a laptop (1366×768) and a phone (390×844)."""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from werkzeug.serving import make_server

from tests.e2e.conftest import LiveServer, login
from tourney.extensions import db
from tourney.models import DebateAdjudicator, Round, Tournament, User
from tourney.services import simulate
from tourney.services.tournaments import rounds_of

PASSWORD = "bp-director-password"


@pytest.fixture
def bp_server(tmp_path: Path) -> Iterator[tuple[LiveServer, str]]:
    from flask_migrate import upgrade

    from tourney import create_app

    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'bp.db'}", "TESTING": False}
    )
    with app.app_context():
        upgrade()
        tournament = simulate.build_field(24, 2, "british_parliamentary", random.Random(3))
        tournament.settings = {**tournament.settings, "auto_confirm": True}
        user = User(username="director", role="tab_director", display_name="Director")
        user.set_password(PASSWORD)
        db.session.add(user)
        db.session.commit()
        slug = tournament.slug
        db.session.remove()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield LiveServer(app=app, url=f"http://127.0.0.1:{server.server_port}"), slug
    finally:
        server.shutdown()
        thread.join(timeout=5)
        with app.app_context():
            db.engine.dispose()


def _chairs(app, slug: str, seq: int) -> list[str]:
    """The private links of the chairs of the round (who gives the consensus ballot)."""
    with app.app_context():
        tournament = db.session.scalar(select(Tournament).where(Tournament.slug == slug))
        round_ = next(r for r in rounds_of(tournament) if r.seq == seq)
        seats = db.session.scalars(
            select(DebateAdjudicator).where(
                DebateAdjudicator.round_id == round_.id, DebateAdjudicator.role == "chair"
            )
        ).all()
        tokens = [seat.adjudicator.token for seat in seats]
        db.session.remove()
    return tokens


def _round_status(app, slug: str, seq: int) -> str:
    with app.app_context():
        status = db.session.scalar(
            select(Round.status).join(Tournament).where(Tournament.slug == slug, Round.seq == seq)
        )
        db.session.remove()
    return str(status)


def _click(page, action_suffix: str) -> None:
    """Press the step's button, and confirm it where the page asks first (release, publish)."""
    page.click(f"form[action$='{action_suffix}'] button")
    page.wait_for_load_state()
    if page.locator("#confirm form button").count():
        page.click("#confirm form button")
        page.wait_for_load_state()
    assert "flash-error" not in page.content(), action_suffix


def _draw_and_release(page, base: str, slug: str, seq: int) -> None:
    page.goto(f"{base}/admin/t/{slug}/rounds/{seq}")
    _click(page, "/draw")
    _click(page, "/allocate")
    _click(page, "/release")
    page.goto(f"{base}/admin/t/{slug}/rounds/{seq}")


def _close_and_publish(page, base: str, slug: str, seq: int) -> None:
    page.goto(f"{base}/admin/t/{slug}/rounds/{seq}")
    _click(page, "/close")
    _click(page, "/publish")


def _ranked_ballot(tablet, base: str, token: str, rng: random.Random) -> None:
    """The chair's consensus ballot: speaker scores, then ranks that follow the totals."""
    tablet.goto(f"{base}/j/{token}")
    tablet.wait_for_selector("form.js")
    sides = ("og", "oo", "cg", "co")
    while True:  # no tied totals in BP
        scores = rng.sample(range(60, 90), 8)
        totals = {side: scores[2 * i] + scores[2 * i + 1] for i, side in enumerate(sides)}
        if len(set(totals.values())) == 4:
            break
    for index, side in enumerate(sides):
        tablet.fill(f'input[name="{side}.1.score"]', str(scores[2 * index]))
        tablet.fill(f'input[name="{side}.2.score"]', str(scores[2 * index + 1]))
    for rank, side in enumerate(sorted(totals, key=totals.get, reverse=True), start=1):
        tablet.select_option(f'select[name="ranks.{side}"]', str(rank))
    tablet.click("#review")
    tablet.click("#send")
    tablet.wait_for_selector("#receipt:not([hidden])")


def _advancing_ballot(tablet, base: str, token: str, final: bool) -> None:
    """An elimination ballot: tick the two teams that go through (the final: the winner)."""
    tablet.goto(f"{base}/j/{token}")
    boxes = tablet.locator('input[name="advancing"]')
    assert boxes.count() == 4
    boxes.nth(3).check()
    if not final:
        boxes.nth(1).check()
    tablet.check('input[name="checked"]')
    tablet.click("#review")
    tablet.wait_for_load_state()
    assert tablet.locator("#receipt:not([hidden])").count() == 1


def test_a_24_team_bp_tournament_with_a_12_team_partial_break(
    bp_server, browser, output_dir
) -> None:
    server, slug = bp_server
    base = server.url
    page = browser.new_page(viewport={"width": 1366, "height": 768}, locale="en-GB")
    tablet = browser.new_page(viewport={"width": 800, "height": 1280}, locale="en-GB")
    login(page, base, "director", PASSWORD)
    page.wait_for_url("**/admin/")
    rng = random.Random(11)

    for seq in (1, 2):
        _draw_and_release(page, base, slug, seq)
        assert page.locator("table.draw tbody tr").count() == 6
        chairs = _chairs(server.app, slug, seq)
        assert len(chairs) == 6
        for token in chairs:
            _ranked_ballot(tablet, base, token, rng)
        _close_and_publish(page, base, slug, seq)
        assert _round_status(server.app, slug, seq) == "closed"

    page.goto(f"{base}/admin/t/{slug}/standings")
    assert "Points" in page.content()
    with server.app.app_context():  # ties at the break line: the tab room's recorded coin toss
        tournament = db.session.scalar(select(Tournament).where(Tournament.slug == slug))
        simulate.settle_ties(tournament, simulate.director(), random.Random(2))
        db.session.remove()
    page.goto(f"{base}/admin/t/{slug}/break")
    _click(page, "/break/generate")

    # The partial quarterfinal (two rooms; seeds 1-4 wait), the semifinals, the grand final.
    stages = [(3, 2, 4, False), (4, 2, 0, False), (5, 1, 0, True)]
    for seq, rooms, waiting, final in stages:
        _draw_and_release(page, base, slug, seq)
        rows = page.locator("table.draw tbody tr")
        assert rows.count() == rooms + waiting
        assert rows.filter(has_text="bye").count() == waiting
        for token in _chairs(server.app, slug, seq):
            _advancing_ballot(tablet, base, token, final)
        _close_and_publish(page, base, slug, seq)
        assert _round_status(server.app, slug, seq) == "closed"

    page.goto(f"{base}/t/{slug}/bracket")
    svg = page.locator("svg.bracket-svg").first
    assert svg.locator("text", has_text="Champion").count() == 1
    # Two partial rooms of four, two semifinals of four (seeds 1-4 among them), a final of four.
    listing = page.locator("details").first.text_content()
    assert listing.count("through:") == 4
    assert "Through to the next round without debating" in listing
    assert " won" in listing
    page.screenshot(path=str(output_dir / "bp-bracket-1366x768.png"), full_page=True)
    phone = browser.new_page(viewport={"width": 390, "height": 844}, locale="en-GB")
    phone.goto(f"{base}/t/{slug}/bracket")
    phone.screenshot(path=str(output_dir / "bp-bracket-390x844.png"), full_page=False)
    with server.app.app_context():
        tournament = db.session.scalar(select(Tournament).where(Tournament.slug == slug))
        champion = simulate.champion(tournament)
        db.session.remove()
    assert champion is not None and champion in (svg.text_content() or "")
    for p in (page, tablet, phone):
        p.close()
