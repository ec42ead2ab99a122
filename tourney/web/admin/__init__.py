"""The organisers' pages (tab room). Every view needs a login; roles narrow what each may do."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request
from flask_login import login_required

from tourney.services import catalogue

bp = Blueprint("admin", __name__)

# Tournament pages that other admin modules add to the tournament menu: (endpoint, label).
MENU: list[tuple[str, object]] = []


@bp.before_request
def _forms_only() -> None:
    """The tab room's pages take forms. Flask-WTF would read a JSON body as the form (a list or
    a nested object then breaks it), so a JSON body is refused before any view sees it."""
    if request.method == "POST" and request.is_json:
        abort(415)


@bp.app_template_global()
def admin_links() -> list[tuple[str, object]]:
    """The menu entries whose pages exist (each takes the tournament's ``slug``)."""
    return [(endpoint, label) for endpoint, label in MENU if endpoint in current_app.view_functions]


@bp.get("/")
@login_required
def dashboard():
    return render_template("admin/dashboard.html", championships=catalogue.championships())


# Each module adds its routes to ``bp``.
from tourney.web.admin import (  # noqa: E402,F401
    archive,
    attendance,
    ballot_rules,
    confirm_round,
    documents,
    exports,
    feedback,
    links,
    participants,
    results,
    rounds,
    tournaments,
    workflow,
)
