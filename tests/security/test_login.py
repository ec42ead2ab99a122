"""Logging in and out: no redirect to another site, no telling which usernames exist, and a
session cookie that stops working at logout."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

import pytest

from tourney.services.accounts import create_user

HOSTILE_TARGETS = [
    "////evil.example",
    "//evil.example",
    "///evil.example/path",
    "/\\evil.example",
    "/\t/evil.example",
    "\n//evil.example",
    "https://evil.example/",
    "http:/evil.example",
    "javascript:alert(1)",
    "evil.example",
]


@pytest.fixture
def director(app):
    return create_user("director", "right-password", "tab_director")


def _log_in(client, next_: str | None = None):
    return client.post(
        "/login",
        query_string={"next": next_} if next_ is not None else None,
        data={"username": "director", "password": "right-password"},
    )


@pytest.mark.parametrize("target", HOSTILE_TARGETS)
def test_no_redirect_to_another_site_after_login(app, director, target: str) -> None:
    response = _log_in(app.test_client(), target)
    assert response.status_code == 302
    location = response.headers["Location"]
    parts = urlsplit(location)
    assert parts.netloc in ("", "localhost"), location
    assert not parts.path.startswith("//"), location
    assert parts.path == "/admin/", location


def test_a_same_site_path_is_kept(app, director) -> None:
    response = _log_in(app.test_client(), "/admin/t/dushanbe/results?round=2")
    assert urlsplit(response.headers["Location"]).path == "/admin/t/dushanbe/results"
    assert urlsplit(response.headers["Location"]).query == "round=2"


def test_a_session_cookie_copied_before_logout_stops_working(app, director) -> None:
    client = app.test_client()
    assert _log_in(client).status_code == 302
    cookie = client.get_cookie("tourney")
    assert client.get("/admin/").status_code == 200
    assert client.post("/logout").status_code == 302
    thief = app.test_client()
    thief.set_cookie("tourney", cookie.value, domain="localhost")
    assert thief.get("/admin/").status_code == 302  # to the login page: the session is over
    # Another browser of the same user is not logged out by this one.
    other = app.test_client()
    assert _log_in(other).status_code == 302
    assert other.get("/admin/").status_code == 200


def _median_seconds(client, username: str, tries: int = 5) -> float:
    times = []
    for _ in range(tries):
        start = time.perf_counter()
        client.post("/login", data={"username": username, "password": "wrong"})
        times.append(time.perf_counter() - start)
    return sorted(times)[tries // 2]


def test_login_timing_does_not_reveal_which_usernames_exist(app, director) -> None:
    app.config["LOGIN_FAILURES"] = 1000
    client = app.test_client()
    known = _median_seconds(client, "director")
    unknown = _median_seconds(client, "nobody-by-this-name")
    # A password hash costs tens of milliseconds; without the stand-in hash an unknown name
    # answered in about a millisecond.
    assert unknown > known * 0.5, (known, unknown)
