"""Conflict rules and check_panel: what an organiser's manual edit is told."""

from __future__ import annotations

from tourney.pairing.allocation_model import AllocationOptions, Debate, Issue, Panel, describe
from tourney.pairing.allocation_rules import check_panel, hard_conflicts

from .builders import judge, team

TEAMS = {
    "T1": team("T1", "Лицей 1", "Sughd"),
    "T2": team("T2", "Лицей 2", "Khatlon"),
}
DEBATE = Debate("D1", ("T1", "T2"))
OPTIONS = AllocationOptions(panel_size=3)


def codes(issues: list[Issue]) -> list[str]:
    return [issue.code for issue in issues]


def test_own_institution_matches_regardless_of_case_and_spacing():
    issues = hard_conflicts(judge("J1", institution="  лицей   1"), DEBATE, TEAMS, OPTIONS)
    assert issues == [
        Issue("own_institution", {"judge": "J1", "team": "T1", "institution": "Лицей 1"})
    ]


def test_declared_team_and_institution_conflicts():
    j = judge("J1", conflicts=("T2", "inst:ЛИЦЕЙ 1"))
    assert sorted(codes(hard_conflicts(j, DEBATE, TEAMS, OPTIONS))) == [
        "declared_institution_conflict",
        "declared_team_conflict",
    ]


def test_region_conflicts_only_when_neutral_judges_are_asked():
    j = judge("J1", region="Sughd")
    assert hard_conflicts(j, DEBATE, TEAMS, OPTIONS) == []
    neutral = AllocationOptions(neutral_region=True)
    assert codes(hard_conflicts(j, DEBATE, TEAMS, neutral)) == ["same_region"]


def test_unrelated_judge_has_no_conflict():
    assert hard_conflicts(judge("J1", conflicts=("T9", "inst:Other")), DEBATE, TEAMS, OPTIONS) == []


def test_manual_edit_reports_every_problem_of_the_panel():
    adjudicators = {
        "C": judge("C", role="wing"),
        "P1": judge("P1", institution="Лицей 2", seen=("T1",)),
        "P2": judge("P2", absent=True),
        "X": judge("X", role="any"),
    }
    panel = Panel("D1", "C", ("P1", "P2"), ("X", "C"))
    issues = check_panel(DEBATE, panel, TEAMS, adjudicators, OPTIONS)
    assert codes(issues) == [
        "role_not_allowed",
        "own_institution",
        "judged_before",
        "judge_absent",
        "role_not_allowed",
        "judge_repeated",
    ]
    assert [i.hard for i in issues] == [True, True, False, True, True, True]
    assert issues[0].params == {"judge": "C", "role": "wing", "position": "chair"}


def test_short_panel_is_a_soft_warning():
    adjudicators = {"C": judge("C")}
    issues = check_panel(DEBATE, Panel("D1", "C"), TEAMS, adjudicators, OPTIONS)
    assert issues == [Issue("short_panel", {"needed": 3, "have": 1})]
    assert not issues[0].hard


def test_describe_renders_params_in_english():
    issue = Issue("judged_before", {"judge": "J1", "team": "T01"})
    assert describe(issue) == "J1 has judged team T01 before"
    room = Issue("room_not_accessible", {"room": "R1", "needs": ["T1", "J2"]})
    assert describe(room) == "room R1 is not accessible but T1, J2 need access"


def test_a_trainee_who_judged_a_team_before_is_no_warning():
    """A trainee's ballot never counts, so having seen a team is nothing to flag."""
    adjudicators = {"C": judge("C"), "T": judge("T", seen=("T1",))}
    panel = Panel("D1", "C", (), ("T",))
    assert "judged_before" not in codes(check_panel(DEBATE, panel, TEAMS, adjudicators, OPTIONS))
    as_panellist = Panel("D1", "C", ("T",))
    assert "judged_before" in codes(check_panel(DEBATE, as_panellist, TEAMS, adjudicators, OPTIONS))


def test_a_panel_without_a_chair_or_of_the_wrong_size_is_told_so():
    adjudicators = {j: judge(j) for j in ("A", "B", "C", "D")}
    chairless = check_panel(DEBATE, Panel("D1", None, ("A", "B")), TEAMS, adjudicators, OPTIONS)
    assert codes(chairless) == ["no_chair", "short_panel"]
    four = check_panel(DEBATE, Panel("D1", "A", ("B", "C", "D")), TEAMS, adjudicators, OPTIONS)
    assert four == [Issue("long_panel", {"needed": 3, "have": 4})]
    planned_one = check_panel(DEBATE, Panel("D1", "A"), TEAMS, adjudicators, OPTIONS, panel_size=1)
    assert planned_one == []


def test_why_no_chair_names_the_judges_who_could_chair():
    from tourney.pairing.allocation_rules import why_no_chair

    adjudicators = {
        "W": judge("W", role="wing"),
        "X": judge("X", institution="Лицей 1"),
        "Y": judge("Y"),
        "Z": judge("Z", absent=True),
    }
    assert why_no_chair(DEBATE, set(), TEAMS, adjudicators, OPTIONS) == Issue(
        "no_chair", {"debate": "D1", "candidates": ["Y"]}
    )
    assert why_no_chair(DEBATE, {"Y"}, TEAMS, adjudicators, OPTIONS).code == (
        "chairs_needed_elsewhere"
    )
    only_conflicted = {"X": adjudicators["X"], "W": adjudicators["W"]}
    assert why_no_chair(DEBATE, set(), TEAMS, only_conflicted, OPTIONS).code == (
        "no_conflict_free_chair"
    )
    assert why_no_chair(DEBATE, set(), TEAMS, {"W": adjudicators["W"]}, OPTIONS).code == (
        "no_chair_capable_judge"
    )
