"""The organiser's day in Tajik at 1366×768 (issue 15): who is here in bulk, draw, allocation,
release, judges' ballots, confirm every ready result at once, close and release, standings and
speaker tab, break, promotion, schedule, audit log and the documents page. On every page no
engine word (codes such as ``draw_released``, "fold", "chair", "wins") appears in Latin letters,
and no select cuts off its options (room names, the Tajik stage names)."""

from __future__ import annotations

import random
import re
import secrets
from dataclasses import replace

from sqlalchemy import select

from tests.e2e.conftest import login
from tourney.extensions import db
from tourney.models import Round, Tournament
from tourney.services import ballots, simulate
from tourney.services.formats import format_for

SLUG = "gbao"
# Words the engines and the database use; none may reach a Tajik page in Latin letters.
ENGINE_WORDS = {
    "fold", "slide", "adjacent", "round", "draw", "ballot", "ballots", "chair", "panellist",
    "trainee", "aff", "neg", "affirmative", "negative", "wins", "points", "speaks", "stdev",
    "average", "total", "wildcard", "alternate", "prelim", "elimination", "released", "drawn",
    "setup", "closed", "confirmed", "missing", "incomplete", "ready", "disagreement", "changed",
    "present", "absent", "team", "teams", "venue", "room", "adjudicator", "judge", "none",
    "true", "false", "cost", "rematch", "bracket", "seed", "rank", "tied", "break", "qualifier",
    "final", "yes", "no", "other",
}  # fmt: skip
SNAKE = re.compile(r"\b[a-z]+(?:[_.][a-z]+)+\b")

TRUNCATED_SELECTS = """() => {
  const ctx = document.createElement('canvas').getContext('2d');
  return [...document.querySelectorAll('select')].filter(s => s.offsetParent !== null).map(s => {
    const cs = getComputedStyle(s);
    ctx.font = cs.font;
    const longest = Math.max(0, ...[...s.options].map(o => ctx.measureText(o.text).width));
    const room = s.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - 18;
    return {name: s.name || s.id, longest: Math.round(longest), room: Math.round(room)};
  }).filter(x => x.longest > x.room);
}"""


def _check(page, where: str, shots, name: str) -> None:
    text = page.inner_text("main") if page.query_selector("main") else page.inner_text("body")
    words = {w.lower() for w in re.findall(r"[A-Za-z]+(?:[_.][A-Za-z]+)*", text)}
    leaked = sorted(w for w in words if w in ENGINE_WORDS or SNAKE.fullmatch(w))
    assert not leaked, f"{where}: Latin engine words {leaked}"
    cut = page.evaluate(TRUNCATED_SELECTS)
    assert not cut, f"{where}: selects cut off {cut}"
    page.screenshot(path=str(shots / f"{name}.png"), full_page=True)


def _judges_submit(app) -> None:
    rng = random.Random(9)
    with app.app_context():
        t = db.session.scalar(select(Tournament).where(Tournament.slug == SLUG))
        round_ = db.session.scalar(select(Round).where(Round.tournament_id == t.id, Round.seq == 1))
        fmt = format_for(t)
        for debate in simulate.debates_of(round_):
            submission = simulate.random_submission(debate, fmt, rng)
            for seat in simulate.counting_seats(debate, fmt):
                ballots.submit_from_link(
                    seat.adjudicator, replace(submission, key=secrets.token_urlsafe(18))
                )
        db.session.remove()


def test_the_organisers_day_in_tajik(live_server, browser, output_dir) -> None:
    base = live_server.url
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    context.add_cookies([{"name": "lang", "value": "tg", "url": base}])
    page = context.new_page()
    login(page, base)
    admin = f"{base}/admin/t/{SLUG}"
    round_url = f"{admin}/rounds/1"

    page.goto(round_url)
    _check(page, "round, before the draw", output_dir, "01-round")
    # Who is here, in bulk: every room out, then back in; a pasted list for the judges.
    rooms = page.locator("#availability form[action$='/presence/venue/group']").first
    rooms.locator("button[value='0']").click()
    assert "ғоиб: " in page.inner_text(".flash")
    page.locator("#availability form[action$='/presence/venue/group']").first.locator(
        "button[value='1']"
    ).click()
    _check(page, "round, after check-in", output_dir, "02-checkin")

    page.click("form[action$='/rounds/1/draw'] button")
    _check(page, "round, drawn", output_dir, "03-drawn")
    page.click("form[action$='/rounds/1/allocate'] button")
    _check(page, "round, allocated", output_dir, "04-allocated")
    page.click("form[action$='/rounds/1/release'] button")
    _check(page, "release confirmation", output_dir, "05-release-confirm")
    page.click("#confirm button")
    _check(page, "round, released", output_dir, "06-released")

    _judges_submit(live_server.app)
    page.goto(f"{admin}/results?round=1")
    _check(page, "results desk", output_dir, "07-desk")
    page.click("form.confirm-ready button")
    assert "тасдиқ шуд" in page.inner_text("main")
    _check(page, "results desk, confirmed", output_dir, "08-desk-confirmed")

    page.goto(round_url)
    page.click("form[action$='/rounds/1/close'] button")
    page.click("form[action$='/rounds/1/publish'] button")
    if page.query_selector("#confirm button"):
        page.click("#confirm button")
    _check(page, "round, results released", output_dir, "09-published")

    for name, path in [
        ("10-standings", "/standings"),
        ("11-break", "/break"),
        ("12-schedule", "/schedule"),
        ("13-audit", "/audit"),
        ("14-settings", "/settings"),
        ("15-documents", "/documents"),
        ("16-teams", "/participants/teams"),
        ("17-rooms", "/participants/rooms"),
    ]:
        page.goto(admin + path)
        _check(page, path, output_dir, name)
    page.goto(f"{base}/admin/championships/1/final")
    _check(page, "promotion", output_dir, "18-promotion")
    page.goto(f"{base}/admin/championships/1/tournaments/new")
    _check(page, "new tournament", output_dir, "19-new-tournament")
    context.close()
