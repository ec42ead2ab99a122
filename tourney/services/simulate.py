"""A whole tournament played by the real services, for rehearsals and for measuring scale.

``run`` builds a made-up field (teams, speakers, judges with private links, rooms), then plays
every round as the tab room would: draw, allocation, release, every judge's ballot through the
ballot service, every team's and judge's feedback through the feedback service, confirmation at
the results desk, close; then the break and the elimination rounds. Feedback follows each judge's
hidden quality, the feedback weight rises round by round, and each round reports how the ratings
had moved and how the allocation followed them.
It measures seconds and database queries per round and checks the integrity of what was stored.
"""

from __future__ import annotations

import itertools
import random
import secrets
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from sqlalchemy import event, func, select
from sqlalchemy.orm import selectinload

from tourney.extensions import db
from tourney.models import (
    Adjudicator,
    Bye,
    Championship,
    Debate,
    DebateAdjudicator,
    DebateResult,
    DebateTeam,
    Institution,
    Round,
    Speaker,
    Team,
    Tournament,
    User,
    Venue,
)
from tourney.pairing.allocation_model import bracket_importance
from tourney.scoring import FORMATS, Format
from tourney.services import ballots, breaks, draws, feedback, ratings, results, swing
from tourney.services import history as history_service
from tourney.services import standings as standings_service
from tourney.services.ballots import Speech, Submission
from tourney.services.demo import ensure_regions
from tourney.services.formats import format_for, format_of_round
from tourney.services.links import new_token
from tourney.services.tournaments import rounds_of

TIE_RETRIES = 50


# --------------------------------------------------------------------------- ballots


def _score(position, rng: random.Random) -> Decimal:
    steps = int((position.score_max - position.score_min) / position.score_step)
    return position.score_min + position.score_step * rng.randint(0, steps)


def random_submission(debate: Debate, fmt: Format, rng: random.Random) -> Submission:
    """A valid ballot for ``debate``: random scores on step, speakers in team-sheet order.

    Every judge names the same speakers (so a panel agrees), the higher total wins, and totals
    are drawn again until no two sides tie. A ballot that names the advancing teams picks them
    at random.
    """
    teams = {dt.side: dt.team for dt in debate.teams}
    if fmt.names_advancing:
        chosen = rng.sample(sorted(teams), fmt.advancing)
        return Submission(
            debate_id=debate.id, key=secrets.token_urlsafe(18), speeches=(), advancing=tuple(chosen)
        )
    for _ in range(TIE_RETRIES):
        speeches = []
        totals = dict.fromkeys(teams, Decimal(0))
        for side, team in teams.items():
            order = [s.id for s in team.speakers]
            for position in fmt.positions:
                first = int((position.reply_by or (position.code,))[0]) - 1
                score = _score(position, rng)
                speeches.append(Speech(side, position.code, order[first], score))
                totals[side] += score
        if len(set(totals.values())) == len(totals):
            break
    ranking = sorted(totals, key=lambda side: totals[side], reverse=True)
    two_teams = len(fmt.sides) == 2
    return Submission(
        debate_id=debate.id,
        key=secrets.token_urlsafe(18),
        speeches=tuple(speeches),
        winner=ranking[0] if two_teams else None,
        ranks=None if two_teams else {side: rank for rank, side in enumerate(ranking, start=1)},
    )


def counting_seats(debate: Debate, fmt: Format) -> list[DebateAdjudicator]:
    """The judges whose ballot decides: voting judges, or the chair alone in consensus mode."""
    voting = [s for s in debate.adjudicators if s.role != "trainee"]
    if fmt.ballot_mode == "consensus":
        return [s for s in voting if s.role == "chair"]
    return voting


# --------------------------------------------------------------------------- the field


def _break_size(teams: int, format_code: str) -> int:
    """A break that suits the field: up to 8 of two-team debates; four-team, up to half the
    field and a partial break where it fits (24 teams → 12)."""
    if FORMATS[format_code].teams_per_debate == 4:
        return max(size for size in (4, 6, 8, 12, 16, 24) if size <= max(4, teams // 2))
    return min(8, 2 ** max(1, (teams // 4).bit_length() - 1))


def build_field(
    teams: int, rounds: int, format_code: str, rng: random.Random, panel_size: int = 1
) -> Tournament:
    """A made-up tournament: institutions in every region, teams, judges with links, rooms."""
    regions = list(ensure_regions().values())
    tag = secrets.token_hex(3)
    championship = Championship(name=f"Simulation {tag}", season="sim")
    tournament = Tournament(
        championship=championship,
        name=f"Simulation {tag}: {teams} teams",
        slug=f"sim-{tag}",
        format_code=format_code,
        prelim_rounds=rounds,
        break_size=_break_size(teams, format_code),
        settings={"panel_size": panel_size},
    )
    institutions = [
        Institution(championship=championship, name=f"School {i + 1}", region=regions[i % 4])
        for i in range(max(2, teams // 3))
    ]
    per_team = format_for(tournament).speakers_per_team
    rows: list[Any] = [tournament, *institutions]
    for index in range(teams):
        team = Team(
            tournament=tournament,
            name=f"Team {index + 1}",
            code=f"S{index + 1:03d}",
            institution=institutions[index % len(institutions)],
        )
        team.speakers = [
            Speaker(name=f"Speaker {index + 1}.{p}", position=p) for p in range(1, per_team + 1)
        ]
        rows.append(team)
    judges = (teams // 2 + 1) * max(panel_size, 3)  # enough for panels of three in the break
    rows += [
        Adjudicator(
            tournament=tournament,
            name=f"Judge {index + 1}",
            institution=institutions[index % len(institutions)] if index % 2 else None,
            rating=Decimal(rng.randint(3, 9)),
            token=new_token(),
        )
        for index in range(judges)
    ]
    rows += [
        Venue(tournament=tournament, name=f"Room {index + 1}", priority=1 + index % 3)
        for index in range((teams + 1) // 2)
    ]
    rows += [
        Round(
            tournament=tournament,
            seq=seq,
            name=str(seq),
            panel_size=panel_size,
            draw_type="random" if seq == 1 else "power",
        )
        for seq in range(1, rounds + 1)
    ]
    db.session.add_all(rows)
    feedback.add_default_questions(tournament)
    db.session.commit()
    return tournament


# --------------------------------------------------------------------------- feedback


def hidden_quality(adjudicator_id: int) -> int:
    """How good a made-up judge 'really' is (1–10), unknown to the base rating: what the
    feedback reveals, so the ratings move."""
    return random.Random(f"judge-{adjudicator_id}").randint(1, 10)


def random_answers(questions, target_id: int, rng: random.Random) -> dict[str, str]:
    """Answers near the target's hidden quality; optional questions answered half the time."""
    quality = hidden_quality(target_id)
    answers: dict[str, str] = {}
    for q in questions:
        if not q.required and rng.random() < 0.5:
            continue
        if q.kind == "scale":
            low, high = q.min_value, q.max_value
            value = low + (high - low) * (quality - 1) / 9 + rng.uniform(-1, 1)
            answers[str(q.id)] = str(min(high, max(low, round(value))))
        elif q.kind == "yesno":
            answers[str(q.id)] = "yes" if rng.random() < quality / 10 else "no"
        elif q.kind == "choice":
            answers[str(q.id)] = str(rng.randrange(len(q.choices)))
        else:
            answers[str(q.id)] = rng.choice(("", "Clear reasons.", "Could explain more."))
    return answers


def submit_feedback(round_: Round, rng: random.Random) -> int:
    """Every team and judge gives the feedback it owes in the round, through the service."""
    questions = feedback.questions_of(round_.tournament_id)
    sent = 0
    for duty in feedback.duties_of_round(round_):
        kind, _, source_id = duty.source_key.partition(":")
        source = db.session.get(Team if kind == "team" else Adjudicator, int(source_id))
        answers = random_answers(feedback.questions_for(duty, questions), duty.target_id, rng)
        submission = feedback.FeedbackSubmission(
            duty.debate_id, duty.target_id, secrets.token_urlsafe(18), answers
        )
        feedback.submit_from_link(source, submission)
        sent += 1
    return sent


def allocation_report(round_: Round) -> dict[str, Any]:
    """How the ratings had moved when the round was allocated, and whether the allocation
    followed them: the mean current rating of the voting judges on the important debates (the
    top bracket, as the allocator sees it) and on the others."""
    parts = ratings.ratings_for_round(round_)
    moved = [abs(p.current - p.base) for p in parts.values() if p.count]
    seats = db.session.execute(
        select(Debate.id, Debate.importance, Debate.bracket, DebateAdjudicator.adjudicator_id)
        .join(DebateAdjudicator, DebateAdjudicator.debate_id == Debate.id)
        .where(Debate.round_id == round_.id, DebateAdjudicator.role != "trainee")
    ).all()
    by_bracket = bracket_importance({str(d): float(b) for d, _, b, _ in seats})
    important: list[float] = []
    other: list[float] = []
    for debate_id, importance, _, judge in seats:
        high = importance or by_bracket.get(str(debate_id), 0)
        (important if high else other).append(float(parts[judge].current))

    def mean(values: list[float]) -> float | None:
        return round(sum(values) / len(values), 2) if values else None

    return {
        "feedback_weight": float(round_.feedback_weight or 0),
        "judges_with_feedback": len(moved),
        "rating_moved_mean": round(float(sum(moved) / len(moved)), 2) if moved else 0.0,
        "rating_moved_max": float(max(moved)) if moved else 0.0,
        "panel_rating_important": mean(important),
        "panel_rating_other": mean(other),
    }


def weight_for(seq: int) -> Decimal:
    """The simulated tab director's weights: feedback counts more as the rounds go by."""
    return min(Decimal("0.15") * (seq - 1), Decimal("0.6"))


# --------------------------------------------------------------------------- measuring


@dataclass
class QueryCounter:
    count: int = 0

    def __call__(self, *args: Any) -> None:
        self.count += 1


@contextmanager
def measured(into: dict[str, Any]) -> Iterator[None]:
    """Record seconds and database queries of the block into ``into``."""
    counter = QueryCounter()
    engine = db.engine
    event.listen(engine, "before_cursor_execute", counter)
    started = time.perf_counter()
    try:
        yield
    finally:
        into["seconds"] = round(time.perf_counter() - started, 3)
        into["queries"] = counter.count
        event.remove(engine, "before_cursor_execute", counter)


# --------------------------------------------------------------------------- playing


@dataclass
class Summary:
    teams: int
    format: str
    seed: int
    tournament: str = ""
    rounds: list[dict[str, Any]] = field(default_factory=list)
    ballots: int = 0
    feedback: int = 0
    rematches: int = 0
    clashes: dict[str, int] = field(default_factory=dict)
    checks: dict[str, bool] = field(default_factory=dict)
    champion: str | None = None
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "teams": self.teams,
            "format": self.format,
            "seed": self.seed,
            "tournament": self.tournament,
            "database": db.engine.dialect.name,
            "rounds": self.rounds,
            "ballots": self.ballots,
            "feedback": self.feedback,
            "rematches": self.rematches,
            "clashes": self.clashes,
            "checks": self.checks,
            "champion": self.champion,
            "ok": all(self.checks.values()),
            "seconds": self.seconds,
        }


def director() -> User:
    user = db.session.scalar(select(User).where(User.username == "simulation"))
    if user is None:
        user = User(username="simulation", role="tab_director", display_name="Simulation")
        user.set_password(secrets.token_urlsafe(24))
        db.session.add(user)
        db.session.commit()
    return user


def debates_of(round_: Round) -> list[Debate]:
    return list(
        db.session.scalars(
            select(Debate)
            .where(Debate.round_id == round_.id)
            .options(
                selectinload(Debate.teams)
                .selectinload(DebateTeam.team)
                .selectinload(Team.speakers),
                selectinload(Debate.adjudicators).selectinload(DebateAdjudicator.adjudicator),
            )
            .order_by(Debate.position)
        )
    )


def play_round(round_: Round, user: User, rng: random.Random) -> dict[str, Any]:
    """Draw, allocate, release, every counting judge's ballot, confirm, close, release results."""
    fmt = format_of_round(round_)
    row: dict[str, Any] = {"round": round_.seq, "name": round_.name, "kind": round_.kind}
    phases: dict[str, dict[str, Any]] = {
        name: {} for name in ("draw", "ballots", "feedback", "confirm")
    }
    with measured(row):
        with measured(phases["draw"]):
            draws.generate_draw(round_, user)
            draws.allocate_round(round_, user)
            draws.release_draw(round_, user)
        row["allocation"] = allocation_report(round_)
        debates = debates_of(round_)
        sent = 0
        with measured(phases["ballots"]):
            for debate in debates:
                submission = random_submission(debate, fmt, rng)
                for seat in counting_seats(debate, fmt):
                    ballot = replace(submission, key=secrets.token_urlsafe(18))
                    ballots.submit_from_link(seat.adjudicator, ballot)
                    sent += 1
        with measured(phases["feedback"]):
            given = submit_feedback(round_, rng)
        with measured(phases["confirm"]):
            for desk in results.round_desk(round_):
                if desk.result is None:
                    results.confirm(desk.debate.id, user, desk.counted_ids)
            draws.close_round(round_, user)
            draws.release_results(round_, user)
    row["phases"] = phases
    row.update(debates=len(debates), ballots=sent, feedback=given)
    return row


def settle_ties(tournament: Tournament, user: User, rng: random.Random) -> None:
    """A recorded coin toss for every team, as the tab room does when the break line is tied."""
    team_ids = list(db.session.scalars(select(Team.id).where(Team.tournament_id == tournament.id)))
    lots = rng.sample(range(1, 10 * len(team_ids) + 1), len(team_ids))
    breaks.record_coin_toss(tournament, dict(zip(team_ids, lots, strict=True)), user)


def run(
    teams: int,
    rounds: int,
    format_code: str = "karl_popper",
    seed: int = 1,
    panel_size: int = 1,
    eliminations: bool = True,
) -> dict[str, Any]:
    """Play a complete tournament and return the JSON summary."""
    rng = random.Random(seed)
    summary = Summary(teams=teams, format=format_code, seed=seed)
    started = time.perf_counter()
    user = director()
    tournament = build_field(teams, rounds, format_code, rng, panel_size)
    if swing.needed(tournament):
        swing.add_swing_teams(tournament, user, [])
    summary.tournament = tournament.slug
    clashes: Counter[str] = Counter()
    ratings.set_weights(tournament, {r.seq: weight_for(r.seq) for r in rounds_of(tournament)}, user)
    for round_ in rounds_of(tournament, "prelim"):
        summary.rounds.append(play_round(round_, user, rng))
        clashes.update(code for found in draws.clashes(round_).values() for code, _ in found)
    if eliminations:
        settle_ties(tournament, user, rng)
        row: dict[str, Any] = {"round": "break", "kind": "break"}
        with measured(row):
            breaks.generate_break(tournament, user)
        summary.rounds.append(row)
        for round_ in rounds_of(tournament, "elimination"):
            summary.rounds.append(play_round(round_, user, rng))
        summary.champion = champion(tournament)
    summary.ballots = sum(r.get("ballots", 0) for r in summary.rounds)
    summary.feedback = sum(r.get("feedback", 0) for r in summary.rounds)
    summary.rematches = rematches(tournament)
    summary.clashes = dict(sorted(clashes.items()))
    summary.checks = integrity(tournament)
    summary.seconds = round(time.perf_counter() - started, 3)
    return summary.as_dict()


# --------------------------------------------------------------------------- checking


def champion(tournament: Tournament) -> str | None:
    """The team that won the last elimination round's only debate."""
    final = rounds_of(tournament, "elimination")[-1:]
    debates = debates_of(final[0]) if final else []
    if len(debates) != 1:
        return None
    (debate,) = debates
    result = db.session.scalar(
        select(DebateResult).where(
            DebateResult.debate_id == debate.id, DebateResult.status == "confirmed"
        )
    )
    if result is None:
        return None
    (side,) = result.outcome.through
    return next(dt.team.name for dt in debate.teams if dt.side == side)


def rematches(tournament: Tournament) -> int:
    """Pairs of teams that met more than once in the prelims (each extra meeting counts)."""
    seats = db.session.execute(
        select(DebateTeam.debate_id, DebateTeam.team_id)
        .join(Round, Round.id == DebateTeam.round_id)
        .where(Round.tournament_id == tournament.id, Round.kind == "prelim")
    ).all()
    by_debate: dict[int, list[int]] = {}
    for debate_id, team_id in seats:
        by_debate.setdefault(debate_id, []).append(team_id)
    meetings = Counter(
        pair for teams in by_debate.values() for pair in itertools.combinations(sorted(teams), 2)
    )
    return sum(count - 1 for count in meetings.values())


def integrity(tournament: Tournament) -> dict[str, bool]:
    """Every debate has exactly one confirmed result; the standings add up."""
    confirmed = (
        select(DebateResult.debate_id, func.count().label("n"))
        .where(DebateResult.status == "confirmed")
        .group_by(DebateResult.debate_id)
        .subquery()
    )
    counts = db.session.execute(
        select(Debate.id, confirmed.c.n)
        .join(Round, Round.id == Debate.round_id)
        .outerjoin(confirmed, confirmed.c.debate_id == Debate.id)
        .where(Round.tournament_id == tournament.id)
    ).all()
    fmt = format_for(tournament)
    prelim = [r.id for r in rounds_of(tournament, "prelim")]
    debates = db.session.scalar(select(func.count(Debate.id)).where(Debate.round_id.in_(prelim)))
    byes = db.session.scalar(select(func.count(Bye.id)).where(Bye.round_id.in_(prelim)))
    table = standings_service.from_history(history_service.load(tournament), swing=True)
    points = sum(row.values.get("points", 0) for row in table.standings.rows)
    expected = (debates or 0) * sum(fmt.points_by_rank) + (byes or 0) * fmt.points_by_rank[0]
    seats = db.session.scalar(
        select(func.count(DebateTeam.id)).where(DebateTeam.round_id.in_(prelim))
    )
    return {
        "one_confirmed_result_per_debate": all(n == 1 for _, n in counts),
        "standings_points_add_up": points == expected,
        "every_team_ranked": len(table.standings.rows) == len(table.teams),
        "rounds_counted": sum(r.rounds for r in table.standings.rows) == (seats or 0) + (byes or 0),
    }
