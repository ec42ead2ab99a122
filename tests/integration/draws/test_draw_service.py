"""The draw use cases on a real database: generate, allocate, edit, release, close."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace

import pytest
from sqlalchemy import select

from tests.integration.draws.helpers import confirm_all, make_tournament, organiser
from tests.query_count import first_lines, statements_sent
from tourney.extensions import db
from tourney.models import AuditEvent, DebateAdjudicator, DebateTeam, Round
from tourney.services import ballots, draws, public, simulate, standings
from tourney.services.errors import Conflict, ServiceError
from tourney.services.formats import format_for


def _round(tournament, seq: int) -> Round:
    return db.session.scalar(
        select(Round).where(Round.tournament_id == tournament.id, Round.seq == seq)
    )


def _play(tournament, seq: int, rng: random.Random, user) -> Round:
    round_ = _round(tournament, seq)
    draws.generate_draw(round_, user)
    draws.allocate_round(round_, user)
    draws.release_draw(round_, user)
    confirm_all(round_, rng)
    draws.close_round(round_, user)
    return round_


def test_four_rounds_power_paired_without_rematches(app) -> None:
    tournament = make_tournament(16)
    user = organiser()
    rng = random.Random(3)
    for seq in range(1, 5):
        _play(tournament, seq, rng, user)
    meetings = Counter()
    for round_ in db.session.scalars(select(Round).where(Round.tournament_id == tournament.id)):
        assert round_.status == "closed"
        assert len(round_.debates) == 8
        for debate in round_.debates:
            pair = frozenset(dt.team_id for dt in debate.teams)
            meetings[pair] += 1
            assert debate.venue_id is not None
            assert len(debate.adjudicators) == 1
    assert max(meetings.values()) == 1
    table = standings.team_standings(tournament)
    assert sum(row.values["wins"] for row in table.standings.rows) == 4 * 8


def test_odd_field_gets_a_bye_and_explanations(app) -> None:
    tournament = make_tournament(9)
    user = organiser()
    round_ = draws.generate_draw(_round(tournament, 1), user)
    assert len(round_.debates) == 4
    assert len(round_.byes) == 1
    for debate in round_.debates:
        assert {"cost", "reasons", "explain"} <= debate.explanation.keys()


def test_regenerate_until_released_then_refuse(app) -> None:
    tournament = make_tournament(8)
    user = organiser()
    round_ = _round(tournament, 1)
    draws.generate_draw(round_, user)
    draws.generate_draw(round_, user, seed=99)
    assert db.session.scalar(select(DebateTeam.id).where(DebateTeam.round_id == round_.id))
    draws.release_draw(round_, user)
    with pytest.raises(ServiceError) as refused:
        draws.release_draw(round_, user)
    assert refused.value.code == "draw_already_released"
    with pytest.raises(ServiceError):
        draws.generate_draw(round_, user)
    actions = [e.action for e in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))]
    assert actions == ["draw_generated", "draw_generated", "draw_released"]


def test_next_round_waits_for_the_previous_one(app) -> None:
    tournament = make_tournament(8)
    user = organiser()
    draws.generate_draw(_round(tournament, 1), user)
    with pytest.raises(ServiceError) as refused:
        draws.generate_draw(_round(tournament, 2), user)
    assert refused.value.code == "previous_round_open"


def test_close_needs_every_result(app) -> None:
    tournament = make_tournament(8)
    user = organiser()
    round_ = _round(tournament, 1)
    draws.generate_draw(round_, user)
    draws.release_draw(round_, user)
    with pytest.raises(ServiceError) as refused:
        draws.close_round(round_, user)
    assert refused.value.params["count"] == 4


def test_manual_edits_show_the_clashes_they_create(app) -> None:
    tournament = make_tournament(8)
    user = organiser()
    rng = random.Random(1)
    _play(tournament, 1, rng, user)
    round_ = _round(tournament, 2)
    draws.generate_draw(round_, user)
    assert not any(
        code == "rematch" for problems in draws.clashes(round_).values() for code, _ in problems
    )
    # Swap a team into a debate against its round-1 opponent.
    first = _round(tournament, 1).debates[0]
    a, b = (dt.team_id for dt in first.teams)
    seat_of_b = db.session.scalar(
        select(DebateTeam).where(DebateTeam.round_id == round_.id, DebateTeam.team_id == b)
    )
    partner = next(dt.team_id for dt in seat_of_b.debate.teams if dt.team_id != b)
    if partner != a:
        draws.swap_teams(round_, a, partner, user, round_.draw_version)
    db.session.expire_all()
    found = draws.clashes(round_)
    assert any(code == "rematch" for problems in found.values() for code, _ in problems)
    with pytest.raises(Conflict):
        draws.swap_sides(round_, round_.debates[0].id, user, round_.draw_version - 1)


def test_moving_a_judge_onto_their_own_institution_is_flagged(app) -> None:
    tournament = make_tournament(8, panel_size=1)
    user = organiser()
    round_ = _round(tournament, 1)
    draws.generate_draw(round_, user)
    draws.allocate_round(round_, user)
    debate = round_.debates[0]
    team = debate.teams[0].team
    judge = next(
        j for j in tournament_judges(tournament) if j.institution_id == team.institution_id
    )
    draws.move_adjudicator(round_, judge.id, debate.id, "chair", user, round_.draw_version)
    db.session.expire_all()
    problems = draws.clashes(round_)[debate.id]
    assert any("institution" in code or "conflict" in code for code, _ in problems), problems
    chairs = db.session.scalars(
        select(DebateAdjudicator).where(
            DebateAdjudicator.debate_id == debate.id, DebateAdjudicator.role == "chair"
        )
    ).all()
    assert [c.adjudicator_id for c in chairs] == [judge.id]


def tournament_judges(tournament):
    from tourney.models import Adjudicator

    return db.session.scalars(
        select(Adjudicator).where(Adjudicator.tournament_id == tournament.id)
    ).all()


@pytest.mark.parametrize("teams", [16, 128])
def test_generating_a_draw_takes_a_constant_number_of_queries(app, teams: int) -> None:
    tournament = make_tournament(teams)
    user = organiser()
    rng = random.Random(5)
    _play(tournament, 1, rng, user)
    round_ = _round(tournament, 2)
    db.session.expire_all()
    with statements_sent() as statements:
        draws.generate_draw(round_, user)
    assert len(statements) <= 30, first_lines(statements)


def test_a_released_draw_can_still_be_edited_until_a_ballot_names_the_debate(app) -> None:
    tournament = make_tournament(8)
    user = organiser()
    round_ = _round(tournament, 1)
    draws.generate_draw(round_, user)
    draws.allocate_round(round_, user)
    draws.release_draw(round_, user)
    first, second = sorted(round_.debates, key=lambda d: d.position)[:2]
    before = public.stamp(tournament.slug).key
    # A late team: swap it with another before any ballot; the public pages notice the edit.
    a, b = first.teams[0].team_id, second.teams[0].team_id
    draws.swap_teams(round_, a, b, user, round_.draw_version)
    assert public.stamp(tournament.slug).key != before
    assert {dt.team_id for dt in second.teams} >= {a}
    # The chair of the first debate sends a ballot: its teams and panel are now fixed.
    chair = next(s for s in first.adjudicators if s.role == "chair")
    submission = simulate.random_submission(first, format_for(tournament), random.Random(1))
    ballots.submit_from_link(chair.adjudicator, replace(submission, key="k" * 32))
    db.session.refresh(round_)
    for edit in (
        lambda: draws.swap_teams(round_, a, first.teams[1].team_id, user, round_.draw_version),
        lambda: draws.swap_sides(round_, first.id, user, round_.draw_version),
        lambda: draws.move_adjudicator(
            round_, chair.adjudicator_id, second.id, "panellist", user, round_.draw_version
        ),
    ):
        with pytest.raises(ServiceError) as refused:
            edit()
        assert refused.value.code == "debate_has_ballots"
    # A locked room is still no problem: the debate swaps rooms, the ballot stays.
    rooms = (first.venue_id, second.venue_id)
    draws.set_venue(round_, first.id, rooms[1], user, round_.draw_version)
    assert (first.venue_id, second.venue_id) == rooms[::-1]
    edits = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "draw_edited")).all()
    assert [e.details["after_release"] for e in edits] == [True, True]
