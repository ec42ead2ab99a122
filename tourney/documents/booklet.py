"""The tab booklet: team standings, speaker tab, every round's results and the break bracket.

It is the organisers' record of the whole tournament, so it prints everything, released or not.
The figures come from ``services.standings`` and the bracket shape from ``services.bracket``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from tourney.documents.render import Batch, batch, render_batch
from tourney.documents.results import DebateRow, RoundResults, round_results
from tourney.extensions import db
from tourney.labels import category_label, column_labels, metric_label, metric_value
from tourney.models import BreakingTeam, Tournament
from tourney.scoring.standings import figure_metrics
from tourney.services import bracket as bracket_model
from tourney.services.formats import format_for
from tourney.services.public import PublicBracket
from tourney.services.standings import speaker_standings, team_standings


@dataclass(frozen=True)
class TeamLine:
    rank: int
    name: str
    code: str
    figures: list[str]


@dataclass(frozen=True)
class SpeakerLine:
    rank: int | None
    name: str
    team: str
    speeches: int
    average: str
    total: str


@dataclass(frozen=True)
class BracketView:
    category: str
    columns: list[tuple[str, bracket_model.Column]]  # (stage name, matches)
    names: dict[int, str]


# Table rows a booklet page holds (documents.css: 9.5 pt, about 7 mm a row on A4). An estimate:
# it decides only whether the booklet is made in the background and where its parts split.
LINES_PER_PAGE = 38


@dataclass(frozen=True)
class Section:
    """One of the booklet's batch items: the team standings, the speaker tab, one round's
    results or the break brackets. A part of a large booklet ends between sections."""

    kind: str  # teams, speakers, round, brackets: which block of the template prints it
    heading: str  # empty for the second and later rounds under "Results by round"
    lines: list[Any]  # TeamLine, SpeakerLine, DebateRow or BracketView
    metrics: list[str] = field(default_factory=list)  # the team standings' columns
    label: str = ""  # a round's name

    @property
    def size(self) -> int:
        """Table rows, with the headings; a bracket as tall as its first stage's matches."""
        if self.kind == "brackets":
            rows = sum(2 * len(b.columns[0][1].matches) for b in self.lines if b.columns)
        else:
            rows = len(self.lines)
        return rows + 3


def _team_lines(tournament: Tournament) -> tuple[list[str], list[TeamLine]]:
    standings = team_standings(tournament)
    metrics = figure_metrics(standings.standings.precedence)
    lines = [
        TeamLine(row.rank, team.name, team.code, [metric_value(row.values.get(m)) for m in metrics])
        for row, team in standings.rows()
    ]
    return [metric_label(m) for m in metrics], lines


def _speaker_lines(tournament: Tournament) -> list[SpeakerLine]:
    tab = speaker_standings(tournament)
    return [
        SpeakerLine(
            row.rank,
            speaker.name,
            tab.teams[row.team_id].name,
            row.speeches,
            metric_value(row.average),
            metric_value(row.total),
        )
        for row, speaker in tab.rows()
    ]


def _brackets(tournament: Tournament, rounds: list[RoundResults]) -> list[BracketView]:
    breaking = db.session.scalars(
        select(BreakingTeam)
        .where(BreakingTeam.break_category_id.in_([c.id for c in tournament.break_categories]))
        .options(joinedload(BreakingTeam.team))
    ).all()
    views = []
    for category in tournament.break_categories:
        entrants = [b for b in breaking if b.break_category_id == category.id]
        if len(entrants) < 2:
            continue
        own = [
            r
            for r in rounds
            if r.round.kind == "elimination" and r.round.break_category_id == category.id
        ]
        played = [[_played(d) for d in r.debates] for r in own]
        per_debate = format_for(tournament).teams_per_debate
        model = bracket_model.build({b.seed: b.team_id for b in entrants}, played, per_debate)
        found = PublicBracket(
            category,
            tuple(own[i].round if i < len(own) else None for i in range(len(model.columns))),
            model,
            {b.team_id: b.team for b in entrants},
        )
        views.append(
            BracketView(
                category_label(category),
                list(zip(column_labels(found), model.columns, strict=True)),
                {b.team_id: b.team.name for b in entrants},
            )
        )
    return views


def _played(debate: DebateRow) -> bracket_model.PlayedDebate:
    through = frozenset(s.team_id for s in debate.seats if s.advanced)
    return bracket_model.PlayedDebate(
        frozenset(s.team_id for s in debate.seats), debate.room, through
    )


def _sections(tournament: Tournament) -> list[Section]:
    metrics, teams = _team_lines(tournament)
    rounds = round_results(tournament)
    sections = [
        Section("teams", _("Team standings"), teams, metrics),
        Section("speakers", _("Speaker tab"), _speaker_lines(tournament)),
    ]
    sections += [
        Section("round", _("Results by round") if i == 0 else "", r.debates, label=r.label)
        for i, r in enumerate(rounds)
    ] or [Section("round", _("Results by round"), [])]
    brackets = _brackets(tournament, rounds)
    if brackets:
        sections.append(Section("brackets", _("Break bracket"), brackets))
    return sections


def tab_booklet_batch(tournament: Tournament) -> Batch:
    sections = _sections(tournament)
    return batch(
        "documents/tab_booklet.html",
        tournament,
        "sections",
        sections,
        per_page=LINES_PER_PAGE,
        sizes=[s.size for s in sections],
    )


def tab_booklet_pdf(tournament: Tournament) -> bytes:
    return render_batch(tab_booklet_batch(tournament))
