"""Confirm every ready result of a round at once; the rest are listed with the reason."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.integration.ballots.builders import release_round, sheet, small_tournament, user
from tourney.extensions import db
from tourney.models import AuditEvent, DebateResult
from tourney.services import ballots, results
from tourney.services.confirm_round import confirm_ready
from tourney.services.errors import ServiceError

AFF_WINS = {"aff": [25, 26, 27], "neg": [24, 25, 26]}
NEG_WINS = {"aff": [24, 25, 26], "neg": [26, 26, 27]}
PANEL = ("chair", "panellist", "panellist")


def _judges(released, debate, votes) -> None:
    for (role, index), scores in zip(
        (("chair", 0), ("panellist", 0), ("panellist", 1)), votes, strict=False
    ):
        ballots.submit_from_link(released.seat(debate, role, index), sheet(debate, scores))


def test_every_ready_result_is_confirmed_and_the_rest_are_listed(app) -> None:
    released = release_round(small_tournament(debates=7, panel=PANEL), panel=PANEL)
    director = user("director", "tab_director")
    clerk = user("clerk", "ballot_clerk")
    ready, late, waiting, empty, split, typed, done = released.debates
    _judges(released, ready, [AFF_WINS] * 3)
    _judges(released, late, [NEG_WINS] * 3)
    _judges(released, waiting, [AFF_WINS] * 2)
    _judges(released, split, [AFF_WINS, AFF_WINS, NEG_WINS])
    for role, index in (("chair", 0), ("panellist", 0), ("panellist", 1)):
        judge = released.seat(typed, role, index)
        ballots.enter_paper(director, judge.id, sheet(typed, AFF_WINS))
    _judges(released, done, [AFF_WINS] * 3)
    results.confirm(done.id, clerk, results.debate_desk(done.id).counted_ids)
    # The page was shown before the late debate's ballots arrived.
    shown = [b for d in (ready, typed) for b in results.debate_desk(d.id).counted_ids]

    report = confirm_ready(released.round, director, shown)

    assert [d.id for d in report.confirmed] == [ready.id]
    assert [(left.debate.id, left.reason) for left in report.left_out] == [
        (late.id, "ballots_changed"),
        (waiting.id, "ballots_awaited"),
        (empty.id, "no_ballots"),
        (split.id, "judges_disagree"),
        (typed.id, "confirm_own_entry"),
    ]
    assert report.left_out[1].params == {"count": 1}
    confirmed = db.session.scalars(select(DebateResult.debate_id)).all()
    assert sorted(confirmed) == sorted([ready.id, done.id])
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "result_confirmed")
    ).all()
    assert len(events) == 2
    # Another person may confirm the typed-in one the same way.
    again = confirm_ready(
        released.round, clerk, [b.id for b in results.debate_desk(typed.id).counted]
    )
    assert [d.id for d in again.confirmed] == [typed.id]


def test_a_round_whose_draw_is_not_released_is_refused(app) -> None:
    tournament = small_tournament()
    released = release_round(tournament)
    released.round.status = "drawn"
    db.session.commit()
    with pytest.raises(ServiceError) as refused:
        confirm_ready(released.round, user("director", "tab_director"), [])
    assert refused.value.code == "round_not_released"
