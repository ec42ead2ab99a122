"""Login sessions kept on the server, so that logging out really ends a session.

Flask's session is a signed cookie: on its own, a copy taken before the logout would keep
working. At login a ``LoginSession`` row is made and its id put in the cookie; every request
checks the row is still open, and logging out closes it.
"""

from __future__ import annotations

import secrets

from flask import session
from sqlalchemy import update

from tourney.extensions import db
from tourney.models import LoginSession, User
from tourney.models._base import utcnow

KEY = "login_session"


def start(user: User) -> None:
    row = LoginSession(sid=secrets.token_urlsafe(32), user_id=user.id, started_at=utcnow())
    db.session.add(row)
    db.session.commit()
    session[KEY] = row.sid


def end() -> None:
    sid = session.pop(KEY, None)
    if sid:
        db.session.execute(
            update(LoginSession)
            .where(LoginSession.sid == sid, LoginSession.ended_at.is_(None))
            .values(ended_at=utcnow())
        )
        db.session.commit()


def user_of_session(user_id: str) -> User | None:
    """The logged-in user named by the cookie, if its login session is still open."""
    sid = session.get(KEY)
    if not sid or not user_id.isdigit():
        return None
    row = db.session.get(LoginSession, sid)
    if row is None or row.ended_at is not None or row.user_id != int(user_id):
        return None
    return db.session.get(User, row.user_id)
