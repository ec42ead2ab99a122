"""Qualification from the district qualifiers to the national final.

Each district sends its top K teams; then the M best of the remaining teams across all districts
take wildcards, compared by a cross-district chain of standings metrics (default: wins, then
average team speaker score, then average margin; higher is better). A team that declines is
replaced by the next team in line — the next in its district for a district seat, the next in the
wildcard order for a wildcard — and that team qualifies as an "alternate". A tie across any cut is
reported with the teams and the open seats, never decided here (record a coin toss in the
district's standings, or settle the wildcard tie, and run again). Teams tied at a district cut are
left out of the wildcard pool, so the wildcard part is incomplete until that tie is settled.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from tourney.scoring.ranking import Ranked, Splitter, cut_at_line, rank_by_chain, split_by_value
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


def qualify(
    districts: Mapping[str, Standings],
    top_k: int,
    wildcards: int,
    declined: Collection[TeamId] = (),
    wildcard_precedence: Sequence[str] = WILDCARD_PRECEDENCE,
) -> QualificationResult:
    declined_set = set(declined)
    qualifiers: list[Qualifier] = []
    ties: list[CutTie] = []
    pool: list[_Entry] = []
    for district in sorted(districts):
        rows = districts[district].rows
        place = {r.team_id: i for i, r in enumerate(rows)}
        available = [r for r in rows if r.team_id not in declined_set]
        above, tied, below = cut_at_line(available, lambda r: r.rank, top_k)
        qualifiers += [
            Qualifier(
                r.team_id, district, r.rank, "top_k" if place[r.team_id] < top_k else "alternate"
            )
            for r in above
        ]
        if tied:
            ties.append(CutTie(district, tuple(r.team_id for r in tied), top_k - len(above)))
        # Declined teams below the cut stay in the pool so that whoever replaces them is marked
        # as an alternate; they are skipped when the wildcards are handed out.
        late_declines = [r for r in rows if r.team_id in declined_set and place[r.team_id] >= top_k]
        pool += [_Entry(district, r) for r in (*below, *late_declines)]

    ranked = _rank_pool(pool, wildcard_precedence)
    order = {(r.item.district, r.item.row.team_id): i for i, r in enumerate(ranked)}
    available_ranked = [r for r in ranked if r.item.row.team_id not in declined_set]
    above_w, tied_w, below_w = cut_at_line(available_ranked, lambda r: r.rank, wildcards)

    def entry(r: Ranked[_Entry], how: str) -> Qualifier:
        return Qualifier(r.item.row.team_id, r.item.district, r.item.row.rank, how)

    qualifiers += [
        entry(
            r, "wildcard" if order[r.item.district, r.item.row.team_id] < wildcards else "alternate"
        )
        for r in above_w
    ]
    if tied_w:
        ids = tuple(r.item.row.team_id for r in tied_w)
        ties.append(CutTie("wildcard", ids, wildcards - len(above_w)))
    return QualificationResult(
        qualifiers=tuple(qualifiers),
        alternates=tuple(entry(r, "reserve") for r in below_w),
        ties=tuple(ties),
        declined=tuple(sorted(declined_set, key=id_key)),
    )


def _rank_pool(pool: list[_Entry], precedence: Sequence[str]) -> list[Ranked[_Entry]]:
    def metric(code: str) -> Splitter[_Entry]:
        return split_by_value(lambda e: e.row.values.get(code, Fraction(0)))

    return rank_by_chain(
        pool,
        [(code, metric(code)) for code in precedence],
        lambda e: (e.district, id_key(e.row.team_id)),
    )
