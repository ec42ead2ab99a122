"""Swing teams: one action fills a BP field to whole rooms; they debate and count for their
opponents, but never rank, appear on the speaker tab or break."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import select

from tests.integration.draws.helpers import organiser
from tests.integration.draws.test_four_team_draw import bp_tournament, seats
from tourney.extensions import db
from tourney.models import BreakingTeam, Team
from tourney.services import breaks, history, simulate, standings, swing
from tourney.services.errors import ServiceError
from tourney.services.tournaments import rounds_of


def test_swing_teams_fill_the_rooms_and_stay_out_of_the_standings_and_the_break(app) -> None:
    tournament = bp_tournament(22, rounds=2)
    tournament.break_size = 8
    db.session.commit()
    assert swing.needed(tournament) == 2
    added = swing.add_swing_teams(tournament, organiser(), ["Нилуфар", " ", "Ali Valiev"])
    assert [t.name for t in added] == ["Swing 1", "Swing 2"]
    assert [[s.name for s in t.speakers] for t in added] == [
        ["Нилуфар", "Ali Valiev"],
        ["Swing 2 · 1", "Swing 2 · 2"],
    ]
    assert all(t.is_swing for t in added) and swing.needed(tournament) == 0
    swing_ids = {t.id for t in added}

    rng = random.Random(3)
    for round_ in rounds_of(tournament, "prelim"):
        simulate.play_round(round_, organiser(), rng)
        seated = [team for room in seats(round_).values() for team in room.values()]
        assert len(seated) == 24 and swing_ids <= set(seated)

    table = standings.team_standings(tournament)
    ranked = [row.team_id for row in table.standings.rows]
    assert len(ranked) == 22 and not swing_ids & set(ranked)
    assert table.standings.rows[0].rank == 1
    # A room's ranks stand: the points of the real teams add up to everything but the swings'.
    everyone = standings.from_history(history.load(tournament), swing=True)
    swing_points = sum(
        r.values["points"] for r in everyone.standings.rows if r.team_id in swing_ids
    )
    assert sum(r.values["points"] for r in table.standings.rows) == 2 * 6 * 6 - swing_points
    tab = standings.speaker_standings(tournament)
    swing_speakers = {s.id for t in added for s in t.speakers}
    assert tab.tab.rows and not swing_speakers & {row.speaker_id for row in tab.tab.rows}

    simulate.settle_ties(tournament, organiser(), rng)
    breaks.generate_break(tournament, organiser())
    broke = set(db.session.scalars(select(BreakingTeam.team_id)))
    assert len(broke) == 8 and not broke & swing_ids


def test_a_whole_field_needs_no_swing_team_and_too_many_names_are_refused(app) -> None:
    whole = bp_tournament(8, rounds=1)
    with pytest.raises(ServiceError) as refused:
        swing.add_swing_teams(whole, organiser(), [])
    assert refused.value.code == "no_swing_needed"
    odd = bp_tournament(7, rounds=1)
    odd.slug = "odd-7"
    db.session.commit()
    with pytest.raises(ServiceError) as too_many:
        swing.add_swing_teams(odd, organiser(), [f"Name {i}" for i in range(4)])
    assert too_many.value.params == {"count": 4, "places": 2}
    assert db.session.scalar(select(Team.id).where(Team.is_swing)) is None
