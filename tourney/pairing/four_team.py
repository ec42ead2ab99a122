"""Four-team (British Parliamentary) random and power-paired rounds.

A power round forms brackets by points from the top; a bracket that is not a multiple of 4 pulls
up teams from the brackets below (fewest earlier pull-ups first, then the best ranked). A random
round is one bracket of the whole field in seeded random order. In each bracket, all rooms being
alike, the teams get the positions that balance their histories best (an optimal assignment);
rooms are then dealt at random and improved by swaps that keep every position (room_swaps).
BP has no byes: the field is a multiple of 4.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

from tourney.pairing.costs import pullup_cost
from tourney.pairing.field import Field, seeded_key
from tourney.pairing.positions import assign_positions, position_costs, position_counts
from tourney.pairing.records import (
    BP_POSITIONS,
    POWER,
    CostBreakdown,
    Draw,
    FourTeamDebate,
    PairingRequest,
    Reason,
)
from tourney.pairing.room_swaps import Clashes, improve_rooms


@dataclass(frozen=True)
class Bracket:
    """Teams drawn together: `points` is the level the bracket is formed for (None in a random
    round); `pulled` are the teams among them pulled up from lower levels."""

    points: int | None
    teams: tuple[str, ...]
    pulled: tuple[str, ...] = ()


def power_brackets(field: Field) -> list[Bracket]:
    """Brackets from the top, each made a multiple of 4 with pull-ups from the levels below."""
    levels = sorted(field.brackets, reverse=True)
    left = {points: list(field.brackets[points]) for points in levels}
    brackets = []
    for at, points in enumerate(levels):
        teams = left[points]
        if not teams:
            continue
        pulled: list[str] = []
        below = iter(levels[at + 1 :])
        while missing := -(len(teams) + len(pulled)) % 4:
            lower = next(below)
            # Stable sort: equal pull-up counts stay in standing order (rank, then the seed).
            pool = sorted(left[lower], key=lambda team: field.teams[team].pullups)
            chosen = pool[:missing]
            pulled += chosen
            left[lower] = [team for team in left[lower] if team not in chosen]
        brackets.append(Bracket(points, (*teams, *pulled), tuple(pulled)))
    return brackets


def _bracket_rooms(
    bracket: Bracket,
    position_cost: Mapping[str, Sequence[int]],
    clashes: Clashes,
    rnd: random.Random,
) -> list[list[str]]:
    """The bracket's rooms, each team in OG, OO, CG, CO order."""
    holders = assign_positions(bracket.teams, position_cost, rnd)
    for teams in holders:
        rnd.shuffle(teams)
    return improve_rooms([list(room) for room in zip(*holders, strict=True)], clashes, rnd)


def pair_four_team_round(request: PairingRequest) -> Draw:
    """Draw a random or power-paired four-team round (the request is already validated).

    Deterministic: the same request (in any team order) gives the same draw.
    """
    field = Field(request.teams, request.kind, request.seed, request.options)
    rnd = random.Random(seeded_key(request.seed, "four_team"))
    clashes = Clashes(field)
    position_cost = {
        team: position_costs(position_counts(field.teams[team])) for team in field.order
    }
    brackets = power_brackets(field) if request.kind == POWER else [Bracket(None, field.order)]
    debates = [
        assess_room(field, room, clashes)
        for bracket in brackets
        for room in _bracket_rooms(bracket, position_cost, clashes, rnd)
    ]
    debates.sort(key=lambda d: (-d.bracket, min(field.index[team] for team in d.teams)))
    return Draw(debates=tuple(debates), byes=())


def assess_room(field: Field, room: Sequence[str], clashes: Clashes) -> FourTeamDebate:
    """A room (teams in OG, OO, CG, CO order) scored by the engine's rules, as drawn or as
    edited by hand. The room belongs to the bracket of its best team: every room of a power
    bracket holds a team of its level (a bracket pulls up at most three), so in a drawn room
    the teams below that level are exactly its pull-ups. ``clashes``: built once per field."""
    teams = field.teams
    points = max(teams[team].points for team in room)
    reasons: list[Reason] = []
    pullups: tuple[str, ...] = ()
    if field.kind == POWER:
        reasons.append(("bracket", {"bracket": points}))
        pullups = tuple(team for team in room if teams[team].points < points)
    else:
        reasons.append(("random_draw", {}))
    for team in pullups:
        params = {
            "team": team,
            "from_bracket": teams[team].points,
            "to_bracket": points,
            "previous_pullups": teams[team].pullups,
        }
        reasons.append(("pullup", params))
    side = 0
    for position, team in enumerate(room):
        counts = position_counts(teams[team])
        cost = position_costs(counts)[position]
        side += cost
        if cost:
            params = {
                "team": team,
                "position": BP_POSITIONS[position],
                "times": counts[position],
                "fewest": min(counts),
            }
            reasons.append(("position_history", params))
    institution = _shared(room, clashes.institution, "same_institution", "institution", reasons)
    region = _shared(room, clashes.region, "same_region", "region", reasons)
    rematch = 0
    for a, b in combinations(room, 2):
        times = clashes.met[a].get(b, 0)
        if times:
            rematch += times
            reasons.append(("rematch", {"teams": [a, b], "times": times}))
    cost = CostBreakdown(
        rematch=rematch,
        pullup=sum(pullup_cost(field, team, teams[team].points, points) for team in pullups),
        institution=institution,
        region=region,
        side=side,
    )
    return FourTeamDebate(
        teams=(room[0], room[1], room[2], room[3]),
        bracket=points,
        cost=cost,
        pullups=pullups,
        reasons=tuple(reasons),
    )


def _shared(
    room: Sequence[str],
    value: Mapping[str, str | None],
    code: str,
    name: str,
    reasons: list[Reason],
) -> int:
    """Add a reason per school (or region) shared in the room; return the number of such pairs."""
    groups: dict[str, list[str]] = {}
    for team in room:
        if value[team] is not None:
            groups.setdefault(value[team], []).append(team)
    pairs = 0
    for shared, members in groups.items():
        if len(members) > 1:
            reasons.append((code, {name: shared, "teams": members}))
            pairs += len(members) * (len(members) - 1) // 2
    return pairs
