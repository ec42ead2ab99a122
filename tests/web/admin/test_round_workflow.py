"""The organiser's round pages through the test client: every step, refusals, edits, roles."""

from __future__ import annotations

import random
import re

import pytest
from sqlalchemy import select

from tests.integration.draws.helpers import confirm_all
from tourney.extensions import db
from tourney.models import AuditEvent, Debate, Round, Tournament
from tourney.services import demo


@pytest.fixture
def organiser(client):
    demo.load()
    client.set_cookie("lang", "en")
    client.post("/login", data={"username": "director", "password": "demo"})
    return client


def _round(slug: str, seq: int) -> Round:
    t = db.session.scalar(select(Tournament).where(Tournament.slug == slug))
    return db.session.scalar(select(Round).where(Round.tournament_id == t.id, Round.seq == seq))


def test_every_admin_page_renders(organiser) -> None:
    for path in [
        "/admin/",
        "/admin/t/final",
        "/admin/t/final/settings",
        "/admin/t/final/schedule",
        "/admin/t/final/rounds/1",
        "/admin/t/final/standings",
        "/admin/t/final/break",
        "/admin/t/final/audit",
        "/admin/championships/1/final",
        "/admin/championships/new",
        "/admin/championships/1/tournaments/new",
    ]:
        response = organiser.get(path + "?lang=ru")
        assert response.status_code == 200, path


def test_a_round_from_draw_to_published_results(organiser) -> None:
    base = "/admin/t/gbao/rounds/1"
    organiser.post(base + "/draw")
    page = organiser.get(base).get_data(as_text=True)
    assert "Why these teams meet" in page
    organiser.post(base + "/allocate")
    organiser.post(base + "/release", data={"confirm": "1"})
    round_ = _round("gbao", 1)
    assert round_.status == "released"
    response = organiser.post(base + "/release", data={"confirm": "1"}, follow_redirects=True)
    assert "already released" in response.get_data(as_text=True)
    assert "The draw is public: an edit shows at once" in response.get_data(as_text=True)
    response = organiser.post(base + "/close", follow_redirects=True)
    assert "have no confirmed result yet" in response.get_data(as_text=True)
    confirm_all(round_, random.Random(1))
    organiser.post(base + "/close")
    organiser.post(base + "/publish", data={"confirm": "1"})
    db.session.expire_all()
    round_ = _round("gbao", 1)
    assert round_.status == "closed" and round_.results_released_at is not None
    standings = organiser.get("/admin/t/gbao/standings").get_data(as_text=True)
    assert standings.count('<td class="num">1</td>') >= 1
    actions = db.session.scalars(select(AuditEvent.action)).all()
    assert {
        "draw_generated",
        "draw_allocated",
        "draw_released",
        "round_closed",
        "results_released",
    } <= set(actions)


def test_swap_sides_and_teams_from_the_page(organiser) -> None:
    base = "/admin/t/gbao/rounds/1"
    organiser.post(base + "/draw")
    round_ = _round("gbao", 1)
    debate = db.session.scalars(select(Debate).where(Debate.round_id == round_.id)).first()
    aff_before = debate.team_on("aff").id
    organiser.post(f"{base}/debates/{debate.id}/swap-sides", data={"version": round_.draw_version})
    db.session.expire_all()
    assert debate.team_on("neg").id == aff_before
    stale = organiser.post(
        f"{base}/debates/{debate.id}/swap-sides", data={"version": 0}, follow_redirects=True
    )
    assert "Someone else changed this" in stale.get_data(as_text=True)


def test_ballot_clerk_cannot_draw(client) -> None:
    demo.load()
    client.post("/login", data={"username": "clerk", "password": "demo"})
    assert client.post("/admin/t/gbao/rounds/1/draw").status_code == 403
    assert _round("gbao", 1).status == "setup"


def test_settings_save_and_add_rounds(organiser) -> None:
    page = organiser.get("/admin/t/gbao/settings").get_data(as_text=True)
    assert 'name="prelim_rounds"' in page
    data = {
        "name": "ВМКБ 2026",
        "slug": "gbao",
        "stage": "qualifier",
        "region": "GB",
        "format_code": "karl_popper",
        "prelim_rounds": 5,
        "break_size": 4,
        "qualify_top": 2,
        "pairing": "slide",
        "panel_size": 3,
        "avoid_same_institution": "y",
        "public_top_n": 0,
        "wildcards": 0,
    }
    response = organiser.post("/admin/t/gbao/settings", data=data)
    assert response.status_code == 302
    t = db.session.scalar(select(Tournament).where(Tournament.slug == "gbao"))
    assert t.name == "ВМКБ 2026" and t.settings["pairing"] == "slide"
    rounds = db.session.scalars(select(Round).where(Round.tournament_id == t.id)).all()
    assert len(rounds) == 5 and {r.panel_size for r in rounds} == {3}
    bad = organiser.post(
        "/admin/t/gbao/settings", data={**data, "slug": "Not a slug!"}, follow_redirects=True
    )
    assert re.search("address|slug|адрес|суроға", bad.get_data(as_text=True), re.I)
