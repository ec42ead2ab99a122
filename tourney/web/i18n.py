"""Language choice (cookie, then the browser's Accept-Language) and date/number formatting."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from flask import Flask, request
from flask_babel import get_locale

from tourney.config import DEFAULT_LANGUAGE, LANGUAGES, TIMEZONE
from tourney.extensions import babel

LANGUAGE_COOKIE = "lang"
LANGUAGE_NAMES = {"tg": "Тоҷикӣ", "ru": "Русский", "en": "English"}
DUSHANBE = ZoneInfo(TIMEZONE)


def select_language() -> str:
    chosen = request.args.get("lang") or request.cookies.get(LANGUAGE_COOKIE)
    if chosen in LANGUAGES:
        return chosen
    return request.accept_languages.best_match(LANGUAGES) or DEFAULT_LANGUAGE


def current_language() -> str:
    return str(get_locale() or DEFAULT_LANGUAGE)


def local_datetime(value: datetime | None, with_time: bool = True) -> str:
    """dd.MM.yyyy HH:mm in Asia/Dushanbe for every language (see docs/domain.md, Dates and times)."""
    if value is None:
        return ""
    local = value.astimezone(DUSHANBE)
    return local.strftime("%d.%m.%Y %H:%M" if with_time else "%d.%m.%Y")


def local_time(value: datetime | None) -> str:
    return value.astimezone(DUSHANBE).strftime("%H:%M") if value else ""


TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"


def init_i18n(app: Flask) -> None:
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(TRANSLATIONS))
    babel.init_app(app, locale_selector=select_language, timezone_selector=lambda: TIMEZONE)
    app.jinja_env.filters["local_datetime"] = local_datetime
    app.jinja_env.filters["local_time"] = local_time
    app.jinja_env.globals["LANGUAGE_NAMES"] = LANGUAGE_NAMES
    app.jinja_env.globals["current_language"] = current_language
