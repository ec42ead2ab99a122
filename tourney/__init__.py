"""Tourney: debate tournament management. ``create_app`` is the application factory."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # Flask is imported by create_app: the pure engines never load it
    from flask import Flask


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the app: settings from the environment, then ``config`` on top (tests use it)."""
    from pathlib import Path

    from flask import Flask

    from tourney import config as settings
    from tourney.extensions import csrf, db, login, migrate
    from tourney.web import register_blueprints
    from tourney.web.assets import init_assets
    from tourney.web.i18n import init_i18n
    from tourney.web.security import init_security

    root = Path(__file__).resolve().parent.parent
    app = Flask(
        __name__,
        template_folder=str(root / "templates"),
        static_folder=str(root / "static"),
        instance_relative_config=False,
    )
    app.config.update(settings.from_environment())
    if config:
        app.config.update(config)
    app.config.setdefault(
        "SQLALCHEMY_ENGINE_OPTIONS", settings.engine_options(app.config["SQLALCHEMY_DATABASE_URI"])
    )

    import tourney.models  # noqa: F401  (registers the tables)

    db.init_app(app)
    migrate.init_app(
        app, db, directory=str(Path(__file__).parent / "migrations"), render_as_batch=True
    )
    csrf.init_app(app)
    login.init_app(app)
    init_i18n(app)
    init_security(app)
    register_blueprints(app)
    init_assets(app)
    proxies = int(app.config.get("TRUSTED_PROXIES") or 0)
    if proxies:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)  # type: ignore[method-assign]

    from tourney.cli import register_commands

    register_commands(app)
    return app
