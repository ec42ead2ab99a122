"""Institutions, teams and speakers, adjudicators and their conflicts, and venues."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    UniqueConstraint,
    false,
)
from sqlalchemy.engine.default import DefaultExecutionContext
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from tourney.extensions import db
from tourney.models._base import one_of
from tourney.models.championship import Championship, Division, Region, Tournament
from tourney.text import name_key

ADJUDICATOR_ROLES = ("any", "wing", "trainee")

# Case folding may lengthen a name (ß → ss, at most threefold); revision 0011 may add a suffix.
NAME_KEY_LENGTH = 800
CLASH_SEPARATOR = "\x1f"  # revision 0011: an older duplicate's key is key + this + its id


def _key_of_inserted_name(context: DefaultExecutionContext) -> str:
    """A row inserted without its key (a restored backup) gets the key of its name."""
    return name_key(context.get_current_parameters()["name"])


class NameKeyed:
    """A record whose name is unique in its scope as ``tourney.text.name_key`` compares names
    (case, look-alike letters): the key is stored, so a unique index settles two requests
    adding "Team A" and "TEAM А" at the same moment. Set on every write of ``name``."""

    name_key: Mapped[str] = mapped_column(
        String(NAME_KEY_LENGTH), default=_key_of_inserted_name, server_default=""
    )

    @validates("name")
    def _set_name_key(self, _attribute: str, value: str) -> str:
        self.name_key = name_key(value)
        return value


class Institution(NameKeyed, db.Model):
    """A school or university; shared by every stage of a championship."""

    __table_args__ = (
        UniqueConstraint("championship_id", "name"),
        Index("uq_institution_name_key", "championship_id", "name_key", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    championship_id: Mapped[int] = mapped_column(ForeignKey("championship.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    short_name: Mapped[str] = mapped_column(String(60), default="")
    region_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"))

    championship: Mapped[Championship] = relationship(back_populates="institutions")
    region: Mapped[Region | None] = relationship()


class Team(NameKeyed, db.Model):
    __table_args__ = (
        UniqueConstraint("tournament_id", "name"),
        Index("uq_team_name_key", "tournament_id", "name_key", unique=True),
        UniqueConstraint("tournament_id", "code"),
        Index("uq_team_token", "token", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    tournament_id: Mapped[int] = mapped_column(ForeignKey("tournament.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    # Short public code, e.g. "DU-03"; unique within the tournament.
    code: Mapped[str] = mapped_column(String(20))
    institution_id: Mapped[int | None] = mapped_column(ForeignKey("institution.id"))
    division_id: Mapped[int | None] = mapped_column(ForeignKey("division.id"))
    needs_access: Mapped[bool] = mapped_column(Boolean, default=False)
    # A swing team fills a four-team room: it debates, but never ranks or breaks.
    is_swing: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # The team's private feedback link (like a judge's): >= 128 random bits; NULL = none/revoked.
    token: Mapped[str | None] = mapped_column(String(64))

    tournament: Mapped[Tournament] = relationship()
    institution: Mapped[Institution | None] = relationship()
    division: Mapped[Division | None] = relationship()
    speakers: Mapped[list[Speaker]] = relationship(
        back_populates="team", order_by="Speaker.position", cascade="all, delete-orphan"
    )

    @property
    def region(self) -> Region | None:
        return self.institution.region if self.institution else None


class Speaker(db.Model):
    __table_args__ = (UniqueConstraint("team_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    # Order on the team sheet (1, 2, 3); speech order in a debate is chosen on the ballot.
    position: Mapped[int] = mapped_column(Integer)
    # Speaker-tab category, e.g. "school" or "university" (empty = none).
    category: Mapped[str] = mapped_column(String(40), default="")

    team: Mapped[Team] = relationship(back_populates="speakers")


class Adjudicator(NameKeyed, db.Model):
    __table_args__ = (
        UniqueConstraint("tournament_id", "name"),
        Index("uq_adjudicator_name_key", "tournament_id", "name_key", unique=True),
        one_of("role", ADJUDICATOR_ROLES),
        CheckConstraint("rating >= 0 AND rating <= 10", name="rating_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    tournament_id: Mapped[int] = mapped_column(ForeignKey("tournament.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    institution_id: Mapped[int | None] = mapped_column(ForeignKey("institution.id"))
    region_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"))
    rating: Mapped[Decimal] = mapped_column(Numeric(4, 2), default=Decimal("5"))
    role: Mapped[str] = mapped_column(String(10), default="any")
    needs_access: Mapped[bool] = mapped_column(Boolean, default=False)
    # The private ballot link: a random token of >= 128 bits; NULL when revoked.
    token: Mapped[str | None] = mapped_column(String(64), unique=True)

    tournament: Mapped[Tournament] = relationship()
    institution: Mapped[Institution | None] = relationship()
    region: Mapped[Region | None] = relationship()
    team_conflicts: Mapped[list[Team]] = relationship(secondary="adjudicator_team_conflict")
    institution_conflicts: Mapped[list[Institution]] = relationship(
        secondary="adjudicator_institution_conflict"
    )


class AdjudicatorTeamConflict(db.Model):
    adjudicator_id: Mapped[int] = mapped_column(
        ForeignKey("adjudicator.id", ondelete="CASCADE"), primary_key=True
    )
    team_id: Mapped[int] = mapped_column(
        ForeignKey("team.id", ondelete="CASCADE"), primary_key=True
    )


class AdjudicatorInstitutionConflict(db.Model):
    adjudicator_id: Mapped[int] = mapped_column(
        ForeignKey("adjudicator.id", ondelete="CASCADE"), primary_key=True
    )
    institution_id: Mapped[int] = mapped_column(
        ForeignKey("institution.id", ondelete="CASCADE"), primary_key=True
    )


class Venue(NameKeyed, db.Model):
    """A room where a debate takes place."""

    NO_PRIORITY = 1000  # left blank: after every ranked room (priorities are 1..999)

    __table_args__ = (
        UniqueConstraint("tournament_id", "name"),
        Index("uq_venue_name_key", "tournament_id", "name_key", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    tournament_id: Mapped[int] = mapped_column(ForeignKey("tournament.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    building: Mapped[str] = mapped_column(String(120), default="")
    # Lower is better: the most important debates go to priority-1 rooms when asked.
    priority: Mapped[int] = mapped_column(Integer, default=1)
    accessible: Mapped[bool] = mapped_column(Boolean, default=True)

    tournament: Mapped[Tournament] = relationship()

    @property
    def has_priority(self) -> bool:
        return self.priority != self.NO_PRIORITY
