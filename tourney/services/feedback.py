"""Adjudicator feedback: the questions, who owes feedback on whom, submitting, and the tab room's
views of it.

Feedback is given from a private link (a team's or a judge's) or typed in from paper by a clerk.
Like a ballot, every submission carries an idempotency key made where the form was filled in;
the key is bound to what was sent (a digest of the answers), so a retry stores nothing new and the
same key with other content is refused. A change is a new version; one version per (round,
source, target) is current, enforced by the database.

Privacy: nothing here is public. The only reads a private link makes are the duties and the
feedback *given* by that link's owner (``given_by``); feedback about a judge is read only by the
tab-room functions below.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from tourney.config import LANGUAGES
from tourney.extensions import db
from tourney.models import (
    Adjudicator,
    Debate,
    DebateAdjudicator,
    DebateTeam,
    Feedback,
    FeedbackQuestion,
    Round,
    Team,
    Tournament,
    User,
)
from tourney.models.draw import DRAW_PUBLIC
from tourney.models.feedback import FEEDBACK_PATHS, QUESTION_KINDS
from tourney.scoring import feedback as engine
from tourney.scoring.feedback import AnswerError
from tourney.services import audit
from tourney.services.errors import Conflict, ServiceError

KEY_PATTERN = re.compile(r"[A-Za-z0-9_-]{16,64}")
STORE_ATTEMPTS = 3
SCALE_LIMIT = 100

Source = Team | Adjudicator


class FeedbackRejected(ServiceError):
    """The answers have problems; nothing was stored."""

    def __init__(self, errors: Sequence[AnswerError]) -> None:
        super().__init__("feedback_invalid", count=len(errors))
        self.errors = list(errors)


# --------------------------------------------------------------------------- questions

_YES_NO_CLEAR = _l("Did the adjudicator explain the decision clearly?")
_AGREED = _l("Did the decision and its reasons match the debate as you saw it?")
_AGREED_CHOICES = (_l("Fully"), _l("Mostly"), _l("Partly"), _l("Not at all"))
DEFAULT_QUESTIONS: tuple[dict[str, Any], ...] = (
    {
        "text": _l("Overall, how good was this adjudicator's judging?"),
        "kind": "scale",
        "min_value": 1,
        "max_value": 10,
        "required": True,
        "rates": True,
        "paths": list(FEEDBACK_PATHS),
    },
    {
        "text": _YES_NO_CLEAR,
        "kind": "yesno",
        "required": True,
        "paths": ["team_on_chair"],
    },
    {
        "text": _AGREED,
        "kind": "choice",
        "choices": _AGREED_CHOICES,
        "paths": ["team_on_chair", "panellist_on_chair"],
    },
    {
        "text": _l("Did this adjudicator take a constructive part in the discussion?"),
        "kind": "yesno",
        "paths": ["chair_on_panellist", "panellist_on_chair"],
    },
    {
        "text": _l("Comments"),
        "kind": "text",
        "paths": list(FEEDBACK_PATHS),
    },
)


def _in_every_language(message: Any) -> dict[str, str]:
    """A lazy message in each interface language (stored, so a later reader of any language
    sees its own words)."""
    words = {}
    for language in LANGUAGES:
        with force_locale(language):
            words[language] = str(message)
    return words


def add_default_questions(tournament: Tournament) -> None:
    """The default form in Tajik, Russian and English (within the caller's transaction)."""
    for seq, spec in enumerate(DEFAULT_QUESTIONS, start=1):
        db.session.add(
            FeedbackQuestion(
                tournament=tournament,
                seq=seq,
                text=_in_every_language(spec["text"]),
                kind=spec["kind"],
                min_value=spec.get("min_value"),
                max_value=spec.get("max_value"),
                choices=[_in_every_language(c) for c in spec.get("choices", ())],
                required=spec.get("required", False),
                paths=list(spec["paths"]),
                rounds=[],
                rates=spec.get("rates", False),
                active=True,
            )
        )


def questions_of(tournament_id: int, *, active_only: bool = True) -> list[FeedbackQuestion]:
    query = select(FeedbackQuestion).where(FeedbackQuestion.tournament_id == tournament_id)
    if active_only:
        query = query.where(FeedbackQuestion.active.is_(True))
    return list(db.session.scalars(query.order_by(FeedbackQuestion.seq, FeedbackQuestion.id)))


def asked(
    questions: Iterable[FeedbackQuestion], path: str, round_seq: int
) -> list[FeedbackQuestion]:
    return [q for q in questions if q.asked(path, round_seq)]


def words(texts: Mapping[str, str], language: str) -> str:
    """A question's (or choice's) words in the reader's language, else any language it has."""
    return texts.get(language) or next((t for t in texts.values() if t), "")


@dataclass(frozen=True)
class QuestionData:
    """A question as the organiser typed it (in the organiser's own language)."""

    text: str
    kind: str
    required: bool = False
    min_value: int | None = None
    max_value: int | None = None
    choices: tuple[str, ...] = ()
    paths: tuple[str, ...] = ()
    rounds: tuple[int, ...] = ()
    rates: bool = False


def _check_question(data: QuestionData) -> None:
    if not data.text.strip() or len(data.text) > 500:
        raise ServiceError("question_text")
    if data.kind not in QUESTION_KINDS:
        raise ServiceError("question_kind")
    if not data.paths or any(p not in FEEDBACK_PATHS for p in data.paths):
        raise ServiceError("question_paths")
    if data.kind == "scale":
        low, high = data.min_value, data.max_value
        if low is None or high is None or not (0 <= low < high <= SCALE_LIMIT):
            raise ServiceError("question_scale", limit=SCALE_LIMIT)
    if data.kind == "choice" and (
        len(data.choices) < 2 or any(not c.strip() for c in data.choices)
    ):
        raise ServiceError("question_choices")
    if data.rates and data.kind != "scale":
        raise ServiceError("question_rates_scale")


def save_question(
    tournament: Tournament,
    question: FeedbackQuestion | None,
    data: QuestionData,
    language: str,
    user: User,
) -> FeedbackQuestion:
    """Add a question (``question`` None) or change one; a question already answered keeps its
    kind and range, so earlier answers keep their meaning."""
    _check_question(data)
    if (
        question is not None
        and _answered(question)
        and (
            question.kind != data.kind
            or (question.min_value, question.max_value) != (data.min_value, data.max_value)
            or len(question.choices) != len(data.choices)
        )
    ):
        raise ServiceError("question_answered")
    if question is None:
        seq = db.session.scalar(
            select(func.max(FeedbackQuestion.seq)).where(
                FeedbackQuestion.tournament_id == tournament.id
            )
        )
        question = FeedbackQuestion(tournament=tournament, seq=(seq or 0) + 1, active=True)
        db.session.add(question)
    if data.rates:  # one question gives the score
        for other in questions_of(tournament.id):
            if other is not question:
                other.rates = False
    question.text = {**(question.text or {}), language: data.text.strip()}
    question.kind = data.kind
    question.required = data.required
    question.min_value = data.min_value if data.kind == "scale" else None
    question.max_value = data.max_value if data.kind == "scale" else None
    old = question.choices or []
    question.choices = [
        {**(old[i] if i < len(old) else {}), language: c.strip()}
        for i, c in enumerate(data.choices if data.kind == "choice" else ())
    ]
    question.paths = list(data.paths)
    question.rounds = sorted(set(data.rounds))
    question.rates = data.rates
    db.session.flush()
    audit.record(tournament.id, "feedback_question_saved", user=user, question_id=question.id)
    db.session.commit()
    return question


def remove_question(question: FeedbackQuestion, user: User) -> None:
    """Delete an unanswered question; retire an answered one (its answers stay readable)."""
    tournament_id = question.tournament_id
    if _answered(question):
        question.active = False
        question.rates = False
    else:
        db.session.delete(question)
    audit.record(tournament_id, "feedback_question_removed", user=user, question_id=question.id)
    db.session.commit()


def _answered(question: FeedbackQuestion) -> bool:
    if question.id is None:
        return False
    rows = db.session.scalars(
        select(Feedback.answers).join(Round).where(Round.tournament_id == question.tournament_id)
    )
    return any(str(question.id) in (answers or {}) for answers in rows)


def _engine_questions(questions: Sequence[FeedbackQuestion]) -> list[engine.Question]:
    return [
        engine.Question(
            id=q.id,
            kind=q.kind,
            required=q.required,
            min_value=q.min_value,
            max_value=q.max_value,
            choices=len(q.choices or ()),
            rates=q.rates,
        )
        for q in questions
    ]


@dataclass(frozen=True)
class QuestionView:
    """A question as a form shows it, in the reader's language."""

    id: int
    kind: str
    label: str
    required: bool
    min_value: int | None
    max_value: int | None
    choices: list[tuple[int, str]]
    max_length: int = engine.TEXT_MAX

    @property
    def name(self) -> str:
        return f"q.{self.id}"


def question_views(questions: Sequence[FeedbackQuestion], language: str) -> list[QuestionView]:
    return [
        QuestionView(
            q.id,
            q.kind,
            words(q.text, language),
            q.required,
            q.min_value,
            q.max_value,
            [(i, words(c, language)) for i, c in enumerate(q.choices or [])],
        )
        for q in questions
    ]


# --------------------------------------------------------------------------- who owes whom


@dataclass(frozen=True)
class Duty:
    """One piece of feedback owed: ``source_key`` on ``target`` about one debate."""

    round_id: int
    round_seq: int
    round_name: str
    debate_id: int
    path: str
    target_id: int
    target_name: str
    source_key: str
    source_name: str

    @property
    def form_id(self) -> str:
        return f"{self.debate_id}-{self.target_id}"


def _debates(where: Any) -> list[Debate]:
    """Debates of public rounds matching ``where``, with what the forms show."""
    return list(
        db.session.scalars(
            select(Debate)
            .join(Round)
            .where(where, Round.status.in_(DRAW_PUBLIC))
            .options(
                selectinload(Debate.round),
                selectinload(Debate.venue),
                selectinload(Debate.teams).selectinload(DebateTeam.team),
                selectinload(Debate.adjudicators).selectinload(DebateAdjudicator.adjudicator),
            )
            .order_by(Round.seq, Debate.position)
        )
    )


def _duties_in(debate: Debate, questions: Sequence[FeedbackQuestion]) -> list[Duty]:
    round_ = debate.round
    chair = next((s.adjudicator for s in debate.adjudicators if s.role == "chair"), None)
    others = [s for s in debate.adjudicators if s.role != "chair"]
    pairs: list[tuple[str, str, str, Adjudicator]] = []
    if chair is not None:
        pairs += [
            ("team_on_chair", f"team:{dt.team_id}", dt.team.name, chair) for dt in debate.teams
        ]
        pairs += [
            ("panellist_on_chair", f"judge:{s.adjudicator_id}", s.adjudicator.name, chair)
            for s in others
            if s.role == "panellist"
        ]
        pairs += [
            ("chair_on_panellist", f"judge:{chair.id}", chair.name, s.adjudicator) for s in others
        ]
    return [
        Duty(
            round_.id,
            round_.seq,
            round_.name,
            debate.id,
            path,
            target.id,
            target.name,
            source_key,
            source_name,
        )
        for path, source_key, source_name, target in pairs
        if asked(questions, path, round_.seq)
    ]


def source_key_of(source: Source) -> str:
    return f"team:{source.id}" if isinstance(source, Team) else f"judge:{source.id}"


def _debates_of(source: Source) -> list[Debate]:
    if isinstance(source, Team):
        mine = select(DebateTeam.debate_id).where(DebateTeam.team_id == source.id)
    else:
        mine = select(DebateAdjudicator.debate_id).where(
            DebateAdjudicator.adjudicator_id == source.id
        )
    return _debates(Debate.id.in_(mine))


@dataclass
class DebateForms:
    """A debate on a private link with the feedback its owner gives in it."""

    debate: Debate
    duties: list[Duty] = field(default_factory=list)


def forms_of(source: Source) -> list[DebateForms]:
    """The source's debates in public rounds (newest first) and the feedback it owes in each."""
    questions = questions_of(source.tournament_id)
    key = source_key_of(source)
    shown = []
    for debate in _debates_of(source):
        duties = [d for d in _duties_in(debate, questions) if d.source_key == key]
        shown.append(DebateForms(debate, duties))
    return shown[::-1]


def given_by(source: Source) -> dict[tuple[int, int], Feedback]:
    """The source's own current feedback by (debate, target): what its link may show back."""
    rows = db.session.scalars(
        select(Feedback).where(
            Feedback.source_key == source_key_of(source), Feedback.status == "current"
        )
    )
    return {(f.debate_id, f.target_id): f for f in rows}


def duties_of_round(round_: Round) -> list[Duty]:
    questions = questions_of(round_.tournament_id)
    return [d for debate in _debates(Round.id == round_.id) for d in _duties_in(debate, questions)]


# --------------------------------------------------------------------------- submitting


@dataclass(frozen=True)
class FeedbackSubmission:
    debate_id: int
    target_id: int
    key: str
    answers: Mapping[str, Any]


@dataclass(frozen=True)
class Receipt:
    feedback_id: int
    version: int
    submitted_at: datetime
    created: bool


def submit_from_link(source: Source, submission: FeedbackSubmission) -> Receipt:
    """Feedback sent from the source's private link."""
    return _submit(source_key_of(source), source.tournament_id, submission, user=None)


def enter_paper(
    user: User, tournament: Tournament, source_key: str, sub: FeedbackSubmission
) -> Receipt:
    """A paper feedback form typed in by a clerk, on behalf of the source it names."""
    return _submit(source_key, tournament.id, sub, user=user)


def questions_for(duty: Duty, questions: Sequence[FeedbackQuestion]) -> list[FeedbackQuestion]:
    return asked(questions, duty.path, duty.round_seq)


def _duty(source_key: str, tournament_id: int, submission: FeedbackSubmission) -> Duty:
    debate = db.session.get(Debate, submission.debate_id)
    if debate is None or debate.round.tournament_id != tournament_id:
        raise ServiceError("feedback_not_owed")
    if not debate.round.draw_public:
        raise ServiceError("round_not_released")
    questions = questions_of(tournament_id)
    for duty in _duties_in(debate, questions):
        if duty.source_key == source_key and duty.target_id == submission.target_id:
            return duty
    raise ServiceError("feedback_not_owed")


def _digest(submission: FeedbackSubmission, answers: Mapping[str, Any]) -> str:
    sent = {"debate": submission.debate_id, "target": submission.target_id, "answers": answers}
    return hashlib.sha256(json.dumps(sent, sort_keys=True).encode()).hexdigest()


def _receipt(feedback: Feedback, created: bool) -> Receipt:
    return Receipt(feedback.id, feedback.version, feedback.submitted_at, created)


def _known(key: str, source_key: str, digest: str) -> Receipt | None:
    stored = db.session.scalar(select(Feedback).where(Feedback.idempotency_key == key))
    if stored is None:
        return None
    if stored.source_key != source_key or stored.digest != digest:
        raise ServiceError("key_reused")
    return _receipt(stored, created=False)


def _submit(
    source_key: str, tournament_id: int, submission: FeedbackSubmission, user: User | None
) -> Receipt:
    if not KEY_PATTERN.fullmatch(submission.key or ""):
        raise ServiceError("key_invalid")
    duty = _duty(source_key, tournament_id, submission)
    questions = _engine_questions(asked(questions_of(tournament_id), duty.path, duty.round_seq))
    answers, errors = engine.check_answers(questions, submission.answers)
    if errors:
        raise FeedbackRejected(errors)
    digest = _digest(submission, answers)
    for _attempt in range(STORE_ATTEMPTS):
        known = _known(submission.key, source_key, digest)
        if known is not None:
            return known
        try:
            return _store_once(
                duty, submission.key, digest, answers, questions, user, tournament_id
            )
        except IntegrityError:
            db.session.rollback()  # a concurrent retry or version: look again
    raise Conflict(debate=submission.debate_id)


def _store_once(
    duty: Duty,
    key: str,
    digest: str,
    answers: dict[str, Any],
    questions: list[engine.Question],
    user: User | None,
    tournament_id: int,
) -> Receipt:
    mine = (
        Feedback.round_id == duty.round_id,
        Feedback.source_key == duty.source_key,
        Feedback.target_id == duty.target_id,
    )
    previous = db.session.scalar(select(Feedback).where(*mine, Feedback.status == "current"))
    source = "paper" if user is not None else "link"
    if previous is not None and previous.answers == answers and previous.source == source:
        return _receipt(previous, created=False)
    version = (db.session.scalar(select(func.max(Feedback.version)).where(*mine)) or 0) + 1
    if previous is not None:
        previous.status = "superseded"
        db.session.flush()
    kind, _, source_id = duty.source_key.partition(":")
    stored = Feedback(
        round_id=duty.round_id,
        debate_id=duty.debate_id,
        target_id=duty.target_id,
        source_team_id=int(source_id) if kind == "team" else None,
        source_adjudicator_id=int(source_id) if kind == "judge" else None,
        source_key=duty.source_key,
        path=duty.path,
        version=version,
        status="current",
        source=source,
        idempotency_key=key,
        digest=digest,
        entered_by_id=user.id if user is not None else None,
        score=engine.score_of(questions, answers),
        answers=answers,
    )
    db.session.add(stored)
    db.session.flush()
    audit.record(
        tournament_id,
        "feedback_changed" if previous is not None else "feedback_submitted",
        user=user,
        actor="" if user is not None else duty.source_key,
        feedback_id=stored.id,
        round=duty.round_seq,
        version=version,
    )
    receipt = _receipt(stored, created=True)
    db.session.commit()
    return receipt


# --------------------------------------------------------------------------- the tab room


@dataclass(frozen=True)
class ProgressRow:
    duty: Duty
    feedback: Feedback | None


def progress(round_: Round) -> list[ProgressRow]:
    """Every piece of feedback owed in the round, with what has arrived."""
    current = {
        (f.source_key, f.target_id, f.debate_id): f
        for f in db.session.scalars(
            select(Feedback).where(Feedback.round_id == round_.id, Feedback.status == "current")
        )
    }
    return [
        ProgressRow(d, current.get((d.source_key, d.target_id, d.debate_id)))
        for d in duties_of_round(round_)
    ]


def current_feedback(
    tournament_id: int,
    *,
    round_seq: int | None = None,
    path: str | None = None,
    target_id: int | None = None,
) -> list[Feedback]:
    query = (
        select(Feedback)
        .join(Round, Round.id == Feedback.round_id)
        .where(Round.tournament_id == tournament_id, Feedback.status == "current")
        .options(
            selectinload(Feedback.round),
            selectinload(Feedback.target),
            selectinload(Feedback.source_team),
            selectinload(Feedback.source_adjudicator),
        )
        .order_by(Round.seq, Feedback.id)
    )
    if round_seq is not None:
        query = query.where(Round.seq == round_seq)
    if path is not None:
        query = query.where(Feedback.path == path)
    if target_id is not None:
        query = query.where(Feedback.target_id == target_id)
    return list(db.session.scalars(query))


def source_name(feedback: Feedback) -> str:
    if feedback.source_team is not None:
        return feedback.source_team.name
    return feedback.source_adjudicator.name if feedback.source_adjudicator else ""


@dataclass
class JudgeSummary:
    adjudicator: Adjudicator
    scores: list[Decimal] = field(default_factory=list)
    by_round: dict[int, list[Decimal]] = field(default_factory=dict)
    comments: list[tuple[Feedback, str]] = field(default_factory=list)
    count: int = 0

    @property
    def mean(self) -> Decimal | None:
        return _mean(self.scores)

    @property
    def trend(self) -> list[tuple[int, Decimal | None]]:
        """The mean score of each round with feedback, in round order."""
        return [(seq, _mean(scores)) for seq, scores in sorted(self.by_round.items())]


def _mean(scores: Sequence[Decimal]) -> Decimal | None:
    if not scores:
        return None
    return (sum(scores, Decimal(0)) / len(scores)).quantize(engine.CENT, rounding=ROUND_HALF_UP)


def summaries(
    tournament: Tournament, *, round_seq: int | None = None, path: str | None = None
) -> list[JudgeSummary]:
    """Per judge: mean score, count, the trend by round, and the comments (text answers)."""
    text_questions = {
        str(q.id) for q in questions_of(tournament.id, active_only=False) if q.kind == "text"
    }
    judges = db.session.scalars(
        select(Adjudicator).where(Adjudicator.tournament_id == tournament.id)
    ).all()
    by_judge = {j.id: JudgeSummary(j) for j in judges}
    for f in current_feedback(tournament.id, round_seq=round_seq, path=path):
        summary = by_judge[f.target_id]
        summary.count += 1
        if f.score is not None:
            summary.scores.append(f.score)
            summary.by_round.setdefault(f.round.seq, []).append(f.score)
        for question_id, answer in f.answers.items():
            if question_id in text_questions and answer:
                summary.comments.append((f, answer))
    return sorted(
        by_judge.values(), key=lambda s: (s.mean is None, -(s.mean or 0), s.adjudicator.name)
    )


def answer_text(question: FeedbackQuestion, answer: Any, language: str) -> str:
    """An answer as words, for the tab room and the CSV."""
    if answer is None:
        return ""
    if question.kind == "yesno":
        return _("yes") if answer else _("no")
    if question.kind == "choice":
        choices = question.choices or []
        return words(choices[answer], language) if 0 <= answer < len(choices) else str(answer)
    return str(answer)


def csv_rows(tournament: Tournament, language: str) -> tuple[list[str], list[list[str]]]:
    """Every current feedback as a spreadsheet row (one column per question)."""
    questions = questions_of(tournament.id, active_only=False)
    header = [
        _("Round"),
        _("Adjudicator"),
        _("From"),
        _("Who answered"),
        _("Score (0–10)"),
        _("Version"),
        _("Source"),
        _("Submitted"),
    ] + [words(q.text, language) for q in questions]
    rows = []
    for f in current_feedback(tournament.id):
        rows.append(
            [
                str(f.round.seq),
                f.target.name,
                source_name(f),
                path_label(f.path),
                "" if f.score is None else f"{f.score:f}",
                str(f.version),
                _("paper") if f.source == "paper" else _("private link"),
                f.submitted_at.isoformat(timespec="seconds"),
            ]
            + [answer_text(q, f.answers.get(str(q.id)), language) for q in questions]
        )
    return header, rows


PATH_LABELS = {
    "team_on_chair": _l("Team on the chair"),
    "chair_on_panellist": _l("Chair on a panellist"),
    "panellist_on_chair": _l("Panellist on the chair"),
}


def path_label(path: str) -> str:
    return str(PATH_LABELS[path])
