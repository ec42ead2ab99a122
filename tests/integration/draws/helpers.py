"""Helpers for draw tests: a tournament with N teams, and results written straight to the DB."""

from __future__ import annotations

import random

from sqlalchemy import select

from tests import factory
from tests.decisions import stored_decision
from tourney.extensions import db
from tourney.models import (
    Adjudicator,
    DebateResult,
    Institution,
    Round,
    Tournament,
    User,
    Venue,
)
from tourney.services.demo import ensure_regions


def make_tournament(teams: int, rounds: int = 4, panel_size: int = 1, seed: int = 1) -> Tournament:
    rng = random.Random(seed)
    regions = ensure_regions()
    tournament = factory.tournament(
        f"cup-{teams}-{seed}",
        name=f"Cup {teams}",
        championship=f"Test {teams}",
        settings={"panel_size": panel_size},
    )
    championship = tournament.championship
    codes = sorted(regions)
    institutions = [
        Institution(championship=championship, name=f"Мактаби №{i}", region=regions[codes[i % 4]])
        for i in range(max(2, teams // 3))
    ]
    for index in range(teams):
        factory.team(
            tournament,
            f"Даста {index + 1}",
            f"T{index + 1:03d}",
            [f"Суханвар {index}-{p}" for p in (1, 2, 3)],
            institution=institutions[index % len(institutions)],
        )
    for index in range(teams // 2 * panel_size + 2):
        db.session.add(
            Adjudicator(
                tournament=tournament,
                name=f"Довар {index}",
                rating=rng.randint(2, 9),
                institution=institutions[index % len(institutions)] if index % 2 else None,
            )
        )
    for index in range((teams + 1) // 2):
        db.session.add(Venue(tournament=tournament, name=f"Room {index}", priority=1 + index % 3))
    for seq in range(1, rounds + 1):
        db.session.add(
            Round(
                tournament=tournament,
                seq=seq,
                name=str(seq),
                panel_size=panel_size,
                draw_type="random" if seq == 1 else "power",
            )
        )
    db.session.commit()
    return tournament


def organiser(username: str = "director") -> User:
    user = db.session.scalar(select(User).where(User.username == username))
    if user is None:
        user = User(username=username, role="tab_director")
        user.set_password("x-password")
        db.session.add(user)
        db.session.commit()
    return user


def confirm_all(round_: Round, rng: random.Random) -> None:
    """Write a confirmed result for every debate, the winner drawn at random."""
    for debate in round_.debates:
        aff_wins = rng.random() < 0.5
        winner, loser = ("aff", "neg") if aff_wins else ("neg", "aff")
        speeches = [
            (dt.side, str(speaker.position), speaker.id, 75 if dt.side == winner else 72)
            for dt in debate.teams
            for speaker in dt.team.speakers
        ]
        db.session.add(
            DebateResult(debate_id=debate.id, decision=stored_decision(winner, loser, speeches))
        )
    db.session.commit()
