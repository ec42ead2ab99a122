"""Text rules for names: how they sort.

Sorting follows the Tajik alphabet, in which each Tajik letter comes right after its base
letter (ғ after г, ӣ after и, қ after к, ӯ after у, ҳ after х, ҷ after ч), and numbers inside a
name sort by value (Room 2 before Room 10).
"""

from __future__ import annotations

import re

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
