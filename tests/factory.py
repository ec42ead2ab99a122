"""The one test factory for tournaments: a championship with a tournament, and teams with their
speakers. The area builders (draws, ballots, documents, participants) add their own rounds,
judges and rooms on top of it."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from typing import Any

from tourney.extensions import db
from tourney.models import Championship, Speaker, Team, Tournament


def tournament(
    slug: str | None = None,
    *,
    name: str = "Test open",
    championship: str | None = None,
    season: str | None = "2026",
    **fields: Any,
) -> Tournament:
    """A tournament of a new championship, added to the session (not committed).

    ``fields`` are further Tournament columns (format_code, stage, region, settings…); the slug
    and the championship's name are made unique when not given."""
    slug = slug or f"t-{secrets.token_hex(4)}"
    owner = Championship(name=championship or f"Test {slug}", season=season)
    found = Tournament(championship=owner, name=name, slug=slug, **{"settings": {}, **fields})
    db.session.add(found)
    return found


def team(
    tournament: Tournament, name: str, code: str, speakers: Sequence[str], **fields: Any
) -> Team:
    """A team with its speakers in speaking order (positions 1, 2, …), added to the session."""
    found = Team(tournament=tournament, name=name, code=code, **fields)
    found.speakers = [Speaker(name=s, position=p) for p, s in enumerate(speakers, start=1)]
    db.session.add(found)
    return found
