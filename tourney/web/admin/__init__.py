"""The organisers' pages (tab room). Every view needs a login; roles narrow what each may do."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request
from flask_babel import gettext as _
from flask_login import login_required

from tourney.documents.qr import UntrustedHost
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


@bp.errorhandler(UntrustedHost)
def _no_address_for_private_links(error: UntrustedHost):
    message = _(
        "Private links are not printed or shown until the server knows its own address: set"
        " PUBLIC_BASE_URL to the address judges' and teams' phones open (or TOURNEY_HOSTS to"
        " the host names this server answers to). This page was asked for as %(host)s, a name"
        " anyone can send.",
        host=error.host,
    )
    return render_template("error.html", code=409, message=message), 409


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
