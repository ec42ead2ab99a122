"""QR codes for the private links of judges (ballots) and teams (feedback)."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urljoin

import segno
from flask import current_app, has_request_context, request, url_for
from werkzeug.routing import BuildError

QR_MASK = 2


def ballot_link(token: str | None) -> str | None:
    """The absolute private link ``/j/<token>``, or None when the link was revoked.

    ``PUBLIC_BASE_URL`` (the address judges' phones reach) wins over the host the organiser used.
    """
    return _private_link("judge.ballot", "/j/", token)


def team_link(token: str | None) -> str | None:
    """A team's absolute private link ``/team/<token>``, or None when there is none."""
    return _private_link("team.page", "/team/", token)


def _private_link(endpoint: str, prefix: str, token: str | None) -> str | None:
    if token is None:
        return None
    try:
        path = url_for(endpoint, token=token, _external=False)
    except (BuildError, RuntimeError):  # endpoint not built yet, or no request and no SERVER_NAME
        path = f"{prefix}{token}"
    base = current_app.config.get("PUBLIC_BASE_URL")
    if not base:
        base = request.host_url if has_request_context() else "http://localhost/"
    return urljoin(base, path)


@lru_cache(maxsize=4096)
def qr_data_uri(text: str) -> str:
    """A QR code as a PNG data URI, one pixel per module: tiny, and printed sharp because the
    stylesheet turns off smoothing (``image-rendering: pixelated``). An SVG code costs WeasyPrint
    far more per page. A fixed mask skips segno's mask scoring, most of the cost of making a code;
    every mask gives a valid code.
    """
    code = segno.make(text, error="m", micro=False, mask=QR_MASK)
    return code.png_data_uri(scale=1, border=2)
