"""British Parliamentary draws: the four-team engine against a naive rank-order baseline.

Run: .venv/bin/python bench/four_team.py [--sizes 48,400,2000] [--rounds 6] [--seed 7]

Each size plays one tournament per pairer with the same teams, strengths and result dice: round 1
random, then power-paired. In each room the four teams are ranked by strength plus noise and get
3/2/1/0 points. The baseline is what a spreadsheet tab does: sort by points, cut into rooms of
four in that order, positions in that order too. Figures only: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tourney.pairing.engine import pair_round
from tourney.pairing.records import BP_POSITIONS, POWER, RANDOM, PairingRequest, TeamRecord

Room = tuple[str, str, str, str]  # OG, OO, CG, CO
Pairer = Callable[[PairingRequest], list[Room]]


@dataclass
class Team:
    id: str
    institution: str
    strength: float
    points: int = 0
    sides: list[str] = field(default_factory=list)
    opponents: list[str] = field(default_factory=list)


def make_field(size: int, rnd: random.Random) -> list[Team]:
    """Schools of one to six teams, as at a national university championship."""
    teams: list[Team] = []
    school = 0
    while len(teams) < size:
        for _ in range(min(rnd.randint(1, 6), size - len(teams))):
            teams.append(Team(f"T{len(teams):04d}", f"S{school}", rnd.gauss(0, 1)))
        school += 1
    return teams


def request(teams: list[Team], kind: str, seed: int) -> PairingRequest:
    ranked = sorted(teams, key=lambda t: (-t.points, t.id))
    records = tuple(
        TeamRecord(
            id=t.id,
            institution=t.institution,
            points=t.points,
            rank=rank,
            opponents=tuple(t.opponents),
            sides=tuple(t.sides),
        )
        for rank, t in enumerate(ranked, start=1)
    )
    return PairingRequest(kind=kind, seed=seed, teams=records, teams_per_debate=4)


def engine(req: PairingRequest) -> list[Room]:
    return [d.teams for d in pair_round(req).debates]


def baseline(req: PairingRequest) -> list[Room]:
    order = [t.id for t in sorted(req.teams, key=lambda t: (-t.points, t.rank))]
    if req.kind == RANDOM:
        random.Random(req.seed).shuffle(order)
    return [tuple(order[i : i + 4]) for i in range(0, len(order), 4)]


def play(size: int, rounds: int, seed: int, pairer: Pairer) -> dict[str, object]:
    rnd = random.Random(seed)
    teams = {t.id: t for t in make_field(size, rnd)}
    dice = random.Random(seed + 1)
    times: list[float] = []
    same_school = 0
    for number in range(1, rounds + 1):
        req = request(list(teams.values()), RANDOM if number == 1 else POWER, seed + number)
        started = time.perf_counter()
        rooms = pairer(req)
        times.append(1000 * (time.perf_counter() - started))
        for room in rooms:
            same_school += sum(
                teams[a].institution == teams[b].institution for a, b in combinations(room, 2)
            )
            order = sorted(room, key=lambda t: teams[t].strength + dice.gauss(0, 1), reverse=True)
            for points, team in zip((3, 2, 1, 0), order, strict=True):
                teams[team].points += points
            for position, team in zip(BP_POSITIONS, room, strict=True):
                teams[team].sides.append(position)
                teams[team].opponents.extend(t for t in room if t != team)
    spread = Counter(
        max(Counter(t.sides)[p] for p in BP_POSITIONS)
        - min(Counter(t.sides)[p] for p in BP_POSITIONS)
        for t in teams.values()
    )
    return {
        "ms median": statistics.median(times),
        "ms max": max(times),
        "same-school pairs in rooms": same_school,
        "teams with position spread <= 1": spread[0] + spread[1],
        "teams with position spread >= 3": sum(n for s, n in spread.items() if s >= 3),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="48,400,2000")
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(f"{args.rounds} rounds (1 random + power), four-team rooms, seed {args.seed}")
    for size in map(int, args.sizes.split(",")):
        ours = play(size, args.rounds, args.seed, engine)
        naive = play(size, args.rounds, args.seed, baseline)
        print(f"{size} teams{'engine':>34}{'baseline':>10}")
        for label, value in ours.items():
            other = naive[label]
            if isinstance(value, float):
                print(f"  {label:<34}{value:8.1f}  {other:8.1f}")
            else:
                print(f"  {label:<34}{value:8d}  {other:8d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
