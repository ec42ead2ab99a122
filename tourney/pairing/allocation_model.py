"""Plain data for adjudicator and room allocation: what goes in, what comes out.

Everything here is a frozen dataclass or a tuple so that the service layer can build a request
from the database, and the CLI from JSON (see ``allocation_json``), with the same types.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

Role = Literal["any", "wing", "trainee"]
ROLES: tuple[Role, ...] = ("any", "wing", "trainee")


class Issue(NamedTuple):
    """A conflict or warning as data: a stable ``code`` plus JSON-ready ``params``.

    The web layer translates ``code``; ``describe`` renders English for the CLI.
    """

    code: str
    params: Mapping[str, Any]

    @property
    def hard(self) -> bool:
        """True for rules the allocator never breaks (a manual edit may, and is told so)."""
        return self.code in HARD_CODES


HARD_CODES = frozenset(
    {
        "own_institution",
        "declared_team_conflict",
        "declared_institution_conflict",
        "same_region",
        "judge_absent",
        "role_not_allowed",
        "judge_repeated",
    }
)

_TEMPLATES: dict[str, str] = {
    "own_institution": "{judge} is from {institution}, the institution of team {team}",
    "declared_team_conflict": "{judge} has a declared conflict with team {team}",
    "declared_institution_conflict": (
        "{judge} has a declared conflict with {institution}, the institution of team {team}"
    ),
    "same_region": "{judge} is from {region}, the region of team {team} (neutral judges asked)",
    "judge_absent": "{judge} is absent this round",
    "role_not_allowed": "{judge} ({role}) cannot sit as {position}",
    "judge_repeated": "{judge} appears more than once on the panel",
    "judged_before": "{judge} has judged team {team} before",
    "short_panel": "panel has {have} of {needed} voting judges",
    "long_panel": "panel has {have} voting judges, {needed} planned",
    "no_chair": "debate {debate} has no chair (could chair: {candidates})",
    "no_conflict_free_chair": (
        "debate {debate} has no chair: all {conflicted} chair-capable judges have a hard "
        "conflict with it"
    ),
    "chairs_needed_elsewhere": (
        "debate {debate} has no chair: all {count} conflict-free chair-capable judges chair "
        "other debates"
    ),
    "no_chair_capable_judge": "debate {debate} has no chair: no present judge may chair",
    "no_room": "debate {debate} has no room (not enough rooms)",
    "room_not_accessible": "room {room} is not accessible but {needs} need access",
    "building_changed": "team {team} moves from building {previous} to {building}",
}


def describe(issue: Issue) -> str:
    """English sentence for an issue (CLI and logs; the web layer uses its own catalogs)."""
    template = _TEMPLATES.get(issue.code)
    if template is None:
        return f"{issue.code}: {dict(issue.params)}"
    shown = {k: ", ".join(v) if isinstance(v, list | tuple) else v for k, v in issue.params.items()}
    return template.format(**shown)


@dataclass(frozen=True)
class Team:
    id: str
    institution: str = ""
    region: str = ""
    needs_access: bool = False
    previous_building: str = ""


@dataclass(frozen=True)
class Adjudicator:
    id: str
    rating: float
    institution: str = ""
    region: str = ""
    role: Role = "any"
    conflicts: tuple[str, ...] = ()
    """Team ids, or ``"inst:<institution>"`` for a whole institution."""
    seen: tuple[str, ...] = ()
    """Teams this judge has already judged."""
    needs_access: bool = False
    absent: bool = False
    previous_building: str = ""


@dataclass(frozen=True)
class Debate:
    id: str
    teams: tuple[str, ...]
    importance: int = 0
    """Higher matters more (top and bubble rooms); see ``bracket_importance``."""


@dataclass(frozen=True)
class Room:
    id: str
    priority: float = 0
    """Higher is better: used first, and for the most important debates with ``room_priority``."""
    accessible: bool = False
    building: str = ""


@dataclass(frozen=True)
class AllocationOptions:
    panel_size: int = 3
    neutral_region: bool = False
    room_priority: bool = False
    trainees: bool = True
    odd_panels: bool = True
    """When judges are short, panels shrink in steps of two (3 then 1), never to an even size."""


def panel_sizes(
    importance: Sequence[float], voting_judges: int, panel_size: int, odd: bool = True
) -> list[int]:
    """Voting judges planned per debate when there may be too few for ``panel_size`` each.

    Every debate gets a chair first; then, most important debates first (ties in order), each
    panel grows to ``panel_size`` in steps of two (odd sizes only: a split panel is decided by
    the chair alone) or, with ``odd`` False, one judge at a time over all debates in turn.
    """
    order = sorted(range(len(importance)), key=lambda d: (-importance[d], d))
    sizes = [0] * len(importance)
    remaining = voting_judges
    for d in order:
        if remaining > 0:
            sizes[d], remaining = 1, remaining - 1
    if odd:
        for d in order:
            while sizes[d] and sizes[d] + 2 <= panel_size and remaining >= 2:
                sizes[d], remaining = sizes[d] + 2, remaining - 2
        return sizes
    while remaining > 0 and any(0 < s < panel_size for s in sizes):
        for d in order:
            if remaining > 0 and 0 < sizes[d] < panel_size:
                sizes[d], remaining = sizes[d] + 1, remaining - 1
    return sizes


@dataclass(frozen=True)
class AllocationRequest:
    debates: tuple[Debate, ...]
    teams: tuple[Team, ...]
    adjudicators: tuple[Adjudicator, ...]
    rooms: tuple[Room, ...] = ()
    options: AllocationOptions = field(default_factory=AllocationOptions)
    seed: int = 0

    def team_map(self) -> dict[str, Team]:
        return {team.id: team for team in self.teams}

    def adjudicator_map(self) -> dict[str, Adjudicator]:
        return {adj.id: adj for adj in self.adjudicators}


@dataclass(frozen=True)
class Panel:
    debate: str
    chair: str | None
    panellists: tuple[str, ...] = ()
    trainees: tuple[str, ...] = ()
    room: str | None = None
    warnings: tuple[Issue, ...] = ()

    @property
    def voting(self) -> tuple[str, ...]:
        """Chair and panellists: the judges whose ballots count."""
        return ((self.chair,) if self.chair else ()) + self.panellists


@dataclass(frozen=True)
class Allocation:
    panels: tuple[Panel, ...]
    unallocated: tuple[str, ...]
    """Present judges who sit nowhere this round, in request order."""
    uncovered: tuple[Issue, ...]
    """One issue per debate left without a chair, saying why (param ``debate``)."""


def bracket_importance(
    brackets: Mapping[str, float], bubble: float | None = None
) -> dict[str, int]:
    """Importance per debate from its bracket: the top bracket and the bubble bracket get 1.

    ``brackets`` maps debate id to bracket (e.g. wins of its teams); ``bubble`` is the bracket
    whose teams are on the edge of the break, if the organiser knows it.
    """
    if not brackets:
        return {}
    top = max(brackets.values())
    return {
        debate: int(bracket == top or (bubble is not None and bracket == bubble))
        for debate, bracket in brackets.items()
    }
