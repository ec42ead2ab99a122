"""The database's teams, judges, rooms and past rounds as the pairing and allocation engines'
records (the engines never see a model object)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tourney.extensions import db
from tourney.models import Adjudicator, BreakingTeam, Debate, DebateTeam, Round, Venue
from tourney.pairing import allocation_model as alloc
from tourney.pairing.four_team_elimination import advance
from tourney.pairing.records import PairingOptions, TeamRecord
from tourney.services import history as history_service
from tourney.services import ratings, settings
from tourney.services import standings as standings_service
from tourney.services.draws.claims import absences, previous_round
from tourney.services.errors import ServiceError
from tourney.services.history import History


def team_records(history: History, absent: set[int]) -> list[TeamRecord]:
    ranked = standings_service.from_history(history, swing=True)
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


def pairing_options(round_: Round) -> PairingOptions:
    tournament = round_.tournament
    return PairingOptions(
        pairing=settings.get(tournament, "pairing"),
        avoid_same_institution=settings.get(tournament, "avoid_same_institution"),
        avoid_same_region=settings.get(tournament, "avoid_same_region"),
        elimination_sides=settings.get(tournament, "elimination_sides"),
    )


def elimination_field(round_: Round, history: History) -> list[TeamRecord]:
    """The break (first elimination round) or the previous round's winners, with their seeds."""
    breaking = db.session.scalars(
        select(BreakingTeam).where(BreakingTeam.break_category_id == round_.break_category_id)
    ).all()
    if not breaking:
        raise ServiceError("no_break")
    seed = {b.team_id: b.seed for b in breaking}
    previous = previous_round(round_)
    if previous is None or previous.kind != "elimination":
        survivors = dict(seed)
    else:
        survivors = _winners(previous, history, seed)
    records = {r.id: r for r in team_records(history, set())}
    field = {str(team_id) for team_id in survivors}
    return [
        _within(records[str(team_id)], field, survivor_seed)
        for team_id, survivor_seed in survivors.items()
    ]


def _within(record: TeamRecord, field: set[str], seed: int) -> TeamRecord:
    """A team's record in an elimination field: its seed as rank, meetings with that field only.

    Four-team rooms list three opponents a round: the positions stay whole (they are balanced
    over the whole tournament), the opponents are those still in the field."""
    if len(record.opponents) != len(record.sides):
        opponents = tuple(o for o in record.opponents if o in field)
        return replace(record, rank=seed, points=0, opponents=opponents)
    meetings = [(o, s) for o, s in zip(record.opponents, record.sides, strict=True) if o in field]
    return replace(
        record,
        rank=seed,
        points=0,
        opponents=tuple(o for o, _ in meetings),
        sides=tuple(s for _, s in meetings),
    )


def _winners(previous: Round, history: History, seed: dict[int, int]) -> dict[int, int]:
    """Teams through from the previous elimination round with the slot each takes next: the
    better seed of a two-team debate; the two best slots of a four-team room. ``seed`` is the
    break seed; the slots of earlier rounds follow from it, round by round."""
    slot = dict(seed)
    for round_ in _elimination_rounds_up_to(previous):
        slot = _through(round_, history, slot)
    return slot


def _elimination_rounds_up_to(last: Round) -> list[Round]:
    rounds = db.session.scalars(
        select(Round)
        .where(
            Round.tournament_id == last.tournament_id,
            Round.kind == "elimination",
            Round.break_category_id == last.break_category_id,
            Round.seq <= last.seq,
        )
        .order_by(Round.seq)
    ).all()
    return list(rounds)


def _through(round_: Round, history: History, slot: dict[int, int]) -> dict[int, int]:
    survivors: dict[int, int] = {}
    sides = history.debate_sides()
    for debate in round_.debates:
        decision = history.decisions.get(debate.id)
        if decision is None:
            raise ServiceError("previous_round_unfinished", round=round_.seq)
        teams = sides[debate.id]
        if len(teams) == 2:
            survivors[teams[decision.winner]] = min(slot[t] for t in teams.values())
        else:
            room = {str(t): slot[t] for t in teams.values()}
            moved = advance(room, [str(teams[side]) for side in decision.through])
            survivors.update((int(team), next_slot) for team, next_slot in moved.items())
    for bye in round_.byes:
        survivors[bye.team_id] = slot[bye.team_id]
    return survivors


@dataclass(frozen=True)
class RoundContext:
    """The round's draw and everyone who could be placed, as allocation-engine records."""

    request: alloc.AllocationRequest
    debates: dict[str, Debate]


def round_context(round_: Round) -> RoundContext:
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
    # The current rating: the base blended with feedback by the round's weight.
    rating = ratings.ratings_for_round(round_)
    adjudicators = [
        alloc.Adjudicator(
            id=str(judge.id),
            rating=float(rating[judge.id].current),
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
    present = [v for v in venues if v.id not in absent_venues]
    ranks = room_ranks(present)
    rooms = [
        alloc.Room(
            id=str(v.id), priority=-ranks[v.id], accessible=v.accessible, building=v.building
        )
        for v in present
    ]
    brackets = {str(d.id): float(d.bracket) for d in debates}
    # Prelims: the top and bubble brackets matter most; in eliminations every room does.
    importance = (
        alloc.bracket_importance(brackets)
        if round_.kind == "prelim"
        else dict.fromkeys(brackets, 1)
    )
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
            odd_panels=not settings.get(tournament, "even_panels"),
        ),
        seed=round_.tournament_id * 1000 + round_.seq,
    )
    return RoundContext(request, {str(d.id): d for d in debates})


def room_ranks(venues: list[Venue]) -> dict[int, int]:
    """Each room's priority for the allocator; a room without one ranks just after the last
    ranked room (not at 1000, which would squash the ranked rooms together when scaled)."""
    ranked = [v.priority for v in venues if v.has_priority]
    unranked = max(ranked, default=0) + 1
    return {v.id: v.priority if v.has_priority else unranked for v in venues}


def _previous_buildings(round_: Round) -> dict[int, str]:
    rows = db.session.execute(
        select(DebateTeam.team_id, Venue.building)
        .join(Debate, Debate.id == DebateTeam.debate_id)
        .join(Venue, Venue.id == Debate.venue_id)
        .join(Round, Round.id == Debate.round_id)
        .where(Round.tournament_id == round_.tournament_id, Round.seq == round_.seq - 1)
    )
    return dict(rows.all())


def panel_of(debate: Debate) -> alloc.Panel:
    by_role: dict[str, list[str]] = {"chair": [], "panellist": [], "trainee": []}
    for seat in debate.adjudicators:
        by_role[seat.role].append(str(seat.adjudicator_id))
    return alloc.Panel(
        debate=str(debate.id),
        chair=by_role["chair"][0] if by_role["chair"] else None,
        panellists=tuple(by_role["panellist"]),
        trainees=tuple(by_role["trainee"]),
    )
