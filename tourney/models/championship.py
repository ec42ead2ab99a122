"""A championship season: regions, its district qualifiers and the national final."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tourney.extensions import db
from tourney.models._base import one_of

if TYPE_CHECKING:
    from tourney.models.draw import Round

STAGES = ("qualifier", "final")


class Region(db.Model):
    """A top-level unit of Tajikistan (Dushanbe, Sughd, Khatlon, GBAO, DRS), labelled in three languages."""

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name_en: Mapped[str] = mapped_column(String(120))
    name_ru: Mapped[str] = mapped_column(String(120))
    name_tg: Mapped[str] = mapped_column(String(120))

    def label(self, language: str) -> str:
        return {"ru": self.name_ru, "tg": self.name_tg}.get(language, self.name_en)


class Championship(db.Model):
    """A season: several district qualifiers feeding one national final."""

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    season: Mapped[str] = mapped_column(String(20), default="")

    tournaments: Mapped[list[Tournament]] = relationship(
        back_populates="championship", order_by="Tournament.id"
    )
    institutions: Mapped[list[Institution]] = relationship(  # noqa: F821
        back_populates="championship", order_by="Institution.name"
    )


class Tournament(db.Model):
    """One stage of a championship: a district qualifier or the national final."""

    __table_args__ = (
        UniqueConstraint("championship_id", "name"),
        one_of("stage", STAGES),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    championship_id: Mapped[int] = mapped_column(ForeignKey("championship.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    stage: Mapped[str] = mapped_column(String(16), default="qualifier")
    region_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"))
    format_code: Mapped[str] = mapped_column(String(40), default="karl_popper")
    # The format as adjusted for this tournament (score ranges…); None = the preset.
    format_overrides: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    prelim_rounds: Mapped[int] = mapped_column(Integer, default=4)
    break_size: Mapped[int] = mapped_column(Integer, default=4)
    # Qualification to the final: top K of this qualifier (wildcards are set on the final).
    qualify_top: Mapped[int] = mapped_column(Integer, default=3)
    starts_on: Mapped[date | None] = mapped_column(Date)
    # Pairing, allocation, ballot and release options; see services.settings for keys and defaults.
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    championship: Mapped[Championship] = relationship(back_populates="tournaments")
    region: Mapped[Region | None] = relationship()
    divisions: Mapped[list[Division]] = relationship(
        back_populates="tournament", order_by="Division.id", cascade="all, delete-orphan"
    )
    break_categories: Mapped[list[BreakCategory]] = relationship(  # noqa: F821
        back_populates="tournament", order_by="BreakCategory.priority", cascade="all, delete-orphan"
    )


class Division(db.Model):
    """A language league (Tajik, Russian, English) or other division within a tournament."""

    __table_args__ = (UniqueConstraint("tournament_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    tournament_id: Mapped[int] = mapped_column(ForeignKey("tournament.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    language: Mapped[str] = mapped_column(String(8), default="tg")

    tournament: Mapped[Tournament] = relationship(back_populates="divisions")


class ScheduleItem(db.Model):
    """A line of the public timetable: a round, the briefing, the break announcement, awards…"""

    __table_args__ = (one_of("kind", ("round", "briefing", "break", "final", "awards", "other")),)

    id: Mapped[int] = mapped_column(primary_key=True)
    tournament_id: Mapped[int] = mapped_column(ForeignKey("tournament.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16), default="other")
    round_id: Mapped[int | None] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200), default="")
    # Local wall-clock time in Asia/Dushanbe (no DST), stored as date + minutes for clarity.
    day: Mapped[date] = mapped_column(Date)
    start_minute: Mapped[int] = mapped_column(Integer)
    building: Mapped[str] = mapped_column(String(120), default="")

    round: Mapped[Round | None] = relationship()
