"""The public draw page under 50 concurrent clients: .venv/bin/python bench/public_load.py

Creates a throwaway PostgreSQL database (dropped at the end), loads the demo championship, plays
and releases a round through the services, starts gunicorn (2 workers) on 127.0.0.1, then lets
50 client threads hit the draw page: first plain GETs (a phone opening the page), then
conditional GETs with the page's ETag (a phone polling it). Prints
p50/p95/p99 latency and requests per second for each; target p95 <= 50 ms. Asserts nothing.

Options (environment): BENCH_SERVER (postgresql://postgres@127.0.0.1:5432/postgres),
BENCH_CLIENTS (50), BENCH_REQUESTS (per client and phase, 100), BENCH_SECONDS (per phase, 20),
BENCH_THREADS (threads per gunicorn worker, 1: sync workers; 4 as `tourney serve` is slower
here, the GIL shared by the threads).
"""

from __future__ import annotations

import http.client
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SERVER = os.environ.get("BENCH_SERVER", "postgresql://postgres@127.0.0.1:5432/postgres")
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "50"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "100"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "20"))
WORKERS = 2
THREADS = int(os.environ.get("BENCH_THREADS", "1"))
SLUG = "dushanbe"


def _psycopg(url: str) -> str:
    return make_url(url).set(drivername="postgresql+psycopg").render_as_string(hide_password=False)


def prepare(database_url: str) -> str:
    """Migrate, load the demo, play round 1 and release round 2's draw; the draw page's path."""
    from flask_migrate import upgrade

    from tests.integration.draws.helpers import confirm_all
    from tourney import create_app
    from tourney.extensions import db
    from tourney.models import Round, Tournament, User
    from tourney.services import demo, draws

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url})
    with app.app_context():
        upgrade()
        demo.load()
        tournament = db.session.scalar(select(Tournament).where(Tournament.slug == SLUG))
        director = db.session.scalar(select(User).where(User.username == "director"))
        for seq in (1, 2):
            round_ = db.session.scalar(
                select(Round).where(Round.tournament_id == tournament.id, Round.seq == seq)
            )
            draws.generate_draw(round_, director)
            draws.allocate_round(round_, director)
            draws.release_draw(round_, director)
            if seq == 1:
                confirm_all(round_, random.Random(1))
                draws.close_round(round_, director)
                draws.release_results(round_, director)
        db.session.remove()
        db.engine.dispose()
    return f"/t/{SLUG}/draw/2"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(database_url: str, port: int, instance: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "TOURNEY_INSTANCE": instance,
        "SECRET_KEY": "bench-secret",
    }
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(WORKERS),
        "--threads",
        str(THREADS),
        "--log-level",
        "warning",
        "tourney:create_app()",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/")
            connection.getresponse().read()
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def client(port: int, path: str, etag: str | None, out: list[float], errors: list[str]) -> None:
    """One phone: up to REQUESTS requests or SECONDS, whichever comes first."""
    headers = {"Accept-Language": "tg", **({"If-None-Match": etag} if etag else {})}
    expected = 304 if etag else 200
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    stop = time.monotonic() + SECONDS
    for _ in range(REQUESTS):
        if time.monotonic() > stop:
            break
        started = time.perf_counter()
        try:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
        except (OSError, http.client.HTTPException) as error:
            errors.append(type(error).__name__)
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            continue
        out.append(time.perf_counter() - started)
        if response.status != expected:
            errors.append(str(response.status))
    connection.close()


def phase(name: str, port: int, path: str, etag: str | None) -> None:
    latencies: list[float] = []
    errors: list[str] = []
    threads = [
        threading.Thread(target=client, args=(port, path, etag, latencies, errors))
        for _ in range(CLIENTS)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    print(
        f"{name:<34} {len(latencies):>6} requests  {len(latencies) / elapsed:>7.0f} req/s  "
        f"p50 {cuts[49] * 1000:6.1f} ms  p95 {cuts[94] * 1000:6.1f} ms  "
        f"p99 {cuts[98] * 1000:6.1f} ms  errors {len(errors)}"
    )


def main() -> None:
    name = f"tourney_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(_psycopg(SERVER), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    database_url = _psycopg(make_url(SERVER).set(database=name).render_as_string(False))
    server = None
    try:
        path = prepare(database_url)
        port = free_port()
        with tempfile.TemporaryDirectory(prefix="tourney-bench-") as instance:
            server = start_gunicorn(database_url, port, instance)
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("GET", path, headers={"Accept-Language": "tg"})
            response = connection.getresponse()
            size = len(response.read())
            etag = response.getheader("ETag")
            print(
                f"gunicorn {WORKERS} workers x {THREADS} threads, PostgreSQL; {CLIENTS} clients, "
                f"<= {REQUESTS} requests or {SECONDS:.0f} s each; GET {path} ({size} bytes)"
            )
            phase("warm-up", port, path, None)
            phase("page loads (GET)", port, path, None)
            phase("polling (If-None-Match -> 304)", port, path, etag)
            phase("live part (?fragment=1)", port, path + "?fragment=1", None)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


if __name__ == "__main__":
    main()
