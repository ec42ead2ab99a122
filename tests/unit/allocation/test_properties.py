"""Hypothesis properties of adjudicator allocation, checked against brute force on small rounds."""

from __future__ import annotations

from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.hypothesis_profiles import examples
from tourney.pairing.adjudicators import allocate_adjudicators
from tourney.pairing.allocation_model import (
    Adjudicator,
    Allocation,
    AllocationOptions,
    AllocationRequest,
    Debate,
    Team,
)
from tourney.pairing.allocation_rules import check_panel

INSTITUTIONS = ("A", "B", "C", "D", "")
REGIONS = ("North", "South")


@st.composite
def rounds(draw: st.DrawFn) -> AllocationRequest:
    n_debates = draw(st.integers(1, 3))
    team_ids = [f"T{i}" for i in range(2 * n_debates)]
    teams = [
        Team(t, draw(st.sampled_from(INSTITUTIONS)), draw(st.sampled_from(REGIONS)))
        for t in team_ids
    ]
    conflict_names = team_ids + [f"inst:{i}" for i in INSTITUTIONS if i]
    judges = [
        Adjudicator(
            f"J{i}",
            rating=draw(st.sampled_from((1.0, 4.0, 5.5, 7.0, 9.0))),
            institution=draw(st.sampled_from(INSTITUTIONS)),
            region=draw(st.sampled_from(REGIONS)),
            role=draw(st.sampled_from(("any", "any", "any", "wing", "trainee"))),
            conflicts=tuple(draw(st.lists(st.sampled_from(conflict_names), max_size=2))),
            seen=tuple(draw(st.lists(st.sampled_from(team_ids), max_size=2))),
            absent=draw(st.booleans().map(lambda b: b and draw(st.booleans()))),
        )
        for i in range(draw(st.integers(0, 8)))
    ]
    debates = [
        Debate(f"D{d}", (team_ids[2 * d], team_ids[2 * d + 1]), draw(st.integers(0, 2)))
        for d in range(n_debates)
    ]
    options = AllocationOptions(
        panel_size=draw(st.sampled_from((1, 3))),
        neutral_region=draw(st.booleans()),
        trainees=draw(st.booleans()),
    )
    return AllocationRequest(
        tuple(debates), tuple(teams), tuple(judges), (), options, draw(st.integers(0, 5))
    )


def conflicted(judge: Adjudicator, debate: Debate, req: AllocationRequest) -> bool:
    """Hard conflicts written out plainly, independently of the engine's key index."""
    teams = req.team_map()
    for team in (teams[t] for t in debate.teams):
        if judge.institution and judge.institution == team.institution:
            return True
        if team.id in judge.conflicts or f"inst:{team.institution}" in judge.conflicts:
            return True
        if req.options.neutral_region and judge.region == team.region:
            return True
    return False


def voters(req: AllocationRequest) -> list[Adjudicator]:
    return [j for j in req.adjudicators if not j.absent and j.role in ("any", "wing")]


def full_allocation_exists(req: AllocationRequest) -> bool:
    """Backtracking over seats: a chair and panel_size - 1 panellists per debate, no conflict."""
    pool = voters(req)
    wings = req.options.panel_size - 1

    def fill(d: int, used: frozenset[int]) -> bool:
        if d == len(req.debates):
            return True
        debate = req.debates[d]
        free = [i for i, j in enumerate(pool) if i not in used and not conflicted(j, debate, req)]
        for chair in (i for i in free if pool[i].role == "any"):
            if seat_wings(d, used | {chair}, [i for i in free if i != chair], wings):
                return True
        return False

    def seat_wings(d: int, used: frozenset[int], free: list[int], left: int) -> bool:
        if left == 0:
            return fill(d + 1, used)
        return any(seat_wings(d, used | {i}, free[k + 1 :], left - 1) for k, i in enumerate(free))

    return fill(0, frozenset())


def max_chairs(req: AllocationRequest) -> int:
    """Most debates that can get a conflict-free chair at once (brute force)."""
    chairs = [j for j in voters(req) if j.role == "any"]

    @cache
    def best(d: int, used: frozenset[str]) -> int:
        if d == len(req.debates):
            return 0
        debate = req.debates[d]
        options = [best(d + 1, used)]
        options += [
            1 + best(d + 1, used | {j.id})
            for j in chairs
            if j.id not in used and not conflicted(j, debate, req)
        ]
        return max(options)

    return best(0, frozenset())


def seated(allocation: Allocation) -> list[str]:
    return [j for p in allocation.panels for j in (*p.voting, *p.trainees)]


@settings(max_examples=examples(150), deadline=None)
@given(rounds())
def test_no_hard_conflict_and_each_judge_at_most_once(req: AllocationRequest):
    allocation = allocate_adjudicators(req)
    judges = req.adjudicator_map()
    debates = {d.id: d for d in req.debates}
    placed = seated(allocation)
    assert len(placed) == len(set(placed))
    for panel in allocation.panels:
        debate = debates[panel.debate]
        assert not any(conflicted(judges[j], debate, req) for j in (*panel.voting, *panel.trainees))
        issues = check_panel(debate, panel, req.team_map(), judges, req.options)
        assert not any(issue.hard for issue in issues)
        assert len(panel.voting) <= req.options.panel_size
        assert panel.chair is None or judges[panel.chair].role == "any"
        assert all(judges[j].role in ("any", "wing") for j in panel.panellists)
        assert all(judges[j].role == "trainee" for j in panel.trainees)
        assert not panel.trainees or req.options.trainees
    present = {j.id for j in req.adjudicators if not j.absent}
    assert set(placed) | set(allocation.unallocated) == present
    assert not set(placed) & set(allocation.unallocated)


@settings(max_examples=examples(150), deadline=None)
@given(rounds())
def test_a_full_conflict_free_allocation_is_found_whenever_one_exists(req: AllocationRequest):
    allocation = allocate_adjudicators(req)
    complete = all(len(p.voting) == req.options.panel_size for p in allocation.panels)
    assert complete == full_allocation_exists(req)
    assert complete == (
        not allocation.uncovered
        and not any(w.code == "short_panel" for p in allocation.panels for w in p.warnings)
    )


@settings(max_examples=examples(150), deadline=None)
@given(rounds())
def test_as_many_debates_as_possible_get_a_chair_and_the_others_say_why(req: AllocationRequest):
    allocation = allocate_adjudicators(req)
    chairless = [p.debate for p in allocation.panels if p.chair is None]
    assert len(req.debates) - len(chairless) == max_chairs(req)
    assert [u.params["debate"] for u in allocation.uncovered] == chairless
    chairs = {p.chair for p in allocation.panels}
    debates = {d.id: d for d in req.debates}
    for reason in allocation.uncovered:
        debate = debates[reason.params["debate"]]
        free = [j.id for j in voters(req) if j.role == "any" and not conflicted(j, debate, req)]
        if reason.code == "chairs_needed_elsewhere":
            assert reason.params["candidates"] == sorted(free)
            assert set(free) <= chairs
        else:
            assert free == []


@settings(max_examples=examples(60), deadline=None)
@given(rounds())
def test_same_request_and_seed_give_the_same_allocation_whatever_the_judge_order(
    req: AllocationRequest,
):
    shuffled = AllocationRequest(
        req.debates, req.teams, req.adjudicators[::-1], req.rooms, req.options, req.seed
    )
    first, again = allocate_adjudicators(req), allocate_adjudicators(shuffled)
    assert first.panels == again.panels
    assert sorted(first.unallocated) == sorted(again.unallocated)
