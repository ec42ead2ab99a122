"""Room allocation: one room per debate, after the judges are known (their access needs count).

One assignment of debates × rooms with lexicographic tiers: first honour accessibility (a debate
with a team or judge who needs access gets an accessible room), then give rooms to the most
important debates when there are too few, then quality: teams (and, less, judges) stay in the
building of their previous round, higher-priority rooms are used first and, with the
``room_priority`` option, the most important debates get the best rooms.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

import numpy as np

from tourney.pairing.allocation_model import (
    Adjudicator,
    Allocation,
    AllocationRequest,
    Debate,
    Issue,
    Panel,
    Room,
    Team,
)
from tourney.pairing.allocation_rules import normalise_name
from tourney.pairing.allocation_solver import best_assignment, tier_unit, unit_scale

TEAM_BUILDING_WEIGHT = 1.0
JUDGE_BUILDING_WEIGHT = 0.5
PRIORITY_WEIGHT = 2.0
"""With ``room_priority``: value of the best room for the most important debate."""
SPARE_PRIORITY_WEIGHT = 0.1
"""Always: when rooms are spare, leave the lowest-priority ones empty."""
ROOM_CODES = frozenset({"no_room", "room_not_accessible", "building_changed"})


def _seated(panel: Panel) -> tuple[str, ...]:
    return (*panel.voting, *panel.trainees)


def access_needs(
    debate: Debate, panel: Panel, teams: Mapping[str, Team], adjudicators: Mapping[str, Adjudicator]
) -> list[str]:
    """Ids of the teams and judges of this debate who need an accessible room."""
    needs = [t for t in debate.teams if teams[t].needs_access]
    return needs + [j for j in _seated(panel) if adjudicators[j].needs_access]


def check_room(
    debate: Debate,
    panel: Panel,
    room: Room | None,
    teams: Mapping[str, Team],
    adjudicators: Mapping[str, Adjudicator],
) -> list[Issue]:
    """Warnings for holding ``debate`` with ``panel`` in ``room`` (None: no room at all)."""
    if room is None:
        return [Issue("no_room", {"debate": debate.id})]
    issues = []
    needs = access_needs(debate, panel, teams, adjudicators)
    if needs and not room.accessible:
        who = {
            "teams": [t for t in debate.teams if teams[t].needs_access],
            "judges": [j for j in _seated(panel) if adjudicators[j].needs_access],
        }
        issues.append(Issue("room_not_accessible", {"room": room.id, "needs": needs, **who}))
    for team_id in debate.teams:
        previous = teams[team_id].previous_building
        if previous and room.building and normalise_name(previous) != normalise_name(room.building):
            params = {"team": team_id, "previous": previous, "building": room.building}
            issues.append(Issue("building_changed", params))
    return issues


def _building_matches(
    debates: tuple[Debate, ...],
    panels: list[Panel],
    rooms: tuple[Room, ...],
    teams: Mapping[str, Team],
    adjudicators: Mapping[str, Adjudicator],
) -> np.ndarray:
    """Debates × rooms: weighted count of people who would stay in their previous building."""
    column_of: dict[str, list[int]] = {}
    for r, room in enumerate(rooms):
        if room.building:
            column_of.setdefault(normalise_name(room.building), []).append(r)
    matches = np.zeros((len(debates), len(rooms)))
    for d, (debate, panel) in enumerate(zip(debates, panels, strict=True)):
        people = [(teams[t].previous_building, TEAM_BUILDING_WEIGHT) for t in debate.teams]
        people += [
            (adjudicators[j].previous_building, JUDGE_BUILDING_WEIGHT) for j in _seated(panel)
        ]
        for building, weight in people:
            if building:
                matches[d, column_of.get(normalise_name(building), [])] += weight
    return matches


def allocate_rooms(request: AllocationRequest, allocation: Allocation) -> Allocation:
    """``allocation`` with a room (or a ``no_room`` warning) on every panel.

    Room warnings from an earlier call are replaced, so this can be re-run after manual edits.
    """
    by_debate = {panel.debate: panel for panel in allocation.panels}
    debates, rooms = request.debates, request.rooms
    panels = [by_debate[debate.id] for debate in debates]
    held = list(zip(debates, panels, strict=True))
    teams, adjudicators = request.team_map(), request.adjudicator_map()

    needs = np.array([bool(access_needs(d, p, teams, adjudicators)) for d, p in held], dtype=bool)
    accessible = np.array([room.accessible for room in rooms], dtype=bool)
    importance = unit_scale(np.array([d.importance for d in debates]))
    priority = unit_scale(np.array([room.priority for room in rooms]))
    levels = np.unique([d.importance for d in debates], return_inverse=True)[1].reshape(-1)

    quality = _building_matches(debates, panels, rooms, teams, adjudicators)
    quality += SPARE_PRIORITY_WEIGHT * priority[None, :]
    if request.options.room_priority:
        quality += PRIORITY_WEIGHT * importance[:, None] * priority[None, :]
    max_people = max((len(d.teams) + len(_seated(p)) for d, p in held), default=0)
    span = TEAM_BUILDING_WEIGHT * max_people + PRIORITY_WEIGHT + SPARE_PRIORITY_WEIGHT
    level_bonus = tier_unit(len(debates), span)
    access_penalty = tier_unit(len(debates), span + level_bonus * float(levels.max(initial=0)))
    values = (
        access_penalty
        + 1.0
        + level_bonus * levels[:, None]
        - access_penalty * (needs[:, None] & ~accessible[None, :])
        + quality
    )
    room_of = {d: rooms[r] for d, r in best_assignment(values, np.ones(values.shape, dtype=bool))}

    placed = []
    for d, (debate, panel) in enumerate(held):
        room = room_of.get(d)
        kept = tuple(w for w in panel.warnings if w.code not in ROOM_CODES)
        issues = check_room(debate, panel, room, teams, adjudicators)
        placed.append(replace(panel, room=room.id if room else None, warnings=kept + tuple(issues)))
    return replace(allocation, panels=tuple(placed))
