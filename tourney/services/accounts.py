"""Tab-room accounts."""

from __future__ import annotations

from sqlalchemy import select

from tourney.extensions import db
from tourney.models import User
from tourney.models.users import ROLES


class AccountError(ValueError):
    pass


def create_user(username: str, password: str, role: str, display_name: str = "") -> User:
    username = username.strip()
    if not username or len(password) < 4:
        raise AccountError("A username and a password of at least 4 characters are needed.")
    if role not in ROLES:
        raise AccountError(f"Unknown role {role!r}.")
    if db.session.scalar(select(User).where(User.username == username)):
        raise AccountError(f"The username {username!r} is taken.")
    user = User(username=username, role=role, display_name=display_name or username)
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    return user
