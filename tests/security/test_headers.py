"""Security headers, session cookies, and pages without inline scripts, styles or handlers."""

from __future__ import annotations

import re

import pytest

from tests.security.conftest import World, log_in
from tests.security.routes import targets
from tourney import create_app

INLINE = {
    "inline script": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE),
    "style attribute": re.compile(r"<[^>]+\sstyle=", re.IGNORECASE),
    "event handler": re.compile(r"<[^>]+\son[a-z]+=", re.IGNORECASE),
    "javascript: url": re.compile(r"(href|src|action)=[\"']?\s*javascript:", re.IGNORECASE),
}


def test_every_response_carries_the_security_headers(client) -> None:
    response = client.get("/login")
    policy = response.headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert directives["frame-ancestors"] == "'none'"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert client.get("/no-such-page").headers["Content-Security-Policy"] == policy


def test_session_cookie_flags(app, client) -> None:
    app.config["WTF_CSRF_ENABLED"] = True
    response = client.get("/login")  # the login form puts a CSRF token in the session
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_secure_cookies_behind_https(monkeypatch, database_url: str) -> None:
    monkeypatch.setenv("TOURNEY_SECURE_COOKIES", "1")
    secure = create_app({"SQLALCHEMY_DATABASE_URI": database_url})
    cookie = secure.test_client().get("/login", base_url="https://localhost").headers["Set-Cookie"]
    assert cookie.startswith("__Host-tourney=")
    assert "Secure" in cookie and "HttpOnly" in cookie and "Path=/" in cookie
    assert "Domain" not in cookie
    assert secure.config["REMEMBER_COOKIE_SECURE"] is True


@pytest.mark.sqlite_only
def test_no_page_has_inline_scripts_styles_or_handlers(app, world: World) -> None:
    client = app.test_client()
    log_in(client, "admin")
    found = []
    for target in targets(app, world.values):
        if target.method != "GET" or target.endpoint in ("static", "auth.set_language"):
            continue
        response = client.get(target.url)
        if not response.mimetype.endswith("html"):
            continue
        body = response.get_data(as_text=True)
        found += [(target.url, name) for name, pattern in INLINE.items() if pattern.search(body)]
    assert found == []


def test_tab_room_pages_are_never_stored(app, world: World) -> None:
    client = app.test_client()
    log_in(client, "admin")
    checked = []
    for target in targets(app, world.values):
        if target.method != "GET" or not target.endpoint.startswith("admin."):
            continue
        response = client.get(target.url)
        checked.append(target.url)
        assert "no-store" in response.headers.get("Cache-Control", ""), target.url
    assert len(checked) > 20
    assert "no-store" in client.get("/admin/no-such-page").headers.get("Cache-Control", "")
