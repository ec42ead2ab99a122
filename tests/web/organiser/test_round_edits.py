"""The round page's hand edits: a late team, the bye, warnings after every edit."""

from __future__ import annotations

from tests.integration.organiser.test_late_team_and_bye import _place, _released_with_a_late_team
from tourney.extensions import db


def test_a_late_team_is_added_from_the_released_round_page(director) -> None:
    round_, late = _released_with_a_late_team()
    base = f"/admin/t/{round_.tournament.slug}/rounds/1"
    page = director.get(base).get_data(as_text=True)
    assert "Add a late team" in page and 'action="' + base + '/late-team"' in page
    director.post(base + "/late-team", data={"team": late, "version": round_.draw_version})
    db.session.expire_all()
    assert _place(round_, late) not in ("bye", "none")
    page = director.get(base).get_data(as_text=True)
    assert "came late and was added to the draw by hand" in page
