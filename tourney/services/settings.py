"""A tournament's options, with their defaults in one place."""

from __future__ import annotations

from typing import Any

from tourney.models import Tournament

DEFAULTS: dict[str, Any] = {
    # Pairing
    "pairing": "fold",  # fold | slide | adjacent
    "avoid_same_institution": True,
    "avoid_same_region": False,
    "elimination_sides": "seed",  # seed | coin | reverse_prelim
    # Allocation
    "panel_size": 1,
    "even_panels": False,  # short of judges: panels of two rather than 3 then 1
    "neutral_judges": False,  # judges never sit on a debate with a team of their own region
    "room_priority": True,
    # Ballots
    "auto_confirm": False,  # confirm e-ballots when the panel is complete and consistent
    # BP elimination ballots: ranks and speaker scores too, not only the two advancing teams
    "elimination_scores": False,
    # National final: extra places for the best-ranked teams across the districts
    "wildcards": 0,
    # Public pages
    "public_break": False,  # the break bracket, once the break is saved
    "public_standings": False,
    "public_speaker_tab": False,
    # Speakers' names on team pages and in the team search (the speaker tab names its own)
    "public_speaker_names": True,
    "public_top_n": 0,  # 0 = everyone
    "hide_last_prelim": True,
}


def get(tournament: Tournament, key: str) -> Any:
    """The tournament's value of an option, else its default (every option has one here)."""
    return (tournament.settings or {}).get(key, DEFAULTS[key])


def effective(tournament: Tournament) -> dict[str, Any]:
    return {**DEFAULTS, **(tournament.settings or {})}
