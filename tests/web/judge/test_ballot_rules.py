"""Issue 15.21: a two-team format's tie and low-point rules are the organiser's settings, which
the judge's page and the server's checks then follow; fixed once a ballot exists."""

from __future__ import annotations

import json
import re

from tests.integration.ballots.builders import release_round, sheet, small_tournament, user
from tests.web.judge.test_results_desk import login_as
from tourney.extensions import db
from tourney.models import Tournament
from tourney.services import ballots
from tourney.services.ballots import BallotRejected
from tourney.services.formats import format_for

TIE = {"aff": [26, 26, 26], "neg": [26, 26, 26]}


def test_the_organiser_sets_the_karl_popper_tie_and_low_point_rules(client, app) -> None:
    released = release_round(small_tournament())
    t = released.tournament
    login_as(client, user("director", "tab_director"))
    settings_page = client.get(f"/admin/t/{t.slug}/settings?lang=en").get_data(as_text=True)
    assert 'id="ballot-rules"' in settings_page
    saved = client.post(f"/admin/t/{t.slug}/ballot-rules?lang=en", data={}, follow_redirects=True)
    assert "Ballot rules saved." in saved.get_data(as_text=True)
    db.session.expire_all()
    fmt = format_for(db.session.get(Tournament, t.id))
    assert not fmt.tied_totals_allowed and not fmt.low_point_wins_allowed

    debate = released.debates[0]
    chair = released.seat(debate, "chair")
    page = client.get(f"/j/{chair.token}").get_data(as_text=True)
    config = json.loads(re.search(r"data-config='([^']*)'", page).group(1))
    assert config["ties_allowed"] is False and config["low_point_allowed"] is False
    assert 'name="low_point_win"' not in page
    try:
        ballots.submit_from_link(chair, sheet(debate, TIE, winner="aff"))
    except BallotRejected as rejected:
        assert [e.code for e in rejected.errors] == ["totals_tied"]
    else:
        raise AssertionError("a tie was accepted where the organiser forbade it")

    ballots.submit_from_link(chair, sheet(debate, {"aff": [25, 26, 27], "neg": [24, 25, 26]}))
    locked = client.post(
        f"/admin/t/{t.slug}/ballot-rules?lang=en",
        data={"tied_totals_allowed": "y", "low_point_wins_allowed": "y"},
        follow_redirects=True,
    )
    assert "cannot change" in locked.get_data(as_text=True)
    db.session.expire_all()
    assert not format_for(db.session.get(Tournament, t.id)).tied_totals_allowed


def test_british_parliamentary_has_no_such_setting(client, app) -> None:
    t = small_tournament("british_parliamentary")
    login_as(client, user("director", "tab_director"))
    page = client.get(f"/admin/t/{t.slug}/settings?lang=en").get_data(as_text=True)
    assert 'id="ballot-rules"' not in page
    refused = client.post(f"/admin/t/{t.slug}/ballot-rules?lang=en", follow_redirects=True)
    assert "two teams per debate" in refused.get_data(as_text=True)
