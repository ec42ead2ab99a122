"""The break bracket of one category, from the seeds to the final, as far as it is known.

``build`` is pure: it gets the seeds and, per elimination round (bracket column), only the
debates whose draw was released and only the results that were released — ``services.public``
decides that. Two-team brackets follow the engine's standard seeded bracket
(``pairing.elimination.bracket_order``): a match of column c is fed by matches 2i and 2i + 1 of
column c − 1, and a break that is not a power of two gives the top seeds a bye. Four-team
(British Parliamentary) brackets follow ``pairing.four_team_elimination``: every column is the
four-way fold of its slots, the two teams through from a room take its two best slots, and in a
partial break the top third wait for the second column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from tourney.pairing.elimination import bracket_order
from tourney.pairing.four_team_elimination import (
    advance,
    break_stages,
    bypassing,
    four_way_fold,
    is_break_size,
)


@dataclass(frozen=True)
class Entrant:
    team_id: int
    seed: int


@dataclass(frozen=True)
class PlayedDebate:
    """A released elimination debate: its teams, room, and who went through once results are
    released (the winner of a two-team debate or of the final; two teams of a BP room)."""

    team_ids: frozenset[int]
    venue: str = ""
    through: frozenset[int] = frozenset()


@dataclass
class Match:
    """One debate of the bracket: its places (None = not known yet) in seed order, and who went
    through; ``bye`` when the draw left a place of a two-team debate empty."""

    places: list[Entrant | None]
    bye: bool = False
    venue: str = ""
    through: list[Entrant] = field(default_factory=list)

    @property
    def entrants(self) -> tuple[Entrant | None, ...]:
        return tuple(self.places)

    @property
    def top(self) -> Entrant | None:
        return self.places[0]

    @property
    def bottom(self) -> Entrant | None:
        return self.places[1]

    @property
    def winner(self) -> Entrant | None:
        """The one team through (two-team debates and the final)."""
        return self.through[0] if len(self.through) == 1 else None

    @property
    def decided(self) -> bool:
        return bool(self.through) and not self.bye


@dataclass
class Column:
    """One stage of the bracket; ``teams`` is how many teams the full stage starts with (2 = a
    two-team final, 4 = a BP final); ``waiting`` are the seeds that skip it (a BP partial break)."""

    teams: int
    matches: list[Match] = field(default_factory=list)
    waiting: list[Entrant] = field(default_factory=list)


@dataclass(frozen=True)
class Bracket:
    columns: tuple[Column, ...]
    per_debate: int = 2

    @property
    def champion(self) -> Entrant | None:
        return self.columns[-1].matches[0].winner if self.columns else None


def build(seeds: dict[int, int], played: list[list[PlayedDebate]], per_debate: int = 2) -> Bracket:
    """The bracket for ``seeds`` (seed → team id) with ``played[c]`` the debates of column c."""
    if per_debate == 4:
        return _build_rooms(seeds, played)
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
            match = Match([top, bottom], bye=index == 0 and (top is None or bottom is None))
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
        match.through = [entrant for entrant in match.places if entrant is not None]
        return
    debate = next((d for d in debates if d.team_ids <= halves[0] | halves[1]), None)
    if debate is None:
        return
    for team in debate.team_ids:
        match.places[0 if team in halves[0] else 1] = Entrant(team, team_seed[team])
    match.venue = debate.venue
    match.through = [Entrant(team, team_seed[team]) for team in sorted(debate.through)]


def _winners_from_next_draw(columns: list[Column]) -> None:
    """A released draw of the next stage shows who went through, even before the results."""
    for column, following in pairwise(columns):
        for number, match in enumerate(column.matches):
            if not match.through:
                entrant = following.matches[number // 2].entrants[number % 2]
                match.through = [entrant] if entrant is not None else []


def _build_rooms(seeds: dict[int, int], played: list[list[PlayedDebate]]) -> Bracket:
    """A four-team bracket; a break that does not fold into rooms of four has none."""
    count = len(seeds)
    if not is_break_size(count):
        return Bracket((), per_debate=4)
    team_seed = {team: seed for seed, team in seeds.items()}
    # Slot s of the first column is the s-th best seed (seeds need not be contiguous).
    holder: dict[int, Entrant] = {
        slot: Entrant(seeds[seed], seed) for slot, seed in enumerate(sorted(seeds), start=1)
    }
    stages = break_stages(count)
    waiting = bypassing(count)
    columns: list[Column] = []
    feeder: dict[int, tuple[Match, tuple[int, ...]]] = {}  # slot → the room (and its slots)
    for index, stage in enumerate(stages):
        first = waiting + 1 if index == 0 else 1
        debates = played[index] if index < len(played) else []
        column = Column(teams=4 * 2 ** (len(stages) - 1 - index))
        if index == 0:
            column.waiting = [holder[slot] for slot in range(1, waiting + 1)]
        rooms = four_way_fold(range(first, first + stage))
        for room in rooms:
            _through_from(room, feeder, holder, debates)
            match = Match([holder.get(slot) for slot in room])
            known = {e.team_id for e in match.places if e is not None}
            candidates = known | {
                e.team_id
                for slot in room
                if slot in feeder
                for e in feeder[slot][0].places
                if e is not None
            }
            debate = next((d for d in debates if d.team_ids & candidates), None)
            if debate is not None:
                match.venue = debate.venue
                match.through = [
                    Entrant(team, team_seed[team])
                    for team in sorted(debate.through, key=team_seed.get)
                ]
            column.matches.append(match)
        columns.append(column)
        # The next column's slots: the waiting seeds, then those of the teams through.
        holder = {slot: holder[slot] for slot in range(1, waiting + 1)} if index == 0 else {}
        feeder = {}
        for room, match in zip(rooms, column.matches, strict=True):
            for slot in sorted(room)[:2]:
                feeder[slot] = (match, room)
            _move(match, room, holder)
    for column in columns:
        # Shown in bracket order: match n of a column is fed by matches 2n and 2n + 1 of the
        # column before (or by match n, after a partial first column of as many rooms).
        column.matches = [column.matches[n - 1] for n in bracket_order(len(column.matches))]
    return Bracket(tuple(columns), per_debate=4)


def _through_from(
    room: tuple[int, ...],
    feeder: dict[int, tuple[Match, tuple[int, ...]]],
    holder: dict[int, Entrant],
    debates: list[PlayedDebate],
) -> None:
    """A released draw of this stage shows who went through its feeder rooms, even before their
    results are released."""
    drawn = {team for debate in debates for team in debate.team_ids}
    for slot in room:
        if slot in holder or slot not in feeder:
            continue
        match, feeder_room = feeder[slot]
        moved = [e for e in match.places if e is not None and e.team_id in drawn]
        if len(moved) == 2 and not match.through:
            match.through = moved
            _move(match, feeder_room, holder)


def _move(match: Match, room: tuple[int, ...], holder: dict[int, Entrant]) -> None:
    """The teams through from ``match`` take the room's two best slots in ``holder``."""
    if len(match.through) != 2 or any(e is None for e in match.places):
        return
    slot_of = {str(e.team_id): slot for e, slot in zip(match.places, room, strict=True) if e}
    moved = advance(slot_of, [str(e.team_id) for e in match.through])
    by_team = {e.team_id: e for e in match.through}
    for team, slot in moved.items():
        holder[slot] = by_team[int(team)]
