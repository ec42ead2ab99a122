"""Ballot input and validation. Errors are data (field, code, params); the web layer translates.

Field names: "<side>" for a whole team ("aff"), "<side>.<position>" for a speech slot ("aff.2"),
"<side>.<position>.speaker" / ".score", "<side>.total" for a declared team total, "winner",
"low_point_win", "ranks" and "ranks.<side>" (BP), "advancing" (a BP elimination ballot that
only names the teams that go through). Params are JSON-friendly (scores as strings).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from itertools import combinations
from typing import Any

from tourney.scoring.formats import Format
from tourney.scoring.values import JudgeId, SpeakerId, as_score


class ErrorCode(StrEnum):
    """Every ballot error code, with the params each one carries."""

    SIDE_MISSING = "side_missing"  # a side of the format has no speeches on the ballot
    SIDE_UNKNOWN = "side_unknown"  # the ballot names a side the format does not have
    POSITION_MISSING = "position_missing"  # a speech slot is empty
    POSITION_UNKNOWN = "position_unknown"  # {position}
    POSITION_REPEATED = "position_repeated"  # the same slot filled twice
    SPEAKER_MISSING = "speaker_missing"
    SPEAKER_NOT_IN_TEAM = "speaker_not_in_team"  # {speaker_id, side}
    SPEAKER_REPEATED = "speaker_repeated"  # {speaker_id, first_field}: a speaker gave two speeches
    REPLY_SPEAKER_INELIGIBLE = "reply_speaker_ineligible"  # {speaker_id, allowed_positions}
    SCORE_MISSING = "score_missing"
    SCORE_OUT_OF_RANGE = "score_out_of_range"  # {score, min, max}
    SCORE_OFF_STEP = "score_off_step"  # {score, step}
    TOTAL_MISMATCH = "total_mismatch"  # {declared, computed}
    TOTALS_TIED = (
        "totals_tied"  # {total, other_side}: equal team totals where the format forbids it
    )
    WINNER_MISSING = "winner_missing"
    WINNER_UNKNOWN = "winner_unknown"  # {winner}
    LOW_POINT_WIN_FORBIDDEN = "low_point_win_forbidden"  # {total, other_side, other_total}
    LOW_POINT_WIN_UNMARKED = "low_point_win_unmarked"  # allowed, but the ballot must say so
    LOW_POINT_WIN_FLAG_WRONG = (
        "low_point_win_flag_wrong"  # marked, but the result follows the scores
    )
    RANKS_MISSING = "ranks_missing"
    RANK_INVALID = "rank_invalid"  # {rank, max}
    RANKS_NOT_DISTINCT = "ranks_not_distinct"  # {rank, other_side}
    UNEXPECTED_FIELD = "unexpected_field"  # winner on a BP ballot, ranks on a two-team ballot
    ADVANCING_COUNT = "advancing_count"  # {count, expected}: name exactly `expected` teams


ERROR_CODES: tuple[str, ...] = tuple(code.value for code in ErrorCode)


@dataclass(frozen=True)
class BallotError:
    field: str
    code: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SpeechScore:
    position: str
    speaker_id: SpeakerId | None
    score: Decimal | None

    def __post_init__(self) -> None:
        if self.score is not None:
            object.__setattr__(self, "score", as_score(self.score))


@dataclass(frozen=True)
class BallotInput:
    """One judge's ballot (or the panel's consensus ballot).

    Two-team formats declare `winner`; BP declares `ranks` (side -> 1..4), or on an elimination
    ballot that names them only, the `advancing` sides. `declared_totals` are the
    team totals as written on a paper ballot, checked against the sum of the speeches when given.
    """

    speeches: Mapping[str, Sequence[SpeechScore]]
    winner: str | None = None
    ranks: Mapping[str, int] | None = None
    advancing: tuple[str, ...] | None = None
    low_point_win: bool = False
    declared_totals: Mapping[str, Decimal] | None = None
    judge_id: JudgeId | None = None
    is_chair: bool = False
    is_trainee: bool = False

    def total(self, side: str) -> Decimal:
        return sum(
            (s.score for s in self.speeches.get(side, ()) if s.score is not None), Decimal(0)
        )

    def speech(self, side: str, position: str) -> SpeechScore | None:
        return next((s for s in self.speeches.get(side, ()) if s.position == position), None)


@dataclass(frozen=True)
class DebateContext:
    """Who may speak for each side: the speaker ids of the team drawn on that side."""

    speakers: Mapping[str, Collection[SpeakerId]]


def validate_ballot(fmt: Format, context: DebateContext, ballot: BallotInput) -> list[BallotError]:
    """All problems with `ballot`, in a stable order (format order of sides and positions)."""
    if fmt.names_advancing:
        return _check_advancing(fmt, ballot)
    errors = _check_sides(fmt, ballot)
    errors += _check_speeches(fmt, context, ballot)
    scores_complete = not any(e.code in _SCORE_BLOCKERS for e in errors)
    if scores_complete:
        errors += _check_declared_totals(fmt, ballot)
    ranks, rank_errors = _ranks(fmt, ballot)
    errors += rank_errors
    if scores_complete and ranks is not None:
        errors += _check_result(fmt, ballot, ranks)
    return errors


def _check_advancing(fmt: Format, ballot: BallotInput) -> list[BallotError]:
    """A ballot that names the advancing teams: exactly that many distinct sides, nothing else."""
    errors = [
        BallotError(side, ErrorCode.UNEXPECTED_FIELD)
        for side, speeches in sorted(ballot.speeches.items())
        if any(x.speaker_id is not None or x.score is not None for x in speeches)
    ]
    if ballot.winner or ballot.ranks:
        errors.append(
            BallotError("ranks" if ballot.ranks else "winner", ErrorCode.UNEXPECTED_FIELD)
        )
    named = list(ballot.advancing or ())
    unknown = [side for side in named if side not in fmt.sides]
    errors += [BallotError("advancing", ErrorCode.SIDE_UNKNOWN, {"side": s}) for s in unknown]
    if not unknown and (len(set(named)) != len(named) or len(named) != fmt.advancing):
        params = {"count": len(set(named)), "expected": fmt.advancing}
        errors.append(BallotError("advancing", ErrorCode.ADVANCING_COUNT, params))
    return errors


_SCORE_BLOCKERS = {
    ErrorCode.SIDE_MISSING,
    ErrorCode.POSITION_MISSING,
    ErrorCode.SCORE_MISSING,
}


def _check_sides(fmt: Format, ballot: BallotInput) -> list[BallotError]:
    errors = [BallotError(s, ErrorCode.SIDE_MISSING) for s in fmt.sides if s not in ballot.speeches]
    errors += [
        BallotError(s, ErrorCode.SIDE_UNKNOWN)
        for s in sorted(ballot.speeches)
        if s not in fmt.sides
    ]
    return errors


def _check_speeches(fmt: Format, context: DebateContext, ballot: BallotInput) -> list[BallotError]:
    errors: list[BallotError] = []
    first_field: dict[SpeakerId, str] = {}
    for side in fmt.sides:
        speeches = ballot.speeches.get(side)
        if speeches is None:
            continue
        known = {p.code for p in fmt.positions}
        seen: set[str] = set()
        for s in speeches:
            if s.position not in known:
                errors.append(
                    BallotError(
                        f"{side}.{s.position}", ErrorCode.POSITION_UNKNOWN, {"position": s.position}
                    )
                )
            elif s.position in seen:
                errors.append(BallotError(f"{side}.{s.position}", ErrorCode.POSITION_REPEATED))
            seen.add(s.position)
        roster = context.speakers.get(side, ())
        for position in fmt.positions:
            slot = f"{side}.{position.code}"
            speech = ballot.speech(side, position.code)
            if speech is None:
                errors.append(BallotError(slot, ErrorCode.POSITION_MISSING))
                continue
            errors += _check_score(slot, position, speech.score)
            speaker = speech.speaker_id
            if speaker is None:
                errors.append(BallotError(f"{slot}.speaker", ErrorCode.SPEAKER_MISSING))
            elif speaker not in roster:
                errors.append(
                    BallotError(
                        f"{slot}.speaker",
                        ErrorCode.SPEAKER_NOT_IN_TEAM,
                        {"speaker_id": speaker, "side": side},
                    )
                )
            elif position.is_reply:
                allowed = [ballot.speech(side, code) for code in position.reply_by]
                if speaker not in {a.speaker_id for a in allowed if a is not None}:
                    errors.append(
                        BallotError(
                            f"{slot}.speaker",
                            ErrorCode.REPLY_SPEAKER_INELIGIBLE,
                            {"speaker_id": speaker, "allowed_positions": list(position.reply_by)},
                        )
                    )
            elif speaker in first_field:
                errors.append(
                    BallotError(
                        f"{slot}.speaker",
                        ErrorCode.SPEAKER_REPEATED,
                        {"speaker_id": speaker, "first_field": first_field[speaker]},
                    )
                )
            else:
                first_field[speaker] = f"{slot}.speaker"
    return errors


def _check_score(slot: str, position: Any, score: Decimal | None) -> list[BallotError]:
    field_name = f"{slot}.score"
    if score is None:
        return [BallotError(field_name, ErrorCode.SCORE_MISSING)]
    if not position.in_range(score):
        params = {
            "score": str(score),
            "min": str(position.score_min),
            "max": str(position.score_max),
        }
        return [BallotError(field_name, ErrorCode.SCORE_OUT_OF_RANGE, params)]
    if not position.on_step(score):
        params = {"score": str(score), "step": str(position.score_step)}
        return [BallotError(field_name, ErrorCode.SCORE_OFF_STEP, params)]
    return []


def _check_declared_totals(fmt: Format, ballot: BallotInput) -> list[BallotError]:
    declared = ballot.declared_totals or {}
    errors = []
    for side in fmt.sides:
        if side in declared and as_score(declared[side]) != ballot.total(side):
            params = {
                "declared": str(as_score(declared[side])),
                "computed": str(ballot.total(side)),
            }
            errors.append(BallotError(f"{side}.total", ErrorCode.TOTAL_MISMATCH, params))
    return errors


def _ranks(fmt: Format, ballot: BallotInput) -> tuple[dict[str, int] | None, list[BallotError]]:
    """The decision as ranks per side (a two-team winner has rank 1), or None if unusable."""
    if fmt.names_winner:
        errors = [BallotError("ranks", ErrorCode.UNEXPECTED_FIELD)] if ballot.ranks else []
        if ballot.winner is None:
            return None, [*errors, BallotError("winner", ErrorCode.WINNER_MISSING)]
        if ballot.winner not in fmt.sides:
            params = {"winner": ballot.winner}
            return None, [*errors, BallotError("winner", ErrorCode.WINNER_UNKNOWN, params)]
        return {s: 1 if s == ballot.winner else 2 for s in fmt.sides}, errors

    errors = [BallotError("winner", ErrorCode.UNEXPECTED_FIELD)] if ballot.winner else []
    if not ballot.ranks:
        return None, [*errors, BallotError("ranks", ErrorCode.RANKS_MISSING)]
    n = fmt.teams_per_debate
    holder: dict[int, str] = {}
    for side in fmt.sides:
        rank = ballot.ranks.get(side)
        if rank is None:
            errors.append(BallotError(f"ranks.{side}", ErrorCode.RANKS_MISSING))
        elif isinstance(rank, bool) or not isinstance(rank, int) or not 1 <= rank <= n:
            errors.append(
                BallotError(f"ranks.{side}", ErrorCode.RANK_INVALID, {"rank": rank, "max": n})
            )
        elif rank in holder:
            params = {"rank": rank, "other_side": holder[rank]}
            errors.append(BallotError(f"ranks.{side}", ErrorCode.RANKS_NOT_DISTINCT, params))
        else:
            holder[rank] = side
    if len(holder) != n:
        return None, errors
    return {side: rank for rank, side in holder.items()}, errors


def _check_result(fmt: Format, ballot: BallotInput, ranks: Mapping[str, int]) -> list[BallotError]:
    """Totals against the declared order: ties where forbidden, and low-point wins."""
    two_team = fmt.names_winner

    def field_of(side: str) -> str:
        return "winner" if two_team else f"ranks.{side}"

    errors: list[BallotError] = []
    inversions = 0
    ordered = sorted(fmt.sides, key=lambda s: ranks[s])
    for better, worse in combinations(ordered, 2):
        b_total, w_total = ballot.total(better), ballot.total(worse)
        if b_total == w_total and not fmt.tied_totals_allowed:
            params = {"total": str(b_total), "other_side": worse}
            errors.append(BallotError(field_of(better), ErrorCode.TOTALS_TIED, params))
        elif b_total < w_total:
            inversions += 1
            if not fmt.low_point_wins_allowed:
                params = {"total": str(b_total), "other_side": worse, "other_total": str(w_total)}
                errors.append(
                    BallotError(field_of(better), ErrorCode.LOW_POINT_WIN_FORBIDDEN, params)
                )
    if fmt.low_point_wins_allowed and inversions and not ballot.low_point_win:
        errors.append(BallotError("low_point_win", ErrorCode.LOW_POINT_WIN_UNMARKED))
    if ballot.low_point_win and not inversions:
        errors.append(BallotError("low_point_win", ErrorCode.LOW_POINT_WIN_FLAG_WRONG))
    return errors
