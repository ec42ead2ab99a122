"""One PDF at a time per user, and large batches made in the background with progress.

Every PDF download claims the user's slot (a ``DocumentJob`` row whose ``busy_user_id`` is
unique): a second request while one is being made is refused at once instead of taking another
worker, whichever app process it reaches. A small document is made in the request and its row is
deleted. A large batch (more than ``BACKGROUND_FROM`` pages, as ``Batch.pages`` counts them) is
made by a thread in parts of at most ``CHUNK`` whole pages, each rendered alone so memory stays
that of one part; the row records the pages made and a heartbeat after each part. A job whose
heartbeat stops (the worker was restarted or killed) is reported as interrupted, never as still
running, and frees the user's slot.

Made files do not pile up in the instance folder. When a job is done, the files of earlier
finished copies of the same document (same tournament, kind and name: the same certificates in the
same language, the same round's ballots) are deleted: the newest copy is the one to print. When a
background job starts, every file older than ``KEEP_FOR`` goes. Neither touches the file of a job
still being made; a download under way has the file open and finishes (the name is unlinked, the
bytes stay until the download closes it). A deleted file's job page says so.
"""

from __future__ import annotations

import re
import secrets
import threading
import zipfile
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

from flask import Flask, current_app
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from tourney.documents.render import Batch, render_batch, render_parts
from tourney.extensions import db
from tourney.models import DocumentJob, Tournament, User
from tourney.models._base import utcnow

BACKGROUND_FROM = 300  # pages; 300 certificates take about 10 s on the 2-core machine
CHUNK = 150
STALE_AFTER = timedelta(seconds=90)  # several times the slowest part
KEEP_FOR = timedelta(days=7)  # a qualifier or a final and its certificates, with days to spare
_FILE = re.compile(r"(\d+)-[0-9a-f]{16}\.(pdf|zip)")  # what _write names a job's file


class Busy(Exception):
    """The user already has a document being made."""

    def __init__(self, job: DocumentJob | None) -> None:
        super().__init__("busy")
        self.job = job


def folder() -> Path:
    path = Path(current_app.config["INSTANCE_DIR"]) / "documents"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _is_stale(job: DocumentJob, now: datetime) -> bool:
    return job.status == "running" and now - job.heartbeat_at > STALE_AFTER


def state(job: DocumentJob) -> str:
    """running, done, failed, interrupted (a running job whose process stopped beating) or
    removed (done, but its file has since been deleted)."""
    if job.status == "done" and not (job.file_name and (folder() / job.file_name).is_file()):
        return "removed"
    return "interrupted" if _is_stale(job, utcnow()) else job.status


def active(user: User) -> DocumentJob | None:
    return db.session.scalar(db.select(DocumentJob).where(DocumentJob.busy_user_id == user.id))


def _free_stale(user: User) -> None:
    db.session.execute(
        update(DocumentJob)
        .where(
            DocumentJob.busy_user_id == user.id,
            DocumentJob.status == "running",
            DocumentJob.heartbeat_at < utcnow() - STALE_AFTER,
        )
        .values(status="interrupted", busy_user_id=None)
    )


def claim(user: User, tournament: Tournament, kind: str, total: int, **params) -> DocumentJob:
    """The user's slot for one document; raises Busy while another is being made."""
    _free_stale(user)
    job = DocumentJob(
        tournament_id=tournament.id,
        user_id=user.id,
        busy_user_id=user.id,
        kind=kind,
        params=params,
        total=total,
    )
    db.session.add(job)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise Busy(active(user)) from None
    return job


def _release(job_id: int) -> None:
    db.session.rollback()
    db.session.execute(db.delete(DocumentJob).where(DocumentJob.id == job_id))
    db.session.commit()


def _beat(job_id: int, **values) -> None:
    db.session.execute(
        update(DocumentJob).where(DocumentJob.id == job_id).values(heartbeat_at=utcnow(), **values)
    )
    db.session.commit()


def _write(job_id: int, name: str, parts: Iterator[bytes], total_parts: int) -> str:
    """The PDF itself for one part; a ZIP of numbered PDFs for more (memory: one part)."""
    stem = f"{job_id}-{secrets.token_hex(8)}"
    if total_parts == 1:
        path = folder() / f"{stem}.pdf"
        path.write_bytes(next(parts))
        return path.name
    path = folder() / f"{stem}.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        for number, part in enumerate(parts, 1):
            archive.writestr(f"{name}-part-{number:03d}.pdf", part)
    return path.name


def remove_superseded(job_id: int) -> None:
    """Delete the files of the earlier finished copies of the document this job has just made."""
    job = db.session.get(DocumentJob, job_id)
    earlier = db.session.scalars(
        select(DocumentJob).where(
            DocumentJob.tournament_id == job.tournament_id,
            DocumentJob.kind == job.kind,
            DocumentJob.status == "done",
            DocumentJob.id < job.id,  # never each other, when two copies finish at once
            DocumentJob.file_name != "",
        )
    )
    for old in earlier:
        if old.params.get("name") == job.params.get("name"):
            (folder() / old.file_name).unlink(missing_ok=True)
            old.file_name = ""
    db.session.commit()


def remove_old_files() -> None:
    """Delete the job files last written more than ``KEEP_FOR`` ago, except those of a job still
    running (a dead job's partial file goes too: its heartbeat stopped long ago)."""
    now = utcnow()
    running = db.session.scalars(select(DocumentJob).where(DocumentJob.status == "running"))
    keep = {job.id for job in running if not _is_stale(job, now)}
    cutoff = (now - KEEP_FOR).timestamp()
    removed = []
    for path in folder().iterdir():
        match = _FILE.fullmatch(path.name)
        if match is None or int(match[1]) in keep:
            continue
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
                removed.append(path.name)
        except FileNotFoundError:  # removed meanwhile by another process
            continue
    if removed:
        db.session.execute(
            update(DocumentJob).where(DocumentJob.file_name.in_(removed)).values(file_name="")
        )
        db.session.commit()


def _tidy(app: Flask, tidy: Callable[[], None]) -> None:
    """Retention never fails a document: a failure is logged and the files stay for next time."""
    try:
        tidy()
    except Exception:
        db.session.rollback()
        app.logger.exception("removing old document files failed")


def _run(app: Flask, job_id: int, name: str, batch: Batch) -> None:
    with app.app_context(), app.test_request_context():
        _tidy(app, remove_old_files)
        try:
            made = 0

            def counted() -> Iterator[bytes]:
                nonlocal made
                for part, pages in render_parts(batch, CHUNK):
                    made += pages
                    _beat(job_id, done=made)
                    yield part

            parts = sum(1 for _part in batch.parts(CHUNK))
            file_name = _write(job_id, name, counted(), parts)
            # The pages counted replace the estimate a sheet or a booklet started with.
            _beat(job_id, status="done", file_name=file_name, busy_user_id=None, total=made)
            _tidy(app, lambda: remove_superseded(job_id))
        except Exception as error:  # recorded for the status page; the thread must not die silently
            db.session.rollback()
            _beat(job_id, status="failed", error=str(error)[:200], busy_user_id=None)
            app.logger.exception("document job %s failed", job_id)
        finally:
            db.session.remove()


def start(job: DocumentJob, name: str, batch: Batch) -> None:
    """Make ``batch`` in a background thread of this process."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    thread = threading.Thread(
        target=_run, args=(app, job.id, name, batch), name=f"document-job-{job.id}", daemon=True
    )
    thread.start()


def make(
    user: User,
    tournament: Tournament,
    kind: str,
    name: str,
    build: Callable[[], Batch | None],
) -> bytes | DocumentJob | None:
    """The PDF bytes of a small document, the started job of a large one, or None (nothing to
    print); raises Busy while the user has another document being made."""
    job = claim(user, tournament, kind, total=0, name=name)
    job_id, started = job.id, False
    try:
        batch = build()
        if batch is None:
            return None
        if batch.pages <= BACKGROUND_FROM:
            return render_batch(batch)
        job.total = batch.pages
        db.session.commit()
        start(job, name, batch)
        started = True
        return job
    finally:
        if not started:  # a document made in the request leaves no row behind
            _release(job_id)
