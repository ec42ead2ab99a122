"""Private ballot links cannot be guessed or enumerated; a revoked link stops working at once."""

from __future__ import annotations

import math
import re

from sqlalchemy import select

from tests.security.conftest import World
from tourney.extensions import db
from tourney.models import Adjudicator, User
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
    assert client.get(f"/j/{old}").status_code == 404
    assert client.post(f"/j/{old}/ballot", json={"debate_id": 1}).status_code == 404
    new = links.reissue(db.session.get(Adjudicator, world.judge.id), director)
    assert new != old
    assert client.get(f"/j/{old}").status_code == 404
    assert client.get(f"/j/{new}").status_code == 200
