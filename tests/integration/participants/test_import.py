"""CSV import: the demo files, encodings and separators, and every kind of bad input refused
whole, with each problem placed by row and column and nothing written."""

from __future__ import annotations

import codecs
from decimal import Decimal

import pytest
from sqlalchemy import select

from tests.integration.participants.helpers import (
    IMPORT_ORDER,
    csv_bytes,
    demo_file,
    director,
    make_qualifier,
    row_counts,
)
from tourney.extensions import db
from tourney.models import Adjudicator, AuditEvent, Institution, Team, Venue
from tourney.services.csv_import import InvalidInput, import_file, template

INSTITUTIONS = [["name", "short name", "region"], ["Литсейи №1 ш. Ваҳдат", "Л1", "RA"]]
TEAM_HEADER = ["name", "code", "institution", "speaker 1", "speaker 2", "speaker 3"]


def _import_demo(tournament, user, kinds=IMPORT_ORDER) -> dict[str, int]:
    return {kind: import_file(tournament, kind, demo_file(kind), user).created for kind in kinds}


def _refused(tournament, kind: str, raw: bytes) -> list[tuple[int | None, str, str]]:
    """Import ``raw`` expecting a refusal that changes nothing; (row, column, code) of each."""
    before = row_counts()
    with pytest.raises(InvalidInput) as refused:
        import_file(tournament, kind, raw, None)
    db.session.rollback()
    assert row_counts() == before
    return [(p.row, p.column, p.code) for p in refused.value.problems]


def test_the_demo_files_import_into_an_empty_tournament(app) -> None:
    tournament, user = make_qualifier(), director()
    assert _import_demo(tournament, user) == {
        "institutions": 6,
        "teams": 10,
        "adjudicators": 7,
        "rooms": 6,
    }
    teams = db.session.scalars(select(Team).order_by(Team.code)).all()
    assert [len(team.speakers) for team in teams] == [3] * 10
    assert teams[3].needs_access and teams[3].institution.short_name == "ММ 3 Ҳисор"
    assert teams[0].speakers[0].name == "Фирӯза Раҳимова"
    judges = {a.name: a for a in db.session.scalars(select(Adjudicator))}
    karimov = judges["Баҳодур Каримов"]
    assert karimov.rating == Decimal("9") and karimov.region.code == "DU"
    assert sorted(t.code for t in karimov.team_conflicts) == ["RA-03", "RA-04"]
    rahmonova = judges["Манижа Раҳмонова"]
    assert [t.code for t in rahmonova.team_conflicts] == ["RA-07"]
    assert [i.short_name for i in rahmonova.institution_conflicts] == ["Литсей Рашт"]
    assert judges["Сӯҳроб Алиев"].role == "wing" and judges["Сӯҳроб Алиев"].needs_access
    assert judges["Фарангис Умарова"].role == "trainee"
    assert judges["Ольга Петрова"].rating == Decimal("7.5")
    # No region given: the institution's region.
    assert judges["Ольга Петрова"].region.code == "RA"
    assert len({a.token for a in judges.values()}) == 7 and all(a.token for a in judges.values())
    rooms = {v.name: v for v in db.session.scalars(select(Venue))}
    assert rooms["Ҳуҷраи 101"].accessible and not rooms["Китобхона"].accessible
    assert rooms["Толори варзишӣ"].priority == 3
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "participants.import")
    ).all()
    assert [e.details["kind"] for e in events] == list(IMPORT_ORDER)
    assert all(e.user_id == user.id for e in events)


def test_importing_the_same_file_again_is_refused_row_by_row(app) -> None:
    tournament = make_qualifier()
    _import_demo(tournament, None, ("institutions", "teams"))
    problems = _refused(tournament, "teams", demo_file("teams"))
    assert (2, "Название", "duplicate") in problems and (2, "Код", "duplicate") in problems
    assert len(problems) == 20


def test_encodings_and_separators(app) -> None:
    tournament = make_qualifier()
    cases = [("utf-8", ";"), ("utf-8-sig", ","), ("utf-16", "\t"), ("utf-8", "\t")]
    for number, (encoding, separator) in enumerate(cases):
        rows = [["name", "short name", "region"], [f"Литсейи №{number}, ш. Ваҳдат", "", "НТҶ"]]
        report = import_file(tournament, "institutions", csv_bytes(rows, separator, encoding), None)
        assert report.created == 1
    names = db.session.scalars(select(Institution.name).order_by(Institution.name)).all()
    assert names == [f"Литсейи №{number}, ш. Ваҳдат" for number in range(4)]


BROKEN_FILES = [
    ("Название;Регион\r\n«Лицей» №1 — г. Вахдат;RA\r\n".encode("cp1251"), "encoding_cp1251"),
    (b"name;region\r\n\x80\x81\x82 broken;RA\r\n", "encoding"),
    (b"PK\x03\x04\x14\x00\x06\x00", "spreadsheet_file"),
    (b"name\r\nabc\x00def\r\n", "binary_file"),
    (b"", "empty_file"),
    (codecs.BOM_UTF8 + b"\r\n ; \r\n", "empty_file"),
    (b"name;region\r\n", "no_rows"),
    (b'name;region\r\n"Lyceum;RA\r\n', "broken_csv"),
    (b'name;region\r\n"Lyceum"x;RA\r\n', "broken_csv"),
    (b'name;region\r\n"' + b"x" * 200_000 + b'";RA\r\n', "cell_too_long"),
]


def test_broken_files_are_refused_with_one_clear_problem(app) -> None:
    tournament = make_qualifier()
    for raw, code in BROKEN_FILES:
        assert [problem[2] for problem in _refused(tournament, "institutions", raw)] == [code]


def test_missing_duplicate_and_unknown_columns(app) -> None:
    tournament = make_qualifier()
    raw = csv_bytes([["код", "Учреждение", "Спикер 1", "спикер 1"], ["A", "", "x", "y"]])
    problems = _refused(tournament, "teams", raw)
    assert (1, "спикер 1", "duplicate_column") in problems
    assert [p for p in problems if p[2] == "missing_column"] == [(1, "", "missing_column")] * 3
    with pytest.raises(InvalidInput) as refused:
        import_file(tournament, "teams", raw, None)
    expected = [p.params["expected"] for p in refused.value.problems if p.params]
    assert expected == [
        "name / название / ном",
        "Speaker 2 / Спикер 2 / Суханвар 2",
        "Speaker 3 / Спикер 3 / Суханвар 3",
    ]


def test_every_bad_row_is_listed_and_nothing_is_written(app) -> None:
    tournament = make_qualifier()
    import_file(tournament, "institutions", csv_bytes(INSTITUTIONS), None)
    rows = [
        TEAM_HEADER,
        ["Даста А", "RA-01", "Л1", "Аҳмад", "Бобур", "Ваҳҳоб"],  # fine
        ["даста а", "RA-02", "Л1", "Гулӣ", "Дилшод", "Эраҷ"],  # same name as row 2
        ["Даста Б", "RA-01", "Л1", "Жасур", "Зафар", "Ироҷ"],  # same code as row 2
        ["Даста В", "", "Мактаби номаълум", "Йӯлдош", "Камол", "Лутф"],  # unknown institution
        ["Даста Г", "", "", "Мавлуда", "", ""],  # too few speakers
        ["", "", "", "Нозим", "Орзу", "Парвиз"],  # no name
        ["Даста Д", "", "", "Раҳим", "Раҳим", "Саид", "extra"],  # speaker twice, extra cell
    ]
    problems = _refused(tournament, "teams", csv_bytes(rows))
    assert problems == [
        (3, "name", "duplicate_in_file"),
        (4, "code", "duplicate_in_file"),
        (5, "institution", "unknown_institution"),
        (6, "speaker 1, speaker 2, speaker 3", "speaker_count"),
        (7, "name", "required"),
        (8, "", "extra_cells"),
        (8, "speaker 2", "duplicate_speaker"),
    ]


def test_speakers_per_team_follow_the_format(app) -> None:
    tournament = make_qualifier(format_code="british_parliamentary")
    header = ["name", "speaker 1", "speaker 2", "speaker 3"]
    rows = [header, ["Даста 1", "А", "Б", ""], ["Даста 2", "В", "Г", "Д"]]
    problems = _refused(tournament, "teams", csv_bytes(rows))
    assert problems == [(3, "speaker 1, speaker 2, speaker 3", "speaker_count")]
    assert import_file(tournament, "teams", csv_bytes(rows[:2]), None).created == 1
    team = db.session.scalar(select(Team))
    assert team.code == "RA-01" and [s.name for s in team.speakers] == ["А", "Б"]


def test_adjudicator_cells(app) -> None:
    tournament = make_qualifier()
    _import_demo(tournament, None, ("institutions", "teams"))
    header = ["name", "institution", "region", "rating", "role", "conflicts"]
    rows = [
        header,
        ["Довар 1", "", "Khatlon", "10", "боковой", "RA-01, RA-02"],
        ["Довар 2", "", "Согдийская область", "7.25", "", "Литсейи №1 ш. Ваҳдат|Ваҳдат «Бурҷ»"],
        ["Довар 3", "Ҳеҷ", "Марс", "11", "судья", "RA-99"],
        ["Довар 4", "", "", "семь", "", ""],
        ["Довар 5", "", "", "7,125", "", "RA-01;"],
    ]
    problems = _refused(tournament, "adjudicators", csv_bytes(rows, separator=","))
    assert problems == [
        (4, "institution", "unknown_institution"),
        (4, "region", "unknown_region"),
        (4, "role", "unknown_value"),
        (4, "conflicts", "unknown_conflict"),
        (4, "rating", "rating_range"),
        (5, "rating", "bad_number"),
        (6, "conflicts", "unknown_conflict"),
        (6, "rating", "rating_precision"),
    ]
    assert import_file(tournament, "adjudicators", csv_bytes(rows[:3], ","), None).created == 2
    one, two = db.session.scalars(select(Adjudicator).order_by(Adjudicator.name))
    assert (one.role, one.region.code, one.rating) == ("wing", "KT", Decimal("10"))
    assert sorted(t.code for t in one.team_conflicts) == ["RA-01", "RA-02"]
    assert (two.region.code, two.rating) == ("SU", Decimal("7.25"))
    assert [t.code for t in two.team_conflicts] == ["RA-02"]
    assert [i.short_name for i in two.institution_conflicts] == ["Литсей 1 Ваҳдат"]


def test_names_are_normalised_and_lookalikes_warned_not_rewritten(app) -> None:
    tournament = make_qualifier()
    decomposed = "Мактаби Кӯлоб".replace("ӯ", "у\u0304")
    rows = [["name"], [f"  {decomposed}\u00a0 №5 "], ["Гимназияи Ѓафуров"], ["Рўзи нав"]]
    report = import_file(tournament, "institutions", csv_bytes(rows), None)
    names = set(db.session.scalars(select(Institution.name)))
    assert names == {"Мактаби Кӯлоб №5", "Гимназияи Ѓафуров", "Рўзи нав"}
    assert [(w.row, w.code, w.params["letters"]) for w in report.warnings] == [
        (3, "lookalike", "Ѓ → Ғ"),
        (4, "lookalike", "ў → ӯ"),
    ]
    # A look-alike spelling of a stored name is a duplicate.
    problems = _refused(tournament, "institutions", csv_bytes([["name"], ["ГИМНАЗИЯИ ҒАФУРОВ"]]))
    assert problems == [(2, "name", "duplicate")]


def test_templates_document_the_columns_and_import_once_filled(app) -> None:
    tournament = make_qualifier()
    for kind in IMPORT_ORDER:
        raw = template(kind, "ru", tournament)
        assert raw.startswith(codecs.BOM_UTF8)
        assert [p[2] for p in _refused(tournament, kind, raw)] == ["no_rows"]
    text = template("adjudicators", "tg", tournament).decode("utf-8-sig")
    assert "Бархӯрди манфиатҳо (дастаҳо ё муассисаҳо, бо | ҷудо)" in text.splitlines()[0]
    header = template("teams", "en", tournament).decode("utf-8-sig").splitlines()[0]
    assert header.endswith("Speaker 1;Speaker 2;Speaker 3")
    filled = template("institutions", "tg", tournament).replace(b"# ", b"")
    assert import_file(tournament, "institutions", filled, None).created == 1


def test_unknown_kind_and_unknown_columns(app) -> None:
    tournament = make_qualifier()
    assert [p[2] for p in _refused(tournament, "judges", b"name\r\nx\r\n")] == ["unknown_kind"]
    report = import_file(tournament, "rooms", csv_bytes([["Ном", "Эзоҳ"], ["101", "x"]]), None)
    assert [(w.row, w.column, w.code) for w in report.warnings] == [(1, "Эзоҳ", "unknown_column")]
