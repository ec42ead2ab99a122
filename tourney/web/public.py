"""Pages for teams and the public: only what the organisers released."""

from __future__ import annotations

from flask import Blueprint, render_template

from tourney.services import catalogue

bp = Blueprint("public", __name__)


@bp.get("/")
def home():
    return render_template("public/home.html", championships=catalogue.championships())
