"""The settings page: what is locked says why, and refusals give their own reason."""

from __future__ import annotations

import re

from tests.integration.organiser.test_guarded_settings import _data, _played
from tourney.extensions import db
from tourney.models import Tournament


def test_a_played_tournament_shows_the_format_locked_and_refuses_a_change(director) -> None:
    tournament = _played()
    url = f"/admin/t/{tournament.slug}/settings"
    page = director.get(url).get_data(as_text=True)
    assert 'id="format-locked"' in page and "Ballots are already stored" in page
    assert re.search(r'<select[^>]*\bdisabled\b[^>]*id="format_code"', page)
    data = _data(tournament, format_code="british_parliamentary", public_top_n=0, wildcards=0)
    response = director.post(url, data=data, follow_redirects=True)
    assert response.status_code == 200
    db.session.expire_all()
    assert db.session.get(Tournament, tournament.id).format_code == "karl_popper"
    position = director.post(
        f"/admin/t/{tournament.slug}/score-range/1",
        data={"p1-score_min": "60", "p1-score_max": "80", "p1-score_step": "1"},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "score ranges can no longer change" in position
