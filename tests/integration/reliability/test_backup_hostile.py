"""Hostile backup files: checked whole before anything is written, refused with a plain reason,
never a traceback, never a half-restored database, never a login or a file from the file."""

from __future__ import annotations

import copy
import json
import time
import tracemalloc
from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select

from tests.conftest import _empty_tables
from tourney.extensions import db
from tourney.models import Championship, Team, Tournament, User
from tourney.services import backup, backup_check
from tourney.services.accounts import create_user


def _exported() -> dict[str, Any]:
    """A small championship exported, then the database emptied for the restore."""
    championship = Championship(name="Чемпионат", season="2026")
    tournament = Tournament(
        championship=championship,
        name="Қурғонтеппа",
        slug="kt",
        stage="qualifier",
        starts_on=date(2026, 3, 1),
        settings={"certificates": {"logo": "", "place": "Бохтар"}},
    )
    db.session.add_all(
        [tournament, *(Team(tournament=tournament, name=f"T{i}", code=f"C{i}") for i in range(3))]
    )
    db.session.commit()
    create_user("director", "secret-pass", "tab_director")
    document = backup.export_championship(championship)
    db.session.remove()
    _empty_tables(db)
    return document


def _nothing_written() -> bool:
    return all(
        db.session.scalar(select(func.count()).select_from(model)) == 0
        for model in (Championship, Tournament, Team, User)
    )


def _refused(document: Any, expected: str) -> None:
    with pytest.raises(backup.BackupError) as refused:
        backup.import_championship(document)
    assert expected in str(refused.value), str(refused.value)
    assert _nothing_written()


def _team(document: dict[str, Any], index: int = 0) -> dict[str, Any]:
    return document["tables"]["team"][index]


def test_wrong_types_unknown_columns_and_misplaced_tables_are_refused(app) -> None:
    good = _exported()
    cases = [
        (lambda d: _team(d).update(name=42), "table 'team', row 1, column 'name': expected text"),
        (lambda d: _team(d, 2).update(id="3"), "row 3, column 'id': expected a whole number"),
        (lambda d: _team(d).update(needs_access="yes"), "expected true or false"),
        (lambda d: _team(d).update(id=2**40), "out of range"),
        (lambda d: _team(d).update(colour="red"), "column 'colour': unknown column"),
        (lambda d: _team(d).pop("name"), "column 'name': missing"),
        (lambda d: _team(d).update(name=None), "column 'name': empty"),
        (lambda d: d["tables"]["tournament"][0].update(starts_on="2026-13-45"), "expected a date"),
        (lambda d: d["tables"].update(team=[*d["tables"]["team"], _team(d)]), "repeated id"),
        (lambda d: d["tables"].update(secrets=[]), "unknown or misplaced tables: secrets"),
        (lambda d: d["tables"].update(user=[]), "misplaced tables: user"),
        (lambda d: d.update(version="1"), "file version '1'"),
        (lambda d: d.update(version=True), "file version"),
        (lambda d: d.update(tables=[]), "must be objects"),
    ]
    for change, expected in cases:
        document = copy.deepcopy(good)
        change(document)
        _refused(document, expected)
    assert backup.import_championship(good).counts["team"] == 3  # the untouched file still restores


def test_references_must_point_inside_the_file(app) -> None:
    document = _exported()
    _team(document)["tournament_id"] = 999
    _refused(document, "column 'tournament_id': refers to tournament 999, which is not in the file")


def test_ten_megabyte_names_and_huge_numbers_are_refused_without_eating_memory(app) -> None:
    document = _exported()
    _team(document)["name"] = "Ҷ" * (10 * 1024 * 1024)
    text = backup.dumps(document)
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(backup.BackupError) as refused:
        backup.import_championship(backup_check.loads(text))
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert "text longer than 200 characters" in str(refused.value)
    assert peak < 120 * 1024 * 1024 and elapsed < 10  # the parsed file, not copies of it
    assert _nothing_written()

    numbers = json.dumps(_exported())
    for huge in ("9" * 100_000, "1e400", "-1e999", "NaN", "Infinity"):
        started = time.perf_counter()
        with pytest.raises(backup.BackupError) as refused:
            backup_check.loads(numbers.replace('"id": 1,', f'"id": {huge},', 1))
        assert "out of range" in str(refused.value)
        assert time.perf_counter() - started < 2
    with pytest.raises(backup.BackupError, match="too deeply"):
        backup_check.loads("[" * 200_000 + "]" * 200_000)


def test_accounts_in_a_file_cannot_log_in_unless_the_operator_keeps_them(app) -> None:
    document = _exported()
    intruder = {**document["global"]["user"][0], "id": 77, "username": "intruder", "role": "admin"}
    document["global"]["user"].append(intruder)
    refused = copy.deepcopy(document)
    refused["global"]["user"][1]["role"] = "superuser"
    _refused(refused, "unknown role 'superuser'")

    backup.import_championship(copy.deepcopy(document))
    users = db.session.scalars(select(User).order_by(User.id)).all()
    assert [(u.username, u.active) for u in users] == [("director", False), ("intruder", False)]
    client = app.test_client()
    response = client.post("/login", data={"username": "intruder", "password": "secret-pass"})
    assert response.status_code != 302  # switched off: no session

    db.session.remove()
    _empty_tables(db)
    backup.import_championship(document, keep_accounts=True)
    assert all(u.active for u in db.session.scalars(select(User)))


def test_a_logo_setting_naming_a_file_on_disk_is_refused(app) -> None:
    for path in ("/etc/passwd", "../../secret_key", "tournament-1.png/../../../etc/passwd"):
        document = _exported()
        document["tables"]["tournament"][0]["settings"] = {"certificates": {"logo": path}}
        _refused(document, "certificates.logo: not a stored logo name")


def test_a_file_the_database_refuses_late_leaves_nothing_behind(app) -> None:
    """Two accounts with one username pass the checks and fail on the last table: all or nothing."""
    document = _exported()
    twin = {**document["global"]["user"][0], "id": 78}
    document["global"]["user"].append(twin)
    _refused(document, "the database refused the file")


def test_the_command_says_why_without_a_traceback(app, tmp_path) -> None:
    document = _exported()
    _team(document)["name"] = "x" * 5000
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["import", str(path)])
    assert result.exit_code == 1
    assert (
        "Cannot import: table 'team', row 1, column 'name': text longer than 200" in result.output
    )
    assert "Traceback" not in result.output
    assert _nothing_written()
