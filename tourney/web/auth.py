"""Organiser login and logout, and the language switcher."""

from __future__ import annotations

import re
import secrets
from functools import lru_cache
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required, login_user, logout_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

from tourney.config import LANGUAGES
from tourney.extensions import db
from tourney.models import User
from tourney.web import ratelimit, sessions
from tourney.web.i18n import LANGUAGE_COOKIE

bp = Blueprint("auth", __name__)


class LoginForm(FlaskForm):
    username = StringField(_l("Username"), validators=[DataRequired(), Length(max=80)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])


UNSAFE_IN_TARGET = re.compile(r"[\x00-\x20\x7f\\]")  # browsers drop tabs/newlines, read \ as /


def _safe_next(target: str | None) -> str:
    """Only a path on this site: never bounce a fresh login to another one.

    ``////evil.example`` splits into an empty host and the path ``//evil.example``, which a
    browser reads as another host; so the *path* must not start with two slashes either.
    """
    fallback = url_for("admin.dashboard")
    if not target or UNSAFE_IN_TARGET.search(target) or target.startswith("//"):
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return fallback
    if parts.path.startswith("//"):
        return fallback
    return parts.path + (f"?{parts.query}" if parts.query else "")


@lru_cache(maxsize=1)
def _stand_in_hash() -> str:
    """A hash to check a password against when the username is unknown, so that a wrong
    username costs the same time as a wrong password (no finding out who has an account)."""
    return generate_password_hash(secrets.token_urlsafe(16))


def _authenticate(username: str, password: str) -> User | None:
    user = db.session.scalar(select(User).where(User.username == username))
    matches = check_password_hash(user.password_hash if user else _stand_in_hash(), password)
    return user if user is not None and matches and user.active else None


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("admin.dashboard"))
    form = LoginForm()
    if form.validate_on_submit():
        username = form.username.data.strip()
        wait = ratelimit.login_wait(username, request.remote_addr)
        if wait:
            flash(
                _(
                    "Too many failed logins. Try again in %(minutes)s minutes.",
                    minutes=ratelimit.minutes(wait),
                ),
                "error",
            )
            response = make_response(render_template("auth/login.html", form=form), 429)
            response.headers["Retry-After"] = str(wait)
            return response
        user = _authenticate(username, form.password.data)
        if user is not None:
            session.clear()  # a fresh session at login: nothing chosen before it carries over
            sessions.start(user)
            login_user(user)
            return redirect(_safe_next(request.args.get("next")))
        ratelimit.record_login_failure(username, request.remote_addr)
        flash(_("Wrong username or password."), "error")
    return render_template("auth/login.html", form=form), 200 if request.method == "GET" else 401


@bp.post("/logout")
@login_required
def logout():
    sessions.end()
    logout_user()
    session.clear()
    flash(_("You are logged out."), "info")
    return redirect(url_for("public.home"))


@bp.get("/language/<code>")
def set_language(code: str):
    """Remember the chosen language in a cookie and go back where the user was."""
    target = request.referrer or url_for("public.home")
    if urlsplit(target).netloc not in ("", request.host):
        target = url_for("public.home")
    response = make_response(redirect(target))
    if code in LANGUAGES:
        response.set_cookie(
            LANGUAGE_COOKIE, code, max_age=365 * 24 * 3600, samesite="Lax", httponly=True
        )
    return response
