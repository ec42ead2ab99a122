"""From a panel's ballots to a debate result, and from a debate result to standings input.

A per-judge panel is decided by the majority of voting judges; an even split goes to the chair.
Trainees' ballots are ignored. Speaker scores are the exact average (a `Fraction`) over the ballots
of the majority, so a dissenting judge's points never count.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from itertools import pairwise
from typing import Any

from tourney.scoring.ballots import BallotError, BallotInput, ErrorCode, SpeechScore
from tourney.scoring.formats import Format
from tourney.scoring.speakers import SpeakerRoundScore
from tourney.scoring.standings import TeamRoundResult
from tourney.scoring.values import JudgeId, SpeakerId, TeamId, id_key, mean


class PanelErrorCode(StrEnum):
    """Problems with a panel's set of ballots (each ballot should already pass validate_ballot).

    Missing speeches on a voting ballot are reported with the ballot codes position_missing,
    score_missing and speaker_missing (params {judge_id}).
    """

    NO_VOTING_BALLOT = "no_voting_ballot"
    TOO_MANY_BALLOTS = "too_many_ballots"  # {count}: a consensus format takes one ballot
    DUPLICATE_JUDGE = "duplicate_judge"  # {judge_id}
    SEVERAL_CHAIRS = "several_chairs"
    NO_CHAIR_FOR_SPLIT = "no_chair_for_split"  # {votes}: an even split needs the chair's vote
    NO_DECISION = "no_decision"  # {judge_id}: a ballot without a winner / ranks
    SPEAKER_MISMATCH = "speaker_mismatch"  # {speaker_ids}: judges disagree on who spoke


PANEL_ERROR_CODES: tuple[str, ...] = tuple(code.value for code in PanelErrorCode)

STORED_VERSION = 2
"""The version of `DebateResult.to_dict`'s shape; `from_dict` reads only this one."""


class PanelError(ValueError):
    def __init__(self, errors: Sequence[BallotError]) -> None:
        super().__init__(", ".join(f"{e.field}: {e.code}" for e in errors))
        self.errors = list(errors)


@dataclass(frozen=True)
class SpeakerResult:
    side: str
    position: str
    speaker_id: SpeakerId
    score: Fraction


@dataclass(frozen=True)
class DebateResult:
    """The decision of one debate.

    `votes` (ballots per side) is empty for a format with more than two teams; `margins` (own total
    minus the opponent's) are two-team only. `advancing` names the sides that go through from a
    multi-team elimination room; a ballot that only names them leaves ranks, points and scores
    empty.
    """

    ranks: Mapping[str, int]
    points: Mapping[str, int]
    votes: Mapping[str, int]
    voting_ballots: int
    majority_judges: tuple[JudgeId | None, ...]
    split: bool
    chair_casting_vote: bool
    speakers: tuple[SpeakerResult, ...]
    team_totals: Mapping[str, Fraction]
    margins: Mapping[str, Fraction]
    low_point_win: bool
    advancing: tuple[str, ...] = ()

    @property
    def winner(self) -> str:
        return next(side for side, rank in self.ranks.items() if rank == 1)

    @property
    def through(self) -> tuple[str, ...]:
        """The sides that go on to the next elimination round."""
        return self.advancing or (self.winner,)

    def to_dict(self) -> dict[str, Any]:
        """The stored form (JSON-safe, versioned); exact scores are strings that `Fraction(text)`
        reads back ("287/4", "75")."""
        return {
            "version": STORED_VERSION,
            "ranks": dict(self.ranks),
            "points": dict(self.points),
            "votes": dict(self.votes),
            "voting_ballots": self.voting_ballots,
            "majority_judges": list(self.majority_judges),
            "split": self.split,
            "chair_casting_vote": self.chair_casting_vote,
            "speakers": [
                {
                    "side": s.side,
                    "position": s.position,
                    "speaker_id": s.speaker_id,
                    "score": str(s.score),
                }
                for s in self.speakers
            ],
            "team_totals": {side: str(v) for side, v in self.team_totals.items()},
            "margins": {side: str(v) for side, v in self.margins.items()},
            "low_point_win": self.low_point_win,
            "advancing": list(self.advancing),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> DebateResult:
        """Read the stored form back; a row in an older shape is upgraded by the migrations."""
        if data.get("version") != STORED_VERSION:
            raise ValueError(
                f"stored result version {data.get('version')!r} is not {STORED_VERSION}"
            )
        return cls(
            ranks=dict(data["ranks"]),
            points=dict(data["points"]),
            votes=dict(data["votes"]),
            voting_ballots=int(data["voting_ballots"]),
            majority_judges=tuple(data["majority_judges"]),
            split=bool(data["split"]),
            chair_casting_vote=bool(data["chair_casting_vote"]),
            speakers=tuple(
                SpeakerResult(s["side"], s["position"], s["speaker_id"], Fraction(s["score"]))
                for s in data["speakers"]
            ),
            team_totals={side: Fraction(v) for side, v in data["team_totals"].items()},
            margins={side: Fraction(v) for side, v in data["margins"].items()},
            low_point_win=bool(data["low_point_win"]),
            advancing=tuple(data.get("advancing", ())),
        )


def upgrade_stored(data: Mapping[str, Any]) -> dict[str, Any]:
    """A stored result in any earlier shape, in the current one (the current shape unchanged).

    Version 1 (no ``version`` key) wrote scores, totals and margins as decimal text, rounded to six
    places where the exact average has no finite decimal form ("75.333333"). Averages of a panel's
    scores have small denominators, so the nearest fraction with a denominator up to 1000 within
    the rounding is the exact value ("226/3"); text that was exact stays exact.
    """
    if data.get("version") == STORED_VERSION:
        return dict(data)
    return {
        **data,
        "version": STORED_VERSION,
        "votes": dict(data.get("votes") or {}),
        "voting_ballots": int(data.get("voting_ballots", sum((data.get("votes") or {}).values()))),
        "majority_judges": list(data.get("majority_judges") or []),
        "split": bool(data.get("split", False)),
        "chair_casting_vote": bool(data.get("chair_casting_vote", False)),
        "low_point_win": bool(data.get("low_point_win", False)),
        "team_totals": {k: _exact(v) for k, v in (data.get("team_totals") or {}).items()},
        "margins": {k: _exact(v) for k, v in (data.get("margins") or {}).items()},
        "speakers": [{**s, "score": _exact(s["score"])} for s in data.get("speakers") or []],
    }


_ROUNDING = Fraction(1, 2_000_000)  # half a unit in the sixth decimal place


def _exact(text: Any) -> str:
    value = Fraction(str(text))
    nearest = value.limit_denominator(1000)
    return str(nearest if abs(nearest - value) <= _ROUNDING else value)


def _decision(ballot: BallotInput, fmt: Format) -> dict[str, int] | None:
    if fmt.names_advancing:
        named = set(ballot.advancing or ())
        return {} if len(named) == fmt.advancing and named <= set(fmt.sides) else None
    if fmt.names_winner:
        if ballot.winner not in fmt.sides:
            return None
        return {s: 1 if s == ballot.winner else 2 for s in fmt.sides}
    ranks = dict(ballot.ranks or {})
    if set(ranks) != set(fmt.sides):
        return None
    return ranks if sorted(ranks.values()) == list(range(1, fmt.teams_per_debate + 1)) else None


def _judge_key(ballot: BallotInput) -> tuple[bool, bool, tuple[int, int | str]]:
    judge = ballot.judge_id
    return (not ballot.is_chair, judge is None, (0, 0) if judge is None else id_key(judge))


def _voting(ballots: Sequence[BallotInput]) -> list[BallotInput]:
    """Voting ballots, chair first, then by judge id."""
    return sorted((b for b in ballots if not b.is_trainee), key=_judge_key)


def _missing_code(speech: SpeechScore | None) -> ErrorCode | None:
    if speech is None:
        return ErrorCode.POSITION_MISSING
    if speech.score is None:
        return ErrorCode.SCORE_MISSING
    return ErrorCode.SPEAKER_MISSING if speech.speaker_id is None else None


def validate_panel(fmt: Format, ballots: Sequence[BallotInput]) -> list[BallotError]:
    """Panel-level problems that stop `decide_debate` (field "ballots" or a speech slot)."""
    voters = _voting(ballots)
    if not voters:
        return [BallotError("ballots", PanelErrorCode.NO_VOTING_BALLOT)]
    errors: list[BallotError] = []
    if fmt.ballot_mode == "consensus" and len(voters) > 1:
        params = {"count": len(voters)}
        errors.append(BallotError("ballots", PanelErrorCode.TOO_MANY_BALLOTS, params))
    judges = Counter(b.judge_id for b in voters if b.judge_id is not None)
    for judge in sorted((j for j, n in judges.items() if n > 1), key=id_key):
        errors.append(BallotError("ballots", PanelErrorCode.DUPLICATE_JUDGE, {"judge_id": judge}))
    if sum(1 for b in voters if b.is_chair) > 1:
        errors.append(BallotError("ballots", PanelErrorCode.SEVERAL_CHAIRS))
    for b in voters:
        if _decision(b, fmt) is None:
            params = {"judge_id": b.judge_id}
            errors.append(BallotError("ballots", PanelErrorCode.NO_DECISION, params))
    if fmt.teams_per_debate == 2 and not errors:
        votes = Counter(b.winner for b in voters)
        if len(votes) == 2 and len(set(votes.values())) == 1 and not voters[0].is_chair:
            params = {"votes": {s: votes[s] for s in fmt.sides}}
            errors.append(BallotError("ballots", PanelErrorCode.NO_CHAIR_FOR_SPLIT, params))
    for side in fmt.sides:
        for p in fmt.positions:
            slot = f"{side}.{p.code}"
            named = set()
            for b in voters:
                speech = b.speech(side, p.code)
                code = _missing_code(speech)
                if code is not None:
                    errors.append(BallotError(slot, code, {"judge_id": b.judge_id}))
                elif speech is not None:
                    named.add(speech.speaker_id)
            if len(named) > 1:
                params = {"speaker_ids": sorted(named, key=id_key)}
                errors.append(
                    BallotError(f"{slot}.speaker", PanelErrorCode.SPEAKER_MISMATCH, params)
                )
    return errors


def decide_debate(fmt: Format, ballots: Sequence[BallotInput]) -> DebateResult:
    """The result of a debate from its ballots; raises PanelError if the panel cannot decide."""
    errors = validate_panel(fmt, ballots)
    if errors:
        raise PanelError(errors)
    voters = _voting(ballots)
    votes: dict[str, int] = {}
    casting = False
    majority = voters
    if fmt.teams_per_debate == 2:
        tally = Counter(b.winner for b in voters)
        votes = {s: tally[s] for s in fmt.sides}
        top = max(votes.values())
        leaders = [s for s in fmt.sides if votes[s] == top]
        casting = len(leaders) > 1
        winner = voters[0].winner if casting else leaders[0]
        majority = [b for b in voters if b.winner == winner]
    ranks = _decision(majority[0], fmt)
    assert ranks is not None  # validate_panel checked every voting ballot
    if fmt.names_advancing:
        named = set(majority[0].advancing or ())
        advancing = tuple(side for side in fmt.sides if side in named)
    else:
        advancing = tuple(side for side in fmt.sides if ranks[side] <= fmt.advancing)

    speakers = tuple(
        SpeakerResult(
            side,
            p.code,
            _speech(majority[0], side, p.code).speaker_id,
            mean(_speech(b, side, p.code).score for b in majority),
        )
        for side in fmt.sides
        for p in fmt.positions
    )
    totals = {
        s: sum((r.score for r in speakers if r.side == s), Fraction(0))
        for s in (fmt.sides if fmt.positions else ())
    }
    margins: dict[str, Fraction] = {}
    if fmt.teams_per_debate == 2:
        a, b = fmt.sides
        margins = {a: totals[a] - totals[b], b: totals[b] - totals[a]}
    ordered = sorted(ranks, key=lambda s: ranks[s])
    return DebateResult(
        ranks=ranks,
        points={s: fmt.points_for_rank(ranks[s]) for s in ranks},
        votes=votes,
        voting_ballots=len(voters),
        majority_judges=tuple(b.judge_id for b in majority),
        split=len(majority) != len(voters),
        chair_casting_vote=casting,
        speakers=speakers,
        team_totals=totals,
        margins=margins,
        low_point_win=any(totals[x] < totals[y] for x, y in pairwise(ordered)),
        advancing=advancing,
    )


def _speech(ballot: BallotInput, side: str, position: str) -> SpeechScore:
    speech = ballot.speech(side, position)
    assert speech is not None  # validate_panel checked every voting ballot
    return speech


def team_round_results(
    result: DebateResult, teams: Mapping[str, TeamId], round_number: int
) -> list[TeamRoundResult]:
    """Standings input for every team in the debate; `teams` maps each side to its team id."""
    return [
        TeamRoundResult(
            team_id=team,
            round_number=round_number,
            opponent_ids=tuple(t for s, t in sorted(teams.items()) if s != side),
            side=side,
            points=result.points[side],
            won=result.ranks[side] == 1,
            rank=result.ranks[side],
            ballots_won=result.votes.get(side, 0),
            ballots_total=result.voting_ballots if result.votes else 0,
            speaker_total=result.team_totals[side],
            margin=result.margins.get(side, Fraction(0)),
        )
        for side, team in sorted(teams.items())
    ]


def speaker_round_scores(
    fmt: Format, result: DebateResult, teams: Mapping[str, TeamId], round_number: int
) -> list[SpeakerRoundScore]:
    """Speaker-tab input for every speech in the debate (reply speeches flagged)."""
    return [
        SpeakerRoundScore(
            speaker_id=s.speaker_id,
            team_id=teams[s.side],
            round_number=round_number,
            score=s.score,
            is_reply=fmt.position(s.position).is_reply,
        )
        for s in result.speakers
    ]
