"""Documents made in the background (a large batch of certificates), one at a time per user."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from tourney.extensions import db
from tourney.models._base import UTCDateTime, one_of, utcnow

JOB_STATUSES = ("running", "done", "failed", "interrupted")


class DocumentJob(db.Model):
    """One document being made. ``busy_user_id`` is the user's id while the job runs and NULL
    after: its unique constraint lets each user hold one job at a time, across app processes."""

    __table_args__ = (one_of("status", JOB_STATUSES),)

    id: Mapped[int] = mapped_column(primary_key=True)
    tournament_id: Mapped[int] = mapped_column(ForeignKey("tournament.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    busy_user_id: Mapped[int | None] = mapped_column(Integer, unique=True)
    kind: Mapped[str] = mapped_column(String(40))
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(12), default="running")
    done: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    heartbeat_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    file_name: Mapped[str] = mapped_column(String(120), default="")
    error: Mapped[str] = mapped_column(String(200), default="")
