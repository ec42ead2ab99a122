"""Printed names for panel roles, and the alphabetical order of names on the sheets.

Sides, speech positions, rounds and standings metrics are named as on the organiser's pages
(``tourney.web.labels``, ``tourney.web.ballot_errors``), so paper and screen use the same words.
"""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l

PANEL_ROLES = {"chair": _l("Chair"), "panellist": _l("Panellist"), "trainee": _l("Trainee")}


def role_label(role: str) -> str:
    return str(PANEL_ROLES.get(role, role))


# Tajik letters sort right after their base letter (ғ after г…), as in the Tajik alphabet.
_TAJIK_BASE = {"ғ": "г", "ӣ": "и", "қ": "к", "ӯ": "у", "ҳ": "х", "ҷ": "ч", "ё": "е"}
_NUMBER = re.compile(r"(\d+)")


def sort_key(text: str) -> list[tuple[int, str, int]]:
    """Alphabetical order for names in Tajik, Russian or English; numbers in numeric order."""
    key = []
    for part in _NUMBER.split(text.casefold()):
        if part.isdigit():
            key.append((0, part.zfill(12), 0))
        else:
            key.extend((1, _TAJIK_BASE.get(c, c), int(c in _TAJIK_BASE)) for c in part)
    return key
