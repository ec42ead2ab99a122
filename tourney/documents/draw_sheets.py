"""Noticeboard sheets for a round: the draw by room and by team, and the judges' allocation."""

from __future__ import annotations

from dataclasses import dataclass

from tourney.documents import queries
from tourney.documents.ballots import room_name
from tourney.documents.render import Batch, batch, render_batch
from tourney.labels import role_label, round_label, side_label
from tourney.models import Debate, Round, Tournament
from tourney.services.formats import format_for
from tourney.text import sort_key


@dataclass(frozen=True)
class Seat:
    side_label: str
    team_name: str
    team_code: str


@dataclass(frozen=True)
class PanelSeat:
    name: str
    role: str
    is_chair: bool


@dataclass(frozen=True)
class RoomRow:
    room: str
    seats: list[Seat]
    panel: list[PanelSeat]


@dataclass(frozen=True)
class TeamRow:
    team_name: str
    team_code: str
    side_label: str
    opponents: list[str]
    room: str


@dataclass(frozen=True)
class JudgeRow:
    name: str
    role: str
    room: str
    teams: list[str]


def _room_rows(tournament: Tournament, rnd: Round) -> list[tuple[Debate, RoomRow]]:
    fmt = format_for(tournament)
    order = {side: i for i, side in enumerate(fmt.sides)}
    rows = []
    for debate in rnd.debates:
        seats = [
            Seat(side_label(fmt, dt.side), dt.team.name, dt.team.code)
            for dt in sorted(debate.teams, key=lambda dt: order[dt.side])
        ]
        panel = [
            PanelSeat(da.adjudicator.name, role_label(da.role), da.role == "chair")
            for da in queries.panel(debate)
        ]
        rows.append((debate, RoomRow(room_name(debate), seats, panel)))
    return sorted(rows, key=lambda pair: sort_key(pair[1].room))


# Rows a sheet page holds in noticeboard type (14 pt), measured with bench/documents.py: a room
# row is as tall as its panel (22 judge lines a page); a team's row wraps its opponents, a
# judge's row the teams. An estimate: it decides only whether a sheet is made in the background
# and where its parts split; a finished job counts the pages it made.
ROOM_LINES_PER_PAGE = 22
TEAMS_PER_PAGE = 10
JUDGES_PER_PAGE = 7


def _sheet(
    template: str,
    tournament: Tournament,
    rnd: Round,
    rows: list,
    per_page: int,
    sizes: list[int] | tuple[()] = (),
    **context,
) -> Batch:
    byes = sorted((b.team.name for b in rnd.byes), key=sort_key)
    return batch(
        template,
        tournament,
        "rows",
        rows,
        per_page=per_page,
        sizes=sizes,
        round_label=round_label(rnd),
        byes=byes,
        **context,
    )


def by_room(tournament: Tournament, rnd: Round) -> list[RoomRow]:
    return [row for _debate, row in _room_rows(tournament, rnd)]


def by_team(tournament: Tournament, rnd: Round) -> list[TeamRow]:
    rows = []
    for _debate, room in _room_rows(tournament, rnd):
        for seat in room.seats:
            others = [f"{o.team_name} ({o.side_label})" for o in room.seats if o is not seat]
            rows.append(TeamRow(seat.team_name, seat.team_code, seat.side_label, others, room.room))
    return sorted(rows, key=lambda r: sort_key(r.team_name))


def by_judge(tournament: Tournament, rnd: Round) -> tuple[list[JudgeRow], list[str]]:
    """Every allocated judge's room and role, alphabetically, and the judges left in reserve."""
    rows, placed = [], set()
    for debate, room in _room_rows(tournament, rnd):
        teams = [s.team_name for s in room.seats]
        for da in debate.adjudicators:
            placed.add(da.adjudicator_id)
            rows.append(JudgeRow(da.adjudicator.name, role_label(da.role), room.room, teams))
    reserve = [j.name for j in queries.adjudicators(tournament) if j.id not in placed]
    return (
        sorted(rows, key=lambda r: sort_key(r.name)),
        sorted(reserve, key=sort_key),
    )


def draw_by_room_batch(tournament: Tournament, rnd: Round) -> Batch:
    rows = by_room(tournament, rnd)
    lines = [max(1, len(row.panel)) for row in rows]  # one judge a line
    return _sheet("documents/draw_by_room.html", tournament, rnd, rows, ROOM_LINES_PER_PAGE, lines)


def draw_by_team_batch(tournament: Tournament, rnd: Round) -> Batch:
    opponents = format_for(tournament).teams_per_debate - 1
    rows = by_team(tournament, rnd)
    return _sheet(
        "documents/draw_by_team.html", tournament, rnd, rows, TEAMS_PER_PAGE, opponents=opponents
    )


def allocation_batch(tournament: Tournament, rnd: Round) -> Batch:
    rows, reserve = by_judge(tournament, rnd)
    return _sheet(
        "documents/allocation.html", tournament, rnd, rows, JUDGES_PER_PAGE, reserve=reserve
    )


def draw_by_room_pdf(tournament: Tournament, rnd: Round) -> bytes:
    return render_batch(draw_by_room_batch(tournament, rnd))


def draw_by_team_pdf(tournament: Tournament, rnd: Round) -> bytes:
    return render_batch(draw_by_team_batch(tournament, rnd))


def allocation_pdf(tournament: Tournament, rnd: Round) -> bytes:
    return render_batch(allocation_batch(tournament, rnd))
