"""Login throttling: counted in the database (two app processes share the count), per username
and address, never a lock-out of the right password, and forwarded addresses only from a proxy."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from tourney import create_app
from tourney.extensions import db
from tourney.models import AuditEvent
from tourney.services.accounts import create_user

FAILED = select(func.count(AuditEvent.id)).where(AuditEvent.action == "login_failed")


def _login(client, username: str, password: str, address: str = "10.0.0.1", **headers) -> int:
    return client.post(
        "/login?lang=en",
        data={"username": username, "password": password},
        environ_base={"REMOTE_ADDR": address},
        headers=headers,
    ).status_code


def _age_failures(seconds: int) -> None:
    """Move every recorded failure ``seconds`` into the past (the throttle delay passing)."""
    for event in db.session.scalars(select(AuditEvent).where(AuditEvent.action == "login_failed")):
        event.at -= timedelta(seconds=seconds)
    db.session.commit()


def test_a_username_and_address_are_throttled_in_every_process(app) -> None:
    app.config["LOGIN_FAILURES"] = 3
    create_user("director", "right-password", "tab_director")
    client = app.test_client()
    assert [_login(client, "director", "guess") for _ in range(3)] == [401, 401, 401]
    assert _login(client, "Director ", "guess") == 429  # the next try must wait
    assert db.session.scalar(FAILED) == 3  # waiting tries are not counted again

    other_process = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "TESTING": True,
            "WTF_CSRF_ENABLED": False,
            "LOGIN_FAILURES": 3,
        }
    )
    blocked = other_process.test_client().post(
        "/login?lang=en",
        data={"username": "director", "password": "guess"},
        environ_base={"REMOTE_ADDR": "10.0.0.1"},
    )
    assert blocked.status_code == 429
    assert "Too many failed logins" in blocked.get_data(as_text=True)
    assert int(blocked.headers["Retry-After"]) > 0
    with other_process.app_context():
        db.session.remove()
        db.engine.dispose()


def test_the_right_password_is_never_locked_out(app) -> None:
    app.config["LOGIN_FAILURES"] = 3
    create_user("director", "right-password", "tab_director")
    client = app.test_client()
    for _ in range(3):
        _login(client, "director", "guess")
    # From another address the organiser logs in at once: a guesser cannot lock anyone out.
    assert _login(app.test_client(), "director", "right-password", address="10.0.0.2") == 302
    # From the guesser's own address the right password works on the next allowed try.
    _age_failures(61)
    assert _login(client, "director", "right-password") == 302


def test_a_throttled_pair_gets_one_try_per_delay(app) -> None:
    app.config["LOGIN_FAILURES"] = 2
    create_user("clerk", "right-password", "ballot_clerk")
    client = app.test_client()
    assert [_login(client, "clerk", "guess") for _ in range(2)] == [401, 401]
    assert _login(client, "clerk", "guess") == 429
    _age_failures(61)
    assert _login(client, "clerk", "guess") == 401  # one more try allowed, and it failed
    assert _login(client, "clerk", "right-password") == 429  # then wait again


def test_many_usernames_from_one_address_do_not_block_the_others(app) -> None:
    app.config["LOGIN_FAILURES"] = 3
    create_user("clerk", "right-password", "ballot_clerk")
    client = app.test_client()
    assert {_login(client, f"user{i}", "guess") for i in range(60)} == {401}
    assert _login(client, "clerk", "right-password") == 302  # the tab room behind one NAT


def test_forwarded_addresses_count_only_behind_a_configured_proxy(app) -> None:
    app.config["LOGIN_FAILURES"] = 2
    create_user("admin", "right-password", "admin")
    client = app.test_client()
    # No proxy configured: a forged X-Forwarded-For does not give a fresh address.
    for fake in ("1.1.1.1", "2.2.2.2"):
        assert _login(client, "admin", "guess", **{"X-Forwarded-For": fake}) == 401
    assert _login(client, "admin", "guess", **{"X-Forwarded-For": "3.3.3.3"}) == 429

    behind_proxy = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "TESTING": True,
            "WTF_CSRF_ENABLED": False,
            "LOGIN_FAILURES": 2,
            "TRUSTED_PROXIES": 1,
        }
    )
    proxied = behind_proxy.test_client()
    # Behind one trusted proxy every client is told apart by the address the proxy saw.
    assert _login(proxied, "admin", "guess", **{"X-Forwarded-For": "4.4.4.4"}) == 401
    assert _login(proxied, "admin", "guess", **{"X-Forwarded-For": "4.4.4.4"}) == 401
    assert _login(proxied, "admin", "guess", **{"X-Forwarded-For": "4.4.4.4"}) == 429
    assert _login(proxied, "admin", "right-password", **{"X-Forwarded-For": "5.5.5.5"}) == 302
    with behind_proxy.app_context():
        addresses = set(
            db.session.scalars(
                select(AuditEvent.details["address"].as_string()).where(
                    AuditEvent.action == "login_failed"
                )
            )
        )
        db.session.remove()
        db.engine.dispose()
    assert "4.4.4.4" in addresses and "1.1.1.1" not in addresses


def test_failures_outside_the_window_do_not_count(app) -> None:
    app.config["LOGIN_FAILURES"] = 2
    app.config["LOGIN_WINDOW_MINUTES"] = 0
    create_user("admin", "right-password", "admin")
    client = app.test_client()
    assert _login(client, "admin", "guess") == 401
    assert _login(client, "admin", "guess") == 401
    assert _login(client, "admin", "right-password") == 302
