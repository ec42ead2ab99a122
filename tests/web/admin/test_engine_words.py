"""Engine codes never reach a page as raw words: the pairing method in the draw explanations,
the schedule's kind of item ("round")."""

from __future__ import annotations

import random
import re
from datetime import date, time

from sqlalchemy import select

from tests.integration.draws.helpers import confirm_all
from tests.web.admin.test_round_workflow import _round, organiser  # noqa: F401
from tourney.extensions import db
from tourney.models import Tournament, User
from tourney.services import tournaments


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def test_the_draw_explanations_name_the_pairing_method_in_tajik(organiser) -> None:  # noqa: F811
    base = "/admin/t/gbao/rounds"
    for seq in (1, 2):
        organiser.post(f"{base}/{seq}/draw")
        if seq == 1:
            organiser.post(f"{base}/1/release", data={"confirm": "1"})
            confirm_all(_round("gbao", 1), random.Random(2))
            organiser.post(f"{base}/1/close")
    page = _text(organiser.get(f"{base}/2?lang=tg").get_data(as_text=True))
    assert "Гурӯҳи" in page  # the power-pairing sentence is there
    assert not re.search(r"\b(fold|slide|adjacent)\b", page)
    page = _text(organiser.get(f"{base}/2?lang=ru").get_data(as_text=True))
    assert not re.search(r"\b(fold|slide|adjacent)\b", page)


def test_a_round_on_the_schedule_is_named_in_the_readers_language(organiser) -> None:  # noqa: F811
    t = db.session.scalar(select(Tournament).where(Tournament.slug == "gbao"))
    user = db.session.scalar(select(User).where(User.username == "director"))
    tournaments.add_schedule_item(
        t,
        kind="round",
        title="",
        day=date(2026, 3, 14),
        start=time(10, 0),
        building="",
        round_seq=2,
        user=user,
    )
    admin = _text(organiser.get("/admin/t/gbao/schedule?lang=tg").get_data(as_text=True))
    assert "Даври 2" in admin and not re.search(r"\bround\b", admin)
    public = _text(organiser.get("/t/gbao/schedule?lang=tg").get_data(as_text=True))
    assert "Даври 2" in public
