"""Standings, speaker tab and draw as CSV, safe to open in a spreadsheet.

A cell of text that starts like a formula (= + - @, or a tab / carriage return that some
spreadsheets skip) is prefixed with an apostrophe, so a team named ``=HYPERLINK(...)`` stays text.
Numbers the tab computes are written as numbers and never altered.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tourney.extensions import db
from tourney.models import Debate, DebateAdjudicator, DebateTeam, Round, Tournament
from tourney.scoring.standings import figure_metrics
from tourney.services import standings as standings_service
from tourney.services.formats import format_for

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
Cell = str | int | Fraction | Decimal | None


def neutralise(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_START) else text


def _cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return neutralise(value)
    if Fraction(value).denominator == 1:
        return str(int(value))
    return f"{float(value):.2f}"


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    """The CSV text with a byte-order mark, so spreadsheets read the Cyrillic names right."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in header])
    writer.writerows([_cell(v) for v in row] for row in rows)
    return "\ufeff" + out.getvalue()


def standings(tournament: Tournament) -> tuple[tuple[str, ...], list[list[Cell]]]:
    """(metric codes, rows): rank, team code, team, institution, then one value per metric."""
    table = standings_service.team_standings(tournament)
    metrics = figure_metrics(table.standings.precedence)
    rows = [
        [
            row.rank,
            team.code,
            team.name,
            team.institution.name if team.institution else "",
            *(row.values.get(m) for m in metrics),
        ]
        for row, team in table.rows()
    ]
    return metrics, rows


def speakers(tournament: Tournament) -> list[list[Cell]]:
    """Rank, speaker, team, average, total and the number of speeches counted."""
    tab = standings_service.speaker_standings(tournament)
    return [
        [row.rank, speaker.name, tab.teams[row.team_id].name, row.average, row.total, row.speeches]
        for row, speaker in tab.rows()
    ]


def draw(round_: Round) -> tuple[tuple[str, ...], list[list[Cell]]]:
    """(sides, rows): one row per debate with the room, a team per side, and the panel."""
    sides = format_for(round_.tournament).sides
    debates = db.session.scalars(
        select(Debate)
        .where(Debate.round_id == round_.id)
        .options(
            selectinload(Debate.venue),
            selectinload(Debate.teams).selectinload(DebateTeam.team),
            selectinload(Debate.adjudicators).selectinload(DebateAdjudicator.adjudicator),
        )
        .order_by(Debate.position)
    )
    rows: list[list[Cell]] = []
    for debate in debates:
        teams = {dt.side: dt.team.name for dt in debate.teams}
        judges = sorted(debate.adjudicators, key=lambda s: (s.role != "chair", s.id))
        rows.append(
            [
                debate.venue.name if debate.venue else "",
                *(teams.get(side, "") for side in sides),
                ", ".join(s.adjudicator.name for s in judges),
            ]
        )
    return sides, rows
