"""Login rate limiting that holds across app processes.

Failed logins are written to the audit log (action ``login_failed``, with the username and the
client address), so every gunicorn worker sees the same count: the database is the shared store.
Too many failures for one username, or from one address, within the window block further tries
(without checking the password) until the oldest failures leave the window.
"""

from __future__ import annotations

import math
from datetime import timedelta

from flask import current_app
from sqlalchemy import select

from tourney.extensions import db
from tourney.models import AuditEvent
from tourney.models._base import utcnow
from tourney.services import audit

ACTION = "login_failed"
DEFAULTS = {
    "LOGIN_WINDOW_MINUTES": 15,
    "LOGIN_FAILURES_PER_USER": 10,  # a person mistyping; a guesser stops here
    "LOGIN_FAILURES_PER_ADDRESS": 50,  # a whole tab room behind one address still logs in
}


def _setting(name: str) -> int:
    return int(current_app.config.get(name, DEFAULTS[name]))


def _key(username: str) -> str:
    return username.strip().casefold()[:80]


def _failures(field: str, value: str, limit: int):
    """Times of the most recent failures for ``field == value`` inside the window, newest first."""
    since = utcnow() - timedelta(minutes=_setting("LOGIN_WINDOW_MINUTES"))
    return list(
        db.session.scalars(
            select(AuditEvent.at)
            .where(
                AuditEvent.action == ACTION,
                AuditEvent.at >= since,
                AuditEvent.details[field].as_string() == value,
            )
            .order_by(AuditEvent.at.desc())
            .limit(limit)
        )
    )


def blocked_minutes(username: str, address: str | None) -> int:
    """Minutes until this login may be tried again; 0 when it may be tried now."""
    window = timedelta(minutes=_setting("LOGIN_WINDOW_MINUTES"))
    wait = timedelta(0)
    checks = (
        ("username", _key(username), _setting("LOGIN_FAILURES_PER_USER")),
        ("address", address or "", _setting("LOGIN_FAILURES_PER_ADDRESS")),
    )
    for field, value, limit in checks:
        recent = _failures(field, value, limit)
        if len(recent) >= limit:  # free again when the limit-th newest failure leaves the window
            wait = max(wait, recent[-1] + window - utcnow())
    return math.ceil(wait.total_seconds() / 60) if wait > timedelta(0) else 0


def record_failure(username: str, address: str | None) -> None:
    audit.record(None, ACTION, actor="login", username=_key(username), address=address or "")
    db.session.commit()
