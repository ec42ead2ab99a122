"""Long lists in pages (``?page=N``), so a 5,000-team tournament's pages stay a few hundred KB."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from flask import request, url_for


@dataclass(frozen=True)
class Paging:
    items: Sequence[Any]  # this page's share
    page: int
    pages: int
    total: int

    def url(self, page: int) -> str:
        """The current address with another page number."""
        return url_for(
            request.endpoint, **{**request.view_args, **request.args.to_dict(), "page": page}
        )


def paged(items: Sequence[Any], size: int) -> Paging:
    """The page of ``items`` the request asks for; a page number out of range gives the nearest."""
    pages = max(1, -(-len(items) // size))
    page = min(max(request.args.get("page", 1, type=int) or 1, 1), pages)
    return Paging(items[(page - 1) * size : page * size], page, pages, len(items))
