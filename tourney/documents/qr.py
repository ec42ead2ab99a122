"""QR codes for the private links of judges (ballots) and teams (feedback)."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urljoin, urlsplit

import segno
from flask import current_app, has_request_context, request, url_for
from werkzeug.routing import BuildError

QR_MASK = 2
LOOPBACK = ("localhost", "127.0.0.1", "::1")


class UntrustedHost(Exception):
    """No address to print a private link with: ``PUBLIC_BASE_URL`` is unset and the request
    came to a host (its ``Host`` header) that the operator never named. Anyone can send any
    Host header, and a printed link to their server would hand them the judges' ballots."""

    def __init__(self, host: str) -> None:
        super().__init__(host)
        self.host = host


def ballot_link(token: str | None) -> str | None:
    """The absolute private link ``/j/<token>``, or None when the link was revoked.

    Raises ``UntrustedHost`` when there is no trustworthy address (see ``link_base``).
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
    return urljoin(link_base(), path)


def link_base() -> str:
    """Where printed and shown private links point: ``PUBLIC_BASE_URL`` (the address judges'
    phones reach); else the host this request came to, only if the operator named the hosts
    (``TRUSTED_HOSTS``, from ``TOURNEY_HOSTS``: Flask refuses every other Host header) or it is
    this machine itself; else ``SERVER_NAME``. Otherwise ``UntrustedHost``."""
    config = current_app.config
    if config.get("PUBLIC_BASE_URL"):
        return config["PUBLIC_BASE_URL"]
    if not has_request_context():  # the command line and tests: nothing to forge
        return f"http://{config.get('SERVER_NAME') or 'localhost'}/"
    if config.get("TRUSTED_HOSTS") or urlsplit(f"//{request.host}").hostname in LOOPBACK:
        return request.host_url
    if config.get("SERVER_NAME"):
        return f"{request.scheme}://{config['SERVER_NAME']}/"
    raise UntrustedHost(request.host)


@lru_cache(maxsize=4096)
def qr_data_uri(text: str) -> str:
    """A QR code as a PNG data URI, one pixel per module: tiny, and printed sharp because the
    stylesheet turns off smoothing (``image-rendering: pixelated``). An SVG code costs WeasyPrint
    far more per page. A fixed mask skips segno's mask scoring, most of the cost of making a code;
    every mask gives a valid code.
    """
    code = segno.make(text, error="m", micro=False, mask=QR_MASK)
    return code.png_data_uri(scale=1, border=2)
