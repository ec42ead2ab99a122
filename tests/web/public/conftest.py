"""The public pages' tests see every release at once: no stamp is reused between requests
(test_conditional.py checks the reuse itself)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _fresh_stamps(request: pytest.FixtureRequest) -> None:
    if "app" in request.fixturenames:
        request.getfixturevalue("app").config["PUBLIC_STAMP_SECONDS"] = 0
