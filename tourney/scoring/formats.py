"""Debate formats as data: sides, speech positions, score scales, and how a panel decides.

A tournament stores its (possibly adjusted) format as JSON via `to_dict()`/`from_dict()`. Side codes
are "aff"/"neg" for every two-team format and "og"/"oo"/"cg"/"co" for British Parliamentary; display
labels (Proposition, Government, …) belong to the web layer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from tourney.scoring.standings import PRESETS, TEAM_METRICS
from tourney.scoring.values import as_score

TWO_TEAM_SIDES = ("aff", "neg")
BP_SIDES = ("og", "oo", "cg", "co")
BALLOT_MODES = ("per_judge", "consensus")
SPEAKER_METRICS = ("average", "trimmed_mean", "total")


@dataclass(frozen=True)
class SpeechPosition:
    """A scored speech slot of a team. A reply slot names the positions whose speaker may reply."""

    code: str
    score_min: Decimal
    score_max: Decimal
    score_step: Decimal
    reply_by: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name in ("score_min", "score_max", "score_step"):
            object.__setattr__(self, name, as_score(getattr(self, name)))
        object.__setattr__(self, "reply_by", tuple(self.reply_by))
        if self.score_step <= 0 or self.score_min >= self.score_max:
            raise ValueError(f"position {self.code}: need min < max and step > 0")
        if not self.on_step(self.score_max):
            raise ValueError(f"position {self.code}: max is not min + a whole number of steps")

    @property
    def is_reply(self) -> bool:
        return bool(self.reply_by)

    def in_range(self, score: Decimal) -> bool:
        return self.score_min <= score <= self.score_max

    def on_step(self, score: Decimal) -> bool:
        return (score - self.score_min) % self.score_step == 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "score_min": str(self.score_min),
            "score_max": str(self.score_max),
            "score_step": str(self.score_step),
            "reply_by": list(self.reply_by),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SpeechPosition:
        return cls(
            code=str(data["code"]),
            score_min=as_score(data["score_min"]),
            score_max=as_score(data["score_max"]),
            score_step=as_score(data["score_step"]),
            reply_by=tuple(data.get("reply_by", ())),
        )


@dataclass(frozen=True)
class Format:
    """Everything the engines need to know about a debate format.

    `points_by_rank[i]` is the team points for finishing rank i + 1 in a debate (two-team: win
    1, loss 0; BP: 3/2/1/0). `tied_totals_allowed` lets the team totals on a ballot be equal (the
    winner is then declared independently); `low_point_wins_allowed` lets a judge give the win to
    the lower total, which the ballot must then mark explicitly. `advancing` > 0 makes it an
    elimination ballot of a multi-team format: that many teams go through (the top ranks; with no
    `positions`, the ballot just names them, without scores).
    """

    code: str
    sides: tuple[str, ...]
    positions: tuple[SpeechPosition, ...]
    ballot_mode: str
    points_by_rank: tuple[int, ...]
    low_point_wins_allowed: bool
    tied_totals_allowed: bool
    standings_precedence: tuple[str, ...]
    speaker_metric: str = "average"
    advancing: int = 0

    def __post_init__(self) -> None:
        object.__setattr__(self, "sides", tuple(self.sides))
        object.__setattr__(self, "positions", tuple(self.positions))
        object.__setattr__(self, "points_by_rank", tuple(self.points_by_rank))
        object.__setattr__(self, "standings_precedence", tuple(self.standings_precedence))
        self._check()

    def _check(self) -> None:
        if len(self.sides) < 2 or len(set(self.sides)) != len(self.sides):
            raise ValueError("a format needs at least two distinct sides")
        codes = [p.code for p in self.positions]
        if len(set(codes)) != len(codes):
            raise ValueError("speech position codes must be distinct")
        substantive = {p.code for p in self.positions if not p.is_reply}
        for p in self.positions:
            if not set(p.reply_by) <= substantive:
                raise ValueError(f"reply position {p.code} names an unknown speaker position")
        if self.ballot_mode not in BALLOT_MODES:
            raise ValueError(f"unknown ballot mode {self.ballot_mode!r}")
        if len(self.sides) > 2 and self.ballot_mode != "consensus":
            raise ValueError("formats with more than two teams use one consensus ballot")
        if len(self.points_by_rank) != len(self.sides) or list(self.points_by_rank) != sorted(
            self.points_by_rank, reverse=True
        ):
            raise ValueError("points_by_rank needs one non-increasing entry per side")
        unknown = set(self.standings_precedence) - set(TEAM_METRICS)
        if unknown:
            raise ValueError(f"unknown standings metrics: {sorted(unknown)}")
        if self.speaker_metric not in SPEAKER_METRICS:
            raise ValueError(f"unknown speaker metric {self.speaker_metric!r}")
        if self.advancing and (len(self.sides) == 2 or not 0 < self.advancing < len(self.sides)):
            raise ValueError("only a format of more than two teams names advancing teams")
        if not self.positions and not self.advancing:
            raise ValueError("a format needs speech positions")

    @property
    def teams_per_debate(self) -> int:
        return len(self.sides)

    @property
    def speakers_per_team(self) -> int:
        return sum(1 for p in self.positions if not p.is_reply)

    @property
    def has_reply(self) -> bool:
        return any(p.is_reply for p in self.positions)

    def position(self, code: str) -> SpeechPosition:
        for p in self.positions:
            if p.code == code:
                return p
        raise KeyError(code)

    def points_for_rank(self, rank: int) -> int:
        return self.points_by_rank[rank - 1]

    def with_score_range(
        self,
        position: str,
        minimum: Decimal | str | int,
        maximum: Decimal | str | int,
        step: Decimal | str | int,
    ) -> Format:
        """The same format with one position's scale changed (an organiser's adjustment)."""
        self.position(position)
        new = tuple(
            replace(
                p,
                score_min=as_score(minimum),
                score_max=as_score(maximum),
                score_step=as_score(step),
            )
            if p.code == position
            else p
            for p in self.positions
        )
        return replace(self, positions=new)

    def for_elimination(self, *, scored: bool, final: bool = False) -> Format:
        """The ballot of an elimination room: in BP the two advancing teams (the winner, in the
        final), chosen on a ranked and scored ballot (``scored``) or simply named; two-team
        formats are unchanged."""
        if self.teams_per_debate == 2:
            return self
        advancing = 1 if final else self.teams_per_debate // 2
        return replace(self, advancing=advancing, positions=self.positions if scored else ())

    @property
    def names_winner(self) -> bool:
        """The ballot decides by naming the winner of two teams (the ``winner`` field, marked
        as a low-point win where allowed); a four-team ballot ranks the teams or names those
        going through instead."""
        return self.teams_per_debate == 2

    @property
    def names_advancing(self) -> bool:
        """The ballot names the advancing teams instead of ranks and scores."""
        return bool(self.advancing) and not self.positions

    def with_options(self, **changes: Any) -> Format:
        """The same format with other fields replaced (e.g. low_point_wins_allowed=False)."""
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "sides": list(self.sides),
            "positions": [p.to_dict() for p in self.positions],
            "ballot_mode": self.ballot_mode,
            "points_by_rank": list(self.points_by_rank),
            "low_point_wins_allowed": self.low_point_wins_allowed,
            "tied_totals_allowed": self.tied_totals_allowed,
            "standings_precedence": list(self.standings_precedence),
            "speaker_metric": self.speaker_metric,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Format:
        return cls(
            code=str(data["code"]),
            sides=tuple(data["sides"]),
            positions=tuple(SpeechPosition.from_dict(p) for p in data["positions"]),
            ballot_mode=str(data["ballot_mode"]),
            points_by_rank=tuple(int(x) for x in data["points_by_rank"]),
            low_point_wins_allowed=bool(data["low_point_wins_allowed"]),
            tied_totals_allowed=bool(data["tied_totals_allowed"]),
            standings_precedence=tuple(data["standings_precedence"]),
            speaker_metric=str(data.get("speaker_metric", "average")),
        )


def _speakers(count: int, low: str, high: str, step: str) -> tuple[SpeechPosition, ...]:
    return tuple(
        SpeechPosition(str(i), Decimal(low), Decimal(high), Decimal(step))
        for i in range(1, count + 1)
    )


def _reply(low: str, high: str, step: str) -> SpeechPosition:
    return SpeechPosition("reply", Decimal(low), Decimal(high), Decimal(step), reply_by=("1", "2"))


# Karl Popper: no canonical scale exists (docs/domain.md, Karl Popper scale); 15–30 in whole points is our documented
# default, and judges pick the winner independently of the points (low-point wins allowed, marked).
KARL_POPPER = Format(
    code="karl_popper",
    sides=TWO_TEAM_SIDES,
    positions=_speakers(3, "15", "30", "1"),
    ballot_mode="per_judge",
    points_by_rank=(1, 0),
    low_point_wins_allowed=True,
    tied_totals_allowed=True,
    standings_precedence=PRESETS["school"],
)

# World Schools: substantive 60–80, reply 30–40 by the 1st or 2nd speaker, steps of 0.5; the
# higher total must win (NSDA WSD ballot).
WORLD_SCHOOLS = Format(
    code="world_schools",
    sides=TWO_TEAM_SIDES,
    positions=(*_speakers(3, "60", "80", "0.5"), _reply("30", "40", "0.5")),
    ballot_mode="per_judge",
    points_by_rank=(1, 0),
    low_point_wins_allowed=False,
    tied_totals_allowed=False,
    standings_precedence=PRESETS["school"],
)

# Asian Parliamentary (UADC handbook): substantive 67–83 step 1, reply 33.5–41.5 step 0.5.
ASIAN_PARLIAMENTARY = Format(
    code="asian_parliamentary",
    sides=TWO_TEAM_SIDES,
    positions=(*_speakers(3, "67", "83", "1"), _reply("33.5", "41.5", "0.5")),
    ballot_mode="per_judge",
    points_by_rank=(1, 0),
    low_point_wins_allowed=False,
    tied_totals_allowed=False,
    standings_precedence=PRESETS["uadc"],
)

# Public Forum: two speakers, a 30-point scale in tenths (NSDA practice, to confirm locally).
PUBLIC_FORUM = Format(
    code="public_forum",
    sides=TWO_TEAM_SIDES,
    positions=_speakers(2, "25", "30", "0.1"),
    ballot_mode="per_judge",
    points_by_rank=(1, 0),
    low_point_wins_allowed=True,
    tied_totals_allowed=True,
    standings_precedence=PRESETS["school"],
)

# British Parliamentary: four teams of two, 50–100 step 1, one consensus ballot, ranks 3/2/1/0.
BRITISH_PARLIAMENTARY = Format(
    code="british_parliamentary",
    sides=BP_SIDES,
    positions=_speakers(2, "50", "100", "1"),
    ballot_mode="consensus",
    points_by_rank=(3, 2, 1, 0),
    low_point_wins_allowed=False,
    tied_totals_allowed=False,
    standings_precedence=PRESETS["bp"],
    speaker_metric="total",
)

FORMATS: Mapping[str, Format] = {
    f.code: f
    for f in (KARL_POPPER, WORLD_SCHOOLS, ASIAN_PARLIAMENTARY, PUBLIC_FORUM, BRITISH_PARLIAMENTARY)
}
DEFAULT_SCHOOL_FORMAT = KARL_POPPER
DEFAULT_UNIVERSITY_FORMAT = BRITISH_PARLIAMENTARY
