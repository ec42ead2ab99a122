"""Private ballot links cannot be guessed or enumerated; a revoked link stops working at once."""

from __future__ import annotations

import math
import re

from sqlalchemy import func, select

from tests.security.conftest import World
from tourney import create_app
from tourney.extensions import db
from tourney.models import Adjudicator, AuditEvent, User
from tourney.services import links


def test_tokens_are_long_random_and_distinct(app) -> None:
    tokens = {links.new_token() for _ in range(500)}
    assert len(tokens) == 500
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{24,}", t) for t in tokens)
    assert min(len(t) for t in tokens) * math.log2(64) >= 128


def test_guessed_and_enumerated_links_all_look_the_same(app, world: World) -> None:
    client = app.test_client()
    not_found = client.get("/j/" + "A" * 24)
    assert not_found.status_code == 404
    guesses = [
        str(world.judge.id),
        world.judge.token[:-1],
        world.judge.token.upper(),
        "%00",
        "x" * 65,
    ]
    bodies = {client.get(f"/j/{guess}").get_data() for guess in guesses}
    assert {client.get(f"/j/{guess}").status_code for guess in guesses} == {404}
    assert bodies == {not_found.get_data()}  # nothing tells a near miss from a wild guess


def test_a_revoked_link_stops_at_once_and_a_reissued_one_replaces_it(app, world: World) -> None:
    client = app.test_client()
    old = world.judge.token
    assert client.get(f"/j/{old}").status_code == 200
    director = db.session.scalar(select(User).where(User.username == "director"))
    links.revoke(db.session.get(Adjudicator, world.judge.id), director)
    assert client.get(f"/j/{old}").status_code == 410
    assert client.post(f"/j/{old}/ballot", json={"debate_id": 1}).status_code == 410
    new = links.reissue(db.session.get(Adjudicator, world.judge.id), director)
    assert new != old
    assert client.get(f"/j/{old}").status_code == 410
    assert client.get(f"/j/{new}").status_code == 200
    reissued_again = links.reissue(db.session.get(Adjudicator, world.judge.id), director)
    assert client.get(f"/j/{new}").status_code == 410
    assert client.get(f"/j/{reissued_again}").status_code == 200


def test_a_replaced_link_says_so_and_a_never_issued_one_is_a_plain_404(app, world: World) -> None:
    client = app.test_client()
    old = world.judge.token
    director = db.session.scalar(select(User).where(User.username == "director"))
    links.reissue(db.session.get(Adjudicator, world.judge.id), director)
    replaced = client.get(f"/j/{old}?lang=en")
    assert replaced.status_code == 410
    assert "This link was replaced. Ask the tab room" in replaced.get_data(as_text=True)
    never = client.get("/j/" + links.new_token() + "?lang=en")
    assert never.status_code == 404
    assert never.get_data() == client.get("/no-such-page?lang=en").get_data()
    assert "replaced" not in never.get_data(as_text=True)


def _miss(client, address: str, token: str | None = None) -> int:
    url = f"/j/{token or links.new_token()}"
    return client.get(url, environ_base={"REMOTE_ADDR": address}).status_code


def test_guessing_links_is_limited_per_address_in_every_process(app, world: World) -> None:
    app.config["LINK_MISSES_PER_ADDRESS"] = 5
    client = app.test_client()
    assert {_miss(client, "10.1.1.1") for _ in range(5)} == {404}
    assert _miss(client, "10.1.1.1") == 429
    other_process = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "TESTING": True,
            "LINK_MISSES_PER_ADDRESS": 5,
        }
    )
    assert _miss(other_process.test_client(), "10.1.1.1") == 429
    with other_process.app_context():
        db.session.remove()
        db.engine.dispose()
    assert _miss(client, "10.2.2.2") == 404  # another address is not affected
    # The limited address writes no more rows, however long it loops.
    misses = select(func.count(AuditEvent.id)).where(AuditEvent.action == "link_missed")
    assert db.session.scalar(misses) == 6
    # A judge on the same Wi-Fi opens their own link at once, however much was guessed.
    assert _miss(client, "10.1.1.1", world.judge.token) == 200
    assert _miss(client, "10.1.1.1", world.other_judge.token) == 200
