"""CSV import at scale: a 100,000-row file is refused early with little memory, a 50 MB upload is
refused before it is read, and a file at the row limit is imported whole."""

from __future__ import annotations

import io
import time
import tracemalloc

from flask_babel import refresh
from sqlalchemy import func, select

from tests.integration.participants.helpers import csv_bytes, director, make_qualifier, row_counts
from tourney.extensions import db
from tourney.models import Speaker, Team
from tourney.services.csv_import import InvalidInput, import_file
from tourney.services.csv_import.reading import MAX_ROWS

HEADER = ["name", "code", "speaker 1", "speaker 2", "speaker 3"]


def _teams(count: int) -> bytes:
    return csv_bytes(
        [HEADER, *([f"Дастаи {i}", f"C{i}", f"Ҷ {i}", f"Ғ {i}", f"Қ {i}"] for i in range(count))]
    )


def test_a_100000_row_file_is_refused_quickly_and_in_little_memory(app) -> None:
    tournament = make_qualifier()
    raw = _teams(100_000)
    before = row_counts()
    tracemalloc.start()
    started = time.perf_counter()
    try:
        import_file(tournament, "teams", raw, None)
    except InvalidInput as refused:
        problems = refused.problems
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    db.session.rollback()
    assert [(p.code, p.params) for p in problems] == [("too_many_rows", {"max": MAX_ROWS})]
    assert row_counts() == before
    assert peak < 20 * len(raw) and elapsed < 20  # rows after the limit are never kept


def test_a_50_megabyte_upload_is_refused_with_a_translated_page_before_it_is_read(
    app, client
) -> None:
    make_qualifier()
    director()
    client.post("/login", data={"username": "director", "password": "secret-pass"})
    before = row_counts()
    huge = b"name;code\r\n" + b"x;y\r\n" * (10 * 1024 * 1024)
    for language, words in (("en", "larger than 5 MB"), ("ru", "больше 5 МБ"), ("tg", "5 МБ")):
        body = io.BytesIO(huge)
        refresh()  # the test keeps one app context: forget the previous request's language
        response = client.post(
            "/admin/t/ra/import",
            data={"kind": "teams", "file": (body, "huge.csv")},
            headers={"Accept-Language": language},
        )
        assert response.status_code == 413
        assert words in response.get_data(as_text=True)
    assert row_counts() == before


def test_a_file_at_the_row_limit_is_imported_whole(app) -> None:
    tournament = make_qualifier()
    report = import_file(tournament, "teams", _teams(MAX_ROWS), None)
    assert report.created == MAX_ROWS
    assert db.session.scalar(select(func.count(Team.id))) == MAX_ROWS
    assert db.session.scalar(select(func.count(Speaker.id))) == 3 * MAX_ROWS
