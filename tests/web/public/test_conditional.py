"""Polling costs little: ETag / Last-Modified and 304, a live fragment, and a release shows on
the next poll even though pages are cached."""

from __future__ import annotations

import re
from datetime import date, time

from flask import g

from tests.web.public.scenario import scenario
from tourney.services import tournaments
from tourney.services.accounts import create_user


def test_conditional_get_and_the_live_fragment(client) -> None:
    found = scenario()
    found.play(1)
    client.set_cookie("lang", "en")
    url = f"/t/{found.slug}"
    first = client.get(url)
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert first.headers["Cache-Control"] == "no-cache"
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    assert client.get(url, headers={"If-Modified-Since": modified}).status_code == 304
    unchanged = client.get(url, headers={"If-None-Match": etag})
    assert unchanged.data == b""

    # The page carries its live part's ETag, so the poller's first request is already a 304.
    live_etag = re.search(r'data-etag="([0-9a-f]+)"', first.get_data(as_text=True)).group(1)
    live_url = re.search(r'data-live="([^"]+)"', first.get_data(as_text=True)).group(1)
    fragment = client.get(live_url.replace("&amp;", "&"))
    assert fragment.headers["ETag"] == f'"{live_etag}"'
    assert "<html" not in fragment.get_data(as_text=True)
    assert "Round 1" in fragment.get_data(as_text=True)
    assert client.get(live_url, headers={"If-None-Match": f'"{live_etag}"'}).status_code == 304

    # A release changes the page at once, cache or not.
    found.release(2)
    changed = client.get(live_url, headers={"If-None-Match": f'"{live_etag}"'})
    assert changed.status_code == 200
    assert "Round 2" in changed.get_data(as_text=True)
    after = client.get(url, headers={"If-None-Match": etag, "If-Modified-Since": modified})
    assert after.status_code == 200
    assert after.headers["Last-Modified"] != modified

    api = f"/api/v1/tournaments/{found.slug}/rounds"
    answer = client.get(api)
    assert client.get(api, headers={"If-None-Match": answer.headers["ETag"]}).status_code == 304
    listing = client.get("/api/v1/tournaments")
    assert (
        client.get(
            "/api/v1/tournaments", headers={"If-None-Match": listing.headers["ETag"]}
        ).status_code
        == 304
    )


def test_an_organisers_page_is_never_served_to_the_public(app, client) -> None:
    found = scenario()
    found.play(1)
    create_user("director2", "secret-pass", "tab_director")
    client.post("/login", data={"username": "director2", "password": "secret-pass"})
    english = {"Accept-Language": "en"}
    mine = client.get(f"/t/{found.slug}", headers=english).get_data(as_text=True)
    assert "Log out" in mine
    g.pop("_login_user", None)  # the test app context outlives requests; a server's does not
    anonymous = app.test_client().get(f"/t/{found.slug}", headers=english).get_data(as_text=True)
    assert "Log out" not in anonymous
    assert "csrf_token" not in anonymous


def test_a_stamp_is_reused_for_a_moment_to_spare_the_database(app, client) -> None:
    app.config["PUBLIC_STAMP_SECONDS"] = 3600
    found = scenario()
    found.play(1)
    url = f"/t/{found.slug}"
    etag = client.get(url).headers["ETag"]
    found.release(2)
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    app.extensions["tourney_public_stamps"].clear()  # as when PUBLIC_STAMP_SECONDS have passed
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 200


def test_a_moved_timetable_item_shows_on_the_next_poll(app, client) -> None:
    """The timetable belongs to the public version: moving the next round's start shows at once
    on the schedule and team pages, not when the page cache runs out."""
    app.config["PUBLIC_CACHE_SECONDS"] = 3600
    found = scenario()
    found.play(1)
    found.release(2)
    item = tournaments.add_schedule_item(
        found.tournament,
        kind="round",
        title="",
        day=date(2026, 3, 14),
        start=time(10, 0),
        building="",
        round_seq=2,
        user=found.user,
    )
    url = f"/t/{found.slug}/schedule?lang=en"
    etag = client.get(url).headers["ETag"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    tournaments.move_schedule_item(item, date(2026, 3, 14), time(11, 30), found.user)
    moved = client.get(url, headers={"If-None-Match": etag})
    assert moved.status_code == 200
    assert "11:30" in moved.get_data(as_text=True)
