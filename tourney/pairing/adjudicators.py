"""Adjudicator allocation: chairs, then panellists, then trainees, each an optimal assignment.

Pass 1 (chairs) assigns judges to chair seats: first as many chairs as possible, then quality —
strong judges where the seat weight is high (important debates) minus a penalty per team the
judge has seen before. Pass 2 (panellists) fills the panellist seats with the chairs fixed. Seat
weights come from a draft that gives the next-strongest judge to the weakest panel of the most
important debates, so the assignment balances panel strength within each importance level.

If seats stay empty while voting judges sit idle, the chairs picked may have been the only judges
able to fill those seats, so pass 1 is re-solved over every seat of the round at once (chair
seats above panellist seats in lexicographic tiers) and pass 2 repeated: whenever a conflict-free
allocation of full panels exists, one is found. (Solving every seat at once is about three times
slower, so it is kept for rounds that need it.)

Pass 3 (trainees) puts one trainee per debate, strongest panels first, and repeats while trainees
remain. Hard conflicts are never allowed in any pass (``allocation_rules`` is the one definition).
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import replace

import numpy as np

from tourney.pairing.allocation_model import (
    Adjudicator,
    Allocation,
    AllocationRequest,
    Issue,
    Panel,
    panel_sizes,
)
from tourney.pairing.allocation_rules import (
    check_panel,
    judge_keys,
    role_allows,
    team_keys,
    why_no_chair,
)
from tourney.pairing.allocation_solver import best_assignment, tier_unit, unit_scale

SEEN_PENALTY = 0.75
"""Cost per team already judged, in units where the full rating range on a top seat is 2."""
CHAIR_WEIGHT = 3.0
"""Seat weight of a chair in pass 1 (panellist seats weigh 1..2), so strong judges chair."""


class _Round:
    """Matrices over the present judges (seed-shuffled) and the debates of one request."""

    def __init__(self, request: AllocationRequest) -> None:
        self.options = request.options
        self.debates = request.debates
        teams = request.team_map()
        present = sorted((a for a in request.adjudicators if not a.absent), key=lambda a: a.id)
        random.Random(request.seed).shuffle(present)
        self.judges: list[Adjudicator] = present

        self.strength = 1.0 + unit_scale(np.array([j.rating for j in present]))
        raw = np.array([d.importance for d in self.debates], dtype=float)
        self.importance = unit_scale(raw)
        voting = sum(1 for j in present if j.role in ("any", "wing"))
        sizes = panel_sizes(
            raw.tolist(), voting, self.options.panel_size, odd=self.options.odd_panels
        )
        self.wings = np.array([max(size - 1, 0) for size in sizes], dtype=int)
        """Panellist seats per debate: the planned panel (see ``panel_sizes``) minus the chair."""
        top = float(raw.max(initial=0))
        # In the most important rooms strength decides: having judged a team before is no
        # reason to keep the strongest judges out of the top rooms or a final.
        self.seen_scale = np.where((raw == top) & (top > 0), 0.0, 1.0)

        debates_with_key: dict[tuple[str, str], list[int]] = defaultdict(list)
        debate_of_team: dict[str, int] = {}
        for d, debate in enumerate(self.debates):
            for team_id in debate.teams:
                debate_of_team[team_id] = d
                for key in team_keys(teams[team_id], self.options):
                    debates_with_key[key].append(d)
        self.forbidden = np.zeros((len(present), len(self.debates)), dtype=bool)
        self.seen = np.zeros((len(present), len(self.debates)), dtype=float)
        for j, judge in enumerate(present):
            for key in judge_keys(judge, self.options):
                self.forbidden[j, debates_with_key.get(key, [])] = True
            for team_id in set(judge.seen):
                if team_id in debate_of_team:
                    self.seen[j, debate_of_team[team_id]] += 1
        self.seen *= self.seen_scale[None, :]
        self.max_teams = max((len(d.teams) for d in self.debates), default=0)

    def rows(self, roles: tuple[str, ...], exclude: frozenset[int] = frozenset()) -> list[int]:
        """Judge indices with one of ``roles``, in seed order."""
        return [
            j for j, judge in enumerate(self.judges) if judge.role in roles and j not in exclude
        ]

    def solve(
        self,
        rows: list[int],
        col_debate: np.ndarray,
        weight: np.ndarray,
        tier: np.ndarray,
        role_ok: np.ndarray | None = None,
    ) -> list[tuple[int, int]]:
        """Assign judges ``rows`` to seats (``col_debate``: the debate of each seat).

        A seat is worth its tier bonus + judge strength × seat weight − the seen penalty; hard
        conflicts (and seats ``role_ok`` closes) are never used. Returns (judge, seat) pairs.
        """
        if not rows or not len(col_debate):
            return []
        r = np.array(rows)
        seen = self.seen[np.ix_(r, col_debate)]
        values = tier[None, :] + self.strength[r, None] * weight[None, :] - SEEN_PENALTY * seen
        allowed = ~self.forbidden[np.ix_(r, col_debate)]
        if role_ok is not None:
            allowed &= role_ok
        return [(rows[i], c) for i, c in best_assignment(values, allowed)]

    def quality_span(self, max_weight: float) -> float:
        """Largest difference the quality part of one seat's value can make."""
        return 2.0 * max_weight + SEEN_PENALTY * self.max_teams


def _choose_chairs(rnd: _Round, with_wings: bool) -> dict[int, int]:
    """Pass 1: debate index → judge index of its chair.

    ``with_wings``: the planned panellist seats are solved too, one tier below the chairs, so
    the chairs chosen leave the most panellist seats fillable; only the chairs are kept.
    """
    n = len(rnd.debates)
    wings = rnd.wings if with_wings else np.zeros(n, dtype=int)
    col_debate = np.concatenate([np.arange(n), np.repeat(np.arange(n), wings)]).astype(int)
    is_chair = np.arange(len(col_debate)) < n
    weight = np.where(is_chair, CHAIR_WEIGHT, 1.0) + rnd.importance[col_debate]
    span = rnd.quality_span(CHAIR_WEIGHT + 1.0)
    panellist_bonus = tier_unit(len(col_debate), span)
    chair_bonus = tier_unit(len(col_debate), span + panellist_bonus)
    rows = rnd.rows(("any", "wing"))
    can_chair = np.array([role_allows(rnd.judges[j], "chair") for j in rows], dtype=bool)
    role_ok = can_chair[:, None] | ~is_chair[None, :]
    tier = np.where(is_chair, chair_bonus, panellist_bonus)
    pairs = rnd.solve(rows, col_debate, weight, tier, role_ok)
    return {c: j for j, c in pairs if c < n}


def _seat_voting_judges(rnd: _Round) -> tuple[dict[int, int], dict[int, list[int]]]:
    """Passes 1 and 2: chairs and panellists, re-solved jointly when seats stay empty."""
    chairs = _choose_chairs(rnd, with_wings=False)
    panellists = _choose_panellists(rnd, chairs)
    placed = len(chairs) + sum(map(len, panellists.values()))
    seats = len(rnd.debates) + int(rnd.wings.sum())
    if placed < min(seats, len(rnd.rows(("any", "wing")))):
        chairs = _choose_chairs(rnd, with_wings=True)
        panellists = _choose_panellists(rnd, chairs)
    return chairs, panellists


def _draft_seats(rnd: _Round, chairs: dict[int, int], rows: list[int]) -> np.ndarray:
    """Panellist seats (as debate indices) in the order a balancing draft would fill them.

    Each round of the draft gives the next-strongest available judge to the debate with the
    weakest panel so far, most important debates first; debates without a chair come last.
    """
    n = len(rnd.debates)
    picks = iter(sorted(rnd.strength[rows].tolist(), reverse=True))
    total = [float(rnd.strength[chairs[d]]) if d in chairs else 0.0 for d in range(n)]
    seats: list[int] = []
    for wing in range(int(rnd.wings.max(initial=0))):
        for d in sorted(range(n), key=lambda d: (d not in chairs, -rnd.importance[d], total[d], d)):
            if rnd.wings[d] > wing:
                seats.append(d)
                total[d] += next(picks, 0.0)
    return np.array(seats, dtype=int)


def _choose_panellists(rnd: _Round, chairs: dict[int, int]) -> dict[int, list[int]]:
    """Pass 2: debate index → judge indices of its panellists."""
    rows = rnd.rows(("any", "wing"), exclude=frozenset(chairs.values()))
    col_debate = _draft_seats(rnd, chairs, rows)
    weight = 2.0 - np.arange(len(col_debate)) / max(len(col_debate) - 1, 1)
    bonus = tier_unit(len(col_debate), rnd.quality_span(2.0))
    panellists: dict[int, list[int]] = defaultdict(list)
    for j, c in rnd.solve(rows, col_debate, weight, np.full(len(col_debate), bonus)):
        panellists[int(col_debate[c])].append(j)
    return panellists


def _choose_trainees(
    rnd: _Round, chairs: dict[int, int], panellists: dict[int, list[int]]
) -> dict[int, list[int]]:
    """Pass 3: one trainee per debate, strongest panels first, again while trainees remain."""
    covered = sorted(chairs)
    remaining = rnd.rows(("trainee",))
    if not rnd.options.trainees or not covered or not remaining:
        return {}
    mean = np.array([rnd.strength[[chairs[d], *panellists[d]]].mean() for d in covered])
    weight = 1.0 + unit_scale(mean)
    col_debate = np.array(covered, dtype=int)
    tier = np.full(len(covered), tier_unit(len(covered), rnd.quality_span(2.0)))
    trainees: dict[int, list[int]] = defaultdict(list)
    while remaining:
        pairs = rnd.solve(remaining, col_debate, weight, tier)
        if not pairs:
            break
        for j, c in pairs:
            trainees[covered[c]].append(j)
        placed = {j for j, _ in pairs}
        remaining = [j for j in remaining if j not in placed]
    return trainees


def allocate_adjudicators(request: AllocationRequest) -> Allocation:
    """Chairs, panellists and trainees for every debate of ``request`` (rooms left empty).

    Absent judges are ignored; present judges who sit nowhere are listed as unallocated;
    debates left without a chair are listed as uncovered with the reason. Each panel carries
    ``check_panel``'s warnings (judged-before, short panel) and, if uncovered, the reason.
    """
    rnd = _Round(request)
    chairs, panellists = _seat_voting_judges(rnd)
    trainees = _choose_trainees(rnd, chairs, panellists)
    teams, adjudicators = request.team_map(), request.adjudicator_map()

    def ids(judges: list[int]) -> tuple[str, ...]:
        ordered = sorted(judges, key=lambda j: (-rnd.judges[j].rating, rnd.judges[j].id))
        return tuple(rnd.judges[j].id for j in ordered)

    panels: list[Panel] = []
    uncovered: list[Issue] = []
    chairing = {rnd.judges[j].id for j in chairs.values()}
    for d, debate in enumerate(request.debates):
        chair = rnd.judges[chairs[d]].id if d in chairs else None
        panel = Panel(debate.id, chair, ids(panellists.get(d, [])), ids(trainees.get(d, [])))
        warnings = check_panel(debate, panel, teams, adjudicators, request.options)
        if any(issue.hard for issue in warnings):
            raise RuntimeError(f"allocator broke a hard rule: {warnings}")
        if chair is None:  # the generic "no chair" becomes the reason why
            why = why_no_chair(debate, chairing, teams, adjudicators, request.options)
            uncovered.append(why)
            warnings = [why, *(w for w in warnings if w.code != "no_chair")]
        panels.append(replace(panel, warnings=tuple(warnings)))
    placed = {j for panel in panels for j in (*panel.voting, *panel.trainees)}
    unallocated = tuple(
        adj.id for adj in request.adjudicators if not adj.absent and adj.id not in placed
    )
    return Allocation(tuple(panels), unallocated, tuple(uncovered))


def panel_strength(panel: Panel, adjudicators: Mapping[str, Adjudicator]) -> float:
    """Mean rating of the voting judges (0 for an empty panel)."""
    ratings = [adjudicators[j].rating for j in panel.voting]
    return sum(ratings) / len(ratings) if ratings else 0.0
