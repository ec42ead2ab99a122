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


PAIR_MIX = 0x9E3779B97F4A7C15  # odd 64-bit constant (golden ratio) to spread the bits of a xor


def pair_key(key_a: int, key_b: int) -> int:
    """A 64-bit number for an unordered pair from the two teams' seeded keys."""
    return ((key_a ^ key_b) * PAIR_MIX >> 32) & 0xFFFFFFFFFFFFFFFF


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
        self.key = {team_id: seeded_key(seed, team_id) for team_id in self.teams}
        self.order: tuple[str, ...] = self._standing_order()
        self.index = {team_id: i for i, team_id in enumerate(self.order)}
        self.met = {team.id: Counter(team.opponents) for team in self.teams.values()}
        self.balance = {
            team.id: sum(1 if side == AFF else -1 for side in team.sides)
            for team in self.teams.values()
        }
        # The side a team has had the last two times, if it was the same both times.
        self.streak_side = {
            team.id: team.sides[-1] if len(set(team.sides[-2:])) == 1 < len(team.sides) else None
            for team in self.teams.values()
        }
        members: dict[int, list[str]] = {}
        if kind == POWER:
            for team_id in self.order:
                members.setdefault(self.teams[team_id].points, []).append(team_id)
        self.brackets = {points: tuple(ids) for points, ids in members.items()}
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
                    self.key[t],
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
