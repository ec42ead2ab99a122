"""Teams' private links: ``/team/<token>``. No account; the token is the key.

The page shows the team's own debates in released rounds (room, side, opponents, panel) and the
feedback forms the team owes on its chairs. A forged or revoked token gets the plain 404 page.
"""

from __future__ import annotations

import re

from flask import Blueprint, jsonify, make_response, request, url_for
from flask_wtf.csrf import generate_csrf
from sqlalchemy import select

from tourney.config import LANGUAGES
from tourney.extensions import db
from tourney.models import Team
from tourney.web import feedback_form, private_links
from tourney.web.i18n import LANGUAGE_COOKIE

bp = Blueprint("team", __name__)

TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{16,64}")


def team_by_token(token: str) -> Team | None:
    if not TOKEN_PATTERN.fullmatch(token or ""):
        return None
    return db.session.scalar(select(Team).where(Team.token == token))


def _team(token: str) -> Team:
    return private_links.resolve(token, team_by_token)


@bp.after_request
def _private(response):
    """The page holds a private link: never cache it anywhere."""
    response.headers["Cache-Control"] = "no-store"
    return response


def _page(team: Team, token: str, failed=None, status: int = 200):
    return feedback_form.render_link_page(
        team,
        "feedback/team.html",
        submit_url=url_for("team.submit", token=token),
        csrf_url=url_for("team.csrf", token=token),
        failed=failed,
        status=status,
        team=team,
        token=token,
    )


@bp.get("/<token>")
def page(token: str):
    team = _team(token)
    response = make_response(_page(team, token))
    if request.args.get("lang") in LANGUAGES:
        response.set_cookie(
            LANGUAGE_COOKIE, request.args["lang"], max_age=365 * 24 * 3600, samesite="Lax"
        )
    return response


@bp.get("/<token>/csrf")
def csrf(token: str):
    _team(token)
    return jsonify(csrf=generate_csrf())


@bp.post("/<token>/feedback")
def submit(token: str):
    team = _team(token)
    return feedback_form.handle_submit(
        team,
        page=lambda failed, status: _page(team, token, failed, status),
        done_url=url_for("team.page", token=token),
    )
