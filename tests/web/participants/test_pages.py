"""Participants pages through the test client: roles, forms, refusals in the user's language,
the import page and the templates."""

from __future__ import annotations

import codecs
import io
import re

import pytest
from sqlalchemy import func, select

from tests.integration.participants.helpers import (
    IMPORT_ORDER,
    csv_bytes,
    demo_file,
    make_qualifier,
    row_counts,
)
from tourney.extensions import db
from tourney.models import Debate, DebateTeam, Round, Team
from tourney.services.accounts import create_user
from tourney.services.csv_import import import_file

BASE = "/admin/t/ra"


@pytest.fixture
def tournament(app):
    tournament = make_qualifier()
    for kind in IMPORT_ORDER:
        import_file(tournament, kind, demo_file(kind), None)
    return tournament


def _login(client, role: str) -> None:
    """Log in, with English as the interface language unless a request asks otherwise."""
    client.set_cookie("lang", "en")
    create_user(role, "secret-pass", role)
    response = client.post("/login", data={"username": role, "password": "secret-pass"})
    assert response.status_code == 302


def _upload(client, kind: str, raw: bytes, **headers):
    return client.post(
        f"{BASE}/import",
        data={"kind": kind, "file": (io.BytesIO(raw), f"{kind}.csv")},
        content_type="multipart/form-data",
        headers=headers,
    )


def _text(response) -> str:
    return response.get_data(as_text=True)


def _team_id(code: str) -> int:
    return db.session.scalar(select(Team.id).where(Team.code == code))


def test_lists_show_everyone_and_clerks_only_look(client, tournament) -> None:
    assert client.get(f"{BASE}/teams").status_code == 302  # to the login page
    _login(client, "ballot_clerk")
    for path in ("teams", "institutions", "adjudicators", "rooms"):
        page = _text(client.get(f"{BASE}/{path}"))
        assert "Edit" not in page and "/new" not in page
        assert "style=" not in page and "<script" not in page
        assert client.get(f"{BASE}/{path}/new").status_code == 403
        assert client.post(f"{BASE}/{path}/new", data={"name": "x"}).status_code == 403
    assert client.get(f"{BASE}/import").status_code == 403


def test_the_lists_show_the_imported_participants(client, tournament) -> None:
    _login(client, "tab_director")
    teams = _text(client.get(f"{BASE}/teams"))
    assert "Ваҳдат «Ситора»" in teams and "Дилноза Қодирова" in teams and "RA-10" in teams
    judges = _text(client.get(f"{BASE}/adjudicators"))
    assert "Баҳодур Каримов" in judges and "RA-03" in judges
    assert "Китобхона" in _text(client.get(f"{BASE}/rooms"))
    assert "ДО Рашт" in _text(client.get(f"{BASE}/institutions"))
    assert client.get("/admin/t/nowhere/teams").status_code == 404


def test_add_a_team_through_the_form(client, tournament) -> None:
    _login(client, "tab_director")
    form = _text(client.get(f"{BASE}/teams/new"))
    assert form.count('name="speakers-') == 3
    response = client.post(
        f"{BASE}/teams/new",
        data={
            "name": "Ваҳдат «Нав»",
            "code": "",
            "institution": "0",
            "division": "0",
            "speakers-0": "Аҳмад",
            "speakers-1": "Бобур",
            "speakers-2": "Ваҳҳоб",
        },
    )
    assert response.status_code == 302 and response.headers["Location"].endswith(f"{BASE}/teams")
    assert "RA-11" in _text(client.get(f"{BASE}/teams"))


def test_a_refused_form_shows_each_problem_at_its_field_in_russian(client, tournament) -> None:
    _login(client, "tab_director")
    response = client.post(
        f"{BASE}/teams/new?lang=ru",
        data={"name": "Ваҳдат «Ситора»", "institution": "0", "division": "0", "speakers-0": "А"},
    )
    assert response.status_code == 422
    page = _text(response)
    assert page.count('class="error"') >= 2
    before = row_counts()
    response = client.post(f"{BASE}/rooms/new", data={"name": "", "priority": "1000"})
    assert response.status_code == 422 and row_counts() == before


def test_edit_a_judge_with_a_russian_decimal_comma(client, tournament) -> None:
    _login(client, "tab_director")
    judges = _text(client.get(f"{BASE}/adjudicators"))
    judge_id = int(re.search(r"/adjudicators/(\d+)/edit", judges).group(1))
    form = _text(client.get(f"{BASE}/adjudicators/{judge_id}/edit"))
    assert 'name="team_conflicts"' in form
    response = client.post(
        f"{BASE}/adjudicators/{judge_id}/edit",
        data={
            "name": "Баҳодур Каримов",
            "institution": "0",
            "region": "0",
            "rating": "6,75",
            "role": "wing",
            "team_conflicts": [str(_team_id("RA-01"))],
        },
    )
    assert response.status_code == 302
    assert "6.75" in _text(client.get(f"{BASE}/adjudicators"))


def test_removing_a_team_that_debated_is_refused_with_an_explanation(client, tournament) -> None:
    _login(client, "tab_director")
    round_ = Round(tournament_id=tournament.id, seq=1, name="1")
    db.session.add(round_)
    db.session.flush()
    debate = Debate(round_id=round_.id, position=1)
    db.session.add(debate)
    db.session.flush()
    for side, code in (("aff", "RA-01"), ("neg", "RA-02")):
        db.session.add(
            DebateTeam(debate_id=debate.id, round_id=round_.id, team_id=_team_id(code), side=side)
        )
    db.session.commit()
    team_id = _team_id("RA-01")
    page = _text(client.get(f"{BASE}/teams/{team_id}/remove?lang=ru"))
    assert 'type="submit" class="danger"' not in page
    response = client.post(f"{BASE}/teams/{team_id}/remove")
    assert response.status_code == 409
    assert db.session.scalar(select(func.count()).select_from(Team)) == 10
    free = _team_id("RA-05")
    assert 'class="danger"' in _text(client.get(f"{BASE}/teams/{free}/remove"))
    assert client.post(f"{BASE}/teams/{free}/remove").status_code == 302
    assert db.session.scalar(select(func.count()).select_from(Team)) == 9


def test_import_page_reports_every_problem_and_writes_nothing(client, tournament) -> None:
    _login(client, "tab_director")
    before = row_counts()
    rows = [
        ["name", "speaker 1", "speaker 2", "speaker 3"],
        ["Ваҳдат «Ситора»", "А", "Б", "В"],
        ["Нав", "Г", "", ""],
    ]
    response = _upload(client, "teams", csv_bytes(rows))
    assert response.status_code == 422
    page = _text(response)
    assert "Problems found: 2." in page and "“Ваҳдат «Ситора»” already exists." in page
    assert row_counts() == before
    cp1251 = _upload(client, "institutions", "Название\r\nЛицей\r\n".encode("cp1251"))
    assert cp1251.status_code == 422 and "Windows-1251" in _text(cp1251)


def test_import_page_imports_and_goes_to_the_list(client, app) -> None:
    make_qualifier()
    _login(client, "tab_director")
    assert 'name="file"' in _text(client.get(f"{BASE}/import?kind=rooms"))
    response = _upload(client, "institutions", demo_file("institutions"))
    assert response.status_code == 302 and response.headers["Location"].endswith("/institutions")
    assert "Rows imported: 6." in _text(client.get(response.headers["Location"]))
    warned = _upload(client, "rooms", csv_bytes([["name", "note"], ["Ҳуҷраи Ѓ1", "x"]]))
    assert warned.status_code == 200
    page = _text(warned)
    assert "Rows imported: 1." in page and "Unknown column" in page and "Ѓ → Ғ" in page


def test_templates_download_in_the_users_language(client, app) -> None:
    make_qualifier()
    _login(client, "tab_director")
    response = client.get(f"{BASE}/import/template/adjudicators.csv?lang=ru")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    assert 'filename="adjudicators.csv"' in response.headers["Content-Disposition"]
    assert response.data.startswith(codecs.BOM_UTF8)
    assert response.data.decode("utf-8-sig").startswith("ФИО;Учреждение;Регион")
    assert client.get(f"{BASE}/import/template/judges.csv").status_code == 404
