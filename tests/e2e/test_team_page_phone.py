"""A team's page and the team search on a phone (390×844): the next debate with its start time,
the record and the speakers; when the page updates itself, what changed is marked for a few
seconds and a notice says when, without moving the page; search by a speaker's name and by a
town's other names. Screenshots go to test-output/<test name>/."""

from __future__ import annotations

import random
import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from playwright.sync_api import expect
from sqlalchemy import select

from tests.e2e.test_public_phone import PHONE, _finish, _release, _round
from tourney.extensions import db
from tourney.models import Institution, ScheduleItem, Team, Tournament

DUSHANBE = ZoneInfo("Asia/Dushanbe")


def _team_in_round(slug: str, seq: int) -> Team:
    return _round(slug, seq).debates[0].teams[0].team


def _prepare(app, rng: random.Random) -> tuple[str, str]:
    """Round 1 decided; round 2 released, starting at 14:05 by the timetable."""
    with app.app_context():
        _release("dushanbe", 1)
        _finish("dushanbe", 1, rng)
        _release("dushanbe", 2)
        second = _round("dushanbe", 2)
        db.session.add(
            ScheduleItem(
                tournament_id=second.tournament_id,
                kind="round",
                round_id=second.id,
                day=date(2026, 3, 14),
                start_minute=14 * 60 + 5,
            )
        )
        db.session.commit()
        team = _team_in_round("dushanbe", 2)
        found = team.code, team.speakers[0].name
        db.session.remove()
    return found


def _clock_now() -> set[str]:
    """The hall's HH:MM now, or a minute either side (the poll may cross a minute)."""
    now = datetime.now(DUSHANBE)
    return {(now + timedelta(minutes=d)).strftime("%H:%M") for d in (-1, 0, 1)}


def test_the_team_page_marks_what_changed_in_tajik(live_server, browser, output_dir) -> None:
    live_server.app.config["PUBLIC_POLL_SECONDS"] = 1
    live_server.app.config["PUBLIC_CACHE_SECONDS"] = 0
    rng = random.Random(7)
    code, speaker = _prepare(live_server.app, rng)

    # A phone abroad: the times on the page are still the hall's (Asia/Dushanbe).
    context = browser.new_context(
        viewport=PHONE, locale="tg-TJ", timezone_id="Europe/London", device_scale_factor=2
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/t/dushanbe/team/{code}")
    expect(page.locator("html")).to_have_attribute("lang", "tg")
    next_debate = page.locator("section.next")
    expect(next_debate.locator("[data-watch=next-start]")).to_have_text("14.03.2026 14:05")
    expect(page.locator("#team-speakers + ul")).to_contain_text(speaker)
    record = page.locator("[data-watch=record]")
    expect(record).to_contain_text("Ғалабаҳо")  # "Wins", after round 1
    result_two = page.locator("[data-watch=round-2-result]")
    expect(result_two).to_contain_text("ҳоло нашр нашудааст")  # "not released yet"
    page.screenshot(path=str(output_dir / "before.png"), full_page=True)
    live_top = page.locator("[data-live]").bounding_box()["y"]
    assert page.locator("[data-watch].changed").count() == 0

    # Round 2's results come out: the page updates itself and marks what changed.
    with live_server.app.app_context():
        _finish("dushanbe", 2, rng)
        db.session.remove()
    expect(result_two.locator(".badge")).to_be_visible(timeout=15_000)
    expect(result_two).to_have_class(re.compile(r"\bchanged\b"))
    expect(page.locator("[data-watch=record]")).to_have_class(re.compile(r"\bchanged\b"))
    expect(page.locator("[data-watch=round-1-result]")).not_to_have_class(re.compile("changed"))
    notice = page.locator("[data-updated]")
    expect(notice).to_be_visible()
    text = notice.inner_text()
    assert text.startswith("Навсозӣ") and text[-5:] in _clock_now(), text
    # The notice floats: the page under the reader's thumb stays where it was.
    assert page.locator("[data-live]").bounding_box()["y"] == live_top
    assert notice.evaluate("n => getComputedStyle(n).position") == "fixed"
    assert result_two.evaluate("n => getComputedStyle(n).transitionDuration") != "0s"
    page.screenshot(path=str(output_dir / "changed.png"))
    # A few seconds later the marks and the notice are gone.
    expect(page.locator("[data-watch].changed")).to_have_count(0, timeout=10_000)
    expect(notice).to_be_hidden()
    context.close()


def test_reduced_motion_marks_changes_without_animation(live_server, browser) -> None:
    live_server.app.config["PUBLIC_POLL_SECONDS"] = 1
    live_server.app.config["PUBLIC_CACHE_SECONDS"] = 0
    rng = random.Random(7)
    code, _ = _prepare(live_server.app, rng)
    context = browser.new_context(viewport=PHONE, locale="ru-RU", reduced_motion="reduce")
    page = context.new_page()
    page.goto(f"{live_server.url}/t/dushanbe/team/{code}")
    with live_server.app.app_context():
        _finish("dushanbe", 2, rng)
        db.session.remove()
    result_two = page.locator("[data-watch=round-2-result]")
    expect(result_two).to_have_class(re.compile(r"\bchanged\b"), timeout=15_000)
    assert result_two.evaluate("n => getComputedStyle(n).transitionDuration") == "0s"
    expect(page.locator("[data-updated]")).to_contain_text("Обновлено в")
    context.close()


def test_search_by_a_speaker_and_by_a_towns_other_name(live_server, browser, output_dir) -> None:
    with live_server.app.app_context():
        tournament = db.session.scalar(select(Tournament).where(Tournament.slug == "dushanbe"))
        teams = sorted(tournament_teams(tournament), key=lambda t: t.id)
        alyona, kulob = teams[0], teams[1]
        alyona.speakers[0].name = "Алёна Каримова"
        kulob.institution = Institution(
            championship=tournament.championship, name="Литсейи №3, ш. Кӯлоб"
        )
        db.session.commit()
        names = alyona.name, kulob.name
        db.session.remove()

    page = browser.new_page(viewport=PHONE, locale="en-GB")
    page.goto(f"{live_server.url}/t/dushanbe/teams")
    expect(page.locator("label[for=team-search]")).to_contain_text("speaker")
    page.fill("#team-search", "Alena")
    page.keyboard.press("Enter")
    found = page.locator(".team-list li")
    expect(found.filter(has_text=names[0])).to_contain_text("speaker: Алёна Каримова")
    page.screenshot(path=str(output_dir / "speaker.png"), full_page=True)
    page.fill("#team-search", "Kulyab")
    page.keyboard.press("Enter")
    expect(found).to_have_count(1)
    expect(found).to_contain_text(names[1])
    expect(found).not_to_contain_text("speaker:")
    page.get_by_role("link", name=names[1]).click()
    expect(page.locator("h1")).to_have_text(names[1])
    page.close()


def tournament_teams(tournament: Tournament) -> list[Team]:
    return list(db.session.scalars(select(Team).where(Team.tournament_id == tournament.id)))
