"""Ballot burst and kill -9: two gunicorn servers on one throwaway PostgreSQL database.

Each round every judge first opens the ballot page (the debate then lasts an hour).
Burst 1: 300 judges submit within 10 s across both servers; some resend with the same
idempotency key (a lost response), some change their ballot from two devices at once.
Burst 2 (next round): the same, and one server is killed with SIGKILL mid-burst; its judges
retry on the other server with the same key, as the ballot page does.
Afterwards: no acknowledged ballot lost, none duplicated, one current ballot per judge; prints
p50/p95/p99 latency. Figures only: nothing here asserts a time.

    .venv/bin/python bench/ballot_burst.py [--judges 300] [--window 10]
"""

from __future__ import annotations

import argparse
import os
import random
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import requests
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tourney import create_app  # noqa: E402
from tourney.extensions import db  # noqa: E402
from tourney.models import Ballot, Round, SpeakerScore  # noqa: E402
from tourney.services import draws, results, simulate  # noqa: E402
from tourney.services.formats import format_for  # noqa: E402

SERVER = os.environ.get("TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
ATTEMPTS = 8
TIMEOUT = 15


# --------------------------------------------------------------------------- the database


def _admin_url() -> str:
    url = make_url(SERVER)
    return url.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)


def create_database() -> tuple[str, str]:
    name = f"tourney_bench_{secrets.token_hex(4)}"
    admin = create_engine(_admin_url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return name, make_url(_admin_url()).set(database=name).render_as_string(hide_password=False)


def drop_database(name: str) -> None:
    admin = create_engine(_admin_url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


# --------------------------------------------------------------------------- the servers


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    port: int
    process: subprocess.Popen

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def kill(self) -> None:
        """SIGKILL the gunicorn master and its workers (its own process group)."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)


def start_server(database_url: str, instance: str, secret: str) -> Server:
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": secret,
        "TOURNEY_INSTANCE": instance,
    }
    command = [
        str(ROOT / ".venv/bin/gunicorn"),
        "--workers=2",
        "--threads=8",
        "--worker-class=gthread",
        f"--bind=127.0.0.1:{port}",
        "--log-level=warning",
        "tourney:create_app()",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    server = Server(port, process)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{server.base}/login", timeout=10).status_code == 200:
                return server
        except requests.RequestException:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError(f"gunicorn on port {port} did not start")


# --------------------------------------------------------------------------- the judges


@dataclass
class Job:
    token: str
    debate_id: int
    fields: dict[str, str]  # the ballot form, without the key
    start: float  # seconds after the burst starts
    retry: bool = False  # resend the same key to the other server once acknowledged
    edit_twice: bool = False  # then change the ballot from two devices at once


@dataclass
class Outcome:
    acknowledged: dict[str, int] = field(default_factory=dict)  # key -> ballot id
    latencies: list[float] = field(default_factory=list)
    refused: list[tuple[str, int, str]] = field(default_factory=list)
    retries_answered_same: int = 0
    failovers: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def _form(submission) -> dict[str, str]:
    fields = {"debate_id": str(submission.debate_id), "winner": submission.winner or ""}
    for s in submission.speeches:
        fields[f"{s.side}.{s.position}.score"] = str(s.score)
        fields[f"{s.side}.{s.position}.speaker"] = str(s.speaker_id)
    return fields


def _send(
    http: requests.Session, servers: list[Server], first: int, job: Job, key: str, out: Outcome
) -> int | None:
    """Submit until a server answers; on a dead server switch to the other. The ballot id or None."""
    payload = {**job.fields, "key": key}
    for attempt in range(ATTEMPTS):
        server = servers[(first + attempt) % len(servers)]
        try:
            csrf = http.get(f"{server.base}/j/{job.token}/csrf", timeout=TIMEOUT).json()["csrf"]
            started = time.perf_counter()
            response = http.post(
                f"{server.base}/j/{job.token}/ballot",
                json=payload,
                headers={"X-CSRFToken": csrf},
                timeout=TIMEOUT,
            )
            elapsed = time.perf_counter() - started
        except (requests.ConnectionError, requests.Timeout, ValueError):
            with out.lock:
                out.failovers += 1
            time.sleep(0.1 * (attempt + 1))
            continue
        if response.status_code in (200, 201):
            ballot_id = response.json()["receipt"]["ballot_id"]
            with out.lock:
                out.latencies.append(elapsed)
                out.acknowledged[key] = ballot_id
            return ballot_id
        with out.lock:
            out.refused.append((job.token[:6], response.status_code, response.text[:200]))
        return None
    return None


def run_judge(job: Job, servers: list[Server], index: int, started: float, out: Outcome) -> None:
    time.sleep(max(0.0, started + job.start - time.monotonic()))
    http = requests.Session()
    key = secrets.token_urlsafe(18)
    ballot_id = _send(http, servers, index, job, key, out)
    if ballot_id is None:
        return
    if job.retry:  # the response was "lost": the device sends the same key again elsewhere
        again = _send(http, servers, index + 1, job, key, out)
        if again == ballot_id:
            with out.lock:
                out.retries_answered_same += 1
    if job.edit_twice:  # two devices change the ballot at the same moment
        barrier = threading.Barrier(2, timeout=TIMEOUT)

        def change(device: int) -> None:
            changed = Job(**{**job.__dict__, "fields": _changed(job.fields, device)})
            barrier.wait()
            _send(
                requests.Session(), servers, index + device, changed, secrets.token_urlsafe(18), out
            )

        devices = [threading.Thread(target=change, args=(d,)) for d in (0, 1)]
        for d in devices:
            d.start()
        for d in devices:
            d.join(TIMEOUT * ATTEMPTS)


def _changed(fields: dict[str, str], device: int) -> dict[str, str]:
    """The same ballot with the first speaker's speaker id unchanged and a new comment."""
    return {**fields, "comments": f"changed on device {device}"}


def open_pages(jobs: list[Job], servers: list[Server]) -> dict[str, float]:
    """Every judge opens the ballot page first, as in a real round: the debate lasts an hour
    between the page load and the submit. Returns the page-load latency figures (ms)."""

    def load(index: int) -> float:
        job = jobs[index]
        started = time.perf_counter()
        response = requests.get(f"{servers[index % len(servers)].base}/j/{job.token}", timeout=30)
        response.raise_for_status()
        return time.perf_counter() - started

    with ThreadPoolExecutor(max_workers=16) as pool:
        latencies = sorted(pool.map(load, range(len(jobs))))
    return {
        "p50": round(1000 * latencies[len(latencies) // 2], 1),
        "p95": round(1000 * latencies[int(0.95 * len(latencies))], 1),
    }


def burst(
    jobs: list[Job], servers: list[Server], window: float, fault: Callable[[], None] | None
) -> tuple[Outcome, float]:
    out = Outcome()
    started = time.monotonic()
    timer = threading.Timer(window / 2, fault) if fault else None
    if timer:
        timer.start()
    # In order of start time: a thread sleeping until a late start never holds back an earlier
    # judge (submitted in index order, the overdue judges all fired at once mid-burst).
    order = sorted(range(len(jobs)), key=lambda index: jobs[index].start)
    with ThreadPoolExecutor(max_workers=min(len(jobs), 128)) as pool:
        for index in order:
            pool.submit(run_judge, jobs[index], servers, index, started, out)
    if timer:
        timer.join()
    return out, time.monotonic() - started


# --------------------------------------------------------------------------- rounds


def open_round(seq: int, tournament_id: int, judges: int, window: float, rng) -> list[Job]:
    """Draw, allocate and release the round; one job per judge seated in it."""
    user = simulate.director()
    round_ = db.session.scalar(
        select(Round).where(Round.tournament_id == tournament_id, Round.seq == seq)
    )
    draws.generate_draw(round_, user)
    draws.allocate_round(round_, user)
    draws.release_draw(round_, user)
    fmt = format_for(round_.tournament)
    jobs = []
    for debate in simulate.debates_of(round_)[:judges]:
        submission = simulate.random_submission(debate, fmt, rng)
        for seat in simulate.counting_seats(debate, fmt):
            jobs.append(
                Job(
                    token=seat.adjudicator.token,
                    debate_id=debate.id,
                    fields=_form(submission),
                    start=rng.uniform(0, window),
                    retry=rng.random() < 0.2,
                    edit_twice=rng.random() < 0.05,
                )
            )
    return jobs


def finish_round(seq: int, tournament_id: int) -> None:
    user = simulate.director()
    round_ = db.session.scalar(
        select(Round).where(Round.tournament_id == tournament_id, Round.seq == seq)
    )
    for desk in results.round_desk(round_):
        if desk.result is None:
            results.confirm(desk.debate.id, user, desk.counted_ids)
    draws.close_round(round_, user)


# --------------------------------------------------------------------------- checking


def check(jobs: list[Job], out: Outcome, positions: int) -> dict[str, object]:
    db.session.expire_all()
    debate_ids = {j.debate_id for j in jobs}
    stored = {
        b.idempotency_key: b
        for b in db.session.scalars(select(Ballot).where(Ballot.debate_id.in_(debate_ids)))
    }
    lost = [
        k
        for k, ballot_id in out.acknowledged.items()
        if getattr(stored.get(k), "id", None) != ballot_id
    ]
    unacknowledged = sorted(set(stored) - set(out.acknowledged))  # only possible when killed
    current = db.session.execute(
        select(Ballot.debate_id, Ballot.adjudicator_id, func.count())
        .where(Ballot.debate_id.in_(debate_ids), Ballot.status == "current")
        .group_by(Ballot.debate_id, Ballot.adjudicator_id)
    ).all()
    scores = dict(
        db.session.execute(
            select(SpeakerScore.ballot_id, func.count())
            .where(SpeakerScore.ballot_id.in_([b.id for b in stored.values()]))
            .group_by(SpeakerScore.ballot_id)
        ).all()
    )
    latencies = sorted(out.latencies)

    def pct(p: float) -> float:
        return round(1000 * latencies[min(len(latencies) - 1, int(p * len(latencies)))], 1)

    return {
        "judges": len(jobs),
        "acknowledged": len(out.acknowledged),
        "stored": len(stored),
        "lost": len(lost),
        "duplicated_current": sum(1 for *_, n in current if n != 1),
        "judges_without_ballot": len(jobs) - len(current),
        "partial_ballots": sum(1 for b in stored.values() if scores.get(b.id) != positions),
        "stored_not_acknowledged": len(unacknowledged),
        "retries_answered_with_same_ballot": out.retries_answered_same,
        "failovers": out.failovers,
        "refused": out.refused[:5],
        "latency_ms": {"p50": pct(0.5), "p95": pct(0.95), "p99": pct(0.99), "max": pct(1.0)}
        if latencies
        else {},
        "mean_ms": round(1000 * statistics.mean(latencies), 1) if latencies else None,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--judges", type=int, default=300)
    parser.add_argument("--window", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    name, url = create_database()
    servers: list[Server] = []
    ok = True
    try:
        app = create_app({"SQLALCHEMY_DATABASE_URI": url})
        with app.app_context():
            from flask_migrate import upgrade

            upgrade()
            tournament = simulate.build_field(2 * args.judges, 2, "karl_popper", rng)
            tournament_id = tournament.id
            positions = 2 * len(format_for(tournament).positions)
            jobs = open_round(1, tournament_id, args.judges, args.window, rng)
            with tempfile.TemporaryDirectory() as instance:
                secret = secrets.token_hex(32)
                for _ in range(2):
                    servers.append(start_server(url, instance, secret))
                print("ballot pages opened (ms):", open_pages(jobs, servers))
                out, seconds = burst(jobs, servers, args.window, None)
                first = check(jobs, out, positions)
                print("burst 1 (two servers):", f"{seconds:.1f} s", first)
                finish_round(1, tournament_id)
                jobs = open_round(2, tournament_id, args.judges, args.window, rng)
                print("ballot pages opened (ms):", open_pages(jobs, servers))
                out, seconds = burst(jobs, servers, args.window, servers[1].kill)
                second = check(jobs, out, positions)
                print("burst 2 (kill -9 one server mid-burst):", f"{seconds:.1f} s", second)
            for figures in (first, second):
                ok &= not (
                    figures["lost"]
                    or figures["duplicated_current"]
                    or figures["judges_without_ballot"]
                    or figures["partial_ballots"]
                )
            ok &= first["stored_not_acknowledged"] == 0
            db.session.remove()
            db.engine.dispose()
    finally:
        for server in servers:
            server.kill()
        drop_database(name)
    print("invariants hold" if ok else "INVARIANTS BROKEN")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
