"""Tabbycat's CSV folder: what maps is created in one go, what does not is listed; a bad row
or an unsafe archive refuses everything and writes nothing."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.integration.participants.helpers import director, make_qualifier, row_counts
from tourney.extensions import db
from tourney.models import Adjudicator, AuditEvent, Institution, Team, Venue
from tourney.services.csv_import.tabbycat import import_folder, read_zip
from tourney.services.participants import NO_PRIORITY, InvalidInput

FOLDER = Path(__file__).resolve().parents[2] / "data" / "tabbycat"


def folder() -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in FOLDER.glob("*.csv")}


def zipped(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_tabbycat_folder_maps_participants_and_lists_what_it_ignored(app) -> None:
    tournament = make_qualifier()
    report = import_folder(tournament, read_zip(zipped(folder())), director())
    assert report.created == {"institutions": 3, "speakers": 3, "adjudicators": 2, "venues": 3}
    institutions = {i.name: i for i in db.session.scalars(select(Institution))}
    assert institutions["Донишгоҳи миллии Тоҷикистон"].short_name == "ДМТ"
    assert institutions["Донишгоҳи миллии Тоҷикистон"].region.code == "DU"
    assert institutions["Мактаби №5 Хоруғ"].region is None
    teams = {t.name: t for t in db.session.scalars(select(Team))}
    assert sorted(teams) == ["Ваҳдат 1", "Ситора", "Хоруғ 1"]
    assert [s.name for s in teams["Ситора"].speakers] == [
        "Мадина Саидова",
        "Ҷамшед Қодиров",
        "Ӯғулой Ҳасанова",
    ]
    assert teams["Ваҳдат 1"].institution.name == "Литсейи №1 ш. Ваҳдат"
    judges = {a.name: a for a in db.session.scalars(select(Adjudicator))}
    saidova, gafurov = judges["Нилуфар Саидова"], judges["Бахтиёр Ғафуров"]
    assert saidova.rating == Decimal("7.5") and saidova.role == "any"
    assert sorted(i.short_name for i in saidova.institution_conflicts) == ["Ваҳдат", "Хоруғ"]
    assert gafurov.role == "trainee" and gafurov.institution is None
    assert sorted(t.name for t in gafurov.team_conflicts) == ["Ваҳдат 1", "Ситора"]
    rooms = {v.name: v.priority for v in db.session.scalars(select(Venue))}
    assert rooms == {"Ҳуҷраи 101": 1, "Толори калон": 1, "Ҳуҷраи 102": 2}
    assert NO_PRIORITY not in rooms.values()
    ignored = {(p.code, p.column) for p in report.warnings}
    assert ("tabbycat_file_ignored", "rounds.csv") in ignored
    assert ("tabbycat_column_ignored", "adjudicators.csv: adj_conflicts") in ignored
    assert ("tabbycat_column_ignored", "speakers.csv: email") in ignored
    assert ("tabbycat_column_ignored", "venues.csv: category") in ignored
    assert ("tabbycat_region_ignored", "institutions.csv: region") in ignored
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action.like("participants.%")))
    assert event.action == "participants.import_tabbycat" and event.details["rows"] == 11


def test_institutions_the_championship_has_are_used_not_refused(app) -> None:
    tournament = make_qualifier()
    institutions = {"institutions.csv": folder()["institutions.csv"]}
    assert import_folder(tournament, institutions, None).created == {"institutions": 3}
    report = import_folder(tournament, folder(), None)
    assert report.created["institutions"] == 0 and report.created["speakers"] == 3
    kept = [p for p in report.warnings if p.code == "tabbycat_institution_kept"]
    assert [(p.row, p.params["value"]) for p in kept] == [
        (2, "Литсейи №1 ш. Ваҳдат"),
        (3, "Донишгоҳи миллии Тоҷикистон"),
        (4, "Мактаби №5 Хоруғ"),
    ]
    assert db.session.scalar(select(func.count()).select_from(Institution)) == 3


def _refused(tournament, files: dict[str, bytes]) -> list[tuple[str, int | None, str]]:
    before = row_counts()
    with pytest.raises(InvalidInput) as refused:
        import_folder(tournament, files, None)
    db.session.rollback()
    assert row_counts() == before
    return [(p.code, p.row, p.column) for p in refused.value.problems]


def test_one_bad_row_in_the_last_file_refuses_the_whole_folder(app) -> None:
    tournament = make_qualifier()
    files = folder()
    files["adjudicators.csv"] += "Рустам Шарифов,Мактаби №9,,,Нест 3,,,,,,,,,\n".encode()
    files["speakers.csv"] += "Танҳо Якка,ДМТ,Танҳо,0,,,\n".encode()
    problems = _refused(tournament, files)
    assert ("unknown_institution", 4, "adjudicators.csv: institution") in problems
    assert ("unknown_team", 4, "adjudicators.csv: team_conflicts") in problems
    assert ("speaker_count", 11, "speakers.csv: speakers") in problems
    assert db.session.scalar(select(Institution).limit(1)) is None


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b"not a zip", "tabbycat_bad_zip"),
        (zipped({"../institutions.csv": b"name\nX\n"}), "tabbycat_unsafe_path"),
        (zipped({"/etc/venues.csv": b"name\nX\n"}), "tabbycat_unsafe_path"),
        (zipped({"venues.csv": b"name\n" + b"x" * (2 * 1024 * 1024 + 1)}), "tabbycat_file_too_big"),
    ],
)
def test_a_broken_or_unsafe_zip_is_refused(app, raw: bytes, code: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        read_zip(raw)
    assert [p.code for p in refused.value.problems] == [code]


def test_a_broken_file_is_refused_with_its_name(app) -> None:
    tournament = make_qualifier()
    problems = _refused(tournament, {"venues.csv": "name\nҲуҷра\n".encode("cp1251", "replace")})
    assert [(code, column) for code, _row, column in problems] == [
        ("encoding_cp1251", "venues.csv")
    ]
    assert _refused(tournament, {"notes.txt": b"x"}) == [("tabbycat_no_files", None, "")]
