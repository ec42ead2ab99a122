"""HTML to PDF with WeasyPrint: Jinja templates in, bytes out, no network and no system fonts.

Every document is one HTML document (many pages batched together is much faster than many small
documents). Templates resolve their stylesheet and fonts against the app's ``static/`` folder, and
the fetcher refuses anything else, so a name typed as ``<img src=…>`` can never fetch a file.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from threading import Lock
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from flask import current_app, render_template
from flask_babel import force_locale, get_locale
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse, path2url

if TYPE_CHECKING:
    from tourney.models import Tournament


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


def _pdf_and_pages(html: str) -> tuple[bytes, int]:
    root = static_root()
    html = _INDENTATION.sub("><", html)
    document = HTML(string=html, base_url=path2url(f"{root}/"), url_fetcher=StaticFilesOnly(root))
    with _RENDERING, _collector_paused():
        laid_out = document.render(font_config=_font_config())
        return laid_out.write_pdf(), len(laid_out.pages)


def html_to_pdf(html: str) -> bytes:
    return _pdf_and_pages(html)[0]


def render_pdf(template: str, **context: Any) -> bytes:
    """Render a Jinja template (in the current locale; see flask_babel.force_locale) to PDF."""
    return html_to_pdf(render_template(template, **context))


@dataclass(frozen=True)
class Heading:
    """What a batch prints of its tournament (plain data, not the database row)."""

    name: str


@dataclass(frozen=True)
class Batch:
    """A document of many like items (certificates, ballots, cards, table rows, booklet
    sections): ``items`` go to the template as ``key``, beside ``context``, in ``language``.
    Plain data only: a batch may be rendered in another thread after the request that built it
    has ended.

    ``per_page`` items fill a printed page (six cards; about so many lines of a table), and
    ``sizes`` says how many such units each item takes when they differ (a sheet's room with
    four judges takes four lines, a booklet's section all its rows): it splits the batch into
    parts of whole pages and tells how large it is before it is made."""

    template: str
    key: str
    items: list[Any]
    context: dict[str, Any]
    language: str | None = None
    per_page: int = 1
    sizes: tuple[int, ...] = ()

    def _units(self) -> Iterator[int]:
        return iter(self.sizes) if self.sizes else (1 for _item in self.items)

    @property
    def pages(self) -> int:
        """The printed pages, exact for one item a page or a card sheet, else an estimate."""
        return -(-sum(self._units()) // self.per_page)

    def parts(self, pages: int) -> Iterator[Batch]:
        """Consecutive parts of at most ``pages`` pages each (an item larger is a part alone)."""
        limit, start, filled = pages * self.per_page, 0, 0
        for index, units in enumerate(self._units()):
            if filled and filled + units > limit:
                yield self._slice(start, index)
                start, filled = index, 0
            filled += units
        if start < len(self.items):
            yield self._slice(start, len(self.items))

    def _slice(self, start: int, stop: int) -> Batch:
        return replace(self, items=self.items[start:stop], sizes=self.sizes[start:stop])


def batch(
    template: str,
    tournament: Tournament,
    key: str,
    items: list[Any],
    *,
    language: str | None = None,
    per_page: int = 1,
    sizes: Iterable[int] = (),
    **context: Any,
) -> Batch:
    """A batch of ``tournament``'s, in ``language`` or else the request's: a background thread
    has no request of its own to take the language from."""
    return Batch(
        template,
        key,
        items,
        {"tournament": Heading(tournament.name), **context},
        language or str(get_locale()),
        per_page,
        tuple(sizes),
    )


def _render_items(batch: Batch) -> tuple[bytes, int]:
    with force_locale(batch.language) if batch.language else nullcontext():
        html = render_template(batch.template, **batch.context, **{batch.key: batch.items})
    return _pdf_and_pages(html)


def render_batch(batch: Batch) -> bytes:
    return _render_items(batch)[0]


def render_parts(batch: Batch, pages: int) -> Iterator[tuple[bytes, int]]:
    """The batch as separate PDFs of at most ``pages`` pages, each with the pages it has: memory
    is that of one part."""
    for part in batch.parts(pages):
        yield _render_items(part)
