"""Backup: export a championship as JSON, restore it into an empty database, export the same."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from tests.conftest import _empty_tables
from tests.integration.reliability.helpers import played_championship
from tourney.extensions import db
from tourney.models import Ballot, Championship, DebateResult, Region, Team, User
from tourney.services import backup


def test_every_table_is_covered(app) -> None:
    assert backup.covered_tables() == set(db.metadata.tables)


def test_export_import_export_gives_the_same_file(app, tmp_path) -> None:
    played_championship()
    runner = app.test_cli_runner()
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    exported = runner.invoke(args=["export", "-o", str(first)])
    assert exported.exit_code == 0, exported.output
    document = json.loads(first.read_text(encoding="utf-8"))
    tables = document["tables"]
    assert [name for name, rows in tables.items() if not rows] == []
    counts_before = _counts()

    db.session.remove()
    _empty_tables(db)
    imported = runner.invoke(args=["import", "--keep-accounts", str(first)])
    assert imported.exit_code == 0, imported.output
    assert _counts() == counts_before
    assert runner.invoke(args=["export", "-o", str(second)]).exit_code == 0
    assert second.read_bytes() == first.read_bytes()

    # New rows get fresh ids after the restore (the PostgreSQL sequences were moved on).
    db.session.add(Region(code="XX", name_en="X", name_ru="X", name_tg="X"))
    db.session.commit()
    assert db.session.scalar(select(func.count(Region.id))) == counts_before["region"] + 1


def test_import_refuses_a_database_that_is_not_empty(app) -> None:
    championship = Championship(name="Кубок <script>")
    db.session.add(championship)
    db.session.commit()
    document = backup.export_championship(championship)
    with pytest.raises(backup.BackupError) as refused:
        backup.import_championship(document)
    assert refused.value.code == "database_not_empty"
    with pytest.raises(backup.BackupError):
        backup.import_championship({"format": "something else"})


def _counts() -> dict[str, int]:
    models = {
        "region": Region,
        "user": User,
        "team": Team,
        "ballot": Ballot,
        "result": DebateResult,
    }
    return {
        name: db.session.scalar(select(func.count()).select_from(m)) for name, m in models.items()
    }
