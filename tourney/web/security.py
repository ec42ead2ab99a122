"""Security headers, refusing text that cannot be stored, the login manager, and role checks."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Flask, Response, abort, jsonify, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from tourney.extensions import login

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


PRIVATE_PREFIXES = ("/admin", "/login")


def _add_headers(response: Response) -> Response:
    if request.path.startswith(PRIVATE_PREFIXES):
        # Tab-room pages, PDFs and CSVs hold unreleased results and private links: no browser
        # cache, proxy or back button on a shared computer may keep a copy.
        response.headers["Cache-Control"] = "no-store"
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    # same-origin: Flask-WTF checks the referrer on HTTPS posts; other sites learn nothing.
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    return response


UNREADABLE = _l(
    "The text sent contains a NUL character, which cannot be stored. Retype the text and try again."
)


def _contains_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_contains_nul(k) or _contains_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_contains_nul(v) for v in value)
    return False


def _refuse_nul() -> ResponseReturnValue | None:
    """No text field can hold NUL (PostgreSQL refuses it): say so before anything is written."""
    if "\x00" in request.path:
        abort(404)  # no address holds one; a private link's near miss looks like any other
    if request.path.startswith("/api/"):  # read-only: the API answers a NUL itself
        return None
    sent = [*request.args.items(multi=True), *request.form.items(multi=True)]
    if request.is_json:
        sent.append(request.get_json(silent=True))
    if not any(_contains_nul(value) for value in sent if value is not None):
        return None
    message = str(UNREADABLE)
    if request.is_json:  # 422, not 400: the ballot page retries a 400 (an expired CSRF token)
        return jsonify(ok=False, code="unreadable_input", message=message), 422
    return render_template("error.html", code=400, message=message), 400


def init_security(app: Flask) -> None:
    app.before_request(_refuse_nul)
    app.after_request(_add_headers)
    login.login_view = "auth.login"
    login.login_message = _l("Please log in to open the tab room.")
    login.login_message_category = "warning"

    @login.user_loader
    def load_user(user_id: str):
        from tourney.web.sessions import user_of_session

        return user_of_session(user_id)


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
