"""API errors are JSON problem documents with a translated title; documented limits hold; and a
query parameter no page reads does not bypass the public page cache."""

from __future__ import annotations

import pytest

from tests.query_count import statements_sent
from tests.security.conftest import World

PROBLEM_KEYS = {"type", "title", "status", "error"}


@pytest.mark.parametrize(
    ("method", "url", "status", "error"),
    [
        ("GET", "/api/v1/no-such-thing", 404, "not_found"),
        ("GET", "/api/v1/tournaments/nowhere", 404, "not_found"),
        ("GET", "/api/v1/tournaments/dushanbe/rounds/9/draw", 404, "not_released"),
        ("GET", "/api/v1/tournaments/dushanbe/teams?q=" + "x" * 81, 400, "query_too_long"),
        ("POST", "/api/v1/tournaments", 405, "method_not_allowed"),
        ("GET", "/api/v1/tournaments/dush%00anbe", 404, "not_found"),
    ],
)
def test_every_api_error_is_a_problem_document(
    app, world: World, method: str, url: str, status: int, error: str
) -> None:
    response = app.test_client().open(url, method=method, headers={"Accept-Language": "ru"})
    assert response.status_code == status
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert set(body) >= PROBLEM_KEYS and body["status"] == status and body["error"] == error
    assert body["type"] == "about:blank"
    assert any("а" <= ch <= "я" for ch in body["title"].lower()), body["title"]  # Russian


def test_a_nul_in_the_search_finds_nothing_instead_of_failing(app, world: World) -> None:
    response = app.test_client().get("/api/v1/tournaments/dushanbe/teams?q=a%00b")
    assert response.status_code == 200 and response.get_json() == {"teams": []}


def test_extra_query_parameters_do_not_bypass_the_page_cache(app, world: World) -> None:
    client = app.test_client()
    assert client.get("/t/dushanbe/draw/1").status_code == 200
    with statements_sent() as sent:
        for i in range(5):
            assert client.get(f"/t/dushanbe/draw/1?x={i}&utm={i}").status_code == 200
    assert len(sent) <= 1, sent  # the tournament's stamp at most, never the page again
    with statements_sent() as sent:
        client.get("/t/dushanbe/teams?q=a")
    assert sent  # a parameter the page reads still makes its own page
