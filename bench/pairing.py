"""Simulate whole tournaments and compare the pairing engine with a bracket-by-bracket baseline.

Run: .venv/bin/python bench/pairing.py [--sizes 64,128] [--rounds 6] [--seed 7]

Each field size gets one tournament per pairer (same teams, strengths and result dice): round 1
random, then power-paired (fold). Results come from hidden team strengths. The baseline pairs the
way existing tab programs do: the bye and the pull-ups are fixed greedily before each bracket is
folded, then rematches and same-school debates are repaired by swaps with neighbouring debates.

Then a "dense history" case: three rounds in which every team met teams within windows of 8
neighbours in the standings, then one power round, timed in process and through the CLI
(`python -m tourney.pairing`, its start-up measured on a 4-team request and subtracted).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tourney.pairing.codec import request_to_json
from tourney.pairing.engine import pair_round
from tourney.pairing.records import (
    AFF,
    NEG,
    POWER,
    RANDOM,
    PairingRequest,
    TeamRecord,
)

REGIONS = ("Dushanbe", "Sughd", "Khatlon", "GBAO", "DRS")
Pairing = list[tuple[str, str]]  # (aff, neg)
Pairer = Callable[[PairingRequest], tuple[Pairing, list[str]]]


@dataclass
class Team:
    id: str
    institution: str
    region: str
    strength: float
    points: int = 0
    speaks: float = 0.0
    opponents: list[str] = field(default_factory=list)
    sides: list[str] = field(default_factory=list)
    byes: int = 0
    pullups: int = 0


@dataclass
class Figures:
    ms_per_round: list[float] = field(default_factory=list)
    rematches: int = 0
    same_institution: int = 0
    pullup_size: int = 0
    side_imbalance: int = 0


def make_field(size: int, rnd: random.Random) -> list[Team]:
    """Schools send 1–3 teams mostly, a few big schools send up to 10."""
    teams: list[Team] = []
    school = 0
    while len(teams) < size:
        school += 1
        count = rnd.choice([1, 1, 2, 2, 2, 3, 3, 4]) if rnd.random() > 0.08 else rnd.randint(5, 10)
        region = rnd.choice(REGIONS)
        for _ in range(min(count, size - len(teams))):
            strength = rnd.gauss(0, 1)
            teams.append(Team(f"T{len(teams) + 1:04d}", f"School {school}", region, strength))
    return teams


def request(teams: list[Team], kind: str, seed: int) -> PairingRequest:
    standing = sorted(teams, key=lambda t: (-t.points, -t.speaks, t.id))
    return PairingRequest(
        kind,
        seed,
        tuple(
            TeamRecord(
                id=t.id,
                institution=t.institution,
                region=t.region,
                points=t.points,
                rank=rank,
                opponents=tuple(t.opponents),
                sides=tuple(t.sides),
                byes=t.byes,
                pullups=t.pullups,
            )
            for rank, t in enumerate(standing, start=1)
        ),
    )


def engine_pairer(req: PairingRequest) -> tuple[Pairing, list[str]]:
    draw = pair_round(req)
    return [(d.aff, d.neg) for d in draw.debates], list(draw.byes)


def baseline_pairer(req: PairingRequest) -> tuple[Pairing, list[str]]:
    """Greedy bye and pull-ups first, fold each bracket, then swap away conflicts."""
    rnd = random.Random(req.seed)
    teams = {t.id: t for t in req.teams}
    order = sorted(req.teams, key=lambda t: t.rank)
    byes: list[str] = []
    if len(order) % 2:
        fewest = min(t.byes for t in order)
        bye = next(t for t in reversed(order) if t.byes == fewest)
        byes.append(bye.id)
        order.remove(bye)
    pairs: list[list[str]] = []
    if req.kind == RANDOM:
        ids = [t.id for t in order]
        rnd.shuffle(ids)
        pairs = [ids[i : i + 2] for i in range(0, len(ids), 2)]
    else:
        brackets: dict[int, list[str]] = {}
        for t in order:
            brackets.setdefault(t.points, []).append(t.id)
        levels = sorted(brackets, reverse=True)
        for i, level in enumerate(levels):
            members = brackets[level]
            if len(members) % 2:
                members.append(brackets[levels[i + 1]].pop(0))  # pull up the top of the next
            n = len(members)
            pairs.extend([members[k], members[n - 1 - k]] for k in range(n // 2))

    def bad(a: str, b: str) -> bool:
        return b in teams[a].opponents or teams[a].institution == teams[b].institution

    for i, pair in enumerate(pairs):
        if not bad(*pair):
            continue
        for j in (i + 1, i - 1, i + 2, i - 2):
            if 0 <= j < len(pairs):
                other = pairs[j]
                if not bad(pair[0], other[1]) and not bad(other[0], pair[1]):
                    pair[1], other[1] = other[1], pair[1]
                    break

    def sided(a: str, b: str) -> tuple[str, str]:
        aa, ab = teams[a].sides.count(AFF), teams[b].sides.count(AFF)
        if aa == ab:
            return (a, b) if rnd.random() < 0.5 else (b, a)
        return (a, b) if aa < ab else (b, a)

    return [sided(a, b) for a, b in pairs], byes


def simulate(size: int, rounds: int, seed: int, pairer: Pairer) -> Figures:
    rnd = random.Random(seed)
    teams = make_field(size, rnd)
    by_id = {t.id: t for t in teams}
    dice = random.Random(seed + 1)
    figures = Figures()
    for round_no in range(1, rounds + 1):
        kind = RANDOM if round_no == 1 else POWER
        req = request(teams, kind, seed * 100 + round_no)
        started = time.perf_counter()
        debates, byes = pairer(req)
        figures.ms_per_round.append((time.perf_counter() - started) * 1000)
        for team_id in byes:
            by_id[team_id].byes += 1
            by_id[team_id].points += 1
        for aff_id, neg_id in debates:
            aff, neg = by_id[aff_id], by_id[neg_id]
            figures.rematches += neg_id in aff.opponents
            figures.same_institution += aff.institution == neg.institution
            if kind == POWER and aff.points != neg.points:
                figures.pullup_size += abs(aff.points - neg.points)
                min(aff, neg, key=lambda t: t.points).pullups += 1
            aff_wins = dice.random() < 1 / (1 + math.exp(-1.5 * (aff.strength - neg.strength)))
            (aff if aff_wins else neg).points += 1
            for team, opponent, side in ((aff, neg, AFF), (neg, aff, NEG)):
                team.opponents.append(opponent.id)
                team.sides.append(side)
                team.speaks += 75 + 3 * team.strength + dice.gauss(0, 2)
    figures.side_imbalance = sum(abs(2 * t.sides.count(AFF) - len(t.sides)) > 1 for t in teams)
    return figures


def dense_history(size: int, seed: int, window: int = 8, rounds: int = 3) -> PairingRequest:
    """A power round after `rounds` rounds in which teams met only teams within `window`
    places of them in the final standing order (a different block alignment each round)."""
    rnd = random.Random(seed)
    ids = [f"T{i + 1:04d}" for i in range(size)]
    points = sorted((sum(rnd.random() < 0.5 for _ in range(rounds)) for _ in ids), reverse=True)
    opponents: dict[str, list[str]] = {t: [] for t in ids}
    sides: dict[str, list[str]] = {t: [] for t in ids}
    for r in range(rounds):
        offset = (r * window) // rounds
        for start in range(-offset, size, window):
            block = ids[max(0, start) : start + window]
            rnd.shuffle(block)
            while len(block) >= 2:
                a = block.pop()
                b = next((x for x in block if x not in opponents[a]), block[0])
                block.remove(b)
                opponents[a].append(b)
                opponents[b].append(a)
                first = rnd.random() < 0.5
                sides[a].append(AFF if first else NEG)
                sides[b].append(NEG if first else AFF)
    schools = {t: f"School {rnd.randrange(size // 3)}" for t in ids}
    teams = tuple(
        TeamRecord(
            id=t,
            institution=schools[t],
            points=points[i],
            rank=i + 1,
            opponents=tuple(opponents[t]),
            sides=tuple(sides[t]),
        )
        for i, t in enumerate(ids)
    )
    return PairingRequest(POWER, seed, teams)


def _cli_seconds(req: PairingRequest, repeat: int) -> float:
    """Median wall time of `python -m tourney.pairing` on this request."""
    payload = json.dumps(request_to_json(req))
    root = Path(__file__).resolve().parents[1]
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "tourney.pairing"],
            input=payload,
            capture_output=True,
            text=True,
            check=True,
            cwd=root,
        )
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def dense_case(sizes: list[int], seed: int) -> None:
    tiny = PairingRequest(RANDOM, seed, tuple(TeamRecord(id=f"T{i}") for i in range(4)))
    start_up = _cli_seconds(tiny, 7)
    print(f"\nCLI start-up (4-team request): {start_up * 1000:.0f} ms")
    print("\nDense history (3 rounds within windows of 8), one power round")
    print(
        f"  {'teams':<8}{'in process':>12}{'CLI - start-up':>16}{'rematches':>11}{'baseline':>10}"
    )
    for size in sizes:
        req = dense_history(size, seed)
        times = []
        for _ in range(5):
            started = time.perf_counter()
            draw = pair_round(req)
            times.append(time.perf_counter() - started)
        rematches = sum(d.cost.rematch for d in draw.debates)
        teams = {t.id: t for t in req.teams}
        pairs, _ = baseline_pairer(req)
        baseline_rematches = sum(b in teams[a].opponents for a, b in pairs)
        cli = _cli_seconds(req, 3) - start_up
        print(
            f"  {size:<8}{statistics.median(times) * 1000:>10.0f}ms{cli * 1000:>14.0f}ms"
            f"{rematches:>11}{baseline_rematches:>10}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="64,128,400,1000")
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--dense-sizes", default="400,1000")
    args = parser.parse_args(argv)
    rows = [
        ("ms per round (median)", lambda f: f"{statistics.median(f.ms_per_round):.1f}"),
        ("ms per round (max)", lambda f: f"{max(f.ms_per_round):.1f}"),
        ("rematches", lambda f: str(f.rematches)),
        ("same-institution debates", lambda f: str(f.same_institution)),
        ("total pull-up size", lambda f: str(f.pullup_size)),
        ("teams with side imbalance > 1", lambda f: str(f.side_imbalance)),
    ]
    print(f"{args.rounds} rounds (1 random + power fold), seed {args.seed}")
    for size in (int(s) for s in args.sizes.split(",")):
        engine = simulate(size, args.rounds, args.seed, engine_pairer)
        baseline = simulate(size, args.rounds, args.seed, baseline_pairer)
        print(f"\n{size} teams{'':<22}{'engine':>10}{'baseline':>10}")
        for label, show in rows:
            print(f"  {label:<32}{show(engine):>10}{show(baseline):>10}")
    dense_case([int(s) for s in args.dense_sizes.split(",")], args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
