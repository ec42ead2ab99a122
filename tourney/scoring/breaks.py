"""The break: which teams go to the elimination rounds of each category, and their seeds.

Categories are filled in priority order (lower number first, e.g. open = 0, then a language or
school category): a team that breaks in one category is not counted in later ones. Teams tied
across a break line (sharing a rank in the standings, i.e. not separated even by a coin toss) are
never split silently: the category reports them with the number of open slots and is incomplete.
Remark codes: "broke_in_other_category" {category}, "undecided_in_other_category" {category},
"capped" {institution, cap}.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from tourney.scoring.ranking import cut_at_line
from tourney.scoring.standings import StandingRow, Standings
from tourney.scoring.values import TeamId

# The elimination stage that the given number of teams plays (two-team debates).
STAGE_NAMES = {2: "final", 4: "semifinal", 8: "quarterfinal", 16: "octofinal"}


def stage_name(teams: int, per_debate: int = 2) -> str:
    """The stage that starts with ``teams`` in debates of ``per_debate`` (a BP final: 4)."""
    two_team = teams * 2 // per_debate
    return STAGE_NAMES.get(two_team, f"1/{two_team // 2}")


@dataclass(frozen=True)
class BreakCategory:
    code: str
    size: int
    priority: int = 0
    eligible: Collection[TeamId] | None = None  # None: every team in the standings
    institution_cap: int | None = None  # at most this many breaking teams per institution

    def __post_init__(self) -> None:
        if self.size < 1:
            raise ValueError(f"break category {self.code}: size must be at least 1")


@dataclass(frozen=True)
class BreakingTeam:
    team_id: TeamId
    seed: int
    standing_rank: int


@dataclass(frozen=True)
class BreakRemark:
    team_id: TeamId
    code: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class CategoryBreak:
    code: str
    breaking: tuple[BreakingTeam, ...]
    tie_at_line: tuple[TeamId, ...]
    open_slots: int  # slots the teams in tie_at_line compete for
    remarks: tuple[BreakRemark, ...]
    complete: bool

    @property
    def seeding(self) -> tuple[tuple[TeamId, int], ...]:
        """(team id, seed) for the pairing engine's elimination bracket."""
        return tuple((t.team_id, t.seed) for t in self.breaking)


@dataclass(frozen=True)
class BreakResult:
    categories: tuple[CategoryBreak, ...]

    def category(self, code: str) -> CategoryBreak:
        return next(c for c in self.categories if c.code == code)


def compute_break(
    standings: Standings,
    categories: Sequence[BreakCategory],
    institutions: Mapping[TeamId, str] | None = None,
) -> BreakResult:
    if len({c.code for c in categories}) != len(categories):
        raise ValueError("break category codes must be distinct")
    broke: dict[TeamId, str] = {}
    undecided: dict[TeamId, str] = {}
    results = []
    for category in sorted(categories, key=lambda c: (c.priority, c.code)):
        result = _fill(standings, category, broke, undecided, institutions or {})
        broke.update((t.team_id, category.code) for t in result.breaking)
        undecided.update((t, category.code) for t in result.tie_at_line)
        results.append(result)
    return BreakResult(tuple(results))


def _fill(
    standings: Standings,
    category: BreakCategory,
    broke: Mapping[TeamId, str],
    undecided: Mapping[TeamId, str],
    institutions: Mapping[TeamId, str],
) -> CategoryBreak:
    eligible = None if category.eligible is None else set(category.eligible)
    candidates: list[StandingRow] = []
    remarks: list[BreakRemark] = []
    per_institution: Counter[str] = Counter()
    size = category.size
    for row in standings.rows:
        team = row.team_id
        if eligible is not None and team not in eligible:
            continue
        if len(candidates) >= size and row.rank != candidates[size - 1].rank:
            break
        if team in broke:
            remarks.append(BreakRemark(team, "broke_in_other_category", {"category": broke[team]}))
            continue
        if team in undecided:
            params = {"category": undecided[team]}
            remarks.append(BreakRemark(team, "undecided_in_other_category", params))
            continue
        institution = institutions.get(team)
        cap = category.institution_cap
        if cap is not None and institution is not None and per_institution[institution] >= cap:
            remarks.append(BreakRemark(team, "capped", {"institution": institution, "cap": cap}))
            continue
        if institution is not None:
            per_institution[institution] += 1
        candidates.append(row)

    above, tie, _ = cut_at_line(candidates, lambda r: r.rank, size)
    breaking = tuple(BreakingTeam(r.team_id, i + 1, r.rank) for i, r in enumerate(above))
    waits_on_other = any(r.code == "undecided_in_other_category" for r in remarks)
    return CategoryBreak(
        code=category.code,
        breaking=breaking,
        tie_at_line=tuple(r.team_id for r in tie),
        open_slots=size - len(breaking) if tie else 0,
        remarks=tuple(remarks),
        complete=not tie and not waits_on_other,
    )
