"""Room allocation: accessibility, buildings, priority, shortage."""

from __future__ import annotations

from tourney.pairing.adjudicators import allocate_adjudicators
from tourney.pairing.allocation_model import AllocationRequest, Panel, Room
from tourney.pairing.rooms import ROOM_CODES, allocate_rooms

from .builders import debates, judge, pairs, request, team


def rooms_of(req: AllocationRequest) -> dict[str, Panel]:
    allocation = allocate_rooms(req, allocate_adjudicators(req))
    return {panel.debate: panel for panel in allocation.panels}


def test_team_needing_access_gets_the_accessible_room():
    teams = [team("A1"), team("B1"), team("A2"), team("B2", needs_access=True)]
    rooms = [Room("R1", accessible=True, priority=1), Room("R2", priority=5)]
    panels = rooms_of(request(debates(*pairs(2)), [], teams, rooms))
    assert panels["D2"].room == "R1"
    assert not any(w.code in ROOM_CODES for p in panels.values() for w in p.warnings)


def test_judge_needing_access_counts_too():
    judges = [judge("J1", 9), judge("J2", 1, needs_access=True)]
    rooms = [Room("R1", priority=5), Room("R2", accessible=True)]
    panels = rooms_of(request(debates(*pairs(2)), judges, rooms=rooms, panel_size=1))
    access_debate = next(d for d, p in panels.items() if p.chair == "J2")
    assert panels[access_debate].room == "R2"


def test_unmet_access_need_is_reported():
    teams = [team("A1", needs_access=True), team("B1"), team("A2"), team("B2")]
    panels = rooms_of(request(debates(*pairs(1)), [], teams, [Room("R1")]))
    codes = [w.code for w in panels["D1"].warnings]
    assert "room_not_accessible" in codes
    warning = next(w for w in panels["D1"].warnings if w.code == "room_not_accessible")
    assert dict(warning.params) == {"room": "R1", "needs": ["A1"], "teams": ["A1"], "judges": []}


def test_teams_stay_in_their_building_when_possible():
    teams = [
        team("A1", previous_building="North"),
        team("B1", previous_building="North"),
        team("A2", previous_building="Main"),
        team("B2"),
    ]
    rooms = [Room("M1", 9, building="Main"), Room("N1", 1, building="North")]
    panels = rooms_of(request(debates(*pairs(2)), [], teams, rooms))
    assert (panels["D1"].room, panels["D2"].room) == ("N1", "M1")
    assert not any(w.code == "building_changed" for p in panels.values() for w in p.warnings)


def test_building_change_is_reported():
    teams = [team("A1", previous_building="North"), team("B1")]
    panels = rooms_of(request(debates(*pairs(1)), [], teams, [Room("M1", building="Main")]))
    (moved,) = [w for w in panels["D1"].warnings if w.code == "building_changed"]
    assert dict(moved.params) == {"team": "A1", "previous": "North", "building": "Main"}


def test_room_priority_puts_the_most_important_debates_in_the_best_rooms():
    rounds = debates(*pairs(3), importance=(0, 2, 1))
    rooms = [Room("Hall", 10), Room("Lab", 1), Room("Class", 5), Room("Attic", 0)]
    panels = rooms_of(request(rounds, [], rooms=rooms, room_priority=True))
    assert [panels[d].room for d in ("D2", "D3", "D1")] == ["Hall", "Class", "Lab"]


def test_lowest_priority_room_stays_empty_when_rooms_are_spare():
    rooms = [Room("Attic", 0), Room("Hall", 10), Room("Class", 5)]
    panels = rooms_of(request(debates(*pairs(2)), [], rooms=rooms))
    assert sorted(p.room for p in panels.values()) == ["Class", "Hall"]


def test_least_important_debate_has_no_room_when_rooms_run_out():
    rounds = debates(*pairs(3), importance=(2, 0, 1))
    panels = rooms_of(request(rounds, [], rooms=[Room("R1"), Room("R2")]))
    assert panels["D2"].room is None
    assert "no_room" in [w.code for w in panels["D2"].warnings]
    assert {panels["D1"].room, panels["D3"].room} == {"R1", "R2"}


def test_rerunning_replaces_room_warnings_and_keeps_judge_warnings():
    req = request(debates(*pairs(2)), [judge("J1")], rooms=[Room("R1")], panel_size=1)
    once = allocate_rooms(req, allocate_adjudicators(req))
    twice = allocate_rooms(req, once)
    assert twice == once
    assert sum(w.code == "no_room" for p in twice.panels for w in p.warnings) == 1
    assert sum(w.code == "chairs_needed_elsewhere" for p in twice.panels for w in p.warnings) == 1
