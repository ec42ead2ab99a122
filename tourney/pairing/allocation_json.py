"""JSON ⇄ allocation dataclasses, with validation shared by the CLI and the service layer.

``from_json`` raises ``AllocationInputError`` with one line naming the bad field, e.g.
``adjudicators[3].rating: expected a number``. The request format is documented in
``tourney.pairing.allocate``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, TypeVar

from tourney.pairing.allocation_model import (
    ROLES,
    Adjudicator,
    Allocation,
    AllocationOptions,
    AllocationRequest,
    Debate,
    Issue,
    Room,
    Team,
    bracket_importance,
    describe,
)

T = TypeVar("T")

PANEL_SIZES = (1, 3, 5, 7, 9)
TOP_LEVEL_FIELDS = frozenset(
    {"seed", "panel_size", "options", "debates", "teams", "adjudicators", "rooms"}
)
OPTION_FIELDS = frozenset({"neutral_region", "room_priority", "trainees", "bubble_bracket"})


class AllocationInputError(ValueError):
    """The request is malformed; the message is one line naming the field."""


class _Record:
    """Typed access to one JSON object, raising errors prefixed with its path."""

    def __init__(self, data: Any, path: str) -> None:
        if not isinstance(data, dict):
            raise AllocationInputError(f"{path or 'request'}: expected an object")
        self.data, self.path = data, path

    def fail(self, key: str, problem: str) -> AllocationInputError:
        return AllocationInputError(
            f"{self.path}.{key}: {problem}" if self.path else f"{key}: {problem}"
        )

    def only(self, allowed: frozenset[str]) -> None:
        unknown = sorted(set(self.data) - allowed)
        if unknown:
            raise self.fail(unknown[0], f"unknown field (allowed: {', '.join(sorted(allowed))})")

    def get(self, key: str, default: Any = None) -> Any:
        """The value at ``key``; ``default`` when absent, which None makes required."""
        if key in self.data:
            return self.data[key]
        if default is None:
            raise self.fail(key, "missing")
        return default

    def text(self, key: str, default: str | None = "") -> str:
        value = self.get(key, default)
        if not isinstance(value, str):
            raise self.fail(key, "expected a string")
        return value

    def ident(self, key: str = "id") -> str:
        value = self.text(key, None)
        if not value.strip():
            raise self.fail(key, "must not be empty")
        return value

    def flag(self, key: str, default: bool = False) -> bool:
        value = self.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(key, "expected true or false")
        return value

    def number(self, key: str, default: float | None = None) -> float:
        value = self.get(key, default)
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            raise self.fail(key, "expected a number")
        return float(value)

    def integer(self, key: str, default: int | None = None) -> int:
        value = self.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(key, "expected an integer")
        return value

    def strings(self, key: str) -> tuple[str, ...]:
        value = self.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, "expected a list of strings")
        return tuple(value)

    def items(self, key: str, parse: Callable[[_Record], T], *, required: bool = True) -> list[T]:
        value = self.get(key, None if required else [])
        if not isinstance(value, list):
            raise self.fail(key, "expected a list")
        prefix = f"{self.path}.{key}" if self.path else key
        return [parse(_Record(item, f"{prefix}[{i}]")) for i, item in enumerate(value)]


def _team(rec: _Record) -> Team:
    return Team(
        id=rec.ident(),
        institution=rec.text("institution", ""),
        region=rec.text("region", ""),
        needs_access=rec.flag("needs_access"),
        previous_building=rec.text("previous_building", ""),
    )


def _adjudicator(rec: _Record) -> Adjudicator:
    role = rec.text("role", "any")
    if role not in ROLES:
        raise rec.fail("role", f"expected one of {', '.join(ROLES)}")
    return Adjudicator(
        id=rec.ident(),
        rating=rec.number("rating"),
        institution=rec.text("institution", ""),
        region=rec.text("region", ""),
        role=role,  # type: ignore[arg-type]  # checked against ROLES above
        conflicts=rec.strings("conflicts"),
        seen=rec.strings("seen"),
        needs_access=rec.flag("needs_access"),
        absent=rec.flag("absent"),
        previous_building=rec.text("previous_building", ""),
    )


def _room(rec: _Record) -> Room:
    return Room(
        id=rec.ident(),
        priority=rec.number("priority", 0),
        accessible=rec.flag("accessible"),
        building=rec.text("building", ""),
    )


def _debate(rec: _Record) -> tuple[Debate, bool, float | None]:
    """The debate, whether its importance was given, and its bracket if any."""
    teams = rec.strings("teams")
    if len(teams) < 2:
        raise rec.fail("teams", "a debate needs at least two teams")
    bracket = rec.number("bracket") if "bracket" in rec.data else None
    debate = Debate(id=rec.ident(), teams=teams, importance=rec.integer("importance", 0))
    return debate, "importance" in rec.data, bracket


def _unique(ids: list[str], what: str) -> None:
    seen: set[str] = set()
    for i, ident in enumerate(ids):
        if ident in seen:
            raise AllocationInputError(f"{what}[{i}].id: duplicate id {ident!r}")
        seen.add(ident)


def from_json(data: Any) -> AllocationRequest:
    """Validate a decoded JSON request and build the dataclasses."""
    top = _Record(data, "")
    top.only(TOP_LEVEL_FIELDS)
    panel_size = top.integer("panel_size", 3)
    if panel_size not in PANEL_SIZES:
        raise top.fail("panel_size", f"expected an odd size, one of {PANEL_SIZES}")
    opts = _Record(data.get("options", {}), "options")
    opts.only(OPTION_FIELDS)
    bubble = opts.number("bubble_bracket") if "bubble_bracket" in opts.data else None
    options = AllocationOptions(
        panel_size=panel_size,
        neutral_region=opts.flag("neutral_region"),
        room_priority=opts.flag("room_priority"),
        trainees=opts.flag("trainees", True),
    )
    teams = top.items("teams", _team)
    adjudicators = top.items("adjudicators", _adjudicator)
    rooms = top.items("rooms", _room, required=False)
    parsed = top.items("debates", _debate)
    for ids, what in (
        ([t.id for t in teams], "teams"),
        ([a.id for a in adjudicators], "adjudicators"),
        ([r.id for r in rooms], "rooms"),
        ([d.id for d, _, _ in parsed], "debates"),
    ):
        _unique(ids, what)
    known = {t.id for t in teams}
    debate_of: dict[str, str] = {}
    for i, (debate, _, _) in enumerate(parsed):
        for team in debate.teams:
            if team not in known:
                raise AllocationInputError(f"debates[{i}].teams: unknown team {team!r}")
            if team in debate_of:
                raise AllocationInputError(
                    f"debates[{i}].teams: team {team!r} is also in debate {debate_of[team]!r}"
                )
            debate_of[team] = debate.id
    brackets = {d.id: b for d, given, b in parsed if not given and b is not None}
    derived = bracket_importance(brackets, bubble)
    debates = [Debate(d.id, d.teams, derived[d.id]) if d.id in derived else d for d, _, _ in parsed]
    return AllocationRequest(
        debates=tuple(debates),
        teams=tuple(teams),
        adjudicators=tuple(adjudicators),
        rooms=tuple(rooms),
        options=options,
        seed=top.integer("seed", 0),
    )


def issue_json(issue: Issue) -> dict[str, Any]:
    return {"code": issue.code, "params": dict(issue.params), "message": describe(issue)}


def to_json(allocation: Allocation) -> dict[str, Any]:
    """The response: panels in debate order, unallocated judge ids, uncovered debates."""
    return {
        "panels": [
            {
                "debate": panel.debate,
                "chair": panel.chair,
                "panellists": list(panel.panellists),
                "trainees": list(panel.trainees),
                "room": panel.room,
                "warnings": [issue_json(w) for w in panel.warnings],
            }
            for panel in allocation.panels
        ],
        "unallocated": list(allocation.unallocated),
        "uncovered": [issue_json(issue) for issue in allocation.uncovered],
    }
