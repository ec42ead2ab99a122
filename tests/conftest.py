"""Test fixtures: every database test runs on SQLite and on PostgreSQL.

The schema is built by running the Alembic migrations once per backend and test worker; after each
test the tables are emptied. PostgreSQL comes from ``TEST_DATABASE_URL`` (a server URL: the tests
create and drop their own database). Under ``CI=true`` a missing PostgreSQL fails the run.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

os.environ.setdefault("TOURNEY_INSTANCE", tempfile.mkdtemp(prefix="tourney-test-instance-"))
os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production")

from tests.hypothesis_profiles import IN_CI, PROFILE

# Hypothesis: under CI the thorough defaults (100 examples); locally a fifth, like the explicit
# max_examples that tests/hypothesis_profiles.examples scales. HYPOTHESIS_PROFILE=ci forces it.
settings.register_profile("ci", print_blob=True)
settings.register_profile("dev", max_examples=20)
settings.load_profile(PROFILE)

BACKENDS = ["sqlite", "postgresql"]


def _postgres_server_url() -> str | None:
    from sqlalchemy.engine import make_url

    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        return None
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def _unavailable(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"PostgreSQL is required under CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path_factory) -> Iterator[str]:
    """A freshly migrated database for this backend, dropped at the end of the session."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'tourney.db'}"
        _migrate(url)
        yield url
        return
    server = _postgres_server_url()
    if server is None:
        _unavailable("TEST_DATABASE_URL is not set")
    name = f"tourney_test_{worker}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:  # any connection failure means "no server"
        admin.dispose()
        _unavailable(f"cannot reach PostgreSQL at {server}: {error}")
    url = make_url(server).set(database=name).render_as_string(hide_password=False)
    try:
        _migrate(url)
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _migrate(url: str) -> None:
    from flask_migrate import upgrade

    from tourney import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
    with app.app_context():
        upgrade()
        from tourney.extensions import db

        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def app(database_url: str, tmp_path: Path):
    from tourney import create_app
    from tourney.extensions import db

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": database_url,
            # each test its own files (logos, documents): parallel workers never share them
            "INSTANCE_DIR": str(tmp_path / "instance"),
            "TESTING": True,
            "WTF_CSRF_ENABLED": False,
            "SERVER_NAME": "localhost",
        }
    )
    # The fixture keeps one app context open around the test, so requests share ``g``; drop
    # the per-request caches (the chosen language) at the start of each request.
    from flask_babel import refresh

    app.before_request(refresh)
    with app.app_context():
        yield app
        db.session.remove()
        _empty_tables(db)
        db.engine.dispose()


def _empty_tables(db) -> None:
    from sqlalchemy import text

    tables = [t.name for t in reversed(db.metadata.sorted_tables)]
    with db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            quoted = ", ".join(f'"{t}"' for t in tables)
            conn.execute(text(f"TRUNCATE {quoted} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                conn.execute(text(f'DELETE FROM "{table}"'))


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def backend(database_url: str) -> str:
    return "postgresql" if database_url.startswith("postgresql") else "sqlite"
