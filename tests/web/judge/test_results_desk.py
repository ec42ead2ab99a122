"""The results desk pages: roles, confirming, paper entry, retraction, judges' links."""

from __future__ import annotations

import uuid

import pytest
from flask import g
from sqlalchemy import select

from tests.integration.ballots.builders import release_round, sheet, small_tournament, user
from tourney.extensions import db
from tourney.models import Ballot, DebateResult, LoginSession
from tourney.services import ballots
from tourney.web import sessions

AFF_WINS = {"aff": [25, 26, 27], "neg": [24, 25, 26]}
NEG_WINS = {"aff": [24, 25, 26], "neg": [26, 26, 27]}


@pytest.fixture
def released(app):
    return release_round(small_tournament())


def login_as(client, account) -> None:
    """Sign in without hashing a password; forget the user cached in the shared app context."""
    opened = LoginSession(sid=f"test-{account.id}-{uuid.uuid4().hex}", user_id=account.id)
    db.session.add(opened)
    db.session.commit()
    with client.session_transaction() as session:
        session["_user_id"] = str(account.id)
        session["_fresh"] = True
        session[sessions.KEY] = opened.sid
    g.pop("_login_user", None)


def desk_url(released, tail: str = "") -> str:
    return f"/admin/t/{released.tournament.slug}/results{tail}"


def submit(released, debate, role, scores, index=0):
    return ballots.submit_from_link(released.seat(debate, role, index), sheet(debate, scores))


def test_only_the_tab_room_opens_the_desk(client, released) -> None:
    assert client.get(desk_url(released)).status_code == 302
    login_as(client, user("clerk", "ballot_clerk"))
    page = client.get(desk_url(released) + "?lang=en")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "0 of 2 debates confirmed." in text and "2 still lack ballots." in text


def test_the_debate_page_shows_ballots_side_by_side(client, released) -> None:
    debate = released.debates[0]
    submit(released, debate, "chair", AFF_WINS)
    submit(released, debate, "panellist", NEG_WINS)
    submit(released, debate, "panellist", AFF_WINS, index=1)
    login_as(client, user("director", "tab_director"))
    text = client.get(desk_url(released, f"/debates/{debate.id}?lang=en")).get_data(as_text=True)
    assert "panel disagrees" in text and "dissent" in text
    assert text.count("<th>Judge ") == 3
    assert "ballots 2–1" in text


def test_confirm_then_retract_through_the_pages(client, released) -> None:
    debate = released.debates[0]
    for role, index in (("chair", 0), ("panellist", 0), ("panellist", 1)):
        submit(released, debate, role, AFF_WINS, index=index)
    login_as(client, user("director", "tab_director"))
    ids = ",".join(str(b.id) for b in db.session.scalars(select(Ballot).order_by(Ballot.id)))
    url = desk_url(released, f"/debates/{debate.id}")
    response = client.post(
        url + "/confirm?lang=en", data={"ballot_ids": ids}, follow_redirects=True
    )
    assert "Result confirmed." in response.get_data(as_text=True)
    result = db.session.scalar(select(DebateResult))
    again = client.post(url + "/confirm?lang=en", data={"ballot_ids": ids}, follow_redirects=True)
    assert "already has a confirmed result" in again.get_data(as_text=True)
    retract = desk_url(released, f"/confirmed/{result.id}/retract?lang=en")
    client.post(retract, data={"reason": "wrong room"}, follow_redirects=True)
    db.session.refresh(result)
    assert result.status == "retracted"


def test_a_clerk_types_a_paper_ballot_and_cannot_confirm_it(client, released) -> None:
    debate = released.debates[0]
    clerk = user("clerk", "ballot_clerk")
    login_as(client, clerk)
    chair = released.seat(debate, "chair")
    url = desk_url(released, f"/debates/{debate.id}/paper?judge={chair.id}&lang=en")
    form = client.get(url)
    assert form.status_code == 200 and 'name="aff.total"' in form.get_data(as_text=True)
    data = {"debate_id": str(debate.id), "judge": str(chair.id), "key": "p" * 24, "winner": "aff"}
    for dt in debate.teams:
        for position, (speaker, score) in enumerate(
            zip(dt.team.speakers, AFF_WINS[dt.side], strict=True), start=1
        ):
            data[f"{dt.side}.{position}.speaker"] = str(speaker.id)
            data[f"{dt.side}.{position}.score"] = str(score)
    wrong = client.post(url, data={**data, "aff.total": "80"})
    assert wrong.status_code == 422
    assert "differs from the sum of the scores (78)" in wrong.get_data(as_text=True)
    saved = client.post(url, data={**data, "aff.total": "78"})
    assert saved.status_code == 302
    again = client.post(url, data={**data, "aff.total": "78"})  # a double click on "Save"
    assert again.status_code == 302
    (ballot,) = db.session.scalars(select(Ballot)).all()
    assert (ballot.source, ballot.entered_by_id) == ("paper", clerk.id)
    submit(released, debate, "panellist", AFF_WINS)
    submit(released, debate, "panellist", AFF_WINS, index=1)
    page = client.get(desk_url(released, f"/debates/{debate.id}?lang=en")).get_data(as_text=True)
    assert "another person must confirm" in page and "Confirm this result" not in page
    ids = ",".join(str(b.id) for b in db.session.scalars(select(Ballot).order_by(Ballot.id)))
    refused = client.post(
        desk_url(released, f"/debates/{debate.id}/confirm?lang=en"),
        data={"ballot_ids": ids},
        follow_redirects=True,
    )
    assert "another person must confirm" in refused.get_data(as_text=True)
    assert db.session.scalar(select(DebateResult)) is None


def test_the_organiser_revokes_and_reissues_a_judges_link(client, released) -> None:
    chair = released.seat(released.debates[0], "chair")
    url = f"/admin/t/{released.tournament.slug}/adjudicators/{chair.id}/link"
    login_as(client, user("clerk", "ballot_clerk"))
    assert client.get(url).status_code == 403
    login_as(client, user("director", "tab_director"))
    page = client.get(url).get_data(as_text=True)
    assert f"/j/{chair.token}" in page and 'src="data:image/svg+xml' in page
    old = chair.token
    client.post(url, data={"action": "revoke"})
    db.session.refresh(chair)
    assert chair.token is None and client.get(f"/j/{old}").status_code == 410
    client.post(url, data={"action": "reissue"})
    db.session.refresh(chair)
    assert chair.token and client.get(f"/j/{chair.token}").status_code == 200


def test_another_tournaments_debate_is_not_found(client, released) -> None:
    other = release_round(small_tournament(debates=1))
    login_as(client, user("director", "tab_director"))
    assert client.get(desk_url(released, f"/debates/{other.debates[0].id}")).status_code == 404
