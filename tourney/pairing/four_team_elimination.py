"""British Parliamentary elimination rounds: the four-way fold, partial breaks, who advances.

A BP break is 4·2^k teams (4 = the grand final, 8 = semifinals, 16 = quarterfinals …) or 6·2^k,
where the top third bypass the first elimination round (a partial round: of a 12-team break,
seeds 5–12 debate and seeds 1–4 wait; of 24, seeds 9–24). Every elimination round folds its
field four ways by slot: with m rooms, room i holds slots i, 2m+1−i, 2m+i and 4m+1−i (16 teams:
1-8-9-16, 2-7-10-15, 3-6-11-14, 4-5-12-13). The two teams that advance from a room take its two
best slots (the better one to the team that held the better slot), so the next fold brings
rooms 1 and m together, 2 and m−1 …: the top seeds meet last, and each room of a partial round
feeds the room of two bypassing seeds (12: seeds 1 and 4 meet the two from 5-8-9-12).
"""

from __future__ import annotations

import random
from collections.abc import Collection, Mapping, Sequence

from tourney.pairing.field import seeded_key
from tourney.pairing.positions import assign_positions, position_costs, position_counts
from tourney.pairing.records import (
    CostBreakdown,
    Draw,
    FourTeamDebate,
    PairingRequest,
    TeamRecord,
)


def bypassing(size: int) -> int:
    """How many of a break of ``size`` skip its first round: a third of 6·2^k, else none."""
    return size // 3 if _power_of_two(size, 6) else 0


def is_break_size(size: int) -> bool:
    """A four-team break folds evenly to a grand final of four: 4·2^k, or 6·2^k (partial)."""
    return _power_of_two(size, 4) or _power_of_two(size, 6)


def break_stages(size: int) -> tuple[int, ...]:
    """Teams debating in each elimination round of a break: 12 → (8, 8, 4), 16 → (16, 8, 4)."""
    if not is_break_size(size):
        raise ValueError(f"a four-team break needs 4·2^k or 6·2^k teams, not {size}")
    stages = [size - bypassing(size)] if bypassing(size) else []
    teams = size - bypassing(size) if bypassing(size) else size
    while teams >= 4:
        stages.append(teams)
        teams //= 2
    return tuple(stages)


def four_way_fold(slots: Sequence[int]) -> list[tuple[int, int, int, int]]:
    """Rooms of the four-way fold of ``slots`` (any order; 4m of them), best room first."""
    ordered = sorted(slots)
    if not ordered or len(ordered) % 4:
        raise ValueError(f"a four-way fold needs a multiple of 4 slots, not {len(ordered)}")
    m = len(ordered) // 4
    return [
        (ordered[i], ordered[2 * m - 1 - i], ordered[2 * m + i], ordered[4 * m - 1 - i])
        for i in range(m)
    ]


def advance(room: Mapping[str, int], advancing: Collection[str]) -> dict[str, int]:
    """The two advancing teams of a room (team → slot) with the slots they take next round."""
    if len(advancing) != 2 or not set(advancing) <= set(room):
        raise ValueError("two teams of the room advance")
    best = sorted(room.values())[:2]
    movers = sorted(advancing, key=lambda team: room[team])
    return dict(zip(movers, best, strict=True))


def pair_four_team_elimination(request: PairingRequest) -> Draw:
    """The four-way fold of the field by slot (``rank``); in a partial round the top third wait.

    Positions in each room balance the teams' position histories (prelims included), as in a
    preliminary room; equal balances are decided by the request's seed.
    """
    records = {team.id: team for team in request.teams}
    rnd = random.Random(seeded_key(request.seed, "four_team_elimination"))
    by_slot = {team.rank: team.id for team in request.teams}
    slots = sorted(by_slot)
    waiting = bypassing(len(slots))
    debates = []
    for number, room in enumerate(four_way_fold(slots[waiting:]), start=1):
        teams = [by_slot[slot] for slot in room]
        costs = {t: position_costs(position_counts(records[t])) for t in teams}
        holders = assign_positions(teams, costs, rnd)
        seated = [holder[0] for holder in holders]
        debates.append(seeded_room([records[team] for team in seated], number))
    return Draw(debates=tuple(debates), byes=tuple(by_slot[slot] for slot in slots[:waiting]))


def seeded_room(teams: Sequence[TeamRecord], number: int) -> FourTeamDebate:
    """Elimination room ``number`` scored by the engine's rules, as drawn or as edited by hand:
    the slots (``rank``) of the teams there and what their position histories charge for the
    positions they hold (``teams`` in OG, OO, CG, CO order)."""
    side = sum(
        position_costs(position_counts(team))[position] for position, team in enumerate(teams)
    )
    seeds = sorted(team.rank for team in teams)
    return FourTeamDebate(
        teams=(teams[0].id, teams[1].id, teams[2].id, teams[3].id),
        bracket=0,
        cost=CostBreakdown(side=side),
        pullups=(),
        reasons=(("elimination_room", {"room": number, "seeds": seeds}),),
    )


def _power_of_two(size: int, base: int) -> bool:
    quotient, rest = divmod(size, base)
    return size >= base and not rest and quotient & (quotient - 1) == 0
