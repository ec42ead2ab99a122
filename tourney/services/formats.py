"""A tournament's debate format: the preset, or the organiser's adjusted copy of it."""

from __future__ import annotations

from tourney.models import Tournament
from tourney.scoring import FORMATS, Format


def format_for(tournament: Tournament) -> Format:
    if tournament.format_overrides:
        return Format.from_dict(tournament.format_overrides)
    return FORMATS[tournament.format_code]


def is_two_team(tournament: Tournament) -> bool:
    return format_for(tournament).teams_per_debate == 2
