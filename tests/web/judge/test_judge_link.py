"""The judge's private link: what the page shows, the JSON and no-JS submits, refusals."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import func, select

from tests.integration.ballots.builders import release_round, small_tournament, user
from tests.query_count import first_lines, statements_sent
from tourney.extensions import db
from tourney.models import Ballot
from tourney.services import links

SCORES = {"aff": ["25", "26", "27"], "neg": ["24", "25", "26"]}


@pytest.fixture
def released(app):
    return release_round(small_tournament())


def fields(debate, scores=SCORES, **extra) -> dict[str, str]:
    data = {"debate_id": str(debate.id), "key": extra.pop("key", "k" * 32), "winner": "aff"}
    for dt in debate.teams:
        for position, (speaker, score) in enumerate(
            zip(dt.team.speakers, scores[dt.side], strict=True), start=1
        ):
            data[f"{dt.side}.{position}.speaker"] = str(speaker.id)
            data[f"{dt.side}.{position}.score"] = score
    data.update(extra)
    return data


def ballots_stored() -> int:
    return db.session.scalar(select(func.count()).select_from(Ballot))


def test_the_page_shows_the_judges_debate_and_nothing_else(client, released) -> None:
    debate, other = released.debates
    chair = released.seat(debate, "chair")
    response = client.get(f"/j/{chair.token}?lang=en")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert "This house would test" in page and "Room 1" in page
    for dt in debate.teams:
        assert dt.team.name in page
        assert all(s.name in page for s in dt.team.speakers)
    assert all(a.adjudicator.name in page for a in debate.adjudicators)
    assert not any(dt.team.name in page for dt in other.teams)
    assert not any(a.adjudicator.name in page for a in other.adjudicators)
    # CSP: no inline script or style; the translated messages travel as a data attribute.
    assert not re.search(r"<script(?![^>]*\bsrc=)", page) and " style=" not in page
    config = json.loads(re.search(r"data-config='([^']*)'", page).group(1))
    assert config["debate_id"] == debate.id and config["messages"]["score_missing"]
    assert "lang=en" in response.headers["Set-Cookie"]  # the judge's own language switch


def test_a_forged_link_gets_the_plain_404_and_a_revoked_one_says_it_was_replaced(
    client, released
) -> None:
    chair = released.seat(released.debates[0], "chair")
    token = chair.token
    forged = client.get("/j/AAAAAAAAAAAAAAAAAAAAAAAA", headers={"Accept-Language": "ru"})
    assert forged.status_code == 404
    assert "Такой страницы не существует." in forged.get_data(as_text=True)
    links.revoke(chair, user("director", "tab_director"))
    revoked = client.get(f"/j/{token}", headers={"Accept-Language": "ru"})
    assert revoked.status_code == 410
    assert "Эта ссылка заменена" in revoked.get_data(as_text=True)
    assert client.post(f"/j/{token}/ballot", json=fields(released.debates[0])).status_code == 410


def test_json_submit_then_retry_then_change(client, released) -> None:
    debate = released.debates[0]
    url = f"/j/{released.seat(debate, 'chair').token}/ballot"
    first = client.post(url, json=fields(debate))
    assert first.status_code == 201
    receipt = first.get_json()["receipt"]
    assert receipt["version"] == 1 and re.fullmatch(
        r"\d\d\.\d\d\.\d{4} \d\d:\d\d", receipt["submitted_at_local"]
    )
    again = client.post(url, json=fields(debate))
    assert (
        again.status_code == 200
        and again.get_json()["receipt"]["ballot_id"] == receipt["ballot_id"]
    )
    changed = client.post(url, json=fields(debate, key="c" * 32, comments="Clear clash on harms."))
    assert changed.status_code == 201 and changed.get_json()["receipt"]["version"] == 2
    assert ballots_stored() == 2


@pytest.mark.parametrize("auto_confirm", [False, True])
def test_a_submit_sends_a_bounded_number_of_statements(client, app, auto_confirm) -> None:
    """Three hundred judges submit within seconds: each ballot must cost few round trips."""
    released = release_round(small_tournament(settings={"auto_confirm": auto_confirm}))
    debate = released.debates[0]
    url = f"/j/{released.seat(debate, 'chair').token}/ballot"
    payload = fields(debate)
    db.session.expire_all()
    with statements_sent() as statements:
        assert client.post(url, json=payload).status_code == 201
    # Reading the seat, storing ballot + scores + audit; the panel check only when asked for.
    assert len(statements) <= (25 if auto_confirm else 18), first_lines(statements)


def test_json_errors_are_structured_and_translated(client, released) -> None:
    debate = released.debates[0]
    url = f"/j/{released.seat(debate, 'chair').token}/ballot?lang=ru"
    scores = {"aff": ["25", "26", "3x"], "neg": ["24", "25", "31"]}
    response = client.post(url, json=fields(debate, scores))
    assert response.status_code == 422
    errors = {e["field"]: e for e in response.get_json()["errors"]}
    assert errors["aff.3.score"]["code"] == "score_invalid"
    assert errors["neg.3.score"]["code"] == "score_out_of_range"
    assert "15" in errors["neg.3.score"]["message"] and "30" in errors["neg.3.score"]["message"]
    assert ballots_stored() == 0


def test_refusals_say_why(client, released) -> None:
    debate, other = released.debates
    url = f"/j/{released.seat(debate, 'chair').token}/ballot?lang=en"
    response = client.post(url, json=fields(other))
    assert response.status_code == 409 and response.get_json()["code"] == "not_on_panel"
    released.round.status = "closed"
    db.session.commit()
    response = client.post(url, json=fields(debate))
    assert response.get_json()["code"] == "round_closed"
    assert "closed" in response.get_json()["message"]
    assert client.post(url, json=["not", "a", "ballot"]).get_json()["code"] == "malformed"


def test_the_form_works_without_javascript(client, released) -> None:
    debate = released.debates[0]
    token = released.seat(debate, "chair").token
    bad = client.post(f"/j/{token}/ballot?lang=en", data=fields(debate, winner="neg"))
    assert bad.status_code == 422
    assert "confirm the low-point win" in bad.get_data(as_text=True)
    done = client.post(f"/j/{token}/ballot", data=fields(debate))
    assert done.status_code == 303
    page = client.get(done.headers["Location"] + "&lang=en").get_data(as_text=True)
    assert "Ballot received at" in page and ballots_stored() == 1


def test_a_consensus_panellist_sees_the_debate_but_no_form(client, app) -> None:
    from tourney.scoring import FORMATS

    tournament = small_tournament(debates=1)
    tournament.format_overrides = (
        FORMATS["karl_popper"].with_options(ballot_mode="consensus").to_dict()
    )
    db.session.commit()
    released = release_round(tournament)
    page = client.get(f"/j/{released.seat(released.debates[0], 'panellist').token}?lang=en")
    text = page.get_data(as_text=True)
    assert "The chair submits one ballot for the whole panel" in text
    assert 'id="ballot"' not in text


def test_a_judge_without_a_debate_is_told_so(client, app) -> None:
    tournament = small_tournament(debates=1, panel=("chair",))
    from tourney.models import Adjudicator

    spare = db.session.scalar(select(Adjudicator).where(Adjudicator.tournament_id == tournament.id))
    page = client.get(f"/j/{spare.token}?lang=en").get_data(as_text=True)
    assert "There is no debate to judge right now" in page
    release_round(tournament, panel=())
    page = client.get(f"/j/{spare.token}?lang=en").get_data(as_text=True)
    assert "You are not on a panel in this round (Round 1)." in page


def test_csrf_stays_on_and_the_page_carries_the_token(app, database_url, released) -> None:
    from tourney import create_app

    guarded = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "TESTING": True})
    debate = released.debates[0]
    token = released.seat(debate, "chair").token
    try:
        with guarded.test_client() as client:
            page = client.get(f"/j/{token}").get_data(as_text=True)
            csrf = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
            refused = client.post(f"/j/{token}/ballot", json=fields(debate))
            assert refused.status_code == 400
            sent = client.post(
                f"/j/{token}/ballot", json=fields(debate), headers={"X-CSRFToken": csrf}
            )
            assert sent.status_code == 201
            fresh = client.get(f"/j/{token}/csrf").get_json()["csrf"]
            again = client.post(
                f"/j/{token}/ballot", json=fields(debate), headers={"X-CSRFToken": fresh}
            )
            assert again.status_code == 200
    finally:
        with guarded.app_context():
            db.session.remove()
            db.engine.dispose()


def test_the_page_follows_the_draw_by_conditional_get(client, released) -> None:
    debate = released.debates[0]
    chair = released.seat(debate, "chair")
    first = client.get(f"/j/{chair.token}/live")
    body = first.get_json()
    assert first.status_code == 200 and body["form"].startswith(f"{debate.id}:")
    assert "Room 1" in body["html"]
    again = client.get(f"/j/{chair.token}/live", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and not again.get_data()
    assert client.get("/j/" + "x" * 24 + "/live").status_code == 404


def test_the_app_shell_is_served_for_every_judges_page(client) -> None:
    response = client.get("/j/sw.js")
    assert response.status_code == 200
    assert response.headers["Service-Worker-Allowed"] == "/j"
    assert "javascript" in response.content_type and b"tourney-judge-v1" in response.data
