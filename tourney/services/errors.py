"""Errors a use case refuses with: a code and parameters, translated by the web layer."""

from __future__ import annotations

from typing import Any


class ServiceError(Exception):
    """A refused request: nothing was changed. ``code`` names the reason for the translator."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


class Conflict(ServiceError):
    """Someone else changed the same thing at the same time; reload and try again."""

    def __init__(self, **params: Any) -> None:
        super().__init__("conflict", **params)
