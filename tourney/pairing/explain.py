"""English sentences from structured reasons (the web layer translates the reasons itself)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from tourney.pairing.records import AFF, FourTeamDebate, PairedDebate

_SIDE = {AFF: "affirmative", "neg": "negative"}


def _times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def _wins(n: int) -> str:
    return f"{n} win" if n == 1 else f"{n} wins"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


_TEMPLATES: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "random_draw": lambda p: "drawn at random",
    "elimination": lambda p: (
        f"seed {p['seeds'][0]} meets seed {p['seeds'][1]} "
        f"(sides by {p['side_policy'].replace('_', ' ')})"
    ),
    "shape": lambda p: (
        f"{p['pairing']} pairing in the {_wins(p['bracket'])} bracket"
        + (f", {p['deviation']} off the ideal opponent" if p["deviation"] else "")
    ),
    "pullup": lambda p: (
        f"{p['team']} is pulled up from {_wins(p['from_bracket'])} to {_wins(p['to_bracket'])}"
        + (f" (its {_ordinal(p['previous_pullups'] + 1)} pull-up)" if p["previous_pullups"] else "")
    ),
    "rematch": lambda p: f"they have met {_times(p['times'])} before",
    "same_institution": lambda p: f"both are from {p['institution']}",
    "same_region": lambda p: f"both are from the region {p['region']}",
    "side_streak": lambda p: f"{p['team']} is {_SIDE[p['side']]} a third time in a row",
    "side_due": lambda p: (
        f"{p['team']} is {_SIDE[p['side']]} again after {p['affs']} aff / {p['negs']} neg"
    ),
}


def _points(n: int) -> str:
    return f"{n} point" if n == 1 else f"{n} points"


def _together(teams: list[str]) -> str:
    """'A and B are both' / 'A, B and C are all'."""
    names = ", ".join(teams[:-1]) + " and " + teams[-1]
    return f"{names} are {'both' if len(teams) == 2 else 'all'}"


# Four-team rooms: brackets are BP points, and clashes name the teams they concern.
_ROOM_TEMPLATES: dict[str, Callable[[Mapping[str, Any]], str]] = {
    **_TEMPLATES,
    "bracket": lambda p: f"a room of the {p['bracket']}-point bracket",
    "pullup": lambda p: (
        f"{p['team']} is pulled up from {_points(p['from_bracket'])} to {_points(p['to_bracket'])}"
        + (f" (its {_ordinal(p['previous_pullups'] + 1)} pull-up)" if p["previous_pullups"] else "")
    ),
    "position_history": lambda p: (
        f"{p['team']} is {p['position'].upper()} for the {_ordinal(p['times'] + 1)} time"
        f" ({p['fewest']} times in its least-held position)"
    ),
    "same_institution": lambda p: f"{_together(p['teams'])} from {p['institution']}",
    "same_region": lambda p: f"{_together(p['teams'])} from the region {p['region']}",
    "elimination_room": lambda p: (
        f"elimination room {p['room']}: seeds {', '.join(map(str, p['seeds']))}"
    ),
}


def _explain_room(debate: FourTeamDebate) -> str:
    seats = ", ".join(f"{team} ({position.upper()})" for position, team in debate.seats())
    parts = [_ROOM_TEMPLATES[code](p) for code, p in debate.reasons if code != "rematch"]
    met = [
        f"{p['teams'][0]} and {p['teams'][1]} {_times(p['times'])}"
        for code, p in debate.reasons
        if code == "rematch"
    ]
    if met:  # one clause for all earlier meetings: in BP they are common
        parts.append("met before: " + ", ".join(met))
    return f"{seats}: " + "; ".join(parts) + "."


def explain(debate: PairedDebate | FourTeamDebate) -> str:
    """One sentence saying why these teams meet, e.g. for the CLI or a tooltip."""
    if isinstance(debate, FourTeamDebate):
        return _explain_room(debate)
    parts = [_TEMPLATES[code](params) for code, params in debate.reasons]
    return f"{debate.aff} (aff) v {debate.neg} (neg): " + "; ".join(parts) + "."
