"""JSON in and out, with the same validation for the CLI and the service layer."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from typing import Any, TypeVar

from tourney.pairing.explain import explain
from tourney.pairing.records import (
    BP_POSITIONS,
    ELIMINATION,
    POWER,
    Draw,
    FourTeamDebate,
    PairedDebate,
    PairingInputError,
    PairingOptions,
    PairingRequest,
    TeamRecord,
)
from tourney.pairing.validation import check_request

T = TypeVar("T")

_REQUIRED_TEAM_FIELDS = {POWER: ("id", "points", "rank"), ELIMINATION: ("id", "rank")}


def _check(value: object, kind: type[T], where: str) -> T:
    # bool is an int subclass in Python, but `true` is not a number of wins.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise PairingInputError(f"{where} must be {kind.__name__}, not {value!r}")
    return value


def _field(
    obj: Mapping[str, Any], key: str, kind: type[T], where: str, default: T | None = None
) -> T:
    """obj[key] checked against `kind`; without a default the field is required."""
    if key not in obj:
        if default is None:
            raise PairingInputError(f"{where}: missing field {key!r}")
        return default
    return _check(obj[key], kind, f"{where}.{key}")


def _strings(obj: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    values = _field(obj, key, list, where, [])
    return tuple(_check(v, str, f"{where}.{key}[{i}]") for i, v in enumerate(values))


def _team(data: object, where: str, kind: str) -> TeamRecord:
    obj = _check(data, dict, where)
    for key in _REQUIRED_TEAM_FIELDS.get(kind, ("id",)):
        if key not in obj:
            raise PairingInputError(f"{where}: missing field {key!r}")
    if isinstance(obj["id"], str):
        where = f"team {obj['id']!r}"
    return TeamRecord(
        id=_field(obj, "id", str, where),
        institution=_field(obj, "institution", str, where, ""),
        region=_field(obj, "region", str, where, ""),
        points=_field(obj, "points", int, where, 0),
        rank=_field(obj, "rank", int, where, 0),
        opponents=_strings(obj, "opponents", where),
        sides=_strings(obj, "sides", where),
        byes=_field(obj, "byes", int, where, 0),
        pullups=_field(obj, "pullups", int, where, 0),
    )


def _options(data: object) -> PairingOptions:
    obj = _check(data, dict, "options")
    default = PairingOptions()
    return PairingOptions(
        pairing=_field(obj, "pairing", str, "options", default.pairing),
        avoid_same_institution=_field(
            obj, "avoid_same_institution", bool, "options", default.avoid_same_institution
        ),
        avoid_same_region=_field(
            obj, "avoid_same_region", bool, "options", default.avoid_same_region
        ),
        elimination_sides=_field(
            obj, "elimination_sides", str, "options", default.elimination_sides
        ),
    )


def request_from_json(data: object) -> PairingRequest:
    """Build and validate a request from parsed JSON; PairingInputError names any problem."""
    obj = _check(data, dict, "request")
    kind = _field(obj, "kind", str, "request")
    seed = _field(obj, "seed", int, "request")
    teams = _field(obj, "teams", list, "request")
    request = PairingRequest(
        kind=kind,
        seed=seed,
        options=_options(obj.get("options", {})),
        teams=tuple(_team(team, f"teams[{i}]", kind) for i, team in enumerate(teams)),
        teams_per_debate=_field(obj, "teams_per_debate", int, "request", 2),
    )
    check_request(request)
    return request


def request_to_json(request: PairingRequest) -> dict[str, object]:
    """The JSON form `request_from_json` reads (lists for tuples)."""
    return {
        "kind": request.kind,
        "seed": request.seed,
        "teams_per_debate": request.teams_per_debate,
        "options": asdict(request.options),
        "teams": [
            {**asdict(team), "opponents": list(team.opponents), "sides": list(team.sides)}
            for team in request.teams
        ],
    }


def _debate_json(debate: PairedDebate | FourTeamDebate) -> dict[str, object]:
    if isinstance(debate, FourTeamDebate):
        teams: dict[str, object] = {
            "teams": dict(zip(BP_POSITIONS, debate.teams, strict=True)),
            "bracket": debate.bracket,
            "pullups": list(debate.pullups),
        }
    else:
        teams = {
            "aff": debate.aff,
            "neg": debate.neg,
            "bracket": debate.bracket,
            "pullup": debate.pullup,
        }
    return {
        **teams,
        "cost": debate.cost.as_dict(),
        "explain": explain(debate),
        "reasons": [{"code": code, "params": dict(params)} for code, params in debate.reasons],
    }


def draw_to_json(draw: Draw) -> dict[str, object]:
    """The response document: debates in order with cost, explanation and reasons; byes.

    A two-team debate names its "aff" and "neg" and at most one "pullup"; a four-team room
    names its "teams" by position ({"og": …, "oo": …, "cg": …, "co": …}) and its "pullups".
    """
    return {"debates": [_debate_json(debate) for debate in draw.debates], "byes": list(draw.byes)}
