"""The speaker tab: individual speakers ranked by average, trimmed mean or total.

Ties on the chosen metric fall through the other two (average, trimmed mean, total, in that order)
and then to the standard deviation, where the steadier speaker (lower deviation) ranks higher.
Reply speeches (WSDC, AP) are tabbed separately: pass `replies=True` for the reply tab.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction

from tourney.scoring.ranking import rank_by_chain, split_by_value, tied_groups
from tourney.scoring.values import SpeakerId, TeamId, exact, id_key, mean

SPEAKER_TAB_METRICS = ("average", "trimmed_mean", "total")


@dataclass(frozen=True)
class SpeakerRoundScore:
    """One speech's (averaged) score, as `results.SpeakerResult` gives it for one round."""

    speaker_id: SpeakerId
    team_id: TeamId
    round_number: int
    score: Decimal | Fraction
    is_reply: bool = False


@dataclass(frozen=True)
class SpeakerRow:
    speaker_id: SpeakerId
    team_id: TeamId
    rank: int | None  # None for speakers below `min_speeches`
    speeches: int
    total: Fraction
    average: Fraction
    trimmed_mean: Fraction  # high and low dropped when there are at least three speeches
    stdev: Decimal  # population standard deviation
    separated_by: str | None


@dataclass(frozen=True)
class SpeakerTab:
    metric: str
    rows: tuple[SpeakerRow, ...]
    unranked: tuple[SpeakerRow, ...]
    unresolved_ties: tuple[tuple[SpeakerId, ...], ...]


def _trimmed_mean(scores: Sequence[Fraction]) -> Fraction:
    ordered = sorted(scores)
    return mean(ordered[1:-1]) if len(ordered) >= 3 else mean(ordered)


def _stdev(scores: Sequence[Fraction]) -> Decimal:
    avg = mean(scores)
    variance = mean((s - avg) ** 2 for s in scores)
    return (Decimal(variance.numerator) / Decimal(variance.denominator)).sqrt()


def _row(speaker: SpeakerId, records: Sequence[SpeakerRoundScore]) -> SpeakerRow:
    scores = [exact(r.score) for r in records]
    latest = max(records, key=lambda r: (r.round_number, id_key(r.team_id)))
    return SpeakerRow(
        speaker_id=speaker,
        team_id=latest.team_id,
        rank=None,
        speeches=len(scores),
        total=sum(scores, Fraction(0)),
        average=mean(scores),
        trimmed_mean=_trimmed_mean(scores),
        stdev=_stdev(scores),
        separated_by=None,
    )


def speaker_tab(
    scores: Sequence[SpeakerRoundScore],
    metric: str = "average",
    *,
    category: str | None = None,
    categories: Mapping[SpeakerId, Collection[str]] | None = None,
    replies: bool = False,
    min_speeches: int = 1,
) -> SpeakerTab:
    """Rank speakers; with `category`, only speakers whose `categories` include it are tabbed."""
    if metric not in SPEAKER_TAB_METRICS:
        raise ValueError(f"unknown speaker tab metric {metric!r}")
    by_speaker: dict[SpeakerId, list[SpeakerRoundScore]] = defaultdict(list)
    for record in scores:
        if record.is_reply != replies:
            continue
        if category is not None and category not in (categories or {}).get(record.speaker_id, ()):
            continue
        by_speaker[record.speaker_id].append(record)
    rows = {s: _row(s, records) for s, records in by_speaker.items()}
    eligible = [s for s, row in rows.items() if row.speeches >= min_speeches]
    chain = [
        (m, split_by_value(lambda s, m=m: getattr(rows[s], m)))
        for m in (metric, *(m for m in SPEAKER_TAB_METRICS if m != metric))
    ]
    chain.append(("stdev", split_by_value(lambda s: rows[s].stdev, higher_is_better=False)))
    ranked = rank_by_chain(eligible, chain, id_key)
    return SpeakerTab(
        metric=metric,
        rows=tuple(replace(rows[r.item], rank=r.rank, separated_by=r.separated_by) for r in ranked),
        unranked=tuple(
            rows[s] for s in sorted(rows, key=id_key) if rows[s].speeches < min_speeches
        ),
        unresolved_ties=tuple(tied_groups(ranked)),
    )
