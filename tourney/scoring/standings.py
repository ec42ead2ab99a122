"""Team standings: per-team metrics from round results, ranked by a configurable precedence chain.

Metric conventions (all "higher is better"):
- wins, points: a bye counts as a win and carries the points the service records for it;
- ballots: ballots won normalised to a panel of three (a 3–2 split on five judges is 1.8 vs 1.2,
  a solo judge counts as 3; a bye counts as 3); zero when the format has no per-judge ballots;
- speaks_total / margin_total: sums over debates, each bye filled with the team's own average;
- speaks_avg / margin_avg: averages over debates actually spoken (byes excluded);
- draw_strength: the sum, over a team's debates, of each opponent's points in the rounds counted
  (opponents' wins in two-team formats, opponents' team points in BP);
- firsts / seconds: BP rank counts; head_to_head: only between exactly two teams still tied;
- coin_toss: a recorded lot per team (higher lot ranks higher), used only when every tied team
  has one.
Teams still tied after the whole chain share a rank and are reported in `unresolved_ties`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from tourney.scoring.ranking import (
    Splitter,
    rank_by_chain,
    split_by_lots,
    split_by_value,
    tied_groups,
)
from tourney.scoring.values import TeamId, exact, id_key, mean

TEAM_METRICS = (
    "wins",
    "points",
    "ballots",
    "speaks_total",
    "speaks_avg",
    "margin_total",
    "margin_avg",
    "draw_strength",
    "head_to_head",
    "firsts",
    "seconds",
    "coin_toss",
)

# Precedence steps that only order ties: they are not columns of a standings table.
ORDERING_ONLY = frozenset({"head_to_head", "coin_toss"})


def figure_metrics(precedence: Sequence[str]) -> tuple[str, ...]:
    """The precedence's metrics that are figures, each once, in order: the columns of the
    standings on the organiser's and public pages, in the CSV export and in the tab booklet."""
    return tuple(dict.fromkeys(m for m in precedence if m not in ORDERING_ONLY))


PRESETS: Mapping[str, tuple[str, ...]] = {
    # docs/domain.md, Standings: the recommendation for a KP/WSDC school national.
    "school": ("wins", "ballots", "speaks_total", "draw_strength", "head_to_head", "coin_toss"),
    "wsdc": ("wins", "ballots", "speaks_avg", "coin_toss"),
    "bp": ("points", "speaks_total", "firsts", "seconds", "draw_strength", "coin_toss"),
    "uadc": ("wins", "speaks_total", "margin_avg", "coin_toss"),
    "australs": ("wins", "speaks_total", "coin_toss"),
    "joynt": (
        "wins",
        "head_to_head",
        "speaks_total",
        "head_to_head",
        "draw_strength",
        "head_to_head",
        "coin_toss",
    ),
}

PANEL_NORM = 3


@dataclass(frozen=True)
class TeamRoundResult:
    """One team's result in one round (build it with `results.team_round_results`)."""

    team_id: TeamId
    round_number: int
    opponent_ids: tuple[TeamId, ...] = ()
    side: str | None = None
    points: int = 0
    won: bool = False
    rank: int | None = None
    ballots_won: int = 0
    ballots_total: int = 0
    speaker_total: Decimal | Fraction = Decimal(0)
    margin: Decimal | Fraction = Decimal(0)
    is_bye: bool = False

    @classmethod
    def bye(cls, team_id: TeamId, round_number: int, points: int = 1) -> TeamRoundResult:
        return cls(team_id=team_id, round_number=round_number, points=points, won=True, is_bye=True)


@dataclass(frozen=True)
class StandingRow:
    team_id: TeamId
    rank: int
    rounds: int
    values: Mapping[str, Fraction]
    separated_by: str | None  # metric code that put this team below the previous row, or "tied"


@dataclass(frozen=True)
class Standings:
    precedence: tuple[str, ...]
    rows: tuple[StandingRow, ...]
    unresolved_ties: tuple[tuple[TeamId, ...], ...]

    def row(self, team_id: TeamId) -> StandingRow:
        for r in self.rows:
            if r.team_id == team_id:
                return r
        raise KeyError(team_id)

    def rank_of(self, team_id: TeamId) -> int:
        return self.row(team_id).rank

    @property
    def team_ids(self) -> tuple[TeamId, ...]:
        return tuple(r.team_id for r in self.rows)


def _team_values(rounds: Sequence[TeamRoundResult]) -> dict[str, Fraction]:
    debates = [r for r in rounds if not r.is_bye]
    byes = len(rounds) - len(debates)
    speaks_avg = mean(r.speaker_total for r in debates) if debates else Fraction(0)
    margin_avg = mean(r.margin for r in debates) if debates else Fraction(0)
    ballots = sum(
        (Fraction(PANEL_NORM * r.ballots_won, r.ballots_total) for r in debates if r.ballots_total),
        Fraction(PANEL_NORM * byes),
    )
    return {
        "wins": Fraction(sum(1 for r in rounds if r.won)),
        "points": Fraction(sum(r.points for r in rounds)),
        "ballots": ballots,
        "speaks_total": sum((exact(r.speaker_total) for r in debates), byes * speaks_avg),
        "speaks_avg": speaks_avg,
        "margin_total": sum((exact(r.margin) for r in debates), byes * margin_avg),
        "margin_avg": margin_avg,
        "firsts": Fraction(sum(1 for r in debates if r.rank == 1)),
        "seconds": Fraction(sum(1 for r in debates if r.rank == 2)),
    }


def _head_to_head(by_team: Mapping[TeamId, Sequence[TeamRoundResult]]) -> Splitter[TeamId]:
    def beats(a: TeamId, b: TeamId) -> int:
        """Debates in which a finished above b (more points in the same debate)."""
        b_points = {r.round_number: r.points for r in by_team[b]}
        return sum(
            1
            for r in by_team[a]
            if b in r.opponent_ids
            and r.round_number in b_points
            and r.points > b_points[r.round_number]
        )

    def split(group: list[TeamId]) -> list[list[TeamId]]:
        if len(group) != 2:
            return [group]
        a, b = group
        a_wins, b_wins = beats(a, b), beats(b, a)
        if a_wins == b_wins:
            return [group]
        return [[a], [b]] if a_wins > b_wins else [[b], [a]]

    return split


def compute_standings(
    results: Sequence[TeamRoundResult],
    precedence: Sequence[str] = PRESETS["school"],
    coin_toss: Mapping[TeamId, int] | None = None,
    *,
    teams: Collection[TeamId] = (),
    up_to_round: int | None = None,
    unranked: Collection[TeamId] = (),
) -> Standings:
    """Rank every team in `results` (plus `teams` with no results yet).

    `up_to_round` ignores later rounds, e.g. to publish standings that hide the last prelim.
    `unranked` teams (BP swing teams) are left out of the ranking, but their results still
    count for their opponents (draw strength reads their points).
    """
    unknown = [m for m in precedence if m not in TEAM_METRICS]
    if unknown:
        raise ValueError(f"unknown standings metrics: {unknown}")
    by_team: dict[TeamId, list[TeamRoundResult]] = defaultdict(list)
    for t in teams:
        by_team.setdefault(t, [])
    seen: set[tuple[TeamId, int]] = set()
    for r in results:
        if up_to_round is not None and r.round_number > up_to_round:
            continue
        if (r.team_id, r.round_number) in seen:
            raise ValueError(f"team {r.team_id!r} has two results in round {r.round_number}")
        seen.add((r.team_id, r.round_number))
        by_team[r.team_id].append(r)

    values = {t: _team_values(rounds) for t, rounds in by_team.items()}
    for t, rounds in by_team.items():
        values[t]["draw_strength"] = sum(
            (
                values[o]["points"] if o in values else Fraction(0)
                for r in rounds
                for o in r.opponent_ids
            ),
            Fraction(0),
        )
    lots = dict(coin_toss or {})
    for t in by_team:
        if t in lots:
            values[t]["coin_toss"] = Fraction(lots[t])

    def splitter(code: str) -> Splitter[TeamId]:
        if code == "head_to_head":
            return _head_to_head(by_team)
        if code == "coin_toss":
            return split_by_lots(lots, lambda t: t)
        return split_by_value(lambda t: values[t][code])

    left_out = set(unranked)
    ranked = rank_by_chain(
        [t for t in by_team if t not in left_out], [(c, splitter(c)) for c in precedence], id_key
    )
    rows = tuple(
        StandingRow(r.item, r.rank, len(by_team[r.item]), values[r.item], r.separated_by)
        for r in ranked
    )
    return Standings(tuple(precedence), rows, tuple(tied_groups(ranked)))
