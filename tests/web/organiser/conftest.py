"""A small played tournament and a logged-in tab director for the organiser's pages."""

from __future__ import annotations

import pytest

from tests.integration.draws.helpers import organiser


@pytest.fixture
def director(client):
    organiser()
    client.set_cookie("lang", "en")
    client.post("/login", data={"username": "director", "password": "x-password"})
    return client
