"""Rounds, motions, and the draw: debates, their teams and sides, byes, panels and absences."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
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
from tourney.models._base import EnumText, UTCDateTime, one_of
from tourney.models.championship import Division, Tournament
from tourney.models.participants import Adjudicator, Team, Venue

ROUND_KINDS = ("prelim", "elimination")
DRAW_TYPES = ("random", "power", "elimination")


class RoundStatus(StrEnum):
    """A round's life cycle: setup → drawn (draft) → released (public) → closed (results in)."""

    SETUP = "setup"
    DRAWN = "drawn"
    RELEASED = "released"
    CLOSED = "closed"


ROUND_STATUSES = tuple(status.value for status in RoundStatus)
DRAW_PUBLIC = (RoundStatus.RELEASED, RoundStatus.CLOSED)
"""The draw is public: released, or closed with its results in."""
DRAW_EDITABLE = (RoundStatus.DRAWN, RoundStatus.RELEASED)
"""The draw can be edited: a draft, or released until a debate's ballot arrives."""
BEFORE_RELEASE = (RoundStatus.SETUP, RoundStatus.DRAWN)
"""Nothing is public yet: the draw can be generated again, the motion and attendance changed."""
SIDES = ("aff", "neg", "og", "oo", "cg", "co")
PANEL_ROLES = ("chair", "panellist", "trainee")


class Round(db.Model):
    __table_args__ = (
        UniqueConstraint("tournament_id", "seq"),
        one_of("kind", ROUND_KINDS),
        one_of("draw_type", DRAW_TYPES),
        one_of("status", ROUND_STATUSES),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    tournament_id: Mapped[int] = mapped_column(ForeignKey("tournament.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(16), default="prelim")
    draw_type: Mapped[str] = mapped_column(String(16), default="power")
    status: Mapped[RoundStatus] = mapped_column(
        EnumText(RoundStatus, 16), default=RoundStatus.SETUP
    )
    break_category_id: Mapped[int | None] = mapped_column(ForeignKey("break_category.id"))
    panel_size: Mapped[int] = mapped_column(Integer, default=1)
    # Bumped on every change of the draw; guards against two tab-room screens editing at once.
    draw_version: Mapped[int] = mapped_column(Integer, default=0)
    allocated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    draw_released_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    results_released_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # How much the mean feedback score counts in a judge's rating when this round is allocated
    # (0 = the base rating only, 1 = feedback only); set by the tab director.
    feedback_weight: Mapped[Decimal] = mapped_column(
        Numeric(3, 2), default=Decimal(0), server_default=text("0")
    )

    tournament: Mapped[Tournament] = relationship()
    motions: Mapped[list[Motion]] = relationship(
        back_populates="round", order_by="Motion.id", cascade="all, delete-orphan"
    )
    debates: Mapped[list[Debate]] = relationship(
        back_populates="round", order_by="Debate.position", cascade="all, delete-orphan"
    )
    byes: Mapped[list[Bye]] = relationship(back_populates="round", cascade="all, delete-orphan")

    @property
    def is_setup(self) -> bool:
        return self.status == RoundStatus.SETUP

    @property
    def is_drawn(self) -> bool:
        """A draft draw exists and is not public yet."""
        return self.status == RoundStatus.DRAWN

    @property
    def is_released(self) -> bool:
        return self.status == RoundStatus.RELEASED

    @property
    def is_closed(self) -> bool:
        return self.status == RoundStatus.CLOSED

    @property
    def before_release(self) -> bool:
        return self.status in BEFORE_RELEASE

    @property
    def draw_public(self) -> bool:
        return self.status in DRAW_PUBLIC

    @property
    def draw_editable(self) -> bool:
        return self.status in DRAW_EDITABLE

    def motion_for(self, debate: Debate) -> Motion | None:
        """The motion this debate gets, on the judge's page and on paper alike: its teams'
        division's motion (a round may set one per language league), else the round's general
        motion, else the round's first motion."""
        divisions = {dt.team.division_id for dt in debate.teams} - {None}
        return (
            next((m for m in self.motions if m.division_id in divisions), None)
            or next((m for m in self.motions if m.division_id is None), None)
            or next(iter(self.motions), None)
        )


class Motion(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"), index=True)
    division_id: Mapped[int | None] = mapped_column(ForeignKey("division.id"))
    text: Mapped[str] = mapped_column(Text)
    info_slide: Mapped[str] = mapped_column(Text, default="")

    round: Mapped[Round] = relationship(back_populates="motions")
    division: Mapped[Division | None] = relationship()


class Debate(db.Model):
    __table_args__ = (
        UniqueConstraint("round_id", "position"),
        UniqueConstraint("round_id", "venue_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"), index=True)
    # Order on the draw (bracket order in eliminations).
    position: Mapped[int] = mapped_column(Integer)
    venue_id: Mapped[int | None] = mapped_column(ForeignKey("venue.id"))
    bracket: Mapped[int] = mapped_column(Integer, default=0)
    importance: Mapped[int] = mapped_column(Integer, default=0)
    # Why the engine paired these teams: cost tiers and structured reasons.
    explanation: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    round: Mapped[Round] = relationship(back_populates="debates")
    venue: Mapped[Venue | None] = relationship()
    teams: Mapped[list[DebateTeam]] = relationship(
        back_populates="debate", cascade="all, delete-orphan", order_by="DebateTeam.id"
    )
    adjudicators: Mapped[list[DebateAdjudicator]] = relationship(
        back_populates="debate", cascade="all, delete-orphan", order_by="DebateAdjudicator.id"
    )

    def team_on(self, side: str) -> Team | None:
        return next((dt.team for dt in self.teams if dt.side == side), None)


class DebateTeam(db.Model):
    """A team's seat in a debate. ``round_id`` is repeated so the database can forbid a team twice."""

    __table_args__ = (
        UniqueConstraint("debate_id", "side"),
        UniqueConstraint("round_id", "team_id"),
        one_of("side", SIDES),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    debate_id: Mapped[int] = mapped_column(ForeignKey("debate.id", ondelete="CASCADE"), index=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"))
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id"), index=True)
    side: Mapped[str] = mapped_column(String(4))

    debate: Mapped[Debate] = relationship(back_populates="teams")
    team: Mapped[Team] = relationship()


class Bye(db.Model):
    """A team that advances (or scores a win) without debating this round."""

    __table_args__ = (UniqueConstraint("round_id", "team_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"), index=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id"))

    round: Mapped[Round] = relationship(back_populates="byes")
    team: Mapped[Team] = relationship()


class DebateAdjudicator(db.Model):
    __table_args__ = (
        UniqueConstraint("round_id", "adjudicator_id"),
        one_of("role", PANEL_ROLES),
        Index(
            "uq_debate_adjudicator_one_chair",
            "debate_id",
            unique=True,
            sqlite_where=text("role = 'chair'"),
            postgresql_where=text("role = 'chair'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    debate_id: Mapped[int] = mapped_column(ForeignKey("debate.id", ondelete="CASCADE"), index=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"))
    adjudicator_id: Mapped[int] = mapped_column(ForeignKey("adjudicator.id"), index=True)
    role: Mapped[str] = mapped_column(String(10))

    debate: Mapped[Debate] = relationship(back_populates="adjudicators")
    adjudicator: Mapped[Adjudicator] = relationship()


class RoundAbsence(db.Model):
    """A team, adjudicator or room marked absent for a round (everyone is present by default)."""

    __table_args__ = (
        CheckConstraint(
            "CAST(team_id IS NOT NULL AS INTEGER) + CAST(adjudicator_id IS NOT NULL AS INTEGER)"
            " + CAST(venue_id IS NOT NULL AS INTEGER) = 1",
            name="exactly_one_subject",
        ),
        UniqueConstraint("round_id", "team_id"),
        UniqueConstraint("round_id", "adjudicator_id"),
        UniqueConstraint("round_id", "venue_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"), index=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"))
    adjudicator_id: Mapped[int | None] = mapped_column(
        ForeignKey("adjudicator.id", ondelete="CASCADE")
    )
    venue_id: Mapped[int | None] = mapped_column(ForeignKey("venue.id", ondelete="CASCADE"))
