"""The projector pages through a big draw (40 debates, 81 teams) by room and by team at 1280×720
and 1920×1080: every row on exactly one page, each shown row inside the screen, also after a
live update; the draw by team filters without JavaScript on a phone; and the standings and the
speaker tab fit a 390×844 phone with the other figures behind a tap. Screenshots go to
test-output/<test name>/."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from tests.e2e.test_public_phone import PHONE, _finish, _release
from tests.integration.draws.helpers import make_tournament, organiser
from tourney.extensions import db
from tourney.models import Motion, Round, Team, Tournament
from tourney.services import draws

LONG_NAME = "Литсейи президентии Хуҷанд ба номи академик Бобоҷон Ғафуров, дастаи {}"
SCREENS = {"720p": {"width": 1280, "height": 720}, "1080p": {"width": 1920, "height": 1080}}

# Every row of the paged table with its box, the indicator's, and the "updated" notice's.
SHOWN = """() => {
  const box = (e) => { const r = e.getBoundingClientRect();
    return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; };
  const rows = [...document.querySelectorAll(".projector-draw tbody tr")];
  const updated = document.querySelector("[data-updated]");
  return {
    page: document.querySelector("[data-page-indicator]").textContent,
    rows: rows.map(r => r.querySelector("th").textContent.trim()),
    shown: rows.filter(r => !r.hidden).map(r => ({key: r.querySelector("th").textContent.trim(),
                                                 ...box(r)})),
    indicator: box(document.querySelector("[data-page-indicator]")),
    updated: updated.hidden ? null : box(updated),
    width: window.innerWidth, height: window.innerHeight,
  };
}"""


def _big_draw() -> str:
    """A released round of 40 debates and a bye; some team names long enough to wrap."""
    tournament = make_tournament(81, rounds=1)
    for team in db.session.scalars(select(Team).where(Team.tournament_id == tournament.id)):
        if int(team.code[1:]) % 7 == 0:
            team.name = LONG_NAME.format(team.code)
    round_ = db.session.scalar(select(Round).where(Round.tournament_id == tournament.id))
    round_.motions.append(Motion(text="This House would let the projector page the draw"))
    db.session.commit()
    user = organiser()
    draws.generate_draw(round_, user)
    draws.allocate_round(round_, user)
    draws.release_draw(round_, user)
    assert len(round_.debates) == 40
    return tournament.slug


def _inside(state: dict) -> None:
    """Every shown row lies fully on the screen, above the page indicator and below the notice."""
    assert state["shown"], state["page"]
    for row in state["shown"]:
        assert row["top"] >= 0 and row["left"] >= 0, row
        assert row["bottom"] <= state["height"] and row["right"] <= state["width"], row
        assert row["bottom"] <= state["indicator"]["top"], row
        if state["updated"]:
            assert state["updated"]["bottom"] <= row["top"], (state["updated"], row)


def _every_page(page) -> list[dict]:
    """Turn through the pages with the arrow key until each has been seen once (the projector
    also turns pages by itself, so each state is read in one go with its page number)."""
    state = page.evaluate(SHOWN)
    pages = int(state["page"].split(" / ")[1])
    assert pages > 1
    seen = {state["page"]: state}
    for _ in range(3 * pages):
        if len(seen) == pages:
            break
        indicator = page.locator("[data-page-indicator]")
        before = indicator.inner_text()
        page.keyboard.press("ArrowRight")
        expect(indicator).not_to_have_text(before)
        state = page.evaluate(SHOWN)
        seen.setdefault(state["page"], state)
    assert len(seen) == pages, (pages, sorted(seen))
    return list(seen.values())


def _each_row_once(states: list[dict]) -> None:
    for state in states:
        _inside(state)
    shown = Counter(row["key"] for state in states for row in state["shown"])
    assert set(shown.values()) == {1}, [key for key, n in shown.items() if n > 1]
    assert sorted(shown) == sorted(states[0]["rows"])


@pytest.mark.parametrize("screen", sorted(SCREENS))
@pytest.mark.parametrize("by", ["room", "team"])
def test_the_projector_shows_every_row_once_and_whole(
    live_server, browser, output_dir, screen: str, by: str
) -> None:
    live_server.app.config.update(PUBLIC_POLL_SECONDS=1, PUBLIC_STAMP_SECONDS=0)
    with live_server.app.app_context():
        slug = _big_draw()
        db.session.remove()
    page = browser.new_page(viewport=SCREENS[screen], locale="tg-TJ")
    query = "?by=team" if by == "team" else ""
    page.goto(f"{live_server.url}/t/{slug}/draw/1/projector{query}")
    expect(page.locator("[data-page-indicator]")).to_contain_text(" / ")
    states = _every_page(page)
    assert len(states[0]["rows"]) == (81 if by == "team" else 41)  # the byes are a row
    _each_row_once(states)
    page.screenshot(path=str(output_dir / "projector.png"))

    # An edit after the release: a longer name, so the rows are measured again after the swap.
    with live_server.app.app_context():
        team = db.session.scalar(
            select(Team).join(Tournament).where(Tournament.slug == slug, Team.code == "T001")
        )
        team.name = LONG_NAME.format("T001") + " (" + LONG_NAME.format("") + ")"
        round_ = db.session.scalar(select(Round).join(Tournament).where(Tournament.slug == slug))
        round_.draw_version += 1  # what every draw edit does, so the public stamp changes
        db.session.commit()
        db.session.remove()
    expect(page.locator("[data-updated]")).to_be_visible(timeout=15_000)
    expect(page.locator(".projector-draw")).to_contain_text("(Литсейи")
    _inside(page.evaluate(SHOWN))  # with the notice showing
    page.screenshot(path=str(output_dir / "updated.png"))
    _each_row_once(_every_page(page))
    page.close()


def test_the_draw_by_team_filters_on_a_phone_without_javascript(
    live_server, browser, output_dir
) -> None:
    with live_server.app.app_context():
        _release("dushanbe", 1)
        round_ = db.session.scalar(
            select(Round).join(Tournament).where(Tournament.slug == "dushanbe", Round.seq == 1)
        )
        teams = sorted(seat.team.name for debate in round_.debates for seat in debate.teams)
        db.session.remove()
    context = browser.new_context(
        viewport=PHONE, locale="tg-TJ", device_scale_factor=2, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/t/dushanbe/draw/1")
    page.locator(".view-switch a").nth(1).click()
    rows = page.locator("table.by-team tbody tr")
    expect(rows).to_have_count(len(teams))
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(output_dir / "by-team.png"), full_page=True)
    wanted = teams[3]
    page.fill("#draw-search", wanted.split("«")[-1].rstrip("»"))
    page.keyboard.press("Enter")
    expect(rows).to_have_count(1)
    expect(rows.first.locator("th")).to_contain_text(wanted)
    assert "by=team" in page.url
    page.screenshot(path=str(output_dir / "filtered.png"), full_page=True)
    context.close()


def _fits_a_phone(page, table: str) -> None:
    """No sideways scrolling; rank, name and key figure of the first row on the screen; the other
    figures hidden until the row's "more" is tapped."""
    assert page.evaluate(
        "document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth"
    )
    first = page.locator(f"{table} tbody tr").first
    for cell in (first.locator("td").first, first.locator("th"), first.locator("td.key")):
        expect(cell).to_be_visible()
        box = cell.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    expect(first.locator("td.more").first).to_be_hidden()
    figures = first.locator("details.row-more dl")
    expect(figures).to_be_hidden()
    first.locator("details.row-more summary").click()
    expect(figures).to_be_visible()


def test_standings_and_speaker_tab_fit_a_phone_in_tajik(live_server, browser, output_dir) -> None:
    live_server.app.config["PUBLIC_POLL_SECONDS"] = 1
    with live_server.app.app_context():
        tournament = db.session.scalar(select(Tournament).where(Tournament.slug == "dushanbe"))
        tournament.settings = {
            **(tournament.settings or {}),
            "public_standings": True,
            "public_speaker_tab": True,
            "hide_last_prelim": False,
        }
        db.session.commit()
        rng = random.Random(6)
        for seq in (1, 2):
            _release("dushanbe", seq)
            _finish("dushanbe", seq, rng)
        db.session.remove()
    context = browser.new_context(viewport=PHONE, locale="tg-TJ", device_scale_factor=2)
    page = context.new_page()
    page.goto(f"{live_server.url}/t/dushanbe/standings")
    expect(page.locator("table.tab thead th.num").first).to_have_text("#")
    expect(page.locator("table.tab thead th:not(.more)").nth(2)).to_have_text("Ғалабаҳо")
    _fits_a_phone(page, "table.tab")
    expect(page.locator(".legend")).to_contain_text("Баҳсҳои бурдашуда")
    page.screenshot(path=str(output_dir / "standings.png"), full_page=True)

    # a row opened by the reader stays open when the standings update under it
    opened = page.locator("details.row-more[open]")
    expect(opened).to_have_count(1)
    key = opened.get_attribute("data-keep-open")
    with live_server.app.app_context():
        _release("dushanbe", 3)
        _finish("dushanbe", 3, rng)
        db.session.remove()
    expect(page.locator(".legend")).to_be_visible()
    expect(page.locator("p.muted").first).to_contain_text("3", timeout=10_000)
    expect(page.locator(f'details.row-more[data-keep-open="{key}"]')).to_have_attribute("open", "")

    page.goto(f"{live_server.url}/t/dushanbe/speakers")
    _fits_a_phone(page, "table.tab")
    expect(page.locator(".legend dt")).to_have_count(4)
    page.screenshot(path=str(output_dir / "speakers.png"), full_page=True)
    context.close()
