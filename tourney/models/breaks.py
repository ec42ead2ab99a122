"""Break categories, which teams may break in them, who broke, and qualification to the final."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tourney.extensions import db
from tourney.models._base import one_of
from tourney.models.championship import Championship, Tournament
from tourney.models.participants import Team

QUALIFICATION_STATUSES = ("proposed", "confirmed", "declined")
QUALIFICATION_ROUTES = ("top_k", "wildcard", "alternate")


class BreakCategory(db.Model):
    """E.g. Open, School, Russian league. A team eligible for several breaks in the lowest priority."""

    __table_args__ = (UniqueConstraint("tournament_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    tournament_id: Mapped[int] = mapped_column(ForeignKey("tournament.id"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(120))
    size: Mapped[int] = mapped_column(Integer, default=4)
    priority: Mapped[int] = mapped_column(Integer, default=1)
    # Open categories take every team; others only the teams listed as eligible.
    is_open: Mapped[bool] = mapped_column(default=True)

    tournament: Mapped[Tournament] = relationship(back_populates="break_categories")
    eligible_teams: Mapped[list[Team]] = relationship(secondary="break_eligibility")


class BreakEligibility(db.Model):
    break_category_id: Mapped[int] = mapped_column(
        ForeignKey("break_category.id", ondelete="CASCADE"), primary_key=True
    )
    team_id: Mapped[int] = mapped_column(
        ForeignKey("team.id", ondelete="CASCADE"), primary_key=True
    )


class BreakingTeam(db.Model):
    __table_args__ = (
        UniqueConstraint("break_category_id", "team_id"),
        UniqueConstraint("break_category_id", "seed"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    break_category_id: Mapped[int] = mapped_column(
        ForeignKey("break_category.id", ondelete="CASCADE"), index=True
    )
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id"))
    seed: Mapped[int] = mapped_column(Integer)
    remark: Mapped[str] = mapped_column(String(80), default="")

    team: Mapped[Team] = relationship()


class Qualification(db.Model):
    """A qualifier's team proposed for, or promoted to, the national final."""

    __table_args__ = (
        UniqueConstraint("source_team_id"),
        UniqueConstraint("final_team_id"),
        one_of("status", QUALIFICATION_STATUSES),
        one_of("route", QUALIFICATION_ROUTES),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    championship_id: Mapped[int] = mapped_column(ForeignKey("championship.id"), index=True)
    source_team_id: Mapped[int] = mapped_column(ForeignKey("team.id"))
    final_team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"))
    status: Mapped[str] = mapped_column(String(12), default="proposed")
    route: Mapped[str] = mapped_column(String(12), default="top_k")
    district_rank: Mapped[int] = mapped_column(Integer)

    championship: Mapped[Championship] = relationship()
    source_team: Mapped[Team] = relationship(foreign_keys=[source_team_id])
    final_team: Mapped[Team | None] = relationship(foreign_keys=[final_team_id])
