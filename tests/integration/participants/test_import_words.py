"""CSV import reads what organisers actually type: plain region names in three languages,
Excel's ``sep=`` line, a wrong role answered with the accepted words, a blank room priority."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.integration.participants.helpers import csv_bytes, make_qualifier
from tourney.extensions import db
from tourney.models import Adjudicator, Institution, Venue
from tourney.services.csv_import import InvalidInput, import_file
from tourney.services.draws.engine_input import room_ranks
from tourney.services.participants import NO_PRIORITY


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("Душанбе", "DU"),
        ("шаҳри Душанбе", "DU"),
        ("г. Душанбе", "DU"),
        ("Dushanbe", "DU"),
        ("Хатлон", "KT"),
        ("Хатлонская область", "KT"),
        ("Khatlon region", "KT"),
        ("Суғд", "SU"),
        ("Согдийская область", "SU"),
        ("Согд", "SU"),
        ("Sughd", "SU"),
        ("ВМКБ", "GB"),
        ("ГБАО", "GB"),
        ("Бадахшон", "GB"),
        ("Ноҳияҳои тобеи ҷумҳурӣ", "RA"),
        ("Районы республиканского подчинения", "RA"),
        ("districts of republican subordination", "RA"),
        ("НТҶ", "RA"),
        ("РРП", "RA"),
    ],
)
def test_plain_region_names_are_accepted(app, written: str, code: str) -> None:
    tournament = make_qualifier()
    rows = [["name", "short name", "region"], ["Литсейи №1", "Л1", written]]
    import_file(tournament, "institutions", csv_bytes(rows), None)
    assert db.session.scalar(select(Institution)).region.code == code


def test_an_excel_separator_line_is_understood(app) -> None:
    tournament = make_qualifier()
    body = csv_bytes([["name", "short name", "region"], ["Литсейи №1, ш. Ваҳдат", "Л1", "RA"]])
    raw = b"sep=;\r\n" + body.removeprefix(b"\xef\xbb\xbf")
    report = import_file(tournament, "institutions", raw, None)
    assert report.created == 1 and not report.warnings
    assert db.session.scalar(select(Institution)).name == "Литсейи №1, ш. Ваҳдат"
    # The same with a comma: the line, not a guess, decides the separator.
    db.session.delete(db.session.scalar(select(Institution)))
    db.session.commit()
    body = csv_bytes(
        [["name", "short name", "region"], ["Литсей; Ваҳдат", "Л1", "RA"]], ",", "utf-8"
    )
    import_file(tournament, "institutions", b"sep=,\n" + body, None)
    assert db.session.scalar(select(Institution)).name == "Литсей; Ваҳдат"


def test_a_problem_after_the_separator_line_names_the_row_excel_shows(app) -> None:
    tournament = make_qualifier()
    rows = [["name", "region"], ["Литсей", "Марс"]]
    with pytest.raises(InvalidInput) as refused:
        import_file(
            tournament, "institutions", b"sep=;\n" + csv_bytes(rows, encoding="utf-8"), None
        )
    db.session.rollback()
    assert [(p.row, p.code) for p in refused.value.problems] == [(2, "unknown_region")]


def test_a_wrong_role_lists_the_accepted_words(app) -> None:
    tournament = make_qualifier()
    rows = [["name", "role"], ["Нилуфар Саидова", "председатель"]]
    with pytest.raises(InvalidInput) as refused:
        import_file(tournament, "adjudicators", csv_bytes(rows), None)
    db.session.rollback()
    (problem,) = refused.value.problems
    assert problem.code == "unknown_value" and problem.column == "role"
    accepted = problem.params["accepted"]
    for word in ("any", "wing", "trainee", "любая", "боковой", "стажёр", "аъзо"):
        assert word in accepted
    assert db.session.scalar(select(Adjudicator)) is None


def test_a_blank_room_priority_means_no_priority(app) -> None:
    tournament = make_qualifier()
    rows = [["name", "priority"], ["Ҳуҷраи 101", "1"], ["Ҳуҷраи 102", ""], ["Ҳуҷраи 103", "2"]]
    import_file(tournament, "rooms", csv_bytes(rows), None)
    rooms = {v.name: v.priority for v in db.session.scalars(select(Venue))}
    assert rooms == {"Ҳуҷраи 101": 1, "Ҳуҷраи 102": NO_PRIORITY, "Ҳуҷраи 103": 2}
    # The allocator ranks it after every ranked room, not as a best room.
    venues = list(db.session.scalars(select(Venue)))
    ranks = {
        v.name: rank for v in venues for vid, rank in room_ranks(venues).items() if vid == v.id
    }
    assert ranks == {"Ҳуҷраи 101": 1, "Ҳуҷраи 102": 3, "Ҳуҷраи 103": 2}
