"""The field of one round as the cost rules see it: standing order, brackets, positions, history.

Built once per round (never per pair) so the cost of any pairing is a few dictionary lookups.
"""

from __future__ import annotations

import hashlib
import random
from collections import Counter
from collections.abc import Iterable, Sequence

from tourney.pairing.records import AFF, POWER, RANDOM, PairingOptions, TeamRecord


def seeded_key(seed: int, *parts: str) -> int:
    """A 64-bit number fixed by the seed and the parts: ties are broken by this, never by
    dict or input order (Python's own str hash changes between processes)."""
    text = "\x1f".join((str(seed), *parts)).encode()
    return int.from_bytes(hashlib.blake2b(text, digest_size=8).digest(), "big")


def pair_key(seed: int, a: str, b: str) -> int:
    """`seeded_key` for an unordered pair."""
    return seeded_key(seed, *sorted((a, b)))


class Field:
    """Teams of one round with everything the cost of a pairing needs, precomputed."""

    def __init__(
        self,
        teams: Iterable[TeamRecord],
        kind: str,
        seed: int,
        options: PairingOptions,
    ) -> None:
        self.kind = kind
        self.seed = seed
        self.options = options
        self.teams = {team.id: team for team in teams}
        self.order: tuple[str, ...] = self._standing_order()
        self.index = {team_id: i for i, team_id in enumerate(self.order)}
        self.met = {team.id: Counter(team.opponents) for team in self.teams.values()}
        self.balance = {
            team.id: sum(1 if side == AFF else -1 for side in team.sides)
            for team in self.teams.values()
        }
        self.brackets: dict[int, tuple[str, ...]] = {}
        if kind == POWER:
            for team_id in self.order:
                points = self.teams[team_id].points
                self.brackets[points] = (*self.brackets.get(points, ()), team_id)
        self.position = {
            team_id: i for members in self.brackets.values() for i, team_id in enumerate(members)
        }
        self._bracket_points = sorted(self.brackets, reverse=True)
        self._bracket_rank = {points: i for i, points in enumerate(self._bracket_points)}

    def _standing_order(self) -> tuple[str, ...]:
        ids = sorted(self.teams)
        if self.kind == RANDOM:
            random.Random(self.seed).shuffle(ids)
            return tuple(ids)
        return tuple(
            sorted(
                ids,
                key=lambda t: (
                    -self.teams[t].points,
                    self.teams[t].rank,
                    seeded_key(self.seed, t),
                ),
            )
        )

    def bracket_of(self, team_id: str) -> tuple[str, ...]:
        return self.brackets[self.teams[team_id].points]

    def neighbouring_brackets(self, team_id: str) -> Sequence[tuple[str, ...]]:
        """The brackets just above and below a team's own (pull-up partners)."""
        points = self._bracket_points
        at = self._bracket_rank[self.teams[team_id].points]
        return [self.brackets[points[i]] for i in (at - 1, at + 1) if 0 <= i < len(points)]
