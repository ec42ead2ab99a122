"""Checks that a pairing request makes sense before any pairing is attempted."""

from __future__ import annotations

from tourney.pairing.four_team_elimination import is_break_size
from tourney.pairing.records import (
    BP_POSITIONS,
    ELIMINATION,
    ELIMINATION_SIDE_POLICIES,
    KINDS,
    PAIRING_METHODS,
    RANDOM,
    SIDES,
    PairingInputError,
    PairingRequest,
)


def _choice(value: object, allowed: tuple[str, ...], what: str) -> None:
    if value not in allowed:
        raise PairingInputError(f"{what} must be one of {', '.join(allowed)}, not {value!r}")


def _check_teams_per_debate(request: PairingRequest) -> None:
    size = request.teams_per_debate
    if size not in (2, 4):
        raise PairingInputError(f"teams_per_debate must be 2 or 4, not {size!r}")
    if size == 4 and request.kind == ELIMINATION:
        if not is_break_size(len(request.teams)):
            raise PairingInputError(
                f"a four-team elimination round needs 4·2^k or 6·2^k teams, not {len(request.teams)}"
            )
    elif size == 4 and len(request.teams) % 4:
        raise PairingInputError(
            f"a four-team round needs a multiple of 4 teams (no byes in BP), not {len(request.teams)}"
        )


def check_request(request: PairingRequest) -> None:
    """Raise PairingInputError naming the first problem found."""
    _choice(request.kind, KINDS, "kind")
    _choice(request.options.pairing, PAIRING_METHODS, "options.pairing")
    _choice(
        request.options.elimination_sides, ELIMINATION_SIDE_POLICIES, "options.elimination_sides"
    )
    _check_teams_per_debate(request)
    positions = BP_POSITIONS if request.teams_per_debate == 4 else SIDES
    if len(request.teams) < 2:
        raise PairingInputError("a round needs at least 2 teams")
    ids = set()
    for team in request.teams:
        if not team.id:
            raise PairingInputError("a team has an empty id")
        if team.id in ids:
            raise PairingInputError(f"duplicate team id {team.id!r}")
        ids.add(team.id)
    ranks: dict[int, str] = {}
    for team in request.teams:
        for opponent in team.opponents:
            if opponent == team.id:
                raise PairingInputError(f"team {team.id!r} lists itself as an opponent")
            if opponent not in ids:
                raise PairingInputError(f"team {team.id!r} has unknown opponent id {opponent!r}")
        for side in team.sides:
            _choice(side, positions, f"sides of team {team.id!r}")
        for name in ("points", "byes", "pullups"):
            if getattr(team, name) < 0:
                raise PairingInputError(f"team {team.id!r} has negative {name}")
        if request.kind != RANDOM and team.rank < 1:
            raise PairingInputError(f"team {team.id!r} needs a rank of 1 or more")
        if request.kind == ELIMINATION and team.rank in ranks:
            raise PairingInputError(
                f"teams {ranks[team.rank]!r} and {team.id!r} share seed {team.rank}"
            )
        ranks[team.rank] = team.id
