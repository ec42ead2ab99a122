"""Reviewing a draw: every debate's problems, by the engines' own rules."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from tourney.extensions import db
from tourney.models import Debate, DebateTeam, Round
from tourney.pairing import allocation_model as alloc
from tourney.pairing.allocation_rules import check_panel, why_no_chair
from tourney.pairing.costs import assess
from tourney.pairing.explain import explain
from tourney.pairing.field import Field
from tourney.pairing.four_team import room_clashes
from tourney.pairing.records import (
    AFF,
    BP_POSITIONS,
    NEG,
    POWER,
    RANDOM,
    PairedDebate,
    TeamRecord,
)
from tourney.pairing.rooms import check_room
from tourney.services import history as history_service
from tourney.services.draws.engine_input import (
    pairing_options,
    panel_of,
    round_context,
    team_records,
)


def pairing_field(round_: Round, records: list[TeamRecord]) -> Field:
    """The round's field as the pairing engine sees it (brackets, positions, histories)."""
    kind = round_.draw_type if round_.draw_type in (RANDOM, POWER) else POWER
    return Field(records, kind, round_.tournament_id, pairing_options(round_))


def pairing_explanation(field: Field, aff: str, neg: str) -> dict[str, Any]:
    """A two-team debate's explanation (cost, reasons, pull-ups, text) by the pairing engine's
    own rules, for a pairing made or changed by hand."""
    assessment = assess(field, aff, neg)
    bracket = max(field.teams[aff].points, field.teams[neg].points)
    paired = PairedDebate(
        aff=aff,
        neg=neg,
        bracket=bracket,
        cost=assessment.cost,
        pullup=assessment.pullup,
        reasons=assessment.reasons,
    )
    return {
        "cost": assessment.cost.as_dict(),
        "reasons": [[code, dict(params)] for code, params in assessment.reasons],
        "pullup_teams": [int(assessment.pullup)] if assessment.pullup else [],
        "explain": explain(paired),
        "bracket": bracket,
    }


def refresh_explanations(round_: Round, debate_ids: Iterable[int]) -> None:
    """Store the engine's explanation of these (hand-edited) two-team prelim debates again, so
    the cost, the reasons and the pull-ups that later rounds count describe the teams now
    there. Other debates keep theirs."""
    wanted = sorted(set(debate_ids))
    if round_.kind != "prelim" or not wanted:
        return
    seats = db.session.execute(
        select(DebateTeam.debate_id, DebateTeam.side, DebateTeam.team_id).where(
            DebateTeam.debate_id.in_(wanted)
        )
    ).all()
    sides: dict[int, dict[str, str]] = {}
    for debate_id, side, team_id in seats:
        sides.setdefault(debate_id, {})[side] = str(team_id)
    history = history_service.load(round_.tournament, before_seq=round_.seq)
    field = pairing_field(round_, team_records(history, set()))
    for debate in db.session.scalars(select(Debate).where(Debate.id.in_(wanted))):
        seated = sides.get(debate.id, {})
        if set(seated) != {AFF, NEG} or not set(seated.values()) <= field.teams.keys():
            continue
        live = pairing_explanation(field, seated[AFF], seated[NEG])
        late = [r for r in (debate.explanation or {}).get("reasons", []) if r[0] == "late_team"]
        live["reasons"] = late + live["reasons"]
        debate.bracket = live.pop("bracket")
        debate.explanation = live


@dataclass(frozen=True)
class DebateReview:
    """A debate as it stands now: the pairing's cost and reasons, and every warning once."""

    cost: dict[str, int]
    reasons: list[list[Any]]
    warnings: list[list[Any]]


def review(round_: Round) -> dict[int, DebateReview]:
    """Every debate of the round re-assessed by the engines' own rules, after any hand edit:
    the pairing (costs, reasons, clashes), the panel (conflicts, no chair and why, more or fewer
    voting judges than the round's panel size) and the room (none, not accessible, another
    building, absent this round). Room warnings wait until the round has been allocated."""
    history = history_service.load(round_.tournament, before_seq=round_.seq)
    records = team_records(history, set())  # a team marked absent may still sit in the draw
    known = {record.id for record in records}
    field = pairing_field(round_, records)
    options = pairing_options(round_)
    context = round_context(round_)
    request = context.request
    teams, judges = request.team_map(), request.adjudicator_map()
    rooms = {room.id: room for room in request.rooms}
    panels = {debate_id: panel_of(debate) for debate_id, debate in context.debates.items()}
    chairing = {panel.chair for panel in panels.values() if panel.chair}
    allocated = round_.allocated_at is not None
    found: dict[int, DebateReview] = {}
    for engine_debate in request.debates:
        debate = context.debates[engine_debate.id]
        stored = debate.explanation or {}
        cost, reasons = dict(stored.get("cost", {})), list(stored.get("reasons", []))
        warnings: list[list[Any]] = []
        sides = {dt.side: str(dt.team_id) for dt in debate.teams}
        if round_.kind == "prelim" and {AFF, NEG} <= sides.keys() and len(sides) == 2:
            if {sides[AFF], sides[NEG]} <= known:
                live = pairing_explanation(field, sides[AFF], sides[NEG])
                cost = live["cost"]
                kept = [r for r in reasons if r[0] == "late_team"]
                reasons = kept + live["reasons"]
            warnings += [r for r in reasons if r[0] in CLASH_CODES]
        elif round_.kind == "prelim" and len(sides) == 4:
            room = [sides[p] for p in BP_POSITIONS if p in sides]
            warnings += [
                [code, dict(params)] for code, params in room_clashes(room, records, options)
            ]
        panel = panels[engine_debate.id]
        for issue in check_panel(engine_debate, panel, teams, judges, request.options):
            if issue.code == "no_chair":
                issue = why_no_chair(engine_debate, chairing, teams, judges, request.options)
            warnings.append([issue.code, dict(issue.params)])
        if allocated or debate.venue_id is not None:
            warnings += [
                [issue.code, dict(issue.params)]
                for issue in _room_issues(engine_debate, debate.venue_id, panel, rooms, request)
            ]
        found[debate.id] = DebateReview(cost, reasons, _once(warnings))
    return found


def _room_issues(
    debate: alloc.Debate,
    venue_id: int | None,
    panel: alloc.Panel,
    rooms: dict[str, alloc.Room],
    request: alloc.AllocationRequest,
) -> list[alloc.Issue]:
    """The room engine's warnings for this debate's room; a room marked absent is one too."""
    if venue_id is not None and str(venue_id) not in rooms:
        return [alloc.Issue("room_unavailable", {"room": str(venue_id)})]
    room = rooms.get(str(venue_id)) if venue_id is not None else None
    return check_room(debate, panel, room, request.team_map(), request.adjudicator_map())


def _once(warnings: list[list[Any]]) -> list[list[Any]]:
    """Each warning once (the same rule can be reached by two checks)."""
    seen: set[str] = set()
    unique = []
    for code, params in warnings:
        key = json.dumps([code, params], sort_keys=True, default=str)
        if key not in seen:
            seen.add(key)
            unique.append([code, params])
    return unique


def clashes(round_: Round) -> dict[int, list[list[Any]]]:
    """Every debate's warnings (see ``review``)."""
    return {debate_id: found.warnings for debate_id, found in review(round_).items()}


CLASH_CODES = frozenset(
    {"rematch", "same_institution", "same_region", "side_streak", "side_due", "second_bye"}
)
