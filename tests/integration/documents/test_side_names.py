"""A format names its sides the same way everywhere: a World Schools "aff" is the Proposition on
the public draw, a team's page, the printed draw, the CSV export and in the API (issue 16)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.integration.documents.conftest import build_tournament, flat, flat_text
from tourney.documents import draw_sheets
from tourney.extensions import db
from tourney.services.accounts import create_user

# (Proposition, Opposition, Affirmative, Negative) in each language's catalog
NAMES = {
    "en": ("Proposition", "Opposition", "Affirmative", "Negative"),
    "ru": ("Пропозиция", "Оппозиция", "Утверждение", "Отрицание"),
    "tg": ("Тарафи пешниҳод", "Мухолифин", "Тарафи тасдиқ", "Тарафи инкор"),
}


@pytest.fixture
def released(app):
    drawn = build_tournament("world_schools")
    drawn.round.status = "released"
    drawn.round.draw_released_at = datetime.now(UTC)
    db.session.commit()
    return drawn


def test_the_catalog_names_are_the_ones_this_test_expects(app) -> None:
    from flask_babel import force_locale

    from tourney.labels import side_label

    for lang, (prop, opp, aff, neg) in NAMES.items():
        with force_locale(lang):
            assert side_label("world_schools", "aff") == prop
            assert side_label("world_schools", "neg") == opp
            assert side_label("karl_popper", "aff") == aff
            assert side_label("karl_popper", "neg") == neg


@pytest.mark.parametrize("lang", NAMES)
def test_public_draw_and_team_page_use_the_format_side_names(app, released, lang) -> None:
    prop, opp, aff, neg = NAMES[lang]
    client = app.test_client()
    team = released.teams[0]
    for url in (
        f"/t/final-docs?lang={lang}",
        f"/t/final-docs/draw/1?lang={lang}",
        f"/t/final-docs/team/{team.code}?lang={lang}",
    ):
        page = client.get(url).get_data(as_text=True)
        assert prop in page, url
        assert aff not in page and neg not in page, url
    draw = client.get(f"/t/final-docs/draw/1?lang={lang}").get_data(as_text=True)
    assert opp in draw


@pytest.mark.parametrize("lang", NAMES)
def test_printed_draw_uses_the_format_side_names(app, released, lang) -> None:
    prop, opp, aff, neg = NAMES[lang]
    with app.test_request_context(headers={"Accept-Language": lang}):
        by_room = flat_text(draw_sheets.draw_by_room_pdf(released.tournament, released.round))
        by_team = flat_text(draw_sheets.draw_by_team_pdf(released.tournament, released.round))
    for text in (by_room, by_team):
        assert flat(prop) in text and flat(opp) in text
        assert flat(aff) not in text and flat(neg) not in text


def test_csv_draw_export_uses_the_format_side_names(app, released) -> None:
    create_user("director", "secret-pass", "tab_director")
    client = app.test_client()
    client.post("/login", data={"username": "director", "password": "secret-pass"})
    header = client.get("/admin/t/final-docs/export/draw.csv?round=1&lang=en").get_data(
        as_text=True
    )
    first = header.lstrip("\ufeff").splitlines()[0]
    assert "Proposition" in first and "Opposition" in first and "Affirmative" not in first


def test_api_names_the_sides_of_the_format(app, released) -> None:
    body = app.test_client().get("/api/v1/tournaments/final-docs").json
    assert body["tournament"]["sides"] == [
        {"code": "aff", "name": "Proposition"},
        {"code": "neg", "name": "Opposition"},
    ]
    draw = app.test_client().get("/api/v1/tournaments/final-docs/rounds/1/draw").json
    assert {seat["side"] for d in draw["debates"] for seat in d["teams"]} == {"aff", "neg"}
