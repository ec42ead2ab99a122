"""The permission matrix: every route, for anonymous, a judge's link, ballot clerk, tab director, admin."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from tests.security.conftest import World, log_in
from tests.security.routes import (
    ACCESS,
    ADMIN,
    DIRECTOR,
    JUDGE,
    PUBLIC,
    STAFF,
    TEAM,
    targets,
    undecided,
)

ROLES = ("anonymous", "judge", "ballot_clerk", "tab_director", "admin")
USERNAMES = {"ballot_clerk": "clerk", "tab_director": "director", "admin": "admin"}
ALLOWED = {
    PUBLIC: set(ROLES),
    JUDGE: set(ROLES),  # the token is the key, whoever holds it
    TEAM: set(ROLES),
    STAFF: {"ballot_clerk", "tab_director", "admin"},
    DIRECTOR: {"tab_director", "admin"},
    ADMIN: {"admin"},
}


def test_every_route_has_a_decided_access(app) -> None:
    assert undecided(app) == []


def _client(app, world: World, role: str) -> FlaskClient:
    client = app.test_client()
    if role == "judge":
        assert client.get(f"/j/{world.judge.token}").status_code == 200
    elif role != "anonymous":
        log_in(client, USERNAMES[role])
    return client


def _refused_as(response) -> str | None:
    """How the request was refused, or None when it got through."""
    if response.status_code == 302 and "/login" in response.headers.get("Location", ""):
        return "login"
    if response.status_code == 403:
        return "forbidden"
    return None


@pytest.mark.sqlite_only
def test_permission_matrix(app, world: World) -> None:
    problems = {role: _problems(app, world, role) for role in ROLES}
    assert problems == {role: [] for role in ROLES}


def _problems(app, world: World, role: str) -> list[tuple[str, str, str]]:
    client = _client(app, world, role)
    problems = []
    # Log out last: it ends the session the other requests need.
    ordered = sorted(targets(app, world.values), key=lambda t: t.endpoint == "auth.logout")
    for target in ordered:
        access = ACCESS.get(target.endpoint)
        if access is None:
            continue  # reported by test_every_route_has_a_decided_access
        response = client.open(target.url, method=target.method)
        refused = _refused_as(response)
        found = ""
        if response.status_code >= 500:
            found = f"server error {response.status_code}"
        elif role in ALLOWED[access] and refused:
            found = f"refused ({refused}) but should be allowed"
        elif role not in ALLOWED[access]:
            expected = "forbidden" if role in USERNAMES else "login"
            if refused != expected:
                found = f"{response.status_code}, expected {expected}"
        if found:
            problems.append((target.method, target.url, found))
    return problems


def test_a_judge_link_opens_only_its_own_ballot(app, world: World) -> None:
    client = app.test_client()
    mine = client.get(f"/j/{world.judge.token}").get_data(as_text=True)
    assert world.judge.name in mine
    assert world.other_judge.name not in mine
    forged = world.judge.token[:-2] + ("AA" if not world.judge.token.endswith("AA") else "BB")
    assert client.get(f"/j/{forged}").status_code == 404
    assert client.get(f"/j/{world.judge.id}").status_code == 404
    assert client.get("/admin/").status_code == 302  # the link opens nothing else
