"""The tab director downloads a played tournament as DebateXML and imports it as a new one."""

from __future__ import annotations

import io

from sqlalchemy import func, select

from tests.integration.draws.helpers import organiser
from tourney.extensions import db
from tourney.models import Championship, Team, Tournament
from tourney.services import simulate


def _log_in(client) -> None:
    organiser()
    client.set_cookie("lang", "en")
    response = client.post("/login", data={"username": "director", "password": "x-password"})
    assert response.status_code == 302


def test_download_then_upload_makes_a_new_tournament(client) -> None:
    summary = simulate.run(6, 2, seed=2, eliminations=False)
    _log_in(client)
    download = client.get(f"/admin/t/{summary['tournament']}/export/archive.xml")
    assert download.status_code == 200
    assert download.mimetype == "application/xml"
    assert download.headers["Cache-Control"] == "no-store"
    championship = Championship(name="Moved over")
    db.session.add(championship)
    db.session.commit()
    url = f"/admin/championships/{championship.id}/import-archive"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        data={"file": (io.BytesIO(download.data), "archive.xml"), "slug": "moved"},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    moved = db.session.scalar(select(Tournament).where(Tournament.slug == "moved"))
    original = db.session.scalar(select(Tournament).where(Tournament.slug == summary["tournament"]))
    count = select(func.count()).select_from(Team)
    assert db.session.scalar(count.where(Team.tournament_id == moved.id)) == db.session.scalar(
        count.where(Team.tournament_id == original.id)
    )


def test_a_broken_file_is_refused_with_a_message(client) -> None:
    _log_in(client)
    championship = Championship(name="Moved over")
    db.session.add(championship)
    db.session.commit()
    response = client.post(
        f"/admin/championships/{championship.id}/import-archive",
        data={"file": (io.BytesIO(b"<tournament"), "archive.xml"), "slug": "moved"},
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    assert "not a readable Debate Tabulation Archive" in response.get_data(as_text=True)
    assert db.session.scalar(select(Tournament).where(Tournament.slug == "moved")) is None


def test_a_second_copy_in_the_same_championship_takes_a_new_name(client) -> None:
    summary = simulate.run(6, 1, seed=3, eliminations=False)
    _log_in(client)
    original = db.session.scalar(select(Tournament).where(Tournament.slug == summary["tournament"]))
    data = client.get(f"/admin/t/{original.slug}/export/archive.xml").data
    url = f"/admin/championships/{original.championship_id}/import-archive"
    same_name = client.post(
        url,
        data={"file": (io.BytesIO(data), "a.xml"), "slug": "copy"},
        content_type="multipart/form-data",
    )
    assert "already has a tournament named" in same_name.get_data(as_text=True)
    renamed = client.post(
        url,
        data={"file": (io.BytesIO(data), "a.xml"), "slug": "copy", "name": "Rehearsal copy"},
        content_type="multipart/form-data",
    )
    assert renamed.status_code == 302
    copy = db.session.scalar(select(Tournament).where(Tournament.slug == "copy"))
    assert copy.name == "Rehearsal copy"
