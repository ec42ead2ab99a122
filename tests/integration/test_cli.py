"""The set-up commands on an empty database of each kind: init-db, demo, create-admin."""

from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.conftest import IN_CI, _postgres_server_url
from tourney import config


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'fresh.db'}"
        return
    server = _postgres_server_url()
    if server is None:
        if IN_CI:
            pytest.fail("PostgreSQL is required under CI")
        pytest.skip("TEST_DATABASE_URL is not set")
    name = f"tourney_cli_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_init_db_then_demo_then_the_app_serves_it(empty_database: str) -> None:
    from tourney import create_app
    from tourney.extensions import db

    app = create_app({"SQLALCHEMY_DATABASE_URI": empty_database, "TESTING": True})
    runner = app.test_cli_runner()
    result = runner.invoke(args=["init-db"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    assert "Loaded 5 tournaments" in result.output
    assert "already loaded" in runner.invoke(args=["demo"]).output
    result = runner.invoke(args=["create-admin", "--username", "ali", "--password", "secret-1"])
    assert result.exit_code == 0, result.output
    page = app.test_client().get("/?lang=tg").get_data(as_text=True)
    assert "Мусобиқаи интихобии вилояти Суғд" in page
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_secret_key_is_generated_once_and_kept(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = config.secret_key(tmp_path)
    assert len(first) >= 32
    assert config.secret_key(tmp_path) == first
    assert oct((tmp_path / "secret_key").stat().st_mode & 0o777) == "0o600"
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    assert config.secret_key(tmp_path) == "from-the-environment"
    assert os.environ["SECRET_KEY"] == "from-the-environment"


def test_database_url_defaults_to_sqlite_and_accepts_postgres_urls(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert config.database_url(tmp_path) == f"sqlite:///{tmp_path / 'tourney.db'}"
    monkeypatch.setenv("DATABASE_URL", "postgres://u@h/db")
    assert config.database_url(tmp_path) == "postgresql+psycopg://u@h/db"
