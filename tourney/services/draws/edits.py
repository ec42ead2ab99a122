"""The organiser's edits to a draw: swap teams or sides, move a judge, change a room.

A draft draw can be edited freely; a released one too (a late team, a locked room) until a judge
has sent a ballot for the debates the edit touches.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete, func, select, update

from tourney.extensions import db
from tourney.models import (
    Adjudicator,
    Ballot,
    Bye,
    Debate,
    DebateAdjudicator,
    DebateTeam,
    Round,
    RoundAbsence,
    Team,
    User,
    Venue,
)
from tourney.models.draw import DRAW_EDITABLE, RoundStatus
from tourney.pairing.sides import balanced_sides
from tourney.services import audit
from tourney.services import history as history_service
from tourney.services.draws.claims import claim, commit
from tourney.services.draws.engine_input import team_records
from tourney.services.draws.review import (
    pairing_explanation,
    pairing_field,
    refresh_explanations,
)
from tourney.services.errors import Conflict, ServiceError
from tourney.services.formats import is_two_team


def editable(round_: Round, version: int) -> None:
    """A draft draw can be edited freely; a released one too (a late team, a locked room).
    ``version`` is the draw the organiser's screen showed: another edit since is a Conflict."""
    if not round_.draw_editable:
        raise ServiceError("draw_not_editable", round=round_.seq)
    if round_.draw_version != version:
        raise Conflict(round=round_.seq)


def claim_edit(
    round_: Round,
    debates: Iterable[int | None],
    *,
    statuses: Iterable[RoundStatus] = DRAW_EDITABLE,
    new_status: RoundStatus | None = None,
    refusal: str = "debate_has_ballots",
) -> None:
    """Claim the round for an edit of these debates' teams or panel. Once released, only while
    no judge has sent a ballot for them (the ballot names them); else ``refusal``. A ballot being
    stored holds its debate (ballots._same_draw): locking the debates waits for it, and the
    check then sees it."""
    claim(round_, statuses=statuses, new_status=new_status)
    wanted = sorted({d for d in debates if d is not None})
    if not round_.is_released or not wanted:
        return
    db.session.execute(select(Debate.id).where(Debate.id.in_(wanted)).with_for_update())
    if db.session.scalar(select(Ballot.id).where(Ballot.debate_id.in_(wanted)).limit(1)):
        db.session.rollback()
        raise ServiceError(refusal, round=round_.seq)


def swap_teams(round_: Round, team_a: int, team_b: int, user: User, version: int) -> None:
    """Exchange two teams' places in the draw (any debates, any sides, or the bye)."""
    editable(round_, version)
    seats = {
        seat.team_id: seat
        for seat in db.session.scalars(
            select(DebateTeam).where(
                DebateTeam.round_id == round_.id, DebateTeam.team_id.in_((team_a, team_b))
            )
        )
    }
    byes = {
        bye.team_id: bye
        for bye in db.session.scalars(
            select(Bye).where(Bye.round_id == round_.id, Bye.team_id.in_((team_a, team_b)))
        )
    }
    if set(seats) | set(byes) != {team_a, team_b} or team_a == team_b or not seats:
        raise ServiceError("team_not_in_draw")
    claim_edit(round_, [seat.debate_id for seat in seats.values()])
    if byes:  # the bye team takes the seat, the seated team the bye
        (seated, seat), (resting, bye) = next(iter(seats.items())), next(iter(byes.items()))
        debate_id, side = seat.debate_id, seat.side
        db.session.execute(delete(DebateTeam).where(DebateTeam.id == seat.id))
        db.session.execute(delete(Bye).where(Bye.id == bye.id))
        db.session.add(
            DebateTeam(round_id=round_.id, debate_id=debate_id, side=side, team_id=resting)
        )
        db.session.add(Bye(round_id=round_.id, team_id=seated))
        refresh_explanations(round_, [debate_id], user)
        commit_edit(round_, user, "swap_teams", teams=[team_a, team_b], bye=seated)
        return
    first, second = seats[team_a], seats[team_b]
    # Park one seat on a placeholder side first: (debate, side) and (round, team) stay unique.
    first_debate, first_side = first.debate_id, first.side
    db.session.execute(delete(DebateTeam).where(DebateTeam.id.in_((first.id, second.id))))
    db.session.add_all(
        [
            DebateTeam(
                round_id=round_.id, debate_id=second.debate_id, side=second.side, team_id=team_a
            ),
            DebateTeam(round_id=round_.id, debate_id=first_debate, side=first_side, team_id=team_b),
        ]
    )
    refresh_explanations(round_, [first_debate, second.debate_id], user)
    commit_edit(round_, user, "swap_teams", teams=[team_a, team_b])


def add_late_team(round_: Round, team_id: int, user: User, version: int) -> str:
    """Put a team that is not on the draw into it (it came late): against the bye team if there
    is one (the engine's side rule decides the sides), else it takes the bye and waits for the
    next late team. Returns ``"debate"`` or ``"bye"``."""
    editable(round_, version)
    if round_.kind != "prelim":
        raise ServiceError("late_team_elimination")
    if not is_two_team(round_.tournament):
        raise ServiceError("late_team_four_teams")
    team = db.session.get(Team, team_id)
    if team is None or team.tournament_id != round_.tournament_id:
        raise ServiceError("team_unknown")
    seated = db.session.scalar(
        select(DebateTeam.id).where(DebateTeam.round_id == round_.id, DebateTeam.team_id == team_id)
    )
    resting = db.session.scalar(
        select(Bye.id).where(Bye.round_id == round_.id, Bye.team_id == team_id)
    )
    if seated is not None or resting is not None:
        raise ServiceError("team_already_in_draw", team=team.name)
    waiting = db.session.scalar(
        select(Bye).where(Bye.round_id == round_.id).order_by(Bye.id).limit(1)
    )
    opponent = waiting.team_id if waiting is not None else None
    if opponent is not None:
        history = history_service.load(round_.tournament, before_seq=round_.seq)
        records = team_records(history, set())
        field = pairing_field(round_, records)
        aff, neg = balanced_sides(field, str(team_id), str(opponent))
        explanation = pairing_explanation(field, aff, neg)
        explanation["reasons"].insert(0, ["late_team", {"team": str(team_id)}])
    claim(round_, statuses=DRAW_EDITABLE)  # new seats: no ballot can name them yet
    db.session.execute(
        delete(RoundAbsence).where(
            RoundAbsence.round_id == round_.id, RoundAbsence.team_id == team_id
        )
    )
    if opponent is None:
        db.session.add(Bye(round_id=round_.id, team_id=team_id))
        commit_edit(round_, user, "add_late_team", team=team_id, bye=True)
        return "bye"
    db.session.execute(delete(Bye).where(Bye.id == waiting.id))
    last = db.session.scalar(select(func.max(Debate.position)).where(Debate.round_id == round_.id))
    debate = Debate(
        round_id=round_.id,
        position=(last or 0) + 1,
        bracket=explanation.pop("bracket"),
        importance=0,
        explanation=explanation,
    )
    db.session.add(debate)
    db.session.flush()
    db.session.add_all(
        [
            DebateTeam(round_id=round_.id, debate_id=debate.id, side="aff", team_id=int(aff)),
            DebateTeam(round_id=round_.id, debate_id=debate.id, side="neg", team_id=int(neg)),
        ]
    )
    commit_edit(round_, user, "add_late_team", team=team_id, opponent=opponent)
    db.session.expire_all()
    return "debate"


def swap_sides(round_: Round, debate_id: int, user: User, version: int) -> None:
    editable(round_, version)
    seats = db.session.scalars(
        select(DebateTeam).where(
            DebateTeam.debate_id == debate_id, DebateTeam.round_id == round_.id
        )
    ).all()
    if len(seats) > 2:
        raise ServiceError("swap_sides_four_teams")
    if len(seats) != 2:
        raise ServiceError("debate_not_in_round")
    claim_edit(round_, [debate_id])
    swapped = [
        DebateTeam(
            round_id=round_.id,
            debate_id=s.debate_id,
            team_id=s.team_id,
            side="neg" if s.side == "aff" else "aff",
        )
        for s in seats
    ]
    db.session.execute(delete(DebateTeam).where(DebateTeam.debate_id == debate_id))
    db.session.add_all(swapped)
    refresh_explanations(round_, [debate_id], user)
    commit_edit(round_, user, "swap_sides", debate=debate_id)


def move_adjudicator(
    round_: Round, adjudicator_id: int, debate_id: int | None, role: str, user: User, version: int
) -> None:
    """Seat a judge in a debate with a role, or take them off the draw (``debate_id`` None)."""
    editable(round_, version)
    if role not in ("chair", "panellist", "trainee"):
        raise ServiceError("bad_role")
    if (
        debate_id is not None
        and db.session.scalar(
            select(Debate.id).where(Debate.id == debate_id, Debate.round_id == round_.id)
        )
        is None
    ):
        raise ServiceError("debate_not_in_round")
    judge = db.session.get(Adjudicator, adjudicator_id)
    if judge is None or judge.tournament_id != round_.tournament_id:
        raise ServiceError("adjudicator_unknown")
    current = db.session.scalar(
        select(DebateAdjudicator.debate_id).where(
            DebateAdjudicator.round_id == round_.id,
            DebateAdjudicator.adjudicator_id == adjudicator_id,
        )
    )
    claim_edit(round_, [current, debate_id])
    db.session.execute(
        delete(DebateAdjudicator).where(
            DebateAdjudicator.round_id == round_.id,
            DebateAdjudicator.adjudicator_id == adjudicator_id,
        )
    )
    if debate_id is not None:
        if role == "chair":  # the old chair becomes a panellist
            db.session.execute(
                update(DebateAdjudicator)
                .where(DebateAdjudicator.debate_id == debate_id, DebateAdjudicator.role == "chair")
                .values(role="panellist")
            )
        db.session.add(
            DebateAdjudicator(
                round_id=round_.id, debate_id=debate_id, adjudicator_id=adjudicator_id, role=role
            )
        )
    commit_edit(
        round_, user, "move_adjudicator", adjudicator=adjudicator_id, debate=debate_id, role=role
    )


def set_venue(
    round_: Round, debate_id: int, venue_id: int | None, user: User, version: int
) -> int | None:
    """Put a debate in a room (``venue_id`` None: in no room); a debate already there swaps
    into this debate's old room. Returns the id of that displaced debate, if any."""
    editable(round_, version)
    debates = {d.id: d for d in round_.debates}
    if debate_id not in debates:
        raise ServiceError("debate_not_in_round")
    if venue_id is None:
        claim(round_, statuses=DRAW_EDITABLE)
        db.session.execute(update(Debate).where(Debate.id == debate_id).values(venue_id=None))
        commit_edit(round_, user, "set_venue", debate=debate_id, venue=None)
        db.session.expire_all()
        return None
    venue = db.session.get(Venue, venue_id)
    if venue is None or venue.tournament_id != round_.tournament_id:
        raise ServiceError("venue_unknown")
    claim(round_, statuses=DRAW_EDITABLE)  # a room change never touches a ballot
    moved = debates[debate_id]
    holder = next((d for d in debates.values() if d.venue_id == venue_id), None)
    old_venue = moved.venue_id
    db.session.execute(update(Debate).where(Debate.id == moved.id).values(venue_id=None))
    if holder is not None and holder.id != moved.id:
        db.session.execute(update(Debate).where(Debate.id == holder.id).values(venue_id=old_venue))
    db.session.execute(update(Debate).where(Debate.id == moved.id).values(venue_id=venue_id))
    commit_edit(round_, user, "set_venue", debate=debate_id, venue=venue_id)
    db.session.expire_all()
    return holder.id if holder is not None and holder.id != moved.id else None


def commit_edit(round_: Round, user: User, edit: str, **details: Any) -> None:
    """Write the edit to the audit log and commit it."""
    audit.record(
        round_.tournament_id,
        "draw_edited",
        user=user,
        round=round_.seq,
        after_release=round_.is_released,
        edit=edit,
        **details,
    )
    commit(round_)
