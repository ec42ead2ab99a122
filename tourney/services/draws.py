"""The round's draw: generate (pairing engine), allocate (allocation engine), edit, release, close.

Each function is one use case and one transaction. Every change of a round's draw claims the
round first with a conditional UPDATE on ``draw_version`` (or ``status``), so of two tab-room
screens acting at once exactly one wins and the other gets a ``Conflict``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import selectinload

from tourney.extensions import db
from tourney.models import (
    Adjudicator,
    Ballot,
    BreakingTeam,
    Bye,
    Debate,
    DebateAdjudicator,
    DebateResult,
    DebateTeam,
    Round,
    RoundAbsence,
    User,
    Venue,
)
from tourney.models._base import utcnow
from tourney.pairing import allocation_model as alloc
from tourney.pairing.allocate import allocate
from tourney.pairing.allocation_rules import check_panel
from tourney.pairing.costs import evaluate_pairing
from tourney.pairing.engine import pair_round
from tourney.pairing.explain import explain
from tourney.pairing.four_team import room_clashes
from tourney.pairing.records import (
    BP_POSITIONS,
    PairingOptions,
    PairingRequest,
    TeamRecord,
)
from tourney.services import audit, settings
from tourney.services import history as history_service
from tourney.services import standings as standings_service
from tourney.services.errors import Conflict, ServiceError
from tourney.services.formats import is_two_team
from tourney.services.history import History

# --------------------------------------------------------------------------- reading the round


def absences(round_: Round) -> tuple[set[int], set[int], set[int]]:
    """Absent (team ids, adjudicator ids, venue ids) for the round."""
    teams, judges, venues = set(), set(), set()
    for absence in db.session.scalars(
        select(RoundAbsence).where(RoundAbsence.round_id == round_.id)
    ):
        if absence.team_id:
            teams.add(absence.team_id)
        if absence.adjudicator_id:
            judges.add(absence.adjudicator_id)
        if absence.venue_id:
            venues.add(absence.venue_id)
    return teams, judges, venues


def _previous_round(round_: Round) -> Round | None:
    return db.session.scalar(
        select(Round).where(
            Round.tournament_id == round_.tournament_id, Round.seq == round_.seq - 1
        )
    )


def _claim(round_: Round, *, statuses: tuple[str, ...], new_status: str | None = None) -> None:
    """Bump the draw version if nobody else did since we read the round; else ``Conflict``."""
    values: dict[str, Any] = {"draw_version": Round.draw_version + 1}
    if new_status:
        values["status"] = new_status
    try:
        claimed = db.session.execute(
            update(Round)
            .where(
                Round.id == round_.id,
                Round.draw_version == round_.draw_version,
                Round.status.in_(statuses),
            )
            .values(**values)
            .execution_options(synchronize_session=False)
        ).rowcount
    except OperationalError as error:  # SQLite: another writer got there first
        db.session.rollback()
        raise Conflict(round=round_.seq) from error
    if claimed != 1:
        db.session.rollback()
        raise Conflict(round=round_.seq)


def _commit(round_: Round) -> None:
    try:
        db.session.commit()
    except (IntegrityError, OperationalError) as error:
        db.session.rollback()
        raise Conflict(round=round_.seq) from error


# --------------------------------------------------------------------------- pairing


def _team_records(history: History, absent: set[int]) -> list[TeamRecord]:
    ranked = standings_service.from_history(history)
    rank = {row.team_id: index for index, row in enumerate(ranked.standings.rows, start=1)}
    points = {row.team_id: int(row.values["points"]) for row in ranked.standings.rows}
    opponents: dict[int, list[str]] = {t: [] for t in history.teams}
    sides: dict[int, list[str]] = {t: [] for t in history.teams}
    for debate_sides in history.debate_sides().values():
        for side, team_id in debate_sides.items():
            sides[team_id].append(side)
            opponents[team_id].extend(str(o) for s, o in debate_sides.items() if s != side)
    byes: dict[int, int] = {}
    for _seq, kind, team_id in history.byes:
        if kind == "prelim":
            byes[team_id] = byes.get(team_id, 0) + 1
    pullups = history.pullups()
    return [
        TeamRecord(
            id=str(team.id),
            institution=str(team.institution_id or ""),
            region=team.region.code if team.region else "",
            points=points.get(team.id, 0),
            rank=rank[team.id],
            opponents=tuple(opponents[team.id]),
            sides=tuple(sides[team.id]),
            byes=byes.get(team.id, 0),
            pullups=pullups.get(team.id, 0),
        )
        for team in history.teams.values()
        if team.id not in absent
    ]


def _pairing_options(round_: Round) -> PairingOptions:
    tournament = round_.tournament
    return PairingOptions(
        pairing=settings.get(tournament, "pairing"),
        avoid_same_institution=settings.get(tournament, "avoid_same_institution"),
        avoid_same_region=settings.get(tournament, "avoid_same_region"),
        elimination_sides=settings.get(tournament, "elimination_sides"),
    )


def _elimination_field(round_: Round, history: History) -> list[TeamRecord]:
    """The break (first elimination round) or the previous round's winners, with their seeds."""
    breaking = db.session.scalars(
        select(BreakingTeam).where(BreakingTeam.break_category_id == round_.break_category_id)
    ).all()
    if not breaking:
        raise ServiceError("no_break")
    seed = {b.team_id: b.seed for b in breaking}
    previous = _previous_round(round_)
    if previous is None or previous.kind != "elimination":
        survivors = dict(seed)
    else:
        survivors = _winners(previous, history, seed)
    records = {r.id: r for r in _team_records(history, set())}
    field = {str(team_id) for team_id in survivors}
    return [
        _within(records[str(team_id)], field, survivor_seed)
        for team_id, survivor_seed in survivors.items()
    ]


def _within(record: TeamRecord, field: set[str], seed: int) -> TeamRecord:
    """A team's record in an elimination field: its seed as rank, meetings with that field only."""
    meetings = [(o, s) for o, s in zip(record.opponents, record.sides, strict=True) if o in field]
    return replace(
        record,
        rank=seed,
        points=0,
        opponents=tuple(o for o, _ in meetings),
        sides=tuple(s for _, s in meetings),
    )


def _winners(previous: Round, history: History, seed: dict[int, int]) -> dict[int, int]:
    """Teams through from the previous elimination round, each with its debate's better seed."""
    survivors: dict[int, int] = {}
    sides = history.debate_sides()
    for debate in previous.debates:
        decision = history.decisions.get(debate.id)
        if decision is None:
            raise ServiceError("previous_round_unfinished", round=previous.seq)
        winner_side = next(side for side, rank in decision["ranks"].items() if int(rank) == 1)
        teams = sides[debate.id]
        survivors[teams[winner_side]] = min(seed[t] for t in teams.values())
    for bye in previous.byes:
        survivors[bye.team_id] = seed[bye.team_id]
    return survivors


def generate_draw(round_: Round, user: User, seed: int | None = None) -> Round:
    """Pair the round with the engine and save it; allowed again until the draw is released."""
    if round_.status not in ("setup", "drawn"):
        raise ServiceError("draw_already_released", round=round_.seq)
    tournament = round_.tournament
    per_debate = 2 if is_two_team(tournament) else 4
    if per_debate == 4 and round_.kind == "elimination":
        raise ServiceError("four_team_elimination_unavailable")
    previous = _previous_round(round_)
    if previous is not None and previous.status != "closed":
        raise ServiceError("previous_round_open", round=previous.seq)
    history = history_service.load(tournament, before_seq=round_.seq)
    absent_teams, _, _ = absences(round_)
    if round_.kind == "elimination":
        teams = _elimination_field(round_, history)
    else:
        teams = _team_records(history, absent_teams)
    if len(teams) < 2:
        raise ServiceError("too_few_teams", count=len(teams))
    if per_debate == 4 and len(teams) % 4:
        raise ServiceError("four_team_field", count=len(teams))
    draw_seed = seed if seed is not None else round_.tournament_id * 1000 + round_.seq
    request = PairingRequest(
        kind=round_.draw_type,
        seed=draw_seed,
        teams=tuple(teams),
        options=_pairing_options(round_),
        teams_per_debate=per_debate,
    )
    draw = pair_round(request)

    _claim(round_, statuses=("setup", "drawn"), new_status="drawn")
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
    _commit(round_)
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
            "explanation": _explanation(
                paired.cost.as_dict(), paired.reasons, paired.pullups, explain(paired)
            ),
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


def _explanation(
    cost: dict[str, int], reasons, pullups: tuple[str, ...], text: str
) -> dict[str, Any]:
    return {
        "cost": cost,
        "reasons": [[code, dict(params)] for code, params in reasons],
        "pullup_teams": [int(team) for team in pullups],
        "explain": text,
    }


# --------------------------------------------------------------------------- allocation


@dataclass(frozen=True)
class RoundContext:
    """The round's draw and everyone who could be placed, as allocation-engine records."""

    request: alloc.AllocationRequest
    debates: dict[str, Debate]


def _round_context(round_: Round) -> RoundContext:
    tournament = round_.tournament
    history = history_service.load(tournament, before_seq=round_.seq)
    _, absent_judges, absent_venues = absences(round_)
    debates = list(
        db.session.scalars(
            select(Debate)
            .where(Debate.round_id == round_.id)
            .options(selectinload(Debate.teams), selectinload(Debate.adjudicators))
            .order_by(Debate.position)
        )
    )
    previous_building = _previous_buildings(round_)
    teams = [
        alloc.Team(
            id=str(team.id),
            institution=str(team.institution_id or ""),
            region=team.region.code if team.region else "",
            needs_access=team.needs_access,
            previous_building=previous_building.get(team.id, ""),
        )
        for team in history.teams.values()
    ]
    judges = db.session.scalars(
        select(Adjudicator)
        .where(Adjudicator.tournament_id == tournament.id)
        .options(
            selectinload(Adjudicator.team_conflicts),
            selectinload(Adjudicator.institution_conflicts),
            selectinload(Adjudicator.region),
        )
        .order_by(Adjudicator.id)
    ).all()
    adjudicators = [
        alloc.Adjudicator(
            id=str(judge.id),
            rating=float(judge.rating),
            institution=str(judge.institution_id or ""),
            region=judge.region.code if judge.region else "",
            role=judge.role,
            conflicts=tuple(str(t.id) for t in judge.team_conflicts)
            + tuple(f"inst:{i.id}" for i in judge.institution_conflicts),
            seen=tuple(str(t) for t in sorted(history.judged.get(judge.id, ()))),
            needs_access=judge.needs_access,
            absent=judge.id in absent_judges,
        )
        for judge in judges
    ]
    venues = db.session.scalars(
        select(Venue).where(Venue.tournament_id == tournament.id).order_by(Venue.id)
    ).all()
    rooms = [
        alloc.Room(id=str(v.id), priority=-v.priority, accessible=v.accessible, building=v.building)
        for v in venues
        if v.id not in absent_venues
    ]
    brackets = {str(d.id): float(d.bracket) for d in debates}
    importance = alloc.bracket_importance(brackets) if round_.kind == "prelim" else {}
    request = alloc.AllocationRequest(
        debates=tuple(
            alloc.Debate(
                id=str(d.id),
                teams=tuple(str(dt.team_id) for dt in d.teams),
                importance=d.importance or importance.get(str(d.id), 0),
            )
            for d in debates
        ),
        teams=tuple(teams),
        adjudicators=tuple(adjudicators),
        rooms=tuple(rooms),
        options=alloc.AllocationOptions(
            panel_size=round_.panel_size,
            neutral_region=settings.get(tournament, "neutral_judges"),
            room_priority=settings.get(tournament, "room_priority"),
        ),
        seed=round_.tournament_id * 1000 + round_.seq,
    )
    return RoundContext(request, {str(d.id): d for d in debates})


def _previous_buildings(round_: Round) -> dict[int, str]:
    rows = db.session.execute(
        select(DebateTeam.team_id, Venue.building)
        .join(Debate, Debate.id == DebateTeam.debate_id)
        .join(Venue, Venue.id == Debate.venue_id)
        .join(Round, Round.id == Debate.round_id)
        .where(Round.tournament_id == round_.tournament_id, Round.seq == round_.seq - 1)
    )
    return dict(rows.all())


def allocate_round(round_: Round, user: User) -> alloc.Allocation:
    """Place judges and rooms for the drawn round (replacing any earlier allocation)."""
    if round_.status != "drawn":
        raise ServiceError("allocate_needs_draft", round=round_.seq)
    context = _round_context(round_)
    allocation = allocate(context.request)
    _claim(round_, statuses=("drawn",))
    db.session.execute(delete(DebateAdjudicator).where(DebateAdjudicator.round_id == round_.id))
    db.session.execute(update(Debate).where(Debate.round_id == round_.id).values(venue_id=None))
    seats = []
    venue_rows = []
    for panel in allocation.panels:
        debate_id = int(panel.debate)
        roles = [(panel.chair, "chair")] if panel.chair else []
        roles += [(j, "panellist") for j in panel.panellists]
        roles += [(j, "trainee") for j in panel.trainees]
        seats += [
            {"debate_id": debate_id, "round_id": round_.id, "adjudicator_id": int(j), "role": role}
            for j, role in roles
        ]
        venue_rows.append(
            {
                "id": debate_id,
                "venue_id": int(panel.room) if panel.room else None,
                "explanation": {
                    **context.debates[panel.debate].explanation,
                    "allocation": [[i.code, dict(i.params)] for i in panel.warnings],
                },
            }
        )
    if seats:
        db.session.execute(DebateAdjudicator.__table__.insert(), seats)
    if venue_rows:
        db.session.execute(update(Debate), venue_rows)
    db.session.execute(update(Round).where(Round.id == round_.id).values(allocated_at=utcnow()))
    audit.record(
        round_.tournament_id,
        "draw_allocated",
        user=user,
        round=round_.seq,
        uncovered=len(allocation.uncovered),
        unallocated=len(allocation.unallocated),
    )
    _commit(round_)
    db.session.expire_all()
    return allocation


# --------------------------------------------------------------------------- clashes and edits


def clashes(round_: Round) -> dict[int, list[list[Any]]]:
    """Every debate's problems, by the engines' own rules: pairing costs and panel conflicts."""
    history = history_service.load(round_.tournament, before_seq=round_.seq)
    absent_teams, _, _ = absences(round_)
    records = _team_records(history, absent_teams)
    options = _pairing_options(round_)
    context = _round_context(round_)
    teams = context.request.team_map()
    judges = context.request.adjudicator_map()
    found: dict[int, list[list[Any]]] = {}
    for debate in context.debates.values():
        problems: list[list[Any]] = []
        sides = {dt.side: str(dt.team_id) for dt in debate.teams}
        if round_.kind == "prelim" and {"aff", "neg"} <= sides.keys():
            assessment = evaluate_pairing(
                sides["aff"], sides["neg"], records, options, kind=round_.draw_type
            )
            problems += [
                [code, dict(params)] for code, params in assessment.reasons if code in CLASH_CODES
            ]
        elif round_.kind == "prelim" and len(sides) == 4:
            room = [sides[p] for p in BP_POSITIONS if p in sides]
            problems += [
                [code, dict(params)] for code, params in room_clashes(room, records, options)
            ]
        panel = _panel_of(debate)
        engine_debate = next(d for d in context.request.debates if d.id == str(debate.id))
        problems += [
            [issue.code, dict(issue.params)]
            for issue in check_panel(engine_debate, panel, teams, judges, context.request.options)
        ]
        found[debate.id] = problems
    return found


CLASH_CODES = frozenset(
    {"rematch", "same_institution", "same_region", "side_streak", "side_due", "second_bye"}
)


def _panel_of(debate: Debate) -> alloc.Panel:
    by_role: dict[str, list[str]] = {"chair": [], "panellist": [], "trainee": []}
    for seat in debate.adjudicators:
        by_role[seat.role].append(str(seat.adjudicator_id))
    return alloc.Panel(
        debate=str(debate.id),
        chair=by_role["chair"][0] if by_role["chair"] else None,
        panellists=tuple(by_role["panellist"]),
        trainees=tuple(by_role["trainee"]),
    )


EDITABLE = ("drawn", "released")


def _editable(round_: Round, version: int) -> None:
    """A draft draw can be edited freely; a released one too (a late team, a locked room).
    ``version`` is the draw the organiser's screen showed: another edit since is a Conflict."""
    if round_.status not in EDITABLE:
        raise ServiceError("draw_not_editable", round=round_.seq)
    if round_.draw_version != version:
        raise Conflict(round=round_.seq)


def _claim_edit(round_: Round, debates: Iterable[int | None]) -> None:
    """Claim the round for an edit of these debates' teams or panel. Once released, only while
    no judge has sent a ballot for them (the ballot names them). A ballot being stored holds its
    debate (ballots._same_draw): locking the debates waits for it, and the check then sees it."""
    _claim(round_, statuses=EDITABLE)
    wanted = sorted({d for d in debates if d is not None})
    if round_.status != "released" or not wanted:
        return
    db.session.execute(select(Debate.id).where(Debate.id.in_(wanted)).with_for_update())
    if db.session.scalar(select(Ballot.id).where(Ballot.debate_id.in_(wanted)).limit(1)):
        db.session.rollback()
        raise ServiceError("debate_has_ballots")


def swap_teams(round_: Round, team_a: int, team_b: int, user: User, version: int) -> None:
    """Exchange two teams' seats in the draw (any debates, any sides)."""
    _editable(round_, version)
    seats = {
        seat.team_id: seat
        for seat in db.session.scalars(
            select(DebateTeam).where(
                DebateTeam.round_id == round_.id, DebateTeam.team_id.in_((team_a, team_b))
            )
        )
    }
    if set(seats) != {team_a, team_b} or team_a == team_b:
        raise ServiceError("team_not_in_draw")
    _claim_edit(round_, [seat.debate_id for seat in seats.values()])
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
    _commit_edit(round_, user, "swap_teams", teams=[team_a, team_b])


def swap_sides(round_: Round, debate_id: int, user: User, version: int) -> None:
    _editable(round_, version)
    seats = db.session.scalars(
        select(DebateTeam).where(
            DebateTeam.debate_id == debate_id, DebateTeam.round_id == round_.id
        )
    ).all()
    if len(seats) > 2:
        raise ServiceError("swap_sides_four_teams")
    if len(seats) != 2:
        raise ServiceError("debate_not_in_round")
    _claim_edit(round_, [debate_id])
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
    _commit_edit(round_, user, "swap_sides", debate=debate_id)


def move_adjudicator(
    round_: Round, adjudicator_id: int, debate_id: int | None, role: str, user: User, version: int
) -> None:
    """Seat a judge in a debate with a role, or take them off the draw (``debate_id`` None)."""
    _editable(round_, version)
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
    _claim_edit(round_, [current, debate_id])
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
    _commit_edit(
        round_, user, "move_adjudicator", adjudicator=adjudicator_id, debate=debate_id, role=role
    )


def set_venue(round_: Round, debate_id: int, venue_id: int, user: User, version: int) -> None:
    """Put a debate in a room; a debate already there swaps into this debate's old room."""
    _editable(round_, version)
    debates = {d.id: d for d in round_.debates}
    venue = db.session.get(Venue, venue_id)
    if debate_id not in debates or venue is None or venue.tournament_id != round_.tournament_id:
        raise ServiceError("debate_not_in_round")
    _claim(round_, statuses=EDITABLE)  # a room change never touches a ballot
    moved = debates[debate_id]
    holder = next((d for d in debates.values() if d.venue_id == venue_id), None)
    old_venue = moved.venue_id
    db.session.execute(update(Debate).where(Debate.id == moved.id).values(venue_id=None))
    if holder is not None and holder.id != moved.id:
        db.session.execute(update(Debate).where(Debate.id == holder.id).values(venue_id=old_venue))
    db.session.execute(update(Debate).where(Debate.id == moved.id).values(venue_id=venue_id))
    _commit_edit(round_, user, "set_venue", debate=debate_id, venue=venue_id)
    db.session.expire_all()


def _commit_edit(round_: Round, user: User, edit: str, **details: Any) -> None:
    """Write the edit to the audit log and commit it."""
    audit.record(
        round_.tournament_id,
        "draw_edited",
        user=user,
        round=round_.seq,
        after_release=round_.status == "released",
        edit=edit,
        **details,
    )
    _commit(round_)


# --------------------------------------------------------------------------- release and close


def release_draw(round_: Round, user: User) -> None:
    """Publish the draw and the motion. Only a drawn round, and only once."""
    if round_.status != "drawn":
        raise ServiceError(
            "draw_already_released" if round_.status in ("released", "closed") else "no_draw",
            round=round_.seq,
        )
    _claim(round_, statuses=("drawn",), new_status="released")
    db.session.execute(update(Round).where(Round.id == round_.id).values(draw_released_at=utcnow()))
    audit.record(round_.tournament_id, "draw_released", user=user, round=round_.seq)
    _commit(round_)
    db.session.refresh(round_)


def missing_results(round_: Round) -> int:
    """Debates of the round without a confirmed result."""
    confirmed = (
        select(DebateResult.debate_id).where(DebateResult.status == "confirmed").scalar_subquery()
    )
    return (
        db.session.scalar(
            select(func.count(Debate.id)).where(
                Debate.round_id == round_.id, Debate.id.not_in(confirmed)
            )
        )
        or 0
    )


def close_round(round_: Round, user: User) -> None:
    """Close a released round once every debate has a confirmed result."""
    if round_.status != "released":
        raise ServiceError("round_not_released", round=round_.seq)
    missing = missing_results(round_)
    if missing:
        raise ServiceError("results_missing", round=round_.seq, count=missing)
    _claim(round_, statuses=("released",), new_status="closed")
    audit.record(round_.tournament_id, "round_closed", user=user, round=round_.seq)
    _commit(round_)
    db.session.refresh(round_)


def release_results(round_: Round, user: User) -> None:
    """Publish a closed round's results to the public pages (once)."""
    if round_.status != "closed":
        raise ServiceError("round_not_closed", round=round_.seq)
    if round_.results_released_at is not None:
        raise ServiceError("results_already_released", round=round_.seq)
    claimed = db.session.execute(
        update(Round)
        .where(Round.id == round_.id, Round.results_released_at.is_(None))
        .values(results_released_at=utcnow())
    ).rowcount
    if claimed != 1:
        db.session.rollback()
        raise Conflict(round=round_.seq)
    audit.record(round_.tournament_id, "results_released", user=user, round=round_.seq)
    _commit(round_)
    db.session.refresh(round_)
