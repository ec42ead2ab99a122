"""Helpers for participant tests: an empty qualifier, CSV files built in memory, row counts."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from sqlalchemy import func, select

from tests import factory
from tourney.extensions import db
from tourney.models import (
    Adjudicator,
    AdjudicatorInstitutionConflict,
    AdjudicatorTeamConflict,
    AuditEvent,
    Institution,
    Speaker,
    Team,
    Tournament,
    User,
    Venue,
)
from tourney.services.accounts import create_user
from tourney.services.demo import ensure_regions

DEMO_CSV = Path(__file__).resolve().parents[3] / "demo" / "csv"
IMPORT_ORDER = ("institutions", "teams", "adjudicators", "rooms")
COUNTED = (
    Institution,
    Team,
    Speaker,
    Adjudicator,
    AdjudicatorTeamConflict,
    AdjudicatorInstitutionConflict,
    Venue,
    AuditEvent,
)


def make_qualifier(slug: str = "ra", format_code: str = "karl_popper") -> Tournament:
    regions = ensure_regions()
    tournament = factory.tournament(
        slug,
        name="Мусобиқаи интихобии НТҶ",
        championship=f"Чемпионат {slug}",
        region=regions["RA"],
        format_code=format_code,
    )
    db.session.commit()
    return tournament


def director() -> User:
    return create_user("director", "secret-pass", "tab_director")


def csv_bytes(rows: list[list[str]], separator: str = ";", encoding: str = "utf-8-sig") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=separator, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def demo_file(kind: str) -> bytes:
    return (DEMO_CSV / f"{kind}.csv").read_bytes()


def row_counts() -> dict[str, int]:
    return {
        model.__tablename__: db.session.scalar(select(func.count()).select_from(model))
        for model in COUNTED
    }
