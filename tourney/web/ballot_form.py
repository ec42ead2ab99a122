"""The ballot form, shared by the judge's link and the clerk's paper entry.

Input names are the scoring engine's field names (``aff.1.speaker``, ``aff.1.score``, ``winner``,
``ranks.og``, ``low_point_win``, ``aff.total``), so an error found by the engine lands next to the
input it concerns. The browser sends the same flat name → value mapping as JSON or as a form post;
one parser reads both.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from flask_babel import gettext as _

from tourney.labels import position_label, side_label
from tourney.models import Ballot, Debate, Speaker, Team
from tourney.models._base import parse_id
from tourney.scoring import BallotError, Format, SpeechPosition
from tourney.services.ballots import Speech, Submission
from tourney.services.errors import ServiceError
from tourney.web.ballot_errors import client_messages


@dataclass(frozen=True)
class Slot:
    field: str  # "aff.1"
    label: str
    position: SpeechPosition
    speakers: list[Speaker]


@dataclass(frozen=True)
class SideBlock:
    side: str
    label: str
    team: Team
    slots: list[Slot]


def blocks(fmt: Format, debate: Debate) -> list[SideBlock]:
    """The form's sections: one per side of the format, in the format's order."""
    teams = {dt.side: dt.team for dt in debate.teams}
    return [
        SideBlock(
            side=side,
            label=side_label(fmt, side),
            team=teams[side],
            slots=[
                Slot(f"{side}.{p.code}", position_label(p.code), p, list(teams[side].speakers))
                for p in fmt.positions
            ],
        )
        for side in fmt.sides
        if side in teams
    ]


def values_of(fmt: Format, debate: Debate, ballot: Ballot | None) -> dict[str, str]:
    """The form's starting values: the judge's stored ballot, else the team sheet's order."""
    if ballot is not None:
        values = {}
        for s in ballot.scores:
            values[f"{s.side}.{s.position}.speaker"] = str(s.speaker_id)
            values[f"{s.side}.{s.position}.score"] = _score_text(Decimal(s.score))
        if ballot.winner_side:
            values["winner"] = ballot.winner_side
        for side, rank in (ballot.ranks or {}).items():
            values[f"ranks.{side}"] = str(rank)
        for side in ballot.advancing or ():
            values[f"advancing.{side}"] = "1"
        values["low_point_win"] = "1" if ballot.low_point_win else ""
        values["comments"] = ballot.comments
        return values
    values = {}
    for dt in debate.teams:
        by_position = {str(s.position): s.id for s in dt.team.speakers}
        for p in fmt.positions:
            if not p.is_reply and p.code in by_position:
                values[f"{dt.side}.{p.code}.speaker"] = str(by_position[p.code])
    return values


def _score_text(score: Decimal) -> str:
    return format(score.normalize(), "f")


def parse(
    fmt: Format, data: Mapping[str, Any], *, paper: bool = False
) -> tuple[Submission, list[BallotError]]:
    """A submission from the posted fields, and the input errors the engine cannot see."""
    debate_id = _int(data.get("debate_id"))
    if debate_id is None:
        raise ServiceError("malformed")
    errors: list[BallotError] = []
    speeches = []
    for side in fmt.sides:
        for p in fmt.positions:
            slot = f"{side}.{p.code}"
            score, bad = _decimal(data.get(f"{slot}.score"))
            if bad:
                errors.append(BallotError(f"{slot}.score", "score_invalid"))
            speeches.append(Speech(side, p.code, _int(data.get(f"{slot}.speaker")), score))
    declared = None
    if paper:
        declared = {}
        for side in fmt.sides:
            total, bad = _decimal(data.get(f"{side}.total"))
            if bad:
                errors.append(BallotError(f"{side}.total", "score_invalid"))
            elif total is not None:
                declared[side] = total
    ranks = None
    advancing = None
    if not fmt.names_winner:
        given = {side: _int(data.get(f"ranks.{side}")) for side in fmt.sides}
        ranks = {side: rank for side, rank in given.items() if rank is not None} or None
        advancing = _sides(data, "advancing")
    submission = Submission(
        debate_id=debate_id,
        key=_text(data.get("key")),
        speeches=tuple(speeches),
        winner=(_text(data.get("winner")) or None) if fmt.names_winner else None,
        ranks=ranks,
        advancing=advancing,
        low_point_win=_text(data.get("low_point_win")) in ("1", "on", "true", "True"),
        comments=unicodedata.normalize("NFC", _text(data.get("comments")).strip()),
        declared_totals=declared or None,
    )
    return submission, errors


def combine(input_errors: list[BallotError], engine_errors: list[BallotError]) -> list[BallotError]:
    """Unreadable input first; the engine's verdict on the rest (an unreadable score is missing)."""
    unreadable = {e.field for e in input_errors}
    return input_errors + [e for e in engine_errors if e.field not in unreadable]


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _sides(data: Mapping[str, Any], name: str) -> tuple[str, ...] | None:
    """A multiple choice: a list in JSON, repeated fields in a form post."""
    getlist = getattr(data, "getlist", None)
    value = getlist(name) if getlist is not None else data.get(name)
    if value is None:
        return None
    chosen = [value] if isinstance(value, str) else list(value) if isinstance(value, list) else []
    return tuple(_text(side) for side in chosen if _text(side)) or None


def _int(value: Any) -> int | None:
    return parse_id(_text(value))


def _decimal(value: Any) -> tuple[Decimal | None, bool]:
    """(score, unreadable): commas are accepted as the decimal mark, as Tajik keyboards type."""
    text = _text(value).strip().replace(",", ".")
    if not text:
        return None, False
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None, True
    if not number.is_finite() or abs(number) >= 10000:
        return None, True
    return number, False


def page_config(fmt: Format, side_blocks: list[SideBlock]) -> dict[str, Any]:
    """client_config plus the translated messages and sentences: what a page with the form
    (the judge's, the clerk's paper entry) gives ballot.js."""
    return client_config(fmt, side_blocks) | {"messages": client_messages(), "text": client_text()}


def client_config(fmt: Format, side_blocks: list[SideBlock]) -> dict[str, Any]:
    """What ballot_rules.js needs to check and total the form as the judge types."""
    return {
        "sides": [b.side for b in side_blocks],
        "labels": {b.side: b.label for b in side_blocks},
        "positions": [
            {
                "code": p.code,
                "label": position_label(p.code),
                "min": str(p.score_min),
                "max": str(p.score_max),
                "step": str(p.score_step),
                "reply_by": list(p.reply_by),
            }
            for p in fmt.positions
        ],
        "speakers": {str(s.id): s.name for b in side_blocks for s in b.team.speakers},
        "rosters": {b.side: [str(s.id) for s in b.team.speakers] for b in side_blocks},
        "teams": {b.side: b.team.name for b in side_blocks},
        "two_team": fmt.names_winner,
        "low_point_allowed": fmt.low_point_wins_allowed,
        "ties_allowed": fmt.tied_totals_allowed,
    }


def client_text() -> dict[str, str]:
    """Sentences ballot.js shows; %(name)s params are filled in the browser."""
    return {
        "verdict": _("%(side)s wins %(score)s"),
        "verdict_low": _("%(side)s wins on a low-point win, %(score)s"),
        "margin": _("margin %(margin)s"),
        "tied": _("The totals are tied at %(total)s: choose the winner."),
        "incomplete": _("Enter every score to see the result."),
        "ranks": _("%(rank)s. %(side)s (%(total)s)"),
        "total": _("Total"),
        "draft_saved": _("Draft saved on this device at %(time)s."),
        "draft_not_saved": _(
            "The draft is NOT kept on this device (its storage is full or blocked): send the"
            " ballot before leaving this page."
        ),
        "retry_in": _("Next try in %(seconds)s s."),
        "moved_sent": _("The ballot for your previous debate was received (no. %(id)s)."),
        "moved_refused": _(
            "Your ballot for the previous debate was not stored: you are no longer on its panel."
            " Show your scores to the tab room."
        ),
        "sending": _("Sending the ballot…"),
        "offline": _(
            "Not sent: no connection to the server. The ballot is kept on this device and "
            "will be sent automatically; keep this page open."
        ),
        "received": _("Ballot received at %(time)s (version %(version)s, no. %(id)s)."),
        "changed": _(
            "You are changing a submitted ballot. Sending it again replaces it with a new version."
        ),
        "fix": _("Please correct the marked fields."),
        "refused": _("The server did not accept the ballot. Please go to the tab room."),
    }
