"""Every printed document goes through the same batch mechanism: a small one is answered in the
request, a large one is made in the background, followed on its progress page, and its finished
file is the same PDF."""

from __future__ import annotations

import io
import zipfile

import pytest
from sqlalchemy import select

from tests.integration.documents.conftest import Drawn, flat, read_pdf
from tests.integration.documents.test_jobs import _user, _wait
from tests.integration.documents.test_routes import staff  # noqa: F401  (fixture)
from tourney.documents import jobs
from tourney.extensions import db
from tourney.models import DocumentJob
from tourney.models.draw import RoundStatus
from tourney.services import feedback

EN = {"Accept-Language": "en"}
BASE = "/admin/t/final-docs"

# url, job kind, file name, pages for the conftest tournament (8 teams, 7 judges, 4 debates)
KINDS = [
    ("/rounds/1/draw-by-room.pdf", "draw-by-room", "final-docs-round-1-draw-by-room", 1),
    ("/rounds/1/draw-by-team.pdf", "draw-by-team", "final-docs-round-1-draw-by-team", 1),
    ("/rounds/1/allocation.pdf", "allocation", "final-docs-round-1-allocation", 1),
    ("/adjudicators/cards.pdf", "judge-cards", "final-docs-judge-cards", 2),  # six to a page
    ("/documents/team-cards.pdf", "team-cards", "final-docs-team-cards", 2),
    ("/tab-booklet.pdf", "tab-booklet", "final-docs-tab-booklet", 3),  # a page a section
    ("/rounds/1/feedback.pdf", "feedback", "final-docs-round-1-feedback", None),  # one a duty
]


def _pages(drawn: Drawn, pages: int | None) -> int:
    """The expected page count; for the feedback forms, first the default questions and a
    released draw (feedback is owed on released rounds only)."""
    if pages is None:
        feedback.add_default_questions(drawn.tournament)
        drawn.round.status = RoundStatus.RELEASED
        db.session.commit()
        pages = len(feedback.duties_of_round(drawn.round))
        assert pages > 1  # the teams' forms on their chairs, the panellists' on theirs
    return pages


@pytest.mark.parametrize(("url", "kind", "name", "pages"), KINDS, ids=[k[1] for k in KINDS])
def test_a_small_document_is_answered_in_the_request(
    staff,  # noqa: F811
    drawn: Drawn,
    url: str,
    kind: str,
    name: str,
    pages: int | None,
) -> None:
    expected = _pages(drawn, pages)
    response = staff("director").get(BASE + url, headers=EN)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert f"filename={name}.pdf" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "no-store"
    assert len(read_pdf(response.data).pages) == expected
    assert db.session.scalars(select(DocumentJob)).all() == []  # no slot left held


@pytest.mark.parametrize(("url", "kind", "name", "pages"), KINDS, ids=[k[1] for k in KINDS])
def test_a_large_document_is_made_in_the_background(
    staff,  # noqa: F811
    drawn: Drawn,
    monkeypatch,
    url: str,
    kind: str,
    name: str,
    pages: int | None,
) -> None:
    monkeypatch.setattr(jobs, "BACKGROUND_FROM", 0)  # any page at all is "large"
    expected = _pages(drawn, pages)
    director = staff("director")
    response = director.get(BASE + url, headers=EN)
    assert response.status_code == 303
    job_url = response.headers["Location"]
    job = _wait(int(job_url.rsplit("/", 1)[1]))
    assert (job.status, job.kind, job.params["name"]) == ("done", kind, name)
    assert (job.done, job.total, job.busy_user_id) == (expected, expected, None)
    assert f"Ready: {expected} pages" in director.get(job_url, headers=EN).get_data(as_text=True)
    download = director.get(f"{job_url}/file")
    assert download.status_code == 200 and download.mimetype == "application/pdf"
    assert f"filename={name}.pdf" in download.headers["Content-Disposition"]
    assert len(read_pdf(download.data).pages) == expected

    jobs.claim(_user("director"), drawn.tournament, "certificates", total=500)
    busy = director.get(BASE + url, headers=EN)
    assert busy.status_code == 429 and "still being made" in busy.get_data(as_text=True)


def test_a_large_document_comes_in_parts_of_whole_pages(
    staff,  # noqa: F811
    drawn: Drawn,
    monkeypatch,
) -> None:
    """Cards are six to a page: a part of one page holds six cards (each team's code T-01…T-08
    printed once), never a torn sheet."""
    monkeypatch.setattr(jobs, "BACKGROUND_FROM", 0)
    monkeypatch.setattr(jobs, "CHUNK", 1)
    director = staff("director")
    response = director.get(f"{BASE}/documents/team-cards.pdf", headers=EN)
    job = _wait(int(response.headers["Location"].rsplit("/", 1)[1]))
    assert (job.status, job.done, job.total) == ("done", 2, 2)
    download = director.get(f"{response.headers['Location']}/file")
    with zipfile.ZipFile(io.BytesIO(download.data)) as archive:
        parts = [read_pdf(archive.read(n)) for n in archive.namelist()]
    texts = [flat("".join(p.extract_text() for p in part.pages)) for part in parts]
    assert [len(part.pages) for part in parts] == [1, 1]
    assert [text.count("T-0") for text in texts] == [6, 2]
