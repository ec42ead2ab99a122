"""Plain data in and out of the pairing engine: frozen dataclasses, no behaviour beyond sums."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields

AFF = "aff"
NEG = "neg"
SIDES = (AFF, NEG)
BP_POSITIONS = ("og", "oo", "cg", "co")
"""British Parliamentary positions in speaking order: opening and closing government/opposition."""

RANDOM = "random"
POWER = "power"
ELIMINATION = "elimination"
KINDS = (RANDOM, POWER, ELIMINATION)

FOLD = "fold"
SLIDE = "slide"
ADJACENT = "adjacent"
PAIRING_METHODS = (FOLD, SLIDE, ADJACENT)

# Elimination side policies: higher seed takes aff / seeded coin toss / reverse a prelim meeting.
SEED_SIDES = "seed"
COIN_SIDES = "coin"
REVERSE_PRELIM_SIDES = "reverse_prelim"
ELIMINATION_SIDE_POLICIES = (SEED_SIDES, COIN_SIDES, REVERSE_PRELIM_SIDES)

Reason = tuple[str, Mapping[str, object]]
"""A structured explanation: a code and its parameters, e.g. ("rematch", {"times": 1})."""


@dataclass(frozen=True)
class TeamRecord:
    """Everything the engine knows about a team: the caller passes the whole history here.

    `opponents` and `sides` are in round order and aligned (a bye round appears in neither); in
    four-team rounds `sides` holds BP positions and `opponents` the three other teams of each room;
    `rank` is the 1-based standing (0 = unranked, allowed only in random rounds).
    """

    id: str
    institution: str = ""
    region: str = ""
    points: int = 0
    rank: int = 0
    opponents: tuple[str, ...] = ()
    sides: tuple[str, ...] = ()
    byes: int = 0
    pullups: int = 0


@dataclass(frozen=True)
class PairingOptions:
    pairing: str = FOLD
    avoid_same_institution: bool = True
    avoid_same_region: bool = False
    elimination_sides: str = SEED_SIDES


@dataclass(frozen=True)
class PairingRequest:
    kind: str
    seed: int
    teams: tuple[TeamRecord, ...]
    options: PairingOptions = PairingOptions()
    teams_per_debate: int = 2


@dataclass(frozen=True)
class CostBreakdown:
    """The cost of one pairing, tier by tier, highest first: the matcher compares costs field by
    field in this order, so no amount of a later field outweighs one unit of an earlier one.

    `side` counts all side trouble; `side_streak` is the part of it that is a team taking the
    same side a third time in a row, ranked above the rest.
    """

    rematch: int = 0
    bye: int = 0
    pullup: int = 0
    institution: int = 0
    region: int = 0
    side_streak: int = 0
    side: int = 0
    shape: int = 0

    def tiers(self) -> tuple[int, ...]:
        return tuple(getattr(self, name) for name in _COST_FIELDS)

    def __add__(self, other: CostBreakdown) -> CostBreakdown:
        return CostBreakdown(*(a + b for a, b in zip(self.tiers(), other.tiers(), strict=True)))

    def as_dict(self) -> dict[str, int]:
        return dict(zip(_COST_FIELDS, self.tiers(), strict=True))


_COST_FIELDS = tuple(f.name for f in fields(CostBreakdown))


@dataclass(frozen=True)
class PairingAssessment:
    """What `evaluate_pairing` says about one aff/neg pairing."""

    cost: CostBreakdown
    reasons: tuple[Reason, ...]
    pullup: str | None


@dataclass(frozen=True)
class PairedDebate:
    aff: str
    neg: str
    bracket: int
    cost: CostBreakdown
    pullup: str | None
    reasons: tuple[Reason, ...]

    def seats(self) -> tuple[tuple[str, str], ...]:
        """(side, team) pairs in speaking order, as for a four-team room."""
        return ((AFF, self.aff), (NEG, self.neg))

    @property
    def pullups(self) -> tuple[str, ...]:
        """The pulled-up teams, as a four-team room lists them."""
        return (self.pullup,) if self.pullup else ()


@dataclass(frozen=True)
class FourTeamDebate:
    """A British Parliamentary room: `teams` in OG, OO, CG, CO order.

    `bracket` is the points level the room was formed for (in random rounds the highest points
    in the room). The engine settles the room's trouble in this order, so `cost` reads: `pullup`
    (squared size of each pull-up, multiplied for a team pulled up before), `side` (position
    imbalance: what the teams' position histories charge for these positions), `institution` and
    `region` (pairs of teams in the room from one school or region, when the options ask), then
    `rematch` (times pairs of the room met before: in BP that is normal, the weakest preference).
    `bye`, `side_streak` and `shape` are always 0.
    """

    teams: tuple[str, str, str, str]
    bracket: int
    cost: CostBreakdown
    pullups: tuple[str, ...]
    reasons: tuple[Reason, ...]

    def seats(self) -> tuple[tuple[str, str], ...]:
        """(position, team) pairs in speaking order."""
        return tuple(zip(BP_POSITIONS, self.teams, strict=True))


@dataclass(frozen=True)
class Draw:
    """The debates in bracket order and the teams that advance or sit out without a debate."""

    debates: tuple[PairedDebate | FourTeamDebate, ...]
    byes: tuple[str, ...]


class PairingInputError(ValueError):
    """A request the engine cannot pair; the message names the problem in one line."""
