"""Organiser login and logout, and the language switcher."""

from __future__ import annotations

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
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

from tourney.config import LANGUAGES
from tourney.extensions import db
from tourney.models import User
from tourney.web import ratelimit
from tourney.web.i18n import LANGUAGE_COOKIE

bp = Blueprint("auth", __name__)


class LoginForm(FlaskForm):
    username = StringField(_l("Username"), validators=[DataRequired(), Length(max=80)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])


def _safe_next(target: str | None) -> str:
    """Only local paths: never bounce a fresh login to another site."""
    if target and target.startswith("/") and not urlsplit(target).netloc and "\\" not in target:
        return target
    return url_for("admin.dashboard")


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("admin.dashboard"))
    form = LoginForm()
    if form.validate_on_submit():
        username = form.username.data.strip()
        wait = ratelimit.blocked_minutes(username, request.remote_addr)
        if wait:
            flash(
                _("Too many failed logins. Try again in %(minutes)s minutes.", minutes=wait),
                "error",
            )
            return render_template("auth/login.html", form=form), 429
        user = db.session.scalar(select(User).where(User.username == username))
        if user is not None and user.active and user.check_password(form.password.data):
            session.clear()  # a fresh session at login: nothing chosen before it carries over
            login_user(user)
            return redirect(_safe_next(request.args.get("next")))
        ratelimit.record_failure(username, request.remote_addr)
        flash(_("Wrong username or password."), "error")
    return render_template("auth/login.html", form=form), 200 if request.method == "GET" else 401


@bp.post("/logout")
@login_required
def logout():
    logout_user()
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
