"""Small constructors for allocation requests in tests."""

from __future__ import annotations

from tourney.pairing.allocation_model import (
    Adjudicator,
    AllocationOptions,
    AllocationRequest,
    Debate,
    Room,
    Team,
)


def team(id: str, institution: str | None = None, region: str = "Sughd", **kw) -> Team:
    return Team(id, institution if institution is not None else f"School of {id}", region, **kw)


def judge(id: str, rating: float = 5.0, institution: str | None = None, **kw) -> Adjudicator:
    kw.setdefault("region", "Dushanbe")
    inst = institution if institution is not None else f"Institute of {id}"
    return Adjudicator(id, rating, institution=inst, **kw)


def debates(*teams_per_debate: tuple[str, ...], importance: tuple[int, ...] = ()) -> list[Debate]:
    """Debates D1, D2, … with the given teams (and importance, default 0)."""
    levels = importance or (0,) * len(teams_per_debate)
    return [
        Debate(f"D{i + 1}", tuple(teams), level)
        for i, (teams, level) in enumerate(zip(teams_per_debate, levels, strict=True))
    ]


def request(
    debates: list[Debate],
    judges: list[Adjudicator],
    teams: list[Team] | None = None,
    rooms: list[Room] | None = None,
    seed: int = 0,
    **options,
) -> AllocationRequest:
    """A request; teams default to one per team id in the debates, each its own school."""
    if teams is None:
        teams = [team(t) for d in debates for t in d.teams]
    return AllocationRequest(
        tuple(debates),
        tuple(teams),
        tuple(judges),
        tuple(rooms or ()),
        AllocationOptions(**options),
        seed,
    )


def pairs(n: int) -> list[tuple[str, str]]:
    """Team ids for n two-team debates: (A1, B1), (A2, B2), …"""
    return [(f"A{i}", f"B{i}") for i in range(1, n + 1)]
