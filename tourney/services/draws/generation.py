"""Generating a round's draw: the pairing engine over the whole field, saved in bulk."""

from __future__ import annotations

from sqlalchemy import delete, insert, select, update

from tourney.extensions import db
from tourney.models import Bye, Debate, DebateTeam, Round, User
from tourney.models.draw import BEFORE_RELEASE, RoundStatus
from tourney.pairing.engine import pair_round
from tourney.pairing.records import PairingRequest
from tourney.services import audit
from tourney.services import history as history_service
from tourney.services.draws.claims import absences, claim, commit, previous_round
from tourney.services.draws.engine_input import elimination_field, pairing_options, team_records
from tourney.services.draws.review import stored_explanation
from tourney.services.errors import ServiceError
from tourney.services.formats import is_two_team

# The largest field a draw is made for (as `tourney simulate --teams`): the whole-field matching
# grows faster than the field, and a request must finish inside the worker timeout.
MAX_DRAW_TEAMS = 2000


def generate_draw(round_: Round, user: User, seed: int | None = None) -> Round:
    """Pair the round with the engine and save it; allowed again until the draw is released."""
    if not round_.before_release:
        raise ServiceError("draw_already_released", round=round_.seq)
    tournament = round_.tournament
    per_debate = 2 if is_two_team(tournament) else 4
    previous = previous_round(round_)
    if previous is not None and not previous.is_closed:
        raise ServiceError("previous_round_open", round=previous.seq)
    history = history_service.load(tournament, before_seq=round_.seq)
    absent_teams, _, _ = absences(round_)
    if round_.kind == "elimination":
        teams = elimination_field(round_, history)
    else:
        teams = team_records(history, absent_teams)
    if len(teams) < 2:
        raise ServiceError("too_few_teams", count=len(teams))
    if len(teams) > MAX_DRAW_TEAMS:
        raise ServiceError("too_many_teams", count=len(teams), max=MAX_DRAW_TEAMS)
    if per_debate == 4 and len(teams) % 4 and round_.kind != "elimination":
        raise ServiceError("four_team_field", count=len(teams))
    draw_seed = seed if seed is not None else round_.tournament_id * 1000 + round_.seq
    request = PairingRequest(
        kind=round_.draw_type,
        seed=draw_seed,
        teams=tuple(teams),
        options=pairing_options(round_),
        teams_per_debate=per_debate,
    )
    draw = pair_round(request)

    claim(round_, statuses=BEFORE_RELEASE, new_status=RoundStatus.DRAWN)
    db.session.execute(delete(Debate).where(Debate.round_id == round_.id))
    db.session.execute(delete(Bye).where(Bye.round_id == round_.id))
    _save_draw(round_, draw)
    audit.record(
        tournament.id,
        "draw_generated",
        user=user,
        round=round_.seq,
        debates=len(draw.debates),
        byes=len(draw.byes),
    )
    commit(round_)
    db.session.refresh(round_)
    return round_


def _save_draw(round_: Round, draw) -> None:
    """Insert the debates, their seats and the byes: a fixed number of bulk statements."""
    rows = [
        {
            "round_id": round_.id,
            "position": position,
            "bracket": paired.bracket,
            "importance": 0,
            "explanation": stored_explanation(paired),
        }
        for position, paired in enumerate(draw.debates, start=1)
    ]
    if rows:  # one executemany, then one read of the new ids (RETURNING would go row by row)
        db.session.execute(insert(Debate), rows)
    ids = dict(
        db.session.execute(
            select(Debate.position, Debate.id).where(Debate.round_id == round_.id)
        ).all()
    )
    seats = [
        {"debate_id": ids[position], "round_id": round_.id, "team_id": int(team), "side": side}
        for position, paired in enumerate(draw.debates, start=1)
        for side, team in paired.seats()
    ]
    if seats:
        db.session.execute(insert(DebateTeam), seats)
    if draw.byes:
        db.session.execute(
            insert(Bye), [{"round_id": round_.id, "team_id": int(team)} for team in draw.byes]
        )
    db.session.execute(update(Round).where(Round.id == round_.id).values(allocated_at=None))
