"""The ballot page's own assets stay small and readable by a 2018 Android tablet browser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

STATIC = Path(__file__).resolve().parents[3] / "static"
# Syntax newer than ES2017: optional chaining, nullish coalescing, object spread/rest,
# optional catch binding, class fields, numeric separators, exponent-free BigInt literals.
NEWER_THAN_ES2017 = {
    "optional chaining": r"\?\.(?!\d)",
    "nullish coalescing": r"\?\?",
    "spread or rest": r"\.\.\.",
    "catch without binding": r"catch\s*\{",
    "private class field": r"\s#\w+\s*[=;(]",
    "numeric separator": r"\d_\d",
    "BigInt literal": r"\b\d+n\b",
}


JUDGE_SCRIPTS = ("offline.js", "ballot_rules.js", "ballot.js", "judge_live.js", "judge_sw.js")


@pytest.mark.parametrize("name", JUDGE_SCRIPTS)
def test_ballot_scripts_are_small_and_es2017(name: str) -> None:
    script = (STATIC / "js" / name).read_text(encoding="utf-8")
    assert len(script.encode()) < 15_000
    found = {name for name, pattern in NEWER_THAN_ES2017.items() if re.search(pattern, script)}
    assert not found


def test_judge_stylesheet_is_small() -> None:
    assert (STATIC / "css" / "judge.css").stat().st_size < 6 * 1024
