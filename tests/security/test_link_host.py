"""A forged Host header never reaches a printed or shown private link: links use
PUBLIC_BASE_URL, or the request's host only where the operator named the hosts
(TOURNEY_HOSTS → Flask's TRUSTED_HOSTS) or it is the server itself; otherwise they are refused
with a message that says what to set."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.security.conftest import PASSWORD, World
from tourney.config import trusted_hosts
from tourney.documents import ballots

EVIL = "http://evil.example"
PAGES = [
    "/admin/t/dushanbe/links",
    "/admin/t/dushanbe/links.csv",
    "/admin/t/dushanbe/rounds/1/ballots.pdf",
    "/admin/t/dushanbe/adjudicators/cards.pdf",
    "/admin/t/dushanbe/documents/team-cards.pdf",
    "/admin/t/dushanbe/adjudicators/{judge_id}/link",
    "/admin/t/dushanbe/teams/{team_id}/link",
]


def _pages(world: World) -> list[str]:
    return [page.format(judge_id=world.judge.id, team_id=world.values["team_id"]) for page in PAGES]


def _director(app: Flask, base_url: str) -> FlaskClient:
    client = app.test_client()
    response = client.post(
        "/login", data={"username": "director", "password": PASSWORD}, base_url=base_url
    )
    assert response.status_code == 302
    return client


@pytest.fixture
def printed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every link the PDFs turn into a QR code."""
    seen: list[str] = []
    make = ballots.qr_data_uri

    def recording(text: str) -> str:
        seen.append(text)
        return make(text)

    monkeypatch.setattr(ballots, "qr_data_uri", recording)
    return seen


def test_without_a_known_address_private_links_are_refused_with_what_to_set(
    app, world: World, printed: list[str]
) -> None:
    app.config["SERVER_NAME"] = None
    client = _director(app, EVIL)
    for page in _pages(world):
        response = client.get(page, base_url=EVIL, headers={"Accept-Language": "en"})
        body = response.get_data(as_text=True)
        assert response.status_code == 409, page
        assert "PUBLIC_BASE_URL" in body and "TOURNEY_HOSTS" in body
        assert f"/j/{world.judge.token}" not in body
    assert printed == []


def test_the_public_base_url_wins_over_a_forged_host(app, world: World, printed: list[str]) -> None:
    app.config["SERVER_NAME"] = None
    app.config["PUBLIC_BASE_URL"] = "https://tab.example.tj/"
    client = _director(app, EVIL)
    for page in _pages(world):
        response = client.get(page, base_url=EVIL)
        assert response.status_code == 200, page
        assert b"evil.example" not in response.get_data()
    assert printed and all(link.startswith("https://tab.example.tj/") for link in printed)
    links = client.get("/admin/t/dushanbe/links", base_url=EVIL).get_data(as_text=True)
    assert f"https://tab.example.tj/j/{world.judge.token}" in links


def test_named_hosts_refuse_any_other_host_and_are_used_for_links(app, world: World) -> None:
    app.config["SERVER_NAME"] = None
    app.config["TRUSTED_HOSTS"] = trusted_hosts(" tab.example.tj , 192.168.1.10 ")
    assert app.test_client().get("/login", base_url=EVIL).status_code == 400
    client = _director(app, "http://192.168.1.10")
    links = client.get("/admin/t/dushanbe/links", base_url="http://192.168.1.10")
    assert f"http://192.168.1.10/j/{world.judge.token}" in links.get_data(as_text=True)


def test_the_server_itself_is_a_known_address(app, world: World) -> None:
    app.config["SERVER_NAME"] = None
    client = _director(app, "http://127.0.0.1:5000")
    links = client.get("/admin/t/dushanbe/links", base_url="http://127.0.0.1:5000")
    assert f"http://127.0.0.1:5000/j/{world.judge.token}" in links.get_data(as_text=True)
