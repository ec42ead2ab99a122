"""The organisers' pages (tab room). Every view needs a login; roles narrow what each may do."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template
from flask_login import login_required

from tourney.services import catalogue

bp = Blueprint("admin", __name__)

# Tournament pages that other admin modules add to the tournament menu: (endpoint, label).
MENU: list[tuple[str, object]] = []


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
