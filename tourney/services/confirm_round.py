"""Confirm every ready result of a round in one action, and say which were left out and why.

Ready is the results desk's own word: every counted ballot is in, the engine accepts the panel,
and the judges agree (a split decision or a dispute about who spoke waits for a person to look).
Each debate is confirmed exactly as ``results.confirm`` would: only the ballots the organiser saw
on the page, never by the person who typed one of them in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from tourney.models import Debate, Round, User
from tourney.services import results
from tourney.services.errors import ServiceError


@dataclass(frozen=True)
class LeftOut:
    """A debate that was not confirmed, with the reason code and its parameters."""

    debate: Debate
    reason: str
    params: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class RoundConfirmation:
    confirmed: list[Debate]
    left_out: list[LeftOut]


def confirm_ready(round_: Round, user: User, seen_ballot_ids: Iterable[int]) -> RoundConfirmation:
    """Confirm each unconfirmed debate whose ballots are complete and consistent.

    ``seen_ballot_ids``: the ballots shown when the organiser pressed the button; a debate whose
    ballots changed since then is left out ("changed since you looked").
    """
    if not round_.draw_public:
        raise ServiceError("round_not_released")
    seen = set(seen_ballot_ids)
    confirmed: list[Debate] = []
    left_out: list[LeftOut] = []
    for desk in results.round_desk(round_):
        if desk.result is not None:
            continue
        reason = _why_not(desk, user, seen)
        if reason is None:
            try:
                results.confirm(desk.debate.id, user, desk.counted_ids)
            except ServiceError as error:  # confirmed by someone else a moment ago
                left_out.append(LeftOut(desk.debate, error.code))
                continue
            confirmed.append(desk.debate)
        else:
            left_out.append(LeftOut(desk.debate, *reason))
    return RoundConfirmation(confirmed, left_out)


def _why_not(
    desk: results.DebateDesk, user: User, seen: set[int]
) -> tuple[str, dict[str, object]] | None:
    status = desk.status
    if status == "missing":
        return "no_ballots", {}
    if status == "incomplete":
        return "ballots_awaited", {"count": len(desk.awaited)}
    if status == "problem":
        return "panel_invalid", {"count": len(desk.problems)}
    if status == "disagreement":
        return "judges_disagree", {}
    if not set(desk.counted_ids) <= seen:
        return "ballots_changed", {}
    if user.id in desk.entered_by:
        return "confirm_own_entry", {}
    return None
