"""Conditional GET for the public pages and the API: ETag and Last-Modified, 304 when unchanged.

A tournament's pages are rendered once per change and kept in a small per-process cache keyed
by the URL, the language and the tournament's public stamp (``services.public.stamp``: one
query, itself reused for ``PUBLIC_STAMP_SECONDS``), so hundreds of polling phones cost little
and a release shows within a second on the next poll. Pages also expire after
``PUBLIC_CACHE_SECONDS``, which bounds how long an edit that is not a release (a renamed team, a
moved schedule item) takes to show. Pages for a logged-in organiser, or with a flash message
waiting, are never shared through the cache.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import wraps
from typing import Any

from flask import Response, abort, current_app, make_response, request, session
from flask_login import current_user

from tourney.extensions import db
from tourney.models import Tournament
from tourney.services import public
from tourney.web.i18n import current_language

QUERY_KEYS = ("q", "by", "fragment", "category")
"""The query parameters a public page or API answer depends on (the language is keyed apart).
Others are ignored by the views, so they must not make a new cache entry either: otherwise any
``?x=<random>`` renders the page afresh and the cache protects nothing."""
CACHE_SIZE = 512
DEFAULT_CACHE_SECONDS = 10
DEFAULT_STAMP_SECONDS = 1.0


@dataclass(frozen=True)
class Entry:
    stamp: str
    body: bytes
    content_type: str
    etag: str
    last_modified: datetime | None
    expires: float  # time.monotonic()


class PageCache:
    """A bounded, thread-safe map from (URL, language) to the page last rendered for it."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self._entries: OrderedDict[tuple[str, str], Entry] = OrderedDict()
        self._lock = threading.Lock()
        self._size = size

    def get(self, key: tuple[str, str]) -> Entry | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key: tuple[str, str], entry: Entry) -> None:
        with self._lock:
            self._entries[key] = entry
            self._entries.move_to_end(key)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)


def _cache() -> PageCache:
    return current_app.extensions.setdefault("tourney_public_pages", PageCache())


def _stamp(slug: str) -> public.Stamp | None:
    """The tournament's stamp, asked of the database at most once per PUBLIC_STAMP_SECONDS."""
    seconds = current_app.config.get("PUBLIC_STAMP_SECONDS", DEFAULT_STAMP_SECONDS)
    stamps: dict[str, tuple[public.Stamp, float]] = current_app.extensions.setdefault(
        "tourney_public_stamps", {}
    )
    known = stamps.get(slug)
    if known is not None and known[1] > time.monotonic():
        return known[0]
    found = public.stamp(slug)
    if found is not None and seconds > 0:  # unknown slugs are not remembered
        stamps[slug] = (found, time.monotonic() + seconds)
    return found


def _shareable() -> bool:
    return not current_user.is_authenticated and "_flashes" not in session


def etag_of(body: bytes) -> str:
    return hashlib.blake2b(body, digest_size=12).hexdigest()


def _entry(response: Response, stamp: str, previous: Entry | None) -> Entry:
    body = response.get_data()
    etag = etag_of(body)
    now = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=1)
    if previous is not None and previous.etag == etag:
        last_modified = previous.last_modified
    elif previous is not None and previous.last_modified is not None:
        # HTTP dates have whole seconds: a change must move the date on.
        last_modified = max(now, previous.last_modified + timedelta(seconds=1))
    else:
        last_modified = now
    seconds = current_app.config.get("PUBLIC_CACHE_SECONDS", DEFAULT_CACHE_SECONDS)
    return Entry(
        stamp, body, response.content_type, etag, last_modified, time.monotonic() + seconds
    )


def respond(entry: Entry) -> Response:
    response = current_app.response_class(entry.body, content_type=entry.content_type)
    response.set_etag(entry.etag)
    if entry.last_modified is not None:
        response.last_modified = entry.last_modified
    response.cache_control.no_cache = True
    response.vary.update(("Cookie", "Accept-Language"))
    return response.make_conditional(request)


def conditional(view: Callable[..., Any]) -> Callable[..., Response]:
    """For a view of one tournament: ``slug`` in the URL, the view gets ``tournament``."""

    @wraps(view)
    def wrapped(slug: str, **kwargs: Any) -> Response:
        stamp = _stamp(slug)
        if stamp is None:
            abort(404)
        key = cache_key()
        shared = _shareable()
        previous = _cache().get(key)
        if (
            shared
            and previous is not None
            and previous.stamp == stamp.key
            and previous.expires > time.monotonic()
        ):
            return respond(previous)
        tournament = db.session.get(Tournament, stamp.tournament_id)
        response = make_response(view(tournament=tournament, **kwargs))
        if response.status_code != 200:
            return response
        entry = _entry(response, stamp.key, previous)
        if shared:
            _cache().put(key, entry)
        return respond(entry)

    return wrapped


def page_args() -> dict[str, str]:
    """The query parameters that shape the page (``QUERY_KEYS``, plus a valid ``lang``)."""
    found = {k: request.args[k] for k in QUERY_KEYS if k in request.args}
    if request.args.get("lang") in current_app.config.get("LANGUAGES", ()):
        found["lang"] = request.args["lang"]
    return found


def cache_key() -> tuple[str, str]:
    args = "&".join(f"{k}={v}" for k, v in sorted(page_args().items()) if k != "lang")
    return (f"{request.path}?{args}", current_language())


def with_etag(response: Response) -> Response:
    """ETag only, for a page that is not a tournament's (the list of tournaments)."""
    body = response.get_data()
    return respond(Entry("", body, response.content_type, etag_of(body), None, 0))
