"""Adjudicator feedback: the tournament's questions and the versioned answers given in a round."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tourney.extensions import db
from tourney.models._base import UTCDateTime, one_of, utcnow
from tourney.models.championship import Tournament
from tourney.models.draw import Debate, Round
from tourney.models.participants import Adjudicator, Team

QUESTION_KINDS = ("scale", "yesno", "choice", "text")
FEEDBACK_PATHS = ("team_on_chair", "chair_on_panellist", "panellist_on_chair")
"""Who answers about whom: a team on its debate's chair, the chair on the other judges of the
panel (panellists and trainees), a panellist on the chair."""
FEEDBACK_STATUSES = ("current", "superseded")
FEEDBACK_SOURCES = ("link", "paper")


class FeedbackQuestion(db.Model):
    """One question of the tournament's feedback form.

    ``text`` and each entry of ``choices`` are ``{language: words}`` (the default set is stored in
    Tajik, Russian and English; an organiser's own question may have one language only). A
    question already answered is retired (``active`` false), never deleted, so old answers keep
    their meaning.
    """

    __table_args__ = (one_of("kind", QUESTION_KINDS),)

    id: Mapped[int] = mapped_column(primary_key=True)
    tournament_id: Mapped[int] = mapped_column(ForeignKey("tournament.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer, default=1)
    text: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    kind: Mapped[str] = mapped_column(String(8))
    min_value: Mapped[int | None] = mapped_column(Integer)
    max_value: Mapped[int | None] = mapped_column(Integer)
    choices: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    required: Mapped[bool] = mapped_column(Boolean, default=False)
    paths: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Round numbers (seq) the question is asked in; empty = every round.
    rounds: Mapped[list[int]] = mapped_column(JSON, default=list)
    # The answer to this scale question is the feedback's score (what the rating blends in).
    rates: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    tournament: Mapped[Tournament] = relationship()

    def asked(self, path: str, round_seq: int) -> bool:
        return self.active and path in self.paths and (not self.rounds or round_seq in self.rounds)


class Feedback(db.Model):
    """One source's feedback on one adjudicator in one round; every change is a new version.

    ``source_key`` names the giver ("team:12", "judge:5") so the database can keep one current
    version per (round, source, target), and one row per idempotency key.
    """

    __table_args__ = (
        UniqueConstraint("round_id", "source_key", "target_id", "version"),
        one_of("status", FEEDBACK_STATUSES),
        one_of("source", FEEDBACK_SOURCES),
        one_of("path", FEEDBACK_PATHS),
        Index(
            "uq_feedback_one_current",
            "round_id",
            "source_key",
            "target_id",
            unique=True,
            sqlite_where=text("status = 'current'"),
            postgresql_where=text("status = 'current'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"), index=True)
    debate_id: Mapped[int] = mapped_column(ForeignKey("debate.id", ondelete="CASCADE"))
    target_id: Mapped[int] = mapped_column(ForeignKey("adjudicator.id"), index=True)
    source_team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"))
    source_adjudicator_id: Mapped[int | None] = mapped_column(ForeignKey("adjudicator.id"))
    source_key: Mapped[str] = mapped_column(String(24))
    path: Mapped[str] = mapped_column(String(20))
    version: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = mapped_column(String(12), default="current")
    source: Mapped[str] = mapped_column(String(8), default="link")
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    # SHA-256 of what was sent under the key: the same key with other content is refused.
    digest: Mapped[str] = mapped_column(String(64))
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The rating question's answer on the 0–10 rating scale; NULL when it was not answered.
    score: Mapped[Decimal | None] = mapped_column(Numeric(4, 2))
    # {question id (text): answer} — int for scale, bool for yes/no, choice index, text.
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    round: Mapped[Round] = relationship()
    debate: Mapped[Debate] = relationship()
    target: Mapped[Adjudicator] = relationship(foreign_keys=[target_id])
    source_team: Mapped[Team | None] = relationship()
    source_adjudicator: Mapped[Adjudicator | None] = relationship(
        foreign_keys=[source_adjudicator_id]
    )
