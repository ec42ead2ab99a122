"""The results desk: panels decided by the engine, confirmation rules, retraction, races."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select

from tests.integration.ballots.builders import release_round, sheet, small_tournament, user
from tourney.extensions import db
from tourney.models import AuditEvent, DebateResult, User
from tourney.services import ballots, results
from tourney.services.errors import ServiceError

AFF_WINS = {"aff": [25, 26, 27], "neg": [24, 25, 26]}  # 78 - 75
NEG_WINS = {"aff": [24, 25, 26], "neg": [26, 26, 27]}  # 75 - 79


@pytest.fixture
def released(app):
    return release_round(small_tournament())


def submit_panel(released, debate, chair, first, second, trainee=None):
    for role, index, scores in (
        ("chair", 0, chair),
        ("panellist", 0, first),
        ("panellist", 1, second),
    ):
        if scores is not None:
            ballots.submit_from_link(released.seat(debate, role, index), sheet(debate, scores))
    if trainee is not None:
        ballots.submit_from_link(released.seat(debate, "trainee"), sheet(debate, trainee))


def test_the_majority_decides_and_the_desk_shows_the_dissent(released) -> None:
    debate = released.debates[0]
    submit_panel(released, debate, NEG_WINS, AFF_WINS, AFF_WINS, trainee=NEG_WINS)
    desk = results.debate_desk(debate.id)
    assert desk.decision.ranks == {"aff": 1, "neg": 2}
    assert desk.decision.votes == {"aff": 2, "neg": 1} and desk.decision.split
    assert desk.status == "disagreement"
    assert [(s.role, s.counts) for s in desk.seats] == [
        ("chair", True),
        ("panellist", True),
        ("panellist", True),
        ("trainee", False),
    ]
    # The trainee voted for neg too, yet only the three voting ballots count.
    assert len(desk.counted) == 3 and desk.decision.voting_ballots == 3


def test_the_desk_lists_debates_still_waiting_for_ballots(released) -> None:
    first, second = released.debates
    submit_panel(released, first, AFF_WINS, None, None)
    desks = {d.debate.id: d for d in results.round_desk(released.round)}
    assert desks[first.id].status == "incomplete"
    assert [s.role for s in desks[first.id].awaited] == ["panellist", "panellist"]
    assert desks[second.id].status == "missing"


def test_confirming_stores_the_engine_decision_in_its_versioned_form(released) -> None:
    debate = released.debates[0]
    director = user("director", "tab_director")
    submit_panel(released, debate, AFF_WINS, AFF_WINS, {"aff": [25, 26, 28], "neg": [24, 25, 26]})
    desk = results.debate_desk(debate.id)
    assert desk.status == "ready"
    result = results.confirm(debate.id, director, desk.counted_ids)
    decision = result.decision
    assert decision["ranks"] == {"aff": 1, "neg": 2}
    assert decision["points"] == {"aff": 1, "neg": 0}
    assert decision["votes"] == {"aff": 3, "neg": 0}
    assert decision["split"] is False and decision["low_point_win"] is False
    assert decision["version"] == 2
    assert decision["team_totals"] == {"aff": "235/3", "neg": "75"}
    assert decision["margins"] == {"aff": "10/3", "neg": "-10/3"}
    speaker = decision["speakers"][2]
    assert speaker["side"] == "aff" and speaker["position"] == "3" and speaker["score"] == "82/3"
    assert result.outcome == desk.decision
    assert result.confirmed_by_id == director.id and not result.auto_confirmed
    assert sorted(result.ballot_ids) == desk.counted_ids
    assert results.debate_desk(debate.id).status == "confirmed"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "result_confirmed"))
    assert event.user_id == director.id and event.details["debate_id"] == debate.id


def test_auto_confirm_waits_for_the_whole_voting_panel(app) -> None:
    released = release_round(small_tournament(settings={"auto_confirm": True}))
    debate = released.debates[0]
    submit_panel(released, debate, AFF_WINS, AFF_WINS, None)
    assert results.debate_desk(debate.id).result is None
    submit_panel(released, debate, None, None, NEG_WINS)  # the last voting judge; no trainee yet
    result = results.debate_desk(debate.id).result
    assert result is not None and result.auto_confirmed and result.confirmed_by_id is None
    assert result.decision["votes"] == {"aff": 2, "neg": 1}
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "result_confirmed"))
    assert event.actor == "system" and event.details["auto"] is True


def test_auto_confirm_is_off_by_default_and_never_takes_paper(released, app) -> None:
    debate = released.debates[0]
    submit_panel(released, debate, AFF_WINS, AFF_WINS, AFF_WINS)
    assert results.debate_desk(debate.id).status == "ready"
    released.tournament.settings = {"auto_confirm": True}
    db.session.commit()
    other = released.debates[1]
    clerk = user("clerk", "ballot_clerk")
    ballots.enter_paper(clerk, released.seat(other, "chair").id, sheet(other, AFF_WINS))
    submit_panel(released, other, None, AFF_WINS, AFF_WINS)
    assert results.debate_desk(other.id).status == "ready"


def test_consensus_mode_decides_on_the_chair_ballot_alone(app) -> None:
    from tourney.scoring import FORMATS

    tournament = small_tournament(debates=1, settings={"auto_confirm": True})
    tournament.format_overrides = (
        FORMATS["karl_popper"].with_options(ballot_mode="consensus").to_dict()
    )
    db.session.commit()
    released = release_round(tournament)
    debate = released.debates[0]
    ballots.submit_from_link(released.seat(debate, "trainee"), sheet(debate, NEG_WINS))
    assert results.debate_desk(debate.id).status == "missing"
    ballots.submit_from_link(released.seat(debate, "chair"), sheet(debate, AFF_WINS))
    desk = results.debate_desk(debate.id)
    assert [s.counts for s in desk.seats] == [True, False, False, False]
    assert desk.status == "confirmed" and desk.result.decision["ranks"]["aff"] == 1


def test_whoever_typed_a_paper_ballot_cannot_confirm_it(released) -> None:
    debate = released.debates[0]
    clerk = user("clerk", "ballot_clerk")
    other_clerk = user("clerk2", "ballot_clerk")
    ballots.enter_paper(clerk, released.seat(debate, "chair").id, sheet(debate, AFF_WINS))
    submit_panel(released, debate, None, AFF_WINS, AFF_WINS)
    desk = results.debate_desk(debate.id)
    with pytest.raises(ServiceError, match="confirm_own_entry"):
        results.confirm(debate.id, clerk, desk.counted_ids)
    assert (
        results.confirm(debate.id, other_clerk, desk.counted_ids).confirmed_by_id == other_clerk.id
    )


def test_confirming_what_you_did_not_see_is_refused(released) -> None:
    debate = released.debates[0]
    director = user("director", "tab_director")
    submit_panel(released, debate, AFF_WINS, AFF_WINS, None)
    seen = results.debate_desk(debate.id).counted_ids
    submit_panel(released, debate, None, None, AFF_WINS)
    with pytest.raises(ServiceError, match="ballots_changed"):
        results.confirm(debate.id, director, seen)
    with pytest.raises(ServiceError, match="no_ballots"):
        results.confirm(released.debates[1].id, director, [])


def test_retracting_and_confirming_a_corrected_result(released) -> None:
    debate = released.debates[0]
    director = user("director", "tab_director")
    submit_panel(released, debate, AFF_WINS, AFF_WINS, AFF_WINS)
    first = results.confirm(debate.id, director, results.debate_desk(debate.id).counted_ids)
    with pytest.raises(ServiceError, match="already_confirmed"):
        results.confirm(debate.id, director, results.debate_desk(debate.id).counted_ids)
    # A judge corrects the ballot after confirmation: the desk shows the change.
    ballots.submit_from_link(released.seat(debate, "chair"), sheet(debate, NEG_WINS))
    assert results.debate_desk(debate.id).status == "changed"
    results.retract(first.id, director, reason="chair corrected the ballot")
    with pytest.raises(ServiceError, match="not_confirmed"):
        results.retract(first.id, director, reason="again")
    desk = results.debate_desk(debate.id)
    assert desk.status == "disagreement" and desk.result is None
    second = results.confirm(debate.id, director, desk.counted_ids)
    assert second.decision["votes"] == {"aff": 2, "neg": 1}
    assert [r.status for r in results.history(debate.id)] == ["confirmed", "retracted"]
    actions = db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.action.like("result_%")).order_by(AuditEvent.id)
    ).all()
    assert actions == ["result_confirmed", "result_retracted", "result_confirmed"]


def test_two_confirmations_at_once_one_wins(app, released, monkeypatch) -> None:
    debate = released.debates[0]
    submit_panel(released, debate, AFF_WINS, AFF_WINS, AFF_WINS)
    users = [user("director", "tab_director").id, user("admin", "admin").id]
    seen = results.debate_desk(debate.id).counted_ids
    both_read = threading.Barrier(2, timeout=10)
    original = results._record

    def record_together(*args, **kwargs):
        both_read.wait()
        return original(*args, **kwargs)

    monkeypatch.setattr(results, "_record", record_together)
    outcomes: list[str] = []

    def confirm(user_id: int) -> None:
        with app.app_context():
            try:
                results.confirm(debate.id, db.session.get(User, user_id), seen)
                outcomes.append("confirmed")
            except ServiceError as error:
                outcomes.append(error.code)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=confirm, args=(u,)) for u in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["already_confirmed", "confirmed"]
    db.session.expire_all()
    assert len(db.session.scalars(select(DebateResult)).all()) == 1
