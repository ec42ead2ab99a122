"""Read-only JSON API under ``/api/v1/``: the same released data as the public pages."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("api", __name__)
