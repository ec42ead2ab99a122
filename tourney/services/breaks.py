"""The break: who goes to the elimination rounds, with which seed, and the elimination rounds."""

from __future__ import annotations

import math

from sqlalchemy import delete, select

from tourney.extensions import db
from tourney.models import BreakCategory, BreakingTeam, Round, Tournament, User
from tourney.pairing.four_team_elimination import break_stages, is_break_size
from tourney.scoring import BreakCategory as EngineCategory
from tourney.scoring import BreakResult, compute_break
from tourney.scoring.breaks import stage_name
from tourney.scoring.standings import StandingRow, Standings
from tourney.services import audit, settings
from tourney.services import standings as standings_service
from tourney.services.errors import ServiceError
from tourney.services.formats import format_for
from tourney.services.tournaments import rounds_of
from tourney.services.transaction import transaction


def categories(tournament: Tournament) -> list[BreakCategory]:
    """The tournament's break categories; while none are set, an open break of ``break_size``
    that is not saved (reading the break page writes nothing)."""
    return list(tournament.break_categories) or [_open_break(tournament)]


def _open_break(tournament: Tournament) -> BreakCategory:
    return BreakCategory(
        code="open", name="Open", size=tournament.break_size, priority=0, is_open=True
    )


def _saved_categories(tournament: Tournament) -> list[BreakCategory]:
    """As ``categories``, with the default open break saved (its teams need its id)."""
    if not tournament.break_categories:
        tournament.break_categories.append(_open_break(tournament))
        db.session.flush()
    return list(tournament.break_categories)


def preview(
    tournament: Tournament, table: standings_service.TeamStandings | None = None
) -> BreakResult:
    """What the break would be now, from the current standings (nothing is saved)."""
    table = table or standings_service.team_standings(tournament)
    engine_categories = [
        EngineCategory(
            code=c.code,
            size=c.size,
            priority=c.priority,
            eligible=None if c.is_open else {t.id for t in c.eligible_teams},
        )
        for c in categories(tournament)
    ]
    institutions = {t.id: str(t.institution_id) for t in table.teams.values() if t.institution_id}
    return compute_break(table.standings, engine_categories, institutions)


def below_the_line(
    tournament: Tournament, result: BreakResult, standings: Standings, count: int = 2
) -> dict[str, list[StandingRow]]:
    """Per category, the first ``count`` eligible teams that miss the break: with the last
    breaking team, they show which figure decided the cut."""
    eligible = {
        c.code: None if c.is_open else {t.id for t in c.eligible_teams}
        for c in categories(tournament)
    }
    below: dict[str, list[StandingRow]] = {}
    for category in result.categories:
        breaking = {b.team_id for b in category.breaking}
        last = max((b.standing_rank for b in category.breaking), default=0)
        allowed = eligible.get(category.code)
        below[category.code] = [
            row
            for row in standings.rows
            if row.rank >= last
            and row.team_id not in breaking
            and (allowed is None or row.team_id in allowed)
        ][:count]
    return below


def generate_break(tournament: Tournament, user: User) -> BreakResult:
    """Save the break of every category and create its elimination rounds."""
    prelims = rounds_of(tournament, "prelim")
    open_rounds = [r.seq for r in prelims if not r.is_closed]
    if open_rounds:
        raise ServiceError("prelims_not_finished", rounds=", ".join(map(str, open_rounds)))
    elimination = db.session.scalars(
        select(Round).where(Round.tournament_id == tournament.id, Round.kind == "elimination")
    ).all()
    if any(not r.is_setup for r in elimination):
        raise ServiceError("break_already_used")
    result = preview(tournament)
    per_debate = format_for(tournament).teams_per_debate
    for outcome in result.categories:
        if per_debate == 4 and outcome.complete and not is_break_size(len(outcome.breaking)):
            raise ServiceError(
                "four_team_break_size", category=outcome.code, count=len(outcome.breaking)
            )
    undecided = [c for c in result.categories if not c.complete]
    if undecided:
        raise ServiceError(
            "break_tied", category=undecided[0].code, teams=list(undecided[0].tie_at_line)
        )
    with transaction():
        by_code = {c.code: c for c in _saved_categories(tournament)}
        for category in by_code.values():
            db.session.execute(
                delete(BreakingTeam).where(BreakingTeam.break_category_id == category.id)
            )
        for r in elimination:
            db.session.delete(r)
        db.session.flush()
        next_seq = (prelims[-1].seq if prelims else 0) + 1
        for outcome in result.categories:
            category = by_code[outcome.code]
            db.session.add_all(
                BreakingTeam(break_category_id=category.id, team_id=team.team_id, seed=team.seed)
                for team in outcome.breaking
            )
            stages = _stages(len(outcome.breaking), per_debate)
            next_seq = _elimination_rounds(tournament, category, stages, per_debate, next_seq)
        audit.record(
            tournament.id,
            "break_generated",
            user=user,
            categories={c.code: len(c.breaking) for c in result.categories},
        )
    return result


def _stages(size: int, per_debate: int) -> list[int]:
    """The full stage (teams it would start with) of each elimination round of a break.

    Two-team: one round per halving, e.g. 6 breaking teams → quarterfinal (2 byes), semifinal,
    final. Four-team: 16 → 16, 8, 4; a partial break of 12 → quarterfinal (seeds 5–12 in two
    rooms, the top four wait), semifinal, final.
    """
    if per_debate == 4:
        rounds = len(break_stages(size))
        return [4 * 2 ** (rounds - 1 - index) for index in range(rounds)]
    rounds = math.ceil(math.log2(size)) if size > 1 else 0
    return [2 ** (rounds - index) for index in range(rounds)]


def _elimination_rounds(
    tournament: Tournament,
    category: BreakCategory,
    stages: list[int],
    per_debate: int,
    next_seq: int,
) -> int:
    """One elimination round per stage of the break."""
    panel = max(3, settings.get(tournament, "panel_size"))
    for stage in stages:
        db.session.add(
            Round(
                tournament_id=tournament.id,
                seq=next_seq,
                name=stage_name(stage, per_debate),
                kind="elimination",
                draw_type="elimination",
                break_category_id=category.id,
                panel_size=panel,
            )
        )
        next_seq += 1
    return next_seq


def record_coin_toss(tournament: Tournament, lots: dict[int, int], user: User) -> None:
    """Record the coin toss (lots, higher ranks first) that settles a tie in the standings."""
    current = {str(team): lot for team, lot in standings_service.coin_toss(tournament).items()}
    current.update({str(team): int(lot) for team, lot in lots.items()})
    tournament.settings = {**(tournament.settings or {}), "coin_toss": current}
    audit.record(tournament.id, "coin_toss_recorded", user=user, lots=current)
    db.session.commit()
