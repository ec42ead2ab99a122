"""Paper ballots for a round (one page per judge per debate) and judges' QR cards.

A consensus format (British Parliamentary) has one ballot per debate, filled by the chair for the
panel, so it prints one page per debate addressed to the chair.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from flask_babel import format_decimal
from flask_babel import gettext as _
from sqlalchemy import select

from tourney.documents import queries
from tourney.documents.qr import ballot_link, qr_data_uri, team_link
from tourney.documents.render import Batch, batch, render_batch
from tourney.extensions import db
from tourney.labels import position_label, role_label, round_label, side_label
from tourney.models import Adjudicator, Debate, DebateTeam, Round, Team, Tournament
from tourney.scoring import Format, SpeechPosition
from tourney.services.formats import format_for
from tourney.text import sort_key


@dataclass(frozen=True)
class SpeechRow:
    label: str
    speaker: str  # pre-filled from the team sheet; the judge corrects it if the order differs


@dataclass(frozen=True)
class Seat:
    side: str
    side_label: str
    team_name: str
    team_code: str
    rows: list[SpeechRow]


@dataclass(frozen=True)
class JudgePass:
    """A judge's name and private link, printed with its QR code (None when revoked)."""

    name: str
    institution: str
    link: str | None
    qr: str | None

    @classmethod
    def of(cls, judge: Adjudicator) -> JudgePass:
        link = ballot_link(judge.token)
        return cls(
            name=judge.name,
            institution=judge.institution.name if judge.institution else "",
            link=link,
            qr=qr_data_uri(link) if link else None,
        )


@dataclass(frozen=True)
class BallotPage:
    debate_id: int
    room: str
    motions: list[str]
    judge: JudgePass | None  # None: a blank ballot for a debate without a panel yet
    role: str
    seats: list[Seat]


def score_range(position: SpeechPosition) -> str:
    low, high = format_decimal(position.score_min), format_decimal(position.score_max)
    if position.score_step == Decimal(1):
        return f"{low}–{high}"
    return _(
        "%(low)s–%(high)s, step %(step)s",
        low=low,
        high=high,
        step=format_decimal(position.score_step),
    )


def _row_label(position: SpeechPosition, main_range: str) -> str:
    """The speech's name, with its allowed scores when they differ from the column's (a reply)."""
    allowed = score_range(position)
    label = position_label(position.code)
    return label if allowed == main_range else f"{label} ({allowed})"


def _seat(fmt: Format, seat: DebateTeam, main_range: str) -> Seat:
    by_position = {str(s.position): s.name for s in seat.team.speakers}
    rows = [
        SpeechRow(
            label=_row_label(p, main_range),
            speaker="" if p.is_reply else by_position.get(p.code, ""),
        )
        for p in fmt.positions
    ]
    return Seat(
        side=seat.side,
        side_label=side_label(fmt, seat.side),
        team_name=seat.team.name,
        team_code=seat.team.code,
        rows=rows,
    )


def room_name(debate: Debate) -> str:
    if debate.venue is None:
        return _("Room to be announced")
    venue = debate.venue
    return f"{venue.name} · {venue.building}" if venue.building else venue.name


def _debate_pages(fmt: Format, rnd: Round, debate: Debate) -> list[BallotPage]:
    order = {side: i for i, side in enumerate(fmt.sides)}
    main_range = score_range(fmt.positions[0])
    seats = [
        _seat(fmt, dt, main_range) for dt in sorted(debate.teams, key=lambda dt: order[dt.side])
    ]
    judges = queries.panel(debate)
    if fmt.ballot_mode == "consensus":
        judges = judges[:1]
    common = {
        "debate_id": debate.id,
        "room": room_name(debate),
        "motions": queries.motion_texts(rnd, debate),
        "seats": seats,
    }
    if not judges:
        return [BallotPage(judge=None, role="", **common)]
    return [
        BallotPage(judge=JudgePass.of(da.adjudicator), role=role_label(da.role), **common)
        for da in judges
    ]


def ballots_batch(tournament: Tournament, rnd: Round, debate_id: int | None = None) -> Batch:
    """Every ballot of the round (or of one debate); ``rnd`` from queries.round_draw."""
    fmt = format_for(tournament)
    debates = [d for d in rnd.debates if debate_id is None or d.id == debate_id]
    pages = [page for debate in debates for page in _debate_pages(fmt, rnd, debate)]
    return batch(
        "documents/ballots.html",
        tournament,
        "pages",
        pages,
        round_label=round_label(rnd),
        fmt=fmt,
        ranked=fmt.teams_per_debate > 2,
        main_range=score_range(fmt.positions[0]),
        last_rank=fmt.teams_per_debate,
    )


def ballots_pdf(tournament: Tournament, rnd: Round, debate_id: int | None = None) -> bytes:
    """Every ballot of the round (or of one debate) in one PDF."""
    return render_batch(ballots_batch(tournament, rnd, debate_id))


CARDS_PER_PAGE = 6  # documents.css: two columns of three


def _cards(tournament: Tournament, cards: list[JudgePass], teams: bool) -> Batch:
    return batch(
        "documents/judge_cards.html",
        tournament,
        "cards",
        cards,
        per_page=CARDS_PER_PAGE,
        teams=teams,
    )


def judge_cards_batch(tournament: Tournament) -> Batch:
    judges = sorted(queries.adjudicators(tournament), key=lambda j: sort_key(j.name))
    return _cards(tournament, [JudgePass.of(judge) for judge in judges], teams=False)


def team_cards_batch(tournament: Tournament) -> Batch:
    """A card per team with the QR code of its private link (its debates and feedback forms)."""
    teams = db.session.scalars(select(Team).where(Team.tournament_id == tournament.id))
    cards = []
    for team in sorted(teams, key=lambda t: sort_key(t.name)):
        link = team_link(team.token)
        cards.append(JudgePass(team.name, team.code, link, qr_data_uri(link) if link else None))
    return _cards(tournament, cards, teams=True)


def judge_cards_pdf(tournament: Tournament) -> bytes:
    return render_batch(judge_cards_batch(tournament))


def team_cards_pdf(tournament: Tournament) -> bytes:
    return render_batch(team_cards_batch(tournament))
