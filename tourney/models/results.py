"""Ballots (versioned score sheets) and confirmed debate results."""

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
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tourney.extensions import db
from tourney.models._base import UTCDateTime, one_of, utcnow
from tourney.models.draw import SIDES, Debate
from tourney.models.participants import Adjudicator, Speaker
from tourney.scoring.results import DebateResult as Decision

BALLOT_STATUSES = ("current", "superseded", "discarded")
BALLOT_SOURCES = ("tablet", "paper")
RESULT_STATUSES = ("confirmed", "retracted")


class Ballot(db.Model):
    """One judge's score sheet for a debate (or the panel's consensus sheet).

    Every change is a new version; the newest is ``current``. The database keeps one current
    version per judge and debate, and one ballot per idempotency key, so a retried submit can
    never store a second copy.
    """

    __table_args__ = (
        UniqueConstraint("debate_id", "adjudicator_id", "version"),
        one_of("status", BALLOT_STATUSES),
        one_of("source", BALLOT_SOURCES),
        Index(
            "uq_ballot_one_current",
            "debate_id",
            "adjudicator_id",
            unique=True,
            sqlite_where=text("status = 'current'"),
            postgresql_where=text("status = 'current'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    debate_id: Mapped[int] = mapped_column(ForeignKey("debate.id", ondelete="CASCADE"), index=True)
    adjudicator_id: Mapped[int] = mapped_column(ForeignKey("adjudicator.id"))
    version: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = mapped_column(String(12), default="current")
    source: Mapped[str] = mapped_column(String(8), default="tablet")
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    # Who typed it: a tab-room user for paper ballots, NULL when the judge submitted it.
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Two-team formats: the winning side; BP: {"og": 1, ...} ranks in ``ranks``.
    winner_side: Mapped[str | None] = mapped_column(String(4))
    ranks: Mapped[dict[str, int] | None] = mapped_column(JSON)
    # A BP elimination ballot that only names the teams going through: their sides.
    advancing: Mapped[list[str] | None] = mapped_column(JSON)
    low_point_win: Mapped[bool] = mapped_column(Boolean, default=False)
    comments: Mapped[str] = mapped_column(Text, default="")

    debate: Mapped[Debate] = relationship()
    adjudicator: Mapped[Adjudicator] = relationship()
    scores: Mapped[list[SpeakerScore]] = relationship(
        back_populates="ballot", cascade="all, delete-orphan", order_by="SpeakerScore.id"
    )


class SpeakerScore(db.Model):
    __table_args__ = (
        UniqueConstraint("ballot_id", "side", "position"),
        one_of("side", SIDES),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ballot_id: Mapped[int] = mapped_column(ForeignKey("ballot.id", ondelete="CASCADE"), index=True)
    side: Mapped[str] = mapped_column(String(4))
    # Speech position code from the format: "1", "2", "3", "reply".
    position: Mapped[str] = mapped_column(String(8))
    speaker_id: Mapped[int] = mapped_column(ForeignKey("speaker.id"))
    score: Mapped[Decimal] = mapped_column(Numeric(6, 2))

    ballot: Mapped[Ballot] = relationship(back_populates="scores")
    speaker: Mapped[Speaker] = relationship()


class DebateResult(db.Model):
    """The confirmed outcome of a debate, decided by the scoring engine from its ballots.

    At most one confirmed result per debate, enforced by a partial unique index.
    """

    __table_args__ = (
        one_of("status", RESULT_STATUSES),
        Index(
            "uq_debate_result_one_confirmed",
            "debate_id",
            unique=True,
            sqlite_where=text("status = 'confirmed'"),
            postgresql_where=text("status = 'confirmed'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    debate_id: Mapped[int] = mapped_column(ForeignKey("debate.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(12), default="confirmed")
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    auto_confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    confirmed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ballot_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    # The engine's decision in its stored form (``scoring.DebateResult.to_dict``): read it as
    # ``outcome``, never by hand.
    decision: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    debate: Mapped[Debate] = relationship()

    @property
    def outcome(self) -> Decision:
        return Decision.from_dict(self.decision)
