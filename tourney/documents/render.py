"""HTML to PDF with WeasyPrint: Jinja templates in, bytes out, no network and no system fonts.

Every document is one HTML document (many pages batched together is much faster than many small
documents). Templates resolve their stylesheet and fonts against the app's ``static/`` folder, and
the fetcher refuses anything else, so a name typed as ``<img src=…>`` can never fetch a file.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from threading import Lock
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from flask import current_app, render_template
from flask_babel import force_locale
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse, path2url


class StaticFilesOnly(URLFetcher):
    """Serves ``data:`` URIs and files under one folder; refuses the network and the rest of disk."""

    def __init__(self, root: Path) -> None:
        super().__init__(allowed_protocols=("file", "data"))
        self.root = root.resolve()

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        if url.startswith("file:"):
            path = Path(url2pathname(urlsplit(url).path)).resolve()
            if not path.is_relative_to(self.root) or not path.is_file():
                raise ValueError(f"not a static file: {url}")
        return super().fetch(url, headers)


_RENDERING = Lock()


@cache
def _font_config() -> FontConfiguration:
    """One per process: WeasyPrint then decodes each shipped WOFF2 font once, not per document.

    Fontconfig is not thread-safe, hence the lock around rendering.
    """
    return FontConfiguration()


@contextmanager
def _collector_paused() -> Iterator[None]:
    """WeasyPrint allocates millions of short-lived objects; the cyclic garbage collector scanning
    them again and again costs a quarter of a large document's time. Everything is freed after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def static_root() -> Path:
    return Path(current_app.static_folder or "static")


# Template indentation between tags: dropping it spares WeasyPrint thousands of empty text boxes.
# Documents templates keep inline content on one line, so no meaningful space is lost.
_INDENTATION = re.compile(r">\s*\n\s*<")


def html_to_pdf(html: str) -> bytes:
    root = static_root()
    html = _INDENTATION.sub("><", html)
    document = HTML(string=html, base_url=path2url(f"{root}/"), url_fetcher=StaticFilesOnly(root))
    with _RENDERING, _collector_paused():
        return document.write_pdf(font_config=_font_config())


def render_pdf(template: str, **context: Any) -> bytes:
    """Render a Jinja template (in the current locale; see flask_babel.force_locale) to PDF."""
    return html_to_pdf(render_template(template, **context))


@dataclass(frozen=True)
class Heading:
    """What a batch prints of its tournament (plain data, not the database row)."""

    name: str


@dataclass(frozen=True)
class Batch:
    """A document of many like pages (certificates, ballots): ``items`` go to the template as
    ``key``, beside ``context``, in ``language``. Plain data only: a batch may be rendered in
    another thread after the request that built it has ended."""

    template: str
    key: str
    items: list[Any]
    context: dict[str, Any]
    language: str | None = None


def _render_items(batch: Batch, items: list[Any]) -> bytes:
    with force_locale(batch.language) if batch.language else nullcontext():
        return render_pdf(batch.template, **batch.context, **{batch.key: items})


def render_batch(batch: Batch) -> bytes:
    return _render_items(batch, batch.items)


def render_parts(batch: Batch, size: int) -> Iterator[bytes]:
    """The batch as separate PDFs of at most ``size`` items: memory is that of one part."""
    for start in range(0, len(batch.items), size):
        yield _render_items(batch, batch.items[start : start + size])
