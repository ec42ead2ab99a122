"""CSRF: every form route refuses a POST without the token, and changes nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.security.conftest import World, log_in
from tests.security.routes import targets
from tourney.extensions import db
from tourney.models import AuditEvent, Ballot


@pytest.mark.sqlite_only
def test_every_post_route_refuses_a_request_without_the_token(app, world: World) -> None:
    client = app.test_client()
    log_in(client, "director")  # logged in: the refusal must come from the missing token
    app.config["WTF_CSRF_ENABLED"] = True
    before = db.session.scalar(select(func.count(AuditEvent.id)))
    posts = [t for t in targets(app, world.values) if t.method == "POST"]
    assert len(posts) > 20
    accepted = []
    for target in posts:
        response = client.post(target.url, data={"text": "x"})
        if response.status_code != 400:
            accepted.append((target.url, response.status_code))
    assert accepted == []
    db.session.expire_all()
    assert db.session.scalar(select(func.count(AuditEvent.id))) == before
    assert client.get("/admin/").status_code == 200  # still logged in: nothing was done


@pytest.mark.sqlite_only
def test_a_judge_ballot_without_the_token_is_refused_and_not_stored(app, world: World) -> None:
    app.config["WTF_CSRF_ENABLED"] = True
    client = app.test_client()
    client.get(f"/j/{world.judge.token}")
    response = client.post(
        f"/j/{world.judge.token}/ballot",
        json={"debate_id": 1, "key": "k" * 20},
    )
    assert response.status_code == 400
    assert db.session.scalar(select(func.count(Ballot.id))) == 0


@pytest.mark.sqlite_only
def test_the_login_form_needs_the_token(app, world: World) -> None:
    app.config["WTF_CSRF_ENABLED"] = True
    client = app.test_client()
    response = client.post("/login", data={"username": "director", "password": "demo"})
    assert response.status_code == 400
    assert client.get("/admin/").status_code == 302
