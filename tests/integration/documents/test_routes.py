"""The organiser's download routes and the certificate options form."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from tests.integration.documents.conftest import Drawn, page_texts
from tourney.documents import certificate_options
from tourney.services.accounts import create_user


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 20), "#0b5c8a").save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def staff(app, drawn: Drawn):
    """Log in as one user per test: the test app context keeps the logged-in user in ``g``."""
    create_user("clerk", "secret-pass", "ballot_clerk")
    create_user("director", "secret-pass", "tab_director")

    def log_in(username: str):
        client = app.test_client()
        response = client.post("/login", data={"username": username, "password": "secret-pass"})
        assert response.status_code == 302
        return client

    return log_in


def test_downloads_need_a_login(client, drawn: Drawn) -> None:
    for url in ("/admin/t/final-docs/documents", "/admin/t/final-docs/rounds/1/ballots.pdf"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_the_documents_page_lists_every_download(staff, drawn: Drawn) -> None:
    page = staff("director").get("/admin/t/final-docs/documents?lang=en").get_data(as_text=True)
    for url in (
        "/admin/t/final-docs/rounds/1/ballots.pdf",
        "/admin/t/final-docs/rounds/1/draw-by-room.pdf",
        "/admin/t/final-docs/rounds/1/draw-by-team.pdf",
        "/admin/t/final-docs/rounds/1/allocation.pdf",
        "/admin/t/final-docs/adjudicators/cards.pdf",
        "/admin/t/final-docs/certificates/participation.pdf?lang=tg",
        "/admin/t/final-docs/tab-booklet.pdf",
    ):
        assert url in page, url
    assert "/rounds/2/ballots.pdf" not in page  # round 2 is not drawn
    assert "&lt;b&gt;Ҷаҳон&lt;/b&gt;" in page  # the team name in the debate choice, escaped


def test_private_links_are_printed_for_tab_directors_only(staff, drawn: Drawn) -> None:
    clerk = staff("clerk")
    page = clerk.get("/admin/t/final-docs/documents?lang=en").get_data(as_text=True)
    assert "ballots.pdf" not in page and "cards.pdf" not in page
    assert "draw-by-room.pdf" in page
    assert "Certificate options" not in page  # a ballot clerk cannot change them
    assert clerk.get("/admin/t/final-docs/rounds/1/ballots.pdf").status_code == 403
    assert clerk.get("/admin/t/final-docs/adjudicators/cards.pdf").status_code == 403


def test_a_tab_director_downloads_one_debates_ballots(staff, drawn: Drawn) -> None:
    client = staff("director")
    response = client.get(f"/admin/t/final-docs/rounds/1/ballots.pdf?debate={drawn.debates[0].id}")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Cache-Control"] == "no-store"
    assert "attachment" in response.headers["Content-Disposition"]
    assert len(page_texts(response.data)) == 3
    assert client.get("/admin/t/final-docs/rounds/1/ballots.pdf?debate=999999").status_code == 404
    assert client.get("/admin/t/final-docs/rounds/9/ballots.pdf").status_code == 404


def test_a_round_without_a_draw_sends_the_organiser_back(staff, drawn: Drawn) -> None:
    response = staff("clerk").get("/admin/t/final-docs/rounds/2/draw-by-room.pdf")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/admin/t/final-docs/documents")


def test_certificates_in_the_chosen_language(staff, drawn: Drawn) -> None:
    client = staff("clerk")
    response = client.get("/admin/t/final-docs/certificates/participation.pdf?lang=ru")
    assert response.status_code == 200
    assert len(page_texts(response.data)) == 24  # every speaker
    assert client.get("/admin/t/final-docs/certificates/nonsense.pdf?lang=ru").status_code == 404
    assert client.get("/admin/t/final-docs/certificates/participation.pdf").status_code == 404
    nobody = client.get("/admin/t/final-docs/certificates/adjudicators.pdf?lang=en")
    assert nobody.status_code == 302


def test_a_tab_director_saves_the_certificate_options_with_a_logo(app, staff, drawn: Drawn) -> None:
    judge = drawn.judges["Ҳамида Қосимова"]
    form = {
        "layout": "modern",
        "signatories-0-name": "Ҳамид Қодиров",
        "signatories-0-title": "Раиси кумита",
        "speaker_awards": "5",
        "best_adjudicators": str(judge.id),
        "place": "Душанбе",
        "awarded_on": "2026-04-19",
        "logo": (io.BytesIO(_png()), "logo.png"),
    }
    director = staff("director")
    response = director.post("/admin/t/final-docs/documents/certificates", data=form)
    assert response.status_code == 302
    options = certificate_options.options_for(drawn.tournament)
    assert options.layout == "modern"
    assert options.signatories == (certificate_options.Signatory("Ҳамид Қодиров", "Раиси кумита"),)
    assert options.best_adjudicators == (judge.id,) and options.speaker_awards == 5
    assert options.logo and certificate_options.logo_data_uri(options).startswith(
        "data:image/png;base64,"
    )
    pdf = director.get("/admin/t/final-docs/certificates/adjudicators.pdf?lang=en").data
    text = page_texts(pdf)[0]
    assert judge.name in text and "Ҳамид Қодиров" in text and "19.04.2026" in text


def test_a_ballot_clerk_cannot_change_the_certificate_options(staff, drawn: Drawn) -> None:
    form = {"layout": "modern", "speaker_awards": "5"}
    response = staff("clerk").post("/admin/t/final-docs/documents/certificates", data=form)
    assert response.status_code == 403
    assert certificate_options.options_for(drawn.tournament).layout == "classic"


def test_a_file_that_is_not_an_image_is_refused_as_logo(staff, drawn: Drawn) -> None:
    form = {
        "layout": "classic",
        "speaker_awards": "3",
        "logo": (io.BytesIO(b"%PDF-1.7 no"), "x.png"),
    }
    response = staff("director").post("/admin/t/final-docs/documents/certificates", data=form)
    assert response.status_code == 400
    assert certificate_options.options_for(drawn.tournament).logo == ""
