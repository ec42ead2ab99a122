"""Private ballot links for adjudicators: random, unguessable, revocable."""

from __future__ import annotations

import secrets

TOKEN_BYTES = 18  # 144 bits, printed as 24 URL-safe characters


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)
