"""The round page's bulk check-in: buttons for a whole group, one institution, a pasted list."""

from __future__ import annotations

from sqlalchemy import select

from tests.web.admin.test_round_workflow import _round, organiser  # noqa: F401
from tourney.extensions import db
from tourney.models import Team, Tournament
from tourney.services import draws


def test_bulk_check_in_from_the_round_page(organiser) -> None:  # noqa: F811
    base = "/admin/t/gbao/rounds/1"
    page = organiser.get(base).get_data(as_text=True)
    assert "All absent" in page and "Paste the list of who is here" in page
    organiser.post(base + "/presence/team/group", data={"present": "0"})
    round_ = _round("gbao", 1)
    t = db.session.scalar(select(Tournament).where(Tournament.slug == "gbao"))
    teams = db.session.scalars(select(Team).where(Team.tournament_id == t.id)).all()
    assert draws.absences(round_)[0] == {team.id for team in teams}
    school = teams[0].institution
    organiser.post(base + "/presence/team/group", data={"present": "1", "institution": school.id})
    expected = {team.id for team in teams if team.institution_id != school.id}
    assert draws.absences(round_)[0] == expected
    names = "\n".join(team.name for team in teams[:3])
    response = organiser.post(
        base + "/presence/team/list", data={"names": names}, follow_redirects=True
    )
    assert "Present: 3, absent: %s." % (len(teams) - 3) in response.get_data(as_text=True)
    response = organiser.post(
        base + "/presence/team/list", data={"names": "Nobody here"}, follow_redirects=True
    )
    assert "no one here is called Nobody here" in response.get_data(as_text=True)
    assert len(draws.absences(round_)[0]) == len(teams) - 3
