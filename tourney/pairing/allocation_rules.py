"""The one definition of adjudicator conflicts, used by the allocator and by ``check_panel``.

A hard conflict is a shared *key* between a judge and a team: the judge's keys come from their
institution, declared conflicts and (for neutral rounds) region; a team's keys from its id,
institution and region. The allocator indexes the keys to fill its cost matrix quickly;
``hard_conflicts`` explains a single judge/debate pair with the same keys.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

from tourney.pairing.allocation_model import (
    Adjudicator,
    AllocationOptions,
    Debate,
    Issue,
    Panel,
    Team,
)

INSTITUTION_PREFIX = "inst:"

Key = tuple[str, str]


def normalise_name(name: str) -> str:
    """Institutions and regions compare as typed modulo case, NFC form and spacing."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def team_keys(team: Team, options: AllocationOptions) -> list[Key]:
    keys: list[Key] = [("team", team.id)]
    if team.institution.strip():
        keys.append(("inst", normalise_name(team.institution)))
    if options.neutral_region and team.region.strip():
        keys.append(("region", normalise_name(team.region)))
    return keys


def judge_keys(judge: Adjudicator, options: AllocationOptions) -> dict[Key, str]:
    """Keys a judge must not share with a team, each with the issue code it raises."""
    keys: dict[Key, str] = {}
    if options.neutral_region and judge.region.strip():
        keys[("region", normalise_name(judge.region))] = "same_region"
    for conflict in judge.conflicts:
        if conflict.startswith(INSTITUTION_PREFIX):
            institution = normalise_name(conflict.removeprefix(INSTITUTION_PREFIX))
            keys[("inst", institution)] = "declared_institution_conflict"
        else:
            keys[("team", conflict)] = "declared_team_conflict"
    if judge.institution.strip():
        keys[("inst", normalise_name(judge.institution))] = "own_institution"
    return keys


def hard_conflicts(
    judge: Adjudicator, debate: Debate, teams: Mapping[str, Team], options: AllocationOptions
) -> list[Issue]:
    keys = judge_keys(judge, options)
    issues = []
    for team_id in debate.teams:
        team = teams[team_id]
        for key in team_keys(team, options):
            code = keys.get(key)
            if code is None:
                continue
            params: dict[str, str] = {"judge": judge.id, "team": team.id}
            if key[0] == "inst":
                params["institution"] = team.institution
            elif key[0] == "region":
                params["region"] = team.region
            issues.append(Issue(code, params))
    return issues


def seen_teams(judge: Adjudicator, debate: Debate) -> list[str]:
    """Teams of the debate this judge has judged before (a soft cost)."""
    seen = set(judge.seen)
    return [team for team in debate.teams if team in seen]


def role_allows(judge: Adjudicator, position: str) -> bool:
    """Who may sit where: wing-only judges never chair, trainees only as trainees."""
    if position == "trainee":
        return judge.role == "trainee"
    if position == "panellist":
        return judge.role in ("any", "wing")
    return judge.role == "any"


def check_panel(
    debate: Debate,
    panel: Panel,
    teams: Mapping[str, Team],
    adjudicators: Mapping[str, Adjudicator],
    options: AllocationOptions,
    panel_size: int | None = None,
) -> list[Issue]:
    """Every conflict and warning of one panel, e.g. after an organiser moved a judge by hand:
    hard conflicts, no chair, and more or fewer voting judges than ``panel_size`` (the debate's
    planned size; default the round's ``options.panel_size``).

    Hard issues (``Issue.hard``) are those the allocator never creates. Judges missing from
    ``adjudicators`` raise ``KeyError``: the caller passes every judge of the tournament.
    """
    issues: list[Issue] = []
    seats = [("chair", panel.chair)] if panel.chair else []
    seats += [("panellist", j) for j in panel.panellists]
    seats += [("trainee", j) for j in panel.trainees]
    placed: set[str] = set()
    for position, judge_id in seats:
        judge = adjudicators[judge_id]
        if judge_id in placed:
            issues.append(Issue("judge_repeated", {"judge": judge_id}))
            continue
        placed.add(judge_id)
        if judge.absent:
            issues.append(Issue("judge_absent", {"judge": judge_id}))
        if not role_allows(judge, position):
            params = {"judge": judge_id, "role": judge.role, "position": position}
            issues.append(Issue("role_not_allowed", params))
        issues += hard_conflicts(judge, debate, teams, options)
        if position != "trainee":  # a trainee's ballot never counts: nothing to warn about
            issues += [
                Issue("judged_before", {"judge": judge_id, "team": team})
                for team in seen_teams(judge, debate)
            ]
    if panel.chair is None:
        issues.append(Issue("no_chair", {"debate": debate.id}))
    voting = len(panel.voting)
    needed = panel_size if panel_size is not None else options.panel_size
    if voting < needed:
        issues.append(Issue("short_panel", {"needed": needed, "have": voting}))
    elif voting > needed:
        issues.append(Issue("long_panel", {"needed": needed, "have": voting}))
    return issues


def why_no_chair(
    debate: Debate,
    chairing_elsewhere: set[str],
    teams: Mapping[str, Team],
    adjudicators: Mapping[str, Adjudicator],
    options: AllocationOptions,
) -> Issue:
    """Why ``debate`` has no chair: nobody present may chair; every such judge has a hard
    conflict with it; every conflict-free one chairs another debate; or (``no_chair``) who
    could still chair it."""
    capable = [j for j in adjudicators.values() if not j.absent and role_allows(j, "chair")]
    if not capable:
        return Issue("no_chair_capable_judge", {"debate": debate.id})
    free = sorted(j.id for j in capable if not hard_conflicts(j, debate, teams, options))
    if not free:
        return Issue("no_conflict_free_chair", {"debate": debate.id, "conflicted": len(capable)})
    idle = [j for j in free if j not in chairing_elsewhere]
    if not idle:
        return Issue(
            "chairs_needed_elsewhere", {"debate": debate.id, "candidates": free, "count": len(free)}
        )
    return Issue("no_chair", {"debate": debate.id, "candidates": idle})
