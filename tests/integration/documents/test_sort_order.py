"""Names sort by the Tajik alphabet on screen and on paper alike (issue 15 item 18): Ғ after Г,
Қ after К, Ӯ after У, Ҷ after Ч…, not after Я as their code points would put them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.integration.documents.conftest import TEAM_NAMES, build_tournament
from tourney.documents import draw_sheets
from tourney.extensions import db
from tourney.services import participants

IN_TAJIK_ORDER = [
    "Боғи Ӣлоқ",
    "Ғолибони Кӯлоб",
    "Қуллаи Помир",
    "Нури Ӯротеппа",
    "Ситора",
    "Уқоб",
    "Ҷавонони Хуҷанд",
]


@pytest.fixture
def released(app):
    drawn = build_tournament()
    drawn.round.status = "released"
    drawn.round.draw_released_at = datetime.now(UTC)
    db.session.commit()
    return drawn


def _order(text: str, names: list[str]) -> list[str]:
    return sorted(names, key=text.index)


def test_the_expected_order_is_the_tajik_one() -> None:
    assert set(IN_TAJIK_ORDER) <= set(TEAM_NAMES)
    assert sorted(IN_TAJIK_ORDER) != IN_TAJIK_ORDER  # code-point order differs


def test_public_team_list_and_printed_draw_share_the_tajik_order(app, released) -> None:
    page = app.test_client().get("/t/final-docs/teams").get_data(as_text=True)
    page = page[page.index('class="team-list"') :]
    assert _order(page, IN_TAJIK_ORDER) == IN_TAJIK_ORDER
    rows = draw_sheets.by_team(released.tournament, released.round)  # the draw-by-team sheet
    printed = [row.team_name for row in rows if row.team_name in IN_TAJIK_ORDER]
    assert printed == IN_TAJIK_ORDER


def test_the_organisers_lists_use_the_tajik_order(app, released) -> None:
    assert [j.name for j in participants.adjudicators(released.tournament)] == [
        "Ғайрат Шарифов",
        "Қаҳҳор Мирзоев",
        "Нигина Раҳимова",
        "Сӯҳроб Ғаниев",
        "Ӯрунбой Ҷӯраев",
        "Ҳамида Қосимова",
        "Ҷӯрабек Назаров",
    ]
