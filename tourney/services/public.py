"""What the public may see. Every public page and the JSON API read through this module, so it is
the one place that decides what is released:

- a round's draw (debates, sides, rooms, judges, byes) and its motion: once the round is
  released (``Round.draw_public``);
- a round's results (who won, the judges' votes): once ``results_released_at`` is set; a prelim
  round's never while ``public_top_n`` cuts the standings (``prelim_results_withheld``);
- the standings / speaker tab: while the ``public_standings`` / ``public_speaker_tab`` setting
  is on, counting only the leading prelim rounds whose results are released, and not the last
  prelim while ``hide_last_prelim`` is on and the break is not public; ``public_top_n`` (> 0)
  cuts the list;
- a category's break bracket: once its first elimination round's draw is released, or when
  the ``public_break`` setting is on;
- speakers' names on team pages and in the team search: while ``public_speaker_names`` is on
  (the speaker tab, when public, names its own speakers);
- the timetable: as soon as the organisers enter it (its edits move the public version too).
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time
from fractions import Fraction
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import String, cast, exists, func, select
from sqlalchemy.orm import joinedload, selectinload

from tourney.config import TIMEZONE
from tourney.extensions import db
from tourney.models import (
    BreakCategory,
    BreakingTeam,
    Bye,
    Debate,
    DebateAdjudicator,
    DebateResult,
    DebateTeam,
    Motion,
    Round,
    ScheduleItem,
    Speaker,
    Team,
    Tournament,
    Venue,
)
from tourney.models._base import parse_id
from tourney.models.draw import DRAW_PUBLIC
from tourney.scoring import DebateResult as Decision
from tourney.scoring import (
    SpeakerRoundScore,
    StandingRow,
    TeamRoundResult,
    speaker_round_scores,
    speaker_tab,
    team_round_results,
)
from tourney.scoring import motions as motion_balance
from tourney.scoring.formats import SPEAKER_METRICS
from tourney.scoring.speakers import SpeakerRow
from tourney.scoring.standings import figure_metrics
from tourney.services import bracket as bracket_model
from tourney.services import decisions as stored_decisions
from tourney.services import history as history_service
from tourney.services import settings
from tourney.services import standings as standings_service
from tourney.services.formats import format_for
from tourney.services.tournaments import rounds_of
from tourney.services.tournaments import schedule as schedule_items
from tourney.text import matches, search_key, sort_key

ROLE_ORDER = {"chair": 0, "panellist": 1, "trainee": 2}
SPEAKER_FIGURES = (*SPEAKER_METRICS, "speeches")  # the speaker tab's columns (SpeakerRow's)

# --------------------------------------------------------------------------- the public version


@dataclass(frozen=True)
class Stamp:
    """A tournament's id and a key that changes whenever anything it publishes changes."""

    tournament_id: int
    key: str


def stamp(slug: str) -> Stamp | None:
    """One query: release timestamps and counts, results and break fingerprints, settings."""
    of_tournament = Round.tournament_id == Tournament.id
    released = Round.status.in_(DRAW_PUBLIC)
    results = Round.results_released_at.is_not(None)

    def rounds(column: Any, *where: Any) -> Any:
        return select(column).where(of_tournament, *where).scalar_subquery()

    def confirmed(column: Any) -> Any:
        return (
            select(column)
            .join(Debate, Debate.id == DebateResult.debate_id)
            .join(Round, Round.id == Debate.round_id)
            .where(of_tournament, results, DebateResult.status == "confirmed")
            .scalar_subquery()
        )

    def breaking(column: Any) -> Any:
        return (
            select(column)
            .join(BreakCategory, BreakCategory.id == BreakingTeam.break_category_id)
            .where(BreakCategory.tournament_id == Tournament.id)
            .scalar_subquery()
        )

    def timetable() -> Any:
        """Every item's fields in one string: an edited time, title or room changes it."""
        fields = [
            cast(ScheduleItem.id, String),
            ScheduleItem.kind,
            func.coalesce(cast(ScheduleItem.round_id, String), ""),
            cast(ScheduleItem.day, String),
            cast(ScheduleItem.start_minute, String),
            ScheduleItem.title,
            ScheduleItem.building,
        ]
        joined = functools.reduce(lambda left, right: left + ":" + right, fields)
        return (
            select(func.aggregate_strings(joined, "|"))
            .where(ScheduleItem.tournament_id == Tournament.id)
            .scalar_subquery()
        )

    row = db.session.execute(
        select(
            Tournament.id,
            Tournament.settings,
            rounds(func.count(Round.id), released),
            rounds(func.max(Round.draw_released_at), released),
            rounds(func.sum(Round.draw_version), released),  # edits after release
            rounds(func.count(Round.id), results),
            rounds(func.max(Round.results_released_at), results),
            confirmed(func.count(DebateResult.id)),
            confirmed(func.max(DebateResult.id)),
            breaking(func.count(BreakingTeam.id)),
            breaking(func.max(BreakingTeam.id)),
            timetable(),
        ).where(Tournament.slug == slug)
    ).first()
    if row is None:
        return None
    fingerprint = json.dumps([*map(str, row[2:]), row[1] or {}], sort_keys=True, default=str)
    return Stamp(row[0], hashlib.blake2b(fingerprint.encode(), digest_size=12).hexdigest())


# --------------------------------------------------------------------------- draws


@dataclass(frozen=True)
class Seat:
    side: str
    team: Team
    rank: int | None = None  # 1 = won; None until the round's results are released
    votes: int | None = None


@dataclass(frozen=True)
class Judge:
    name: str
    role: str


@dataclass(frozen=True)
class PublicDebate:
    id: int
    position: int
    venue: Venue | None
    seats: tuple[Seat, ...]
    judges: tuple[Judge, ...]

    def seat_of(self, team_id: int) -> Seat | None:
        return next((seat for seat in self.seats if seat.team.id == team_id), None)


@dataclass(frozen=True)
class PublicDraw:
    round: Round
    sides: tuple[str, ...]  # the format's sides, in order
    motions: tuple[Motion, ...]
    debates: tuple[PublicDebate, ...]
    byes: tuple[Team, ...]
    results_released: bool  # released and not withheld (``results_shown``)


def released_rounds(tournament: Tournament) -> list[Round]:
    """Rounds whose draw is public, in order (without their debates)."""
    return rounds_of(tournament, draw_public=True)


def _draw_rounds(tournament: Tournament, seq: int | None = None) -> list[Round]:
    query = (
        select(Round)
        .where(Round.tournament_id == tournament.id, Round.status.in_(DRAW_PUBLIC))
        .options(
            selectinload(Round.motions).joinedload(Motion.division),
            selectinload(Round.byes).joinedload(Bye.team),
            selectinload(Round.debates).options(
                joinedload(Debate.venue),
                selectinload(Debate.teams).joinedload(DebateTeam.team).joinedload(Team.institution),
                selectinload(Debate.adjudicators).joinedload(DebateAdjudicator.adjudicator),
            ),
        )
        .order_by(Round.seq)
    )
    if seq is not None:
        query = query.where(Round.seq == seq)
    return list(db.session.scalars(query))


def withheld_round(tournament: Tournament) -> int | None:
    """The prelim round whose results stay private although released: the last one, while
    ``hide_last_prelim`` is on and the break is not public (its ranks and votes would let anyone
    rebuild the standings the setting hides)."""
    if not settings.get(tournament, "hide_last_prelim"):
        return None
    last = db.session.scalar(
        select(func.max(Round.seq)).where(
            Round.tournament_id == tournament.id, Round.kind == "prelim"
        )
    )
    if last is None or break_is_public(tournament):
        return None
    return last


def prelim_results_withheld(tournament: Tournament) -> bool:
    """While ``public_top_n`` cuts the public standings, no prelim round's results are public:
    who beat whom in every room rebuilds each team's wins, and so the table the setting cuts."""
    return int(settings.get(tournament, "public_top_n") or 0) > 0


def _withheld_because(round_: Round, every_prelim: bool, hidden: int | None) -> str | None:
    if round_.kind != "prelim":
        return None
    if every_prelim:
        return "top_n"
    return "last_prelim" if round_.seq == hidden else None


def withheld_because(round_: Round) -> str | None:
    """Why the round's results stay off the public pages once released: ``"top_n"``,
    ``"last_prelim"``, or None when they will be shown."""
    tournament = round_.tournament
    return _withheld_because(
        round_, prelim_results_withheld(tournament), withheld_round(tournament)
    )


def results_shown(rounds: Iterable[Round]) -> set[int]:
    """Ids of the rounds whose results the public may see: released, and not withheld."""
    rounds = list(rounds)
    if not rounds:
        return set()
    tournament = rounds[0].tournament
    every_prelim, hidden = prelim_results_withheld(tournament), withheld_round(tournament)
    return {
        r.id
        for r in rounds
        if r.results_released_at is not None and _withheld_because(r, every_prelim, hidden) is None
    }


def results_time(round_: Round) -> datetime | None:
    """When the round's results became public; None while unreleased or withheld."""
    return round_.results_released_at if round_.id in results_shown([round_]) else None


def _decisions(shown: set[int]) -> dict[int, Decision]:
    """Confirmed decisions of the rounds whose results are shown, by debate id."""
    return stored_decisions.confirmed(Debate.round_id.in_(shown)) if shown else {}


def _public_debate(
    debate: Debate, decision: Decision | None, sides: tuple[str, ...]
) -> PublicDebate:
    ranks = dict(decision.ranks) if decision else {}
    votes = dict(decision.votes) if decision else {}
    seats = sorted(debate.teams, key=lambda seat: sides.index(seat.side))
    judges = sorted(
        debate.adjudicators, key=lambda s: (ROLE_ORDER[s.role], sort_key(s.adjudicator.name))
    )
    return PublicDebate(
        id=debate.id,
        position=debate.position,
        venue=debate.venue,
        seats=tuple(
            Seat(s.side, s.team, ranks.get(s.side), votes.get(s.side) if ranks else None)
            for s in seats
        ),
        judges=tuple(Judge(s.adjudicator.name, s.role) for s in judges),
    )


def _public_draw(round_: Round, decisions: dict[int, Decision], released: bool) -> PublicDraw:
    sides = format_for(round_.tournament).sides
    debates = [
        _public_debate(debate, decisions.get(debate.id) if released else None, sides)
        for debate in round_.debates
    ]
    if round_.kind == "prelim":  # by room; elimination debates keep their bracket order
        # a debate without a room (e.g. a late team's) comes after the rooms
        debates.sort(key=lambda d: ((0, sort_key(d.venue.name)) if d.venue else (1,), d.position))
    return PublicDraw(
        round=round_,
        sides=sides,
        motions=tuple(round_.motions),
        debates=tuple(debates),
        byes=tuple(sorted((bye.team for bye in round_.byes), key=lambda t: sort_key(t.name))),
        results_released=released,
    )


def draws(tournament: Tournament, seq: int | None = None) -> list[PublicDraw]:
    """Every released draw (or the one of round ``seq``), results filled where released."""
    rounds = _draw_rounds(tournament, seq)
    shown = results_shown(rounds)
    decisions = _decisions(shown)
    return [_public_draw(round_, decisions, round_.id in shown) for round_ in rounds]


def draw(tournament: Tournament, seq: int) -> PublicDraw | None:
    found = draws(tournament, seq)
    return found[0] if found else None


def draw_by_team(found: PublicDraw, query: str = "") -> tuple[tuple[Team, TeamRound], ...]:
    """Every team of the draw, debating or on a bye, alphabetically (``text.sort_key``), with
    its place in the round; only the teams whose name or code matches ``query`` (``text.matches``:
    any alphabet, old look-alike letters), all of them when it is empty."""
    places = [
        (seat.team, TeamRound(found.round, debate, seat.team.id, found.results_released))
        for debate in found.debates
        for seat in debate.seats
    ]
    places += [(team, TeamRound(found.round, None, team.id, False)) for team in found.byes]
    return tuple(
        sorted(
            ((team, place) for team, place in places if matches(query, team.name, team.code)),
            key=lambda pair: sort_key(pair[0].name),
        )
    )


def results(tournament: Tournament) -> list[PublicDraw]:
    """The rounds whose results the public may see (``results_shown``), newest first."""
    return [found for found in reversed(draws(tournament)) if found.results_released]


@dataclass(frozen=True)
class MotionBalance:
    motion: Motion
    round: Round
    sides: tuple[str, ...]
    results_released: bool
    balance: motion_balance.Balance  # over the debates whose results are shown


def motions(tournament: Tournament) -> list[MotionBalance]:
    """Every released motion, newest round first, with its sides' wins where results are shown."""
    found = []
    for draw_ in reversed(draws(tournament)):
        round_ = draw_.round
        by_id = {debate.id: debate for debate in round_.debates}
        for motion in draw_.motions:
            ranks = [
                {seat.side: seat.rank for seat in debate.seats if seat.rank is not None}
                for debate in draw_.debates
                if draw_.results_released and round_.motion_for(by_id[debate.id]) is motion
            ]
            balance = motion_balance.balance(ranks, draw_.sides)
            found.append(
                MotionBalance(motion, round_, draw_.sides, draw_.results_released, balance)
            )
    return found


def current_draw(tournament: Tournament) -> PublicDraw | None:
    """The latest released draw."""
    latest = db.session.scalar(
        select(func.max(Round.seq)).where(
            Round.tournament_id == tournament.id, Round.status.in_(DRAW_PUBLIC)
        )
    )
    return draw(tournament, latest) if latest is not None else None


# --------------------------------------------------------------------------- teams


@dataclass(frozen=True)
class TeamRound:
    """A released round seen from one team: its seat and opponents, or a bye (no debate)."""

    round: Round
    debate: PublicDebate | None
    team_id: int
    results_released: bool

    @property
    def seat(self) -> Seat | None:
        return self.debate.seat_of(self.team_id) if self.debate else None

    @property
    def opponents(self) -> tuple[Seat, ...]:
        if self.debate is None:
            return ()
        return tuple(s for s in self.debate.seats if s.team.id != self.team_id)


@dataclass(frozen=True)
class TeamSpeaker:
    """A speaker of the team, with their points in the rounds ``TeamRecord`` counts: their
    substantive speeches, as the speaker tab counts them; both None while the speaker tab is
    private."""

    speaker: Speaker
    total: Fraction | None
    speeches: int | None


@dataclass(frozen=True)
class TeamRecord:
    """A team's preliminary rounds whose results the public may see (``results_shown``): the
    withheld last prelim and unreleased rounds are not counted. A bye counts as a win worth the
    top points, as in the standings."""

    rounds: int  # counted prelims: debates with a result, and byes
    places: tuple[int, ...]  # how many 1sts, 2nds, … (two-team formats: wins, losses)
    points: int  # team points (two-team formats: wins; BP: 3/2/1/0)
    byes: int
    speaker_total: Fraction | None  # None while the speaker tab is private
    speakers: tuple[TeamSpeaker, ...]  # in team-sheet order

    @property
    def wins(self) -> int:
        return self.places[0]

    @property
    def losses(self) -> int:
        return self.rounds - self.places[0]


@dataclass(frozen=True)
class TeamView:
    team: Team
    rounds: tuple[TeamRound, ...]  # newest first
    next: TeamRound | None  # its place in the latest released draw, until results are out
    next_start: datetime | None  # when ``next``'s round starts, from the schedule (aware)
    record: TeamRecord


@dataclass(frozen=True)
class TeamMatch:
    """A search result; ``speakers`` are the ones it was found by, when its own names (name,
    code, school) do not match the whole query."""

    team: Team
    speakers: tuple[Speaker, ...] = ()


def teams(tournament: Tournament) -> list[Team]:
    found = db.session.scalars(
        select(Team)
        .where(Team.tournament_id == tournament.id)
        .options(joinedload(Team.institution), selectinload(Team.speakers))
    )
    return sorted(found, key=lambda team: sort_key(team.name))


def _own_names(team: Team) -> tuple[str, ...]:
    school = team.institution
    return (
        team.name,
        team.code,
        school.name if school else "",
        school.short_name if school else "",
    )


def speaker_names_public(tournament: Tournament) -> bool:
    """Whether team pages and the team search name the speakers (``public_speaker_names``): a
    youth championship may keep its students' names off the public site."""
    return bool(settings.get(tournament, "public_speaker_names"))


def search_teams(tournament: Tournament, query: str) -> list[TeamMatch]:
    """Teams whose name, code, school or speakers match ``query`` in any alphabet
    (``text.matches``: every word in one of them, so "Алёна Хуҷанд" finds Alyona's team from
    Khujand)."""
    found = []
    names_public = speaker_names_public(tournament)
    for team in teams(tournament):
        speakers = [speaker.name for speaker in team.speakers] if names_public else []
        if matches(query, *_own_names(team)):
            found.append(TeamMatch(team))
        elif matches(query, *_own_names(team), *speakers):
            words = search_key(query).split()
            by = [s for s in team.speakers if any(matches(word, s.name) for word in words)]
            found.append(TeamMatch(team, tuple(by)))
    return found


def find_team(tournament: Tournament, key: str) -> Team | None:
    """A team by its public code (any case) or its id."""
    team = db.session.scalar(
        select(Team).where(
            Team.tournament_id == tournament.id, func.upper(Team.code) == key.upper()
        )
    )
    team_id = parse_id(key)
    if team is None and team_id is not None:
        team = db.session.scalar(
            select(Team).where(Team.tournament_id == tournament.id, Team.id == team_id)
        )
    return team


def team_view(tournament: Tournament, team: Team) -> TeamView:
    """The team's released rounds, newest first; ``next`` is its place in the latest released
    draw while that round's results are not out yet; its record over the shown results."""
    all_rounds = _draw_rounds(tournament)
    shown = results_shown(all_rounds)
    decisions = _decisions(shown)
    rounds = []
    for round_ in reversed(all_rounds):
        public_draw = _public_draw(round_, decisions, round_.id in shown)
        debate = next((d for d in public_draw.debates if d.seat_of(team.id)), None)
        if debate is not None or any(bye.id == team.id for bye in public_draw.byes):
            rounds.append(TeamRound(round_, debate, team.id, public_draw.results_released))
    upcoming = None
    if rounds and rounds[0].round is all_rounds[-1] and not rounds[0].results_released:
        upcoming = rounds[0]
    speakers = (
        tuple(sorted(team.speakers, key=lambda s: s.position))
        if speaker_names_public(tournament)
        else ()
    )
    return TeamView(
        team=team,
        rounds=tuple(rounds),
        next=upcoming,
        next_start=round_start(upcoming.round) if upcoming else None,
        record=_record(tournament, team, speakers, rounds, decisions),
    )


def _record(
    tournament: Tournament,
    team: Team,
    speakers: tuple[Speaker, ...],
    rounds: list[TeamRound],
    decisions: dict[int, Decision],
) -> TeamRecord:
    """The team's shown prelim rounds as the standings and the speaker tab read them
    (``scoring.team_round_results``, ``scoring.speaker_round_scores``, a bye as the standings
    count it), added up for this one team."""
    fmt = format_for(tournament)
    results: list[TeamRoundResult] = []
    speeches: list[SpeakerRoundScore] = []
    for item in rounds:
        if item.round.kind != "prelim" or not item.results_released:
            continue
        if item.debate is None:
            results.append(TeamRoundResult.bye(team.id, item.round.seq, fmt.points_by_rank[0]))
            continue
        decision = decisions.get(item.debate.id)
        if decision is None or item.seat is None or item.seat.side not in decision.ranks:
            continue  # no confirmed result (yet) in a released round
        sides = {seat.side: seat.team.id for seat in item.debate.seats}
        seq = item.round.seq
        results += [r for r in team_round_results(decision, sides, seq) if r.team_id == team.id]
        speeches += [
            speech
            for speech in speaker_round_scores(fmt, decision, sides, seq)
            if speech.team_id == team.id and not speech.is_reply
        ]
    places = [0] * fmt.teams_per_debate
    for result in results:
        places[0 if result.is_bye else result.rank - 1] += 1
    public_scores = bool(settings.get(tournament, "public_speaker_tab"))
    spoken = {s.id: [x.score for x in speeches if int(x.speaker_id) == s.id] for s in speakers}
    return TeamRecord(
        rounds=len(results),
        places=tuple(places),
        points=sum(result.points for result in results),
        byes=sum(result.is_bye for result in results),
        speaker_total=(
            sum((r.speaker_total for r in results if not r.is_bye), Fraction(0))
            if public_scores
            else None
        ),
        speakers=tuple(
            TeamSpeaker(
                s,
                sum(spoken[s.id], Fraction(0)) if public_scores else None,
                len(spoken[s.id]) if public_scores else None,
            )
            for s in speakers
        ),
    )


def round_start(round_: Round) -> datetime | None:
    """When the round starts: the earliest timetable line tied to it (an item of kind "round"
    names its round; ``tournaments.add_schedule_item``), as an aware time in the tournament's
    time zone (items are stored as local wall-clock time). None when the timetable has none."""
    item = db.session.scalar(
        select(ScheduleItem)
        .where(ScheduleItem.round_id == round_.id)
        .order_by(ScheduleItem.day, ScheduleItem.start_minute, ScheduleItem.id)
        .limit(1)
    )
    if item is None:
        return None
    start = time(item.start_minute // 60, item.start_minute % 60)
    return datetime.combine(item.day, start, tzinfo=ZoneInfo(TIMEZONE))


# --------------------------------------------------------------------------- standings


def break_is_public(tournament: Tournament) -> bool:
    if settings.get(tournament, "public_break"):
        return True
    return bool(
        db.session.scalar(
            select(
                exists().where(
                    Round.tournament_id == tournament.id,
                    Round.kind == "elimination",
                    Round.status.in_(DRAW_PUBLIC),
                )
            )
        )
    )


def counted_rounds(tournament: Tournament) -> int:
    """The last prelim round the public standings may count (0 = none yet)."""
    prelims = db.session.execute(
        select(Round.seq, Round.results_released_at)
        .where(Round.tournament_id == tournament.id, Round.kind == "prelim")
        .order_by(Round.seq)
    ).all()
    counted = 0
    for seq, released_at in prelims:
        if released_at is None:
            break
        counted = seq
    last = prelims[-1].seq if prelims else 0
    if (
        counted
        and counted == last
        and settings.get(tournament, "hide_last_prelim")
        and not break_is_public(tournament)
    ):
        counted = prelims[-2].seq if len(prelims) > 1 else 0
    return counted


def _top(rows: list[Any], rank_of: Any, top_n: int) -> list[Any]:
    return [row for row in rows if top_n <= 0 or (rank_of(row) or top_n + 1) <= top_n]


@dataclass(frozen=True)
class PublicStandings:
    rows: tuple[tuple[StandingRow, Team], ...]
    metrics: tuple[str, ...]
    rounds_counted: int
    top_n: int

    @property
    def more_metrics(self) -> tuple[str, ...]:
        """The figures behind a tap on a phone: all but the first of the precedence (wins, or
        points in British Parliamentary), which a phone always shows with rank and team."""
        return self.metrics[1:]


def team_standings(tournament: Tournament) -> PublicStandings | None:
    """None while the organisers keep the standings private."""
    if not settings.get(tournament, "public_standings"):
        return None
    counted = counted_rounds(tournament)
    top_n = int(settings.get(tournament, "public_top_n") or 0)
    precedence = format_for(tournament).standings_precedence
    metrics = figure_metrics(precedence)
    rows: list[tuple[StandingRow, Team]] = []
    if counted:
        table = standings_service.team_standings(tournament, up_to_round=counted)
        rows = _top(table.rows(), lambda pair: pair[0].rank, top_n)
    return PublicStandings(tuple(rows), metrics, counted, top_n)


@dataclass(frozen=True)
class PublicSpeakers:
    rows: tuple[tuple[SpeakerRow, Speaker, Team], ...]
    metric: str
    rounds_counted: int
    top_n: int

    @property
    def figures(self) -> tuple[str, ...]:
        """The columns: the tab's metric first (the one a phone always shows), then the rest."""
        return (self.metric, *(f for f in SPEAKER_FIGURES if f != self.metric))


def speaker_standings(tournament: Tournament) -> PublicSpeakers | None:
    """The speaker tab over the rounds the public standings count; None while private.

    ``standings.speaker_standings`` reads every confirmed result, released or not, so the tab
    is computed here from a history cut after the last counted round.
    """
    if not settings.get(tournament, "public_speaker_tab"):
        return None
    counted = counted_rounds(tournament)
    top_n = int(settings.get(tournament, "public_top_n") or 0)
    fmt = format_for(tournament)
    rows: list[tuple[SpeakerRow, Speaker, Team]] = []
    if counted:
        history = history_service.load(tournament, before_seq=counted + 1)
        replies = frozenset(p.code for p in fmt.positions if p.is_reply)
        tab = speaker_tab(history.speaker_scores(replies), fmt.speaker_metric)
        speakers = {s.id: s for team in history.teams.values() for s in team.speakers}
        ranked = [(row, speakers[row.speaker_id], history.teams[row.team_id]) for row in tab.rows]
        rows = _top(ranked, lambda triple: triple[0].rank, top_n)
    return PublicSpeakers(tuple(rows), fmt.speaker_metric, counted, top_n)


# --------------------------------------------------------------------------- the break bracket


@dataclass(frozen=True)
class PublicBracket:
    category: BreakCategory
    rounds: tuple[Round | None, ...]  # one per bracket column (None: not created yet)
    bracket: bracket_model.Bracket
    teams: dict[int, Team]


def brackets(tournament: Tournament) -> list[PublicBracket]:
    """The public bracket of every break category that has breaking teams."""
    breaking = db.session.scalars(
        select(BreakingTeam)
        .join(BreakCategory, BreakCategory.id == BreakingTeam.break_category_id)
        .where(BreakCategory.tournament_id == tournament.id)
        .options(joinedload(BreakingTeam.team))
    ).all()
    if not breaking:
        return []
    eliminations = [r for r in _draw_rounds(tournament) if r.kind == "elimination"]
    decisions = _decisions(results_shown(eliminations))
    all_rounds = db.session.scalars(
        select(Round)
        .where(Round.tournament_id == tournament.id, Round.kind == "elimination")
        .order_by(Round.seq)
    ).all()
    public_flag = bool(settings.get(tournament, "public_break"))
    found = []
    for category in tournament.break_categories:
        seeds = {b.seed: b.team_id for b in breaking if b.break_category_id == category.id}
        rounds = [r for r in all_rounds if r.break_category_id == category.id]
        released = [r for r in eliminations if r.break_category_id == category.id]
        first_released = bool(rounds) and rounds[0].draw_public
        if len(seeds) < 2 or not (public_flag or first_released):
            continue
        played = [
            [_played(debate, decisions) for debate in r.debates] if r in released else []
            for r in rounds
        ]
        model = bracket_model.build(seeds, played, format_for(tournament).teams_per_debate)
        columns = tuple(rounds[i] if i < len(rounds) else None for i in range(len(model.columns)))
        teams_by_id = {b.team_id: b.team for b in breaking if b.break_category_id == category.id}
        found.append(PublicBracket(category, columns, model, teams_by_id))
    return found


def _played(debate: Debate, decisions: dict[int, Decision]) -> bracket_model.PlayedDebate:
    sides = {seat.side: seat.team_id for seat in debate.teams}
    decision = decisions.get(debate.id)
    through = frozenset(sides[side] for side in decision.through) if decision else frozenset()
    return bracket_model.PlayedDebate(
        frozenset(sides.values()), debate.venue.name if debate.venue else "", through
    )


# --------------------------------------------------------------------------- the tournament home


@dataclass(frozen=True)
class Overview:
    tournament: Tournament
    rounds: tuple[Round, ...]  # released draws
    current: PublicDraw | None
    standings: bool
    speakers: bool
    bracket: bool
    schedule: bool


def overview(tournament: Tournament) -> Overview:
    return Overview(
        tournament=tournament,
        rounds=tuple(released_rounds(tournament)),
        current=current_draw(tournament),
        standings=bool(settings.get(tournament, "public_standings")),
        speakers=bool(settings.get(tournament, "public_speaker_tab")),
        bracket=bool(brackets(tournament)),
        schedule=bool(
            db.session.scalar(select(exists().where(ScheduleItem.tournament_id == tournament.id)))
        ),
    )


def schedule(tournament: Tournament) -> list[ScheduleItem]:
    """The timetable is public as soon as the organisers enter it."""
    return schedule_items(tournament)
