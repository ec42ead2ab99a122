"""Retracting a confirmed result: a tab director only, with a reason; a closed round reopens
(its results stop being public) unless a later draw or the break was built on it."""

from __future__ import annotations

import random
from dataclasses import dataclass

import pytest
from sqlalchemy import select

from tests.security.conftest import PASSWORD, log_in
from tourney.extensions import db
from tourney.models import AuditEvent, DebateResult, Round, RoundStatus, Tournament, User
from tourney.services import ballots, demo, draws, results, simulate
from tourney.services.errors import ServiceError
from tourney.services.formats import format_for


@dataclass
class Played:
    slug: str
    round_id: int
    result_id: int
    debate_id: int


@pytest.fixture
def played(app) -> Played:
    """GBAO's round 1 played, closed and its results released."""
    demo.load(password=PASSWORD)
    tournament = db.session.scalar(select(Tournament).where(Tournament.slug == "gbao"))
    director = _user("director")
    first = _round(tournament.id, 1)
    simulate.play_round(first, director, random.Random(1))
    result = db.session.scalar(
        select(DebateResult)
        .join(DebateResult.debate)
        .where(DebateResult.status == "confirmed")
        .order_by(DebateResult.id)
    )
    return Played(tournament.slug, first.id, result.id, result.debate_id)


def _user(username: str) -> User:
    return db.session.scalar(select(User).where(User.username == username))


def _round(tournament_id: int, seq: int) -> Round:
    return db.session.scalar(
        select(Round).where(Round.tournament_id == tournament_id, Round.seq == seq)
    )


def _retract(client, played: Played, reason: str = "the chair swapped two scores"):
    return client.post(
        f"/admin/t/{played.slug}/results/confirmed/{played.result_id}/retract?lang=en",
        data={"reason": reason},
        follow_redirects=True,
    )


def _status(played: Played) -> tuple[str, RoundStatus, bool]:
    db.session.expire_all()
    round_ = db.session.get(Round, played.round_id)
    result = db.session.get(DebateResult, played.result_id)
    return result.status, round_.status, round_.results_released_at is not None


def test_a_ballot_clerk_cannot_retract_a_public_result(app, played: Played) -> None:
    client = app.test_client()
    log_in(client, "clerk")
    assert _retract(client, played).status_code == 403
    assert _status(played) == ("confirmed", RoundStatus.CLOSED, True)
    with pytest.raises(ServiceError, match="retract_forbidden"):
        results.retract(played.result_id, _user("clerk"), "no reason needed?")
    page = client.get(f"/admin/t/{played.slug}/results/debates/{played.debate_id}")
    assert "Retract this result" not in page.get_data(as_text=True)


def test_retracting_in_a_closed_round_needs_a_reason(app, played: Played) -> None:
    client = app.test_client()
    log_in(client, "director")
    body = _retract(client, played, reason="   ").get_data(as_text=True)
    assert "Give the reason for retracting" in body
    assert _status(played) == ("confirmed", RoundStatus.CLOSED, True)


def test_retracting_in_a_closed_round_reopens_it_and_unreleases_its_results(
    app, played: Played
) -> None:
    client = app.test_client()
    log_in(client, "director")
    body = _retract(client, played).get_data(as_text=True)
    assert "Round 1 is open again and its results are no longer public" in body
    assert _status(played) == ("retracted", RoundStatus.RELEASED, False)
    reopened = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "round_reopened"))
    assert reopened.details["reason"] == "the chair swapped two scores"
    assert reopened.details["results_unreleased"] is True
    assert reopened.user_id == _user("director").id
    # The debate can be corrected now, and the round closed and released again.
    desk = results.debate_desk(played.debate_id)
    results.confirm(played.debate_id, _user("admin"), desk.counted_ids)
    round_ = db.session.get(Round, played.round_id)
    draws.close_round(round_, _user("director"))
    draws.release_results(round_, _user("director"))
    assert _status(played)[1:] == (RoundStatus.CLOSED, True)


def test_retracting_is_refused_once_the_next_round_was_drawn(app, played: Played) -> None:
    round_ = db.session.get(Round, played.round_id)
    draws.generate_draw(_round(round_.tournament_id, 2), _user("director"))
    client = app.test_client()
    log_in(client, "director")
    body = _retract(client, played).get_data(as_text=True)
    assert "Round 1 cannot be reopened: round 2 was already drawn" in body
    assert _status(played) == ("confirmed", RoundStatus.CLOSED, True)
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action.like("round_re%"))) is None


def test_no_paper_ballot_goes_into_a_closed_round(app, played: Played) -> None:
    debate = results.debate_desk(played.debate_id).debate
    fmt = format_for(debate.round.tournament)
    submission = simulate.random_submission(debate, fmt, random.Random(2))
    chair = debate.adjudicators[0].adjudicator_id
    with pytest.raises(ServiceError, match="paper_round_closed"):
        ballots.enter_paper(_user("clerk"), chair, submission)
    # Once the result is retracted the round is open again and the ballot can be typed in.
    results.retract(played.result_id, _user("director"), "paper ballot found")
    assert ballots.enter_paper(_user("clerk"), chair, submission).created
