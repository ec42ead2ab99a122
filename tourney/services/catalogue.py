"""Listing championships and their tournaments."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tourney.extensions import db
from tourney.models import Championship, Tournament


def championships() -> list[Championship]:
    query = (
        select(Championship)
        .options(selectinload(Championship.tournaments).selectinload(Tournament.region))
        .order_by(Championship.id.desc())
    )
    return list(db.session.scalars(query))


def tournament_by_slug(slug: str) -> Tournament | None:
    return db.session.scalar(select(Tournament).where(Tournament.slug == slug))
