"""Long lists come in pages: the round's draw (one room menu per debate shown, never one per
debate of the whole round) and the participants lists."""

from __future__ import annotations

import pytest

from tests.integration.documents.conftest import Drawn
from tests.integration.documents.test_routes import staff  # noqa: F401  (fixture)
from tourney.web.admin import participants, rounds

EN = {"Accept-Language": "en"}


@pytest.fixture
def director(staff):  # noqa: F811
    return staff("director")


def test_the_round_page_shows_its_draw_in_pages(director, drawn: Drawn, monkeypatch) -> None:
    monkeypatch.setattr(rounds, "DEBATES_PER_PAGE", 3)
    url = "/admin/t/final-docs/rounds/1"
    first = director.get(url, headers=EN).get_data(as_text=True)
    assert first.count("/set-room") == 3
    assert "Page 1 of 2 (4 in all)" in first and "page=2" in first
    second = director.get(f"{url}?page=2", headers=EN).get_data(as_text=True)
    assert second.count("/set-room") == 1 and "Page 2 of 2" in second
    last_debate = drawn.debates[-1]
    assert (
        f'id="d{last_debate.id}-venue"' in second and f'id="d{last_debate.id}-venue"' not in first
    )
    assert "Page 2 of 2" in director.get(f"{url}?page=99", headers=EN).get_data(as_text=True)
    assert "Page 1 of 2" in director.get(f"{url}?page=x", headers=EN).get_data(as_text=True)


def test_participants_lists_come_in_pages(director, drawn: Drawn, monkeypatch) -> None:
    monkeypatch.setattr(participants, "ROWS_PER_PAGE", 3)
    url = "/admin/t/final-docs/teams"
    pages = [director.get(f"{url}?page={n}", headers=EN).get_data(as_text=True) for n in (1, 2, 3)]
    shown = [
        [team.code for team in drawn.teams if f"<td>{team.code}</td>" in page] for page in pages
    ]
    assert [len(codes) for codes in shown] == [3, 3, 2]
    assert sorted(code for codes in shown for code in codes) == sorted(
        team.code for team in drawn.teams
    )
    assert all("Total: 8" in page for page in pages)
    assert "Page 3 of 3 (8 in all)" in pages[2]
