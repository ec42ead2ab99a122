"""Team standings and the speaker tab of a tournament, from its confirmed prelim results."""

from __future__ import annotations

from dataclasses import dataclass

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


def from_history(history: History, up_to_round: int | None = None) -> TeamStandings:
    fmt = format_for(history.tournament)
    results = history.prelim_results(points_for_bye=fmt.points_by_rank[0])
    standings = compute_standings(
        results,
        fmt.standings_precedence,
        coin_toss(history.tournament),
        teams=list(history.teams),
        up_to_round=up_to_round,
    )
    counted = {
        r.round_number for r in results if up_to_round is None or r.round_number <= up_to_round
    }
    return TeamStandings(standings, history.teams, len(counted))


def team_standings(tournament: Tournament, up_to_round: int | None = None) -> TeamStandings:
    return from_history(history_service.load(tournament), up_to_round)


def speaker_standings(
    tournament: Tournament, *, replies: bool = False, category: str | None = None
) -> SpeakerStandings:
    fmt = format_for(tournament)
    history = history_service.load(tournament)
    reply_codes = frozenset(p.code for p in fmt.positions if p.is_reply)
    speakers = {s.id: s for team in history.teams.values() for s in team.speakers}
    categories = {s.id: {s.category} for s in speakers.values() if s.category}
    tab = speaker_tab(
        history.speaker_scores(reply_codes),
        fmt.speaker_metric,
        category=category,
        categories=categories,
        replies=replies,
    )
    return SpeakerStandings(tab, speakers, history.teams)
