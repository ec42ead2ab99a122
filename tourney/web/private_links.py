"""Opening a private link (``/j/<token>``; team links use the same guard): the token is the key.

A token that opens nothing is a *miss*. Misses are counted per client address across app
processes (``ratelimit``); past the limit an address gets 429 for every further miss. A real link
is always served first, so a judge is never slowed by someone guessing on the same school Wi-Fi
(with 144-bit tokens the limit is about bounding the work and the log, not the odds).
A link that was revoked or replaced answers 410 "this link was replaced — ask the tab room"; one
that was never issued is the plain 404 page. Every miss takes the same steps (a look-up, the count,
a write, the replaced check), so the time tells nothing either.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import abort, request

from tourney.services import links
from tourney.web import ratelimit

T = TypeVar("T")


def resolve(token: str, lookup: Callable[[str], T | None]) -> T:
    found = lookup(token)
    if found is not None:
        return found
    address = request.remote_addr
    if ratelimit.link_wait(address):
        abort(429)
    ratelimit.record_link_miss(address)
    if links.was_replaced(token):
        abort(410)
    abort(404)
