"""One document at a time per user; large batches in the background with progress, and a job
whose process died is reported as interrupted."""

from __future__ import annotations

import io
import time
import zipfile
from datetime import timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from tests.integration.documents.conftest import Drawn
from tests.integration.documents.test_routes import staff  # noqa: F401  (fixture)
from tourney.documents import jobs, render
from tourney.extensions import db
from tourney.models import DocumentJob, User
from tourney.models._base import utcnow
from tourney.services.accounts import create_user

CERTIFICATES = "/admin/t/final-docs/certificates/participation.pdf?lang=en"
EN = {"Accept-Language": "en"}


def _user(name: str) -> User:
    return db.session.scalar(select(User).where(User.username == name))


def _wait(job_id: int) -> DocumentJob:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        db.session.expire_all()
        job = db.session.get(DocumentJob, job_id)
        if job.status != "running":
            return job
        time.sleep(0.2)
    raise AssertionError("the job did not finish")


def test_a_small_document_is_made_at_once_and_leaves_no_job(staff, drawn: Drawn) -> None:  # noqa: F811
    response = staff("clerk").get(CERTIFICATES)
    assert response.status_code == 200 and response.data.startswith(b"%PDF-")
    assert db.session.scalars(select(DocumentJob)).all() == []


def test_a_second_document_while_one_is_being_made_is_refused_at_once(
    staff,  # noqa: F811
    drawn: Drawn,
    monkeypatch,
) -> None:
    clerk = staff("clerk")

    def never(html: str) -> tuple[bytes, int]:
        raise AssertionError("rendered while the user's slot was held")

    monkeypatch.setattr(render, "_pdf_and_pages", never)  # refused before any rendering
    held = jobs.claim(_user("clerk"), drawn.tournament, "certificates", total=500)
    for url in (
        CERTIFICATES,
        "/admin/t/final-docs/tab-booklet.pdf",
        "/admin/t/final-docs/rounds/1/feedback.pdf",
        "/admin/t/final-docs/rounds/1/draw-by-room.pdf",
    ):
        started = time.perf_counter()
        response = clerk.get(url, headers=EN)
        assert response.status_code == 429, url
        assert time.perf_counter() - started < 2  # refused before any rendering
        page = response.get_data(as_text=True)
        assert "still being made" in page and f"/documents/jobs/{held.id}" in page


def test_another_users_document_does_not_hold_anyone_else_up(staff, drawn: Drawn) -> None:  # noqa: F811
    create_user("second", "secret-pass", "tab_director")
    jobs.claim(_user("second"), drawn.tournament, "certificates", total=500)
    assert staff("director").get(CERTIFICATES).status_code == 200


def test_a_large_batch_is_made_in_the_background_in_parts(
    staff,  # noqa: F811
    drawn: Drawn,
    monkeypatch,
) -> None:
    monkeypatch.setattr(jobs, "BACKGROUND_FROM", 5)
    monkeypatch.setattr(jobs, "CHUNK", 10)
    director = staff("director")
    response = director.get(CERTIFICATES, headers=EN)
    assert response.status_code == 303
    job_url = response.headers["Location"]
    job_id = int(job_url.rstrip("/").rsplit("/", 1)[1])

    job = _wait(job_id)
    assert (job.status, job.done, job.total, job.busy_user_id) == ("done", 24, 24, None)
    page = director.get(job_url, headers=EN).get_data(as_text=True)
    assert "Ready: 24 pages" in page
    download = director.get(f"{job_url}/file")
    assert download.status_code == 200 and download.mimetype == "application/zip"
    with zipfile.ZipFile(io.BytesIO(download.data)) as archive:
        names = archive.namelist()
        pages = [len(PdfReader(io.BytesIO(archive.read(n))).pages) for n in names]
    assert names == [f"final-docs-certificates-participation-en-part-00{i}.pdf" for i in (1, 2, 3)]
    assert pages == [10, 10, 4]
    owner = db.session.get(DocumentJob, job_id)
    owner.user_id = _user("clerk").id  # as if someone else had asked for it
    db.session.commit()
    assert director.get(job_url).status_code == 404  # someone else's document
    owner.user_id = _user("director").id
    db.session.commit()
    assert director.get(CERTIFICATES).status_code == 303  # the slot is free again


def test_a_job_whose_process_stopped_is_reported_as_interrupted_and_frees_the_slot(
    staff,  # noqa: F811
    drawn: Drawn,
) -> None:
    clerk = staff("clerk")
    job = jobs.claim(_user("clerk"), drawn.tournament, "certificates", total=15000, name="big")
    job.done = 4500
    job.heartbeat_at = utcnow() - jobs.STALE_AFTER - timedelta(seconds=1)
    db.session.commit()
    page = clerk.get(f"/admin/t/final-docs/documents/jobs/{job.id}", headers=EN).get_data(
        as_text=True
    )
    assert "Interrupted after 4500 of 15000 pages" in page and "refresh" not in page
    assert clerk.get(f"/admin/t/final-docs/documents/jobs/{job.id}/file").status_code == 404
    assert clerk.get(CERTIFICATES).status_code == 200
    db.session.expire_all()
    assert db.session.get(DocumentJob, job.id).status == "interrupted"


@pytest.mark.parametrize("failing", ["render"])
def test_a_failed_background_job_says_so(staff, drawn: Drawn, monkeypatch, failing: str) -> None:  # noqa: F811
    monkeypatch.setattr(jobs, "BACKGROUND_FROM", 5)

    def broken(batch, size):
        raise RuntimeError("fonts missing")
        yield b""

    monkeypatch.setattr(jobs, "render_parts", broken)
    director = staff("director")
    response = director.get(CERTIFICATES, headers=EN)
    job = _wait(int(response.headers["Location"].rsplit("/", 1)[1]))
    assert (job.status, job.busy_user_id) == ("failed", None)
    page = director.get(response.headers["Location"], headers=EN).get_data(as_text=True)
    assert "could not be made" in page
