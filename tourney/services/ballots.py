"""Judges' ballots: submitted on a private link, or typed in from paper by a ballot clerk.

Every submission carries an idempotency key made where the ballot was filled in (the judge's
device, or the clerk's form). The database keeps one ballot per key, so a retried submit — a double
tap, a lost response, two app processes racing — returns the ballot already stored, never a second
copy. A key is bound to the content first stored under it: the same key with a different ballot is
refused (``key_content_changed``), never answered with a receipt for something not stored. A changed ballot becomes a new version and the previous one is marked superseded; an
unchanged one sent again under a new key stores nothing.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from functools import cached_property

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import joinedload, selectinload

from tourney.extensions import db
from tourney.models import (
    Adjudicator,
    Ballot,
    Debate,
    DebateAdjudicator,
    DebateResult,
    DebateTeam,
    Motion,
    Round,
    RoundStatus,
    SpeakerScore,
    Team,
    User,
)
from tourney.scoring import BallotError, BallotInput, DebateContext, Format, SpeechScore
from tourney.scoring import validate_ballot as engine_validate
from tourney.services import audit, results, settings
from tourney.services.errors import Conflict, ServiceError
from tourney.services.formats import format_for, format_of_round

log = logging.getLogger(__name__)

TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{16,64}")
KEY_PATTERN = re.compile(r"[A-Za-z0-9_-]{16,64}")
COMMENTS_MAX = 5000
STORE_ATTEMPTS = 3


class BallotRejected(ServiceError):
    """The ballot has problems (engine errors: field, code, params); nothing was stored."""

    def __init__(self, errors: Sequence[BallotError]) -> None:
        super().__init__("ballot_invalid", count=len(errors))
        self.errors = list(errors)


@dataclass(frozen=True)
class Speech:
    side: str
    position: str
    speaker_id: int | None
    score: Decimal | None


@dataclass(frozen=True)
class Submission:
    """A ballot as filled in. ``declared_totals`` are the team totals written on a paper ballot."""

    debate_id: int
    key: str
    speeches: tuple[Speech, ...]
    winner: str | None = None
    ranks: Mapping[str, int] | None = None
    advancing: tuple[str, ...] | None = None
    low_point_win: bool = False
    comments: str = ""
    declared_totals: Mapping[str, Decimal] | None = None

    @property
    def filled_speeches(self) -> tuple[Speech, ...]:
        """Speeches with a speaker or a score (a ballot that names the advancing teams, sent by
        a form with speech fields, leaves them all empty)."""
        return tuple(s for s in self.speeches if s.speaker_id is not None or s.score is not None)

    def ballot_input(self, seat: DebateAdjudicator) -> BallotInput:
        speeches: dict[str, list[SpeechScore]] = {}
        for s in self.speeches:
            speeches.setdefault(s.side, []).append(SpeechScore(s.position, s.speaker_id, s.score))
        return BallotInput(
            speeches=speeches,
            winner=self.winner,
            ranks=dict(self.ranks) if self.ranks else None,
            advancing=self.advancing,
            low_point_win=self.low_point_win,
            declared_totals=self.declared_totals,
            judge_id=seat.adjudicator_id,
            is_chair=seat.role == "chair",
            is_trainee=seat.role == "trainee",
        )


@dataclass(frozen=True)
class Receipt:
    """What the judge's device keeps as proof: ``created`` is False for a recognised retry."""

    ballot_id: int
    debate_id: int
    version: int
    submitted_at: datetime
    created: bool
    result_confirmed: bool = False  # the debate's result was already confirmed when this arrived


@dataclass(frozen=True)
class JudgeView:
    """What a judge's link shows: the latest released round and the judge's seat in it, if any."""

    adjudicator: Adjudicator
    round: Round | None
    seat: DebateAdjudicator | None
    motion: Motion | None
    ballot: Ballot | None  # the judge's current ballot for that debate

    @cached_property
    def fmt(self) -> Format:
        if self.round is None:
            return format_for(self.adjudicator.tournament)
        return format_of_round(self.round)

    @property
    def may_submit(self) -> bool:
        """In consensus mode only the chair's ballot decides; trainees may always practise."""
        if self.seat is None:
            return False
        return self.fmt.ballot_mode != "consensus" or self.seat.role != "panellist"


# --------------------------------------------------------------------------- reading


def adjudicator_by_token(token: str) -> Adjudicator | None:
    """The adjudicator whose private link this is; None for a forged or revoked token."""
    if not TOKEN_PATTERN.fullmatch(token or ""):
        return None
    return db.session.scalar(select(Adjudicator).where(Adjudicator.token == token))


def judge_view(adjudicator: Adjudicator) -> JudgeView:
    round_ = db.session.scalar(
        select(Round)
        .where(
            Round.tournament_id == adjudicator.tournament_id, Round.status == RoundStatus.RELEASED
        )
        .order_by(Round.seq.desc())
        .limit(1)
    )
    seat = _seat_in_round(round_.id, adjudicator.id) if round_ is not None else None
    if seat is None:
        return JudgeView(adjudicator, round_, None, None, None)
    return JudgeView(
        adjudicator,
        round_,
        seat,
        round_.motion_for(seat.debate),
        current_ballot(seat.debate_id, adjudicator.id),
    )


def current_ballot(debate_id: int, adjudicator_id: int) -> Ballot | None:
    return db.session.scalar(
        select(Ballot)
        .where(
            Ballot.debate_id == debate_id,
            Ballot.adjudicator_id == adjudicator_id,
            Ballot.status == "current",
        )
        .options(selectinload(Ballot.scores))
    )


def _seat_query(*, whole_debate: bool = True):
    """A judge's seat with what checking a ballot reads: round, tournament, teams and speakers.

    ``whole_debate`` adds what the judge's page shows besides: the room and the co-panellists.
    """
    debate = joinedload(DebateAdjudicator.debate)
    options = [
        debate.joinedload(Debate.round).joinedload(Round.tournament),
        debate.selectinload(Debate.teams).joinedload(DebateTeam.team).selectinload(Team.speakers),
    ]
    if whole_debate:
        options += [
            debate.joinedload(Debate.venue),
            debate.selectinload(Debate.adjudicators).joinedload(DebateAdjudicator.adjudicator),
        ]
    return select(DebateAdjudicator).options(*options)


def _seat_in_round(round_id: int, adjudicator_id: int) -> DebateAdjudicator | None:
    return db.session.scalar(
        _seat_query().where(
            DebateAdjudicator.round_id == round_id,
            DebateAdjudicator.adjudicator_id == adjudicator_id,
        )
    )


def _seat(debate_id: int, adjudicator_id: int) -> DebateAdjudicator | None:
    return db.session.scalar(
        _seat_query(whole_debate=False).where(
            DebateAdjudicator.debate_id == debate_id,
            DebateAdjudicator.adjudicator_id == adjudicator_id,
        )
    )


def context_of(debate: Debate) -> DebateContext:
    """Who may speak for each side: the speakers of the team drawn on it."""
    return DebateContext({dt.side: {s.id for s in dt.team.speakers} for dt in debate.teams})


# --------------------------------------------------------------------------- submitting


def submit_from_link(adjudicator: Adjudicator, submission: Submission) -> Receipt:
    """A judge's own ballot, sent from the private link; auto-confirms when the tournament asks."""
    actor = f"judge:{adjudicator.id}"
    known = _known(submission, adjudicator.id)
    if known is not None:
        return known
    seat = _seat(submission.debate_id, adjudicator.id)
    if seat is None or seat.debate.round.tournament_id != adjudicator.tournament_id:
        raise ServiceError("not_on_panel")
    round_ = seat.debate.round
    if not round_.is_released:
        raise ServiceError("round_closed" if round_.is_closed else "round_not_released")
    # Read before the commit expires the seat: when the setting is off, the panel (seven
    # queries) is not loaded at all. results.confirm_automatically still decides for itself.
    auto_confirm = settings.get(seat.debate.round.tournament, "auto_confirm")
    receipt = _store(seat, submission, source="tablet", user=None, actor=actor)
    if receipt.created and auto_confirm:
        _confirm_automatically(receipt.debate_id)
    return receipt


def enter_paper(user: User, adjudicator_id: int, submission: Submission) -> Receipt:
    """A paper ballot typed in by a ballot clerk; another person must confirm it."""
    known = _known(submission, adjudicator_id)
    if known is not None:
        return known
    seat = _seat(submission.debate_id, adjudicator_id)
    if seat is None:
        raise ServiceError("not_on_panel")
    round_ = seat.debate.round
    if not round_.is_released:  # a closed round takes no ballot until a retraction reopens it
        raise ServiceError("paper_round_closed" if round_.is_closed else "round_not_released")
    return _store(seat, submission, source="paper", user=user, actor="")


def validate(seat: DebateAdjudicator, submission: Submission) -> list[BallotError]:
    """The scoring engine's checks, plus the few that only the service knows."""
    debate = seat.debate
    fmt = format_of_round(debate.round)
    errors: list[BallotError] = []
    if fmt.ballot_mode == "consensus" and seat.role == "panellist":
        errors.append(BallotError("ballot", "consensus_chair_only"))
    errors += engine_validate(fmt, context_of(debate), submission.ballot_input(seat))
    if len(submission.comments) > COMMENTS_MAX:
        errors.append(BallotError("comments", "comments_too_long", {"max": COMMENTS_MAX}))
    return errors


def check(adjudicator_id: int, submission: Submission) -> list[BallotError]:
    """The problems a submission would be refused for, without storing anything."""
    seat = _seat(submission.debate_id, adjudicator_id)
    return validate(seat, submission) if seat is not None else []


def _known(submission: Submission, adjudicator_id: int) -> Receipt | None:
    """The receipt of a ballot already stored under this key (a retry), or None."""
    if not KEY_PATTERN.fullmatch(submission.key or ""):
        raise ServiceError("key_invalid")
    ballot = db.session.scalar(
        select(Ballot)
        .where(Ballot.idempotency_key == submission.key)
        .options(selectinload(Ballot.scores))
    )
    if ballot is None:
        return None
    if ballot.adjudicator_id != adjudicator_id or ballot.debate_id != submission.debate_id:
        raise ServiceError("key_reused")
    if not _same_content(ballot, submission):
        raise ServiceError("key_content_changed")
    return _receipt(ballot, created=False)


def _receipt(ballot: Ballot, *, created: bool, confirmed: bool | None = None) -> Receipt:
    if confirmed is None:
        confirmed = bool(db.session.scalar(select(_confirmed_exists(ballot.debate_id))))
    return Receipt(
        ballot.id, ballot.debate_id, ballot.version, ballot.submitted_at, created, confirmed
    )


def _confirmed_exists(debate_id: int):
    return (
        select(DebateResult.id)
        .where(DebateResult.debate_id == debate_id, DebateResult.status == "confirmed")
        .exists()
    )


def _store(
    seat: DebateAdjudicator, submission: Submission, *, source: str, user: User | None, actor: str
) -> Receipt:
    checked = seat.debate.round.draw_version  # the draw this ballot is checked against
    errors = validate(seat, submission)
    if errors:
        raise BallotRejected(errors)
    debate_id, adjudicator_id = seat.debate_id, seat.adjudicator_id
    tournament_id = seat.debate.round.tournament_id
    confirmed = _same_draw(seat.round_id, debate_id, checked)
    for _attempt in range(STORE_ATTEMPTS):
        try:
            return _store_once(
                debate_id, adjudicator_id, tournament_id, submission, source, user, actor, confirmed
            )
        except IntegrityError:
            # Another request stored this key (a concurrent retry), or a version of this
            # judge's ballot, since we looked: answer with the stored one, or try again.
            db.session.rollback()
            known = _known(submission, adjudicator_id)
            if known is not None:
                return known
    raise Conflict(debate=debate_id)


def _same_draw(round_id: int, debate_id: int, checked: int) -> bool:
    """Is the draw still the one this ballot was checked against? The debate is held until the
    ballot is committed, so an organiser's edit of it waits for the ballot and then sees it
    (draws.edits.claim_edit); an edit that came first is noticed here. Answers, in the same
    statement, whether the debate's result is already confirmed (the receipt says so)."""
    try:
        if db.engine.dialect.name == "sqlite":
            # SQLite has no row locks: taking its write lock now does what FOR SHARE does below.
            db.session.execute(
                update(Round).where(Round.id == round_id).values(draw_version=Round.draw_version)
            )
        else:
            db.session.execute(
                select(Debate.id).where(Debate.id == debate_id).with_for_update(read=True)
            )
        current, confirmed = db.session.execute(
            select(Round.draw_version, _confirmed_exists(debate_id)).where(Round.id == round_id)
        ).one()
    except OperationalError as error:  # SQLite: the write lock did not come in time
        db.session.rollback()
        raise ServiceError("draw_changed") from error
    if current != checked:
        db.session.rollback()
        raise ServiceError("draw_changed")
    return bool(confirmed)


def _store_once(
    debate_id: int,
    adjudicator_id: int,
    tournament_id: int,
    submission: Submission,
    source: str,
    user: User | None,
    actor: str,
    confirmed: bool,
) -> Receipt:
    previous = current_ballot(debate_id, adjudicator_id)
    entered_by = user.id if user is not None else None
    if previous is not None and _same(previous, submission, source, entered_by):
        return _receipt(previous, created=False, confirmed=confirmed)
    version = (
        db.session.scalar(
            select(func.max(Ballot.version)).where(
                Ballot.debate_id == debate_id, Ballot.adjudicator_id == adjudicator_id
            )
        )
        or 0
    ) + 1
    if previous is not None:
        previous.status = "superseded"
        db.session.flush()
    ballot = Ballot(
        debate_id=debate_id,
        adjudicator_id=adjudicator_id,
        version=version,
        status="current",
        source=source,
        idempotency_key=submission.key,
        entered_by_id=entered_by,
        winner_side=submission.winner,
        ranks=dict(submission.ranks) if submission.ranks else None,
        advancing=list(submission.advancing) if submission.advancing else None,
        low_point_win=submission.low_point_win,
        comments=submission.comments,
        scores=[
            SpeakerScore(side=s.side, position=s.position, speaker_id=s.speaker_id, score=s.score)
            for s in submission.filled_speeches
        ],
    )
    db.session.add(ballot)
    db.session.flush()
    audit.record(
        tournament_id,
        "ballot_changed" if previous is not None else "ballot_submitted",
        user=user,
        actor=actor,
        debate_id=debate_id,
        adjudicator_id=adjudicator_id,
        ballot_id=ballot.id,
        version=version,
        source=source,
    )
    receipt = _receipt(ballot, created=True, confirmed=confirmed)  # before the commit expires it
    db.session.commit()
    return receipt


def _same(ballot: Ballot, submission: Submission, source: str, entered_by: int | None) -> bool:
    """Does the stored ballot say exactly what this submission says, from the same hands?"""
    return (
        ballot.source == source
        and ballot.entered_by_id == entered_by
        and _same_content(ballot, submission)
    )


def _same_content(ballot: Ballot, submission: Submission) -> bool:
    """Do the stored ballot and the submission give the same speeches, decision and comments?"""
    stored = {(s.side, s.position, s.speaker_id, Decimal(s.score)) for s in ballot.scores}
    sent = {(s.side, s.position, s.speaker_id, s.score) for s in submission.filled_speeches}
    return (
        stored == sent
        and ballot.winner_side == submission.winner
        and (ballot.ranks or None) == (dict(submission.ranks) if submission.ranks else None)
        and (ballot.advancing or None)
        == (list(submission.advancing) if submission.advancing else None)
        and ballot.low_point_win == submission.low_point_win
        and ballot.comments == submission.comments
    )


def _confirm_automatically(debate_id: int) -> None:
    """After the ballot is safely stored: never let auto-confirmation fail the judge's submit."""
    try:
        results.confirm_automatically(debate_id)
    except ServiceError as error:
        log.info("debate %s not auto-confirmed: %s", debate_id, error.code)
