"""Shared test helpers: small field builders and hypothesis strategies for pairing requests."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from tourney.pairing.records import (
    AFF,
    NEG,
    PAIRING_METHODS,
    POWER,
    PairingOptions,
    PairingRequest,
    TeamRecord,
)


def ranked(*teams: TeamRecord) -> tuple[TeamRecord, ...]:
    """Give teams ranks in the order listed (the caller lists them by standing)."""
    return tuple(
        TeamRecord(**{**team.__dict__, "rank": i}) for i, team in enumerate(teams, start=1)
    )


def power(*teams: TeamRecord, seed: int = 1, **options: Any) -> PairingRequest:
    return PairingRequest(POWER, seed, ranked(*teams), PairingOptions(**options))


@st.composite
def requests(draw: st.DrawFn, kind: str = POWER, min_teams: int = 2, max_teams: int = 10):
    """A plausible round: some history (rematch risks), clashing schools, uneven sides."""
    n = draw(st.integers(min_teams, max_teams))
    ids = [f"T{i:02d}" for i in range(n)]
    rounds = draw(st.integers(0, 4))
    teams = []
    for team_id in ids:
        others = [other for other in ids if other != team_id]
        met = draw(st.lists(st.sampled_from(others), max_size=rounds))
        k = len(met)
        teams.append(
            TeamRecord(
                id=team_id,
                institution=draw(st.sampled_from(["", "A", "B", "C"])),
                region=draw(st.sampled_from(["N", "S"])),
                points=draw(st.integers(0, rounds)),
                opponents=tuple(met),
                sides=tuple(draw(st.lists(st.sampled_from([AFF, NEG]), min_size=k, max_size=k))),
                byes=draw(st.integers(0, 1)),
                pullups=draw(st.integers(0, 2)),
            )
        )
    teams.sort(key=lambda team: -team.points)
    options = PairingOptions(
        pairing=draw(st.sampled_from(PAIRING_METHODS)),
        avoid_same_institution=draw(st.booleans()),
        avoid_same_region=draw(st.booleans()),
    )
    return PairingRequest(kind, draw(st.integers(0, 2**31)), ranked(*teams), options)
