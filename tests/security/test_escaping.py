"""Names with markup or formulas stay text: on pages, in PDFs, and in CSV exports."""

from __future__ import annotations

import csv
import io
from fractions import Fraction

import pytest
from sqlalchemy import select

from tests.security.conftest import World, log_in
from tourney.extensions import db
from tourney.models import Round
from tourney.services.csv_export import neutralise, to_csv

SCRIPT = '<script>alert("team")</script>'
BOLD = "Мактаб <b>bold</b>"
FORMULA = '=HYPERLINK("http://evil.example","click")'


@pytest.fixture
def hostile(world: World) -> World:
    """Round 1's first debate gets a team named with a script, one with a formula, and a
    speaker and a judge named with markup."""
    debate = db.session.scalar(
        select(Round).where(Round.tournament_id == world.tournament.id, Round.seq == 1)
    ).debates[0]
    aff, neg = (dt.team for dt in debate.teams)
    aff.name, neg.name = SCRIPT, FORMULA
    aff.speakers[0].name = '<img src=x onerror="alert(1)">'
    aff.institution.name = BOLD
    world.judge.name = "@SUM(1+1) <i>judge</i>"
    db.session.commit()
    return world


@pytest.mark.sqlite_only
def test_pages_escape_names(app, hostile: World) -> None:
    client = app.test_client()
    slug = hostile.tournament.slug
    public = [f"/t/{slug}/draw/1", f"/t/{slug}/teams", f"/j/{hostile.judge.token}"]
    log_in(client, "director")
    admin = [f"/admin/t/{slug}/rounds/1", f"/admin/t/{slug}/teams", f"/admin/t/{slug}/results"]
    for url in public + admin:
        body = client.get(url).get_data(as_text=True)
        for raw in (SCRIPT, "<b>bold</b>", "<img src=x", "<i>judge</i>"):
            assert raw not in body, (url, raw)
    draw = client.get(f"/t/{slug}/draw/1").get_data(as_text=True)
    assert "&lt;script&gt;" in draw


@pytest.mark.sqlite_only
def test_csv_export_neutralises_formulas(app, hostile: World) -> None:
    client = app.test_client()
    log_in(client, "clerk")
    response = client.get(f"/admin/t/{hostile.tournament.slug}/export/draw.csv?round=1")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    cells = _cells(response)
    assert "'" + FORMULA in cells
    assert SCRIPT in cells  # markup is harmless in a CSV: kept as typed
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    standings = client.get(f"/admin/t/{hostile.tournament.slug}/export/standings.csv")
    assert "'" + FORMULA in _cells(standings)


def _cells(response) -> list[str]:
    text = response.get_data(as_text=True).lstrip("\ufeff")
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@A1", "\t=1", "\r=1"])
def test_formula_cells_become_text(text: str) -> None:
    assert neutralise(text) == "'" + text


def test_computed_numbers_are_not_altered() -> None:
    assert to_csv(["h"], [[-5], [Fraction(1, 3)], ["x"]]).splitlines()[1:] == ["-5", "0.33", "x"]


@pytest.mark.sqlite_only
def test_pdf_shows_markup_as_text(app, hostile: World) -> None:
    import pypdf

    from tourney.documents import draw_sheets

    round_ = db.session.scalar(
        select(Round).where(Round.tournament_id == hostile.tournament.id, Round.seq == 1)
    )
    with app.test_request_context():
        pdf = draw_sheets.draw_by_room_pdf(hostile.tournament, round_)
    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert "<script>" in text.replace("\n", "")
