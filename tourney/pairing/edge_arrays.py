"""The matcher's hot path: candidate opponents and edge costs for many pairs at once, in numpy.

`costs.py` states each rule for one pair (readable, used for explanations and hand edits); this
module applies the same rules to whole arrays of pairs, so a 1,000-team round costs a few array
operations instead of tens of thousands of Python calls. A property test pins the two together:
`EdgeArrays.tiers` must equal `costs.edge_tiers` (plus the tie-break) on every pair.

Teams are numbered by their place in `Field.order`; an edge (i, j) with i < j is stored as the
code i * n + j, so sets of edges are sorted integer arrays.
"""

from __future__ import annotations

import numpy as np

from tourney.pairing.field import PAIR_MIX, Field
from tourney.pairing.records import ADJACENT, AFF, FOLD, NEG, POWER, RANDOM, SLIDE

SIDE_REACH = 16
"""How many side-compatible opponents each team is offered on each side of an ideal place."""

TIE_RANGE = 2**16
"""The tie-break tier's range: it separates otherwise equal matchings by the seed."""

_SIDE_CODE = {AFF: 1, NEG: -1}


class EdgeArrays:
    """Everything an edge's cost reads, as one array per attribute, indexed by standing place."""

    def __init__(self, field: Field) -> None:
        self.field = field
        order = field.order
        n = self.n = len(order)
        teams = [field.teams[t] for t in order]
        self.points = np.array([t.points for t in teams], dtype=np.int64)
        self.pullups = np.array([t.pullups for t in teams], dtype=np.int64)
        self.institution = _codes([t.institution for t in teams])
        self.region = _codes([t.region for t in teams])
        self.balance = np.array([field.balance[t] for t in order], dtype=np.int64)
        self.streak = np.array(
            [_SIDE_CODE.get(field.streak_side[t] or "", 0) for t in order], dtype=np.int64
        )
        self.key = np.array([field.key[t] for t in order], dtype=np.uint64)
        self.position = np.array([field.position.get(t, 0) for t in order], dtype=np.int64)
        self.met = self._met_matrix()
        # Brackets are runs of equal points in the standing order: their start and size per team.
        size = np.ones(n, dtype=np.int64)
        start = np.arange(n, dtype=np.int64)
        rank = np.zeros(n, dtype=np.int64)
        if field.kind == POWER:
            for r, points in enumerate(sorted(field.brackets, reverse=True)):
                members = field.brackets[points]
                first = field.index[members[0]]
                start[first : first + len(members)] = first
                size[first : first + len(members)] = len(members)
                rank[first : first + len(members)] = r
        self.bracket_start, self.bracket_size, self.bracket_rank = start, size, rank
        self.brackets = sorted({(int(s), int(z)) for s, z in zip(start, size, strict=True)})
        # The side each team should take to stay out of side trouble (+1 aff, -1 neg, 0 either),
        # and for each side the places of the teams that do not need it too, in order.
        aff, neg = self._trouble(AFF), self._trouble(NEG)
        self.prefers = np.sign(neg - aff)
        self.compatible = {side: np.flatnonzero(self.prefers != side) for side in (1, -1)}

    def _met_matrix(self) -> np.ndarray:
        """Times each pair has met, the larger count if the two histories disagree."""
        field, n = self.field, self.n
        rows, cols = [], []
        for i, team_id in enumerate(field.order):
            for opponent in field.teams[team_id].opponents:
                j = field.index.get(opponent)
                if j is not None:
                    rows.append(i)
                    cols.append(j)
        met = np.zeros((n, n), dtype=np.int16)
        np.add.at(met, (np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64)), 1)
        return np.maximum(met, met.T)

    # --- costs -------------------------------------------------------------------------------

    def _trouble(self, side: str) -> np.ndarray:
        """`costs.side_trouble` for every team on `side`, summed: streak + due."""
        step = 1 if side == AFF else -1
        streak = (self.streak == step).astype(np.int64)
        return streak + np.maximum(0, np.abs(self.balance + step) - 1)

    def tiers(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Cost tiers (CostBreakdown order, then the tie-break) of edges (i, j), i < j, each with
        the better side orientation, as an (edges, 9) array."""
        field, options = self.field, self.field.options
        power = field.kind == POWER
        pa, pb = self.points[i], self.points[j]
        out = np.zeros((len(i), 9), dtype=np.int64)
        out[:, 0] = self.met[i, j]
        if power:
            low = np.where(pa < pb, i, j)
            out[:, 2] = (pa - pb) ** 2 * (1 + self.pullups[low])
        if options.avoid_same_institution:
            ci = self.institution[i]
            out[:, 3] = (ci == self.institution[j]) & (ci >= 0)
        if options.avoid_same_region:
            ri = self.region[i]
            out[:, 4] = (ri == self.region[j]) & (ri >= 0)
        out[:, 5], out[:, 6] = self._sides(i, j)
        if power:
            out[:, 7] = self._shape(i, j)
        out[:, 8] = self._tiebreak(i, j)
        return out

    def _sides(self, i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(side_streak, side) of the better orientation, as `min(side_pair(a, b), side_pair(b,
        a))` chooses it."""
        bal, streak = self.balance, self.streak

        def oriented(aff: np.ndarray, neg: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            streaks = (streak[aff] == 1).astype(np.int64) + (streak[neg] == -1)
            due = np.maximum(0, np.abs(bal[aff] + 1) - 1) + np.maximum(0, np.abs(bal[neg] - 1) - 1)
            return streaks, streaks + due

        s1, t1 = oriented(i, j)
        s2, t2 = oriented(j, i)
        first = (s1 < s2) | ((s1 == s2) & (t1 <= t2))
        return np.where(first, s1, s2), np.where(first, t1, t2)

    def _shape(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """`costs.shape_deviation` of power pairings."""
        pos_i, pos_j = self.position[i], self.position[j]
        n_i, n_j = self.bracket_size[i], self.bracket_size[j]
        across = np.abs(2 * pos_i - (n_i - 1)) + np.abs(2 * pos_j - (n_j - 1))
        method = self.field.options.pairing
        gap = np.abs(pos_i - pos_j)
        if method == FOLD:
            within = np.abs(pos_i + pos_j - (n_i - 1))
        elif method == SLIDE:
            within = np.minimum(np.abs(gap - n_i // 2), np.abs(gap - (n_i + 1) // 2))
        else:
            within = gap - 1
        return np.where(self.points[i] == self.points[j], within, across)

    def _tiebreak(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """`field.pair_key(...) % TIE_RANGE`; in random rounds, first how far apart the shuffle
        dealt the two (0 when it dealt them together)."""
        mixed = (self.key[i] ^ self.key[j]) * np.uint64(
            PAIR_MIX
        )  # wraps mod 2**64: bits 32–47 kept
        coin = ((mixed >> np.uint64(32)) % np.uint64(TIE_RANGE)).astype(np.int64)
        if self.field.kind != RANDOM:
            return coin
        gap = j - i
        dealt = i // 2 == j // 2
        return np.where(dealt, 0, np.minimum(gap, self.n - gap)) * TIE_RANGE + coin

    # --- candidates --------------------------------------------------------------------------

    def candidates(self, teams: np.ndarray, window: int) -> np.ndarray:
        """Edge codes from each of `teams` to the opponents within `window` places of an ideal
        one (`candidates.candidates` for many teams at once)."""
        n = self.n
        if len(teams) == 0:
            return np.empty(0, dtype=np.int64)
        if 2 * window + 1 >= n:
            others = np.broadcast_to(np.arange(n), (len(teams), n))
            return self._codes(teams, others)
        offsets = np.arange(-window, window + 1)
        near = np.clip(teams[:, None] + offsets, 0, n - 1)
        parts = [self._codes(teams, near)]
        if self.field.kind != POWER:
            parts.append(self._codes(teams, (teams[:, None] + offsets) % n))
        else:
            parts.extend(self._bracket_candidates(teams, window, offsets))
        return np.unique(np.concatenate(parts))

    def _bracket_candidates(
        self, teams: np.ndarray, window: int, offsets: np.ndarray
    ) -> list[np.ndarray]:
        start, size = self.bracket_start[teams], self.bracket_size[teams]
        pos = self.position[teams]
        method = self.field.options.pairing
        if method == FOLD:
            centres = [size - 1 - pos]
        elif method == ADJACENT:
            centres = [pos - 1, pos + 1]
        else:
            centres = [
                pos + size // 2,
                pos - size // 2,
                pos + (size + 1) // 2,
                pos - (size + 1) // 2,
            ]
        parts = [self._within(teams, start, size, c, offsets) for c in centres]
        parts += [self._compatible(teams, start, size, c, window) for c in centres]
        # Pull-ups ideally join the middles of the neighbouring brackets (see shape_deviation).
        central = np.abs(2 * pos - (size - 1)) <= 2 * window + 1
        brackets = np.array(self.brackets, dtype=np.int64)
        rank = self.bracket_rank[teams]
        for step in (-1, 1):
            other = rank + step
            ok = central & (other >= 0) & (other < len(brackets))
            if not ok.any():
                continue
            o_start, o_size = brackets[other[ok], 0], brackets[other[ok], 1]
            middle = (o_size - 1) // 2
            for centre in (middle, middle + 1):
                parts.append(self._within(teams[ok], o_start, o_size, centre, offsets))
        return parts

    def _within(
        self,
        teams: np.ndarray,
        start: np.ndarray,
        size: np.ndarray,
        centre: np.ndarray,
        offsets: np.ndarray,
    ) -> np.ndarray:
        """Codes to the bracket members (bracket at `start`, `size` long) within the window of
        `centre`; places outside the bracket are dropped."""
        place = centre[:, None] + offsets
        inside = (place >= 0) & (place < size[:, None])
        others = np.where(inside, start[:, None] + place, teams[:, None])  # self: dropped below
        return self._codes(teams, others)

    def _compatible(
        self,
        teams: np.ndarray,
        start: np.ndarray,
        size: np.ndarray,
        centre: np.ndarray,
        window: int,
    ) -> np.ndarray:
        """Codes to the `window` bracket members on each side of `centre` that could take the
        other side without trouble: a team due a side rarely finds such an opponent among its
        nearest ones, and without them the round would need a second, wider pass."""
        parts = []
        for side, places in self.compatible.items():
            mine = self.prefers[teams] == side
            if not mine.any() or len(places) == 0:
                continue
            first, length = start[mine], size[mine]
            at = np.searchsorted(places, first + np.clip(centre[mine], 0, length - 1))
            picks = np.clip(at[:, None] + np.arange(-window, window), 0, len(places) - 1)
            others = places[picks]
            inside = (others >= first[:, None]) & (others < (first + length)[:, None])
            parts.append(self._codes(teams[mine], np.where(inside, others, teams[mine][:, None])))
        return np.concatenate(parts) if parts else np.empty(0, dtype=np.int64)

    def _codes(self, teams: np.ndarray, others: np.ndarray) -> np.ndarray:
        mine = np.broadcast_to(teams[:, None], others.shape).ravel()
        theirs = np.asarray(others).ravel()
        keep = mine != theirs
        low = np.minimum(mine, theirs)[keep]
        high = np.maximum(mine, theirs)[keep]
        return np.unique(low * self.n + high)


def _codes(values: list[str]) -> np.ndarray:
    """Equal strings get equal integers; the empty string gets -1 (it never clashes)."""
    numbers: dict[str, int] = {}
    return np.array(
        [-1 if not v else numbers.setdefault(v, len(numbers)) for v in values], dtype=np.int64
    )
