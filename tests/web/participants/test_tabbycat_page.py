"""The Tabbycat upload on the import page: several CSV files or one .zip; a refusal lists the
problems and writes nothing."""

from __future__ import annotations

import io

from sqlalchemy import func, select

from tests.integration.participants.helpers import make_qualifier, row_counts
from tests.integration.participants.test_tabbycat import folder, zipped
from tests.web.participants.test_pages import BASE, _login, _text
from tourney.extensions import db
from tourney.models import Adjudicator, Team


def _post(client, files: list[tuple[bytes, str]]):
    return client.post(
        f"{BASE}/import/tabbycat",
        data={"tabbycat-files": [(io.BytesIO(raw), name) for raw, name in files]},
        content_type="multipart/form-data",
    )


def test_the_import_page_takes_tabbycat_files_and_lists_what_it_ignored(client, app) -> None:
    make_qualifier()
    _login(client, "tab_director")
    assert 'name="tabbycat-files"' in _text(client.get(f"{BASE}/import"))
    response = _post(client, [(raw, name) for name, raw in folder().items()])
    page = _text(response)
    assert response.status_code == 200, page
    assert "Imported from Tabbycat." in page and "Teams with speakers: 3" in page
    assert "rounds.csv" in page and "adjudicators.csv: adj_conflicts" in page
    assert "Tourney has no place for this column; it was ignored." in page
    assert db.session.scalar(select(func.count()).select_from(Team)) == 3
    assert db.session.scalar(select(func.count()).select_from(Adjudicator)) == 2


def test_a_refused_zip_shows_the_problems_and_writes_nothing(client, app) -> None:
    make_qualifier()
    _login(client, "tab_director")
    before = row_counts()
    files = folder()
    files["speakers.csv"] += "Танҳо Якка,ДМТ,Танҳо,0,,,\n".encode()
    response = _post(client, [(zipped(files), "tabbycat.zip")])
    page = _text(response)
    assert response.status_code == 422
    assert "Nothing was imported. Problems found: 1." in page and "speakers.csv" in page
    assert row_counts() == before
    unsafe = _post(client, [(zipped({"../../venues.csv": b"name\nX\n"}), "t.zip")])
    assert unsafe.status_code == 422 and "outside its folder" in _text(unsafe)
    assert _post(client, []).status_code == 422
    assert row_counts() == before
