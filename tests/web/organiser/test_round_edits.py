"""The round page's hand edits: a late team, the bye, warnings after every edit."""

from __future__ import annotations

import re

from sqlalchemy import delete

from tests.integration.draws.helpers import make_tournament, organiser
from tests.integration.organiser.test_late_team_and_bye import _place, _released_with_a_late_team
from tourney.extensions import db
from tourney.models import Adjudicator, Venue
from tourney.services import draws, tournaments


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


def _drawn(teams: int = 8):
    tournament = make_tournament(teams)
    round_ = tournaments.rounds_of(tournament)[0]
    draws.generate_draw(round_, organiser())
    return round_, f"/admin/t/{tournament.slug}/rounds/1"


def test_allocating_nothing_says_so(director) -> None:
    round_, base = _drawn()
    db.session.execute(delete(Adjudicator).where(Adjudicator.tournament_id == round_.tournament_id))
    db.session.execute(delete(Venue).where(Venue.tournament_id == round_.tournament_id))
    db.session.commit()
    page = director.post(base + "/allocate", follow_redirects=True).get_data(as_text=True)
    assert "Judges and rooms are allocated." not in page
    assert "Nothing was allocated: no judge and no room is present." in page


def test_before_allocation_the_room_select_shows_no_room(director) -> None:
    _round, base = _drawn()
    page = director.get(base).get_data(as_text=True)
    selects = re.findall(r'<select id="d\d+-venue"[^>]*>(.*?)</select>', page, re.S)
    assert selects and all(
        re.search(r'<option selected value="0">No room</option>', options) for options in selects
    )


def test_warnings_show_once_and_never_under_no_cost(director) -> None:
    round_, base = _drawn()
    draws.allocate_round(round_, organiser())
    db.session.expire_all()
    debate = next(d for d in round_.debates if d.adjudicators)
    chair = next(s.adjudicator_id for s in debate.adjudicators if s.role == "chair")
    draws.move_adjudicator(round_, chair, None, "chair", organiser(), round_.draw_version)
    page = director.get(base).get_data(as_text=True)
    rows = re.findall(r'<tr class="clash">(.*?)</tr>', page, re.S)
    row = next(r for r in rows if f"/debates/{debate.id}/swap-sides" in r)
    assert "no cost" not in row and "Warnings:" in row
    assert row.count("Only 0 of 1 voting judge") == 1
