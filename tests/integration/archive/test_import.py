"""A Debate Tabulation Archive read into a new tournament: the round trip, and hostile files."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from tourney.extensions import db
from tourney.models import Championship, DebateResult, Team, Tournament, User
from tourney.services import simulate
from tourney.services.archive.document import to_xml
from tourney.services.archive.export import export_archive
from tourney.services.archive.restore import import_archive
from tourney.services.errors import ServiceError


def _played() -> Tournament:
    summary = simulate.run(8, 3, seed=4)
    assert summary["ok"], summary["checks"]
    return db.session.scalar(select(Tournament).where(Tournament.slug == summary["tournament"]))


def _director() -> User:
    return db.session.scalar(select(User).where(User.role == "tab_director"))


def _canonical(xml: bytes) -> bytes:
    """The file with every id renamed by order of first appearance (ids are database ids)."""
    names: dict[bytes, bytes] = {}

    def rename(match: re.Match[bytes]) -> bytes:
        token = match.group(0)
        return names.setdefault(token, b"%c%d" % (token[0], len(names) + 1))

    text = re.sub(rb'short="[^"]*"', b"", xml)
    return re.sub(rb"\b[TSADIMVBC][0-9]+\b", rename, text)


@pytest.fixture
def exported(app) -> bytes:
    return to_xml(export_archive(_played()))


def test_export_import_export_gives_the_same_archive(exported):
    championship = Championship(name="Imported season")
    db.session.add(championship)
    db.session.commit()
    imported = import_archive(exported, championship, "imported", _director())
    again = to_xml(export_archive(imported))
    assert _canonical(again) == _canonical(exported)


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (lambda x: x.replace(b'team="T', b'team="X', 1), "archive_reference"),
        (lambda x: x.replace(b'style="', b'style="chess', 1), "archive_style"),
        (lambda x: x[: len(x) // 2], "archive_unreadable"),
        (
            lambda x: (
                b'<?xml version="1.0"?><!DOCTYPE t [<!ENTITY a "aaaaaaaaaa">]>'
                + x.split(b"?>", 1)[1].replace(b'name="', b'name="&a;', 1)
            ),
            "archive_unreadable",
        ),
        (
            lambda x: re.sub(rb"(<ballot adjudicators=\"A\d+\">)[0-9.]+", rb"\g<1>NaN", x, count=1),
            "archive_value",
        ),
    ],
)
def test_a_broken_or_hostile_file_is_refused_and_writes_nothing(exported, change, code):
    championship = Championship(name="Imported season")
    db.session.add(championship)
    db.session.commit()
    before = db.session.scalar(select(func.count()).select_from(Team))
    results = db.session.scalar(select(func.count()).select_from(DebateResult))
    with pytest.raises(ServiceError) as refused:
        import_archive(change(exported), championship, "imported", _director())
    assert refused.value.code == code
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(Team)) == before
    assert db.session.scalar(select(func.count()).select_from(DebateResult)) == results
    assert db.session.scalar(select(Tournament).where(Tournament.slug == "imported")) is None


def test_a_british_parliamentary_tournament_survives_the_round_trip(app):
    summary = simulate.run(8, 2, format_code="british_parliamentary", seed=2, eliminations=False)
    assert summary["ok"], summary["checks"]
    original = db.session.scalar(select(Tournament).where(Tournament.slug == summary["tournament"]))
    exported = to_xml(export_archive(original))
    championship = Championship(name="Imported season")
    db.session.add(championship)
    db.session.commit()
    imported = import_archive(exported, championship, "imported-bp", _director())
    assert _canonical(to_xml(export_archive(imported))) == _canonical(exported)
