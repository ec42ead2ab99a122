"""How hard the property tests try: thorough under ``CI=true``, quick on a developer's machine.

``examples(n)`` is the number of examples a property test runs: ``n`` under CI (and with
``HYPOTHESIS_PROFILE=ci``), a fifth of it (at least five) locally. The profiles are registered in
``tests/conftest.py``; a local run still finds most regressions, CI runs the full search.
"""

from __future__ import annotations

import os

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
PROFILE = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if IN_CI else "dev")
LOCAL_SHARE = 5


def examples(n: int) -> int:
    return n if PROFILE == "ci" else max(5, n // LOCAL_SHARE)
