"""The break bracket of one category, from the seeds to the final, as far as it is known.

``build`` is pure: it gets the seeds and, per elimination round (bracket column), only the
debates whose draw was released and only the winners whose results were released —
``services.public`` decides that. The shape is the engine's standard seeded bracket
(``pairing.elimination.bracket_order``): a match of column c is fed by matches 2i and 2i + 1 of
column c − 1, and a bracket that is not a power of two gives the top seeds a bye.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from tourney.pairing.elimination import bracket_order


@dataclass(frozen=True)
class Entrant:
    team_id: int
    seed: int


@dataclass(frozen=True)
class PlayedDebate:
    """A released elimination debate: its teams, room, and winner once results are released."""

    team_ids: frozenset[int]
    venue: str = ""
    winner: int | None = None


@dataclass
class Match:
    """Two places (None = not known yet); ``bye`` when the draw left one place empty."""

    top: Entrant | None
    bottom: Entrant | None
    bye: bool = False
    venue: str = ""
    winner: Entrant | None = None

    @property
    def entrants(self) -> tuple[Entrant | None, Entrant | None]:
        return self.top, self.bottom


@dataclass
class Column:
    """One stage of the bracket; ``teams`` is how many teams it starts with (2 = the final)."""

    teams: int
    matches: list[Match] = field(default_factory=list)


@dataclass(frozen=True)
class Bracket:
    columns: tuple[Column, ...]

    @property
    def champion(self) -> Entrant | None:
        return self.columns[-1].matches[0].winner if self.columns else None


def build(seeds: dict[int, int], played: list[list[PlayedDebate]]) -> Bracket:
    """The bracket for ``seeds`` (seed → team id) with ``played[c]`` the debates of column c."""
    count = len(seeds)
    if count < 2:
        return Bracket(())
    size = 1 << (count - 1).bit_length()
    order = bracket_order(size)
    # Bracket positions 1..count follow the seeds (which need not be contiguous).
    by_position = dict(enumerate((seeds[seed] for seed in sorted(seeds)), start=1))
    team_seed = {team: seed for seed, team in seeds.items()}
    places: list[Entrant | None] = [
        Entrant(by_position[p], team_seed[by_position[p]]) if p <= count else None for p in order
    ]
    columns: list[Column] = []
    for index in range(size.bit_length() - 1):
        span = 2 ** (index + 1)
        debates = played[index] if index < len(played) else []
        column = Column(teams=size // 2**index)
        for number in range(len(places) // 2):
            start, middle = number * span, number * span + span // 2
            halves = (
                _teams(order[start:middle], by_position),
                _teams(order[middle : start + span], by_position),
            )
            top, bottom = places[2 * number], places[2 * number + 1]
            match = Match(top, bottom, bye=index == 0 and (top is None or bottom is None))
            _apply_debate(match, halves, debates, team_seed)
            column.matches.append(match)
        columns.append(column)
        places = [match.winner for match in column.matches]
    _winners_from_next_draw(columns)
    return Bracket(tuple(columns))


def _teams(positions: list[int], by_position: dict[int, int]) -> set[int]:
    return {by_position[p] for p in positions if p in by_position}


def _apply_debate(
    match: Match,
    halves: tuple[set[int], set[int]],
    debates: list[PlayedDebate],
    team_seed: dict[int, int],
) -> None:
    """Fill the match from its released debate (the teams of the two halves of its subtree)."""
    if match.bye:
        match.winner = match.top or match.bottom
        return
    debate = next((d for d in debates if d.team_ids <= halves[0] | halves[1]), None)
    if debate is None:
        return
    for team in debate.team_ids:
        entrant = Entrant(team, team_seed[team])
        if team in halves[0]:
            match.top = entrant
        else:
            match.bottom = entrant
    match.venue = debate.venue
    if debate.winner is not None:
        match.winner = Entrant(debate.winner, team_seed[debate.winner])


def _winners_from_next_draw(columns: list[Column]) -> None:
    """A released draw of the next stage shows who went through, even before the results."""
    for column, following in pairwise(columns):
        for number, match in enumerate(column.matches):
            if match.winner is None:
                match.winner = following.matches[number // 2].entrants[number % 2]
