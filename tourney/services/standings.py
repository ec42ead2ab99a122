"""Team standings and the speaker tab of a tournament, from its confirmed prelim results."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from tourney.models import Speaker, Team, Tournament
from tourney.scoring import SpeakerTab, Standings, compute_standings, speaker_tab
from tourney.services import history as history_service
from tourney.services.formats import format_for
from tourney.services.history import History


@dataclass(frozen=True)
class TeamStandings:
    standings: Standings
    teams: dict[int, Team]
    rounds_counted: int
    # Four-team formats: how often each team held each position in the prelims, in format order
    # (the organiser's check that positions are balanced); empty for two-team formats.
    positions: dict[int, tuple[int, ...]] = field(default_factory=dict)
    position_codes: tuple[str, ...] = ()

    def rows(self):
        """(row, team) pairs in rank order, for templates and documents."""
        return [(row, self.teams[row.team_id]) for row in self.standings.rows]


@dataclass(frozen=True)
class SpeakerStandings:
    tab: SpeakerTab
    speakers: dict[int, Speaker]
    teams: dict[int, Team]

    def rows(self):
        return [(row, self.speakers[row.speaker_id]) for row in self.tab.rows]


def coin_toss(tournament: Tournament) -> dict[int, int]:
    """The recorded coin-toss lots by team id (``breaks.record_coin_toss`` writes them)."""
    return {int(k): int(v) for k, v in (tournament.settings or {}).get("coin_toss", {}).items()}


def from_history(
    history: History, up_to_round: int | None = None, *, swing: bool = False
) -> TeamStandings:
    """The team standings; swing teams are left out unless ``swing`` (the draw ranks them too)."""
    fmt = format_for(history.tournament)
    results = history.prelim_results(points_for_bye=fmt.points_by_rank[0])
    swing_ids = set() if swing else {t.id for t in history.teams.values() if t.is_swing}
    standings = compute_standings(
        results,
        fmt.standings_precedence,
        coin_toss(history.tournament),
        teams=list(history.teams),
        up_to_round=up_to_round,
        unranked=swing_ids,
    )
    counted = {
        r.round_number for r in results if up_to_round is None or r.round_number <= up_to_round
    }
    teams = {i: t for i, t in history.teams.items() if i not in swing_ids}
    if fmt.teams_per_debate == 2:
        return TeamStandings(standings, teams, len(counted))
    held = Counter(
        (a.team_id, a.side)
        for a in history.appearances
        if a.round_kind == "prelim" and (up_to_round is None or a.round_seq <= up_to_round)
    )
    positions = {team: tuple(held[team, side] for side in fmt.sides) for team in teams}
    return TeamStandings(standings, teams, len(counted), positions, fmt.sides)


def team_standings(tournament: Tournament, up_to_round: int | None = None) -> TeamStandings:
    return from_history(history_service.load(tournament), up_to_round)


def speaker_standings(
    tournament: Tournament, *, replies: bool = False, category: str | None = None
) -> SpeakerStandings:
    fmt = format_for(tournament)
    history = history_service.load(tournament)
    reply_codes = frozenset(p.code for p in fmt.positions if p.is_reply)
    speakers = {
        s.id: s for team in history.teams.values() if not team.is_swing for s in team.speakers
    }
    categories = {s.id: {s.category} for s in speakers.values() if s.category}
    tab = speaker_tab(
        [score for score in history.speaker_scores(reply_codes) if score.speaker_id in speakers],
        fmt.speaker_metric,
        category=category,
        categories=categories,
        replies=replies,
    )
    return SpeakerStandings(tab, speakers, history.teams)
