"""Blueprints, one per audience: auth, admin (organisers), judge and team (private links),
public, api."""

from __future__ import annotations

from flask import Flask, current_app, render_template
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, SecurityError

ERROR_MESSAGES = {
    400: _l("The form expired or was sent from elsewhere. Reload the page and try again."),
    403: _l("You do not have permission to open this page."),
    404: _l("This page does not exist."),
    409: _l("Someone else changed this at the same time. Reload the page and try again."),
    410: _l("This link was replaced. Ask the tab room for your new link."),
    413: _l(
        "What was sent is larger than %(size)s MB, the most this server accepts at once. Send a smaller file."
    ),
    415: _l("This page takes a form sent from its own page. Reload the page and try again."),
    429: _l("Too many requests from your address. Wait a few minutes and try again."),
}


def register_blueprints(app: Flask) -> None:
    from tourney.extensions import csrf
    from tourney.web.admin import bp as admin_bp
    from tourney.web.api import bp as api_bp
    from tourney.web.auth import bp as auth_bp
    from tourney.web.converters import DatabaseInt
    from tourney.web.judge import bp as judge_bp
    from tourney.web.public import bp as public_bp
    from tourney.web.team import bp as team_bp

    app.url_map.converters["int"] = DatabaseInt
    app.register_blueprint(auth_bp)
    app.register_blueprint(admin_bp, url_prefix="/admin")
    app.register_blueprint(judge_bp, url_prefix="/j")
    app.register_blueprint(team_bp, url_prefix="/team")
    app.register_blueprint(api_bp, url_prefix="/api/v1")
    csrf.exempt(api_bp)  # read-only JSON, no cookies are trusted there
    app.register_blueprint(public_bp)
    _register_labels(app)

    app.register_error_handler(HTTPException, _error_page)
    app.register_error_handler(CSRFError, _error_page)


def _register_labels(app: Flask) -> None:
    from tourney import labels

    for helper in labels.TEMPLATE_GLOBALS:
        app.add_template_global(helper)
    app.add_template_filter(labels.cost_label)  # for map() over an explanation's tiers
    app.add_template_filter(labels.score_text, name="score")


def _error_page(error: HTTPException):
    """The error page; under ``/api/v1/`` a JSON problem document (RFC 9457) instead."""
    from tourney.web import api

    code = 400 if isinstance(error, CSRFError) else error.code
    if code is None or isinstance(error, SecurityError):
        return error  # a Host header outside TRUSTED_HOSTS: no page can be built for it
    if api.is_api_request():
        response = api.problem(code)
        if code == 405:
            response.headers["Allow"] = ", ".join(getattr(error, "valid_methods", None) or ())
        return response
    if code not in ERROR_MESSAGES:
        return error
    message = ERROR_MESSAGES[code]
    if code == 413:
        limit = current_app.config.get("MAX_CONTENT_LENGTH") or 0
        message = message % {"size": f"{limit / 1024 / 1024:g}"}
    return render_template("error.html", code=code, message=message), code
