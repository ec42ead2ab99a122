"""How many gunicorn request slots stay free while one client loops on the most expensive route:
.venv/bin/python bench/hostile_load.py

Creates a throwaway PostgreSQL database with the demo championship (as bench/public_load.py),
starts gunicorn as `tourney serve` does (2 workers x 4 threads = 8 request slots), logs in as the
tab director and lets ATTACKERS connections of that one user loop on the participation
certificates PDF (the heaviest document a logged-in organiser can ask for) for SECONDS. Twice a
second a probe sends 8 concurrent requests for the login page and counts those answered within
1 s: the free slots. Prints the free slots before and during the attack, and what the attacker
got (PDFs made, refusals with 429). Then times a CSV import of the largest accepted file
(csv_import.reading.MAX_ROWS teams) in-process on SQLite. Asserts nothing.

Options (environment): BENCH_SERVER, BENCH_ATTACKERS (16), BENCH_SECONDS (20).
"""

from __future__ import annotations

import os
import re
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

import requests
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import public_load  # noqa: E402  (the demo database and the gunicorn start are shared)

SERVER = os.environ.get("BENCH_SERVER", "postgresql://postgres@127.0.0.1:5432/postgres")
ATTACKERS = int(os.environ.get("BENCH_ATTACKERS", "16"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "20"))
SLOTS = 8
ROUTE = "/admin/t/dushanbe/certificates/participation.pdf?lang=tg"


def _login(base: str) -> requests.Session:
    session = requests.Session()
    page = session.get(f"{base}/login", timeout=10).text
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    response = session.post(
        f"{base}/login",
        data={"csrf_token": token, "username": "director", "password": "demo"},
        allow_redirects=False,
        timeout=10,
    )
    assert response.status_code == 302, response.status_code
    return session


def _probe(base: str) -> int:
    """Requests for the login page, SLOTS at once: how many were answered within a second."""
    answered: list[bool] = []

    def one() -> None:
        try:
            answered.append(requests.get(f"{base}/login", timeout=1).status_code == 200)
        except requests.RequestException:
            answered.append(False)

    threads = [threading.Thread(target=one) for _ in range(SLOTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(answered)


def _probes(base: str, seconds: float) -> list[int]:
    found, stop = [], time.monotonic() + seconds
    while time.monotonic() < stop:
        found.append(_probe(base))
        time.sleep(0.5)
    return found


def _attack(base: str, cookies, stop: float, outcomes: Counter) -> None:
    session = requests.Session()
    session.cookies.update(cookies)
    while time.monotonic() < stop:
        try:
            response = session.get(base + ROUTE, timeout=60, allow_redirects=False)
            outcomes[response.status_code] += 1
        except requests.RequestException as error:
            outcomes[type(error).__name__] += 1


def _summary(name: str, free: list[int]) -> None:
    print(
        f"{name:<28} free slots of {SLOTS}: median {statistics.median(free):.0f}, "
        f"min {min(free)}, mean {statistics.mean(free):.1f} ({len(free)} probes)"
    )


def web_phase(database_url: str) -> None:
    port = public_load.free_port()
    with tempfile.TemporaryDirectory(prefix="tourney-bench-") as instance:
        public_load.THREADS = 4
        server = public_load.start_gunicorn(database_url, port, instance)
        base = f"http://127.0.0.1:{port}"
        try:
            session = _login(base)
            started = time.perf_counter()
            size = len(session.get(base + ROUTE, timeout=60).content)
            print(
                f"gunicorn 2 workers x 4 threads, PostgreSQL; {ATTACKERS} connections of one "
                f"user loop on GET {ROUTE} ({size} bytes, {time.perf_counter() - started:.2f} s alone)"
            )
            _summary("before the attack", _probes(base, 5))
            outcomes: Counter = Counter()
            stop = time.monotonic() + SECONDS
            attackers = [
                threading.Thread(target=_attack, args=(base, session.cookies, stop, outcomes))
                for _ in range(ATTACKERS)
            ]
            for thread in attackers:
                thread.start()
            time.sleep(1)
            _summary("during the attack", _probes(base, SECONDS - 2))
            for thread in attackers:
                thread.join()
            made, refused = outcomes.pop(200, 0), outcomes.pop(429, 0)
            print(f"attacker: {made} PDFs made, {refused} refused with 429, other {dict(outcomes)}")
        finally:
            server.terminate()
            server.wait(timeout=30)


def csv_phase() -> None:
    from flask_migrate import upgrade

    from tests.integration.participants.helpers import csv_bytes, make_qualifier
    from tourney import create_app
    from tourney.services.csv_import import import_file
    from tourney.services.csv_import.reading import MAX_ROWS

    with tempfile.TemporaryDirectory(prefix="tourney-bench-") as folder:
        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/csv.db"})
        with app.app_context(), app.test_request_context():
            upgrade()
            tournament = make_qualifier("bench")
            header = ["name", "code", "speaker 1", "speaker 2", "speaker 3"]
            rows = [[f"Дастаи {i}", f"C{i}", f"Ҷ {i}", f"Ғ {i}", f"Қ {i}"] for i in range(MAX_ROWS)]
            raw = csv_bytes([header, *rows])
            started = time.perf_counter()
            import_file(tournament, "teams", raw, None)
            print(
                f"CSV import of {MAX_ROWS} teams ({len(raw) / 1e6:.2f} MB), SQLite: "
                f"{time.perf_counter() - started:.1f} s"
            )


def main() -> None:
    name = f"tourney_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(public_load._psycopg(SERVER), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    database_url = public_load._psycopg(make_url(SERVER).set(database=name).render_as_string(False))
    try:
        public_load.prepare(database_url)
        web_phase(database_url)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    csv_phase()


if __name__ == "__main__":
    main()
