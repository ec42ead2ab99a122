"""Made documents do not pile up: a finished document replaces the earlier copies of the same
document, and files older than ``KEEP_FOR`` go when a background job starts; never the file of a
job still being made, nor one being downloaded."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.integration.documents.conftest import Drawn
from tests.integration.documents.test_jobs import _user, _wait
from tests.integration.documents.test_routes import staff  # noqa: F401  (fixture)
from tourney.documents import jobs
from tourney.extensions import db
from tourney.models import DocumentJob
from tourney.models._base import utcnow

CERTIFICATES = "/admin/t/final-docs/certificates/participation.pdf?lang={lang}"
EN = {"Accept-Language": "en"}


@pytest.fixture(autouse=True)
def small_background_jobs(app, monkeypatch) -> Iterator[None]:
    """24 certificates go to the background, in three parts; the folder starts empty."""
    monkeypatch.setattr(jobs, "BACKGROUND_FROM", 5)
    monkeypatch.setattr(jobs, "CHUNK", 10)
    for path in jobs.folder().iterdir():
        os.remove(path)
    yield
    for path in jobs.folder().iterdir():
        os.remove(path)  # not Path.unlink, which a test breaks


def _made(client, lang: str = "en") -> DocumentJob:
    """Ask for the participation certificates and wait until the background job has finished."""
    response = client.get(CERTIFICATES.format(lang=lang), headers=EN)
    assert response.status_code == 303
    job = _wait(int(response.headers["Location"].rsplit("/", 1)[1]))
    assert job.status == "done"
    return job


def _files() -> list[str]:
    return sorted(p.name for p in jobs.folder().iterdir())


def _aged(name: str, days: float) -> Path:
    path = jobs.folder() / name
    if not path.exists():
        path.write_bytes(b"PK\x03\x04 a part written earlier")
    then = time.time() - days * 86400
    os.utime(path, (then, then))
    return path


def _page(client, job: DocumentJob) -> str:
    url = f"/admin/t/final-docs/documents/jobs/{job.id}"
    return client.get(url, headers=EN).get_data(as_text=True)


def test_a_document_made_again_replaces_the_earlier_copy_only(staff, drawn: Drawn) -> None:  # noqa: F811
    director = staff("director")
    first = _made(director)
    russian = _made(director, "ru")  # another document: kept
    clerk_job = jobs.claim(_user("clerk"), drawn.tournament, first.kind, total=24, name="x")
    clerk_job.params = dict(first.params)  # the same document, still being made by someone else
    db.session.commit()
    being_written = _aged(f"{clerk_job.id}-{'c' * 16}.zip", days=0)
    first_file = first.file_name

    second = _made(director)
    assert _files() == sorted([second.file_name, russian.file_name, being_written.name])
    assert first_file not in _files()
    db.session.expire_all()
    assert db.session.get(DocumentJob, first.id).file_name == ""
    page = _page(director, first)
    assert "was deleted" in page and "Download" not in page
    download = director.get(f"/admin/t/final-docs/documents/jobs/{first.id}/file")
    assert download.status_code == 303 and download.headers["Location"].endswith(f"/{first.id}")
    assert "Ready: 24 pages" in _page(director, second)
    assert director.get(f"/admin/t/final-docs/documents/jobs/{second.id}/file").status_code == 200


def test_old_files_go_when_a_job_starts_but_not_a_running_jobs(staff, drawn: Drawn) -> None:  # noqa: F811
    director = staff("director")
    old = _made(director, "ru")
    _aged(old.file_name, days=jobs.KEEP_FOR.days + 1)
    recent = _made(director, "tg")
    running = jobs.claim(_user("clerk"), drawn.tournament, "ballots", total=900, name="ballots")
    running_file = _aged(f"{running.id}-{'a' * 16}.zip", days=jobs.KEEP_FOR.days + 3)
    dead = DocumentJob(
        tournament_id=drawn.tournament.id,
        user_id=_user("clerk").id,
        kind="ballots",
        params={"name": "dead"},
        heartbeat_at=utcnow() - timedelta(days=jobs.KEEP_FOR.days + 2),
    )  # its server was killed while writing: the DB still says running
    db.session.add(dead)
    db.session.commit()
    dead_file = _aged(f"{dead.id}-{'d' * 16}.zip", days=jobs.KEEP_FOR.days + 2)
    orphan = _aged(f"99999-{'e' * 16}.pdf", days=jobs.KEEP_FOR.days + 1)
    not_ours = _aged("notes.txt", days=365)
    nearly = _aged(f"99998-{'f' * 16}.pdf", days=jobs.KEEP_FOR.days - 1)

    newest = _made(director)
    assert _files() == sorted(
        [recent.file_name, newest.file_name, running_file.name, not_ours.name, nearly.name]
    )
    assert not dead_file.exists() and not orphan.exists()
    db.session.expire_all()
    assert db.session.get(DocumentJob, old.id).file_name == ""
    assert "was deleted" in _page(director, old)


def test_a_download_under_way_is_not_cut_short_by_a_newer_copy(staff, drawn: Drawn) -> None:  # noqa: F811
    director = staff("director")
    first = _made(director)
    whole = (jobs.folder() / first.file_name).read_bytes()
    download = director.get(
        f"/admin/t/final-docs/documents/jobs/{first.id}/file", buffered=False
    )  # the response is open, its body not yet read
    assert download.status_code == 200
    _made(director)
    assert first.file_name not in _files()
    assert b"".join(download.response) == whole
    download.close()


def test_retention_that_fails_never_fails_the_document(staff, drawn: Drawn, monkeypatch) -> None:  # noqa: F811
    def broken(*args, **kwargs):
        raise PermissionError("read-only folder")

    monkeypatch.setattr(Path, "unlink", broken)
    director = staff("director")
    first = _made(director)
    second = _made(director)
    assert _files() == sorted([first.file_name, second.file_name])
    assert db.session.scalars(select(DocumentJob.status)).all() == ["done", "done"]
