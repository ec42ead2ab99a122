"""Data migrations: rows stored in an older shape read correctly after ``upgrade``."""

from __future__ import annotations

from fractions import Fraction

import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from tourney.extensions import db
from tourney.models import Championship, Debate, DebateResult, Round, Tournament, Venue

# What the app stored before revision 0002 (services/results.serialise): no version, decimal
# text rounded to six places where the exact average has no finite decimal form.
VERSION_1 = {
    "ranks": {"aff": 1, "neg": 2},
    "points": {"aff": 1, "neg": 0},
    "votes": {"aff": 2, "neg": 1},
    "voting_ballots": 3,
    "majority_judges": [4, 5],
    "split": True,
    "chair_casting_vote": False,
    "low_point_win": False,
    "team_totals": {"aff": "78.333333", "neg": "75.5"},
    "margins": {"aff": "2.833333", "neg": "-2.833333"},
    "speakers": [{"side": "aff", "position": "1", "speaker_id": 7, "score": "27.333333"}],
}


def _debate() -> int:
    tournament = Tournament(championship=Championship(name="C"), name="Q", slug="q")
    debate = Debate(round=Round(tournament=tournament, seq=1, name="1"), position=1)
    db.session.add(debate)
    db.session.commit()
    return debate.id


def test_0002_upgrades_a_version_1_result_to_the_engine_shape(app) -> None:
    debate_id = _debate()
    db.session.remove()
    downgrade(revision="0001")
    db.session.add(DebateResult(debate_id=debate_id, decision=VERSION_1))
    db.session.commit()
    db.session.remove()
    upgrade()
    stored = db.session.scalar(db.select(DebateResult))
    assert stored.decision["version"] == 2
    assert stored.decision["team_totals"] == {"aff": "235/3", "neg": "151/2"}
    assert stored.decision["margins"] == {"aff": "17/6", "neg": "-17/6"}
    outcome = stored.outcome
    assert outcome.winner == "aff" and outcome.votes == {"aff": 2, "neg": 1} and outcome.split
    assert outcome.speakers[0].score == Fraction(82, 3)
    assert outcome.team_totals["aff"] - outcome.team_totals["neg"] == outcome.margins["aff"]


def test_0011_keys_stored_names_and_sets_older_duplicates_apart(app) -> None:
    tournament = Tournament(championship=Championship(name="C"), name="Q", slug="q")
    db.session.add(tournament)
    db.session.commit()
    tournament_id = tournament.id
    db.session.remove()
    downgrade(revision="0005")
    venue = sa.table(
        "venue",
        sa.column("id"),
        sa.column("tournament_id"),
        sa.column("name"),
        sa.column("building"),
        sa.column("priority"),
        sa.column("accessible"),
    )
    rows = [(1, "Зали Ќадим"), (2, "ЗАЛИ ҚАДИМ"), (3, "Толори 2")]  # 1 and 2: the same name
    with db.engine.begin() as conn:
        conn.execute(
            venue.insert(),
            [
                {"id": i, "tournament_id": tournament_id, "name": name, "building": ""}
                | {"priority": 1, "accessible": True}
                for i, name in rows
            ],
        )
    upgrade()
    keys = dict(db.session.execute(db.select(Venue.id, Venue.name_key)).all())
    assert keys == {1: "зали қадим", 2: "зали қадим\x1f2", 3: "толори 2"}
    assert [v.name for v in db.session.scalars(db.select(Venue).order_by(Venue.id))] == [
        name for _, name in rows
    ]  # as typed
