"""Property: whatever file is uploaded — random bytes, random cells, separators, quotes, encodings,
huge fields — the import either succeeds or raises ``InvalidInput``; a refusal writes nothing,
and what a success writes obeys the rules (clean names, speakers per team)."""

from __future__ import annotations

import csv
import io
import unicodedata

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from tests.hypothesis_profiles import examples
from tests.integration.participants.helpers import (
    COUNTED,
    demo_file,
    make_qualifier,
    row_counts,
)
from tourney.extensions import db
from tourney.models import Adjudicator, Institution, Team, Venue
from tourney.services.csv_import import KINDS, InvalidInput, import_file

PROPERTY_SETTINGS = settings(
    max_examples=examples(40),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
KIND_NAMES = sorted(KINDS)
MAIN_TABLE = {
    "institutions": "institution",
    "teams": "team",
    "adjudicators": "adjudicator",
    "rooms": "venue",
}
HEADERS = sorted(
    {label for kind in KINDS.values() for column in kind.columns for label in column.labels}
    | {"Спикер 1", "speaker 2", "Суханвар 3", "speaker 4", "conflicts (|)", "Эзоҳ"}
)
CELLS = st.one_of(
    st.text(max_size=30),
    st.text(alphabet="\"';,\t\r\n|# ", max_size=8),
    st.sampled_from(
        [
            "",
            "RA-01",
            "RA-01|Литсей 1 Ваҳдат",
            "Литсей 1 Ваҳдат",
            "НТҶ",
            "Khatlon",
            "да",
            "нет",
            "7,5",
            "11",
            "любая",
            "Ваҳдат «Ситора»",
            "Рўзи Ѓарм",
            "#",
            "ж" * 250,
        ]
    ),
)
HUGE = st.sampled_from([""] * 12 + ["x" * 150_000, "ӯ" * 5_000])


@st.composite
def csv_files(draw) -> bytes:
    header = draw(st.lists(st.one_of(st.sampled_from(HEADERS), st.text(max_size=12)), max_size=9))
    width = len(header) + 2
    rows = draw(st.lists(st.lists(CELLS, max_size=width), max_size=12))
    if rows and (huge := draw(HUGE)):
        rows[0] = [*rows[0], huge]
    separator = draw(st.sampled_from([";", ",", "\t", "|"]))
    quoting = draw(st.sampled_from(["minimal", "all", "none"]))
    buffer = io.StringIO()
    if quoting == "none":  # naive joining: quotes and separators inside cells break the file
        buffer.write("\r\n".join(separator.join(row) for row in [header, *rows]))
    else:
        mode = csv.QUOTE_ALL if quoting == "all" else csv.QUOTE_MINIMAL
        csv.writer(buffer, delimiter=separator, quoting=mode).writerows([header, *rows])
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1251"]))
    return buffer.getvalue().encode(encoding, errors="replace")


NAMES = st.text(alphabet="абвгғдӣқӯҳҷАБВҒҚӮҶ ёЁѓў-«»№0123456789\u0304", min_size=1, max_size=40)
VALUES = {
    "region": st.sampled_from(["", "RA", "du", "Khatlon", "НТҶ", "Согдийская область"]),
    "institution": st.sampled_from(
        ["", "Литсей 1 Ваҳдат", "ММ 3 Ҳисор", "Гимназияи ш. Турсунзода"]
    ),
    "division": st.just(""),
    "rating": st.decimals(0, 10, places=1).map(lambda d: str(d).replace(".", ",")),
    "role": st.sampled_from(["", "any", "боковой", "таҷрибаомӯз"]),
    "needs_access": st.sampled_from(["", "да", "не", "yes"]),
    "accessible": st.sampled_from(["", "ҳа", "нет", "no"]),
    "priority": st.integers(1, 5).map(str),
    "conflicts": st.sampled_from(["", "RA-01", "RA-02|Литсей Рашт", "RA-03, RA-04"]),
    "code": st.sampled_from([""] * 5 + ["RA-01", "X-1"]),
    "category": st.sampled_from(["", "мактаб"]),
}


def _plausible(key: str | None) -> st.SearchStrategy[str]:
    """Mostly a value that fits the column, now and then a random cell."""
    fitting = VALUES.get(key or "", NAMES)
    return st.integers(0, 29).flatmap(lambda n: CELLS if n == 0 else fitting)


@st.composite
def nearly_valid_files(draw, kind: str) -> bytes:
    """The template's header and rows of plausible values, now and then a random cell."""
    spec = KINDS[kind]
    header = spec.template(draw(st.sampled_from(["en", "ru", "tg"])), 3)
    header = next(csv.reader(io.StringIO(header.decode("utf-8-sig")), delimiter=";"))
    keys = [spec.match(text) for text in header]
    row = st.tuples(*(_plausible(key) for key in keys))
    rows = draw(st.lists(row, max_size=8))
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=draw(st.sampled_from([";", ","]))).writerows([header, *rows])
    return buffer.getvalue().encode("utf-8-sig")


@pytest.fixture
def tournament(app):
    tournament = make_qualifier()
    for kind in ("institutions", "teams"):
        import_file(tournament, kind, demo_file(kind), None)
    return tournament


def _import_or_refuse(tournament, kind: str, raw: bytes) -> None:
    before = row_counts()
    try:
        report = import_file(tournament, kind, raw, None)
    except InvalidInput as refused:
        event(f"refused: {refused.problems[0].code}")
        assert refused.problems, "a refusal names its problems"
        assert row_counts() == before
        return
    event(f"imported {kind}")
    after = row_counts()
    assert after[MAIN_TABLE[kind]] == before[MAIN_TABLE[kind]] + report.created
    assert after["audit_event"] == before["audit_event"] + 1
    _check_stored_names(tournament)


def _check_stored_names(tournament) -> None:
    for model in (Institution, Team, Adjudicator, Venue):
        for name in db.session.scalars(select(model.name)):
            assert name == " ".join(unicodedata.normalize("NFC", name).split()) and name
    for team in db.session.scalars(select(Team).where(Team.tournament_id == tournament.id)):
        assert [s.position for s in team.speakers] == [1, 2, 3]


@PROPERTY_SETTINGS
@given(kind=st.sampled_from(KIND_NAMES), raw=st.binary(max_size=600))
def test_random_bytes_never_break_the_import(tournament, kind: str, raw: bytes) -> None:
    _import_or_refuse(tournament, kind, raw)


@PROPERTY_SETTINGS
@given(kind=st.sampled_from(KIND_NAMES), raw=csv_files())
def test_random_csv_files_never_break_the_import(tournament, kind: str, raw: bytes) -> None:
    _import_or_refuse(tournament, kind, raw)


@PROPERTY_SETTINGS
@given(data=st.data())
def test_nearly_valid_files_import_whole_or_not_at_all(tournament, data) -> None:
    kind = data.draw(st.sampled_from(KIND_NAMES))
    _import_or_refuse(tournament, kind, data.draw(nearly_valid_files(kind)))


def test_counted_tables_cover_every_import_kind() -> None:
    assert set(MAIN_TABLE.values()) <= {model.__tablename__ for model in COUNTED}
