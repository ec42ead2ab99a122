"""The audit log reads as sentences: translated event names, people and debates by name,
filters by round, person and kind, and pages instead of one endless table."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from tests.integration.ballots.builders import sheet
from tests.web.admin.test_round_workflow import _round, organiser  # noqa: F401
from tourney.extensions import db
from tourney.models import AuditEvent, User
from tourney.services import attendance, ballots

AFF_WINS = {"aff": [25, 26, 27], "neg": [24, 25, 26]}
CODES = re.compile(r"\b(draw_\w+|ballot_\w+|debate_id|adjudicator_id|availability_\w+|round:)")


def _rows(html: str) -> list[str]:
    body = html.split("<tbody>")[1].split("</tbody>")[0]
    return [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip()
        for row in body.split("</tr>")[:-1]
    ]


def test_the_log_names_events_people_and_debates_and_filters_them(organiser) -> None:  # noqa: F811
    base = "/admin/t/gbao/rounds/1"
    organiser.post(base + "/draw")
    organiser.post(base + "/allocate")
    organiser.post(base + "/release", data={"confirm": "1"})
    round_ = _round("gbao", 1)
    debate = round_.debates[0]
    chair = next(seat.adjudicator for seat in debate.adjudicators if seat.role == "chair")
    ballots.submit_from_link(chair, sheet(debate, AFF_WINS))
    teams = [dt.team.name for dt in debate.teams]

    page = organiser.get("/admin/t/gbao/audit?lang=tg").get_data(as_text=True)
    rows = _rows(page)
    assert not CODES.search(" ".join(rows)), rows
    received = next(row for row in rows if "Варақа қабул шуд" in row)
    assert f"{chair.name} (пайванди шахсӣ)" in received
    assert all(name in received for name in teams) and "Даври 1" in received
    assert any("Тақсимот эълон шуд" in row for row in rows)

    judge = organiser.get(f"/admin/t/gbao/audit?lang=en&person=judge:{chair.id}")
    assert [row.split(" ", 3)[-1] for row in _rows(judge.get_data(as_text=True))] and all(
        "Ballot received" in row for row in _rows(judge.get_data(as_text=True))
    )
    released = _rows(
        organiser.get("/admin/t/gbao/audit?lang=en&kind=draw_released").get_data(as_text=True)
    )
    assert len(released) == 1 and "Draw released" in released[0]
    other_round = _rows(organiser.get("/admin/t/gbao/audit?lang=en&round=2").get_data(as_text=True))
    assert other_round == ["Nothing recorded yet."]


def test_the_log_comes_in_pages(organiser) -> None:  # noqa: F811
    round_ = _round("gbao", 1)
    user = db.session.scalar(select(User).where(User.username == "director"))
    for n in range(60):
        attendance.set_group(round_, "venue", n % 2 == 0, user)
    total = db.session.scalar(
        select(func.count())
        .select_from(AuditEvent)
        .where(AuditEvent.tournament_id == round_.tournament_id)
    )
    assert 60 <= total <= 100
    first = organiser.get("/admin/t/gbao/audit?lang=en").get_data(as_text=True)
    assert len(_rows(first)) == 50 and "Page 1 of 2" in first and f"{total} events" in first
    second = organiser.get("/admin/t/gbao/audit?lang=en&page=2").get_data(as_text=True)
    assert len(_rows(second)) == total - 50
    assert "Attendance changed for a group" in second and "room" in second
