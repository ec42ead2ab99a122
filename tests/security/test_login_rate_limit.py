"""Login rate limiting: counted in the database, so two app processes share the count."""

from __future__ import annotations

from sqlalchemy import func, select

from tourney import create_app
from tourney.extensions import db
from tourney.models import AuditEvent
from tourney.services.accounts import create_user


def _login(client, username: str, password: str) -> int:
    return client.post("/login", data={"username": username, "password": password}).status_code


def test_a_username_is_blocked_after_too_many_failures_in_every_process(app) -> None:
    app.config["LOGIN_FAILURES_PER_USER"] = 3
    create_user("director", "right-password", "tab_director")
    client = app.test_client()
    assert [_login(client, "director", "guess") for _ in range(3)] == [401, 401, 401]
    assert _login(client, "Director ", "right-password") == 429  # even with the right password
    assert client.get("/admin/").status_code == 302
    failures = select(func.count(AuditEvent.id)).where(AuditEvent.action == "login_failed")
    assert db.session.scalar(failures) == 3  # blocked tries are not counted again

    other_process = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "TESTING": True,
            "WTF_CSRF_ENABLED": False,
            "LOGIN_FAILURES_PER_USER": 3,
        }
    )
    blocked = other_process.test_client().post(
        "/login?lang=en", data={"username": "director", "password": "right-password"}
    )
    assert blocked.status_code == 429
    assert "Too many failed logins" in blocked.get_data(as_text=True)
    with other_process.app_context():
        db.session.remove()
        db.engine.dispose()


def test_an_address_is_blocked_after_failures_on_many_usernames(app) -> None:
    app.config["LOGIN_FAILURES_PER_ADDRESS"] = 4
    create_user("clerk", "right-password", "ballot_clerk")
    client = app.test_client()
    assert {_login(client, f"user{i}", "guess") for i in range(4)} == {401}
    assert _login(client, "clerk", "right-password") == 429


def test_failures_outside_the_window_do_not_count(app) -> None:
    app.config["LOGIN_FAILURES_PER_USER"] = 2
    app.config["LOGIN_WINDOW_MINUTES"] = 0
    create_user("admin", "right-password", "admin")
    client = app.test_client()
    assert _login(client, "admin", "guess") == 401
    assert _login(client, "admin", "guess") == 401
    assert _login(client, "admin", "right-password") == 302
