"""Security headers, the login manager, and role checks for the organiser pages."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Flask, Response, abort
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from tourney.extensions import db, login

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def _add_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    # same-origin: Flask-WTF checks the referrer on HTTPS posts; other sites learn nothing.
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    return response


def init_security(app: Flask) -> None:
    app.after_request(_add_headers)
    login.login_view = "auth.login"
    login.login_message = _l("Please log in to open the tab room.")
    login.login_message_category = "warning"

    @login.user_loader
    def load_user(user_id: str):
        from tourney.models import User

        return db.session.get(User, int(user_id))


def role_required(*roles: str) -> Callable:
    """Allow logged-in users with one of ``roles`` (admins always); others get 403."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapped(*args: Any, **kwargs: Any):
            if not current_user.has_role(*roles):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator
