from collections.abc import Callable, Iterable
from decimal import Decimal
from fractions import Fraction

import pytest
from flask_babel import force_locale

from tourney import create_app
from tourney.labels import (
    ballot_status_label,
    qualification_status_label,
    result_status_label,
    score_text,
    status_label,
)
from tourney.models.breaks import QUALIFICATION_STATUSES
from tourney.models.draw import ROUND_STATUSES
from tourney.models.results import BALLOT_STATUSES, RESULT_STATUSES


def test_score_text_is_exact_where_it_can_be() -> None:
    assert score_text(Fraction(151, 2)) == "75.5"
    assert score_text(Fraction(224)) == "224"
    assert score_text(Fraction(200)) == "200"
    assert score_text(Fraction(-5)) == "-5"
    assert score_text(Fraction(0)) == "0"
    assert score_text(Fraction(226, 3)) == "75.333333"
    assert Decimal(score_text(Fraction(1, 8))) == Decimal("0.125")


@pytest.fixture(scope="module")
def babel_app():
    """An app for its catalogs only: nothing here touches a database."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "TESTING": True})
    with app.test_request_context():
        yield app


STATUSES: list[tuple[Callable[[str], str], Iterable[str]]] = [
    (status_label, ROUND_STATUSES),
    (ballot_status_label, BALLOT_STATUSES),
    (result_status_label, RESULT_STATUSES),
    (qualification_status_label, QUALIFICATION_STATUSES),
]


@pytest.mark.parametrize(
    ("label", "codes"), STATUSES, ids=[label.__name__ for label, _ in STATUSES]
)
def test_every_stored_status_has_a_label_in_every_language(babel_app, label, codes) -> None:
    """Each status the database may hold is named, and translated: a code without a label
    would show as itself, which no Tajik or Russian word is."""
    for code in codes:
        with force_locale("en"):
            english = label(code)
        assert english
        for language in ("tg", "ru"):
            with force_locale(language):
                translated = label(code)
            assert translated not in (code, english), (language, code)


def test_statuses_read_as_the_history_tables_say_them(babel_app) -> None:
    with force_locale("en"):
        assert ballot_status_label("superseded") == "replaced by a newer version"
        assert result_status_label("retracted") == "retracted"
        assert qualification_status_label("confirmed") == "in the final"
