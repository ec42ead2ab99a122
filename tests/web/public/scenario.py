"""A small tournament at a known point: what is released, what is not, and secrets that must
never reach a public page or the API."""

from __future__ import annotations

import random
from dataclasses import dataclass

from sqlalchemy import select

from tests.integration.draws.helpers import confirm_all, make_tournament, organiser
from tourney.extensions import db
from tourney.models import Motion, Round, Team, Tournament, User
from tourney.services import breaks, draws

SECRET_MOTION = "This House keeps this motion secret"


@dataclass
class Scenario:
    tournament: Tournament
    user: User
    rng: random.Random

    @property
    def slug(self) -> str:
        return self.tournament.slug

    def round(self, seq: int) -> Round:
        return db.session.scalar(
            select(Round).where(Round.tournament_id == self.tournament.id, Round.seq == seq)
        )

    def team(self, code: str) -> Team:
        return db.session.scalar(
            select(Team).where(Team.tournament_id == self.tournament.id, Team.code == code)
        )

    def set(self, **options: object) -> None:
        self.tournament.settings = {**(self.tournament.settings or {}), **options}
        db.session.commit()

    def release(self, seq: int) -> Round:
        round_ = self.round(seq)
        draws.generate_draw(round_, self.user)
        draws.allocate_round(round_, self.user)
        draws.release_draw(round_, self.user)
        return round_

    def finish(self, seq: int, *, publish: bool = True) -> None:
        """Results for every debate of a released round, closed, and published if asked."""
        round_ = self.round(seq)
        confirm_all(round_, self.rng)
        draws.close_round(round_, self.user)
        if publish:
            draws.release_results(round_, self.user)

    def play(self, seq: int, *, publish: bool = True) -> None:
        self.release(seq)
        self.finish(seq, publish=publish)

    def break_teams(self) -> None:
        """Settle ties with a recorded coin toss, then the break with its elimination rounds."""
        teams = db.session.scalars(
            select(Team.id).where(Team.tournament_id == self.tournament.id)
        ).all()
        breaks.record_coin_toss(
            self.tournament, {t: 1000 - i for i, t in enumerate(teams)}, self.user
        )
        breaks.generate_break(self.tournament, self.user)


def scenario(teams: int = 8, prelims: int = 3) -> Scenario:
    """``prelims`` rounds, each with a motion; nothing released yet."""
    tournament = make_tournament(teams, rounds=prelims)
    for seq in range(1, prelims + 1):
        round_ = db.session.scalar(
            select(Round).where(Round.tournament_id == tournament.id, Round.seq == seq)
        )
        round_.motions.append(Motion(text=f"This House supports motion {seq}"))
    db.session.commit()
    return Scenario(tournament, organiser(), random.Random(5))


def midway() -> Scenario:
    """Round 1 played and published; round 2 closed with unpublished results; round 3 drawn
    (not released) with a secret motion."""
    found = scenario()
    found.play(1)
    found.play(2, publish=False)
    third = found.round(3)
    third.motions[0].text = SECRET_MOTION
    db.session.commit()
    draws.generate_draw(third, found.user)
    draws.allocate_round(third, found.user)
    return found
