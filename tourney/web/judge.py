"""Adjudicators' private ballot links: ``/j/<token>``. No account; the token is the key."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("judge", __name__)
