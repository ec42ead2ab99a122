"""Adjudicator allocation: who chairs, who sits where, what is reported."""

from __future__ import annotations

from tourney.pairing.adjudicators import allocate_adjudicators, panel_strength
from tourney.pairing.allocation_model import Allocation, Panel

from .builders import debates, judge, pairs, request, team


def by_debate(allocation: Allocation) -> dict[str, Panel]:
    return {panel.debate: panel for panel in allocation.panels}


def warning_codes(panel: Panel) -> list[str]:
    return [w.code for w in panel.warnings]


def test_strongest_chair_goes_to_the_most_important_debate():
    rounds = debates(*pairs(3), importance=(0, 3, 1))
    judges = [judge("J1", 4), judge("J2", 9), judge("J3", 6)]
    panels = by_debate(allocate_adjudicators(request(rounds, judges, panel_size=1)))
    assert [panels[d].chair for d in ("D1", "D2", "D3")] == ["J1", "J2", "J3"]


def test_strongest_judges_chair_and_surplus_judges_are_unallocated():
    judges = [judge(f"J{r}", r) for r in (3, 8, 1, 6, 5)]
    allocation = allocate_adjudicators(request(debates(*pairs(2)), judges, panel_size=1))
    assert sorted(p.chair for p in allocation.panels) == ["J6", "J8"]
    assert allocation.unallocated == ("J3", "J1", "J5")


def test_wing_only_judge_never_chairs():
    judges = [judge("W", 10, role="wing"), judge("A", 2), judge("B", 1)]
    (panel,) = allocate_adjudicators(request(debates(*pairs(1)), judges)).panels
    assert panel.chair == "A"
    assert panel.panellists == ("W", "B")


def test_own_institution_judge_is_never_placed_even_if_strongest():
    teams = [team("A1", "Лицей 1"), team("B1", "Гимназия 3")]
    judges = [judge("J1", 10, institution="Лицей 1"), judge("J2", 3)]
    allocation = allocate_adjudicators(request(debates(*pairs(1)), judges, teams, panel_size=1))
    assert allocation.panels[0].chair == "J2"
    assert allocation.unallocated == ("J1",)


def test_judge_who_saw_a_team_is_avoided_when_an_equal_judge_has_not():
    judges = [judge("J1", 7, seen=("A1",)), judge("J2", 7, seen=("A2",))]
    allocation = allocate_adjudicators(request(debates(*pairs(2)), judges, panel_size=1))
    assert by_debate(allocation)["D1"].chair == "J2"
    assert all(p.warnings == () for p in allocation.panels)


def test_unavoidable_repeat_is_placed_with_a_warning():
    judges = [judge("J1", 7, seen=("B1",))]
    (panel,) = allocate_adjudicators(request(debates(*pairs(1)), judges, panel_size=1)).panels
    assert panel.chair == "J1"
    assert panel.warnings[0].code == "judged_before"
    assert dict(panel.warnings[0].params) == {"judge": "J1", "team": "B1"}


def test_panels_of_equal_importance_are_balanced():
    judges = [judge(f"J{r}", r) for r in (10, 9, 8, 7, 2, 1)]
    req = request(debates(*pairs(2)), judges)
    allocation = allocate_adjudicators(req)
    strengths = [panel_strength(p, req.adjudicator_map()) for p in allocation.panels]
    assert sorted(p.chair for p in allocation.panels) == ["J10", "J9"]
    assert abs(strengths[0] - strengths[1]) <= 1 / 3 + 1e-9


def test_short_of_judges_every_debate_gets_a_chair_before_any_panellist():
    judges = [judge(f"J{i}", 5 + i) for i in range(4)]
    rounds = debates(*pairs(3), importance=(0, 2, 0))
    allocation = allocate_adjudicators(request(rounds, judges))
    panels = by_debate(allocation)
    assert all(p.chair for p in panels.values())
    for d in ("D1", "D2", "D3"):  # a fourth judge would make an even panel of two: idle
        assert panels[d].panellists == ()
        assert panels[d].warnings[-1].params == {"needed": 3, "have": 1}
    assert len(allocation.unallocated) == 1


def test_too_few_chairs_leave_the_least_important_debate_uncovered():
    judges = [judge("J1", 5), judge("J2", 6), judge("W", 9, role="wing")]
    rounds = debates(*pairs(3), importance=(2, 0, 1))
    allocation = allocate_adjudicators(request(rounds, judges, panel_size=1))
    panels = by_debate(allocation)
    assert panels["D2"].chair is None
    assert [u.code for u in allocation.uncovered] == ["chairs_needed_elsewhere"]
    assert allocation.uncovered[0].params["debate"] == "D2"
    assert allocation.uncovered[0].params["candidates"] == ["J1", "J2"]
    assert warning_codes(panels["D2"])[0] == "chairs_needed_elsewhere"


def test_debate_no_judge_may_chair_is_reported_with_the_reason():
    teams = [team("A1", "Лицей 1"), team("B1", "Лицей 2"), team("A2"), team("B2")]
    judges = [
        judge("J1", 8, institution="Лицей 1"),
        judge("J2", 6, conflicts=("B1",)),
        judge("J3", 4, region="Sughd"),
    ]
    req = request(debates(*pairs(2)), judges, teams, panel_size=1, neutral_region=True)
    allocation = allocate_adjudicators(req)
    assert by_debate(allocation)["D1"].chair is None
    (reason,) = allocation.uncovered
    assert reason.code == "no_conflict_free_chair"
    assert dict(reason.params) == {"debate": "D1", "conflicted": 3}


def test_chairs_are_chosen_so_panellist_seats_stay_fillable():
    # Taking the two strongest chairs (J1 in D1, J5 in D2) leaves D2 one judge short; the only
    # full allocation puts weak J3 in the chair of D1 and all of J1, J5, J6 in D2.
    teams = [team("A1", "X"), team("B1", "Y"), team("A2", "Z"), team("B2", "W")]
    judges = [
        judge("J1", 10),
        judge("J2", 9, institution="Z", role="wing"),
        judge("J4", 8, institution="W", role="wing"),
        judge("J3", 3, institution="W"),
        judge("J5", 8, conflicts=("A1",)),
        judge("J6", 7, conflicts=("B1",)),
    ]
    panels = by_debate(allocate_adjudicators(request(debates(*pairs(2)), judges, teams)))
    assert panels["D1"].chair == "J3"
    assert sorted(panels["D1"].panellists) == ["J2", "J4"]
    assert panels["D2"].chair == "J1"
    assert sorted(panels["D2"].panellists) == ["J5", "J6"]
    assert all(p.warnings == () for p in panels.values())


def test_trainees_go_to_the_strongest_panels_one_each_and_then_again():
    judges = [judge(f"J{r}", r) for r in (9, 5, 1)] + [judge("T1", 3, role="trainee")]
    req = request(debates(*pairs(3)), judges, panel_size=1)
    panels = by_debate(allocate_adjudicators(req))
    assert [p.trainees for p in panels.values() if p.chair == "J9"] == [("T1",)]

    many = judges + [judge(f"T{i}", 3, role="trainee") for i in range(2, 6)]
    allocation = allocate_adjudicators(request(debates(*pairs(2)), many, panel_size=1))
    assert sorted(len(p.trainees) for p in allocation.panels) == [2, 3]


def test_trainees_can_be_switched_off():
    judges = [judge("J1", 5), judge("T1", 3, role="trainee")]
    allocation = allocate_adjudicators(
        request(debates(*pairs(1)), judges, panel_size=1, trainees=False)
    )
    assert allocation.panels[0].trainees == ()
    assert allocation.unallocated == ("T1",)


def test_absent_judges_sit_nowhere_and_are_not_listed_as_unallocated():
    judges = [judge("J1", 9, absent=True), judge("J2", 5), judge("J3", 4)]
    allocation = allocate_adjudicators(request(debates(*pairs(1)), judges, panel_size=1))
    assert allocation.panels[0].chair == "J2"
    assert allocation.unallocated == ("J3",)


def test_the_seed_breaks_ties_and_the_same_seed_repeats():
    judges = [judge("J1", 5), judge("J2", 5)]
    outcomes = set()
    for seed in range(12):
        req = request(debates(*pairs(2)), judges, panel_size=1, seed=seed)
        first = allocate_adjudicators(req)
        assert allocate_adjudicators(req) == first
        outcomes.add(first.panels[0].chair)
    assert outcomes == {"J1", "J2"}


def test_short_of_judges_panels_stay_odd_most_important_first():
    """Five debates, panels of three, eleven judges: 3, 3, 3, 1, 1, never a panel of two."""
    rounds = debates(*pairs(5), importance=(0, 2, 0, 1, 0))
    judges = [judge(f"J{i:02d}", 3 + i % 6) for i in range(11)]
    panels = by_debate(allocate_adjudicators(request(rounds, judges, panel_size=3)))
    sizes = {d: len(p.voting) for d, p in panels.items()}
    assert sorted(sizes.values()) == [1, 1, 3, 3, 3]
    assert sizes["D2"] == sizes["D4"] == 3


def test_even_panels_only_when_the_director_asks():
    rounds = debates(*pairs(5))
    judges = [judge(f"J{i:02d}", 3 + i % 6) for i in range(11)]
    allocation = allocate_adjudicators(request(rounds, judges, panel_size=3, odd_panels=False))
    assert sorted(len(p.voting) for p in allocation.panels) == [2, 2, 2, 2, 3]


def test_the_final_gets_the_strongest_judges_even_if_they_judged_the_finalists():
    """The shape reported: the final got judges rated 8.5, 6 and 5.5 while 9, 9 and 8.5 sat
    idle, because the 9, 9, 8.5 had judged the finalists in earlier rounds."""
    final = debates(("A1", "B1"), importance=(1,))
    judges = [
        judge("N1", 9, seen=("A1", "B1")),
        judge("N2", 9, seen=("A1",)),
        judge("N3", 8.5, seen=("B1", "A1")),
        judge("F1", 8.5),
        judge("F2", 6),
        judge("F3", 5.5),
        judge("F4", 3),
    ]
    (panel,) = allocate_adjudicators(request(final, judges, panel_size=3)).panels
    rating = {j.id: j.rating for j in judges}
    assert sorted(rating[j] for j in panel.voting) == [8.5, 9, 9]
    assert {"N1", "N2"} <= set(panel.voting) and panel.chair in ("N1", "N2")
