"""A played tournament as a Debate Tabulation Archive (`document.Archive`).

What the format carries: the rounds with every debate's room, motion, panel and sides; for
each confirmed result the counting judges' team ballots (total, rank in four-team rooms,
minority, or whether a team advanced) and speech ballots (scores); the teams and speakers,
judges with their base rating, institutions, motions, rooms, break and speaker categories.
Trainees' ballots, private links, feedback and settings are not part of the format.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tourney.extensions import db
from tourney.models import (
    Adjudicator,
    Ballot,
    Debate,
    DebateResult,
    Institution,
    Round,
    Team,
    Tournament,
    Venue,
)
from tourney.scoring import Format
from tourney.services.archive import document as doc
from tourney.services.formats import format_for
from tourney.services.tournaments import rounds_of


def _id(prefix: str, number: int) -> str:
    return f"{prefix}{number}"


def _number(value: Decimal) -> str:
    """A score as written in the archive: no trailing zeros ("26", "26.5")."""
    return format(value.normalize(), "f")


def export_archive(tournament: Tournament) -> doc.Archive:
    fmt = format_for(tournament)
    reply_positions = {p.code for p in fmt.positions if p.is_reply}
    teams = db.session.scalars(
        select(Team)
        .where(Team.tournament_id == tournament.id)
        .options(selectinload(Team.speakers))
        .order_by(Team.id)
    ).all()
    adjudicators = db.session.scalars(
        select(Adjudicator)
        .where(Adjudicator.tournament_id == tournament.id)
        .order_by(Adjudicator.id)
    ).all()
    venues = db.session.scalars(
        select(Venue).where(Venue.tournament_id == tournament.id).order_by(Venue.id)
    ).all()
    institution_ids = {t.institution_id for t in teams} | {a.institution_id for a in adjudicators}
    institutions = db.session.scalars(
        select(Institution)
        .where(Institution.id.in_(institution_ids - {None}))
        .order_by(Institution.id)
    ).all()
    eligible: dict[int, list[str]] = defaultdict(list)
    for category in tournament.break_categories:
        for team in category.eligible_teams:
            eligible[team.id].append(_id("B", category.id))
    categories = sorted({s.category for t in teams for s in t.speakers if s.category})
    category_id = {name: _id("C", i) for i, name in enumerate(categories, start=1)}

    rounds = []
    motions: list[doc.Motion] = []
    judged = _confirmed_ballots(tournament)
    for round_ in rounds_of(tournament):
        motion_by_division = {}
        for motion in round_.motions:
            motions.append(
                doc.Motion(id=_id("M", motion.id), text=motion.text, info_slide=motion.info_slide)
            )
            motion_by_division[motion.division_id] = _id("M", motion.id)
        debates = [
            _debate(debate, judged.get(debate.id), motion_by_division, reply_positions, fmt)
            for debate in sorted(round_.debates, key=lambda d: d.position)
        ]
        rounds.append(
            doc.Round(
                name=round_.name,
                elimination=round_.kind == "elimination",
                break_category=_id("B", round_.break_category_id)
                if round_.break_category_id
                else None,
                debates=tuple(debates),
            )
        )
    return doc.Archive(
        name=tournament.name,
        short=tournament.slug,
        style=tournament.format_code,
        start_date=tournament.starts_on.isoformat() if tournament.starts_on else None,
        rounds=tuple(rounds),
        teams=tuple(
            doc.Team(
                id=_id("T", team.id),
                name=team.name,
                code=team.code,
                break_eligibilities=tuple(eligible[team.id]),
                speakers=tuple(
                    doc.Speaker(
                        id=_id("S", speaker.id),
                        name=speaker.name,
                        institutions=(_id("I", team.institution_id),)
                        if team.institution_id
                        else (),
                        categories=(category_id[speaker.category],) if speaker.category else (),
                    )
                    for speaker in sorted(team.speakers, key=lambda s: s.position)
                ),
            )
            for team in teams
            if not team.is_swing
        ),
        adjudicators=tuple(
            doc.Adjudicator(
                id=_id("A", a.id),
                name=a.name,
                score=_number(a.rating),
                institutions=(_id("I", a.institution_id),) if a.institution_id else (),
            )
            for a in adjudicators
        ),
        institutions=tuple(
            doc.Institution(id=_id("I", i.id), name=i.name, reference=i.short_name)
            for i in institutions
        ),
        motions=tuple(motions),
        venues=tuple(
            doc.Venue(
                id=_id("V", v.id),
                name=v.name,
                score=v.priority,
                categories=("accessible",) if v.accessible else (),
            )
            for v in venues
        ),
        break_categories=tuple(
            doc.Category(id=_id("B", c.id), name=c.name, priority=c.priority)
            for c in tournament.break_categories
        ),
        speaker_categories=tuple(
            doc.Category(id=category_id[name], name=name) for name in categories
        ),
    )


def _confirmed_ballots(tournament: Tournament) -> dict[int, tuple[DebateResult, list[Ballot]]]:
    """Debate id → its confirmed result and the ballots it counted, in two queries."""
    results = db.session.scalars(
        select(DebateResult)
        .join(Debate, Debate.id == DebateResult.debate_id)
        .join(Round, Round.id == Debate.round_id)
        .where(Round.tournament_id == tournament.id, DebateResult.status == "confirmed")
    ).all()
    wanted = [ballot_id for result in results for ballot_id in result.ballot_ids]
    ballots = {
        ballot.id: ballot
        for ballot in db.session.scalars(
            select(Ballot).where(Ballot.id.in_(wanted)).options(selectinload(Ballot.scores))
        )
    }
    return {
        result.debate_id: (result, [ballots[i] for i in sorted(result.ballot_ids)])
        for result in results
    }


def _debate(
    debate: Debate,
    judged: tuple[DebateResult, list[Ballot]] | None,
    motion_by_division: dict[int | None, str],
    reply_positions: set[str],
    fmt: Format,
) -> doc.Debate:
    """One debate; its sides in the format's order (the order an importer gives them back)."""
    teams_per_debate = fmt.teams_per_debate
    result, ballots = judged or (None, [])
    decision = result.outcome if result is not None else None
    chair = next((a for a in debate.adjudicators if a.role == "chair"), None)
    division = debate.teams[0].team.division_id if debate.teams else None
    sides = []
    for seat in sorted(debate.teams, key=lambda t: fmt.sides.index(t.side)):
        team_ballots = []
        speeches: dict[tuple[str, int], list[doc.Ballot]] = defaultdict(list)
        for ballot in ballots:
            judge = (_id("A", ballot.adjudicator_id),)
            mine = [s for s in ballot.scores if s.side == seat.side]
            if decision is not None and decision.advancing and not mine:
                value = "true" if seat.side in decision.advancing else "false"
            else:
                value = _number(sum((s.score for s in mine), Decimal(0)))
            rank = _rank(ballot, seat.side, teams_per_debate)
            minority = decision is not None and _minority(ballot, decision)
            team_ballots.append(doc.Ballot(judge, value, rank=rank, minority=minority))
            for score in mine:
                speeches[(score.position, score.speaker_id)].append(
                    doc.Ballot(judge, _number(score.score))
                )
        sides.append(
            doc.Side(
                team=_id("T", seat.team_id),
                ballots=tuple(team_ballots),
                speeches=tuple(
                    doc.Speech(
                        speaker=_id("S", speaker_id),
                        reply=position in reply_positions,
                        ballots=tuple(judged),
                    )
                    for (position, speaker_id), judged in speeches.items()
                ),
            )
        )
    return doc.Debate(
        id=_id("D", debate.id),
        sides=tuple(sides),
        venue=_id("V", debate.venue_id) if debate.venue_id else None,
        motion=motion_by_division.get(division) or motion_by_division.get(None),
        chair=_id("A", chair.adjudicator_id) if chair else None,
        adjudicators=tuple(
            _id("A", a.adjudicator_id) for a in debate.adjudicators if a.role != "trainee"
        ),
    )


def _rank(ballot: Ballot, side: str, teams_per_debate: int) -> int | None:
    """The place this judge gave the side: BP ranks, or 1/2 for the two-team winner (so a
    low-point win survives the trip)."""
    if teams_per_debate > 2:
        return (ballot.ranks or {}).get(side)
    if ballot.winner_side is None:
        return None
    return 1 if side == ballot.winner_side else 2


def _minority(ballot: Ballot, decision) -> bool:
    """Whether this judge's ballot went against the panel's decision."""
    if ballot.winner_side is not None:
        return ballot.winner_side != decision.winner
    if ballot.ranks:
        return ballot.ranks != dict(decision.ranks)
    return False
