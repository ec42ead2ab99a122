"""Qualification from the district qualifiers to the national final.

Each district sends its top K teams; then the M best of the remaining teams across all districts
take wildcards, compared by a cross-district chain of standings metrics (default: wins, then
average team speaker score, then average margin; higher is better). A team that declines is
replaced by the next team in line — the next in its district for a district seat, the next in the
wildcard order for a wildcard — and that team qualifies as an "alternate". A tie across any cut is
reported with the teams and the open seats, never decided here (record a coin toss in the
district's standings, or settle the wildcard tie, and run again). Teams tied at a district cut are
pending: wildcard seats they could still take (by losing that tie) are reported as a wildcard tie
listing every team that may yet get them, and pending teams are not on the reserve list.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from tourney.scoring.ranking import (
    Ranked,
    Splitter,
    cut_at_line,
    rank_by_chain,
    split_by_lots,
    split_by_value,
)
from tourney.scoring.standings import StandingRow, Standings
from tourney.scoring.values import TeamId, id_key

WILDCARD_PRECEDENCE = ("wins", "speaks_avg", "margin_avg")


@dataclass(frozen=True)
class Qualifier:
    team_id: TeamId
    district: str
    district_rank: int
    how: str  # "top_k" | "wildcard" | "alternate"; for an entry of `alternates`: "reserve"


@dataclass(frozen=True)
class CutTie:
    scope: str  # a district code, or "wildcard"
    team_ids: tuple[TeamId, ...]
    open_slots: int


@dataclass(frozen=True)
class QualificationResult:
    qualifiers: tuple[Qualifier, ...]
    alternates: tuple[Qualifier, ...]  # the wildcard waiting list, best first
    ties: tuple[CutTie, ...]
    declined: tuple[TeamId, ...]

    @property
    def complete(self) -> bool:
        return not self.ties


@dataclass(frozen=True)
class _Entry:
    district: str
    row: StandingRow
    declined: bool = False
    pending: bool = False  # tied at its district's cut: may yet take a district seat


def qualify(
    districts: Mapping[str, Standings],
    top_k: int | Mapping[str, int],
    wildcards: int,
    declined: Collection[TeamId] = (),
    wildcard_precedence: Sequence[str] = WILDCARD_PRECEDENCE,
    coin_toss: Mapping[TeamId, int] | None = None,
) -> QualificationResult:
    """Qualifiers from each district's standings; `coin_toss` settles a reported wildcard tie
    (lots for the tied teams, higher first). District ties are settled in the district standings.
    `top_k` is one quota for every district, or a quota per district code.
    """
    declined_set = set(declined)
    qualifiers: list[Qualifier] = []
    ties: list[CutTie] = []
    pool: list[_Entry] = []
    for district in sorted(districts):
        quota = top_k[district] if isinstance(top_k, Mapping) else top_k
        rows = districts[district].rows
        place = {r.team_id: i for i, r in enumerate(rows)}
        available = [r for r in rows if r.team_id not in declined_set]
        above, tied, below = cut_at_line(available, lambda r: r.rank, quota)
        for r in above:
            how = "top_k" if place[r.team_id] < quota else "alternate"
            qualifiers.append(Qualifier(r.team_id, district, r.rank, how))
        if tied:
            ties.append(CutTie(district, tuple(r.team_id for r in tied), quota - len(above)))
        # Declined teams below the cut stay in the pool so that whoever replaces them is marked
        # as an alternate; they are skipped when the wildcards are handed out.
        pool += [_Entry(district, r) for r in below]
        pool += [_Entry(district, r, pending=True) for r in tied]
        pool += [
            _Entry(district, r, declined=True)
            for r in rows
            if r.team_id in declined_set and place[r.team_id] >= quota
        ]
    pending_winners = sum(t.open_slots for t in ties)
    ranked = _rank_pool(pool, wildcard_precedence, coin_toss or {})
    wild, alternates, tie = _wildcards(ranked, wildcards, pending_winners)
    return QualificationResult(
        qualifiers=(*qualifiers, *wild),
        alternates=alternates,
        ties=(*ties, tie) if tie else tuple(ties),
        declined=tuple(sorted(declined_set, key=id_key)),
    )


def _rank_pool(
    pool: list[_Entry], precedence: Sequence[str], lots: Mapping[TeamId, int]
) -> list[Ranked[_Entry]]:
    def metric(code: str) -> Splitter[_Entry]:
        return split_by_value(lambda e: e.row.values.get(code, Fraction(0)))

    return rank_by_chain(
        pool,
        [
            *((code, metric(code)) for code in precedence),
            ("coin_toss", split_by_lots(lots, lambda e: e.row.team_id)),
        ],
        lambda e: (e.district, id_key(e.row.team_id)),
    )


def _qualifier(r: Ranked[_Entry], how: str) -> Qualifier:
    return Qualifier(r.item.row.team_id, r.item.district, r.item.row.rank, how)


def _wildcards(
    ranked: list[Ranked[_Entry]], seats: int, pending_winners: int
) -> tuple[tuple[Qualifier, ...], tuple[Qualifier, ...], CutTie | None]:
    """Wildcard qualifiers, the reserve list and any undecided wildcard seats.

    Teams tied at a district cut are pending: `pending_winners` of them will take district seats
    and the others compete for wildcards. A team is still in contention for one of the `open`
    undecided seats unless enough teams certainly rank above it: every open team ranked above it,
    plus the pending teams above it beyond the `pending_winners` that may leave for district seats.
    """
    order = {id(r): i for i, r in enumerate(ranked)}
    open_ = [r for r in ranked if not r.item.declined and not r.item.pending]
    pending = [r for r in ranked if r.item.pending]
    above, tied, below = cut_at_line(open_, lambda r: r.rank, seats)
    if pending:
        decided = [r for r in above if r.rank < pending[0].rank]
        left = seats - len(decided)

        def certainly_above(r: Ranked[_Entry]) -> int:
            open_above = sum(1 for o in open_ if o.rank < r.rank and o not in decided)
            pending_above = sum(1 for p in pending if p.rank < r.rank)
            return open_above + max(0, pending_above - pending_winners)

        rest = [r for r in ranked if not r.item.declined and r not in decided]
        tied = [r for r in rest if certainly_above(r) < left] if left else []
        above = decided
        below = [r for r in open_ if r not in decided and r not in tied]
    wild = tuple(_qualifier(r, "wildcard" if order[id(r)] < seats else "alternate") for r in above)
    reserve = tuple(_qualifier(r, "reserve") for r in below)
    if not tied:
        return wild, reserve, None
    ids = tuple(r.item.row.team_id for r in tied)
    return wild, reserve, CutTie("wildcard", ids, seats - len(above))
