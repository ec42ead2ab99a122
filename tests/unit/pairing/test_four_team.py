"""Four-team (British Parliamentary) rounds: brackets and pull-ups, balanced positions, rooms
free of avoidable clashes, determinism, and the JSON interface."""

from __future__ import annotations

import io
import json
import random
from collections import Counter
from collections.abc import Callable
from itertools import combinations, product
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.hypothesis_profiles import examples
from tests.unit.pairing.builders import ranked
from tourney.pairing.cli import main
from tourney.pairing.engine import pair_round
from tourney.pairing.explain import explain
from tourney.pairing.positions import position_costs, position_counts
from tourney.pairing.records import (
    AFF,
    BP_POSITIONS,
    ELIMINATION,
    NEG,
    POWER,
    RANDOM,
    CostBreakdown,
    Draw,
    FourTeamDebate,
    PairedDebate,
    PairingInputError,
    PairingOptions,
    PairingRequest,
    TeamRecord,
)


def bp(
    teams: tuple[TeamRecord, ...] | list[TeamRecord], kind: str = POWER, seed: int = 1, **options
) -> PairingRequest:
    return PairingRequest(kind, seed, tuple(teams), PairingOptions(**options), teams_per_debate=4)


def field(n: int, **fields: Any) -> tuple[TeamRecord, ...]:
    return ranked(*(TeamRecord(id=f"T{i:02d}", **fields) for i in range(1, n + 1)))


def rooms(draw: Draw) -> list[FourTeamDebate]:
    assert all(isinstance(debate, FourTeamDebate) for debate in draw.debates)
    return list(draw.debates)  # type: ignore[arg-type]


@st.composite
def bp_requests(draw: st.DrawFn, kind: str = POWER, max_rooms: int = 6) -> PairingRequest:
    """A plausible BP round: points 0–3 a round, positions and rooms met so far, pull-ups."""
    n = 4 * draw(st.integers(1, max_rooms))
    ids = [f"T{i:02d}" for i in range(n)]
    rounds = draw(st.integers(0, 4))
    teams = []
    for team_id in ids:
        others = [other for other in ids if other != team_id]
        teams.append(
            TeamRecord(
                id=team_id,
                institution=draw(st.sampled_from(["", "A", "B", "C", "D"])),
                region=draw(st.sampled_from(["N", "S", "E"])),
                points=draw(st.integers(0, 3 * rounds)),
                opponents=tuple(draw(st.lists(st.sampled_from(others), max_size=3 * rounds))),
                sides=tuple(draw(st.lists(st.sampled_from(BP_POSITIONS), max_size=rounds))),
                pullups=draw(st.integers(0, 2)),
            )
        )
    teams.sort(key=lambda team: -team.points)
    options = PairingOptions(
        avoid_same_institution=draw(st.booleans()), avoid_same_region=draw(st.booleans())
    )
    return PairingRequest(
        kind, draw(st.integers(0, 2**31)), ranked(*teams), options, teams_per_debate=4
    )


any_bp_request = bp_requests(kind=POWER) | bp_requests(kind=RANDOM)


# --------------------------------------------------------------------------- the whole draw


@settings(max_examples=examples(100), deadline=None)
@given(any_bp_request)
def test_every_team_sits_exactly_once_and_nobody_has_a_bye(request):
    draw = pair_round(request)
    seated = [team for debate in rooms(draw) for _, team in debate.seats()]
    assert sorted(seated) == sorted(team.id for team in request.teams)
    assert draw.byes == ()
    for debate in rooms(draw):
        assert [position for position, _ in debate.seats()] == list(BP_POSITIONS)


@settings(max_examples=examples(60), deadline=None)
@given(any_bp_request, st.randoms())
def test_same_request_in_any_team_order_gives_the_same_draw(request, rnd):
    shuffled = list(request.teams)
    rnd.shuffle(shuffled)
    again = PairingRequest(
        request.kind, request.seed, tuple(shuffled), request.options, teams_per_debate=4
    )
    assert pair_round(again) == pair_round(request)


@pytest.mark.parametrize("count", [2, 5, 6, 7, 10, 18])
def test_the_field_must_be_a_multiple_of_four(count):
    with pytest.raises(PairingInputError, match=f"multiple of 4 teams.*not {count}$"):
        pair_round(bp(field(count)))


@pytest.mark.parametrize(
    ("request_", "message"),
    [
        (
            bp(field(10), kind=ELIMINATION),
            "elimination round needs 4·2\\^k or 6·2\\^k teams, not 10",
        ),
        (
            PairingRequest(POWER, 1, field(6), teams_per_debate=3),
            "teams_per_debate must be 2 or 4, not 3",
        ),
        (bp(field(4, sides=(AFF,))), "sides of team 'T01' must be one of og, oo, cg, co"),
        (PairingRequest(POWER, 1, field(4, sides=("og",))), "must be one of aff, neg"),
    ],
)
def test_requests_the_four_team_engine_cannot_draw_are_refused(request_, message):
    with pytest.raises(PairingInputError, match=message):
        pair_round(request_)


# --------------------------------------------------------------------------- random rounds


@pytest.mark.slow  # 800 draws: a statistical check
def test_random_rooms_and_positions_come_from_the_seed_not_the_input_order():
    teams = field(8)
    together = Counter()
    positions = Counter()
    seeds = 800
    for seed in range(seeds):
        draw = pair_round(bp(teams, kind=RANDOM, seed=seed))
        assert draw == pair_round(bp(teams[::-1], kind=RANDOM, seed=seed))
        [room] = [d for d in rooms(draw) if "T01" in d.teams]
        together.update(team for team in room.teams if team != "T01")
        positions[BP_POSITIONS[room.teams.index("T01")]] += 1
    # Each of the 7 others shares T01's room 3/7 of the time, T01 has each position 1/4 of it;
    # ±25% is more than 4 standard deviations.
    assert set(together) == {team.id for team in teams[1:]}
    assert all(abs(n - seeds * 3 / 7) < seeds * 3 / 7 / 4 for n in together.values())
    assert all(abs(positions[p] - seeds / 4) < seeds / 16 for p in BP_POSITIONS)


def test_a_random_round_is_not_the_input_order_dealt_into_rooms():
    teams = field(16)
    chunks = {frozenset(t.id for t in teams[i : i + 4]) for i in range(0, 16, 4)}
    for seed in range(5):
        draw = rooms(pair_round(bp(teams, kind=RANDOM, seed=seed)))
        assert {frozenset(d.teams) for d in draw} != chunks
        assert all(d.reasons[0] == ("random_draw", {}) for d in draw)


# --------------------------------------------------------------------------- brackets


@settings(max_examples=examples(100), deadline=None)
@given(bp_requests(kind=POWER, max_rooms=8))
def test_brackets_are_respected_and_pullups_go_to_the_fewest_pulled_up(request):
    teams = {team.id: team for team in request.teams}
    draw = rooms(pair_round(request))
    assert [d.bracket for d in draw] == sorted((d.bracket for d in draw), reverse=True)
    pulled_into: Counter[int] = Counter()
    for debate in draw:
        # Nobody is placed below their points; everyone below the room's bracket is pulled up.
        assert all(teams[t].points <= debate.bracket for t in debate.teams)
        assert set(debate.pullups) == {t for t in debate.teams if teams[t].points < debate.bracket}
        assert any(teams[t].points == debate.bracket for t in debate.teams)
        pulled_into[debate.bracket] += len(debate.pullups)
    assert all(count <= 3 for count in pulled_into.values())
    pulled = {team for debate in draw for team in debate.pullups}
    for up in pulled:
        for stayed in teams.values():
            if stayed.id not in pulled and stayed.points == teams[up].points:
                assert (stayed.pullups, stayed.rank) > (teams[up].pullups, teams[up].rank)


def test_pullups_are_taken_by_fewest_earlier_pullups_then_rank():
    top = [TeamRecord(id=f"A{i}", points=3) for i in range(6)]
    # B1 and B2 rank best below the top bracket but were pulled up before.
    below = [TeamRecord(id=f"B{i}", points=0, pullups=int(i <= 2)) for i in range(1, 7)]
    draw = rooms(pair_round(bp(ranked(*top, *below))))
    assert [d.bracket for d in draw] == [3, 3, 0]
    pulled = [team for debate in draw for team in debate.pullups]
    assert sorted(pulled) == ["B3", "B4"]
    [room] = [d for d in draw if "B3" in d.teams]
    assert room.cost.pullup == 9 * (1 if "B4" not in room.teams else 2)
    assert "B3 is pulled up from 0 points to 3 points" in explain(room)


def test_a_small_bracket_pulls_up_across_several_levels():
    teams = ranked(
        TeamRecord(id="A", points=6),
        TeamRecord(id="B", points=5),
        TeamRecord(id="C", points=4),
        TeamRecord(id="D", points=4),
        TeamRecord(id="E", points=4),
        *(TeamRecord(id=f"F{i}", points=1) for i in range(3)),
    )
    top, bottom = rooms(pair_round(bp(teams)))
    assert (top.bracket, set(top.teams)) == (6, {"A", "B", "C", "D"})
    assert (bottom.bracket, set(bottom.pullups)) == (4, {"F0", "F1", "F2"})


# --------------------------------------------------------------------------- positions


def _brute_force_position_cost(teams: tuple[TeamRecord, ...]) -> int:
    """The least total position cost over every way to give each position to a quarter."""
    costs = [position_costs(position_counts(team)) for team in teams]

    def best(left: tuple[int, ...], position: int) -> int:
        if not left:
            return 0
        return min(
            sum(costs[i][position] for i in chosen)
            + best(tuple(i for i in left if i not in chosen), position + 1)
            for chosen in combinations(left, len(teams) // 4)
        )

    return best(tuple(range(len(teams))), 0)


@settings(max_examples=examples(40), deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(BP_POSITIONS), max_size=6), min_size=8, max_size=8),
    st.integers(0, 1000),
)
def test_positions_are_an_optimal_assignment_within_a_bracket(histories, seed):
    teams = field(8)
    teams = tuple(
        TeamRecord(**{**t.__dict__, "sides": tuple(h)})
        for t, h in zip(teams, histories, strict=True)
    )
    draw = rooms(pair_round(bp(teams, seed=seed)))
    assert sum(d.cost.side for d in draw) == _brute_force_position_cost(teams)


def test_a_team_gets_the_position_it_has_had_least():
    teams = field(4, sides=("og", "oo", "cg"))
    teams = (TeamRecord(**{**teams[0].__dict__, "sides": ("oo", "cg", "co")}), *teams[1:])
    [room] = rooms(pair_round(bp(teams)))
    assert room.teams[0] == "T01"  # the only team that has not been OG
    # Each of the other three has not been CO: one gets it, two get a position a second time.
    assert room.cost.side == 2
    worst = [p for code, p in room.reasons if code == "position_history"]
    assert [p["team"] for p in worst] == [room.teams[1], room.teams[2]]
    assert "for the 2nd time (0 times in its least-held position)" in explain(room)


Pairer = Callable[[PairingRequest], list[tuple[tuple[str, ...], tuple[str, ...]]]]


def _engine(request: PairingRequest):
    return [(d.teams, d.pullups) for d in rooms(pair_round(request))]


def _rank_order(request: PairingRequest):
    """The naive draw: rooms of four down the standings, positions in rank order."""
    order = sorted(request.teams, key=lambda team: team.rank)
    return [(tuple(t.id for t in order[i : i + 4]), ()) for i in range(0, len(order), 4)]


def simulate(pairer: Pairer, seed: int, teams: int = 48, rounds: int = 6) -> list[int]:
    """A tournament with hidden strengths: round 1 random, then power-paired; each room ranked
    by strength plus noise (3/2/1/0 points). Returns each team's max − min position count."""
    rnd = random.Random(seed)
    ids = [f"T{i:02d}" for i in range(teams)]
    strength = {team: rnd.gauss(0, 1) for team in ids}
    points = dict.fromkeys(ids, 0)
    speaks = dict.fromkeys(ids, 0.0)
    sides: dict[str, list[str]] = {team: [] for team in ids}
    met: dict[str, list[str]] = {team: [] for team in ids}
    pullups = dict.fromkeys(ids, 0)
    for number in range(rounds):
        order = sorted(ids, key=lambda t: (-points[t], -speaks[t], t))
        records = tuple(
            TeamRecord(
                id=t,
                institution=f"S{int(t[1:]) // 3}",
                points=points[t],
                rank=rank,
                opponents=tuple(met[t]),
                sides=tuple(sides[t]),
                pullups=pullups[t],
            )
            for rank, t in enumerate(order, start=1)
        )
        kind = RANDOM if number == 0 else POWER
        for room, pulled in pairer(bp(records, kind=kind, seed=seed * 100 + number)):
            result = {t: strength[t] + rnd.gauss(0, 1) for t in room}
            for place, team in enumerate(sorted(room, key=result.__getitem__, reverse=True)):
                points[team] += 3 - place
                speaks[team] += result[team]
            for position, team in zip(BP_POSITIONS, room, strict=True):
                sides[team].append(position)
                met[team] += [other for other in room if other != team]
            for team in pulled:
                pullups[team] += 1
    counts = [[history.count(position) for position in BP_POSITIONS] for history in sides.values()]
    return [max(c) - min(c) for c in counts]


def test_positions_stay_balanced_over_a_tournament_unlike_rank_order():
    """Measured over seeds 0–19 (960 teams): every team ends 6 rounds at max − min = 1, the least
    possible; the rank-order baseline leaves half the teams at 3 or more, some at 6."""
    ours = [spread for seed in range(5) for spread in simulate(_engine, seed)]
    naive = [spread for seed in range(5) for spread in simulate(_rank_order, seed)]
    assert max(ours) <= 2
    assert sum(spread <= 1 for spread in ours) >= 0.97 * len(ours)
    assert sum(ours) < 0.6 * sum(naive)
    assert max(naive) >= 4


# --------------------------------------------------------------------------- clashes


def _clash_tiers(room: tuple[str, ...], teams: dict[str, TeamRecord]) -> tuple[int, int, int]:
    pairs = list(combinations(room, 2))
    return (
        sum(teams[a].institution == teams[b].institution != "" for a, b in pairs),
        sum(teams[a].region == teams[b].region != "" for a, b in pairs),
        sum(max(teams[a].opponents.count(b), teams[b].opponents.count(a)) for a, b in pairs),
    )


def _splits(teams: list[str]):
    """Every split of 8 teams into two rooms of four."""
    first, rest = teams[0], teams[1:]
    for others in combinations(rest, 3):
        room = (first, *others)
        yield room, tuple(t for t in teams if t not in room)


one_bracket_of_eight = st.builds(
    lambda institutions, regions, met, kind, seed: bp(
        ranked(
            *(
                TeamRecord(
                    id=f"T{i}",
                    institution=institutions[i],
                    region=regions[i],
                    opponents=tuple(f"T{j}" for j in met[i] if j != i),
                )
                for i in range(8)
            )
        ),
        kind=kind,
        seed=seed,
        avoid_same_region=True,
    ),
    st.lists(st.sampled_from(["", "A", "B", "C"]), min_size=8, max_size=8),
    st.lists(st.sampled_from(["N", "S", "E", "W"]), min_size=8, max_size=8),
    st.lists(st.lists(st.integers(0, 7), max_size=3), min_size=8, max_size=8),
    st.sampled_from([RANDOM, POWER]),
    st.integers(0, 1000),
)


@settings(max_examples=examples(150), deadline=None)
@given(one_bracket_of_eight)
def test_same_school_rooms_are_avoided_whenever_any_split_avoids_them(request):
    teams = {team.id: team for team in request.teams}
    draw = rooms(pair_round(request))
    best = min(
        sum(_clash_tiers(room, teams)[0] for room in split) for split in _splits(sorted(teams))
    )
    found = sum(d.cost.institution for d in draw)
    assert found == sum(_clash_tiers(d.teams, teams)[0] for d in draw)
    if best == 0:
        assert found == 0


@settings(max_examples=examples(150), deadline=None)
@given(one_bracket_of_eight)
def test_rooms_are_the_best_split_that_keeps_every_position(request):
    """School, then region, then rematches: no exchange of same-position teams does better."""
    teams = {team.id: team for team in request.teams}
    one, two = rooms(pair_round(request))

    def tiers(rooms_: tuple[tuple[str, ...], ...]) -> tuple[int, ...]:
        return tuple(map(sum, zip(*(_clash_tiers(room, teams) for room in rooms_), strict=True)))

    drawn = tiers((one.teams, two.teams))
    assert drawn == tuple(
        sum(getattr(d.cost, name) for d in (one, two))
        for name in ("institution", "region", "rematch")
    )
    for swap in product([False, True], repeat=4):
        a = tuple(y if s else x for x, y, s in zip(one.teams, two.teams, swap, strict=True))
        b = tuple(x if s else y for x, y, s in zip(one.teams, two.teams, swap, strict=True))
        assert drawn <= tiers((a, b))


def test_same_region_is_kept_apart_only_when_asked():
    teams = ranked(*(TeamRecord(id=f"T{i}", region="NS"[i % 2]) for i in range(8)))
    asked = rooms(pair_round(bp(teams, avoid_same_region=True)))
    not_asked = rooms(pair_round(bp(teams)))
    assert sum(d.cost.region for d in asked) == 4  # two from each region in each room
    assert all(d.cost.region == 0 for d in not_asked)
    assert all(code != "same_region" for d in not_asked for code, _ in d.reasons)


def test_a_room_explains_its_school_clash_and_earlier_meetings():
    teams = ranked(
        *(TeamRecord(id=f"T{i}", institution="S") for i in range(3)),
        TeamRecord(id="T3", opponents=("T0",)),
    )
    [room] = rooms(pair_round(bp(teams)))
    assert room.cost == CostBreakdown(rematch=1, institution=3)
    [school] = [p for code, p in room.reasons if code == "same_institution"]
    assert school["institution"] == "S"
    assert school["teams"] == [team for team in room.teams if team != "T3"]  # in seat order
    text = explain(room)
    assert text.startswith(", ".join(f"{t} ({p.upper()})" for p, t in room.seats()) + ": ")
    assert "{}, {} and {} are all from S".format(*school["teams"]) in text
    assert "met before: " in text and text.endswith(".")


# --------------------------------------------------------------------------- interface


def test_two_team_debates_list_their_seats_too():
    debate = PairedDebate("A", "B", 0, CostBreakdown(), None, ())
    assert debate.seats() == (("aff", "A"), ("neg", "B"))
    assert tuple(side for side, _ in debate.seats()) == (AFF, NEG)


REQUEST = {
    "kind": "power",
    "seed": 7,
    "teams_per_debate": 4,
    "teams": [
        {"id": f"T{i}", "institution": "AB"[i % 2], "points": 3 - i // 3, "rank": i,
         "sides": [BP_POSITIONS[i % 4]], "opponents": [f"T{(i + 1) % 8 + 1}"]}
        for i in range(1, 9)
    ],
}  # fmt: skip


def run(request: object) -> tuple[int, Any, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    code = main(io.StringIO(json.dumps(request)), stdout, stderr)
    return code, stdout.getvalue() and json.loads(stdout.getvalue()), stderr.getvalue()


def test_cli_draws_a_four_team_round():
    points = {team["id"]: team["points"] for team in REQUEST["teams"]}
    code, response, err = run(REQUEST)
    assert (code, err) == (0, "")
    assert response["byes"] == []
    seated = [team for debate in response["debates"] for team in debate["teams"].values()]
    assert sorted(seated) == [f"T{i}" for i in range(1, 9)]
    for debate in response["debates"]:
        assert list(debate["teams"]) == list(BP_POSITIONS)
        assert set(debate) >= {"teams", "bracket", "cost", "pullups", "explain"}
        assert set(debate["cost"]) >= {"pullup", "institution", "rematch", "side"}
        assert debate["explain"].startswith(f"{debate['teams']['og']} (OG), ")
        assert "aff" not in debate
        below = [t for t in debate["teams"].values() if points[t] < debate["bracket"]]
        assert sorted(debate["pullups"]) == sorted(below)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {
                "teams": [
                    *REQUEST["teams"],
                    *({"id": f"T{i}", "points": 0, "rank": i} for i in (9, 10)),
                ]
            },
            "a four-team round needs a multiple of 4 teams (no byes in BP), not 10",
        ),
        ({"teams_per_debate": "four"}, "teams_per_debate must be int"),
        (
            {
                "kind": "elimination",
                "teams": [
                    *REQUEST["teams"],
                    *({"id": f"T{i}", "points": 0, "rank": i} for i in (9, 10)),
                ],
            },
            "a four-team elimination round needs 4·2^k or 6·2^k teams, not 10",
        ),
    ],
)
def test_cli_refuses_a_bad_four_team_request_in_one_line(changes, message):
    code, response, err = run({**REQUEST, **changes})
    assert code == 2
    assert response == ""
    assert message in err
    assert err.count("\n") == 1
