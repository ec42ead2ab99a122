"""Reviewing a draw: every debate's problems, by the engines' own rules."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from sqlalchemy import select

from tourney.extensions import db
from tourney.models import Debate, DebateTeam, Round, User
from tourney.models._base import utcnow
from tourney.pairing import allocation_model as alloc
from tourney.pairing.allocation_rules import check_panel, why_no_chair
from tourney.pairing.costs import assess
from tourney.pairing.elimination import seeded_debate
from tourney.pairing.explain import explain
from tourney.pairing.field import Field
from tourney.pairing.four_team import assess_room
from tourney.pairing.four_team_elimination import seeded_room
from tourney.pairing.records import (
    AFF,
    BP_POSITIONS,
    ELIMINATION,
    NEG,
    POWER,
    RANDOM,
    FourTeamDebate,
    PairedDebate,
    TeamRecord,
)
from tourney.pairing.room_swaps import Clashes
from tourney.pairing.rooms import check_room
from tourney.services import history as history_service
from tourney.services.draws.engine_input import (
    elimination_field,
    pairing_options,
    panel_of,
    round_context,
    team_records,
)
from tourney.services.errors import ServiceError


def pairing_field(round_: Round, records: list[TeamRecord]) -> Field:
    """The round's field as the pairing engine sees it (brackets, positions, histories)."""
    kind = round_.draw_type if round_.draw_type in (RANDOM, POWER) else POWER
    return Field(records, kind, round_.tournament_id, pairing_options(round_))


def stored_explanation(paired: PairedDebate | FourTeamDebate) -> dict[str, Any]:
    """What a debate stores about its pairing: the cost tiers, the structured reasons, the
    pulled-up teams (later rounds count them) and the engine's sentence."""
    return {
        "cost": paired.cost.as_dict(),
        "reasons": [[code, dict(params)] for code, params in paired.reasons],
        "pullup_teams": [int(team) for team in paired.pullups],
        "explain": explain(paired),
    }


def _assessed(field: Field, aff: str, neg: str) -> PairedDebate:
    assessment = assess(field, aff, neg)
    bracket = max(field.teams[aff].points, field.teams[neg].points)
    return PairedDebate(aff, neg, bracket, assessment.cost, assessment.pullup, assessment.reasons)


def pairing_explanation(field: Field, aff: str, neg: str) -> dict[str, Any]:
    """A two-team prelim debate's explanation and bracket by the pairing engine's own rules,
    for a pairing made by hand."""
    paired = _assessed(field, aff, neg)
    return {**stored_explanation(paired), "bracket": paired.bracket}


HAND_REASONS = ("edited_by_hand", "late_team")
"""Reasons only the tab room knows, said first and kept when the engine scores a debate again."""


class PairingRules:
    """The pairing engine's view of a drawn round, to score any of its debates as it stands
    now: the generator's inputs (the field, with the break's seeds in an elimination round)
    and the engine's own cost functions, in every format and kind of round."""

    def __init__(self, round_: Round) -> None:
        self.round_ = round_
        self.options = pairing_options(round_)
        history = history_service.load(round_.tournament, before_seq=round_.seq)
        self.field: Field | None
        if round_.kind == "elimination":
            try:
                seeded = elimination_field(round_, history)
            except ServiceError:  # the break or an earlier result has changed since the draw
                self.field = None
            else:
                self.field = Field(seeded, ELIMINATION, round_.tournament_id, self.options)
        else:  # a team marked absent may still sit in the draw
            self.field = pairing_field(round_, team_records(history, set()))

    @cached_property
    def clashes(self) -> Clashes:
        assert self.field is not None
        return Clashes(self.field)

    def paired(
        self, debate: Debate, seats: Mapping[str, str]
    ) -> PairedDebate | FourTeamDebate | None:
        """The debate with these seats (side → team id) as the engine scores it; None when a
        seat is empty or a team is not in the round's field."""
        field = self.field
        if field is None or not set(seats.values()) <= field.teams.keys():
            return None
        elimination = self.round_.kind == "elimination"
        if set(seats) == {AFF, NEG}:
            if elimination:
                policy = self.options.elimination_sides
                return seeded_debate(field, seats[AFF], seats[NEG], policy)
            return _assessed(field, seats[AFF], seats[NEG])
        if set(seats) == set(BP_POSITIONS):
            room = [seats[position] for position in BP_POSITIONS]
            if elimination:
                return seeded_room([field.teams[team] for team in room], debate.position)
            return assess_room(field, room, self.clashes)
        return None

    def explanation(
        self, debate: Debate, seats: Mapping[str, str], reasons: list[list[Any]] | None = None
    ) -> dict[str, Any] | None:
        """The debate's explanation as ``stored_explanation`` makes it, with its ``bracket``,
        led by the reasons only the tab room knows (``hand_reasons`` of ``reasons``, the stored
        ones by default); None as for ``paired``."""
        paired = self.paired(debate, seats)
        if paired is None:
            return None
        if reasons is None:
            reasons = (debate.explanation or {}).get("reasons", [])
        found = stored_explanation(paired)
        found["reasons"] = hand_reasons(reasons) + found["reasons"]
        return {**found, "bracket": paired.bracket}


def hand_reasons(reasons: Iterable[list[Any]]) -> list[list[Any]]:
    """The reasons only the tab room knows (``HAND_REASONS``), in that order."""
    return sorted(
        (r for r in reasons if r[0] in HAND_REASONS), key=lambda r: HAND_REASONS.index(r[0])
    )


def refresh_explanations(round_: Round, debate_ids: Iterable[int], user: User) -> None:
    """Store the engine's explanation of these hand-edited debates again, marked
    ``edited_by_hand`` by ``user`` now (an earlier mark is replaced). Other debates keep theirs.

    A tab director reading a debate wants what is true of it now and why it differs from the
    engine's draw. So the engine scores the teams now there (cost, pull-ups that later rounds
    count, an elimination round's seeds, from the break as the generator seeds it): "seed 1 v
    seed 8" becomes "seed 1 v seed 7", which shows at a glance that the bracket no longer folds.
    The mark says that the departure was a person's (who and when, as in the audit log), so
    nobody takes it for an engine fault or "repairs" it. Dropping the seeds and keeping only the
    mark would hide what the room now is. When the engine cannot score the debate (the break
    has changed since), only the mark is stored: stale reasons are never kept."""
    wanted = sorted(set(debate_ids))
    if not wanted:
        return
    seats = db.session.execute(
        select(DebateTeam.debate_id, DebateTeam.side, DebateTeam.team_id).where(
            DebateTeam.debate_id.in_(wanted)
        )
    ).all()
    sides: dict[int, dict[str, str]] = {}
    for debate_id, side, team_id in seats:
        sides.setdefault(debate_id, {})[side] = str(team_id)
    rules = PairingRules(round_)
    mark = [
        "edited_by_hand",
        {"by": user.display_name or user.username, "at": utcnow().isoformat()},
    ]
    for debate in db.session.scalars(select(Debate).where(Debate.id.in_(wanted))):
        stored = debate.explanation or {}
        marked = [mark, *(r for r in stored.get("reasons", []) if r[0] != "edited_by_hand")]
        live = rules.explanation(debate, sides.get(debate.id, {}), marked)
        if live is None:
            live = {"cost": {}, "reasons": hand_reasons(marked), "pullup_teams": [], "explain": ""}
        else:
            debate.bracket = live.pop("bracket")
        debate.explanation = {**stored, **live}


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
    building, absent this round). Room warnings wait until the round has been allocated.
    Costs and reasons are the engine's for the teams now seated (``PairingRules``)."""
    rules = PairingRules(round_)
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
        sides = {dt.side: str(dt.team_id) for dt in debate.teams}
        pairing = rules.explanation(debate, sides) or debate.explanation or {}
        cost, reasons = dict(pairing.get("cost", {})), list(pairing.get("reasons", []))
        warnings: list[list[Any]] = []
        if round_.kind == "prelim":  # an elimination bracket is fixed: its clashes are no warnings
            codes = CLASH_CODES if len(sides) == 2 else ROOM_CLASH_CODES
            warnings += [r for r in reasons if r[0] in codes]
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
ROOM_CLASH_CODES = frozenset({"same_institution", "same_region"})
"""In a room of four, meeting before is normal: only school and region clashes are warned."""
