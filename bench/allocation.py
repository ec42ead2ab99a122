"""Judge and room allocation timings on realistic rounds: .venv/bin/python bench/allocation.py

For 64, 200 and 500 debates with 3-judge panels: schools sending two teams each across the five
regions, coaches judging (their institution is a hard conflict), independent judges, some declared
conflicts, judging history, wing-only and trainee judges, a few absences, and rooms in four
buildings. Prints the median time of a few runs and the quality of the result.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tourney.pairing.adjudicators import allocate_adjudicators, panel_strength
from tourney.pairing.allocation_model import (
    Adjudicator,
    AllocationOptions,
    AllocationRequest,
    Debate,
    Room,
    Team,
)
from tourney.pairing.rooms import allocate_rooms

REGIONS = ("Dushanbe", "Sughd", "Khatlon", "GBAO", "RRP")
REGION_WEIGHTS = (3, 3, 3, 1, 2)
BUILDINGS = ("Main", "North", "Library", "Sports")
RUNS = 5
CASES = ((64, 1.15), (200, 1.15), (500, 1.15), (200, 0.95), (500, 0.95))
"""Debates and judges per seat: ample judges, then too few (short panels, the joint pass)."""


def make_round(debates: int, judges_per_seat: float, seed: int = 7) -> AllocationRequest:
    rng = random.Random(seed)
    n_teams = 2 * debates
    schools = [
        (f"School {i}", rng.choices(REGIONS, REGION_WEIGHTS)[0]) for i in range(n_teams // 2)
    ]
    teams = []
    for i in range(n_teams):
        school, region = schools[i // 2]
        teams.append(
            Team(
                f"T{i:04d}",
                school,
                region,
                needs_access=rng.random() < 0.02,
                previous_building=rng.choice(BUILDINGS),
            )
        )
    order = list(range(n_teams))
    rng.shuffle(order)
    brackets = [rng.randint(0, 3) for _ in range(debates)]
    top = max(brackets)
    rounds = [
        Debate(f"D{d:03d}", (teams[order[2 * d]].id, teams[order[2 * d + 1]].id), int(b == top))
        for d, b in enumerate(brackets)
    ]
    judges = []
    for i in range(int(debates * 3 * judges_per_seat)):
        if rng.random() < 0.7:
            institution, region = rng.choice(schools)
        else:
            institution, region = f"University {rng.randint(1, 8)}", rng.choice(REGIONS)
        conflicts = [rng.choice(teams).id for _ in range(rng.choice((0, 0, 0, 0, 0, 1, 2)))]
        if rng.random() < 0.05:
            conflicts.append("inst:" + rng.choice(schools)[0])
        role = rng.choices(("any", "wing", "trainee"), (80, 12, 8))[0]
        judges.append(
            Adjudicator(
                f"J{i:04d}",
                rating=round(min(10.0, max(1.0, rng.gauss(6, 1.5))), 1),
                institution=institution,
                region=region,
                role=role,
                conflicts=tuple(conflicts),
                seen=tuple(rng.choice(teams).id for _ in range(rng.randint(0, 4))),
                needs_access=rng.random() < 0.01,
                absent=rng.random() < 0.03,
            )
        )
    rooms = [
        Room(f"R{r:03d}", rng.randint(1, 5), rng.random() < 0.2, rng.choice(BUILDINGS))
        for r in range(debates + 5)
    ]
    options = AllocationOptions(panel_size=3, room_priority=True)
    return AllocationRequest(tuple(rounds), tuple(teams), tuple(judges), tuple(rooms), options, 1)


def spread(strengths: list[float]) -> float:
    """Mean |panel strength − mean panel strength|, in rating points."""
    mean = statistics.fmean(strengths)
    return statistics.fmean(abs(s - mean) for s in strengths)


def timed(call) -> tuple[float, object]:
    times, result = [], None
    for _ in range(RUNS):
        start = time.perf_counter()
        result = call()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def main() -> None:
    print("median of", RUNS, "runs; balance = mean |panel strength - mean| (rating points),")
    print("overall and averaged within each importance level (important rooms are stronger)")
    print("judges per seat: 1.15 for the first three rows, 0.95 (too few judges) for the last two")
    print(
        f"{'debates':>7} {'judges':>6} {'judges ms':>9} {'rooms ms':>8} {'placed':>6} "
        f"{'uncovered':>9} {'short':>5} {'balance':>7} {'within imp.':>11}"
    )
    for debates, judges_per_seat in CASES:
        request = make_round(debates, judges_per_seat)
        judges_ms, allocation = timed(lambda r=request: allocate_adjudicators(r))
        rooms_ms, allocation = timed(lambda r=request, a=allocation: allocate_rooms(r, a))
        adjudicators = request.adjudicator_map()
        placed = sum(len(p.voting) + len(p.trainees) for p in allocation.panels)
        short = sum(any(w.code == "short_panel" for w in p.warnings) for p in allocation.panels)
        importance = {d.id: d.importance for d in request.debates}
        by_level: dict[int, list[float]] = {}
        for panel in allocation.panels:
            if panel.voting:
                strength = panel_strength(panel, adjudicators)
                by_level.setdefault(importance[panel.debate], []).append(strength)
        balance = spread([s for level in by_level.values() for s in level])
        level_balance = statistics.fmean(spread(level) for level in by_level.values())
        present = sum(not a.absent for a in request.adjudicators)
        print(
            f"{debates:>7} {present:>6} {judges_ms:>9.1f} {rooms_ms:>8.1f} {placed:>6} "
            f"{len(allocation.uncovered):>9} {short:>5} {balance:>7.3f} {level_balance:>11.3f}"
        )


if __name__ == "__main__":
    main()
