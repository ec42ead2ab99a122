"""Deciding and confirming debate results (the tab room's results desk).

The scoring engine decides a debate from the ballots that count: every voting judge's (chair and
panellists) in per-judge mode, the chair's alone in consensus mode; trainees' ballots never count.
A confirmed ``DebateResult`` records the decision; at most one per debate is confirmed (a partial
unique index), and the person who confirms differs from whoever typed in a counted paper ballot.

``DebateResult.decision`` holds the engine's decision in its one stored form,
``scoring.DebateResult.to_dict`` (versioned, exact scores as fractions); read it back with
``DebateResult.outcome`` or ``services.decisions.confirmed``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import func, select, update
from sqlalchemy.orm import joinedload, selectinload

from tourney.extensions import db
from tourney.models import (
    Ballot,
    BreakCategory,
    BreakingTeam,
    Debate,
    DebateAdjudicator,
    DebateResult,
    DebateTeam,
    Round,
    RoundStatus,
    Team,
    Tournament,
    User,
)
from tourney.models._base import utcnow
from tourney.scoring import (
    BallotError,
    BallotInput,
    Format,
    SpeechScore,
    decide_debate,
    validate_panel,
)
from tourney.scoring import DebateResult as Decision
from tourney.services import audit, settings
from tourney.services.errors import Conflict, ServiceError
from tourney.services.formats import format_of_round
from tourney.services.tournaments import rounds_of
from tourney.services.transaction import transaction

DESK_STATUSES = (
    "missing",
    "incomplete",
    "problem",
    "disagreement",
    "ready",
    "confirmed",
    "changed",
)


class PanelRejected(ServiceError):
    """The counted ballots do not give a result (engine panel errors)."""

    def __init__(self, errors: Sequence[BallotError]) -> None:
        super().__init__("panel_invalid", count=len(errors))
        self.errors = list(errors)


@dataclass(frozen=True)
class Seat:
    """A judge on the panel with their current ballot; ``counts``: the ballot decides."""

    adjudicator_id: int
    name: str
    role: str
    counts: bool
    ballot: Ballot | None


@dataclass
class DebateDesk:
    """One debate as the results desk sees it."""

    debate: Debate
    fmt: Format
    seats: list[Seat]
    others: list[Ballot]  # current ballots of judges who are no longer on the panel
    result: DebateResult | None  # the confirmed result, if any
    decision: Decision | None = None  # what confirming now would record
    problems: list[BallotError] = field(default_factory=list)

    @property
    def counted(self) -> list[Ballot]:
        return [s.ballot for s in self.seats if s.counts and s.ballot is not None]

    @property
    def counted_ids(self) -> list[int]:
        return sorted(b.id for b in self.counted)

    @property
    def awaited(self) -> list[Seat]:
        """Judges whose ballot would count but has not arrived."""
        return [s for s in self.seats if s.counts and s.ballot is None]

    @property
    def entered_by(self) -> set[int]:
        return {b.entered_by_id for b in self.counted if b.entered_by_id is not None}

    @property
    def disagreement(self) -> bool:
        """Voting judges disagree on the decision (a split) or on who gave a speech."""
        return (self.decision is not None and self.decision.split) or any(
            e.code == "speaker_mismatch" for e in self.problems
        )

    @property
    def status(self) -> str:
        if self.result is not None:
            return "changed" if sorted(self.result.ballot_ids) != self.counted_ids else "confirmed"
        if not self.counted:
            return "missing"
        if self.problems:
            return "disagreement" if self.disagreement else "problem"
        if self.awaited:
            return "incomplete"
        return "disagreement" if self.disagreement else "ready"

    @property
    def confirmable(self) -> bool:
        return self.result is None and self.decision is not None


# --------------------------------------------------------------------------- reading


def _debates_query():
    return select(Debate).options(
        joinedload(Debate.round).joinedload(Round.tournament),
        joinedload(Debate.venue),
        selectinload(Debate.teams).joinedload(DebateTeam.team).selectinload(Team.speakers),
        selectinload(Debate.adjudicators).joinedload(DebateAdjudicator.adjudicator),
    )


def desk_rounds(tournament: Tournament) -> list[Round]:
    """Rounds whose ballots the desk handles: the draw is public (released) or the round closed."""
    return rounds_of(tournament, draw_public=True)


def status_counts(desks: Iterable[DebateDesk]) -> dict[str, int]:
    counts = dict.fromkeys(DESK_STATUSES, 0)
    for desk in desks:
        counts[desk.status] += 1
    return counts


def user_names(ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    users = db.session.scalars(select(User).where(User.id.in_(wanted)))
    return {u.id: u.display_name or u.username for u in users}


def round_desk(round_: Round) -> list[DebateDesk]:
    """Every debate of the round with its ballots and result, in four queries."""
    debates = list(
        db.session.scalars(
            _debates_query().where(Debate.round_id == round_.id).order_by(Debate.position)
        )
    )
    return _desks(debates)


def debate_desk(debate_id: int) -> DebateDesk | None:
    debate = db.session.scalar(_debates_query().where(Debate.id == debate_id))
    return _desks([debate])[0] if debate is not None else None


def _desks(debates: Sequence[Debate]) -> list[DebateDesk]:
    ids = [d.id for d in debates]
    ballots: dict[int, list[Ballot]] = {i: [] for i in ids}
    for ballot in db.session.scalars(
        select(Ballot)
        .where(Ballot.debate_id.in_(ids), Ballot.status == "current")
        .options(selectinload(Ballot.scores), joinedload(Ballot.adjudicator))
        .order_by(Ballot.id)
    ):
        ballots[ballot.debate_id].append(ballot)
    confirmed = {
        r.debate_id: r
        for r in db.session.scalars(
            select(DebateResult).where(
                DebateResult.debate_id.in_(ids), DebateResult.status == "confirmed"
            )
        )
    }
    return [_desk(d, ballots[d.id], confirmed.get(d.id)) for d in debates]


def _desk(debate: Debate, ballots: list[Ballot], result: DebateResult | None) -> DebateDesk:
    fmt = format_of_round(debate.round)
    by_judge = {b.adjudicator_id: b for b in ballots}
    seats = [
        Seat(
            adjudicator_id=seat.adjudicator_id,
            name=seat.adjudicator.name,
            role=seat.role,
            counts=_counts(fmt, seat.role),
            ballot=by_judge.pop(seat.adjudicator_id, None),
        )
        for seat in sorted(debate.adjudicators, key=_seat_order)
    ]
    desk = DebateDesk(debate, fmt, seats, list(by_judge.values()), result)
    inputs = [ballot_input(s.ballot, s.role) for s in seats if s.counts and s.ballot]
    if inputs:
        desk.problems = validate_panel(fmt, inputs)
        if not desk.problems:
            desk.decision = decide_debate(fmt, inputs)
    return desk


def _seat_order(seat: DebateAdjudicator) -> tuple[int, int]:
    return (("chair", "panellist", "trainee").index(seat.role), seat.id)


def _counts(fmt: Format, role: str) -> bool:
    if role == "trainee":
        return False
    return fmt.ballot_mode != "consensus" or role == "chair"


def ballot_input(ballot: Ballot, role: str) -> BallotInput:
    """A stored ballot as the scoring engine reads it."""
    speeches: dict[str, list[SpeechScore]] = {}
    for s in ballot.scores:
        speeches.setdefault(s.side, []).append(SpeechScore(s.position, s.speaker_id, s.score))
    return BallotInput(
        speeches=speeches,
        winner=ballot.winner_side,
        ranks=ballot.ranks,
        advancing=tuple(ballot.advancing) if ballot.advancing else None,
        low_point_win=ballot.low_point_win,
        judge_id=ballot.adjudicator_id,
        is_chair=role == "chair",
        is_trainee=role == "trainee",
    )


def versions(debate_id: int) -> list[Ballot]:
    """Every ballot version of a debate, newest first (the history the tab room can audit)."""
    return list(
        db.session.scalars(
            select(Ballot)
            .where(Ballot.debate_id == debate_id)
            .options(selectinload(Ballot.adjudicator))
            .order_by(Ballot.submitted_at.desc(), Ballot.id.desc())
        )
    )


def history(debate_id: int) -> list[DebateResult]:
    """Confirmed and retracted results of a debate, newest first."""
    return list(
        db.session.scalars(
            select(DebateResult)
            .where(DebateResult.debate_id == debate_id)
            .order_by(DebateResult.confirmed_at.desc(), DebateResult.id.desc())
        )
    )


# --------------------------------------------------------------------------- confirming


def confirm(debate_id: int, user: User, seen_ballot_ids: Iterable[int]) -> DebateResult:
    """Confirm the debate's result as decided from the ballots the user looked at."""
    desk = _open_desk(debate_id)
    if sorted(seen_ballot_ids) != desk.counted_ids:
        raise ServiceError("ballots_changed")
    if user.id in desk.entered_by:
        raise ServiceError("confirm_own_entry")
    return _record(desk, user=user, auto=False)


def confirm_automatically(debate_id: int) -> DebateResult | None:
    """Confirm without a person when the tournament asks and the panel is complete and consistent.

    Complete: every judge whose ballot counts has submitted one on their link (a paper ballot
    always waits for a second person). Consistent: the engine accepts the panel — every ballot
    decides, and the judges agree who gave each speech. A split decision is consistent.
    """
    desk = debate_desk(debate_id)
    if desk is None or not settings.get(desk.debate.round.tournament, "auto_confirm"):
        return None
    if (
        not desk.confirmable
        or desk.awaited
        or not desk.debate.round.is_released
        or any(b.source != "tablet" for b in desk.counted)
    ):
        return None
    return _record(desk, user=None, auto=True)


def _open_desk(debate_id: int) -> DebateDesk:
    desk = debate_desk(debate_id)
    if desk is None:
        raise ServiceError("not_found")
    if not desk.debate.round.draw_public:
        raise ServiceError("round_not_released")
    if desk.result is not None:
        raise ServiceError("already_confirmed")
    if not desk.counted:
        raise ServiceError("no_ballots")
    if desk.decision is None:
        raise PanelRejected(desk.problems)
    return desk


def _record(desk: DebateDesk, *, user: User | None, auto: bool) -> DebateResult:
    assert desk.decision is not None
    result = DebateResult(
        debate_id=desk.debate.id,
        status="confirmed",
        confirmed_by_id=user.id if user is not None else None,
        auto_confirmed=auto,
        confirmed_at=utcnow(),
        ballot_ids=desk.counted_ids,
        decision=desk.decision.to_dict(),
    )
    # A clash: someone confirmed this debate a moment ago (one confirmed result per debate).
    with transaction(lambda: ServiceError("already_confirmed")):
        db.session.add(result)
        db.session.flush()
        audit.record(
            desk.debate.round.tournament_id,
            "result_confirmed",
            user=user,
            actor="" if user is not None else "system",
            debate_id=desk.debate.id,
            result_id=result.id,
            ballot_ids=desk.counted_ids,
            auto=auto,
        )
    return result


RETRACT_ROLES = ("tab_director",)
"""Who may withdraw a confirmed result (admins always): never a ballot clerk alone."""


@dataclass(frozen=True)
class Retraction:
    """What a retraction changed: ``reopened`` the closed round, ``unreleased`` its results."""

    round_seq: int
    reopened: bool
    unreleased: bool


def retract(result_id: int, user: User, reason: str) -> Retraction:
    """Withdraw a confirmed result (kept as "retracted") so a corrected one can be confirmed.

    The rule: only a tab director, always with a reason (audited). In a round still open the
    result is simply withdrawn. A closed round is reopened (its results, if released, stop being
    public until it is closed and released again) — unless something was already built on it: a
    later round's draw or a saved break. Then the retraction is refused with that reason.
    """
    if not user.has_role(*RETRACT_ROLES):
        raise ServiceError("retract_forbidden")
    reason = reason.strip()
    if not reason:
        raise ServiceError("reason_required")
    result = db.session.get(DebateResult, result_id)
    if result is None:
        raise ServiceError("not_found")
    if result.status != "confirmed":
        raise ServiceError("not_confirmed")
    round_ = result.debate.round
    reopened = round_.is_closed
    unreleased = reopened and round_.results_released_at is not None
    if reopened:
        _refuse_reopening(round_)
        _reopen(round_, user, reason, unreleased=unreleased)
    changed = db.session.execute(
        update(DebateResult)
        .where(DebateResult.id == result_id, DebateResult.status == "confirmed")
        .values(status="retracted")
        .execution_options(synchronize_session=False)
    ).rowcount
    if changed != 1:
        db.session.rollback()
        raise Conflict()
    audit.record(
        round_.tournament_id,
        "result_retracted",
        user=user,
        debate_id=result.debate_id,
        result_id=result_id,
        reason=reason[:500],
    )
    db.session.commit()
    db.session.refresh(result)
    return Retraction(round_.seq, reopened=reopened, unreleased=unreleased)


def _refuse_reopening(round_: Round) -> None:
    """A closed round cannot reopen once a later draw or the break was made from its results."""
    later = db.session.scalar(
        select(func.min(Round.seq)).where(
            Round.tournament_id == round_.tournament_id,
            Round.seq > round_.seq,
            Round.status != RoundStatus.SETUP,
        )
    )
    if later is not None:
        raise ServiceError("later_round_drawn", round=round_.seq, later=later)
    saved_break = db.session.scalar(
        select(func.count(BreakingTeam.id))
        .join(BreakCategory, BreakCategory.id == BreakingTeam.break_category_id)
        .where(BreakCategory.tournament_id == round_.tournament_id)
    )
    if round_.kind == "prelim" and saved_break:
        raise ServiceError("break_saved", round=round_.seq)


def _reopen(round_: Round, user: User, reason: str, *, unreleased: bool) -> None:
    claimed = db.session.execute(
        update(Round)
        .where(Round.id == round_.id, Round.status == RoundStatus.CLOSED)
        .values(
            status=RoundStatus.RELEASED,
            results_released_at=None,
            draw_version=Round.draw_version + 1,
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    if claimed != 1:
        db.session.rollback()
        raise Conflict(round=round_.seq)
    audit.record(
        round_.tournament_id,
        "round_reopened",
        user=user,
        round=round_.seq,
        results_unreleased=unreleased,
        reason=reason[:500],
    )
