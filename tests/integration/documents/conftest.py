"""A small tournament with a drawn round, built directly with the models (no draw service).

Names use the Tajik letters Ғ Ӣ Қ Ӯ Ҳ Ҷ, and one team is named with HTML markup, which every
document must print as text.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date

import pytest
from pypdf import PdfReader

from tests import factory
from tests.decisions import stored_decision
from tourney.extensions import db
from tourney.models import (
    Adjudicator,
    Debate,
    DebateAdjudicator,
    DebateResult,
    DebateTeam,
    Motion,
    Round,
    Team,
    Tournament,
    Venue,
)

MARKUP_NAME = "<b>Ҷаҳон</b> & <script>x</script>"
TEAM_NAMES = [
    "Ҷавонони Хуҷанд",
    "Қуллаи Помир",
    "Ғолибони Кӯлоб",
    "Боғи Ӣлоқ",
    MARKUP_NAME,
    "Ситора",
    "Уқоб",
    "Нури Ӯротеппа",
]
FIRST_NAMES = ["Ҷамшед", "Ғафур", "Қудрат", "Ҳусниддин", "Мӯъмин", "Шаҳло", "Зарина", "Фирӯз"]
JUDGE_NAMES = [
    "Ҳамида Қосимова",
    "Ғайрат Шарифов",
    "Ӯрунбой Ҷӯраев",
    "Нигина Раҳимова",
    "Қаҳҳор Мирзоев",
    "Ҷӯрабек Назаров",
    "Сӯҳроб Ғаниев",
]
MOTION = "Ин палата бовар дорад, ки ҳар мактаб бояд клуби мубоҳиса дошта бошад."
REVOKED_JUDGE = "Ҷӯрабек Назаров"
RESERVE_JUDGE = "Сӯҳроб Ғаниев"


@dataclass
class Drawn:
    """The tournament, its first round drawn (4 debates), and everyone by name."""

    tournament: Tournament
    round: Round
    debates: list[Debate]
    teams: list[Team]
    judges: dict[str, Adjudicator]


def build_tournament(format_code: str = "karl_popper") -> Drawn:
    tournament = factory.tournament(
        "final-docs",
        name="Даври ниҳоии Ҷумҳуриявӣ",
        championship="Чемпионати ҷумҳуриявӣ — 2026",
        stage="final",
        format_code=format_code,
        starts_on=date(2026, 4, 18),
    )
    teams = [
        factory.team(
            tournament,
            name,
            f"T-{index + 1:02d}",
            [f"{FIRST_NAMES[(index + p) % 8]} Қодиров-{index}{p}" for p in (1, 2, 3)],
        )
        for index, name in enumerate(TEAM_NAMES)
    ]
    judges = {
        name: Adjudicator(
            tournament=tournament,
            name=name,
            token=None if name == REVOKED_JUDGE else f"token-{number:02d}-abcdefghijklmnop",
        )
        for number, name in enumerate(JUDGE_NAMES)
    }
    rooms = [Venue(tournament=tournament, name=f"Аудиторияи {n}") for n in (12, 3, 101, 7)]
    rnd = Round(tournament=tournament, seq=1, name="1", kind="prelim", status="drawn")
    rnd.motions.append(Motion(text=MOTION))
    second = Round(tournament=tournament, seq=2, name="2", kind="prelim")
    db.session.add_all([tournament, rnd, second, *teams, *judges.values(), *rooms])
    db.session.flush()
    panels = [JUDGE_NAMES[0:3], [JUDGE_NAMES[3]], [JUDGE_NAMES[4]], [REVOKED_JUDGE]]
    sides = ("aff", "neg") if format_code != "british_parliamentary" else ("og", "oo")
    debates = []
    for index, panel in enumerate(panels):
        debate = Debate(round=rnd, position=index + 1, venue=rooms[index])
        debate.teams = [
            DebateTeam(round_id=rnd.id, team=teams[2 * index + i], side=side)
            for i, side in enumerate(sides)
        ]
        debate.adjudicators = [
            DebateAdjudicator(
                round_id=rnd.id, adjudicator=judges[name], role="chair" if i == 0 else "panellist"
            )
            for i, name in enumerate(panel)
        ]
        debates.append(debate)
    db.session.add_all(debates)
    db.session.commit()
    return Drawn(tournament, rnd, debates, teams, judges)


def confirm(debate: Debate, winner: str, base: int) -> None:
    """A confirmed result: ``winner`` side wins; speaker scores count up from ``base``."""
    speeches = [
        (seat.side, str(s.position), s.id, base + (5 if seat.side == winner else 0) + s.position)
        for seat in debate.teams
        for s in seat.team.speakers
    ]
    loser = next(s.side for s in debate.teams if s.side != winner)
    decision = stored_decision(winner, loser, speeches)
    db.session.add(DebateResult(debate=debate, decision=decision))
    db.session.commit()


@pytest.fixture(autouse=True)
def request_context(app):
    """Documents are made inside a request, whose language they use: English here, so the tests
    read the source strings whatever the catalogs hold."""
    with app.test_request_context(headers={"Accept-Language": "en"}):
        yield


@pytest.fixture
def drawn(app) -> Drawn:
    return build_tournament()


def read_pdf(data: bytes) -> PdfReader:
    assert data.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(data))


def page_texts(data: bytes) -> list[str]:
    return [page.extract_text() for page in read_pdf(data).pages]


def flat(text: str) -> str:
    """Text without any white space: large type wraps long names anywhere, even after a "/"."""
    return "".join(text.split())


def flat_text(data: bytes) -> str:
    return flat("".join(page_texts(data)))


def font_names(data: bytes) -> set[str]:
    """The base names of every font embedded in the PDF (subset prefix dropped)."""
    names = set()
    for page in read_pdf(data).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return names


def image_count(page) -> int:
    """Images painted on the page (WeasyPrint shares one resource dictionary between pages)."""
    objects = page["/Resources"].get("/XObject", {})
    images = {name for name, o in objects.items() if o.get_object()["/Subtype"] == "/Image"}
    painted = re.findall(rb"(/[^\s/]+)\s+Do\b", page.get_contents().get_data())
    return sum(1 for name in painted if name.decode() in images)
