"""Settings read from the environment, with safe defaults for a laptop in the tab room."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

LANGUAGES = ("tg", "ru", "en")
DEFAULT_LANGUAGE = "tg"
TIMEZONE = "Asia/Dushanbe"


def instance_dir() -> Path:
    """The folder for the SQLite file and the generated secret key (``TOURNEY_INSTANCE``)."""
    path = Path(os.environ.get("TOURNEY_INSTANCE", Path.cwd() / "instance")).resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def secret_key(folder: Path) -> str:
    """``SECRET_KEY`` from the environment, else one generated once and kept in the instance folder."""
    from_env = os.environ.get("SECRET_KEY")
    if from_env:
        return from_env
    key_file = folder / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def database_url(folder: Path) -> str:
    return normalise_database_url(
        os.environ.get("DATABASE_URL") or f"sqlite:///{folder / 'tourney.db'}"
    )


def normalise_database_url(url: str) -> str:
    """The SQLAlchemy URL for a database URL as people write it."""
    # Heroku-style URLs name the old driver; psycopg 3 is the one we ship.
    if url.startswith("postgres://"):
        url = "postgresql://" + url.removeprefix("postgres://")
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


def proxy_count(value: str | None) -> int:
    """How many reverse proxies in front of the app to trust for the client address."""
    try:
        return max(0, int(value or 0))
    except ValueError:
        return 0


def from_environment() -> dict[str, object]:
    folder = instance_dir()
    url = database_url(folder)
    secure = os.environ.get("TOURNEY_SECURE_COOKIES", "0") == "1"
    return {
        "SECRET_KEY": secret_key(folder),
        "SQLALCHEMY_DATABASE_URI": url,
        "INSTANCE_DIR": str(folder),
        "BABEL_DEFAULT_LOCALE": DEFAULT_LANGUAGE,
        "BABEL_DEFAULT_TIMEZONE": TIMEZONE,
        "LANGUAGES": LANGUAGES,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": secure,
        # Behind HTTPS the __Host- prefix pins the cookie to this host and path (no subdomains).
        "SESSION_COOKIE_NAME": "__Host-tourney" if secure else "tourney",
        "PERMANENT_SESSION_LIFETIME": 12 * 3600,  # one tournament day
        "REMEMBER_COOKIE_SECURE": secure,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "WTF_CSRF_TIME_LIMIT": None,
        "MAX_CONTENT_LENGTH": 5 * 1024 * 1024,
        # X-Forwarded-For is believed only from this many proxies in front of the app (0: none),
        # so nobody can pose as another address to dodge or cause a rate limit.
        "TRUSTED_PROXIES": proxy_count(os.environ.get("TOURNEY_PROXIES")),
        "PUBLIC_BASE_URL": os.environ.get("PUBLIC_BASE_URL", "").strip(),
        # The host names the app answers to (Flask refuses any other Host header with 400);
        # empty: any host, and private links are printed only with PUBLIC_BASE_URL set.
        "TRUSTED_HOSTS": trusted_hosts(os.environ.get("TOURNEY_HOSTS")),
    }


def trusted_hosts(value: str | None) -> list[str] | None:
    """``TOURNEY_HOSTS=tab.example.tj,192.168.1.10`` → the hosts Flask accepts; unset: None."""
    hosts = [host.strip() for host in (value or "").split(",") if host.strip()]
    return hosts or None


def engine_options(url: str) -> dict[str, object]:
    if url.startswith("sqlite"):
        # Several gunicorn workers may share one SQLite file: wait for the lock, don't fail.
        return {"connect_args": {"timeout": 30}}
    return {"pool_pre_ping": True}
