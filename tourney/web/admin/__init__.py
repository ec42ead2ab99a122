"""The organisers' pages (tab room). Every view needs a login; roles narrow what each may do."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import login_required

from tourney.services import catalogue

bp = Blueprint("admin", __name__)


@bp.get("/")
@login_required
def dashboard():
    return render_template("admin/dashboard.html", championships=catalogue.championships())
