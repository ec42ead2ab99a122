"""Rate limits that hold across app processes: failed logins and misses on private links.

Each failure is written to the audit log (``login_failed`` with the username and the client
address, ``link_missed`` with the address), so every gunicorn worker sees the same count: the
database is the shared store. Blocked tries are not written again, so a loop costs no rows.

- Logins are throttled per username *and* address: after ``LOGIN_FAILURES`` failures in the
  window, that pair may try once every ``LOGIN_THROTTLE_SECONDS``. Someone elsewhere is never
  affected, and the right password always gets through on the next allowed try: nobody can lock an
  organiser out, while a guesser gets a handful of tries an hour.
- Private links: after ``LINK_MISSES_PER_ADDRESS`` unknown tokens from one address in the window,
  that address is refused further look-ups until the oldest misses leave the window (links the
  browser already opened keep working: see ``tourney.web.judge``).

The client address is ``request.remote_addr``; behind a reverse proxy it is the real client only
when ``TOURNEY_PROXIES`` says how many proxies to trust (``tourney.config``).
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select

from tourney.extensions import db
from tourney.models import AuditEvent
from tourney.models._base import utcnow
from tourney.services import audit

LOGIN_FAILED = "login_failed"
LINK_MISSED = "link_missed"
DEFAULTS = {
    "LOGIN_WINDOW_MINUTES": 15,
    "LOGIN_FAILURES": 10,  # a person mistyping; then one try per LOGIN_THROTTLE_SECONDS
    "LOGIN_THROTTLE_SECONDS": 60,
    "LINK_MISSES_PER_ADDRESS": 30,  # a judge mistyping a link is far below this
}


def _setting(name: str) -> int:
    return int(current_app.config.get(name, DEFAULTS[name]))


def _key(username: str) -> str:
    return username.strip().casefold()[:80]


def _window() -> timedelta:
    return timedelta(minutes=_setting("LOGIN_WINDOW_MINUTES"))


def _recent(action: str, limit: int, **match: str) -> list[datetime]:
    """Times of the latest ``limit`` events of ``action`` inside the window, newest first."""
    query = select(AuditEvent.at).where(
        AuditEvent.action == action, AuditEvent.at >= utcnow() - _window()
    )
    for field, value in match.items():
        query = query.where(AuditEvent.details[field].as_string() == value)
    return list(db.session.scalars(query.order_by(AuditEvent.at.desc()).limit(limit)))


def _seconds(until: timedelta) -> int:
    return math.ceil(until.total_seconds()) if until > timedelta(0) else 0


def login_wait(username: str, address: str | None) -> int:
    """Seconds until this username may be tried again from this address; 0: now."""
    limit = _setting("LOGIN_FAILURES")
    recent = _recent(LOGIN_FAILED, limit, username=_key(username), address=address or "")
    if len(recent) < limit:
        return 0
    return _seconds(recent[0] + timedelta(seconds=_setting("LOGIN_THROTTLE_SECONDS")) - utcnow())


def minutes(seconds: int) -> int:
    return max(1, math.ceil(seconds / 60)) if seconds else 0


def record_login_failure(username: str, address: str | None) -> None:
    audit.record(None, LOGIN_FAILED, actor="login", username=_key(username), address=address or "")
    db.session.commit()


def link_wait(address: str | None) -> int:
    """Seconds until this address may look up unknown private links again; 0: now."""
    limit = _setting("LINK_MISSES_PER_ADDRESS")
    recent = _recent(LINK_MISSED, limit, address=address or "")
    if len(recent) < limit:
        return 0
    return _seconds(recent[-1] + _window() - utcnow())


def record_link_miss(address: str | None) -> None:
    audit.record(None, LINK_MISSED, actor="link", address=address or "")
    db.session.commit()
